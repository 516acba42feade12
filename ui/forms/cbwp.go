package forms

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- common (shared) bandwidth packages ----

func cbwpOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation { return &cbwpCreate{Bandwidth: "10", charge: "PayByBandwidth"} },
		Edit: attrEdit("shared bandwidth package", "BandwidthPackageId", "Name",
			client.ModifyCommonBandwidthPackageAttribute),
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: cbwpAbout, Refuse: cbwpBusy,
			Stops: func(o *model.Object) []string {
				return []string{"Its EIPs go back to their own bandwidth and billing."}
			},
			Impact: func(_ context.Context, _ *FormCtx, o *model.Object) ([]string, []string, error) {
				var blockers []string
				for _, ip := range o.Val().(*model.CommonBandwidthPackage).IPs() {
					blockers = append(blockers, "EIP "+ip.IpAddress+" ("+ip.AllocationId+") is in it")
				}
				return nil, blockers, nil
			},
			Force: "Force=true: the API removes every EIP from the package first, then deletes it",
		}, "BandwidthPackageId", client.DeleteCommonBandwidthPackage),
		Actions: actionsOn(func(fc *FormCtx, p *model.CommonBandwidthPackage) []actionItem {
			out := []actionItem{
				{Label: "Add EIP", Hint: "put a pay-as-you-go EIP of " + fc.Target.Region + " in the package", Make: newCbwpAdd},
				{Label: "Change bandwidth", Hint: "the package's peak, " + fmt.Sprint(model.CbwpMinBandwidth) + "-" + fmt.Sprint(model.CbwpMaxBandwidth) + " Mbit/s",
					Make: func(fc *FormCtx) Mutation { return newCbwpSpec(fc, p.Bandwidth) }},
			}
			if p.InstanceChargeType != "PrePaid" {
				out = append(out, actionItem{Label: "Convert to subscription", Hint: "PostPaid → PrePaid, for good (reviewed before it is sent)",
					Make: newCbwpPayType})
			}
			for _, ip := range p.IPs() {
				out = append(out, actionItem{Label: "Remove " + ip.IpAddress, Hint: "take " + ip.AllocationId + " out of the package",
					Destroy: func(*FormCtx) *DeleteSpec { return cbwpRemoveSpec(ip) }})
			}
			return out
		}),
	}
}

func cbwpAbout(_ *FormCtx, o *model.Object) []string {
	p := o.Val().(*model.CommonBandwidthPackage)
	line := fmt.Sprintf("%s Mbit/s shared, %s, %s", p.Bandwidth, cbwpMetering(p), p.InstanceChargeType)
	if n := len(p.IPs()); n > 0 {
		line += fmt.Sprintf(", %s: %s", plural(n, "EIP", "EIPs"), strings.Join(p.Addresses(), ", "))
	}
	return []string{line}
}

func cbwpMetering(p *model.CommonBandwidthPackage) string {
	if p.InternetChargeType == "PayBy95" {
		return fmt.Sprintf("enhanced 95th percentile (%d%% guaranteed)", p.Ratio)
	}
	return "pay by bandwidth"
}

// cbwpBusy refuses any change while the package is not settled: the API
// answers only queries until it is Available with no EIP moving.
func cbwpBusy(o *model.Object) string {
	if s := o.Val().(*model.CommonBandwidthPackage).Phase(); s != "Available" {
		return fmt.Sprintf("%s is %s; a shared bandwidth package accepts changes only when Available (ctrl+r shows when it settles)", o.ID, s)
	}
	return ""
}

// cbwpCreate makes a package: bandwidth, metering (Ratio with PayBy95
// only), name, description. It costs money: reviewed before it is sent.
type cbwpCreate struct{ Bandwidth, charge, ratio, Name, Desc string }

func (m *cbwpCreate) Title() string  { return "Create shared bandwidth package" }
func (m *cbwpCreate) Action() string { return "CreateCommonBandwidthPackage" }

func (m *cbwpCreate) ratioCheck(s string) error { return model.CheckCbwpRatio(m.charge, s) }

func (m *cbwpCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckCbwpBandwidth, "the peak shared by its EIPs, 1-1000"),
		huh.NewSelect[string]().Title("Metering").Value(&m.charge).Options(
			huh.NewOption("pay by bandwidth", "PayByBandwidth"), huh.NewOption("enhanced 95th percentile (PayBy95)", "PayBy95")),
		liveInput("Guaranteed ratio (%)", &m.ratio, m.ratioCheck, "PayBy95 only, and then required: 10-100"),
		nameField(&m.Name), descField(&m.Desc),
	))
}

func (m *cbwpCreate) Check(fc *FormCtx) error {
	return checks(check("bandwidth", model.CheckCbwpBandwidth(m.Bandwidth)), check("ratio", m.ratioCheck(m.ratio)),
		check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)))
}

// Request is what Submit sends; the review page lists it first.
func (m *cbwpCreate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *cbwpCreate) Input(fc *FormCtx, token string) *client.CreateCommonBandwidthPackageInput {
	bw, _ := strconv.Atoi(strings.TrimSpace(m.Bandwidth))
	in := &client.CreateCommonBandwidthPackageInput{RegionId: fc.Region, Bandwidth: bw, InternetChargeType: m.charge,
		Name: m.Name, Description: m.Desc, ClientToken: token}
	if m.charge == "PayBy95" {
		in.Ratio, _ = strconv.Atoi(strings.TrimSpace(m.ratio))
	}
	return in
}

func (m *cbwpCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.CreateCommonBandwidthPackage.Call(ctx, fc.Client, in)
	return created(fc, m, "cbwp", "BandwidthPackageId", in, out, err)
}

// cbwpGate is the part every package action shares: the package is read
// again when the form opens (its status decides, the row may be older),
// and refuse says why nothing can be sent (the form then says it instead
// of its fields). obj is the row's and never changes (titles read it while
// Prepare runs); fresh is the copy read then. Each action declares its
// title, API action, own refusal (more), what it loads, fields and check.
type cbwpGate struct {
	gated
	obj, Fresh *model.Object
	more       func(p *model.CommonBandwidthPackage) string
	load       func(ctx context.Context, fc *FormCtx) error
}

func (g *cbwpGate) Prepare(ctx context.Context, fc *FormCtx) error {
	if err := g.refresh(ctx, fc, g.more); err != nil || g.Refuse != "" || g.load == nil {
		return err
	}
	return g.load(ctx, fc)
}

// current is the package as last read.
func (g *cbwpGate) Current() *model.Object {
	if g.Fresh != nil {
		return g.Fresh
	}
	return g.obj
}

func (g *cbwpGate) pkg() *model.CommonBandwidthPackage {
	return g.Current().Val().(*model.CommonBandwidthPackage)
}

func (g *cbwpGate) refresh(ctx context.Context, fc *FormCtx, more func(p *model.CommonBandwidthPackage) string) error {
	fresh, err := reread(ctx, fc, g.obj, &g.Refuse)
	if fresh == nil {
		return err
	}
	g.Fresh = fresh
	if g.Refuse = cbwpBusy(fresh); g.Refuse == "" && more != nil {
		g.Refuse = more(g.pkg())
	}
	return nil
}

// cbwpAdd puts an EIP in the package, picked from the region's
// pay-as-you-go EIPs that are in no package (seed 003 §19.5: post-paid
// EIPs of the package's region only).
type cbwpAdd struct {
	cbwpGate
	eip  string
	Eips []Pick
}

func newCbwpAdd(fc *FormCtx) Mutation {
	m := &cbwpAdd{cbwpGate: cbwpGate{obj: fc.Target, gated: gated{title: "Add an EIP to " + fc.Target.ID, action: "AddCommonBandwidthPackageIp"}}}
	m.load, m.fields, m.check = m.eips, m.form, m.checkEip
	return m
}

// eips loads the EIPs that can be added.
func (m *cbwpAdd) eips(ctx context.Context, fc *FormCtx) error {
	eips, err := client.DescribeEipAddresses.Call(ctx, fc.Client, &client.DescribeEipAddressesInput{RegionId: m.obj.Region, ChargeType: "PostPaid"})
	if err != nil {
		return err
	}
	m.Eips = []Pick{}
	for _, e := range eips {
		if e.ChargeType == "PostPaid" && e.BandwidthPackageId == "" {
			m.Eips = append(m.Eips, Pick{fmt.Sprintf("%s  %s  %s  %s", e.IpAddress, e.AllocationId, e.Name, e.Status), e.AllocationId})
		}
	}
	m.eip = keepOrFirst(m.eip, m.Eips)
	return nil
}

func (m *cbwpAdd) form() []huh.Field {
	return []huh.Field{pickerWith("EIP", &m.eip, m.Eips,
		"no pay-as-you-go EIP of "+m.obj.Region+" is outside a package", "is no longer a free pay-as-you-go EIP of "+m.obj.Region, 0,
		"pay-as-you-go EIPs of "+m.obj.Region+" in no package")}
}

func (m *cbwpAdd) checkEip() error {
	if m.eip == "" {
		return errors.New("EIP: there is no EIP to add")
	}
	return check("EIP", notOffered(m.Eips, m.eip, "is no longer a free pay-as-you-go EIP of "+m.obj.Region)).err
}

func (m *cbwpAdd) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CommonBandwidthPackageIpInput{RegionId: m.obj.Region, BandwidthPackageId: m.obj.ID, IpInstanceId: m.eip, ClientToken: token}
	out, err := client.AddCommonBandwidthPackageIp.Call(ctx, fc.Client, in)
	return sent(m.obj, "", in, out, err, []string{"Available"})
}

// cbwpRemoveSpec takes one EIP out of the package through the destructive
// dialog: the user types its address.
func cbwpRemoveSpec(ip model.CbwpIP) *DeleteSpec {
	return &DeleteSpec{Verb: "Remove", Action: client.RemoveCommonBandwidthPackageIp.Action, Fresh: true, About: cbwpAbout,
		Subject: func(o *model.Object) string { return "EIP " + ip.IpAddress + " from shared bandwidth package " + o.ID },
		Confirm: func(*model.Object) []string { return []string{ip.IpAddress, ip.AllocationId} },
		Stops: func(*model.Object) []string {
			return []string{ip.IpAddress + " leaves the shared bandwidth: it falls back to its own peak and is billed on its own."}
		},
		Refuse: func(o *model.Object) string {
			for _, in := range o.Val().(*model.CommonBandwidthPackage).IPs() {
				if in.AllocationId == ip.AllocationId {
					return cbwpBusy(o)
				}
			}
			return ip.IpAddress + " is no longer in " + o.ID
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			in := &client.CommonBandwidthPackageIpInput{RegionId: o.Region, BandwidthPackageId: o.ID, IpInstanceId: ip.AllocationId, ClientToken: token}
			out, err := client.RemoveCommonBandwidthPackageIp.Call(ctx, fc.Client, in)
			return sent(o, client.RemoveCommonBandwidthPackageIp.Action, in, out, err, []string{"Available"})
		},
	}
}

// cbwpSpec changes the package's peak bandwidth (Modifying → Available).
// An overdue (FinancialLocked) package is refused before any call.
type cbwpSpec struct {
	cbwpGate
	Bandwidth string
}

func newCbwpSpec(fc *FormCtx, bandwidth string) Mutation {
	m := &cbwpSpec{cbwpGate: cbwpGate{obj: fc.Target, gated: gated{title: "Change the bandwidth of " + fc.Target.ID, action: "ModifyCommonBandwidthPackageSpec"},
		more: func(p *model.CommonBandwidthPackage) string {
			if p.BusinessStatus == "FinancialLocked" {
				return fc.Target.ID + " is locked for an overdue bill (FinancialLocked): its bandwidth cannot change until it is paid"
			}
			return ""
		}}, Bandwidth: bandwidth}
	m.fields = func() []huh.Field {
		return []huh.Field{liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckCbwpBandwidth,
			"now "+m.pkg().Bandwidth+"; 1-1000, shared by "+plural(len(m.pkg().IPs()), "EIP", "EIPs"))}
	}
	m.check = func() error { return check("bandwidth", model.CheckCbwpBandwidth(m.Bandwidth)).err }
	return m
}

func (m *cbwpSpec) request() *client.ModifyCommonBandwidthPackageSpecInput {
	return &client.ModifyCommonBandwidthPackageSpecInput{RegionId: m.obj.Region, BandwidthPackageId: m.obj.ID, Bandwidth: strings.TrimSpace(m.Bandwidth)}
}

func (m *cbwpSpec) Submit(ctx context.Context, fc *FormCtx, _ string) (*Submitted, error) {
	in := m.request()
	if res := unchangedEdit(m.Current(), in); res != nil {
		return res, nil
	}
	out, err := client.ModifyCommonBandwidthPackageSpec.Call(ctx, fc.Client, in)
	return sent(m.obj, "", in, out, err, []string{"Available"})
}

// cbwpPayType converts a post-paid package to a subscription. It cannot be
// undone, so it ends on the review page. The seed's parameter table for
// ModifyCommonBandwidthPackagePayType is garbled; the form sends its sample
// request's parameters: PricingCycle, Duration, AutoPay.
type cbwpPayType struct {
	cbwpGate
	cycle, duration string
	autoPay         bool
}

func newCbwpPayType(fc *FormCtx) Mutation {
	m := &cbwpPayType{cbwpGate: cbwpGate{obj: fc.Target, gated: gated{title: "Convert " + fc.Target.ID + " to a subscription", action: "ModifyCommonBandwidthPackagePayType"},
		more: func(p *model.CommonBandwidthPackage) string {
			if p.InstanceChargeType == "PrePaid" {
				return fc.Target.ID + " is already a subscription (PrePaid)"
			}
			return ""
		}}, cycle: "Month", duration: "1"}
	m.fields = m.form
	m.check = func() error { return check("duration", m.durationCheck(m.duration)).err }
	return m
}

func (m *cbwpPayType) durationCheck(s string) error { return model.CheckCbwpDuration(m.cycle, s) }

func (m *cbwpPayType) form() []huh.Field {
	return []huh.Field{
		huh.NewNote().Title("PostPaid → PrePaid").Description("The package is billed by subscription from now on; this cannot be converted back."),
		huh.NewSelect[string]().Title("Billing cycle").Value(&m.cycle).Options(huh.NewOption("monthly", "Month"), huh.NewOption("yearly", "Year")),
		liveInput("Duration", &m.duration, m.durationCheck, "months 1-36, or years 1-3"),
		huh.NewConfirm().Title("Pay at once?").Description("No: an order is created and waits for payment").
			Affirmative("Yes").Negative("No").Value(&m.autoPay),
	}
}

// Request is what Submit sends; the review page lists it first.
func (m *cbwpPayType) Request(fc *FormCtx, _ string) (any, error) { return m.Input(), nil }

func (m *cbwpPayType) Input() *client.ModifyCommonBandwidthPackagePayTypeInput {
	return &client.ModifyCommonBandwidthPackagePayTypeInput{RegionId: m.obj.Region, BandwidthPackageId: m.obj.ID,
		PricingCycle: m.cycle, Duration: strings.TrimSpace(m.duration), AutoPay: boolPtr(m.autoPay)}
}

func (m *cbwpPayType) Submit(ctx context.Context, fc *FormCtx, _ string) (*Submitted, error) {
	in := m.Input()
	out, err := client.ModifyCommonBandwidthPackagePayType.Call(ctx, fc.Client, in)
	return sent(m.obj, "", in, out, err, []string{"Available"})
}

package forms

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- NAT bandwidth packages ----

func natBwpOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &natBwpCreate{Bandwidth: "5", ipCount: "1", charge: "PayByBandwidth", onlyNat: parentID(fc, "nat")}
		},
		Edit: attrEdit("NAT bandwidth package", "BandwidthPackageId", "Name", client.ModifyBandwidthPackageAttribute),
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: natBwpAbout,
			Stops: func(o *model.Object) []string {
				b := o.Val().(*model.NatBandwidthPackage)
				return []string{fmt.Sprintf("Its %s (%s) go back to Alibaba Cloud and %s loses them.",
					plural(len(b.IPs()), "public IP", "public IPs"), strings.Join(b.Addresses(), ", "), b.NatGatewayId)}
			},
			Refuse: onlyWhenAvailable,
			Impact: func(_ context.Context, _ *FormCtx, o *model.Object) ([]string, []string, error) {
				b := o.Val().(*model.NatBandwidthPackage)
				return nil, natBwpUsers(b, b.Has), nil
			},
			Force: "Force=true: the SNAT and DNAT entries using its IPs are deleted with it",
		}, "BandwidthPackageId", client.DeleteBandwidthPackage),
		Actions: actionsOn(func(fc *FormCtx, b *model.NatBandwidthPackage) []actionItem {
			out := []actionItem{
				{Label: "Modify spec", Hint: "change the shared bandwidth (" + b.Bandwidth + " Mbit/s now)", Make: natBwpChanger(natBwpSpec)},
				{Label: "Add IPs", Hint: "add public IPs (" + b.IpCount + " now, at most 50)", Make: natBwpChanger(natBwpAdd)},
			}
			for _, ip := range b.IPs() {
				out = append(out, actionItem{Label: "Traffic of " + ip.IpAddress, Hint: "in/out bit rate and packets of the last hour",
					Show: natBwpIPTraffic(ip)})
			}
			return append(out, destroyEach(b.Addresses(), func(ip string) (string, string) {
				return "Remove IP " + ip, "release " + ip + " from the package"
			}, natBwpRemoveSpec)...)
		}),
	}
}

func natBwpAbout(_ *FormCtx, o *model.Object) []string {
	b := o.Val().(*model.NatBandwidthPackage)
	return []string{fmt.Sprintf("%s Mbit/s shared by %s of NAT gateway %s (%s)", b.Bandwidth,
		plural(len(b.IPs()), "IP", "IPs"), b.NatGatewayId, cmp.Or(b.ZoneId, "no zone"))}
}

// natBwpUsers names the entries using the IPs picked: the API refuses removing
// those IPs, or deleting the package, until they are gone.
func natBwpUsers(b *model.NatBandwidthPackage, picked func(ip string) bool) []string {
	var out []string
	for _, ip := range b.IPs() {
		if !picked(ip.IpAddress) {
			continue
		}
		switch ip.UsingStatus {
		case "UsedBySnatTable":
			out = append(out, ip.IpAddress+" is used by an SNAT entry of "+b.NatGatewayId+" (DependencyViolation.SnatEntry)")
		case "UsedByForwardTable":
			out = append(out, ip.IpAddress+" is used by a DNAT entry of "+b.NatGatewayId+" (DependencyViolation.ForwardEntry)")
		}
	}
	return out
}

// natBwpRefusal says why the package's spec or IPs cannot change now.
func natBwpRefusal(b *model.NatBandwidthPackage) string {
	switch {
	case b.BusinessStatus == "FinancialLocked":
		return b.BandwidthPackageId + " is overdue (FinancialLocked): settle the bill before changing it"
	case b.Status != "Available":
		return fmt.Sprintf("%s is %s; only an Available bandwidth package can change", b.BandwidthPackageId, b.Status)
	}
	return ""
}

// natBwpCreate adds a package to a NAT gateway (from the API; fixed when
// opened from one). The gateways' package counts come from the API: four is
// the most one may have.
type natBwpCreate struct {
	natID, Bandwidth, ipCount, Zone, charge, Name, Desc string
	onlyNat                                             string
	Nats, zones                                         []Pick
	Status                                              map[string]string // NAT → status
	count                                               map[string]int    // NAT → packages
}

func (m *natBwpCreate) Title() string {
	title := "Create NAT bandwidth package"
	if m.onlyNat != "" {
		title += " in " + m.onlyNat
	}
	return title
}
func (m *natBwpCreate) Action() string { return "CreateBandwidthPackage" }

func (m *natBwpCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	nats, err := client.DescribeNatGateways.Call(ctx, fc.Client, &client.DescribeNatGatewaysInput{RegionId: fc.Region, NatGatewayId: m.onlyNat})
	if err != nil {
		return err
	}
	pkgs, err := client.DescribeBandwidthPackages.Call(ctx, fc.Client, &client.DescribeBandwidthPackagesInput{RegionId: fc.Region, NatGatewayId: m.onlyNat})
	if err != nil {
		return err
	}
	zones, err := client.DescribeZones.Call(ctx, fc.Client, &client.DescribeZonesInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.count, m.Status = map[string]int{}, map[string]string{}
	for _, p := range pkgs {
		m.count[p.NatGatewayId]++
	}
	m.Nats = []Pick{}
	for _, n := range nats {
		m.Status[n.NatGatewayId] = n.Status
		m.Nats = append(m.Nats, Pick{fmt.Sprintf("%s  %s  %s  %d/%d packages", n.NatGatewayId, n.Name, n.Status,
			m.count[n.NatGatewayId], model.NatBwpPerGateway), n.NatGatewayId})
	}
	m.zones = append([]Pick{{"any zone (the API picks one)", ""}}, pickList(zones, zoneCols)...)
	m.natID = keepOrFirst(m.natID, m.Nats)
	return nil
}

// checkNat refuses a gateway that cannot take another package now.
func (m *natBwpCreate) checkNat(id string) error {
	switch {
	case id == "":
		return fmt.Errorf("there is no NAT gateway to choose")
	case m.count[id] >= model.NatBwpPerGateway:
		return fmt.Errorf("%s already has %d bandwidth packages, the most a NAT gateway may have", id, m.count[id])
	case m.Status[id] != "" && m.Status[id] != "Available":
		return fmt.Errorf("%s is %s; packages are added to an Available NAT gateway", id, m.Status[id])
	}
	return nil
}

func (m *natBwpCreate) Form(fc *FormCtx) *huh.Form {
	nat := pickerWith("NAT gateway", &m.natID, m.Nats, "no NAT gateway in "+fc.Region, "is no longer in "+fc.Region, 0,
		"at most 4 packages per gateway")
	if s, ok := nat.(*huh.Select[string]); ok && len(m.Nats) > 0 {
		nat = s.Validate(m.checkNat)
	}
	return huh.NewForm(
		huh.NewGroup(nat,
			liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckNatBwpBandwidth, "shared by the package's IPs; 5-1000"),
			liveInput("Public IPs", &m.ipCount, model.CheckNatBwpIPCount, "how many addresses; 1-50"),
			pickerWith("Zone", &m.Zone, m.zones, "DescribeZones offers no zone in "+fc.Region, "is no longer offered in "+fc.Region, 0, ""),
			huh.NewSelect[string]().Title("Billing").Value(&m.charge).Options(
				huh.NewOption("pay by bandwidth", "PayByBandwidth"), huh.NewOption("pay by traffic", "PayByTraffic")),
			nameField(&m.Name), descField(&m.Desc),
		),
	)
}

func (m *natBwpCreate) Check(fc *FormCtx) error {
	return checks(
		check("NAT gateway", notOffered(m.Nats, m.natID, "is no longer in "+fc.Region)),
		check("NAT gateway", m.checkNat(m.natID)),
		check("bandwidth", model.CheckNatBwpBandwidth(m.Bandwidth)),
		check("public IPs", model.CheckNatBwpIPCount(m.ipCount)),
		check("zone", notOffered(m.zones, m.Zone, "is no longer offered in "+fc.Region)),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
	)
}

func (m *natBwpCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateBandwidthPackageInput{RegionId: fc.Region, NatGatewayId: m.natID, Bandwidth: strings.TrimSpace(m.Bandwidth),
		IpCount: strings.TrimSpace(m.ipCount), Zone: m.Zone, InternetChargeType: m.charge, Name: m.Name, Description: m.Desc,
		ClientToken: token}
	out, err := client.CreateBandwidthPackage.Call(ctx, fc.Client, in)
	return created(fc, m, "natbwp", "BandwidthPackageId", in, out, err)
}

// natBwpChange is one of the two one-field changes of a package: its
// bandwidth (ModifyBandwidthPackageSpec) or more IPs
// (AddBandwidthPackageIps). Each is a row of data; one form serves both.
type natBwpChange struct {
	title, APIAction, field, Hint string
	start                         func(b *model.NatBandwidthPackage) string
	check                         func(b *model.NatBandwidthPackage, v string) error
	call                          func(ctx context.Context, c *client.Client, b *model.NatBandwidthPackage, v, token string) (any, *client.Result, error)
}

var natBwpSpec = natBwpChange{
	title: "Modify spec of", APIAction: "ModifyBandwidthPackageSpec", field: "Bandwidth (Mbit/s)", Hint: "5-1000, shared by the package's IPs",
	start: func(b *model.NatBandwidthPackage) string { return b.Bandwidth },
	check: func(b *model.NatBandwidthPackage, v string) error {
		if err := model.CheckNatBwpBandwidth(v); err != nil {
			return err
		}
		if strings.TrimSpace(v) == b.Bandwidth {
			return fmt.Errorf("the package already has %s Mbit/s", b.Bandwidth)
		}
		return nil
	},
	call: func(ctx context.Context, c *client.Client, b *model.NatBandwidthPackage, v, _ string) (any, *client.Result, error) {
		in := &client.ModifyBandwidthPackageSpecInput{RegionId: b.RegionId, BandwidthPackageId: b.BandwidthPackageId, Bandwidth: strings.TrimSpace(v)}
		out, err := client.ModifyBandwidthPackageSpec.Call(ctx, c, in)
		return in, out, err
	},
}

var natBwpAdd = natBwpChange{
	title: "Add IPs to", APIAction: "AddBandwidthPackageIps", field: "IPs to add", Hint: "1-50; a package holds at most 50",
	start: func(*model.NatBandwidthPackage) string { return "1" },
	check: func(b *model.NatBandwidthPackage, v string) error { return model.CheckNatBwpAddIPs(v, len(b.IPs())) },
	call: func(ctx context.Context, c *client.Client, b *model.NatBandwidthPackage, v, token string) (any, *client.Result, error) {
		in := &client.AddBandwidthPackageIpsInput{RegionId: b.RegionId, BandwidthPackageId: b.BandwidthPackageId,
			IpCount: strings.TrimSpace(v), ClientToken: token}
		out, err := client.AddBandwidthPackageIps.Call(ctx, c, in)
		return in, out, err
	},
}

// natBwpForm runs a natBwpChange on the selected package, read again when
// the form opens: the status and the lock decide (gated says why not).
type natBwpForm struct {
	gated
	ch    natBwpChange
	obj   *model.Object
	b     *model.NatBandwidthPackage
	Value string
}

func natBwpChanger(ch natBwpChange) func(fc *FormCtx) Mutation {
	return func(fc *FormCtx) Mutation {
		b := fc.Target.Val().(*model.NatBandwidthPackage)
		m := &natBwpForm{ch: ch, obj: fc.Target, b: b, Value: ch.start(b)}
		m.title, m.action, m.Refuse = ch.title+" "+fc.Target.ID, ch.APIAction, natBwpRefusal(b)
		m.fields = func() []huh.Field {
			return []huh.Field{liveInput(ch.field, &m.Value, func(s string) error { return ch.check(m.b, s) }, ch.Hint)}
		}
		m.check = func() error { return check(strings.ToLower(ch.field), ch.check(m.b, m.Value)).err }
		return m
	}
}

func (m *natBwpForm) Prepare(ctx context.Context, fc *FormCtx) error {
	_, err := rereadAs(ctx, fc, m.obj, &m.Refuse, &m.b, natBwpRefusal)
	return err
}

func (m *natBwpForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in, out, err := m.ch.call(ctx, fc.Client, m.b, m.Value, token)
	return changed(fc, "natbwp", m.b.BandwidthPackageId, nil, in, out, err)
}

// natBwpRemoveSpec releases one IP of the selected package through the
// destructive dialog (the user types the address). The last IP stays, and
// an IP an SNAT or DNAT entry uses is refused until the entry is gone.
func natBwpRemoveSpec(ip string) *DeleteSpec {
	return &DeleteSpec{Verb: "Remove", Action: client.RemoveBandwidthPackageIps.Action, Fresh: true, About: natBwpAbout,
		Subject: func(o *model.Object) string { return "IP " + ip + " from bandwidth package " + o.ID },
		Confirm: func(*model.Object) []string { return []string{ip} },
		Stops: func(o *model.Object) []string {
			return []string{ip + " goes back to Alibaba Cloud; " + o.Val().(*model.NatBandwidthPackage).NatGatewayId + " can no longer use it."}
		},
		Refuse: func(o *model.Object) string {
			b := o.Val().(*model.NatBandwidthPackage)
			if !b.Has(ip) {
				return ip + " is no longer an IP of " + o.ID
			}
			if why := natBwpRefusal(b); why != "" {
				return why
			}
			if err := model.CheckNatBwpRemove(1, len(b.IPs())); err != nil {
				return ip + " is the last IP of " + o.ID + ": " + err.Error()
			}
			return ""
		},
		Impact: func(_ context.Context, _ *FormCtx, o *model.Object) ([]string, []string, error) {
			return nil, natBwpUsers(o.Val().(*model.NatBandwidthPackage), func(x string) bool { return x == ip }), nil
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			in := &client.RemoveBandwidthPackageIpsInput{RegionId: o.Region, BandwidthPackageId: o.ID, RemovedIpAddresses: []string{ip},
				ClientToken: token}
			out, err := client.RemoveBandwidthPackageIps.Call(ctx, fc.Client, in)
			return sent(o, client.RemoveBandwidthPackageIps.Action, in, out, err, []string{"Available"})
		},
	}
}

// destroyEach is one destructive `x` entry per item (an IP of a package):
// its label and hint, and the dialog's spec, made from the item.
func destroyEach(items []string, label func(item string) (string, string), spec func(item string) *DeleteSpec) []actionItem {
	out := make([]actionItem, 0, len(items))
	for _, it := range items {
		l, h := label(it)
		out = append(out, actionItem{Label: l, Hint: h, Destroy: func(*FormCtx) *DeleteSpec { return spec(it) }})
	}
	return out
}

// natBwpPicks lists the public IPs of a NAT gateway's bandwidth packages:
// the SNAT and DNAT forms offer them next to the gateway's EIPs.
func natBwpPicks(ctx context.Context, fc *FormCtx, natID string) ([]Pick, error) {
	pkgs, err := client.DescribeBandwidthPackages.Call(ctx, fc.Client, &client.DescribeBandwidthPackagesInput{RegionId: fc.Region, NatGatewayId: natID})
	if err != nil {
		return nil, err
	}
	var out []Pick
	for _, b := range pkgs {
		for _, ip := range b.IPs() {
			out = append(out, Pick{fmt.Sprintf("%s  %s  package %s", ip.IpAddress, ip.AllocationId, cmp.Or(b.Name, b.BandwidthPackageId)), ip.IpAddress})
		}
	}
	return out, nil
}

// natBwpIPTraffic charts one of the package's IPs over the last hour
// (DescribeBandwidthPackagePublicIpMonitorData, seed 003 §21.1); the
// document is the API's points, which s saves.
func natBwpIPTraffic(ip model.NatBwpIP) func(ctx context.Context, fc *FormCtx) (*Document, error) {
	return func(ctx context.Context, fc *FormCtx) (*Document, error) {
		o := fc.Target
		pts, err := fc.Client.DescribeBandwidthPackagePublicIpMonitorData(ctx, client.LastHour(o.Region, ip.AllocationId, fc.Host.Now()))
		if err != nil {
			return nil, err
		}
		raw, err := json.Marshal(map[string]any{"AllocationId": ip.AllocationId, "IpAddress": ip.IpAddress, "BandwidthPackageId": o.ID, "MonitorData": pts})
		if err != nil {
			return nil, err
		}
		return &Document{Title: "Traffic of " + ip.IpAddress + " (" + o.ID + ")", Raw: raw, File: ip.IpAddress + "-traffic.json", Traffic: pts}, nil
	}
}

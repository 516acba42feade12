package forms

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- IPv6 gateways (seed 003 §14) ----
//
// The seed has no operation that renames a gateway (ModifyIpv6Gateway-
// Attribute is not among §14's twelve), so there is no edit form; the spec
// changes through x: upgrades in a form, downgrades (a smaller PayByTraffic
// cap) through the destructive dialog.

func ipv6GwOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &ipv6GwCreate{Spec: "Small", onlyVpc: parentID(fc, "vpc")}
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true, Refuse: onlyWhenAvailable,
			Blockers: []string{"ipv6rule"},
			About: func(_ *FormCtx, o *model.Object) []string {
				g := o.Val().(*model.Ipv6Gateway)
				return []string{"IPv6 gateway of " + g.VpcId + ", spec " + g.Spec}
			},
			Stops: func(o *model.Object) []string {
				return []string{"IPv6 traffic between " + o.Val().(*model.Ipv6Gateway).VpcId + " and the internet stops."}
			},
			Impact: ipv6GwDependents,
		}, "Ipv6GatewayId", client.DeleteIpv6Gateway),
		Actions: actionsOn(func(fc *FormCtx, g *model.Ipv6Gateway) []actionItem {
			tier := model.Ipv6SpecTier(g.Spec)
			var out []actionItem
			if tier < 2 {
				out = append(out, actionItem{Label: "Upgrade spec", Hint: "more forwarding capacity and a higher PayByTraffic bandwidth cap",
					Make: func(fc *FormCtx) Mutation { return newIpv6SpecChange(fc.Target) }})
			}
			for i := tier - 1; i >= 0; i-- {
				to := model.Ipv6ModifySpecs[i]
				out = append(out, actionItem{Label: "Downgrade spec to " + to, Hint: "less forwarding capacity; PayByTraffic bandwidth capped lower",
					Destroy: func(*FormCtx) *DeleteSpec { return ipv6DowngradeSpec(to) }})
			}
			return out
		}),
	}
}

// ipv6GwDependents lists what the API refuses a gateway's deletion for
// beyond its egress-only rules: addresses behind it with internet
// bandwidth.
func ipv6GwDependents(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	blockers, err := publicIpv6Addrs(ctx, fc, o, func(a *model.Ipv6Address) string {
		return fmt.Sprintf("%s (%s) has %d Mbps of internet bandwidth (x → Delete internet bandwidth on :ipv6addr)",
			a.Ipv6AddressId, a.Ipv6Address, a.Ipv6InternetBandwidth.Bandwidth)
	})
	return nil, blockers, err
}

// publicIpv6Addrs reads the addresses behind gateway o that have internet
// bandwidth and says, for each, what blocks (an empty say: nothing).
func publicIpv6Addrs(ctx context.Context, fc *FormCtx, o *model.Object, say func(*model.Ipv6Address) string) ([]string, error) {
	addrs, err := client.DescribeIpv6Addresses.Call(ctx, fc.Client, &client.DescribeIpv6AddressesInput{RegionId: o.Region,
		VpcId: o.Val().(*model.Ipv6Gateway).VpcId, NetworkType: "Public"})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, a := range addrs {
		if line := say(a); a.HasBandwidth() && line != "" {
			out = append(out, line)
		}
	}
	return out, nil
}

// ipv6GwCreate makes a VPC's IPv6 gateway: the VPC is picked among those
// with an IPv6 block and no gateway yet (fixed when opened from one).
type ipv6GwCreate struct {
	VpcID, Spec, Name, Desc string
	onlyVpc                 string
	Vpcs                    []Pick
	refused                 map[string]string // VPC → why it cannot have one
}

func (m *ipv6GwCreate) Title() string {
	return createTitle("IPv6 gateway", when(m.onlyVpc != "", "in "+m.onlyVpc))
}
func (m *ipv6GwCreate) Action() string { return "CreateIpv6Gateway" }

func (m *ipv6GwCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	vpcs, err := client.DescribeVpcs.Call(ctx, fc.Client, &client.DescribeVpcsInput{RegionId: fc.Region, VpcId: m.onlyVpc})
	if err != nil {
		return err
	}
	gws, err := client.DescribeIpv6Gateways.Call(ctx, fc.Client, &client.DescribeIpv6GatewaysInput{RegionId: fc.Region, VpcId: m.onlyVpc})
	if err != nil {
		return err
	}
	m.Vpcs, m.refused = []Pick{}, map[string]string{}
	for _, g := range gws {
		m.refused[g.VpcId] = "already has the IPv6 gateway " + g.Ipv6GatewayId + " (one per VPC)"
	}
	for _, v := range vpcs {
		if v.Ipv6CidrBlock == "" {
			m.refused[v.VpcId] = "has no IPv6 block (enable IPv6 on the VPC first)"
		}
		if _, no := m.refused[v.VpcId]; !no {
			m.Vpcs = append(m.Vpcs, Pick{fmt.Sprintf("%s  %s  %s", v.VpcId, v.VpcName, v.Ipv6CidrBlock), v.VpcId})
		}
	}
	m.VpcID = keepOrFirst(m.VpcID, m.Vpcs)
	return nil
}

func (m *ipv6GwCreate) none() string {
	if why := m.refused[m.onlyVpc]; m.onlyVpc != "" && why != "" {
		return m.onlyVpc + " " + why
	}
	return "no VPC here has an IPv6 block and no IPv6 gateway"
}

func (m *ipv6GwCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		pickerGone("VPC", &m.VpcID, m.Vpcs, m.none(), "can no longer have an IPv6 gateway"),
		huh.NewSelect[string]().Title("Spec").Value(&m.Spec).Options(
			huh.NewOption("Small (free edition)", "Small"), huh.NewOption("Medium (enterprise edition)", "Medium"),
			huh.NewOption("Large (enhanced enterprise edition)", "Large")),
		liveInput("Name", &m.Name, model.Ipv6GatewayName.Check, nameHint),
		liveInput("Description", &m.Desc, model.Ipv6GatewayDescription.Check, "optional; 2-256 characters, starts with a letter; letters, digits, . _ -"),
	))
}

func (m *ipv6GwCreate) Check(fc *FormCtx) error {
	if m.VpcID == "" {
		return errors.New("VPC: " + m.none())
	}
	return checks(
		check("VPC", notOffered(m.Vpcs, m.VpcID, "can no longer have an IPv6 gateway")),
		check("spec", model.CheckIpv6Spec(m.Spec, model.Ipv6CreateSpecs)),
		check("name", model.Ipv6GatewayName.Check(m.Name)),
		check("description", model.Ipv6GatewayDescription.Check(m.Desc)),
	)
}

func (m *ipv6GwCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateIpv6GatewayInput{RegionId: fc.Region, VpcId: m.VpcID, Spec: m.Spec, Name: m.Name,
		Description: m.Desc, ClientToken: token}
	out, err := client.CreateIpv6Gateway.Call(ctx, fc.Client, in)
	return created(fc, m, "ipv6gw", "Ipv6GatewayId", in, out, err)
}

// ipv6SpecChange upgrades a gateway (ModifyIpv6GatewaySpec spells the
// middle spec Middle).
type ipv6SpecChange struct {
	gated
	obj        *model.Object
	from, Spec string
	larger     []string
}

func newIpv6SpecChange(o *model.Object) Mutation {
	m := &ipv6SpecChange{obj: o}
	m.title, m.action = "Upgrade IPv6 gateway "+o.ID, "ModifyIpv6GatewaySpec"
	m.fields = func() []huh.Field {
		return []huh.Field{huh.NewSelect[string]().Title("Spec (now " + m.from + ")").Value(&m.Spec).
			Options(stringOptions(m.larger...)...)}
	}
	m.check = func() error {
		if !slices.Contains(m.larger, m.Spec) {
			return fmt.Errorf("spec: %q is not larger than %s", m.Spec, m.from)
		}
		return nil
	}
	m.judge(o)
	return m
}

func (m *ipv6SpecChange) judge(o *model.Object) {
	g := o.Val().(*model.Ipv6Gateway)
	m.obj, m.from, m.Refuse = o, g.Spec, ""
	m.larger = model.Ipv6ModifySpecs[max(model.Ipv6SpecTier(g.Spec), 0)+1:]
	switch {
	case g.Status != "Available":
		m.Refuse = fmt.Sprintf("%s is %s; only an Available IPv6 gateway changes spec", o.ID, g.Status)
	case len(m.larger) == 0:
		m.Refuse = o.ID + " is already Large, the largest spec"
	}
	if !slices.Contains(m.larger, m.Spec) {
		m.Spec = cmp.Or(m.larger...)
	}
}

// Prepare reads the gateway again: its status and spec decide.
func (m *ipv6SpecChange) Prepare(ctx context.Context, fc *FormCtx) error {
	fresh, err := reread(ctx, fc, m.obj, &m.Refuse)
	if fresh == nil {
		return err
	}
	m.judge(fresh)
	return nil
}

func (m *ipv6SpecChange) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	return ipv6SetSpec(ctx, fc, m.obj, m.Spec, token)
}

func ipv6SetSpec(ctx context.Context, fc *FormCtx, o *model.Object, spec, token string) (*Submitted, error) {
	in := &client.ModifyIpv6GatewaySpecInput{RegionId: o.Region, Ipv6GatewayId: o.ID, Spec: spec, ClientToken: token}
	out, err := client.ModifyIpv6GatewaySpec.Call(ctx, fc.Client, in)
	return sent(o, client.ModifyIpv6GatewaySpec.Action, in, out, err, o.Kind.Target)
}

// ipv6DowngradeSpec lowers a gateway's spec through the destructive
// dialog; PayByTraffic bandwidth above the new cap refuses it.
func ipv6DowngradeSpec(to string) *DeleteSpec {
	return &DeleteSpec{Verb: "Downgrade", Action: "ModifyIpv6GatewaySpec", Fresh: true,
		Subject: func(o *model.Object) string { return "IPv6 gateway " + o.ID + " to " + to },
		About: func(_ *FormCtx, o *model.Object) []string {
			return []string{"Spec " + o.Val().(*model.Ipv6Gateway).Spec + " → " + to}
		},
		Stops: func(*model.Object) []string {
			return []string{fmt.Sprintf("The gateway forwards less; PayByTraffic bandwidth is capped at %d Mbps.", model.Ipv6BandwidthMax("PayByTraffic", to))}
		},
		Refuse: func(o *model.Object) string {
			g := o.Val().(*model.Ipv6Gateway)
			if model.Ipv6SpecTier(to) >= model.Ipv6SpecTier(g.Spec) {
				return fmt.Sprintf("%s is %s now; %s is not smaller", o.ID, g.Spec, to)
			}
			return onlyWhenAvailable(o)
		},
		Impact: func(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
			blockers, err := publicIpv6Addrs(ctx, fc, o, func(a *model.Ipv6Address) string {
				if bw := a.Ipv6InternetBandwidth; model.CheckIpv6Bandwidth(bw.Bandwidth, bw.InternetChargeType, to) != nil {
					return fmt.Sprintf("%s has %d Mbps PayByTraffic, above %s's %d", a.Ipv6AddressId, bw.Bandwidth, to,
						model.Ipv6BandwidthMax(bw.InternetChargeType, to))
				}
				return ""
			})
			return nil, blockers, err
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			return ipv6SetSpec(ctx, fc, o, to, token)
		},
	}
}

// ---- egress-only rules ----

func ipv6RuleOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			p := parentOf(fc, "ipv6gw")
			if p == nil {
				return &elsewhere{title: "Create egress-only rule", APIAction: "CreateIpv6EgressOnlyRule",
					how: "An egress-only rule belongs to an IPv6 gateway: open :ipv6gw, enter on the gateway, IPv6 Egress-only Rules, then c"}
			}
			return &ipv6RuleCreate{gw: p.Val().(*model.Ipv6Gateway)}
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true, Refuse: onlyWhenAvailable,
			About: func(_ *FormCtx, o *model.Object) []string {
				r := o.Val().(*model.Ipv6EgressOnlyRule)
				return []string{"Outbound-only rule for IPv6 address " + r.InstanceId + " on " + cmp.Or(r.Ipv6GatewayId, "its gateway")}
			},
			Stops: func(o *model.Object) []string {
				return []string{o.Val().(*model.Ipv6EgressOnlyRule).InstanceId + " loses its outbound-only IPv6 internet access."}
			},
		}, "Ipv6EgressOnlyRuleId", client.DeleteIpv6EgressOnlyRule),
	}
}

// ipv6RuleCreate adds an egress-only rule for one of the gateway's VPC's
// IPv6 addresses that has none yet.
type ipv6RuleCreate struct {
	gw               *model.Ipv6Gateway
	addr, Name, Desc string
	addrs            []Pick
}

func (m *ipv6RuleCreate) Title() string  { return "Create egress-only rule on " + m.gw.Ipv6GatewayId }
func (m *ipv6RuleCreate) Action() string { return "CreateIpv6EgressOnlyRule" }

func (m *ipv6RuleCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	addrs, err := client.DescribeIpv6Addresses.Call(ctx, fc.Client, &client.DescribeIpv6AddressesInput{RegionId: fc.Region, VpcId: m.gw.VpcId})
	if err != nil {
		return err
	}
	rules, err := client.DescribeIpv6EgressOnlyRules.Call(ctx, fc.Client, &client.DescribeIpv6EgressOnlyRulesInput{RegionId: fc.Region, Ipv6GatewayId: m.gw.Ipv6GatewayId})
	if err != nil {
		return err
	}
	m.addrs = []Pick{}
	for _, a := range addrs {
		if !slices.ContainsFunc(rules, func(r *model.Ipv6EgressOnlyRule) bool { return r.InstanceId == a.Ipv6AddressId }) {
			m.addrs = append(m.addrs, Pick{strings.Join(nonEmpty(a.Ipv6AddressId, a.Ipv6Address, a.Ipv6AddressName, a.AssociatedInstanceId), "  "), a.Ipv6AddressId})
		}
	}
	m.addr = keepOrFirst(m.addr, m.addrs)
	return nil
}

func (m *ipv6RuleCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		pickerGone("IPv6 address", &m.addr, m.addrs, "every IPv6 address of "+m.gw.VpcId+" has an egress-only rule already", "is gone or has a rule already"),
		liveInput("Name", &m.Name, model.Ipv6GatewayName.Check, nameHint),
		liveInput("Description", &m.Desc, model.Ipv6GatewayDescription.Check, "optional; 2-256 characters, starts with a letter; letters, digits, . _ -"),
	))
}

func (m *ipv6RuleCreate) Check(fc *FormCtx) error {
	if m.addr == "" {
		return errors.New("IPv6 address: there is none without a rule in " + m.gw.VpcId)
	}
	if m.gw.Status != "Available" {
		return fmt.Errorf("%s is %s; rules are added to an Available gateway", m.gw.Ipv6GatewayId, m.gw.Status)
	}
	return checks(
		check("IPv6 address", notOffered(m.addrs, m.addr, "is gone or has a rule already")),
		check("name", model.Ipv6GatewayName.Check(m.Name)),
		check("description", model.Ipv6GatewayDescription.Check(m.Desc)),
	)
}

func (m *ipv6RuleCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateIpv6EgressOnlyRuleInput{RegionId: fc.Region, Ipv6GatewayId: m.gw.Ipv6GatewayId, InstanceId: m.addr,
		InstanceType: "Ipv6Address", Name: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateIpv6EgressOnlyRule.Call(ctx, fc.Client, in)
	return createdIn(fc, m, "ipv6rule", "Ipv6EgressRuleId", map[string]string{"Ipv6GatewayId": m.gw.Ipv6GatewayId}, in, out, err)
}

// ---- IPv6 addresses: their internet bandwidth ----

func ipv6AddrOps() KindOps {
	return KindOps{
		Actions: actionsOn(func(fc *FormCtx, a *model.Ipv6Address) []actionItem {
			if !a.HasBandwidth() {
				return []actionItem{{Label: "Allocate internet bandwidth", Hint: "make the address reachable from the internet through " + cmp.Or(a.Ipv6GatewayId, "the VPC's IPv6 gateway"),
					Make: func(fc *FormCtx) Mutation {
						return newIpv6Bandwidth(fc.Target, true)
					}}}
			}
			return []actionItem{
				{Label: "Change internet bandwidth", Hint: "now " + strconv.Itoa(a.Ipv6InternetBandwidth.Bandwidth) + " Mbps " + a.Ipv6InternetBandwidth.InternetChargeType,
					Make: func(fc *FormCtx) Mutation { return newIpv6Bandwidth(fc.Target, false) }},
				{Label: "Delete internet bandwidth", Hint: "the address becomes private",
					Destroy: func(*FormCtx) *DeleteSpec { return ipv6BandwidthDelete() }},
			}
		}),
	}
}

// ipv6Bandwidth allocates or changes an address's internet bandwidth; the
// range depends on the charge type and the gateway's spec, both read when
// the form opens. While gated refuses, the form says why.
type ipv6Bandwidth struct {
	gated
	obj          *model.Object
	a            *model.Ipv6Address
	allocate     bool
	charge, mbps string
	Spec, gw     string
}

func newIpv6Bandwidth(o *model.Object, allocate bool) Mutation {
	m := &ipv6Bandwidth{obj: o, allocate: allocate}
	m.title, m.action = "Change internet bandwidth of "+o.ID, client.ModifyIpv6InternetBandwidth.Action
	if allocate {
		m.title, m.action, m.charge = "Allocate internet bandwidth to "+o.ID, client.AllocateIpv6InternetBandwidth.Action, "PayByBandwidth"
	}
	m.fields = m.form
	m.check = func() error { return check("bandwidth", m.checkMbps(m.mbps)).err }
	return m
}

// Prepare reads the address and its gateway: the status, whether it has
// bandwidth and the gateway's spec decide.
func (m *ipv6Bandwidth) Prepare(ctx context.Context, fc *FormCtx) error {
	fresh, err := reread(ctx, fc, m.obj, &m.Refuse)
	if fresh == nil {
		return err
	}
	m.obj, m.a, m.Refuse = fresh, fresh.Val().(*model.Ipv6Address), ""
	if !m.allocate {
		m.charge = m.a.Ipv6InternetBandwidth.InternetChargeType
		if m.mbps == "" {
			m.mbps = strconv.Itoa(m.a.Ipv6InternetBandwidth.Bandwidth)
		}
	}
	switch {
	case m.a.Status != "Available":
		m.Refuse = fmt.Sprintf("%s is %s; wait until it is Available", m.obj.ID, m.a.Status)
	case m.allocate && m.a.HasBandwidth():
		m.Refuse = m.obj.ID + " has internet bandwidth already (x → Change internet bandwidth)"
	case !m.allocate && !m.a.HasBandwidth():
		m.Refuse = m.obj.ID + " has no internet bandwidth (x → Allocate internet bandwidth)"
	case m.a.Ipv6GatewayId == "":
		m.Refuse = m.a.VpcId + " has no IPv6 gateway; create one on :ipv6gw first"
	}
	if m.Refuse != "" {
		return nil
	}
	g, err := client.DescribeIpv6GatewayAttribute.Call(ctx, fc.Client, &client.DescribeIpv6GatewayAttributeInput{RegionId: m.obj.Region, Ipv6GatewayId: m.a.Ipv6GatewayId})
	if err != nil {
		return err
	}
	m.gw, m.Spec = g.Ipv6GatewayId, g.Spec
	if m.allocate && g.Status != "Available" {
		m.Refuse = fmt.Sprintf("%s is %s; bandwidth is allocated through an Available gateway", g.Ipv6GatewayId, g.Status)
	}
	return nil
}

func (m *ipv6Bandwidth) checkMbps(s string) error {
	n, err := atoi("bandwidth", s)
	if err != nil {
		return err
	}
	return model.CheckIpv6Bandwidth(n, m.charge, m.Spec)
}

func (m *ipv6Bandwidth) form() []huh.Field {
	hint := func() string {
		return fmt.Sprintf("Mbps: 1-%d for %s behind a %s gateway", model.Ipv6BandwidthMax(m.charge, m.Spec), m.charge, m.Spec)
	}
	var fields []huh.Field
	if m.allocate {
		fields = append(fields, huh.NewSelect[string]().Title("Charge type").Value(&m.charge).
			Options(huh.NewOption("PayByBandwidth (up to 5000 Mbps)", "PayByBandwidth"),
				huh.NewOption(fmt.Sprintf("PayByTraffic (up to %d Mbps on %s)", model.Ipv6BandwidthMax("PayByTraffic", m.Spec), m.Spec), "PayByTraffic")))
	}
	return append(fields, liveInputHint("Bandwidth", &m.mbps, m.checkMbps, hint))
}

func (m *ipv6Bandwidth) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.Ipv6BandwidthInput{RegionId: m.obj.Region, Ipv6AddressId: m.obj.ID, Bandwidth: strings.TrimSpace(m.mbps), ClientToken: token}
	if m.allocate {
		in.Ipv6GatewayId, in.InternetChargeType = m.gw, m.charge
		out, err := client.AllocateIpv6InternetBandwidth.Call(ctx, fc.Client, in)
		return sent(m.obj, m.Action(), in, out, err, m.obj.Kind.Target)
	}
	out, err := client.ModifyIpv6InternetBandwidth.Call(ctx, fc.Client, in)
	return sent(m.obj, m.Action(), in, out, err, m.obj.Kind.Target)
}

// ipv6BandwidthDelete takes an address's internet bandwidth away through
// the destructive dialog.
func ipv6BandwidthDelete() *DeleteSpec {
	return &DeleteSpec{Verb: "Delete internet bandwidth", Action: "DeleteIpv6InternetBandwidth", Fresh: true,
		Subject: func(o *model.Object) string { return "of IPv6 address " + o.ID },
		About: func(_ *FormCtx, o *model.Object) []string {
			a := o.Val().(*model.Ipv6Address)
			bw := a.Ipv6InternetBandwidth
			return []string{fmt.Sprintf("%s: %d Mbps %s (%s)", a.Ipv6Address, bw.Bandwidth, bw.InternetChargeType, bw.Ipv6InternetBandwidthId)}
		},
		Stops: func(o *model.Object) []string {
			return []string{o.Val().(*model.Ipv6Address).Ipv6Address + " can no longer be reached from the internet, nor reach it."}
		},
		Refuse: func(o *model.Object) string {
			a := o.Val().(*model.Ipv6Address)
			if !a.HasBandwidth() {
				return o.ID + " has no internet bandwidth"
			}
			if a.Status != "Available" {
				return fmt.Sprintf("%s is %s; wait until it is Available", o.ID, a.Status)
			}
			return ""
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			in := &client.Ipv6BandwidthInput{RegionId: o.Region, Ipv6AddressId: o.ID, ClientToken: token}
			out, err := client.DeleteIpv6InternetBandwidth.Call(ctx, fc.Client, in)
			return sent(o, client.DeleteIpv6InternetBandwidth.Action, in, out, err, o.Kind.Target)
		},
	}
}

// nonEmpty drops the empty strings (a pick label's missing parts).
func nonEmpty(ss ...string) []string {
	return slices.DeleteFunc(ss, func(s string) bool { return s == "" })
}

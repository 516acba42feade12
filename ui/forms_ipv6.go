package ui

import (
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

func ipv6GwOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &ipv6GwCreate{spec: "Small"}
			if p := parentOf(fc, "vpc"); p != nil {
				m.onlyVpc = p.ID
			}
			return m
		},
		del: &deleteSpec{
			action: "DeleteIpv6Gateway", fresh: true, refuse: onlyWhenAvailable,
			blockers: []string{"ipv6rule"},
			about: func(_ *formCtx, o *model.Object) []string {
				g := o.Val().(*model.Ipv6Gateway)
				return []string{"IPv6 gateway of " + g.VpcId + ", spec " + g.Spec}
			},
			stops: func(o *model.Object) []string {
				return []string{"IPv6 traffic between " + o.Val().(*model.Ipv6Gateway).VpcId + " and the internet stops."}
			},
			impact: ipv6GwDependents,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteIpv6GatewayInput{RegionId: o.Region, Ipv6GatewayId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteIpv6Gateway(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteIpv6Gateway", out.RequestId, in), nil
			},
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			g := fc.target.Val().(*model.Ipv6Gateway)
			tier := model.Ipv6SpecTier(g.Spec)
			var out []actionItem
			if tier < 2 {
				out = append(out, actionItem{label: "Upgrade spec", hint: "more forwarding capacity and a higher PayByTraffic bandwidth cap",
					make: func(fc *formCtx) mutation { return newIpv6SpecChange(fc.target) }})
			}
			for i := tier - 1; i >= 0; i-- {
				to := model.Ipv6ModifySpecs[i]
				out = append(out, actionItem{label: "Downgrade spec to " + to, hint: "less forwarding capacity; PayByTraffic bandwidth capped lower",
					destroy: func(*formCtx) *deleteSpec { return ipv6DowngradeSpec(to) }})
			}
			return out
		},
	}
}

// ipv6GwDependents lists what the API refuses a gateway's deletion for
// beyond its egress-only rules: addresses behind it with internet
// bandwidth.
func ipv6GwDependents(ctx context.Context, fc *formCtx, o *model.Object) ([]string, []string, error) {
	blockers, err := publicIpv6Addrs(ctx, fc, o, func(a *model.Ipv6Address) string {
		return fmt.Sprintf("%s (%s) has %d Mbps of internet bandwidth (x → Delete internet bandwidth on :ipv6addr)",
			a.Ipv6AddressId, a.Ipv6Address, a.Ipv6InternetBandwidth.Bandwidth)
	})
	return nil, blockers, err
}

// publicIpv6Addrs reads the addresses behind gateway o that have internet
// bandwidth and says, for each, what blocks (an empty say: nothing).
func publicIpv6Addrs(ctx context.Context, fc *formCtx, o *model.Object, say func(*model.Ipv6Address) string) ([]string, error) {
	addrs, err := fc.client.DescribeIpv6Addresses(ctx, &client.DescribeIpv6AddressesInput{RegionId: o.Region,
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
	vpcID, spec, name, desc string
	onlyVpc                 string
	vpcs                    []pick
	refused                 map[string]string // VPC → why it cannot have one
}

func (m *ipv6GwCreate) Title() string {
	if m.onlyVpc != "" {
		return "Create IPv6 gateway in " + m.onlyVpc
	}
	return "Create IPv6 gateway"
}
func (m *ipv6GwCreate) Action() string { return "CreateIpv6Gateway" }

func (m *ipv6GwCreate) Prepare(ctx context.Context, fc *formCtx) error {
	vpcs, err := fc.client.DescribeVpcs(ctx, &client.DescribeVpcsInput{RegionId: fc.region, VpcId: m.onlyVpc})
	if err != nil {
		return err
	}
	gws, err := fc.client.DescribeIpv6Gateways(ctx, &client.DescribeIpv6GatewaysInput{RegionId: fc.region, VpcId: m.onlyVpc})
	if err != nil {
		return err
	}
	m.vpcs, m.refused = []pick{}, map[string]string{}
	for _, g := range gws {
		m.refused[g.VpcId] = "already has the IPv6 gateway " + g.Ipv6GatewayId + " (one per VPC)"
	}
	for _, v := range vpcs {
		if v.Ipv6CidrBlock == "" {
			m.refused[v.VpcId] = "has no IPv6 block (enable IPv6 on the VPC first)"
		}
		if _, no := m.refused[v.VpcId]; !no {
			m.vpcs = append(m.vpcs, pick{fmt.Sprintf("%s  %s  %s", v.VpcId, v.VpcName, v.Ipv6CidrBlock), v.VpcId})
		}
	}
	m.vpcID = keepOrFirst(m.vpcID, m.vpcs)
	return nil
}

func (m *ipv6GwCreate) none() string {
	if why := m.refused[m.onlyVpc]; m.onlyVpc != "" && why != "" {
		return m.onlyVpc + " " + why
	}
	return "no VPC here has an IPv6 block and no IPv6 gateway"
}

func (m *ipv6GwCreate) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		pickerGone("VPC", &m.vpcID, m.vpcs, m.none(), "can no longer have an IPv6 gateway"),
		huh.NewSelect[string]().Title("Spec").Value(&m.spec).Options(
			huh.NewOption("Small (free edition)", "Small"), huh.NewOption("Medium (enterprise edition)", "Medium"),
			huh.NewOption("Large (enhanced enterprise edition)", "Large")),
		liveInput("Name", &m.name, model.Ipv6GatewayName.Check, nameHint),
		liveInput("Description", &m.desc, model.Ipv6GatewayDescription.Check, "optional; 2-256 characters, starts with a letter; letters, digits, . _ -"),
	))
}

func (m *ipv6GwCreate) Check(fc *formCtx) error {
	if m.vpcID == "" {
		return errors.New("VPC: " + m.none())
	}
	return checks(
		check("VPC", notOffered(m.vpcs, m.vpcID, "can no longer have an IPv6 gateway")),
		check("spec", model.CheckIpv6Spec(m.spec, model.Ipv6CreateSpecs)),
		check("name", model.Ipv6GatewayName.Check(m.name)),
		check("description", model.Ipv6GatewayDescription.Check(m.desc)),
	)
}

func (m *ipv6GwCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.CreateIpv6GatewayInput{RegionId: fc.region, VpcId: m.vpcID, Spec: m.spec, Name: m.name,
		Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateIpv6Gateway(ctx, in)
	if err != nil {
		return nil, err
	}
	if out.Ipv6GatewayId == "" {
		return nil, errors.New("CreateIpv6Gateway answered without an Ipv6GatewayId")
	}
	return made(fc, "ipv6gw", out.Ipv6GatewayId, out.RequestId, in, nil), nil
}

// ipv6SpecChange upgrades a gateway (ModifyIpv6GatewaySpec spells the
// middle spec Middle).
type ipv6SpecChange struct {
	obj        *model.Object
	from, spec string
	refuse     string
	larger     []string
}

func newIpv6SpecChange(o *model.Object) mutation {
	m := &ipv6SpecChange{obj: o}
	m.judge(o)
	return m
}

func (m *ipv6SpecChange) judge(o *model.Object) {
	g := o.Val().(*model.Ipv6Gateway)
	m.obj, m.from, m.refuse = o, g.Spec, ""
	m.larger = model.Ipv6ModifySpecs[max(model.Ipv6SpecTier(g.Spec), 0)+1:]
	switch {
	case g.Status != "Available":
		m.refuse = fmt.Sprintf("%s is %s; only an Available IPv6 gateway changes spec", o.ID, g.Status)
	case len(m.larger) == 0:
		m.refuse = o.ID + " is already Large, the largest spec"
	}
	if !slices.Contains(m.larger, m.spec) {
		m.spec = firstNonEmpty(append(slices.Clone(m.larger), "")...)
	}
}

func (m *ipv6SpecChange) Title() string  { return "Upgrade IPv6 gateway " + m.obj.ID }
func (m *ipv6SpecChange) Action() string { return "ModifyIpv6GatewaySpec" }

// Prepare reads the gateway again: its status and spec decide.
func (m *ipv6SpecChange) Prepare(ctx context.Context, fc *formCtx) error {
	fresh, refusal, err := refetch(ctx, fc.client, m.obj)
	if err != nil || refusal != "" {
		m.refuse = refusal
		return err
	}
	m.judge(fresh)
	return nil
}

func (m *ipv6SpecChange) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	return huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title("Spec (now " + m.from + ")").Value(&m.spec).
		Options(stringOptions(m.larger...)...)))
}

func (m *ipv6SpecChange) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if !slices.Contains(m.larger, m.spec) {
		return fmt.Errorf("spec: %q is not larger than %s", m.spec, m.from)
	}
	return nil
}

func (m *ipv6SpecChange) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	return ipv6SetSpec(ctx, fc, m.obj, m.spec, token)
}

func ipv6SetSpec(ctx context.Context, fc *formCtx, o *model.Object, spec, token string) (*submitted, error) {
	in := &client.ModifyIpv6GatewaySpecInput{RegionId: o.Region, Ipv6GatewayId: o.ID, Spec: spec, ClientToken: token}
	out, err := fc.client.ModifyIpv6GatewaySpec(ctx, in)
	if err != nil {
		return nil, err
	}
	res := result(o.Kind, o.Region, o.ID, out.RequestId, in, o.Kind.Target)
	res.Action = "ModifyIpv6GatewaySpec"
	return res, nil
}

// ipv6DowngradeSpec lowers a gateway's spec through the destructive
// dialog; PayByTraffic bandwidth above the new cap refuses it.
func ipv6DowngradeSpec(to string) *deleteSpec {
	return &deleteSpec{verb: "Downgrade", action: "ModifyIpv6GatewaySpec", fresh: true,
		subject: func(o *model.Object) string { return "IPv6 gateway " + o.ID + " to " + to },
		about: func(_ *formCtx, o *model.Object) []string {
			return []string{"Spec " + o.Val().(*model.Ipv6Gateway).Spec + " → " + to}
		},
		stops: func(*model.Object) []string {
			return []string{fmt.Sprintf("The gateway forwards less; PayByTraffic bandwidth is capped at %d Mbps.", model.Ipv6BandwidthMax("PayByTraffic", to))}
		},
		refuse: func(o *model.Object) string {
			g := o.Val().(*model.Ipv6Gateway)
			if model.Ipv6SpecTier(to) >= model.Ipv6SpecTier(g.Spec) {
				return fmt.Sprintf("%s is %s now; %s is not smaller", o.ID, g.Spec, to)
			}
			return onlyWhenAvailable(o)
		},
		impact: func(ctx context.Context, fc *formCtx, o *model.Object) ([]string, []string, error) {
			blockers, err := publicIpv6Addrs(ctx, fc, o, func(a *model.Ipv6Address) string {
				if bw := a.Ipv6InternetBandwidth; model.CheckIpv6Bandwidth(bw.Bandwidth, bw.InternetChargeType, to) != nil {
					return fmt.Sprintf("%s has %d Mbps PayByTraffic, above %s's %d", a.Ipv6AddressId, bw.Bandwidth, to,
						model.Ipv6BandwidthMax(bw.InternetChargeType, to))
				}
				return ""
			})
			return nil, blockers, err
		},
		run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
			return ipv6SetSpec(ctx, fc, o, to, token)
		},
	}
}

// ---- egress-only rules ----

func ipv6RuleOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			p := parentOf(fc, "ipv6gw")
			if p == nil {
				return &elsewhere{title: "Create egress-only rule", action: "CreateIpv6EgressOnlyRule",
					how: "An egress-only rule belongs to an IPv6 gateway: open :ipv6gw, enter on the gateway, IPv6 Egress-only Rules, then c"}
			}
			return &ipv6RuleCreate{gw: p.Val().(*model.Ipv6Gateway)}
		},
		del: &deleteSpec{
			action: "DeleteIpv6EgressOnlyRule", fresh: true, refuse: onlyWhenAvailable,
			about: func(_ *formCtx, o *model.Object) []string {
				r := o.Val().(*model.Ipv6EgressOnlyRule)
				return []string{"Outbound-only rule for IPv6 address " + r.InstanceId + " on " + firstNonEmpty(r.Ipv6GatewayId, "its gateway")}
			},
			stops: func(o *model.Object) []string {
				return []string{o.Val().(*model.Ipv6EgressOnlyRule).InstanceId + " loses its outbound-only IPv6 internet access."}
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteIpv6EgressOnlyRuleInput{RegionId: o.Region, Ipv6EgressOnlyRuleId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteIpv6EgressOnlyRule(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteIpv6EgressOnlyRule", out.RequestId, in), nil
			},
		},
	}
}

// ipv6RuleCreate adds an egress-only rule for one of the gateway's VPC's
// IPv6 addresses that has none yet.
type ipv6RuleCreate struct {
	gw               *model.Ipv6Gateway
	addr, name, desc string
	addrs            []pick
}

func (m *ipv6RuleCreate) Title() string  { return "Create egress-only rule on " + m.gw.Ipv6GatewayId }
func (m *ipv6RuleCreate) Action() string { return "CreateIpv6EgressOnlyRule" }

func (m *ipv6RuleCreate) Prepare(ctx context.Context, fc *formCtx) error {
	addrs, err := fc.client.DescribeIpv6Addresses(ctx, &client.DescribeIpv6AddressesInput{RegionId: fc.region, VpcId: m.gw.VpcId})
	if err != nil {
		return err
	}
	rules, err := fc.client.DescribeIpv6EgressOnlyRules(ctx, &client.DescribeIpv6EgressOnlyRulesInput{RegionId: fc.region, Ipv6GatewayId: m.gw.Ipv6GatewayId})
	if err != nil {
		return err
	}
	m.addrs = []pick{}
	for _, a := range addrs {
		if !slices.ContainsFunc(rules, func(r *model.Ipv6EgressOnlyRule) bool { return r.InstanceId == a.Ipv6AddressId }) {
			m.addrs = append(m.addrs, pick{strings.Join(nonEmpty(a.Ipv6AddressId, a.Ipv6Address, a.Ipv6AddressName, a.AssociatedInstanceId), "  "), a.Ipv6AddressId})
		}
	}
	m.addr = keepOrFirst(m.addr, m.addrs)
	return nil
}

func (m *ipv6RuleCreate) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		pickerGone("IPv6 address", &m.addr, m.addrs, "every IPv6 address of "+m.gw.VpcId+" has an egress-only rule already", "is gone or has a rule already"),
		liveInput("Name", &m.name, model.Ipv6GatewayName.Check, nameHint),
		liveInput("Description", &m.desc, model.Ipv6GatewayDescription.Check, "optional; 2-256 characters, starts with a letter; letters, digits, . _ -"),
	))
}

func (m *ipv6RuleCreate) Check(fc *formCtx) error {
	if m.addr == "" {
		return errors.New("IPv6 address: there is none without a rule in " + m.gw.VpcId)
	}
	if m.gw.Status != "Available" {
		return fmt.Errorf("%s is %s; rules are added to an Available gateway", m.gw.Ipv6GatewayId, m.gw.Status)
	}
	return checks(
		check("IPv6 address", notOffered(m.addrs, m.addr, "is gone or has a rule already")),
		check("name", model.Ipv6GatewayName.Check(m.name)),
		check("description", model.Ipv6GatewayDescription.Check(m.desc)),
	)
}

func (m *ipv6RuleCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.CreateIpv6EgressOnlyRuleInput{RegionId: fc.region, Ipv6GatewayId: m.gw.Ipv6GatewayId, InstanceId: m.addr,
		InstanceType: "Ipv6Address", Name: m.name, Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateIpv6EgressOnlyRule(ctx, in)
	if err != nil {
		return nil, err
	}
	if out.Ipv6EgressRuleId == "" {
		return nil, errors.New("CreateIpv6EgressOnlyRule answered without an Ipv6EgressRuleId")
	}
	return madeIn(fc, "ipv6rule", map[string]string{"Ipv6GatewayId": m.gw.Ipv6GatewayId}, out.Ipv6EgressRuleId, out.RequestId, in), nil
}

// ---- IPv6 addresses: their internet bandwidth ----

func ipv6AddrOps() kindOps {
	return kindOps{
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			a := fc.target.Val().(*model.Ipv6Address)
			if !a.HasBandwidth() {
				return []actionItem{{label: "Allocate internet bandwidth", hint: "make the address reachable from the internet through " + firstNonEmpty(a.Ipv6GatewayId, "the VPC's IPv6 gateway"),
					make: func(fc *formCtx) mutation {
						return &ipv6Bandwidth{obj: fc.target, allocate: true, charge: "PayByBandwidth"}
					}}}
			}
			return []actionItem{
				{label: "Change internet bandwidth", hint: "now " + strconv.Itoa(a.Ipv6InternetBandwidth.Bandwidth) + " Mbps " + a.Ipv6InternetBandwidth.InternetChargeType,
					make: func(fc *formCtx) mutation { return &ipv6Bandwidth{obj: fc.target} }},
				{label: "Delete internet bandwidth", hint: "the address becomes private",
					destroy: func(*formCtx) *deleteSpec { return ipv6BandwidthDelete() }},
			}
		},
	}
}

// ipv6Bandwidth allocates or changes an address's internet bandwidth; the
// range depends on the charge type and the gateway's spec, both read when
// the form opens.
type ipv6Bandwidth struct {
	obj              *model.Object
	a                *model.Ipv6Address
	allocate         bool
	charge, mbps     string
	spec, refuse, gw string
}

func (m *ipv6Bandwidth) Title() string {
	if m.allocate {
		return "Allocate internet bandwidth to " + m.obj.ID
	}
	return "Change internet bandwidth of " + m.obj.ID
}

func (m *ipv6Bandwidth) Action() string {
	if m.allocate {
		return "AllocateIpv6InternetBandwidth"
	}
	return "ModifyIpv6InternetBandwidth"
}

// Prepare reads the address and its gateway: the status, whether it has
// bandwidth and the gateway's spec decide.
func (m *ipv6Bandwidth) Prepare(ctx context.Context, fc *formCtx) error {
	fresh, refusal, err := refetch(ctx, fc.client, m.obj)
	if err != nil || refusal != "" {
		m.refuse = refusal
		return err
	}
	m.obj, m.a, m.refuse = fresh, fresh.Val().(*model.Ipv6Address), ""
	if !m.allocate {
		m.charge = m.a.Ipv6InternetBandwidth.InternetChargeType
		if m.mbps == "" {
			m.mbps = strconv.Itoa(m.a.Ipv6InternetBandwidth.Bandwidth)
		}
	}
	switch {
	case m.a.Status != "Available":
		m.refuse = fmt.Sprintf("%s is %s; wait until it is Available", m.obj.ID, m.a.Status)
	case m.allocate && m.a.HasBandwidth():
		m.refuse = m.obj.ID + " has internet bandwidth already (x → Change internet bandwidth)"
	case !m.allocate && !m.a.HasBandwidth():
		m.refuse = m.obj.ID + " has no internet bandwidth (x → Allocate internet bandwidth)"
	case m.a.Ipv6GatewayId == "":
		m.refuse = m.a.VpcId + " has no IPv6 gateway; create one on :ipv6gw first"
	}
	if m.refuse != "" {
		return nil
	}
	g, err := fc.client.DescribeIpv6GatewayAttribute(ctx, &client.DescribeIpv6GatewayAttributeInput{RegionId: m.obj.Region, Ipv6GatewayId: m.a.Ipv6GatewayId})
	if err != nil {
		return err
	}
	m.gw, m.spec = g.Ipv6GatewayId, g.Spec
	if m.allocate && g.Status != "Available" {
		m.refuse = fmt.Sprintf("%s is %s; bandwidth is allocated through an Available gateway", g.Ipv6GatewayId, g.Status)
	}
	return nil
}

func (m *ipv6Bandwidth) checkMbps(s string) error {
	n, err := atoi("bandwidth", s)
	if err != nil {
		return err
	}
	return model.CheckIpv6Bandwidth(n, m.charge, m.spec)
}

func (m *ipv6Bandwidth) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	hint := func() string {
		return fmt.Sprintf("Mbps: 1-%d for %s behind a %s gateway", model.Ipv6BandwidthMax(m.charge, m.spec), m.charge, m.spec)
	}
	var fields []huh.Field
	if m.allocate {
		fields = append(fields, huh.NewSelect[string]().Title("Charge type").Value(&m.charge).
			Options(huh.NewOption("PayByBandwidth (up to 5000 Mbps)", "PayByBandwidth"),
				huh.NewOption(fmt.Sprintf("PayByTraffic (up to %d Mbps on %s)", model.Ipv6BandwidthMax("PayByTraffic", m.spec), m.spec), "PayByTraffic")))
	}
	return huh.NewForm(huh.NewGroup(append(fields, liveInput("Bandwidth", &m.mbps, m.checkMbps, hint()))...))
}

func (m *ipv6Bandwidth) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	return check("bandwidth", m.checkMbps(m.mbps)).err
}

func (m *ipv6Bandwidth) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.Ipv6BandwidthInput{RegionId: m.obj.Region, Ipv6AddressId: m.obj.ID, Bandwidth: strings.TrimSpace(m.mbps), ClientToken: token}
	var requestID string
	if m.allocate {
		in.Ipv6GatewayId, in.InternetChargeType = m.gw, m.charge
		out, err := fc.client.AllocateIpv6InternetBandwidth(ctx, in)
		if err != nil {
			return nil, err
		}
		requestID = out.RequestId
	} else {
		out, err := fc.client.ModifyIpv6InternetBandwidth(ctx, in)
		if err != nil {
			return nil, err
		}
		requestID = out.RequestId
	}
	res := result(m.obj.Kind, m.obj.Region, m.obj.ID, requestID, in, m.obj.Kind.Target)
	res.Action = m.Action()
	return res, nil
}

// ipv6BandwidthDelete takes an address's internet bandwidth away through
// the destructive dialog.
func ipv6BandwidthDelete() *deleteSpec {
	return &deleteSpec{verb: "Delete internet bandwidth", action: "DeleteIpv6InternetBandwidth", fresh: true,
		subject: func(o *model.Object) string { return "of IPv6 address " + o.ID },
		about: func(_ *formCtx, o *model.Object) []string {
			a := o.Val().(*model.Ipv6Address)
			bw := a.Ipv6InternetBandwidth
			return []string{fmt.Sprintf("%s: %d Mbps %s (%s)", a.Ipv6Address, bw.Bandwidth, bw.InternetChargeType, bw.Ipv6InternetBandwidthId)}
		},
		stops: func(o *model.Object) []string {
			return []string{o.Val().(*model.Ipv6Address).Ipv6Address + " can no longer be reached from the internet, nor reach it."}
		},
		refuse: func(o *model.Object) string {
			a := o.Val().(*model.Ipv6Address)
			if !a.HasBandwidth() {
				return o.ID + " has no internet bandwidth"
			}
			if a.Status != "Available" {
				return fmt.Sprintf("%s is %s; wait until it is Available", o.ID, a.Status)
			}
			return ""
		},
		run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
			in := &client.Ipv6BandwidthInput{RegionId: o.Region, Ipv6AddressId: o.ID, ClientToken: token}
			out, err := fc.client.DeleteIpv6InternetBandwidth(ctx, in)
			if err != nil {
				return nil, err
			}
			res := result(o.Kind, o.Region, o.ID, out.RequestId, in, o.Kind.Target)
			res.Action = "DeleteIpv6InternetBandwidth"
			return res, nil
		},
	}
}

// nonEmpty drops the empty strings (a pick label's missing parts).
func nonEmpty(ss ...string) []string {
	return slices.DeleteFunc(ss, func(s string) bool { return s == "" })
}

package ui

import (
	"context"
	"errors"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- router interfaces ----

func riOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &riCreate{role: model.RIInitiating, spec: "Small.1", oppType: model.RIVRouter}
			for _, k := range []string{"vrouter", "vbr"} {
				if p := parentOf(fc, k); p != nil {
					m.onlyRouter = p.ID
				}
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			return newRIModify(fc.target.Val().(*model.RouterInterface))
		},
		del: &deleteSpec{
			action: "DeleteRouterInterface", fresh: true, about: riAbout,
			stops: func(o *model.Object) []string {
				r := o.Val().(*model.RouterInterface)
				return []string{"This end of the link to " + riFar(r) + " is removed; the pair has to be created again to reconnect."}
			},
			refuse: func(o *model.Object) string {
				if s := o.Val().(*model.RouterInterface).Status; s != "Idle" && s != "Inactive" {
					return fmt.Sprintf("%s is %s; only an Idle or Inactive interface can be deleted (deactivate it first)", o.ID, s)
				}
				return ""
			},
			impact: riRoutes,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteRouterInterfaceInput{RegionId: o.Region, RouterInterfaceId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteRouterInterface(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteRouterInterface", out.RequestId, in), nil
			},
		},
		actions: riActions,
	}
}

// riFar names the other end: its interface, router and region.
func riFar(r *model.RouterInterface) string {
	far := strings.TrimSpace(r.OppositeRouterType + " " + firstNonEmpty(r.OppositeRouterId, "(no router named)"))
	if r.OppositeInterfaceId != "" {
		far = r.OppositeInterfaceId + " on " + far
	}
	return far + " in " + firstNonEmpty(r.OppositeRegionId, "?")
}

func riAbout(_ *formCtx, o *model.Object) []string {
	r := o.Val().(*model.RouterInterface)
	line := fmt.Sprintf("%s on %s %s, spec %s, to %s", r.Role, r.RouterType, r.RouterId, r.Spec, riFar(r))
	if r.OppositeInterfaceStatus != "" {
		line += " (" + r.OppositeInterfaceStatus + ")"
	}
	return []string{line}
}

// riRoutes lists the routes in the interface's VPC that use it as next
// hop: the API refuses the deletion while one does.
func riRoutes(ctx context.Context, fc *formCtx, o *model.Object) ([]string, []string, error) {
	r := o.Val().(*model.RouterInterface)
	if r.VpcInstanceId == "" {
		return nil, nil, nil
	}
	tables, err := fc.client.DescribeRouteTableList(ctx, &client.DescribeRouteTableListInput{RegionId: o.Region, VpcId: r.VpcInstanceId})
	if err != nil {
		return nil, nil, err
	}
	var blockers []string
	for _, t := range tables {
		es, err := fc.client.DescribeRouteEntryList(ctx, &client.DescribeRouteEntryListInput{RegionId: o.Region, RouteTableId: t.RouteTableId, NextHopId: o.ID})
		if err != nil {
			return nil, nil, err
		}
		for _, e := range es {
			blockers = append(blockers, "route "+e.DestinationCidrBlock+" in "+t.RouteTableId+" points at it")
		}
	}
	return nil, blockers, nil
}

// riActions are connect, activate, deactivate (through the dialog) and
// spec changes (a downgrade through the dialog).
func riActions(fc *formCtx) []actionItem {
	if fc.target == nil {
		return nil
	}
	r := fc.target.Val().(*model.RouterInterface)
	out := []actionItem{
		{label: "Connect", hint: "connect this initiating side to " + firstNonEmpty(r.OppositeInterfaceId, "its opposite interface") + " (Idle → Active)",
			make: func(fc *formCtx) mutation { return riStep(fc, riConnect) }},
		{label: "Activate", hint: "bring an Inactive interface back (→ Active)", make: func(fc *formCtx) mutation { return riStep(fc, riActivate) }},
		destructiveItem("Deactivate", "freeze the interface (Active → Inactive): traffic over the pair stops", "Deactivate",
			func(fc *formCtx) mutation { return riStep(fc, riDeactivate) }, func(s *deleteSpec) { s.about = riAbout }),
	}
	if r.Role != model.RIInitiating {
		return out
	}
	out = append(out, actionItem{label: "Upgrade spec", hint: "more bandwidth than " + r.Spec, make: newRISpec})
	specs := model.RISpecs(model.RIInitiating)
	for i := slices.Index(specs, r.Spec) - 1; i >= 0; i-- {
		to := specs[i]
		out = append(out, actionItem{label: "Downgrade spec to " + to, hint: fmt.Sprintf("%d Mbit/s; traffic above it is dropped", model.RISpecMbps(to)),
			destroy: func(*formCtx) *deleteSpec { return riDowngradeSpec(to) }})
	}
	return out
}

// riStepKind is one lifecycle action: the status it needs, its call and
// where it settles.
type riStepKind struct {
	verb, action, from, target, explain string
	call                                func(c *client.Client) func(context.Context, *client.RouterInterfaceInput) (*client.Result, error)
}

var (
	riConnect = riStepKind{verb: "Connect", action: "ConnectRouterInterface", from: "Idle", target: "Active",
		explain: "Both ends go Connecting → Active and traffic can flow over the pair.",
		call: func(c *client.Client) func(context.Context, *client.RouterInterfaceInput) (*client.Result, error) {
			return c.ConnectRouterInterface
		}}
	riActivate = riStepKind{verb: "Activate", action: "ActivateRouterInterface", from: "Inactive", target: "Active",
		explain: "The interface goes Activating → Active and forwards traffic again.",
		call: func(c *client.Client) func(context.Context, *client.RouterInterfaceInput) (*client.Result, error) {
			return c.ActivateRouterInterface
		}}
	riDeactivate = riStepKind{verb: "Deactivate", action: "DeactivateRouterInterface", from: "Active", target: "Inactive",
		call: func(c *client.Client) func(context.Context, *client.RouterInterfaceInput) (*client.Result, error) {
			return c.DeactivateRouterInterface
		}}
)

// riStep builds connect, activate or deactivate: a gate on the status (and
// for connect the role and the opposite interface), then the call.
func riStep(fc *formCtx, k riStepKind) mutation {
	r := fc.target.Val().(*model.RouterInterface)
	m := &confirmAction{title: k.verb + " router interface " + r.RouterInterfaceId, action: k.action, obj: fc.target,
		question: k.verb + " " + r.RouterInterfaceId + " (" + firstNonEmpty(r.Name, r.Role) + ")?", explain: k.explain}
	if k.explain == "" {
		m.explain = "Traffic between " + r.RouterType + " " + r.RouterId + " and " + riFar(r) + " stops until the interface is activated again."
	}
	m.gate = func(o *model.Object) string {
		r := o.Val().(*model.RouterInterface)
		switch {
		case k.action == "ConnectRouterInterface" && r.Role != model.RIInitiating:
			return o.ID + " is the accepting side; connect from its initiating side " + firstNonEmpty(r.OppositeInterfaceId, "")
		case r.Status != k.from:
			return fmt.Sprintf("%s is %s; only an %s interface can be %s", o.ID, r.Status, k.from, strings.ToLower(k.verb)+"d")
		case k.action == "ConnectRouterInterface" && r.OppositeInterfaceId == "":
			return o.ID + " names no opposite interface yet: create the accepting side, then set it here with e"
		}
		return ""
	}
	m.refuse = m.gate(fc.target)
	m.run = func(ctx context.Context, fc *formCtx, o *model.Object, _ string) (*submitted, error) {
		in := &client.RouterInterfaceInput{RegionId: o.Region, RouterInterfaceId: o.ID}
		out, err := k.call(fc.client)(ctx, in)
		if err != nil {
			return nil, err
		}
		res := result(o.Kind, o.Region, o.ID, out.RequestId, in, []string{k.target})
		res.Action = k.action
		return res, nil
	}
	return m
}

// riSpecChange is ModifyRouterInterfaceSpec's call; an Active interface
// goes Activating → Active.
func riSpecChange(ctx context.Context, fc *formCtx, o *model.Object, spec, token string) (*submitted, error) {
	in := &client.ModifyRouterInterfaceSpecInput{RegionId: o.Region, RouterInterfaceId: o.ID, Spec: spec, ClientToken: token}
	out, err := fc.client.ModifyRouterInterfaceSpec(ctx, in)
	if err != nil {
		return nil, err
	}
	target := []string{o.Status}
	if o.Status == "Active" {
		target = []string{"Active"}
	}
	res := result(o.Kind, o.Region, o.ID, out.RequestId, in, target)
	res.Action = "ModifyRouterInterfaceSpec"
	return res, nil
}

func riSpecRefusal(r *model.RouterInterface) string {
	switch {
	case r.Role != model.RIInitiating:
		return r.RouterInterfaceId + " is the accepting side; its spec is Negative"
	case r.Status != "Active" && r.Status != "Idle" && r.Status != "Inactive":
		return fmt.Sprintf("%s is %s; wait until it settles", r.RouterInterfaceId, r.Status)
	}
	return ""
}

// riSpecForm upgrades the spec: only larger specs are offered (a
// downgrade goes through the dialog).
type riSpecForm struct {
	id     string // Title reads it while Prepare replaces obj
	obj    *model.Object
	spec   string
	larger []pick
	refuse string
}

func newRISpec(fc *formCtx) mutation {
	m := &riSpecForm{id: fc.target.ID, obj: fc.target}
	m.load(fc.target.Val().(*model.RouterInterface))
	return m
}

func (m *riSpecForm) load(r *model.RouterInterface) {
	specs := model.RISpecs(model.RIInitiating)
	m.larger = []pick{}
	for _, s := range specs[slices.Index(specs, r.Spec)+1:] {
		m.larger = append(m.larger, pick{fmt.Sprintf("%-9s %d Mbit/s", s, model.RISpecMbps(s)), s})
	}
	m.spec = keepOrFirst(m.spec, m.larger)
	m.refuse = riSpecRefusal(r)
	if m.refuse == "" && len(m.larger) == 0 {
		m.refuse = r.RouterInterfaceId + " is at the largest spec, " + r.Spec
	}
}

func (m *riSpecForm) Title() string  { return "Upgrade spec of " + m.id }
func (m *riSpecForm) Action() string { return "ModifyRouterInterfaceSpec" }

func (m *riSpecForm) Prepare(ctx context.Context, fc *formCtx) error {
	fresh, refusal, err := refetch(ctx, fc.client, m.obj)
	if err != nil || refusal != "" {
		m.refuse = refusal
		return err
	}
	m.obj = fresh
	m.load(fresh.Val().(*model.RouterInterface))
	return nil
}

func (m *riSpecForm) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	return huh.NewForm(huh.NewGroup(pickerGone("Spec", &m.spec, m.larger, "no larger spec", "is not larger than the current spec")))
}

func (m *riSpecForm) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	return check("spec", notOffered(m.larger, m.spec, "is not larger than the current spec")).err
}

func (m *riSpecForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	return riSpecChange(ctx, fc, m.obj, m.spec, token)
}

func riDowngradeSpec(to string) *deleteSpec {
	return &deleteSpec{verb: "Downgrade", action: "ModifyRouterInterfaceSpec", fresh: true, about: riAbout,
		subject: func(o *model.Object) string { return "router interface " + o.ID + " to " + to },
		stops: func(o *model.Object) []string {
			return []string{fmt.Sprintf("The pair carries at most %d Mbit/s (%s → %s); traffic above it is dropped.",
				model.RISpecMbps(to), o.Val().(*model.RouterInterface).Spec, to)}
		},
		refuse: func(o *model.Object) string {
			r := o.Val().(*model.RouterInterface)
			if why := riSpecRefusal(r); why != "" {
				return why
			}
			if model.RISpecMbps(to) >= model.RISpecMbps(r.Spec) {
				return fmt.Sprintf("%s is %s now; %s is not smaller", o.ID, r.Spec, to)
			}
			return ""
		},
		run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
			return riSpecChange(ctx, fc, o, to, token)
		},
	}
}

// riModify renames an interface, changes its description, its health
// check addresses and, while it is Idle, the opposite interface it
// connects to. Emptying both health check addresses removes them
// (DeleteHealthCheckIp); an opposite interface cannot be cleared.
type riModify struct {
	id                   string
	idle                 bool
	name, desc, opp, was string
	src, dst, hadSrc     string
}

func newRIModify(r *model.RouterInterface) *riModify {
	return &riModify{id: r.RouterInterfaceId, idle: r.Status == "Idle", name: r.Name, desc: r.Description,
		opp: r.OppositeInterfaceId, was: r.OppositeInterfaceId, src: r.HealthCheckSourceIp, dst: r.HealthCheckTargetIp, hadSrc: r.HealthCheckSourceIp}
}

func (m *riModify) Title() string  { return "Edit router interface " + m.id }
func (m *riModify) Action() string { return "ModifyRouterInterfaceAttribute" }

func checkRIID(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	return model.CheckResourceID("router interface", "ri-", s)
}

func (m *riModify) checkOpp(s string) error {
	if strings.TrimSpace(s) == "" && m.was != "" {
		return cannotClear("opposite interface", m.Action(), "OppositeInterfaceId", m.was)
	}
	return checkRIID(s)
}

func (m *riModify) checkHealth(string) error { return model.CheckRIHealthCheck(m.src, m.dst) }

// checkIPv4Opt accepts an empty value or an IPv4 address.
func checkIPv4Opt(s string) error {
	if s = strings.TrimSpace(s); s == "" {
		return nil
	}
	if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
		return fmt.Errorf("%q is not an IPv4 address", s)
	}
	return nil
}

func (m *riModify) Form(fc *formCtx) *huh.Form {
	fields := []huh.Field{editName(fc, &m.name), editDesc(fc, &m.desc)}
	if m.idle {
		fields = append(fields, liveInput("Opposite interface", &m.opp, m.checkOpp, "the accepting side to connect to (only while Idle), e.g. ri-…"))
	}
	return huh.NewForm(huh.NewGroup(fields...), huh.NewGroup(
		liveInput("Health check source IP", &m.src, checkIPv4Opt, "optional; an unused address of the local VPC"),
		liveInput("Health check target IP", &m.dst, m.checkHealth, "with the source; both empty removes the health check"),
	))
}

func (m *riModify) request(fc *formCtx) *client.ModifyRouterInterfaceAttributeInput {
	in := &client.ModifyRouterInterfaceAttributeInput{RegionId: fc.region, RouterInterfaceId: m.id, Name: m.name, Description: m.desc,
		HealthCheckSourceIp: strings.TrimSpace(m.src), HealthCheckTargetIp: strings.TrimSpace(m.dst)}
	if m.idle {
		in.OppositeInterfaceId = strings.TrimSpace(m.opp)
	}
	if in.HealthCheckSourceIp == "" && in.HealthCheckTargetIp == "" && m.hadSrc != "" {
		in.DeleteHealthCheckIp = boolPtr(true)
	}
	return in
}

func (m *riModify) Check(fc *formCtx) error {
	opp := checkRIID(m.opp)
	if m.idle {
		opp = m.checkOpp(m.opp)
	}
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("opposite interface", opp), check("health check", m.checkHealth("")),
		check("edit", editRefusal(fc.target, m.Action(), m.request(fc))))
}

func (m *riModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyRouterInterfaceAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "ri", m.id, out.RequestId, in, nil), nil
}

// riPicks lists the interfaces on a router (a route's next hop in a
// VPC's table): any status, as the API takes them.
func riPicks(ctx context.Context, fc *formCtx, routerID string) ([]pick, error) {
	out := []pick{}
	if routerID == "" {
		return out, nil
	}
	ris, err := fc.client.DescribeRouterInterfaces(ctx, &client.DescribeRouterInterfacesInput{RegionId: fc.region,
		Filter: []client.Filter{{Key: "RouterId", Value: []string{routerID}}}})
	if err != nil {
		return nil, err
	}
	for _, r := range ris {
		out = append(out, pick{fmt.Sprintf("%s  %s  → %s  %s", r.RouterInterfaceId, r.Name, riRouterLabel(r.OppositeRouterType, r.OppositeRouterId), r.Status), r.RouterInterfaceId})
	}
	return out, nil
}

func riRouterLabel(typ, id string) string { return strings.TrimSpace(typ + " " + id) }

package forms

import (
	"cmp"
	"context"
	"fmt"
	"net/netip"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- router interfaces ----

func riOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &riCreate{role: model.RIInitiating, Spec: "Small.1", oppType: model.RIVRouter,
				onlyRouter: cmp.Or(parentID(fc, "vrouter"), parentID(fc, "vbr"))}
		},
		Edit: func(fc *FormCtx) Mutation {
			return newRIModify(fc.Target.Val().(*model.RouterInterface))
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: riAbout,
			Stops: func(o *model.Object) []string {
				r := o.Val().(*model.RouterInterface)
				return []string{"This end of the link to " + riFar(r) + " is removed; the pair has to be created again to reconnect."}
			},
			Refuse: func(o *model.Object) string {
				if s := o.Val().(*model.RouterInterface).Status; s != "Idle" && s != "Inactive" {
					return fmt.Sprintf("%s is %s; only an Idle or Inactive interface can be deleted (deactivate it first)", o.ID, s)
				}
				return ""
			},
			Impact: riRoutes,
		}, "RouterInterfaceId", client.DeleteRouterInterface),
		Actions: actionsOn(riActions),
	}
}

// riFar names the other end: its interface, router and region.
func riFar(r *model.RouterInterface) string {
	far := strings.TrimSpace(r.OppositeRouterType + " " + cmp.Or(r.OppositeRouterId, "(no router named)"))
	if r.OppositeInterfaceId != "" {
		far = r.OppositeInterfaceId + " on " + far
	}
	return far + " in " + cmp.Or(r.OppositeRegionId, "?")
}

func riAbout(_ *FormCtx, o *model.Object) []string {
	r := o.Val().(*model.RouterInterface)
	line := fmt.Sprintf("%s on %s %s, spec %s, to %s", r.Role, r.RouterType, r.RouterId, r.Spec, riFar(r))
	if r.OppositeInterfaceStatus != "" {
		line += " (" + r.OppositeInterfaceStatus + ")"
	}
	return []string{line}
}

// riRoutes lists the routes in the interface's VPC that use it as next
// hop: the API refuses the deletion while one does.
func riRoutes(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	r := o.Val().(*model.RouterInterface)
	routes, err := routesVia(ctx, fc, o.Region, r.VpcInstanceId, o.ID)
	return nil, routes, err
}

// riActions are connect, activate, deactivate (through the dialog) and
// spec changes (a downgrade through the dialog).
func riActions(fc *FormCtx, r *model.RouterInterface) []actionItem {
	out := []actionItem{
		{Label: "Connect", Hint: "connect this initiating side to " + cmp.Or(r.OppositeInterfaceId, "its opposite interface") + " (Idle → Active)",
			Make: func(fc *FormCtx) Mutation { return riStep(fc, riConnect) }},
		{Label: "Activate", Hint: "bring an Inactive interface back (→ Active)", Make: func(fc *FormCtx) Mutation { return riStep(fc, riActivate) }},
		destructiveItem("Deactivate", "freeze the interface (Active → Inactive): traffic over the pair stops", "Deactivate",
			func(fc *FormCtx) Mutation { return riStep(fc, riDeactivate) }, func(s *DeleteSpec) { s.About = riAbout }),
	}
	if r.Role != model.RIInitiating {
		return out
	}
	out = append(out, actionItem{Label: "Upgrade spec", Hint: "more bandwidth than " + r.Spec, Make: newRISpec})
	specs := model.RISpecs(model.RIInitiating)
	for i := slices.Index(specs, r.Spec) - 1; i >= 0; i-- {
		to := specs[i]
		out = append(out, actionItem{Label: "Downgrade spec to " + to, Hint: fmt.Sprintf("%d Mbit/s; traffic above it is dropped", model.RISpecMbps(to)),
			Destroy: func(*FormCtx) *DeleteSpec { return riDowngradeSpec(to) }})
	}
	return out
}

// riStepKind is one lifecycle action: the status it needs, its call and
// where it settles.
type riStepKind struct {
	Verb, from, Target, explain string
	op                          client.Op[client.RouterInterfaceInput, client.Result]
}

var (
	riConnect = riStepKind{Verb: "Connect", op: client.ConnectRouterInterface, from: "Idle", Target: "Active",
		explain: "Both ends go Connecting → Active and traffic can flow over the pair."}
	riActivate = riStepKind{Verb: "Activate", op: client.ActivateRouterInterface, from: "Inactive", Target: "Active",
		explain: "The interface goes Activating → Active and forwards traffic again."}
	riDeactivate = riStepKind{Verb: "Deactivate", op: client.DeactivateRouterInterface, from: "Active", Target: "Inactive"}
)

// riStep builds connect, activate or deactivate: a gate on the status (and
// for connect the role and the opposite interface), then the call.
func riStep(fc *FormCtx, k riStepKind) Mutation {
	r := fc.Target.Val().(*model.RouterInterface)
	m := &ConfirmAction{title: k.Verb + " router interface " + r.RouterInterfaceId, APIAction: k.op.Action, obj: fc.Target,
		question: k.Verb + " " + r.RouterInterfaceId + " (" + cmp.Or(r.Name, r.Role) + ")?", explain: k.explain}
	if k.explain == "" {
		m.explain = "Traffic between " + r.RouterType + " " + r.RouterId + " and " + riFar(r) + " stops until the interface is activated again."
	}
	m.gate = func(o *model.Object) string {
		r := o.Val().(*model.RouterInterface)
		switch {
		case k.op.Action == "ConnectRouterInterface" && r.Role != model.RIInitiating:
			return o.ID + " is the accepting side; connect from its initiating side " + cmp.Or(r.OppositeInterfaceId, "")
		case r.Status != k.from:
			return fmt.Sprintf("%s is %s; only an %s interface can be %s", o.ID, r.Status, k.from, strings.ToLower(k.Verb)+"d")
		case k.op.Action == "ConnectRouterInterface" && r.OppositeInterfaceId == "":
			return o.ID + " names no opposite interface yet: create the accepting side, then set it here with e"
		}
		return ""
	}
	m.Refuse = m.gate(fc.Target)
	m.Run = func(ctx context.Context, fc *FormCtx, o *model.Object, _ string) (*Submitted, error) {
		in := &client.RouterInterfaceInput{RegionId: o.Region, RouterInterfaceId: o.ID}
		out, err := k.op.Call(ctx, fc.Client, in)
		return sent(o, k.op.Action, in, out, err, []string{k.Target})
	}
	return m
}

// riSpecChange is ModifyRouterInterfaceSpec's call; an Active interface
// goes Activating → Active.
func riSpecChange(ctx context.Context, fc *FormCtx, o *model.Object, spec, token string) (*Submitted, error) {
	in := &client.ModifyRouterInterfaceSpecInput{RegionId: o.Region, RouterInterfaceId: o.ID, Spec: spec, ClientToken: token}
	out, err := client.ModifyRouterInterfaceSpec.Call(ctx, fc.Client, in)
	target := []string{o.Status}
	if o.Status == "Active" {
		target = []string{"Active"}
	}
	return sent(o, client.ModifyRouterInterfaceSpec.Action, in, out, err, target)
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
	gated
	Id     string
	obj    *model.Object
	Spec   string
	larger []Pick
}

func newRISpec(fc *FormCtx) Mutation {
	m := &riSpecForm{Id: fc.Target.ID, obj: fc.Target}
	// The title is fixed here: Prepare replaces obj.
	m.title, m.action = "Upgrade spec of "+m.Id, "ModifyRouterInterfaceSpec"
	m.fields = func() []huh.Field {
		return []huh.Field{pickerGone("Spec", &m.Spec, m.larger, "no larger spec", "is not larger than the current spec")}
	}
	m.check = func() error {
		return check("spec", notOffered(m.larger, m.Spec, "is not larger than the current spec")).err
	}
	m.load(fc.Target.Val().(*model.RouterInterface))
	return m
}

func (m *riSpecForm) load(r *model.RouterInterface) {
	specs := model.RISpecs(model.RIInitiating)
	m.larger = []Pick{}
	for _, s := range specs[slices.Index(specs, r.Spec)+1:] {
		m.larger = append(m.larger, Pick{fmt.Sprintf("%-9s %d Mbit/s", s, model.RISpecMbps(s)), s})
	}
	m.Spec = keepOrFirst(m.Spec, m.larger)
	m.Refuse = riSpecRefusal(r)
	if m.Refuse == "" && len(m.larger) == 0 {
		m.Refuse = r.RouterInterfaceId + " is at the largest spec, " + r.Spec
	}
}

func (m *riSpecForm) Prepare(ctx context.Context, fc *FormCtx) error {
	fresh, err := reread(ctx, fc, m.obj, &m.Refuse)
	if fresh == nil {
		return err
	}
	m.obj = fresh
	m.load(fresh.Val().(*model.RouterInterface))
	return nil
}

func (m *riSpecForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	return riSpecChange(ctx, fc, m.obj, m.Spec, token)
}

func riDowngradeSpec(to string) *DeleteSpec {
	return &DeleteSpec{Verb: "Downgrade", Action: client.ModifyRouterInterfaceSpec.Action, Fresh: true, About: riAbout,
		Subject: func(o *model.Object) string { return "router interface " + o.ID + " to " + to },
		Stops: func(o *model.Object) []string {
			return []string{fmt.Sprintf("The pair carries at most %d Mbit/s (%s → %s); traffic above it is dropped.",
				model.RISpecMbps(to), o.Val().(*model.RouterInterface).Spec, to)}
		},
		Refuse: func(o *model.Object) string {
			r := o.Val().(*model.RouterInterface)
			if why := riSpecRefusal(r); why != "" {
				return why
			}
			if model.RISpecMbps(to) >= model.RISpecMbps(r.Spec) {
				return fmt.Sprintf("%s is %s now; %s is not smaller", o.ID, r.Spec, to)
			}
			return ""
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			return riSpecChange(ctx, fc, o, to, token)
		},
	}
}

// riModify renames an interface, changes its description, its health
// check addresses and, while it is Idle, the opposite interface it
// connects to. Emptying both health check addresses removes them
// (DeleteHealthCheckIp); an opposite interface cannot be cleared.
type riModify struct {
	Id                   string
	idle                 bool
	Name, Desc, opp, was string
	src, dst, hadSrc     string
}

func newRIModify(r *model.RouterInterface) *riModify {
	return &riModify{Id: r.RouterInterfaceId, idle: r.Status == "Idle", Name: r.Name, Desc: r.Description,
		opp: r.OppositeInterfaceId, was: r.OppositeInterfaceId, src: r.HealthCheckSourceIp, dst: r.HealthCheckTargetIp, hadSrc: r.HealthCheckSourceIp}
}

func (m *riModify) Title() string  { return "Edit router interface " + m.Id }
func (m *riModify) Action() string { return "ModifyRouterInterfaceAttribute" }

var checkRIID = optional(func(s string) error { return model.CheckResourceID("router interface", "ri-", s) })

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

func (m *riModify) Form(fc *FormCtx) *huh.Form {
	fields := []huh.Field{editName(fc, &m.Name), editDesc(fc, &m.Desc)}
	if m.idle {
		fields = append(fields, liveInput("Opposite interface", &m.opp, m.checkOpp, "the accepting side to connect to (only while Idle), e.g. ri-…"))
	}
	return huh.NewForm(huh.NewGroup(fields...), huh.NewGroup(
		liveInput("Health check source IP", &m.src, checkIPv4Opt, "optional; an unused address of the local VPC"),
		liveInput("Health check target IP", &m.dst, m.checkHealth, "with the source; both empty removes the health check"),
	))
}

func (m *riModify) request(fc *FormCtx) *client.ModifyRouterInterfaceAttributeInput {
	in := &client.ModifyRouterInterfaceAttributeInput{RegionId: fc.Region, RouterInterfaceId: m.Id, Name: m.Name, Description: m.Desc,
		HealthCheckSourceIp: strings.TrimSpace(m.src), HealthCheckTargetIp: strings.TrimSpace(m.dst)}
	if m.idle {
		in.OppositeInterfaceId = strings.TrimSpace(m.opp)
	}
	if in.HealthCheckSourceIp == "" && in.HealthCheckTargetIp == "" && m.hadSrc != "" {
		in.DeleteHealthCheckIp = boolPtr(true)
	}
	return in
}

func (m *riModify) Check(fc *FormCtx) error {
	opp := checkRIID(m.opp)
	if m.idle {
		opp = m.checkOpp(m.opp)
	}
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("opposite interface", opp), check("health check", m.checkHealth("")),
		check("edit", editRefusal(fc.Target, m.Action(), m.request(fc))))
}

func (m *riModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	return sendEdit(ctx, fc, client.ModifyRouterInterfaceAttribute.Func, in, "ri", m.Id)
}

// riPicks lists the interfaces on a router (a route's next hop in a
// VPC's table): any status, as the API takes them.
func riPicks(ctx context.Context, fc *FormCtx, routerID string) ([]Pick, error) {
	out := []Pick{}
	if routerID == "" {
		return out, nil
	}
	ris, err := client.DescribeRouterInterfaces.Call(ctx, fc.Client, &client.DescribeRouterInterfacesInput{RegionId: fc.Region,
		Filter: []client.Filter{{Key: "RouterId", Value: []string{routerID}}}})
	if err != nil {
		return nil, err
	}
	return pickList(ris, func(r *model.RouterInterface) []string {
		return []string{r.RouterInterfaceId, r.Name, "→ " + riRouterLabel(r.OppositeRouterType, r.OppositeRouterId), r.Status}
	}), nil
}

func riRouterLabel(typ, id string) string { return strings.TrimSpace(typ + " " + id) }

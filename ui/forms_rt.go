package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- route tables ----

func rtOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &rtCreate{}
			if p := parentOf(fc, "vpc"); p != nil {
				m.vpcID, m.fixedVPC = p.ID, true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			t := fc.target.Val().(*model.RouteTable)
			return &attrEdit[client.ModifyRouteTableAttributesInput]{kind: "rt", title: "Edit route table " + t.RouteTableId, action: "ModifyRouteTableAttributes",
				id: t.RouteTableId, name: t.RouteTableName, desc: t.Description,
				request: func(fc *formCtx, name, desc string) *client.ModifyRouteTableAttributesInput {
					return &client.ModifyRouteTableAttributesInput{RegionId: fc.region, RouteTableId: t.RouteTableId, RouteTableName: name, Description: desc}
				},
				send: (*client.Client).ModifyRouteTableAttributes}
		},
		del: &deleteSpec{
			action: "DeleteRouteTable",
			// The API refuses while VSwitches are bound (the vsw kind's rt
			// scope lists them).
			blockers: []string{"vsw"},
			// VSwitches on the system table are not bound to it: the
			// system table cannot be deleted at all, which run explains.
			keep: func(ch *model.Object) bool {
				v, ok := ch.Val().(*model.VSwitch)
				return !ok || v.RouteTable.RouteTableType != "System"
			},
			refuse: func(o *model.Object) string {
				if t := o.Val().(*model.RouteTable); t.RouteTableType == "System" {
					return o.ID + " is the VPC's system route table; it goes with the VPC and cannot be deleted on its own"
				}
				return ""
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteRouteTableInput{RegionId: o.Region, RouteTableId: o.ID}
				out, err := fc.client.DeleteRouteTable(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteRouteTable", out.RequestId, in), nil
			},
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			return append([]actionItem{
				{label: "Associate with a VSwitch", hint: "bind this table to a VSwitch of its VPC",
					make: func(fc *formCtx) mutation { return newRtBind(fc, true) }},
			}, rtUnbindItems(fc)...)
		},
	}
}

// vpcPicks lists the region's VPCs as choices.
func vpcPicks(ctx context.Context, fc *formCtx) ([]pick, []*model.Vpc, error) {
	vpcs, err := fc.client.DescribeVpcs(ctx, &client.DescribeVpcsInput{RegionId: fc.region})
	if err != nil {
		return nil, nil, err
	}
	picks := make([]pick, len(vpcs))
	for i, v := range vpcs {
		picks[i] = pick{fmt.Sprintf("%s  %s  %s", v.VpcId, v.VpcName, v.CidrBlock), v.VpcId}
	}
	return picks, vpcs, nil
}

type rtCreate struct {
	vpcID, name, desc string
	fixedVPC          bool
	vpcs              []pick
}

func (m *rtCreate) Title() string {
	if m.fixedVPC {
		return "Create route table in " + m.vpcID
	}
	return "Create route table"
}
func (m *rtCreate) Action() string { return "CreateRouteTable" }

func (m *rtCreate) Prepare(ctx context.Context, fc *formCtx) error {
	if m.fixedVPC {
		return nil
	}
	picks, _, err := vpcPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vpcs = picks
	if m.vpcID == "" {
		m.vpcID = firstValue(picks)
	}
	return nil
}

func (m *rtCreate) Form(fc *formCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedVPC {
		fields = append(fields, pickerGone("VPC", &m.vpcID, m.vpcs, "this region has no VPC", "is no longer in "+fc.region))
	}
	fields = append(fields, nameField(&m.name), descField(&m.desc))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *rtCreate) Check(fc *formCtx) error {
	if m.vpcID == "" {
		return errors.New("choose a VPC")
	}
	if !m.fixedVPC {
		if err := notOffered(m.vpcs, m.vpcID, "is no longer in "+fc.region); err != nil {
			return fmt.Errorf("VPC: %w", err)
		}
	}
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)))
}

func (m *rtCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.CreateRouteTableInput{RegionId: fc.region, VpcId: m.vpcID, RouteTableName: m.name, Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateRouteTable(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "rt", out.RouteTableId, out.RequestId, in, nil), nil
}

// rtBind associates a custom table with a VSwitch of its VPC, or
// unassociates it; the VSwitches come from DescribeVSwitches.
type rtBind struct {
	table  *model.RouteTable
	bind   bool
	vswID  string
	refuse string
	picks  []pick
}

func newRtBind(fc *formCtx, bind bool) *rtBind {
	m := &rtBind{table: fc.target.Val().(*model.RouteTable), bind: bind}
	if m.table.RouteTableType == "System" {
		m.refuse = "the system route table is every VSwitch's default; associate a custom table instead"
	}
	return m
}

func (m *rtBind) Title() string {
	if m.bind {
		return "Associate " + m.table.RouteTableId + " with a VSwitch"
	}
	return "Unassociate " + m.table.RouteTableId + " from a VSwitch"
}

func (m *rtBind) Action() string {
	if m.bind {
		return "AssociateRouteTable"
	}
	return "UnassociateRouteTable"
}

func (m *rtBind) Prepare(ctx context.Context, fc *formCtx) error {
	if m.refuse != "" {
		return nil
	}
	sws, err := fc.client.DescribeVSwitches(ctx, &client.DescribeVSwitchesInput{RegionId: fc.region, VpcId: m.table.VpcId})
	if err != nil {
		return err
	}
	m.picks = []pick{}
	for _, s := range sws {
		bound := s.RouteTable.RouteTableId == m.table.RouteTableId
		if bound != m.bind {
			label := fmt.Sprintf("%s  %s  %s", s.VSwitchId, s.VSwitchName, s.CidrBlock)
			if m.bind && s.RouteTable.RouteTableType == "Custom" {
				label += "  (now " + s.RouteTable.RouteTableId + ")"
			}
			m.picks = append(m.picks, pick{label, s.VSwitchId})
		}
	}
	m.vswID = keepOrFirst(m.vswID, m.picks)
	return nil
}

func (m *rtBind) gone() string {
	if m.bind {
		return "is no longer a VSwitch of " + m.table.VpcId + " outside this table"
	}
	return "is no longer bound to this table"
}

func (m *rtBind) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible").Description("✗ " + m.refuse)))
	}
	none := "every VSwitch of " + m.table.VpcId + " already uses this table"
	desc := "VSwitches of " + m.table.VpcId + " not bound to this table"
	if !m.bind {
		none = "no VSwitch is bound to this table"
		desc = "VSwitches bound to this table; they fall back to the system table"
	}
	return huh.NewForm(huh.NewGroup(pickerGone("VSwitch", &m.vswID, m.picks, none, m.gone())).Description(desc))
}

func (m *rtBind) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if m.vswID == "" {
		return errors.New("there is no VSwitch to choose")
	}
	return notOffered(m.picks, m.vswID, m.gone())
}

func (m *rtBind) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.RouteTableVSwitchInput{RegionId: fc.region, RouteTableId: m.table.RouteTableId, VSwitchId: m.vswID, ClientToken: token}
	call := fc.client.AssociateRouteTable
	if !m.bind {
		call = fc.client.UnassociateRouteTable
	}
	out, err := call(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "rt", m.table.RouteTableId, out.RequestId, in, nil), nil
}

// ---- route entries ----

func routeOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			p := parentOf(fc, "rt")
			if p == nil {
				return &elsewhere{title: "Create route entry", action: "CreateRouteEntry",
					how: "A route goes in a route table: open :rt, select a table and press enter, then c."}
			}
			return &routeCreate{table: p.Val().(*model.RouteTable), hopType: "NatGateway"}
		},
		del: &deleteSpec{
			action: "DeleteRouteEntry",
			about:  routeAbout,
			stops:  routeStops,
			refuse: func(o *model.Object) string {
				if err := routeDeletable(o.Val().(*model.RouteEntry)); err != nil {
					return err.Error()
				}
				return ""
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				e := o.Val().(*model.RouteEntry)
				in := &client.DeleteRouteEntryInput{RegionId: o.Region, RouteEntryId: e.RouteEntryId, RouteTableId: e.RouteTableId}
				out, err := fc.client.DeleteRouteEntry(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteRouteEntry", out.RequestId, in), nil
			},
		},
	}
}

// routeDeletable says, before any call, why a route cannot be deleted.
func routeDeletable(e *model.RouteEntry) error {
	switch {
	case strings.EqualFold(e.Type, "System"):
		return fmt.Errorf("%s is a system route (to %s); system routes come with the VPC and its VSwitches and cannot be deleted", e.DestinationCidrBlock, e.NextHopText())
	case strings.EqualFold(e.Type, "BGP"):
		return fmt.Errorf("%s was learned over BGP; withdraw it on the data-centre router instead", e.DestinationCidrBlock)
	case e.Status != "" && e.Status != "Available":
		return fmt.Errorf("the route is %s; only an Available route can be deleted — wait until it settles", e.Status)
	}
	return nil
}

// routeCreate adds a custom route: the destination is checked against the
// VPC's VSwitch blocks and the table's routes as you type; the next hop is
// picked from the API for its type (NAT and VPN gateways of the VPC, its
// peering connections) or typed with a format check.
type routeCreate struct {
	table               *model.RouteTable
	dest, name, desc    string
	hopType             string
	hops                *choiceGroups
	vswBlocks, existing []string
	custom              int
	nats, vpns, peers   []pick
	havips              []pick
	ris                 []pick
}

func (m *routeCreate) Title() string  { return "Create route in " + m.table.RouteTableId }
func (m *routeCreate) Action() string { return "CreateRouteEntry" }

// Prepare loads the table's routes and the VPC's next hops on every
// opening, a draft's too: a peering connection created since is offered;
// the draft's next hop is kept (marked when no longer offered).
func (m *routeCreate) Prepare(ctx context.Context, fc *formCtx) error {
	t := m.table
	entries, err := tableRoutes(ctx, fc, fc.region, t.RouteTableId)
	if err != nil {
		return err
	}
	m.existing, m.custom = nil, 0
	for _, e := range entries {
		m.existing = append(m.existing, e.DestinationCidrBlock)
		if e.Type == "Custom" {
			m.custom++
		}
	}
	m.nats, m.vpns, m.peers, m.vswBlocks = []pick{}, []pick{}, []pick{}, nil
	if t.VpcId != "" {
		sws, err := fc.client.DescribeVSwitches(ctx, &client.DescribeVSwitchesInput{RegionId: fc.region, VpcId: t.VpcId})
		if err != nil {
			return err
		}
		for _, s := range sws {
			m.vswBlocks = append(m.vswBlocks, s.CidrBlock)
		}
		nats, err := fc.client.DescribeNatGateways(ctx, &client.DescribeNatGatewaysInput{RegionId: fc.region, VpcId: t.VpcId})
		if err != nil {
			return err
		}
		for _, n := range nats {
			m.nats = append(m.nats, pick{fmt.Sprintf("%s  %s  %s", n.NatGatewayId, n.Name, n.Status), n.NatGatewayId})
		}
		vpns, err := fc.client.DescribeVpnGateways(ctx, &client.DescribeVpnGatewaysInput{RegionId: fc.region, VpcId: t.VpcId})
		if err != nil {
			return err
		}
		for _, v := range vpns {
			m.vpns = append(m.vpns, pick{fmt.Sprintf("%s  %s  %s", v.VpnGatewayId, v.Name, v.Status), v.VpnGatewayId})
		}
		peers, err := fc.client.ListVpcPeerConnections(ctx, &client.ListVpcPeerConnectionsInput{RegionId: fc.region, VpcId: []string{t.VpcId}})
		if err != nil {
			return err
		}
		for _, p := range peers {
			other := p.AcceptingVpc.VpcId
			if other == t.VpcId {
				other = p.Vpc.VpcId
			}
			m.peers = append(m.peers, pick{fmt.Sprintf("%s  %s  → %s", p.InstanceId, p.Name, other), p.InstanceId})
		}
		if m.havips, err = havipPicks(ctx, fc, t.VpcId); err != nil {
			return err
		}
		if m.ris, err = riPicks(ctx, fc, t.RouterId); err != nil {
			return err
		}
	}
	if m.hops == nil {
		m.hops = newChoiceGroups(&m.hopType)
	}
	for typ, picks := range m.loaded() {
		m.hops.setDefault(typ, firstValue(picks))
	}
	return nil
}

// loaded are the next hops picked from the API, by next hop type.
func (m *routeCreate) loaded() map[string][]pick {
	return map[string][]pick{"NatGateway": m.nats, "VpnGateway": m.vpns, "VpcPeer": m.peers, "HaVip": m.havips, "RouterInterface": m.ris}
}

// hopOffered refuses a picked next hop (a draft's) that is no longer
// among those loaded; a typed one is checked by format only.
func (m *routeCreate) hopOffered() error {
	picks, ok := m.loaded()[m.hopType]
	if !ok {
		return nil
	}
	return notOffered(picks, m.hops.value(), m.hopGone(m.hopType))
}

func (m *routeCreate) hopGone(typ string) string {
	return "is no longer a " + model.NextHopWhat(typ) + " of " + m.table.VpcId
}

func (m *routeCreate) checkDest(s string) error {
	p, err := model.CheckRouteDestination(s, m.vswBlocks)
	if err != nil {
		return err
	}
	return model.CheckRouteDestinationFree(p, m.existing)
}

func (m *routeCreate) checkHop(s string) error { return model.CheckNextHop(m.hopType, s) }

func (m *routeCreate) Form(fc *formCtx) *huh.Form {
	dest := liveInput("Destination CIDR block", &m.dest, required("a destination", m.checkDest),
		"outside the VPC's VSwitch blocks and 100.64.0.0/10; a bare IP means /32")
	types := huh.NewSelect[string]().Title("Next hop type").Options(stringOptions(model.NextHopTypes()...)...).Value(&m.hopType).Height(6)
	gs := []*huh.Group{huh.NewGroup(dest, types)}
	loaded := m.loaded()
	for _, typ := range model.NextHopTypes() {
		typ := typ
		if picks, ok := loaded[typ]; ok {
			gs = append(gs, m.hops.group(typ, func(v *string) []huh.Field {
				return []huh.Field{pickerGone("Next hop ("+model.NextHopWhat(typ)+")", v, picks,
					"no "+model.NextHopWhat(typ)+" in "+m.table.VpcId+"; choose another next hop type", m.hopGone(typ))}
			}))
			continue
		}
		gs = append(gs, m.hops.group(typ, func(v *string) []huh.Field {
			return []huh.Field{liveInput("Next hop ID ("+model.NextHopWhat(typ)+")", v, func(s string) error { return model.CheckNextHop(typ, s) },
				"the ID of the "+model.NextHopWhat(typ)+" in "+m.table.VpcId)}
		}))
	}
	gs = append(gs, huh.NewGroup(nameField(&m.name), descField(&m.desc)))
	return huh.NewForm(gs...)
}

func (m *routeCreate) Check(fc *formCtx) error {
	if m.custom >= model.MaxCustomRoutes {
		return fmt.Errorf("%s already has %d custom routes, the most a table may hold", m.table.RouteTableId, model.MaxCustomRoutes)
	}
	return checks(
		check("destination", m.checkDest(m.dest)),
		check("next hop", model.CheckNextHop(m.hopType, m.hops.value())),
		check("next hop", m.hopOffered()),
		check("name", model.DefaultName.Check(m.name)),
		check("description", model.CheckDescription(m.desc)),
	)
}

// Request is what Submit sends; the review page lists it first.
func (m *routeCreate) Request(fc *formCtx, token string) (any, error) { return m.input(fc, token), nil }

func (m *routeCreate) input(fc *formCtx, token string) *client.CreateRouteEntryInput {
	return &client.CreateRouteEntryInput{RegionId: fc.region, RouteTableId: m.table.RouteTableId, DestinationCidrBlock: strings.TrimSpace(m.dest),
		NextHopType: m.hopType, NextHopId: m.hops.value(), RouteEntryName: m.name, Description: m.desc, ClientToken: token}
}

func (m *routeCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.input(fc, token)
	out, err := fc.client.CreateRouteEntry(ctx, in)
	if err != nil {
		return nil, err
	}
	return madeIn(fc, "route", map[string]string{"RouteTableId": m.table.RouteTableId}, out.RouteEntryId, out.RequestId, in), nil
}

package forms

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

func RtOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &RtCreate{}
			fixParent(fc, "vpc", &m.VpcID, &m.FixedVPC)
			return m
		},
		Edit: attrEdit("route table", "RouteTableId", "RouteTableName", client.ModifyRouteTableAttributes),
		Del: deleteByID(DeleteSpec{
			// The API refuses while VSwitches are bound (the vsw kind's rt
			// scope lists them).
			Blockers: []string{"vsw"},
			// VSwitches on the system table are not bound to it: the
			// system table cannot be deleted at all, which run explains.
			Keep: func(ch *model.Object) bool {
				v, ok := ch.Val().(*model.VSwitch)
				return !ok || v.RouteTable.RouteTableType != "System"
			},
			Refuse: func(o *model.Object) string {
				if t := o.Val().(*model.RouteTable); t.RouteTableType == "System" {
					return o.ID + " is the VPC's system route table; it goes with the VPC and cannot be deleted on its own"
				}
				return ""
			},
		}, "RouteTableId", client.DeleteRouteTable),
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return append([]actionItem{
				{Label: "Associate with a VSwitch", Hint: "bind this table to a VSwitch of its VPC",
					Make: func(fc *FormCtx) Mutation { return NewRtBind(fc, true) }},
			}, rtUnbindItems(fc)...)
		}),
	}
}

// vpcPicks lists the region's VPCs as choices.
func vpcPicks(ctx context.Context, fc *FormCtx) ([]Pick, []*model.Vpc, error) {
	vpcs, err := client.DescribeVpcs.Call(ctx, fc.Client, &client.DescribeVpcsInput{RegionId: fc.Region})
	if err != nil {
		return nil, nil, err
	}
	return pickList(vpcs, vpcCols), vpcs, nil
}

// vpcCols and zoneCols are how a VPC and a zone are offered.
func vpcCols(v *model.Vpc) []string   { return []string{v.VpcId, v.VpcName, v.CidrBlock} }
func zoneCols(z *model.Zone) []string { return []string{z.ZoneId, z.LocalName} }

type RtCreate struct {
	VpcID, Name, Desc string
	FixedVPC          bool
	Vpcs              []Pick
}

func (m *RtCreate) Title() string  { return createTitle("route table", when(m.FixedVPC, "in "+m.VpcID)) }
func (m *RtCreate) Action() string { return "CreateRouteTable" }

func (m *RtCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	return choosePicks(ctx, fc, m.FixedVPC, &m.VpcID, &m.Vpcs, vpcPicks)
}

func (m *RtCreate) Form(fc *FormCtx) *huh.Form {
	var fields []huh.Field
	if !m.FixedVPC {
		fields = append(fields, pickerGone("VPC", &m.VpcID, m.Vpcs, "this region has no VPC", "is no longer in "+fc.Region))
	}
	fields = append(fields, nameField(&m.Name), descField(&m.Desc))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *RtCreate) Check(fc *FormCtx) error {
	if err := checkParent(fc, "VPC", m.FixedVPC, m.VpcID, m.Vpcs); err != nil {
		return err
	}
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)))
}

func (m *RtCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateRouteTableInput{RegionId: fc.Region, VpcId: m.VpcID, RouteTableName: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateRouteTable.Call(ctx, fc.Client, in)
	return created(fc, m, "rt", "RouteTableId", in, out, err)
}

// rtBind associates a custom table with a VSwitch of its VPC, or
// unassociates it; the VSwitches come from DescribeVSwitches.
type RtBind struct {
	table  *model.RouteTable
	bind   bool
	VswID  string
	Refuse string
	Picks  []Pick
}

func NewRtBind(fc *FormCtx, bind bool) *RtBind {
	m := &RtBind{table: fc.Target.Val().(*model.RouteTable), bind: bind}
	if m.table.RouteTableType == "System" {
		m.Refuse = "the system route table is every VSwitch's default; associate a custom table instead"
	}
	return m
}

func (m *RtBind) Title() string {
	if m.bind {
		return "Associate " + m.table.RouteTableId + " with a VSwitch"
	}
	return "Unassociate " + m.table.RouteTableId + " from a VSwitch"
}

func (m *RtBind) Action() string {
	if m.bind {
		return "AssociateRouteTable"
	}
	return "UnassociateRouteTable"
}

func (m *RtBind) Prepare(ctx context.Context, fc *FormCtx) error {
	if m.Refuse != "" {
		return nil
	}
	sws, err := client.DescribeVSwitches.Call(ctx, fc.Client, &client.DescribeVSwitchesInput{RegionId: fc.Region, VpcId: m.table.VpcId})
	if err != nil {
		return err
	}
	m.Picks = []Pick{}
	for _, s := range sws {
		bound := s.RouteTable.RouteTableId == m.table.RouteTableId
		if bound != m.bind {
			label := fmt.Sprintf("%s  %s  %s", s.VSwitchId, s.VSwitchName, s.CidrBlock)
			if m.bind && s.RouteTable.RouteTableType == "Custom" {
				label += "  (now " + s.RouteTable.RouteTableId + ")"
			}
			m.Picks = append(m.Picks, Pick{label, s.VSwitchId})
		}
	}
	m.VswID = keepOrFirst(m.VswID, m.Picks)
	return nil
}

func (m *RtBind) gone() string {
	if m.bind {
		return "is no longer a VSwitch of " + m.table.VpcId + " outside this table"
	}
	return "is no longer bound to this table"
}

func (m *RtBind) Form(fc *FormCtx) *huh.Form {
	if m.Refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible").Description("✗ " + m.Refuse)))
	}
	none := "every VSwitch of " + m.table.VpcId + " already uses this table"
	desc := "VSwitches of " + m.table.VpcId + " not bound to this table"
	if !m.bind {
		none = "no VSwitch is bound to this table"
		desc = "VSwitches bound to this table; they fall back to the system table"
	}
	return huh.NewForm(huh.NewGroup(pickerGone("VSwitch", &m.VswID, m.Picks, none, m.gone())).Description(desc))
}

func (m *RtBind) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	if m.VswID == "" {
		return errors.New("there is no VSwitch to choose")
	}
	return notOffered(m.Picks, m.VswID, m.gone())
}

func (m *RtBind) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.RouteTableVSwitchInput{RegionId: fc.Region, RouteTableId: m.table.RouteTableId, VSwitchId: m.VswID, ClientToken: token}
	op := client.AssociateRouteTable
	if !m.bind {
		op = client.UnassociateRouteTable
	}
	out, err := op.Call(ctx, fc.Client, in)
	return changed(fc, "rt", m.table.RouteTableId, nil, in, out, err)
}

// ---- route entries ----

func RouteOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			p := parentOf(fc, "rt")
			if p == nil {
				return &elsewhere{title: "Create route entry", APIAction: "CreateRouteEntry",
					how: "A route goes in a route table: open :rt, select a table and press enter, then c."}
			}
			return &RouteCreate{table: p.Val().(*model.RouteTable), HopType: "NatGateway"}
		},
		Del: deleteByValues(DeleteSpec{
			About: routeAbout,
			Stops: routeStops,
			Refuse: func(o *model.Object) string {
				if err := routeDeletable(o.Val().(*model.RouteEntry)); err != nil {
					return err.Error()
				}
				return ""
			},
		}, client.DeleteRouteEntry, "RouteTableId", "RouteEntryId"),
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
type RouteCreate struct {
	table               *model.RouteTable
	Dest, Name, Desc    string
	HopType             string
	Hops                *choiceGroups
	vswBlocks, existing []string
	Custom              int
	Nats, vpns, peers   []Pick
	havips              []Pick
	ris                 []Pick
}

func (m *RouteCreate) Title() string  { return "Create route in " + m.table.RouteTableId }
func (m *RouteCreate) Action() string { return "CreateRouteEntry" }

// Prepare loads the table's routes and the VPC's next hops on every
// opening, a draft's too: a peering connection created since is offered;
// the draft's next hop is kept (marked when no longer offered).
func (m *RouteCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	t := m.table
	entries, err := tableRoutes(ctx, fc, fc.Region, t.RouteTableId)
	if err != nil {
		return err
	}
	m.existing, m.Custom = nil, 0
	for _, e := range entries {
		m.existing = append(m.existing, e.DestinationCidrBlock)
		if e.Type == "Custom" {
			m.Custom++
		}
	}
	m.Nats, m.vpns, m.peers, m.vswBlocks = []Pick{}, []Pick{}, []Pick{}, nil
	if t.VpcId != "" {
		sws, err := client.DescribeVSwitches.Call(ctx, fc.Client, &client.DescribeVSwitchesInput{RegionId: fc.Region, VpcId: t.VpcId})
		if err != nil {
			return err
		}
		for _, s := range sws {
			m.vswBlocks = append(m.vswBlocks, s.CidrBlock)
		}
		nats, err := client.DescribeNatGateways.Call(ctx, fc.Client, &client.DescribeNatGatewaysInput{RegionId: fc.Region, VpcId: t.VpcId})
		if err != nil {
			return err
		}
		m.Nats = pickList(nats, func(n *model.NatGateway) []string { return []string{n.NatGatewayId, n.Name, n.Status} })
		vpns, err := client.DescribeVpnGateways.Call(ctx, fc.Client, &client.DescribeVpnGatewaysInput{RegionId: fc.Region, VpcId: t.VpcId})
		if err != nil {
			return err
		}
		m.vpns = pickList(vpns, func(v *model.VpnGateway) []string { return []string{v.VpnGatewayId, v.Name, v.Status} })
		peers, err := client.ListVpcPeerConnections.Call(ctx, fc.Client, &client.ListVpcPeerConnectionsInput{RegionId: fc.Region, VpcId: []string{t.VpcId}})
		if err != nil {
			return err
		}
		m.peers = pickList(peers, func(p *model.VpcPeerConnection) []string {
			other := p.AcceptingVpc.VpcId
			if other == t.VpcId {
				other = p.Vpc.VpcId
			}
			return []string{p.InstanceId, p.Name, "→ " + other}
		})
		if m.havips, err = havipPicks(ctx, fc, t.VpcId); err != nil {
			return err
		}
		if m.ris, err = riPicks(ctx, fc, t.RouterId); err != nil {
			return err
		}
	}
	if m.Hops == nil {
		m.Hops = newChoiceGroups(&m.HopType)
	}
	for typ, picks := range m.loaded() {
		m.Hops.setDefault(typ, firstValue(picks))
	}
	return nil
}

// loaded are the next hops picked from the API, by next hop type.
func (m *RouteCreate) loaded() map[string][]Pick {
	return map[string][]Pick{"NatGateway": m.Nats, "VpnGateway": m.vpns, "VpcPeer": m.peers, "HaVip": m.havips, "RouterInterface": m.ris}
}

// hopOffered refuses a picked next hop (a draft's) that is no longer
// among those loaded; a typed one is checked by format only.
func (m *RouteCreate) hopOffered() error {
	picks, ok := m.loaded()[m.HopType]
	if !ok {
		return nil
	}
	return notOffered(picks, m.Hops.Value(), m.hopGone(m.HopType))
}

func (m *RouteCreate) hopGone(typ string) string {
	return "is no longer a " + model.NextHopWhat(typ) + " of " + m.table.VpcId
}

func (m *RouteCreate) checkDest(s string) error {
	p, err := model.CheckRouteDestination(s, m.vswBlocks)
	if err != nil {
		return err
	}
	return model.CheckRouteDestinationFree(p, m.existing)
}

func (m *RouteCreate) Form(fc *FormCtx) *huh.Form {
	dest := liveInput("Destination CIDR block", &m.Dest, required("a destination", m.checkDest),
		"outside the VPC's VSwitch blocks and 100.64.0.0/10; a bare IP means /32")
	types := huh.NewSelect[string]().Title("Next hop type").Options(stringOptions(model.NextHopTypes()...)...).Value(&m.HopType).Height(6)
	gs := []*huh.Group{huh.NewGroup(dest, types)}
	loaded := m.loaded()
	for _, typ := range model.NextHopTypes() {
		if picks, ok := loaded[typ]; ok {
			gs = append(gs, m.Hops.group(typ, func(v *string) []huh.Field {
				return []huh.Field{pickerGone("Next hop ("+model.NextHopWhat(typ)+")", v, picks,
					"no "+model.NextHopWhat(typ)+" in "+m.table.VpcId+"; choose another next hop type", m.hopGone(typ))}
			}))
			continue
		}
		gs = append(gs, m.Hops.group(typ, func(v *string) []huh.Field {
			return []huh.Field{liveInput("Next hop ID ("+model.NextHopWhat(typ)+")", v, func(s string) error { return model.CheckNextHop(typ, s) },
				"the ID of the "+model.NextHopWhat(typ)+" in "+m.table.VpcId)}
		}))
	}
	gs = append(gs, huh.NewGroup(nameField(&m.Name), descField(&m.Desc)))
	return huh.NewForm(gs...)
}

func (m *RouteCreate) Check(fc *FormCtx) error {
	if m.Custom >= model.MaxCustomRoutes {
		return fmt.Errorf("%s already has %d custom routes, the most a table may hold", m.table.RouteTableId, model.MaxCustomRoutes)
	}
	return checks(
		check("destination", m.checkDest(m.Dest)),
		check("next hop", model.CheckNextHop(m.HopType, m.Hops.Value())),
		check("next hop", m.hopOffered()),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
	)
}

// Request is what Submit sends; the review page lists it first.
func (m *RouteCreate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *RouteCreate) Input(fc *FormCtx, token string) *client.CreateRouteEntryInput {
	return &client.CreateRouteEntryInput{RegionId: fc.Region, RouteTableId: m.table.RouteTableId, DestinationCidrBlock: strings.TrimSpace(m.Dest),
		NextHopType: m.HopType, NextHopId: m.Hops.Value(), RouteEntryName: m.Name, Description: m.Desc, ClientToken: token}
}

func (m *RouteCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.CreateRouteEntry.Call(ctx, fc.Client, in)
	return createdIn(fc, m, "route", "RouteEntryId", map[string]string{"RouteTableId": m.table.RouteTableId}, in, out, err)
}

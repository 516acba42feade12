package forms

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- NAT gateways ----

func NatOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &NatCreate{NatType: "Enhanced", Spec: "Small"}
			fixParent(fc, "vpc", &m.VpcID, &m.FixedVPC)
			return m
		},
		Edit: attrEdit("NAT gateway", "NatGatewayId", "Name", client.ModifyNatGatewayAttribute),
		Del: deleteByID(DeleteSpec{
			Stops:    natStops,
			Blockers: []string{"snat", "dnat", "eip", "natbwp"},
			Force:    "Force deletes the gateway's SNAT and DNAT entries and unbinds its EIPs",
		}, "NatGatewayId", client.DeleteNatGateway),
		Actions: actionsOn(func(fc *FormCtx, n *model.NatGateway) []actionItem {
			return append([]actionItem{{Label: "Change spec", Hint: "upgrade to Middle or Large (Normal gateways)",
				Make: func(fc *FormCtx) Mutation {
					n := fc.Target.Val().(*model.NatGateway)
					m := &NatSpec{Id: n.NatGatewayId, Current: n.Spec, Spec: n.Spec}
					if n.NatType == "Enhanced" {
						m.Refuse = "an Enhanced NAT gateway has no spec: it scales by itself"
					}
					if !slices.Contains(model.NatSpecs(false), m.Spec) {
						m.Spec = "Small"
					}
					// Upgrades only: a downgrade drops connections, so it
					// has its own entries and the typed confirmation.
					if up := natLarger(m.Current); len(up) > 0 {
						m.Spec = up[0]
					} else if m.Refuse == "" {
						m.Refuse = n.NatGatewayId + " is already " + n.Spec + ", the largest spec; x → Downgrade asks for the typed ID"
					}
					return m
				}}}, natDowngradeItems(n)...)
		}),
	}
}

// vswPicks lists the region's VSwitches (of one VPC when vpcID is set) as
// choices, grouped by VPC.
func vswPicks(ctx context.Context, fc *FormCtx, vpcID string) (map[string][]Pick, error) {
	sws, err := client.DescribeVSwitches.Call(ctx, fc.Client, &client.DescribeVSwitchesInput{RegionId: fc.Region, VpcId: vpcID})
	if err != nil {
		return nil, err
	}
	out := map[string][]Pick{}
	for _, s := range sws {
		out[s.VpcId] = append(out[s.VpcId], Pick{fmt.Sprintf("%s  %s  %s  %s", s.VSwitchId, s.VSwitchName, s.CidrBlock, s.ZoneId), s.VSwitchId})
	}
	return out, nil
}

// vpcVsw is a create form's choice of a VPC and one of its VSwitches (NAT
// and VPN gateways): the VPCs offered, their VSwitches by VPC, and the
// VSwitch chosen per VPC, each VPC's picker shown while it is chosen.
type vpcVsw struct {
	Vpcs []Pick
	Vsws map[string][]Pick
	vsw  *choiceGroups
}

// load loads the choices on every opening, a draft's too: the VPCs (only
// the pane's when fixed; else the region's, *vpcID keeping the draft's
// choice), their VSwitches, and the VSwitch per VPC (a draft's choice is
// kept, marked when no longer offered; else the first).
func (c *vpcVsw) load(ctx context.Context, fc *FormCtx, fixed bool, vpcID *string) error {
	only := ""
	if fixed {
		c.Vpcs, only = []Pick{{*vpcID, *vpcID}}, *vpcID
	} else {
		picks, _, err := vpcPicks(ctx, fc)
		if err != nil {
			return err
		}
		c.Vpcs, *vpcID = picks, keepOrFirst(*vpcID, picks)
	}
	vsws, err := vswPicks(ctx, fc, only)
	if err != nil {
		return err
	}
	c.Vsws = vsws
	if c.vsw == nil {
		c.vsw = newChoiceGroups(vpcID)
	}
	for _, v := range c.Vpcs {
		c.vsw.setDefault(v.Value, firstValue(vsws[v.Value]))
	}
	return nil
}

// groups are the VSwitch pickers, one per VPC.
func (c *vpcVsw) groups() []*huh.Group {
	var gs []*huh.Group
	for _, v := range c.Vpcs {
		picks := c.Vsws[v.Value]
		gs = append(gs, c.vsw.group(v.Value, func(val *string) []huh.Field {
			return []huh.Field{pickerGone("VSwitch", val, picks, "the VPC has no VSwitch; create one first", "is no longer a VSwitch of "+v.Value)}
		}))
	}
	return gs
}

// checkVsw refuses a VSwitch, kept from a draft, that is no longer one of
// the chosen VPC's.
func (c *vpcVsw) checkVsw(vpcID string) error {
	if err := notOffered(c.Vsws[vpcID], c.vsw.Value(), "is no longer a VSwitch of "+vpcID); err != nil {
		return fmt.Errorf("VSwitch: %w", err)
	}
	return nil
}

type NatCreate struct {
	VpcID, NatType, Spec, Name, Desc string
	Routes                           map[string][]string // VPC → route destinations
	FixedVPC                         bool
	vpcVsw
}

func (m *NatCreate) Title() string {
	return createTitle("NAT gateway", when(m.FixedVPC, "in "+m.VpcID))
}
func (m *NatCreate) Action() string { return "CreateNatGateway" }

// Prepare loads the VPCs and their VSwitches on every opening, a draft's
// too; the draft's choices are kept (marked when no longer offered).
func (m *NatCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	if err := m.load(ctx, fc, m.FixedVPC, &m.VpcID); err != nil {
		return err
	}
	m.vsw.when = func() bool { return m.NatType == "Enhanced" }
	ids := make([]string, 0, len(m.Vpcs))
	for _, v := range m.Vpcs {
		ids = append(ids, v.Value)
	}
	var err error
	m.Routes, err = routeDests(ctx, fc, ids)
	return err
}

func (m *NatCreate) Form(fc *FormCtx) *huh.Form {
	var first []huh.Field
	if !m.FixedVPC {
		first = append(first, pickerGone("VPC", &m.VpcID, m.Vpcs, "this region has no VPC", "is no longer in "+fc.Region))
	}
	first = append(first, huh.NewSelect[string]().Title("NAT type").Value(&m.NatType).Options(
		huh.NewOption("Enhanced (in a VSwitch; scales by itself)", "Enhanced"),
		huh.NewOption("Normal (fixed spec)", "Normal")).
		Description("A new gateway adds 0.0.0.0/0 → itself to the VPC's system table; an existing 0.0.0.0/0 route must go first"))
	gs := append([]*huh.Group{huh.NewGroup(first...)}, m.groups()...)
	gs = append(gs,
		huh.NewGroup(huh.NewSelect[string]().Title("Spec").Options(
			huh.NewOption("Small (10,000 connections)", "Small"), huh.NewOption("Middle (50,000 connections)", "Middle"),
			huh.NewOption("Large (200,000 connections)", "Large"), huh.NewOption("XLarge.1", "XLarge.1")).Value(&m.Spec)).
			WithHideFunc(func() bool { return m.NatType != "Normal" }),
		huh.NewGroup(nameField(&m.Name), liveInput("Description", &m.Desc, model.CheckNatDescription, "optional; 2-256 characters, not starting with http:// or https://")))
	return huh.NewForm(gs...)
}

func (m *NatCreate) Check(fc *FormCtx) error {
	if err := checkParent(fc, "VPC", false, m.VpcID, m.Vpcs); err != nil {
		return err
	}
	if m.NatType == "Enhanced" && m.vsw.Value() == "" {
		return errors.New("an Enhanced NAT gateway needs a VSwitch of the VPC")
	}
	if m.NatType == "Enhanced" {
		if err := m.checkVsw(m.VpcID); err != nil {
			return err
		}
	}
	if m.NatType == "Normal" {
		if err := model.CheckNatSpec(m.Spec, true); err != nil {
			return fmt.Errorf("spec: %w", err)
		}
	}
	if m.NatType == "Normal" {
		// It adds 0.0.0.0/0 → itself; the API refuses when that route
		// exists.
		if err := model.CheckDefaultRouteFree(m.Routes[m.VpcID]); err != nil {
			return err
		}
	}
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckNatDescription(m.Desc)))
}

// Request is what Submit sends; the review page lists it first.
func (m *NatCreate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *NatCreate) Input(fc *FormCtx, token string) *client.CreateNatGatewayInput {
	in := &client.CreateNatGatewayInput{RegionId: fc.Region, VpcId: m.VpcID, NatType: m.NatType, Name: m.Name, Description: m.Desc, ClientToken: token}
	if m.NatType == "Enhanced" {
		in.VSwitchId = m.vsw.Value()
	} else {
		in.Spec = m.Spec
	}
	return in
}

func (m *NatCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.CreateNatGateway.Call(ctx, fc.Client, in)
	return created(fc, m, "nat", "NatGatewayId", in, out, err)
}

type NatSpec struct{ Id, Current, Spec, Refuse string }

func (m *NatSpec) Title() string  { return "Change spec of " + m.Id }
func (m *NatSpec) Action() string { return "ModifyNatGatewaySpec" }
func (m *NatSpec) Form(fc *FormCtx) *huh.Form {
	if m.Refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible").Description("✗ " + m.Refuse)))
	}
	return huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title("Spec").Options(stringOptions(natLarger(m.Current)...)...).
		Value(&m.Spec).Description("Now " + m.Current + "; the spec sets how many SNAT connections it holds")))
}
func (m *NatSpec) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	if strings.EqualFold(m.Spec, m.Current) {
		return fmt.Errorf("the gateway is already %s; choose another spec", m.Current)
	}
	if err := model.CheckNatSpec(m.Spec, false); err != nil {
		return err
	}
	if natRank(m.Spec) < natRank(m.Current) {
		return fmt.Errorf("%s → %s is a downgrade: x → Downgrade spec to %s asks for the typed ID", m.Current, m.Spec, m.Spec)
	}
	return nil
}
func (m *NatSpec) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.ModifyNatGatewaySpecInput{RegionId: fc.Region, NatGatewayId: m.Id, Spec: m.Spec, ClientToken: token}
	return sendMade(ctx, fc, client.ModifyNatGatewaySpec.Func, in, "nat", m.Id)
}

// natContext is what SNAT and DNAT forms load about their gateway: its
// EIPs, its VPC's VSwitches and block, and the IPs each table uses.
type natContext struct {
	nat       *model.NatGateway
	Eips      []Pick
	Vsws      []Pick
	vpcCIDR   string
	snatIPs   []string          // public IPs SNAT entries use
	dnatIPs   []string          // public IPs DNAT entries use
	SnatVsw   map[string]string // VSwitch → the SNAT entry that has it
	forwards  []model.ForwardEntryKey
	DnatCount int
	// snatBusy and dnatBusy name an entry of the table that is Pending or
	// Modifying: the API refuses changes to that table until it settles.
	snatBusy, dnatBusy map[string]string // entry ID → status
}

func loadNatContext(ctx context.Context, fc *FormCtx, n *model.NatGateway) (*natContext, error) {
	nc := &natContext{nat: n, Eips: []Pick{}, Vsws: []Pick{}, SnatVsw: map[string]string{},
		snatBusy: map[string]string{}, dnatBusy: map[string]string{}}
	eips, err := client.DescribeEipAddresses.Call(ctx, fc.Client, &client.DescribeEipAddressesInput{RegionId: fc.Region,
		AssociatedInstanceType: "Nat", AssociatedInstanceId: n.NatGatewayId})
	if err != nil {
		return nil, err
	}
	for _, e := range eips {
		nc.Eips = append(nc.Eips, Pick{fmt.Sprintf("%s  %s  %s", e.IpAddress, e.AllocationId, e.Name), e.IpAddress})
	}
	bwp, err := natBwpPicks(ctx, fc, n.NatGatewayId) // IPs of its NAT bandwidth packages (forms_natbwp.go)
	if err != nil {
		return nil, err
	}
	nc.Eips = append(nc.Eips, bwp...)
	if n.VpcId != "" {
		sws, err := vswPicks(ctx, fc, n.VpcId)
		if err != nil {
			return nil, err
		}
		nc.Vsws = append(nc.Vsws, sws[n.VpcId]...)
		vpcs, err := client.DescribeVpcs.Call(ctx, fc.Client, &client.DescribeVpcsInput{RegionId: fc.Region, VpcId: n.VpcId})
		if err != nil {
			return nil, err
		}
		if len(vpcs) > 0 {
			nc.vpcCIDR = vpcs[0].CidrBlock
		}
	}
	for _, t := range n.SnatTableIds.SnatTableId {
		es, err := client.DescribeSnatTableEntries.Call(ctx, fc.Client, &client.DescribeSnatTableEntriesInput{RegionId: fc.Region, SnatTableId: t})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			for _, ip := range strings.Split(e.SnatIp, ",") {
				nc.snatIPs = append(nc.snatIPs, strings.TrimSpace(ip))
			}
			if e.SourceVSwitchId != "" {
				nc.SnatVsw[e.SourceVSwitchId] = e.SnatEntryId
			}
			if entryBusy(e.Status) {
				nc.snatBusy[e.SnatEntryId] = e.Status
			}
		}
	}
	for _, t := range n.ForwardTableIds.ForwardTableId {
		es, err := client.DescribeForwardTableEntries.Call(ctx, fc.Client, &client.DescribeForwardTableEntriesInput{RegionId: fc.Region, ForwardTableId: t})
		if err != nil {
			return nil, err
		}
		nc.DnatCount += len(es)
		for _, e := range es {
			if entryBusy(e.Status) {
				nc.dnatBusy[e.ForwardEntryId] = e.Status
			}
			nc.dnatIPs = append(nc.dnatIPs, e.ExternalIp)
			nc.forwards = append(nc.forwards, model.ForwardEntryKey{ID: e.ForwardEntryId, Protocol: e.IpProtocol,
				ExternalIp: e.ExternalIp, ExternalPort: e.ExternalPort, InternalIp: e.InternalIp, InternalPort: e.InternalPort})
		}
	}
	return nc, nil
}

// entryBusy reports a SNAT/DNAT entry status that blocks its table.
func entryBusy(status string) bool {
	return strings.EqualFold(status, "Pending") || strings.EqualFold(status, "Modifying")
}

// tableBusy explains which other entry of a table is still settling, or "".
func tableBusy(busy map[string]string, self, what string) string {
	ids := make([]string, 0, len(busy))
	for id := range busy {
		if id != self {
			ids = append(ids, id)
		}
	}
	if len(ids) == 0 {
		return ""
	}
	slices.Sort(ids)
	return fmt.Sprintf("%s %s is still %s; the API refuses changes to the %s table until it settles (ctrl+r shows when)", what, ids[0], busy[ids[0]], strings.TrimSuffix(what, " entry"))
}

// busySiblings lists a table's entries and explains one that blocks it.
func busySiblings(ctx context.Context, fc *FormCtx, o *model.Object) (string, error) {
	switch e := o.Val().(type) {
	case *model.SnatEntry:
		es, err := client.DescribeSnatTableEntries.Call(ctx, fc.Client, &client.DescribeSnatTableEntriesInput{RegionId: o.Region, SnatTableId: e.SnatTableId})
		return busyOf(es, err, e.SnatEntryId, "SNAT entry", func(x *model.SnatEntry) (string, string) { return x.SnatEntryId, x.Status })
	case *model.ForwardEntry:
		es, err := client.DescribeForwardTableEntries.Call(ctx, fc.Client, &client.DescribeForwardTableEntriesInput{RegionId: o.Region, ForwardTableId: e.ForwardTableId})
		return busyOf(es, err, e.ForwardEntryId, "DNAT entry", func(x *model.ForwardEntry) (string, string) { return x.ForwardEntryId, x.Status })
	}
	return "", nil
}

// busyOf is tableBusy over a table's listing (es, err): entry gives each
// entry's ID and status.
func busyOf[E any](es []E, err error, self, what string, entry func(E) (id, status string)) (string, error) {
	if err != nil {
		return "", err
	}
	busy := map[string]string{}
	for _, x := range es {
		if id, status := entry(x); entryBusy(status) {
			busy[id] = status
		}
	}
	return tableBusy(busy, self, what), nil
}

// natOfEntry fetches the gateway an entry belongs to.
func natOfEntry(ctx context.Context, fc *FormCtx, id string) (*model.NatGateway, error) {
	nats, err := client.DescribeNatGateways.Call(ctx, fc.Client, &client.DescribeNatGatewaysInput{RegionId: fc.Region, NatGatewayId: id})
	if err != nil {
		return nil, err
	}
	if len(nats) == 0 {
		return nil, fmt.Errorf("NAT gateway %s was not found", id)
	}
	return nats[0], nil
}

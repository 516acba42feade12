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
			if p := parentOf(fc, "vpc"); p != nil {
				m.VpcID, m.FixedVPC = p.ID, true
			}
			return m
		},
		Edit: func(fc *FormCtx) Mutation {
			n := fc.Target.Val().(*model.NatGateway)
			return natModify(n)
		},
		Del: &DeleteSpec{
			Action:   "DeleteNatGateway",
			Stops:    natStops,
			Blockers: []string{"snat", "dnat", "eip", "natbwp"},
			Force:    "Force deletes the gateway's SNAT and DNAT entries and unbinds its EIPs",
			Run: sendDelete("DeleteNatGateway", client.DeleteNatGateway.Func, func(o *model.Object, token string, force bool) *client.DeleteNatGatewayInput {
				return &client.DeleteNatGatewayInput{RegionId: o.Region, NatGatewayId: o.ID, Force: force}
			}),
		},
		Actions: func(fc *FormCtx) []actionItem {
			if fc.Target == nil {
				return nil
			}
			n := fc.Target.Val().(*model.NatGateway)
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
		},
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

type NatCreate struct {
	VpcID, NatType, Spec, Name, Desc string
	Routes                           map[string][]string // VPC → route destinations
	FixedVPC                         bool
	Vpcs                             []Pick
	Vsws                             map[string][]Pick
	vsw                              *choiceGroups
}

func (m *NatCreate) Title() string {
	return createTitle("NAT gateway", when(m.FixedVPC, "in "+m.VpcID))
}
func (m *NatCreate) Action() string { return "CreateNatGateway" }

// Prepare loads the VPCs and their VSwitches on every opening, a draft's
// too; the draft's choices are kept (marked when no longer offered).
func (m *NatCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	if m.FixedVPC {
		m.Vpcs = []Pick{{m.VpcID, m.VpcID}}
	} else {
		picks, _, err := vpcPicks(ctx, fc)
		if err != nil {
			return err
		}
		m.Vpcs = picks
		m.VpcID = keepOrFirst(m.VpcID, picks)
	}
	only := ""
	if m.FixedVPC {
		only = m.VpcID
	}
	vsws, err := vswPicks(ctx, fc, only)
	if err != nil {
		return err
	}
	m.Vsws = vsws
	ids := make([]string, 0, len(m.Vpcs))
	for _, v := range m.Vpcs {
		ids = append(ids, v.Value)
	}
	if m.Routes, err = routeDests(ctx, fc, ids); err != nil {
		return err
	}
	if m.vsw == nil {
		m.vsw = newChoiceGroups(&m.VpcID)
		m.vsw.when = func() bool { return m.NatType == "Enhanced" }
	}
	for _, v := range m.Vpcs {
		m.vsw.setDefault(v.Value, firstValue(vsws[v.Value]))
	}
	return nil
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
	gs := []*huh.Group{huh.NewGroup(first...)}
	for _, v := range m.Vpcs {
		picks := m.Vsws[v.Value]
		gs = append(gs, m.vsw.group(v.Value, func(val *string) []huh.Field {
			return []huh.Field{pickerGone("VSwitch", val, picks, "the VPC has no VSwitch; create one first", "is no longer a VSwitch of "+v.Value)}
		}))
	}
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
		if err := notOffered(m.Vsws[m.VpcID], m.vsw.Value(), "is no longer a VSwitch of "+m.VpcID); err != nil {
			return fmt.Errorf("VSwitch: %w", err)
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
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", out.NatGatewayId, out.RequestId, in, nil), nil
}

// natModify renames a NAT gateway or changes its description.
func natModify(n *model.NatGateway) *AttrEdit[client.ModifyNatGatewayAttributeInput] {
	return &AttrEdit[client.ModifyNatGatewayAttributeInput]{Id: n.NatGatewayId, Name: n.Name, Desc: n.Description,
		title: "Edit NAT gateway " + n.NatGatewayId, APIAction: "ModifyNatGatewayAttribute", kind: "nat",
		request: func(fc *FormCtx, name, desc, _ string) *client.ModifyNatGatewayAttributeInput {
			return &client.ModifyNatGatewayAttributeInput{RegionId: fc.Region, NatGatewayId: n.NatGatewayId, Name: name, Description: desc}
		},
		send: client.ModifyNatGatewayAttribute.Func}
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
		if err != nil {
			return "", err
		}
		busy := map[string]string{}
		for _, x := range es {
			if entryBusy(x.Status) {
				busy[x.SnatEntryId] = x.Status
			}
		}
		return tableBusy(busy, e.SnatEntryId, "SNAT entry"), nil
	case *model.ForwardEntry:
		es, err := client.DescribeForwardTableEntries.Call(ctx, fc.Client, &client.DescribeForwardTableEntriesInput{RegionId: o.Region, ForwardTableId: e.ForwardTableId})
		if err != nil {
			return "", err
		}
		busy := map[string]string{}
		for _, x := range es {
			if entryBusy(x.Status) {
				busy[x.ForwardEntryId] = x.Status
			}
		}
		return tableBusy(busy, e.ForwardEntryId, "DNAT entry"), nil
	}
	return "", nil
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

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
			return &NatModify{Id: n.NatGatewayId, Name: n.Name, Desc: n.Description}
		},
		Del: &DeleteSpec{
			Action:   "DeleteNatGateway",
			Stops:    natStops,
			Blockers: []string{"snat", "dnat", "eip", "natbwp"},
			Force:    "Force deletes the gateway's SNAT and DNAT entries and unbinds its EIPs",
			Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, force bool) (*Submitted, error) {
				in := &client.DeleteNatGatewayInput{RegionId: o.Region, NatGatewayId: o.ID, Force: force}
				out, err := fc.Client.DeleteNatGateway(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteNatGateway", out.RequestId, in), nil
			},
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
	sws, err := fc.Client.DescribeVSwitches(ctx, &client.DescribeVSwitchesInput{RegionId: fc.Region, VpcId: vpcID})
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
	if m.FixedVPC {
		return "Create NAT gateway in " + m.VpcID
	}
	return "Create NAT gateway"
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
	if m.VpcID == "" {
		return errors.New("choose a VPC")
	}
	if err := notOffered(m.Vpcs, m.VpcID, "is no longer in "+fc.Region); err != nil {
		return fmt.Errorf("VPC: %w", err)
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
	out, err := fc.Client.CreateNatGateway(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", out.NatGatewayId, out.RequestId, in, nil), nil
}

type NatModify struct{ Id, Name, Desc string }

func (m *NatModify) Title() string  { return "Edit NAT gateway " + m.Id }
func (m *NatModify) Action() string { return "ModifyNatGatewayAttribute" }
func (m *NatModify) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.Name), editDesc(fc, &m.Desc)))
}
func (m *NatModify) request(fc *FormCtx) *client.ModifyNatGatewayAttributeInput {
	return &client.ModifyNatGatewayAttributeInput{RegionId: fc.Region, NatGatewayId: m.Id, Name: m.Name, Description: m.Desc}
}
func (m *NatModify) Check(fc *FormCtx) error {
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("edit", editRefusal(fc.Target, m.Action(), m.request(fc))))
}
func (m *NatModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.Target, in); res != nil {
		return res, nil
	}
	out, err := fc.Client.ModifyNatGatewayAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", m.Id, out.RequestId, in, nil), nil
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
	out, err := fc.Client.ModifyNatGatewaySpec(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", m.Id, out.RequestId, in, nil), nil
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
	eips, err := fc.Client.DescribeEipAddresses(ctx, &client.DescribeEipAddressesInput{RegionId: fc.Region,
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
		vpcs, err := fc.Client.DescribeVpcs(ctx, &client.DescribeVpcsInput{RegionId: fc.Region, VpcId: n.VpcId})
		if err != nil {
			return nil, err
		}
		if len(vpcs) > 0 {
			nc.vpcCIDR = vpcs[0].CidrBlock
		}
	}
	for _, t := range n.SnatTableIds.SnatTableId {
		es, err := fc.Client.DescribeSnatTableEntries(ctx, &client.DescribeSnatTableEntriesInput{RegionId: fc.Region, SnatTableId: t})
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
		es, err := fc.Client.DescribeForwardTableEntries(ctx, &client.DescribeForwardTableEntriesInput{RegionId: fc.Region, ForwardTableId: t})
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
		es, err := fc.Client.DescribeSnatTableEntries(ctx, &client.DescribeSnatTableEntriesInput{RegionId: o.Region, SnatTableId: e.SnatTableId})
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
		es, err := fc.Client.DescribeForwardTableEntries(ctx, &client.DescribeForwardTableEntriesInput{RegionId: o.Region, ForwardTableId: e.ForwardTableId})
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
	nats, err := fc.Client.DescribeNatGateways(ctx, &client.DescribeNatGatewaysInput{RegionId: fc.Region, NatGatewayId: id})
	if err != nil {
		return nil, err
	}
	if len(nats) == 0 {
		return nil, fmt.Errorf("NAT gateway %s was not found", id)
	}
	return nats[0], nil
}

// ---- SNAT entries ----

func SnatOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			p := parentOf(fc, "nat")
			if p == nil {
				return &elsewhere{title: "Create SNAT entry", APIAction: "CreateSnatEntry",
					how: "An SNAT entry belongs to a NAT gateway: open :nat, select a gateway, enter → SNAT Entries, then c."}
			}
			return &SnatForm{nat: p.Val().(*model.NatGateway), Source: "vsw"}
		},
		Edit: func(fc *FormCtx) Mutation {
			e := fc.Target.Val().(*model.SnatEntry)
			return &SnatForm{entry: e, Name: e.SnatEntryName, IpText: e.SnatIp}
		},
		Del: &DeleteSpec{
			Action:   "DeleteSnatEntry",
			Stops:    snatStops,
			Precheck: busySiblings,
			Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
				e := o.Val().(*model.SnatEntry)
				in := &client.DeleteSnatEntryInput{RegionId: o.Region, SnatTableId: e.SnatTableId, SnatEntryId: e.SnatEntryId, ClientToken: token}
				out, err := fc.Client.DeleteSnatEntry(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteSnatEntry", out.RequestId, in), nil
			},
		},
	}
}

// snatForm creates an SNAT entry in its gateway's SNAT table (entry nil) or
// changes one: the source is a VSwitch of the VPC or a CIDR block, and the
// public IPs are picked from the EIPs bound to the gateway.
type SnatForm struct {
	nat          *model.NatGateway
	entry        *model.SnatEntry
	Source       string // vsw | cidr
	VswID, Cidr  string
	Ips          []string
	IpText, Name string
	Nc           *natContext
}

func (m *SnatForm) Title() string {
	if m.entry != nil {
		return "Edit SNAT entry " + m.entry.SnatEntryId
	}
	return "Create SNAT entry in " + m.nat.NatGatewayId
}

func (m *SnatForm) Action() string {
	if m.entry != nil {
		return "ModifySnatEntry"
	}
	return "CreateSnatEntry"
}

// Prepare loads the gateway's EIPs, VSwitches and entries on every
// opening, a draft's too.
func (m *SnatForm) Prepare(ctx context.Context, fc *FormCtx) error {
	if m.entry != nil {
		n, err := natOfEntry(ctx, fc, m.entry.NatGatewayId)
		if err != nil {
			return err
		}
		m.nat = n
	}
	nc, err := loadNatContext(ctx, fc, m.nat)
	if err != nil {
		return err
	}
	if m.entry != nil {
		// The entry's own IPs are not "used by another entry".
		nc.snatIPs = slices.DeleteFunc(nc.snatIPs, func(ip string) bool { return strings.Contains(","+m.entry.SnatIp+",", ","+ip+",") })
	}
	m.Nc = nc
	if m.entry == nil && m.VswID == "" {
		for _, v := range nc.Vsws {
			if _, taken := nc.SnatVsw[v.Value]; !taken {
				m.VswID = v.Value
				break
			}
		}
	}
	return nil
}

func (m *SnatForm) ipGone() string { return "is no longer associated with " + m.nat.NatGatewayId }

func (m *SnatForm) snatIPs() []string {
	if m.entry != nil {
		var out []string
		for _, ip := range strings.Split(m.IpText, ",") {
			if ip = strings.TrimSpace(ip); ip != "" {
				out = append(out, ip)
			}
		}
		return out
	}
	return m.Ips
}

func (m *SnatForm) CheckIPs() error {
	ips := m.snatIPs()
	if err := model.CheckSnatEntry(strings.Join(ips, ","), "", ""); err != nil {
		return err
	}
	for _, ip := range ips {
		if !HasValue(m.Nc.Eips, ip) {
			return fmt.Errorf("%s is not an EIP of %s; bind it to the gateway first", ip, m.nat.NatGatewayId)
		}
	}
	return model.CheckIPNotShared(ips, m.Nc.dnatIPs, "DNAT")
}

func (m *SnatForm) Form(fc *FormCtx) *huh.Form {
	name := liveInput("Name", &m.Name, KeepSet(fc, "name", model.DefaultName.Check), nameHint)
	if m.entry != nil {
		var avail []string
		for _, e := range m.Nc.Eips {
			avail = append(avail, e.Value)
		}
		ips := liveInput("SNAT IPs", &m.IpText, func(string) error { return m.CheckIPs() },
			"comma-separated EIPs of "+m.nat.NatGatewayId+": "+strings.Join(avail, ", "))
		ips.suggest = func() []string { return avail }
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Source").Description(m.entry.Source()), ips, name))
	}
	var ipField huh.Field
	// IPs a draft kept that are no longer bound stay listed, marked, and
	// must be unselected before the form moves on.
	opts := m.Nc.Eips
	for _, ip := range m.Ips {
		if err := notOffered(m.Nc.Eips, ip, m.ipGone()); err != nil {
			opts = append([]Pick{{Label: ip + "  ✗ " + m.ipGone(), Value: ip}}, opts...)
		}
	}
	if len(opts) == 0 {
		ipField = huh.NewNote().Title("SNAT IPs").Description("✗ no EIP is bound to " + m.nat.NatGatewayId + "; associate one first (:eip, x)")
	} else {
		ipField = huh.NewMultiSelect[string]().Title("SNAT IPs").Options(options(opts)...).Value(&m.Ips).
			Description("EIPs bound to " + m.nat.NatGatewayId + " (space selects); an IP used by DNAT cannot serve SNAT").
			Height(min(len(opts)+3, 7)).
			Validate(func(ips []string) error {
				if len(ips) == 0 {
					return errors.New("select at least one IP")
				}
				for _, ip := range ips {
					if err := notOffered(m.Nc.Eips, ip, m.ipGone()); err != nil {
						return fmt.Errorf("%w; unselect it", err)
					}
				}
				return model.CheckIPNotShared(ips, m.Nc.dnatIPs, "DNAT")
			})
	}
	cidr := liveInput("Source CIDR block", &m.Cidr, required("a CIDR block", func(s string) error {
		return model.CheckSnatEntry("0.0.0.1", s, "")
	}), "traffic from this block leaves through the gateway, e.g. 10.0.0.0/24")
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Source").Value(&m.Source).Options(
			huh.NewOption("a VSwitch of the VPC", "vsw"), huh.NewOption("a CIDR block", "cidr")).
			Description("SNAT table "+strings.Join(m.nat.SnatTableIds.SnatTableId, ","))),
		huh.NewGroup(pickerGone("Source VSwitch", &m.VswID, m.Nc.Vsws, "the VPC has no VSwitch", "is no longer a VSwitch of "+m.nat.VpcId)).
			WithHideFunc(func() bool { return m.Source != "vsw" }),
		huh.NewGroup(cidr).WithHideFunc(func() bool { return m.Source != "cidr" }),
		huh.NewGroup(ipField, name),
	)
}

func (m *SnatForm) Check(fc *FormCtx) error {
	var errs []fieldCheck
	if m.entry != nil {
		if why := tableBusy(m.Nc.snatBusy, m.entry.SnatEntryId, "SNAT entry"); why != "" {
			return errors.New(why)
		}
	}
	if m.entry == nil {
		if len(m.nat.SnatTableIds.SnatTableId) == 0 {
			return fmt.Errorf("%s has no SNAT table", m.nat.NatGatewayId)
		}
		vsw, cidr := "", ""
		if m.Source == "vsw" {
			vsw = m.VswID
			if vsw == "" {
				return errors.New("choose a source VSwitch")
			}
			errs = append(errs, check("source VSwitch", notOffered(m.Nc.Vsws, vsw, "is no longer a VSwitch of "+m.nat.VpcId)))
			errs = append(errs, check("source VSwitch", model.CheckSnatSourceFree(vsw, m.Nc.SnatVsw)))
		} else {
			cidr = strings.TrimSpace(m.Cidr)
			if cidr == "" {
				return errors.New("source CIDR block: give a block like 10.0.0.0/24")
			}
		}
		errs = append(errs, check("SNAT entry", model.CheckSnatEntry(strings.Join(m.snatIPs(), ","), cidr, vsw)))
	}
	errs = append(errs, check("SNAT IPs", m.CheckIPs()), check("name", model.DefaultName.Check(m.Name)))
	if m.entry != nil {
		errs = append(errs, check("edit", editRefusal(fc.Target, m.Action(), m.modify(fc, ""))))
	}
	return checks(errs...)
}

// modify is the request of an edit (entry set).
func (m *SnatForm) modify(fc *FormCtx, token string) *client.ModifySnatEntryInput {
	return &client.ModifySnatEntryInput{RegionId: fc.Region, SnatTableId: m.entry.SnatTableId, SnatEntryId: m.entry.SnatEntryId,
		SnatIp: strings.Join(m.snatIPs(), ","), SnatEntryName: m.Name, ClientToken: token}
}

func (m *SnatForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	ips := strings.Join(m.snatIPs(), ",")
	if m.entry != nil {
		in := m.modify(fc, token)
		if res := unchangedEdit(fc.Target, in); res != nil {
			return res, nil
		}
		out, err := fc.Client.ModifySnatEntry(ctx, in)
		if err != nil {
			return nil, err
		}
		return madeIn(fc, "snat", map[string]string{"SnatTableId": m.entry.SnatTableId}, m.entry.SnatEntryId, out.RequestId, in), nil
	}
	table := m.nat.SnatTableIds.SnatTableId[0]
	in := &client.CreateSnatEntryInput{RegionId: fc.Region, SnatTableId: table, SnatIp: ips, SnatEntryName: m.Name, ClientToken: token}
	if m.Source == "vsw" {
		in.SourceVSwitchId = m.VswID
	} else {
		in.SourceCIDR = strings.TrimSpace(m.Cidr)
	}
	out, err := fc.Client.CreateSnatEntry(ctx, in)
	if err != nil {
		return nil, err
	}
	return madeIn(fc, "snat", map[string]string{"SnatTableId": table}, out.SnatEntryId, out.RequestId, in), nil
}

// ---- DNAT entries ----

func DnatOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			p := parentOf(fc, "nat")
			if p == nil {
				return &elsewhere{title: "Create DNAT entry", APIAction: "CreateForwardEntry",
					how: "A DNAT entry belongs to a NAT gateway: open :nat, select a gateway, enter → DNAT Entries, then c."}
			}
			return &DnatForm{nat: p.Val().(*model.NatGateway), Proto: "TCP"}
		},
		Edit: func(fc *FormCtx) Mutation {
			e := fc.Target.Val().(*model.ForwardEntry)
			proto := map[string]string{"tcp": "TCP", "udp": "UDP", "any": "Any"}[strings.ToLower(e.IpProtocol)]
			return &DnatForm{entry: e, Proto: proto, ExtIP: e.ExternalIp, ExtPort: portText(e.ExternalPort),
				IntIP: e.InternalIp, IntPort: portText(e.InternalPort), Name: e.ForwardEntryName}
		},
		Del: &DeleteSpec{
			Action:   "DeleteForwardEntry",
			Stops:    dnatStops,
			Precheck: busySiblings,
			Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
				e := o.Val().(*model.ForwardEntry)
				in := &client.DeleteForwardEntryInput{RegionId: o.Region, ForwardTableId: e.ForwardTableId, ForwardEntryId: e.ForwardEntryId, ClientToken: token}
				out, err := fc.Client.DeleteForwardEntry(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteForwardEntry", out.RequestId, in), nil
			},
		},
	}
}

func portText(p string) string {
	if strings.EqualFold(p, "any") {
		return "Any"
	}
	return p
}

// dnatForm creates or changes a DNAT entry: the external IP is picked from
// the gateway's EIPs; ports are 1-65535, or Any with protocol Any.
type DnatForm struct {
	nat                   *model.NatGateway
	entry                 *model.ForwardEntry
	Proto, ExtIP, ExtPort string
	IntIP, IntPort, Name  string
	Nc                    *natContext
}

func (m *DnatForm) Title() string {
	if m.entry != nil {
		return "Edit DNAT entry " + m.entry.ForwardEntryId
	}
	return "Create DNAT entry in " + m.nat.NatGatewayId
}

func (m *DnatForm) Action() string {
	if m.entry != nil {
		return "ModifyForwardEntry"
	}
	return "CreateForwardEntry"
}

// Prepare loads the gateway's EIPs and entries on every opening, a
// draft's too: an EIP associated since shows up, one unbound since is
// marked.
func (m *DnatForm) Prepare(ctx context.Context, fc *FormCtx) error {
	if m.entry != nil {
		n, err := natOfEntry(ctx, fc, m.entry.NatGatewayId)
		if err != nil {
			return err
		}
		m.nat = n
	}
	nc, err := loadNatContext(ctx, fc, m.nat)
	if err != nil {
		return err
	}
	m.Nc = nc
	if m.ExtIP == "" {
		for _, e := range nc.Eips {
			if !slices.Contains(nc.snatIPs, e.Value) {
				m.ExtIP = e.Value
				break
			}
		}
	}
	return nil
}

func (m *DnatForm) checkPort(field string) func(string) error {
	return func(s string) error {
		if m.Proto == "Any" {
			if !strings.EqualFold(strings.TrimSpace(s), "Any") {
				return errors.New("with protocol Any every port is forwarded: type Any")
			}
			return nil
		}
		if strings.EqualFold(strings.TrimSpace(s), "Any") {
			return errors.New("Any needs protocol Any; give a port 1-65535")
		}
		return model.CheckPort(field, s)
	}
}

func (m *DnatForm) checkInternal(s string) error {
	return model.CheckForwardIPs(FirstNonEmpty(m.ExtIP, "0.0.0.1"), s, m.Nc.vpcCIDR)
}

func (m *DnatForm) key() model.ForwardEntryKey {
	k := model.ForwardEntryKey{Protocol: m.Proto, ExternalIp: m.ExtIP, ExternalPort: strings.TrimSpace(m.ExtPort),
		InternalIp: strings.TrimSpace(m.IntIP), InternalPort: strings.TrimSpace(m.IntPort)}
	if m.entry != nil {
		k.ID = m.entry.ForwardEntryId
	}
	return k
}

func (m *DnatForm) extGone() string { return "is no longer associated with " + m.nat.NatGatewayId }

func (m *DnatForm) Form(fc *FormCtx) *huh.Form {
	ext := pickerWith("External IP", &m.ExtIP, m.Nc.Eips, "no EIP is bound to "+m.nat.NatGatewayId+"; associate one first (:eip, x)", m.extGone(),
		0, "EIPs bound to the gateway; an IP used by SNAT cannot serve DNAT")
	return huh.NewForm(
		huh.NewGroup(ext,
			huh.NewSelect[string]().Title("Protocol").Options(stringOptions("TCP", "UDP", "Any")...).Value(&m.Proto).
				Description("Any forwards every port: both ports are then Any")),
		huh.NewGroup(
			liveInput("External port", &m.ExtPort, m.checkPort("ExternalPort"), "1-65535, or Any with protocol Any"),
			liveInput("Internal IP", &m.IntIP, required("an internal IP", m.checkInternal), "an address inside "+FirstNonEmpty(m.Nc.vpcCIDR, "the VPC")),
			liveInput("Internal port", &m.IntPort, m.checkPort("InternalPort"), "1-65535, or Any with protocol Any"),
			liveInput("Name", &m.Name, KeepSet(fc, "name", model.DefaultName.Check), nameHint),
		))
}

func (m *DnatForm) Check(fc *FormCtx) error {
	if m.ExtIP == "" {
		return errors.New("external IP: no EIP to choose")
	}
	if err := notOffered(m.Nc.Eips, m.ExtIP, m.extGone()); err != nil {
		return fmt.Errorf("external IP: %w", err)
	}
	self := ""
	if m.entry != nil {
		self = m.entry.ForwardEntryId
	}
	// Adding, changing and deleting DNAT entries all wait for the table.
	if why := tableBusy(m.Nc.dnatBusy, self, "DNAT entry"); why != "" {
		return errors.New(why)
	}
	if m.entry == nil {
		if len(m.nat.ForwardTableIds.ForwardTableId) == 0 {
			return fmt.Errorf("%s has no DNAT table", m.nat.NatGatewayId)
		}
		if m.Nc.DnatCount >= model.MaxForwardEntries {
			return fmt.Errorf("the DNAT table already holds %d entries, the most it may", model.MaxForwardEntries)
		}
	}
	k := m.key()
	return checks(
		check("ports", model.CheckForwardPorts(m.Proto, k.ExternalPort, k.InternalPort)),
		check("addresses", model.CheckForwardIPs(m.ExtIP, k.InternalIp, m.Nc.vpcCIDR)),
		check("external IP", model.CheckIPNotShared([]string{m.ExtIP}, m.Nc.snatIPs, "SNAT")),
		check("entry", model.CheckForwardConflict(k, m.Nc.forwards)),
		check("name", model.DefaultName.Check(m.Name)),
		check("edit", m.editRefusal(fc)),
	)
}

// modify is the request of an edit (entry set).
func (m *DnatForm) modify(fc *FormCtx, token string) *client.ModifyForwardEntryInput {
	k := m.key()
	return &client.ModifyForwardEntryInput{RegionId: fc.Region, ForwardTableId: m.entry.ForwardTableId, ForwardEntryId: m.entry.ForwardEntryId,
		ExternalIp: k.ExternalIp, ExternalPort: k.ExternalPort, InternalIp: k.InternalIp, InternalPort: k.InternalPort,
		IpProtocol: m.Proto, ForwardEntryName: m.Name, ClientToken: token}
}

func (m *DnatForm) editRefusal(fc *FormCtx) error {
	if m.entry == nil {
		return nil
	}
	return editRefusal(fc.Target, m.Action(), m.modify(fc, ""))
}

func (m *DnatForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	k := m.key()
	if m.entry != nil {
		in := m.modify(fc, token)
		if res := unchangedEdit(fc.Target, in); res != nil {
			return res, nil
		}
		out, err := fc.Client.ModifyForwardEntry(ctx, in)
		if err != nil {
			return nil, err
		}
		return madeIn(fc, "dnat", map[string]string{"ForwardTableId": m.entry.ForwardTableId}, m.entry.ForwardEntryId, out.RequestId, in), nil
	}
	table := m.nat.ForwardTableIds.ForwardTableId[0]
	in := &client.CreateForwardEntryInput{RegionId: fc.Region, ForwardTableId: table, ExternalIp: k.ExternalIp, ExternalPort: k.ExternalPort,
		InternalIp: k.InternalIp, InternalPort: k.InternalPort, IpProtocol: m.Proto, ForwardEntryName: m.Name, ClientToken: token}
	out, err := fc.Client.CreateForwardEntry(ctx, in)
	if err != nil {
		return nil, err
	}
	return madeIn(fc, "dnat", map[string]string{"ForwardTableId": table}, out.ForwardEntryId, out.RequestId, in), nil
}

// ---- EIPs ----

func EipOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation { return &EipAllocate{Bandwidth: "5", charge: "PayByTraffic"} },
		Edit: func(fc *FormCtx) Mutation {
			e := fc.Target.Val().(*model.EipAddress)
			return &EipModify{Id: e.AllocationId, Name: e.Name, Desc: e.Description, Bandwidth: e.Bandwidth}
		},
		Del: eipReleaseSpec(),
		Actions: func(fc *FormCtx) []actionItem {
			if fc.Target == nil {
				return nil
			}
			return []actionItem{
				{Label: "Associate", Hint: "bind to a NAT gateway, an ECS instance or a HaVip", Make: NewEipAssociate},
				destructiveItem("Unassociate", "unbind from its instance", "Unassociate", NewEipUnassociate,
					func(s *DeleteSpec) { s.About, s.Impact, s.Stops = eipAbout, eipUsers, nil }),
				{Label: "Release", Hint: "give the address back (only when Available)", Destroy: func(*FormCtx) *DeleteSpec { return eipReleaseSpec() }},
			}
		},
	}
}

// eipReleaseRefusal says why an EIP cannot be released now, or "".
func eipReleaseRefusal(e *model.EipAddress) string {
	switch {
	case e.Status != "Available":
		what := e.Status
		if e.InstanceId != "" {
			what += " (bound to " + e.InstanceId + ")"
		}
		return fmt.Sprintf("%s is %s: only an Available EIP can be released; unassociate it first (x → Unassociate)", e.IpAddress, what)
	case e.ChargeType == "PrePaid":
		return e.IpAddress + " is a subscription (PrePaid) EIP: it cannot be released before it expires"
	}
	return ""
}

func releaseEip(ctx context.Context, fc *FormCtx, o *model.Object) (*Submitted, error) {
	in := &client.ReleaseEipAddressInput{RegionId: o.Region, AllocationId: o.ID}
	out, err := fc.Client.ReleaseEipAddress(ctx, in)
	if err != nil {
		return nil, err
	}
	return removed(o, "ReleaseEipAddress", out.RequestId, in), nil
}

type EipAllocate struct{ Bandwidth, charge, Name, Desc string }

func (m *EipAllocate) Title() string  { return "Allocate EIP" }
func (m *EipAllocate) Action() string { return "AllocateEipAddress" }
func (m *EipAllocate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckEipBandwidth, "peak bandwidth, a whole number; default 5"),
		huh.NewSelect[string]().Title("Billing").Value(&m.charge).Options(
			huh.NewOption("pay by traffic", "PayByTraffic"), huh.NewOption("pay by bandwidth", "PayByBandwidth")),
		nameField(&m.Name), descField(&m.Desc),
	))
}
func (m *EipAllocate) Check(fc *FormCtx) error {
	return checks(check("bandwidth", model.CheckEipBandwidth(m.Bandwidth)), check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)))
}

// Request is what Submit sends; the review page lists it first.
func (m *EipAllocate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *EipAllocate) Input(fc *FormCtx, token string) *client.AllocateEipAddressInput {
	return &client.AllocateEipAddressInput{RegionId: fc.Region, Bandwidth: strings.TrimSpace(m.Bandwidth), InternetChargeType: m.charge,
		Name: m.Name, Description: m.Desc, ClientToken: token}
}

func (m *EipAllocate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := fc.Client.AllocateEipAddress(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "eip", out.AllocationId, out.RequestId, in, nil), nil
}

type EipModify struct{ Id, Name, Desc, Bandwidth string }

func (m *EipModify) Title() string  { return "Edit EIP " + m.Id }
func (m *EipModify) Action() string { return "ModifyEipAddressAttribute" }
func (m *EipModify) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.Name), editDesc(fc, &m.Desc),
		liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckEipBandwidth, "peak bandwidth, a whole number")))
}
func (m *EipModify) request(fc *FormCtx) *client.ModifyEipAddressAttributeInput {
	return &client.ModifyEipAddressAttributeInput{RegionId: fc.Region, AllocationId: m.Id, Name: m.Name, Description: m.Desc,
		Bandwidth: strings.TrimSpace(m.Bandwidth)}
}
func (m *EipModify) Check(fc *FormCtx) error {
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("bandwidth", model.CheckEipBandwidth(m.Bandwidth)), check("edit", editRefusal(fc.Target, m.Action(), m.request(fc))))
}
func (m *EipModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.Target, in); res != nil {
		return res, nil
	}
	out, err := fc.Client.ModifyEipAddressAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "eip", m.Id, out.RequestId, in, nil), nil
}

// eipAssociate binds an EIP: NAT gateways and HaVips of the region come from the API;
// an ECS instance is typed (the console does not list instances).
type EipAssociate struct {
	obj          *model.Object
	eip          *model.EipAddress
	InstType     string
	natID, EcsID string
	havipID      string
	Nats, havips []Pick
	Refuse       string
}

func NewEipAssociate(fc *FormCtx) Mutation {
	return &EipAssociate{obj: fc.Target, eip: fc.Target.Val().(*model.EipAddress), InstType: "Nat"}
}

func eipAssociateRefusal(e *model.EipAddress) string {
	if e.Status == "Available" {
		return ""
	}
	why := fmt.Sprintf("%s is %s; only an Available EIP can be associated", e.IpAddress, e.Status)
	if e.InstanceId != "" {
		why += " (it is bound to " + e.InstanceId + ")"
	}
	return why
}

// Title reads the pane's copy of the EIP, which Prepare (running while the
// title shows) does not replace.
func (m *EipAssociate) Title() string {
	if e, ok := m.obj.Val().(*model.EipAddress); ok {
		return "Associate EIP " + e.IpAddress
	}
	return "Associate EIP " + m.obj.ID
}
func (m *EipAssociate) Action() string { return "AssociateEipAddress" }

func (m *EipAssociate) Prepare(ctx context.Context, fc *FormCtx) error {
	// The status decides; a draft may be older than it.
	fresh, refusal, err := Refetch(ctx, fc.Client, m.obj)
	if err != nil || refusal != "" {
		m.Refuse = refusal
		return err
	}
	m.eip = fresh.Val().(*model.EipAddress)
	if m.Refuse = eipAssociateRefusal(m.eip); m.Refuse != "" {
		return nil
	}
	nats, err := fc.Client.DescribeNatGateways(ctx, &client.DescribeNatGatewaysInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.Nats = []Pick{}
	for _, n := range nats {
		m.Nats = append(m.Nats, Pick{fmt.Sprintf("%s  %s  %s", n.NatGatewayId, n.Name, n.VpcId), n.NatGatewayId})
	}
	m.natID = keepOrFirst(m.natID, m.Nats)
	if m.havips, err = havipPicks(ctx, fc, ""); err != nil {
		return err
	}
	m.havipID = keepOrFirst(m.havipID, m.havips)
	return nil
}

func (m *EipAssociate) Form(fc *FormCtx) *huh.Form {
	if m.Refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.Refuse)))
	}
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Instance type").Value(&m.InstType).Options(
			huh.NewOption("NAT gateway", "Nat"), huh.NewOption("ECS instance", "EcsInstance"), huh.NewOption("HaVip", "HaVip"))),
		huh.NewGroup(pickerGone("HaVip", &m.havipID, m.havips, "no Available or InUse HaVip in "+fc.Region, "is no longer usable in "+fc.Region)).
			WithHideFunc(func() bool { return m.InstType != "HaVip" }),
		huh.NewGroup(pickerGone("NAT gateway", &m.natID, m.Nats, "no NAT gateway in "+fc.Region, "is no longer in "+fc.Region)).
			WithHideFunc(func() bool { return m.InstType != "Nat" }),
		huh.NewGroup(liveInput("ECS instance ID", &m.EcsID, func(s string) error { return model.CheckResourceID("ECS instance", "i-", s) },
			"an instance in a VPC of "+fc.Region+" without an EIP, e.g. i-bp1…")).
			WithHideFunc(func() bool { return m.InstType != "EcsInstance" }),
	)
}

func (m *EipAssociate) instance() string {
	switch m.InstType {
	case "Nat":
		return m.natID
	case "HaVip":
		return m.havipID
	}
	return strings.TrimSpace(m.EcsID)
}

func (m *EipAssociate) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	if m.InstType == "Nat" {
		if m.natID == "" {
			return errors.New("there is no NAT gateway to choose")
		}
		return notOffered(m.Nats, m.natID, "is no longer in "+fc.Region)
	}
	if m.InstType == "HaVip" {
		if m.havipID == "" {
			return errors.New("there is no HaVip to choose")
		}
		return notOffered(m.havips, m.havipID, "is no longer usable in "+fc.Region)
	}
	return model.CheckResourceID("ECS instance", "i-", m.EcsID)
}

func (m *EipAssociate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.AssociateEipAddressInput{RegionId: fc.Region, AllocationId: m.eip.AllocationId, InstanceId: m.instance(),
		InstanceType: m.InstType, ClientToken: token}
	out, err := fc.Client.AssociateEipAddress(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "eip", m.eip.AllocationId, out.RequestId, in, []string{"InUse"}), nil
}

func NewEipUnassociate(fc *FormCtx) Mutation {
	e := fc.Target.Val().(*model.EipAddress)
	return &ConfirmAction{title: "Unassociate EIP " + e.IpAddress, APIAction: "UnassociateEipAddress",
		question: "Unbind " + e.IpAddress + " from its instance?",
		explain:  "The instance loses this public address at once. A NAT gateway's SNAT or DNAT entries using it must go first.",
		obj:      fc.Target,
		gate: func(o *model.Object) string {
			e := o.Val().(*model.EipAddress)
			if e.Status != "InUse" || e.InstanceId == "" {
				return fmt.Sprintf("%s is %s, not bound to anything", e.IpAddress, e.Status)
			}
			if e.InstanceType == "GlobalAccelerationInstance" {
				return e.IpAddress + " is shared by global acceleration instance " + e.InstanceId + ": remove it there (:ga, x → Remove EIP)"
			}
			return ""
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string) (*Submitted, error) {
			e := o.Val().(*model.EipAddress)
			in := &client.UnassociateEipAddressInput{RegionId: fc.Region, AllocationId: e.AllocationId, InstanceId: e.InstanceId,
				InstanceType: e.InstanceType, ClientToken: token}
			out, err := fc.Client.UnassociateEipAddress(ctx, in)
			if err != nil {
				return nil, err
			}
			return made(fc, "eip", e.AllocationId, out.RequestId, in, []string{"Available"}), nil
		}}
}

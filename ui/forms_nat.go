package ui

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

func natOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &natCreate{natType: "Enhanced", spec: "Small"}
			if p := parentOf(fc, "vpc"); p != nil {
				m.vpcID, m.fixedVPC = p.ID, true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			n := fc.target.Val().(*model.NatGateway)
			return &natModify{id: n.NatGatewayId, name: n.Name, desc: n.Description}
		},
		del: &deleteSpec{
			action:   "DeleteNatGateway",
			stops:    natStops,
			blockers: []string{"snat", "dnat", "eip", "natbwp"},
			force:    "Force deletes the gateway's SNAT and DNAT entries and unbinds its EIPs",
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, force bool) (*submitted, error) {
				in := &client.DeleteNatGatewayInput{RegionId: o.Region, NatGatewayId: o.ID, Force: force}
				out, err := fc.client.DeleteNatGateway(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteNatGateway", out.RequestId, in), nil
			},
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			n := fc.target.Val().(*model.NatGateway)
			return append([]actionItem{{label: "Change spec", hint: "upgrade to Middle or Large (Normal gateways)",
				make: func(fc *formCtx) mutation {
					n := fc.target.Val().(*model.NatGateway)
					m := &natSpec{id: n.NatGatewayId, current: n.Spec, spec: n.Spec}
					if n.NatType == "Enhanced" {
						m.refuse = "an Enhanced NAT gateway has no spec: it scales by itself"
					}
					if !slices.Contains(model.NatSpecs(false), m.spec) {
						m.spec = "Small"
					}
					// Upgrades only: a downgrade drops connections, so it
					// has its own entries and the typed confirmation.
					if up := natLarger(m.current); len(up) > 0 {
						m.spec = up[0]
					} else if m.refuse == "" {
						m.refuse = n.NatGatewayId + " is already " + n.Spec + ", the largest spec; x → Downgrade asks for the typed ID"
					}
					return m
				}}}, natDowngradeItems(n)...)
		},
	}
}

// vswPicks lists the region's VSwitches (of one VPC when vpcID is set) as
// choices, grouped by VPC.
func vswPicks(ctx context.Context, fc *formCtx, vpcID string) (map[string][]pick, error) {
	sws, err := fc.client.DescribeVSwitches(ctx, &client.DescribeVSwitchesInput{RegionId: fc.region, VpcId: vpcID})
	if err != nil {
		return nil, err
	}
	out := map[string][]pick{}
	for _, s := range sws {
		out[s.VpcId] = append(out[s.VpcId], pick{fmt.Sprintf("%s  %s  %s  %s", s.VSwitchId, s.VSwitchName, s.CidrBlock, s.ZoneId), s.VSwitchId})
	}
	return out, nil
}

type natCreate struct {
	vpcID, natType, spec, name, desc string
	routes                           map[string][]string // VPC → route destinations
	fixedVPC                         bool
	vpcs                             []pick
	vsws                             map[string][]pick
	vsw                              *choiceGroups
}

func (m *natCreate) Title() string {
	if m.fixedVPC {
		return "Create NAT gateway in " + m.vpcID
	}
	return "Create NAT gateway"
}
func (m *natCreate) Action() string { return "CreateNatGateway" }

// Prepare loads the VPCs and their VSwitches on every opening, a draft's
// too; the draft's choices are kept (marked when no longer offered).
func (m *natCreate) Prepare(ctx context.Context, fc *formCtx) error {
	if m.fixedVPC {
		m.vpcs = []pick{{m.vpcID, m.vpcID}}
	} else {
		picks, _, err := vpcPicks(ctx, fc)
		if err != nil {
			return err
		}
		m.vpcs = picks
		m.vpcID = keepOrFirst(m.vpcID, picks)
	}
	only := ""
	if m.fixedVPC {
		only = m.vpcID
	}
	vsws, err := vswPicks(ctx, fc, only)
	if err != nil {
		return err
	}
	m.vsws = vsws
	ids := make([]string, 0, len(m.vpcs))
	for _, v := range m.vpcs {
		ids = append(ids, v.value)
	}
	if m.routes, err = routeDests(ctx, fc, ids); err != nil {
		return err
	}
	if m.vsw == nil {
		m.vsw = newChoiceGroups(&m.vpcID)
		m.vsw.when = func() bool { return m.natType == "Enhanced" }
	}
	for _, v := range m.vpcs {
		m.vsw.setDefault(v.value, firstValue(vsws[v.value]))
	}
	return nil
}

func (m *natCreate) Form(fc *formCtx) *huh.Form {
	var first []huh.Field
	if !m.fixedVPC {
		first = append(first, pickerGone("VPC", &m.vpcID, m.vpcs, "this region has no VPC", "is no longer in "+fc.region))
	}
	first = append(first, huh.NewSelect[string]().Title("NAT type").Value(&m.natType).Options(
		huh.NewOption("Enhanced (in a VSwitch; scales by itself)", "Enhanced"),
		huh.NewOption("Normal (fixed spec)", "Normal")).
		Description("A new gateway adds 0.0.0.0/0 → itself to the VPC's system table; an existing 0.0.0.0/0 route must go first"))
	gs := []*huh.Group{huh.NewGroup(first...)}
	for _, v := range m.vpcs {
		picks := m.vsws[v.value]
		gs = append(gs, m.vsw.group(v.value, func(val *string) []huh.Field {
			return []huh.Field{pickerGone("VSwitch", val, picks, "the VPC has no VSwitch; create one first", "is no longer a VSwitch of "+v.value)}
		}))
	}
	gs = append(gs,
		huh.NewGroup(huh.NewSelect[string]().Title("Spec").Options(
			huh.NewOption("Small (10,000 connections)", "Small"), huh.NewOption("Middle (50,000 connections)", "Middle"),
			huh.NewOption("Large (200,000 connections)", "Large"), huh.NewOption("XLarge.1", "XLarge.1")).Value(&m.spec)).
			WithHideFunc(func() bool { return m.natType != "Normal" }),
		huh.NewGroup(nameField(&m.name), liveInput("Description", &m.desc, model.CheckNatDescription, "optional; 2-256 characters, not starting with http:// or https://")))
	return huh.NewForm(gs...)
}

func (m *natCreate) Check(fc *formCtx) error {
	if m.vpcID == "" {
		return errors.New("choose a VPC")
	}
	if err := notOffered(m.vpcs, m.vpcID, "is no longer in "+fc.region); err != nil {
		return fmt.Errorf("VPC: %w", err)
	}
	if m.natType == "Enhanced" && m.vsw.value() == "" {
		return errors.New("an Enhanced NAT gateway needs a VSwitch of the VPC")
	}
	if m.natType == "Enhanced" {
		if err := notOffered(m.vsws[m.vpcID], m.vsw.value(), "is no longer a VSwitch of "+m.vpcID); err != nil {
			return fmt.Errorf("VSwitch: %w", err)
		}
	}
	if m.natType == "Normal" {
		if err := model.CheckNatSpec(m.spec, true); err != nil {
			return fmt.Errorf("spec: %w", err)
		}
	}
	if m.natType == "Normal" {
		// It adds 0.0.0.0/0 → itself; the API refuses when that route
		// exists.
		if err := model.CheckDefaultRouteFree(m.routes[m.vpcID]); err != nil {
			return err
		}
	}
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckNatDescription(m.desc)))
}

// Request is what Submit sends; the review page lists it first.
func (m *natCreate) Request(fc *formCtx, token string) (any, error) { return m.input(fc, token), nil }

func (m *natCreate) input(fc *formCtx, token string) *client.CreateNatGatewayInput {
	in := &client.CreateNatGatewayInput{RegionId: fc.region, VpcId: m.vpcID, NatType: m.natType, Name: m.name, Description: m.desc, ClientToken: token}
	if m.natType == "Enhanced" {
		in.VSwitchId = m.vsw.value()
	} else {
		in.Spec = m.spec
	}
	return in
}

func (m *natCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.input(fc, token)
	out, err := fc.client.CreateNatGateway(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", out.NatGatewayId, out.RequestId, in, nil), nil
}

type natModify struct{ id, name, desc string }

func (m *natModify) Title() string  { return "Edit NAT gateway " + m.id }
func (m *natModify) Action() string { return "ModifyNatGatewayAttribute" }
func (m *natModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.name), editDesc(fc, &m.desc)))
}
func (m *natModify) request(fc *formCtx) *client.ModifyNatGatewayAttributeInput {
	return &client.ModifyNatGatewayAttributeInput{RegionId: fc.region, NatGatewayId: m.id, Name: m.name, Description: m.desc}
}
func (m *natModify) Check(fc *formCtx) error {
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("edit", editRefusal(fc.target, m.Action(), m.request(fc))))
}
func (m *natModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyNatGatewayAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", m.id, out.RequestId, in, nil), nil
}

type natSpec struct{ id, current, spec, refuse string }

func (m *natSpec) Title() string  { return "Change spec of " + m.id }
func (m *natSpec) Action() string { return "ModifyNatGatewaySpec" }
func (m *natSpec) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible").Description("✗ " + m.refuse)))
	}
	return huh.NewForm(huh.NewGroup(huh.NewSelect[string]().Title("Spec").Options(stringOptions(natLarger(m.current)...)...).
		Value(&m.spec).Description("Now " + m.current + "; the spec sets how many SNAT connections it holds")))
}
func (m *natSpec) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if strings.EqualFold(m.spec, m.current) {
		return fmt.Errorf("the gateway is already %s; choose another spec", m.current)
	}
	if err := model.CheckNatSpec(m.spec, false); err != nil {
		return err
	}
	if natRank(m.spec) < natRank(m.current) {
		return fmt.Errorf("%s → %s is a downgrade: x → Downgrade spec to %s asks for the typed ID", m.current, m.spec, m.spec)
	}
	return nil
}
func (m *natSpec) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.ModifyNatGatewaySpecInput{RegionId: fc.region, NatGatewayId: m.id, Spec: m.spec, ClientToken: token}
	out, err := fc.client.ModifyNatGatewaySpec(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "nat", m.id, out.RequestId, in, nil), nil
}

// natContext is what SNAT and DNAT forms load about their gateway: its
// EIPs, its VPC's VSwitches and block, and the IPs each table uses.
type natContext struct {
	nat       *model.NatGateway
	eips      []pick
	vsws      []pick
	vpcCIDR   string
	snatIPs   []string          // public IPs SNAT entries use
	dnatIPs   []string          // public IPs DNAT entries use
	snatVsw   map[string]string // VSwitch → the SNAT entry that has it
	forwards  []model.ForwardEntryKey
	dnatCount int
	// snatBusy and dnatBusy name an entry of the table that is Pending or
	// Modifying: the API refuses changes to that table until it settles.
	snatBusy, dnatBusy map[string]string // entry ID → status
}

func loadNatContext(ctx context.Context, fc *formCtx, n *model.NatGateway) (*natContext, error) {
	nc := &natContext{nat: n, eips: []pick{}, vsws: []pick{}, snatVsw: map[string]string{},
		snatBusy: map[string]string{}, dnatBusy: map[string]string{}}
	eips, err := fc.client.DescribeEipAddresses(ctx, &client.DescribeEipAddressesInput{RegionId: fc.region,
		AssociatedInstanceType: "Nat", AssociatedInstanceId: n.NatGatewayId})
	if err != nil {
		return nil, err
	}
	for _, e := range eips {
		nc.eips = append(nc.eips, pick{fmt.Sprintf("%s  %s  %s", e.IpAddress, e.AllocationId, e.Name), e.IpAddress})
	}
	bwp, err := natBwpPicks(ctx, fc, n.NatGatewayId) // IPs of its NAT bandwidth packages (forms_natbwp.go)
	if err != nil {
		return nil, err
	}
	nc.eips = append(nc.eips, bwp...)
	if n.VpcId != "" {
		sws, err := vswPicks(ctx, fc, n.VpcId)
		if err != nil {
			return nil, err
		}
		nc.vsws = append(nc.vsws, sws[n.VpcId]...)
		vpcs, err := fc.client.DescribeVpcs(ctx, &client.DescribeVpcsInput{RegionId: fc.region, VpcId: n.VpcId})
		if err != nil {
			return nil, err
		}
		if len(vpcs) > 0 {
			nc.vpcCIDR = vpcs[0].CidrBlock
		}
	}
	for _, t := range n.SnatTableIds.SnatTableId {
		es, err := fc.client.DescribeSnatTableEntries(ctx, &client.DescribeSnatTableEntriesInput{RegionId: fc.region, SnatTableId: t})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			for _, ip := range strings.Split(e.SnatIp, ",") {
				nc.snatIPs = append(nc.snatIPs, strings.TrimSpace(ip))
			}
			if e.SourceVSwitchId != "" {
				nc.snatVsw[e.SourceVSwitchId] = e.SnatEntryId
			}
			if entryBusy(e.Status) {
				nc.snatBusy[e.SnatEntryId] = e.Status
			}
		}
	}
	for _, t := range n.ForwardTableIds.ForwardTableId {
		es, err := fc.client.DescribeForwardTableEntries(ctx, &client.DescribeForwardTableEntriesInput{RegionId: fc.region, ForwardTableId: t})
		if err != nil {
			return nil, err
		}
		nc.dnatCount += len(es)
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
func busySiblings(ctx context.Context, fc *formCtx, o *model.Object) (string, error) {
	switch e := o.Val().(type) {
	case *model.SnatEntry:
		es, err := fc.client.DescribeSnatTableEntries(ctx, &client.DescribeSnatTableEntriesInput{RegionId: o.Region, SnatTableId: e.SnatTableId})
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
		es, err := fc.client.DescribeForwardTableEntries(ctx, &client.DescribeForwardTableEntriesInput{RegionId: o.Region, ForwardTableId: e.ForwardTableId})
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
func natOfEntry(ctx context.Context, fc *formCtx, id string) (*model.NatGateway, error) {
	nats, err := fc.client.DescribeNatGateways(ctx, &client.DescribeNatGatewaysInput{RegionId: fc.region, NatGatewayId: id})
	if err != nil {
		return nil, err
	}
	if len(nats) == 0 {
		return nil, fmt.Errorf("NAT gateway %s was not found", id)
	}
	return nats[0], nil
}

// ---- SNAT entries ----

func snatOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			p := parentOf(fc, "nat")
			if p == nil {
				return &elsewhere{title: "Create SNAT entry", action: "CreateSnatEntry",
					how: "An SNAT entry belongs to a NAT gateway: open :nat, select a gateway, enter → SNAT Entries, then c."}
			}
			return &snatForm{nat: p.Val().(*model.NatGateway), source: "vsw"}
		},
		edit: func(fc *formCtx) mutation {
			e := fc.target.Val().(*model.SnatEntry)
			return &snatForm{entry: e, name: e.SnatEntryName, ipText: e.SnatIp}
		},
		del: &deleteSpec{
			action:   "DeleteSnatEntry",
			stops:    snatStops,
			precheck: busySiblings,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				e := o.Val().(*model.SnatEntry)
				in := &client.DeleteSnatEntryInput{RegionId: o.Region, SnatTableId: e.SnatTableId, SnatEntryId: e.SnatEntryId, ClientToken: token}
				out, err := fc.client.DeleteSnatEntry(ctx, in)
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
type snatForm struct {
	nat          *model.NatGateway
	entry        *model.SnatEntry
	source       string // vsw | cidr
	vswID, cidr  string
	ips          []string
	ipText, name string
	nc           *natContext
}

func (m *snatForm) Title() string {
	if m.entry != nil {
		return "Edit SNAT entry " + m.entry.SnatEntryId
	}
	return "Create SNAT entry in " + m.nat.NatGatewayId
}

func (m *snatForm) Action() string {
	if m.entry != nil {
		return "ModifySnatEntry"
	}
	return "CreateSnatEntry"
}

// Prepare loads the gateway's EIPs, VSwitches and entries on every
// opening, a draft's too.
func (m *snatForm) Prepare(ctx context.Context, fc *formCtx) error {
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
	m.nc = nc
	if m.entry == nil && m.vswID == "" {
		for _, v := range nc.vsws {
			if _, taken := nc.snatVsw[v.value]; !taken {
				m.vswID = v.value
				break
			}
		}
	}
	return nil
}

func (m *snatForm) ipGone() string { return "is no longer associated with " + m.nat.NatGatewayId }

func (m *snatForm) snatIPs() []string {
	if m.entry != nil {
		var out []string
		for _, ip := range strings.Split(m.ipText, ",") {
			if ip = strings.TrimSpace(ip); ip != "" {
				out = append(out, ip)
			}
		}
		return out
	}
	return m.ips
}

func (m *snatForm) checkIPs() error {
	ips := m.snatIPs()
	if err := model.CheckSnatEntry(strings.Join(ips, ","), "", ""); err != nil {
		return err
	}
	for _, ip := range ips {
		if !hasValue(m.nc.eips, ip) {
			return fmt.Errorf("%s is not an EIP of %s; bind it to the gateway first", ip, m.nat.NatGatewayId)
		}
	}
	return model.CheckIPNotShared(ips, m.nc.dnatIPs, "DNAT")
}

func (m *snatForm) Form(fc *formCtx) *huh.Form {
	name := liveInput("Name", &m.name, keepSet(fc, "name", model.DefaultName.Check), nameHint)
	if m.entry != nil {
		var avail []string
		for _, e := range m.nc.eips {
			avail = append(avail, e.value)
		}
		ips := liveInput("SNAT IPs", &m.ipText, func(string) error { return m.checkIPs() },
			"comma-separated EIPs of "+m.nat.NatGatewayId+": "+strings.Join(avail, ", "))
		ips.suggest = func() []string { return avail }
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Source").Description(m.entry.Source()), ips, name))
	}
	var ipField huh.Field
	// IPs a draft kept that are no longer bound stay listed, marked, and
	// must be unselected before the form moves on.
	opts := m.nc.eips
	for _, ip := range m.ips {
		if err := notOffered(m.nc.eips, ip, m.ipGone()); err != nil {
			opts = append([]pick{{label: ip + "  ✗ " + m.ipGone(), value: ip}}, opts...)
		}
	}
	if len(opts) == 0 {
		ipField = huh.NewNote().Title("SNAT IPs").Description("✗ no EIP is bound to " + m.nat.NatGatewayId + "; associate one first (:eip, x)")
	} else {
		ipField = huh.NewMultiSelect[string]().Title("SNAT IPs").Options(options(opts)...).Value(&m.ips).
			Description("EIPs bound to " + m.nat.NatGatewayId + " (space selects); an IP used by DNAT cannot serve SNAT").
			Height(min(len(opts)+3, 7)).
			Validate(func(ips []string) error {
				if len(ips) == 0 {
					return errors.New("select at least one IP")
				}
				for _, ip := range ips {
					if err := notOffered(m.nc.eips, ip, m.ipGone()); err != nil {
						return fmt.Errorf("%w; unselect it", err)
					}
				}
				return model.CheckIPNotShared(ips, m.nc.dnatIPs, "DNAT")
			})
	}
	cidr := liveInput("Source CIDR block", &m.cidr, required("a CIDR block", func(s string) error {
		return model.CheckSnatEntry("0.0.0.1", s, "")
	}), "traffic from this block leaves through the gateway, e.g. 10.0.0.0/24")
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Source").Value(&m.source).Options(
			huh.NewOption("a VSwitch of the VPC", "vsw"), huh.NewOption("a CIDR block", "cidr")).
			Description("SNAT table "+strings.Join(m.nat.SnatTableIds.SnatTableId, ","))),
		huh.NewGroup(pickerGone("Source VSwitch", &m.vswID, m.nc.vsws, "the VPC has no VSwitch", "is no longer a VSwitch of "+m.nat.VpcId)).
			WithHideFunc(func() bool { return m.source != "vsw" }),
		huh.NewGroup(cidr).WithHideFunc(func() bool { return m.source != "cidr" }),
		huh.NewGroup(ipField, name),
	)
}

func (m *snatForm) Check(fc *formCtx) error {
	var errs []fieldCheck
	if m.entry != nil {
		if why := tableBusy(m.nc.snatBusy, m.entry.SnatEntryId, "SNAT entry"); why != "" {
			return errors.New(why)
		}
	}
	if m.entry == nil {
		if len(m.nat.SnatTableIds.SnatTableId) == 0 {
			return fmt.Errorf("%s has no SNAT table", m.nat.NatGatewayId)
		}
		vsw, cidr := "", ""
		if m.source == "vsw" {
			vsw = m.vswID
			if vsw == "" {
				return errors.New("choose a source VSwitch")
			}
			errs = append(errs, check("source VSwitch", notOffered(m.nc.vsws, vsw, "is no longer a VSwitch of "+m.nat.VpcId)))
			errs = append(errs, check("source VSwitch", model.CheckSnatSourceFree(vsw, m.nc.snatVsw)))
		} else {
			cidr = strings.TrimSpace(m.cidr)
			if cidr == "" {
				return errors.New("source CIDR block: give a block like 10.0.0.0/24")
			}
		}
		errs = append(errs, check("SNAT entry", model.CheckSnatEntry(strings.Join(m.snatIPs(), ","), cidr, vsw)))
	}
	errs = append(errs, check("SNAT IPs", m.checkIPs()), check("name", model.DefaultName.Check(m.name)))
	if m.entry != nil {
		errs = append(errs, check("edit", editRefusal(fc.target, m.Action(), m.modify(fc, ""))))
	}
	return checks(errs...)
}

// modify is the request of an edit (entry set).
func (m *snatForm) modify(fc *formCtx, token string) *client.ModifySnatEntryInput {
	return &client.ModifySnatEntryInput{RegionId: fc.region, SnatTableId: m.entry.SnatTableId, SnatEntryId: m.entry.SnatEntryId,
		SnatIp: strings.Join(m.snatIPs(), ","), SnatEntryName: m.name, ClientToken: token}
}

func (m *snatForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	ips := strings.Join(m.snatIPs(), ",")
	if m.entry != nil {
		in := m.modify(fc, token)
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifySnatEntry(ctx, in)
		if err != nil {
			return nil, err
		}
		return madeIn(fc, "snat", map[string]string{"SnatTableId": m.entry.SnatTableId}, m.entry.SnatEntryId, out.RequestId, in), nil
	}
	table := m.nat.SnatTableIds.SnatTableId[0]
	in := &client.CreateSnatEntryInput{RegionId: fc.region, SnatTableId: table, SnatIp: ips, SnatEntryName: m.name, ClientToken: token}
	if m.source == "vsw" {
		in.SourceVSwitchId = m.vswID
	} else {
		in.SourceCIDR = strings.TrimSpace(m.cidr)
	}
	out, err := fc.client.CreateSnatEntry(ctx, in)
	if err != nil {
		return nil, err
	}
	return madeIn(fc, "snat", map[string]string{"SnatTableId": table}, out.SnatEntryId, out.RequestId, in), nil
}

// ---- DNAT entries ----

func dnatOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			p := parentOf(fc, "nat")
			if p == nil {
				return &elsewhere{title: "Create DNAT entry", action: "CreateForwardEntry",
					how: "A DNAT entry belongs to a NAT gateway: open :nat, select a gateway, enter → DNAT Entries, then c."}
			}
			return &dnatForm{nat: p.Val().(*model.NatGateway), proto: "TCP"}
		},
		edit: func(fc *formCtx) mutation {
			e := fc.target.Val().(*model.ForwardEntry)
			proto := map[string]string{"tcp": "TCP", "udp": "UDP", "any": "Any"}[strings.ToLower(e.IpProtocol)]
			return &dnatForm{entry: e, proto: proto, extIP: e.ExternalIp, extPort: portText(e.ExternalPort),
				intIP: e.InternalIp, intPort: portText(e.InternalPort), name: e.ForwardEntryName}
		},
		del: &deleteSpec{
			action:   "DeleteForwardEntry",
			stops:    dnatStops,
			precheck: busySiblings,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				e := o.Val().(*model.ForwardEntry)
				in := &client.DeleteForwardEntryInput{RegionId: o.Region, ForwardTableId: e.ForwardTableId, ForwardEntryId: e.ForwardEntryId, ClientToken: token}
				out, err := fc.client.DeleteForwardEntry(ctx, in)
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
type dnatForm struct {
	nat                   *model.NatGateway
	entry                 *model.ForwardEntry
	proto, extIP, extPort string
	intIP, intPort, name  string
	nc                    *natContext
}

func (m *dnatForm) Title() string {
	if m.entry != nil {
		return "Edit DNAT entry " + m.entry.ForwardEntryId
	}
	return "Create DNAT entry in " + m.nat.NatGatewayId
}

func (m *dnatForm) Action() string {
	if m.entry != nil {
		return "ModifyForwardEntry"
	}
	return "CreateForwardEntry"
}

// Prepare loads the gateway's EIPs and entries on every opening, a
// draft's too: an EIP associated since shows up, one unbound since is
// marked.
func (m *dnatForm) Prepare(ctx context.Context, fc *formCtx) error {
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
	m.nc = nc
	if m.extIP == "" {
		for _, e := range nc.eips {
			if !slices.Contains(nc.snatIPs, e.value) {
				m.extIP = e.value
				break
			}
		}
	}
	return nil
}

func (m *dnatForm) checkPort(field string) func(string) error {
	return func(s string) error {
		if m.proto == "Any" {
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

func (m *dnatForm) checkInternal(s string) error {
	return model.CheckForwardIPs(firstNonEmpty(m.extIP, "0.0.0.1"), s, m.nc.vpcCIDR)
}

func (m *dnatForm) key() model.ForwardEntryKey {
	k := model.ForwardEntryKey{Protocol: m.proto, ExternalIp: m.extIP, ExternalPort: strings.TrimSpace(m.extPort),
		InternalIp: strings.TrimSpace(m.intIP), InternalPort: strings.TrimSpace(m.intPort)}
	if m.entry != nil {
		k.ID = m.entry.ForwardEntryId
	}
	return k
}

func (m *dnatForm) extGone() string { return "is no longer associated with " + m.nat.NatGatewayId }

func (m *dnatForm) Form(fc *formCtx) *huh.Form {
	ext := pickerWith("External IP", &m.extIP, m.nc.eips, "no EIP is bound to "+m.nat.NatGatewayId+"; associate one first (:eip, x)", m.extGone(),
		0, "EIPs bound to the gateway; an IP used by SNAT cannot serve DNAT")
	return huh.NewForm(
		huh.NewGroup(ext,
			huh.NewSelect[string]().Title("Protocol").Options(stringOptions("TCP", "UDP", "Any")...).Value(&m.proto).
				Description("Any forwards every port: both ports are then Any")),
		huh.NewGroup(
			liveInput("External port", &m.extPort, m.checkPort("ExternalPort"), "1-65535, or Any with protocol Any"),
			liveInput("Internal IP", &m.intIP, required("an internal IP", m.checkInternal), "an address inside "+firstNonEmpty(m.nc.vpcCIDR, "the VPC")),
			liveInput("Internal port", &m.intPort, m.checkPort("InternalPort"), "1-65535, or Any with protocol Any"),
			liveInput("Name", &m.name, keepSet(fc, "name", model.DefaultName.Check), nameHint),
		))
}

func (m *dnatForm) Check(fc *formCtx) error {
	if m.extIP == "" {
		return errors.New("external IP: no EIP to choose")
	}
	if err := notOffered(m.nc.eips, m.extIP, m.extGone()); err != nil {
		return fmt.Errorf("external IP: %w", err)
	}
	self := ""
	if m.entry != nil {
		self = m.entry.ForwardEntryId
	}
	// Adding, changing and deleting DNAT entries all wait for the table.
	if why := tableBusy(m.nc.dnatBusy, self, "DNAT entry"); why != "" {
		return errors.New(why)
	}
	if m.entry == nil {
		if len(m.nat.ForwardTableIds.ForwardTableId) == 0 {
			return fmt.Errorf("%s has no DNAT table", m.nat.NatGatewayId)
		}
		if m.nc.dnatCount >= model.MaxForwardEntries {
			return fmt.Errorf("the DNAT table already holds %d entries, the most it may", model.MaxForwardEntries)
		}
	}
	k := m.key()
	return checks(
		check("ports", model.CheckForwardPorts(m.proto, k.ExternalPort, k.InternalPort)),
		check("addresses", model.CheckForwardIPs(m.extIP, k.InternalIp, m.nc.vpcCIDR)),
		check("external IP", model.CheckIPNotShared([]string{m.extIP}, m.nc.snatIPs, "SNAT")),
		check("entry", model.CheckForwardConflict(k, m.nc.forwards)),
		check("name", model.DefaultName.Check(m.name)),
		check("edit", m.editRefusal(fc)),
	)
}

// modify is the request of an edit (entry set).
func (m *dnatForm) modify(fc *formCtx, token string) *client.ModifyForwardEntryInput {
	k := m.key()
	return &client.ModifyForwardEntryInput{RegionId: fc.region, ForwardTableId: m.entry.ForwardTableId, ForwardEntryId: m.entry.ForwardEntryId,
		ExternalIp: k.ExternalIp, ExternalPort: k.ExternalPort, InternalIp: k.InternalIp, InternalPort: k.InternalPort,
		IpProtocol: m.proto, ForwardEntryName: m.name, ClientToken: token}
}

func (m *dnatForm) editRefusal(fc *formCtx) error {
	if m.entry == nil {
		return nil
	}
	return editRefusal(fc.target, m.Action(), m.modify(fc, ""))
}

func (m *dnatForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	k := m.key()
	if m.entry != nil {
		in := m.modify(fc, token)
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifyForwardEntry(ctx, in)
		if err != nil {
			return nil, err
		}
		return madeIn(fc, "dnat", map[string]string{"ForwardTableId": m.entry.ForwardTableId}, m.entry.ForwardEntryId, out.RequestId, in), nil
	}
	table := m.nat.ForwardTableIds.ForwardTableId[0]
	in := &client.CreateForwardEntryInput{RegionId: fc.region, ForwardTableId: table, ExternalIp: k.ExternalIp, ExternalPort: k.ExternalPort,
		InternalIp: k.InternalIp, InternalPort: k.InternalPort, IpProtocol: m.proto, ForwardEntryName: m.name, ClientToken: token}
	out, err := fc.client.CreateForwardEntry(ctx, in)
	if err != nil {
		return nil, err
	}
	return madeIn(fc, "dnat", map[string]string{"ForwardTableId": table}, out.ForwardEntryId, out.RequestId, in), nil
}

// ---- EIPs ----

func eipOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation { return &eipAllocate{bandwidth: "5", charge: "PayByTraffic"} },
		edit: func(fc *formCtx) mutation {
			e := fc.target.Val().(*model.EipAddress)
			return &eipModify{id: e.AllocationId, name: e.Name, desc: e.Description, bandwidth: e.Bandwidth}
		},
		del: eipReleaseSpec(),
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			return []actionItem{
				{label: "Associate", hint: "bind to a NAT gateway, an ECS instance or a HaVip", make: newEipAssociate},
				destructiveItem("Unassociate", "unbind from its instance", "Unassociate", newEipUnassociate,
					func(s *deleteSpec) { s.about, s.impact, s.stops = eipAbout, eipUsers, nil }),
				{label: "Release", hint: "give the address back (only when Available)", destroy: func(*formCtx) *deleteSpec { return eipReleaseSpec() }},
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

func releaseEip(ctx context.Context, fc *formCtx, o *model.Object) (*submitted, error) {
	in := &client.ReleaseEipAddressInput{RegionId: o.Region, AllocationId: o.ID}
	out, err := fc.client.ReleaseEipAddress(ctx, in)
	if err != nil {
		return nil, err
	}
	return removed(o, "ReleaseEipAddress", out.RequestId, in), nil
}

type eipAllocate struct{ bandwidth, charge, name, desc string }

func (m *eipAllocate) Title() string  { return "Allocate EIP" }
func (m *eipAllocate) Action() string { return "AllocateEipAddress" }
func (m *eipAllocate) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		liveInput("Bandwidth (Mbit/s)", &m.bandwidth, model.CheckEipBandwidth, "peak bandwidth, a whole number; default 5"),
		huh.NewSelect[string]().Title("Billing").Value(&m.charge).Options(
			huh.NewOption("pay by traffic", "PayByTraffic"), huh.NewOption("pay by bandwidth", "PayByBandwidth")),
		nameField(&m.name), descField(&m.desc),
	))
}
func (m *eipAllocate) Check(fc *formCtx) error {
	return checks(check("bandwidth", model.CheckEipBandwidth(m.bandwidth)), check("name", model.DefaultName.Check(m.name)),
		check("description", model.CheckDescription(m.desc)))
}

// Request is what Submit sends; the review page lists it first.
func (m *eipAllocate) Request(fc *formCtx, token string) (any, error) { return m.input(fc, token), nil }

func (m *eipAllocate) input(fc *formCtx, token string) *client.AllocateEipAddressInput {
	return &client.AllocateEipAddressInput{RegionId: fc.region, Bandwidth: strings.TrimSpace(m.bandwidth), InternetChargeType: m.charge,
		Name: m.name, Description: m.desc, ClientToken: token}
}

func (m *eipAllocate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.input(fc, token)
	out, err := fc.client.AllocateEipAddress(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "eip", out.AllocationId, out.RequestId, in, nil), nil
}

type eipModify struct{ id, name, desc, bandwidth string }

func (m *eipModify) Title() string  { return "Edit EIP " + m.id }
func (m *eipModify) Action() string { return "ModifyEipAddressAttribute" }
func (m *eipModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.name), editDesc(fc, &m.desc),
		liveInput("Bandwidth (Mbit/s)", &m.bandwidth, model.CheckEipBandwidth, "peak bandwidth, a whole number")))
}
func (m *eipModify) request(fc *formCtx) *client.ModifyEipAddressAttributeInput {
	return &client.ModifyEipAddressAttributeInput{RegionId: fc.region, AllocationId: m.id, Name: m.name, Description: m.desc,
		Bandwidth: strings.TrimSpace(m.bandwidth)}
}
func (m *eipModify) Check(fc *formCtx) error {
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("bandwidth", model.CheckEipBandwidth(m.bandwidth)), check("edit", editRefusal(fc.target, m.Action(), m.request(fc))))
}
func (m *eipModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyEipAddressAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "eip", m.id, out.RequestId, in, nil), nil
}

// eipAssociate binds an EIP: NAT gateways and HaVips of the region come from the API;
// an ECS instance is typed (the console does not list instances).
type eipAssociate struct {
	obj          *model.Object
	eip          *model.EipAddress
	instType     string
	natID, ecsID string
	havipID      string
	nats, havips []pick
	refuse       string
}

func newEipAssociate(fc *formCtx) mutation {
	return &eipAssociate{obj: fc.target, eip: fc.target.Val().(*model.EipAddress), instType: "Nat"}
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
func (m *eipAssociate) Title() string {
	if e, ok := m.obj.Val().(*model.EipAddress); ok {
		return "Associate EIP " + e.IpAddress
	}
	return "Associate EIP " + m.obj.ID
}
func (m *eipAssociate) Action() string { return "AssociateEipAddress" }

func (m *eipAssociate) Prepare(ctx context.Context, fc *formCtx) error {
	// The status decides; a draft may be older than it.
	fresh, refusal, err := refetch(ctx, fc.client, m.obj)
	if err != nil || refusal != "" {
		m.refuse = refusal
		return err
	}
	m.eip = fresh.Val().(*model.EipAddress)
	if m.refuse = eipAssociateRefusal(m.eip); m.refuse != "" {
		return nil
	}
	nats, err := fc.client.DescribeNatGateways(ctx, &client.DescribeNatGatewaysInput{RegionId: fc.region})
	if err != nil {
		return err
	}
	m.nats = []pick{}
	for _, n := range nats {
		m.nats = append(m.nats, pick{fmt.Sprintf("%s  %s  %s", n.NatGatewayId, n.Name, n.VpcId), n.NatGatewayId})
	}
	m.natID = keepOrFirst(m.natID, m.nats)
	if m.havips, err = havipPicks(ctx, fc, ""); err != nil {
		return err
	}
	m.havipID = keepOrFirst(m.havipID, m.havips)
	return nil
}

func (m *eipAssociate) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Instance type").Value(&m.instType).Options(
			huh.NewOption("NAT gateway", "Nat"), huh.NewOption("ECS instance", "EcsInstance"), huh.NewOption("HaVip", "HaVip"))),
		huh.NewGroup(pickerGone("HaVip", &m.havipID, m.havips, "no Available or InUse HaVip in "+fc.region, "is no longer usable in "+fc.region)).
			WithHideFunc(func() bool { return m.instType != "HaVip" }),
		huh.NewGroup(pickerGone("NAT gateway", &m.natID, m.nats, "no NAT gateway in "+fc.region, "is no longer in "+fc.region)).
			WithHideFunc(func() bool { return m.instType != "Nat" }),
		huh.NewGroup(liveInput("ECS instance ID", &m.ecsID, func(s string) error { return model.CheckResourceID("ECS instance", "i-", s) },
			"an instance in a VPC of "+fc.region+" without an EIP, e.g. i-bp1…")).
			WithHideFunc(func() bool { return m.instType != "EcsInstance" }),
	)
}

func (m *eipAssociate) instance() string {
	switch m.instType {
	case "Nat":
		return m.natID
	case "HaVip":
		return m.havipID
	}
	return strings.TrimSpace(m.ecsID)
}

func (m *eipAssociate) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if m.instType == "Nat" {
		if m.natID == "" {
			return errors.New("there is no NAT gateway to choose")
		}
		return notOffered(m.nats, m.natID, "is no longer in "+fc.region)
	}
	if m.instType == "HaVip" {
		if m.havipID == "" {
			return errors.New("there is no HaVip to choose")
		}
		return notOffered(m.havips, m.havipID, "is no longer usable in "+fc.region)
	}
	return model.CheckResourceID("ECS instance", "i-", m.ecsID)
}

func (m *eipAssociate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.AssociateEipAddressInput{RegionId: fc.region, AllocationId: m.eip.AllocationId, InstanceId: m.instance(),
		InstanceType: m.instType, ClientToken: token}
	out, err := fc.client.AssociateEipAddress(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "eip", m.eip.AllocationId, out.RequestId, in, []string{"InUse"}), nil
}

func newEipUnassociate(fc *formCtx) mutation {
	e := fc.target.Val().(*model.EipAddress)
	return &confirmAction{title: "Unassociate EIP " + e.IpAddress, action: "UnassociateEipAddress",
		question: "Unbind " + e.IpAddress + " from its instance?",
		explain:  "The instance loses this public address at once. A NAT gateway's SNAT or DNAT entries using it must go first.",
		obj:      fc.target,
		gate: func(o *model.Object) string {
			e := o.Val().(*model.EipAddress)
			if e.Status != "InUse" || e.InstanceId == "" {
				return fmt.Sprintf("%s is %s, not bound to anything", e.IpAddress, e.Status)
			}
			return ""
		},
		run: func(ctx context.Context, fc *formCtx, o *model.Object, token string) (*submitted, error) {
			e := o.Val().(*model.EipAddress)
			in := &client.UnassociateEipAddressInput{RegionId: fc.region, AllocationId: e.AllocationId, InstanceId: e.InstanceId,
				InstanceType: e.InstanceType, ClientToken: token}
			out, err := fc.client.UnassociateEipAddress(ctx, in)
			if err != nil {
				return nil, err
			}
			return made(fc, "eip", e.AllocationId, out.RequestId, in, []string{"Available"}), nil
		}}
}

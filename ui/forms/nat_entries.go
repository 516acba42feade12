package forms

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// SNAT and DNAT entries: the tables of a NAT gateway.

// natEntryForm is what the SNAT and DNAT forms share: the gateway, what it
// holds (EIPs, VSwitches, entries: Nc) and, for an edit, which entry.
type natEntryForm struct {
	nat             *model.NatGateway
	Nc              *natContext
	names           createOrEdit
	editID, editNat string // the edited entry and its gateway; empty for a create
}

func (m *natEntryForm) Title() string {
	if m.editID != "" {
		return m.names.title(m.editID, "") // the gateway is read by Prepare
	}
	return m.names.title("", "in "+m.nat.NatGatewayId)
}
func (m *natEntryForm) Action() string { return m.names.action(m.editID) }

// load reads the gateway (an edit's, by ID) and what it holds.
func (m *natEntryForm) load(ctx context.Context, fc *FormCtx) (*natContext, error) {
	if m.editID != "" {
		n, err := natOfEntry(ctx, fc, m.editNat)
		if err != nil {
			return nil, err
		}
		m.nat = n
	}
	return loadNatContext(ctx, fc, m.nat)
}

var (
	snatNames = createOrEdit{"SNAT entry", "CreateSnatEntry", "ModifySnatEntry"}
	dnatNames = createOrEdit{"DNAT entry", "CreateForwardEntry", "ModifyForwardEntry"}
)

// natEntryCreate opens the create form (make) of an entry of the NAT
// gateway the pane shows; elsewhere it says where to go (pane: the
// gateway's child pane; a: the article of the entry's name).
func natEntryCreate(fc *FormCtx, names createOrEdit, a, pane string, make func(*model.NatGateway) Mutation) Mutation {
	p := parentOf(fc, "nat")
	if p == nil {
		return &elsewhere{title: "Create " + names.what, APIAction: names.create,
			how: a + " " + names.what + " belongs to a NAT gateway: open :nat, select a gateway, enter → " + pane + ", then c."}
	}
	return make(p.Val().(*model.NatGateway))
}

// ---- SNAT entries ----

func SnatOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return natEntryCreate(fc, snatNames, "An", "SNAT Entries", func(n *model.NatGateway) Mutation {
				return &SnatForm{natEntryForm: natEntryForm{nat: n, names: snatNames}, Source: "vsw"}
			})
		},
		Edit: func(fc *FormCtx) Mutation {
			e := fc.Target.Val().(*model.SnatEntry)
			return &SnatForm{natEntryForm: natEntryForm{names: snatNames, editID: e.SnatEntryId, editNat: e.NatGatewayId}, entry: e,
				Name: e.SnatEntryName, IpText: e.SnatIp}
		},
		Del: deleteByValues(DeleteSpec{
			Stops:    snatStops,
			Precheck: busySiblings,
		}, client.DeleteSnatEntry, "SnatTableId", "SnatEntryId"),
	}
}

// snatForm creates an SNAT entry in its gateway's SNAT table (entry nil) or
// changes one: the source is a VSwitch of the VPC or a CIDR block, and the
// public IPs are picked from the EIPs bound to the gateway.
type SnatForm struct {
	natEntryForm
	entry        *model.SnatEntry
	Source       string // vsw | cidr
	VswID, Cidr  string
	Ips          []string
	IpText, Name string
}

// Prepare loads the gateway's EIPs, VSwitches and entries on every
// opening, a draft's too.
func (m *SnatForm) Prepare(ctx context.Context, fc *FormCtx) error {
	nc, err := m.load(ctx, fc)
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
	name := editName(fc, &m.Name)
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
		return sendEditIn(ctx, fc, client.ModifySnatEntry.Func, m.modify(fc, token), "snat", m.entry.SnatEntryId,
			map[string]string{"SnatTableId": m.entry.SnatTableId})
	}
	table := m.nat.SnatTableIds.SnatTableId[0]
	in := &client.CreateSnatEntryInput{RegionId: fc.Region, SnatTableId: table, SnatIp: ips, SnatEntryName: m.Name, ClientToken: token}
	if m.Source == "vsw" {
		in.SourceVSwitchId = m.VswID
	} else {
		in.SourceCIDR = strings.TrimSpace(m.Cidr)
	}
	out, err := client.CreateSnatEntry.Call(ctx, fc.Client, in)
	return createdIn(fc, m, "snat", "SnatEntryId", map[string]string{"SnatTableId": table}, in, out, err)
}

// ---- DNAT entries ----

func DnatOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return natEntryCreate(fc, dnatNames, "A", "DNAT Entries", func(n *model.NatGateway) Mutation {
				return &DnatForm{natEntryForm: natEntryForm{nat: n, names: dnatNames}, Proto: "TCP"}
			})
		},
		Edit: func(fc *FormCtx) Mutation {
			e := fc.Target.Val().(*model.ForwardEntry)
			proto := map[string]string{"tcp": "TCP", "udp": "UDP", "any": "Any"}[strings.ToLower(e.IpProtocol)]
			return &DnatForm{natEntryForm: natEntryForm{names: dnatNames, editID: e.ForwardEntryId, editNat: e.NatGatewayId}, entry: e,
				Proto: proto, ExtIP: e.ExternalIp, ExtPort: portText(e.ExternalPort), IntIP: e.InternalIp, IntPort: portText(e.InternalPort), Name: e.ForwardEntryName}
		},
		Del: deleteByValues(DeleteSpec{
			Stops:    dnatStops,
			Precheck: busySiblings,
		}, client.DeleteForwardEntry, "ForwardTableId", "ForwardEntryId"),
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
	natEntryForm
	entry                 *model.ForwardEntry
	Proto, ExtIP, ExtPort string
	IntIP, IntPort, Name  string
}

// Prepare loads the gateway's EIPs and entries on every opening, a
// draft's too: an EIP associated since shows up, one unbound since is
// marked.
func (m *DnatForm) Prepare(ctx context.Context, fc *FormCtx) error {
	nc, err := m.load(ctx, fc)
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
	return model.CheckForwardIPs(cmp.Or(m.ExtIP, "0.0.0.1"), s, m.Nc.vpcCIDR)
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
			liveInput("Internal IP", &m.IntIP, required("an internal IP", m.checkInternal), "an address inside "+cmp.Or(m.Nc.vpcCIDR, "the VPC")),
			liveInput("Internal port", &m.IntPort, m.checkPort("InternalPort"), "1-65535, or Any with protocol Any"),
			editName(fc, &m.Name),
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
		return sendEditIn(ctx, fc, client.ModifyForwardEntry.Func, m.modify(fc, token), "dnat", m.entry.ForwardEntryId,
			map[string]string{"ForwardTableId": m.entry.ForwardTableId})
	}
	table := m.nat.ForwardTableIds.ForwardTableId[0]
	in := &client.CreateForwardEntryInput{RegionId: fc.Region, ForwardTableId: table, ExternalIp: k.ExternalIp, ExternalPort: k.ExternalPort,
		InternalIp: k.InternalIp, InternalPort: k.InternalPort, IpProtocol: m.Proto, ForwardEntryName: m.Name, ClientToken: token}
	out, err := client.CreateForwardEntry.Call(ctx, fc.Client, in)
	return createdIn(fc, m, "dnat", "ForwardEntryId", map[string]string{"ForwardTableId": table}, in, out, err)
}

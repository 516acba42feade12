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

// ---- virtual border routers ----

func vbrOps() kindOps {
	return kindOps{
		create: newVbrCreate, del: vbrDeleteSpec(),
		edit: func(fc *formCtx) mutation {
			v := fc.target.Val().(*model.VirtualBorderRouter)
			return &vbrModify{id: v.VbrId, name: v.Name, desc: v.Description, vlan: model.Itoa(v.VlanId), oldVlan: model.Itoa(v.VlanId),
				local: v.LocalGatewayIp, peer: v.PeerGatewayIp, mask: v.PeeringSubnetMask}
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			return []actionItem{
				destructiveItem("Terminate", "stop forwarding (active → terminated)", "Terminate",
					func(fc *formCtx) mutation { return vbrLifecycle(fc, true) },
					func(s *deleteSpec) { s.about, s.impact = vbrAbout, vbrSessions }),
				{label: "Recover", hint: "restart a terminated VBR (→ active)", make: func(fc *formCtx) mutation { return vbrLifecycle(fc, false) }},
			}
		},
	}
}

// vbrLifecycle terminates or recovers a VBR after a clear yes/no.
func vbrLifecycle(fc *formCtx, terminate bool) mutation {
	v := fc.target.Val().(*model.VirtualBorderRouter)
	m := &confirmAction{title: "Terminate VBR " + v.VbrId, action: "TerminateVirtualBorderRouter", obj: fc.target,
		question: "Terminate " + v.VbrId + " (" + v.Name + ")?",
		explain:  "Traffic between the data centre and Alibaba Cloud over this VBR stops. Its VLAN " + model.Itoa(v.VlanId) + " stays reserved for 7 days; Recover brings it back."}
	want, target, verb := "active", "terminated", "terminated"
	call := fc.client.TerminateVirtualBorderRouter
	if !terminate {
		m.title, m.action = "Recover VBR "+v.VbrId, "RecoverVirtualBorderRouter"
		m.question = "Recover " + v.VbrId + " (" + v.Name + ")?"
		m.explain = "The VBR goes recovering → active and forwards traffic again; its physical connection must be Enabled."
		want, target, verb = "terminated", "active", "recovered"
		call = fc.client.RecoverVirtualBorderRouter
	}
	m.gate = func(o *model.Object) string {
		if !strings.EqualFold(o.Status, want) {
			return fmt.Sprintf("%s is %s; only a %s VBR can be %s", o.ID, o.Status, want, verb)
		}
		if !terminate {
			if pc := o.Val().(*model.VirtualBorderRouter).PhysicalConnectionStatus; pc != "" && !strings.EqualFold(pc, "Enabled") {
				return fmt.Sprintf("its physical connection is %s; a VBR can be recovered only over an Enabled one", pc)
			}
		}
		return ""
	}
	m.refuse = m.gate(fc.target)
	m.run = func(ctx context.Context, fc *formCtx, o *model.Object, token string) (*submitted, error) {
		in := &client.VbrInput{RegionId: fc.region, VbrId: o.ID, ClientToken: token}
		out, err := call(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "vbr", o.ID, out.RequestId, in, []string{target}), nil
	}
	return m
}

type vbrModify struct{ id, name, desc, vlan, oldVlan, local, peer, mask string }

func (m *vbrModify) Title() string  { return "Edit VBR " + m.id }
func (m *vbrModify) Action() string { return "ModifyVirtualBorderRouterAttribute" }

func (m *vbrModify) checkVlan(s string) error {
	n, err := atoi("VLAN", s)
	if err != nil {
		return err
	}
	return model.CheckVlanID(n)
}

func (m *vbrModify) checkPeering(string) error {
	return model.CheckVbrPeering(strings.TrimSpace(m.local), strings.TrimSpace(m.peer), strings.TrimSpace(m.mask))
}

func (m *vbrModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(editName(fc, &m.name), editDesc(fc, &m.desc),
			liveInput("VLAN", &m.vlan, m.checkVlan, "1-2999; unique on the physical connection")),
		huh.NewGroup(
			liveInput("Local gateway IP", &m.local, m.checkPeering, "Alibaba Cloud side of the interconnect"),
			liveInput("Peer gateway IP", &m.peer, m.checkPeering, "data-centre side; same subnet as the local IP"),
			liveInput("Peering subnet mask", &m.mask, m.checkPeering, "255.255.255.0 to 255.255.255.252"),
		).Title("Interconnect addresses"),
	)
}

func (m *vbrModify) Check(fc *formCtx) error {
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("VLAN", m.checkVlan(m.vlan)), check("addresses", m.checkPeering("")),
		check("edit", editRefusal(fc.target, m.Action(), m.request(fc, ""))))
}

func (m *vbrModify) request(fc *formCtx, token string) *client.ModifyVirtualBorderRouterAttributeInput {
	in := &client.ModifyVirtualBorderRouterAttributeInput{RegionId: fc.region, VbrId: m.id, Name: m.name, Description: m.desc,
		LocalGatewayIp: strings.TrimSpace(m.local), PeerGatewayIp: strings.TrimSpace(m.peer), PeeringSubnetMask: strings.TrimSpace(m.mask), ClientToken: token}
	if v, _ := atoi("VLAN", m.vlan); strings.TrimSpace(m.vlan) != m.oldVlan {
		in.VlanId = &v
	}
	return in
}

func (m *vbrModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc, token)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyVirtualBorderRouterAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "vbr", m.id, out.RequestId, in, nil), nil
}

// vbrPicks lists the region's VBRs, and each one by ID.
func vbrPicks(ctx context.Context, fc *formCtx) ([]pick, map[string]*model.VirtualBorderRouter, error) {
	vbrs, err := fc.client.DescribeVirtualBorderRouters(ctx, &client.DescribeVirtualBorderRoutersInput{RegionId: fc.region})
	if err != nil {
		return nil, nil, err
	}
	picks, byID := []pick{}, map[string]*model.VirtualBorderRouter{}
	for _, v := range vbrs {
		picks = append(picks, pick{fmt.Sprintf("%s  %s  %s", v.VbrId, v.Name, v.Status), v.VbrId})
		byID[v.VbrId] = v
	}
	return picks, byID, nil
}

// ---- BGP groups ----

func bgpGroupOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &bgpGroupForm{localAsn: model.Itoa(int64(model.AliyunASN))}
			if p := parentOf(fc, "vbr"); p != nil {
				m.vbrID, m.fixedVbr = p.ID, true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			g := fc.target.Val().(*model.BgpGroup)
			return &bgpGroupForm{id: g.BgpGroupId, vbrID: g.RouterId, fixedVbr: true, peerAsn: string(g.PeerAsn), localAsn: string(g.LocalAsn),
				name: g.Name, desc: g.Description}
		},
		del: &deleteSpec{
			action:   "DeleteBgpGroup",
			blockers: []string{"bgppeer"},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteBgpGroupInput{RegionId: o.Region, BgpGroupId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteBgpGroup(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteBgpGroup", out.RequestId, in), nil
			},
		},
	}
}

// bgpGroupForm creates a BGP group on a VBR (id "") or changes one.
type bgpGroupForm struct {
	id, vbrID, peerAsn, localAsn, authKey, name, desc string
	fixedVbr                                          bool
	vbrs                                              []pick
}

func (m *bgpGroupForm) Title() string {
	if m.id != "" {
		return "Edit BGP group " + m.id
	}
	if m.fixedVbr {
		return "Create BGP group on " + m.vbrID
	}
	return "Create BGP group"
}

func (m *bgpGroupForm) Action() string {
	if m.id != "" {
		return "ModifyBgpGroupAttribute"
	}
	return "CreateBgpGroup"
}

// Prepare loads the VBRs on every opening, a draft's too; the draft's
// choice is kept (marked when no longer offered).
func (m *bgpGroupForm) Prepare(ctx context.Context, fc *formCtx) error {
	if m.fixedVbr {
		return nil
	}
	picks, _, err := vbrPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vbrs, m.vbrID = picks, keepOrFirst(m.vbrID, picks)
	return nil
}

func checkPeerAsn(s string) error {
	n, err := model.ParseASN(s)
	if err != nil {
		return err
	}
	return model.CheckASN(n)
}

func checkLocalAsn(s string) error {
	n, err := model.ParseASN(s)
	if err != nil {
		return err
	}
	return model.CheckLocalASN(n)
}

// checkAuthKey: the API documents no format for a BGP MD5 key beyond
// InvalidBgpAuthkey.Malformed; printable characters without spaces are safe.
func checkAuthKey(s string) error {
	if err := model.CheckPsk(s); err != nil {
		return errors.New("the key may contain only letters, digits and printable symbols, without spaces, at most 100")
	}
	return nil
}

func (m *bgpGroupForm) Form(fc *formCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedVbr {
		fields = append(fields, pickerGone("VBR", &m.vbrID, m.vbrs, "no VBR in "+fc.region, "is no longer in "+fc.region))
	}
	keyHint := "optional MD5 key of the BGP sessions"
	if m.id != "" {
		keyHint = "empty keeps the current key"
	}
	fields = append(fields,
		liveInput("Peer ASN", &m.peerAsn, required("the data centre's AS number", checkPeerAsn), "your network's AS number: 1-4294967295, not 45104"),
		liveInput("Local ASN", &m.localAsn, optional(checkLocalAsn), "Alibaba Cloud side: 45104, 64512-65534 or 4200000000-4294967294"),
		secretField("Auth key", &m.authKey, optional(checkAuthKey), keyHint),
		editName(fc, &m.name), editDesc(fc, &m.desc))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *bgpGroupForm) Check(fc *formCtx) error {
	if m.vbrID == "" {
		return errors.New("choose a VBR")
	}
	if !m.fixedVbr {
		if err := notOffered(m.vbrs, m.vbrID, "is no longer in "+fc.region); err != nil {
			return fmt.Errorf("VBR: %w", err)
		}
	}
	return checks(
		check("peer ASN", required("the data centre's AS number", checkPeerAsn)(m.peerAsn)),
		check("local ASN", optional(checkLocalAsn)(m.localAsn)),
		check("auth key", optional(checkAuthKey)(m.authKey)),
		check("name", model.DefaultName.Check(m.name)),
		check("description", model.CheckDescription(m.desc)),
		check("edit", m.editRefusal(fc)),
	)
}

// modify is the request of an edit (id set).
func (m *bgpGroupForm) modify(fc *formCtx, token string) *client.ModifyBgpGroupAttributeInput {
	peer, _ := model.ParseASN(m.peerAsn)
	return &client.ModifyBgpGroupAttributeInput{RegionId: fc.region, BgpGroupId: m.id, Name: m.name, Description: m.desc,
		PeerAsn: peer, AuthKey: m.authKey, ClientToken: token}
}

func (m *bgpGroupForm) editRefusal(fc *formCtx) error {
	if m.id == "" {
		return nil
	}
	return editRefusal(fc.target, m.Action(), m.modify(fc, ""))
}

func (m *bgpGroupForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	peer, _ := model.ParseASN(m.peerAsn)
	var local int64
	if strings.TrimSpace(m.localAsn) != "" {
		local, _ = model.ParseASN(m.localAsn)
	}
	if m.id != "" {
		in := m.modify(fc, token)
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifyBgpGroupAttribute(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "bgp", m.id, out.RequestId, in, nil), nil
	}
	in := &client.CreateBgpGroupInput{RegionId: fc.region, RouterId: m.vbrID, PeerAsn: peer, LocalAsn: local, AuthKey: m.authKey,
		Name: m.name, Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateBgpGroup(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "bgp", out.BgpGroupId, out.RequestId, in, nil), nil
}

// ---- BGP peers ----

func bgpPeerOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &bgpPeerForm{multiHop: "1"}
			if p := parentOf(fc, "bgp"); p != nil {
				m.groupID, m.fixedGroup = p.ID, true
			}
			if p := parentOf(fc, "vbr"); p != nil {
				m.onlyVbr = p.ID
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			p := fc.target.Val().(*model.BgpPeer)
			hop := model.Itoa(p.BfdMultiHop)
			if p.BfdMultiHop == 0 {
				hop = "1"
			}
			return &bgpPeerForm{id: p.BgpPeerId, groupID: p.BgpGroupId, fixedGroup: true, peerIP: p.PeerIpAddress, bfd: p.EnableBfd, multiHop: hop}
		},
		del: &deleteSpec{
			action: "DeleteBgpPeer",
			stops:  bgpPeerStops,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteBgpPeerInput{RegionId: o.Region, BgpPeerId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteBgpPeer(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteBgpPeer", out.RequestId, in), nil
			},
		},
	}
}

// bgpPeerForm adds a peer to a group (id "") or changes one; the address
// must lie in the group's VBR peering subnet.
type bgpPeerForm struct {
	id, groupID, onlyVbr, peerIP, multiHop string
	fixedGroup, bfd                        bool
	groups                                 []pick
	groupVbr                               map[string]string // group → VBR
	vbrs                                   map[string]*model.VirtualBorderRouter
}

func (m *bgpPeerForm) Title() string {
	if m.id != "" {
		return "Edit BGP peer " + m.id
	}
	if m.fixedGroup {
		return "Create BGP peer in " + m.groupID
	}
	return "Create BGP peer"
}

func (m *bgpPeerForm) Action() string {
	if m.id != "" {
		return "ModifyBgpPeerAttribute"
	}
	return "CreateBgpPeer"
}

// reparent: the pane the draft is reopened from decides the group or the
// VBR whose groups are offered.
func (m *bgpPeerForm) reparent(fresh mutation) {
	f, ok := fresh.(*bgpPeerForm)
	if !ok || m.id != "" {
		return
	}
	m.onlyVbr = f.onlyVbr
	if m.fixedGroup = f.fixedGroup; f.fixedGroup {
		m.groupID = f.groupID
	}
}

func (m *bgpPeerForm) groupGone() string {
	if m.onlyVbr != "" {
		return "is no longer a BGP group of " + m.onlyVbr
	}
	return "is no longer a BGP group here"
}

// Prepare loads the groups and VBRs on every opening, a draft's too; the
// draft's group is kept (marked when no longer offered).
func (m *bgpPeerForm) Prepare(ctx context.Context, fc *formCtx) error {
	in := &client.DescribeBgpGroupsInput{RegionId: fc.region, RouterId: m.onlyVbr}
	if m.fixedGroup {
		in.BgpGroupId = m.groupID
	}
	gs, err := fc.client.DescribeBgpGroups(ctx, in)
	if err != nil {
		return err
	}
	m.groupVbr, m.groups = map[string]string{}, []pick{}
	for _, g := range gs {
		m.groupVbr[g.BgpGroupId] = g.RouterId
		m.groups = append(m.groups, pick{fmt.Sprintf("%s  %s  AS %s  %s", g.BgpGroupId, g.Name, g.PeerAsn, g.RouterId), g.BgpGroupId})
	}
	if !m.fixedGroup {
		m.groupID = keepOrFirst(m.groupID, m.groups)
	}
	_, vbrs, err := vbrPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vbrs = vbrs
	return nil
}

// subnet is the chosen group's VBR addressing.
func (m *bgpPeerForm) vbr() *model.VirtualBorderRouter { return m.vbrs[m.groupVbr[m.groupID]] }

func (m *bgpPeerForm) checkIP(s string) error {
	if v := m.vbr(); v != nil {
		return model.CheckBgpPeerInSubnet(s, v.LocalGatewayIp, v.PeeringSubnetMask)
	}
	return model.CheckBgpPeerIP(s)
}

func (m *bgpPeerForm) checkHop(s string) error {
	n, err := atoi("BFD multi-hop", s)
	if err != nil {
		return err
	}
	return model.CheckBfdMultiHop(n)
}

func (m *bgpPeerForm) Form(fc *formCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedGroup {
		fields = append(fields, pickerGone("BGP group", &m.groupID, m.groups, "no BGP group here; create one first", m.groupGone()))
	}
	ip := liveInput("Peer IP", &m.peerIP, required("the peer's address", m.checkIP), "")
	ip.describe = func() string {
		if err := required("the peer's address", m.checkIP)(m.peerIP); err != nil {
			return "✗ " + err.Error()
		}
		if v := m.vbr(); v != nil && v.LocalGatewayIp != "" {
			return "inside " + v.VbrId + "'s peering subnet (" + v.LocalGatewayIp + " / " + v.PeeringSubnetMask + ")"
		}
		return "the data-centre router's IPv4 address"
	}
	fields = append(fields, ip, huh.NewConfirm().Title("BFD?").Value(&m.bfd).Affirmative("Yes").Negative("No").
		Description("Bidirectional forwarding detection: notices a dead link in milliseconds"))
	return huh.NewForm(huh.NewGroup(fields...),
		huh.NewGroup(liveInput("BFD multi-hop", &m.multiHop, m.checkHop, "1-255 hops")).WithHideFunc(func() bool { return !m.bfd }))
}

func (m *bgpPeerForm) Check(fc *formCtx) error {
	if m.groupID == "" {
		return errors.New("choose a BGP group")
	}
	if !m.fixedGroup {
		if err := notOffered(m.groups, m.groupID, m.groupGone()); err != nil {
			return fmt.Errorf("BGP group: %w", err)
		}
	}
	cs := []fieldCheck{check("peer IP", required("the peer's address", m.checkIP)(m.peerIP))}
	if m.bfd {
		cs = append(cs, check("BFD multi-hop", m.checkHop(m.multiHop)))
	}
	return checks(cs...)
}

func (m *bgpPeerForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	hop := 0
	if m.bfd {
		hop, _ = atoi("BFD multi-hop", m.multiHop)
	}
	ip := strings.TrimSpace(m.peerIP)
	if m.id != "" {
		in := &client.ModifyBgpPeerAttributeInput{RegionId: fc.region, BgpPeerId: m.id, PeerIpAddress: ip, EnableBfd: boolPtr(m.bfd), BfdMultiHop: hop, ClientToken: token}
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifyBgpPeerAttribute(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "bgppeer", m.id, out.RequestId, in, nil), nil
	}
	in := &client.CreateBgpPeerInput{RegionId: fc.region, BgpGroupId: m.groupID, PeerIpAddress: ip, EnableBfd: boolPtr(m.bfd), BfdMultiHop: hop, ClientToken: token}
	out, err := fc.client.CreateBgpPeer(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "bgppeer", out.BgpPeerId, out.RequestId, in, nil), nil
}

// ---- BGP networks ----

func bgpNetOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &bgpNetCreate{}
			if p := parentOf(fc, "vbr"); p != nil {
				m.vbrID, m.fixedVbr = p.ID, true
			}
			return m
		},
		del: &deleteSpec{
			action: "DeleteBgpNetwork",
			refuse: func(o *model.Object) string {
				if o.Kind.Phase(o.Status) == model.PhaseTransitional {
					return fmt.Sprintf("%s is still %s; the API refuses changes until it settles (ctrl+r shows when)", o.Val().(*model.BgpNetwork).DstCidrBlock, o.Status)
				}
				return ""
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				n := o.Val().(*model.BgpNetwork)
				in := &client.DeleteBgpNetworkInput{RegionId: o.Region, RouterId: n.RouterId, DstCidrBlock: n.DstCidrBlock, ClientToken: token}
				out, err := fc.client.DeleteBgpNetwork(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteBgpNetwork", out.RequestId, in), nil
			},
		},
	}
}

// bgpNetCreate advertises a block over a VBR's BGP sessions.
type bgpNetCreate struct {
	vbrID, cidr string
	fixedVbr    bool
	vbrs        []pick
}

func (m *bgpNetCreate) Title() string {
	if m.fixedVbr {
		return "Advertise a BGP network on " + m.vbrID
	}
	return "Advertise a BGP network"
}
func (m *bgpNetCreate) Action() string { return "AddBgpNetwork" }

// Prepare loads the VBRs on every opening, a draft's too; the draft's
// choice is kept (marked when no longer offered).
func (m *bgpNetCreate) Prepare(ctx context.Context, fc *formCtx) error {
	if m.fixedVbr {
		return nil
	}
	picks, _, err := vbrPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vbrs, m.vbrID = picks, keepOrFirst(m.vbrID, picks)
	return nil
}

func checkBlock(s string) error { _, err := model.ParseCIDR(s); return err }

func (m *bgpNetCreate) Form(fc *formCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedVbr {
		fields = append(fields, pickerGone("VBR", &m.vbrID, m.vbrs, "no VBR in "+fc.region, "is no longer in "+fc.region))
	}
	fields = append(fields, liveInput("Destination CIDR block", &m.cidr, required("a CIDR block", checkBlock),
		"a VPC or VSwitch block the data centre should reach"))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *bgpNetCreate) Check(fc *formCtx) error {
	if m.vbrID == "" {
		return errors.New("choose a VBR")
	}
	if !m.fixedVbr {
		if err := notOffered(m.vbrs, m.vbrID, "is no longer in "+fc.region); err != nil {
			return fmt.Errorf("VBR: %w", err)
		}
	}
	return checks(check("destination", required("a CIDR block", checkBlock)(m.cidr)))
}

func (m *bgpNetCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	p, _ := model.ParseCIDR(m.cidr)
	in := &client.AddBgpNetworkInput{RegionId: fc.region, RouterId: m.vbrID, DstCidrBlock: p.String(), ClientToken: token}
	out, err := fc.client.AddBgpNetwork(ctx, in)
	if err != nil {
		return nil, err
	}
	n := &model.BgpNetwork{RouterId: m.vbrID, DstCidrBlock: p.String()}
	return made(fc, "bgpnet", n.Key(), out.RequestId, in, nil), nil
}

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

// ---- virtual border routers ----

func VbrOps() KindOps {
	return KindOps{
		Create: newVbrCreate, Del: vbrDeleteSpec(),
		Edit: func(fc *FormCtx) Mutation {
			v := fc.Target.Val().(*model.VirtualBorderRouter)
			return &VbrModify{Id: v.VbrId, Name: v.Name, Desc: v.Description, Vlan: model.Itoa(v.VlanId), oldVlan: model.Itoa(v.VlanId),
				Local: v.LocalGatewayIp, Peer: v.PeerGatewayIp, Mask: v.PeeringSubnetMask}
		},
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return []actionItem{
				destructiveItem("Terminate", "stop forwarding (active → terminated)", "Terminate",
					func(fc *FormCtx) Mutation { return vbrLifecycle(fc, true) },
					func(s *DeleteSpec) { s.About, s.Impact = vbrAbout, vbrSessions }),
				{Label: "Recover", Hint: "restart a terminated VBR (→ active)", Make: func(fc *FormCtx) Mutation { return vbrLifecycle(fc, false) }},
			}
		}),
	}
}

// vbrLifecycle terminates or recovers a VBR after a clear yes/no.
func vbrLifecycle(fc *FormCtx, terminate bool) Mutation {
	v := fc.Target.Val().(*model.VirtualBorderRouter)
	op := client.TerminateVirtualBorderRouter
	m := &ConfirmAction{title: "Terminate VBR " + v.VbrId, APIAction: op.Action, obj: fc.Target,
		question: "Terminate " + v.VbrId + " (" + v.Name + ")?",
		explain:  "Traffic between the data centre and Alibaba Cloud over this VBR stops. Its VLAN " + model.Itoa(v.VlanId) + " stays reserved for 7 days; Recover brings it back."}
	want, target, verb := "active", "terminated", "terminated"
	if !terminate {
		op = client.RecoverVirtualBorderRouter
		m.title, m.APIAction = "Recover VBR "+v.VbrId, op.Action
		m.question = "Recover " + v.VbrId + " (" + v.Name + ")?"
		m.explain = "The VBR goes recovering → active and forwards traffic again; its physical connection must be Enabled."
		want, target, verb = "terminated", "active", "recovered"
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
	m.Refuse = m.gate(fc.Target)
	m.Run = func(ctx context.Context, fc *FormCtx, o *model.Object, token string) (*Submitted, error) {
		in := &client.VbrInput{RegionId: fc.Region, VbrId: o.ID, ClientToken: token}
		out, err := op.Call(ctx, fc.Client, in)
		return changed(fc, "vbr", o.ID, []string{target}, in, out, err)
	}
	return m
}

type VbrModify struct{ Id, Name, Desc, Vlan, oldVlan, Local, Peer, Mask string }

func (m *VbrModify) Title() string  { return "Edit VBR " + m.Id }
func (m *VbrModify) Action() string { return "ModifyVirtualBorderRouterAttribute" }

func (m *VbrModify) checkVlan(s string) error {
	n, err := atoi("VLAN", s)
	if err != nil {
		return err
	}
	return model.CheckVlanID(n)
}

func (m *VbrModify) checkPeering(string) error {
	return model.CheckVbrPeering(strings.TrimSpace(m.Local), strings.TrimSpace(m.Peer), strings.TrimSpace(m.Mask))
}

func (m *VbrModify) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(editName(fc, &m.Name), editDesc(fc, &m.Desc),
			liveInput("VLAN", &m.Vlan, m.checkVlan, "1-2999; unique on the physical connection")),
		huh.NewGroup(
			liveInput("Local gateway IP", &m.Local, m.checkPeering, "Alibaba Cloud side of the interconnect"),
			liveInput("Peer gateway IP", &m.Peer, m.checkPeering, "data-centre side; same subnet as the local IP"),
			liveInput("Peering subnet mask", &m.Mask, m.checkPeering, "255.255.255.0 to 255.255.255.252"),
		).Title("Interconnect addresses"),
	)
}

func (m *VbrModify) Check(fc *FormCtx) error {
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("VLAN", m.checkVlan(m.Vlan)), check("addresses", m.checkPeering("")),
		check("edit", editRefusal(fc.Target, m.Action(), m.request(fc, ""))))
}

func (m *VbrModify) request(fc *FormCtx, token string) *client.ModifyVirtualBorderRouterAttributeInput {
	in := &client.ModifyVirtualBorderRouterAttributeInput{RegionId: fc.Region, VbrId: m.Id, Name: m.Name, Description: m.Desc,
		LocalGatewayIp: strings.TrimSpace(m.Local), PeerGatewayIp: strings.TrimSpace(m.Peer), PeeringSubnetMask: strings.TrimSpace(m.Mask), ClientToken: token}
	if v, _ := atoi("VLAN", m.Vlan); strings.TrimSpace(m.Vlan) != m.oldVlan {
		in.VlanId = &v
	}
	return in
}

func (m *VbrModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc, token)
	return sendEdit(ctx, fc, client.ModifyVirtualBorderRouterAttribute.Func, in, "vbr", m.Id)
}

// vbrPicks lists the region's VBRs, and each one by ID.
func vbrPicks(ctx context.Context, fc *FormCtx) ([]Pick, map[string]*model.VirtualBorderRouter, error) {
	vbrs, err := client.DescribeVirtualBorderRouters.Call(ctx, fc.Client, &client.DescribeVirtualBorderRoutersInput{RegionId: fc.Region})
	if err != nil {
		return nil, nil, err
	}
	picks, byID := []Pick{}, map[string]*model.VirtualBorderRouter{}
	for _, v := range vbrs {
		picks = append(picks, Pick{fmt.Sprintf("%s  %s  %s", v.VbrId, v.Name, v.Status), v.VbrId})
		byID[v.VbrId] = v
	}
	return picks, byID, nil
}

// ---- BGP groups ----

func BgpGroupOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &BgpGroupForm{localAsn: model.Itoa(int64(model.AliyunASN))}
			fixParent(fc, "vbr", &m.VbrID, &m.fixedVbr)
			return m
		},
		Edit: func(fc *FormCtx) Mutation {
			g := fc.Target.Val().(*model.BgpGroup)
			return &BgpGroupForm{Id: g.BgpGroupId, VbrID: g.RouterId, fixedVbr: true, PeerAsn: string(g.PeerAsn), localAsn: string(g.LocalAsn),
				Name: g.Name, Desc: g.Description}
		},
		Del: deleteByID(DeleteSpec{
			Blockers: []string{"bgppeer"},
		}, "BgpGroupId", client.DeleteBgpGroup),
	}
}

// bgpGroupForm creates a BGP group on a VBR (id "") or changes one.
type BgpGroupForm struct {
	Id, VbrID, PeerAsn, localAsn, authKey, Name, Desc string
	fixedVbr                                          bool
	vbrs                                              []Pick
}

var bgpGroupNames = createOrEdit{"BGP group", "CreateBgpGroup", "ModifyBgpGroupAttribute"}

func (m *BgpGroupForm) Title() string {
	return bgpGroupNames.title(m.Id, when(m.fixedVbr, "on "+m.VbrID))
}
func (m *BgpGroupForm) Action() string { return bgpGroupNames.action(m.Id) }

// Prepare loads the VBRs on every opening, a draft's too; the draft's
// choice is kept (marked when no longer offered).
func (m *BgpGroupForm) Prepare(ctx context.Context, fc *FormCtx) error {
	return choosePicks(ctx, fc, m.fixedVbr, &m.VbrID, &m.vbrs, vbrPicks)
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

func (m *BgpGroupForm) Form(fc *FormCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedVbr {
		fields = append(fields, pickerGone("VBR", &m.VbrID, m.vbrs, "no VBR in "+fc.Region, "is no longer in "+fc.Region))
	}
	keyHint := "optional MD5 key of the BGP sessions"
	if m.Id != "" {
		keyHint = "empty keeps the current key"
	}
	fields = append(fields,
		liveInput("Peer ASN", &m.PeerAsn, required("the data centre's AS number", checkPeerAsn), "your network's AS number: 1-4294967295, not 45104"),
		liveInput("Local ASN", &m.localAsn, optional(checkLocalAsn), "Alibaba Cloud side: 45104, 64512-65534 or 4200000000-4294967294"),
		secretField("Auth key", &m.authKey, optional(checkAuthKey), keyHint),
		editName(fc, &m.Name), editDesc(fc, &m.Desc))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *BgpGroupForm) Check(fc *FormCtx) error {
	if err := checkParent(fc, "VBR", m.fixedVbr, m.VbrID, m.vbrs); err != nil {
		return err
	}
	return checks(
		check("peer ASN", required("the data centre's AS number", checkPeerAsn)(m.PeerAsn)),
		check("local ASN", optional(checkLocalAsn)(m.localAsn)),
		check("auth key", optional(checkAuthKey)(m.authKey)),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
		check("edit", m.editRefusal(fc)),
	)
}

// modify is the request of an edit (id set).
func (m *BgpGroupForm) modify(fc *FormCtx, token string) *client.ModifyBgpGroupAttributeInput {
	peer, _ := model.ParseASN(m.PeerAsn)
	return &client.ModifyBgpGroupAttributeInput{RegionId: fc.Region, BgpGroupId: m.Id, Name: m.Name, Description: m.Desc,
		PeerAsn: peer, AuthKey: m.authKey, ClientToken: token}
}

func (m *BgpGroupForm) editRefusal(fc *FormCtx) error {
	if m.Id == "" {
		return nil
	}
	return editRefusal(fc.Target, m.Action(), m.modify(fc, ""))
}

func (m *BgpGroupForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	peer, _ := model.ParseASN(m.PeerAsn)
	var local int64
	if strings.TrimSpace(m.localAsn) != "" {
		local, _ = model.ParseASN(m.localAsn)
	}
	if m.Id != "" {
		in := m.modify(fc, token)
		return sendEdit(ctx, fc, client.ModifyBgpGroupAttribute.Func, in, "bgp", m.Id)
	}
	in := &client.CreateBgpGroupInput{RegionId: fc.Region, RouterId: m.VbrID, PeerAsn: peer, LocalAsn: local, AuthKey: m.authKey,
		Name: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateBgpGroup.Call(ctx, fc.Client, in)
	return created(fc, m, "bgp", "BgpGroupId", in, out, err)
}

// ---- BGP peers ----

func BgpPeerOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &BgpPeerForm{multiHop: "1", onlyVbr: parentID(fc, "vbr")}
			fixParent(fc, "bgp", &m.GroupID, &m.fixedGroup)
			return m
		},
		Edit: func(fc *FormCtx) Mutation {
			p := fc.Target.Val().(*model.BgpPeer)
			hop := model.Itoa(p.BfdMultiHop)
			if p.BfdMultiHop == 0 {
				hop = "1"
			}
			return &BgpPeerForm{Id: p.BgpPeerId, GroupID: p.BgpGroupId, fixedGroup: true, PeerIP: p.PeerIpAddress, bfd: p.EnableBfd, multiHop: hop}
		},
		Del: deleteByID(DeleteSpec{
			Stops: bgpPeerStops,
		}, "BgpPeerId", client.DeleteBgpPeer),
	}
}

// bgpPeerForm adds a peer to a group (id "") or changes one; the address
// must lie in the group's VBR peering subnet.
type BgpPeerForm struct {
	Id, GroupID, onlyVbr, PeerIP, multiHop string
	fixedGroup, bfd                        bool
	groups                                 []Pick
	groupVbr                               map[string]string // group → VBR
	vbrs                                   map[string]*model.VirtualBorderRouter
}

var bgpPeerNames = createOrEdit{"BGP peer", "CreateBgpPeer", "ModifyBgpPeerAttribute"}

func (m *BgpPeerForm) Title() string {
	return bgpPeerNames.title(m.Id, when(m.fixedGroup, "in "+m.GroupID))
}
func (m *BgpPeerForm) Action() string { return bgpPeerNames.action(m.Id) }

// reparent: the pane the draft is reopened from decides the group or the
// VBR whose groups are offered.
func (m *BgpPeerForm) Reparent(fresh Mutation) {
	f, ok := fresh.(*BgpPeerForm)
	if !ok || m.Id != "" {
		return
	}
	m.onlyVbr = f.onlyVbr
	if m.fixedGroup = f.fixedGroup; f.fixedGroup {
		m.GroupID = f.GroupID
	}
}

func (m *BgpPeerForm) groupGone() string {
	if m.onlyVbr != "" {
		return "is no longer a BGP group of " + m.onlyVbr
	}
	return "is no longer a BGP group here"
}

// Prepare loads the groups and VBRs on every opening, a draft's too; the
// draft's group is kept (marked when no longer offered).
func (m *BgpPeerForm) Prepare(ctx context.Context, fc *FormCtx) error {
	in := &client.DescribeBgpGroupsInput{RegionId: fc.Region, RouterId: m.onlyVbr}
	if m.fixedGroup {
		in.BgpGroupId = m.GroupID
	}
	gs, err := client.DescribeBgpGroups.Call(ctx, fc.Client, in)
	if err != nil {
		return err
	}
	m.groupVbr, m.groups = map[string]string{}, []Pick{}
	for _, g := range gs {
		m.groupVbr[g.BgpGroupId] = g.RouterId
		m.groups = append(m.groups, Pick{fmt.Sprintf("%s  %s  AS %s  %s", g.BgpGroupId, g.Name, g.PeerAsn, g.RouterId), g.BgpGroupId})
	}
	if !m.fixedGroup {
		m.GroupID = keepOrFirst(m.GroupID, m.groups)
	}
	_, vbrs, err := vbrPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vbrs = vbrs
	return nil
}

// subnet is the chosen group's VBR addressing.
func (m *BgpPeerForm) vbr() *model.VirtualBorderRouter { return m.vbrs[m.groupVbr[m.GroupID]] }

func (m *BgpPeerForm) checkIP(s string) error {
	if v := m.vbr(); v != nil {
		return model.CheckBgpPeerInSubnet(s, v.LocalGatewayIp, v.PeeringSubnetMask)
	}
	return model.CheckBgpPeerIP(s)
}

func (m *BgpPeerForm) checkHop(s string) error {
	n, err := atoi("BFD multi-hop", s)
	if err != nil {
		return err
	}
	return model.CheckBfdMultiHop(n)
}

func (m *BgpPeerForm) Form(fc *FormCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedGroup {
		fields = append(fields, pickerGone("BGP group", &m.GroupID, m.groups, "no BGP group here; create one first", m.groupGone()))
	}
	ip := liveInput("Peer IP", &m.PeerIP, required("the peer's address", m.checkIP), "")
	ip.describe = func() string {
		if err := required("the peer's address", m.checkIP)(m.PeerIP); err != nil {
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

func (m *BgpPeerForm) Check(fc *FormCtx) error {
	if m.GroupID == "" {
		return errors.New("choose a BGP group")
	}
	if !m.fixedGroup {
		if err := notOffered(m.groups, m.GroupID, m.groupGone()); err != nil {
			return fmt.Errorf("BGP group: %w", err)
		}
	}
	cs := []fieldCheck{check("peer IP", required("the peer's address", m.checkIP)(m.PeerIP))}
	if m.bfd {
		cs = append(cs, check("BFD multi-hop", m.checkHop(m.multiHop)))
	}
	return checks(cs...)
}

func (m *BgpPeerForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	hop := 0
	if m.bfd {
		hop, _ = atoi("BFD multi-hop", m.multiHop)
	}
	ip := strings.TrimSpace(m.PeerIP)
	if m.Id != "" {
		in := &client.ModifyBgpPeerAttributeInput{RegionId: fc.Region, BgpPeerId: m.Id, PeerIpAddress: ip, EnableBfd: boolPtr(m.bfd), BfdMultiHop: hop, ClientToken: token}
		return sendEdit(ctx, fc, client.ModifyBgpPeerAttribute.Func, in, "bgppeer", m.Id)
	}
	in := &client.CreateBgpPeerInput{RegionId: fc.Region, BgpGroupId: m.GroupID, PeerIpAddress: ip, EnableBfd: boolPtr(m.bfd), BfdMultiHop: hop, ClientToken: token}
	out, err := client.CreateBgpPeer.Call(ctx, fc.Client, in)
	return created(fc, m, "bgppeer", "BgpPeerId", in, out, err)
}

// ---- BGP networks ----

func BgpNetOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &BgpNetCreate{}
			fixParent(fc, "vbr", &m.VbrID, &m.fixedVbr)
			return m
		},
		Del: deleteByValues(DeleteSpec{
			Refuse: func(o *model.Object) string {
				if o.Kind.Phase(o.Status) == model.PhaseTransitional {
					return fmt.Sprintf("%s is still %s; the API refuses changes until it settles (ctrl+r shows when)", o.Val().(*model.BgpNetwork).DstCidrBlock, o.Status)
				}
				return ""
			},
		}, client.DeleteBgpNetwork, "RouterId", "DstCidrBlock"),
	}
}

// bgpNetCreate advertises a block over a VBR's BGP sessions.
type BgpNetCreate struct {
	VbrID, Cidr string
	fixedVbr    bool
	vbrs        []Pick
}

func (m *BgpNetCreate) Title() string {
	if m.fixedVbr {
		return "Advertise a BGP network on " + m.VbrID
	}
	return "Advertise a BGP network"
}
func (m *BgpNetCreate) Action() string { return "AddBgpNetwork" }

// Prepare loads the VBRs on every opening, a draft's too; the draft's
// choice is kept (marked when no longer offered).
func (m *BgpNetCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	return choosePicks(ctx, fc, m.fixedVbr, &m.VbrID, &m.vbrs, vbrPicks)
}

func checkBlock(s string) error { _, err := model.ParseCIDR(s); return err }

func (m *BgpNetCreate) Form(fc *FormCtx) *huh.Form {
	var fields []huh.Field
	if !m.fixedVbr {
		fields = append(fields, pickerGone("VBR", &m.VbrID, m.vbrs, "no VBR in "+fc.Region, "is no longer in "+fc.Region))
	}
	fields = append(fields, liveInput("Destination CIDR block", &m.Cidr, required("a CIDR block", checkBlock),
		"a VPC or VSwitch block the data centre should reach"))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *BgpNetCreate) Check(fc *FormCtx) error {
	if err := checkParent(fc, "VBR", m.fixedVbr, m.VbrID, m.vbrs); err != nil {
		return err
	}
	return checks(check("destination", required("a CIDR block", checkBlock)(m.Cidr)))
}

func (m *BgpNetCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	p, _ := model.ParseCIDR(m.Cidr)
	in := &client.AddBgpNetworkInput{RegionId: fc.Region, RouterId: m.VbrID, DstCidrBlock: p.String(), ClientToken: token}
	out, err := client.AddBgpNetwork.Call(ctx, fc.Client, in)
	n := &model.BgpNetwork{RouterId: m.VbrID, DstCidrBlock: p.String()}
	return changed(fc, "bgpnet", n.Key(), nil, in, out, err)
}

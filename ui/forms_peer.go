package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

func peerOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &peerCreate{acceptRegion: fc.region, linkType: "Gold"}
			if p := parentOf(fc, "vpc"); p != nil {
				m.vpcID, m.fixedVPC = p.ID, true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			p := fc.target.Val().(*model.VpcPeerConnection)
			m := &peerModify{id: p.InstanceId, name: p.Name, desc: p.Description, cross: p.CrossRegion(), linkType: firstNonEmpty(p.LinkType, "Gold")}
			if p.Bandwidth > 0 {
				m.bandwidth = model.Itoa(p.Bandwidth)
			}
			return m
		},
		del: &deleteSpec{
			action: "DeleteVpcPeerConnection",
			force:  "Force also deletes the routes that point at the peering connection",
			dry: func(ctx context.Context, fc *formCtx, o *model.Object, force bool) error {
				_, err := fc.client.DeleteVpcPeerConnection(ctx, &client.DeleteVpcPeerConnectionInput{RegionId: o.Region, InstanceId: o.ID, Force: force, DryRun: true})
				return err
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, force bool) (*submitted, error) {
				in := &client.DeleteVpcPeerConnectionInput{RegionId: o.Region, InstanceId: o.ID, Force: force, ClientToken: token}
				out, err := fc.client.DeleteVpcPeerConnection(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteVpcPeerConnection", out.RequestId, in), nil
			},
		},
		// Accept and Reject are offered only to the accepting account
		// (AcceptingOwnerUid = the caller's account, account.go); the
		// requester sees neither and is told why when it presses x.
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			p, ok := fc.target.Val().(*model.VpcPeerConnection)
			if !ok {
				return nil
			}
			if may, _ := fc.host.PeerDecider(p); !may {
				return nil
			}
			more := fc.host.UnknownCallerHint()
			return []actionItem{
				{label: "Accept", hint: "as the accepting account (Accepting → Activated)" + more, make: func(fc *formCtx) mutation { return peerDecide(fc, true) }},
				destructiveItem("Reject", "as the accepting account (→ Rejected)"+more, "Reject", func(fc *formCtx) mutation { return peerDecide(fc, false) },
					func(s *deleteSpec) { s.dry = peerRejectDry }),
			}
		},
		noActions: func(fc *formCtx) string {
			if p, ok := fc.target.Val().(*model.VpcPeerConnection); ok {
				_, why := fc.host.PeerDecider(p)
				return why
			}
			return ""
		},
	}
}

// peerDecide accepts or rejects a connection another account requested.
func peerDecide(fc *formCtx, accept bool) mutation {
	p := fc.target.Val().(*model.VpcPeerConnection)
	from := p.Vpc.VpcId + " (" + p.RegionId + ")"
	m := &confirmAction{title: "Accept peering " + p.InstanceId, action: "AcceptVpcPeerConnection", obj: fc.target,
		question: "Accept the peering from " + from + " to " + p.AcceptingVpc.VpcId + "?",
		explain:  "Call it as the accepting account. The connection goes Activated; add routes on both sides to use it."}
	target := "Activated"
	if !accept {
		m.title, m.action = "Reject peering "+p.InstanceId, "RejectVpcPeerConnection"
		m.question = "Reject the peering from " + from + "?"
		m.explain = "The requester sees Rejected; the connection carries no traffic and can only be deleted."
		target = "Rejected"
	}
	app := fc.host
	m.gate = func(o *model.Object) string {
		if o.Status != "Accepting" {
			return fmt.Sprintf("%s is %s; only a connection waiting in Accepting can be accepted or rejected", o.ID, o.Status)
		}
		if q, ok := o.Val().(*model.VpcPeerConnection); ok {
			if may, why := app.PeerDecider(q); !may {
				return why
			}
		}
		return ""
	}
	m.refuse = m.gate(fc.target)
	region := firstNonEmpty(p.AcceptingRegionId, fc.region)
	if region != fc.region {
		// The accepter calls in its own region; the title says so.
		fc.region, fc.regionWhy = region, "the accepting VPC's region"
	}
	m.run = func(ctx context.Context, fc *formCtx, _ *model.Object, token string) (*submitted, error) {
		var out *client.Result
		var err error
		var in any
		if accept {
			a := &client.AcceptVpcPeerConnectionInput{RegionId: region, InstanceId: p.InstanceId, ClientToken: token}
			in = a
			out, err = fc.client.AcceptVpcPeerConnection(ctx, a)
		} else {
			r := &client.VpcPeerInput{RegionId: region, InstanceId: p.InstanceId, ClientToken: token}
			in = r
			out, err = fc.client.RejectVpcPeerConnection(ctx, r)
		}
		if err != nil {
			return nil, err
		}
		return made(fc, "peer", p.InstanceId, out.RequestId, in, []string{target}), nil
	}
	return m
}

// peerCreate requests a peering (seed 002). Bandwidth and LinkType apply
// only across regions, so they show only when the accepting region differs.
type peerCreate struct {
	vpcID, acceptUID, acceptRegion, acceptVpc string
	name, desc, rg, bandwidth, linkType       string
	fixedVPC, dryRun                          bool
	vpcs, regions                             []pick
	vpcIDs                                    []string
}

func (m *peerCreate) Title() string {
	if m.fixedVPC {
		return "Create peering from " + m.vpcID
	}
	return "Create VPC peering"
}
func (m *peerCreate) Action() string { return "CreateVpcPeerConnection" }

// Prepare loads the VPCs and regions on every opening, a draft's too; the
// draft's choices are kept (marked when no longer offered).
func (m *peerCreate) Prepare(ctx context.Context, fc *formCtx) error {
	picks, vpcs, err := vpcPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vpcs, m.vpcIDs = picks, nil
	for _, v := range vpcs {
		m.vpcIDs = append(m.vpcIDs, v.VpcId)
	}
	if !m.fixedVPC {
		m.vpcID = keepOrFirst(m.vpcID, picks)
	}
	if m.regions, err = regionPicks(ctx, fc); err != nil {
		return err
	}
	if !hasValue(m.regions, m.acceptRegion) {
		m.acceptRegion = firstValue(m.regions)
	}
	return nil
}

func (m *peerCreate) cross(fc *formCtx) bool {
	return m.acceptRegion != "" && m.acceptRegion != fc.region
}

func checkVpcID(s string) error { return model.CheckResourceID("VPC", "vpc-", s) }

func checkUID(s string) error { _, err := model.CheckAliUid(s); return err }

func checkRG(s string) error { return model.CheckResourceID("resource group", "rg-", s) }

func (m *peerCreate) checkBandwidth(fc *formCtx) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		n, err := atoi("bandwidth", s)
		if err != nil {
			return err
		}
		if n <= 0 {
			return fmt.Errorf("Bandwidth must be greater than 0 Mbit/s (it is %d)", n)
		}
		return model.CheckPeerBandwidth(n, m.cross(fc))
	}
}

func (m *peerCreate) Form(fc *formCtx) *huh.Form {
	var first []huh.Field
	if !m.fixedVPC {
		first = append(first, pickerGone("Requesting VPC", &m.vpcID, m.vpcs, "this region has no VPC", "is no longer in "+fc.region))
	}
	region := huh.NewSelect[string]().Title("Accepting region").Options(options(m.regions)...).Value(&m.acceptRegion).Height(5)
	vpc := liveInput("Accepting VPC ID", &m.acceptVpc, required("the accepting VPC", checkVpcID), "the other VPC, e.g. vpc-bp1…")
	ids := m.vpcIDs
	vpc.suggest = func() []string { return ids }
	first = append(first,
		liveInput("Accepting account ID", &m.acceptUID, checkUID, "the main account that owns the other VPC; another account must accept"),
		region, vpc)
	return huh.NewForm(
		huh.NewGroup(first...),
		huh.NewGroup(
			liveInput("Bandwidth (Mbit/s)", &m.bandwidth, m.checkBandwidth(fc), "optional; cross-region peerings only"),
			huh.NewSelect[string]().Title("Link type").Options(huh.NewOption("Gold (default)", "Gold"), huh.NewOption("Platinum", "Platinum")).Value(&m.linkType).Inline(true),
		).Title("Cross-region").WithHideFunc(func() bool { return !m.cross(fc) }),
		huh.NewGroup(
			liveInput("Name", &m.name, model.PeerName.Check, "optional; 2-128 characters, starts with a letter; letters, digits, _ -"),
			descField(&m.desc),
			liveInput("Resource group ID", &m.rg, optional(checkRG), "optional, e.g. rg-acfmxazb4ph6aiy"),
			huh.NewConfirm().Title("Dry run only?").Description("Check the request without creating anything").Value(&m.dryRun),
		),
	)
}

func (m *peerCreate) Check(fc *formCtx) error {
	if m.vpcID == "" {
		return errors.New("choose the requesting VPC")
	}
	if !m.fixedVPC {
		if err := notOffered(m.vpcs, m.vpcID, "is no longer in "+fc.region); err != nil {
			return fmt.Errorf("requesting VPC: %w", err)
		}
	}
	if strings.TrimSpace(m.acceptRegion) == "" {
		return errors.New("accepting region: choose the region of the accepting VPC")
	}
	cs := []fieldCheck{
		check("accepting account", checkUID(m.acceptUID)),
		check("accepting VPC", checkVpcID(m.acceptVpc)),
		check("name", model.PeerName.Check(m.name)),
		check("description", model.CheckDescription(m.desc)),
		check("resource group", optional(checkRG)(m.rg)),
	}
	if strings.TrimSpace(m.acceptVpc) == m.vpcID {
		return errors.New("accepting VPC: a VPC cannot peer with itself")
	}
	if m.cross(fc) {
		cs = append(cs, check("bandwidth", m.checkBandwidth(fc)(m.bandwidth)), check("link type", model.CheckPeerLinkType(m.linkType, true)))
	}
	return checks(cs...)
}

// Request is what Submit sends; the review page lists it first.
func (m *peerCreate) Request(fc *formCtx, token string) (any, error) { return m.input(fc, token), nil }

func (m *peerCreate) input(fc *formCtx, token string) *client.CreateVpcPeerConnectionInput {
	uid, _ := model.CheckAliUid(m.acceptUID)
	in := &client.CreateVpcPeerConnectionInput{RegionId: fc.region, VpcId: m.vpcID, AcceptingAliUid: uid, AcceptingRegionId: m.acceptRegion,
		AcceptingVpcId: strings.TrimSpace(m.acceptVpc), Name: m.name, Description: m.desc, ResourceGroupId: strings.TrimSpace(m.rg),
		DryRun: m.dryRun, ClientToken: token}
	if m.cross(fc) {
		in.Bandwidth, _ = strconv.Atoi(strings.TrimSpace(m.bandwidth))
		in.LinkType = m.linkType
	}
	return in
}

func (m *peerCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.input(fc, token)
	out, err := fc.client.CreateVpcPeerConnection(ctx, in)
	if err != nil {
		return nil, err
	}
	// Activated within one account; Accepting until another account acts.
	return made(fc, "peer", out.InstanceId, out.RequestId, in, nil), nil
}

type peerModify struct {
	id, name, desc, bandwidth, linkType string
	cross                               bool
}

func (m *peerModify) Title() string  { return "Edit peering " + m.id }
func (m *peerModify) Action() string { return "ModifyVpcPeerConnection" }

func (m *peerModify) checkBandwidth(s string) error {
	if strings.TrimSpace(s) == "" {
		return nil
	}
	n, err := atoi("bandwidth", s)
	if err != nil {
		return err
	}
	if n <= 0 {
		return fmt.Errorf("Bandwidth must be greater than 0 Mbit/s (it is %d)", n)
	}
	return model.CheckPeerBandwidth(n, m.cross)
}

func (m *peerModify) Form(fc *formCtx) *huh.Form {
	fields := []huh.Field{
		liveInput("Name", &m.name, keepSet(fc, "name", model.PeerName.Check), "2-128 characters, starts with a letter; letters, digits, _ -"),
		editDesc(fc, &m.desc),
	}
	if m.cross {
		fields = append(fields,
			liveInput("Bandwidth (Mbit/s)", &m.bandwidth, m.checkBandwidth, "cross-region bandwidth"),
			huh.NewSelect[string]().Title("Link type").Options(huh.NewOption("Gold", "Gold"), huh.NewOption("Platinum", "Platinum")).Value(&m.linkType).Inline(true))
	}
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *peerModify) Check(fc *formCtx) error {
	cs := []fieldCheck{check("name", model.PeerName.Check(m.name)), check("description", model.CheckDescription(m.desc))}
	if m.cross {
		cs = append(cs, check("bandwidth", m.checkBandwidth(m.bandwidth)), check("link type", model.CheckPeerLinkType(m.linkType, true)))
	}
	cs = append(cs, check("edit", editRefusal(fc.target, m.Action(), m.request(fc, ""))))
	return checks(cs...)
}

func (m *peerModify) request(fc *formCtx, token string) *client.ModifyVpcPeerConnectionInput {
	in := &client.ModifyVpcPeerConnectionInput{RegionId: fc.region, InstanceId: m.id, Name: m.name, Description: m.desc, ClientToken: token}
	if m.cross {
		in.Bandwidth, _ = strconv.Atoi(strings.TrimSpace(m.bandwidth))
		in.LinkType = m.linkType
	}
	return in
}

func (m *peerModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc, token)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyVpcPeerConnection(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "peer", m.id, out.RequestId, in, []string{"Activated"}), nil
}

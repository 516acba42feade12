package forms

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

func PeerOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &PeerCreate{AcceptRegion: fc.Region, LinkType: "Gold"}
			fixParent(fc, "vpc", &m.VpcID, &m.FixedVPC)
			return m
		},
		Edit: func(fc *FormCtx) Mutation {
			p := fc.Target.Val().(*model.VpcPeerConnection)
			m := &PeerModify{Id: p.InstanceId, Name: p.Name, Desc: p.Description, Cross: p.CrossRegion(), LinkType: cmp.Or(p.LinkType, "Gold")}
			if p.Bandwidth > 0 {
				m.Bandwidth = model.Itoa(p.Bandwidth)
			}
			return m
		},
		Del: deleteByID(DeleteSpec{
			Force: "Force also deletes the routes that point at the peering connection",
			Dry: func(ctx context.Context, fc *FormCtx, o *model.Object, force bool) error {
				_, err := client.DeleteVpcPeerConnection.Call(ctx, fc.Client, &client.DeleteVpcPeerConnectionInput{RegionId: o.Region, InstanceId: o.ID, Force: force, DryRun: true})
				return err
			},
		}, "InstanceId", client.DeleteVpcPeerConnection),
		// Accept and Reject are offered only to the accepting account
		// (AcceptingOwnerUid = the caller's account, account.go); the
		// requester sees neither and is told why when it presses x.
		Actions: actionsOn(func(fc *FormCtx, p *model.VpcPeerConnection) []actionItem {
			if may, _ := fc.Host.PeerDecider(p); !may {
				return nil
			}
			more := fc.Host.UnknownCallerHint()
			return []actionItem{
				{Label: "Accept", Hint: "as the accepting account (Accepting → Activated)" + more, Make: func(fc *FormCtx) Mutation { return PeerDecide(fc, true) }},
				destructiveItem("Reject", "as the accepting account (→ Rejected)"+more, "Reject", func(fc *FormCtx) Mutation { return PeerDecide(fc, false) },
					func(s *DeleteSpec) { s.Dry = peerRejectDry }),
			}
		}),
		NoActions: func(fc *FormCtx) string {
			if p, ok := fc.Target.Val().(*model.VpcPeerConnection); ok {
				_, why := fc.Host.PeerDecider(p)
				return why
			}
			return ""
		},
	}
}

// peerDecide accepts or rejects a connection another account requested.
func PeerDecide(fc *FormCtx, accept bool) Mutation {
	p := fc.Target.Val().(*model.VpcPeerConnection)
	from := p.Vpc.VpcId + " (" + p.RegionId + ")"
	m := &ConfirmAction{title: "Accept peering " + p.InstanceId, APIAction: client.AcceptVpcPeerConnection.Action, obj: fc.Target,
		question: "Accept the peering from " + from + " to " + p.AcceptingVpc.VpcId + "?",
		explain:  "Call it as the accepting account. The connection goes Activated; add routes on both sides to use it."}
	target := "Activated"
	if !accept {
		m.title, m.APIAction = "Reject peering "+p.InstanceId, client.RejectVpcPeerConnection.Action
		m.question = "Reject the peering from " + from + "?"
		m.explain = "The requester sees Rejected; the connection carries no traffic and can only be deleted."
		target = "Rejected"
	}
	app := fc.Host
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
	m.Refuse = m.gate(fc.Target)
	region := cmp.Or(p.AcceptingRegionId, fc.Region)
	if region != fc.Region {
		// The accepter calls in its own region; the title says so.
		fc.Region, fc.RegionWhy = region, "the accepting VPC's region"
	}
	m.Run = func(ctx context.Context, fc *FormCtx, _ *model.Object, token string) (*Submitted, error) {
		var out *client.Result
		var err error
		var in any
		if accept {
			a := &client.AcceptVpcPeerConnectionInput{RegionId: region, InstanceId: p.InstanceId, ClientToken: token}
			in = a
			out, err = client.AcceptVpcPeerConnection.Call(ctx, fc.Client, a)
		} else {
			r := &client.VpcPeerInput{RegionId: region, InstanceId: p.InstanceId, ClientToken: token}
			in = r
			out, err = client.RejectVpcPeerConnection.Call(ctx, fc.Client, r)
		}
		return changed(fc, "peer", p.InstanceId, []string{target}, in, out, err)
	}
	return m
}

// peerCreate requests a peering (seed 002). Bandwidth and LinkType apply
// only across regions, so they show only when the accepting region differs.
type PeerCreate struct {
	VpcID, AcceptUID, AcceptRegion, AcceptVpc string
	Name, Desc, rg, Bandwidth, LinkType       string
	FixedVPC, dryRun                          bool
	Vpcs, regions                             []Pick
	vpcIDs                                    []string
}

func (m *PeerCreate) Title() string {
	if m.FixedVPC {
		return "Create peering from " + m.VpcID
	}
	return "Create VPC peering"
}
func (m *PeerCreate) Action() string { return "CreateVpcPeerConnection" }

// Prepare loads the VPCs and regions on every opening, a draft's too; the
// draft's choices are kept (marked when no longer offered).
func (m *PeerCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	picks, vpcs, err := vpcPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.Vpcs, m.vpcIDs = picks, nil
	for _, v := range vpcs {
		m.vpcIDs = append(m.vpcIDs, v.VpcId)
	}
	if !m.FixedVPC {
		m.VpcID = keepOrFirst(m.VpcID, picks)
	}
	if m.regions, err = regionPicks(ctx, fc); err != nil {
		return err
	}
	if !HasValue(m.regions, m.AcceptRegion) {
		m.AcceptRegion = firstValue(m.regions)
	}
	return nil
}

func (m *PeerCreate) Cross(fc *FormCtx) bool {
	return m.AcceptRegion != "" && m.AcceptRegion != fc.Region
}

func checkVpcID(s string) error { return model.CheckResourceID("VPC", "vpc-", s) }

func checkUID(s string) error { _, err := model.CheckAliUid(s); return err }

func checkRG(s string) error { return model.CheckResourceID("resource group", "rg-", s) }

func (m *PeerCreate) checkBandwidth(fc *FormCtx) func(string) error {
	return func(s string) error { return checkPeerBandwidth(s, m.Cross(fc)) }
}

func (m *PeerCreate) Form(fc *FormCtx) *huh.Form {
	var first []huh.Field
	if !m.FixedVPC {
		first = append(first, pickerGone("Requesting VPC", &m.VpcID, m.Vpcs, "this region has no VPC", "is no longer in "+fc.Region))
	}
	region := huh.NewSelect[string]().Title("Accepting region").Options(options(m.regions)...).Value(&m.AcceptRegion).Height(5)
	vpc := liveInput("Accepting VPC ID", &m.AcceptVpc, required("the accepting VPC", checkVpcID), "the other VPC, e.g. vpc-bp1…")
	ids := m.vpcIDs
	vpc.suggest = func() []string { return ids }
	first = append(first,
		liveInput("Accepting account ID", &m.AcceptUID, checkUID, "the main account that owns the other VPC; another account must accept"),
		region, vpc)
	return huh.NewForm(
		huh.NewGroup(first...),
		huh.NewGroup(
			liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, m.checkBandwidth(fc), "optional; cross-region peerings only"),
			huh.NewSelect[string]().Title("Link type").Options(huh.NewOption("Gold (default)", "Gold"), huh.NewOption("Platinum", "Platinum")).Value(&m.LinkType).Inline(true),
		).Title("Cross-region").WithHideFunc(func() bool { return !m.Cross(fc) }),
		huh.NewGroup(
			liveInput("Name", &m.Name, model.PeerName.Check, "optional; 2-128 characters, starts with a letter; letters, digits, _ -"),
			descField(&m.Desc),
			liveInput("Resource group ID", &m.rg, optional(checkRG), "optional, e.g. rg-acfmxazb4ph6aiy"),
			huh.NewConfirm().Title("Dry run only?").Description("Check the request without creating anything").Value(&m.dryRun),
		),
	)
}

func (m *PeerCreate) Check(fc *FormCtx) error {
	if m.VpcID == "" {
		return errors.New("choose the requesting VPC")
	}
	if !m.FixedVPC {
		if err := notOffered(m.Vpcs, m.VpcID, "is no longer in "+fc.Region); err != nil {
			return fmt.Errorf("requesting VPC: %w", err)
		}
	}
	if strings.TrimSpace(m.AcceptRegion) == "" {
		return errors.New("accepting region: choose the region of the accepting VPC")
	}
	cs := []fieldCheck{
		check("accepting account", checkUID(m.AcceptUID)),
		check("accepting VPC", checkVpcID(m.AcceptVpc)),
		check("name", model.PeerName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
		check("resource group", optional(checkRG)(m.rg)),
	}
	if strings.TrimSpace(m.AcceptVpc) == m.VpcID {
		return errors.New("accepting VPC: a VPC cannot peer with itself")
	}
	if m.Cross(fc) {
		cs = append(cs, check("bandwidth", m.checkBandwidth(fc)(m.Bandwidth)), check("link type", model.CheckPeerLinkType(m.LinkType, true)))
	}
	return checks(cs...)
}

// Request is what Submit sends; the review page lists it first.
func (m *PeerCreate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *PeerCreate) Input(fc *FormCtx, token string) *client.CreateVpcPeerConnectionInput {
	uid, _ := model.CheckAliUid(m.AcceptUID)
	in := &client.CreateVpcPeerConnectionInput{RegionId: fc.Region, VpcId: m.VpcID, AcceptingAliUid: uid, AcceptingRegionId: m.AcceptRegion,
		AcceptingVpcId: strings.TrimSpace(m.AcceptVpc), Name: m.Name, Description: m.Desc, ResourceGroupId: strings.TrimSpace(m.rg),
		DryRun: m.dryRun, ClientToken: token}
	if m.Cross(fc) {
		in.Bandwidth, _ = strconv.Atoi(strings.TrimSpace(m.Bandwidth))
		in.LinkType = m.LinkType
	}
	return in
}

func (m *PeerCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.CreateVpcPeerConnection.Call(ctx, fc.Client, in)
	// Activated within one account; Accepting until another account acts.
	return created(fc, m, "peer", "InstanceId", in, out, err)
}

type PeerModify struct {
	Id, Name, Desc, Bandwidth, LinkType string
	Cross                               bool
}

func (m *PeerModify) Title() string  { return "Edit peering " + m.Id }
func (m *PeerModify) Action() string { return "ModifyVpcPeerConnection" }

func (m *PeerModify) checkBandwidth(s string) error { return checkPeerBandwidth(s, m.Cross) }

// checkPeerBandwidth checks a peering's bandwidth as typed (empty: the
// API's default) for a connection within or across regions.
func checkPeerBandwidth(s string, cross bool) error {
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
	return model.CheckPeerBandwidth(n, cross)
}

func (m *PeerModify) Form(fc *FormCtx) *huh.Form {
	fields := []huh.Field{
		liveInput("Name", &m.Name, KeepSet(fc, "name", model.PeerName.Check), "2-128 characters, starts with a letter; letters, digits, _ -"),
		editDesc(fc, &m.Desc),
	}
	if m.Cross {
		fields = append(fields,
			liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, m.checkBandwidth, "cross-region bandwidth"),
			huh.NewSelect[string]().Title("Link type").Options(huh.NewOption("Gold", "Gold"), huh.NewOption("Platinum", "Platinum")).Value(&m.LinkType).Inline(true))
	}
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *PeerModify) Check(fc *FormCtx) error {
	cs := []fieldCheck{check("name", model.PeerName.Check(m.Name)), check("description", model.CheckDescription(m.Desc))}
	if m.Cross {
		cs = append(cs, check("bandwidth", m.checkBandwidth(m.Bandwidth)), check("link type", model.CheckPeerLinkType(m.LinkType, true)))
	}
	cs = append(cs, check("edit", editRefusal(fc.Target, m.Action(), m.request(fc, ""))))
	return checks(cs...)
}

func (m *PeerModify) request(fc *FormCtx, token string) *client.ModifyVpcPeerConnectionInput {
	in := &client.ModifyVpcPeerConnectionInput{RegionId: fc.Region, InstanceId: m.Id, Name: m.Name, Description: m.Desc, ClientToken: token}
	if m.Cross {
		in.Bandwidth, _ = strconv.Atoi(strings.TrimSpace(m.Bandwidth))
		in.LinkType = m.LinkType
	}
	return in
}

func (m *PeerModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	return sendEditTo(ctx, fc, client.ModifyVpcPeerConnection.Func, m.request(fc, token), "peer", m.Id, []string{"Activated"})
}

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

// ---- HaVips ----

func havipOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &havipCreate{}
			if p := parentOf(fc, "vsw"); p != nil {
				m.onlyVsw = p.ID
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			h := fc.target.Val().(*model.HaVip)
			return &havipModify{id: h.HaVipId, name: h.Name, desc: h.Description}
		},
		del: &deleteSpec{
			action: "DeleteHaVip", fresh: true, about: havipAbout,
			stops: func(o *model.Object) []string {
				return []string{"The address " + o.Val().(*model.HaVip).IpAddress + " is released; it no longer floats between instances."}
			},
			refuse: onlyWhenAvailable,
			impact: havipDependents,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteHaVipInput{RegionId: o.Region, HaVipId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteHaVip(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteHaVip", out.RequestId, in), nil
			},
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			h := fc.target.Val().(*model.HaVip)
			out := []actionItem{{label: "Associate", hint: "bind to an ECS instance or an ENI in " + h.VSwitchId, make: newHavipAssociate}}
			for _, inst := range h.Instances() {
				out = append(out, actionItem{label: "Unassociate " + inst, hint: "unbind " + inst + " from the HaVip",
					destroy: func(*formCtx) *deleteSpec { return havipUnbindSpec(inst) }})
			}
			return out
		},
	}
}

func havipAbout(_ *formCtx, o *model.Object) []string {
	h := o.Val().(*model.HaVip)
	line := fmt.Sprintf("Address %s in VSwitch %s (%s)", h.IpAddress, h.VSwitchId, h.VpcId)
	if n := len(h.Instances()); n > 0 {
		line += fmt.Sprintf(", bound to %s (master %s)", strings.Join(h.Instances(), ", "), firstNonEmpty(h.MasterInstanceId, "none"))
	}
	return []string{line}
}

// havipDependents lists what the API refuses a HaVip's deletion for: an
// EIP bound to it and routes using it as next hop in its VPC's tables.
func havipDependents(ctx context.Context, fc *formCtx, o *model.Object) ([]string, []string, error) {
	h := o.Val().(*model.HaVip)
	var blockers []string
	for _, ip := range h.EIPs() {
		blockers = append(blockers, "EIP "+ip+" bound to it (unassociate it on :eip)")
	}
	if h.VpcId != "" {
		tables, err := fc.client.DescribeRouteTableList(ctx, &client.DescribeRouteTableListInput{RegionId: o.Region, VpcId: h.VpcId})
		if err != nil {
			return nil, nil, err
		}
		for _, t := range tables {
			es, err := fc.client.DescribeRouteEntryList(ctx, &client.DescribeRouteEntryListInput{RegionId: o.Region, RouteTableId: t.RouteTableId, NextHopId: o.ID})
			if err != nil {
				return nil, nil, err
			}
			for _, e := range es {
				blockers = append(blockers, "route "+e.DestinationCidrBlock+" in "+t.RouteTableId+" points at it")
			}
		}
	}
	return nil, blockers, nil
}

// havipCreate makes a HaVip in a VSwitch (from the API; fixed when opened
// from one); the address is optional and checked against the VSwitch's
// block and the HaVips already in it.
type havipCreate struct {
	vswID, ip, name, desc string
	onlyVsw               string
	vsws                  []pick
	cidrs                 map[string]string   // VSwitch → block
	used                  map[string][]string // VSwitch → HaVip addresses
}

func (m *havipCreate) Title() string {
	if m.onlyVsw != "" {
		return "Create HaVip in " + m.onlyVsw
	}
	return "Create HaVip"
}
func (m *havipCreate) Action() string { return "CreateHaVip" }

func (m *havipCreate) Prepare(ctx context.Context, fc *formCtx) error {
	sws, err := fc.client.DescribeVSwitches(ctx, &client.DescribeVSwitchesInput{RegionId: fc.region})
	if err != nil {
		return err
	}
	m.vsws, m.cidrs = []pick{}, map[string]string{}
	for _, s := range sws {
		if m.onlyVsw == "" || s.VSwitchId == m.onlyVsw {
			m.vsws = append(m.vsws, pick{fmt.Sprintf("%s  %s  %s", s.VSwitchId, s.VSwitchName, s.CidrBlock), s.VSwitchId})
			m.cidrs[s.VSwitchId] = s.CidrBlock
		}
	}
	in := &client.DescribeHaVipsInput{RegionId: fc.region}
	if m.onlyVsw != "" {
		in.Filter = []client.Filter{{Key: "VSwitchId", Value: []string{m.onlyVsw}}}
	}
	hs, err := fc.client.DescribeHaVips(ctx, in)
	if err != nil {
		return err
	}
	m.used = map[string][]string{}
	for _, h := range hs {
		m.used[h.VSwitchId] = append(m.used[h.VSwitchId], h.IpAddress)
	}
	m.vswID = keepOrFirst(m.vswID, m.vsws)
	return nil
}

// checkIP applies CreateHaVip's IpAddress rules for the chosen VSwitch.
func (m *havipCreate) checkIP(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if err := model.CheckHaVipIP(s, m.cidrs[m.vswID]); err != nil {
		return err
	}
	if slices.Contains(m.used[m.vswID], s) {
		return fmt.Errorf("%s is already a HaVip of %s", s, m.vswID)
	}
	return nil
}

func havipName(v *string, check func(string) error) *liveField {
	return liveInput("Name", v, check, "optional; 1-128 characters, not starting with http:// or https://")
}

func havipDesc(v *string, check func(string) error) *liveField {
	return liveInput("Description", v, check, "optional; 1-256 characters, not starting with http:// or https://")
}

func havipNameCheck(s string) error { return model.CheckHaVipText(s, 128) }
func havipDescCheck(s string) error { return model.CheckHaVipText(s, 256) }

func (m *havipCreate) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(
			pickerGone("VSwitch", &m.vswID, m.vsws, "no VSwitch in "+fc.region, "is no longer in "+fc.region),
			liveInput("IP address", &m.ip, m.checkIP, "optional; a free address of the VSwitch's block (assigned when empty)"),
			havipName(&m.name, havipNameCheck), havipDesc(&m.desc, havipDescCheck),
		),
	)
}

func (m *havipCreate) Check(fc *formCtx) error {
	if m.vswID == "" {
		return errors.New("VSwitch: there is no VSwitch to choose")
	}
	return checks(
		check("VSwitch", notOffered(m.vsws, m.vswID, "is no longer in "+fc.region)),
		check("IP address", m.checkIP(m.ip)),
		check("name", havipNameCheck(m.name)),
		check("description", havipDescCheck(m.desc)),
	)
}

func (m *havipCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.CreateHaVipInput{RegionId: fc.region, VSwitchId: m.vswID, IpAddress: strings.TrimSpace(m.ip), Name: m.name,
		Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateHaVip(ctx, in)
	if err != nil {
		return nil, err
	}
	if out.HaVipId == "" {
		return nil, errors.New("CreateHaVip answered without a HaVipId")
	}
	return made(fc, "havip", out.HaVipId, out.RequestId, in, nil), nil
}

type havipModify struct{ id, name, desc string }

func (m *havipModify) Title() string  { return "Edit HaVip " + m.id }
func (m *havipModify) Action() string { return "ModifyHaVipAttribute" }
func (m *havipModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(havipName(&m.name, keepSet(fc, "name", havipNameCheck)),
		havipDesc(&m.desc, keepSet(fc, "description", havipDescCheck))))
}
func (m *havipModify) request(fc *formCtx) *client.ModifyHaVipAttributeInput {
	return &client.ModifyHaVipAttributeInput{RegionId: fc.region, HaVipId: m.id, Name: m.name, Description: m.desc}
}
func (m *havipModify) Check(fc *formCtx) error {
	return checks(check("name", havipNameCheck(m.name)), check("description", havipDescCheck(m.desc)),
		check("edit", editRefusal(fc.target, m.Action(), m.request(fc))))
}
func (m *havipModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	in.ClientToken = token
	out, err := fc.client.ModifyHaVipAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "havip", m.id, out.RequestId, in, nil), nil
}

// havipAssociate binds the HaVip to an ECS instance or an ENI of its
// VSwitch, typed by ID (the console does not list instances); the HaVip's
// status, the kind already bound and the limit of 10 are checked first.
type havipAssociate struct {
	obj              *model.Object
	h                *model.HaVip
	instType, instID string
	refuse           string
}

func newHavipAssociate(fc *formCtx) mutation {
	h := fc.target.Val().(*model.HaVip)
	m := &havipAssociate{obj: fc.target, h: h, instType: firstNonEmpty(h.AssociatedInstanceType, "EcsInstance")}
	m.refuse = havipAssociateRefusal(h)
	return m
}

func havipAssociateRefusal(h *model.HaVip) string {
	switch {
	case h.Status != "Available" && h.Status != "InUse":
		return fmt.Sprintf("%s is %s; only an Available or InUse HaVip can be associated", h.HaVipId, h.Status)
	case len(h.Instances()) >= model.MaxHaVipInstances:
		return fmt.Sprintf("%s is bound to %d instances, the most a HaVip may have", h.HaVipId, len(h.Instances()))
	}
	return ""
}

func (m *havipAssociate) Title() string  { return "Associate HaVip " + m.obj.ID }
func (m *havipAssociate) Action() string { return "AssociateHaVip" }

// Prepare reads the HaVip again: the status decides, a draft may be older.
func (m *havipAssociate) Prepare(ctx context.Context, fc *formCtx) error {
	fresh, refusal, err := refetch(ctx, fc.client, m.obj)
	if err != nil || refusal != "" {
		m.refuse = refusal
		return err
	}
	m.h = fresh.Val().(*model.HaVip)
	m.refuse = havipAssociateRefusal(m.h)
	return nil
}

func (m *havipAssociate) checkInstance(s string) error {
	prefix, what := "i-", "ECS instance"
	if m.instType == "NetworkInterface" {
		prefix, what = "eni-", "elastic network interface"
	}
	if err := model.CheckResourceID(what, prefix, s); err != nil {
		return err
	}
	if slices.Contains(m.h.Instances(), strings.TrimSpace(s)) {
		return fmt.Errorf("%s is already bound to %s", strings.TrimSpace(s), m.h.HaVipId)
	}
	return nil
}

func (m *havipAssociate) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	return huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("Instance type").Value(&m.instType).Options(
			huh.NewOption("ECS instance", "EcsInstance"), huh.NewOption("elastic network interface (ENI)", "NetworkInterface")),
		liveInput("Instance ID", &m.instID, m.checkInstance, "an instance or ENI in "+m.h.VSwitchId+", e.g. i-bp1… or eni-bp1…"),
	))
}

func (m *havipAssociate) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if t := m.h.AssociatedInstanceType; t != "" && len(m.h.Instances()) > 0 && t != m.instType {
		return fmt.Errorf("instance type: %s is bound to %s already; a HaVip takes ECS instances or ENIs, not both", m.h.HaVipId, instanceTitle(t)+"s")
	}
	return check("instance", m.checkInstance(m.instID)).err
}

func (m *havipAssociate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.AssociateHaVipInput{RegionId: fc.region, HaVipId: m.h.HaVipId, InstanceId: strings.TrimSpace(m.instID),
		InstanceType: m.instType, ClientToken: token}
	out, err := fc.client.AssociateHaVip(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "havip", m.h.HaVipId, out.RequestId, in, []string{"InUse"}), nil
}

// havipUnbindSpec unbinds inst from the selected HaVip through the
// destructive dialog: the user types the instance's ID. The master, while
// others remain, goes only with Force (the HaVip fails over).
func havipUnbindSpec(inst string) *deleteSpec {
	isMaster := func(h *model.HaVip) bool { return h.MasterInstanceId == inst && len(h.Instances()) > 1 }
	return &deleteSpec{verb: "Unassociate", action: "UnassociateHaVip", fresh: true, about: havipAbout,
		subject: func(o *model.Object) string { return "instance " + inst + " from HaVip " + o.ID },
		confirm: func(*model.Object) []string { return []string{inst} },
		force:   "Force=True: the master goes and the HaVip fails over to another instance",
		stops: func(o *model.Object) []string {
			return []string{inst + " stops answering on " + o.Val().(*model.HaVip).IpAddress + "."}
		},
		refuse: func(o *model.Object) string {
			h := o.Val().(*model.HaVip)
			switch {
			case !slices.Contains(h.Instances(), inst):
				return inst + " is no longer bound to " + o.ID
			case h.Status != "InUse":
				return fmt.Sprintf("%s is %s; an instance can be unbound only from an InUse HaVip", o.ID, h.Status)
			}
			return ""
		},
		impact: func(_ context.Context, _ *formCtx, o *model.Object) ([]string, []string, error) {
			if h := o.Val().(*model.HaVip); isMaster(h) {
				return nil, []string{inst + " is the master while " + plural(len(h.Instances())-1, "other instance", "other instances") + " remain bound (Forbidden.UnassociateMaster)"}, nil
			}
			return nil, nil, nil
		},
		run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, force bool) (*submitted, error) {
			h := o.Val().(*model.HaVip)
			in := &client.AssociateHaVipInput{RegionId: o.Region, HaVipId: o.ID, InstanceId: inst,
				InstanceType: h.AssociatedInstanceType, ClientToken: token}
			if force && isMaster(h) {
				in.Force = "True"
			}
			out, err := fc.client.UnassociateHaVip(ctx, in)
			if err != nil {
				return nil, err
			}
			res := result(o.Kind, o.Region, o.ID, out.RequestId, in, []string{"InUse", "Available"})
			res.Action = "UnassociateHaVip"
			return res, nil
		},
	}
}

// havipPicks lists the region's HaVips that can take an EIP or a route
// (Available or InUse), optionally only those of one VPC.
func havipPicks(ctx context.Context, fc *formCtx, vpcID string) ([]pick, error) {
	in := &client.DescribeHaVipsInput{RegionId: fc.region}
	if vpcID != "" {
		in.Filter = []client.Filter{{Key: "VpcId", Value: []string{vpcID}}}
	}
	hs, err := fc.client.DescribeHaVips(ctx, in)
	if err != nil {
		return nil, err
	}
	out := []pick{}
	for _, h := range hs {
		if h.Status == "Available" || h.Status == "InUse" {
			out = append(out, pick{fmt.Sprintf("%s  %s  %s  %s", h.HaVipId, h.IpAddress, h.Name, h.Status), h.HaVipId})
		}
	}
	return out, nil
}

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

// ---- HaVips ----

func havipOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &havipCreate{onlyVsw: parentID(fc, "vsw")}
		},
		Edit: func(fc *FormCtx) Mutation {
			return attrEditOf(fc, "HaVip", "HaVipId", "Name", client.ModifyHaVipAttribute).
				rules(havipNameCheck, havipDescCheck).hints(havipNameHint, havipDescHint)
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: havipAbout,
			Stops: func(o *model.Object) []string {
				return []string{"The address " + o.Val().(*model.HaVip).IpAddress + " is released; it no longer floats between instances."}
			},
			Refuse: onlyWhenAvailable,
			Impact: havipDependents,
		}, "HaVipId", client.DeleteHaVip),
		Actions: actionsOn(func(fc *FormCtx, h *model.HaVip) []actionItem {
			out := []actionItem{{Label: "Associate", Hint: "bind to an ECS instance or an ENI in " + h.VSwitchId, Make: newHavipAssociate}}
			for _, inst := range h.Instances() {
				out = append(out, actionItem{Label: "Unassociate " + inst, Hint: "unbind " + inst + " from the HaVip",
					Destroy: func(*FormCtx) *DeleteSpec { return havipUnbindSpec(inst) }})
			}
			return out
		}),
	}
}

func havipAbout(_ *FormCtx, o *model.Object) []string {
	h := o.Val().(*model.HaVip)
	line := fmt.Sprintf("Address %s in VSwitch %s (%s)", h.IpAddress, h.VSwitchId, h.VpcId)
	if n := len(h.Instances()); n > 0 {
		line += fmt.Sprintf(", bound to %s (master %s)", strings.Join(h.Instances(), ", "), cmp.Or(h.MasterInstanceId, "none"))
	}
	return []string{line}
}

// havipDependents lists what the API refuses a HaVip's deletion for: an
// EIP bound to it and routes using it as next hop in its VPC's tables.
func havipDependents(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	h := o.Val().(*model.HaVip)
	var blockers []string
	for _, ip := range h.EIPs() {
		blockers = append(blockers, "EIP "+ip+" bound to it (unassociate it on :eip)")
	}
	routes, err := routesVia(ctx, fc, o.Region, h.VpcId, o.ID)
	if err != nil {
		return nil, nil, err
	}
	return nil, append(blockers, routes...), nil
}

// havipCreate makes a HaVip in a VSwitch (from the API; fixed when opened
// from one); the address is optional and checked against the VSwitch's
// block and the HaVips already in it.
type havipCreate struct {
	VswID, Ip, Name, Desc string
	onlyVsw               string
	Vsws                  []Pick
	cidrs                 map[string]string   // VSwitch → block
	used                  map[string][]string // VSwitch → HaVip addresses
}

func (m *havipCreate) Title() string {
	return createTitle("HaVip", when(m.onlyVsw != "", "in "+m.onlyVsw))
}
func (m *havipCreate) Action() string { return "CreateHaVip" }

func (m *havipCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	sws, err := client.DescribeVSwitches.Call(ctx, fc.Client, &client.DescribeVSwitchesInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.Vsws, m.cidrs = []Pick{}, map[string]string{}
	for _, s := range sws {
		if m.onlyVsw == "" || s.VSwitchId == m.onlyVsw {
			m.Vsws = append(m.Vsws, Pick{fmt.Sprintf("%s  %s  %s", s.VSwitchId, s.VSwitchName, s.CidrBlock), s.VSwitchId})
			m.cidrs[s.VSwitchId] = s.CidrBlock
		}
	}
	in := &client.DescribeHaVipsInput{RegionId: fc.Region}
	if m.onlyVsw != "" {
		in.Filter = []client.Filter{{Key: "VSwitchId", Value: []string{m.onlyVsw}}}
	}
	hs, err := client.DescribeHaVips.Call(ctx, fc.Client, in)
	if err != nil {
		return err
	}
	m.used = map[string][]string{}
	for _, h := range hs {
		m.used[h.VSwitchId] = append(m.used[h.VSwitchId], h.IpAddress)
	}
	m.VswID = keepOrFirst(m.VswID, m.Vsws)
	return nil
}

// checkIP applies CreateHaVip's IpAddress rules for the chosen VSwitch.
func (m *havipCreate) checkIP(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if err := model.CheckHaVipIP(s, m.cidrs[m.VswID]); err != nil {
		return err
	}
	if slices.Contains(m.used[m.VswID], s) {
		return fmt.Errorf("%s is already a HaVip of %s", s, m.VswID)
	}
	return nil
}

// A HaVip's name and description have their own rules.
const (
	havipNameHint = "optional; 1-128 characters, not starting with http:// or https://"
	havipDescHint = "optional; 1-256 characters, not starting with http:// or https://"
)

func havipNameCheck(s string) error { return model.CheckHaVipText(s, 128) }
func havipDescCheck(s string) error { return model.CheckHaVipText(s, 256) }

func (m *havipCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(
			pickerGone("VSwitch", &m.VswID, m.Vsws, "no VSwitch in "+fc.Region, "is no longer in "+fc.Region),
			liveInput("IP address", &m.Ip, m.checkIP, "optional; a free address of the VSwitch's block (assigned when empty)"),
			liveInput("Name", &m.Name, havipNameCheck, havipNameHint), liveInput("Description", &m.Desc, havipDescCheck, havipDescHint),
		),
	)
}

func (m *havipCreate) Check(fc *FormCtx) error {
	if m.VswID == "" {
		return errors.New("VSwitch: there is no VSwitch to choose")
	}
	return checks(
		check("VSwitch", notOffered(m.Vsws, m.VswID, "is no longer in "+fc.Region)),
		check("IP address", m.checkIP(m.Ip)),
		check("name", havipNameCheck(m.Name)),
		check("description", havipDescCheck(m.Desc)),
	)
}

func (m *havipCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateHaVipInput{RegionId: fc.Region, VSwitchId: m.VswID, IpAddress: strings.TrimSpace(m.Ip), Name: m.Name,
		Description: m.Desc, ClientToken: token}
	out, err := client.CreateHaVip.Call(ctx, fc.Client, in)
	return created(fc, m, "havip", "HaVipId", in, out, err)
}

// havipAssociate binds the HaVip to an ECS instance or an ENI of its
// VSwitch, typed by ID (the console does not list instances); the HaVip's
// status, the kind already bound and the limit of 10 are checked first.
type havipAssociate struct {
	gated
	obj              *model.Object
	h                *model.HaVip
	InstType, instID string
}

func newHavipAssociate(fc *FormCtx) Mutation {
	h := fc.Target.Val().(*model.HaVip)
	m := &havipAssociate{obj: fc.Target, h: h, InstType: cmp.Or(h.AssociatedInstanceType, "EcsInstance")}
	m.title, m.action, m.fields, m.check = "Associate HaVip "+fc.Target.ID, "AssociateHaVip", m.form, m.checkFields
	m.Refuse = havipAssociateRefusal(h)
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

// Prepare reads the HaVip again: the status decides, a draft may be older.
func (m *havipAssociate) Prepare(ctx context.Context, fc *FormCtx) error {
	_, err := rereadAs(ctx, fc, m.obj, &m.Refuse, &m.h, havipAssociateRefusal)
	return err
}

func (m *havipAssociate) checkInstance(s string) error {
	prefix, what := "i-", "ECS instance"
	if m.InstType == "NetworkInterface" {
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

func (m *havipAssociate) form() []huh.Field {
	return []huh.Field{
		huh.NewSelect[string]().Title("Instance type").Value(&m.InstType).Options(
			huh.NewOption("ECS instance", "EcsInstance"), huh.NewOption("elastic network interface (ENI)", "NetworkInterface")),
		liveInput("Instance ID", &m.instID, m.checkInstance, "an instance or ENI in "+m.h.VSwitchId+", e.g. i-bp1… or eni-bp1…"),
	}
}

func (m *havipAssociate) checkFields() error {
	if t := m.h.AssociatedInstanceType; t != "" && len(m.h.Instances()) > 0 && t != m.InstType {
		return fmt.Errorf("instance type: %s is bound to %s already; a HaVip takes ECS instances or ENIs, not both", m.h.HaVipId, instanceTitle(t)+"s")
	}
	return check("instance", m.checkInstance(m.instID)).err
}

func (m *havipAssociate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.AssociateHaVipInput{RegionId: fc.Region, HaVipId: m.h.HaVipId, InstanceId: strings.TrimSpace(m.instID),
		InstanceType: m.InstType, ClientToken: token}
	out, err := client.AssociateHaVip.Call(ctx, fc.Client, in)
	return changed(fc, "havip", m.h.HaVipId, []string{"InUse"}, in, out, err)
}

// havipUnbindSpec unbinds inst from the selected HaVip through the
// destructive dialog: the user types the instance's ID. The master, while
// others remain, goes only with Force (the HaVip fails over).
func havipUnbindSpec(inst string) *DeleteSpec {
	isMaster := func(h *model.HaVip) bool { return h.MasterInstanceId == inst && len(h.Instances()) > 1 }
	return &DeleteSpec{Verb: "Unassociate", Action: client.UnassociateHaVip.Action, Fresh: true, About: havipAbout,
		Subject: func(o *model.Object) string { return "instance " + inst + " from HaVip " + o.ID },
		Confirm: func(*model.Object) []string { return []string{inst} },
		Force:   "Force=True: the master goes and the HaVip fails over to another instance",
		Stops: func(o *model.Object) []string {
			return []string{inst + " stops answering on " + o.Val().(*model.HaVip).IpAddress + "."}
		},
		Refuse: func(o *model.Object) string {
			h := o.Val().(*model.HaVip)
			switch {
			case !slices.Contains(h.Instances(), inst):
				return inst + " is no longer bound to " + o.ID
			case h.Status != "InUse":
				return fmt.Sprintf("%s is %s; an instance can be unbound only from an InUse HaVip", o.ID, h.Status)
			}
			return ""
		},
		Impact: func(_ context.Context, _ *FormCtx, o *model.Object) ([]string, []string, error) {
			if h := o.Val().(*model.HaVip); isMaster(h) {
				return nil, []string{inst + " is the master while " + plural(len(h.Instances())-1, "other instance", "other instances") + " remain bound (Forbidden.UnassociateMaster)"}, nil
			}
			return nil, nil, nil
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, force bool) (*Submitted, error) {
			h := o.Val().(*model.HaVip)
			in := &client.AssociateHaVipInput{RegionId: o.Region, HaVipId: o.ID, InstanceId: inst,
				InstanceType: h.AssociatedInstanceType, ClientToken: token}
			if force && isMaster(h) {
				in.Force = "True"
			}
			out, err := client.UnassociateHaVip.Call(ctx, fc.Client, in)
			return sent(o, client.UnassociateHaVip.Action, in, out, err, []string{"InUse", "Available"})
		},
	}
}

// havipPicks lists the region's HaVips that can take an EIP or a route
// (Available or InUse), optionally only those of one VPC.
func havipPicks(ctx context.Context, fc *FormCtx, vpcID string) ([]Pick, error) {
	in := &client.DescribeHaVipsInput{RegionId: fc.Region}
	if vpcID != "" {
		in.Filter = []client.Filter{{Key: "VpcId", Value: []string{vpcID}}}
	}
	hs, err := client.DescribeHaVips.Call(ctx, fc.Client, in)
	if err != nil {
		return nil, err
	}
	return pickList(hs, func(h *model.HaVip) []string {
		if h.Status != "Available" && h.Status != "InUse" {
			return nil
		}
		return []string{h.HaVipId, h.IpAddress, h.Name, h.Status}
	}), nil
}

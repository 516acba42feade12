package ui

import (
	"context"
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// opsFor returns the changes offered for a kind. Each family's file adds
// its kinds here.
func opsFor(k *model.Kind) kindOps {
	switch k.Name {
	case "vpc":
		return vpcOps()
	case "vsw":
		return vswOps()
	}
	return familyOps(k)
}

// ---- VPC ----

func vpcOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation { return &vpcCreate{cidrChoice: model.VpcCIDRPresets[0]} },
		edit: func(fc *formCtx) mutation {
			v := fc.target.Val().(*model.Vpc)
			return &vpcModify{id: v.VpcId, name: v.VpcName, desc: v.Description}
		},
		del: &deleteSpec{
			action:   "DeleteVpc",
			blockers: []string{"vsw", "rt", "nat", "vpn", "vpcflowlog", "peer"},
			// The system route table goes with the VPC.
			keep: func(o *model.Object) bool {
				if rt, ok := o.Val().(*model.RouteTable); ok {
					return rt.RouteTableType != "System"
				}
				return true
			},
			refuse: onlyWhenAvailable,
			dry: func(ctx context.Context, fc *formCtx, o *model.Object, _ bool) error {
				_, err := fc.client.DeleteVpc(ctx, &client.DeleteVpcInput{RegionId: o.Region, VpcId: o.ID, DryRun: true})
				return err
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteVpcInput{RegionId: o.Region, VpcId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteVpc(ctx, in)
				if err != nil {
					return nil, err
				}
				res := result(o.Kind, o.Region, o.ID, out.RequestId, in, nil)
				res.Gone, res.Action, res.Ref = true, "DeleteVpc", o
				return res, nil
			},
		},
	}
}

const customCIDR = "custom"

type vpcCreate struct {
	name, desc, cidrChoice, cidr, rg string
	ipv6, dryRun                     bool
}

func (m *vpcCreate) Title() string  { return "Create VPC" }
func (m *vpcCreate) Action() string { return "CreateVpc" }

func (m *vpcCreate) Form(fc *formCtx) *huh.Form {
	opts := []huh.Option[string]{}
	for _, p := range model.VpcCIDRPresets {
		opts = append(opts, huh.NewOption(p, p))
	}
	opts = append(opts, huh.NewOption("custom block…", customCIDR))
	return huh.NewForm(
		huh.NewGroup(
			liveInput("Name", &m.name, model.DefaultName.Check, "2-128 characters; starts with a letter; letters, digits, . _ -"),
			huh.NewSelect[string]().Title("IPv4 CIDR block").Options(opts...).Value(&m.cidrChoice).
				Description("A VPC has one block, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (/8 to /24). It cannot change later."),
		),
		huh.NewGroup(
			liveInput("Custom CIDR block", &m.cidr, required("a CIDR block", func(s string) error { _, err := model.CheckVpcCIDR(s); return err }), "e.g. 10.30.0.0/16"),
		).WithHideFunc(func() bool { return m.cidrChoice != customCIDR }),
		huh.NewGroup(
			liveInput("Description", &m.desc, model.CheckDescription, "optional; 2-256 characters, starts with a letter"),
			huh.NewInput().Title("Resource group ID").Value(&m.rg).Description("optional, e.g. rg-acfmxazb4ph6aiy"),
			huh.NewConfirm().Title("Enable IPv6?").Value(&m.ipv6),
			huh.NewConfirm().Title("Dry run only?").Description("Validate without creating anything").Value(&m.dryRun),
		),
	)
}

func (m *vpcCreate) block() string {
	if m.cidrChoice == customCIDR {
		return strings.TrimSpace(m.cidr)
	}
	return m.cidrChoice
}

func (m *vpcCreate) Check(fc *formCtx) error {
	if err := model.DefaultName.Check(m.name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	if _, err := model.CheckVpcCIDR(m.block()); err != nil {
		return fmt.Errorf("CIDR block: %w", err)
	}
	if err := model.CheckDescription(m.desc); err != nil {
		return fmt.Errorf("description: %w", err)
	}
	return nil
}

func (m *vpcCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.CreateVpcInput{RegionId: fc.region, VpcName: m.name, CidrBlock: m.block(), Description: m.desc,
		ResourceGroupId: strings.TrimSpace(m.rg), DryRun: m.dryRun, ClientToken: token}
	if m.ipv6 {
		in.EnableIpv6 = &m.ipv6
	}
	out, err := fc.client.CreateVpc(ctx, in)
	if err != nil {
		return nil, err
	}
	k := fc.host.Registry().MustLookup("vpc")
	return result(k, fc.region, out.VpcId, out.RequestId, in, k.Target), nil
}

type vpcModify struct {
	id, name, desc string
}

func (m *vpcModify) Title() string  { return "Edit VPC " + m.id }
func (m *vpcModify) Action() string { return "ModifyVpcAttribute" }

func (m *vpcModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		liveInput("Name", &m.name, keepSet(fc, "name", model.DefaultName.Check), "2-128 characters; starts with a letter; letters, digits, . _ -"),
		liveInput("Description", &m.desc, keepSet(fc, "description", model.CheckDescription), "2-256 characters, starts with a letter"),
	))
}

func (m *vpcModify) request(fc *formCtx) *client.ModifyVpcAttributeInput {
	return &client.ModifyVpcAttributeInput{RegionId: fc.region, VpcId: m.id, VpcName: m.name, Description: m.desc}
}

func (m *vpcModify) Check(fc *formCtx) error {
	if err := model.DefaultName.Check(m.name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	if err := model.CheckDescription(m.desc); err != nil {
		return err
	}
	return editRefusal(fc.target, m.Action(), m.request(fc))
}

func (m *vpcModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyVpcAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	k := fc.host.Registry().MustLookup("vpc")
	return result(k, fc.region, m.id, out.RequestId, in, k.Target), nil
}

// ---- VSwitch ----

func vswOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &vswCreate{mask: "24"}
			if fc.parent != nil && fc.parent.Kind.Name == "vpc" {
				m.vpcID = fc.parent.ID
				m.fixedVPC = true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			v := fc.target.Val().(*model.VSwitch)
			return &vswModify{id: v.VSwitchId, name: v.VSwitchName, desc: v.Description}
		},
		del: &deleteSpec{
			action:   "DeleteVSwitch",
			blockers: []string{"havip"},
			refuse:   onlyWhenAvailable,
			dry: func(ctx context.Context, fc *formCtx, o *model.Object, _ bool) error {
				_, err := fc.client.DeleteVSwitch(ctx, &client.DeleteVSwitchInput{RegionId: o.Region, VSwitchId: o.ID, DryRun: true})
				return err
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteVSwitchInput{RegionId: o.Region, VSwitchId: o.ID}
				out, err := fc.client.DeleteVSwitch(ctx, in)
				if err != nil {
					return nil, err
				}
				res := result(o.Kind, o.Region, o.ID, out.RequestId, in, nil)
				res.Gone, res.Action, res.Ref = true, "DeleteVSwitch", o
				return res, nil
			},
		},
	}
}

// vswCreate creates a VSwitch: the zone list comes from DescribeZones, and
// the CIDR field suggests the next free block and rejects overlaps.
type vswCreate struct {
	vpcID, zone, cidr, name, desc, mask string
	fixedVPC                            bool

	// filled is the CIDR block the form filled in itself (the next free
	// block); while the field holds it, it follows the chosen VPC.
	filled string

	// loaded by Prepare, on every opening
	vpcs     []*model.Vpc
	zones    []*model.Zone
	siblings map[string][]string // VPC ID → VSwitch blocks
	routes   map[string][]string // VPC ID → route destinations (when loaded)
}

func (m *vswCreate) Title() string {
	if m.fixedVPC {
		return "Create VSwitch in " + m.vpcID
	}
	return "Create VSwitch"
}
func (m *vswCreate) Action() string { return "CreateVSwitch" }

// Prepare loads the VPCs, zones, VSwitch blocks and routes on every
// opening, a draft's too: the draft keeps what was typed, and a choice no
// longer offered is marked.
func (m *vswCreate) Prepare(ctx context.Context, fc *formCtx) error {
	vpcs, err := fc.client.DescribeVpcs(ctx, &client.DescribeVpcsInput{RegionId: fc.region})
	if err != nil {
		return err
	}
	zones, err := fc.client.DescribeZones(ctx, &client.DescribeZonesInput{RegionId: fc.region})
	if err != nil {
		return err
	}
	// Every VPC's blocks when the VPC can be changed: the suggestion
	// follows the choice.
	only := ""
	if m.fixedVPC {
		only = m.vpcID
	}
	sws, err := fc.client.DescribeVSwitches(ctx, &client.DescribeVSwitchesInput{RegionId: fc.region, VpcId: only})
	if err != nil {
		return err
	}
	m.vpcs, m.zones = vpcs, zones
	m.siblings = map[string][]string{}
	for _, s := range sws {
		m.siblings[s.VpcId] = append(m.siblings[s.VpcId], s.CidrBlock)
	}
	if m.vpcID == "" && len(vpcs) > 0 {
		m.vpcID = vpcs[0].VpcId
	}
	// A VSwitch block must not equal a route's destination: read the
	// chosen VPC's routes first, then the others (bounded).
	ids := []string{m.vpcID}
	for _, v := range vpcs {
		if v.VpcId != m.vpcID && !m.fixedVPC {
			ids = append(ids, v.VpcId)
		}
	}
	if m.routes, err = routeDests(ctx, fc, ids); err != nil {
		return err
	}
	if m.zone == "" && len(zones) > 0 {
		m.zone = zones[0].ZoneId
	}
	if m.cidr == "" || m.cidr == m.filled {
		m.cidr = m.suggest()
		m.filled = m.cidr
	}
	return nil
}

func (m *vswCreate) vpcPicks() []pick {
	out := make([]pick, 0, len(m.vpcs))
	for _, v := range m.vpcs {
		out = append(out, pick{fmt.Sprintf("%s  %s  %s", v.VpcId, v.VpcName, v.CidrBlock), v.VpcId})
	}
	return out
}

func (m *vswCreate) zonePicks() []pick {
	out := make([]pick, 0, len(m.zones))
	for _, z := range m.zones {
		out = append(out, pick{fmt.Sprintf("%s  %s", z.ZoneId, z.LocalName), z.ZoneId})
	}
	return out
}

// fill is what ctrl+e puts in the CIDR field: the next free block when
// the field is empty, or when it holds a block that does not fit (of the
// size typed); otherwise ctrl+e completes the prefix typed.
func (m *vswCreate) fill(cur string) (string, bool) {
	v := m.vpc()
	if v == nil {
		return "", false
	}
	bits := 24
	if strings.TrimSpace(cur) != "" {
		p, err := model.ParseCIDR(cur)
		if err != nil || m.checkCIDR(cur) == nil {
			return "", false
		}
		bits = p.Bits()
	}
	s := model.NextFreeBlock(v.CidrBlock, m.siblings[v.VpcId], bits)
	if s == "" && bits != 24 {
		s = model.NextFreeBlock(v.CidrBlock, m.siblings[v.VpcId], 24)
	}
	return s, s != ""
}

func (m *vswCreate) vpc() *model.Vpc {
	for _, v := range m.vpcs {
		if v.VpcId == m.vpcID {
			return v
		}
	}
	return nil
}

// suggest is the next free block of the chosen size in the VPC.
func (m *vswCreate) suggest() string {
	v := m.vpc()
	if v == nil {
		return ""
	}
	bits := 24
	fmt.Sscan(m.mask, &bits)
	return model.NextFreeBlock(v.CidrBlock, m.siblings[v.VpcId], bits)
}

func (m *vswCreate) checkCIDR(s string) error {
	v := m.vpc()
	if v == nil {
		return fmt.Errorf("choose a VPC first")
	}
	p, err := model.CheckVSwitchCIDR(s, v.CidrBlock, m.siblings[v.VpcId])
	if err != nil {
		return err
	}
	return model.CheckVSwitchAgainstRoutes(p, m.routes[v.VpcId])
}

func (m *vswCreate) Form(fc *formCtx) *huh.Form {
	fields := []huh.Field{}
	if !m.fixedVPC {
		fields = append(fields, pickerWith("VPC", &m.vpcID, m.vpcPicks(), "this region has no VPC", "is no longer in "+fc.region, 6, ""))
	}
	fields = append(fields,
		pickerWith("Zone", &m.zone, m.zonePicks(), "DescribeZones offers no zone in "+fc.region, "is no longer offered in "+fc.region,
			6, "From DescribeZones for "+fc.region),
		liveInput("CIDR block", &m.cidr, required("a CIDR block", m.checkCIDR), ""),
		liveInput("Name", &m.name, model.DefaultName.Check, "optional; 2-128 characters, starts with a letter"),
		liveInput("Description", &m.desc, model.CheckDescription, "optional"),
	)
	cidr := fields[len(fields)-3].(*liveField)
	cidr.describe = func() string {
		if err := m.checkCIDR(m.cidr); err != nil {
			return "✗ " + err.Error() + m.suggestion()
		}
		return "inside " + m.vpcBlock() + "; /16 to /29; the first and last 3 addresses are reserved (ctrl+e: next free)"
	}
	cidr.suggest = m.suggestions
	cidr.fill = m.fill
	cidr.auto, cidr.filled = m.suggest, &m.filled
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *vswCreate) vpcBlock() string {
	if v := m.vpc(); v != nil {
		return v.CidrBlock
	}
	return "the VPC"
}

func (m *vswCreate) suggestion() string {
	if s, ok := m.fill(m.cidr); ok {
		return " — ctrl+e: " + s
	}
	if s := m.suggest(); s != "" && s != m.cidr {
		return " — next free: " + s
	}
	return ""
}

// suggestions offers the next free block of a few common sizes.
func (m *vswCreate) suggestions() []string {
	v := m.vpc()
	if v == nil {
		return nil
	}
	var out []string
	for _, bits := range []int{24, 23, 22, 20, 26, 28} {
		if s := model.NextFreeBlock(v.CidrBlock, m.siblings[v.VpcId], bits); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func (m *vswCreate) Check(fc *formCtx) error {
	if m.vpcID == "" {
		return fmt.Errorf("choose a VPC")
	}
	if m.zone == "" {
		return fmt.Errorf("choose a zone")
	}
	if !m.fixedVPC {
		if err := notOffered(m.vpcPicks(), m.vpcID, "is no longer in "+fc.region); err != nil {
			return fmt.Errorf("VPC: %w", err)
		}
	}
	if err := notOffered(m.zonePicks(), m.zone, "is no longer offered in "+fc.region); err != nil {
		return fmt.Errorf("zone: %w", err)
	}
	if err := m.checkCIDR(strings.TrimSpace(m.cidr)); err != nil {
		return fmt.Errorf("CIDR block: %w", err)
	}
	if err := model.DefaultName.Check(m.name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	return model.CheckDescription(m.desc)
}

func (m *vswCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := &client.CreateVSwitchInput{RegionId: fc.region, VpcId: m.vpcID, ZoneId: m.zone, CidrBlock: strings.TrimSpace(m.cidr),
		VSwitchName: m.name, Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateVSwitch(ctx, in)
	if err != nil {
		return nil, err
	}
	k := fc.host.Registry().MustLookup("vsw")
	return result(k, fc.region, out.VSwitchId, out.RequestId, in, k.Target), nil
}

type vswModify struct{ id, name, desc string }

func (m *vswModify) Title() string  { return "Edit VSwitch " + m.id }
func (m *vswModify) Action() string { return "ModifyVSwitchAttribute" }

func (m *vswModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		liveInput("Name", &m.name, keepSet(fc, "name", model.DefaultName.Check), "2-128 characters; starts with a letter"),
		liveInput("Description", &m.desc, keepSet(fc, "description", model.CheckDescription), "2-256 characters, starts with a letter"),
	))
}

func (m *vswModify) request(fc *formCtx) *client.ModifyVSwitchAttributeInput {
	return &client.ModifyVSwitchAttributeInput{RegionId: fc.region, VSwitchId: m.id, VSwitchName: m.name, Description: m.desc}
}

func (m *vswModify) Check(fc *formCtx) error {
	if err := model.DefaultName.Check(m.name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	if err := model.CheckDescription(m.desc); err != nil {
		return err
	}
	return editRefusal(fc.target, m.Action(), m.request(fc))
}

func (m *vswModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyVSwitchAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	k := fc.host.Registry().MustLookup("vsw")
	return result(k, fc.region, m.id, out.RequestId, in, k.Target), nil
}

package forms

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
func OpsFor(k *model.Kind) KindOps {
	switch k.Name {
	case "vpc":
		return VpcOps()
	case "vsw":
		return VswOps()
	}
	return familyOps(k)
}

// ---- VPC ----

func VpcOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation { return &VpcCreate{CidrChoice: model.VpcCIDRPresets[0]} },
		Edit: func(fc *FormCtx) Mutation {
			return &VpcModify{*attrEditOf(fc, "VPC", "VpcId", "VpcName", client.ModifyVpcAttribute).
				hints("2-128 characters; starts with a letter; letters, digits, . _ -", "2-256 characters, starts with a letter")}
		},
		Del: dryDeleteByID(DeleteSpec{
			Blockers: []string{"vsw", "rt", "nat", "vpn", "vpcflowlog", "peer"},
			// The system route table goes with the VPC.
			Keep: func(o *model.Object) bool {
				if rt, ok := o.Val().(*model.RouteTable); ok {
					return rt.RouteTableType != "System"
				}
				return true
			},
			Refuse: onlyWhenAvailable,
		}, "VpcId", client.DeleteVpc),
	}
}

const CustomCIDR = "custom"

type VpcCreate struct {
	Name, Desc, CidrChoice, Cidr, rg string
	ipv6, dryRun                     bool
}

func (m *VpcCreate) Title() string  { return "Create VPC" }
func (m *VpcCreate) Action() string { return "CreateVpc" }

func (m *VpcCreate) Form(fc *FormCtx) *huh.Form {
	opts := []huh.Option[string]{}
	for _, p := range model.VpcCIDRPresets {
		opts = append(opts, huh.NewOption(p, p))
	}
	opts = append(opts, huh.NewOption("custom block…", CustomCIDR))
	return huh.NewForm(
		huh.NewGroup(
			liveInput("Name", &m.Name, model.DefaultName.Check, "2-128 characters; starts with a letter; letters, digits, . _ -"),
			huh.NewSelect[string]().Title("IPv4 CIDR block").Options(opts...).Value(&m.CidrChoice).
				Description("A VPC has one block, inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16 (/8 to /24). It cannot change later."),
		),
		huh.NewGroup(
			liveInput("Custom CIDR block", &m.Cidr, required("a CIDR block", func(s string) error { _, err := model.CheckVpcCIDR(s); return err }), "e.g. 10.30.0.0/16"),
		).WithHideFunc(func() bool { return m.CidrChoice != CustomCIDR }),
		huh.NewGroup(
			liveInput("Description", &m.Desc, model.CheckDescription, "optional; 2-256 characters, starts with a letter"),
			huh.NewInput().Title("Resource group ID").Value(&m.rg).Description("optional, e.g. rg-acfmxazb4ph6aiy"),
			huh.NewConfirm().Title("Enable IPv6?").Value(&m.ipv6),
			huh.NewConfirm().Title("Dry run only?").Description("Validate without creating anything").Value(&m.dryRun),
		),
	)
}

func (m *VpcCreate) block() string {
	if m.CidrChoice == CustomCIDR {
		return strings.TrimSpace(m.Cidr)
	}
	return m.CidrChoice
}

func (m *VpcCreate) Check(fc *FormCtx) error {
	if err := model.DefaultName.Check(m.Name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	if _, err := model.CheckVpcCIDR(m.block()); err != nil {
		return fmt.Errorf("CIDR block: %w", err)
	}
	if err := model.CheckDescription(m.Desc); err != nil {
		return fmt.Errorf("description: %w", err)
	}
	return nil
}

func (m *VpcCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateVpcInput{RegionId: fc.Region, VpcName: m.Name, CidrBlock: m.block(), Description: m.Desc,
		ResourceGroupId: strings.TrimSpace(m.rg), DryRun: m.dryRun, ClientToken: token}
	if m.ipv6 {
		in.EnableIpv6 = &m.ipv6
	}
	out, err := client.CreateVpc.Call(ctx, fc.Client, in)
	return created(fc, m, "vpc", "VpcId", in, out, err)
}

// VpcModify renames a VPC or changes its description.
type VpcModify struct {
	AttrEdit[client.ModifyVpcAttributeInput]
}

// ---- VSwitch ----

func VswOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &VswCreate{Mask: "24"}
			if fc.Parent != nil && fc.Parent.Kind.Name == "vpc" {
				m.VpcID = fc.Parent.ID
				m.FixedVPC = true
			}
			return m
		},
		Edit: func(fc *FormCtx) Mutation {
			return &VswModify{*attrEditOf(fc, "VSwitch", "VSwitchId", "VSwitchName", client.ModifyVSwitchAttribute).
				hints("2-128 characters; starts with a letter", "2-256 characters, starts with a letter")}
		},
		Del: dryDeleteByID(DeleteSpec{
			Blockers: []string{"havip"},
			Refuse:   onlyWhenAvailable,
		}, "VSwitchId", client.DeleteVSwitch),
	}
}

// vswCreate creates a VSwitch: the zone list comes from DescribeZones, and
// the CIDR field suggests the next free block and rejects overlaps.
type VswCreate struct {
	VpcID, Zone, Cidr, Name, Desc, Mask string
	FixedVPC                            bool

	// filled is the CIDR block the form filled in itself (the next free
	// block); while the field holds it, it follows the chosen VPC.
	filled string

	// loaded by Prepare, on every opening
	Vpcs     []*model.Vpc
	zones    []*model.Zone
	siblings map[string][]string // VPC ID → VSwitch blocks
	Routes   map[string][]string // VPC ID → route destinations (when loaded)
}

func (m *VswCreate) Title() string  { return createTitle("VSwitch", when(m.FixedVPC, "in "+m.VpcID)) }
func (m *VswCreate) Action() string { return "CreateVSwitch" }

// Prepare loads the VPCs, zones, VSwitch blocks and routes on every
// opening, a draft's too: the draft keeps what was typed, and a choice no
// longer offered is marked.
func (m *VswCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	vpcs, err := client.DescribeVpcs.Call(ctx, fc.Client, &client.DescribeVpcsInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	zones, err := client.DescribeZones.Call(ctx, fc.Client, &client.DescribeZonesInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	// Every VPC's blocks when the VPC can be changed: the suggestion
	// follows the choice.
	only := ""
	if m.FixedVPC {
		only = m.VpcID
	}
	sws, err := client.DescribeVSwitches.Call(ctx, fc.Client, &client.DescribeVSwitchesInput{RegionId: fc.Region, VpcId: only})
	if err != nil {
		return err
	}
	m.Vpcs, m.zones = vpcs, zones
	m.siblings = map[string][]string{}
	for _, s := range sws {
		m.siblings[s.VpcId] = append(m.siblings[s.VpcId], s.CidrBlock)
	}
	if m.VpcID == "" && len(vpcs) > 0 {
		m.VpcID = vpcs[0].VpcId
	}
	// A VSwitch block must not equal a route's destination: read the
	// chosen VPC's routes first, then the others (bounded).
	ids := []string{m.VpcID}
	for _, v := range vpcs {
		if v.VpcId != m.VpcID && !m.FixedVPC {
			ids = append(ids, v.VpcId)
		}
	}
	if m.Routes, err = routeDests(ctx, fc, ids); err != nil {
		return err
	}
	if m.Zone == "" && len(zones) > 0 {
		m.Zone = zones[0].ZoneId
	}
	if m.Cidr == "" || m.Cidr == m.filled {
		m.Cidr = m.suggest()
		m.filled = m.Cidr
	}
	return nil
}

func (m *VswCreate) vpcPicks() []Pick  { return pickList(m.Vpcs, vpcCols) }
func (m *VswCreate) zonePicks() []Pick { return pickList(m.zones, zoneCols) }

// fill is what ctrl+e puts in the CIDR field: the next free block when
// the field is empty, or when it holds a block that does not fit (of the
// size typed); otherwise ctrl+e completes the prefix typed.
func (m *VswCreate) fill(cur string) (string, bool) {
	v := m.vpc()
	if v == nil {
		return "", false
	}
	bits := 24
	if strings.TrimSpace(cur) != "" {
		p, err := model.ParseCIDR(cur)
		if err != nil || m.CheckCIDR(cur) == nil {
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

func (m *VswCreate) vpc() *model.Vpc {
	for _, v := range m.Vpcs {
		if v.VpcId == m.VpcID {
			return v
		}
	}
	return nil
}

// suggest is the next free block of the chosen size in the VPC.
func (m *VswCreate) suggest() string {
	v := m.vpc()
	if v == nil {
		return ""
	}
	bits := 24
	fmt.Sscan(m.Mask, &bits)
	return model.NextFreeBlock(v.CidrBlock, m.siblings[v.VpcId], bits)
}

func (m *VswCreate) CheckCIDR(s string) error {
	v := m.vpc()
	if v == nil {
		return fmt.Errorf("choose a VPC first")
	}
	p, err := model.CheckVSwitchCIDR(s, v.CidrBlock, m.siblings[v.VpcId])
	if err != nil {
		return err
	}
	return model.CheckVSwitchAgainstRoutes(p, m.Routes[v.VpcId])
}

func (m *VswCreate) Form(fc *FormCtx) *huh.Form {
	fields := []huh.Field{}
	if !m.FixedVPC {
		fields = append(fields, pickerWith("VPC", &m.VpcID, m.vpcPicks(), "this region has no VPC", "is no longer in "+fc.Region, 6, ""))
	}
	fields = append(fields,
		pickerWith("Zone", &m.Zone, m.zonePicks(), "DescribeZones offers no zone in "+fc.Region, "is no longer offered in "+fc.Region,
			6, "From DescribeZones for "+fc.Region),
		liveInput("CIDR block", &m.Cidr, required("a CIDR block", m.CheckCIDR), ""),
		liveInput("Name", &m.Name, model.DefaultName.Check, "optional; 2-128 characters, starts with a letter"),
		liveInput("Description", &m.Desc, model.CheckDescription, "optional"),
	)
	cidr := fields[len(fields)-3].(*liveField)
	cidr.describe = func() string {
		if err := m.CheckCIDR(m.Cidr); err != nil {
			return "✗ " + err.Error() + m.suggestion()
		}
		return "inside " + m.vpcBlock() + "; /16 to /29; the first and last 3 addresses are reserved (ctrl+e: next free)"
	}
	cidr.suggest = m.suggestions
	cidr.fill = m.fill
	cidr.auto, cidr.filled = m.suggest, &m.filled
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *VswCreate) vpcBlock() string {
	if v := m.vpc(); v != nil {
		return v.CidrBlock
	}
	return "the VPC"
}

func (m *VswCreate) suggestion() string {
	if s, ok := m.fill(m.Cidr); ok {
		return " — ctrl+e: " + s
	}
	if s := m.suggest(); s != "" && s != m.Cidr {
		return " — next free: " + s
	}
	return ""
}

// suggestions offers the next free block of a few common sizes.
func (m *VswCreate) suggestions() []string {
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

func (m *VswCreate) Check(fc *FormCtx) error {
	if m.VpcID == "" {
		return fmt.Errorf("choose a VPC")
	}
	if m.Zone == "" {
		return fmt.Errorf("choose a zone")
	}
	if !m.FixedVPC {
		if err := notOffered(m.vpcPicks(), m.VpcID, "is no longer in "+fc.Region); err != nil {
			return fmt.Errorf("VPC: %w", err)
		}
	}
	if err := notOffered(m.zonePicks(), m.Zone, "is no longer offered in "+fc.Region); err != nil {
		return fmt.Errorf("zone: %w", err)
	}
	if err := m.CheckCIDR(strings.TrimSpace(m.Cidr)); err != nil {
		return fmt.Errorf("CIDR block: %w", err)
	}
	if err := model.DefaultName.Check(m.Name); err != nil {
		return fmt.Errorf("name: %w", err)
	}
	return model.CheckDescription(m.Desc)
}

func (m *VswCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateVSwitchInput{RegionId: fc.Region, VpcId: m.VpcID, ZoneId: m.Zone, CidrBlock: strings.TrimSpace(m.Cidr),
		VSwitchName: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateVSwitch.Call(ctx, fc.Client, in)
	return created(fc, m, "vsw", "VSwitchId", in, out, err)
}

// VswModify renames a VSwitch or changes its description.
type VswModify struct {
	AttrEdit[client.ModifyVSwitchAttributeInput]
}

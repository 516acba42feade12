package sim

import (
	"net/netip"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Stored kinds of the VPC family, and how they relate. Every value is the
// model type the API answers with, so an item is json.Marshal'ed as is
// (after Render fills in the fields derived from other records).
const (
	kindVpc        = "vpc"
	kindVSwitch    = "vsw"
	kindVRouter    = "vrouter"
	kindRouteTable = "rt"
	kindRouteEntry = "route"
	// kindInstance is an ECS instance: not listed by this API, but seeded
	// so that routes have an "Instance" next hop to point at.
	kindInstance = "ecs"
	// kindNatGateway is stored by the NAT family; VPC answers list the IDs
	// (NatGatewayIds) through its "vpc" ref.
	kindNatGateway = "ngw"
)

// Statuses shared by the family.
const (
	stPending   = "Pending"
	stAvailable = "Available"
	stDeleting  = "Deleting"
)

// defaultResourceGroup is the account's default resource group.
const defaultResourceGroup = "rg-acfmxazb4ph6aiy"

// instance is a minimal ECS instance (next hop target).
type instance struct {
	InstanceId       string `json:"InstanceId"`
	InstanceName     string `json:"InstanceName"`
	VpcId            string `json:"VpcId"`
	VSwitchId        string `json:"VSwitchId"`
	ZoneId           string `json:"ZoneId"`
	PrivateIpAddress string `json:"PrivateIpAddress"`
	Status           string `json:"Status"`
}

func vpcKinds(r *registry) {
	r.kind(kindOf(kindVpc, "vpc-", func(v *model.Vpc) string { return v.VpcId },
		func(v *model.Vpc) *string { return &v.Status }, hooks[model.Vpc]{
			Fill: func(st *store, v *model.Vpc) {
				v.VSwitchIds.VSwitchId = st.ids(kindVSwitch, "vpc", v.VpcId)
				v.RouterTableIds.RouterTableIds = st.ids(kindRouteTable, "vpc", v.VpcId)
				v.NatGatewayIds.NatGatewayIds = st.ids(kindNatGateway, "vpc", v.VpcId)
			},
		}))
	r.kind(kindOf(kindVSwitch, "vsw-", func(v *model.VSwitch) string { return v.VSwitchId },
		func(v *model.VSwitch) *string { return &v.Status }, hooks[model.VSwitch]{
			Refs: func(s *model.VSwitch) []ref {
				return []ref{{"vpc", s.VpcId}, {"zone", s.ZoneId}, {"rt", s.RouteTable.RouteTableId}}
			},
			Fill: func(st *store, v *model.VSwitch) {
				v.AvailableIpAddressCount -= int64(st.count(kindInstance, "vsw", v.VSwitchId))
			},
		}))
	r.kind(kindOf(kindVRouter, "vrt-", func(v *model.VRouter) string { return v.VRouterId },
		nil, hooks[model.VRouter]{
			Refs: func(v *model.VRouter) []ref { return []ref{{"vpc", v.VpcId}} },
			Fill: func(st *store, v *model.VRouter) {
				v.RouteTableIds.RouteTableId = st.ids(kindRouteTable, "router", v.VRouterId)
			},
		}))
	r.kind(kindOf(kindRouteTable, "vtb-", func(v *model.RouteTable) string { return v.RouteTableId },
		func(v *model.RouteTable) *string { return &v.Status }, hooks[model.RouteTable]{
			Refs: func(t *model.RouteTable) []ref {
				return []ref{{"vpc", t.VpcId}, {"router", t.RouterId}}
			},
			Fill: func(st *store, v *model.RouteTable) {
				v.VSwitchIds.VSwitchId = st.ids(kindVSwitch, "rt", v.RouteTableId)
			},
		}))
	r.kind(kindOf(kindRouteEntry, "rte-", func(v *model.RouteEntry) string { return v.RouteEntryId },
		func(v *model.RouteEntry) *string { return &v.Status }, hooks[model.RouteEntry]{
			Refs: func(e *model.RouteEntry) []ref {
				refs := []ref{{"rt", e.RouteTableId}}
				if e.Type == "Custom" {
					// Counted for the per-table quota and DeleteVpc's check.
					refs = append(refs, ref{"custom", e.RouteTableId})
				}
				for _, h := range e.NextHops.NextHop {
					// Lets a family find the routes that point at its
					// gateway before deleting it.
					refs = append(refs, ref{"nexthop", h.NextHopId})
				}
				return refs
			},
		}))
	r.kind(kindOf(kindInstance, "i-", func(i *instance) string { return i.InstanceId },
		func(i *instance) *string { return &i.Status }, hooks[instance]{
			Refs:        func(i *instance) []ref { return []ref{{"vpc", i.VpcId}, {"vsw", i.VSwitchId}} },
			NextHopType: "Instance",
		}))
}

// vpcArgs describe a new VPC.
type vpcArgs struct {
	Region, Name, Description, CIDR, ResourceGroup string
	IsDefault                                      bool
	IPv6                                           string
	UserCidrs                                      []string
	Tags                                           model.Tags
	Status                                         string
	Created                                        time.Time
}

// createVpc stores a VPC with its VRouter, its system route table and the
// table's system route, as CreateVpc does.
func createVpc(st *store, a vpcArgs) (vpc, vrouter, table *record) {
	rg := a.ResourceGroup
	if rg == "" {
		rg = defaultResourceGroup
	}
	created := model.FormatTime(a.Created)
	v := &model.Vpc{
		VpcId: st.newID(kindVpc, a.Region), VpcName: a.Name, RegionId: a.Region, Status: a.Status,
		CidrBlock: a.CIDR, Ipv6CidrBlock: a.IPv6, Description: a.Description, CreationTime: created,
		IsDefault: a.IsDefault, ResourceGroupId: rg, Tags: a.Tags,
	}
	v.VRouterId = st.newID(kindVRouter, a.Region)
	v.UserCidrs.UserCidr = a.UserCidrs
	vpc = st.mustAdd(kindVpc, a.Region, v)
	vrouter = st.mustAdd(kindVRouter, a.Region, &model.VRouter{
		VRouterId: v.VRouterId, VpcId: v.VpcId, RegionId: a.Region, CreationTime: created,
	})
	table = addRouteTable(st, vpc, "System", "", "", stAvailable, a.Created)
	return vpc, vrouter, table
}

// addRouteTable stores a route table of the VPC's VRouter with the system
// routes every table carries: 100.64.0.0/10 and each VSwitch block.
func addRouteTable(st *store, vpc *record, typ, name, desc, status string, created time.Time) *record {
	v := vpc.Value.(*model.Vpc)
	t := &model.RouteTable{
		RouteTableId: st.newID(kindRouteTable, vpc.Region), RouteTableName: name, RouteTableType: typ,
		RouterId: v.VRouterId, RouterType: "VRouter", VpcId: v.VpcId, Status: status,
		Description: desc, CreationTime: model.FormatTime(created), ResourceGroupId: v.ResourceGroupId,
	}
	rt := st.mustAdd(kindRouteTable, vpc.Region, t)
	addSystemEntry(st, rt, model.CGNAT.String(), "service", created)
	for _, sw := range st.children(kindVSwitch, "vpc", v.VpcId) {
		addSystemEntry(st, rt, sw.Value.(*model.VSwitch).CidrBlock, "local", created)
	}
	return rt
}

func addSystemEntry(st *store, rt *record, dest, hopType string, created time.Time) *record {
	e := &model.RouteEntry{
		RouteEntryId: st.newID(kindRouteEntry, rt.Region), RouteTableId: rt.ID, DestinationCidrBlock: dest,
		Type: "System", Status: stAvailable, IpVersion: "ipv4", CreationTime: model.FormatTime(created),
	}
	e.NextHops.NextHop = []model.NextHop{{NextHopType: hopType, Enabled: 1}}
	return st.mustAdd(kindRouteEntry, rt.Region, e)
}

// entryArgs describe a custom route entry.
type entryArgs struct {
	Dest, Name, Description string
	Hops                    []model.NextHop
	Status                  string
	Created                 time.Time
}

func addCustomEntry(st *store, rt *record, a entryArgs) *record {
	e := &model.RouteEntry{
		RouteEntryId: st.newID(kindRouteEntry, rt.Region), RouteEntryName: a.Name, RouteTableId: rt.ID,
		DestinationCidrBlock: a.Dest, Type: "Custom", Status: a.Status, IpVersion: "ipv4",
		Description: a.Description, CreationTime: model.FormatTime(a.Created),
	}
	e.NextHops.NextHop = a.Hops
	return st.mustAdd(kindRouteEntry, rt.Region, e)
}

// vswArgs describe a new VSwitch.
type vswArgs struct {
	Zone, CIDR, Name, Description string
	IPv6                          string
	IsDefault                     bool
	Tags                          model.Tags
	Status                        string
	Created                       time.Time
}

// createVSwitch stores a VSwitch on the VPC's system route table and adds
// its block as a system route to every route table of the VPC.
func createVSwitch(st *store, vpc *record, a vswArgs) *record {
	v := vpc.Value.(*model.Vpc)
	sys := systemTable(st, v.VpcId)
	p, _ := netip.ParsePrefix(a.CIDR)
	sw := &model.VSwitch{
		VSwitchId: st.newID(kindVSwitch, vpc.Region), VSwitchName: a.Name, VpcId: v.VpcId, ZoneId: a.Zone,
		Status: a.Status, CidrBlock: a.CIDR, Ipv6CidrBlock: a.IPv6, Description: a.Description,
		CreationTime: model.FormatTime(a.Created), ResourceGroupId: v.ResourceGroupId, Tags: a.Tags,
		IsDefault: a.IsDefault,
		// The first and the last three addresses are reserved.
		AvailableIpAddressCount: int64(1)<<(32-p.Bits()) - 4,
	}
	if sys != nil {
		sw.RouteTable = model.RouteTableRef{RouteTableId: sys.ID, RouteTableType: "System"}
	}
	rec := st.mustAdd(kindVSwitch, vpc.Region, sw)
	for _, rt := range st.children(kindRouteTable, "vpc", v.VpcId) {
		addSystemEntry(st, rt, a.CIDR, "local", a.Created)
	}
	return rec
}

// bindTable makes sw use route table rt (custom) or its VPC's system table
// (rt == nil).
func bindTable(st *store, sw *record, rt *record) {
	v := vswOf(sw)
	ref := model.RouteTableRef{RouteTableType: "System"}
	if rt != nil {
		ref = model.RouteTableRef{RouteTableId: rt.ID, RouteTableType: "Custom"}
	} else if sys := systemTable(st, v.VpcId); sys != nil {
		ref.RouteTableId = sys.ID
	}
	st.change(sw, func() { v.RouteTable = ref })
}

// removeVSwitch deletes a VSwitch and its system routes.
func removeVSwitch(st *store, sw *record) {
	v := sw.Value.(*model.VSwitch)
	for _, rt := range st.children(kindRouteTable, "vpc", v.VpcId) {
		for _, e := range st.children(kindRouteEntry, "rt", rt.ID) {
			ev := e.Value.(*model.RouteEntry)
			if ev.Type == "System" && ev.DestinationCidrBlock == v.CidrBlock {
				st.remove(e)
			}
		}
	}
	st.remove(sw)
}

// removeRouteTable deletes a route table and every entry in it.
func removeRouteTable(st *store, rt *record) {
	for _, e := range st.children(kindRouteEntry, "rt", rt.ID) {
		st.remove(e)
	}
	st.remove(rt)
}

// systemTable returns the VPC's system route table.
func systemTable(st *store, vpcID string) *record {
	for _, rt := range st.children(kindRouteTable, "vpc", vpcID) {
		if rt.Value.(*model.RouteTable).RouteTableType == "System" {
			return rt
		}
	}
	return nil
}

// vswitchCIDRs lists the blocks of the VPC's VSwitches.
func vswitchCIDRs(st *store, vpcID string) []string {
	var out []string
	for _, sw := range st.children(kindVSwitch, "vpc", vpcID) {
		out = append(out, sw.Value.(*model.VSwitch).CidrBlock)
	}
	return out
}

// ipv6Block returns a /56 for a VPC; vswitchIPv6 carves the /64 numbered n
// out of it.
func ipv6Block(st *store) string {
	a := [16]byte{0x24, 0x08, 0x40, 0x05}
	for i := 4; i < 7; i++ {
		a[i] = byte(st.rng.IntN(256))
	}
	return netip.PrefixFrom(netip.AddrFrom16(a), 56).String()
}

func vswitchIPv6(vpcBlock string, n int) string {
	p, err := netip.ParsePrefix(vpcBlock)
	if err != nil || !p.Addr().Is6() {
		return ""
	}
	a := p.Addr().As16()
	a[7] = byte(n)
	return netip.PrefixFrom(netip.AddrFrom16(a), 64).String()
}

// normalizeDest reads a route destination as the API does: a bare IPv4
// address is a /32.
func normalizeDest(s string) string {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "/") {
		if a, err := netip.ParseAddr(s); err == nil && a.Is4() {
			return s + "/32"
		}
	}
	return s
}

// nextBlock returns a free /24 in the VPC (for tests and seeders).
func nextBlock(st *store, vpc *record) string {
	return model.NextFreeBlock(vpcOf(vpc).CidrBlock, vswitchCIDRs(st, vpc.ID), 24)
}

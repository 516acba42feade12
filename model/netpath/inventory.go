// Package netpath answers "can this VSwitch reach that address, and if not,
// where and why not" from an inventory the console has already listed: the
// source VSwitch's route table, the longest-prefix match, the next hop
// resolved (NAT → SNAT, VPN → IPsec → customer gateway, VPC peering, router
// interface → VBR → BGP, IPv6 gateway, an instance, ENI or HaVip as the end)
// and the return path checked the same way. Pure functions over objects: no
// I/O.
package netpath

import (
	"net/netip"
	"sort"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Kinds are the registry kinds a path needs, listed in every region
// involved. Route entries come with their tables (DescribeRouteTables) and
// are handed in as objects of the "route" kind.
var Kinds = []string{"vpc", "vsw", "rt", "route", "nat", "snat", "vpn", "ipsec", "cgw", "peer", "ri", "vbr", "bgppeer", "ipv6gw", "havip"}

// block is one IPv4 or IPv6 block of a VSwitch.
type block struct {
	p   netip.Prefix
	vpc string
	obj *model.Object
}

// route is one entry of a table with its parsed destination.
type route struct {
	dst netip.Prefix
	obj *model.Object
	e   *model.RouteEntry
}

// Inventory indexes the objects a path walks. Build it once with New; Trace
// only reads it, so traces may run concurrently.
type Inventory struct {
	byID    map[string]*model.Object
	blocks  []block                    // every VSwitch block, by VPC ID
	tables  map[string][]route         // route table ID → entries, longest prefix first
	system  map[string]string          // VRouter (or VBR) ID → its system table
	snat    map[string][]*model.Object // NAT gateway ID → SNAT entries
	ipsec   map[string][]*model.Object // VPN gateway ID → IPsec connections
	bgp     map[string][]*model.Object // VBR ID → BGP peers
	ipv6gw  map[string]*model.Object   // VPC ID → IPv6 gateway
	vrouter map[string]*model.Object   // VRouter ID → its VPC
	havipIP map[netip.Addr]*model.Object
	// home are the regions an address is looked up in first (the ones
	// asked for; peer regions are loaded too and may reuse the blocks).
	home map[string]bool
}

// Home makes source addresses resolve in these regions first.
func (inv *Inventory) Home(regions ...string) *Inventory {
	inv.home = map[string]bool{}
	for _, r := range regions {
		inv.home[r] = true
	}
	return inv
}

// New indexes objs (any kinds; those not in Kinds are kept for lookups by ID).
func New(objs []*model.Object) *Inventory {
	inv := &Inventory{
		byID: map[string]*model.Object{}, tables: map[string][]route{},
		system: map[string]string{}, snat: map[string][]*model.Object{}, ipsec: map[string][]*model.Object{},
		bgp: map[string][]*model.Object{}, ipv6gw: map[string]*model.Object{}, vrouter: map[string]*model.Object{}, havipIP: map[netip.Addr]*model.Object{},
	}
	for _, o := range objs {
		if o == nil || o.Kind == nil {
			continue
		}
		if o.ID != "" {
			inv.byID[o.ID] = o
		}
		switch v := val(o).(type) {
		case *model.Vpc:
			inv.vrouter[v.VRouterId] = o
		case *model.VSwitch:
			for _, c := range []string{v.CidrBlock, v.Ipv6CidrBlock} {
				if p, err := netip.ParsePrefix(c); err == nil {
					inv.blocks = append(inv.blocks, block{p: p.Masked(), vpc: v.VpcId, obj: o})
				}
			}
		case *model.RouteTable:
			if strings.EqualFold(v.RouteTableType, "System") {
				inv.system[v.RouterId] = v.RouteTableId
			}
		case *model.RouteEntry:
			if p, err := netip.ParsePrefix(strings.TrimSpace(v.DestinationCidrBlock)); err == nil {
				inv.tables[v.RouteTableId] = append(inv.tables[v.RouteTableId], route{dst: p.Masked(), obj: o, e: v})
			}
		case *model.SnatEntry:
			inv.snat[v.NatGatewayId] = append(inv.snat[v.NatGatewayId], o)
		case *model.VpnConnection:
			inv.ipsec[v.VpnGatewayId] = append(inv.ipsec[v.VpnGatewayId], o)
		case *model.BgpPeer:
			inv.bgp[v.RouterId] = append(inv.bgp[v.RouterId], o)
		case *model.Ipv6Gateway:
			inv.ipv6gw[v.VpcId] = o
		case *model.HaVip:
			if a, err := netip.ParseAddr(v.IpAddress); err == nil {
				inv.havipIP[a] = o
			}
		}
	}
	sort.SliceStable(inv.blocks, func(i, j int) bool { return inv.blocks[i].vpc < inv.blocks[j].vpc })
	for id, rs := range inv.tables {
		sortRoutes(rs)
		inv.tables[id] = rs
	}
	return inv
}

// sortRoutes orders a table longest prefix first (then by destination and
// ID, so that equal prefixes resolve the same way every time).
func sortRoutes(rs []route) {
	sort.SliceStable(rs, func(i, j int) bool {
		if rs[i].dst.Bits() != rs[j].dst.Bits() {
			return rs[i].dst.Bits() > rs[j].dst.Bits()
		}
		if c := rs[i].dst.Addr().Compare(rs[j].dst.Addr()); c != 0 {
			return c < 0
		}
		return rs[i].obj.ID < rs[j].obj.ID
	})
}

// match is the first route of a longest-first table that covers dst.
func match(rs []route, dst netip.Prefix) *route {
	for i := range rs {
		if covers(rs[i].dst, dst) {
			return &rs[i]
		}
	}
	return nil
}

// covers reports whether block p holds every address of q.
func covers(p, q netip.Prefix) bool {
	return p.Addr().Is4() == q.Addr().Is4() && p.Bits() <= q.Bits() && p.Contains(q.Addr())
}

// vswitchFor finds the VSwitch whose IPv4 or IPv6 block holds a, in vpc
// when vpc is set; else in the home regions first, then anywhere (VPCs in
// ID order, so the answer is the same every time).
func (inv *Inventory) vswitchFor(vpc string, a netip.Addr) *model.Object {
	var other *model.Object
	for _, b := range inv.blocks {
		if !b.p.Contains(a) || vpc != "" && b.vpc != vpc {
			continue
		}
		if vpc != "" || inv.home == nil || inv.home[b.obj.Region] {
			return b.obj
		}
		if other == nil {
			other = b.obj
		}
	}
	return other
}

// Get returns the object with that ID, if the inventory holds it.
func (inv *Inventory) Get(id string) *model.Object { return inv.byID[id] }

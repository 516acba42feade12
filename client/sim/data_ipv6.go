package sim

import (
	"fmt"
	"net/netip"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of IPv6. Demo: prod-core has IPv6 blocks, a Medium
// gateway and four addresses (two public, one behind an egress-only rule,
// one private); staging has IPv6 blocks and an address but no gateway yet;
// data-platform a Small gateway with one address behind an egress-only
// rule. Large: every fifth VPC has IPv6, a gateway (the specs in turn) and
// three addresses, every other one of those VPCs with public bandwidth on
// the router's address, every third with an egress-only rule.

// demoIpv6Addr is an IPv6 address of an ECS instance (the simulator keeps
// only the appliances as instances; the others are named for the reader).
type demoIpv6Addr struct {
	VSwitch, Instance string
	Charge            string // "" = private
	Mbps              int
	EgressOnly        bool
}

type demoIpv6 struct {
	Vpc, Gateway, Spec, Desc string
	Addrs                    []demoIpv6Addr
}

func demoIpv6s() []demoIpv6 {
	return []demoIpv6{
		{Vpc: "prod-core", Gateway: "prod-core-ipv6", Spec: "Medium", Desc: "IPv6 egress for production", Addrs: []demoIpv6Addr{
			{VSwitch: "prod-core-app-b", Instance: "fw-appliance-01", Charge: "PayByBandwidth", Mbps: 200},
			{VSwitch: "prod-core-app-f", Instance: "web-01", Charge: "PayByTraffic", Mbps: 50},
			{VSwitch: "prod-core-app-g", Instance: "web-02", EgressOnly: true},
			{VSwitch: "prod-core-db-b", Instance: "db-01"},
		}},
		{Vpc: "staging", Addrs: []demoIpv6Addr{{VSwitch: "staging-app-b", Instance: "staging-web-01"}}},
		{Vpc: "data-platform", Gateway: "data-ipv6", Spec: "Small", Desc: "Outbound IPv6 for the ingest fleet", Addrs: []demoIpv6Addr{
			{VSwitch: "data-ingest-e", Instance: "data-gateway-01", EgressOnly: true},
		}},
	}
}

func seedLargeIpv6(d *seedCtx) error {
	for i, sv := range d.everyVPC(5, 0) {
		if len(sv.VSwitches) < 3 {
			continue
		}
		n := i / 5
		enableIpv6(d.st, sv)
		created := vpcOf(sv.Vpc).CreationTime
		gw := addIpv6Gateway(d.st, sv.Vpc, ipv6GwArgs{Name: vpcOf(sv.Vpc).VpcName + "-ipv6",
			Spec: model.Ipv6CreateSpecs[n%3], Status: stAvailable, Created: created})
		for j, sw := range sv.VSwitches[:3] {
			addr := addIpv6Addr(d.st, sw, ipv6Owner(d.st, sw, ""), "", created)
			if j == 0 && n%2 == 0 {
				giveIpv6Bandwidth(d.st, addr, "PayByTraffic", 100)
			}
			if j == 1 && n%3 == 0 {
				addIpv6Rule(d.st, gw, addr, "", "", stAvailable)
			}
		}
	}
	return nil
}

func seedDemoIpv6(d *seedCtx) error {
	vpcs, vsws := d.vpcsByName(), d.vswitchesByName()
	for _, di := range demoIpv6s() {
		sv := vpcs[di.Vpc]
		if sv == nil {
			return fmt.Errorf("sim: demo IPv6: no VPC %s", di.Vpc)
		}
		enableIpv6(d.st, sv)
		created := model.FormatTime(d.daysAgo(30))
		var gw *record
		if di.Gateway != "" {
			gw = addIpv6Gateway(d.st, sv.Vpc, ipv6GwArgs{Name: di.Gateway, Description: di.Desc, Spec: di.Spec,
				Status: stAvailable, Created: created})
		}
		for _, da := range di.Addrs {
			sw := vsws[da.VSwitch]
			if sw == nil {
				return fmt.Errorf("sim: demo IPv6: no VSwitch %s", da.VSwitch)
			}
			addr := addIpv6Addr(d.st, sw, ipv6Owner(d.st, sw, da.Instance), da.Instance+"-v6", created)
			if da.Charge != "" {
				giveIpv6Bandwidth(d.st, addr, da.Charge, da.Mbps)
			}
			if da.EgressOnly && gw != nil {
				addIpv6Rule(d.st, gw, addr, da.Instance+"-egress-only", "Outbound only for "+da.Instance, stAvailable)
			}
		}
	}
	return nil
}

// enableIpv6 gives a seeded VPC a /56 and each of its VSwitches a /64.
func enableIpv6(st *store, sv *seededVpc) {
	v := vpcOf(sv.Vpc)
	st.change(sv.Vpc, func() { v.Ipv6CidrBlock = ipv6Block(st) })
	for i, sw := range sv.VSwitches {
		s := vswOf(sw)
		st.change(sw, func() { s.Ipv6CidrBlock = vswitchIPv6(v.Ipv6CidrBlock, i+1) })
	}
}

// ipv6Owner is the ID of the instance named name in sw when the simulator
// keeps it, else a fresh ECS instance ID.
func ipv6Owner(st *store, sw *record, name string) string {
	for _, i := range st.children(kindInstance, kindVSwitch, sw.ID) {
		if name == "" || i.Value.(*instance).InstanceName == name {
			return i.ID
		}
	}
	return st.newID(kindInstance, sw.Region)
}

// addIpv6Addr seeds a private, Available IPv6 address of instance in sw.
func addIpv6Addr(st *store, sw *record, instance, name, created string) *record {
	v := vswOf(sw)
	p, _ := netip.ParsePrefix(v.Ipv6CidrBlock)
	a := p.Addr().As16()
	for i := 8; i < 16; i++ {
		a[i] = byte(st.rng.IntN(256))
	}
	return st.mustAdd(kindIpv6Addr, sw.Region, &model.Ipv6Address{
		Ipv6AddressId: st.newID(kindIpv6Addr, sw.Region), Ipv6AddressName: name, Ipv6Address: netip.AddrFrom16(a).String(),
		Status: stAvailable, NetworkType: "Private", VpcId: v.VpcId, VSwitchId: v.VSwitchId,
		AssociatedInstanceId: instance, AssociatedInstanceType: "EcsInstance", AllocationTime: created,
	})
}

func giveIpv6Bandwidth(st *store, addr *record, charge string, mbps int) {
	setIpv6Bandwidth(st, addr, model.Ipv6InternetBandwidth{Ipv6InternetBandwidthId: st.newID(byBandwidth, addr.Region),
		Bandwidth: mbps, InternetChargeType: charge, InstanceChargeType: "PostPaid", BusinessStatus: "Normal"})
}

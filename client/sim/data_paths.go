package sim

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Demo data for path analysis (`:path`, `alivpc path`): the cases the other
// families' demo data does not have, away from cn-hangzhou (whose panes the
// screenshots and most goldens show). Seeded last, from a random stream of
// its own, so every other demo ID stays what it was.
//
// cn-beijing:
//   - analytics gets a VSwitch analytics-adhoc-j with no SNAT entry, on a
//     custom table that sends 0.0.0.0/0 to the NAT gateway: "SNAT missing";
//   - partner-gateway routes 10.70.0.0/16 to a peering request the partner
//     has not accepted yet: "peering Accepting";
//   - partner-gateway routes 10.130.0.0/16 through an entry still Pending;
//   - analytics routes 192.168.60.0/24 to a HaVip since released (a
//     blackhole).
//
// ap-southeast-1: a lab line (pc-dc-singapore-lab, vbr-dc-singapore-lab)
// whose only BGP peer has no router behind it, reached from sea-staging
// through its router interface for 192.168.100.0/24: "BGP Idle".
//
// cn-shanghai: data-platform sends ::/0 to its IPv6 gateway.
func seedPaths(d *seedCtx) error {
	if d.dataset != DatasetDemo {
		return nil
	}
	saved := d.st.rng
	d.st.rng = rand.New(rand.NewPCG(0x9a7b5, uint64(len(d.VPCs))))
	defer func() { d.st.rng = saved }()
	byName := d.vpcsByName()
	analytics, partner, data := byName["analytics"], byName["partner-gateway"], byName["data-platform"]
	if analytics == nil || partner == nil || data == nil {
		return fmt.Errorf("sim: path demo needs analytics, partner-gateway and data-platform")
	}
	since := d.daysAgo(3)
	entry := func(rt *record, dest, name, status, desc string, hop model.NextHop) *record {
		hop.Enabled = 1
		return addCustomEntry(d.st, rt, entryArgs{Dest: dest, Name: name, Status: status, Description: desc,
			Hops: []model.NextHop{hop}, Created: since})
	}
	// SNAT missing: the new VSwitch has a custom table of its own that
	// sends 0.0.0.0/0 to the NAT gateway.
	if nats := d.st.children(kindNatGateway, "vpc", analytics.Vpc.ID); len(nats) > 0 {
		rt := addRouteTable(d.st, analytics.Vpc, "Custom", "analytics-adhoc", "Ad-hoc notebooks", stAvailable, since)
		sw := createVSwitch(d.st, analytics.Vpc, vswArgs{Zone: analytics.Vpc.Region + "-j", CIDR: "10.40.3.0/24", Name: "analytics-adhoc-j",
			Description: "Ad-hoc notebooks; its SNAT entry is still to be added", Status: stAvailable, Created: since})
		bindTable(d.st, sw, rt)
		entry(rt, "0.0.0.0/0", "adhoc-egress", stAvailable, "Outbound for the notebooks",
			model.NextHop{NextHopType: "NatGateway", NextHopId: nats[0].ID})
	}
	// Peering Accepting (a request of its own: the partner's existing one
	// stays free of routes, so it can be deleted) and a Pending entry.
	pcc := addPeerRec(d.st, peerArgs{
		Vpc: partner.Vpc, AcceptingUid: demoPartnerUID, AcceptingRegion: partner.Vpc.Region,
		AcceptingVpcId: d.st.newID(kindVpc, partner.Vpc.Region), Name: "partner-globex-reports",
		Description: "Waiting for Globex to accept", Bandwidth: -1, Status: pccAccepting, Created: model.FormatTime(since),
	})
	entry(partner.SystemRT, "10.70.0.0/16", "to-globex-reports", stAvailable, "Through partner-globex-reports, once Globex accepts",
		model.NextHop{NextHopType: "VpcPeer", NextHopId: pcc.ID})
	for _, e := range d.st.children(kindRouteEntry, "rt", partner.SystemRT.ID) {
		if hops := entryOf(e).NextHops.NextHop; len(hops) == 1 && hops[0].NextHopType == "Instance" {
			entry(partner.SystemRT, "10.130.0.0/16", "partner-initech", stPending, "Initech's link, being added",
				model.NextHop{NextHopType: "Instance", NextHopId: hops[0].NextHopId})
			break
		}
	}
	// BGP Idle: a lab line in Singapore whose VBR's only BGP peer has no
	// router behind it, reached from sea-staging.
	if lab := byName["sea-staging"]; lab != nil {
		pc := addDemoPC(d, demoPC{Region: lab.Vpc.Region, Name: "pc-dc-singapore-lab", Desc: "Lab rack in the Singapore data centre",
			AccessPoint: "ap-" + lab.Vpc.Region + "-lab", Operator: "Other", PortType: "1000Base-T", Location: "Singapore DC, lab row",
			Bandwidth: 1000, AgeDays: 30})
		created := parseTime(pcOf(pc).EnabledTime)
		vbr := addVbr(d.st, vbrArgs{PC: pc, Name: "vbr-dc-singapore-lab", Description: "Lab rack, BGP not configured on the customer side",
			CircuitCode: pcOf(pc).CircuitCode, Vlan: 301, Local: "10.254.3.1", Peer: "10.254.3.2", Mask: "255.255.255.248",
			Owner: AccountUID, Status: vbrActive, Created: created})
		grp := addBgpGroup(d.st, bgpGroupArgs{Vbr: vbr, Name: "bgp-dc-singapore-lab", Description: "Lab router, AS 65030",
			PeerAsn: 65030, LocalAsn: model.AliyunASN, RouteLimit: bgpRouteLimit, Status: stAvailable})
		addBgpPeer(d.st, bgpPeerArgs{Group: grp, Name: "lab-router", Description: "Wrong address: nobody answers",
			IP: "10.254.3.3", Status: stAvailable, Since: created.Add(time.Hour)})
		ri := addRouterInterface(d.st, lab.Vpc, vbr, "to-vbr-dc-singapore-lab")
		entry(lab.SystemRT, "192.168.100.0/24", "lab-via-vbr", stAvailable, "Lab rack over vbr-dc-singapore-lab",
			model.NextHop{NextHopType: "RouterInterface", NextHopId: ri.ID})
	}
	// Blackhole.
	entry(analytics.SystemRT, "192.168.60.0/24", "to-old-firewall", stAvailable, "The firewall pair's old HaVip, since released",
		model.NextHop{NextHopType: "HaVip", NextHopId: "havip-" + d.st.codes[analytics.Vpc.Region] + "0ldf1rewa11gone0000"})
	// IPv6 to the Internet, in every table of data-platform.
	if gw := vpcIpv6Gateway(d.st, data.Vpc.ID); gw != nil {
		for _, rt := range d.st.children(kindRouteTable, "vpc", data.Vpc.ID) {
			e := entry(rt, "::/0", "ipv6-default", stAvailable, "IPv6 egress",
				model.NextHop{NextHopType: "Ipv6Gateway", NextHopId: gw.ID})
			entryOf(e).IpVersion = "ipv6"
		}
	}
	return nil
}

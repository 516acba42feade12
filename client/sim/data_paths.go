package sim

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Demo data for path analysis (`:path`, `alivpc path`): the cases the
// other families' demo data does not have. Seeded last, from a random
// stream of its own, so every other demo ID stays what it was.
//
//   - staging-private (staging-db-b's table) sends 0.0.0.0/0 to the staging
//     NAT gateway, which has no SNAT entry for staging-db-b: "SNAT missing";
//   - dev-sandbox asks staging for a peering that is still Accepting, and
//     routes staging's block to it: "peering Accepting";
//   - a second Hangzhou VBR whose only BGP peer has no router behind it,
//     reached from prod-core through its router interface: "BGP Idle";
//   - prod-core routes 192.168.50.0/24 through an entry still Pending, and
//     192.168.60.0/24 to a HaVip that no longer exists (a blackhole);
//   - prod-core sends ::/0 to its IPv6 gateway.
func seedPaths(d *seedCtx) error {
	if d.dataset != DatasetDemo {
		return nil
	}
	saved := d.st.rng
	d.st.rng = rand.New(rand.NewPCG(0x9a7b5, uint64(len(d.VPCs))))
	defer func() { d.st.rng = saved }()
	byName := map[string]*seededVpc{}
	for _, sv := range d.VPCs {
		byName[vpcOf(sv.Vpc).VpcName] = sv
	}
	prod, staging, dev := byName["prod-core"], byName["staging"], byName["dev-sandbox"]
	if prod == nil || staging == nil || dev == nil || len(staging.CustomRTs) == 0 {
		return fmt.Errorf("sim: path demo needs prod-core, staging (with a custom table) and dev-sandbox")
	}
	since := d.now.Add(-3 * 24 * time.Hour)
	entry := func(rt *record, dest, name, status, desc string, hop model.NextHop) *record {
		hop.Enabled = 1
		return addCustomEntry(d.st, rt, entryArgs{Dest: dest, Name: name, Status: status, Description: desc,
			Hops: []model.NextHop{hop}, Created: since})
	}
	// SNAT missing.
	if nats := d.st.children(kindNatGateway, "vpc", staging.Vpc.ID); len(nats) > 0 {
		entry(staging.CustomRTs[0], "0.0.0.0/0", "db-egress", stAvailable, "Outbound for the database tier; its SNAT entry is still to be added",
			model.NextHop{NextHopType: "NatGateway", NextHopId: nats[0].ID})
	}
	// Peering Accepting.
	sb := vpcOf(staging.Vpc)
	pcc := addPeerRec(d.st, peerArgs{
		Vpc: dev.Vpc, AcceptingUid: AccountUID, AcceptingRegion: staging.Vpc.Region, AcceptingVpcId: sb.VpcId,
		AcceptingCidrs: vpcCidrs(sb), Name: "dev-sandbox-to-staging", Description: "Waiting for the staging owners to accept",
		Bandwidth: -1, Status: pccAccepting, Created: model.FormatTime(since),
	})
	entry(dev.SystemRT, sb.CidrBlock, "to-staging", stAvailable, "Through dev-sandbox-to-staging",
		model.NextHop{NextHopType: "VpcPeer", NextHopId: pcc.ID})
	// BGP Idle: a second VBR on the Hangzhou line whose peer never answers.
	if pcs := d.st.inRegion(kindPC, prod.Vpc.Region); pcs != nil {
		if recs, _ := pcs.page(nil, 0, 1); len(recs) > 0 {
			pc := recs[0]
			created, _ := time.Parse(model.TimeLayout, pcOf(pc).EnabledTime)
			vbr := addVbr(d.st, vbrArgs{PC: pc, Name: "vbr-dc-hangzhou-lab", Description: "Lab rack, BGP not configured on the customer side",
				CircuitCode: pcOf(pc).CircuitCode, Vlan: 102, Local: "10.254.2.1", Peer: "10.254.2.2", Mask: "255.255.255.248",
				Owner: AccountUID, Status: vbrActive, Created: created})
			grp := addBgpGroup(d.st, bgpGroupArgs{Vbr: vbr, Name: "bgp-dc-hangzhou-lab", Description: "Lab router, AS 65030",
				PeerAsn: 65030, LocalAsn: model.AliyunASN, RouteLimit: bgpRouteLimit, Status: stAvailable})
			addBgpPeer(d.st, bgpPeerArgs{Group: grp, Name: "lab-router", Description: "Wrong address: nobody answers",
				IP: "10.254.2.3", Status: stAvailable, Since: created.Add(time.Hour)})
			ri := addRouterInterface(d.st, prod.Vpc, vbr, "to-vbr-dc-hangzhou-lab")
			entry(prod.SystemRT, "192.168.100.0/24", "lab-via-vbr", stAvailable, "Lab rack over vbr-dc-hangzhou-lab",
				model.NextHop{NextHopType: "RouterInterface", NextHopId: ri.ID})
		}
	}
	// Pending entry, blackhole.
	if gws := d.st.children(kindVpnGateway, "vpc", prod.Vpc.ID); len(gws) > 0 {
		entry(prod.SystemRT, "192.168.50.0/24", "to-branch-new", stPending, "New branch office, being added",
			model.NextHop{NextHopType: "VpnGateway", NextHopId: gws[0].ID})
	}
	entry(prod.SystemRT, "192.168.60.0/24", "to-old-firewall", stAvailable, "The firewall pair's old HaVip, since released",
		model.NextHop{NextHopType: "HaVip", NextHopId: "havip-" + d.st.codes[prod.Vpc.Region] + "0ldf1rewa11gone0000"})
	// IPv6 to the Internet.
	if gws := d.st.children(kindIpv6Gw, kindVpc, prod.Vpc.ID); len(gws) > 0 {
		e := entry(prod.SystemRT, "::/0", "ipv6-default", stAvailable, "IPv6 egress",
			model.NextHop{NextHopType: "Ipv6Gateway", NextHopId: gws[0].ID})
		entryOf(e).IpVersion = "ipv6"
	}
	return nil
}

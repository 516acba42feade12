package sim

import (
	"fmt"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Seeding of VPC peering. Demo: every PeerWith hook becomes an Activated
// connection within the account (seedPeerPair); and partner-gateway has a
// request to another account's VPC waiting in Accepting. Large: see
// seedLargePeer.

// PartnerAccountUID is the other account of the demo's pending request;
// PartnerAccessKeyID acts for it.
const PartnerAccountUID int64 = 1688000000000001

const demoPartnerUID = PartnerAccountUID

func seedDemoPeer(d *seedCtx) error {
	byName := d.vpcsByName()
	for _, sv := range d.VPCs {
		if sv.PeerWith == "" {
			continue
		}
		other := byName[sv.PeerWith]
		if other == nil {
			return fmt.Errorf("sim: demo VPC %s peers with unknown VPC %s", vpcOf(sv.Vpc).VpcName, sv.PeerWith)
		}
		seedPeerPair(d, sv, other)
	}
	if sv := byName["partner-gateway"]; sv != nil {
		seedPartnerRequest(d, sv, "partner-acme-shared", "Waiting for ACME to accept")
	}
	return nil
}

// Large dataset peering, per region: VPC 10k with VPC 10k+1 (8 pairs),
// VPC 2 with VPC 3 of the next region (cross-region), and in every fifth
// region a request to the partner account waiting in Accepting.
func seedLargePeer(d *seedCtx) error {
	regions := d.largeRegions()
	n := len(regions)
	at := func(r, i int) *seededVpc { return d.VPCs[r*largeVpcsPerReg+i] }
	for r := range regions {
		for i := 0; i+1 < largeVpcsPerReg; i += 10 {
			seedPeerPair(d, at(r, i), at(r, i+1))
		}
		if n > 1 {
			seedPeerPair(d, at(r, 2), at((r+1)%n, 3))
		}
		if r%5 == 0 {
			seedPartnerRequest(d, at(r, 4), "partner-request-"+regions[r], "Waiting for the partner to accept")
		}
	}
	return nil
}

// seedPeerPair connects sv to other (Activated, within the account) with
// routes to the other VPC's block in each side's system table (a
// cross-region connection is a route next hop only in its own region, so
// the accepter side of those gets none).
func seedPeerPair(d *seedCtx, sv, other *seededVpc) {
	a, b := vpcOf(sv.Vpc), vpcOf(other.Vpc)
	created := d.daysAgo(30)
	for _, t := range []string{a.CreationTime, b.CreationTime} {
		if c, err := time.Parse(model.TimeLayout, t); err == nil && c.After(created) {
			created = c.Add(24 * time.Hour)
		}
	}
	cross := sv.Vpc.Region != other.Vpc.Region
	bandwidth, link := -1, ""
	if cross {
		bandwidth, link = 200, "Gold"
	}
	pcc := addPeerRec(d.st, peerArgs{
		Vpc: sv.Vpc, AcceptingUid: AccountUID, AcceptingRegion: other.Vpc.Region, AcceptingVpcId: b.VpcId,
		AcceptingCidrs: vpcCidrs(b), Name: peerName(a.VpcName, b.VpcName),
		Description: fmt.Sprintf("%s reaches %s privately", a.VpcName, b.VpcName),
		Bandwidth:   bandwidth, LinkType: link, Status: pccActivated, Created: model.FormatTime(created),
	})
	routePeer(d.st, sv, pcc, b, created)
	if !cross {
		routePeer(d.st, other, pcc, a, created)
	}
}

// seedPartnerRequest makes a request from sv to a VPC of the partner
// account, waiting in Accepting.
func seedPartnerRequest(d *seedCtx, sv *seededVpc, name, desc string) {
	addPeerRec(d.st, peerArgs{
		Vpc: sv.Vpc, AcceptingUid: demoPartnerUID, AcceptingRegion: sv.Vpc.Region,
		AcceptingVpcId: d.st.newID(kindVpc, sv.Vpc.Region), Name: name, Description: desc,
		Bandwidth: -1, Status: pccAccepting, Created: model.FormatTime(d.daysAgo(2)),
	})
}

// routePeer routes the other VPC's block from sv's system table through the
// connection, unless the table already routes it.
func routePeer(st *store, sv *seededVpc, pcc *record, other *model.Vpc, created time.Time) {
	for _, e := range st.children(kindRouteEntry, "rt", sv.SystemRT.ID) {
		if entryOf(e).DestinationCidrBlock == other.CidrBlock {
			return
		}
	}
	addCustomEntry(st, sv.SystemRT, entryArgs{
		Dest: other.CidrBlock, Name: "to-" + other.VpcName, Status: stAvailable,
		Description: "Through " + pccOf(pcc).Name,
		Hops:        []model.NextHop{{NextHopType: "VpcPeer", NextHopId: pcc.ID, Enabled: 1}},
		Created:     created,
	})
}

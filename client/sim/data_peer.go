package sim

import (
	"fmt"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Demo seeding of VPC peering: every PeerWith hook becomes an Activated
// connection within the account, with routes to the other VPC's block in
// each side's system table (a cross-region connection is a route next hop
// only in its own region, so the accepter side of those gets none); and
// partner-gateway has a request to another account's VPC waiting in
// Accepting.

// PartnerAccountUID is the other account of the demo's pending request;
// PartnerAccessKeyID acts for it.
const PartnerAccountUID int64 = 1688000000000001

const demoPartnerUID = PartnerAccountUID

func seedPeer(d *seedCtx) error {
	if d.dataset != DatasetDemo {
		return nil
	}
	byName := map[string]*seededVpc{}
	for _, sv := range d.VPCs {
		byName[vpcOf(sv.Vpc).VpcName] = sv
	}
	for _, sv := range d.VPCs {
		if sv.PeerWith == "" {
			continue
		}
		other := byName[sv.PeerWith]
		if other == nil {
			return fmt.Errorf("sim: demo VPC %s peers with unknown VPC %s", vpcOf(sv.Vpc).VpcName, sv.PeerWith)
		}
		a, b := vpcOf(sv.Vpc), vpcOf(other.Vpc)
		created := d.now.Add(-30 * 24 * time.Hour)
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
	if sv := byName["partner-gateway"]; sv != nil {
		addPeerRec(d.st, peerArgs{
			Vpc: sv.Vpc, AcceptingUid: demoPartnerUID, AcceptingRegion: sv.Vpc.Region,
			AcceptingVpcId: d.st.newID(kindVpc, sv.Vpc.Region), Name: "partner-acme-shared",
			Description: "Waiting for ACME to accept", Bandwidth: -1, Status: pccAccepting,
			Created: model.FormatTime(d.now.Add(-2 * 24 * time.Hour)),
		})
	}
	return nil
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

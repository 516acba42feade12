package sim

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// VPC peering connections (VpcPeer 2022-01-01; seed 002, api-catalog §3.3).
//
// Lifecycle: CreateVpcPeerConnection goes Creating → Activated when both
// VPCs belong to the simulated account (AccountUID), Creating → Accepting
// when AcceptingAliUid is another account; an Accepting connection stays so
// until AcceptVpcPeerConnection (Updating → Activated) or
// RejectVpcPeerConnection (→ Rejected), which only the accepting account
// may call: a key of that account (Key.AccountID) does; the requester is
// refused with 403 Forbidden.NotAcceptingAccount (the product publishes no
// code for this; the sim's is shaped like its Forbidden.* codes).
// ModifyVpcPeerConnection goes Updating → Activated;
// DeleteVpcPeerConnection goes Deleting → gone (GetVpcPeerConnectionAttribute
// then answers ResourceNotFound.InstanceId), and is refused while routes
// point at the connection unless Force=true, which deletes those routes.
//
// Codes: seed 002's table plus the product's published ones:
// Conflict.Operation for a second creation while one is running on either
// VPC, ResourceNotFound.InstanceId, IncorrectStatus.VpcPeer,
// OperationDenied.RouteEntryExist and IllegalParam.<name>. A missing VPC
// has no published code: the sim answers ResourceNotFound.VpcId and
// ResourceNotFound.AcceptingVpcId in the same shape.

// AccountUID is the simulated account's Alibaba Cloud account ID: the owner
// of every seeded resource. A peer connection whose AcceptingAliUid is
// another number, or a VBR whose VbrOwnerId is, crosses accounts.
const AccountUID int64 = 1398712340005678

const kindPeer = "peer"

// Peer connection statuses.
const (
	pccCreating  = "Creating"
	pccAccepting = "Accepting"
	pccUpdating  = "Updating"
	pccActivated = "Activated"
	pccRejected  = "Rejected"
	pccDeleting  = "Deleting"
)

const (
	// peersPerVpc is the QuotaExceeded.VpcPeerCountPerVpc limit.
	peersPerVpc = 10
	// crossRegionBandwidth is a cross-region connection's default Mbps;
	// within a region the bandwidth is unlimited (-1).
	crossRegionBandwidth = 1024
)

func pccOf(r *record) *model.VpcPeerConnection { return r.Value.(*model.VpcPeerConnection) }

func addPeer(r *registry) {
	r.kind(kindOf(kindPeer, "pcc-", func(p *model.VpcPeerConnection) string { return p.InstanceId },
		func(p *model.VpcPeerConnection) *string { return &p.Status }, hooks[model.VpcPeerConnection]{
			Refs: func(p *model.VpcPeerConnection) []ref {
				// Both VPCs, so a route in either may point at it; both
				// regions, so either side's list shows it; and one index
				// of all connections for lists without a region.
				refs := []ref{{kindVpc, p.Vpc.VpcId}, {kindVpc, p.AcceptingVpc.VpcId}, {"peerregion", p.RegionId}, {"all", kindPeer}}
				if p.AcceptingRegionId != p.RegionId {
					refs = append(refs, ref{"peerregion", p.AcceptingRegionId})
				}
				return refs
			},
			NextHopType: "VpcPeer",
		}))
	vp := model.ProductVpcPeer
	r.writeDry(vp, "CreateVpcPeerConnection", createPeerOp)
	r.writeDry(vp, "AcceptVpcPeerConnection", with(lookupPeer, answerPeerOp(pccUpdating, pccActivated)))
	r.writeDry(vp, "RejectVpcPeerConnection", with(lookupPeer, answerPeerOp(pccRejected, "")))
	r.writeDry(vp, "ModifyVpcPeerConnection", with(lookupPeer, modifyPeerOp))
	r.writeDry(vp, "DeleteVpcPeerConnection", with(lookupPeer, deletePeerOp))
	r.read(vp, "ListVpcPeerConnections", listPeers)
	r.read(vp, "GetVpcPeerConnectionAttribute", with(lookupPeer, rendered))

	r.block(kindVpc, kindPeer, "DependencyViolation.VpcPeer", "Specified object has dependent resources VpcPeer.")
	r.followUp("peer.delete", func(st *store, rec *record) {
		for _, e := range st.children(kindRouteEntry, "nexthop", rec.ID) {
			st.remove(e)
		}
	})
}

func errPeerIllegal(param string) error {
	return newErr(400, "IllegalParam."+param, "The param of "+param+" is illegal.")
}

func errPeerStatus(r *record) error {
	return errf(400, "IncorrectStatus.VpcPeer", "The status of VpcPeer [%s] is incorrect.", r.ID)
}

func lookupPeer(c *call) (*record, error) {
	return finder{kindPeer, "InstanceId", 400, "ResourceNotFound.InstanceId", "The specified resource of InstanceId is not found."}.in(c, "")
}

func checkPeerNameDesc(c *call) error {
	return nameDesc(c, "Name", model.PeerName, func(param string, _ error) error { return errPeerIllegal(param) })
}

// peerLink reads Bandwidth and LinkType, which only cross-region
// connections take.
func peerLink(c *call, cross bool) (bandwidth int, linkType string, err error) {
	if s := strings.TrimSpace(c.str("Bandwidth")); s != "" {
		n, err := strconv.Atoi(s)
		if err != nil || n <= 0 || model.CheckPeerBandwidth(n, cross) != nil {
			return 0, "", errPeerIllegal("Bandwidth")
		}
		bandwidth = n
	}
	if linkType = c.str("LinkType"); linkType != "" {
		if !cross {
			return 0, "", newErr(400, "OperationFailed.InterRegionLinkTypeNotSupported", "The same region not supported link type feature.")
		}
		if model.CheckPeerLinkType(linkType, cross) != nil {
			return 0, "", errPeerIllegal("LinkType")
		}
	}
	return bandwidth, linkType, nil
}

// peerBusy reports whether a connection touching either VPC is being
// created, updated or deleted.
func peerBusy(st *store, vpcIDs ...string) bool {
	for _, id := range vpcIDs {
		for _, r := range st.children(kindPeer, kindVpc, id) {
			switch st.status(r) {
			case pccCreating, pccUpdating, pccDeleting:
				return true
			}
		}
	}
	return false
}

// peerExists reports whether a live connection joins the two VPCs, in
// either direction.
func peerExists(st *store, a, b string) bool {
	for _, r := range st.children(kindPeer, kindVpc, a) {
		p := pccOf(r)
		if p.Status == pccRejected || p.Status == pccDeleting {
			continue
		}
		if p.Vpc.VpcId == b || p.AcceptingVpc.VpcId == b {
			return true
		}
	}
	return false
}

// vpcCidrs lists the VPC's IPv4 blocks as a peer connection shows them.
func vpcCidrs(v *model.Vpc) model.Strings {
	return append(model.Strings{v.CidrBlock}, v.UserCidrs.UserCidr...)
}

// peerArgs describe a new peer connection.
type peerArgs struct {
	Vpc               *record
	Owner             int64 // the requester's account; 0 is AccountUID
	AcceptingUid      int64
	AcceptingRegion   string
	AcceptingVpcId    string
	AcceptingCidrs    model.Strings
	Name, Description string
	Bandwidth         int
	LinkType          string
	ResourceGroup     string
	Tags              []model.Tag
	Status            string
	Created           string
}

func addPeerRec(st *store, a peerArgs) *record {
	v := vpcOf(a.Vpc)
	rg := a.ResourceGroup
	if rg == "" {
		rg = defaultResourceGroup
	}
	owner := a.Owner
	if owner == 0 {
		owner = AccountUID
	}
	p := &model.VpcPeerConnection{
		InstanceId: st.newID(kindPeer, a.Vpc.Region), Name: a.Name, Description: a.Description, Status: a.Status,
		BizStatus: "Normal", RegionId: a.Vpc.Region, OwnerId: model.FlexInt(owner),
		Vpc:               model.PeerVpc{VpcId: v.VpcId, Ipv4Cidrs: vpcCidrs(v), Ipv6Cidrs: model.Strings{}},
		AcceptingOwnerUid: model.FlexInt(a.AcceptingUid), AcceptingRegionId: a.AcceptingRegion,
		AcceptingVpc: model.PeerVpc{VpcId: a.AcceptingVpcId, Ipv4Cidrs: a.AcceptingCidrs, Ipv6Cidrs: model.Strings{}},
		Bandwidth:    int64(a.Bandwidth), LinkType: a.LinkType, GmtCreate: a.Created, GmtModified: a.Created,
		ResourceGroupId: rg, Tags: a.Tags,
	}
	if v.Ipv6CidrBlock != "" {
		p.Vpc.Ipv6Cidrs = model.Strings{v.Ipv6CidrBlock}
	}
	return st.mustAdd(kindPeer, a.Vpc.Region, p)
}

func createPeerOp(c *call) (any, error) {
	region, err := regionNeed(c, "VpcId", "AcceptingAliUid", "AcceptingRegionId", "AcceptingVpcId")
	if err != nil {
		return nil, err
	}
	uid, err := strconv.ParseInt(strings.TrimSpace(c.str("AcceptingAliUid")), 10, 64)
	if err != nil || uid <= 0 {
		return nil, errPeerIllegal("AcceptingAliUid")
	}
	accRegion := strings.TrimSpace(c.str("AcceptingRegionId"))
	if c.srv.region(accRegion) == nil {
		return nil, errPeerIllegal("AcceptingRegionId")
	}
	if err := checkPeerNameDesc(c); err != nil {
		return nil, err
	}
	cross := accRegion != region
	bandwidth, linkType, err := peerLink(c, cross)
	if err != nil {
		return nil, err
	}
	rg := c.str("ResourceGroupId")
	if rg != "" && !strings.HasPrefix(rg, "rg-") {
		return nil, newErr(400, "OperationFailed.NotExist.ResourceGroup", "The operation failed because the resource group does not exist.")
	}
	tags, err := edgeTags(c, "Tag")
	if err != nil {
		return nil, errPeerIllegal("TagKey")
	}
	vpcID, accVpcID := strings.TrimSpace(c.str("VpcId")), strings.TrimSpace(c.str("AcceptingVpcId"))
	vpc := c.st.find(kindVpc, region, vpcID)
	if vpc == nil {
		return nil, newErr(400, "ResourceNotFound.VpcId", "The specified resource of VpcId is not found.")
	}
	if c.st.status(vpc) != stAvailable {
		return nil, errf(400, "IncorrectStatus.Vpc", "The status of Vpc [%s] is incorrect.", vpcID)
	}
	if accVpcID == vpcID {
		return nil, errPeerIllegal("AcceptingVpcId")
	}
	var accCidrs model.Strings
	requester := c.caller.account()
	if uid == requester {
		acc := c.st.find(kindVpc, accRegion, accVpcID)
		if acc == nil {
			return nil, newErr(400, "ResourceNotFound.AcceptingVpcId", "The specified resource of AcceptingVpcId is not found.")
		}
		if c.st.status(acc) != stAvailable {
			return nil, errf(400, "IncorrectStatus.AcceptingVpc", "The status of AcceptingVpc [%s] is incorrect.", accVpcID)
		}
		accCidrs = vpcCidrs(vpcOf(acc))
	}
	if peerBusy(c.st, vpcID, accVpcID) {
		return nil, newErr(400, "Conflict.Operation", "There are other peering operations on the requester VPC or accepter VPC, try again later.")
	}
	if peerExists(c.st, vpcID, accVpcID) {
		return nil, newErr(400, "ResourceAlreadyExist.VpcPeer", "The specified resource of VpcPeer already exists.")
	}
	if n := c.st.count(kindPeer, kindVpc, vpcID); n >= peersPerVpc {
		return nil, errf(400, "QuotaExceeded.VpcPeerCountPerVpc", "The quota of VpcPeerCountPerVpc is exceeded, usage %d/%d.", n, peersPerVpc)
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	switch {
	case !cross:
		bandwidth = -1
	case bandwidth == 0:
		bandwidth = crossRegionBandwidth
	}
	if cross && linkType == "" {
		linkType = "Gold"
	}
	rec := addPeerRec(c.st, peerArgs{
		Vpc: vpc, Owner: requester, AcceptingUid: uid, AcceptingRegion: accRegion, AcceptingVpcId: accVpcID, AcceptingCidrs: accCidrs,
		Name: c.str("Name"), Description: c.str("Description"), Bandwidth: bandwidth, LinkType: linkType,
		ResourceGroup: rg, Tags: tags, Status: pccCreating, Created: model.FormatTime(c.now),
	})
	next := pccActivated
	if uid != requester {
		next = pccAccepting // until the other account accepts or rejects
	}
	c.st.schedule(rec, Transition{Due: c.due(), Status: next})
	return M{"InstanceId": rec.ID}, nil
}

// answerPeerOp accepts or rejects a connection waiting for the accepting
// account: it takes status, and then (when not "") when the settle time is
// over.
func answerPeerOp(status, then string) func(c *call, rec *record) (any, error) {
	return func(c *call, rec *record) (any, error) {
		if c.st.status(rec) != pccAccepting {
			return nil, errPeerStatus(rec)
		}
		if err := checkAccepter(c, rec); err != nil {
			return nil, err
		}
		if err := c.commit(); err != nil {
			return nil, err
		}
		p := pccOf(rec)
		c.st.change(rec, func() { p.Status, p.GmtModified = status, model.FormatTime(c.now) })
		if then != "" {
			c.st.schedule(rec, Transition{Due: c.due(), Status: then})
		}
		return nil, nil
	}
}

// checkAccepter refuses Accept and Reject from any account but the
// accepting one.
func checkAccepter(c *call, rec *record) error {
	if int64(pccOf(rec).AcceptingOwnerUid) != c.caller.account() {
		return newErr(403, "Forbidden.NotAcceptingAccount", "Only the accepting account may accept or reject this VPC peering connection.")
	}
	return nil
}

func modifyPeerOp(c *call, rec *record) (any, error) {
	if err := checkPeerNameDesc(c); err != nil {
		return nil, err
	}
	p := pccOf(rec)
	bandwidth, linkType, err := peerLink(c, p.CrossRegion())
	if err != nil {
		return nil, err
	}
	if p.Status != pccActivated {
		return nil, errPeerStatus(rec)
	}
	if err := commitEdit(c, rec, edits{"Name": &p.Name, "Description": &p.Description}, func() {
		if bandwidth != 0 {
			p.Bandwidth = int64(bandwidth)
		}
		if linkType != "" {
			p.LinkType = linkType
		}
		p.Status, p.GmtModified = pccUpdating, model.FormatTime(c.now)
	}); err != nil {
		return nil, err
	}
	c.st.schedule(rec, Transition{Due: c.due(), Status: pccActivated})
	return nil, nil
}

func deletePeerOp(c *call, rec *record) (any, error) {
	force, _, err := c.boolParam("Force")
	if err != nil {
		return nil, err
	}
	switch c.st.status(rec) {
	case pccCreating, pccUpdating, pccDeleting:
		return nil, errPeerStatus(rec)
	}
	if !force && c.st.count(kindRouteEntry, "nexthop", rec.ID) > 0 {
		return nil, newErr(400, "OperationDenied.RouteEntryExist", "The operation is not allowed because of existing routeEntry point to VpcPeer.")
	}
	return removeLater(c, rec, pccDeleting, "peer.delete")
}

// peerVpcFilter reads ListVpcPeerConnections' VpcId: a JSON array (the
// current SDKs), VpcId.N (the older SDK), or a comma-separated list. At
// most two: the two ends of a connection, in either role.
func peerVpcFilter(c *call) ([]string, error) {
	var ids []string
	if s := strings.TrimSpace(c.str("VpcId")); s != "" {
		if strings.HasPrefix(s, "[") {
			if err := json.Unmarshal([]byte(s), &ids); err != nil {
				return nil, errPeerIllegal("VpcId")
			}
		} else {
			ids = strings.Split(s, ",")
		}
	}
	ids = append(ids, c.repeated("VpcId", 20)...)
	var out []string
	for _, id := range ids {
		if id = strings.TrimSpace(id); id != "" {
			out = append(out, id)
		}
	}
	if len(out) > 2 {
		return nil, errPeerIllegal("VpcId")
	}
	return out, nil
}

func listPeers(c *call) (any, error) {
	region, err := c.optRegion()
	if err != nil {
		return nil, err
	}
	max, err := c.intParam("MaxResults", 20, 1, 100)
	if err != nil {
		return nil, errPeerIllegal("MaxResults")
	}
	after, err := parseToken("NextToken", c.str("NextToken"))
	if err != nil {
		return nil, errPeerIllegal("NextToken")
	}
	vpcs, err := peerVpcFilter(c)
	if err != nil {
		return nil, err
	}
	tags, err := edgeTags(c, "Tags")
	if err != nil {
		return nil, errPeerIllegal("TagKey")
	}
	ix := c.st.index(kindPeer, "all", kindPeer)
	if region != "" {
		ix = c.st.index(kindPeer, "peerregion", region)
	}
	var fs []func(*record) bool
	if id := c.str("InstanceId"); id != "" {
		fs = append(fs, func(r *record) bool { return r.ID == id })
	}
	if name := c.str("Name"); name != "" {
		fs = append(fs, func(r *record) bool { return pccOf(r).Name == name })
	}
	if rg := c.str("ResourceGroupId"); rg != "" {
		fs = append(fs, func(r *record) bool { return pccOf(r).ResourceGroupId == rg })
	}
	for _, v := range vpcs {
		fs = append(fs, func(r *record) bool { p := pccOf(r); return p.Vpc.VpcId == v || p.AcceptingVpc.VpcId == v })
	}
	if len(tags) > 0 {
		fs = append(fs, func(r *record) bool { return hasTags(pccOf(r).Tags, tags) })
	}
	keep := filters(fs...)
	recs, more := ix.after(keep, after, max)
	_, total := ix.page(keep, 0, 0)
	token := ""
	if more && len(recs) > 0 {
		token = seqToken(recs[len(recs)-1])
	}
	return M{"VpcPeerConnects": c.st.renderAll(recs), "NextToken": token, "MaxResults": max, "TotalCount": total}, nil
}

// peerName builds a demo connection's name from its VPCs' names.
func peerName(a, b string) string { return fmt.Sprintf("%s-to-%s", a, b) }

package sim

import (
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// BGP on VBRs: groups (one per peer AS), peers and advertised networks. The
// write operations share one documented error table (api-catalog §2.7);
// its codes and messages are used as printed, typos included. A BGP peer
// not found has no documented code: the sim answers InvalidBgpPeer, shaped
// like InvalidBgpGroup.
//
// BGP sessions. A new peer's BgpStatus goes Idle → Connect → Active →
// Established, one step per third of the settle time, and is Established
// once the peer is Available. The customer side answers only at the VBR's
// PeerGatewayIp, the one customer router the sim models as configured: a
// peer at any other address of the peering subnet (a second router not set
// up yet) cycles Idle → Connect → Active for ever and never establishes. A
// VBR that is not active has every session Idle; recovery, or a change to
// the peer or its group, restarts the session. The state is computed from
// the lifecycle clock when peers are listed.

const (
	kindBgpGroup   = "bgp"
	kindBgpPeer    = "bgppeer"
	kindBgpNetwork = "bgpnet"
)

// Per-VBR limits (QuotaExceeded.Bgp, QuotaExceeded.BgpNetwork).
const (
	bgpGroupsPerVbr   = 8
	bgpPeersPerVbr    = 16
	bgpNetworksPerVbr = 50
)

// Session defaults every group reports.
const (
	bgpHold       = "30"
	bgpKeepalive  = "10"
	bgpRouteLimit = 110
)

// BGP session states.
const (
	bgpIdle        = "Idle"
	bgpConnect     = "Connect"
	bgpActive      = "Active"
	bgpEstablished = "Established"
)

func groupOf(r *record) *model.BgpGroup { return r.Value.(*model.BgpGroup) }

func peerOf(r *record) *model.BgpPeer { return r.Value.(*model.BgpPeer) }

func addBGP(r *registry) {
	r.kind(kindOf(kindBgpGroup, "bgpg-", func(g *model.BgpGroup) string { return g.BgpGroupId },
		func(g *model.BgpGroup) *string { return &g.Status }, hooks[model.BgpGroup]{
			Refs: func(v *model.BgpGroup) []ref { return []ref{{kindVbr, v.RouterId}} },
		}))
	r.kind(kindOf(kindBgpPeer, "bgp-", func(p *model.BgpPeer) string { return p.BgpPeerId },
		func(p *model.BgpPeer) *string { return &p.Status }, hooks[model.BgpPeer]{
			Refs: func(p *model.BgpPeer) []ref {
				return []ref{{kindBgpGroup, p.BgpGroupId}, {kindVbr, p.RouterId}}
			},
			Render: renderBgpPeer,
		}))
	r.kind(kindOf(kindBgpNetwork, "", func(n *model.BgpNetwork) string { return n.Key() },
		func(n *model.BgpNetwork) *string { return &n.Status }, hooks[model.BgpNetwork]{
			Refs: func(v *model.BgpNetwork) []ref { return []ref{{kindVbr, v.RouterId}} },
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateBgpGroup", createBgpGroupOp)
	r.write(vpc, "ModifyBgpGroupAttribute", on(lookupBgpGroup, modifyBgpGroupOp))
	r.write(vpc, "DeleteBgpGroup", on(lookupBgpGroup, deleteBgpGroupOp))
	r.read(vpc, "DescribeBgpGroups", describeBgpGroups.op)
	r.write(vpc, "CreateBgpPeer", on(lookupBgpGroup, createBgpPeerOp))
	r.write(vpc, "ModifyBgpPeerAttribute", on(lookupBgpPeer, modifyBgpPeerOp))
	r.write(vpc, "DeleteBgpPeer", on(lookupBgpPeer, deleteBgpPeerOp))
	r.read(vpc, "DescribeBgpPeers", describeBgpPeers.op)
	r.write(vpc, "AddBgpNetwork", onBgpNetwork(addBgpNetworkOp))
	r.write(vpc, "DeleteBgpNetwork", onBgpNetwork(deleteBgpNetworkOp))
	r.read(vpc, "DescribeBgpNetworks", describeBgpNetworks.op)

	r.block(kindVbr, kindBgpGroup, "DependencyViolation.BgpGroup", "The specified VirtualBorderRouter still has BGP groups.")
	// A group with peers is refused with the family's status code, the
	// only one of DeleteBgpGroup's table that fits.
	r.block(kindBgpGroup, kindBgpPeer, "InvalidStatus.CannotOperate", "invalid status cannot operate")
}

// renderBgpPeer fills in what a peer takes from its group.
func renderBgpPeer(st *store, r *record) any {
	p := *peerOf(r)
	if g := st.find(kindBgpGroup, "", p.BgpGroupId); g != nil {
		gv := groupOf(g)
		p.PeerAsn, p.LocalAsn, p.AuthKey = gv.PeerAsn, gv.LocalAsn, gv.AuthKey
		p.Hold, p.Keepalive, p.RouteLimit = gv.Hold, gv.Keepalive, gv.RouteLimit
		p.IsFake = gv.IsFake == "true"
	}
	return &p
}

func errBgpStatus() error {
	return newErr(400, "InvalidStatus.CannotOperate", "invalid status cannot operate")
}

func errNoVbrNetwork() error { return newErr(400, "InvalidVbrNetwork", "vbr netowrk not exists") }

func errNoBgpGroup() error { return newErr(400, "InvalidBgpGroup", "bgp group not exists") }

func errBgpIP() error { return newErr(400, "InvalidIP.Malformed", "Ip malformed.") }

func errPeerAsn() error {
	return newErr(400, "InvalidPeerAsn.Malformed", "invalid peer asn cannot equals aliyun asn:45104")
}

// bgpVbr finds RouterId, the VBR, in region.
var bgpVbr = finder{kindVbr, "RouterId", 400, "InvalidVbrNetwork", "vbr netowrk not exists"}.in

func lookupBgpGroup(c *call, region string) (*record, error) {
	return finder{kindBgpGroup, "BgpGroupId", 400, "InvalidBgpGroup", "bgp group not exists"}.in(c, region)
}

func lookupBgpPeer(c *call, region string) (*record, error) {
	return finder{kindBgpPeer, "BgpPeerId", 400, "InvalidBgpPeer", "bgp peer not exists"}.in(c, region)
}

// checkBgpNameDesc validates Name and Description; CreateBgpGroup spells
// the description code InvalidBgpDescription, the others
// InvalidBgpDiscription.
func checkBgpNameDesc(c *call, descCode string) error {
	return checkNameDesc(c, "Name", "InvalidBgpName.Malformed", "Specified Bgp Group name is not valid.",
		descCode, "Specified Bgp Group description is not valid.")
}

// checkAuthKey accepts a BGP MD5 key: 1-64 printable characters, no spaces.
// The key never appears in the error.
func checkAuthKey(s string) error {
	if len(s) > 64 || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return newErr(400, "InvalidBgpAuthkey.Malformed", "Specified Bgp Group authkey is not valid.")
	}
	return nil
}

// bgpAsn reads a customer AS number (PeerAsn).
func bgpAsn(c *call, name string) (int64, error) {
	n, err := model.ParseASN(c.str(name))
	if err != nil || model.CheckASN(n) != nil {
		return 0, errPeerAsn()
	}
	return n, nil
}

// bgpLocalAsn reads LocalAsn, the Alibaba Cloud side.
func bgpLocalAsn(c *call) (int64, error) {
	n, err := model.ParseASN(c.str("LocalAsn"))
	if err == nil {
		err = model.CheckLocalASN(n)
	}
	if err != nil {
		return 0, errInvalidParamMsg("LocalAsn", err.Error())
	}
	return n, nil
}

// checkIPv4Only refuses IpVersion other than IPv4: BGP on a VBR is IPv4
// only (003 ch. 12).
func checkIPv4Only(c *call) error {
	if v := c.str("IpVersion"); v != "" && !strings.EqualFold(v, "IPv4") {
		return errInvalidParamMsg("IpVersion", "BGP groups and peers are IPv4 only")
	}
	return nil
}

func fmtInt(n int64) model.FlexString { return model.FlexString(strconv.FormatInt(n, 10)) }

func fmtBool(b bool) model.FlexString { return model.FlexString(strconv.FormatBool(b)) }

// bgpGroupArgs describe a new BGP group.
type bgpGroupArgs struct {
	Vbr                        *record
	Name, Description, AuthKey string
	PeerAsn, LocalAsn          int64
	IsFake                     bool
	RouteLimit                 int
	Status                     string
}

func addBgpGroup(st *store, a bgpGroupArgs) *record {
	return st.mustAdd(kindBgpGroup, a.Vbr.Region, &model.BgpGroup{
		BgpGroupId: st.newID(kindBgpGroup, a.Vbr.Region), Name: a.Name, Description: a.Description,
		RouterId: a.Vbr.ID, RegionId: a.Vbr.Region, Status: a.Status, PeerAsn: fmtInt(a.PeerAsn),
		LocalAsn: fmtInt(a.LocalAsn), AuthKey: a.AuthKey, Hold: bgpHold, Keepalive: bgpKeepalive,
		RouteLimit: fmtInt(int64(a.RouteLimit)), IsFake: fmtBool(a.IsFake), IpVersion: "IPv4",
	})
}

func createBgpGroupOp(c *call) (any, error) {
	region, err := regionNeed(c, "RouterId", "PeerAsn")
	if err != nil {
		return nil, err
	}
	if err := checkBgpNameDesc(c, "InvalidBgpDescription.Malformed"); err != nil {
		return nil, err
	}
	asn, err := bgpAsn(c, "PeerAsn")
	if err != nil {
		return nil, err
	}
	local := int64(model.AliyunASN)
	if c.has("LocalAsn") {
		if local, err = bgpLocalAsn(c); err != nil {
			return nil, err
		}
	}
	if err := checkAuthKey(c.str("AuthKey")); err != nil {
		return nil, err
	}
	fake, _, err := c.boolParam("IsFakeAsn")
	if err != nil {
		return nil, err
	}
	limit, err := c.intParam("RouteQuota", bgpRouteLimit, 1, 10000)
	if err != nil {
		return nil, err
	}
	if err := checkIPv4Only(c); err != nil {
		return nil, err
	}
	vbr, err := bgpVbr(c, region)
	if err != nil {
		return nil, err
	}
	if c.st.status(vbr) != vbrActive {
		return nil, errBgpStatus()
	}
	if err := commitUnder(c, kindBgpGroup, kindVbr, vbr.ID, bgpGroupsPerVbr,
		newErr(400, "QuotaExceeded.Bgp", "bgp group count per vbr quota exceed.")); err != nil {
		return nil, err
	}
	g := addBgpGroup(c.st, bgpGroupArgs{
		Vbr: vbr, Name: c.str("Name"), Description: c.str("Description"), AuthKey: c.str("AuthKey"),
		PeerAsn: asn, LocalAsn: local, IsFake: fake, RouteLimit: limit, Status: stPending,
	})
	c.st.schedule(g, Transition{Due: c.due(), Status: stAvailable})
	return M{"BgpGroupId": g.ID}, nil
}

func modifyBgpGroupOp(c *call, rec *record) (any, error) {
	if err := checkBgpNameDesc(c, "InvalidBgpDiscription.Malformed"); err != nil {
		return nil, err
	}
	g := *groupOf(rec)
	if c.has("PeerAsn") {
		asn, err := bgpAsn(c, "PeerAsn")
		if err != nil {
			return nil, err
		}
		g.PeerAsn = fmtInt(asn)
	}
	if c.has("LocalAsn") {
		local, err := bgpLocalAsn(c)
		if err != nil {
			return nil, err
		}
		g.LocalAsn = fmtInt(local)
	}
	if c.has("AuthKey") {
		if err := checkAuthKey(c.str("AuthKey")); err != nil {
			return nil, err
		}
		g.AuthKey = c.str("AuthKey")
	}
	if clear, _, err := c.boolParam("ClearAuthKey"); err != nil {
		return nil, err
	} else if clear {
		g.AuthKey = ""
	}
	if fake, set, err := c.boolParam("IsFakeAsn"); err != nil {
		return nil, err
	} else if set {
		g.IsFake = fmtBool(fake)
	}
	if c.has("RouteQuota") {
		limit, err := c.intParam("RouteQuota", bgpRouteLimit, 1, 10000)
		if err != nil {
			return nil, err
		}
		g.RouteLimit = fmtInt(int64(limit))
	}
	if c.has("Name") {
		g.Name = c.str("Name")
	}
	if c.has("Description") {
		g.Description = c.str("Description")
	}
	if g.Status != stAvailable {
		return nil, errBgpStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	sessionChanged := g.PeerAsn != groupOf(rec).PeerAsn || g.LocalAsn != groupOf(rec).LocalAsn || g.AuthKey != groupOf(rec).AuthKey
	g.Status = "Modifying"
	c.st.change(rec, func() { *groupOf(rec) = g })
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	if sessionChanged {
		// New session parameters: every session of the group restarts.
		for _, p := range c.st.children(kindBgpPeer, kindBgpGroup, rec.ID) {
			c.st.change(p, func() { peerOf(p).GmtModified = model.FormatTime(c.now) })
		}
	}
	return nil, nil
}

func deleteBgpGroupOp(c *call, rec *record) (any, error) {
	if c.st.status(rec) != stAvailable {
		return nil, errBgpStatus()
	}
	if err := c.blocked(kindBgpGroup, rec.ID); err != nil {
		return nil, err
	}
	return removeLater(c, rec, stDeleting, "")
}

// checkIsDefault validates IsDefault; the sim has no default BGP groups, so
// IsDefault=true lists nothing.
func checkIsDefault(c *call) (func(*record) bool, error) {
	def, set, err := c.boolParam("IsDefault")
	if err != nil || !set || !def {
		return nil, err
	}
	return func(*record) bool { return false }, nil
}

var describeBgpGroups = listSpec{
	Kind: kindBgpGroup, Wrapper: "BgpGroups", Item: "BgpGroup",
	Rules:  func(c *call, _ string) ([]func(*record) bool, error) { return keep(checkIsDefault(c)) },
	Narrow: []narrow{{"BgpGroupId", byID}},
	Fields: fields{"RouterId": func(r *record) string { return groupOf(r).RouterId }},
}

// ---- peers ----

// bgpPeerIP reads PeerIpAddress and checks it against the VBR: inside the
// peering subnet, not the Alibaba Cloud side's address, not taken by
// another peer (skip) of the VBR.
func bgpPeerIP(c *call, vbr *record, skip *record) (string, error) {
	v := vbrOf(vbr)
	ip := strings.TrimSpace(c.str("PeerIpAddress"))
	if ip == "" {
		ip = v.PeerGatewayIp
		if ip == "" {
			return "", newErr(400, "InvalidPeerIpAddress", "multi pconn peer ip can not be null.")
		}
	}
	addr, err := netip.ParseAddr(ip)
	if err != nil || model.CheckBgpPeerIP(ip) != nil {
		return "", errBgpIP()
	}
	if s, ok := vbrPeeringSubnet(v); ok {
		p, err := netip.ParsePrefix(s)
		if err != nil || !p.Masked().Contains(addr) || addr.String() == v.LocalGatewayIp {
			return "", errBgpIP()
		}
	}
	for _, r := range c.st.children(kindBgpPeer, kindVbr, vbr.ID) {
		if r != skip && peerOf(r).PeerIpAddress == addr.String() {
			return "", errInvalidParamMsg("PeerIpAddress", "the VBR already has a BGP peer at this address")
		}
	}
	return addr.String(), nil
}

// bfdParams reads EnableBfd and BfdMultiHop (1-255) over the current values.
func bfdParams(c *call, enable bool, hop int) (bool, int, error) {
	if v, set, err := c.boolParam("EnableBfd"); err != nil {
		return false, 0, err
	} else if set {
		enable = v
	}
	if c.has("BfdMultiHop") {
		n, err := c.intParam("BfdMultiHop", 0, 1, 255)
		if err != nil {
			return false, 0, err
		}
		hop = n
	}
	return enable, hop, nil
}

// bgpPeerArgs describe a new BGP peer.
type bgpPeerArgs struct {
	Group             *record
	Name, Description string
	IP                string
	EnableBfd         bool
	BfdMultiHop       int
	Received          int
	Status            string
	Since             time.Time // session start
}

func addBgpPeer(st *store, a bgpPeerArgs) *record {
	g := groupOf(a.Group)
	return st.mustAdd(kindBgpPeer, a.Group.Region, &model.BgpPeer{
		BgpPeerId: st.newID(kindBgpPeer, a.Group.Region), Name: a.Name, Description: a.Description,
		BgpGroupId: a.Group.ID, RouterId: g.RouterId, RegionId: a.Group.Region, PeerIpAddress: a.IP,
		Status: a.Status, BgpStatus: bgpIdle, IpVersion: "IPv4", EnableBfd: a.EnableBfd,
		BfdMultiHop: model.FlexInt(a.BfdMultiHop), ReceivedRouteCount: model.FlexInt(a.Received),
		GmtModified: model.FormatTime(a.Since),
	})
}

func createBgpPeerOp(c *call, grp *record) (any, error) {
	if err := checkBgpNameDesc(c, "InvalidBgpDiscription.Malformed"); err != nil {
		return nil, err
	}
	if err := checkIPv4Only(c); err != nil {
		return nil, err
	}
	bfd, hop, err := bfdParams(c, false, 0)
	if err != nil {
		return nil, err
	}
	vbr := c.st.find(kindVbr, "", groupOf(grp).RouterId)
	if vbr == nil {
		return nil, errNoVbrNetwork()
	}
	ip, err := bgpPeerIP(c, vbr, nil)
	if err != nil {
		return nil, err
	}
	if c.st.status(grp) != stAvailable || c.st.status(vbr) != vbrActive {
		return nil, errBgpStatus()
	}
	if err := commitUnder(c, kindBgpPeer, kindVbr, vbr.ID, bgpPeersPerVbr,
		newErr(400, "QuotaExceeded.Bgp", "bgp peer count per vbr quota exceed.")); err != nil {
		return nil, err
	}
	p := addBgpPeer(c.st, bgpPeerArgs{
		Group: grp, Name: c.str("Name"), Description: c.str("Description"), IP: ip,
		EnableBfd: bfd, BfdMultiHop: hop, Status: stPending, Since: c.now,
	})
	c.st.schedule(p, Transition{Due: c.due(), Status: stAvailable})
	return M{"BgpPeerId": p.ID}, nil
}

func modifyBgpPeerOp(c *call, rec *record) (any, error) {
	p := peerOf(rec)
	group := p.BgpGroupId
	if id := strings.TrimSpace(c.str("BgpGroupId")); id != "" {
		g := c.st.find(kindBgpGroup, rec.Region, id)
		if g == nil || groupOf(g).RouterId != p.RouterId {
			return nil, errNoBgpGroup()
		}
		group = g.ID
	}
	bfd, hop, err := bfdParams(c, p.EnableBfd, int(p.BfdMultiHop))
	if err != nil {
		return nil, err
	}
	vbr := c.st.find(kindVbr, "", p.RouterId)
	if vbr == nil {
		return nil, errNoVbrNetwork()
	}
	ip := p.PeerIpAddress
	if c.has("PeerIpAddress") {
		if ip, err = bgpPeerIP(c, vbr, rec); err != nil {
			return nil, err
		}
	}
	if p.Status != stAvailable || c.st.status(vbr) != vbrActive {
		return nil, errBgpStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() {
		p.BgpGroupId, p.PeerIpAddress, p.EnableBfd, p.BfdMultiHop = group, ip, bfd, model.FlexInt(hop)
		p.Status, p.GmtModified = "Modifying", model.FormatTime(c.now)
	})
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	return nil, nil
}

func deleteBgpPeerOp(c *call, rec *record) (any, error) {
	if c.st.status(rec) != stAvailable {
		return nil, errBgpStatus()
	}
	return removeLater(c, rec, stDeleting, "")
}

// bgpSession is a peer's BGP session state at now (see the file comment).
func bgpSession(st *store, p *model.BgpPeer, now time.Time, settle time.Duration) string {
	vbr := st.find(kindVbr, "", p.RouterId)
	if vbr == nil || st.status(vbr) != vbrActive {
		return bgpIdle
	}
	v := vbrOf(vbr)
	start, err := time.Parse(model.TimeLayout, p.GmtModified)
	if err != nil {
		start = time.Time{}
	}
	if rt, err := time.Parse(model.TimeLayout, v.RecoveryTime); err == nil && rt.After(start) {
		start = rt
	}
	elapsed := now.Sub(start)
	if elapsed < 0 {
		return bgpIdle
	}
	step := max(settle/3, time.Millisecond)
	steps := []string{bgpIdle, bgpConnect, bgpActive}
	i := elapsed / step
	if p.PeerIpAddress != v.PeerGatewayIp {
		return steps[i%3] // nobody answers: the router keeps retrying
	}
	if p.Status == stAvailable && elapsed >= settle {
		return bgpEstablished
	}
	return steps[min(i, 2)]
}

var describeBgpPeers = listSpec{
	Kind: kindBgpPeer, Wrapper: "BgpPeers", Item: "BgpPeer",
	Rules:  func(c *call, _ string) ([]func(*record) bool, error) { return keep(checkIsDefault(c)) },
	Narrow: []narrow{{"BgpPeerId", byID}, {"BgpGroupId", kindBgpGroup}, {"RouterId", kindVbr}},
	Fields: fieldsOf(peerOf, "BgpGroupId", "RouterId"),
	Items: func(c *call, recs []*record) []any {
		items := make([]any, 0, len(recs))
		for _, r := range recs {
			p := c.st.render(r).(*model.BgpPeer)
			p.BgpStatus = bgpSession(c.st, p, c.now, c.srv.opts.Settle)
			if p.BgpStatus == bgpEstablished {
				p.AdvertisedRouteCount = model.FlexInt(c.st.count(kindBgpNetwork, kindVbr, p.RouterId))
			} else {
				p.AdvertisedRouteCount, p.ReceivedRouteCount = 0, 0
			}
			items = append(items, p)
		}
		return items
	},
}

// ---- networks ----

// bgpNetworkBlock reads DstCidrBlock.
func bgpNetworkBlock(c *call) (string, error) {
	p, err := model.ParseCIDR(normalizeDest(c.str("DstCidrBlock")))
	if err != nil {
		return "", errBgpIP()
	}
	return p.String(), nil
}

func addBgpNetworkRec(st *store, vbr *record, block, vpcID, status string) *record {
	return st.mustAdd(kindBgpNetwork, vbr.Region, &model.BgpNetwork{
		DstCidrBlock: block, RouterId: vbr.ID, VpcId: vpcID, Status: status,
	})
}

// onBgpNetwork builds a handler for an operation on a VBR's advertised
// block: RouterId (the VBR) and DstCidrBlock.
func onBgpNetwork(fn func(c *call, vbr *record, block string) (any, error)) func(*call) (any, error) {
	return func(c *call) (any, error) {
		region, err := regionNeed(c, "RouterId", "DstCidrBlock")
		if err != nil {
			return nil, err
		}
		block, err := bgpNetworkBlock(c)
		if err != nil {
			return nil, err
		}
		vbr, err := bgpVbr(c, region)
		if err != nil {
			return nil, err
		}
		return fn(c, vbr, block)
	}
}

func addBgpNetworkOp(c *call, vbr *record, block string) (any, error) {
	vpcID := strings.TrimSpace(c.str("VpcId"))
	if vpcID != "" {
		// The VPC may be in another region, joined through a router
		// interface: a VBR advertises the VPC's blocks.
		vpc := c.st.find(kindVpc, "", vpcID)
		if vpc == nil {
			return nil, newErr(400, "InvalidParams.NotFound", "vpc instance not found")
		}
		if !vpcHolds(vpcOf(vpc), block) {
			return nil, errInvalidParamMsg("DstCidrBlock", "the block is not inside the VPC's CIDR blocks")
		}
	}
	if c.st.status(vbr) != vbrActive {
		return nil, errBgpStatus()
	}
	key := (&model.BgpNetwork{RouterId: vbr.ID, DstCidrBlock: block}).Key()
	if c.st.get(key) != nil {
		return nil, newErr(400, "InvalidParams.AlreadyExists", "bgp network already exists")
	}
	if err := commitUnder(c, kindBgpNetwork, kindVbr, vbr.ID, bgpNetworksPerVbr,
		newErr(400, "QuotaExceeded.BgpNetwork", "bgp network count per vbr quota exceed.")); err != nil {
		return nil, err
	}
	n := addBgpNetworkRec(c.st, vbr, block, vpcID, stPending)
	c.st.schedule(n, Transition{Due: c.due(), Status: stAvailable})
	return nil, nil
}

// vpcHolds reports whether block lies inside the VPC's primary or user
// CIDR blocks.
func vpcHolds(v *model.Vpc, block string) bool {
	b, err := netip.ParsePrefix(block)
	if err != nil {
		return false
	}
	for _, s := range append([]string{v.CidrBlock}, v.UserCidrs.UserCidr...) {
		if p, err := netip.ParsePrefix(s); err == nil && model.Contains(p, b) {
			return true
		}
	}
	return false
}

func deleteBgpNetworkOp(c *call, vbr *record, block string) (any, error) {
	rec := c.st.find(kindBgpNetwork, "", (&model.BgpNetwork{RouterId: vbr.ID, DstCidrBlock: block}).Key())
	if rec == nil {
		return nil, newErr(400, "InvalidParams.NotFound", "bgp network not exists")
	}
	if c.st.status(rec) != stAvailable {
		return nil, errBgpStatus()
	}
	return removeLater(c, rec, stDeleting, "")
}

var describeBgpNetworks = listSpec{
	Kind: kindBgpNetwork, Wrapper: "BgpNetworks", Item: "BgpNetwork", Narrow: []narrow{{"RouterId", kindVbr}},
}

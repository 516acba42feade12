package sim

import (
	"net/netip"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// The NAT family (api-catalog §2.9): NAT gateways with their SNAT and DNAT
// (forward) tables and entries. Their public addresses are EIPs bound to
// the gateway (ops_eip.go). Codes and messages are the documented ones,
// typos included (IncorretSnatEntryStatus, InvalidProtocal, ...).
//
// Choices where the docs are silent:
//   - CreateNatGateway adds 0.0.0.0/0 → the gateway to the VPC's system
//     route table (seed 003 §17.1). A Normal gateway is refused when that
//     route already exists (InvalidCIDRBlock.Duplicate, the route API's code
//     for the clash); an Enhanced one is created without adding it.
//   - A route pointing at the gateway refuses DeleteNatGateway with the
//     documented DependencyViolation.RouterEntry, with or without Force
//     (Force is documented to clear entries and EIPs only).
//   - A DNAT entry that repeats another's (ExternalIp, ExternalPort,
//     protocol) or (protocol, InternalIp, InternalPort) gets InvalidParameter.

const (
	kindSnatEntry    = "snat"
	kindForwardEntry = "fwd"
)

// NAT gateway statuses of the current API (the 2019 seed calls them
// Initiating / Pending); entries use Pending / Modifying.
const (
	stCreating  = "Creating"
	stModifying = "Modifying"
)

// Limits from the NAT gateway documentation.
const (
	maxSnatEntries    = 40
	maxSnatIPs        = 64
	maxForwardEntries = 100
)

func addNAT(r *registry) {
	natKinds(r)
	vpc := model.ProductVPC
	r.write(vpc, "CreateNatGateway", createNatGatewayOp)
	r.write(vpc, "DeleteNatGateway", on(lookupNat, deleteNatGatewayOp))
	r.write(vpc, "ModifyNatGatewayAttribute", on(lookupNat, modifyNatGatewayAttribute))
	r.write(vpc, "ModifyNatGatewaySpec", on(lookupNat, modifyNatGatewaySpec))
	r.read(vpc, "DescribeNatGateways", describeNatGateways.op)
	r.writeDry(vpc, "CreateSnatEntry", createSnatEntryOp)
	r.writeDry(vpc, "ModifySnatEntry", onPair(snatTable.entry("Specified SNAT entry does not exist."), modifySnatEntry))
	r.write(vpc, "DeleteSnatEntry", onPair(snatTable.entry("Specified Snat entry ID does not exist"), deleteNatEntry(snatTable)))
	r.read(vpc, "DescribeSnatTableEntries", describeSnatTableEntries.op)
	r.writeDry(vpc, "CreateForwardEntry", createForwardEntryOp)
	r.writeDry(vpc, "ModifyForwardEntry", onPair(fwdEntry, modifyForwardEntry))
	r.write(vpc, "DeleteForwardEntry", onPair(fwdEntry, deleteNatEntry(fwdTable)))
	r.read(vpc, "DescribeForwardTableEntries", describeForwardTableEntries.op)

	r.block(kindVpc, kindNatGateway, "DependencyViolation.NatGateway", "Specified object has dependent resources NatGateway.")
	r.block(kindVSwitch, kindNatGateway, "DependencyViolation.EnhancedNatgw", "Specified VSwitch has an enhanced NAT gateway.")
	r.block(kindVSwitch, kindSnatEntry, "DependencyViolation.SnatEntry", "Specified VSwitch is used by an SNAT entry.")
	// What Force promises: entries go, EIPs are unbound.
	r.followUp("ngw.delete", func(st *store, rec *record) {
		for _, kind := range []string{kindSnatEntry, kindForwardEntry} {
			for _, e := range st.children(kind, "ngw", rec.ID) {
				st.remove(e)
			}
		}
		for _, e := range st.children(kindEip, "inst", rec.ID) {
			unbindEip(st, e)
		}
	})
}

func natKinds(r *registry) {
	r.kind(kindOf(kindNatGateway, "ngw-", func(n *model.NatGateway) string { return n.NatGatewayId },
		func(n *model.NatGateway) *string { return &n.Status }, hooks[model.NatGateway]{
			Refs: func(n *model.NatGateway) []ref {
				refs := []ref{{"vpc", n.VpcId}, {"vsw", n.NatGatewayPrivateInfo.VswitchId}}
				for _, id := range n.SnatTableIds.SnatTableId {
					refs = append(refs, ref{"stb", id})
				}
				for _, id := range n.ForwardTableIds.ForwardTableId {
					refs = append(refs, ref{"ftb", id})
				}
				return refs
			},
			Render:      renderNat,
			NextHopType: "NatGateway",
		}))
	r.kind(kindOf(kindSnatEntry, "snat-", func(e *model.SnatEntry) string { return e.SnatEntryId },
		func(e *model.SnatEntry) *string { return &e.Status }, hooks[model.SnatEntry]{
			Refs: func(e *model.SnatEntry) []ref {
				return []ref{{"stb", e.SnatTableId}, {"ngw", e.NatGatewayId}, {"vsw", e.SourceVSwitchId}}
			},
		}))
	r.kind(kindOf(kindForwardEntry, "fwd-", func(e *model.ForwardEntry) string { return e.ForwardEntryId },
		func(e *model.ForwardEntry) *string { return &e.Status }, hooks[model.ForwardEntry]{
			Refs: func(e *model.ForwardEntry) []ref {
				return []ref{{"ftb", e.ForwardTableId}, {"ngw", e.NatGatewayId}}
			},
		}))
}

func natOf(r *record) *model.NatGateway   { return r.Value.(*model.NatGateway) }
func snatOf(r *record) *model.SnatEntry   { return r.Value.(*model.SnatEntry) }
func fwdOf(r *record) *model.ForwardEntry { return r.Value.(*model.ForwardEntry) }

// renderNat lists the gateway's EIPs (IpLists) and what each is used for.
func renderNat(st *store, r *record) any {
	v := *natOf(r)
	v.IpLists.IpList = nil
	for _, e := range st.children(kindEip, "inst", v.NatGatewayId) {
		ip := eipOf(e)
		use := natIPUse(st, r.ID, ip.IpAddress)
		v.IpLists.IpList = append(v.IpLists.IpList, model.NatIp{
			AllocationId: ip.AllocationId, IpAddress: ip.IpAddress, UsingStatus: use,
			SnatEntryEnabled: use == "UsedBySnatTable",
		})
	}
	bwp, ids := natBwpIPs(st, r.ID) // NAT bandwidth packages (ops_natbwp.go)
	v.IpLists.IpList, v.BandwidthPackageIds.BandwidthPackageId = append(v.IpLists.IpList, bwp...), ids
	return &v
}

// natIPUse is an address's UsingStatus on its gateway.
func natIPUse(st *store, natID, ip string) string {
	if snatUsing(st, natID, ip, nil) != nil {
		return "UsedBySnatTable"
	}
	if fwdUsing(st, natID, ip) != nil {
		return "UsedByForwardTable"
	}
	return "Idle"
}

// snatUsing returns an SNAT entry of the gateway (other than skip) that
// translates to ip.
func snatUsing(st *store, natID, ip string, skip *record) *record {
	for _, e := range st.children(kindSnatEntry, "ngw", natID) {
		if e == skip {
			continue
		}
		for _, s := range strings.Split(snatOf(e).SnatIp, ",") {
			if s == ip {
				return e
			}
		}
	}
	return nil
}

// fwdUsing returns a DNAT entry of the gateway that listens on ip.
func fwdUsing(st *store, natID, ip string) *record {
	for _, e := range st.children(kindForwardEntry, "ngw", natID) {
		if fwdOf(e).ExternalIp == ip {
			return e
		}
	}
	return nil
}

// unstableChild reports whether any record of kind filed under by=id is in
// a transitional status (Pending, Modifying, Deleting).
func unstableChild(st *store, kind, by, id string) bool {
	for _, e := range st.children(kind, by, id) {
		if st.status(e) != stAvailable {
			return true
		}
	}
	return false
}

// hostAddr returns the n-th address of an IPv4 block (negative n counts
// back from the broadcast address), or "" when it does not fit.
func hostAddr(cidr string, n int) string {
	p, err := netip.ParsePrefix(cidr)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	size := int64(1) << (32 - p.Masked().Bits())
	off := int64(n)
	if n < 0 {
		off = size + int64(n) - 1
	}
	if off <= 0 || off >= size-1 {
		return ""
	}
	b := p.Masked().Addr().As4()
	u := uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
	u += uint32(off)
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)}).String()
}

// defaultRoute returns the table's 0.0.0.0/0 entry, if any.
func defaultRoute(st *store, rt *record) *record {
	for _, e := range st.children(kindRouteEntry, "rt", rt.ID) {
		if entryOf(e).DestinationCidrBlock == "0.0.0.0/0" {
			return e
		}
	}
	return nil
}

// --- NAT gateways ---

func errNatStatus(status int) error {
	return newErr(status, "IncorrectStatus.NatGateway", "The current NAT gateway status does not support this operation.")
}

func errNatName() error {
	return newErr(400, "InvalidParameter.Name.Malformed", "The specified Name is not valid.")
}

var natFinder = finder{kindNatGateway, "NatGatewayId", 404, "InvalidNatGatewayId.NotFound",
	"The specified NatGatewayId does not exist in our records."}

func lookupNat(c *call, region string) (*record, error) { return natFinder.in(c, region) }

func checkNatNameDesc(c *call) error {
	return checkNameDesc(c, "Name", "InvalidParameter.Name.Malformed", "The specified Name is not valid.",
		"InvalidParameter.Description.Malformed", "The specified Description is not valid.")
}

// canonicalSpec spells a Spec the way the API lists it ("small" → "Small").
func canonicalSpec(s string, create bool) string {
	if s == "" {
		return "Small"
	}
	for _, v := range model.NatSpecs(create) {
		if strings.EqualFold(v, s) {
			return v
		}
	}
	return s
}

// natTags converts request tags to the NAT gateway's TagKey/TagValue shape.
func natTags(t model.Tags) model.NatTags {
	var out model.NatTags
	for _, tg := range t.Tag {
		out.Tag = append(out.Tag, model.NatTag{TagKey: tg.Key, TagValue: tg.Value})
	}
	return out
}

// natArgs describe a new NAT gateway.
type natArgs struct {
	Vpc, VSwitch             *record // VSwitch: Enhanced only
	Name, Description        string
	NatType, Spec            string
	NetworkType, EipBindMode string
	IcmpReply                bool
	Tags                     model.Tags
	Status                   string
	Created                  time.Time
}

// newNatGateway stores a NAT gateway with its SNAT and DNAT tables.
func newNatGateway(st *store, a natArgs) *record {
	region := a.Vpc.Region
	v := vpcOf(a.Vpc)
	id := st.newID(kindNatGateway, region)
	n := &model.NatGateway{
		NatGatewayId: id, Name: a.Name, Description: a.Description, RegionId: region, VpcId: v.VpcId,
		Spec: a.Spec, NatType: a.NatType, NetworkType: a.NetworkType, Status: a.Status, BusinessStatus: "Normal",
		InstanceChargeType: "PostPaid", InternetChargeType: "PayBySpec", CreationTime: model.FormatTime(a.Created),
		EipBindMode: a.EipBindMode, IcmpReplyEnabled: a.IcmpReply, ResourceGroupId: v.ResourceGroupId,
		Tags: natTags(a.Tags),
	}
	if n.Name == "" {
		n.Name = id // the documented default
	}
	n.SnatTableIds.SnatTableId = model.Strings{st.newID("stb", region)}
	n.ForwardTableIds.ForwardTableId = model.Strings{st.newID("ftb", region)}
	if a.VSwitch != nil {
		sw := vswOf(a.VSwitch)
		n.InternetChargeType = "PayByLcu"
		n.NatGatewayPrivateInfo = model.NatGatewayPrivateInfo{
			VswitchId: sw.VSwitchId, IzNo: sw.ZoneId, PrivateIpAddress: hostAddr(sw.CidrBlock, -4),
			EniInstanceId: st.newID("eni", region), EniType: "indirect",
			MaxBandwidth: 5000, MaxSessionEstablishRate: 100000, MaxSessionQuota: 2000000,
		}
	}
	return st.mustAdd(kindNatGateway, region, n)
}

// natHop is a route next hop pointing at the gateway.
func natHop(id string) []model.NextHop {
	return []model.NextHop{{NextHopType: "NatGateway", NextHopId: id, Enabled: 1}}
}

func createNatGatewayOp(c *call) (any, error) {
	region, err := needRegion(c, "RegionId", "VpcId")
	if err != nil {
		return nil, err
	}
	if err := checkNatNameDesc(c); err != nil {
		return nil, err
	}
	vpc, err := finder{kindVpc, "VpcId", 404, "InvalidVpcId.NotFound", "Specified value of VpcId is not found in our record."}.in(c, region)
	if err != nil {
		return nil, err
	}
	natType := c.str("NatType")
	switch natType {
	case "":
		natType = "Normal"
		if c.has("VSwitchId") {
			natType = "Enhanced"
		}
	case "Normal", "Enhanced":
	default:
		return nil, errInvalidParam("NatType")
	}
	spec := ""
	if natType == "Normal" {
		if model.CheckNatSpec(c.str("Spec"), true) != nil {
			return nil, newErr(400, "InvalidParameter.Spec.ValueNotSupported", "The specified Spec is not valid.")
		}
		spec = canonicalSpec(c.str("Spec"), true)
	}
	network, err := oneOfParam(c, "NetworkType", "internet", "internet", "intranet")
	if err != nil {
		return nil, err
	}
	bindMode, icmp, set, err := natModes(c, "MULTI_BINDED")
	if err != nil {
		return nil, err
	}
	if !set {
		icmp = true
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	var sw *record
	if natType == "Enhanced" {
		if err := c.need("VSwitchId"); err != nil {
			return nil, err
		}
		sw = c.st.find(kindVSwitch, region, strings.TrimSpace(c.str("VSwitchId")))
		if sw == nil || vswOf(sw).VpcId != vpc.ID {
			return nil, errVSwitchNotFound("The specified virtual switch does not exists.")
		}
	}
	if c.st.status(vpc) != stAvailable {
		return nil, newErr(400, "VpcStatusError", "The Vpc is creating .")
	}
	if sw != nil && c.st.status(sw) != stAvailable {
		return nil, newErr(400, "VswitchStatusError", "The VSwitch is creating .")
	}
	sys := systemTable(c.st, vpc.ID)
	addRoute := sys != nil && defaultRoute(c.st, sys) == nil
	if sys != nil && !addRoute && natType == "Normal" {
		return nil, newErr(400, "InvalidCIDRBlock.Duplicate",
			"A route entry to 0.0.0.0/0 already exists in the VPC route table; delete it before creating a Normal NAT gateway.")
	}
	if addRoute {
		if unstableEntryIn(c.st, sys) {
			return nil, errEntryStatus()
		}
		if c.st.count(kindRouteEntry, "custom", sys.ID) >= c.quotas().RouteEntriesPerTable {
			return nil, newErr(400, "Forbidden.CheckEntryRuleQuota", "Route entry quota rule check error.")
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := newNatGateway(c.st, natArgs{
		Vpc: vpc, VSwitch: sw, Name: c.str("Name"), Description: c.str("Description"), NatType: natType, Spec: spec,
		NetworkType: network, EipBindMode: bindMode, IcmpReply: icmp, Tags: tags, Status: stCreating, Created: c.now,
	})
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	if addRoute {
		e := addCustomEntry(c.st, sys, entryArgs{Dest: "0.0.0.0/0", Hops: natHop(rec.ID), Status: stPending, Created: c.now})
		c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	}
	n := natOf(rec)
	return M{
		"NatGatewayId":        rec.ID,
		"SnatTableIds":        M{"SnatTableId": n.SnatTableIds.SnatTableId},
		"ForwardTableIds":     M{"ForwardTableId": n.ForwardTableIds.ForwardTableId},
		"FullNatTableIds":     M{"FullNatTableId": []string{}},
		"BandwidthPackageIds": M{"BandwidthPackageId": []string{}},
	}, nil
}

// oneOfParam reads an optional enumerated parameter (exact spelling).
func oneOfParam(c *call, name, def string, allowed ...string) (string, error) {
	v := strings.TrimSpace(c.str(name))
	if v == "" {
		return def, nil
	}
	for _, a := range allowed {
		if v == a {
			return v, nil
		}
	}
	return "", errInvalidParam(name)
}

func deleteNatGatewayOp(c *call, rec *record) (any, error) {
	force, _, err := c.boolParam("Force")
	if err != nil {
		return nil, err
	}
	// 404 as documented for DeleteNatGateway.
	if err := requireStatus(c, rec, errNatStatus(404), stAvailable); err != nil {
		return nil, err
	}
	dep := func(what string) error {
		return errf(400, "DependencyViolation."+what,
			"The specified resource of NatGateway depends on %s, so the operation cannot be completed.", what)
	}
	if err := c.blocked(kindNatGateway, rec.ID); err != nil {
		return nil, err // bandwidth packages, with or without Force
	}
	if c.st.count(kindRouteEntry, "nexthop", rec.ID) > 0 {
		return nil, dep("RouterEntry")
	}
	if !force {
		if c.st.count(kindSnatEntry, "ngw", rec.ID) > 0 {
			return nil, dep("SnatEntry")
		}
		if c.st.count(kindForwardEntry, "ngw", rec.ID) > 0 {
			return nil, dep("ForwardEntry")
		}
		if c.st.count(kindEip, "inst", rec.ID) > 0 {
			return nil, newErr(400, "DependencyViolation.EIPS", "There are Eips on specified NatGateway, please unbind it first.")
		}
	}
	return removeLater(c, rec, stDeleting, "ngw.delete")
}

// natModes reads what CreateNatGateway and ModifyNatGatewayAttribute
// share: EipBindMode (bindDef when absent) and IcmpReplyEnabled (set
// reports whether it was given).
func natModes(c *call, bindDef string) (bindMode string, icmp, set bool, err error) {
	if bindMode, err = oneOfParam(c, "EipBindMode", bindDef, "MULTI_BINDED", "NAT"); err == nil {
		icmp, set, err = c.boolParam("IcmpReplyEnabled")
	}
	return bindMode, icmp, set, err
}

func modifyNatGatewayAttribute(c *call, rec *record) (any, error) {
	if err := checkNatNameDesc(c); err != nil {
		return nil, err
	}
	bindMode, icmp, icmpSet, err := natModes(c, "")
	if err != nil {
		return nil, err
	}
	if err := requireStatus(c, rec, errNatStatus(400), stAvailable); err != nil {
		return nil, err
	}
	n := natOf(rec)
	return nil, commitEdit(c, rec, edits{"Name": &n.Name, "Description": &n.Description}, func() {
		if bindMode != "" {
			n.EipBindMode = bindMode
		}
		if icmpSet {
			n.IcmpReplyEnabled = icmp
		}
	})
}

func modifyNatGatewaySpec(c *call, rec *record) (any, error) {
	if err := c.need("Spec"); err != nil {
		return nil, err
	}
	n := natOf(rec)
	spec := c.str("Spec")
	if n.NatType == "Enhanced" || model.CheckNatSpec(spec, false) != nil {
		return nil, newErr(400, "InvalidParameter.Spec.ValueNotSupported", "The specified Spec is not valid.")
	}
	spec = canonicalSpec(spec, false)
	if spec == n.Spec {
		return nil, newErr(400, "NATGW_MODIFY_SPEC_SAME", "The specified Spec is same with now.")
	}
	if err := requireStatus(c, rec, errNatStatus(400), stAvailable); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() { n.Spec = spec })
	transit(c, rec, stModifying, stAvailable)
	return nil, nil
}

var describeNatGateways = listSpec{
	Kind: kindNatGateway, Wrapper: "NatGateways", Item: "NatGateway",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		tags, err := c.tags()
		if err != nil || len(tags.Tag) == 0 {
			return nil, err
		}
		return []func(*record) bool{func(r *record) bool {
			var have model.Tags
			for _, t := range natOf(r).Tags.Tag {
				have.Tag = append(have.Tag, model.Tag{Key: t.TagKey, Value: t.TagValue})
			}
			return matchTags(have, tags)
		}}, nil
	},
	Narrow: []narrow{{"NatGatewayId", byID}, {"VpcId", "vpc"}},
	Fields: fieldsOf(natOf, "VpcId", "Name", "NatType", "Spec", "Status", "NetworkType", "InstanceChargeType", "ZoneId=NatGatewayPrivateInfo.IzNo", "ResourceGroupId"),
}

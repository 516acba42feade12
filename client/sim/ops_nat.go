package sim

import (
	"net/netip"
	"strconv"
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
	r.write(vpc, "DeleteNatGateway", deleteNatGatewayOp)
	r.write(vpc, "ModifyNatGatewayAttribute", modifyNatGatewayAttribute)
	r.write(vpc, "ModifyNatGatewaySpec", modifyNatGatewaySpec)
	r.read(vpc, "DescribeNatGateways", describeNatGateways)
	r.writeDry(vpc, "CreateSnatEntry", createSnatEntryOp)
	r.writeDry(vpc, "ModifySnatEntry", modifySnatEntry)
	r.write(vpc, "DeleteSnatEntry", deleteSnatEntry)
	r.read(vpc, "DescribeSnatTableEntries", describeSnatTableEntries)
	r.writeDry(vpc, "CreateForwardEntry", createForwardEntryOp)
	r.writeDry(vpc, "ModifyForwardEntry", modifyForwardEntry)
	r.write(vpc, "DeleteForwardEntry", deleteForwardEntry)
	r.read(vpc, "DescribeForwardTableEntries", describeForwardTableEntries)

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
	r.kind(&kindSpec{
		Name: kindNatGateway, Prefix: "ngw-", New: model.NewOf[model.NatGateway](),
		ID:        model.Field(func(n *model.NatGateway) string { return n.NatGatewayId }),
		Status:    model.Field(func(n *model.NatGateway) string { return n.Status }),
		SetStatus: func(v any, s string) { v.(*model.NatGateway).Status = s },
		Refs: func(v any) []ref {
			n := v.(*model.NatGateway)
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
	})
	r.kind(&kindSpec{
		Name: kindSnatEntry, Prefix: "snat-", New: model.NewOf[model.SnatEntry](),
		ID:        model.Field(func(e *model.SnatEntry) string { return e.SnatEntryId }),
		Status:    model.Field(func(e *model.SnatEntry) string { return e.Status }),
		SetStatus: func(v any, s string) { v.(*model.SnatEntry).Status = s },
		Refs: func(v any) []ref {
			e := v.(*model.SnatEntry)
			return []ref{{"stb", e.SnatTableId}, {"ngw", e.NatGatewayId}, {"vsw", e.SourceVSwitchId}}
		},
	})
	r.kind(&kindSpec{
		Name: kindForwardEntry, Prefix: "fwd-", New: model.NewOf[model.ForwardEntry](),
		ID:        model.Field(func(e *model.ForwardEntry) string { return e.ForwardEntryId }),
		Status:    model.Field(func(e *model.ForwardEntry) string { return e.Status }),
		SetStatus: func(v any, s string) { v.(*model.ForwardEntry).Status = s },
		Refs: func(v any) []ref {
			e := v.(*model.ForwardEntry)
			return []ref{{"ftb", e.ForwardTableId}, {"ngw", e.NatGatewayId}}
		},
	})
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

func errNatNotFound() error {
	return newErr(404, "InvalidNatGatewayId.NotFound", "The specified NatGatewayId does not exist in our records.")
}

func errNatStatus(status int) error {
	return newErr(status, "IncorrectStatus.NatGateway", "The current NAT gateway status does not support this operation.")
}

func errNatName() error {
	return newErr(400, "InvalidParameter.Name.Malformed", "The specified Name is not valid.")
}

func lookupNat(c *call, region string) (*record, error) {
	if err := c.need("NatGatewayId"); err != nil {
		return nil, err
	}
	rec := c.st.find(kindNatGateway, region, strings.TrimSpace(c.str("NatGatewayId")))
	if rec == nil {
		return nil, errNatNotFound()
	}
	return rec, nil
}

func checkNatNameDesc(c *call, nameParam string) error {
	return checkNameDesc(c, nameParam, "InvalidParameter.Name.Malformed", "The specified Name is not valid.",
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
	if err := c.need("RegionId", "VpcId"); err != nil {
		return nil, err
	}
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	if err := checkNatNameDesc(c, "Name"); err != nil {
		return nil, err
	}
	vpc := c.st.find(kindVpc, region, strings.TrimSpace(c.str("VpcId")))
	if vpc == nil {
		return nil, newErr(404, "InvalidVpcId.NotFound", "Specified value of VpcId is not found in our record.")
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
	bindMode, err := oneOfParam(c, "EipBindMode", "MULTI_BINDED", "MULTI_BINDED", "NAT")
	if err != nil {
		return nil, err
	}
	icmp, set, err := c.boolParam("IcmpReplyEnabled")
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

func deleteNatGatewayOp(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	rec, err := lookupNat(c, region)
	if err != nil {
		return nil, err
	}
	force, _, err := c.boolParam("Force")
	if err != nil {
		return nil, err
	}
	if c.st.status(rec) != stAvailable {
		return nil, errNatStatus(404) // as documented for DeleteNatGateway
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
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.setStatus(rec, stDeleting)
	c.st.schedule(rec, Transition{Due: c.due(), Then: "ngw.delete", Remove: true})
	return nil, nil
}

func modifyNatGatewayAttribute(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	rec, err := lookupNat(c, region)
	if err != nil {
		return nil, err
	}
	if err := checkNatNameDesc(c, "Name"); err != nil {
		return nil, err
	}
	bindMode, err := oneOfParam(c, "EipBindMode", "", "MULTI_BINDED", "NAT")
	if err != nil {
		return nil, err
	}
	icmp, icmpSet, err := c.boolParam("IcmpReplyEnabled")
	if err != nil {
		return nil, err
	}
	if c.st.status(rec) != stAvailable {
		return nil, errNatStatus(400)
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	n := natOf(rec)
	c.st.change(rec, func() {
		setIf(c, "Name", &n.Name)
		setIf(c, "Description", &n.Description)
		if bindMode != "" {
			n.EipBindMode = bindMode
		}
		if icmpSet {
			n.IcmpReplyEnabled = icmp
		}
	})
	return nil, nil
}

func modifyNatGatewaySpec(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	rec, err := lookupNat(c, region)
	if err != nil {
		return nil, err
	}
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
	if c.st.status(rec) != stAvailable {
		return nil, errNatStatus(400)
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() { n.Spec = spec })
	c.st.setStatus(rec, stModifying)
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	return nil, nil
}

func describeNatGateways(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	ix := c.st.inRegion(kindNatGateway, region)
	var fs []func(*record) bool
	switch id, vpcID := c.str("NatGatewayId"), c.str("VpcId"); {
	case id != "":
		ix = byIDs(c.st, kindNatGateway, region, []string{id})
		if vpcID != "" {
			fs = append(fs, func(r *record) bool { return natOf(r).VpcId == vpcID })
		}
	case vpcID != "":
		ix = c.st.index(kindNatGateway, "vpc", vpcID)
		fs = append(fs, func(r *record) bool { return r.Region == region })
	}
	for _, f := range []struct {
		param string
		get   func(*model.NatGateway) string
	}{
		{"Name", func(n *model.NatGateway) string { return n.Name }},
		{"NatType", func(n *model.NatGateway) string { return n.NatType }},
		{"Spec", func(n *model.NatGateway) string { return n.Spec }},
		{"Status", func(n *model.NatGateway) string { return n.Status }},
		{"NetworkType", func(n *model.NatGateway) string { return n.NetworkType }},
		{"InstanceChargeType", func(n *model.NatGateway) string { return n.InstanceChargeType }},
		{"ZoneId", func(n *model.NatGateway) string { return n.NatGatewayPrivateInfo.IzNo }},
		{"ResourceGroupId", func(n *model.NatGateway) string { return n.ResourceGroupId }},
	} {
		if want := c.str(f.param); want != "" {
			fs = append(fs, func(r *record) bool { return f.get(natOf(r)) == want })
		}
	}
	if len(tags.Tag) > 0 {
		fs = append(fs, func(r *record) bool {
			var have model.Tags
			for _, t := range natOf(r).Tags.Tag {
				have.Tag = append(have.Tag, model.Tag{Key: t.TagKey, Value: t.TagValue})
			}
			return matchTags(have, tags)
		})
	}
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("NatGateways", "NatGateway", c.st.renderAll(recs), total, num, size), nil
}

// --- SNAT ---

func errSnatTableNotFound() error {
	return newErr(404, "InvalidSnatTableId.NotFound", "Specified SNAT table does not exist.")
}

func errSnatEntryStatus() error {
	return newErr(400, "IncorretSnatEntryStatus", "Some Snat entry status blocked this operation..")
}

// tableOwner returns the NAT gateway of a SNAT ("stb") or DNAT ("ftb")
// table in region.
func tableOwner(st *store, by, id, region string) *record {
	for _, r := range st.children(kindNatGateway, by, strings.TrimSpace(id)) {
		if r.Region == region {
			return r
		}
	}
	return nil
}

func lookupSnatTable(c *call, region string) (*record, error) {
	if err := c.need("SnatTableId"); err != nil {
		return nil, err
	}
	nat := tableOwner(c.st, "stb", c.str("SnatTableId"), region)
	if nat == nil {
		return nil, errSnatTableNotFound()
	}
	return nat, nil
}

// lookupSnatEntry finds SnatEntryId in the table SnatTableId names.
func lookupSnatEntry(c *call, region, msg string) (nat, e *record, err error) {
	if err := c.need("RegionId", "SnatTableId", "SnatEntryId"); err != nil {
		return nil, nil, err
	}
	if nat, err = lookupSnatTable(c, region); err != nil {
		return nil, nil, err
	}
	e = c.st.find(kindSnatEntry, region, strings.TrimSpace(c.str("SnatEntryId")))
	if e == nil || snatOf(e).SnatTableId != strings.TrimSpace(c.str("SnatTableId")) {
		return nil, nil, newErr(404, "InvalidSnatEntryId.NotFound", msg)
	}
	return nat, e, nil
}

func checkEntryName(c *call, param string) error {
	if model.DefaultName.Check(c.str(param)) != nil {
		return errNatName()
	}
	return nil
}

// gatewayEip returns the EIP with address ip if it is bound to the gateway
// and in use.
func gatewayEip(st *store, nat *record, ip string) *record {
	for _, e := range st.children(kindEip, "inst", nat.ID) {
		if v := eipOf(e); v.IpAddress == ip && v.Status == eipInUse {
			return e
		}
	}
	return nil
}

func errNotInNat() error {
	return newErr(400, "InvalidIp.NotInNatgw", "The specified Ip not belong to natgateway.")
}

// snatIPs validates SnatIp: IPv4 addresses of EIPs in use by the gateway,
// none of them listening for DNAT. It returns them comma-joined.
func snatIPs(c *call, nat *record, s string) (string, error) {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if model.CheckSnatEntry(parts[i], "", "") != nil {
			return "", newErr(400, "InvalidSnatIp.Malformed", "The specified SnatIp is not a valid IP address.")
		}
	}
	if len(parts) > maxSnatIPs {
		return "", newErr(400, "SNAT_IP_POOL_COUNT_TOO_MANY", "The Snat pool ip too many.")
	}
	for _, p := range parts {
		if gatewayEip(c.st, nat, p) == nil && !natBwpOwns(c.st, nat.ID, p) {
			return "", errNotInNat()
		}
		if fwdUsing(c.st, nat.ID, p) != nil {
			return "", newErr(400, "Forbidden.IpUsedInForwardTable", "The specified SnatIp already used in forward table")
		}
	}
	return strings.Join(parts, ","), nil
}

// snatArgs describe a new SNAT entry.
type snatArgs struct {
	Name, SnatIp, SourceCIDR, SourceVSwitchId string
	Status                                    string
}

func addSnatEntry(st *store, nat *record, a snatArgs) *record {
	n := natOf(nat)
	return st.mustAdd(kindSnatEntry, nat.Region, &model.SnatEntry{
		SnatEntryId: st.newID(kindSnatEntry, nat.Region), SnatEntryName: a.Name, SnatTableId: n.SnatTableIds.SnatTableId[0],
		NatGatewayId: n.NatGatewayId, SnatIp: a.SnatIp, SourceCIDR: a.SourceCIDR, SourceVSwitchId: a.SourceVSwitchId,
		EipAffinity: "0", Status: a.Status,
	})
}

func createSnatEntryOp(c *call) (any, error) {
	if err := c.need("RegionId", "SnatTableId", "SnatIp"); err != nil {
		return nil, err
	}
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	nat, err := lookupSnatTable(c, region)
	if err != nil {
		return nil, err
	}
	if err := checkEntryName(c, "SnatEntryName"); err != nil {
		return nil, err
	}
	cidr, vswID := strings.TrimSpace(c.str("SourceCIDR")), strings.TrimSpace(c.str("SourceVSwitchId"))
	switch {
	case cidr != "" && vswID != "":
		return nil, newErr(400, "INVALID_PARAMETER", "The parameter invalid.")
	case cidr == "" && vswID == "":
		return nil, errMissing("SourceVSwitchId")
	case cidr != "":
		if model.CheckSnatEntry("0.0.0.0", cidr, "") != nil {
			return nil, newErr(400, "INVALID_PARAMETER", "The parameter invalid.")
		}
		p, _ := netip.ParsePrefix(cidr)
		cidr = p.Masked().String()
	default:
		sw := c.st.find(kindVSwitch, region, vswID)
		if sw == nil || vswOf(sw).VpcId != natOf(nat).VpcId {
			return nil, errVSwitchNotFound("The specified virtual switch does not exists.")
		}
	}
	ips, err := snatIPs(c, nat, c.str("SnatIp"))
	if err != nil {
		return nil, err
	}
	if c.st.status(nat) != stAvailable {
		return nil, errNatStatus(400)
	}
	for _, e := range c.st.children(kindSnatEntry, "ngw", nat.ID) {
		v := snatOf(e)
		if vswID != "" && v.SourceVSwitchId == vswID || cidr != "" && v.SourceCIDR == cidr {
			return nil, newErr(400, "Forbidden.SourceVSwitchId.Duplicated", "The specified SourceCIDRis duplicated.")
		}
	}
	if c.st.count(kindSnatEntry, "ngw", nat.ID) >= maxSnatEntries {
		return nil, newErr(400, "Forbidden.SnatEntryCountLimited", "SNAT entry in the specified SNAT table reach it?s limit.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	e := addSnatEntry(c.st, nat, snatArgs{Name: c.str("SnatEntryName"), SnatIp: ips, SourceCIDR: cidr, SourceVSwitchId: vswID, Status: stPending})
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return M{"SnatEntryId": e.ID}, nil
}

func modifySnatEntry(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	nat, e, err := lookupSnatEntry(c, region, "Specified SNAT entry does not exist.")
	if err != nil {
		return nil, err
	}
	if err := checkEntryName(c, "SnatEntryName"); err != nil {
		return nil, err
	}
	ips := ""
	if c.has("SnatIp") {
		if ips, err = snatIPs(c, nat, c.str("SnatIp")); err != nil {
			return nil, err
		}
	}
	if unstableChild(c.st, kindSnatEntry, "stb", snatOf(e).SnatTableId) {
		return nil, errSnatEntryStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	v := snatOf(e)
	c.st.change(e, func() {
		setIf(c, "SnatEntryName", &v.SnatEntryName)
		if ips != "" {
			v.SnatIp = ips
		}
	})
	c.st.setStatus(e, stModifying)
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return nil, nil
}

func deleteSnatEntry(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	_, e, err := lookupSnatEntry(c, region, "Specified Snat entry ID does not exist")
	if err != nil {
		return nil, err
	}
	if unstableChild(c.st, kindSnatEntry, "stb", snatOf(e).SnatTableId) {
		return nil, errSnatEntryStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.setStatus(e, stDeleting)
	c.st.schedule(e, Transition{Due: c.due(), Remove: true})
	return nil, nil
}

// fieldFilters turns optional exact-match parameters into predicates.
func fieldFilters[T any](c *call, of func(*record) *T, fields map[string]func(*T) string) []func(*record) bool {
	var fs []func(*record) bool
	for param, get := range fields {
		if want := strings.TrimSpace(c.str(param)); want != "" {
			fs = append(fs, func(r *record) bool { return get(of(r)) == want })
		}
	}
	return fs
}

func describeSnatTableEntries(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	nat, err := lookupSnatTable(c, region)
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	fs := fieldFilters(c, snatOf, map[string]func(*model.SnatEntry) string{
		"SnatEntryId":     func(e *model.SnatEntry) string { return e.SnatEntryId },
		"SnatEntryName":   func(e *model.SnatEntry) string { return e.SnatEntryName },
		"SourceCIDR":      func(e *model.SnatEntry) string { return e.SourceCIDR },
		"SourceVSwitchId": func(e *model.SnatEntry) string { return e.SourceVSwitchId },
		"NatGatewayId":    func(e *model.SnatEntry) string { return e.NatGatewayId },
	})
	if ip := strings.TrimSpace(c.str("SnatIp")); ip != "" {
		fs = append(fs, func(r *record) bool {
			for _, s := range strings.Split(snatOf(r).SnatIp, ",") {
				if s == ip {
					return true
				}
			}
			return false
		})
	}
	ix := c.st.index(kindSnatEntry, "stb", natOf(nat).SnatTableIds.SnatTableId[0])
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("SnatTableEntries", "SnatTableEntry", c.st.renderAll(recs), total, num, size), nil
}

// --- DNAT (forward entries) ---

func errForwardTableNotFound() error {
	return newErr(404, "InvalidForwardTableId.NotFound", "Specified forward table does not exist.")
}

func errForwardEntryStatus() error {
	return newErr(400, "IncorretForwardEntryStatus", "Some Forward entry status blocked this operation..")
}

func lookupForwardTable(c *call, region string) (*record, error) {
	if err := c.need("ForwardTableId"); err != nil {
		return nil, err
	}
	nat := tableOwner(c.st, "ftb", c.str("ForwardTableId"), region)
	if nat == nil {
		return nil, errForwardTableNotFound()
	}
	return nat, nil
}

func lookupForwardEntry(c *call, region string) (nat, e *record, err error) {
	if err := c.need("RegionId", "ForwardTableId", "ForwardEntryId"); err != nil {
		return nil, nil, err
	}
	if nat, err = lookupForwardTable(c, region); err != nil {
		return nil, nil, err
	}
	e = c.st.find(kindForwardEntry, region, strings.TrimSpace(c.str("ForwardEntryId")))
	if e == nil || fwdOf(e).ForwardTableId != strings.TrimSpace(c.str("ForwardTableId")) {
		return nil, nil, newErr(404, "InvalidForwardEntryId.NotFound", "Specified forward entry ID does not exist")
	}
	return nat, e, nil
}

// forwardRule is a DNAT entry's mapping.
type forwardRule struct {
	ExternalIp, ExternalPort, InternalIp, InternalPort, IpProtocol string
}

// normalize spells the rule as DescribeForwardTableEntries shows it:
// protocol and "any" in lower case, ports without leading zeros.
func (f forwardRule) normalize() forwardRule {
	f.IpProtocol = strings.ToLower(f.IpProtocol)
	norm := func(p string) string {
		if strings.EqualFold(p, "any") {
			return "any"
		}
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			return strconv.Itoa(n)
		}
		return p
	}
	f.ExternalPort, f.InternalPort = norm(f.ExternalPort), norm(f.InternalPort)
	f.ExternalIp, f.InternalIp = strings.TrimSpace(f.ExternalIp), strings.TrimSpace(f.InternalIp)
	return f
}

// checkForward applies the DNAT rules (model.CheckForwardPorts and
// CheckForwardIPs, each failure with its documented code) to a rule of the
// gateway; self is the entry being modified, if any.
func checkForward(c *call, nat *record, f forwardRule, self *record) (forwardRule, error) {
	proto := f.IpProtocol
	if model.CheckForwardPorts(proto, "Any", "Any") != nil && model.CheckForwardPorts(proto, "1", "1") != nil {
		return f, newErr(400, "InvalidProtocal.ValueNotSupported", "The specified IpProtocol does not support.")
	}
	if model.CheckForwardIPs(f.ExternalIp, "0.0.0.0", "") != nil {
		return f, newErr(400, "InvalidExternalIp.Malformed", "The specified ExternalIp is not a valid IP address.")
	}
	if model.CheckForwardIPs("0.0.0.0", f.InternalIp, "") != nil {
		return f, newErr(400, "InvalidInternalIp.Malformed", "The specified InternalIp is not a valid IP address.")
	}
	// A port is valid alone when it passes the rule paired with itself.
	if model.CheckForwardPorts(proto, f.ExternalPort, f.ExternalPort) != nil {
		return f, newErr(400, "InvalidExternalPort.Malformed", "The specified ExternalPort is not a valid port.")
	}
	if model.CheckForwardPorts(proto, f.InternalPort, f.InternalPort) != nil {
		return f, newErr(400, "InvalidInternalPort.Malformed", "The specified InternalPort is not a valid port.")
	}
	n := natOf(nat)
	vpcCIDR := ""
	if vpc := c.st.find(kindVpc, "", n.VpcId); vpc != nil {
		vpcCIDR = vpcOf(vpc).CidrBlock
	}
	if model.CheckForwardIPs(f.ExternalIp, f.InternalIp, vpcCIDR) != nil {
		return f, newErr(400, "Forbidden.DestnationIpOutOfVpcCIDR", "The specified Internal Ip is Out of VPC CIDR.")
	}
	f = f.normalize()
	if gatewayEip(c.st, nat, f.ExternalIp) == nil && !natBwpOwns(c.st, nat.ID, f.ExternalIp) {
		if eipByIP(c.st, nat.Region, f.ExternalIp) == nil {
			return f, newErr(404, "InvalidExternalIp.NotFound", "Specified External Ip address does not found on the VRouter")
		}
		return f, errNotInNat()
	}
	if snatUsing(c.st, nat.ID, f.ExternalIp, nil) != nil {
		return f, newErr(400, "Forbidden.ExternalIp.UsedInSnatTable", "The specified ExternalIp is already used in SnatTable")
	}
	if ecsWithEip(c.st, n.VpcId, f.InternalIp) {
		return f, newErr(400, "Forbindden", "The specified Instance already bind eip")
	}
	for _, e := range c.st.children(kindForwardEntry, "ngw", nat.ID) {
		if e == self {
			continue
		}
		o := fwdOf(e)
		sameProto := o.IpProtocol == f.IpProtocol || o.IpProtocol == "any" || f.IpProtocol == "any"
		if o.ExternalIp == f.ExternalIp && sameProto && (o.ExternalPort == f.ExternalPort || o.ExternalPort == "any" || f.ExternalPort == "any") {
			return f, errInvalidParamMsg("ExternalPort", "another DNAT entry already listens on "+f.ExternalIp+":"+f.ExternalPort)
		}
		if o.InternalIp == f.InternalIp && sameProto && (o.InternalPort == f.InternalPort || o.InternalPort == "any" || f.InternalPort == "any") {
			return f, errInvalidParamMsg("InternalPort", "another DNAT entry already forwards to "+f.InternalIp+":"+f.InternalPort)
		}
	}
	return f, nil
}

// ecsWithEip reports whether an ECS instance of the VPC with the private
// address ip has an EIP of its own.
func ecsWithEip(st *store, vpcID, ip string) bool {
	for _, i := range st.children(kindInstance, "vpc", vpcID) {
		if i.Value.(*instance).PrivateIpAddress == ip && st.count(kindEip, "inst", i.ID) > 0 {
			return true
		}
	}
	return false
}

func addForwardEntry(st *store, nat *record, name string, f forwardRule, status string) *record {
	n := natOf(nat)
	return st.mustAdd(kindForwardEntry, nat.Region, &model.ForwardEntry{
		ForwardEntryId: st.newID(kindForwardEntry, nat.Region), ForwardEntryName: name, ForwardTableId: n.ForwardTableIds.ForwardTableId[0],
		NatGatewayId: n.NatGatewayId, ExternalIp: f.ExternalIp, ExternalPort: f.ExternalPort, InternalIp: f.InternalIp,
		InternalPort: f.InternalPort, IpProtocol: f.IpProtocol, Status: status,
	})
}

func createForwardEntryOp(c *call) (any, error) {
	if err := c.need("RegionId", "ForwardTableId", "ExternalIp", "ExternalPort", "InternalIp", "InternalPort", "IpProtocol"); err != nil {
		return nil, err
	}
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	nat, err := lookupForwardTable(c, region)
	if err != nil {
		return nil, err
	}
	if err := checkEntryName(c, "ForwardEntryName"); err != nil {
		return nil, err
	}
	f, err := checkForward(c, nat, forwardRule{
		ExternalIp: c.str("ExternalIp"), ExternalPort: c.str("ExternalPort"), InternalIp: c.str("InternalIp"),
		InternalPort: c.str("InternalPort"), IpProtocol: c.str("IpProtocol"),
	}, nil)
	if err != nil {
		return nil, err
	}
	if c.st.status(nat) != stAvailable {
		return nil, errNatStatus(400)
	}
	table := natOf(nat).ForwardTableIds.ForwardTableId[0]
	if unstableChild(c.st, kindForwardEntry, "ftb", table) {
		return nil, errForwardEntryStatus()
	}
	if c.st.count(kindForwardEntry, "ftb", table) >= maxForwardEntries {
		return nil, newErr(400, "QuotaExceeded", "Forward entry quota exceeded in this route table.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	e := addForwardEntry(c.st, nat, c.str("ForwardEntryName"), f, stPending)
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return M{"ForwardEntryId": e.ID}, nil
}

func modifyForwardEntry(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	nat, e, err := lookupForwardEntry(c, region)
	if err != nil {
		return nil, err
	}
	if err := checkEntryName(c, "ForwardEntryName"); err != nil {
		return nil, err
	}
	v := fwdOf(e)
	f := forwardRule{ExternalIp: v.ExternalIp, ExternalPort: v.ExternalPort, InternalIp: v.InternalIp, InternalPort: v.InternalPort, IpProtocol: v.IpProtocol}
	for _, p := range []struct {
		name string
		dst  *string
	}{
		{"ExternalIp", &f.ExternalIp}, {"ExternalPort", &f.ExternalPort}, {"InternalIp", &f.InternalIp},
		{"InternalPort", &f.InternalPort}, {"IpProtocol", &f.IpProtocol},
	} {
		if c.has(p.name) {
			*p.dst = c.str(p.name)
		}
	}
	if f, err = checkForward(c, nat, f, e); err != nil {
		return nil, err
	}
	if unstableChild(c.st, kindForwardEntry, "ftb", v.ForwardTableId) {
		return nil, errForwardEntryStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(e, func() {
		v.ExternalIp, v.ExternalPort, v.InternalIp, v.InternalPort, v.IpProtocol = f.ExternalIp, f.ExternalPort, f.InternalIp, f.InternalPort, f.IpProtocol
		setIf(c, "ForwardEntryName", &v.ForwardEntryName)
	})
	c.st.setStatus(e, stModifying)
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return nil, nil
}

func deleteForwardEntry(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	_, e, err := lookupForwardEntry(c, region)
	if err != nil {
		return nil, err
	}
	if unstableChild(c.st, kindForwardEntry, "ftb", fwdOf(e).ForwardTableId) {
		return nil, errForwardEntryStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.setStatus(e, stDeleting)
	c.st.schedule(e, Transition{Due: c.due(), Remove: true})
	return nil, nil
}

func describeForwardTableEntries(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	nat, err := lookupForwardTable(c, region)
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	fs := fieldFilters(c, fwdOf, map[string]func(*model.ForwardEntry) string{
		"ForwardEntryId":   func(e *model.ForwardEntry) string { return e.ForwardEntryId },
		"ForwardEntryName": func(e *model.ForwardEntry) string { return e.ForwardEntryName },
		"ExternalIp":       func(e *model.ForwardEntry) string { return e.ExternalIp },
		"InternalIp":       func(e *model.ForwardEntry) string { return e.InternalIp },
		"NatGatewayId":     func(e *model.ForwardEntry) string { return e.NatGatewayId },
	})
	// Ports and protocol compare as the entries spell them.
	for _, p := range []struct {
		param string
		get   func(*model.ForwardEntry) string
	}{
		{"ExternalPort", func(e *model.ForwardEntry) string { return e.ExternalPort }},
		{"InternalPort", func(e *model.ForwardEntry) string { return e.InternalPort }},
		{"IpProtocol", func(e *model.ForwardEntry) string { return e.IpProtocol }},
	} {
		if want := strings.TrimSpace(c.str(p.param)); want != "" {
			fs = append(fs, func(r *record) bool { return strings.EqualFold(p.get(fwdOf(r)), want) })
		}
	}
	ix := c.st.index(kindForwardEntry, "ftb", natOf(nat).ForwardTableIds.ForwardTableId[0])
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("ForwardTableEntries", "ForwardTableEntry", c.st.renderAll(recs), total, num, size), nil
}

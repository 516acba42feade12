package sim

import (
	"net/netip"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// The VPC family: VPCs, VSwitches, VRouters (this file), route tables and
// route entries (ops_route.go). Codes and messages are the documented ones
// (api-catalog §2.2-2.5), including their typos.

func addVPC(r *registry) {
	vpcKinds(r)
	vpc := model.ProductVPC
	r.writeDry(vpc, "CreateVpc", createVpcOp)
	r.writeDry(vpc, "DeleteVpc", on(lookupVpc, deleteVpcOp))
	r.read(vpc, "DescribeVpcs", describeVpcs.op)
	r.read(vpc, "DescribeVpcAttribute", on(lookupVpc, describeVpcAttribute))
	r.write(vpc, "ModifyVpcAttribute", on(lookupVpc, modifyVpcAttribute))
	r.writeDry(vpc, "CreateVSwitch", createVSwitchOp)
	r.writeDry(vpc, "DeleteVSwitch", onIn(vswRegion, lookupVSwitch("VSwitch not exist."), deleteVSwitchOp))
	r.read(vpc, "DescribeVSwitches", describeVSwitches.op)
	r.read(vpc, "DescribeVSwitchAttributes", onIn(vswRegion, lookupVSwitch(vswNotFound), describeVSwitchAttributes))
	r.write(vpc, "ModifyVSwitchAttribute", onIn(vswRegion, lookupVSwitch(vswNotFound), modifyVSwitchAttribute))
	r.read(vpc, "DescribeVRouters", describeVRouters.op)
	r.write(vpc, "ModifyVRouterAttribute", with(lookupVRouter, modifyVRouterAttribute))
	addRouteOps(r)

	r.block(kindVpc, kindVSwitch, "DependencyViolation.VSwitch", "Specified object has dependent resources.")
	r.block(kindVSwitch, kindInstance, "DependencyViolation", "Specified object has dependent resources.")
	r.followUp("vpc.delete", func(st *store, rec *record) {
		for _, rt := range st.children(kindRouteTable, "vpc", rec.ID) {
			removeRouteTable(st, rt)
		}
		for _, vr := range st.children(kindVRouter, "vpc", rec.ID) {
			st.remove(vr)
		}
	})
}

func errVpcNotFound() error {
	return newErr(404, "InvalidVpcId.NotFound", "Specified VPC does not exist.")
}

func errVpcStatus() error {
	return newErr(400, "IncorrectVpcStatus", "Current VPC status does not support this operation.")
}

func errCIDR() error { return newErr(400, "InvalidParameter", "Specified CIDR block is not valid") }

// lookupVpc finds VpcId in region.
func lookupVpc(c *call, region string) (*record, error) {
	return lookupIn(c, kindVpc, "VpcId", region, "InvalidVpcId.NotFound", "Specified VPC does not exist.")
}

func vpcOf(r *record) *model.Vpc { return r.Value.(*model.Vpc) }

// checkNameDesc is nameDesc with the default name rule, answering with the
// family's code and message for the name and for Description.
func checkNameDesc(c *call, nameParam, nameCode, nameMsg, descCode, descMsg string) error {
	return nameDesc(c, nameParam, model.DefaultName, func(param string, _ error) error {
		if param == nameParam {
			return newErr(400, nameCode, nameMsg)
		}
		return newErr(400, descCode, descMsg)
	})
}

func checkVpcNameDesc(c *call) error {
	return checkNameDesc(c, "VpcName", "InvalidVpcName.Malformed", "Specified VPC name is not valid.",
		"InvalidParameter.Description.Malformed", "The specified Description is not valid.")
}

// parseUserCidrs applies CreateVpc's UserCidr rules.
func parseUserCidrs(s string) ([]string, error) {
	if strings.TrimSpace(s) == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > 3 {
		return nil, newErr(400, "InvalidUserCidr.Quota", "Specified UserCidr number is greater than 3.")
	}
	out := make([]string, 0, len(parts))
	for _, part := range parts {
		p, err := netip.ParsePrefix(strings.TrimSpace(part))
		if err != nil || !p.Addr().Is4() || p.Masked() != p {
			return nil, newErr(400, "InvalidParameter", "Specified UserCidr invalid format.")
		}
		if p.Bits() < 8 || p.Bits() > 28 {
			return nil, newErr(400, "InvalidParameter", "Specified UserCidr Subnet mask is not valid .")
		}
		if p.Overlaps(model.CGNAT) {
			return nil, newErr(400, "InvalidUserCidr.Malformed", "Specified UserCidr overlapping in of 100.64.0.0/10.")
		}
		out = append(out, p.String())
	}
	return out, nil
}

// vpcOptions reads what CreateVpc and ModifyVpcAttribute share: UserCidr
// and the IPv6 switch (spelled EnableIpv6 by one, EnableIPv6 by the other).
func vpcOptions(c *call, ipv6Param string) (users []string, ipv6 bool, err error) {
	if users, err = parseUserCidrs(c.str("UserCidr")); err == nil {
		ipv6, _, err = c.boolParam(ipv6Param)
	}
	return users, ipv6, err
}

func createVpcOp(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	cidr := strings.TrimSpace(c.str("CidrBlock"))
	if cidr == "" {
		cidr = model.DefaultVpcCIDR
	}
	p, err := model.CheckVpcCIDR(cidr)
	if err != nil {
		return nil, errCIDR()
	}
	if err := checkVpcNameDesc(c); err != nil {
		return nil, err
	}
	users, ipv6, err := vpcOptions(c, "EnableIpv6")
	if err != nil {
		return nil, err
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	if err := commitUnder(c, kindVpc, "region", region, c.quotas().VpcsPerRegion,
		newErr(400, "QuotaExceeded.Vpc", "VPC quota exceeded.")); err != nil {
		return nil, err
	}
	a := vpcArgs{
		Region: region, Name: c.str("VpcName"), Description: c.str("Description"), CIDR: p.String(),
		ResourceGroup: c.str("ResourceGroupId"), UserCidrs: users, Tags: tags, Status: stPending, Created: c.now,
	}
	if ipv6 {
		a.IPv6 = ipv6Block(c.st)
	}
	vpc, vrt, rt := createVpc(c.st, a)
	c.st.schedule(vpc, Transition{Due: c.due(), Status: stAvailable})
	return M{"VpcId": vpc.ID, "VRouterId": vrt.ID, "RouteTableId": rt.ID, "ResourceGroupId": vpcOf(vpc).ResourceGroupId}, nil
}

func deleteVpcOp(c *call, rec *record) (any, error) {
	if c.st.status(rec) != stAvailable {
		return nil, errVpcStatus()
	}
	if err := c.blocked(kindVpc, rec.ID); err != nil {
		return nil, err
	}
	custom := 0
	for _, rt := range c.st.children(kindRouteTable, "vpc", rec.ID) {
		if c.st.count(kindRouteEntry, "custom", rt.ID) > 0 {
			return nil, newErr(400, "DependencyViolation.RouteEntry", "Specified object has dependent resources")
		}
		if rt.Value.(*model.RouteTable).RouteTableType != "System" {
			custom++
		}
	}
	if custom > 0 {
		return nil, newErr(400, "DependencyViolation.RouteTable", "Specified object has dependent resources RouteTable.")
	}
	return removeLater(c, rec, stDeleting, "vpc.delete")
}

// triBool filters on an optional boolean parameter: unset keeps all.
func triBool(c *call, name string) (func(bool) bool, error) {
	v, set, err := c.boolParam(name)
	if err != nil || !set {
		return nil, err
	}
	return func(b bool) bool { return b == v }, nil
}

// filters combines predicates; nil ones are skipped and no predicate at all
// gives nil (an unfiltered, O(page) listing).
func filters(fs ...func(*record) bool) func(*record) bool {
	var keep []func(*record) bool
	for _, f := range fs {
		if f != nil {
			keep = append(keep, f)
		}
	}
	if len(keep) == 0 {
		return nil
	}
	return func(r *record) bool {
		for _, f := range keep {
			if !f(r) {
				return false
			}
		}
		return true
	}
}

// byIDs builds an index of the given records (those found), in creation
// order.
func byIDs(st *store, kind, region string, ids []string) *ordIndex {
	ix := &ordIndex{}
	for _, id := range ids {
		if r := st.find(kind, region, strings.TrimSpace(id)); r != nil {
			ix.add(r)
		}
	}
	return ix
}

var describeVpcs = listSpec{
	Kind: kindVpc, Wrapper: "Vpcs", Item: "Vpc",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		fs, err := defaultAndTags(c, describeTagFilters, func(r *record) (bool, model.Tags) { return vpcOf(r).IsDefault, vpcOf(r).Tags })
		if ids := c.str("VpcId"); err == nil && ids != "" && len(strings.Split(ids, ",")) > 20 {
			return nil, errInvalidParam("VpcId")
		}
		return fs, err
	},
	Narrow: []narrow{{"VpcId", byIDList}},
	Fields: fieldsOf(vpcOf, "VpcName", "ResourceGroupId"),
}

// defaultAndTags reads IsDefault and Tag.N (N up to n) and filters on them.
func defaultAndTags(c *call, n int, of func(*record) (bool, model.Tags)) ([]func(*record) bool, error) {
	isDefault, err := triBool(c, "IsDefault")
	if err != nil {
		return nil, err
	}
	tags, err := c.tagsUpTo(n)
	if err != nil {
		return nil, err
	}
	var fs []func(*record) bool
	if isDefault != nil {
		fs = append(fs, func(r *record) bool { d, _ := of(r); return isDefault(d) })
	}
	if len(tags.Tag) > 0 {
		fs = append(fs, func(r *record) bool { _, t := of(r); return matchTags(t, tags) })
	}
	return fs, nil
}

func describeVpcAttribute(c *call, rec *record) (any, error) {
	attr := model.VpcAttribute{Vpc: *c.st.render(rec).(*model.Vpc)}
	res := []model.CloudResource{
		{ResourceType: "VSwitch", ResourceCount: c.st.count(kindVSwitch, "vpc", rec.ID)},
		{ResourceType: "VRouter", ResourceCount: c.st.count(kindVRouter, "vpc", rec.ID)},
		{ResourceType: "RouteTable", ResourceCount: c.st.count(kindRouteTable, "vpc", rec.ID)},
	}
	if n := c.st.count(kindInstance, "vpc", rec.ID); n > 0 {
		res = append(res, model.CloudResource{ResourceType: "ECS", ResourceCount: n})
	}
	if n := c.st.count(kindNatGateway, "vpc", rec.ID); n > 0 {
		res = append(res, model.CloudResource{ResourceType: "NatGateway", ResourceCount: n})
	}
	attr.CloudResources.CloudResourceSetType = res
	return &attr, nil
}

func modifyVpcAttribute(c *call, rec *record) (any, error) {
	if err := checkVpcNameDesc(c); err != nil {
		return nil, err
	}
	v := vpcOf(rec)
	var cidr string
	if s := strings.TrimSpace(c.str("CidrBlock")); s != "" {
		p, err := model.CheckVpcCIDR(s)
		if err != nil {
			return nil, errCIDR()
		}
		for _, sw := range vswitchCIDRs(c.st, rec.ID) {
			if sp, err := netip.ParsePrefix(sw); err == nil && !model.Contains(p, sp) {
				return nil, errCIDR()
			}
		}
		cidr = p.String()
	}
	users, ipv6, err := vpcOptions(c, "EnableIPv6")
	if err != nil {
		return nil, err
	}
	if c.st.status(rec) != stAvailable {
		return nil, errVpcStatus()
	}
	return nil, commitEdit(c, rec, edits{"VpcName": &v.VpcName, "Description": &v.Description}, func() {
		if cidr != "" {
			v.CidrBlock = cidr
		}
		if users != nil {
			v.UserCidrs.UserCidr = users
		}
		if ipv6 && v.Ipv6CidrBlock == "" {
			v.Ipv6CidrBlock = ipv6Block(c.st)
		}
	})
}

// --- VSwitches ---

func vswOf(r *record) *model.VSwitch { return r.Value.(*model.VSwitch) }

func errVSwitchNotFound(msg string) error { return newErr(404, "InvalidVSwitchId.NotFound", msg) }

const vswNotFound = "The specified virtual switch does not exists."

func lookupVSwitch(msg string) func(*call, string) (*record, error) {
	return finder{kindVSwitch, "VSwitchId", 404, "InvalidVSwitchId.NotFound", msg}.in
}

// vswRegion is the VSwitch operations' RegionId: optional (any region when
// absent), read after VSwitchId.
func vswRegion(c *call) (string, error) {
	if err := c.need("VSwitchId"); err != nil {
		return "", err
	}
	return c.optRegion()
}

func checkVSwitchNameDesc(c *call) error {
	return checkNameDesc(c, "VSwitchName", "InvalidVSwitchName.Malformed", "Specified virtual switch name is not valid.",
		"InvalidVSwitchDiscription.Malformed", "Specified virtual switch description is not valid.")
}

// pendingVSwitch reports whether a VSwitch of the VPC other than skip is
// still being created.
func pendingVSwitch(st *store, vpcID string, skip *record) bool {
	for _, sw := range st.children(kindVSwitch, "vpc", vpcID) {
		if sw != skip && st.status(sw) != stAvailable {
			return true
		}
	}
	return false
}

// unstableEntry reports whether any route entry of the VPC's route tables
// is being created or deleted.
func unstableEntry(st *store, vpcID string) bool {
	for _, rt := range st.children(kindRouteTable, "vpc", vpcID) {
		if unstableEntryIn(st, rt) {
			return true
		}
	}
	return false
}

func unstableEntryIn(st *store, rt *record) bool {
	for _, e := range st.children(kindRouteEntry, "rt", rt.ID) {
		if st.status(e) != stAvailable {
			return true
		}
	}
	return false
}

func createVSwitchOp(c *call) (any, error) {
	region, err := needRegion(c, "RegionId", "VpcId", "ZoneId", "CidrBlock")
	if err != nil {
		return nil, err
	}
	if err := checkVSwitchNameDesc(c); err != nil {
		return nil, err
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	rec, err := lookupVpc(c, region)
	if err != nil {
		return nil, err
	}
	zone := strings.TrimSpace(c.str("ZoneId"))
	if !c.srv.region(region).hasZone(zone) {
		return nil, newErr(404, "InvalidZoneId.NotFound", "Specified zone does not exist.")
	}
	v := vpcOf(rec)
	if c.st.status(rec) != stAvailable {
		return nil, errVpcStatus()
	}
	if pendingVSwitch(c.st, rec.ID, nil) {
		return nil, newErr(400, "IncorrectVSwitchStatus", "VSwitch Creation simultaneously is not supported.")
	}
	if unstableEntry(c.st, rec.ID) {
		return nil, newErr(400, "IncorrectRouteEntryStatus", "Some route entry status blocked this operation.")
	}
	cidr := strings.TrimSpace(c.str("CidrBlock"))
	// The same model rule the forms use, in three steps so each failure
	// gets its documented code.
	if _, err := model.CheckVSwitchCIDR(cidr, "", nil); err != nil {
		return nil, newErr(400, "InvalidCirdrBlock.MaskLength", "Specified CIDR block is not valid .")
	}
	if _, err := model.CheckVSwitchCIDR(cidr, v.CidrBlock, nil); err != nil {
		return nil, newErr(400, "InvalidParameter", "Specified CIDR block is not valid in VPC.")
	}
	p, err := model.CheckVSwitchCIDR(cidr, v.CidrBlock, vswitchCIDRs(c.st, rec.ID))
	if err != nil {
		return nil, newErr(400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other subnets.")
	}
	for _, rt := range c.st.children(kindRouteTable, "vpc", rec.ID) {
		for _, e := range c.st.children(kindRouteEntry, "custom", rt.ID) {
			if e.Value.(*model.RouteEntry).DestinationCidrBlock == p.String() {
				return nil, newErr(400, "InvalidCidrBlock.Overlapped", "Specified CIDR block overlapped with other entry.")
			}
		}
	}
	ipv6 := ""
	if c.has("Ipv6CidrBlock") {
		n, err := c.intParam("Ipv6CidrBlock", 0, 0, 255)
		if err != nil {
			return nil, err
		}
		if v.Ipv6CidrBlock == "" {
			return nil, errInvalidParamMsg("Ipv6CidrBlock", "the VPC has no IPv6 block")
		}
		ipv6 = vswitchIPv6(v.Ipv6CidrBlock, n)
	}
	if err := commitUnder(c, kindVSwitch, "vpc", rec.ID, c.quotas().VSwitchesPerVpc,
		newErr(400, "QuotaExceeded.VSwitch", "Virtual switch quota exceeded.")); err != nil {
		return nil, err
	}
	sw := createVSwitch(c.st, rec, vswArgs{
		Zone: zone, CIDR: p.String(), Name: c.str("VSwitchName"), Description: c.str("Description"),
		IPv6: ipv6, Tags: tags, Status: stPending, Created: c.now,
	})
	c.st.schedule(sw, Transition{Due: c.due(), Status: stAvailable})
	return M{"VSwitchId": sw.ID}, nil
}

func deleteVSwitchOp(c *call, sw *record) (any, error) {
	if c.st.status(sw) != stAvailable {
		return nil, newErr(400, "IncorrectVSwitchStatus", "The current virtual switch status does not support this operation.")
	}
	vpcID := vswOf(sw).VpcId
	if pendingVSwitch(c.st, vpcID, sw) {
		return nil, newErr(400, "IncorrectVSwitchStatus", "Some virtual switch is modifying within the same VPC.")
	}
	if unstableEntry(c.st, vpcID) {
		return nil, newErr(400, "IncorrectRouteEntryStatus", "Some route entry status blocked this operation.")
	}
	if err := c.blocked(kindVSwitch, sw.ID); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	// The VSwitch status has no Deleting value: it goes at once.
	removeVSwitch(c.st, sw)
	return nil, nil
}

var describeVSwitches = listSpec{
	Kind: kindVSwitch, Wrapper: "VSwitches", Item: "VSwitch",
	Rules: func(c *call, region string) ([]func(*record) bool, error) {
		fs, err := defaultAndTags(c, maxTags, func(r *record) (bool, model.Tags) { return vswOf(r).IsDefault, vswOf(r).Tags })
		if err != nil {
			return nil, err
		}
		if id := c.str("VSwitchId"); id != "" && c.st.find(kindVSwitch, region, id) == nil {
			return nil, errVSwitchNotFound("VSwitch not exist.")
		}
		if vpcID := c.str("VpcId"); vpcID != "" && c.st.find(kindVpc, region, vpcID) == nil {
			return nil, newErr(400, "Forbidden.VpcNotFound", "Specified VPC can not found.")
		}
		return fs, nil
	},
	// Start from the narrowest index; the other filters apply on top of it.
	Narrow: []narrow{{"VSwitchId", byID}, {"VpcId", "vpc"}, {"RouteTableId", "rt"}, {"ZoneId", "zone"}},
	Local:  []string{"vpc", "zone"},
	Fields: fieldsOf(vswOf, "VpcId", "ZoneId", "RouteTableId=RouteTable.RouteTableId", "VSwitchName", "ResourceGroupId"),
}

// vswitchAttributes is DescribeVSwitchAttributes' body.
type vswitchAttributes struct {
	model.VSwitch
	CloudResources struct {
		CloudResourceSetType []model.CloudResource `json:"CloudResourceSetType"`
	} `json:"CloudResources"`
}

func describeVSwitchAttributes(c *call, sw *record) (any, error) {
	out := vswitchAttributes{VSwitch: *c.st.render(sw).(*model.VSwitch)}
	out.CloudResources.CloudResourceSetType = []model.CloudResource{}
	if n := c.st.count(kindInstance, "vsw", sw.ID); n > 0 {
		out.CloudResources.CloudResourceSetType = append(out.CloudResources.CloudResourceSetType,
			model.CloudResource{ResourceType: "ECS", ResourceCount: n})
	}
	return &out, nil
}

func modifyVSwitchAttribute(c *call, sw *record) (any, error) {
	if err := checkVSwitchNameDesc(c); err != nil {
		return nil, err
	}
	v := vswOf(sw)
	ipv6 := ""
	if c.has("Ipv6CidrBlock") {
		n, err := c.intParam("Ipv6CidrBlock", 0, 0, 255)
		if err != nil {
			return nil, err
		}
		vpc := c.st.find(kindVpc, "", v.VpcId)
		if vpc == nil || vpcOf(vpc).Ipv6CidrBlock == "" {
			return nil, errInvalidParamMsg("Ipv6CidrBlock", "the VPC has no IPv6 block")
		}
		ipv6 = vswitchIPv6(vpcOf(vpc).Ipv6CidrBlock, n)
	}
	return nil, commitEdit(c, sw, edits{"VSwitchName": &v.VSwitchName, "Description": &v.Description}, func() {
		if ipv6 != "" {
			v.Ipv6CidrBlock = ipv6
		}
	})
}

// --- VRouters ---

var describeVRouters = listSpec{
	Kind: kindVRouter, Wrapper: "VRouters", Item: "VRouter", Narrow: []narrow{{"VRouterId", byID}},
}

var lookupVRouter = finder{kindVRouter, "VRouterId", 404, "InvalidVRouterId.NotFound", "Specified virtual router does not exist."}.here

var modifyVRouterAttribute = editAttrs(func(c *call) error {
	return checkNameDesc(c, "VRouterName", "InvalidVRouterName.Malformed", "Specified virtual router name is not valid.",
		"InvalidVRouterDiscription.Malformed", "Specified virtual router description is not valid.")
}, editsOf(func(r *record) *model.VRouter { return r.Value.(*model.VRouter) }, "VRouterName", "Description"))

package sim

import (
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Route tables and route entries of the VPC family.

func addRouteOps(r *registry) {
	vpc := model.ProductVPC
	r.read(vpc, "DescribeRouteTableList", describeRouteTableList.op)
	r.write(vpc, "CreateRouteTable", createRouteTableOp)
	r.write(vpc, "DeleteRouteTable", on(lookupTable, deleteRouteTableOp))
	r.write(vpc, "ModifyRouteTableAttributes", on(lookupTable, modifyRouteTableAttributes))
	r.write(vpc, "AssociateRouteTable", associateRouteTable)
	r.write(vpc, "UnassociateRouteTable", unassociateRouteTable)
	r.write(vpc, "CreateRouteEntry", createRouteEntryOp)
	r.write(vpc, "DeleteRouteEntry", deleteRouteEntryOp)
	r.read(vpc, "DescribeRouteEntryList", on(lookupTable, describeRouteEntryList))
	r.followUp("rt.delete", func(st *store, rec *record) {
		for _, e := range st.children(kindRouteEntry, "rt", rec.ID) {
			st.remove(e)
		}
	})
}

// validNextHopType lists the NextHopType values CreateRouteEntry accepts.
// A next hop must also be a stored record whose kind declares the same
// NextHopType (kindSpec.NextHopType): the families that store NAT gateways,
// VPN gateways, peer connections, ... make their IDs valid next hops by
// declaring it.
func validNextHopType(t string) bool {
	switch t {
	case "Instance", "HaVip", "RouterInterface", "NetworkInterface", "VpnGateway", "IPv6Gateway",
		"NatGateway", "VpcPeer", "Ipv4Gateway", "GatewayEndpoint", "Attachment", "TR":
		return true
	}
	return false
}

func rtOf(r *record) *model.RouteTable { return r.Value.(*model.RouteTable) }

func entryOf(r *record) *model.RouteEntry { return r.Value.(*model.RouteEntry) }

func errTableNotFound() error {
	return newErr(404, "InvalidRouteTableId.NotFound", "Specified route table does not exist.")
}

func errEntryStatus() error {
	return newErr(400, "IncorrectRouteEntryStatus", "Some route entry status blocked this operation.")
}

// lookupTable finds RouteTableId in region ("" = any region).
func lookupTable(c *call, region string) (*record, error) {
	return lookupIn(c, kindRouteTable, "RouteTableId", region, "InvalidRouteTableId.NotFound", "Specified route table does not exist.")
}

func checkRouteTableNameDesc(c *call) error {
	return checkNameDesc(c, "RouteTableName", "InvalidRouteTableName.Malformed", "The specified RouteTableName is not valid.",
		"InvalidParameter.Description.Malformed", "The specified Description is not valid.")
}

var describeRouteTableList = listSpec{
	Kind: kindRouteTable, Wrapper: "RouterTableList", Item: "RouterTableListType",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		tags, err := c.tags()
		if err != nil {
			return nil, err
		}
		// Seed 003 §8.2: RouterType defaults to VRouter (and VpcId sets it
		// to VRouter); a VBR's tables are listed only with RouterType=VBR.
		routerType, err := oneOfParam(c, "RouterType", "VRouter", "VRouter", "VBR")
		if err != nil {
			return nil, err
		}
		fs := []func(*record) bool{func(r *record) bool { return rtOf(r).RouterType == routerType }}
		if typ := c.str("RouteTableType"); typ != "" {
			fs = append(fs, func(r *record) bool { return strings.EqualFold(rtOf(r).RouteTableType, typ) })
		}
		if len(tags.Tag) > 0 {
			fs = append(fs, func(r *record) bool { return matchTags(rtOf(r).Tags, tags) })
		}
		return fs, nil
	},
	Narrow: []narrow{{"RouteTableId", byID}, {"VpcId", "vpc"}, {"RouterId", "router"}},
	Fields: fieldsOf(rtOf, "VpcId", "RouterId", "RouteTableName", "ResourceGroupId"),
	Answer: func(body M) M {
		body["Code"], body["Message"], body["Success"] = "200", "successful", true
		return body
	},
}

func createRouteTableOp(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	if err := checkRouteTableNameDesc(c); err != nil {
		return nil, err
	}
	vpc, err := lookupVpc(c, region)
	if err != nil {
		return nil, err
	}
	if c.st.status(vpc) != stAvailable {
		return nil, errVpcStatus()
	}
	custom := 0
	for _, rt := range c.st.children(kindRouteTable, "vpc", vpc.ID) {
		if rtOf(rt).RouteTableType != "System" {
			custom++
		}
	}
	if custom >= c.quotas().RouteTablesPerVpc {
		return nil, newErr(400, "QuotaExceeded.RouteTable", "Route table quota exceeded in this VPC.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rt := addRouteTable(c.st, vpc, "Custom", c.str("RouteTableName"), c.str("Description"), stPending, c.now)
	c.st.schedule(rt, Transition{Due: c.due(), Status: stAvailable})
	return M{"RouteTableId": rt.ID}, nil
}

func errTableStatus() error {
	return newErr(400, "IncorrectRouteTableStatus", "The current route table status does not support this operation.")
}

func deleteRouteTableOp(c *call, rt *record) (any, error) {
	if rtOf(rt).RouteTableType == "System" {
		return nil, newErr(400, "OperationDenied", "Specified operation is denied as route table type is system.")
	}
	if c.st.status(rt) != stAvailable {
		return nil, errTableStatus()
	}
	for _, sw := range c.st.children(kindVSwitch, "rt", rt.ID) {
		if c.st.status(sw) != stAvailable {
			return nil, newErr(400, "IncorrectVSwitchStatus", "The current virtual switch status does not support this operation.")
		}
	}
	if c.st.count(kindVSwitch, "rt", rt.ID) > 0 {
		return nil, newErr(400, "DependencyViolation.VSwitch", "Specified route table has associated VSwitches; unassociate them first.")
	}
	if c.st.count(kindRouteEntry, "custom", rt.ID) > 0 {
		return nil, newErr(400, "DependencyViolation.RouteEntry", "Specified object has dependent resources")
	}
	return removeLater(c, rt, stDeleting, "rt.delete")
}

var modifyRouteTableAttributes = editAttrs(checkRouteTableNameDesc, editsOf(rtOf, "RouteTableName", "Description"))

// tableAndVSwitch reads RouteTableId and VSwitchId for (un)association.
func tableAndVSwitch(c *call) (rt, sw *record, err error) {
	region, err := c.region()
	if err != nil {
		return nil, nil, err
	}
	if err := c.need("RouteTableId", "VSwitchId"); err != nil {
		return nil, nil, err
	}
	if rt, err = lookupTable(c, region); err != nil {
		return nil, nil, err
	}
	sw = c.st.find(kindVSwitch, region, strings.TrimSpace(c.str("VSwitchId")))
	if sw == nil {
		return nil, nil, errVSwitchNotFound("VSwitch not exist.")
	}
	return rt, sw, nil
}

func associateRouteTable(c *call) (any, error) {
	rt, sw, err := tableAndVSwitch(c)
	if err != nil {
		return nil, err
	}
	t, v := rtOf(rt), vswOf(sw)
	if t.VpcId != v.VpcId {
		return nil, newErr(400, "InvalidParameter", "The VSwitch and the route table do not belong to the same VPC.")
	}
	if t.RouteTableType == "System" {
		return nil, newErr(400, "OperationDenied", "Specified operation is denied as route table type is system.")
	}
	if c.st.status(rt) != stAvailable {
		return nil, errTableStatus()
	}
	if c.st.status(sw) != stAvailable {
		return nil, newErr(400, "IncorrectVSwitchStatus", "The current virtual switch status does not support this operation.")
	}
	if v.RouteTable.RouteTableId == rt.ID {
		return nil, newErr(400, "DependencyViolation.RouteTable", "The VSwitch is already associated with this route table.")
	}
	if v.RouteTable.RouteTableType == "Custom" {
		return nil, newErr(400, "DependencyViolation.RouteTable", "The VSwitch is already associated with another custom route table.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	bindTable(c.st, sw, rt)
	return nil, nil
}

func unassociateRouteTable(c *call) (any, error) {
	rt, sw, err := tableAndVSwitch(c)
	if err != nil {
		return nil, err
	}
	v := vswOf(sw)
	if v.RouteTable.RouteTableId != rt.ID || rtOf(rt).RouteTableType == "System" {
		return nil, newErr(400, "InvalidParameter", "The VSwitch is not associated with the specified route table.")
	}
	if c.st.status(rt) != stAvailable {
		return nil, errTableStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	bindTable(c.st, sw, nil)
	return nil, nil
}

// nextHops reads either NextHopType/NextHopId or NextHopList.N (ECMP) and
// checks that every next hop exists in the table's VPC.
func nextHops(c *call, rt *record) ([]model.NextHop, error) {
	var hops []model.NextHop
	for i := 1; i <= 16; i++ {
		n := strconv.Itoa(i)
		id, typ, w := c.str("NextHopList."+n+".NextHopId"), c.str("NextHopList."+n+".NextHopType"), c.str("NextHopList."+n+".Weight")
		if id == "" && typ == "" && w == "" {
			continue
		}
		if id == "" {
			return nil, errMissing("NextHopList." + n + ".NextHopId")
		}
		if typ == "" {
			typ = "Instance"
		}
		weight := 0
		if w != "" {
			v, err := strconv.Atoi(w)
			if err != nil || v < 0 || v > 255 {
				return nil, newErr(400, "INVALID_WEIGHT_PARAM", "Specified value of weight invalid")
			}
			weight = v
		}
		hops = append(hops, model.NextHop{NextHopType: typ, NextHopId: id, Weight: weight, Enabled: 1})
	}
	single := c.has("NextHopType") || c.has("NextHopId")
	switch {
	case single && len(hops) > 0:
		return nil, newErr(400, "InvalidNexthopTypeAndList.BothNotNull", "both nexthopType and nextHopList are not null.")
	case !single && len(hops) == 0:
		return nil, newErr(400, "InvalidNexthopTypeAndList.BothNull", "both nexthopType and nextHopList are null.")
	case len(hops) > 0 && (len(hops) < 2 || len(hops) > 4):
		return nil, newErr(400, "InvalidNexthopListSize", "nexthop size is illegal. Must be between 2 and 4.")
	case single:
		typ := c.str("NextHopType")
		if typ == "" {
			typ = "Instance"
		}
		if !c.has("NextHopId") {
			return nil, errMissing("NextHopId")
		}
		hops = []model.NextHop{{NextHopType: typ, NextHopId: strings.TrimSpace(c.str("NextHopId")), Enabled: 1}}
	}
	vpcID := rtOf(rt).VpcId
	for _, h := range hops {
		if !validNextHopType(h.NextHopType) {
			return nil, newErr(400, "InvalidNextHopType", `Specified parameter "NextHopType" is not valid`)
		}
		target := c.st.get(h.NextHopId)
		if target == nil || target.Region != rt.Region || !hopMatches(c.st, target, h.NextHopType, vpcID) {
			return nil, newErr(404, "InvalidNextHopId.NotFound", "Specified next hop does not exist.")
		}
	}
	return hops, nil
}

// hopMatches reports whether target may be a next hop of typ for a table
// in vpcID: its kind declares typ and, if it has "vpc" refs, one of them is
// vpcID (a peer connection lists both of its VPCs).
func hopMatches(st *store, target *record, typ, vpcID string) bool {
	sp := st.spec(target.Kind)
	if sp == nil || sp.NextHopType != typ {
		return false
	}
	if sp.Refs == nil {
		return true
	}
	inVpc, hasVpc := false, false
	for _, rf := range sp.Refs(target.Value) {
		if rf.By == "vpc" {
			hasVpc = true
			inVpc = inVpc || rf.ID == vpcID
		}
	}
	return !hasVpc || inVpc
}

func createRouteEntryOp(c *call) (any, error) {
	region, err := needRegion(c, "RegionId", "RouteTableId", "DestinationCidrBlock")
	if err != nil {
		return nil, err
	}
	rt, err := lookupTable(c, region)
	if err != nil {
		return nil, err
	}
	if err := checkNameDesc(c, "RouteEntryName", "InvalidRouteEntryName.Malformed", "The specified RouteEntryName is not valid.",
		"InvalidParameter.Description.Malformed", "The specified Description is not valid."); err != nil {
		return nil, err
	}
	t := rtOf(rt)
	vpc := c.st.find(kindVpc, "", t.VpcId)
	if vpc == nil {
		return nil, newErr(400, "InvalidVRouter.NotFound", "vRouter not exists.")
	}
	if c.st.status(vpc) != stAvailable {
		return nil, errVpcStatus()
	}
	if c.st.status(rt) != stAvailable {
		return nil, errTableStatus()
	}
	dest := normalizeDest(c.str("DestinationCidrBlock"))
	if _, err := model.CheckRouteDestination(dest, nil); err != nil {
		return nil, newErr(400, "InvalidCidrBlock", "Specified CIDR block is not valid.")
	}
	p, err := model.CheckRouteDestination(dest, vswitchCIDRs(c.st, t.VpcId))
	if err != nil {
		return nil, newErr(400, "InvalidCidrBlock", "Specified CIDR block is already exists.")
	}
	dest = p.String()
	hops, err := nextHops(c, rt)
	if err != nil {
		return nil, err
	}
	for _, e := range c.st.children(kindRouteEntry, "rt", rt.ID) {
		if entryOf(e).DestinationCidrBlock == dest {
			return nil, newErr(400, "InvalidCIDRBlock.Duplicate", "Specified CIDR block is already exists.")
		}
	}
	if unstableEntryIn(c.st, rt) {
		return nil, errEntryStatus()
	}
	if err := commitUnder(c, kindRouteEntry, "custom", rt.ID, c.quotas().RouteEntriesPerTable,
		newErr(400, "QuotaExceeded", "Route entry quota exceeded in this route table.")); err != nil {
		return nil, err
	}
	e := addCustomEntry(c.st, rt, entryArgs{
		Dest: dest, Name: c.str("RouteEntryName"), Description: c.str("Description"),
		Hops: hops, Status: stPending, Created: c.now,
	})
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return M{"RouteEntryId": e.ID}, nil
}

func deleteRouteEntryOp(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	var e, rt *record
	if id := strings.TrimSpace(c.str("RouteEntryId")); id != "" {
		e = c.st.find(kindRouteEntry, region, id)
		if e == nil {
			return nil, newErr(400, "InvalidRouteEntry.NotFound", "Route entry not exists.")
		}
		rt = c.st.find(kindRouteTable, "", entryOf(e).RouteTableId)
		if c.has("RouteTableId") && (rt == nil || rt.ID != strings.TrimSpace(c.str("RouteTableId"))) {
			return nil, newErr(400, "InvalidRouteEntry.NotFound", "Route entry not exists.")
		}
	} else {
		if err := c.need("RouteTableId", "DestinationCidrBlock"); err != nil {
			return nil, err
		}
		if rt, err = lookupTable(c, region); err != nil {
			return nil, err
		}
		dest := normalizeDest(c.str("DestinationCidrBlock"))
		if p, err := model.ParseCIDR(dest); err == nil {
			dest = p.String()
		}
		hop := strings.TrimSpace(c.str("NextHopId"))
		for _, cand := range c.st.children(kindRouteEntry, "rt", rt.ID) {
			ev := entryOf(cand)
			if ev.DestinationCidrBlock != dest {
				continue
			}
			if hop != "" && !hasHop(ev, hop) {
				continue
			}
			e = cand
			break
		}
		if e == nil {
			return nil, newErr(400, "InvalidRouteEntry.NotFound", "Route entry not exists.")
		}
	}
	if rt == nil {
		return nil, errTableNotFound()
	}
	if entryOf(e).Type == "System" {
		return nil, newErr(400, "OperationDenied", "Specified operation is denied as route entry type is system.")
	}
	if vpc := c.st.find(kindVpc, "", rtOf(rt).VpcId); vpc != nil {
		if c.st.status(vpc) != stAvailable {
			return nil, errVpcStatus()
		}
		if pendingVSwitch(c.st, vpc.ID, nil) {
			return nil, errEntryStatus()
		}
	}
	if unstableEntryIn(c.st, rt) {
		return nil, errEntryStatus()
	}
	return removeLater(c, e, stDeleting, "")
}

func hasHop(e *model.RouteEntry, id string) bool {
	for _, h := range e.NextHops.NextHop {
		if h.NextHopId == id {
			return true
		}
	}
	return false
}

func describeRouteEntryList(c *call, rt *record) (any, error) {
	max, err := c.intParam("MaxResult", 10, 1, 100)
	if err != nil {
		return nil, err
	}
	after, err := parseToken("NextToken", c.str("NextToken"))
	if err != nil {
		return nil, err
	}
	var fs []func(*record) bool
	if id := c.str("RouteEntryId"); id != "" {
		fs = append(fs, func(r *record) bool { return r.ID == id })
	}
	if d := c.str("DestinationCidrBlock"); d != "" {
		d = normalizeDest(d)
		fs = append(fs, func(r *record) bool { return entryOf(r).DestinationCidrBlock == d })
	}
	if list := c.repeated("DestCidrBlockList", 20); len(list) > 0 {
		want := map[string]bool{}
		for _, d := range list {
			want[normalizeDest(d)] = true
		}
		fs = append(fs, func(r *record) bool { return want[entryOf(r).DestinationCidrBlock] })
	}
	if typ := c.str("RouteEntryType"); typ != "" {
		if typ != "System" && typ != "Custom" && typ != "BGP" {
			return nil, errInvalidParam("RouteEntryType")
		}
		fs = append(fs, func(r *record) bool { return entryOf(r).Type == typ })
	}
	if name := c.str("RouteEntryName"); name != "" {
		fs = append(fs, func(r *record) bool { return entryOf(r).RouteEntryName == name })
	}
	if hop := c.str("NextHopId"); hop != "" {
		fs = append(fs, func(r *record) bool { return hasHop(entryOf(r), hop) })
	}
	if typ := c.str("NextHopType"); typ != "" {
		fs = append(fs, func(r *record) bool { return entryOf(r).NextHopType() == typ })
	}
	if v := c.str("IpVersion"); v != "" {
		fs = append(fs, func(r *record) bool { return strings.EqualFold(entryOf(r).IpVersion, v) })
	}
	recs, more := c.st.index(kindRouteEntry, "rt", rt.ID).after(filters(fs...), after, max)
	token := ""
	if more && len(recs) > 0 {
		token = seqToken(recs[len(recs)-1])
	}
	return M{"NextToken": token, "RouteEntrys": M{"RouteEntry": c.st.renderAll(recs)}}, nil
}

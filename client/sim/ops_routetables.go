package sim

import (
	"strings"

	"github.com/alivpc/alivpc/model"
)

// DescribeRouteTables (seed 003 §8.3) answers route tables with their
// entries: RouteTables.RouteTable[] each holding RouteEntrys.RouteEntry[].
// The seed gives no RouterType default here (unlike DescribeRouteTableList);
// VRouterId sets RouterType=VRouter.

func addRouteTablesOp(r *registry) {
	r.read(model.ProductVPC, "DescribeRouteTables", describeRouteTables)
}

func describeRouteTables(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	routerType := c.str("RouterType")
	if routerType != "" && routerType != "VRouter" && routerType != "VBR" {
		return nil, errInvalidParam("RouterType")
	}
	routerID := c.str("RouterId")
	if v := c.str("VRouterId"); v != "" {
		routerID, routerType = v, "VRouter"
	}
	var ix *ordIndex
	switch id := c.str("RouteTableId"); {
	case id != "":
		ix = byIDs(c.st, kindRouteTable, region, []string{id})
	case routerID != "":
		ix = c.st.index(kindRouteTable, "router", routerID)
	default:
		ix = c.st.inRegion(kindRouteTable, region)
	}
	fs := []func(*record) bool{func(r *record) bool { return r.Region == region }}
	if routerID != "" {
		fs = append(fs, func(r *record) bool { return rtOf(r).RouterId == routerID })
	}
	if routerType != "" {
		fs = append(fs, func(r *record) bool { return rtOf(r).RouterType == routerType })
	}
	if name := c.str("RouteTableName"); name != "" {
		fs = append(fs, func(r *record) bool { return rtOf(r).RouteTableName == name })
	}
	if typ := c.str("Type"); typ != "" {
		fs = append(fs, func(r *record) bool { return strings.EqualFold(rtOf(r).RouteTableType, typ) })
	}
	if rg := c.str("ResourceGroupId"); rg != "" {
		fs = append(fs, func(r *record) bool { return rtOf(r).ResourceGroupId == rg })
	}
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	items := make([]any, 0, len(recs))
	for _, r := range recs {
		t := c.st.render(r).(*model.RouteTable)
		entries, _ := c.st.index(kindRouteEntry, "rt", r.ID).page(nil, 0, 1<<30)
		items = append(items, M{
			"RouteTableId": t.RouteTableId, "RouteTableType": t.RouteTableType, "VRouterId": t.RouterId,
			"CreationTime": t.CreationTime, "ResourceGroupId": t.ResourceGroupId,
			"VSwitchIds":  M{"VSwitchId": t.VSwitchIds.VSwitchId},
			"RouteEntrys": M{"RouteEntry": c.st.renderAll(entries)},
		})
	}
	return paged("RouteTables", "RouteTable", items, total, num, size), nil
}

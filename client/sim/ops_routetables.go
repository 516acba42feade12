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
	r.read(model.ProductVPC, "DescribeRouteTables", describeRouteTables.op)
}

// describeRouteTables lists the tables of RouteTableId, else of the router
// (VRouterId, else RouterId), else of the region; the filters compare the
// parameters as given.
var describeRouteTables = listSpec{Kind: kindRouteTable, Wrapper: "RouteTables", Item: "RouteTable",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		routerType := c.str("RouterType")
		if routerType != "" && routerType != "VRouter" && routerType != "VBR" {
			return nil, errInvalidParam("RouterType")
		}
		routerID := c.str("RouterId")
		if v := c.str("VRouterId"); v != "" {
			routerID, routerType = v, "VRouter"
		}
		var fs []func(*record) bool
		if id := c.str("RouteTableId"); id != "" { // a blank one names no table
			fs = append(fs, func(r *record) bool { return r.ID == strings.TrimSpace(id) })
		}
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
		return fs, nil
	},
	Narrow: []narrow{{"RouteTableId", byID}, {"VRouterId", "router"}, {"RouterId", "router"}},
	Items: func(c *call, recs []*record) []any {
		items := make([]any, 0, len(recs))
		for _, r := range recs {
			t := c.st.render(r).(*model.RouteTable)
			items = append(items, M{
				"RouteTableId": t.RouteTableId, "RouteTableType": t.RouteTableType, "VRouterId": t.RouterId,
				"CreationTime": t.CreationTime, "ResourceGroupId": t.ResourceGroupId,
				"VSwitchIds":  M{"VSwitchId": t.VSwitchIds.VSwitchId},
				"RouteEntrys": M{"RouteEntry": c.st.renderAll(c.st.children(kindRouteEntry, "rt", r.ID))},
			})
		}
		return items
	},
}

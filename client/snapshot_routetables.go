package client

import (
	"cmp"
	"encoding/json"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// DescribeRouteTables (seed 003 §8.3) on a snapshot: the recorded route
// tables (VRouter and VBR) each with its recorded entries, filtered and
// paged as the API does, so that a path traced on a snapshot reads the
// same routes as one traced live.

func (srv *SnapshotServer) routeTables(params map[string]string) any {
	if srv.entriesOf == nil {
		srv.entriesOf = map[string][]json.RawMessage{}
		for _, o := range srv.byKind["route"] {
			if e, ok := o.obj.Val().(*model.RouteEntry); ok {
				srv.entriesOf[e.RouteTableId] = append(srv.entriesOf[e.RouteTableId], o.Object)
			}
		}
	}
	routerID, routerType := cmp.Or(params["VRouterId"], params["RouterId"]), params["RouterType"]
	if params["VRouterId"] != "" {
		routerType = "VRouter"
	}
	recorded := srv.byKind["rt"]
	if r := params["RegionId"]; r != "" {
		recorded = srv.inRegion["rt/"+r]
	}
	var tables []*model.RouteTable
	for _, o := range recorded {
		t, ok := o.obj.Val().(*model.RouteTable)
		if !ok {
			continue
		}
		switch {
		case params["RouteTableId"] != "" && t.RouteTableId != params["RouteTableId"],
			routerID != "" && t.RouterId != routerID,
			routerType != "" && t.RouterType != routerType,
			params["RouteTableName"] != "" && t.RouteTableName != params["RouteTableName"],
			params["Type"] != "" && !strings.EqualFold(t.RouteTableType, params["Type"]):
			continue
		}
		tables = append(tables, t)
	}
	size, page := atoiOr(params["PageSize"], 10), atoiOr(params["PageNumber"], 1)
	from, to := min((page-1)*size, len(tables)), min(page*size, len(tables))
	items := make([]any, 0, to-from)
	for _, t := range tables[from:to] {
		entries := srv.entriesOf[t.RouteTableId]
		if entries == nil {
			entries = []json.RawMessage{}
		}
		items = append(items, map[string]any{
			"RouteTableId": t.RouteTableId, "RouteTableType": t.RouteTableType, "VRouterId": t.RouterId,
			"CreationTime": t.CreationTime, "ResourceGroupId": t.ResourceGroupId,
			"VSwitchIds":  map[string]any{"VSwitchId": t.VSwitchIds.VSwitchId},
			"RouteEntrys": map[string]any{"RouteEntry": entries},
		})
	}
	return map[string]any{"RequestId": "snapshot", "TotalCount": len(tables), "PageNumber": page, "PageSize": size,
		"RouteTables": map[string]any{"RouteTable": items}}
}

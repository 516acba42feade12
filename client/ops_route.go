package client

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// DescribeRouteTablesInput filters DescribeRouteTables (seed 003 §8.3).
// VRouterId selects a VPC's tables (the API then sets RouterType=VRouter).
type DescribeRouteTablesInput struct {
	RegionId        string
	VRouterId       string
	RouterId        string
	RouterType      string // VRouter | VBR
	RouteTableId    string
	RouteTableName  string
	Type            string // System | Custom
	ResourceGroupId string
}

// DescribeRouteTables lists route tables with their route entries, every
// page: one call per 50 tables instead of one per table.
func (c *Client) DescribeRouteTables(ctx context.Context, in *DescribeRouteTablesInput) ([]*model.RouteTableEntries, error) {
	return listFiltered[model.RouteTableEntries](ctx, c, model.RouteTablesListing(), in)
}

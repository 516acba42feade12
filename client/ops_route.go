package client

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// DescribeRouteTablesInput filters DescribeRouteTables (seed 003 §8.3).
// VRouterId selects a VPC's tables (the API then sets RouterType=VRouter).
type DescribeRouteTablesInput struct {
	RegionId        string `param:"RegionId"`
	VRouterId       string `param:"VRouterId"`
	RouterId        string `param:"RouterId"`
	RouterType      string `param:"RouterType"` // VRouter | VBR
	RouteTableId    string `param:"RouteTableId"`
	RouteTableName  string `param:"RouteTableName"`
	Type            string `param:"Type"` // System | Custom
	ResourceGroupId string `param:"ResourceGroupId"`
}

// DescribeRouteTables lists route tables with their route entries, every
// page: one call per 50 tables instead of one per table.
func (c *Client) DescribeRouteTables(ctx context.Context, in *DescribeRouteTablesInput) ([]*model.RouteTableEntries, error) {
	params, err := EncodeParams(in)
	if err != nil {
		return nil, err
	}
	region := params["RegionId"]
	delete(params, "RegionId")
	return ListTyped[model.RouteTableEntries](ctx, c, model.RouteTablesListing(), region, params)
}

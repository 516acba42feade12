package client

// Typed operations for high-availability virtual IPs (HaVip, VPC
// 2016-04-28). Every write takes a ClientToken. Conventions: see ops_vpc.go.

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// CreateHaVipInput is CreateHaVip's parameters. IpAddress, when given, must
// be a free address of the VSwitch's block; otherwise one is assigned.
type CreateHaVipInput struct {
	RegionId        string      `param:"RegionId"`
	VSwitchId       string      `param:"VSwitchId"`
	IpAddress       string      `param:"IpAddress"`
	Name            string      `param:"Name"`
	Description     string      `param:"Description"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tag             []model.Tag `param:"Tag"`
	ClientToken     string      `param:"ClientToken"`
}

// CreateHaVipOutput is CreateHaVip's answer.
type CreateHaVipOutput struct {
	RequestId string `json:"RequestId"`
	HaVipId   string `json:"HaVipId"`
	IpAddress string `json:"IpAddress"`
}

// CreateHaVip creates a HaVip (Creating → Available).
func (c *Client) CreateHaVip(ctx context.Context, in *CreateHaVipInput) (*CreateHaVipOutput, error) {
	return Invoke[CreateHaVipOutput](ctx, c, model.ProductVPC, "CreateHaVip", "", in)
}

// ModifyHaVipAttributeInput is ModifyHaVipAttribute's parameters.
type ModifyHaVipAttributeInput struct {
	RegionId    string `param:"RegionId"`
	HaVipId     string `param:"HaVipId"`
	Name        string `param:"Name"`
	Description string `param:"Description"`
	ClientToken string `param:"ClientToken"`
}

// ModifyHaVipAttribute renames a HaVip or changes its description.
func (c *Client) ModifyHaVipAttribute(ctx context.Context, in *ModifyHaVipAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyHaVipAttribute", "", in)
}

// DeleteHaVipInput is DeleteHaVip's parameters.
type DeleteHaVipInput struct {
	RegionId    string `param:"RegionId"`
	HaVipId     string `param:"HaVipId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteHaVip deletes an Available HaVip (Deleting → gone).
func (c *Client) DeleteHaVip(ctx context.Context, in *DeleteHaVipInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteHaVip", "", in)
}

// AssociateHaVipInput is AssociateHaVip's and UnassociateHaVip's
// parameters. InstanceType is EcsInstance (default) or NetworkInterface;
// Force (unassociate only) lets the master instance go.
type AssociateHaVipInput struct {
	RegionId     string `param:"RegionId"`
	HaVipId      string `param:"HaVipId"`
	InstanceId   string `param:"InstanceId"`
	InstanceType string `param:"InstanceType"`
	Force        string `param:"Force"` // "True" | "False"
	ClientToken  string `param:"ClientToken"`
}

// AssociateHaVip binds a HaVip to an ECS instance or an ENI in its VSwitch
// (Associating → InUse).
func (c *Client) AssociateHaVip(ctx context.Context, in *AssociateHaVipInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "AssociateHaVip", "", in)
}

// UnassociateHaVip unbinds an instance (Unassociating → InUse or Available).
func (c *Client) UnassociateHaVip(ctx context.Context, in *AssociateHaVipInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "UnassociateHaVip", "", in)
}

// DescribeHaVipsInput filters DescribeHaVips: Filter keys VpcId, VSwitchId,
// Status, HaVipId and HaVipAddress (at most 5, values OR-ed).
type DescribeHaVipsInput struct {
	RegionId        string      `param:"RegionId"`
	Filter          []Filter    `param:"Filter"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tags            []model.Tag `param:"Tags"`
}

// DescribeHaVips lists every HaVip matching the filter.
func (c *Client) DescribeHaVips(ctx context.Context, in *DescribeHaVipsInput) ([]*model.HaVip, error) {
	return listKind[model.HaVip](ctx, c, "havip", in)
}

package client

// Typed operations for router interfaces (VPC 2016-04-28, seed 003 §9).
// Conventions: see ops_vpc.go. Connect, Activate and Deactivate take no
// ClientToken (the API documents none).

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// CreateRouterInterfaceInput is CreateRouterInterface's parameters. Role
// AcceptingSide takes Spec Negative; a VBR only initiates.
type CreateRouterInterfaceInput struct {
	RegionId                 string `param:"RegionId"`
	Role                     string `param:"Role"`
	RouterType               string `param:"RouterType"`
	RouterId                 string `param:"RouterId"`
	Spec                     string `param:"Spec"`
	OppositeRegionId         string `param:"OppositeRegionId"`
	OppositeRouterType       string `param:"OppositeRouterType"`
	OppositeRouterId         string `param:"OppositeRouterId"`
	OppositeInterfaceId      string `param:"OppositeInterfaceId"`
	OppositeInterfaceOwnerId string `param:"OppositeInterfaceOwnerId"`
	AccessPointId            string `param:"AccessPointId"`
	OppositeAccessPointId    string `param:"OppositeAccessPointId"`
	HealthCheckSourceIp      string `param:"HealthCheckSourceIp"`
	HealthCheckTargetIp      string `param:"HealthCheckTargetIp"`
	Name                     string `param:"Name"`
	Description              string `param:"Description"`
	InstanceChargeType       string `param:"InstanceChargeType"` // PostPaid (default) | PrePaid
	PricingCycle             string `param:"PricingCycle"`
	Period                   int    `param:"Period"`
	AutoPay                  *bool  `param:"AutoPay"`
	ClientToken              string `param:"ClientToken"`
}

// CreateRouterInterfaceOutput is CreateRouterInterface's answer.
type CreateRouterInterfaceOutput struct {
	RequestId         string `json:"RequestId"`
	RouterInterfaceId string `json:"RouterInterfaceId"`
	OrderId           int64  `json:"OrderId"`
}

// CreateRouterInterface creates one end of a pair (Idle).
func (c *Client) CreateRouterInterface(ctx context.Context, in *CreateRouterInterfaceInput) (*CreateRouterInterfaceOutput, error) {
	return Invoke[CreateRouterInterfaceOutput](ctx, c, model.ProductVPC, "CreateRouterInterface", "", in)
}

// RouterInterfaceInput names one router interface: Connect, Activate,
// Deactivate.
type RouterInterfaceInput struct {
	RegionId          string `param:"RegionId"`
	RouterInterfaceId string `param:"RouterInterfaceId"`
}

// ConnectRouterInterface connects an Idle initiating side to its opposite
// interface (Connecting → Active, both ends).
func (c *Client) ConnectRouterInterface(ctx context.Context, in *RouterInterfaceInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ConnectRouterInterface", "", in)
}

// ActivateRouterInterface brings an Inactive interface back (Activating →
// Active).
func (c *Client) ActivateRouterInterface(ctx context.Context, in *RouterInterfaceInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ActivateRouterInterface", "", in)
}

// DeactivateRouterInterface freezes an Active interface (Deactivating →
// Inactive): traffic over the pair stops.
func (c *Client) DeactivateRouterInterface(ctx context.Context, in *RouterInterfaceInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeactivateRouterInterface", "", in)
}

// ModifyRouterInterfaceSpecInput is ModifyRouterInterfaceSpec's parameters.
type ModifyRouterInterfaceSpecInput struct {
	RegionId          string `param:"RegionId"`
	RouterInterfaceId string `param:"RouterInterfaceId"`
	Spec              string `param:"Spec"`
	ClientToken       string `param:"ClientToken"`
}

// ModifyRouterInterfaceSpecOutput is ModifyRouterInterfaceSpec's answer.
type ModifyRouterInterfaceSpecOutput struct {
	RequestId string `json:"RequestId"`
	Spec      string `json:"Spec"`
}

// ModifyRouterInterfaceSpec changes an initiating side's spec (an Active
// one goes Activating → Active).
func (c *Client) ModifyRouterInterfaceSpec(ctx context.Context, in *ModifyRouterInterfaceSpecInput) (*ModifyRouterInterfaceSpecOutput, error) {
	return Invoke[ModifyRouterInterfaceSpecOutput](ctx, c, model.ProductVPC, "ModifyRouterInterfaceSpec", "", in)
}

// ModifyRouterInterfaceAttributeInput is ModifyRouterInterfaceAttribute's
// parameters. The opposite fields can change only while the interface is
// Idle.
type ModifyRouterInterfaceAttributeInput struct {
	RegionId                 string `param:"RegionId"`
	RouterInterfaceId        string `param:"RouterInterfaceId"`
	Name                     string `param:"Name"`
	Description              string `param:"Description"`
	HealthCheckSourceIp      string `param:"HealthCheckSourceIp"`
	HealthCheckTargetIp      string `param:"HealthCheckTargetIp"`
	DeleteHealthCheckIp      *bool  `param:"DeleteHealthCheckIp"`
	OppositeInterfaceId      string `param:"OppositeInterfaceId"`
	OppositeInterfaceOwnerId string `param:"OppositeInterfaceOwnerId"`
	OppositeRouterId         string `param:"OppositeRouterId"`
	OppositeRouterType       string `param:"OppositeRouterType"`
}

// ModifyRouterInterfaceAttribute renames an interface, changes its
// description, health check or (while Idle) its opposite end.
func (c *Client) ModifyRouterInterfaceAttribute(ctx context.Context, in *ModifyRouterInterfaceAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyRouterInterfaceAttribute", "", in)
}

// DeleteRouterInterfaceInput is DeleteRouterInterface's parameters.
type DeleteRouterInterfaceInput struct {
	RegionId          string `param:"RegionId"`
	RouterInterfaceId string `param:"RouterInterfaceId"`
	ClientToken       string `param:"ClientToken"`
}

// DeleteRouterInterface deletes an Idle or Inactive interface that no route
// entry uses as next hop.
func (c *Client) DeleteRouterInterface(ctx context.Context, in *DeleteRouterInterfaceInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteRouterInterface", "", in)
}

// DescribeRouterInterfacesInput filters DescribeRouterInterfaces: Filter
// keys RouterInterfaceId, RouterId, RouterType, OppositeInterfaceId,
// OppositeRouterId, OppositeRouterType, Status, Name, … (at most 5,
// values OR-ed).
type DescribeRouterInterfacesInput struct {
	RegionId string   `param:"RegionId"`
	Filter   []Filter `param:"Filter"`
}

// DescribeRouterInterfaces lists every router interface matching the
// filter.
func (c *Client) DescribeRouterInterfaces(ctx context.Context, in *DescribeRouterInterfacesInput) ([]*model.RouterInterface, error) {
	return listKind[model.RouterInterface](ctx, c, "ri", in)
}

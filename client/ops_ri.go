package client

// Typed operations for router interfaces (VPC 2016-04-28, seed 003 §9).
// Conventions: see ops_vpc.go. Connect, Activate and Deactivate take no
// ClientToken (the API documents none).

import (
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
var CreateRouterInterface = Op[CreateRouterInterfaceInput, CreateRouterInterfaceOutput]{model.ProductVPC, "CreateRouterInterface"}

// RouterInterfaceInput names one router interface: Connect, Activate,
// Deactivate.
type RouterInterfaceInput struct {
	RegionId          string `param:"RegionId"`
	RouterInterfaceId string `param:"RouterInterfaceId"`
}

// ConnectRouterInterface connects an Idle initiating side to its opposite
// interface (Connecting → Active, both ends).
var ConnectRouterInterface = Op[RouterInterfaceInput, Result]{model.ProductVPC, "ConnectRouterInterface"}

// ActivateRouterInterface brings an Inactive interface back (Activating →
// Active).
var ActivateRouterInterface = Op[RouterInterfaceInput, Result]{model.ProductVPC, "ActivateRouterInterface"}

// DeactivateRouterInterface freezes an Active interface (Deactivating →
// Inactive): traffic over the pair stops.
var DeactivateRouterInterface = Op[RouterInterfaceInput, Result]{model.ProductVPC, "DeactivateRouterInterface"}

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
var ModifyRouterInterfaceSpec = Op[ModifyRouterInterfaceSpecInput, ModifyRouterInterfaceSpecOutput]{model.ProductVPC, "ModifyRouterInterfaceSpec"}

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
var ModifyRouterInterfaceAttribute = Op[ModifyRouterInterfaceAttributeInput, Result]{model.ProductVPC, "ModifyRouterInterfaceAttribute"}

// DeleteRouterInterfaceInput is DeleteRouterInterface's parameters.
type DeleteRouterInterfaceInput struct {
	RegionId          string `param:"RegionId"`
	RouterInterfaceId string `param:"RouterInterfaceId"`
	ClientToken       string `param:"ClientToken"`
}

// DeleteRouterInterface deletes an Idle or Inactive interface that no route
// entry uses as next hop.
var DeleteRouterInterface = Op[DeleteRouterInterfaceInput, Result]{model.ProductVPC, "DeleteRouterInterface"}

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
var DescribeRouterInterfaces = ListOp[DescribeRouterInterfacesInput, model.RouterInterface]{"ri"}

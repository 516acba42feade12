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
	RegionId                 string
	Role                     string
	RouterType               string
	RouterId                 string
	Spec                     string
	OppositeRegionId         string
	OppositeRouterType       string
	OppositeRouterId         string
	OppositeInterfaceId      string
	OppositeInterfaceOwnerId string
	AccessPointId            string
	OppositeAccessPointId    string
	HealthCheckSourceIp      string
	HealthCheckTargetIp      string
	Name                     string
	Description              string
	InstanceChargeType       string // PostPaid (default) | PrePaid
	PricingCycle             string
	Period                   int
	AutoPay                  *bool
	ClientToken              string
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
	RegionId          string
	RouterInterfaceId string
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
	RegionId          string
	RouterInterfaceId string
	Spec              string
	ClientToken       string
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
	RegionId                 string
	RouterInterfaceId        string
	Name                     string
	Description              string
	HealthCheckSourceIp      string
	HealthCheckTargetIp      string
	DeleteHealthCheckIp      *bool
	OppositeInterfaceId      string
	OppositeInterfaceOwnerId string
	OppositeRouterId         string
	OppositeRouterType       string
}

// ModifyRouterInterfaceAttribute renames an interface, changes its
// description, health check or (while Idle) its opposite end.
var ModifyRouterInterfaceAttribute = Op[ModifyRouterInterfaceAttributeInput, Result]{model.ProductVPC, "ModifyRouterInterfaceAttribute"}

// DeleteRouterInterfaceInput is DeleteRouterInterface's parameters.
type DeleteRouterInterfaceInput struct {
	RegionId          string
	RouterInterfaceId string
	ClientToken       string
}

// DeleteRouterInterface deletes an Idle or Inactive interface that no route
// entry uses as next hop.
var DeleteRouterInterface = Op[DeleteRouterInterfaceInput, Result]{model.ProductVPC, "DeleteRouterInterface"}

// DescribeRouterInterfacesInput filters DescribeRouterInterfaces: Filter
// keys RouterInterfaceId, RouterId, RouterType, OppositeInterfaceId,
// OppositeRouterId, OppositeRouterType, Status, Name, … (at most 5,
// values OR-ed).
type DescribeRouterInterfacesInput struct {
	RegionId string
	Filter   []Filter
}

// DescribeRouterInterfaces lists every router interface matching the
// filter.
var DescribeRouterInterfaces = ListOp[DescribeRouterInterfacesInput, model.RouterInterface]{"ri"}

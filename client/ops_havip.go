package client

// Typed operations for high-availability virtual IPs (HaVip, VPC
// 2016-04-28). Every write takes a ClientToken. Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// CreateHaVipInput is CreateHaVip's parameters. IpAddress, when given, must
// be a free address of the VSwitch's block; otherwise one is assigned.
type CreateHaVipInput struct {
	RegionId        string
	VSwitchId       string
	IpAddress       string
	Name            string
	Description     string
	ResourceGroupId string
	Tag             []model.Tag
	ClientToken     string
}

// CreateHaVipOutput is CreateHaVip's answer.
type CreateHaVipOutput struct {
	RequestId string `json:"RequestId"`
	HaVipId   string `json:"HaVipId"`
	IpAddress string `json:"IpAddress"`
}

// CreateHaVip creates a HaVip (Creating → Available).
var CreateHaVip = Op[CreateHaVipInput, CreateHaVipOutput]{model.ProductVPC, "CreateHaVip"}

// ModifyHaVipAttributeInput is ModifyHaVipAttribute's parameters.
type ModifyHaVipAttributeInput struct {
	RegionId    string
	HaVipId     string
	Name        string
	Description string
	ClientToken string
}

// ModifyHaVipAttribute renames a HaVip or changes its description.
var ModifyHaVipAttribute = Op[ModifyHaVipAttributeInput, Result]{model.ProductVPC, "ModifyHaVipAttribute"}

// DeleteHaVipInput is DeleteHaVip's parameters.
type DeleteHaVipInput struct {
	RegionId    string
	HaVipId     string
	ClientToken string
}

// DeleteHaVip deletes an Available HaVip (Deleting → gone).
var DeleteHaVip = Op[DeleteHaVipInput, Result]{model.ProductVPC, "DeleteHaVip"}

// AssociateHaVipInput is AssociateHaVip's and UnassociateHaVip's
// parameters. InstanceType is EcsInstance (default) or NetworkInterface;
// Force (unassociate only) lets the master instance go.
type AssociateHaVipInput struct {
	RegionId     string
	HaVipId      string
	InstanceId   string
	InstanceType string
	Force        string // "True" | "False"
	ClientToken  string
}

// AssociateHaVip binds a HaVip to an ECS instance or an ENI in its VSwitch
// (Associating → InUse).
var AssociateHaVip = Op[AssociateHaVipInput, Result]{model.ProductVPC, "AssociateHaVip"}

// UnassociateHaVip unbinds an instance (Unassociating → InUse or Available).
var UnassociateHaVip = Op[AssociateHaVipInput, Result]{model.ProductVPC, "UnassociateHaVip"}

// DescribeHaVipsInput filters DescribeHaVips: Filter keys VpcId, VSwitchId,
// Status, HaVipId and HaVipAddress (at most 5, values OR-ed).
type DescribeHaVipsInput struct {
	RegionId        string
	Filter          []Filter
	ResourceGroupId string
	Tags            []model.Tag
}

// DescribeHaVips lists every HaVip matching the filter.
var DescribeHaVips = ListOp[DescribeHaVipsInput, model.HaVip]{"havip"}

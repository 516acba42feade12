package client

// Typed operations for high-availability virtual IPs (HaVip, VPC
// 2016-04-28). Every write takes a ClientToken. Conventions: see ops_vpc.go.

import (
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
var CreateHaVip = Op[CreateHaVipInput, CreateHaVipOutput]{model.ProductVPC, "CreateHaVip"}

// ModifyHaVipAttributeInput is ModifyHaVipAttribute's parameters.
type ModifyHaVipAttributeInput struct {
	RegionId    string `param:"RegionId"`
	HaVipId     string `param:"HaVipId"`
	Name        string `param:"Name"`
	Description string `param:"Description"`
	ClientToken string `param:"ClientToken"`
}

// ModifyHaVipAttribute renames a HaVip or changes its description.
var ModifyHaVipAttribute = Op[ModifyHaVipAttributeInput, Result]{model.ProductVPC, "ModifyHaVipAttribute"}

// DeleteHaVipInput is DeleteHaVip's parameters.
type DeleteHaVipInput struct {
	RegionId    string `param:"RegionId"`
	HaVipId     string `param:"HaVipId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteHaVip deletes an Available HaVip (Deleting → gone).
var DeleteHaVip = Op[DeleteHaVipInput, Result]{model.ProductVPC, "DeleteHaVip"}

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
var AssociateHaVip = Op[AssociateHaVipInput, Result]{model.ProductVPC, "AssociateHaVip"}

// UnassociateHaVip unbinds an instance (Unassociating → InUse or Available).
var UnassociateHaVip = Op[AssociateHaVipInput, Result]{model.ProductVPC, "UnassociateHaVip"}

// DescribeHaVipsInput filters DescribeHaVips: Filter keys VpcId, VSwitchId,
// Status, HaVipId and HaVipAddress (at most 5, values OR-ed).
type DescribeHaVipsInput struct {
	RegionId        string      `param:"RegionId"`
	Filter          []Filter    `param:"Filter"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tags            []model.Tag `param:"Tags"`
}

// DescribeHaVips lists every HaVip matching the filter.
var DescribeHaVips = ListOp[DescribeHaVipsInput, model.HaVip]{"havip"}

package client

// Typed operations for IPv6 gateways, their egress-only rules and the
// internet bandwidth of IPv6 addresses (seed 003 §14, VPC 2016-04-28).
// Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// CreateIpv6GatewayInput is CreateIpv6Gateway's parameters. Spec is Small
// (default), Medium or Large.
type CreateIpv6GatewayInput struct {
	RegionId    string
	VpcId       string
	Spec        string
	Name        string
	Description string
	ClientToken string
}

// CreateIpv6GatewayOutput is CreateIpv6Gateway's answer.
type CreateIpv6GatewayOutput struct {
	RequestId     string `json:"RequestId"`
	Ipv6GatewayId string `json:"Ipv6GatewayId"`
}

// CreateIpv6Gateway creates a VPC's IPv6 gateway (Creating → Available).
var CreateIpv6Gateway = Op[CreateIpv6GatewayInput, CreateIpv6GatewayOutput]{model.ProductVPC, "CreateIpv6Gateway"}

// DeleteIpv6GatewayInput is DeleteIpv6Gateway's parameters.
type DeleteIpv6GatewayInput struct {
	RegionId      string
	Ipv6GatewayId string
	ClientToken   string
}

// DeleteIpv6Gateway deletes a gateway (Deleting → gone).
var DeleteIpv6Gateway = Op[DeleteIpv6GatewayInput, Result]{model.ProductVPC, "DeleteIpv6Gateway"}

// DescribeIpv6GatewayAttributeInput is DescribeIpv6GatewayAttribute's
// parameters.
type DescribeIpv6GatewayAttributeInput struct {
	RegionId      string
	Ipv6GatewayId string
}

// DescribeIpv6GatewayAttribute reads one gateway.
var DescribeIpv6GatewayAttribute = DescribeOp[DescribeIpv6GatewayAttributeInput, model.Ipv6Gateway]{model.ProductVPC, "DescribeIpv6GatewayAttribute", "Ipv6GatewayId"}

// ModifyIpv6GatewaySpecInput is ModifyIpv6GatewaySpec's parameters. Spec is
// Small, Middle or Large (this operation's spelling).
type ModifyIpv6GatewaySpecInput struct {
	RegionId      string
	Ipv6GatewayId string
	Spec          string
	ClientToken   string
}

// ModifyIpv6GatewaySpec changes a gateway's spec (Modifying → Available).
var ModifyIpv6GatewaySpec = Op[ModifyIpv6GatewaySpecInput, Result]{model.ProductVPC, "ModifyIpv6GatewaySpec"}

// DescribeIpv6GatewaysInput filters DescribeIpv6Gateways.
type DescribeIpv6GatewaysInput struct {
	RegionId      string
	VpcId         string
	Ipv6GatewayId string
	Name          string
}

// DescribeIpv6Gateways lists every gateway matching the filter.
var DescribeIpv6Gateways = ListOp[DescribeIpv6GatewaysInput, model.Ipv6Gateway]{"ipv6gw"}

// CreateIpv6EgressOnlyRuleInput is CreateIpv6EgressOnlyRule's parameters:
// InstanceId is an IPv6 address ID (InstanceType Ipv6Address, the default).
type CreateIpv6EgressOnlyRuleInput struct {
	RegionId      string
	Ipv6GatewayId string
	InstanceId    string
	InstanceType  string
	Name          string
	Description   string
	ClientToken   string
}

// CreateIpv6EgressOnlyRuleOutput is CreateIpv6EgressOnlyRule's answer (the
// API names the ID Ipv6EgressRuleId here).
type CreateIpv6EgressOnlyRuleOutput struct {
	RequestId        string `json:"RequestId"`
	Ipv6EgressRuleId string `json:"Ipv6EgressRuleId"`
}

// CreateIpv6EgressOnlyRule lets an IPv6 address reach the internet but not
// be reached from it (Creating → Available).
var CreateIpv6EgressOnlyRule = Op[CreateIpv6EgressOnlyRuleInput, CreateIpv6EgressOnlyRuleOutput]{model.ProductVPC, "CreateIpv6EgressOnlyRule"}

// DeleteIpv6EgressOnlyRuleInput is DeleteIpv6EgressOnlyRule's parameters.
type DeleteIpv6EgressOnlyRuleInput struct {
	RegionId             string
	Ipv6EgressOnlyRuleId string
	ClientToken          string
}

// DeleteIpv6EgressOnlyRule deletes a rule (Deleting → gone).
var DeleteIpv6EgressOnlyRule = Op[DeleteIpv6EgressOnlyRuleInput, Result]{model.ProductVPC, "DeleteIpv6EgressOnlyRule"}

// DescribeIpv6EgressOnlyRulesInput filters DescribeIpv6EgressOnlyRules; the
// gateway is required.
type DescribeIpv6EgressOnlyRulesInput struct {
	RegionId             string
	Ipv6GatewayId        string
	Ipv6EgressOnlyRuleId string
	InstanceId           string
	InstanceType         string
	Name                 string
}

// DescribeIpv6EgressOnlyRules lists a gateway's rules.
var DescribeIpv6EgressOnlyRules = ListOp[DescribeIpv6EgressOnlyRulesInput, model.Ipv6EgressOnlyRule]{"ipv6rule"}

// Ipv6BandwidthInput is AllocateIpv6InternetBandwidth's,
// ModifyIpv6InternetBandwidth's and DeleteIpv6InternetBandwidth's
// parameters: Allocate takes the gateway, the address, Bandwidth and
// InternetChargeType; Modify Bandwidth and the address or the bandwidth's
// ID; Delete the address or the bandwidth's ID.
type Ipv6BandwidthInput struct {
	RegionId                string
	Ipv6GatewayId           string
	Ipv6AddressId           string
	Ipv6InternetBandwidthId string
	Bandwidth               string
	InternetChargeType      string
	ClientToken             string
}

// AllocateIpv6InternetBandwidthOutput is AllocateIpv6InternetBandwidth's
// answer.
type AllocateIpv6InternetBandwidthOutput struct {
	RequestId           string `json:"RequestId"`
	InternetBandwidthId string `json:"InternetBandwidthId"`
	Ipv6AddressId       string `json:"Ipv6AddressId"`
}

// AllocateIpv6InternetBandwidth makes an IPv6 address public (the address
// goes Pending → Available).
var AllocateIpv6InternetBandwidth = Op[Ipv6BandwidthInput, AllocateIpv6InternetBandwidthOutput]{model.ProductVPC, "AllocateIpv6InternetBandwidth"}

// ModifyIpv6InternetBandwidth changes an address's bandwidth.
var ModifyIpv6InternetBandwidth = Op[Ipv6BandwidthInput, Result]{model.ProductVPC, "ModifyIpv6InternetBandwidth"}

// DeleteIpv6InternetBandwidth makes an address private again.
var DeleteIpv6InternetBandwidth = Op[Ipv6BandwidthInput, Result]{model.ProductVPC, "DeleteIpv6InternetBandwidth"}

// DescribeIpv6AddressesInput filters DescribeIpv6Addresses. Ipv6AddressId
// takes up to 20 IDs, comma-separated.
type DescribeIpv6AddressesInput struct {
	RegionId                string
	VpcId                   string
	VSwitchId               string
	Ipv6AddressId           string
	Ipv6Address             string
	Ipv6InternetBandwidthId string
	AssociatedInstanceId    string
	AssociatedInstanceType  string
	NetworkType             string
	Name                    string
}

// DescribeIpv6Addresses lists every IPv6 address matching the filter.
var DescribeIpv6Addresses = ListOp[DescribeIpv6AddressesInput, model.Ipv6Address]{"ipv6addr"}

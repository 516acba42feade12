package client

// Typed operations for NAT gateways, SNAT and DNAT entries and EIPs (VPC
// 2016-04-28). Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// ---- NAT gateway ----

// CreateNatGatewayInput is CreateNatGateway's parameters. Enhanced NAT
// gateways need VSwitchId; Spec applies only to the old Normal type.
type CreateNatGatewayInput struct {
	RegionId                  string      `param:"RegionId"`
	VpcId                     string      `param:"VpcId"`
	VSwitchId                 string      `param:"VSwitchId"`
	Name                      string      `param:"Name"`
	Description               string      `param:"Description"`
	NatType                   string      `param:"NatType"`     // Enhanced
	NetworkType               string      `param:"NetworkType"` // internet | intranet
	Spec                      string      `param:"Spec"`        // Small | Middle | Large | XLarge.1
	InstanceChargeType        string      `param:"InstanceChargeType"`
	InternetChargeType        string      `param:"InternetChargeType"` // PayBySpec | PayByLcu
	EipBindMode               string      `param:"EipBindMode"`        // MULTI_BINDED | NAT
	IcmpReplyEnabled          *bool       `param:"IcmpReplyEnabled"`
	SecurityProtectionEnabled *bool       `param:"SecurityProtectionEnabled"`
	PrivateLinkEnabled        *bool       `param:"PrivateLinkEnabled"`
	NatIp                     string      `param:"NatIp"`
	AutoPay                   *bool       `param:"AutoPay"`
	Duration                  string      `param:"Duration"`
	PricingCycle              string      `param:"PricingCycle"`
	Tag                       []model.Tag `param:"Tag"`
	ClientToken               string      `param:"ClientToken"`
}

// CreateNatGatewayOutput is CreateNatGateway's answer, with the SNAT and
// DNAT tables created with the gateway.
type CreateNatGatewayOutput struct {
	RequestId       string `json:"RequestId"`
	NatGatewayId    string `json:"NatGatewayId"`
	ForwardTableIds struct {
		ForwardTableId []string `json:"ForwardTableId"`
	} `json:"ForwardTableIds"`
	SnatTableIds struct {
		SnatTableId []string `json:"SnatTableId"`
	} `json:"SnatTableIds"`
	FullNatTableIds struct {
		FullNatTableId []string `json:"FullNatTableId"`
	} `json:"FullNatTableIds"`
}

// CreateNatGateway creates a NAT gateway (Creating → Available). The API adds
// a 0.0.0.0/0 route to it in the VPC's system route table, so an existing
// 0.0.0.0/0 route makes it fail.
var CreateNatGateway = Op[CreateNatGatewayInput, CreateNatGatewayOutput]{model.ProductVPC, "CreateNatGateway"}

// DeleteNatGatewayInput is DeleteNatGateway's parameters. Force also removes
// the gateway's SNAT/DNAT entries and unbinds its EIPs.
type DeleteNatGatewayInput struct {
	RegionId     string `param:"RegionId"`
	NatGatewayId string `param:"NatGatewayId"`
	Force        bool   `param:"Force"`
}

// DeleteNatGateway deletes a NAT gateway (Deleting, then gone).
var DeleteNatGateway = Op[DeleteNatGatewayInput, Result]{model.ProductVPC, "DeleteNatGateway"}

// ModifyNatGatewayAttributeInput is ModifyNatGatewayAttribute's parameters.
type ModifyNatGatewayAttributeInput struct {
	RegionId         string `param:"RegionId"`
	NatGatewayId     string `param:"NatGatewayId"`
	Name             string `param:"Name"`
	Description      string `param:"Description"`
	EipBindMode      string `param:"EipBindMode"`
	IcmpReplyEnabled *bool  `param:"IcmpReplyEnabled"`
	EnableSessionLog *bool  `param:"EnableSessionLog"`
}

// ModifyNatGatewayAttribute renames a NAT gateway or changes its settings.
var ModifyNatGatewayAttribute = Op[ModifyNatGatewayAttributeInput, Result]{model.ProductVPC, "ModifyNatGatewayAttribute"}

// ModifyNatGatewaySpecInput is ModifyNatGatewaySpec's parameters.
type ModifyNatGatewaySpecInput struct {
	RegionId     string `param:"RegionId"`
	NatGatewayId string `param:"NatGatewayId"`
	Spec         string `param:"Spec"` // Small | Middle | Large
	AutoPay      *bool  `param:"AutoPay"`
	ClientToken  string `param:"ClientToken"`
}

// ModifyNatGatewaySpec changes a Normal NAT gateway's spec; the same spec is
// refused (NATGW_MODIFY_SPEC_SAME).
var ModifyNatGatewaySpec = Op[ModifyNatGatewaySpecInput, Result]{model.ProductVPC, "ModifyNatGatewaySpec"}

// DescribeNatGatewaysInput filters DescribeNatGateways.
type DescribeNatGatewaysInput struct {
	RegionId           string      `param:"RegionId"`
	VpcId              string      `param:"VpcId"`
	NatGatewayId       string      `param:"NatGatewayId"`
	Name               string      `param:"Name"`
	NatType            string      `param:"NatType"`
	NetworkType        string      `param:"NetworkType"`
	Spec               string      `param:"Spec"`
	Status             string      `param:"Status"`
	InstanceChargeType string      `param:"InstanceChargeType"`
	ZoneId             string      `param:"ZoneId"`
	ResourceGroupId    string      `param:"ResourceGroupId"`
	Tag                []model.Tag `param:"Tag"`
}

// DescribeNatGateways lists every NAT gateway matching the filter.
var DescribeNatGateways = ListOp[DescribeNatGatewaysInput, model.NatGateway]{"nat"}

// ---- SNAT ----

// CreateSnatEntryInput is CreateSnatEntry's parameters: SourceVSwitchId or
// SourceCIDR (not both) and the public IPs (comma-separated SnatIp).
// EipAffinity 0 is meaningful, hence the pointer.
type CreateSnatEntryInput struct {
	RegionId           string `param:"RegionId"`
	SnatTableId        string `param:"SnatTableId"`
	SnatIp             string `param:"SnatIp"`
	SourceVSwitchId    string `param:"SourceVSwitchId"`
	SourceCIDR         string `param:"SourceCIDR"`
	SnatEntryName      string `param:"SnatEntryName"`
	NetworkInterfaceId string `param:"NetworkInterfaceId"`
	EipAffinity        *int   `param:"EipAffinity"`
	DryRun             bool   `param:"DryRun"`
	ClientToken        string `param:"ClientToken"`
}

// CreateSnatEntryOutput is CreateSnatEntry's answer.
type CreateSnatEntryOutput struct {
	RequestId   string `json:"RequestId"`
	SnatEntryId string `json:"SnatEntryId"`
}

// CreateSnatEntry adds an SNAT entry (Pending → Available).
var CreateSnatEntry = Op[CreateSnatEntryInput, CreateSnatEntryOutput]{model.ProductVPC, "CreateSnatEntry"}

// ModifySnatEntryInput is ModifySnatEntry's parameters.
type ModifySnatEntryInput struct {
	RegionId           string `param:"RegionId"`
	SnatTableId        string `param:"SnatTableId"`
	SnatEntryId        string `param:"SnatEntryId"`
	SnatIp             string `param:"SnatIp"`
	SnatEntryName      string `param:"SnatEntryName"`
	NetworkInterfaceId string `param:"NetworkInterfaceId"`
	EipAffinity        *int   `param:"EipAffinity"`
	DryRun             bool   `param:"DryRun"`
	ClientToken        string `param:"ClientToken"`
}

// ModifySnatEntry changes an SNAT entry's IPs or name; refused while any
// entry of the table is Pending or Modifying.
var ModifySnatEntry = Op[ModifySnatEntryInput, Result]{model.ProductVPC, "ModifySnatEntry"}

// DeleteSnatEntryInput is DeleteSnatEntry's parameters.
type DeleteSnatEntryInput struct {
	RegionId    string `param:"RegionId"`
	SnatTableId string `param:"SnatTableId"`
	SnatEntryId string `param:"SnatEntryId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteSnatEntry deletes an SNAT entry; refused while any entry of the
// table is Pending or Modifying.
var DeleteSnatEntry = Op[DeleteSnatEntryInput, Result]{model.ProductVPC, "DeleteSnatEntry"}

// DescribeSnatTableEntriesInput filters DescribeSnatTableEntries;
// SnatTableId is required.
type DescribeSnatTableEntriesInput struct {
	RegionId            string   `param:"RegionId"`
	SnatTableId         string   `param:"SnatTableId"`
	SnatEntryId         string   `param:"SnatEntryId"`
	SnatEntryName       string   `param:"SnatEntryName"`
	SnatIp              string   `param:"SnatIp"`
	SourceCIDR          string   `param:"SourceCIDR"`
	SourceVSwitchId     string   `param:"SourceVSwitchId"`
	NatGatewayId        string   `param:"NatGatewayId"`
	NetworkInterfaceIds []string `param:"NetworkInterfaceIds"`
}

// DescribeSnatTableEntries lists every entry of an SNAT table.
var DescribeSnatTableEntries = ListOp[DescribeSnatTableEntriesInput, model.SnatEntry]{"snat"}

// ---- DNAT (forward entries) ----

// CreateForwardEntryInput is CreateForwardEntry's parameters. Ports are
// strings: a port, a range "1024/65535", or "Any" with IpProtocol Any.
type CreateForwardEntryInput struct {
	RegionId         string `param:"RegionId"`
	ForwardTableId   string `param:"ForwardTableId"`
	ExternalIp       string `param:"ExternalIp"`
	ExternalPort     string `param:"ExternalPort"`
	InternalIp       string `param:"InternalIp"`
	InternalPort     string `param:"InternalPort"`
	IpProtocol       string `param:"IpProtocol"` // TCP | UDP | Any
	ForwardEntryName string `param:"ForwardEntryName"`
	PortBreak        *bool  `param:"PortBreak"`
	DryRun           bool   `param:"DryRun"`
	ClientToken      string `param:"ClientToken"`
}

// CreateForwardEntryOutput is CreateForwardEntry's answer.
type CreateForwardEntryOutput struct {
	RequestId      string `json:"RequestId"`
	ForwardEntryId string `json:"ForwardEntryId"`
}

// CreateForwardEntry adds a DNAT entry (Pending → Available); refused while
// any entry of the table is Pending or Modifying.
var CreateForwardEntry = Op[CreateForwardEntryInput, CreateForwardEntryOutput]{model.ProductVPC, "CreateForwardEntry"}

// ModifyForwardEntryInput is ModifyForwardEntry's parameters.
type ModifyForwardEntryInput struct {
	RegionId         string `param:"RegionId"`
	ForwardTableId   string `param:"ForwardTableId"`
	ForwardEntryId   string `param:"ForwardEntryId"`
	ExternalIp       string `param:"ExternalIp"`
	ExternalPort     string `param:"ExternalPort"`
	InternalIp       string `param:"InternalIp"`
	InternalPort     string `param:"InternalPort"`
	IpProtocol       string `param:"IpProtocol"`
	ForwardEntryName string `param:"ForwardEntryName"`
	PortBreak        *bool  `param:"PortBreak"`
	DryRun           bool   `param:"DryRun"`
	ClientToken      string `param:"ClientToken"`
}

// ModifyForwardEntry changes a DNAT entry.
var ModifyForwardEntry = Op[ModifyForwardEntryInput, Result]{model.ProductVPC, "ModifyForwardEntry"}

// DeleteForwardEntryInput is DeleteForwardEntry's parameters.
type DeleteForwardEntryInput struct {
	RegionId       string `param:"RegionId"`
	ForwardTableId string `param:"ForwardTableId"`
	ForwardEntryId string `param:"ForwardEntryId"`
	ClientToken    string `param:"ClientToken"`
}

// DeleteForwardEntry deletes a DNAT entry.
var DeleteForwardEntry = Op[DeleteForwardEntryInput, Result]{model.ProductVPC, "DeleteForwardEntry"}

// DescribeForwardTableEntriesInput filters DescribeForwardTableEntries;
// ForwardTableId is required.
type DescribeForwardTableEntriesInput struct {
	RegionId         string `param:"RegionId"`
	ForwardTableId   string `param:"ForwardTableId"`
	ForwardEntryId   string `param:"ForwardEntryId"`
	ForwardEntryName string `param:"ForwardEntryName"`
	ExternalIp       string `param:"ExternalIp"`
	ExternalPort     string `param:"ExternalPort"`
	InternalIp       string `param:"InternalIp"`
	InternalPort     string `param:"InternalPort"`
	IpProtocol       string `param:"IpProtocol"`
	NatGatewayId     string `param:"NatGatewayId"`
}

// DescribeForwardTableEntries lists every entry of a DNAT table.
var DescribeForwardTableEntries = ListOp[DescribeForwardTableEntriesInput, model.ForwardEntry]{"dnat"}

// ---- EIP ----

// AllocateEipAddressInput is AllocateEipAddress's parameters. Bandwidth is a
// string in this API (Mbps).
type AllocateEipAddressInput struct {
	RegionId              string      `param:"RegionId"`
	Name                  string      `param:"Name"`
	Description           string      `param:"Description"`
	Bandwidth             string      `param:"Bandwidth"`
	ISP                   string      `param:"ISP"` // BGP (default) | BGP_PRO ...
	InternetChargeType    string      `param:"InternetChargeType"`
	InstanceChargeType    string      `param:"InstanceChargeType"`
	Netmode               string      `param:"Netmode"`
	Period                int         `param:"Period"`
	PricingCycle          string      `param:"PricingCycle"`
	AutoPay               *bool       `param:"AutoPay"`
	Zone                  string      `param:"Zone"`
	IpAddress             string      `param:"IpAddress"`
	PublicIpAddressPoolId string      `param:"PublicIpAddressPoolId"`
	ResourceGroupId       string      `param:"ResourceGroupId"`
	Tag                   []model.Tag `param:"Tag"`
	ClientToken           string      `param:"ClientToken"`
}

// AllocateEipAddressOutput is AllocateEipAddress's answer.
type AllocateEipAddressOutput struct {
	RequestId       string        `json:"RequestId"`
	AllocationId    string        `json:"AllocationId"`
	EipAddress      string        `json:"EipAddress"`
	OrderId         model.FlexInt `json:"OrderId"`
	ResourceGroupId string        `json:"ResourceGroupId"`
}

// AllocateEipAddress allocates an EIP; it starts Available.
var AllocateEipAddress = Op[AllocateEipAddressInput, AllocateEipAddressOutput]{model.ProductVPC, "AllocateEipAddress"}

// AssociateEipAddressInput is AssociateEipAddress's parameters.
type AssociateEipAddressInput struct {
	RegionId         string `param:"RegionId"`
	AllocationId     string `param:"AllocationId"`
	InstanceId       string `param:"InstanceId"`
	InstanceType     string `param:"InstanceType"` // EcsInstance | SlbInstance | Nat | HaVip | NetworkInterface | IpAddress
	InstanceRegionId string `param:"InstanceRegionId"`
	PrivateIpAddress string `param:"PrivateIpAddress"`
	Mode             string `param:"Mode"`
	VpcId            string `param:"VpcId"`
	ClientToken      string `param:"ClientToken"`
}

// AssociateEipAddress binds an EIP to an instance (Associating → InUse).
var AssociateEipAddress = Op[AssociateEipAddressInput, Result]{model.ProductVPC, "AssociateEipAddress"}

// UnassociateEipAddressInput is UnassociateEipAddress's parameters.
type UnassociateEipAddressInput struct {
	RegionId         string `param:"RegionId"`
	AllocationId     string `param:"AllocationId"`
	InstanceId       string `param:"InstanceId"`
	InstanceType     string `param:"InstanceType"`
	PrivateIpAddress string `param:"PrivateIpAddress"`
	Force            bool   `param:"Force"`
	ClientToken      string `param:"ClientToken"`
}

// UnassociateEipAddress unbinds an EIP (Unassociating → Available).
var UnassociateEipAddress = Op[UnassociateEipAddressInput, Result]{model.ProductVPC, "UnassociateEipAddress"}

// ReleaseEipAddressInput is ReleaseEipAddress's parameters.
type ReleaseEipAddressInput struct {
	RegionId     string `param:"RegionId"`
	AllocationId string `param:"AllocationId"`
}

// ReleaseEipAddress releases an Available EIP.
var ReleaseEipAddress = Op[ReleaseEipAddressInput, Result]{model.ProductVPC, "ReleaseEipAddress"}

// ModifyEipAddressAttributeInput is ModifyEipAddressAttribute's parameters.
type ModifyEipAddressAttributeInput struct {
	RegionId     string `param:"RegionId"`
	AllocationId string `param:"AllocationId"`
	Name         string `param:"Name"`
	Description  string `param:"Description"`
	Bandwidth    string `param:"Bandwidth"`
}

// ModifyEipAddressAttribute renames an EIP or changes its bandwidth.
var ModifyEipAddressAttribute = Op[ModifyEipAddressAttributeInput, Result]{model.ProductVPC, "ModifyEipAddressAttribute"}

// DescribeEipAddressesInput filters DescribeEipAddresses. AssociatedInstanceId
// is honoured only together with AssociatedInstanceType.
type DescribeEipAddressesInput struct {
	RegionId               string      `param:"RegionId"`
	AllocationId           string      `param:"AllocationId"`
	EipAddress             string      `param:"EipAddress"`
	EipName                string      `param:"EipName"`
	Status                 string      `param:"Status"`
	AssociatedInstanceType string      `param:"AssociatedInstanceType"`
	AssociatedInstanceId   string      `param:"AssociatedInstanceId"`
	ChargeType             string      `param:"ChargeType"`
	ISP                    string      `param:"ISP"`
	LockReason             string      `param:"LockReason"`
	PublicIpAddressPoolId  string      `param:"PublicIpAddressPoolId"`
	IncludeReservationData *bool       `param:"IncludeReservationData"`
	ResourceGroupId        string      `param:"ResourceGroupId"`
	Tag                    []model.Tag `param:"Tag"`
}

// DescribeEipAddresses lists every EIP matching the filter.
var DescribeEipAddresses = ListOp[DescribeEipAddressesInput, model.EipAddress]{"eip"}

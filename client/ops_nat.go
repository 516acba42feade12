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
	RegionId                  string
	VpcId                     string
	VSwitchId                 string
	Name                      string
	Description               string
	NatType                   string // Enhanced
	NetworkType               string // internet | intranet
	Spec                      string // Small | Middle | Large | XLarge.1
	InstanceChargeType        string
	InternetChargeType        string // PayBySpec | PayByLcu
	EipBindMode               string // MULTI_BINDED | NAT
	IcmpReplyEnabled          *bool
	SecurityProtectionEnabled *bool
	PrivateLinkEnabled        *bool
	NatIp                     string
	AutoPay                   *bool
	Duration                  string
	PricingCycle              string
	Tag                       []model.Tag
	ClientToken               string
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
	RegionId     string
	NatGatewayId string
	Force        bool
}

// DeleteNatGateway deletes a NAT gateway (Deleting, then gone).
var DeleteNatGateway = Op[DeleteNatGatewayInput, Result]{model.ProductVPC, "DeleteNatGateway"}

// ModifyNatGatewayAttributeInput is ModifyNatGatewayAttribute's parameters.
type ModifyNatGatewayAttributeInput struct {
	RegionId         string
	NatGatewayId     string
	Name             string
	Description      string
	EipBindMode      string
	IcmpReplyEnabled *bool
	EnableSessionLog *bool
}

// ModifyNatGatewayAttribute renames a NAT gateway or changes its settings.
var ModifyNatGatewayAttribute = Op[ModifyNatGatewayAttributeInput, Result]{model.ProductVPC, "ModifyNatGatewayAttribute"}

// ModifyNatGatewaySpecInput is ModifyNatGatewaySpec's parameters.
type ModifyNatGatewaySpecInput struct {
	RegionId     string
	NatGatewayId string
	Spec         string // Small | Middle | Large
	AutoPay      *bool
	ClientToken  string
}

// ModifyNatGatewaySpec changes a Normal NAT gateway's spec; the same spec is
// refused (NATGW_MODIFY_SPEC_SAME).
var ModifyNatGatewaySpec = Op[ModifyNatGatewaySpecInput, Result]{model.ProductVPC, "ModifyNatGatewaySpec"}

// DescribeNatGatewaysInput filters DescribeNatGateways.
type DescribeNatGatewaysInput struct {
	RegionId           string
	VpcId              string
	NatGatewayId       string
	Name               string
	NatType            string
	NetworkType        string
	Spec               string
	Status             string
	InstanceChargeType string
	ZoneId             string
	ResourceGroupId    string
	Tag                []model.Tag
}

// DescribeNatGateways lists every NAT gateway matching the filter.
var DescribeNatGateways = ListOp[DescribeNatGatewaysInput, model.NatGateway]{"nat"}

// ---- SNAT ----

// CreateSnatEntryInput is CreateSnatEntry's parameters: SourceVSwitchId or
// SourceCIDR (not both) and the public IPs (comma-separated SnatIp).
// EipAffinity 0 is meaningful, hence the pointer.
type CreateSnatEntryInput struct {
	RegionId           string
	SnatTableId        string
	SnatIp             string
	SourceVSwitchId    string
	SourceCIDR         string
	SnatEntryName      string
	NetworkInterfaceId string
	EipAffinity        *int
	DryRun             bool
	ClientToken        string
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
	RegionId           string
	SnatTableId        string
	SnatEntryId        string
	SnatIp             string
	SnatEntryName      string
	NetworkInterfaceId string
	EipAffinity        *int
	DryRun             bool
	ClientToken        string
}

// ModifySnatEntry changes an SNAT entry's IPs or name; refused while any
// entry of the table is Pending or Modifying.
var ModifySnatEntry = Op[ModifySnatEntryInput, Result]{model.ProductVPC, "ModifySnatEntry"}

// DeleteSnatEntryInput is DeleteSnatEntry's parameters.
type DeleteSnatEntryInput struct {
	RegionId    string
	SnatTableId string
	SnatEntryId string
	ClientToken string
}

// DeleteSnatEntry deletes an SNAT entry; refused while any entry of the
// table is Pending or Modifying.
var DeleteSnatEntry = Op[DeleteSnatEntryInput, Result]{model.ProductVPC, "DeleteSnatEntry"}

// DescribeSnatTableEntriesInput filters DescribeSnatTableEntries;
// SnatTableId is required.
type DescribeSnatTableEntriesInput struct {
	RegionId            string
	SnatTableId         string
	SnatEntryId         string
	SnatEntryName       string
	SnatIp              string
	SourceCIDR          string
	SourceVSwitchId     string
	NatGatewayId        string
	NetworkInterfaceIds []string
}

// DescribeSnatTableEntries lists every entry of an SNAT table.
var DescribeSnatTableEntries = ListOp[DescribeSnatTableEntriesInput, model.SnatEntry]{"snat"}

// ---- DNAT (forward entries) ----

// CreateForwardEntryInput is CreateForwardEntry's parameters. Ports are
// strings: a port, a range "1024/65535", or "Any" with IpProtocol Any.
type CreateForwardEntryInput struct {
	RegionId         string
	ForwardTableId   string
	ExternalIp       string
	ExternalPort     string
	InternalIp       string
	InternalPort     string
	IpProtocol       string // TCP | UDP | Any
	ForwardEntryName string
	PortBreak        *bool
	DryRun           bool
	ClientToken      string
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
	RegionId         string
	ForwardTableId   string
	ForwardEntryId   string
	ExternalIp       string
	ExternalPort     string
	InternalIp       string
	InternalPort     string
	IpProtocol       string
	ForwardEntryName string
	PortBreak        *bool
	DryRun           bool
	ClientToken      string
}

// ModifyForwardEntry changes a DNAT entry.
var ModifyForwardEntry = Op[ModifyForwardEntryInput, Result]{model.ProductVPC, "ModifyForwardEntry"}

// DeleteForwardEntryInput is DeleteForwardEntry's parameters.
type DeleteForwardEntryInput struct {
	RegionId       string
	ForwardTableId string
	ForwardEntryId string
	ClientToken    string
}

// DeleteForwardEntry deletes a DNAT entry.
var DeleteForwardEntry = Op[DeleteForwardEntryInput, Result]{model.ProductVPC, "DeleteForwardEntry"}

// DescribeForwardTableEntriesInput filters DescribeForwardTableEntries;
// ForwardTableId is required.
type DescribeForwardTableEntriesInput struct {
	RegionId         string
	ForwardTableId   string
	ForwardEntryId   string
	ForwardEntryName string
	ExternalIp       string
	ExternalPort     string
	InternalIp       string
	InternalPort     string
	IpProtocol       string
	NatGatewayId     string
}

// DescribeForwardTableEntries lists every entry of a DNAT table.
var DescribeForwardTableEntries = ListOp[DescribeForwardTableEntriesInput, model.ForwardEntry]{"dnat"}

// ---- EIP ----

// AllocateEipAddressInput is AllocateEipAddress's parameters. Bandwidth is a
// string in this API (Mbps).
type AllocateEipAddressInput struct {
	RegionId              string
	Name                  string
	Description           string
	Bandwidth             string
	ISP                   string // BGP (default) | BGP_PRO ...
	InternetChargeType    string
	InstanceChargeType    string
	Netmode               string
	Period                int
	PricingCycle          string
	AutoPay               *bool
	Zone                  string
	IpAddress             string
	PublicIpAddressPoolId string
	ResourceGroupId       string
	Tag                   []model.Tag
	ClientToken           string
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
	RegionId         string
	AllocationId     string
	InstanceId       string
	InstanceType     string // EcsInstance | SlbInstance | Nat | HaVip | NetworkInterface | IpAddress
	InstanceRegionId string
	PrivateIpAddress string
	Mode             string
	VpcId            string
	ClientToken      string
}

// AssociateEipAddress binds an EIP to an instance (Associating → InUse).
var AssociateEipAddress = Op[AssociateEipAddressInput, Result]{model.ProductVPC, "AssociateEipAddress"}

// UnassociateEipAddressInput is UnassociateEipAddress's parameters.
type UnassociateEipAddressInput struct {
	RegionId         string
	AllocationId     string
	InstanceId       string
	InstanceType     string
	PrivateIpAddress string
	Force            bool
	ClientToken      string
}

// UnassociateEipAddress unbinds an EIP (Unassociating → Available).
var UnassociateEipAddress = Op[UnassociateEipAddressInput, Result]{model.ProductVPC, "UnassociateEipAddress"}

// ReleaseEipAddressInput is ReleaseEipAddress's parameters.
type ReleaseEipAddressInput struct {
	RegionId     string
	AllocationId string
}

// ReleaseEipAddress releases an Available EIP.
var ReleaseEipAddress = Op[ReleaseEipAddressInput, Result]{model.ProductVPC, "ReleaseEipAddress"}

// ModifyEipAddressAttributeInput is ModifyEipAddressAttribute's parameters.
type ModifyEipAddressAttributeInput struct {
	RegionId     string
	AllocationId string
	Name         string
	Description  string
	Bandwidth    string
}

// ModifyEipAddressAttribute renames an EIP or changes its bandwidth.
var ModifyEipAddressAttribute = Op[ModifyEipAddressAttributeInput, Result]{model.ProductVPC, "ModifyEipAddressAttribute"}

// DescribeEipAddressesInput filters DescribeEipAddresses. AssociatedInstanceId
// is honoured only together with AssociatedInstanceType.
type DescribeEipAddressesInput struct {
	RegionId               string
	AllocationId           string
	EipAddress             string
	EipName                string
	Status                 string
	AssociatedInstanceType string
	AssociatedInstanceId   string
	ChargeType             string
	ISP                    string
	LockReason             string
	PublicIpAddressPoolId  string
	IncludeReservationData *bool
	ResourceGroupId        string
	Tag                    []model.Tag
}

// DescribeEipAddresses lists every EIP matching the filter.
var DescribeEipAddresses = ListOp[DescribeEipAddressesInput, model.EipAddress]{"eip"}

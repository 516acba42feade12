package client

// Typed operations for VPN gateways, customer gateways and IPsec
// connections (VPC 2016-04-28). Conventions: see ops_vpc.go. While a VPN
// gateway is configuring, its connection changes are refused with
// VpnGateway.Configuring.

import (
	"github.com/alivpc/alivpc/model"
)

// ---- VPN gateway ----

// CreateVpnGatewayInput is CreateVpnGateway's parameters. EnableIpsec
// defaults to true on the API side, so it is a pointer to send false.
type CreateVpnGatewayInput struct {
	RegionId                  string
	VpcId                     string
	VSwitchId                 string
	DisasterRecoveryVSwitchId string
	Name                      string
	Bandwidth                 int // Mbps: 5 | 10 | 20 | 50 | 100 ...
	EnableIpsec               *bool
	EnableSsl                 *bool
	SslConnections            int
	NetworkType               string // public | private
	VpnType                   string // Normal | NationalStandard
	InstanceChargeType        string
	Period                    int
	AutoPay                   *bool
	ResourceGroupId           string
	ClientToken               string
}

// CreateVpnGatewayOutput is CreateVpnGateway's answer.
type CreateVpnGatewayOutput struct {
	RequestId    string        `json:"RequestId"`
	VpnGatewayId string        `json:"VpnGatewayId"`
	Name         string        `json:"Name"`
	OrderId      model.FlexInt `json:"OrderId"`
}

// CreateVpnGateway creates a VPN gateway (init → provisioning → active, which
// takes minutes).
var CreateVpnGateway = Op[CreateVpnGatewayInput, CreateVpnGatewayOutput]{model.ProductVPC, "CreateVpnGateway"}

// DeleteVpnGatewayInput is DeleteVpnGateway's parameters.
type DeleteVpnGatewayInput struct {
	RegionId     string
	VpnGatewayId string
	ClientToken  string
}

// DeleteVpnGateway deletes a VPN gateway that has no IPsec connections left.
var DeleteVpnGateway = Op[DeleteVpnGatewayInput, Result]{model.ProductVPC, "DeleteVpnGateway"}

// ModifyVpnGatewayAttributeInput is ModifyVpnGatewayAttribute's parameters.
type ModifyVpnGatewayAttributeInput struct {
	RegionId      string
	VpnGatewayId  string
	Name          string
	Description   string
	AutoPropagate *bool
	ClientToken   string
}

// ModifyVpnGatewayAttributeOutput is the gateway as it stands after the
// change.
type ModifyVpnGatewayAttributeOutput struct {
	RequestId string `json:"RequestId"`
	model.VpnGateway
}

// ModifyVpnGatewayAttribute renames a VPN gateway or changes its settings.
var ModifyVpnGatewayAttribute = Op[ModifyVpnGatewayAttributeInput, ModifyVpnGatewayAttributeOutput]{model.ProductVPC, "ModifyVpnGatewayAttribute"}

// DescribeVpnGatewaysInput filters DescribeVpnGateways.
type DescribeVpnGatewaysInput struct {
	RegionId               string
	VpcId                  string
	VpnGatewayId           string
	Status                 string // init | provisioning | active | updating | deleting
	BusinessStatus         string // Normal | FinancialLocked
	GatewayType            string
	IncludeReservationData *bool
	ResourceGroupId        string
	Tag                    []model.Tag
}

// DescribeVpnGateways lists every VPN gateway matching the filter.
var DescribeVpnGateways = ListOp[DescribeVpnGatewaysInput, model.VpnGateway]{"vpn"}

// DescribeVpnGatewayInput is DescribeVpnGateway's parameters.
type DescribeVpnGatewayInput struct {
	RegionId               string
	VpnGatewayId           string
	IncludeReservationData *bool
}

// DescribeVpnGateway fetches one VPN gateway; *NotFoundError when it no
// longer exists.
var DescribeVpnGateway = DescribeOp[DescribeVpnGatewayInput, model.VpnGateway]{model.ProductVPC, "DescribeVpnGateway", "VpnGatewayId"}

// ---- Customer gateway ----

// CreateCustomerGatewayInput is CreateCustomerGateway's parameters. AuthKey
// (BGP MD5 key) is a secret; Asn is a string in this API.
type CreateCustomerGatewayInput struct {
	RegionId        string
	IpAddress       string
	Name            string
	Description     string
	Asn             string
	AuthKey         string
	ResourceGroupId string
	Tags            []model.Tag
	ClientToken     string
}

// CustomerGatewayOutput is the answer of CreateCustomerGateway and
// ModifyCustomerGatewayAttribute: the gateway as it stands.
type CustomerGatewayOutput struct {
	RequestId         string        `json:"RequestId"`
	CustomerGatewayId string        `json:"CustomerGatewayId"`
	IpAddress         string        `json:"IpAddress"`
	Name              string        `json:"Name"`
	Description       string        `json:"Description"`
	CreateTime        model.FlexInt `json:"CreateTime"` // epoch ms
}

// CreateCustomerGateway registers the on-premises VPN device; its IP must be
// unique per region.
var CreateCustomerGateway = Op[CreateCustomerGatewayInput, CustomerGatewayOutput]{model.ProductVPC, "CreateCustomerGateway"}

// DeleteCustomerGatewayInput is DeleteCustomerGateway's parameters.
type DeleteCustomerGatewayInput struct {
	RegionId          string
	CustomerGatewayId string
	ClientToken       string
}

// DeleteCustomerGateway deletes a customer gateway.
var DeleteCustomerGateway = Op[DeleteCustomerGatewayInput, Result]{model.ProductVPC, "DeleteCustomerGateway"}

// ModifyCustomerGatewayAttributeInput is ModifyCustomerGatewayAttribute's
// parameters.
type ModifyCustomerGatewayAttributeInput struct {
	RegionId          string
	CustomerGatewayId string
	Name              string
	Description       string
	AuthKey           string
	ClientToken       string
}

// ModifyCustomerGatewayAttribute renames a customer gateway or changes its
// description or BGP key.
var ModifyCustomerGatewayAttribute = Op[ModifyCustomerGatewayAttributeInput, CustomerGatewayOutput]{model.ProductVPC, "ModifyCustomerGatewayAttribute"}

// DescribeCustomerGatewaysInput filters DescribeCustomerGateways.
type DescribeCustomerGatewaysInput struct {
	RegionId          string
	CustomerGatewayId string
	ResourceGroupId   string
	Tag               []model.Tag
}

// DescribeCustomerGateways lists every customer gateway matching the filter.
var DescribeCustomerGateways = ListOp[DescribeCustomerGatewaysInput, model.CustomerGateway]{"cgw"}

// DescribeCustomerGatewayInput is DescribeCustomerGateway's parameters.
type DescribeCustomerGatewayInput struct {
	RegionId          string
	CustomerGatewayId string
}

// DescribeCustomerGateway fetches one customer gateway; *NotFoundError when
// it no longer exists.
var DescribeCustomerGateway = DescribeOp[DescribeCustomerGatewayInput, model.CustomerGateway]{model.ProductVPC, "DescribeCustomerGateway", "CustomerGatewayId"}

// ---- IPsec connection ----

// IkeConfigInput is the IkeConfig JSON parameter (phase 1). Unset fields are
// left out so the API's defaults apply. Psk is a secret: the debug log masks
// it inside the JSON.
type IkeConfigInput struct {
	Psk         string `json:"Psk,omitempty"`
	IkeVersion  string `json:"IkeVersion,omitempty"` // ikev1 | ikev2
	IkeMode     string `json:"IkeMode,omitempty"`    // main | aggressive
	IkeEncAlg   string `json:"IkeEncAlg,omitempty"`  // aes | aes192 | aes256 | des | 3des
	IkeAuthAlg  string `json:"IkeAuthAlg,omitempty"` // md5 | sha1 | sha256 | sha384 | sha512
	IkePfs      string `json:"IkePfs,omitempty"`     // group1 | group2 | group5 | group14
	IkeLifetime int64  `json:"IkeLifetime,omitempty"`
	LocalId     string `json:"LocalId,omitempty"`
	RemoteId    string `json:"RemoteId,omitempty"`
}

// IpsecConfigInput is the IpsecConfig JSON parameter (phase 2).
type IpsecConfigInput struct {
	IpsecEncAlg   string `json:"IpsecEncAlg,omitempty"`
	IpsecAuthAlg  string `json:"IpsecAuthAlg,omitempty"`
	IpsecPfs      string `json:"IpsecPfs,omitempty"` // group1 | group2 | group5 | group14 | disabled
	IpsecLifetime int64  `json:"IpsecLifetime,omitempty"`
}

// BgpConfigInput is the BgpConfig JSON parameter. The API documents its
// values as strings ({"EnableBgp":"true","LocalAsn":"45104",...}).
type BgpConfigInput struct {
	EnableBgp  string `json:"EnableBgp,omitempty"` // "true" | "false"
	LocalAsn   string `json:"LocalAsn,omitempty"`
	TunnelCidr string `json:"TunnelCidr,omitempty"` // a /30 inside 169.254.0.0/16
	LocalBgpIp string `json:"LocalBgpIp,omitempty"`
}

// CreateVpnConnectionInput is CreateVpnConnection's parameters. LocalSubnet
// and RemoteSubnet are comma-separated CIDRs; both 0.0.0.0/0 selects
// destination routing.
type CreateVpnConnectionInput struct {
	RegionId           string
	VpnGatewayId       string
	CustomerGatewayId  string
	Name               string
	LocalSubnet        string
	RemoteSubnet       string
	EffectImmediately  *bool
	AutoConfigRoute    *bool
	EnableDpd          *bool
	EnableNatTraversal *bool
	EnableTunnelsBgp   *bool
	IkeConfig          *IkeConfigInput   `param:"IkeConfig,json"`
	IpsecConfig        *IpsecConfigInput `param:"IpsecConfig,json"`
	BgpConfig          *BgpConfigInput   `param:"BgpConfig,json"`
	Tags               []model.Tag
	DryRun             bool
	ClientToken        string
}

// CreateVpnConnectionOutput is CreateVpnConnection's answer.
type CreateVpnConnectionOutput struct {
	RequestId       string        `json:"RequestId"`
	VpnConnectionId string        `json:"VpnConnectionId"`
	Name            string        `json:"Name"`
	CreateTime      model.FlexInt `json:"CreateTime"` // epoch ms
}

// CreateVpnConnection creates an IPsec connection. With EffectImmediately
// false it negotiates only when traffic arrives, so it may stay
// ike_sa_not_established.
var CreateVpnConnection = Op[CreateVpnConnectionInput, CreateVpnConnectionOutput]{model.ProductVPC, "CreateVpnConnection"}

// DeleteVpnConnectionInput is DeleteVpnConnection's parameters.
type DeleteVpnConnectionInput struct {
	RegionId        string
	VpnConnectionId string
	ClientToken     string
}

// DeleteVpnConnection deletes an IPsec connection, cutting the tunnel.
var DeleteVpnConnection = Op[DeleteVpnConnectionInput, Result]{model.ProductVPC, "DeleteVpnConnection"}

// ModifyVpnConnectionAttributeInput is ModifyVpnConnectionAttribute's
// parameters.
type ModifyVpnConnectionAttributeInput struct {
	RegionId           string
	VpnConnectionId    string
	Name               string
	LocalSubnet        string
	RemoteSubnet       string
	EffectImmediately  *bool
	AutoConfigRoute    *bool
	EnableDpd          *bool
	EnableNatTraversal *bool
	EnableTunnelsBgp   *bool
	IkeConfig          *IkeConfigInput   `param:"IkeConfig,json"`
	IpsecConfig        *IpsecConfigInput `param:"IpsecConfig,json"`
	BgpConfig          *BgpConfigInput   `param:"BgpConfig,json"`
	ClientToken        string
}

// ModifyVpnConnectionAttributeOutput is the connection as it stands after
// the change.
type ModifyVpnConnectionAttributeOutput struct {
	RequestId string `json:"RequestId"`
	model.VpnConnection
}

// ModifyVpnConnectionAttribute changes an IPsec connection; with
// EffectImmediately it renegotiates at once (a brief interruption).
var ModifyVpnConnectionAttribute = Op[ModifyVpnConnectionAttributeInput, ModifyVpnConnectionAttributeOutput]{model.ProductVPC, "ModifyVpnConnectionAttribute"}

// DescribeVpnConnectionsInput filters DescribeVpnConnections.
type DescribeVpnConnectionsInput struct {
	RegionId          string
	VpnGatewayId      string
	CustomerGatewayId string
	VpnConnectionId   string
	ResourceGroupId   string
	Tag               []model.Tag
}

// DescribeVpnConnections lists every IPsec connection matching the filter.
var DescribeVpnConnections = ListOp[DescribeVpnConnectionsInput, model.VpnConnection]{"ipsec"}

// VpnConnectionInput names one IPsec connection.
type VpnConnectionInput struct {
	RegionId        string
	VpnConnectionId string
}

// DescribeVpnConnection fetches one IPsec connection; *NotFoundError when it
// no longer exists.
var DescribeVpnConnection = DescribeOp[VpnConnectionInput, model.VpnConnection]{model.ProductVPC, "DescribeVpnConnection", "VpnConnectionId"}

// VpnConnectionConfig is the peer-side configuration of an IPsec
// connection: what to enter on the on-premises device. IkeConfig.Psk is a
// secret.
type VpnConnectionConfig struct {
	Local        string            `json:"Local"`
	Remote       string            `json:"Remote"`
	LocalSubnet  string            `json:"LocalSubnet"`
	RemoteSubnet string            `json:"RemoteSubnet"`
	IkeConfig    model.IkeConfig   `json:"IkeConfig"`
	IpsecConfig  model.IpsecConfig `json:"IpsecConfig"`
}

// DownloadVpnConnectionConfigOutput is DownloadVpnConnectionConfig's
// answer.
type DownloadVpnConnectionConfigOutput struct {
	RequestId           string              `json:"RequestId"`
	VpnConnectionConfig VpnConnectionConfig `json:"VpnConnectionConfig"`
}

// DownloadVpnConnectionConfig returns the configuration for the customer
// gateway device, seen from its side (Local is the customer gateway).
var DownloadVpnConnectionConfig = Op[VpnConnectionInput, DownloadVpnConnectionConfigOutput]{model.ProductVPC, "DownloadVpnConnectionConfig"}

package client

// Typed operations for virtual border routers, physical connections
// (read-only) and BGP groups, peers and networks (VPC 2016-04-28).
// Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// Filter is one Filter.N of DescribeVirtualBorderRouters and
// DescribePhysicalConnections: a key (VbrId, PhysicalConnectionId, Status,
// Name, AccessPointId, ...) and the values it may take, OR-ed; filters are
// AND-ed. Encodes as Filter.N.Key and Filter.N.Value.M.
type Filter struct {
	Key   string
	Value []string
}

// ---- VBR ----

// CreateVirtualBorderRouterInput is CreateVirtualBorderRouter's parameters.
// VlanId is required and 0 is a valid VLAN, so it is always sent.
type CreateVirtualBorderRouterInput struct {
	RegionId              string
	PhysicalConnectionId  string
	VlanId                int `param:"VlanId,always"`
	Name                  string
	Description           string
	CircuitCode           string
	LocalGatewayIp        string
	PeerGatewayIp         string
	PeeringSubnetMask     string
	EnableIpv6            *bool
	LocalIpv6GatewayIp    string
	PeerIpv6GatewayIp     string
	PeeringIpv6SubnetMask string
	Bandwidth             int
	VbrOwnerId            int64
	ResourceGroupId       string
	Tags                  []model.Tag
	ClientToken           string
}

// CreateVirtualBorderRouterOutput is CreateVirtualBorderRouter's answer.
type CreateVirtualBorderRouterOutput struct {
	RequestId string `json:"RequestId"`
	VbrId     string `json:"VbrId"`
}

// CreateVirtualBorderRouter creates a VBR on a physical connection: active
// for the owner's own account, unconfirmed for another account until that
// account confirms.
var CreateVirtualBorderRouter = Op[CreateVirtualBorderRouterInput, CreateVirtualBorderRouterOutput]{model.ProductVPC, "CreateVirtualBorderRouter"}

// VbrInput names one VBR.
type VbrInput struct {
	RegionId    string
	VbrId       string
	ClientToken string
}

// DeleteVirtualBorderRouter deletes an unconfirmed, active or terminated VBR
// with no router interfaces left.
var DeleteVirtualBorderRouter = Op[VbrInput, Result]{model.ProductVPC, "DeleteVirtualBorderRouter"}

// TerminateVirtualBorderRouter stops an active VBR (terminating →
// terminated); its VLAN stays reserved for 7 days.
var TerminateVirtualBorderRouter = Op[VbrInput, Result]{model.ProductVPC, "TerminateVirtualBorderRouter"}

// RecoverVirtualBorderRouter restarts a terminated VBR (recovering →
// active).
var RecoverVirtualBorderRouter = Op[VbrInput, Result]{model.ProductVPC, "RecoverVirtualBorderRouter"}

// ModifyVirtualBorderRouterAttributeInput is
// ModifyVirtualBorderRouterAttribute's parameters. VlanId is a pointer: 0 is
// a valid new VLAN.
type ModifyVirtualBorderRouterAttributeInput struct {
	RegionId                      string
	VbrId                         string
	Name                          string
	Description                   string
	VlanId                        *int
	CircuitCode                   string
	LocalGatewayIp                string
	PeerGatewayIp                 string
	PeeringSubnetMask             string
	EnableIpv6                    *bool
	LocalIpv6GatewayIp            string
	PeerIpv6GatewayIp             string
	PeeringIpv6SubnetMask         string
	AssociatedPhysicalConnections string
	Bandwidth                     int
	Mtu                           int
	MinRxInterval                 int
	MinTxInterval                 int
	DetectMultiplier              int
	SitelinkEnable                *bool
	ClientToken                   string
}

// ModifyVirtualBorderRouterAttribute changes a VBR's name, addressing, VLAN
// or BFD settings.
var ModifyVirtualBorderRouterAttribute = Op[ModifyVirtualBorderRouterAttributeInput, Result]{model.ProductVPC, "ModifyVirtualBorderRouterAttribute"}

// DescribeVirtualBorderRoutersInput filters DescribeVirtualBorderRouters.
type DescribeVirtualBorderRoutersInput struct {
	RegionId               string
	Filter                 []Filter
	IncludeCrossAccountVbr *bool
	ResourceGroupId        string
	Tags                   []model.Tag
}

// DescribeVirtualBorderRouters lists every VBR matching the filters.
var DescribeVirtualBorderRouters = ListOp[DescribeVirtualBorderRoutersInput, model.VirtualBorderRouter]{"vbr"}

// DescribePhysicalConnectionsInput filters DescribePhysicalConnections.
// Physical connections are ordered through a carrier, so the console only
// lists them.
type DescribePhysicalConnectionsInput struct {
	RegionId               string
	Filter                 []Filter
	IncludeReservationData *bool
	ResourceGroupId        string
	Tags                   []model.Tag
}

// DescribePhysicalConnections lists every physical connection matching the
// filters.
var DescribePhysicalConnections = ListOp[DescribePhysicalConnectionsInput, model.PhysicalConnection]{"pc"}

// ---- BGP group ----

// CreateBgpGroupInput is CreateBgpGroup's parameters. AuthKey is a secret.
type CreateBgpGroupInput struct {
	RegionId    string
	RouterId    string // the VBR
	PeerAsn     int64
	LocalAsn    int64
	Name        string
	Description string
	AuthKey     string
	IsFakeAsn   *bool
	IpVersion   string // IPv4 | IPv6
	RouteQuota  int
	ClientToken string
}

// CreateBgpGroupOutput is CreateBgpGroup's answer.
type CreateBgpGroupOutput struct {
	RequestId  string `json:"RequestId"`
	BgpGroupId string `json:"BgpGroupId"`
}

// CreateBgpGroup creates a BGP group on a VBR, one per peer AS.
var CreateBgpGroup = Op[CreateBgpGroupInput, CreateBgpGroupOutput]{model.ProductVPC, "CreateBgpGroup"}

// ModifyBgpGroupAttributeInput is ModifyBgpGroupAttribute's parameters;
// ClearAuthKey removes the key.
type ModifyBgpGroupAttributeInput struct {
	RegionId     string
	BgpGroupId   string
	Name         string
	Description  string
	PeerAsn      int64
	LocalAsn     int64
	AuthKey      string
	ClearAuthKey *bool
	IsFakeAsn    *bool
	RouteQuota   int
	ClientToken  string
}

// ModifyBgpGroupAttribute changes a BGP group.
var ModifyBgpGroupAttribute = Op[ModifyBgpGroupAttributeInput, Result]{model.ProductVPC, "ModifyBgpGroupAttribute"}

// DeleteBgpGroupInput is DeleteBgpGroup's parameters.
type DeleteBgpGroupInput struct {
	RegionId    string
	BgpGroupId  string
	ClientToken string
}

// DeleteBgpGroup deletes a BGP group.
var DeleteBgpGroup = Op[DeleteBgpGroupInput, Result]{model.ProductVPC, "DeleteBgpGroup"}

// DescribeBgpGroupsInput filters DescribeBgpGroups.
type DescribeBgpGroupsInput struct {
	RegionId   string
	RouterId   string
	BgpGroupId string
	IsDefault  *bool
}

// DescribeBgpGroups lists every BGP group matching the filter.
var DescribeBgpGroups = ListOp[DescribeBgpGroupsInput, model.BgpGroup]{"bgp"}

// ---- BGP peer ----

// CreateBgpPeerInput is CreateBgpPeer's parameters.
type CreateBgpPeerInput struct {
	RegionId      string
	BgpGroupId    string
	PeerIpAddress string
	IpVersion     string
	EnableBfd     *bool
	BfdMultiHop   int // 1-255
	ClientToken   string
}

// CreateBgpPeerOutput is CreateBgpPeer's answer.
type CreateBgpPeerOutput struct {
	RequestId string `json:"RequestId"`
	BgpPeerId string `json:"BgpPeerId"`
}

// CreateBgpPeer adds a BGP peer to a group.
var CreateBgpPeer = Op[CreateBgpPeerInput, CreateBgpPeerOutput]{model.ProductVPC, "CreateBgpPeer"}

// ModifyBgpPeerAttributeInput is ModifyBgpPeerAttribute's parameters.
type ModifyBgpPeerAttributeInput struct {
	RegionId      string
	BgpPeerId     string
	BgpGroupId    string
	PeerIpAddress string
	EnableBfd     *bool
	BfdMultiHop   int
	ClientToken   string
}

// ModifyBgpPeerAttribute changes a BGP peer's address, group or BFD.
var ModifyBgpPeerAttribute = Op[ModifyBgpPeerAttributeInput, Result]{model.ProductVPC, "ModifyBgpPeerAttribute"}

// DeleteBgpPeerInput is DeleteBgpPeer's parameters.
type DeleteBgpPeerInput struct {
	RegionId    string
	BgpPeerId   string
	ClientToken string
}

// DeleteBgpPeer deletes a BGP peer.
var DeleteBgpPeer = Op[DeleteBgpPeerInput, Result]{model.ProductVPC, "DeleteBgpPeer"}

// DescribeBgpPeersInput filters DescribeBgpPeers.
type DescribeBgpPeersInput struct {
	RegionId   string
	RouterId   string
	BgpGroupId string
	BgpPeerId  string
	IsDefault  *bool
}

// DescribeBgpPeers lists every BGP peer matching the filter.
var DescribeBgpPeers = ListOp[DescribeBgpPeersInput, model.BgpPeer]{"bgppeer"}

// ---- BGP network ----

// AddBgpNetworkInput is AddBgpNetwork's parameters.
type AddBgpNetworkInput struct {
	RegionId     string
	RouterId     string // the VBR
	DstCidrBlock string
	VpcId        string
	ClientToken  string
}

// AddBgpNetwork advertises a VPC or VSwitch block to the data centre over
// the VBR's BGP sessions.
var AddBgpNetwork = Op[AddBgpNetworkInput, Result]{model.ProductVPC, "AddBgpNetwork"}

// DeleteBgpNetworkInput names one advertised network: a block on a VBR.
type DeleteBgpNetworkInput struct {
	RegionId     string
	RouterId     string
	DstCidrBlock string
	ClientToken  string
}

// DeleteBgpNetwork stops advertising a block.
var DeleteBgpNetwork = Op[DeleteBgpNetworkInput, Result]{model.ProductVPC, "DeleteBgpNetwork"}

// DescribeBgpNetworksInput filters DescribeBgpNetworks.
type DescribeBgpNetworksInput struct {
	RegionId string
	RouterId string
}

// DescribeBgpNetworks lists every advertised network matching the filter.
var DescribeBgpNetworks = ListOp[DescribeBgpNetworksInput, model.BgpNetwork]{"bgpnet"}

// DescribeVirtualBorderRoutersForPhysicalConnectionInput filters
// DescribeVirtualBorderRoutersForPhysicalConnection.
type DescribeVirtualBorderRoutersForPhysicalConnectionInput struct {
	RegionId             string
	PhysicalConnectionId string
	Filter               []Filter
}

// DescribeVirtualBorderRoutersForPhysicalConnection lists every VBR on a
// physical connection, this account's and those made for other accounts
// (VbrOwnerUid set): what holds its VLANs and what stops a Terminate.
var DescribeVirtualBorderRoutersForPhysicalConnection = ListOp[DescribeVirtualBorderRoutersForPhysicalConnectionInput, model.VbrForPhysicalConnection]{"pcvbr"}

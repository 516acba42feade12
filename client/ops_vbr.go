package client

// Typed operations for virtual border routers, physical connections
// (read-only) and BGP groups, peers and networks (VPC 2016-04-28).
// Conventions: see ops_vpc.go.

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// Filter is one Filter.N of DescribeVirtualBorderRouters and
// DescribePhysicalConnections: a key (VbrId, PhysicalConnectionId, Status,
// Name, AccessPointId, ...) and the values it may take, OR-ed; filters are
// AND-ed. Encodes as Filter.N.Key and Filter.N.Value.M.
type Filter struct {
	Key   string   `param:"Key"`
	Value []string `param:"Value"`
}

// ---- VBR ----

// CreateVirtualBorderRouterInput is CreateVirtualBorderRouter's parameters.
// VlanId is required and 0 is a valid VLAN, so it is always sent.
type CreateVirtualBorderRouterInput struct {
	RegionId              string      `param:"RegionId"`
	PhysicalConnectionId  string      `param:"PhysicalConnectionId"`
	VlanId                int         `param:"VlanId,always"`
	Name                  string      `param:"Name"`
	Description           string      `param:"Description"`
	CircuitCode           string      `param:"CircuitCode"`
	LocalGatewayIp        string      `param:"LocalGatewayIp"`
	PeerGatewayIp         string      `param:"PeerGatewayIp"`
	PeeringSubnetMask     string      `param:"PeeringSubnetMask"`
	EnableIpv6            *bool       `param:"EnableIpv6"`
	LocalIpv6GatewayIp    string      `param:"LocalIpv6GatewayIp"`
	PeerIpv6GatewayIp     string      `param:"PeerIpv6GatewayIp"`
	PeeringIpv6SubnetMask string      `param:"PeeringIpv6SubnetMask"`
	Bandwidth             int         `param:"Bandwidth"`
	VbrOwnerId            int64       `param:"VbrOwnerId"`
	ResourceGroupId       string      `param:"ResourceGroupId"`
	Tags                  []model.Tag `param:"Tags"`
	ClientToken           string      `param:"ClientToken"`
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
	RegionId    string `param:"RegionId"`
	VbrId       string `param:"VbrId"`
	ClientToken string `param:"ClientToken"`
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
	RegionId                      string `param:"RegionId"`
	VbrId                         string `param:"VbrId"`
	Name                          string `param:"Name"`
	Description                   string `param:"Description"`
	VlanId                        *int   `param:"VlanId"`
	CircuitCode                   string `param:"CircuitCode"`
	LocalGatewayIp                string `param:"LocalGatewayIp"`
	PeerGatewayIp                 string `param:"PeerGatewayIp"`
	PeeringSubnetMask             string `param:"PeeringSubnetMask"`
	EnableIpv6                    *bool  `param:"EnableIpv6"`
	LocalIpv6GatewayIp            string `param:"LocalIpv6GatewayIp"`
	PeerIpv6GatewayIp             string `param:"PeerIpv6GatewayIp"`
	PeeringIpv6SubnetMask         string `param:"PeeringIpv6SubnetMask"`
	AssociatedPhysicalConnections string `param:"AssociatedPhysicalConnections"`
	Bandwidth                     int    `param:"Bandwidth"`
	Mtu                           int    `param:"Mtu"`
	MinRxInterval                 int    `param:"MinRxInterval"`
	MinTxInterval                 int    `param:"MinTxInterval"`
	DetectMultiplier              int    `param:"DetectMultiplier"`
	SitelinkEnable                *bool  `param:"SitelinkEnable"`
	ClientToken                   string `param:"ClientToken"`
}

// ModifyVirtualBorderRouterAttribute changes a VBR's name, addressing, VLAN
// or BFD settings.
var ModifyVirtualBorderRouterAttribute = Op[ModifyVirtualBorderRouterAttributeInput, Result]{model.ProductVPC, "ModifyVirtualBorderRouterAttribute"}

// DescribeVirtualBorderRoutersInput filters DescribeVirtualBorderRouters.
type DescribeVirtualBorderRoutersInput struct {
	RegionId               string      `param:"RegionId"`
	Filter                 []Filter    `param:"Filter"`
	IncludeCrossAccountVbr *bool       `param:"IncludeCrossAccountVbr"`
	ResourceGroupId        string      `param:"ResourceGroupId"`
	Tags                   []model.Tag `param:"Tags"`
}

// DescribeVirtualBorderRouters lists every VBR matching the filters.
var DescribeVirtualBorderRouters = ListOp[DescribeVirtualBorderRoutersInput, model.VirtualBorderRouter]{"vbr"}

// DescribePhysicalConnectionsInput filters DescribePhysicalConnections.
// Physical connections are ordered through a carrier, so the console only
// lists them.
type DescribePhysicalConnectionsInput struct {
	RegionId               string      `param:"RegionId"`
	Filter                 []Filter    `param:"Filter"`
	IncludeReservationData *bool       `param:"IncludeReservationData"`
	ResourceGroupId        string      `param:"ResourceGroupId"`
	Tags                   []model.Tag `param:"Tags"`
}

// DescribePhysicalConnections lists every physical connection matching the
// filters.
var DescribePhysicalConnections = ListOp[DescribePhysicalConnectionsInput, model.PhysicalConnection]{"pc"}

// ---- BGP group ----

// CreateBgpGroupInput is CreateBgpGroup's parameters. AuthKey is a secret.
type CreateBgpGroupInput struct {
	RegionId    string `param:"RegionId"`
	RouterId    string `param:"RouterId"` // the VBR
	PeerAsn     int64  `param:"PeerAsn"`
	LocalAsn    int64  `param:"LocalAsn"`
	Name        string `param:"Name"`
	Description string `param:"Description"`
	AuthKey     string `param:"AuthKey"`
	IsFakeAsn   *bool  `param:"IsFakeAsn"`
	IpVersion   string `param:"IpVersion"` // IPv4 | IPv6
	RouteQuota  int    `param:"RouteQuota"`
	ClientToken string `param:"ClientToken"`
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
	RegionId     string `param:"RegionId"`
	BgpGroupId   string `param:"BgpGroupId"`
	Name         string `param:"Name"`
	Description  string `param:"Description"`
	PeerAsn      int64  `param:"PeerAsn"`
	LocalAsn     int64  `param:"LocalAsn"`
	AuthKey      string `param:"AuthKey"`
	ClearAuthKey *bool  `param:"ClearAuthKey"`
	IsFakeAsn    *bool  `param:"IsFakeAsn"`
	RouteQuota   int    `param:"RouteQuota"`
	ClientToken  string `param:"ClientToken"`
}

// ModifyBgpGroupAttribute changes a BGP group.
var ModifyBgpGroupAttribute = Op[ModifyBgpGroupAttributeInput, Result]{model.ProductVPC, "ModifyBgpGroupAttribute"}

// DeleteBgpGroupInput is DeleteBgpGroup's parameters.
type DeleteBgpGroupInput struct {
	RegionId    string `param:"RegionId"`
	BgpGroupId  string `param:"BgpGroupId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteBgpGroup deletes a BGP group.
var DeleteBgpGroup = Op[DeleteBgpGroupInput, Result]{model.ProductVPC, "DeleteBgpGroup"}

// DescribeBgpGroupsInput filters DescribeBgpGroups.
type DescribeBgpGroupsInput struct {
	RegionId   string `param:"RegionId"`
	RouterId   string `param:"RouterId"`
	BgpGroupId string `param:"BgpGroupId"`
	IsDefault  *bool  `param:"IsDefault"`
}

// DescribeBgpGroups lists every BGP group matching the filter.
var DescribeBgpGroups = ListOp[DescribeBgpGroupsInput, model.BgpGroup]{"bgp"}

// ---- BGP peer ----

// CreateBgpPeerInput is CreateBgpPeer's parameters.
type CreateBgpPeerInput struct {
	RegionId      string `param:"RegionId"`
	BgpGroupId    string `param:"BgpGroupId"`
	PeerIpAddress string `param:"PeerIpAddress"`
	IpVersion     string `param:"IpVersion"`
	EnableBfd     *bool  `param:"EnableBfd"`
	BfdMultiHop   int    `param:"BfdMultiHop"` // 1-255
	ClientToken   string `param:"ClientToken"`
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
	RegionId      string `param:"RegionId"`
	BgpPeerId     string `param:"BgpPeerId"`
	BgpGroupId    string `param:"BgpGroupId"`
	PeerIpAddress string `param:"PeerIpAddress"`
	EnableBfd     *bool  `param:"EnableBfd"`
	BfdMultiHop   int    `param:"BfdMultiHop"`
	ClientToken   string `param:"ClientToken"`
}

// ModifyBgpPeerAttribute changes a BGP peer's address, group or BFD.
var ModifyBgpPeerAttribute = Op[ModifyBgpPeerAttributeInput, Result]{model.ProductVPC, "ModifyBgpPeerAttribute"}

// DeleteBgpPeerInput is DeleteBgpPeer's parameters.
type DeleteBgpPeerInput struct {
	RegionId    string `param:"RegionId"`
	BgpPeerId   string `param:"BgpPeerId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteBgpPeer deletes a BGP peer.
var DeleteBgpPeer = Op[DeleteBgpPeerInput, Result]{model.ProductVPC, "DeleteBgpPeer"}

// DescribeBgpPeersInput filters DescribeBgpPeers.
type DescribeBgpPeersInput struct {
	RegionId   string `param:"RegionId"`
	RouterId   string `param:"RouterId"`
	BgpGroupId string `param:"BgpGroupId"`
	BgpPeerId  string `param:"BgpPeerId"`
	IsDefault  *bool  `param:"IsDefault"`
}

// DescribeBgpPeers lists every BGP peer matching the filter.
var DescribeBgpPeers = ListOp[DescribeBgpPeersInput, model.BgpPeer]{"bgppeer"}

// ---- BGP network ----

// AddBgpNetworkInput is AddBgpNetwork's parameters.
type AddBgpNetworkInput struct {
	RegionId     string `param:"RegionId"`
	RouterId     string `param:"RouterId"` // the VBR
	DstCidrBlock string `param:"DstCidrBlock"`
	VpcId        string `param:"VpcId"`
	ClientToken  string `param:"ClientToken"`
}

// AddBgpNetwork advertises a VPC or VSwitch block to the data centre over
// the VBR's BGP sessions.
var AddBgpNetwork = Op[AddBgpNetworkInput, Result]{model.ProductVPC, "AddBgpNetwork"}

// DeleteBgpNetworkInput names one advertised network: a block on a VBR.
type DeleteBgpNetworkInput struct {
	RegionId     string `param:"RegionId"`
	RouterId     string `param:"RouterId"`
	DstCidrBlock string `param:"DstCidrBlock"`
	ClientToken  string `param:"ClientToken"`
}

// DeleteBgpNetwork stops advertising a block.
var DeleteBgpNetwork = Op[DeleteBgpNetworkInput, Result]{model.ProductVPC, "DeleteBgpNetwork"}

// DescribeBgpNetworksInput filters DescribeBgpNetworks.
type DescribeBgpNetworksInput struct {
	RegionId string `param:"RegionId"`
	RouterId string `param:"RouterId"`
}

// DescribeBgpNetworks lists every advertised network matching the filter.
var DescribeBgpNetworks = ListOp[DescribeBgpNetworksInput, model.BgpNetwork]{"bgpnet"}

// DescribeVirtualBorderRoutersForPhysicalConnectionInput filters
// DescribeVirtualBorderRoutersForPhysicalConnection.
type DescribeVirtualBorderRoutersForPhysicalConnectionInput struct {
	RegionId             string   `param:"RegionId"`
	PhysicalConnectionId string   `param:"PhysicalConnectionId"`
	Filter               []Filter `param:"Filter"`
}

// DescribeVirtualBorderRoutersForPhysicalConnection lists every VBR on a
// physical connection, this account's and those made for other accounts
// (VbrOwnerUid set): what holds its VLANs and what stops a Terminate.
func (c *Client) DescribeVirtualBorderRoutersForPhysicalConnection(ctx context.Context, in *DescribeVirtualBorderRoutersForPhysicalConnectionInput) ([]*model.VbrForPhysicalConnection, error) {
	params, err := EncodeParams(in)
	if err != nil {
		return nil, err
	}
	region := params["RegionId"]
	delete(params, "RegionId")
	return ListTyped[model.VbrForPhysicalConnection](ctx, c, model.Default().MustLookup("pcvbr"), region, params)
}

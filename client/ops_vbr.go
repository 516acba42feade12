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
func (c *Client) CreateVirtualBorderRouter(ctx context.Context, in *CreateVirtualBorderRouterInput) (*CreateVirtualBorderRouterOutput, error) {
	return Invoke[CreateVirtualBorderRouterOutput](ctx, c, model.ProductVPC, "CreateVirtualBorderRouter", "", in)
}

// VbrInput names one VBR.
type VbrInput struct {
	RegionId    string `param:"RegionId"`
	VbrId       string `param:"VbrId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteVirtualBorderRouter deletes an unconfirmed, active or terminated VBR
// with no router interfaces left.
func (c *Client) DeleteVirtualBorderRouter(ctx context.Context, in *VbrInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteVirtualBorderRouter", "", in)
}

// TerminateVirtualBorderRouter stops an active VBR (terminating →
// terminated); its VLAN stays reserved for 7 days.
func (c *Client) TerminateVirtualBorderRouter(ctx context.Context, in *VbrInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "TerminateVirtualBorderRouter", "", in)
}

// RecoverVirtualBorderRouter restarts a terminated VBR (recovering →
// active).
func (c *Client) RecoverVirtualBorderRouter(ctx context.Context, in *VbrInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "RecoverVirtualBorderRouter", "", in)
}

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
func (c *Client) ModifyVirtualBorderRouterAttribute(ctx context.Context, in *ModifyVirtualBorderRouterAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyVirtualBorderRouterAttribute", "", in)
}

// DescribeVirtualBorderRoutersInput filters DescribeVirtualBorderRouters.
type DescribeVirtualBorderRoutersInput struct {
	RegionId               string      `param:"RegionId"`
	Filter                 []Filter    `param:"Filter"`
	IncludeCrossAccountVbr *bool       `param:"IncludeCrossAccountVbr"`
	ResourceGroupId        string      `param:"ResourceGroupId"`
	Tags                   []model.Tag `param:"Tags"`
}

// DescribeVirtualBorderRouters lists every VBR matching the filters.
func (c *Client) DescribeVirtualBorderRouters(ctx context.Context, in *DescribeVirtualBorderRoutersInput) ([]*model.VirtualBorderRouter, error) {
	return listKind[model.VirtualBorderRouter](ctx, c, "vbr", in)
}

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
func (c *Client) DescribePhysicalConnections(ctx context.Context, in *DescribePhysicalConnectionsInput) ([]*model.PhysicalConnection, error) {
	return listKind[model.PhysicalConnection](ctx, c, "pc", in)
}

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
func (c *Client) CreateBgpGroup(ctx context.Context, in *CreateBgpGroupInput) (*CreateBgpGroupOutput, error) {
	return Invoke[CreateBgpGroupOutput](ctx, c, model.ProductVPC, "CreateBgpGroup", "", in)
}

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
func (c *Client) ModifyBgpGroupAttribute(ctx context.Context, in *ModifyBgpGroupAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyBgpGroupAttribute", "", in)
}

// DeleteBgpGroupInput is DeleteBgpGroup's parameters.
type DeleteBgpGroupInput struct {
	RegionId    string `param:"RegionId"`
	BgpGroupId  string `param:"BgpGroupId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteBgpGroup deletes a BGP group.
func (c *Client) DeleteBgpGroup(ctx context.Context, in *DeleteBgpGroupInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteBgpGroup", "", in)
}

// DescribeBgpGroupsInput filters DescribeBgpGroups.
type DescribeBgpGroupsInput struct {
	RegionId   string `param:"RegionId"`
	RouterId   string `param:"RouterId"`
	BgpGroupId string `param:"BgpGroupId"`
	IsDefault  *bool  `param:"IsDefault"`
}

// DescribeBgpGroups lists every BGP group matching the filter.
func (c *Client) DescribeBgpGroups(ctx context.Context, in *DescribeBgpGroupsInput) ([]*model.BgpGroup, error) {
	return listKind[model.BgpGroup](ctx, c, "bgp", in)
}

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
func (c *Client) CreateBgpPeer(ctx context.Context, in *CreateBgpPeerInput) (*CreateBgpPeerOutput, error) {
	return Invoke[CreateBgpPeerOutput](ctx, c, model.ProductVPC, "CreateBgpPeer", "", in)
}

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
func (c *Client) ModifyBgpPeerAttribute(ctx context.Context, in *ModifyBgpPeerAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyBgpPeerAttribute", "", in)
}

// DeleteBgpPeerInput is DeleteBgpPeer's parameters.
type DeleteBgpPeerInput struct {
	RegionId    string `param:"RegionId"`
	BgpPeerId   string `param:"BgpPeerId"`
	ClientToken string `param:"ClientToken"`
}

// DeleteBgpPeer deletes a BGP peer.
func (c *Client) DeleteBgpPeer(ctx context.Context, in *DeleteBgpPeerInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteBgpPeer", "", in)
}

// DescribeBgpPeersInput filters DescribeBgpPeers.
type DescribeBgpPeersInput struct {
	RegionId   string `param:"RegionId"`
	RouterId   string `param:"RouterId"`
	BgpGroupId string `param:"BgpGroupId"`
	BgpPeerId  string `param:"BgpPeerId"`
	IsDefault  *bool  `param:"IsDefault"`
}

// DescribeBgpPeers lists every BGP peer matching the filter.
func (c *Client) DescribeBgpPeers(ctx context.Context, in *DescribeBgpPeersInput) ([]*model.BgpPeer, error) {
	return listKind[model.BgpPeer](ctx, c, "bgppeer", in)
}

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
func (c *Client) AddBgpNetwork(ctx context.Context, in *AddBgpNetworkInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "AddBgpNetwork", "", in)
}

// DeleteBgpNetworkInput names one advertised network: a block on a VBR.
type DeleteBgpNetworkInput struct {
	RegionId     string `param:"RegionId"`
	RouterId     string `param:"RouterId"`
	DstCidrBlock string `param:"DstCidrBlock"`
	ClientToken  string `param:"ClientToken"`
}

// DeleteBgpNetwork stops advertising a block.
func (c *Client) DeleteBgpNetwork(ctx context.Context, in *DeleteBgpNetworkInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteBgpNetwork", "", in)
}

// DescribeBgpNetworksInput filters DescribeBgpNetworks.
type DescribeBgpNetworksInput struct {
	RegionId string `param:"RegionId"`
	RouterId string `param:"RouterId"`
}

// DescribeBgpNetworks lists every advertised network matching the filter.
func (c *Client) DescribeBgpNetworks(ctx context.Context, in *DescribeBgpNetworksInput) ([]*model.BgpNetwork, error) {
	return listKind[model.BgpNetwork](ctx, c, "bgpnet", in)
}

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

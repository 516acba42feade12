package client

// Typed operations for regions, zones, region services, VPCs, VSwitches,
// VRouters, route tables and route entries (VPC 2016-04-28).
//
// Conventions shared by every ops_*.go file:
//   - XInput names the API parameters exactly in `param` tags (see
//     EncodeParams); a zero value is not sent, a pointer sends an explicit
//     false or 0.
//   - Methods pass region "" to Invoke: Invoke takes RegionId from the
//     encoded input, so a nil input cannot panic and the endpoint always
//     matches the RegionId sent.
//   - Writes documented with ClientToken carry it; Invoke fills it when
//     empty and stores it in the input, so resubmitting the same input
//     never creates a second resource.
//   - DryRun=true makes the API only check the request: it answers with the
//     error code DryRunOperation when the real call would have passed.
//   - Describe* listings are typed wrappers over ListTyped, so paging lives
//     in one place.

import (
	"context"
	"fmt"

	"github.com/alivpc/alivpc/model"
)

// NotFoundError is a describe-one call whose answer names no resource: the
// attribute calls answer an empty object for a deleted ID.
type NotFoundError struct {
	Action string
	ID     string
}

func (e *NotFoundError) Error() string {
	return fmt.Sprintf("%s: %s was not found (it may have been deleted)", e.Action, e.ID)
}

// listKind lists every item of a kind as *T. The filter's RegionId selects
// the region (and endpoint); every other field becomes a filter parameter.
// The pager owns PageNumber/PageSize/NextToken.
func listKind[T any](ctx context.Context, c *Client, kind string, filter any) ([]*T, error) {
	k, ok := model.Default().Lookup(kind)
	if !ok {
		return nil, fmt.Errorf("client: unknown kind %q", kind)
	}
	params, err := EncodeParams(filter)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.List.Action, err)
	}
	region := params["RegionId"]
	delete(params, "RegionId")
	return ListTyped[T](ctx, c, k, region, params)
}

// describeOne fetches one resource and reports an answer without an ID as
// *NotFoundError. idParam names the input parameter holding the ID.
func describeOne[T any](ctx context.Context, c *Client, p model.Product, action, idParam string, in any, id func(*T) string) (*T, error) {
	out, err := Invoke[T](ctx, c, p, action, "", in)
	if err != nil {
		return nil, err
	}
	if id(out) == "" {
		params, _ := EncodeParams(in)
		return nil, &NotFoundError{Action: action, ID: params[idParam]}
	}
	return out, nil
}

// ---- Regions, zones and region services ----

// DescribeRegionsInput filters DescribeRegions (which takes no RegionId).
type DescribeRegionsInput struct {
	AcceptLanguage string `param:"AcceptLanguage"` // zh-CN | en-US (the kind defaults to en-US)
	ProductType    string `param:"ProductType"`
}

// DescribeRegions lists the regions the account can use.
func (c *Client) DescribeRegions(ctx context.Context, in *DescribeRegionsInput) ([]*model.Region, error) {
	return listKind[model.Region](ctx, c, "region", in)
}

// DescribeZonesInput filters DescribeZones.
type DescribeZonesInput struct {
	RegionId       string `param:"RegionId"`
	AcceptLanguage string `param:"AcceptLanguage"`
	ZoneType       string `param:"ZoneType"` // AvailabilityZone
}

// DescribeZones lists the zones of a region.
func (c *Client) DescribeZones(ctx context.Context, in *DescribeZonesInput) ([]*model.Zone, error) {
	return listKind[model.Zone](ctx, c, "zone", in)
}

// OpenServiceInput opens a region service (traffic mirroring, IP address
// pools).
type OpenServiceInput struct {
	RegionId    string `param:"RegionId"`
	ClientToken string `param:"ClientToken"`
}

// OpenServiceOutput is the answer of the Open*Service calls.
type OpenServiceOutput struct {
	RequestId string `json:"RequestId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
}

// ServiceStatusInput asks for a region service's activation status.
type ServiceStatusInput struct {
	RegionId string `param:"RegionId"`
}

// OpenTrafficMirrorService enables traffic mirroring in a region. The API
// refuses repeated calls for one region within a short period.
func (c *Client) OpenTrafficMirrorService(ctx context.Context, in *OpenServiceInput) (*OpenServiceOutput, error) {
	return Invoke[OpenServiceOutput](ctx, c, model.ProductVPC, "OpenTrafficMirrorService", "", in)
}

// GetTrafficMirrorServiceStatus reports whether traffic mirroring is enabled.
func (c *Client) GetTrafficMirrorServiceStatus(ctx context.Context, in *ServiceStatusInput) (*model.ServiceStatus, error) {
	return Invoke[model.ServiceStatus](ctx, c, model.ProductVPC, "GetTrafficMirrorServiceStatus", "", in)
}

// OpenPublicIpAddressPoolService enables IP address pools for the account.
// Activation is asynchronous and not concurrent per account; poll
// GetPublicIpAddressPoolServiceStatus.
func (c *Client) OpenPublicIpAddressPoolService(ctx context.Context, in *OpenServiceInput) (*OpenServiceOutput, error) {
	return Invoke[OpenServiceOutput](ctx, c, model.ProductVPC, "OpenPublicIpAddressPoolService", "", in)
}

// GetPublicIpAddressPoolServiceStatus reports whether IP address pools are
// enabled.
func (c *Client) GetPublicIpAddressPoolServiceStatus(ctx context.Context, in *ServiceStatusInput) (*model.ServiceStatus, error) {
	return Invoke[model.ServiceStatus](ctx, c, model.ProductVPC, "GetPublicIpAddressPoolServiceStatus", "", in)
}

// ---- VPC ----

// CreateVpcInput is CreateVpc's parameters.
type CreateVpcInput struct {
	RegionId          string      `param:"RegionId"`
	CidrBlock         string      `param:"CidrBlock"` // default 172.16.0.0/12
	VpcName           string      `param:"VpcName"`
	Description       string      `param:"Description"`
	EnableIpv6        *bool       `param:"EnableIpv6"`
	Ipv6CidrBlock     string      `param:"Ipv6CidrBlock"`
	Ipv6Isp           string      `param:"Ipv6Isp"`
	UserCidr          string      `param:"UserCidr"` // up to 3, comma-separated
	EnableDnsHostname *bool       `param:"EnableDnsHostname"`
	ResourceGroupId   string      `param:"ResourceGroupId"`
	Tag               []model.Tag `param:"Tag"`
	DryRun            bool        `param:"DryRun"`
	ClientToken       string      `param:"ClientToken"`
}

// CreateVpcOutput is CreateVpc's answer: the VPC and the VRouter and system
// route table created with it.
type CreateVpcOutput struct {
	RequestId       string `json:"RequestId"`
	VpcId           string `json:"VpcId"`
	VRouterId       string `json:"VRouterId"`
	RouteTableId    string `json:"RouteTableId"`
	ResourceGroupId string `json:"ResourceGroupId"`
}

// CreateVpc creates a VPC. It starts Pending and becomes Available (track
// with Get).
func (c *Client) CreateVpc(ctx context.Context, in *CreateVpcInput) (*CreateVpcOutput, error) {
	return Invoke[CreateVpcOutput](ctx, c, model.ProductVPC, "CreateVpc", "", in)
}

// DeleteVpcInput is DeleteVpc's parameters.
type DeleteVpcInput struct {
	RegionId    string `param:"RegionId"`
	VpcId       string `param:"VpcId"`
	ForceDelete bool   `param:"ForceDelete"`
	DryRun      bool   `param:"DryRun"`
	ClientToken string `param:"ClientToken"`
}

// DeleteVpc deletes an Available VPC with nothing left in it. Deletion is
// asynchronous: the VPC reads Deleting, then is gone.
func (c *Client) DeleteVpc(ctx context.Context, in *DeleteVpcInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteVpc", "", in)
}

// ModifyVpcAttributeInput is ModifyVpcAttribute's parameters. Note the API
// spells EnableIPv6 here, unlike CreateVpc's EnableIpv6.
type ModifyVpcAttributeInput struct {
	RegionId          string `param:"RegionId"`
	VpcId             string `param:"VpcId"`
	VpcName           string `param:"VpcName"`
	Description       string `param:"Description"`
	CidrBlock         string `param:"CidrBlock"`
	EnableIPv6        *bool  `param:"EnableIPv6"`
	Ipv6CidrBlock     string `param:"Ipv6CidrBlock"`
	Ipv6Isp           string `param:"Ipv6Isp"`
	EnableDnsHostname *bool  `param:"EnableDnsHostname"`
}

// ModifyVpcAttribute renames a VPC or changes its description or IPv6.
func (c *Client) ModifyVpcAttribute(ctx context.Context, in *ModifyVpcAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyVpcAttribute", "", in)
}

// DescribeVpcsInput filters DescribeVpcs.
type DescribeVpcsInput struct {
	RegionId         string      `param:"RegionId"`
	VpcId            string      `param:"VpcId"` // up to 20, comma-separated
	VpcName          string      `param:"VpcName"`
	IsDefault        *bool       `param:"IsDefault"`
	DhcpOptionsSetId string      `param:"DhcpOptionsSetId"`
	VpcOwnerId       int64       `param:"VpcOwnerId"`
	ResourceGroupId  string      `param:"ResourceGroupId"`
	Tag              []model.Tag `param:"Tag"`
}

// DescribeVpcs lists every VPC matching the filter, all pages.
func (c *Client) DescribeVpcs(ctx context.Context, in *DescribeVpcsInput) ([]*model.Vpc, error) {
	return listKind[model.Vpc](ctx, c, "vpc", in)
}

// DescribeVpcAttributeInput is DescribeVpcAttribute's parameters.
type DescribeVpcAttributeInput struct {
	RegionId  string `param:"RegionId"`
	VpcId     string `param:"VpcId"`
	IsDefault *bool  `param:"IsDefault"`
}

// DescribeVpcAttribute fetches one VPC with its resource counts;
// *NotFoundError when it no longer exists.
func (c *Client) DescribeVpcAttribute(ctx context.Context, in *DescribeVpcAttributeInput) (*model.VpcAttribute, error) {
	return describeOne(ctx, c, model.ProductVPC, "DescribeVpcAttribute", "VpcId", in,
		func(v *model.VpcAttribute) string { return v.VpcId })
}

// ---- VSwitch ----

// CreateVSwitchInput is CreateVSwitch's parameters. Ipv6CidrBlock is the
// last 8 bits (0-255) of the /64 inside the VPC's IPv6 block, so 0 must be
// sendable.
type CreateVSwitchInput struct {
	RegionId         string      `param:"RegionId"`
	VpcId            string      `param:"VpcId"`
	ZoneId           string      `param:"ZoneId"`
	CidrBlock        string      `param:"CidrBlock"`
	VSwitchName      string      `param:"VSwitchName"`
	Description      string      `param:"Description"`
	Ipv6CidrBlock    *int        `param:"Ipv6CidrBlock"`
	VpcIpv6CidrBlock string      `param:"VpcIpv6CidrBlock"`
	Tag              []model.Tag `param:"Tag"`
	ClientToken      string      `param:"ClientToken"`
}

// CreateVSwitchOutput is CreateVSwitch's answer.
type CreateVSwitchOutput struct {
	RequestId string `json:"RequestId"`
	VSwitchId string `json:"VSwitchId"`
}

// CreateVSwitch creates a VSwitch. It starts Pending and becomes Available;
// only one VSwitch of a VPC may be created at a time.
func (c *Client) CreateVSwitch(ctx context.Context, in *CreateVSwitchInput) (*CreateVSwitchOutput, error) {
	return Invoke[CreateVSwitchOutput](ctx, c, model.ProductVPC, "CreateVSwitch", "", in)
}

// DeleteVSwitchInput is DeleteVSwitch's parameters.
type DeleteVSwitchInput struct {
	RegionId  string `param:"RegionId"`
	VSwitchId string `param:"VSwitchId"`
	DryRun    bool   `param:"DryRun"`
}

// DeleteVSwitch deletes an Available, empty VSwitch.
func (c *Client) DeleteVSwitch(ctx context.Context, in *DeleteVSwitchInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteVSwitch", "", in)
}

// ModifyVSwitchAttributeInput is ModifyVSwitchAttribute's parameters.
type ModifyVSwitchAttributeInput struct {
	RegionId         string `param:"RegionId"`
	VSwitchId        string `param:"VSwitchId"`
	VSwitchName      string `param:"VSwitchName"`
	Description      string `param:"Description"`
	EnableIPv6       *bool  `param:"EnableIPv6"`
	Ipv6CidrBlock    *int   `param:"Ipv6CidrBlock"`
	VpcIpv6CidrBlock string `param:"VpcIpv6CidrBlock"`
}

// ModifyVSwitchAttribute renames a VSwitch or changes its description or
// IPv6 block.
func (c *Client) ModifyVSwitchAttribute(ctx context.Context, in *ModifyVSwitchAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyVSwitchAttribute", "", in)
}

// DescribeVSwitchesInput filters DescribeVSwitches.
type DescribeVSwitchesInput struct {
	RegionId        string      `param:"RegionId"`
	VpcId           string      `param:"VpcId"`
	ZoneId          string      `param:"ZoneId"`
	VSwitchId       string      `param:"VSwitchId"`
	VSwitchName     string      `param:"VSwitchName"`
	RouteTableId    string      `param:"RouteTableId"`
	IsDefault       *bool       `param:"IsDefault"`
	VSwitchOwnerId  int64       `param:"VSwitchOwnerId"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tag             []model.Tag `param:"Tag"`
}

// DescribeVSwitches lists every VSwitch matching the filter, all pages.
func (c *Client) DescribeVSwitches(ctx context.Context, in *DescribeVSwitchesInput) ([]*model.VSwitch, error) {
	return listKind[model.VSwitch](ctx, c, "vsw", in)
}

// DescribeVSwitchAttributesInput is DescribeVSwitchAttributes' parameters.
type DescribeVSwitchAttributesInput struct {
	RegionId  string `param:"RegionId"`
	VSwitchId string `param:"VSwitchId"`
}

// DescribeVSwitchAttributes fetches one VSwitch; *NotFoundError when it no
// longer exists.
func (c *Client) DescribeVSwitchAttributes(ctx context.Context, in *DescribeVSwitchAttributesInput) (*model.VSwitch, error) {
	return describeOne(ctx, c, model.ProductVPC, "DescribeVSwitchAttributes", "VSwitchId", in,
		func(v *model.VSwitch) string { return v.VSwitchId })
}

// ---- VRouter ----

// DescribeVRoutersInput filters DescribeVRouters.
type DescribeVRoutersInput struct {
	RegionId  string `param:"RegionId"`
	VRouterId string `param:"VRouterId"`
}

// DescribeVRouters lists the region's VRouters, all pages.
func (c *Client) DescribeVRouters(ctx context.Context, in *DescribeVRoutersInput) ([]*model.VRouter, error) {
	return listKind[model.VRouter](ctx, c, "vrouter", in)
}

// ModifyVRouterAttributeInput is ModifyVRouterAttribute's parameters.
type ModifyVRouterAttributeInput struct {
	RegionId    string `param:"RegionId"`
	VRouterId   string `param:"VRouterId"`
	VRouterName string `param:"VRouterName"`
	Description string `param:"Description"`
}

// ModifyVRouterAttribute renames a VRouter or changes its description.
func (c *Client) ModifyVRouterAttribute(ctx context.Context, in *ModifyVRouterAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyVRouterAttribute", "", in)
}

// ---- Route tables ----

// CreateRouteTableInput is CreateRouteTable's parameters.
type CreateRouteTableInput struct {
	RegionId       string      `param:"RegionId"`
	VpcId          string      `param:"VpcId"`
	RouteTableName string      `param:"RouteTableName"`
	Description    string      `param:"Description"`
	AssociateType  string      `param:"AssociateType"` // VSwitch (default) | Gateway
	Tag            []model.Tag `param:"Tag"`
	ClientToken    string      `param:"ClientToken"`
}

// CreateRouteTableOutput is CreateRouteTable's answer.
type CreateRouteTableOutput struct {
	RequestId    string `json:"RequestId"`
	RouteTableId string `json:"RouteTableId"`
}

// CreateRouteTable creates a custom route table in a VPC.
func (c *Client) CreateRouteTable(ctx context.Context, in *CreateRouteTableInput) (*CreateRouteTableOutput, error) {
	return Invoke[CreateRouteTableOutput](ctx, c, model.ProductVPC, "CreateRouteTable", "", in)
}

// DeleteRouteTableInput is DeleteRouteTable's parameters.
type DeleteRouteTableInput struct {
	RegionId     string `param:"RegionId"`
	RouteTableId string `param:"RouteTableId"`
}

// DeleteRouteTable deletes a custom route table with no VSwitch bound.
func (c *Client) DeleteRouteTable(ctx context.Context, in *DeleteRouteTableInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteRouteTable", "", in)
}

// ModifyRouteTableAttributesInput is ModifyRouteTableAttributes'
// parameters.
type ModifyRouteTableAttributesInput struct {
	RegionId               string `param:"RegionId"`
	RouteTableId           string `param:"RouteTableId"`
	RouteTableName         string `param:"RouteTableName"`
	Description            string `param:"Description"`
	RoutePropagationEnable *bool  `param:"RoutePropagationEnable"`
}

// ModifyRouteTableAttributes renames a route table or changes its
// description.
func (c *Client) ModifyRouteTableAttributes(ctx context.Context, in *ModifyRouteTableAttributesInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyRouteTableAttributes", "", in)
}

// RouteTableVSwitchInput binds or unbinds a route table and a VSwitch.
type RouteTableVSwitchInput struct {
	RegionId     string `param:"RegionId"`
	RouteTableId string `param:"RouteTableId"`
	VSwitchId    string `param:"VSwitchId"`
	ClientToken  string `param:"ClientToken"`
}

// AssociateRouteTable binds a custom route table to a VSwitch of the same
// VPC.
func (c *Client) AssociateRouteTable(ctx context.Context, in *RouteTableVSwitchInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "AssociateRouteTable", "", in)
}

// UnassociateRouteTable unbinds a custom route table from a VSwitch, which
// falls back to the system table.
func (c *Client) UnassociateRouteTable(ctx context.Context, in *RouteTableVSwitchInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "UnassociateRouteTable", "", in)
}

// DescribeRouteTableListInput filters DescribeRouteTableList.
type DescribeRouteTableListInput struct {
	RegionId        string      `param:"RegionId"`
	VpcId           string      `param:"VpcId"`
	RouterId        string      `param:"RouterId"`
	RouterType      string      `param:"RouterType"` // VRouter | VBR
	RouteTableId    string      `param:"RouteTableId"`
	RouteTableName  string      `param:"RouteTableName"`
	RouteTableType  string      `param:"RouteTableType"` // System | Custom
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tag             []model.Tag `param:"Tag"`
}

// DescribeRouteTableList lists every route table matching the filter.
func (c *Client) DescribeRouteTableList(ctx context.Context, in *DescribeRouteTableListInput) ([]*model.RouteTable, error) {
	return listKind[model.RouteTable](ctx, c, "rt", in)
}

// ---- Route entries ----

// NextHop is one next hop of an ECMP route (NextHopList.N).
type NextHop struct {
	NextHopType string `param:"NextHopType"` // RouterInterface
	NextHopId   string `param:"NextHopId"`
	Weight      int    `param:"Weight"`
}

// CreateRouteEntryInput is CreateRouteEntry's parameters. A normal route
// sets NextHopType and NextHopId; an ECMP route sets NextHopList (2-4 hops)
// and neither of the two.
type CreateRouteEntryInput struct {
	RegionId             string    `param:"RegionId"`
	RouteTableId         string    `param:"RouteTableId"`
	DestinationCidrBlock string    `param:"DestinationCidrBlock"`
	NextHopType          string    `param:"NextHopType"` // Instance | HaVip | RouterInterface | NetworkInterface | VpnGateway | IPv6Gateway ...
	NextHopId            string    `param:"NextHopId"`
	NextHopList          []NextHop `param:"NextHopList"`
	RouteEntryName       string    `param:"RouteEntryName"`
	Description          string    `param:"Description"`
	DryRun               bool      `param:"DryRun"`
	ClientToken          string    `param:"ClientToken"`
}

// CreateRouteEntryOutput is CreateRouteEntry's answer.
type CreateRouteEntryOutput struct {
	RequestId    string `json:"RequestId"`
	RouteEntryId string `json:"RouteEntryId"`
}

// CreateRouteEntry adds a custom route. It starts Pending; while any entry of
// the table is Pending or Modifying, other route and VSwitch changes in the
// VPC are refused.
func (c *Client) CreateRouteEntry(ctx context.Context, in *CreateRouteEntryInput) (*CreateRouteEntryOutput, error) {
	return Invoke[CreateRouteEntryOutput](ctx, c, model.ProductVPC, "CreateRouteEntry", "", in)
}

// RouteHop is one next hop named when deleting an ECMP route.
type RouteHop struct {
	NextHopType string `param:"NextHopType"`
	NextHopId   string `param:"NextHopId"`
}

// DeleteRouteEntryInput is DeleteRouteEntry's parameters: either
// RouteEntryId, or RouteTableId with DestinationCidrBlock (and the next hop
// or hops).
type DeleteRouteEntryInput struct {
	RegionId             string     `param:"RegionId"`
	RouteTableId         string     `param:"RouteTableId"`
	RouteEntryId         string     `param:"RouteEntryId"`
	DestinationCidrBlock string     `param:"DestinationCidrBlock"`
	NextHopId            string     `param:"NextHopId"`
	NextHopList          []RouteHop `param:"NextHopList"`
	DryRun               bool       `param:"DryRun"`
}

// DeleteRouteEntry deletes an Available custom route.
func (c *Client) DeleteRouteEntry(ctx context.Context, in *DeleteRouteEntryInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteRouteEntry", "", in)
}

// ModifyRouteEntryInput is ModifyRouteEntry's parameters: the entry by
// RouteEntryId (or table and destination), and its new name, description or
// next hop.
type ModifyRouteEntryInput struct {
	RegionId             string `param:"RegionId"`
	RouteEntryId         string `param:"RouteEntryId"`
	RouteTableId         string `param:"RouteTableId"`
	DestinationCidrBlock string `param:"DestinationCidrBlock"`
	RouteEntryName       string `param:"RouteEntryName"`
	Description          string `param:"Description"`
	NewNextHopType       string `param:"NewNextHopType"`
	NewNextHopId         string `param:"NewNextHopId"`
	DryRun               bool   `param:"DryRun"`
}

// ModifyRouteEntry renames a custom route, changes its description or moves
// it to a new next hop.
func (c *Client) ModifyRouteEntry(ctx context.Context, in *ModifyRouteEntryInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyRouteEntry", "", in)
}

// DescribeRouteEntryListInput filters DescribeRouteEntryList; RouteTableId
// is required.
type DescribeRouteEntryListInput struct {
	RegionId             string   `param:"RegionId"`
	RouteTableId         string   `param:"RouteTableId"`
	RouteEntryId         string   `param:"RouteEntryId"`
	RouteEntryName       string   `param:"RouteEntryName"`
	RouteEntryType       string   `param:"RouteEntryType"` // System | Custom | BGP ...
	IpVersion            string   `param:"IpVersion"`      // IPv4 | IPv6
	DestinationCidrBlock string   `param:"DestinationCidrBlock"`
	DestCidrBlockList    []string `param:"DestCidrBlockList"`
	NextHopType          string   `param:"NextHopType"`
	NextHopId            string   `param:"NextHopId"`
	ServiceType          string   `param:"ServiceType"`
}

// DescribeRouteEntryList lists every entry of a route table (NextToken
// paging).
func (c *Client) DescribeRouteEntryList(ctx context.Context, in *DescribeRouteEntryListInput) ([]*model.RouteEntry, error) {
	return listKind[model.RouteEntry](ctx, c, "route", in)
}

package client

// Typed operations for regions, zones, region services, VPCs, VSwitches,
// VRouters, route tables and route entries (VPC 2016-04-28).
//
// Conventions shared by every ops_*.go file:
//   - Each operation is one declaration (Op, ListOp or DescribeOp in
//     ops.go), typed by its input and answer; callers send it with
//     X.Call(ctx, c, in).
//   - XInput names the API parameters exactly in `param` tags (see
//     EncodeParams); a zero value is not sent, a pointer sends an explicit
//     false or 0.
//   - Operations pass region "" to Invoke: Invoke takes RegionId from the
//     encoded input, so a nil input cannot panic and the endpoint always
//     matches the RegionId sent.
//   - Writes documented with ClientToken carry it; Invoke fills it when
//     empty and stores it in the input, so resubmitting the same input
//     never creates a second resource.
//   - DryRun=true makes the API only check the request: it answers with the
//     error code DryRunOperation when the real call would have passed.
//   - Describe* listings are ListOps over the kind registry and ListTyped,
//     so paging lives in one place.

import (
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

// ---- Regions, zones and region services ----

// DescribeRegionsInput filters DescribeRegions (which takes no RegionId).
type DescribeRegionsInput struct {
	AcceptLanguage string `param:"AcceptLanguage"` // zh-CN | en-US (the kind defaults to en-US)
	ProductType    string `param:"ProductType"`
}

// DescribeRegions lists the regions the account can use.
var DescribeRegions = ListOp[DescribeRegionsInput, model.Region]{"region"}

// DescribeZonesInput filters DescribeZones.
type DescribeZonesInput struct {
	RegionId       string `param:"RegionId"`
	AcceptLanguage string `param:"AcceptLanguage"`
	ZoneType       string `param:"ZoneType"` // AvailabilityZone
}

// DescribeZones lists the zones of a region.
var DescribeZones = ListOp[DescribeZonesInput, model.Zone]{"zone"}

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
var OpenTrafficMirrorService = Op[OpenServiceInput, OpenServiceOutput]{model.ProductVPC, "OpenTrafficMirrorService"}

// GetTrafficMirrorServiceStatus reports whether traffic mirroring is enabled.
var GetTrafficMirrorServiceStatus = Op[ServiceStatusInput, model.ServiceStatus]{model.ProductVPC, "GetTrafficMirrorServiceStatus"}

// OpenPublicIpAddressPoolService enables IP address pools for the account.
// Activation is asynchronous and not concurrent per account; poll
// GetPublicIpAddressPoolServiceStatus.
var OpenPublicIpAddressPoolService = Op[OpenServiceInput, OpenServiceOutput]{model.ProductVPC, "OpenPublicIpAddressPoolService"}

// GetPublicIpAddressPoolServiceStatus reports whether IP address pools are
// enabled.
var GetPublicIpAddressPoolServiceStatus = Op[ServiceStatusInput, model.ServiceStatus]{model.ProductVPC, "GetPublicIpAddressPoolServiceStatus"}

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
var CreateVpc = Op[CreateVpcInput, CreateVpcOutput]{model.ProductVPC, "CreateVpc"}

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
var DeleteVpc = Op[DeleteVpcInput, Result]{model.ProductVPC, "DeleteVpc"}

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
var ModifyVpcAttribute = Op[ModifyVpcAttributeInput, Result]{model.ProductVPC, "ModifyVpcAttribute"}

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
var DescribeVpcs = ListOp[DescribeVpcsInput, model.Vpc]{"vpc"}

// DescribeVpcAttributeInput is DescribeVpcAttribute's parameters.
type DescribeVpcAttributeInput struct {
	RegionId  string `param:"RegionId"`
	VpcId     string `param:"VpcId"`
	IsDefault *bool  `param:"IsDefault"`
}

// DescribeVpcAttribute fetches one VPC with its resource counts;
// *NotFoundError when it no longer exists.
var DescribeVpcAttribute = DescribeOp[DescribeVpcAttributeInput, model.VpcAttribute]{model.ProductVPC, "DescribeVpcAttribute", "VpcId",
	func(v *model.VpcAttribute) string { return v.VpcId }}

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
var CreateVSwitch = Op[CreateVSwitchInput, CreateVSwitchOutput]{model.ProductVPC, "CreateVSwitch"}

// DeleteVSwitchInput is DeleteVSwitch's parameters.
type DeleteVSwitchInput struct {
	RegionId  string `param:"RegionId"`
	VSwitchId string `param:"VSwitchId"`
	DryRun    bool   `param:"DryRun"`
}

// DeleteVSwitch deletes an Available, empty VSwitch.
var DeleteVSwitch = Op[DeleteVSwitchInput, Result]{model.ProductVPC, "DeleteVSwitch"}

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
var ModifyVSwitchAttribute = Op[ModifyVSwitchAttributeInput, Result]{model.ProductVPC, "ModifyVSwitchAttribute"}

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
var DescribeVSwitches = ListOp[DescribeVSwitchesInput, model.VSwitch]{"vsw"}

// DescribeVSwitchAttributesInput is DescribeVSwitchAttributes' parameters.
type DescribeVSwitchAttributesInput struct {
	RegionId  string `param:"RegionId"`
	VSwitchId string `param:"VSwitchId"`
}

// DescribeVSwitchAttributes fetches one VSwitch; *NotFoundError when it no
// longer exists.
var DescribeVSwitchAttributes = DescribeOp[DescribeVSwitchAttributesInput, model.VSwitch]{model.ProductVPC, "DescribeVSwitchAttributes", "VSwitchId",
	func(v *model.VSwitch) string { return v.VSwitchId }}

// ---- VRouter ----

// DescribeVRoutersInput filters DescribeVRouters.
type DescribeVRoutersInput struct {
	RegionId  string `param:"RegionId"`
	VRouterId string `param:"VRouterId"`
}

// DescribeVRouters lists the region's VRouters, all pages.
var DescribeVRouters = ListOp[DescribeVRoutersInput, model.VRouter]{"vrouter"}

// ModifyVRouterAttributeInput is ModifyVRouterAttribute's parameters.
type ModifyVRouterAttributeInput struct {
	RegionId    string `param:"RegionId"`
	VRouterId   string `param:"VRouterId"`
	VRouterName string `param:"VRouterName"`
	Description string `param:"Description"`
}

// ModifyVRouterAttribute renames a VRouter or changes its description.
var ModifyVRouterAttribute = Op[ModifyVRouterAttributeInput, Result]{model.ProductVPC, "ModifyVRouterAttribute"}

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
var CreateRouteTable = Op[CreateRouteTableInput, CreateRouteTableOutput]{model.ProductVPC, "CreateRouteTable"}

// DeleteRouteTableInput is DeleteRouteTable's parameters.
type DeleteRouteTableInput struct {
	RegionId     string `param:"RegionId"`
	RouteTableId string `param:"RouteTableId"`
}

// DeleteRouteTable deletes a custom route table with no VSwitch bound.
var DeleteRouteTable = Op[DeleteRouteTableInput, Result]{model.ProductVPC, "DeleteRouteTable"}

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
var ModifyRouteTableAttributes = Op[ModifyRouteTableAttributesInput, Result]{model.ProductVPC, "ModifyRouteTableAttributes"}

// RouteTableVSwitchInput binds or unbinds a route table and a VSwitch.
type RouteTableVSwitchInput struct {
	RegionId     string `param:"RegionId"`
	RouteTableId string `param:"RouteTableId"`
	VSwitchId    string `param:"VSwitchId"`
	ClientToken  string `param:"ClientToken"`
}

// AssociateRouteTable binds a custom route table to a VSwitch of the same
// VPC.
var AssociateRouteTable = Op[RouteTableVSwitchInput, Result]{model.ProductVPC, "AssociateRouteTable"}

// UnassociateRouteTable unbinds a custom route table from a VSwitch, which
// falls back to the system table.
var UnassociateRouteTable = Op[RouteTableVSwitchInput, Result]{model.ProductVPC, "UnassociateRouteTable"}

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
var DescribeRouteTableList = ListOp[DescribeRouteTableListInput, model.RouteTable]{"rt"}

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
var CreateRouteEntry = Op[CreateRouteEntryInput, CreateRouteEntryOutput]{model.ProductVPC, "CreateRouteEntry"}

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
var DeleteRouteEntry = Op[DeleteRouteEntryInput, Result]{model.ProductVPC, "DeleteRouteEntry"}

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
var ModifyRouteEntry = Op[ModifyRouteEntryInput, Result]{model.ProductVPC, "ModifyRouteEntry"}

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
var DescribeRouteEntryList = ListOp[DescribeRouteEntryListInput, model.RouteEntry]{"route"}

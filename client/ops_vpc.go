package client

// Typed operations for regions, zones, region services, VPCs, VSwitches,
// VRouters, route tables and route entries (VPC 2016-04-28).
//
// Conventions shared by every ops_*.go file:
//   - Each operation is one declaration (Op, ListOp or DescribeOp in
//     ops.go), typed by its input and answer; callers send it with
//     X.Call(ctx, c, in). The few whose answer is unwrapped or walked page
//     by page before it is useful (DescribeRouteTables, the monitor data,
//     DescribeServerRelatedGlobalAccelerationInstances, GetCallerIdentity)
//     are methods of *Client.
//   - XInput's fields are the API parameters under their exact names (a
//     `param` tag only where the name or encoding differs; see
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
	AcceptLanguage string // zh-CN | en-US (the kind defaults to en-US)
	ProductType    string
}

// DescribeRegions lists the regions the account can use.
var DescribeRegions = ListOp[DescribeRegionsInput, model.Region]{"region"}

// DescribeZonesInput filters DescribeZones.
type DescribeZonesInput struct {
	RegionId       string
	AcceptLanguage string
	ZoneType       string // AvailabilityZone
}

// DescribeZones lists the zones of a region.
var DescribeZones = ListOp[DescribeZonesInput, model.Zone]{"zone"}

// OpenServiceInput opens a region service (traffic mirroring, IP address
// pools).
type OpenServiceInput struct {
	RegionId    string
	ClientToken string
}

// OpenServiceOutput is the answer of the Open*Service calls.
type OpenServiceOutput struct {
	RequestId string `json:"RequestId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
}

// ServiceStatusInput asks for a region service's activation status.
type ServiceStatusInput struct {
	RegionId string
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
	RegionId          string
	CidrBlock         string // default 172.16.0.0/12
	VpcName           string
	Description       string
	EnableIpv6        *bool
	Ipv6CidrBlock     string
	Ipv6Isp           string
	UserCidr          string // up to 3, comma-separated
	EnableDnsHostname *bool
	ResourceGroupId   string
	Tag               []model.Tag
	DryRun            bool
	ClientToken       string
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
	RegionId    string
	VpcId       string
	ForceDelete bool
	DryRun      bool
	ClientToken string
}

// DeleteVpc deletes an Available VPC with nothing left in it. Deletion is
// asynchronous: the VPC reads Deleting, then is gone.
var DeleteVpc = Op[DeleteVpcInput, Result]{model.ProductVPC, "DeleteVpc"}

// ModifyVpcAttributeInput is ModifyVpcAttribute's parameters. Note the API
// spells EnableIPv6 here, unlike CreateVpc's EnableIpv6.
type ModifyVpcAttributeInput struct {
	RegionId          string
	VpcId             string
	VpcName           string
	Description       string
	CidrBlock         string
	EnableIPv6        *bool
	Ipv6CidrBlock     string
	Ipv6Isp           string
	EnableDnsHostname *bool
}

// ModifyVpcAttribute renames a VPC or changes its description or IPv6.
var ModifyVpcAttribute = Op[ModifyVpcAttributeInput, Result]{model.ProductVPC, "ModifyVpcAttribute"}

// DescribeVpcsInput filters DescribeVpcs.
type DescribeVpcsInput struct {
	RegionId         string
	VpcId            string // up to 20, comma-separated
	VpcName          string
	IsDefault        *bool
	DhcpOptionsSetId string
	VpcOwnerId       int64
	ResourceGroupId  string
	Tag              []model.Tag
}

// DescribeVpcs lists every VPC matching the filter, all pages.
var DescribeVpcs = ListOp[DescribeVpcsInput, model.Vpc]{"vpc"}

// DescribeVpcAttributeInput is DescribeVpcAttribute's parameters.
type DescribeVpcAttributeInput struct {
	RegionId  string
	VpcId     string
	IsDefault *bool
}

// DescribeVpcAttribute fetches one VPC with its resource counts;
// *NotFoundError when it no longer exists.
var DescribeVpcAttribute = DescribeOp[DescribeVpcAttributeInput, model.VpcAttribute]{model.ProductVPC, "DescribeVpcAttribute", "VpcId"}

// ---- VSwitch ----

// CreateVSwitchInput is CreateVSwitch's parameters. Ipv6CidrBlock is the
// last 8 bits (0-255) of the /64 inside the VPC's IPv6 block, so 0 must be
// sendable.
type CreateVSwitchInput struct {
	RegionId         string
	VpcId            string
	ZoneId           string
	CidrBlock        string
	VSwitchName      string
	Description      string
	Ipv6CidrBlock    *int
	VpcIpv6CidrBlock string
	Tag              []model.Tag
	ClientToken      string
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
	RegionId  string
	VSwitchId string
	DryRun    bool
}

// DeleteVSwitch deletes an Available, empty VSwitch.
var DeleteVSwitch = Op[DeleteVSwitchInput, Result]{model.ProductVPC, "DeleteVSwitch"}

// ModifyVSwitchAttributeInput is ModifyVSwitchAttribute's parameters.
type ModifyVSwitchAttributeInput struct {
	RegionId         string
	VSwitchId        string
	VSwitchName      string
	Description      string
	EnableIPv6       *bool
	Ipv6CidrBlock    *int
	VpcIpv6CidrBlock string
}

// ModifyVSwitchAttribute renames a VSwitch or changes its description or
// IPv6 block.
var ModifyVSwitchAttribute = Op[ModifyVSwitchAttributeInput, Result]{model.ProductVPC, "ModifyVSwitchAttribute"}

// DescribeVSwitchesInput filters DescribeVSwitches.
type DescribeVSwitchesInput struct {
	RegionId        string
	VpcId           string
	ZoneId          string
	VSwitchId       string
	VSwitchName     string
	RouteTableId    string
	IsDefault       *bool
	VSwitchOwnerId  int64
	ResourceGroupId string
	Tag             []model.Tag
}

// DescribeVSwitches lists every VSwitch matching the filter, all pages.
var DescribeVSwitches = ListOp[DescribeVSwitchesInput, model.VSwitch]{"vsw"}

// DescribeVSwitchAttributesInput is DescribeVSwitchAttributes' parameters.
type DescribeVSwitchAttributesInput struct {
	RegionId  string
	VSwitchId string
}

// DescribeVSwitchAttributes fetches one VSwitch; *NotFoundError when it no
// longer exists.
var DescribeVSwitchAttributes = DescribeOp[DescribeVSwitchAttributesInput, model.VSwitch]{model.ProductVPC, "DescribeVSwitchAttributes", "VSwitchId"}

// ---- VRouter ----

// DescribeVRoutersInput filters DescribeVRouters.
type DescribeVRoutersInput struct {
	RegionId  string
	VRouterId string
}

// DescribeVRouters lists the region's VRouters, all pages.
var DescribeVRouters = ListOp[DescribeVRoutersInput, model.VRouter]{"vrouter"}

// ModifyVRouterAttributeInput is ModifyVRouterAttribute's parameters.
type ModifyVRouterAttributeInput struct {
	RegionId    string
	VRouterId   string
	VRouterName string
	Description string
}

// ModifyVRouterAttribute renames a VRouter or changes its description.
var ModifyVRouterAttribute = Op[ModifyVRouterAttributeInput, Result]{model.ProductVPC, "ModifyVRouterAttribute"}

// ---- Route tables ----

// CreateRouteTableInput is CreateRouteTable's parameters.
type CreateRouteTableInput struct {
	RegionId       string
	VpcId          string
	RouteTableName string
	Description    string
	AssociateType  string // VSwitch (default) | Gateway
	Tag            []model.Tag
	ClientToken    string
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
	RegionId     string
	RouteTableId string
}

// DeleteRouteTable deletes a custom route table with no VSwitch bound.
var DeleteRouteTable = Op[DeleteRouteTableInput, Result]{model.ProductVPC, "DeleteRouteTable"}

// ModifyRouteTableAttributesInput is ModifyRouteTableAttributes'
// parameters.
type ModifyRouteTableAttributesInput struct {
	RegionId               string
	RouteTableId           string
	RouteTableName         string
	Description            string
	RoutePropagationEnable *bool
}

// ModifyRouteTableAttributes renames a route table or changes its
// description.
var ModifyRouteTableAttributes = Op[ModifyRouteTableAttributesInput, Result]{model.ProductVPC, "ModifyRouteTableAttributes"}

// RouteTableVSwitchInput binds or unbinds a route table and a VSwitch.
type RouteTableVSwitchInput struct {
	RegionId     string
	RouteTableId string
	VSwitchId    string
	ClientToken  string
}

// AssociateRouteTable binds a custom route table to a VSwitch of the same
// VPC.
var AssociateRouteTable = Op[RouteTableVSwitchInput, Result]{model.ProductVPC, "AssociateRouteTable"}

// UnassociateRouteTable unbinds a custom route table from a VSwitch, which
// falls back to the system table.
var UnassociateRouteTable = Op[RouteTableVSwitchInput, Result]{model.ProductVPC, "UnassociateRouteTable"}

// DescribeRouteTableListInput filters DescribeRouteTableList.
type DescribeRouteTableListInput struct {
	RegionId        string
	VpcId           string
	RouterId        string
	RouterType      string // VRouter | VBR
	RouteTableId    string
	RouteTableName  string
	RouteTableType  string // System | Custom
	ResourceGroupId string
	Tag             []model.Tag
}

// DescribeRouteTableList lists every route table matching the filter.
var DescribeRouteTableList = ListOp[DescribeRouteTableListInput, model.RouteTable]{"rt"}

// ---- Route entries ----

// NextHop is one next hop of an ECMP route (NextHopList.N).
type NextHop struct {
	NextHopType string // RouterInterface
	NextHopId   string
	Weight      int
}

// CreateRouteEntryInput is CreateRouteEntry's parameters. A normal route
// sets NextHopType and NextHopId; an ECMP route sets NextHopList (2-4 hops)
// and neither of the two.
type CreateRouteEntryInput struct {
	RegionId             string
	RouteTableId         string
	DestinationCidrBlock string
	NextHopType          string // Instance | HaVip | RouterInterface | NetworkInterface | VpnGateway | IPv6Gateway ...
	NextHopId            string
	NextHopList          []NextHop
	RouteEntryName       string
	Description          string
	DryRun               bool
	ClientToken          string
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
	NextHopType string
	NextHopId   string
}

// DeleteRouteEntryInput is DeleteRouteEntry's parameters: either
// RouteEntryId, or RouteTableId with DestinationCidrBlock (and the next hop
// or hops).
type DeleteRouteEntryInput struct {
	RegionId             string
	RouteTableId         string
	RouteEntryId         string
	DestinationCidrBlock string
	NextHopId            string
	NextHopList          []RouteHop
	DryRun               bool
}

// DeleteRouteEntry deletes an Available custom route.
var DeleteRouteEntry = Op[DeleteRouteEntryInput, Result]{model.ProductVPC, "DeleteRouteEntry"}

// ModifyRouteEntryInput is ModifyRouteEntry's parameters: the entry by
// RouteEntryId (or table and destination), and its new name, description or
// next hop.
type ModifyRouteEntryInput struct {
	RegionId             string
	RouteEntryId         string
	RouteTableId         string
	DestinationCidrBlock string
	RouteEntryName       string
	Description          string
	NewNextHopType       string
	NewNextHopId         string
	DryRun               bool
}

// ModifyRouteEntry renames a custom route, changes its description or moves
// it to a new next hop.
var ModifyRouteEntry = Op[ModifyRouteEntryInput, Result]{model.ProductVPC, "ModifyRouteEntry"}

// DescribeRouteEntryListInput filters DescribeRouteEntryList; RouteTableId
// is required.
type DescribeRouteEntryListInput struct {
	RegionId             string
	RouteTableId         string
	RouteEntryId         string
	RouteEntryName       string
	RouteEntryType       string // System | Custom | BGP ...
	IpVersion            string // IPv4 | IPv6
	DestinationCidrBlock string
	DestCidrBlockList    []string
	NextHopType          string
	NextHopId            string
	ServiceType          string
}

// DescribeRouteEntryList lists every entry of a route table (NextToken
// paging).
var DescribeRouteEntryList = ListOp[DescribeRouteEntryListInput, model.RouteEntry]{"route"}

package model

import (
	"encoding/json"
	"strings"
)

// Region is an item of DescribeRegions (Regions.Region). The fields tagged
// "-" are filled in by the region pane's extra calls, not by the API item.
type Region struct {
	RegionId       string `json:"RegionId"`
	LocalName      string `json:"LocalName"`
	RegionEndpoint string `json:"RegionEndpoint"`

	Zones         []Zone `json:"-"`
	TrafficMirror string `json:"-"` // "Opened", "Not opened" or "" (unknown)
	IpPool        string `json:"-"`
}

// Zone is an item of DescribeZones (Zones.Zone).
type Zone struct {
	ZoneId    string `json:"ZoneId"`
	LocalName string `json:"LocalName"`
}

// ServiceStatus is the answer of GetTrafficMirrorServiceStatus and
// GetPublicIpAddressPoolServiceStatus.
type ServiceStatus struct {
	RequestId string `json:"RequestId"`
	Enabled   bool   `json:"Enabled"`
}

// Vpc is an item of DescribeVpcs (Vpcs.Vpc) and the body of
// DescribeVpcAttribute.
type Vpc struct {
	VpcId           string `json:"VpcId"`
	VpcName         string `json:"VpcName"`
	RegionId        string `json:"RegionId"`
	Status          string `json:"Status"` // Pending | Available
	CidrBlock       string `json:"CidrBlock"`
	Ipv6CidrBlock   string `json:"Ipv6CidrBlock"`
	VRouterId       string `json:"VRouterId"`
	Description     string `json:"Description"`
	CreationTime    string `json:"CreationTime"`
	IsDefault       bool   `json:"IsDefault"`
	ResourceGroupId string `json:"ResourceGroupId"`
	VSwitchIds      struct {
		VSwitchId Strings `json:"VSwitchId"`
	} `json:"VSwitchIds"`
	RouterTableIds struct {
		RouterTableIds Strings `json:"RouterTableIds"`
	} `json:"RouterTableIds"`
	NatGatewayIds struct {
		NatGatewayIds Strings `json:"NatGatewayIds"`
	} `json:"NatGatewayIds"`
	UserCidrs struct {
		UserCidr Strings `json:"UserCidr"`
	} `json:"UserCidrs"`
	Tags Tags `json:"Tags"`
}

// VpcAttribute is the body of DescribeVpcAttribute: a Vpc plus the counts
// of what it contains.
type VpcAttribute struct {
	Vpc
	ClassicLinkEnabled bool `json:"ClassicLinkEnabled"`
	CloudResources     struct {
		CloudResourceSetType []CloudResource `json:"CloudResourceSetType"`
	} `json:"CloudResources"`
}

// CloudResource counts one type of resource inside a VPC or VSwitch.
type CloudResource struct {
	ResourceType  string `json:"ResourceType"`
	ResourceCount int    `json:"ResourceCount"`
}

// RouteTableRef is the route table a VSwitch uses.
type RouteTableRef struct {
	RouteTableId   string `json:"RouteTableId"`
	RouteTableType string `json:"RouteTableType"` // System | Custom
}

// VSwitch is an item of DescribeVSwitches (VSwitches.VSwitch) and the body
// of DescribeVSwitchAttributes.
type VSwitch struct {
	VSwitchId               string        `json:"VSwitchId"`
	VSwitchName             string        `json:"VSwitchName"`
	VpcId                   string        `json:"VpcId"`
	ZoneId                  string        `json:"ZoneId"`
	Status                  string        `json:"Status"` // Pending | Available
	CidrBlock               string        `json:"CidrBlock"`
	Ipv6CidrBlock           string        `json:"Ipv6CidrBlock"`
	AvailableIpAddressCount int64         `json:"AvailableIpAddressCount"`
	Description             string        `json:"Description"`
	CreationTime            string        `json:"CreationTime"`
	IsDefault               bool          `json:"IsDefault"`
	ResourceGroupId         string        `json:"ResourceGroupId"`
	RouteTable              RouteTableRef `json:"RouteTable"`
	Tags                    Tags          `json:"Tags"`
}

// VRouter is an item of DescribeVRouters (VRouters.VRouter).
type VRouter struct {
	VRouterId     string `json:"VRouterId"`
	VRouterName   string `json:"VRouterName"`
	VpcId         string `json:"VpcId"`
	RegionId      string `json:"RegionId"`
	Description   string `json:"Description"`
	CreationTime  string `json:"CreationTime"`
	RouteTableIds struct {
		RouteTableId Strings `json:"RouteTableId"`
	} `json:"RouteTableIds"`
}

// RouteTable is an item of DescribeRouteTableList
// (RouterTableList.RouterTableListType — the API's own spelling).
type RouteTable struct {
	RouteTableId    string `json:"RouteTableId"`
	RouteTableName  string `json:"RouteTableName"`
	RouteTableType  string `json:"RouteTableType"` // System | Custom
	RouterId        string `json:"RouterId"`
	RouterType      string `json:"RouterType"` // VRouter | VBR
	VpcId           string `json:"VpcId"`
	Status          string `json:"Status"`
	Description     string `json:"Description"`
	CreationTime    string `json:"CreationTime"`
	ResourceGroupId string `json:"ResourceGroupId"`
	VSwitchIds      struct {
		VSwitchId Strings `json:"VSwitchId"`
	} `json:"VSwitchIds"`
	Tags Tags `json:"Tags"`
}

// NextHop is one next hop of a route entry.
type NextHop struct {
	NextHopType        string `json:"NextHopType"`
	NextHopId          string `json:"NextHopId"`
	Weight             int    `json:"Weight"`
	Enabled            int    `json:"Enabled"`
	NextHopRegionId    string `json:"NextHopRegionId"`
	NextHopRelatedInfo struct {
		InstanceId   string `json:"InstanceId"`
		InstanceType string `json:"InstanceType"`
		RegionId     string `json:"RegionId"`
	} `json:"NextHopRelatedInfo"`
}

// RouteEntry is an item of DescribeRouteEntryList (RouteEntrys.RouteEntry).
type RouteEntry struct {
	RouteEntryId         string `json:"RouteEntryId"`
	RouteEntryName       string `json:"RouteEntryName"`
	RouteTableId         string `json:"RouteTableId"`
	DestinationCidrBlock string `json:"DestinationCidrBlock"`
	Type                 string `json:"Type"`   // System | Custom | BGP
	Status               string `json:"Status"` // Pending | Available | Modifying
	IpVersion            string `json:"IpVersion"`
	Description          string `json:"Description"`
	CreationTime         string `json:"CreationTime"`
	Origin               string `json:"Origin"`
	NextHops             struct {
		NextHop []NextHop `json:"NextHop"`
	} `json:"NextHops"`
}

// NextHopText renders the entry's next hops as "Type:Id" pairs.
func (e *RouteEntry) NextHopText() string {
	parts := make([]string, 0, len(e.NextHops.NextHop))
	for _, h := range e.NextHops.NextHop {
		switch {
		case h.NextHopId == "" && h.NextHopType == "":
		case h.NextHopId == "":
			parts = append(parts, h.NextHopType)
		default:
			parts = append(parts, h.NextHopType+":"+h.NextHopId)
		}
	}
	return strings.Join(parts, ",")
}

// NextHopIDs lists the next hops' IDs (ECMP routes have several);
// "local" for system routes.
func (e *RouteEntry) NextHopIDs() string {
	ids := make([]string, 0, len(e.NextHops.NextHop))
	for _, h := range e.NextHops.NextHop {
		switch {
		case h.NextHopId != "":
			ids = append(ids, h.NextHopId)
		case h.NextHopType != "":
			ids = append(ids, h.NextHopType)
		}
	}
	return strings.Join(ids, ",")
}

// NextHopType is the first next hop's type ("local" for system routes).
func (e *RouteEntry) NextHopType() string {
	if len(e.NextHops.NextHop) == 0 {
		return ""
	}
	return e.NextHops.NextHop[0].NextHopType
}

// availablePhases are the phases of the Pending → Available family; each
// kind gets its own map.
func availablePhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"Available", "Active", "InUse", "Created"},
		PhaseTransitional: {"Pending", "Creating", "Modifying", "Deleting", "Configuring"},
	})
}

func regionKind() *Kind {
	return typed[Region](&Kind{
		Name: "region", Aliases: []string{"regions", "reg"}, Title: "Regions", Singular: "Region", Order: 0,
		Global: true,
		List:   ListSpec{Product: ProductVPC, Action: "DescribeRegions", Path: "Regions.Region", NoRegion: true, Params: map[string]string{"AcceptLanguage": "en-US"}},
		Columns: cols(
			"ID 18 id RegionId", "Name 26 LocalName", "Traffic Mirror 14 status", "IP Pools 12 status IpPool",
			Col("Zones", 30, StylePlain, func(r *Region) string {
				ids := make([]string, len(r.Zones))
				for i, z := range r.Zones {
					ids[i] = strings.TrimPrefix(z.ZoneId, r.RegionId+"-")
				}
				return strings.Join(ids, " ")
			}),
			"Endpoint 32 RegionEndpoint",
		),
		SortBy: "ID",
		Phases: PhaseMap(map[Phase][]string{PhaseReady: {"Opened"}, PhaseInactive: {"Not opened"}, PhaseTransitional: {"Opening"}}),
		Extras: []Extra{
			{Name: "zones", Product: ProductVPC, Action: "DescribeZones",
				Apply: func(o *Object, body json.RawMessage) error {
					var r struct {
						Zones struct {
							Zone []Zone `json:"Zone"`
						} `json:"Zones"`
					}
					if err := json.Unmarshal(body, &r); err != nil {
						return err
					}
					o.Val().(*Region).Zones = r.Zones.Zone
					return nil
				}},
			{Name: "traffic mirroring", Product: ProductVPC, Action: "GetTrafficMirrorServiceStatus",
				Apply: func(o *Object, body json.RawMessage) error {
					return applyService(body, &o.Val().(*Region).TrafficMirror)
				}},
			{Name: "IP address pools", Product: ProductVPC, Action: "GetPublicIpAddressPoolServiceStatus",
				Apply: func(o *Object, body json.RawMessage) error {
					return applyService(body, &o.Val().(*Region).IpPool)
				}},
		},
	})
}

func applyService(body json.RawMessage, dst *string) error {
	var s ServiceStatus
	if err := json.Unmarshal(body, &s); err != nil {
		return err
	}
	if s.Enabled {
		*dst = "Opened"
	} else {
		*dst = "Not opened"
	}
	return nil
}

func zoneKind() *Kind {
	return typed[Zone](&Kind{
		Name: "zone", Aliases: []string{"zones", "az"}, Title: "Zones", Singular: "Zone", Order: 1,
		List:   ListSpec{Product: ProductVPC, Action: "DescribeZones", Path: "Zones.Zone", Params: map[string]string{"AcceptLanguage": "en-US"}},
		ID:     Field(func(z *Zone) string { return z.ZoneId }),
		Scopes: []Scope{{Parent: "region", Param: "RegionId"}},
		Columns: cols(
			"Zone 20 id ZoneId", "Name 30 LocalName",
			Column{Name: "Region", Width: 16, Get: func(o *Object) string { return o.Region }},
		),
		SortBy: "Zone",
	})
}

func vpcKind() *Kind {
	return typed[Vpc](&Kind{
		Name: "vpc", Aliases: []string{"vpcs"}, Title: "VPCs", Singular: "VPC", Order: 10,
		List:   pageList(ProductVPC, "DescribeVpcs", "Vpcs.Vpc"),
		Get:    attrGet(ProductVPC, "DescribeVpcAttribute", "VpcId", "InvalidVpcId.NotFound", "Forbidden.VpcNotFound"),
		Scopes: []Scope{{Parent: "region", Param: "RegionId"}},
		Columns: cols(
			"ID 26 id VpcId", "Name 22 VpcName", "Status 10 status", "CIDR 16 cidr CidrBlock",
			Col("VSwitches", 9, StyleNumber, func(v *Vpc) string { return Itoa(len(v.VSwitchIds.VSwitchId)) }),
			"Default 7 IsDefault",
			regionColumn(),
			"IPv6 20 cidr Ipv6CidrBlock", "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: availablePhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 10,
	})
}

func vswitchKind() *Kind {
	return typed[VSwitch](&Kind{
		Name: "vsw", Aliases: []string{"vswitch", "vswitches", "subnet"}, Title: "VSwitches", Singular: "VSwitch", Order: 20,
		List: pageList(ProductVPC, "DescribeVSwitches", "VSwitches.VSwitch"),
		Get:  attrGet(ProductVPC, "DescribeVSwitchAttributes", "VSwitchId", "InvalidVSwitchId.NotFound", "InvalidVswitchID.NotFound"),
		Scopes: []Scope{
			{Parent: "vpc", Param: "VpcId"},
			{Parent: "zone", Param: "ZoneId"},
			{Parent: "rt", Param: "RouteTableId"},
		},
		Columns: cols(
			"ID 26 id VSwitchId", "Name 20 VSwitchName", "Status 10 status", "CIDR 18 cidr CidrBlock",
			"Zone 16 ZoneId", "Free IPs 8 number AvailableIpAddressCount", "IPv6 22 cidr Ipv6CidrBlock",
			"VPC 26 id VpcId", "Route Table 26 id RouteTable.RouteTableId", "Created 20 time CreationTime",
		),
		SortBy: "Name",
		Phases: availablePhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

func vrouterKind() *Kind {
	return typed[VRouter](&Kind{
		Name: "vrouter", Aliases: []string{"vrouters", "vrt"}, Title: "VRouters", Singular: "VRouter", Order: 25,
		List:   pageList(ProductVPC, "DescribeVRouters", "VRouters.VRouter"),
		Get:    byID("VRouterId"),
		Scopes: []Scope{{Parent: "vpc", Of: childOf(func(v *VRouter) string { return v.VpcId })}},
		Columns: cols(
			"ID 26 id VRouterId", "Name 20 VRouterName", "VPC 26 id VpcId",
			"Route Tables 28 RouteTableIds.RouteTableId", "Created 20 time CreationTime",
		),
		SortBy: "ID",
	})
}

func routeTableKind() *Kind {
	return typed[RouteTable](&Kind{
		Name: "rt", Aliases: []string{"routetable", "routetables", "rtb", "vtb"}, Title: "Route Tables", Singular: "Route table", Order: 30,
		List: pageList(ProductVPC, "DescribeRouteTableList", "RouterTableList.RouterTableListType"),
		Get: byID("RouteTableId", "InvalidRouteTableId.NotFound").
			with(withParam("RouterType", func(v *RouteTable) string { return v.RouterType })),
		Scopes: []Scope{
			{Parent: "vpc", Param: "VpcId"},
			// DescribeRouteTableList lists VRouter tables unless told
			// RouterType=VBR (seed 003 §8.2: VRouter is the default).
			{Parent: "vbr", Param: "RouterId", Params: map[string]string{"RouterType": "VBR"}},
		},
		Columns: cols(
			"ID 26 id RouteTableId", "Name 20 RouteTableName", "Type 7 RouteTableType", "Status 10 status",
			"Router 26 id RouterId", "VPC 26 id VpcId", "VSwitches 30 VSwitchIds.VSwitchId",
			"Created 20 time CreationTime",
		),
		SortBy: "Type",
		Phases: availablePhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

func routeEntryKind() *Kind {
	return typed[RouteEntry](&Kind{
		Name: "route", Aliases: []string{"routes", "routeentry", "routeentries", "re"}, Title: "Route Entries", Singular: "Route entry", Order: 31,
		List: ListSpec{Product: ProductVPC, Action: "DescribeRouteEntryList", Path: "RouteEntrys.RouteEntry", Paging: NextTokenPaging, SizeParam: "MaxResult", MaxPageSize: 100},
		// The API needs the table an entry lives in.
		Get: byID("RouteEntryId", "InvalidRouteTableId.NotFound", "InvalidRouteEntry.NotFound").
			with(withParam("RouteTableId", func(e *RouteEntry) string { return e.RouteTableId })),
		Scopes: []Scope{{Parent: "rt", Param: "RouteTableId", Required: true}},
		Columns: cols(
			"Destination 20 cidr DestinationCidrBlock",
			Col("Next Hop Type", 16, StylePlain, func(v *RouteEntry) string { return v.NextHopType() }),
			Col("Next Hop", 26, StylePlain, func(v *RouteEntry) string { return v.NextHopIDs() }),
			"Type 7", "Status 10 status", "Route Table 26 id RouteTableId", "Name 18 RouteEntryName",
			"ID 26 id RouteEntryId",
		),
		SortBy: "Destination",
		Phases: availablePhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

package model

// VbrTags is the VBR's tag wrapper, {"Tags":[...]} — the array is named Tags
// too, unlike the {"Tag":[...]} of most lists.
type VbrTags struct {
	Tags Items[Tag] `json:"Tags"`
}

// String renders tags as k=v pairs.
func (t VbrTags) String() string { return Tags{Tag: t.Tags}.String() }

// VbrPhysicalConnection is one physical connection a VBR rides on
// (AssociatedPhysicalConnections.AssociatedPhysicalConnection). VlanId is a
// string here but an integer on the VBR itself.
type VbrPhysicalConnection struct {
	PhysicalConnectionId             string `json:"PhysicalConnectionId"`
	PhysicalConnectionOwnerUid       string `json:"PhysicalConnectionOwnerUid"`
	PhysicalConnectionStatus         string `json:"PhysicalConnectionStatus"`
	PhysicalConnectionBusinessStatus string `json:"PhysicalConnectionBusinessStatus"`
	CircuitCode                      string `json:"CircuitCode"`
	VlanId                           string `json:"VlanId"`
	VlanInterfaceId                  string `json:"VlanInterfaceId"`
	LocalGatewayIp                   string `json:"LocalGatewayIp"`
	PeerGatewayIp                    string `json:"PeerGatewayIp"`
	PeeringSubnetMask                string `json:"PeeringSubnetMask"`
	LocalIpv6GatewayIp               string `json:"LocalIpv6GatewayIp"`
	PeerIpv6GatewayIp                string `json:"PeerIpv6GatewayIp"`
	PeeringIpv6SubnetMask            string `json:"PeeringIpv6SubnetMask"`
	EnableIpv6                       bool   `json:"EnableIpv6"`
	Status                           string `json:"Status"`
}

// VbrCen is a CEN instance a VBR is attached to.
type VbrCen struct {
	CenId      string  `json:"CenId"`
	CenOwnerId FlexInt `json:"CenOwnerId"`
	CenStatus  string  `json:"CenStatus"` // Attached ...
}

// VirtualBorderRouter is an item of DescribeVirtualBorderRouters
// (VirtualBorderRouterSet.VirtualBorderRouterType).
type VirtualBorderRouter struct {
	VbrId                            string  `json:"VbrId"`
	Name                             string  `json:"Name"`
	Description                      string  `json:"Description"`
	Status                           string  `json:"Status"` // unconfirmed | active | terminating | terminated | recovering | deleting
	Type                             string  `json:"Type"`
	AccessPointId                    string  `json:"AccessPointId"`
	PhysicalConnectionId             string  `json:"PhysicalConnectionId"`
	PhysicalConnectionOwnerUid       string  `json:"PhysicalConnectionOwnerUid"`
	PhysicalConnectionStatus         string  `json:"PhysicalConnectionStatus"`
	PhysicalConnectionBusinessStatus string  `json:"PhysicalConnectionBusinessStatus"`
	CircuitCode                      string  `json:"CircuitCode"`
	VlanId                           FlexInt `json:"VlanId"`
	VlanInterfaceId                  string  `json:"VlanInterfaceId"`
	LocalGatewayIp                   string  `json:"LocalGatewayIp"`
	PeerGatewayIp                    string  `json:"PeerGatewayIp"`
	PeeringSubnetMask                string  `json:"PeeringSubnetMask"`
	EnableIpv6                       bool    `json:"EnableIpv6"`
	LocalIpv6GatewayIp               string  `json:"LocalIpv6GatewayIp"`
	PeerIpv6GatewayIp                string  `json:"PeerIpv6GatewayIp"`
	PeeringIpv6SubnetMask            string  `json:"PeeringIpv6SubnetMask"`
	RouteTableId                     string  `json:"RouteTableId"`
	Bandwidth                        FlexInt `json:"Bandwidth"`
	Mtu                              FlexInt `json:"Mtu"`
	MinRxInterval                    FlexInt `json:"MinRxInterval"`
	MinTxInterval                    FlexInt `json:"MinTxInterval"`
	DetectMultiplier                 FlexInt `json:"DetectMultiplier"`
	EccId                            string  `json:"EccId"`
	EcrId                            string  `json:"EcrId"`
	CloudBoxInstanceId               string  `json:"CloudBoxInstanceId"`
	SitelinkEnable                   bool    `json:"SitelinkEnable"`
	PConnVbrChargeType               string  `json:"PConnVbrChargeType"`
	PConnVbrExpireTime               string  `json:"PConnVbrExpireTime"`
	ResourceGroupId                  string  `json:"ResourceGroupId"`
	CreationTime                     string  `json:"CreationTime"`
	ActivationTime                   string  `json:"ActivationTime"`
	TerminationTime                  string  `json:"TerminationTime"`
	RecoveryTime                     string  `json:"RecoveryTime"`
	AssociatedPhysicalConnections    struct {
		AssociatedPhysicalConnection Items[VbrPhysicalConnection] `json:"AssociatedPhysicalConnection"`
	} `json:"AssociatedPhysicalConnections"`
	AssociatedCens struct {
		AssociatedCen Items[VbrCen] `json:"AssociatedCen"`
	} `json:"AssociatedCens"`
	Tags VbrTags `json:"Tags"`
}

// PhysicalConnection is an item of DescribePhysicalConnections
// (PhysicalConnectionSet.PhysicalConnectionType); its kind and rules are in
// pc.go.
type PhysicalConnection struct {
	PhysicalConnectionId           string  `json:"PhysicalConnectionId"`
	Name                           string  `json:"Name"`
	Description                    string  `json:"Description"`
	Status                         string  `json:"Status"`
	BusinessStatus                 string  `json:"BusinessStatus"`
	Type                           string  `json:"Type"`
	AccessPointId                  string  `json:"AccessPointId"`
	AccessPointType                string  `json:"AccessPointType"`
	AdLocation                     string  `json:"AdLocation"`
	AdDetailLocation               string  `json:"AdDetailLocation"`
	PeerLocation                   string  `json:"PeerLocation"`
	LineOperator                   string  `json:"LineOperator"` // CT | CU | CM | CO | Equinix | Other
	PortNumber                     string  `json:"PortNumber"`
	PortType                       string  `json:"PortType"`
	Spec                           string  `json:"Spec"`
	Bandwidth                      FlexInt `json:"Bandwidth"`
	CircuitCode                    string  `json:"CircuitCode"`
	RedundantPhysicalConnectionId  string  `json:"RedundantPhysicalConnectionId"`
	ParentPhysicalConnectionId     string  `json:"ParentPhysicalConnectionId"`
	ParentPhysicalConnectionAliUid FlexInt `json:"ParentPhysicalConnectionAliUid"`
	VlanId                         string  `json:"VlanId"`
	ChargeType                     string  `json:"ChargeType"`
	LoaStatus                      string  `json:"LoaStatus"`
	ProductType                    string  `json:"ProductType"`
	HasReservationData             string  `json:"HasReservationData"`
	ResourceGroupId                string  `json:"ResourceGroupId"`
	CreationTime                   string  `json:"CreationTime"`
	EnabledTime                    string  `json:"EnabledTime"`
	EndTime                        string  `json:"EndTime"`
}

// BgpGroup is an item of DescribeBgpGroups (BgpGroups.BgpGroup). The numeric
// fields are strings in the current API and numbers in older answers, hence
// FlexString. AuthKey is a secret.
type BgpGroup struct {
	BgpGroupId  string     `json:"BgpGroupId"`
	Name        string     `json:"Name"`
	Description string     `json:"Description"`
	RouterId    string     `json:"RouterId"` // the VBR
	RegionId    string     `json:"RegionId"`
	Status      string     `json:"Status"`
	PeerAsn     FlexString `json:"PeerAsn"`
	LocalAsn    FlexString `json:"LocalAsn"`
	AuthKey     string     `json:"AuthKey"` // secret
	Hold        FlexString `json:"Hold"`
	Keepalive   FlexString `json:"Keepalive"`
	RouteLimit  FlexString `json:"RouteLimit"`
	IsFake      FlexString `json:"IsFake"`
	IpVersion   string     `json:"IpVersion"`
}

// BgpPeer is an item of DescribeBgpPeers (BgpPeers.BgpPeer). BgpStatus is the
// BGP session state (Idle ... Established), separate from the resource
// Status. AuthKey is a secret.
type BgpPeer struct {
	BgpPeerId            string     `json:"BgpPeerId"`
	Name                 string     `json:"Name"`
	Description          string     `json:"Description"`
	BgpGroupId           string     `json:"BgpGroupId"`
	RouterId             string     `json:"RouterId"`
	RegionId             string     `json:"RegionId"`
	PeerIpAddress        string     `json:"PeerIpAddress"`
	PeerAsn              FlexString `json:"PeerAsn"`
	LocalAsn             FlexString `json:"LocalAsn"`
	AuthKey              string     `json:"AuthKey"` // secret
	Status               string     `json:"Status"`
	BgpStatus            string     `json:"BgpStatus"` // Idle | Connect | Active | OpenSent | OpenConfirm | Established
	Hold                 FlexString `json:"Hold"`
	Keepalive            FlexString `json:"Keepalive"`
	RouteLimit           FlexString `json:"RouteLimit"`
	IsFake               bool       `json:"IsFake"`
	IpVersion            string     `json:"IpVersion"`
	EnableBfd            bool       `json:"EnableBfd"`
	BfdMultiHop          FlexInt    `json:"BfdMultiHop"`
	AdvertisedRouteCount FlexInt    `json:"AdvertisedRouteCount"`
	ReceivedRouteCount   FlexInt    `json:"ReceivedRouteCount"`
	GmtModified          string     `json:"GmtModified"`
}

// BgpNetwork is an item of DescribeBgpNetworks (BgpNetworks.BgpNetwork). It
// has no ID of its own: a network is its block on its VBR.
type BgpNetwork struct {
	DstCidrBlock string `json:"DstCidrBlock"`
	RouterId     string `json:"RouterId"`
	VpcId        string `json:"VpcId"`
	Status       string `json:"Status"`
}

// Key identifies the network: the VBR and the advertised block.
func (n *BgpNetwork) Key() string { return n.RouterId + ":" + n.DstCidrBlock }

func bgpPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"active", "Available"},
		PhaseTransitional: {"Pending", "Creating", "Modifying", "Deleting"},
	})
}

// bgpSessionPhases colours a BGP session state: only Established carries
// routes; "Active" means the router is still trying to connect.
func bgpSessionPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:  {"Established"},
		PhaseFailed: {"Idle", "Connect", "Active", "OpenSent", "OpenConfirm"},
	})
}

func vbrKind() *Kind {
	return typed[VirtualBorderRouter](&Kind{
		Name: "vbr", Aliases: []string{"vbrs", "virtualborderrouter", "virtualborderrouters"}, Title: "Virtual Border Routers", Singular: "VBR", Order: 60,
		List:   pageList(ProductVPC, "DescribeVirtualBorderRouters", "VirtualBorderRouterSet.VirtualBorderRouterType"),
		Get:    byFilter("VbrId", "InvalidVbrId.NotFound"),
		Scopes: []Scope{{Parent: "pc", Of: childOf(func(v *VirtualBorderRouter) string { return v.PhysicalConnectionId })}},
		Columns: cols(
			"ID 26 id VbrId", "Name 20", "Status 12 status", "VLAN 5 number VlanId",
			"Local IP 16 cidr LocalGatewayIp", "Peer IP 16 cidr PeerGatewayIp", "Mask 16 PeeringSubnetMask",
			"Physical Connection 26 id PhysicalConnectionId", "Route Table 26 id RouteTableId", regionColumn(),
			"Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: vbrPhases(),
		Target: []string{"active", "unconfirmed"}, TrackTimeoutMinutes: 5,
	})
}

// vbrPhases are a VBR's statuses, in the VBR pane and on the line
// (pcVbrKind).
func vbrPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"active", "Enabled"},
		PhaseTransitional: {"recovering", "terminating", "deleting"},
		PhaseInactive:     {"unconfirmed", "terminated"},
	})
}

func bgpKind() *Kind {
	return typed[BgpGroup](&Kind{
		Name: "bgp", Aliases: []string{"bgpgroup", "bgpgroups", "bgpg"}, Title: "BGP Groups", Singular: "BGP group", Order: 62,
		List:   pageList(ProductVPC, "DescribeBgpGroups", "BgpGroups.BgpGroup"),
		Get:    byID("BgpGroupId", "InvalidBgpGroup"),
		Scopes: []Scope{{Parent: "vbr", Param: "RouterId"}},
		Columns: cols(
			"ID 26 id BgpGroupId", "Name 18", "Status 10 status",
			"Peer ASN 10 number PeerAsn", "Local ASN 10 number LocalAsn", "Keepalive 9 number", "Hold 5 number",
			"Route Limit 11 number",
			"VBR 26 id RouterId", "Description 24",
		),
		SortBy: "Name",
		Phases: bgpPhases(), Target: []string{"active", "Available"}, TrackTimeoutMinutes: 5,
	})
}

func bgpPeerKind() *Kind {
	return typed[BgpPeer](&Kind{
		Name: "bgppeer", Aliases: []string{"bgppeers", "bgpneighbor", "bgpneighbors"}, Title: "BGP Peers", Singular: "BGP peer", Order: 63,
		List: pageList(ProductVPC, "DescribeBgpPeers", "BgpPeers.BgpPeer"),
		Get:  byID("BgpPeerId"),
		Scopes: []Scope{
			{Parent: "bgp", Param: "BgpGroupId"},
			{Parent: "vbr", Param: "RouterId"},
		},
		Columns: cols(
			"Peer IP 16 cidr PeerIpAddress",
			phased("Session 12 status BgpStatus", bgpSessionPhases()),
			"Status 10 status",
			"Peer ASN 10 number PeerAsn",
			"Name 18", "ID 26 id BgpPeerId", "Group 26 id BgpGroupId", "VBR 26 id RouterId",
			"Received 8 number ReceivedRouteCount", "Advertised 10 number AdvertisedRouteCount",
		),
		SortBy: "Peer IP",
		Phases: bgpPhases(), Target: []string{"active", "Available"}, TrackTimeoutMinutes: 5,
	})
}

// bgpNetKind has no Get: DescribeBgpNetworks cannot look one network up, so
// networks are tracked by relisting their VBR.
func bgpNetKind() *Kind {
	return typed[BgpNetwork](&Kind{
		Name: "bgpnet", Aliases: []string{"bgpnetwork", "bgpnetworks", "bgpnets"}, Title: "BGP Networks", Singular: "BGP network", Order: 64,
		List:   pageList(ProductVPC, "DescribeBgpNetworks", "BgpNetworks.BgpNetwork"),
		Scopes: []Scope{{Parent: "vbr", Param: "RouterId"}},
		ID:     Field(func(n *BgpNetwork) string { return n.Key() }),
		NameOf: Field(func(n *BgpNetwork) string { return n.DstCidrBlock }),
		Columns: cols(
			"Destination 20 cidr DstCidrBlock", "Status 10 status", "VBR 26 id RouterId", "VPC 26 id VpcId",
		),
		SortBy: "Destination",
		Phases: bgpPhases(), Target: []string{"active", "Available"}, TrackTimeoutMinutes: 5,
	})
}

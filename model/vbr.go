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

// vbrFilter looks one VBR (or physical connection) up through the Filter.N
// parameters, the only way these Describe calls take an ID.
func vbrFilter(key string) map[string]string {
	return map[string]string{"Filter.1.Key": key}
}

func vbrKind() *Kind {
	return &Kind{
		Name: "vbr", Aliases: []string{"vbrs", "virtualborderrouter", "virtualborderrouters"}, Title: "Virtual Border Routers", Singular: "VBR", Order: 60,
		List: ListSpec{Product: ProductVPC, Action: "DescribeVirtualBorderRouters", Path: "VirtualBorderRouterSet.VirtualBorderRouterType", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeVirtualBorderRouters", IDParam: "Filter.1.Value.1", Params: vbrFilter("VbrId"),
			Path: "VirtualBorderRouterSet.VirtualBorderRouterType", IDField: "VbrId",
			NotFound: []string{"InvalidVbrId.NotFound"}},
		Scopes: []Scope{{Parent: "pc", Of: childOf(func(v *VirtualBorderRouter) string { return v.PhysicalConnectionId })}},
		New:    NewOf[VirtualBorderRouter](), ID: Field(func(v *VirtualBorderRouter) string { return v.VbrId }),
		NameOf: Field(func(v *VirtualBorderRouter) string { return v.Name }),
		Status: Field(func(v *VirtualBorderRouter) string { return v.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(v *VirtualBorderRouter) string { return v.VbrId }),
			Col("Name", 20, StylePlain, func(v *VirtualBorderRouter) string { return v.Name }),
			Col("Status", 12, StyleStatus, func(v *VirtualBorderRouter) string { return v.Status }),
			Col("VLAN", 5, StyleNumber, func(v *VirtualBorderRouter) string { return Itoa(v.VlanId) }),
			Col("Local IP", 16, StyleCIDR, func(v *VirtualBorderRouter) string { return v.LocalGatewayIp }),
			Col("Peer IP", 16, StyleCIDR, func(v *VirtualBorderRouter) string { return v.PeerGatewayIp }),
			Col("Mask", 16, StylePlain, func(v *VirtualBorderRouter) string { return v.PeeringSubnetMask }),
			Col("Physical Connection", 26, StyleID, func(v *VirtualBorderRouter) string { return v.PhysicalConnectionId }),
			Col("Route Table", 26, StyleID, func(v *VirtualBorderRouter) string { return v.RouteTableId }),
			regionColumn(),
			Col("Created", 20, StyleTime, func(v *VirtualBorderRouter) string { return v.CreationTime }),
			Col("Description", 24, StylePlain, func(v *VirtualBorderRouter) string { return v.Description }),
		},
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"active", "Enabled"},
			PhaseTransitional: {"recovering", "terminating", "deleting"},
			PhaseInactive:     {"unconfirmed", "terminated"},
		}),
		Target: []string{"active", "unconfirmed"}, TrackTimeoutMinutes: 5,
	}
}

func bgpKind() *Kind {
	return &Kind{
		Name: "bgp", Aliases: []string{"bgpgroup", "bgpgroups", "bgpg"}, Title: "BGP Groups", Singular: "BGP group", Order: 62,
		List: ListSpec{Product: ProductVPC, Action: "DescribeBgpGroups", Path: "BgpGroups.BgpGroup", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeBgpGroups", IDParam: "BgpGroupId", Path: "BgpGroups.BgpGroup", IDField: "BgpGroupId",
			NotFound: []string{"InvalidBgpGroup"}},
		Scopes: []Scope{{Parent: "vbr", Param: "RouterId"}},
		New:    NewOf[BgpGroup](), ID: Field(func(g *BgpGroup) string { return g.BgpGroupId }),
		NameOf: Field(func(g *BgpGroup) string { return g.Name }),
		Status: Field(func(g *BgpGroup) string { return g.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(g *BgpGroup) string { return g.BgpGroupId }),
			Col("Name", 18, StylePlain, func(g *BgpGroup) string { return g.Name }),
			Col("Status", 10, StyleStatus, func(g *BgpGroup) string { return g.Status }),
			Col("Peer ASN", 10, StyleNumber, func(g *BgpGroup) string { return string(g.PeerAsn) }),
			Col("Local ASN", 10, StyleNumber, func(g *BgpGroup) string { return string(g.LocalAsn) }),
			Col("Keepalive", 9, StyleNumber, func(g *BgpGroup) string { return string(g.Keepalive) }),
			Col("Hold", 5, StyleNumber, func(g *BgpGroup) string { return string(g.Hold) }),
			Col("Route Limit", 11, StyleNumber, func(g *BgpGroup) string { return string(g.RouteLimit) }),
			Col("VBR", 26, StyleID, func(g *BgpGroup) string { return g.RouterId }),
			Col("Description", 24, StylePlain, func(g *BgpGroup) string { return g.Description }),
		},
		SortBy: "Name",
		Phases: bgpPhases(), Target: []string{"active", "Available"}, TrackTimeoutMinutes: 5,
	}
}

func bgpPeerKind() *Kind {
	session := Col("Session", 12, StyleStatus, func(p *BgpPeer) string { return p.BgpStatus })
	session.Phases = bgpSessionPhases()
	return &Kind{
		Name: "bgppeer", Aliases: []string{"bgppeers", "bgpneighbor", "bgpneighbors"}, Title: "BGP Peers", Singular: "BGP peer", Order: 63,
		List: ListSpec{Product: ProductVPC, Action: "DescribeBgpPeers", Path: "BgpPeers.BgpPeer", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get:  &GetSpec{Product: ProductVPC, Action: "DescribeBgpPeers", IDParam: "BgpPeerId", Path: "BgpPeers.BgpPeer", IDField: "BgpPeerId"},
		Scopes: []Scope{
			{Parent: "bgp", Param: "BgpGroupId"},
			{Parent: "vbr", Param: "RouterId"},
		},
		New: NewOf[BgpPeer](), ID: Field(func(p *BgpPeer) string { return p.BgpPeerId }),
		NameOf: Field(func(p *BgpPeer) string { return p.Name }),
		Status: Field(func(p *BgpPeer) string { return p.Status }),
		Columns: []Column{
			Col("Peer IP", 16, StyleCIDR, func(p *BgpPeer) string { return p.PeerIpAddress }),
			session,
			Col("Status", 10, StyleStatus, func(p *BgpPeer) string { return p.Status }),
			Col("Peer ASN", 10, StyleNumber, func(p *BgpPeer) string { return string(p.PeerAsn) }),
			Col("Name", 18, StylePlain, func(p *BgpPeer) string { return p.Name }),
			Col("ID", 26, StyleID, func(p *BgpPeer) string { return p.BgpPeerId }),
			Col("Group", 26, StyleID, func(p *BgpPeer) string { return p.BgpGroupId }),
			Col("VBR", 26, StyleID, func(p *BgpPeer) string { return p.RouterId }),
			Col("Received", 8, StyleNumber, func(p *BgpPeer) string { return Itoa(p.ReceivedRouteCount) }),
			Col("Advertised", 10, StyleNumber, func(p *BgpPeer) string { return Itoa(p.AdvertisedRouteCount) }),
		},
		SortBy: "Peer IP",
		Phases: bgpPhases(), Target: []string{"active", "Available"}, TrackTimeoutMinutes: 5,
	}
}

// bgpNetKind has no Get: DescribeBgpNetworks cannot look one network up, so
// networks are tracked by relisting their VBR.
func bgpNetKind() *Kind {
	return &Kind{
		Name: "bgpnet", Aliases: []string{"bgpnetwork", "bgpnetworks", "bgpnets"}, Title: "BGP Networks", Singular: "BGP network", Order: 64,
		List:   ListSpec{Product: ProductVPC, Action: "DescribeBgpNetworks", Path: "BgpNetworks.BgpNetwork", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Scopes: []Scope{{Parent: "vbr", Param: "RouterId"}},
		New:    NewOf[BgpNetwork](), ID: Field(func(n *BgpNetwork) string { return n.Key() }),
		NameOf: Field(func(n *BgpNetwork) string { return n.DstCidrBlock }),
		Status: Field(func(n *BgpNetwork) string { return n.Status }),
		Columns: []Column{
			Col("Destination", 20, StyleCIDR, func(n *BgpNetwork) string { return n.DstCidrBlock }),
			Col("Status", 10, StyleStatus, func(n *BgpNetwork) string { return n.Status }),
			Col("VBR", 26, StyleID, func(n *BgpNetwork) string { return n.RouterId }),
			Col("VPC", 26, StyleID, func(n *BgpNetwork) string { return n.VpcId }),
		},
		SortBy: "Destination",
		Phases: bgpPhases(), Target: []string{"active", "Available"}, TrackTimeoutMinutes: 5,
	}
}

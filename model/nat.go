package model

import (
	"strings"
)

// NatTag is a tag as DescribeNatGateways spells it (TagKey/TagValue, unlike
// the Key/Value of most other lists).
type NatTag struct {
	TagKey   string `json:"TagKey"`
	TagValue string `json:"TagValue"`
}

// NatTags is the NAT gateway's {"Tag":[...]} wrapper.
type NatTags struct {
	Tag Items[NatTag] `json:"Tag"`
}

// String renders tags as k=v pairs.
func (t NatTags) String() string {
	parts := make([]string, 0, len(t.Tag))
	for _, tg := range t.Tag {
		parts = append(parts, tg.TagKey+"="+tg.TagValue)
	}
	return strings.Join(parts, ",")
}

// NatIp is one public address of a NAT gateway (IpLists.IpList).
type NatIp struct {
	AllocationId     string `json:"AllocationId"`
	IpAddress        string `json:"IpAddress"`
	PrivateIpAddress string `json:"PrivateIpAddress"`
	UsingStatus      string `json:"UsingStatus"` // Available | Idle | UsedBySnatTable | UsedByForwardTable
	SnatEntryEnabled bool   `json:"SnatEntryEnabled"`
	ApAccessEnabled  bool   `json:"ApAccessEnabled"`
}

// NatGatewayPrivateInfo is where an enhanced NAT gateway sits in its VPC.
type NatGatewayPrivateInfo struct {
	VswitchId               string `json:"VswitchId"`
	IzNo                    string `json:"IzNo"`
	PrivateIpAddress        string `json:"PrivateIpAddress"`
	EniInstanceId           string `json:"EniInstanceId"`
	EniType                 string `json:"EniType"`
	MaxBandwidth            int64  `json:"MaxBandwidth"`
	MaxSessionEstablishRate int64  `json:"MaxSessionEstablishRate"`
	MaxSessionQuota         int64  `json:"MaxSessionQuota"`
}

// NatGateway is an item of DescribeNatGateways (NatGateways.NatGateway).
type NatGateway struct {
	NatGatewayId       string `json:"NatGatewayId"`
	Name               string `json:"Name"`
	Description        string `json:"Description"`
	RegionId           string `json:"RegionId"`
	VpcId              string `json:"VpcId"`
	Spec               string `json:"Spec"`        // Small | Middle | Large | XLarge.1 (empty for enhanced NAT)
	NatType            string `json:"NatType"`     // Normal | Enhanced
	NetworkType        string `json:"NetworkType"` // internet | intranet
	Status             string `json:"Status"`      // Creating | Available | Modifying | Deleting | Converting (2019: Initiating | Pending)
	BusinessStatus     string `json:"BusinessStatus"`
	InstanceChargeType string `json:"InstanceChargeType"`
	InternetChargeType string `json:"InternetChargeType"`
	CreationTime       string `json:"CreationTime"`
	ExpiredTime        string `json:"ExpiredTime"`
	AutoPay            bool   `json:"AutoPay"`
	DeletionProtection bool   `json:"DeletionProtection"`
	EcsMetricEnabled   bool   `json:"EcsMetricEnabled"`
	IcmpReplyEnabled   bool   `json:"IcmpReplyEnabled"`
	EipBindMode        string `json:"EipBindMode"`
	ResourceGroupId    string `json:"ResourceGroupId"`
	ForwardTableIds    struct {
		ForwardTableId Strings `json:"ForwardTableId"`
	} `json:"ForwardTableIds"`
	SnatTableIds struct {
		SnatTableId Strings `json:"SnatTableId"`
	} `json:"SnatTableIds"`
	FullNatTableIds struct {
		FullNatTableId Strings `json:"FullNatTableId"`
	} `json:"FullNatTableIds"`
	BandwidthPackageIds struct {
		BandwidthPackageId Strings `json:"BandwidthPackageId"`
	} `json:"BandwidthPackageIds"`
	IpLists struct {
		IpList Items[NatIp] `json:"IpList"`
	} `json:"IpLists"`
	NatGatewayPrivateInfo NatGatewayPrivateInfo `json:"NatGatewayPrivateInfo"`
	Tags                  NatTags               `json:"Tags"`
}

// PublicIPs lists the gateway's public addresses.
func (n *NatGateway) PublicIPs() []string {
	out := make([]string, 0, len(n.IpLists.IpList))
	for _, ip := range n.IpLists.IpList {
		if ip.IpAddress != "" {
			out = append(out, ip.IpAddress)
		}
	}
	return out
}

// SnatEntry is an item of DescribeSnatTableEntries
// (SnatTableEntries.SnatTableEntry).
type SnatEntry struct {
	SnatEntryId        string `json:"SnatEntryId"`
	SnatEntryName      string `json:"SnatEntryName"`
	SnatTableId        string `json:"SnatTableId"`
	NatGatewayId       string `json:"NatGatewayId"`
	SnatIp             string `json:"SnatIp"` // comma-separated
	SourceCIDR         string `json:"SourceCIDR"`
	SourceVSwitchId    string `json:"SourceVSwitchId"`
	NetworkInterfaceId string `json:"NetworkInterfaceId"`
	EipAffinity        string `json:"EipAffinity"`
	Status             string `json:"Status"` // Pending | Available | Modifying | Deleting
}

// Source is what the entry translates: its VSwitch or else its CIDR block.
func (e *SnatEntry) Source() string {
	if e.SourceVSwitchId != "" {
		return e.SourceVSwitchId
	}
	return e.SourceCIDR
}

// ForwardEntry is a DNAT entry, an item of DescribeForwardTableEntries
// (ForwardTableEntries.ForwardTableEntry).
type ForwardEntry struct {
	ForwardEntryId   string `json:"ForwardEntryId"`
	ForwardEntryName string `json:"ForwardEntryName"`
	ForwardTableId   string `json:"ForwardTableId"`
	NatGatewayId     string `json:"NatGatewayId"`
	ExternalIp       string `json:"ExternalIp"`
	ExternalPort     string `json:"ExternalPort"` // a port, or "any"
	InternalIp       string `json:"InternalIp"`
	InternalPort     string `json:"InternalPort"`
	IpProtocol       string `json:"IpProtocol"` // tcp | udp | any
	Status           string `json:"Status"`     // Pending | Available | Modifying | Deleting
}

// EipLockReason is one entry of an EIP's OperationLocks.
type EipLockReason struct {
	LockReason string `json:"LockReason"` // financial | security
}

// EipAddress is an item of DescribeEipAddresses (EipAddresses.EipAddress).
// Bandwidth is a string in this API.
type EipAddress struct {
	AllocationId              string `json:"AllocationId"`
	IpAddress                 string `json:"IpAddress"`
	Name                      string `json:"Name"`
	Description               string `json:"Description"`
	RegionId                  string `json:"RegionId"`
	Status                    string `json:"Status"` // Associating | Unassociating | InUse | Available
	BusinessStatus            string `json:"BusinessStatus"`
	Bandwidth                 string `json:"Bandwidth"`
	EipBandwidth              string `json:"EipBandwidth"`
	BandwidthPackageId        string `json:"BandwidthPackageId"`
	BandwidthPackageType      string `json:"BandwidthPackageType"`
	BandwidthPackageBandwidth string `json:"BandwidthPackageBandwidth"`
	ChargeType                string `json:"ChargeType"`
	InternetChargeType        string `json:"InternetChargeType"`
	ISP                       string `json:"ISP"`
	Netmode                   string `json:"Netmode"`
	Mode                      string `json:"Mode"`
	InstanceId                string `json:"InstanceId"`
	InstanceType              string `json:"InstanceType"` // EcsInstance | SlbInstance | Nat | HaVip | NetworkInterface ...
	InstanceRegionId          string `json:"InstanceRegionId"`
	PrivateIpAddress          string `json:"PrivateIpAddress"`
	VpcId                     string `json:"VpcId"`
	Zone                      string `json:"Zone"`
	AllocationTime            string `json:"AllocationTime"`
	ExpiredTime               string `json:"ExpiredTime"`
	HDMonitorStatus           string `json:"HDMonitorStatus"`
	HasReservationData        string `json:"HasReservationData"`
	DeletionProtection        bool   `json:"DeletionProtection"`
	SecondLimited             bool   `json:"SecondLimited"`
	PublicIpAddressPoolId     string `json:"PublicIpAddressPoolId"`
	ResourceGroupId           string `json:"ResourceGroupId"`
	OperationLocks            struct {
		LockReason Items[EipLockReason] `json:"LockReason"`
	} `json:"OperationLocks"`
	Tags Tags `json:"Tags"`
}

// natPhases is the NAT gateway phase map: what settles by itself is
// transitional, everything the docs call available is ready.
func natPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"Available"},
		PhaseTransitional: {"Creating", "Modifying", "Deleting", "Converting", "Initiating", "Pending"},
	})
}

func entryPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"Available"},
		PhaseTransitional: {"Pending", "Creating", "Modifying", "Deleting"},
	})
}

func regionColumn() Column {
	return Column{Name: "Region", Width: 14, Get: func(o *Object) string { return o.Region }}
}

func natKind() *Kind {
	return &Kind{
		Name: "nat", Aliases: []string{"natgw", "natgateway", "natgateways"}, Title: "NAT Gateways", Singular: "NAT gateway", Order: 40,
		List: ListSpec{Product: ProductVPC, Action: "DescribeNatGateways", Path: "NatGateways.NatGateway", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeNatGateways", IDParam: "NatGatewayId", Path: "NatGateways.NatGateway", IDField: "NatGatewayId",
			NotFound: []string{"InvalidNatGatewayId.NotFound", "INSTANCE_NOT_EXISTS"}},
		Scopes: []Scope{{Parent: "vpc", Param: "VpcId"}},
		New:    NewOf[NatGateway](), ID: Field(func(n *NatGateway) string { return n.NatGatewayId }),
		NameOf: Field(func(n *NatGateway) string { return n.Name }),
		Status: Field(func(n *NatGateway) string { return n.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(n *NatGateway) string { return n.NatGatewayId }),
			Col("Name", 20, StylePlain, func(n *NatGateway) string { return n.Name }),
			Col("Status", 11, StyleStatus, func(n *NatGateway) string { return n.Status }),
			Col("VPC", 26, StyleID, func(n *NatGateway) string { return n.VpcId }),
			Col("Spec", 8, StylePlain, func(n *NatGateway) string { return n.Spec }),
			Col("NAT Type", 9, StylePlain, func(n *NatGateway) string { return n.NatType }),
			Col("Network", 9, StylePlain, func(n *NatGateway) string { return n.NetworkType }),
			Col("Public IPs", 18, StyleCIDR, func(n *NatGateway) string { return Join(n.PublicIPs()) }),
			Col("SNAT Tables", 26, StyleID, func(n *NatGateway) string { return Join(n.SnatTableIds.SnatTableId) }),
			Col("DNAT Tables", 26, StyleID, func(n *NatGateway) string { return Join(n.ForwardTableIds.ForwardTableId) }),
			regionColumn(),
			Col("Created", 20, StyleTime, func(n *NatGateway) string { return n.CreationTime }),
			Col("Description", 24, StylePlain, func(n *NatGateway) string { return n.Description }),
		},
		SortBy: "Name",
		Phases: natPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 10,
	}
}

func snatKind() *Kind {
	return &Kind{
		Name: "snat", Aliases: []string{"snats", "snatentry", "snatentries"}, Title: "SNAT Entries", Singular: "SNAT entry", Order: 41,
		List: ListSpec{Product: ProductVPC, Action: "DescribeSnatTableEntries", Path: "SnatTableEntries.SnatTableEntry", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeSnatTableEntries", IDParam: "SnatEntryId", Path: "SnatTableEntries.SnatTableEntry", IDField: "SnatEntryId",
			NotFound: []string{"InvalidSnatEntryId.NotFound", "InvalidSnatTableId.NotFound"},
			With:     withParam("SnatTableId", func(e *SnatEntry) string { return e.SnatTableId })},
		Scopes: []Scope{{Parent: "nat", Param: "SnatTableId", Required: true,
			Values: parentValues(func(n *NatGateway) []string { return n.SnatTableIds.SnatTableId }),
			Of:     childOf(func(e *SnatEntry) string { return e.NatGatewayId })}},
		New: NewOf[SnatEntry](), ID: Field(func(e *SnatEntry) string { return e.SnatEntryId }),
		NameOf: Field(func(e *SnatEntry) string { return e.SnatEntryName }),
		Status: Field(func(e *SnatEntry) string { return e.Status }),
		Columns: []Column{
			Col("Source", 26, StylePlain, func(e *SnatEntry) string { return e.Source() }),
			Col("SNAT IP", 18, StyleCIDR, func(e *SnatEntry) string { return e.SnatIp }),
			Col("Status", 10, StyleStatus, func(e *SnatEntry) string { return e.Status }),
			Col("Name", 18, StylePlain, func(e *SnatEntry) string { return e.SnatEntryName }),
			Col("ID", 26, StyleID, func(e *SnatEntry) string { return e.SnatEntryId }),
			Col("Source CIDR", 18, StyleCIDR, func(e *SnatEntry) string { return e.SourceCIDR }),
			Col("VSwitch", 26, StyleID, func(e *SnatEntry) string { return e.SourceVSwitchId }),
			Col("SNAT Table", 26, StyleID, func(e *SnatEntry) string { return e.SnatTableId }),
			Col("NAT", 26, StyleID, func(e *SnatEntry) string { return e.NatGatewayId }),
		},
		SortBy: "Source",
		Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	}
}

func dnatKind() *Kind {
	return &Kind{
		Name: "dnat", Aliases: []string{"forward", "fwd", "dnats", "forwardentry", "forwardentries"}, Title: "DNAT Entries", Singular: "DNAT entry", Order: 42,
		List: ListSpec{Product: ProductVPC, Action: "DescribeForwardTableEntries", Path: "ForwardTableEntries.ForwardTableEntry", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeForwardTableEntries", IDParam: "ForwardEntryId", Path: "ForwardTableEntries.ForwardTableEntry", IDField: "ForwardEntryId",
			NotFound: []string{"InvalidForwardEntryId.NotFound", "InvalidForwardTableId.NotFound"},
			With:     withParam("ForwardTableId", func(e *ForwardEntry) string { return e.ForwardTableId })},
		Scopes: []Scope{{Parent: "nat", Param: "ForwardTableId", Required: true,
			Values: parentValues(func(n *NatGateway) []string { return n.ForwardTableIds.ForwardTableId }),
			Of:     childOf(func(e *ForwardEntry) string { return e.NatGatewayId })}},
		New: NewOf[ForwardEntry](), ID: Field(func(e *ForwardEntry) string { return e.ForwardEntryId }),
		NameOf: Field(func(e *ForwardEntry) string { return e.ForwardEntryName }),
		Status: Field(func(e *ForwardEntry) string { return e.Status }),
		Columns: []Column{
			Col("External IP", 16, StyleCIDR, func(e *ForwardEntry) string { return e.ExternalIp }),
			Col("External Port", 13, StylePlain, func(e *ForwardEntry) string { return e.ExternalPort }),
			Col("Protocol", 8, StylePlain, func(e *ForwardEntry) string { return e.IpProtocol }),
			Col("Internal IP", 16, StyleCIDR, func(e *ForwardEntry) string { return e.InternalIp }),
			Col("Internal Port", 13, StylePlain, func(e *ForwardEntry) string { return e.InternalPort }),
			Col("Status", 10, StyleStatus, func(e *ForwardEntry) string { return e.Status }),
			Col("Name", 18, StylePlain, func(e *ForwardEntry) string { return e.ForwardEntryName }),
			Col("ID", 26, StyleID, func(e *ForwardEntry) string { return e.ForwardEntryId }),
			Col("DNAT Table", 26, StyleID, func(e *ForwardEntry) string { return e.ForwardTableId }),
			Col("NAT", 26, StyleID, func(e *ForwardEntry) string { return e.NatGatewayId }),
		},
		SortBy: "External IP",
		Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	}
}

// eipKind: DescribeEipAddresses can filter by AssociatedInstanceId only
// together with AssociatedInstanceType=Nat, which a Scope cannot add, so EIPs
// are matched to their NAT gateway on the client.
func eipKind() *Kind {
	return &Kind{
		Name: "eip", Aliases: []string{"eips", "eipaddress", "eipaddresses"}, Title: "Elastic IPs", Singular: "EIP", Order: 43,
		List: ListSpec{Product: ProductVPC, Action: "DescribeEipAddresses", Path: "EipAddresses.EipAddress", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeEipAddresses", IDParam: "AllocationId", Path: "EipAddresses.EipAddress", IDField: "AllocationId",
			NotFound: []string{"InvalidAllocationId.NotFound"}},
		Scopes: []Scope{{Parent: "nat", Param: "AssociatedInstanceId", Params: map[string]string{"AssociatedInstanceType": "Nat"},
			Of: childOf(func(e *EipAddress) string {
				if strings.EqualFold(e.InstanceType, "Nat") {
					return e.InstanceId
				}
				return ""
			})},
			// DescribeEipAddresses cannot filter by package: the package's
			// EIPs are the region's, matched on BandwidthPackageId.
			{Parent: "cbwp", Of: childOf(func(e *EipAddress) string { return e.BandwidthPackageId })}},
		New: NewOf[EipAddress](), ID: Field(func(e *EipAddress) string { return e.AllocationId }),
		NameOf: Field(func(e *EipAddress) string { return e.Name }),
		Status: Field(func(e *EipAddress) string { return e.Status }),
		Columns: []Column{
			Col("IP", 16, StyleCIDR, func(e *EipAddress) string { return e.IpAddress }),
			Col("ID", 26, StyleID, func(e *EipAddress) string { return e.AllocationId }),
			Col("Name", 18, StylePlain, func(e *EipAddress) string { return e.Name }),
			Col("Status", 13, StyleStatus, func(e *EipAddress) string { return e.Status }),
			Col("Bandwidth", 9, StyleNumber, func(e *EipAddress) string { return e.Bandwidth }),
			Col("Instance", 26, StyleID, func(e *EipAddress) string { return e.InstanceId }),
			Col("Out 1h", 12, StyleSpark, func(*EipAddress) string { return "" }),
			Col("Instance Type", 13, StylePlain, func(e *EipAddress) string { return e.InstanceType }),
			Col("Billing", 14, StylePlain, func(e *EipAddress) string { return e.InternetChargeType }),
			Col("ISP", 6, StylePlain, func(e *EipAddress) string { return e.ISP }),
			Col("Bandwidth Package", 26, StyleID, func(e *EipAddress) string { return e.BandwidthPackageId }),
			Col("Created", 20, StyleTime, func(e *EipAddress) string { return e.AllocationTime }),
		},
		SortBy: "IP",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available", "InUse"},
			PhaseTransitional: {"Associating", "Unassociating"},
		}),
		Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	}
}

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

// entryPhases: Available, or on its way (Pending, Creating, Modifying,
// Deleting). NAT entries and the IPv6 gateways, rules and addresses.
func entryPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"Available"},
		PhaseTransitional: {"Pending", "Creating", "Modifying", "Deleting"},
	})
}

func natKind() *Kind {
	return typed[NatGateway](&Kind{
		Name: "nat", Aliases: []string{"natgw", "natgateway", "natgateways"}, Title: "NAT Gateways", Singular: "NAT gateway", Order: 40,
		List:   pageList(ProductVPC, "DescribeNatGateways", "NatGateways.NatGateway"),
		Get:    byID("NatGatewayId", "InvalidNatGatewayId.NotFound", "INSTANCE_NOT_EXISTS"),
		Scopes: []Scope{{Parent: "vpc", Param: "VpcId"}},
		Columns: cols(
			"ID 26 id NatGatewayId", "Name 20", "Status 11 status", "VPC 26 id VpcId", "Spec 8",
			"NAT Type 9 NatType", "Network 9 NetworkType",
			Col("Public IPs", 18, StyleCIDR, func(n *NatGateway) string { return Join(n.PublicIPs()) }),
			"SNAT Tables 26 id SnatTableIds.SnatTableId", "DNAT Tables 26 id ForwardTableIds.ForwardTableId",
			regionColumn(), "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: natPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 10,
	})
}

func snatKind() *Kind {
	return typed[SnatEntry](&Kind{
		Name: "snat", Aliases: []string{"snats", "snatentry", "snatentries"}, Title: "SNAT Entries", Singular: "SNAT entry", Order: 41,
		List: pageList(ProductVPC, "DescribeSnatTableEntries", "SnatTableEntries.SnatTableEntry"),
		Get: byID("SnatEntryId", "InvalidSnatEntryId.NotFound", "InvalidSnatTableId.NotFound").
			with(withParam("SnatTableId", func(e *SnatEntry) string { return e.SnatTableId })),
		Scopes: []Scope{{Parent: "nat", Param: "SnatTableId", Required: true,
			Values: parentValues(func(n *NatGateway) []string { return n.SnatTableIds.SnatTableId }),
			Of:     childOf(func(e *SnatEntry) string { return e.NatGatewayId })}},
		Columns: cols(
			Col("Source", 26, StylePlain, func(e *SnatEntry) string { return e.Source() }),
			"SNAT IP 18 cidr SnatIp", "Status 10 status", "Name 18 SnatEntryName", "ID 26 id SnatEntryId",
			"Source CIDR 18 cidr", "VSwitch 26 id SourceVSwitchId", "SNAT Table 26 id SnatTableId",
			"NAT 26 id NatGatewayId",
		),
		SortBy: "Source",
		Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

func dnatKind() *Kind {
	return typed[ForwardEntry](&Kind{
		Name: "dnat", Aliases: []string{"forward", "fwd", "dnats", "forwardentry", "forwardentries"}, Title: "DNAT Entries", Singular: "DNAT entry", Order: 42,
		List: pageList(ProductVPC, "DescribeForwardTableEntries", "ForwardTableEntries.ForwardTableEntry"),
		Get: byID("ForwardEntryId", "InvalidForwardEntryId.NotFound", "InvalidForwardTableId.NotFound").
			with(withParam("ForwardTableId", func(e *ForwardEntry) string { return e.ForwardTableId })),
		Scopes: []Scope{{Parent: "nat", Param: "ForwardTableId", Required: true,
			Values: parentValues(func(n *NatGateway) []string { return n.ForwardTableIds.ForwardTableId }),
			Of:     childOf(func(e *ForwardEntry) string { return e.NatGatewayId })}},
		Columns: cols(
			"External IP 16 cidr ExternalIp", "External Port 13", "Protocol 8 IpProtocol",
			"Internal IP 16 cidr InternalIp", "Internal Port 13", "Status 10 status", "Name 18 ForwardEntryName",
			"ID 26 id ForwardEntryId", "DNAT Table 26 id ForwardTableId", "NAT 26 id NatGatewayId",
		),
		SortBy: "External IP",
		Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

// eipKind: DescribeEipAddresses can filter by AssociatedInstanceId only
// together with AssociatedInstanceType=Nat, which a Scope cannot add, so EIPs
// are matched to their NAT gateway on the client.
func eipKind() *Kind {
	return typed[EipAddress](&Kind{
		Name: "eip", Aliases: []string{"eips", "eipaddress", "eipaddresses"}, Title: "Elastic IPs", Singular: "EIP", Order: 43,
		List: pageList(ProductVPC, "DescribeEipAddresses", "EipAddresses.EipAddress"),
		Get:  byID("AllocationId", "InvalidAllocationId.NotFound"),
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
		Columns: cols(
			"IP 16 cidr IpAddress", "ID 26 id AllocationId", "Name 18", "Status 13 status", "Bandwidth 9 number",
			"Instance 26 id InstanceId",
			Col("Out 1h", 12, StyleSpark, func(*EipAddress) string { return "" }),
			"Instance Type 13", "Billing 14 InternetChargeType", "ISP 6",
			"Bandwidth Package 26 id BandwidthPackageId", "Created 20 time AllocationTime",
		),
		SortBy: "IP",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available", "InUse"},
			PhaseTransitional: {"Associating", "Unassociating"},
		}),
		Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

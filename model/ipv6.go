package model

import (
	"fmt"
	"slices"
)

// IPv6 gateways (seed 003 §14): the gateway of a VPC, the egress-only
// rules under it and the IPv6 addresses of the VPC with their internet
// bandwidth.

// Ipv6Gateway is an item of DescribeIpv6Gateways (Ipv6Gateways.Ipv6Gateway)
// and the body of DescribeIpv6GatewayAttribute.
type Ipv6Gateway struct {
	Ipv6GatewayId      string `json:"Ipv6GatewayId"`
	Name               string `json:"Name"`
	Description        string `json:"Description"`
	RegionId           string `json:"RegionId"`
	VpcId              string `json:"VpcId"`
	Spec               string `json:"Spec"`   // Small | Medium (Middle) | Large
	Status             string `json:"Status"` // Creating | Available | Modifying | Deleting
	BusinessStatus     string `json:"BusinessStatus"`
	InstanceChargeType string `json:"InstanceChargeType"`
	CreationTime       string `json:"CreationTime"`
	ExpiredTime        string `json:"ExpiredTime"`
}

// Ipv6EgressOnlyRule is an item of DescribeIpv6EgressOnlyRules
// (Ipv6EgressOnlyRules.Ipv6EgressOnlyRule). The API's item does not name
// its gateway; Ipv6GatewayId is filled by the simulator so that a rule can
// be fetched again by ID (the describe call requires the gateway).
type Ipv6EgressOnlyRule struct {
	Ipv6EgressOnlyRuleId string `json:"Ipv6EgressOnlyRuleId"`
	Name                 string `json:"Name"`
	Description          string `json:"Description"`
	InstanceId           string `json:"InstanceId"`
	InstanceType         string `json:"InstanceType"` // Ipv6Address
	Status               string `json:"Status"`       // Creating | Available | Deleting
	Ipv6GatewayId        string `json:"Ipv6GatewayId,omitempty"`
}

// Ipv6InternetBandwidth is the public bandwidth of an IPv6 address.
type Ipv6InternetBandwidth struct {
	Ipv6InternetBandwidthId string `json:"Ipv6InternetBandwidthId"`
	Bandwidth               int    `json:"Bandwidth"`
	InternetChargeType      string `json:"InternetChargeType"` // PayByBandwidth | PayByTraffic
	InstanceChargeType      string `json:"InstanceChargeType"` // PostPaid
	BusinessStatus          string `json:"BusinessStatus"`
}

// Ipv6Address is an item of DescribeIpv6Addresses
// (Ipv6Addresses.Ipv6Address).
type Ipv6Address struct {
	Ipv6AddressId          string                `json:"Ipv6AddressId"`
	Ipv6AddressName        string                `json:"Ipv6AddressName"`
	Ipv6Address            string                `json:"Ipv6Address"`
	Status                 string                `json:"Status"`      // Pending | Available
	NetworkType            string                `json:"NetworkType"` // Private | Public
	VpcId                  string                `json:"VpcId"`
	VSwitchId              string                `json:"VSwitchId"`
	Ipv6GatewayId          string                `json:"Ipv6GatewayId"`
	AssociatedInstanceId   string                `json:"AssociatedInstanceId"`
	AssociatedInstanceType string                `json:"AssociatedInstanceType"`
	AllocationTime         string                `json:"AllocationTime"`
	RealBandwidth          int                   `json:"RealBandwidth"`
	Ipv6InternetBandwidth  Ipv6InternetBandwidth `json:"Ipv6InternetBandwidth"`
}

// HasBandwidth reports whether the address has internet bandwidth.
func (a *Ipv6Address) HasBandwidth() bool {
	return a.Ipv6InternetBandwidth.Ipv6InternetBandwidthId != ""
}

// Ipv6GatewayName and Ipv6GatewayDescription are CreateIpv6Gateway's Name
// (2-128) and Description (2-256): starting with a letter or a Chinese
// character; digits, '.', '_' and '-' allowed; no http:// or https://.
var (
	Ipv6GatewayName        = NameRule{Min: 2, Max: 128, Extra: "._-"}
	Ipv6GatewayDescription = NameRule{Min: 2, Max: 256, Extra: "._-"}
)

// The seed spells the middle gateway spec two ways: CreateIpv6Gateway (and
// ModifyIpv6InternetBandwidth) document Small/Medium/Large,
// ModifyIpv6GatewaySpec (and AllocateIpv6InternetBandwidth)
// Small/Middle/Large. Each operation accepts what it documents; Medium and
// Middle are the same tier.
var (
	Ipv6CreateSpecs = []string{"Small", "Medium", "Large"}
	Ipv6ModifySpecs = []string{"Small", "Middle", "Large"}
)

// Ipv6SpecTier is 0, 1 or 2 for Small, Medium/Middle and Large; -1 for
// anything else.
func Ipv6SpecTier(spec string) int {
	switch spec {
	case "Small", "":
		return 0
	case "Medium", "Middle":
		return 1
	case "Large":
		return 2
	}
	return -1
}

// Ipv6BandwidthMax is the most Mbps an IPv6 address's internet bandwidth
// may have: 5000 for PayByBandwidth; for PayByTraffic it depends on the
// gateway's spec (Small 500, Medium/Middle 1000, Large 2000).
func Ipv6BandwidthMax(chargeType, spec string) int {
	if chargeType == "PayByTraffic" {
		return []int{500, 1000, 2000}[max(Ipv6SpecTier(spec), 0)]
	}
	return 5000
}

// CheckIpv6Bandwidth applies AllocateIpv6InternetBandwidth's and
// ModifyIpv6InternetBandwidth's Bandwidth rule.
func CheckIpv6Bandwidth(mbps int, chargeType, spec string) error {
	if hi := Ipv6BandwidthMax(chargeType, spec); mbps < 1 || mbps > hi {
		if chargeType == "PayByTraffic" {
			return fmt.Errorf("must be 1-%d Mbps for PayByTraffic behind a %s gateway", hi, spec)
		}
		return fmt.Errorf("must be 1-%d Mbps", hi)
	}
	return nil
}

// CheckIpv6Spec checks a spec against the values an operation documents.
func CheckIpv6Spec(spec string, allowed []string) error {
	if !slices.Contains(allowed, spec) {
		return fmt.Errorf("must be one of %v", allowed)
	}
	return nil
}

func ipv6GatewayKind() *Kind {
	return typed[Ipv6Gateway](&Kind{
		Name: "ipv6gw", Aliases: []string{"ipv6", "ip6gw", "ipv6gateway", "ipv6gateways"}, Title: "IPv6 Gateways", Singular: "IPv6 gateway", Order: 36,
		List:   pageList(ProductVPC, "DescribeIpv6Gateways", "Ipv6Gateways.Ipv6Gateway"),
		Get:    attrGet(ProductVPC, "DescribeIpv6GatewayAttribute", "Ipv6GatewayId", "InvalidIpv6GatewayId.NotFound"),
		Scopes: []Scope{{Parent: "vpc", Param: "VpcId"}},
		Columns: cols(
			"ID 26 id Ipv6GatewayId", "Name 18", "Status 10 status", "Spec 7", "VPC 26 id VpcId",
			"Business 9 BusinessStatus", "Charge 9 InstanceChargeType", regionColumn(),
			"Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name", Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

func ipv6RuleKind() *Kind {
	return typed[Ipv6EgressOnlyRule](&Kind{
		Name: "ipv6rule", Aliases: []string{"ipv6rules", "egressonly", "ipv6egress"}, Title: "IPv6 Egress-only Rules", Singular: "egress-only rule", Order: 37,
		List: pageList(ProductVPC, "DescribeIpv6EgressOnlyRules", "Ipv6EgressOnlyRules.Ipv6EgressOnlyRule"),
		Get: byID("Ipv6EgressOnlyRuleId", "InvalidIpv6GatewayId.NotFound").
			with(withParam("Ipv6GatewayId", func(r *Ipv6EgressOnlyRule) string { return r.Ipv6GatewayId })),
		Scopes: []Scope{{Parent: "ipv6gw", Param: "Ipv6GatewayId", Required: true,
			Of: childOf(func(r *Ipv6EgressOnlyRule) string { return r.Ipv6GatewayId })}},
		Columns: cols(
			"ID 26 id Ipv6EgressOnlyRuleId", "Name 18", "Status 10 status", "Instance 26 id InstanceId",
			"Instance Type 13", "Gateway 26 id Ipv6GatewayId", "Description 24",
		),
		SortBy: "Name", Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

func ipv6AddressKind() *Kind {
	return typed[Ipv6Address](&Kind{
		Name: "ipv6addr", Aliases: []string{"ipv6address", "ipv6addresses", "ip6"}, Title: "IPv6 Addresses", Singular: "IPv6 address", Order: 38,
		List: pageList(ProductVPC, "DescribeIpv6Addresses", "Ipv6Addresses.Ipv6Address"),
		Get:  byID("Ipv6AddressId"),
		// DescribeIpv6Addresses takes no gateway: a VPC has one gateway, so
		// a gateway's addresses are its VPC's.
		Scopes: []Scope{
			{Parent: "ipv6gw", Param: "VpcId", Values: parentValues(func(g *Ipv6Gateway) []string { return []string{g.VpcId} })},
			{Parent: "vsw", Param: "VSwitchId"},
		},
		Columns: cols(
			"Address 26 cidr Ipv6Address", "Status 10 status", "Network 8 NetworkType",
			Col("Bandwidth", 9, StyleNumber, func(a *Ipv6Address) string {
				if !a.HasBandwidth() {
					return ""
				}
				return Itoa(a.Ipv6InternetBandwidth.Bandwidth)
			}),
			"Charge Type 14 Ipv6InternetBandwidth.InternetChargeType", "ID 26 id Ipv6AddressId",
			"Instance 24 id AssociatedInstanceId", "VSwitch 26 id VSwitchId", "Gateway 26 id Ipv6GatewayId",
			"Bandwidth ID 26 id Ipv6InternetBandwidth.Ipv6InternetBandwidthId", "Name 16 Ipv6AddressName",
			"Allocated 20 time AllocationTime",
		),
		SortBy: "Address", Phases: entryPhases(), Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

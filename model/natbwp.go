package model

import (
	"fmt"
	"strconv"
	"strings"
)

// NatBwpIP is one public address of a NAT bandwidth package
// (PublicIpAddresses.PublicIpAddresse): an AllocationId nateip-…, and what
// the NAT gateway uses it for.
type NatBwpIP struct {
	AllocationId    string `json:"AllocationId"`
	IpAddress       string `json:"IpAddress"`
	UsingStatus     string `json:"UsingStatus"` // Idle | UsedBySnatTable | UsedByForwardTable
	ApAccessEnabled bool   `json:"ApAccessEnabled"`
}

// NatBandwidthPackage is an item of DescribeBandwidthPackages
// (BandwidthPackages.BandwidthPackage): a shared bandwidth plus public IPs
// that belong to one NAT gateway (seed 003 §17, accounts that had NAT
// bandwidth packages before 3 Nov 2017). Bandwidth and IpCount are strings
// in this API.
type NatBandwidthPackage struct {
	BandwidthPackageId string `json:"BandwidthPackageId"`
	Name               string `json:"Name"`
	Description        string `json:"Description"`
	RegionId           string `json:"RegionId"`
	ZoneId             string `json:"ZoneId"`
	NatGatewayId       string `json:"NatGatewayId"`
	Bandwidth          string `json:"Bandwidth"`
	IpCount            string `json:"IpCount"`
	ISP                string `json:"ISP"`
	Status             string `json:"Status"`         // Creating | Available | Modifying | Deleting
	BusinessStatus     string `json:"BusinessStatus"` // Normal | FinancialLocked | SecurityLocked
	InstanceChargeType string `json:"InstanceChargeType"`
	InternetChargeType string `json:"InternetChargeType"` // PayByTraffic | PayByBandwidth
	CreationTime       string `json:"CreationTime"`
	PublicIpAddresses  struct {
		PublicIpAddresse Items[NatBwpIP] `json:"PublicIpAddresse"`
	} `json:"PublicIpAddresses"`
}

// IPs lists the package's public addresses.
func (b *NatBandwidthPackage) IPs() []NatBwpIP { return b.PublicIpAddresses.PublicIpAddresse }

// Addresses lists the package's public addresses as text.
func (b *NatBandwidthPackage) Addresses() []string {
	return pluck(b.IPs(), func(ip NatBwpIP) string { return ip.IpAddress })
}

// Has reports whether ip is one of the package's addresses.
func (b *NatBandwidthPackage) Has(ip string) bool {
	_, ok := find(b.IPs(), func(a NatBwpIP) bool { return a.IpAddress == ip })
	return ok
}

// usage renders each address with what uses it: "47.1.2.3 (SNAT)".
func (b *NatBandwidthPackage) usage() string {
	parts := make([]string, 0, len(b.IPs()))
	for _, ip := range b.IPs() {
		s := ip.IpAddress
		switch ip.UsingStatus {
		case "UsedBySnatTable":
			s += " (SNAT)"
		case "UsedByForwardTable":
			s += " (DNAT)"
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, ", ")
}

// NAT bandwidth package limits (seed 003 §17.2, §17.4, §17.7, §17.9).
const (
	NatBwpMinBandwidth = 5
	NatBwpMaxBandwidth = 1000
	NatBwpMaxIPs       = 50 // IpCount of one package, and of one AddBandwidthPackageIps
	NatBwpPerGateway   = 4  // packages on one NAT gateway
	NatBwpMaxRemove    = 20 // RemovedIpAddresses.N
)

// CheckNatBwpBandwidth applies CreateBandwidthPackage's and
// ModifyBandwidthPackageSpec's Bandwidth rule: a whole number of Mbit/s,
// 5-1000.
func CheckNatBwpBandwidth(s string) error {
	return checkWhole(s, NatBwpMinBandwidth, NatBwpMaxBandwidth, "Mbit/s")
}

// CheckNatBwpIPCount applies the IpCount rule of CreateBandwidthPackage
// and AddBandwidthPackageIps: 1-50 addresses.
func CheckNatBwpIPCount(s string) error { return checkWhole(s, 1, NatBwpMaxIPs, "IPs") }

func checkWhole(s string, lo, hi int, unit string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("must be a whole number of %s, %d-%d", unit, lo, hi)
	}
	return CheckRange(n, lo, hi)
}

// CheckNatBwpAddIPs checks AddBandwidthPackageIps against the package's
// current addresses: the count itself, then the package's limit of 50.
func CheckNatBwpAddIPs(count string, have int) error {
	if err := CheckNatBwpIPCount(count); err != nil {
		return err
	}
	n, _ := strconv.Atoi(strings.TrimSpace(count))
	if have+n > NatBwpMaxIPs {
		return fmt.Errorf("the package holds %d IPs; %d more would pass its limit of %d (at most %d more)", have, n, NatBwpMaxIPs, NatBwpMaxIPs-have)
	}
	return nil
}

// CheckNatBwpRemove applies RemoveBandwidthPackageIps' rules to a removal
// of n of have addresses: 1-20 at once, and never all of them.
func CheckNatBwpRemove(n, have int) error {
	switch {
	case n < 1 || n > NatBwpMaxRemove:
		return fmt.Errorf("remove 1-%d IPs at once (not %d)", NatBwpMaxRemove, n)
	case n >= have:
		return fmt.Errorf("a bandwidth package keeps at least one IP: it has %d", have)
	}
	return nil
}

// businessColumn is the package's BusinessStatus, coloured on its own
// scale: an overdue or security-locked package refuses changes.
func businessColumn() Column {
	return phased("Business 15 status BusinessStatus",
		PhaseMap(map[Phase][]string{PhaseReady: {"Normal"}, PhaseFailed: {"FinancialLocked", "SecurityLocked"}}))
}

func natBwpKind() *Kind {
	return typed[NatBandwidthPackage](&Kind{
		Name: "natbwp", Aliases: []string{"bwp", "bandwidthpackage", "bandwidthpackages", "natbwps"},
		Title: "NAT Bandwidth Packages", Singular: "NAT bandwidth package", Order: 44,
		List: pageList(ProductVPC, "DescribeBandwidthPackages", "BandwidthPackages.BandwidthPackage"), Get: byID("BandwidthPackageId", "InvalidBandwidthPackageId.NotFound"),
		Scopes: []Scope{{Parent: "nat", Param: "NatGatewayId"}},
		Columns: cols(
			"ID 26 id BandwidthPackageId", "Name 18", "Status 10 status", "Bandwidth 9 number",
			"IPs 4 number IpCount",
			Col("Public IPs", 34, StyleCIDR, func(b *NatBandwidthPackage) string { return b.usage() }),
			"NAT 26 id NatGatewayId", "Zone 14 ZoneId", businessColumn(), "Billing 14 InternetChargeType", "ISP 4",
			regionColumn(), "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available"},
			PhaseTransitional: {"Creating", "Modifying", "Deleting"},
		}),
		Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

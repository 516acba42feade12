package model

import (
	"fmt"
	"strconv"
	"strings"
)

// CommonBandwidthPackage is a common (shared) bandwidth package, an item of
// DescribeCommonBandwidthPackages (CommonBandwidthPackages.
// CommonBandwidthPackage; seed 003 §19.1). Bandwidth is a string and Ratio
// a number, as the official SDK declares them (the seed's JSON sample quotes
// both).
type CommonBandwidthPackage struct {
	BandwidthPackageId            string  `json:"BandwidthPackageId"`
	Name                          string  `json:"Name"`
	Description                   string  `json:"Description"`
	RegionId                      string  `json:"RegionId"`
	Bandwidth                     string  `json:"Bandwidth"`
	InternetChargeType            string  `json:"InternetChargeType"` // PayByBandwidth | PayBy95
	Ratio                         FlexInt `json:"Ratio"`
	InstanceChargeType            string  `json:"InstanceChargeType"` // PostPaid | PrePaid
	Status                        string  `json:"Status"`             // Creating | Available | Modifying
	BusinessStatus                string  `json:"BusinessStatus"`     // Normal | FinancialLocked | SecurityLocked
	ISP                           string  `json:"ISP"`
	CreationTime                  string  `json:"CreationTime"`
	ExpiredTime                   string  `json:"ExpiredTime"`
	HasReservationData            string  `json:"HasReservationData"`
	ReservationActiveTime         string  `json:"ReservationActiveTime"`
	ReservationBandwidth          string  `json:"ReservationBandwidth"`
	ReservationInternetChargeType string  `json:"ReservationInternetChargeType"`
	ReservationOrderType          string  `json:"ReservationOrderType"`
	ResourceGroupId               string  `json:"ResourceGroupId"`
	DeletionProtection            bool    `json:"DeletionProtection"`
	PublicIpAddresses             struct {
		PublicIpAddresse Items[CbwpIP] `json:"PublicIpAddresse"`
	} `json:"PublicIpAddresses"`
}

// CbwpIP is one EIP of a package. BandwidthPackageIpRelationStatus is
// BINDING while AddCommonBandwidthPackageIp runs, BINDED once it is in,
// UNBINDING while RemoveCommonBandwidthPackageIp runs (the current public
// API reference; the seed lists only IpAddress and AllocationId).
type CbwpIP struct {
	IpAddress                        string `json:"IpAddress"`
	AllocationId                     string `json:"AllocationId"`
	BandwidthPackageIpRelationStatus string `json:"BandwidthPackageIpRelationStatus"`
}

// IPs lists the package's EIPs.
func (p *CommonBandwidthPackage) IPs() []CbwpIP { return p.PublicIpAddresses.PublicIpAddresse }

// Addresses lists the public addresses of the package's EIPs.
func (p *CommonBandwidthPackage) Addresses() []string {
	return pluck(p.IPs(), func(ip CbwpIP) string { return ip.IpAddress })
}

// Phase is the package's status as the console follows it: the API's
// Status, or, while it is Available and an EIP is being added or removed,
// that EIP's relation status (BINDING, UNBINDING): the package accepts
// nothing but queries until it settles.
func (p *CommonBandwidthPackage) Phase() string {
	if p.Status != "Available" {
		return p.Status
	}
	for _, ip := range p.IPs() {
		if s := ip.BandwidthPackageIpRelationStatus; s == CbwpBinding || s == CbwpUnbinding {
			return s
		}
	}
	return p.Status
}

// The relation statuses of an EIP in a package.
const (
	CbwpBinding   = "BINDING"
	CbwpBinded    = "BINDED"
	CbwpUnbinding = "UNBINDING"
)

// Shared bandwidth limits: Bandwidth in Mbit/s (the seed gives no range;
// the current public reference says 1-1000), Ratio 10-100 % (seed,
// required with PayBy95), the PayType conversion's Duration (Month 1-36,
// Year 1-3).
const (
	CbwpMinBandwidth = 1
	CbwpMaxBandwidth = 1000
	CbwpMinRatio     = 10
	CbwpMaxRatio     = 100
)

func cbwpKind() *Kind {
	return typed[CommonBandwidthPackage](&Kind{
		Name: "cbwp", Aliases: []string{"bwp-common", "sharedbw", "cbwps", "commonbandwidthpackage"},
		Title: "Shared Bandwidth Packages", Singular: "shared bandwidth package", Order: 45,
		List: pageList(ProductVPC, "DescribeCommonBandwidthPackages", "CommonBandwidthPackages.CommonBandwidthPackage"), Get: byID("BandwidthPackageId", "InvalidBandwidthPackageId.NotFound"),
		Status: Field(func(p *CommonBandwidthPackage) string { return p.Phase() }),
		Columns: cols(
			"ID 26 id BandwidthPackageId", "Name 16",
			Col("Status", 10, StyleStatus, func(p *CommonBandwidthPackage) string { return p.Phase() }),
			"Bandwidth 9 number",
			Col("EIPs", 5, StyleNumber, func(p *CommonBandwidthPackage) string { return strconv.Itoa(len(p.IPs())) }),
			Col("Addresses", 24, StyleCIDR, func(p *CommonBandwidthPackage) string { return Join(p.Addresses()) }),
			Col("Billing", 14, StylePlain, func(p *CommonBandwidthPackage) string { return cbwpBilling(p) }),
			"Charge 8 InstanceChargeType", "Business 15 BusinessStatus", "ISP 6", regionColumn(),
			"Created 20 time CreationTime", "Expires 20 time ExpiredTime", "Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available"},
			PhaseTransitional: {"Creating", "Modifying", CbwpBinding, CbwpUnbinding},
		}),
		Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

// cbwpBilling is the metering with its guaranteed ratio for PayBy95.
func cbwpBilling(p *CommonBandwidthPackage) string {
	if p.InternetChargeType == "PayBy95" && p.Ratio > 0 {
		return fmt.Sprintf("PayBy95 %d%%", p.Ratio)
	}
	return p.InternetChargeType
}

// CheckCbwpBandwidth validates a package's Bandwidth (Mbit/s, a whole
// number in 1-1000).
func CheckCbwpBandwidth(s string) error { return checkMbps(s, CbwpMinBandwidth, CbwpMaxBandwidth) }

// checkMbps checks a bandwidth typed in Mbit/s: a whole number in lo-hi.
func checkMbps(s string, lo, hi int) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("must be a whole number of Mbit/s (it is %q)", s)
	}
	if n < lo || n > hi {
		return fmt.Errorf("must be %d-%d Mbit/s (it is %d)", lo, hi, n)
	}
	return nil
}

// CheckCbwpRatio validates CreateCommonBandwidthPackage's Ratio for a
// metering: required (10-100) with PayBy95, not sent otherwise.
func CheckCbwpRatio(charge, s string) error {
	s = strings.TrimSpace(s)
	if charge != "PayBy95" {
		if s != "" {
			return fmt.Errorf("applies only to PayBy95 (enhanced 95th percentile)")
		}
		return nil
	}
	if s == "" {
		return fmt.Errorf("is required with PayBy95: the guaranteed percentage, %d-%d", CbwpMinRatio, CbwpMaxRatio)
	}
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("must be a whole percentage (it is %q)", s)
	}
	return CheckRange(n, CbwpMinRatio, CbwpMaxRatio)
}

// CheckCbwpDuration validates ModifyCommonBandwidthPackagePayType's
// Duration for a PricingCycle: Month 1-36, Year 1-3.
func CheckCbwpDuration(cycle, s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("must be a whole number (it is %q)", s)
	}
	if cycle == "Year" {
		return CheckRange(n, 1, 3)
	}
	return CheckRange(n, 1, 36)
}

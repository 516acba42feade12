package model

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// HaVip is a high-availability virtual IP, an item of DescribeHaVips
// (HaVips.HaVip). The two lists inside are spelled in lower camel case by
// the API (associatedInstance, associatedEipAddresse).
type HaVip struct {
	HaVipId                string `json:"HaVipId"`
	Name                   string `json:"Name"`
	Description            string `json:"Description"`
	RegionId               string `json:"RegionId"`
	VpcId                  string `json:"VpcId"`
	VSwitchId              string `json:"VSwitchId"`
	IpAddress              string `json:"IpAddress"`
	Status                 string `json:"Status"`                 // Creating | Available | InUse | Associating | Unassociating | Deleting
	AssociatedInstanceType string `json:"AssociatedInstanceType"` // EcsInstance | NetworkInterface
	MasterInstanceId       string `json:"MasterInstanceId"`
	ChargeType             string `json:"ChargeType"`
	CreateTime             string `json:"CreateTime"`
	ResourceGroupId        string `json:"ResourceGroupId"`
	AssociatedInstances    struct {
		AssociatedInstance Strings `json:"associatedInstance"`
	} `json:"AssociatedInstances"`
	AssociatedEipAddresses struct {
		AssociatedEipAddresse Strings `json:"associatedEipAddresse"`
	} `json:"AssociatedEipAddresses"`
	Tags Tags `json:"Tags"`
}

// Instances lists the instances (ECS or ENI) the HaVip is associated with.
func (h *HaVip) Instances() []string { return h.AssociatedInstances.AssociatedInstance }

// EIPs lists the public addresses bound to the HaVip.
func (h *HaVip) EIPs() []string { return h.AssociatedEipAddresses.AssociatedEipAddresse }

// MaxHaVipInstances is how many ECS instances (or ENIs, never both kinds
// at once) AssociateHaVip binds to one HaVip.
const MaxHaVipInstances = 10

func havipKind() *Kind {
	return typed[HaVip](&Kind{
		Name: "havip", Aliases: []string{"havips", "ha"}, Title: "HaVips", Singular: "HaVip", Order: 22,
		List:   pageList(ProductVPC, "DescribeHaVips", "HaVips.HaVip"),
		Get:    byFilter("HaVipId", "InvalidHaVipId.NotFound"),
		Scopes: []Scope{filterScope("vsw", "VSwitchId")},
		Columns: cols(
			"ID 26 id HaVipId", "Name 16", "Status 13 status", "IP 15 cidr IpAddress",
			Col("Instances", 22, StyleID, func(h *HaVip) string { return Join(h.Instances()) }),
			Col("EIP", 15, StyleCIDR, func(h *HaVip) string { return Join(h.EIPs()) }),
			"VSwitch 26 id VSwitchId", "VPC 26 id VpcId", "Instance Type 16 AssociatedInstanceType",
			"Master 22 id MasterInstanceId", regionColumn(), "Created 20 time CreateTime", "Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available", "InUse"},
			PhaseTransitional: {"Creating", "Associating", "Unassociating", "Deleting"},
		}),
		Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	})
}

// CheckHaVipText applies CreateHaVip's name (max 128) and description
// (max 256) rule: optional; 1 to max characters; no http:// or https://
// prefix.
func CheckHaVipText(s string, max int) error {
	if s == "" {
		return nil
	}
	if n := utf8.RuneCountInString(s); n > max {
		return fmt.Errorf("must be 1-%d characters (it is %d)", max, n)
	}
	if hasHTTPPrefix(s) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	return nil
}

// HaVipIPError says which of CreateHaVip's IpAddress rules an address
// breaks; Code is the API's error code for it.
type HaVipIPError struct{ Code, Why string }

func (e *HaVipIPError) Error() string { return e.Why }

// CheckHaVipIP checks a requested HaVip address against its VSwitch's
// block: a valid IPv4 address (InvalidIPAddress.Malformed), inside the
// block (InvalidIPAddress.OutOfRange), not one of the four reserved
// addresses — the first and the last three (InvalidIPAddress.NotAvailable).
// Whether another resource uses it is the API's to say (AlreadyUsed).
func CheckHaVipIP(ip, vswCIDR string) error {
	a, err := netip.ParseAddr(strings.TrimSpace(ip))
	if err != nil || !a.Is4() {
		return &HaVipIPError{"InvalidIPAddress.Malformed", fmt.Sprintf("%q is not an IPv4 address", ip)}
	}
	p, err := netip.ParsePrefix(vswCIDR)
	if err != nil {
		return nil // nothing to check against
	}
	p = p.Masked()
	if !p.Contains(a) {
		return &HaVipIPError{"InvalidIPAddress.OutOfRange", fmt.Sprintf("%s is outside the VSwitch block %s", a, p)}
	}
	b, n := a.As4(), p.Addr().As4()
	off := (uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])) -
		(uint32(n[0])<<24 | uint32(n[1])<<16 | uint32(n[2])<<8 | uint32(n[3]))
	size := uint32(1) << (32 - p.Bits())
	if off == 0 || off >= size-3 {
		return &HaVipIPError{"InvalidIPAddress.NotAvailable", fmt.Sprintf("%s is reserved in %s (the first and the last three addresses)", a, p)}
	}
	return nil
}

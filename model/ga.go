package model

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
)

// GABackend is one backend server of a global acceleration instance
// (BackendServers.BackendServer).
type GABackend struct {
	RegionId        string `json:"RegionId"`
	ServerId        string `json:"ServerId"`
	ServerIpAddress string `json:"ServerIpAddress"`
	ServerType      string `json:"ServerType"` // EcsInstance | SlbInstance
}

// GAPublicIP is one EIP of a sharing instance (PublicIpAddresses).
type GAPublicIP struct {
	AllocationId string `json:"AllocationId"`
	IpAddress    string `json:"IpAddress"`
}

// GlobalAcceleration is an item of DescribeGlobalAccelerationInstances
// (seed 003 §18.2). Bandwidth is a string in this API.
type GlobalAcceleration struct {
	GlobalAccelerationInstanceId string `json:"GlobalAccelerationInstanceId"`
	Name                         string `json:"Name"`
	Description                  string `json:"Description"`
	RegionId                     string `json:"RegionId"`
	IpAddress                    string `json:"IpAddress"`
	Bandwidth                    string `json:"Bandwidth"`
	BandwidthType                string `json:"BandwidthType"` // Sharing | Exclusive
	ServiceLocation              string `json:"ServiceLocation"`
	AccelerationLocation         string `json:"AccelerationLocation"`
	Status                       string `json:"Status"` // Available | InUse | Associating | Unassociating
	ChargeType                   string `json:"ChargeType"`
	InternetChargeType           string `json:"InternetChargeType"`
	CreationTime                 string `json:"CreationTime"`
	ExpiredTime                  string `json:"ExpiredTime"`
	BackendServers               struct {
		BackendServer Items[GABackend] `json:"BackendServer"`
	} `json:"BackendServers"`
	PublicIpAddresses struct {
		PublicIpAddress Items[GAPublicIP] `json:"PublicIpAddress"`
	} `json:"PublicIpAddresses"`
}

// Backends lists the instance's backend servers.
func (g *GlobalAcceleration) Backends() []GABackend { return g.BackendServers.BackendServer }

// EIPs lists the EIPs of a sharing instance.
func (g *GlobalAcceleration) EIPs() []GAPublicIP { return g.PublicIpAddresses.PublicIpAddress }

// Sharing reports whether the instance shares its bandwidth among EIPs.
func (g *GlobalAcceleration) Sharing() bool { return g.BandwidthType == GASharing }

func (g *GlobalAcceleration) backendText() string {
	return strings.Join(pluck(g.Backends(), func(b GABackend) string { return b.ServerId }), ", ")
}

func (g *GlobalAcceleration) backendRegions() string {
	return strings.Join(pluck(g.Backends(), func(b GABackend) string { return b.RegionId }), ", ")
}

func (g *GlobalAcceleration) ipText() string {
	return strings.Join(pluck(g.EIPs(), func(ip GAPublicIP) string { return ip.IpAddress }), ", ")
}

// Global acceleration values (seed 003 §18.1-§18.6).
const (
	GASharing   = "Sharing"
	GAExclusive = "Exclusive"
	GAEcs       = "EcsInstance"
	GASlb       = "SlbInstance"
)

// GABandwidths are the bandwidths an instance may have, in Mbit/s.
var GABandwidths = []string{"10", "20", "30", "40", "50", "60", "70", "80", "90",
	"100", "200", "300", "400", "500", "600", "700", "800", "900", "1000"}

// GAServiceLocations are the areas an accelerated service may be in.
var GAServiceLocations = []string{"china-mainland", "north-america", "asia-pacific", "europe"}

// CheckGABandwidth applies the bandwidth list of Create and
// ModifyGlobalAccelerationInstanceSpec.
func CheckGABandwidth(s string) error {
	s = strings.TrimSpace(s)
	if slices.Contains(GABandwidths, s) {
		return nil
	}
	if n, err := strconv.Atoi(s); err == nil && n >= 10 && n <= 1000 {
		return fmt.Errorf("%d Mbit/s is not offered: 10-100 in steps of 10, then 200-1000 in steps of 100", n)
	}
	return fmt.Errorf("must be one of 10-100 in steps of 10 or 200-1000 in steps of 100 Mbit/s")
}

// CheckGAServiceLocation applies ServiceLocation's list.
func CheckGAServiceLocation(s string) error {
	if slices.Contains(GAServiceLocations, s) {
		return nil
	}
	return fmt.Errorf("must be one of %s", strings.Join(GAServiceLocations, ", "))
}

// GALocationOf is the service location a region belongs to: mainland
// China, North America, Europe, or Asia Pacific (Hong Kong included).
func GALocationOf(region string) string {
	switch {
	case region == "cn-hongkong":
		return "asia-pacific"
	case strings.HasPrefix(region, "cn-"):
		return "china-mainland"
	case strings.HasPrefix(region, "us-"):
		return "north-america"
	case strings.HasPrefix(region, "eu-"):
		return "europe"
	}
	return "asia-pacific"
}

// CheckGABackendRegion applies AssociateGlobalAccelerationInstance's
// region rules: the backend is in another region than the instance, and
// inside the instance's service location.
func CheckGABackendRegion(gaRegion, location, backendRegion string) error {
	switch {
	case backendRegion == gaRegion:
		return fmt.Errorf("the backend must be in another region than the instance (%s)", gaRegion)
	case GALocationOf(backendRegion) != location:
		return fmt.Errorf("%s is not in the instance's service location %s", backendRegion, location)
	}
	return nil
}

func gaKind() *Kind {
	return typed[GlobalAcceleration](&Kind{
		Name: "ga", Aliases: []string{"globalacceleration", "gai", "gas", "globalaccelerations"},
		Title: "Global Acceleration", Singular: "Global acceleration instance", Order: 46,
		List: pageList(ProductVPC, "DescribeGlobalAccelerationInstances", "GlobalAccelerationInstances.GlobalAccelerationInstance"), Get: byID("GlobalAccelerationInstanceId"),
		// At 120 columns: ID to the backend; the public IPs, name and the
		// rest follow when there is room (and in describe).
		Columns: cols(
			"ID 26 id GlobalAccelerationInstanceId", "IP 15 cidr IpAddress", "Status 13 status",
			"Mbps 5 number Bandwidth", "Type 9 BandwidthType", "Location 14 ServiceLocation",
			Col("Backend", 24, StyleID, func(g *GlobalAcceleration) string { return g.backendText() }),
			Col("Public IPs", 32, StyleCIDR, func(g *GlobalAcceleration) string { return g.ipText() }),
			"Name 18",
			Col("Backend Region", 14, StylePlain, func(g *GlobalAcceleration) string { return g.backendRegions() }),
			"Billing 14 InternetChargeType", regionColumn(), "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "ID",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available", "InUse", "Inuse"},
			PhaseTransitional: {"Associating", "Unassociating"},
		}),
		Target: []string{"Available", "InUse"}, TrackTimeoutMinutes: 5,
	})
}

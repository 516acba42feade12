package model

import (
	"fmt"
	"net/netip"
	"slices"
	"strings"
)

// RouterInterface is one end of a router interface pair, an item of
// DescribeRouterInterfaces (RouterInterfaceSet.RouterInterfaceType). Each
// end lives on a router (a VPC's VRouter or a VBR) in its own region; the
// Opposite* fields describe the other end as the API reports it.
type RouterInterface struct {
	RouterInterfaceId               string     `json:"RouterInterfaceId"`
	Name                            string     `json:"Name"`
	Description                     string     `json:"Description"`
	Role                            string     `json:"Role"`       // InitiatingSide | AcceptingSide
	RouterType                      string     `json:"RouterType"` // VRouter | VBR
	RouterId                        string     `json:"RouterId"`
	VpcInstanceId                   string     `json:"VpcInstanceId"`
	Spec                            string     `json:"Spec"`
	Bandwidth                       FlexInt    `json:"Bandwidth"`
	Status                          string     `json:"Status"` // Idle | Connecting | Active | Activating | Inactive | Deactivating
	BusinessStatus                  string     `json:"BusinessStatus"`
	ChargeType                      string     `json:"ChargeType"`
	AccessPointId                   string     `json:"AccessPointId"`
	CreationTime                    string     `json:"CreationTime"`
	ConnectedTime                   string     `json:"ConnectedTime"`
	EndTime                         string     `json:"EndTime"`
	CrossBorder                     bool       `json:"CrossBorder"`
	HealthCheckSourceIp             string     `json:"HealthCheckSourceIp"`
	HealthCheckTargetIp             string     `json:"HealthCheckTargetIp"`
	OppositeRegionId                string     `json:"OppositeRegionId"`
	OppositeRouterType              string     `json:"OppositeRouterType"`
	OppositeRouterId                string     `json:"OppositeRouterId"`
	OppositeInterfaceId             string     `json:"OppositeInterfaceId"`
	OppositeInterfaceOwnerId        FlexString `json:"OppositeInterfaceOwnerId"`
	OppositeInterfaceSpec           string     `json:"OppositeInterfaceSpec"`
	OppositeInterfaceStatus         string     `json:"OppositeInterfaceStatus"`
	OppositeInterfaceBusinessStatus string     `json:"OppositeInterfaceBusinessStatus"`
	OppositeBandwidth               FlexInt    `json:"OppositeBandwidth"`
	OppositeAccessPointId           string     `json:"OppositeAccessPointId"`
	OppositeVpcInstanceId           string     `json:"OppositeVpcInstanceId"`
}

// Router interface roles and router types.
const (
	RIInitiating = "InitiatingSide"
	RIAccepting  = "AcceptingSide"
	RIVRouter    = "VRouter"
	RIVBR        = "VBR"
	// RINegative is the only spec of an accepting side.
	RINegative = "Negative"
	// MaxRouterInterfacesPerRouter is how many interfaces one router may
	// hold (LimitationExceed.InterfaceNumberOnRouter).
	MaxRouterInterfacesPerRouter = 5
)

// riSpec is a router interface spec and its bandwidth.
type riSpec struct {
	Spec string
	Mbps int
}

// riSpecs are the initiating side's specs and their bandwidth in Mbit/s
// (CreateRouterInterface, seed 003 §9.1).
var riSpecs = []riSpec{
	{"Mini.2", 2}, {"Mini.5", 5}, {"Small.1", 10}, {"Small.2", 20}, {"Small.5", 50},
	{"Middle.1", 100}, {"Middle.2", 200}, {"Middle.5", 500},
	{"Large.1", 1000}, {"Large.2", 2000}, {"Large.5", 5000}, {"Xlarge.1", 10000},
}

// RISpecs lists the specs a role may take: every bandwidth spec for the
// initiating side, Negative alone for the accepting side.
func RISpecs(role string) []string {
	if role == RIAccepting {
		return []string{RINegative}
	}
	return pluck(riSpecs, func(s riSpec) string { return s.Spec })
}

// RISpecMbps is a spec's bandwidth in Mbit/s (0 for Negative or unknown).
func RISpecMbps(spec string) int {
	s, _ := find(riSpecs, func(s riSpec) bool { return strings.EqualFold(s.Spec, spec) })
	return s.Mbps
}

// CheckRIRole checks Role and, for a VBR, that it initiates: a VBR can only
// be the initiating side.
func CheckRIRole(role, routerType string) error {
	if role != RIInitiating && role != RIAccepting {
		return fmt.Errorf("role must be %s or %s", RIInitiating, RIAccepting)
	}
	if routerType == RIVBR && role != RIInitiating {
		return fmt.Errorf("a VBR can only be the initiating side")
	}
	return nil
}

// CheckRIRouterType checks RouterType and OppositeRouterType.
func CheckRIRouterType(t string) error {
	if t != RIVRouter && t != RIVBR {
		return fmt.Errorf("router type must be %s or %s", RIVRouter, RIVBR)
	}
	return nil
}

// CheckRISpec checks a spec for a role: the accepting side takes Negative
// only, the initiating side one of the bandwidth specs.
func CheckRISpec(role, spec string) error {
	if slices.Contains(RISpecs(role), spec) {
		return nil
	}
	if role == RIAccepting {
		return fmt.Errorf("an accepting side's spec is %s", RINegative)
	}
	return fmt.Errorf("%q is not a spec; one of %s", spec, strings.Join(RISpecs(role), ", "))
}

// CheckRIHealthCheck checks the health check addresses: both or neither,
// each an IPv4 address; the source must lie outside the target.
func CheckRIHealthCheck(source, target string) error {
	source, target = strings.TrimSpace(source), strings.TrimSpace(target)
	if source == "" && target == "" {
		return nil
	}
	if source == "" || target == "" {
		return fmt.Errorf("health check source and target addresses go together")
	}
	for _, s := range []string{source, target} {
		if a, err := netip.ParseAddr(s); err != nil || !a.Is4() {
			return fmt.Errorf("%q is not an IPv4 address", s)
		}
	}
	if source == target {
		return fmt.Errorf("health check source and target must differ")
	}
	return nil
}

func riKind() *Kind {
	return typed[RouterInterface](&Kind{
		Name: "ri", Aliases: []string{"routerinterface", "routerinterfaces", "interfaces"}, Title: "Router Interfaces", Singular: "Router interface", Order: 62,
		List: pageList(ProductVPC, "DescribeRouterInterfaces", "RouterInterfaceSet.RouterInterfaceType"),
		Get:  byFilter("RouterInterfaceId", "InvalidRouterInterfaceId.NotFound"),
		Scopes: []Scope{
			filterScope("vrouter", "RouterId"),
			filterScope("vbr", "RouterId"),
		},
		Columns: cols(
			"ID 26 id RouterInterfaceId", "Name 16", "Status 12 status", "Role 14",
			"Opposite Router 26 id OppositeRouterId", "Opposite Region 15 OppositeRegionId", "Spec 9",
			"Opposite Interface 26 id OppositeInterfaceId", "Opposite Status 15 status OppositeInterfaceStatus",
			"Router 26 id RouterId", "Router Type 11", "Opposite Type 13 OppositeRouterType",
			"Opposite Account 18 OppositeInterfaceOwnerId",
			Col("Bandwidth", 9, StyleNumber, func(r *RouterInterface) string { return riMbps(r.Bandwidth) }),
			"VPC 26 id VpcInstanceId", regionColumn(), "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Active"},
			PhaseTransitional: {"Connecting", "Activating", "Deactivating"},
			PhaseInactive:     {"Idle", "Inactive", "Deleted"},
		}),
		Target: []string{"Idle", "Active"}, TrackTimeoutMinutes: 5,
	})
}

func riMbps(n FlexInt) string {
	if n <= 0 {
		return ""
	}
	return Itoa(n) + "M"
}

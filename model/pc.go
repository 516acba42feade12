package model

import (
	"fmt"
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// Physical connections (003 §10) and their access points (003 §22.2).
//
// Lifecycle: CreatePhysicalConnection → Initial; the provider then moves it
// Approved → Allocating → Allocated → Confirmed, where it waits for the
// user's EnablePhysicalConnection (→ Enabled). CancelPhysicalConnection
// (Initial, Approved, Allocated, Confirmed) → Canceled;
// TerminatePhysicalConnection (Enabled, no VBRs) → Terminating →
// Terminated. The provider may end an application Rejected or
// AllocationFailed. DeletePhysicalConnection takes only Rejected, Canceled,
// AllocationFailed and Terminated ones.

// PCLineOperators are CreatePhysicalConnection's LineOperator values, with
// what each means.
var PCLineOperators = []struct{ Code, Name string }{
	{"CT", "China Telecom"}, {"CU", "China Unicom"}, {"CM", "China Mobile"},
	{"CO", "other carrier in China"}, {"Equinix", "Equinix"}, {"Other", "other carrier outside China"},
}

// PCPortTypes are the access port types; 1000Base-T is the default.
var PCPortTypes = []struct{ Code, Name string }{
	{"100Base-T", "100 Mbit/s copper"}, {"1000Base-T", "1 Gbit/s copper (default)"},
	{"1000Base-LX", "1 Gbit/s single-mode fibre, 10 km"}, {"10GBase-T", "10 Gbit/s copper"},
	{"10GBase-LR", "10 Gbit/s single-mode fibre, 10 km"},
}

// Physical connection bandwidth (Mbit/s): [2, 10240], 100 by default.
const (
	PCMinBandwidth     = 2
	PCMaxBandwidth     = 10240
	PCDefaultBandwidth = 100
	// MaxPendingPCs is how many physical connections may be other than
	// Enabled (applied for and not yet finished) when applying for one.
	MaxPendingPCs = 5
)

// PC statuses the operations check.
const (
	PCInitial          = "Initial"
	PCApproved         = "Approved"
	PCAllocating       = "Allocating"
	PCAllocated        = "Allocated"
	PCConfirmed        = "Confirmed"
	PCEnabled          = "Enabled"
	PCRejected         = "Rejected"
	PCCanceled         = "Canceled"
	PCAllocationFailed = "AllocationFailed"
	PCTerminating      = "Terminating"
	PCTerminated       = "Terminated"
)

// PCPending reports whether a physical connection counts against
// MaxPendingPCs: applied for, not yet Enabled and not given up.
func PCPending(status string) bool {
	return slices.Contains([]string{PCInitial, PCApproved, PCAllocating, PCAllocated, PCConfirmed, PCRejected, PCAllocationFailed, "Allocation Failed"}, status)
}

// PCCancelable, PCDeletable: the statuses CancelPhysicalConnection and
// DeletePhysicalConnection accept.
func PCCancelable(status string) bool {
	return slices.Contains([]string{PCInitial, PCApproved, PCAllocated, PCConfirmed}, status)
}

// PCDeletable reports whether DeletePhysicalConnection accepts status.
func PCDeletable(status string) bool {
	return slices.Contains([]string{PCRejected, PCCanceled, PCAllocationFailed, "Allocation Failed", PCTerminated}, status)
}

// PCModifiable reports whether ModifyPhysicalConnectionAttribute accepts a
// change at all; PCSpecModifiable whether it may change the port, the
// bandwidth and the redundant connection.
func PCModifiable(status string) bool {
	return !slices.Contains([]string{PCCanceled, PCAllocating, PCAllocationFailed, "Allocation Failed", PCTerminating, PCTerminated}, status)
}

// PCSpecModifiable: only Initial and Rejected connections change spec.
func PCSpecModifiable(status string) bool { return status == PCInitial || status == PCRejected }

// PCRedundantOK reports whether a connection may be named as another's
// RedundantPhysicalConnectionId.
func PCRedundantOK(status string) bool {
	return status == PCAllocated || status == PCConfirmed || status == PCEnabled
}

// CheckPCLineOperator validates LineOperator.
func CheckPCLineOperator(s string) error {
	codes := pluck(PCLineOperators, func(o struct{ Code, Name string }) string { return o.Code })
	return fieldErr("line operator", oneOf(s, false, codes...))
}

// CheckPCPortType validates PortType (empty: the default).
func CheckPCPortType(s string) error {
	if s == "" {
		return nil
	}
	for _, o := range PCPortTypes {
		if o.Code == s {
			return nil
		}
	}
	return fmt.Errorf("port type must be 100Base-T, 1000Base-T, 1000Base-LX, 10GBase-T or 10GBase-LR (it is %q)", s)
}

// CheckPCBandwidth validates a bandwidth in Mbit/s (empty: the default).
func CheckPCBandwidth(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	return fieldErr("bandwidth", checkMbps(s, PCMinBandwidth, PCMaxBandwidth))
}

// CheckPCPeerLocation validates PeerLocation: required, at most 256
// characters, not a URL.
func CheckPCPeerLocation(s string) error {
	switch {
	case strings.TrimSpace(s) == "":
		return fmt.Errorf("the data centre's location is required")
	case utf8.RuneCountInString(s) > 256:
		return fmt.Errorf("the location must be at most 256 characters")
	case hasHTTPPrefix(s):
		return fmt.Errorf("the location must not start with http:// or https://")
	}
	return nil
}

// AccessPoint is an item of DescribeAccessPoints
// (AccessPointSet.AccessPointType).
type AccessPoint struct {
	AccessPointId    string `json:"AccessPointId"`
	Name             string `json:"Name"`
	Description      string `json:"Description"`
	Status           string `json:"Status"` // recommended | hot | full | disabled
	Type             string `json:"Type"`   // VPC
	HostOperator     string `json:"HostOperator"`
	Location         string `json:"Location"`
	AttachedRegionNo string `json:"AttachedRegionNo"`
}

// pcKind lists physical connections. Statuses the provider moves on its own
// are transitional (polled until they settle); Confirmed waits for the
// user's Enable.
func pcKind() *Kind {
	return typed[PhysicalConnection](&Kind{
		Name: "pc", Aliases: []string{"physicalconnection", "physicalconnections", "pcs", "dc"}, Title: "Physical Connections", Singular: "Physical connection", Order: 61,
		List: pageList(ProductVPC, "DescribePhysicalConnections", "PhysicalConnectionSet.PhysicalConnectionType"),
		Get:  byFilter("PhysicalConnectionId", "InvalidPhysicalConnectionId.NotFound"),
		Columns: cols(
			"ID 26 id PhysicalConnectionId", "Name 20", "Status 16 status", "Bandwidth 9 number",
			"Port 11 PortType", "Operator 8 LineOperator", "Access Point 20 id AccessPointId",
			"Business 10 BusinessStatus", "Peer Location 24", "Redundant 26 id RedundantPhysicalConnectionId",
			"Circuit 16 CircuitCode", regionColumn(), "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {PCEnabled},
			PhaseTransitional: {PCInitial, PCApproved, PCAllocating, PCAllocated, PCTerminating},
			PhaseInactive:     {PCConfirmed, PCTerminated, PCCanceled, PCRejected},
			PhaseFailed:       {"Allocation Failed", PCAllocationFailed},
		}),
		Target: []string{PCConfirmed, PCEnabled}, TrackTimeoutMinutes: 15,
	})
}

// apKind lists the access points of a region: where a physical connection
// lands. They have no lifecycle, so no Get.
func apKind() *Kind {
	return typed[AccessPoint](&Kind{
		Name: "ap", Aliases: []string{"accesspoint", "accesspoints", "aps"}, Title: "Access Points", Singular: "Access point", Order: 65,
		List: pageList(ProductVPC, "DescribeAccessPoints", "AccessPointSet.AccessPointType"),
		Columns: cols(
			"ID 24 id AccessPointId", "Name 22", "Status 12 status", "Operator 16 HostOperator", "Type 5",
			"Location 28", regionColumn(), "Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:    {"recommended", "hot"},
			PhaseInactive: {"full", "disabled"},
		}),
	})
}

// VbrForPhysicalConnection is an item of
// DescribeVirtualBorderRoutersForPhysicalConnection: a VBR on the
// connection, the owner's or another account's (VbrOwnerUid set).
type VbrForPhysicalConnection struct {
	VbrId             string     `json:"VbrId"`
	Status            string     `json:"Status"`
	Type              string     `json:"Type"`
	VbrOwnerUid       FlexString `json:"VbrOwnerUid"`
	VlanId            FlexInt    `json:"VlanId"`
	VlanInterfaceId   string     `json:"VlanInterfaceId"`
	CircuitCode       string     `json:"CircuitCode"`
	LocalGatewayIp    string     `json:"LocalGatewayIp"`
	PeerGatewayIp     string     `json:"PeerGatewayIp"`
	PeeringSubnetMask string     `json:"PeeringSubnetMask"`
	CreationTime      string     `json:"CreationTime"`
	ActivationTime    string     `json:"ActivationTime"`
	TerminationTime   string     `json:"TerminationTime"`
	RecoveryTime      string     `json:"RecoveryTime"`
}

// pcVbrKind is DescribeVirtualBorderRoutersForPhysicalConnection as the
// physical connection → VBRs drill-down: every VBR on the line, this
// account's and those made for other accounts (Owner), with the VLAN and
// addresses that hold it. The VBR pane has this account's VBRs in full.
func pcVbrKind() *Kind {
	return typed[VbrForPhysicalConnection](&Kind{
		Name: "pcvbr", Aliases: []string{"linevbrs", "vbrsforpc"}, Title: "VBRs on the Line", Singular: "VBR on the line", Order: 62,
		List: pageList(ProductVPC, "DescribeVirtualBorderRoutersForPhysicalConnection",
			"VirtualBorderRouterForPhysicalConnectionSet.VirtualBorderRouterForPhysicalConnectionType"),
		Scopes: []Scope{{Parent: "pc", Param: "PhysicalConnectionId", Required: true}},
		ID:     Field(func(v *VbrForPhysicalConnection) string { return v.VbrId }),
		Columns: cols(
			"VBR 26 id VbrId", "Status 12 status",
			"VLAN 5 number VlanId",
			Col("Owner", 17, StylePlain, func(v *VbrForPhysicalConnection) string {
				if v.VbrOwnerUid == "" {
					return "this account" // the API leaves out the line owner's own UID
				}
				return string(v.VbrOwnerUid)
			}),
			"Local IP 15 cidr LocalGatewayIp", "Peer IP 15 cidr PeerGatewayIp", "Mask 15 cidr PeeringSubnetMask",
			"Circuit 16 CircuitCode", "Created 20 time CreationTime",
		),
		SortBy: "VLAN", Phases: vbrPhases(),
	})
}

// MaxVbrsPerPC is how many VBRs one physical connection carries
// (QuotaExceeded.vbrPerpConn).
const MaxVbrsPerPC = 16

// VlanReservation is how long a terminated VBR keeps its VLAN on the line.
const VlanReservation = 7 * 24 * time.Hour

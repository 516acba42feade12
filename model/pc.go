package model

import (
	"fmt"
	"slices"
	"strconv"
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
	for _, o := range PCLineOperators {
		if o.Code == s {
			return nil
		}
	}
	return fmt.Errorf("line operator must be one of CT, CU, CM, CO, Equinix, Other (it is %q)", s)
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
	n, err := strconv.Atoi(s)
	if err != nil {
		return fmt.Errorf("bandwidth must be a whole number of Mbit/s (it is %q)", s)
	}
	if n < PCMinBandwidth || n > PCMaxBandwidth {
		return fmt.Errorf("bandwidth must be %d-%d Mbit/s (it is %d)", PCMinBandwidth, PCMaxBandwidth, n)
	}
	return nil
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
	return &Kind{
		Name: "pc", Aliases: []string{"physicalconnection", "physicalconnections", "pcs", "dc"}, Title: "Physical Connections", Singular: "Physical connection", Order: 61,
		List: ListSpec{Product: ProductVPC, Action: "DescribePhysicalConnections", Path: "PhysicalConnectionSet.PhysicalConnectionType", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribePhysicalConnections", IDParam: "Filter.1.Value.1", Params: vbrFilter("PhysicalConnectionId"),
			Path: "PhysicalConnectionSet.PhysicalConnectionType", IDField: "PhysicalConnectionId",
			NotFound: []string{"InvalidPhysicalConnectionId.NotFound"}},
		New: NewOf[PhysicalConnection](), ID: Field(func(p *PhysicalConnection) string { return p.PhysicalConnectionId }),
		NameOf: Field(func(p *PhysicalConnection) string { return p.Name }),
		Status: Field(func(p *PhysicalConnection) string { return p.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(p *PhysicalConnection) string { return p.PhysicalConnectionId }),
			Col("Name", 20, StylePlain, func(p *PhysicalConnection) string { return p.Name }),
			Col("Status", 16, StyleStatus, func(p *PhysicalConnection) string { return p.Status }),
			Col("Bandwidth", 9, StyleNumber, func(p *PhysicalConnection) string { return Itoa(p.Bandwidth) }),
			Col("Port", 11, StylePlain, func(p *PhysicalConnection) string { return p.PortType }),
			Col("Operator", 8, StylePlain, func(p *PhysicalConnection) string { return p.LineOperator }),
			Col("Access Point", 20, StyleID, func(p *PhysicalConnection) string { return p.AccessPointId }),
			Col("Business", 10, StylePlain, func(p *PhysicalConnection) string { return p.BusinessStatus }),
			Col("Peer Location", 24, StylePlain, func(p *PhysicalConnection) string { return p.PeerLocation }),
			Col("Redundant", 26, StyleID, func(p *PhysicalConnection) string { return p.RedundantPhysicalConnectionId }),
			Col("Circuit", 16, StylePlain, func(p *PhysicalConnection) string { return p.CircuitCode }),
			regionColumn(),
			Col("Created", 20, StyleTime, func(p *PhysicalConnection) string { return p.CreationTime }),
			Col("Description", 24, StylePlain, func(p *PhysicalConnection) string { return p.Description }),
		},
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {PCEnabled},
			PhaseTransitional: {PCInitial, PCApproved, PCAllocating, PCAllocated, PCTerminating},
			PhaseInactive:     {PCConfirmed, PCTerminated, PCCanceled, PCRejected},
			PhaseFailed:       {"Allocation Failed", PCAllocationFailed},
		}),
		Target: []string{PCConfirmed, PCEnabled}, TrackTimeoutMinutes: 15,
	}
}

// apKind lists the access points of a region: where a physical connection
// lands. They have no lifecycle, so no Get.
func apKind() *Kind {
	return &Kind{
		Name: "ap", Aliases: []string{"accesspoint", "accesspoints", "aps"}, Title: "Access Points", Singular: "Access point", Order: 65,
		List: ListSpec{Product: ProductVPC, Action: "DescribeAccessPoints", Path: "AccessPointSet.AccessPointType", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		New:  NewOf[AccessPoint](), ID: Field(func(a *AccessPoint) string { return a.AccessPointId }),
		NameOf: Field(func(a *AccessPoint) string { return a.Name }),
		Status: Field(func(a *AccessPoint) string { return a.Status }),
		Columns: []Column{
			Col("ID", 24, StyleID, func(a *AccessPoint) string { return a.AccessPointId }),
			Col("Name", 22, StylePlain, func(a *AccessPoint) string { return a.Name }),
			Col("Status", 12, StyleStatus, func(a *AccessPoint) string { return a.Status }),
			Col("Operator", 16, StylePlain, func(a *AccessPoint) string { return a.HostOperator }),
			Col("Type", 5, StylePlain, func(a *AccessPoint) string { return a.Type }),
			Col("Location", 28, StylePlain, func(a *AccessPoint) string { return a.Location }),
			regionColumn(),
			Col("Description", 24, StylePlain, func(a *AccessPoint) string { return a.Description }),
		},
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:    {"recommended", "hot"},
			PhaseInactive: {"full", "disabled"},
		}),
	}
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
	vbrPhases := vbrKind().Phases
	return &Kind{
		Name: "pcvbr", Aliases: []string{"linevbrs", "vbrsforpc"}, Title: "VBRs on the Line", Singular: "VBR on the line", Order: 62,
		List: ListSpec{Product: ProductVPC, Action: "DescribeVirtualBorderRoutersForPhysicalConnection",
			Path:   "VirtualBorderRouterForPhysicalConnectionSet.VirtualBorderRouterForPhysicalConnectionType",
			Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Scopes: []Scope{{Parent: "pc", Param: "PhysicalConnectionId", Required: true}},
		New:    NewOf[VbrForPhysicalConnection](),
		ID:     Field(func(v *VbrForPhysicalConnection) string { return v.VbrId }),
		Status: Field(func(v *VbrForPhysicalConnection) string { return v.Status }),
		Columns: []Column{
			Col("VBR", 26, StyleID, func(v *VbrForPhysicalConnection) string { return v.VbrId }),
			Col("Status", 12, StyleStatus, func(v *VbrForPhysicalConnection) string { return v.Status }),
			Col("VLAN", 5, StyleNumber, func(v *VbrForPhysicalConnection) string { return strconv.FormatInt(int64(v.VlanId), 10) }),
			Col("Owner", 17, StylePlain, func(v *VbrForPhysicalConnection) string {
				if v.VbrOwnerUid == "" {
					return "this account" // the API leaves out the line owner's own UID
				}
				return string(v.VbrOwnerUid)
			}),
			Col("Local IP", 15, StyleCIDR, func(v *VbrForPhysicalConnection) string { return v.LocalGatewayIp }),
			Col("Peer IP", 15, StyleCIDR, func(v *VbrForPhysicalConnection) string { return v.PeerGatewayIp }),
			Col("Mask", 15, StyleCIDR, func(v *VbrForPhysicalConnection) string { return v.PeeringSubnetMask }),
			Col("Circuit", 16, StylePlain, func(v *VbrForPhysicalConnection) string { return v.CircuitCode }),
			Col("Created", 20, StyleTime, func(v *VbrForPhysicalConnection) string { return v.CreationTime }),
		},
		SortBy: "VLAN", Phases: vbrPhases,
	}
}

// MaxVbrsPerPC is how many VBRs one physical connection carries
// (QuotaExceeded.vbrPerpConn).
const MaxVbrsPerPC = 16

// VlanReservation is how long a terminated VBR keeps its VLAN on the line.
const VlanReservation = 7 * 24 * time.Hour

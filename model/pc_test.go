package model

import (
	"strings"
	"testing"
)

// TestPhysicalConnectionRules: CreatePhysicalConnection's documented
// ranges and values, and which statuses each operation accepts.
func TestPhysicalConnectionRules(t *testing.T) {
	for _, s := range []string{"", "2", "100", "10240"} {
		if err := CheckPCBandwidth(s); err != nil {
			t.Errorf("bandwidth %q: %v", s, err)
		}
	}
	for _, s := range []string{"1", "10241", "1g", "-5"} {
		if CheckPCBandwidth(s) == nil {
			t.Errorf("bandwidth %q accepted", s)
		}
	}
	if CheckPCPortType("40GBase-LR") == nil || CheckPCPortType("10GBase-LR") != nil || CheckPCPortType("") != nil {
		t.Error("port types")
	}
	if CheckPCLineOperator("ct") == nil || CheckPCLineOperator("Equinix") != nil || CheckPCLineOperator("") == nil {
		t.Error("line operators")
	}
	if CheckPCPeerLocation(" ") == nil || CheckPCPeerLocation("https://dc.example") == nil ||
		CheckPCPeerLocation(strings.Repeat("x", 257)) == nil || CheckPCPeerLocation("Hangzhou IDC") != nil {
		t.Error("peer location")
	}
	for status, want := range map[string][4]bool{ // cancel, delete, modify, spec
		PCInitial: {true, false, true, true}, PCAllocating: {false, false, false, false}, PCConfirmed: {true, false, true, false},
		PCEnabled: {false, false, true, false}, PCRejected: {false, true, true, true}, PCTerminated: {false, true, false, false},
		"Allocation Failed": {false, true, false, false},
	} {
		got := [4]bool{PCCancelable(status), PCDeletable(status), PCModifiable(status), PCSpecModifiable(status)}
		if got != want {
			t.Errorf("%s: cancel, delete, modify, spec = %v, want %v", status, got, want)
		}
	}
	// Which statuses count against MaxPendingPCs, and which a redundant
	// connection may have.
	for status, want := range map[string][2]bool{ // pending, redundant
		PCInitial: {true, false}, PCAllocating: {true, false}, PCAllocated: {true, true}, PCConfirmed: {true, true},
		PCEnabled: {false, true}, PCRejected: {true, false}, "Allocation Failed": {true, false},
		PCCanceled: {false, false}, PCTerminating: {false, false}, PCTerminated: {false, false},
	} {
		if got := [2]bool{PCPending(status), PCRedundantOK(status)}; got != want {
			t.Errorf("%s: pending, redundant = %v, want %v", status, got, want)
		}
	}
}

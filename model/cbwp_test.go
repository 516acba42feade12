package model

import "testing"

func TestCbwpRules(t *testing.T) {
	for _, tc := range []struct {
		what string
		err  error
		ok   bool
	}{
		{"bandwidth 1", CheckCbwpBandwidth("1"), true},
		{"bandwidth 1000", CheckCbwpBandwidth(" 1000 "), true},
		{"bandwidth 0", CheckCbwpBandwidth("0"), false},
		{"bandwidth 1001", CheckCbwpBandwidth("1001"), false},
		{"bandwidth text", CheckCbwpBandwidth("fast"), false},
		{"ratio with PayBy95", CheckCbwpRatio("PayBy95", "10"), true},
		{"ratio 100", CheckCbwpRatio("PayBy95", "100"), true},
		{"ratio missing with PayBy95", CheckCbwpRatio("PayBy95", ""), false},
		{"ratio 9", CheckCbwpRatio("PayBy95", "9"), false},
		{"ratio 101", CheckCbwpRatio("PayBy95", "101"), false},
		{"ratio without PayBy95", CheckCbwpRatio("PayByBandwidth", "50"), false},
		{"no ratio without PayBy95", CheckCbwpRatio("PayByBandwidth", ""), true},
		{"36 months", CheckCbwpDuration("Month", "36"), true},
		{"37 months", CheckCbwpDuration("Month", "37"), false},
		{"3 years", CheckCbwpDuration("Year", "3"), true},
		{"4 years", CheckCbwpDuration("Year", "4"), false},
		{"0 months", CheckCbwpDuration("Month", "0"), false},
	} {
		if (tc.err == nil) != tc.ok {
			t.Errorf("%s: %v, want ok=%v", tc.what, tc.err, tc.ok)
		}
	}
}

// The console follows an EIP moving in or out of a package as the
// package's status.
func TestCbwpPhase(t *testing.T) {
	p := &CommonBandwidthPackage{Status: "Available"}
	p.PublicIpAddresses.PublicIpAddresse = Items[CbwpIP]{{AllocationId: "eip-1", BandwidthPackageIpRelationStatus: CbwpBinded}}
	if p.Phase() != "Available" {
		t.Errorf("settled: %s", p.Phase())
	}
	p.PublicIpAddresses.PublicIpAddresse = append(p.PublicIpAddresses.PublicIpAddresse, CbwpIP{AllocationId: "eip-2", BandwidthPackageIpRelationStatus: CbwpUnbinding})
	if p.Phase() != CbwpUnbinding || Default().MustLookup("cbwp").Phase(p.Phase()) != PhaseTransitional {
		t.Errorf("an EIP leaving: %s", p.Phase())
	}
	p.Status = "Modifying"
	if p.Phase() != "Modifying" {
		t.Errorf("modifying: %s", p.Phase())
	}
}

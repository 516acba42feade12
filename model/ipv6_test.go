package model

import "testing"

// The seed's bandwidth ranges (003 §14.8, §14.12): 1-5000 Mbps for
// PayByBandwidth; PayByTraffic capped by the gateway's spec, whichever way
// the operation spells the middle one.
func TestCheckIpv6Bandwidth(t *testing.T) {
	cases := []struct {
		mbps         int
		charge, spec string
		ok           bool
	}{
		{1, "PayByBandwidth", "Small", true},
		{5000, "PayByBandwidth", "Small", true},
		{5001, "PayByBandwidth", "Large", false},
		{0, "PayByBandwidth", "Large", false},
		{500, "PayByTraffic", "Small", true},
		{501, "PayByTraffic", "Small", false},
		{1000, "PayByTraffic", "Medium", true},
		{1000, "PayByTraffic", "Middle", true},
		{1001, "PayByTraffic", "Middle", false},
		{2000, "PayByTraffic", "Large", true},
		{2001, "PayByTraffic", "Large", false},
		{0, "PayByTraffic", "Large", false},
	}
	for _, c := range cases {
		if err := CheckIpv6Bandwidth(c.mbps, c.charge, c.spec); (err == nil) != c.ok {
			t.Errorf("%d Mbps %s on %s: %v, want ok=%v", c.mbps, c.charge, c.spec, err, c.ok)
		}
	}
}

// CreateIpv6Gateway documents Medium, ModifyIpv6GatewaySpec Middle: each
// accepts only its own spelling, and both are the same tier.
func TestIpv6Specs(t *testing.T) {
	if CheckIpv6Spec("Middle", Ipv6CreateSpecs) == nil || CheckIpv6Spec("Medium", Ipv6ModifySpecs) == nil {
		t.Error("an operation accepts the other's spelling of the middle spec")
	}
	if CheckIpv6Spec("Medium", Ipv6CreateSpecs) != nil || CheckIpv6Spec("Middle", Ipv6ModifySpecs) != nil {
		t.Error("an operation refuses its own spelling")
	}
	if Ipv6SpecTier("Medium") != Ipv6SpecTier("Middle") || Ipv6SpecTier("Large") != 2 || Ipv6SpecTier("Huge") != -1 {
		t.Error("spec tiers")
	}
}

// CreateIpv6Gateway's Name (2-128) and Description (2-256): a letter
// first; digits, '.', '_' and '-'; no http:// or https://.
func TestIpv6GatewayNameRules(t *testing.T) {
	for s, ok := range map[string]bool{"ipv6GW": true, "gw.prod_1-a": true, "": true, "g": false, "1gw": false,
		"http://gw": false, "gw one": false} {
		if (Ipv6GatewayName.Check(s) == nil) != ok {
			t.Errorf("name %q: ok=%v expected", s, ok)
		}
	}
	long := make([]byte, 257)
	for i := range long {
		long[i] = 'a'
	}
	if Ipv6GatewayDescription.Check(string(long[:256])) != nil || Ipv6GatewayDescription.Check(string(long)) == nil {
		t.Error("the description's 256-character limit")
	}
}

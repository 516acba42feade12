package model

import "testing"

// TestNatBwpRules: the documented ranges of seed 003 §17 (Bandwidth 5-1000,
// IpCount 1-50, a package of at most 50 IPs, 1-20 removed at once and never
// all of them).
func TestNatBwpRules(t *testing.T) {
	for s, ok := range map[string]bool{"5": true, "1000": true, " 200 ": true, "4": false, "1001": false, "": false, "5.5": false, "ten": false} {
		if err := CheckNatBwpBandwidth(s); (err == nil) != ok {
			t.Errorf("bandwidth %q: %v", s, err)
		}
	}
	for s, ok := range map[string]bool{"1": true, "50": true, "0": false, "51": false, "-1": false, "": false} {
		if err := CheckNatBwpIPCount(s); (err == nil) != ok {
			t.Errorf("IpCount %q: %v", s, err)
		}
	}
	for _, c := range []struct {
		count string
		have  int
		ok    bool
	}{{"1", 49, true}, {"2", 49, false}, {"50", 0, true}, {"0", 3, false}, {"51", 0, false}} {
		if err := CheckNatBwpAddIPs(c.count, c.have); (err == nil) != c.ok {
			t.Errorf("add %s to %d: %v", c.count, c.have, err)
		}
	}
	for _, c := range []struct {
		n, have int
		ok      bool
	}{{1, 2, true}, {2, 2, false}, {0, 5, false}, {20, 30, true}, {21, 30, false}} {
		if err := CheckNatBwpRemove(c.n, c.have); (err == nil) != c.ok {
			t.Errorf("remove %d of %d: %v", c.n, c.have, err)
		}
	}
}

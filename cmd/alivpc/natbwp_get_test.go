package main

import (
	"testing"

	"github.com/alivpc/alivpc/client/sim"
)

// TestGetEveryNatBwpOfTheLargeDatasetOnce: `alivpc get natbwp --region all`
// on the large dataset lists every NAT bandwidth package the simulator
// holds, each exactly once.
func TestGetEveryNatBwpOfTheLargeDatasetOnce(t *testing.T) {
	e := newGetEnv(t, sim.DatasetLarge, nil)
	out, stderr, code := e.get("bwp", "--region", "all", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := e.walk("natbwp")
	got := map[string]int{}
	for _, id := range jsonIDs(t, out, "BandwidthPackageId") {
		got[id]++
	}
	if len(want) < 100 {
		t.Fatalf("the direct walk found %d bandwidth packages", len(want))
	}
	if len(got) != len(want) {
		t.Errorf("get listed %d bandwidth packages, the simulator holds %d", len(got), len(want))
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
		if want[id] == 0 {
			t.Errorf("%s is not in the simulator", id)
		}
	}
}

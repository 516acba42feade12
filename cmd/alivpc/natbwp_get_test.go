package main

import (
	"maps"
	"testing"

	"github.com/alivpc/alivpc/client/sim"
)

// TestGetEveryNatBwpOfTheLargeDatasetOnce: `alivpc get natbwp --region all`
// on the large dataset lists every NAT bandwidth package the simulator
// holds (walked region by region, page by page), each exactly once.
func TestGetEveryNatBwpOfTheLargeDatasetOnce(t *testing.T) {
	e := newGetEnv(t, sim.DatasetLarge, nil)
	out, stderr, code := e.get("bwp", "--region", "all", "-o", "json")
	if code != 0 || stderr != "" {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	listed := map[string]int{}
	for _, id := range jsonIDs(t, out, "BandwidthPackageId") {
		listed[id]++
	}
	held := e.walk("natbwp")
	if len(held) < 100 {
		t.Fatalf("the direct walk found %d bandwidth packages", len(held))
	}
	for id, n := range held {
		if n != 1 {
			t.Errorf("the direct walk met %s %d times", id, n)
		}
	}
	if !maps.Equal(listed, held) {
		t.Errorf("get listed %d packages (%d IDs), the simulator holds %d, each once", len(jsonIDs(t, out, "BandwidthPackageId")), len(listed), len(held))
	}
}

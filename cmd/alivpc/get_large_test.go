package main

import (
	"encoding/json"
	"testing"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// `alivpc get KIND --region all -o json` on the large dataset prints each
// resource of every family but the VPC's own (VSwitches:
// TestGetEveryVSwitchOfTheLargeDatasetOnce) exactly once: as many as
// a plain page-by-page walk of every region finds, none twice — cross-region
// peerings included, which that walk meets in both of their regions. (Every
// kind, against the simulator's own records, is client/sim's
// TestLargeGetEveryKindOnce; this is the command itself.)
func TestGetLargeDatasetFamiliesOnce(t *testing.T) {
	e := newGetEnv(t, sim.DatasetLarge, nil)
	reg := model.Default()
	// Child kinds the plain walk cannot list region-wide are walked under
	// their parents.
	walkers := map[string]func() map[string]int{"ipv6rule": e.walkIpv6Rules}
	for _, name := range []string{"nat", "eip", "vpn", "cgw", "ipsec", "pc", "vbr", "bgp", "bgppeer", "bgpnet", "vpcflowlog", "sagflowlog", "peer",
		"havip", "cbwp", "natbwp", "ipv6gw", "ipv6rule", "ipv6addr", "sslserver", "sslcert", "ri", "ap", "ga"} {
		t.Run(name, func(t *testing.T) {
			k := reg.MustLookup(name)
			out, stderr, code := e.get(name, "--region", "all", "-o", "json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			var items []json.RawMessage
			if err := json.Unmarshal([]byte(out), &items); err != nil {
				t.Fatalf("-o json is not one JSON array: %v\n%.300s", err, out)
			}
			got := map[string]int{}
			for _, raw := range items {
				o, err := k.Decode("", raw)
				if err != nil || o.ID == "" {
					t.Fatalf("item without an ID (%v): %.200s", err, raw)
				}
				if got[o.ID]++; got[o.ID] == 2 {
					t.Errorf("%s printed twice", o.ID)
				}
			}
			var want map[string]int
			if w, ok := walkers[name]; ok {
				want = w()
			} else {
				want = e.walk(name)
			}
			if len(want) == 0 {
				t.Fatalf("the large dataset has no %s", k.Title)
			}
			if len(got) != len(want) {
				t.Errorf("get printed %d %s, the walk found %d", len(got), k.Title, len(want))
			}
			for id := range want {
				if got[id] == 0 {
					t.Errorf("%s is missing", id)
				}
			}
		})
	}
}

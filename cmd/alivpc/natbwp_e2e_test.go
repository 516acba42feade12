package main

import (
	"strings"
	"testing"
)

// TestE2ENatBandwidthPackage walks the NAT bandwidth packages in the real
// binary: the :bwp pane opens, the staging NAT gateway drills down to its
// packages, one is created through the form (one burst), settles to
// Available with no key pressed, and is deleted through the typed-ID
// dialog; the simulator is read back with `alivpc get natbwp`.
func TestE2ENatBandwidthPackage(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "bandwidthpackage", "NAT Bandwidth Packages")
	if s, rows := tm.waitPane("NAT Bandwidth Packages"); rows != 2 || !strings.Contains(s, "staging-legacy-egress") {
		t.Fatalf("the demo's packages in cn-hangzhou (got %d rows):\n%s", rows, s)
	}

	nat, _ := only(t, simGet(t, tm, "nat"), "Name", "staging-nat")["NatGatewayId"].(string)
	tm.command("nat")
	tm.waitPane("NAT Gateways")
	drill(tm, "name:staging-nat", "NAT Bandwidth Packages")
	tm.waitPane("NAT Bandwidth Packages of " + nat + " (staging-nat)")

	// NAT gateway (fixed), bandwidth, IPs, zone (any), billing, name,
	// description (submits).
	bwp := lifecycle{kind: "natbwp", idField: "BandwidthPackageId", prefix: "bwp-", noun: "NAT bandwidth package", title: "Create NAT bandwidth package in " + nat,
		keys: []string{"Enter", "BSpace", "30", "Enter", "BSpace", "2", "Enter", "Enter", "Enter", "e2e-bwp", "Enter", "made in tmux", "Enter"}, name: "e2e-bwp", state: "Available"}
	id, v := bwp.create(t, tm)
	want(t, v, "NatGatewayId", nat, "Bandwidth", "30", "IpCount", "2", "Description", "made in tmux",
		"Status", "Available", "InternetChargeType", "PayByBandwidth")

	filterTo(tm, "name:e2e-bwp", 1)
	bwp.remove(t, tm, id)
	tm.quit()
}

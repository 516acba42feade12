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
	tm := startConsole(t, 120, 40, simArgs(t.TempDir())...)
	tm.waitPane("VPCs")
	tm.command("bandwidthpackage")
	if s, rows := tm.waitPane("NAT Bandwidth Packages"); rows != 2 || !strings.Contains(s, "staging-legacy-egress") {
		t.Fatalf("the demo's packages in cn-hangzhou (got %d rows):\n%s", rows, s)
	}

	nat, _ := only(t, simGet(t, tm, "nat"), "Name", "staging-nat")["NatGatewayId"].(string)
	tm.command("nat")
	tm.waitPane("NAT Gateways")
	filterTo(tm, "name:staging-nat", 1)
	tm.keys("Enter")
	openMenu(tm, "NAT Bandwidth Packages")
	tm.waitPane("NAT Bandwidth Packages of " + nat + " (staging-nat)")

	// NAT gateway (fixed), bandwidth, IPs, zone (any), billing, name,
	// description (submits).
	tm.burst("c")
	tm.waitText("Create NAT bandwidth package in " + nat)
	tm.burst("Enter", "BSpace", "30", "Enter", "BSpace", "2", "Enter", "Enter", "Enter", "e2e-bwp", "Enter", "made in tmux", "Enter")
	s := tm.waitFor("e2e-bwp Available, unattended", func(s string) bool { return strings.Contains(rowWith(s, "e2e-bwp"), "Available") })
	id := firstID(rowWith(s, "e2e-bwp"), "bwp-")
	v := only(t, simGet(t, tm, "natbwp"), "Name", "e2e-bwp")
	want(t, v, "BandwidthPackageId", id, "NatGatewayId", nat, "Bandwidth", "30", "IpCount", "2", "Description", "made in tmux",
		"Status", "Available", "InternetChargeType", "PayByBandwidth")

	filterTo(tm, "name:e2e-bwp", 1)
	typedDelete(tm, "Delete NAT bandwidth package "+id, id)
	waitGone(t, tm, "natbwp", "BandwidthPackageId", id)
	tm.quit()
}

package main

import (
	"strings"
	"testing"
)

// TestE2ECommonBandwidthPackage walks the shared bandwidth packages in the
// real binary: the pane opens, a package drills down to its EIPs, one is
// created through its form in one burst (the review page's Create
// included), settles to Available with no key pressed, and is deleted
// through the typed-ID dialog; the simulator is read back with `alivpc get
// cbwp`.
func TestE2ECommonBandwidthPackage(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "sharedbw", "Shared Bandwidth Packages")

	pkg := firstID(filterTo(tm, "name:prod-shared-egress", 1), "cbwp-")
	tm.keys("Enter")
	s, rows := tm.waitPane("Elastic IPs of " + pkg + " (prod-shared-egress)")
	if rows != 2 || !strings.Contains(s, "prod-core-egress-1") || !strings.Contains(s, "prod-core-egress-2") {
		t.Errorf("the EIPs of prod-shared-egress: %d rows\n%s", rows, s)
	}
	if eips := simGet(t, tm, "eip", "--parent", pkg); len(eips) != 2 || eips[0]["BandwidthPackageId"] != pkg {
		t.Errorf("get eip --parent %s: %v", pkg, eips)
	}
	tm.keys("Escape")
	tm.waitPane("Shared Bandwidth Packages")
	tm.keys("/")
	tm.waitFor("the filter line", func(s string) bool { return filterLine(s) != "" })
	tm.keys("Escape")
	tm.waitFor("the filter cleared", func(s string) bool { return strings.Contains(s, "│ 3 rows │") })

	// Bandwidth (10, as offered), metering (pay by bandwidth), no ratio,
	// name, description, then Create on the review page.
	shared := lifecycle{kind: "cbwp", idField: "BandwidthPackageId", prefix: "cbwp-", noun: "shared bandwidth package",
		keys: []string{"Enter", "Enter", "Enter", "e2e-shared", "Enter", "made in tmux", "Enter", "Enter"}, name: "e2e-shared", state: "Available"}
	id, p := shared.create(t, tm)
	want(t, p, "Description", "made in tmux", "Status", "Available", "Bandwidth", "10",
		"InternetChargeType", "PayByBandwidth", "InstanceChargeType", "PostPaid")

	filterTo(tm, "name:e2e-shared", 1)
	shared.remove(t, tm, id)
	tm.quit()
}

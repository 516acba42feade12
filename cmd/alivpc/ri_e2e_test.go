package main

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client/sim"
)

// TestE2ERouterInterface walks the router interface family in the real
// binary: the VRouter pane drills down to the interfaces on prod-core's
// VRouter (the demo's Active pair to Beijing among them), one is created
// there through its form (one burst, then the review page), reads Idle
// with no key pressed, and is deleted through the typed-ID dialog; the
// simulator is read back with `alivpc get ri`.
func TestE2ERouterInterface(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startConsole(t, 120, 40, simArgs(dir)...)
	tm.waitPane("VPCs")
	tm.command("vrouter")
	tm.waitPane("VRouters")
	filterTo(tm, "vpc:"+prodVPC, 1)
	tm.keys("Enter")
	tm.waitText("Router Interfaces of vrt-", "hz-to-bj-analytics")
	s := tm.waitFor("the demo pair Active", func(s string) bool { return strings.Contains(rowWith(s, "hz-to-bj-analytics"), "Active") })
	if row := rowWith(s, "hz-to-bj-analytics"); !strings.Contains(row, "InitiatingSide") || !strings.Contains(row, "cn-beijing") {
		t.Errorf("the demo pair's row: %q", row)
	}

	// Router (this VRouter), role (initiating), spec (Small.1), opposite
	// region, type, router, interface and account (left as they are), name,
	// description (submits to the review page).
	tm.burst("c")
	tm.waitText("Create router interface on vrt-")
	tm.burst("Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "e2e-ri", "Enter", "made in tmux", "Enter")
	tm.waitText("Review: ", "CreateRouterInterface")
	tm.keys("Enter")
	s = tm.waitFor("e2e-ri Idle, unattended", func(s string) bool { return strings.Contains(rowWith(s, "e2e-ri"), "Idle") })
	id := firstID(rowWith(s, "e2e-ri"), "ri-")
	v := only(t, simGet(t, tm, "ri"), "Name", "e2e-ri")
	want(t, v, "RouterInterfaceId", id, "Description", "made in tmux", "Status", "Idle", "Role", "InitiatingSide", "Spec", "Small.1", "RouterType", "VRouter")

	filterTo(tm, "name:e2e-ri", 1)
	tm.burst("C-d")
	tm.waitText("Delete", id)
	tm.burst(id, "Enter")
	tm.waitFor("the router interface to be gone", func(string) bool {
		for _, o := range simGet(t, tm, "ri") {
			if o["RouterInterfaceId"] == id {
				return false
			}
		}
		return true
	})
	tm.quit()
}

// TestGetEveryRouterInterfaceOfTheLargeDatasetOnce: `alivpc get ri
// --region all` on the large dataset lists each interface exactly once,
// both ends of the cross-region pairs included.
func TestGetEveryRouterInterfaceOfTheLargeDatasetOnce(t *testing.T) {
	e := newGetEnv(t, sim.DatasetLarge, nil)
	out, stderr, code := e.get("routerinterfaces", "--region", "all", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	want := e.walk("ri")
	got := map[string]int{}
	for _, id := range jsonIDs(t, out, "RouterInterfaceId") {
		got[id]++
	}
	if len(want) < 150 {
		t.Fatalf("the direct walk found %d router interfaces", len(want))
	}
	if len(got) != len(want) {
		t.Errorf("get listed %d router interfaces, the simulator holds %d", len(got), len(want))
	}
	for id, n := range got {
		if n != 1 || want[id] != 1 {
			t.Errorf("%s listed %d times by get, %d by the walk", id, n, want[id])
		}
	}
}

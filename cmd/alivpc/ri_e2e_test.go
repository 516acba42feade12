package main

import (
	"strings"
	"testing"
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
	tm := openPane(t, dir, "vrouter", "VRouters")
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
	waitGone(t, tm, "ri", "RouterInterfaceId", id)
	tm.quit()
}

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
	tm := openPane(t, t.TempDir(), "vrouter", "VRouters")
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
	ri := lifecycle{kind: "ri", idField: "RouterInterfaceId", prefix: "ri-", noun: "Router interface", title: "Create router interface on vrt-",
		keys:   []string{"Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "e2e-ri", "Enter", "made in tmux", "Enter"},
		review: "CreateRouterInterface", name: "e2e-ri", state: "Idle"}
	id, v := ri.create(t, tm)
	want(t, v, "Description", "made in tmux", "Status", "Idle", "Role", "InitiatingSide", "Spec", "Small.1", "RouterType", "VRouter")

	filterTo(tm, "name:e2e-ri", 1)
	ri.remove(t, tm, id)
	tm.quit()
}

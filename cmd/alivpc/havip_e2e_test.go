package main

import "testing"

// TestE2EHaVip walks the HaVip family in the real binary: the pane opens,
// a HaVip is created through its form (one burst), settles to Available
// with no key pressed, and is deleted through the typed-ID dialog; the
// simulator is read back with `alivpc get havip`.
func TestE2EHaVip(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "havip", "HaVips")
	// VSwitch (the first offered), IP (assigned), name, description
	// (submits).
	vip := lifecycle{kind: "havip", idField: "HaVipId", prefix: "havip-", noun: "HaVip", title: "Create HaVip",
		keys: []string{"Enter", "Enter", "e2e-vip", "Enter", "made in tmux", "Enter"}, name: "e2e-vip", state: "Available"}
	id, v := vip.create(t, tm)
	want(t, v, "Description", "made in tmux", "Status", "Available")

	filterTo(tm, "name:e2e-vip", 1)
	vip.remove(t, tm, id)
	tm.quit()
}

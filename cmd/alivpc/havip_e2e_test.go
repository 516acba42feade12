package main

import (
	"strings"
	"testing"
)

// TestE2EHaVip walks the HaVip family in the real binary: the pane opens,
// a HaVip is created through its form (one burst), settles to Available
// with no key pressed, and is deleted through the typed-ID dialog; the
// simulator is read back with `alivpc get havip`.
func TestE2EHaVip(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := openPane(t, dir, "havip", "HaVips")
	// VSwitch (the first offered), IP (assigned), name, description
	// (submits).
	tm.burst("c")
	tm.waitText("Create HaVip")
	tm.burst("Enter", "Enter", "e2e-vip", "Enter", "made in tmux", "Enter")
	s := tm.waitFor("e2e-vip Available, unattended", func(s string) bool { return strings.Contains(rowWith(s, "e2e-vip"), "Available") })
	id := firstID(rowWith(s, "e2e-vip"), "havip-")
	v := only(t, simGet(t, tm, "havip"), "Name", "e2e-vip")
	want(t, v, "HaVipId", id, "Description", "made in tmux", "Status", "Available")

	filterTo(tm, "name:e2e-vip", 1)
	typedDelete(tm, "Delete HaVip "+id, id)
	waitGone(t, tm, "havip", "HaVipId", id)
	tm.quit()
}

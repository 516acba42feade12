package main

import (
	"slices"
	"strings"
	"testing"
)

// TestE2EGlobalAcceleration walks global acceleration in the real binary:
// the :ga pane opens on the demo's three instances of cn-hangzhou, one is
// created through the form (one burst), and deleted through the typed-ID
// dialog; the simulator is read back with `alivpc get ga`.
func TestE2EGlobalAcceleration(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "globalacceleration", "Global Acceleration")
	if s, rows := tm.waitPane("Global Acceleration"); rows != 3 || !strings.Contains(s, "Sharing") || !strings.Contains(s, "china-mainland") {
		t.Fatalf("the demo's instances in cn-hangzhou (got %d rows):\n%s", rows, s)
	}

	// Service location (china-mainland), bandwidth (20), type
	// (exclusive), name, description (submits).
	// The pane shows no names: the simulator tells when it is there.
	tm.burst("c")
	tm.waitText("Create global acceleration instance")
	tm.burst("Enter", "Down", "Enter", "Enter", "e2e-ga", "Enter", "made in tmux", "Enter")
	tm.waitFor("the instance to be listed", func(string) bool {
		return slices.ContainsFunc(simGet(t, tm, "ga"), func(o map[string]any) bool { return o["Name"] == "e2e-ga" })
	})
	v := only(t, simGet(t, tm, "ga"), "Name", "e2e-ga")
	id, _ := v["GlobalAccelerationInstanceId"].(string)
	want(t, v, "Bandwidth", "20", "BandwidthType", "Exclusive", "ServiceLocation", "china-mainland", "Description", "made in tmux",
		"Status", "Available")

	filterTo(tm, "name:e2e-ga", 1)
	tm.waitFor(id+" Available, unattended", func(s string) bool { return strings.Contains(rowWith(s, id), "Available") })
	ga := lifecycle{kind: "ga", idField: "GlobalAccelerationInstanceId", noun: "Global acceleration instance"}
	ga.remove(t, tm, id)
	tm.quit()
}

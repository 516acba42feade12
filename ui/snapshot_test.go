package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client/sim"
)

// On a snapshot (alivpc --snapshot FILE) the header says SNAPSHOT, its
// time and the file instead of the badge and the endpoint, and every
// change key is answered with a message instead of a form or a dialog,
// with no call made.
func TestSnapshotHeaderAndRefusals(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) {
		o.Snapshot, o.SnapshotFile = "2026-03-01 09:00 UTC", "snap.json"
	})
	d.waitText("prod-core")
	head := strings.Split(d.screen(), "\n")[0]
	if !strings.Contains(head, "SNAPSHOT 2026-03-01 09:00 UTC") || !strings.Contains(head, "snap.json") ||
		strings.Contains(head, "SIMULATOR") || strings.Contains(head, "127.0.0.1") {
		t.Fatalf("header: %q", head)
	}
	// The footer offers no change keys: they only explain the refusal.
	if foot := d.screen(); strings.Contains(foot, "<c> create") || strings.Contains(foot, "<ctrl+d> delete") || strings.Contains(foot, "<e> edit") {
		t.Errorf("the footer offers changes on a snapshot:\n%s", foot)
	}
	mark := len(d.fault.actions())
	for _, key := range []string{"c", "e", "ctrl+d", "x"} {
		d.app.flash.text = "" // the refusal stays up for seconds: each key must show its own
		d.keys(key)
		s := d.waitText("Snapshot: read-only, changes are disabled (this is snap.json, taken 2026-03-01 09:00 UTC).")
		if _, ok := d.app.top().(*browser); !ok || strings.Contains(s, "Create VPC") || strings.Contains(s, "Delete VPC") {
			t.Fatalf("%s opened a form or a dialog (%T on top):\n%s", key, d.app.top(), s)
		}
		d.keys("esc")
	}
	d.idle()
	for _, a := range d.fault.actions()[mark:] {
		if !readOnlyAction(a) {
			t.Errorf("a snapshot sent %s", a)
		}
	}
}

// With nothing highlighted (a filter matching no row) a change key on a
// snapshot still says why no change can be made, not that no row is
// highlighted: the snapshot is the reason whatever the row.
func TestSnapshotRefusesWithNothingHighlighted(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) {
		o.Snapshot, o.SnapshotFile = "2026-03-01 09:00 UTC", "snap.json"
	})
	d.waitText("prod-core")
	d.keys("/")
	d.typeText("no-such-row-anywhere")
	d.keys("enter")
	d.waitText("No rows match the filter")
	for _, key := range []string{"e", "ctrl+d", "x"} {
		d.app.flash.text = ""
		d.keys(key)
		d.waitText("Snapshot: read-only, changes are disabled")
		if _, ok := d.app.top().(*browser); !ok || d.app.menu != nil {
			t.Fatalf("%s opened %T (menu %v) on a snapshot", key, d.app.top(), d.app.menu != nil)
		}
	}
}

package ui

import "testing"

// The spinner turns while any page on the stack loads, the path page
// included (its "Listing route tables…" line stood still before).
func TestSpinnerTurnsWhileAPathLoads(t *testing.T) {
	d := consoleOn(t, "vpc")
	d.idle()
	if d.app.busy() {
		t.Fatal("busy with nothing in flight")
	}
	p := &pathPage{loading: true}
	d.app.pages = append(d.app.pages, p)
	d.app.spinning = false // no tick pending
	if !d.app.busy() || d.app.spinCmd() == nil {
		t.Error("a loading path page does not turn the spinner")
	}
	p.loading = false
	if d.app.busy() {
		t.Error("still busy once the path is read")
	}
}

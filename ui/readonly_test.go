package ui

import (
	"fmt"
	"testing"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// readOnlyKeys is every key of the keymap plus the change keys and the
// digits; quitting and going back are exercised by the walk itself.
func readOnlyKeys() []string {
	var keys []string
	for _, a := range defaultActions {
		switch a.Action {
		case ActQuit, ActBack, ActOpen:
			continue
		}
		keys = append(keys, a.Keys...)
	}
	keys = append(keys, "c", "e", "x", "ctrl+d")
	for i := 1; i <= 9; i++ {
		keys = append(keys, fmt.Sprint(i))
	}
	return keys
}

// backTo closes whatever a key opened until base is the top page again.
func (d *driver) backTo(base Page) {
	d.t.Helper()
	b, isBrowser := base.(*browser)
	back := func() bool {
		return d.app.top() == base && d.app.prompt == nil && d.app.menu == nil && (!isBrowser || !b.filterEditing)
	}
	for range 6 {
		if back() {
			return
		}
		d.keys("esc")
	}
	// A menu, prompt or filter line still open counts as not back too.
	if !back() {
		d.t.Fatalf("could not get back to %s:\n%s", base.Crumb(), d.screen())
	}
}

// pressAll presses every key on the top pane, coming back after each.
func (d *driver) pressAll() {
	d.t.Helper()
	base := d.app.top()
	for _, k := range readOnlyKeys() {
		d.keys(k)
		d.backTo(base)
	}
}

// drillAll opens each child of the selected row and presses every key
// there too.
func (d *driver) drillAll() {
	d.t.Helper()
	base := d.app.top()
	b, ok := base.(*browser)
	if !ok || b.table.Selected() == nil {
		// Every pane of the demo has rows: a walk that skipped one would
		// prove nothing below it.
		d.t.Fatalf("no row to drill from on %s:\n%s", base.Crumb(), d.screen())
	}
	d.keys("enter")
	if d.app.menu == nil {
		if next, ok := d.app.top().(*browser); ok && next != b {
			d.idle()
			d.pressAll()
		}
		d.backTo(base)
		return
	}
	n := len(d.app.menu.items)
	d.keys("esc")
	for i := range n {
		d.keys("enter")
		d.waitFor("the drill menu", func() bool { return d.app.menu != nil })
		d.keys(fmt.Sprint(i + 1))
		if _, ok := d.app.top().(*browser); ok {
			d.idle()
			d.pressAll()
		}
		d.backTo(base)
	}
}

// In read-only mode no key on any pane sends a mutating call.
func TestReadOnlyNeverMutates(t *testing.T) {
	d := newConsole(t, func(_ *sim.Options, o *Options) { o.ReadOnly = true })
	for _, k := range model.Default().Kinds() {
		d.pane(k.Name)
		d.waitText(k.Title)
		d.pressAll()
		d.drillAll()
	}
	acts := d.fault.actions()
	if len(acts) < 50 {
		t.Fatalf("the walk made only %d calls; it did not visit the panes", len(acts))
	}
	for _, a := range acts {
		if !readOnlyAction(a) {
			t.Errorf("read-only mode sent %s", a)
		}
	}
}

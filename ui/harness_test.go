package ui

import (
	"io"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// The test harness: a console on a fresh simulator with the demo dataset
// (driver_test.go runs it), the steps a person takes in it, each waiting
// for what the screen shows, and checks of what the simulator received.
// Steps on rows, menus and dialogs that predate this file stay in
// forms_family_test.go and destructive_test.go.

// auditTo has the console write its audit log to w.
func auditTo(w io.Writer) driverOpt {
	return func(_ *sim.Options, o *Options) { o.AuditLog = w }
}

// emptyDataset starts the simulator with an account that holds nothing.
func emptyDataset(so *sim.Options, _ *Options) { so.Dataset = sim.DatasetEmpty }

// newConsole starts the console on a fresh simulator and waits for its
// first pane (the VPCs) to load.
func newConsole(t *testing.T, opts ...driverOpt) *driver {
	t.Helper()
	d := newDriver(t, opts...)
	d.idle()
	return d
}

// sizedConsole starts the console in a w×h terminal and waits for its
// first pane.
func sizedConsole(t *testing.T, w, h int) *driver {
	t.Helper()
	d := newDriver(t)
	d.resize(w, h)
	d.idle()
	return d
}

// consoleOn starts the console and opens the pane of the `:` command cmd.
func consoleOn(t *testing.T, cmd string, opts ...driverOpt) *driver {
	t.Helper()
	d := newConsole(t, opts...)
	d.pane(cmd)
	return d
}

// openForm presses key ("c" create, "e" edit) on the selected row and
// waits for the form it opens to be editable.
func (d *driver) openForm(key string) *formPage {
	d.t.Helper()
	d.keys(key)
	return d.formPage()
}

// topPage waits until the page on top is a P that is ready (what names
// the wait) and returns it.
func topPage[P Page](d *driver, what string, ready func(P) bool) P {
	d.t.Helper()
	var p P
	d.waitFor(what, func() bool {
		top, ok := d.app.top().(P)
		p = top
		return ok && ready(top)
	})
	return p
}

// named types name into the form's Name field and accepts the empty
// Description after it, the last field: the form submits (or opens its
// review page).
func (d *driver) named(name string) {
	d.t.Helper()
	d.field("Name", name)
	d.next("Description")
}

// created waits for the console's operation for action and for the
// resource it created to read status; it returns the resource's ID.
func (d *driver) created(action, status string) string {
	d.t.Helper()
	id := d.tracked(action).resID
	d.settled(id, status)
	return id
}

// renamed renames the row id from old to name through its edit form and
// waits for action to be sent and the row to show the new name.
func (d *driver) renamed(id, old, name, action string) {
	d.t.Helper()
	d.editRow(id)
	d.replaceField("Name", old, name)
	d.next("Description")
	d.tracked(action)
	d.waitFor(id+" to be named "+name, func() bool {
		o := d.topRow(id)
		return o != nil && o.Name == name && strings.Contains(d.screen(), name)
	})
}

// refusedAsTyped types bad into the field title after what it holds,
// waits for the field to say why as it is typed, and erases bad again.
func (d *driver) refusedAsTyped(title, bad, why string) {
	d.t.Helper()
	d.waitFocus(title)
	d.typeText(bad)
	d.waitText(why)
	for range len(bad) {
		d.keys("backspace")
	}
}

// actionYes picks label in the selected row's action menu (x) and answers
// yes to the question its form asks.
func (d *driver) actionYes(label, question string) {
	d.t.Helper()
	d.action(label)
	d.formPage()
	d.waitFocus(question)
	d.keys("y")
}

// dialogDeleted waits for the delete dialog to close and then, advancing
// the clocks, for the row of o to leave the pane.
func (d *driver) dialogDeleted(o *model.Object) {
	d.t.Helper()
	d.waitFor("the dialog to close", func() bool { _, ok := d.app.top().(*browser); return ok })
	d.settle()
	d.waitFor(o.ID+" to go", func() bool {
		d.advance(time.Second)
		return d.browser().table.Row(rowKey(o)) == nil
	})
}

// rowNamedAs selects the row named name and returns its value.
func rowNamedAs[T any](d *driver, name string) *T {
	d.t.Helper()
	return d.rowNamed(name).Val().(*T)
}

// rowWhen waits, advancing the clocks (no key pressed), until the top
// pane's row id satisfies cond (what says what is awaited); it returns
// the row's object.
func (d *driver) rowWhen(id, what string, cond func(o *model.Object) bool) *model.Object {
	d.t.Helper()
	var found *model.Object
	d.waitFor(id+" to "+what, func() bool {
		d.advance(time.Second)
		found = d.topRow(id)
		return found != nil && cond(found)
	})
	return found
}

// topRow is the object of the top pane's row id, or nil.
func (d *driver) topRow(id string) *model.Object {
	b, ok := d.app.top().(*browser)
	if !ok {
		return nil
	}
	for _, r := range b.table.Rows() {
		if r.Obj.ID == id {
			return r.Obj
		}
	}
	return nil
}

// exactlyOne fails the test unless a describe call answered exactly one
// item (what names it) and no error.
func exactlyOne[T any](t testing.TB, what string, items []*T, err error) {
	t.Helper()
	if err != nil || len(items) != 1 {
		t.Fatalf("%s: %v, %d answered, want exactly 1: %+v", what, err, len(items), items)
	}
}

// sentOnce checks that the console sent action exactly once, with each
// parameter in want at its value ("" for one it did not send).
func (d *driver) sentOnce(action string, want map[string]string) {
	d.t.Helper()
	got := d.fault.received(action)
	if len(got) != 1 {
		d.t.Fatalf("%s sent %d times: %v", action, len(got), got)
	}
	for k, v := range want {
		if g := got[0].Get(k); g != v {
			d.t.Fatalf("%s %s=%q, want %q (sent %v)", action, k, g, v, got[0])
		}
	}
}

// noErr stops the test if err is not nil.
func noErr(t testing.TB, err error) {
	t.Helper()
	if err != nil {
		t.Fatal(err)
	}
}

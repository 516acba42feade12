package ui

import "testing"

// The test harness: a console on a fresh simulator with the demo dataset,
// and the steps a person takes in it, each waiting for what the screen
// shows. The steps on rows, forms and dialogs live beside the driver
// (driver_test.go, forms_family_test.go); these start a test.

// newConsole starts the console on a fresh simulator and waits for its
// first pane (the VPCs) to load.
func newConsole(t *testing.T, opts ...driverOpt) *driver {
	t.Helper()
	d := newDriver(t, opts...)
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

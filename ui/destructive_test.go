package ui

import "strings"

// confirmDialog waits for the destructive-action dialog, lets it finish
// reading what depends on the resource, types text and presses enter (a
// refusing dialog gets the keys too: it must send nothing).
func (d *driver) confirmDialog(text string) {
	d.t.Helper()
	d.waitFor("the typed-confirmation dialog", func() bool {
		dp, ok := d.app.top().(*deletePage)
		return ok && !dp.checking && (dp.checked || dp.refused != "" || !dp.needsCheck())
	})
	if dp := d.app.top().(*deletePage); dp.refused == "" && !strings.Contains(d.screen(), "Type ") {
		d.t.Fatalf("the dialog does not ask for typed text:\n%s", d.screen())
	}
	d.typeText(text)
	d.keys("enter")
}

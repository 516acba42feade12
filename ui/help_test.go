package ui

import "testing"

// The help page scrolls with the movement keys of the other pages: a
// line, a page, or to either end.
func TestHelpScrolls(t *testing.T) {
	d := newConsole(t)
	d.keys("?")
	d.waitText(":vsw")
	h, ok := d.app.top().(*helpPage)
	if !ok {
		t.Fatalf("? opened %T, want the help page", d.app.top())
	}
	page, bottom := h.vp.Height(), h.vp.TotalLineCount()-h.vp.Height()
	if page < 1 || bottom <= page+1 {
		t.Fatalf("help of %d lines in %d rows: want more than two pages to scroll", h.vp.TotalLineCount(), page)
	}
	for _, step := range []struct {
		key  string
		want int
	}{{"end", bottom}, {"home", 0}, {"pgdown", page}, {"down", page + 1}, {"pgup", 1}, {"up", 0}, {"up", 0}, {"G", bottom}, {"ctrl+b", bottom - page}, {"g", 0}} {
		d.keys(step.key)
		d.screen()
		if got := h.vp.YOffset(); got != step.want {
			t.Fatalf("%s scrolled the help to line %d, want %d", step.key, got, step.want)
		}
	}
	d.keys("esc")
	if _, ok := d.app.top().(*helpPage); ok {
		t.Fatal("esc left the help page open")
	}
}

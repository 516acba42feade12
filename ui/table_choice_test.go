package ui

import (
	"testing"

	btable "charm.land/bubbles/v2/table"
	tea "charm.land/bubbletea/v2"
)

// BenchmarkTableChoice compares, per key press on a 100,000-row pane, the
// console's own virtualized table with bubbles' table fed only the visible
// window (the cheapest way to use it at that size: it has no sort, filter,
// status colours, change marks or column hiding, so those stay the
// console's work either way). Both move the cursor one row and draw a
// 120x40 frame's worth of rows.
//
//	go test ./ui -run '^$' -bench TableChoice -benchtime 2000x
func BenchmarkTableChoice(b *testing.B) {
	objs := benchObjects(b, benchRows)
	b.Run("table=alivpc", func(b *testing.B) {
		a, br := benchConsole(b, objs)
		defer a.Close()
		down := key(tea.KeyDown, "")
		timeEach(b, func(int) {
			a.Update(down)
			_ = br.table.View(a.st, a.now())
		})
	})
	b.Run("table=bubbles-window", func(b *testing.B) {
		a, br := benchConsole(b, objs)
		defer a.Close()
		t := br.table
		var cols []btable.Column
		for i, c := range t.cols {
			w := 12
			if i < len(t.widths) && t.widths[i] > 0 {
				w = t.widths[i]
			}
			cols = append(cols, btable.Column{Title: c.Name, Width: w})
		}
		const height = 36
		bt := btable.New(btable.WithColumns(cols), btable.WithHeight(height), btable.WithWidth(120), btable.WithFocused(true))
		cursor := 0
		timeEach(b, func(int) {
			cursor = (cursor + 1) % t.VisibleLen()
			off := max(cursor-height+1, 0)
			window := make([]btable.Row, 0, height)
			for i := off; i < min(off+height, t.VisibleLen()); i++ {
				r := t.rows[t.visible[i]]
				window = append(window, btable.Row(r.Cells()))
			}
			bt.SetRows(window)
			bt.SetCursor(cursor - off)
			_ = bt.View()
		})
	})
}

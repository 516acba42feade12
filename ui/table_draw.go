package ui

import (
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
	"github.com/charmbracelet/x/ansi"
)

// ---- layout and drawing ----

const colGap = 2

// layout fits columns to the width. Columns are in order of importance:
// each gets its natural width (widest cell, capped at its preferred width);
// trailing columns are dropped (wide ones first) until the rest fit; then
// text columns shrink; leftover space lets capped columns show more.
func (t *Table) layout() {
	n := len(t.cols)
	t.widths = make([]int, n)
	if t.width <= 0 {
		return
	}
	extra := make([]int, n) // cells a column needs besides its text
	for i, c := range t.cols {
		if c.Style == model.StyleStatus {
			extra[i] = 1 // the phase glyph
		}
	}
	extra[0]++                                                              // the delta mark column
	head := func(i int) int { return ansi.StringWidth(t.cols[i].Name) + 1 } // + sort arrow
	for i, c := range t.cols {
		if t.hidden[i] {
			continue
		}
		w := max(t.natural[i], head(i))
		if c.Width > 0 && w > c.Width {
			w = max(c.Width, head(i))
		}
		t.widths[i] = w + extra[i]
	}
	total := func() int {
		s := 0
		for _, w := range t.widths {
			if w > 0 {
				s += w + colGap
			}
		}
		return s - colGap
	}
	// Drop wide columns, then trailing ones, keeping the first two and the
	// sort column.
	for i := n - 1; i >= 0 && total() > t.width; i-- {
		if t.cols[i].Wide && i != t.sortCol {
			t.widths[i] = 0
		}
	}
	for i := n - 1; i >= 2 && total() > t.width; i-- {
		if i != t.sortCol {
			t.widths[i] = 0
		}
	}
	// Shrink text columns, widest first, to a floor.
	for total() > t.width {
		best, bw := -1, 0
		for i, c := range t.cols {
			floor := max(8, head(i)) + extra[i]
			if t.widths[i] > floor && t.widths[i] > bw && (c.Style == model.StylePlain || c.Style == model.StyleTime || c.Style == model.StyleKind || c.Style == model.StyleID) {
				best, bw = i, t.widths[i]
			}
		}
		if best < 0 {
			break
		}
		floor := max(8, head(best)) + extra[best]
		t.widths[best] = max(floor, t.widths[best]-(total()-t.width))
	}
	if total() > t.width {
		for i := n - 1; i >= 1 && total() > t.width; i-- {
			t.widths[i] = 0
		}
		if total() > t.width {
			t.widths[0] = max(4, t.width)
		}
		return
	}
	// Spare room: let capped columns show their whole text.
	for i := range t.cols {
		if t.widths[i] == 0 {
			continue
		}
		want := max(t.natural[i], head(i)) + extra[i]
		if spare := t.width - total(); want > t.widths[i] && spare > 0 {
			t.widths[i] += min(spare, want-t.widths[i])
		}
	}
}

// HideColumn keeps a column out of the layout (Region in a one-region
// view).
func (t *Table) HideColumn(name string, hide bool) {
	for i, c := range t.cols {
		if strings.EqualFold(c.Name, name) && t.hidden[i] != hide {
			t.hidden[i] = hide
			t.layout()
		}
	}
}

// HiddenColumns lists columns that did not fit.
func (t *Table) HiddenColumns() []string {
	var out []string
	for i, w := range t.widths {
		if w == 0 {
			out = append(out, t.cols[i].Name)
		}
	}
	return out
}

// fit pads or truncates s to exactly w cells.
func fit(s string, w int, right bool) string {
	sw := len(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		sw = ansi.StringWidth(s)
	}
	if sw > w {
		if w <= 1 {
			return ansi.Truncate(s, w, "")
		}
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		pad := strings.Repeat(" ", w-sw)
		if right {
			return pad + s
		}
		return s + pad
	}
	return s
}

// View draws the header and the visible window.
func (t *Table) View(st *theme.Styles, now time.Time) string {
	var b strings.Builder
	b.Grow((t.height + 1) * (t.width + 16))
	// Header.
	first := true
	for i, c := range t.cols {
		w := t.widths[i]
		if w == 0 {
			continue
		}
		if first {
			b.WriteString(" ")
			w--
		} else {
			b.WriteString("  ")
		}
		first = false
		name := strings.ToUpper(c.Name)
		style := st.ColumnHeader
		if i == t.sortCol {
			arrow := "▲"
			if t.sortDesc {
				arrow = "▼"
			}
			name += arrow
			style = st.SortedHeader
		}
		b.WriteString(style.Render(fit(name, w, c.Style == model.StyleNumber)))
	}
	b.WriteByte('\n')
	end := min(t.offset+t.height, len(t.visible))
	for pos := t.offset; pos < end; pos++ {
		r := t.rows[t.visible[pos]]
		b.WriteString(t.drawRow(r, pos == t.cursor, st, now))
		if pos < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (t *Table) drawRow(r *Row, selected bool, st *theme.Styles, now time.Time) string {
	delta := theme.DeltaNone
	if r.delta != theme.DeltaNone && now.Before(r.deltaUntil) {
		delta = r.delta
	}
	var line strings.Builder
	first := true
	for i, c := range t.cols {
		w := t.widths[i]
		if w == 0 {
			continue
		}
		text := ""
		if i < r.NumCells() {
			text = r.Cell(i)
		}
		if first {
			// Without colour the cursor row is marked where the delta
			// mark goes (reverse video shows the rest of the bar); a
			// +/~/- of the last refresh keeps its place for its few
			// seconds, the row still in reverse video.
			mark := theme.DeltaMark(delta)
			if delta == theme.DeltaNone {
				mark = st.Cursor(selected, mark)
			}
			line.WriteString(mark)
			w--
		} else {
			line.WriteString("  ")
		}
		first = false
		if c.Style == model.StyleStatus {
			p := c.PhaseOf(r.Obj.Kind, text)
			glyph := " "
			if text != "" {
				glyph = theme.Glyph(theme.Phase(p))
			}
			cell := fit(text, w-1, false)
			if selected || delta != theme.DeltaNone {
				line.WriteString(glyph + cell)
			} else {
				line.WriteString(st.Phase(theme.Phase(p)).Render(glyph + cell))
			}
			continue
		}
		if c.Style == model.StyleSpark {
			text = t.sparks[r.Key]
			if text == "" {
				text = "·"
			}
		}
		line.WriteString(fit(text, w, c.Style == model.StyleNumber))
	}
	s := line.String()
	switch {
	case selected:
		return st.Selected.Render(fit(s, t.width, false))
	case delta != theme.DeltaNone:
		return st.Delta(delta).Render(s)
	}
	return s
}

// Window is the rows drawn now: at most the height, or before the first
// frame (no height yet) the top guess rows.
func (t *Table) Window(guess int) []*Row {
	h := t.height
	if h <= 0 {
		h = max(guess, 1)
	}
	end := min(t.offset+h, len(t.visible))
	out := make([]*Row, 0, max(end-t.offset, 0))
	for pos := t.offset; pos < end; pos++ {
		out = append(out, t.rows[t.visible[pos]])
	}
	return out
}

// SetSpark sets the sparkline of the row with key.
func (t *Table) SetSpark(key, s string) {
	if t.sparks == nil {
		t.sparks = map[string]string{}
	}
	t.sparks[key] = s
}

// HasSpark reports whether the table has a sparkline column that is drawn
// (or may be: before the first frame).
func (t *Table) HasSpark() bool {
	for i, c := range t.cols {
		if c.Style == model.StyleSpark && (t.widths == nil || i < len(t.widths) && t.widths[i] > 0) {
			return true
		}
	}
	return false
}

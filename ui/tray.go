package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/theme"
)

// trayPage lists operations in flight and recently finished. Closing it
// stops nothing: the tracker lives on the App.
type trayPage struct {
	id     int
	cursor int // from the newest operation
	top    int // the first operation drawn, from the newest
	rows   int // operations the last draw had room for: a page
	lay    trayLayout
}

func newTrayPage(a *App) *trayPage { return &trayPage{id: a.newID()} }

func (t *trayPage) ID() int { return t.id }

func (t *trayPage) Hints() [][2]string {
	return [][2]string{{"↑↓", "move"}, {"y", "copy ID"}, {"esc t", "close (tracking goes on)"}}
}
func (t *trayPage) Crumb() string { return "activity" }

func (t *trayPage) Update(a *App, msg tea.Msg) tea.Cmd {
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	act, _ := a.keys.Lookup(km)
	n := len(a.tracker.ops)
	if by, ok := moveBy(act, max(t.rows, 1), n); ok {
		t.cursor = max(0, min(n-1, t.cursor+by))
		return nil
	}
	switch act {
	case ActBack, ActTray:
		return a.pop()
	case ActCopy:
		ops := a.tracker.ops
		if t.cursor < len(ops) {
			op := ops[len(ops)-1-t.cursor]
			if op.resID != "" {
				return tea.Batch(copyToClipboard(op.resID), a.flashInfo("Copied "+op.resID))
			}
		}
	}
	return nil
}

// trayCol is one column of the tray. Columns are chosen by priority (1 is
// the most important): the core ones (time, action, target, status,
// RequestId) first at their narrowest, then widened to their content, then
// the optional ones if they still fit; they show in declaration order.
type trayCol struct {
	name     string
	prio     int
	min, max int // width bounds; the content decides within them
	optional bool
	get      func(op *operation, elapsed string) string
}

// trayColumns are the tray's columns, built once; trayByPrio orders their
// indexes by priority.
var (
	trayColumns = []trayCol{
		{name: "TIME", prio: 4, min: 8, max: 8, get: func(op *operation, _ string) string { return op.started.Format("15:04:05") }},
		{name: "ACTION", prio: 1, min: 16, max: 34, get: func(op *operation, _ string) string { return op.action }},
		{name: "ID", prio: 2, min: 25, max: 29, get: func(op *operation, _ string) string { return cmp.Or(op.resID, op.label) }},
		{name: "STATUS", prio: 3, min: 20, max: 40, get: opStatus},
		{name: "ELAPSED", prio: 6, min: 8, max: 8, optional: true, get: func(_ *operation, e string) string { return e }},
		{name: "KIND", prio: 7, min: 4, max: 20, optional: true, get: func(op *operation, _ string) string {
			if op.kind == nil {
				return ""
			}
			return op.kind.Singular
		}},
		{name: "REQUEST ID", prio: 5, min: 36, max: 40, get: func(op *operation, _ string) string { return op.requestID }},
	}
	trayByPrio = func() []int {
		order := make([]int, len(trayColumns))
		for i := range order {
			order[i] = i
		}
		slices.SortFunc(order, func(a, b int) int { return trayColumns[a].prio - trayColumns[b].prio })
		return order
	}()
)

// trayLayout is the tray's columns as laid out for one frame: the indexes
// of the columns shown (into trayColumns, in declaration order) and their
// widths. Its buffers are kept from frame to frame.
type trayLayout struct {
	natural, width []int
	in             []bool
	shown          []int
}

// opStatus says where an operation is: its phase and what it waits for,
// how it ended, or the API's error code.
func opStatus(op *operation, _ string) string {
	switch op.outcome {
	case opRunning:
		if op.target == "" {
			return op.phase
		}
		return op.phase + " → " + op.target
	case opDone:
		if op.found {
			return "done: " + op.phase + " (answer was lost)"
		}
		return "done: " + op.phase
	case opFailed:
		return "✗ " + cmp.Or(op.code, op.phase)
	case opUnknown:
		return "? unknown: " + op.phase
	}
	return op.outcome.String() + ": " + op.phase
}

// layout picks and sizes the columns for width w from cells (one row of
// strings per operation, in trayColumns order).
func (l *trayLayout) layout(cells [][]string, w int) {
	n := len(trayColumns)
	if len(l.natural) != n {
		l.natural, l.width, l.in = make([]int, n), make([]int, n), make([]bool, n)
	}
	for i, c := range trayColumns {
		nat := ansi.StringWidth(c.name)
		for _, r := range cells {
			nat = max(nat, ansi.StringWidth(r[i]))
		}
		l.natural[i] = min(nat, c.max)
		l.width[i] = min(c.min, l.natural[i])
		l.in[i] = false
	}
	used := 2
	for _, i := range trayByPrio {
		if trayColumns[i].optional || (used+l.width[i]+1 > w && trayColumns[i].prio > 2) {
			continue
		}
		l.in[i] = true
		used += l.width[i] + 1
	}
	for _, i := range trayByPrio {
		if l.in[i] {
			grow := min(l.natural[i]-l.width[i], max(w-used, 0))
			l.width[i] += grow
			used += grow
		}
	}
	for _, i := range trayByPrio {
		if trayColumns[i].optional && used+l.natural[i]+1 <= w {
			l.width[i] = l.natural[i]
			l.in[i] = true
			used += l.natural[i] + 1
		}
	}
	l.shown = l.shown[:0]
	for i := range trayColumns {
		if l.in[i] {
			l.shown = append(l.shown, i)
		}
	}
}

// row draws one line of the tray: cell(i) is column i's text.
func (l *trayLayout) row(b *strings.Builder, cell func(i int) string) string {
	b.Reset()
	b.WriteString("  ")
	for _, i := range l.shown {
		b.WriteString(fit(cell(i), l.width[i], false))
		b.WriteByte(' ')
	}
	return b.String()
}

func (t *trayPage) View(a *App, w, h int) string {
	st := a.st
	ops := a.tracker.ops
	lines := []string{st.Title.Render("Activity") + st.Dim.Render(fmt.Sprintf("   %d in flight, %d recent (%d failed), %d resources watched — closing this stops nothing",
		a.tracker.inFlight(), len(ops), a.tracker.countOps(opFailed), len(a.tracker.tracks)))}
	if len(ops) == 0 {
		lines = append(lines, "", "  "+st.Dim.Render("Nothing yet. Creates, changes and deletes you start show here and are followed until they settle."))
		return strings.Join(lines, "\n")
	}
	now := a.now()
	// Newest first; only the rows that fit are laid out, scrolled to keep
	// the cursor's.
	t.rows = max(h-3, 1)
	t.cursor = min(t.cursor, len(ops)-1) // the oldest may have been dropped
	t.top = max(0, min(t.top, t.cursor, len(ops)-t.rows), t.cursor-t.rows+1)
	var shown []*operation
	for i := len(ops) - 1 - t.top; i >= 0 && len(shown) < t.rows; i-- {
		shown = append(shown, ops[i])
	}
	cells := make([][]string, len(shown))
	flat := make([]string, len(shown)*len(trayColumns))
	for r, op := range shown {
		end := now
		if op.outcome != opRunning {
			end = op.ended
		}
		elapsed := ago(end.Sub(op.started))
		cells[r] = flat[r*len(trayColumns) : (r+1)*len(trayColumns)]
		for j := range trayColumns {
			cells[r][j] = serverLine(trayColumns[j].get(op, elapsed))
		}
	}
	l := &t.lay
	l.layout(cells, w)
	var b strings.Builder
	lines = append(lines, st.ColumnHeader.Render(ansi.Truncate(l.row(&b, func(i int) string { return trayColumns[i].name }), w, "…")))
	var rowCells []string
	cell := func(i int) string { return rowCells[i] }
	var detail *operation
	for r, op := range shown {
		rowCells = cells[r]
		line := ansi.Truncate(l.row(&b, cell), w, "…")
		style := st.Base
		switch op.outcome {
		case opRunning:
			style = st.Phase(theme.PhaseTransitional)
		case opDone:
			style = st.Phase(theme.PhaseReady)
		default:
			style = st.Phase(theme.PhaseFailed)
		}
		if t.top+r == t.cursor {
			line = st.Selected.Render(fit(st.Cursor(true, " ")+strings.TrimPrefix(ansi.Strip(line), " "), w, false))
			detail = op
		} else {
			line = style.Render(line)
		}
		lines = append(lines, line)
	}
	// The selected failure in full: the row has room for its code only.
	if detail != nil && detail.err != nil && len(lines)+2 <= h {
		mark := "✗ "
		if detail.outcome == opUnknown {
			mark = "? "
		}
		lines = append(lines, "", wrapTo(st.Error.Render(mark+serverLine(detail.err.Error())), w))
	}
	return strings.Join(lines, "\n")
}

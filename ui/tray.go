package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/theme"
)

// trayPage lists operations in flight and recently finished. Closing it
// stops nothing: the tracker lives on the App.
type trayPage struct {
	id     int
	cursor int
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
	switch act {
	case ActBack, ActTray:
		return a.pop()
	case ActDown:
		t.cursor = min(t.cursor+1, max(n-1, 0))
	case ActUp:
		t.cursor = max(t.cursor-1, 0)
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

func (t *trayPage) View(a *App, w, h int) string {
	st := a.st
	ops := a.tracker.ops
	lines := []string{st.Title.Render("Activity") + st.Dim.Render(fmt.Sprintf("   %d in flight, %d recent, %d resources watched — closing this stops nothing",
		a.tracker.inFlight(), len(ops), len(a.tracker.tracks)))}
	if len(ops) == 0 {
		lines = append(lines, "", "  "+st.Dim.Render("Nothing yet. Creates, changes and deletes you start show here and are followed until they settle."))
		return strings.Join(lines, "\n")
	}
	// Columns in order of importance; narrow windows drop from the end
	// of this list (the RequestId also shows in describe and the audit log).
	type col struct {
		name string
		w    int
		get  func(op *operation, elapsed string) string
	}
	cols := []col{
		{"ACTION", 22, func(op *operation, _ string) string { return op.action }},
		{"ID", 26, func(op *operation, _ string) string { return op.resID }},
		{"PHASE", 13, func(op *operation, _ string) string { return op.phase }},
		{"OUTCOME", 22, func(op *operation, _ string) string {
			if op.outcome == opRunning {
				return "→ " + op.target
			}
			return op.outcome.String()
		}},
		{"ELAPSED", 8, func(_ *operation, e string) string { return e }},
		{"KIND", 14, func(op *operation, _ string) string { return op.kind.Singular }},
		{"REQUEST ID", 36, func(op *operation, _ string) string { return op.requestID }},
	}
	used := 2
	n := 0
	for n < len(cols) && used+cols[n].w+1 <= w {
		used += cols[n].w + 1
		n++
	}
	n = max(n, 2)
	cols = cols[:n]
	row := func(cells []string) string {
		var b strings.Builder
		b.WriteString("  ")
		for i, c := range cols {
			b.WriteString(fit(cells[i], c.w, false))
			b.WriteByte(' ')
		}
		return b.String()
	}
	names := make([]string, len(cols))
	for i, c := range cols {
		names[i] = c.name
	}
	lines = append(lines, st.ColumnHeader.Render(ansi.Truncate(row(names), w, "…")))
	now := a.now()
	for i := len(ops) - 1; i >= 0 && len(lines) < h; i-- {
		op := ops[i]
		end := now
		if op.outcome != opRunning {
			end = op.ended
		}
		cells := make([]string, len(cols))
		for j, c := range cols {
			cells[j] = c.get(op, ago(end.Sub(op.started)))
		}
		style := st.Base
		switch op.outcome {
		case opRunning:
			style = st.Phase(theme.PhaseTransitional)
		case opDone:
			style = st.Phase(theme.PhaseReady)
		default:
			style = st.Phase(theme.PhaseFailed)
		}
		line := row(cells)
		if op.err != nil {
			line += " " + oneLine(op.err.Error())
		}
		line = ansi.Truncate(line, w, "…")
		if len(ops)-1-i == t.cursor {
			line = st.Selected.Render(fit(st.Cursor(true, " ")+strings.TrimPrefix(ansi.Strip(line), " "), w, false))
		} else {
			line = style.Render(line)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

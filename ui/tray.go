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

func (t *trayPage) ID() int       { return t.id }
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
	header := fmt.Sprintf("  %-24s %-14s %-26s %-14s %-9s %-12s %s", "ACTION", "KIND", "ID", "PHASE", "ELAPSED", "OUTCOME", "REQUEST ID")
	lines = append(lines, st.ColumnHeader.Render(ansi.Truncate(header, w, "…")))
	now := a.now()
	for i := len(ops) - 1; i >= 0 && len(lines) < h; i-- {
		op := ops[i]
		end := now
		if op.outcome != opRunning {
			end = op.ended
		}
		outcome := op.outcome.String()
		var style = st.Base
		switch op.outcome {
		case opRunning:
			style = st.Phase(theme.PhaseTransitional)
			outcome += " → " + op.target
		case opDone:
			style = st.Phase(theme.PhaseReady)
		default:
			style = st.Phase(theme.PhaseFailed)
		}
		line := fmt.Sprintf("  %-24s %-14s %-26s %-14s %-9s %-12s %s", op.action, op.kind.Singular, op.resID, op.phase, ago(end.Sub(op.started)), outcome, op.requestID)
		if op.err != nil {
			line += "  " + oneLine(op.err.Error())
		}
		line = ansi.Truncate(line, w, "…")
		if len(ops)-1-i == t.cursor {
			line = st.Selected.Render(fit(ansi.Strip(line), w, false))
		} else {
			line = style.Render(line)
		}
		lines = append(lines, line)
	}
	return strings.Join(lines, "\n")
}

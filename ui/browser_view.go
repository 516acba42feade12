package ui

import (
	"cmp"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/theme"
)

// The pane's drawing: its header status, the table, the filter line and
// the empty and error views.

// status is the header's part for this pane: rows, data age, loading.
func (b *browser) status(a *App) []string {
	st := a.st
	var parts []string
	n, vis := b.table.Len(), b.table.VisibleLen()
	if b.table.Filtered() {
		count := fmt.Sprintf("%d/%d rows", vis, n)
		if a.width >= 120 && b.filter != nil {
			count += " (" + b.filter.Mode() + ")"
		}
		parts = append(parts, count)
	} else {
		parts = append(parts, fmt.Sprintf("%d rows", n))
	}
	if b.loading {
		page, pages := 0, 0
		for src, p := range b.progress {
			page += p[0]
			if b.finished[src] {
				pages += p[0]
			} else {
				pages += max(p[1], p[0])
			}
		}
		waiting := b.planned - len(b.progress)
		if waiting > 0 {
			pages += waiting
		}
		label := "loading"
		if b.refreshing {
			label = "refreshing"
		}
		parts = append(parts, st.Phase(theme.PhaseTransitional).Render(fmt.Sprintf("%s %s %d/%d", a.spinFrame(), label, page, max(pages, page))))
	} else if !b.lastLoad.IsZero() {
		parts = append(parts, "updated "+ago(a.now().Sub(b.lastLoad))+" ago")
	}
	if b.loadErr != nil {
		parts = append(parts, st.Error.Render("error"))
	}
	return parts
}

func ago(d time.Duration) string {
	switch {
	case d < time.Second:
		return "0s"
	case d < time.Minute:
		return strconv.Itoa(int(d.Seconds())) + "s"
	case d < time.Hour:
		return fmt.Sprintf("%dm%02ds", int(d.Minutes()), int(d.Seconds())%60)
	}
	return fmt.Sprintf("%dh%02dm", int(d.Hours()), int(d.Minutes())%60)
}

// View draws the filter line, an error banner and the table.
func (b *browser) View(a *App, w, h int) string {
	st := a.st
	var top []string
	if b.filterEditing || (b.filter != nil && !b.filter.Empty()) {
		top = append(top, b.filterLine(a, w))
	}
	if b.loadErr != nil {
		hint := "ctrl+r retries"
		if b.table.Len() > 0 {
			hint = "showing the last good rows; " + hint
		}
		for _, l := range errorLines(b.loadErr, hint) {
			top = append(top, strings.Split(wrapTo(st.Error.Render(l), w), "\n")...)
		}
	}
	th := h - len(top)
	b.table.HideColumn("Region", !b.allRegions)
	b.table.SetSize(w, th)
	var body string
	if b.table.VisibleLen() == 0 {
		body = b.emptyView(a, w)
	} else {
		body = b.table.View(st, a.now())
	}
	return strings.Join(append(top, body), "\n")
}

func (b *browser) filterLine(a *App, w int) string {
	st := a.st
	text := b.filterIn.Value()
	if !b.filterEditing && b.filter != nil {
		text = b.filter.Raw
	}
	line := st.Accent.Render("/") + text
	if b.filterEditing {
		line = b.filterIn.View()
	}
	f := b.filter
	if f == nil {
		f = ParseFilter(text, b.table.cols)
	}
	info := fmt.Sprintf("  %d match", b.table.VisibleLen())
	if b.table.VisibleLen() != 1 {
		info += "es"
	}
	if f.Column >= 0 {
		info += " in " + b.table.cols[f.Column].Name
	}
	if f.Invert {
		info += " (inverted)"
	}
	if f.Ranked() {
		info += ", best first"
	}
	if b.filterBusy {
		info += " …"
	}
	// Which mode matched: plain words are substrings, -f is fuzzy.
	info += " · filter (" + f.Mode() + ")"
	if b.filterEditing && f.Mode() == "substring" {
		info += "  -f text: fuzzy"
	}
	return ansi.Truncate(line+st.Dim.Render(info), w, "…")
}

func (b *browser) emptyView(a *App, w int) string {
	st := a.st
	var msg string
	switch {
	case b.loading:
		msg = "Loading " + b.kind.Title + "…"
	case b.table.Len() > 0:
		msg = "No rows match the filter. esc clears it."
	case b.loadErr != nil:
		msg = "Nothing loaded. Press ctrl+r to try again."
	default:
		msg = "No " + b.kind.Title + " here."
		switch {
		case b.parent != nil && b.parent.Kind.Name == "region":
			msg = "No " + b.kind.Title + " in " + b.parent.ID + "."
		case b.parent != nil:
			msg = "No " + b.kind.Title + " in " + b.parent.Kind.Singular + " " + b.parent.ID + "."
		case !b.allRegions && !b.kind.Global:
			msg = "No " + b.kind.Title + " in " + b.workRegion(a) + ". :" + b.kind.Name + " all looks in every region."
		}
		if a.keys.Bound(ActCreate) && canCreate(b.kind) {
			msg += " Press " + a.keys.Hint(ActCreate) + " to create one."
		}
	}
	return "\n  " + st.Dim.Render(msg)
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// errorLines renders an error in two lines with what a support ticket
// needs first (code and RequestId), so narrow windows keep them.
// Server text passes client.Clean: no echoed secret, no control sequence.
func errorLines(err error, hint string) []string {
	var ae *client.APIError
	if errors.As(err, &ae) {
		first := fmt.Sprintf("⚠ %s: %s · RequestId %s · HTTP %d", ae.Action, ae.Code, cmp.Or(ae.RequestID, "none"), ae.HTTPStatus)
		return []string{serverLine(first), "  " + serverLine(ae.Message) + " — " + hint}
	}
	return []string{"⚠ " + serverLine(err.Error()), "  " + hint}
}

// serverLine is text that came from the network (an error, a message) made
// fit for the screen: one line, through the client's one scrubber.
func serverLine(s string) string { return oneLine(client.Clean(s)) }

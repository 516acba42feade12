package ui

import (
	"time"

	"charm.land/bubbles/v2/spinner"
	tea "charm.land/bubbletea/v2"
)

// The console's activity indicator: bubbles' MiniDot spinner on what is in
// flight (a pane loading, a form loading its choices or submitting, the
// activity tray's running operations). Its frame comes from the console's
// clock, so a screen drawn at a given moment is always the same; it ticks
// only while something is in flight, so an idle console stays idle.

var spin = spinner.MiniDot

type spinTickMsg struct{}

// spinFrame is the spinner's frame now.
func (a *App) spinFrame() string {
	step := max(int64(spin.FPS/time.Millisecond), 1)
	return spin.Frames[int(a.now().UnixMilli()/step)%len(spin.Frames)]
}

// loader is a page that loads in the background (a pane, the x-ray, a
// path): the spinner turns while any page on the stack is loading.
type loader interface{ isLoading() bool }

func (b *browser) isLoading() bool  { return b.loading }
func (x *xrayPage) isLoading() bool { return len(x.loading) > 0 }
func (p *pathPage) isLoading() bool { return p.loading }

// busy reports whether anything shown is in flight.
func (a *App) busy() bool {
	for _, p := range a.pages {
		if l, ok := p.(loader); ok && l.isLoading() {
			return true
		}
	}
	if f, ok := a.top().(*formPage); ok && (f.preparing || f.phase == phaseSubmitting) {
		return true
	}
	return a.tracker.inFlight() > 0
}

// spinCmd arms the next frame when something is in flight and no tick is
// pending.
func (a *App) spinCmd() tea.Cmd {
	if a.spinning || a.quitting || !a.busy() {
		return nil
	}
	a.spinning = true
	return tea.Tick(spin.FPS, func(time.Time) tea.Msg { return spinTickMsg{} })
}

package ui

// Ordered input for huh forms.
//
// huh moves focus with commands: Enter on a field returns huh.NextField, a
// tea.Cmd whose message (nextFieldMsg) comes back through the program's
// message queue. Keys that arrived in the same burst as the Enter (a fast
// typist, a paste, an ssh packet with several keystrokes) are already in
// that queue ahead of it, so they were applied to the field the Enter left:
// `name⏎desc` gave Name "named", Description "esc". The console resolves
// huh's focus commands at once, on the UI goroutine, before the next key is
// handled: the commands it runs synchronously are only those known to return
// at once without I/O (huh's field and group moves, and the Batch/Sequence
// wrappers around them); everything else (cursor blink, window size) is
// returned to the runtime as before.

import (
	"fmt"
	"reflect"
	"sync"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
)

// instantCmds are the code pointers of the commands resolved synchronously.
type instantCmds struct {
	focus map[uintptr]bool // huh.NextField, huh.PrevField, huh's nextGroup, prevGroup
	batch map[uintptr]bool // tea.Batch and tea.Sequence closures
}

var (
	instantOnce sync.Once
	instant     instantCmds
)

func cmdPointer(c tea.Cmd) uintptr { return reflect.ValueOf(c).Pointer() }

// probeInstant finds the code pointers once. huh's group moves are
// unexported: a one-field form's NextField on its last (only) field returns
// exactly huh's nextGroup, and PrevField on its first returns prevGroup.
// Each probe is checked by the type of the message it returns, so a change
// in huh makes the probe find nothing (the form then works as before,
// asynchronously) instead of running an unknown command; a unit test fails
// in that case.
func probeInstant() instantCmds {
	instantOnce.Do(func() {
		instant = instantCmds{focus: map[uintptr]bool{}, batch: map[uintptr]bool{}}
		instant.focus[cmdPointer(huh.NextField)] = true
		instant.focus[cmdPointer(huh.PrevField)] = true
		nop := func() tea.Msg { return nil }
		instant.batch[cmdPointer(tea.Batch(nop, nop))] = true
		instant.batch[cmdPointer(tea.Sequence(nop, nop))] = true
		for _, next := range []bool{true, false} {
			note := huh.NewNote().Title("probe")
			f := huh.NewForm(huh.NewGroup(note))
			var c tea.Cmd
			if next {
				c = f.NextField()
			} else {
				c = f.PrevField()
			}
			if c == nil || instant.batch[cmdPointer(c)] {
				continue // not a single command: probe found nothing
			}
			want := "huh.prevGroupMsg"
			if next {
				want = "huh.nextGroupMsg"
			}
			if reflect.TypeOf(c()).String() == want {
				instant.focus[cmdPointer(c)] = true
			}
		}
	})
	return instant
}

// batchCmds returns the commands of a BatchMsg or a Sequence's message.
func batchCmds(msg tea.Msg) ([]tea.Cmd, bool) {
	if b, ok := msg.(tea.BatchMsg); ok {
		return b, true
	}
	v := reflect.ValueOf(msg)
	if !v.IsValid() || v.Kind() != reflect.Slice || v.Type().Elem() != reflect.TypeFor[tea.Cmd]() {
		return nil, false
	}
	out := make([]tea.Cmd, v.Len())
	for i := range out {
		out[i], _ = v.Index(i).Interface().(tea.Cmd)
	}
	return out, true
}

// feed hands one message to the form and resolves the focus moves it
// causes before returning, so the next key lands on the field that has
// focus after this one.
func (p *formPage) feed(a *App, msg tea.Msg) tea.Cmd {
	return p.feedDepth(a, msg, 0)
}

func (p *formPage) feedDepth(a *App, msg tea.Msg, depth int) tea.Cmd {
	if p.form == nil || p.phase != phaseEditing || p.form.State != huh.StateNormal {
		// A finished form (its review page open, or its call on the way)
		// takes nothing more: a message broadcast to every page must not
		// submit it again.
		return nil
	}
	fm, cmd := p.form.Update(msg)
	if f, ok := fm.(*huh.Form); ok {
		p.form = f
	}
	switch p.form.State {
	case huh.StateCompleted:
		return tea.Batch(cmd, p.submit(a))
	case huh.StateAborted:
		a.drafts[p.key] = p.draft()
		return tea.Batch(cmd, a.pop())
	}
	return p.settle(a, cmd, depth)
}

// settle runs the instant commands in cmd now (feeding focus moves back to
// the form) and returns the rest for the runtime.
func (p *formPage) settle(a *App, cmd tea.Cmd, depth int) tea.Cmd {
	if cmd == nil || depth > 32 {
		return cmd
	}
	in := probeInstant()
	ptr := cmdPointer(cmd)
	switch {
	case in.batch[ptr]:
		msg := cmd()
		cmds, ok := batchCmds(msg)
		if !ok {
			return func() tea.Msg { return msg }
		}
		var rest []tea.Cmd
		for _, c := range cmds {
			if r := p.settle(a, c, depth+1); r != nil {
				rest = append(rest, r)
			}
		}
		return tea.Batch(rest...)
	case in.focus[ptr]:
		return p.feedDepth(a, cmd(), depth+1)
	}
	return cmd
}

// maxQueuedKeys bounds the keys held back for later.
const maxQueuedKeys = 512

// typeAhead holds keys and pastes that arrived before what they were typed
// for could take them (a form still loading its choices, a call on its
// way, a dialog still counting dependents), to be applied in order later.
type typeAhead struct{ msgs []tea.Msg }

func (t *typeAhead) hold(msg tea.Msg) {
	if len(t.msgs) < maxQueuedKeys {
		t.msgs = append(t.msgs, msg)
	}
}

func (t *typeAhead) pending() bool { return len(t.msgs) > 0 }

// take returns what was held and forgets it.
func (t *typeAhead) take() []tea.Msg {
	m := t.msgs
	t.msgs = nil
	return m
}

// drop forgets what was held (typed for what comes after a call that
// failed: never typed into the form or dialog instead) and says so.
func (t *typeAhead) drop(banner []string, after string) []string {
	if n := len(t.take()); n > 0 {
		banner = append(banner, fmt.Sprintf("  %d keys typed after %s were not applied.", n, after))
	}
	return banner
}

// replay applies the queued input to the form that has just been built.
// Once a queued key has finished the form (its review page is up, or its
// call is on the way), the rest goes to what has focus then, in order.
func (p *formPage) replay(a *App) tea.Cmd {
	q := p.queued.take()
	var cmds []tea.Cmd
	for i, m := range q {
		if p.phase == phaseEditing && p.form != nil && p.form.State == huh.StateNormal && a.top() == Page(p) {
			cmds = append(cmds, p.feed(a, m))
			continue
		}
		cmds = append(cmds, a.replayInput(q[i:]))
		break
	}
	return tea.Batch(cmds...)
}

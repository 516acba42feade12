package ui

import (
	"fmt"
	"iter"
	"maps"
	"slices"
	"strings"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// tracker follows every resource in a transitional phase with targeted
// describe calls, backing off, until it settles, fails, times out or is
// gone. It lives on the App: leaving a pane or closing the tray never stops
// it. Operations the user started also appear in the activity tray.
type tracker struct {
	a      *App
	tracks map[string]*track
	ops    []*operation
	nextOp int
}

// operation is one mutation the user started, for the tray.
type operation struct {
	id        int
	action    string
	kind      *model.Kind
	region    string
	resID     string
	label     string
	started   time.Time
	ended     time.Time
	phase     string
	outcome   opOutcome
	requestID string
	err       error
	code      string // the API's error code of a failure
	// rejected: the call itself failed (or was never sent), so nothing
	// was accepted and nothing is followed.
	rejected bool
	target   string // what it waits for, in words
	// found: the write's outcome was unknown and the check found it
	// applied (outcome.go).
	found bool
}

type opOutcome int

const (
	opRunning opOutcome = iota
	opDone
	opFailed
	opTimedOut
	// opUnknown: the write may have been applied; phase says what the
	// check found (outcome.go).
	opUnknown
)

func (o opOutcome) String() string {
	switch o {
	case opDone:
		return "done"
	case opFailed:
		return "failed"
	case opTimedOut:
		return "timed out"
	case opUnknown:
		return "outcome unknown"
	}
	return "in progress"
}

type track struct {
	key    string
	kind   *model.Kind
	region string
	id     string
	obj    *model.Object
	// target statuses end tracking; empty means "any settled phase".
	target []string
	gone   bool // waiting for the resource to disappear (a delete)
	op     *operation

	next     time.Time
	delay    time.Duration
	deadline time.Time
	inflight bool
	misses   int // not-found answers while waiting for a new resource
	// insertInto is the pane the user started from: the first answer shows
	// the resource there even if that pane has no row for it yet.
	insertInto int
	// params are extra describe parameters (the table of a new entry).
	params map[string]string
	// svc, when set, follows a region service through its status call
	// instead of a describe (tracker_service.go).
	svc *forms.RegionService
}

type trackTickMsg struct{}

type trackResultMsg struct {
	key string
	obj *model.Object
	err error
}

// objectsChangedMsg tells every page that resources changed or went away.
type objectsChangedMsg struct {
	updated []*model.Object
	gone    []string
	// insertInto is the page that should show a new resource even though
	// it has no row for it yet (the pane the user created it from).
	insertInto int
	selectKey  string
}

const (
	trackFirstDelay = 2 * time.Second
	trackMaxDelay   = 15 * time.Second
	maxObserved     = 200
	trackTick       = time.Second
)

func newTracker(a *App) *tracker { return &tracker{a: a, tracks: map[string]*track{}} }

func (t *tracker) tick() tea.Cmd {
	return tea.Tick(trackTick, func(time.Time) tea.Msg { return trackTickMsg{} })
}

// observeRows starts tracking rows seen in a transitional phase, and keeps
// the phase of region services being opened on their rows.
func (t *tracker) observeRows(rows []*Row) tea.Cmd {
	now := t.a.now()
	svc := t.serviceRows(rows)
	for _, r := range rows {
		o := r.Obj
		if o.Kind.Get == nil || o.Kind.Phase(o.Status) != model.PhaseTransitional {
			continue
		}
		if _, ok := t.tracks[r.Key]; ok {
			continue
		}
		if t.observedCount() >= maxObserved {
			break
		}
		t.tracks[r.Key] = &track{key: r.Key, kind: o.Kind, region: o.Region, id: o.ID, obj: o,
			next: now.Add(trackFirstDelay), delay: trackFirstDelay, deadline: now.Add(timeoutOf(o.Kind))}
	}
	return svc
}

func (t *tracker) observedCount() int {
	return countWhere(maps.Values(t.tracks), func(tr *track) bool { return tr.op == nil })
}

func timeoutOf(k *model.Kind) time.Duration {
	m := k.TrackTimeoutMinutes
	if m <= 0 {
		m = 5
	}
	return time.Duration(m) * time.Minute
}

// follow tracks a resource changed by an operation until it reaches one of
// target (or is gone, for a delete). The first look is immediate, so the
// resource shows in its transitional phase at once; every answer for one
// resource comes from this one sequence of polls, so none can overtake
// another.
func (t *tracker) follow(op *operation, o *model.Object, target []string, gone bool, insertInto int, params map[string]string) tea.Cmd {
	now := t.a.now()
	key := rowKey(o)
	t.tracks[key] = &track{key: key, kind: o.Kind, region: o.Region, id: o.ID, obj: o, target: target, gone: gone, op: op,
		next: now, delay: trackFirstDelay, deadline: now.Add(timeoutOf(o.Kind)), insertInto: insertInto, params: params}
	op.target = describeTarget(target, gone)
	return t.poll()
}

func describeTarget(target []string, gone bool) string {
	if gone {
		return "gone"
	}
	if len(target) == 0 {
		return "settled"
	}
	return strings.Join(target, " or ")
}

// startOp records an operation for the tray.
func (t *tracker) startOp(action string, k *model.Kind, region, id, label string) *operation {
	t.nextOp++
	op := &operation{id: t.nextOp, action: action, kind: k, region: region, resID: id, label: label, started: t.a.now(), phase: "sending"}
	t.ops = append(t.ops, op)
	if len(t.ops) > 100 {
		t.ops = t.ops[len(t.ops)-100:]
	}
	return op
}

// failed records an operation the API refused (or that could not be sent)
// so the tray keeps it next to the successes: time, the API's action, what
// it was aimed at, the error code and the RequestId. Nothing is followed.
// The page that sent it shows the error itself, so this says nothing.
func (t *tracker) failed(action string, k *model.Kind, region, id, label string, err error) *operation {
	op := t.startOp(action, k, region, id, label)
	op.outcome, op.err, op.ended, op.rejected = opFailed, err, op.started, true
	op.requestID, op.code = client.RequestID(err), client.ErrorCode(err)
	_, _, sent := client.FailedCall(err)
	switch {
	case op.code != "":
		op.phase = "refused"
	case sent:
		op.phase = "no answer"
	default:
		op.phase = "not sent"
	}
	return op
}

// finish ends an operation and says so, whatever pane the user is in.
func (t *tracker) finish(op *operation, outcome opOutcome, err error) tea.Cmd {
	if op.outcome != opRunning {
		return nil
	}
	op.outcome, op.err, op.ended = outcome, err, t.a.now()
	if op.code == "" {
		op.code = client.ErrorCode(err)
	}
	what := op.resID
	if op.kind != nil {
		what = op.kind.Singular + " " + op.resID
	}
	took := ago(op.ended.Sub(op.started))
	switch outcome {
	case opDone:
		if op.target == "gone" {
			return t.a.flashInfo(fmt.Sprintf("✓ %s deleted (%s)", what, took))
		}
		return t.a.flashInfo(fmt.Sprintf("✓ %s is %s (%s)", what, op.phase, took))
	case opTimedOut:
		return t.a.flashError(fmt.Sprintf("%s still %s after %s; it is no longer tracked (t shows the activity)", what, op.phase, took))
	default:
		msg := fmt.Sprintf("✗ %s %s failed", op.action, what)
		if err != nil {
			msg += ": " + err.Error()
		}
		return t.a.flashError(msg)
	}
}

func (t *tracker) update(msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case trackTickMsg:
		return tea.Batch(t.poll(), t.tick())
	case trackResultMsg:
		return t.result(m)
	case serviceResultMsg:
		return t.serviceResult(m)
	}
	return nil
}

// poll sends a describe call for every due track.
func (t *tracker) poll() tea.Cmd {
	now := t.a.now()
	var cmds []tea.Cmd
	keys := make([]string, 0, len(t.tracks))
	for k := range t.tracks {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		tr := t.tracks[k]
		if tr.inflight {
			continue
		}
		if now.After(tr.deadline) {
			delete(t.tracks, k)
			if tr.op != nil {
				cmds = append(cmds, t.finish(tr.op, opTimedOut, nil))
			}
			continue
		}
		if now.Before(tr.next) {
			continue
		}
		tr.inflight = true
		if tr.svc != nil {
			cmds = append(cmds, t.pollService(tr))
			continue
		}
		c, ctx := t.a.opt.Client, t.a.ctx
		kind, region, id, prev, key, params := tr.kind, tr.region, tr.id, tr.obj, tr.key, tr.params
		cmds = append(cmds, func() tea.Msg {
			o, err := c.GetWith(ctx, kind, region, id, prev, params)
			return trackResultMsg{key: key, obj: o, err: err}
		})
	}
	return tea.Batch(cmds...)
}

// answered takes a poll's answer for key: the track (if it is still
// followed) is free for its next poll, which backs off.
func (t *tracker) answered(key string) (*track, bool) {
	tr, ok := t.tracks[key]
	if !ok {
		return nil, false
	}
	tr.inflight = false
	tr.next = t.a.now().Add(tr.delay)
	tr.delay = min(tr.delay*3/2, trackMaxDelay)
	return tr, true
}

func (t *tracker) result(m trackResultMsg) tea.Cmd {
	tr, ok := t.answered(m.key)
	if !ok {
		return nil
	}
	if m.err != nil {
		if tr.op != nil {
			tr.op.requestID = client.RequestID(m.err)
			tr.op.phase = "checking (" + client.ErrorCode(m.err) + ")"
		}
		return nil // transient: the next poll tries again until the deadline
	}
	if m.obj == nil {
		if !tr.gone && tr.op != nil && tr.misses < 3 {
			// A new resource may take a moment to show up in reads.
			tr.misses++
			return nil
		}
		delete(t.tracks, m.key)
		cmds := []tea.Cmd{func() tea.Msg { return objectsChangedMsg{gone: []string{m.key}} }}
		if tr.op != nil {
			tr.op.phase = "gone"
			if tr.gone {
				cmds = append(cmds, t.finish(tr.op, opDone, nil))
			} else {
				cmds = append(cmds, t.finish(tr.op, opFailed, fmt.Errorf("it disappeared while being created")))
			}
		}
		return tea.Batch(cmds...)
	}
	tr.obj = m.obj
	into := tr.insertInto
	tr.insertInto = 0
	changed := func() tea.Msg {
		msg := objectsChangedMsg{updated: []*model.Object{m.obj}, insertInto: into}
		if into != 0 {
			msg.selectKey = m.key
		}
		return msg
	}
	phase := m.obj.Kind.Phase(m.obj.Status)
	if tr.op != nil {
		tr.op.phase = m.obj.Status
	}
	switch {
	case tr.gone:
		// Still there (Deleting): keep waiting.
		return changed
	case len(tr.target) > 0 && containsFoldAny(tr.target, m.obj.Status):
		delete(t.tracks, m.key)
		if tr.op != nil {
			return tea.Batch(changed, t.finish(tr.op, opDone, nil))
		}
		return changed
	case phase == model.PhaseFailed:
		delete(t.tracks, m.key)
		if tr.op != nil {
			return tea.Batch(changed, t.finish(tr.op, opFailed, fmt.Errorf("it is %s", m.obj.Status)))
		}
		return changed
	case phase != model.PhaseTransitional && len(tr.target) == 0:
		delete(t.tracks, m.key)
		if tr.op != nil {
			return tea.Batch(changed, t.finish(tr.op, opDone, nil))
		}
		return changed
	}
	return changed
}

func containsFoldAny(list []string, s string) bool {
	for _, v := range list {
		if strings.EqualFold(v, s) {
			return true
		}
	}
	return false
}

// inFlight counts operations still running.
func (t *tracker) inFlight() int { return t.countOps(opRunning) }

// countOps counts the operations kept whose outcome is o.
func (t *tracker) countOps(o opOutcome) int {
	return countWhere(slices.Values(t.ops), func(op *operation) bool { return op.outcome == o })
}

// countWhere counts the values of seq that keep holds for.
func countWhere[T any](seq iter.Seq[T], keep func(T) bool) int {
	n := 0
	for v := range seq {
		if keep(v) {
			n++
		}
	}
	return n
}

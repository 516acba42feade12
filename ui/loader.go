package ui

import (
	"context"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// loadEvent is a client.Event with its objects already turned into rows
// (off the UI goroutine).
type loadEvent struct {
	src     string // listing key
	rows    []*Row
	page    int
	pages   int
	done    bool
	err     error
	update  bool
	planned int
}

// loadMsg carries a batch of events to a page.
type loadMsg struct {
	id, seq int
	events  []loadEvent
	closed  bool // the job has finished
	calls   int  // API calls the job made (when closed)
}

func (m loadMsg) pageID() int { return m.id }

// loadJob collects a view in the background and streams it to the page.
type loadJob struct {
	id, seq int
	ch      chan loadEvent
	cancel  context.CancelFunc
	mu      sync.Mutex
	calls   int
	last    time.Time
}

// startLoad begins a job and returns the command that delivers its first
// batch.
func startLoad(ctx context.Context, c *client.Client, view *model.Kind, id, seq int, plan []client.Listing, expand []client.Expansion) (*loadJob, tea.Cmd) {
	jctx, cancel := context.WithCancel(ctx)
	j := &loadJob{id: id, seq: seq, ch: make(chan loadEvent, 64), cancel: cancel}
	go func() {
		defer close(j.ch)
		calls := c.Collect(jctx, plan, expand, func(ev client.Event) bool {
			le := loadEvent{src: ev.Listing, page: ev.Page, pages: ev.Pages, done: ev.Done, err: ev.Err, update: ev.Update, planned: ev.Planned}
			if len(ev.Objects) > 0 {
				le.rows = make([]*Row, len(ev.Objects))
				for i, o := range ev.Objects {
					le.rows[i] = loadedRow(view, o, ev.Listing)
				}
			}
			select {
			case j.ch <- le:
				return true
			case <-jctx.Done():
				return false
			}
		})
		j.mu.Lock()
		j.calls = calls
		j.mu.Unlock()
	}()
	return j, j.next()
}

// loadedRow is a listed object as the table keeps it: cells computed once,
// then the decoded value dropped (the raw JSON rebuilds it on demand), which
// is a fifth of the memory of a large pane.
func loadedRow(view *model.Kind, o *model.Object, src string) *Row {
	r := newRow(view, o)
	r.src = src
	o.Compact()
	return r
}

// coalesce is how long a batch may gather pages after the first delivery:
// the first page shows at once, later ones arrive a few times a second so a
// 100,000-row load does not re-sort on every page.
const coalesce = 40 * time.Millisecond

// next returns the command that delivers the next batch.
func (j *loadJob) next() tea.Cmd {
	return func() tea.Msg {
		ev, ok := <-j.ch
		if !ok {
			j.mu.Lock()
			defer j.mu.Unlock()
			return loadMsg{id: j.id, seq: j.seq, closed: true, calls: j.calls}
		}
		events := []loadEvent{ev}
		n := len(ev.rows)
		j.mu.Lock()
		first := j.last.IsZero()
		j.mu.Unlock()
		if !first {
			timer := time.NewTimer(coalesce)
			defer timer.Stop()
		gather:
			for n < 20000 {
				select {
				case ev, ok := <-j.ch:
					if !ok {
						break gather
					}
					events = append(events, ev)
					n += len(ev.rows)
				case <-timer.C:
					break gather
				}
			}
		}
		j.mu.Lock()
		j.last = time.Now()
		j.mu.Unlock()
		return loadMsg{id: j.id, seq: j.seq, events: events}
	}
}

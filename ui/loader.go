package ui

import (
	"context"
	"errors"
	"sort"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// listing is one paged list: one kind, one region, one set of scope
// parameters. A view is one or more listings (every region, every member of
// a union, every parent of a kind that needs one).
type listing struct {
	kind   *model.Kind
	region string
	params map[string]string
	match  func(*model.Object) bool // client-side scope filter
	key    string
}

func newListing(k *model.Kind, region string, params map[string]string, match func(*model.Object) bool) listing {
	l := listing{kind: k, region: region, params: params, match: match}
	keys := make([]string, 0, len(params))
	for p, v := range params {
		keys = append(keys, p+"="+v)
	}
	sort.Strings(keys)
	l.key = k.Name + "@" + region + "?" + strings.Join(keys, "&")
	return l
}

// loadEvent is one thing that happened in a load job.
type loadEvent struct {
	src   string // listing key
	rows  []*Row
	page  int
	pages int
	done  bool // the listing finished (successfully unless err)
	err   error
	// update marks rows that refine rows already sent (extra calls).
	update bool
	// planned announces listings discovered while loading (children of
	// parents listed first).
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

// loadJob runs listings in the background and streams events to the page.
type loadJob struct {
	id, seq int
	ch      chan loadEvent
	cancel  context.CancelFunc
	calls   int
	mu      sync.Mutex
	last    time.Time
}

// fanout bounds the listings run at once; the client's budget bounds the
// requests underneath.
const fanout = 16

// startLoad begins a job for plan and returns the command that delivers its
// first batch.
func startLoad(ctx context.Context, c *client.Client, view *model.Kind, id, seq int, plan []listing, expand []expansion) (*loadJob, tea.Cmd) {
	jctx, cancel := context.WithCancel(ctx)
	j := &loadJob{id: id, seq: seq, ch: make(chan loadEvent, 64), cancel: cancel}
	go j.run(jctx, c, view, plan, expand)
	return j, j.next()
}

// expansion lists parents first and then each parent's children: route
// entries of every route table, SNAT entries of every NAT gateway.
type expansion struct {
	child, parent *model.Kind
	scope         model.Scope
	region        string
}

func (j *loadJob) send(ctx context.Context, ev loadEvent) bool {
	select {
	case j.ch <- ev:
		return true
	case <-ctx.Done():
		return false
	}
}

func (j *loadJob) countCall() {
	j.mu.Lock()
	j.calls++
	j.mu.Unlock()
}

func (j *loadJob) run(ctx context.Context, c *client.Client, view *model.Kind, plan []listing, expand []expansion) {
	defer close(j.ch)
	sem := make(chan struct{}, fanout)
	var wg sync.WaitGroup
	runListing := func(l listing) {
		defer wg.Done()
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		defer func() { <-sem }()
		j.runListing(ctx, c, view, l)
	}
	for _, l := range plan {
		wg.Add(1)
		go runListing(l)
	}
	for _, x := range expand {
		wg.Add(1)
		go func(x expansion) {
			defer wg.Done()
			src := "parents:" + x.parent.Name + "@" + x.region
			var parents []*model.Object
			err := c.ListObjects(ctx, x.parent, x.region, nil, func(objs []*model.Object, pg client.Page) error {
				j.countCall()
				parents = append(parents, objs...)
				return nil
			})
			if err != nil {
				j.send(ctx, loadEvent{src: src, done: true, err: err})
				return
			}
			var children []listing
			for _, p := range parents {
				children = append(children, scopedListings(x.child, p, x.scope)...)
			}
			if !j.send(ctx, loadEvent{src: src, done: true, planned: len(children)}) {
				return
			}
			for _, l := range children {
				wg.Add(1)
				go runListing(l)
			}
		}(x)
	}
	wg.Wait()
}

func (j *loadJob) runListing(ctx context.Context, c *client.Client, view *model.Kind, l listing) {
	var enrich sync.WaitGroup
	err := c.ListObjects(ctx, l.kind, l.region, l.params, func(objs []*model.Object, pg client.Page) error {
		j.countCall()
		rows := make([]*Row, 0, len(objs))
		kept := objs[:0]
		for _, o := range objs {
			if l.match != nil && !l.match(o) {
				continue
			}
			kept = append(kept, o)
			r := newRow(view, o)
			r.src = l.key
			rows = append(rows, r)
		}
		if !j.send(ctx, loadEvent{src: l.key, rows: rows, page: pg.Number, pages: pg.Pages}) {
			return ctx.Err()
		}
		if len(l.kind.Extras) > 0 {
			enrich.Add(1)
			go func(objs []*model.Object) {
				defer enrich.Done()
				j.enrich(ctx, c, view, l, objs)
			}(append([]*model.Object(nil), kept...))
		}
		return nil
	})
	enrich.Wait()
	if errors.Is(err, context.Canceled) {
		return
	}
	j.send(ctx, loadEvent{src: l.key, done: true, err: err})
}

// enrich runs a kind's extra calls for each object and sends the refined
// rows. Failures are reported once per listing; the rows keep what arrived.
func (j *loadJob) enrich(ctx context.Context, c *client.Client, view *model.Kind, l listing, objs []*model.Object) {
	sem := make(chan struct{}, 8)
	var mu sync.Mutex
	var rows []*Row
	var firstErr error
	var wg sync.WaitGroup
	for _, o := range objs {
		wg.Add(1)
		go func(o *model.Object) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			err := c.Enrich(ctx, o)
			j.countCall()
			mu.Lock()
			defer mu.Unlock()
			if err != nil && firstErr == nil && ctx.Err() == nil {
				firstErr = err
			}
			r := newRow(view, o)
			r.src = l.key
			rows = append(rows, r)
		}(o)
	}
	wg.Wait()
	if ctx.Err() != nil {
		return
	}
	j.send(ctx, loadEvent{src: l.key, rows: rows, update: true, err: firstErr})
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
			return loadMsg{id: j.id, seq: j.seq, closed: true, calls: j.callCount()}
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

func (j *loadJob) callCount() int {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.calls
}

// scopedListings are the listings of child kind k under parent p.
func scopedListings(k *model.Kind, p *model.Object, s model.Scope) []listing {
	if s.Param == "RegionId" || p.Kind.Name == "region" {
		return []listing{newListing(k, p.ID, copyParams(s.Params), nil)}
	}
	if s.Param == "" {
		parentID := p.ID
		of := s.Of
		return []listing{newListing(k, p.Region, copyParams(s.Params), func(o *model.Object) bool {
			return of != nil && of(o) == parentID
		})}
	}
	values := []string{p.ID}
	if s.Values != nil {
		values = s.Values(p)
	}
	out := make([]listing, 0, len(values))
	for _, v := range values {
		if v == "" {
			continue
		}
		params := copyParams(s.Params)
		params[s.Param] = v
		out = append(out, newListing(k, p.Region, params, nil))
	}
	return out
}

func copyParams(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// planView turns a view into listings and expansions.
func planView(reg *model.Registry, view *model.Kind, parent *model.Object, regions []string) ([]listing, []expansion) {
	kinds := []*model.Kind{view}
	if view.IsUnion() {
		kinds = reg.MembersOf(view)
	}
	var plan []listing
	var expand []expansion
	for _, k := range kinds {
		if parent != nil {
			s, ok := k.ScopeFor(parent.Kind.Name)
			if !ok {
				continue // a union member that is not related to the parent
			}
			plan = append(plan, scopedListings(k, parent, s)...)
			continue
		}
		if k.Global {
			plan = append(plan, newListing(k, "", nil, nil))
			continue
		}
		var req *model.Scope
		for i := range k.Scopes {
			if k.Scopes[i].Required {
				req = &k.Scopes[i]
				break
			}
		}
		for _, r := range regions {
			if req != nil {
				pk, ok := reg.Lookup(req.Parent)
				if !ok {
					continue
				}
				expand = append(expand, expansion{child: k, parent: pk, scope: *req, region: r})
				continue
			}
			plan = append(plan, newListing(k, r, nil, nil))
		}
	}
	return plan, expand
}

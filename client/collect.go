package client

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/alivpc/alivpc/model"
)

// Listing is one paged list: one kind, one region, one set of scope
// parameters. A view is one or more listings — every region, every member
// of a union pane, every parent of a kind that needs one.
type Listing struct {
	Kind   *model.Kind
	Region string
	Params map[string]string
	// Match filters on the client when the API cannot scope the list.
	Match func(*model.Object) bool
	// Key identifies the listing (kind, region, parameters).
	Key string
}

// NewListing builds a listing and its key.
func NewListing(k *model.Kind, region string, params map[string]string, match func(*model.Object) bool) Listing {
	l := Listing{Kind: k, Region: region, Params: params, Match: match}
	keys := make([]string, 0, len(params))
	for p, v := range params {
		keys = append(keys, p+"="+v)
	}
	sort.Strings(keys)
	l.Key = k.Name + "@" + region + "?" + strings.Join(keys, "&")
	return l
}

// Expansion lists parents first and then each parent's children: route
// entries of every route table, SNAT entries of every NAT gateway.
type Expansion struct {
	Child, Parent *model.Kind
	Scope         model.Scope
	Region        string
}

// Key identifies the parents' listing.
func (x Expansion) Key() string { return "parents:" + x.Parent.Name + "@" + x.Region }

// ScopedListings are the listings of child kind k under parent p.
func ScopedListings(k *model.Kind, p *model.Object, s model.Scope) []Listing {
	if s.Param == "RegionId" || p.Kind.Name == "region" {
		return []Listing{NewListing(k, p.ID, copyMap(s.Params), nil)}
	}
	if s.Param == "" {
		parentID, of := p.ID, s.Of
		return []Listing{NewListing(k, p.Region, copyMap(s.Params), func(o *model.Object) bool {
			return of != nil && of(o) == parentID
		})}
	}
	values := []string{p.ID}
	if s.Values != nil {
		values = s.Values(p)
	}
	out := make([]Listing, 0, len(values))
	for _, v := range values {
		if v == "" {
			continue
		}
		params := copyMap(s.Params)
		params[s.Param] = v
		out = append(out, NewListing(k, p.Region, params, nil))
	}
	return out
}

func copyMap(m map[string]string) map[string]string {
	out := make(map[string]string, len(m)+1)
	for k, v := range m {
		out[k] = v
	}
	return out
}

// Plan turns a view — a kind (or union), an optional parent, the regions —
// into listings and expansions.
func Plan(reg *model.Registry, view *model.Kind, parent *model.Object, regions []string) ([]Listing, []Expansion) {
	kinds := []*model.Kind{view}
	if view.IsUnion() {
		kinds = reg.MembersOf(view)
	}
	var plan []Listing
	var expand []Expansion
	for _, k := range kinds {
		if parent != nil {
			s, ok := k.ScopeFor(parent.Kind.Name)
			if !ok {
				continue // a union member that is not related to the parent
			}
			plan = append(plan, ScopedListings(k, parent, s)...)
			continue
		}
		if k.Global {
			plan = append(plan, NewListing(k, "", nil, nil))
			continue
		}
		req := requiredScope(k)
		for _, r := range regions {
			if req != nil {
				if pk, ok := reg.Lookup(req.Parent); ok {
					expand = append(expand, Expansion{Child: k, Parent: pk, Scope: *req, Region: r})
				}
				continue
			}
			plan = append(plan, NewListing(k, r, nil, nil))
		}
	}
	return plan, expand
}

// Event is one thing that happened while collecting.
type Event struct {
	Listing string // Listing.Key (or Expansion.Key for parents)
	Objects []*model.Object
	Page    int
	Pages   int
	// Done: the listing finished, successfully unless Err.
	Done bool
	Err  error
	// Update marks objects refined by their kind's extra calls; they were
	// handed out before.
	Update bool
	// Planned announces listings discovered while collecting (the
	// children of parents listed first).
	Planned int
}

// Fanout bounds the listings collected at once; the client's budget bounds
// the requests underneath. It is well above the budget's concurrency on
// purpose: with every listing open, the budget's slots go round-robin to
// all of them (blocked senders on its semaphore are served in order), so
// 25 regions of 16 pages finish together after about 400/20 round trips.
// A fan-out at or below the budget finishes listings in waves instead (16
// regions, then the other 9): 2.2× the longest listing's time instead of
// about 1.45× (BenchmarkVSwitchInventory).
const Fanout = 256

// The ceilings of one view: every listing of one Collect together. Each
// listing has its own (MaxListingItems, MaxListingBytes), but a view
// multiplies them: every region an endpoint names, every parent. The
// largest real view of the large simulated account, `:route all`, is
// 108,067 route entries in 50 MB of JSON; these are about three times
// that. The listing that crosses one ends with a *ListingStoppedError and
// the others are stopped; what arrived before is kept.
const (
	MaxViewItems = 300_000
	MaxViewBytes = 128 << 20
)

// viewCeiling is what Collect enforces; tests lower it.
var viewCeiling = struct{ items, bytes int64 }{MaxViewItems, MaxViewBytes}

// viewTally counts what a view received, across its listings.
type viewTally struct {
	items, bytes atomic.Int64
	over         atomic.Bool
	// scale multiplies the ceilings (0 is 1): an inventory streams what it
	// lists instead of holding it (InventoryScale).
	scale int64
}

// add counts a page of objects; the first page that crosses a ceiling gets
// the error that ends its listing, and later ones context.Canceled (the
// view is being stopped).
func (v *viewTally) add(action string, objs []*model.Object) error {
	var b int64
	for _, o := range objs {
		b += int64(len(o.Raw))
	}
	items, bytes := v.items.Add(int64(len(objs))), v.bytes.Add(b)
	maxItems, maxBytes := viewCeiling.items*max(v.scale, 1), viewCeiling.bytes*max(v.scale, 1)
	if items <= maxItems && bytes <= maxBytes {
		return nil
	}
	if !v.over.CompareAndSwap(false, true) {
		return context.Canceled
	}
	reason := fmt.Sprintf("the view reached the ceiling of %s items across its listings, so every listing was stopped", group(int(maxItems)))
	if items <= maxItems {
		reason = fmt.Sprintf("the view reached the ceiling of %d MiB of items across its listings, so every listing was stopped", maxBytes>>20)
	}
	return &ListingStoppedError{Action: action, Items: int(items), Reason: reason}
}

// Collect runs listings concurrently (pages of one listing stay
// sequential), lists parents before their children, runs each kind's extra
// calls after each page, and hands every event to emit as it happens —
// from several goroutines. emit returning false stops everything. Collect
// returns the number of API calls made.
func (c *Client) Collect(ctx context.Context, plan []Listing, expand []Expansion, emit func(Event) bool) int {
	return c.collect(ctx, plan, expand, nil, &viewTally{}, emit)
}

// collect is Collect; hook, when set, sees each event before emit does: it
// returns the event to hand out and the listings to start at once, beside
// the others (Inventory's children of the parents on a page), which an
// event with only Planned set (and the event's listing key) announces
// first.
func (c *Client) collect(ctx context.Context, plan []Listing, expand []Expansion, hook func(Event) (Event, []Listing), tally *viewTally, emit func(Event) bool) int {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	var calls atomic.Int64
	var wg sync.WaitGroup
	var run func(l Listing)
	send := func(ev Event) bool {
		if ctx.Err() != nil {
			return false
		}
		var more []Listing
		if hook != nil {
			ev, more = hook(ev)
		}
		if len(more) > 0 && !emit(Event{Listing: ev.Listing, Planned: len(more)}) {
			cancel()
			return false
		}
		if !emit(ev) {
			cancel()
			return false
		}
		// Called from a running listing, so wg is above zero.
		for _, l := range more {
			wg.Add(1)
			go run(l)
		}
		return true
	}
	sem := make(chan struct{}, Fanout)
	run = func(l Listing) {
		defer wg.Done()
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
			return
		}
		defer func() { <-sem }()
		if c.collectListing(ctx, l, &calls, tally, send) {
			cancel()
		}
	}
	for _, l := range plan {
		wg.Add(1)
		go run(l)
	}
	for _, x := range expand {
		wg.Add(1)
		go func(x Expansion) {
			defer wg.Done()
			var parents []*model.Object
			err := c.ListObjects(ctx, x.Parent, x.Region, nil, func(objs []*model.Object, _ Page) error {
				calls.Add(1)
				parents = append(parents, objs...)
				return tally.add(x.Parent.List.Action, objs)
			})
			if errors.Is(err, context.Canceled) {
				return
			}
			if err != nil {
				send(Event{Listing: x.Key(), Done: true, Err: err})
				if tally.over.Load() {
					cancel()
				}
				return
			}
			var children []Listing
			for _, p := range parents {
				children = append(children, ScopedListings(x.Child, p, x.Scope)...)
			}
			if !send(Event{Listing: x.Key(), Done: true, Planned: len(children)}) {
				return
			}
			for _, l := range children {
				wg.Add(1)
				go run(l)
			}
		}(x)
	}
	wg.Wait()
	return int(calls.Load())
}

// collectListing runs one listing; it reports whether the listing crossed
// the view's ceiling, so that Collect stops the others.
func (c *Client) collectListing(ctx context.Context, l Listing, calls *atomic.Int64, tally *viewTally, send func(Event) bool) bool {
	var enrich sync.WaitGroup
	err := c.ListObjects(ctx, l.Kind, l.Region, l.Params, func(objs []*model.Object, pg Page) error {
		calls.Add(1)
		if err := tally.add(l.Kind.List.Action, objs); err != nil {
			return err
		}
		kept := make([]*model.Object, 0, len(objs))
		for _, o := range objs {
			if l.Match == nil || l.Match(o) {
				kept = append(kept, o)
			}
		}
		if !send(Event{Listing: l.Key, Objects: kept, Page: pg.Number, Pages: pg.Pages}) {
			return context.Canceled
		}
		if len(l.Kind.Extras) > 0 && len(kept) > 0 {
			enrich.Add(1)
			go func() {
				defer enrich.Done()
				c.enrichAll(ctx, l, kept, calls, send)
			}()
		}
		return nil
	})
	enrich.Wait()
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return false
	}
	send(Event{Listing: l.Key, Done: true, Err: err})
	var se *ListingStoppedError
	return errors.As(err, &se) && tally.over.Load()
}

// enrichAll runs the extra calls for each object (at most 8 at once) and
// sends the refined objects; the first failure is reported with them. It
// works on fresh copies: the objects already handed out are never mutated.
func (c *Client) enrichAll(ctx context.Context, l Listing, handed []*model.Object, calls *atomic.Int64, send func(Event) bool) {
	objs := make([]*model.Object, 0, len(handed))
	for _, o := range handed {
		if cp, err := o.Kind.Decode(o.Region, o.Raw); err == nil {
			objs = append(objs, cp)
		}
	}
	sem := make(chan struct{}, 8)
	var mu sync.Mutex
	var firstErr error
	var wg sync.WaitGroup
	for _, o := range objs {
		wg.Add(1)
		go func(o *model.Object) {
			defer wg.Done()
			sem <- struct{}{}
			defer func() { <-sem }()
			err := c.Enrich(ctx, o)
			calls.Add(int64(len(o.Kind.Extras)))
			if err != nil && ctx.Err() == nil {
				mu.Lock()
				if firstErr == nil {
					firstErr = err
				}
				mu.Unlock()
			}
		}(o)
	}
	wg.Wait()
	if ctx.Err() != nil {
		return
	}
	send(Event{Listing: l.Key, Objects: objs, Update: true, Err: firstErr})
}

package ui

import (
	"bytes"
	"fmt"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// browser is a resource pane: a table over one kind, optionally scoped to a
// parent, in one region or every region.
type browser struct {
	// trackedAt is when the tracker last put a described (fresher than
	// listed) copy of a row on screen, by row key: a listing started
	// before that must not put an older copy back. Few rows, so a map.
	trackedAt map[string]time.Time
	// spark is the sparkline column's state (monitor.go).
	spark  sparkState
	id     int
	kind   *model.Kind
	parent *model.Object
	// parentRef is a parent named by ID in a `:` command, fetched before
	// the first load when the scope needs more than its ID.
	parentRef  *parentRef
	regions    []string
	allRegions bool

	table *Table

	job        *loadJob
	seq        int
	loading    bool
	refreshing bool
	progress   map[string][2]int // listing → page, pages
	planned    int               // listings expected (for progress)
	finished   map[string]bool
	staged     map[string][]*Row // refresh: rows per listing, applied when it finishes
	seen       map[string]bool   // refresh: listings that answered
	loadErr    error             // shown until a load succeeds
	jobErr     error             // the current job's first error
	lastLoad   time.Time         // when the last full load or refresh finished
	loadStart  time.Time
	calls      int // API calls of the last full load (sets the refresh cadence)
	refreshGen int

	filterEditing bool
	filterIn      textinput.Model // the filter line (bubbles' textinput)
	filter        *Filter
	filterGen     int
	filterBusy    bool
	lastFilter    *Filter
	lastResult    []int32

	removals bool // rows waiting to be dropped after their removed highlight
}

type parentRef struct {
	kind   *model.Kind
	id     string
	region string
}

func newBrowser(a *App, k *model.Kind, parent *model.Object, regions []string, all bool) *browser {
	b := &browser{id: a.newID(), kind: k, parent: parent, regions: regions, allRegions: all, table: NewTable(k),
		filterIn: newLineInput(a, "/")}
	return b
}

func (b *browser) ID() int { return b.id }

// Crumb names the pane: "VSwitches of vpc-1 (prod-core)".
func (b *browser) Crumb() string {
	title := b.kind.Title
	switch {
	case b.parent != nil && b.parent.Kind.Name == "region":
		return title + " in " + b.parent.ID
	case b.parent != nil:
		label := b.parent.ID
		if b.parent.Name != "" && b.parent.Name != b.parent.ID {
			label += " (" + b.parent.Name + ")"
		}
		return title + " of " + label
	case b.parentRef != nil:
		return title + " of " + b.parentRef.id
	case b.allRegions:
		return title + " (all regions)"
	}
	return title
}

func (b *browser) regionLabel() string {
	switch {
	case b.allRegions:
		return "all"
	case b.kind.Global:
		return ""
	}
	return b.scopeRegion()
}

func (b *browser) Close() {
	if b.job != nil {
		b.job.cancel()
		b.job = nil
	}
}

// Typing reports whether the filter line has the keyboard.
func (b *browser) Typing() bool { return b.filterEditing }

// Activated runs when the page becomes the top page: load it the first
// time, refresh it if it went stale while hidden.
func (b *browser) Activated(a *App) tea.Cmd {
	if b.lastLoad.IsZero() && !b.loading {
		return b.load(a, false)
	}
	// Back from a drill-down: the window may have changed meanwhile.
	relayout := b.resized(a)
	if !b.loading && a.now().Sub(b.lastLoad) >= b.interval(a) {
		return tea.Batch(relayout, b.load(a, true))
	}
	return tea.Batch(relayout, b.scheduleRefresh(a))
}

// resized lays the table out for the window's width and, when that shows
// or hides a column, reruns the filter: plain words match only the cells
// on screen.
func (b *browser) resized(a *App) tea.Cmd {
	b.layout(a)
	if b.filter != nil && !b.filter.Empty() && b.table.ShownChanged() {
		return b.refilter(a)
	}
	return nil
}

// layout fits the table's columns to the window (View does the same with
// the height too).
func (b *browser) layout(a *App) {
	b.table.HideColumn("Region", !b.allRegions)
	if a.width > 0 {
		b.table.SetWidth(a.width)
	}
}

// interval is the refresh cadence: the configured interval, stretched for
// views that take many calls so that idle refresh stays cheap (at most
// about 20 calls per interval).
func (b *browser) interval(a *App) time.Duration {
	n := (b.calls + 19) / 20
	if n < 1 {
		n = 1
	}
	return a.opt.Refresh * time.Duration(n)
}

type refreshTickMsg struct{ id, gen int }

func (m refreshTickMsg) pageID() int { return m.id }

type presortMsg struct {
	id, ver int
	orders  map[int][]int32
}

func (m presortMsg) pageID() int { return m.id }

// presort sorts every column in the background once a large load has
// settled, so a sort key press is instant.
func (b *browser) presort() tea.Cmd {
	ver, job := b.table.PresortJob()
	if job == nil {
		return nil
	}
	id := b.id
	return func() tea.Msg { return presortMsg{id: id, ver: ver, orders: job()} }
}

type sweepMsg struct{ id int }

func (m sweepMsg) pageID() int { return m.id }

type filterDebounceMsg struct{ id, gen int }

func (m filterDebounceMsg) pageID() int { return m.id }

type filterResultMsg struct {
	id, gen int
	f       *Filter
	res     []int32
	snap    FilterSnapshot
}

func (m filterResultMsg) pageID() int { return m.id }

type parentResolvedMsg struct {
	id  int
	obj *model.Object
	err error
}

func (m parentResolvedMsg) pageID() int { return m.id }

func (b *browser) scheduleRefresh(a *App) tea.Cmd {
	b.refreshGen++
	gen, id := b.refreshGen, b.id
	return tea.Tick(b.interval(a), func(time.Time) tea.Msg { return refreshTickMsg{id, gen} })
}

// regionsFor returns the regions a load covers.
func (b *browser) regionsFor(a *App) []string {
	if b.allRegions {
		return a.regions
	}
	if len(b.regions) > 0 {
		return b.regions
	}
	return []string{a.opt.Region}
}

// load starts a load (or, with refresh, a background relist whose answer
// replaces rows listing by listing).
func (b *browser) load(a *App, refresh bool) tea.Cmd {
	if b.job != nil {
		b.job.cancel()
	}
	if b.parentRef != nil && b.parent == nil {
		return b.resolveParent(a)
	}
	if b.allRegions && len(a.regions) == 0 {
		return b.loadRegionsFirst(a)
	}
	b.seq++
	b.jobErr = nil
	b.loading, b.refreshing = true, refresh
	b.loadStart = a.now()
	b.progress = map[string][2]int{}
	b.finished = map[string]bool{}
	b.staged = map[string][]*Row{}
	b.seen = map[string]bool{}
	plan, expand := client.Plan(a.reg, b.kind, b.parent, b.regionsFor(a))
	b.planned = len(plan) + len(expand)
	job, cmd := startLoad(a.ctx, a.opt.Client, b.kind, b.id, b.seq, plan, expand)
	b.job = job
	return cmd
}

type regionsMsg struct {
	regions []string
}

type regionsLoadedMsg struct {
	id      int
	regions []string
	err     error
}

func (m regionsLoadedMsg) pageID() int { return m.id }

// loadRegionsFirst lists the regions once, for views over every region.
func (b *browser) loadRegionsFirst(a *App) tea.Cmd {
	b.loading = true
	b.loadStart = a.now()
	c, ctx, id := a.opt.Client, a.ctx, b.id
	k := a.reg.MustLookup("region")
	return func() tea.Msg {
		var ids []string
		err := c.ListObjects(ctx, k, "", nil, func(objs []*model.Object, _ client.Page) error {
			for _, o := range objs {
				ids = append(ids, o.ID)
			}
			return nil
		})
		return regionsLoadedMsg{id: id, regions: ids, err: err}
	}
}

// resolveParent fetches a parent named by ID in a command.
func (b *browser) resolveParent(a *App) tea.Cmd {
	b.loading = true
	b.loadStart = a.now()
	c, ctx, id, ref := a.opt.Client, a.ctx, b.id, *b.parentRef
	return func() tea.Msg {
		if ref.kind.Get == nil {
			// Kinds without a targeted get are found by listing.
			var found *model.Object
			err := c.ListObjects(ctx, ref.kind, ref.region, nil, func(objs []*model.Object, _ client.Page) error {
				for _, o := range objs {
					if o.ID == ref.id {
						found = o
					}
				}
				return nil
			})
			if err == nil && found == nil {
				err = fmt.Errorf("%s %s was not found in %s", ref.kind.Singular, ref.id, ref.region)
			}
			return parentResolvedMsg{id: id, obj: found, err: err}
		}
		o, err := c.Get(ctx, ref.kind, ref.region, ref.id, nil)
		if err == nil && o == nil {
			err = fmt.Errorf("%s %s was not found in %s", ref.kind.Singular, ref.id, ref.region)
		}
		return parentResolvedMsg{id: id, obj: o, err: err}
	}
}

// Update handles keys and the page's own messages.
func (b *browser) Update(a *App, msg tea.Msg) tea.Cmd {
	if m, ok := msg.(sparksMsg); ok {
		b.applySparks(m)
	}
	cmd := b.update(a, msg)
	if s := b.sparkCmd(a); s != nil {
		return tea.Batch(cmd, s)
	}
	return cmd
}

func (b *browser) update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case tea.KeyPressMsg:
		return b.key(a, m)
	case tea.MouseWheelMsg:
		switch m.Mouse().Button {
		case tea.MouseWheelUp:
			b.table.Move(-3)
		case tea.MouseWheelDown:
			b.table.Move(3)
		}
		return nil
	case tea.PasteMsg:
		if b.filterEditing {
			editLine(&b.filterIn, m)
			return b.filterChanged(a)
		}
		return nil
	case loadMsg:
		if m.seq != b.seq {
			return nil // an answer for a load we replaced
		}
		return b.applyLoad(a, m)
	case regionsLoadedMsg:
		if m.err != nil {
			b.loading = false
			b.loadErr = m.err
			return a.flashError("listing regions: " + m.err.Error())
		}
		a.regions = m.regions
		return tea.Batch(b.load(a, false), func() tea.Msg { return regionsMsg{regions: m.regions} })
	case parentResolvedMsg:
		b.loading = false
		if m.err != nil {
			b.loadErr = m.err
			return a.flashError(m.err.Error())
		}
		b.parent = m.obj
		return b.load(a, false)
	case refreshTickMsg:
		if m.gen != b.refreshGen {
			return nil
		}
		if a.top() != Page(b) || b.paused(a) || b.loading {
			// Hidden or busy: try again later; a hidden page refreshes
			// when it comes back on top.
			if a.top() == Page(b) {
				return b.scheduleRefresh(a)
			}
			return nil
		}
		return b.load(a, true)
	case sweepMsg:
		return b.sweep(a)
	case presortMsg:
		b.table.ApplyPresort(m.ver, m.orders)
		return nil
	case filterDebounceMsg:
		if m.gen != b.filterGen {
			return nil
		}
		return b.runFilter(a)
	case filterResultMsg:
		if m.gen != b.filterGen {
			return nil // a newer query is on its way
		}
		b.filterBusy = false
		b.table.ApplyFilter(m.f, m.res, m.snap)
		b.lastFilter, b.lastResult = m.f, m.res
		return nil
	case objectsChangedMsg:
		return b.objectsChanged(a, m)
	}
	return nil
}

func (b *browser) paused(a *App) bool { return a.prompt != nil || a.menu != nil || b.filterEditing }

// applyLoad merges a batch of events.
func (b *browser) applyLoad(a *App, m loadMsg) tea.Cmd {
	now := a.now()
	if m.closed {
		// From now on the cursor belongs to the highlighted resource:
		// refreshes and tracked changes must not move it.
		b.table.Pin()
		b.loading = false
		b.loadErr = b.jobErr
		b.calls = m.calls
		b.lastLoad = now
		b.job = nil
		cmds := []tea.Cmd{b.scheduleRefresh(a)}
		if b.refreshing && b.jobErr == nil {
			// Rows from listings that no longer exist (a deleted parent)
			// go away once a complete refresh has answered.
			var stale []*Row
			for _, r := range b.table.Rows() {
				if r.src != "" && !b.seen[r.src] && r.delta != theme.DeltaRemoved {
					stale = append(stale, r)
				}
			}
			cmds = append(cmds, b.markRemoved(a, stale))
		}
		b.refreshing = false
		for k, at := range b.trackedAt {
			if !at.After(b.loadStart) {
				delete(b.trackedAt, k) // this listing is newer
			}
		}
		b.hideParentColumns()
		cmds = append(cmds, b.refilter(a), a.tracker.observeRows(b.table.Rows()), b.presort())
		return tea.Batch(cmds...)
	}
	var cmds []tea.Cmd
	for _, ev := range m.events {
		if ev.planned > 0 {
			b.planned += ev.planned
		}
		if ev.page > 0 {
			b.progress[ev.src] = [2]int{ev.page, ev.pages}
		}
		if ev.err != nil {
			b.loadErr = ev.err
			if b.jobErr == nil {
				b.jobErr = ev.err
			}
		}
		if !b.refreshing || ev.update {
			b.table.Upsert(b.keepTracked(ev.rows))
			if b.refreshing {
				b.seen[ev.src] = true
			}
		} else {
			b.staged[ev.src] = append(b.staged[ev.src], ev.rows...)
		}
		if ev.done {
			b.finished[ev.src] = true
			if ev.err == nil {
				b.seen[ev.src] = true
				if b.refreshing {
					cmds = append(cmds, b.applyRefresh(a, ev.src))
				}
			} else {
				// A failed listing keeps its last good rows.
				b.seen[ev.src] = true
				delete(b.staged, ev.src)
			}
		}
	}
	if !b.refreshing {
		cmds = append(cmds, b.refilter(a))
	}
	cmds = append(cmds, b.job.next())
	return tea.Batch(cmds...)
}

// keepTracked replaces, in rows from a listing, those the tracker has
// described since the listing began by the row already shown.
func (b *browser) keepTracked(rows []*Row) []*Row {
	for i, r := range rows {
		if old := b.table.Row(r.Key); old != nil && b.trackedAt[r.Key].After(b.loadStart) {
			rows[i] = old
		}
	}
	return rows
}

// hideParentColumns hides ID columns that only repeat the parent's ID in a
// scoped pane: every entry of "Route Entries of vtb-1" is in vtb-1.
func (b *browser) hideParentColumns() {
	if b.parent == nil || b.table.Len() == 0 {
		return
	}
	for i, c := range b.table.cols {
		if c.Style != model.StyleID || i == 0 {
			continue
		}
		same := true
		for _, r := range b.table.Rows() {
			if r.Cell(i) != b.parent.ID {
				same = false
				break
			}
		}
		b.table.HideColumn(c.Name, same)
	}
}

// applyRefresh diffs a refreshed listing against the rows it replaces and
// highlights what was added, changed and removed.
func (b *browser) applyRefresh(a *App, src string) tea.Cmd {
	fresh := b.staged[src]
	delete(b.staged, src)
	now := a.now()
	until := now.Add(deltaTTL)
	inFresh := make(map[string]bool, len(fresh))
	var upserts []*Row
	for _, r := range fresh {
		inFresh[r.Key] = true
		old := b.table.Row(r.Key)
		switch {
		case old != nil && b.trackedAt[r.Key].After(b.loadStart):
			// The tracker described it after this listing began: its
			// copy is the fresher one.
			r = old
		case old == nil || old.delta == theme.DeltaRemoved:
			r.delta, r.deltaUntil = theme.DeltaAdded, until
		case !bytes.Equal(old.Obj.Raw, r.Obj.Raw):
			r.delta, r.deltaUntil = theme.DeltaChanged, until
		default:
			r.delta, r.deltaUntil = old.delta, old.deltaUntil
			// Keep the enriched value (extras) of an unchanged row.
			if len(r.Obj.Kind.Extras) > 0 {
				r = old
			}
		}
		upserts = append(upserts, r)
	}
	b.table.Upsert(upserts)
	var gone []*Row
	for _, r := range b.table.Rows() {
		if r.src == src && !inFresh[r.Key] && r.delta != theme.DeltaRemoved {
			gone = append(gone, r)
		}
	}
	return tea.Batch(b.markRemoved(a, gone), b.refilter(a), b.sweepLater(len(upserts) > 0))
}

const deltaTTL = 4 * time.Second

// markRemoved shows removed rows struck through for a moment before they go.
func (b *browser) markRemoved(a *App, rows []*Row) tea.Cmd {
	if len(rows) == 0 {
		return nil
	}
	until := a.now().Add(deltaTTL)
	for _, r := range rows {
		cp := *r
		cp.delta, cp.deltaUntil = theme.DeltaRemoved, until
		b.table.Upsert([]*Row{&cp})
	}
	b.removals = true
	return b.sweepLater(true)
}

func (b *browser) sweepLater(need bool) tea.Cmd {
	if !need {
		return nil
	}
	id := b.id
	return tea.Tick(deltaTTL+100*time.Millisecond, func(time.Time) tea.Msg { return sweepMsg{id} })
}

// sweep drops rows whose removed highlight has run out; the tick also
// redraws the screen so expired highlights fade.
func (b *browser) sweep(a *App) tea.Cmd {
	if !b.removals {
		return nil
	}
	now := a.now()
	var drop []string
	pending := false
	for _, r := range b.table.Rows() {
		if r.delta == theme.DeltaRemoved {
			if now.After(r.deltaUntil) {
				drop = append(drop, r.Key)
			} else {
				pending = true
			}
		}
	}
	b.table.Remove(drop)
	b.removals = pending
	if len(drop) > 0 {
		return tea.Batch(b.refilter(a), b.sweepLater(pending))
	}
	return b.sweepLater(pending)
}

// objectsChanged applies tracked updates to rows this pane shows.
func (b *browser) objectsChanged(a *App, m objectsChangedMsg) tea.Cmd {
	until := a.now().Add(deltaTTL)
	var up []*Row
	for _, o := range m.updated {
		key := rowKey(o)
		old := b.table.Row(key)
		insert := old == nil && m.insertInto == b.id
		if old == nil && !insert {
			continue
		}
		r := newRow(b.kind, o)
		if old != nil {
			r.src = old.src
			r.delta = theme.DeltaChanged
		} else {
			r.delta = theme.DeltaAdded
		}
		r.deltaUntil = until
		if b.trackedAt == nil {
			b.trackedAt = map[string]time.Time{}
		}
		b.trackedAt[key] = a.now()
		up = append(up, r)
	}
	b.table.Upsert(up)
	if m.selectKey != "" && m.insertInto == b.id {
		b.table.Select(m.selectKey)
	}
	var gone []*Row
	for _, key := range m.gone {
		if r := b.table.Row(key); r != nil && r.delta != theme.DeltaRemoved {
			gone = append(gone, r)
		}
	}
	return tea.Batch(b.markRemoved(a, gone), b.refilter(a), b.sweepLater(len(up) > 0))
}

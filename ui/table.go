package ui

import (
	"slices"
	"strings"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// Row is one resource in a table. Cells are computed once when the row's
// data arrives, never while drawing.
type Row struct {
	Key string
	Obj *model.Object
	// line holds the cells as shown, each ended by cellSep; ends[i] is the
	// offset just past cell i. One string per row instead of a string per
	// cell keeps a 100,000-row pane small.
	line string
	ends []uint32
	// text is line in lower case (the same string when nothing needed
	// folding), for the filter and the sort keys: read front to back.
	text string

	// src is the listing the row came from, so a refresh of that listing
	// knows which rows it replaces.
	src string

	delta      theme.Delta
	deltaUntil time.Time
}

func rowKey(o *model.Object) string { return o.Kind.Name + "/" + o.Region + "/" + o.ID }

// newRow computes the cells of o as shown in the pane of kind view.
func newRow(view *model.Kind, o *model.Object) *Row {
	r := &Row{Key: rowKey(o), Obj: o, ends: make([]uint32, len(view.Columns))}
	cells := make([]string, len(view.Columns))
	n := 0
	for i, c := range view.Columns {
		cells[i] = forms.Sanitize(model.Cell(view, o, c))
		n += len(cells[i]) + 1
	}
	var b strings.Builder
	b.Grow(n)
	for i, c := range cells {
		b.WriteString(c)
		r.ends[i] = uint32(b.Len())
		b.WriteByte(cellSep)
	}
	r.line = b.String()
	r.text = lowerText(r.line)
	return r
}

// Cell returns cell i as shown.
func (r *Row) Cell(i int) string {
	if i < 0 || i >= len(r.ends) {
		return ""
	}
	start := uint32(0)
	if i > 0 {
		start = r.ends[i-1] + 1
	}
	return r.line[start:r.ends[i]]
}

// NumCells is the number of cells.
func (r *Row) NumCells() int { return len(r.ends) }

// Cells returns every cell (a new slice).
func (r *Row) Cells() []string {
	out := make([]string, len(r.ends))
	for i := range out {
		out[i] = r.Cell(i)
	}
	return out
}

// cellSep ends each cell in Row.line and Row.text; sanitize keeps it out
// of cells.
const cellSep = '\x1f'

// lowerText folds line to lower case, returning line itself when there is
// nothing to fold (IDs, CIDRs and most names).
func lowerText(line string) string {
	upper := false
	for i := 0; i < len(line); i++ {
		c := line[i]
		if c >= 0x80 {
			return strings.ToLower(line)
		}
		if 'A' <= c && c <= 'Z' {
			upper = true
		}
	}
	if !upper {
		return line
	}
	b := make([]byte, len(line))
	for i := 0; i < len(line); i++ {
		c := line[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b[i] = c
	}
	return string(b)
}

// Table is a virtualized table: it holds every row but draws only the
// window on screen, so a keystroke costs the same at 100 rows or 100,000.
type Table struct {
	kind *model.Kind
	cols []model.Column

	rows  []*Row
	byKey map[string]int

	// order is every row index sorted; visible is order filtered.
	order    []int32
	visible  []int32
	filtered bool // visible is a filtered subset of order

	// keyOrder is every row index sorted by Key, and rank each row's place
	// in it: sorts break ties on the resource key by comparing ranks, so
	// sorting 100,000 rows compares integers rather than strings.
	keyOrder []int32
	rank     []int32
	// keys[i] is row i's sort key in sortCol, side by side in memory so a
	// sort reads them in one sweep.
	keys []sortKey

	sortCol  int
	sortDesc bool
	// keysStale: keys are not those of sortCol (a presorted order was
	// used); the next data change recomputes them.
	keysStale bool

	// version counts data changes; presorted holds every column's
	// ascending order as of presortVer, computed off the UI goroutine so
	// that choosing a sort column costs a copy, not a sort.
	version    int
	presorted  map[int][]int32
	presortVer int

	cursor int // index into visible
	offset int // first visible line drawn
	// chosen is set once the cursor belongs to a resource: the user moved
	// it, filtered or sorted, or the first load finished. From then on it
	// follows that resource (kind/region/ID) through every change; before,
	// while the first rows stream in, it stays on the first row.
	chosen bool
	// anchor is where the cursor was when the last change left nothing
	// visible (a filter with no match), so the next change that shows rows
	// again can find the resource or its neighbour.
	anchor selState
	// want is a resource to select when it arrives, unless the user moves
	// first (a pane that replaces another keeps its selection).
	want string
	// ranked: visible is in a filter's score order, not the table's.
	ranked bool
	// filterShown is the shown-column mask the current filter result was
	// computed with.
	filterShown []bool
	width       int
	height      int // rows of data (the header line excluded)

	widths  []int // drawn widths; 0 = hidden
	natural []int // widest cell per column
	hidden  []bool

	// sparks are the sparkline cells (StyleSpark columns) by row key,
	// filled in after the listing (monitor.go).
	sparks map[string]string
}

// NewTable builds an empty table for kind's columns.
func NewTable(k *model.Kind) *Table {
	t := &Table{kind: k, cols: k.Columns, byKey: map[string]int{}}
	t.natural = make([]int, len(t.cols))
	t.hidden = make([]bool, len(t.cols))
	for i, c := range t.cols {
		t.natural[i] = ansi.StringWidth(c.Name)
		if c.Style == model.StyleSpark {
			t.natural[i] = max(t.natural[i], sparkWidth)
		}
	}
	t.sortCol = 0
	for i, c := range t.cols {
		if strings.EqualFold(c.Name, k.SortBy) {
			t.sortCol = i
		}
	}
	t.sortDesc = k.SortDesc
	return t
}

// Len is the number of rows held; VisibleLen the number that pass the
// filter.
func (t *Table) Len() int        { return len(t.rows) }
func (t *Table) VisibleLen() int { return len(t.visible) }

// SetSize sets the drawable area (the header line included in h).
func (t *Table) SetSize(w, h int) {
	t.width = w
	t.height = max(h-1, 1)
	t.layout()
	t.clamp()
}

// SetWidth lays the columns out for width w (the height is left alone).
func (t *Table) SetWidth(w int) {
	if w != t.width {
		t.width = w
		t.layout()
		t.clamp()
	}
}

// Selected returns the row under the cursor, or nil.
func (t *Table) Selected() *Row {
	if t.cursor < 0 || t.cursor >= len(t.visible) {
		return nil
	}
	return t.rows[t.visible[t.cursor]]
}

// Row returns the row with key, or nil.
func (t *Table) Row(key string) *Row {
	if i, ok := t.byKey[key]; ok {
		return t.rows[i]
	}
	return nil
}

// Rows returns every row (not a copy; callers must not modify it).
func (t *Table) Rows() []*Row { return t.rows }

// Upsert adds or replaces rows, keeping the cursor on the selected resource.
// It re-sorts by merging, so a page arriving costs O(n + p log p).
func (t *Table) Upsert(rows []*Row) {
	if len(rows) == 0 {
		return
	}
	t.freshKeys()
	t.version++
	sel := t.selState()
	var added []int32
	changedSortKey := false
	for _, r := range rows {
		if i, ok := t.byKey[r.Key]; ok {
			if t.rows[i].Cell(t.sortCol) != r.Cell(t.sortCol) {
				changedSortKey = true
				t.keys[i] = t.computeKey(r)
			}
			t.rows[i] = r
		} else {
			t.byKey[r.Key] = len(t.rows)
			added = append(added, int32(len(t.rows)))
			t.rows = append(t.rows, r)
			t.keys = append(t.keys, t.computeKey(r))
		}
		t.grow(r)
	}
	t.addKeys(added)
	if changedSortKey {
		t.resort()
	} else if len(added) > 0 {
		t.sortIdx(added)
		t.order = t.merge(t.order, added)
	}
	if !t.filtered {
		t.visible = t.order
	}
	t.layout()
	if t.want != "" && !t.chosen {
		if _, ok := t.byKey[t.want]; ok {
			sel.key = t.want
			t.want, t.chosen = "", true
		}
	}
	t.restore(sel)
}

// Remove drops rows by key.
func (t *Table) Remove(keys []string) {
	if len(keys) == 0 {
		return
	}
	sel := t.selState()
	prevVis := t.visible
	drop := map[string]bool{}
	for _, k := range keys {
		if _, ok := t.byKey[k]; ok {
			drop[k] = true
		}
	}
	if len(drop) == 0 {
		return
	}
	t.freshKeys()
	t.version++
	wasVisible := map[string]bool{}
	if t.filtered {
		for _, i := range t.visible {
			wasVisible[t.rows[i].Key] = true
		}
	}
	kept := t.rows[:0:0]
	keptKeys := t.keys[:0:0]
	remap := make([]int32, len(t.rows)) // old index → new, -1 when dropped
	for i, r := range t.rows {
		remap[i] = -1
		if !drop[r.Key] {
			remap[i] = int32(len(kept))
			kept = append(kept, r)
			keptKeys = append(keptKeys, t.keys[i])
		}
	}
	t.rows, t.keys = kept, keptKeys
	t.byKey = make(map[string]int, len(kept))
	for i, r := range kept {
		t.byKey[r.Key] = i
	}
	ko := make([]int32, 0, len(kept))
	for _, i := range t.keyOrder {
		if n := remap[i]; n >= 0 {
			ko = append(ko, n)
		}
	}
	t.keyOrder = ko
	t.renumber()
	t.resort()
	if t.filtered {
		// Keep the filtered view: the rows that were visible and remain
		// (in score order when ranked).
		from := t.order
		if t.ranked {
			from = make([]int32, 0, len(prevVis))
			for _, i := range prevVis {
				if n := remap[i]; n >= 0 {
					from = append(from, n)
				}
			}
		}
		vis := make([]int32, 0, len(t.visible))
		for _, i := range from {
			if wasVisible[t.rows[i].Key] {
				vis = append(vis, i)
			}
		}
		t.visible = vis
	} else {
		t.visible = t.order
	}
	t.restore(sel)
}

// Reset replaces every row (used when a whole listing is reloaded).
func (t *Table) Reset(rows []*Row) {
	t.version++
	t.keysStale = false
	sel := t.selState()
	var wasVisible map[string]bool
	if t.filtered {
		wasVisible = make(map[string]bool, len(t.visible))
		for _, i := range t.visible {
			wasVisible[t.rows[i].Key] = true
		}
	}
	t.rows = rows
	t.byKey = make(map[string]int, len(rows))
	for i, r := range rows {
		t.byKey[r.Key] = i
		t.grow(r)
	}
	t.keyOrder = t.keyOrder[:0]
	t.computeKeys()
	all := make([]int32, len(rows))
	for i := range all {
		all[i] = int32(i)
	}
	t.addKeys(all)
	t.resort()
	if t.filtered {
		// The rows that were visible and remain, until the filter reruns.
		vis := make([]int32, 0, len(wasVisible))
		for _, i := range t.order {
			if wasVisible[t.rows[i].Key] {
				vis = append(vis, i)
			}
		}
		t.visible = vis
		t.ranked = false
	} else {
		t.visible = t.order
	}
	t.layout()
	t.restore(sel)
}

// addKeys places appended rows (by index) in keyOrder and renumbers rank.
func (t *Table) addKeys(added []int32) {
	if len(added) == 0 {
		return
	}
	byKey := func(a, b int32) int { return strings.Compare(t.rows[a].Key, t.rows[b].Key) }
	add := slices.Clone(added)
	slices.SortFunc(add, byKey)
	merged := make([]int32, 0, len(t.keyOrder)+len(add))
	rest := t.keyOrder
	for _, i := range add {
		p, _ := slices.BinarySearchFunc(rest, i, byKey)
		merged = append(merged, rest[:p]...)
		merged = append(merged, i)
		rest = rest[p:]
	}
	t.keyOrder = append(merged, rest...)
	t.renumber()
}

// renumber recomputes rank from keyOrder.
func (t *Table) renumber() {
	if cap(t.rank) < len(t.rows) {
		t.rank = make([]int32, len(t.rows), len(t.rows)+len(t.rows)/4)
	}
	t.rank = t.rank[:len(t.rows)]
	for pos, i := range t.keyOrder {
		t.rank[i] = int32(pos)
	}
}

func (t *Table) grow(r *Row) {
	for i := range r.ends {
		c := r.Cell(i)
		if i >= len(t.natural) {
			break
		}
		w := t.natural[i]
		if len(c) > w { // cheap upper bound first: bytes >= cells
			if cw := ansi.StringWidth(c); cw > w {
				t.natural[i] = cw
			}
		}
	}
}

// ---- sorting ----

// SortBy sorts by column i; choosing the current column flips direction.
func (t *Table) SortBy(i int) {
	if i < 0 || i >= len(t.cols) {
		return
	}
	sel := t.selState()
	t.pinSelected()
	// A fuzzy result stays in score order while it is active.
	reorder := t.filtered && !t.ranked
	if i == t.sortCol {
		t.sortDesc = !t.sortDesc
		slices.Reverse(t.order)
		if reorder {
			slices.Reverse(t.visible)
		}
	} else if ord, ok := t.presortedOrder(i); ok {
		// Computed in the background after the last load: a copy.
		t.sortCol, t.sortDesc = i, false
		t.order = ord
		t.keysStale = true
		if reorder {
			t.visible = subsetInOrder(t.order, t.visible, len(t.rows))
		}
	} else {
		t.sortCol, t.sortDesc = i, false
		t.computeKeys()
		t.keysStale = false
		t.resort()
		if reorder {
			t.visible = t.reorder(t.visible)
		}
	}
	if !t.filtered {
		t.visible = t.order
	}
	t.restore(sel)
}

// pinSelected makes the highlighted row the user's choice (a sort or a
// filter acts on what is on screen).
func (t *Table) pinSelected() {
	if t.Selected() != nil || t.anchor.key != "" {
		t.choose()
	}
}

// freshKeys recomputes the sort keys if a presorted order replaced them.
func (t *Table) freshKeys() {
	if t.keysStale {
		t.computeKeys()
		t.keysStale = false
	}
}

// presortedOrder returns a copy of column i's ascending order when it is
// current.
func (t *Table) presortedOrder(i int) ([]int32, bool) {
	ord, ok := t.presorted[i]
	if !ok || t.presortVer != t.version || len(ord) != len(t.rows) {
		return nil, false
	}
	return slices.Clone(ord), true
}

// subsetInOrder returns the members of sub in the order of order.
func subsetInOrder(order, sub []int32, n int) []int32 {
	in := make([]bool, n)
	for _, i := range sub {
		in[i] = true
	}
	out := make([]int32, 0, len(sub))
	for _, i := range order {
		if in[i] {
			out = append(out, i)
		}
	}
	return out
}

// presortMin is the size from which presorting pays: smaller tables sort
// within a frame.
const presortMin = 5000

// PresortJob returns the table's version and a function that sorts every
// column on a snapshot, to run off the UI goroutine; nil when the table is
// small. The snapshot is copied, so the table may change meanwhile (the
// result is then dropped).
func (t *Table) PresortJob() (int, func() map[int][]int32) {
	if len(t.rows) < presortMin || len(t.rank) != len(t.rows) {
		return 0, nil
	}
	ver := t.version
	rows, rank, keyOrder, cols := slices.Clone(t.rows), slices.Clone(t.rank), slices.Clone(t.keyOrder), t.cols
	return ver, func() map[int][]int32 {
		out := make(map[int][]int32, len(cols))
		for c := range cols {
			sh := &Table{cols: cols, rows: rows, rank: rank, keyOrder: keyOrder, sortCol: c}
			sh.computeKeys()
			sh.resort()
			out[c] = sh.order
		}
		return out
	}
}

// ApplyPresort installs presorted orders computed for version ver.
func (t *Table) ApplyPresort(ver int, orders map[int][]int32) {
	if ver == t.version {
		t.presorted, t.presortVer = orders, ver
	}
}

// SortColumn reports the sort column and direction.
func (t *Table) SortColumn() (int, bool) { return t.sortCol, t.sortDesc }

func (t *Table) resort() {
	idx := make([]int32, len(t.rows))
	for i := range idx {
		idx[i] = int32(i)
	}
	t.sortIdx(idx)
	t.order = idx
}

// reorder sorts a subset of row indexes by the current order.
func (t *Table) reorder(sub []int32) []int32 {
	out := slices.Clone(sub)
	t.sortIdx(out)
	return out
}

// ---- filtering ----

// FilterSnapshot is what a filter job needs; it is immutable once taken so
// the job can run in a tea.Cmd while the table keeps changing.
type FilterSnapshot struct {
	rows  []*Row
	order []int32
	cols  []model.Column
	// shown marks the columns on screen (nil: every column, before the
	// first layout or without a screen): substring words match only there.
	shown []bool
}

// Snapshot captures the current rows for a filter job.
//
// It copies the row and order slices (under a millisecond at 100,000 rows):
// a refresh replaces rows in place and reversing the sort reverses the
// order in place while the job reads them.
func (t *Table) Snapshot() FilterSnapshot {
	return FilterSnapshot{rows: slices.Clone(t.rows), order: slices.Clone(t.order), cols: t.cols, shown: t.Shown()}
}

// Shown marks the columns on screen; nil before the first layout.
func (t *Table) Shown() []bool {
	if t.width <= 0 || len(t.widths) != len(t.cols) {
		return nil
	}
	out := make([]bool, len(t.widths))
	for i, w := range t.widths {
		out[i] = w > 0
	}
	return out
}

// ShownChanged reports whether the columns on screen differ from those the
// applied filter matched against (a resize showed or hid one).
func (t *Table) ShownChanged() bool {
	return t.filtered && !slices.Equal(t.Shown(), t.filterShown)
}

// ApplyFilter installs a filter result computed over a snapshot. Rows added
// since the snapshot are filtered here (they are few). The cursor stays on
// its resource, or moves to the nearest row after it that passes.
func (t *Table) ApplyFilter(f *Filter, res []int32, snap FilterSnapshot) {
	sel := t.selState()
	t.pinSelected()
	if f == nil || f.Empty() {
		t.filtered, t.ranked, t.filterShown = false, false, nil
		t.visible = t.order
		t.restore(sel)
		return
	}
	if len(snap.rows) != len(t.rows) || len(snap.order) != len(t.order) {
		// The table changed while the job ran: rerun on the current rows;
		// only the delta is new work for the user-visible result.
		snap = t.Snapshot()
		res = f.Run(snap, nil)
	}
	t.filtered, t.ranked, t.filterShown = true, f.Ranked(), snap.shown
	t.visible = res
	t.restore(sel)
}

// ClearFilter shows every row; the cursor stays on its resource.
func (t *Table) ClearFilter() {
	sel := t.selState()
	t.pinSelected()
	t.filtered, t.ranked, t.filterShown = false, false, nil
	t.visible = t.order
	t.restore(sel)
}

// Filtered reports whether a filter is applied.
func (t *Table) Filtered() bool { return t.filtered }

// Cursor position for tests and the header.
func (t *Table) Cursor() int { return t.cursor }

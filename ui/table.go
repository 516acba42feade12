package ui

import (
	"cmp"
	"math"
	"math/bits"
	"net/netip"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

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
		cells[i] = sanitize(model.Cell(view, o, c))
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

// sanitize keeps control characters from an API answer out of the screen.
func sanitize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if s[i] < 0x20 || s[i] == 0x7f {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return ' '
		}
		return r
	}, s)
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
}

// NewTable builds an empty table for kind's columns.
func NewTable(k *model.Kind) *Table {
	t := &Table{kind: k, cols: k.Columns, byKey: map[string]int{}}
	t.natural = make([]int, len(t.cols))
	t.hidden = make([]bool, len(t.cols))
	for i, c := range t.cols {
		t.natural[i] = ansi.StringWidth(c.Name)
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

func (t *Table) selectedKey() string {
	if r := t.Selected(); r != nil {
		return r.Key
	}
	return ""
}

// selState is the selection before a change: the resource, and the rows
// and order it was seen in, to find its neighbour if it goes.
type selState struct {
	key     string
	rows    []*Row
	visible []int32
	cursor  int
}

// selState captures the selection; with nothing visible, the anchor left
// by the change that hid everything.
func (t *Table) selState() selState {
	if r := t.Selected(); r != nil {
		return selState{key: r.Key, rows: t.rows, visible: t.visible, cursor: t.cursor}
	}
	return t.anchor
}

// restore puts the cursor back on the resource of s. When it is no longer
// visible (filtered out, deleted), the cursor moves to its neighbour: the
// nearest row after it in the order it was seen in that is still visible,
// else the nearest before it. Before the cursor belongs to a resource it
// stays on the first row.
func (t *Table) restore(s selState) {
	defer t.keepAnchor(s)
	if !t.chosen {
		t.cursor, t.offset = 0, 0
		t.clamp()
		return
	}
	if s.key == "" || len(t.visible) == 0 {
		t.clamp()
		return
	}
	if r := t.Selected(); r != nil && r.Key == s.key { // it did not move
		t.clamp()
		return
	}
	pos := t.positions()
	if p := t.visibleAt(pos, s.key); p >= 0 {
		t.cursor = p
		t.clamp()
		return
	}
	if s.cursor >= 0 && s.cursor < len(s.visible) {
		for j := s.cursor + 1; j < len(s.visible); j++ {
			if p := t.visibleAt(pos, s.rows[s.visible[j]].Key); p >= 0 {
				t.cursor = p
				t.clamp()
				return
			}
		}
		for j := s.cursor - 1; j >= 0; j-- {
			if p := t.visibleAt(pos, s.rows[s.visible[j]].Key); p >= 0 {
				t.cursor = p
				t.clamp()
				return
			}
		}
	}
	t.cursor = 0
	t.clamp()
}

// keepAnchor remembers s when a change left nothing visible.
func (t *Table) keepAnchor(s selState) {
	if len(t.visible) == 0 && s.key != "" {
		t.anchor = s
	} else if len(t.visible) > 0 {
		t.anchor = selState{}
	}
}

// positions maps row index to its place in visible (-1: not visible).
func (t *Table) positions() []int32 {
	pos := make([]int32, len(t.rows))
	for i := range pos {
		pos[i] = -1
	}
	for p, i := range t.visible {
		pos[i] = int32(p)
	}
	return pos
}

func (t *Table) visibleAt(pos []int32, key string) int {
	if i, ok := t.byKey[key]; ok && i < len(pos) {
		return int(pos[i])
	}
	return -1
}

// Pin makes the cursor belong to the highlighted resource from now on
// (the first load finished: later rows and refreshes must not move it).
func (t *Table) Pin() {
	if len(t.visible) > 0 {
		t.chosen = true
		t.want = ""
	}
}

// Want asks for the resource with key to be selected when it arrives,
// unless the user moves the cursor first.
func (t *Table) Want(key string) {
	if !t.chosen {
		t.want = key
	}
}

func (t *Table) clamp() {
	h := max(t.height, 1)
	if t.cursor >= len(t.visible) {
		t.cursor = len(t.visible) - 1
	}
	if t.cursor < 0 {
		t.cursor = 0
	}
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	if maxOff := len(t.visible) - h; t.offset > maxOff {
		t.offset = max(maxOff, 0)
	}
	if t.offset < 0 {
		t.offset = 0
	}
}

// Move moves the cursor by n rows (negative is up).
func (t *Table) Move(n int) { t.cursor += n; t.choose(); t.clamp() }

// choose marks the cursor as the user's choice.
func (t *Table) choose() { t.chosen, t.want = true, "" }

// Page moves by n screens.
func (t *Table) Page(n int) { t.Move(n * t.height) }

// Home and End jump to the first and last row.
func (t *Table) Home() { t.cursor = 0; t.choose(); t.clamp() }
func (t *Table) End()  { t.cursor = len(t.visible) - 1; t.choose(); t.clamp() }

// Select moves the cursor to the row with key, if visible.
func (t *Table) Select(key string) bool {
	t.choose()
	if p := t.visibleAt(t.positions(), key); p >= 0 {
		t.cursor = p
		t.clamp()
		return true
	}
	return false
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

// sortKey is a precomputed comparison key: numbers and addresses compare
// as integers (an address's prefix length in x), text by its first 24
// bytes as three integers and then, when longer, in full (s).
type sortKey struct {
	hi, lo, x uint64
	s         string
}

// computeKeys computes every row's key in the sort column.
func (t *Table) computeKeys() {
	if cap(t.keys) < len(t.rows) {
		t.keys = make([]sortKey, len(t.rows), len(t.rows)+len(t.rows)/4)
	}
	t.keys = t.keys[:len(t.rows)]
	n := len(t.rows)
	if n < parallelSort || runtime.GOMAXPROCS(0) < 2 {
		for i, r := range t.rows {
			t.keys[i] = t.computeKey(r)
		}
		return
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := n / 2; i < n; i++ {
			t.keys[i] = t.computeKey(t.rows[i])
		}
	}()
	for i := 0; i < n/2; i++ {
		t.keys[i] = t.computeKey(t.rows[i])
	}
	wg.Wait()
}

// computeKey reads the sort column from the row's lower-case filter text:
// one string per row, so no allocation and no chasing of the cells.
func (t *Table) computeKey(r *Row) sortKey {
	c := cellOf(r.text, t.sortCol)
	switch t.cols[t.sortCol].Style {
	case model.StyleNumber:
		if n, err := strconv.ParseFloat(strings.TrimSpace(c), 64); err == nil {
			return sortKey{hi: floatKey(n)}
		}
	case model.StyleCIDR:
		if k, ok := cidrKey(c); ok {
			return k
		}
	}
	// Cells hold no NUL, so a text no longer than 24 bytes is fully
	// described by its zero-padded prefix.
	var b [24]byte
	copy(b[:], c)
	k := sortKey{hi: be64(b[0:8]), lo: be64(b[8:16]), x: be64(b[16:24])}
	if len(c) > len(b) {
		k.s = c
	}
	return k
}

func be64(b []byte) uint64 {
	return uint64(b[0])<<56 | uint64(b[1])<<48 | uint64(b[2])<<40 | uint64(b[3])<<32 | uint64(b[4])<<24 | uint64(b[5])<<16 | uint64(b[6])<<8 | uint64(b[7])
}

// floatKey maps a float to a uint64 that sorts the same way.
func floatKey(f float64) uint64 {
	b := math.Float64bits(f)
	if b>>63 == 1 {
		return ^b
	}
	return b | 1<<63
}

func cidrKey(s string) (sortKey, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return sortKey{}, false
	}
	addr := s
	plen := 32
	if i := strings.IndexByte(s, '/'); i >= 0 {
		addr = s[:i]
		if n, err := strconv.Atoi(s[i+1:]); err == nil {
			plen = n
		}
	}
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return sortKey{}, false
	}
	b := a.As16()
	hi := uint64(0)
	for _, x := range b[:8] {
		hi = hi<<8 | uint64(x)
	}
	lo := uint64(0)
	for _, x := range b[8:] {
		lo = lo<<8 | uint64(x)
	}
	return sortKey{hi: hi, lo: lo, x: uint64(max(plen, 0))}, true // shorter prefixes first
}

// sortItem is one row being sorted: its column key (complemented when
// descending, so that every sort is ascending), whether the key has a long
// text, and its rank by resource key — the tie-break, and through keyOrder
// the row itself.
type sortItem struct {
	hi, lo, x uint64
	rank      int32
	long      bool
}

func (t *Table) itemOf(i int32) sortItem {
	k := &t.keys[i]
	it := sortItem{hi: k.hi, lo: k.lo, x: k.x, rank: t.rank[i], long: k.s != ""}
	if t.sortDesc {
		it.hi, it.lo, it.x = ^it.hi, ^it.lo, ^it.x
	}
	return it
}

// longText is the long text of an item's key ("" when it has none).
func (t *Table) longText(it *sortItem) string {
	if !it.long {
		return ""
	}
	return t.keys[t.keyOrder[it.rank]].s
}

// cmpItem orders by the column (reversed when descending), then by
// resource key, so concurrent listings always sort the same way.
func (t *Table) cmpItem(a, b *sortItem) int {
	switch {
	case a.hi != b.hi:
		return cmp.Compare(a.hi, b.hi)
	case a.lo != b.lo:
		return cmp.Compare(a.lo, b.lo)
	case a.x != b.x:
		return cmp.Compare(a.x, b.x)
	case a.long || b.long:
		if c := strings.Compare(t.longText(a), t.longText(b)); c != 0 {
			if t.sortDesc {
				c = -c
			}
			return c
		}
	}
	return cmp.Compare(a.rank, b.rank)
}

// sortIdx sorts row indexes by the current column and direction; ties break
// on the resource key so the result is deterministic.
//
// At 100,000 rows a comparison sort is too slow for a key press, so this is
// a most-significant-digit radix sort over (column key, rank): it buckets
// by the highest bits that differ, recursing into buckets, and compares
// only within small buckets. The top buckets are shared between two cores.
func (t *Table) sortIdx(idx []int32) {
	if len(idx) < 2 {
		return
	}
	items := make([]sortItem, len(idx))
	for n, i := range idx {
		items[n] = t.itemOf(i)
	}
	scratch := make([]sortItem, len(items))
	fields := make([]uint64, len(items))
	if len(items) < parallelSort || runtime.GOMAXPROCS(0) < 2 {
		t.radix(items, scratch, fields, levelHi)
	} else {
		t.radixParallel(items, scratch, fields)
	}
	for n := range items {
		idx[n] = t.keyOrder[items[n].rank]
	}
}

// parallelSort is the size from which sortIdx uses a second core.
const parallelSort = 16384

// radixBits is how many bits one bucketing step looks at.
const radixBits = 8

// smallSort is the size below which a bucket is sorted by comparison.
const smallSort = 32

// Radix levels: the key's three words, then 8-byte chunks of a long text
// beyond its first 24 bytes, and last the rank.
const (
	levelHi    = 0
	levelLo    = 1
	levelX     = 2
	levelText  = 3 // and up
	levelRank  = 1 << 20
	textOffset = 24
)

// radix sorts items from level on.
func (t *Table) radix(items, scratch []sortItem, fields []uint64, level int) {
	for {
		if len(items) < smallSort {
			if level == levelRank { // equal keys: the rank decides
				slices.SortFunc(items, func(a, b sortItem) int { return cmp.Compare(a.rank, b.rank) })
			} else {
				slices.SortFunc(items, func(a, b sortItem) int { return t.cmpItem(&a, &b) })
			}
			return
		}
		bounds := t.bucket(items, scratch, fields, level)
		if bounds == nil { // this level's field is the same for all
			if level == levelRank {
				return
			}
			level = t.nextLevel(items, level)
			continue
		}
		lo := 0
		for _, hi := range bounds {
			t.radix(items[lo:hi], scratch[lo:hi], fields[lo:hi], level)
			lo = hi
		}
		return
	}
}

// nextLevel is the level after one whose fields are all equal: the next
// word, the text chunks while some item's long text goes on, then the
// rank.
func (t *Table) nextLevel(items []sortItem, level int) int {
	if level < levelX {
		return level + 1
	}
	end := textOffset + 8*(level-levelX) // bytes of the texts looked at so far
	for n := range items {
		if len(t.longText(&items[n])) > end {
			return level + 1
		}
	}
	return levelRank
}

// radixParallel does the first bucketing step and hands the buckets to two
// goroutines, split where half the items are.
func (t *Table) radixParallel(items, scratch []sortItem, fields []uint64) {
	level := levelHi
	var bounds []int
	for {
		if bounds = t.bucket(items, scratch, fields, level); bounds != nil {
			break
		}
		if level == levelRank {
			return
		}
		level = t.nextLevel(items, level)
	}
	mid := 0
	for _, b := range bounds {
		mid = b
		if b >= len(items)/2 {
			break
		}
	}
	run := func(from, to int) {
		lo := from
		for _, hi := range bounds {
			if hi <= from || hi > to {
				continue
			}
			t.radix(items[lo:hi], scratch[lo:hi], fields[lo:hi], level)
			lo = hi
		}
	}
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		run(0, mid)
	}()
	run(mid, len(items))
	wg.Wait()
}

// field is an item's key at a radix level.
func (t *Table) field(it *sortItem, level int) uint64 {
	switch level {
	case levelHi:
		return it.hi
	case levelLo:
		return it.lo
	case levelX:
		return it.x
	case levelRank:
		return uint64(uint32(it.rank))
	}
	s := t.longText(it)
	off := textOffset + 8*(level-levelText)
	var v uint64
	for n := 0; n < 8; n++ {
		v <<= 8
		if off+n < len(s) {
			v |= uint64(s[off+n])
		}
	}
	if t.sortDesc {
		v = ^v
	}
	return v
}

// bucket orders items by the radixBits bits from the highest bit in which
// their fields at level differ (the bits above are the same for all), and
// returns the end of each non-empty bucket; nil when the fields are equal.
// fields is a buffer as long as items.
func (t *Table) bucket(items, scratch []sortItem, fields []uint64, level int) []int {
	switch level {
	case levelHi:
		for n := range items {
			fields[n] = items[n].hi
		}
	case levelLo:
		for n := range items {
			fields[n] = items[n].lo
		}
	case levelX:
		for n := range items {
			fields[n] = items[n].x
		}
	case levelRank:
		for n := range items {
			fields[n] = uint64(uint32(items[n].rank))
		}
	default:
		for n := range items {
			fields[n] = t.field(&items[n], level)
		}
	}
	var diff uint64
	first := fields[0]
	for _, f := range fields {
		diff |= f ^ first
	}
	if diff == 0 {
		return nil
	}
	shift := max(bits.Len64(diff)-radixBits, 0)
	const mask = 1<<radixBits - 1
	var counts [1 << radixBits]int
	for _, f := range fields {
		counts[f>>shift&mask]++
	}
	var next [1 << radixBits]int
	var bounds []int
	pos := 0
	for b, c := range counts {
		next[b] = pos
		pos += c
		if c > 0 {
			bounds = append(bounds, pos)
		}
	}
	for n, f := range fields {
		b := f >> shift & mask
		scratch[next[b]] = items[n]
		next[b]++
	}
	copy(items, scratch)
	return bounds
}

// merge merges two sorted index lists.
func (t *Table) merge(a, b []int32) []int32 {
	out := make([]int32, 0, len(a)+len(b))
	i, j := 0, 0
	var ia, ib sortItem
	if i < len(a) {
		ia = t.itemOf(a[i])
	}
	if j < len(b) {
		ib = t.itemOf(b[j])
	}
	for i < len(a) && j < len(b) {
		if t.cmpItem(&ia, &ib) < 0 {
			out = append(out, a[i])
			i++
			if i < len(a) {
				ia = t.itemOf(a[i])
			}
		} else {
			out = append(out, b[j])
			j++
			if j < len(b) {
				ib = t.itemOf(b[j])
			}
		}
	}
	out = append(out, a[i:]...)
	return append(out, b[j:]...)
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

// ---- layout and drawing ----

const colGap = 2

// layout fits columns to the width. Columns are in order of importance:
// each gets its natural width (widest cell, capped at its preferred width);
// trailing columns are dropped (wide ones first) until the rest fit; then
// text columns shrink; leftover space lets capped columns show more.
func (t *Table) layout() {
	n := len(t.cols)
	t.widths = make([]int, n)
	if t.width <= 0 {
		return
	}
	extra := make([]int, n) // cells a column needs besides its text
	for i, c := range t.cols {
		if c.Style == model.StyleStatus {
			extra[i] = 1 // the phase glyph
		}
	}
	extra[0]++                                                              // the delta mark column
	head := func(i int) int { return ansi.StringWidth(t.cols[i].Name) + 1 } // + sort arrow
	for i, c := range t.cols {
		if t.hidden[i] {
			continue
		}
		w := max(t.natural[i], head(i))
		if c.Width > 0 && w > c.Width {
			w = max(c.Width, head(i))
		}
		t.widths[i] = w + extra[i]
	}
	total := func() int {
		s := 0
		for _, w := range t.widths {
			if w > 0 {
				s += w + colGap
			}
		}
		return s - colGap
	}
	// Drop wide columns, then trailing ones, keeping the first two and the
	// sort column.
	for i := n - 1; i >= 0 && total() > t.width; i-- {
		if t.cols[i].Wide && i != t.sortCol {
			t.widths[i] = 0
		}
	}
	for i := n - 1; i >= 2 && total() > t.width; i-- {
		if i != t.sortCol {
			t.widths[i] = 0
		}
	}
	// Shrink text columns, widest first, to a floor.
	for total() > t.width {
		best, bw := -1, 0
		for i, c := range t.cols {
			floor := max(8, head(i)) + extra[i]
			if t.widths[i] > floor && t.widths[i] > bw && (c.Style == model.StylePlain || c.Style == model.StyleTime || c.Style == model.StyleKind || c.Style == model.StyleID) {
				best, bw = i, t.widths[i]
			}
		}
		if best < 0 {
			break
		}
		floor := max(8, head(best)) + extra[best]
		t.widths[best] = max(floor, t.widths[best]-(total()-t.width))
	}
	if total() > t.width {
		for i := n - 1; i >= 1 && total() > t.width; i-- {
			t.widths[i] = 0
		}
		if total() > t.width {
			t.widths[0] = max(4, t.width)
		}
		return
	}
	// Spare room: let capped columns show their whole text.
	for i := range t.cols {
		if t.widths[i] == 0 {
			continue
		}
		want := max(t.natural[i], head(i)) + extra[i]
		if spare := t.width - total(); want > t.widths[i] && spare > 0 {
			t.widths[i] += min(spare, want-t.widths[i])
		}
	}
}

// HideColumn keeps a column out of the layout (Region in a one-region
// view).
func (t *Table) HideColumn(name string, hide bool) {
	for i, c := range t.cols {
		if strings.EqualFold(c.Name, name) && t.hidden[i] != hide {
			t.hidden[i] = hide
			t.layout()
		}
	}
}

// HiddenColumns lists columns that did not fit.
func (t *Table) HiddenColumns() []string {
	var out []string
	for i, w := range t.widths {
		if w == 0 {
			out = append(out, t.cols[i].Name)
		}
	}
	return out
}

// fit pads or truncates s to exactly w cells.
func fit(s string, w int, right bool) string {
	sw := len(s)
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		sw = ansi.StringWidth(s)
	}
	if sw > w {
		if w <= 1 {
			return ansi.Truncate(s, w, "")
		}
		s = ansi.Truncate(s, w, "…")
		sw = ansi.StringWidth(s)
	}
	if sw < w {
		pad := strings.Repeat(" ", w-sw)
		if right {
			return pad + s
		}
		return s + pad
	}
	return s
}

// View draws the header and the visible window.
func (t *Table) View(st *theme.Styles, now time.Time) string {
	var b strings.Builder
	b.Grow((t.height + 1) * (t.width + 16))
	// Header.
	first := true
	for i, c := range t.cols {
		w := t.widths[i]
		if w == 0 {
			continue
		}
		if first {
			b.WriteString(" ")
			w--
		} else {
			b.WriteString("  ")
		}
		first = false
		name := strings.ToUpper(c.Name)
		style := st.ColumnHeader
		if i == t.sortCol {
			arrow := "▲"
			if t.sortDesc {
				arrow = "▼"
			}
			name += arrow
			style = st.SortedHeader
		}
		b.WriteString(style.Render(fit(name, w, c.Style == model.StyleNumber)))
	}
	b.WriteByte('\n')
	end := min(t.offset+t.height, len(t.visible))
	for pos := t.offset; pos < end; pos++ {
		r := t.rows[t.visible[pos]]
		b.WriteString(t.drawRow(r, pos == t.cursor, st, now))
		if pos < end-1 {
			b.WriteByte('\n')
		}
	}
	return b.String()
}

func (t *Table) drawRow(r *Row, selected bool, st *theme.Styles, now time.Time) string {
	delta := theme.DeltaNone
	if r.delta != theme.DeltaNone && now.Before(r.deltaUntil) {
		delta = r.delta
	}
	var line strings.Builder
	first := true
	for i, c := range t.cols {
		w := t.widths[i]
		if w == 0 {
			continue
		}
		text := ""
		if i < r.NumCells() {
			text = r.Cell(i)
		}
		if first {
			line.WriteString(theme.DeltaMark(delta))
			w--
		} else {
			line.WriteString("  ")
		}
		first = false
		if c.Style == model.StyleStatus {
			p := c.PhaseOf(r.Obj.Kind, text)
			glyph := " "
			if text != "" {
				glyph = theme.Glyph(theme.Phase(p))
			}
			cell := fit(text, w-1, false)
			if selected || delta != theme.DeltaNone {
				line.WriteString(glyph + cell)
			} else {
				line.WriteString(st.Phase(theme.Phase(p)).Render(glyph + cell))
			}
			continue
		}
		line.WriteString(fit(text, w, c.Style == model.StyleNumber))
	}
	s := line.String()
	switch {
	case selected:
		return st.Selected.Render(fit(s, t.width, false))
	case delta != theme.DeltaNone:
		return st.Delta(delta).Render(s)
	}
	return s
}

// Cursor position for tests and the header.
func (t *Table) Cursor() int { return t.cursor }

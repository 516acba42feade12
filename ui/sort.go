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

	"github.com/alivpc/alivpc/model"
)

// The table's sort engine: precomputed keys and a radix sort over them.

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

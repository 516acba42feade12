package ui

import (
	"runtime"
	"slices"
	"strings"
	"sync"

	"github.com/sahilm/fuzzy"

	"github.com/alivpc/alivpc/model"
)

// Filter is a parsed `/` query, as k9s users expect:
//
//	prod core        substring: every word appears (any case) in a cell on screen
//	-f prdcor        fuzzy (sahilm/fuzzy) over Name and ID, best match first
//	status:pending   case-insensitive substring in one column
//	!status:avail    a leading ! inverts any of them
type Filter struct {
	Raw     string
	Invert  bool
	Fuzzy   bool   // -f: fuzzy over Name and ID, ranked by score
	Column  int    // >= 0: a column filter; -1 otherwise
	Pattern string // the words (substring), the fuzzy pattern, or the column value
}

// ParseFilter parses raw against cols. "name:value" only means a column
// filter when name is a column; otherwise (an IPv6 address, say) the whole
// text is a substring pattern.
func ParseFilter(raw string, cols []model.Column) *Filter {
	f := &Filter{Raw: raw, Column: -1}
	q := strings.TrimSpace(stripControls(raw))
	if strings.HasPrefix(q, "!") {
		f.Invert = true
		q = strings.TrimSpace(q[1:])
	}
	if q == "-f" || strings.HasPrefix(q, "-f ") {
		f.Fuzzy = true
		f.Pattern = strings.TrimSpace(q[2:])
		return f
	}
	if name, val, ok := strings.Cut(q, ":"); ok {
		want := squash(name)
		for i, c := range cols {
			if squash(c.Name) == want {
				f.Column = i
				f.Pattern = strings.ToLower(strings.TrimSpace(val))
				return f
			}
		}
	}
	f.Pattern = q
	return f
}

// stripControls drops control characters (a pasted cell separator must
// not let a word span two cells).
func stripControls(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, s)
}

func squash(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// Empty reports whether the filter lets everything through.
func (f *Filter) Empty() bool { return f == nil || f.Pattern == "" }

// Mode names how the filter matches, for the filter line and the header.
func (f *Filter) Mode() string {
	switch {
	case f == nil:
		return ""
	case f.Fuzzy:
		return "fuzzy"
	case f.Column >= 0:
		return "column"
	}
	return "substring"
}

// Ranked reports whether results are in score order rather than the
// table's.
func (f *Filter) Ranked() bool { return f != nil && f.Fuzzy && !f.Invert && !f.Empty() }

// Narrows reports whether f's results are a subset of prev's, so f can run
// over prev's result instead of every row (typing one more character).
func (f *Filter) Narrows(prev *Filter) bool {
	if prev == nil || prev.Empty() || f.Empty() {
		return false
	}
	if f.Invert || prev.Invert || f.Column != prev.Column || f.Fuzzy != prev.Fuzzy {
		return false
	}
	if f.Column >= 0 {
		return strings.Contains(f.Pattern, prev.Pattern)
	}
	// Another character or word: every word of f extends one of prev's
	// (substring), or f's pattern has prev's as a subsequence (fuzzy).
	return strings.HasPrefix(strings.ToLower(f.Pattern), strings.ToLower(prev.Pattern))
}

// Run returns the row indexes of snap.order (or of within, a subset of it)
// that pass the filter: in the table's order, or best match first for a
// fuzzy filter.
//
// Rows are tested in storage order, not sorted order: rows sit in memory
// in the order they arrived, so this reads memory front to back instead of
// jumping about it, which at 100,000 rows is most of the cost. The work is
// split across the CPUs.
func (f *Filter) Run(snap FilterSnapshot, within []int32) []int32 {
	src := snap.order
	if within != nil {
		src = within
	}
	if f.Empty() {
		return src
	}
	m := f.matcher(snap.shown)
	n := len(snap.rows)
	var want []bool // nil: every row is a candidate
	if len(src) < n {
		want = make([]bool, n)
		for _, i := range src {
			want[i] = true
		}
	}
	hit := make([]bool, n)
	var score []int32
	if m.fuzzy {
		score = make([]int32, n)
	}
	workers := max(runtime.GOMAXPROCS(0), 1)
	if len(src) < 4096 {
		workers = 1
	}
	chunk := (n + workers - 1) / workers
	var wg sync.WaitGroup
	for lo := 0; lo < n; lo += chunk {
		hi := min(lo+chunk, n)
		wg.Add(1)
		go func() {
			defer wg.Done()
			m.judge(snap.rows, want, lo, hi, hit, score)
		}()
	}
	wg.Wait()
	count := 0
	for _, h := range hit {
		if h {
			count++
		}
	}
	out := make([]int32, 0, count)
	for _, i := range src {
		if hit[i] {
			out = append(out, i)
		}
	}
	if f.Ranked() {
		// Best first; equal scores keep the table's order.
		slices.SortStableFunc(out, func(a, b int32) int { return int(score[b] - score[a]) })
	}
	return out
}

// matcher is a filter ready to test rows.
type matcher struct {
	column int
	invert bool
	fuzzy  bool
	terms  []string // lower case: the column value, or the words
	// shown marks the columns on screen (nil: all of them); substring
	// words match only there.
	shown    []bool
	allShown bool
	pattern  string // fuzzy: as typed
	folded   string // fuzzy: lower case, for the cheap pre-check
}

func (f *Filter) matcher(shown []bool) matcher {
	m := matcher{column: f.Column, invert: f.Invert, fuzzy: f.Fuzzy, shown: shown, allShown: true}
	for _, s := range shown {
		if !s {
			m.allShown = false
		}
	}
	switch {
	case f.Fuzzy:
		m.pattern = f.Pattern
		m.folded = strings.ToLower(f.Pattern)
	case f.Column >= 0:
		m.terms = []string{f.Pattern}
	default:
		m.terms = strings.Fields(strings.ToLower(f.Pattern))
	}
	return m
}

// judge decides rows lo..hi (in storage order) and records them in hit
// (and, fuzzy, their score).
func (m *matcher) judge(rows []*Row, want []bool, lo, hi int, hit []bool, score []int32) {
	if m.fuzzy {
		m.judgeFuzzy(rows, want, lo, hi, hit, score)
		return
	}
	for i := lo; i < hi; i++ {
		if want == nil || want[i] {
			hit[i] = m.match(rows[i])
		}
	}
}

// judgeFuzzy scores rows by sahilm/fuzzy over their Name and ID. A cheap
// scan (the pattern's letters in order, any case) picks the rows fuzzy can
// accept; fuzzy.FindNoSort then judges and scores them in one call per
// field.
func (m *matcher) judgeFuzzy(rows []*Row, want []bool, lo, hi int, hit []bool, score []int32) {
	var cand []int32
	var names, ids []string
	for i := lo; i < hi; i++ {
		if want != nil && !want[i] {
			continue
		}
		o := rows[i].Obj
		if o == nil {
			continue
		}
		if subseqFold(o.Name, m.folded) || subseqFold(o.ID, m.folded) {
			cand = append(cand, int32(i))
			names = append(names, o.Name)
			ids = append(ids, o.ID)
		}
	}
	best := make([]int32, len(cand))
	matched := make([]bool, len(cand))
	for _, field := range [][]string{names, ids} {
		for _, fm := range fuzzy.FindNoSort(m.pattern, field) {
			if !matched[fm.Index] || int32(fm.Score) > best[fm.Index] {
				best[fm.Index] = int32(fm.Score)
			}
			matched[fm.Index] = true
		}
	}
	if m.invert {
		for i := lo; i < hi; i++ {
			if want == nil || want[i] {
				hit[i] = true
			}
		}
	}
	for k, i := range cand {
		if matched[k] {
			hit[i] = !m.invert
			score[i] = best[k]
		}
	}
}

// subseqFold reports whether term (lower case) is a subsequence of s in
// any case. Non-ASCII terms are left to fuzzy (true).
func subseqFold(s, term string) bool {
	j := 0
	for i := 0; i < len(term); i++ {
		if term[i] >= 0x80 {
			return true
		}
	}
	for i := 0; i < len(s) && j < len(term); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == term[j] {
			j++
		}
	}
	return j == len(term)
}

// match tests one row. A column filter is a case-insensitive substring of
// that column (shown or not: it is named); a substring filter needs every
// word inside one cell that is on screen, so a row never stays for text
// the user cannot see.
func (m *matcher) match(r *Row) bool {
	if m.column >= 0 {
		return strings.Contains(cellOf(r.text, m.column), m.terms[0]) != m.invert
	}
	for _, t := range m.terms {
		if !m.inShownCell(r.text, t) {
			return m.invert
		}
	}
	return !m.invert
}

// inShownCell reports whether word is a substring of a shown cell of text
// (both lower case). A word holds no cell separator, so a substring of the
// whole text lies inside one cell.
func (m *matcher) inShownCell(text, word string) bool {
	if !strings.Contains(text, word) {
		return false
	}
	if m.allShown {
		return true
	}
	for i := 0; text != ""; i++ {
		cell := text
		if end := strings.IndexByte(text, cellSep); end >= 0 {
			cell, text = text[:end], text[end+1:]
		} else {
			text = ""
		}
		if i < len(m.shown) && m.shown[i] && strings.Contains(cell, word) {
			return true
		}
	}
	return false
}

// cellOf returns cell i of a row's filter text.
func cellOf(text string, i int) string {
	for ; i > 0; i-- {
		j := strings.IndexByte(text, cellSep)
		if j < 0 {
			return ""
		}
		text = text[j+1:]
	}
	if j := strings.IndexByte(text, cellSep); j >= 0 {
		return text[:j]
	}
	return text
}

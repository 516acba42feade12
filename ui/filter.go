package ui

import (
	"runtime"
	"strings"
	"sync"

	"github.com/sahilm/fuzzy"

	"github.com/alivpc/alivpc/model"
)

// Filter is a parsed `/` query:
//
//	prod core        fuzzy: every word matches inside one of the row's cells
//	status:pending   case-insensitive substring in one column
//	!status:avail    a leading ! inverts either form
type Filter struct {
	Raw     string
	Invert  bool
	Column  int    // -1: every column, fuzzy
	Pattern string // fuzzy pattern, or the column substring (lower case)
}

// ParseFilter parses raw against cols. "name:value" only means a column
// filter when name is a column; otherwise (an IPv6 address, say) the whole
// text is a fuzzy pattern.
func ParseFilter(raw string, cols []model.Column) *Filter {
	f := &Filter{Raw: raw, Column: -1}
	q := strings.TrimSpace(raw)
	if strings.HasPrefix(q, "!") {
		f.Invert = true
		q = strings.TrimSpace(q[1:])
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

func squash(s string) string {
	return strings.ToLower(strings.ReplaceAll(strings.TrimSpace(s), " ", ""))
}

// Empty reports whether the filter lets everything through.
func (f *Filter) Empty() bool { return f == nil || f.Pattern == "" }

// Narrows reports whether f's results are a subset of prev's, so f can run
// over prev's result instead of every row (typing one more character).
func (f *Filter) Narrows(prev *Filter) bool {
	if prev == nil || prev.Empty() || f.Empty() {
		return false
	}
	if f.Invert || prev.Invert || f.Column != prev.Column {
		return false
	}
	if f.Column >= 0 {
		return strings.Contains(f.Pattern, prev.Pattern)
	}
	return strings.HasPrefix(f.Pattern, prev.Pattern)
}

// Run returns the row indexes of snap.order (or of within, a subset of it in
// the same order) that pass the filter, in order.
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
	m := f.matcher()
	n := len(snap.rows)
	var want []bool // nil: every row is a candidate
	if len(src) < n {
		want = make([]bool, n)
		for _, i := range src {
			want[i] = true
		}
	}
	hit := make([]bool, n)
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
			m.judge(snap.rows, want, lo, hi, hit)
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
	return out
}

// judge decides rows lo..hi (in storage order) and records them in hit.
// A fuzzy word is decided by sahilm/fuzzy on one cell per row: a cheap scan
// of the row's lower-case text finds the first cell the word could match
// in (its letters in order); a cell that holds the word as typed is a
// match outright, and fuzzy.FindNoSort judges the rest in one call — so a
// broad query never hands it 800,000 strings.
func (m *matcher) judge(rows []*Row, want []bool, lo, hi int, hit []bool) {
	if m.column >= 0 {
		for i := lo; i < hi; i++ {
			if want == nil || want[i] {
				hit[i] = m.match(rows[i])
			}
		}
		return
	}
	var cand []int32
	// For each word: the cells fuzzy must judge, and which candidate each
	// belongs to. A cell holding the word as it was typed needs no judge.
	type batch struct {
		cells []string
		of    []int
	}
	batches := make([]batch, len(m.terms))
	found := make([]string, len(m.terms))
	for i := lo; i < hi; i++ {
		if want != nil && !want[i] {
			continue
		}
		ok := true
		for t, term := range m.terms {
			c, in := cellWith(rows[i].text, term)
			if !in {
				ok = false
				break
			}
			found[t] = c
		}
		if !ok {
			continue
		}
		k := len(cand)
		cand = append(cand, int32(i))
		for t, term := range m.terms {
			if !strings.Contains(found[t], term) {
				batches[t].cells = append(batches[t].cells, found[t])
				batches[t].of = append(batches[t].of, k)
			}
		}
	}
	match := make([]bool, len(cand))
	for k := range match {
		match[k] = true
	}
	for t, term := range m.terms {
		b := &batches[t]
		judged := make([]bool, len(b.cells))
		for _, fm := range fuzzy.FindNoSort(term, b.cells) {
			judged[fm.Index] = true
		}
		for j, k := range b.of {
			match[k] = match[k] && judged[j]
		}
	}
	if !m.invert {
		for k, i := range cand {
			hit[i] = match[k]
		}
		return
	}
	for i := lo; i < hi; i++ {
		if want == nil || want[i] {
			hit[i] = true
		}
	}
	for k, i := range cand {
		if match[k] {
			hit[i] = false
		}
	}
}

// cellWith returns the first cell of a row's lower-case text in which term
// (lower case) is a subsequence — the only cells fuzzy matching can accept.
func cellWith(text, term string) (string, bool) {
	for text != "" {
		cell := text
		if end := strings.IndexByte(text, cellSep); end >= 0 {
			cell, text = text[:end], text[end+1:]
		} else {
			text = ""
		}
		if len(cell) >= len(term) && inOneCell(cell, term) {
			return cell, true
		}
	}
	return "", false
}

// matcher is a filter ready to test rows.
type matcher struct {
	column int
	invert bool
	terms  []string // lower case: the column substring, or the fuzzy words
}

func (f *Filter) matcher() matcher {
	m := matcher{column: f.Column, invert: f.Invert}
	if f.Column >= 0 {
		m.terms = []string{f.Pattern}
	} else {
		m.terms = strings.Fields(strings.ToLower(f.Pattern))
	}
	return m
}

// match tests one row. A column filter is a case-insensitive substring of
// that column; a fuzzy word must be a case-insensitive subsequence of one
// cell (the match sahilm/fuzzy makes, without the score we never used:
// results keep the table's order), so "prod-core" does not match a row
// whose ID, status and description happen to hold those letters in order.
func (m *matcher) match(r *Row) bool {
	if m.column >= 0 {
		return strings.Contains(cellOf(r.text, m.column), m.terms[0]) != m.invert
	}
	for _, t := range m.terms {
		if !inOneCell(r.text, t) {
			return m.invert
		}
	}
	return !m.invert
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

// inOneCell reports whether term is a subsequence of one cell of text
// (both lower case). Greedy matching finds a subsequence when there is
// one.
func inOneCell(text, term string) bool {
	for i := 0; i < len(term); i++ {
		if term[i] >= 0x80 {
			return inOneCellRunes(text, []rune(term))
		}
	}
	// An ASCII term: bytes of multi-byte characters never equal it, so
	// each step is a (vectorised) byte search.
	for text != "" {
		cell := text
		if end := strings.IndexByte(text, cellSep); end >= 0 {
			cell, text = text[:end], text[end+1:]
		} else {
			text = ""
		}
		if len(cell) >= len(term) && subsequence(cell, term) {
			return true
		}
	}
	return false
}

func subsequence(s, term string) bool {
	for j := 0; j < len(term); j++ {
		k := strings.IndexByte(s, term[j])
		if k < 0 {
			return false
		}
		s = s[k+1:]
	}
	return true
}

func inOneCellRunes(text string, term []rune) bool {
	j := 0
	for _, c := range text {
		if c == cellSep {
			j = 0
			continue
		}
		if c == term[j] {
			j++
			if j == len(term) {
				return true
			}
		}
	}
	return false
}

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
// the same order) that pass the filter, in order. It splits the work across
// the CPUs: fuzzy matching 100,000 rows takes tens of milliseconds.
func (f *Filter) Run(snap FilterSnapshot, within []int32) []int32 {
	src := snap.order
	if within != nil {
		src = within
	}
	if f.Empty() {
		return src
	}
	workers := runtime.GOMAXPROCS(0)
	if len(src) < 4096 || workers < 2 {
		return f.runChunk(snap, src)
	}
	chunk := (len(src) + workers - 1) / workers
	parts := make([][]int32, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		lo, hi := w*chunk, min((w+1)*chunk, len(src))
		if lo >= hi {
			continue
		}
		wg.Add(1)
		go func(w int, part []int32) {
			defer wg.Done()
			parts[w] = f.runChunk(snap, part)
		}(w, src[lo:hi])
	}
	wg.Wait()
	n := 0
	for _, p := range parts {
		n += len(p)
	}
	out := make([]int32, 0, n)
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// cellText is a fuzzy.Source over the cells of some rows, so that a term
// must match inside one cell: "prod-core" must not match a row whose ID,
// status and description happen to hold those letters in order.
type cellText struct {
	rows  []*Row
	idx   []int32
	ncols int
}

func (s cellText) String(i int) string {
	r := s.rows[s.idx[i/s.ncols]]
	if c := i % s.ncols; c < len(r.Cells) {
		return r.Cells[c]
	}
	return ""
}
func (s cellText) Len() int { return len(s.idx) * s.ncols }

func (f *Filter) runChunk(snap FilterSnapshot, idx []int32) []int32 {
	if f.Column >= 0 {
		out := make([]int32, 0, len(idx)/4)
		for _, i := range idx {
			r := snap.rows[i]
			cell := ""
			if f.Column < len(r.Cells) {
				cell = r.Cells[f.Column]
			}
			if containsFold(cell, f.Pattern) != f.Invert {
				out = append(out, i)
			}
		}
		return out
	}
	ncols := len(snap.cols)
	cand := idx
	for _, term := range strings.Fields(strings.ToLower(f.Pattern)) {
		// A term that is not a subsequence of the whole row cannot match
		// any one cell: this cheap pass leaves fuzzy few rows to score.
		pre := make([]int32, 0, len(cand)/2)
		for _, i := range cand {
			if subsequenceFold(snap.rows[i].text, term) {
				pre = append(pre, i)
			}
		}
		if len(pre) == 0 || ncols == 0 {
			cand = pre
			break
		}
		matches := fuzzy.FindFromNoSort(term, cellText{snap.rows, pre, ncols})
		hit := make([]bool, len(pre))
		for _, m := range matches {
			hit[m.Index/ncols] = true
		}
		next := pre[:0]
		for n, i := range pre {
			if hit[n] {
				next = append(next, i)
			}
		}
		cand = next
	}
	if !f.Invert {
		return cand
	}
	in := make(map[int32]bool, len(cand))
	for _, i := range cand {
		in[i] = true
	}
	out := make([]int32, 0, len(idx)-len(cand))
	for _, i := range idx {
		if !in[i] {
			out = append(out, i)
		}
	}
	return out
}

// subsequenceFold reports whether every rune of term (lower case) occurs in
// s in order, ignoring case.
func subsequenceFold(s, term string) bool {
	j := 0
	for i := 0; i < len(s) && j < len(term); i++ {
		c := s[i]
		if c >= 0x80 {
			return subsequenceRunes(s, term)
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c == term[j] {
			j++
		}
	}
	return j == len(term)
}

func subsequenceRunes(s, term string) bool {
	t := []rune(term)
	j := 0
	for _, c := range strings.ToLower(s) {
		if j < len(t) && c == t[j] {
			j++
		}
	}
	return j == len(t)
}

// containsFold is strings.Contains ignoring case, without allocating for
// ASCII text. sub must be lower case.
func containsFold(s, sub string) bool {
	if sub == "" {
		return true
	}
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return strings.Contains(strings.ToLower(s), sub)
		}
	}
	n := len(sub)
	for i := 0; i+n <= len(s); i++ {
		match := true
		for j := 0; j < n; j++ {
			c := s[i+j]
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			if c != sub[j] {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

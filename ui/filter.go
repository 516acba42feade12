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
//	prod core        fuzzy over the row's visible text
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

type rowText struct {
	rows []*Row
	idx  []int32
}

func (s rowText) String(i int) string { return s.rows[s.idx[i]].text }
func (s rowText) Len() int            { return len(s.idx) }

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
	matches := fuzzy.FindFromNoSort(f.Pattern, rowText{snap.rows, idx})
	if !f.Invert {
		out := make([]int32, len(matches))
		for n, m := range matches {
			out[n] = idx[m.Index]
		}
		return out
	}
	hit := make([]bool, len(idx))
	for _, m := range matches {
		hit[m.Index] = true
	}
	out := make([]int32, 0, len(idx)-len(matches))
	for n, i := range idx {
		if !hit[n] {
			out = append(out, i)
		}
	}
	return out
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

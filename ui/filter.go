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
	m := f.matcher(snap.cols, snap.shown)
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
	from := src
	if f.Ranked() {
		from = snap.order // equal scores in the table's order, narrowed or not
	}
	for _, i := range from {
		if hit[i] {
			out = append(out, i)
		}
	}
	if f.Ranked() {
		rankByScore(out, score)
	}
	return out
}

// rankByScore orders rows best score first; equal scores keep their order.
// Scores span a few hundred values, so this counts rather than compares.
func rankByScore(out []int32, score []int32) {
	if len(out) < 2 {
		return
	}
	lo, hi := score[out[0]], score[out[0]]
	for _, i := range out {
		lo, hi = min(lo, score[i]), max(hi, score[i])
	}
	if hi-lo > 1<<16 {
		slices.SortStableFunc(out, func(a, b int32) int { return int(score[b]) - int(score[a]) })
		return
	}
	start := make([]int, hi-lo+2) // by hi - score: best first
	for _, i := range out {
		start[hi-score[i]+1]++
	}
	for k := 1; k < len(start); k++ {
		start[k] += start[k-1]
	}
	sorted := make([]int32, len(out))
	for _, i := range out {
		k := hi - score[i]
		sorted[start[k]] = i
		start[k]++
	}
	copy(out, sorted)
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
	folded   string // fuzzy: lower case
	// nameCol and idCol are the Name and ID columns fuzzy looks at (-1:
	// the object's name or ID, for kinds without such a column).
	nameCol, idCol int
}

func (f *Filter) matcher(cols []model.Column, shown []bool) matcher {
	m := matcher{column: f.Column, invert: f.Invert, fuzzy: f.Fuzzy, shown: shown, allShown: true, nameCol: -1, idCol: -1}
	for i, c := range cols {
		switch {
		case strings.EqualFold(c.Name, "Name") && m.nameCol < 0:
			m.nameCol = i
		case strings.EqualFold(c.Name, "ID") && m.idCol < 0:
			m.idCol = i
		}
	}
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

// judgeFuzzy scores rows by sahilm/fuzzy over their Name and ID; a row's
// score is its better field's. ASCII texts (nearly all) are scored by
// fuzzyScore, the library's algorithm without its allocations; others go
// to the library in one call per field.
func (m *matcher) judgeFuzzy(rows []*Row, want []bool, lo, hi int, hit []bool, score []int32) {
	asciiPattern := isASCII(m.pattern)
	var rest [2][]string // non-ASCII names, IDs
	var restOf [2][]int32
	found := func(i int32, sc int) {
		if hit[i] == m.invert || int32(sc) > score[i] {
			score[i] = int32(sc)
		}
		hit[i] = !m.invert
	}
	if m.invert {
		for i := lo; i < hi; i++ {
			if want == nil || want[i] {
				hit[i] = true
			}
		}
	}
	for i := lo; i < hi; i++ {
		if want != nil && !want[i] {
			continue
		}
		r := rows[i]
		for f, col := range [2]int{m.nameCol, m.idCol} {
			var text string
			switch {
			case col >= 0:
				// Most rows fail a vectorised subsequence scan of the
				// lower-case cell; only the rest are scored.
				if lower := cellOf(r.text, col); asciiPattern && !subsequence(lower, m.folded) && isASCII(lower) {
					continue // (Unicode folds a few letters to ASCII: those go on)
				}
				text = cellOf(r.line, col) // r.ends stays out of the cache
			case r.Obj == nil:
				continue
			case f == 0:
				text = r.Obj.Name
			default:
				text = r.Obj.ID
			}
			if asciiPattern {
				if sc, ok, ascii := fuzzyScore(text, m.pattern); ascii {
					if ok {
						found(int32(i), sc)
					}
					continue
				}
			}
			rest[f] = append(rest[f], text)
			restOf[f] = append(restOf[f], int32(i))
		}
	}
	for f := range rest {
		for _, fm := range fuzzy.FindNoSort(m.pattern, rest[f]) {
			found(restOf[f][fm.Index], fm.Score)
		}
	}
}

// subsequence reports whether term's bytes appear in s in order.
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// fuzzyScore is sahilm/fuzzy's match of an ASCII pattern in s, step for
// step (TestFuzzyScoreIsTheLibrarys checks it): ok when every pattern
// character matches in order, and the library's score. ascii is false
// when s is not ASCII (the library's case folding is Unicode's then).
func fuzzyScore(s, pattern string) (score int, ok, ascii bool) {
	if len(pattern) == 0 {
		return 0, false, true
	}
	const (
		firstCharMatchBonus            = 10
		matchFollowingSeparatorBonus   = 20
		camelCaseMatchBonus            = 20
		adjacentMatchBonus             = 5
		unmatchedLeadingCharPenalty    = -5
		maxUnmatchedLeadingCharPenalty = -15
	)
	matched, lastMatch := 0, -1
	pi, best, matchedIndex, adjacent := 0, -1, -1, 0
	var last byte
	lastIndex := 0
	for j := 0; j < len(s); j++ {
		c := s[j]
		if c >= 0x80 {
			return 0, false, false
		}
		if c == 0 { // the library stops at a NUL
			s = s[:j]
			break
		}
		if foldEq(c, pattern[pi]) {
			sc := 0
			if j == 0 {
				sc += firstCharMatchBonus
			}
			if 'a' <= last && last <= 'z' && 'A' <= c && c <= 'Z' {
				sc += camelCaseMatchBonus
			}
			if j != 0 && isSep(last) {
				sc += matchFollowingSeparatorBonus
			}
			if matched > 0 {
				bonus := 0
				if lastMatch == lastIndex {
					bonus = adjacent*2 + adjacentMatchBonus
				}
				sc += bonus
				adjacent += bonus
			}
			if sc > best {
				best, matchedIndex = sc, j
			}
		}
		var np, nc byte
		if pi < len(pattern)-1 {
			np = pattern[pi+1]
		}
		if j+1 < len(s) {
			nc = s[j+1]
		}
		if (foldEq(np, nc) || nc == 0) && matchedIndex > -1 {
			if matched == 0 {
				best += max(matchedIndex*unmatchedLeadingCharPenalty, maxUnmatchedLeadingCharPenalty)
			}
			score += best
			lastMatch = matchedIndex
			matched++
			best = -1
			pi++
		}
		lastIndex = j
		last = c
	}
	score += matched - len(s)
	return score, matched == len(pattern), true
}

func foldEq(a, b byte) bool {
	if 'A' <= a && a <= 'Z' {
		a += 'a' - 'A'
	}
	if 'A' <= b && b <= 'Z' {
		b += 'a' - 'A'
	}
	return a == b
}

func isSep(c byte) bool {
	return c == '/' || c == '-' || c == '_' || c == ' ' || c == '.' || c == '\\'
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

package sim

import "sort"

// idxKey names one ordered index: the records of Kind filed under By=Key,
// e.g. {vsw, vpc, vpc-123} or {vsw, region, cn-hangzhou}.
type idxKey struct{ Kind, By, Key string }

// ordIndex keeps records in creation order (by Seq), so a page is a slice
// and a NextToken is the Seq of the last record returned: paging costs
// O(page size) and stays stable while nothing changes.
type ordIndex struct{ recs []*record }

func (ix *ordIndex) len() int {
	if ix == nil {
		return 0
	}
	return len(ix.recs)
}

// pos returns the position of the first record with Seq >= seq.
func (ix *ordIndex) pos(seq uint64) int {
	return sort.Search(len(ix.recs), func(i int) bool { return ix.recs[i].Seq >= seq })
}

func (ix *ordIndex) add(r *record) {
	n := len(ix.recs)
	if n == 0 || ix.recs[n-1].Seq < r.Seq {
		ix.recs = append(ix.recs, r)
		return
	}
	i := ix.pos(r.Seq)
	if i < n && ix.recs[i] == r {
		return
	}
	ix.recs = append(ix.recs, nil)
	copy(ix.recs[i+1:], ix.recs[i:])
	ix.recs[i] = r
}

func (ix *ordIndex) remove(r *record) {
	i := ix.pos(r.Seq)
	if i >= len(ix.recs) || ix.recs[i] != r {
		return
	}
	copy(ix.recs[i:], ix.recs[i+1:])
	ix.recs[len(ix.recs)-1] = nil
	ix.recs = ix.recs[:len(ix.recs)-1]
}

// page returns the matches of keep (all records when keep is nil) after
// skipping skip of them, at most n, and the total number of matches. Without
// a filter it is a slice of the index; with one it scans the index, which is
// why callers pick the narrowest index first.
func (ix *ordIndex) page(keep func(*record) bool, skip, n int) (out []*record, total int) {
	if ix == nil {
		return nil, 0
	}
	if keep == nil {
		total = len(ix.recs)
		if skip >= total {
			return nil, total
		}
		end := min(skip+n, total)
		return append([]*record(nil), ix.recs[skip:end]...), total
	}
	for _, r := range ix.recs {
		if !keep(r) {
			continue
		}
		if total >= skip && len(out) < n {
			out = append(out, r)
		}
		total++
	}
	return out, total
}

// after returns up to n matches of keep whose Seq is greater than seq, and
// whether more matches follow.
func (ix *ordIndex) after(keep func(*record) bool, seq uint64, n int) (out []*record, more bool) {
	if ix == nil {
		return nil, false
	}
	for i := ix.pos(seq + 1); i < len(ix.recs); i++ {
		r := ix.recs[i]
		if keep != nil && !keep(r) {
			continue
		}
		if len(out) == n {
			return out, true
		}
		out = append(out, r)
	}
	return out, false
}

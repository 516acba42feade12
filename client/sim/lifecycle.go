package sim

import (
	"container/heap"
	"time"
)

// Transition is a resource's pending lifecycle step, stored with the record
// (and in the state file) as plain data: at Due, set Status, run the named
// follow-up Then, and/or Remove the record. Steps are applied lazily before
// each request, so there is no goroutine per resource and a manual clock
// drives everything.
type Transition struct {
	Due    time.Time `json:"Due"`
	Status string    `json:"Status,omitempty"`
	// Then names a follow-up registered by a family (registry.after); it
	// runs before Remove, so it still sees the record.
	Then   string `json:"Then,omitempty"`
	Remove bool   `json:"Remove,omitempty"`
}

// schedule replaces r's pending step with t.
func (st *store) schedule(r *record, t Transition) {
	r.gen++
	tt := t
	r.Trans = &tt
	heap.Push(&st.due, dueItem{at: t.Due, seq: r.Seq, gen: r.gen, r: r})
	st.touch(r)
}

// unschedule drops r's pending step: the queued item no longer matches
// r's generation, so settle skips it.
func (st *store) unschedule(r *record) {
	r.gen++
	r.Trans = nil
}

// settle applies every step due at or before now, oldest first. A follow-up
// may schedule further steps; those due by now are applied too.
func (st *store) settle(now time.Time) {
	for st.due.Len() > 0 {
		top := st.due[0]
		if top.at.After(now) {
			return
		}
		heap.Pop(&st.due)
		r := top.r
		if r.removed || r.Trans == nil || top.gen != r.gen {
			continue // replaced or gone since it was scheduled
		}
		t := *r.Trans
		r.Trans = nil
		if t.Status != "" {
			st.setStatus(r, t.Status)
		}
		if t.Then != "" {
			if f := st.after[t.Then]; f != nil {
				f(st, r)
			}
		}
		if t.Remove {
			st.remove(r)
		}
		st.touch(r)
	}
}

type dueItem struct {
	at  time.Time
	seq uint64
	gen uint64
	r   *record
}

// transHeap orders pending steps by due time, then by creation order so
// that equal due times resolve the same way every run.
type transHeap []dueItem

func (h transHeap) Len() int { return len(h) }
func (h transHeap) Less(i, j int) bool {
	if !h[i].at.Equal(h[j].at) {
		return h[i].at.Before(h[j].at)
	}
	return h[i].seq < h[j].seq
}
func (h transHeap) Swap(i, j int) { h[i], h[j] = h[j], h[i] }
func (h *transHeap) Push(x any)   { *h = append(*h, x.(dueItem)) }
func (h *transHeap) Pop() any {
	old := *h
	n := len(old)
	it := old[n-1]
	old[n-1] = dueItem{}
	*h = old[:n-1]
	return it
}

package sim

import (
	"fmt"
	"math/rand/v2"
)

// record is one stored resource: a pointer to the family's typed value (a
// *model.Vpc, a *model.VSwitch, ...) plus what the store needs around it.
type record struct {
	Kind   string
	Region string
	ID     string
	Seq    uint64 // creation order; orders every list
	Value  any
	// Trans is the pending lifecycle step, if any (see lifecycle.go).
	Trans *Transition

	gen     uint64 // bumps when Trans is replaced, to skip stale heap items
	removed bool
}

// ref says a record belongs to another resource: By is the relation ("vpc",
// "zone", "rt"), ID the other resource's ID (or a zone ID).
type ref struct{ By, ID string }

// kindSpec describes one stored kind to the generic store. Families declare
// theirs in their ops file.
type kindSpec struct {
	Name   string // "vpc", "vsw", ...
	Prefix string // generated ID prefix, "vpc-"
	New    func() any
	ID     func(v any) string
	Status func(v any) string
	// SetStatus applies a transition's status.
	SetStatus func(v any, status string)
	// Refs lists what the record belongs to; each ref becomes an ordered
	// index so children list in O(page).
	Refs func(v any) []ref
	// Render returns the value as the API shows it, with fields derived
	// from other records filled in (a VPC's VSwitchIds). Nil: the value.
	Render func(st *store, r *record) any
	// NextHopType is the route entry NextHopType that may point at this
	// kind ("Instance", "NatGateway", ...); empty if none.
	NextHopType string
}

// store holds every resource. The Server's mutex guards it.
type store struct {
	kinds map[string]*kindSpec
	after map[string]func(st *store, r *record)
	byID  map[string]*record
	idx   map[idxKey]*ordIndex
	seq   uint64
	due   transHeap
	rng   *rand.Rand        // generated IDs
	codes map[string]string // region → ID code
	// dirty is set by every change; the saver clears it.
	dirty bool
	// touched collects the records changed since the last journal entry
	// (nil when nothing is journaled).
	touched map[string]*record
}

// touch notes that r changed.
func (st *store) touch(r *record) {
	st.dirty = true
	if st.touched != nil {
		st.touched[r.ID] = r
	}
}

func newStore(reg *registry, seed int64, regions []regionInfo) *store {
	codes := make(map[string]string, len(regions))
	for _, r := range regions {
		codes[r.ID] = r.Code
	}
	return &store{
		codes: codes,
		kinds: reg.kinds,
		after: reg.after,
		byID:  map[string]*record{},
		idx:   map[idxKey]*ordIndex{},
		rng:   rand.New(rand.NewPCG(uint64(seed), 0x5eed1d5)),
	}
}

func (st *store) spec(kind string) *kindSpec { return st.kinds[kind] }

// add stores v as a new record of kind in region.
func (st *store) add(kind, region string, v any) (*record, error) {
	sp := st.kinds[kind]
	if sp == nil {
		return nil, fmt.Errorf("sim: unknown kind %q", kind)
	}
	id := sp.ID(v)
	if id == "" {
		return nil, fmt.Errorf("sim: %s without an ID", kind)
	}
	if _, dup := st.byID[id]; dup {
		return nil, fmt.Errorf("sim: duplicate ID %s", id)
	}
	st.seq++
	r := &record{Kind: kind, Region: region, ID: id, Seq: st.seq, Value: v}
	st.insert(r)
	return r, nil
}

// mustAdd is add for values the caller built with a fresh ID.
func (st *store) mustAdd(kind, region string, v any) *record {
	r, err := st.add(kind, region, v)
	if err != nil {
		// Only reachable through a bug in a family's constructor.
		panic(err)
	}
	return r
}

func (st *store) insert(r *record) {
	st.byID[r.ID] = r
	for _, k := range st.keysOf(r) {
		st.file(k, r)
	}
	st.touch(r)
}

// keysOf lists the indexes r belongs in, from its current value. Records do
// not keep this list (it would cost more memory than the records' values in
// the large dataset); every change goes through change() instead, which
// sees the keys before and after.
func (st *store) keysOf(r *record) []idxKey {
	var refs []ref
	if sp := st.kinds[r.Kind]; sp != nil && sp.Refs != nil {
		refs = sp.Refs(r.Value)
	}
	keys := make([]idxKey, 1, 1+len(refs))
	keys[0] = idxKey{r.Kind, "region", r.Region}
	for _, rf := range refs {
		if rf.ID != "" {
			keys = append(keys, idxKey{r.Kind, rf.By, rf.ID})
		}
	}
	return keys
}

func (st *store) file(k idxKey, r *record) {
	ix := st.idx[k]
	if ix == nil {
		ix = &ordIndex{}
		st.idx[k] = ix
	}
	ix.add(r)
}

// change applies f, which modifies r's value, and refiles r if what it
// belongs to changed (a VSwitch bound to another route table). Every
// modification of a stored value goes through here.
func (st *store) change(r *record, f func()) {
	if r.removed {
		f()
		return
	}
	old := st.keysOf(r)
	f()
	st.touch(r)
	now := st.keysOf(r)
	if equalKeys(old, now) {
		return
	}
	for _, k := range old {
		st.unfile(k, r)
	}
	for _, k := range now {
		st.file(k, r)
	}
}

func equalKeys(a, b []idxKey) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

func (st *store) unfile(k idxKey, r *record) {
	if ix := st.idx[k]; ix != nil {
		ix.remove(r)
		if ix.len() == 0 {
			delete(st.idx, k)
		}
	}
}

// remove deletes r at once.
func (st *store) remove(r *record) {
	if r == nil || r.removed {
		return
	}
	for _, k := range st.keysOf(r) {
		st.unfile(k, r)
	}
	delete(st.byID, r.ID)
	r.removed = true
	r.Trans = nil
	st.touch(r)
}

// get finds any record by ID.
func (st *store) get(id string) *record { return st.byID[id] }

// find returns the record of kind with id in region ("" = any region).
func (st *store) find(kind, region, id string) *record {
	r := st.byID[id]
	if r == nil || r.Kind != kind || (region != "" && r.Region != region) {
		return nil
	}
	return r
}

// index returns the records of kind filed under by=key (nil when none).
func (st *store) index(kind, by, key string) *ordIndex { return st.idx[idxKey{kind, by, key}] }

func (st *store) inRegion(kind, region string) *ordIndex { return st.index(kind, "region", region) }

func (st *store) count(kind, by, key string) int { return st.index(kind, by, key).len() }

// children returns the records of kind filed under by=key, oldest first.
func (st *store) children(kind, by, key string) []*record {
	ix := st.index(kind, by, key)
	if ix == nil {
		return nil
	}
	return append([]*record(nil), ix.recs...)
}

// ids returns the IDs of children(kind, by, key).
func (st *store) ids(kind, by, key string) []string {
	ix := st.index(kind, by, key)
	out := make([]string, 0, ix.len())
	if ix != nil {
		for _, r := range ix.recs {
			out = append(out, r.ID)
		}
	}
	return out
}

func (st *store) status(r *record) string {
	if sp := st.kinds[r.Kind]; sp != nil && sp.Status != nil {
		return sp.Status(r.Value)
	}
	return ""
}

func (st *store) setStatus(r *record, status string) {
	if sp := st.kinds[r.Kind]; sp != nil && sp.SetStatus != nil {
		sp.SetStatus(r.Value, status)
		st.touch(r)
	}
}

// render returns what the API shows for r.
func (st *store) render(r *record) any {
	if sp := st.kinds[r.Kind]; sp != nil && sp.Render != nil {
		return sp.Render(st, r)
	}
	return r.Value
}

func (st *store) renderAll(recs []*record) []any {
	out := make([]any, len(recs))
	for i, r := range recs {
		out[i] = st.render(r)
	}
	return out
}

const idChars = "abcdefghijklmnopqrstuvwxyz0123456789"

// newID returns an unused ID for kind, such as vpc-bp1qpo0kug3a20qqe9h7v:
// the kind's prefix, the region's three-character code, then random
// characters.
func (st *store) newID(kind, region string) string {
	prefix := kind + "-"
	if sp := st.kinds[kind]; sp != nil && sp.Prefix != "" {
		prefix = sp.Prefix
	}
	for {
		b := make([]byte, 0, len(prefix)+21)
		b = append(b, prefix...)
		code := st.codes[region]
		if code == "" {
			code = "sim"
		}
		b = append(b, code...)
		for range 18 {
			b = append(b, idChars[st.rng.IntN(len(idChars))])
		}
		id := string(b)
		if st.byID[id] == nil {
			return id
		}
	}
}

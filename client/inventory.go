package client

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// InventoryConcurrency is the in-flight cap an inventory runs with unless
// told otherwise (--max-concurrency), twice the client's default: the rate
// (400 requests/s by default) stays the budget, but with 20 in flight and
// 50 ms round trips the rate is only reached when every call answers in 50
// ms, and an inventory's large pages (50 route tables with their entries,
// a region's physical connections) take 100-300 ms. With 40, slow calls do
// not hold the rate down: BenchmarkInventory's 3,862 calls take 1.08× the
// 9.7 s they need at 400/s, against 1.46× with 20.
const InventoryConcurrency = 40

// InventoryScale multiplies the ceilings of one view (MaxViewItems,
// MaxViewBytes) for an inventory: 1,200,000 items, 512 MiB. The large
// simulated account's whole inventory is 151,609 items in 80 MB, already
// half of one view's ceilings. `get all` streams what it lists; a caller
// that keeps all of it in memory bounds what it keeps itself.
const InventoryScale = 4

// InventoryKinds are the kinds an inventory lists: every kind of reg but
// the union panes (their members are listed themselves).
func InventoryKinds(reg *model.Registry) []*model.Kind {
	var out []*model.Kind
	for _, k := range reg.Kinds() {
		if !k.IsUnion() {
			out = append(out, k)
		}
	}
	return out
}

// bulkLists are calls that return a child kind for many parents at once,
// which an inventory makes instead of one listing per parent: the entries
// of 50 VRouter route tables in one DescribeRouteTables call (seed 003
// §8.3) instead of one DescribeRouteEntryList per table. Its items are
// the child kind's own objects, each naming its parent in the Scope's
// field; an item without an ID (an answer that leaves RouteEntryId out)
// sends its parent to the per-parent listing instead.
var bulkLists = map[string]bulkList{
	"route": {
		// DescribeRouteTables as model.RouteTablesListing pages it, its
		// items the entries of every table. Without RouterType it answers
		// VRouter and VBR tables alike.
		Spec: func() model.ListSpec {
			s := model.RouteTablesListing().List
			s.Path += "[].RouteEntrys.RouteEntry"
			return s
		}(),
		ParentField: func(o *model.Object) string {
			if e, ok := o.Val().(*model.RouteEntry); ok {
				return e.RouteTableId
			}
			return ""
		},
	},
}

// moreLists are the listings per region a kind needs besides its plain
// one, with these parameters: DescribeRouteTableList lists VRouter tables
// unless asked for a VBR's (seed 003 §8.2).
var moreLists = map[string][]map[string]string{
	"rt": {{"RouterType": "VBR"}},
}

type bulkList struct {
	Spec        model.ListSpec
	ParentField func(*model.Object) string
}

// bulkKind is the kind a bulk listing decodes with: k listed by spec.
func bulkKind(k *model.Kind, spec model.ListSpec) *model.Kind {
	b := *k
	b.List = spec
	b.Extras = nil
	return &b
}

// InventoryPlan is the inventory of every kind in regions: the listings
// that need no parent (global kinds once, the others per region, with
// their moreLists; a kind with a bulk call per region through it), and for the kinds the API lists
// only under a parent (SNAT and DNAT entries per NAT gateway, egress-only
// rules per IPv6 gateway), children returns the listings under the parents
// of one page. Each parent kind is listed once, by its own listing,
// whatever number of child kinds hang under it.
func InventoryPlan(reg *model.Registry, regions []string) (plan []Listing, children func(parents []*model.Object) []Listing) {
	type child struct {
		kind  *model.Kind
		scope model.Scope
	}
	under := map[string][]child{}
	for _, k := range InventoryKinds(reg) {
		if b, ok := bulkLists[k.Name]; ok {
			bk := bulkKind(k, b.Spec)
			for _, r := range regions {
				plan = append(plan, NewListing(bk, r, nil, nil))
			}
			continue
		}
		if req := requiredScope(k); req != nil {
			under[req.Parent] = append(under[req.Parent], child{k, *req})
			continue
		}
		if k.Global {
			plan = append(plan, NewListing(k, "", nil, nil))
			continue
		}
		for _, r := range regions {
			plan = append(plan, NewListing(k, r, nil, nil))
			for _, p := range moreLists[k.Name] {
				plan = append(plan, NewListing(k, r, copyMap(p), nil))
			}
		}
	}
	children = func(parents []*model.Object) []Listing {
		var out []Listing
		for _, p := range parents {
			for _, ch := range under[p.Kind.Name] {
				out = append(out, ScopedListings(ch.kind, p, ch.scope)...)
			}
		}
		return out
	}
	return plan, children
}

func requiredScope(k *model.Kind) *model.Scope {
	for i := range k.Scopes {
		if k.Scopes[i].Required {
			return &k.Scopes[i]
		}
	}
	return nil
}

// Inventory lists every kind of reg in every one of regions, each listing
// at its largest page size and through bulk calls where the API has them,
// and hands every event to emit as Collect does (objects of a bulk listing
// carry their own kind of reg). The children of a parent kind start as
// soon as the page naming their parents arrives, beside the listings still
// running, so an inventory takes about as long as its longest chain of
// pages, or its calls over the request budget, whichever is more. When
// children are discovered, an event with only Planned set (and the parent
// listing's key) announces them. It returns the number of API calls made.
func (c *Client) Inventory(ctx context.Context, reg *model.Registry, regions []string, emit func(Event) bool) int {
	plan, children := InventoryPlan(reg, regions)
	return c.collect(ctx, plan, nil, func(ev Event) (Event, []Listing) {
		var more []Listing
		if len(ev.Objects) > 0 {
			if own, ok := reg.Lookup(ev.Objects[0].Kind.Name); ok && own != ev.Objects[0].Kind {
				ev.Objects, more = unbulk(own, ev.Objects)
			}
		}
		if !ev.Update {
			more = append(more, children(ev.Objects)...)
		}
		return ev, more
	}, &viewTally{scale: InventoryScale}, emit)
}

// unbulk gives a bulk listing's objects their kind of the registry, and
// turns the parents of objects without an ID into per-parent listings.
func unbulk(own *model.Kind, objs []*model.Object) ([]*model.Object, []Listing) {
	b := bulkLists[own.Name]
	kept := objs[:0:0]
	var more []Listing
	asked := map[string]bool{}
	s := requiredScope(own)
	for _, o := range objs {
		o.Kind = own
		if o.ID != "" || s == nil {
			kept = append(kept, o)
			continue
		}
		if p := b.ParentField(o); p != "" && !asked[p] {
			asked[p] = true
			more = append(more, NewListing(own, o.Region, map[string]string{s.Param: p}, nil))
		}
	}
	return kept, more
}

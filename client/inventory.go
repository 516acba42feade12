package client

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

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

// InventoryPlan is the inventory of every kind in regions: the listings
// that need no parent (global kinds once, the others per region), and for
// the kinds the API lists only under a parent (route entries per route
// table, SNAT and DNAT entries per NAT gateway, egress-only rules per IPv6
// gateway), children returns the listings under the parents of one page.
// Each parent kind is listed once, by its own listing, whatever number of
// child kinds hang under it.
func InventoryPlan(reg *model.Registry, regions []string) (plan []Listing, children func(parents []*model.Object) []Listing) {
	type child struct {
		kind  *model.Kind
		scope model.Scope
	}
	under := map[string][]child{}
	for _, k := range InventoryKinds(reg) {
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
// at its largest page size, and hands every event to emit as Collect does.
// The children of a parent kind start as soon as the page naming their
// parents arrives, beside the listings still running, so an inventory
// takes about as long as its longest chain of pages, or its calls over the
// request budget, whichever is more. When children are discovered, an event
// with only Planned set (and the parent listing's key) announces them.
// It returns the number of API calls made.
func (c *Client) Inventory(ctx context.Context, reg *model.Registry, regions []string, emit func(Event) bool) int {
	plan, children := InventoryPlan(reg, regions)
	return c.collect(ctx, plan, nil, func(ev Event) []Listing {
		ls := children(ev.Objects)
		if len(ls) > 0 {
			emit(Event{Listing: ev.Listing, Planned: len(ls)})
		}
		return ls
	}, emit)
}

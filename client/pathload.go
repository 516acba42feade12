package client

import (
	"context"
	"sort"
	"sync"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/model/netpath"
)

// PathInventory lists what a path analysis needs (netpath.Kinds) in
// regions, then in the regions that peerings and router interfaces found
// there lead to (one step: a path enters a peer VPC and comes back, it
// never crosses a second peering), all through the client's budget and fan-out. Route
// entries are read with their tables (DescribeRouteTables: one call per 50
// tables, VBR tables included) and handed out as "route" objects holding
// the API's own bytes. It returns the objects, the calls made and the
// first error (what arrived is kept: a path over a partial inventory says
// what it could not see).
func (c *Client) PathInventory(ctx context.Context, reg *model.Registry, regions []string) ([]*model.Object, int, error) {
	var all []*model.Object
	var firstErr error
	calls := 0
	done := map[string]bool{}
	for round := 0; round < 2 && len(regions) > 0; round++ {
		for _, r := range regions {
			done[r] = true
		}
		objs, n, err := c.pathRound(ctx, reg, regions)
		all, calls = append(all, objs...), calls+n
		if firstErr == nil {
			firstErr = err
		}
		regions = nil
		seen := map[string]bool{}
		for _, o := range objs {
			for _, r := range farRegions(o) {
				if r != "" && !done[r] && !seen[r] {
					seen[r] = true
					regions = append(regions, r)
				}
			}
		}
		sort.Strings(regions)
	}
	return all, calls, firstErr
}

// farRegions are the regions an object leads to.
func farRegions(o *model.Object) []string {
	switch v := o.Val().(type) {
	case *model.VpcPeerConnection:
		return []string{v.RegionId, v.AcceptingRegionId}
	case *model.RouterInterface:
		return []string{v.OppositeRegionId}
	}
	return nil
}

// pathRound is one Collect over regions.
func (c *Client) pathRound(ctx context.Context, reg *model.Registry, regions []string) ([]*model.Object, int, error) {
	var plan []Listing
	var expand []Expansion
	for _, name := range netpath.Kinds {
		if name == "route" {
			continue
		}
		k, ok := reg.Lookup(name)
		if !ok {
			continue
		}
		p, x := Plan(reg, k, nil, regions)
		plan, expand = append(plan, p...), append(expand, x...)
	}
	// The route entries of every table, 50 tables a call: the inventory's
	// bulk listing, its objects given back their kind.
	route := reg.MustLookup("route")
	entries := bulkKind(route, bulkLists["route"].Spec)
	for _, r := range regions {
		plan = append(plan, NewListing(entries, r, nil, nil))
	}
	var mu sync.Mutex
	var out []*model.Object
	var firstErr error
	calls := c.Collect(ctx, plan, expand, func(ev Event) bool {
		mu.Lock()
		defer mu.Unlock()
		if ev.Err != nil && firstErr == nil {
			firstErr = ev.Err
		}
		for _, o := range ev.Objects {
			if o.Kind == entries {
				o.Kind = route
			}
			out = append(out, o)
		}
		return true
	})
	return out, calls, firstErr
}

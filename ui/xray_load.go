package ui

import (
	"context"
	"errors"
	"sync"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// What the xray tree of one VPC reads, as data: the kinds listed under the
// VPC itself, then under each object of a kind read before (the entries of
// every NAT gateway, the connections of every VPN gateway). Every listing
// runs in a tea.Cmd through the client (its request budget), never in
// Update or View.
var (
	xrayUnderVPC = []string{"rt", "vsw", "nat", "vpn", "ipv6gw", "peer", "vpcflowlog"}
	xrayUnder    = map[string][]string{
		"nat":    {"snat", "dnat", "eip"},
		"vpn":    {"ipsec", "sslserver"},
		"ipv6gw": {"ipv6rule", "ipv6addr"},
	}
)

// xrayFanout bounds the listings of one tree that run at once (the
// client's budget bounds the requests under them).
const xrayFanout = 8

// listing is one scoped listing whose objects hang under the node key.
type xlisting struct {
	under string
	l     client.Listing
}

// loadVPC reads the subtree of vpc: first what the VPC scopes (with its
// HaVips by one VpcId filter and its router interfaces by its VRouter),
// then the children of what that found, then the customer gateways the
// IPsec connections use. Listings that fail leave their part out and the
// first error is reported with what arrived.
func loadVPC(ctx context.Context, c *client.Client, reg *model.Registry, vpc *model.Object) *vpcData {
	d := &vpcData{vpc: vpc, under: map[string][]*model.Object{}, cgws: map[string]*model.Object{}}
	var mu sync.Mutex
	vkey := rowKey(vpc)
	var first []xlisting
	for _, name := range xrayUnderVPC {
		k := reg.MustLookup(name)
		if s, ok := k.ScopeFor("vpc"); ok {
			for _, l := range client.ScopedListings(k, vpc, s) {
				first = append(first, xlisting{vkey, l})
			}
		}
	}
	first = append(first, xlisting{vkey, client.NewListing(reg.MustLookup("havip"), vpc.Region,
		map[string]string{"Filter.1.Key": "VpcId", "Filter.1.Value.1": vpc.ID}, nil)})
	if v, ok := vpc.Val().(*model.Vpc); ok && v.VRouterId != "" {
		ri, vr := reg.MustLookup("ri"), reg.MustLookup("vrouter")
		router := &model.Object{Kind: vr, Region: vpc.Region, ID: v.VRouterId}
		if s, ok := ri.ScopeFor("vrouter"); ok {
			for _, l := range client.ScopedListings(ri, router, s) {
				first = append(first, xlisting{vkey, l})
			}
		}
	}
	run := func(ls []xlisting) {
		sem := make(chan struct{}, xrayFanout)
		var wg sync.WaitGroup
		for _, x := range ls {
			wg.Add(1)
			go func(x xlisting) {
				defer wg.Done()
				sem <- struct{}{}
				defer func() { <-sem }()
				var got []*model.Object
				calls := 0
				err := c.ListObjects(ctx, x.l.Kind, x.l.Region, x.l.Params, func(objs []*model.Object, _ client.Page) error {
					calls++
					for _, o := range objs {
						if x.l.Match == nil || x.l.Match(o) {
							got = append(got, o)
						}
					}
					return nil
				})
				mu.Lock()
				defer mu.Unlock()
				d.calls += calls
				d.under[x.under] = append(d.under[x.under], got...)
				if err != nil && d.err == nil && !errors.Is(err, context.Canceled) {
					d.err = err
				}
			}(x)
		}
		wg.Wait()
	}
	run(first)
	var second []xlisting
	for _, o := range d.under[vkey] {
		for _, name := range xrayUnder[o.Kind.Name] {
			k := reg.MustLookup(name)
			if s, ok := k.ScopeFor(o.Kind.Name); ok {
				for _, l := range client.ScopedListings(k, o, s) {
					second = append(second, xlisting{rowKey(o), l})
				}
			}
		}
	}
	run(second)
	readCgws(ctx, c, reg, d)
	return d
}

// readCgws fetches each customer gateway an IPsec connection of the VPC
// uses, once.
func readCgws(ctx context.Context, c *client.Client, reg *model.Registry, d *vpcData) {
	k := reg.MustLookup("cgw")
	for _, objs := range d.under {
		for _, o := range objs {
			v, ok := o.Val().(*model.VpnConnection)
			if !ok || v.CustomerGatewayId == "" || d.cgws[v.CustomerGatewayId] != nil {
				continue
			}
			g, err := c.Get(ctx, k, o.Region, v.CustomerGatewayId, nil)
			d.calls++
			if err != nil {
				if d.err == nil && !errors.Is(err, context.Canceled) {
					d.err = err
				}
				continue
			}
			if g != nil {
				d.cgws[g.ID] = g
			}
		}
	}
}

// listVPCs reads the VPCs of a region (`:xray region`), or the one VPC
// named (`:xray vpc-…`).
func listVPCs(ctx context.Context, c *client.Client, reg *model.Registry, region, id string) ([]*model.Object, error) {
	k := reg.MustLookup("vpc")
	if id != "" {
		o, err := c.Get(ctx, k, region, id, nil)
		if err == nil && o == nil {
			err = errors.New("VPC " + id + " was not found in " + region)
		}
		if err != nil {
			return nil, err
		}
		return []*model.Object{o}, nil
	}
	var out []*model.Object
	err := c.ListObjects(ctx, k, region, nil, func(objs []*model.Object, _ client.Page) error {
		out = append(out, objs...)
		return nil
	})
	return out, err
}

package sim_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// alivpc's client pages EIPs within the seed's PageSize limit of 50 and
// gets every one exactly once.
func TestClientPagesEipsByFifty(t *testing.T) {
	ctx := context.Background()
	hs, srv := newServer(t, sim.Options{Dataset: sim.DatasetEmpty})
	c := newClient(t, hs.URL, nil)
	const n = 120
	for i := range n {
		if _, err := client.AllocateEipAddress.Call(ctx, c, &client.AllocateEipAddressInput{RegionId: "cn-hangzhou", Name: fmt.Sprintf("eip-%03d", i)}); err != nil {
			t.Fatalf("AllocateEipAddress: %v", err)
		}
	}
	before := srv.Counts()["DescribeEipAddresses"]
	eips, err := client.DescribeEipAddresses.Call(ctx, c, &client.DescribeEipAddressesInput{RegionId: "cn-hangzhou"})
	if err != nil {
		t.Fatalf("DescribeEipAddresses: %v", err)
	}
	seen := map[string]bool{}
	for _, e := range eips {
		seen[e.AllocationId] = true
	}
	if len(eips) != n || len(seen) != n {
		t.Fatalf("%d EIPs (%d distinct), want %d", len(eips), len(seen), n)
	}
	if calls := srv.Counts()["DescribeEipAddresses"] - before; calls != 3 {
		t.Errorf("%d calls for %d EIPs, want 3 pages of at most 50", calls, n)
	}
	if k, _ := model.Default().Lookup("eip"); k.List.MaxPageSize != 50 {
		t.Errorf("eip MaxPageSize %d, want the seed's 50", k.List.MaxPageSize)
	}
}

// The VBR → route tables drill-down (a scoped listing) sends RouterType=VBR
// and finds the VBR's table.
func TestClientListsAVbrsRouteTables(t *testing.T) {
	ctx := context.Background()
	hs, _ := newServer(t, sim.Options{})
	c := newClient(t, hs.URL, nil)
	reg := model.Default()
	vbrKind, _ := reg.Lookup("vbr")
	rtKind, _ := reg.Lookup("rt")
	var vbrs []*model.Object
	if err := c.ListObjects(ctx, vbrKind, "cn-hangzhou", nil, func(objs []*model.Object, _ client.Page) error {
		vbrs = append(vbrs, objs...)
		return nil
	}); err != nil || len(vbrs) == 0 {
		t.Fatalf("VBRs: %v (%d)", err, len(vbrs))
	}
	plan, _ := client.Plan(reg, rtKind, vbrs[0], nil)
	var got []*model.Object
	for _, l := range plan {
		if l.Params["RouterType"] != "VBR" {
			t.Errorf("the VBR scope sends %v", l.Params)
		}
		if err := c.ListObjects(ctx, rtKind, l.Region, l.Params, func(objs []*model.Object, _ client.Page) error {
			got = append(got, objs...)
			return nil
		}); err != nil {
			t.Fatal(err)
		}
	}
	if len(got) != 1 {
		t.Fatalf("%d route tables under %s, want its one", len(got), vbrs[0].ID)
	}
	rt := got[0].Val().(*model.RouteTable)
	if rt.RouterId != vbrs[0].ID || rt.RouterType != "VBR" {
		t.Errorf("route table %+v", rt)
	}
	// Tracking a VBR's table by ID passes its RouterType.
	again, err := c.Get(ctx, rtKind, "cn-hangzhou", rt.RouteTableId, got[0])
	if err != nil || again == nil {
		t.Errorf("Get of the VBR's table: %v, %v", again, err)
	}
}

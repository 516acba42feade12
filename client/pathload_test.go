package client_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"net/netip"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/model/netpath"
)

func pathClient(tb testing.TB, dataset string) (*client.Client, *sim.Server) {
	tb.Helper()
	srv, err := sim.New(sim.Options{Dataset: dataset, Seed: 1})
	if err != nil {
		tb.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	tb.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: hs.URL},
	})
	if err != nil {
		tb.Fatal(err)
	}
	return c, srv
}

// The loader lists the working region, then the regions its peerings and
// router interfaces lead to — and nothing else.
func TestPathInventoryFollowsPeeringsToTheirRegions(t *testing.T) {
	c, _ := pathClient(t, sim.DatasetDemo)
	objs, calls, err := c.PathInventory(context.Background(), model.Default(), []string{"cn-hangzhou"})
	if err != nil {
		t.Fatal(err)
	}
	regions := map[string]bool{}
	kinds := map[string]int{}
	for _, o := range objs {
		regions[o.Region] = true
		kinds[o.Kind.Name]++
	}
	// prod-core peers with cn-shanghai and ap-southeast-1 and has a router
	// interface to cn-beijing.
	for _, r := range []string{"cn-hangzhou", "cn-shanghai", "ap-southeast-1", "cn-beijing"} {
		if !regions[r] {
			t.Errorf("region %s was not loaded (loaded %v)", r, regions)
		}
	}
	if regions["eu-central-1"] {
		t.Errorf("eu-central-1 was loaded though nothing in cn-hangzhou leads there")
	}
	for _, k := range netpath.Kinds {
		if kinds[k] == 0 && k != "ipv6gw" {
			t.Errorf("no %s was loaded", k)
		}
	}
	if calls == 0 {
		t.Fatal("no calls counted")
	}
	// The route entries are every entry of every table (VRouter and VBR)
	// in the loaded regions, each once, as a "route" object.
	got := map[string]int{}
	for _, o := range objs {
		if o.Kind.Name == "route" {
			if o.Kind != model.Default().MustLookup("route") || o.ID == "" {
				t.Errorf("route entry %q has kind %p %s, not the registry's", o.ID, o.Kind, o.Kind.Title)
			}
			got[o.Region+"/"+o.ID]++
		}
	}
	want := map[string]int{}
	for r := range regions {
		tables, err := c.DescribeRouteTables(context.Background(), &client.DescribeRouteTablesInput{RegionId: r})
		if err != nil {
			t.Fatal(err)
		}
		for _, tb := range tables {
			for _, e := range tb.Entries() {
				want[r+"/"+e.RouteEntryId]++
			}
		}
	}
	if len(want) == 0 || fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("route entries loaded\n got %v\nwant %v", got, want)
	}
}

var largePath struct {
	once sync.Once
	inv  *netpath.Inventory
	objs []*model.Object
	err  error
	took time.Duration
}

// BenchmarkPathTrace: one path computed on the large dataset's whole
// inventory (every region), loaded once beforehand. Target: < 50 ms.
//
//	go test -run '^$' -bench PathTrace -benchtime 200x ./client
func BenchmarkPathTrace(b *testing.B) {
	largePath.once.Do(func() {
		c, srv := pathClient(b, sim.DatasetLarge)
		_ = srv
		var regions []string
		list, err := client.ListTyped[model.Region](context.Background(), c, model.Default().MustLookup("region"), "", nil)
		if err != nil {
			largePath.err = err
			return
		}
		for _, r := range list {
			regions = append(regions, r.RegionId)
		}
		start := time.Now()
		largePath.objs, _, largePath.err = c.PathInventory(context.Background(), model.Default(), regions)
		largePath.took = time.Since(start)
		largePath.inv = netpath.New(largePath.objs)
	})
	if largePath.err != nil {
		b.Fatal(largePath.err)
	}
	inv := largePath.inv.Home("cn-hangzhou")
	// A VSwitch with outbound Internet (it has an SNAT entry), and a
	// VSwitch of a VPC at the far end of an Activated peering.
	var src, far, farVpc, nearVpc string
	for _, o := range largePath.objs {
		switch v := o.Val().(type) {
		case *model.SnatEntry:
			if src == "" && o.Region == "cn-hangzhou" && v.SourceVSwitchId != "" {
				src = v.SourceVSwitchId
			}
		case *model.VpcPeerConnection:
			if farVpc == "" && v.Status == "Activated" {
				nearVpc, farVpc = v.Vpc.VpcId, v.AcceptingVpc.VpcId
			}
		}
	}
	var near string
	for _, o := range largePath.objs {
		if v, ok := o.Val().(*model.VSwitch); ok {
			if v.VpcId == farVpc && far == "" {
				far = netip.MustParsePrefix(v.CidrBlock).Addr().Next().Next().String()
			}
			if v.VpcId == nearVpc && near == "" {
				near = v.VSwitchId
			}
		}
	}
	if src == "" || far == "" || near == "" {
		b.Fatalf("the large dataset has no SNAT'd VSwitch (%q) or no peered VPC with VSwitches (%q, %q)", src, near, far)
	}
	b.Logf("inventory: %d objects, listed in %s", len(largePath.objs), largePath.took.Round(time.Millisecond))
	for _, bc := range []struct{ name, from, to string }{
		{"vswitch-to-internet", src, "8.8.8.8"},
		{"ip-to-internet", "", "8.8.8.8"},
		{"peering-and-return", near, far},
	} {
		from := bc.from
		if from == "" {
			v := inv.Get(src).Val().(*model.VSwitch)
			from = netip.MustParsePrefix(v.CidrBlock).Addr().Next().String()
		}
		if res, err := inv.Trace(from, bc.to); err == nil {
			b.Logf("%s: %d hops, %s", bc.name, len(res.Hops()), res.Verdict)
		}
		b.Run(bc.name, func(b *testing.B) {
			var worst time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, err := inv.Trace(from, bc.to); err != nil {
					b.Fatal(err)
				}
				worst = max(worst, time.Since(t0))
			}
			b.ReportMetric(float64(worst.Microseconds())/1000, "worst-ms")
			if worst > 50*time.Millisecond {
				b.Errorf("a path took %s, over 50 ms", worst)
			}
		})
	}
}

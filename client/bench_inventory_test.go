package client_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// BenchmarkInventory is `alivpc get all --region all` without the writing:
// every kind of the registry in every region of the large dataset, with
// benchLatency per call and get all's budget (the default 400 requests/s,
// client.InventoryConcurrency in flight), against a simulator in a child
// process.
//
//	go test ./client -run '^$' -bench '^BenchmarkInventory$' -benchtime 1x
//
// It reports the calls, the resources, and the floor no client can beat
// under the budget: the larger of the critical path (the longest single
// listing's pages × the round trip, after the one DescribeRegions call)
// and the calls over the budget's rate; x-floor is the run's time over it.
func BenchmarkInventory(b *testing.B) {
	url := startSimChild(b)
	const rps = 400
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: url}, RequestsPerSecond: rps,
		MaxConcurrent: client.InventoryConcurrency,
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	reg := model.Default()
	var calls, items, longest int
	var elapsed time.Duration
	runs := 0
	inventory := func() {
		start := time.Now()
		regions, err := client.DescribeRegions.Call(ctx, c, &client.DescribeRegionsInput{})
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, len(regions))
		for i, r := range regions {
			ids[i] = r.RegionId
		}
		var mu sync.Mutex
		seen := make(map[string]bool, 200_000)
		var firstErr error
		longest = 0
		calls = 1 + c.Inventory(ctx, reg, ids, func(ev client.Event) bool {
			mu.Lock()
			defer mu.Unlock()
			if ev.Err != nil && firstErr == nil {
				firstErr = ev.Err
			}
			longest = max(longest, ev.Pages)
			for _, o := range ev.Objects {
				seen[o.Kind.Name+"/"+o.Region+"/"+o.ID] = true
			}
			return true
		})
		elapsed += time.Since(start)
		runs++
		if firstErr != nil {
			b.Fatal(firstErr)
		}
		items = len(seen)
	}
	inventory() // warm: connections open, the child's start-up GC done
	elapsed, runs = 0, 0
	for b.Loop() {
		inventory()
	}
	critical := time.Duration(1+longest) * benchLatency
	budget := time.Duration(float64(calls) / rps * float64(time.Second))
	floor := max(critical, budget)
	per := elapsed / time.Duration(runs)
	b.ReportMetric(float64(items), "resources")
	b.ReportMetric(float64(calls), "calls")
	b.ReportMetric(float64(critical.Milliseconds()), "critical-ms")
	b.ReportMetric(float64(budget.Milliseconds()), "budget-ms")
	b.ReportMetric(per.Seconds()/floor.Seconds(), "x-floor")
	if items < 150_000 {
		b.Errorf("the inventory found %d resources", items)
	}
}

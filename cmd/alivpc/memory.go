package main

import (
	"context"
	"os"
	"runtime/debug"
	"runtime/metrics"
	"time"
)

// softMemoryLimit is where the garbage collector starts working harder. Go
// otherwise lets the heap grow to twice what is live, which with 100,000
// resources loaded is ~300 MB of resident memory on a jump host.
const softMemoryLimit = 180 << 20

// tuneMemory keeps the console under a soft memory ceiling that grows with
// what is really in use: when the live heap nears the limit (an account far
// larger than 100,000 resources), the limit moves up, so the collector
// never spins. GOGC or GOMEMLIMIT set by the user win.
func tuneMemory(ctx context.Context) {
	if os.Getenv("GOMEMLIMIT") != "" || os.Getenv("GOGC") != "" {
		return
	}
	limit := uint64(softMemoryLimit)
	debug.SetMemoryLimit(int64(limit))
	go func() {
		sample := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
		t := time.NewTicker(2 * time.Second)
		defer t.Stop()
		for {
			select {
			case <-ctx.Done():
				return
			case <-t.C:
			}
			metrics.Read(sample)
			if sample[0].Value.Kind() != metrics.KindUint64 {
				return
			}
			if live := sample[0].Value.Uint64(); live > limit*3/4 {
				limit = live * 3 / 2
				debug.SetMemoryLimit(int64(limit))
			}
		}
	}()
}

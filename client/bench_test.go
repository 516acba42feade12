package client_test

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// benchLatency is the simulated round trip of every call: about what a
// client far from the region sees.
const benchLatency = 50 * time.Millisecond

// simChildEnv makes this test binary serve the large simulator instead of
// running tests (see startSimChild).
const simChildEnv = "ALIVPC_BENCH_SIM_CHILD"

func TestMain(m *testing.M) {
	if os.Getenv(simChildEnv) != "" {
		os.Exit(serveSimChild())
	}
	os.Exit(m.Run())
}

// serveSimChild serves the large dataset with benchLatency on a loopback
// port, prints its URL and runs until its stdin closes (the parent is gone).
func serveSimChild() int {
	srv, err := sim.New(sim.Options{Dataset: sim.DatasetLarge, Seed: 1, Latency: benchLatency})
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	go func() { _ = http.Serve(ln, srv) }()
	fmt.Println("http://" + ln.Addr().String())
	_, _ = io.Copy(io.Discard, os.Stdin)
	return 0
}

// startSimChild runs the simulator in a child process, as the real API is
// remote: in this process the large dataset's heap (hundreds of thousands
// of records) would be marked by every GC cycle of the client under test,
// which a real client never pays for. The two processes still share the
// machine's cores.
func startSimChild(b *testing.B) string {
	b.Helper()
	exe, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	cmd := exec.Command(exe, "-test.run=^$")
	cmd.Env = append(os.Environ(), simChildEnv+"=1")
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		b.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		b.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() {
		stdin.Close()
		_ = cmd.Wait()
	})
	line, err := bufio.NewReader(stdout).ReadString('\n')
	if err != nil {
		b.Fatalf("simulator child: %v", err)
	}
	return strings.TrimSpace(line)
}

// BenchmarkVSwitchInventory lists every VSwitch of the large dataset (20,000
// in 25 regions: 400 pages of 50) with 50 ms latency, two ways:
//
//	mode=serial  one call at a time, page after page (aliyun ... --pager)
//	mode=alivpc  Collect with the default budget (400 rps, 20 in flight)
//
// `benchstat -col /mode` puts them side by side. critical-ms is the floor no
// fan-out can beat: the longest single listing's pages × the latency;
// x-critical is the run's time over it.
func BenchmarkVSwitchInventory(b *testing.B) {
	url := startSimChild(b)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: url},
	})
	if err != nil {
		b.Fatal(err)
	}
	ctx := context.Background()
	reg := model.Default()
	vsw := reg.MustLookup("vsw")
	regions, err := client.DescribeRegions.Call(ctx, c, &client.DescribeRegionsInput{})
	if err != nil {
		b.Fatal(err)
	}
	ids := make([]string, len(regions))
	for i, r := range regions {
		ids[i] = r.RegionId
	}

	want := -1 // the serial walk's count, when it ran (-bench may pick one mode)
	b.Run("mode=serial", func(b *testing.B) {
		for b.Loop() {
			want = 0
			for _, r := range ids {
				err := c.List(ctx, client.ListRequest{Spec: vsw.List, Region: r, PageSize: 50}, func(pg client.Page) error {
					want += len(pg.Items)
					return nil
				})
				if err != nil {
					b.Fatal(err)
				}
			}
		}
		b.ReportMetric(float64(want), "vswitches")
	})

	b.Run("mode=alivpc", func(b *testing.B) {
		var got, calls, longest int
		collect := func() {
			plan, expand := client.Plan(reg, vsw, nil, ids)
			var mu sync.Mutex
			seen := make(map[string]bool, 20000)
			var firstErr error
			calls = c.Collect(ctx, plan, expand, func(ev client.Event) bool {
				mu.Lock()
				defer mu.Unlock()
				for _, o := range ev.Objects {
					seen[o.Region+"/"+o.ID] = true
				}
				longest = max(longest, ev.Pages)
				if ev.Err != nil && firstErr == nil {
					firstErr = ev.Err
				}
				return true
			})
			if firstErr != nil {
				b.Fatal(firstErr)
			}
			got = len(seen)
		}
		collect() // warm: connections open, the child's start-up GC done
		runs := 0
		for b.Loop() {
			runs++
			collect()
		}
		if got < 20000 || want >= 0 && got != want {
			b.Fatalf("Collect found %d VSwitches, the serial walk %d", got, want)
		}
		critical := time.Duration(longest) * benchLatency
		b.ReportMetric(float64(got), "vswitches")
		b.ReportMetric(float64(calls), "calls")
		b.ReportMetric(float64(critical.Milliseconds()), "critical-ms")
		b.ReportMetric(b.Elapsed().Seconds()/float64(runs)/critical.Seconds(), "x-critical")
	})
}

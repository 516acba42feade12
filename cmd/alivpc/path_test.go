package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model/netpath"
)

var updatePaths = flag.Bool("update-paths", false, "rewrite testdata/paths/*.txt from `alivpc path`")

// PathScenario is one golden path of the demo dataset; the console's
// golden test (ui) runs the same list.
type pathScenario struct {
	name, region string
	from, to     string
	reachable    bool
	reason       string // Forward.Reason when unreachable
}

// pathScenarios cover every verdict the issue names, on the demo data
// (client/sim/data_paths.go adds the cases the other families lack).
var pathScenarios = []pathScenario{
	{"local", "cn-hangzhou", "10.0.1.5", "10.0.2.10", true, ""},
	{"havip-end", "cn-hangzhou", "vsw-bp1me9bddmxghdkniwt3s", "10.0.1.100", true, ""},
	{"nat-snat", "cn-hangzhou", "10.0.1.5", "8.8.8.8", true, ""},
	{"nat-no-snat", "cn-beijing", "10.40.3.5", "8.8.8.8", false, "SNAT missing"},
	{"vpn-established", "cn-hangzhou", "10.0.1.5", "172.20.1.1", true, ""},
	{"vpn-not-established", "cn-hangzhou", "10.0.1.5", "10.200.1.1", false, "IPsec not established"},
	{"peering-activated", "cn-hangzhou", "10.0.1.5", "10.20.8.10", true, ""},
	{"peering-accepting", "cn-beijing", "10.50.1.5", "10.70.1.1", false, "peering Accepting"},
	{"vbr-bgp-established", "cn-hangzhou", "10.0.1.5", "172.18.1.1", true, ""},
	{"vbr-bgp-idle", "ap-southeast-1", "10.61.1.5", "192.168.100.1", false, "BGP Idle"},
	{"entry-pending", "cn-beijing", "10.50.1.5", "10.130.0.0/24", false, "entry Pending"},
	{"blackhole", "cn-beijing", "10.40.1.5", "192.168.60.1", false, "blackhole"},
	{"no-route", "cn-hangzhou", "10.0.10.5", "8.8.8.8", false, "no route"},
	{"ipv6-gateway", "cn-shanghai", "2408:4005:2e3b:4d01::5", "2001:db8::1", true, ""},
}

// newPathEnv serves the demo on a clock that stands still, so that BGP
// session states (computed from it) are the same on every run.
func newPathEnv(t *testing.T) *getEnv {
	t.Helper()
	return newGetEnvWith(t, sim.Options{Seed: 1, Clock: sim.NewManualClock(time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC))}, nil)
}

func (e *getEnv) path(args ...string) (string, string, int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"path"}, args...)
	full = append(full, "--endpoint", e.url, "--config", e.conf)
	code := report(run(full, nil, &out, &errb), &errb)
	return out.String(), errb.String(), code
}

func TestPathGoldenScenarios(t *testing.T) {
	env := newPathEnv(t)
	for _, sc := range pathScenarios {
		t.Run(sc.name, func(t *testing.T) {
			out, errOut, code := env.path("--from", sc.from, "--to", sc.to, "--region", sc.region)
			want := 0
			if !sc.reachable {
				want = 1
			}
			if code != want {
				t.Fatalf("exit %d, want %d\n%s%s", code, want, out, errOut)
			}
			if !sc.reachable && !strings.Contains(errOut, "unreachable: "+sc.reason) {
				t.Fatalf("stderr %q does not name %q", errOut, sc.reason)
			}
			golden := filepath.Join("testdata", "paths", sc.name+".txt")
			if *updatePaths {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(out), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			b, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (go test ./cmd/alivpc -run TestPathGoldenScenarios -update-paths)", err)
			}
			if string(b) != out {
				t.Fatalf("alivpc path --from %s --to %s changed:\n--- want\n%s\n--- got\n%s", sc.from, sc.to, b, out)
			}
			// The same answer as JSON, for scripts.
			js, _, jcode := env.path("--from", sc.from, "--to", sc.to, "--region", sc.region, "-o", "json")
			var res netpath.Result
			if err := json.Unmarshal([]byte(js), &res); err != nil || jcode != code {
				t.Fatalf("-o json: exit %d, %v\n%s", jcode, err, js)
			}
			if res.Reachable != sc.reachable || (!sc.reachable && res.Forward.Reason != sc.reason) {
				t.Fatalf("-o json: reachable %v reason %q, want %v %q", res.Reachable, res.Forward.Reason, sc.reachable, sc.reason)
			}
			if got := res.Headline(); !strings.HasPrefix(out, got+"\n") {
				t.Fatalf("json headline %q differs from the table's %q", got, strings.SplitN(out, "\n", 2)[0])
			}
		})
	}
}

func TestPathUsageErrors(t *testing.T) {
	env := newPathEnv(t)
	for _, args := range [][]string{
		{"--from", "10.0.1.5"},
		{"--from", "1.2.3.4", "--to", "8.8.8.8"},
		{"--from", "10.0.1.5", "--to", "not-an-address"},
		{"--from", "vsw-nope", "--to", "8.8.8.8"},
		{"--from", "10.0.1.5", "--to", "2001:db8::1"},
		{"--from", "10.0.1.5", "--to", "8.8.8.8", "-o", "csv"},
	} {
		out, errOut, code := env.path(args...)
		if code != 2 || out != "" || errOut == "" {
			t.Errorf("path %s: exit %d, stdout %q, stderr %q; want 2, nothing on stdout, the reason on stderr", strings.Join(args, " "), code, out, errOut)
		}
	}
}

package main

// `alivpc get` against endpoints that misbehave: an impossible TotalCount,
// pages that never end or repeat, a 300 MB answer, a null answer. Each
// ends with a message and exit status 1, within a bounded number of calls
// and (in the real binary) a bounded peak RSS.

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// hostileVPC is a DescribeVpcs item the size of a real one (about 900
// bytes): every field the API returns, a few IDs and tags.
func hostileVPC(id string) string {
	return fmt.Sprintf(`{"VpcId":%q,"RegionId":"cn-hangzhou","Status":"Available","VpcName":"name-%[1]s",`+
		`"CreationTime":"2024-05-06T07:08:09Z","CidrBlock":"10.0.0.0/8","Ipv6CidrBlock":"","VRouterId":"vrt-%[1]s",`+
		`"Description":"a VPC that a misbehaving endpoint keeps inventing","IsDefault":false,"NetworkAclNum":"0",`+
		`"ResourceGroupId":"rg-acfmxazb4ph6aiy","CenStatus":"Attached","OwnerId":1234567890123456,`+
		`"DhcpOptionsSetId":"","DhcpOptionsSetStatus":"Available","VSwitchIds":{"VSwitchId":["vsw-%[1]s-a","vsw-%[1]s-b"]},`+
		`"UserCidrs":{"UserCidr":[]},"NatGatewayIds":{"NatGatewayIds":[]},"RouterTableIds":{"RouterTableIds":["vtb-%[1]s"]},`+
		`"SecondaryCidrBlocks":{"SecondaryCidrBlock":["172.16.0.0/12"]},"Ipv6CidrBlocks":{"Ipv6CidrBlock":[]},`+
		`"Tags":{"Tag":[{"Key":"env","Value":"prod"},{"Key":"owner","Value":"network-team"}]}}`, id)
}

// hostileAPI is an endpoint that answers every call with page(n), n the
// 1-based call number, and counts the calls.
type hostileAPI struct {
	url   string
	calls atomic.Int64
}

func newHostileAPI(t *testing.T, page func(w http.ResponseWriter, r *http.Request, n int64)) *hostileAPI {
	t.Helper()
	h := &hostileAPI{}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		page(w, r, h.calls.Add(1))
	}))
	t.Cleanup(srv.Close)
	h.url = srv.URL
	return h
}

// endlessVPCs answers DescribeVpcs with full pages of VPCs never seen
// before; total < 0 leaves TotalCount out.
func endlessVPCs(total int) func(w http.ResponseWriter, r *http.Request, n int64) {
	return func(w http.ResponseWriter, r *http.Request, n int64) {
		page, _ := strconv.Atoi(r.URL.Query().Get("PageNumber"))
		var b strings.Builder
		b.WriteString(`{"RequestId":"RID-HOSTILE","PageNumber":` + strconv.Itoa(page) + `,"PageSize":50`)
		if total >= 0 {
			b.WriteString(`,"TotalCount":` + strconv.Itoa(total))
		}
		b.WriteString(`,"Vpcs":{"Vpc":[`)
		for i := range 50 {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(hostileVPC(fmt.Sprintf("vpc-%07d", page*50+i)))
		}
		b.WriteString(`]}}`)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, b.String())
	}
}

// fatVPCs answers pages of 50 VPCs of 100 KB each (a long description).
func fatVPCs(w http.ResponseWriter, r *http.Request, n int64) {
	pad := strings.Repeat("d", 100<<10)
	var b strings.Builder
	b.WriteString(`{"RequestId":"RID-FAT","Vpcs":{"Vpc":[`)
	for i := range 50 {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"VpcId":"vpc-%d-%d","RegionId":"cn-hangzhou","Status":"Available","Description":%q}`, n, i, pad)
	}
	b.WriteString(`]}}`)
	io.WriteString(w, b.String())
}

// tinyVPCs answers one page of nearly 16 MiB of the smallest items: more
// than 500,000 of them, where 50 were asked for.
func tinyVPCs(w http.ResponseWriter, r *http.Request, n int64) {
	var b strings.Builder
	b.WriteString(`{"RequestId":"RID-TINY","Vpcs":{"Vpc":[`)
	for i := 0; b.Len() < 16<<20-64; i++ {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"VpcId":"v%d"}`, i)
	}
	b.WriteString(`]}}`)
	io.WriteString(w, b.String())
}

// hugeBody streams a 300 MB answer from one reused chunk.
func hugeBody(w http.ResponseWriter, r *http.Request, n int64) {
	chunk := []byte(strings.Repeat(hostileVPC("vpc-0000000")+",", 64))
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, `{"RequestId":"RID-BIG","Vpcs":{"Vpc":[`)
	for sent := 0; sent < 300<<20; sent += len(chunk) {
		if _, err := w.Write(chunk); err != nil {
			return
		}
	}
}

// hostileEnv points `alivpc get` (in process) at a hostile endpoint.
func hostileEnv(t *testing.T, h *hostileAPI) *getEnv {
	t.Helper()
	return &getEnv{t: t, url: h.url, conf: userEnv(t)}
}

func TestGetAgainstAHostileEndpoint(t *testing.T) {
	for _, tc := range []struct {
		name     string
		kind     string
		page     func(w http.ResponseWriter, r *http.Request, n int64)
		maxCalls int64
		rows     int // rows printed (what arrived before the stop)
		says     []string
	}{
		{"TotalCount 1e9", "vpc", endlessVPCs(1_000_000_000), 1, 50,
			[]string{"DescribeVpcs", "1,000,000,000", "ceiling of " + thousands(client.MaxListingItems) + " per listing", "incomplete"}},
		{"PageNumber ignored", "vpc", func(w http.ResponseWriter, r *http.Request, n int64) {
			r.URL.RawQuery = "PageNumber=1"
			endlessVPCs(5000)(w, r, n)
		}, 2, 50, []string{"DescribeVpcs", "asked for page 2, the API answered page 1", "incomplete"}},
		{"the same NextToken forever", "peer", func(w http.ResponseWriter, r *http.Request, n int64) {
			fmt.Fprintf(w, `{"RequestId":"RID-PEER","NextToken":"tok","VpcPeerConnects":[{"InstanceId":"pcc-%d","Status":"Activated","RegionId":"cn-hangzhou"}]}`, n)
		}, 2, 2, []string{"ListVpcPeerConnections", `repeated NextToken "tok"`, "incomplete"}},
		{"null", "vpc", func(w http.ResponseWriter, r *http.Request, n int64) {
			io.WriteString(w, "null")
		}, 1, 0, []string{"DescribeVpcs", "the API answered null"}},
		{"300 MB", "vpc", hugeBody, 1, 0, []string{"DescribeVpcs", "larger than the 16 MiB limit"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHostileAPI(t, tc.page)
			e := hostileEnv(t, h)
			out, stderr, code := e.get(tc.kind, "-o", "json")
			if code != 1 {
				t.Errorf("exit %d, want 1", code)
			}
			if n := h.calls.Load(); n > tc.maxCalls {
				t.Errorf("%d calls, want at most %d", n, tc.maxCalls)
			}
			for _, w := range tc.says {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr does not say %q:\n%s", w, stderr)
				}
			}
			if tc.rows == 0 {
				if out != "" {
					t.Errorf("nothing arrived, yet stdout has %.200q", out)
				}
				return
			}
			if rows := strings.Count(out, `"RegionId":"cn-hangzhou"`); rows != tc.rows {
				t.Errorf("printed %d rows, want the %d that arrived before the stop", rows, tc.rows)
			}
		})
	}
}

// plainBinary is the alivpc binary without the race detector (whose
// shadow memory would be measured too): the test binary's own build when
// that has none, else one built once for this.
var plain = &e2eBuild{name: "alivpc-norace"}

func plainBinary(t *testing.T) string {
	t.Helper()
	if !raceBuild() {
		return binary(t)
	}
	return plain.get(t)
}

// peakRSS runs cmd and returns its exit status and peak RSS in KiB: the
// kernel's high-water mark (VmHWM) as wait4 reports it. The command is
// started by a small helper process (this test binary, TestPeakRSSHelper)
// and not by the test itself: a child started with vfork, as os/exec does,
// inherits its parent's high-water mark, and the test process is larger
// than what is measured. The helper's own (~20 MB) still counts, so the
// figure is an upper bound.
func peakRSS(t *testing.T, cmd *exec.Cmd) (int, int64) {
	t.Helper()
	report := filepath.Join(t.TempDir(), "peak")
	helper := exec.Command(os.Args[0], "-test.run=^TestPeakRSSHelper$")
	helper.Env = append(append([]string{}, cmd.Env...), "ALIVPC_PEAK_RSS_REPORT="+report, "ALIVPC_PEAK_RSS_ARGS="+strings.Join(cmd.Args, "\n"))
	helper.Stdout, helper.Stderr = cmd.Stdout, cmd.Stderr
	err := helper.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	b, rerr := os.ReadFile(report)
	if rerr != nil {
		t.Fatalf("the helper reported nothing (exit %d): %v", code, rerr)
	}
	kb, perr := strconv.ParseInt(strings.TrimSpace(string(b)), 10, 64)
	if perr != nil {
		t.Fatal(perr)
	}
	return code, kb
}

// TestPeakRSSHelper is not a test: it is the process peakRSS starts, and
// does nothing in an ordinary run.
func TestPeakRSSHelper(t *testing.T) {
	report, args := os.Getenv("ALIVPC_PEAK_RSS_REPORT"), os.Getenv("ALIVPC_PEAK_RSS_ARGS")
	if report == "" || args == "" {
		return
	}
	argv := strings.Split(args, "\n")
	env := []string{}
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "ALIVPC_PEAK_RSS_") {
			env = append(env, kv)
		}
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env, cmd.Stdout, cmd.Stderr = env, os.Stdout, os.Stderr
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		fmt.Fprintln(os.Stderr, err)
		code = 125
	}
	if cmd.ProcessState != nil {
		kb := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss // KiB on Linux
		_ = os.WriteFile(report, []byte(strconv.FormatInt(kb, 10)), 0o600)
	}
	os.RemoveAll(buildDir) // TestMain's, which os.Exit skips
	os.Exit(code)
}

// lineCounter counts the lines written to it and keeps nothing else.
type lineCounter struct{ n atomic.Int64 }

func (l *lineCounter) Write(p []byte) (int, error) {
	l.n.Add(int64(bytes.Count(p, []byte{'\n'})))
	return len(p), nil
}

// The real binary's peak RSS (the kernel's high-water mark for the process,
// VmHWM, as wait4 reports it) while `alivpc get vpc` reads a hostile
// endpoint: it used to reach 1.2 GB in 60 s against TotalCount=1e9 and
// 1.34 GB for one 300 MB answer.
func TestGetPeakMemoryAgainstAHostileEndpoint(t *testing.T) {
	bin := plainBinary(t)
	for _, tc := range []struct {
		name   string
		page   func(w http.ResponseWriter, r *http.Request, n int64)
		calls  int64 // at most
		rows   int64 // -1: some
		maxMB  int64
		stderr string
	}{
		{"TotalCount 1e9", endlessVPCs(1_000_000_000), 1, 50, 300, "1,000,000,000"},
		{"endless new pages, no TotalCount", endlessVPCs(-1), client.MaxListingItems / 50, -1, 300, "per listing"},
		{"pages of 100 KB items", fatVPCs, client.MaxListingBytes/(50*100<<10) + 1, -1, 300, "MiB of items per listing"},
		{"one 16 MiB page of tiny items", tinyVPCs, 1, client.MaxListingItems, 300, "ceiling of " + thousands(client.MaxListingItems) + " items"},
		{"300 MB answer", hugeBody, 1, 0, 100, "16 MiB"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHostileAPI(t, tc.page)
			home := t.TempDir()
			cmd := exec.Command(bin, "get", "vpc", "--endpoint", h.url, "--config", filepath.Join(home, "none.yaml"))
			cmd.Env = []string{
				"HOME=" + home, "PATH=" + os.Getenv("PATH"),
				"ALIBABA_CLOUD_ACCESS_KEY_ID=" + sim.DefaultAccessKeyID,
				"ALIBABA_CLOUD_ACCESS_KEY_SECRET=" + sim.DefaultAccessKeySecret,
				"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true", "ALIBABA_CLOUD_REGION_ID=cn-hangzhou",
			}
			var rows lineCounter
			var stderr bytes.Buffer
			cmd.Stdout, cmd.Stderr = &rows, &stderr
			start := time.Now()
			code, peakKB := peakRSS(t, cmd)
			took := time.Since(start)
			if code != 1 {
				t.Fatalf("exit %d, want 1\n%s", code, stderr.String())
			}
			peakMB := peakKB >> 10
			if !strings.Contains(stderr.String(), tc.stderr) {
				t.Errorf("stderr does not say %q:\n%s", tc.stderr, stderr.String())
			}
			if n := h.calls.Load(); n > tc.calls {
				t.Errorf("%d calls, want at most %d", n, tc.calls)
			}
			if tc.rows > 0 && rows.n.Load() != tc.rows+1 || tc.rows < 0 && rows.n.Load() < 2 { // and the header
				t.Errorf("printed %d lines, want the header and %d rows", rows.n.Load(), tc.rows)
			}
			if peakMB >= tc.maxMB {
				t.Errorf("peak RSS %d MB, want under %d MB", peakMB, tc.maxMB)
			}
			t.Logf("%s: exit 1 after %d calls in %v, peak RSS %d MB; %s", tc.name, h.calls.Load(), took.Round(10*time.Millisecond), peakMB,
				strings.TrimSpace(strings.SplitN(stderr.String(), "\n", 2)[0]))
		})
	}
}

// get's help states the ceilings the client has: the text is made from
// the constants (any values read right), and `alivpc get --help` shows it.
func TestGetHelpStatesTheListingCeilings(t *testing.T) {
	if got, want := listingCeilings(1_234_567, 5<<20, 20), "1,234,567 items, 5 MiB or 20 pages"; got != want {
		t.Errorf("listingCeilings = %q, want %q", got, want)
	}
	t.Setenv("HOME", t.TempDir())
	out, _, code := cli(t, "get", "--help")
	want := "at " + thousands(client.MaxListingItems) + " items, " + fmt.Sprintf("%d MiB", client.MaxListingBytes>>20) + " or " +
		thousands(client.MaxListingPages) + " pages, or when the API stopped advancing"
	if code != 0 || !strings.Contains(strings.Join(strings.Fields(out), " "), want) {
		t.Errorf("alivpc get --help (exit %d) does not say %q:\n%s", code, want, out)
	}
	if strings.Contains(out, "{ceilings}") {
		t.Errorf("alivpc get --help shows the placeholder:\n%s", out)
	}
}

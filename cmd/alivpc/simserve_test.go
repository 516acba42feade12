package main

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// simChild is an `alivpc sim` process, the endpoint it printed and the
// environment it told a client to export.
type simChild struct {
	cmd      *exec.Cmd
	endpoint string
	env      map[string]string
	done     chan error
}

// startSimChild starts `alivpc sim --addr addr args...` and waits for the
// endpoint and the exports it prints.
func startSimChild(t *testing.T, addr string, args ...string) *simChild {
	t.Helper()
	cmd := exec.Command(binary(t), append([]string{"sim", "--addr", addr}, args...)...)
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	c := &simChild{cmd: cmd, done: make(chan error, 1)}
	found := make(chan *simChild, 1)
	go func() {
		// The endpoint comes first, the region last of the exports; the
		// rest is read and dropped.
		got := simChild{env: map[string]string{}}
		sc := bufio.NewScanner(stdout)
		for sc.Scan() {
			l := strings.TrimSpace(sc.Text())
			if _, url, ok := strings.Cut(l, "listening on "); ok {
				got.endpoint = strings.TrimSpace(url)
			}
			if k, v, ok := strings.Cut(strings.TrimPrefix(l, "export "), "="); ok && strings.HasPrefix(k, "ALIBABA_CLOUD_") {
				got.env[k] = v
				if k == "ALIBABA_CLOUD_REGION_ID" {
					found <- &got
				}
			}
		}
	}()
	go func() { c.done <- cmd.Wait() }()
	t.Cleanup(func() { c.kill() })
	select {
	case got := <-found:
		c.endpoint, c.env = got.endpoint, got.env
	case err := <-c.done:
		c.done <- err
		t.Fatalf("alivpc sim exited before listening: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("alivpc sim printed no endpoint")
	}
	return c
}

// kill sends SIGKILL and waits for the process to go.
func (c *simChild) kill() {
	if c.cmd.ProcessState != nil {
		return
	}
	_ = c.cmd.Process.Signal(syscall.SIGKILL)
	err := <-c.done
	c.done <- err
}

// rssKB is the child's resident set size.
func (c *simChild) rssKB(t *testing.T) int {
	t.Helper()
	data, err := os.ReadFile(fmt.Sprintf("/proc/%d/status", c.cmd.Process.Pid))
	if err != nil {
		t.Fatalf("reading the simulator's RSS: %v", err)
	}
	for _, l := range strings.Split(string(data), "\n") {
		if v, ok := strings.CutPrefix(l, "VmRSS:"); ok {
			kb, _ := strconv.Atoi(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(v), "kB")))
			return kb
		}
	}
	t.Fatal("no VmRSS")
	return 0
}

// simClient is a client of the child that does not retry: a nil error is
// an acknowledged call.
func simClient(t *testing.T, endpoint string) *client.Client {
	t.Helper()
	c, err := client.New(client.Config{
		Region:      "cn-hangzhou",
		Endpoints:   client.Endpoints{Override: endpoint},
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		MaxAttempts: 1, ReadTimeout: 10 * time.Second,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// kill -9 in the middle of a write burst loses no acknowledged write, and a
// ClientToken replayed after the restart creates nothing.
func TestSimKill9KeepsEveryAcknowledgedWrite(t *testing.T) {
	state := filepath.Join(t.TempDir(), "state.json")
	args := []string{"--dataset", "empty", "--settle", "1ms", "--state", state}
	first := startSimChild(t, "127.0.0.1:0", args...)
	c := simClient(t, first.endpoint)
	ctx := context.Background()

	const workers = 8
	type acked struct {
		vpc, vpcToken string
		lastDesc      int // the last acknowledged Description, d-N
		tryDesc       int // the last one sent
		eips          map[string]string
	}
	got := make([]acked, workers)
	for w := range got {
		tok := fmt.Sprintf("vpc-%d", w)
		out, err := client.CreateVpc.Call(ctx, c, &client.CreateVpcInput{RegionId: "cn-hangzhou", VpcName: tok, ClientToken: tok})
		if err != nil {
			t.Fatalf("CreateVpc: %v", err)
		}
		got[w] = acked{vpc: out.VpcId, vpcToken: tok, lastDesc: -1, eips: map[string]string{}}
	}
	time.Sleep(50 * time.Millisecond) // past --settle: the VPCs are Available

	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			a := &got[w]
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				var err error
				if i%3 == 2 && len(a.eips) < 40 { // 8×40 EIPs stay under the region's quota
					tok := fmt.Sprintf("eip-%d-%d", w, i)
					var out *client.AllocateEipAddressOutput
					if out, err = client.AllocateEipAddress.Call(ctx, c, &client.AllocateEipAddressInput{RegionId: "cn-hangzhou", Name: tok, ClientToken: tok}); err == nil {
						a.eips[tok] = out.AllocationId
					}
				} else {
					a.tryDesc = i
					_, err = client.ModifyVpcAttribute.Call(ctx, c, &client.ModifyVpcAttributeInput{RegionId: "cn-hangzhou", VpcId: a.vpc, Description: fmt.Sprintf("d-%d", i)})
					if err == nil {
						a.lastDesc = i
					}
				}
				if err != nil {
					return // the simulator is gone
				}
			}
		}()
	}
	time.Sleep(1500 * time.Millisecond)
	first.kill()
	close(stop)
	wg.Wait()

	// A worker's last acknowledged description has the loop index: about
	// the writes (descriptions and EIPs) it had acknowledged by then.
	writes := 0
	for _, a := range got {
		writes += a.lastDesc
	}
	if writes < 50 {
		t.Fatalf("only ~%d writes acknowledged before the kill: the burst did not run", writes)
	}
	t.Logf("~%d writes acknowledged before kill -9", writes)

	second := startSimChild(t, "127.0.0.1:0", args...)
	c = simClient(t, second.endpoint)
	eips, err := client.DescribeEipAddresses.Call(ctx, c, &client.DescribeEipAddressesInput{RegionId: "cn-hangzhou"})
	if err != nil {
		t.Fatal(err)
	}
	have := map[string]bool{}
	for _, e := range eips {
		have[e.AllocationId] = true
	}
	for w, a := range got {
		attr, err := client.DescribeVpcAttribute.Call(ctx, c, &client.DescribeVpcAttributeInput{RegionId: "cn-hangzhou", VpcId: a.vpc})
		if err != nil {
			t.Fatalf("worker %d's VPC after restart: %v", w, err)
		}
		// The call in flight at the kill may have been applied unanswered.
		if want := fmt.Sprintf("d-%d", a.lastDesc); a.lastDesc >= 0 && attr.Description != want && attr.Description != fmt.Sprintf("d-%d", a.tryDesc) {
			t.Errorf("worker %d: Description %q after restart, last acknowledged %q", w, attr.Description, want)
		}
		for tok, id := range a.eips {
			if !have[id] {
				t.Errorf("acknowledged EIP %s (%s) lost", id, tok)
			}
		}
		replay, err := client.CreateVpc.Call(ctx, c, &client.CreateVpcInput{RegionId: "cn-hangzhou", VpcName: a.vpcToken, ClientToken: a.vpcToken})
		if err != nil || replay.VpcId != a.vpc {
			t.Errorf("replayed CreateVpc token %s after restart: %v, %+v; want %s", a.vpcToken, err, replay, a.vpc)
		}
	}
	vpcs, err := client.DescribeVpcs.Call(ctx, c, &client.DescribeVpcsInput{RegionId: "cn-hangzhou"})
	if err != nil || len(vpcs) != workers {
		t.Errorf("%d VPCs after the replays (%v), want %d", len(vpcs), err, workers)
	}
}

// soakDuration is how long TestSimSoakKeepsMemoryFlat runs its clients
// (the README's figure comes from a 60 s run by hand: SIM_SOAK=60s).
func soakDuration(t *testing.T) time.Duration {
	if v := os.Getenv("SIM_SOAK"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil {
			t.Fatalf("SIM_SOAK: %v", err)
		}
		return d
	}
	return 20 * time.Second
}

// 200 concurrent clients, each on its own connection, sign requests as
// fast as they can for soakDuration: the simulator's RSS after the first
// quarter and at the end differ by no more than the nonces those requests
// legitimately leave plus slack: connections, goroutines and buffers stay
// flat. (Before this, 20 s at 4,300 requests a second grew 12 MB: 190 B a
// request, uncapped, for 30 minutes.)
func TestSimSoakKeepsMemoryFlat(t *testing.T) {
	child := startSimChild(t, "127.0.0.1:0", "--dataset", "demo")
	dur := soakDuration(t)
	const clients = 200
	ctx, cancel := context.WithTimeout(context.Background(), dur)
	defer cancel()
	var mu sync.Mutex
	total, failed := 0, 0
	var wg sync.WaitGroup
	for range clients {
		c := simClient(t, child.endpoint)
		wg.Add(1)
		go func() {
			defer wg.Done()
			n, f := 0, 0
			for ctx.Err() == nil {
				if _, err := client.DescribeVpcs.Call(ctx, c, &client.DescribeVpcsInput{RegionId: "cn-hangzhou"}); err != nil && ctx.Err() == nil {
					f++
				}
				n++
			}
			mu.Lock()
			total, failed = total+n, failed+f
			mu.Unlock()
		}()
	}
	time.Sleep(dur / 4)
	mu.Lock()
	mu.Unlock()
	warm := child.rssKB(t)
	wg.Wait()
	end := child.rssKB(t)
	rate := float64(total) / dur.Seconds()
	t.Logf("%d clients, %s: %d requests (%.0f/s), %d failed; RSS %d kB after %s, %d kB at the end (%+d kB)",
		clients, dur, total, rate, failed, warm, dur/4, end, end-warm)
	if total < clients {
		t.Fatalf("only %d requests in %s", total, dur)
	}
	if failed*100 > total {
		t.Errorf("%d of %d requests failed", failed, total)
	}
	// What the nonces of the last three quarters may take: about 40 bytes
	// live each, up to twice that in RSS with the GC's headroom and map
	// growth (measured: 48 B a request over 20 s, 85 B over 60 s), so 100 B,
	// plus 8 MB of slack. They are remembered 15 minutes, capped at ~1M.
	budget := int(rate*dur.Seconds()*3/4*100/1024) + 8<<10
	if raceBuild() {
		budget *= 4
	}
	if end-warm > budget {
		t.Errorf("RSS grew %d kB during the soak, budget %d kB", end-warm, budget)
	}
}

// `alivpc sim` serves within its flags: an idle keep-alive connection is
// closed after --idle-timeout, a slow body after --read-timeout, and a
// connection past --max-connections gets 503 with Retry-After.
func TestSimServerLimitsFromFlags(t *testing.T) {
	child := startSimChild(t, "127.0.0.1:0", "--dataset", "empty", "--idle-timeout", "300ms", "--read-timeout", "500ms", "--max-connections", "2")
	addr := strings.TrimPrefix(child.endpoint, "http://")
	dial := func() (net.Conn, *bufio.Reader) {
		c, err := net.Dial("tcp", addr)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { c.Close() })
		return c, bufio.NewReader(c)
	}
	request := func(c net.Conn, r *bufio.Reader) *http.Response {
		t.Helper()
		if _, err := io.WriteString(c, "GET /?Action=DescribeRegions HTTP/1.1\r\nHost: sim\r\n\r\n"); err != nil {
			t.Fatal(err)
		}
		resp, err := http.ReadResponse(r, nil)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		return resp
	}
	closedBy := func(c net.Conn, r *bufio.Reader, limit time.Duration) time.Duration {
		t.Helper()
		start := time.Now()
		_ = c.SetReadDeadline(start.Add(limit))
		_, err := io.Copy(io.Discard, r)
		if ne, ok := err.(net.Error); ok && ne.Timeout() {
			t.Fatalf("the connection was still open after %s", limit)
		}
		return time.Since(start)
	}

	a, ra := dial()
	if resp := request(a, ra); resp.StatusCode != 400 {
		t.Fatalf("unsigned request: %d", resp.StatusCode)
	}
	b, rb := dial()
	_, _ = io.WriteString(b, "POST / HTTP/1.1\r\nHost: sim\r\nContent-Length: 100\r\n\r\nAction=")
	// Both slots are taken: a third connection is turned away.
	c, rc := dial()
	resp := request(c, rc)
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" {
		t.Errorf("past --max-connections: %d, Retry-After %q", resp.StatusCode, resp.Header.Get("Retry-After"))
	}
	if d := closedBy(a, ra, 5*time.Second); d < 100*time.Millisecond {
		t.Errorf("idle connection closed after %s, before --idle-timeout", d)
	}
	closedBy(b, rb, 5*time.Second)
	// The slots are free again.
	time.Sleep(50 * time.Millisecond)
	d, rd := dial()
	if resp := request(d, rd); resp.StatusCode != 400 {
		t.Errorf("after the slots freed: %d", resp.StatusCode)
	}
}

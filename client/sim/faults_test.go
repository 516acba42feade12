package sim

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// outcomes runs n DescribeRegions calls and returns their codes ("" = OK).
func outcomes(h *harness, n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = h.call("DescribeRegions", nil).code()
	}
	return out
}

func TestThrottleAndFailAreSeededFractions(t *testing.T) {
	a := newHarness(t, Options{Throttle: 0.3, Fail: 0.2, Seed: 42})
	b := newHarness(t, Options{Throttle: 0.3, Fail: 0.2, Seed: 42})
	oa, ob := outcomes(a, 200), outcomes(b, 200)
	counts := map[string]int{}
	for i := range oa {
		if oa[i] != ob[i] {
			t.Fatalf("call %d: %q vs %q with the same seed", i, oa[i], ob[i])
		}
		counts[oa[i]]++
	}
	if counts["Throttling.User"] < 30 || counts["ServiceUnavailable"]+counts["InternalError"] < 15 || counts[""] < 80 {
		t.Errorf("outcomes %v", counts)
	}
	if counts["ServiceUnavailable"] == 0 || counts["InternalError"] == 0 {
		t.Errorf("failures are not split between 503 and 500: %v", counts)
	}
	c := newHarness(t, Options{Throttle: 0.3, Fail: 0.2, Seed: 43})
	if oc := outcomes(c, 200); strings.Join(oc, ",") == strings.Join(oa, ",") {
		t.Errorf("another seed gave the same faults")
	}
}

func TestFailureHappensBeforeTheOperation(t *testing.T) {
	h := newHarness(t, Options{Fail: 1})
	a := h.call("CreateVpc", kv("RegionId", hz, "VpcName", "never"))
	if a.Status != 503 && a.Status != 500 {
		t.Fatalf("HTTP %d", a.Status)
	}
	h.srv.opts.Fail = 0
	if n := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "never")).num("TotalCount"); n != 0 {
		t.Fatalf("a failed CreateVpc created the VPC")
	}
	h.srv.opts.Throttle = 1
	a = h.call("CreateVpc", kv("RegionId", hz, "VpcName", "never"))
	if a.Status != 400 || a.code() != "Throttling.User" || a.str("Message") != "Request was denied due to user flow control." {
		t.Fatalf("throttled: %s", a.Raw)
	}
	checkErrorBody(t, a)
}

func TestQPSLimitPerAccessKey(t *testing.T) {
	var mu sync.Mutex
	now := wallTime
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	h := newHarness(t, Options{QPS: 2, Now: clock})
	h.ok("DescribeRegions", nil)
	h.ok("DescribeRegions", nil)
	a := h.fails("DescribeRegions", nil, 400, "Throttling.User")
	rl := a.Header.Get("x-ratelimit-user-api")
	if !strings.HasPrefix(rl, "Limit:2,Remain:0,TimeLeft:500,Reset:") {
		t.Errorf("x-ratelimit-user-api = %q", rl)
	}
	if got := a.Header.Get("x-acs-retry-after"); got != "500" {
		t.Errorf("x-acs-retry-after = %q", got)
	}
	// Another key has its own bucket.
	sts := sig{keyID: DefaultSTSAccessKeyID, secret: DefaultSTSAccessKeySecret, token: DefaultSecurityToken}
	if a := h.do(h.request("DescribeRegions", nil, sts)); a.Status != 200 {
		t.Errorf("the other key was throttled: %s", a.Raw)
	}
	mu.Lock()
	now = now.Add(500 * time.Millisecond)
	mu.Unlock()
	h.ok("DescribeRegions", nil)
	h.fails("DescribeRegions", nil, 400, "Throttling.User")
}

func TestDropAppliesTheWriteWithoutAnswering(t *testing.T) {
	h := newHarness(t, Options{Drop: 1})
	ts := httptest.NewServer(h.srv)
	defer ts.Close()
	send := func(action string, params map[string]string) (*http.Response, error) {
		r := h.request(action, params, sig{method: http.MethodPost, form: true})
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/", r.Body)
		req.Header = r.Header
		return ts.Client().Do(req)
	}
	if _, err := send("CreateVpc", kv("RegionId", hz, "VpcName", "lost-answer")); err == nil {
		t.Fatalf("the dropped request got an answer")
	}
	// Reads are never dropped, and the write happened.
	resp, err := send("DescribeVpcs", kv("RegionId", hz, "VpcName", "lost-answer"))
	if err != nil {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	defer resp.Body.Close()
	var body struct{ TotalCount int }
	if err := json.NewDecoder(resp.Body).Decode(&body); err != nil || body.TotalCount != 1 {
		t.Fatalf("the dropped CreateVpc was not applied: %v %+v", err, body)
	}
}

func TestLatencyHonoursCancellation(t *testing.T) {
	var log bytes.Buffer
	h := newHarness(t, Options{Latency: time.Hour, RequestLog: &log})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	r := h.request("DescribeRegions", nil, sig{}).WithContext(ctx)
	done := make(chan *httptest.ResponseRecorder)
	go func() {
		rec := httptest.NewRecorder()
		h.srv.ServeHTTP(rec, r)
		done <- rec
	}()
	select {
	case rec := <-done:
		if rec.Body.Len() != 0 {
			t.Errorf("a canceled request was answered: %s", rec.Body)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("ServeHTTP kept waiting after the client went away")
	}
	if !strings.Contains(log.String(), `"fault":"canceled"`) {
		t.Errorf("log: %s", log.String())
	}
}

func TestRequestLog(t *testing.T) {
	var log bytes.Buffer
	h := newHarness(t, Options{RequestLog: &log, Keys: []Key{
		{ID: "plain", Secret: "plain-secret-value"},
		{ID: "sts", Secret: "sts-secret-value", SecurityToken: "sts-token-value"},
	}})
	r1 := h.request("DescribeVpcs", kv("RegionId", hz), sig{keyID: "sts", secret: "sts-secret-value", token: "sts-token-value"})
	r2 := h.request("DescribeVpcs", kv("RegionId", hz), sig{keyID: "plain", secret: "wrong-secret-value", v3: true})
	v1sig := r1.URL.Query().Get("Signature")
	_, v3sig, _ := strings.Cut(r2.Header.Get("Authorization"), "Signature=")
	ok, bad := h.do(r1), h.do(r2)
	lines := strings.Split(strings.TrimSpace(log.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("%d log lines: %s", len(lines), log.String())
	}
	for _, secret := range []string{"plain-secret-value", "sts-secret-value", "sts-token-value", "wrong-secret-value", v1sig, v3sig} {
		if strings.Contains(log.String(), secret) {
			t.Errorf("the log contains %q", secret)
		}
	}
	var first, second map[string]any
	if err := json.Unmarshal([]byte(lines[0]), &first); err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal([]byte(lines[1]), &second); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"time", "product", "action", "version", "signature_method", "status", "code", "request_id", "access_key_id", "fault", "dropped"} {
		if _, ok := first[f]; !ok {
			t.Errorf("log line lacks %s: %s", f, lines[0])
		}
	}
	if first["action"] != "DescribeVpcs" || first["product"] != "Vpc" || first["signature_method"] != "HMAC-SHA1" ||
		first["status"] != float64(200) || first["access_key_id"] != "sts" || first["request_id"] != ok.str("RequestId") {
		t.Errorf("first line: %s", lines[0])
	}
	if second["signature_method"] != "ACS3-HMAC-SHA256" || second["code"] != "SignatureDoesNotMatch" ||
		second["status"] != float64(400) || second["request_id"] != bad.str("RequestId") {
		t.Errorf("second line: %s", lines[1])
	}
}

func TestPanicsBecomeInternalErrors(t *testing.T) {
	var log bytes.Buffer
	h := newHarness(t, Options{RequestLog: &log})
	h.srv.reg.ops[opKey{"vpc", "DescribeVpcs"}] = op{Fn: func(*call) (any, error) {
		var m map[string]int
		m["boom"]++
		return nil, nil
	}}
	h.fails("DescribeVpcs", kv("RegionId", hz), 500, "InternalError")
	if !strings.Contains(log.String(), `"panic":`) || !strings.Contains(log.String(), `"code":"InternalError"`) {
		t.Errorf("log: %s", log.String())
	}
	h.ok("DescribeRegions", nil) // the lock was released
}

func TestCounts(t *testing.T) {
	h := newHarness(t, Options{})
	h.ok("DescribeRegions", nil)
	h.ok("DescribeRegions", nil)
	h.fails("DescribeVpcs", nil, 400, "MissingParameter")
	c := h.srv.Counts()
	if c["DescribeRegions"] != 2 || c["DescribeVpcs"] != 1 {
		t.Errorf("Counts() = %v", c)
	}
}

func TestConcurrentRequests(t *testing.T) {
	h := newHarness(t, Options{})
	var wg sync.WaitGroup
	errs := make(chan string, 64)
	for g := range 8 {
		reqs := make([]*http.Request, 0, 8)
		for i := range 8 {
			action, params := "DescribeVSwitches", kv("RegionId", hz)
			if i%4 == 0 {
				action, params = "CreateVpc", kv("RegionId", "cn-qingdao", "ClientToken", "t"+string(rune('a'+g)))
			}
			reqs = append(reqs, h.request(action, params, sig{}))
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for _, r := range reqs {
				rec := httptest.NewRecorder()
				h.srv.ServeHTTP(rec, r)
				if rec.Code != 200 {
					errs <- rec.Body.String()
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Errorf("concurrent request failed: %s", e)
	}
	if n := h.countVpcs("cn-qingdao"); n != 8 {
		t.Errorf("%d VPCs from 8 distinct tokens sent twice each", n)
	}
}

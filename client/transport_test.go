package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"net/url"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
)

const (
	testAK     = "FAKEtestkey0001"
	testSecret = "s3cr3t-Value-That-Must-Not-Leak"
	testToken  = "STS-token-That-Must-Not-Leak-CAIS"
)

// fakeAPI is an httptest server that verifies both signature versions with
// our signer's building blocks and hands each call to a handler.
type fakeAPI struct {
	t      *testing.T
	srv    *httptest.Server
	handle func(w http.ResponseWriter, r *http.Request, action string, params map[string]string) bool

	mu       sync.Mutex
	calls    map[string]int
	tokens   []string // ClientToken per call, in order
	inflight int32
	maxIn    int32
	sigFails int
}

func newFakeAPI(t *testing.T, handle func(w http.ResponseWriter, r *http.Request, action string, params map[string]string) bool) *fakeAPI {
	f := &fakeAPI{t: t, handle: handle, calls: map[string]int{}}
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) serve(w http.ResponseWriter, r *http.Request) {
	n := atomic.AddInt32(&f.inflight, 1)
	defer atomic.AddInt32(&f.inflight, -1)
	for {
		m := atomic.LoadInt32(&f.maxIn)
		if n <= m || atomic.CompareAndSwapInt32(&f.maxIn, m, n) {
			break
		}
	}
	body, _ := io.ReadAll(r.Body)
	params := map[string]string{}
	for k, v := range r.URL.Query() {
		params[k] = v[0]
	}
	if r.Header.Get("Content-Type") == "application/x-www-form-urlencoded" {
		form, _ := url.ParseQuery(string(body))
		for k, v := range form {
			params[k] = v[0]
		}
	}
	action := params["Action"]
	if auth := r.Header.Get("Authorization"); auth != "" {
		action = r.Header.Get("x-acs-action")
		a, err := ParseAuthorizationV3(auth)
		if err != nil {
			f.fail(w)
			return
		}
		h := map[string][]string{}
		for _, name := range a.SignedHeaders {
			if name == "host" {
				h[name] = []string{r.Host}
				continue
			}
			h[name] = r.Header.Values(name)
		}
		want := SignV3(V3Request{Method: r.Method, Path: r.URL.Path, Query: params, Headers: h, PayloadHash: HashPayload(body)}, a.AccessKeyID, testSecret)
		if want != auth || r.Header.Get("x-acs-content-sha256") != HashPayload(body) {
			f.fail(w)
			return
		}
		if tok := r.Header.Get("x-acs-security-token"); tok != "" && tok != testToken {
			f.fail(w)
			return
		}
	} else {
		sig := params["Signature"]
		if SignV1(r.Method, params, testSecret) != sig {
			f.fail(w)
			return
		}
		delete(params, "Signature")
		for _, k := range []string{"Action", "Version", "Format", "Timestamp", "SignatureMethod", "SignatureVersion", "SignatureNonce", "AccessKeyId", "SecurityToken"} {
			delete(params, k)
		}
	}
	f.mu.Lock()
	f.calls[action]++
	if tok, ok := params["ClientToken"]; ok {
		f.tokens = append(f.tokens, tok)
	}
	f.mu.Unlock()
	if !f.handle(w, r, action, params) {
		writeJSON(w, 404, map[string]string{"RequestId": "RID-404", "Code": "InvalidAction.NotFound", "Message": "Specified api is not found"})
	}
}

func (f *fakeAPI) fail(w http.ResponseWriter) {
	f.mu.Lock()
	f.sigFails++
	f.mu.Unlock()
	writeJSON(w, 400, map[string]string{"RequestId": "RID-SIG", "Code": "SignatureDoesNotMatch", "Message": "bad signature"})
}

func (f *fakeAPI) count(action string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.calls[action]
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func testClient(t *testing.T, f *fakeAPI, mod func(*Config)) *Client {
	t.Helper()
	cfg := Config{
		Credentials: StaticCredentials(testAK, testSecret, ""),
		Region:      "cn-hangzhou",
		Endpoints:   Endpoints{Override: f.srv.URL},
		BaseBackoff: time.Millisecond,
		MaxBackoff:  5 * time.Millisecond,
		ReadTimeout: 2 * time.Second,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func ok(w http.ResponseWriter, extra map[string]any) {
	m := map[string]any{"RequestId": "RID-OK"}
	for k, v := range extra {
		m[k] = v
	}
	writeJSON(w, 200, m)
}

func TestSignedCallsEveryVariant(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if action != "DescribeVpcs" || p["VpcName"] != "prod core*~/+=&" || p["RegionId"] != "cn-hangzhou" {
			return false
		}
		ok(w, nil)
		return true
	})
	for _, sig := range []SignatureVersion{SignatureV1, SignatureV3} {
		for _, method := range []string{"GET", "POST"} {
			for _, token := range []string{"", testToken} {
				c := testClient(t, f, func(c *Config) {
					c.Signature, c.Method = sig, method
					c.Credentials = StaticCredentials(testAK, testSecret, token)
				})
				resp, err := c.Do(context.Background(), Request{Action: "DescribeVpcs", Params: map[string]string{"VpcName": "prod core*~/+=&"}})
				if err != nil {
					t.Fatalf("%s %s sts=%v: %v", sig, method, token != "", err)
				}
				if resp.RequestID != "RID-OK" || resp.Attempts != 1 {
					t.Errorf("%s %s: %+v", sig, method, resp)
				}
			}
		}
	}
	if f.sigFails != 0 {
		t.Errorf("%d signatures did not verify", f.sigFails)
	}
}

func TestAPIErrorIsTypedAndOneLine(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		writeJSON(w, 400, map[string]string{"RequestId": "0E7B-REQ", "HostId": "vpc.aliyuncs.com", "Code": "InvalidCidrBlock.Overlapped",
			"Message": "Specified CIDR block\noverlapped with other subnets.", "Recommend": "https://api.aliyun.com/troubleshoot?q=x"})
		return true
	})
	c := testClient(t, f, nil)
	_, err := c.Do(context.Background(), Request{Action: "CreateVSwitch", Params: map[string]string{"ClientToken": "t1"}})
	var ae *APIError
	if !errors.As(err, &ae) {
		t.Fatalf("not an *APIError: %T %v", err, err)
	}
	if ae.HTTPStatus != 400 || ae.Code != "InvalidCidrBlock.Overlapped" || ae.RequestID != "0E7B-REQ" || ae.Recommend == "" || ae.HostID == "" {
		t.Errorf("fields: %+v", ae)
	}
	msg := err.Error()
	if strings.Contains(msg, "\n") || !strings.Contains(msg, "0E7B-REQ") || !strings.Contains(msg, "InvalidCidrBlock.Overlapped") {
		t.Errorf("message %q must be one line with code and RequestId", msg)
	}
	if f.count("CreateVSwitch") != 1 {
		t.Errorf("a client error was retried: %d calls", f.count("CreateVSwitch"))
	}
	if ErrorCode(err) != "InvalidCidrBlock.Overlapped" || RequestID(err) != "0E7B-REQ" {
		t.Error("ErrorCode/RequestID helpers")
	}
}

func TestReadRetriesThrottlingAnd5xx(t *testing.T) {
	var n int32
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		switch atomic.AddInt32(&n, 1) {
		case 1:
			writeJSON(w, 400, map[string]string{"RequestId": "R1", "Code": "Throttling.User", "Message": "Request was denied due to user flow control."})
		case 2:
			writeJSON(w, 503, map[string]string{"RequestId": "R2", "Code": "ServiceUnavailable", "Message": "busy"})
		case 3:
			writeJSON(w, 500, map[string]string{"RequestId": "R3", "Code": "InternalError", "Message": "oops"})
		default:
			ok(w, nil)
		}
		return true
	})
	c := testClient(t, f, nil)
	resp, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Attempts != 4 {
		t.Errorf("attempts = %d, want 4", resp.Attempts)
	}
}

func TestWriteWithoutTokenIsNotRetriedOn5xx(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		writeJSON(w, 503, map[string]string{"RequestId": "R", "Code": "ServiceUnavailable", "Message": "busy"})
		return true
	})
	c := testClient(t, f, nil)
	_, err := c.Do(context.Background(), Request{Action: "DeleteVSwitch", Params: map[string]string{"VSwitchId": "vsw-1"}})
	if ErrorCode(err) != "ServiceUnavailable" || f.count("DeleteVSwitch") != 1 {
		t.Errorf("a write without ClientToken must not be retried after a 5xx: %v, %d calls", err, f.count("DeleteVSwitch"))
	}
}

func TestThrottledWriteWithoutTokenIsRetried(t *testing.T) {
	var n int32
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if atomic.AddInt32(&n, 1) == 1 {
			writeJSON(w, 400, map[string]string{"RequestId": "R", "Code": "Throttling.User", "Message": "flow control"})
			return true
		}
		ok(w, nil)
		return true
	})
	c := testClient(t, f, nil)
	if _, err := c.Do(context.Background(), Request{Action: "DeleteVSwitch", Params: map[string]string{"VSwitchId": "vsw-1"}}); err != nil {
		t.Fatalf("throttling means not processed, so the write may be retried: %v", err)
	}
}

// The write is applied, then the connection drops before the answer. The
// retry must carry the same ClientToken so the server returns the first
// result instead of creating a second VPC.
func TestDroppedWriteRetriesWithSameClientToken(t *testing.T) {
	var mu sync.Mutex
	created := map[string]string{} // token -> vpc id
	var drops int32
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		tok := p["ClientToken"]
		mu.Lock()
		id, seen := created[tok]
		if !seen {
			id = fmt.Sprintf("vpc-%d", len(created)+1)
			created[tok] = id
		}
		mu.Unlock()
		if atomic.AddInt32(&drops, 1) <= 2 {
			hj, _ := w.(http.Hijacker)
			conn, _, _ := hj.Hijack()
			conn.Close()
			return true
		}
		ok(w, map[string]any{"VpcId": id})
		return true
	})
	c := testClient(t, f, nil)
	type out struct {
		VpcId string `json:"VpcId"`
	}
	in := &struct {
		VpcName     string `param:"VpcName"`
		ClientToken string `param:"ClientToken"`
	}{VpcName: "prod"}
	res, err := Invoke[out](context.Background(), c, model.ProductVPC, "CreateVpc", "cn-hangzhou", in)
	if err != nil {
		t.Fatal(err)
	}
	if len(created) != 1 || res.VpcId != "vpc-1" {
		t.Errorf("created %v, answer %q: a dropped write created a duplicate", created, res.VpcId)
	}
	if len(f.tokens) != 3 || f.tokens[0] == "" || f.tokens[0] != f.tokens[1] || f.tokens[1] != f.tokens[2] {
		t.Errorf("tokens per attempt %q: must be one non-empty token reused", f.tokens)
	}
	if in.ClientToken != f.tokens[0] {
		t.Error("the caller should see the token that was sent, to reuse on resubmission")
	}
}

func TestTimeoutPerAttemptThenSuccess(t *testing.T) {
	var n int32
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if atomic.AddInt32(&n, 1) == 1 {
			select {
			case <-time.After(10 * time.Second):
			case <-r.Context().Done():
			}
			return true
		}
		ok(w, nil)
		return true
	})
	// A second long enough that the prompt answer of the retry never times
	// out on a loaded machine (100 ms did, once in CI under load), and far
	// below the first attempt's 10 s hang.
	c := testClient(t, f, func(c *Config) { c.ReadTimeout = time.Second })
	resp, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
	if err != nil || resp.Attempts != 2 {
		t.Fatalf("a read timing out must be retried: %v %+v", err, resp)
	}
}

func TestTimeoutErrorSaysSo(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		<-r.Context().Done()
		return true
	})
	c := testClient(t, f, func(c *Config) { c.ReadTimeout = 50 * time.Millisecond; c.MaxAttempts = 2 })
	_, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
	var te *TransportError
	if !errors.As(err, &te) || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("want a timeout TransportError, got %T %v", err, err)
	}
}

func TestContextCancellationStopsRetries(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		writeJSON(w, 503, map[string]string{"RequestId": "R", "Code": "ServiceUnavailable"})
		return true
	})
	c := testClient(t, f, func(c *Config) { c.BaseBackoff = 50 * time.Millisecond; c.MaxBackoff = 50 * time.Millisecond })
	ctx, cancel := context.WithTimeout(context.Background(), 120*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := c.Do(ctx, Request{Action: "DescribeVpcs"})
	if err == nil || time.Since(start) > time.Second {
		t.Errorf("cancellation did not stop the retries: %v after %s", err, time.Since(start))
	}
}

func TestMalformedAndTruncatedJSON(t *testing.T) {
	for name, body := range map[string]string{
		"truncated": `{"RequestId":"R-T","Vpcs":{"Vpc":[{"VpcId":"vpc-1"`,
		"html":      `<html>bad gateway</html>`,
	} {
		var n int32
		f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
			w.WriteHeader(200)
			if atomic.AddInt32(&n, 1) <= 3 {
				io.WriteString(w, body)
				return true
			}
			io.WriteString(w, `{"RequestId":"R-OK","TotalCount":1,"Vpcs":{"Vpc":[{"VpcId":"vpc-1"}]}}`)
			return true
		})
		c := testClient(t, f, func(c *Config) { c.MaxAttempts = 3 })
		_, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
		var me *MalformedResponseError
		if !errors.As(err, &me) {
			t.Errorf("%s: want MalformedResponseError after 3 attempts, got %T %v", name, err, err)
		}
		// With a 4th attempt allowed, the read recovers.
		c = testClient(t, f, func(c *Config) { c.MaxAttempts = 4 })
		atomic.StoreInt32(&n, 0)
		if _, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"}); err != nil {
			t.Errorf("%s: the retry should recover: %v", name, err)
		}
	}
}

func TestNonAPIErrorBodyStillReadable(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		w.Header().Set("x-acs-request-id", "HDR-RID")
		w.WriteHeader(403)
		io.WriteString(w, "<html>Forbidden by proxy</html>")
		return true
	})
	c := testClient(t, f, nil)
	_, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
	var ae *APIError
	if !errors.As(err, &ae) || ae.Code != "HTTP403" || ae.RequestID != "HDR-RID" || !strings.Contains(ae.Message, "Forbidden by proxy") {
		t.Errorf("%T %+v", err, err)
	}
}

func TestRetryAfterHeaderHonoured(t *testing.T) {
	var n int32
	var first time.Time
	var gap time.Duration
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if atomic.AddInt32(&n, 1) == 1 {
			first = time.Now()
			w.Header().Set("x-ratelimit-user-api", "Limit:10,Remain:0,TimeLeft:150,Reset:1")
			writeJSON(w, 429, map[string]string{"RequestId": "R", "Code": "Throttling.User"})
			return true
		}
		gap = time.Since(first)
		ok(w, nil)
		return true
	})
	c := testClient(t, f, nil)
	if _, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"}); err != nil {
		t.Fatal(err)
	}
	if gap < 140*time.Millisecond {
		t.Errorf("retried after %s; the server asked for 150ms", gap)
	}
}

func TestServerRetryAfterParsing(t *testing.T) {
	h := http.Header{}
	h.Set("x-acs-retry-after", "2000")
	h.Set("x-ratelimit-user", "Limit:1,Remain:0,TimeLeft:500,Reset:1")
	if d := serverRetryAfter(h); d != 2*time.Second {
		t.Errorf("got %s", d)
	}
	if serverRetryAfter(http.Header{}) != 0 {
		t.Error("no headers means no server delay")
	}
}

func TestBudgetBoundsConcurrency(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		time.Sleep(20 * time.Millisecond)
		ok(w, nil)
		return true
	})
	c := testClient(t, f, func(c *Config) { c.MaxConcurrent = 3; c.RequestsPerSecond = -1 })
	var wg sync.WaitGroup
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"}); err != nil {
				t.Error(err)
			}
		}()
	}
	wg.Wait()
	if m := atomic.LoadInt32(&f.maxIn); m > 3 {
		t.Errorf("%d calls in flight; the budget allows 3", m)
	}
}

func TestBudgetRateAndAdaptation(t *testing.T) {
	now := time.Unix(0, 0)
	b := newBudget(10, 2, func() time.Time { return now })
	if b.take() != 0 || b.take() != 0 {
		t.Fatal("the burst should allow two immediate calls")
	}
	if w := b.take(); w < 90*time.Millisecond || w > 110*time.Millisecond {
		t.Errorf("third call waits %s, want ~100ms at 10/s", w)
	}
	b.throttled()
	if b.Rate() != 5 {
		t.Errorf("throttling should halve the rate: %v", b.Rate())
	}
	for i := 0; i < 100; i++ {
		b.succeeded()
	}
	if b.Rate() != 10 {
		t.Errorf("the rate should recover to its ceiling: %v", b.Rate())
	}
}

// pagedServer serves n VPCs, page-number paged, optionally throttling a
// fraction of calls, and records the page order per listing.
func pagedServer(t *testing.T, n int, throttle float64, stringTotal bool) (*fakeAPI, *[]int) {
	var mu sync.Mutex
	rng := rand.New(rand.NewPCG(1, 2))
	var order []int
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		mu.Lock()
		th := rng.Float64() < throttle
		mu.Unlock()
		if th {
			writeJSON(w, 400, map[string]string{"RequestId": "R", "Code": "Throttling.User", "Message": "flow control"})
			return true
		}
		page, _ := strconv.Atoi(p["PageNumber"])
		size, _ := strconv.Atoi(p["PageSize"])
		if size > 50 {
			writeJSON(w, 400, map[string]string{"RequestId": "R", "Code": "InvalidParameter", "Message": "PageSize"})
			return true
		}
		mu.Lock()
		order = append(order, page)
		mu.Unlock()
		var items []map[string]string
		for i := (page - 1) * size; i < page*size && i < n; i++ {
			items = append(items, map[string]string{"VpcId": fmt.Sprintf("vpc-%05d", i), "VpcName": "n", "Status": "Available"})
		}
		var total any = n
		if stringTotal {
			total = strconv.Itoa(n)
		}
		ok(w, map[string]any{"TotalCount": total, "PageNumber": page, "PageSize": size, "Vpcs": map[string]any{"Vpc": items}})
		return true
	})
	return f, &order
}

func TestPagerPageNumberUnderThrottling(t *testing.T) {
	f, order := pagedServer(t, 1234, 0.3, true)
	c := testClient(t, f, nil)
	spec := model.Default().MustLookup("vpc").List
	seen := map[string]bool{}
	pages := 0
	err := c.List(context.Background(), ListRequest{Spec: spec, Region: "cn-hangzhou"}, func(pg Page) error {
		pages++
		if pg.Total != 1234 || pg.Pages != 25 || pg.Number != pages {
			t.Errorf("page %d: %+v", pages, pg.Number)
		}
		for _, it := range pg.Items {
			var v struct{ VpcId string }
			_ = json.Unmarshal(it, &v)
			if seen[v.VpcId] {
				t.Errorf("duplicate %s", v.VpcId)
			}
			seen[v.VpcId] = true
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1234 || pages != 25 {
		t.Errorf("got %d rows in %d pages under 30%% throttling, want 1234 in 25", len(seen), pages)
	}
	for i, p := range *order {
		if p != i+1 {
			t.Fatalf("pages were not fetched in order: %v", *order)
		}
	}
}

func TestPagerNextTokenWithMaxResult(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if p["MaxResult"] != "100" || p["MaxResults"] != "" || p["RouteTableId"] != "vtb-1" {
			writeJSON(w, 400, map[string]string{"RequestId": "R", "Code": "InvalidParameter", "Message": fmt.Sprint(p)})
			return true
		}
		start, _ := strconv.Atoi(p["NextToken"])
		var items []map[string]string
		for i := start; i < start+100 && i < 250; i++ {
			items = append(items, map[string]string{"RouteEntryId": fmt.Sprintf("rte-%d", i), "Status": "Available"})
		}
		next := ""
		if start+100 < 250 {
			next = strconv.Itoa(start + 100)
		}
		ok(w, map[string]any{"NextToken": next, "RouteEntrys": map[string]any{"RouteEntry": items}})
		return true
	})
	c := testClient(t, f, nil)
	k := model.Default().MustLookup("route")
	var got []string
	err := c.ListObjects(context.Background(), k, "cn-hangzhou", map[string]string{"RouteTableId": "vtb-1"}, func(objs []*model.Object, pg Page) error {
		for _, o := range objs {
			got = append(got, o.ID)
		}
		return nil
	})
	if err != nil || len(got) != 250 || got[249] != "rte-249" {
		t.Fatalf("got %d entries, err %v", len(got), err)
	}
}

func TestPagerHandsPagesAsTheyArrive(t *testing.T) {
	release := make(chan struct{})
	var n int32
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if atomic.AddInt32(&n, 1) == 2 {
			<-release // the second page waits until the first was seen
		}
		page, _ := strconv.Atoi(p["PageNumber"])
		ok(w, map[string]any{"TotalCount": 100, "Vpcs": map[string]any{"Vpc": []map[string]string{{"VpcId": fmt.Sprintf("vpc-%d", page)}}}})
		return true
	})
	c := testClient(t, f, nil)
	spec := model.Default().MustLookup("vpc").List
	first := true
	err := c.List(context.Background(), ListRequest{Spec: spec, PageSize: 50}, func(pg Page) error {
		if first {
			first = false
			close(release)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func TestPagerToleratesShapes(t *testing.T) {
	for name, body := range map[string]string{
		"missing wrapper": `{"RequestId":"R","TotalCount":0}`,
		"empty string":    `{"RequestId":"R","TotalCount":0,"Vpcs":""}`,
		"single object":   `{"RequestId":"R","TotalCount":1,"Vpcs":{"Vpc":{"VpcId":"vpc-x"}}}`,
	} {
		f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
			io.WriteString(w, body)
			return true
		})
		c := testClient(t, f, nil)
		var n int
		err := c.List(context.Background(), ListRequest{Spec: model.Default().MustLookup("vpc").List}, func(pg Page) error {
			n += len(pg.Items)
			return nil
		})
		if err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if name == "single object" && n != 1 {
			t.Errorf("a lone object is a one-item list, got %d", n)
		}
	}
}

func TestDebugLogHasNoSecrets(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		if action == "CreateVpnConnection" {
			writeJSON(w, 400, map[string]string{"RequestId": "R-E", "Code": "InvalidParameter", "Message": "echo " + testToken + " " + testSecret})
			return true
		}
		ok(w, nil)
		return true
	})
	for _, sig := range []SignatureVersion{SignatureV1, SignatureV3} {
		var buf bytes.Buffer
		c := testClient(t, f, func(c *Config) {
			c.Signature = sig
			c.DebugLog = &buf
			c.Credentials = StaticCredentials(testAK, testSecret, testToken)
		})
		_, _ = c.Do(context.Background(), Request{Action: "DescribeVpcs", Params: map[string]string{"VpcName": "x"}})
		_, err := c.Do(context.Background(), Request{Action: "CreateVpnConnection", Params: map[string]string{
			"IkeConfig": `{"Psk":"pre-shared-Value-Leak","IkeVersion":"ikev2"}`, "ClientToken": "ct-1", "AuthKey": "bgp-Auth-Leak",
		}})
		log := buf.String()
		lines := strings.Split(strings.TrimSpace(log), "\n")
		if len(lines) != 2 {
			t.Fatalf("%s: want one line per attempt, got %d:\n%s", sig, len(lines), log)
		}
		for _, bad := range []string{testSecret, testToken, "Signature", "SecurityToken", "Authorization", "pre-shared-Value-Leak", "bgp-Auth-Leak"} {
			if strings.Contains(log, bad) {
				t.Errorf("%s: debug log contains %q:\n%s", sig, bad, log)
			}
			if strings.Contains(err.Error(), bad) && (bad == testSecret || bad == testToken) {
				t.Errorf("%s: error text contains a secret: %v", sig, err)
			}
		}
		var e map[string]any
		if err := json.Unmarshal([]byte(lines[1]), &e); err != nil {
			t.Fatal(err)
		}
		for _, k := range []string{"product", "action", "region", "params", "status", "code", "request_id", "duration_ms", "attempt"} {
			if _, ok := e[k]; !ok {
				t.Errorf("%s: debug line lacks %q: %s", sig, k, lines[1])
			}
		}
		if !strings.Contains(log, `"ClientToken":"ct-1"`) {
			t.Error("ClientToken is not a secret and helps match retries")
		}
	}
}

func TestEncodeParams(t *testing.T) {
	type nh struct {
		NextHopType string `param:"NextHopType"`
		NextHopId   string `param:"NextHopId"`
		Weight      int    `param:"Weight"`
	}
	f := false
	in := struct {
		RegionId string      `param:"RegionId"`
		Name     string      `param:"VpcName"`
		Empty    string      `param:"Description"`
		Force    *bool       `param:"Force"`
		Count    int         `param:"Count"`
		Ids      []string    `param:"VpcId,comma"`
		Hops     []nh        `param:"NextHopList"`
		Tags     []model.Tag `param:"Tag"`
		Ike      *struct {
			Psk string `json:"Psk"`
		} `param:"IkeConfig,json"`
		Always bool `param:"EnableX,always"`
	}{RegionId: "cn-hangzhou", Name: "a", Force: &f, Ids: []string{"v1", "v2"},
		Hops: []nh{{"Instance", "i-1", 10}}, Tags: []model.Tag{{Key: "env", Value: ""}},
		Ike: &struct {
			Psk string `json:"Psk"`
		}{"k"}}
	got, err := EncodeParams(&in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{
		"RegionId": "cn-hangzhou", "VpcName": "a", "Force": "false", "VpcId": "v1,v2",
		"NextHopList.1.NextHopType": "Instance", "NextHopList.1.NextHopId": "i-1", "NextHopList.1.Weight": "10",
		"Tag.1.Key": "env", "IkeConfig": `{"Psk":"k"}`, "EnableX": "false",
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("\n got %v\nwant %v", got, want)
	}
}

// TestEmbeddedStructIsFlattened pins that an untagged embedded struct's
// fields are sent as the outer struct's own, in declaration order, and
// that ParamFields walks the same fields (settable) that EncodeParams sends.
func TestEmbeddedStructIsFlattened(t *testing.T) {
	in := &ModifySagFlowLogInput{RegionId: "r", FlowLogId: "fl-1",
		SagFlowLogInput: model.SagFlowLogInput{Name: "n", OutputType: "sls", ActiveAging: 300}}
	got, err := EncodeParams(in)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"RegionId": "r", "FlowLogId": "fl-1", "Name": "n", "OutputType": "sls", "ActiveAging": "300"}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("\n got %v\nwant %v", got, want)
	}
	var names []string
	for name, f := range ParamFields(reflect.ValueOf(in).Elem()) {
		names = append(names, name)
		if !f.CanSet() {
			t.Errorf("%s: not settable through a pointer", name)
		}
		if name == "Description" {
			f.SetString("d")
		}
	}
	if want := "RegionId FlowLogId Name Description OutputType ActiveAging InactiveAging SlsRegionId ProjectName LogstoreName NetflowServerIp NetflowServerPort NetflowVersion"; strings.Join(names, " ") != want {
		t.Errorf("ParamFields order\n got %s\nwant %s", strings.Join(names, " "), want)
	}
	if in.Description != "d" {
		t.Errorf("ParamFields' value does not write the embedded field: %q", in.Description)
	}
	for range ParamFields(reflect.ValueOf(in).Elem()) {
		break // an early stop must not panic
	}
}

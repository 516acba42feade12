package sim

import (
	"encoding/json"
	"maps"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// wallTime is the fixed wall clock of the tests: signatures are made and
// checked against it.
var wallTime = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

type harness struct {
	caller // the default key, the VPC API
	t      testing.TB
	srv    *Server
	clock  *ManualClock
	nonce  int
}

// newHarness starts a simulator on a manual clock with the given options
// (Dataset defaults to demo).
func newHarness(t testing.TB, o Options) *harness {
	t.Helper()
	clock, ok := o.Clock.(*ManualClock)
	if !ok {
		clock = NewManualClock(wallTime)
		o.Clock = clock
	}
	if o.Now == nil {
		o.Now = func() time.Time { return wallTime }
	}
	// Every harness journals its writes (unless the test chose a state
	// file or the large dataset): at the end, a simulator started on the
	// same files — as after kill -9, without Close — must hold exactly the
	// live state. Over the package's tests this checks the journal against
	// every write operation they make.
	check := o.StatePath == "" && o.Dataset != DatasetLarge
	if check {
		o.StatePath = filepath.Join(t.TempDir(), "state.json")
	}
	srv, err := New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	t.Cleanup(func() {
		if check && !t.Failed() {
			checkJournal(t, srv, o)
		}
		_ = srv.Close()
	})
	h := &harness{t: t, srv: srv, clock: clock}
	h.caller = caller{h: h}
	return h
}

// checkJournal compares the live state with the state a restart would load.
func checkJournal(t testing.TB, srv *Server, o Options) {
	t.Helper()
	// Reads settle due lifecycle steps without journaling them (a restart
	// replays the pending step instead), so both sides settle first.
	settled := func(srv *Server) (st savedState) {
		t.Helper()
		srv.mu.Lock()
		srv.st.settle(o.Clock.Now())
		data, err := srv.snapshot()
		srv.mu.Unlock()
		if err != nil {
			t.Fatal(err)
		}
		if err := json.Unmarshal(data, &st); err != nil {
			t.Fatalf("the snapshot does not decode: %v", err)
		}
		return st
	}
	a := settled(srv)
	dir := t.TempDir()
	for _, name := range []string{"state.json", "state.json.journal"} {
		data, err := os.ReadFile(filepath.Join(filepath.Dir(o.StatePath), name))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o600); err != nil {
			t.Fatal(err)
		}
	}
	o.StatePath = filepath.Join(dir, "state.json")
	again, err := New(o)
	if err != nil {
		t.Fatalf("restart on the journal: %v", err)
	}
	defer again.Close()
	b := settled(again)
	index := func(st savedState) map[string]string {
		m := map[string]string{"seq": strconv.FormatUint(st.Seq, 10)}
		for _, r := range st.Records {
			j, _ := json.Marshal(r)
			m[r.Kind+" "+string(r.Value)[:min(60, len(r.Value))]] = string(j)
		}
		for _, tk := range st.Tokens {
			j, _ := json.Marshal(tk)
			m["token "+tk.AccessKey+" "+tk.Action+" "+tk.Token] = string(j)
		}
		return m
	}
	ma, mb := index(a), index(b)
	diffs := 0
	for k, v := range ma {
		if mb[k] != v && diffs < 5 {
			diffs++
			t.Errorf("the journal does not restore the live state:\nlive:     %s\nrestored: %s", v, mb[k])
		}
	}
	for k, v := range mb {
		if _, ok := ma[k]; !ok && diffs < 5 {
			diffs++
			t.Errorf("restored from the journal but not live: %s", v)
		}
	}
}

// sig says how to sign a raw request.
type sig struct {
	v3       bool
	method   string // GET (default) or POST
	form     bool   // POST parameters in the body
	keyID    string
	secret   string
	token    string
	nonce    string
	ts       time.Time
	version  string
	tamperFn func(*http.Request)
}

func (h *harness) nextNonce() string {
	h.nonce++
	return "nonce-" + strconv.Itoa(h.nonce)
}

// request builds a signed request for action with params.
func (h *harness) request(action string, params map[string]string, s sig) *http.Request {
	if s.method == "" {
		s.method = http.MethodGet
	}
	if s.keyID == "" {
		s.keyID, s.secret = DefaultAccessKeyID, DefaultAccessKeySecret
	}
	if s.nonce == "" {
		s.nonce = h.nextNonce()
	}
	if s.ts.IsZero() {
		s.ts = wallTime
	}
	if s.version == "" {
		s.version = "2016-04-28"
	}
	if s.v3 {
		return h.requestV3(action, params, s)
	}
	p := map[string]string{
		"Action": action, "Version": s.version, "Format": "JSON", "AccessKeyId": s.keyID,
		"SignatureMethod": "HMAC-SHA1", "SignatureVersion": "1.0", "SignatureNonce": s.nonce,
		"Timestamp": s.ts.UTC().Format("2006-01-02T15:04:05Z"),
	}
	if s.token != "" {
		p["SecurityToken"] = s.token
	}
	for k, v := range params {
		p[k] = v
	}
	p["Signature"] = client.SignV1(s.method, p, s.secret)
	vals := url.Values{}
	for k, v := range p {
		vals.Set(k, v)
	}
	var r *http.Request
	if s.form {
		r = httptest.NewRequest(s.method, "http://vpc.aliyuncs.com/", strings.NewReader(vals.Encode()))
		r.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	} else {
		r = httptest.NewRequest(s.method, "http://vpc.aliyuncs.com/?"+vals.Encode(), nil)
	}
	if s.tamperFn != nil {
		s.tamperFn(r)
	}
	return r
}

func (h *harness) requestV3(action string, params map[string]string, s sig) *http.Request {
	vals := url.Values{}
	query := map[string]string{}
	for k, v := range params {
		vals.Set(k, v)
		query[k] = v
	}
	body, hash := "", client.EmptyPayloadHash
	target := "http://vpc.aliyuncs.com/?" + vals.Encode()
	hdr := map[string][]string{}
	if s.form {
		// Parameters in a form body, as darabonba sends a few VPN APIs.
		body, query, target = vals.Encode(), map[string]string{}, "http://vpc.aliyuncs.com/"
		hash = client.HashPayload([]byte(body))
		hdr["content-type"] = []string{"application/x-www-form-urlencoded"}
	}
	r := httptest.NewRequest(s.method, target, strings.NewReader(body))
	r.Host = "vpc.aliyuncs.com"
	hdr["host"] = []string{r.Host}
	hdr["x-acs-action"] = []string{action}
	hdr["x-acs-version"] = []string{s.version}
	hdr["x-acs-date"] = []string{s.ts.UTC().Format("2006-01-02T15:04:05Z")}
	hdr["x-acs-signature-nonce"] = []string{s.nonce}
	hdr["x-acs-content-sha256"] = []string{hash}
	if s.token != "" {
		hdr["x-acs-security-token"] = []string{s.token}
	}
	for k, v := range hdr {
		if k != "host" {
			r.Header.Set(k, v[0])
		}
	}
	auth := client.SignV3(client.V3Request{Method: s.method, Path: "/", Query: query, Headers: hdr, PayloadHash: hash}, s.keyID, s.secret)
	r.Header.Set("Authorization", auth)
	if s.tamperFn != nil {
		s.tamperFn(r)
	}
	return r
}

type answer struct {
	Status int
	Header http.Header
	Raw    []byte
	Body   map[string]any
}

func (a *answer) code() string { s, _ := a.Body["Code"].(string); return s }

func (a *answer) str(key string) string { s, _ := a.Body[key].(string); return s }

func (a *answer) num(key string) int {
	f, _ := a.Body[key].(float64)
	return int(f)
}

// items returns Body[wrapper][item] as a list of objects.
func (a *answer) items(wrapper, item string) []map[string]any {
	w, _ := a.Body[wrapper].(map[string]any)
	list, _ := w[item].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		out = append(out, m)
	}
	return out
}

func (h *harness) do(r *http.Request) *answer {
	h.t.Helper()
	rec := httptest.NewRecorder()
	h.srv.ServeHTTP(rec, r)
	a := &answer{Status: rec.Code, Header: rec.Header(), Raw: rec.Body.Bytes()}
	if len(a.Raw) > 0 {
		if err := json.Unmarshal(a.Raw, &a.Body); err != nil {
			h.t.Fatalf("answer is not JSON: %v: %s", err, a.Raw)
		}
	}
	return a
}

// caller signs and sends requests with one key for one product: the
// harness's own calls use the default key and the VPC API's version;
// edgeOn and partnerOn make the others.
type caller struct {
	h  *harness
	s  sig
	as string // who calls, for failure messages: "" or " as the partner"
}

// edgeOn calls one product's actions (the request's Version).
func (h *harness) edgeOn(p model.Product) caller {
	return caller{h: h, s: sig{version: p.Version()}}
}

// partnerOn signs p's calls with the key of the demo's partner account.
func (h *harness) partnerOn(p model.Product) caller {
	return caller{h: h, s: sig{version: p.Version(), keyID: PartnerAccessKeyID, secret: PartnerAccessKeySecret}, as: " as the partner"}
}

// at is c signing its requests with the timestamp ts: time.Now() for a
// harness whose wall clock is the real one (newSDKHarness), where the
// default, wallTime, is refused.
func (c caller) at(ts time.Time) caller {
	c.s.ts = ts
	return c
}

// call signs action and runs it.
func (c caller) call(action string, params map[string]string) *answer {
	c.h.t.Helper()
	return c.h.do(c.h.request(action, params, c.s))
}

// ok runs action and fails the test unless it succeeded.
func (c caller) ok(action string, params map[string]string) *answer {
	c.h.t.Helper()
	a := c.call(action, params)
	if a.Status != http.StatusOK {
		c.h.t.Fatalf("%s%s: HTTP %d: %s", action, c.as, a.Status, a.Raw)
	}
	return a
}

// fails runs action and checks the error status and code.
func (c caller) fails(action string, params map[string]string, status int, code string) *answer {
	c.h.t.Helper()
	a := c.call(action, params)
	if a.Status != status || a.code() != code {
		c.h.t.Fatalf("%s%s: got HTTP %d %s, want %d %s: %s", action, c.as, a.Status, a.code(), status, code, a.Raw)
	}
	return a
}

// one runs the describe action and returns the one item of its answer's
// wrapper/item list; any other number of items fails the test.
func (c caller) one(action string, params map[string]string, wrapper, item string) map[string]any {
	c.h.t.Helper()
	items := c.ok(action, params).items(wrapper, item)
	if len(items) != 1 {
		c.h.t.Fatalf("%s%s %v: %d items: %v", action, c.as, params, len(items), items)
	}
	return items[0]
}

// refusal is a request that must be refused: the parameters it sets over
// a base request, and the HTTP status and error code of the answer.
type refusal struct {
	params []string
	status int
	code   string
}

// refuses runs action once per refusal, with params(r.params...), and
// reports every answer whose status or code is not the refusal's.
func (c caller) refuses(action string, params func(extra ...string) map[string]string, refusals []refusal) {
	c.h.t.Helper()
	for _, r := range refusals {
		a := c.call(action, params(r.params...))
		if a.Status != r.status || a.code() != r.code {
			c.h.t.Errorf("%s%s %v: got %d %s, want %d %s", action, c.as, r.params, a.Status, a.code(), r.status, r.code)
		}
	}
}

// addOnce adds the key of every item to seen and fails the test when one
// is there already: an item listed twice.
func addOnce(t testing.TB, seen map[string]bool, items []map[string]any, key string) {
	t.Helper()
	for _, it := range items {
		id, _ := it[key].(string)
		if seen[id] {
			t.Fatalf("%s listed twice", id)
		}
		seen[id] = true
	}
}

// walkTokens pages through action from params, following NextToken to its
// end, and returns the IDs (key) of the items page picks out of every
// answer, and how many pages there were. An item listed twice fails the
// test.
func (c caller) walkTokens(action string, params map[string]string, page func(*answer) []map[string]any, key string) (seen map[string]bool, pages int) {
	c.h.t.Helper()
	seen = map[string]bool{}
	for token := ""; ; {
		p := kv()
		maps.Copy(p, params)
		if token != "" {
			p["NextToken"] = token
		}
		a := c.ok(action, p)
		pages++
		addOnce(c.h.t, seen, page(a), key)
		if token = a.str("NextToken"); token == "" {
			return seen, pages
		}
	}
}

// walkPages pages through action from params, with PageSize 50 and
// PageNumber 1, 2, … up to the first short page; it adds the IDs (key) of
// the items (wrapper/item) of every page to seen (see addOnce) and returns
// TotalCount, which must be the same on every page.
func (c caller) walkPages(seen map[string]bool, action string, params map[string]string, wrapper, item, key string) int {
	c.h.t.Helper()
	total := -1
	for page := 1; ; page++ {
		p := kv("PageSize", "50", "PageNumber", strconv.Itoa(page))
		maps.Copy(p, params)
		a := c.ok(action, p)
		if total == -1 {
			total = a.num("TotalCount")
		} else if a.num("TotalCount") != total {
			c.h.t.Fatalf("%s: TotalCount changed from %d to %d", action, total, a.num("TotalCount"))
		}
		items := a.items(wrapper, item)
		addOnce(c.h.t, seen, items, key)
		if len(items) < 50 {
			return total
		}
	}
}

// seeded is the first record of the simulator's state that match accepts
// (match runs under the state's lock, so it may read the record and look
// up others); the test fails when none does. what names the record sought.
func (h *harness) seeded(what string, match func(*record) bool) *record {
	h.t.Helper()
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	for _, r := range h.srv.st.byID {
		if match(r) {
			return r
		}
	}
	h.t.Fatalf("no %s", what)
	return nil
}

// settle moves the lifecycle clock past the settle time.
func (h *harness) settle() { h.clock.Advance(h.srv.opts.Settle + time.Second) }

// kv builds a parameter map from pairs.
func kv(pairs ...string) map[string]string {
	m := map[string]string{}
	for i := 0; i+1 < len(pairs); i += 2 {
		m[pairs[i]] = pairs[i+1]
	}
	return m
}

// kvBase returns a builder of parameter maps: pairs, with the extra pairs
// of each call set over them.
func kvBase(pairs ...string) func(extra ...string) map[string]string {
	return func(extra ...string) map[string]string {
		return kv(append(slices.Clip(pairs), extra...)...)
	}
}

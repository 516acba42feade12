package sim

import (
	"strconv"
	"strings"
	"testing"
	"time"
)

// Tag.N takes N = 1..20 on a create (seed 002: "at most 20 tag keys") and
// 1..5 as a DescribeVpcs filter (seed 003); anything else is refused, not
// silently dropped, and nothing is created.
func TestTagIndexOutOfRangeIsRefused(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	for _, key := range []string{"Tag.21.Key", "Tag.999999.Key", "Tag.0.Key", "Tag.01.Key", "Tag.-1.Key", "Tag.3.Name"} {
		a := h.fails("CreateVpc", kv("RegionId", hz, key, "team"), 400, "InvalidParameter")
		if !strings.Contains(string(a.Raw), key) {
			t.Errorf("%s: the error does not name the parameter: %s", key, a.Raw)
		}
	}
	if n := h.countVpcs(hz); n != 0 {
		t.Fatalf("%d VPCs created by refused requests", n)
	}
	p := kv("RegionId", hz)
	for i := 1; i <= 20; i++ {
		p["Tag."+strconv.Itoa(i)+".Key"] = "k" + strconv.Itoa(i)
		p["Tag."+strconv.Itoa(i)+".Value"] = "v"
	}
	h.ok("CreateVpc", p)
	h.ok("DescribeVpcs", kv("RegionId", hz, "Tag.5.Key", "k5"))
	h.fails("DescribeVpcs", kv("RegionId", hz, "Tag.6.Key", "k6"), 400, "InvalidParameter")
}

// A nonce is remembered exactly as long as its request's timestamp is
// accepted: a replay inside the window is refused as a replay, one after it
// as expired, and the set is then empty again.
func TestNonceExpiresWithItsSignatureWindow(t *testing.T) {
	now := wallTime
	h := newHarness(t, Options{Dataset: DatasetEmpty, Now: func() time.Time { return now }})
	req := func(nonce string, ts time.Time) *answer {
		return h.do(h.request("DescribeVpcs", kv("RegionId", hz), sig{nonce: nonce, ts: ts}))
	}
	if a := req("n-1", wallTime); a.Status != 200 {
		t.Fatalf("first use: %s", a.Raw)
	}
	now = wallTime.Add(timestampWindow - time.Second)
	if a := req("n-1", wallTime); a.code() != "SignatureNonceUsed" {
		t.Fatalf("replay inside the window: HTTP %d %s", a.Status, a.Raw)
	}
	now = wallTime.Add(timestampWindow + 2*time.Second)
	if a := req("n-1", wallTime); a.code() != "InvalidTimeStamp.Expired" {
		t.Fatalf("replay after the window: HTTP %d %s", a.Status, a.Raw)
	}
	if a := req("n-2", now); a.Status != 200 {
		t.Fatalf("fresh request: %s", a.Raw)
	}
	if n := h.srv.nonces.len(); n != 1 {
		t.Errorf("%d nonces remembered after the first expired, want 1", n)
	}
}

// Past the cap, signed requests are refused (Throttling.User with
// Retry-After), not let through and not served by forgetting old nonces;
// they pass again once old entries expire.
func TestNonceCapRefusesInsteadOfEvicting(t *testing.T) {
	now := wallTime
	h := newHarness(t, Options{Dataset: DatasetEmpty, MaxNonces: 3, Now: func() time.Time { return now }})
	for i := range 3 {
		if a := h.call("DescribeVpcs", kv("RegionId", hz)); a.Status != 200 {
			t.Fatalf("request %d: %s", i, a.Raw)
		}
	}
	a := h.do(h.request("CreateVpc", kv("RegionId", hz), sig{nonce: "over-cap"}))
	if a.code() != "Throttling.User" || a.Header.Get("Retry-After") == "" {
		t.Fatalf("past the cap: HTTP %d %v %s", a.Status, a.Header, a.Raw)
	}
	if a := h.do(h.request("DescribeVpcs", kv("RegionId", hz), sig{nonce: "nonce-1"})); a.code() != "SignatureNonceUsed" {
		t.Fatalf("an old nonce was forgotten to make room: HTTP %d %s", a.Status, a.Raw)
	}
	now = wallTime.Add(timestampWindow + 2*time.Second)
	if a := h.do(h.request("CreateVpc", kv("RegionId", hz), sig{nonce: "over-cap", ts: now})); a.Status != 200 {
		t.Fatalf("after the old nonces expired: %s", a.Raw)
	}
	list := h.do(h.request("DescribeVpcs", kv("RegionId", hz), sig{ts: now}))
	if n := list.num("TotalCount"); n != 1 {
		t.Errorf("%d VPCs, want the one created after expiry: %s", n, list.Raw)
	}
}

// At a steady rate the set holds one window's worth of nonces, however long
// it runs, and the buckets hold no more than the set.
func TestNonceMemoryIsBoundedByTheWindow(t *testing.T) {
	n := newNonceCache(0)
	start := wallTime
	const perSecond = 50
	for sec := range 3 * 3600 {
		now := start.Add(time.Duration(sec) * time.Second)
		for i := range perSecond {
			if n.use("k", strconv.Itoa(sec*perSecond+i), now, now) != nonceFresh {
				t.Fatalf("fresh nonce refused at %ds", sec)
			}
		}
	}
	limit := perSecond * (int(timestampWindow/time.Second) + 2)
	if got := n.len(); got > limit {
		t.Fatalf("%d nonces after 3 hours at %d/s, want at most %d", got, perSecond, limit)
	}
	filed := 0
	for _, b := range n.buckets {
		filed += len(b)
	}
	if filed != n.len() {
		t.Errorf("%d bucket entries for %d nonces", filed, n.len())
	}
}

// The ClientToken cache forgets tokens in the order they came once they
// expire or past its cap, without scanning, and keeps the recent ones.
func TestClientTokenCacheIsBounded(t *testing.T) {
	tk := func(i int) tokenKey {
		return tokenKey{AccessKey: "k", Action: "ModifyVpcAttribute", Token: strconv.Itoa(i)}
	}
	c := tokens{max: 1000}
	for i := range 5000 {
		c.put(tk(i), tokenEntry{at: wallTime})
	}
	if len(c.m) != 1000 || len(c.q)-c.head != 1000 {
		t.Fatalf("%d tokens, %d queued; want the cap, 1000", len(c.m), len(c.q)-c.head)
	}
	if _, ok := c.get(tk(4999), wallTime); !ok {
		t.Error("the newest token was forgotten")
	}
	if _, ok := c.get(tk(3999), wallTime); ok {
		t.Error("a token past the cap is still remembered")
	}
	// A day later one put expires every older token.
	c.put(tk(-1), tokenEntry{at: wallTime.Add(tokenTTL + time.Second)})
	if len(c.m) != 1 {
		t.Errorf("%d tokens after the TTL, want 1", len(c.m))
	}
	// A token put again keeps its newest answer when its old place expires.
	d := tokens{}
	d.put(tk(1), tokenEntry{at: wallTime, body: []byte("old")})
	d.put(tk(1), tokenEntry{at: wallTime.Add(tokenTTL), body: []byte("new")})
	d.put(tk(2), tokenEntry{at: wallTime.Add(tokenTTL + time.Second)})
	if e, ok := d.get(tk(1), wallTime.Add(tokenTTL+time.Second)); !ok || string(e.body) != "new" {
		t.Errorf("token put again: %q, %v", e.body, ok)
	}
}

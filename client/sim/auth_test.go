package sim

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestSignedRequestsAreAccepted(t *testing.T) {
	h := newHarness(t, Options{})
	params := kv("RegionId", "cn-hangzhou", "VpcName", "prod core") // a space must encode as %20
	cases := map[string]sig{
		"v1 GET":                 {},
		"v1 POST form body":      {method: http.MethodPost, form: true},
		"v1 POST query (SDK)":    {method: http.MethodPost},
		"v3 GET":                 {v3: true},
		"v3 POST":                {v3: true, method: http.MethodPost},
		"v3 POST form body":      {v3: true, method: http.MethodPost, form: true},
		"v1 STS":                 {keyID: DefaultSTSAccessKeyID, secret: DefaultSTSAccessKeySecret, token: DefaultSecurityToken},
		"v3 STS":                 {v3: true, keyID: DefaultSTSAccessKeyID, secret: DefaultSTSAccessKeySecret, token: DefaultSecurityToken},
		"v1 timestamp 14m early": {ts: wallTime.Add(-14 * time.Minute)},
	}
	for name, s := range cases {
		t.Run(name, func(t *testing.T) {
			a := h.do(h.request("DescribeVpcs", params, s))
			if a.Status != http.StatusOK {
				t.Fatalf("HTTP %d: %s", a.Status, a.Raw)
			}
			if a.num("TotalCount") != 0 {
				t.Errorf("TotalCount = %d for a name no VPC has", a.num("TotalCount"))
			}
		})
	}
}

func TestAuthErrors(t *testing.T) {
	h := newHarness(t, Options{Keys: []Key{
		{ID: "plain", Secret: "plain-secret"},
		{ID: "sts", Secret: "sts-secret", SecurityToken: "tok-123"},
		{ID: "old-sts", Secret: "old-secret", SecurityToken: "tok-old", Expiration: wallTime.Add(-time.Minute)},
	}})
	plain := sig{keyID: "plain", secret: "plain-secret"}
	sts := sig{keyID: "sts", secret: "sts-secret", token: "tok-123"}
	with := func(s sig, f func(*sig)) sig { f(&s); return s }
	params := kv("RegionId", "cn-hangzhou")
	cases := []struct {
		name   string
		s      sig
		action string
		status int
		code   string
	}{
		{"wrong secret", with(plain, func(s *sig) { s.secret = "nope" }), "", 400, "SignatureDoesNotMatch"},
		{"wrong secret v3", with(plain, func(s *sig) { s.secret, s.v3 = "nope", true }), "", 400, "SignatureDoesNotMatch"},
		{"unknown key", with(plain, func(s *sig) { s.keyID = "ghost" }), "", 404, "InvalidAccessKeyId.NotFound"},
		{"expired timestamp", with(plain, func(s *sig) { s.ts = wallTime.Add(-16 * time.Minute) }), "", 400, "InvalidTimeStamp.Expired"},
		{"future timestamp", with(plain, func(s *sig) { s.ts = wallTime.Add(16 * time.Minute) }), "", 400, "InvalidTimeStamp.Expired"},
		{"expired timestamp v3", with(plain, func(s *sig) { s.ts, s.v3 = wallTime.Add(-time.Hour), true }), "", 400, "InvalidTimeStamp.Expired"},
		{"bad timestamp", with(plain, func(s *sig) { s.tamperFn = setQuery("Timestamp", "yesterday") }), "", 400, "InvalidTimeStamp.Format"},
		{"missing signature", with(plain, func(s *sig) { s.tamperFn = setQuery("Signature", "") }), "", 400, "IncompleteSignature"},
		{"wrong signature method", with(plain, func(s *sig) { s.tamperFn = setQuery("SignatureMethod", "HMAC-MD5") }), "", 400, "IncompleteSignature"},
		{"garbled v3 authorization", with(plain, func(s *sig) {
			s.v3 = true
			s.tamperFn = func(r *http.Request) { r.Header.Set("Authorization", "ACS3-HMAC-SHA256") }
		}), "", 400, "IncompleteSignature"},
		{"unsigned x-acs header", with(plain, func(s *sig) {
			s.v3 = true
			s.tamperFn = func(r *http.Request) { r.Header.Set("x-acs-extra", "1") }
		}), "", 400, "IncompleteSignature"},
		{"body hash mismatch", with(plain, func(s *sig) {
			s.v3 = true
			s.tamperFn = func(r *http.Request) {
				r.Body = http.NoBody
				r.Header.Set("x-acs-content-sha256", strings.Repeat("0", 64))
			}
		}), "", 400, "IncompleteSignature"},
		{"tampered parameter", with(plain, func(s *sig) { s.tamperFn = setQuery("RegionId", "cn-shanghai") }), "", 400, "SignatureDoesNotMatch"},
		{"sts without token", with(sts, func(s *sig) { s.token = "" }), "", 400, "InvalidSecurityToken.Malformed"},
		{"sts wrong token", with(sts, func(s *sig) { s.token = "tok-999" }), "", 400, "InvalidSecurityToken.MismatchWithAccessKey"},
		{"sts without token v3", with(sts, func(s *sig) { s.token, s.v3 = "", true }), "", 400, "InvalidSecurityToken.Malformed"},
		{"token on a plain key", with(plain, func(s *sig) { s.token = "tok-123" }), "", 400, "InvalidSecurityToken.MismatchWithAccessKey"},
		{"expired sts key", sig{keyID: "old-sts", secret: "old-secret", token: "tok-old"}, "", 400, "InvalidSecurityToken.Expired"},
		{"unknown action", plain, "DescribeUnicorns", 404, "InvalidAction.NotFound"},
		{"unknown version", with(plain, func(s *sig) { s.version = "2099-01-01" }), "", 400, "InvalidVersion"},
		{"product without the action", with(plain, func(s *sig) { s.version = "2022-01-01" }), "", 404, "InvalidAction.NotFound"},
	}
	seen := map[string]bool{}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			action := tc.action
			if action == "" {
				action = "DescribeVpcs"
			}
			a := h.do(h.request(action, params, tc.s))
			if a.Status != tc.status || a.code() != tc.code {
				t.Fatalf("got HTTP %d %s, want %d %s: %s", a.Status, a.code(), tc.status, tc.code, a.Raw)
			}
			checkErrorBody(t, a)
			if seen[a.str("RequestId")] {
				t.Errorf("RequestId %s repeated", a.str("RequestId"))
			}
			seen[a.str("RequestId")] = true
		})
	}
}

// setQuery returns a tamperFn that sets the query parameter key to value
// after signing, or removes it when value is "".
func setQuery(key, value string) func(*http.Request) {
	return func(r *http.Request) {
		q := r.URL.Query()
		if value == "" {
			q.Del(key)
		} else {
			q.Set(key, value)
		}
		r.URL.RawQuery = q.Encode()
	}
}

var requestIDPattern = regexp.MustCompile(`^[0-9A-F]{8}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{4}-[0-9A-F]{12}$`)

// checkErrorBody checks the error shape every SDK parses.
func checkErrorBody(t *testing.T, a *answer) {
	t.Helper()
	for _, k := range []string{"RequestId", "HostId", "Code", "Message", "Recommend"} {
		if a.str(k) == "" {
			t.Errorf("error body lacks %s: %s", k, a.Raw)
		}
	}
	if strings.Contains(string(a.Raw), `\u0026`) {
		t.Errorf("the body HTML-escapes '&': %s", a.Raw)
	}
	rid := a.str("RequestId")
	if !requestIDPattern.MatchString(rid) {
		t.Errorf("RequestId %q is not an uppercase UUID", rid)
	}
	if a.Header.Get("x-acs-request-id") != rid {
		t.Errorf("x-acs-request-id header %q != body %q", a.Header.Get("x-acs-request-id"), rid)
	}
	want := "https://api.aliyun.com/troubleshoot?q=" + a.code() + "&product="
	if !strings.HasPrefix(a.str("Recommend"), want) || !strings.HasSuffix(a.str("Recommend"), "requestId="+rid) {
		t.Errorf("Recommend = %q", a.str("Recommend"))
	}
}

func TestSignatureMismatchShowsStringToSignWithoutToken(t *testing.T) {
	h := newHarness(t, Options{})
	s := sig{keyID: DefaultSTSAccessKeyID, secret: "wrong", token: DefaultSecurityToken}
	a := h.do(h.request("DescribeVpcs", kv("RegionId", "cn-hangzhou"), s))
	if a.code() != "SignatureDoesNotMatch" {
		t.Fatalf("got %s", a.Raw)
	}
	msg := a.str("Message")
	if !strings.Contains(msg, "server string to sign is:GET&%2F&AccessKeyId%3D") {
		t.Errorf("message lacks the server string to sign: %q", msg)
	}
	if strings.Contains(string(a.Raw), DefaultSecurityToken) {
		t.Errorf("the security token leaks into the error: %s", a.Raw)
	}
	if !strings.Contains(msg, "SecurityToken%3DREDACTED%26") {
		t.Errorf("the token is not shown redacted: %q", msg)
	}
}

func TestReplayedNonceIsRefused(t *testing.T) {
	h := newHarness(t, Options{})
	for _, v3 := range []bool{false, true} {
		s := sig{nonce: "same-nonce-" + map[bool]string{false: "v1", true: "v3"}[v3], v3: v3}
		if a := h.do(h.request("DescribeVpcs", kv("RegionId", "cn-hangzhou"), s)); a.Status != 200 {
			t.Fatalf("first use: %s", a.Raw)
		}
		a := h.do(h.request("DescribeVpcs", kv("RegionId", "cn-hangzhou"), s))
		if a.Status != 400 || a.code() != "SignatureNonceUsed" {
			t.Fatalf("replay (v3=%v): HTTP %d %s", v3, a.Status, a.Raw)
		}
	}
	// A nonce is per AccessKey.
	s := sig{nonce: "same-nonce-v1", keyID: DefaultSTSAccessKeyID, secret: DefaultSTSAccessKeySecret, token: DefaultSecurityToken}
	if a := h.do(h.request("DescribeVpcs", kv("RegionId", "cn-hangzhou"), s)); a.Status != 200 {
		t.Fatalf("same nonce, other key: %s", a.Raw)
	}
}

func TestMissingParameterMessage(t *testing.T) {
	h := newHarness(t, Options{})
	a := h.fails("DescribeVpcs", nil, 400, "MissingParameter")
	want := `The input parameter "RegionId" that is mandatory for processing this request is not supplied.`
	if a.str("Message") != want {
		t.Errorf("Message = %q, want %q", a.str("Message"), want)
	}
	h.fails("DescribeVpcs", kv("RegionId", "mars-north-1"), 404, "InvalidRegionId.NotFound")
}

func TestSuccessAnswersCarryUniqueRequestIDs(t *testing.T) {
	h := newHarness(t, Options{})
	seen := map[string]bool{}
	for range 20 {
		a := h.ok("DescribeRegions", nil)
		rid := a.str("RequestId")
		if !requestIDPattern.MatchString(rid) || seen[rid] {
			t.Fatalf("bad or repeated RequestId %q", rid)
		}
		seen[rid] = true
		if !strings.HasPrefix(string(a.Raw), `{"RequestId":"`) {
			t.Errorf("RequestId is not first: %s", a.Raw[:40])
		}
		if ct := a.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
			t.Errorf("Content-Type = %q", ct)
		}
	}
}

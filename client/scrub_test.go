package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"testing"
	"time"
)

// Recognisable secrets of a run; the tests grep every output for them.
const (
	leakSecret = "LeakSecretQ7w9Zr2Xk4Vb8Nm1"
	leakToken  = "CAIS+LeakToken/Qx93mZ0pLw7rT5vYh2Jk8=="
	leakPsk    = "LeakPskTunnel4f8d2a"
)

// spellings are the ways a value can appear in an echo: raw, in a query
// (once or twice percent-encoded), JSON-escaped.
func spellings(v string) []string {
	return []string{v, PercentEncode(v), PercentEncode(PercentEncode(v)), strings.ReplaceAll(v, "/", `\/`)}
}

// echoServer answers every request with what it received: the URL, the
// headers and the body, as a non-JSON 200 page (status 200) or inside an
// API error's Message (status 400). It records the signatures it saw.
type echoServer struct {
	srv  *httptest.Server
	sigs []string
}

func newEchoServer(t *testing.T, status int) *echoServer {
	e := &echoServer{}
	e.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		if s := r.URL.Query().Get("Signature"); s != "" {
			e.sigs = append(e.sigs, s)
		}
		if a := r.Header.Get("Authorization"); a != "" {
			if i := strings.LastIndex(a, "Signature="); i >= 0 {
				e.sigs = append(e.sigs, a[i+len("Signature="):])
			}
		}
		var hdr []string
		for k, v := range r.Header {
			hdr = append(hdr, k+": "+strings.Join(v, ","))
		}
		sort.Strings(hdr)
		// The secrets first and bare (no name a pattern could catch), so
		// that they fall inside any quoted start of the page.
		bare := []string{r.URL.Query().Get("Signature"), r.URL.Query().Get("SecurityToken"), r.Header.Get("X-Acs-Security-Token")}
		bare = append(bare, e.sigs...)
		echo := strings.Join(bare, " ") + "\n" + r.Method + " " + r.URL.String() + "\n" + strings.Join(hdr, "\n") + "\n\n" + string(body)
		if status == 200 {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, "<html><body><pre>%s</pre></body></html>", echo)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(status)
		_ = json.NewEncoder(w).Encode(map[string]string{
			"Code": "InvalidParameter", "RequestId": "R-ECHO",
			"Message": "Specified signature is not matched. You sent: " + echo,
		})
	}))
	t.Cleanup(e.srv.Close)
	return e
}

func TestScrubEveryPathOfAnEchoingEndpoint(t *testing.T) {
	for _, status := range []int{200, 400} {
		for _, sig := range []SignatureVersion{SignatureV1, SignatureV3} {
			for _, method := range []string{"POST", "GET"} {
				name := fmt.Sprintf("%d/%s/%s", status, sig, method)
				t.Run(name, func(t *testing.T) {
					e := newEchoServer(t, status)
					var debug bytes.Buffer
					c, err := New(Config{
						Credentials: StaticCredentials(testAK, leakSecret, leakToken),
						Region:      "cn-hangzhou", Endpoints: Endpoints{Override: e.srv.URL},
						Signature: sig, Method: method, DebugLog: &debug, MaxAttempts: 1,
					})
					if err != nil {
						t.Fatal(err)
					}
					_, err = c.Do(context.Background(), Request{Action: "CreateVpnConnection", Params: map[string]string{
						"ClientToken":                "ct-1",
						"TunnelOptionsSpecification": `[{"TunnelIkeConfig":{"Psk":"` + leakPsk + `","IkeVersion":"ikev2"}}]`,
					}})
					if err == nil {
						t.Fatal("an unreadable or error answer must fail the call")
					}
					// An unreadable answer to a write may have been applied:
					// the outcome is unknown, and its attempt carries the
					// unreadable-body error (with the body's first bytes).
					var attempts []string
					for _, a := range Attempts(err) {
						attempts = append(attempts, a.Err)
					}
					if status == 200 && (!OutcomeUnknown(err) || !strings.Contains(strings.Join(attempts, "\n"), "could not be read")) {
						t.Fatalf("want an unknown outcome whose attempt could not be read, got %v (attempts %q)", err, attempts)
					}
					if len(e.sigs) == 0 {
						t.Fatal("the server saw no signature")
					}
					outputs := map[string]string{"error": err.Error(), "debug log": debug.String(), "attempts": strings.Join(attempts, "\n")}
					for where, text := range outputs {
						for _, v := range append([]string{leakSecret, leakToken, leakPsk}, e.sigs...) {
							for _, form := range spellings(v) {
								if strings.Contains(text, form) {
									t.Errorf("%s contains a secret (%q):\n%s", where, form, text)
								}
							}
						}
					}
					if !strings.Contains(debug.String(), `IkeVersion`) {
						t.Errorf("the nested parameters should stay readable, secrets masked:\n%s", debug.String())
					}
				})
			}
		}
	}
}

func TestRedactParamsNestedJSON(t *testing.T) {
	in := map[string]string{
		"TunnelOptionsSpecification": `[{"TunnelIkeConfig":{"Psk":"p1-secret","IkeVersion":"ikev2"},"TunnelBgpConfig":{"AuthKey":"bgp-secret"}}]`,
		"IkeConfig":                  `{"Psk":"p2-secret","Deep":[{"x":{"PrivateKey":"pk-secret"}}]}`,
		"TunnelOptionsSpecification.1.TunnelIkeConfig.Psk": "p3-secret",
		"ClientToken": "ct-keep",
		"VpcName":     "name-keep",
	}
	out := RedactParams(in)
	all, _ := json.Marshal(out)
	for _, bad := range []string{"p1-secret", "p2-secret", "p3-secret", "bgp-secret", "pk-secret"} {
		if strings.Contains(string(all), bad) {
			t.Errorf("RedactParams left %q: %s", bad, all)
		}
	}
	for _, keep := range []string{"ct-keep", "name-keep", "ikev2"} {
		if !strings.Contains(string(all), keep) {
			t.Errorf("RedactParams lost %q: %s", keep, all)
		}
	}
}

func TestScrubMasksRegisteredSecretsInEveryForm(t *testing.T) {
	sec := "Reg+Secret/Value=" + fmt.Sprint(time.Now().UnixNano())
	RegisterSecret(sec)
	for _, form := range spellings(sec) {
		got := Scrub("before " + form + " after")
		if strings.Contains(got, form) || got != "before **** after" {
			t.Errorf("Scrub(%q) = %q", form, got)
		}
	}
	// Whoever's they are, values written as secrets are masked.
	for _, in := range []string{
		"GET /?Action=X&Signature=abc%2Bdef%3D&SignatureMethod=HMAC-SHA1",
		"Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=0123456789abcdef",
		`{"SecurityToken":"tok-unknown-123"}`,
		"x-acs-security-token: tok-unknown-123",
		"POST&%2F&AccessKeyId%3DAK%26SecurityToken%3Dtok-unknown-123%26Signature%3Dxyz",
	} {
		got := Scrub(in)
		for _, bad := range []string{"abc%2Bdef%3D", "0123456789abcdef", "tok-unknown-123", "xyz"} {
			if strings.Contains(got, bad) {
				t.Errorf("Scrub(%q) = %q keeps %q", in, got, bad)
			}
		}
	}
	if got := Scrub("SignatureMethod=HMAC-SHA1 and a plain message"); got != "SignatureMethod=HMAC-SHA1 and a plain message" {
		t.Errorf("Scrub changed harmless text: %q", got)
	}
}

func TestScrubRemembersOnlyRecentSignatures(t *testing.T) {
	first := fmt.Sprintf("sig-%d-first-signature", time.Now().UnixNano())
	registerSignature(first)
	if Scrub(first) != masked {
		t.Fatal("a fresh signature is not masked")
	}
	for i := 0; i < sigCap+10; i++ {
		registerSignature(fmt.Sprintf("sig-%d-%06d-filler", time.Now().UnixNano(), i))
	}
	theScrubber.mu.RLock()
	n, idx := len(theScrubber.sigs.ring), len(theScrubber.refs)
	theScrubber.mu.RUnlock()
	if n > sigCap {
		t.Errorf("%d signatures kept, cap %d", n, sigCap)
	}
	if idx > (sigCap+keptCap)*5 {
		t.Errorf("the index holds %d spellings: it must shrink as signatures are forgotten", idx)
	}
	if Scrub(first) == masked {
		t.Error("the oldest signature should have been forgotten")
	}
}

func TestStripTerminal(t *testing.T) {
	cases := []struct{ in, want string }{
		{"plain text\twith tab\nand newline", "plain text\twith tab\nand newline"},
		{"a\x1b]0;pwned title\x07b", "ab"},
		{"a\x1b]52;c;ZXZpbA==\x1b\\b", "ab"},
		{"a\x1b[2J\x1b[Hb", "ab"},
		{"a\x1b[38;5;196mred\x1b[0mb", "aredb"},
		{"a\x1bPdcs payload\x1b\\b", "ab"},
		{"a\x1b_apc\x1b\\b", "ab"},
		{"a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"},
		{"a\x1b]0;unterminated", "a"},
		{"a\u009b2Jb\u009d0;t\u009cc", "abc"},
		{"carriage\rreturn\bbell\x07del\x7f", "carriagereturnbelldel"},
		{"ünïcödé ✓ 日本", "ünïcödé ✓ 日本"},
		{"bidi\u202eevil\u202c", "bidievil"},
		{"bad\xffbyte", "bad\ufffdbyte"},
		{"a\x1b", "a"},
		{"a\x1b]0;t\x1b[2Jb", "ab"},
	}
	for _, c := range cases {
		got := StripTerminal(c.in)
		if got != c.want {
			t.Errorf("StripTerminal(%q) = %q, want %q", c.in, got, c.want)
		}
		if strings.ContainsAny(got, "\x1b\x07\r") || strings.ContainsRune(got, 0x9b) {
			t.Errorf("StripTerminal(%q) left a control: %q", c.in, got)
		}
	}
}

func TestAPIErrorFromTheNetworkIsClean(t *testing.T) {
	hostile := "\x1b]0;owned\x07\x1b]52;c;ZXZpbA==\x07\x1b[2J"
	body, _ := json.Marshal(map[string]string{"Code": "Bad" + hostile, "Message": "msg" + hostile, "RequestId": "rid" + hostile})
	e := parseAPIError(400, body, "Vpc", "DescribeVpcs", "")
	for _, s := range []string{e.Code, e.Message, e.RequestID, e.Error()} {
		if strings.ContainsAny(s, "\x1b\x07") {
			t.Errorf("control sequence kept: %q", s)
		}
	}
	if e.Code != "Bad" || e.RequestID != "rid" {
		t.Errorf("code %q, request id %q: the printable text should stay", e.Code, e.RequestID)
	}
}

func TestStripTerminalJSONKeepsTheDocument(t *testing.T) {
	in := []byte("{\"Name\":\"evil\u009b2J\u202ename\\u001b]0;t\\u0007\",\r\n \"Bad\":\"x\xffy\",\"Ok\":\"日本 ✓\"}")
	out := StripTerminalJSON(in)
	for _, bad := range []string{"\u009b", "\u202e", "\r", "\xff", "\x1b"} {
		if strings.Contains(string(out), bad) {
			t.Errorf("%q kept in %q", bad, out)
		}
	}
	var a, b map[string]string
	if err := json.Unmarshal(out, &b); err != nil {
		t.Fatalf("not JSON any more: %v: %s", err, out)
	}
	_ = json.Unmarshal(in, &a)
	if a["Name"] != b["Name"] || a["Ok"] != b["Ok"] || b["Bad"] != "x\ufffdy" {
		t.Errorf("values changed: %q -> %q", a, b)
	}
	if plainJSON := []byte(`{"a":"b"}`); &StripTerminalJSON(plainJSON)[0] != &plainJSON[0] {
		t.Error("a clean document should be returned as is")
	}
}

// BenchmarkClean: one error line through the scrubber with the signature
// ring full (go test ./client -run '^$' -bench Clean -benchtime 20000x).
func BenchmarkClean(b *testing.B) {
	for i := 0; i < sigCap; i++ {
		registerSignature(fmt.Sprintf("bench-signature-%06d-abcdefabcdef", i))
	}
	line := "CreateVpnConnection: InvalidParameter: The specified IkeConfig is invalid for vpn-bp1xxxxxxxx in cn-hangzhou (HTTP 400, RequestId 5F3A9C1E-2B7D-4E8F-9A6B-1C2D3E4F5A6B) — 日本語 ✓"
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		_ = Clean(line)
	}
}

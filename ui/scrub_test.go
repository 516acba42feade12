package ui

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// Findings 3 and 4 on the console: a misbehaving endpoint echoes the
// request (token, signature, pre-shared key) or sends terminal control
// sequences in its Code, Message and RequestId; none of it may reach the
// screen, the audit log or the debug log.

const (
	uiLeakKeyID  = "STS.ui-leak-key"
	uiLeakSecret = "UiLeakSecretR4nd0mQ8Zt"
	uiLeakToken  = "CAIS+UiLeakToken/Zx81Qp=="
	uiLeakPsk    = "UiLeakPsk7Hq2Wd"
	hostileCtl   = "\x1b]0;pwned title\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[H\x1b[5;31m\u009b31m\r\x08"
)

// hostile sits in front of the simulator: for the actions it is told, it
// answers with an echo of the request (as a non-JSON 200 page or inside an
// error message) or with control sequences; it records the signatures.
type hostile struct {
	next http.Handler
	mu   sync.Mutex
	mode map[string]string // action -> "echo200", "echoErr", "controls"
	sigs []string
}

func (h *hostile) set(action, mode string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.mode[action] = mode
}

func (h *hostile) signatures() []string {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]string(nil), h.sigs...)
}

func (h *hostile) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	action := r.URL.Query().Get("Action")
	if action == "" {
		action = r.Header.Get("x-acs-action")
	}
	var sig string
	if s := r.URL.Query().Get("Signature"); s != "" {
		sig = s
	} else if a := r.Header.Get("Authorization"); strings.Contains(a, "Signature=") {
		sig = a[strings.LastIndex(a, "Signature=")+len("Signature="):]
	}
	h.mu.Lock()
	h.sigs = append(h.sigs, sig)
	mode := h.mode[action]
	h.mu.Unlock()
	if mode == "" {
		h.next.ServeHTTP(w, r)
		return
	}
	body, _ := io.ReadAll(r.Body)
	// The secrets first and bare, then the request as received.
	echo := strings.Join([]string{sig, r.URL.Query().Get("SecurityToken"), r.Header.Get("X-Acs-Security-Token")}, " ") +
		" " + r.Method + " " + r.URL.String() + " Authorization: " + r.Header.Get("Authorization") + " " + string(body)
	switch mode {
	case "echo200":
		w.Header().Set("Content-Type", "text/html")
		fmt.Fprintf(w, "<html>%s</html>", echo)
	case "echoErr":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		_ = json.NewEncoder(w).Encode(map[string]string{"Code": "InvalidParameter", "RequestId": "ECHO-REQ",
			"Message": "Specified signature is not matched. you sent " + echo})
	case "controls":
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		_ = json.NewEncoder(w).Encode(map[string]string{"Code": "Hostile" + hostileCtl, "RequestId": "CTL-REQ" + hostileCtl,
			"Message": "evil" + hostileCtl + " message"})
	}
}

// newHostileDriver is newDriver with STS credentials the test can grep
// for, signature sig, a debug log, and the hostile endpoint in front.
func newHostileDriver(t *testing.T, sig client.SignatureVersion, audit, debug io.Writer) (*driver, *hostile) {
	t.Helper()
	clock := sim.NewManualClock(simEpoch)
	keys := append([]sim.Key{{ID: uiLeakKeyID, Secret: uiLeakSecret, SecurityToken: uiLeakToken}}, sim.DefaultKeys()...)
	srv, err := sim.New(sim.Options{Clock: clock, Seed: 1, Settle: 3 * time.Second, Keys: keys})
	noErr(t, err)
	h := &hostile{next: srv, mode: map[string]string{}}
	fs := &faultSwitch{next: h}
	hs := httptest.NewServer(fs)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(uiLeakKeyID, uiLeakSecret, uiLeakToken), Signature: sig,
		Region: "cn-hangzhou", Endpoints: client.Endpoints{Override: hs.URL}, DebugLog: debug,
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxAttempts: 2,
	})
	noErr(t, err)
	return startDriver(t, srv, fs, hs, clock, c, Options{NoColor: true, Refresh: 10 * time.Second, Simulator: true, AuditLog: audit}), h
}

var sgr = regexp.MustCompile(`\x1b\[[0-9;:]*m`)

// leaks returns each secret spelling found in text.
func leaks(text string, secrets []string) []string {
	var out []string
	for _, v := range secrets {
		if v == "" {
			continue
		}
		for _, form := range []string{v, client.PercentEncode(v), client.PercentEncode(client.PercentEncode(v)), strings.ReplaceAll(v, "/", `\/`)} {
			if strings.Contains(text, form) {
				out = append(out, form)
			}
		}
	}
	return out
}

func TestConsoleScrubsEchoedSecrets(t *testing.T) {
	for _, sig := range []client.SignatureVersion{client.SignatureV1, client.SignatureV3} {
		t.Run(string(sig), func(t *testing.T) {
			audit, debug := &syncBuffer{}, &syncBuffer{}
			d, h := newHostileDriver(t, sig, audit, debug)
			d.idle()
			var screens []string
			check := func(when string) {
				t.Helper()
				secrets := append([]string{uiLeakSecret, uiLeakToken, uiLeakPsk}, h.signatures()...)
				outs := map[string]string{"screen": d.raw(), "audit log": audit.String(), "debug log": debug.String()}
				for where, text := range outs {
					if l := leaks(text, secrets); len(l) > 0 {
						t.Errorf("%s: the %s shows %q:\n%s", when, where, l, text)
					}
				}
				screens = append(screens, d.screen())
			}

			// A listing answered by an error that echoes the request.
			h.set("DescribeVpcs", "echoErr")
			d.keys("ctrl+r")
			d.waitText("InvalidParameter", "ECHO-REQ")
			check("an error echoing the request")
			// A listing answered by a non-JSON page that echoes it.
			h.set("DescribeVpcs", "echo200")
			d.keys("ctrl+r")
			d.waitText("could not be read")
			check("a non-JSON 200 page echoing the request")
			h.set("DescribeVpcs", "")
			d.keys("ctrl+r")
			d.idle()

			// A create carrying a pre-shared key nested in its JSON
			// parameters, answered by an echo: the form's banner, the
			// tray and the audit log show the failure, not the key.
			d.newIpsecForm("203.0.113.77", "lab-cgw")
			d.choose("Customer gateway", "lab-cgw")
			d.field("Name", "ipsec-leak")
			d.field("Local subnets", "10.0.0.0/16")
			d.field("Remote subnets", "192.168.50.0/24")
			d.waitFocus("Negotiate immediately?")
			d.keys("y")
			d.next("IKE version", "Negotiation mode", "Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
			d.field("Pre-shared key", uiLeakPsk)
			d.next("Local ID", "Remote ID")
			d.next("Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
			h.set("CreateVpnConnection", "echoErr")
			d.confirmReview()
			d.waitText("InvalidParameter", "ECHO-REQ")
			check("a create answered by an echo")
			failedAudit(t, d, audit, "CreateVpnConnection")
			d.keys("esc")
			trayRow(t, d, "CreateVpnConnection")
			check("the tray")
			if !strings.Contains(debug.String(), "CreateVpnConnection") {
				t.Errorf("the debug log has no line for the create:\n%s", debug.String())
			}
		})
	}
}

func TestConsoleShowsNoControlSequenceFromTheNetwork(t *testing.T) {
	audit := &syncBuffer{}
	d, h := newHostileDriver(t, client.SignatureV3, audit, nil)
	d.idle()
	clean := func(when string) {
		t.Helper()
		raw := d.raw()
		for _, bad := range []string{"\x1b]", "\x07", "\x1b[2J", "\x1b[H", "\x1b[5;31m", "\r", "\x08", "\u009b", "pwned"} {
			if strings.Contains(raw, bad) {
				t.Errorf("%s: the screen carries %q from the network:\n%q", when, bad, raw)
			}
		}
		// Without colour the console's own output has SGR attributes
		// (bold, reverse) and nothing else.
		if rest := sgr.ReplaceAllString(raw, ""); strings.ContainsRune(rest, 0x1b) {
			t.Errorf("%s: the screen carries an ESC that is not the console's styling:\n%q", when, rest)
		}
	}
	h.set("DescribeVpcs", "controls")
	d.keys("ctrl+r")
	d.waitText("Hostile", "CTL-REQ", "evil message")
	clean("a listing's error")

	// A failed write: the form's banner, the tray's detail, the audit log.
	h.set("DescribeVpcs", "")
	d.keys("ctrl+r")
	d.idle()
	d.prodCorePane("vsw")
	d.openForm("c")
	d.next("Zone", "CIDR block")
	d.field("Name", "ctl-web")
	h.set("CreateVSwitch", "controls")
	d.next("Description")
	d.waitText("Hostile", "CTL-REQ", "evil message")
	clean("a failed create")
	e := failedAudit(t, d, audit, "CreateVSwitch")
	if strings.ContainsAny(e.Code+e.RequestID+e.Error, "\x1b\x07") {
		t.Errorf("the audit entry keeps control sequences: %+v", e)
	}
	d.keys("esc")
	trayRow(t, d, "CreateVSwitch")
	clean("the tray")
}

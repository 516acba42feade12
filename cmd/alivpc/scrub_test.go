package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/alivpc/alivpc/client"
)

// A run's recognisable secrets: every output is grepped for them.
const (
	cliLeakSecret = "CliLeakSecretHq3Lm8Xw2Pz6"
	cliLeakToken  = "CAIS+CliLeakToken/Ab12Cd34Ef56=="
)

// hostileEndpoint is an httptest server that misbehaves with every answer:
// answer(r, sigs) writes the response; sigs are the signatures it received.
type hostileEndpoint struct {
	mu   sync.Mutex
	sigs []string
}

func (h *hostileEndpoint) serve(t *testing.T, answer func(w http.ResponseWriter, r *http.Request, echo string)) string {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		var got []string
		if s := r.URL.Query().Get("Signature"); s != "" {
			got = append(got, s)
		}
		if a := r.Header.Get("Authorization"); a != "" {
			if i := strings.LastIndex(a, "Signature="); i >= 0 {
				got = append(got, a[i+len("Signature="):])
			}
		}
		h.mu.Lock()
		h.sigs = append(h.sigs, got...)
		h.mu.Unlock()
		// The echo starts with the bare secrets (no name a pattern could
		// catch), then the request as received.
		bare := append([]string{r.URL.Query().Get("SecurityToken"), r.Header.Get("X-Acs-Security-Token")}, got...)
		echo := strings.Join(bare, " ") + " " + r.Method + " " + r.URL.String() + " " +
			"Authorization: " + r.Header.Get("Authorization") + " " + string(body)
		answer(w, r, echo)
	}))
	t.Cleanup(srv.Close)
	return srv.URL
}

// leakEnv puts the run's recognisable STS credentials in the environment
// and returns a fresh HOME.
func leakEnv(t *testing.T) string {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "FAKEcliLeakTestId")
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", cliLeakSecret)
	t.Setenv("ALIBABA_CLOUD_SECURITY_TOKEN", cliLeakToken)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	return home
}

// runGetAgainst runs `alivpc get vpc` against url with STS credentials in
// the environment and a debug log; it returns stdout, stderr and the log.
func runGetAgainst(t *testing.T, url string, extra ...string) (stdout, stderr, debug string) {
	t.Helper()
	home := leakEnv(t)
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
	logPath := filepath.Join(home, "debug.log")
	args := append([]string{"get", "vpc", "--endpoint", url, "--config", filepath.Join(home, "none.yaml"),
		"--debug-log", logPath, "--read-timeout", "2s"}, extra...)
	var out, errb bytes.Buffer
	err := run(args, nil, &out, &errb)
	if code := report(err, &errb); code == 0 {
		t.Fatalf("get against a misbehaving endpoint must fail; stdout %q", out.String())
	}
	b, _ := os.ReadFile(logPath)
	return out.String(), errb.String(), string(b)
}

func assertNoSecrets(t *testing.T, outputs map[string]string, sigs []string) {
	t.Helper()
	if len(sigs) == 0 {
		t.Fatal("the endpoint saw no signature")
	}
	for where, text := range outputs {
		for _, v := range append([]string{cliLeakSecret, cliLeakToken}, sigs...) {
			for _, form := range []string{v, client.PercentEncode(v), client.PercentEncode(client.PercentEncode(v)), strings.ReplaceAll(v, "/", `\/`)} {
				if strings.Contains(text, form) {
					t.Errorf("%s contains a secret %q:\n%s", where, form, text)
				}
			}
		}
	}
}

// Finding 3: with --signature v1 (and v3) an endpoint answering a non-JSON
// 200 page that echoes the request, or an error whose message echoes the
// signature and the token, put them on stderr and in the debug log.
func TestGetScrubsEchoedSecrets(t *testing.T) {
	answers := map[string]func(w http.ResponseWriter, r *http.Request, echo string){
		"non-JSON 200 page": func(w http.ResponseWriter, _ *http.Request, echo string) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprintf(w, "<html>%s</html>", echo)
		},
		"error echoing the signature": func(w http.ResponseWriter, _ *http.Request, echo string) {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(400)
			_ = json.NewEncoder(w).Encode(map[string]string{"Code": "SignatureDoesNotMatch", "RequestId": "R-1",
				"Message": "Specified signature is not matched with our calculation. you sent " + echo})
		},
	}
	for name, answer := range answers {
		for _, sig := range []string{"v1", "v3"} {
			t.Run(name+"/"+sig, func(t *testing.T) {
				h := &hostileEndpoint{}
				url := h.serve(t, answer)
				stdout, stderr, debug := runGetAgainst(t, url, "--signature", sig)
				if !strings.Contains(stderr, "DescribeVpcs") {
					t.Errorf("stderr should still say which call failed:\n%s", stderr)
				}
				if debug == "" {
					t.Error("the debug log is empty")
				}
				assertNoSecrets(t, map[string]string{"stdout": stdout, "stderr": stderr, "debug log": debug}, h.sigs)
			})
		}
	}
}

// Finding 4: `alivpc get` printed the server's Code, Message and RequestId
// raw on stderr: an error body set the terminal title, wrote the clipboard
// through OSC 52 and cleared the screen.
func TestGetStderrCarriesNoTerminalControls(t *testing.T) {
	const evil = "\x1b]0;pwned title\x07\x1b]52;c;cm0gLXJmIH4=\x07\x1b[2J\x1b[H\u009b31m\r\b"
	h := &hostileEndpoint{}
	url := h.serve(t, func(w http.ResponseWriter, _ *http.Request, _ string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(403)
		_ = json.NewEncoder(w).Encode(map[string]string{
			"Code": "Forbidden" + evil, "Message": "no" + evil + " access", "RequestId": "RID" + evil, "Recommend": "see" + evil,
		})
	})
	stdout, stderr, debug := runGetAgainst(t, url)
	for where, text := range map[string]string{"stdout": stdout, "stderr": stderr} {
		if i := strings.IndexAny(text, "\x1b\x07\r\b"); i >= 0 || strings.ContainsRune(text, 0x9b) {
			t.Errorf("%s carries a control from the network at %d: %q", where, i, text)
		}
	}
	if !strings.Contains(stderr, "Forbidden") || !strings.Contains(stderr, "RID") {
		t.Errorf("the printable part of the error should remain:\n%q", stderr)
	}
	if strings.Contains(debug, "\\u001b") || strings.ContainsRune(debug, 0x1b) {
		t.Errorf("the debug log keeps the server's control sequences:\n%s", debug)
	}
}

// A listing whose names carry control sequences: table, CSV and JSON
// output reach a terminal without any of them (JSON stays the same JSON).
func TestGetOutputCarriesNoTerminalControls(t *testing.T) {
	const name = `evil\u001b]0;pwned\u0007` + "\u009b2J\u202ename\u009d52;c;eA==\u009c"
	h := &hostileEndpoint{}
	url := h.serve(t, func(w http.ResponseWriter, r *http.Request, _ string) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"RequestId":"R-1","TotalCount":1,"PageNumber":1,"PageSize":50,"Vpcs":{"Vpc":[`+
			`{"VpcId":"vpc-evil1","VpcName":"%s","RegionId":"cn-hangzhou","Status":"Available","CidrBlock":"10.0.0.0/8"}]}}`, name)
	})
	home := leakEnv(t)
	for _, format := range []string{"table", "csv", "json"} {
		var out, errb bytes.Buffer
		err := run([]string{"get", "vpc", "--region", "cn-hangzhou", "-o", format, "--endpoint", url,
			"--config", filepath.Join(home, "none.yaml")}, nil, &out, &errb)
		if code := report(err, &errb); code != 0 {
			t.Fatalf("-o %s: exit %d: %s", format, code, errb.String())
		}
		got := out.String()
		if !strings.Contains(got, "vpc-evil1") || !strings.Contains(got, "evil") {
			t.Fatalf("-o %s lost the row:\n%s", format, got)
		}
		for _, bad := range []string{"\x1b", "\x07", "\u009b", "\u009d", "\u009c", "\u202e"} {
			if strings.Contains(got+errb.String(), bad) {
				t.Errorf("-o %s prints %q:\n%q", format, bad, got)
			}
		}
		if format == "json" {
			var objs []map[string]any
			if err := json.Unmarshal(out.Bytes(), &objs); err != nil || len(objs) != 1 {
				t.Fatalf("-o json is not the same JSON: %v\n%s", err, got)
			}
			var want map[string]any
			_ = json.Unmarshal([]byte(`{"n":"`+name+`"}`), &want)
			if objs[0]["VpcName"] != want["n"] {
				t.Errorf("-o json changed the name: %q, want %q", objs[0]["VpcName"], want["n"])
			}
		}
	}
}

// An endpoint that echoes the request (signature, STS token) into the
// objects it lists leaves none of it in `get all`'s document or on stderr.
func TestGetAllScrubsEchoedSecrets(t *testing.T) {
	h := &hostileEndpoint{}
	url := h.serve(t, func(w http.ResponseWriter, _ *http.Request, echo string) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{"RequestId": "R-1", "TotalCount": 1,
			"Vpcs": map[string]any{"Vpc": []map[string]string{{"VpcId": "vpc-echo", "Description": echo}}}})
	})
	home := leakEnv(t)
	var out, errb bytes.Buffer
	err := run([]string{"get", "all", "--region", "cn-hangzhou", "--endpoint", url, "--config", filepath.Join(home, "none.yaml"),
		"--show-secrets"}, nil, &out, &errb)
	report(err, &errb)
	if !strings.Contains(out.String(), "vpc-echo") {
		t.Fatalf("the echoed VPC is not in the document:\n%.500s\n%s", out.String(), errb.String())
	}
	assertNoSecrets(t, map[string]string{"stdout": out.String(), "stderr": errb.String()}, h.sigs)
}

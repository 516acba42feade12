package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// getEnv serves a simulator over HTTP and points `alivpc get` at it the way
// a user would: --endpoint plus credentials in the environment.
type getEnv struct {
	t    *testing.T
	srv  *sim.Server
	url  string
	conf string
}

func newGetEnv(t *testing.T, dataset string, wrap func(http.Handler) http.Handler) *getEnv {
	t.Helper()
	return newGetEnvWith(t, sim.Options{Dataset: dataset, Seed: 1}, wrap)
}

// newGetEnvWith is newGetEnv on a simulator with these options.
func newGetEnvWith(t *testing.T, opts sim.Options, wrap func(http.Handler) http.Handler) *getEnv {
	t.Helper()
	srv, err := sim.New(opts)
	if err != nil {
		t.Fatal(err)
	}
	var h http.Handler = srv
	if wrap != nil {
		h = wrap(srv)
	}
	hs := httptest.NewServer(h)
	t.Cleanup(func() {
		hs.Close()
		srv.Close()
	})
	return &getEnv{t: t, srv: srv, url: hs.URL, conf: userEnv(t)}
}

// userEnv sets up the environment of a user of the simulator: a fresh
// HOME, its credentials and region, no ECS metadata; it returns a config
// path that does not exist.
func userEnv(t *testing.T) string {
	t.Helper()
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", sim.DefaultAccessKeyID)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", sim.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
	t.Setenv("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")
	return filepath.Join(home, "none.yaml")
}

// get runs `alivpc get args...` in process and returns stdout, stderr and
// the exit status main would use.
func (e *getEnv) get(args ...string) (string, string, int) {
	e.t.Helper()
	var out, errb bytes.Buffer
	full := append([]string{"get"}, args...)
	if e != nil && e.url != "" {
		full = append(full, "--endpoint", e.url, "--config", e.conf)
	}
	err := run(full, nil, &out, &errb)
	code := report(err, &errb) // what main prints and returns
	return out.String(), errb.String(), code
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	return 1
}

// walk counts a kind in every region with a plain paged walk, one page
// after another: the reference `get` must agree with.
func (e *getEnv) walk(kind string) map[string]int {
	e.t.Helper()
	c := e.client()
	ctx := context.Background()
	regions, err := client.DescribeRegions.Call(ctx, c, &client.DescribeRegionsInput{})
	if err != nil {
		e.t.Fatal(err)
	}
	k := model.Default().MustLookup(kind)
	ids := map[string]int{}
	for _, r := range regions {
		err := c.List(ctx, client.ListRequest{Spec: k.List, Region: r.RegionId, PageSize: 50}, func(pg client.Page) error {
			for _, raw := range pg.Items {
				o, err := k.Decode(r.RegionId, raw)
				if err != nil {
					return err
				}
				ids[o.ID]++
			}
			return nil
		})
		if err != nil {
			e.t.Fatal(err)
		}
	}
	return ids
}

// client is a client of the simulator, for walks that check `get`.
func (e *getEnv) client() *client.Client {
	e.t.Helper()
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: e.url},
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

// jsonIDs parses the JSON output: it must be one array of objects.
func jsonIDs(t *testing.T, out, field string) []string {
	t.Helper()
	var arr []map[string]any
	if err := json.Unmarshal([]byte(out), &arr); err != nil {
		t.Fatalf("-o json is not one JSON array: %v\n%.300s", err, out)
	}
	ids := make([]string, len(arr))
	for i, o := range arr {
		id, _ := o[field].(string)
		if id == "" {
			t.Fatalf("item %d has no %s: %v", i, field, o)
		}
		ids[i] = id
	}
	return ids
}

func TestGetEveryVSwitchOfTheLargeDatasetOnce(t *testing.T) {
	e := newGetEnv(t, sim.DatasetLarge, nil)
	out, stderr, code := e.get("vswitches", "--region", "all", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if stderr != "" {
		t.Errorf("stderr is not a terminal, so nothing belongs there: %q", stderr)
	}
	want := e.walk("vsw")
	got := map[string]int{}
	for _, id := range jsonIDs(t, out, "VSwitchId") {
		got[id]++
	}
	if len(want) < 20000 {
		t.Fatalf("the direct walk found %d VSwitches", len(want))
	}
	if len(got) != len(want) {
		t.Errorf("get listed %d VSwitches, the simulator holds %d", len(got), len(want))
	}
	for id, n := range got {
		if n != 1 {
			t.Errorf("%s listed %d times", id, n)
		}
		if want[id] == 0 {
			t.Errorf("%s is not in the simulator", id)
		}
	}
}

func TestGetFormats(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	want := 0
	for range e.walk("vsw") {
		want++
	}

	// KIND before, after or between the flags; every region.
	out, stderr, code := e.get("--region", "all", "vsw", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if ids := jsonIDs(t, out, "VSwitchId"); len(ids) != want {
		t.Errorf("json has %d VSwitches, want %d", len(ids), want)
	}
	// Raw means raw: the API's own field names, not our column names.
	if !strings.Contains(out, `"AvailableIpAddressCount":`) || strings.Contains(out, `"Free IPs"`) {
		t.Errorf("json is not the API's objects:\n%.400s", out)
	}

	out, stderr, code = e.get("vsw", "-o", "csv", "--region", "all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("csv: %v", err)
	}
	header := []string{"Region"}
	for _, c := range model.Default().MustLookup("vsw").Columns {
		header = append(header, c.Name)
	}
	if fmt.Sprint(recs[0]) != fmt.Sprint(header) {
		t.Errorf("csv header %q, want %q", recs[0], header)
	}
	if len(recs)-1 != want {
		t.Errorf("csv has %d rows, want %d", len(recs)-1, want)
	}

	// The table: one region by default, the console's upper-case headers,
	// aligned columns.
	out, stderr, code = e.get("vsw")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
	if !strings.HasPrefix(lines[0], "ID ") || !strings.Contains(lines[0], "FREE IPS") {
		t.Errorf("table header: %q", lines[0])
	}
	col := strings.Index(lines[0], "STATUS")
	for _, l := range lines[1:] {
		if !strings.HasPrefix(l, "vsw-") || len(l) <= col || l[col-2:col] != "  " || l[col] == ' ' {
			t.Errorf("row not aligned under STATUS (column %d):\n%s\n%s", col, lines[0], l)
		}
	}
	if strings.Contains(out, "\x1b[") {
		t.Error("colour codes in output that is not a terminal")
	}
}

func TestGetFilterIsTheConsoleFilter(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	all, _, _ := e.get("vsw", "-o", "csv")
	in, _, code := e.get("vsw", "-o", "csv", "--filter", "name:prod-core")
	out, _, _ := e.get("vsw", "-o", "csv", "--filter", "!name:prod-core")
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	rows := func(s string) [][]string {
		recs, err := csv.NewReader(strings.NewReader(s)).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		return recs[1:]
	}
	if len(rows(in)) == 0 || len(rows(out)) == 0 {
		t.Fatalf("the demo VSwitches should split on prod-core:\n%s", all)
	}
	for _, r := range rows(in) {
		if !strings.Contains(r[1], "prod-core") {
			t.Errorf("name:prod-core kept %q", r[1])
		}
	}
	if len(rows(in))+len(rows(out)) != len(rows(all)) {
		t.Errorf("a filter and its inverse must split the rows: %d + %d != %d", len(rows(in)), len(rows(out)), len(rows(all)))
	}
	// Substring words and -f fuzzy, as typed after / in the console.
	for _, q := range []string{"prod-core", "-f prodcore"} {
		got, _, _ := e.get("vsw", "-o", "csv", "--filter", q)
		if len(rows(got)) != len(rows(in)) {
			t.Errorf("%s: %d rows, name:prod-core %d", q, len(rows(got)), len(rows(in)))
		}
	}
}

func TestGetUsageErrors(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	for _, tc := range []struct {
		args []string
		want []string
	}{
		{[]string{"nosuchkind"}, []string{`unknown kind "nosuchkind"`, "vsw", "VSwitches", "vswitches", "flowlog"}},
		{nil, []string{"name a kind", "route"}},
		{[]string{"vpc", "-o", "yaml"}, []string{`-o "yaml"`, "table, json or csv"}},
		{[]string{"vsw", "extra"}, []string{`unexpected argument "extra"`}},
		{[]string{"vpc", "--parent", "vsw-123"}, []string{"VPCs cannot be scoped by a VSwitch"}},
		{[]string{"vsw", "--bogus"}, []string{"bogus"}},
	} {
		var out, errb bytes.Buffer
		err := run(append([]string{"get", "--endpoint", e.url, "--config", e.conf}, tc.args...), nil, &out, &errb)
		if exitCode(err) != 2 {
			t.Errorf("get %v: exit %d (%v), want 2", tc.args, exitCode(err), err)
			continue
		}
		for _, w := range tc.want {
			if !strings.Contains(err.Error()+errb.String(), w) {
				t.Errorf("get %v: %q does not mention %q", tc.args, err, w)
			}
		}
		if out.Len() != 0 {
			t.Errorf("get %v printed %q", tc.args, out.String())
		}
	}
}

// failRegion answers every VSwitch listing in one region with a permission
// error, as a RAM policy scoped to some regions would.
func failRegion(region string) func(http.Handler) http.Handler {
	return failAction("DescribeVSwitches", region)
}

// failAction answers one action with a permission error, in one region or
// (region "") in all.
func failAction(action, region string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if r.Header.Get("x-acs-action") == action && (region == "" || r.URL.Query().Get("RegionId") == region) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(403)
				fmt.Fprint(w, `{"RequestId":"REQ-FAIL-4242","HostId":"vpc.aliyuncs.com","Code":"Forbidden.RAM","Message":"User not authorized to operate on the specified resource."}`)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}

func TestGetPartialFailure(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, failRegion("cn-shanghai"))
	out, stderr, code := e.get("vsw", "--region", "all", "-o", "json")
	if code != 1 {
		t.Fatalf("exit %d, want 1 for an API error", code)
	}
	for _, w := range []string{"cn-shanghai", "Forbidden.RAM", "User not authorized", "REQ-FAIL-4242", "incomplete"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("stderr does not mention %q:\n%s", w, stderr)
		}
	}
	// What the other regions returned is still printed, as valid JSON.
	ids := jsonIDs(t, out, "VSwitchId")
	if len(ids) == 0 || strings.Contains(out, `"ZoneId":"cn-shanghai`) {
		t.Errorf("the other regions' VSwitches should be printed and Shanghai's absent: %d rows", len(ids))
	}

	// One region, failing: nothing to print, the same error.
	out, stderr, code = e.get("vsw", "--region", "cn-shanghai")
	if code != 1 || out != "" || !strings.Contains(stderr, "REQ-FAIL-4242") {
		t.Errorf("exit %d, stdout %q, stderr %q", code, out, stderr)
	}
}

func TestGetParentScope(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	vpcs, _, code := e.get("vpc", "-o", "json", "--filter", "name:prod-core")
	if code != 0 {
		t.Fatal("listing VPCs failed")
	}
	ids := jsonIDs(t, vpcs, "VpcId")
	if len(ids) != 1 {
		t.Fatalf("want one prod-core VPC, got %v", ids)
	}
	out, stderr, code := e.get("vsw", "--parent", ids[0], "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var arr []model.VSwitch
	if err := json.Unmarshal([]byte(out), &arr); err != nil || len(arr) == 0 {
		t.Fatalf("%v: %.200s", err, out)
	}
	for _, v := range arr {
		if v.VpcId != ids[0] {
			t.Errorf("%s belongs to %s, not %s", v.VSwitchId, v.VpcId, ids[0])
		}
	}
	_, stderr, code = e.get("vsw", "--parent", "vpc-doesnotexist")
	if code != 1 || !strings.Contains(stderr, "vpc-doesnotexist") {
		t.Errorf("a missing parent: exit %d, %q", code, stderr)
	}
}

func TestGetOnTheEmbeddedSimulator(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	var out, errb bytes.Buffer
	start := time.Now()
	err := run([]string{"get", "vpc", "--sim", "-o", "json", "--config", filepath.Join(t.TempDir(), "none.yaml")}, nil, &out, &errb)
	if err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	if ids := jsonIDs(t, out.String(), "VpcId"); len(ids) == 0 {
		t.Error("no VPCs from the demo dataset")
	}
	t.Logf("get vpc --sim took %v", time.Since(start))
}

func TestGetProgressLine(t *testing.T) {
	var buf bytes.Buffer
	o := &getOptions{kind: model.Default().MustLookup("vsw")}
	p := newProgress(&buf, o.progressLabel(nil, nil), 25)
	p.enabled = true // as when stderr is a terminal
	p.update(client.Event{Listing: "vsw@cn-hangzhou?", Done: true}, 1234)
	p.stop()
	if got := buf.String(); !strings.Contains(got, "\rlisting VSwitches: 1/25 regions, 1,234 rows") || !strings.HasSuffix(got, "\r\x1b[K") {
		t.Errorf("progress wrote %q", got)
	}
	if isTerminal(&buf) {
		t.Error("a buffer is not a terminal: no progress line goes to a pipe or a file")
	}
	for n, want := range map[int]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -4200: "-4,200"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q", n, got)
		}
	}
}

// Pre-shared keys never reach stdout unless asked for.
func TestGetMasksSecrets(t *testing.T) {
	e := newGetEnv(t, "demo", nil)
	out, errOut, code := e.get("ipsec", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var conns []struct {
		IkeConfig struct{ Psk string }
	}
	if err := json.Unmarshal([]byte(out), &conns); err != nil || len(conns) == 0 {
		t.Fatalf("%v: %s", err, out)
	}
	for _, c := range conns {
		if c.IkeConfig.Psk != "****" {
			t.Errorf("a pre-shared key reached stdout: %q", c.IkeConfig.Psk)
		}
	}
	out, _, _ = e.get("ipsec", "-o", "json", "--show-secrets")
	if strings.Contains(out, `"Psk":"****"`) || !strings.Contains(out, `"Psk":"`) {
		t.Error("--show-secrets should print the keys")
	}
}

// A call that produced nothing prints nothing on stdout, in every format:
// not "No VPCs found.", not "[]", not a CSV header. A script piping the
// output must not mistake a refused call for an empty account.
func TestGetFailedCallPrintsNothing(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, failAction("DescribeVpcs", ""))
	for _, args := range [][]string{
		{"vpc"}, {"vpc", "-o", "json"}, {"vpc", "-o", "csv"}, {"vpc", "--output", "table"},
		{"vpc", "--region", "all", "-o", "json"},
	} {
		out, stderr, code := e.get(args...)
		if code != 1 {
			t.Errorf("get %v: exit %d, want 1", args, code)
		}
		if out != "" {
			t.Errorf("get %v: a failed call printed %q on stdout", args, out)
		}
		if !strings.Contains(stderr, "Forbidden.RAM") || !strings.Contains(stderr, "REQ-FAIL-4242") {
			t.Errorf("get %v: stderr lacks the code and RequestId:\n%s", args, stderr)
		}
		if strings.Contains(stderr, "No VPCs found") || strings.Contains(stderr, "incomplete") {
			t.Errorf("get %v: stderr pretends something was listed:\n%s", args, stderr)
		}
	}
	// The same kind with nothing failing, for contrast: rows on stdout, exit 0.
	ok := newGetEnv(t, sim.DatasetDemo, nil)
	if out, _, code := ok.get("vpc"); code != 0 || !strings.Contains(out, "prod-core") {
		t.Errorf("healthy get vpc: exit %d, %q", code, out)
	}
	// An empty result that is true: nothing on stdout for the table, the
	// note on stderr, exit 0; json says [].
	out, stderr, code := ok.get("vpc", "--filter", "name:no-such-vpc")
	if code != 0 || out != "" || !strings.Contains(stderr, "No VPCs found.") {
		t.Errorf("empty table: exit %d, stdout %q, stderr %q", code, out, stderr)
	}
	if out, _, code := ok.get("vpc", "-o", "json", "--filter", "name:no-such-vpc"); code != 0 || out != "[]\n" {
		t.Errorf("empty json: exit %d, %q", code, out)
	}
}

// An unknown column is a usage error that lists the kind's columns; text
// that merely contains a colon (an IPv6 address) is still a search.
func TestGetFilterUnknownColumn(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	for _, f := range []string{"bogus:x", "!bogus:x", "Stauts:Available"} {
		out, stderr, code := e.get("vsw", "--filter", f)
		if code != 2 {
			t.Errorf("--filter %s: exit %d, want 2 (usage)", f, code)
		}
		if out != "" {
			t.Errorf("--filter %s printed %q", f, out)
		}
		for _, w := range []string{"no column", "columns: id, name, status", "zone", "cidr"} {
			if !strings.Contains(stderr, w) {
				t.Errorf("--filter %s: stderr does not say %q:\n%s", f, w, stderr)
			}
		}
	}
	for _, f := range []string{"status:available", "STATUS:Avail", "2408:4000::1", "fe80::1", "-f prod:core"} {
		if _, stderr, code := e.get("vsw", "--filter", f); code != 0 {
			t.Errorf("--filter %s: exit %d: %s", f, code, stderr)
		}
	}
}

// The errors of a wrong key, a wrong secret and a wrong clock say what to
// check, never the secret itself.
func TestGetAuthErrorsSayWhatToCheck(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	const typo = "s3cret-with-a-typo-XYZ"
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", typo)
	out, stderr, code := e.get("vpc")
	if code != 1 || out != "" {
		t.Errorf("wrong secret: exit %d, stdout %q", code, out)
	}
	for _, w := range []string{"SignatureDoesNotMatch", "RequestId", "check the AccessKey secret", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "--signature v1"} {
		if !strings.Contains(stderr, w) {
			t.Errorf("wrong secret: stderr does not say %q:\n%s", w, stderr)
		}
	}
	if strings.Contains(stderr, typo) {
		t.Error("the secret reached stderr")
	}

	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_SECRET", sim.DefaultAccessKeySecret)
	t.Setenv("ALIBABA_CLOUD_ACCESS_KEY_ID", "FAKEnosuchkey")
	_, stderr, code = e.get("vpc")
	for _, w := range []string{"InvalidAccessKeyId.NotFound", "does not exist", "ALIBABA_CLOUD_ACCESS_KEY_ID in the environment wins over --profile"} {
		if code != 1 || !strings.Contains(stderr, w) {
			t.Errorf("unknown key: exit %d, stderr does not say %q:\n%s", code, w, stderr)
		}
	}

	// A clock 20 minutes slow, on both signature versions.
	for _, sig := range []client.SignatureVersion{client.SignatureV3, client.SignatureV1} {
		c, err := client.New(client.Config{
			Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
			Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: e.url}, Signature: sig,
			Now: func() time.Time { return time.Now().Add(-20 * time.Minute) },
		})
		if err != nil {
			t.Fatal(err)
		}
		_, err = client.DescribeRegions.Call(context.Background(), c, &client.DescribeRegionsInput{})
		if err == nil || !strings.Contains(err.Error(), "InvalidTimeStamp.Expired") || !strings.Contains(err.Error(), "check date -u") {
			t.Errorf("signature %v, clock 20 min slow: %v", sig, err)
		}
	}
}

// A cross-region peering is listed by both of its regions; `get --region
// all` prints it once, in the region it lives in (the requester's).
func TestGetCrossRegionPeeringOnce(t *testing.T) {
	out, stderr, code := newGetEnv(t, "demo", nil).get("peer", "--region", "all", "-o", "json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	var objs []struct{ InstanceId, RegionId string }
	if err := json.Unmarshal([]byte(out), &objs); err != nil {
		t.Fatal(err)
	}
	seen := map[string]int{}
	cross := 0
	for _, o := range objs {
		seen[o.InstanceId]++
		if seen[o.InstanceId] > 1 {
			t.Errorf("%s printed %d times", o.InstanceId, seen[o.InstanceId])
		}
	}
	for _, o := range objs {
		if o.RegionId != "cn-hangzhou" {
			cross++
		}
	}
	if len(objs) == 0 || cross == 0 {
		t.Fatalf("the demo has peerings in other regions; got %v", objs)
	}
}

// TestGetSslCertMasksKey: a certificate read with DescribeSslVpnClientCert
// carries its key and client configuration; `get -o json` writes them
// masked unless --show-secrets, and the listing never carries them.
func TestGetSslCertMasksKey(t *testing.T) {
	e := newGetEnv(t, "demo", nil)
	out, stderr, code := e.get("sslcert", "-o", "json")
	if code != 0 || len(jsonIDs(t, out, "SslVpnClientCertId")) != 3 {
		t.Fatalf("get sslcert: exit %d: %s\n%s", code, stderr, out)
	}
	k := model.Default().MustLookup("sslcert")
	id := jsonIDs(t, out, "SslVpnClientCertId")[0]
	o, err := e.client().Get(context.Background(), k, "cn-hangzhou", id, nil)
	if err != nil || o == nil {
		t.Fatalf("DescribeSslVpnClientCert %s: %v", id, err)
	}
	key := o.Val().(*model.SslVpnClientCert).ClientKey
	if !strings.Contains(key, "PRIVATE KEY") || strings.Contains(out, "PRIVATE KEY") {
		t.Fatalf("key %q; listing:\n%s", key, out)
	}
	body := strings.Split(key, "\n")[1][:24]
	for _, show := range []bool{false, true} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := writeJSON(w, []*model.Object{o}, show); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		printed := buf.String()
		if shown := strings.Contains(printed, body); shown != show {
			t.Errorf("--show-secrets=%t: the key is printed: %t\n%s", show, shown, printed)
		}
		if !show && (!strings.Contains(printed, `"ClientKey":"****"`) || !strings.Contains(printed, `"ClientConfig":"****"`)) {
			t.Errorf("the key and configuration are not masked:\n%s", printed)
		}
	}
}

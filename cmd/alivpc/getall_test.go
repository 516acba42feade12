package main

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// getAll runs `alivpc get all --region all -o json` and reads the document.
func (e *getEnv) getAll(args ...string) (*client.Snapshot, string, int) {
	e.t.Helper()
	out, stderr, code := e.get(append([]string{"all", "--region", "all", "-o", "json"}, args...)...)
	if out == "" {
		return nil, stderr, code
	}
	snap, err := client.ReadSnapshot(strings.NewReader(out))
	if err != nil {
		e.t.Fatalf("get all wrote no snapshot (%v); stderr: %s\n%.400s", err, stderr, out)
	}
	return snap, stderr, code
}

// The document holds every kind of the registry, each resource exactly
// once and the same ones `alivpc get KIND --region all` lists, with the
// account the credentials act for, the time and the calls.
func TestGetAllEveryResourceOnce(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	before := time.Now().UTC()
	snap, stderr, code := e.getAll()
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if snap.Account != strconv.FormatInt(sim.AccountUID, 10) {
		t.Errorf("account %q, want %d", snap.Account, sim.AccountUID)
	}
	if snap.Taken.Before(before.Add(-time.Second)) || snap.Finished.Before(snap.Taken) || snap.Seconds <= 0 || snap.Calls < 100 {
		t.Errorf("taken %v, finished %v, %.2fs, %d calls", snap.Taken, snap.Finished, snap.Seconds, snap.Calls)
	}
	if len(snap.Regions) < 20 || len(snap.Missing) != 0 {
		t.Errorf("%d regions, missing %v", len(snap.Regions), snap.Missing)
	}
	if !strings.Contains(stderr, "get all: ") || !strings.Contains(stderr, " resources of ") {
		t.Errorf("no summary line on stderr: %q", stderr)
	}
	got := map[string]map[string]int{} // kind → region/ID → times
	for _, it := range snap.Items {
		k := model.Default().MustLookup(it.Kind)
		o, err := k.Decode(it.Region, it.Object)
		if err != nil || o.ID == "" {
			t.Fatalf("%s item without an ID (%v): %.200s", it.Kind, err, it.Object)
		}
		if got[it.Kind] == nil {
			got[it.Kind] = map[string]int{}
		}
		key := it.Region + "/" + o.ID
		if got[it.Kind][key]++; got[it.Kind][key] == 2 {
			t.Errorf("%s %s is in the document twice", it.Kind, key)
		}
	}
	for _, k := range client.InventoryKinds(model.Default()) {
		out, stderr, code := e.get(k.Name, "--region", "all", "-o", "json")
		if code != 0 {
			t.Fatalf("get %s: exit %d: %s", k.Name, code, stderr)
		}
		var items []json.RawMessage
		if err := json.Unmarshal([]byte(out), &items); err != nil {
			t.Fatalf("get %s: %v", k.Name, err)
		}
		// get rt lists VRouter tables; a VBR's are listed under it, and
		// their entries under them: the document has both.
		for _, l := range vbrListings(t, snap, k) {
			err := e.client().ListObjects(context.Background(), k, l.Region, l.Params, func(objs []*model.Object, _ client.Page) error {
				for _, o := range objs {
					items = append(items, o.Raw)
				}
				return nil
			})
			if err != nil {
				t.Fatal(err)
			}
		}
		want := map[string]bool{}
		for _, raw := range items {
			o, err := k.Decode("", raw)
			if err != nil {
				t.Fatal(err)
			}
			want[o.ID] = true
		}
		have := map[string]bool{}
		for key := range got[k.Name] {
			have[key[strings.Index(key, "/")+1:]] = true
		}
		if len(want) == 0 {
			t.Errorf("the demo has no %s: the test proves nothing for it", k.Title)
		}
		if len(have) != len(want) || snap.Counts[k.Name] != len(want) {
			t.Errorf("%s: the document has %d (counts say %d), get %s lists %d", k.Title, len(have), snap.Counts[k.Name], k.Name, len(want))
		}
		for id := range want {
			if !have[id] {
				t.Errorf("%s %s is missing from the document", k.Singular, id)
			}
		}
	}
}

// vbrListings are what to list of k besides `get k --region all`: for
// route tables the VBRs' (RouterType=VBR), for route entries those of the
// VBRs' route tables.
func vbrListings(t *testing.T, snap *client.Snapshot, k *model.Kind) []client.Listing {
	var out []client.Listing
	for _, it := range snap.Items {
		var v struct{ VbrId, RouteTableId, RouterType string }
		if err := json.Unmarshal(it.Object, &v); err != nil {
			t.Fatal(err)
		}
		switch {
		case k.Name == "rt" && it.Kind == "vbr":
			out = append(out, client.NewListing(k, it.Region, map[string]string{"RouterType": "VBR", "RouterId": v.VbrId}, nil))
		case k.Name == "route" && it.Kind == "rt" && v.RouterType == "VBR":
			out = append(out, client.NewListing(k, it.Region, map[string]string{"RouteTableId": v.RouteTableId}, nil))
		}
	}
	if (k.Name == "rt" || k.Name == "route") && len(out) == 0 {
		t.Errorf("no VBR parents of %s in the document", k.Title)
	}
	return out
}

// secretValues are the values of the secret fields found anywhere in v.
func secretValues(v any, out map[string]bool) {
	switch x := v.(type) {
	case map[string]any:
		for k, val := range x {
			if s, ok := val.(string); ok && model.IsSecretField(k) && s != "" && s != "****" {
				out[s] = true
			}
			secretValues(val, out)
		}
	case []any:
		for _, val := range x {
			secretValues(val, out)
		}
	}
}

// Pre-shared keys, BGP auth keys and SSL-VPN client keys are masked in the
// document unless --show-secrets.
func TestGetAllMasksSecrets(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	secrets := map[string]bool{}
	for _, kind := range []string{"ipsec", "bgppeer", "sslcert"} {
		out, stderr, code := e.get(kind, "--region", "all", "-o", "json", "--show-secrets")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		var v any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Fatal(err)
		}
		secretValues(v, secrets)
	}
	if len(secrets) == 0 {
		t.Fatal("the demo has no secret values: the test proves nothing")
	}
	for _, show := range []bool{false, true} {
		var args []string
		if show {
			args = append(args, "--show-secrets")
		}
		out, stderr, code := e.get(append([]string{"all", "--region", "all"}, args...)...)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		for s := range secrets {
			if has := strings.Contains(out, s); has != show {
				t.Errorf("--show-secrets=%v: the document holds a secret: %v", show, has)
			}
		}
		if masked := strings.Contains(out, `"****"`); masked == show {
			t.Errorf("--show-secrets=%v: masked fields in the document: %v", show, masked)
		}
		snap, err := client.ReadSnapshot(strings.NewReader(out))
		if err != nil || snap.SecretsShown != show {
			t.Errorf("--show-secrets=%v: secretsShown %v (%v)", show, snap != nil && snap.SecretsShown, err)
		}
	}
}

// A listing that fails leaves a document with everything else, names what
// is missing (kind, region, parent) there and on stderr, and exits 1.
func TestGetAllPartialFailure(t *testing.T) {
	var failed sync.Once
	var table string
	e := newGetEnv(t, sim.DatasetDemo, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			_ = r.ParseForm()
			if r.Header.Get("x-acs-action") == "DescribeSnatTableEntries" && r.Form.Get("RegionId") == "cn-hangzhou" {
				failed.Do(func() { table = r.Form.Get("SnatTableId") })
				if r.Form.Get("SnatTableId") == table {
					w.Header().Set("Content-Type", "application/json")
					w.WriteHeader(403)
					w.Write([]byte(`{"RequestId":"req-snat-denied","Code":"Forbidden.RAM","Message":"denied"}`))
					return
				}
			}
			next.ServeHTTP(w, r)
		})
	})
	snap, stderr, code := e.getAll()
	if code != 1 {
		t.Fatalf("exit %d, want 1; stderr: %s", code, stderr)
	}
	if table == "" {
		t.Fatal("no SNAT listing was made")
	}
	want := "SNAT Entries in cn-hangzhou SnatTableId=" + table
	if len(snap.Missing) != 1 || !strings.Contains(snap.Missing[0], want) || !strings.Contains(snap.Missing[0], "Forbidden.RAM") {
		t.Errorf("missing %q, want one naming %q", snap.Missing, want)
	}
	if !strings.Contains(stderr, want) || !strings.Contains(stderr, "incomplete") {
		t.Errorf("stderr does not say what is missing: %s", stderr)
	}
	if snap.Counts["vpc"] == 0 || snap.Counts["snat"] == 0 || snap.Counts["route"] == 0 {
		t.Errorf("the rest is not in the document: %v", snap.Counts)
	}
	for _, it := range snap.Items {
		if it.Kind == "snat" && it.Scope["SnatTableId"] == table {
			t.Errorf("an entry of the failed table: %s", it.Object)
		}
	}
}

// timedWriter records when each write happened.
type timedWriter struct {
	mu     sync.Mutex
	buf    bytes.Buffer
	writes []time.Time
}

func (w *timedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.writes = append(w.writes, time.Now())
	return w.buf.Write(p)
}

// The document is written as the pages arrive, not held whole: with a
// small buffer, writes start long before the inventory ends and come
// throughout it.
func TestGetAllStreams(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			time.Sleep(20 * time.Millisecond)
			next.ServeHTTP(w, r)
		})
	})
	old := inventoryBuffer
	inventoryBuffer = 2 << 10
	t.Cleanup(func() { inventoryBuffer = old })
	var out timedWriter
	var errb bytes.Buffer
	start := time.Now()
	err := run([]string{"get", "all", "--region", "all", "--endpoint", e.url, "--config", e.conf}, nil, &out, &errb)
	end := time.Now()
	if err != nil {
		t.Fatalf("%v: %s", err, errb.String())
	}
	if _, err := client.ReadSnapshot(&out.buf); err != nil {
		t.Fatal(err)
	}
	if len(out.writes) < 20 {
		t.Fatalf("%d writes", len(out.writes))
	}
	total := end.Sub(start)
	first, mid := out.writes[0].Sub(start), out.writes[len(out.writes)/2].Sub(start)
	if first > total/3 || mid > total*9/10 {
		t.Errorf("took %v; the first write came after %v, the middle one after %v", total, first, mid)
	}
}

// get all writes JSON only and lists everything: the options of one kind
// are refused before any call.
func TestGetAllUsageErrors(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	for _, args := range [][]string{
		{"all", "-o", "csv"},
		{"all", "--parent", "vpc-bp1rd5qqebk0otbfdnufp"},
		{"all", "--filter", "prod"},
		{"all", "vpc"},
	} {
		out, stderr, code := e.get(args...)
		if code != 2 || out != "" || !strings.Contains(stderr, "get all") {
			t.Errorf("get %v: exit %d, stdout %q, stderr %q", args, code, out, stderr)
		}
	}
}

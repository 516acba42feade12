package main

import (
	"bytes"
	"context"
	"net/http/httptest"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/ui"
)

// snapshotPair is a frozen demo simulator and a client reading a snapshot
// of it taken with `alivpc get all`.
func snapshotPair(t *testing.T) (live, snap *client.Client, doc *client.Snapshot) {
	t.Helper()
	clock := sim.NewManualClock(time.Date(2026, 3, 1, 9, 0, 0, 0, time.UTC))
	e := newGetEnvWith(t, sim.Options{Seed: 1, Clock: clock}, nil)
	doc, stderr, code := e.getAll()
	if code != 0 {
		t.Fatalf("get all: exit %d: %s", code, stderr)
	}
	hs := httptest.NewServer(client.NewSnapshotServer(doc))
	t.Cleanup(hs.Close)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials("reader", "reader-key", ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: hs.URL}, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return e.client(), c, doc
}

func listAll(t *testing.T, c *client.Client, l client.Listing) []*model.Object {
	t.Helper()
	var out []*model.Object
	err := c.ListObjects(context.Background(), l.Kind, l.Region, l.Params, func(objs []*model.Object, _ client.Page) error {
		for _, o := range objs {
			if l.Match == nil || l.Match(o) {
				out = append(out, o)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatalf("%s: %v", l.Key, err)
	}
	return out
}

// Every listing a pane or a drill-down makes answers the same rows (IDs,
// order and the API's objects) from a snapshot as from the live account:
// each kind of the region, and each kind under the first parent of every
// kind it drills down from (VSwitches of a VPC, entries of a route table,
// SNAT entries of a NAT gateway, IPsec connections of a VPN gateway, BGP
// peers of a group, ...).
func TestSnapshotAnswersAsTheAccount(t *testing.T) {
	live, snap, _ := snapshotPair(t)
	reg := model.Default()
	region := "cn-hangzhou"
	first := map[string]*model.Object{} // kind → its first object in the region
	compared := map[string]int{}
	same := func(l client.Listing) {
		a, b := listAll(t, live, l), listAll(t, snap, l)
		if l.Kind.HomeRegion != nil {
			// A cross-region peering comes in the document where it
			// arrived first, from either of its regions: the rows are
			// the same, the order the console's sort.
			byID := func(x, y *model.Object) int { return strings.Compare(x.ID, y.ID) }
			slices.SortFunc(a, byID)
			slices.SortFunc(b, byID)
		}
		if len(a) != len(b) {
			t.Errorf("%s: %d live, %d from the snapshot", l.Key, len(a), len(b))
			return
		}
		for i := range a {
			if a[i].ID != b[i].ID || !bytes.Equal(ui.MaskSecrets(a[i].Raw), b[i].Raw) {
				t.Errorf("%s row %d: live %s, snapshot %s\n%s\n%s", l.Key, i, a[i].ID, b[i].ID, a[i].Raw, b[i].Raw)
				return
			}
		}
		compared[l.Kind.Name] += len(a)
	}
	for _, k := range client.InventoryKinds(reg) {
		if k.Global {
			same(client.NewListing(k, "", nil, nil))
			continue
		}
		if _, ok := reg.Lookup(k.Name); ok && requiredParent(k) {
			continue
		}
		l := client.NewListing(k, region, nil, nil)
		same(l)
		if objs := listAll(t, live, l); len(objs) > 0 {
			first[k.Name] = objs[0]
		}
	}
	for _, k := range client.InventoryKinds(reg) {
		for _, s := range k.Scopes {
			p := first[s.Parent]
			if p == nil {
				continue
			}
			for _, l := range client.ScopedListings(k, p, s) {
				same(l)
			}
		}
	}
	for _, name := range []string{"vpc", "vsw", "rt", "route", "nat", "snat", "dnat", "eip", "vpn", "ipsec", "vbr", "bgppeer", "region", "zone"} {
		if compared[name] == 0 {
			t.Errorf("no %s compared: the test proves nothing for it", name)
		}
	}
	// A lookup by ID, as tracking and describe make it.
	vsw := first["vsw"]
	got, err := snap.Get(context.Background(), reg.MustLookup("vsw"), region, vsw.ID, nil)
	if err != nil || got == nil || got.ID != vsw.ID {
		t.Errorf("Get %s from the snapshot: %v, %v", vsw.ID, got, err)
	}
	// The caller is the snapshot's account.
	if id, err := snap.GetCallerIdentity(context.Background()); err != nil || id.AccountId != "1398712340005678" {
		t.Errorf("GetCallerIdentity: %v, %v", id, err)
	}
}

func requiredParent(k *model.Kind) bool {
	for _, s := range k.Scopes {
		if s.Required {
			return true
		}
	}
	return false
}

// A snapshot changes nothing: every write is refused with a clear error.
func TestSnapshotRefusesChanges(t *testing.T) {
	_, snap, _ := snapshotPair(t)
	_, err := snap.Do(context.Background(), client.Request{Product: model.ProductVPC, Action: "CreateVpc", Region: "cn-hangzhou",
		Params: map[string]string{"CidrBlock": "10.99.0.0/16"}})
	if err == nil || !strings.Contains(err.Error(), "Snapshot.ReadOnly") || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("CreateVpc on a snapshot: %v", err)
	}
}

// --snapshot opens the console on the file, in the region with the most
// resources unless told, with the snapshot's time for the header; a file
// that is not a snapshot is refused before the console starts.
func TestConnectSnapshot(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	out, stderr, code := e.get("all", "--region", "all")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	path := filepath.Join(t.TempDir(), "snap.json")
	if err := os.WriteFile(path, []byte(out), 0o600); err != nil {
		t.Fatal(err)
	}
	conn, err := connectSnapshot(&consoleOptions{snapshot: path}, "")
	if err != nil {
		t.Fatal(err)
	}
	defer conn.close()
	if conn.region != "cn-hangzhou" || conn.snapshotFile != "snap.json" || !strings.HasSuffix(conn.snapshot, "UTC") {
		t.Errorf("region %q, file %q, time %q", conn.region, conn.snapshotFile, conn.snapshot)
	}
	vpc := model.Default().MustLookup("vpc")
	if o, err := ui.FindObject(context.Background(), conn.client, vpc, "cn-hangzhou", prodVPC); err != nil || o.ID != prodVPC {
		t.Errorf("prod-core from the snapshot: %v, %v", o, err)
	}
	if o, err := ui.FindObject(context.Background(), conn.client, vpc, "cn-hangzhou", "vpc-none"); err == nil || !strings.Contains(err.Error(), "was not found") {
		t.Errorf("a VPC that is not there: %v, %v (want \"was not found\")", o, err)
	}
	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, []byte(`[{"VpcId":"vpc-1"}]`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := connectSnapshot(&consoleOptions{snapshot: bad}, ""); err == nil || !strings.Contains(err.Error(), "not an alivpc snapshot") {
		t.Errorf("a get vpc -o json file opened as a snapshot: %v", err)
	}
	if _, err := connectSnapshot(&consoleOptions{snapshot: path, useSim: true}, ""); err == nil {
		t.Error("--snapshot with --sim was accepted")
	}
}

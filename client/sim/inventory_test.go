package sim

import (
	"context"
	"net/http/httptest"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// inventoryRegions is how many regions of the large dataset the inventory
// test lists (every kind in each): the first three hold 90 VPCs, 900
// VSwitches and about 13,000 route entries, which -race on two cores lists
// in seconds.
const inventoryRegions = 3

// largeClient serves the shared large dataset (readLarge) over HTTP and
// returns a client of it with no request budget, on the dataset's wall
// clock.
func largeClient(t *testing.T) (*harness, *client.Client) {
	t.Helper()
	h := readLarge(t)
	ts := httptest.NewServer(h.srv)
	t.Cleanup(ts.Close)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(DefaultAccessKeyID, DefaultAccessKeySecret, ""),
		Region:      hz, Endpoints: client.Endpoints{Override: ts.URL}, RequestsPerSecond: -1,
		Now: h.srv.opts.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	return h, c
}

// client.Inventory (what `alivpc get all` runs) lists every resource of the
// large dataset in the regions it is given exactly once, every kind of the
// registry, VBR route tables and their entries included (their entries come
// with their tables, 50 tables a call); and it makes a fraction of the calls
// of one listing per route table.
func TestInventoryListsEveryResourceOnce(t *testing.T) {
	h, c := largeClient(t)
	reg := model.Default()
	var regions []string
	for _, r := range h.srv.regions[:inventoryRegions] {
		regions = append(regions, r.ID)
	}
	var mu sync.Mutex
	got := map[string]map[string]int{} // kind → region/ID → times
	calls := c.Inventory(context.Background(), reg, regions, func(ev client.Event) bool {
		mu.Lock()
		defer mu.Unlock()
		if ev.Err != nil {
			t.Errorf("%s: %v", ev.Listing, ev.Err)
		}
		if ev.Update {
			return true
		}
		for _, o := range ev.Objects {
			if reg.MustLookup(o.Kind.Name) != o.Kind {
				t.Fatalf("%s %s has a kind that is not the registry's", o.Kind.Name, o.ID)
			}
			if got[o.Kind.Name] == nil {
				got[o.Kind.Name] = map[string]int{}
			}
			got[o.Kind.Name][o.Region+"/"+o.ID]++
		}
		return true
	})
	tables := 0
	for _, k := range client.InventoryKinds(reg) {
		var want map[string]string
		if k.Name != "rt" && k.Name != "route" {
			want = largeExpected(h, reg, k)
		} else { // VBR tables and their entries too
			want = map[string]string{}
			h.srv.mu.Lock()
			for _, r := range h.srv.st.byID {
				if r.Kind == k.Name {
					want[r.ID] = r.Region
				}
			}
			h.srv.mu.Unlock()
		}
		n := 0
		for id, r := range want {
			if k.Global {
				r = ""
			} else if !slices.Contains(regions, r) {
				continue
			}
			n++
			if got[k.Name][r+"/"+id] == 0 {
				t.Errorf("%s %s/%s was not listed", k.Singular, r, id)
			}
		}
		for key, times := range got[k.Name] {
			r, id, _ := strings.Cut(key, "/")
			if home, ok := want[id]; !ok || (!k.Global && home != r) {
				t.Errorf("%s %s is not a resource of the simulator in that region", k.Singular, key)
			}
			// Only a resource the API lists in two regions (a
			// cross-region peering) may arrive twice; get all keeps it
			// once, in its home region.
			if times > 1 && k.HomeRegion == nil {
				t.Errorf("%s %s was listed %d times", k.Singular, key, times)
			}
			if !k.Global && !slices.Contains(regions, r) {
				n++ // a peering listed from its other region
			}
		}
		if k.Name == "rt" {
			tables = n
		}
		if len(got[k.Name]) != n {
			t.Errorf("%s: listed %d, the simulator holds %d in these regions", k.Title, len(got[k.Name]), n)
		}
	}
	if tables < 500 || calls > tables {
		t.Errorf("%d calls for %d route tables: the entries are not listed 50 tables a call", calls, tables)
	}
	t.Logf("%d calls, %d route tables in %d regions", calls, tables, len(regions))
}

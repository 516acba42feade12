package client

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// The entries of many route tables come from one DescribeRouteTables
// call, flattened out of each table; a table whose entries come without
// RouteEntryId (as the real API's DescribeRouteTables may answer) is
// listed again through DescribeRouteEntryList, so every entry arrives with
// its ID and the registry's kind, once.
func TestInventoryRouteEntriesInBulk(t *testing.T) {
	var mu sync.Mutex
	var entryLists []string
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		w.Header().Set("Content-Type", "application/json")
		switch r.Header.Get("x-acs-action") {
		case "DescribeRouteTables":
			w.Write([]byte(`{"RequestId":"r1","TotalCount":3,"PageNumber":1,"PageSize":50,"RouteTables":{"RouteTable":[
				{"RouteTableId":"vtb-a","RouteEntrys":{"RouteEntry":[
					{"RouteEntryId":"rte-a1","RouteTableId":"vtb-a","DestinationCidrBlock":"10.0.0.0/16","Status":"Available"},
					{"RouteEntryId":"rte-a2","RouteTableId":"vtb-a","DestinationCidrBlock":"0.0.0.0/0","Status":"Pending"}]}},
				{"RouteTableId":"vtb-b","RouteEntrys":{"RouteEntry":[
					{"RouteTableId":"vtb-b","DestinationCidrBlock":"10.1.0.0/16","Status":"Available"}]}},
				{"RouteTableId":"vtb-c","RouteEntrys":""}]}}`))
		case "DescribeRouteEntryList":
			mu.Lock()
			entryLists = append(entryLists, r.Form.Get("RouteTableId"))
			mu.Unlock()
			w.Write([]byte(`{"RequestId":"r2","RouteEntrys":{"RouteEntry":[
				{"RouteEntryId":"rte-b1","RouteTableId":"vtb-b","DestinationCidrBlock":"10.1.0.0/16","Status":"Available"}]}}`))
		default:
			w.Write([]byte(`{"RequestId":"r3","TotalCount":0}`))
		}
	}))
	defer hs.Close()
	c, err := New(Config{Credentials: StaticCredentials("id", "secret-key", ""), Region: "cn-hangzhou",
		Endpoints: Endpoints{Override: hs.URL}, RequestsPerSecond: -1})
	if err != nil {
		t.Fatal(err)
	}
	reg := model.Default()

	// The per-parent listing is announced (Planned, on the bulk listing's
	// key) before it starts; a consumer that stops there stops it.
	var announced []Event
	c.Inventory(context.Background(), reg, []string{"cn-hangzhou"}, func(ev Event) bool {
		mu.Lock()
		defer mu.Unlock()
		if ev.Planned > 0 && !ev.Done {
			announced = append(announced, ev)
			return false
		}
		return true
	})
	if len(announced) != 1 || announced[0].Planned != 1 || !strings.HasPrefix(announced[0].Listing, "route@cn-hangzhou") || len(entryLists) != 0 {
		t.Fatalf("announced %+v and listed %q; want one Planned event for vtb-b's listing, and no listing once the consumer stops", announced, entryLists)
	}

	route := reg.MustLookup("route")
	var got []string
	c.Inventory(context.Background(), reg, []string{"cn-hangzhou"}, func(ev Event) bool {
		mu.Lock()
		defer mu.Unlock()
		if ev.Err != nil {
			t.Errorf("%s: %v", ev.Listing, ev.Err)
		}
		for _, o := range ev.Objects {
			if o.Kind.Name != "route" {
				continue
			}
			if o.Kind != route {
				t.Errorf("%s has a copy of the route kind", o.ID)
			}
			var e model.RouteEntry
			_ = json.Unmarshal(o.Raw, &e)
			got = append(got, o.ID+" "+e.RouteTableId+" "+o.Region)
		}
		return true
	})
	sort.Strings(got)
	want := []string{"rte-a1 vtb-a cn-hangzhou", "rte-a2 vtb-a cn-hangzhou", "rte-b1 vtb-b cn-hangzhou"}
	if len(got) != len(want) || got[0] != want[0] || got[1] != want[1] || got[2] != want[2] {
		t.Errorf("route entries %q, want %q", got, want)
	}
	if len(entryLists) != 1 || entryLists[0] != "vtb-b" {
		t.Errorf("DescribeRouteEntryList for %q, want only vtb-b", entryLists)
	}
}

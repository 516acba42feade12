package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
)

// hostile serves handle without checking signatures (a misbehaving
// endpoint, not the API) and counts the calls.
func hostile(t *testing.T, handle http.HandlerFunc) (*Client, *atomic.Int64) {
	t.Helper()
	var calls atomic.Int64
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		handle(w, r)
	}))
	t.Cleanup(srv.Close)
	c, err := New(Config{
		Credentials: StaticCredentials(testAK, testSecret, ""),
		Region:      "cn-hangzhou",
		Endpoints:   Endpoints{Override: srv.URL},
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond,
		ReadTimeout: 10 * time.Second, RequestsPerSecond: -1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, &calls
}

// vpcPage writes a DescribeVpcs page of ids; total < 0 leaves TotalCount
// out; next, when set, is the NextToken.
func vpcPage(w http.ResponseWriter, total int, next string, ids ...string) {
	var b strings.Builder
	b.WriteString(`{"RequestId":"RID-HOSTILE"`)
	if total >= 0 {
		fmt.Fprintf(&b, `,"TotalCount":%d`, total)
	}
	if next != "" {
		fmt.Fprintf(&b, `,"NextToken":%q`, next)
	}
	b.WriteString(`,"Vpcs":{"Vpc":[`)
	for i, id := range ids {
		if i > 0 {
			b.WriteByte(',')
		}
		fmt.Fprintf(&b, `{"VpcId":%q,"VpcName":"n","Status":"Available","CidrBlock":"10.0.0.0/8"}`, id)
	}
	b.WriteString(`]}}`)
	w.Header().Set("Content-Type", "application/json")
	io.WriteString(w, b.String())
}

// fresh returns n IDs never used before in this listing.
func fresh(page, n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("vpc-%d-%d", page, i)
	}
	return ids
}

// listAll runs a listing of spec and returns the items handed out and the
// error it ended with.
func listAll(c *Client, spec model.ListSpec) (int, error) {
	items := 0
	err := c.List(context.Background(), ListRequest{Spec: spec, Region: "cn-hangzhou"}, func(pg Page) error {
		items += len(pg.Items)
		return nil
	})
	return items, err
}

func stopped(t *testing.T, err error, want ...string) {
	t.Helper()
	var se *ListingStoppedError
	if !errors.As(err, &se) {
		t.Fatalf("want a ListingStoppedError, got %T %v", err, err)
	}
	for _, w := range want {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("the message does not say %q:\n%s", w, err)
		}
	}
}

// A server claiming TotalCount=1e9 is read for one page, not 24,008: the
// page is handed out and the listing ends with a message.
func TestPagerStopsAtAnImpossibleTotalCount(t *testing.T) {
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("PageNumber"))
		vpcPage(w, 1_000_000_000, "", fresh(page, 50)...)
	})
	items, err := listAll(c, model.Default().MustLookup("vpc").List)
	stopped(t, err, "DescribeVpcs", "1,000,000,000", "ceiling of "+group(MaxListingItems)+" per listing", "what arrived before is kept", "RID-HOSTILE")
	if calls.Load() != 1 || items != 50 {
		t.Errorf("%d calls, %d items handed out; want 1 call and its 50 items", calls.Load(), items)
	}
}

// Without a TotalCount, endless full pages of new items stop at the item
// ceiling, with every item before it handed out.
func TestPagerStopsAtTheItemCeiling(t *testing.T) {
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("PageNumber"))
		vpcPage(w, -1, "", fresh(page, 50)...)
	})
	items, err := listAll(c, model.Default().MustLookup("vpc").List)
	stopped(t, err, "DescribeVpcs", "ceiling of "+group(MaxListingItems)+" items", group(MaxListingItems)+" item(s) in "+group(MaxListingItems/50)+" page(s)")
	if calls.Load() != MaxListingItems/50 || items != MaxListingItems {
		t.Errorf("%d calls, %d items; want %d calls and %d items", calls.Load(), items, MaxListingItems/50, MaxListingItems)
	}
}

// Pages smaller than the kind's maximum (a caller's PageSize of 10) stop
// at the page ceiling before the item ceiling.
func TestPagerStopsAtThePageCeiling(t *testing.T) {
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("PageNumber"))
		vpcPage(w, -1, "", fresh(page, 10)...)
	})
	items := 0
	err := c.List(context.Background(), ListRequest{Spec: model.Default().MustLookup("vpc").List, PageSize: 10}, func(pg Page) error {
		items += len(pg.Items)
		return nil
	})
	stopped(t, err, "ceiling of "+group(MaxListingPages)+" pages")
	if calls.Load() != MaxListingPages || items != 10*MaxListingPages {
		t.Errorf("%d calls, %d items; want %d calls of 10 items", calls.Load(), items, MaxListingPages)
	}
}

// An endpoint that ignores PageNumber answers page 1 again and again: the
// second page adds nothing new and the listing stops there.
func TestPagerStopsAtAPageThatAddsNothing(t *testing.T) {
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		vpcPage(w, 5000, "", fresh(1, 50)...)
	})
	items, err := listAll(c, model.Default().MustLookup("vpc").List)
	stopped(t, err, "page 2 repeated only items already listed")
	if calls.Load() != 2 || items != 50 {
		t.Errorf("%d calls, %d items; want 2 calls and the first page's 50 items", calls.Load(), items)
	}
}

// An endpoint that names the page it answers and answers page 1 again
// (with items that change) is stopped at once.
func TestPagerStopsAtARepeatedPageNumber(t *testing.T) {
	var n atomic.Int64
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		ids := fresh(int(n.Add(1)), 50)
		fmt.Fprintf(w, `{"RequestId":"R","PageNumber":1,"PageSize":50,"TotalCount":5000,"Vpcs":{"Vpc":[{"VpcId":%q}]}}`, ids[0])
	})
	items, err := listAll(c, model.Default().MustLookup("vpc").List)
	stopped(t, err, "asked for page 2, the API answered page 1")
	if calls.Load() != 2 || items != 1 {
		t.Errorf("%d calls, %d items; want 2 calls and the first page's item", calls.Load(), items)
	}
}

func TestPagerNextTokenThatGoesNowhere(t *testing.T) {
	spec := model.Default().MustLookup("peer").List
	for name, tc := range map[string]struct {
		handle    func(w http.ResponseWriter, n int64)
		calls     int64
		items     int
		msg       string
		peerItems bool
	}{
		"the same token forever": {func(w http.ResponseWriter, n int64) {
			peerPage(w, "tok-1", fmt.Sprint("pcc-", n))
		}, 2, 2, `repeated NextToken "tok-1"`, true},
		"new tokens, the same page": {func(w http.ResponseWriter, n int64) {
			peerPage(w, fmt.Sprint("tok-", n), "pcc-1", "pcc-2")
		}, 2, 2, "page 2 repeated only items already listed", true},
		"new tokens, empty pages": {func(w http.ResponseWriter, n int64) {
			peerPage(w, fmt.Sprint("tok-", n))
		}, MaxListingPages, 0, "ceiling of " + group(MaxListingPages) + " pages", true},
	} {
		t.Run(name, func(t *testing.T) {
			var n atomic.Int64
			c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) { tc.handle(w, n.Add(1)) })
			items, err := listAll(c, spec)
			stopped(t, err, "ListVpcPeerConnections", tc.msg)
			if calls.Load() != tc.calls || items != tc.items {
				t.Errorf("%d calls, %d items; want %d and %d", calls.Load(), items, tc.calls, tc.items)
			}
		})
	}
}

func peerPage(w http.ResponseWriter, next string, ids ...string) {
	var items []string
	for _, id := range ids {
		items = append(items, fmt.Sprintf(`{"InstanceId":%q,"Status":"Activated"}`, id))
	}
	fmt.Fprintf(w, `{"RequestId":"RID-PEER","NextToken":%q,"VpcPeerConnects":[%s]}`, next, strings.Join(items, ","))
}

// One page of far more items than asked for (a 16 MiB page of tiny items
// would be a million objects) is cut at the item ceiling; pages of huge
// items stop at the byte ceiling.
func TestPagerCutsAPageAtTheCeiling(t *testing.T) {
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		vpcPage(w, -1, "", fresh(1, MaxListingItems+10_000)...)
	})
	items, err := listAll(c, model.Default().MustLookup("vpc").List)
	stopped(t, err, "ceiling of "+group(MaxListingItems)+" items")
	if calls.Load() != 1 || items != MaxListingItems {
		t.Errorf("%d calls, %d items; want 1 call cut to %d items", calls.Load(), items, MaxListingItems)
	}

	pad := strings.Repeat("x", 100<<10)
	c, calls = hostile(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("PageNumber"))
		var b strings.Builder
		b.WriteString(`{"RequestId":"R","Vpcs":{"Vpc":[`)
		for i := range 50 {
			if i > 0 {
				b.WriteByte(',')
			}
			fmt.Fprintf(&b, `{"VpcId":"vpc-%d-%d","Description":%q}`, page, i, pad)
		}
		b.WriteString(`]}}`)
		io.WriteString(w, b.String())
	})
	items, err = listAll(c, model.Default().MustLookup("vpc").List)
	stopped(t, err, fmt.Sprintf("ceiling of %d MiB of items", MaxListingBytes>>20))
	if want := MaxListingBytes / (100<<10 + 40); items < want-50 || items > want || calls.Load() > int64(want/50+1) {
		t.Errorf("%d items of 100 KB in %d calls; want about %d", items, calls.Load(), want)
	}
}

// A real listing that ends exactly at a ceiling is not cut: the ceilings
// are for listings that do not end.
func TestPagerCeilingLeavesAWholeListingAlone(t *testing.T) {
	c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		page, _ := strconv.Atoi(r.URL.Query().Get("PageNumber"))
		vpcPage(w, MaxListingItems, "", fresh(page, 50)...)
	})
	items, err := listAll(c, model.Default().MustLookup("vpc").List)
	if err != nil || items != MaxListingItems || calls.Load() != MaxListingItems/50 {
		t.Errorf("%d items in %d calls, err %v; want all %d", items, calls.Load(), err, MaxListingItems)
	}
}

// endless writes a 300 MB DescribeVpcs answer from one reused chunk, so
// the test itself holds none of it; withLength also announces its size.
func endless(withLength bool) http.HandlerFunc {
	const size = 300 << 20
	chunk := []byte(strings.Repeat(`{"VpcId":"vpc-0000000000000000","Status":"Available"},`, 1200))
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		if withLength {
			w.Header().Set("Content-Length", strconv.Itoa(size))
		}
		head := `{"RequestId":"RID-BIG","Vpcs":{"Vpc":[`
		io.WriteString(w, head)
		for sent := len(head); sent+len(chunk) <= size; sent += len(chunk) {
			if _, err := w.Write(chunk); err != nil {
				return // the client hung up: what the test wants
			}
		}
	}
}

// A 300 MB answer is refused after at most 16 MiB, once (no retry), in
// well under a second's work, and the process allocates a bounded amount
// for it (it took 1.34 GB of RSS before: a 256 MB limit, read up to ten
// times).
func TestHugeBodyIsRefusedOnceWithBoundedMemory(t *testing.T) {
	for _, withLength := range []bool{false, true} {
		t.Run(fmt.Sprint("Content-Length=", withLength), func(t *testing.T) {
			c, calls := hostile(t, endless(withLength))
			runtime.GC()
			var before, after runtime.MemStats
			runtime.ReadMemStats(&before)
			start := time.Now()
			_, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
			took := time.Since(start)
			runtime.ReadMemStats(&after)
			alloc := after.TotalAlloc - before.TotalAlloc
			var me *MalformedResponseError
			if !errors.As(err, &me) || !errors.Is(err, ErrBodyTooLarge) || !strings.Contains(err.Error(), "16 MiB") {
				t.Fatalf("want a too-large error naming the 16 MiB limit, got %T %v", err, err)
			}
			if calls.Load() != 1 {
				t.Errorf("%d calls: a too-large answer must not be fetched again", calls.Load())
			}
			if took > 5*time.Second {
				t.Errorf("took %v to refuse it", took)
			}
			limit := uint64(64 << 20) // 16 MiB of unknown length, grown by doubling: 48 MB
			if withLength {
				limit = 4 << 20 // refused before reading
			}
			if alloc > limit {
				t.Errorf("allocated %d MB for a refused answer, want under %d MB", alloc>>20, limit>>20)
			}
			t.Logf("refused in %v after %d calls, %d MB allocated: %v", took.Round(time.Millisecond), calls.Load(), alloc>>20, err)
		})
	}
}

// A body just under the limit is still read: the limit is sized for the
// API's real answers, which are far smaller.
func TestBodyUnderTheLimitIsRead(t *testing.T) {
	c, _ := hostile(t, func(w http.ResponseWriter, r *http.Request) {
		pad := strings.Repeat("x", MaxBodyBytes-1024)
		fmt.Fprintf(w, `{"RequestId":"RID-PAD","Pad":%q}`, pad)
	})
	resp, err := c.Do(context.Background(), Request{Action: "DescribeVpcs"})
	if err != nil || resp.RequestID != "RID-PAD" {
		t.Fatalf("a 16 MiB - 1 KiB answer: %v", err)
	}
}

// A 200 whose body is null (or any JSON that is not an object) is an
// error, asked once, never "no rows".
func TestNullBodyIsAnError(t *testing.T) {
	for body, says := range map[string]string{
		"null": "answered null", " null\n": "answered null", "[]": "answered a JSON list",
		`"ok"`: "answered a JSON string", "42": "answered a JSON number",
	} {
		c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "application/json")
			io.WriteString(w, body)
		})
		items, err := listAll(c, model.Default().MustLookup("vpc").List)
		var me *MalformedResponseError
		if !errors.As(err, &me) || !errors.Is(err, ErrNotObject) || !strings.Contains(err.Error(), says) {
			t.Errorf("body %q: %d items, err %v; want an error saying %q", body, items, err, says)
		}
		if calls.Load() != 1 {
			t.Errorf("body %q: asked %d times; the same answer would come again", body, calls.Load())
		}
	}
}

// A view of many listings (every region an endpoint names) stops at the
// view's ceiling: one listing ends with the error, the others stop, and
// what arrived before is kept.
func TestCollectStopsAtTheViewCeiling(t *testing.T) {
	defer func(saved struct{ items, bytes int64 }) { viewCeiling = saved }(viewCeiling)
	for _, tc := range []struct {
		items, bytes int64
		says         string
	}{
		{5_000, MaxViewBytes, "the view reached the ceiling of 5,000 items"},
		{MaxViewItems, 2 << 20, "the view reached the ceiling of 2 MiB of items"},
	} {
		viewCeiling.items, viewCeiling.bytes = tc.items, tc.bytes
		c, calls := hostile(t, func(w http.ResponseWriter, r *http.Request) {
			q := r.URL.Query()
			page, _ := strconv.Atoi(q.Get("PageNumber"))
			vpcPage(w, -1, "", fresh(page, 50)...)
		})
		k := model.Default().MustLookup("vpc")
		var plan []Listing
		for i := range 40 {
			plan = append(plan, NewListing(k, fmt.Sprintf("region-%d", i), nil, nil))
		}
		var mu sync.Mutex
		var items int
		var bytes int64
		var errs []error
		c.Collect(context.Background(), plan, nil, func(ev Event) bool {
			mu.Lock()
			defer mu.Unlock()
			items += len(ev.Objects)
			for _, o := range ev.Objects {
				bytes += int64(len(o.Raw))
			}
			if ev.Err != nil {
				errs = append(errs, ev.Err)
			}
			return true
		})
		if len(errs) != 1 {
			t.Fatalf("%d listings failed, want the one that crossed the ceiling: %v", len(errs), errs)
		}
		stopped(t, errs[0], "DescribeVpcs", tc.says, "every listing was stopped")
		if int64(items) > tc.items || bytes > tc.bytes || items == 0 {
			t.Errorf("%d items, %d bytes handed out; want some, within %d and %d", items, bytes, tc.items, tc.bytes)
		}
		// Pages already asked for when the ceiling was crossed still come
		// back, but nothing more is asked.
		if max := int64(min(tc.items, tc.bytes/60)/50 + 40); calls.Load() > max {
			t.Errorf("%d calls, want at most %d", calls.Load(), max)
		}
	}
}

// An inventory's tally (scale InventoryScale) takes InventoryScale times a
// view's ceilings before it stops, and says the ceiling it applied; a
// view's own tally stops at the ceiling itself.
func TestInventoryTallyScalesTheViewCeiling(t *testing.T) {
	defer func(saved struct{ items, bytes int64 }) { viewCeiling = saved }(viewCeiling)
	viewCeiling.items, viewCeiling.bytes = 10, MaxViewBytes
	page := make([]*model.Object, 10)
	for i := range page {
		page[i] = &model.Object{Raw: []byte(`{}`)}
	}
	for _, tc := range []struct {
		tally *viewTally
		pages int
		says  string
	}{
		{&viewTally{}, 1, "the view reached the ceiling of 10 items"},
		{&viewTally{scale: InventoryScale}, InventoryScale, "the view reached the ceiling of 40 items"},
	} {
		for i := range tc.pages {
			if err := tc.tally.add("DescribeVpcs", page); err != nil {
				t.Fatalf("scale %d: page %d of %d within the ceiling was refused: %v", tc.tally.scale, i+1, tc.pages, err)
			}
		}
		stopped(t, tc.tally.add("DescribeVpcs", page[:1]), tc.says)
	}
}

package sim

import (
	"fmt"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

// newLarge builds the large dataset once per test binary run of a test.
func newLarge(t testing.TB) *harness {
	t.Helper()
	start := time.Now()
	h := newHarness(t, Options{Dataset: DatasetLarge, Seed: 7})
	t.Logf("large dataset generated in %v", time.Since(start))
	return h
}

func TestLargeDatasetShape(t *testing.T) {
	start := time.Now()
	h := newLarge(t)
	// 2 s is the target on a normal build; the race detector is several
	// times slower, so only a gross regression fails here.
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("generating the large dataset took %v", d)
	}
	h.srv.mu.Lock()
	regions := map[string]bool{}
	counts := map[string]int{}
	for _, r := range h.srv.st.byID {
		counts[r.Kind]++
		regions[r.Region] = true
	}
	h.srv.mu.Unlock()
	if counts[kindVpc] < 2000 || counts[kindVSwitch] < 20000 || counts[kindRouteEntry] < 100000 {
		t.Errorf("large dataset: %v", counts)
	}
	if len(regions) < 20 {
		t.Errorf("resources in %d regions", len(regions))
	}
	// Every table stays within the custom route quota.
	h.srv.mu.Lock()
	for k, ix := range h.srv.st.idx {
		if k.Kind == kindRouteEntry && k.By == "custom" && ix.len() > h.srv.opts.Quotas.RouteEntriesPerTable {
			t.Errorf("table %s has %d custom routes", k.Key, ix.len())
		}
	}
	h.srv.mu.Unlock()
	// The same seed gives the same data.
	other := newHarness(t, Options{Dataset: DatasetLarge, Seed: 7})
	a := h.ok("DescribeVpcs", kv("RegionId", hz, "PageSize", "3"))
	b := other.ok("DescribeVpcs", kv("RegionId", hz, "PageSize", "3"))
	for i, v := range a.items("Vpcs", "Vpc") {
		if w := b.items("Vpcs", "Vpc")[i]; v["VpcId"] != w["VpcId"] || v["VpcName"] != w["VpcName"] {
			t.Errorf("seed 7 gave %v and %v", v["VpcId"], w["VpcId"])
		}
	}
}

// walk pages through DescribeVSwitches and checks exactness.
func walkVSwitches(t *testing.T, h *harness, params ...string) int {
	t.Helper()
	seen := map[string]bool{}
	total := -1
	for page := 1; ; page++ {
		p := kv(append([]string{"RegionId", hz, "PageSize", "50", "PageNumber", strconv.Itoa(page)}, params...)...)
		a := h.ok("DescribeVSwitches", p)
		if total == -1 {
			total = a.num("TotalCount")
		} else if a.num("TotalCount") != total {
			t.Fatalf("TotalCount changed from %d to %d", total, a.num("TotalCount"))
		}
		items := a.items("VSwitches", "VSwitch")
		for _, sw := range items {
			id := sw["VSwitchId"].(string)
			if seen[id] {
				t.Fatalf("%s on two pages", id)
			}
			seen[id] = true
		}
		if len(items) < 50 {
			break
		}
	}
	if len(seen) != total {
		t.Fatalf("walked %d VSwitches, TotalCount %d", len(seen), total)
	}
	return total
}

func TestLargePagingIsExact(t *testing.T) {
	h := newLarge(t)
	n := walkVSwitches(t, h)
	if n != largeVpcsPerReg*largeVswPerVpc {
		t.Errorf("%d VSwitches in %s", n, hz)
	}
	if z := walkVSwitches(t, h, "ZoneId", "cn-hangzhou-g"); z == 0 || z >= n {
		t.Errorf("zone filter: %d of %d", z, n)
	}
	if named := walkVSwitches(t, h, "IsDefault", "false"); named != n {
		t.Errorf("IsDefault=false: %d of %d", named, n)
	}
	vpcs := h.ok("DescribeVpcs", kv("RegionId", hz, "PageSize", "50", "PageNumber", "2"))
	if vpcs.num("TotalCount") != largeVpcsPerReg || len(vpcs.items("Vpcs", "Vpc")) != 30 {
		t.Errorf("VPC page 2: TotalCount %d, %d items", vpcs.num("TotalCount"), len(vpcs.items("Vpcs", "Vpc")))
	}

	// NextToken over the route table with the most entries.
	rts := h.ok("DescribeRouteTableList", kv("RegionId", hz, "PageSize", "1")).items("RouterTableList", "RouterTableListType")
	table := rts[0]["RouteTableId"].(string)
	want := len(h.entries(table))
	seen := map[string]bool{}
	token := ""
	for {
		p := kv("RegionId", hz, "RouteTableId", table, "MaxResult", "7")
		if token != "" {
			p["NextToken"] = token
		}
		a := h.ok("DescribeRouteEntryList", p)
		for _, e := range a.items("RouteEntrys", "RouteEntry") {
			id := e["RouteEntryId"].(string)
			if seen[id] {
				t.Fatalf("%s twice", id)
			}
			seen[id] = true
		}
		if token = a.str("NextToken"); token == "" {
			break
		}
	}
	if len(seen) != want || want < 15 {
		t.Errorf("NextToken walk found %d of %d entries", len(seen), want)
	}
}

// BenchmarkDescribeVSwitchesPage measures one signed page request over the
// large dataset, deep into the region's list.
func BenchmarkDescribeVSwitchesPage(b *testing.B) {
	h := newLarge(b)
	params := kv("RegionId", hz, "PageSize", "50", "PageNumber", "12")
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		r := h.request("DescribeVSwitches", params, sig{nonce: fmt.Sprint("bench-", i)})
		rec := httptest.NewRecorder()
		h.srv.ServeHTTP(rec, r)
		if rec.Code != 200 {
			b.Fatalf("HTTP %d: %s", rec.Code, rec.Body)
		}
	}
}

package sim

import (
	"strconv"
	"strings"
	"testing"
)

// Tag.N takes N = 1..20 on a create (seed 002: "at most 20 tag keys") and
// 1..5 as a DescribeVpcs filter (seed 003); anything else is refused, not
// silently dropped, and nothing is created.
func TestTagIndexOutOfRangeIsRefused(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	for _, key := range []string{"Tag.21.Key", "Tag.999999.Key", "Tag.0.Key", "Tag.01.Key", "Tag.-1.Key", "Tag.3.Name"} {
		a := h.fails("CreateVpc", kv("RegionId", hz, key, "team"), 400, "InvalidParameter")
		if !strings.Contains(string(a.Raw), key) {
			t.Errorf("%s: the error does not name the parameter: %s", key, a.Raw)
		}
	}
	if n := h.countVpcs(hz); n != 0 {
		t.Fatalf("%d VPCs created by refused requests", n)
	}
	p := kv("RegionId", hz)
	for i := 1; i <= 20; i++ {
		p["Tag."+strconv.Itoa(i)+".Key"] = "k" + strconv.Itoa(i)
		p["Tag."+strconv.Itoa(i)+".Value"] = "v"
	}
	h.ok("CreateVpc", p)
	h.ok("DescribeVpcs", kv("RegionId", hz, "Tag.5.Key", "k5"))
	h.fails("DescribeVpcs", kv("RegionId", hz, "Tag.6.Key", "k6"), 400, "InvalidParameter")
}

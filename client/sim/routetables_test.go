package sim

import (
	"reflect"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// TestOfficialSDKDescribeRouteTables reads every demo VPC's tables with
// their entries through the official SDK's DescribeRouteTables (seed 003
// §8.3) and checks each table holds exactly the entries
// DescribeRouteEntryList lists for it, with next hops and statuses.
func TestOfficialSDKDescribeRouteTables(t *testing.T) {
	_, c := sdkHarness(t)
	vr := vpc.CreateDescribeVpcsRequest()
	vr.RegionId, vr.PageSize = hz, "50"
	vpcs := sdkDo(t, c.DescribeVpcs, vr)
	if len(vpcs.Vpcs.Vpc) == 0 {
		t.Fatal("DescribeVpcs: no VPCs")
	}
	tables := 0
	for _, v := range vpcs.Vpcs.Vpc {
		vrt := v.VRouterId
		req := vpc.CreateDescribeRouteTablesRequest()
		req.RegionId, req.VRouterId, req.PageSize = hz, vrt, "50"
		resp := sdkDo(t, c.DescribeRouteTables, req)
		lr := vpc.CreateDescribeRouteTableListRequest()
		lr.RegionId, lr.VpcId, lr.PageSize = hz, v.VpcId, "50"
		list := sdkDo(t, c.DescribeRouteTableList, lr).RouterTableList.RouterTableListType
		if resp.TotalCount != len(list) || len(resp.RouteTables.RouteTable) != len(list) {
			t.Fatalf("VRouter %s: DescribeRouteTables has %d tables (TotalCount %d), DescribeRouteTableList %d", vrt, len(resp.RouteTables.RouteTable), resp.TotalCount, len(list))
		}
		for _, rt := range resp.RouteTables.RouteTable {
			tables++
			if rt.VRouterId != vrt {
				t.Errorf("table %s: VRouterId %q, want %q", rt.RouteTableId, rt.VRouterId, vrt)
			}
			er := vpc.CreateDescribeRouteEntryListRequest()
			er.RegionId, er.RouteTableId, er.MaxResult = hz, rt.RouteTableId, "100"
			want := sdkDo(t, c.DescribeRouteEntryList, er).RouteEntrys.RouteEntry
			got := rt.RouteEntrys.RouteEntry
			if len(got) != len(want) {
				t.Fatalf("table %s: %d entries in DescribeRouteTables, %d in DescribeRouteEntryList", rt.RouteTableId, len(got), len(want))
			}
			for i, e := range got {
				w := want[i]
				if e.DestinationCidrBlock != w.DestinationCidrBlock || e.Status != w.Status || e.RouteTableId != rt.RouteTableId {
					t.Errorf("table %s entry %d: %s %s, want %s %s", rt.RouteTableId, i, e.DestinationCidrBlock, e.Status, w.DestinationCidrBlock, w.Status)
				} else if !reflect.DeepEqual(e, w) { // next hops and every other field
					t.Errorf("table %s entry %d:\n%+v\nDescribeRouteEntryList:\n%+v", rt.RouteTableId, i, e, w)
				}
			}
		}
	}
	if tables == 0 {
		t.Fatal("no tables read")
	}
}

// TestDescribeRouteTablesFilters: one table by ID, the seed's page bound
// and RouterType values.
func TestDescribeRouteTablesFilters(t *testing.T) {
	h := newHarness(t, Options{})
	first := h.ok("DescribeRouteTableList", kv("RegionId", hz)).items("RouterTableList", "RouterTableListType")[0]["RouteTableId"].(string)
	one := h.ok("DescribeRouteTables", kv("RegionId", hz, "RouteTableId", first)).items("RouteTables", "RouteTable")
	if len(one) != 1 || one[0]["RouteTableId"] != first {
		t.Fatalf("RouteTableId=%s answered %v", first, one)
	}
	h.fails("DescribeRouteTables", kv("RegionId", hz, "PageSize", "51"), 400, "InvalidParameter")
	h.fails("DescribeRouteTables", kv("RegionId", hz, "RouterType", "Gateway"), 400, "InvalidParameter")
	all := h.ok("DescribeRouteTables", kv("RegionId", hz, "PageSize", "50"))
	list := h.ok("DescribeRouteTableList", kv("RegionId", hz, "PageSize", "50"))
	vbr := h.ok("DescribeRouteTableList", kv("RegionId", hz, "PageSize", "50", "RouterType", "VBR"))
	n, n1, n2 := all.num("TotalCount"), list.num("TotalCount"), vbr.num("TotalCount")
	if n1 == 0 || n != n1+n2 {
		t.Fatalf("region-wide DescribeRouteTables TotalCount %d, want %d VRouter + %d VBR tables", n, n1, n2)
	}
}

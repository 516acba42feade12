package sim

import (
	"fmt"
	"testing"
)

// routeFixture is a settled VPC with one VSwitch and an instance next hop.
type routeFixture struct {
	vpc, sys, vsw, inst string
}

func newRouteFixture(h *harness) routeFixture {
	h.t.Helper()
	id := h.settledVpc()
	vsw := h.addVSwitch(id)
	h.settle()
	return routeFixture{vpc: id, sys: h.systemTable(id), vsw: vsw, inst: h.seedInstance(id)}
}

func (h *harness) entries(table string, params ...string) []map[string]any {
	h.t.Helper()
	return h.ok("DescribeRouteEntryList", kv(append([]string{"RegionId", hz, "RouteTableId", table, "MaxResult", "100"}, params...)...)).items("RouteEntrys", "RouteEntry")
}

func TestRouteTables(t *testing.T) {
	h := newHarness(t, Options{Quotas: Quotas{RouteTablesPerVpc: 1}})
	f := newRouteFixture(h)
	h.fails("CreateRouteTable", kv("RegionId", hz, "VpcId", f.vpc, "Description", "x"), 400, "InvalidParameter.Description.Malformed")
	h.fails("CreateRouteTable", kv("RegionId", hz, "VpcId", "vpc-nope"), 404, "InvalidVpcId.NotFound")
	rt := h.ok("CreateRouteTable", kv("RegionId", hz, "VpcId", f.vpc, "RouteTableName", "private", "Description", "No Internet")).str("RouteTableId")
	h.fails("CreateRouteTable", kv("RegionId", hz, "VpcId", f.vpc), 400, "QuotaExceeded.RouteTable")
	list := h.ok("DescribeRouteTableList", kv("RegionId", hz, "RouteTableId", rt)).items("RouterTableList", "RouterTableListType")
	if len(list) != 1 || list[0]["Status"] != "Pending" || list[0]["RouteTableType"] != "Custom" || list[0]["RouteTableName"] != "private" {
		t.Fatalf("new table: %v", list)
	}
	// A custom table carries the system routes too.
	if n := len(h.entries(rt)); n != 2 {
		t.Errorf("new custom table has %d routes, want 100.64.0.0/10 and the VSwitch", n)
	}
	h.fails("AssociateRouteTable", kv("RegionId", hz, "RouteTableId", rt, "VSwitchId", f.vsw), 400, "IncorrectRouteTableStatus")
	h.settle()
	h.fails("AssociateRouteTable", kv("RegionId", hz, "RouteTableId", f.sys, "VSwitchId", f.vsw), 400, "OperationDenied")
	h.fails("AssociateRouteTable", kv("RegionId", hz, "RouteTableId", "vtb-nope", "VSwitchId", f.vsw), 404, "InvalidRouteTableId.NotFound")
	h.ok("AssociateRouteTable", kv("RegionId", hz, "RouteTableId", rt, "VSwitchId", f.vsw))
	sw := h.ok("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", f.vsw))
	if ref := sw.Body["RouteTable"].(map[string]any); ref["RouteTableId"] != rt || ref["RouteTableType"] != "Custom" {
		t.Errorf("VSwitch route table: %v", ref)
	}
	got := h.ok("DescribeRouteTableList", kv("RegionId", hz, "RouteTableId", rt)).items("RouterTableList", "RouterTableListType")[0]
	if ids := got["VSwitchIds"].(map[string]any)["VSwitchId"].([]any); len(ids) != 1 || ids[0] != f.vsw {
		t.Errorf("table VSwitchIds: %v", ids)
	}
	h.fails("DeleteRouteTable", kv("RegionId", hz, "RouteTableId", rt), 400, "DependencyViolation.VSwitch")
	h.fails("DeleteRouteTable", kv("RegionId", hz, "RouteTableId", f.sys), 400, "OperationDenied")
	h.ok("ModifyRouteTableAttributes", kv("RegionId", hz, "RouteTableId", rt, "RouteTableName", "isolated"))
	h.fails("ModifyRouteTableAttributes", kv("RegionId", hz, "RouteTableId", rt, "RouteTableName", "_x"), 400, "InvalidRouteTableName.Malformed")
	if n := h.ok("DescribeRouteTableList", kv("RegionId", hz, "RouteTableName", "isolated")).num("TotalCount"); n != 1 {
		t.Errorf("rename not visible: %d", n)
	}
	h.ok("UnassociateRouteTable", kv("RegionId", hz, "RouteTableId", rt, "VSwitchId", f.vsw))
	h.fails("UnassociateRouteTable", kv("RegionId", hz, "RouteTableId", rt, "VSwitchId", f.vsw), 400, "InvalidParameter")
	sw = h.ok("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", f.vsw))
	if ref := sw.Body["RouteTable"].(map[string]any); ref["RouteTableId"] != f.sys {
		t.Errorf("after unassociate: %v", ref)
	}
	h.ok("DeleteRouteTable", kv("RegionId", hz, "RouteTableId", rt))
	got = h.ok("DescribeRouteTableList", kv("RegionId", hz, "RouteTableId", rt)).items("RouterTableList", "RouterTableListType")[0]
	if got["Status"] != "Deleting" {
		t.Errorf("status after delete: %v", got["Status"])
	}
	h.settle()
	h.fails("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", rt), 404, "InvalidRouteTableId.NotFound")
	a := h.ok("DescribeRouteTableList", kv("RegionId", hz))
	if a.str("Code") != "200" || a.Body["Success"] != true {
		t.Errorf("DescribeRouteTableList lacks Code/Success: %s", a.Raw)
	}
}

func TestCreateRouteEntryRules(t *testing.T) {
	h := newHarness(t, Options{Quotas: Quotas{RouteEntriesPerTable: 2}})
	f := newRouteFixture(h)
	base := kvBase("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.0.0/24", "NextHopId", f.inst)
	h.refuses("CreateRouteEntry", base, []refusal{
		{[]string{"DestinationCidrBlock", ""}, 400, "MissingParameter"},
		{[]string{"DestinationCidrBlock", "100.64.1.0/24"}, 400, "InvalidCidrBlock"},
		{[]string{"DestinationCidrBlock", "not-a-cidr"}, 400, "InvalidCidrBlock"},
		{[]string{"DestinationCidrBlock", "10.0.1.0/25"}, 400, "InvalidCidrBlock"},
		{[]string{"DestinationCidrBlock", "10.0.0.0/16"}, 400, "InvalidCidrBlock"},
		{[]string{"NextHopId", "i-doesnotexist"}, 404, "InvalidNextHopId.NotFound"},
		{[]string{"NextHopType", "NatGateway"}, 404, "InvalidNextHopId.NotFound"},
		{[]string{"NextHopType", "Teleporter"}, 400, "InvalidNextHopType"},
		{[]string{"NextHopId", ""}, 400, "InvalidNexthopTypeAndList.BothNull"},
		{[]string{"NextHopList.1.NextHopId", f.inst}, 400, "InvalidNexthopTypeAndList.BothNotNull"},
		{[]string{"RouteTableId", "vtb-nope"}, 404, "InvalidRouteTableId.NotFound"},
	})
	ecmp := kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.9.0/24", "NextHopList.1.NextHopId", f.inst)
	h.fails("CreateRouteEntry", ecmp, 400, "InvalidNexthopListSize")

	// An instance of another VPC is not a next hop here.
	other := newRouteFixture(h)
	h.fails("CreateRouteEntry", base("NextHopId", other.inst), 404, "InvalidNextHopId.NotFound")

	// A bare address reads as /32.
	e := h.ok("CreateRouteEntry", base("DestinationCidrBlock", "192.168.7.7", "RouteEntryName", "to-host")).str("RouteEntryId")
	got := h.entries(f.sys, "RouteEntryId", e)
	if len(got) != 1 || got[0]["DestinationCidrBlock"] != "192.168.7.7/32" || got[0]["Status"] != "Pending" || got[0]["Type"] != "Custom" {
		t.Fatalf("new entry: %v", got)
	}
	hop := got[0]["NextHops"].(map[string]any)["NextHop"].([]any)[0].(map[string]any)
	if hop["NextHopType"] != "Instance" || hop["NextHopId"] != f.inst {
		t.Errorf("next hop %v", hop)
	}
	a := h.fails("CreateRouteEntry", base(), 400, "IncorrectRouteEntryStatus")
	if a.str("Message") != "Some route entry status blocked this operation." {
		t.Errorf("message %q", a.str("Message"))
	}
	h.settle()
	if s := h.entries(f.sys, "RouteEntryId", e)[0]["Status"]; s != "Available" {
		t.Fatalf("after settle: %v", s)
	}
	h.fails("CreateRouteEntry", base("DestinationCidrBlock", "192.168.7.7/32"), 400, "InvalidCIDRBlock.Duplicate")
	h.ok("CreateRouteEntry", base())
	h.settle()
	h.fails("CreateRouteEntry", base("DestinationCidrBlock", "192.168.2.0/24"), 400, "QuotaExceeded")
}

func TestDeleteRouteEntry(t *testing.T) {
	h := newHarness(t, Options{})
	f := newRouteFixture(h)
	a := h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.0.0/24", "NextHopId", f.inst)).str("RouteEntryId")
	h.fails("DeleteRouteEntry", kv("RegionId", hz, "RouteEntryId", a), 400, "IncorrectRouteEntryStatus")
	h.settle()
	b := h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.1.0/24", "NextHopId", f.inst)).str("RouteEntryId")
	h.settle()

	sys := h.entries(f.sys, "RouteEntryType", "System")
	h.fails("DeleteRouteEntry", kv("RegionId", hz, "RouteEntryId", sys[0]["RouteEntryId"].(string)), 400, "OperationDenied")
	h.fails("DeleteRouteEntry", kv("RegionId", hz, "RouteEntryId", "rte-nope"), 400, "InvalidRouteEntry.NotFound")
	h.fails("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.5.0/24"), 400, "InvalidRouteEntry.NotFound")
	h.fails("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.1.0/24", "NextHopId", "i-other"), 400, "InvalidRouteEntry.NotFound")

	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteEntryId", a))
	if s := h.entries(f.sys, "RouteEntryId", a)[0]["Status"]; s != "Deleting" {
		t.Fatalf("status while deleting: %v", s)
	}
	h.settle()
	if n := len(h.entries(f.sys, "RouteEntryId", a)); n != 0 {
		t.Fatalf("entry still listed after deletion")
	}
	// By destination and next hop, as the 2019 API does it.
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "192.168.1.0/24", "NextHopId", f.inst))
	h.settle()
	if n := len(h.entries(f.sys, "RouteEntryId", b)); n != 0 {
		t.Fatalf("entry %s still listed", b)
	}
}

func TestDescribeRouteEntryListPaging(t *testing.T) {
	h := newHarness(t, Options{})
	f := newRouteFixture(h)
	for i := range 7 {
		h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", fmt.Sprintf("192.168.%d.0/24", i), "NextHopId", f.inst))
		h.settle()
	}
	h.fails("DescribeRouteEntryList", kv("RegionId", hz), 400, "MissingParameter")
	h.fails("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", f.sys, "MaxResult", "101"), 400, "InvalidParameter")
	h.fails("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", f.sys, "MaxResult", "0"), 400, "InvalidParameter")
	h.fails("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", f.sys, "NextToken", "garbage"), 400, "InvalidParameter")
	def := h.ok("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", f.sys))
	if n := len(def.items("RouteEntrys", "RouteEntry")); n != 9 || def.str("NextToken") != "" {
		t.Fatalf("default MaxResult 10 over 9 entries: %d items, token %q", n, def.str("NextToken"))
	}
	seen, pages := h.walkTokens("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", f.sys, "MaxResult", "2"),
		func(a *answer) []map[string]any { return a.items("RouteEntrys", "RouteEntry") }, "RouteEntryId")
	if len(seen) != 9 || pages != 5 {
		t.Fatalf("walked %d entries in %d pages, want 9 in 5", len(seen), pages)
	}
	if n := len(h.entries(f.sys, "RouteEntryType", "Custom")); n != 7 {
		t.Errorf("Custom filter: %d", n)
	}
	if n := len(h.entries(f.sys, "DestinationCidrBlock", "192.168.3.0/24")); n != 1 {
		t.Errorf("destination filter: %d", n)
	}
	if n := len(h.entries(f.sys, "NextHopId", f.inst)); n != 7 {
		t.Errorf("next hop filter: %d", n)
	}
	h.fails("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", f.sys, "RouteEntryType", "Weird"), 400, "InvalidParameter")
}

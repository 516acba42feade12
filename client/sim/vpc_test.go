package sim

import (
	"strings"
	"testing"
)

const hz = "cn-hangzhou"

// createVpc creates a VPC and returns its ID.
func (h *harness) createVpc(params ...string) string {
	h.t.Helper()
	a := h.ok("CreateVpc", kv(append([]string{"RegionId", hz}, params...)...))
	id := a.str("VpcId")
	if !strings.HasPrefix(id, "vpc-bp1") {
		h.t.Fatalf("VpcId %q", id)
	}
	return id
}

// settledVpc creates a 10.0.0.0/16 VPC and lets it settle (Available).
func (h *harness) settledVpc() string {
	h.t.Helper()
	id := h.createVpc("CidrBlock", "10.0.0.0/16")
	h.settle()
	return id
}

// addVSwitch creates the VSwitch 10.0.1.0/24 in zone cn-hangzhou-b of
// vpcID and returns its ID (Pending until settled).
func (h *harness) addVSwitch(vpcID string) string {
	h.t.Helper()
	return h.ok("CreateVSwitch", kv("RegionId", hz, "VpcId", vpcID, "ZoneId", "cn-hangzhou-b", "CidrBlock", "10.0.1.0/24")).str("VSwitchId")
}

func (h *harness) vpcStatus(id string) string {
	h.t.Helper()
	return h.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id)).str("Status")
}

func (h *harness) countVpcs(region string) int {
	h.t.Helper()
	return h.ok("DescribeVpcs", kv("RegionId", region)).num("TotalCount")
}

func TestCreateVpcLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	a := h.ok("CreateVpc", kv("RegionId", hz, "VpcName", "payments", "Description", "Payments team"))
	id, vrt, rt := a.str("VpcId"), a.str("VRouterId"), a.str("RouteTableId")
	if !strings.HasPrefix(vrt, "vrt-") || !strings.HasPrefix(rt, "vtb-") || a.str("ResourceGroupId") == "" {
		t.Fatalf("CreateVpc answer: %s", a.Raw)
	}
	attr := h.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id))
	if attr.str("Status") != "Pending" || attr.str("CidrBlock") != "172.16.0.0/12" || attr.str("VpcName") != "payments" {
		t.Fatalf("fresh VPC: %s", attr.Raw)
	}
	h.clock.Advance(h.srv.opts.Settle - 1)
	if s := h.vpcStatus(id); s != "Pending" {
		t.Fatalf("before the settle time: %s", s)
	}
	h.clock.Advance(1)
	if s := h.vpcStatus(id); s != "Available" {
		t.Fatalf("after the settle time: %s", s)
	}
	// The VRouter and the system route table with 100.64.0.0/10 came with it.
	vr := h.ok("DescribeVRouters", kv("RegionId", hz, "VRouterId", vrt)).items("VRouters", "VRouter")
	if len(vr) != 1 || vr[0]["VpcId"] != id {
		t.Fatalf("VRouter: %v", vr)
	}
	rts := h.ok("DescribeRouteTableList", kv("RegionId", hz, "VpcId", id)).items("RouterTableList", "RouterTableListType")
	if len(rts) != 1 || rts[0]["RouteTableId"] != rt || rts[0]["RouteTableType"] != "System" {
		t.Fatalf("route tables: %v", rts)
	}
	es := h.ok("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", rt)).items("RouteEntrys", "RouteEntry")
	if len(es) != 1 || es[0]["DestinationCidrBlock"] != "100.64.0.0/10" || es[0]["Type"] != "System" {
		t.Fatalf("system routes: %v", es)
	}
}

func TestCreateVpcRules(t *testing.T) {
	h := newHarness(t, Options{})
	bad := []struct {
		params []string
		code   string
		msg    string
	}{
		{[]string{"CidrBlock", "8.8.0.0/16"}, "InvalidParameter", "Specified CIDR block is not valid"},
		{[]string{"CidrBlock", "10.0.0.0/25"}, "InvalidParameter", "Specified CIDR block is not valid"},
		{[]string{"CidrBlock", "10.0.0.1/16"}, "InvalidParameter", "Specified CIDR block is not valid"},
		{[]string{"CidrBlock", "banana"}, "InvalidParameter", "Specified CIDR block is not valid"},
		{[]string{"VpcName", "1st-vpc"}, "InvalidVpcName.Malformed", "Specified VPC name is not valid."},
		{[]string{"VpcName", "http://vpc"}, "InvalidVpcName.Malformed", ""},
		{[]string{"VpcName", "a"}, "InvalidVpcName.Malformed", ""},
		{[]string{"VpcName", "bad name!"}, "InvalidVpcName.Malformed", ""},
		{[]string{"Description", "x"}, "InvalidParameter.Description.Malformed", "The specified Description is not valid."},
		{[]string{"Description", "https://example.com"}, "InvalidParameter.Description.Malformed", ""},
		{[]string{"UserCidr", "10.0.0.0/8,11.0.0.0/8,12.0.0.0/8,13.0.0.0/8"}, "InvalidUserCidr.Quota", ""},
		{[]string{"UserCidr", "10.0.0.0/33"}, "InvalidParameter", "Specified UserCidr invalid format."},
		{[]string{"UserCidr", "100.64.0.0/16"}, "InvalidUserCidr.Malformed", ""},
		{[]string{"EnableIpv6", "maybe"}, "InvalidParameter", ""},
	}
	before := h.countVpcs(hz)
	for _, tc := range bad {
		a := h.fails("CreateVpc", kv(append([]string{"RegionId", hz}, tc.params...)...), 400, tc.code)
		if tc.msg != "" && a.str("Message") != tc.msg {
			t.Errorf("%v: message %q, want %q", tc.params, a.str("Message"), tc.msg)
		}
	}
	if n := h.countVpcs(hz); n != before {
		t.Fatalf("failed creates left VPCs behind: %d → %d", before, n)
	}
	id := h.createVpc("CidrBlock", "192.168.0.0/16", "VpcName", "中文-vpc.1", "UserCidr", "10.0.0.0/8", "EnableIpv6", "true")
	attr := h.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id))
	if attr.str("CidrBlock") != "192.168.0.0/16" || attr.str("Ipv6CidrBlock") == "" {
		t.Errorf("attributes: %s", attr.Raw)
	}
	h.fails("CreateVpc", kv("RegionId", "atlantis-1"), 404, "InvalidRegionId.NotFound")
}

func TestVpcQuota(t *testing.T) {
	h := newHarness(t, Options{Quotas: Quotas{VpcsPerRegion: 5}})
	n := h.countVpcs(hz) // the demo has 4 here
	for ; n < 5; n++ {
		h.createVpc()
	}
	h.fails("CreateVpc", kv("RegionId", hz), 400, "QuotaExceeded.Vpc")
	h.createVpc0(t, "cn-qingdao") // other regions have their own quota
}

func (h *harness) createVpc0(t *testing.T, region string) {
	t.Helper()
	h.ok("CreateVpc", kv("RegionId", region))
}

func TestClientTokenIdempotence(t *testing.T) {
	h := newHarness(t, Options{})
	before := h.countVpcs(hz)
	params := kv("RegionId", hz, "VpcName", "retry-me", "ClientToken", "tok-1")
	first := h.ok("CreateVpc", params)
	second := h.ok("CreateVpc", params)
	if first.str("VpcId") != second.str("VpcId") || first.str("RouteTableId") != second.str("RouteTableId") {
		t.Fatalf("replay returned other IDs: %s vs %s", first.Raw, second.Raw)
	}
	if first.str("RequestId") == second.str("RequestId") {
		t.Errorf("replay reused the RequestId")
	}
	if n := h.countVpcs(hz); n != before+1 {
		t.Fatalf("%d VPCs created, want 1", n-before)
	}
	h.fails("CreateVpc", kv("RegionId", hz, "VpcName", "other-name", "ClientToken", "tok-1"), 400, "IdempotentParameterMismatch")
	// The token is scoped to the AccessKey and the action.
	sts := sig{keyID: DefaultSTSAccessKeyID, secret: DefaultSTSAccessKeySecret, token: DefaultSecurityToken}
	third := h.do(h.request("CreateVpc", params, sts))
	if third.Status != 200 || third.str("VpcId") == first.str("VpcId") {
		t.Fatalf("another key with the same token: %s", third.Raw)
	}
	h.settle()
	sw := h.ok("CreateVSwitch", kv("RegionId", hz, "VpcId", first.str("VpcId"), "ZoneId", "cn-hangzhou-b",
		"CidrBlock", "172.16.0.0/24", "ClientToken", "tok-1"))
	again := h.ok("CreateVSwitch", kv("RegionId", hz, "VpcId", first.str("VpcId"), "ZoneId", "cn-hangzhou-b",
		"CidrBlock", "172.16.0.0/24", "ClientToken", "tok-1"))
	if sw.str("VSwitchId") != again.str("VSwitchId") {
		t.Fatalf("CreateVSwitch replay made a second VSwitch")
	}
	// A failed call is not remembered: fixing it and retrying works.
	h.fails("CreateVpc", kv("RegionId", hz, "VpcName", "9bad", "ClientToken", "tok-2"), 400, "InvalidVpcName.Malformed")
	h.ok("CreateVpc", kv("RegionId", hz, "VpcName", "good", "ClientToken", "tok-2"))
	h.fails("CreateVpc", kv("RegionId", hz, "ClientToken", strings.Repeat("x", 65)), 400, "InvalidParameter")
}

func TestDryRun(t *testing.T) {
	h := newHarness(t, Options{})
	before := h.countVpcs(hz)
	a := h.fails("CreateVpc", kv("RegionId", hz, "DryRun", "true"), 400, "DryRunOperation")
	if a.str("Message") != "Request validation has been passed with DryRun flag set." {
		t.Errorf("message %q", a.str("Message"))
	}
	// Validation still runs first.
	h.fails("CreateVpc", kv("RegionId", hz, "DryRun", "true", "CidrBlock", "1.2.3.0/24"), 400, "InvalidParameter")
	if n := h.countVpcs(hz); n != before {
		t.Fatalf("DryRun created a VPC")
	}
	id := h.createVpc()
	h.settle()
	h.fails("CreateVSwitch", kv("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-b", "CidrBlock", "172.16.0.0/24", "DryRun", "true"), 400, "DryRunOperation")
	if n := h.ok("DescribeVSwitches", kv("RegionId", hz, "VpcId", id)).num("TotalCount"); n != 0 {
		t.Fatalf("DryRun created a VSwitch")
	}
	sw := h.ok("CreateVSwitch", kv("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-b", "CidrBlock", "172.16.0.0/24")).str("VSwitchId")
	h.settle()
	h.fails("DeleteVSwitch", kv("VSwitchId", sw, "DryRun", "true"), 400, "DryRunOperation")
	h.ok("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", sw))
	h.ok("DeleteVSwitch", kv("VSwitchId", sw))
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id, "DryRun", "true"), 400, "DryRunOperation")
	if s := h.vpcStatus(id); s != "Available" {
		t.Fatalf("DryRun delete changed the status to %s", s)
	}
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id, "DryRun", "yes"), 400, "InvalidParameter")
}

func TestDeleteVpc(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.createVpc("CidrBlock", "10.0.0.0/16")
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 400, "IncorrectVpcStatus")
	h.settle()
	sw := h.addVSwitch(id)
	h.settle()
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 400, "DependencyViolation.VSwitch")
	h.ok("DeleteVSwitch", kv("RegionId", hz, "VSwitchId", sw))

	rt := h.ok("CreateRouteTable", kv("RegionId", hz, "VpcId", id, "RouteTableName", "private")).str("RouteTableId")
	h.settle()
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 400, "DependencyViolation.RouteTable")
	h.ok("DeleteRouteTable", kv("RegionId", hz, "RouteTableId", rt))
	h.settle()

	// A custom route in the system table blocks the delete too.
	inst := h.seedInstance(id)
	sysRT := h.systemTable(id)
	e := h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", sysRT, "DestinationCidrBlock", "192.168.0.0/24", "NextHopId", inst)).str("RouteEntryId")
	h.settle()
	h.clearVSwitches(id)
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 400, "DependencyViolation.RouteEntry")
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteEntryId", e))
	h.settle()

	h.ok("DeleteVpc", kv("RegionId", hz, "VpcId", id))
	if s := h.vpcStatus(id); s != "Deleting" {
		t.Fatalf("status after DeleteVpc = %s", s)
	}
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 400, "IncorrectVpcStatus")
	h.settle()
	h.fails("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id), 404, "InvalidVpcId.NotFound")
	h.fails("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", sysRT), 404, "InvalidRouteTableId.NotFound")
	if n := h.ok("DescribeRouteTableList", kv("RegionId", hz, "VpcId", id)).num("TotalCount"); n != 0 {
		t.Errorf("%d route tables outlived their VPC", n)
	}
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 404, "InvalidVpcId.NotFound")
}

// seedInstance puts an ECS instance (a route next hop) into the VPC's first
// VSwitch, creating one if needed.
func (h *harness) seedInstance(vpcID string) string {
	h.t.Helper()
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	st := h.srv.st
	sws := st.children(kindVSwitch, "vpc", vpcID)
	if len(sws) == 0 {
		vpc := st.find(kindVpc, "", vpcID)
		sws = append(sws, createVSwitch(st, vpc, vswArgs{Zone: vpc.Region + "-" + h.srv.region(vpc.Region).Zones[0],
			CIDR: nextBlock(st, vpc), Status: stAvailable, Created: h.clock.Now()}))
	}
	return addInstance(st, sws[0], "appliance").ID
}

// clearVSwitches removes the VPC's instances and VSwitches behind the API's
// back (there is no ECS API to delete the instances with).
func (h *harness) clearVSwitches(vpcID string) {
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	st := h.srv.st
	for _, i := range st.children(kindInstance, "vpc", vpcID) {
		st.remove(i)
	}
	for _, sw := range st.children(kindVSwitch, "vpc", vpcID) {
		removeVSwitch(st, sw)
	}
}

func (h *harness) systemTable(vpcID string) string {
	h.t.Helper()
	return h.one("DescribeRouteTableList", kv("RegionId", hz, "VpcId", vpcID, "RouteTableType", "System"),
		"RouterTableList", "RouterTableListType")["RouteTableId"].(string)
}

func TestDescribeVpcsFiltersAndPaging(t *testing.T) {
	h := newHarness(t, Options{})
	all := h.ok("DescribeVpcs", kv("RegionId", hz, "PageSize", "50"))
	vpcs := all.items("Vpcs", "Vpc")
	if all.num("TotalCount") != len(vpcs) || len(vpcs) < 3 {
		t.Fatalf("TotalCount %d, %d items", all.num("TotalCount"), len(vpcs))
	}
	first, second := vpcs[0]["VpcId"].(string), vpcs[1]["VpcId"].(string)
	byIDs := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcId", first+","+second))
	if byIDs.num("TotalCount") != 2 {
		t.Errorf("VpcId list: %s", byIDs.Raw)
	}
	byName := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")
	if len(byName) != 1 || byName[0]["VpcName"] != "prod-core" {
		t.Errorf("VpcName filter: %v", byName)
	}
	if n := h.ok("DescribeVpcs", kv("RegionId", hz, "ResourceGroupId", "rg-nope")).num("TotalCount"); n != 0 {
		t.Errorf("ResourceGroupId filter kept %d", n)
	}
	tagged := h.ok("DescribeVpcs", kv("RegionId", hz, "Tag.1.Key", "env", "Tag.1.Value", "staging")).items("Vpcs", "Vpc")
	if len(tagged) != 1 || tagged[0]["VpcName"] != "staging" {
		t.Errorf("tag filter: %v", tagged)
	}
	def := h.ok("DescribeVpcs", kv("RegionId", "cn-beijing", "IsDefault", "true")).items("Vpcs", "Vpc")
	if len(def) != 1 || def[0]["IsDefault"] != true {
		t.Errorf("IsDefault=true: %v", def)
	}
	if n := h.ok("DescribeVpcs", kv("RegionId", "cn-beijing", "IsDefault", "false")).num("TotalCount"); n != 2 {
		t.Errorf("IsDefault=false kept %d, want 2", n)
	}
	page := h.ok("DescribeVpcs", kv("RegionId", hz, "PageSize", "1", "PageNumber", "2"))
	if items := page.items("Vpcs", "Vpc"); len(items) != 1 || items[0]["VpcId"] != second || page.num("PageNumber") != 2 || page.num("PageSize") != 1 {
		t.Errorf("page 2 of size 1: %s", page.Raw)
	}
	if items := h.ok("DescribeVpcs", kv("RegionId", hz, "PageNumber", "99")).items("Vpcs", "Vpc"); len(items) != 0 {
		t.Errorf("a page past the end has %d items", len(items))
	}
	for _, p := range [][]string{{"PageSize", "51"}, {"PageSize", "0"}, {"PageNumber", "0"}, {"PageSize", "ten"}} {
		a := h.fails("DescribeVpcs", kv("RegionId", hz, p[0], p[1]), 400, "InvalidParameter")
		if !strings.Contains(a.str("Message"), `"`+p[0]+`"`) {
			t.Errorf("message does not name %s: %q", p[0], a.str("Message"))
		}
	}
	if v := vpcs[0]; v["VSwitchIds"].(map[string]any)["VSwitchId"] == nil {
		t.Errorf("VSwitchIds missing: %v", v)
	}
}

func TestDescribeVpcAttributeCounts(t *testing.T) {
	h := newHarness(t, Options{})
	v := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")[0]
	attr := h.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", v["VpcId"].(string)))
	counts := map[string]int{}
	for _, r := range attr.items("CloudResources", "CloudResourceSetType") {
		counts[r["ResourceType"].(string)] = int(r["ResourceCount"].(float64))
	}
	if counts["VSwitch"] != 6 || counts["VRouter"] != 1 || counts["RouteTable"] != 2 {
		t.Errorf("CloudResources %v", counts)
	}
	h.fails("DescribeVpcAttribute", kv("RegionId", hz), 400, "MissingParameter")
	h.fails("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", "vpc-nope"), 404, "InvalidVpcId.NotFound")
}

func TestModifyAttributes(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.createVpc("CidrBlock", "10.8.0.0/16")
	h.fails("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "VpcName", "renamed"), 400, "IncorrectVpcStatus")
	h.settle()
	h.ok("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "VpcName", "renamed", "Description", "New words"))
	attr := h.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id))
	if attr.str("VpcName") != "renamed" || attr.str("Description") != "New words" {
		t.Errorf("after modify: %s", attr.Raw)
	}
	h.fails("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "VpcName", "-x"), 400, "InvalidVpcName.Malformed")
	h.fails("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", "vpc-missing"), 404, "InvalidVpcId.NotFound")
	sw := h.ok("CreateVSwitch", kv("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-b", "CidrBlock", "10.8.1.0/24")).str("VSwitchId")
	h.settle()
	// The block may grow but must keep every VSwitch inside it.
	h.fails("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "CidrBlock", "10.9.0.0/16"), 400, "InvalidParameter")
	h.ok("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "CidrBlock", "10.8.0.0/15"))

	h.ok("ModifyVSwitchAttribute", kv("RegionId", hz, "VSwitchId", sw, "VSwitchName", "web-b", "Description", "Web tier"))
	got := h.ok("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", sw))
	if got.str("VSwitchName") != "web-b" || got.str("Description") != "Web tier" {
		t.Errorf("VSwitch after modify: %s", got.Raw)
	}
	h.fails("ModifyVSwitchAttribute", kv("RegionId", hz, "VSwitchId", sw, "VSwitchName", "9x"), 400, "InvalidVSwitchName.Malformed")
	h.fails("ModifyVSwitchAttribute", kv("RegionId", hz, "VSwitchId", sw, "Description", "?"), 400, "InvalidVSwitchDiscription.Malformed")
	h.fails("ModifyVSwitchAttribute", kv("RegionId", hz, "VSwitchId", "vsw-nope"), 404, "InvalidVSwitchId.NotFound")

	vrt := attr.str("VRouterId")
	h.ok("ModifyVRouterAttribute", kv("RegionId", hz, "VRouterId", vrt, "VRouterName", "edge-router"))
	r := h.ok("DescribeVRouters", kv("RegionId", hz, "VRouterId", vrt)).items("VRouters", "VRouter")
	if len(r) != 1 || r[0]["VRouterName"] != "edge-router" {
		t.Errorf("VRouter after modify: %v", r)
	}
	h.fails("ModifyVRouterAttribute", kv("RegionId", hz, "VRouterId", vrt, "VRouterName", "http://x"), 400, "InvalidVRouterName.Malformed")
	h.fails("ModifyVRouterAttribute", kv("RegionId", hz, "VRouterId", "vrt-nope"), 404, "InvalidVRouterId.NotFound")
}

func TestCreateVSwitchRules(t *testing.T) {
	h := newHarness(t, Options{Quotas: Quotas{VSwitchesPerVpc: 2}})
	id := h.createVpc("CidrBlock", "10.0.0.0/16")
	base := kvBase("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-b", "CidrBlock", "10.0.1.0/24")
	h.fails("CreateVSwitch", base(), 400, "IncorrectVpcStatus")
	h.settle()
	for _, missing := range []string{"VpcId", "ZoneId", "CidrBlock"} {
		p := base()
		delete(p, missing)
		a := h.fails("CreateVSwitch", p, 400, "MissingParameter")
		if !strings.Contains(a.str("Message"), `"`+missing+`"`) {
			t.Errorf("message does not name %s", missing)
		}
	}
	cases := []struct {
		params       []string
		status       int
		code, detail string
	}{
		{[]string{"CidrBlock", "10.0.0.0/30"}, 400, "InvalidCirdrBlock.MaskLength", ""},
		{[]string{"CidrBlock", "10.0.0.0/15"}, 400, "InvalidCirdrBlock.MaskLength", ""},
		{[]string{"CidrBlock", "10.1.0.0/24"}, 400, "InvalidParameter", "Specified CIDR block is not valid in VPC."},
		{[]string{"ZoneId", "cn-hangzhou-z"}, 404, "InvalidZoneId.NotFound", ""},
		{[]string{"ZoneId", "cn-shanghai-b"}, 404, "InvalidZoneId.NotFound", ""},
		{[]string{"VpcId", "vpc-missing"}, 404, "InvalidVpcId.NotFound", ""},
		{[]string{"VSwitchName", "-bad"}, 400, "InvalidVSwitchName.Malformed", ""},
	}
	for _, tc := range cases {
		a := h.fails("CreateVSwitch", base(tc.params...), tc.status, tc.code)
		if tc.detail != "" && a.str("Message") != tc.detail {
			t.Errorf("%v: message %q", tc.params, a.str("Message"))
		}
	}
	first := h.ok("CreateVSwitch", base("VSwitchName", "web-b")).str("VSwitchId")
	a := h.fails("CreateVSwitch", base("CidrBlock", "10.0.2.0/24"), 400, "IncorrectVSwitchStatus")
	if a.str("Message") != "VSwitch Creation simultaneously is not supported." {
		t.Errorf("message %q", a.str("Message"))
	}
	got := h.ok("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", first))
	if got.str("Status") != "Pending" || got.num("AvailableIpAddressCount") != 252 {
		t.Errorf("fresh VSwitch: %s", got.Raw)
	}
	h.settle()
	if s := h.ok("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", first)).str("Status"); s != "Available" {
		t.Fatalf("after settle: %s", s)
	}
	h.fails("CreateVSwitch", base("CidrBlock", "10.0.1.128/25"), 400, "InvalidCidrBlock.Overlapped")
	h.fails("CreateVSwitch", base("CidrBlock", "10.0.0.0/16"), 400, "InvalidCidrBlock.Overlapped")
	h.ok("CreateVSwitch", base("CidrBlock", "10.0.2.0/24"))
	h.settle()
	h.fails("CreateVSwitch", base("CidrBlock", "10.0.3.0/24"), 400, "QuotaExceeded.VSwitch")

	// Each VSwitch block is a system route of the VPC's route table.
	sys := h.systemTable(id)
	es := h.ok("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", sys, "RouteEntryType", "System", "MaxResult", "100")).items("RouteEntrys", "RouteEntry")
	dests := map[string]bool{}
	for _, e := range es {
		dests[e["DestinationCidrBlock"].(string)] = true
	}
	if !dests["10.0.1.0/24"] || !dests["10.0.2.0/24"] || !dests["100.64.0.0/10"] || len(dests) != 3 {
		t.Errorf("system routes %v", dests)
	}
}

func TestCreateVSwitchRefusesACustomRouteDestination(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	inst := h.seedInstance(id)
	h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", h.systemTable(id), "DestinationCidrBlock", "10.0.200.0/24", "NextHopId", inst))
	h.fails("CreateVSwitch", kv("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-b", "CidrBlock", "10.0.201.0/24"), 400, "IncorrectRouteEntryStatus")
	h.settle()
	a := h.fails("CreateVSwitch", kv("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-b", "CidrBlock", "10.0.200.0/24"), 400, "InvalidCidrBlock.Overlapped")
	if a.str("Message") != "Specified CIDR block overlapped with other entry." {
		t.Errorf("message %q", a.str("Message"))
	}
}

func TestDeleteVSwitch(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	sw := h.ok("CreateVSwitch", kv("RegionId", hz, "VpcId", id, "ZoneId", "cn-hangzhou-f", "CidrBlock", "10.0.1.0/24")).str("VSwitchId")
	h.fails("DeleteVSwitch", kv("VSwitchId", sw), 400, "IncorrectVSwitchStatus")
	h.settle()
	h.fails("DeleteVSwitch", nil, 400, "MissingParameter")
	h.ok("DeleteVSwitch", kv("VSwitchId", sw)) // RegionId is optional
	h.fails("DescribeVSwitchAttributes", kv("RegionId", hz, "VSwitchId", sw), 404, "InvalidVSwitchId.NotFound")
	h.fails("DeleteVSwitch", kv("VSwitchId", sw), 404, "InvalidVSwitchId.NotFound")
	es := h.ok("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", h.systemTable(id), "DestinationCidrBlock", "10.0.1.0/24")).items("RouteEntrys", "RouteEntry")
	if len(es) != 0 {
		t.Errorf("the VSwitch's system route outlived it: %v", es)
	}
	// An ECS instance in a VSwitch blocks its deletion.
	h.seedInstance(id)
	only := h.ok("DescribeVSwitches", kv("RegionId", hz, "VpcId", id)).items("VSwitches", "VSwitch")
	h.fails("DeleteVSwitch", kv("VSwitchId", only[0]["VSwitchId"].(string)), 400, "DependencyViolation")
}

func TestDescribeVSwitchesFilters(t *testing.T) {
	h := newHarness(t, Options{})
	vpc := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	count := func(params ...string) int {
		t.Helper()
		a := h.ok("DescribeVSwitches", kv(append([]string{"RegionId", hz, "PageSize", "50"}, params...)...))
		if n := len(a.items("VSwitches", "VSwitch")); n != a.num("TotalCount") {
			t.Fatalf("%v: %d items, TotalCount %d", params, n, a.num("TotalCount"))
		}
		return a.num("TotalCount")
	}
	if n := count("VpcId", vpc); n != 6 {
		t.Errorf("VpcId: %d", n)
	}
	if n := count("VpcId", vpc, "ZoneId", "cn-hangzhou-b"); n != 3 {
		t.Errorf("VpcId+ZoneId: %d", n)
	}
	if n := count("VSwitchName", "prod-core-db-f"); n != 1 {
		t.Errorf("VSwitchName: %d", n)
	}
	if n := count("ZoneId", "cn-hangzhou-g"); n != 2 {
		t.Errorf("ZoneId: %d", n)
	}
	private := h.ok("DescribeRouteTableList", kv("RegionId", hz, "VpcId", vpc, "RouteTableType", "Custom")).items("RouterTableList", "RouterTableListType")
	if len(private) != 1 {
		t.Fatalf("custom tables: %v", private)
	}
	if n := count("RouteTableId", private[0]["RouteTableId"].(string)); n != 2 {
		t.Errorf("RouteTableId: %d", n)
	}
	if n := count("VpcId", vpc, "RouteTableId", private[0]["RouteTableId"].(string)); n != 2 {
		t.Errorf("VpcId+RouteTableId: %d", n)
	}
	h.fails("DescribeVSwitches", kv("RegionId", hz, "VpcId", "vpc-nope"), 400, "Forbidden.VpcNotFound")
	h.fails("DescribeVSwitches", kv("RegionId", hz, "VSwitchId", "vsw-nope"), 404, "InvalidVSwitchId.NotFound")
	if n := count("IsDefault", "true"); n != 0 {
		t.Errorf("IsDefault: %d default VSwitches in %s", n, hz)
	}
}

func TestRegionsZonesAndServices(t *testing.T) {
	h := newHarness(t, Options{})
	zh := h.ok("DescribeRegions", nil).items("Regions", "Region")
	en := h.ok("DescribeRegions", kv("AcceptLanguage", "en-US")).items("Regions", "Region")
	if len(en) < 20 || len(zh) != len(en) {
		t.Fatalf("%d regions", len(en))
	}
	names := map[string]string{}
	for _, r := range en {
		names[r["RegionId"].(string)] = r["LocalName"].(string)
		if r["RegionEndpoint"] == "" {
			t.Errorf("no endpoint: %v", r)
		}
	}
	if names["cn-hangzhou"] != "China (Hangzhou)" || names["eu-central-1"] != "Germany (Frankfurt)" {
		t.Errorf("English names: %v", names)
	}
	if zh[5]["LocalName"] == en[5]["LocalName"] {
		t.Errorf("zh-CN answered in English: %v", zh[5])
	}
	zones := h.ok("DescribeZones", kv("RegionId", hz, "AcceptLanguage", "en-US")).items("Zones", "Zone")
	if len(zones) < 3 || zones[0]["ZoneId"] != "cn-hangzhou-b" || zones[0]["LocalName"] != "Hangzhou Zone B" {
		t.Errorf("zones: %v", zones)
	}
	h.fails("DescribeZones", kv("RegionId", "nowhere-1"), 404, "InvalidRegionId.NotFound")

	status := func(action, region string) bool {
		t.Helper()
		v, _ := h.ok(action, kv("RegionId", region)).Body["Enabled"].(bool)
		return v
	}
	if !status("GetTrafficMirrorServiceStatus", hz) || status("GetTrafficMirrorServiceStatus", "cn-shanghai") {
		t.Fatalf("demo traffic mirroring: opened everywhere but cn-shanghai")
	}
	a := h.ok("OpenTrafficMirrorService", kv("RegionId", "cn-shanghai"))
	if a.str("Code") != "200" || a.str("Message") != "successful" {
		t.Errorf("open answer %s", a.Raw)
	}
	if status("GetTrafficMirrorServiceStatus", "cn-shanghai") {
		t.Errorf("enabled before the opening finished")
	}
	h.fails("OpenTrafficMirrorService", kv("RegionId", "cn-shanghai"), 400, "OperationConflict")
	h.settle()
	if !status("GetTrafficMirrorServiceStatus", "cn-shanghai") {
		t.Errorf("not enabled after opening")
	}
	h.fails("OpenTrafficMirrorService", kv("RegionId", "cn-shanghai"), 400, "OperationFailed.ServiceOpened")

	// IP address pools are account-wide (seed 004): the demo account has
	// not opened them; opening them from one region opens them everywhere.
	if status("GetPublicIpAddressPoolServiceStatus", hz) || status("GetPublicIpAddressPoolServiceStatus", "cn-shanghai") {
		t.Fatalf("demo IP pools are open")
	}
	h.ok("OpenPublicIpAddressPoolService", kv("RegionId", "cn-shanghai"))
	// One activation at a time per account.
	h.fails("OpenPublicIpAddressPoolService", kv("RegionId", "eu-central-1"), 400, "OperationConflict")
	h.settle()
	if !status("GetPublicIpAddressPoolServiceStatus", "eu-central-1") || !status("GetPublicIpAddressPoolServiceStatus", hz) {
		t.Errorf("IP pools opened from cn-shanghai are not enabled in every region")
	}
	h.fails("OpenPublicIpAddressPoolService", kv("RegionId", "eu-central-1"), 400, "OperationFailed.ServiceOpened")
}

func TestEmptyDataset(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	if n := len(h.ok("DescribeRegions", nil).items("Regions", "Region")); n < 20 {
		t.Errorf("%d regions", n)
	}
	if n := h.countVpcs(hz); n != 0 {
		t.Errorf("%d VPCs in the empty dataset", n)
	}
	if v, _ := h.ok("GetTrafficMirrorServiceStatus", kv("RegionId", hz)).Body["Enabled"].(bool); v {
		t.Errorf("services are open in the empty dataset")
	}
	if _, err := New(Options{Dataset: "huge"}); err == nil {
		t.Errorf("an unknown dataset was accepted")
	}
}

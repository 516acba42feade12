package sim

import (
	"strconv"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"

	"github.com/alivpc/alivpc/model"
)

// demoVRouter finds a seeded VPC by name: its region, VRouter and ID.
func (h *harness) demoVRouter(name string) (region, vrouter, vpcID string) {
	h.t.Helper()
	r := h.demoVpc(name)
	return r.Region, vpcOf(r).VRouterId, r.ID
}

func sdkRI(t *testing.T, c *vpc.Client, region, id string) *vpc.RouterInterfaceType {
	t.Helper()
	req := vpc.CreateDescribeRouterInterfacesRequest()
	req.RegionId = region
	req.Filter = &[]vpc.DescribeRouterInterfacesFilter{{Key: "RouterInterfaceId", Value: &[]string{id}}}
	resp := sdkDo(t, c.DescribeRouterInterfaces, req)
	return sdkOne(t, id, resp.RouterInterfaceSet.RouterInterfaceType, resp.TotalCount)
}

// TestOfficialSDKRouterInterfaceLifecycle drives all eight router
// interface operations through the official SDK across two regions:
// create both ends (Idle) → connect → Connecting → Active (both ends) →
// modify spec → Activating → Active → modify attribute → deactivate →
// Deactivating → Inactive → activate → Activating → Active → deactivate →
// delete, with the documented error codes on the way.
func TestOfficialSDKRouterInterfaceLifecycle(t *testing.T) {
	h, c := sdkHarness(t)
	hzRegion, hzRouter, hzVpc := h.demoVRouter("dev-sandbox")
	shRegion, shRouter, _ := h.demoVRouter("data-platform")

	create := func(region, role, router, spec, oppRegion, oppRouter, oppIf string) (*vpc.CreateRouterInterfaceResponse, error) {
		r := vpc.CreateCreateRouterInterfaceRequest()
		r.RegionId, r.Role, r.RouterType, r.RouterId, r.Spec = region, role, "VRouter", router, spec
		r.OppositeRegionId, r.OppositeRouterType, r.OppositeRouterId, r.OppositeInterfaceId = oppRegion, "VRouter", oppRouter, oppIf
		r.Name = "sdk-" + role
		return c.CreateRouterInterface(r)
	}
	// Documented refusals first: an acceptor with a bandwidth spec, an
	// unknown role, an unknown router.
	if _, err := create(shRegion, "AcceptingSide", shRouter, "Small.1", hzRegion, hzRouter, ""); sdkCode(err) != "InvalidSpec.ValudNotSupported" {
		t.Errorf("acceptor with Small.1: %v", err)
	}
	if _, err := create(shRegion, "Both", shRouter, "Negative", hzRegion, hzRouter, ""); sdkCode(err) != "InvalidRole.ValueNotSupported" {
		t.Errorf("role Both: %v", err)
	}
	if _, err := create(shRegion, "AcceptingSide", "vrt-nope", "Negative", hzRegion, hzRouter, ""); sdkCode(err) != "InvalidRouterId.NotFound" {
		t.Errorf("unknown router: %v", err)
	}

	acc, err := create(shRegion, "AcceptingSide", shRouter, "Negative", hzRegion, hzRouter, "")
	if err != nil {
		t.Fatalf("CreateRouterInterface (acceptor): %v", err)
	}
	ini, err := create(hzRegion, "InitiatingSide", hzRouter, "Small.1", shRegion, shRouter, acc.RouterInterfaceId)
	if err != nil {
		t.Fatalf("CreateRouterInterface (initiator): %v", err)
	}
	ri := sdkRI(t, c, hzRegion, ini.RouterInterfaceId)
	if ri == nil || ri.Status != "Idle" || ri.Role != "InitiatingSide" || ri.RouterId != hzRouter || ri.VpcInstanceId != hzVpc ||
		ri.Spec != "Small.1" || ri.Bandwidth != 10 || ri.OppositeRegionId != shRegion || ri.OppositeInterfaceStatus != "Idle" ||
		ri.OppositeInterfaceSpec != "Negative" || ri.OppositeInterfaceOwnerId != strconv.FormatInt(AccountUID, 10) {
		t.Fatalf("fresh initiator: %+v", ri)
	}

	// The SDK keeps a request's parameters once sent: one request per
	// set of values.
	conn := vpc.CreateConnectRouterInterfaceRequest()
	conn.RegionId, conn.RouterInterfaceId = shRegion, acc.RouterInterfaceId
	sdkRefuses(t, "connecting the acceptor", c.ConnectRouterInterface, conn, "IncorrectRole.NotInitiatingSide")
	conn = vpc.CreateConnectRouterInterfaceRequest()
	conn.RegionId, conn.RouterInterfaceId = hzRegion, ini.RouterInterfaceId
	sdkDo(t, c.ConnectRouterInterface, conn)
	if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri.Status != "Connecting" || ri.OppositeInterfaceStatus != "Connecting" {
		t.Errorf("connecting: %s, opposite %s", ri.Status, ri.OppositeInterfaceStatus)
	}
	h.settle()
	ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId)
	a := sdkRI(t, c, shRegion, acc.RouterInterfaceId)
	if ri.Status != "Active" || ri.OppositeInterfaceStatus != "Active" || a.Status != "Active" || a.OppositeInterfaceId != ini.RouterInterfaceId ||
		a.OppositeRouterId != hzRouter || a.OppositeBandwidth != 10 || ri.ConnectedTime == "" {
		t.Fatalf("connected: initiator %+v\nacceptor %+v", ri, a)
	}
	sdkRefuses(t, "connecting an Active interface", c.ConnectRouterInterface, conn, "IncorrectStatus")

	spec := vpc.CreateModifyRouterInterfaceSpecRequest()
	spec.RegionId, spec.RouterInterfaceId, spec.Spec = shRegion, acc.RouterInterfaceId, "Middle.1"
	sdkRefuses(t, "a spec for the acceptor", c.ModifyRouterInterfaceSpec, spec, "InvalidSpec.ValudNotSupported")
	spec = vpc.CreateModifyRouterInterfaceSpecRequest()
	spec.RegionId, spec.RouterInterfaceId, spec.Spec = hzRegion, ini.RouterInterfaceId, "Middle.1"
	if out, err := c.ModifyRouterInterfaceSpec(spec); err != nil || out.Spec != "Middle.1" {
		t.Fatalf("ModifyRouterInterfaceSpec: %+v, %v", out, err)
	}
	if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri.Status != "Activating" || ri.Bandwidth != 100 {
		t.Errorf("after the spec change: %s, %d Mbps", ri.Status, ri.Bandwidth)
	}
	h.settle()
	if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri.Status != "Active" {
		t.Errorf("spec change settled in %s", ri.Status)
	}

	attrReq := func() *vpc.ModifyRouterInterfaceAttributeRequest {
		r := vpc.CreateModifyRouterInterfaceAttributeRequest()
		r.RegionId, r.RouterInterfaceId = hzRegion, ini.RouterInterfaceId
		return r
	}
	attr := attrReq()
	attr.Name = "http://x"
	sdkRefuses(t, "a bad name", c.ModifyRouterInterfaceAttribute, attr, "InvalidName.Malformd")
	attr = attrReq()
	attr.OppositeRouterId = "vrt-other"
	sdkRefuses(t, "moving a connected interface's opposite end", c.ModifyRouterInterfaceAttribute, attr, "InvalidParam.ModifyRouterInterface")
	attr = attrReq()
	attr.Name, attr.Description = "hz-to-sh", "Hangzhou to Shanghai"
	sdkDo(t, c.ModifyRouterInterfaceAttribute, attr)
	if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri.Name != "hz-to-sh" || ri.Description != "Hangzhou to Shanghai" || ri.OppositeRouterId != shRouter {
		t.Errorf("after modify: %+v", ri)
	}

	del := vpc.CreateDeleteRouterInterfaceRequest()
	del.RegionId, del.RouterInterfaceId = hzRegion, ini.RouterInterfaceId
	sdkRefuses(t, "deleting an Active interface", c.DeleteRouterInterface, del, "IncorrectStatus")
	act := vpc.CreateActivateRouterInterfaceRequest()
	act.RegionId, act.RouterInterfaceId = hzRegion, ini.RouterInterfaceId
	sdkRefuses(t, "activating an Active interface", c.ActivateRouterInterface, act, "IncorrectStatus")
	deact := vpc.CreateDeactivateRouterInterfaceRequest()
	deact.RegionId, deact.RouterInterfaceId = hzRegion, ini.RouterInterfaceId
	step := func(name string, call func() error, via, to string) {
		t.Helper()
		if err := call(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri.Status != via {
			t.Errorf("after %s: %s, want %s", name, ri.Status, via)
		}
		h.settle()
		if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri.Status != to {
			t.Errorf("%s settled in %s, want %s", name, ri.Status, to)
		}
	}
	deactivate := func() error { _, err := c.DeactivateRouterInterface(deact); return err }
	step("DeactivateRouterInterface", deactivate, "Deactivating", "Inactive")
	sdkRefuses(t, "deactivating an Inactive interface", c.DeactivateRouterInterface, deact, "IncorrectStatus")
	step("ActivateRouterInterface", func() error { _, err := c.ActivateRouterInterface(act); return err }, "Activating", "Active")
	step("DeactivateRouterInterface", deactivate, "Deactivating", "Inactive")

	// A route through the interface refuses its deletion.
	h.srv.mu.Lock()
	table := systemTable(h.srv.st, hzVpc).ID
	h.srv.mu.Unlock()
	rr := vpc.CreateCreateRouteEntryRequest()
	rr.RegionId, rr.RouteTableId, rr.DestinationCidrBlock = hzRegion, table, "10.30.0.0/16"
	rr.NextHopType, rr.NextHopId = "RouterInterface", ini.RouterInterfaceId
	re, err := c.CreateRouteEntry(rr)
	if err != nil {
		t.Fatalf("CreateRouteEntry via the interface: %v", err)
	}
	h.settle()
	sdkRefuses(t, "deleting an interface a route uses", c.DeleteRouterInterface, del, "DependencyViolation.RouterInterfaceReferedByRouteEntry")
	dr := vpc.CreateDeleteRouteEntryRequest()
	dr.RegionId, dr.RouteEntryId, dr.RouteTableId = hzRegion, re.RouteEntryId, table
	sdkDo(t, c.DeleteRouteEntry, dr)
	h.settle()
	del = vpc.CreateDeleteRouterInterfaceRequest()
	del.RegionId, del.RouterInterfaceId = hzRegion, ini.RouterInterfaceId

	sdkDo(t, c.DeleteRouterInterface, del)
	if ri = sdkRI(t, c, hzRegion, ini.RouterInterfaceId); ri != nil {
		t.Errorf("deleted interface still listed: %+v", ri)
	}
	if a = sdkRI(t, c, shRegion, acc.RouterInterfaceId); a.OppositeInterfaceStatus != "Deleted" {
		t.Errorf("the acceptor's opposite reads %q, want Deleted", a.OppositeInterfaceStatus)
	}
	del = vpc.CreateDeleteRouterInterfaceRequest()
	del.RegionId, del.RouterInterfaceId = hzRegion, ini.RouterInterfaceId
	sdkRefuses(t, "deleting a deleted interface", c.DeleteRouterInterface, del, "InvalidInstanceId.NotFound")
}

// TestRouterInterfaceRules checks the create-time limits and the listing's
// filter errors, and the demo's pairs.
func TestRouterInterfaceRules(t *testing.T) {
	h := newHarness(t, Options{})
	region, router, _ := h.demoVRouter("dev-sandbox")
	_, bjRouter, _ := h.demoVRouter("analytics")
	create := func(extra ...string) map[string]string {
		p := kv("RegionId", region, "Role", "InitiatingSide", "RouterType", "VRouter", "RouterId", router, "Spec", "Mini.2",
			"OppositeRegionId", "cn-beijing")
		for i := 0; i+1 < len(extra); i += 2 {
			p[extra[i]] = extra[i+1]
		}
		return p
	}
	h.fails("CreateRouterInterface", create("AccessPointId", "ap-cn-hangzhou-xx"), 400, "InvalidAccessPoint.ValueNotAllowed")
	h.fails("CreateRouterInterface", create("OppositeRegionId", "mars-1"), 404, "InvalidRegionId.NotFound")
	h.fails("CreateRouterInterface", create("RouterType", "Switch"), 400, "InvalidRouterType.ValueNotSupported")
	h.fails("CreateRouterInterface", create("Description", "x"), 400, "InvalidDescription.Malformed")
	h.ok("CreateRouterInterface", create("OppositeRouterId", bjRouter))
	h.fails("CreateRouterInterface", create("OppositeRouterId", bjRouter), 400, "Forbidden.OnlyOneConnection")
	for i := 1; i < model.MaxRouterInterfacesPerRouter; i++ {
		h.ok("CreateRouterInterface", create())
	}
	h.fails("CreateRouterInterface", create(), 400, "LimitationExceed.InterfaceNumberOnRouter")

	// A VBR only initiates.
	vbr := h.seeded("VBR in "+hz, func(r *record) bool { return r.Kind == kindVbr && r.Region == hz })
	h.fails("CreateRouterInterface", kv("RegionId", hz, "Role", "AcceptingSide", "RouterType", "VBR", "RouterId", vbr.ID, "Spec", "Negative",
		"OppositeRegionId", hz), 400, "InvalidRole.ValueNotSupported")
	// The VBR's own interface (its end of the VPC connection) is listed
	// under it, Active, and keeps the VBR from being deleted.
	items := h.ok("DescribeRouterInterfaces", kv("RegionId", hz, "Filter.1.Key", "RouterId", "Filter.1.Value.1", vbr.ID)).items("RouterInterfaceSet", "RouterInterfaceType")
	if len(items) != 1 || items[0]["Status"] != "Active" || items[0]["Role"] != "InitiatingSide" || items[0]["OppositeInterfaceStatus"] != "Active" {
		t.Errorf("the VBR's interfaces: %v", items)
	}

	h.fails("DescribeRouterInterfaces", kv("RegionId", hz, "Filter.1.Key", "Colour", "Filter.1.Value.1", "red"), 404, "InvalidFilterKey.ValueNotSupported")
	h.fails("DescribeRouterInterfaces", kv("RegionId", hz, "Filter.1.Key", "Status"), 400, "InvalidParam.NotNull")

	// The demo: an Active pair, an Idle initiator, an Inactive one.
	status := map[string]string{}
	for _, r := range []string{"cn-hangzhou", "eu-central-1"} {
		for _, it := range h.ok("DescribeRouterInterfaces", kv("RegionId", r, "PageSize", "50")).items("RouterInterfaceSet", "RouterInterfaceType") {
			status[it["Name"].(string)] = it["Status"].(string) + "/" + it["OppositeInterfaceStatus"].(string)
		}
	}
	for name, want := range map[string]string{"hz-to-bj-analytics": "Active/Active", "stg-to-sea": "Idle/", "eu-to-sea": "Inactive/Active"} {
		if status[name] != want {
			t.Errorf("demo %s: %q, want %q (all: %v)", name, status[name], want, status)
		}
	}
}

// TestLargeRouterInterfacesOnce lists every router interface of the large
// dataset region by region, page by page: each exactly once, all of them.
func TestLargeRouterInterfacesOnce(t *testing.T) {
	h := readLarge(t)
	h.srv.mu.Lock()
	want := 0
	for _, r := range h.srv.st.byID {
		if r.Kind == kindRouterInterface {
			want++
		}
	}
	regions := []string{}
	for _, r := range h.srv.regions {
		regions = append(regions, r.ID)
	}
	h.srv.mu.Unlock()
	if want < 150 {
		t.Fatalf("large dataset holds %d router interfaces", want)
	}
	seen := map[string]bool{}
	for _, region := range regions {
		h.walkPages(seen, "DescribeRouterInterfaces", kv("RegionId", region), "RouterInterfaceSet", "RouterInterfaceType", "RouterInterfaceId")
	}
	if len(seen) != want {
		t.Errorf("listed %d router interfaces, the dataset holds %d", len(seen), want)
	}
}

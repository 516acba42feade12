package sim

import (
	"encoding/json"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// demoVpc finds a seeded VPC by name.
func (h *harness) demoVpc(name string) *record {
	h.t.Helper()
	return h.seeded("demo VPC "+name, func(r *record) bool { return r.Kind == kindVpc && vpcOf(r).VpcName == name })
}

// demoVpcID is the ID of the seeded VPC called name.
func (h *harness) demoVpcID(name string) string {
	h.t.Helper()
	return h.demoVpc(name).ID
}

func sdkIpv6Gw(t *testing.T, c *vpc.Client, id string) *vpc.DescribeIpv6GatewayAttributeResponse {
	t.Helper()
	req := vpc.CreateDescribeIpv6GatewayAttributeRequest()
	req.Ipv6GatewayId = id
	return sdkDo(t, c.DescribeIpv6GatewayAttribute, req)
}

func sdkIpv6Addr(t *testing.T, c *vpc.Client, id string) vpc.Ipv6Address {
	t.Helper()
	req := vpc.CreateDescribeIpv6AddressesRequest()
	req.Ipv6AddressId = id
	resp := sdkDo(t, c.DescribeIpv6Addresses, req)
	return *sdkOnly(t, id, resp.Ipv6Addresses.Ipv6Address, resp.TotalCount)
}

func sdkIpv6Rules(t *testing.T, c *vpc.Client, gw string) []vpc.Ipv6EgressOnlyRule {
	t.Helper()
	req := vpc.CreateDescribeIpv6EgressOnlyRulesRequest()
	req.Ipv6GatewayId = gw
	return sdkDo(t, c.DescribeIpv6EgressOnlyRules, req).Ipv6EgressOnlyRules.Ipv6EgressOnlyRule
}

// sdkModifyIpv6GatewaySpec: the SDK has no typed ModifyIpv6GatewaySpec (the
// operation of seed 003 §14.4), so it goes through the SDK's CommonRequest,
// signed and sent by the SDK all the same.
func sdkModifyIpv6GatewaySpec(c *vpc.Client, id, spec string) error {
	body, err := sdkCommon(c, "ModifyIpv6GatewaySpec", kv("Ipv6GatewayId", id, "Spec", spec))
	if err != nil {
		return err
	}
	var answer struct{ RequestId string }
	return json.Unmarshal(body, &answer)
}

// TestOfficialSDKIpv6Lifecycle drives the 12 operations of seed 003 §14
// through the official SDK: a gateway for staging (which has IPv6 blocks
// and no gateway) Creating → Available, a spec change Modifying →
// Available, an egress-only rule Creating → Available, bandwidth on the
// staging address (Pending → Available each time) allocated, changed and
// deleted, the rule and the gateway deleted (Deleting → gone), and the
// codes on the way.
func TestOfficialSDKIpv6Lifecycle(t *testing.T) {
	h, c := sdkHarness(t)
	staging := h.demoVpcID("staging")

	cr := vpc.CreateCreateIpv6GatewayRequest()
	cr.VpcId, cr.Name, cr.Description, cr.Spec = staging, "sdk-ipv6", "made.by_the-SDK", "Medium"
	out, err := c.CreateIpv6Gateway(cr)
	if err != nil || out.Ipv6GatewayId == "" {
		t.Fatalf("CreateIpv6Gateway: %v %+v", err, out)
	}
	gw := out.Ipv6GatewayId
	if g := sdkIpv6Gw(t, c, gw); g.Status != "Creating" || g.VpcId != staging || g.Spec != "Medium" || g.Name != "sdk-ipv6" {
		t.Fatalf("fresh gateway: %+v", g)
	}
	h.settle()
	if g := sdkIpv6Gw(t, c, gw); g.Status != "Available" {
		t.Fatalf("settled gateway is %s", g.Status)
	}
	// One gateway per VPC; the seed's code for an unknown region.
	sdkRefuses(t, "a second gateway in "+staging, c.CreateIpv6Gateway, cr, "QuotaExceeded.Ipv6Gateway")
	bad := vpc.CreateCreateIpv6GatewayRequest()
	bad.RegionId, bad.VpcId = "cn-nowhere-1", staging
	sdkRefuses(t, "CreateIpv6Gateway in an unknown region", c.CreateIpv6Gateway, bad, "InvalidRegionId.NotFound")
	// ModifyIpv6GatewaySpec documents Middle, not Medium.
	if err := sdkModifyIpv6GatewaySpec(c, gw, "Medium"); sdkCode(err) != "InvalidParameter" {
		t.Errorf("ModifyIpv6GatewaySpec Spec=Medium: %v", err)
	}
	if err := sdkModifyIpv6GatewaySpec(c, gw, "Middle"); err != nil {
		t.Fatalf("ModifyIpv6GatewaySpec: %v", err)
	}
	if g := sdkIpv6Gw(t, c, gw); g.Status != "Modifying" || g.Spec != "Middle" {
		t.Errorf("after ModifyIpv6GatewaySpec: %s %s", g.Status, g.Spec)
	}
	h.settle()
	lr := vpc.CreateDescribeIpv6GatewaysRequest()
	lr.VpcId = staging
	list, err := c.DescribeIpv6Gateways(lr)
	if err != nil || list.TotalCount != 1 || list.Ipv6Gateways.Ipv6Gateway[0].Status != "Available" || list.Ipv6Gateways.Ipv6Gateway[0].Spec != "Middle" {
		t.Fatalf("DescribeIpv6Gateways VpcId=%s: %v %+v", staging, err, list)
	}

	ar := vpc.CreateDescribeIpv6AddressesRequest()
	ar.VpcId = staging
	addrs, err := c.DescribeIpv6Addresses(ar)
	if err != nil || addrs.TotalCount != 1 {
		t.Fatalf("addresses of staging: %v %+v", err, addrs)
	}
	addr := addrs.Ipv6Addresses.Ipv6Address[0]
	if addr.Ipv6GatewayId != gw || addr.NetworkType != "Private" || addr.Status != "Available" {
		t.Fatalf("staging address: %+v", addr)
	}

	rr := vpc.CreateCreateIpv6EgressOnlyRuleRequest()
	rr.Ipv6GatewayId, rr.InstanceId, rr.Name = gw, addr.Ipv6AddressId, "sdk-egress"
	rule, err := c.CreateIpv6EgressOnlyRule(rr)
	if err != nil || rule.Ipv6EgressRuleId == "" {
		t.Fatalf("CreateIpv6EgressOnlyRule: %v %+v", err, rule)
	}
	if rs := sdkIpv6Rules(t, c, gw); len(rs) != 1 || rs[0].Status != "Creating" || rs[0].InstanceId != addr.Ipv6AddressId || rs[0].InstanceType != "Ipv6Address" {
		t.Fatalf("rules after create: %+v", rs)
	}
	h.settle()
	if rs := sdkIpv6Rules(t, c, gw); len(rs) != 1 || rs[0].Status != "Available" {
		t.Fatalf("rules settled: %+v", rs)
	}

	// PayByTraffic behind a Middle gateway: at most 1000 Mbps.
	br := vpc.CreateAllocateIpv6InternetBandwidthRequest()
	br.Ipv6GatewayId, br.Ipv6AddressId, br.InternetChargeType, br.Bandwidth = gw, addr.Ipv6AddressId, "PayByTraffic", "1500"
	sdkRefuses(t, "1500 Mbps PayByTraffic on a Middle gateway", c.AllocateIpv6InternetBandwidth, br, "InvalidParameter")
	br.Bandwidth = "800"
	bw, err := c.AllocateIpv6InternetBandwidth(br)
	if err != nil || bw.InternetBandwidthId == "" || bw.Ipv6AddressId != addr.Ipv6AddressId {
		t.Fatalf("AllocateIpv6InternetBandwidth: %v %+v", err, bw)
	}
	if a := sdkIpv6Addr(t, c, addr.Ipv6AddressId); a.Status != "Pending" {
		t.Errorf("address after allocating: %s", a.Status)
	}
	h.settle()
	a := sdkIpv6Addr(t, c, addr.Ipv6AddressId)
	if a.Status != "Available" || a.NetworkType != "Public" || a.Ipv6InternetBandwidth.Bandwidth != 800 ||
		a.Ipv6InternetBandwidth.InternetChargeType != "PayByTraffic" || a.Ipv6InternetBandwidth.Ipv6InternetBandwidthId != bw.InternetBandwidthId {
		t.Fatalf("address with bandwidth: %+v", a)
	}

	mr := vpc.CreateModifyIpv6InternetBandwidthRequest()
	mr.Ipv6InternetBandwidthId, mr.Bandwidth = bw.InternetBandwidthId, "900"
	sdkDo(t, c.ModifyIpv6InternetBandwidth, mr)
	if a := sdkIpv6Addr(t, c, addr.Ipv6AddressId); a.Status != "Pending" || a.Ipv6InternetBandwidth.Bandwidth != 900 {
		t.Errorf("address after modifying: %s %d", a.Status, a.Ipv6InternetBandwidth.Bandwidth)
	}
	h.settle()

	dg := vpc.CreateDeleteIpv6GatewayRequest()
	dg.Ipv6GatewayId = gw
	sdkRefuses(t, "DeleteIpv6Gateway with a rule", c.DeleteIpv6Gateway, dg, "DependencyViolation.Ipv6EgressOnlyRule")

	db := vpc.CreateDeleteIpv6InternetBandwidthRequest()
	db.Ipv6AddressId = addr.Ipv6AddressId
	sdkDo(t, c.DeleteIpv6InternetBandwidth, db)
	if a := sdkIpv6Addr(t, c, addr.Ipv6AddressId); a.Status != "Pending" {
		t.Errorf("address after deleting its bandwidth: %s", a.Status)
	}
	h.settle()
	if a := sdkIpv6Addr(t, c, addr.Ipv6AddressId); a.Status != "Available" || a.NetworkType != "Private" || a.Ipv6InternetBandwidth.Ipv6InternetBandwidthId != "" {
		t.Errorf("address without bandwidth: %+v", a)
	}
	sdkRefuses(t, "deleting bandwidth twice", c.DeleteIpv6InternetBandwidth, db, "InvalidIpv6InternetBandwidthId.NotFound")

	dr := vpc.CreateDeleteIpv6EgressOnlyRuleRequest()
	dr.Ipv6EgressOnlyRuleId = rule.Ipv6EgressRuleId
	sdkDo(t, c.DeleteIpv6EgressOnlyRule, dr)
	if rs := sdkIpv6Rules(t, c, gw); len(rs) != 1 || rs[0].Status != "Deleting" {
		t.Errorf("rule after delete: %+v", rs)
	}
	h.settle()
	if rs := sdkIpv6Rules(t, c, gw); len(rs) != 0 {
		t.Errorf("deleted rule still listed: %+v", rs)
	}

	sdkDo(t, c.DeleteIpv6Gateway, dg)
	if g := sdkIpv6Gw(t, c, gw); g.Status != "Deleting" {
		t.Errorf("gateway after delete: %s", g.Status)
	}
	h.settle()
	req := vpc.CreateDescribeIpv6GatewayAttributeRequest()
	req.Ipv6GatewayId = gw
	sdkRefuses(t, "a deleted gateway", c.DescribeIpv6GatewayAttribute, req, "InvalidIpv6GatewayId.NotFound")
}

// TestIpv6Constraints: the demo's gateways and addresses, and the rules a
// request must pass (raw requests, every one refused before any change).
func TestIpv6Constraints(t *testing.T) {
	h := newHarness(t, Options{})
	prod := h.demoVpcID("prod-core")
	gws := h.ok("DescribeIpv6Gateways", kv("RegionId", hz, "VpcId", prod)).items("Ipv6Gateways", "Ipv6Gateway")
	if len(gws) != 1 || gws[0]["Name"] != "prod-core-ipv6" || gws[0]["Spec"] != "Medium" {
		t.Fatalf("prod-core's gateway: %v", gws)
	}
	gw := gws[0]["Ipv6GatewayId"].(string)
	addrs := h.ok("DescribeIpv6Addresses", kv("RegionId", hz, "VpcId", prod, "PageSize", "50")).items("Ipv6Addresses", "Ipv6Address")
	if len(addrs) != 4 {
		t.Fatalf("prod-core has %d IPv6 addresses, want 4", len(addrs))
	}
	var public, private string
	for _, a := range addrs {
		if a["Ipv6GatewayId"] != gw {
			t.Errorf("address %v is not behind %s", a["Ipv6AddressId"], gw)
		}
		if a["NetworkType"] == "Public" {
			public = a["Ipv6AddressId"].(string)
		} else {
			private = a["Ipv6AddressId"].(string)
		}
	}
	h.fails("CreateIpv6Gateway", kv("RegionId", hz, "VpcId", prod), 400, "QuotaExceeded.Ipv6Gateway")
	h.fails("CreateIpv6Gateway", kv("RegionId", hz, "VpcId", h.demoVpcID("shared-services")), 400, "OperationFailed.VpcNotEnableIpv6")
	h.fails("CreateIpv6Gateway", kv("RegionId", hz, "VpcId", h.demoVpcID("staging"), "Spec", "Middle"), 400, "InvalidParameter")
	h.fails("CreateIpv6Gateway", kv("RegionId", hz, "VpcId", h.demoVpcID("staging"), "Name", "1abc"), 400, "InvalidName.Malformed")
	h.fails("CreateIpv6Gateway", kv("RegionId", hz, "VpcId", h.demoVpcID("staging"), "Description", "https://x"), 400, "InvalidDescription.Malformed")
	h.fails("DeleteIpv6Gateway", kv("RegionId", hz, "Ipv6GatewayId", gw), 400, "DependencyViolation.Ipv6EgressOnlyRule")
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", h.demoVpcID("staging")), 400, "DependencyViolation.VSwitch")
	// A Medium gateway carries up to 1000 Mbps PayByTraffic, 5000 PayByBandwidth.
	h.fails("ModifyIpv6InternetBandwidth", kv("RegionId", hz, "Ipv6AddressId", public, "Bandwidth", "5001"), 400, "InvalidParameter")
	h.fails("AllocateIpv6InternetBandwidth", kv("RegionId", hz, "Ipv6GatewayId", gw, "Ipv6AddressId", public, "Bandwidth", "10"), 400, "OperationFailed.Ipv6InternetBandwidthExist")
	h.fails("AllocateIpv6InternetBandwidth", kv("RegionId", hz, "Ipv6GatewayId", gw, "Ipv6AddressId", private, "Bandwidth", "1001", "InternetChargeType", "PayByTraffic"), 400, "InvalidParameter")
	h.ok("AllocateIpv6InternetBandwidth", kv("RegionId", hz, "Ipv6GatewayId", gw, "Ipv6AddressId", private, "Bandwidth", "1000", "InternetChargeType", "PayByTraffic"))
	// The address is Pending until it settles; a Small gateway cannot carry 1000 Mbps PayByTraffic.
	h.fails("ModifyIpv6InternetBandwidth", kv("RegionId", hz, "Ipv6AddressId", private, "Bandwidth", "5"), 400, "IncorrectStatus.Ipv6Address")
	h.settle()
	h.fails("ModifyIpv6GatewaySpec", kv("RegionId", hz, "Ipv6GatewayId", gw, "Spec", "Small"), 400, "InvalidParameter")
	h.fails("DescribeIpv6EgressOnlyRules", kv("RegionId", hz), 400, "MissingParameter")
	h.fails("DescribeIpv6EgressOnlyRules", kv("RegionId", hz, "Ipv6GatewayId", "ipv6gw-nope"), 404, "InvalidIpv6GatewayId.NotFound")
	h.fails("DescribeIpv6Addresses", kv("RegionId", "cn-nowhere-1"), 404, "InvalidRegionId.NotFound")
	h.fails("DescribeIpv6Addresses", kv("RegionId", hz, "PageSize", "51"), 400, "InvalidParameter")

	// The filters: network type, one VSwitch, a list of IDs; pages of 2.
	pub := h.ok("DescribeIpv6Addresses", kv("RegionId", hz, "NetworkType", "Public")).items("Ipv6Addresses", "Ipv6Address")
	if len(pub) != 3 {
		t.Errorf("%d public addresses in %s, want prod-core's two and the one made public above", len(pub), hz)
	}
	one := h.ok("DescribeIpv6Addresses", kv("RegionId", hz, "Ipv6AddressId", public+","+private)).items("Ipv6Addresses", "Ipv6Address")
	if len(one) != 2 {
		t.Errorf("two IDs gave %d addresses", len(one))
	}
	a := h.ok("DescribeIpv6Addresses", kv("RegionId", hz, "PageSize", "2", "PageNumber", "3"))
	if items := a.items("Ipv6Addresses", "Ipv6Address"); len(items) != 1 || a.Body["TotalCount"] != float64(5) {
		t.Errorf("page 3 of 2: %d items of %v", len(items), a.Body["TotalCount"])
	}
}

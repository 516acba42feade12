package sim

import (
	"encoding/json"
	"maps"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

func sdkCbwp(t *testing.T, c *vpc.Client, id string) *vpc.CommonBandwidthPackage {
	t.Helper()
	req := vpc.CreateDescribeCommonBandwidthPackagesRequest()
	req.BandwidthPackageId = id
	resp := sdkDo(t, c.DescribeCommonBandwidthPackages, req)
	return sdkOne(t, id, resp.CommonBandwidthPackages.CommonBandwidthPackage, resp.TotalCount)
}

func sdkEip(t *testing.T, c *vpc.Client, id string) *vpc.EipAddress {
	t.Helper()
	req := vpc.CreateDescribeEipAddressesRequest()
	req.AllocationId = id
	resp := sdkDo(t, c.DescribeEipAddresses, req)
	return sdkOnly(t, id, resp.EipAddresses.EipAddress, resp.TotalCount)
}

// relation is the package's relation status of EIP id ("" when out).
func relation(p *vpc.CommonBandwidthPackage, id string) string {
	for _, ip := range p.PublicIpAddresses.PublicIpAddresse {
		if ip.AllocationId == id {
			return ip.BandwidthPackageIpRelationStatus
		}
	}
	return ""
}

// payType calls ModifyCommonBandwidthPackagePayType, which the SDK has no
// typed request for, with the SDK's common request (the sample's
// parameters: AutoPay, Duration, PricingCycle).
func payType(c *vpc.Client, id string, params map[string]string) (map[string]any, error) {
	p := kv("BandwidthPackageId", id)
	maps.Copy(p, params)
	body, err := sdkCommon(c, "ModifyCommonBandwidthPackagePayType", p)
	if err != nil {
		return nil, err
	}
	var out map[string]any
	return out, json.Unmarshal(body, &out)
}

// TestOfficialSDKCommonBandwidthPackage drives all eight operations of
// seed 003 chapter 19 through the official SDK: create → Creating →
// Available → rename → add an EIP (BINDING → BINDED, the EIP shows its
// package) → spec (Modifying → Available) → pay type → remove (UNBINDING →
// out) → delete with Force, and the seed's error codes on the way.
func TestOfficialSDKCommonBandwidthPackage(t *testing.T) {
	h, c := sdkHarness(t)

	// The create's documented refusals. A request is used once: the SDK
	// keeps the parameters it sent.
	create := func(f func(r *vpc.CreateCommonBandwidthPackageRequest)) (*vpc.CreateCommonBandwidthPackageResponse, error) {
		r := vpc.CreateCreateCommonBandwidthPackageRequest()
		r.RegionId, r.Bandwidth, r.Name, r.Description = hz, requests.NewInteger(50), "sdk-shared", "made by the SDK"
		f(r)
		return c.CreateCommonBandwidthPackage(r)
	}
	for _, tc := range []struct {
		why, code string
		f         func(r *vpc.CreateCommonBandwidthPackageRequest)
	}{
		{"without Bandwidth", "MissingParameter", func(r *vpc.CreateCommonBandwidthPackageRequest) { r.Bandwidth = "" }},
		{"PayBy95 without Ratio", "MissingParameter", func(r *vpc.CreateCommonBandwidthPackageRequest) { r.InternetChargeType = "PayBy95" }},
		{"an unknown zone", "InvalidZoneId.NotFound", func(r *vpc.CreateCommonBandwidthPackageRequest) { r.Zone = "cn-hangzhou-zz" }},
		{"a name starting with a digit", "InvalidParameter.Name.Malformed", func(r *vpc.CreateCommonBandwidthPackageRequest) { r.Name = "1-shared" }},
		{"an http:// description", "InvalidParameter.Description.Malformed", func(r *vpc.CreateCommonBandwidthPackageRequest) { r.Description = "http://no" }},
		{"an unknown region", "InvalidRegionId.NotFound", func(r *vpc.CreateCommonBandwidthPackageRequest) { r.RegionId = "nowhere-1" }},
	} {
		if _, err := create(tc.f); sdkCode(err) != tc.code {
			t.Errorf("create with %s: %v, want %s", tc.why, err, tc.code)
		}
	}

	out, err := create(func(*vpc.CreateCommonBandwidthPackageRequest) {})
	if err != nil || out.BandwidthPackageId == "" || out.ResourceGroupId == "" {
		t.Fatalf("CreateCommonBandwidthPackage: %+v %v", out, err)
	}
	id := out.BandwidthPackageId
	p := sdkCbwp(t, c, id)
	if p == nil || p.Status != "Creating" || p.Bandwidth != "50" || p.InternetChargeType != "PayByBandwidth" ||
		p.InstanceChargeType != "PostPaid" || p.Name != "sdk-shared" || p.RegionId != hz {
		t.Fatalf("fresh package: %+v", p)
	}
	h.settle()
	if p = sdkCbwp(t, c, id); p.Status != "Available" || p.BusinessStatus != "Normal" {
		t.Fatalf("settled package: %s %s", p.Status, p.BusinessStatus)
	}

	mr := vpc.CreateModifyCommonBandwidthPackageAttributeRequest()
	mr.RegionId, mr.BandwidthPackageId, mr.Name = hz, id, "sdk-shared-2"
	sdkDo(t, c.ModifyCommonBandwidthPackageAttribute, mr)
	if p = sdkCbwp(t, c, id); p.Name != "sdk-shared-2" || p.Description != "made by the SDK" {
		t.Errorf("after rename: %q %q", p.Name, p.Description)
	}
	mr.BandwidthPackageId = "cbwp-nope"
	sdkRefuses(t, "rename of an unknown package", c.ModifyCommonBandwidthPackageAttribute, mr, "InvalidBandwidthPackageId.NotFound")

	// A post-paid EIP goes in; a pre-paid one does not.
	ar := vpc.CreateAllocateEipAddressRequest()
	ar.RegionId = hz
	eipOut := sdkDo(t, c.AllocateEipAddress, ar)
	eip := eipOut.AllocationId
	ar.InstanceChargeType, ar.PricingCycle, ar.Period = "PrePaid", "Month", requests.NewInteger(1)
	pre := sdkDo(t, c.AllocateEipAddress, ar)
	add := vpc.CreateAddCommonBandwidthPackageIpRequest()
	add.RegionId, add.BandwidthPackageId, add.IpInstanceId = hz, id, pre.AllocationId
	sdkRefuses(t, "adding a PrePaid EIP", c.AddCommonBandwidthPackageIp, add, "OperationUnsupported.EipChargeType")
	add.BandwidthPackageId = "cbwp-nope"
	sdkRefuses(t, "adding to an unknown package", c.AddCommonBandwidthPackageIp, add, "InvalidBandwidthPackageId.NotFound")
	add.BandwidthPackageId, add.IpInstanceId = id, eip
	sdkDo(t, c.AddCommonBandwidthPackageIp, add)
	if p = sdkCbwp(t, c, id); relation(p, eip) != "BINDING" || p.PublicIpAddresses.PublicIpAddresse[0].IpAddress != eipOut.EipAddress {
		t.Errorf("while adding: %+v", p.PublicIpAddresses)
	}
	sdkRefuses(t, "a second change while BINDING", c.AddCommonBandwidthPackageIp, add, "IncorrectStatus.CommonBandwidthPackage")
	h.settle()
	if p = sdkCbwp(t, c, id); relation(p, eip) != "BINDED" {
		t.Errorf("after adding: %+v", p.PublicIpAddresses)
	}
	if e := sdkEip(t, c, eip); e.BandwidthPackageId != id || e.BandwidthPackageType != "CommonBandwidthPackage" || e.BandwidthPackageBandwidth != "50" {
		t.Errorf("EIP in the package: %q %q %q", e.BandwidthPackageId, e.BandwidthPackageType, e.BandwidthPackageBandwidth)
	}
	rel := vpc.CreateReleaseEipAddressRequest()
	rel.RegionId, rel.AllocationId = hz, eip
	sdkRefuses(t, "releasing an EIP in a package", c.ReleaseEipAddress, rel, "OperationFailed.EipInBandwidthPackage")

	sr := vpc.CreateModifyCommonBandwidthPackageSpecRequest()
	sr.RegionId, sr.BandwidthPackageId, sr.Bandwidth = hz, id, "5000"
	sdkRefuses(t, "5000 Mbit/s", c.ModifyCommonBandwidthPackageSpec, sr, "InvalidBandwidth.ValueNotSupported")
	sr.Bandwidth = "100"
	sdkDo(t, c.ModifyCommonBandwidthPackageSpec, sr)
	if p = sdkCbwp(t, c, id); p.Status != "Modifying" || p.Bandwidth != "100" {
		t.Errorf("while modifying: %s %s", p.Status, p.Bandwidth)
	}
	h.settle()
	if p = sdkCbwp(t, c, id); p.Status != "Available" {
		t.Errorf("after the spec: %s", p.Status)
	}
	if e := sdkEip(t, c, eip); e.BandwidthPackageBandwidth != "100" {
		t.Errorf("EIP after the spec: %q", e.BandwidthPackageBandwidth)
	}
	// The demo's overdue package refuses a new spec.
	sr.BandwidthPackageId = h.seeded("demo package legacy-overdue", func(r *record) bool {
		return r.Kind == kindCbwp && r.Region == hz && cbwpOf(r).Name == "legacy-overdue"
	}).ID
	sdkRefuses(t, "spec of a FinancialLocked package", c.ModifyCommonBandwidthPackageSpec, sr, "BandwidthPackage.FinancialLocked")

	if _, err := payType(c, id, map[string]string{"PricingCycle": "Year", "Duration": "4"}); sdkCode(err) != "InvalidParameter" {
		t.Errorf("4 years: %v", err)
	}
	pt, err := payType(c, id, map[string]string{"AutoPay": "true", "Duration": "2", "PricingCycle": "Month"})
	if err != nil || pt["OrderId"] == "" || pt["OrderId"] == nil {
		t.Fatalf("ModifyCommonBandwidthPackagePayType: %v %v", pt, err)
	}
	if p = sdkCbwp(t, c, id); p.InstanceChargeType != "PrePaid" || p.ExpiredTime == "" {
		t.Errorf("after the pay type: %s, expires %q", p.InstanceChargeType, p.ExpiredTime)
	}
	if _, err := payType(c, id, nil); sdkCode(err) != "IncorrectStatus.InstanceChargeType" {
		t.Errorf("converting twice: %v", err)
	}

	dr := vpc.CreateDeleteCommonBandwidthPackageRequest()
	dr.RegionId, dr.BandwidthPackageId = hz, id
	sdkRefuses(t, "deleting with an EIP, no Force", c.DeleteCommonBandwidthPackage, dr, "DependencyViolation.EipAddresses")
	rr := vpc.CreateRemoveCommonBandwidthPackageIpRequest()
	rr.RegionId, rr.BandwidthPackageId, rr.IpInstanceId = hz, id, eip
	sdkDo(t, c.RemoveCommonBandwidthPackageIp, rr)
	if p = sdkCbwp(t, c, id); relation(p, eip) != "UNBINDING" {
		t.Errorf("while removing: %+v", p.PublicIpAddresses)
	}
	h.settle()
	if p = sdkCbwp(t, c, id); len(p.PublicIpAddresses.PublicIpAddresse) != 0 {
		t.Errorf("after removing: %+v", p.PublicIpAddresses)
	}
	if e := sdkEip(t, c, eip); e.BandwidthPackageId != "" || e.BandwidthPackageType != "" {
		t.Errorf("EIP out of the package: %q %q", e.BandwidthPackageId, e.BandwidthPackageType)
	}
	sdkRefuses(t, "removing twice", c.RemoveCommonBandwidthPackageIp, rr, "InvalidIpInstanceId.NotInBandwidthPackage")

	// Force takes the EIPs out first.
	sdkDo(t, c.AddCommonBandwidthPackageIp, add)
	h.settle()
	dr.Force = "true"
	sdkDo(t, c.DeleteCommonBandwidthPackage, dr)
	if p = sdkCbwp(t, c, id); p != nil {
		t.Errorf("deleted package still listed: %+v", p)
	}
	if e := sdkEip(t, c, eip); e.BandwidthPackageId != "" {
		t.Errorf("EIP of a deleted package: %q", e.BandwidthPackageId)
	}
	sdkRefuses(t, "deleting twice", c.DeleteCommonBandwidthPackage, dr, "InvalidBandwidthPackageId.NotFound")
	lr := vpc.CreateDescribeCommonBandwidthPackagesRequest()
	lr.RegionId = "nowhere-1"
	sdkRefuses(t, "listing an unknown region", c.DescribeCommonBandwidthPackages, lr, "InvalidRegionId.NotFound")
}

// TestCbwpDemoAndPaging: the demo's packages read as seeded (the prod
// egress EIPs shared, the 95th-percentile package with its ratio), an EIP
// is in one package at most, and the list pages at 50.
func TestCbwpDemoAndPaging(t *testing.T) {
	h := newHarness(t, Options{})
	all := h.ok("DescribeCommonBandwidthPackages", kv("RegionId", hz, "PageSize", "50")).items("CommonBandwidthPackages", "CommonBandwidthPackage")
	byName := map[string]map[string]any{}
	for _, p := range all {
		byName[p["Name"].(string)] = p
	}
	prod, edge := byName["prod-shared-egress"], byName["edge-burst-95"]
	if prod == nil || edge == nil || byName["legacy-overdue"]["BusinessStatus"] != "FinancialLocked" {
		t.Fatalf("demo packages: %v", all)
	}
	ips := prod["PublicIpAddresses"].(map[string]any)["PublicIpAddresse"].([]any)
	if len(ips) < 2 {
		t.Errorf("prod-shared-egress holds %v", ips)
	}
	if edge["InternetChargeType"] != "PayBy95" || edge["Ratio"] != float64(20) {
		t.Errorf("edge-burst-95: %v %v", edge["InternetChargeType"], edge["Ratio"])
	}
	inEdge := edge["PublicIpAddresses"].(map[string]any)["PublicIpAddresse"].([]any)[0].(map[string]any)["AllocationId"].(string)
	h.fails("AddCommonBandwidthPackageIp", kv("RegionId", hz, "BandwidthPackageId", prod["BandwidthPackageId"].(string), "IpInstanceId", inEdge),
		400, "InvalidIpInstanceId.AlreadyInBandwidthPackage")
	h.fails("AddCommonBandwidthPackageIp", kv("RegionId", hz, "BandwidthPackageId", prod["BandwidthPackageId"].(string), "IpInstanceId", "eip-nope"),
		404, "InvalidIpInstanceId.NotFound")
	h.fails("DescribeCommonBandwidthPackages", kv("RegionId", hz, "PageSize", "51"), 400, "InvalidParameter")
	h.fails("CreateCommonBandwidthPackage", kv("RegionId", hz, "Bandwidth", "10", "InternetChargeType", "PayBy95", "Ratio", "5"), 400, "InvalidParameter")
	if n := len(h.ok("DescribeCommonBandwidthPackages", kv("RegionId", hz, "Name", "edge-burst-95")).items("CommonBandwidthPackages", "CommonBandwidthPackage")); n != 1 {
		t.Errorf("Name filter: %d packages", n)
	}
	for range 60 {
		h.ok("CreateCommonBandwidthPackage", kv("RegionId", hz, "Bandwidth", "5"))
	}
	seen := map[string]bool{}
	total := h.walkPages(seen, "DescribeCommonBandwidthPackages", kv("RegionId", hz), "CommonBandwidthPackages", "CommonBandwidthPackage", "BandwidthPackageId")
	if len(seen) != total || total != len(all)+60 {
		t.Errorf("paged walk saw %d of TotalCount %d (want %d)", len(seen), total, len(all)+60)
	}
}

package sim

import (
	"bytes"
	"encoding/json"
	"encoding/xml"
	"io"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// The simulator corrections of issue 12, each against its seed.

// DescribeVirtualBorderRoutersForPhysicalConnection answers Bandwidth as a
// string, as the official SDK's model declares it.
func TestVbrsForPhysicalConnectionBandwidthIsAString(t *testing.T) {
	_, c := sdkHarness(t)
	pcReq := vpc.CreateDescribePhysicalConnectionsRequest()
	pcReq.RegionId = dc
	pcs := sdkDo(t, c.DescribePhysicalConnections, pcReq)
	if len(pcs.PhysicalConnectionSet.PhysicalConnectionType) == 0 {
		t.Fatal("DescribePhysicalConnections: none")
	}
	req := vpc.CreateDescribeVirtualBorderRoutersForPhysicalConnectionRequest()
	req.RegionId, req.PhysicalConnectionId = dc, pcs.PhysicalConnectionSet.PhysicalConnectionType[0].PhysicalConnectionId
	resp, err := c.DescribeVirtualBorderRoutersForPhysicalConnection(req)
	if err != nil {
		t.Fatalf("the SDK cannot read the answer: %v", err)
	}
	var body struct {
		Set struct {
			Items []map[string]any `json:"VirtualBorderRouterForPhysicalConnectionType"`
		} `json:"VirtualBorderRouterForPhysicalConnectionSet"`
	}
	if err := json.Unmarshal(resp.GetHttpContentBytes(), &body); err != nil {
		t.Fatal(err)
	}
	raw := body.Set.Items
	if len(raw) == 0 {
		t.Fatal("the demo's connection carries no VBR")
	}
	for _, v := range raw {
		if _, ok := v["Bandwidth"].(string); !ok {
			t.Errorf("Bandwidth is %T (%v), want a string", v["Bandwidth"], v["Bandwidth"])
		}
	}
	items := resp.VirtualBorderRouterForPhysicalConnectionSet.VirtualBorderRouterForPhysicalConnectionType
	if len(items) != len(raw) {
		t.Fatalf("SDK decoded %d VBRs, the answer has %d", len(items), len(raw))
	}
	for i, v := range items {
		if _, err := strconv.Atoi(v.Bandwidth); err != nil || v.Bandwidth != raw[i]["Bandwidth"] {
			t.Errorf("%s: SDK Bandwidth %q, answer %v", v.VbrId, v.Bandwidth, raw[i]["Bandwidth"])
		}
	}
}

// Seed 004: OpenPublicIpAddressPoolService needs RegionId, and the feature
// and its "no concurrent activation" rule belong to the account, not to a
// region. Traffic mirroring (seed 000) stays per region.
func TestIPAddressPoolServiceIsAccountWide(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	const bj = "cn-beijing"
	enabled := func(region string, s sig) bool {
		t.Helper()
		a := h.do(h.request("GetPublicIpAddressPoolServiceStatus", kv("RegionId", region), s))
		if a.Status != 200 {
			t.Fatalf("status: %d %s", a.Status, a.Raw)
		}
		return a.Body["Enabled"] == true
	}
	h.fails("OpenPublicIpAddressPoolService", kv(), 400, "MissingParameter")
	h.fails("OpenPublicIpAddressPoolService", kv("RegionId", "nowhere-1"), 404, "InvalidRegionId.NotFound")
	h.ok("OpenPublicIpAddressPoolService", kv("RegionId", hz))
	// Another region of the same account while the first is opening.
	h.fails("OpenPublicIpAddressPoolService", kv("RegionId", bj), 400, "OperationConflict")
	if enabled(bj, sig{}) || enabled(hz, sig{}) {
		t.Fatal("enabled before the activation settled")
	}
	// Another account is not held up by it.
	partner := sig{keyID: PartnerAccessKeyID, secret: PartnerAccessKeySecret}
	if a := h.do(h.request("OpenPublicIpAddressPoolService", kv("RegionId", bj), partner)); a.Status != 200 {
		t.Fatalf("another account's activation: %d %s", a.Status, a.Raw)
	}
	h.settle()
	for _, r := range []string{hz, bj, "cn-shanghai"} {
		if !enabled(r, sig{}) {
			t.Errorf("%s: the account's activation does not show", r)
		}
	}
	h.fails("OpenPublicIpAddressPoolService", kv("RegionId", bj), 400, "OperationFailed.ServiceOpened")

	// Traffic mirroring: one region at a time is fine, the same region again is not.
	h.ok("OpenTrafficMirrorService", kv("RegionId", hz))
	h.ok("OpenTrafficMirrorService", kv("RegionId", bj))
	h.fails("OpenTrafficMirrorService", kv("RegionId", hz), 400, "OperationConflict")
	h.settle()
	if a := h.ok("GetTrafficMirrorServiceStatus", kv("RegionId", "cn-shanghai")); a.Body["Enabled"] != false {
		t.Errorf("traffic mirroring opened in a region nobody asked for")
	}
}

// Every error code of seeds 000 and 004, each from the situation the seed
// describes.
func TestServiceActivationErrorCodes(t *testing.T) {
	const tm, pool = "OpenTrafficMirrorService", "OpenPublicIpAddressPoolService"
	cases := []struct {
		name    string
		account Account
		denied  []string
		action  string
		code    string
	}{
		{"no real name, mirroring", Account{NoRealName: true}, nil, tm, "Order.NoRealNameAuthentication"},
		{"no real name, pools", Account{NoRealName: true}, nil, pool, "Order.NoRealNameAuthentication"},
		{"basic info, mirroring", Account{BasicInfoIncomplete: true}, nil, tm, "OperationFailed.BasicInfoUncompleted"},
		{"basic info, pools", Account{BasicInfoIncomplete: true}, nil, pool, "OperationFailed.BasicInfoUncompleted"},
		{"channel quota, mirroring", Account{ChannelQuotaExhausted: true}, nil, tm, "OperationFailed.QuotaNotEnough"},
		{"channel quota, pools", Account{ChannelQuotaExhausted: true}, nil, pool, "OperationFailed.QuotaNotEnough"},
		{"group account, mirroring", Account{AlibabaGroup: true}, nil, tm, "OperationFailed.AliGroupUserCanNotBuyInnerCommodity"},
		{"group account, pools", Account{AlibabaGroup: true}, nil, pool, ""},
		{"no pool permission, pools", Account{NoIPPoolPermission: true}, nil, pool, "Forbidden.OpenPublicIpAddressPool"},
		{"no pool permission, mirroring", Account{NoIPPoolPermission: true}, nil, tm, ""},
		{"RAM user, mirroring", Account{}, []string{tm}, tm, "Forbidden.RAM"},
		{"RAM user, pools", Account{}, []string{pool}, pool, "Forbidden.RAM"},
		{"RAM user without mirroring, pools", Account{}, []string{tm}, pool, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			keys := DefaultKeys()
			keys[0].Denied = tc.denied
			h := newHarness(t, Options{Dataset: DatasetEmpty, Keys: keys, Accounts: []Account{tc.account}})
			if tc.code == "" {
				h.ok(tc.action, kv("RegionId", hz))
				return
			}
			h.fails(tc.action, kv("RegionId", hz), 400, tc.code)
			h.settle()
			if a := h.ok("Get"+strings.TrimPrefix(strings.TrimSuffix(tc.action, "Service"), "Open")+"ServiceStatus", kv("RegionId", hz)); a.Body["Enabled"] != false {
				t.Errorf("a refused activation took effect")
			}
		})
	}
	// ExceedPurchaseLimit: an account that may buy one activation.
	h := newHarness(t, Options{Dataset: DatasetEmpty, Accounts: []Account{{ID: AccountUID, PurchaseLimit: 1}}})
	h.ok(tm, kv("RegionId", hz))
	h.fails(tm, kv("RegionId", "cn-beijing"), 400, "OperationFailed.ExceedPurchaseLimit")
	h.fails(pool, kv("RegionId", hz), 400, "OperationFailed.ExceedPurchaseLimit")
	// The limit is the account's: the partner account still may.
	partner := sig{keyID: PartnerAccessKeyID, secret: PartnerAccessKeySecret}
	if a := h.do(h.request(tm, kv("RegionId", "cn-beijing"), partner)); a.Status != 200 {
		t.Errorf("the partner account: %d %s", a.Status, a.Raw)
	}
	// A RAM user denied one action may still call the others.
	keys := DefaultKeys()
	keys[0].Denied = []string{"CreateVpc"}
	h = newHarness(t, Options{Dataset: DatasetEmpty, Keys: keys})
	h.fails("CreateVpc", kv("RegionId", hz), 400, "Forbidden.RAM")
	h.ok("DescribeVpcs", kv("RegionId", hz))
}

// DescribeEipAddresses pages at most 50 (seed 003 §13.5) and every EIP
// operation answers an unknown region 404 Forbidden.RegionNotFound.
func TestEipOperationsUnknownRegion(t *testing.T) {
	h := newHarness(t, Options{})
	for _, action := range []string{"AllocateEipAddress", "AssociateEipAddress", "UnassociateEipAddress",
		"ReleaseEipAddress", "ModifyEipAddressAttribute", "DescribeEipAddresses"} {
		a := h.call(action, kv("RegionId", "nowhere-1", "AllocationId", "eip-x", "InstanceId", "i-x"))
		if a.Status != 404 || a.code() != "Forbidden.RegionNotFound" {
			t.Errorf("%s: %d %s, want 404 Forbidden.RegionNotFound", action, a.Status, a.code())
		}
	}
	// Binding a HaVip is the same operation.
	if a := h.call("AssociateEipAddress", kv("RegionId", "nowhere-1", "AllocationId", "eip-x", "InstanceId", "havip-x", "InstanceType", "HaVip")); a.Status != 404 || a.code() != "Forbidden.RegionNotFound" {
		t.Errorf("AssociateEipAddress InstanceType=HaVip: %d %s, want 404 Forbidden.RegionNotFound", a.Status, a.code())
	}
	h.fails("DescribeVpcs", kv("RegionId", "nowhere-1"), 404, "InvalidRegionId.NotFound")
	h.fails("DescribeEipAddresses", kv("RegionId", hz, "PageSize", "51"), 400, "InvalidParameter")
	if a := h.ok("DescribeEipAddresses", kv("RegionId", hz, "PageSize", "50")); a.num("PageSize") != 50 {
		t.Errorf("PageSize 50: %s", a.Raw)
	}
}

// DescribeRouteTableList: RouterType defaults to VRouter (seed 003 §8.2), so
// a VBR's tables show only with RouterType=VBR.
func TestRouteTableListRouterTypeDefault(t *testing.T) {
	h := newHarness(t, Options{})
	vbr := h.ok("DescribeVirtualBorderRouters", kv("RegionId", dc)).items("VirtualBorderRouterSet", "VirtualBorderRouterType")[0]["VbrId"].(string)
	list := func(extra ...string) []map[string]any {
		return h.ok("DescribeRouteTableList", kv(append([]string{"RegionId", dc, "PageSize", "50"}, extra...)...)).items("RouterTableList", "RouterTableListType")
	}
	all := list()
	if len(all) == 0 {
		t.Fatal("no route tables")
	}
	for _, rt := range all {
		if rt["RouterType"] != "VRouter" {
			t.Errorf("without RouterType: %v", rt)
		}
	}
	if n := len(list("RouterId", vbr)); n != 0 {
		t.Errorf("RouterId of a VBR without RouterType: %d tables, want 0", n)
	}
	vbrTables := list("RouterId", vbr, "RouterType", "VBR")
	if len(vbrTables) != 1 || vbrTables[0]["RouterId"] != vbr || vbrTables[0]["RouterType"] != "VBR" {
		t.Fatalf("the VBR's tables: %v", vbrTables)
	}
	id := vbrTables[0]["RouteTableId"].(string)
	if n := len(list("RouteTableId", id)); n != 0 {
		t.Errorf("a VBR table by ID without RouterType: %d", n)
	}
	if got := list("RouteTableId", id, "RouterType", "VBR"); len(got) != 1 {
		t.Errorf("a VBR table by ID with RouterType=VBR: %v", got)
	}
	for _, rt := range list("RouterType", "VBR") {
		if rt["RouterType"] != "VBR" {
			t.Errorf("RouterType=VBR lists %v", rt)
		}
	}
	h.fails("DescribeRouteTableList", kv("RegionId", dc, "RouterType", "Router"), 400, "InvalidParameter")
}

// CreateFlowLog: ResourceType and ResourceId are optional (seed 003 §20.1);
// without them the flow log captures no resource. One without the other
// says which is missing.
func TestCreateFlowLogWithoutResource(t *testing.T) {
	h := newHarness(t, Options{})
	base := []string{"RegionId", hz, "TrafficType", "All", "ProjectName", "lab-project", "LogStoreName", "lab-store"}
	id := h.ok("CreateFlowLog", kv(append(base, "FlowLogName", "unbound")...)).str("FlowLogId")
	if id == "" {
		t.Fatal("no FlowLogId")
	}
	get := func() map[string]any {
		fl := h.ok("DescribeFlowLogs", kv("RegionId", hz, "FlowLogId", id)).items("FlowLogs", "FlowLog")
		if len(fl) != 1 {
			t.Fatalf("DescribeFlowLogs by ID: %v", fl)
		}
		return fl[0]
	}
	if f := get(); f["Status"] != "Activating" || f["ResourceType"] != "" || f["ResourceId"] != "" || f["FlowLogName"] != "unbound" {
		t.Errorf("new flow log without a resource: %v", f)
	}
	h.settle()
	if f := get(); f["Status"] != "Active" {
		t.Errorf("did not settle: %v", f)
	}
	a := h.fails("CreateFlowLog", kv(append(base, "ResourceType", "VPC")...), 400, "MissingParameter")
	if !strings.Contains(string(a.Raw), "ResourceId") {
		t.Errorf("the answer does not name ResourceId: %s", a.Raw)
	}
	a = h.fails("CreateFlowLog", kv(append(base, "ResourceId", "vpc-x")...), 400, "MissingParameter")
	if !strings.Contains(string(a.Raw), "ResourceType") {
		t.Errorf("the answer does not name ResourceType: %s", a.Raw)
	}
	h.fails("CreateFlowLog", kv("RegionId", hz, "ProjectName", "p", "LogStoreName", "s"), 400, "MissingParameter")
	h.ok("DeleteFlowLog", kv("RegionId", hz, "FlowLogId", id))
	h.settle()
	if n := h.ok("DescribeFlowLogs", kv("RegionId", hz, "FlowLogId", id)).items("FlowLogs", "FlowLog"); len(n) != 0 {
		t.Errorf("deleted flow log still listed: %v", n)
	}
}

// Format=XML answers the same document as XML: the root element named
// after the response, lists as repeated elements, the RequestId; errors as
// <Error>.
func TestFormatXML(t *testing.T) {
	h := newHarness(t, Options{})
	serve := func(action string, params map[string]string) (*httptest.ResponseRecorder, []byte) {
		rec := httptest.NewRecorder()
		h.srv.ServeHTTP(rec, h.request(action, params, sig{}))
		return rec, rec.Body.Bytes()
	}
	want := h.ok("DescribeVpcs", kv("RegionId", hz, "PageSize", "50"))
	rec, body := serve("DescribeVpcs", kv("RegionId", hz, "PageSize", "50", "Format", "XML"))
	if rec.Code != 200 || !strings.HasPrefix(rec.Header().Get("Content-Type"), "text/xml") {
		t.Fatalf("%d %s: %s", rec.Code, rec.Header().Get("Content-Type"), body)
	}
	var doc struct {
		XMLName    xml.Name
		RequestId  string
		TotalCount int
		PageSize   int
		Vpcs       struct {
			Vpc []struct {
				VpcId      string
				CidrBlock  string
				VSwitchIds struct {
					VSwitchId []string
				}
			}
		}
	}
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("not XML: %v: %s", err, body)
	}
	wellFormed(t, body)
	if doc.XMLName.Local != "DescribeVpcsResponse" {
		t.Errorf("root <%s>, want <DescribeVpcsResponse>", doc.XMLName.Local)
	}
	if doc.RequestId == "" || doc.RequestId != rec.Header().Get("x-acs-request-id") {
		t.Errorf("RequestId %q, header %q", doc.RequestId, rec.Header().Get("x-acs-request-id"))
	}
	vpcs := want.items("Vpcs", "Vpc")
	if doc.TotalCount != want.num("TotalCount") || doc.PageSize != 50 || len(doc.Vpcs.Vpc) != len(vpcs) || len(vpcs) < 2 {
		t.Fatalf("XML has %d VPCs (TotalCount %d), JSON %d", len(doc.Vpcs.Vpc), doc.TotalCount, len(vpcs))
	}
	for i, v := range doc.Vpcs.Vpc {
		j := vpcs[i]
		sw, _ := j["VSwitchIds"].(map[string]any)["VSwitchId"].([]any)
		if v.VpcId != j["VpcId"] || v.CidrBlock != j["CidrBlock"] || len(v.VSwitchIds.VSwitchId) != len(sw) {
			t.Errorf("VPC %d differs: XML %+v, JSON %v", i, v, j)
		}
	}

	// An error, in XML.
	rec, body = serve("DescribeVpcs", kv("RegionId", "nowhere-1", "Format", "xml"))
	var e struct {
		XMLName   xml.Name
		RequestId string
		Code      string
	}
	if err := xml.Unmarshal(body, &e); err != nil || rec.Code != 404 || e.XMLName.Local != "Error" || e.Code != "InvalidRegionId.NotFound" || e.RequestId == "" {
		t.Errorf("error in XML: %d %v: %s", rec.Code, err, body)
	}
	// A write answers XML too, and JSON stays the default.
	rec, body = serve("CreateVpc", kv("RegionId", hz, "CidrBlock", "10.77.0.0/16", "Format", "XML"))
	wellFormed(t, body)
	if rec.Code != 200 || !bytes.Contains(body, []byte("<CreateVpcResponse><RequestId>")) || !bytes.Contains(body, []byte("<VpcId>vpc-")) {
		t.Errorf("CreateVpc in XML: %d %s", rec.Code, body)
	}
	if a := h.ok("DescribeRegions", kv()); !strings.HasPrefix(a.Header.Get("Content-Type"), "application/json") {
		t.Errorf("default answer is %s", a.Header.Get("Content-Type"))
	}
}

// wellFormed reads an XML document to its end.
func wellFormed(t *testing.T, body []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(body))
	for {
		if _, err := d.Token(); err == io.EOF {
			return
		} else if err != nil {
			t.Fatalf("not well-formed: %v: %s", err, body)
		}
	}
}

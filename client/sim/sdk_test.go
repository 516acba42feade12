package sim

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	sdkerrors "github.com/aliyun/alibaba-cloud-sdk-go/sdk/errors"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// The official Go SDK (v1 HMAC-SHA1, POST with the parameters in the
// query), unmodified, against the simulator over real HTTP.

func sdkClient(t *testing.T, ts *httptest.Server, secret string) *vpc.Client {
	t.Helper()
	c, err := vpc.NewClientWithAccessKey(hz, DefaultAccessKeyID, secret)
	if err != nil {
		t.Fatal(err)
	}
	c.Domain = strings.TrimPrefix(ts.URL, "http://")
	return c
}

// newSDKHarness serves the simulator on a real port; signatures are checked
// against the real wall clock because the SDK stamps requests with it.
func newSDKHarness(t *testing.T) (*harness, *httptest.Server) {
	h := newHarness(t, Options{Now: time.Now})
	ts := httptest.NewServer(h.srv)
	t.Cleanup(ts.Close)
	return h, ts
}

// sdkHarness is newSDKHarness with the official SDK's client of it, signed
// with the default key.
func sdkHarness(t *testing.T) (*harness, *vpc.Client) {
	t.Helper()
	h, ts := newSDKHarness(t)
	return h, sdkClient(t, ts, DefaultAccessKeySecret)
}

func sdkCode(err error) string {
	var se *sdkerrors.ServerError
	if errors.As(err, &se) {
		return se.ErrorCode()
	}
	return ""
}

// sdkRequest is a request of the official SDK; its action names it in
// failures.
type sdkRequest interface{ GetActionName() string }

// sdkDo runs an SDK call and fails the test unless it succeeded.
func sdkDo[Req sdkRequest, Resp any](t *testing.T, call func(Req) (Resp, error), req Req) Resp {
	t.Helper()
	resp, err := call(req)
	if err != nil {
		t.Fatalf("%s: %v", req.GetActionName(), err)
	}
	return resp
}

// sdkRefuses runs an SDK call and reports it unless the simulator refused
// it with the error code code; why says what the call tried.
func sdkRefuses[Req sdkRequest, Resp any](t *testing.T, why string, call func(Req) (Resp, error), req Req, code string) {
	t.Helper()
	if _, err := call(req); sdkCode(err) != code {
		t.Errorf("%s: %v, want %s", why, err, code)
	}
}

// sdkOne is the one item an SDK describe filtered to id found, nil when it
// found none; more items, or a TotalCount that disagrees, fail the test.
func sdkOne[T any](t *testing.T, id string, items []T, total int) *T {
	t.Helper()
	if len(items) == 0 && total == 0 {
		return nil
	}
	if len(items) != 1 || total != 1 {
		t.Fatalf("%s: %d items, TotalCount %d", id, len(items), total)
	}
	return &items[0]
}

// sdkOnly is sdkOne for an item that must be there.
func sdkOnly[T any](t *testing.T, id string, items []T, total int) *T {
	t.Helper()
	it := sdkOne(t, id, items, total)
	if it == nil {
		t.Fatalf("%s: not found", id)
	}
	return it
}

func TestOfficialSDK(t *testing.T) {
	h, ts := newSDKHarness(t)
	c := sdkClient(t, ts, DefaultAccessKeySecret)

	// Paging: a full walk returns exactly TotalCount VPCs.
	for i := range 3 {
		req := vpc.CreateCreateVpcRequest()
		req.CidrBlock = "10." + string(rune('1'+i)) + "0.0.0/16"
		sdkDo(t, c.CreateVpc, req)
	}
	seen := map[string]bool{}
	total := -1
	for page := 1; ; page++ {
		req := vpc.CreateDescribeVpcsRequest()
		req.PageSize = requests.NewInteger(2)
		req.PageNumber = requests.NewInteger(page)
		resp := sdkDo(t, c.DescribeVpcs, req)
		total = resp.TotalCount
		for _, v := range resp.Vpcs.Vpc {
			if seen[v.VpcId] {
				t.Fatalf("%s on two pages", v.VpcId)
			}
			seen[v.VpcId] = true
		}
		if len(resp.Vpcs.Vpc) < 2 {
			break
		}
	}
	if len(seen) != total || total != 7 {
		t.Fatalf("walked %d VPCs, TotalCount %d, want 7", len(seen), total)
	}

	// CreateVpc → Pending, then Available once the clock moves.
	cr := vpc.CreateCreateVpcRequest()
	cr.VpcName = "sdk-made"
	cr.CidrBlock = "192.168.0.0/16"
	created, err := c.CreateVpc(cr)
	if err != nil {
		t.Fatal(err)
	}
	attr := func() *vpc.DescribeVpcAttributeResponse {
		t.Helper()
		req := vpc.CreateDescribeVpcAttributeRequest()
		req.VpcId = created.VpcId
		resp, err := c.DescribeVpcAttribute(req)
		if err != nil {
			t.Fatal(err)
		}
		return resp
	}
	if a := attr(); a.Status != "Pending" || a.VpcName != "sdk-made" || a.VRouterId != created.VRouterId {
		t.Fatalf("new VPC: %+v", a)
	}
	h.settle()
	if a := attr(); a.Status != "Available" {
		t.Fatalf("after settling: %s", a.Status)
	}

	sw := vpc.CreateCreateVSwitchRequest()
	sw.VpcId, sw.ZoneId, sw.CidrBlock, sw.VSwitchName = created.VpcId, "cn-hangzhou-h", "192.168.1.0/24", "sdk-web"
	sdkDo(t, c.CreateVSwitch, sw)
	h.settle()
	sw.CidrBlock = "192.168.1.128/25"
	if _, err := c.CreateVSwitch(sw); sdkCode(err) != "InvalidCidrBlock.Overlapped" {
		t.Fatalf("overlapping VSwitch: %v", err)
	}
	del := vpc.CreateDeleteVpcRequest()
	del.VpcId = created.VpcId
	if _, err := c.DeleteVpc(del); sdkCode(err) != "DependencyViolation.VSwitch" {
		t.Fatalf("DeleteVpc with a VSwitch: %v", err)
	}

	list := vpc.CreateDescribeVSwitchesRequest()
	list.VpcId = created.VpcId
	vs, err := c.DescribeVSwitches(list)
	if err != nil || vs.TotalCount != 1 || vs.VSwitches.VSwitch[0].VSwitchName != "sdk-web" || vs.VSwitches.VSwitch[0].Status != "Available" {
		t.Fatalf("DescribeVSwitches: %v %+v", err, vs)
	}
	rts := vpc.CreateDescribeRouteTableListRequest()
	rts.VpcId = created.VpcId
	rl, err := c.DescribeRouteTableList(rts)
	if err != nil || rl.TotalCount != 1 || !rl.Success {
		t.Fatalf("DescribeRouteTableList: %v %+v", err, rl)
	}
	el := vpc.CreateDescribeRouteEntryListRequest()
	el.RouteTableId = rl.RouterTableList.RouterTableListType[0].RouteTableId
	el.MaxResult = requests.NewInteger(1)
	entries, err := c.DescribeRouteEntryList(el)
	if err != nil || len(entries.RouteEntrys.RouteEntry) != 1 || entries.NextToken == "" {
		t.Fatalf("DescribeRouteEntryList: %v %+v", err, entries)
	}
	regions, err := c.DescribeRegions(vpc.CreateDescribeRegionsRequest())
	if err != nil || len(regions.Regions.Region) < 20 {
		t.Fatalf("DescribeRegions: %v", err)
	}

	// STS credentials: the SDK sends SecurityToken as a signed parameter.
	sts, err := vpc.NewClientWithStsToken(hz, DefaultSTSAccessKeyID, DefaultSTSAccessKeySecret, DefaultSecurityToken)
	if err != nil {
		t.Fatal(err)
	}
	sts.Domain = c.Domain
	if _, err := sts.DescribeVpcs(vpc.CreateDescribeVpcsRequest()); err != nil {
		t.Fatalf("STS DescribeVpcs: %v", err)
	}

	// A wrong secret: SignatureDoesNotMatch, with the server's string to
	// sign equal to the SDK's own (the SDK then blames the secret).
	bad := sdkClient(t, ts, "not-the-secret")
	_, err = bad.DescribeVpcs(vpc.CreateDescribeVpcsRequest())
	if sdkCode(err) != "SignatureDoesNotMatch" {
		t.Fatalf("wrong secret: %v", err)
	}
	if !strings.Contains(err.Error(), "InvalidAccessKeySecret") {
		t.Errorf("the SDK's string to sign differs from the simulator's: %v", err)
	}
}

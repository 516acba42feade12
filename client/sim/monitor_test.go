package sim

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// eipsByUse returns a demo EIP bound to something and one that is not.
func eipsByUse(t *testing.T, c *vpc.Client) (inUse, free string) {
	t.Helper()
	req := vpc.CreateDescribeEipAddressesRequest()
	req.RegionId, req.PageSize = hz, "50"
	resp := sdkDo(t, c.DescribeEipAddresses, req)
	for _, e := range resp.EipAddresses.EipAddress {
		if e.InstanceId != "" && inUse == "" {
			inUse = e.AllocationId
		}
		if e.InstanceId == "" && free == "" {
			free = e.AllocationId
		}
	}
	if inUse == "" || free == "" {
		t.Fatalf("the demo has no bound and unbound EIP in %s", hz)
	}
	return inUse, free
}

func utc(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05Z") }

// TestOfficialSDKEipMonitorData reads an hour of an EIP's traffic through
// the official SDK: 60 one-minute points, traffic only where the EIP is
// bound, the same numbers when asked again, seconds rounded up to the next
// minute, at most 200 points, and the documented codes for a wrong Period,
// reversed times and an unknown EIP.
func TestOfficialSDKEipMonitorData(t *testing.T) {
	h, c := sdkHarness(t)
	bound, free := eipsByUse(t, c)
	end := h.srv.opts.Clock.Now().UTC().Truncate(time.Minute)
	ask := func(id string, start, stop time.Time, period string) (*vpc.DescribeEipMonitorDataResponse, error) {
		req := vpc.CreateDescribeEipMonitorDataRequest()
		req.AllocationId, req.StartTime, req.EndTime = id, utc(start), utc(stop)
		if period != "" {
			req.Period = requests.Integer(period)
		}
		return c.DescribeEipMonitorData(req)
	}
	resp, err := ask(bound, end.Add(-time.Hour), end, "60")
	if err != nil {
		t.Fatalf("DescribeEipMonitorData: %v", err)
	}
	pts := resp.EipMonitorDatas.EipMonitorData
	if len(pts) != 60 {
		t.Fatalf("an hour in 60 s points gave %d points", len(pts))
	}
	var sent int64
	for i, p := range pts {
		want := utc(end.Add(-time.Hour).Add(time.Duration(i) * time.Minute))
		if p.TimeStamp != want {
			t.Fatalf("point %d at %s, want %s", i, p.TimeStamp, want)
		}
		if p.EipFlow != p.EipRX+p.EipTX {
			t.Fatalf("point %d: flow %d is not rx %d + tx %d", i, p.EipFlow, p.EipRX, p.EipTX)
		}
		sent += p.EipTX
	}
	if sent == 0 {
		t.Error("a bound EIP sent nothing in an hour")
	}
	again, err := ask(bound, end.Add(-time.Hour), end, "")
	if err != nil || len(again.EipMonitorDatas.EipMonitorData) != 60 || again.EipMonitorDatas.EipMonitorData[7] != pts[7] {
		t.Errorf("asking again (Period defaults to 60) gave other numbers: %v", err)
	}
	idle, err := ask(free, end.Add(-time.Hour), end, "600")
	if err != nil || len(idle.EipMonitorDatas.EipMonitorData) != 6 {
		t.Fatalf("600 s points over an hour: %v %+v", err, idle)
	}
	for _, p := range idle.EipMonitorDatas.EipMonitorData {
		if p.EipFlow != 0 {
			t.Errorf("an unbound EIP carried traffic: %+v", p)
		}
	}
	// 10:00:30 starts at 10:01:00.
	r, err := ask(bound, end.Add(-10*time.Minute+30*time.Second), end, "60")
	if err != nil || len(r.EipMonitorDatas.EipMonitorData) != 9 || r.EipMonitorDatas.EipMonitorData[0].TimeStamp != utc(end.Add(-9*time.Minute)) {
		t.Errorf("a start with seconds is not rounded up to the next minute: %v", err)
	}
	long, err := ask(bound, end.Add(-5*time.Hour), end, "60")
	if err != nil || len(long.EipMonitorDatas.EipMonitorData) != 200 {
		t.Errorf("5 hours of minutes should give the first 200 points: %v", err)
	}
	for _, bad := range []struct {
		id          string
		start, stop time.Time
		period      string
		code        string
	}{
		{bound, end.Add(-time.Hour), end, "120", "InvalidParameter"},
		{bound, end, end.Add(-time.Hour), "60", "InvalidParameter"},
		{"eip-nope", end.Add(-time.Hour), end, "60", "InvalidAllocationId.NotFound"},
	} {
		if _, err := ask(bad.id, bad.start, bad.stop, bad.period); sdkCode(err) != bad.code {
			t.Errorf("%s %s..%s period %s: got %v, want %s", bad.id, utc(bad.start), utc(bad.stop), bad.period, err, bad.code)
		}
	}
}

// TestOfficialSDKBandwidthPackageIpMonitorData calls
// DescribeBandwidthPackagePublicIpMonitorData (which the SDK has no typed
// request for) as a common request: it requires RegionId.
func TestOfficialSDKBandwidthPackageIpMonitorData(t *testing.T) {
	hs, c := sdkHarness(t)
	bound, _ := eipsByUse(t, c)
	end := hs.srv.opts.Clock.Now().UTC().Truncate(time.Minute)
	raw, err := sdkCommon(c, "DescribeBandwidthPackagePublicIpMonitorData", kv("AllocationId", bound,
		"StartTime", utc(end.Add(-30*time.Minute)), "EndTime", utc(end), "Period", "60"))
	if err != nil {
		t.Fatalf("DescribeBandwidthPackagePublicIpMonitorData: %v", err)
	}
	var body map[string]any
	if err := json.Unmarshal(raw, &body); err != nil {
		t.Fatal(err)
	}
	pts := body["MonitorDatas"].(map[string]any)["MonitorData"].([]any)
	if len(pts) != 30 {
		t.Fatalf("30 minutes gave %d points", len(pts))
	}
	h := hs.at(time.Now())
	h.fails("DescribeBandwidthPackagePublicIpMonitorData", kv("AllocationId", bound, "StartTime", "2026-01-01T00:00:00Z", "EndTime", "2026-01-01T01:00:00Z"), 400, "MissingParameter")
	h.fails("DescribeBandwidthPackagePublicIpMonitorData", kv("RegionId", hz, "AllocationId", "eip-nope", "StartTime", "2026-01-01T00:00:00Z", "EndTime", "2026-01-01T01:00:00Z"), 404, "InvalidAllocationId.NotFound")
}

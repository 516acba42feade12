package sim

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

func sdkPC(t *testing.T, c *vpc.Client, id string) *vpc.PhysicalConnectionType {
	t.Helper()
	req := vpc.CreateDescribePhysicalConnectionsRequest()
	req.Filter = &[]vpc.DescribePhysicalConnectionsFilter{{Key: "PhysicalConnectionId", Value: &[]string{id}}}
	resp := sdkDo(t, c.DescribePhysicalConnections, req)
	return sdkOne(t, id, resp.PhysicalConnectionSet.PhysicalConnectionType, resp.TotalCount)
}

// demoPCID is the ID of the demo's physical connection called name.
func (h *harness) demoPCID(name string) string {
	h.t.Helper()
	return h.seeded("demo physical connection "+name, func(r *record) bool { return r.Kind == kindPC && pcOf(r).Name == name }).ID
}

// TestOfficialSDKPhysicalConnectionLifecycle drives every physical
// connection operation and DescribeAccessPoints through the official SDK:
// create → Initial → Approved → Allocating → Allocated → Confirmed (waits)
// → enable → Enabled → modify → terminate → Terminating → Terminated →
// delete; cancel; and the documented codes on the way.
func TestOfficialSDKPhysicalConnectionLifecycle(t *testing.T) {
	h, c := sdkHarness(t)

	ar := vpc.CreateDescribeAccessPointsRequest()
	ar.Filter = &[]vpc.DescribeAccessPointsFilter{{Key: "Status", Value: &[]string{"recommended"}}}
	aps, err := c.DescribeAccessPoints(ar)
	if err != nil || aps.TotalCount != 3 || len(aps.AccessPointSet.AccessPointType) != 3 {
		t.Fatalf("DescribeAccessPoints: %v %+v", err, aps)
	}
	ap := aps.AccessPointSet.AccessPointType[0]
	if ap.AttachedRegionNo != hz || ap.AccessPointId == "" || ap.Type != "VPC" {
		t.Errorf("access point: %+v", ap)
	}

	cr := vpc.CreateCreatePhysicalConnectionRequest()
	cr.AccessPointId, cr.LineOperator, cr.PeerLocation = ap.AccessPointId, "CT", "Hangzhou DC"
	cr.Name, cr.PortType, cr.Bandwidth = "sdk-line", "10GBase-LR", requests.NewInteger(20000)
	sdkRefuses(t, "CreatePhysicalConnection at 20000 Mbit/s", c.CreatePhysicalConnection, cr, "InvalidBandwidth")
	cr.Bandwidth = requests.NewInteger(5000)
	out, err := c.CreatePhysicalConnection(cr)
	if err != nil || out.PhysicalConnectionId == "" {
		t.Fatalf("CreatePhysicalConnection: %v %+v", err, out)
	}
	id := out.PhysicalConnectionId
	pc := sdkPC(t, c, id)
	if pc == nil || pc.Status != "Initial" || pc.Bandwidth != 5000 || pc.PortType != "10GBase-LR" || pc.AccessPointId != ap.AccessPointId || pc.LineOperator != "CT" {
		t.Fatalf("fresh physical connection: %+v", pc)
	}
	// Enabling before the provider confirms is refused.
	er := vpc.CreateEnablePhysicalConnectionRequest()
	er.PhysicalConnectionId = id
	sdkRefuses(t, "EnablePhysicalConnection while Initial", c.EnablePhysicalConnection, er, "Forbidden.NotAllowedInState")
	// The provider takes one settle period per step.
	for _, want := range []string{"Approved", "Allocating", "Allocated", "Confirmed", "Confirmed"} {
		h.clock.Advance(h.srv.opts.Settle)
		if pc = sdkPC(t, c, id); pc.Status != want {
			t.Fatalf("after a step: %s, want %s", pc.Status, want)
		}
	}
	// Confirmed is not a spec state any more.
	mr := vpc.CreateModifyPhysicalConnectionAttributeRequest()
	mr.PhysicalConnectionId, mr.Bandwidth = id, requests.NewInteger(200)
	sdkRefuses(t, "ModifyPhysicalConnectionAttribute bandwidth while Confirmed", c.ModifyPhysicalConnectionAttribute, mr, "InvalidStatus")
	sdkDo(t, c.EnablePhysicalConnection, er)
	if pc = sdkPC(t, c, id); pc.Status != "Enabled" || pc.EnabledTime == "" {
		t.Fatalf("enabled: %+v", pc)
	}
	mr = vpc.CreateModifyPhysicalConnectionAttributeRequest()
	mr.PhysicalConnectionId, mr.Name, mr.Description = id, "sdk-line-2", "Renamed by the SDK"
	sdkDo(t, c.ModifyPhysicalConnectionAttribute, mr)
	mr.PeerLocation = "http://example.com"
	sdkRefuses(t, "ModifyPhysicalConnectionAttribute with a URL location", c.ModifyPhysicalConnectionAttribute, mr, "InvalidPeerLocation.Malformd")
	if pc = sdkPC(t, c, id); pc.Name != "sdk-line-2" || pc.Description != "Renamed by the SDK" || pc.PeerLocation != "Hangzhou DC" {
		t.Errorf("after modify: %+v", pc)
	}

	// An Enabled line cannot be deleted; one with a VBR cannot be terminated.
	dr := vpc.CreateDeletePhysicalConnectionRequest()
	dr.PhysicalConnectionId = id
	sdkRefuses(t, "DeletePhysicalConnection while Enabled", c.DeletePhysicalConnection, dr, "Forbidden.NotAllowedInState")
	tr := vpc.CreateTerminatePhysicalConnectionRequest()
	tr.PhysicalConnectionId = h.demoPCID("pc-dc-hangzhou")
	sdkRefuses(t, "TerminatePhysicalConnection with a VBR", c.TerminatePhysicalConnection, tr, "Forbidden.AssociateToVBR")
	tr.PhysicalConnectionId = id
	sdkDo(t, c.TerminatePhysicalConnection, tr)
	if pc = sdkPC(t, c, id); pc.Status != "Terminating" {
		t.Fatalf("terminating: %s", pc.Status)
	}
	h.settle()
	if pc = sdkPC(t, c, id); pc.Status != "Terminated" || pc.EndTime == "" {
		t.Fatalf("terminated: %+v", pc)
	}
	sdkDo(t, c.DeletePhysicalConnection, dr)
	if pc = sdkPC(t, c, id); pc != nil {
		t.Fatalf("deleted physical connection still listed: %+v", pc)
	}
	sdkRefuses(t, "DeletePhysicalConnection twice", c.DeletePhysicalConnection, dr, "InvalidPhysicalConnectionId.NotFound")

	// Cancel: a fresh application stops where it is; a Canceled one goes.
	out = sdkDo(t, c.CreatePhysicalConnection, cr)
	h.settle()
	xr := vpc.CreateCancelPhysicalConnectionRequest()
	xr.PhysicalConnectionId = out.PhysicalConnectionId
	if _, err := c.CancelPhysicalConnection(xr); err != nil {
		t.Fatalf("CancelPhysicalConnection while Approved: %v", err)
	}
	h.settle()
	if pc = sdkPC(t, c, out.PhysicalConnectionId); pc.Status != "Canceled" {
		t.Fatalf("cancelled: %s", pc.Status)
	}
	sdkRefuses(t, "CancelPhysicalConnection twice", c.CancelPhysicalConnection, xr, "Forbidden.NotAllowedInState")
	dr.PhysicalConnectionId = out.PhysicalConnectionId
	if _, err := c.DeletePhysicalConnection(dr); err != nil {
		t.Fatalf("DeletePhysicalConnection of a Canceled one: %v", err)
	}
}

// TestPhysicalConnectionRules: the quota of applications in flight, the
// redundant line's status, a Rejected application applying again when
// modified, and the required parameters.
func TestPhysicalConnectionRules(t *testing.T) {
	h := newHarness(t, Options{})
	ap := "ap-cn-hangzhou-ft-a"
	create := kvBase("RegionId", hz, "AccessPointId", ap, "LineOperator", "CU", "PeerLocation", "Binjiang")
	h.fails("CreatePhysicalConnection", kv("RegionId", hz, "AccessPointId", ap, "LineOperator", "CU"), 400, "MissingParameter")
	h.fails("CreatePhysicalConnection", create("LineOperator", "XX"), 400, "InvalidParameter")
	h.fails("CreatePhysicalConnection", create("PortType", "40GBase-LR"), 400, "InvalidPortType.Malformd")
	h.fails("CreatePhysicalConnection", create("AccessPointId", "ap-cn-hangzhou-nope"), 400, "InvalidAccessPointId.NotFound")
	h.fails("CreatePhysicalConnection", create("RedundantPhysicalConnectionId", h.demoPCID("pc-lab-trial")), 400, "InvalidRedundantPhysicalConnectionStatus")
	h.fails("CreatePhysicalConnection", create("RedundantPhysicalConnectionId", "pc-nope"), 400, "InvalidRedundantPhysicalConnection")
	// The demo has three applications in flight in Hangzhou (Confirmed,
	// Initial, Rejected): two more fit.
	h.ok("CreatePhysicalConnection", create("Name", "q-1", "RedundantPhysicalConnectionId", h.demoPCID("pc-dc-hangzhou")))
	h.ok("CreatePhysicalConnection", create("Name", "q-2"))
	h.fails("CreatePhysicalConnection", create("Name", "q-3"), 400, "QuotaExceeded.PhysicalConnection")

	rejected := h.demoPCID("pc-dc-ningbo")
	h.ok("ModifyPhysicalConnectionAttribute", kv("RegionId", hz, "PhysicalConnectionId", rejected, "bandwidth", "300"))
	list := func(id string) map[string]any {
		t.Helper()
		return h.one("DescribePhysicalConnections", kv("RegionId", hz, "Filter.1.Key", "PhysicalConnectionId", "Filter.1.Value.1", id),
			"PhysicalConnectionSet", "PhysicalConnectionType")
	}
	if p := list(rejected); p["Status"] != "Initial" || p["Bandwidth"] != float64(300) {
		t.Errorf("a modified Rejected application: %v %v", p["Status"], p["Bandwidth"])
	}
	h.settle()
	if p := list(rejected); p["Status"] != "Approved" {
		t.Errorf("the application again, a step later: %v", p["Status"])
	}
	h.fails("ModifyPhysicalConnectionAttribute", kv("RegionId", hz, "PhysicalConnectionId", h.demoPCID("pc-lab-trial"), "Name", "again"), 400, "InvalidStatus")
	h.fails("ModifyPhysicalConnectionAttribute", kv("RegionId", hz, "PhysicalConnectionId", "pc-nope"), 404, "InvalidPhysicalConnectionId.NotFound")
	h.fails("DescribeAccessPoints", kv("RegionId", "xx-nowhere-1"), 404, "InvalidRegionId.NotSupport")
	if n := h.ok("DescribeAccessPoints", kv("RegionId", hz, "HostOperator", "GDS")).num("TotalCount"); n != 1 {
		t.Errorf("access points of GDS: %d", n)
	}
}

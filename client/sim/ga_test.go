package sim

import (
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// gaSDK drives global acceleration through the official SDK: the typed
// requests it has, and its CommonRequest for AssociateGlobalAccelerationInstance
// (the SDK has no typed request for it).
type gaSDK struct {
	t *testing.T
	c *vpc.Client
	h *harness
}

// get reads one instance (nil when gone).
func (g gaSDK) get(region, id string) *vpc.GlobalAccelerationInstance {
	g.t.Helper()
	req := vpc.CreateDescribeGlobalAccelerationInstancesRequest()
	req.RegionId, req.GlobalAccelerationInstanceId = region, id
	out := sdkDo(g.t, g.c.DescribeGlobalAccelerationInstances, req)
	return sdkOne(g.t, id, out.GlobalAccelerationInstances.GlobalAccelerationInstance, out.TotalCount)
}

func (g gaSDK) list(req *vpc.DescribeGlobalAccelerationInstancesRequest) map[string]vpc.GlobalAccelerationInstance {
	g.t.Helper()
	out := sdkDo(g.t, g.c.DescribeGlobalAccelerationInstances, req)
	m := map[string]vpc.GlobalAccelerationInstance{}
	for _, x := range out.GlobalAccelerationInstances.GlobalAccelerationInstance {
		m[x.Name] = x
	}
	return m
}

func (g gaSDK) create(typ, bw, loc, name string) (string, error) {
	req := vpc.CreateCreateGlobalAccelerationInstanceRequest()
	req.RegionId, req.BandwidthType, req.Bandwidth, req.ServiceLocation, req.Name = hz, typ, bw, loc, name
	out, err := g.c.CreateGlobalAccelerationInstance(req)
	if err != nil {
		return "", err
	}
	return out.GlobalAccelerationInstanceId, nil
}

func (g gaSDK) eip(prepaid bool) string {
	g.t.Helper()
	ar := vpc.CreateAllocateEipAddressRequest()
	ar.RegionId = hz
	if prepaid {
		ar.InstanceChargeType, ar.PricingCycle, ar.Period = "PrePaid", "Month", requests.NewInteger(1)
	}
	return sdkDo(g.t, g.c.AllocateEipAddress, ar).AllocationId
}

func (g gaSDK) ip(add bool, ga, eip string) error {
	if add {
		req := vpc.CreateAddGlobalAccelerationInstanceIpRequest()
		req.RegionId, req.GlobalAccelerationInstanceId, req.IpInstanceId = hz, ga, eip
		_, err := g.c.AddGlobalAccelerationInstanceIp(req)
		return err
	}
	req := vpc.CreateRemoveGlobalAccelerationInstanceIpRequest()
	req.RegionId, req.GlobalAccelerationInstanceId, req.IpInstanceId = hz, ga, eip
	_, err := g.c.RemoveGlobalAccelerationInstanceIp(req)
	return err
}

func (g gaSDK) del(id string) error {
	req := vpc.CreateDeleteGlobalAccelerationInstanceRequest()
	req.RegionId, req.GlobalAccelerationInstanceId = hz, id
	_, err := g.c.DeleteGlobalAccelerationInstance(req)
	return err
}

func (g gaSDK) code(want string, err error, what string) {
	g.t.Helper()
	if sdkCode(err) != want {
		g.t.Errorf("%s: %v, want %s", what, err, want)
	}
}

func newGASDK(t *testing.T) gaSDK {
	h, c := sdkHarness(t)
	return gaSDK{t, c, h}
}

// TestOfficialSDKGAExclusiveLifecycle: the demo's instances, then create →
// rename and resize → associate a backend of another region (Associating →
// InUse), with the documented codes on the way → the server's related
// instances → unassociate (Unassociating → Available) → delete.
func TestOfficialSDKGAExclusiveLifecycle(t *testing.T) {
	g := newGASDK(t)
	req := vpc.CreateDescribeGlobalAccelerationInstancesRequest()
	req.RegionId = hz
	demo := g.list(req)
	api := demo["data-api-accel"]
	if len(demo) != 3 || api.Status != "InUse" || api.BandwidthType != "Exclusive" || len(api.BackendServers.BackendServer) != 1 ||
		api.BackendServers.BackendServer[0].RegionId != "cn-shanghai" || demo["hz-shared-accel"].BandwidthType != "Sharing" ||
		len(demo["hz-shared-accel"].PublicIpAddresses.PublicIpAddress) != 1 || demo["eu-spare-accel"].Status != "Available" {
		t.Fatalf("demo instances of cn-hangzhou: %+v", demo)
	}
	host := api.BackendServers.BackendServer[0].ServerId

	_, err := g.create("", "15", "china-mainland", "bad-bw")
	g.code("InvalidParameter", err, "a bandwidth off the list")
	_, err = g.create("", "10", "china-mainland", "9lives")
	g.code("InvalidGlobalAccelerationInstanceName.Malformed", err, "a name starting with a digit")
	id, err := g.create("", "20", "china-mainland", "sdk-ga")
	if err != nil || !strings.HasPrefix(id, "ga-") {
		t.Fatalf("CreateGlobalAccelerationInstance: %q %v", id, err)
	}
	x := g.get(hz, id)
	if x == nil || x.Status != "Available" || x.BandwidthType != "Exclusive" || x.IpAddress == "" || x.Bandwidth != "20" ||
		x.ChargeType != "PostPaid" || x.ServiceLocation != "china-mainland" {
		t.Fatalf("fresh instance: %+v", x)
	}

	mr := vpc.CreateModifyGlobalAccelerationInstanceAttributesRequest()
	mr.RegionId, mr.GlobalAccelerationInstanceId, mr.Name, mr.Description = hz, id, "sdk-ga-2", "made by the SDK"
	if _, err := g.c.ModifyGlobalAccelerationInstanceAttributes(mr); err != nil {
		t.Fatal(err)
	}
	mr.Description = "h"
	_, err = g.c.ModifyGlobalAccelerationInstanceAttributes(mr)
	g.code("InvalidGlobalAccelerationInstanceDescription.Malformed", err, "a one-character description")
	sr := vpc.CreateModifyGlobalAccelerationInstanceSpecRequest()
	sr.RegionId, sr.GlobalAccelerationInstanceId, sr.Bandwidth = hz, id, "200"
	if _, err := g.c.ModifyGlobalAccelerationInstanceSpec(sr); err != nil {
		t.Fatal(err)
	}
	if x = g.get(hz, id); x.Name != "sdk-ga-2" || x.Description != "made by the SDK" || x.Bandwidth != "200" {
		t.Errorf("after the modifications: %+v", x)
	}
	sr.GlobalAccelerationInstanceId = "ga-nope"
	_, err = g.c.ModifyGlobalAccelerationInstanceSpec(sr)
	g.code("InvalidGlobalAccelerationInstanceId.NotFound", err, "resizing an unknown instance")

	assoc := func(code string, pairs ...string) {
		t.Helper()
		p := kv(append([]string{"GlobalAccelerationInstanceId", id}, pairs...)...)
		_, err := sdkCommon(g.c, "AssociateGlobalAccelerationInstance", p)
		if sdkCode(err) != code {
			t.Errorf("AssociateGlobalAccelerationInstance %v: %v, want %q", pairs, err, code)
		}
	}
	assoc("InvalidBackendServerRegionId.EqualRegionId", "BackendServerId", host, "BackendServerRegionId", hz)
	assoc("InvalidBackendServerId.NotFound", "BackendServerId", "i-nope", "BackendServerRegionId", "cn-shanghai")
	assoc("InvalidBackendServerType.NotFound", "BackendServerId", host, "BackendServerRegionId", "cn-shanghai", "BackendServerType", "Rds")
	assoc("", "BackendServerId", host, "BackendServerRegionId", "cn-shanghai")
	if x = g.get(hz, id); x.Status != "Associating" || len(x.BackendServers.BackendServer) != 1 ||
		x.BackendServers.BackendServer[0].ServerId != host || x.BackendServers.BackendServer[0].ServerType != "EcsInstance" {
		t.Errorf("associating: %+v", x)
	}
	assoc("TaskConflict.AssociateGlobalAccelerationInstance", "BackendServerId", host, "BackendServerRegionId", "cn-shanghai")
	g.h.settle()
	if x = g.get(hz, id); x.Status != "InUse" {
		t.Errorf("after settling: %s", x.Status)
	}
	assoc("InvalidAssociation.Duplicated", "BackendServerId", host, "BackendServerRegionId", "cn-shanghai")
	g.code("IncorrectGlobalAccelerationInstanceIdStatus", g.del(id), "deleting an instance with a backend")

	rr := vpc.CreateDescribeServerRelatedGlobalAccelerationInstancesRequest()
	rr.RegionId, rr.ServerId = "cn-shanghai", host
	rel, err := g.c.DescribeServerRelatedGlobalAccelerationInstances(rr)
	if err != nil || len(rel.GlobalAccelerationInstances.GlobalAccelerationInstance) != 2 {
		t.Fatalf("DescribeServerRelatedGlobalAccelerationInstances: %v %+v", err, rel)
	}
	for _, r := range rel.GlobalAccelerationInstances.GlobalAccelerationInstance {
		if r.RegionId != hz || r.IpAddress == "" || r.ServerIpAddress == "" {
			t.Errorf("related instance: %+v", r)
		}
	}
	rr.ServerType = "Rds"
	_, err = g.c.DescribeServerRelatedGlobalAccelerationInstances(rr)
	g.code("InvalidBackendServerType.NotFound", err, "an unknown server type")
	rr = vpc.CreateDescribeServerRelatedGlobalAccelerationInstancesRequest()
	rr.RegionId, rr.ServerId = "cn-shanghai", "i-nope"
	_, err = g.c.DescribeServerRelatedGlobalAccelerationInstances(rr)
	g.code("InvalidBackendServerId.NotFound", err, "an unknown server")
	byServer := vpc.CreateDescribeGlobalAccelerationInstancesRequest()
	byServer.RegionId, byServer.ServerId, byServer.Status = hz, host, "Inuse"
	if l := g.list(byServer); len(l) != 2 {
		t.Errorf("ServerId and Status=Inuse filters: %d instances", len(l))
	}

	ur := vpc.CreateUnassociateGlobalAccelerationInstanceRequest()
	ur.RegionId, ur.GlobalAccelerationInstanceId, ur.InstanceType = hz, id, "RemoteEcsInstance"
	if _, err := g.c.UnassociateGlobalAccelerationInstance(ur); err != nil {
		t.Fatal(err)
	}
	if x = g.get(hz, id); x.Status != "Unassociating" {
		t.Errorf("unassociating: %s", x.Status)
	}
	_, err = g.c.UnassociateGlobalAccelerationInstance(ur)
	g.code("IncorrectGlobalAccelerationInstanceIdStatus", err, "unassociating twice")
	g.h.settle()
	if x = g.get(hz, id); x.Status != "Available" || len(x.BackendServers.BackendServer) != 0 {
		t.Errorf("after unassociating: %+v", x)
	}
	if err := g.del(id); err != nil {
		t.Fatal(err)
	}
	if g.get(hz, id) != nil {
		t.Error("deleted instance still listed")
	}
	g.code("InvalidGlobalAccelerationInstanceId.NotFound", g.del(id), "deleting twice")
}

// TestOfficialSDKGASharingIPs: a sharing instance takes post-paid EIPs of
// its region (Associating → InUse), holds them while it has them, and lets
// them go (Unassociating → Available).
func TestOfficialSDKGASharingIPs(t *testing.T) {
	g := newGASDK(t)
	id, err := g.create("Sharing", "50", "asia-pacific", "sdk-shared")
	if err != nil {
		t.Fatal(err)
	}
	if x := g.get(hz, id); x.BandwidthType != "Sharing" || x.IpAddress != "" || x.Status != "Available" {
		t.Fatalf("fresh sharing instance: %+v", x)
	}
	eip, pre := g.eip(false), g.eip(true)
	g.code("InvalidParameter", g.ip(true, id, pre), "adding a pre-paid EIP")
	g.code("InvalidBandwidthPackageId.NotFound", g.ip(true, "ga-nope", eip), "adding to an unknown instance")
	g.code("InvalidAllocationId.NotFound", g.ip(true, id, "eip-nope"), "adding an unknown EIP")
	if err := g.ip(true, id, eip); err != nil {
		t.Fatal(err)
	}
	x := g.get(hz, id)
	if x.Status != "Associating" || len(x.PublicIpAddresses.PublicIpAddress) != 1 || x.PublicIpAddresses.PublicIpAddress[0].AllocationId != eip {
		t.Errorf("adding an EIP: %+v", x)
	}
	g.h.settle()
	if x = g.get(hz, id); x.Status != "InUse" {
		t.Errorf("after settling: %s", x.Status)
	}
	rel := vpc.CreateReleaseEipAddressRequest()
	rel.RegionId, rel.AllocationId = hz, eip
	_, err = g.c.ReleaseEipAddress(rel)
	g.code("IncorrectEipStatus", err, "releasing an accelerated EIP")
	g.code("IncorrectGlobalAccelerationInstanceIdStatus", g.del(id), "deleting an instance with an EIP")
	other, err := g.create("", "10", "china-mainland", "sdk-exclusive")
	if err != nil {
		t.Fatal(err)
	}
	g.code("InvalidParameter", g.ip(true, other, g.eip(false)), "an EIP on an exclusive instance")

	if err := g.ip(false, id, eip); err != nil {
		t.Fatal(err)
	}
	if x = g.get(hz, id); x.Status != "Unassociating" || len(x.PublicIpAddresses.PublicIpAddress) != 0 {
		t.Errorf("removing the EIP: %+v", x)
	}
	g.h.settle()
	if x = g.get(hz, id); x.Status != "Available" {
		t.Errorf("after removing the EIP: %s", x.Status)
	}
	if _, err := g.c.ReleaseEipAddress(rel); err != nil {
		t.Errorf("releasing the freed EIP: %v", err)
	}
	if err := g.del(id); err != nil {
		t.Fatal(err)
	}
}

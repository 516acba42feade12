package sim

import (
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// demoInstance finds a seeded ECS instance and its VSwitch by name.
func (h *harness) demoInstance(name string) (instID, vswID, cidr string) {
	h.t.Helper()
	h.seeded("demo instance "+name, func(r *record) bool {
		i, ok := r.Value.(*instance)
		if ok && i.InstanceName == name {
			instID, vswID, cidr = i.InstanceId, i.VSwitchId, vswOf(h.srv.st.find(kindVSwitch, "", i.VSwitchId)).CidrBlock
		}
		return instID != ""
	})
	return
}

func sdkHaVip(t *testing.T, c *vpc.Client, id string) *vpc.HaVip {
	t.Helper()
	req := vpc.CreateDescribeHaVipsRequest()
	req.Filter = &[]vpc.DescribeHaVipsFilter{{Key: "HaVipId", Value: &[]string{id}}}
	resp := sdkDo(t, c.DescribeHaVips, req)
	return sdkOne(t, id, resp.HaVips.HaVip, resp.TotalCount)
}

// TestOfficialSDKHaVipLifecycle drives every HaVip operation through the
// official SDK: create → Creating → Available → modify → associate →
// Associating → InUse → unassociate → Unassociating → Available → delete →
// Deleting → gone, and the documented error codes on the way.
func TestOfficialSDKHaVipLifecycle(t *testing.T) {
	h, c := sdkHarness(t)
	inst, vsw, _ := h.demoInstance("fw-appliance-01")

	cr := vpc.CreateCreateHaVipRequest()
	cr.VSwitchId, cr.Name, cr.Description = vsw, "sdk-vip", "made by the SDK"
	out := sdkDo(t, c.CreateHaVip, cr)
	if out.HaVipId == "" || out.IpAddress == "" {
		t.Fatalf("CreateHaVip answered %+v", out)
	}
	hv := sdkHaVip(t, c, out.HaVipId)
	if hv == nil || hv.Status != "Creating" || hv.VSwitchId != vsw || hv.IpAddress != out.IpAddress || hv.Name != "sdk-vip" || hv.VpcId == "" {
		t.Fatalf("fresh HaVip: %+v", hv)
	}
	h.settle()
	if hv = sdkHaVip(t, c, out.HaVipId); hv.Status != "Available" {
		t.Fatalf("settled HaVip is %s, want Available", hv.Status)
	}

	mr := vpc.CreateModifyHaVipAttributeRequest()
	mr.HaVipId, mr.Name = out.HaVipId, "sdk-vip-2"
	sdkDo(t, c.ModifyHaVipAttribute, mr)
	if hv = sdkHaVip(t, c, out.HaVipId); hv.Name != "sdk-vip-2" || hv.Description != "made by the SDK" {
		t.Errorf("after modify: name %q description %q", hv.Name, hv.Description)
	}

	// The address the demo's fw-ha-vip holds is taken; one outside the
	// VSwitch is out of range.
	dup := vpc.CreateCreateHaVipRequest()
	dup.VSwitchId, dup.IpAddress = vsw, out.IpAddress
	sdkRefuses(t, "CreateHaVip on a used address", c.CreateHaVip, dup, "InvalidIPAddress.AlreadyUsed")
	dup.IpAddress = "192.0.2.10"
	sdkRefuses(t, "CreateHaVip outside the VSwitch", c.CreateHaVip, dup, "InvalidIPAddress.OutOfRange")

	ar := vpc.CreateAssociateHaVipRequest()
	ar.HaVipId, ar.InstanceId = out.HaVipId, inst
	sdkDo(t, c.AssociateHaVip, ar)
	if hv = sdkHaVip(t, c, out.HaVipId); hv.Status != "Associating" {
		t.Errorf("after AssociateHaVip: %s, want Associating", hv.Status)
	}
	h.settle()
	hv = sdkHaVip(t, c, out.HaVipId)
	if hv.Status != "InUse" || len(hv.AssociatedInstances.AssociatedInstance) != 1 || hv.AssociatedInstances.AssociatedInstance[0] != inst ||
		hv.AssociatedInstanceType != "EcsInstance" || hv.MasterInstanceId != inst {
		t.Fatalf("associated HaVip: %+v", hv)
	}

	// An InUse HaVip cannot be deleted.
	dr := vpc.CreateDeleteHaVipRequest()
	dr.HaVipId = out.HaVipId
	sdkRefuses(t, "DeleteHaVip while InUse", c.DeleteHaVip, dr, "IncorrectStatus")

	ur := vpc.CreateUnassociateHaVipRequest()
	ur.HaVipId, ur.InstanceId = out.HaVipId, "i-notassociated"
	sdkRefuses(t, "UnassociateHaVip of another instance", c.UnassociateHaVip, ur, "ResourceNotAssociated")
	ur.InstanceId = inst
	sdkDo(t, c.UnassociateHaVip, ur)
	if hv = sdkHaVip(t, c, out.HaVipId); hv.Status != "Unassociating" {
		t.Errorf("after UnassociateHaVip: %s, want Unassociating", hv.Status)
	}
	h.settle()
	if hv = sdkHaVip(t, c, out.HaVipId); hv.Status != "Available" || len(hv.AssociatedInstances.AssociatedInstance) != 0 || hv.MasterInstanceId != "" {
		t.Fatalf("unassociated HaVip: %+v", hv)
	}

	sdkDo(t, c.DeleteHaVip, dr)
	if hv = sdkHaVip(t, c, out.HaVipId); hv == nil || hv.Status != "Deleting" {
		t.Errorf("after DeleteHaVip: %+v, want Deleting", hv)
	}
	h.settle()
	if hv = sdkHaVip(t, c, out.HaVipId); hv != nil {
		t.Errorf("deleted HaVip still listed: %+v", hv)
	}
	sdkRefuses(t, "DeleteHaVip of a deleted HaVip", c.DeleteHaVip, dr, "InvalidHaVipId.NotFound")

	// The demo's fw-ha-vip reads as seeded, through a VSwitch filter.
	lr := vpc.CreateDescribeHaVipsRequest()
	lr.Filter = &[]vpc.DescribeHaVipsFilter{{Key: "VSwitchId", Value: &[]string{vsw}}}
	resp, err := c.DescribeHaVips(lr)
	if err != nil || resp.TotalCount != 1 || resp.HaVips.HaVip[0].Name != "fw-ha-vip" || resp.HaVips.HaVip[0].Status != "InUse" {
		t.Errorf("HaVips of %s: %+v, %v", vsw, resp, err)
	}
}

// TestHaVipDependents checks what refuses a HaVip's deletion or
// unassociation: a route pointing at it, an EIP bound to it, the master
// instance while others remain; and that it blocks DeleteVSwitch.
func TestHaVipDependents(t *testing.T) {
	h := newHarness(t, Options{})
	inst, vsw, cidr := h.demoInstance("fw-appliance-01")
	id := h.ok("CreateHaVip", kv("RegionId", hz, "VSwitchId", vsw, "IpAddress", hostAddr(cidr, 120))).str("HaVipId")
	h.settle()
	h.fails("CreateHaVip", kv("RegionId", hz, "VSwitchId", vsw, "IpAddress", hostAddr(cidr, -1)), 400, "InvalidIPAddress.NotAvailable")
	h.fails("CreateHaVip", kv("RegionId", hz, "VSwitchId", "vsw-nope"), 400, "InvalidVSwitch.NotFound")
	// dev-sbx-b holds nothing else: the HaVip alone refuses its deletion.
	sbx := h.demoVSwitch("dev-sbx-b")
	h.ok("CreateHaVip", kv("RegionId", hz, "VSwitchId", sbx))
	h.settle()
	h.fails("DeleteVSwitch", kv("RegionId", hz, "VSwitchId", sbx), 400, "DependencyViolation.HaVip")

	// A route to the HaVip.
	var table string
	h.srv.mu.Lock()
	table = systemTable(h.srv.st, vswOf(h.srv.st.find(kindVSwitch, "", vsw)).VpcId).ID
	h.srv.mu.Unlock()
	re := h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", table, "DestinationCidrBlock", "198.18.0.0/24",
		"NextHopType", "HaVip", "NextHopId", id)).str("RouteEntryId")
	h.settle()
	h.fails("DeleteHaVip", kv("RegionId", hz, "HaVipId", id), 400, "DependencyViolation.HaVipReferedByRouteEntry")
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteEntryId", re, "RouteTableId", table))
	h.settle()

	// An EIP on the HaVip.
	eip := h.ok("AllocateEipAddress", kv("RegionId", hz)).str("AllocationId")
	h.ok("AssociateEipAddress", kv("RegionId", hz, "AllocationId", eip, "InstanceId", id, "InstanceType", "HaVip"))
	h.settle()
	hv := h.one("DescribeHaVips", kv("RegionId", hz, "Filter.1.Key", "HaVipId", "Filter.1.Value.1", id), "HaVips", "HaVip")
	if eips, _ := hv["AssociatedEipAddresses"].(map[string]any)["associatedEipAddresse"].([]any); len(eips) != 1 {
		t.Errorf("HaVip with an EIP lists %v", hv["AssociatedEipAddresses"])
	}
	h.fails("DeleteHaVip", kv("RegionId", hz, "HaVipId", id), 400, "DependencyViolation.HaVipAssociatedWithEIP")
	h.ok("UnassociateEipAddress", kv("RegionId", hz, "AllocationId", eip, "InstanceId", id, "InstanceType", "HaVip"))
	h.settle()

	// The master instance stays unless forced while another is bound.
	other := h.addENIIn(vsw)
	h.ok("AssociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", inst))
	h.fails("AssociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", inst), 400, "IncorrectHaVipStatus")
	h.settle()
	h.fails("AssociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", other, "InstanceType", "NetworkInterface"), 400, "InvalidParameter")
	h.fails("AssociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", "i-nope"), 404, "InvalidInstanceId.NotFound")
	h.fails("UnassociateHaVip", kv("RegionId", hz, "HaVipId", "havip-nope", "InstanceId", inst), 404, "InvalidHaVipId.NotFound")
	// A second ECS instance of the VSwitch: the first stays master, and
	// unbinding it needs Force while the second is bound; then the second
	// becomes master.
	second := h.addInstanceIn(vsw)
	h.ok("AssociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", second))
	h.settle()
	master := func() string {
		m, _ := h.one("DescribeHaVips", kv("RegionId", hz, "Filter.1.Key", "HaVipId", "Filter.1.Value.1", id), "HaVips", "HaVip")["MasterInstanceId"].(string)
		return m
	}
	if m := master(); m != inst {
		t.Fatalf("master %q, want the first instance %s", m, inst)
	}
	h.fails("UnassociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", inst), 400, "Forbidden.UnassociateMaster")
	h.ok("UnassociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", inst, "Force", "true"))
	h.settle()
	if m := master(); m != second {
		t.Fatalf("after a forced unbind the master is %q, want %s", m, second)
	}
	h.ok("UnassociateHaVip", kv("RegionId", hz, "HaVipId", id, "InstanceId", second))
	h.settle()
	h.ok("DeleteHaVip", kv("RegionId", hz, "HaVipId", id))
}

func (h *harness) addInstanceIn(vswID string) string {
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	return addInstance(h.srv.st, h.srv.st.find(kindVSwitch, "", vswID), "second-appliance").ID
}

func (h *harness) demoVSwitch(name string) string {
	h.t.Helper()
	return h.seeded("demo VSwitch "+name, func(r *record) bool { return r.Kind == kindVSwitch && vswOf(r).VSwitchName == name }).ID
}

// addENIIn seeds a network interface in the VSwitch.
func (h *harness) addENIIn(vswID string) string {
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	st := h.srv.st
	sw := vswOf(st.find(kindVSwitch, "", vswID))
	r := st.mustAdd(kindENI, hz, &eniRecord{NetworkInterfaceId: st.newID(kindENI, hz), VpcId: sw.VpcId, VSwitchId: vswID,
		PrivateIpAddress: hostAddr(sw.CidrBlock, 130), Status: "InUse"})
	return r.ID
}

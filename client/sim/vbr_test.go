package sim

import (
	"fmt"
	"testing"
	"time"
)

const (
	sh = "cn-shanghai"
	dc = "cn-hangzhou" // the region of the demo's first leased line and VBR
)

// vbrFixture is the demo's Hangzhou physical connection and a fresh active
// VBR on it (VLAN 300, 192.168.50.16/29: Alibaba side .17, customer .18).
type vbrFixture struct{ pc, vbr string }

func (h *harness) pcID(region string) string {
	h.t.Helper()
	pcs := h.ok("DescribePhysicalConnections", kv("RegionId", region, "Filter.1.Key", "Status", "Filter.1.Value.1", "Enabled")).items("PhysicalConnectionSet", "PhysicalConnectionType")
	if len(pcs) != 1 {
		h.t.Fatalf("%d Enabled physical connections in %s, want the demo's one", len(pcs), region)
	}
	return pcs[0]["PhysicalConnectionId"].(string)
}

func vbrParams(pc string, extra ...string) map[string]string {
	return kv(append([]string{"RegionId", dc, "PhysicalConnectionId", pc, "VlanId", "300",
		"LocalGatewayIp", "192.168.50.17", "PeerGatewayIp", "192.168.50.18", "PeeringSubnetMask", "255.255.255.248"}, extra...)...)
}

func newVbrFixture(h *harness) vbrFixture {
	h.t.Helper()
	pc := h.pcID(dc)
	id := h.ok("CreateVirtualBorderRouter", vbrParams(pc, "Name", "lab-vbr")).str("VbrId")
	return vbrFixture{pc: pc, vbr: id}
}

// vbr returns the VBR as DescribeVirtualBorderRouters shows it (nil when
// it is gone).
func (h *harness) vbr(id string) map[string]any {
	h.t.Helper()
	a := h.ok("DescribeVirtualBorderRouters", kv("RegionId", dc, "Filter.1.Key", "VbrId", "Filter.1.Value.1", id))
	items := a.items("VirtualBorderRouterSet", "VirtualBorderRouterType")
	if len(items) == 0 {
		return nil
	}
	return items[0]
}

func (h *harness) vbrStatus(id string) string {
	h.t.Helper()
	v := h.vbr(id)
	if v == nil {
		return ""
	}
	return v["Status"].(string)
}

func TestDescribePhysicalConnections(t *testing.T) {
	h := newHarness(t, Options{})
	for _, region := range []string{dc, "cn-beijing"} {
		pcs := h.ok("DescribePhysicalConnections", kv("RegionId", region, "Filter.1.Key", "Status", "Filter.1.Value.1", "Enabled")).items("PhysicalConnectionSet", "PhysicalConnectionType")
		if len(pcs) != 1 || pcs[0]["Status"] != "Enabled" || pcs[0]["BusinessStatus"] != "Normal" {
			t.Fatalf("%s: %v", region, pcs)
		}
		// The filter kept the one Enabled line of the whole listing.
		enabled := 0
		for _, pc := range h.ok("DescribePhysicalConnections", kv("RegionId", region, "PageSize", "50")).items("PhysicalConnectionSet", "PhysicalConnectionType") {
			if pc["Status"] == "Enabled" {
				enabled++
			}
		}
		if enabled != 1 {
			t.Errorf("%s: %d Enabled lines unfiltered, the filter listed 1", region, enabled)
		}
	}
	id := h.pcID(dc)
	count := func(params ...string) int {
		t.Helper()
		return h.ok("DescribePhysicalConnections", kv(append([]string{"RegionId", dc}, params...)...)).num("TotalCount")
	}
	if n := count("Filter.1.Key", "Status", "Filter.1.Value.1", "Enabled"); n != 1 {
		t.Errorf("Status=Enabled: %d", n)
	}
	if n := count("Filter.1.Key", "Status", "Filter.1.Value.1", "Terminated"); n != 0 {
		t.Errorf("Status=Terminated: %d", n)
	}
	// Values of one filter are OR-ed, filters AND-ed.
	if n := count("Filter.1.Key", "PhysicalConnectionId", "Filter.1.Value.1", "pc-nope", "Filter.1.Value.2", id); n != 1 {
		t.Errorf("two IDs: %d", n)
	}
	if n := count("Filter.1.Key", "PhysicalConnectionId", "Filter.1.Value.1", id, "Filter.2.Key", "Name", "Filter.2.Value.1", "other"); n != 0 {
		t.Errorf("ID and another name: %d", n)
	}
	h.fails("DescribePhysicalConnections", kv("RegionId", dc, "Filter.1.Key", "Colour", "Filter.1.Value.1", "x"), 404, "InvalidFilterKey.ValueNotSupported")
	h.fails("DescribePhysicalConnections", kv("RegionId", dc, "PageSize", "51"), 400, "InvalidParameter")
}

func TestCreateVirtualBorderRouterRules(t *testing.T) {
	h := newHarness(t, Options{})
	pc := h.pcID(dc)
	other := fmt.Sprint(demoPartnerUID)
	h.refuses("CreateVirtualBorderRouter", func(p ...string) map[string]string { return vbrParams(pc, p...) }, []refusal{
		{[]string{"VlanId", ""}, 400, "MissingParameter"},
		{[]string{"VlanId", "0"}, 400, "InvalidVlanId.Malformed"},
		{[]string{"VlanId", "3000"}, 400, "InvalidVlanId.Malformed"},
		{[]string{"VlanId", "ten"}, 400, "InvalidVlanId.Malformed"},
		{[]string{"VlanId", "101"}, 400, "InvalidVlanId.Used"}, // the demo VBR's
		{[]string{"PhysicalConnectionId", "pc-nope"}, 400, "InvalidPhysicalConnectionId.NotFound"},
		{[]string{"RegionId", "cn-beijing"}, 400, "InvalidPhysicalConnectionId.NotFound"},
		{[]string{"LocalGatewayIp", ""}, 400, "MissingParameter"},
		{[]string{"PeeringSubnetMask", ""}, 400, "MissingParameter"},
		{[]string{"LocalGatewayIp", "300.1.1.1"}, 400, "InvalidLocalGatewayIp.Malformed"},
		{[]string{"PeerGatewayIp", "gateway"}, 400, "InvalidIp.Malformed"},
		{[]string{"PeeringSubnetMask", "255.255.0.0"}, 400, "InvalidPeeringSubnetMask.Malformed"},
		{[]string{"PeerGatewayIp", "192.168.60.18"}, 400, "InvalidIp.NotSameSubnet"},
		{[]string{"Name", "1-vbr"}, 400, "InvalidName.Malformed"},
		{[]string{"Description", "https://x"}, 400, "InvalidDescription.Malformed"},
		{[]string{"CircuitCode", "long tel"}, 400, "InvalidCircuitCode.Malformed"},
		{[]string{"VbrOwnerId", "someone"}, 404, "InvalidVbrOwnerId.NotFound"},
		{[]string{"VbrOwnerId", other, "PeerGatewayIp", "", "PeeringSubnetMask", ""}, 403, "Forbidden.LocalGatewayIpNotAllowedByCaller"},
		{[]string{"VbrOwnerId", other, "LocalGatewayIp", "", "PeerGatewayIp", ""}, 403, "Forbidden.PeeringSubnetMaskNotAllowedByCaller"},
		{[]string{"RegionId", "mars-1"}, 404, "InvalidRegionId.NotFound"},
	})
	if n := h.ok("DescribeVirtualBorderRouters", kv("RegionId", dc)).num("TotalCount"); n != 1 {
		t.Fatalf("failed creates left VBRs behind: %d", n)
	}
	id := h.ok("CreateVirtualBorderRouter", vbrParams(pc, "Name", "lab-vbr", "Description", "Lab link", "Tags.1.Key", "env", "Tags.1.Value", "lab")).str("VbrId")
	v := h.vbr(id)
	if v["Status"] != "active" || v["Name"] != "lab-vbr" || v["VlanId"] != float64(300) || v["PhysicalConnectionStatus"] != "Enabled" {
		t.Fatalf("new VBR: %v", v)
	}
	if tags := v["Tags"].(map[string]any)["Tags"].([]any); len(tags) != 1 {
		t.Errorf("Tags wrapper: %v", v["Tags"])
	}
	assoc := v["AssociatedPhysicalConnections"].(map[string]any)["AssociatedPhysicalConnection"].([]any)[0].(map[string]any)
	if assoc["VlanId"] != "300" || assoc["PhysicalConnectionId"] != pc {
		t.Errorf("associated connection: %v", assoc)
	}
	// Its route table is a VBR table.
	rts := h.ok("DescribeRouteTableList", kv("RegionId", dc, "RouterId", id, "RouterType", "VBR")).items("RouterTableList", "RouterTableListType")
	if len(rts) != 1 || rts[0]["RouteTableId"] != v["RouteTableId"] {
		t.Errorf("VBR route table: %v", rts)
	}
	h.fails("CreateVirtualBorderRouter", vbrParams(pc), 400, "InvalidVlanId.Used")
	for i := 2; i < vbrsPerPC; i++ {
		h.ok("CreateVirtualBorderRouter", vbrParams(pc, "VlanId", fmt.Sprint(400+i)))
	}
	h.fails("CreateVirtualBorderRouter", vbrParams(pc, "VlanId", "999"), 400, "QuotaExceeded.vbrPerpConn")

	// A physical connection that is not Enabled takes no VBR.
	bj := h.pcID("cn-beijing")
	h.srv.mu.Lock()
	h.srv.st.setStatus(h.srv.st.get(bj), "Terminated")
	h.srv.mu.Unlock()
	p := vbrParams(bj, "RegionId", "cn-beijing")
	h.fails("CreateVirtualBorderRouter", p, 400, "InvalidPhysicalConnectionId.NotEnabled")
}

func TestVbrTerminateRecoverDelete(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVbrFixture(h)
	grp := h.ok("CreateBgpGroup", kv("RegionId", dc, "RouterId", f.vbr, "PeerAsn", "65001")).str("BgpGroupId")
	h.settle()
	vbr := kv("RegionId", dc, "VbrId", f.vbr)

	h.fails("RecoverVirtualBorderRouter", vbr, 400, "InvalidOperation.OperationNotAllowedInState")
	h.ok("TerminateVirtualBorderRouter", vbr)
	if s := h.vbrStatus(f.vbr); s != "terminating" {
		t.Fatalf("after terminate: %s", s)
	}
	h.fails("DeleteVirtualBorderRouter", vbr, 400, "InvalidOperation.OperationNotAllowedInState")
	h.fails("TerminateVirtualBorderRouter", vbr, 400, "InvalidOperation.OperationNotAllowedInState")
	h.settle()
	v := h.vbr(f.vbr)
	if v["Status"] != "terminated" || v["TerminationTime"] == "" {
		t.Fatalf("terminated VBR: %v", v)
	}
	h.fails("CreateBgpGroup", kv("RegionId", dc, "RouterId", f.vbr, "PeerAsn", "65002"), 400, "InvalidStatus.CannotOperate")
	// The VLAN stays reserved.
	h.fails("CreateVirtualBorderRouter", vbrParams(f.pc), 400, "InvalidVlanId.Used")

	h.ok("RecoverVirtualBorderRouter", vbr)
	if s := h.vbrStatus(f.vbr); s != "recovering" {
		t.Fatalf("after recover: %s", s)
	}
	h.settle()
	if v := h.vbr(f.vbr); v["Status"] != "active" || v["RecoveryTime"] == "" {
		t.Fatalf("recovered VBR: %v", v)
	}

	// Seven days after termination another VBR may take the VLAN, and
	// the terminated one can no longer be recovered.
	h.ok("TerminateVirtualBorderRouter", vbr)
	h.settle()
	h.clock.Advance(8 * 24 * time.Hour)
	h.ok("CreateVirtualBorderRouter", vbrParams(f.pc, "Name", "new-owner-of-300"))
	h.fails("RecoverVirtualBorderRouter", vbr, 400, "OperationFailed.VlanIdAlreadyInUse")

	// Deletion waits for the BGP groups to go.
	h.fails("DeleteVirtualBorderRouter", vbr, 400, "DependencyViolation.BgpGroup")
	h.ok("DeleteBgpGroup", kv("RegionId", dc, "BgpGroupId", grp))
	h.settle()
	rt := h.vbr(f.vbr)["RouteTableId"].(string)
	h.ok("DeleteVirtualBorderRouter", vbr)
	if s := h.vbrStatus(f.vbr); s != "deleting" {
		t.Fatalf("after delete: %s", s)
	}
	h.settle()
	if v := h.vbr(f.vbr); v != nil {
		t.Fatalf("deleted VBR still listed: %v", v)
	}
	h.fails("DeleteVirtualBorderRouter", vbr, 404, "InvalidVbrId.NotFound")
	h.fails("DescribeRouteEntryList", kv("RegionId", dc, "RouteTableId", rt), 404, "InvalidRouteTableId.NotFound")
}

func TestVbrForAnotherAccount(t *testing.T) {
	h := newHarness(t, Options{})
	pc := h.pcID(dc)
	id := h.ok("CreateVirtualBorderRouter", kv("RegionId", dc, "PhysicalConnectionId", pc, "VlanId", "500",
		"VbrOwnerId", fmt.Sprint(demoPartnerUID), "Name", "for-partner")).str("VbrId")
	if s := h.vbrStatus(id); s != "unconfirmed" {
		t.Fatalf("VBR for another account: %s", s)
	}
	h.settle()
	if s := h.vbrStatus(id); s != "unconfirmed" {
		t.Fatalf("an unconfirmed VBR confirmed itself: %s", s)
	}
	own := h.ok("DescribeVirtualBorderRouters", kv("RegionId", dc, "IncludeCrossAccountVbr", "false")).items("VirtualBorderRouterSet", "VirtualBorderRouterType")
	for _, v := range own {
		if v["VbrId"] == id {
			t.Errorf("IncludeCrossAccountVbr=false lists the other account's VBR")
		}
	}
	if len(own) != 1 {
		t.Errorf("own VBRs: %d", len(own))
	}
	forPC := h.ok("DescribeVirtualBorderRoutersForPhysicalConnection", kv("RegionId", dc, "PhysicalConnectionId", pc)).
		items("VirtualBorderRouterForPhysicalConnectionSet", "VirtualBorderRouterForPhysicalConnectionType")
	if len(forPC) != 2 {
		t.Fatalf("VBRs on the connection: %v", forPC)
	}
	for _, v := range forPC {
		_, hasOwner := v["VbrOwnerUid"]
		if (v["VbrId"] == id) != hasOwner {
			t.Errorf("VbrOwnerUid only for the other account's VBR: %v", v)
		}
	}
	h.fails("DescribeVirtualBorderRoutersForPhysicalConnection", kv("RegionId", dc, "PhysicalConnectionId", "pc-nope"), 404, "InvalidPhysicalConnectionId.NotFound")
	h.fails("ModifyVirtualBorderRouterAttribute", kv("RegionId", dc, "VbrId", id, "LocalGatewayIp", "10.9.9.1"), 403, "Forbidden.LocalGatewayIpNotAllowedByCaller")
	h.ok("DeleteVirtualBorderRouter", kv("RegionId", dc, "VbrId", id))
}

func TestModifyVirtualBorderRouter(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVbrFixture(h)
	p := kvBase("RegionId", dc, "VbrId", f.vbr)
	h.ok("ModifyVirtualBorderRouterAttribute", p("Name", "renamed", "VlanId", "301", "PeerGatewayIp", "192.168.50.20"))
	v := h.vbr(f.vbr)
	if v["Name"] != "renamed" || v["VlanId"] != float64(301) || v["PeerGatewayIp"] != "192.168.50.20" {
		t.Fatalf("after modify: %v", v)
	}
	h.fails("ModifyVirtualBorderRouterAttribute", p("VlanId", "101"), 400, "InvalidVlanId.Used")
	h.fails("ModifyVirtualBorderRouterAttribute", p("VlanId", "5000"), 400, "InvalidVlanId.Malformed")
	h.fails("ModifyVirtualBorderRouterAttribute", p("PeerGatewayIp", "192.168.51.20"), 400, "InvalidIp.NotSameSubnet")
	h.fails("ModifyVirtualBorderRouterAttribute", p("LocalGatewayIp", "x"), 400, "InvalidIp.Malformed")
	h.fails("ModifyVirtualBorderRouterAttribute", p("Name", "-x"), 400, "InvalidName.Malformed")
	h.fails("ModifyVirtualBorderRouterAttribute", kv("RegionId", dc, "VbrId", "vbr-nope"), 400, "InvalidVbrId.NotFound")
	h.fails("TerminateVirtualBorderRouter", kv("RegionId", dc, "VbrId", "vbr-nope"), 404, "InvalidVbrId.NotFound")
}

func TestDemoVbrKeepsItsRouterInterface(t *testing.T) {
	h := newHarness(t, Options{})
	vbrs := h.ok("DescribeVirtualBorderRouters", kv("RegionId", dc)).items("VirtualBorderRouterSet", "VirtualBorderRouterType")
	a := h.fails("DeleteVirtualBorderRouter", kv("RegionId", dc, "VbrId", vbrs[0]["VbrId"].(string)), 400, "InvalidOperation.RouterInterfaceNotDeleted")
	if a.str("Message") != "The specified VirutalBorderRouter still has routerInterface." {
		t.Errorf("message %q", a.str("Message"))
	}
}

// ---- BGP ----

func TestBgpGroupRules(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVbrFixture(h)
	p := kvBase("RegionId", dc, "RouterId", f.vbr, "PeerAsn", "65001")
	h.refuses("CreateBgpGroup", p, []refusal{
		{[]string{"PeerAsn", ""}, 400, "MissingParameter"},
		{[]string{"PeerAsn", "45104"}, 400, "InvalidPeerAsn.Malformed"},
		{[]string{"PeerAsn", "as-one"}, 400, "InvalidPeerAsn.Malformed"},
		{[]string{"PeerAsn", "4294967296"}, 400, "InvalidPeerAsn.Malformed"},
		{[]string{"RouterId", "vbr-nope"}, 400, "InvalidVbrNetwork"},
		{[]string{"Name", "_bgp"}, 400, "InvalidBgpName.Malformed"},
		{[]string{"Description", "x"}, 400, "InvalidBgpDescription.Malformed"},
		{[]string{"AuthKey", "two words"}, 400, "InvalidBgpAuthkey.Malformed"},
		{[]string{"LocalAsn", "65025"}, 400, "InvalidParameter"},
		{[]string{"IpVersion", "IPv6"}, 400, "InvalidParameter"},
		{[]string{"IsFakeAsn", "perhaps"}, 400, "InvalidParameter"},
	})
	id := h.ok("CreateBgpGroup", p("Name", "dc-routers", "LocalAsn", "64512", "AuthKey", "s3cret!", "IsFakeAsn", "true")).str("BgpGroupId")
	group := func() map[string]any {
		t.Helper()
		return h.one("DescribeBgpGroups", kv("RegionId", dc, "BgpGroupId", id), "BgpGroups", "BgpGroup")
	}
	g := group()
	if g["Status"] != "Pending" || g["PeerAsn"] != "65001" || g["LocalAsn"] != "64512" || g["IsFake"] != "true" || g["RouterId"] != f.vbr {
		t.Fatalf("new group: name %v status %v ASNs %v/%v", g["Name"], g["Status"], g["PeerAsn"], g["LocalAsn"])
	}
	if g["AuthKey"] != "s3cret!" {
		t.Errorf("the group does not keep its AuthKey")
	}
	h.fails("ModifyBgpGroupAttribute", kv("RegionId", dc, "BgpGroupId", id, "Name", "x-y"), 400, "InvalidStatus.CannotOperate")
	h.settle()
	h.ok("ModifyBgpGroupAttribute", kv("RegionId", dc, "BgpGroupId", id, "Name", "dc-edge", "PeerAsn", "65009", "ClearAuthKey", "true"))
	if g := group(); g["Status"] != "Modifying" || g["Name"] != "dc-edge" || g["PeerAsn"] != "65009" || g["AuthKey"] != "" {
		t.Fatalf("after modify: name %v status %v ASN %v, key cleared %v", g["Name"], g["Status"], g["PeerAsn"], g["AuthKey"] == "")
	}
	h.settle()
	h.fails("ModifyBgpGroupAttribute", kv("RegionId", dc, "BgpGroupId", id, "Description", "?"), 400, "InvalidBgpDiscription.Malformed")
	h.fails("ModifyBgpGroupAttribute", kv("RegionId", dc, "BgpGroupId", "bgpg-nope"), 400, "InvalidBgpGroup")
	h.fails("DeleteBgpGroup", kv("RegionId", dc, "BgpGroupId", "bgpg-nope"), 400, "InvalidBgpGroup")
	if n := h.ok("DescribeBgpGroups", kv("RegionId", dc, "RouterId", f.vbr)).num("TotalCount"); n != 1 {
		t.Errorf("groups of the VBR: %d", n)
	}
	if n := h.ok("DescribeBgpGroups", kv("RegionId", dc, "IsDefault", "true")).num("TotalCount"); n != 0 {
		t.Errorf("default groups: %d", n)
	}
	for i := 1; i < bgpGroupsPerVbr; i++ {
		h.ok("CreateBgpGroup", p("PeerAsn", fmt.Sprint(65100+i)))
	}
	h.fails("CreateBgpGroup", p("PeerAsn", "65200"), 400, "QuotaExceeded.Bgp")

	// A group with peers cannot go.
	peer := h.ok("CreateBgpPeer", kv("RegionId", dc, "BgpGroupId", id)).str("BgpPeerId")
	h.settle()
	h.fails("DeleteBgpGroup", kv("RegionId", dc, "BgpGroupId", id), 400, "InvalidStatus.CannotOperate")
	h.ok("DeleteBgpPeer", kv("RegionId", dc, "BgpPeerId", peer))
	h.settle()
	h.ok("DeleteBgpGroup", kv("RegionId", dc, "BgpGroupId", id))
	if s := group()["Status"]; s != "Deleting" {
		t.Fatalf("deleting group: %v", s)
	}
	h.settle()
	if n := h.ok("DescribeBgpGroups", kv("RegionId", dc, "BgpGroupId", id)).num("TotalCount"); n != 0 {
		t.Fatalf("deleted group still listed")
	}
}

// peerState returns a BGP peer's resource Status and session BgpStatus.
func (h *harness) peerState(id string) (status, session string) {
	h.t.Helper()
	p := h.one("DescribeBgpPeers", kv("RegionId", dc, "BgpPeerId", id), "BgpPeers", "BgpPeer")
	return p["Status"].(string), p["BgpStatus"].(string)
}

func TestBgpSessions(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVbrFixture(h)
	grp := h.ok("CreateBgpGroup", kv("RegionId", dc, "RouterId", f.vbr, "PeerAsn", "65001")).str("BgpGroupId")
	h.fails("CreateBgpPeer", kv("RegionId", dc, "BgpGroupId", grp), 400, "InvalidStatus.CannotOperate")
	h.settle()
	peer := kvBase("RegionId", dc, "BgpGroupId", grp)
	for _, ip := range []string{"192.168.51.1", "192.168.50.17", "peer-router", "192.168.50.24"} {
		h.fails("CreateBgpPeer", peer("PeerIpAddress", ip), 400, "InvalidIP.Malformed")
	}
	h.fails("CreateBgpPeer", kv("RegionId", dc, "BgpGroupId", "bgpg-nope"), 400, "InvalidBgpGroup")

	// Without PeerIpAddress the peer is the VBR's customer gateway, whose
	// router answers.
	up := h.ok("CreateBgpPeer", peer("EnableBfd", "true")).str("BgpPeerId")
	step := h.srv.opts.Settle / 3
	want := []string{"Idle", "Connect", "Active"}
	for i, w := range want {
		st, s := h.peerState(up)
		if s != w || st != "Pending" {
			t.Fatalf("step %d: status %s session %s, want Pending %s", i, st, s, w)
		}
		h.clock.Advance(step)
	}
	h.clock.Advance(time.Second)
	if st, s := h.peerState(up); st != "Available" || s != "Established" {
		t.Fatalf("after the settle time: %s %s", st, s)
	}
	h.fails("CreateBgpPeer", peer("PeerIpAddress", "192.168.50.18"), 400, "InvalidParameter")

	// A second router nobody configured: the session never establishes.
	down := h.ok("CreateBgpPeer", peer("PeerIpAddress", "192.168.50.19")).str("BgpPeerId")
	seen := map[string]bool{}
	for range 30 {
		_, s := h.peerState(down)
		if s == "Established" {
			t.Fatalf("the unconfigured peer established")
		}
		seen[s] = true
		h.clock.Advance(step)
	}
	if st, _ := h.peerState(down); st != "Available" || !seen["Idle"] || !seen["Active"] || !seen["Connect"] {
		t.Errorf("down peer: status %s, states seen %v", st, seen)
	}

	// A terminated VBR has its sessions Idle; recovery restarts them.
	h.ok("TerminateVirtualBorderRouter", kv("RegionId", dc, "VbrId", f.vbr))
	h.settle()
	if _, s := h.peerState(up); s != "Idle" {
		t.Fatalf("session on a terminated VBR: %s", s)
	}
	h.ok("RecoverVirtualBorderRouter", kv("RegionId", dc, "VbrId", f.vbr))
	h.settle()
	if _, s := h.peerState(up); s == "Established" {
		t.Fatalf("the session was Established right after recovery")
	}
	h.settle()
	if _, s := h.peerState(up); s != "Established" {
		t.Fatalf("session after recovery: %s", s)
	}

	// Changing the peer restarts its session.
	h.ok("ModifyBgpPeerAttribute", kv("RegionId", dc, "BgpPeerId", up, "EnableBfd", "false"))
	if st, s := h.peerState(up); st != "Modifying" || s != "Idle" {
		t.Fatalf("after modify: %s %s", st, s)
	}
	h.settle()
	if st, s := h.peerState(up); st != "Available" || s != "Established" {
		t.Fatalf("after modify settled: %s %s", st, s)
	}
	h.fails("ModifyBgpPeerAttribute", kv("RegionId", dc, "BgpPeerId", up, "PeerIpAddress", "192.168.50.19"), 400, "InvalidParameter")
	h.fails("ModifyBgpPeerAttribute", kv("RegionId", dc, "BgpPeerId", "bgp-nope"), 400, "InvalidBgpPeer")

	if n := h.ok("DescribeBgpPeers", kv("RegionId", dc, "BgpGroupId", grp)).num("TotalCount"); n != 2 {
		t.Errorf("peers of the group: %d", n)
	}
	if n := h.ok("DescribeBgpPeers", kv("RegionId", dc, "RouterId", f.vbr)).num("TotalCount"); n != 2 {
		t.Errorf("peers of the VBR: %d", n)
	}
	h.ok("DeleteBgpPeer", kv("RegionId", dc, "BgpPeerId", down))
	if st, _ := h.peerState(down); st != "Deleting" {
		t.Fatalf("deleting peer: %s", st)
	}
	h.settle()
	h.fails("DeleteBgpPeer", kv("RegionId", dc, "BgpPeerId", down), 400, "InvalidBgpPeer")
}

func TestBgpNetworks(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVbrFixture(h)
	vpc := h.ok("CreateVpc", kv("RegionId", dc, "CidrBlock", "10.80.0.0/16")).str("VpcId")
	p := kvBase("RegionId", dc, "RouterId", f.vbr, "DstCidrBlock", "10.80.0.0/16", "VpcId", vpc)
	h.fails("AddBgpNetwork", p("DstCidrBlock", ""), 400, "MissingParameter")
	h.fails("AddBgpNetwork", p("DstCidrBlock", "10.80.0.1/16"), 400, "InvalidIP.Malformed")
	h.fails("AddBgpNetwork", p("VpcId", "vpc-nope"), 400, "InvalidParams.NotFound")
	h.fails("AddBgpNetwork", p("DstCidrBlock", "10.81.0.0/16"), 400, "InvalidParameter")
	h.fails("AddBgpNetwork", p("RouterId", "vbr-nope"), 400, "InvalidVbrNetwork")
	h.ok("AddBgpNetwork", p())
	h.fails("AddBgpNetwork", p(), 400, "InvalidParams.AlreadyExists")
	h.ok("AddBgpNetwork", p("DstCidrBlock", "10.80.1.0/24"))
	nets := h.ok("DescribeBgpNetworks", kv("RegionId", dc, "RouterId", f.vbr)).items("BgpNetworks", "BgpNetwork")
	if len(nets) != 2 || nets[0]["DstCidrBlock"] != "10.80.0.0/16" || nets[0]["VpcId"] != vpc || nets[0]["Status"] != "Pending" {
		t.Fatalf("networks: %v", nets)
	}
	del := kv("RegionId", dc, "RouterId", f.vbr, "DstCidrBlock", "10.80.1.0/24")
	h.fails("DeleteBgpNetwork", del, 400, "InvalidStatus.CannotOperate")
	h.settle()
	h.ok("DeleteBgpNetwork", del)
	h.settle()
	if n := h.ok("DescribeBgpNetworks", kv("RegionId", dc, "RouterId", f.vbr)).num("TotalCount"); n != 1 {
		t.Fatalf("after delete: %d networks", n)
	}
	h.fails("DeleteBgpNetwork", del, 400, "InvalidParams.NotFound")
	page := h.ok("DescribeBgpNetworks", kv("RegionId", dc, "PageSize", "1", "PageNumber", "2"))
	if page.num("TotalCount") < 2 || len(page.items("BgpNetworks", "BgpNetwork")) != 1 {
		t.Errorf("page 2 of the region's networks: %s", page.Raw)
	}
}

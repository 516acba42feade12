package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"

	"github.com/alivpc/alivpc/model"
)

// strs returns Body[wrapper][item] as strings.
func (a *answer) strs(wrapper, item string) []string {
	w, _ := a.Body[wrapper].(map[string]any)
	list, _ := w[item].([]any)
	out := make([]string, 0, len(list))
	for _, x := range list {
		s, _ := x.(string)
		out = append(out, s)
	}
	return out
}

// natFixture is a settled VPC with one VSwitch, an Enhanced NAT gateway and
// two EIPs bound to it.
type natFixture struct {
	vpc, vsw, sys, nat, stb, ftb string
	eips, ips                    []string
}

func newNatFixture(h *harness) natFixture {
	h.t.Helper()
	id := h.settledVpc()
	vsw := h.addVSwitch(id)
	h.settle()
	a := h.ok("CreateNatGateway", kv("RegionId", hz, "VpcId", id, "VSwitchId", vsw, "Name", "edge-nat"))
	f := natFixture{vpc: id, vsw: vsw, sys: h.systemTable(id), nat: a.str("NatGatewayId")}
	stb, ftb := a.strs("SnatTableIds", "SnatTableId"), a.strs("ForwardTableIds", "ForwardTableId")
	if len(stb) != 1 || len(ftb) != 1 || !strings.HasPrefix(stb[0], "stb-") || !strings.HasPrefix(ftb[0], "ftb-") {
		h.t.Fatalf("CreateNatGateway tables: %s", a.Raw)
	}
	f.stb, f.ftb = stb[0], ftb[0]
	h.settle()
	for range 2 {
		e := h.ok("AllocateEipAddress", kv("RegionId", hz))
		f.eips, f.ips = append(f.eips, e.str("AllocationId")), append(f.ips, e.str("EipAddress"))
		h.ok("AssociateEipAddress", kv("RegionId", hz, "AllocationId", e.str("AllocationId"), "InstanceId", f.nat, "InstanceType", "Nat"))
	}
	h.settle()
	return f
}

func (h *harness) nat(id string) map[string]any {
	h.t.Helper()
	return h.one("DescribeNatGateways", kv("RegionId", hz, "NatGatewayId", id), "NatGateways", "NatGateway")
}

func (h *harness) eip(id string) map[string]any {
	h.t.Helper()
	return h.one("DescribeEipAddresses", kv("RegionId", hz, "AllocationId", id), "EipAddresses", "EipAddress")
}

func TestNatGatewayLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	vsw := h.addVSwitch(id)
	h.settle()
	nat := h.ok("CreateNatGateway", kv("RegionId", hz, "VpcId", id, "VSwitchId", vsw, "Name", "edge-nat")).str("NatGatewayId")
	n := h.nat(nat)
	if n["Status"] != "Creating" || n["NatType"] != "Enhanced" || n["VpcId"] != id || n["Name"] != "edge-nat" {
		t.Fatalf("fresh NAT gateway: %v", n)
	}
	if info := n["NatGatewayPrivateInfo"].(map[string]any); info["VswitchId"] != vsw || info["IzNo"] != "cn-hangzhou-b" {
		t.Errorf("private info %v", info)
	}
	// The gateway brings its 0.0.0.0/0 route, pending like the gateway.
	sys := h.systemTable(id)
	routes := h.entries(sys, "DestinationCidrBlock", "0.0.0.0/0")
	if len(routes) != 1 || routes[0]["Status"] != "Pending" {
		t.Fatalf("default route: %v", routes)
	}
	hop := routes[0]["NextHops"].(map[string]any)["NextHop"].([]any)[0].(map[string]any)
	if hop["NextHopType"] != "NatGateway" || hop["NextHopId"] != nat {
		t.Errorf("default route hop %v", hop)
	}
	h.fails("ModifyNatGatewayAttribute", kv("RegionId", hz, "NatGatewayId", nat, "Name", "renamed"), 400, "IncorrectStatus.NatGateway")
	h.settle()
	if s := h.nat(nat)["Status"]; s != "Available" {
		t.Fatalf("after the settle time: %v", s)
	}
	vpcs := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcId", id)).items("Vpcs", "Vpc")
	if ids := vpcs[0]["NatGatewayIds"].(map[string]any)["NatGatewayIds"].([]any); len(ids) != 1 || ids[0] != nat {
		t.Errorf("VPC NatGatewayIds: %v", ids)
	}

	h.ok("ModifyNatGatewayAttribute", kv("RegionId", hz, "NatGatewayId", nat, "Name", "egress", "Description", "Outbound only"))
	if n := h.nat(nat); n["Name"] != "egress" || n["Description"] != "Outbound only" {
		t.Errorf("after modify: %v", n)
	}
	h.fails("ModifyNatGatewayAttribute", kv("RegionId", hz, "NatGatewayId", nat, "Name", "-x"), 400, "InvalidParameter.Name.Malformed")
	h.fails("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", nat, "Spec", "Middle"), 400, "InvalidParameter.Spec.ValueNotSupported")

	// A route pointing at the gateway refuses its deletion, even forced.
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat, "Force", "true"), 400, "DependencyViolation.RouterEntry")
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", sys, "DestinationCidrBlock", "0.0.0.0/0"))
	h.settle()
	h.ok("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat))
	if s := h.nat(nat)["Status"]; s != "Deleting" {
		t.Fatalf("status after delete: %v", s)
	}
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat), 404, "IncorrectStatus.NatGateway")
	h.settle()
	if n := h.ok("DescribeNatGateways", kv("RegionId", hz, "NatGatewayId", nat)).num("TotalCount"); n != 0 {
		t.Fatalf("NAT gateway still listed after deletion")
	}
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat), 404, "InvalidNatGatewayId.NotFound")
	// Its VSwitch is free again.
	h.ok("DeleteVSwitch", kv("VSwitchId", vsw))
}

func TestModifyNatGatewaySpec(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	nat := h.ok("CreateNatGateway", kv("RegionId", hz, "VpcId", id, "Spec", "small")).str("NatGatewayId")
	if n := h.nat(nat); n["NatType"] != "Normal" || n["Spec"] != "Small" || n["Name"] != nat {
		t.Fatalf("Normal NAT gateway: %v", n)
	}
	h.fails("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", nat, "Spec", "Middle"), 400, "IncorrectStatus.NatGateway")
	h.settle()
	h.fails("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", nat, "Spec", "Small"), 400, "NATGW_MODIFY_SPEC_SAME")
	h.fails("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", nat, "Spec", "XLarge.1"), 400, "InvalidParameter.Spec.ValueNotSupported")
	h.fails("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", nat), 400, "MissingParameter")
	h.fails("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", "ngw-nope", "Spec", "Large"), 404, "InvalidNatGatewayId.NotFound")
	h.ok("ModifyNatGatewaySpec", kv("RegionId", hz, "NatGatewayId", nat, "Spec", "Large"))
	if n := h.nat(nat); n["Status"] != "Modifying" || n["Spec"] != "Large" {
		t.Fatalf("while modifying: %v", n)
	}
	h.settle()
	if s := h.nat(nat)["Status"]; s != "Available" {
		t.Fatalf("after modifying: %v", s)
	}
}

func TestCreateNatGatewayRules(t *testing.T) {
	h := newHarness(t, Options{})
	fresh := h.createVpc("CidrBlock", "10.0.0.0/16")
	h.fails("CreateNatGateway", kv("RegionId", hz, "VpcId", fresh), 400, "VpcStatusError")
	h.settle()
	vsw := h.addVSwitch(fresh)
	h.fails("CreateNatGateway", kv("RegionId", hz, "VpcId", fresh, "VSwitchId", vsw), 400, "VswitchStatusError")
	h.settle()
	other := h.createVpc("CidrBlock", "10.1.0.0/16")
	h.settle()
	h.refuses("CreateNatGateway", kvBase("RegionId", hz, "VpcId", fresh), []refusal{
		{[]string{"VpcId", ""}, 400, "MissingParameter"},
		{[]string{"VpcId", "vpc-nope"}, 404, "InvalidVpcId.NotFound"},
		{[]string{"Spec", "Huge"}, 400, "InvalidParameter.Spec.ValueNotSupported"},
		{[]string{"Name", "1nat"}, 400, "InvalidParameter.Name.Malformed"},
		{[]string{"Description", "https://x"}, 400, "InvalidParameter.Description.Malformed"},
		{[]string{"NatType", "Super"}, 400, "InvalidParameter"},
		{[]string{"NatType", "Enhanced"}, 400, "MissingParameter"},
		{[]string{"VSwitchId", vsw, "VpcId", other}, 404, "InvalidVSwitchId.NotFound"},
		{[]string{"NetworkType", "moon"}, 400, "InvalidParameter"},
		{[]string{"RegionId", "nowhere-1"}, 404, "InvalidRegionId.NotFound"},
	})
	if n := h.ok("DescribeNatGateways", kv("RegionId", hz, "VpcId", fresh)).num("TotalCount"); n != 0 {
		t.Fatalf("failed creates left %d NAT gateways", n)
	}
	// With 0.0.0.0/0 already routed a Normal gateway is refused; an
	// Enhanced one is created and leaves the route alone.
	inst := h.seedInstance(fresh)
	sys := h.systemTable(fresh)
	h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", sys, "DestinationCidrBlock", "0.0.0.0/0", "NextHopId", inst))
	h.settle()
	h.fails("CreateNatGateway", kv("RegionId", hz, "VpcId", fresh), 400, "InvalidCIDRBlock.Duplicate")
	nat := h.ok("CreateNatGateway", kv("RegionId", hz, "VpcId", fresh, "VSwitchId", vsw)).str("NatGatewayId")
	routes := h.entries(sys, "DestinationCidrBlock", "0.0.0.0/0")
	if len(routes) != 1 || routes[0]["NextHops"].(map[string]any)["NextHop"].([]any)[0].(map[string]any)["NextHopId"] != inst {
		t.Errorf("the existing default route changed: %v", routes)
	}
	h.settle()
	h.ok("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat))
}

func TestCreateNatGatewayClientToken(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	params := kv("RegionId", hz, "VpcId", id, "Name", "retry-nat", "ClientToken", "nat-token-1")
	first := h.ok("CreateNatGateway", params)
	second := h.ok("CreateNatGateway", params)
	if first.str("NatGatewayId") == "" || first.str("NatGatewayId") != second.str("NatGatewayId") ||
		first.strs("SnatTableIds", "SnatTableId")[0] != second.strs("SnatTableIds", "SnatTableId")[0] {
		t.Fatalf("replay answered differently: %s vs %s", first.Raw, second.Raw)
	}
	if n := h.ok("DescribeNatGateways", kv("RegionId", hz, "VpcId", id)).num("TotalCount"); n != 1 {
		t.Fatalf("%d NAT gateways for one token", n)
	}
	h.fails("CreateNatGateway", kv("RegionId", hz, "VpcId", id, "Name", "other", "ClientToken", "nat-token-1"), 400, "IdempotentParameterMismatch")
}

func TestNatGatewayBlocksDeleteVpc(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	nat := h.ok("CreateNatGateway", kv("RegionId", hz, "VpcId", id)).str("NatGatewayId")
	h.settle()
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", id), 400, "DependencyViolation.NatGateway")
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", h.systemTable(id), "DestinationCidrBlock", "0.0.0.0/0"))
	h.settle()
	h.ok("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat))
	h.settle()
	h.ok("DeleteVpc", kv("RegionId", hz, "VpcId", id))
}

func TestNatGatewayBlocksDeleteVSwitch(t *testing.T) {
	h := newHarness(t, Options{})
	f := newNatFixture(h)
	h.fails("DeleteVSwitch", kv("VSwitchId", f.vsw), 400, "DependencyViolation.EnhancedNatgw")
}

func TestSnatEntries(t *testing.T) {
	h := newHarness(t, Options{})
	f := newNatFixture(h)
	other := h.ok("AllocateEipAddress", kv("RegionId", hz)).str("EipAddress")
	base := kvBase("RegionId", hz, "SnatTableId", f.stb, "SnatIp", f.ips[0], "SourceVSwitchId", f.vsw)
	h.refuses("CreateSnatEntry", base, []refusal{
		{[]string{"SnatTableId", "stb-nope"}, 404, "InvalidSnatTableId.NotFound"},
		{[]string{"SnatIp", "300.1.1.1"}, 400, "InvalidSnatIp.Malformed"},
		{[]string{"SnatIp", ""}, 400, "MissingParameter"},
		{[]string{"SnatIp", other}, 400, "InvalidIp.NotInNatgw"},
		{[]string{"SourceCIDR", "10.0.5.0/24"}, 400, "INVALID_PARAMETER"},
		{[]string{"SourceVSwitchId", ""}, 400, "MissingParameter"},
		{[]string{"SourceVSwitchId", "", "SourceCIDR", "banana"}, 400, "INVALID_PARAMETER"},
		{[]string{"SourceVSwitchId", "vsw-nope"}, 404, "InvalidVSwitchId.NotFound"},
		{[]string{"SnatEntryName", "_x"}, 400, "InvalidParameter.Name.Malformed"},
	})
	h.fails("CreateSnatEntry", base("DryRun", "true"), 400, "DryRunOperation")
	first := h.ok("CreateSnatEntry", base("SnatEntryName", "web-out")).str("SnatEntryId")
	h.fails("CreateSnatEntry", base(), 400, "Forbidden.SourceVSwitchId.Duplicated")
	// Creating is not serialised; modifying and deleting are.
	second := h.ok("CreateSnatEntry", base("SourceVSwitchId", "", "SourceCIDR", "10.0.9.0/24", "SnatIp", f.ips[0]+","+f.ips[1])).str("SnatEntryId")
	list := h.ok("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb))
	entries := list.items("SnatTableEntries", "SnatTableEntry")
	if list.num("TotalCount") != 2 || entries[0]["Status"] != "Pending" || entries[0]["SnatEntryName"] != "web-out" ||
		entries[1]["SnatIp"] != f.ips[0]+","+f.ips[1] || entries[0]["NatGatewayId"] != f.nat {
		t.Fatalf("entries: %s", list.Raw)
	}
	a := h.fails("DeleteSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", first), 400, "IncorretSnatEntryStatus")
	if a.str("Message") != "Some Snat entry status blocked this operation.." {
		t.Errorf("message %q", a.str("Message"))
	}
	h.fails("ModifySnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", first, "SnatEntryName", "x2"), 400, "IncorretSnatEntryStatus")
	h.settle()
	// The address is now the gateway's SNAT address.
	for _, ip := range h.nat(f.nat)["IpLists"].(map[string]any)["IpList"].([]any) {
		if ip.(map[string]any)["UsingStatus"] != "UsedBySnatTable" {
			t.Errorf("IpList entry %v", ip)
		}
	}
	h.ok("ModifySnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", second, "SnatIp", f.ips[1], "SnatEntryName", "batch-out"))
	got := h.ok("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", second)).items("SnatTableEntries", "SnatTableEntry")
	if len(got) != 1 || got[0]["Status"] != "Modifying" || got[0]["SnatIp"] != f.ips[1] || got[0]["SnatEntryName"] != "batch-out" {
		t.Fatalf("while modifying: %v", got)
	}
	h.fails("DeleteSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", first), 400, "IncorretSnatEntryStatus")
	h.settle()
	h.fails("DeleteSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", "snat-nope"), 404, "InvalidSnatEntryId.NotFound")
	h.fails("ModifySnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", "snat-nope"), 404, "InvalidSnatEntryId.NotFound")
	// The VSwitch is in use now.
	h.fails("DeleteVSwitch", kv("VSwitchId", f.vsw), 400, "DependencyViolation.EnhancedNatgw")
	h.ok("DeleteSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", first))
	if s := h.ok("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", first)).items("SnatTableEntries", "SnatTableEntry")[0]["Status"]; s != "Deleting" {
		t.Fatalf("status while deleting: %v", s)
	}
	h.settle()
	if n := h.ok("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb)).num("TotalCount"); n != 1 {
		t.Fatalf("%d entries left, want 1", n)
	}
	if n := h.ok("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb, "SnatIp", f.ips[1])).num("TotalCount"); n != 1 {
		t.Errorf("SnatIp filter kept %d", n)
	}
	h.fails("DescribeSnatTableEntries", kv("RegionId", hz), 400, "MissingParameter")
	h.fails("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", "stb-nope"), 404, "InvalidSnatTableId.NotFound")
	h.fails("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb, "PageSize", "51"), 400, "InvalidParameter")
}

func TestForwardEntries(t *testing.T) {
	h := newHarness(t, Options{})
	f := newNatFixture(h)
	// The first address translates outbound traffic, the second publishes.
	h.ok("CreateSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatIp", f.ips[0], "SourceVSwitchId", f.vsw))
	h.settle()
	unbound := h.ok("AllocateEipAddress", kv("RegionId", hz)).str("EipAddress")
	base := kvBase("RegionId", hz, "ForwardTableId", f.ftb, "ExternalIp", f.ips[1], "ExternalPort", "443",
		"InternalIp", "10.0.1.10", "InternalPort", "8443", "IpProtocol", "TCP")
	h.refuses("CreateForwardEntry", base, []refusal{
		{[]string{"IpProtocol", "ICMP"}, 400, "InvalidProtocal.ValueNotSupported"},
		{[]string{"ExternalPort", "0"}, 400, "InvalidExternalPort.Malformed"},
		{[]string{"ExternalPort", "65536"}, 400, "InvalidExternalPort.Malformed"},
		{[]string{"ExternalPort", "Any"}, 400, "InvalidExternalPort.Malformed"},
		{[]string{"InternalPort", "http"}, 400, "InvalidInternalPort.Malformed"},
		{[]string{"IpProtocol", "Any"}, 400, "InvalidExternalPort.Malformed"},
		{[]string{"IpProtocol", "Any", "ExternalPort", "Any"}, 400, "InvalidInternalPort.Malformed"},
		{[]string{"ExternalIp", "1.2.3"}, 400, "InvalidExternalIp.Malformed"},
		{[]string{"InternalIp", "10.0.1"}, 400, "InvalidInternalIp.Malformed"},
		{[]string{"InternalIp", "192.168.1.10"}, 400, "Forbidden.DestnationIpOutOfVpcCIDR"},
		{[]string{"ExternalIp", "203.0.113.9"}, 404, "InvalidExternalIp.NotFound"},
		{[]string{"ExternalIp", unbound}, 400, "InvalidIp.NotInNatgw"},
		{[]string{"ExternalIp", f.ips[0]}, 400, "Forbidden.ExternalIp.UsedInSnatTable"},
		{[]string{"ForwardTableId", "ftb-nope"}, 404, "InvalidForwardTableId.NotFound"},
		{[]string{"ForwardEntryName", "1bad"}, 400, "InvalidParameter.Name.Malformed"},
		{[]string{"InternalPort", ""}, 400, "MissingParameter"},
	})
	https := h.ok("CreateForwardEntry", base("ForwardEntryName", "https")).str("ForwardEntryId")
	a := h.fails("CreateForwardEntry", base("ExternalPort", "80", "InternalPort", "8080"), 400, "IncorretForwardEntryStatus")
	if a.str("Message") != "Some Forward entry status blocked this operation.." {
		t.Errorf("message %q", a.str("Message"))
	}
	h.settle()
	h.fails("CreateForwardEntry", base("InternalPort", "9000"), 400, "InvalidParameter")                         // same public port
	h.fails("CreateForwardEntry", base("ExternalPort", "8443"), 400, "InvalidParameter")                         // same backend
	h.fails("CreateForwardEntry", base("ExternalPort", "0443", "InternalPort", "9000"), 400, "InvalidParameter") // 443 spelled otherwise
	quic := h.ok("CreateForwardEntry", base("IpProtocol", "UDP")).str("ForwardEntryId")
	h.settle()
	got := h.ok("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", https)).items("ForwardTableEntries", "ForwardTableEntry")
	if len(got) != 1 || got[0]["IpProtocol"] != "tcp" || got[0]["ExternalPort"] != "443" || got[0]["InternalIp"] != "10.0.1.10" ||
		got[0]["Status"] != "Available" || got[0]["ForwardEntryName"] != "https" || got[0]["NatGatewayId"] != f.nat {
		t.Fatalf("entry: %v", got)
	}
	if n := h.ok("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", f.ftb, "IpProtocol", "UDP")).num("TotalCount"); n != 1 {
		t.Errorf("IpProtocol filter kept %d", n)
	}
	// Neither address can serve the other direction now.
	h.fails("CreateSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatIp", f.ips[1], "SourceCIDR", "10.0.7.0/24"), 400, "Forbidden.IpUsedInForwardTable")

	h.ok("ModifyForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", https, "InternalPort", "9443"))
	h.fails("DeleteForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", quic), 400, "IncorretForwardEntryStatus")
	h.settle()
	got = h.ok("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", https)).items("ForwardTableEntries", "ForwardTableEntry")
	if got[0]["InternalPort"] != "9443" || got[0]["ExternalPort"] != "443" {
		t.Errorf("after modify: %v", got[0])
	}
	h.fails("ModifyForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", https, "InternalIp", "172.16.0.1"), 400, "Forbidden.DestnationIpOutOfVpcCIDR")
	h.fails("ModifyForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", "fwd-nope"), 404, "InvalidForwardEntryId.NotFound")
	for _, id := range []string{https, quic} {
		h.ok("DeleteForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", id))
		h.settle()
	}
	h.fails("DeleteForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", https), 404, "InvalidForwardEntryId.NotFound")
	// "Any" forwards every port of every protocol.
	anyID := h.ok("CreateForwardEntry", base("IpProtocol", "Any", "ExternalPort", "Any", "InternalPort", "Any")).str("ForwardEntryId")
	h.settle()
	got = h.ok("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", f.ftb, "ForwardEntryId", anyID)).items("ForwardTableEntries", "ForwardTableEntry")
	if got[0]["IpProtocol"] != "any" || got[0]["ExternalPort"] != "any" || got[0]["InternalPort"] != "any" {
		t.Errorf("Any entry: %v", got[0])
	}
	h.fails("CreateForwardEntry", base("ExternalPort", "22", "InternalIp", "10.0.1.11", "InternalPort", "22"), 400, "InvalidParameter")
	h.fails("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", "ftb-nope"), 404, "InvalidForwardTableId.NotFound")
}

func TestEipLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	nat := h.ok("CreateNatGateway", kv("RegionId", hz, "VpcId", id, "Spec", "Small")).str("NatGatewayId")
	alloc := h.ok("AllocateEipAddress", kv("RegionId", hz, "Bandwidth", "20", "Name", "egress-1", "InternetChargeType", "PayByTraffic"))
	eip, ip := alloc.str("AllocationId"), alloc.str("EipAddress")
	if !strings.HasPrefix(eip, "eip-") || alloc.str("ResourceGroupId") == "" {
		t.Fatalf("allocate answer: %s", alloc.Raw)
	}
	e := h.eip(eip)
	if e["Status"] != "Available" || e["IpAddress"] != ip || e["Bandwidth"] != "20" || e["Name"] != "egress-1" || e["InstanceId"] != "" {
		t.Fatalf("fresh EIP: %v", e)
	}
	assoc := kv("RegionId", hz, "AllocationId", eip, "InstanceId", nat, "InstanceType", "Nat")
	h.fails("AssociateEipAddress", assoc, 400, "IncorrectInstanceStatus") // the gateway is still Creating
	h.settle()
	h.fails("AssociateEipAddress", kv("RegionId", hz, "AllocationId", eip, "InstanceId", "ngw-nope", "InstanceType", "Nat"), 404, "InvalidInstanId.NotFound")
	h.fails("AssociateEipAddress", kv("RegionId", hz, "AllocationId", eip, "InstanceId", nat, "InstanceType", "Rocket"), 400, "InvalidInstanceType.ValueNotSupported")
	h.fails("AssociateEipAddress", kv("RegionId", hz, "AllocationId", "eip-nope", "InstanceId", nat, "InstanceType", "Nat"), 404, "InvalidAllocationId.NotFound")
	h.ok("AssociateEipAddress", assoc)
	if e := h.eip(eip); e["Status"] != "Associating" || e["InstanceId"] != nat || e["InstanceType"] != "Nat" {
		t.Fatalf("while associating: %v", e)
	}
	h.fails("AssociateEipAddress", assoc, 400, "InvalidAssociation.Duplicated")
	h.fails("UnassociateEipAddress", kv("RegionId", hz, "AllocationId", eip, "InstanceId", nat, "InstanceType", "Nat"), 400, "IncorrectEipStatus")
	h.settle()
	if s := h.eip(eip)["Status"]; s != "InUse" {
		t.Fatalf("after associating: %v", s)
	}
	ips := h.nat(nat)["IpLists"].(map[string]any)["IpList"].([]any)
	if len(ips) != 1 || ips[0].(map[string]any)["IpAddress"] != ip || ips[0].(map[string]any)["AllocationId"] != eip || ips[0].(map[string]any)["UsingStatus"] != "Idle" {
		t.Fatalf("NAT IpLists: %v", ips)
	}
	bound := h.ok("DescribeEipAddresses", kv("RegionId", hz, "AssociatedInstanceType", "Nat", "AssociatedInstanceId", nat)).items("EipAddresses", "EipAddress")
	if len(bound) != 1 || bound[0]["AllocationId"] != eip {
		t.Errorf("EIPs of the gateway: %v", bound)
	}
	// Without the type, the filter looks for an ECS instance.
	if n := h.ok("DescribeEipAddresses", kv("RegionId", hz, "AssociatedInstanceId", nat)).num("TotalCount"); n != 0 {
		t.Errorf("AssociatedInstanceId alone matched %d", n)
	}
	h.fails("ReleaseEipAddress", kv("RegionId", hz, "AllocationId", eip), 400, "IncorrectEipStatus")
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat), 400, "DependencyViolation.RouterEntry")
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", h.systemTable(id), "DestinationCidrBlock", "0.0.0.0/0"))
	h.settle()
	a := h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", nat), 400, "DependencyViolation.EIPS")
	if a.str("Message") != "There are Eips on specified NatGateway, please unbind it first." {
		t.Errorf("message %q", a.str("Message"))
	}
	// An entry using the address keeps it bound.
	snat := h.ok("CreateSnatEntry", kv("RegionId", hz, "SnatTableId", h.nat(nat)["SnatTableIds"].(map[string]any)["SnatTableId"].([]any)[0].(string),
		"SnatIp", ip, "SourceCIDR", "10.0.0.0/16")).str("SnatEntryId")
	h.settle()
	unassoc := kv("RegionId", hz, "AllocationId", eip, "InstanceId", nat, "InstanceType", "Nat")
	h.fails("UnassociateEipAddress", unassoc, 400, "DependencyViolation.SnatEntry")
	h.fails("UnassociateEipAddress", kv("RegionId", hz, "AllocationId", eip, "InstanceId", nat), 400, "InvalidInstanceId.NotFound")
	stb := h.nat(nat)["SnatTableIds"].(map[string]any)["SnatTableId"].([]any)[0].(string)
	h.ok("DeleteSnatEntry", kv("RegionId", hz, "SnatTableId", stb, "SnatEntryId", snat))
	h.settle()
	h.ok("UnassociateEipAddress", unassoc)
	if e := h.eip(eip); e["Status"] != "Unassociating" {
		t.Fatalf("while unassociating: %v", e)
	}
	h.settle()
	if e := h.eip(eip); e["Status"] != "Available" || e["InstanceId"] != "" || e["InstanceType"] != "" {
		t.Fatalf("after unassociating: %v", e)
	}
	if ips := h.nat(nat)["IpLists"].(map[string]any)["IpList"].([]any); len(ips) != 0 {
		t.Errorf("NAT still lists %v", ips)
	}
	h.fails("UnassociateEipAddress", unassoc, 400, "IncorrectEipStatus")
	h.ok("ModifyEipAddressAttribute", kv("RegionId", hz, "AllocationId", eip, "Bandwidth", "50", "Name", "egress-big"))
	if e := h.eip(eip); e["Bandwidth"] != "50" || e["Name"] != "egress-big" {
		t.Errorf("after modify: %v", e)
	}
	h.fails("ModifyEipAddressAttribute", kv("RegionId", hz, "AllocationId", eip, "Bandwidth", "fast"), 400, "InvalidParameter")
	h.ok("ReleaseEipAddress", kv("RegionId", hz, "AllocationId", eip))
	if n := h.ok("DescribeEipAddresses", kv("RegionId", hz, "AllocationId", eip)).num("TotalCount"); n != 0 {
		t.Fatalf("released EIP still listed")
	}
	h.fails("ReleaseEipAddress", kv("RegionId", hz, "AllocationId", eip), 404, "InvalidAllocationId.NotFound")
}

func TestEipOnEcsInstance(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	inst := h.seedInstance(id)
	first := h.ok("AllocateEipAddress", kv("RegionId", hz)).str("AllocationId")
	second := h.ok("AllocateEipAddress", kv("RegionId", hz)).str("AllocationId")
	h.ok("AssociateEipAddress", kv("RegionId", hz, "AllocationId", first, "InstanceId", inst)) // EcsInstance is the default
	h.fails("AssociateEipAddress", kv("RegionId", hz, "AllocationId", second, "InstanceId", inst), 400, "BIND_INSTANCE_HAVE_PORTMAP_OR_BIND_EIP")
	h.settle()
	if e := h.eip(first); e["InstanceType"] != "EcsInstance" || e["PrivateIpAddress"] == "" || e["Status"] != "InUse" {
		t.Errorf("EIP on ECS: %v", e)
	}
}

func TestForceDeleteNatGateway(t *testing.T) {
	h := newHarness(t, Options{})
	f := newNatFixture(h)
	h.ok("CreateSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatIp", f.ips[0], "SourceVSwitchId", f.vsw))
	h.ok("CreateForwardEntry", kv("RegionId", hz, "ForwardTableId", f.ftb, "ExternalIp", f.ips[1], "ExternalPort", "22",
		"InternalIp", "10.0.1.20", "InternalPort", "22", "IpProtocol", "TCP"))
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", f.sys, "DestinationCidrBlock", "0.0.0.0/0"))
	h.settle()
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", f.nat), 400, "DependencyViolation.SnatEntry")
	snat := h.ok("DescribeSnatTableEntries", kv("RegionId", hz, "SnatTableId", f.stb)).items("SnatTableEntries", "SnatTableEntry")[0]["SnatEntryId"].(string)
	h.ok("DeleteSnatEntry", kv("RegionId", hz, "SnatTableId", f.stb, "SnatEntryId", snat))
	h.settle()
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", f.nat), 400, "DependencyViolation.ForwardEntry")
	h.fails("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", f.nat, "Force", "maybe"), 400, "InvalidParameter")
	h.ok("DeleteNatGateway", kv("RegionId", hz, "NatGatewayId", f.nat, "Force", "true"))
	h.settle()
	h.fails("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", f.ftb), 404, "InvalidForwardTableId.NotFound")
	for _, id := range f.eips {
		if e := h.eip(id); e["Status"] != "Available" || e["InstanceId"] != "" {
			t.Errorf("EIP after forced delete: %v", e)
		}
	}
	h.srv.mu.Lock()
	left := h.srv.st.count(kindForwardEntry, "ngw", f.nat) + h.srv.st.count(kindSnatEntry, "ngw", f.nat)
	h.srv.mu.Unlock()
	if left != 0 {
		t.Errorf("%d entries outlived their gateway", left)
	}
}

func TestAllocateEipAddressRules(t *testing.T) {
	h := newHarness(t, Options{})
	for _, p := range [][]string{
		{"Bandwidth", "0"}, {"Bandwidth", "ten"}, {"InternetChargeType", "Free"}, {"ISP", "Moon"},
		{"InstanceChargeType", "Gift"}, {"Name", "_x"}, {"Description", "?"},
	} {
		h.fails("AllocateEipAddress", kv("RegionId", hz, p[0], p[1]), 400, "InvalidParameter")
	}
	h.fails("AllocateEipAddress", kv("RegionId", hz, "InstanceChargeType", "PrePaid"), 400, "MissingParameter")
	pre := h.ok("AllocateEipAddress", kv("RegionId", hz, "InstanceChargeType", "PrePaid", "Period", "3"))
	if pre.num("OrderId") == 0 {
		t.Errorf("PrePaid allocation without OrderId: %s", pre.Raw)
	}
	e := h.eip(pre.str("AllocationId"))
	if e["ChargeType"] != "PrePaid" || e["ExpiredTime"] == "" {
		t.Errorf("PrePaid EIP: %v", e)
	}
	h.fails("ReleaseEipAddress", kv("RegionId", hz, "AllocationId", pre.str("AllocationId")), 400, "Forbidden.ChargeTypeIsPrepaid")
	params := kv("RegionId", hz, "Name", "once", "ClientToken", "eip-once")
	if a, b := h.ok("AllocateEipAddress", params), h.ok("AllocateEipAddress", params); a.str("AllocationId") != b.str("AllocationId") {
		t.Errorf("ClientToken replay allocated twice")
	}
}

func TestDescribeEipAddressesPaging(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	const n = 105
	seenIP := map[string]bool{}
	for i := range n {
		a := h.ok("AllocateEipAddress", kv("RegionId", hz, "Name", fmt.Sprintf("eip-%03d", i)))
		if seenIP[a.str("EipAddress")] {
			t.Fatalf("address %s handed out twice", a.str("EipAddress"))
		}
		seenIP[a.str("EipAddress")] = true
	}
	h.fails("DescribeEipAddresses", kv("RegionId", hz, "PageSize", "51"), 400, "InvalidParameter") // seed: max 50
	h.ok("DescribeEipAddresses", kv("RegionId", hz, "PageSize", "50"))
	def := h.ok("DescribeEipAddresses", kv("RegionId", hz))
	if len(def.items("EipAddresses", "EipAddress")) != 10 || def.num("PageSize") != 10 || def.num("TotalCount") != n {
		t.Fatalf("default page: %d items, PageSize %d, TotalCount %d", len(def.items("EipAddresses", "EipAddress")), def.num("PageSize"), def.num("TotalCount"))
	}
	seen := map[string]bool{}
	var sizes []int
	for page := 1; ; page++ {
		a := h.ok("DescribeEipAddresses", kv("RegionId", hz, "PageSize", "50", "PageNumber", fmt.Sprint(page)))
		items := a.items("EipAddresses", "EipAddress")
		if a.num("TotalCount") != n || a.num("PageNumber") != page || a.num("PageSize") != 50 {
			t.Fatalf("page %d header: %d/%d/%d", page, a.num("TotalCount"), a.num("PageNumber"), a.num("PageSize"))
		}
		if len(items) == 0 {
			break
		}
		sizes = append(sizes, len(items))
		addOnce(t, seen, items, "AllocationId")
	}
	if fmt.Sprint(sizes) != "[50 50 5]" || len(seen) != n {
		t.Fatalf("pages of %v, %d distinct EIPs", sizes, len(seen))
	}
	// Filters.
	some := h.ok("DescribeEipAddresses", kv("RegionId", hz, "PageSize", "3")).items("EipAddresses", "EipAddress")
	ids := []string{some[0]["AllocationId"].(string), some[2]["AllocationId"].(string)}
	if got := h.ok("DescribeEipAddresses", kv("RegionId", hz, "AllocationId", strings.Join(ids, ","))).num("TotalCount"); got != 2 {
		t.Errorf("AllocationId list matched %d", got)
	}
	if got := h.ok("DescribeEipAddresses", kv("RegionId", hz, "EipAddress", some[1]["IpAddress"].(string))).items("EipAddresses", "EipAddress"); len(got) != 1 || got[0]["AllocationId"] != some[1]["AllocationId"] {
		t.Errorf("EipAddress filter: %v", got)
	}
	if got := h.ok("DescribeEipAddresses", kv("RegionId", hz, "Status", "InUse")).num("TotalCount"); got != 0 {
		t.Errorf("Status=InUse matched %d", got)
	}
	if got := h.ok("DescribeEipAddresses", kv("RegionId", hz, "EipName", "eip-007")).num("TotalCount"); got != 1 {
		t.Errorf("EipName matched %d", got)
	}
	h.fails("DescribeEipAddresses", kv("RegionId", hz, "Status", "Lost"), 400, "InvalidParameter")
	h.fails("DescribeEipAddresses", kv("RegionId", hz, "AssociatedInstanceType", "Boat"), 400, "InvalidIAssociatedInstanceType.ValueNotSupported")
	h.fails("DescribeEipAddresses", kv("RegionId", hz, "LockReason", "boredom"), 404, "InvalidLockReason.NotFound")
	if got := h.ok("DescribeEipAddresses", kv("RegionId", "cn-shanghai")).num("TotalCount"); got != 0 {
		t.Errorf("EIPs leaked into another region: %d", got)
	}
}

func TestDemoNatDataset(t *testing.T) {
	h := newHarness(t, Options{})
	regions := []string{"cn-hangzhou", "cn-shanghai", "cn-beijing", "ap-southeast-1", "eu-central-1"}
	internet := map[string]bool{}
	for _, dv := range demoVpcs() {
		if dv.Internet {
			internet[dv.Name] = true
		}
	}
	found := map[string]bool{}
	for _, region := range regions {
		vpcName := map[string]string{}
		for _, v := range h.ok("DescribeVpcs", kv("RegionId", region, "PageSize", "50")).items("Vpcs", "Vpc") {
			vpcName[v["VpcId"].(string)] = v["VpcName"].(string)
		}
		for _, n := range h.ok("DescribeNatGateways", kv("RegionId", region, "PageSize", "50")).items("NatGateways", "NatGateway") {
			name := vpcName[n["VpcId"].(string)]
			found[name] = true
			if n["Status"] != "Available" || n["Name"] != name+"-nat" {
				t.Errorf("%s: NAT gateway %v %v", name, n["Name"], n["Status"])
			}
			var ips []any // EIPs; bandwidth-package IPs (nateip-) are listed too
			for _, ip := range n["IpLists"].(map[string]any)["IpList"].([]any) {
				if !strings.HasPrefix(ip.(map[string]any)["AllocationId"].(string), "nateip-") {
					ips = append(ips, ip)
				}
			}
			if len(ips) < 1 || len(ips) > 3 {
				t.Errorf("%s: %d EIPs on the NAT gateway", name, len(ips))
			}
			natID := n["NatGatewayId"].(string)
			for _, e := range h.ok("DescribeEipAddresses", kv("RegionId", region, "AssociatedInstanceType", "Nat", "AssociatedInstanceId", natID)).items("EipAddresses", "EipAddress") {
				if e["Status"] != "InUse" {
					t.Errorf("%s: EIP %v", name, e["Status"])
				}
			}
			stb := n["SnatTableIds"].(map[string]any)["SnatTableId"].([]any)[0].(string)
			snats := h.ok("DescribeSnatTableEntries", kv("RegionId", region, "SnatTableId", stb, "PageSize", "50")).items("SnatTableEntries", "SnatTableEntry")
			public := 0
			for _, sw := range h.ok("DescribeVSwitches", kv("RegionId", region, "VpcId", n["VpcId"].(string), "PageSize", "50")).items("VSwitches", "VSwitch") {
				if sw["RouteTable"].(map[string]any)["RouteTableType"] == "System" {
					public++
				}
			}
			if len(snats) != public || public == 0 {
				t.Errorf("%s: %d SNAT entries for %d VSwitches on the system table", name, len(snats), public)
			}
			for _, s := range snats {
				if s["Status"] != "Available" {
					t.Errorf("%s: SNAT entry %v", name, s["Status"])
				}
			}
			sys := ""
			for _, rt := range h.ok("DescribeRouteTableList", kv("RegionId", region, "VpcId", n["VpcId"].(string))).items("RouterTableList", "RouterTableListType") {
				if rt["RouteTableType"] == "System" {
					sys = rt["RouteTableId"].(string)
				}
			}
			routes := h.ok("DescribeRouteEntryList", kv("RegionId", region, "RouteTableId", sys, "DestinationCidrBlock", "0.0.0.0/0")).items("RouteEntrys", "RouteEntry")
			if len(routes) != 1 || routes[0]["NextHops"].(map[string]any)["NextHop"].([]any)[0].(map[string]any)["NextHopId"] != natID {
				t.Errorf("%s: default route %v", name, routes)
			}
		}
	}
	for name := range internet {
		if !found[name] {
			t.Errorf("Internet VPC %s has no NAT gateway", name)
		}
	}
	if len(found) != len(internet) {
		t.Errorf("NAT gateways in %d VPCs, want %d", len(found), len(internet))
	}

	// prod-core publishes HTTPS: tcp 443 → 10.0.1.10:8443.
	prod := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	n := h.ok("DescribeNatGateways", kv("RegionId", hz, "VpcId", prod)).items("NatGateways", "NatGateway")[0]
	ftb := n["ForwardTableIds"].(map[string]any)["ForwardTableId"].([]any)[0].(string)
	dnat := h.ok("DescribeForwardTableEntries", kv("RegionId", hz, "ForwardTableId", ftb, "ExternalPort", "443")).items("ForwardTableEntries", "ForwardTableEntry")
	if len(dnat) != 1 || dnat[0]["IpProtocol"] != "tcp" || dnat[0]["InternalIp"] != "10.0.1.10" || dnat[0]["InternalPort"] != "8443" || dnat[0]["Status"] != "Available" {
		t.Errorf("prod-core DNAT: %v", dnat)
	}
	if len(n["IpLists"].(map[string]any)["IpList"].([]any)) != 3 {
		t.Errorf("prod-core NAT IPs: %v", n["IpLists"])
	}
	spare := h.ok("DescribeEipAddresses", kv("RegionId", hz, "Status", "Available")).items("EipAddresses", "EipAddress")
	if len(spare) < 2 {
		t.Errorf("spare EIPs in %s: %d", hz, len(spare))
	}
	for _, e := range spare {
		if e["InstanceId"] != "" {
			t.Errorf("spare EIP bound: %v", e)
		}
	}
	// Nothing is in a transitional status.
	h.srv.mu.Lock()
	defer h.srv.mu.Unlock()
	for _, r := range h.srv.st.byID {
		switch r.Kind {
		case kindNatGateway, kindSnatEntry, kindForwardEntry:
			if s := h.srv.st.status(r); s != stAvailable {
				t.Errorf("%s %s is %s", r.Kind, r.ID, s)
			}
		case kindEip:
			if s := h.srv.st.status(r); s != eipAvailable && s != eipInUse {
				t.Errorf("EIP %s is %s", r.ID, s)
			}
		default:
			continue
		}
		if r.Trans != nil {
			t.Errorf("%s %s has a pending step", r.Kind, r.ID)
		}
	}
}

func TestEmptyDatasetHasNoGateways(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	for _, action := range []struct{ name, wrapper, item string }{
		{"DescribeNatGateways", "NatGateways", "NatGateway"},
		{"DescribeEipAddresses", "EipAddresses", "EipAddress"},
		{"DescribeVpnGateways", "VpnGateways", "VpnGateway"},
		{"DescribeCustomerGateways", "CustomerGateways", "CustomerGateway"},
		{"DescribeVpnConnections", "VpnConnections", "VpnConnection"},
	} {
		a := h.ok(action.name, kv("RegionId", hz))
		if a.num("TotalCount") != 0 || !bytes.Contains(a.Raw, []byte(`"`+action.wrapper+`":{"`+action.item+`":[]}`)) {
			t.Errorf("%s: empty list shape %s", action.name, a.Raw)
		}
	}
}

// listShape calls a kind's List action and decodes the answer strictly into
// the kind's model type under the wrapper its Path names: an unknown field or
// a wrong wrapper fails.
func listShape(t *testing.T, h *harness, kindName string, params map[string]string) int {
	t.Helper()
	k := model.Default().MustLookup(kindName)
	a := h.ok(k.List.Action, params)
	wrapper, item, ok := strings.Cut(k.List.Path, ".")
	if !ok {
		t.Fatalf("%s: path %q", kindName, k.List.Path)
	}
	var body map[string]json.RawMessage
	if err := json.Unmarshal(a.Raw, &body); err != nil {
		t.Fatal(err)
	}
	var inner map[string][]json.RawMessage
	if err := json.Unmarshal(body[wrapper], &inner); err != nil || len(inner) != 1 {
		t.Fatalf("%s: %s is not {%q:[...]}: %s", kindName, wrapper, item, a.Raw)
	}
	items, ok := inner[item]
	if !ok {
		t.Fatalf("%s: no %s.%s in %s", kindName, wrapper, item, a.Raw)
	}
	for _, raw := range items {
		v := k.New()
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s item does not match the model type: %v: %s", kindName, err, raw)
		}
		if k.ID(v) == "" {
			t.Errorf("%s item without an ID: %s", kindName, raw)
		}
	}
	return len(items)
}

func TestNatListShapesMatchTheModel(t *testing.T) {
	h := newHarness(t, Options{})
	prod := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	n := h.ok("DescribeNatGateways", kv("RegionId", hz, "VpcId", prod)).items("NatGateways", "NatGateway")[0]
	stb := n["SnatTableIds"].(map[string]any)["SnatTableId"].([]any)[0].(string)
	ftb := n["ForwardTableIds"].(map[string]any)["ForwardTableId"].([]any)[0].(string)
	for _, tc := range []struct {
		kind   string
		params map[string]string
	}{
		{"nat", kv("RegionId", hz)},
		{"snat", kv("RegionId", hz, "SnatTableId", stb)},
		{"dnat", kv("RegionId", hz, "ForwardTableId", ftb)},
		{"eip", kv("RegionId", hz, "PageSize", "50")},
	} {
		if got := listShape(t, h, tc.kind, tc.params); got == 0 {
			t.Errorf("%s: no items in the demo", tc.kind)
		}
	}
}

func TestOfficialSDKReadsNatAndEip(t *testing.T) {
	_, c := sdkHarness(t)
	req := vpc.CreateDescribeNatGatewaysRequest()
	resp := sdkDo(t, c.DescribeNatGateways, req)
	if resp.TotalCount == 0 || len(resp.NatGateways.NatGateway) == 0 {
		t.Fatalf("no NAT gateways through the SDK")
	}
	g := resp.NatGateways.NatGateway[0]
	if g.NatGatewayId == "" || len(g.SnatTableIds.SnatTableId) != 1 || len(g.IpLists.IpList) == 0 || g.IpLists.IpList[0].IpAddress == "" {
		t.Errorf("SDK NAT gateway: %+v", g)
	}
	ereq := vpc.CreateDescribeEipAddressesRequest()
	ereq.AssociatedInstanceType = "Nat"
	ereq.AssociatedInstanceId = g.NatGatewayId
	eresp := sdkDo(t, c.DescribeEipAddresses, ereq)
	if len(eresp.EipAddresses.EipAddress) != len(g.IpLists.IpList) || eresp.EipAddresses.EipAddress[0].InstanceId != g.NatGatewayId {
		t.Errorf("SDK EIPs of %s: %+v", g.NatGatewayId, eresp.EipAddresses.EipAddress)
	}
	creq := vpc.CreateCreateNatGatewayRequest()
	creq.VpcId = "vpc-nope"
	sdkRefuses(t, "SDK CreateNatGateway on a missing VPC", c.CreateNatGateway, creq, "InvalidVpcId.NotFound")
}

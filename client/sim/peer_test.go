package sim

import (
	"fmt"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/smartag"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpcpeer"

	"github.com/alivpc/alivpc/model"
)

var ownUID = fmt.Sprint(AccountUID)

func peerParams(from, to string, extra ...string) map[string]string {
	return kv(append([]string{"RegionId", hz, "VpcId", from, "AcceptingAliUid", ownUID, "AcceptingRegionId", hz,
		"AcceptingVpcId", to}, extra...)...)
}

// peer returns GetVpcPeerConnectionAttribute's answer.
func (p caller) peer(id string) *answer {
	p.h.t.Helper()
	return p.ok("GetVpcPeerConnectionAttribute", kv("InstanceId", id))
}

// twoVpcs creates two settled VPCs in Hangzhou.
func (h *harness) twoVpcs() (a, b string) {
	h.t.Helper()
	a = h.createVpc("CidrBlock", "10.100.0.0/16")
	b = h.createVpc("CidrBlock", "10.101.0.0/16")
	h.settle()
	return a, b
}

func TestPeerWithinTheAccount(t *testing.T) {
	h := newHarness(t, Options{})
	vp := h.edgeOn(model.ProductVpcPeer)
	a, b := h.twoVpcs()
	id := vp.ok("CreateVpcPeerConnection", peerParams(a, b, "Name", "a-to-b", "ClientToken", "peer-1")).str("InstanceId")
	if again := vp.ok("CreateVpcPeerConnection", peerParams(a, b, "Name", "a-to-b", "ClientToken", "peer-1")).str("InstanceId"); again != id {
		t.Fatalf("a ClientToken replay created %s besides %s", again, id)
	}
	g := vp.peer(id)
	if g.str("Status") != "Creating" || g.str("Name") != "a-to-b" || g.num("Bandwidth") != -1 || g.num("AcceptingOwnerUid") != int(AccountUID) {
		t.Fatalf("new connection: %s", g.Raw)
	}
	if cidrs := g.Body["AcceptingVpc"].(map[string]any)["Ipv4Cidrs"].([]any); len(cidrs) != 1 || cidrs[0] != "10.101.0.0/16" {
		t.Errorf("accepting CIDRs: %v", cidrs)
	}
	h.settle()
	if s := vp.peer(id).str("Status"); s != "Activated" {
		t.Fatalf("within one account: %s", s)
	}
	// Both VPCs may route through it.
	ra := h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", h.systemTable(a), "DestinationCidrBlock", "10.101.0.0/16",
		"NextHopType", "VpcPeer", "NextHopId", id)).str("RouteEntryId")
	h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", h.systemTable(b), "DestinationCidrBlock", "10.100.0.0/16",
		"NextHopType", "VpcPeer", "NextHopId", id))
	h.settle()
	vp.fails("DeleteVpcPeerConnection", kv("InstanceId", id), 400, "OperationDenied.RouteEntryExist")
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", a), 400, "DependencyViolation.VpcPeer")

	vp.ok("ModifyVpcPeerConnection", kv("InstanceId", id, "Name", "renamed", "Description", "Shared tooling"))
	if g := vp.peer(id); g.str("Status") != "Updating" || g.str("Name") != "renamed" {
		t.Fatalf("after modify: %s", g.Raw)
	}
	vp.fails("DeleteVpcPeerConnection", kv("InstanceId", id, "Force", "true"), 400, "IncorrectStatus.VpcPeer")
	h.settle()
	vp.fails("DeleteVpcPeerConnection", kv("InstanceId", id, "Force", "true", "DryRun", "true"), 400, "DryRunOperation")
	if s := vp.peer(id).str("Status"); s != "Activated" {
		t.Fatalf("DryRun changed the status to %s", s)
	}
	vp.ok("DeleteVpcPeerConnection", kv("InstanceId", id, "Force", "true"))
	if s := vp.peer(id).str("Status"); s != "Deleting" {
		t.Fatalf("deleting: %s", s)
	}
	h.settle()
	vp.fails("GetVpcPeerConnectionAttribute", kv("InstanceId", id), 400, "ResourceNotFound.InstanceId")
	if es := h.entries(h.systemTable(a), "RouteEntryId", ra); len(es) != 0 {
		t.Errorf("the forced delete left its route: %v", es)
	}
	if es := h.entries(h.systemTable(b), "NextHopId", id); len(es) != 0 {
		t.Errorf("the forced delete left the other side's route: %v", es)
	}
}

func TestPeerAcrossAccounts(t *testing.T) {
	h := newHarness(t, Options{})
	vp := h.edgeOn(model.ProductVpcPeer)
	a, b := h.twoVpcs()
	other := fmt.Sprint(demoPartnerUID)
	// The other account's VPC is not visible here: it need not exist.
	id := vp.ok("CreateVpcPeerConnection", peerParams(a, "vpc-elsewhere1", "AcceptingAliUid", other)).str("InstanceId")
	if s := vp.peer(id).str("Status"); s != "Creating" {
		t.Fatalf("new: %s", s)
	}
	for range 20 {
		h.settle()
		if s := vp.peer(id).str("Status"); s != "Accepting" {
			t.Fatalf("a cross-account request left Accepting by itself: %s", s)
		}
	}
	vp.fails("ModifyVpcPeerConnection", kv("InstanceId", id, "Name", "x-y"), 400, "IncorrectStatus.VpcPeer")
	// The requester may neither accept nor reject its own request, not
	// even as a dry run; the accepting account may.
	vp.fails("AcceptVpcPeerConnection", kv("InstanceId", id), 403, "Forbidden.NotAcceptingAccount")
	vp.fails("AcceptVpcPeerConnection", kv("InstanceId", id, "DryRun", "true"), 403, "Forbidden.NotAcceptingAccount")
	vp.fails("RejectVpcPeerConnection", kv("InstanceId", id), 403, "Forbidden.NotAcceptingAccount")
	if s := vp.peer(id).str("Status"); s != "Accepting" {
		t.Fatalf("a refused accept changed the connection: %s", s)
	}
	partner := h.partnerOn(model.ProductVpcPeer)
	partner.fails("AcceptVpcPeerConnection", kv("InstanceId", id, "DryRun", "true"), 400, "DryRunOperation")
	partner.ok("AcceptVpcPeerConnection", kv("InstanceId", id))
	if s := vp.peer(id).str("Status"); s != "Updating" {
		t.Fatalf("after accept: %s", s)
	}
	h.settle()
	if s := vp.peer(id).str("Status"); s != "Activated" {
		t.Fatalf("accepted: %s", s)
	}
	partner.fails("AcceptVpcPeerConnection", kv("InstanceId", id), 400, "IncorrectStatus.VpcPeer")
	partner.fails("RejectVpcPeerConnection", kv("InstanceId", id), 400, "IncorrectStatus.VpcPeer")

	rej := vp.ok("CreateVpcPeerConnection", peerParams(b, "vpc-elsewhere2", "AcceptingAliUid", other)).str("InstanceId")
	h.settle()
	partner.ok("RejectVpcPeerConnection", kv("InstanceId", rej))
	if s := vp.peer(rej).str("Status"); s != "Rejected" {
		t.Fatalf("after reject: %s", s)
	}
	partner.fails("AcceptVpcPeerConnection", kv("InstanceId", rej), 400, "IncorrectStatus.VpcPeer")
	// A rejected request does not stop a new one.
	vp.ok("CreateVpcPeerConnection", peerParams(b, "vpc-elsewhere2", "AcceptingAliUid", other))
	vp.fails("AcceptVpcPeerConnection", kv("InstanceId", "pcc-nope"), 400, "ResourceNotFound.InstanceId")
}

func TestCreateVpcPeerConnectionRules(t *testing.T) {
	h := newHarness(t, Options{})
	vp := h.edgeOn(model.ProductVpcPeer)
	a, b := h.twoVpcs()
	pending := h.createVpc("CidrBlock", "10.102.0.0/16")
	dr := h.ok("DescribeVpcs", kv("RegionId", sh, "VpcName", "prod-core-dr")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	vp.refuses("CreateVpcPeerConnection", func(p ...string) map[string]string { return peerParams(a, b, p...) }, []refusal{
		{[]string{"AcceptingVpcId", ""}, 400, "MissingParameter"},
		{[]string{"AcceptingAliUid", "me"}, 400, "IllegalParam.AcceptingAliUid"},
		{[]string{"AcceptingRegionId", "mars-1"}, 400, "IllegalParam.AcceptingRegionId"},
		{[]string{"Name", "a"}, 400, "IllegalParam.Name"},
		{[]string{"Name", "peer.one"}, 400, "IllegalParam.Name"},
		{[]string{"Description", "x"}, 400, "IllegalParam.Description"},
		{[]string{"Bandwidth", "100"}, 400, "IllegalParam.Bandwidth"},
		{[]string{"LinkType", "Gold"}, 400, "OperationFailed.InterRegionLinkTypeNotSupported"},
		{[]string{"AcceptingRegionId", sh, "AcceptingVpcId", dr, "LinkType", "Silver"}, 400, "IllegalParam.LinkType"},
		{[]string{"AcceptingRegionId", sh, "AcceptingVpcId", dr, "Bandwidth", "0"}, 400, "IllegalParam.Bandwidth"},
		{[]string{"ResourceGroupId", "finance"}, 400, "OperationFailed.NotExist.ResourceGroup"},
		{[]string{"VpcId", "vpc-nope"}, 400, "ResourceNotFound.VpcId"},
		{[]string{"VpcId", pending}, 400, "IncorrectStatus.Vpc"},
		{[]string{"AcceptingVpcId", "vpc-nope"}, 400, "ResourceNotFound.AcceptingVpcId"},
		{[]string{"AcceptingVpcId", pending}, 400, "IncorrectStatus.AcceptingVpc"},
		{[]string{"AcceptingVpcId", a}, 400, "IllegalParam.AcceptingVpcId"},
		{[]string{"DryRun", "true"}, 400, "DryRunOperation"},
		{[]string{"DryRun", "sure"}, 400, "InvalidParameter"},
	})
	list := func(vpcs string) int {
		t.Helper()
		return vp.ok("ListVpcPeerConnections", kv("VpcId", vpcs)).num("TotalCount")
	}
	if n := list(`["` + a + `"]`); n != 0 {
		t.Fatalf("failed or dry-run creates left %d connections", n)
	}
	vp.ok("CreateVpcPeerConnection", peerParams(a, b))
	// One creation at a time per VPC, on either side.
	vp.fails("CreateVpcPeerConnection", peerParams(b, a, "AcceptingAliUid", fmt.Sprint(demoPartnerUID)), 400, "Conflict.Operation")
	h.settle()
	vp.fails("CreateVpcPeerConnection", peerParams(a, b), 400, "ResourceAlreadyExist.VpcPeer")
	vp.fails("CreateVpcPeerConnection", peerParams(b, a), 400, "ResourceAlreadyExist.VpcPeer")

	// Across regions: the default bandwidth and link type.
	x := vp.ok("CreateVpcPeerConnection", peerParams(a, dr, "AcceptingRegionId", sh, "Name", "to-dr")).str("InstanceId")
	if g := vp.peer(x); g.num("Bandwidth") != crossRegionBandwidth || g.str("LinkType") != "Gold" || g.str("AcceptingRegionId") != sh {
		t.Fatalf("cross-region connection: %s", g.Raw)
	}
	h.settle()
	// A cross-region connection is listed in both regions.
	for _, region := range []string{hz, sh} {
		found := false
		for _, p := range vp.ok("ListVpcPeerConnections", kv("RegionId", region, "MaxResults", "100")).topItems("VpcPeerConnects") {
			found = found || p["InstanceId"] == x
		}
		if !found {
			t.Errorf("%s does not list the cross-region connection", region)
		}
	}

	// The per-VPC quota, counted with requests to another account.
	for i := peerCount(h, a); i < peersPerVpc; i++ {
		vp.ok("CreateVpcPeerConnection", peerParams(a, fmt.Sprintf("vpc-partner%02d", i), "AcceptingAliUid", fmt.Sprint(demoPartnerUID)))
		h.settle()
	}
	vp.fails("CreateVpcPeerConnection", peerParams(a, "vpc-partner99", "AcceptingAliUid", fmt.Sprint(demoPartnerUID)), 400, "QuotaExceeded.VpcPeerCountPerVpc")
}

// peerCount counts the peer connections of a VPC.
func peerCount(h *harness, vpcID string) int {
	h.t.Helper()
	return h.edgeOn(model.ProductVpcPeer).ok("ListVpcPeerConnections", kv("VpcId", vpcID)).num("TotalCount")
}

// topItems returns a top-level array of objects.
func (a *answer) topItems(key string) []map[string]any {
	list, _ := a.Body[key].([]any)
	out := make([]map[string]any, 0, len(list))
	for _, x := range list {
		m, _ := x.(map[string]any)
		out = append(out, m)
	}
	return out
}

func TestListVpcPeerConnections(t *testing.T) {
	h := newHarness(t, Options{})
	vp := h.edgeOn(model.ProductVpcPeer)
	all := vp.ok("ListVpcPeerConnections", kv("MaxResults", "100"))
	total := all.num("TotalCount")
	if total != len(all.topItems("VpcPeerConnects")) || total < 4 || all.str("NextToken") != "" {
		t.Fatalf("all connections: %d listed, TotalCount %d, NextToken %q", len(all.topItems("VpcPeerConnects")), total, all.str("NextToken"))
	}
	seen, pages := vp.walkTokens("ListVpcPeerConnections", kv("MaxResults", "2"), func(a *answer) []map[string]any {
		if a.num("MaxResults") != 2 || a.num("TotalCount") != total {
			t.Fatalf("a page: MaxResults %d TotalCount %d", a.num("MaxResults"), a.num("TotalCount"))
		}
		return a.topItems("VpcPeerConnects")
	}, "InstanceId")
	if len(seen) != total || pages != (total+1)/2 {
		t.Fatalf("walked %d connections in %d pages, want %d", len(seen), pages, total)
	}
	if n := len(vp.ok("ListVpcPeerConnections", nil).topItems("VpcPeerConnects")); n != min(total, 20) {
		t.Errorf("default MaxResults: %d", n)
	}
	vp.fails("ListVpcPeerConnections", kv("MaxResults", "101"), 400, "IllegalParam.MaxResults")
	vp.fails("ListVpcPeerConnections", kv("MaxResults", "0"), 400, "IllegalParam.MaxResults")
	vp.fails("ListVpcPeerConnections", kv("NextToken", "garbage"), 400, "IllegalParam.NextToken")
	vp.fails("ListVpcPeerConnections", kv("VpcId", `["a","b","c"]`), 400, "IllegalParam.VpcId")

	core := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	shared := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "shared-services")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	// VpcId matches either end; the JSON array, VpcId.N and a plain value
	// are all read.
	byCore := vp.ok("ListVpcPeerConnections", kv("VpcId", `["`+core+`"]`)).num("TotalCount")
	if byCore != 3 { // to shared-services, from prod-core-dr and from sea-prod
		t.Errorf("connections of prod-core: %d", byCore)
	}
	if n := vp.ok("ListVpcPeerConnections", kv("VpcId.1", core)).num("TotalCount"); n != byCore {
		t.Errorf("VpcId.1: %d", n)
	}
	both := vp.ok("ListVpcPeerConnections", kv("VpcId", `["`+shared+`","`+core+`"]`)).topItems("VpcPeerConnects")
	if len(both) != 1 || both[0]["Name"] != "prod-core-to-shared-services" {
		t.Errorf("between prod-core and shared-services: %v", both)
	}
	if n := vp.ok("ListVpcPeerConnections", kv("Name", "prod-core-to-shared-services", "RegionId", hz)).num("TotalCount"); n != 1 {
		t.Errorf("by name: %d", n)
	}
	if n := vp.ok("ListVpcPeerConnections", kv("RegionId", "eu-central-1")).num("TotalCount"); n != 0 {
		t.Errorf("eu-central-1: %d", n)
	}
}

// TestEdgeDemoDataset checks what the demo promises the console.
func TestEdgeDemoDataset(t *testing.T) {
	h := newHarness(t, Options{})
	vp := h.edgeOn(model.ProductVpcPeer)
	sag := h.edgeOn(model.ProductSmartag)

	// Two physical connections, each with an active VBR, a BGP group, a
	// network and an Established session; Shanghai also has a session
	// that is down.
	established, down := 0, 0
	for _, region := range []string{dc, "cn-beijing"} {
		pc := h.pcID(region)
		vbrs := h.ok("DescribeVirtualBorderRoutersForPhysicalConnection", kv("RegionId", region, "PhysicalConnectionId", pc)).
			items("VirtualBorderRouterForPhysicalConnectionSet", "VirtualBorderRouterForPhysicalConnectionType")
		if len(vbrs) != 1 || vbrs[0]["Status"] != "active" {
			t.Fatalf("%s VBRs: %v", region, vbrs)
		}
		vbr := vbrs[0]["VbrId"].(string)
		name := h.ok("DescribeVirtualBorderRouters", kv("RegionId", region)).items("VirtualBorderRouterSet", "VirtualBorderRouterType")[0]["Name"]
		if name != "vbr-dc-"+strings.TrimPrefix(region, "cn-") {
			t.Errorf("%s VBR name %v", region, name)
		}
		if n := h.ok("DescribeBgpGroups", kv("RegionId", region, "RouterId", vbr)).num("TotalCount"); n != 1 {
			t.Errorf("%s BGP groups: %d", region, n)
		}
		nets := h.ok("DescribeBgpNetworks", kv("RegionId", region, "RouterId", vbr)).items("BgpNetworks", "BgpNetwork")
		if len(nets) != 1 || nets[0]["VpcId"] == "" {
			t.Errorf("%s BGP networks: %v", region, nets)
		}
		for _, p := range h.ok("DescribeBgpPeers", kv("RegionId", region, "RouterId", vbr)).items("BgpPeers", "BgpPeer") {
			if p["Status"] != "Available" {
				t.Errorf("peer %v is %v", p["PeerIpAddress"], p["Status"])
			}
			if p["BgpStatus"] == "Established" {
				established++
			} else {
				down++
			}
		}
		// The VPC reaches the data centre through the VBR's router
		// interface.
		vpcID := nets[0]["VpcId"].(string)
		rt := h.ok("DescribeRouteTableList", kv("RegionId", region, "VpcId", vpcID, "RouteTableType", "System")).items("RouterTableList", "RouterTableListType")[0]["RouteTableId"].(string)
		via := h.ok("DescribeRouteEntryList", kv("RegionId", region, "RouteTableId", rt, "NextHopType", "RouterInterface")).items("RouteEntrys", "RouteEntry")
		if len(via) == 0 {
			t.Errorf("%s: no route through the VBR", region)
		}
	}
	if established != 2 || down != 1 {
		t.Errorf("sessions: %d established, %d down", established, down)
	}
	// The down session stays down.
	for range 10 {
		h.settle()
		for _, p := range h.ok("DescribeBgpPeers", kv("RegionId", dc)).items("BgpPeers", "BgpPeer") {
			if p["PeerIpAddress"] == "10.254.0.3" && p["BgpStatus"] == "Established" {
				t.Fatalf("the unconfigured demo peer established")
			}
		}
	}

	// VPC flow logs: Active on a VPC and on a VSwitch, and an Inactive one.
	kinds := map[string]int{}
	for _, region := range []string{hz, sh} {
		for _, f := range h.ok("DescribeFlowLogs", kv("RegionId", region)).items("FlowLogs", "FlowLog") {
			kinds[f["Status"].(string)+" "+f["ResourceType"].(string)]++
		}
	}
	if kinds["Active VPC"] < 1 || kinds["Active VSwitch"] < 1 || kinds["Inactive VPC"]+kinds["Inactive VSwitch"] < 1 {
		t.Errorf("flow logs: %v", kinds)
	}
	// Smart Access Gateway flow logs: sls in Shanghai, NetFlow in Hangzhou.
	for region, output := range map[string]string{sh: "sls", hz: "netflow"} {
		fl := sag.ok("DescribeFlowLogs", kv("RegionId", region)).items("FlowLogs", "FlowLogSetType")
		if len(fl) != 1 || fl[0]["OutputType"] != output || fl[0]["Status"] != "Active" {
			t.Errorf("%s SAG flow logs: %v", region, fl)
		}
	}

	// Peering: Activated ones with routes pointing at them, and two
	// requests waiting for another account (the partner's, and the one
	// data_paths.go routes to for path analysis).
	statuses := map[string]int{}
	routed := false
	for _, p := range vp.ok("ListVpcPeerConnections", kv("MaxResults", "100")).topItems("VpcPeerConnects") {
		statuses[p["Status"].(string)]++
		if p["Status"] == "Accepting" && p["AcceptingOwnerUid"] == float64(AccountUID) {
			t.Errorf("the waiting request is to this account")
		}
		if p["Status"] == "Activated" && p["RegionId"] == hz {
			vpcID := p["Vpc"].(map[string]any)["VpcId"].(string)
			es := h.ok("DescribeRouteEntryList", kv("RegionId", hz, "RouteTableId", h.systemTable(vpcID), "NextHopId", p["InstanceId"].(string))).items("RouteEntrys", "RouteEntry")
			routed = routed || len(es) > 0
		}
	}
	if statuses["Activated"] < 1 || statuses["Accepting"] != 2 || len(statuses) != 2 || !routed {
		t.Errorf("peer connections: %v, routed %v", statuses, routed)
	}
}

// TestEdgeStateSurvivesRestart saves the families to a state file and
// loads them into a new simulator.
func TestEdgeStateSurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	h := newHarness(t, Options{StatePath: path})
	vbr := h.ok("CreateVirtualBorderRouter", kv("RegionId", dc, "PhysicalConnectionId", h.pcID(dc), "VlanId", "500",
		"VbrOwnerId", fmt.Sprint(demoPartnerUID))).str("VbrId")
	a, b := h.twoVpcs()
	pcc := h.edgeOn(model.ProductVpcPeer).ok("CreateVpcPeerConnection", peerParams(a, b)).str("InstanceId")
	fl := h.ok("CreateFlowLog", flowLogParams("VPC", a)).str("FlowLogId")
	groups := h.ok("DescribeBgpGroups", kv("RegionId", dc)).items("BgpGroups", "BgpGroup")
	sags := h.edgeOn(model.ProductSmartag).ok("DescribeFlowLogs", kv("RegionId", sh)).items("FlowLogs", "FlowLogSetType")
	if err := h.srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}

	again := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	if s := again.vbrStatus(vbr); s != "unconfirmed" {
		t.Fatalf("the other account's VBR after restart: %q", s)
	}
	// The VBR's owner, which the API item does not carry, survived.
	for _, v := range again.ok("DescribeVirtualBorderRouters", kv("RegionId", dc, "IncludeCrossAccountVbr", "false")).items("VirtualBorderRouterSet", "VirtualBorderRouterType") {
		if v["VbrId"] == vbr {
			t.Errorf("the VBR's owner was lost")
		}
	}
	// So did the flow log's VPC.
	if n := again.ok("DescribeFlowLogs", kv("RegionId", hz, "VpcId", a)).str("TotalCount"); n != "1" || again.flowLog(hz, fl) == nil {
		t.Errorf("flow logs of the VPC after restart: %s", n)
	}
	if g := again.ok("DescribeBgpGroups", kv("RegionId", dc)).items("BgpGroups", "BgpGroup"); !reflect.DeepEqual(g, groups) {
		t.Errorf("BGP groups changed across the restart")
	}
	if s := again.edgeOn(model.ProductSmartag).ok("DescribeFlowLogs", kv("RegionId", sh)).items("FlowLogs", "FlowLogSetType"); !reflect.DeepEqual(s, sags) {
		t.Errorf("SAG flow logs: %v, want %v", s, sags)
	}
	// The pending step of the new connection was saved with it.
	vp := again.edgeOn(model.ProductVpcPeer)
	if s := vp.peer(pcc).str("Status"); s != "Creating" {
		t.Fatalf("connection after restart: %s", s)
	}
	again.settle()
	again.settle()
	if s := vp.peer(pcc).str("Status"); s != "Activated" {
		t.Errorf("connection after settling: %s", s)
	}
}

// TestEdgeOfficialSDK drives the families with the unmodified official Go
// SDK over real HTTP.
func TestEdgeOfficialSDK(t *testing.T) {
	_, ts := newSDKHarness(t)
	domain := strings.TrimPrefix(ts.URL, "http://")
	v := sdkClient(t, ts, DefaultAccessKeySecret)

	vbrs := vpc.CreateDescribeVirtualBorderRoutersRequest()
	vbrs.RegionId = dc
	vbrs.Filter = &[]vpc.DescribeVirtualBorderRoutersFilter{{Key: "Status", Value: &[]string{"active"}}}
	vr, err := v.DescribeVirtualBorderRouters(vbrs)
	if err != nil || vr.TotalCount != 1 || vr.VirtualBorderRouterSet.VirtualBorderRouterType[0].VlanId != 101 {
		t.Fatalf("DescribeVirtualBorderRouters: %v %+v", err, vr)
	}
	peers := vpc.CreateDescribeBgpPeersRequest()
	peers.RegionId = dc
	peers.RouterId = vr.VirtualBorderRouterSet.VirtualBorderRouterType[0].VbrId
	pr, err := v.DescribeBgpPeers(peers)
	if err != nil || pr.TotalCount != 2 || pr.BgpPeers.BgpPeer[0].BgpStatus != "Established" || pr.BgpPeers.BgpPeer[0].PeerAsn != "65010" {
		t.Fatalf("DescribeBgpPeers: %v %+v", err, pr)
	}
	fls := vpc.CreateDescribeFlowLogsRequest()
	fls.RegionId = hz
	fls.PageSize = requests.NewInteger(1)
	fr, err := v.DescribeFlowLogs(fls)
	if err != nil || fr.TotalCount != "3" || fr.PageSize != "1" || len(fr.FlowLogs.FlowLog) != 1 {
		t.Fatalf("DescribeFlowLogs: %v %+v", err, fr)
	}

	sc, err := smartag.NewClientWithAccessKey(sh, DefaultAccessKeyID, DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	sc.Domain = domain
	cf := smartag.CreateCreateFlowLogRequest()
	cf.RegionId, cf.OutputType, cf.NetflowServerIp, cf.Name = sh, "netflow", "192.168.0.2", "sdk-netflow"
	created, err := sc.CreateFlowLog(cf)
	if err != nil || created.FlowLogId == "" {
		t.Fatalf("smartag CreateFlowLog: %v", err)
	}
	df := smartag.CreateDescribeFlowLogsRequest()
	df.RegionId, df.FlowLogId = sh, created.FlowLogId
	sr, err := sc.DescribeFlowLogs(df)
	if err != nil || sr.TotalCount != 1 || sr.FlowLogs.FlowLogSetType[0].NetflowServerPort != "9995" || sr.FlowLogs.FlowLogSetType[0].ActiveAging != 300 {
		t.Fatalf("smartag DescribeFlowLogs: %v %+v", err, sr)
	}

	pc, err := vpcpeer.NewClientWithAccessKey(hz, DefaultAccessKeyID, DefaultAccessKeySecret)
	if err != nil {
		t.Fatal(err)
	}
	pc.Domain = domain
	dv := vpc.CreateDescribeVpcsRequest()
	dv.VpcName = "dev-sandbox"
	vpcs, err := v.DescribeVpcs(dv)
	if err != nil || len(vpcs.Vpcs.Vpc) != 1 {
		t.Fatalf("DescribeVpcs: %v", err)
	}
	a := vpcs.Vpcs.Vpc[0].VpcId
	cp := vpcpeer.CreateCreateVpcPeerConnectionRequest()
	cp.RegionId, cp.VpcId, cp.AcceptingRegionId, cp.AcceptingVpcId = hz, a, hz, "vpc-partnervpc"
	cp.AcceptingAliUid = requests.NewInteger64(demoPartnerUID)
	cp.DryRun = requests.NewBoolean(true)
	if _, err := pc.CreateVpcPeerConnection(cp); sdkCode(err) != "DryRunOperation" {
		t.Fatalf("DryRun CreateVpcPeerConnection: %v", err)
	}
	cp.DryRun = requests.NewBoolean(false)
	made, err := pc.CreateVpcPeerConnection(cp)
	if err != nil || !strings.HasPrefix(made.InstanceId, "pcc-") {
		t.Fatalf("CreateVpcPeerConnection: %v", err)
	}
	lr := vpcpeer.CreateListVpcPeerConnectionsRequest()
	lr.VpcId = &[]string{a}
	lst, err := pc.ListVpcPeerConnections(lr)
	if err != nil || lst.TotalCount != 1 || lst.VpcPeerConnects[0].InstanceId != made.InstanceId || lst.VpcPeerConnects[0].AcceptingOwnerUid != demoPartnerUID {
		t.Fatalf("ListVpcPeerConnections: %v %+v", err, lst)
	}
}

// TestEdgeOpsRefuseGarbage sends every operation of the families odd
// values: each must answer a client error, never fail inside.
func TestEdgeOpsRefuseGarbage(t *testing.T) {
	h := newHarness(t, Options{})
	vbr := h.ok("DescribeVirtualBorderRouters", kv("RegionId", dc)).items("VirtualBorderRouterSet", "VirtualBorderRouterType")[0]
	ops := map[model.Product][]string{
		model.ProductVPC: {"DescribePhysicalConnections", "CreateVirtualBorderRouter", "ModifyVirtualBorderRouterAttribute",
			"TerminateVirtualBorderRouter", "RecoverVirtualBorderRouter", "DeleteVirtualBorderRouter", "DescribeVirtualBorderRouters",
			"DescribeVirtualBorderRoutersForPhysicalConnection", "CreateBgpGroup", "ModifyBgpGroupAttribute", "DeleteBgpGroup",
			"DescribeBgpGroups", "CreateBgpPeer", "ModifyBgpPeerAttribute", "DeleteBgpPeer", "DescribeBgpPeers", "AddBgpNetwork",
			"DeleteBgpNetwork", "DescribeBgpNetworks", "CreateFlowLog", "ModifyFlowLogAttribute", "ActiveFlowLog", "DeactiveFlowLog",
			"DeleteFlowLog", "DescribeFlowLogs"},
		model.ProductSmartag: {"CreateFlowLog", "ModifyFlowLogAttribute", "DeleteFlowLog", "ActiveFlowLog", "DeactiveFlowLog", "DescribeFlowLogs"},
		model.ProductVpcPeer: {"CreateVpcPeerConnection", "AcceptVpcPeerConnection", "RejectVpcPeerConnection", "ModifyVpcPeerConnection",
			"DeleteVpcPeerConnection", "ListVpcPeerConnections", "GetVpcPeerConnectionAttribute"},
	}
	names := []string{"VbrId", "RouterId", "PhysicalConnectionId", "BgpGroupId", "BgpPeerId", "FlowLogId", "InstanceId", "VpcId",
		"AcceptingVpcId", "AcceptingAliUid", "AcceptingRegionId", "VlanId", "VbrOwnerId", "LocalGatewayIp", "PeerGatewayIp",
		"PeeringSubnetMask", "PeerAsn", "LocalAsn", "PeerIpAddress", "DstCidrBlock", "ResourceType", "ResourceId", "TrafficType",
		"OutputType", "ActiveAging", "InactiveAging", "NetflowServerPort", "NetflowServerIp", "SlsRegionId", "Bandwidth", "LinkType",
		"MaxResults", "NextToken", "PageSize", "PageNumber", "Filter.1.Key", "Filter.1.Value.1", "AggregationInterval", "Name"}
	values := []string{"[", "-1", "99999999999999999999", "1.2.3.4/99", "\x00", "   ", "null", `["x",1]`, "VbrId", vbr["VbrId"].(string)}
	for p, actions := range ops {
		on := h.edgeOn(p)
		for _, action := range actions {
			for _, v := range values {
				params := kv("RegionId", dc)
				for _, n := range names {
					params[n] = v
				}
				if a := on.call(action, params); a.Status >= 500 {
					t.Errorf("%s %s with %q: HTTP %d %s", p, action, v, a.Status, a.code())
				}
			}
		}
	}
}

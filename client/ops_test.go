package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/alivpc/alivpc/model"
)

func ref[T any](v T) *T { return &v }

// TestOpsEncodeParams pins the exact parameters each typed input sends:
// names, N-indexing, JSON values, explicit false/0, and unset fields left
// out.
func TestOpsEncodeParams(t *testing.T) {
	cases := []struct {
		name string
		in   any
		want map[string]string
	}{
		{"CreateVpc tags and explicit false", &CreateVpcInput{
			RegionId: "cn-hangzhou", CidrBlock: "10.0.0.0/8", VpcName: "prod", EnableIpv6: ref(false),
			Tag: []model.Tag{{Key: "env", Value: "prod"}, {Key: "team", Value: "net"}}, ClientToken: "tok-1",
		}, map[string]string{
			"RegionId": "cn-hangzhou", "CidrBlock": "10.0.0.0/8", "VpcName": "prod", "EnableIpv6": "false",
			"Tag.1.Key": "env", "Tag.1.Value": "prod", "Tag.2.Key": "team", "Tag.2.Value": "net", "ClientToken": "tok-1",
		}},
		{"DeleteVpc dry run", &DeleteVpcInput{RegionId: "cn-hangzhou", VpcId: "vpc-1", DryRun: true},
			map[string]string{"RegionId": "cn-hangzhou", "VpcId": "vpc-1", "DryRun": "true"}},
		{"ModifyVpcAttribute spells EnableIPv6", &ModifyVpcAttributeInput{RegionId: "r", VpcId: "vpc-1", EnableIPv6: ref(true)},
			map[string]string{"RegionId": "r", "VpcId": "vpc-1", "EnableIPv6": "true"}},
		{"CreateVSwitch IPv6 suffix 0", &CreateVSwitchInput{RegionId: "r", VpcId: "vpc-1", ZoneId: "r-b", CidrBlock: "10.0.1.0/24", Ipv6CidrBlock: ref(0)},
			map[string]string{"RegionId": "r", "VpcId": "vpc-1", "ZoneId": "r-b", "CidrBlock": "10.0.1.0/24", "Ipv6CidrBlock": "0"}},
		{"CreateRouteEntry normal", &CreateRouteEntryInput{RegionId: "r", RouteTableId: "vtb-1", DestinationCidrBlock: "0.0.0.0/0", NextHopType: "Instance", NextHopId: "i-1"},
			map[string]string{"RegionId": "r", "RouteTableId": "vtb-1", "DestinationCidrBlock": "0.0.0.0/0", "NextHopType": "Instance", "NextHopId": "i-1"}},
		{"CreateRouteEntry ECMP", &CreateRouteEntryInput{RegionId: "r", RouteTableId: "vtb-1", DestinationCidrBlock: "192.168.0.0/16",
			NextHopList: []NextHop{{NextHopType: "RouterInterface", NextHopId: "ri-1", Weight: 50}, {NextHopType: "RouterInterface", NextHopId: "ri-2", Weight: 50}}},
			map[string]string{"RegionId": "r", "RouteTableId": "vtb-1", "DestinationCidrBlock": "192.168.0.0/16",
				"NextHopList.1.NextHopType": "RouterInterface", "NextHopList.1.NextHopId": "ri-1", "NextHopList.1.Weight": "50",
				"NextHopList.2.NextHopType": "RouterInterface", "NextHopList.2.NextHopId": "ri-2", "NextHopList.2.Weight": "50"}},
		{"DeleteRouteEntry ECMP", &DeleteRouteEntryInput{RegionId: "r", RouteTableId: "vtb-1", DestinationCidrBlock: "192.168.0.0/16",
			NextHopList: []RouteHop{{NextHopType: "RouterInterface", NextHopId: "ri-1"}, {NextHopType: "RouterInterface", NextHopId: "ri-2"}}},
			map[string]string{"RegionId": "r", "RouteTableId": "vtb-1", "DestinationCidrBlock": "192.168.0.0/16",
				"NextHopList.1.NextHopType": "RouterInterface", "NextHopList.1.NextHopId": "ri-1",
				"NextHopList.2.NextHopType": "RouterInterface", "NextHopList.2.NextHopId": "ri-2"}},
		{"DescribeRouteEntryList list filter", &DescribeRouteEntryListInput{RegionId: "r", RouteTableId: "vtb-1", DestCidrBlockList: []string{"10.0.0.0/8", "172.16.0.0/12"}},
			map[string]string{"RegionId": "r", "RouteTableId": "vtb-1", "DestCidrBlockList.1": "10.0.0.0/8", "DestCidrBlockList.2": "172.16.0.0/12"}},
		{"CreateNatGateway enhanced", &CreateNatGatewayInput{RegionId: "r", VpcId: "vpc-1", VSwitchId: "vsw-1", NatType: "Enhanced", EipBindMode: "NAT", IcmpReplyEnabled: ref(false)},
			map[string]string{"RegionId": "r", "VpcId": "vpc-1", "VSwitchId": "vsw-1", "NatType": "Enhanced", "EipBindMode": "NAT", "IcmpReplyEnabled": "false"}},
		{"DeleteNatGateway force", &DeleteNatGatewayInput{RegionId: "r", NatGatewayId: "ngw-1", Force: true},
			map[string]string{"RegionId": "r", "NatGatewayId": "ngw-1", "Force": "true"}},
		{"DeleteNatGateway no force", &DeleteNatGatewayInput{RegionId: "r", NatGatewayId: "ngw-1"},
			map[string]string{"RegionId": "r", "NatGatewayId": "ngw-1"}},
		{"CreateSnatEntry affinity 0", &CreateSnatEntryInput{RegionId: "r", SnatTableId: "stb-1", SnatIp: "1.1.1.1,2.2.2.2", SourceVSwitchId: "vsw-1", EipAffinity: ref(0)},
			map[string]string{"RegionId": "r", "SnatTableId": "stb-1", "SnatIp": "1.1.1.1,2.2.2.2", "SourceVSwitchId": "vsw-1", "EipAffinity": "0"}},
		{"CreateForwardEntry", &CreateForwardEntryInput{RegionId: "r", ForwardTableId: "ftb-1", ExternalIp: "1.1.1.1", ExternalPort: "80", InternalIp: "10.0.0.5", InternalPort: "8080", IpProtocol: "TCP"},
			map[string]string{"RegionId": "r", "ForwardTableId": "ftb-1", "ExternalIp": "1.1.1.1", "ExternalPort": "80", "InternalIp": "10.0.0.5", "InternalPort": "8080", "IpProtocol": "TCP"}},
		{"CreateVpnGateway IPsec off", &CreateVpnGatewayInput{RegionId: "r", VpcId: "vpc-1", Bandwidth: 10, EnableIpsec: ref(false), EnableSsl: ref(true)},
			map[string]string{"RegionId": "r", "VpcId": "vpc-1", "Bandwidth": "10", "EnableIpsec": "false", "EnableSsl": "true"}},
		{"CreateVpnConnection JSON configs", &CreateVpnConnectionInput{RegionId: "r", VpnGatewayId: "vpn-1", CustomerGatewayId: "cgw-1",
			LocalSubnet: "10.0.0.0/16", RemoteSubnet: "192.168.0.0/16", EffectImmediately: ref(true), EnableDpd: ref(false),
			IkeConfig:   &IkeConfigInput{Psk: "example-psk", IkeVersion: "ikev2", IkeLifetime: 86400},
			IpsecConfig: &IpsecConfigInput{IpsecPfs: "group2"},
			BgpConfig:   &BgpConfigInput{EnableBgp: "true", LocalAsn: "65001", TunnelCidr: "169.254.10.0/30", LocalBgpIp: "169.254.10.1"}},
			map[string]string{"RegionId": "r", "VpnGatewayId": "vpn-1", "CustomerGatewayId": "cgw-1",
				"LocalSubnet": "10.0.0.0/16", "RemoteSubnet": "192.168.0.0/16", "EffectImmediately": "true", "EnableDpd": "false",
				"IkeConfig":   `{"Psk":"example-psk","IkeVersion":"ikev2","IkeLifetime":86400}`,
				"IpsecConfig": `{"IpsecPfs":"group2"}`,
				"BgpConfig":   `{"EnableBgp":"true","LocalAsn":"65001","TunnelCidr":"169.254.10.0/30","LocalBgpIp":"169.254.10.1"}`}},
		{"ModifyVpnConnectionAttribute without configs", &ModifyVpnConnectionAttributeInput{RegionId: "r", VpnConnectionId: "vco-1", Name: "n"},
			map[string]string{"RegionId": "r", "VpnConnectionId": "vco-1", "Name": "n"}},
		{"CreateCustomerGateway plural Tags", &CreateCustomerGatewayInput{RegionId: "r", IpAddress: "3.3.3.3", Asn: "65002", Tags: []model.Tag{{Key: "k", Value: "v"}}},
			map[string]string{"RegionId": "r", "IpAddress": "3.3.3.3", "Asn": "65002", "Tags.1.Key": "k", "Tags.1.Value": "v"}},
		{"CreateVirtualBorderRouter VLAN 0", &CreateVirtualBorderRouterInput{RegionId: "r", PhysicalConnectionId: "pc-1", VlanId: 0,
			LocalGatewayIp: "10.1.1.1", PeerGatewayIp: "10.1.1.2", PeeringSubnetMask: "255.255.255.252", VbrOwnerId: 1234567890123456},
			map[string]string{"RegionId": "r", "PhysicalConnectionId": "pc-1", "VlanId": "0",
				"LocalGatewayIp": "10.1.1.1", "PeerGatewayIp": "10.1.1.2", "PeeringSubnetMask": "255.255.255.252", "VbrOwnerId": "1234567890123456"}},
		{"ModifyVirtualBorderRouterAttribute VLAN unset", &ModifyVirtualBorderRouterAttributeInput{RegionId: "r", VbrId: "vbr-1", Name: "n"},
			map[string]string{"RegionId": "r", "VbrId": "vbr-1", "Name": "n"}},
		{"ModifyVirtualBorderRouterAttribute VLAN 0", &ModifyVirtualBorderRouterAttributeInput{RegionId: "r", VbrId: "vbr-1", VlanId: ref(0)},
			map[string]string{"RegionId": "r", "VbrId": "vbr-1", "VlanId": "0"}},
		{"DescribeVirtualBorderRouters filters", &DescribeVirtualBorderRoutersInput{RegionId: "r",
			Filter:                 []Filter{{Key: "VbrId", Value: []string{"vbr-1", "vbr-2"}}, {Key: "Status", Value: []string{"active"}}},
			IncludeCrossAccountVbr: ref(true), Tags: []model.Tag{{Key: "k", Value: "v"}}},
			map[string]string{"RegionId": "r",
				"Filter.1.Key": "VbrId", "Filter.1.Value.1": "vbr-1", "Filter.1.Value.2": "vbr-2",
				"Filter.2.Key": "Status", "Filter.2.Value.1": "active",
				"IncludeCrossAccountVbr": "true", "Tags.1.Key": "k", "Tags.1.Value": "v"}},
		{"CreateBgpGroup", &CreateBgpGroupInput{RegionId: "r", RouterId: "vbr-1", PeerAsn: 65001, IsFakeAsn: ref(false), AuthKey: "example-key"},
			map[string]string{"RegionId": "r", "RouterId": "vbr-1", "PeerAsn": "65001", "IsFakeAsn": "false", "AuthKey": "example-key"}},
		{"CreateBgpPeer BFD", &CreateBgpPeerInput{RegionId: "r", BgpGroupId: "bgpg-1", PeerIpAddress: "10.1.1.2", EnableBfd: ref(true), BfdMultiHop: 3},
			map[string]string{"RegionId": "r", "BgpGroupId": "bgpg-1", "PeerIpAddress": "10.1.1.2", "EnableBfd": "true", "BfdMultiHop": "3"}},
		{"AddBgpNetwork", &AddBgpNetworkInput{RegionId: "r", RouterId: "vbr-1", DstCidrBlock: "10.0.0.0/16", VpcId: "vpc-1"},
			map[string]string{"RegionId": "r", "RouterId": "vbr-1", "DstCidrBlock": "10.0.0.0/16", "VpcId": "vpc-1"}},
		{"CreateFlowLog traffic paths", &CreateFlowLogInput{RegionId: "r", VpcFlowLogInput: model.VpcFlowLogInput{ResourceType: "VPC", ResourceId: "vpc-1", TrafficType: "All",
			ProjectName: "p", LogStoreName: "l"}, AggregationInterval: 10, TrafficPath: []string{"all", "internetGateway"}},
			map[string]string{"RegionId": "r", "ResourceType": "VPC", "ResourceId": "vpc-1", "TrafficType": "All",
				"ProjectName": "p", "LogStoreName": "l", "AggregationInterval": "10", "TrafficPath.1": "all", "TrafficPath.2": "internetGateway"}},
		{"CreateSagFlowLog", &CreateSagFlowLogInput{RegionId: "cn-shanghai", SagFlowLogInput: model.SagFlowLogInput{Name: "sag-fl", OutputType: "all", ActiveAging: 300, InactiveAging: 15,
			SlsRegionId: "cn-shanghai", ProjectName: "p", LogstoreName: "l", NetflowServerIp: "192.168.0.2", NetflowServerPort: 9995, NetflowVersion: "V9"}},
			map[string]string{"RegionId": "cn-shanghai", "Name": "sag-fl", "OutputType": "all", "ActiveAging": "300", "InactiveAging": "15",
				"SlsRegionId": "cn-shanghai", "ProjectName": "p", "LogstoreName": "l", "NetflowServerIp": "192.168.0.2", "NetflowServerPort": "9995", "NetflowVersion": "V9"}},
		{"CreateVpcPeerConnection", &CreateVpcPeerConnectionInput{RegionId: "cn-hangzhou", VpcId: "vpc-a", AcceptingAliUid: 1210123456123456,
			AcceptingRegionId: "cn-shanghai", AcceptingVpcId: "vpc-b", Bandwidth: 100, LinkType: "Gold", DryRun: true,
			Tag: []model.Tag{{Key: "FinanceDept", Value: "FinanceJoshua"}}},
			map[string]string{"RegionId": "cn-hangzhou", "VpcId": "vpc-a", "AcceptingAliUid": "1210123456123456",
				"AcceptingRegionId": "cn-shanghai", "AcceptingVpcId": "vpc-b", "Bandwidth": "100", "LinkType": "Gold", "DryRun": "true",
				"Tag.1.Key": "FinanceDept", "Tag.1.Value": "FinanceJoshua"}},
		{"ListVpcPeerConnections VpcId JSON array", &ListVpcPeerConnectionsInput{RegionId: "r", VpcId: []string{"vpc-a", "vpc-b"}},
			map[string]string{"RegionId": "r", "VpcId": `["vpc-a","vpc-b"]`}},
		{"ListVpcPeerConnections no VpcId", &ListVpcPeerConnectionsInput{RegionId: "r", Name: "n"},
			map[string]string{"RegionId": "r", "Name": "n"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, err := EncodeParams(tc.in)
			if err != nil {
				t.Fatal(err)
			}
			if !sameParams(got, tc.want) {
				// Redacted: the inputs carry example keys.
				t.Errorf("\n got %s\nwant %s", showParams(RedactParams(got)), showParams(RedactParams(tc.want)))
			}
		})
	}
}

func sameParams(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return false
		}
	}
	return true
}

func showParams(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		fmt.Fprintf(&b, "%s=%q ", k, m[k])
	}
	return b.String()
}

// seen is what the fake API saw of one call.
type seen struct {
	action, version string
	params          map[string]string
}

// recordingAPI answers every call with reply(action, params) and records
// the calls in order.
func recordingAPI(t *testing.T, reply func(action string, p map[string]string) map[string]any) (*fakeAPI, func() []seen) {
	var mu sync.Mutex
	var calls []seen
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		mu.Lock()
		calls = append(calls, seen{action: action, version: r.Header.Get("x-acs-version"), params: p})
		mu.Unlock()
		body := reply(action, p)
		if body == nil {
			return false
		}
		ok(w, body)
		return true
	})
	return f, func() []seen {
		mu.Lock()
		defer mu.Unlock()
		return append([]seen(nil), calls...)
	}
}

// TestTypedCreatesSendProductVersionAndToken checks, for each product, that
// a typed create reaches the right Action and Version, carries a fresh
// ClientToken that is also stored in the input (so a resubmission reuses
// it), and decodes the answer.
func TestTypedCreatesSendProductVersionAndToken(t *testing.T) {
	f, calls := recordingAPI(t, func(action string, p map[string]string) map[string]any {
		switch action {
		case "CreateVpc":
			return map[string]any{"VpcId": "vpc-new", "VRouterId": "vrt-new", "RouteTableId": "vtb-new", "ResourceGroupId": "rg-1"}
		case "CreateVpcPeerConnection":
			return map[string]any{"InstanceId": "pcc-new"}
		case "CreateFlowLog":
			return map[string]any{"FlowLogId": "fl-new", "ResourceGroupId": "rg-2"}
		}
		return nil
	})
	c := testClient(t, f, nil)
	ctx := context.Background()

	vpcIn := &CreateVpcInput{RegionId: "cn-shanghai", CidrBlock: "10.0.0.0/8", VpcName: "prod"}
	vpc, err := CreateVpc.Call(ctx, c, vpcIn)
	if err != nil {
		t.Fatal(err)
	}
	if vpc.VpcId != "vpc-new" || vpc.VRouterId != "vrt-new" || vpc.RouteTableId != "vtb-new" || vpc.ResourceGroupId != "rg-1" || vpc.RequestId != "RID-OK" {
		t.Errorf("CreateVpc decoded %+v", vpc)
	}
	peerIn := &CreateVpcPeerConnectionInput{RegionId: "cn-hangzhou", VpcId: "vpc-a", AcceptingAliUid: 1210123456123456, AcceptingRegionId: "cn-hangzhou", AcceptingVpcId: "vpc-b"}
	peer, err := CreateVpcPeerConnection.Call(ctx, c, peerIn)
	if err != nil {
		t.Fatal(err)
	}
	if peer.InstanceId != "pcc-new" {
		t.Errorf("CreateVpcPeerConnection decoded %+v", peer)
	}
	sagIn := &CreateSagFlowLogInput{RegionId: "cn-shanghai", SagFlowLogInput: model.SagFlowLogInput{OutputType: "sls", SlsRegionId: "cn-shanghai", ProjectName: "p", LogstoreName: "l"}}
	sag, err := CreateSagFlowLog.Call(ctx, c, sagIn)
	if err != nil {
		t.Fatal(err)
	}
	if sag.FlowLogId != "fl-new" || sag.ResourceGroupId != "rg-2" {
		t.Errorf("CreateSagFlowLog decoded %+v", sag)
	}

	got := calls()
	want := []struct {
		action, version, region, token string
	}{
		{"CreateVpc", "2016-04-28", "cn-shanghai", vpcIn.ClientToken},
		{"CreateVpcPeerConnection", "2022-01-01", "cn-hangzhou", peerIn.ClientToken},
		{"CreateFlowLog", "2018-03-13", "cn-shanghai", ""},
	}
	if len(got) != len(want) {
		t.Fatalf("%d calls, want %d", len(got), len(want))
	}
	for i, w := range want {
		g := got[i]
		if g.action != w.action || g.version != w.version || g.params["RegionId"] != w.region {
			t.Errorf("call %d: %s %s region %q, want %s %s region %q", i, g.action, g.version, g.params["RegionId"], w.action, w.version, w.region)
		}
		if g.params["ClientToken"] != w.token {
			t.Errorf("call %d (%s): ClientToken %q, input holds %q", i, g.action, g.params["ClientToken"], w.token)
		}
	}
	// Both products that document ClientToken got a fresh one each.
	if vpcIn.ClientToken == "" || peerIn.ClientToken == "" || vpcIn.ClientToken == peerIn.ClientToken {
		t.Errorf("ClientTokens not fresh per call: %q %q", vpcIn.ClientToken, peerIn.ClientToken)
	}
	if got[0].params["CidrBlock"] != "10.0.0.0/8" || got[0].params["VpcName"] != "prod" {
		t.Errorf("CreateVpc params %v", got[0].params)
	}
	if got[1].params["AcceptingAliUid"] != "1210123456123456" {
		t.Errorf("CreateVpcPeerConnection params %v", got[1].params)
	}
}

// TestResubmittedInputReusesToken: a retried form submission must not
// create a second resource, so the same input keeps its ClientToken, and a
// caller's own token is sent unchanged.
func TestResubmittedInputReusesToken(t *testing.T) {
	f, calls := recordingAPI(t, func(action string, p map[string]string) map[string]any {
		return map[string]any{"VSwitchId": "vsw-new"}
	})
	c := testClient(t, f, nil)
	in := &CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: "vpc-1", ZoneId: "cn-hangzhou-b", CidrBlock: "10.0.1.0/24"}
	for i := 0; i < 2; i++ {
		if _, err := CreateVSwitch.Call(context.Background(), c, in); err != nil {
			t.Fatal(err)
		}
	}
	mine := &CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: "vpc-1", ZoneId: "cn-hangzhou-b", CidrBlock: "10.0.2.0/24", ClientToken: "form-42"}
	if _, err := CreateVSwitch.Call(context.Background(), c, mine); err != nil {
		t.Fatal(err)
	}
	got := calls()
	if len(got) != 3 {
		t.Fatalf("%d calls", len(got))
	}
	if got[0].params["ClientToken"] == "" || got[0].params["ClientToken"] != got[1].params["ClientToken"] {
		t.Errorf("resubmission tokens %q and %q differ", got[0].params["ClientToken"], got[1].params["ClientToken"])
	}
	if got[2].params["ClientToken"] != "form-42" {
		t.Errorf("caller token became %q", got[2].params["ClientToken"])
	}
}

// TestTypedListPagesThroughEverything: a typed list helper walks every page
// with its filter on each page and the input's region.
func TestTypedListPagesThroughEverything(t *testing.T) {
	const n = 120
	f, calls := recordingAPI(t, func(action string, p map[string]string) map[string]any {
		if action != "DescribeVSwitches" {
			return nil
		}
		page, _ := strconv.Atoi(p["PageNumber"])
		size, _ := strconv.Atoi(p["PageSize"])
		var items []map[string]any
		for i := (page - 1) * size; i < page*size && i < n; i++ {
			items = append(items, map[string]any{"VSwitchId": fmt.Sprintf("vsw-%03d", i), "VpcId": p["VpcId"], "Status": "Available"})
		}
		return map[string]any{"TotalCount": n, "PageNumber": page, "PageSize": size, "VSwitches": map[string]any{"VSwitch": items}}
	})
	c := testClient(t, f, nil)
	vsws, err := DescribeVSwitches.Call(context.Background(), c, &DescribeVSwitchesInput{RegionId: "cn-shanghai", VpcId: "vpc-1"})
	if err != nil {
		t.Fatal(err)
	}
	if len(vsws) != n {
		t.Fatalf("got %d VSwitches, want %d", len(vsws), n)
	}
	for i, v := range vsws {
		if v.VSwitchId != fmt.Sprintf("vsw-%03d", i) || v.VpcId != "vpc-1" {
			t.Fatalf("item %d is %+v", i, v)
		}
	}
	got := calls()
	if len(got) != 3 {
		t.Fatalf("%d pages requested, want 3 (page size 50)", len(got))
	}
	for i, g := range got {
		if g.params["PageNumber"] != strconv.Itoa(i+1) || g.params["VpcId"] != "vpc-1" || g.params["RegionId"] != "cn-shanghai" {
			t.Errorf("page call %d params %v", i, g.params)
		}
	}
}

// TestTypedListNextTokenAcrossProducts: ListVpcPeerConnections pages by
// NextToken on VpcPeer 2022-01-01 and sends VpcId as JSON on every page.
func TestTypedListNextTokenAcrossProducts(t *testing.T) {
	pages := map[string]struct {
		ids  []string
		next string
	}{
		"":   {[]string{"pcc-1", "pcc-2"}, "t1"},
		"t1": {[]string{"pcc-3"}, "t2"},
		"t2": {[]string{"pcc-4"}, ""},
	}
	f, calls := recordingAPI(t, func(action string, p map[string]string) map[string]any {
		pg, found := pages[p["NextToken"]]
		if action != "ListVpcPeerConnections" || !found {
			return nil
		}
		items := make([]map[string]any, len(pg.ids))
		for i, id := range pg.ids {
			items[i] = map[string]any{"InstanceId": id, "Status": "Activated", "Vpc": map[string]any{"VpcId": "vpc-a"}}
		}
		return map[string]any{"VpcPeerConnects": items, "NextToken": pg.next}
	})
	c := testClient(t, f, nil)
	peers, err := ListVpcPeerConnections.Call(context.Background(), c, &ListVpcPeerConnectionsInput{RegionId: "cn-hangzhou", VpcId: []string{"vpc-a"}})
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, p := range peers {
		ids = append(ids, p.InstanceId)
	}
	if strings.Join(ids, ",") != "pcc-1,pcc-2,pcc-3,pcc-4" {
		t.Errorf("got %v", ids)
	}
	got := calls()
	if len(got) != 3 {
		t.Fatalf("%d calls, want 3", len(got))
	}
	for _, g := range got {
		if g.version != "2022-01-01" || g.params["VpcId"] != `["vpc-a"]` || g.params["MaxResults"] == "" {
			t.Errorf("call %s %s params %v", g.action, g.version, g.params)
		}
	}
}

// listBody builds a one-item answer at a kind's list path.
func listBody(path string) map[string]any {
	parts := strings.Split(path, ".")
	var v any = []any{map[string]any{}}
	for i := len(parts) - 1; i >= 1; i-- {
		v = map[string]any{parts[i]: v}
	}
	return map[string]any{parts[0]: v}
}

// TestEveryListHelperDecodesItsKind runs every typed list helper once: each
// must reach its kind's action on the right product and decode into its
// type (a kind/type mismatch is an error at run time).
func TestEveryListHelperDecodesItsKind(t *testing.T) {
	var mu sync.Mutex
	var reached []string
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		sent := action
		for _, pr := range model.Products() {
			if pr.Version() == r.Header.Get("x-acs-version") {
				sent = string(pr) + "/" + action
			}
		}
		mu.Lock()
		reached = append(reached, sent)
		mu.Unlock()
		for _, k := range model.Default().Kinds() {
			if !k.IsUnion() && k.List.Action == action && k.List.Product.Version() == r.Header.Get("x-acs-version") {
				ok(w, listBody(k.List.Path))
				return true
			}
		}
		return false
	})
	c := testClient(t, f, nil)
	ctx := context.Background()
	helpers := []struct {
		action string
		call   func() (int, error)
	}{
		{"DescribeRegions", func() (int, error) { return lenOf(DescribeRegions.Call(ctx, c, &DescribeRegionsInput{})) }},
		{"DescribeZones", func() (int, error) {
			return lenOf(DescribeZones.Call(ctx, c, &DescribeZonesInput{RegionId: "cn-hangzhou"}))
		}},
		{"DescribeVpcs", func() (int, error) { return lenOf(DescribeVpcs.Call(ctx, c, &DescribeVpcsInput{})) }},
		{"DescribeVSwitches", func() (int, error) { return lenOf(DescribeVSwitches.Call(ctx, c, &DescribeVSwitchesInput{})) }},
		{"DescribeVRouters", func() (int, error) { return lenOf(DescribeVRouters.Call(ctx, c, &DescribeVRoutersInput{})) }},
		{"DescribeRouteTableList", func() (int, error) { return lenOf(DescribeRouteTableList.Call(ctx, c, &DescribeRouteTableListInput{})) }},
		{"DescribeRouteEntryList", func() (int, error) {
			return lenOf(DescribeRouteEntryList.Call(ctx, c, &DescribeRouteEntryListInput{RouteTableId: "vtb-1"}))
		}},
		{"DescribeNatGateways", func() (int, error) { return lenOf(DescribeNatGateways.Call(ctx, c, &DescribeNatGatewaysInput{})) }},
		{"DescribeSnatTableEntries", func() (int, error) {
			return lenOf(DescribeSnatTableEntries.Call(ctx, c, &DescribeSnatTableEntriesInput{SnatTableId: "stb-1"}))
		}},
		{"DescribeForwardTableEntries", func() (int, error) {
			return lenOf(DescribeForwardTableEntries.Call(ctx, c, &DescribeForwardTableEntriesInput{ForwardTableId: "ftb-1"}))
		}},
		{"DescribeEipAddresses", func() (int, error) { return lenOf(DescribeEipAddresses.Call(ctx, c, &DescribeEipAddressesInput{})) }},
		{"DescribeHaVips", func() (int, error) { return lenOf(DescribeHaVips.Call(ctx, c, &DescribeHaVipsInput{})) }},
		{"DescribeVpnGateways", func() (int, error) { return lenOf(DescribeVpnGateways.Call(ctx, c, &DescribeVpnGatewaysInput{})) }},
		{"DescribeCustomerGateways", func() (int, error) {
			return lenOf(DescribeCustomerGateways.Call(ctx, c, &DescribeCustomerGatewaysInput{}))
		}},
		{"DescribeVpnConnections", func() (int, error) { return lenOf(DescribeVpnConnections.Call(ctx, c, &DescribeVpnConnectionsInput{})) }},
		{"DescribeVirtualBorderRouters", func() (int, error) {
			return lenOf(DescribeVirtualBorderRouters.Call(ctx, c, &DescribeVirtualBorderRoutersInput{}))
		}},
		{"DescribePhysicalConnections", func() (int, error) {
			return lenOf(DescribePhysicalConnections.Call(ctx, c, &DescribePhysicalConnectionsInput{}))
		}},
		{"DescribeBgpGroups", func() (int, error) { return lenOf(DescribeBgpGroups.Call(ctx, c, &DescribeBgpGroupsInput{})) }},
		{"DescribeBgpPeers", func() (int, error) { return lenOf(DescribeBgpPeers.Call(ctx, c, &DescribeBgpPeersInput{})) }},
		{"DescribeBgpNetworks", func() (int, error) { return lenOf(DescribeBgpNetworks.Call(ctx, c, &DescribeBgpNetworksInput{})) }},
		{"DescribeFlowLogs", func() (int, error) { return lenOf(DescribeFlowLogs.Call(ctx, c, &DescribeFlowLogsInput{})) }},
		{"DescribeSagFlowLogs", func() (int, error) { return lenOf(DescribeSagFlowLogs.Call(ctx, c, &DescribeSagFlowLogsInput{})) }},
		{"ListVpcPeerConnections", func() (int, error) { return lenOf(ListVpcPeerConnections.Call(ctx, c, &ListVpcPeerConnectionsInput{})) }},
		{"DescribeAccessPoints", func() (int, error) { return lenOf(DescribeAccessPoints.Call(ctx, c, &DescribeAccessPointsInput{})) }},
		{"DescribeBandwidthPackages", func() (int, error) {
			return lenOf(DescribeBandwidthPackages.Call(ctx, c, &DescribeBandwidthPackagesInput{}))
		}},
		{"DescribeCommonBandwidthPackages", func() (int, error) {
			return lenOf(DescribeCommonBandwidthPackages.Call(ctx, c, &DescribeCommonBandwidthPackagesInput{}))
		}},
		{"DescribeGlobalAccelerationInstances", func() (int, error) {
			return lenOf(DescribeGlobalAccelerationInstances.Call(ctx, c, &DescribeGlobalAccelerationInstancesInput{}))
		}},
		{"DescribeIpv6Addresses", func() (int, error) { return lenOf(DescribeIpv6Addresses.Call(ctx, c, &DescribeIpv6AddressesInput{})) }},
		{"DescribeIpv6EgressOnlyRules", func() (int, error) {
			return lenOf(DescribeIpv6EgressOnlyRules.Call(ctx, c, &DescribeIpv6EgressOnlyRulesInput{}))
		}},
		{"DescribeIpv6Gateways", func() (int, error) { return lenOf(DescribeIpv6Gateways.Call(ctx, c, &DescribeIpv6GatewaysInput{})) }},
		{"DescribeRouterInterfaces", func() (int, error) {
			return lenOf(DescribeRouterInterfaces.Call(ctx, c, &DescribeRouterInterfacesInput{}))
		}},
		{"DescribeSslVpnClientCerts", func() (int, error) { return lenOf(DescribeSslVpnClientCerts.Call(ctx, c, &DescribeSslVpnInput{})) }},
		{"DescribeSslVpnServers", func() (int, error) { return lenOf(DescribeSslVpnServers.Call(ctx, c, &DescribeSslVpnInput{})) }},
		{"DescribeVirtualBorderRoutersForPhysicalConnection", func() (int, error) {
			return lenOf(DescribeVirtualBorderRoutersForPhysicalConnection.Call(ctx, c, &DescribeVirtualBorderRoutersForPhysicalConnectionInput{}))
		}},
	}
	// The helpers whose call is not VPC's action of their own name.
	otherProduct := map[string]string{
		"DescribeSagFlowLogs":    "smartag/DescribeFlowLogs",
		"ListVpcPeerConnections": "vpcpeer/ListVpcPeerConnections",
	}
	for _, h := range helpers {
		mu.Lock()
		reached = nil
		mu.Unlock()
		n, err := h.call()
		if err != nil || n != 1 {
			t.Errorf("%s: %d items, err %v; want 1 item", h.action, n, err)
		}
		want := "vpc/" + h.action
		if w, ok := otherProduct[h.action]; ok {
			want = w
		}
		mu.Lock()
		if len(reached) != 1 || reached[0] != want {
			t.Errorf("%s: the helper called %q, want exactly one %s", h.action, reached, want)
		}
		mu.Unlock()
	}
}

func lenOf[T any](v []*T, err error) (int, error) { return len(v), err }

// TestDescribeOne: attribute calls return the typed resource, and an answer
// without an ID (how they answer for a deleted resource) is a NotFoundError
// naming the ID.
func TestDescribeOne(t *testing.T) {
	gone := map[string]bool{"vpc-gone": true, "pcc-gone": true}
	f, calls := recordingAPI(t, func(action string, p map[string]string) map[string]any {
		switch action {
		case "DescribeVpcAttribute":
			if gone[p["VpcId"]] {
				return map[string]any{}
			}
			return map[string]any{"VpcId": p["VpcId"], "Status": "Available", "CidrBlock": "10.0.0.0/8",
				"CloudResources": map[string]any{"CloudResourceSetType": []any{map[string]any{"ResourceType": "VSwitch", "ResourceCount": 2}}}}
		case "GetVpcPeerConnectionAttribute":
			if gone[p["InstanceId"]] {
				return map[string]any{}
			}
			return map[string]any{"InstanceId": p["InstanceId"], "Status": "Accepting", "AcceptingOwnerUid": 1210123456123456, "Bandwidth": -1}
		case "DownloadVpnConnectionConfig":
			return map[string]any{"VpnConnectionConfig": map[string]any{"Local": "1.1.1.1", "Remote": "2.2.2.2",
				"IkeConfig": map[string]any{"IkeVersion": "ikev2", "IkeLifetime": 86400}, "IpsecConfig": map[string]any{"IpsecPfs": "group2"}}}
		}
		return nil
	})
	c := testClient(t, f, nil)
	ctx := context.Background()

	vpc, err := DescribeVpcAttribute.Call(ctx, c, &DescribeVpcAttributeInput{RegionId: "cn-hangzhou", VpcId: "vpc-1"})
	if err != nil {
		t.Fatal(err)
	}
	if vpc.VpcId != "vpc-1" || vpc.Status != "Available" || len(vpc.CloudResources.CloudResourceSetType) != 1 {
		t.Errorf("DescribeVpcAttribute decoded %+v", vpc)
	}
	_, err = DescribeVpcAttribute.Call(ctx, c, &DescribeVpcAttributeInput{RegionId: "cn-hangzhou", VpcId: "vpc-gone"})
	var nf *NotFoundError
	if !errors.As(err, &nf) || nf.ID != "vpc-gone" || !strings.Contains(err.Error(), "vpc-gone") {
		t.Errorf("gone VPC: err %v", err)
	}

	peer, err := GetVpcPeerConnectionAttribute.Call(ctx, c, &GetVpcPeerConnectionAttributeInput{RegionId: "cn-hangzhou", InstanceId: "pcc-1"})
	if err != nil {
		t.Fatal(err)
	}
	if peer.InstanceId != "pcc-1" || peer.AcceptingOwnerUid != 1210123456123456 || peer.BandwidthText() != "unlimited" {
		t.Errorf("GetVpcPeerConnectionAttribute decoded %+v", peer)
	}
	if _, err := GetVpcPeerConnectionAttribute.Call(ctx, c, &GetVpcPeerConnectionAttributeInput{InstanceId: "pcc-gone"}); !errors.As(err, &nf) {
		t.Errorf("gone peering: err %v", err)
	}

	cfg, err := DownloadVpnConnectionConfig.Call(ctx, c, &VpnConnectionInput{RegionId: "cn-hangzhou", VpnConnectionId: "vco-1"})
	if err != nil {
		t.Fatal(err)
	}
	if cfg.VpnConnectionConfig.IkeConfig.IkeVersion != "ikev2" || cfg.VpnConnectionConfig.IpsecConfig.IpsecPfs != "group2" || cfg.VpnConnectionConfig.Local != "1.1.1.1" {
		t.Errorf("DownloadVpnConnectionConfig decoded %+v", cfg.VpnConnectionConfig)
	}
	for _, g := range calls() {
		want := "2016-04-28"
		if g.action == "GetVpcPeerConnectionAttribute" {
			want = "2022-01-01"
		}
		if g.version != want {
			t.Errorf("%s went to version %s", g.action, g.version)
		}
	}
}

// TestNilInputsDoNotPanic: a nil input is a call without parameters, which
// the API refuses; it must not crash the console.
func TestNilInputsDoNotPanic(t *testing.T) {
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		writeJSON(w, 400, map[string]string{"RequestId": "RID-MP", "Code": "MissingParameter", "Message": "Miss mandatory parameter."})
		return true
	})
	c := testClient(t, f, nil)
	ctx := context.Background()
	if _, err := CreateVpc.Call(ctx, c, nil); ErrorCode(err) != "MissingParameter" {
		t.Errorf("CreateVpc(nil): %v", err)
	}
	if _, err := DescribeVSwitches.Call(ctx, c, nil); ErrorCode(err) != "MissingParameter" {
		t.Errorf("DescribeVSwitches(nil): %v", err)
	}
	if _, err := DescribeVpnGateway.Call(ctx, c, nil); ErrorCode(err) != "MissingParameter" {
		t.Errorf("DescribeVpnGateway(nil): %v", err)
	}
}

// TestJSONParamsStayOutOfDebugLog: the PSK inside IkeConfig is a secret; the
// debug log must mask it even though it travels inside a JSON value.
func TestJSONParamsStayOutOfDebugLog(t *testing.T) {
	f, _ := recordingAPI(t, func(action string, p map[string]string) map[string]any {
		var ike map[string]any
		if json.Unmarshal([]byte(p["IkeConfig"]), &ike) != nil || ike["Psk"] != "psk-must-not-leak" {
			return nil // the API must receive the real key
		}
		return map[string]any{"VpnConnectionId": "vco-new"}
	})
	var log strings.Builder
	c := testClient(t, f, func(cfg *Config) { cfg.DebugLog = &syncWriter{b: &log} })
	out, err := CreateVpnConnection.Call(context.Background(), c, &CreateVpnConnectionInput{RegionId: "cn-hangzhou", VpnGatewayId: "vpn-1",
		CustomerGatewayId: "cgw-1", LocalSubnet: "10.0.0.0/16", RemoteSubnet: "192.168.0.0/16",
		IkeConfig: &IkeConfigInput{Psk: "psk-must-not-leak", IkeVersion: "ikev2"}})
	if err != nil {
		t.Fatal(err)
	}
	if out.VpnConnectionId != "vco-new" {
		t.Errorf("decoded %+v", out)
	}
	if strings.Contains(log.String(), "psk-must-not-leak") || !strings.Contains(log.String(), "CreateVpnConnection") {
		t.Error("the debug log shows the pre-shared key, or logged nothing")
	}
}

type syncWriter struct {
	mu sync.Mutex
	b  *strings.Builder
}

func (w *syncWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	return w.b.Write(p)
}

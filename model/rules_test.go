package model

import (
	"strings"
	"testing"
)

func TestNameRule(t *testing.T) {
	ok := []string{"", "ab", "prod-core", "vpc_1.a", "生产网络", "a" + string(make([]byte, 0)) + "b"}
	for _, s := range ok {
		if err := DefaultName.Check(s); err != nil {
			t.Errorf("%q rejected: %v", s, err)
		}
	}
	bad := []string{"a", "1vpc", "-vpc", "http://x", "https://vpc", "has space", "semi;colon", string(make([]rune, 0)) + "x" + string(repeat('a', 128))}
	for _, s := range bad {
		if err := DefaultName.Check(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
	if err := VpnGatewayName.Check("vpn.gw"); err == nil {
		t.Error("VPN gateway names may not contain '.'")
	}
	if err := VpnGatewayName.Check("v" + string(repeat('a', 100))); err == nil {
		t.Error("VPN gateway names are at most 100 characters")
	}
}

func repeat(c rune, n int) []rune {
	r := make([]rune, n)
	for i := range r {
		r[i] = c
	}
	return r
}

func TestDescription(t *testing.T) {
	for _, s := range []string{"", "My VPC for prod", "生产"} {
		if err := CheckDescription(s); err != nil {
			t.Errorf("%q rejected: %v", s, err)
		}
	}
	for _, s := range []string{"x", "1abc", "http://abc", " leading", string(append([]rune{'a'}, repeat('b', 256)...))} {
		if err := CheckDescription(s); err == nil {
			t.Errorf("%q accepted", s)
		}
	}
}

func TestVpcCIDR(t *testing.T) {
	for _, s := range []string{"10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "10.1.0.0/16", "192.168.10.0/24"} {
		if _, err := CheckVpcCIDR(s); err != nil {
			t.Errorf("%s rejected: %v", s, err)
		}
	}
	for _, s := range []string{"11.0.0.0/8", "10.0.0.0/7", "192.168.1.0/25", "172.32.0.0/16", "10.0.0.1/8", "garbage", "fd00::/8"} {
		if _, err := CheckVpcCIDR(s); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
}

func TestVSwitchCIDR(t *testing.T) {
	sib := []string{"10.0.0.0/24", "10.0.1.0/24"}
	if _, err := CheckVSwitchCIDR("10.0.2.0/24", "10.0.0.0/16", sib); err != nil {
		t.Error(err)
	}
	for _, s := range []string{"10.0.0.128/25", "10.1.0.0/24", "10.0.0.0/15", "10.0.2.0/30", "10.0.0.0/16"} {
		if _, err := CheckVSwitchCIDR(s, "10.0.0.0/16", sib); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
}

func TestNextFreeBlock(t *testing.T) {
	cases := []struct {
		vpc  string
		used []string
		bits int
		want string
	}{
		{"10.0.0.0/16", nil, 24, "10.0.0.0/24"},
		{"10.0.0.0/16", []string{"10.0.0.0/24", "10.0.1.0/24"}, 24, "10.0.2.0/24"},
		{"10.0.0.0/16", []string{"10.0.0.0/17"}, 24, "10.0.128.0/24"},
		{"10.0.0.0/16", []string{"10.0.0.0/16"}, 24, ""},
		{"192.168.0.0/24", []string{"192.168.0.0/26"}, 25, "192.168.0.128/25"},
		{"10.0.0.0/16", []string{"10.0.1.0/24"}, 23, "10.0.2.0/23"},
	}
	for _, c := range cases {
		if got := NextFreeBlock(c.vpc, c.used, c.bits); got != c.want {
			t.Errorf("NextFreeBlock(%s, %v, /%d) = %q, want %q", c.vpc, c.used, c.bits, got, c.want)
		}
	}
}

func TestRouteDestination(t *testing.T) {
	vsw := []string{"10.0.1.0/24"}
	if p, err := CheckRouteDestination("8.8.8.8", vsw); err != nil || p.String() != "8.8.8.8/32" {
		t.Errorf("bare IP: %v %v", p, err)
	}
	for _, s := range []string{"100.64.1.0/24", "10.0.1.0/25", "10.0.0.0/16", "0.0.0.0/33"} {
		if _, err := CheckRouteDestination(s, vsw); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
	if _, err := CheckRouteDestination("0.0.0.0/0", vsw); err != nil {
		t.Errorf("the default route must be allowed: %v", err)
	}
}

func TestNatSpec(t *testing.T) {
	for _, s := range []string{"Small", "small", "Middle", "Large", "XLarge.1", ""} {
		if err := CheckNatSpec(s, true); err != nil {
			t.Errorf("create %q: %v", s, err)
		}
	}
	for _, s := range []string{"Huge", "XLarge"} {
		if err := CheckNatSpec(s, true); err == nil {
			t.Errorf("create %q accepted", s)
		}
	}
	// ModifyNatGatewaySpec has no XLarge.1 and needs a value.
	for _, s := range []string{"XLarge.1", ""} {
		if err := CheckNatSpec(s, false); err == nil {
			t.Errorf("modify %q accepted", s)
		}
	}
}

func TestForwardPorts(t *testing.T) {
	ok := [][3]string{{"TCP", "8080", "80"}, {"udp", "1", "65535"}, {"Any", "Any", "Any"}, {"any", "any", "any"}}
	for _, c := range ok {
		if err := CheckForwardPorts(c[0], c[1], c[2]); err != nil {
			t.Errorf("%v rejected: %v", c, err)
		}
	}
	bad := [][3]string{{"TCP", "0", "80"}, {"TCP", "80", "65536"}, {"TCP", "Any", "80"}, {"Any", "80", "80"}, {"ICMP", "1", "1"}, {"UDP", "http", "80"}}
	for _, c := range bad {
		if err := CheckForwardPorts(c[0], c[1], c[2]); err == nil {
			t.Errorf("%v accepted", c)
		}
	}
	if err := CheckForwardIPs("47.98.12.35", "192.168.10.21", "192.168.0.0/16"); err != nil {
		t.Error(err)
	}
	for _, c := range [][3]string{{"47.98.12.35", "10.0.0.1", "192.168.0.0/16"}, {"x", "192.168.1.1", ""}, {"1.2.3.4", "fd00::1", ""}} {
		if err := CheckForwardIPs(c[0], c[1], c[2]); err == nil {
			t.Errorf("%v accepted", c)
		}
	}
}

func TestSnatEntry(t *testing.T) {
	if err := CheckSnatEntry("47.98.12.34,47.98.12.36", "", "vsw-1"); err != nil {
		t.Error(err)
	}
	if err := CheckSnatEntry("47.98.12.34", "10.1.1.0/24", ""); err != nil {
		t.Error(err)
	}
	for _, c := range [][3]string{{"", "", "vsw-1"}, {"47.98.12.34,nope", "", ""}, {"47.98.12.34", "10.1.1.0/24", "vsw-1"}, {"47.98.12.34", "10.1.1.0", ""}} {
		if err := CheckSnatEntry(c[0], c[1], c[2]); err == nil {
			t.Errorf("%v accepted", c)
		}
	}
}

func TestEipAndVpnGatewayValues(t *testing.T) {
	if err := CheckEipBandwidth("5"); err != nil {
		t.Error(err)
	}
	for _, s := range []string{"0", "-1", "1.5", "", "fast"} {
		if err := CheckEipBandwidth(s); err == nil {
			t.Errorf("EIP bandwidth %q accepted", s)
		}
	}
	for _, n := range []int{5, 10, 20, 50, 100} {
		if err := CheckVpnGatewayBandwidth(n); err != nil {
			t.Error(err)
		}
	}
	for _, n := range []int{0, 1, 30, 200} {
		if err := CheckVpnGatewayBandwidth(n); err == nil {
			t.Errorf("VPN bandwidth %d accepted", n)
		}
	}
	for _, n := range []int{1, 9, 12, 24, 36} {
		if err := CheckVpnGatewayPeriod(n); err != nil {
			t.Error(err)
		}
	}
	for _, n := range []int{0, 10, 11, 13, 48} {
		if err := CheckVpnGatewayPeriod(n); err == nil {
			t.Errorf("period %d accepted", n)
		}
	}
}

func TestASN(t *testing.T) {
	cases := map[string]int64{"65001": 65001, "1.10": 65546, "123.456": 8061384, "4294967295": 4294967295}
	for s, want := range cases {
		got, err := ParseASN(s)
		if err != nil || got != want {
			t.Errorf("ParseASN(%q) = %d, %v; want %d", s, got, err, want)
		}
	}
	for _, s := range []string{"", "as65001", "1.70000", "-"} {
		if _, err := ParseASN(s); err == nil {
			t.Errorf("ParseASN(%q) accepted", s)
		}
	}
	for _, n := range []int64{1, 65001, 4294967295} {
		if err := CheckASN(n); err != nil {
			t.Error(err)
		}
	}
	for _, n := range []int64{0, -5, 45104, 4294967296} {
		if err := CheckASN(n); err == nil {
			t.Errorf("peer ASN %d accepted", n)
		}
	}
	for _, n := range []int64{45104, 64512, 65534, 4200000000, 4294967294} {
		if err := CheckLocalASN(n); err != nil {
			t.Error(err)
		}
	}
	for _, n := range []int64{65025, 65001 - 1000, 65535, 4294967295, 1} {
		if err := CheckLocalASN(n); err == nil {
			t.Errorf("local ASN %d accepted", n)
		}
	}
	if err := CheckBgpPeerIP("116.62.222.28"); err != nil {
		t.Error(err)
	}
	if err := CheckBgpPeerIP("2001:db8::1"); err == nil {
		t.Error("IPv6 BGP peer accepted; BGP groups are IPv4 only")
	}
}

func TestCustomerGatewayIP(t *testing.T) {
	for _, s := range []string{"139.32.10.20", "116.62.222.1", "192.168.1.1"} {
		if err := CheckCustomerGatewayIP(s); err != nil {
			t.Errorf("%s rejected: %v", s, err)
		}
	}
	for _, s := range []string{"100.64.0.1", "127.0.0.1", "169.254.1.1", "224.0.0.5", "239.255.255.255", "255.255.255.255", "0.0.0.0", "2001:db8::1", "host"} {
		if err := CheckCustomerGatewayIP(s); err == nil {
			t.Errorf("%s accepted", s)
		}
	}
}

func TestVbrValues(t *testing.T) {
	for _, n := range []int{1, 2999} {
		if err := CheckVlanID(n); err != nil {
			t.Error(err)
		}
	}
	for _, n := range []int{0, 3000} {
		if err := CheckVlanID(n); err == nil {
			t.Errorf("VLAN %d accepted", n)
		}
	}
	ok := [][3]string{
		{"192.168.50.17", "192.168.50.18", "255.255.255.248"},
		{"10.0.0.1", "10.0.0.2", "255.255.255.252"},
		{"10.0.0.1", "10.0.0.200", "255.255.255.0"},
		{"", "", ""},
	}
	for _, c := range ok {
		if err := CheckVbrPeering(c[0], c[1], c[2]); err != nil {
			t.Errorf("%v rejected: %v", c, err)
		}
	}
	bad := [][3]string{
		{"10.0.0.1", "10.0.0.9", "255.255.255.252"}, // different /30s
		{"10.0.0.1", "10.0.0.1", "255.255.255.252"}, // same address
		{"10.0.0.1", "10.0.0.2", "255.255.255.254"}, // /31 is too small
		{"10.0.0.1", "10.0.0.2", "255.255.0.0"},     // /16 is too large
		{"10.0.0.1", "10.0.0.2", "255.0.255.0"},     // not a mask
		{"10.0.0.x", "10.0.0.2", ""},
	}
	for _, c := range bad {
		if err := CheckVbrPeering(c[0], c[1], c[2]); err == nil {
			t.Errorf("%v accepted", c)
		}
	}
}

func TestIpsecConfig(t *testing.T) {
	good := IkeConfig{IkeVersion: "ikev2", IkeMode: "aggressive", IkeEncAlg: "aes256", IkeAuthAlg: "SHA256", IkePfs: "group14",
		IkeLifetime: 86400, Psk: "Str0ng!Key#2024", LocalId: "47.22.1.2", RemoteId: "office.example.com"}
	if err := CheckIkeConfig(good); err != nil {
		t.Error(err)
	}
	if err := CheckIkeConfig(IkeConfig{}); err != nil {
		t.Errorf("defaults rejected: %v", err)
	}
	mutate := []func(*IkeConfig){
		func(c *IkeConfig) { c.IkeVersion = "ikev3" },
		func(c *IkeConfig) { c.IkeMode = "quick" },
		func(c *IkeConfig) { c.IkeEncAlg = "rc4" },
		func(c *IkeConfig) { c.IkeAuthAlg = "crc32" },
		func(c *IkeConfig) { c.IkePfs = "group3" },
		func(c *IkeConfig) { c.IkeLifetime = 86401 },
		func(c *IkeConfig) { c.IkeLifetime = -1 },
		func(c *IkeConfig) { c.Psk = "has space" },
		func(c *IkeConfig) { c.Psk = string(repeat('k', 101)) },
		func(c *IkeConfig) { c.LocalId = "a b" },
		func(c *IkeConfig) { c.RemoteId = string(repeat('r', 101)) },
	}
	for i, m := range mutate {
		c := good
		m(&c)
		if err := CheckIkeConfig(c); err == nil {
			t.Errorf("IKE mutation %d accepted: %+v", i, c)
		}
	}
	if err := CheckIpsecConfig(IpsecConfig{IpsecEncAlg: "3des", IpsecAuthAlg: "md5", IpsecPfs: "disabled", IpsecLifetime: 3600}); err != nil {
		t.Error(err)
	}
	for _, c := range []IpsecConfig{{IpsecEncAlg: "aes512"}, {IpsecAuthAlg: "sha3"}, {IpsecPfs: "group3"}, {IpsecLifetime: 90000}} {
		if err := CheckIpsecConfig(c); err == nil {
			t.Errorf("%+v accepted", c)
		}
	}
	if err := CheckSubnetList("LocalSubnet", "192.168.1.0/24,192.168.2.0/24"); err != nil {
		t.Error(err)
	}
	for _, s := range []string{"", "192.168.1.0/24,", "192.168.1.1/24"} {
		if err := CheckSubnetList("RemoteSubnet", s); err == nil {
			t.Errorf("subnet list %q accepted", s)
		}
	}
}

// A PSK must never be echoed in an error: errors reach logs and the screen.
func TestPskErrorsDoNotLeakTheKey(t *testing.T) {
	for _, psk := range []string{"secret value", "s3cr3t\x00key", string(repeat('z', 120))} {
		err := CheckIkeConfig(IkeConfig{Psk: psk})
		if err == nil {
			t.Errorf("bad PSK accepted")
			continue
		}
		if strings.Contains(err.Error(), psk) || strings.Contains(err.Error(), "secret") || strings.Contains(err.Error(), "zzz") {
			t.Errorf("error leaks the key: %v", err)
		}
	}
}

func TestVpcFlowLog(t *testing.T) {
	good := VpcFlowLogInput{FlowLogName: "myFlowlog", ResourceType: "NetworkInterface", ResourceId: "eni-1",
		TrafficType: "All", ProjectName: "FlowLogProject", LogStoreName: "FlowLogStore"}
	if err := CheckVpcFlowLog(good); err != nil {
		t.Error(err)
	}
	mutate := []func(*VpcFlowLogInput){
		func(in *VpcFlowLogInput) { in.FlowLogName = "1bad" },
		func(in *VpcFlowLogInput) { in.Description = "http://x" },
		func(in *VpcFlowLogInput) { in.ResourceType = "ENI" },
		func(in *VpcFlowLogInput) { in.ResourceId = "" },
		func(in *VpcFlowLogInput) { in.TrafficType = "" },
		func(in *VpcFlowLogInput) { in.TrafficType = "Denied" },
		func(in *VpcFlowLogInput) { in.ProjectName = "" },
		func(in *VpcFlowLogInput) { in.LogStoreName = "" },
	}
	for i, m := range mutate {
		in := good
		m(&in)
		if err := CheckVpcFlowLog(in); err == nil {
			t.Errorf("flow log mutation %d accepted: %+v", i, in)
		}
	}
}

func TestSagFlowLog(t *testing.T) {
	d := SagFlowLogInput{OutputType: "all"}.WithDefaults()
	if d.ActiveAging != 300 || d.InactiveAging != 15 || d.NetflowServerPort != 9995 || d.NetflowVersion != "V9" {
		t.Errorf("defaults: %+v", d)
	}
	if s := (SagFlowLogInput{OutputType: "sls"}).WithDefaults(); s.NetflowServerPort != 0 || s.NetflowVersion != "" {
		t.Errorf("sls output got NetFlow defaults: %+v", s)
	}
	ok := []SagFlowLogInput{
		{OutputType: "sls", SlsRegionId: "cn-shanghai", ProjectName: "p", LogstoreName: "l"},
		{OutputType: "netflow", NetflowServerIp: "192.168.0.2"},
		{OutputType: "all", SlsRegionId: "cn-shanghai", ProjectName: "p", LogstoreName: "l", NetflowServerIp: "192.168.0.2",
			NetflowServerPort: 2055, NetflowVersion: "V10", ActiveAging: 60, InactiveAging: 600},
	}
	for _, in := range ok {
		if err := CheckSagFlowLog(in); err != nil {
			t.Errorf("%+v rejected: %v", in, err)
		}
	}
	bad := []SagFlowLogInput{
		{},
		{OutputType: "kafka"},
		{OutputType: "sls", ProjectName: "p", LogstoreName: "l"},                   // no SlsRegionId
		{OutputType: "all", SlsRegionId: "r", ProjectName: "p", LogstoreName: "l"}, // no NetFlow server
		{OutputType: "netflow", NetflowServerIp: "collector"},
		{OutputType: "netflow", NetflowServerIp: "10.0.0.1", NetflowVersion: "V7"},
		{OutputType: "netflow", NetflowServerIp: "10.0.0.1", NetflowServerPort: 70000},
		{OutputType: "netflow", NetflowServerIp: "10.0.0.1", ActiveAging: 59},
		{OutputType: "netflow", NetflowServerIp: "10.0.0.1", ActiveAging: 6001},
		{OutputType: "netflow", NetflowServerIp: "10.0.0.1", InactiveAging: 9},
		{OutputType: "netflow", NetflowServerIp: "10.0.0.1", InactiveAging: 601},
	}
	for _, in := range bad {
		if err := CheckSagFlowLog(in); err == nil {
			t.Errorf("%+v accepted", in)
		}
	}
}

func TestPeerOptions(t *testing.T) {
	if err := CheckPeerBandwidth(100, true); err != nil {
		t.Error(err)
	}
	if err := CheckPeerBandwidth(0, false); err != nil {
		t.Error(err)
	}
	if err := CheckPeerBandwidth(100, false); err == nil {
		t.Error("bandwidth on a same-region peering accepted")
	}
	if err := CheckPeerBandwidth(-1, true); err == nil {
		t.Error("negative bandwidth accepted")
	}
	for _, lt := range []string{"Platinum", "Gold", ""} {
		if err := CheckPeerLinkType(lt, true); err != nil {
			t.Error(err)
		}
	}
	if err := CheckPeerLinkType("Silver", true); err == nil {
		t.Error("Silver accepted")
	}
	if err := CheckPeerLinkType("Gold", false); err == nil {
		t.Error("link type on a same-region peering accepted")
	}
}

func TestNameRuleNamesTheCharacterItRefuses(t *testing.T) {
	for in, want := range map[string]string{
		"burst test gw": "(not a space)",
		"tab\there":     "(not a space)",
		"a/b":           "(not '/')",
	} {
		err := Ipv6GatewayDescription.Check(in)
		if err == nil || !strings.HasSuffix(err.Error(), want) {
			t.Errorf("%q: %v, want it to end %q", in, err, want)
		}
	}
}

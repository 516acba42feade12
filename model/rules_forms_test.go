package model

import (
	"net/netip"
	"strings"
	"testing"
)

func TestFormRules(t *testing.T) {
	p := netip.MustParsePrefix("10.9.0.0/16")
	tests := []struct {
		rule string
		err  error
		want string // "" = passes
	}{
		{"NextHopIDMatchesType", CheckNextHop("NatGateway", "ngw-bp1abc"), ""},
		{"NextHopIDWrongPrefix", CheckNextHop("Instance", "eni-1"), "starts with i-"},
		{"NextHopIDRequired", CheckNextHop("HaVip", ""), "is required"},
		{"NextHopTypeKnown", CheckNextHop("Router", "x"), "NextHopType must be one of"},
		{"ResourceIDLowerCaseAlnum", CheckResourceID("VPC", "vpc-", "vpc-AB"), "only lower-case letters and digits"},
		{"RouteDestinationUniqueInTable", CheckRouteDestinationFree(p, []string{"10.9.0.0/16"}), "already has a route"},
		{"RouteDestinationFree", CheckRouteDestinationFree(p, []string{"10.8.0.0/16"}), ""},
		{"IPv4Address", CheckIPv4("NetflowServerIp", "10.0.0.300"), "not an IPv4 address"},
		{"PortRangeLow", CheckPort("ExternalPort", "0"), "between 1 and 65535"},
		{"PortRangeHigh", CheckPort("ExternalPort", "65536"), "between 1 and 65535"},
		{"PortNumber", CheckPort("ExternalPort", "http"), "port number"},
		{"PortOK", CheckPort("ExternalPort", "443"), ""},
		{"ForwardExternalUnique", CheckForwardConflict(ForwardEntryKey{Protocol: "TCP", ExternalIp: "1.1.1.1", ExternalPort: "80", InternalIp: "10.0.0.2", InternalPort: "81"},
			[]ForwardEntryKey{{ID: "fwd-1", Protocol: "tcp", ExternalIp: "1.1.1.1", ExternalPort: "80", InternalIp: "10.0.0.9", InternalPort: "90"}}), "already forwarded by fwd-1"},
		{"ForwardInternalUnique", CheckForwardConflict(ForwardEntryKey{Protocol: "UDP", ExternalIp: "1.1.1.1", ExternalPort: "53", InternalIp: "10.0.0.2", InternalPort: "53"},
			[]ForwardEntryKey{{ID: "fwd-2", Protocol: "udp", ExternalIp: "2.2.2.2", ExternalPort: "53", InternalIp: "10.0.0.2", InternalPort: "53"}}), "already the target of fwd-2"},
		{"ForwardOtherProtocolFree", CheckForwardConflict(ForwardEntryKey{Protocol: "UDP", ExternalIp: "1.1.1.1", ExternalPort: "80"},
			[]ForwardEntryKey{{ID: "fwd-1", Protocol: "tcp", ExternalIp: "1.1.1.1", ExternalPort: "80"}}), ""},
		{"ForwardEditSkipsItself", CheckForwardConflict(ForwardEntryKey{ID: "fwd-1", Protocol: "TCP", ExternalIp: "1.1.1.1", ExternalPort: "80"},
			[]ForwardEntryKey{{ID: "fwd-1", Protocol: "tcp", ExternalIp: "1.1.1.1", ExternalPort: "80"}}), ""},
		{"PublicIPNotBothSnatAndDnat", CheckIPNotShared([]string{"1.1.1.1"}, []string{"1.1.1.1"}, "DNAT"), "cannot serve both SNAT and DNAT"},
		{"SnatOneEntryPerVSwitch", CheckSnatSourceFree("vsw-1", map[string]string{"vsw-1": "snat-1"}), "one SNAT entry only"},
		{"BgpPeerInsidePeeringSubnet", CheckBgpPeerInSubnet("10.254.0.9", "10.254.0.1", "255.255.255.248"), "outside the VBR's peering subnet 10.254.0.0/29"},
		{"BgpPeerNotTheVbrItself", CheckBgpPeerInSubnet("10.254.0.1", "10.254.0.1", "255.255.255.248"), "VBR's own address"},
		{"BgpPeerInSubnetOK", CheckBgpPeerInSubnet("10.254.0.6", "10.254.0.1", "255.255.255.248"), ""},
		{"BgpPeerIPv4Only", CheckBgpPeerInSubnet("fe80::1", "", ""), "not an IPv4 address"},
		{"BfdMultiHopRange", CheckBfdMultiHop(256), "between 1 and 255"},
	}
	for _, tc := range tests {
		t.Run(tc.rule, func(t *testing.T) {
			switch {
			case tc.want == "" && tc.err != nil:
				t.Errorf("want pass, got %v", tc.err)
			case tc.want != "" && (tc.err == nil || !strings.Contains(tc.err.Error(), tc.want)):
				t.Errorf("want %q, got %v", tc.want, tc.err)
			}
		})
	}
}

func TestAliUidAndLifetime(t *testing.T) {
	for _, s := range []string{"", "12ab", "-5", "123456789012345678901"} {
		if _, err := CheckAliUid(s); err == nil {
			t.Errorf("CheckAliUid(%q) passed", s)
		}
	}
	if n, err := CheckAliUid(" 1210123456123456 "); err != nil || n != 1210123456123456 {
		t.Errorf("a real account ID: %d %v", n, err)
	}
	if _, err := CheckSALifetime("IkeLifetime", "86401"); err == nil {
		t.Error("lifetime above 86400 passed")
	}
	if n, err := CheckSALifetime("IkeLifetime", ""); err != nil || n != 0 {
		t.Error("an empty lifetime takes the default")
	}
	if len(NextHopTypes()) < 6 || NextHopWhat("VpcPeer") != "VPC peering connection" {
		t.Error("next-hop types")
	}
}

package model

import "testing"

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

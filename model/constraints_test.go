package model

import (
	"net/netip"
	"strings"
	"testing"
)

// Catalog constraints (/work/shared/api-catalog.md) that no form field can
// break, checked on the rule the console relies on, and the rules in
// rules_more.go that the forms do not use yet. ui/constraints_test.go has
// the rows driven through the forms.

func TestCatalogRules(t *testing.T) {
	long := strings.Repeat("a", 64)
	tests := []struct {
		op, param, rule, section string
		bad, good                error
	}{
		{"every write", "ClientToken", "at most 64 ASCII characters", "§0",
			CheckClientToken(long + "a"), CheckClientToken(long)},
		{"every write", "ClientToken", "ASCII only", "§0",
			CheckClientToken("tök"), CheckClientToken("tok-02fb3da4")},
		{"CreateSnatEntry", "SourceCIDR/SourceVSwitchId", "mutually exclusive", "§2.9 CreateSnatEntry",
			CheckSnatEntry("47.0.0.1", "10.0.0.0/24", "vsw-1"), CheckSnatEntry("47.0.0.1", "10.0.0.0/24", "")},
		{"CreateVSwitch", "CidrBlock", "not equal to a route destination of the VPC", "§2.3 CreateVSwitch",
			CheckVSwitchAgainstRoutes(netip.MustParsePrefix("10.0.200.0/24"), []string{"172.31.0.0/16", "10.0.200.0/24"}),
			CheckVSwitchAgainstRoutes(netip.MustParsePrefix("10.0.200.0/25"), []string{"10.0.200.0/24"})},
		{"CreateNatGateway", "Description", "2-256 characters", "§0 (exception)",
			CheckNatDescription("x"), CheckNatDescription("2nd egress gateway")},
		{"CreateNatGateway", "Description", "not http:// or https://", "§0 (exception)",
			CheckNatDescription("https://nat"), CheckNatDescription("nat for https://x")},
		{"CreateNatGateway", "Description", "at most 256 characters", "§0 (exception)",
			CheckNatDescription(strings.Repeat("d", 257)), CheckNatDescription(strings.Repeat("d", 256))},
		{"CreateNatGateway", "VpcId", "not while 0.0.0.0/0 is routed", "§2.9 CreateNatGateway",
			CheckDefaultRouteFree([]string{"10.0.1.0/24", "0.0.0.0/0"}), CheckDefaultRouteFree([]string{"10.0.1.0/24"})},
	}
	for _, tc := range tests {
		t.Run(tc.op+"/"+tc.param+"/"+tc.rule, func(t *testing.T) {
			if tc.bad == nil {
				t.Errorf("the invalid value passed; %s: %s", tc.section, tc.rule)
			}
			if tc.good != nil {
				t.Errorf("the valid value was refused: %v", tc.good)
			}
		})
	}
}

// TestCatalogDefaults: what the API does with a parameter left out is what
// the console assumes and shows.
func TestCatalogDefaults(t *testing.T) {
	if DefaultVpcCIDR != "172.16.0.0/12" || VpcCIDRPresets[0] != DefaultVpcCIDR {
		t.Errorf("CreateVpc CidrBlock defaults to 172.16.0.0/12 (§2.2): %s, offered first %s", DefaultVpcCIDR, VpcCIDRPresets[0])
	}
	if err := CheckNatSpec("", true); err != nil {
		t.Errorf("CreateNatGateway Spec may be left out (Small, §2.9): %v", err)
	}
	if err := CheckNatSpec("", false); err == nil {
		t.Error("ModifyNatGatewaySpec Spec is required (§2.9)")
	}
	d := SagFlowLogInput{OutputType: "all"}.WithDefaults()
	if d.ActiveAging != 300 || d.InactiveAging != 15 || d.NetflowServerPort != 9995 || d.NetflowVersion != "V9" {
		t.Errorf("SAG CreateFlowLog defaults are 300 s, 15 s, port 9995, V9 (§3.2): %+v", d)
	}
}

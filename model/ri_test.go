package model

import (
	"strings"
	"testing"
)

func TestRouterInterfaceRules(t *testing.T) {
	for _, c := range []struct {
		role, routerType, spec string
		bad                    string // "" = valid; else a word the error names
	}{
		{RIInitiating, RIVRouter, "Small.1", ""},
		{RIInitiating, RIVBR, "Xlarge.1", ""},
		{RIAccepting, RIVRouter, RINegative, ""},
		{RIAccepting, RIVRouter, "Small.1", "Negative"},
		{RIInitiating, RIVRouter, RINegative, "not a spec"},
		{RIInitiating, RIVRouter, "Large", "not a spec"},
		{RIAccepting, RIVBR, RINegative, "only be the initiating side"},
		{"Both", RIVRouter, RINegative, "role must be"},
	} {
		err := CheckRIRole(c.role, c.routerType)
		if err == nil {
			err = CheckRISpec(c.role, c.spec)
		}
		switch {
		case c.bad == "" && err != nil:
			t.Errorf("%s on a %s with %s: %v", c.role, c.routerType, c.spec, err)
		case c.bad != "" && (err == nil || !strings.Contains(err.Error(), c.bad)):
			t.Errorf("%s on a %s with %s: %v, want an error naming %q", c.role, c.routerType, c.spec, err, c.bad)
		}
	}
	if got := RISpecs(RIAccepting); len(got) != 1 || got[0] != RINegative {
		t.Errorf("accepting side specs: %v", got)
	}
	if got := RISpecs(RIInitiating); len(got) != 12 || got[0] != "Mini.2" || got[11] != "Xlarge.1" {
		t.Errorf("initiating side specs: %v", got)
	}
	if RISpecMbps("Middle.5") != 500 || RISpecMbps(RINegative) != 0 {
		t.Errorf("spec bandwidths: Middle.5 %d, Negative %d", RISpecMbps("Middle.5"), RISpecMbps(RINegative))
	}
	if CheckRIRouterType("VRouter") != nil || CheckRIRouterType("vbr") == nil {
		t.Error("router types are VRouter and VBR, as spelled")
	}
	for _, c := range []struct {
		src, dst string
		ok       bool
	}{
		{"", "", true}, {"10.0.0.1", "192.168.1.1", true},
		{"10.0.0.1", "", false}, {"", "10.0.0.1", false}, {"10.0.0.1", "10.0.0.1", false}, {"10.0.0.300", "10.0.0.1", false}, {"::1", "10.0.0.1", false},
	} {
		if err := CheckRIHealthCheck(c.src, c.dst); (err == nil) != c.ok {
			t.Errorf("health check %q → %q: %v", c.src, c.dst, err)
		}
	}
}

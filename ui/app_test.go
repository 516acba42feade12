package ui

import (
	"strings"
	"testing"
)

func TestStartsOnVPCs(t *testing.T) {
	d := newDriver(t)
	s := d.waitText("prod-core", "staging", "SIMULATOR", "region cn-hangzhou")
	if !strings.Contains(s, "rows") || !strings.Contains(s, "VPCs") {
		t.Errorf("header or crumbs missing:\n%s", s)
	}
	d.idle()
	if !strings.Contains(d.screen(), "updated 0s ago") {
		t.Errorf("the age of the data should show:\n%s", d.screen())
	}
}

func TestDrillDownVPCToVSwitches(t *testing.T) {
	d := newDriver(t)
	d.waitText("prod-core")
	d.idle()
	d.typeText("/")
	d.typeText("name:prod-core")
	d.keys("enter")
	d.waitFor("filter to apply", func() bool { return d.browser().table.VisibleLen() == 1 })
	d.keys("enter")
	d.waitText("Open for VPC")
	d.keys("1")
	s := d.waitText("prod-core-app-b", "VSwitches of vpc-")
	if strings.Contains(s, "staging-app-b") {
		t.Errorf("a VPC's VSwitches pane shows another VPC's VSwitch:\n%s", s)
	}
	d.keys("esc")
	d.waitText("VPCs")
}

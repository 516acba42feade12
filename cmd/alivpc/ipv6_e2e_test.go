package main

import (
	"context"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
)

// TestE2EIpv6Gateway walks the IPv6 family in the real binary: the three
// panes open (egress-only rules listed through every gateway), the staging
// VPC drills down to its IPv6 gateways, one is created through its form in
// one burst, settles to Available with no key pressed, drills down to its
// IPv6 addresses, and is deleted through the typed-ID dialog; the simulator
// is read back with `alivpc get ipv6gw`.
func TestE2EIpv6Gateway(t *testing.T) {
	t.Parallel()
	tm := startConsole(t, 120, 40, simArgs(t.TempDir())...)
	tm.waitPane("VPCs")
	staging, _ := only(t, simGet(t, tm, "vpc"), "VpcName", "staging")["VpcId"].(string)
	// Each pane, with something of the demo's on it.
	for _, p := range [][3]string{
		{"ipv6gw", "IPv6 Gateways", "prod-core-ipv6"},
		{"ipv6rule", "IPv6 Egress-only Rules", "web-02-egress-only"},
		{"ipv6addr", "IPv6 Addresses", "PayByTraffic"},
	} {
		tm.command(p[0])
		tm.waitPane(p[1])
		tm.waitText(p[2])
	}

	// The pane table above leaves the VPCs pane: back to it, and down.
	pane := "IPv6 Gateways of " + staging + " (staging)"
	tm.command("vpc")
	tm.waitPane("VPCs")
	filterTo(tm, "name:staging", 1)
	ipv6Drill(tm, "IPv6 Gateways", pane)

	// VPC (fixed), spec (Small, the first), name, description (submits).
	tm.burst("c")
	tm.waitText("Create IPv6 gateway in " + staging)
	tm.burst("Enter", "Enter", "e2e-ipv6", "Enter", "made-in-tmux", "Enter")
	s := tm.waitFor("e2e-ipv6 Available, unattended", func(s string) bool { return strings.Contains(rowWith(s, "e2e-ipv6"), "Available") })
	id := firstID(rowWith(s, "e2e-ipv6"), "ipv6gw-")
	g := only(t, simGet(t, tm, "ipv6gw"), "Name", "e2e-ipv6")
	want(t, g, "Ipv6GatewayId", id, "VpcId", staging, "Spec", "Small", "Description", "made-in-tmux", "Status", "Available")

	// Its addresses: staging's one, now behind the new gateway.
	if n := ipv6Drill(tm, "IPv6 Addresses", "IPv6 Addresses of "+id+" (e2e-ipv6)"); n != 1 {
		t.Errorf("%d IPv6 addresses behind %s, want staging's one", n, id)
	}
	tm.waitText("2408:", "Available", "Private")
	tm.keys("Escape")
	tm.waitPane(pane)

	typedDelete(tm, "Delete IPv6 gateway "+id, id)
	tm.waitFor("the IPv6 gateway to be gone", func(string) bool {
		for _, o := range simGet(t, tm, "ipv6gw") {
			if o["Ipv6GatewayId"] == id {
				return false
			}
		}
		return true
	})
	tm.quit()
}

// ipv6Drill opens the child pane of the selected row from the drill menu
// and returns its row count once loaded.
func ipv6Drill(tm *term, child, crumb string) int {
	tm.t.Helper()
	tm.keys("Enter")
	openMenu(tm, child)
	_, n := tm.waitPane(crumb)
	return n
}

// walkIpv6Rules lists the rules of every gateway in every region, one
// gateway after another.
func (e *getEnv) walkIpv6Rules() map[string]int {
	e.t.Helper()
	c, ctx := e.client(), context.Background()
	regions, err := client.DescribeRegions.Call(ctx, c, &client.DescribeRegionsInput{})
	if err != nil {
		e.t.Fatal(err)
	}
	ids := map[string]int{}
	for _, r := range regions {
		gws, err := client.DescribeIpv6Gateways.Call(ctx, c, &client.DescribeIpv6GatewaysInput{RegionId: r.RegionId})
		if err != nil {
			e.t.Fatal(err)
		}
		for _, g := range gws {
			rules, err := client.DescribeIpv6EgressOnlyRules.Call(ctx, c, &client.DescribeIpv6EgressOnlyRulesInput{RegionId: r.RegionId, Ipv6GatewayId: g.Ipv6GatewayId})
			if err != nil {
				e.t.Fatal(err)
			}
			for _, rule := range rules {
				ids[rule.Ipv6EgressOnlyRuleId]++
			}
		}
	}
	return ids
}

package main

import (
	"context"
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
	tm := startDemo(t, t.TempDir(), 120, 40)
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
	drill(tm, "name:staging", "IPv6 Gateways")
	tm.waitPane(pane)

	// VPC (fixed), spec (Small, the first), name, description (submits).
	gw := lifecycle{kind: "ipv6gw", idField: "Ipv6GatewayId", prefix: "ipv6gw-", noun: "IPv6 gateway", title: "Create IPv6 gateway in " + staging,
		keys: []string{"Enter", "Enter", "e2e-ipv6", "Enter", "made-in-tmux", "Enter"}, name: "e2e-ipv6", state: "Available"}
	id, g := gw.create(t, tm)
	want(t, g, "VpcId", staging, "Spec", "Small", "Description", "made-in-tmux", "Status", "Available")

	// Its addresses: staging's one, now behind the new gateway.
	tm.keys("Enter")
	openMenu(tm, "IPv6 Addresses")
	if _, n := tm.waitPane("IPv6 Addresses of " + id + " (e2e-ipv6)"); n != 1 {
		t.Errorf("%d IPv6 addresses behind %s, want staging's one", n, id)
	}
	tm.waitFor("the address Available and private", func(s string) bool { return containsAll(rowWith(s, "2408:"), "Available", "Private") })
	tm.keys("Escape")
	tm.waitPane(pane)

	gw.remove(t, tm, id)
	tm.quit()
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

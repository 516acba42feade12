package main

import (
	"strings"
	"testing"
)

// TestE2EXray walks the x-ray in the real binary: `:xray region` shows the
// region's VPCs folded, enter reads and opens one, `/` keeps a SNAT entry
// and its ancestors, ctrl+d deletes it through the typed-ID dialog (one
// burst), and the simulator, read back with `alivpc get snat`, no longer
// has it; `:xray vpc-…` opens one VPC whole and d describes a node.
func TestE2EXray(t *testing.T) {
	t.Parallel()
	tm := startDemo(t, t.TempDir(), 120, 40)
	tm.command("xray region")
	s := tm.waitText("X-ray of cn-hangzhou", "4 VPCs", "+ VPC", "prod-core", "updated")
	if strings.Contains(s, "NAT gateway") {
		t.Fatalf("the region's VPCs should start folded:\n%s", s)
	}
	vpc := firstID(rowWith(s, "prod-core"), "vpc-")
	tm.burst("Enter")
	tm.waitText("- VPC", "Route table", "NAT gateway", "prod-core-nat")

	tm.burst("/", "snat-prod-core-lb-b", "Enter")
	s = tm.waitFor("the filter to keep the entry and its ancestors", func(s string) bool {
		// " 3 lines ·", not "3 lines": "13 lines" shows while the filter
		// is still being typed, with other SNAT entries in it.
		return strings.Contains(s, " 3 lines · ") && strings.Contains(s, "SNAT entry")
	})
	snat := firstID(rowWith(s, "SNAT entry"), "snat-")
	tm.burst("G", "C-d")
	tm.waitText("Delete SNAT entry " + snat)
	tm.burst(snat, "Enter")
	waitGone(t, tm, "snat", "SnatEntryId", snat)
	tm.waitFor("the node to leave the tree", func(s string) bool { return !strings.Contains(s, snat) })

	tm.keys("Escape")
	tm.command("xray " + vpc)
	tm.waitText("X-ray of "+vpc, "1 VPC", "Customer gateway", "dc-frankfurt", "ike_sa_not_established")
	tm.burst("/", "dc-frankfurt", "Enter")
	tm.waitText(" 4 lines · ")
	tm.burst("G", "d")
	tm.waitText("Customer gateway cgw-", `"IpAddress": "198.51.100.23"`)
	tm.quit()
}

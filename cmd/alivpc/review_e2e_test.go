package main

import (
	"strings"
	"testing"
)

// reviewed reads the parameter list off the review page ("  Name  value"
// lines after the "(secrets masked):" line, up to the blank line).
func reviewed(t *testing.T, screen string) map[string]string {
	t.Helper()
	out := map[string]string{}
	on := false
	for _, l := range strings.Split(screen, "\n") {
		switch {
		case strings.Contains(l, "(secrets masked):"):
			on = true
		case on && strings.TrimSpace(l) == "":
			return out
		case on:
			f := strings.Fields(l)
			if len(f) != 2 {
				t.Fatalf("review line %q: want a name and a value", l)
			}
			out[f[0]] = f[1]
		}
	}
	t.Fatalf("no review page on screen:\n%s", screen)
	return nil
}

// The real binary: a route-entry create ends on the review page, Back
// keeps every value and the ClientToken, and Create sends what was shown
// (the audit log records the parameters the client sent).
func TestE2ERouteCreateIsReviewed(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startDemo(t, dir, 120, 40)
	drill(tm, "name:prod-core", "Route Tables")
	waitDrilled(tm, "Route Tables of "+prodVPC)
	drill(tm, "type:system", "Route Entries")
	waitDrilled(tm, "Route Entries of vtb-")

	walk := func(first bool) map[string]string {
		tm.waitText("┃ Destination CIDR block")
		if first {
			tm.typeText("10.93.0.0/16")
			tm.waitText("> 10.93.0.0/16")
		}
		tm.keys("Enter")
		tm.waitText("┃ Next hop type")
		tm.keys("Enter")
		tm.waitText("┃ Next hop (NAT gateway)")
		tm.keys("Enter")
		tm.waitText("┃ Name")
		if first {
			tm.typeText("e2e-route")
			tm.waitText("> e2e-route")
		}
		tm.keys("Enter")
		tm.waitText("┃ Description")
		tm.keys("Enter")
		return reviewed(t, tm.waitText("Review: Create route in", "[ Create ]", "ClientToken"))
	}
	tm.keys("c")
	tm.waitText("Create route in vtb-")
	first := walk(true)
	for k, v := range map[string]string{"RegionId": "cn-hangzhou", "DestinationCidrBlock": "10.93.0.0/16", "NextHopType": "NatGateway", "RouteEntryName": "e2e-route"} {
		if first[k] != v {
			t.Errorf("review shows %s=%q, want %q", k, first[k], v)
		}
	}
	if !strings.HasPrefix(first["NextHopId"], "ngw-") || !strings.HasPrefix(first["ClientToken"], "alivpc-") {
		t.Errorf("review: NextHopId %q, ClientToken %q", first["NextHopId"], first["ClientToken"])
	}

	// Back: the form with its values; nothing was sent.
	tm.keys("Tab")
	tm.waitText("[ Back ]")
	tm.keys("Enter")
	tm.waitText("┃ Destination CIDR block", "10.93.0.0/16")
	second := walk(false)
	for k, v := range first {
		if second[k] != v {
			t.Errorf("after Back, unchanged: %s %q then %q", k, v, second[k])
		}
	}
	if len(second) != len(first) {
		t.Errorf("the second review lists other parameters: %v vs %v", second, first)
	}
	tm.keys("Enter")
	tm.waitText("following it")
	tm.quit()

	var creates []map[string]string
	for _, e := range auditLog(t, dir) {
		if e.Action == "CreateRouteEntry" {
			creates = append(creates, e.Params)
		}
	}
	if len(creates) != 1 {
		t.Fatalf("CreateRouteEntry audited %d times, want once (Back sends nothing)", len(creates))
	}
	for k, v := range second {
		if creates[0][k] != v {
			t.Errorf("%s: reviewed %q, sent %q", k, v, creates[0][k])
		}
	}
	if len(creates[0]) != len(second) {
		t.Errorf("sent %v, reviewed %v", creates[0], second)
	}
}

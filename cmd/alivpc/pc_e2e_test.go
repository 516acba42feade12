package main

import (
	"strings"
	"testing"
)

// TestE2EPhysicalConnectionAndVbr walks the physical connection family and
// the VBR lifecycle in the real binary: the access points pane, an
// application through the form (one burst) that the provider moves to
// Confirmed with no key pressed, Enable, the PC → VBRs drill-down where a
// VBR is created (one burst) and deleted through the dialog, then
// Terminate and Delete through the dialog; the simulator is read back with
// `alivpc get`.
func TestE2EPhysicalConnectionAndVbr(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "ap", "Access Points")
	tm.waitText("ap-cn-hangzhou-dx-a")
	tm.command("dc")
	tm.waitPane("Physical Connections")
	tm.waitText("pc-dc-hangzhou-2", "Confirmed")

	// Access point, operator (the first offered), location, port type and
	// bandwidth (defaults), redundant line (none), circuit code, name,
	// description (submits).
	line := lifecycle{kind: "pc", idField: "PhysicalConnectionId", prefix: "pc-", noun: "Physical connection", title: "Apply for a physical connection",
		keys: []string{"Enter", "Enter", "e2e DC, rack 9", "Enter", "Enter", "Enter", "Enter", "Enter", "e2e-line", "Enter", "Enter"}, name: "e2e-line", state: "Confirmed"}
	id, p := line.create(t, tm)
	want(t, p, "PeerLocation", "e2e DC, rack 9", "Status", "Confirmed", "LineOperator", "CT", "PortType", "1000Base-T")

	filterTo(tm, "name:e2e-line", 1)
	tm.burst("x")
	tm.waitText("Enable")
	tm.burst("1")
	tm.waitText("Enable " + id)
	tm.burst("y")
	tm.waitFor("e2e-line Enabled", func(s string) bool { return strings.Contains(rowWith(s, id+" "), "Enabled") })

	// PC → VBRs, and a VBR made there: the line (fixed), VLAN, addresses,
	// mask (filled in), circuit code, name, description (submits).
	tm.burst("Enter")
	tm.waitText("VBRs on the Line")
	tm.burst("1") // the full VBR pane
	tm.waitText("No Virtual Border Routers in Physical connection " + id)
	router := lifecycle{kind: "vbr", idField: "VbrId", prefix: "vbr-", noun: "VBR", title: "Create VBR on " + id,
		keys: []string{"Enter", "88", "Enter", "10.254.88.1", "Enter", "10.254.88.2", "Enter", "Enter", "Enter", "e2e-vbr", "Enter", "Enter"}, name: "e2e-vbr", state: "active"}
	vbr, v := router.create(t, tm)
	want(t, v, "PhysicalConnectionId", id, "PeerGatewayIp", "10.254.88.2")

	// The line's own view (DescribeVirtualBorderRoutersForPhysicalConnection)
	// shows the VBR with its VLAN and addresses.
	tm.burst("Escape")
	tm.waitPane("Physical Connections")
	tm.burst("Enter", "2")
	tm.waitFor("the VBR on the line with its VLAN and addresses", func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, vbr) && strings.Contains(l, " 88 ") && strings.Contains(l, "10.254.88.1") && strings.Contains(l, "this account") {
				return true
			}
		}
		return false
	})
	tm.burst("Escape")
	tm.waitPane("Physical Connections")
	tm.burst("Enter", "1")
	tm.waitText(vbr)
	router.remove(t, tm, vbr)

	tm.burst("Escape")
	tm.waitPane("Physical Connections")
	tm.burst("x")
	tm.waitText("Terminate")
	tm.burst("3")
	tm.waitText("Terminate Physical connection " + id)
	tm.burst(id, "Enter")
	tm.waitFor("e2e-line Terminated", func(s string) bool { return strings.Contains(rowWith(s, id+" "), "Terminated") })
	line.remove(t, tm, id)
	tm.quit()
}

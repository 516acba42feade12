package ui

import (
	"testing"

	"github.com/alivpc/alivpc/model"
)

// TestPhysicalConnectionLifecycle applies for a physical connection
// through its form (the bandwidth range checked as typed), watches the
// provider move it to Confirmed with no key pressed, enables it, creates a
// VBR on it from the PC → VBRs drill-down (the VLAN held by another VBR
// refused as typed), deletes the VBR, then terminates the line — refused
// while a VBR remains — and deletes it, both through the dialog. What the
// simulator received is checked.
func TestPhysicalConnectionLifecycle(t *testing.T) {
	d := consoleOn(t, "pc")
	d.openForm("c")
	d.choose("Access point", "ap-cn-hangzhou-dx-a")
	d.choose("Line operator", "Equinix")
	d.field("Data centre location", "Hangzhou lab, rack 7")
	d.choose("Port type", "10GBase-LR")
	d.waitFocus("Bandwidth")
	d.keys("backspace", "backspace", "backspace")
	d.typeText("20000")
	d.waitText("bandwidth must be 2-10240 Mbit/s (it is 20000)")
	for range 5 {
		d.keys("backspace")
	}
	d.typeText("5000")
	d.keys("enter")
	d.next("Redundant connection", "Circuit code")
	d.named("lab-line")
	id := d.tracked("CreatePhysicalConnection").resID
	d.sentOnce("CreatePhysicalConnection", map[string]string{"AccessPointId": "ap-cn-hangzhou-dx-a", "LineOperator": "Equinix",
		"PeerLocation": "Hangzhou lab, rack 7", "PortType": "10GBase-LR", "bandwidth": "5000", "Name": "lab-line"})
	d.settled(id, model.PCConfirmed)

	// Terminate is refused before any call while it is only Confirmed.
	d.refusedAction(id, "Terminate", "only an Enabled physical connection can be terminated", "terminating a Confirmed line")

	d.rowID(id)
	d.actionYes("Enable", "Enable "+id)
	d.tracked("EnablePhysicalConnection")
	d.settled(id, model.PCEnabled)

	// PC → VBRs: create one there.
	d.rowID(id)
	d.drill("Virtual Border Routers")
	d.idle()
	d.openForm("c")
	d.waitText("Create VBR on " + id)
	d.waitFocus("Physical connection")
	d.keys("enter")
	d.field("VLAN", "77")
	d.field("Local gateway IP", "10.254.77.1")
	d.refusedAsTyped("Peer gateway IP", "10.254.78.2", "not in the same /30 subnet")
	d.field("Peer gateway IP", "10.254.77.2")
	d.next("Peering subnet mask", "Circuit code")
	d.named("lab-vbr")
	vbr := d.created("CreateVirtualBorderRouter", "active")
	d.sentOnce("CreateVirtualBorderRouter", map[string]string{"PhysicalConnectionId": id, "VlanId": "77",
		"PeerGatewayIp": "10.254.77.2", "PeeringSubnetMask": "255.255.255.252"})

	// A second VBR on VLAN 77 is refused as typed.
	mark := len(d.fault.actions())
	d.openForm("c")
	d.waitFocus("Physical connection")
	d.keys("enter")
	d.waitFocus("VLAN")
	d.typeText("77")
	d.waitText("VLAN 77 is held by " + vbr)
	d.closeForm()
	assertNoWrite(t, d, mark, "a VBR on a VLAN in use")

	// Terminate counts the VBR and sends nothing while it is there.
	d.keys("esc")
	d.idle()
	d.rowAction(id, "Terminate")
	d.dialog()
	d.waitText("VBR " + vbr + " on VLAN 77")
	d.keys("esc")
	assertNoWrite(t, d, mark, "terminating a line with a VBR")

	d.rowID(id)
	d.drill("Virtual Border Routers")
	d.idle()
	d.deleteTyped(d.rowID(vbr))
	d.gone(vbr)
	d.sentOnce("DeleteVirtualBorderRouter", map[string]string{"VbrId": vbr})

	d.keys("esc")
	d.idle()
	d.rowAction(id, "Terminate")
	d.confirmDialog(id)
	d.tracked("TerminatePhysicalConnection")
	d.settled(id, model.PCTerminated)

	d.deleteRow(id)
	d.sentOnce("DeletePhysicalConnection", map[string]string{"PhysicalConnectionId": id})
}

// TestPhysicalConnectionEditAndCancel: the Rejected demo application is
// edited (its bandwidth, allowed only while Initial or Rejected) and
// applies again, followed with no key pressed until the provider confirms
// it; the demo's Confirmed line is cancelled through the dialog; a
// Canceled line offers no bandwidth to edit.
func TestPhysicalConnectionEditAndCancel(t *testing.T) {
	d := consoleOn(t, "pc")
	rejected := d.rowNamed("pc-dc-ningbo")
	if rejected.Status != model.PCRejected {
		t.Fatalf("demo pc-dc-ningbo is %s", rejected.Status)
	}
	d.openForm("e")
	d.next("Name", "Description", "Data centre location", "Circuit code", "Port type")
	d.replaceField("Bandwidth", "200", "300")
	d.tracked("ModifyPhysicalConnectionAttribute")
	d.sentOnce("ModifyPhysicalConnectionAttribute", map[string]string{"bandwidth": "300", "PortType": "", "Name": "pc-dc-ningbo"})
	d.settled(rejected.ID, model.PCConfirmed)
	if p := d.rowID(rejected.ID).Val().(*model.PhysicalConnection); p.Bandwidth != 300 {
		t.Errorf("bandwidth after the edit: %d", p.Bandwidth)
	}

	confirmed := d.rowNamed("pc-dc-hangzhou-2")
	d.action("Cancel")
	d.confirmDialog(confirmed.ID)
	d.tracked("CancelPhysicalConnection")
	d.settled(confirmed.ID, model.PCCanceled)

	d.rowID(confirmed.ID)
	d.openForm("e")
	d.waitText("fixed once a line is past Initial (it is Canceled)")
}

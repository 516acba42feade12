package ui

import (
	"testing"

	"github.com/alivpc/alivpc/model"
)

// TestHaVipCreateAssociateUnassociateDelete creates a HaVip through its
// form (the address checked against the VSwitch block as typed), watches
// it settle with no key pressed, binds it to the demo's firewall appliance,
// unbinds it and deletes it, both through the destructive dialog.
func TestHaVipCreateAssociateUnassociateDelete(t *testing.T) {
	d := consoleOn(t, "havip")
	seeded := d.rowNamed("fw-ha-vip").Val().(*model.HaVip)
	if len(seeded.Instances()) != 1 || seeded.Status != "InUse" {
		t.Fatalf("demo fw-ha-vip: %+v", seeded)
	}
	inst := seeded.Instances()[0]

	d.openForm("c")
	d.choose("VSwitch", "prod-core-app-b")
	d.refusedAsTyped("IP address", "10.0.1.254", "is reserved in 10.0.1.0/24")
	d.refusedAsTyped("IP address", seeded.IpAddress, "is already a HaVip of "+seeded.VSwitchId)
	d.field("IP address", "10.0.1.77")
	d.named("lab-vip")
	id := d.created("CreateHaVip", "Available")
	h := d.rowID(id).Val().(*model.HaVip)
	if h.IpAddress != "10.0.1.77" || h.VSwitchId != seeded.VSwitchId || h.Name != "lab-vip" {
		t.Fatalf("HaVip as created: %+v", h)
	}

	d.renamed(id, "lab-vip", "lab-vip2", "ModifyHaVipAttribute")

	// Deleting an InUse HaVip is refused before any call, below.
	d.rowAction(id, "Associate")
	d.formPage()
	d.next("Instance type")
	d.field("Instance ID", inst)
	d.tracked("AssociateHaVip")
	d.settled(id, "InUse")
	if h := d.rowID(id).Val().(*model.HaVip); len(h.Instances()) != 1 || h.Instances()[0] != inst || h.MasterInstanceId != inst {
		t.Fatalf("HaVip after associate: %+v", h)
	}

	d.refused("ctrl+d", "", "only an Available HaVip can be deleted", "deleting an InUse HaVip")

	d.rowAction(id, "Unassociate "+inst)
	d.confirmDialog(inst)
	d.tracked("UnassociateHaVip")
	d.settled(id, "Available")

	o := d.rowID(id)
	if h := o.Val().(*model.HaVip); len(h.Instances()) != 0 {
		t.Fatalf("HaVip after unassociate: %+v", h)
	}
	d.deleteTyped(o)
	d.gone(id)
}

// TestHaVipPickers: the route form offers the VPC's HaVips as next hops and
// the EIP associate form offers the region's HaVips, and binds one.
func TestHaVipPickers(t *testing.T) {
	d := consoleOn(t, "havip")
	vpc := d.rowNamed("fw-ha-vip").Val().(*model.HaVip).VpcId
	d.pane("rt")
	d.rowWhere("the system table of "+vpc, func(o *model.Object) bool {
		rt, ok := o.Val().(*model.RouteTable)
		return ok && rt.RouteTableType == "System" && rt.VpcId == vpc
	})
	d.drill("Route Entries")
	d.openForm("c")
	d.field("Destination CIDR block", "198.18.7.0/24")
	d.choose("Next hop type", "HaVip")
	d.waitText("fw-ha-vip")

	d.keys("esc")
	d.pane("eip")
	eip := d.rowWhere("an Available EIP", func(o *model.Object) bool { return o.Status == "Available" }).Val().(*model.EipAddress)
	d.action("Associate")
	d.formPage()
	d.choose("Instance type", "HaVip")
	d.waitText("fw-ha-vip", "monitoring-vip")
	d.choose("HaVip", "monitoring-vip")
	d.tracked("AssociateEipAddress")
	d.settled(eip.AllocationId, "InUse")
	if e := d.rowID(eip.AllocationId).Val().(*model.EipAddress); e.InstanceType != "HaVip" {
		t.Errorf("EIP after associating: bound to %s %s", e.InstanceType, e.InstanceId)
	}
	d.pane("havip")
	if h := d.rowNamed("monitoring-vip").Val().(*model.HaVip); len(h.EIPs()) != 1 || h.EIPs()[0] != eip.IpAddress {
		t.Errorf("monitoring-vip lists EIPs %v, want %s", h.EIPs(), eip.IpAddress)
	}
}

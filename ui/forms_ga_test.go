package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// TestGACreateAssociateUnassociateDelete creates an exclusive instance
// through its form, renames it, changes its bandwidth, binds the demo's
// Shanghai data gateway host to it (Associating → InUse, followed with no
// key pressed), is refused its deletion before any call, unbinds the host
// through the destructive dialog and deletes the instance there; what the
// simulator received is checked.
func TestGACreateAssociateUnassociateDelete(t *testing.T) {
	d := consoleOn(t, "ga")
	seeded := rowNamedAs[model.GlobalAcceleration](d, "data-api-accel")
	if seeded.Status != "InUse" || len(seeded.Backends()) != 1 {
		t.Fatalf("demo data-api-accel: %+v", seeded)
	}
	host := seeded.Backends()[0].ServerId
	d.waitText(host)
	// From the server's side: the instances of any region on it.
	d.action("Instances on " + host)
	d.waitText("Global acceleration instances on "+host+" (cn-shanghai)", seeded.GlobalAccelerationInstanceId, seeded.IpAddress)
	d.sentOnce("DescribeServerRelatedGlobalAccelerationInstances", map[string]string{"ServerId": host, "RegionId": "cn-shanghai"})
	d.keys("esc")
	d.idle()

	d.openForm("c")
	d.next("Service location")
	d.choose("Bandwidth (Mbit/s)", "20")
	d.next("Bandwidth type")
	d.named("lab-accel")
	id := d.created("CreateGlobalAccelerationInstance", "Available")
	d.sentOnce("CreateGlobalAccelerationInstance", map[string]string{"ServiceLocation": "china-mainland",
		"Bandwidth": "20", "BandwidthType": "Exclusive", "Name": "lab-accel"})

	d.rowID(id)
	d.openForm("e")
	d.replaceField("Name", "lab-accel", "lab-accel2")
	d.next("Description")
	d.tracked("ModifyGlobalAccelerationInstanceAttributes")
	d.waitFor("the new name on the row", func() bool { return d.rowID(id).Name == "lab-accel2" })

	d.rowAction(id, "Modify spec")
	d.formPage()
	d.choose("Bandwidth (Mbit/s)", "50")
	d.tracked("ModifyGlobalAccelerationInstanceSpec")
	d.sentOnce("ModifyGlobalAccelerationInstanceSpec", map[string]string{"Bandwidth": "50", "GlobalAccelerationInstanceId": id})

	d.rowAction(id, "Associate backend")
	d.formPage()
	d.choose("Backend region", "cn-shanghai")
	d.next("Backend type")
	d.refusedAsTyped("Backend ID", "vm-1", `"vm-1" is not a ECS instance ID: it starts with i-`)
	d.field("Backend ID", host)
	d.tracked("AssociateGlobalAccelerationInstance")
	d.settled(id, "InUse")
	d.sentOnce("AssociateGlobalAccelerationInstance", map[string]string{"BackendServerId": host,
		"BackendServerRegionId": "cn-shanghai", "BackendServerType": "EcsInstance"})

	d.rowID(id)
	d.refused("ctrl+d", "", "still accelerates "+host, "deleting an instance with a backend")

	d.rowAction(id, "Unassociate "+host)
	d.confirmDialog(host)
	d.tracked("UnassociateGlobalAccelerationInstance")
	d.settled(id, "Available")
	d.sentOnce("UnassociateGlobalAccelerationInstance", map[string]string{"InstanceType": "RemoteEcsInstance"})
	o := d.rowID(id)
	if g := o.Val().(*model.GlobalAcceleration); len(g.Backends()) != 0 || g.Bandwidth != "50" || g.Name != "lab-accel2" {
		t.Fatalf("instance before deletion: %+v", g)
	}
	d.deleteTyped(o)
	d.gone(id)
	d.sentOnce("DeleteGlobalAccelerationInstance", map[string]string{"GlobalAccelerationInstanceId": id})
}

// TestGASharingEIPs adds a free pay-as-you-go EIP, picked from the API, to
// the demo's sharing instance and removes it through the dialog; the
// exclusive spare offers no EIP and only the regions of its service
// location for a backend.
func TestGASharingEIPs(t *testing.T) {
	d := consoleOn(t, "eip")
	free := d.eipNamed("reserved-egress")
	// An EIP of a sharing instance is not unbound on :eip: the console
	// says where, before any call.
	d.rowNamed("web-accel-ip")
	d.refused("x", "Unassociate", "is shared by global acceleration instance", "unassociating an EIP of a global acceleration instance on :eip")

	d.pane("ga")
	g := rowNamedAs[model.GlobalAcceleration](d, "hz-shared-accel")
	id := g.GlobalAccelerationInstanceId
	if len(g.EIPs()) != 1 || g.Status != "InUse" {
		t.Fatalf("demo hz-shared-accel: %+v", g)
	}
	d.action("Add EIP")
	d.formPage()
	d.choose("EIP", free.IpAddress)
	d.tracked("AddGlobalAccelerationInstanceIp")
	d.settled(id, "InUse")
	d.sentOnce("AddGlobalAccelerationInstanceIp", map[string]string{"IpInstanceId": free.AllocationId})
	d.waitFor("the second EIP on the row", func() bool { return len(d.rowID(id).Val().(*model.GlobalAcceleration).EIPs()) == 2 })

	d.rowAction(id, "Remove EIP "+free.IpAddress)
	d.confirmDialog(free.IpAddress)
	d.tracked("RemoveGlobalAccelerationInstanceIp")
	d.settled(id, "InUse")
	d.sentOnce("RemoveGlobalAccelerationInstanceIp", map[string]string{"IpInstanceId": free.AllocationId})

	rowNamedAs[model.GlobalAcceleration](d, "eu-spare-accel")
	d.action("Associate backend")
	d.formPage()
	d.waitFocus("Backend region")
	if s := d.screen(); !strings.Contains(s, "eu-central-1") || strings.Contains(s, "cn-shanghai") {
		t.Errorf("backend regions of a europe instance:\n%s", s)
	}
	d.keys("esc")
	d.idle()
	rowNamedAs[model.GlobalAcceleration](d, "eu-spare-accel")
	d.keys("x")
	d.waitFor("a menu", func() bool { return d.app.menu != nil })
	for _, m := range d.app.menu.items {
		if strings.HasPrefix(m.label, "Add EIP") || strings.HasPrefix(m.label, "Remove EIP") {
			t.Errorf("an exclusive instance offers %q", m.label)
		}
	}
}

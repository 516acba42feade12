package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
)

// vrouterOf reads a demo VPC's VRouter off the VPC pane.
func (d *driver) vrouterOf(vpcName string) string {
	d.t.Helper()
	d.pane("vpc")
	return d.rowNamed(vpcName).Val().(*model.Vpc).VRouterId
}

// riSpecIs waits, the clocks running, until the row of id reads spec.
func (d *driver) riSpecIs(id, spec string) {
	d.t.Helper()
	d.waitFor(id+" at "+spec, func() bool {
		d.advance(time.Second)
		return d.rowID(id).Val().(*model.RouterInterface).Spec == spec
	})
}

// createRI fills the router interface form: router, role, spec, the
// opposite router and interface, a name; then confirms the review page.
func (d *driver) createRI(router, role, spec, oppRouter, oppIf, name string) string {
	d.t.Helper()
	before := len(d.app.tracker.ops)
	d.openForm("c")
	d.choose("Router", router)
	d.choose("Role", role)
	d.choose("Spec", spec)
	d.next("Opposite region", "Opposite router type")
	d.field("Opposite router", oppRouter)
	d.field("Opposite interface", oppIf)
	d.next("Opposite account")
	d.named(name)
	d.confirmReview()
	var id string
	d.waitFor("a new CreateRouterInterface", func() bool {
		for _, o := range d.app.tracker.ops[before:] {
			if o.action == "CreateRouterInterface" && !o.rejected && o.resID != "" {
				id = o.resID
			}
		}
		return id != ""
	})
	d.settle()
	return id
}

// TestRouterInterfaceCreateConnectDeactivateDelete creates both ends of a
// pair through the form, connects them and watches both settle Active with
// no key pressed, deactivates the initiator through the destructive dialog
// and deletes it through the dialog; the simulator's log shows what was
// sent, and what the API would refuse is refused before any call.
func TestRouterInterfaceCreateConnectDeactivateDelete(t *testing.T) {
	d := newConsole(t)
	dev, prod := d.vrouterOf("dev-sandbox"), d.vrouterOf("prod-core")
	d.pane("ri")

	acc := d.createRI(prod, "accepting", "Negative", dev, "", "from-dev")
	d.settled(acc, "Idle")
	d.sentOnce("CreateRouterInterface", map[string]string{"Role": "AcceptingSide", "Spec": "Negative", "RouterId": prod,
		"RouterType": "VRouter", "OppositeRouterId": dev, "OppositeRegionId": "cn-hangzhou"})

	// One pair between two routers: a second interface from prod-core to
	// dev-sandbox is refused as typed.
	mark := len(d.fault.actions())
	d.openForm("c")
	d.choose("Router", prod)
	d.choose("Role", "initiating")
	d.choose("Spec", "Small.2")
	d.next("Opposite region", "Opposite router type")
	// esc keeps the draft: leave it without the refused router.
	d.refusedAsTyped("Opposite router", dev, "one pair between two routers")
	d.keys("esc")
	assertNoWrite(t, d, mark, "a second pair between two routers")

	ini := d.createRI(dev, "initiating", "Small.2", prod, acc, "to-prod")
	d.settled(ini, "Idle")
	if r := d.rowID(ini).Val().(*model.RouterInterface); r.Spec != "Small.2" || r.OppositeInterfaceId != acc || r.OppositeInterfaceStatus != "Idle" {
		t.Fatalf("initiator as created: %+v", r)
	}

	// The acceptor cannot connect; the initiator does, and both ends
	// settle Active by themselves.
	d.rowAction(acc, "Connect")
	d.waitText("is the accepting side")
	d.keys("esc")
	d.rowAction(ini, "Connect")
	d.formPage()
	d.keys("left", "enter")
	d.tracked("ConnectRouterInterface")
	d.settled(ini, "Active")
	d.settled(acc, "Active")
	if r := d.rowID(ini).Val().(*model.RouterInterface); r.OppositeInterfaceStatus != "Active" {
		t.Errorf("the initiator reads its opposite end as %q", r.OppositeInterfaceStatus)
	}

	// Edit: a new name; the spec goes up by form and down through the
	// dialog, each time Activating → Active by itself.
	d.editRow(ini)
	d.replaceField("Name", "to-prod", "dev-to-prod")
	d.next("Description")
	d.field("Health check source IP", "172.16.0.200")
	d.waitFocus("Health check target IP")
	d.keys("enter") // the target is missing: refused as typed
	d.waitText("health check source and target addresses go together")
	d.typeText("10.0.0.200")
	d.keys("enter")
	d.tracked("ModifyRouterInterfaceAttribute")
	d.waitText("dev-to-prod")
	if got := d.fault.received("ModifyRouterInterfaceAttribute"); len(got) != 1 || got[0].Get("Name") != "dev-to-prod" ||
		got[0].Get("HealthCheckSourceIp") != "172.16.0.200" || got[0].Get("HealthCheckTargetIp") != "10.0.0.200" || got[0].Has("OppositeInterfaceId") {
		t.Errorf("ModifyRouterInterfaceAttribute sent %v", got)
	}
	d.rowAction(ini, "Upgrade spec")
	d.choose("Spec", "Middle.1")
	d.tracked("ModifyRouterInterfaceSpec")
	d.riSpecIs(ini, "Middle.1")
	d.settled(ini, "Active")
	d.rowAction(ini, "Downgrade spec to Small.5")
	d.confirmDialog(ini)
	d.riSpecIs(ini, "Small.5")
	d.settled(ini, "Active")
	specs := []string{}
	for _, v := range d.fault.received("ModifyRouterInterfaceSpec") {
		specs = append(specs, v.Get("Spec"))
	}
	if r := d.rowID(ini).Val().(*model.RouterInterface); strings.Join(specs, ",") != "Middle.1,Small.5" || r.Spec != "Small.5" || r.Name != "dev-to-prod" {
		t.Errorf("spec changes sent %v; the interface reads %s named %s", specs, r.Spec, r.Name)
	}

	// An Active interface is not deleted: refused before any call.
	mark = len(d.fault.actions())
	d.rowID(ini)
	d.keys("ctrl+d")
	d.waitText("only an Idle or Inactive interface can be deleted")
	d.keys("esc")
	assertNoWrite(t, d, mark, "deleting an Active router interface")

	d.confirmedAction(ini, "Deactivate", "DeactivateRouterInterface", "Inactive")

	d.deleteRow(ini)
	d.sentOnce("DeleteRouterInterface", map[string]string{"RouterInterfaceId": ini})
	d.keys("ctrl+r")
	d.idle()
	if r := d.rowID(acc).Val().(*model.RouterInterface); !strings.EqualFold(r.OppositeInterfaceStatus, "Deleted") {
		t.Errorf("the acceptor reads its deleted opposite end as %q", r.OppositeInterfaceStatus)
	}
}

// TestRouterInterfacePickers: a route's RouterInterface next hop is picked
// from the interfaces on the table's VRouter.
func TestRouterInterfacePickers(t *testing.T) {
	d := newConsole(t)
	router := d.vrouterOf("prod-core")
	d.pane("rt")
	table := d.rowWhere("a route table of prod-core", func(o *model.Object) bool { return o.Val().(*model.RouteTable).RouterId == router })
	d.pane("route " + table.ID)
	d.openForm("c")
	d.field("Destination CIDR block", "198.18.9.0/24")
	d.choose("Next hop type", "RouterInterface")
	d.waitText("hz-to-bj-analytics", "to-vbr-dc-hangzhou")
}

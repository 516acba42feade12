package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// prodCorePane waits for the VPC pane, opens the pane of kind (a `:`
// command) scoped to prod-core and returns prod-core's ID.
func (d *driver) prodCorePane(kind string) string {
	d.t.Helper()
	d.idle()
	vpc := d.rowNamed("prod-core").ID
	d.pane(kind + " " + vpc)
	return vpc
}

func TestRouteTableCreateEditAssociateDelete(t *testing.T) {
	d := newDriver(t)
	vpc := d.prodCorePane("rt")
	d.openForm("c")
	d.waitText("Create route table in " + vpc)
	d.field("Name", "app-private")
	d.field("Description", "Private tier")
	d.waitText("following it")
	id := d.lastOp().resID
	d.settled(id, "Available")

	// Edit: rename.
	d.editRow(id)
	d.replaceField("Name", "app-private", "app-private-2")
	d.next("Description")
	d.tracked("ModifyRouteTableAttributes")
	tables, err := client.DescribeRouteTableList.Call(d.ctx, d.api(), &client.DescribeRouteTableListInput{RegionId: "cn-hangzhou", RouteTableId: id})
	if err != nil || len(tables) != 1 || tables[0].RouteTableName != "app-private-2" {
		t.Fatalf("the rename did not arrive: %v %+v", err, tables)
	}

	// x → associate with a VSwitch picked from the API.
	d.rowAction(id, "Associate with a VSwitch")
	d.formPage()
	d.choose("VSwitch", "prod-core-app-g")
	d.tracked("AssociateRouteTable")
	bound := func() int {
		sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", RouteTableId: id})
		noErr(t, err)
		return len(sws)
	}
	d.waitFor("the VSwitch to be bound", func() bool { return bound() == 1 })

	// Delete is refused before any call while a VSwitch is bound.
	d.rowID(id)
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.waitText("still has", "1 vswitch")
	d.typeText(id)
	d.keys("enter")
	d.waitText("Delete what depends on it first")
	assertNoWrite(t, d, mark, "deleting a bound route table")
	d.keys("esc")

	// x → unassociate (the VSwitch's ID typed), then the delete goes through.
	sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", RouteTableId: id})
	exactlyOne(t, "bound VSwitches", sws, err)
	d.keys("ctrl+r")
	d.idle()
	d.rowAction(id, "Unassociate from "+sws[0].VSwitchId)
	d.confirmDialog(sws[0].VSwitchId)
	d.tracked("UnassociateRouteTable")
	d.waitFor("the VSwitch to be unbound", func() bool { return bound() == 0 })
	d.deleteRow(id)
}

func TestSystemRouteTableCannotBeBoundOrDeleted(t *testing.T) {
	d := newDriver(t)
	d.prodCorePane("rt")
	o := d.rowWhere("the system table", func(o *model.Object) bool { return o.Val().(*model.RouteTable).RouteTableType == "System" })
	mark := len(d.fault.actions())
	d.action("Associate with a VSwitch")
	d.waitText("the system route table is every VSwitch's default")
	d.keys("esc")
	d.rowID(o.ID)
	d.deleteTyped(o)
	d.waitText("system route table; it goes with the VPC")
	assertNoWrite(t, d, mark, "system route table")
}

// routeEntries opens the entries of prod-core's system route table.
func routeEntries(d *driver) *model.RouteTable {
	d.t.Helper()
	d.prodCorePane("rt")
	o := d.rowWhere("the system table", func(o *model.Object) bool { return o.Val().(*model.RouteTable).RouteTableType == "System" })
	d.drill("Route Entries")
	return o.Val().(*model.RouteTable)
}

func TestRouteEntryCreateWithNextHopPickerAndDelete(t *testing.T) {
	d := newDriver(t)
	rt := routeEntries(d)
	d.openForm("c")
	d.waitText("Create route in " + rt.RouteTableId)
	d.refusedAsTyped("Destination CIDR block", "10.0.1.0/25", "overlaps the VSwitch block 10.0.1.0/24")
	d.refusedAsTyped("Destination CIDR block", "172.31.0.0/16", "already has a route in this table")
	d.field("Destination CIDR block", "10.99.0.0/16")
	d.choose("Next hop type", "VpnGateway")
	// The picker lists the VPC's VPN gateways, loaded from the API.
	s := d.waitText("Next hop (VPN gateway)", "prod-core-vpn")
	if strings.Contains(s, "prod-core-nat") {
		t.Errorf("the VPN picker lists a NAT gateway:\n%s", s)
	}
	d.keys("enter")
	d.named("to-lab")
	d.confirmReview()
	d.waitText("following it")
	id := d.lastOp().resID
	d.settled(id, "Available")
	entries, err := client.DescribeRouteEntryList.Call(d.ctx, d.api(), &client.DescribeRouteEntryListInput{RegionId: "cn-hangzhou", RouteTableId: rt.RouteTableId, RouteEntryId: id})
	if err != nil || len(entries) != 1 || entries[0].NextHopType() != "VpnGateway" || entries[0].DestinationCidrBlock != "10.99.0.0/16" {
		t.Fatalf("route as created: %v %+v", err, entries)
	}

	d.deleteRow(id)
}

func TestSystemRouteDeleteExplainedBeforeAnyCall(t *testing.T) {
	d := newDriver(t)
	routeEntries(d)
	o := d.rowWhere("a system route", func(o *model.Object) bool { return o.Val().(*model.RouteEntry).Type == "System" })
	mark := len(d.fault.actions())
	d.deleteTyped(o)
	d.waitText("is a system route", "cannot be deleted")
	assertNoWrite(t, d, mark, "system route")
}

func TestRouteNextHopFreeTextChecked(t *testing.T) {
	d := newDriver(t)
	routeEntries(d)
	d.openForm("c")
	d.field("Destination CIDR block", "10.98.0.0/16")
	d.choose("Next hop type", "Instance")
	d.waitFocus("Next hop ID (ECS instance)")
	d.typeText("eni-123")
	d.waitText(`is not a ECS instance ID: it starts with i-`)
}

// The unassociate dialog judges from the route table re-read by its ID:
// one DescribeRouteTableList and no listing of the VPC's VSwitches; a
// VSwitch unbound since the row was listed is refused and nothing is sent.
func TestRtUnassociateRefusesFromTheRereadTable(t *testing.T) {
	d := consoleOn(t, "rt")
	o := d.rowWhere("a custom table with VSwitches", func(o *model.Object) bool {
		rt := o.Val().(*model.RouteTable)
		return rt.RouteTableType == "Custom" && len(rt.VSwitchIds.VSwitchId) > 0
	})
	vsw := o.Val().(*model.RouteTable).VSwitchIds.VSwitchId[0]
	open := func() (*deletePage, int) {
		mark := len(d.fault.actions())
		d.action("Unassociate from " + vsw)
		return d.dialog(), mark
	}
	reads := func(mark int) {
		t.Helper()
		got := d.sentQueries(mark, "DescribeRouteTableList")
		if len(got) != 1 || got[0].Get("RouteTableId") != o.ID {
			t.Errorf("the dialog read the table %d times (%v), want once by RouteTableId=%s", len(got), got, o.ID)
		}
		if n := len(d.sentQueries(mark, "DescribeVSwitches")); n != 0 {
			t.Errorf("the dialog listed VSwitches %d times, want none (sent: %v)", n, d.sentSince(mark))
		}
	}

	dp, mark := open()
	if dp.refused != "" {
		t.Fatalf("a bound VSwitch is refused: %s", dp.refused)
	}
	reads(mark)
	d.keys("esc")

	// Unbound behind the console's back: the listed row still shows it.
	if _, err := client.UnassociateRouteTable.Call(d.ctx, d.api(), &client.RouteTableVSwitchInput{RegionId: "cn-hangzhou", RouteTableId: o.ID, VSwitchId: vsw}); err != nil {
		t.Fatal(err)
	}
	dp, mark = open()
	want := vsw + " is no longer bound to " + o.ID
	if dp.refused != want {
		t.Fatalf("the dialog refusal is %q, want %q", dp.refused, want)
	}
	reads(mark)
	d.typeText(vsw)
	d.keys("enter")
	d.drain()
	assertNoWrite(t, d, mark, "a refused unassociate")
	if !strings.Contains(d.screen(), want) {
		t.Errorf("the screen does not say %q:\n%s", want, d.screen())
	}
}

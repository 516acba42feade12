package ui

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
)

// natBwpIPCount waits, advancing the clocks, until the pane's row id shows
// n IPs.
func natBwpIPCount(d *driver, id string, n int) *model.NatBandwidthPackage {
	d.t.Helper()
	var b *model.NatBandwidthPackage
	d.waitFor(fmt.Sprintf("%s to show %d IPs", id, n), func() bool {
		d.advance(time.Second)
		b = d.rowID(id).Val().(*model.NatBandwidthPackage)
		return len(b.IPs()) == n
	})
	return b
}

// TestNatBwpCreateChangeDelete drills from the staging NAT gateway to its
// bandwidth packages, creates one through the form (the IP count checked
// as typed), watches it settle with no key pressed, renames it, changes its
// bandwidth, adds an IP, removes one through the destructive dialog and
// deletes it there; what the simulator received is checked.
func TestNatBwpCreateChangeDelete(t *testing.T) {
	d := consoleOn(t, "nat")
	nat := d.rowNamed("staging-nat").ID
	drillCreate(d, "NAT Bandwidth Packages")
	d.waitText("Create NAT bandwidth package in "+nat, "2/4 packages")
	d.next("NAT gateway")
	d.replaceField("Bandwidth (Mbit/s)", "5", "20")
	d.waitFocus("Public IPs")
	retype(d, 1, "51", "must be between 1 and 50 (it is 51)", "2")
	d.choose("Zone", "cn-hangzhou-f")
	d.next("Billing")
	d.named("lab-bwp")
	id := d.created("CreateBandwidthPackage", "Available")
	d.sentOnce("CreateBandwidthPackage", map[string]string{"NatGatewayId": nat, "Bandwidth": "20", "IpCount": "2",
		"Zone": "cn-hangzhou-f", "InternetChargeType": "PayByBandwidth", "Name": "lab-bwp"})
	b := d.rowID(id).Val().(*model.NatBandwidthPackage)
	if b.NatGatewayId != nat || len(b.IPs()) != 2 || b.ZoneId != "cn-hangzhou-f" {
		t.Fatalf("package as created: %+v", b)
	}

	d.openForm("e")
	d.replaceField("Name", "lab-bwp", "lab-bwp2")
	d.next("Description")
	d.tracked("ModifyBandwidthPackageAttribute")
	d.waitText("lab-bwp2")

	d.rowAction(id, "Modify spec")
	d.formPage()
	d.replaceField("Bandwidth (Mbit/s)", "20", "40")
	d.tracked("ModifyBandwidthPackageSpec")
	d.settled(id, "Available")
	d.sentOnce("ModifyBandwidthPackageSpec", map[string]string{"Bandwidth": "40"})

	d.rowAction(id, "Add IPs")
	d.formPage()
	d.next("IPs to add")
	d.tracked("AddBandwidthPackageIps")
	d.settled(id, "Available")
	b = d.rowID(id).Val().(*model.NatBandwidthPackage)
	b = natBwpIPCount(d, id, 3)
	if b.Bandwidth != "40" {
		t.Fatalf("after the spec change: %s Mbit/s", b.Bandwidth)
	}

	gone := b.Addresses()[1]
	d.action("Remove IP " + gone)
	d.confirmDialog(gone)
	d.tracked("RemoveBandwidthPackageIps")
	d.settled(id, "Available")
	d.sentOnce("RemoveBandwidthPackageIps", map[string]string{"RemovedIpAddresses.1": gone})
	if ips := natBwpIPCount(d, id, 2).Addresses(); strings.Contains(strings.Join(ips, ","), gone) {
		t.Errorf("IPs after removing %s: %v", gone, ips)
	}
	d.deleteRow(id)
	d.sentOnce("DeleteBandwidthPackage", map[string]string{"BandwidthPackageId": id, "Force": ""})
}

// TestNatBwpRefusalsAndPickers: an IP a DNAT entry uses is not removed (the
// dialog names the entry, nothing is sent), the overdue package refuses a
// spec change before any call, and the SNAT form offers the packages' IPs
// next to the gateway's EIPs.
func TestNatBwpRefusalsAndPickers(t *testing.T) {
	d := consoleOn(t, "bwp")
	b := rowNamedAs[model.NatBandwidthPackage](d, "staging-legacy-egress")
	used := b.IPs()[0]
	if used.UsingStatus != "UsedByForwardTable" {
		t.Fatalf("demo package's first IP: %+v", used)
	}
	mark := len(d.fault.actions())
	d.action("Remove IP " + used.IpAddress)
	d.confirmDialog(used.IpAddress)
	d.waitText("is used by a DNAT entry of " + b.NatGatewayId)
	d.keys("esc")
	assertNoWrite(t, d, mark, "removing an IP a DNAT entry uses")

	rowNamedAs[model.NatBandwidthPackage](d, "staging-batch-egress")
	d.action("Modify spec")
	d.formPage()
	d.waitText("is overdue (FinancialLocked)")
	d.keys("esc")
	assertNoWrite(t, d, mark, "changing an overdue package")

	// The gateway's delete dialog names its packages: the API refuses it
	// while they remain (DependencyViolation.BandwidthPackages).
	d.pane("nat")
	d.rowWhere("staging-nat", func(o *model.Object) bool { return o.ID == b.NatGatewayId })
	d.keys("ctrl+d")
	d.dialog()
	d.waitText("2 nat bandwidth packages")
	d.keys("esc")
	assertNoWrite(t, d, mark, "opening the NAT gateway's delete dialog")
	d.rowWhere("staging-nat", func(o *model.Object) bool { return o.ID == b.NatGatewayId })
	drillCreate(d, "SNAT Entries")
	d.choose("Source", "a CIDR block")
	d.field("Source CIDR block", "10.10.98.0/24")
	d.waitText(b.IPs()[1].IpAddress, "package staging-legacy-egress")
}

// drillCreate opens the selected row's child pane child and its create
// form.
func drillCreate(d *driver, child string) {
	d.t.Helper()
	d.drill(child)
	d.openForm("c")
}

// retype erases n characters of the focused field, types bad, waits for
// the field to say why, then replaces it with good and moves on.
func retype(d *driver, n int, bad, why, good string) {
	d.t.Helper()
	for range n {
		d.keys("backspace")
	}
	d.typeText(bad)
	d.waitText(why)
	for range len(bad) {
		d.keys("backspace")
	}
	d.typeText(good)
	d.keys("enter")
}

package ui

import (
	"slices"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/model"
)

func cbwpOf(o *model.Object) *model.CommonBandwidthPackage {
	return o.Val().(*model.CommonBandwidthPackage)
}

// TestCbwpCreateAddSpecConvertRemoveDelete creates a shared bandwidth
// package through its form (bandwidth and ratio checked as typed, the
// review page before the call), watches it settle with no key pressed,
// adds an EIP picked from the region's (BINDING → Available), drills down
// to it, changes the bandwidth (Modifying → Available), converts it to a
// subscription (reviewed), removes the EIP and deletes the package, both
// through the destructive dialog; what the simulator received is checked
// at each step.
func TestCbwpCreateAddSpecConvertRemoveDelete(t *testing.T) {
	d := consoleOn(t, "cbwp")
	prod := cbwpOf(d.rowNamed("prod-shared-egress"))
	if len(prod.IPs()) < 2 || prod.Bandwidth != "200" {
		t.Fatalf("demo prod-shared-egress: %+v", prod)
	}

	mark := len(d.fault.actions())
	d.openForm("c")
	d.waitFocus("Bandwidth (Mbit/s)")
	d.keys("backspace", "backspace")
	d.typeText("2000")
	d.waitText("must be 1-1000 Mbit/s")
	d.keys("backspace")
	d.keys("enter")
	d.choose("Metering", "PayBy95")
	d.waitFocus("Guaranteed ratio (%)")
	d.typeText("5")
	d.waitText("must be between 10 and 100")
	d.typeText("0")
	d.keys("enter")
	d.named("lab-shared")
	r := d.confirmReview()
	shown := map[string]string{}
	for _, p := range r.params {
		shown[p.name] = p.value
	}
	if shown["Bandwidth"] != "200" || shown["InternetChargeType"] != "PayBy95" || shown["Ratio"] != "50" || shown["Name"] != "lab-shared" {
		t.Errorf("review: %v", shown)
	}
	id := d.created("CreateCommonBandwidthPackage", "Available")
	if q := d.sentQueries(mark, "CreateCommonBandwidthPackage"); len(q) != 1 || q[0].Get("Bandwidth") != "200" || q[0].Get("Ratio") != "50" {
		t.Fatalf("CreateCommonBandwidthPackage sent %v", q)
	}
	p := cbwpOf(d.rowID(id))
	if p.Name != "lab-shared" || p.InternetChargeType != "PayBy95" || p.Ratio != 50 {
		t.Fatalf("package as created: %+v", p)
	}
	mark = len(d.fault.actions())
	d.openForm("e")
	d.replaceField("Name", "lab-shared", "lab-shared2")
	d.next("Description")
	d.tracked("ModifyCommonBandwidthPackageAttribute")
	d.cbwpWhen(id, "renamed", func(p *model.CommonBandwidthPackage) bool { return p.Name == "lab-shared2" })
	if q := d.sentQueries(mark, "ModifyCommonBandwidthPackageAttribute"); len(q) != 1 || q[0].Get("Name") != "lab-shared2" || q[0].Has("Description") {
		t.Errorf("ModifyCommonBandwidthPackageAttribute sent %v", q)
	}

	// Add the spare EIP, picked from the region's free pay-as-you-go EIPs:
	// the prod package's EIPs are not offered.
	d.action("Add EIP")
	d.formPage()
	d.waitText("spare-bastion")
	if s := d.screen(); containsAny(s, prod.Addresses()...) {
		t.Errorf("EIPs of another package are offered:\n%s", s)
	}
	d.choose("EIP", "spare-bastion")
	d.tracked("AddCommonBandwidthPackageIp")
	p = d.cbwpWhen(id, "the EIP to be in, settled", func(p *model.CommonBandwidthPackage) bool {
		return len(p.IPs()) == 1 && p.IPs()[0].BandwidthPackageIpRelationStatus == model.CbwpBinded && p.Phase() == "Available"
	})
	if p.Phase() != "Available" || p.IPs()[0].BandwidthPackageIpRelationStatus != model.CbwpBinded {
		t.Fatalf("package after adding: %+v", p.IPs())
	}
	spare := p.IPs()[0]

	// The package drills down to its EIP, which names the package.
	d.drill("Elastic IPs")
	d.idle()
	e := d.rowWhere("the spare in the package's EIPs", func(o *model.Object) bool { return o.ID == spare.AllocationId }).Val().(*model.EipAddress)
	if e.BandwidthPackageId != id || len(d.browser().table.Rows()) != 1 {
		t.Errorf("EIPs of %s: %d rows, the spare names %q", id, len(d.browser().table.Rows()), e.BandwidthPackageId)
	}
	d.keys("esc")
	d.idle()

	d.rowAction(id, "Change bandwidth")
	d.formPage()
	d.replaceField("Bandwidth (Mbit/s)", "200", "300")
	d.tracked("ModifyCommonBandwidthPackageSpec")
	d.cbwpWhen(id, "300 Mbit/s, settled", func(p *model.CommonBandwidthPackage) bool { return p.Bandwidth == "300" && p.Phase() == "Available" })

	mark = len(d.fault.actions())
	d.action("Convert to subscription")
	d.formPage()
	d.next("Billing cycle")
	d.replaceField("Duration", "1", "40")
	d.waitText("must be between 1 and 36")
	d.keys("backspace")
	d.keys("enter")
	d.next("Pay at once?")
	d.confirmReview()
	d.tracked("ModifyCommonBandwidthPackagePayType")
	if q := d.sentQueries(mark, "ModifyCommonBandwidthPackagePayType"); len(q) != 1 || q[0].Get("PricingCycle") != "Month" ||
		q[0].Get("Duration") != "4" || q[0].Get("AutoPay") != "false" {
		t.Fatalf("ModifyCommonBandwidthPackagePayType sent %v", q)
	}
	d.cbwpWhen(id, "PrePaid", func(p *model.CommonBandwidthPackage) bool { return p.InstanceChargeType == "PrePaid" })

	d.rowAction(id, "Remove "+spare.IpAddress)
	d.confirmDialog(spare.IpAddress)
	d.tracked("RemoveCommonBandwidthPackageIp")
	d.cbwpWhen(id, "the EIP to be out", func(p *model.CommonBandwidthPackage) bool { return len(p.IPs()) == 0 && p.Phase() == "Available" })

	d.deleteTyped(d.rowID(id))
	d.gone(id)
}

// TestCbwpDeleteForceAndLocked: a package with an EIP is deleted only with
// Force (tab in the dialog), which the call then carries; an overdue
// package's bandwidth form refuses before any call.
func TestCbwpDeleteForceAndLocked(t *testing.T) {
	d := consoleOn(t, "cbwp")

	d.rowNamed("legacy-overdue")
	d.refused("x", "Change bandwidth", "FinancialLocked", "the bandwidth of a FinancialLocked package")

	o := d.rowNamed("edge-burst-95")
	ip := cbwpOf(o).IPs()[0]
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.dialog()
	d.waitText("EIP "+ip.IpAddress+" ("+ip.AllocationId+") is in it", "tab to force")
	d.typeText(o.ID)
	d.keys("enter")
	assertNoWrite(t, d, mark, "deleting a package with an EIP, unforced")
	d.keys("tab")
	d.waitText("FORCE")
	d.keys("enter")
	d.tracked("DeleteCommonBandwidthPackage")
	d.gone(o.ID)
	if q := d.sentQueries(mark, "DeleteCommonBandwidthPackage"); len(q) != 1 || q[0].Get("Force") != "true" {
		t.Fatalf("DeleteCommonBandwidthPackage sent %v", q)
	}
	d.pane("eip")
	if e := d.rowWhere(ip.IpAddress, func(o *model.Object) bool { return o.ID == ip.AllocationId }).Val().(*model.EipAddress); e.BandwidthPackageId != "" {
		t.Errorf("the EIP of the deleted package still names %s", e.BandwidthPackageId)
	}
}

// cbwpWhen waits, advancing the clocks with no key pressed, until the
// pane's package id satisfies cond.
func (d *driver) cbwpWhen(id, what string, cond func(p *model.CommonBandwidthPackage) bool) *model.CommonBandwidthPackage {
	d.t.Helper()
	return cbwpOf(d.rowWhen(id, what, func(o *model.Object) bool { return cond(cbwpOf(o)) }))
}

func containsAny(s string, subs ...string) bool {
	return slices.ContainsFunc(subs, func(sub string) bool { return sub != "" && strings.Contains(s, sub) })
}

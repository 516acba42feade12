package ui

import (
	"testing"

	"github.com/alivpc/alivpc/model"
)

// rowUntil waits, advancing the clocks (no key pressed), until the row
// with id is Available and ok says its value is as expected; it returns
// that value.
func rowUntil[T any](d *driver, id, what string, ok func(*T) bool) *T {
	d.t.Helper()
	d.settle()
	return d.rowWhen(id, "be "+what, func(o *model.Object) bool {
		t, isT := o.Val().(*T)
		return isT && o.Status == "Available" && ok(t)
	}).Val().(*T)
}

// ipv6Start opens pane on the demo account and selects the row named row.
func ipv6Start(t *testing.T, pane, row string) (*driver, *model.Object) {
	d := consoleOn(t, pane)
	return d, d.rowNamed(row)
}

// ipv6Create opens the pane's create form (titled title) and returns it
// filled by fill; it returns the new resource's ID once it has settled
// (the clocks advanced, no key pressed).
func (d *driver) ipv6Create(title, action string, fill func()) string {
	d.t.Helper()
	d.openForm("c")
	d.waitText(title)
	fill()
	return d.created(action, "Available")
}

// TestIpv6GatewayFamily walks the IPv6 family in the console against the
// simulator: from the staging VPC (IPv6 blocks, no gateway) a gateway is
// created through its form and settles with no key pressed, upgraded,
// given an egress-only rule for the VPC's address (created through its
// form, deleted through the dialog), the address gets internet bandwidth
// (the PayByTraffic cap of a Large gateway checked as typed), a new
// bandwidth and loses it through the dialog, and the gateway is deleted
// through the dialog. What the simulator received is asserted at each step.
func TestIpv6GatewayFamily(t *testing.T) {
	d, staging := ipv6Start(t, "vpc", "staging")
	if v := staging.Val().(*model.Vpc); v.Ipv6CidrBlock == "" {
		t.Fatalf("demo staging has no IPv6 block: %+v", v)
	}
	d.drill("IPv6 Gateways")
	mark := len(d.fault.actions())

	id := d.ipv6Create("Create IPv6 gateway in "+staging.ID, "CreateIpv6Gateway", func() {
		d.next("VPC")
		d.choose("Spec", "Medium")
		d.refusedAsTyped("Name", "1gw", "must start with a letter")
		d.named("lab-ipv6")
	})
	if q := d.sentQueries(mark, "CreateIpv6Gateway"); len(q) != 1 || q[0].Get("VpcId") != staging.ID || q[0].Get("Spec") != "Medium" || q[0].Get("Name") != "lab-ipv6" {
		t.Fatalf("CreateIpv6Gateway sent %v", q)
	}

	d.rowAction(id, "Upgrade spec")
	d.formPage()
	d.choose("Spec (now Medium)", "Large")
	d.tracked("ModifyIpv6GatewaySpec")
	rowUntil(d, id, "Large", func(g *model.Ipv6Gateway) bool { return g.Spec == "Large" })
	if q := d.sentQueries(mark, "ModifyIpv6GatewaySpec"); len(q) != 1 || q[0].Get("Spec") != "Large" || q[0].Get("Ipv6GatewayId") != id {
		t.Fatalf("ModifyIpv6GatewaySpec sent %v", q)
	}

	// The egress-only rule: the address is picked from the API.
	d.drill("IPv6 Egress-only Rules")
	rule := d.ipv6Create("staging-web-01", "CreateIpv6EgressOnlyRule", func() {
		d.next("IPv6 address")
		d.named("lab-egress")
	})
	r := d.rowID(rule).Val().(*model.Ipv6EgressOnlyRule)
	q := d.sentQueries(mark, "CreateIpv6EgressOnlyRule")
	if len(q) != 1 || q[0].Get("Ipv6GatewayId") != id || q[0].Get("InstanceId") != r.InstanceId || q[0].Get("InstanceType") != "Ipv6Address" {
		t.Fatalf("CreateIpv6EgressOnlyRule sent %v (rule %+v)", q, r)
	}
	addr := r.InstanceId
	d.deleteTyped(d.rowID(rule))
	d.gone(rule)
	if q := d.sentQueries(mark, "DeleteIpv6EgressOnlyRule"); len(q) != 1 || q[0].Get("Ipv6EgressOnlyRuleId") != rule {
		t.Fatalf("DeleteIpv6EgressOnlyRule sent %v", q)
	}
	d.keys("esc")

	// The address's internet bandwidth.
	d.rowID(id)
	d.drill("IPv6 Addresses")
	d.rowAction(addr, "Allocate internet bandwidth")
	d.formPage()
	d.choose("Charge type", "PayByTraffic")
	d.refusedAsTyped("Bandwidth", "2500", "must be 1-2000 Mbps for PayByTraffic behind a Large gateway")
	// The hint follows the charge type chosen above (it kept PayByBandwidth's
	// 1-5000 before).
	d.typeText("1500")
	d.waitText("Mbps: 1-2000 for PayByTraffic behind a Large gateway")
	d.keys("enter")
	d.tracked("AllocateIpv6InternetBandwidth")
	a := rowUntil(d, addr, "public", func(a *model.Ipv6Address) bool { return a.HasBandwidth() })
	if a.NetworkType != "Public" || a.Ipv6InternetBandwidth.Bandwidth != 1500 || a.Ipv6InternetBandwidth.InternetChargeType != "PayByTraffic" {
		t.Fatalf("address after allocating: %+v", a)
	}
	if q := d.sentQueries(mark, "AllocateIpv6InternetBandwidth"); len(q) != 1 || q[0].Get("Bandwidth") != "1500" || q[0].Get("Ipv6GatewayId") != id || q[0].Get("Ipv6AddressId") != addr {
		t.Fatalf("AllocateIpv6InternetBandwidth sent %v", q)
	}

	d.rowAction(addr, "Change internet bandwidth")
	d.formPage()
	d.replaceField("Bandwidth", "1500", "800")
	d.tracked("ModifyIpv6InternetBandwidth")
	rowUntil(d, addr, "800 Mbps", func(a *model.Ipv6Address) bool { return a.Ipv6InternetBandwidth.Bandwidth == 800 })

	d.rowAction(addr, "Delete internet bandwidth")
	d.confirmDialog(addr)
	d.tracked("DeleteIpv6InternetBandwidth")
	if a := rowUntil(d, addr, "private", func(a *model.Ipv6Address) bool { return !a.HasBandwidth() }); a.NetworkType != "Private" {
		t.Fatalf("address after deleting its bandwidth: %+v", a)
	}
	if q := d.sentQueries(mark, "DeleteIpv6InternetBandwidth"); len(q) != 1 || q[0].Get("Ipv6AddressId") != addr {
		t.Fatalf("DeleteIpv6InternetBandwidth sent %v", q)
	}
	d.keys("esc")

	d.deleteTyped(d.rowID(id))
	d.gone(id)
	if q := d.sentQueries(mark, "DeleteIpv6Gateway"); len(q) != 1 || q[0].Get("Ipv6GatewayId") != id {
		t.Fatalf("DeleteIpv6Gateway sent %v", q)
	}
}

// TestIpv6DeleteRefusedBeforeAnyCall: prod-core's gateway has an
// egress-only rule and two public addresses; the delete dialog names them
// and nothing is sent. Its downgrade to Small goes through the typed
// dialog (web-01's 50 Mbps PayByTraffic fits Small's 500).
func TestIpv6DeleteRefusedBeforeAnyCall(t *testing.T) {
	d, gw := ipv6Start(t, "ipv6gw", "prod-core-ipv6")
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.dialog()
	d.waitText("still has 1 egress-only rule", "has 200 Mbps of internet bandwidth", "has 50 Mbps of internet bandwidth", "[ Delete ] (not while something depends on it)")
	d.keys("esc")
	assertNoWrite(t, d, mark, "deleting a gateway with rules and public addresses")

	d.rowAction(gw.ID, "Downgrade spec to Small")
	d.confirmDialog(gw.ID)
	d.tracked("ModifyIpv6GatewaySpec")
	rowUntil(d, gw.ID, "Small", func(g *model.Ipv6Gateway) bool { return g.Spec == "Small" })
}

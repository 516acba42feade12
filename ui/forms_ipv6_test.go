package ui

import (
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
)

// rowUntil waits, advancing the clocks (no key pressed), until the row
// with id is Available and ok says its value is as expected; it returns
// that value.
func rowUntil[T any](d *driver, id, what string, ok func(*T) bool) *T {
	d.t.Helper()
	d.settle()
	var v *T
	d.waitFor(id+" to be "+what, func() bool {
		d.advance(time.Second)
		b, isBrowser := d.app.top().(*browser)
		if !isBrowser {
			return false
		}
		for _, r := range b.table.Rows() {
			if t, isT := r.Obj.Val().(*T); isT && r.Obj.ID == id && r.Obj.Status == "Available" && ok(t) {
				v = t
				return true
			}
		}
		return false
	})
	return v
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
	d := newDriver(t)
	d.idle()
	d.pane("vpc")
	staging := d.rowNamed("staging")
	if v := staging.Val().(*model.Vpc); v.Ipv6CidrBlock == "" {
		t.Fatalf("demo staging has no IPv6 block: %+v", v)
	}
	d.drill("IPv6 Gateways")
	mark := len(d.fault.actions())

	d.keys("c")
	d.formPage()
	d.waitText("Create IPv6 gateway in " + staging.ID)
	d.next("VPC")
	d.choose("Spec", "Medium")
	d.waitFocus("Name")
	d.typeText("1gw")
	d.waitText("must start with a letter")
	d.keys("backspace", "backspace", "backspace")
	d.field("Name", "lab-ipv6")
	d.next("Description")
	id := d.tracked("CreateIpv6Gateway").resID
	d.settled(id, "Available")
	if q := d.sentQueries(mark, "CreateIpv6Gateway"); len(q) != 1 || q[0].Get("VpcId") != staging.ID || q[0].Get("Spec") != "Medium" || q[0].Get("Name") != "lab-ipv6" {
		t.Fatalf("CreateIpv6Gateway sent %v", q)
	}

	d.rowID(id)
	d.keys("x")
	d.menuPick("Upgrade spec")
	d.formPage()
	d.choose("Spec (now Medium)", "Large")
	d.tracked("ModifyIpv6GatewaySpec")
	rowUntil(d, id, "Large", func(g *model.Ipv6Gateway) bool { return g.Spec == "Large" })
	if q := d.sentQueries(mark, "ModifyIpv6GatewaySpec"); len(q) != 1 || q[0].Get("Spec") != "Large" || q[0].Get("Ipv6GatewayId") != id {
		t.Fatalf("ModifyIpv6GatewaySpec sent %v", q)
	}

	// The egress-only rule: the address is picked from the API.
	d.drill("IPv6 Egress-only Rules")
	d.keys("c")
	d.formPage()
	d.waitText("staging-web-01")
	d.next("IPv6 address")
	d.field("Name", "lab-egress")
	d.next("Description")
	rule := d.tracked("CreateIpv6EgressOnlyRule").resID
	d.settled(rule, "Available")
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
	d.rowID(addr)
	d.keys("x")
	d.menuPick("Allocate internet bandwidth")
	d.formPage()
	d.choose("Charge type", "PayByTraffic")
	d.waitFocus("Bandwidth")
	d.typeText("2500")
	d.waitText("must be 1-2000 Mbps for PayByTraffic behind a Large gateway")
	for range 4 {
		d.keys("backspace")
	}
	d.field("Bandwidth", "1500")
	d.tracked("AllocateIpv6InternetBandwidth")
	a := rowUntil(d, addr, "public", func(a *model.Ipv6Address) bool { return a.HasBandwidth() })
	if a.NetworkType != "Public" || a.Ipv6InternetBandwidth.Bandwidth != 1500 || a.Ipv6InternetBandwidth.InternetChargeType != "PayByTraffic" {
		t.Fatalf("address after allocating: %+v", a)
	}
	if q := d.sentQueries(mark, "AllocateIpv6InternetBandwidth"); len(q) != 1 || q[0].Get("Bandwidth") != "1500" || q[0].Get("Ipv6GatewayId") != id || q[0].Get("Ipv6AddressId") != addr {
		t.Fatalf("AllocateIpv6InternetBandwidth sent %v", q)
	}

	d.keys("x")
	d.menuPick("Change internet bandwidth")
	d.formPage()
	d.replaceField("Bandwidth", "1500", "800")
	d.tracked("ModifyIpv6InternetBandwidth")
	rowUntil(d, addr, "800 Mbps", func(a *model.Ipv6Address) bool { return a.Ipv6InternetBandwidth.Bandwidth == 800 })

	d.keys("x")
	d.menuPick("Delete internet bandwidth")
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
	d := newDriver(t)
	d.idle()
	d.pane("ipv6gw")
	gw := d.rowNamed("prod-core-ipv6")
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.dialog()
	d.waitText("still has 1 egress-only rule", "has 200 Mbps of internet bandwidth", "has 50 Mbps of internet bandwidth", "[ Delete ] (not while something depends on it)")
	d.keys("esc")
	assertNoWrite(t, d, mark, "deleting a gateway with rules and public addresses")

	d.rowID(gw.ID)
	d.keys("x")
	d.menuPick("Downgrade spec to Small")
	d.confirmDialog(gw.ID)
	d.tracked("ModifyIpv6GatewaySpec")
	rowUntil(d, gw.ID, "Small", func(g *model.Ipv6Gateway) bool { return g.Spec == "Small" })
}

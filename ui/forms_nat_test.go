package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// natChildren starts the console on prod-core-nat's child pane (SNAT
// Entries, ...) and returns the gateway.
func natChildren(t *testing.T, child string) (*driver, *model.NatGateway) {
	t.Helper()
	d := newDriver(t)
	d.prodCorePane("nat")
	o := d.rowNamed("prod-core-nat")
	d.drill(child)
	return d, o.Val().(*model.NatGateway)
}

func TestNatGatewayCreateEditDelete(t *testing.T) {
	d := newDriver(t)
	vpc := d.prodCorePane("nat")
	d.openForm("c")
	d.waitText("Create NAT gateway in " + vpc)
	d.next("NAT type")
	d.choose("VSwitch", "prod-core-app-f")
	d.named("egress-2")
	d.confirmReview()
	id := d.created("CreateNatGateway", "Available")

	d.renamed(id, "egress-2", "egress-3", "ModifyNatGatewayAttribute")

	// An Enhanced gateway has no spec: said before any call.
	d.refusedAction(id, "Change spec", "has no spec", "spec of an Enhanced gateway")

	d.deleteRow(id)
}

func TestNatGatewaySpecAction(t *testing.T) {
	d := consoleOn(t, "nat")
	o := d.rowWhere("a Normal gateway", func(o *model.Object) bool { return o.Val().(*model.NatGateway).NatType == "Normal" })
	d.action("Change spec")
	d.formPage()
	d.choose("Spec", "Middle")
	d.tracked("ModifyNatGatewaySpec")
	nats, err := client.DescribeNatGateways.Call(d.ctx, d.api(), &client.DescribeNatGatewaysInput{RegionId: "cn-hangzhou", NatGatewayId: o.ID})
	if err != nil || len(nats) != 1 || nats[0].Spec != "Middle" {
		t.Fatalf("spec after the change: %v %+v", err, nats)
	}
}

func TestNatGatewayDeleteOffersForceWithDependents(t *testing.T) {
	d := newDriver(t)
	d.prodCorePane("nat")
	o := d.rowNamed("prod-core-nat")
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	s := d.waitText("still has", "snat entries", "press tab to force")
	if !strings.Contains(s, "dnat entries") {
		t.Errorf("the DNAT entries should be counted:\n%s", s)
	}
	d.typeText(o.ID)
	d.keys("enter")
	d.waitText("Delete what depends on it first")
	assertNoWrite(t, d, mark, "NAT gateway with entries")
	d.keys("tab")
	d.waitText("FORCE", "Force deletes the gateway's SNAT and DNAT entries")
}

func TestSnatEntryCreateEditDelete(t *testing.T) {
	d, nat := natChildren(t, "SNAT Entries")
	d.openForm("c")
	d.waitText("Create SNAT entry in " + nat.NatGatewayId)
	d.next("Source")
	// VSwitches with an SNAT entry already are skipped: the first free one
	// is offered.
	d.choose("Source VSwitch", "prod-core-db-b")
	d.toggle("SNAT IPs", "prod-core-egress-1")
	d.keys("enter")
	d.field("Name", "snat-db")
	id := d.created("CreateSnatEntry", "Available")

	d.editRow(id)
	d.refusedAsTyped("SNAT IPs", ",10.0.0.1", "10.0.0.1 is not an EIP of "+nat.NatGatewayId)
	d.keys("enter")
	d.replaceField("Name", "snat-db", "snat-db2")
	d.tracked("ModifySnatEntry")

	d.deleteRow(id)
}

func TestSnatRefusesDnatIPAndTakenVSwitch(t *testing.T) {
	d, _ := natChildren(t, "SNAT Entries")
	p := d.openForm("c")
	m := p.m.(*forms.SnatForm)
	ingress := ""
	for _, e := range m.Nc.Eips {
		if strings.Contains(e.Label, "ingress") {
			ingress = e.Value
		}
	}
	if ingress == "" {
		t.Fatal("the DNAT EIP should be offered (and refused)")
	}
	m.Ips = []string{ingress}
	if err := m.CheckIPs(); err == nil || !strings.Contains(err.Error(), "cannot serve both SNAT and DNAT") {
		t.Errorf("an IP used by DNAT must be refused: %v", err)
	}
	var taken string
	for v := range m.Nc.SnatVsw {
		taken = v
	}
	m.Source, m.VswID = "vsw", taken
	if err := m.Check(nil); err == nil || !strings.Contains(err.Error(), "can belong to one SNAT entry only") {
		t.Errorf("a VSwitch with an SNAT entry must be refused: %v", err)
	}
}

func TestDnatEntryCreateEditDelete(t *testing.T) {
	d, nat := natChildren(t, "DNAT Entries")
	d.openForm("c")
	d.waitText("Create DNAT entry in " + nat.NatGatewayId)
	d.choose("External IP", "prod-core-ingress")
	d.next("Protocol")
	d.refusedAsTyped("External port", "70000", "must be between 1 and 65535")
	d.field("External port", "8081")
	d.refusedAsTyped("Internal IP", "192.168.9.9", "outside the VPC block 10.0.0.0/16")
	d.field("Internal IP", "10.0.1.20")
	d.field("Internal port", "8081")
	d.field("Name", "admin")
	id := d.created("CreateForwardEntry", "Available")

	d.editRow(id)
	d.next("External IP", "Protocol")
	d.replaceField("External port", "8081", "8082")
	d.next("Internal IP", "Internal port", "Name")
	d.tracked("ModifyForwardEntry")
	es, err := client.DescribeForwardTableEntries.Call(d.ctx, d.api(), &client.DescribeForwardTableEntriesInput{RegionId: "cn-hangzhou",
		ForwardTableId: nat.ForwardTableIds.ForwardTableId[0], ForwardEntryId: id})
	if err != nil || len(es) != 1 || es[0].ExternalPort != "8082" {
		t.Fatalf("after the edit: %v %+v", err, es)
	}

	d.deleteRow(id)
}

func TestEipAllocateEditAssociateUnassociateRelease(t *testing.T) {
	d := consoleOn(t, "eip")
	d.openForm("c")
	d.next("Bandwidth (Mbit/s)", "Billing")
	d.named("lab-eip")
	d.confirmReview()
	id := d.created("AllocateEipAddress", "Available")

	d.editRow(id)
	d.replaceField("Name", "lab-eip", "lab-eip-2")
	d.next("Description")
	d.replaceField("Bandwidth (Mbit/s)", "5", "10")
	d.tracked("ModifyEipAddressAttribute")

	d.rowAction(id, "Associate")
	d.formPage()
	d.next("Instance type")
	d.choose("NAT gateway", "prod-core-nat")
	d.tracked("AssociateEipAddress")
	d.settled(id, "InUse")

	// Release is explained before any call while it is bound.
	mark := len(d.fault.actions())
	d.rowAction(id, "Release")
	d.waitText("only an Available EIP can be")
	d.keys("esc")
	o := d.rowID(id)
	d.deleteTyped(o)
	d.waitText("only an Available EIP can be released")
	assertNoWrite(t, d, mark, "releasing a bound EIP")
	d.keys("esc")

	d.confirmedAction(id, "Unassociate", "UnassociateEipAddress", "Available")

	d.rowAction(id, "Release")
	d.confirmDialog(id)
	d.tracked("ReleaseEipAddress")
	d.gone(id)
}

func TestEipAssociateEcsIDChecked(t *testing.T) {
	d := consoleOn(t, "eip")
	d.rowNamed("spare-bastion")
	d.action("Associate")
	d.formPage()
	d.choose("Instance type", "ECS instance")
	d.waitFocus("ECS instance ID")
	d.typeText("ngw-1")
	d.waitText("is not a ECS instance ID")
}

// c outside a NAT gateway's entries says where an entry is created, and
// nothing can be sent from it.
func TestNatEntryCreateOutsideAGatewaySaysWhere(t *testing.T) {
	d := newDriver(t)
	for _, c := range []struct{ kind, title, action, how string }{
		{"snat", "Create SNAT entry", "CreateSnatEntry", "An SNAT entry belongs to a NAT gateway: open :nat, select a gateway, enter → SNAT Entries, then c."},
		{"dnat", "Create DNAT entry", "CreateForwardEntry", "A DNAT entry belongs to a NAT gateway: open :nat, select a gateway, enter → DNAT Entries, then c."},
	} {
		fc := &forms.FormCtx{Region: "cn-hangzhou"}
		m := forms.OpsFor(d.app.reg.MustLookup(c.kind)).Create(fc)
		err := m.Check(fc)
		if m.Title() != c.title || m.Action() != c.action || err == nil || err.Error() != c.how {
			t.Errorf("%s: %q %q %v, want %q %q %q", c.kind, m.Title(), m.Action(), err, c.title, c.action, c.how)
		}
	}
}

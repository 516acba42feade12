package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

func TestVpnGatewayCreateEditDelete(t *testing.T) {
	d := newConsole(t)
	vpc := d.rowNamed("staging").ID
	d.pane("vpn " + vpc)
	d.openForm("c")
	d.waitText("Create VPN gateway in " + vpc)
	d.next("Bandwidth (Mbit/s)")
	d.refusedAsTyped("Name", "staging.vpn", "may contain only letters") // VpnGatewayName has no '.'
	d.field("Name", "staging-vpn")
	d.choose("VSwitch", "staging-app-b")
	d.next("IPsec-VPN (site to site)?", "SSL-VPN (clients to site)?")
	d.confirmReview()
	id := d.created("CreateVpnGateway", "active")

	d.renamed(id, "staging-vpn", "staging-vpn2", "ModifyVpnGatewayAttribute")

	d.deleteRow(id)
}

func TestVpnGatewayDeleteBlockedByIpsec(t *testing.T) {
	d := consoleOn(t, "vpn")
	o := d.rowNamed("prod-core-vpn")
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.waitText("still has 2 ipsec connections")
	d.typeText(o.ID)
	d.keys("enter")
	d.waitText("Delete what depends on it first")
	assertNoWrite(t, d, mark, "VPN gateway with IPsec connections")
}

func TestCustomerGatewayCreateEditDelete(t *testing.T) {
	d := consoleOn(t, "cgw")
	// A gateway an IPsec connection uses cannot be deleted: counted first.
	used := d.rowNamed("office-shanghai")
	d.refused("ctrl+d", "", "still has 1 ipsec connection", "customer gateway in use")
	_ = used

	d.openForm("c")
	d.refusedAsTyped("Public IP", "100.64.1.1", "shared address space")
	d.field("Public IP", "203.0.113.99")
	d.refusedAsTyped("ASN", "45104", "Alibaba Cloud's own")
	d.field("ASN", "65030")
	d.named("branch-lab")
	id := d.tracked("CreateCustomerGateway").resID
	d.renamed(id, "branch-lab", "branch-lab2", "ModifyCustomerGatewayAttribute")
	d.deleteRow(id)
}

// newIpsecForm registers a customer gateway (ip, name) behind the
// console's back and opens the IPsec create form of prod-core-vpn; it
// returns the VPN gateway's row and the form.
func (d *driver) newIpsecForm(ip, cgw string) (*model.Object, *formPage) {
	d.t.Helper()
	if _, err := client.CreateCustomerGateway.Call(d.ctx, d.api(), &client.CreateCustomerGatewayInput{RegionId: "cn-hangzhou", IpAddress: ip, Name: cgw}); err != nil {
		d.t.Fatal(err)
	}
	d.pane("vpn")
	vpn := d.rowNamed("prod-core-vpn")
	d.drill("IPsec Connections")
	d.waitText("IPsec Connections of " + vpn.ID)
	return vpn, d.openForm("c")
}

func TestIpsecConnectionCreateEditDeleteKeepsPskSecret(t *testing.T) {
	audit := &syncBuffer{}
	d := newConsole(t, func(_ *sim.Options, o *Options) { o.AuditLog = audit })
	vpn, _ := d.newIpsecForm("203.0.113.77", "lab-cgw")
	d.waitText("Create IPsec connection on " + vpn.ID)
	d.choose("Customer gateway", "lab-cgw")
	d.field("Name", "ipsec-lab")
	d.refusedAsTyped("Local subnets", "10.0.0.0/33", "not a CIDR block")
	d.field("Local subnets", "10.0.0.0/16")
	d.field("Remote subnets", "192.168.50.0/24")
	d.waitFocus("Negotiate immediately?")
	d.keys("y")
	d.next("IKE version", "Negotiation mode", "Encryption", "Authentication", "DH group (PFS)")
	d.waitFocus("SA lifetime (s)")
	d.typeText("9")
	d.waitText("0-86400 seconds (it is 864009)")
	d.keys("backspace", "enter")
	const psk = "Lab-Psk-42!"
	d.waitFocus("Pre-shared key")
	d.typeText(psk)
	if strings.Contains(d.screen(), psk) {
		t.Fatalf("the pre-shared key is echoed:\n%s", d.screen())
	}
	d.keys("enter")
	d.next("Local ID", "Remote ID")
	d.next("Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
	d.confirmReview()
	id := d.created("CreateVpnConnection", "ipsec_sa_established")
	d.waitFor("the audit line", func() bool { return strings.Contains(audit.String(), "CreateVpnConnection") })
	if strings.Contains(audit.String(), psk) {
		t.Fatalf("the pre-shared key reached the audit log: %s", audit.String())
	}
	conns, err := client.DescribeVpnConnections.Call(d.ctx, d.api(), &client.DescribeVpnConnectionsInput{RegionId: "cn-hangzhou", VpnConnectionId: id})
	if err != nil || len(conns) != 1 || conns[0].IkeConfig.Psk != psk || conns[0].LocalSubnet != "10.0.0.0/16" {
		t.Fatalf("connection as created: %v %+v", err, conns)
	}

	d.editRow(id)
	d.replaceField("Name", "ipsec-lab", "ipsec-lab2")
	d.next("Local subnets", "Remote subnets", "Negotiate immediately?")
	d.next("IKE version", "Negotiation mode", "Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)", "Pre-shared key", "Local ID", "Remote ID")
	d.next("Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
	d.tracked("ModifyVpnConnectionAttribute")
	d.waitText("ipsec-lab2")

	d.deleteRow(id)
}

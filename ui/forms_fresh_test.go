package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// Fresh choices: every form loads its choice lists each time it opens,
// drafts included; the pane's parent wins over a draft's; a draft's choice
// that is no longer offered is marked and refused.

// eipNamed looks an EIP up by name, independently of the console.
func (d *driver) eipNamed(name string) *model.EipAddress {
	d.t.Helper()
	es, err := client.DescribeEipAddresses.Call(d.ctx, d.api(), &client.DescribeEipAddressesInput{RegionId: "cn-hangzhou", EipName: name})
	exactlyOne(d.t, "EIP "+name, es, err)
	return es[0]
}

// eipBound waits (advancing the simulator's clock) until the EIP reads
// status.
func (d *driver) eipStatus(name, status string) {
	d.t.Helper()
	d.waitFor(name+" to read "+status, func() bool {
		d.advance(time.Second)
		return d.eipNamed(name).Status == status
	})
}

// natEip binds the EIP e to the gateway (or unbinds it) behind the
// console's back and waits until the console reads its new status.
func (d *driver) natEip(nat *model.NatGateway, e *model.EipAddress, bind bool) {
	d.t.Helper()
	var err error
	status := "InUse"
	if bind {
		_, err = client.AssociateEipAddress.Call(d.ctx, d.api(), &client.AssociateEipAddressInput{RegionId: "cn-hangzhou",
			AllocationId: e.AllocationId, InstanceId: nat.NatGatewayId, InstanceType: "Nat"})
	} else {
		status = "Available"
		_, err = client.UnassociateEipAddress.Call(d.ctx, d.api(), &client.UnassociateEipAddressInput{RegionId: "cn-hangzhou",
			AllocationId: e.AllocationId, InstanceId: nat.NatGatewayId, InstanceType: "Nat"})
	}
	noErr(d.t, err)
	d.eipStatus(e.Name, status)
}

// chooseKeepsPort chooses the external IP ip in the open DNAT form and
// checks that the external port typed before (port) is still there;
// lost says what went wrong otherwise.
func (d *driver) chooseKeepsPort(ip, port, lost string) {
	d.t.Helper()
	d.choose("External IP", ip)
	d.next("Protocol")
	d.waitFocus("External port")
	if !strings.Contains(d.screen(), port) {
		d.t.Errorf("%s:\n%s", lost, d.screen())
	}
}

// back moves a form's focus to the previous field (shift+tab).
func (d *driver) back() {
	d.process(tea.KeyPressMsg{Code: tea.KeyTab, Mod: tea.ModShift})
	d.drain()
}

// closeForm leaves the form with esc (its input is kept as a draft).
func (d *driver) closeForm() {
	d.t.Helper()
	d.formPage()
	d.keys("esc")
	d.waitFor("the form to close", func() bool { _, ok := d.app.top().(*formPage); return !ok })
}

func TestDnatReopenedFormOffersEipAssociatedSince(t *testing.T) {
	d, nat := natChildren(t, "DNAT Entries")
	spare := d.eipNamed("spare-bastion")
	d.openForm("c")
	d.waitFocus("External IP")
	if strings.Contains(d.screen(), spare.IpAddress) {
		t.Fatalf("spare-bastion is not bound yet but is offered:\n%s", d.screen())
	}
	d.next("External IP", "Protocol")
	d.field("External port", "2222")
	d.closeForm()

	// Bound to the gateway behind the console's back.
	d.natEip(nat, spare, true)

	d.openForm("c")
	d.chooseKeepsPort(spare.IpAddress, "2222", "the draft's external port is lost")
	d.keys("enter")
	es, err := d.forwardToBastion(nat, "ssh-bastion")
	if err != nil || len(es) != 1 || es[0].ExternalIp != spare.IpAddress || es[0].ExternalPort != "2222" {
		t.Fatalf("the entry as the simulator has it: %v %+v", err, es)
	}
}

// forwardToBastion fills the rest of a DNAT form, from its internal IP on,
// with the bastion's SSH port and the name name, and returns what the
// simulator answers when asked for the entry the form created.
func (d *driver) forwardToBastion(nat *model.NatGateway, name string) ([]*model.ForwardEntry, error) {
	d.t.Helper()
	d.field("Internal IP", "10.0.1.21")
	d.field("Internal port", "22")
	d.field("Name", name)
	id := d.tracked("CreateForwardEntry").resID
	return client.DescribeForwardTableEntries.Call(d.ctx, d.api(), &client.DescribeForwardTableEntriesInput{RegionId: "cn-hangzhou",
		ForwardTableId: nat.ForwardTableIds.ForwardTableId[0], ForwardEntryId: id})
}

func TestDnatDraftEipNoLongerAssociatedIsMarkedAndRefused(t *testing.T) {
	d, nat := natChildren(t, "DNAT Entries")
	spare := d.eipNamed("spare-bastion")
	d.natEip(nat, spare, true)
	d.openForm("c")
	d.choose("External IP", spare.IpAddress)
	d.closeForm()

	d.natEip(nat, spare, false)

	mark := len(d.fault.actions())
	d.openForm("c")
	d.waitFocus("External IP")
	d.waitText("✗ " + spare.IpAddress + " is no longer associated with " + nat.NatGatewayId + "; choose another")
	// Enter does not move on with it.
	d.keys("enter")
	d.idle()
	d.waitFocus("External IP")
	if m := d.formPage().m.(*forms.DnatForm); m.Check(d.formPage().fc) == nil {
		t.Errorf("Check accepts an EIP no longer associated (%s)", m.ExtIP)
	}
	assertNoWrite(t, d, mark, "a draft's EIP no longer associated")
	// Another choice goes through, with the IP chosen.
	d.choose("External IP", "prod-core-ingress")
	d.next("Protocol")
	d.field("External port", "2223")
	es, err := d.forwardToBastion(nat, "ssh-2")
	if err != nil || len(es) != 1 || es[0].ExternalIp == spare.IpAddress || es[0].ExternalIp == "" {
		t.Fatalf("the entry as the simulator has it: %v %+v", err, es)
	}
}

func TestRouteReopenedFormOffersPeeringCreatedSince(t *testing.T) {
	d := newDriver(t)
	rt := routeEntries(d)
	d.openForm("c")
	d.field("Destination CIDR block", "10.97.0.0/16")
	d.choose("Next hop type", "VpcPeer")
	d.waitFocus("Next hop (VPC peering connection)")
	d.closeForm()

	dev := ""
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "dev-sandbox"})
	exactlyOne(t, "dev-sandbox", vpcs, err)
	dev = vpcs[0].VpcId
	out, err := client.CreateVpcPeerConnection.Call(d.ctx, d.api(), &client.CreateVpcPeerConnectionInput{RegionId: "cn-hangzhou", VpcId: rt.VpcId,
		AcceptingAliUid: sim.AccountUID, AcceptingRegionId: "cn-hangzhou", AcceptingVpcId: dev, Name: "fresh-peer"})
	noErr(t, err)
	d.advance(10 * time.Second)

	d.openForm("c")
	d.waitFocus("Destination CIDR block")
	if !strings.Contains(d.screen(), "10.97.0.0/16") {
		t.Errorf("the draft's destination is lost:\n%s", d.screen())
	}
	d.keys("enter")
	d.next("Next hop type")
	d.choose("Next hop (VPC peering connection)", out.InstanceId)
	d.named("to-dev")
	d.confirmReview()
	id := d.tracked("CreateRouteEntry").resID
	entries, err := client.DescribeRouteEntryList.Call(d.ctx, d.api(), &client.DescribeRouteEntryListInput{RegionId: "cn-hangzhou", RouteTableId: rt.RouteTableId, RouteEntryId: id})
	if err != nil || len(entries) != 1 || entries[0].NextHopType() != "VpcPeer" || entries[0].DestinationCidrBlock != "10.97.0.0/16" ||
		!strings.Contains(entries[0].NextHopText(), out.InstanceId) {
		t.Fatalf("route as the simulator has it: %v %+v", err, entries)
	}
}

// ipsecPaneOf opens the IPsec Connections pane of the customer gateway
// named name.
func ipsecPaneOf(d *driver, name string) string {
	d.t.Helper()
	d.pane("cgw")
	id := d.rowNamed(name).ID
	d.drill("IPsec Connections")
	d.idle()
	d.waitText("IPsec Connections of " + id)
	return id
}

func TestIpsecDraftReopenedUnderAnotherCustomerGatewaySendsThatGateway(t *testing.T) {
	d := newConsole(t)
	for _, c := range []struct{ name, ip string }{{"lab-a", "203.0.113.71"}, {"lab-b", "203.0.113.72"}} {
		if _, err := client.CreateCustomerGateway.Call(d.ctx, d.api(), &client.CreateCustomerGatewayInput{RegionId: "cn-hangzhou", IpAddress: c.ip, Name: c.name}); err != nil {
			t.Fatal(err)
		}
	}
	cgwB := ipsecPaneOf(d, "lab-b")
	d.openForm("c")
	d.choose("VPN gateway", "prod-core-vpn")
	d.field("Name", "from-b")
	d.field("Local subnets", "10.0.0.0/16")
	d.field("Remote subnets", "192.168.61.0/24")
	d.closeForm()

	cgwA := ipsecPaneOf(d, "lab-a")
	d.openForm("c")
	d.waitFocus("VPN gateway")
	s := d.screen()
	if !strings.Contains(s, "from-b") || !strings.Contains(s, "192.168.61.0/24") {
		t.Errorf("the draft's values are lost:\n%s", s)
	}
	if m := d.formPage().m.(*forms.IpsecForm); m.CgwID != cgwA {
		t.Errorf("the form opened under %s holds customer gateway %s", cgwA, m.CgwID)
	}
	d.next("VPN gateway", "Name", "Local subnets", "Remote subnets", "Negotiate immediately?")
	d.next("IKE version", "Negotiation mode", "Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)", "Pre-shared key", "Local ID", "Remote ID")
	d.next("Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
	d.confirmReview()
	id := d.tracked("CreateVpnConnection").resID
	conns, err := client.DescribeVpnConnections.Call(d.ctx, d.api(), &client.DescribeVpnConnectionsInput{RegionId: "cn-hangzhou", VpnConnectionId: id})
	exactlyOne(t, "the connection", conns, err)
	if c := conns[0]; c.CustomerGatewayId != cgwA || c.Name != "from-b" || c.RemoteSubnet != "192.168.61.0/24" {
		t.Fatalf("sent CustomerGatewayId=%s (pane of %s, draft typed under %s), Name=%s, RemoteSubnet=%s",
			c.CustomerGatewayId, cgwA, cgwB, c.Name, c.RemoteSubnet)
	}
}

// nextFree is the next free block of size bits in the VPC named name, as
// the simulator's VSwitches leave it.
func (d *driver) nextFree(name string, bits int) (string, *model.Vpc) {
	d.t.Helper()
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: name})
	exactlyOne(d.t, "VPC "+name, vpcs, err)
	sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VpcId: vpcs[0].VpcId})
	noErr(d.t, err)
	var used []string
	for _, s := range sws {
		used = append(used, s.CidrBlock)
	}
	return model.NextFreeBlock(vpcs[0].CidrBlock, used, bits), vpcs[0]
}

func TestVSwitchFormCIDRFollowsTheChosenVPC(t *testing.T) {
	d := newConsole(t)
	prodFree, _ := d.nextFree("prod-core", 24)
	stagingFree, staging := d.nextFree("staging", 24)
	if prodFree == stagingFree {
		t.Fatalf("the demo VPCs should differ: %s", prodFree)
	}
	d.pane("vsw")
	d.openForm("c")
	d.waitText("Create VSwitch")
	d.choose("VPC", "prod-core")
	d.next("Zone")
	d.waitFocus("CIDR block")
	if m := d.formPage().m.(*forms.VswCreate); m.Cidr != prodFree {
		t.Fatalf("prod-core's suggestion: %q, want %q", m.Cidr, prodFree)
	}
	// Back to the VPC: another choice brings its own next free block.
	d.back()
	d.waitFocus("Zone")
	d.back()
	d.choose("VPC", staging.VpcId)
	d.next("Zone")
	d.waitFocus("CIDR block")
	if m := d.formPage().m.(*forms.VswCreate); m.Cidr != stagingFree {
		t.Fatalf("after choosing staging the CIDR block is %q, want staging's next free %q", m.Cidr, stagingFree)
	}
	if !strings.Contains(d.screen(), stagingFree) {
		t.Errorf("the field does not show %s:\n%s", stagingFree, d.screen())
	}
	// A block the user typed is theirs: changing the VPC leaves it.
	for range len(stagingFree) {
		d.keys("backspace")
	}
	d.typeText("172.16.99.0/24")
	d.back()
	d.waitFocus("Zone")
	d.back()
	d.choose("VPC", "prod-core")
	d.next("Zone")
	d.waitFocus("CIDR block")
	if m := d.formPage().m.(*forms.VswCreate); m.Cidr != "172.16.99.0/24" {
		t.Errorf("a typed block was replaced by %q", m.Cidr)
	}
}

func TestVSwitchCtrlEFillsNextFreeOnEmptyAndOverlappingCIDR(t *testing.T) {
	d := newDriver(t)
	free24, vpc := d.nextFree("prod-core", 24)
	free26, _ := d.nextFree("prod-core", 26)
	sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VpcId: vpc.VpcId})
	if err != nil || len(sws) == 0 {
		t.Fatalf("prod-core's VSwitches: %v", err)
	}
	taken := sws[0].CidrBlock
	d.idle()
	d.rowNamed("prod-core")
	d.drill("VSwitches")
	d.openForm("c")
	d.waitText("Create VSwitch in " + vpc.VpcId)
	d.next("Zone")
	d.waitFocus("CIDR block")
	cidr := func() string { return d.formPage().m.(*forms.VswCreate).Cidr }
	for range len(cidr()) {
		d.keys("backspace")
	}
	if cidr() != "" {
		t.Fatalf("the field is not empty: %q", cidr())
	}
	d.keys("ctrl+e")
	if got := cidr(); got != free24 {
		t.Fatalf("ctrl+e on an empty field: %q, want %q", got, free24)
	}

	// An overlapping block: ctrl+e replaces it with the next free one.
	for range len(cidr()) {
		d.keys("backspace")
	}
	d.typeText(taken)
	d.waitText("overlaps")
	d.keys("ctrl+e")
	if got := cidr(); got != free24 {
		t.Fatalf("ctrl+e on the overlapping %s: %q, want %q", taken, got, free24)
	}
	// Of the size typed.
	for range len(cidr()) {
		d.keys("backspace")
	}
	p, _ := model.ParseCIDR(taken)
	d.typeText(p.Addr().String() + "/26")
	d.waitText("overlaps", "— ctrl+e: "+free26) // said under the field
	d.keys("ctrl+e")
	if got := cidr(); got != free26 {
		t.Fatalf("ctrl+e on an overlapping /26: %q, want %q", got, free26)
	}
	d.waitFocus("CIDR block")
	if !strings.Contains(d.screen(), free26) {
		t.Errorf("the field does not show %s:\n%s", free26, d.screen())
	}
	// And it is what is sent.
	d.keys("enter")
	d.named("filled")
	id := d.tracked("CreateVSwitch").resID
	got, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VSwitchId: id})
	if err != nil || len(got) != 1 || got[0].CidrBlock != free26 {
		t.Fatalf("the VSwitch as the simulator has it: %v %+v", err, got)
	}
}

// Every form that loads choices loads them again when a draft reopens: the
// reopening sends the same reads as the first opening.
func TestEveryDraftReloadsItsChoices(t *testing.T) {
	d := newConsole(t)
	for _, pane := range []string{"vsw", "nat", "rt", "vpn", "ipsec", "peer", "vpcflowlog", "bgp", "bgppeer", "bgpnet"} {
		d.pane(pane)
		reads := func() []string {
			mark := len(d.fault.actions())
			d.openForm("c")
			var out []string
			for _, a := range d.sentSince(mark) {
				if readOnlyAction(a) {
					out = append(out, a)
				}
			}
			d.closeForm()
			return out
		}
		first, again := reads(), reads()
		if len(first) == 0 {
			t.Errorf(":%s: the form loaded no choices", pane)
			continue
		}
		if strings.Join(first, ",") != strings.Join(again, ",") {
			t.Errorf(":%s: the first opening read %v, the draft's %v", pane, first, again)
		}
	}
}

func TestSnatDraftIPNoLongerAssociatedIsMarkedAndRefused(t *testing.T) {
	d, nat := natChildren(t, "SNAT Entries")
	spare := d.eipNamed("spare-bastion")
	d.natEip(nat, spare, true)
	d.openForm("c")
	d.next("Source")
	d.choose("Source VSwitch", "prod-core-db-b")
	d.toggle("SNAT IPs", "spare-bastion")
	d.closeForm()

	d.natEip(nat, spare, false)

	mark := len(d.fault.actions())
	d.openForm("c")
	d.next("Source", "Source VSwitch")
	d.waitFocus("SNAT IPs")
	d.waitText(spare.IpAddress + "  ✗ is no longer associated with " + nat.NatGatewayId)
	d.keys("enter")
	d.waitText("unselect it")
	d.waitFocus("SNAT IPs")
	if m := d.formPage().m.(*forms.SnatForm); m.Check(d.formPage().fc) == nil {
		t.Errorf("Check accepts an IP no longer associated (%v)", m.Ips)
	}
	assertNoWrite(t, d, mark, "a draft's SNAT IP no longer associated")
}

// ctrl+r in an open form reloads its choices and keeps what was typed.
func TestCtrlRInOpenFormReloadsChoices(t *testing.T) {
	d, nat := natChildren(t, "DNAT Entries")
	spare := d.eipNamed("spare-bastion")
	d.openForm("c")
	d.next("External IP", "Protocol")
	d.waitFocus("External port")
	d.typeText("2222")
	d.natEip(nat, spare, true)
	d.keys("ctrl+r")
	d.waitText("Choices reloaded")
	d.formPage()
	d.chooseKeepsPort(spare.IpAddress, "2222", "ctrl+r lost the external port typed")
}

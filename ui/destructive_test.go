package ui

import (
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/ui/forms"
)

// confirmDialog waits for the destructive-action dialog, lets it finish
// reading what depends on the resource, types text and presses enter (a
// refusing dialog gets the keys too: it must send nothing).
func (d *driver) confirmDialog(text string) {
	d.t.Helper()
	d.dialog()
	if dp := d.app.top().(*deletePage); dp.refused == "" && !strings.Contains(d.screen(), "Type ") {
		d.t.Fatalf("the dialog does not ask for typed text:\n%s", d.screen())
	}
	d.typeText(text)
	d.keys("enter")
}

// dialog waits for the destructive-action dialog to be on top and done
// reading; a form or a yes/no there fails the test.
func (d *driver) dialog() *deletePage {
	d.t.Helper()
	var dp *deletePage
	d.waitFor("the typed-confirmation dialog", func() bool {
		switch p := d.app.top().(type) {
		case *formPage:
			d.t.Fatalf("a form opened instead of the typed-confirmation dialog:\n%s", d.screen())
		case *deletePage:
			dp = p
			return !p.checking && (p.checked || p.refused != "" || !p.needsCheck())
		}
		return false
	})
	return dp
}

// sentQueries are the parameters of every call of action since mark.
func (d *driver) sentQueries(mark int, action string) []url.Values {
	d.fault.mu.Lock()
	defer d.fault.mu.Unlock()
	var out []url.Values
	for i := mark; i < len(d.fault.log); i++ {
		if d.fault.log[i] == action {
			out = append(out, d.fault.query[i])
		}
	}
	return out
}

// destructiveCase is one destructive action reachable in the console.
type destructiveCase struct {
	name  string
	pane  string
	setup func(d *driver) string // creates the target and returns its ID
	pick  func(o *model.Object) bool
	menu  string // x menu entry; empty means ctrl+d
	// typed is the text that confirms (the ID when nil); keys are pressed
	// before enter (tab forces).
	typed  func(o *model.Object) string
	keys   []string
	action string
	param  string
	value  func(o *model.Object) string // o.ID when nil
	shows  func(o *model.Object) []string
	more   map[string]string // other parameters the call must carry
	// blocked: what depends on it makes the API refuse, so even the right
	// text sends nothing.
	blocked bool
}

func statusIs(kind, status string) func(*model.Object) bool {
	return func(o *model.Object) bool { return o.Kind.Name == kind && o.Status == status }
}

func named(n string) func(*model.Object) bool {
	return func(o *model.Object) bool { return o.Name == n }
}

func destructiveCases() []destructiveCase {
	vbrActive := func(o *model.Object) bool { return o.Kind.Name == "vbr" && strings.EqualFold(o.Status, "active") }
	customRoute := func(o *model.Object) bool {
		e, ok := o.Val().(*model.RouteEntry)
		return ok && e.RouteEntryName == "to-legacy-idc"
	}
	boundTable := func(o *model.Object) bool {
		t, ok := o.Val().(*model.RouteTable)
		return ok && t.RouteTableType == "Custom" && len(t.VSwitchIds.VSwitchId) > 0
	}
	firstVsw := func(o *model.Object) string { return o.Val().(*model.RouteTable).VSwitchIds.VSwitchId[0] }
	// Deletable as they are: what the dialogs refuse otherwise.
	gaFree := func(o *model.Object) bool {
		g, ok := o.Val().(*model.GlobalAcceleration)
		return ok && len(g.Backends())+len(g.EIPs()) == 0 && o.Status == "Available"
	}
	pcDeletable := func(o *model.Object) bool { return o.Kind.Name == "pc" && model.PCDeletable(o.Status) }
	riDown := func(o *model.Object) bool {
		return o.Kind.Name == "ri" && (o.Status == "Idle" || o.Status == "Inactive")
	}
	return []destructiveCase{
		{name: "vpc", pane: "vpc", setup: func(d *driver) string {
			out, err := client.CreateVpc.Call(d.ctx, d.api(), &client.CreateVpcInput{RegionId: "cn-hangzhou", CidrBlock: "192.168.0.0/16", VpcName: "doomed"})
			noErr(d.t, err)
			return out.VpcId
		}, action: "DeleteVpc", param: "VpcId"},
		{name: "vsw", pane: "vsw", pick: named("dev-sbx-f"), action: "DeleteVSwitch", param: "VSwitchId"},
		{name: "rt", pane: "rt", setup: func(d *driver) string {
			out, err := client.CreateRouteTable.Call(d.ctx, d.api(), &client.CreateRouteTableInput{RegionId: "cn-hangzhou", VpcId: vpcNamed(d, "dev-sandbox"), RouteTableName: "doomed"})
			noErr(d.t, err)
			return out.RouteTableId
		}, action: "DeleteRouteTable", param: "RouteTableId"},
		{name: "route entry", pane: "route", pick: customRoute, action: "DeleteRouteEntry", param: "RouteEntryId",
			shows: func(o *model.Object) []string {
				e := o.Val().(*model.RouteEntry)
				return []string{"Destination 172.31.0.0/16 → next hop Instance " + e.NextHops.NextHop[0].NextHopId, "Route table " + e.RouteTableId}
			}, more: map[string]string{"RouteTableId": ""}},
		{name: "nat (forced)", pane: "nat", pick: named("prod-core-nat"), keys: []string{"tab"}, action: "DeleteNatGateway", param: "NatGatewayId",
			more: map[string]string{"Force": "true"}, shows: func(*model.Object) []string { return []string{"still has", "press tab to force"} }},
		{name: "snat", pane: "snat", pick: kindIs("snat"), action: "DeleteSnatEntry", param: "SnatEntryId",
			shows: func(o *model.Object) []string {
				return []string{"lose outbound Internet access through " + o.Val().(*model.SnatEntry).SnatIp}
			}},
		{name: "dnat", pane: "dnat", pick: kindIs("dnat"), action: "DeleteForwardEntry", param: "ForwardEntryId",
			shows: func(o *model.Object) []string { return []string{"Inbound " + o.Val().(*model.ForwardEntry).IpProtocol} }},
		{name: "eip release by ctrl+d", pane: "eip", pick: named("spare-bastion"), action: "ReleaseEipAddress", param: "AllocationId",
			shows: func(*model.Object) []string { return []string{"Release EIP", "goes back to Alibaba Cloud"} }},
		{name: "eip release by x", pane: "eip", pick: named("spare-bastion"), menu: "Release", action: "ReleaseEipAddress", param: "AllocationId",
			shows: func(*model.Object) []string { return []string{"Release EIP", "goes back to Alibaba Cloud"} }},
		{name: "eip unassociate", pane: "eip", setup: func(d *driver) string {
			eips, err := client.DescribeEipAddresses.Call(d.ctx, d.api(), &client.DescribeEipAddressesInput{RegionId: "cn-hangzhou"})
			for _, e := range eips {
				if e.Name == "spare-bastion" {
					nat := natNamed(d, func(n *model.NatGateway) bool { return n.Name == "prod-core-nat" })
					if _, err := client.AssociateEipAddress.Call(d.ctx, d.api(), &client.AssociateEipAddressInput{RegionId: "cn-hangzhou",
						AllocationId: e.AllocationId, InstanceId: nat, InstanceType: "Nat"}); err != nil {
						d.t.Fatal(err)
					}
					return e.AllocationId
				}
			}
			d.t.Fatalf("no spare-bastion EIP: %v", err)
			return ""
		}, menu: "Unassociate", action: "UnassociateEipAddress", param: "AllocationId",
			shows: func(o *model.Object) []string {
				return []string{"Unassociate EIP", "NAT gateway " + o.Val().(*model.EipAddress).InstanceId + " loses the public address"}
			}},
		{name: "eip unassociate while SNAT uses it", pane: "eip", pick: named("prod-core-egress-1"), menu: "Unassociate", action: "UnassociateEipAddress",
			blocked: true, shows: func(o *model.Object) []string {
				return []string{"SNAT for 4 VSwitches stops", "still has 4 SNAT entries using " + o.Val().(*model.EipAddress).IpAddress,
					"The API refuses to unassociate it while they exist"}
			}},
		{name: "vpn", pane: "vpn", setup: func(d *driver) string {
			out, err := client.CreateVpnGateway.Call(d.ctx, d.api(), &client.CreateVpnGatewayInput{RegionId: "cn-hangzhou", VpcId: vpcNamed(d, "dev-sandbox"),
				VSwitchId: vswNamed(d, "dev-sbx-b"), Bandwidth: 10, Name: "doomed-vpn"})
			noErr(d.t, err)
			return out.VpnGatewayId
		}, action: "DeleteVpnGateway", param: "VpnGatewayId"},
		{name: "cgw", pane: "cgw", setup: func(d *driver) string {
			out, err := client.CreateCustomerGateway.Call(d.ctx, d.api(), &client.CreateCustomerGatewayInput{RegionId: "cn-hangzhou", IpAddress: "198.51.100.77", Name: "doomed-cgw"})
			noErr(d.t, err)
			return out.CustomerGatewayId
		}, action: "DeleteCustomerGateway", param: "CustomerGatewayId"},
		{name: "ipsec", pane: "ipsec", pick: kindIs("ipsec"), action: "DeleteVpnConnection", param: "VpnConnectionId",
			shows: func(o *model.Object) []string {
				return []string{"The tunnel to customer gateway " + o.Val().(*model.VpnConnection).CustomerGatewayId}
			}},
		{name: "bgp group", pane: "bgp", setup: func(d *driver) string {
			vbrs, err := client.DescribeVirtualBorderRouters.Call(d.ctx, d.api(), &client.DescribeVirtualBorderRoutersInput{RegionId: "cn-hangzhou"})
			if err != nil || len(vbrs) == 0 {
				d.t.Fatalf("no VBR: %v", err)
			}
			out, err := client.CreateBgpGroup.Call(d.ctx, d.api(), &client.CreateBgpGroupInput{RegionId: "cn-hangzhou", RouterId: vbrs[0].VbrId, PeerAsn: 65099, Name: "doomed-group"})
			noErr(d.t, err)
			return out.BgpGroupId
		}, action: "DeleteBgpGroup", param: "BgpGroupId"},
		{name: "bgp peer", pane: "bgppeer", pick: named("dc-router-2"), action: "DeleteBgpPeer", param: "BgpPeerId",
			shows: func(*model.Object) []string { return []string{"The BGP session with 10.254.0.3"} }},
		{name: "bgp network", pane: "bgpnet", pick: kindIs("bgpnet"), action: "DeleteBgpNetwork", param: "DstCidrBlock",
			value: func(o *model.Object) string { return o.Val().(*model.BgpNetwork).DstCidrBlock }},
		{name: "vpc flow log", pane: "vpcflowlog", pick: named("staging-audit"), action: "DeleteFlowLog", param: "FlowLogId"},
		{name: "sag flow log", pane: "sagflowlog", pick: named("sag-netflow-hangzhou"), action: "DeleteFlowLog", param: "FlowLogId"},
		{name: "peer", pane: "peer all", pick: named("partner-acme-shared"), action: "DeleteVpcPeerConnection", param: "InstanceId"},
		{name: "peer reject", pane: "peer all", pick: named("partner-acme-shared"), menu: "Reject", action: "RejectVpcPeerConnection", param: "InstanceId",
			shows: func(*model.Object) []string { return []string{"Reject VPC peer", "ctrl+t"} }},
		{name: "vbr terminate", pane: "vbr", pick: vbrActive, menu: "Terminate", action: "TerminateVirtualBorderRouter", param: "VbrId",
			shows: func(*model.Object) []string {
				return []string{"Terminate VBR", "2 BGP sessions on this VBR go down (1 Established now)."}
			}},
		{name: "flow log deactivate", pane: "vpcflowlog", pick: named("prod-core-all"), menu: "Deactivate", action: "DeactiveFlowLog", param: "FlowLogId"},
		{name: "route table unassociate", pane: "rt", pick: boundTable, menu: "", action: "UnassociateRouteTable", param: "RouteTableId",
			typed: firstVsw, shows: func(o *model.Object) []string {
				return []string{"Unassociate VSwitch " + firstVsw(o) + " from route table " + o.ID, "falls back to the system route table"}
			}},
		{name: "nat downgrade", pane: "nat", setup: func(d *driver) string {
			id := natNamed(d, func(n *model.NatGateway) bool { return n.NatType == "Normal" })
			if _, err := client.ModifyNatGatewaySpec.Call(d.ctx, d.api(), &client.ModifyNatGatewaySpecInput{RegionId: "cn-hangzhou", NatGatewayId: id, Spec: "Middle"}); err != nil {
				d.t.Fatal(err)
			}
			return id
		}, menu: "Downgrade spec to Small", action: "ModifyNatGatewaySpec", param: "NatGatewayId",
			more: map[string]string{"Spec": "Small"}, shows: func(*model.Object) []string { return []string{"Downgrade NAT gateway", "Spec Middle → Small"} }},
		{name: "havip", pane: "havip", pick: statusIs("havip", "Available"), action: "DeleteHaVip", param: "HaVipId"},
		{name: "ipv6gw", pane: "ipv6gw", pick: kindIs("ipv6gw"), action: "DeleteIpv6Gateway", param: "Ipv6GatewayId", blocked: true},
		{name: "ipv6rule", pane: "ipv6rule", pick: kindIs("ipv6rule"), action: "DeleteIpv6EgressOnlyRule", param: "Ipv6EgressOnlyRuleId"},
		{name: "natbwp", pane: "natbwp", pick: kindIs("natbwp"), action: "DeleteBandwidthPackage", param: "BandwidthPackageId", blocked: true},
		{name: "cbwp", pane: "cbwp", pick: kindIs("cbwp"), action: "DeleteCommonBandwidthPackage", param: "BandwidthPackageId", blocked: true},
		{name: "ga", pane: "ga", pick: gaFree, action: "DeleteGlobalAccelerationInstance", param: "GlobalAccelerationInstanceId"},
		{name: "sslserver", pane: "sslserver", pick: kindIs("sslserver"), action: "DeleteSslVpnServer", param: "SslVpnServerId"},
		{name: "sslcert", pane: "sslcert", pick: kindIs("sslcert"), action: "DeleteSslVpnClientCert", param: "SslVpnClientCertId"},
		{name: "pc", pane: "pc", pick: pcDeletable, action: "DeletePhysicalConnection", param: "PhysicalConnectionId"},
		{name: "ri", pane: "ri", pick: riDown, action: "DeleteRouterInterface", param: "RouterInterfaceId"},
		{name: "vbr", pane: "vbr", pick: vbrActive, action: "DeleteVirtualBorderRouter", param: "VbrId", blocked: true},
	}
}

func vpcNamed(d *driver, name string) string {
	d.t.Helper()
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: "cn-hangzhou"})
	return demoItem(d.t, "VPC "+name, vpcs, err, func(v *model.Vpc) bool { return v.VpcName == name }).VpcId
}

func vswNamed(d *driver, name string) string {
	d.t.Helper()
	sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou"})
	return demoItem(d.t, "VSwitch "+name, sws, err, func(s *model.VSwitch) bool { return s.VSwitchName == name }).VSwitchId
}

func natNamed(d *driver, match func(*model.NatGateway) bool) string {
	d.t.Helper()
	nats, err := client.DescribeNatGateways.Call(d.ctx, d.api(), &client.DescribeNatGatewaysInput{RegionId: "cn-hangzhou"})
	return demoItem(d.t, "such NAT gateway", nats, err, match).NatGatewayId
}

// Every destructive action the console offers, whichever key reaches it,
// opens the typed-confirmation dialog: a wrong text sends nothing, the
// right one sends exactly one call carrying the selected resource's ID.
func TestEveryDestructiveActionAsksForTheTypedID(t *testing.T) {
	for _, c := range destructiveCases() {
		t.Run(c.name, func(t *testing.T) {
			d := newConsole(t)
			asAccepter(d, c.name)
			var want string
			if c.setup != nil {
				want = c.setup(d)
				d.advance(10 * time.Second) // settles what the setup created or changed
			}
			d.pane(c.pane)
			var o *model.Object
			if want != "" {
				o = d.rowID(want)
			} else {
				o = d.rowWhere(c.name, c.pick)
			}
			mark := len(d.fault.actions())
			menu := c.menu
			if c.name == "route table unassociate" {
				menu = "Unassociate from " + c.typed(o)
			}
			if menu == "" {
				d.keys("ctrl+d")
			} else {
				d.action(menu)
			}
			dp := d.dialog()
			if dp.refused != "" {
				t.Fatalf("the dialog refuses %s: %s", o.ID, dp.refused)
			}
			s := d.screen()
			verb := dp.verb()
			if !strings.Contains(s, verb+" ") || !strings.Contains(s, "[ "+verb+" ]") {
				t.Errorf("the dialog does not name its action %q in title and button:\n%s", verb, s)
			}
			if c.shows != nil {
				for _, w := range c.shows(o) {
					if !strings.Contains(s, w) {
						t.Errorf("the dialog does not show %q:\n%s", w, s)
					}
				}
			}

			// A wrong text sends nothing.
			typed := o.ID
			if c.typed != nil {
				typed = c.typed(o)
			}
			d.keys(c.keys...)
			d.typeText(typed + "x")
			d.keys("enter")
			d.waitText("exactly to confirm; nothing was sent")
			d.drain()
			assertNoWrite(t, d, mark, "a wrong typed value")

			// The right one sends exactly one call, with this ID.
			for range typed + "x" {
				d.keys("backspace")
			}
			d.typeText(typed)
			d.keys("enter")
			if c.blocked {
				want := "Delete what depends on it first"
				if c.menu != "" {
					want = "Remove what depends on it first, then " + strings.ToLower(c.menu)
				}
				d.waitText(want, "nothing was sent")
				d.drain()
				assertNoWrite(t, d, mark, "the right text while the API would refuse")
				return
			}
			d.waitFor(c.action+" answered", func() bool {
				p, ok := d.app.top().(*deletePage)
				return !ok || p != dp || !p.sending && len(p.banner) > 0 && !strings.HasPrefix(p.banner[0], "Sending")
			})
			d.drain()
			got := d.sentQueries(mark, c.action)
			if len(got) != 1 {
				t.Fatalf("%s was sent %d times, want once (sent: %v)", c.action, len(got), d.sentSince(mark))
			}
			value := o.ID
			if c.value != nil {
				value = c.value(o)
			}
			if v := got[0].Get(c.param); v != value {
				t.Errorf("%s carried %s=%q, want the selected %q", c.action, c.param, v, value)
			}
			for k, v := range c.more {
				if v == "" {
					if got[0].Get(k) == "" {
						t.Errorf("%s carried no %s", c.action, k)
					}
				} else if got[0].Get(k) != v {
					t.Errorf("%s carried %s=%q, want %q", c.action, k, got[0].Get(k), v)
				}
			}
			for _, a := range d.sentSince(mark) {
				if !readOnlyAction(a) && a != c.action {
					t.Errorf("%s was sent too", a)
				}
			}
		})
	}
}

// destructiveCases has a ctrl+d case for every kind that can be deleted:
// the test above says "every", and ten families' deletes were missing.
func TestEveryDeleteHasADestructiveCase(t *testing.T) {
	reg := model.Default()
	covered := map[string]bool{}
	for _, c := range destructiveCases() {
		if c.menu == "" {
			covered[reg.MustLookup(strings.Fields(c.pane)[0]).Name] = true
		}
	}
	for _, k := range reg.Kinds() {
		if forms.OpsFor(k).Del != nil && !covered[k.Name] {
			t.Errorf("%s can be deleted, but no case of destructiveCases deletes one", k.Name)
		}
	}
}

// A dry run (ctrl+t) is offered where the API has DryRun: it sends the
// call once with DryRun=true and the selected ID, and changes nothing.
// Where the API has none, ctrl+t sends nothing.
func TestDestructiveDryRunWhereTheAPIHasOne(t *testing.T) {
	cases := []struct {
		name, pane, pick, menu, action, param string
		offered                               bool
	}{
		{"reject", "peer all", "partner-acme-shared", "Reject", "RejectVpcPeerConnection", "InstanceId", true},
		{"delete peering", "peer all", "partner-acme-shared", "", "DeleteVpcPeerConnection", "InstanceId", true},
		{"delete VSwitch", "vsw", "dev-sbx-f", "", "DeleteVSwitch", "VSwitchId", true},
		{"terminate VBR", "vbr", "vbr-dc-hangzhou", "Terminate", "TerminateVirtualBorderRouter", "VbrId", false},
		{"release EIP", "eip", "spare-bastion", "Release", "ReleaseEipAddress", "AllocationId", false},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newConsole(t)
			asAccepter(d, c.name)
			d.pane(c.pane)
			o := d.rowNamed(c.pick)
			mark := len(d.fault.actions())
			if c.menu == "" {
				d.keys("ctrl+d")
			} else {
				d.action(c.menu)
			}
			d.dialog()
			d.keys("ctrl+t")
			if !c.offered {
				d.drain()
				if strings.Contains(d.screen(), "ctrl+t") {
					t.Errorf("ctrl+t is offered though %s has no DryRun:\n%s", c.action, d.screen())
				}
				assertNoWrite(t, d, mark, "ctrl+t without a dry run")
				return
			}
			d.waitText("Dry run passed", "Nothing was")
			got := d.sentQueries(mark, c.action)
			if len(got) != 1 || got[0].Get("DryRun") != "true" || got[0].Get(c.param) != o.ID {
				t.Fatalf("the dry run sent %v, want one %s with DryRun=true and %s=%s", got, c.action, c.param, o.ID)
			}
			obj, err := d.api().Get(d.ctx, o.Kind, o.Region, o.ID, o)
			if err != nil || obj == nil || obj.Status != o.Status {
				t.Errorf("the dry run changed %s: %v %+v", o.ID, err, obj)
			}
		})
	}
}

// The dialogs as a person sees them, without colour: what it is, what
// stops, the typed ID and the button named after the action.
func TestDestructiveDialogGoldens(t *testing.T) {
	customRoute := func(o *model.Object) bool {
		e, ok := o.Val().(*model.RouteEntry)
		return ok && e.RouteEntryName == "to-legacy-idc"
	}
	cases := []struct {
		name, pane string
		pick       func(*model.Object) bool
		menu       string
	}{
		{"route_delete", "route", customRoute, ""},
		{"vbr_terminate", "vbr", named("vbr-dc-hangzhou"), "Terminate"},
		{"eip_unassociate", "eip", named("prod-core-egress-1"), "Unassociate"},
		{"eip_release", "eip", named("spare-bastion"), ""},
		{"peer_reject", "peer all", named("partner-acme-shared"), "Reject"},
		{"vpcflowlog_deactivate", "vpcflowlog", named("prod-core-all"), "Deactivate"},
		{"ri_deactivate", "ri", named("hz-to-bj-analytics"), "Deactivate"},
		{"ri_downgrade", "ri", named("hz-to-bj-analytics"), "Downgrade spec to Small.5"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := sizedConsole(t, 80, 24)
			asAccepter(d, c.name)
			d.pane(c.pane)
			d.rowWhere(c.name, c.pick)
			if c.menu == "" {
				d.keys("ctrl+d")
			} else {
				d.action(c.menu)
			}
			d.dialog()
			d.golden("dialog_" + c.name + "_80x24")
		})
	}
}

// asAccepter switches a reject case to the accepting (partner) account:
// only it is offered Reject on the demo's pending peering.
func asAccepter(d *driver, name string) {
	d.t.Helper()
	if strings.Contains(name, "reject") {
		d.useKey(sim.PartnerAccessKeyID, sim.PartnerAccessKeySecret)
	}
}

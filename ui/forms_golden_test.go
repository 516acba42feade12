package ui

import (
	"regexp"
	"testing"

	"github.com/alivpc/alivpc/model"
)

type layoutNudge struct{}

var endpointPort = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// formGolden compares the form on screen with testdata/golden/name.txt
// (the driver's golden check: trailing spaces and the port masked).
func formGolden(d *driver, name string) {
	d.t.Helper()
	d.golden(name)
}

func kindIs(name string) func(o *model.Object) bool {
	return func(o *model.Object) bool { return o.Kind.Name == name }
}

func TestFormGoldens(t *testing.T) {
	open := func(pane string, match func(*model.Object) bool, keys ...string) func(d *driver) {
		return func(d *driver) {
			d.idle()
			d.pane(pane)
			if match != nil {
				d.rowWhere("a row", match)
			}
			d.keys(keys...)
		}
	}
	named := func(n string) func(*model.Object) bool { return func(o *model.Object) bool { return o.Name == n } }
	action := func(pane string, match func(*model.Object) bool, label string) func(d *driver) {
		return func(d *driver) {
			open(pane, match)(d)
			d.action(label)
		}
	}
	child := func(pane string, match func(*model.Object) bool, kid string, keys ...string) func(d *driver) {
		return func(d *driver) {
			open(pane, match)(d)
			d.keys("enter")
			if d.app.menu != nil {
				d.menuPick(kid)
			}
			d.idle()
			d.keys(keys...)
		}
	}
	custom := func(o *model.Object) bool { return o.Val().(*model.RouteTable).RouteTableType == "Custom" }
	system := func(o *model.Object) bool { return o.Val().(*model.RouteTable).RouteTableType == "System" }
	normal := func(o *model.Object) bool { return o.Val().(*model.NatGateway).NatType == "Normal" }
	active := func(o *model.Object) bool { return o.Status == "active" }
	cases := []struct {
		name string
		open func(d *driver)
	}{
		{"vpc_create", open("vpc", nil, "c")},
		{"vpc_edit", open("vpc", named("prod-core"), "e")},
		{"vsw_create", open("vsw", nil, "c")},
		{"vsw_create_in_vpc", child("vpc", named("prod-core"), "VSwitches", "c")},
		{"vsw_edit", open("vsw", named("prod-core-app-b"), "e")},
		{"rt_create", open("rt", nil, "c")},
		{"rt_edit", open("rt", custom, "e")},
		{"rt_associate", action("rt", custom, "Associate with a VSwitch")},
		{"route_create", child("rt", system, "Route Entries", "c")},
		{"nat_create", open("nat", nil, "c")},
		{"nat_edit", open("nat", named("prod-core-nat"), "e")},
		{"nat_spec", action("nat", normal, "Change spec")},
		{"snat_create", child("nat", named("prod-core-nat"), "SNAT Entries", "c")},
		{"snat_edit", child("nat", named("prod-core-nat"), "SNAT Entries", "e")},
		{"dnat_create", child("nat", named("prod-core-nat"), "DNAT Entries", "c")},
		{"dnat_edit", child("nat", named("prod-core-nat"), "DNAT Entries", "e")},
		{"eip_allocate", open("eip", nil, "c")},
		{"sslserver_edit", open("sslserver", named("remote-access"), "e")},
		{"sslcert_create", child("sslserver", named("remote-access"), "SSL-VPN Client Certificates", "c")},
		{"eip_edit", open("eip", named("spare-bastion"), "e")},
		{"eip_associate", action("eip", named("spare-bastion"), "Associate")},
		{"vpn_create", open("vpn", nil, "c")},
		{"vpn_edit", open("vpn", named("prod-core-vpn"), "e")},
		{"cgw_create", open("cgw", nil, "c")},
		{"cgw_edit", open("cgw", named("office-shanghai"), "e")},
		{"ipsec_create", child("vpn", named("prod-core-vpn"), "IPsec Connections", "c")},
		{"ipsec_edit", open("ipsec", named("ipsec-office-shanghai"), "e")},
		{"vbr_edit", open("vbr", active, "e")},
		{"vbr_recover", action("vbr", active, "Recover")},
		{"bgp_create", child("vbr", active, "BGP Groups", "c")},
		{"bgp_edit", open("bgp", nil, "e")},
		{"bgppeer_create", child("vbr", active, "BGP Peers", "c")},
		{"bgppeer_edit", open("bgppeer", nil, "e")},
		{"bgpnet_create", child("vbr", active, "BGP Networks", "c")},
		{"vpcflowlog_create", open("vpcflowlog", nil, "c")},
		{"vpcflowlog_edit", open("vpcflowlog", named("prod-core-all"), "e")},
		{"vpcflowlog_activate", action("vpcflowlog", named("staging-audit"), "Activate")},
		{"sagflowlog_create", open("sagflowlog", nil, "c")},
		{"sagflowlog_edit", open("sagflowlog", kindIs("sagflowlog"), "e")},
		{"peer_create", open("peer", nil, "c")},
		{"peer_edit", open("peer", kindIs("peer"), "e")},
		{"peer_accept", action("peer", kindIs("peer"), "Accept")},
		{"ri_create", open("ri", nil, "c")},
		{"ri_edit", open("ri", named("stg-to-sea"), "e")},
		{"ri_spec", action("ri", named("hz-to-bj-analytics"), "Upgrade spec")},
		{"region_traffic_mirroring", action("region", func(o *model.Object) bool { return o.ID == "cn-shanghai" }, "Open traffic mirroring")},
		{"region_ip_pools", action("region", func(o *model.Object) bool { return o.ID == "cn-shanghai" }, "Open IP address pools")},
	}
	// Destructive actions (unassociate, release, terminate, deactivate,
	// reject) open the typed-confirmation dialog, not a form: their
	// goldens are in TestDestructiveDialogGoldens.
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newDriver(t)
			d.resize(80, 24)
			c.open(d)
			p := d.formPage()
			d.waitText("┃ ")
			// The form lays out again once it knows its width: wait for
			// the first view that is sized to the terminal.
			d.waitFor("the form sized to 80 columns", func() bool { return p.width == 80 })
			// A message lets the form lay out with its width (huh
			// rebuilds a group's view on Update, not on WithWidth).
			d.process(layoutNudge{})
			prev := ""
			d.waitFor("a steady screen", func() bool {
				s := d.screen()
				same := s == prev
				prev = s
				return same
			})
			formGolden(d, "form_"+c.name+"_80x24")
		})
	}
}

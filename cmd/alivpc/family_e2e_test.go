package main

// The families' lifecycles in the real binary: each creates through its
// form (one burst), follows the new row with no key pressed, reads the
// simulator back with `alivpc get` and deletes through the typed-ID dialog;
// lifecycle holds those steps, each test declares its family's.

import (
	"slices"
	"strings"
	"testing"
)

// lifecycle is one family's create and delete in the real binary: the
// form filled in one burst, the new row followed with no key pressed, the
// simulator read back with `alivpc get`, the typed-ID delete.
type lifecycle struct {
	kind, idField, prefix string // `alivpc get` kind, its ID field, the ID's prefix
	noun                  string // what the delete dialog calls it
	title                 string // the form's title ("": the keys follow c in its burst)
	keys                  []string
	review                string // the action the review page shows before Create, if any
	name, state           string // the new row's name, and what it reads once settled
}

// create presses c, fills the form and waits for the new row to read
// l.state; it returns the row's ID and the object the simulator holds
// under l.name (whose ID it checks).
func (l lifecycle) create(t *testing.T, tm *term) (string, map[string]any) {
	t.Helper()
	if l.title == "" {
		tm.burst(append([]string{"c"}, l.keys...)...)
	} else {
		tm.burst("c")
		tm.waitText(l.title)
		tm.burst(l.keys...)
	}
	if l.review != "" {
		tm.waitText("Review: ", l.review)
		tm.keys("Enter")
	}
	s := tm.waitFor(l.name+" "+l.state+", unattended", func(s string) bool { return strings.Contains(rowWith(s, l.name), l.state) })
	id := firstID(rowWith(s, l.name), l.prefix)
	if id == "" {
		t.Fatalf("no %s ID in the row of %s: %q", l.prefix, l.name, rowWith(s, l.name))
	}
	o := only(t, simGet(t, tm, l.kind), "Name", l.name)
	want(t, o, l.idField, id)
	return id, o
}

// run creates, checks fields (name, value pairs) of what the simulator
// holds, filters the pane down to the new row and deletes it.
func (l lifecycle) run(t *testing.T, tm *term, fields ...string) {
	t.Helper()
	id, o := l.create(t, tm)
	want(t, o, fields...)
	filterTo(tm, "name:"+l.name, 1)
	l.remove(t, tm, id)
}

// remove deletes the selected row, id, through the typed-ID dialog and
// waits until the simulator no longer lists it.
func (l lifecycle) remove(t *testing.T, tm *term, id string) {
	t.Helper()
	typedDelete(tm, "Delete "+l.noun+" "+id, id)
	waitGone(t, tm, l.kind, l.idField, id)
}

// TestE2EHaVip walks the HaVip family in the real binary: the pane opens,
// a HaVip is created through its form (one burst), settles to Available
// with no key pressed, and is deleted through the typed-ID dialog; the
// simulator is read back with `alivpc get havip`.
func TestE2EHaVip(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "havip", "HaVips")
	// VSwitch (the first offered), IP (assigned), name, description
	// (submits).
	vip := lifecycle{kind: "havip", idField: "HaVipId", prefix: "havip-", noun: "HaVip", title: "Create HaVip",
		keys: []string{"Enter", "Enter", "e2e-vip", "Enter", "made in tmux", "Enter"}, name: "e2e-vip", state: "Available"}
	vip.run(t, tm, "Description", "made in tmux", "Status", "Available")
	tm.quit()
}

// TestE2ECommonBandwidthPackage walks the shared bandwidth packages in the
// real binary: the pane opens, a package drills down to its EIPs, one is
// created through its form in one burst (the review page's Create
// included), settles to Available with no key pressed, and is deleted
// through the typed-ID dialog; the simulator is read back with `alivpc get
// cbwp`.
func TestE2ECommonBandwidthPackage(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "sharedbw", "Shared Bandwidth Packages")

	pkg := firstID(filterTo(tm, "name:prod-shared-egress", 1), "cbwp-")
	tm.keys("Enter")
	s, rows := tm.waitPane("Elastic IPs of " + pkg + " (prod-shared-egress)")
	if rows != 2 || !strings.Contains(s, "prod-core-egress-1") || !strings.Contains(s, "prod-core-egress-2") {
		t.Errorf("the EIPs of prod-shared-egress: %d rows\n%s", rows, s)
	}
	if eips := simGet(t, tm, "eip", "--parent", pkg); len(eips) != 2 || eips[0]["BandwidthPackageId"] != pkg {
		t.Errorf("get eip --parent %s: %v", pkg, eips)
	}
	tm.keys("Escape")
	tm.waitPane("Shared Bandwidth Packages")
	tm.keys("/")
	tm.waitFor("the filter line", func(s string) bool { return filterLine(s) != "" })
	tm.keys("Escape")
	// The header read 3 rows with the empty filter line open too: the
	// line itself must be gone.
	tm.waitFor("the filter cleared", func(s string) bool { return filterLine(s) == "" && strings.Contains(s, "│ 3 rows │") })

	// Bandwidth (10, as offered), metering (pay by bandwidth), no ratio,
	// name, description, then Create on the review page.
	shared := lifecycle{kind: "cbwp", idField: "BandwidthPackageId", prefix: "cbwp-", noun: "shared bandwidth package",
		keys: []string{"Enter", "Enter", "Enter", "e2e-shared", "Enter", "made in tmux", "Enter", "Enter"}, name: "e2e-shared", state: "Available"}
	shared.run(t, tm, "Description", "made in tmux", "Status", "Available", "Bandwidth", "10",
		"InternetChargeType", "PayByBandwidth", "InstanceChargeType", "PostPaid")
	tm.quit()
}

// TestE2ENatBandwidthPackage walks the NAT bandwidth packages in the real
// binary: the :bwp pane opens, the staging NAT gateway drills down to its
// packages, one is created through the form (one burst), settles to
// Available with no key pressed, and is deleted through the typed-ID
// dialog; the simulator is read back with `alivpc get natbwp`.
func TestE2ENatBandwidthPackage(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "bandwidthpackage", "NAT Bandwidth Packages")
	if s, rows := tm.waitPane("NAT Bandwidth Packages"); rows != 2 || !strings.Contains(s, "staging-legacy-egress") {
		t.Fatalf("the demo's packages in cn-hangzhou (got %d rows):\n%s", rows, s)
	}

	nat, _ := only(t, simGet(t, tm, "nat"), "Name", "staging-nat")["NatGatewayId"].(string)
	tm.command("nat")
	tm.waitPane("NAT Gateways")
	drill(tm, "name:staging-nat", "NAT Bandwidth Packages")
	tm.waitPane("NAT Bandwidth Packages of " + nat + " (staging-nat)")

	// NAT gateway (fixed), bandwidth, IPs, zone (any), billing, name,
	// description (submits).
	bwp := lifecycle{kind: "natbwp", idField: "BandwidthPackageId", prefix: "bwp-", noun: "NAT bandwidth package", title: "Create NAT bandwidth package in " + nat,
		keys: []string{"Enter", "BSpace", "30", "Enter", "BSpace", "2", "Enter", "Enter", "Enter", "e2e-bwp", "Enter", "made in tmux", "Enter"}, name: "e2e-bwp", state: "Available"}
	bwp.run(t, tm, "NatGatewayId", nat, "Bandwidth", "30", "IpCount", "2", "Description", "made in tmux",
		"Status", "Available", "InternetChargeType", "PayByBandwidth")
	tm.quit()
}

// TestE2EGlobalAcceleration walks global acceleration in the real binary:
// the :ga pane opens on the demo's three instances of cn-hangzhou, one is
// created through the form (one burst), and deleted through the typed-ID
// dialog; the simulator is read back with `alivpc get ga`.
func TestE2EGlobalAcceleration(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "globalacceleration", "Global Acceleration")
	if s, rows := tm.waitPane("Global Acceleration"); rows != 3 || !strings.Contains(s, "Sharing") || !strings.Contains(s, "china-mainland") {
		t.Fatalf("the demo's instances in cn-hangzhou (got %d rows):\n%s", rows, s)
	}

	// Service location (china-mainland), bandwidth (20), type
	// (exclusive), name, description (submits).
	// The pane shows no names: the simulator tells when it is there.
	tm.burst("c")
	tm.waitText("Create global acceleration instance")
	tm.burst("Enter", "Down", "Enter", "Enter", "e2e-ga", "Enter", "made in tmux", "Enter")
	tm.waitFor("the instance to be listed", func(string) bool {
		return slices.ContainsFunc(simGet(t, tm, "ga"), func(o map[string]any) bool { return o["Name"] == "e2e-ga" })
	})
	v := only(t, simGet(t, tm, "ga"), "Name", "e2e-ga")
	id, _ := v["GlobalAccelerationInstanceId"].(string)
	if id == "" {
		t.Fatalf("e2e-ga has no ID: %v", v)
	}
	want(t, v, "Bandwidth", "20", "BandwidthType", "Exclusive", "ServiceLocation", "china-mainland", "Description", "made in tmux",
		"Status", "Available")

	filterTo(tm, "name:e2e-ga", 1)
	tm.waitFor(id+" Available, unattended", func(s string) bool { return strings.Contains(rowWith(s, id), "Available") })
	ga := lifecycle{kind: "ga", idField: "GlobalAccelerationInstanceId", noun: "Global acceleration instance"}
	ga.remove(t, tm, id)
	tm.quit()
}

// TestE2ERouterInterface walks the router interface family in the real
// binary: the VRouter pane drills down to the interfaces on prod-core's
// VRouter (the demo's Active pair to Beijing among them), one is created
// there through its form (one burst, then the review page), reads Idle
// with no key pressed, and is deleted through the typed-ID dialog; the
// simulator is read back with `alivpc get ri`.
func TestE2ERouterInterface(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "vrouter", "VRouters")
	filterTo(tm, "vpc:"+prodVPC, 1)
	tm.keys("Enter")
	waitDrilled(tm, "Router Interfaces of vrt-")
	s := tm.waitFor("the demo pair Active", func(s string) bool { return strings.Contains(rowWith(s, "hz-to-bj-analytics"), "Active") })
	if row := rowWith(s, "hz-to-bj-analytics"); !strings.Contains(row, "InitiatingSide") || !strings.Contains(row, "cn-beijing") {
		t.Errorf("the demo pair's row: %q", row)
	}

	// Router (this VRouter), role (initiating), spec (Small.1), opposite
	// region, type, router, interface and account (left as they are), name,
	// description (submits to the review page).
	ri := lifecycle{kind: "ri", idField: "RouterInterfaceId", prefix: "ri-", noun: "Router interface", title: "Create router interface on vrt-",
		keys:   []string{"Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "Enter", "e2e-ri", "Enter", "made in tmux", "Enter"},
		review: "CreateRouterInterface", name: "e2e-ri", state: "Idle"}
	ri.run(t, tm, "Description", "made in tmux", "Status", "Idle", "Role", "InitiatingSide", "Spec", "Small.1", "RouterType", "VRouter")
	tm.quit()
}

// TestE2EPhysicalConnectionAndVbr walks the physical connection family and
// the VBR lifecycle in the real binary: the access points pane, an
// application through the form (one burst) that the provider moves to
// Confirmed with no key pressed, Enable, the PC → VBRs drill-down where a
// VBR is created (one burst) and deleted through the dialog, then
// Terminate and Delete through the dialog; the simulator is read back with
// `alivpc get`.
func TestE2EPhysicalConnectionAndVbr(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "ap", "Access Points")
	tm.waitText("ap-cn-hangzhou-dx-a")
	tm.command("dc")
	tm.waitPane("Physical Connections")
	tm.waitText("pc-dc-hangzhou-2", "Confirmed")

	// Access point, operator (the first offered), location, port type and
	// bandwidth (defaults), redundant line (none), circuit code, name,
	// description (submits).
	line := lifecycle{kind: "pc", idField: "PhysicalConnectionId", prefix: "pc-", noun: "Physical connection", title: "Apply for a physical connection",
		keys: []string{"Enter", "Enter", "e2e DC, rack 9", "Enter", "Enter", "Enter", "Enter", "Enter", "e2e-line", "Enter", "Enter"}, name: "e2e-line", state: "Confirmed"}
	id, p := line.create(t, tm)
	want(t, p, "PeerLocation", "e2e DC, rack 9", "Status", "Confirmed", "LineOperator", "CT", "PortType", "1000Base-T")

	filterTo(tm, "name:e2e-line", 1)
	tm.burst("x")
	openMenu(tm, "Enable")
	tm.waitText("Enable " + id)
	tm.burst("y")
	tm.waitFor("e2e-line Enabled", func(s string) bool { return strings.Contains(rowWith(s, id+" "), "Enabled") })

	// PC → VBRs, and a VBR made there: the line (fixed), VLAN, addresses,
	// mask (filled in), circuit code, name, description (submits).
	tm.burst("Enter")
	openMenu(tm, "Virtual Border Routers") // the full VBR pane
	tm.waitText("No Virtual Border Routers in Physical connection " + id)
	router := lifecycle{kind: "vbr", idField: "VbrId", prefix: "vbr-", noun: "VBR", title: "Create VBR on " + id,
		keys: []string{"Enter", "88", "Enter", "10.254.88.1", "Enter", "10.254.88.2", "Enter", "Enter", "Enter", "e2e-vbr", "Enter", "Enter"}, name: "e2e-vbr", state: "active"}
	vbr, v := router.create(t, tm)
	want(t, v, "PhysicalConnectionId", id, "PeerGatewayIp", "10.254.88.2")

	// The line's own view (DescribeVirtualBorderRoutersForPhysicalConnection)
	// shows the VBR with its VLAN and addresses.
	tm.burst("Escape")
	tm.waitPane("Physical Connections")
	tm.burst("Enter")
	openMenu(tm, "VBRs on the Line")
	tm.waitFor("the VBR on the line with its VLAN and addresses", func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if strings.Contains(l, vbr) && strings.Contains(l, " 88 ") && strings.Contains(l, "10.254.88.1") && strings.Contains(l, "this account") {
				return true
			}
		}
		return false
	})
	tm.burst("Escape")
	tm.waitPane("Physical Connections")
	// The "Created VBR" message may still name the VBR: wait for the pane
	// itself, not only its ID on screen, before acting on the row.
	tm.burst("Enter")
	openMenu(tm, "Virtual Border Routers")
	waitDrilled(tm, "Virtual Border Routers of "+id)
	tm.waitFor(vbr+" in the VBR pane", func(s string) bool { return strings.Contains(rowWith(s, "e2e-vbr"), vbr) })
	router.remove(t, tm, vbr)

	tm.burst("Escape")
	tm.waitPane("Physical Connections")
	tm.burst("x")
	openMenu(tm, "Terminate")
	tm.waitText("Terminate Physical connection " + id)
	tm.burst(id, "Enter")
	tm.waitFor("e2e-line Terminated", func(s string) bool { return strings.Contains(rowWith(s, id+" "), "Terminated") })
	line.remove(t, tm, id)
	tm.quit()
}

// TestE2ESslVpn walks VPN gateway → SSL-VPN servers → client certificates
// in the real binary: the demo server is deleted through the dialog (a
// gateway takes one), a new one is created through its form in one burst,
// a certificate is issued under it (one burst) and shows normal with no key
// pressed, and both are deleted through the dialog; the simulator is read
// back with `alivpc get`.
func TestE2ESslVpn(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "vpn", "VPN Gateways")
	tm.keys("Enter")
	openMenu(tm, "SSL-VPN Servers")
	waitDrilled(tm, "SSL-VPN Servers of vpn-")
	s := tm.waitText("remote-access")
	old := firstID(rowWith(s, "remote-access"), "vss-")
	gw, _ := only(t, simGet(t, tm, "sslserver"), "SslVpnServerId", old)["VpnGatewayId"].(string)
	// A server's change makes its gateway updating for the settle time.
	gwActive := func() {
		tm.waitFor(gw+" active again", func(string) bool { return only(t, simGet(t, tm, "vpn"), "VpnGatewayId", gw)["Status"] == "active" })
	}

	tm.burst("C-d")
	tm.waitText("Delete SSL-VPN server "+old, "3 client certificates are deleted with it")
	tm.burst(old, "Enter")
	tm.waitFor("the demo server to be gone", func(s string) bool { return !strings.Contains(s, old) })
	gwActive()

	// VPN gateway (the pane's), name, local subnet (the VPC's), client
	// block, protocol, port, cipher, compress (submits).
	server := lifecycle{kind: "sslserver", idField: "SslVpnServerId", prefix: "vss-", noun: "SSL-VPN server", title: "Create SSL-VPN server on vpn-",
		keys: []string{"Enter", "e2e-ssl", "Enter", "Enter", "192.168.77.0/24", "Enter", "Enter", "Enter", "Enter", "Enter"}, name: "e2e-ssl", state: "vss-"}
	srv, v := server.create(t, tm)
	want(t, v, "ClientIpPool", "192.168.77.0/24", "LocalSubnet", "10.0.0.0/16", "Proto", "UDP", "Cipher", "AES-128-CBC")
	gwActive()

	tm.keys("Enter") // the server's certificates: its only child
	waitDrilled(tm, "SSL-VPN Client Certificates of "+srv)
	certificate := lifecycle{kind: "sslcert", idField: "SslVpnClientCertId", prefix: "vsc-", noun: "SSL-VPN client certificate", title: "Issue SSL-VPN client certificate of " + srv,
		keys: []string{"Enter", "e2e-cert", "Enter"}, name: "e2e-cert", state: "normal"}
	cert, c := certificate.create(t, tm)
	want(t, c, "SslVpnServerId", srv, "Status", "normal")

	certificate.remove(t, tm, cert)

	tm.keys("Escape")
	waitDrilled(tm, "SSL-VPN Servers of vpn-")
	filterTo(tm, "name:e2e-ssl", 1)
	typedDelete(tm, "Delete SSL-VPN server "+srv, srv)
	tm.waitFor("the server to be gone", func(string) bool { return len(simGet(t, tm, "sslserver")) == 0 })
	tm.quit()
}

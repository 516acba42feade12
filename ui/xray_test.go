package ui

import (
	"strings"

	"github.com/alivpc/alivpc/client"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// xrayOf opens `:xray` on the VPC named name and waits until its tree is read.
func (d *driver) xrayOf(name string) *xrayPage {
	d.t.Helper()
	d.idle()
	vpc := d.rowNamed(name)
	d.command("xray " + vpc.ID)
	return d.xrayIdle()
}

// xrayRegion opens `:xray region` and waits until its VPCs are read.
func (d *driver) xrayRegion() *xrayPage {
	d.t.Helper()
	d.idle()
	d.command("xray region")
	return d.xrayIdle()
}

// xrayIdle waits until the x-ray on top has read everything.
func (d *driver) xrayIdle() *xrayPage {
	d.t.Helper()
	return topPage(d, "the x-ray to be read", func(p *xrayPage) bool { return len(p.loading) == 0 && !p.lastLoad.IsZero() })
}

// xrayCursorTo moves the cursor with j (k) until the node of id is under it.
func (d *driver) xrayCursorTo(p *xrayPage, id string) *xnode {
	d.t.Helper()
	d.keys("g")
	for range len(p.vis) {
		if n := p.selected(); n != nil && n.obj != nil && n.obj.ID == id {
			return n
		}
		d.keys("j")
	}
	d.t.Fatalf("no node %s in the tree:\n%s", id, d.screen())
	return nil
}

// xrayNode finds the first node of kind whose object matches.
func xrayNode(p *xrayPage, kind string, match func(o *model.Object) bool) *xnode {
	for _, n := range flatten(p.roots, map[string]bool{}, []string{""}) {
		if n.obj != nil && n.obj.Kind.Name == kind && (match == nil || match(n.obj)) {
			return n
		}
	}
	return nil
}

func TestXrayVPCTree(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.NoColor = false })
	p := d.xrayOf("prod-core")
	s := d.screen()
	// Route tables → VSwitches, NAT → SNAT/DNAT/EIPs, VPN → IPsec →
	// customer gateway, IPv6, peering → the other VPC, router interface.
	for _, want := range []string{"Route table", "prod-core-private", "VSwitch", "prod-core-db-b", "cn-hangzhou-b", "free IPs",
		"NAT gateway", "SNAT entry", "DNAT entry", "EIP", "VPN gateway", "IPsec connection", "Customer gateway", "dc-frankfurt",
		"✗ike_sa_not_established", "SSL-VPN server", "IPv6 gateway", "VPC peering", "↔ vpc-"} {
		if !strings.Contains(s, want) {
			t.Errorf("the tree lacks %q:\n%s", want, s)
		}
	}
	// The db VSwitches hang under the custom table they are associated
	// with, the others under the system table.
	db := xrayNode(p, "vsw", func(o *model.Object) bool { return o.Name == "prod-core-db-b" })
	app := xrayNode(p, "vsw", func(o *model.Object) bool { return o.Name == "prod-core-app-b" })
	if db == nil || app == nil || db.parent.obj.Name != "prod-core-private" || app.parent.obj.Val().(*model.RouteTable).RouteTableType != "System" {
		t.Fatalf("VSwitches under the wrong route tables: db %+v app %+v", db, app)
	}
	// A HaVip hangs under its VSwitch; the customer gateway under its IPsec
	// connection.
	if h := xrayNode(p, "havip", nil); h == nil || h.parent.obj.Kind.Name != "vsw" {
		t.Errorf("HaVip not under its VSwitch: %+v", h)
	}
	if g := xrayNode(p, "cgw", nil); g == nil || g.parent.obj.Kind.Name != "ipsec" {
		t.Errorf("customer gateway not under its IPsec connection: %+v", g)
	}
	d.golden("xray_vpc_120x40")
	d.resize(80, 24)
	d.golden("xray_vpc_80x24")
}

func TestXrayFoldKeys(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	all := len(p.vis)
	nat := xrayNode(p, "nat", nil)
	d.xrayCursorTo(p, nat.obj.ID)
	d.keys("space")
	if len(p.vis) != all-len(nat.kids) || strings.Contains(d.screen(), "SNAT entry") {
		t.Fatalf("space did not fold the NAT gateway: %d lines of %d\n%s", len(p.vis), all, d.screen())
	}
	d.keys("l")
	if len(p.vis) != all {
		t.Fatalf("l did not open it again: %d lines of %d", len(p.vis), all)
	}
	d.keys("j", "h") // on the first SNAT entry, h goes to its parent
	if n := p.selected(); n.obj.ID != nat.obj.ID {
		t.Fatalf("h on a leaf should move to its parent, cursor on %s", n.key)
	}
	d.keys("left")
	if p.open[nat.key] {
		t.Fatal("← did not fold the NAT gateway")
	}
	d.keys("-")
	if len(p.vis) != 1 || p.selected() != p.roots[0] {
		t.Fatalf("- should fold everything onto the VPC, %d lines", len(p.vis))
	}
	d.keys("+")
	if len(p.vis) != all {
		t.Fatalf("+ should open everything: %d lines of %d", len(p.vis), all)
	}
}

func TestXrayFilterKeepsAncestors(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	d.keys("/")
	d.typeText("dc-frankfurt")
	d.keys("enter")
	var kinds []string
	for _, n := range p.vis {
		kinds = append(kinds, n.obj.Kind.Name)
	}
	// The customer gateway matches by name, the IPsec connection by its
	// own name; their VPN gateway and VPC stay as ancestors.
	if got := strings.Join(kinds, ","); got != "vpc,vpn,ipsec,cgw" {
		t.Fatalf("filter shows %s, want vpc,vpn,ipsec,cgw\n%s", got, d.screen())
	}
	d.waitText("/dc-frankfurt", "4 lines")
	d.keys("esc")
	if len(p.vis) < 30 {
		t.Fatalf("esc should clear the filter: %d lines", len(p.vis))
	}
}

// A node is a resource: d describes it, enter on a leaf opens its pane on
// its row, and ctrl+d deletes it through the one dialog.
func TestXrayDescribeAndJump(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	eip := xrayNode(p, "eip", func(o *model.Object) bool { return o.Name == "prod-core-ingress" })
	d.xrayCursorTo(p, eip.obj.ID)
	d.keys("d")
	d.waitText("EIP "+eip.obj.ID, `"IpAddress": "120.26.253.7"`)
	d.keys("esc")
	d.keys("enter")
	d.idle()
	b := d.browser()
	if b.kind.Name != "eip" || b.parent == nil || b.parent.Kind.Name != "nat" {
		t.Fatalf("enter on an EIP opened %s of %v", b.kind.Name, b.parent)
	}
	if r := b.table.Selected(); r == nil || r.Obj.ID != eip.obj.ID {
		t.Fatalf("the EIP pane is not on %s: %v", eip.obj.ID, r)
	}
	d.keys("esc")
	if _, ok := d.app.top().(*xrayPage); !ok {
		t.Fatalf("esc should come back to the x-ray, top is %T", d.app.top())
	}
}

func TestXrayDeleteSnatEntryThroughTheDialog(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	snat := xrayNode(p, "snat", func(o *model.Object) bool { return o.Name == "snat-prod-core-lb-b" })
	e := snat.obj.Val().(*model.SnatEntry)
	d.xrayCursorTo(p, snat.obj.ID)
	d.keys("ctrl+d")
	d.waitText("Delete SNAT entry "+snat.obj.ID, "lose outbound Internet access through "+e.SnatIp)
	d.typeText(snat.obj.ID)
	d.keys("enter")
	d.waitFor("DeleteSnatEntry", func() bool { return len(d.fault.received("DeleteSnatEntry")) == 1 })
	d.sentOnce("DeleteSnatEntry", map[string]string{"SnatEntryId": snat.obj.ID, "SnatTableId": e.SnatTableId, "RegionId": "cn-hangzhou"})
	// Tracked until gone, and the tree drops the node.
	d.waitFor("the x-ray back on top", func() bool { return d.app.top() == Page(p) })
	d.waitFor("the SNAT entry to leave the tree", func() bool {
		d.advance(time.Second)
		return p.byKey[snat.key] == nil && !strings.Contains(d.screen(), snat.obj.ID)
	})
	if p.selected() == nil {
		t.Fatal("the cursor was lost with the deleted node")
	}
}

func TestXrayRegionReadsSubtreesWhenExpanded(t *testing.T) {
	d := newDriver(t)
	p := d.xrayRegion()
	if len(p.roots) < 3 || len(p.vis) != len(p.roots) {
		t.Fatalf("want every VPC of the region collapsed, got %d roots, %d lines", len(p.roots), len(p.vis))
	}
	if n := len(d.fault.received("DescribeNatGateways")); n != 0 {
		t.Fatalf("collapsed VPCs were read: %d DescribeNatGateways", n)
	}
	d.golden("xray_region_120x40")
	// Another region's tree names that region in the header.
	d.command("xray region cn-shanghai")
	other := d.xrayIdle()
	if other.region != "cn-shanghai" || !strings.Contains(strings.Split(d.screen(), "\n")[0], "region cn-shanghai") {
		t.Fatalf("the header should name cn-shanghai:\n%s", d.screen())
	}
	for _, r := range other.roots {
		if r.obj.Region != "cn-shanghai" {
			t.Fatalf("a VPC of %s in the tree of cn-shanghai", r.obj.Region)
		}
	}
	d.command("xray region")
	p = d.xrayIdle()
	var prod *xnode
	for _, r := range p.roots {
		if r.obj.Name == "prod-core" {
			prod = r
		}
	}
	d.xrayCursorTo(p, prod.obj.ID)
	d.keys("enter")
	p = d.xrayIdle()
	got := d.fault.received("DescribeNatGateways")
	if len(got) != 1 || got[0].Get("VpcId") != prod.obj.ID {
		t.Fatalf("expanding prod-core should read its NAT gateways once: %v", got)
	}
	d.waitText("Route table", "prod-core-nat")
	for _, r := range p.roots {
		if p.open[r.key] != (r.key == prod.key) {
			t.Errorf("after expanding prod-core, %s open: %v", r.obj.Name, p.open[r.key])
		}
	}
}

// Live: the tree is read again every refresh interval (here the floor,
// 2 s), and what changed in the API shows.
func TestXrayRefreshesWithTheConsole(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.Refresh = MinRefresh })
	p := d.xrayOf("prod-core")
	vsw := xrayNode(p, "vsw", func(o *model.Object) bool { return o.Name == "prod-core-db-f" })
	d.xrayCursorTo(p, vsw.obj.ID)
	if _, err := client.ModifyVSwitchAttribute.Call(d.ctx, d.api(), &client.ModifyVSwitchAttributeInput{RegionId: "cn-hangzhou",
		VSwitchId: vsw.obj.ID, VSwitchName: "renamed-elsewhere"}); err != nil {
		t.Fatal(err)
	}
	d.advance(MinRefresh)
	d.waitText("renamed-elsewhere")
	if n := p.selected(); n == nil || n.key != vsw.key {
		t.Fatalf("the refresh moved the cursor off %s: %v", vsw.obj.ID, n)
	}
}

// Status colours with a skin; glyphs and the cursor mark without colour.
func TestXrayStatusColoursAndNoColor(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.NoColor = false })
	d.xrayOf("prod-core")
	if !colourSGR.MatchString(d.raw()) {
		t.Error("the tree has no colour with a colour skin")
	}
	m := newDriver(t)
	m.xrayOf("prod-core")
	if colourSGR.MatchString(m.raw()) {
		t.Error("NO_COLOR tree has colour sequences")
	}
	s := m.screen()
	if marked := markedLines(s); len(marked) != 1 || !strings.Contains(marked[0], "VPC") {
		t.Errorf("want the cursor line marked %s, got %q", theme.CursorGlyph, marked)
	}
	if !strings.Contains(s, theme.Glyph(theme.PhaseReady)+"Available") || !strings.Contains(s, theme.Glyph(theme.PhaseFailed)+"ike_sa_not_established") {
		t.Errorf("statuses lack their glyphs:\n%s", s)
	}
	m.resize(80, 24)
	m.golden("xray_vpc_nocolor_80x24")
}

// Every family of the demo region is in the tree once its VPCs are open,
// and every VSwitch, route table, NAT gateway and flow log of the region
// exactly once.
func TestXrayRegionCoversEveryFamily(t *testing.T) {
	d := newDriver(t)
	p := d.xrayRegion()
	for _, r := range p.roots {
		d.xrayCursorTo(p, r.obj.ID)
		d.keys("enter")
		p = d.xrayIdle()
	}
	seen := map[string]int{}
	for _, n := range p.byKey {
		if n.obj != nil {
			seen[n.obj.Kind.Name]++
		}
	}
	for _, k := range xrayOrder {
		if seen[k] == 0 {
			t.Errorf("no %s in the region's tree: %v", k, seen)
		}
	}
	reg := model.Default()
	for _, k := range []string{"vsw", "rt", "nat", "vpcflowlog"} {
		n := 0
		err := d.api().ListObjects(d.ctx, reg.MustLookup(k), "cn-hangzhou", nil, func(objs []*model.Object, _ client.Page) error {
			n += len(objs)
			return nil
		})
		noErr(t, err)
		if seen[k] != n {
			t.Errorf("%d %s nodes, the region has %d", seen[k], k, n)
		}
	}
}

// c on a node creates one of its kind beside it (in its parent), x offers
// the node's own actions: the same forms and menus as its pane.
func TestXrayCreateAndActionsOnANode(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	snat := xrayNode(p, "snat", nil)
	nat := snat.parent.obj
	d.xrayCursorTo(p, snat.obj.ID)
	f := d.openForm("c")
	if f.fc.Parent == nil || f.fc.Parent.ID != nat.ID || f.fc.Target != nil {
		t.Fatalf("create from a SNAT node: parent %v target %v", f.fc.Parent, f.fc.Target)
	}
	d.waitText("Create SNAT entry")
	d.keys("esc")
	d.waitFor("the x-ray back", func() bool { return d.app.top() == Page(p) })
	vsw := xrayNode(p, "vsw", func(o *model.Object) bool { return o.Name == "prod-core-db-b" })
	d.xrayCursorTo(p, vsw.obj.ID)
	f = d.openForm("e")
	if f.fc.Target == nil || f.fc.Target.ID != vsw.obj.ID || f.fc.Parent == nil || f.fc.Parent.Kind.Name != "vpc" {
		t.Fatalf("edit from a VSwitch node: target %v parent %v", f.fc.Target, f.fc.Parent)
	}
	d.keys("esc")
	d.waitFor("the x-ray back", func() bool { return d.app.top() == Page(p) })
	eip := xrayNode(p, "eip", func(o *model.Object) bool { return o.Name == "prod-core-ingress" })
	d.xrayCursorTo(p, eip.obj.ID)
	d.keys("x")
	d.waitFor("the actions menu", func() bool { return d.app.menu != nil })
	if !strings.Contains(d.app.menu.title, eip.obj.ID) {
		t.Fatalf("actions menu %q is not for %s", d.app.menu.title, eip.obj.ID)
	}
	d.keys("esc")
	// A note (the other VPC of a peering) is not a resource.
	other := xrayNode(p, "peer", nil).kids[0]
	p.want = other.key
	p.rebuild()
	d.keys("ctrl+d")
	if _, ok := d.app.top().(*xrayPage); !ok {
		t.Fatalf("ctrl+d on a note opened %T", d.app.top())
	}
	d.waitText("No resource is highlighted")
}

// A VPC that is not there is said so, with the API's answer; nothing is
// drawn as a tree.
func TestXrayUnknownVPC(t *testing.T) {
	d := newConsole(t)
	d.command("xray vpc-nosuchvpc0000000000")
	p := d.xrayIdle()
	if len(p.roots) != 0 || p.err == nil {
		t.Fatalf("want an error and no tree, got %d roots, err %v", len(p.roots), p.err)
	}
	d.waitText("VPC vpc-nosuchvpc0000000000 was not found in cn-hangzhou", "ctrl+r retries", "Nothing was read.")
	d.command("xray bogus")
	d.waitText(`Don't know what "bogus" means for :xray`)
}

// Read-only: the tree offers no change keys and ctrl+d sends nothing.
func TestXrayReadOnly(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.ReadOnly = true })
	xrayRefusesChanges(t, d)
}

// On a snapshot the tree's change keys explain the refusal and open
// nothing, as the panes' do.
func TestXraySnapshotRefusesChanges(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.Snapshot, o.SnapshotFile = "2026-03-01 09:00 UTC", "snap.json" })
	xrayRefusesChanges(t, d)
	d.waitText("Snapshot: read-only, changes are disabled")
}

func xrayRefusesChanges(t *testing.T, d *driver) {
	t.Helper()
	p := d.xrayOf("prod-core")
	if strings.Contains(d.screen(), "change") {
		t.Errorf("read-only footer offers changes:\n%s", d.screen())
	}
	d.xrayCursorTo(p, xrayNode(p, "snat", nil).obj.ID)
	d.keys("ctrl+d", "c", "e", "x")
	if d.app.top() != Page(p) || d.app.menu != nil {
		t.Fatalf("a change key acted in read-only mode: top %T", d.app.top())
	}
}

// The other VPC of a peering is named when the tree has it, and enter on
// it opens its own x-ray (esc comes back).
func TestXrayPeeringOpensTheOtherVPC(t *testing.T) {
	d := newDriver(t)
	p := d.xrayRegion()
	prod := p.roots[0]
	d.xrayCursorTo(p, prod.obj.ID)
	d.keys("enter")
	p = d.xrayIdle()
	peer := xrayNode(p, "peer", nil)
	d.xrayCursorTo(p, peer.obj.ID)
	d.keys("enter", "j") // a region's VPC opens one level: open the peering
	note := p.selected()
	if note == nil || note.vpc == "" {
		t.Fatalf("cursor not on the peering's other VPC: %+v", note)
	}
	d.waitText("↔ " + note.vpc + " (shared-services)")
	d.keys("enter")
	other := d.xrayIdle()
	if other == p || other.vpcID != note.vpc || len(other.roots) != 1 || other.roots[0].obj.Name != "shared-services" {
		t.Fatalf("enter on the other VPC opened %+v", other)
	}
	d.waitText("X-ray of " + note.vpc + " (shared-services)")
	d.keys("esc")
	if d.app.top() != Page(p) {
		t.Fatalf("esc should come back to the region's x-ray, top is %T", d.app.top())
	}
}

// On a snapshot a change key on a line that is no resource (the note
// naming a peering's other VPC) still says why nothing can change.
func TestXraySnapshotRefusesOnANote(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.Snapshot, o.SnapshotFile = "2026-03-01 09:00 UTC", "snap.json" })
	p := d.xrayOf("prod-core")
	d.xrayCursorTo(p, xrayNode(p, "peer", nil).obj.ID)
	d.keys("down")
	if n := p.selected(); n == nil || n.obj != nil {
		t.Fatalf("the cursor is not on the peering's note: %+v", n)
	}
	for _, key := range []string{"c", "e", "ctrl+d", "x"} {
		d.app.flash.text = ""
		d.keys(key)
		d.waitText("Snapshot: read-only, changes are disabled")
		if d.app.top() != Page(p) || d.app.menu != nil {
			t.Fatalf("%s acted on a snapshot: top %T", key, d.app.top())
		}
	}
}

// A page of the x-ray is the lines it shows: pgdown from the top puts the
// cursor on the first line below the screen's last, pgup brings it back.
func TestXrayPagesByTheLinesShown(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	d.resize(100, 16)
	d.screen()
	if p.rows < 2 || len(p.vis) <= 2*p.rows {
		t.Fatalf("%d lines shown of %d: want a tree more than two screens long", p.rows, len(p.vis))
	}
	for _, step := range []struct {
		key  string
		want func() int
	}{
		{"g", func() int { return 0 }},
		{"pgdown", func() int { return p.rows }},
		{"pgdown", func() int { return 2 * p.rows }},
		{"pgup", func() int { return p.rows }},
		{"G", func() int { return len(p.vis) - 1 }},
		{"home", func() int { return 0 }},
	} {
		want := step.want()
		d.keys(step.key)
		screen := d.screen()
		if p.cur != want {
			t.Fatalf("%s put the cursor on line %d, want %d", step.key, p.cur, want)
		}
		if n := p.selected(); n == nil || n.obj != nil && !strings.Contains(screen, n.obj.ID) {
			t.Fatalf("%s: the cursor's line is not on screen:\n%s", step.key, screen)
		}
	}
}

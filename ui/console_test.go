package ui

import (
	"context"
	"fmt"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

func TestRegionPaneShowsZonesAndServices(t *testing.T) {
	d := newConsole(t)
	d.command("region")
	d.idle()
	d.waitFor("service status", func() bool {
		s := d.screen()
		return strings.Contains(s, "Opened") && strings.Contains(s, "Not opened")
	})
	s := d.screen()
	for _, want := range []string{"cn-hangzhou", "cn-shanghai", "ap-southeast-1", "Regions"} {
		if !strings.Contains(s, want) {
			t.Errorf("region pane lacks %q:\n%s", want, s)
		}
	}
	// Region → VPCs of that region.
	d.typeText("/")
	d.typeText("id:cn-shanghai")
	d.keys("enter")
	d.waitFor("one region", func() bool { return d.browser().table.VisibleLen() == 1 })
	d.keys("enter")
	d.idle()
	s = d.waitText("VPCs in cn-shanghai", "region cn-shanghai")
	if strings.Contains(s, "prod-core ") && !strings.Contains(s, "cn-shanghai") {
		t.Errorf("drilling into a region must scope to it:\n%s", s)
	}
}

func TestDrillVPCRouteTablesEntries(t *testing.T) {
	d := newConsole(t)
	selectRow(d, "name", "prod-core")
	d.keys("enter")
	d.waitText("Open for VPC")
	// Route tables are one of the choices; pick by moving the cursor.
	m := d.app.menu
	pick := -1
	for i, it := range m.items {
		if it.label == "Route Tables" {
			pick = i
		}
	}
	if pick < 0 {
		t.Fatalf("no Route Tables in the drill menu: %+v", m.items)
	}
	d.keys(fmt.Sprint(pick + 1))
	d.idle()
	d.waitText("Route Tables of vpc-", "System")
	selectRow(d, "type", "system")
	d.keys("enter")
	d.waitText("Open for Route table")
	d.keys("2") // 1 VSwitches, 2 Route Entries
	d.idle()
	s := d.waitText("Route Entries of vtb-", "10.0.1.0/24")
	if !strings.Contains(s, "System") {
		t.Errorf("system routes should show:\n%s", s)
	}
	d.keys("esc")
	d.waitText("Route Tables of vpc-")
	d.keys("esc")
	d.keys("esc") // clears the filter, then goes back
	d.waitText("VPCs")
}

// selectRow filters a column to value and waits for exactly one row.
func selectRow(d *driver, col, value string) {
	d.t.Helper()
	d.typeText("/")
	d.typeText(col + ":" + value)
	d.keys("enter")
	d.waitFor(col+"="+value, func() bool { return d.browser().table.VisibleLen() >= 1 })
}

func TestCommandScopesAndErrors(t *testing.T) {
	d := newConsole(t)
	var vpcID string
	for _, r := range d.browser().table.Rows() {
		if r.Obj.Name == "staging" {
			vpcID = r.Obj.ID
		}
	}
	d.command("vsw " + vpcID)
	d.idle()
	s := d.waitText("VSwitches of "+vpcID, "staging-app-b")
	if strings.Contains(s, "prod-core-app") {
		t.Errorf(":vsw %s shows another VPC's VSwitches:\n%s", vpcID, s)
	}
	d.command("vpc all")
	d.idle()
	s = d.waitText("VPCs (all regions)", "REGION")
	b := d.browser()
	regions := map[string]bool{}
	for _, r := range b.table.Rows() {
		regions[r.Obj.Region] = true
	}
	if len(regions) < 3 {
		t.Errorf(":vpc all loaded %d regions", len(regions))
	}
	d.command("nosuchthing")
	d.waitText("Unknown command")
	d.command("vsw banana")
	d.waitText("Don't know what")
	d.command("vsw vtb-123")
	d.waitText("VSwitches of vtb-123") // route tables scope VSwitches: allowed
	d.command("rt vsw-123")
	d.waitText("cannot be scoped")
}

func TestPromptCompletionAndHistory(t *testing.T) {
	d := newConsole(t)
	d.keys(":")
	d.typeText("vs")
	if s := d.screen(); !strings.Contains(s, "vsw") || !strings.Contains(s, "vswitch") {
		t.Errorf("completions should be listed:\n%s", s)
	}
	d.keys("tab")
	if got := d.app.prompt.text(); got != "vsw" {
		t.Errorf("tab completed to %q", got)
	}
	d.keys("enter")
	d.idle()
	d.waitText("VSwitches")
	d.keys(":", "up")
	if got := d.app.prompt.text(); got != "vsw" {
		t.Errorf("history: %q", got)
	}
	d.keys("esc")
	if d.app.prompt != nil {
		t.Error("esc closes the prompt")
	}
}

func TestSortByKeys(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	b := d.browser()
	names := func() []string {
		var out []string
		for _, i := range b.table.visible {
			out = append(out, b.table.rows[i].Obj.Name)
		}
		return out
	}
	first := names()
	d.keys("o") // reverse
	rev := names()
	if first[0] != rev[len(rev)-1] {
		t.Errorf("o should reverse: %v vs %v", first, rev)
	}
	if !strings.Contains(d.screen(), "NAME▼") {
		t.Errorf("the header shows the direction:\n%s", d.screen())
	}
	d.keys("6") // the 6th shown column: free IPs
	col, desc := b.table.SortColumn()
	if b.table.cols[col].Name != "Free IPs" || desc {
		t.Errorf("digit sort picked %s desc=%v", b.table.cols[col].Name, desc)
	}
	d.keys(">")
	col, _ = b.table.SortColumn()
	if b.table.cols[col].Name == "Free IPs" {
		t.Error("> moves the sort column")
	}
}

func TestStaleAnswerIsDropped(t *testing.T) {
	d := newConsole(t)
	b := d.browser()
	old := b.seq
	k := model.Default().MustLookup("vpc")
	ghost := newRow(b.kind, &model.Object{Kind: k, Region: "cn-hangzhou", ID: "vpc-ghost", Name: "ghost", Value: &model.Vpc{VpcId: "vpc-ghost", VpcName: "ghost"}})
	d.keys("ctrl+r") // a new load: the old sequence is stale now
	d.process(loadMsg{id: b.id, seq: old, events: []loadEvent{{rows: []*Row{ghost}}}})
	d.idle()
	if b.table.Row(ghost.Key) != nil || strings.Contains(d.screen(), "ghost") {
		t.Error("an answer for a replaced load reached the table")
	}
	// An answer for a page that was closed is dropped too.
	d.command("vsw")
	d.idle()
	d.process(loadMsg{id: b.id, seq: b.seq, events: []loadEvent{{rows: []*Row{ghost}}}})
	if strings.Contains(d.screen(), "ghost") {
		t.Error("an answer for a closed pane was shown")
	}
}

func TestErrorKeepsLastGoodRows(t *testing.T) {
	d := newConsole(t)
	before := d.browser().table.Len()
	d.fault.on.Store(true)
	d.keys("ctrl+r")
	d.idle()
	s := d.waitText("ServiceUnavailable", "FAULT-REQ-1", "prod-core")
	if d.browser().table.Len() != before {
		t.Errorf("rows went from %d to %d after a failed refresh", before, d.browser().table.Len())
	}
	if !strings.Contains(s, "showing the last good rows") {
		t.Errorf("the banner should say the rows are stale:\n%s", s)
	}
	d.fault.on.Store(false)
	d.keys("ctrl+r")
	d.idle()
	d.waitFor("the error to clear", func() bool { return !strings.Contains(d.screen(), "FAULT-REQ-1") })
}

func TestDeltaHighlighting(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	// Another client changes the world behind the console's back.
	other := otherClient(t, d)
	vpcs, err := client.DescribeVpcs.Call(context.Background(), other, &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "staging"})
	exactlyOne(t, "staging VPC", vpcs, err)
	out, err := client.CreateVSwitch.Call(context.Background(), other, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: vpcs[0].VpcId,
		ZoneId: "cn-hangzhou-b", CidrBlock: "10.10.200.0/24", VSwitchName: "added-behind-your-back"})
	noErr(t, err)
	d.keys("ctrl+r")
	d.idle()
	s := d.waitText("added-behind-your-back")
	if !regexp.MustCompile(`(?m)^\+.*added-behind-your-back`).MatchString(s) {
		t.Errorf("an added row is marked +:\n%s", s)
	}
	// Deleted rows are struck out for a moment and then go.
	d.advance(4 * time.Second) // settle the new VSwitch in the simulator
	if _, err := client.DeleteVSwitch.Call(context.Background(), other, &client.DeleteVSwitchInput{RegionId: "cn-hangzhou", VSwitchId: out.VSwitchId}); err != nil {
		t.Fatal(err)
	}
	d.advance(4 * time.Second)
	d.keys("ctrl+r")
	d.idle()
	s = d.waitText("added-behind-your-back")
	if !regexp.MustCompile(`(?m)^-.*added-behind-your-back`).MatchString(s) {
		t.Errorf("a removed row is marked -:\n%s", s)
	}
	d.waitFor("the removed row to go", func() bool {
		d.advance(500 * time.Millisecond) // time passes for the console too
		return !strings.Contains(d.screen(), "added-behind-your-back")
	})
}

func otherClient(t *testing.T, d *driver) *client.Client {
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: d.http.URL},
	})
	noErr(t, err)
	return c
}

func TestRefreshKeepsCursorOnResource(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	b := d.browser()
	d.keys("down", "down", "down")
	sel := b.table.Selected().Key
	other := otherClient(t, d)
	_, err := client.CreateVSwitch.Call(context.Background(), other, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: vpcNamed(d, "dev-sandbox"),
		ZoneId: "cn-hangzhou-b", CidrBlock: "172.16.64.0/20", VSwitchName: "aaa-sorts-first"})
	noErr(t, err)
	d.keys("ctrl+r")
	d.idle()
	d.waitText("aaa-sorts-first")
	if b.table.Selected().Key != sel {
		t.Errorf("refresh moved the cursor from %s to %s", sel, b.table.Selected().Key)
	}
}

func TestLiveRefreshPausesWhileTyping(t *testing.T) {
	d := newConsole(t)
	b := d.browser()
	d.typeText("/")
	d.typeText("prod")
	calls := d.fault.calls.Load()
	d.process(refreshTickMsg{id: b.id, gen: b.refreshGen})
	d.drain()
	if b.loading || d.fault.calls.Load() != calls {
		t.Error("a refresh tick while the filter is open must not reload")
	}
	d.keys("enter")
	d.process(refreshTickMsg{id: b.id, gen: b.refreshGen})
	d.idle()
	if d.fault.calls.Load() == calls {
		t.Error("after the filter closes, the tick refreshes")
	}
}

func TestDescribeSearchAndMasking(t *testing.T) {
	d := newConsole(t)
	selectRow(d, "name", "prod-core")
	d.keys("d")
	s := d.waitText(`"VpcName": "prod-core"`, `"CidrBlock"`)
	if !strings.Contains(s, "describe vpc-") {
		t.Errorf("breadcrumb:\n%s", s)
	}
	d.typeText("/")
	d.typeText("cidr")
	d.keys("enter")
	d.waitText("match 1/")
	d.keys("esc", "esc")
	d.waitText("VPCs")
	// Secrets are masked in describe views.
	k := model.Default().MustLookup("ipsec")
	o := &model.Object{Kind: k, ID: "vco-1", Raw: []byte(`{"VpnConnectionId":"vco-1","IkeConfig":{"Psk":"super-secret-psk","IkeVersion":"ikev2"}}`)}
	page := newDescribePage(d.app, o)
	joined := strings.Join(page.lines, "\n")
	if strings.Contains(joined, "super-secret-psk") || !strings.Contains(joined, `"Psk": "****"`) {
		t.Errorf("PSK not masked:\n%s", joined)
	}
}

func TestCopyUsesOSC52(t *testing.T) {
	d := newConsole(t)
	sel := d.browser().table.Selected().Obj.ID
	d.keys("y")
	d.waitText("Copied " + sel)
	d.waitFor("the clipboard", func() bool { return len(d.clipboard) > 0 })
	if d.clipboard[len(d.clipboard)-1] != sel {
		t.Errorf("clipboard got %v, want %s", d.clipboard, sel)
	}
}

func TestResizeAndTinyWindow(t *testing.T) {
	d := newConsole(t)
	d.resize(80, 24)
	s := d.screen()
	lines := strings.Split(s, "\n")
	if len(lines) != 24 {
		t.Errorf("80x24 renders %d lines", len(lines))
	}
	for _, l := range lines {
		if visibleWidth(l) > 80 {
			t.Errorf("line wider than 80: %q", l)
		}
	}
	d.resize(40, 10)
	d.waitText("needs at least")
	d.resize(200, 60)
	s = d.waitText("prod-core", "DESCRIPTION")
	if len(strings.Split(s, "\n")) != 60 {
		t.Error("200x60 should fill the window")
	}
}

func TestNoColorHasNoColourCodes(t *testing.T) {
	d := newConsole(t)
	raw := d.raw()
	if regexp.MustCompile(`\x1b\[[0-9;]*(38|48);`).MatchString(raw) {
		t.Error("NO_COLOR output contains colour sequences")
	}
	if !strings.Contains(raw, "●") {
		t.Error("status glyphs keep status readable without colour")
	}
	// With colour, statuses are coloured.
	c := newConsole(t, func(_ *sim.Options, o *Options) { o.NoColor = false })
	if !regexp.MustCompile(`\x1b\[[0-9;]*38;`).MatchString(c.raw()) {
		t.Error("colour output lacks colours")
	}
}

func TestHelpListsKeysAndReadOnlyHidesMutations(t *testing.T) {
	d := newConsole(t)
	d.keys("?")
	s := d.waitText("ctrl+r", "describe", "ctrl+d", ":vsw")
	_ = s
	d.keys("esc")
	ro := newConsole(t, func(_ *sim.Options, o *Options) { o.ReadOnly = true })
	s = ro.waitText("READ-ONLY")
	if strings.Contains(s, "<c> create") || strings.Contains(s, "<ctrl+d>") {
		t.Errorf("read-only footer advertises mutations:\n%s", s)
	}
	ro.keys("?")
	s = ro.waitText("READ-ONLY")
	if strings.Contains(s, "ctrl+d") {
		t.Errorf("read-only help lists delete:\n%s", s)
	}
}

func TestRebindKeys(t *testing.T) {
	km, err := NewKeyMap(map[string][]string{"delete": {"ctrl+x"}, "quit": {"Q"}}, false)
	noErr(t, err)
	if a, ok := km.Lookup(tea.KeyPressMsg{Code: 'x', Mod: tea.ModCtrl}); !ok || a != ActDelete {
		t.Error("ctrl+x should delete")
	}
	if _, ok := km.Lookup(tea.KeyPressMsg{Code: 'd', Mod: tea.ModCtrl}); ok {
		t.Error("ctrl+d no longer deletes")
	}
	if _, err := NewKeyMap(map[string][]string{"explode": {"x"}}, false); err == nil {
		t.Error("unknown actions are reported")
	}
	if _, err := NewKeyMap(map[string][]string{"describe": {"y"}}, false); err == nil {
		t.Error("a key bound twice is reported")
	}
}

func TestQuit(t *testing.T) {
	d := newConsole(t)
	d.keys("q")
	d.waitFor("quit", func() bool { return d.quit })
}

// `:vsw vpc-` tab completes the IDs of the VPCs loaded in the open panes;
// tab again cycles; the completed command opens that VPC's VSwitches.
func TestPromptTabCompletesLoadedIDs(t *testing.T) {
	d := newConsole(t)
	var ids []string
	for _, r := range d.browser().table.Rows() {
		ids = append(ids, r.Obj.ID)
	}
	sort.Strings(ids)
	d.keys(":")
	d.typeText("vsw vpc-")
	s := d.screen()
	for _, id := range ids {
		if !strings.Contains(s, id) {
			t.Errorf("the prompt should offer %s:\n%s", id, s)
		}
	}
	d.keys("tab")
	if got := d.app.prompt.text(); got != "vsw "+ids[0] {
		t.Fatalf("tab completed to %q, want %q", got, "vsw "+ids[0])
	}
	d.keys("tab")
	if got := d.app.prompt.text(); got != "vsw "+ids[1] {
		t.Fatalf("a second tab should cycle to %q, got %q", "vsw "+ids[1], got)
	}
	// A unique prefix completes with a trailing space.
	d.keys("ctrl+u")
	d.typeText("vsw " + ids[2][:len(ids[2])-3])
	d.keys("tab")
	if got := d.app.prompt.text(); got != "vsw "+ids[2]+" " {
		t.Fatalf("a unique prefix completed to %q", got)
	}
	d.keys("enter")
	d.idle()
	d.waitText("VSwitches of " + ids[2])
}

// A name completes to its ID: `:vsw prod-c` tab gives prod-core's ID.
func TestPromptTabCompletesANameToItsID(t *testing.T) {
	d := newConsole(t)
	o := d.rowNamed("prod-core")
	d.keys(":")
	d.typeText("vsw prod-c")
	d.keys("tab")
	if got := d.app.prompt.text(); got != "vsw "+o.ID+" " {
		t.Fatalf("tab completed %q, want %q", got, "vsw "+o.ID+" ")
	}
}

package ui

import (
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The cursor belongs to a resource (kind/region/ID), not to a row number:
// each test moves the pane through one transition, checks the highlighted
// resource, then presses an action key and checks what the console acted
// on — the resource the simulator deleted, or the page that opened.

// selFixture creates VSwitches sel-a, sel-b and sel-c in dev-sandbox
// (they sort by name between prod-core-… and shared-…, by CIDR last) and
// opens :vsw. It returns their IDs by name.
func selFixture(t *testing.T) (*driver, map[string]string) {
	d := newConsole(t)
	api := d.api()
	vpcs, err := client.DescribeVpcs.Call(d.ctx, api, &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "dev-sandbox"})
	exactlyOne(t, "dev-sandbox", vpcs, err)
	ids := map[string]string{}
	for i, name := range []string{"sel-a", "sel-b", "sel-c"} {
		out, err := client.CreateVSwitch.Call(d.ctx, api, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: vpcs[0].VpcId,
			ZoneId: "cn-hangzhou-b", CidrBlock: fmt.Sprintf("172.16.%d.0/24", 32+i), VSwitchName: name})
		if err != nil {
			t.Fatalf("creating %s: %v", name, err)
		}
		ids[name] = out.VSwitchId
		d.advance(5 * time.Second) // one VSwitch of a VPC at a time
	}
	d.command("vsw")
	d.idle()
	d.waitText("sel-a", "sel-b", "sel-c")
	return d, ids
}

// highlighted is the name of the highlighted resource ("" for none).
func highlighted(d *driver) string {
	if r := d.browser().table.Selected(); r != nil {
		return r.Obj.Name
	}
	return ""
}

func wantHighlighted(d *driver, name, after string) {
	d.t.Helper()
	if got := highlighted(d); got != name {
		d.t.Fatalf("after %s the cursor is on %q, want %q; screen:\n%s", after, got, name, d.screen())
	}
}

// moveTo presses down (or up) until the cursor is on name.
func moveTo(d *driver, name string) {
	d.t.Helper()
	b := d.browser()
	if b.filterEditing {
		// In the filter line home is the text's start; pgup moves the rows.
		for range b.table.VisibleLen()/max(b.table.height, 1) + 1 {
			d.keys("pgup")
		}
	} else {
		d.keys("home")
	}
	for range b.table.VisibleLen() {
		if highlighted(d) == name {
			return
		}
		d.keys("down")
	}
	d.t.Fatalf("%s is not in the pane:\n%s", name, d.screen())
}

// deleteHighlighted presses ctrl+d, checks the dialog is for want,
// confirms with its ID, and reads back that the simulator deleted want
// and nothing else of ids.
func deleteHighlighted(d *driver, ids map[string]string, want string) {
	d.t.Helper()
	d.keys("ctrl+d")
	d.waitFor("the delete dialog", func() bool { _, ok := d.app.top().(*deletePage); return ok })
	if got := d.app.top().(*deletePage).obj; got.ID != ids[want] {
		d.t.Fatalf("ctrl+d opened the dialog for %s (%s), want %s (%s)", got.Name, got.ID, want, ids[want])
	}
	d.typeText(ids[want])
	d.keys("enter")
	d.waitFor("the dialog to close", func() bool { _, ok := d.app.top().(*browser); return ok })
	api := d.api()
	exists := func(id string) bool {
		sws, err := client.DescribeVSwitches.Call(d.ctx, api, &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VSwitchId: id})
		if client.ErrorCode(err) == "InvalidVSwitchId.NotFound" {
			return false
		}
		noErr(d.t, err)
		return len(sws) > 0
	}
	d.waitFor(want+" to be deleted", func() bool {
		d.advance(time.Second)
		return !exists(ids[want])
	})
	for name, id := range ids {
		if name != want && !exists(id) {
			d.t.Errorf("%s was deleted too", name)
		}
	}
}

// describeHighlighted presses d and checks the describe page is for want.
func describeHighlighted(d *driver, want *model.Object) {
	d.t.Helper()
	d.keys("d")
	d.waitFor("the describe page", func() bool { _, ok := d.app.top().(*describePage); return ok })
	got := d.app.top().(*describePage).obj
	if got.ID != want.ID || got.Region != want.Region {
		d.t.Fatalf("d described %s in %s, want %s (%s) in %s", got.ID, got.Region, want.ID, want.Name, want.Region)
	}
	d.keys("esc")
}

func rowByName(d *driver, name string) *model.Object {
	d.t.Helper()
	for _, r := range d.browser().table.Rows() {
		if r.Obj.Name == name {
			return r.Obj
		}
	}
	d.t.Fatalf("no row named %s", name)
	return nil
}

// The reported case: /cn-shanghai on regions, esc, enter opened the VPCs
// of ap-northeast-1 (the first row) instead of cn-shanghai.
func TestSelectionFilterClearKeepsRegion(t *testing.T) {
	d := newConsole(t)
	d.command("region")
	d.idle()
	d.typeText("/cn-shanghai")
	d.waitFor("the filter", func() bool { return d.browser().table.VisibleLen() == 1 })
	wantHighlighted(d, "China (Shanghai)", "/cn-shanghai")
	d.keys("esc")
	if d.browser().table.Filtered() {
		t.Fatal("esc should clear the filter")
	}
	wantHighlighted(d, "China (Shanghai)", "esc")
	d.keys("enter")
	d.idle()
	d.waitText("VPCs in cn-shanghai")
	if p := d.browser().parent; p == nil || p.ID != "cn-shanghai" {
		t.Fatalf("enter opened the VPCs of %v", p)
	}
}

// The reported case: filter staging, esc put the cursor on dev-sandbox.
func TestSelectionFilterClearKeepsVPC(t *testing.T) {
	d := newConsole(t)
	d.typeText("/staging")
	d.keys("enter")
	wantHighlighted(d, "staging", "/staging")
	d.keys("esc")
	wantHighlighted(d, "staging", "esc")
	staging := rowByName(d, "staging")
	describeHighlighted(d, staging)
	// e edits it, x has nothing to list, y copies its ID.
	if p := d.openForm("e"); p.fc.Target == nil || p.fc.Target.ID != staging.ID {
		t.Fatalf("e opened a form for %v, want %s", p.fc.Target, staging.ID)
	}
	d.keys("esc")
	d.waitFor("the pane", func() bool { _, ok := d.app.top().(*browser); return ok })
	// A VPC has no `x` actions: x says so and opens nothing (the old
	// check, on a menu's title only if one opened, passed either way).
	d.keys("x")
	if d.app.menu != nil || !strings.Contains(d.app.flash.text, "No other actions for VPCs") {
		t.Fatalf("x on %s: menu %v, message %q; want no menu and that VPCs have no other actions", staging.ID, d.app.menu, d.app.flash.text)
	}
	d.keys("y")
	d.waitFor("the clipboard", func() bool { return len(d.clipboard) > 0 })
	if got := d.clipboard[len(d.clipboard)-1]; got != staging.ID {
		t.Fatalf("y copied %s, want %s", got, staging.ID)
	}
}

// Applying a filter keeps the highlighted resource when it matches, and
// moves to the next row that matches when it does not.
func TestSelectionFilterApply(t *testing.T) {
	d, ids := selFixture(t)
	moveTo(d, "sel-b")
	d.typeText("/sel")
	wantHighlighted(d, "sel-b", "/sel (it matches)")
	d.keys("esc")
	moveTo(d, "prod-core-lb-b") // the row just before sel-a
	d.typeText("/sel")
	d.keys("enter")
	wantHighlighted(d, "sel-a", "/sel (prod-core-lb-b filtered out: the next row that matches)")
	deleteHighlighted(d, ids, "sel-a")
}

// Changing the filter keeps the resource even as its row number changes.
func TestSelectionFilterChange(t *testing.T) {
	d, ids := selFixture(t)
	d.typeText("/s")
	moveTo(d, "sel-c")
	before := d.browser().table.Cursor()
	d.typeText("el")
	wantHighlighted(d, "sel-c", "/sel")
	if d.browser().table.Cursor() == before {
		t.Fatal("the test needs the row to move: widen the first filter")
	}
	d.keys("backspace", "backspace")
	wantHighlighted(d, "sel-c", "back to /s")
	d.typeText("el-b")
	wantHighlighted(d, "sel-b", "/sel-b (sel-c filtered out)")
	d.keys("enter")
	deleteHighlighted(d, ids, "sel-b")
}

// Sorting by another column and reversing keep the resource.
func TestSelectionSort(t *testing.T) {
	d, ids := selFixture(t)
	moveTo(d, "sel-b")
	before := d.browser().table.Cursor()
	d.keys("4") // CIDR: sel-b moves near the end
	if col, _ := d.browser().table.SortColumn(); d.browser().table.cols[col].Name != "CIDR" {
		t.Fatalf("4 sorted by %s", d.browser().table.cols[col].Name)
	}
	wantHighlighted(d, "sel-b", "sort by CIDR")
	if d.browser().table.Cursor() == before {
		t.Fatal("the sort should have moved sel-b")
	}
	d.keys("o")
	wantHighlighted(d, "sel-b", "reverse")
	d.keys(">")
	wantHighlighted(d, "sel-b", "next sort column")
	deleteHighlighted(d, ids, "sel-b")
}

// A refresh that adds a row above the highlighted one keeps the resource,
// even when the user never moved the cursor (it was on the first row).
func TestSelectionRefreshRowMoves(t *testing.T) {
	d, ids := selFixture(t)
	d.keys("home")
	first := highlighted(d)
	d.typeText("/sel")
	d.keys("enter", "down", "esc") // sel-b, filter cleared
	wantHighlighted(d, "sel-b", "esc")
	_ = first
	api := d.api()
	if _, err := client.CreateVSwitch.Call(d.ctx, api, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: vpcNamed(d, "dev-sandbox"),
		ZoneId: "cn-hangzhou-b", CidrBlock: "172.16.40.0/24", VSwitchName: "aaa-sorts-first"}); err != nil {
		t.Fatal(err)
	}
	d.advance(5 * time.Second) // settled: the VPC takes the next change
	before := d.browser().table.Cursor()
	d.keys("ctrl+r")
	d.idle()
	d.waitText("aaa-sorts-first")
	if d.browser().table.Cursor() != before+1 {
		t.Errorf("sel-b should be one row lower (%d → %d)", before, d.browser().table.Cursor())
	}
	wantHighlighted(d, "sel-b", "a refresh added a row above it")
	deleteHighlighted(d, ids, "sel-b")
}

// Without moving the cursor: the first row stays highlighted as the
// resource it is, when a refresh brings a row that sorts before it.
func TestSelectionRefreshUnmovedCursor(t *testing.T) {
	d := newConsole(t)
	first := rowByName(d, highlighted(d))
	api := d.api()
	if _, err := client.CreateVpc.Call(d.ctx, api, &client.CreateVpcInput{RegionId: "cn-hangzhou", CidrBlock: "192.168.0.0/16", VpcName: "aaa-new"}); err != nil {
		t.Fatal(err)
	}
	d.keys("ctrl+r")
	d.idle()
	d.waitText("aaa-new")
	wantHighlighted(d, first.Name, "a refresh added a row above the first one")
	describeHighlighted(d, first)
}

// A resize keeps the resource, also when it scrolls the window; a resize
// that hides the column a row matched in refilters (plain words match the
// cells on screen) and moves to the neighbour.
func TestSelectionResize(t *testing.T) {
	d, ids := selFixture(t)
	moveTo(d, "sel-c")
	d.resize(80, 12)
	wantHighlighted(d, "sel-c", "resize to 80x12")
	if !strings.Contains(d.screen(), "sel-c") {
		t.Errorf("the highlighted row must stay on screen:\n%s", d.screen())
	}
	d.resize(120, 40)
	wantHighlighted(d, "sel-c", "resize to 120x40")
	d.command("vpc")
	d.idle()
	d.resize(250, 40) // DESCRIPTION shows: staging's "Pre-production copy of prod-core"
	d.typeText("/prod")
	d.keys("enter")
	if n := d.browser().table.VisibleLen(); n != 2 {
		t.Fatalf("at 250 columns /prod matches prod-core and staging's description: %d rows\n%s", n, d.screen())
	}
	moveTo(d, "staging")
	d.resize(120, 40) // DESCRIPTION hidden
	if n := d.browser().table.VisibleLen(); n != 1 {
		t.Fatalf("at 120 columns /prod matches prod-core only: %d rows\n%s", n, d.screen())
	}
	wantHighlighted(d, "prod-core", "resize hid the cell staging matched in")
	describeHighlighted(d, rowByName(d, "prod-core"))
	_ = ids
}

// :vpc all keeps the VPC you were on; :region X opens X's VPCs and acts
// there.
func TestSelectionRegionSwitch(t *testing.T) {
	d := newConsole(t)
	moveTo(d, "staging")
	staging := rowByName(d, "staging")
	d.command("vpc all")
	d.idle()
	d.waitText("VPCs (all regions)")
	wantHighlighted(d, "staging", ":vpc all")
	if r := d.browser().table.Selected(); r.Obj.Region != "cn-hangzhou" {
		t.Fatalf("the highlighted staging is in %s", r.Obj.Region)
	}
	describeHighlighted(d, staging)
	d.command("region cn-shanghai")
	d.idle()
	d.waitText("region cn-shanghai")
	r := d.browser().table.Selected()
	if r == nil {
		t.Fatalf("no VPC highlighted in cn-shanghai:\n%s", d.screen())
	}
	if r.Obj.Region != "cn-shanghai" || r != d.browser().table.rows[d.browser().table.visible[0]] {
		t.Fatalf("after :region cn-shanghai the cursor is on %s in %s, want the first row", r.Obj.ID, r.Obj.Region)
	}
	describeHighlighted(d, r.Obj)
}

// Coming back from a drill-down (esc) keeps the resource, also when the
// pane refreshes on return and the row has moved.
func TestSelectionBackFromDrillDown(t *testing.T) {
	d := newConsole(t)
	moveTo(d, "staging")
	staging := rowByName(d, "staging")
	before := d.browser().table.Cursor()
	d.keys("enter")
	d.waitText("Open for VPC")
	d.keys("1")
	d.idle()
	d.waitText("VSwitches of " + staging.ID)
	if _, err := client.CreateVpc.Call(d.ctx, d.api(), &client.CreateVpcInput{RegionId: "cn-hangzhou", CidrBlock: "192.168.0.0/16", VpcName: "aaa-new"}); err != nil {
		t.Fatal(err)
	}
	d.advance(time.Minute) // the VPC pane is stale: it refreshes on return
	d.keys("esc")
	d.idle()
	d.waitText("aaa-new")
	wantHighlighted(d, "staging", "back from the drill-down")
	if d.browser().table.Cursor() != before+1 {
		t.Errorf("staging should be one row lower after the refresh")
	}
	describeHighlighted(d, staging)
	d.keys("enter")
	d.waitText("Open for VPC " + staging.ID)
}

// When the highlighted resource is deleted (by someone else), the cursor
// moves to the row that was after it; the last row's neighbour is the one
// before.
func TestSelectionDeletedMovesToNeighbour(t *testing.T) {
	d, ids := selFixture(t)
	moveTo(d, "sel-b")
	api := d.api()
	if _, err := client.DeleteVSwitch.Call(d.ctx, api, &client.DeleteVSwitchInput{RegionId: "cn-hangzhou", VSwitchId: ids["sel-b"]}); err != nil {
		t.Fatal(err)
	}
	d.advance(5 * time.Second)
	d.keys("ctrl+r")
	d.idle()
	d.waitFor("sel-b to go", func() bool {
		d.advance(500 * time.Millisecond)
		return d.browser().table.Row(rowKey(&model.Object{Kind: d.browser().kind, Region: "cn-hangzhou", ID: ids["sel-b"]})) == nil
	})
	wantHighlighted(d, "sel-c", "sel-b was deleted")
	delete(ids, "sel-b")
	deleteHighlighted(d, ids, "sel-c") // deleted through the console this time
	d.waitFor("sel-c to go", func() bool {
		d.advance(500 * time.Millisecond)
		return d.browser().table.Row(rowKey(&model.Object{Kind: d.browser().kind, Region: "cn-hangzhou", ID: ids["sel-c"]})) == nil
	})
	wantHighlighted(d, "shared-ci-f", "sel-c was deleted")
	// The last row: its neighbour is the row before.
	d.keys("end")
	last := highlighted(d)
	obj := rowByName(d, last)
	d.keys("up")
	prev := highlighted(d)
	d.keys("down")
	if _, err := client.DeleteVSwitch.Call(d.ctx, api, &client.DeleteVSwitchInput{RegionId: "cn-hangzhou", VSwitchId: obj.ID}); err != nil {
		t.Fatalf("deleting %s: %v", last, err)
	}
	d.advance(5 * time.Second)
	d.keys("ctrl+r")
	d.idle()
	d.waitFor(last+" to go", func() bool {
		d.advance(500 * time.Millisecond)
		return d.browser().table.Row(rowKey(obj)) == nil
	})
	wantHighlighted(d, prev, "the last row was deleted")
}

// With nothing highlighted (no row matches), action keys do nothing and
// say so; clearing the filter brings the resource back.
func TestSelectionNothingHighlighted(t *testing.T) {
	d := newConsole(t)
	moveTo(d, "prod-core")
	d.typeText("/")
	d.process(tea.PasteMsg{Content: "zzzz"}) // every prefix matches nothing either
	d.keys("enter")
	if d.browser().table.Selected() != nil {
		t.Fatal("no row matches /zzzz")
	}
	before := len(d.fault.actions())
	for _, k := range []string{"enter", "d", "y", "ctrl+d", "e", "x"} {
		d.keys(k)
		if _, ok := d.app.top().(*browser); !ok || d.app.menu != nil {
			t.Fatalf("%s opened %T with nothing highlighted", k, d.app.top())
		}
		d.waitText("No row is highlighted")
		d.app.flash.clear(d.app.flash.gen)
	}
	for _, a := range d.fault.actions()[before:] {
		if !readOnlyAction(a) {
			t.Errorf("%s was sent with nothing highlighted", a)
		}
	}
	if len(d.clipboard) > 0 {
		t.Errorf("y copied %v", d.clipboard)
	}
	d.keys("esc")
	wantHighlighted(d, "prod-core", "esc after a filter with no match")
}

// Keys typed ahead onto a pane whose rows have not arrived (Enter, then at
// once ctrl+d) act on nothing and say the pane is loading, not that it is
// empty; once the rows are on screen the same key acts on the highlighted
// one.
func TestSelectionKeysBeforeThePaneLoads(t *testing.T) {
	d := newConsole(t)
	release, asked := make(chan struct{}), make(chan struct{})
	var held atomic.Bool // only the first listing is held
	d.setHook(func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		if action == "DescribeVSwitches" && held.CompareAndSwap(false, true) {
			close(asked)
			<-release // then the simulator answers
		}
		return false
	})
	d.command("vsw")
	d.waitFor("the VSwitch listing to be asked for", closed(asked))
	before := len(d.fault.actions())
	for _, k := range []string{"enter", "d", "y", "ctrl+d", "e", "x"} {
		d.keys(k)
		if _, ok := d.app.top().(*browser); !ok || d.app.menu != nil {
			close(release)
			t.Fatalf("%s opened %T on a pane still loading", k, d.app.top())
		}
		if !strings.Contains(d.app.flash.text, "still loading") || strings.Contains(d.app.flash.text, "empty") {
			close(release)
			t.Fatalf("%s on a loading pane says %q, want that it is still loading", k, d.app.flash.text)
		}
		d.app.flash.clear(d.app.flash.gen)
	}
	for _, a := range d.fault.actions()[before:] {
		if !readOnlyAction(a) {
			t.Errorf("%s was sent before the pane loaded", a)
		}
	}
	close(release)
	d.waitFor("the VSwitches", func() bool { return !d.browser().loading && d.browser().table.Selected() != nil })
	sel := d.browser().table.Selected().Obj
	d.keys("ctrl+d")
	if dp := d.dialog(); dp.obj.ID != sel.ID {
		t.Errorf("ctrl+d after the load asks about %s, the highlighted row is %s", dp.obj.ID, sel.ID)
	}
}

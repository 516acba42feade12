package ui

import (
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// burst sends keys the way a fast typist, a paste or one ssh packet does:
// every key is in the queue before any command's answer comes back. Named
// keys ("enter", "ctrl+u", …) are one key; other strings are typed rune by
// rune.
func (d *driver) burst(keys ...string) {
	for _, k := range keys {
		if isNamedKey(k) {
			d.process(keyPress(k))
			continue
		}
		for _, r := range k {
			d.process(tea.KeyPressMsg{Code: r, Text: string(r)})
		}
	}
}

func isNamedKey(k string) bool {
	switch k {
	case "enter", "esc", "up", "down", "pgup", "pgdown", "home", "end", "tab", "backspace", "left", "right", "space":
		return true
	}
	return strings.HasPrefix(k, "ctrl+") && len(k) == 6
}

func TestProbeFindsHuhFocusCommands(t *testing.T) {
	in := probeInstant()
	// NextField, PrevField, nextGroup, prevGroup: if huh changes how it
	// moves focus, this fails rather than bursts landing in the wrong field.
	if len(in.focus) != 4 {
		t.Fatalf("found %d of huh's 4 focus commands", len(in.focus))
	}
	if len(in.batch) == 0 {
		t.Fatal("tea.Batch's command not recognised")
	}
}

func (d *driver) vpcNamed(id string) *model.Vpc {
	d.t.Helper()
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcId: id})
	exactlyOne(d.t, "describe "+id, vpcs, err)
	return vpcs[0]
}

// The first report: `quickname⏎quickdesc` in one burst in the VPC
// edit form gave Name "quicknameq", Description "uickdesc".
func TestBurstInVPCEditFormLandsInOrder(t *testing.T) {
	d := newConsole(t)
	o := d.rowNamed("dev-sandbox")
	d.openForm("e")
	d.waitFocus("Name")
	d.burst("ctrl+u", "quickname", "enter", "ctrl+u", "quickdesc", "enter")
	d.tracked("ModifyVpcAttribute")
	v := d.vpcNamed(o.ID)
	if v.VpcName != "quickname" || v.Description != "quickdesc" {
		t.Fatalf("the API received Name %q, Description %q; want quickname, quickdesc", v.VpcName, v.Description)
	}
}

// Keys typed right after `c`, before the form has loaded its choices, go
// into the form's first field in order instead of being lost.
func TestKeysTypedBeforeFormIsUpAreKept(t *testing.T) {
	d := newConsole(t)
	vpc := d.rowNamed("staging").ID
	d.pane("vsw " + vpc)
	// Zone (second option), CIDR block, Name, Description (submits).
	d.burst("c", "down", "enter", "ctrl+u", "10.10.9.0/24", "enter", "typed-ahead", "enter", "enter")
	op := d.tracked("CreateVSwitch")
	vsws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VSwitchId: op.resID})
	exactlyOne(t, "describe "+op.resID, vsws, err)
	v := vsws[0]
	if v.ZoneId != "cn-hangzhou-f" || v.CidrBlock != "10.10.9.0/24" || v.VSwitchName != "typed-ahead" || v.VpcId != vpc {
		t.Fatalf("typed ahead of the form, the API received zone %q, CIDR %q, name %q, VPC %q", v.ZoneId, v.CidrBlock, v.VSwitchName, v.VpcId)
	}
}

// Esc then ':' typed quickly reach the console as alt+: — both apply.
func TestEscThenColonTypedQuicklyOpensThePrompt(t *testing.T) {
	d := newConsole(t)
	d.keys("/")
	d.typeText("prod")
	if !d.browser().filterEditing {
		t.Fatal("the filter line should be open")
	}
	d.process(tea.KeyPressMsg{Code: ':', Text: ":", Mod: tea.ModAlt})
	if d.browser().filterEditing {
		t.Error("esc should have closed the filter line")
	}
	if d.app.prompt == nil {
		t.Fatalf("':' after esc should open the prompt:\n%s", d.screen())
	}
	d.typeText("vsw")
	d.keys("enter")
	d.idle()
	d.waitText("VSwitches")
}

// Inside a text field alt+b stays a word move: it is not split.
func TestAltWordMoveInFieldIsNotSplit(t *testing.T) {
	d := newConsole(t)
	p := d.openForm("e")
	d.waitFocus("Name")
	d.process(tea.KeyPressMsg{Code: 'b', Text: "b", Mod: tea.ModAlt})
	if d.app.top() != Page(p) {
		t.Fatalf("alt+b in a field closed the form:\n%s", d.screen())
	}
}

// While the window is too small only quitting works: nothing acts behind
// the notice.
func TestKeysDoNothingBehindTooSmallNotice(t *testing.T) {
	d := newConsole(t)
	pages := len(d.app.pages)
	d.resize(50, 10)
	d.keys("?", ":", "c", "/", "enter", "d")
	if len(d.app.pages) != pages || d.app.prompt != nil || d.app.menu != nil || d.browser().filterEditing {
		t.Fatalf("keys acted behind the too-small notice: %d pages (was %d), prompt %v", len(d.app.pages), pages, d.app.prompt != nil)
	}
	d.resize(120, 40)
	if s := d.screen(); strings.Contains(s, "Help") && strings.Contains(s, "Keys") {
		t.Fatalf("help opened behind the notice:\n%s", s)
	}
	d.resize(50, 10)
	d.keys("q")
	d.waitFor("q to quit", func() bool { return d.quit })
}

// A bracketed paste goes into the focused field only.
func TestPasteGoesIntoTheFocusedFieldOnly(t *testing.T) {
	d := newConsole(t)
	// On a pane with no field open, a paste does nothing (it is not keys).
	pages := len(d.app.pages)
	d.process(tea.PasteMsg{Content: "c:qd"})
	if len(d.app.pages) != pages || d.app.prompt != nil || d.quit {
		t.Fatalf("a paste on a pane acted as keys:\n%s", d.screen())
	}
	// Behind a menu it goes nowhere either.
	d.rowNamed("prod-core")
	d.keys("enter")
	if d.app.menu == nil {
		t.Fatal("enter on a VPC opens the drill menu")
	}
	d.process(tea.PasteMsg{Content: "prod"})
	if d.browser().filterEditing || d.browser().filter != nil {
		t.Fatal("a paste behind the menu reached the pane")
	}
	d.keys("esc")
	// Into the VPC edit form's Description: the Name keeps its value.
	o := d.rowNamed("dev-sandbox")
	d.openForm("e")
	d.waitFocus("Name")
	d.burst("enter", "ctrl+u")
	d.process(tea.PasteMsg{Content: "pasted description"})
	d.burst("enter")
	d.tracked("ModifyVpcAttribute")
	v := d.vpcNamed(o.ID)
	if v.VpcName != "dev-sandbox" || v.Description != "pasted description" {
		t.Fatalf("after a paste into Description the API holds Name %q, Description %q", v.VpcName, v.Description)
	}
	// Describe search takes a paste while searching.
	d.keys("d")
	d.waitText(`"VpcId"`)
	d.keys("/")
	d.process(tea.PasteMsg{Content: "CidrBlock"})
	d.keys("enter")
	dp, ok := d.app.top().(*describePage)
	if !ok || string(dp.query) != "CidrBlock" || len(dp.hits) == 0 {
		t.Fatalf("describe search after a paste: %#v", dp)
	}
}

// Keys typed after the submitting Enter, in the same burst, go to what has
// focus once the call has succeeded: `⏎:vsw⏎` opens :vsw.
func TestKeysTypedWhileSubmittingGoToThePageBelow(t *testing.T) {
	d := newConsole(t)
	d.rowNamed("dev-sandbox")
	d.openForm("e")
	d.waitFocus("Name")
	d.burst("ctrl+u", "renamed", "enter", "enter", ":vsw", "enter")
	d.tracked("ModifyVpcAttribute")
	d.idle()
	d.waitText("VSwitches")
	if d.browser().kind.Name != "vsw" {
		t.Fatalf("the keys typed after submitting did not open :vsw (top is %s):\n%s", d.browser().kind.Name, d.screen())
	}
}

// When the call fails, keys typed after submitting are not typed into the
// form's fields, and the form says so.
func TestKeysTypedWhileSubmittingNeverEditTheFailedForm(t *testing.T) {
	d := newConsole(t)
	o := d.rowNamed("dev-sandbox")
	p := d.openForm("e")
	d.waitFocus("Name")
	d.fault.on.Store(true)
	d.burst("ctrl+u", "renamed", "enter", "enter", "xyz")
	d.waitText("keys typed after submitting were not applied")
	d.fault.on.Store(false)
	if got := p.form.GetFocusedField().GetValue(); got != "renamed" {
		t.Fatalf("the Name field holds %q after a failed submit; want renamed", got)
	}
	if v := d.vpcNamed(o.ID); v.VpcName != "dev-sandbox" {
		t.Fatalf("the failed call changed the name to %q", v.VpcName)
	}
}

// The typed-ID delete in one burst with the key that opens it: the Enter
// arrives while the dialog still counts what depends on the resource, and
// is applied once the count is in.
func TestBurstTypedDeleteWhileDependentsAreCounted(t *testing.T) {
	d := newConsole(t)
	o := d.rowNamed("dev-sandbox")
	vsws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VpcId: o.ID})
	noErr(t, err)
	for _, v := range vsws {
		if _, err := client.DeleteVSwitch.Call(d.ctx, d.api(), &client.DeleteVSwitchInput{RegionId: "cn-hangzhou", VSwitchId: v.VSwitchId}); err != nil {
			t.Fatal(err)
		}
	}
	d.settle()
	d.keys("ctrl+r")
	d.idle()
	d.rowNamed("dev-sandbox")
	mark := len(d.fault.actions())
	d.burst("ctrl+d", o.ID, "enter")
	d.waitFor("DeleteVpc to be sent", func() bool {
		for _, a := range d.fault.actions()[mark:] {
			if a == "DeleteVpc" {
				return true
			}
		}
		return false
	})
}

// A message broadcast to every page while a form's review page is open
// (a tracked resource settling) does not submit the finished form again.
func TestBroadcastUnderReviewDoesNotSubmitAgain(t *testing.T) {
	d := consoleOn(t, "rt")
	d.rowNamed("prod-core-private")
	d.drill("Route Entries")
	d.burst("c", "192.168.78.0/24", "enter", "enter", "enter", "r78", "enter", "enter")
	r := d.reviewPage()
	d.process(objectsChangedMsg{})
	d.drain()
	reviews := 0
	for _, p := range d.app.pages {
		if _, ok := p.(*reviewPage); ok {
			reviews++
		}
	}
	if reviews != 1 || d.app.top() != Page(r) {
		t.Fatalf("%d review pages after a broadcast; want the one", reviews)
	}
}

// Esc Esc typed quickly (which terminals may send as alt+esc) is two escs:
// describe's search hits are cleared, then describe closes.
func TestEscEscTypedQuicklyIsTwoEscs(t *testing.T) {
	d := newConsole(t)
	d.keys("d")
	d.waitText(`"VpcId"`)
	d.keys("/")
	d.typeText("cidr")
	d.keys("enter")
	d.process(tea.KeyPressMsg{Code: tea.KeyEscape, Mod: tea.ModAlt})
	if _, ok := d.app.top().(*browser); !ok {
		t.Fatalf("esc esc should clear the hits and close describe; top is %T:\n%s", d.app.top(), d.screen())
	}
}

// Typed ahead of a form that loads its choices, a whole burst that fills
// it, confirms its review page and goes on: every key lands where focus is
// at its point of the sequence.
func TestTypedAheadThroughTheReviewPage(t *testing.T) {
	d := consoleOn(t, "rt")
	d.rowNamed("prod-core-private")
	d.drill("Route Entries")
	// Every key below is queued before the form has loaded its choices.
	d.burst("c", "192.168.79.0/24", "enter", "enter", "enter", "r79", "enter", "", "enter", "enter", ":vpc", "enter")
	op := d.tracked("CreateRouteEntry")
	if op.resID == "" {
		t.Fatal("no route created")
	}
	d.idle()
	d.waitFor("the keys after Create to open :vpc", func() bool {
		b, ok := d.app.top().(*browser)
		return ok && b.kind.Name == "vpc"
	})
}

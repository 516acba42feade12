package ui

import (
	"regexp"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/colorprofile"

	"github.com/alivpc/alivpc/client/sim"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// Without colour (the driver runs with NO_COLOR), focus and selection must
// still be visible: a marker a person (and a plain copy of the screen) can
// see, and reverse video for the bar.

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(38|48);`)

// markedLines returns the screen lines that carry the cursor marker.
func markedLines(screen string) []string {
	var out []string
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, theme.CursorGlyph) {
			out = append(out, l)
		}
	}
	return out
}

func TestNoColorTableCursorIsMarked(t *testing.T) {
	d := sizedConsole(t, 80, 24)
	d.keys("j", "j")
	sel := d.browser().table.Selected()
	if sel == nil {
		t.Fatal("no row under the cursor")
	}
	marked := markedLines(d.screen())
	if len(marked) != 1 || !strings.Contains(marked[0], sel.Obj.ID) {
		t.Fatalf("want exactly the cursor row %s marked, got %q", sel.Obj.ID, marked)
	}
	if colourSGR.MatchString(d.raw()) {
		t.Error("NO_COLOR output contains colour sequences")
	}
	if !strings.Contains(d.raw(), "\x1b[7m") {
		t.Error("the cursor row is not in reverse video")
	}
	d.golden("nocolor_table_cursor_80x24")
}

func TestNoColorMenuCursorIsMarked(t *testing.T) {
	d := sizedConsole(t, 80, 24)
	d.rowNamed("prod-core")
	d.keys("enter")
	d.waitFor("the drill menu", func() bool { return d.app.menu != nil })
	d.keys("down")
	want := d.app.menu.items[d.app.menu.cursor].label
	var inMenu []string
	for _, l := range markedLines(d.screen()) {
		if strings.Contains(l, "VPC") || strings.Contains(l, "Route") || strings.Contains(l, "Gateways") || strings.Contains(l, "VSwitches") {
			inMenu = append(inMenu, l)
		}
	}
	if len(inMenu) != 1 || !strings.Contains(inMenu[0], want) {
		t.Fatalf("want the menu item %q marked, got %q", want, inMenu)
	}
	d.golden("nocolor_menu_80x24")
}

// The Yes/No buttons of a confirm field rendered byte-identical whichever
// was chosen; now the chosen one is bracketed (and reversed while focused).
func TestNoColorConfirmShowsTheChosenButton(t *testing.T) {
	d := sizedConsole(t, 80, 24)
	d.pane("vbr")
	d.rowWhere("an active VBR", func(o *model.Object) bool { return o.Status == "active" })
	d.action("Recover")
	p := d.formPage()
	d.waitText("┃ ")
	d.waitFor("the form sized to 80 columns", func() bool { return p.width == 80 })
	d.process(layoutNudge{})
	no := d.waitText("[ No ]")
	if strings.Contains(no, "[ Yes ]") {
		t.Fatalf("only the chosen button is bracketed:\n%s", no)
	}
	rawNo := d.raw()
	d.golden("nocolor_confirm_no_80x24")

	d.keys("left") // toggles the confirm
	yes := d.waitText("[ Yes ]")
	if strings.Contains(yes, "[ No ]") {
		t.Fatalf("only the chosen button is bracketed:\n%s", yes)
	}
	if yes == no || d.raw() == rawNo {
		t.Fatal("the screen must differ with the other button chosen")
	}
	reversed := regexp.MustCompile(`\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m\[ (Yes|No) \]`)
	for i, raw := range []string{rawNo, d.raw()} {
		if colourSGR.MatchString(raw) {
			t.Errorf("NO_COLOR form contains colour sequences: %q", colourSGR.FindAllString(raw, -1))
		}
		m := reversed.FindStringSubmatch(raw)
		if want := []string{"No", "Yes"}[i]; m == nil || m[1] != want {
			t.Errorf("the focused field's chosen button (%s) is not in reverse video: %q", want, m)
		}
	}
	d.golden("nocolor_confirm_yes_80x24")
}

// A terminal without colour (bubbletea reports its profile at start) gets
// the NO_COLOR styles even without NO_COLOR: a background colour it would
// drop is no way to show the cursor.
func TestMonochromeTerminalGetsTheNoColorStyles(t *testing.T) {
	for _, c := range []struct {
		profile colorprofile.Profile
		mono    bool
	}{{colorprofile.ASCII, true}, {colorprofile.NoTTY, true}, {colorprofile.ANSI, false}, {colorprofile.TrueColor, false}} {
		d := newConsole(t, func(_ *sim.Options, o *Options) { o.NoColor = false })
		d.process(tea.ColorProfileMsg{Profile: c.profile})
		marked := len(markedLines(d.screen())) == 1
		coloured := colourSGR.MatchString(d.raw())
		if marked != c.mono || coloured == c.mono {
			t.Errorf("profile %v: cursor marked %v, colours %v; want marked %v", c.profile, marked, coloured, c.mono)
		}
	}
}

func TestNoColorTrayCursorIsMarked(t *testing.T) {
	d := newConsole(t)
	vpc := d.browser().table.Selected().Obj
	for _, a := range []string{"CreateVSwitch", "ModifyVpcAttribute", "DeleteVSwitch"} {
		d.app.tracker.startOp(a, vpc.Kind, vpc.Region, vpc.ID, "")
	}
	d.keys("t")
	d.waitText("ModifyVpcAttribute")
	d.keys("j") // newest first: DeleteVSwitch, then ModifyVpcAttribute
	marked := markedLines(d.screen())
	if len(marked) != 1 || !strings.Contains(marked[0], "ModifyVpcAttribute") {
		t.Fatalf("want the tray line under the cursor marked, got %q\n%s", marked, d.screen())
	}
}

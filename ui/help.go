package ui

import (
	"fmt"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
)

// helpPage lists every key (as bound now, so rebinding and read-only mode
// show up here) and every `:` command.
type helpPage struct {
	id    int
	lines []string
	vp    viewport.Model
	set   bool
}

func newHelpPage(a *App) *helpPage {
	h := &helpPage{id: a.newID(), vp: viewport.New()}
	h.vp.KeyMap = viewport.KeyMap{} // the console's keys scroll it
	h.vp.MouseWheelEnabled = false
	st := a.st
	var lines []string
	for _, g := range a.keys.HelpGroups() {
		lines = append(lines, st.Title.Render(g.Name))
		for _, e := range g.Entries {
			lines = append(lines, "  "+st.Key.Render(fmt.Sprintf("%-22s", e.Keys))+" "+e.Help)
		}
		if g.Name == "Resource" {
			lines = append(lines, "  "+st.Key.Render(fmt.Sprintf("%-22s", "1-9"))+" sort by the n-th column shown (again: reverse)")
		}
		lines = append(lines, "")
	}
	if a.opt.ReadOnly {
		lines = append(lines, st.Badge.Render(" READ-ONLY ")+" create, edit, delete and actions are disabled for this run.", "")
	}
	lines = append(lines, st.Title.Render("Commands")+st.Dim.Render("  — :<kind> [parent-id | region | all] [/filter]"))
	for _, c := range kindCommands(a.reg) {
		lines = append(lines, "  "+c)
	}
	lines = append(lines, "  :region <id>   switch the working region", "  :activity      the activity tray",
		"  :xray vpc-…    a VPC as a tree (:xray region: every VPC of the region)",
		"  :path SRC DST  path analysis: SRC a VSwitch ID or an IP in one, DST an address or block", "  :quit", "")
	lines = append(lines, st.Title.Render("Filter")+st.Dim.Render("  — / then type"),
		"  prod core        every word in a cell on screen (substring, any case)",
		"  -f prdcore       fuzzy over name and ID, best match first",
		"  status:pending   one column, case-insensitive substring",
		"  !zone:cn-b       a leading ! shows the rows that do not match",
		"  enter keeps the filter, esc clears it", "")
	lines = append(lines, st.Title.Render("Config")+st.Dim.Render("  — keys, refresh, skin, region, read-only: see alivpc --help"))
	h.lines = lines
	return h
}

func (h *helpPage) ID() int { return h.id }

func (h *helpPage) Hints() [][2]string {
	return [][2]string{{"↑↓ pgup pgdn", "scroll"}, {"esc ?", "close"}}
}
func (h *helpPage) Crumb() string { return "help" }

func (h *helpPage) Update(a *App, msg tea.Msg) tea.Cmd {
	if w, ok := msg.(tea.MouseWheelMsg); ok {
		switch w.Mouse().Button {
		case tea.MouseWheelUp:
			h.vp.ScrollUp(3)
		case tea.MouseWheelDown:
			h.vp.ScrollDown(3)
		}
		return nil
	}
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	act, _ := a.keys.Lookup(km)
	if n, ok := moveBy(act, h.vp.Height(), h.vp.TotalLineCount()); ok {
		scrollBy(&h.vp, n)
		return nil
	}
	if act == ActBack || act == ActHelp {
		return a.pop()
	}
	return nil
}

func (h *helpPage) View(a *App, w, height int) string {
	h.vp.SetWidth(w)
	h.vp.SetHeight(height)
	if !h.set {
		h.set = true
		h.vp.SetContentLines(h.lines)
	}
	return h.vp.View()
}

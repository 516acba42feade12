package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"
)

// helpPage lists every key (as bound now, so rebinding and read-only mode
// show up here) and every `:` command.
type helpPage struct {
	id     int
	lines  []string
	offset int
	height int
}

func newHelpPage(a *App) *helpPage {
	h := &helpPage{id: a.newID()}
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
	lines = append(lines, "  :region <id>   switch the working region", "  :activity      the activity tray", "  :quit", "")
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
	km, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	act, _ := a.keys.Lookup(km)
	switch act {
	case ActBack, ActHelp:
		return a.pop()
	case ActDown:
		h.offset++
	case ActUp:
		h.offset--
	case ActPageDown:
		h.offset += h.height
	case ActPageUp:
		h.offset -= h.height
	case ActTop:
		h.offset = 0
	case ActBottom:
		h.offset = len(h.lines)
	}
	h.clamp()
	return nil
}

func (h *helpPage) clamp() {
	if m := len(h.lines) - h.height; h.offset > m {
		h.offset = m
	}
	if h.offset < 0 {
		h.offset = 0
	}
}

func (h *helpPage) View(a *App, w, height int) string {
	h.height = height
	h.clamp()
	end := min(h.offset+height, len(h.lines))
	out := make([]string, 0, height)
	for _, l := range h.lines[h.offset:end] {
		out = append(out, ansi.Truncate(l, w, "…"))
	}
	return strings.Join(out, "\n")
}

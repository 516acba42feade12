package ui

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/model"
)

// prompt is the `:` command line: bubbles' textinput, with the console's
// history (↑↓) and completion (tab) of commands, aliases, regions, and the
// IDs and names of the rows loaded in the open panes.
type prompt struct {
	in   textinput.Model
	hist int // index into history while browsing; len = not browsing
	pick int
	// cycleBase is the line before tab started cycling.
	cycleBase string
	// cands caches the completions of one text (the view asks on every
	// frame).
	candsFor string
	cands    []string
}

// history is kept on the App across prompts.
var builtinCommands = []string{"quit", "q", "help", "activity", "tray", "xray"}

func newPrompt(a *App) *prompt {
	p := &prompt{hist: len(a.history), pick: -1, in: newLineInput(a, ":")}
	p.in.Placeholder = "vpc, vsw vpc-…, rt, nat, gw, region cn-shanghai, vpc all  (tab completes)"
	return p
}

func (p *prompt) text() string { return p.in.Value() }

func (p *prompt) paste(s string) {
	editLine(&p.in, tea.PasteMsg{Content: s})
	p.pick = -1
}

func (p *prompt) update(a *App, msg tea.KeyPressMsg) tea.Cmd {
	switch msg.Keystroke() {
	case "esc", "ctrl+c":
		a.prompt = nil
		return nil
	case "enter":
		line := strings.TrimSpace(p.text())
		a.prompt = nil
		if line == "" {
			return nil
		}
		a.history = append(a.history, line)
		return a.runCommand(line, false)
	case "tab":
		p.complete(a)
		return nil
	case "backspace":
		if p.text() == "" {
			a.prompt = nil
			return nil
		}
	case "up":
		if p.hist > 0 {
			p.hist--
			p.in.SetValue(a.history[p.hist])
			p.in.CursorEnd()
		}
		return nil
	case "down":
		if p.hist < len(a.history)-1 {
			p.hist++
			p.in.SetValue(a.history[p.hist])
		} else {
			p.hist = len(a.history)
			p.in.SetValue("")
		}
		p.in.CursorEnd()
		return nil
	}
	editLine(&p.in, msg)
	p.pick = -1
	return nil
}

// maxCompletionRows bounds the rows a completion looks at per pane, so a
// keystroke never costs in proportion to a 100,000-row pane.
const maxCompletionRows = 5000

// candidates are the completions of the word under the cursor.
func (p *prompt) candidates(a *App) []string {
	line := p.text()
	if line == p.candsFor && p.cands != nil {
		return p.cands
	}
	p.candsFor, p.cands = line, p.computeCandidates(a, line)
	return p.cands
}

func (p *prompt) computeCandidates(a *App, line string) []string {
	fields := strings.Fields(line)
	if len(fields) == 0 || len(fields) == 1 && !strings.HasSuffix(line, " ") {
		word := ""
		if len(fields) == 1 {
			word = strings.ToLower(fields[0])
		}
		var out []string
		for _, n := range append(a.reg.Names(), builtinCommands...) {
			if strings.HasPrefix(n, word) {
				out = append(out, n)
			}
		}
		sort.Strings(out)
		return dedupe(out)
	}
	word := ""
	if !strings.HasSuffix(line, " ") {
		word = fields[len(fields)-1]
	}
	var out []string
	for _, o := range append([]string{"all"}, a.regions...) {
		if strings.HasPrefix(o, word) {
			out = append(out, o)
		}
	}
	if word == "" {
		return out
	}
	// IDs of the rows loaded in the open panes, by ID or by name: `:vsw
	// vpc-` tab completes the VPCs you have seen, and so does `:vsw prod`
	// (to prod-core's ID: a scope is an ID).
	seen := map[string]bool{}
	var ids []string
	for _, pg := range a.pages {
		b, ok := pg.(*browser)
		if !ok {
			continue
		}
		rows := b.table.Rows()
		if len(rows) > maxCompletionRows {
			rows = rows[:maxCompletionRows]
		}
		lw := strings.ToLower(word)
		for _, r := range rows {
			id := r.Obj.ID
			if kindOfID(id) == "" || seen[id] {
				continue
			}
			// An ID completes itself; a name completes to its ID.
			if strings.HasPrefix(id, word) || strings.HasPrefix(strings.ToLower(r.Obj.Name), lw) {
				seen[id] = true
				ids = append(ids, id)
			}
		}
	}
	sort.Strings(ids)
	return append(out, ids...)
}

func dedupe(s []string) []string {
	out := s[:0]
	for i, v := range s {
		if i == 0 || v != s[i-1] {
			out = append(out, v)
		}
	}
	return out
}

// complete replaces the word under the cursor with the next candidate.
func (p *prompt) complete(a *App) {
	c := append([]string(nil), p.candidates(a)...)
	if len(c) == 0 {
		return
	}
	p.pick = (p.pick + 1) % len(c)
	line := p.text()
	if p.pick > 0 {
		// Cycling: the line holds the previous candidate; replace it.
		line = p.cycleBase
	}
	cut := strings.LastIndex(line, " ") + 1
	if strings.HasSuffix(line, " ") {
		cut = len(line)
	}
	if p.pick == 0 {
		p.cycleBase = line
	}
	next := line[:cut] + c[p.pick]
	if len(c) == 1 {
		next += " "
		p.pick = -1
	}
	p.in.SetValue(next)
	p.in.CursorEnd()
	// Keep cycling through the same list.
	p.candsFor, p.cands = p.text(), c
	if p.pick == -1 {
		p.cands = nil
	}
}

func (p *prompt) view(a *App, w int) string {
	st := a.st
	p.in.SetWidth(max(w-4, 10))
	line := p.in.View()
	if c := p.candidates(a); len(c) > 0 && p.text() != "" {
		hint := strings.Join(c[:min(len(c), 12)], " ")
		if len(c) > 12 {
			hint += fmt.Sprintf(" … (%d)", len(c))
		}
		line = strings.TrimRight(line, " ") + "   " + st.Dim.Render(hint+"  ⇥ completes")
	}
	return ansi.Truncate(line, w, "…")
}

// idPrefixes maps resource ID prefixes to kinds, so `:vsw vpc-123` knows
// that vpc-123 is a VPC.
var idPrefixes = []struct{ prefix, kind string }{
	{"vpc-", "vpc"}, {"vsw-", "vsw"}, {"vtb-", "rt"}, {"rtb-", "rt"}, {"vrt-", "vrouter"},
	{"ngw-", "nat"}, {"eip-", "eip"}, {"vpn-", "vpn"}, {"cgw-", "cgw"}, {"vco-", "ipsec"},
	{"vbr-", "vbr"}, {"bgpg-", "bgp"}, {"bgp-", "bgppeer"}, {"pc-", "pc"}, {"pcc-", "peer"},
	{"fl-", "vpcflowlog"}, {"flowlog-", "vpcflowlog"},
	{"cbwp-", "cbwp"},
}

func kindOfID(id string) string {
	for _, p := range idPrefixes {
		if strings.HasPrefix(id, p.prefix) {
			return p.kind
		}
	}
	return ""
}

var regionRe = regexp.MustCompile(`^[a-z]{2,}-[a-z0-9]+(-[a-z0-9]+)*$`)

// runCommand executes a `:` command. initial marks the start command, which
// replaces an empty stack.
func (a *App) runCommand(line string, initial bool) tea.Cmd {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return nil
	}
	name := strings.ToLower(strings.TrimPrefix(fields[0], ":"))
	args := fields[1:]
	switch name {
	case "q", "q!", "quit", "exit":
		return a.quit()
	case "help", "h", "?":
		return a.push(newHelpPage(a))
	case "activity", "tray":
		return a.push(newTrayPage(a))
	case "xray":
		return a.runXray(args) // xray.go
	case "path":
		return a.openPath(args)
	}
	k, ok := a.reg.Lookup(name)
	if !ok {
		return a.flashError(fmt.Sprintf("Unknown command %q. Try :vpc, :vsw, :rt, :nat, :gw … (tab completes; ? lists keys).", name))
	}
	var filter string
	var rest []string
	for _, arg := range args {
		if strings.HasPrefix(arg, "/") {
			filter = strings.TrimPrefix(arg, "/")
			continue
		}
		rest = append(rest, arg)
	}
	b := newBrowser(a, k, nil, nil, false)
	if k.Name == "region" && len(rest) > 0 {
		// `:region cn-shanghai` switches the working region.
		r := rest[0]
		if !regionRe.MatchString(r) {
			return a.flashError(fmt.Sprintf("%q is not a region ID like cn-shanghai", r))
		}
		a.opt.Region = r
		vb := newBrowser(a, a.reg.MustLookup("vpc"), nil, []string{r}, false)
		return tea.Batch(a.replace(vb), a.flashInfo("Region is now "+r))
	}
	for _, arg := range rest {
		switch {
		case arg == "all":
			if k.Global {
				continue
			}
			b.allRegions = true
		case kindOfID(arg) != "":
			pk := a.reg.MustLookup(kindOfID(arg))
			if _, ok := k.ScopeFor(pk.Name); !ok && !k.IsUnion() {
				return a.flashError(fmt.Sprintf("%s cannot be scoped by a %s (%s).", k.Title, pk.Singular, arg))
			}
			b.parentRef = &parentRef{kind: pk, id: arg, region: a.opt.Region}
		case regionRe.MatchString(arg):
			b.regions = []string{arg}
		default:
			return a.flashError(fmt.Sprintf("Don't know what %q means for :%s: give a parent ID (vpc-…), a region (cn-shanghai) or all.", arg, k.Name))
		}
	}
	if b.parentRef != nil && len(b.regions) == 1 {
		b.parentRef.region = b.regions[0]
	}
	if filter != "" {
		b.filterIn.SetValue(filter)
		b.filter = ParseFilter(filter, b.table.cols)
	}
	if prev, ok := a.top().(*browser); ok && prev.kind == b.kind {
		if r := prev.table.Selected(); r != nil {
			b.table.Want(r.Key) // `:vpc all` keeps the VPC you were on
		}
	}
	if initial && len(a.pages) > 0 {
		return a.push(b)
	}
	return a.replace(b)
}

// ---- menu ----

// menu is a small chooser: what to open under a VPC, which action to run.
type menu struct {
	title  string
	items  []menuItem
	cursor int
}

type menuItem struct {
	label string
	hint  string
	run   func(a *App) tea.Cmd
}

func newMenu(title string, items []menuItem) *menu { return &menu{title: title, items: items} }

func (m *menu) update(a *App, msg tea.KeyPressMsg) tea.Cmd {
	k := msg.Keystroke()
	switch k {
	case "esc", "q", "ctrl+c":
		a.menu = nil
		return nil
	case "up", "k":
		m.cursor = (m.cursor - 1 + len(m.items)) % len(m.items)
		return nil
	case "down", "j", "tab":
		m.cursor = (m.cursor + 1) % len(m.items)
		return nil
	case "enter":
		a.menu = nil
		return m.items[m.cursor].run(a)
	}
	if t := msg.Key().Text; len(t) == 1 && t[0] >= '1' && t[0] <= '9' {
		i := int(t[0] - '1')
		if i < len(m.items) {
			a.menu = nil
			return m.items[i].run(a)
		}
	}
	return nil
}

func (m *menu) view(a *App, w int) string {
	st := a.st
	lines := []string{ansi.Truncate(st.Title.Render(m.title)+st.Dim.Render("   ↑↓ or 1-9 choose, enter opens, esc cancels"), w, "…")}
	for i, it := range m.items {
		label := fmt.Sprintf("%s%d  %s", st.Cursor(i == m.cursor, " "), i+1, it.label)
		if it.hint != "" {
			label += "  " + st.Dim.Render(it.hint)
		}
		if i == m.cursor {
			label = st.Selected.Render(ansi.Truncate(fit(ansi.Strip(label), w, false), w, ""))
		}
		lines = append(lines, ansi.Truncate(label, w, "…"))
	}
	return strings.Join(lines, "\n")
}

// kindTitles is used by help to list commands.
func kindCommands(reg *model.Registry) []string {
	var out []string
	for _, k := range reg.Kinds() {
		names := append([]string{k.Name}, k.Aliases...)
		out = append(out, fmt.Sprintf(":%-10s %s", names[0], k.Title+"  ("+strings.Join(names[1:], ", ")+")"))
	}
	return out
}

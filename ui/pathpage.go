package ui

import (
	"fmt"
	"strings"

	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/model/netpath"
	"github.com/alivpc/alivpc/theme"
)

// pathPage is `:path SOURCE DEST`: the path analysis of netpath over what
// client.PathInventory lists (the working region and the regions its
// peerings and router interfaces lead to), one row per hop. `d` describes a
// hop's resource, `enter` opens its pane with it selected, ctrl+r lists
// again.
type pathPage struct {
	id       int
	src, dst string
	region   string
	seq      int
	loading  bool
	err      error // the analysis could not run
	partial  error // some listings failed
	inv      *netpath.Inventory
	res      *netpath.Result
	hops     []netpath.Hop
	cursor   int
	top      int
	room     int // hop rows the last draw had room for: a page
}

type pathDoneMsg struct {
	page, seq int
	inv       *netpath.Inventory
	res       *netpath.Result
	err       error
	partial   error
}

func (m pathDoneMsg) pageID() int { return m.page }

// openPath runs `:path SOURCE DEST [REGION]` (the working region by
// default).
func (a *App) openPath(args []string) tea.Cmd {
	if len(args) != 2 && (len(args) != 3 || !regionRe.MatchString(args[2])) {
		return a.flashError("Usage: :path SOURCE DEST [REGION] — SOURCE a VSwitch ID or an IP inside one, DEST an address or CIDR block.")
	}
	p := &pathPage{id: a.newID(), src: args[0], dst: args[1], region: a.opt.Region}
	if len(args) == 3 {
		p.region = args[2]
	}
	return a.push(p)
}

func (p *pathPage) ID() int       { return p.id }
func (p *pathPage) Crumb() string { return "path " + p.src + " → " + p.dst }

func (p *pathPage) Hints() [][2]string {
	return [][2]string{{"↑↓", "hop"}, {"d", "describe"}, {"enter", "open its pane"}, {"ctrl+r", "again"}, {"esc", "back"}}
}

// Activated loads on first show.
func (p *pathPage) Activated(a *App) tea.Cmd {
	if p.res != nil || p.loading || p.err != nil {
		return nil
	}
	return p.load(a)
}

func (p *pathPage) load(a *App) tea.Cmd {
	p.seq++
	p.loading = true
	id, seq, src, dst, region := p.id, p.seq, p.src, p.dst, p.region
	c, reg, ctx := a.opt.Client, a.reg, a.ctx
	return func() tea.Msg {
		objs, _, lerr := c.PathInventory(ctx, reg, []string{region})
		if ctx.Err() != nil {
			return nil
		}
		msg := pathDoneMsg{page: id, seq: seq, partial: lerr}
		if lerr != nil && len(objs) == 0 {
			msg.err = lerr
			return msg
		}
		msg.inv = netpath.New(objs).Home(region)
		msg.res, msg.err = msg.inv.Trace(src, dst)
		return msg
	}
}

func (p *pathPage) Update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case pathDoneMsg:
		if m.seq != p.seq {
			return nil
		}
		p.loading, p.err, p.partial, p.inv, p.res = false, m.err, m.partial, m.inv, m.res
		p.hops = nil
		if m.res != nil {
			p.hops = m.res.Hops()
		}
		// The cursor starts where the path stops, if it does.
		p.cursor = 0
		for i, h := range p.hops {
			if h.Problem != "" {
				p.cursor = i
				break
			}
		}
		return nil
	case tea.KeyPressMsg:
		act, _ := a.keys.Lookup(m)
		if by, ok := moveBy(act, max(p.room, 1), len(p.hops)); ok {
			p.cursor = max(0, min(len(p.hops)-1, p.cursor+by))
			return nil
		}
		switch act {
		case ActBack:
			return a.pop()
		case ActRefresh:
			if !p.loading {
				return p.load(a)
			}
		case ActDescribe:
			if h := p.selected(); h != nil && h.Object != nil {
				return a.openDescribe(h.Object)
			}
			return a.flashError("This hop has no resource to describe.")
		case ActOpen:
			return p.jump(a)
		}
	}
	return nil
}

func (p *pathPage) selected() *netpath.Hop {
	if p.cursor < 0 || p.cursor >= len(p.hops) {
		return nil
	}
	return &p.hops[p.cursor]
}

// jump opens the pane of the selected hop's resource with it selected:
// route entries under their table, SNAT entries under their NAT gateway.
func (p *pathPage) jump(a *App) tea.Cmd {
	h := p.selected()
	if h == nil || h.Object == nil {
		return a.flashError("This hop has no resource to open.")
	}
	o := h.Object
	var parent *model.Object
	switch v := o.Val().(type) {
	case *model.RouteEntry:
		parent = p.inv.Get(v.RouteTableId)
	case *model.SnatEntry:
		parent = p.inv.Get(v.NatGatewayId)
	}
	b := newBrowser(a, o.Kind, parent, []string{o.Region}, false)
	b.table.Want(rowKey(o))
	return a.push(b)
}

func (p *pathPage) View(a *App, w, h int) string {
	st := a.st
	lines := []string{st.Title.Render("Path") + st.Dim.Render("  "+p.src+" → "+p.dst+"  ("+p.region+" and the regions it leads to)")}
	switch {
	case p.loading && p.res == nil:
		lines = append(lines, "", st.Phase(theme.PhaseTransitional).Render(a.spinFrame()+" Listing route tables, gateways, peerings and VBRs…"))
		return strings.Join(lines, "\n")
	case p.err != nil:
		lines = append(lines, "", st.Error.Render("✗ "+client.Clean(p.err.Error())))
		return strings.Join(lines, "\n")
	case p.res == nil:
		return strings.Join(lines, "\n")
	}
	verdict := func(reachable bool, s string) string {
		if reachable {
			return st.Phase(theme.PhaseReady).Render(ansi.Wrap("● "+s, w, " "))
		}
		return st.Phase(theme.PhaseFailed).Render(ansi.Wrap("✗ "+s, w, " "))
	}
	lines = append(lines, verdict(p.res.Reachable, client.Clean(p.res.Verdict)))
	if r := p.res.Return; r != nil {
		lines = append(lines, st.Dim.Render("return: ")+verdict(r.Reachable, client.Clean(r.Verdict)))
	}
	if p.partial != nil {
		lines = append(lines, st.Phase(theme.PhaseTransitional).Render("! some listings failed, the answer may be incomplete: "+client.Clean(p.partial.Error())))
	}
	lines = append(lines, "")
	rows := make([][]string, len(p.hops))
	for i, hop := range p.hops {
		rows[i] = hop.Row(i + 1)
	}
	widths := make([]int, len(netpath.Columns))
	for i, c := range netpath.Columns {
		widths[i] = len(c)
	}
	for _, r := range rows {
		for i, c := range r[:len(r)-1] {
			widths[i] = max(widths[i], ansi.StringWidth(c))
		}
	}
	used := 2
	for _, wd := range widths[:len(widths)-1] {
		used += wd + 2
	}
	widths[len(widths)-1] = max(w-used, 10)
	cell := func(cells []string) string {
		parts := make([]string, len(cells))
		for i, c := range cells {
			c = ansi.Truncate(client.Clean(c), widths[i], "…")
			if i < len(cells)-1 {
				c += strings.Repeat(" ", widths[i]-ansi.StringWidth(c))
			}
			parts[i] = c
		}
		return strings.Join(parts, "  ")
	}
	lines = append(lines, "  "+st.ColumnHeader.Render(cell(netpath.Columns)))
	// The selected hop in full under the rows: its detail and what stops
	// the path there, wrapped.
	var full []string
	if hop := p.selected(); hop != nil {
		full = append(full, "", st.Title.Render(fmt.Sprintf("hop %d", p.cursor+1))+" "+client.Clean(hop.Step+" "+hop.ID))
		for _, s := range []struct {
			text  string
			style lipgloss.Style
		}{{hop.Detail, st.Base}, {hop.Problem, st.Phase(theme.PhaseFailed)}, {hop.Note, st.Phase(theme.PhaseTransitional)}} {
			if s.text != "" {
				for _, l := range strings.Split(ansi.Wrap(client.Clean(s.text), max(w-2, 10), " "), "\n") {
					full = append(full, "  "+s.style.Render(l))
				}
			}
		}
	}
	room := max(h-len(lines)-len(full), 1)
	p.room = room
	if p.cursor < p.top {
		p.top = p.cursor
	}
	if p.cursor >= p.top+room {
		p.top = p.cursor - room + 1
	}
	for i := p.top; i < len(rows) && i < p.top+room; i++ {
		line := cell(rows[i])
		hop := p.hops[i]
		style := st.Base
		switch {
		case hop.Problem != "":
			style = st.Phase(theme.PhaseFailed)
		case hop.Note != "":
			style = st.Phase(theme.PhaseTransitional)
		}
		mark := st.Cursor(i == p.cursor, " ")
		if i == p.cursor {
			lines = append(lines, mark+" "+st.Selected.Render(line))
			continue
		}
		lines = append(lines, mark+" "+style.Render(line))
	}
	lines = append(lines, full...)
	return strings.Join(lines, "\n")
}

package ui

import (
	"cmp"
	"fmt"
	"maps"
	"strings"
	"time"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
	"github.com/alivpc/alivpc/ui/forms"
)

// xrayPage is `:xray vpc-…` (one VPC, expanded) and `:xray region` (every
// VPC of a region, collapsed; a VPC's subtree is read when it is first
// expanded). Every node is a resource the pane keys act on: d describes it,
// c e ctrl+d x go through the same forms and dialog as its pane, enter on a
// leaf opens its pane.
type xrayPage struct {
	id     int
	region string
	vpcID  string // "" for a region

	roots []*xnode
	byKey map[string]*xnode
	objs  int                 // the nodes of byKey that are resources (not notes)
	data  map[string]*vpcData // subtrees read, by the VPC's key
	open  map[string]bool     // expanded nodes, by key
	vis   []*xnode            // the nodes on screen, in order
	cur   int
	off   int
	rows  int    // lines the last draw had room for: a page
	want  string // the key the cursor belongs to

	seq      int
	loading  map[string]bool // VPC keys being read; "" the VPCs themselves
	err      error
	lastLoad time.Time
	calls    int
	tickGen  int

	filtering bool
	filterIn  textinput.Model
	words     []string
	readOnly  bool // no change keys are offered
}

func newXrayPage(a *App, region, vpcID string) *xrayPage {
	return &xrayPage{id: a.newID(), region: region, vpcID: vpcID, data: map[string]*vpcData{},
		open: map[string]bool{}, loading: map[string]bool{}, byKey: map[string]*xnode{}, filterIn: newLineInput(a, "/"),
		readOnly: a.changesRefused() != ""}
}

// runXray opens the tree: `:xray vpc-…`, `:xray region [region]`.
func (a *App) runXray(args []string) tea.Cmd {
	region, vpc := a.opt.Region, ""
	for _, arg := range args {
		switch {
		case arg == "region":
		case strings.HasPrefix(arg, "vpc-"):
			vpc = arg
		case regionRe.MatchString(arg):
			region = arg
		default:
			return a.flashError(fmt.Sprintf("Don't know what %q means for :xray: give a VPC ID (vpc-…), region, or a region ID.", arg))
		}
	}
	return a.replace(newXrayPage(a, region, vpc))
}

type xrayRootsMsg struct {
	id, seq int
	vpcs    []*model.Object
	err     error
}

type xraySubtreeMsg struct {
	id, seq int
	d       *vpcData
}

type xrayTickMsg struct{ id, gen int }

func (m xrayRootsMsg) pageID() int   { return m.id }
func (m xraySubtreeMsg) pageID() int { return m.id }
func (m xrayTickMsg) pageID() int    { return m.id }

func (p *xrayPage) ID() int { return p.id }

func (p *xrayPage) Crumb() string {
	if p.vpcID != "" {
		if len(p.roots) == 1 && p.roots[0].obj.Name != "" {
			return "X-ray of " + p.vpcID + " (" + p.roots[0].obj.Name + ")"
		}
		return "X-ray of " + p.vpcID
	}
	return "X-ray of " + p.region
}

func (p *xrayPage) Typing() bool { return p.filtering }

func (p *xrayPage) Hints() [][2]string {
	h := [][2]string{{"space", "expand"}, {"←→", "fold"}, {"+ -", "all"}, {"enter", "open"}, {"d", "describe"}, {"/", "filter"}}
	if !p.readOnly {
		h = append(h, [2]string{"c e ctrl+d x", "change"})
	}
	return append(h, [2]string{"esc", "back"})
}

// Activated loads the tree the first time (a zero lastLoad is ages ago)
// and refreshes it when it went stale under another page.
func (p *xrayPage) Activated(a *App) tea.Cmd {
	if len(p.loading) == 0 && a.now().Sub(p.lastLoad) >= p.interval(a) {
		return p.load(a)
	}
	return p.schedule(a)
}

// load reads the VPCs, then the subtree of every VPC read before (and of
// the one VPC of `:xray vpc-…`).
func (p *xrayPage) load(a *App) tea.Cmd {
	p.seq++
	// Reads in flight are replaced: their answers are dropped by seq.
	p.loading = map[string]bool{"": true}
	ctx, c, reg, id, seq, region, vpc := a.ctx, a.opt.Client, a.reg, p.id, p.seq, p.region, p.vpcID
	return func() tea.Msg {
		vpcs, err := listVPCs(ctx, c, reg, region, vpc)
		return xrayRootsMsg{id: id, seq: seq, vpcs: vpcs, err: err}
	}
}

func (p *xrayPage) loadSubtree(a *App, vpc *model.Object) tea.Cmd {
	p.loading[rowKey(vpc)] = true
	ctx, c, reg, id, seq := a.ctx, a.opt.Client, a.reg, p.id, p.seq
	return func() tea.Msg { return xraySubtreeMsg{id: id, seq: seq, d: loadVPC(ctx, c, reg, vpc)} }
}

func (p *xrayPage) schedule(a *App) tea.Cmd {
	p.tickGen++
	id, gen := p.id, p.tickGen
	return tea.Tick(p.interval(a), func(time.Time) tea.Msg { return xrayTickMsg{id, gen} })
}

// interval is the console's refresh interval, stretched as the panes'
// are when a refresh takes many calls (every open VPC of a region is read
// again): about 20 calls per interval at most.
func (p *xrayPage) interval(a *App) time.Duration {
	return a.opt.Refresh * time.Duration(max((p.calls+19)/20, 1))
}

func (p *xrayPage) Update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case xrayRootsMsg:
		if m.seq != p.seq {
			return nil
		}
		return p.rootsRead(a, m)
	case xraySubtreeMsg:
		if m.seq != p.seq {
			return nil // a read the last load replaced
		}
		key := rowKey(m.d.vpc)
		delete(p.loading, key)
		first := p.data[key] == nil
		p.data[key] = m.d
		p.calls += m.d.calls
		if m.d.err != nil {
			p.err = m.d.err
		}
		root := buildVPC(m.d)
		sub := xindex([]*xnode{root})
		if first && p.vpcID != "" {
			// One VPC opens whole; a region's VPCs open a level at a time.
			for k, n := range sub {
				if len(n.kids) > 0 {
					p.open[k] = true
				}
			}
		}
		p.setRoot(root)
		p.settled(a)
		// The tracker sees what this read brought: the rest of the tree
		// was shown to it when it was read.
		return a.tracker.observeRows(nodeRows(sub))
	case xrayTickMsg:
		if m.gen != p.tickGen {
			return nil
		}
		if a.top() != Page(p) {
			return nil // refreshed when it is back on top
		}
		if p.filtering || a.prompt != nil || a.menu != nil || len(p.loading) > 0 {
			return p.schedule(a)
		}
		return p.load(a)
	case objectsChangedMsg:
		return p.changed(a, m)
	case tea.PasteMsg:
		if p.filtering {
			editLine(&p.filterIn, m)
			p.refilter()
		}
		return nil
	case tea.MouseWheelMsg:
		switch m.Mouse().Button {
		case tea.MouseWheelUp:
			p.move(-3)
		case tea.MouseWheelDown:
			p.move(3)
		}
		return nil
	case tea.KeyPressMsg:
		return p.key(a, m)
	}
	return nil
}

// rootsRead places the VPCs: with the subtree read before (a refresh
// reads it again), else collapsed and read when expanded.
func (p *xrayPage) rootsRead(a *App, m xrayRootsMsg) tea.Cmd {
	delete(p.loading, "")
	if m.err != nil {
		p.err = m.err
		p.lastLoad = a.now()
		return tea.Batch(a.flashError("xray: "+serverLine(m.err.Error())), p.schedule(a))
	}
	p.err = nil
	p.calls = 1
	var cmds []tea.Cmd
	roots := make([]*xnode, 0, len(m.vpcs))
	for _, v := range m.vpcs {
		key := rowKey(v)
		var n *xnode
		if d := p.data[key]; d != nil {
			d.vpc = v
			n = buildVPC(d)
		} else {
			n = newObjNode(v)
			n.lazy = true
		}
		if p.vpcID != "" && p.lastLoad.IsZero() {
			p.open[key] = true
		}
		if p.data[key] != nil || p.open[key] {
			cmds = append(cmds, p.loadSubtree(a, v))
			if n.lazy {
				n.add(newNote(n, "loading", "loading…"))
			}
		}
		roots = append(roots, n)
	}
	p.roots = roots
	p.reindex()
	if len(cmds) == 0 {
		p.settled(a)
	}
	return tea.Batch(append(cmds, p.schedule(a), a.tracker.observeRows(nodeRows(p.byKey)))...)
}

// settled notes the time once nothing is being read.
func (p *xrayPage) settled(a *App) {
	if len(p.loading) == 0 {
		p.lastLoad = a.now()
	}
}

// setRoot replaces the VPC node with the same key.
func (p *xrayPage) setRoot(n *xnode) {
	for i, r := range p.roots {
		if r.key == n.key {
			p.roots[i] = n
		}
	}
	p.reindex()
}

// reindex follows a change to the tree itself (nodes added or removed):
// the index by key, then the visible list.
func (p *xrayPage) reindex() {
	p.byKey = xindex(p.roots)
	p.objs = len(p.byKey) - notes(p.byKey)
	p.rebuild()
}

// rebuild recomputes the visible list and puts the cursor back on its
// node (or the nearest line when the node went). The tree is as it was:
// a fold, a filter or a cursor jump costs the flattening, not an index of
// every node.
func (p *xrayPage) rebuild() {
	p.vis = flatten(p.roots, p.open, p.words)
	for i, n := range p.vis {
		if n.key == p.want {
			p.cur = i
			return
		}
	}
	p.cur = min(p.cur, max(len(p.vis)-1, 0))
	if n := p.selected(); n != nil && p.want == "" {
		p.want = n.key
	}
}

func (p *xrayPage) selected() *xnode {
	if p.cur < 0 || p.cur >= len(p.vis) {
		return nil
	}
	return p.vis[p.cur]
}

func (p *xrayPage) move(d int) {
	if len(p.vis) == 0 {
		return
	}
	p.cur = max(0, min(len(p.vis)-1, p.cur+d))
	p.want = p.vis[p.cur].key
}

// nodeRows are the resources of an index of nodes for the tracker (it
// follows the ones in a transitional status).
func nodeRows(byKey map[string]*xnode) []*Row {
	var out []*Row
	for _, n := range byKey {
		if n.obj != nil {
			out = append(out, &Row{Key: n.key, Obj: n.obj})
		}
	}
	return out
}

// changed applies what the tracker saw: a node's new status, a resource
// gone; a resource created from this page reads its VPC again.
func (p *xrayPage) changed(a *App, m objectsChangedMsg) tea.Cmd {
	dirty := false
	for _, o := range m.updated {
		if n := p.byKey[rowKey(o)]; n != nil {
			n.setObj(o)
		}
	}
	for _, key := range m.gone {
		n := p.byKey[key]
		if n == nil || n.parent == nil {
			continue
		}
		kids := n.parent.kids[:0]
		for _, k := range n.parent.kids {
			if k != n {
				kids = append(kids, k)
			}
		}
		n.parent.kids = kids
		dirty = true
	}
	if dirty {
		p.reindex()
	}
	if m.insertInto == p.id && len(p.loading) == 0 {
		return p.load(a)
	}
	return nil
}

// ---- keys ----

func (p *xrayPage) key(a *App, msg tea.KeyPressMsg) tea.Cmd {
	if p.filtering {
		return p.filterKey(msg)
	}
	n := p.selected()
	switch msg.Keystroke() {
	case "space":
		return p.toggle(a, n)
	case "right", "l":
		if n != nil && !p.open[n.key] {
			return p.toggle(a, n)
		}
		p.move(1)
		return nil
	case "left", "h":
		switch {
		case n == nil:
		case p.open[n.key] && len(n.kids) > 0:
			return p.toggle(a, n)
		case n.parent != nil:
			p.want = n.parent.key
			p.rebuild()
		}
		return nil
	case "+":
		for k, x := range p.byKey {
			if len(x.kids) > 0 {
				p.open[k] = true
			}
		}
		p.rebuild()
		return nil
	case "-":
		clear(p.open)
		if n != nil {
			for n.parent != nil {
				n = n.parent
			}
			p.want = n.key
		}
		p.rebuild()
		return nil
	}
	act, ok := a.keys.Lookup(msg)
	if !ok {
		return nil
	}
	if by, ok := moveBy(act, max(p.rows, 1), len(p.vis)); ok {
		p.move(by)
		return nil
	}
	switch act {
	case ActFilter:
		p.filtering = true
		p.filterIn.CursorEnd()
	case ActBack:
		if len(p.words) > 0 {
			p.filterIn.SetValue("")
			p.refilter()
			return nil
		}
		return a.pop()
	case ActRefresh:
		return tea.Batch(p.load(a), a.flashInfo("Refreshing the x-ray…"))
	case ActOpen:
		if n != nil && (len(n.kids) > 0 || n.lazy) {
			return p.toggle(a, n)
		}
		return p.jump(a, n)
	case ActDescribe, ActCopy, ActEdit, ActDelete, ActActions, ActCreate:
		if why := a.changesRefused(); why != "" && act != ActDescribe && act != ActCopy {
			return a.flashError(why) // whatever line the cursor is on
		}
		if n == nil || n.obj == nil {
			return a.flashError("No resource is highlighted: move to a resource line first.")
		}
		switch act {
		case ActDescribe:
			return a.openDescribe(n.obj)
		case ActCopy:
			return tea.Batch(copyToClipboard(n.obj.ID), a.flashInfo("Copied "+n.obj.ID))
		}
		return p.mutate(a, act, n)
	}
	return nil
}

// toggle expands or collapses n; a VPC not read yet is read now.
func (p *xrayPage) toggle(a *App, n *xnode) tea.Cmd {
	if n == nil || (len(n.kids) == 0 && !n.lazy) {
		return nil
	}
	p.want = n.key
	if p.open[n.key] {
		delete(p.open, n.key)
		p.rebuild()
		return nil
	}
	p.open[n.key] = true
	if n.lazy && p.data[n.key] == nil && !p.loading[n.key] {
		n.add(newNote(n, "loading", "loading…"))
		p.reindex()
		return p.loadSubtree(a, n.obj)
	}
	p.rebuild()
	return nil
}

// scopeParent is the parent a node's pane and create form take: its VPC
// when the kind is scoped by VPCs, else the nearest ancestor that scopes
// it (a SNAT entry's NAT gateway), else none (its region).
func scopeParent(n *xnode) *model.Object {
	k := n.obj.Kind
	var nearest *model.Object
	for p := n.parent; p != nil; p = p.parent {
		if p.obj == nil {
			continue
		}
		if _, ok := k.ScopeFor(p.obj.Kind.Name); ok {
			if p.obj.Kind.Name == "vpc" {
				return p.obj
			}
			if nearest == nil {
				nearest = p.obj
			}
		}
	}
	return nearest
}

// jump opens the pane of a leaf's kind, scoped like it, on its row; on
// the other VPC of a peering, that VPC's x-ray.
func (p *xrayPage) jump(a *App, n *xnode) tea.Cmd {
	if n != nil && n.vpc != "" {
		return a.push(newXrayPage(a, n.region, n.vpc))
	}
	if n == nil || n.obj == nil {
		return nil
	}
	parent := scopeParent(n)
	var regions []string
	if parent == nil {
		regions = []string{n.obj.Region}
	}
	b := newBrowser(a, n.obj.Kind, parent, regions, false)
	b.table.Want(n.key)
	return a.push(b)
}

// mutate opens the node's form, dialog or actions through the kit, as its
// pane would; c creates one of its kind beside it.
func (p *xrayPage) mutate(a *App, act Action, n *xnode) tea.Cmd {
	fc := &forms.FormCtx{Host: a, Client: a.opt.Client, Region: cmp.Or(n.obj.Region, p.region),
		Parent: scopeParent(n), Target: n.obj, Origin: p.id}
	return a.mutateTarget(act, n.obj.Kind, fc)
}

func (p *xrayPage) filterKey(msg tea.KeyPressMsg) tea.Cmd {
	switch msg.Keystroke() {
	case "enter":
		p.filtering = false
		return nil
	case "esc":
		p.filtering = false
		p.filterIn.SetValue("")
		p.refilter()
		return nil
	case "up":
		p.move(-1)
		return nil
	case "down":
		p.move(1)
		return nil
	}
	editLine(&p.filterIn, msg)
	p.refilter()
	return nil
}

func (p *xrayPage) refilter() {
	p.words = strings.Fields(strings.ToLower(p.filterIn.Value()))
	p.rebuild()
}

// ---- view ----

func (p *xrayPage) View(a *App, w, h int) string {
	st := a.st
	var top []string
	top = append(top, p.summary(a, w))
	if p.filtering || len(p.words) > 0 {
		line := st.Accent.Render("/") + p.filterIn.Value()
		if p.filtering {
			line = p.filterIn.View()
		}
		top = append(top, ansi.Truncate(line+st.Dim.Render(fmt.Sprintf("  %d lines · matches and their parents", len(p.vis))), w, "…"))
	}
	if p.err != nil {
		for _, l := range errorLines(p.err, "showing what was read; ctrl+r retries") {
			top = append(top, ansi.Truncate(st.Error.Render(l), w, "…"))
		}
	}
	rows := max(h-len(top), 1)
	p.rows = rows
	if p.cur < p.off {
		p.off = p.cur
	}
	if p.cur >= p.off+rows {
		p.off = p.cur - rows + 1
	}
	p.off = max(0, min(p.off, max(len(p.vis)-rows, 0)))
	lines := top
	if len(p.vis) == 0 {
		msg := "Nothing matches the filter. esc clears it."
		switch {
		case len(p.loading) > 0:
			msg = "Reading the VPCs…"
		case p.err != nil:
			msg = "Nothing was read."
		case len(p.words) == 0:
			msg = "No VPCs in " + p.region + "."
		}
		return strings.Join(append(lines, "", "  "+st.Dim.Render(msg)), "\n")
	}
	for i := p.off; i < len(p.vis) && i < p.off+rows; i++ {
		lines = append(lines, p.line(a, p.vis[i], i == p.cur, w))
	}
	return strings.Join(lines, "\n")
}

// summary heads the tree: what it shows, how many lines, how old.
func (p *xrayPage) summary(a *App, w int) string {
	st := a.st
	vpcs := fmt.Sprintf("%d VPCs", len(p.roots))
	if len(p.roots) == 1 {
		vpcs = "1 VPC"
	}
	parts := []string{st.Title.Render(vpcs), fmt.Sprintf("%d resources", p.objs)}
	switch {
	case len(p.loading) > 0:
		parts = append(parts, st.Phase(theme.PhaseTransitional).Render(a.spinFrame()+" reading"))
	case !p.lastLoad.IsZero():
		parts = append(parts, "updated "+ago(a.now().Sub(p.lastLoad))+" ago")
	}
	return ansi.Truncate(strings.Join(parts, st.Dim.Render(" · ")), w, "…")
}

func notes(m map[string]*xnode) int {
	return countWhere(maps.Values(m), func(x *xnode) bool { return x.obj == nil })
}

// line draws one node: the cursor mark, the indent, the fold mark (+
// folded, - open), the
// kind, ID, name, status (coloured, with its glyph so it reads without
// colour) and the details.
func (p *xrayPage) line(a *App, n *xnode, selected bool, w int) string {
	st := a.st
	fold := "  "
	switch {
	case n.lazy && !p.open[n.key] || len(n.kids) > 0 && !p.open[n.key] && len(p.words) == 0:
		fold = "+ "
	case len(n.kids) > 0:
		fold = "- "
	}
	lead := st.Cursor(selected, " ") + strings.Repeat("  ", n.depth) + fold
	if n.obj == nil {
		note := n.note
		if r := p.byKey[vpcKey(n.region, n.vpc)]; n.vpc != "" && r != nil && r.obj.Name != "" {
			note += " (" + forms.Sanitize(r.obj.Name) + ")"
		}
		text := lead + note
		if selected {
			return st.Selected.Render(fit(ansi.Strip(text), w, false))
		}
		return ansi.Truncate(lead+st.Dim.Render(note), w, "…")
	}
	o := n.obj
	kind := fit(o.Kind.Singular, 16, false)
	if w < 100 {
		kind = fit(o.Kind.Name, 10, false) // narrow: the kind's `:` name
	}
	head := kind + " " + o.ID
	if o.Name != "" && o.Name != o.ID {
		head += " " + forms.Sanitize(o.Name)
	}
	status := ""
	ph := theme.Phase(o.Kind.Phase(o.Status))
	if o.Status != "" {
		status = theme.Glyph(ph) + o.Status
	}
	detail := n.detail
	if selected {
		text := lead + head
		if status != "" {
			text += "  " + status
		}
		if detail != "" {
			text += "  " + detail
		}
		return st.Selected.Render(fit(text, w, false))
	}
	text := lead + st.Dim.Render(kind) + " " + o.ID
	if o.Name != "" && o.Name != o.ID {
		text += " " + st.Accent.Render(forms.Sanitize(o.Name))
	}
	if status != "" {
		text += "  " + st.Phase(ph).Render(status)
	}
	if detail != "" {
		text += "  " + st.Dim.Render(detail)
	}
	return ansi.Truncate(text, w, "…")
}

// xrayShown are the node's details as shown (xrayDetail).
func xrayShown(o *model.Object) []string {
	var out []string
	for _, f := range xrayDetail[o.Kind.Name] {
		args := make([]any, 0, len(f)-1)
		any := false
		for _, name := range f[1:] {
			v := ""
			if c, ok := o.Kind.Column(name); ok {
				v = forms.Sanitize(model.Cell(o.Kind, o, c))
			}
			if v == "-" {
				v = ""
			}
			any = any || v != ""
			args = append(args, v)
		}
		if any {
			out = append(out, strings.TrimSpace(fmt.Sprintf(f[0], args...)))
		}
	}
	return out
}

// vpcKey is the rowKey of the VPC id in region.
func vpcKey(region, id string) string { return "vpc/" + region + "/" + id }

package ui

import (
	"cmp"
	"context"
	"fmt"
	"strings"

	"github.com/alivpc/alivpc/ui/forms"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// canCreate reports whether the console has a create form for k.
func canCreate(k *model.Kind) bool { return forms.OpsFor(k).Create != nil }

// changesRefused says why this run makes no change ("" when it may): every
// page's change keys ask it (in read-only mode they are not even bound;
// this is a second lock).
func (a *App) changesRefused() string {
	switch {
	case a.opt.ReadOnly:
		return "Read-only mode: changes are disabled for this run."
	case a.opt.Snapshot != "":
		return "Snapshot: read-only, changes are disabled (this is " + a.opt.SnapshotFile + ", taken " + a.opt.Snapshot + ")."
	}
	return ""
}

// mutate opens the form or dialog behind a change key (c, e, ctrl+d, x).
func (a *App) mutate(b *browser, act Action) tea.Cmd {
	if why := a.changesRefused(); why != "" {
		return a.flashError(why)
	}
	sel := b.table.Selected()
	k := b.kind
	if sel != nil && k.IsUnion() {
		k = sel.Obj.Kind
	}
	fc := &forms.FormCtx{Host: a, Client: a.opt.Client, Region: b.workRegion(a), Parent: b.parent, Origin: b.id}
	if sel != nil {
		fc.Target = sel.Obj
		rowRegion := sel.Obj.Region
		if sel.Obj.Kind.Name == "region" {
			rowRegion = sel.Obj.ID // a region's actions act in that region
		}
		if rowRegion != "" {
			if rowRegion != fc.Region {
				fc.RegionWhy = "the selected row's region"
			}
			fc.Region = rowRegion
		}
	}
	if act == ActCreate {
		if !b.allRegions && len(b.regions) <= 1 && b.parent == nil {
			// A one-region pane creates in its region, whatever region a
			// row lives in (an incoming cross-region peering).
			fc.Region, fc.RegionWhy = b.workRegion(a), ""
		}
		if b.kind.IsUnion() {
			return a.chooseCreate(b, fc)
		}
	}
	return a.mutateTarget(act, k, fc)
}

// mutateTarget opens the create or edit form, the destructive dialog or
// the actions menu of kind k for fc.Target (nil: nothing highlighted): the
// panes and the xray tree share it.
func (a *App) mutateTarget(act Action, k *model.Kind, fc *forms.FormCtx) tea.Cmd {
	ops := forms.OpsFor(k)
	sel := fc.Target
	switch act {
	case ActCreate:
		if ops.Create == nil {
			return a.flashError(fmt.Sprintf("Creating %s is not offered here.", k.Title))
		}
		fc.Target = nil
		return a.openForm(ops.Create(fc), fc)
	case ActEdit:
		if sel == nil {
			return a.flashError("Select a row to edit.")
		}
		if ops.Edit == nil {
			return a.flashError(fmt.Sprintf("%s cannot be edited; x lists its actions.", k.Title))
		}
		return a.openForm(ops.Edit(fc), fc)
	case ActDelete:
		if sel == nil {
			return a.flashError("Select a row to delete.")
		}
		if ops.Del == nil {
			return a.flashError(fmt.Sprintf("%s cannot be deleted from alivpc.", k.Title))
		}
		return a.push(newDeletePage(a, sel, ops.Del, fc))
	case ActActions:
		if sel == nil && ops.Actions == nil {
			return a.flashError("Select a row first.")
		}
		var items []menuItem
		if ops.Actions != nil {
			for _, it := range ops.Actions(fc) {
				it := it
				items = append(items, menuItem{label: it.Label, hint: it.Hint, run: func(a *App) tea.Cmd {
					if it.Destroy != nil {
						if fc.Target == nil {
							return a.flashError("Select a row first.")
						}
						return a.push(newDeletePage(a, fc.Target, it.Destroy(fc), fc))
					}
					if it.Show != nil {
						return a.openDocument(it.Label, it.Show, fc)
					}
					return a.openForm(it.Make(fc), fc)
				}})
			}
		}
		if len(items) == 0 {
			if ops.NoActions != nil && fc.Target != nil {
				if why := ops.NoActions(fc); why != "" {
					return a.flashError(why)
				}
			}
			return a.flashError(fmt.Sprintf("No other actions for %s.", k.Title))
		}
		what := k.Singular
		if sel != nil {
			what += " " + sel.ID
		}
		a.menu = newMenu("Actions for "+what, items)
	}
	return nil
}

// chooseCreate asks which member of a union pane to create.
func (a *App) chooseCreate(b *browser, fc *forms.FormCtx) tea.Cmd {
	var items []menuItem
	for _, m := range a.reg.MembersOf(b.kind) {
		ops := forms.OpsFor(m)
		if ops.Create == nil {
			continue
		}
		items = append(items, menuItem{label: "Create " + m.Singular, run: func(a *App) tea.Cmd {
			fc.Target = nil
			return a.openForm(ops.Create(fc), fc)
		}})
	}
	if len(items) == 0 {
		return a.flashError("Nothing to create here.")
	}
	a.menu = newMenu("Create", items)
	return nil
}

// scopeRegion is the one region the pane is scoped to (its parent's, or
// the only one it lists), or "".
func (b *browser) scopeRegion() string {
	switch {
	case b.parent != nil && b.parent.Kind.Name == "region":
		return b.parent.ID
	case b.parent != nil && b.parent.Region != "":
		return b.parent.Region
	case len(b.regions) == 1:
		return b.regions[0]
	}
	return ""
}

// workRegion is the region new resources of this pane go to.
func (b *browser) workRegion(a *App) string {
	if r := b.scopeRegion(); r != "" {
		return r
	}
	return a.opt.Region
}

// ---- the destructive-action dialog ----

// deletePage is the one dialog for every destructive action (delete,
// release, terminate, unassociate, reject, deactivate, downgrade): it says
// what the resource is, what depends on it and what traffic stops, asks
// for its ID (or name) to be typed, and offers a dry run where the API has
// one. Nothing is sent before the typed text matches.
type deletePage struct {
	id    int
	obj   *model.Object
	spec  *forms.DeleteSpec
	fc    *forms.FormCtx
	token string

	typed textinput.Model // the ID or name, typed to confirm
	force bool
	// held is input that arrived after an Enter that could not act yet
	// (dependents still being counted) or while the call was on its way:
	// applied in order once the count is in, or to the page below once
	// the call has succeeded.
	held typeAhead

	refused    string
	checking   bool
	checked    bool
	dependents []string // "3 VSwitches"
	impact     []string // "2 BGP sessions on this VBR go down"
	depErr     error
	sending    bool
	dryRunning bool // the call on its way is a dry run
	banner     []string
	bannerOK   bool // the banner reports a passed dry run
}

type dependentsMsg struct {
	id      int
	counts  []string
	impact  []string
	fresh   *model.Object
	refusal string
	err     error
}

func (m dependentsMsg) pageID() int { return m.id }

type deletedMsg struct {
	id  int
	res *forms.Submitted
	err error
}

type dryRunMsg struct {
	id  int
	err error
}

func (m dryRunMsg) pageID() int { return m.id }

func (m deletedMsg) pageID() int { return m.id }

func newDeletePage(a *App, o *model.Object, spec *forms.DeleteSpec, fc *forms.FormCtx) *deletePage {
	d := &deletePage{id: a.newID(), obj: o, spec: spec, fc: fc, token: client.NewClientToken(), typed: newLineInput(a, "> ")}
	if spec.Refuse != nil {
		d.refused = spec.Refuse(o)
	}
	return d
}

// verb is the action's name: the title and the button.
func (d *deletePage) verb() string {
	if d.spec.Verb != "" {
		return d.spec.Verb
	}
	return "Delete"
}

// action is the API action the dialog sends.
func (d *deletePage) action() string {
	if d.spec.Action != "" {
		return d.spec.Action
	}
	return d.verb() + strings.ReplaceAll(d.obj.Kind.Singular, " ", "")
}

func (d *deletePage) ID() int { return d.id }

func (d *deletePage) Hints() [][2]string {
	if d.refused != "" {
		return [][2]string{{"esc", "back"}} // nothing can be sent
	}
	h := [][2]string{{"enter", strings.ToLower(d.verb())}, {"esc", "cancel"}}
	if d.spec.Force != "" {
		h = append(h, [2]string{"tab", "force"})
	}
	if d.spec.Dry != nil {
		h = append(h, [2]string{"ctrl+t", "dry run"})
	}
	return h
}
func (d *deletePage) Crumb() string { return strings.ToLower(d.verb()) + " " + d.obj.ID }
func (d *deletePage) Typing() bool  { return true }

// Activated re-reads the object when asked, counts the dependents and
// what stops (reads only).
func (d *deletePage) Activated(a *App) tea.Cmd {
	if d.checked || d.checking || !d.needsCheck() {
		return nil
	}
	d.checking = true
	id, ctx, c, reg, o, fc, spec := d.id, a.ctx, a.opt.Client, a.reg, d.obj, d.fc, d.spec
	return func() tea.Msg {
		msg := dependentsMsg{id: id, counts: []string{}}
		if spec.Fresh && o.Kind.Get != nil {
			fresh, refusal, err := forms.Refetch(ctx, c, o)
			if err != nil || refusal != "" {
				msg.err, msg.refusal = err, refusal
				return msg
			}
			msg.fresh, o = fresh, fresh
			if spec.Refuse != nil {
				if why := spec.Refuse(o); why != "" {
					msg.refusal = why
					return msg
				}
			}
		}
		if spec.Precheck != nil {
			why, err := spec.Precheck(ctx, fc, o)
			if err != nil || why != "" {
				msg.refusal, msg.err = why, err
				return msg
			}
		}
		var users []string
		if spec.Impact != nil {
			stops, blockers, err := spec.Impact(ctx, fc, o)
			if err != nil {
				msg.err = err
				return msg
			}
			msg.impact, users = stops, blockers
		}
		msg.counts, msg.err = countDependents(ctx, c, reg, o, spec)
		msg.counts = append(msg.counts, users...)
		return msg
	}
}

// needsCheck: something must be read before the dialog can judge.
func (d *deletePage) needsCheck() bool {
	s := d.spec
	if d.refused != "" && !s.Fresh {
		return false
	}
	return s.Fresh || len(s.Blockers) > 0 || s.Precheck != nil || s.Impact != nil
}

func countDependents(ctx context.Context, c *client.Client, reg *model.Registry, o *model.Object, spec *forms.DeleteSpec) ([]string, error) {
	out := []string{}
	for _, name := range spec.Blockers {
		k, ok := reg.Lookup(name)
		if !ok {
			continue
		}
		n, err := countChildren(ctx, c, k, o, spec.Keep)
		if err != nil {
			return out, err
		}
		if n > 0 {
			title := k.Title
			if n == 1 {
				title = k.Singular
			}
			out = append(out, fmt.Sprintf("%d %s", n, strings.ToLower(title)))
		}
	}
	return out, nil
}

// countChildren counts the objects of kind k under o (keep, when set,
// says which count).
func countChildren(ctx context.Context, c *client.Client, k *model.Kind, o *model.Object, keep func(*model.Object) bool) (int, error) {
	s, ok := k.ScopeFor(o.Kind.Name)
	if !ok {
		return 0, nil
	}
	n := 0
	for _, l := range client.ScopedListings(k, o, s) {
		err := c.ListObjects(ctx, l.Kind, l.Region, l.Params, func(objs []*model.Object, _ client.Page) error {
			for _, ch := range objs {
				if l.Match != nil && !l.Match(ch) {
					continue
				}
				if keep != nil && !keep(ch) {
					continue
				}
				n++
			}
			return nil
		})
		if err != nil {
			return n, err
		}
	}
	return n, nil
}

func (d *deletePage) confirmText() []string {
	if d.spec.Confirm != nil {
		return d.spec.Confirm(d.obj)
	}
	out := []string{d.obj.ID}
	if d.obj.Name != "" && d.obj.Name != d.obj.ID {
		out = append(out, d.obj.Name)
	}
	return out
}

func (d *deletePage) matches() bool {
	t := strings.TrimSpace(d.typed.Value())
	for _, c := range d.confirmText() {
		if t == c {
			return true
		}
	}
	return false
}

func (d *deletePage) blocked() bool { return len(d.dependents) > 0 && !d.force }

func (d *deletePage) Update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case dependentsMsg:
		d.checking, d.checked = false, true
		d.dependents, d.impact, d.depErr = m.counts, m.impact, m.err
		if m.fresh != nil {
			d.obj, d.refused = m.fresh, "" // judged again on the fresh copy
		}
		if m.refusal != "" {
			d.refused = m.refusal
		}
		// An Enter typed before the count was in acts now, then what
		// followed it.
		var cmds []tea.Cmd
		for _, h := range d.held.take() {
			cmds = append(cmds, d.Update(a, h))
		}
		return tea.Batch(cmds...)
	case dryRunMsg:
		d.sending, d.dryRunning = false, false
		what := strings.ToLower(d.verb())
		if client.ErrorCode(m.err) == "DryRunOperation" {
			d.banner, d.bannerOK = []string{"✓ Dry run passed: the API would accept this " + what + " (RequestId " + client.RequestID(m.err) + "). Nothing was changed."}, true
			return nil
		}
		d.bannerOK = false
		if m.err == nil {
			d.banner = []string{"The dry run answered without DryRunOperation; nothing was changed."}
			return nil
		}
		d.banner = errorLines(m.err, "the dry run says the "+what+" would fail; nothing was changed")
		return nil
	case deletedMsg:
		d.sending = false
		// The API's action comes from the call itself (recordOutcome); the
		// dialog's own names a call that failed before anything was sent.
		action := d.action()
		fc := *d.fc
		fc.Target, fc.Region = d.obj, cmp.Or(d.obj.Region, d.fc.Region)
		if client.OutcomeUnknown(m.err) {
			// Checked before anything is said (or recorded) about it.
			d.sending, d.banner = true, unknownLines(m.err, "")
			return a.checkOutcome(d.id, &fc, m.err, a.now(), nil, false)
		}
		cmd := a.recordOutcome(action, &fc, m.res, m.err)
		action = callAction(action, m.res, m.err)
		if m.err != nil {
			d.banner = errorLines(m.err, "nothing was changed; esc goes back")
			// Typed for what comes after the call: not into this dialog.
			d.banner = d.held.drop(d.banner, "enter")
			return cmd
		}
		return tea.Batch(cmd, a.pop(), a.trackSubmitted(action, m.res, d.fc.Origin), d.replayBelow(a))
	case outcomeCheckedMsg:
		return d.outcomeChecked(a, m)
	case tea.PasteMsg:
		if d.holding() {
			d.held.hold(m)
			return nil
		}
		editLine(&d.typed, tea.PasteMsg{Content: strings.TrimSpace(m.Content)})
		return nil
	case tea.KeyPressMsg:
		if d.holding() {
			switch m.Keystroke() {
			case "esc", "ctrl+c":
			default:
				d.held.hold(m)
				return nil
			}
		}
		return d.key(a, m)
	}
	return nil
}

// holding reports whether input waits: after an Enter that the count of
// dependents has not caught up with, or while the call is on its way.
func (d *deletePage) holding() bool { return d.held.pending() || d.sending && !d.dryRunning }

// replayBelow applies the input typed while the call was on its way to
// what has focus once the dialog is gone.
func (d *deletePage) replayBelow(a *App) tea.Cmd {
	return a.replayInput(d.held.take())
}

func (d *deletePage) key(a *App, m tea.KeyPressMsg) tea.Cmd {
	switch m.Keystroke() {
	case "esc":
		return a.pop()
	case "ctrl+c":
		return a.quit()
	case "tab":
		if d.spec.Force != "" {
			d.force = !d.force
		}
	case "ctrl+t":
		if d.spec.Dry != nil && !d.sending && d.refused == "" {
			d.sending, d.dryRunning = true, true
			d.banner, d.bannerOK = []string{"Dry run…"}, true
			id, ctx, fc, o, dry, force := d.id, a.ctx, d.fc, d.obj, d.spec.Dry, d.force
			return func() tea.Msg { return dryRunMsg{id: id, err: dry(ctx, fc, o, force)} }
		}
	case "enter":
		verb := strings.ToLower(d.verb())
		switch {
		case d.sending:
		case d.refused != "":
			d.banner = []string{"Not possible: " + d.refused + "."}
		case d.checking:
			// Acted on once the count is in (a typed-ahead burst).
			d.held.hold(m)
			return a.flashInfo("Checking what depends on it first…")
		case !d.matches():
			d.banner = []string{"Type " + strings.Join(quoteAll(d.confirmText()), " or ") + " exactly to confirm; nothing was sent."}
		case d.blocked():
			first := "Delete what depends on it first"
			if d.verb() != "Delete" {
				first = "Remove what depends on it first, then " + verb
			}
			d.banner = []string{first + forceHint(d.spec) + "; nothing was sent."}
		default:
			d.sending = true
			d.banner, d.bannerOK = []string{"Sending " + d.action() + " (" + verb + ")…"}, false
			id, ctx, fc, o, spec, token, force := d.id, client.WithTokenSalt(a.ctx, d.token), d.fc, d.obj, d.spec, d.token, d.force
			return func() tea.Msg {
				res, err := spec.Run(ctx, fc, o, token, force)
				return deletedMsg{id: id, res: res, err: err}
			}
		}
	default:
		editLine(&d.typed, m)
	}
	return nil
}

// outcomeChecked ends the wait after a call whose outcome was unknown: a
// delete found applied is followed until the resource is gone; otherwise
// the dialog says what was found, and enter may send it again (the same
// ClientToken).
func (d *deletePage) outcomeChecked(a *App, m outcomeCheckedMsg) tea.Cmd {
	if m.op == nil {
		return nil
	}
	d.sending = false
	audit, follow := a.settleUnknown(m)
	if m.applied {
		return tea.Batch(audit, a.pop(), follow, a.flashInfo(m.op.action+": outcome was unknown; checked: "+m.verdict(true)+"."),
			d.replayBelow(a))
	}
	d.banner = unknownLines(m.sendErr, m.verdict(true))
	d.banner[len(d.banner)-1] = "  Checked: " + m.verdict(true) + ". Enter sends it again with the same ClientToken."
	d.banner = d.held.drop(d.banner, "enter")
	return audit
}

func forceHint(s *forms.DeleteSpec) string {
	if s.Force == "" {
		return ""
	}
	return ", or press tab to force (" + s.Force + ")"
}

func quoteAll(s []string) []string {
	out := make([]string, len(s))
	for i, v := range s {
		out[i] = "\"" + v + "\""
	}
	return out
}

// subject is what the title names: "VBR vbr-1 (dc-link)".
func (d *deletePage) subject() string {
	if d.spec.Subject != nil {
		return d.spec.Subject(d.obj)
	}
	name := d.obj.Kind.Singular + " " + d.obj.ID
	if d.obj.Name != "" && d.obj.Name != d.obj.ID {
		name += " (" + d.obj.Name + ")"
	}
	return name
}

// whatItIs lists where the resource is and its state (the title names
// its kind, ID and name), and the spec's own lines.
func (d *deletePage) whatItIs() []string {
	o := d.obj
	var parts []string
	if o.Region != "" {
		parts = append(parts, "Region "+o.Region)
	}
	if o.Status != "" {
		parts = append(parts, "status "+o.Status)
	}
	out := []string{strings.Join(parts, " · ")}
	if d.spec.About != nil {
		out = append(out, d.spec.About(d.fc, o)...)
	}
	return out
}

func (d *deletePage) View(a *App, w, h int) string {
	st := a.st
	verb := d.verb()
	lines := []string{st.Error.Render(verb + " " + d.subject() + "?"), ""}
	for _, l := range d.whatItIs() {
		lines = append(lines, "  "+l)
	}
	lines = append(lines, "")
	if d.refused != "" {
		lines = append(lines, st.Phase(4).Render("✗ "+d.refused), "Nothing will be sent. esc goes back.")
		for i, l := range lines {
			lines[i] = wrapTo(l, w)
		}
		return strings.Join(lines, "\n")
	}
	var stops []string
	if d.spec.Stops != nil {
		stops = d.spec.Stops(d.obj)
	}
	stops = append(stops, d.impact...)
	for _, s := range stops {
		lines = append(lines, st.Phase(2).Render("! ")+s)
	}
	switch {
	case d.checking:
		lines = append(lines, st.Dim.Render("Checking what still depends on it…"))
	case d.depErr != nil:
		lines = append(lines, errorLines(d.depErr, "could not check what depends on it; the API refuses the call if something still does")...)
	case len(d.dependents) > 0:
		lines = append(lines, st.Phase(4).Render(fmt.Sprintf("%s still has %s.", d.obj.ID, forms.JoinAnd(d.dependents))),
			"The API refuses to "+strings.ToLower(verb)+" it while they exist (DependencyViolation)"+forceHint(d.spec)+".")
		if d.force {
			lines = append(lines, st.Badge.Render(" FORCE ")+" "+d.spec.Force)
		}
	case d.checked && len(d.spec.Blockers) > 0:
		lines = append(lines, st.Dim.Render("Nothing depends on it."))
	}
	if d.spec.Force != "" && len(d.dependents) == 0 {
		// Some dependents cannot be counted (routes pointing at it): the
		// option is still there.
		mark := "off"
		if d.force {
			mark = "ON"
		}
		lines = append(lines, st.Dim.Render("tab toggles force ("+mark+"): "+d.spec.Force))
	}
	lines = append(lines, "", "Type "+strings.Join(quoteAll(d.confirmText()), " or ")+" to confirm, then enter. esc cancels.", "")
	mark := "  "
	if d.matches() {
		mark = st.Phase(1).Render("✓ ")
	}
	d.typed.SetWidth(max(w-6, 10))
	lines = append(lines, mark+d.typed.View())
	button := "[ " + verb + " ]"
	switch {
	case d.blocked():
		lines = append(lines, "", st.Dim.Render(button+" (not while something depends on it)"))
	case d.matches() && !d.checking:
		lines = append(lines, "", st.Error.Render(button)+" enter sends "+d.action()+" for "+d.obj.ID)
	default:
		lines = append(lines, "", st.Dim.Render(button+" (type the text above first)"))
	}
	if d.spec.Dry != nil {
		lines = append(lines, st.Dim.Render("ctrl+t runs a dry run: the API checks the "+strings.ToLower(verb)+" without changing anything."))
	}
	for _, b := range d.banner {
		style := st.Error
		if d.bannerOK {
			style = st.Info
		}
		lines = append(lines, "", style.Render(b))
	}
	for i, l := range lines {
		lines[i] = wrapTo(l, w)
	}
	return strings.Join(lines, "\n")
}

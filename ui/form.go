package ui

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// formPage hosts a mutation's huh form.
type formPage struct {
	// busy is closed when the Prepare in flight returns; waitOn is a
	// closed page's Prepare on this page's draft, and fresh the mutation
	// built for this opening, whose fixed values the draft takes once that
	// call has returned.
	busy, waitOn chan struct{}
	fresh        forms.Mutation
	// title is the mutation's title, read on the UI goroutine while no
	// Prepare runs (Crumb).
	title string
	id    int
	m     forms.Mutation
	fc    *forms.FormCtx
	form  *huh.Form
	// token is the form's salt for its ClientTokens (kept with the draft).
	token string
	key   string // draft key

	phase     formPhase
	preparing bool     // a Prepare call is in flight
	banner    []string // the last server error or check failure
	bannerErr bool
	width     int
	height    int // the page's last height (View)
	started   time.Time
	// queued is input that arrived while the form was loading its
	// choices: it is applied in order once the form is up.
	queued typeAhead
	// reloaded marks a Prepare started by ctrl+r in the open form.
	reloaded bool
	reviewed bool // the review page said Create (review.go)
	// sentAt is when the last submission went out (an unknown outcome is
	// looked for from then on: outcome.go).
	sentAt time.Time
}

type formPhase int

const (
	phasePreparing formPhase = iota
	phaseEditing
	phaseSubmitting
)

type formPreparedMsg struct {
	id  int
	err error
}

func (m formPreparedMsg) pageID() int { return m.id }

type formSubmittedMsg struct {
	id  int
	res *forms.Submitted
	err error
}

func (m formSubmittedMsg) pageID() int { return m.id }

// openForm pushes a form page for m. A draft of the same form (cancelled
// earlier) comes back with what was typed; its choice lists are loaded
// again when the page activates (Prepare runs on every opening), and the
// pane's parent, carried by m, wins over the draft's.
func (a *App) openForm(m forms.Mutation, fc *forms.FormCtx) tea.Cmd {
	key := m.Action() + "|" + m.Title()
	p := &formPage{id: a.newID(), m: m, fc: fc, key: key, token: client.NewClientToken()}
	if d, ok := a.drafts[key]; ok {
		// The draft's mutation may still be filled by a Prepare its last
		// page started: it is reparented (and prepared again) once that
		// call has returned (Activated).
		p.m, p.token, p.fresh, p.waitOn = d.m, d.token, m, d.busy
	}
	p.title = m.Title() // the draft's title: the key is made of it
	p.started = a.now()
	return a.push(p)
}

// reparenter is a mutation whose draft may be reopened from another pane
// under the same title (an IPsec connection from another customer
// gateway's pane): reparent takes from fresh, built for the pane the form
// opens from now, the values that pane fixes.
type reparenter interface {
	Reparent(fresh forms.Mutation)
}

type draft struct {
	m     forms.Mutation
	token string
	// busy is closed when a Prepare started by the page that kept this
	// draft returns; until then the mutation is that call's.
	busy chan struct{}
}

// draft keeps what was typed in p for the next opening of the same form.
func (p *formPage) draft() draft {
	busy := p.busy
	if p.waitOn != nil {
		busy = p.waitOn
	}
	return draft{m: p.m, token: p.token, busy: busy}
}

// draftFreeMsg says the Prepare of an earlier page on this page's draft
// has returned.
type draftFreeMsg struct{ id int }

func (m draftFreeMsg) pageID() int { return m.id }

func (p *formPage) ID() int { return p.id }

// Hints are the form's own keys (huh shows the field keys above).
func (p *formPage) Hints() [][2]string {
	h := [][2]string{{"enter", "next / submit"}, {"shift+tab", "back"}, {"esc", "close (input kept)"}}
	if _, ok := p.m.(forms.Preparer); ok {
		h = append(h, [2]string{"ctrl+r", "reload choices"})
	}
	return append(h, [2]string{"ctrl+c", "quit"})
}

// Crumb is the title as of the last time the mutation was at rest: a
// Prepare in flight fills the mutation on another goroutine, so the page
// reads it only once that call has answered.
func (p *formPage) Crumb() string { return p.title }

// Typing: the form owns the keyboard (q types a q).
func (p *formPage) Typing() bool { return true }

func (p *formPage) Activated(a *App) tea.Cmd {
	if p.form != nil || p.phase != phasePreparing {
		return nil
	}
	if p.waitOn != nil {
		select {
		case <-p.waitOn:
			p.waitOn = nil
		default:
			// A closed page's Prepare still fills this draft: wait for it
			// (typed keys are held meanwhile).
			if p.preparing {
				return nil
			}
			p.preparing = true
			id, ch := p.id, p.waitOn
			return func() tea.Msg { <-ch; return draftFreeMsg{id: id} }
		}
	}
	if p.fresh != nil {
		if r, ok := p.m.(reparenter); ok {
			r.Reparent(p.fresh)
		}
		p.fresh = nil
		p.title = p.m.Title()
	}
	if pr, ok := p.m.(forms.Preparer); ok {
		if p.preparing {
			return nil // one Prepare at a time: it fills the mutation
		}
		p.preparing = true
		done := make(chan struct{})
		p.busy = done
		id, ctx, fc := p.id, a.ctx, p.fc
		return func() tea.Msg {
			err := pr.Prepare(ctx, fc)
			close(done)
			return formPreparedMsg{id: id, err: err}
		}
	}
	return p.build(a)
}

func (p *formPage) build(a *App) tea.Cmd {
	p.phase = phaseEditing
	p.form = p.m.Form(p.fc).
		WithShowHelp(true).
		WithShowErrors(true).
		WithTheme(formTheme(a))
	// Lay out for the window from the first frame (huh re-lays out only on
	// its next message).
	w := p.width
	if w <= 0 {
		w = a.width
	}
	p.form = p.form.WithWidth(min(w, 100))
	// And for its height: a group laid out first without one scrolls to
	// its focused field and keeps that offset, hiding the top of a note
	// above it ("What to do") once the height is known.
	h := p.height
	if h <= 0 {
		h = a.height - 3
	}
	p.form = p.form.WithHeight(max(h-len(p.head(a, w))-1, 4))
	return p.form.Init()
}

// head is the form page's lines above the form: its title and the banner,
// wrapped to w.
func (p *formPage) head(a *App, w int) []string {
	st := a.st
	lines := []string{wrapTo(st.Title.Render(formTitle(p.title, p.fc)), w)}
	for _, l := range p.banner {
		style := st.Info
		if p.bannerErr {
			style = st.Error
		}
		lines = append(lines, wrapTo(style.Render(l), w))
	}
	return lines
}

func (p *formPage) Update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case draftFreeMsg:
		p.preparing = false
		return p.Activated(a)
	case formPreparedMsg:
		p.preparing, p.busy = false, nil
		p.title = p.m.Title() // Prepare has returned: the mutation is ours again
		if p.phase != phasePreparing {
			return nil // the form is already up
		}
		if m.err != nil {
			p.queued.take() // typed for a form that did not open
			p.banner, p.bannerErr = errorLines(m.err, "esc goes back; ctrl+r tries again"), true
			return nil
		}
		if p.reloaded {
			p.reloaded = false
			p.banner = []string{"Choices reloaded; your input is kept."}
		}
		return tea.Batch(p.build(a), p.replay(a))
	case formSubmittedMsg:
		return p.submitted(a, m)
	case outcomeCheckedMsg:
		return p.outcomeChecked(a, m)
	case tea.KeyPressMsg:
		switch m.Keystroke() {
		case "esc":
			if p.phase == phaseSubmitting {
				return a.flashInfo("The call is on its way; it will finish in the background.")
			}
			// Keep what was typed: reopening this form brings it back.
			a.drafts[p.key] = p.draft()
			return tea.Batch(a.pop(), a.flashInfo("Form closed; your input is kept for next time."))
		case "ctrl+c":
			a.drafts[p.key] = p.draft()
			return a.quit()
		case "ctrl+r":
			if p.phase == phasePreparing {
				p.banner = nil
				return p.Activated(a)
			}
			if _, ok := p.m.(forms.Preparer); ok && p.phase == phaseEditing {
				// Reload the choices (EIPs, gateways, zones …): the values
				// typed so far are the mutation's and stay.
				p.phase, p.form = phasePreparing, nil
				p.banner, p.bannerErr = []string{"Reloading choices…"}, false
				p.reloaded = true
				return p.Activated(a)
			}
		}
	}
	if (p.phase == phasePreparing && p.preparing) || p.phase == phaseSubmitting {
		switch msg.(type) {
		case tea.KeyPressMsg, tea.PasteMsg:
			// Typed ahead of the form (applied once it is up), or after
			// the submit (applied to the page below once the call has
			// succeeded: `⏎:vpn⏎` in one burst opens :vpn).
			p.queued.hold(msg)
			return nil
		}
	}
	if p.phase != phaseEditing || p.form == nil {
		return nil
	}
	return p.feed(a, msg)
}

// submit checks across fields and sends the call.
func (p *formPage) submit(a *App) tea.Cmd {
	reviewed := p.reviewed
	p.reviewed = false
	if err := p.m.Check(p.fc); err != nil {
		p.banner, p.bannerErr = []string{"✗ " + err.Error(), "  Fix it and submit again."}, true
		return p.build(a)
	}
	if r, ok := p.m.(reviewer); ok && !reviewed {
		if cmd, shown := p.review(a, r); shown {
			return cmd
		}
	}
	p.phase = phaseSubmitting
	p.banner, p.bannerErr = []string{"Sending " + p.m.Action() + "…"}, false
	p.sentAt = a.now()
	id, ctx, fc, token, m := p.id, client.WithTokenSalt(a.ctx, p.token), p.fc, p.token, p.m
	return func() tea.Msg {
		res, err := m.Submit(ctx, fc, token)
		return formSubmittedMsg{id: id, res: res, err: err}
	}
}

func (p *formPage) submitted(a *App, m formSubmittedMsg) tea.Cmd {
	if client.OutcomeUnknown(m.err) {
		return p.outcomeUnknown(a, m.err) // recorded once checked
	}
	audit := a.recordOutcome(p.m.Action(), p.fc, m.res, m.err)
	if m.err != nil {
		if client.ErrorCode(m.err) == "DryRunOperation" {
			p.banner, p.bannerErr = []string{"✓ Dry run passed: the request is valid and would be accepted (" + client.RequestID(m.err) + ").",
				"  Turn dry run off and submit to make the change."}, false
			return tea.Batch(audit, p.build(a))
		}
		// Keep every value; show what the API said and let the user fix it.
		// Keys typed after the submit were meant for what comes after it:
		// they are not typed into the form's fields.
		p.banner, p.bannerErr = errorLines(m.err, "fix and submit again; your input is kept (esc keeps it as a draft)"), true
		p.banner = p.queued.drop(p.banner, "submitting")
		return tea.Batch(audit, p.build(a))
	}
	delete(a.drafts, p.key)
	res := m.res
	if res.Note != "" {
		return tea.Batch(audit, a.pop(), a.flashInfo(res.Note), p.replayBelow(a))
	}
	cmds := []tea.Cmd{audit, a.pop()}
	action := p.m.Action()
	if res.Action != "" {
		action = res.Action
	}
	cmds = append(cmds, a.trackSubmitted(action, res, p.fc.Origin), p.replayBelow(a))
	return tea.Batch(cmds...)
}

// replayBelow applies the keys typed while the call was on its way to
// what has focus now that the form is gone, in order.
func (p *formPage) replayBelow(a *App) tea.Cmd {
	return a.replayInput(p.queued.take())
}

// replayInput hands held keys and pastes to the console, in order, as if
// they arrived now.
func (a *App) replayInput(msgs []tea.Msg) tea.Cmd {
	var cmds []tea.Cmd
	for _, m := range msgs {
		_, cmd := a.Update(m)
		cmds = append(cmds, cmd)
	}
	return tea.Batch(cmds...)
}

// trackSubmitted records the operation, shows the resource where the user
// started, and follows it until it settles.
func (a *App) trackSubmitted(action string, res *forms.Submitted, origin int) tea.Cmd {
	if res == nil || res.Kind == nil || res.ID == "" {
		return a.flashInfo(action + " done.")
	}
	op := a.tracker.startOp(action, res.Kind, res.Region, res.ID, "")
	op.requestID = res.RequestID
	op.phase = "sent"
	ref := &model.Object{Kind: res.Kind, Region: res.Region, ID: res.ID}
	if res.Ref != nil {
		ref = res.Ref
	}
	if res.Service != nil {
		return a.tracker.followService(op, res.Service, res.Region, ref)
	}
	if res.Kind.Get == nil {
		// Not fetchable by ID: the pane's refresh shows the result.
		a.tracker.finish(op, opDone, nil)
		return tea.Batch(a.flashInfo(fmt.Sprintf("%s %s: %s sent (%s)", res.Kind.Singular, res.ID, action, res.RequestID)), a.refreshPage(origin))
	}
	verb := "sent"
	if res.Gone {
		verb = "deleting"
	}
	return tea.Batch(a.tracker.follow(op, ref, res.Target, res.Gone, origin, res.GetParams),
		a.flashInfo(fmt.Sprintf("%s %s %s; following it until it is %s (t shows progress)", res.Kind.Singular, res.ID, verb, describeTarget(res.Target, res.Gone))))
}

// refreshPage reloads a pane after a change it cannot track by ID.
func (a *App) refreshPage(id int) tea.Cmd {
	if b, ok := a.page(id).(*browser); ok {
		return b.load(a, true)
	}
	return nil
}

func (p *formPage) View(a *App, w, h int) string {
	st := a.st
	if p.width != w {
		p.width = w
		if p.form != nil {
			p.form = p.form.WithWidth(min(w, 100))
		}
	}
	p.height = h
	lines := p.head(a, w)
	switch {
	case p.phase == phasePreparing && len(p.banner) == 0:
		lines = append(lines, st.Dim.Render(a.spinFrame()+" Loading choices…"))
	case p.form != nil && p.phase != phasePreparing:
		if p.form != nil {
			p.form = p.form.WithHeight(max(h-len(lines)-1, 4))
		}
		lines = append(lines, p.form.View())
	}
	if p.phase == phaseSubmitting {
		lines = append(lines, st.Phase(2).Render(a.spinFrame()+" Submitting… (esc leaves it running)"))
	}
	return strings.Join(lines, "\n")
}

// formTheme follows the console's skin: huh's base theme with our colours
// is enough; NO_COLOR gets monoFormTheme.
func formTheme(a *App) huh.Theme {
	if a.opt.NoColor {
		return huh.ThemeFunc(monoFormTheme)
	}
	return huh.ThemeFunc(huh.ThemeCharm)
}

// monoFormTheme is huh's base theme without a single colour, where focus
// and choice still show: the chosen button of a Yes/No field is bracketed
// ("[ Yes ]   No  ", same width either way) and, in the focused field, in
// reverse video; huh's own "> " marks a select's cursor and "┃" the
// focused field. huh's base theme tells its buttons apart by colour only,
// so with NO_COLOR they rendered byte-identical.
func monoFormTheme(isDark bool) *huh.Styles {
	t := huh.ThemeBase(isDark)
	chosen := lipgloss.NewStyle().MarginRight(1).Transform(func(s string) string { return "[ " + s + " ]" })
	other := lipgloss.NewStyle().Padding(0, 2).MarginRight(1)
	t.Focused.FocusedButton, t.Focused.BlurredButton = chosen.Reverse(true).Bold(true), other
	t.Blurred.FocusedButton, t.Blurred.BlurredButton = chosen, other
	faint := lipgloss.NewStyle().Faint(true)
	t.Focused.TextInput.Placeholder, t.Blurred.TextInput.Placeholder = faint, faint
	// huh's key help comes in grey: plain keys, faint separators.
	key := lipgloss.NewStyle().Bold(true)
	t.Help.ShortKey, t.Help.FullKey, t.Help.ShortDesc, t.Help.FullDesc = key, key, lipgloss.NewStyle(), lipgloss.NewStyle()
	t.Help.ShortSeparator, t.Help.FullSeparator, t.Help.Ellipsis = faint, faint, faint
	return t
}

// ---- audit ----

type auditEntry struct {
	Time    string `json:"time"`
	Profile string `json:"profile"`
	Region  string `json:"region"`
	// Action is the API's own name for the call (DeleteNatGateway).
	Action string            `json:"action"`
	Params map[string]string `json:"params,omitempty"`
	// ID is the resource acted on: the one changed or deleted, or the one
	// a create made. A create that failed has none; Parent says where it
	// was to go.
	ID        string `json:"id,omitempty"`
	Parent    string `json:"parent,omitempty"`
	RequestID string `json:"request_id,omitempty"`
	// Outcome is accepted, failed (rejected), not sent, dry run passed, or
	// unknown (an attempt may have been applied: Attempts lists each one's
	// code and RequestId, Check what the console found when it looked).
	Outcome  string         `json:"outcome"`
	Code     string         `json:"code,omitempty"`
	Error    string         `json:"error,omitempty"`
	Attempts []auditAttempt `json:"attempts,omitempty"`
	Check    string         `json:"check,omitempty"`
}

type auditAttempt struct {
	Code      string `json:"code"`
	RequestID string `json:"request_id,omitempty"`
}

// callAction is the API's name for what was sent: the client's own
// operation when a write failed, the submission's when it was accepted,
// else the form's.
func callAction(fallback string, res *forms.Submitted, err error) string {
	if act, _, ok := client.FailedCall(err); ok {
		return act
	}
	if res != nil && res.Action != "" {
		return res.Action
	}
	return fallback
}

// recordOutcome keeps what a sent operation did: every outcome goes to the
// audit log, and a failure (not a passed dry run) to the activity tray,
// next to the successes that trackSubmitted records.
func (a *App) recordOutcome(action string, fc *forms.FormCtx, res *forms.Submitted, err error) tea.Cmd {
	if res != nil && res.Unchanged {
		return nil // nothing was sent
	}
	action = callAction(action, res, err)
	if err != nil && client.ErrorCode(err) != "DryRunOperation" {
		k, id, label := aimedAt(a, fc)
		a.tracker.failed(action, k, fc.Region, id, label, err)
	}
	return a.auditCmd(action, fc, res, err)
}

// aimedAt is what an operation from fc acts on, for the tray: the selected
// resource, or for a create the kind of the pane and the parent it goes in.
func aimedAt(a *App, fc *forms.FormCtx) (k *model.Kind, id, label string) {
	if fc.Target != nil {
		return fc.Target.Kind, fc.Target.ID, ""
	}
	if b, ok := a.page(fc.Origin).(*browser); ok && !b.kind.IsUnion() {
		k = b.kind
	}
	if fc.Parent != nil {
		label = "in " + fc.Parent.ID
	}
	return k, "", label
}

// auditCmd appends one line to the audit log, off the UI goroutine. res is
// an accepted call; err a failed one, which carries the parameters that
// were sent (client.CallError); fc says what the operation was aimed at.
// Secrets are masked (client.RedactParams).
func (a *App) auditCmd(action string, fc *forms.FormCtx, res *forms.Submitted, err error) tea.Cmd {
	if a.opt.AuditLog == nil {
		return nil
	}
	return a.writeAudit(a.auditEntryFor(action, fc, res, err))
}

// auditEntryFor is the audit line of one outcome.
func (a *App) auditEntryFor(action string, fc *forms.FormCtx, res *forms.Submitted, err error) auditEntry {
	profile := a.opt.Profile
	if a.opt.Simulator {
		profile = "SIMULATOR"
	}
	e := auditEntry{Time: a.now().UTC().Format(time.RFC3339), Profile: profile, Region: fc.Region, Action: action, Outcome: "accepted"}
	switch {
	case fc.Target != nil:
		e.ID = fc.Target.ID
	case fc.Parent != nil:
		e.Parent = fc.Parent.ID
	}
	if res != nil {
		e.Params, e.RequestID = client.RedactParams(res.Params), client.Clean(res.RequestID)
		if res.ID != "" {
			e.ID = res.ID
		}
		if res.Region != "" {
			e.Region = res.Region
		}
	}
	if err != nil {
		e.Outcome, e.Error, e.RequestID, e.Code = "failed", client.Clean(err.Error()), client.Clean(client.RequestID(err)), client.Clean(client.ErrorCode(err))
		if _, params, ok := client.FailedCall(err); ok {
			e.Params = client.RedactParams(params)
		} else {
			e.Outcome = "not sent"
		}
		if e.Code == "DryRunOperation" {
			e.Outcome, e.Error = "dry run passed", ""
		}
		for _, at := range client.Attempts(err) {
			e.Outcome = "unknown"
			e.Attempts = append(e.Attempts, auditAttempt{Code: at.Code, RequestID: at.RequestID})
		}
	}
	return e
}

// writeAudit appends e to the audit log, off the UI goroutine.
func (a *App) writeAudit(e auditEntry) tea.Cmd {
	if a.opt.AuditLog == nil {
		return nil
	}
	w, mu := a.opt.AuditLog, &a.auditMu
	return func() tea.Msg {
		b, merr := json.Marshal(e)
		if merr != nil {
			return nil
		}
		mu.Lock()
		defer mu.Unlock()
		_, _ = w.Write(append(b, '\n'))
		return nil
	}
}

// ---- helpers for mutations ----

// formTitle names the region a form acts in, and why when it is not the
// pane's: "Create VSwitch in vpc-… · region cn-beijing (the selected row's
// region)". A title that already names its region is left as it is.
func formTitle(title string, fc *forms.FormCtx) string {
	if fc == nil || fc.Region == "" || strings.Contains(title, fc.Region) {
		return title
	}
	title += " · region " + fc.Region
	if fc.RegionWhy != "" {
		title += " (" + fc.RegionWhy + ")"
	}
	return title
}

// Registry is the kind registry (formHost).
func (a *App) Registry() *model.Registry { return a.reg }

// Regions are the region IDs known once listed (formHost).
func (a *App) Regions() []string { return a.regions }

// Now is the console's clock (formHost).
func (a *App) Now() time.Time { return a.now() }

package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"charm.land/lipgloss/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// mutation is one change the console can make: the form's fields bound to
// the mutation's own values (so they survive a failed submission), checks
// across fields, and the API call.
type mutation interface {
	// Title is shown above the form: "Create VSwitch in vpc-1 (prod-core)".
	Title() string
	// Action is the API action, for the activity tray and the audit log.
	Action() string
	// Form builds the huh form. It is called again after a server error,
	// and the values it binds are still there.
	Form(fc *formCtx) *huh.Form
	// Check validates across fields before any call.
	Check(fc *formCtx) error
	// Submit makes the call with the submission's ClientToken, which stays
	// the same across retries and resubmissions of this form.
	Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error)
}

// preparer is a mutation that loads choices (zones, EIPs) before its form.
type preparer interface {
	Prepare(ctx context.Context, fc *formCtx) error
}

// submitted describes what a successful call changed, for tracking.
type submitted struct {
	// Action is the API action, when it differs from the form's.
	Action    string
	RequestID string
	Kind      *model.Kind
	Region    string
	ID        string
	// Target statuses to wait for; empty means "any settled phase".
	Target []string
	// Gone waits for the resource to disappear (a delete).
	Gone bool
	// Params are what was sent, for the audit log (secrets get masked).
	Params map[string]string
	// Note is shown instead of tracking (a dry run that passed).
	Note string
	// GetParams are extra parameters the kind's targeted describe needs
	// (the table an entry lives in).
	GetParams map[string]string
	// Ref is the resource as the console knew it (a delete's target): its
	// fields give the describe call what it needs.
	Ref *model.Object
}

// formCtx is what a mutation may use.
type formCtx struct {
	app    *App
	client *client.Client
	region string
	// parent is the pane's parent when drilled in (create a VSwitch in the
	// VPC you are looking at); target is the selected resource.
	parent *model.Object
	target *model.Object
	// origin is the page the form was opened from; a created resource is
	// shown there at once.
	origin int
}

// formPage hosts a mutation's huh form.
type formPage struct {
	id    int
	m     mutation
	fc    *formCtx
	form  *huh.Form
	token string
	key   string // draft key

	phase     formPhase
	preparing bool     // a Prepare call is in flight
	banner    []string // the last server error or check failure
	bannerErr bool
	width     int
	started   time.Time
	reviewed  bool // the review page said Create (review.go)
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
	res *submitted
	err error
}

func (m formSubmittedMsg) pageID() int { return m.id }

// openForm pushes a form page for m. A draft of the same form (cancelled
// earlier) comes back with what was typed.
func (a *App) openForm(m mutation, fc *formCtx) tea.Cmd {
	key := m.Action() + "|" + m.Title()
	if d, ok := a.drafts[key]; ok {
		m = d.m
	}
	p := &formPage{id: a.newID(), m: m, fc: fc, key: key, token: client.NewClientToken()}
	if d, ok := a.drafts[key]; ok {
		p.token = d.token
	}
	p.started = a.now()
	return a.push(p)
}

type draft struct {
	m     mutation
	token string
}

func (p *formPage) ID() int { return p.id }

// Hints are the form's own keys (huh shows the field keys above).
func (p *formPage) Hints() [][2]string {
	return [][2]string{{"enter", "next / submit"}, {"shift+tab", "back"}, {"esc", "close (input kept)"}, {"ctrl+c", "quit"}}
}
func (p *formPage) Crumb() string { return p.m.Title() }

// Typing: the form owns the keyboard (q types a q).
func (p *formPage) Typing() bool { return true }

func (p *formPage) Activated(a *App) tea.Cmd {
	if p.form != nil || p.phase != phasePreparing {
		return nil
	}
	if pr, ok := p.m.(preparer); ok {
		if p.preparing {
			return nil // one Prepare at a time: it fills the mutation
		}
		p.preparing = true
		id, ctx, fc := p.id, a.ctx, p.fc
		return func() tea.Msg { return formPreparedMsg{id: id, err: pr.Prepare(ctx, fc)} }
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
	return p.form.Init()
}

func (p *formPage) Update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case formPreparedMsg:
		p.preparing = false
		if p.phase != phasePreparing {
			return nil // the form is already up
		}
		if m.err != nil {
			p.banner, p.bannerErr = errorLines(m.err, "esc goes back; ctrl+r tries again"), true
			return nil
		}
		return p.build(a)
	case formSubmittedMsg:
		return p.submitted(a, m)
	case tea.KeyPressMsg:
		switch m.Keystroke() {
		case "esc":
			if p.phase == phaseSubmitting {
				return a.flashInfo("The call is on its way; it will finish in the background.")
			}
			// Keep what was typed: reopening this form brings it back.
			a.drafts[p.key] = draft{m: p.m, token: p.token}
			return tea.Batch(a.pop(), a.flashInfo("Form closed; your input is kept for next time."))
		case "ctrl+c":
			a.drafts[p.key] = draft{m: p.m, token: p.token}
			return a.quit()
		case "ctrl+r":
			if p.phase == phasePreparing {
				p.banner = nil
				return p.Activated(a)
			}
		}
	}
	if p.phase != phaseEditing || p.form == nil {
		return nil
	}
	fm, cmd := p.form.Update(msg)
	if f, ok := fm.(*huh.Form); ok {
		p.form = f
	}
	switch p.form.State {
	case huh.StateCompleted:
		return tea.Batch(cmd, p.submit(a))
	case huh.StateAborted:
		a.drafts[p.key] = draft{m: p.m, token: p.token}
		return tea.Batch(cmd, a.pop())
	}
	return cmd
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
	id, ctx, fc, token, m := p.id, a.ctx, p.fc, p.token, p.m
	return func() tea.Msg {
		res, err := m.Submit(ctx, fc, token)
		return formSubmittedMsg{id: id, res: res, err: err}
	}
}

func (p *formPage) submitted(a *App, m formSubmittedMsg) tea.Cmd {
	audit := a.auditCmd(p.m.Action(), p.fc.region, m.res, m.err)
	if m.err != nil {
		if client.ErrorCode(m.err) == "DryRunOperation" {
			p.banner, p.bannerErr = []string{"✓ Dry run passed: the request is valid and would be accepted (" + client.RequestID(m.err) + ").",
				"  Turn dry run off and submit to make the change."}, false
			return tea.Batch(audit, p.build(a))
		}
		// Keep every value; show what the API said and let the user fix it.
		p.banner, p.bannerErr = errorLines(m.err, "fix and submit again; your input is kept (esc keeps it as a draft)"), true
		return tea.Batch(audit, p.build(a))
	}
	delete(a.drafts, p.key)
	res := m.res
	if res.Note != "" {
		return tea.Batch(audit, a.pop(), a.flashInfo(res.Note))
	}
	cmds := []tea.Cmd{audit, a.pop()}
	action := p.m.Action()
	if res.Action != "" {
		action = res.Action
	}
	cmds = append(cmds, a.trackSubmitted(action, res, p.fc.origin))
	return tea.Batch(cmds...)
}

// trackSubmitted records the operation, shows the resource where the user
// started, and follows it until it settles.
func (a *App) trackSubmitted(action string, res *submitted, origin int) tea.Cmd {
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
	lines := []string{st.Title.Render(p.m.Title())}
	for _, l := range p.banner {
		style := st.Info
		if p.bannerErr {
			style = st.Error
		}
		lines = append(lines, wrapTo(style.Render(l), w))
	}
	switch {
	case p.phase == phasePreparing && len(p.banner) == 0:
		lines = append(lines, st.Dim.Render("Loading choices…"))
	case p.form != nil && p.phase != phasePreparing:
		if p.form != nil {
			p.form = p.form.WithHeight(max(h-len(lines)-1, 4))
		}
		lines = append(lines, p.form.View())
	}
	if p.phase == phaseSubmitting {
		lines = append(lines, st.Phase(2).Render("Submitting… (esc leaves it running)"))
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
	Time      string            `json:"time"`
	Profile   string            `json:"profile"`
	Region    string            `json:"region"`
	Action    string            `json:"action"`
	Params    map[string]string `json:"params,omitempty"`
	ID        string            `json:"id,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
	Outcome   string            `json:"outcome"`
	Error     string            `json:"error,omitempty"`
}

// auditCmd appends one line to the audit log, off the UI goroutine.
func (a *App) auditCmd(action, region string, res *submitted, err error) tea.Cmd {
	if a.opt.AuditLog == nil {
		return nil
	}
	profile := a.opt.Profile
	if a.opt.Simulator {
		profile = "SIMULATOR"
	}
	e := auditEntry{Time: a.now().UTC().Format(time.RFC3339), Profile: profile, Region: region, Action: action, Outcome: "accepted"}
	if res != nil {
		e.Params, e.ID, e.RequestID = client.RedactParams(res.Params), res.ID, res.RequestID
		if res.Region != "" {
			e.Region = res.Region
		}
	}
	if err != nil {
		e.Outcome, e.Error, e.RequestID = "failed", err.Error(), client.RequestID(err)
		if client.ErrorCode(err) == "DryRunOperation" {
			e.Outcome, e.Error = "dry run passed", ""
		}
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

// liveField is a text field whose check runs as you type: the message shows
// right under the field and the form will not move on until it passes.
// huh's DescriptionFunc would evaluate in a goroutine while keystrokes
// write the bound value; this computes in View, on the UI goroutine.
type liveField struct {
	*huh.Input
	value    *string
	describe func() string   // the line under the field
	suggest  func() []string // completions (ctrl+e), recomputed as choices change
	sugKey   string
	focused  bool
	width    int
}

// liveInput builds a liveField with a check and a hint shown when it passes.
func liveInput(title string, value *string, check func(string) error, hint string) *liveField {
	f := &liveField{Input: huh.NewInput().Title(title).Value(value), value: value}
	if check != nil {
		f.Input = f.Input.Validate(check)
	}
	f.describe = func() string {
		if check != nil {
			if err := check(*value); err != nil {
				return "✗ " + err.Error()
			}
		}
		return hint
	}
	return f
}

func (f *liveField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	m, cmd := f.Input.Update(msg)
	if in, ok := m.(*huh.Input); ok {
		f.Input = in
	}
	f.refreshSuggestions()
	return f, cmd
}

func (f *liveField) Focus() tea.Cmd {
	f.focused = true
	f.refreshSuggestions()
	return f.Input.Focus()
}

func (f *liveField) Blur() tea.Cmd {
	f.focused = false
	return f.Input.Blur()
}

func (f *liveField) WithWidth(w int) huh.Field {
	f.width = w
	f.Input.WithWidth(w)
	return f
}

func (f *liveField) refreshSuggestions() {
	if f.suggest == nil {
		return
	}
	s := f.suggest()
	key := strings.Join(s, ",")
	if key != f.sugKey {
		f.sugKey = key
		f.Input.Suggestions(s)
	}
}

func (f *liveField) View() string {
	v := f.Input.View()
	d := f.describe()
	if d == "" {
		return v
	}
	prefix := "  "
	if f.focused {
		prefix = "┃ "
	}
	if f.width > 4 {
		d = ansi.Truncate(d, f.width-2, "…")
	}
	return strings.TrimRight(v, "\n") + "\n" + prefix + d
}

// optional wraps a check so an empty value passes.
func optional(check func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return check(s)
	}
}

// required wraps a check so an empty value fails with a clear message.
func required(what string, check func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s is required", what)
		}
		if check == nil {
			return nil
		}
		return check(s)
	}
}

// result converts a typed call's answer into a submitted.
func result(k *model.Kind, region, id, requestID string, params any, target []string) *submitted {
	p, _ := client.EncodeParams(params)
	return &submitted{RequestID: requestID, Kind: k, Region: region, ID: id, Params: p, Target: target}
}

var errCancelled = errors.New("cancelled")

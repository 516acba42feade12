// Package ui is alivpc's console: a bubbletea program with a stack of pages
// (resource tables, describe, help, forms, the activity tray), a `:` command
// prompt, and live refresh. Every API call runs in a tea.Cmd; Update and View
// never do I/O, and View draws only what is on screen.
package ui

import (
	"context"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// Options configure the console.
type Options struct {
	Client   *client.Client
	Registry *model.Registry
	Region   string
	// Profile says whose credentials these are ("profile prod", "env
	// keys"), shown in the header; Simulator shows a SIMULATOR badge instead.
	Profile   string
	Simulator bool
	ReadOnly  bool
	// Snapshot, when set, says the console runs on a snapshot (alivpc
	// --snapshot FILE): the header shows "SNAPSHOT <Snapshot>" and
	// SnapshotFile instead of the profile and the endpoint, and every
	// change key is refused with a message.
	Snapshot, SnapshotFile string
	Refresh                time.Duration // live refresh interval; floor 2s
	Skin                   string
	NoColor                bool
	Keys                   map[string][]string // action → keys overrides
	// Start is the first command, default "vpc".
	Start string
	// AuditLog receives one JSON line per mutation.
	AuditLog io.Writer
	// Now is the clock (tests).
	Now func() time.Time
	// Context is cancelled when the console stops (tests); background work
	// is bound to it.
	Context context.Context
}

// MinRefresh is the floor of the refresh interval.
const MinRefresh = 2 * time.Second

// Page is one screen in the stack.
type Page interface {
	// ID identifies the page for messages that come back later.
	ID() int
	// Crumb is the page's breadcrumb.
	Crumb() string
	Update(a *App, msg tea.Msg) tea.Cmd
	View(a *App, w, h int) string
}

// activePage is implemented by pages that react to becoming the top page.
type activePage interface {
	Activated(a *App) tea.Cmd
}

// closablePage is implemented by pages that hold background work.
type closablePage interface {
	Close()
}

// hintPage is implemented by pages whose keys differ from a pane's: the
// footer shows theirs instead (key, label pairs).
type hintPage interface {
	Hints() [][2]string
}

// inputPage is implemented by pages that take typed text (forms, the filter
// line): global keys are not applied while they are typing.
type inputPage interface {
	Typing() bool
}

// App is the root model.
type App struct {
	opt    Options
	ctx    context.Context
	cancel context.CancelFunc
	reg    *model.Registry
	st     *theme.Styles
	keys   KeyMap
	now    func() time.Time

	width, height int
	pages         []Page
	nextID        int

	prompt *prompt
	menu   *menu
	flash  flash

	regions   []string // known region IDs, once listed
	history   []string // `:` commands, oldest first
	drafts    map[string]draft
	auditMu   sync.Mutex
	tracker   *tracker
	caller    caller // the credentials' account (account.go)
	quitting  bool
	spinning  bool // a spinner frame is pending
	configErr error
}

// New builds the console.
func New(opt Options) (*App, error) {
	if opt.Client == nil {
		return nil, fmt.Errorf("ui: no client")
	}
	if opt.Registry == nil {
		opt.Registry = model.Default()
	}
	if opt.Refresh <= 0 {
		opt.Refresh = 10 * time.Second
	}
	if opt.Refresh < MinRefresh {
		opt.Refresh = MinRefresh
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Region == "" {
		opt.Region = opt.Client.Region()
	}
	if opt.Start == "" {
		opt.Start = "vpc"
	}
	skin, err := theme.Lookup(opt.Skin)
	if err != nil {
		return nil, err
	}
	km, kerr := NewKeyMap(opt.Keys, opt.ReadOnly)
	parent := opt.Context
	if parent == nil {
		parent = context.Background()
	}
	ctx, cancel := context.WithCancel(parent)
	a := &App{
		opt: opt, ctx: ctx, cancel: cancel, reg: opt.Registry,
		st: theme.New(skin, opt.NoColor), keys: km, now: opt.Now,
		width: 120, height: 40, configErr: kerr, drafts: map[string]draft{},
	}
	a.tracker = newTracker(a)
	return a, nil
}

// Init starts on the configured pane.
func (a *App) Init() tea.Cmd {
	cmds := []tea.Cmd{a.runCommand(a.opt.Start, true), a.tracker.tick(), a.learnCaller()}
	if a.configErr != nil {
		cmds = append(cmds, a.flashError(a.configErr.Error()))
	}
	return tea.Batch(cmds...)
}

// Close stops background work.
func (a *App) Close() {
	for _, p := range a.pages {
		if c, ok := p.(closablePage); ok {
			c.Close()
		}
	}
	a.cancel()
}

// top returns the page on top of the stack.
func (a *App) top() Page {
	if len(a.pages) == 0 {
		return nil
	}
	return a.pages[len(a.pages)-1]
}

func (a *App) newID() int { a.nextID++; return a.nextID }

// push adds a page on top.
func (a *App) push(p Page) tea.Cmd {
	a.pages = append(a.pages, p)
	if ap, ok := p.(activePage); ok {
		return ap.Activated(a)
	}
	return nil
}

// replace empties the stack and pushes p (a `:` command switches panes).
func (a *App) replace(p Page) tea.Cmd {
	for _, old := range a.pages {
		if c, ok := old.(closablePage); ok {
			c.Close()
		}
	}
	a.pages = nil
	return a.push(p)
}

// pop removes the top page; the root page stays.
func (a *App) pop() tea.Cmd {
	if len(a.pages) <= 1 {
		return nil
	}
	p := a.pages[len(a.pages)-1]
	a.pages = a.pages[:len(a.pages)-1]
	if c, ok := p.(closablePage); ok {
		c.Close()
	}
	if ap, ok := a.top().(activePage); ok {
		return ap.Activated(a)
	}
	return nil
}

// page finds a page by ID anywhere in the stack.
func (a *App) page(id int) Page {
	for _, p := range a.pages {
		if p.ID() == id {
			return p
		}
	}
	return nil
}

// pageMsg is a message for one page; it is dropped if the page is gone.
type pageMsg interface{ pageID() int }

// Update routes messages, then keeps the activity indicator turning while
// anything is in flight.
func (a *App) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	if _, ok := msg.(spinTickMsg); ok {
		a.spinning = false
		return a, a.spinCmd()
	}
	_, cmd := a.update(msg)
	if s := a.spinCmd(); s != nil {
		cmd = tea.Batch(cmd, s)
	}
	return a, cmd
}

func (a *App) update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch m := msg.(type) {
	case tea.WindowSizeMsg:
		a.width, a.height = m.Width, m.Height
		if b, ok := a.top().(*browser); ok {
			return a, b.resized(a) // a column shown or hidden refilters
		}
		return a, nil
	case tea.KeyPressMsg:
		return a, a.handleKey(m)
	case tea.ColorProfileMsg:
		a.colorProfile(m.Profile) // mono.go
		return a, nil
	case tea.MouseWheelMsg:
		if p := a.top(); p != nil {
			return a, p.Update(a, m)
		}
		return a, nil
	case tea.PasteMsg:
		// A paste goes into the focused field only: the prompt, else the
		// top page's field; nothing behind a menu or the too-small notice.
		if a.tooSmall() || (a.menu != nil && a.prompt == nil) {
			return a, nil
		}
		if a.prompt != nil {
			a.prompt.paste(m.Content)
			return a, nil
		}
		if p := a.top(); p != nil {
			return a, p.Update(a, m)
		}
		return a, nil
	case flashClearMsg:
		a.flash.clear(m.gen)
		return a, nil
	case regionsMsg:
		if len(m.regions) > 0 {
			a.regions = m.regions
		}
		return a, nil
	case callerMsg:
		return a, a.setCaller(m)
	case trackTickMsg, trackResultMsg, serviceResultMsg:
		return a, a.tracker.update(msg)
	case objectsChangedMsg:
		return a, a.broadcast(m)
	case pageMsg:
		if p := a.page(m.pageID()); p != nil {
			return a, p.Update(a, msg)
		}
		if c, ok := msg.(outcomeCheckedMsg); ok {
			return a, a.checkedElsewhere(c) // still recorded (outcome.go)
		}
		return a, nil // the page is gone: a stale answer
	}
	if p := a.top(); p != nil {
		return a, p.Update(a, msg)
	}
	return a, nil
}

// broadcast hands a change to every page (tracked resources settle while
// the user is elsewhere; every table that shows them updates).
func (a *App) broadcast(m objectsChangedMsg) tea.Cmd {
	var cmds []tea.Cmd
	for _, p := range a.pages {
		cmds = append(cmds, p.Update(a, m))
	}
	return tea.Batch(cmds...)
}

func (a *App) typing() bool {
	if ip, ok := a.top().(inputPage); ok && ip.Typing() {
		return true
	}
	return false
}

func (a *App) handleKey(msg tea.KeyPressMsg) tea.Cmd {
	if esc, key, ok := a.splitAlt(msg); ok {
		// Esc then a key, typed quickly, reach us as one alt+key: apply
		// both, in order, to what has focus at each point.
		return tea.Batch(a.handleKey(esc), a.handleKey(key))
	}
	if a.tooSmall() {
		// Nothing acts unseen: only quitting works behind the notice.
		switch msg.Keystroke() {
		case "q", "ctrl+c":
			return a.quit()
		}
		return nil
	}
	if a.prompt != nil {
		return a.prompt.update(a, msg)
	}
	if a.menu != nil {
		return a.menu.update(a, msg)
	}
	if msg.Keystroke() == "ctrl+c" {
		return a.quit()
	}
	if a.typing() {
		return a.top().Update(a, msg)
	}
	act, ok := a.keys.Lookup(msg)
	if ok {
		switch act {
		case ActQuit:
			return a.quit()
		case ActCommand:
			a.prompt = newPrompt(a)
			return nil
		case ActHelp:
			if _, isHelp := a.top().(*helpPage); isHelp {
				return a.pop()
			}
			return a.push(newHelpPage(a))
		case ActTray:
			if _, isTray := a.top().(*trayPage); isTray {
				return a.pop()
			}
			return a.push(newTrayPage(a))
		}
	}
	if p := a.top(); p != nil {
		return p.Update(a, msg)
	}
	return nil
}

// textAltKeys are the alt bindings of a text field (word moves and
// deletes): inside a field they stay what they are.
var textAltKeys = map[string]bool{"alt+b": true, "alt+f": true, "alt+d": true, "alt+backspace": true,
	"alt+left": true, "alt+right": true, "alt+delete": true}

// splitAlt turns an alt+key that nothing binds into esc followed by the
// key. Terminals send Esc as a lone ESC byte, so Esc and the next key typed
// within the same read (a burst, an ssh packet) parse as alt+key.
func (a *App) splitAlt(msg tea.KeyPressMsg) (tea.KeyPressMsg, tea.KeyPressMsg, bool) {
	if msg.Mod != tea.ModAlt {
		return msg, msg, false
	}
	ks := msg.Keystroke()
	if _, bound := a.keys.Lookup(msg); bound {
		return msg, msg, false
	}
	if textAltKeys[ks] && (a.prompt != nil || a.typing()) {
		return msg, msg, false
	}
	key := msg
	key.Mod = 0
	if key.Text == "" && key.Code >= 0x20 && key.Code < 0x7f {
		key.Text = string(key.Code)
	}
	if key.ShiftedCode != 0 && key.Text == "" {
		key.Text = string(key.ShiftedCode)
	}
	return tea.KeyPressMsg{Code: tea.KeyEscape}, key, true
}

// tooSmall reports whether the window is below the usable size (the
// console then shows only a notice).
func (a *App) tooSmall() bool { return a.width < minWidth || a.height < minHeight }

func (a *App) quit() tea.Cmd {
	a.quitting = true
	a.Close()
	return tea.Quit
}

// ---- view ----

// View draws the header, breadcrumbs, the top page, flash and footer.
func (a *App) View() tea.View {
	v := tea.NewView(a.render())
	v.AltScreen = true
	v.MouseMode = tea.MouseModeCellMotion
	v.WindowTitle = "alivpc"
	return v
}

// Minimum usable size.
const (
	minWidth  = 60
	minHeight = 12
)

func (a *App) render() string {
	if a.quitting {
		return ""
	}
	w, h := a.width, a.height
	if a.tooSmall() {
		msg := fmt.Sprintf("alivpc needs at least %dx%d; this window is %dx%d. Enlarge it, or press q to quit.", minWidth, minHeight, w, h)
		lines := strings.Split(ansi.Wordwrap(msg, max(w, 1), " "), "\n")
		return padLines(strings.Join(lines, "\n"), max(w, 1), max(h, 1))
	}
	header := a.headerLine(w)
	crumbs := a.crumbLine(w)
	footer := a.footerLine(w)
	flashLine := a.flash.view(a, w)
	bodyH := h - 3
	if flashLine != "" {
		bodyH--
	}
	var overlay string
	if a.prompt != nil {
		overlay = a.prompt.view(a, w)
	} else if a.menu != nil {
		overlay = a.menu.view(a, w)
	}
	if overlay != "" {
		bodyH -= strings.Count(overlay, "\n") + 1
	}
	body := ""
	if p := a.top(); p != nil {
		body = p.View(a, w, bodyH)
	}
	body = padLines(body, w, bodyH)
	parts := []string{header, crumbs, body}
	if overlay != "" {
		parts = append(parts, overlay)
	}
	if flashLine != "" {
		parts = append(parts, flashLine)
	}
	parts = append(parts, footer)
	return strings.Join(parts, "\n")
}

// padLines makes s exactly h lines, each cut to w cells.
func padLines(s string, w, h int) string {
	lines := strings.Split(s, "\n")
	if len(lines) > h {
		lines = lines[:max(h, 0)]
	}
	for i, l := range lines {
		if visibleWidth(l) > w {
			lines[i] = ansi.Truncate(l, w, "")
		}
	}
	for len(lines) < h {
		lines = append(lines, "")
	}
	return strings.Join(lines, "\n")
}

func (a *App) headerLine(w int) string {
	st := a.st
	var parts []string
	parts = append(parts, st.Title.Render("alivpc"))
	if a.opt.Snapshot != "" {
		parts = append(parts, st.Badge.Render(" SNAPSHOT "+a.opt.Snapshot+" "))
	} else if a.opt.Simulator {
		parts = append(parts, st.Badge.Render(" SIMULATOR "))
	} else if a.opt.Profile != "" {
		parts = append(parts, st.Accent.Render(a.opt.Profile))
	}
	if acct := a.accountLabel(w); acct != "" {
		parts = append(parts, acct)
	}
	region := a.opt.Region
	if b, ok := a.top().(*browser); ok && b.regionLabel() != "" {
		region = b.regionLabel()
	}
	if x, ok := a.top().(*xrayPage); ok {
		region = x.region // the region the tree shows
	}
	if f, ok := a.top().(*formPage); ok && f.fc != nil && f.fc.Region != "" {
		region = f.fc.Region // the region the form acts in
	}
	parts = append(parts, "region "+st.Accent.Render(region))
	if a.opt.ReadOnly {
		parts = append(parts, st.Badge.Render(" READ-ONLY "))
	}
	if b, ok := a.top().(*browser); ok {
		parts = append(parts, b.status(a)...)
	}
	ep := a.opt.Client.Endpoint(model.ProductVPC, a.opt.Region)
	if a.opt.Snapshot != "" {
		ep = a.opt.SnapshotFile
	}
	left := strings.Join(parts, st.Dim.Render(" │ "))
	right := st.Dim.Render(ep)
	gap := w - visibleWidth(left) - visibleWidth(right) - 1
	if gap < 1 {
		return ansi.Truncate(left, w, "…")
	}
	return left + strings.Repeat(" ", gap) + right
}

func (a *App) crumbLine(w int) string {
	var crumbs []string
	for i, p := range a.pages {
		c := p.Crumb()
		if i == len(a.pages)-1 {
			crumbs = append(crumbs, a.st.CrumbLast.Render(c))
		} else {
			crumbs = append(crumbs, a.st.Crumb.Render(c))
		}
	}
	line := strings.Join(crumbs, a.st.Dim.Render(" › "))
	if visibleWidth(line) > w {
		// Keep the end: where you are matters more than where you began.
		plain := ansi.Strip(line)
		r := []rune(plain)
		if len(r) > w-1 {
			plain = "…" + string(r[len(r)-(w-1):])
		}
		return a.st.Crumb.Render(plain)
	}
	return line
}

// ---- flash ----

type flashKind int

const (
	flashInfo flashKind = iota
	flashErr
)

type flash struct {
	text string
	kind flashKind
	gen  int
}

type flashClearMsg struct{ gen int }

const flashTTL = 6 * time.Second

func (f *flash) clear(gen int) {
	if gen == f.gen {
		f.text = ""
	}
}

func (f *flash) view(a *App, w int) string {
	if f.text == "" {
		return ""
	}
	text := ansi.Truncate(strings.Join(strings.Fields(f.text), " "), w, "…")
	if f.kind == flashErr {
		return a.st.Error.Render(text)
	}
	return a.st.Info.Render(text)
}

func (a *App) setFlash(kind flashKind, text string) tea.Cmd {
	a.flash.gen++
	// A flash often quotes an error: it passes the one scrubber.
	a.flash.text, a.flash.kind = client.Clean(text), kind
	gen := a.flash.gen
	ttl := flashTTL
	if kind == flashErr {
		ttl *= 2 // errors stay long enough to read the RequestId
	}
	return tea.Tick(ttl, func(time.Time) tea.Msg { return flashClearMsg{gen} })
}

func (a *App) flashInfo(text string) tea.Cmd  { return a.setFlash(flashInfo, text) }
func (a *App) flashError(text string) tea.Cmd { return a.setFlash(flashErr, text) }

// Styles exposes the theme to pages.
func (a *App) Styles() *theme.Styles { return a.st }

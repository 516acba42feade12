package ui

import (
	"context"
	"flag"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

var update = flag.Bool("update", false, "rewrite golden files")

var portRe = regexp.MustCompile(`127\.0\.0\.1:\d+`)

// simEpoch is the simulator's (and the console's) clock in tests, so
// generated times and "updated … ago" are stable.
var simEpoch = time.Date(2026, 11, 1, 8, 0, 0, 0, time.UTC)

// driver runs the console's root model against an in-process simulator the
// way bubbletea would: commands run in goroutines and their messages come
// back through Update. Tests wait on what the screen shows.
type driver struct {
	t     *testing.T
	app   *App
	msgs  chan tea.Msg
	srv   *sim.Server
	http  *httptest.Server
	clock *sim.ManualClock
	fault *faultSwitch

	mu        sync.Mutex
	now       time.Time
	clipboard []string
	quit      bool
	ctx       context.Context
	cancel    context.CancelFunc
}

// faultSwitch lets a test make every API call fail for a while.
type faultSwitch struct {
	on    atomic.Bool
	calls atomic.Int64
	next  http.Handler
	log   []string
	query []url.Values // each request's query: the API parameters (v3 signing sends them there)
	mu    sync.Mutex
	// hook, when set, may answer a request itself (true) instead of the
	// simulator: a lost answer, a throttle (outcome_test.go).
	hook func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool
}

func (f *faultSwitch) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	f.calls.Add(1)
	action := r.URL.Query().Get("Action")
	if action == "" {
		action = r.Header.Get("x-acs-action")
	}
	f.mu.Lock()
	f.log = append(f.log, action)
	f.query = append(f.query, r.URL.Query())
	hook := f.hook
	f.mu.Unlock()
	if hook != nil && hook(w, r, action, f.next) {
		return
	}
	if f.on.Load() {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(503)
		fmt.Fprint(w, `{"RequestId":"FAULT-REQ-1","HostId":"vpc.aliyuncs.com","Code":"ServiceUnavailable","Message":"The request has failed due to a temporary failure of the server."}`)
		return
	}
	f.next.ServeHTTP(w, r)
}

// received returns the parameters of every request for action, in order.
func (f *faultSwitch) received(action string) []url.Values {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []url.Values
	for i, a := range f.log {
		if a == action {
			out = append(out, f.query[i])
		}
	}
	return out
}

func (f *faultSwitch) actions() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.log...)
}

type driverOpt func(*sim.Options, *Options)

func newDriver(t *testing.T, opts ...driverOpt) *driver {
	t.Helper()
	clock := sim.NewManualClock(simEpoch)
	so := sim.Options{Clock: clock, Seed: 1, Settle: 3 * time.Second}
	uo := Options{NoColor: true, Refresh: 10 * time.Second, Simulator: true}
	for _, o := range opts {
		if o != nil {
			o(&so, &uo)
		}
	}
	srv, err := sim.New(so)
	noErr(t, err)
	fs := &faultSwitch{next: srv}
	hs := httptest.NewServer(fs)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: hs.URL},
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxAttempts: 2,
	})
	noErr(t, err)
	return startDriver(t, srv, fs, hs, clock, c, uo)
}

// startDriver starts the console with uo on client c (which calls hs, the
// fault switch fs in front of srv) and the manual clock; the test's end
// stops them all.
func startDriver(t *testing.T, srv *sim.Server, fs *faultSwitch, hs *httptest.Server, clock *sim.ManualClock, c *client.Client, uo Options) *driver {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	d := &driver{t: t, msgs: make(chan tea.Msg, 1024), srv: srv, http: hs, clock: clock, fault: fs, now: simEpoch, ctx: ctx, cancel: cancel}
	uo.Client = c
	uo.Now = d.clockNow
	uo.Context = ctx
	app, err := New(uo)
	noErr(t, err)
	d.app = app
	t.Cleanup(func() {
		cancel()
		app.Close()
		hs.Close()
		srv.Close()
	})
	d.resize(120, 40)
	d.exec(app.Init())
	return d
}

func (d *driver) clockNow() time.Time {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.now
}

// advance moves the console's and the simulator's clocks together.
func (d *driver) advance(dt time.Duration) {
	d.mu.Lock()
	d.now = d.now.Add(dt)
	d.mu.Unlock()
	d.clock.Advance(dt)
}

func (d *driver) resize(w, h int) { d.process(tea.WindowSizeMsg{Width: w, Height: h}) }

func (d *driver) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		msg := cmd()
		select {
		case d.msgs <- msg:
		case <-d.ctx.Done():
		}
	}()
}

func (d *driver) process(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
		return
	case tea.BatchMsg:
		for _, c := range m {
			d.exec(c)
		}
		return
	case tea.QuitMsg:
		d.quit = true
		return
	}
	if s := fmt.Sprintf("%T", msg); s == "tea.setClipboardMsg" {
		d.clipboard = append(d.clipboard, fmt.Sprint(msg))
		return
	}
	_, cmd := d.app.Update(msg)
	d.exec(cmd)
}

// drain handles messages that are already waiting, without blocking, and
// then draws a frame as the runtime does after its updates (the layout a
// View computes — the rows on screen — is what the next Update sees).
func (d *driver) drain() {
	handled := false
	for {
		select {
		case m := <-d.msgs:
			d.process(m)
			handled = true
		default:
			if handled {
				d.app.render()
			}
			return
		}
	}
}

// waitFor processes messages until cond holds.
func (d *driver) waitFor(what string, cond func() bool) {
	d.t.Helper()
	deadline := time.After(30 * time.Second)
	for {
		d.drain()
		if cond() {
			return
		}
		select {
		case m := <-d.msgs:
			d.process(m)
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			d.t.Fatalf("timed out waiting for %s; screen:\n%s", what, d.screen())
		}
	}
}

// waitText waits until the screen shows every one of texts.
func (d *driver) waitText(texts ...string) string {
	d.t.Helper()
	d.waitFor(fmt.Sprintf("%q on screen", texts), func() bool {
		s := d.screen()
		for _, t := range texts {
			if !strings.Contains(s, t) {
				return false
			}
		}
		return true
	})
	return d.screen()
}

// idle waits until the top pane has finished loading.
func (d *driver) idle() {
	d.t.Helper()
	d.waitFor("the pane to finish loading", func() bool {
		b, ok := d.app.top().(*browser)
		// The header's account (STS, at start) is part of a settled screen.
		return (!ok || !b.loading && !b.lastLoad.IsZero()) && d.app.caller.done
	})
	d.drain()
}

func (d *driver) screen() string { return ansi.Strip(d.app.render()) }

func (d *driver) raw() string { return d.app.render() }

// keys sends key presses: names like "enter", "esc", "ctrl+r", or text.
func (d *driver) keys(keys ...string) {
	for _, k := range keys {
		d.process(keyPress(k))
		d.drain()
	}
}

// typeText sends each rune as a key press.
func (d *driver) typeText(s string) {
	for _, r := range s {
		d.process(tea.KeyPressMsg{Code: r, Text: string(r)})
		d.drain()
	}
}

// command runs a `:` command.
func (d *driver) command(line string) {
	d.keys(":")
	d.typeText(line)
	d.keys("enter")
}

func keyPress(k string) tea.KeyPressMsg {
	named := map[string]rune{
		"enter": tea.KeyEnter, "esc": tea.KeyEscape, "up": tea.KeyUp, "down": tea.KeyDown,
		"pgup": tea.KeyPgUp, "pgdown": tea.KeyPgDown, "home": tea.KeyHome, "end": tea.KeyEnd,
		"tab": tea.KeyTab, "backspace": tea.KeyBackspace, "left": tea.KeyLeft, "right": tea.KeyRight,
		"space": tea.KeySpace,
	}
	if c, ok := named[k]; ok {
		m := tea.KeyPressMsg{Code: c}
		if k == "space" {
			m.Text = " "
		}
		return m
	}
	if strings.HasPrefix(k, "ctrl+") && len(k) == 6 {
		return tea.KeyPressMsg{Code: rune(k[5]), Mod: tea.ModCtrl}
	}
	r := []rune(k)
	if len(r) != 1 {
		panic("unknown key " + k)
	}
	return tea.KeyPressMsg{Code: r[0], Text: k}
}

// golden compares the screen with testdata/golden/name.txt.
func (d *driver) golden(name string) {
	d.t.Helper()
	got := d.screen()
	// Trailing spaces are not part of what a person sees.
	lines := strings.Split(got, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " ")
	}
	got = strings.Join(lines, "\n") + "\n"
	// The simulator listens on a random port.
	got = portRe.ReplaceAllString(got, "127.0.0.1:PORT")
	path := filepath.Join("testdata", "golden", name+".txt")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			d.t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			d.t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		d.t.Fatalf("no golden file %s (run go test ./ui -run %s -update): %v", path, d.t.Name(), err)
	}
	if string(want) != got {
		d.t.Errorf("screen differs from %s (run with -update after checking):\n--- want\n%s\n--- got\n%s", path, want, got)
	}
}

// top returns the top browser.
func (d *driver) browser() *browser {
	d.t.Helper()
	b, ok := d.app.top().(*browser)
	if !ok {
		d.t.Fatalf("top page is %T, not a resource pane", d.app.top())
	}
	return b
}

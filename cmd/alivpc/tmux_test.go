package main

// Helpers for the end-to-end tests: the real alivpc binary, built once per
// test run, driven in tmux on a private socket. Tests wait on what the
// screen shows (capture-pane), never on sleeps alone.

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// e2eBuild is a binary of this package, built on first use into
// buildDir.
type e2eBuild struct {
	name string // its file name
	race bool   // built with the race detector
	once sync.Once
	path string
	err  error
}

// buildDir is set once by TestMain before any test runs, and removed at
// the end of the run.
var buildDir string

// theBuild is the binary the end-to-end tests run.
var theBuild = &e2eBuild{name: "alivpc", race: raceBuild()}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "alivpc-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	buildDir = dir
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// raceBuild reports whether this test binary runs under the race detector;
// the console binary is then built with it too, so the end-to-end flows
// are checked for races in the real program.
func raceBuild() bool {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return false
	}
	for _, s := range bi.Settings {
		if s.Key == "-race" {
			return s.Value == "true"
		}
	}
	return false
}

// binary returns the path of the alivpc binary built from this package.
func binary(t testing.TB) string {
	t.Helper()
	return theBuild.get(t)
}

// get builds the binary once and returns its path.
func (b *e2eBuild) get(t testing.TB) string {
	t.Helper()
	b.once.Do(func() {
		out := filepath.Join(buildDir, b.name)
		args := []string{"build", "-o", out}
		if b.race {
			args = append(args, "-race")
		}
		cmd := exec.Command("go", append(args, ".")...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			b.err = fmt.Errorf("go build: %v\n%s", err, stderr.String())
			return
		}
		b.path = out
	})
	if b.err != nil {
		t.Fatal(b.err)
	}
	return b.path
}

// needTmux fails (never skips) when tmux is missing: these tests are part
// of the suite the README and CI run.
func needTmux(t testing.TB) {
	t.Helper()
	if _, err := exec.LookPath("tmux"); err != nil {
		t.Fatal("tmux is not installed: the end-to-end tests drive the console in tmux. Install it (apt-get install -y tmux); .ci/run does.")
	}
}

// term is one tmux server (private socket, no user config) running one
// pane.
type term struct {
	t    testing.TB
	sock string
	dir  string // per-run files: stderr, race reports, logs, HOME
	// waitLimit bounds every wait on the screen.
	waitLimit time.Duration
	// shell: the pane runs bash, which runs the console itself.
	shell bool
}

// termOpts describe how the pane is started.
type termOpts struct {
	w, h int
	// argv runs directly (the console binary with its flags); shell starts
	// bash instead (the tape replay types the command itself).
	argv  []string
	shell bool
	env   []string // extra KEY=VALUE
}

// startTerm starts a tmux server with one session "t" and registers its
// teardown. The pane stays after its process exits (remain-on-exit), so
// its last screen can still be read.
func startTerm(t testing.TB, o termOpts) *term {
	t.Helper()
	needTmux(t)
	dir := t.TempDir()
	tm := &term{t: t, sock: fmt.Sprintf("alivpc-e2e-%d-%08x", os.Getpid(), rand.Uint32()), dir: dir, waitLimit: 30 * time.Second, shell: o.shell}
	home := filepath.Join(dir, "home")
	if err := os.MkdirAll(home, 0o700); err != nil {
		t.Fatal(err)
	}
	bin := binary(t)
	// A clean, fixed environment: no user config, NO_COLOR or TMUX
	// leaking in; truecolor so screenshots have the real colours.
	env := []string{
		"PATH=" + filepath.Dir(bin) + ":" + os.Getenv("PATH"),
		"HOME=" + home, "XDG_CONFIG_HOME=" + filepath.Join(home, ".config"), "XDG_STATE_HOME=" + filepath.Join(home, ".state"),
		"TERM=xterm-256color", "COLORTERM=truecolor", "LANG=C.UTF-8",
		"GORACE=log_path=" + filepath.Join(dir, "race"),
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true",
	}
	env = append(env, o.env...)
	var cmd []string
	if o.shell {
		// No history file: bash would write it while the test's
		// directory is being removed.
		env = append(env, "PS1=$ ", "HISTFILE=")
		cmd = append([]string{"env", "-i"}, env...)
		cmd = append(cmd, "bash", "--noprofile", "--norc")
	} else {
		// stderr goes to a file: a panic or race report would otherwise
		// vanish with the alternate screen. The shell records the exit
		// status: tmux 3.3 sometimes marks a pane dead without reaping its
		// process, and then #{pane_dead_status} stays empty.
		env = append(env, "ALIVPC_E2E_STDERR="+filepath.Join(dir, "stderr"), "ALIVPC_E2E_STATUS="+filepath.Join(dir, "status"))
		cmd = append([]string{"env", "-i"}, env...)
		cmd = append(cmd, "sh", "-c", `"$0" "$@" 2>>"$ALIVPC_E2E_STDERR"; echo $? >"$ALIVPC_E2E_STATUS"`, bin)
		cmd = append(cmd, o.argv...)
	}
	args := []string{"start-server", ";",
		"set-option", "-g", "remain-on-exit", "on", ";",
		"set-option", "-g", "set-clipboard", "on", ";",
		"set-option", "-g", "status", "off", ";",
		"new-session", "-d", "-s", "t", "-x", strconv.Itoa(o.w), "-y", strconv.Itoa(o.h)}
	args = append(args, cmd...)
	if _, err := tm.tmux(args...); err != nil {
		t.Fatalf("starting tmux: %v", err)
	}
	// tmux leaves its socket file behind after kill-server.
	sockPath, _ := tm.tmux("display-message", "-p", "#{socket_path}")
	t.Cleanup(func() {
		if !tm.shell && tm.alive() {
			// A test that failed midway: stop the console first so its
			// race report (if any) is written.
			_, _ = tm.tmux("send-keys", "-t", "t", "C-c")
			deadline := time.Now().Add(3 * time.Second)
			for tm.alive() && time.Now().Before(deadline) {
				time.Sleep(50 * time.Millisecond)
			}
		}
		_, _ = tm.tmux("kill-server")
		if p := strings.TrimSpace(sockPath); strings.Contains(p, tm.sock) {
			os.Remove(p)
		}
		tm.checkRace()
	})
	return tm
}

// startConsole runs `alivpc args...` in a w×h pane.
func startConsole(t testing.TB, w, h int, args ...string) *term {
	t.Helper()
	return startTerm(t, termOpts{w: w, h: h, argv: args})
}

// simArgs are the flags every end-to-end run uses: the simulator with a
// fixed seed and a short settle time, and logs in the test's directory.
func simArgs(dir string, extra ...string) []string {
	return append([]string{"--sim", "--seed", "1", "--settle", "2s", "--refresh", "10s",
		"--config", filepath.Join(dir, "config.yaml"), "--audit-log", filepath.Join(dir, "audit.log")}, extra...)
}

func (tm *term) tmux(args ...string) (string, error) {
	cmd := exec.Command("tmux", append([]string{"-u", "-L", tm.sock, "-f", "/dev/null"}, args...)...)
	cmd.Env = append(os.Environ(), "LANG=C.UTF-8")
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("tmux %s: %v: %s", strings.Join(args, " "), err, strings.TrimSpace(errb.String()))
	}
	return out.String(), nil
}

func (tm *term) must(args ...string) string {
	tm.t.Helper()
	out, err := tm.tmux(args...)
	if err != nil {
		tm.t.Fatal(err)
	}
	return out
}

// keys sends named keys (tmux names: Enter, Escape, Up, C-d) one by one.
func (tm *term) keys(keys ...string) {
	tm.t.Helper()
	for _, k := range keys {
		tm.must("send-keys", "-t", "t", k)
	}
}

// typeText sends text literally.
func (tm *term) typeText(s string) {
	tm.t.Helper()
	tm.must("send-keys", "-t", "t", "-l", "--", s)
}

// screen is the pane's text, one line per row, trailing spaces removed.
func (tm *term) screen() string {
	tm.t.Helper()
	return tm.must("capture-pane", "-t", "t", "-p")
}

// screenANSI is the pane with its colours and attributes (SGR).
func (tm *term) screenANSI() string {
	tm.t.Helper()
	return tm.must("capture-pane", "-t", "t", "-p", "-e")
}

// waitFor polls the screen until cond holds, and fails with the screen
// (and the console's stderr) when it does not in time.
func (tm *term) waitFor(what string, cond func(screen string) bool) string {
	tm.t.Helper()
	deadline := time.Now().Add(tm.waitLimit)
	for {
		s := tm.screen()
		if cond(s) {
			return s
		}
		if time.Now().After(deadline) {
			tm.t.Fatalf("timed out after %s waiting for %s; screen:\n%s%s", tm.waitLimit, what, s, tm.stderrNote())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// waitText waits until the screen shows every one of texts.
func (tm *term) waitText(texts ...string) string {
	tm.t.Helper()
	return tm.waitFor(fmt.Sprintf("%q on screen", texts), func(s string) bool { return containsAll(s, texts...) })
}

func containsAll(s string, texts ...string) bool {
	for _, t := range texts {
		if !strings.Contains(s, t) {
			return false
		}
	}
	return true
}

// rowsRe reads the header's row count: "4 rows" or "1/4 rows" when filtered.
var rowsRe = regexp.MustCompile(`│ (?:(\d+)/)?(\d+) rows(?: \(\w+\))? │ updated `)

// loaded reports whether the pane titled crumb has finished loading, and
// its visible row count.
func loaded(screen, crumb string) (int, bool) {
	lines := strings.Split(screen, "\n")
	if len(lines) < 3 || strings.TrimSpace(lastCrumb(lines[1])) != strings.TrimSpace(crumb) {
		return 0, false
	}
	m := rowsRe.FindStringSubmatch(lines[0])
	if m == nil {
		return 0, false
	}
	n := m[2]
	if m[1] != "" {
		n = m[1]
	}
	v, _ := strconv.Atoi(n)
	return v, true
}

// lastCrumb is the last breadcrumb of "VPCs › VSwitches of vpc-1 (prod)".
func lastCrumb(line string) string {
	if i := strings.LastIndex(line, "›"); i >= 0 {
		return line[i+len("›"):]
	}
	return line
}

// waitPane waits until the pane titled crumb has loaded and returns the
// screen and its visible row count.
func (tm *term) waitPane(crumb string) (string, int) {
	tm.t.Helper()
	var rows int
	s := tm.waitFor("pane "+crumb+" to load", func(s string) bool {
		n, ok := loaded(s, crumb)
		rows = n
		return ok
	})
	return s, rows
}

// command runs a `:` command, waiting for the prompt between keys so that
// a quick ':' after esc is not read as alt+':'.
func (tm *term) command(line string) {
	tm.t.Helper()
	tm.keys(":")
	tm.waitFor("the : prompt", func(s string) bool { return promptLine(s) != "" })
	tm.typeText(line)
	tm.waitFor("the prompt to show "+line, func(s string) bool { return strings.HasPrefix(promptLine(s), ":"+line) })
	tm.keys("Enter")
}

// promptLine is the `:` prompt line above the footer, or "".
func promptLine(screen string) string {
	lines := strings.Split(strings.TrimRight(screen, "\n"), "\n")
	for i := len(lines) - 1; i >= 0 && i >= len(lines)-3; i-- {
		if strings.HasPrefix(lines[i], ":") && !strings.HasPrefix(lines[i], ":>") {
			return lines[i]
		}
	}
	return ""
}

// buffer is the newest tmux paste buffer (where OSC 52 copies land).
func (tm *term) buffer() string {
	tm.t.Helper()
	out, err := tm.tmux("show-buffer")
	if err != nil {
		return ""
	}
	return out
}

func (tm *term) resize(w, h int) {
	tm.t.Helper()
	tm.must("resize-window", "-t", "t", "-x", strconv.Itoa(w), "-y", strconv.Itoa(h))
}

// alive reports whether the console is still running.
func (tm *term) alive() bool {
	_, err := os.Stat(filepath.Join(tm.dir, "status"))
	return os.IsNotExist(err)
}

// waitExit waits for the console to end and returns its exit status.
func (tm *term) waitExit() int {
	tm.t.Helper()
	deadline := time.Now().Add(tm.waitLimit)
	for {
		if b, err := os.ReadFile(filepath.Join(tm.dir, "status")); err == nil && bytes.HasSuffix(b, []byte("\n")) {
			code, err := strconv.Atoi(strings.TrimSpace(string(b)))
			if err != nil {
				tm.t.Fatalf("exit status %q", b)
			}
			return code
		}
		if time.Now().After(deadline) {
			tm.dumpGoroutines()
			tm.t.Fatalf("the console did not exit within %s; screen:\n%s%s", tm.waitLimit, tm.screen(), tm.stderrNote())
		}
		time.Sleep(40 * time.Millisecond)
	}
}

// quit presses q and checks that the console exits with status 0 and
// wrote nothing to stderr.
func (tm *term) quit() {
	tm.t.Helper()
	tm.keys("q")
	if code := tm.waitExit(); code != 0 {
		tm.t.Fatalf("alivpc exited with status %d after q%s", code, tm.stderrNote())
	}
	if b, _ := os.ReadFile(filepath.Join(tm.dir, "stderr")); len(bytes.TrimSpace(b)) > 0 {
		tm.t.Errorf("alivpc wrote to stderr:\n%s", b)
	}
}

// dumpGoroutines asks a stuck console for its goroutines (SIGQUIT makes
// the Go runtime print them to stderr, which goes to a file). The pane's
// process is the shell; the console is its child.
func (tm *term) dumpGoroutines() {
	out, err := tm.tmux("display-message", "-p", "-t", "t", "#{pane_pid}")
	if err != nil {
		return
	}
	sh := strings.TrimSpace(out)
	kids, err := os.ReadFile(filepath.Join("/proc", sh, "task", sh, "children"))
	if err != nil {
		return
	}
	for _, f := range strings.Fields(string(kids)) {
		pid, err := strconv.Atoi(f)
		if err != nil {
			continue
		}
		if p, err := os.FindProcess(pid); err == nil && p.Signal(syscall.SIGQUIT) == nil {
			time.Sleep(time.Second)
		}
	}
}

func (tm *term) stderrNote() string {
	b, _ := os.ReadFile(filepath.Join(tm.dir, "stderr"))
	if len(b) == 0 {
		return ""
	}
	return "\nstderr:\n" + string(b)
}

// checkRace fails the test if the race detector reported anything in the
// console binary.
func (tm *term) checkRace() {
	files, _ := filepath.Glob(filepath.Join(tm.dir, "race.*"))
	for _, f := range files {
		b, _ := os.ReadFile(f)
		tm.t.Errorf("the race detector reported in the console binary:\n%s", b)
	}
}

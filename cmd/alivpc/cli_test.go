package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// cli runs the command line in process and returns stdout, stderr (with
// the message main prints) and the exit status.
func cli(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	var out, errb bytes.Buffer
	code := report(run(args, nil, &out, &errb), &errb)
	return out.String(), errb.String(), code
}

func TestCLIHelpVersionAndUnknownCommands(t *testing.T) {
	t.Setenv("HOME", t.TempDir())
	out, _, code := cli(t, "--help")
	for _, w := range []string{"alivpc [command]", "get ", "sim ", "version ", "completion ", "--region", "--sim", "--command", "-h, --help"} {
		if code != 0 || !strings.Contains(out, w) {
			t.Errorf("alivpc --help (exit %d) lacks %q:\n%s", code, w, out)
		}
	}
	for _, args := range [][]string{{"help", "get"}, {"get", "--help"}, {"get", "-h"}} {
		out, _, code := cli(t, args...)
		for _, w := range []string{"alivpc get KIND [flags]", "-o, --output FORMAT", "--filter EXPR", "--show-secrets", "Exit status"} {
			if code != 0 || !strings.Contains(out, w) {
				t.Errorf("alivpc %v (exit %d) lacks %q:\n%s", args, code, w, out)
			}
		}
	}
	if out, _, code := cli(t, "help", "sim"); code != 0 || !strings.Contains(out, "--addr") || !strings.Contains(out, "--access-key-id") {
		t.Errorf("alivpc help sim (exit %d):\n%s", code, out)
	}
	for _, args := range [][]string{{"version"}, {"--version"}, {"-version"}} {
		if out, _, code := cli(t, args...); code != 0 || !strings.HasPrefix(out, "alivpc ") {
			t.Errorf("alivpc %v: exit %d, %q", args, code, out)
		}
	}
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"nope"}, `unknown command "nope"; commands: get, path, sim`},
		{[]string{"--bogus"}, "unknown flag: --bogus"},
		{[]string{"sim", "extra"}, `unexpected argument "extra"`},
		{[]string{"version", "extra"}, `unexpected argument "extra"`},
		{[]string{"sim", "--dataset", "huge"}, `--dataset "huge": use demo, empty or large`},
		{[]string{"--sim", "--skin", "pink"}, "unknown skin"},
	} {
		out, stderr, code := cli(t, tc.args...)
		if code != 2 || out != "" || !strings.Contains(stderr, tc.want) {
			t.Errorf("alivpc %v: exit %d, stdout %q, stderr %q; want exit 2 and %q", tc.args, code, out, stderr, tc.want)
		}
	}
}

// Flags written the way the standard flag package accepted them, with one
// dash, keep working: scripts written for earlier versions do not break.
func TestCLISingleDashLongFlags(t *testing.T) {
	e := newGetEnv(t, "demo", nil)
	for _, args := range [][]string{
		{"get", "vpc", "-endpoint", e.url, "-config", e.conf, "-output", "json", "-filter", "name:prod-core"},
		{"get", "vpc", "-endpoint=" + e.url, "-config=" + e.conf, "-o", "json", "-region=cn-hangzhou", "--filter", "name:prod-core"},
		{"get", "-sim", "-config", e.conf, "vpc", "-ojson", "-filter", "name:prod-core"},
		{"get", "vpc", "--endpoint", e.url, "--config", e.conf, "--o", "json", "--filter=name:prod-core"},
		{"get", "vpc", "--endpoint", e.url, "--config", e.conf, "-o=json", "--filter", "name:prod-core"},
	} {
		out, stderr, code := cli(t, args...)
		if code != 0 {
			t.Errorf("alivpc %v: exit %d: %s", args, code, stderr)
			continue
		}
		if ids := jsonIDs(t, out, "VpcId"); len(ids) != 1 {
			t.Errorf("alivpc %v: %d VPCs, want prod-core alone", args, len(ids))
		}
	}
	// A value that looks like a flag is a value, not a flag.
	if _, stderr, code := cli(t, "get", "vpc", "--endpoint", e.url, "--config", e.conf, "--filter", "-sim"); code != 0 {
		t.Errorf("--filter -sim: exit %d: %s", code, stderr)
	}
}

// completions asks cobra's hidden __complete command, as the shell
// scripts do, and returns the offered words (descriptions cut off).
func completions(t *testing.T, args ...string) []string {
	t.Helper()
	out, stderr, code := cli(t, append([]string{"__complete"}, args...)...)
	if code != 0 {
		t.Fatalf("__complete %v: exit %d: %s", args, code, stderr)
	}
	var words []string
	for _, l := range strings.Split(strings.TrimSpace(out), "\n") {
		if l == "" || strings.HasPrefix(l, ":") {
			continue
		}
		w, _, _ := strings.Cut(l, "\t")
		words = append(words, w)
	}
	sort.Strings(words)
	return words
}

func TestCompletionValues(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	conf := filepath.Join(home, "aliyun.json")
	if err := os.WriteFile(conf, []byte(`{"current":"prod","profiles":[
		{"name":"dev","mode":"AK","access_key_id":"FAKEdev","access_key_secret":"not-shown","region_id":"cn-beijing"},
		{"name":"prod","mode":"StsToken","access_key_id":"FAKEprod","access_key_secret":"hidden","region_id":"cn-shanghai"}]}`), 0o600); err != nil {
		t.Fatal(err)
	}
	t.Setenv("ALIBABA_CLOUD_CONFIG_FILE", conf)

	var vkinds []string
	for _, k := range model.Default().Kinds() {
		if strings.HasPrefix(k.Name, "v") {
			vkinds = append(vkinds, k.Name)
		}
	}
	sort.Strings(vkinds)
	if len(vkinds) < 4 {
		t.Fatalf("the registry has only %v starting with v", vkinds)
	}
	for _, tc := range []struct {
		args []string
		want []string // exactly these, sorted
		has  []string // at least these
	}{
		{args: []string{""}, has: []string{"completion", "get", "sim", "version"}},
		{args: []string{"get", "v"}, want: vkinds},
		{args: []string{"get", "vswi"}, want: []string{"vswitch", "vswitches"}},
		{args: []string{"get", "vsw", "-o", ""}, want: []string{"csv", "json", "table"}},
		{args: []string{"get", "vsw", "--output", "j"}, want: []string{"json"}},
		{args: []string{"--skin", ""}, want: []string{"dark", "high-contrast", "light"}},
		{args: []string{"get", "vpc", "--region", ""}, has: []string{"all", "cn-hangzhou", "cn-shanghai", "ap-northeast-1"}},
		{args: []string{"--profile", ""}, want: []string{"dev", "prod"}},
		{args: []string{"--command", "bgp"}, has: []string{"bgp", "bgppeer", "bgpnet"}},
		{args: []string{"sim", "--dataset", ""}, want: []string{"demo", "empty", "large"}},
		{args: []string{"get", "vpc", "--sh"}, want: []string{"--show-secrets"}},
		{args: []string{"completion", ""}, has: []string{"bash", "fish", "zsh"}},
	} {
		got := completions(t, tc.args...)
		if tc.want != nil && strings.Join(got, " ") != strings.Join(tc.want, " ") {
			t.Errorf("complete %q: %v, want %v", tc.args, got, tc.want)
		}
		for _, w := range tc.has {
			if !contains(got, w) {
				t.Errorf("complete %q: %v lacks %s", tc.args, got, w)
			}
		}
	}
	// The profile's secrets are never part of a completion.
	out, _, _ := cli(t, "__complete", "--profile", "")
	if strings.Contains(out, "not-shown") || strings.Contains(out, "hidden") || strings.Contains(out, "FAKE") {
		t.Errorf("completion printed credentials: %q", out)
	}
}

func contains(s []string, w string) bool {
	for _, x := range s {
		if x == w {
			return true
		}
	}
	return false
}

// The bash script itself: generated by the binary, loaded by bash, and
// asked to complete `alivpc get v` the way bash does on tab.
func TestCompletionBashScript(t *testing.T) {
	bash, err := exec.LookPath("bash")
	if err != nil {
		t.Fatal("bash is not installed")
	}
	bin := binary(t)
	// bash-completion's helper when it is installed, a minimal stand-in
	// (what it computes for a plain command line) when it is not.
	const script = `
[ -f /usr/share/bash-completion/bash_completion ] && source /usr/share/bash-completion/bash_completion
if ! declare -F _get_comp_words_by_ref >/dev/null; then
	_get_comp_words_by_ref() { cur="${COMP_WORDS[COMP_CWORD]}"; prev="${COMP_WORDS[COMP_CWORD-1]}"; words=("${COMP_WORDS[@]}"); cword=$COMP_CWORD; }
fi
source <("$ALIVPC" completion bash) || exit 3
complete -p alivpc >/dev/null || exit 4
COMP_WORDS=("$ALIVPC" get v); COMP_CWORD=2; COMP_LINE="alivpc get v"; COMP_POINT=${#COMP_LINE}
__start_alivpc alivpc v get
printf '%s\n' "${COMPREPLY[@]}"
`
	cmd := exec.Command(bash, "--norc", "--noprofile", "-c", script)
	cmd.Env = append(os.Environ(), "ALIVPC="+bin, "HOME="+t.TempDir())
	var out, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &stderr
	if err := cmd.Run(); err != nil {
		t.Fatalf("bash: %v\n%s", err, stderr.String())
	}
	got := strings.Fields(out.String())
	sort.Strings(got)
	want := completions(t, "get", "v")
	if len(got) == 0 || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("bash completes `alivpc get v` to %v, want the kinds %v", got, want)
	}
	for _, w := range []string{"vpc", "vsw", "vpn", "vbr"} {
		if !contains(got, w) {
			t.Errorf("bash completion lacks %s: %v", w, got)
		}
	}
	// zsh and fish scripts are generated too.
	for _, sh := range []string{"zsh", "fish"} {
		if out, _, code := cli(t, "completion", sh); code != 0 || !strings.Contains(out, "alivpc") || !strings.Contains(out, "__complete") {
			t.Errorf("completion %s: exit %d, %.200q", sh, code, out)
		}
	}
}

// Mistakes in the config file, the key bindings and --command stop the
// start with a message in the user's words: the key as written in the
// file, what is valid, never a Go type.
func TestCLIStartupErrorsInTheUsersWords(t *testing.T) {
	home := t.TempDir()
	t.Setenv("HOME", home)
	t.Setenv("XDG_STATE_HOME", filepath.Join(home, "state"))
	conf := func(body string) string {
		p := filepath.Join(t.TempDir(), "config.yaml")
		if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
			t.Fatal(err)
		}
		return p
	}
	for _, tc := range []struct {
		name string
		args []string
		want []string
	}{
		{"unknown key", []string{"--config", conf("refresh: 10s\nskinn: dark\n")},
			[]string{`line 2: unknown key "skinn"; valid: refresh, skin, region, readOnly, keys`}},
		{"key in the wrong case", []string{"--config", conf("readonly: true\n")},
			[]string{`unknown key "readonly"`, "did you mean readOnly?"}},
		{"not a bool", []string{"--config", conf("readOnly: maybe\n")}, []string{`line 1: readOnly: "maybe": give true or false`}},
		{"a second error after a good yes", []string{"--config", conf("readOnly: yes\nskin: pink\n")}, []string{`line 2: skin: unknown skin "pink"`}},
		{"not a duration", []string{"--config", conf("refresh: often\n")}, []string{`refresh "often" is not a duration like 10s`}},
		{"unknown skin", []string{"--config", conf("skin: pink\n")}, []string{`line 1: skin: unknown skin "pink": choose one of dark, high-contrast, light`}},
		{"bad region", []string{"--config", conf("region: Hangzhou\n")}, []string{`"Hangzhou" is not a region ID like cn-hangzhou`}},
		{"keys not a map", []string{"--config", conf("keys: [ctrl+x]\n")}, []string{"keys: give action: [keys] pairs, e.g. delete: [ctrl+x]"}},
		{"unknown action", []string{"--config", conf("keys:\n  dlete: [ctrl+x]\n")},
			[]string{`unknown action "dlete"; actions: `, "delete", "quit", "describe", "sort-reverse"}},
		{"a key bound twice", []string{"--config", conf("keys:\n  describe: [y]\n")}, []string{`key "y" is bound to both`}},
		{"not yaml", []string{"--config", conf("keys: [[[\n")}, []string{"not valid YAML"}},
		{"unknown command", []string{"--command", "nope"},
			[]string{`--command "nope": unknown command "nope"; commands: region, zone, vpc, vsw`, "peer", "help"}},
		{"bad scope", []string{"--command", "vpc vsw-123"}, []string{"VPCs cannot be scoped by a VSwitch"}},
		{"bad argument", []string{"--command", "vsw everywhere"}, []string{`"everywhere" is neither a parent ID`}},
	} {
		for _, prefix := range [][]string{{"--sim"}, {"get", "vpc", "--sim"}} {
			if tc.args[0] == "--command" && prefix[0] == "get" {
				continue
			}
			args := append(append([]string(nil), prefix...), tc.args...)
			if tc.args[0] != "--config" {
				args = append(args, "--config", filepath.Join(home, "none.yaml"))
			}
			out, stderr, code := cli(t, args...)
			if code != 2 || out != "" {
				t.Errorf("%s (%v): exit %d, stdout %q; want exit 2 and nothing on stdout", tc.name, prefix, code, out)
			}
			for _, w := range tc.want {
				if !strings.Contains(stderr, w) {
					t.Errorf("%s (%v): stderr does not say %q:\n%s", tc.name, prefix, w, stderr)
				}
			}
			for _, bad := range []string{"ui.Config", "unmarshal", "!!", "[]string", "map["} {
				if strings.Contains(stderr, bad) {
					t.Errorf("%s: a Go type or YAML internals in the message: %q", tc.name, stderr)
				}
			}
		}
	}
	for _, ok := range []string{"vpc", ":vsw all", "vsw vpc-123", "region cn-shanghai", "route vtb-1 /0.0.0.0", "gw", "help", "peer all"} {
		if err := checkCommand(model.Default(), ok); err != nil {
			t.Errorf("--command %q refused: %v", ok, err)
		}
	}
}

// CI runs the README's test command itself, and that command installs what
// the tests need before running them all with the race detector.
func TestCIRunsTheTestScript(t *testing.T) {
	ci, err := os.ReadFile("../../.ci/run")
	if err != nil {
		t.Fatal(err)
	}
	var code []string
	for _, l := range strings.Split(string(ci), "\n") {
		if !strings.HasPrefix(strings.TrimSpace(l), "#") {
			code = append(code, l)
		}
	}
	if c := strings.Join(code, "\n"); !strings.Contains(c, "\n./test.sh\n") || strings.Contains(c, "go test") {
		t.Errorf(".ci/run must run ./test.sh, not its own go test:\n%s", ci)
	}
	script, err := os.ReadFile("../../test.sh")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"tmux", "fonts-dejavu-core", "gcc", "apt-get install", "set -- ./...", "exec go test -race \"$@\""} {
		if !strings.Contains(string(script), w) {
			t.Errorf("test.sh does not mention %q", w)
		}
	}
	for _, f := range []string{"../../test.sh", "../../.ci/run"} {
		if st, err := os.Stat(f); err != nil || st.Mode()&0o111 == 0 {
			t.Errorf("%s is not executable", f)
		}
		if out, err := exec.Command("bash", "-n", f).CombinedOutput(); err != nil {
			t.Errorf("%s: %v %s", f, err, out)
		}
	}
}

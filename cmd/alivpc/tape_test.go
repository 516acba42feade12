package main

// demo.tape is a VHS script (the product's story in under a minute). VHS
// cannot run here, so TestDemoTape parses the tape and replays it in tmux
// against the built binary: Type, keys and Sleep are sent as written
// (sleeps shortened), and every `# expect: TEXT` comment waits until the
// screen shows TEXT. A tape that no longer matches the console fails.

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
)

// tapeCmd is one line of a tape.
type tapeCmd struct {
	line  int
	name  string        // Type, Key, Sleep, Set, Output, Hide, Show, Expect
	text  string        // Type: the text; Key: the tmux key; Expect: the text; Set: the setting; Output: the file
	value string        // Set: the value
	count int           // Key: how many presses
	speed time.Duration // Type and Key: the @speed override (0: the tape's TypingSpeed)
	dur   time.Duration // Sleep
}

// tapeKeys maps VHS key commands to tmux key names.
var tapeKeys = map[string]string{
	"Enter": "Enter", "Escape": "Escape", "Backspace": "BSpace", "Tab": "Tab",
	"Up": "Up", "Down": "Down", "Left": "Left", "Right": "Right", "Space": "Space",
}

// tapeSettings are the Set commands a tape may use.
var tapeSettings = map[string]bool{"Shell": true, "FontSize": true, "Width": true, "Height": true, "TypingSpeed": true}

var (
	ctrlRe   = regexp.MustCompile(`^Ctrl\+([A-Za-z])$`)
	expectRe = regexp.MustCompile(`^#\s*expect:\s*(.*?)\s*$`)
)

// vhsDefaultTypingSpeed is VHS's TypingSpeed when a tape sets none.
const vhsDefaultTypingSpeed = 50 * time.Millisecond

// parseTape reads a tape made of Type, Enter, Escape, Backspace, Tab,
// Up/Down/Left/Right/Space, Ctrl+<letter>, Sleep, Set, Output, Hide and
// Show, with `# expect: TEXT` checkpoints.
func parseTape(src string) ([]tapeCmd, error) {
	var out []tapeCmd
	for i, raw := range strings.Split(src, "\n") {
		n := i + 1
		line := strings.TrimSpace(raw)
		if line == "" {
			continue
		}
		if strings.HasPrefix(line, "#") {
			if m := expectRe.FindStringSubmatch(line); m != nil {
				if m[1] == "" {
					return nil, fmt.Errorf("line %d: # expect: needs the text to wait for", n)
				}
				out = append(out, tapeCmd{line: n, name: "Expect", text: m[1]})
			}
			continue
		}
		word, rest, _ := strings.Cut(line, " ")
		rest = strings.TrimSpace(rest)
		name, speedText, hasSpeed := strings.Cut(word, "@")
		c := tapeCmd{line: n, name: name}
		if hasSpeed {
			d, err := time.ParseDuration(speedText)
			if err != nil || d <= 0 {
				return nil, fmt.Errorf("line %d: bad speed %q", n, speedText)
			}
			c.speed = d
		}
		if hasSpeed && name != "Type" && tapeKeys[name] == "" && !ctrlRe.MatchString(name) {
			return nil, fmt.Errorf("line %d: %s takes no @speed", n, name)
		}
		switch {
		case name == "Type":
			s, err := tapeString(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: Type: %v", n, err)
			}
			c.text = s
		case tapeKeys[name] != "" || ctrlRe.MatchString(name):
			if m := ctrlRe.FindStringSubmatch(name); m != nil {
				c.text = "C-" + strings.ToLower(m[1])
			} else {
				c.text = tapeKeys[name]
			}
			c.name, c.count = "Key", 1
			if rest != "" {
				k, err := strconv.Atoi(rest)
				if err != nil || k < 1 {
					return nil, fmt.Errorf("line %d: %s takes a repeat count, not %q", n, name, rest)
				}
				c.count = k
			}
		case name == "Sleep":
			d, err := tapeDuration(rest)
			if err != nil {
				return nil, fmt.Errorf("line %d: Sleep: %v", n, err)
			}
			c.dur = d
		case name == "Set":
			key, val, _ := strings.Cut(rest, " ")
			val = strings.TrimSpace(val)
			if !tapeSettings[key] {
				return nil, fmt.Errorf("line %d: Set %s is not used by demo tapes (Shell, FontSize, Width, Height, TypingSpeed)", n, key)
			}
			if err := checkSetting(key, val); err != nil {
				return nil, fmt.Errorf("line %d: Set %s: %v", n, key, err)
			}
			c.text, c.value = key, val
			if key == "Shell" {
				c.value, _ = tapeString(val)
			}
		case name == "Output":
			if rest == "" || strings.ContainsAny(rest, " \t") {
				return nil, fmt.Errorf("line %d: Output takes one file name", n)
			}
			c.text = rest
		case name == "Hide" || name == "Show":
			if rest != "" {
				return nil, fmt.Errorf("line %d: %s takes no argument", n, name)
			}
		default:
			return nil, fmt.Errorf("line %d: %q is not allowed in a demo tape (Type, Enter, Escape, Backspace, Tab, Up, Down, Ctrl+X, Sleep, Set, Output, Hide, Show)", n, word)
		}
		out = append(out, c)
	}
	return out, nil
}

// tapeString reads a VHS string: "…", '…' or `…`, with nothing after it.
func tapeString(s string) (string, error) {
	if len(s) < 2 || !strings.ContainsRune("\"'`", rune(s[0])) || s[len(s)-1] != s[0] {
		return "", fmt.Errorf("want one quoted string, got %q", s)
	}
	inner := s[1 : len(s)-1]
	if strings.ContainsRune(inner, rune(s[0])) {
		return "", fmt.Errorf("want one quoted string, got %q", s)
	}
	return inner, nil
}

// tapeDuration reads "500ms", "2s" or a bare number of seconds.
func tapeDuration(s string) (time.Duration, error) {
	if f, err := strconv.ParseFloat(s, 64); err == nil {
		if f < 0 {
			return 0, fmt.Errorf("negative duration %q", s)
		}
		return time.Duration(f * float64(time.Second)), nil
	}
	d, err := time.ParseDuration(s)
	if err != nil || d < 0 {
		return 0, fmt.Errorf("bad duration %q", s)
	}
	return d, nil
}

func checkSetting(key, val string) error {
	switch key {
	case "Shell":
		_, err := tapeString(val)
		return err
	case "TypingSpeed":
		_, err := tapeDuration(val)
		return err
	default:
		n, err := strconv.Atoi(val)
		if err != nil || n <= 0 {
			return fmt.Errorf("want a positive number, got %q", val)
		}
	}
	return nil
}

// tapeRuntime estimates how long VHS takes to play the tape.
func tapeRuntime(cmds []tapeCmd) time.Duration {
	speed := vhsDefaultTypingSpeed
	var total time.Duration
	for _, c := range cmds {
		per := speed
		if c.speed > 0 {
			per = c.speed
		}
		switch c.name {
		case "Set":
			if c.text == "TypingSpeed" {
				speed, _ = tapeDuration(c.value)
			}
		case "Sleep":
			total += c.dur
		case "Type":
			total += time.Duration(len([]rune(c.text))) * per
		case "Key":
			total += time.Duration(c.count) * per
		}
	}
	return total
}

func TestParseTape(t *testing.T) {
	good := "Output demo.gif\nSet Shell \"bash\"\nSet TypingSpeed 40ms\nHide\nShow\n" +
		"Type \"alivpc --sim\"\nType@10ms ':vsw'\nEnter\nEnter 2\nUp\nDown 3\nEscape\nBackspace\nTab\nCtrl+R\n" +
		"Sleep 500ms\nSleep 1.5\n# a comment\n# expect: VPCs\n"
	cmds, err := parseTape(good)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, c := range cmds {
		switch c.name {
		case "Key":
			got = append(got, fmt.Sprintf("Key:%s×%d", c.text, c.count))
		case "Sleep":
			got = append(got, "Sleep:"+c.dur.String())
		case "Set":
			got = append(got, "Set:"+c.text+"="+c.value)
		default:
			got = append(got, c.name+":"+c.text)
		}
	}
	want := "Output:demo.gif Set:Shell=bash Set:TypingSpeed=40ms Hide: Show: Type:alivpc --sim Type::vsw Key:Enter×1 Key:Enter×2 " +
		"Key:Up×1 Key:Down×3 Key:Escape×1 Key:BSpace×1 Key:Tab×1 Key:C-r×1 Sleep:500ms Sleep:1.5s Expect:VPCs"
	if strings.Join(got, " ") != want {
		t.Errorf("parsed\n%s\nwant\n%s", strings.Join(got, " "), want)
	}
	// 12 typed runes and 11 key presses at 40ms, 4 runes at 10ms, 2s of sleep.
	if d := tapeRuntime(cmds); d != (12+11)*40*time.Millisecond+4*10*time.Millisecond+2*time.Second {
		t.Errorf("runtime %v", d)
	}
	for _, bad := range []string{
		"Type alivpc", `Type "a" "b"`, `Type "unclosed`, "Enter twice", "Enter 0", "Sleep soon", "Sleep -1",
		"Set Theme \"Dracula\"", "Set FontSize big", "Set Shell bash", "Output", "Output a b", "Hide now",
		"PageDown", "Alt+x", "Ctrl+Shift+X", "Wait /VPCs/", "Screenshot x.png", "Source other.tape", "Env A b", "Sleep@1s 2",
		"# expect:", "Type@fast \"x\"",
	} {
		if _, err := parseTape(bad); err == nil {
			t.Errorf("parseTape(%q) accepted it", bad)
		}
	}
}

// sleepScale shortens the tape's sleeps in the replay; checkpoints wait
// for the screen, so only pacing is lost.
const sleepScale = 10

func TestDemoTape(t *testing.T) {
	t.Parallel()
	src, err := os.ReadFile(filepath.Join("..", "..", "demo.tape"))
	if err != nil {
		t.Fatal(err)
	}
	cmds, err := parseTape(string(src))
	if err != nil {
		t.Fatalf("demo.tape: %v", err)
	}
	// The tape is what README readers see: it records a GIF, in bash,
	// under a minute, and tells the product's story.
	settings := map[string]string{}
	var typed, expects []string
	for _, c := range cmds {
		switch c.name {
		case "Set":
			settings[c.text] = c.value
		case "Output":
			settings["Output"] = c.text
		case "Type":
			typed = append(typed, c.text)
		case "Expect":
			expects = append(expects, c.text)
		}
	}
	if settings["Shell"] != "bash" || !strings.HasSuffix(settings["Output"], ".gif") {
		t.Errorf("demo.tape should Set Shell \"bash\" and Output a .gif; has %v", settings)
	}
	if d := tapeRuntime(cmds); d > time.Minute {
		t.Errorf("demo.tape plays for about %s; keep it under a minute", d)
	}
	story := strings.Join(typed, "\n")
	for _, want := range []string{"alivpc --sim", "\n/", ":bgppeer", ":flowlog", "\nc\n"} {
		if !strings.Contains(story, want) {
			t.Errorf("demo.tape never types %q (start the console, filter, create, BGP peers, flow logs)", strings.TrimSpace(want))
		}
	}
	if len(expects) < 10 {
		t.Errorf("demo.tape has %d # expect: checkpoints; each step needs one so the replay can check it", len(expects))
	}

	// Replay. bash records every command's exit status (PROMPT_COMMAND),
	// so the console's own exit status is checked at the end.
	status := filepath.Join(t.TempDir(), "status")
	tm := startTerm(t, termOpts{w: 120, h: 40, shell: true, env: []string{"PROMPT_COMMAND=echo $? >> " + status}})
	tm.waitFor("the shell prompt", func(s string) bool { return strings.HasPrefix(s, "$") })
	for _, c := range cmds {
		switch c.name {
		case "Type":
			tm.typeText(c.text)
		case "Key":
			for range c.count {
				tm.keys(c.text)
				pause := 20 * time.Millisecond
				if c.text == "Escape" {
					// A lone ESC followed at once by another key reads as alt+key.
					pause = 150 * time.Millisecond
				}
				time.Sleep(pause)
			}
		case "Sleep":
			time.Sleep(c.dur / sleepScale)
		case "Expect":
			tm.waitFor(fmt.Sprintf("demo.tape line %d: %q", c.line, c.text), func(s string) bool { return strings.Contains(s, c.text) })
		}
	}
	// The tape ends by quitting the console: back at the prompt, status 0.
	var lines []string
	tm.waitFor("the console to exit back to the shell", func(string) bool {
		b, _ := os.ReadFile(status)
		lines = strings.Fields(string(b))
		return len(lines) >= 2
	})
	if last := lines[len(lines)-1]; last != "0" {
		t.Errorf("the console's exit status was %s; statuses %v", last, lines)
	}
}

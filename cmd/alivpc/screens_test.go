package main

// The README's screenshots are the real console: the built binary on the
// simulator in tmux, captured with capture-pane -e and drawn to PNG
// (shot_test.go). Each PNG has the capture's text beside it
// (testdata/screens/NAME.txt); a normal test run captures the same screens
// again and fails if the text changed, so the pictures cannot go stale.
//
// Regenerate both after a deliberate change to a view:
//
//	go test ./cmd/alivpc -run TestScreenshots -screenshots

import (
	"flag"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"
)

var writeScreenshots = flag.Bool("screenshots", false, "rewrite testdata/screens/*.png and *.txt from the built binary")

const screensDir = "testdata/screens"

// Screenshot geometry: 120×40 cells at 15px.
const (
	shotCols     = 120
	shotRows     = 40
	shotFontSize = 15
)

type volatile struct {
	re   *regexp.Regexp
	with string
}

// screenVolatile are the parts of a screen that change from run to run:
// the simulator's port, ages and durations, and request IDs.
var screenVolatile = []volatile{
	{regexp.MustCompile(`127\.0\.0\.1:\d+`), "127.0.0.1:PORT"},
	{regexp.MustCompile(`\b\d+(?:m\d\d)?s\b`), "Ns"},
	{regexp.MustCompile(`\b[0-9A-F]{8}-[0-9A-F][0-9A-F-]*…?`), "REQUEST-ID"},
}

// shotVolatile are the moving parts of one screen: a BGP session nobody
// answers cycles Idle → Connect → Active on the simulator's clock.
var shotVolatile = map[string][]volatile{
	"bgp-peers": {{regexp.MustCompile(`\S(?:Idle|Connect|Active)\b *`), "(retrying) "}},
	// The activity tray shows when each operation started.
	"activity": {{regexp.MustCompile(`\b\d\d:\d\d:\d\d\b`), "HH:MM:SS"}},
}

// screenText is a capture's plain text, the way the .txt files keep it.
func screenText(name, capture string) string {
	lines := strings.Split(strings.TrimRight(ansi.Strip(capture), "\n"), "\n")
	for i, l := range lines {
		l = strings.TrimRight(l, " ")
		for _, v := range append(screenVolatile, shotVolatile[name]...) {
			l = v.re.ReplaceAllString(l, v.with)
		}
		lines[i] = l
	}
	return strings.Join(lines, "\n") + "\n"
}

// fixedPort gives the PNGs one endpoint port, so regenerating them does
// not change every picture; the width stays the same.
var portRe = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

func fixedPort(capture string) string {
	return portRe.ReplaceAllStringFunc(capture, func(s string) string {
		const want = "http://127.0.0.1:8080"
		if len(s) < len(want) {
			return s
		}
		return strings.Repeat(" ", len(s)-len(want)) + want
	})
}

// shotAt waits until the screen (as one consistent capture) satisfies
// cond and returns that capture with its colours.
func (tm *term) shotAt(what string, cond func(plain string) bool) string {
	tm.t.Helper()
	var got string
	tm.waitFor(what, func(string) bool {
		got = tm.screenANSI()
		return cond(ansi.Strip(got))
	})
	return got
}

func TestScreenshots(t *testing.T) {
	t.Parallel()
	faces, err := loadFaces(shotFontSize)
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	tm := startConsole(t, shotCols, shotRows, simArgs(dir)...)
	paneShot := func(crumb string, also ...string) string {
		return tm.shotAt("pane "+crumb, func(s string) bool {
			_, ok := loaded(s, crumb)
			return ok && containsAll(s, also...)
		})
	}
	shots := map[string]string{}
	var order []string
	keep := func(name, capture string) {
		shots[name] = capture
		order = append(order, name)
	}

	// Panes first: a flash from the create below would show on them.
	keep("vpcs", paneShot("VPCs", "prod-core"))
	// VPC → route tables → the system table's entries.
	filterTo(tm, "name:prod-core", 1)
	tm.keys("Enter")
	openMenu(tm, "Route Tables")
	tm.waitPane("Route Tables of " + prodVPC + " (prod-core)")
	filterTo(tm, "type:System", 1)
	rt := firstID(tm.screen(), "vtb-")
	tm.keys("Enter")
	openMenu(tm, "Route Entries")
	keep("route-entries", paneShot("Route Entries of "+rt, "0.0.0.0/0"))
	tm.command("gw")
	keep("gateways", paneShot("Gateways", "NAT gateway"))
	tm.command("bgppeer")
	keep("bgp-peers", paneShot("BGP Peers", "Established"))
	tm.command("flowlog")
	keep("flow-logs", paneShot("Flow Logs", "VPC flow log"))

	// Drill into prod-core's VSwitches and create one.
	tm.command("vpc")
	tm.waitPane("VPCs")
	filterTo(tm, "name:prod-core", 1)
	tm.keys("Enter")
	openMenu(tm, "VSwitches")
	vswPane := "VSwitches of " + prodVPC + " (prod-core)"
	keep("vswitches", paneShot(vswPane, "prod-core-app-b"))
	tm.keys("c")
	tm.waitText("┃ Zone")
	tm.keys("Down")
	tm.waitText("> cn-hangzhou-f")
	tm.keys("Enter")
	tm.waitText("┃ CIDR block")
	tm.keys("Enter")
	tm.waitText("┃ Name")
	tm.typeText("web-f")
	keep("create-vswitch-form", tm.shotAt("the form filled in", func(s string) bool { return containsAll(s, "┃ Name", "> web-f") }))
	tm.keys("Enter")
	tm.waitText("┃ Description")
	tm.keys("Enter")
	keep("create-vswitch-pending", tm.shotAt("the new VSwitch Pending", func(s string) bool {
		return strings.Contains(rowWith(s, "web-f"), "Pending") && strings.Contains(s, "following it")
	}))
	// The tracker's message, not the create's "following it until it is
	// Available".
	tm.waitFor("the VSwitch to be Available", func(s string) bool { return strings.Contains(rowWith(s, "✓ VSwitch vsw-"), " is Available") })
	tm.keys("t")
	keep("activity", tm.shotAt("the activity tray", func(s string) bool {
		return containsAll(rowWith(s, "CreateVSwitch"), "Available", "done")
	}))
	tm.keys("Escape")
	tm.waitPane(vswPane)
	tm.quit()

	if *writeScreenshots {
		if err := os.MkdirAll(screensDir, 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, name := range order {
		capture := shots[name]
		img := renderShot(faces, fixedPort(capture), shotCols, shotRows)
		txtPath := filepath.Join(screensDir, name+".txt")
		pngPath := filepath.Join(screensDir, name+".png")
		if *writeScreenshots {
			f, err := os.Create(pngPath)
			if err != nil {
				t.Fatal(err)
			}
			enc := png.Encoder{CompressionLevel: png.BestCompression}
			if err := enc.Encode(f, img); err != nil {
				t.Fatal(err)
			}
			if err := f.Close(); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(txtPath, []byte(screenText(name, capture)), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(txtPath)
		if err != nil {
			t.Errorf("%s: %v (go test ./cmd/alivpc -run TestScreenshots -screenshots writes it)", name, err)
			continue
		}
		if got := screenText(name, capture); got != string(want) {
			t.Errorf("screen %s changed; if that is intended, regenerate the screenshots with\n"+
				"  go test ./cmd/alivpc -run TestScreenshots -screenshots\nand look at the PNGs.\n%s--- today\n%s", name, lineDiff(string(want), got), got)
		}
		f, err := os.Open(pngPath)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		cfg, err := png.DecodeConfig(f)
		f.Close()
		if err != nil {
			t.Errorf("%s: %v", pngPath, err)
		} else if b := img.Bounds(); cfg.Width != b.Dx() || cfg.Height != b.Dy() {
			t.Errorf("%s is %dx%d; the renderer draws %dx%d today: regenerate", pngPath, cfg.Width, cfg.Height, b.Dx(), b.Dy())
		}
	}
}

// lineDiff lists the lines that differ, by number.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	for i := 0; i < max(len(w), len(g)); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl != gl {
			fmt.Fprintf(&b, "line %d\n  want %q\n  got  %q\n", i+1, wl, gl)
		}
	}
	return b.String()
}

package main

// End-to-end tests: the built alivpc binary on its embedded simulator, in
// tmux, at 120×40 and 80×24. See tmux_test.go for the helpers.

import (
	"bufio"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// The demo dataset's landmarks (fixed by the simulator's seed).
const (
	prodVPC     = "vpc-bp1rd5qqebk0otbfdnufp" // prod-core, 10.0.0.0/16, 6 VSwitches
	prodRTName  = "prod-core-private"         // its custom route table
	prodVSwitch = 6
)

var sizes = []struct{ w, h int }{{120, 40}, {80, 24}}

// narrowedRe is the header of a filter that keeps some of the 4 VPCs.
var narrowedRe = regexp.MustCompile(`│ [123]/4 rows( \(\w+\))? │`)

func TestE2EBrowse(t *testing.T) {
	t.Parallel()
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			t.Parallel()
			tm := startConsole(t, sz.w, sz.h, simArgs(t.TempDir())...)

			// Start: the VPCs of the demo, with the simulator badge.
			s, rows := tm.waitPane("VPCs")
			if rows != 4 || !containsAll(s, "SIMULATOR", "region cn-hangzhou", "prod-core", "staging") {
				t.Fatalf("first screen should list the 4 demo VPCs (got %d rows):\n%s", rows, s)
			}

			visitEveryPane(t, tm)

			// Filter: fuzzy (-f) over name and ID, then one column; esc clears.
			tm.command("vpc")
			tm.waitPane("VPCs")
			tm.keys("/")
			tm.waitFor("the filter line", func(s string) bool { return filterLine(s) != "" })
			tm.typeText("-f prodcore")
			s = tm.waitFor("the fuzzy filter to narrow the VPCs", func(s string) bool {
				return strings.HasPrefix(filterLine(s), "/-f prodcore") && narrowedRe.MatchString(s)
			})
			if !strings.Contains(s, prodVPC) || strings.Contains(s, "dev-sandbox") {
				t.Fatalf("the fuzzy filter prodcore should keep prod-core and drop dev-sandbox:\n%s", s)
			}
			tm.keys("Escape")
			tm.waitFor("the filter to clear", func(s string) bool { return strings.Contains(s, "│ 4 rows │") })
			filterTo(tm, "!name:prod", 3)
			if s := tm.screen(); strings.Contains(s, "prod-core") || !containsAll(s, "(inverted)", "staging", "dev-sandbox") {
				t.Fatalf("an inverted filter !name:prod should hide prod-core only:\n%s", s)
			}
			tm.keys("Escape")
			tm.waitFor("the filter to clear", func(s string) bool { return strings.Contains(s, "│ 4 rows │") })
			filterTo(tm, "name:stag", 1)
			if s := tm.screen(); !strings.Contains(s, "in Name") || !strings.Contains(s, "staging") || strings.Contains(s, "prod-core") {
				t.Fatalf("a column filter name:stag should match staging only:\n%s", s)
			}
			tm.keys("Escape")
			tm.waitFor("the filter to clear", func(s string) bool { return strings.Contains(s, "│ 4 rows │") })

			// Copy: y puts the selected ID in the clipboard (OSC 52 → tmux buffer).
			filterTo(tm, "name:prod-core", 1)
			tm.keys("y")
			tm.waitText("Copied " + prodVPC)
			if got := tm.buffer(); got != prodVPC {
				t.Errorf("tmux buffer after y = %q, want %q", got, prodVPC)
			}

			// Describe: the resource as the API returned it.
			tm.keys("d")
			s = tm.waitText(`"VpcId": "` + prodVPC + `"`)
			if !strings.Contains(s, `"CidrBlock": "10.0.0.0/16"`) {
				t.Errorf("describe should show the VPC's JSON:\n%s", s)
			}
			tm.keys("Escape")
			tm.waitPane("VPCs")

			// Drill down: VPC → VSwitches of that VPC.
			tm.keys("Enter")
			openMenu(tm, "VSwitches")
			s, rows = tm.waitPane("VSwitches of " + prodVPC + " (prod-core)")
			if rows != prodVSwitch || strings.Count(s, "prod-core-") != prodVSwitch || strings.Contains(s, "staging-") {
				t.Fatalf("prod-core has %d VSwitches, all named prod-core-… (got %d rows):\n%s", prodVSwitch, rows, s)
			}
			tm.keys("Escape")
			tm.waitPane("VPCs")

			// Drill down: route table → its route entries.
			tm.command("rt")
			tm.waitPane("Route Tables")
			rt := firstID(drill(tm, "name:"+prodRTName, "Route Entries"), "vtb-")
			s, rows = tm.waitPane("Route Entries of " + rt + " (" + prodRTName + ")")
			if rows == 0 || !strings.Contains(s, "10.0.1.0/24") || strings.Contains(s, "10.10.") {
				t.Fatalf("the route table of prod-core should show prod-core's routes only:\n%s", s)
			}

			tm.quit()
		})
	}
}

// visitEveryPane opens every kind's pane through `:` and checks that each
// loads, without an error, and shows rows: the demo dataset has every kind
// in the default region, cn-hangzhou.
func visitEveryPane(t *testing.T, tm *term) {
	t.Helper()
	for _, k := range model.Default().Kinds() {
		cmd := k.Name
		tm.command(cmd)
		s, rows := tm.waitPane(k.Title)
		if strings.Contains(s, "⚠") {
			t.Errorf(":%s shows an error:\n%s", cmd, s)
		}
		if rows == 0 {
			t.Errorf(":%s shows no rows; the demo dataset has some:\n%s", cmd, s)
		}
		lines := strings.Split(s, "\n")
		if first := strings.ToUpper(k.Columns[0].Name); !strings.Contains(lines[2], first) {
			t.Errorf(":%s: the table header should start with %s:\n%s", cmd, first, s)
		}
	}
}

// filterTo types a filter and waits for it to match want rows; it returns
// the screen that shows them.
func filterTo(tm *term, text string, want int) string {
	tm.t.Helper()
	tm.keys("/")
	tm.waitFor("the filter line", func(s string) bool { return filterLine(s) != "" })
	tm.typeText(text)
	tm.keys("Enter")
	count := regexp.MustCompile(fmt.Sprintf(`│ %d/\d+ rows( \(\w+\))? │`, want))
	return tm.waitFor(fmt.Sprintf("filter %q to match %d", text, want), func(s string) bool {
		return strings.HasPrefix(filterLine(s), "/"+text) && count.MatchString(s)
	})
}

// filterLine is the pane's filter line (under the breadcrumbs), or "".
func filterLine(screen string) string {
	lines := strings.Split(screen, "\n")
	if len(lines) > 2 && strings.HasPrefix(lines[2], "/") {
		return lines[2]
	}
	return ""
}

// openMenu waits for a menu (drill-down or `x`) and picks the entry label
// (an `x` entry has its hint after it).
func openMenu(tm *term, label string) {
	tm.t.Helper()
	re := regexp.MustCompile(`^ ?(\d)  ` + regexp.QuoteMeta(label) + `(?:\s*$|  \S)`)
	var pick string
	tm.waitFor("a menu with "+label, func(s string) bool {
		for _, l := range strings.Split(s, "\n") {
			if m := re.FindStringSubmatch(l); m != nil {
				pick = m[1]
				return true
			}
		}
		return false
	})
	tm.keys(pick)
}

// firstID returns the first resource ID with prefix on screen.
func firstID(screen, prefix string) string {
	m := regexp.MustCompile(regexp.QuoteMeta(prefix) + `[a-z0-9]+`).FindString(screen)
	return m
}

// rowWith returns the screen line that shows text, or "".
func rowWith(screen, text string) string {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, text) {
			return l
		}
	}
	return ""
}

func TestE2ECreateAndDeleteVSwitch(t *testing.T) {
	t.Parallel()
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			tm := startDemo(t, dir, sz.w, sz.h)
			drill(tm, "name:prod-core", "VSwitches")
			vswPane := "VSwitches of " + prodVPC + " (prod-core)"
			tm.waitPane(vswPane)

			// The form: zone, CIDR pre-filled with the next free block, name.
			tm.keys("c")
			tm.waitText("Create VSwitch in "+prodVPC, "┃ Zone")
			tm.keys("Enter")
			s := tm.waitText("┃ CIDR block")
			if !strings.Contains(s, "> 10.0.0.0/24") {
				t.Errorf("the CIDR field should offer the next free block 10.0.0.0/24:\n%s", s)
			}
			tm.keys("Enter")
			tm.waitText("┃ Name")
			tm.typeText("e2e-web-b")
			tm.waitText("> e2e-web-b")
			tm.keys("Enter")
			tm.waitText("┃ Description")
			tm.keys("Enter")

			// Pending, then Available, with no key pressed.
			s = tm.waitFor("the new VSwitch to show Pending", func(s string) bool {
				l := rowWith(s, "e2e-web-b")
				return strings.Contains(l, "Pending") && strings.Contains(l, "10.0.0.0/24")
			})
			if !strings.Contains(s, "following it until it is Available") {
				t.Errorf("a flash should say the VSwitch is being followed:\n%s", s)
			}
			s = tm.waitFor("the new VSwitch to read Available", func(s string) bool {
				return strings.Contains(rowWith(s, "e2e-web-b"), "Available")
			})
			id := firstID(rowWith(s, "e2e-web-b"), "vsw-")
			if id == "" {
				t.Fatalf("no VSwitch ID on the new row:\n%s", s)
			}
			// The tracker's own message: "is Available" alone is also in
			// the create's "following it until it is Available".
			tm.waitText("✓ VSwitch " + id + " is Available")
			if _, rows := tm.waitPane(vswPane); rows != prodVSwitch+1 {
				t.Errorf("the pane should count %d VSwitches now, got %d", prodVSwitch+1, rows)
			}

			// The activity tray lists the operation.
			tm.keys("t")
			s = tm.waitText("Activity", "CreateVSwitch", id)
			if !strings.Contains(rowWith(s, "CreateVSwitch"), "Available") {
				t.Errorf("the tray should show CreateVSwitch reaching Available:\n%s", s)
			}
			tm.keys("t")
			tm.waitPane(vswPane)

			// Delete: only the typed ID or name confirms.
			filterTo(tm, "e2e-web", 1)
			tm.keys("C-d")
			tm.waitText("Delete VSwitch "+id+" (e2e-web-b)?", "to confirm")
			tm.typeText("e2e-web")
			tm.keys("Enter")
			tm.waitText("exactly to confirm")
			tm.typeText("-b")
			tm.waitText("> e2e-web-b")
			tm.keys("Enter")
			tm.waitText(id + " deleted")
			tm.waitFor("the deleted VSwitch to leave the table", func(s string) bool {
				_, ok := loaded(s, vswPane)
				return ok && !strings.Contains(rowWith(s, id), id)
			})
			tm.keys("Escape") // clear the filter
			if _, rows := tm.waitPane(vswPane); rows != prodVSwitch {
				tm.waitFor(fmt.Sprintf("%d VSwitches again", prodVSwitch), func(s string) bool {
					n, ok := loaded(s, vswPane)
					return ok && n == prodVSwitch
				})
			}
			tm.quit()

			// The audit log recorded both changes.
			var actions []string
			for _, e := range auditLog(t, dir) {
				actions = append(actions, e.Action+":"+e.Outcome)
				if e.Action == "CreateVSwitch" && (e.Params["CidrBlock"] != "10.0.0.0/24" || e.Params["VSwitchName"] != "e2e-web-b") {
					t.Errorf("audit CreateVSwitch params %v", e.Params)
				}
			}
			if strings.Join(actions, " ") != "CreateVSwitch:accepted DeleteVSwitch:accepted" {
				t.Errorf("audit log actions = %v", actions)
			}
		})
	}
}

// readActions are the API verbs that change nothing.
var readActions = regexp.MustCompile(`^(Describe|List|Get)`)

func TestE2EReadOnly(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	reqLog := filepath.Join(dir, "requests.log")
	tm := startDemo(t, dir, 120, 40, "--readonly", "--request-log", reqLog)
	s := tm.screen()
	if !strings.Contains(s, "READ-ONLY") {
		t.Errorf("the header should say READ-ONLY:\n%s", s)
	}
	footer := lastLine(s)
	for _, k := range []string{"<c>", "<ctrl+d>", "create", "delete"} {
		if strings.Contains(footer, k) {
			t.Errorf("the read-only footer offers %s: %q", k, footer)
		}
	}
	// Every change key, on a top-level pane and on a drilled-in one. Keys
	// are handled in order, so if any had opened a form or a dialog, the
	// `:` command that follows would have been typed into it instead.
	mutating := []string{"c", "e", "C-d", "x", "C-x"}
	tm.keys(mutating...)
	tm.command("nat")
	tm.waitPane("NAT Gateways")
	tm.keys(mutating...)
	tm.keys("Enter")
	openMenu(tm, "SNAT Entries")
	waitDrilled(tm, "SNAT Entries of ngw-")
	tm.keys(mutating...)
	tm.command("vsw")
	s, _ = tm.waitPane("VSwitches")
	if crumbs := strings.Split(s, "\n")[1]; strings.TrimSpace(crumbs) != "VSwitches" {
		t.Errorf("a change key opened a page in read-only mode: breadcrumbs %q", crumbs)
	}
	// Help lists no change actions.
	tm.keys("?")
	s = tm.waitText("Navigation")
	for _, h := range []string{"create (scoped", "delete (asks", "other actions"} {
		if strings.Contains(s, h) {
			t.Errorf("read-only help lists %q:\n%s", h, s)
		}
	}
	tm.keys("Escape")
	tm.waitPane("VSwitches")
	tm.quit()

	// The simulator saw only reads.
	f, err := os.Open(reqLog)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l struct{ Action string }
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("request log line %q: %v", sc.Text(), err)
		}
		n++
		if !readActions.MatchString(l.Action) {
			t.Errorf("read-only run sent %s", l.Action)
		}
	}
	if n < 4 {
		t.Errorf("the request log has %d lines; the run made more calls than that", n)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
	return lines[len(lines)-1]
}

func TestE2EResize(t *testing.T) {
	t.Parallel()
	tm := startDemo(t, t.TempDir(), 120, 40)
	s := tm.screen()
	if !strings.Contains(s, "VSWITCHES") || !strings.Contains(s, "http://127.0.0.1:") {
		t.Fatalf("at 120 columns the VSwitches column and the endpoint show:\n%s", s)
	}
	tm.resize(80, 24)
	// Redrawn for 80 columns: the footer on the 24th line, and the
	// columns that do not fit are left out rather than cut.
	tm.waitFor("the 80x24 layout", func(s string) bool {
		lines := strings.Split(strings.TrimRight(s, "\n"), "\n")
		return len(lines) == 24 && strings.HasPrefix(lines[23], "<:> cmd") && strings.Contains(lines[2], "CIDR") && !strings.Contains(s, "VSWITCH")
	})
	for _, small := range []struct{ w, h int }{{59, 20}, {100, 11}} {
		tm.resize(small.w, small.h)
		tm.waitText(fmt.Sprintf("alivpc needs at least 60x12; this window is %dx%d", small.w, small.h))
	}
	tm.resize(100, 30)
	tm.waitFor("the table again at 100x30", func(s string) bool {
		n, ok := loaded(s, "VPCs")
		return ok && n == 4 && strings.Contains(s, "prod-core")
	})
	// q still quits from the too-small notice.
	tm.resize(40, 8)
	tm.waitText("needs at least")
	tm.quit()
}

// typedDelete opens the delete dialog on the selected row (its title
// names what it deletes) and confirms it by typing the ID.
func typedDelete(tm *term, title, id string) {
	tm.t.Helper()
	tm.burst("C-d")
	tm.waitText(title)
	tm.burst(id, "Enter")
}

// waitGone waits until `alivpc get kind` no longer lists the resource
// whose field reads id.
func waitGone(t *testing.T, tm *term, kind, field, id string) {
	t.Helper()
	tm.waitFor(id+" to be gone", func(string) bool {
		for _, o := range simGet(t, tm, kind) {
			if o[field] == id {
				return false
			}
		}
		return true
	})
}

// startDemo starts the console on the demo simulator (logs in dir, extra
// flags after the usual ones) in a w×h pane and waits for its first pane,
// the VPCs.
func startDemo(t *testing.T, dir string, w, h int, extra ...string) *term {
	t.Helper()
	tm := startConsole(t, w, h, simArgs(dir, extra...)...)
	tm.waitPane("VPCs")
	return tm
}

// openPane starts the console on the simulator (logs in dir) at 120x40 and
// opens a pane with a `:` command, waiting for its title.
func openPane(t *testing.T, dir, command, title string) *term {
	t.Helper()
	tm := startDemo(t, dir, 120, 40)
	tm.command(command)
	tm.waitPane(title)
	return tm
}

// drill filters the pane down to the one row filter keeps and opens its
// child pane label from the drill-down menu; it returns the screen that
// showed the row.
func drill(tm *term, filter, label string) string {
	tm.t.Helper()
	s := filterTo(tm, filter, 1)
	tm.keys("Enter")
	openMenu(tm, label)
	return s
}

// waitDrilled waits for a drilled-in pane whose breadcrumb starts with
// title to load.
func waitDrilled(tm *term, title string) {
	tm.t.Helper()
	tm.waitFor("pane "+title+" to load", func(s string) bool {
		lines := strings.Split(s, "\n")
		return len(lines) > 2 && strings.HasPrefix(strings.TrimSpace(lastCrumb(lines[1])), title) && rowsRe.MatchString(lines[0])
	})
}

// auditEntry is one line of the audit log.
type auditEntry struct {
	Action, Outcome string
	Params          map[string]string
}

// auditLog reads the audit log the console wrote in dir.
func auditLog(t *testing.T, dir string) []auditEntry {
	t.Helper()
	audit, err := os.ReadFile(filepath.Join(dir, "audit.log"))
	if err != nil {
		t.Fatal(err)
	}
	var entries []auditEntry
	for _, l := range strings.Split(strings.TrimSpace(string(audit)), "\n") {
		var e auditEntry
		if err := json.Unmarshal([]byte(l), &e); err != nil {
			t.Fatalf("audit line %q: %v", l, err)
		}
		entries = append(entries, e)
	}
	return entries
}

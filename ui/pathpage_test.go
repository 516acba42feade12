package ui

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The demo scenarios of cmd/alivpc's TestPathGoldenScenarios: the console
// must give the answer `alivpc path` gives (its goldens are read here).
var consolePathScenarios = []struct{ name, region, from, to string }{
	{"local", "cn-hangzhou", "10.0.1.5", "10.0.2.10"},
	{"havip-end", "cn-hangzhou", "vsw-bp1me9bddmxghdkniwt3s", "10.0.1.100"},
	{"nat-snat", "cn-hangzhou", "10.0.1.5", "8.8.8.8"},
	{"nat-no-snat", "cn-beijing", "10.40.3.5", "8.8.8.8"},
	{"vpn-established", "cn-hangzhou", "10.0.1.5", "172.20.1.1"},
	{"vpn-not-established", "cn-hangzhou", "10.0.1.5", "10.200.1.1"},
	{"peering-activated", "cn-hangzhou", "10.0.1.5", "10.20.8.10"},
	{"peering-accepting", "cn-beijing", "10.50.1.5", "10.70.1.1"},
	{"vbr-bgp-established", "cn-hangzhou", "10.0.1.5", "172.18.1.1"},
	{"vbr-bgp-idle", "ap-southeast-1", "10.61.1.5", "192.168.100.1"},
	{"entry-pending", "cn-beijing", "10.50.1.5", "10.130.0.0/24"},
	{"blackhole", "cn-beijing", "10.40.1.5", "192.168.60.1"},
	{"no-route", "cn-hangzhou", "10.0.10.5", "8.8.8.8"},
	{"ipv6-gateway", "cn-shanghai", "2408:4005:2e3b:4d01::5", "2001:db8::1"},
}

func (d *driver) pathPage() *pathPage {
	d.t.Helper()
	p := topPage(d, "the path to be analysed", func(p *pathPage) bool { return !p.loading && (p.res != nil || p.err != nil) })
	d.drain()
	return p
}

func TestPathPageGivesTheAnswerOfAlivpcPath(t *testing.T) {
	d := newConsole(t)
	for _, sc := range consolePathScenarios {
		t.Run(sc.name, func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("..", "cmd", "alivpc", "testdata", "paths", sc.name+".txt"))
			noErr(t, err)
			cli := strings.Split(string(b), "\n")
			d.command("path " + sc.from + " " + sc.to + " " + sc.region)
			p := d.pathPage()
			if p.err != nil {
				t.Fatalf(":path failed: %v", p.err)
			}
			if got := p.res.Headline(); got != cli[0] {
				t.Fatalf("console: %q\nalivpc path: %q", got, cli[0])
			}
			// Every hop of the CLI's table, in order, is a row here.
			var ids []string
			at := -1
			for _, l := range cli {
				if strings.HasPrefix(l, "#  ") {
					at = strings.Index(l, "RESOURCE")
					continue
				}
				if at > 0 && len(l) > at {
					ids = append(ids, strings.Fields(l[at:])[0])
				}
			}
			if len(ids) == 0 || len(ids) != len(p.hops) {
				t.Fatalf("%d hops on the console, %d in alivpc path", len(p.hops), len(ids))
			}
			screen := d.screen()
			verdict := p.res.Verdict
			if len(verdict) > 60 {
				verdict = verdict[:60]
			}
			if !strings.Contains(screen, verdict) {
				t.Fatalf("the screen does not show the verdict %q:\n%s", verdict, screen)
			}
			for i, h := range p.hops {
				if h.Row(i + 1)[3] != ids[i] {
					t.Fatalf("hop %d is %s on the console, %s in alivpc path", i+1, h.Row(i + 1)[3], ids[i])
				}
			}
			d.keys("esc")
		})
	}
}

func TestPathPageGolden(t *testing.T) {
	d := newConsole(t)
	d.command("path 10.40.3.5 8.8.8.8 cn-beijing")
	if p := d.pathPage(); p.hops[p.cursor].Step != "SNAT entry" {
		t.Fatalf("an unreachable path starts on hop %d (%s), want the SNAT entry, where it stops", p.cursor+1, p.hops[p.cursor].Step)
	}
	d.golden("path_nat_no_snat")
	d.keys("esc")
	d.command("path 10.0.1.5 10.20.8.10")
	d.pathPage()
	d.golden("path_peering_return")
}

// d describes a hop's resource; enter opens its pane with it selected.
func TestPathPageDescribeAndJump(t *testing.T) {
	d := newConsole(t)
	d.command("path 10.0.1.5 8.8.8.8")
	p := d.pathPage()
	find := func(step string) int {
		for i, h := range p.hops {
			if h.Step == step {
				return i
			}
		}
		t.Fatalf("no %s hop in %+v", step, p.hops)
		return -1
	}
	if p.cursor != 0 {
		t.Fatalf("a reachable path starts on hop %d, want the first", p.cursor+1)
	}
	route := p.hops[find("route")]
	for range find("route") {
		d.keys("down")
	}
	d.keys("d")
	dp, ok := d.app.top().(*describePage)
	if !ok || dp.obj.ID != route.ID {
		t.Fatalf("d opened %T, want the describe page of %s", d.app.top(), route.ID)
	}
	d.waitText(route.ID, "DestinationCidrBlock")
	d.keys("esc")
	snat := p.hops[find("SNAT entry")]
	for range find("SNAT entry") - find("route") {
		d.keys("down")
	}
	d.keys("enter")
	d.idle()
	b := d.browser()
	if b.kind.Name != "snat" {
		t.Fatalf("enter opened the %s pane, want SNAT entries", b.kind.Name)
	}
	d.waitFor("the SNAT entry to be selected", func() bool {
		r := d.browser().table.Selected()
		return r != nil && r.Obj.ID == snat.ID
	})
	d.keys("esc")
	if _, ok := d.app.top().(*pathPage); !ok {
		t.Fatalf("esc from the jump went to %T, want the path page", d.app.top())
	}
}

func TestPathPageUsage(t *testing.T) {
	d := newConsole(t)
	d.command("path 10.0.1.5")
	d.waitText("Usage: :path SOURCE DEST")
	d.command("path 1.2.3.4 8.8.8.8")
	d.pathPage()
	d.waitText("1.2.3.4 is in no VSwitch")
}

// The path page moves like the other pages: a hop, a page of the rows
// shown, or to either end.
func TestPathPagePagesAndEnds(t *testing.T) {
	d := newConsole(t)
	d.command("path 10.0.1.5 8.8.8.8")
	p := d.pathPage()
	last := len(p.hops) - 1
	d.resize(100, 12)
	d.screen()
	if p.room < 1 || p.room >= last {
		t.Fatalf("a page is %d rows of %d hops, want a short screen to show fewer than all", p.room, len(p.hops))
	}
	for _, step := range []struct {
		key string
		to  func(cur, room int) int
	}{
		{"end", func(int, int) int { return last }},
		{"home", func(int, int) int { return 0 }},
		{"pgdown", func(cur, room int) int { return cur + room }},
		{"down", func(cur, _ int) int { return cur + 1 }},
		{"pgup", func(cur, room int) int { return max(cur-room, 0) }},
		{"up", func(cur, _ int) int { return max(cur-1, 0) }},
		{"home", func(int, int) int { return 0 }},
		{"up", func(int, int) int { return 0 }},
		{"G", func(int, int) int { return last }},
		{"down", func(int, int) int { return last }},
		{"ctrl+b", func(cur, room int) int { return cur - room }},
		{"g", func(int, int) int { return 0 }},
	} {
		want := step.to(p.cursor, p.room)
		d.keys(step.key)
		screen := d.screen()
		if p.cursor != want {
			t.Fatalf("%s put the cursor on hop %d, want %d", step.key, p.cursor+1, want+1)
		}
		if !strings.Contains(screen, fmt.Sprintf("hop %d ", p.cursor+1)) {
			t.Fatalf("%s: the screen does not show hop %d in full:\n%s", step.key, p.cursor+1, screen)
		}
	}
}

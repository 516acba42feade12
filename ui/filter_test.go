package ui

import (
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"

	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"
)

// visibleNames lists the names of the rows that pass the filter, in order.
func visibleNames(d *driver) []string {
	b := d.browser()
	var out []string
	for _, i := range b.table.visible {
		out = append(out, b.table.rows[i].Obj.Name)
	}
	return out
}

func filterLineOf(d *driver) string {
	for _, l := range strings.Split(d.screen(), "\n") {
		if strings.HasPrefix(l, "/") {
			return l
		}
	}
	return ""
}

// Plain text is a case-insensitive substring of a cell on screen: /prod on
// the demo VPCs leaves prod-core alone (staging's ID and status hold p, r,
// o, d in order; its description mentions production but is not shown at
// 120 columns).
func TestFilterSubstringProdOnVPCs(t *testing.T) {
	d := newConsole(t)
	d.typeText("/PROD")
	d.keys("enter")
	if got := visibleNames(d); fmt.Sprint(got) != "[prod-core]" {
		t.Fatalf("/PROD leaves %v, want exactly prod-core:\n%s", got, d.screen())
	}
	s := d.screen()
	if l := filterLineOf(d); !strings.Contains(l, "filter (substring") || !strings.Contains(l, "1 match") {
		t.Errorf("the filter line should name the mode and count: %q", l)
	}
	if !strings.Contains(s, "1/4 rows (substring)") {
		t.Errorf("the header count should name the mode:\n%s", s)
	}
	// Every word must appear, each in some cell.
	d.keys("/", "ctrl+u")
	d.typeText("core 10.0.")
	if got := visibleNames(d); fmt.Sprint(got) != "[prod-core]" {
		t.Errorf("/core 10.0. leaves %v", got)
	}
	d.keys("ctrl+u")
	d.typeText("core 10.10.")
	if got := visibleNames(d); len(got) != 0 {
		t.Errorf("/core 10.10. leaves %v: no VPC has both", got)
	}
	// column:value and ! keep working.
	d.keys("ctrl+u")
	d.typeText("!name:prod")
	if got := visibleNames(d); fmt.Sprint(got) != "[dev-sandbox shared-services staging]" {
		t.Errorf("/!name:prod leaves %v", got)
	}
	if l := filterLineOf(d); !strings.Contains(l, "in Name (inverted) · filter (column)") {
		t.Errorf("filter line: %q", l)
	}
}

// /db on the demo VSwitches leaves exactly the -db- ones: a substring of a
// visible cell, as in k9s (the dev VSwitches are dev-sbx-b/-f; a name such
// as "dev-sandbox" would hold "db" too). Fuzzy matching used to keep 10 of
// the 14.
func TestFilterSubstringDbOnVSwitches(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	var db []string
	for _, r := range d.browser().table.Rows() {
		if strings.Contains(r.Obj.Name, "-db-") {
			db = append(db, r.Obj.Name)
		}
	}
	slices.Sort(db)
	if len(db) != 3 {
		t.Fatalf("the demo dataset has 3 -db- VSwitches, not %v", db)
	}
	d.typeText("/-db-")
	d.keys("enter")
	if got := visibleNames(d); fmt.Sprint(got) != fmt.Sprint(db) {
		t.Errorf("/-db- leaves %v, want exactly %v", got, db)
	}
	d.keys("/", "ctrl+u")
	d.typeText("db")
	d.keys("enter")
	if got := visibleNames(d); fmt.Sprint(got) != fmt.Sprint(db) {
		t.Errorf("/db leaves %v, want exactly %v", got, db)
	}
}

// -f is fuzzy over Name and ID, best match first, and says so.
func TestFilterFuzzyRanksByScore(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	d.typeText("/-f pcdb")
	got := visibleNames(d)
	if len(got) < 2 || !strings.HasPrefix(got[0], "prod-core-db-") || !strings.HasPrefix(got[1], "prod-core-db-") {
		t.Fatalf("-f pcdb should rank prod-core-db-… first: %v", got)
	}
	if l := filterLineOf(d); !strings.Contains(l, "filter (fuzzy)") || !strings.Contains(l, "best first") {
		t.Errorf("the filter line should say fuzzy: %q", l)
	}
	for _, n := range got {
		if !strings.HasPrefix(n, "prod-core") && !strings.Contains(n, "p") {
			t.Errorf("%s cannot match p…c…d…b", n)
		}
	}
	// Not over other cells: a status or zone letter sequence does not
	// count.
	d.keys("ctrl+u")
	d.typeText("-f hangzhou")
	if got := visibleNames(d); len(got) != 0 {
		t.Errorf("-f hangzhou matched the zone of %v; fuzzy looks at Name and ID only", got)
	}
	// An ID, fuzzily.
	sel := d.browser().table.Rows()[0].Obj
	d.keys("ctrl+u")
	d.typeText("-f " + sel.ID[4:])
	if got := visibleNames(d); len(got) == 0 || got[0] != sel.Name {
		t.Errorf("-f %s should find %s first: %v", sel.ID[4:], sel.Name, got)
	}
	// enter keeps it; the cursor is on the best match.
	d.keys("enter")
	if r := d.browser().table.Selected(); r == nil || r.Obj.ID != sel.ID {
		t.Errorf("the cursor should be on the best match")
	}
	if !strings.Contains(d.screen(), "(fuzzy)") {
		t.Errorf("the header should say fuzzy:\n%s", d.screen())
	}
}

// The asynchronous path (over 5,000 rows) keeps the cursor on its
// resource too, through a result that comes back after rows changed.
func TestFilterAsyncKeepsSelection(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	b := d.browser()
	b.table.Upsert(vswRows(6000, 5))
	d.keys("home")
	var target string
	for _, i := range b.table.visible {
		if n := b.table.rows[i].Obj.Name; strings.HasPrefix(n, "staging-db-") && strings.HasSuffix(n, "7") {
			target = b.table.rows[i].Key
			break
		}
	}
	if !b.table.Select(target) {
		t.Fatal("no target row")
	}
	d.typeText("/db")
	d.waitFor("the async filter", func() bool { return !b.filterBusy && b.table.Filtered() })
	if got := b.table.Selected().Key; got != target {
		t.Fatalf("after /db the cursor is on %s, want %s", got, target)
	}
	// A result computed before rows arrived is recomputed, not misapplied.
	d.typeText(" 7")
	b.table.Upsert(vswRows(10, 77))
	d.waitFor("the async filter", func() bool { return !b.filterBusy })
	if got := b.table.Selected().Key; got != target {
		t.Fatalf("after more rows the cursor is on %s, want %s", got, target)
	}
	d.keys("esc")
	if got := b.table.Selected().Key; got != target {
		t.Fatalf("after esc the cursor is on %s, want %s", got, target)
	}
	d.keys("d")
	d.waitFor("describe", func() bool { _, ok := d.app.top().(*describePage); return ok })
	if got := d.app.top().(*describePage).obj; rowKey(got) != target {
		t.Errorf("d described %s, want %s", rowKey(got), target)
	}
}

// A presorted order (large tables) keeps the cursor on its resource, and
// so does a fuzzy ranking when the table sorts under it.
func TestPresortedSortKeepsSelection(t *testing.T) {
	tb := newVswTable(6000)
	ver, job := tb.PresortJob()
	tb.ApplyPresort(ver, job())
	tb.Move(1234)
	want := tb.Selected().Key
	tb.SortBy(3)
	if !tb.keysStale {
		t.Fatal("the presorted order was not used")
	}
	if tb.Selected().Key != want {
		t.Errorf("presorted sort moved the cursor from %s to %s", want, tb.Selected().Key)
	}
	f := ParseFilter("-f "+tb.Selected().Obj.Name[:6], tb.cols)
	snap := tb.Snapshot()
	tb.ApplyFilter(f, f.Run(snap, nil), snap)
	if tb.Selected().Key != want {
		t.Errorf("fuzzy filter moved the cursor")
	}
	tb.SortBy(5)
	if tb.Selected().Key != want {
		t.Errorf("a sort under a fuzzy filter moved the cursor")
	}
	tb.ClearFilter()
	if tb.Selected().Key != want {
		t.Errorf("clearing the filter moved the cursor")
	}
}

// A bracketed paste into the filter line is one query.
func TestFilterPaste(t *testing.T) {
	d := newConsole(t)
	d.keys("/")
	d.process(tea.PasteMsg{Content: "prod-core"})
	if got := visibleNames(d); fmt.Sprint(got) != "[prod-core]" {
		t.Errorf("pasted /prod-core leaves %v", got)
	}
}

// fuzzyScore is sahilm/fuzzy's algorithm without its allocations: on
// random ASCII texts it accepts what the library accepts, with its score.
func TestFuzzyScoreIsTheLibrarys(t *testing.T) {
	rng := rand.New(rand.NewPCG(4, 2))
	const alphabet = "aAbBcCk-_ ./\\x1\x00"
	text := func(n int) string {
		b := make([]byte, n)
		for i := range b {
			b[i] = alphabet[rng.IntN(len(alphabet))]
		}
		return string(b)
	}
	for range 200000 {
		s, p := text(rng.IntN(14)), text(1+rng.IntN(4))
		got, ok, _ := fuzzyScore(s, p)
		m := fuzzy.Find(p, []string{s})
		if ok != (len(m) == 1) || ok && got != m[0].Score {
			t.Fatalf("fuzzyScore(%q, %q) = %d, %v; the library: %+v", s, p, got, ok, m)
		}
	}
}

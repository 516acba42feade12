package ui

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

func vswRows(n int, seed uint64) []*Row {
	k := model.Default().MustLookup("vsw")
	rng := rand.New(rand.NewPCG(seed, 7))
	zones := []string{"cn-hangzhou-b", "cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i"}
	names := []string{"prod-core", "staging", "shared-services", "data-platform", "dev-sandbox", "dmz-edge"}
	rows := make([]*Row, n)
	for i := range rows {
		v := &model.VSwitch{
			VSwitchId:               fmt.Sprintf("vsw-%08x%04d", rng.Uint32(), i),
			VSwitchName:             fmt.Sprintf("%s-%s-%03d", names[rng.IntN(len(names))], []string{"app", "db", "web"}[rng.IntN(3)], i%1000),
			VpcId:                   fmt.Sprintf("vpc-%06d", rng.IntN(2000)),
			ZoneId:                  zones[rng.IntN(len(zones))],
			Status:                  "Available",
			CidrBlock:               fmt.Sprintf("10.%d.%d.0/24", i/256%256, i%256),
			AvailableIpAddressCount: int64(rng.IntN(250)),
			CreationTime:            "2026-01-02T03:04:05Z",
		}
		if i%97 == 0 {
			v.Status = "Pending"
		}
		o := &model.Object{Kind: k, Region: "cn-hangzhou", ID: v.VSwitchId, Name: v.VSwitchName, Status: v.Status, Value: v}
		rows[i] = newRow(k, o)
	}
	return rows
}

func newVswTable(n int) *Table {
	t := NewTable(model.Default().MustLookup("vsw"))
	t.SetSize(120, 40)
	t.Reset(vswRows(n, 1))
	return t
}

func TestTableSortsAndKeepsSelection(t *testing.T) {
	tb := newVswTable(500)
	if tb.Len() != 500 || tb.VisibleLen() != 500 {
		t.Fatal("rows")
	}
	// Default sort is Name ascending.
	prev := ""
	for _, i := range tb.visible {
		name := strings.ToLower(tb.rows[i].Cell(1))
		if name < prev {
			t.Fatalf("not sorted by name: %q after %q", name, prev)
		}
		prev = name
	}
	tb.Move(37)
	sel := tb.Selected().Key
	tb.SortBy(5) // Free IPs, numeric
	if tb.Selected().Key != sel {
		t.Error("sorting moved the cursor off the selected resource")
	}
	prevN := -1
	for _, i := range tb.visible {
		var n int
		fmt.Sscan(tb.rows[i].Cell(5), &n)
		if n < prevN {
			t.Fatalf("numeric sort broken: %d after %d", n, prevN)
		}
		prevN = n
	}
	tb.SortBy(5) // again: descending
	if c, d := tb.SortColumn(); c != 5 || !d {
		t.Error("pressing the same column flips direction")
	}
	tb.SortBy(3) // CIDR sorts by address, not text: 10.0.2.0 before 10.0.10.0
	var got []string
	for _, i := range tb.visible[:12] {
		got = append(got, tb.rows[i].Cell(3))
	}
	if got[2] != "10.0.2.0/24" || got[10] != "10.0.10.0/24" {
		t.Errorf("CIDR order: %v", got)
	}
}

func TestTableUpsertMergesAndRemoves(t *testing.T) {
	tb := NewTable(model.Default().MustLookup("vsw"))
	tb.SetSize(120, 10)
	all := vswRows(300, 2)
	for i := 0; i < 300; i += 50 {
		tb.Upsert(all[i : i+50])
	}
	ref := NewTable(model.Default().MustLookup("vsw"))
	ref.SetSize(120, 10)
	ref.Reset(all)
	for i := range ref.visible {
		if tb.rows[tb.visible[i]].Key != ref.rows[ref.visible[i]].Key {
			t.Fatalf("incremental merge differs from a full sort at %d", i)
		}
	}
	tb.Move(5)
	sel := tb.Selected().Key
	tb.Remove([]string{all[0].Key, all[1].Key})
	if tb.Len() != 298 {
		t.Errorf("len %d", tb.Len())
	}
	if tb.Selected().Key != sel && sel != all[0].Key && sel != all[1].Key {
		t.Error("removal moved the cursor off the selected resource")
	}
}

func TestTableWindowAndClamp(t *testing.T) {
	tb := newVswTable(1000)
	tb.SetSize(120, 11) // 10 data lines
	tb.End()
	if tb.Cursor() != 999 || tb.offset != 990 {
		t.Errorf("end: cursor %d offset %d", tb.Cursor(), tb.offset)
	}
	tb.Page(-1)
	if tb.Cursor() != 989 {
		t.Errorf("page up: %d", tb.Cursor())
	}
	tb.Home()
	tb.Move(-5)
	if tb.Cursor() != 0 {
		t.Error("moving above the first row")
	}
	st := theme.New(mustSkin("dark"), true)
	out := tb.View(st, time.Now())
	if lines := strings.Count(out, "\n") + 1; lines != 11 {
		t.Errorf("view has %d lines, want header + 10", lines)
	}
	empty := NewTable(model.Default().MustLookup("vsw"))
	empty.SetSize(80, 10)
	empty.Move(3)
	if empty.Selected() != nil || empty.Cursor() != 0 {
		t.Error("empty table")
	}
	_ = empty.View(st, time.Now())
}

func TestTableLayoutFitsWidth(t *testing.T) {
	tb := newVswTable(50)
	st := theme.New(mustSkin("dark"), true)
	for _, w := range []int{40, 80, 120, 200} {
		tb.SetSize(w, 10)
		for _, line := range strings.Split(tb.View(st, time.Now()), "\n") {
			if lw := visibleWidth(line); lw > w {
				t.Errorf("width %d: line is %d wide: %q", w, lw, line)
			}
		}
	}
	tb.SetSize(80, 10)
	if len(tb.HiddenColumns()) == 0 {
		t.Error("at 80 columns some VSwitch columns should be hidden")
	}
}

func TestTableSanitizesControlCharacters(t *testing.T) {
	k := model.Default().MustLookup("vpc")
	v := &model.Vpc{VpcId: "vpc-1", VpcName: "evil\x1b[2Jname\n", Status: "Available"}
	r := newRow(k, &model.Object{Kind: k, ID: "vpc-1", Value: v})
	if strings.ContainsAny(r.Cell(1), "\x1b\n") {
		t.Errorf("control characters reached a cell: %q", r.Cell(1))
	}
}

func TestFilterParsing(t *testing.T) {
	cols := model.Default().MustLookup("vsw").Columns
	f := ParseFilter("status:pend", cols)
	if f.Column != 2 || f.Pattern != "pend" || f.Invert {
		t.Errorf("%+v", f)
	}
	f = ParseFilter("!zone:cn-hangzhou-b", cols)
	if f.Column != 4 || !f.Invert {
		t.Errorf("%+v", f)
	}
	f = ParseFilter("freeips:12", cols)
	if f.Column != 5 {
		t.Errorf("spaces in column names: %+v", f)
	}
	f = ParseFilter("2408:4004::1", cols)
	if f.Column != -1 || f.Pattern != "2408:4004::1" {
		t.Errorf("a colon that is not a column is part of the pattern: %+v", f)
	}
	if !ParseFilter("prodc", cols).Narrows(ParseFilter("prod", cols)) || ParseFilter("pro", cols).Narrows(ParseFilter("prod", cols)) {
		t.Error("narrowing")
	}
}

func TestFilterResults(t *testing.T) {
	tb := newVswTable(20000)
	snap := tb.Snapshot()
	f := ParseFilter("status:pending", tb.cols)
	res := f.Run(snap, nil)
	want := 0
	for _, r := range tb.rows {
		if r.Cell(2) == "Pending" {
			want++
		}
	}
	if len(res) != want || want == 0 {
		t.Errorf("column filter: %d rows, want %d", len(res), want)
	}
	inv := ParseFilter("!status:pending", tb.cols).Run(snap, nil)
	if len(inv)+len(res) != 20000 {
		t.Error("inversion must be the complement")
	}
	// Plain words are substrings: "dmz web" keeps dmz-edge-web-…, not
	// rows whose cells merely hold those letters in order.
	sub := ParseFilter("DMZ web", tb.cols).Run(snap, nil)
	for _, i := range sub {
		if !strings.Contains(tb.rows[i].Cell(1), "dmz-edge-web") {
			t.Fatalf("substring matched %q", tb.rows[i].Cell(1))
		}
	}
	if len(sub) == 0 || len(ParseFilter("dmzweb", tb.cols).Run(snap, nil)) != 0 {
		t.Fatal("substring: dmz web finds the dmz-edge-web rows, dmzweb finds none")
	}
	// Narrowing gives the same answer.
	narrowed := ParseFilter("DMZ web-0", tb.cols).Run(snap, sub)
	full := ParseFilter("DMZ web-0", tb.cols).Run(snap, nil)
	if fmt.Sprint(narrowed) != fmt.Sprint(full) || len(full) == 0 {
		t.Error("narrowing changed the result")
	}
	tb.ApplyFilter(ParseFilter("dmz web", tb.cols), sub, snap)
	if tb.VisibleLen() != len(sub) {
		t.Error("apply")
	}
	prev := ""
	for _, i := range tb.visible {
		if n := strings.ToLower(tb.rows[i].Cell(1)); n < prev {
			t.Fatal("a substring-filtered view must stay sorted")
		} else {
			prev = n
		}
	}
	// -f is fuzzy over Name and ID, best match first.
	fz := ParseFilter("-f dmzweb", tb.cols)
	res = fz.Run(snap, nil)
	if !fz.Fuzzy || fz.Mode() != "fuzzy" || len(res) < len(sub) {
		t.Fatalf("fuzzy: %+v, %d rows (substring %d)", fz, len(res), len(sub))
	}
	if !strings.Contains(tb.rows[res[0]].Cell(1), "dmz-edge-web") {
		t.Errorf("the best fuzzy match is %q", tb.rows[res[0]].Cell(1))
	}
	tb.ApplyFilter(fz, res, snap)
	tb.SortBy(3) // sorting keeps the ranking while fuzzy is active
	if fmt.Sprint(tb.visible) != fmt.Sprint(res) {
		t.Error("a sort reordered a fuzzy result")
	}
}

func mustSkin(name string) theme.Skin {
	s, err := theme.Lookup(name)
	if err != nil {
		panic(err)
	}
	return s
}

// A presorted order is the order a synchronous sort gives, for every
// column; after a data change it is not used.
func TestPresortMatchesSort(t *testing.T) {
	tb := newVswTable(6000)
	ver, job := tb.PresortJob()
	if job == nil {
		t.Fatal("no presort for 6,000 rows")
	}
	tb.ApplyPresort(ver, job())
	ref := newVswTable(6000)
	for col := range tb.cols {
		if col == 1 {
			continue // the current sort column: choosing it flips
		}
		tb.SortBy(col)
		if !tb.keysStale {
			t.Fatalf("column %d did not use the presorted order", col)
		}
		ref.SortBy(col)
		for i := range ref.order {
			if tb.rows[tb.order[i]].Key != ref.rows[ref.order[i]].Key {
				t.Fatalf("column %s: presorted order differs at %d", tb.cols[col].Name, i)
			}
		}
		// Data arriving after a presorted switch merges correctly.
		extra := vswRows(1, uint64(100+col))[0]
		tb.Upsert([]*Row{extra})
		ref.Upsert([]*Row{extra})
		for i := range ref.order {
			if tb.rows[tb.order[i]].Key != ref.rows[ref.order[i]].Key {
				t.Fatalf("column %s: merge after a presorted switch differs at %d", tb.cols[col].Name, i)
			}
		}
		ver, job = tb.PresortJob()
		tb.ApplyPresort(ver, job())
	}
	// A stale presort is not applied.
	ver, job = tb.PresortJob()
	tb.Upsert(vswRows(1, 999))
	tb.ApplyPresort(ver, job())
	if _, ok := tb.presortedOrder(0); ok {
		t.Error("a presort from before a change was used")
	}
}

package ui

// Benchmarks of the console at scale, through the real root model: key
// press → App.Update → App.View (the frame the program would draw). Run
// them with the command in the README's Performance section; they are not
// part of `go test ./...` (benchmarks only run with -bench).

import (
	"context"
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/sahilm/fuzzy"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

const benchRows = 100_000

// benchObjects builds n VSwitches the way the loader does: each item is
// JSON as the API sends it, decoded by the kind, so Raw, Value and the
// cells hold what they hold in the console.
func benchObjects(b *testing.B, n int) []*model.Object {
	b.Helper()
	k := model.Default().MustLookup("vsw")
	rng := rand.New(rand.NewPCG(1, 2))
	teams := []string{"payments", "orders", "search", "identity", "billing", "catalog", "media", "ledger", "fraud", "growth"}
	envs := []string{"prod", "staging", "dev", "qa"}
	tiers := []string{"web", "app", "api", "db", "cache", "mq", "batch", "ml", "ops", "edge"}
	zones := []string{"cn-hangzhou-b", "cn-hangzhou-g", "cn-hangzhou-h", "cn-hangzhou-i", "cn-hangzhou-j", "cn-hangzhou-k"}
	// IDs like the API's: a prefix and 17 random lower-case letters and
	// digits.
	id := func(prefix string, r *rand.Rand) string {
		const chars = "0123456789abcdefghijklmnopqrstuvwxyz"
		b := []byte(prefix)
		for range 17 {
			b = append(b, chars[r.IntN(len(chars))])
		}
		return string(b)
	}
	objs := make([]*model.Object, n)
	for i := range objs {
		vpc, j := i/10, i%10
		v := model.VSwitch{
			VSwitchId:               id("vsw-bp1", rng),
			VSwitchName:             fmt.Sprintf("%s-%s-%02d-%s-%d", teams[vpc%10], envs[vpc/10%4], vpc%80, tiers[j], j),
			VpcId:                   id("vpc-bp1", rand.New(rand.NewPCG(uint64(vpc), 3))),
			ZoneId:                  zones[j%len(zones)],
			Status:                  "Available",
			CidrBlock:               fmt.Sprintf("10.%d.%d.0/24", vpc%256, j),
			AvailableIpAddressCount: int64(rng.IntN(252)),
			CreationTime:            time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(rng.IntN(600*24*3600)) * time.Second).Format(time.RFC3339),
			ResourceGroupId:         "rg-acfmxazb4ph6aiy",
			RouteTable:              model.RouteTableRef{RouteTableId: id("vtb-bp1", rand.New(rand.NewPCG(uint64(vpc*3+j/4), 4))), RouteTableType: "System"},
			Tags:                    model.Tags{Tag: []model.Tag{{Key: "env", Value: envs[vpc/10%4]}, {Key: "team", Value: teams[vpc%10]}}},
		}
		if i%97 == 0 {
			v.Status = "Pending"
		}
		raw, err := json.Marshal(v)
		noErr(b, err)
		o, err := k.Decode("cn-hangzhou", raw)
		noErr(b, err)
		objs[i] = o
	}
	return objs
}

// offlineClient is a client whose endpoint nothing listens on: the
// benchmarks that use it never let a command reach the network.
func offlineClient(b testing.TB) *client.Client {
	b.Helper()
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: "http://127.0.0.1:9"},
	})
	noErr(b, err)
	return c
}

// benchConsole is the console at 120×40 in colour with one VSwitch pane
// holding objs, loaded the way a finished load leaves it. Nothing in it
// runs in the background; Close releases it.
func benchConsole(b *testing.B, objs []*model.Object) (*App, *browser) {
	b.Helper()
	a, err := New(Options{Client: offlineClient(b), Region: "cn-hangzhou"})
	noErr(b, err)
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	k := a.reg.MustLookup("vsw")
	br := newBrowser(a, k, nil, []string{"cn-hangzhou"}, false)
	rows := make([]*Row, len(objs))
	for i, o := range objs {
		rows[i] = loadedRow(k, o, "vsw@cn-hangzhou?")
	}
	// Pages arrive in batches; the table merges each.
	for lo := 0; lo < len(rows); lo += 5000 {
		br.table.Upsert(rows[lo:min(lo+5000, len(rows))])
	}
	br.lastLoad = a.now()
	a.pages = []Page{br}
	a.View() // the first frame lays the columns out
	return a, br
}

// frame is what the program does for one message: Update, then View.
func frame(a *App, msg tea.Msg) tea.Cmd {
	_, cmd := a.Update(msg)
	v := a.View()
	if v.Content == "" {
		panic("empty frame")
	}
	return cmd
}

// settle runs a command and everything it leads to, synchronously, the way
// the program would (timers included), drawing a frame after each message.
func settle(a *App, cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	switch m := cmd().(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			settle(a, c)
		}
	default:
		settle(a, frame(a, m))
	}
}

// opTimer records each operation's wall time and the process's CPU time
// over all of them: load from other processes on a shared machine
// stretches the first, hardly the second.
type opTimer struct {
	lat  []time.Duration
	cpu0 time.Duration
}

func newOpTimer() *opTimer { return &opTimer{cpu0: processCPU()} }

func (o *opTimer) add(d time.Duration) { o.lat = append(o.lat, d) }

// timeEach runs op (i counts the runs from 0) until b.Loop says stop and
// reports the wall time of each run.
func timeEach(b *testing.B, op func(i int)) {
	lat := newOpTimer()
	for i := 0; b.Loop(); i++ {
		t0 := time.Now()
		op(i)
		lat.add(time.Since(t0))
	}
	lat.report(b)
}

func (o *opTimer) report(b *testing.B) {
	if len(o.lat) == 0 {
		return
	}
	s := slices.Clone(o.lat)
	slices.Sort(s)
	pct := func(p float64) float64 {
		i := int(float64(len(s))*p+0.5) - 1
		return float64(s[min(max(i, 0), len(s)-1)].Microseconds()) / 1000
	}
	b.ReportMetric(pct(0.50), "p50-ms")
	b.ReportMetric(pct(0.99), "p99-ms")
	b.ReportMetric(float64(s[len(s)-1].Microseconds())/1000, "max-ms")
	if cpu := processCPU() - o.cpu0; o.cpu0 > 0 {
		b.ReportMetric(cpu.Seconds()*1000/float64(len(s)), "cpu-ms/op")
	}
}

// processCPU is the user and system time of this process so far, from
// /proc (Linux, in clock ticks of 10 ms); 0 elsewhere.
func processCPU() time.Duration {
	data, err := os.ReadFile("/proc/self/stat")
	if err != nil {
		return 0
	}
	i := strings.LastIndexByte(string(data), ')')
	f := strings.Fields(string(data[i+1:]))
	if i < 0 || len(f) < 13 {
		return 0
	}
	utime, _ := strconv.Atoi(f[11])
	stime, _ := strconv.Atoi(f[12])
	return time.Duration(utime+stime) * 10 * time.Millisecond
}

func key(code rune, text string) tea.KeyPressMsg { return tea.KeyPressMsg{Code: code, Text: text} }

// BenchmarkConsoleKeys measures key press to frame on a 100,000-row pane.
func BenchmarkConsoleKeys(b *testing.B) {
	objs := benchObjects(b, benchRows)
	b.Run("op=cursor", func(b *testing.B) {
		a, br := benchConsole(b, objs)
		defer a.Close()
		down := key(tea.KeyDown, "")
		timeEach(b, func(int) { frame(a, down) })
		if br.table.Cursor() == 0 {
			b.Fatal("the cursor did not move")
		}
	})
	b.Run("op=pagedown", func(b *testing.B) {
		a, br := benchConsole(b, objs)
		defer a.Close()
		pg, home := key(tea.KeyPgDown, ""), key(tea.KeyHome, "")
		timeEach(b, func(int) {
			if br.table.Cursor() >= br.table.VisibleLen()-1 {
				frame(a, home)
			} else {
				frame(a, pg)
			}
		})
	})
	sortBench := func(b *testing.B, presorted bool) {
		a, br := benchConsole(b, objs)
		defer a.Close()
		if presorted {
			// What the console does once a load has settled: every
			// column sorted in a background command.
			if cmd := br.presort(); cmd != nil {
				frame(a, cmd())
			}
		}
		lat := newOpTimer()
		next := key('>', ">")
		for b.Loop() {
			before, _ := br.table.SortColumn()
			t0 := time.Now()
			frame(a, next)
			lat.add(time.Since(t0))
			if after, _ := br.table.SortColumn(); after == before {
				b.Fatal("> did not change the sort column")
			}
		}
		lat.report(b)
	}
	// Once the background presort has run (a few hundred ms after a load).
	b.Run("op=sort", func(b *testing.B) { sortBench(b, true) })
	// Right after a load, before the presort: a full sort on the key press.
	b.Run("op=sort-cold", func(b *testing.B) { sortBench(b, false) })
	b.Run("op=filter-keystroke", func(b *testing.B) {
		// Typing: each key shows at once; matching runs later, in a
		// command (measured by BenchmarkFilterApply).
		a, br := benchConsole(b, objs)
		defer a.Close()
		frame(a, key('/', "/"))
		word := []rune("payments-prod")
		timeEach(b, func(i int) {
			if n := i % (2 * len(word)); n < len(word) {
				frame(a, key(word[n], string(word[n])))
			} else {
				frame(a, key(tea.KeyBackspace, ""))
			}
		})
		if !br.filterEditing {
			b.Fatal("the filter line closed")
		}
	})
}

// benchQueries are typical filter queries: substring words, a column, an
// inversion, an address prefix, one that matches every row, and fuzzy
// (-f) queries: selective, broad, and one that matches every row.
var benchQueries = []string{"prod", "payments-prod", "pay db", "status:pending", "!status:available", "10.42.", "vsw-",
	"-f paymprod", "-f pdb", "-f vsw"}

// BenchmarkFilterApply measures a new query from the key that completes it
// (pasted, so nothing narrows) to the frame that shows its results:
// debounce, Filter.Run over 100,000 rows in a command, apply, draw.
func BenchmarkFilterApply(b *testing.B) {
	objs := benchObjects(b, benchRows)
	a, br := benchConsole(b, objs)
	defer a.Close()
	frame(a, key('/', "/"))
	clear := tea.KeyPressMsg{Code: 'u', Mod: tea.ModCtrl}
	for _, q := range benchQueries {
		b.Run("q="+q, func(b *testing.B) {
			lat := newOpTimer()
			for b.Loop() {
				b.StopTimer()
				frame(a, clear)
				b.StartTimer()
				t0 := time.Now()
				settle(a, frame(a, tea.PasteMsg{Content: q}))
				lat.add(time.Since(t0))
				if br.filterBusy || br.filter == nil || br.filter.Raw != q || !br.table.Filtered() {
					b.Fatalf("the result for %q was not applied", q)
				}
			}
			b.ReportMetric(float64(br.table.VisibleLen()), "matches")
			lat.report(b)
		})
	}
}

// BenchmarkFilterRun is Filter.Run alone over 100,000 rows (no debounce).
func BenchmarkFilterRun(b *testing.B) {
	k := model.Default().MustLookup("vsw")
	t := NewTable(k)
	objs := benchObjects(b, benchRows)
	rows := make([]*Row, len(objs))
	for i, o := range objs {
		rows[i] = newRow(k, o)
	}
	t.Reset(rows)
	snap := t.Snapshot()
	for _, q := range benchQueries {
		b.Run("q="+q, func(b *testing.B) {
			f := ParseFilter(q, t.cols)
			n := 0
			for b.Loop() {
				n = len(f.Run(snap, nil))
			}
			b.ReportMetric(float64(n), "matches")
		})
	}
}

// BenchmarkMemory reports what 100,000 VSwitches cost loaded in a pane:
// raw JSON, decoded values, rows, cells, indexes. heap-MB is the live heap
// they add; rss-MB the process's resident size with them loaded (after
// returning freed memory to the OS).
func BenchmarkMemory(b *testing.B) {
	var heap, rss float64
	for b.Loop() {
		runtime.GC()
		debug.FreeOSMemory()
		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		a, br := benchConsole(b, benchObjects(b, benchRows))
		frame(a, key('/', "/"))
		settle(a, frame(a, tea.PasteMsg{Content: "prod"})) // a filter result too
		runtime.GC()
		debug.FreeOSMemory()
		runtime.ReadMemStats(&after)
		heap = float64(int64(after.HeapAlloc)-int64(before.HeapAlloc)) / (1 << 20)
		rss = float64(residentKB()) / 1024
		if br.table.Len() != benchRows || !br.table.Filtered() {
			b.Fatal("rows or the filter result missing")
		}
		a.Close()
	}
	b.ReportMetric(heap, "heap-MB")
	b.ReportMetric(rss, "rss-MB")
}

// residentKB reads VmRSS from /proc (Linux); 0 elsewhere.
func residentKB() int {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, l := range strings.Split(string(data), "\n") {
		if f := strings.Fields(l); len(f) >= 2 && f[0] == "VmRSS:" {
			n, _ := strconv.Atoi(f[1])
			return n
		}
	}
	return 0
}

// BenchmarkStartup is New + Init + the first frame, before any answer.
func BenchmarkStartup(b *testing.B) {
	c := offlineClient(b)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	for b.Loop() {
		a, err := New(Options{Client: c, Region: "cn-hangzhou", Context: ctx})
		noErr(b, err)
		a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
		_ = a.Init() // its commands would run in goroutines; the frame does not wait
		if !strings.Contains(a.View().Content, "VPCs") {
			b.Fatal("the first frame does not show the VPC pane")
		}
		a.Close()
	}
}

// asyncConsole runs the root model against a simulator the way the
// program does: commands in goroutines, their messages back through
// Update, a frame after each.
type asyncConsole struct {
	b    *testing.B
	app  *App
	srv  *sim.Server
	msgs chan tea.Msg
	ctx  context.Context
	// dropRefresh drops refresh ticks from timers: the idle benchmark
	// delivers them itself, on a virtual clock.
	dropRefresh bool
}

func newAsyncConsole(b *testing.B, so sim.Options, start string) *asyncConsole {
	b.Helper()
	srv, err := sim.New(so)
	noErr(b, err)
	hs := httptest.NewServer(srv)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: hs.URL},
	})
	noErr(b, err)
	ctx, cancel := context.WithCancel(context.Background())
	a, err := New(Options{Client: c, Region: "cn-hangzhou", Start: start, Context: ctx, Simulator: true})
	noErr(b, err)
	b.Cleanup(func() {
		cancel()
		a.Close()
		hs.Close()
		srv.Close()
	})
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	return &asyncConsole{b: b, app: a, srv: srv, msgs: make(chan tea.Msg, 1024), ctx: ctx}
}

func (d *asyncConsole) exec(cmd tea.Cmd) {
	if cmd == nil {
		return
	}
	go func() {
		select {
		case d.msgs <- cmd():
		case <-d.ctx.Done():
		}
	}()
}

func (d *asyncConsole) process(msg tea.Msg) {
	switch m := msg.(type) {
	case nil:
	case tea.BatchMsg:
		for _, c := range m {
			d.exec(c)
		}
	case refreshTickMsg:
		if !d.dropRefresh {
			d.exec(frame(d.app, m))
		}
	default:
		d.exec(frame(d.app, m))
	}
}

// until processes messages until cond holds.
func (d *asyncConsole) until(what string, cond func() bool) {
	d.b.Helper()
	deadline := time.After(60 * time.Second)
	for !cond() {
		select {
		case m := <-d.msgs:
			d.process(m)
		case <-deadline:
			d.b.Fatalf("timed out waiting for %s", what)
		}
	}
}

func (d *asyncConsole) pane() *browser {
	br, _ := d.app.top().(*browser)
	return br
}

func (d *asyncConsole) idle() bool {
	br := d.pane()
	return br != nil && !br.loading && !br.lastLoad.IsZero()
}

func (d *asyncConsole) calls() int {
	n := 0
	for _, c := range d.srv.Counts() {
		n += c
	}
	return n
}

// BenchmarkFirstRows is Init to the first frame with rows, against the
// demo simulator answering every call after a fixed round trip.
func BenchmarkFirstRows(b *testing.B) {
	const rtt = 100 * time.Millisecond
	lat := newOpTimer()
	for b.Loop() {
		b.StopTimer()
		d := newAsyncConsole(b, sim.Options{Latency: rtt}, "vpc")
		b.StartTimer()
		t0 := time.Now()
		d.exec(d.app.Init())
		d.until("the first rows", func() bool { br := d.pane(); return br != nil && br.table.Len() > 0 })
		lat.add(time.Since(t0))
	}
	b.ReportMetric(float64(rtt.Milliseconds()), "rtt-ms")
	lat.report(b)
}

// BenchmarkIdleRefresh counts API calls per minute of an idle console with
// live refresh at the default 10 s. The refresh ticks are delivered on a
// virtual clock, each after the pane's own interval (which stretches for
// views that take many calls), through the real tick handler.
func BenchmarkIdleRefresh(b *testing.B) {
	for _, tc := range []struct{ name, dataset, command string }{
		{"pane=vpc", sim.DatasetDemo, "vpc"},
		{"pane=vsw-all", sim.DatasetDemo, "vsw all"},
		{"pane=vsw-all-large", sim.DatasetLarge, "vsw all"},
	} {
		b.Run(tc.name, func(b *testing.B) {
			const window = 10 * time.Minute
			var perMin, perLoad float64
			var regionLists int
			for b.Loop() {
				d := newAsyncConsole(b, sim.Options{Dataset: tc.dataset, Seed: 1}, tc.command)
				d.dropRefresh = true
				d.exec(d.app.Init())
				d.until("the first load", d.idle)
				start := d.calls()
				refreshes := 0
				var elapsed time.Duration // virtual time up to the last refresh
				for {
					br := d.pane()
					next := elapsed + br.interval(d.app)
					if next > window && refreshes > 0 {
						break
					}
					elapsed = next
					d.exec(frame(d.app, refreshTickMsg{id: br.id, gen: br.refreshGen}))
					if !br.loading {
						b.Fatal("the refresh tick did not start a refresh")
					}
					d.until("the refresh", d.idle)
					refreshes++
				}
				calls := d.calls() - start
				perMin = float64(calls) / elapsed.Minutes()
				perLoad = float64(calls) / float64(refreshes)
				regionLists = d.srv.Counts()["DescribeRegions"]
				// interval() promises about 20 calls per configured
				// interval (10 s), however large the view.
				if per10s := perMin / 6; per10s > 20.5 {
					b.Errorf("%.1f calls per 10 s; the refresh stretch should keep it near 20", per10s)
				}
			}
			b.ReportMetric(perMin, "calls/min")
			b.ReportMetric(perLoad, "calls/refresh")
			b.ReportMetric(float64(regionLists), "DescribeRegions")
		})
	}
}

// The fast paths these benchmarks drove must give the answers of the
// plain definitions they replaced.

// refTable is a table of rows with ties, shared 16-byte prefixes, long and
// short texts, IPv4 and IPv6 blocks, bad numbers and non-ASCII text.
func refTable(n int, seed uint64) *Table {
	k := model.Default().MustLookup("vsw")
	rng := rand.New(rand.NewPCG(seed, 9))
	pick := func(xs ...string) string { return xs[rng.IntN(len(xs))] }
	rows := make([]*Row, n)
	for i := range rows {
		v := &model.VSwitch{
			VSwitchId:    fmt.Sprintf("vsw-%d", rng.IntN(n*4)),
			VSwitchName:  pick("", "a", "B", "abcdefghijklmnop", "ABCDEFGHIJKLMNOPq", "abcdefghijklmnopqrstuvwxyz-", "abcdefghijklmnopqrstuvwxyz-0123456789", "Zürich-prod", "北京-核心") + pick("", "x", "-y", "-0123456789abcdef"),
			Status:       pick("Available", "Pending", "available", ""),
			CidrBlock:    pick("10.0.0.0/8", "10.0.0.0/16", "10.0.0.0/24", "10.1.2.0/24", "2408:4004::/56", "2408:4004::/64", "", "—", "192.168.0.0/16"),
			ZoneId:       pick("cn-hangzhou-b", "cn-hangzhou-g", "CN-HANGZHOU-B"),
			VpcId:        pick("vpc-1", "vpc-2"),
			CreationTime: pick("2026-01-02T03:04:05Z", "2026-01-02T03:04:06Z", "2025-12-31T23:59:59Z"),
		}
		v.AvailableIpAddressCount = int64(rng.IntN(5)) - 1
		o := &model.Object{Kind: k, Region: pick("cn-hangzhou", "cn-beijing"), ID: v.VSwitchId + fmt.Sprint("-", i), Name: v.VSwitchName, Status: v.Status, Value: v}
		rows[i] = newRow(k, o)
	}
	t := NewTable(k)
	t.Reset(rows)
	return t
}

func TestRadixSortMatchesComparisonSort(t *testing.T) {
	for _, n := range []int{300, parallelSort + 5000} {
		tb := refTable(n, uint64(n))
		for col := range tb.cols {
			for _, desc := range []bool{false, true} {
				tb.sortCol, tb.sortDesc = col, desc
				tb.computeKeys()
				got := make([]int32, n)
				for i := range got {
					got[i] = int32(n - 1 - i)
				}
				tb.sortIdx(got)
				items := make([]sortItem, n)
				for i := range items {
					items[i] = tb.itemOf(int32(i))
				}
				slices.SortFunc(items, func(a, b sortItem) int { return tb.cmpItem(&a, &b) })
				for i := range items {
					if want := tb.keyOrder[items[i].rank]; got[i] != want {
						t.Fatalf("n=%d %s desc=%v: position %d is row %d (%q), want row %d (%q)", n, tb.cols[col].Name, desc,
							i, got[i], tb.rows[got[i]].Cell(col), want, tb.rows[want].Cell(col))
					}
				}
			}
		}
	}
}

// The filter's fast paths give the answers of the plain definitions:
// substring words over the shown cells, fuzzy over Name and ID by
// sahilm/fuzzy ranked by its score, column substring, inversion — with
// every column shown and with some hidden.
func TestFilterMatchesTheReference(t *testing.T) {
	tb := refTable(parallelSort+3000, 3)
	for _, width := range []int{0, 70} {
		tb.SetSize(width, 40)
		snap := tb.Snapshot()
		if width > 0 && (snap.shown == nil || !slices.Contains(snap.shown, false)) {
			t.Fatalf("at %d columns some column must be hidden: %v", width, snap.shown)
		}
		for _, q := range []string{"abc", "ABC xyz", "zür", "北京", "核心 prod", "avail", "10.0", "vsw-1", "b-y", "pq-", "hzb", "!abc", "status:pend", "!zone:hangzhou-b", "name:ZÜRICH", "hangzhou", "2026-01",
			"-f abc", "-f hzb", "-f ZÜR", "-f vsw-12", "!-f abc", "-f 北京", "-f vsw-", "vsw-", "-f a", "-f b", "-f z"} {
			f := ParseFilter(q, tb.cols)
			got := f.Run(snap, nil)
			want := refRun(f, snap)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("width %d, %q: %d rows, the reference %d", width, q, len(got), len(want))
			}
			// Typing one more character runs over the last result: the
			// same answer, in the same order.
			for _, more := range []string{"1", "b", "-", "c"} {
				longer := ParseFilter(q+more, tb.cols)
				if !longer.Narrows(f) {
					continue
				}
				if a, b := longer.Run(snap, got), longer.Run(snap, nil); fmt.Sprint(a) != fmt.Sprint(b) {
					t.Errorf("width %d, %q narrowed from %q: %d rows, from scratch %d (or another order)", width, longer.Raw, q, len(a), len(b))
				}
			}
		}
	}
}

func cellNamed(r *Row, cols []model.Column, name string) string {
	for i, c := range cols {
		if c.Name == name {
			return r.Cell(i)
		}
	}
	panic("no column " + name)
}

// refRun is the filter by its definition.
func refRun(f *Filter, snap FilterSnapshot) []int32 {
	var out []int32
	score := map[int32]int{}
	for _, i := range snap.order {
		r := snap.rows[i]
		ok := false
		switch {
		case f.Fuzzy:
			best, hit := 0, false
			for _, s := range []string{cellNamed(r, snap.cols, "Name"), cellNamed(r, snap.cols, "ID")} {
				if m := fuzzy.Find(f.Pattern, []string{s}); len(m) > 0 && (!hit || m[0].Score > best) {
					best, hit = m[0].Score, true
				}
			}
			ok, score[i] = hit, best
		case f.Column >= 0:
			ok = strings.Contains(strings.ToLower(r.Cell(f.Column)), f.Pattern)
		default:
			ok = true
			for _, w := range strings.Fields(strings.ToLower(f.Pattern)) {
				in := false
				for c, cell := range r.Cells() {
					if (snap.shown == nil || snap.shown[c]) && strings.Contains(strings.ToLower(cell), w) {
						in = true
					}
				}
				ok = ok && in
			}
		}
		if ok != f.Invert {
			out = append(out, i)
		}
	}
	if f.Ranked() {
		slices.SortStableFunc(out, func(a, b int32) int { return score[b] - score[a] })
	}
	return out
}

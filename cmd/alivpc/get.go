package main

import (
	"bufio"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode"

	"github.com/charmbracelet/x/ansi"
	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/ui"
)

const getSynopsis = `alivpc get — list resources without the console: the same kinds, scopes, filter and request
budget as the console's panes.

KIND is any : command of the console or its alias: vpc, vsw (vswitches), rt, route, nat, snat,
dnat, eip, vpn, cgw, ipsec, vbr, bgp, bgppeer, bgpnet, peer, flowlog, gw, region, zone.
--region all lists every region at once. --parent scopes like ":vsw vpc-xxx" in the console.
--filter takes the console's / syntax; column:value names one of the kind's columns.

Output: table (aligned columns, the console's order), json (one array of the resources exactly
as the API returned them; pre-shared keys, BGP auth keys and SSL-VPN client keys masked unless
--show-secrets) or csv (a header row, then one row per resource).
Exit status: 0 on success; 1 when an API call failed (the error with its Code, Message and
RequestId goes to stderr; when some regions or listings answered, what they returned is still
printed and marked incomplete on stderr; when nothing arrived, stdout stays empty), or when a
listing was stopped: at {ceilings}, or when the API stopped advancing
(what arrived before is printed); 2 on a usage error (an unknown kind, format or --filter
column, which lists the kind's columns).

alivpc get all --region R|all -o json writes one JSON document with every kind: a header (format,
account, taken, regions), then "items" (kind, region, the parent it was listed under, the object
as the API returned it, secrets masked unless --show-secrets), each resource once, written as the
listings answer; then the time, the calls, the counts per kind and "missing": every listing
that failed (exit status 1). alivpc --snapshot FILE opens the console, read-only, on it.`

// getHelp is get's help: getSynopsis with the listing ceilings the client
// enforces, so that the text cannot drift from them.
func getHelp() string {
	return strings.Replace(getSynopsis, "{ceilings}", listingCeilings(client.MaxListingItems, client.MaxListingBytes, client.MaxListingPages), 1)
}

// listingCeilings says a listing's ceilings in words: "50,000 items,
// 32 MiB or 1,000 pages".
func listingCeilings(items, bytes, pages int) string {
	return fmt.Sprintf("%s items, %d MiB or %s pages", thousands(items), bytes>>20, thousands(pages))
}

const getExamples = `  alivpc get vswitches --region all -o json
  alivpc get all --region all -o json > snap.json && alivpc --snapshot snap.json
  alivpc get route --parent vtb-xxx -o csv
  alivpc get vpc --sim --filter status:available`

// connOptions are the flags that say where a command's calls go: the
// connection, the embedded simulator, the config file (get and path).
type connOptions struct {
	cf         connFlags
	sf         simFlags
	useSim     bool
	configPath string
}

func (o *connOptions) register(fs *pflag.FlagSet, simUse string) {
	o.cf.register(fs)
	o.sf.register(fs, false)
	fs.BoolVar(&o.useSim, "sim", false, simUse+" the embedded simulator (demo dataset by default)")
	fs.StringVar(&o.configPath, "config", ui.DefaultConfigPath(), "config `FILE` (its region is the default)")
}

// getOptions are the flags of `alivpc get` besides the connection's.
type getOptions struct {
	connOptions
	kind       *model.Kind
	allRegions bool
	parentID   string
	filter     string
	output     string
	secrets    bool
	flags      *pflag.FlagSet
}

func (o *getOptions) register(fs *pflag.FlagSet) {
	o.flags = fs
	o.connOptions.register(fs, "list from")
	fs.StringVar(&o.parentID, "parent", "", "list only the resources under this parent `ID` (vpc-…, vtb-…, ngw-…)")
	fs.StringVar(&o.filter, "filter", "", "keep rows matching `EXPR`, as / does in the console")
	fs.StringVarP(&o.output, "output", "o", "table", "output `FORMAT`: table, json or csv")
	fs.BoolVar(&o.secrets, "show-secrets", false, "print secret fields (IPsec pre-shared keys, BGP auth keys, SSL-VPN client keys) in -o json instead of ****")
}

// runGet lists; positional holds KIND (flags may come before or after it).
func runGet(o *getOptions, positional []string, stdout, stderr io.Writer) error {
	if len(positional) > 0 && strings.EqualFold(positional[0], "all") {
		return runGetAll(o, positional, stdout, stderr)
	}
	cf := &o.cf
	reg := model.Default()
	if err := o.resolve(reg, positional, cf); err != nil {
		return err
	}
	conn, err := o.connectFor(o.allRegions)
	if err != nil {
		return err
	}
	defer conn.close()

	ctx, stop := interruptible()
	defer stop()
	objs, failures, err := o.collect(ctx, conn, reg, stderr)
	if errors.Is(err, context.Canceled) {
		return interrupted()
	}
	if err != nil {
		return apiFailure(stderr, []error{err}, false)
	}
	objs = ui.FilterObjects(o.kind, objs, o.filter) // one row per resource (kind, region, ID)
	if len(failures) > 0 && len(objs) == 0 {
		// Nothing arrived (or nothing of what did passes the filter): stdout
		// stays empty, so a script never mistakes a failure for "none".
		return apiFailure(stderr, failures, false)
	}
	w := bufio.NewWriter(stdout)
	switch o.output {
	case "json":
		err = writeJSON(w, objs, o.secrets)
	case "csv":
		err = writeCSV(w, o.columns(), o.cells(objs))
	default:
		if len(objs) == 0 {
			fmt.Fprintf(stderr, "No %s found.\n", o.kind.Title)
			break
		}
		err = writeTable(w, o.columns(), o.cells(objs))
	}
	if ferr := w.Flush(); err == nil {
		err = ferr
	}
	if err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	if len(failures) > 0 {
		return apiFailure(stderr, failures, true)
	}
	return nil
}

// connectFor builds the command's client; the config file's region is the
// default (with all regions asked for and none configured, cn-hangzhou:
// any region's endpoint lists the regions).
func (o *connOptions) connectFor(all bool) (*connection, error) {
	cfg, err := ui.LoadConfig(o.configPath)
	if err != nil {
		return nil, usageError("%v", err)
	}
	defaultRegion := cfg.Region
	if all && defaultRegion == "" {
		defaultRegion = "cn-hangzhou"
	}
	return connect(&o.cf, o.useSim, &o.sf, defaultRegion)
}

// resolve checks the kind, the scope and the output format before any call
// is made.
func (o *getOptions) resolve(reg *model.Registry, positional []string, cf *connFlags) error {
	if len(positional) == 0 {
		return usageError("get: name a kind, e.g. alivpc get vsw\n%s", kindList(reg))
	}
	if len(positional) > 1 {
		return usageError("get: unexpected argument %q; scope with --parent ID or --region R (or all)", positional[1])
	}
	k, ok := reg.Lookup(positional[0])
	if !ok {
		return usageError("get: unknown kind %q\n%s", positional[0], kindList(reg))
	}
	o.kind = k
	switch o.output {
	case "table", "json", "csv":
	default:
		return usageError("get: -o %q: use table, json or csv", o.output)
	}
	if strings.EqualFold(cf.region, "all") {
		o.allRegions = !k.Global
		cf.region = ""
	}
	if err := checkFilterColumn(k, o.filter); err != nil {
		return err
	}
	if o.parentID != "" {
		pk := ui.KindOfID(o.parentID)
		if pk == "" {
			return usageError("get: --parent %q: not an ID alivpc knows (vpc-…, vsw-…, vtb-…, ngw-…, vpn-…, vbr-…)", o.parentID)
		}
		if _, ok := k.ScopeFor(pk); !ok && !k.IsUnion() {
			return usageError("get: %s cannot be scoped by a %s (%s)", k.Title, reg.MustLookup(pk).Singular, o.parentID)
		}
		if o.allRegions {
			return usageError("get: --parent lists one parent's resources; give its --region instead of all")
		}
	}
	return nil
}

// checkFilterColumn refuses a `column:value` filter whose column the kind
// does not have: the console would quietly search every cell for the whole
// text, and a script would get an empty result for a typo. Text that only
// looks like one (an IPv6 address, a URL) and `-f` fuzzy queries pass.
func checkFilterColumn(k *model.Kind, expr string) error {
	f := ui.ParseFilter(expr, k.Columns)
	if f.Column >= 0 || f.Fuzzy {
		return nil // the console's parse found the column (or it is -f)
	}
	q := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(expr), "!"))
	name, val, ok := strings.Cut(q, ":")
	if !ok || strings.HasPrefix(val, "//") || !columnLike(name) {
		return nil
	}
	names := make([]string, len(k.Columns))
	for i, c := range k.Columns {
		names[i] = strings.ToLower(strings.ReplaceAll(c.Name, " ", ""))
	}
	return usageError("get: --filter %q: %s have no column %q; columns: %s", expr, k.Title, strings.TrimSpace(name), strings.Join(names, ", "))
}

// columnLike reports whether s reads as a column name: letters first, then
// letters, digits and spaces, and not a group of an IPv6 address (1-4 hex
// digits).
func columnLike(s string) bool {
	s = strings.TrimSpace(s)
	if s == "" || !unicode.IsLetter(rune(s[0])) {
		return false
	}
	hex := len(s) <= 4
	for _, r := range s {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != ' ' && r != '-' && r != '_' {
			return false
		}
		if !strings.ContainsRune("0123456789abcdefABCDEF", r) {
			hex = false
		}
	}
	return !hex
}

// kindList is the help text naming every kind and its aliases.
func kindList(reg *model.Registry) string {
	var b strings.Builder
	b.WriteString("Kinds (and aliases):")
	for _, k := range reg.Kinds() {
		fmt.Fprintf(&b, "\n  %-11s %s", k.Name, k.Title)
		if len(k.Aliases) > 0 {
			fmt.Fprintf(&b, " (%s)", strings.Join(k.Aliases, ", "))
		}
	}
	return b.String()
}

// failure is a listing that did not answer.
type failure struct {
	where string
	err   error
}

func (f failure) Error() string {
	if f.where == "" {
		return f.err.Error()
	}
	return f.where + ": " + f.err.Error()
}

func (f failure) Unwrap() error { return f.err }

// collect lists the view with the console's planner and fan-out. A listing
// that fails is returned as a failure beside what did arrive; err is for
// what stops everything (the region list, the parent).
func (o *getOptions) collect(ctx context.Context, conn *connection, reg *model.Registry, stderr io.Writer) ([]*model.Object, []error, error) {
	c := conn.client
	regions := []string{conn.region}
	if o.allRegions {
		var err error
		if regions, err = listRegions(ctx, c, reg); err != nil {
			return nil, nil, err
		}
	}
	var parent *model.Object
	if o.parentID != "" {
		p, err := ui.FindObject(ctx, c, reg.MustLookup(ui.KindOfID(o.parentID)), conn.region, o.parentID)
		if err != nil {
			return nil, nil, err
		}
		parent = p
	}
	plan, expand := client.Plan(reg, o.kind, parent, regions)

	var mu sync.Mutex
	byKey := map[string]int{}
	var objs []*model.Object
	var failures []error
	prog := newProgress(stderr, o.progressLabel(parent, expand), len(plan)+len(expand))
	defer prog.stop()
	c.Collect(ctx, plan, expand, func(ev client.Event) bool {
		mu.Lock()
		defer mu.Unlock()
		for _, ob := range ev.Objects {
			key := ob.Kind.Name + "/" + ob.Region + "/" + ob.ID
			if i, ok := byKey[key]; ok {
				objs[i] = ob // a refined copy, or the same item on two pages
				continue
			}
			byKey[key] = len(objs)
			objs = append(objs, ob)
		}
		if ev.Err != nil {
			failures = append(failures, failure{listingPlace(ev.Listing), ev.Err})
		}
		prog.update(ev, len(objs))
		return true
	})
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	return objs, failures, nil
}

// listRegions lists the region IDs (every region when --region all).
func listRegions(ctx context.Context, c *client.Client, reg *model.Registry) ([]string, error) {
	var regions []string
	err := c.ListObjects(ctx, reg.MustLookup("region"), "", nil, func(objs []*model.Object, _ client.Page) error {
		for _, r := range objs {
			regions = append(regions, r.ID)
		}
		return nil
	})
	if err != nil {
		return nil, failure{"listing the regions", err}
	}
	return regions, nil
}

// listingPlace names where a listing ran, from its key
// ("vsw@cn-hangzhou?VpcId=vpc-1", "parents:rt@cn-hangzhou").
func listingPlace(key string) string {
	_, rest, ok := strings.Cut(key, "@")
	if !ok {
		return ""
	}
	region, params, _ := strings.Cut(rest, "?")
	if params != "" {
		return strings.TrimSpace(region + " " + params)
	}
	return region
}

func (o *getOptions) progressLabel(parent *model.Object, expand []client.Expansion) string {
	unit := "listings"
	if parent == nil && len(expand) == 0 && !o.kind.Global && !o.kind.IsUnion() {
		unit = "regions"
	}
	return "listing " + o.kind.Title + ": %d/%d " + unit + ", %s rows"
}

// columns are the view's column names; every-region listings get a leading
// Region column, since most resources do not carry their region.
func (o *getOptions) columns() []string {
	var out []string
	if o.withRegion() {
		out = append(out, "Region")
	}
	for _, c := range o.kind.Columns {
		out = append(out, c.Name)
	}
	return out
}

func (o *getOptions) withRegion() bool {
	if !o.allRegions {
		return false
	}
	_, has := o.kind.Column("Region")
	return !has
}

func (o *getOptions) cells(objs []*model.Object) [][]string {
	out := make([][]string, len(objs))
	for i, ob := range objs {
		cells := ui.Cells(o.kind, ob)
		if o.withRegion() {
			cells = append([]string{ob.Region}, cells...)
		}
		out[i] = cells
	}
	return out
}

// writeJSON writes one array of the resources exactly as the API returned
// them, secret fields masked unless asked for.
func writeJSON(w *bufio.Writer, objs []*model.Object, secrets bool) error {
	if len(objs) == 0 {
		_, err := w.WriteString("[]\n")
		return err
	}
	w.WriteString("[\n")
	for i, ob := range objs {
		w.WriteString("  ")
		raw := ob.Raw
		if !secrets {
			raw = ui.MaskSecrets(raw)
		}
		// The same JSON, with nothing a terminal would obey.
		w.Write(client.StripTerminalJSON(raw))
		if i < len(objs)-1 {
			w.WriteByte(',')
		}
		w.WriteByte('\n')
	}
	_, err := w.WriteString("]\n")
	return err
}

func writeCSV(w io.Writer, header []string, rows [][]string) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(header); err != nil {
		return err
	}
	if err := cw.WriteAll(rows); err != nil {
		return err
	}
	return cw.Error()
}

// writeTable aligns the columns as the console does, without colour and
// without cutting anything: a pipe or a file has no width.
func writeTable(w io.Writer, header []string, rows [][]string) error {
	widths := make([]int, len(header))
	for i, h := range header {
		widths[i] = ansi.StringWidth(h)
	}
	for _, r := range rows {
		for i, c := range r {
			if i < len(widths) {
				widths[i] = max(widths[i], ansi.StringWidth(c))
			}
		}
	}
	line := func(cells []string, upper bool) string {
		var b strings.Builder
		for i, c := range cells {
			if upper {
				c = strings.ToUpper(c)
			}
			b.WriteString(c)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-ansi.StringWidth(c)+2))
			}
		}
		return strings.TrimRight(b.String(), " ") + "\n"
	}
	if _, err := io.WriteString(w, line(header, true)); err != nil {
		return err
	}
	for _, r := range rows {
		if _, err := io.WriteString(w, line(r, false)); err != nil {
			return err
		}
	}
	return nil
}

// apiFailure prints failed calls (their Code, Message and RequestId are in
// the error text) and makes the exit status 1. Many listings failing the
// same way (a missing permission in every region) print a few and a count.
func apiFailure(stderr io.Writer, errs []error, partial bool) error {
	const shown = 5
	sort.SliceStable(errs, func(i, j int) bool { return errs[i].Error() < errs[j].Error() })
	for i, err := range errs {
		if i == shown {
			fmt.Fprintf(stderr, "alivpc: … and %d more failed listings\n", len(errs)-shown)
			break
		}
		// Code, Message and RequestId came from the network: no secret
		// echoed back and no control sequence reaches the terminal.
		fmt.Fprintln(stderr, "alivpc: "+client.Clean(err.Error()))
	}
	if partial {
		fmt.Fprintln(stderr, "alivpc: the output is incomplete: it has what arrived before the errors above")
	}
	return &exitError{code: 1, err: errQuiet}
}

// progress shows "listing VSwitches: 12/25 regions, 1,234 rows" on stderr
// while a terminal is watching, and nothing otherwise.
type progress struct {
	statusLine
	format  string
	mu      sync.Mutex
	planned int
	done    int
	rows    int
}

func newProgress(w io.Writer, format string, planned int) *progress {
	return &progress{statusLine: newStatusLine(w), format: format, planned: planned}
}

// update is called with the collector's lock held.
func (p *progress) update(ev client.Event, rows int) {
	if !p.enabled {
		return
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	p.planned += ev.Planned
	if ev.Done {
		p.done++
	}
	p.rows = rows
	p.show(p.format, p.done, p.planned, thousands(p.rows))
}

func (p *progress) stop() {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.clear()
}

// statusLine is one line on stderr, redrawn in place at most every 100 ms
// while a terminal is watching, and cleared at the end; it writes nothing
// to a pipe or a file.
type statusLine struct {
	w       io.Writer
	enabled bool
	last    time.Time
	shown   bool
}

func newStatusLine(w io.Writer) statusLine {
	return statusLine{w: w, enabled: isTerminal(w)}
}

// show redraws the line, unless it was drawn less than 100 ms ago.
func (l *statusLine) show(format string, args ...any) {
	if !l.enabled {
		return
	}
	if now := time.Now(); now.Sub(l.last) >= 100*time.Millisecond {
		l.last, l.shown = now, true
		fmt.Fprintf(l.w, "\r"+format+"\x1b[K", args...)
	}
}

// clear removes the line if it was drawn.
func (l *statusLine) clear() {
	if l.shown {
		fmt.Fprint(l.w, "\r\x1b[K")
	}
}

// isTerminal reports whether w is a character device (a terminal).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// thousands formats 1234567 as 1,234,567.
func thousands(n int) string {
	s := fmt.Sprint(n)
	if n < 0 {
		return "-" + thousands(-n)
	}
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

package main

import (
	"bufio"
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/ui"
)

// runGetAll is `alivpc get all`: one JSON document (client.SnapshotFormat)
// with every resource of every kind, written as the listings answer.
func runGetAll(o *getOptions, positional []string, stdout, stderr io.Writer) error {
	cf := &o.cf
	if len(positional) > 1 {
		return usageError("get all: unexpected argument %q; choose the regions with --region R or --region all", positional[1])
	}
	if o.output != "json" && o.output != "table" {
		return usageError("get all writes one JSON document (-o json); -o %s is not offered", o.output)
	}
	if o.parentID != "" || o.filter != "" {
		return usageError("get all lists everything: --parent and --filter are for one kind (alivpc get KIND)")
	}
	if o.flags == nil || !o.flags.Changed("max-concurrency") {
		cf.maxConcurrency = client.InventoryConcurrency
	}
	all := strings.EqualFold(cf.region, "all")
	if all {
		cf.region = ""
	}
	conn, err := o.connectFor(all)
	if err != nil {
		return err
	}
	defer conn.close()
	ctx, stop := interruptible()
	defer stop()

	inv := &inventoryWriter{w: bufio.NewWriterSize(stdout, inventoryBuffer), secrets: o.secrets}
	inv.build.Mask = func(raw json.RawMessage) json.RawMessage {
		// What the client must never write, whatever the flags: the
		// run's AccessKey secret, STS token and signatures, should an
		// endpoint echo them into an object; and unless --show-secrets
		// the pre-shared, BGP auth and client keys.
		if !o.secrets && hasSecretField(raw) {
			raw = ui.MaskSecrets(raw)
		}
		// (Not client.Scrub: its patterns would mask an empty key too,
		// which reads as a key being set.)
		if s := client.ScrubRun(string(raw)); s != string(raw) && json.Valid([]byte(s)) {
			raw = json.RawMessage(s)
		}
		return raw
	}
	err = inv.run(ctx, conn, all, stderr)
	if errors.Is(err, context.Canceled) || ctx.Err() != nil {
		return interrupted()
	}
	if err != nil {
		return apiFailure(stderr, []error{err}, false)
	}
	if len(inv.failures) > 0 {
		return apiFailure(stderr, inv.failures, true)
	}
	return nil
}

// secretFieldNames are model.SecretFields as they appear in JSON.
var secretFieldNames = func() [][]byte {
	var out [][]byte
	for _, f := range model.SecretFields() {
		out = append(out, []byte(`"`+f+`"`))
	}
	return out
}()

// hasSecretField reports whether raw may hold a secret field: most objects
// have none, and masking re-indents the object.
func hasSecretField(raw json.RawMessage) bool {
	for _, f := range secretFieldNames {
		if bytes.Contains(raw, f) {
			return true
		}
	}
	return false
}

// inventoryBuffer is how much of the document is held before it is
// written out (tests lower it).
var inventoryBuffer = 64 << 10

// inventoryWriter streams the document: the header, then each resource as
// its page arrives (each once), then the summary.
type inventoryWriter struct {
	w        *bufio.Writer
	secrets  bool
	mu       sync.Mutex
	build    client.SnapshotBuilder
	items    int
	pages    int
	done     int
	planned  int
	werr     error
	failures []error
}

func (inv *inventoryWriter) run(ctx context.Context, conn *connection, all bool, stderr io.Writer) error {
	c := conn.client
	reg := model.Default()
	start := time.Now()
	regions := []string{conn.region}
	var account string
	var acctErr error
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		id, err := c.GetCallerIdentity(ctx)
		if err != nil {
			acctErr = err
			return
		}
		account = id.AccountId
	}()
	if all {
		var err error
		if regions, err = listRegions(ctx, c, reg); err != nil {
			wg.Wait()
			return err
		}
	}
	wg.Wait()
	if acctErr != nil {
		inv.failures = append(inv.failures, failure{"the account (STS GetCallerIdentity)", acctErr})
	}
	head, _ := json.Marshal(client.SnapshotHeader{Format: client.SnapshotFormat, Account: account, Taken: start.UTC(),
		Regions: regions, SecretsShown: inv.secrets})
	// The header's closing brace gives way to the items array.
	inv.w.Write(head[:len(head)-1])
	inv.w.WriteString(",\n\"items\":[")

	plan, _ := client.InventoryPlan(reg, regions)
	inv.planned = len(plan)
	// "get all: 120/450 listings, 1,234 pages, 45,678 resources, 30 kinds"
	prog := newStatusLine(stderr)
	calls := c.Inventory(ctx, reg, regions, func(ev client.Event) bool {
		inv.mu.Lock()
		defer inv.mu.Unlock()
		inv.event(ev)
		if prog.enabled {
			prog.show("get all: %s/%s listings, %s pages, %s resources, %d kinds",
				thousands(inv.done), thousands(inv.planned), thousands(inv.pages), thousands(inv.items), len(inv.build.Counts))
		}
		return inv.werr == nil
	})
	prog.clear()
	if err := ctx.Err(); err != nil {
		return err
	}
	if inv.werr != nil {
		return fmt.Errorf("writing the output: %w", inv.werr)
	}
	if inv.build.Counts == nil {
		inv.build.Counts = map[string]int{}
	}
	missing := make([]string, len(inv.failures))
	for i, f := range inv.failures {
		missing[i] = client.Clean(f.Error())
	}
	sort.Strings(missing)
	tail, _ := json.Marshal(client.SnapshotSummary{Finished: time.Now().UTC(), Seconds: time.Since(start).Seconds(),
		Calls: calls, Counts: inv.build.Counts, Missing: missing})
	inv.w.WriteString("\n],\n")
	inv.w.Write(tail[1:])
	inv.w.WriteByte('\n')
	if err := inv.w.Flush(); err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	fmt.Fprintf(stderr, "alivpc: get all: %s resources of %d kinds in %d regions, account %s, %s calls, %.1fs%s\n",
		thousands(inv.items), len(inv.build.Counts), len(regions), cmp.Or(account, "?"), thousands(calls),
		time.Since(start).Seconds(), incompleteNote(len(inv.failures)))
	return nil
}

func incompleteNote(n int) string {
	if n == 0 {
		return ""
	}
	return fmt.Sprintf("; %d listing(s) failed, named below and in the document's \"missing\"", n)
}

// event writes the new resources of one event; the caller holds mu.
func (inv *inventoryWriter) event(ev client.Event) {
	inv.planned += ev.Planned
	if ev.Done {
		inv.done++
	}
	if ev.Err != nil {
		inv.failures = append(inv.failures, failure{listingWhat(ev.Listing), ev.Err})
	}
	if ev.Page > 0 && !ev.Update {
		inv.pages++
	}
	for _, it := range inv.build.Items(ev) {
		line, err := json.Marshal(it)
		if err == nil {
			if inv.items > 0 {
				inv.w.WriteByte(',')
			}
			inv.w.WriteByte('\n')
			_, err = inv.w.Write(line)
		}
		if err != nil {
			inv.werr = err
			return
		}
		inv.items++
	}
}

// listingWhat names what a failed listing would have brought: the kind's
// title, the region and the parent ("Route entries in cn-hangzhou
// RouteTableId=vtb-1").
func listingWhat(key string) string {
	name, _, _ := strings.Cut(key, "@")
	title := name
	if k, ok := model.Default().Lookup(name); ok {
		title = k.Title
	}
	if place := listingPlace(key); place != "" {
		if u, err := url.QueryUnescape(place); err == nil {
			place = u
		}
		return title + " in " + place
	}
	return title
}

package client

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"hash/maphash"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Page is one page of a listing, handed to the caller as soon as it
// arrives.
type Page struct {
	Items     []json.RawMessage
	Number    int // 1-based
	Total     int // TotalCount when the API reports it, else -1
	Pages     int // total pages when known, else 0
	RequestID string
	// Body is the whole response, for callers that need other fields.
	Body []byte

	echoed int    // the PageNumber the answer names, 0 if none
	next   string // the NextToken the answer names, "" if none
}

// ListRequest is one listing.
type ListRequest struct {
	Spec   model.ListSpec
	Region string
	// Params are filters (VpcId, ...). Page parameters are the pager's.
	Params map[string]string
	// PageSize overrides the spec's maximum (0 = the maximum, which means
	// the fewest calls).
	PageSize int
}

// The ceilings of one listing (one kind, one region, one parent). The
// API's real listings are far smaller: its quotas allow tens to thousands
// of VPCs, VSwitches or EIPs per region and hundreds of entries per route
// table, and the large simulated account (25 regions, 20,000 VSwitches,
// 108,067 route entries) has no listing above 800 items, its route entries
// being one listing per route table. A listing past a ceiling is a
// misbehaving endpoint (a TotalCount of 1e9, pages that never end, items
// of megabytes): the pager stops it with a *ListingStoppedError, and what
// arrived before is kept. At these ceilings `alivpc get` peaks under
// 300 MB of RSS (TestGetPeakMemoryAgainstAHostileEndpoint).
const (
	// MaxListingItems is the most items one listing hands out: 60 times
	// the largest listing of the large dataset (800 VSwitches).
	MaxListingItems = 50_000
	// MaxListingBytes is the most item JSON one listing hands out: 90
	// times that listing's 0.36 MB. It bounds memory where the item count
	// cannot (items of 100 KB; get holds about seven times the JSON it
	// keeps). Items under 670 bytes reach the item ceiling first (a
	// VSwitch or a route entry is about 450); VPCs (880) stop near 38,000.
	MaxListingBytes = 32 << 20
	// MaxListingPages is the most pages one listing reads: 50,000 items at
	// the smallest maximum page size (50).
	MaxListingPages = 1_000
)

// ListingStoppedError is a listing the pager stopped before its end: a
// ceiling was reached or a page added nothing new. The pages before it
// were handed out.
type ListingStoppedError struct {
	Action    string
	Pages     int // pages read
	Items     int // items handed out
	Reason    string
	RequestID string // of the last page read
}

func (e *ListingStoppedError) Error() string {
	rid := e.RequestID
	if rid == "" {
		rid = "none"
	}
	return fmt.Sprintf("%s: stopped listing after %s item(s) in %s page(s): %s; what arrived before is kept (RequestId %s)",
		e.Action, group(e.Items), group(e.Pages), e.Reason, rid)
}

// walk is the bookkeeping of one listing's pages: how much arrived, which
// items and next tokens were seen (as 64-bit hashes, so a hostile endpoint
// cannot grow it by sending large ones), and the ceilings.
type walk struct {
	action string
	seed   maphash.Seed
	items  map[uint64]struct{}
	tokens map[uint64]struct{}
	pages  int
	count  int
	bytes  int
}

func newWalk(action string) *walk {
	return &walk{action: action, seed: maphash.MakeSeed(), items: map[uint64]struct{}{}, tokens: map[uint64]struct{}{}}
}

func (w *walk) stop(rid, format string, args ...any) error {
	return &ListingStoppedError{Action: w.action, Pages: w.pages, Items: w.count, Reason: fmt.Sprintf(format, args...), RequestID: rid}
}

// admit records a page before it is handed out, and says whether to hand
// it out and how the walk ends after it (nil: it goes on). A page that is
// not the first, not empty, and whose every item was on an earlier page is
// not handed out: the API is not advancing (it ignores PageNumber, or
// repeats itself). A page that crosses a ceiling is cut to it, handed out,
// and ends the walk.
func (w *walk) admit(pg *Page) (bool, error) {
	w.pages++
	fresh := 0
	for i, it := range pg.Items {
		if w.count+i >= MaxListingItems || w.bytes+len(it) > MaxListingBytes {
			reason := fmt.Sprintf("reached the ceiling of %s items per listing", group(MaxListingItems))
			if w.count+i < MaxListingItems {
				reason = fmt.Sprintf("reached the ceiling of %d MiB of items per listing", MaxListingBytes>>20)
			}
			pg.Items = pg.Items[:i]
			w.count += i
			return true, w.stop(pg.RequestID, "%s", reason)
		}
		w.bytes += len(it)
		h := maphash.Bytes(w.seed, bytes.TrimSpace(it))
		if _, ok := w.items[h]; !ok {
			w.items[h] = struct{}{}
			fresh++
		}
	}
	if len(pg.Items) > 0 && fresh == 0 && w.pages > 1 {
		return false, w.stop(pg.RequestID, "page %d repeated only items already listed, so the API is not advancing", pg.Number)
	}
	w.count += len(pg.Items)
	return true, nil
}

// hand admits a page and hands it to fn; an error ends the walk.
func (w *walk) hand(pg *Page, fn func(Page) error) error {
	ok, end := w.admit(pg)
	if ok {
		if err := fn(*pg); err != nil {
			return err
		}
	}
	return end
}

// more is called after a page was handed out when the listing has more
// pages: it stops the walk at a ceiling. total is the TotalCount the API
// reported, or -1.
func (w *walk) more(rid string, total int) error {
	switch {
	case total > MaxListingItems:
		return w.stop(rid, "the API reports %s items (TotalCount), more than the ceiling of %s per listing", group(total), group(MaxListingItems))
	case w.count >= MaxListingItems:
		return w.stop(rid, "reached the ceiling of %s items per listing", group(MaxListingItems))
	case w.pages >= MaxListingPages:
		return w.stop(rid, "reached the ceiling of %s pages per listing", group(MaxListingPages))
	}
	return nil
}

// token records a NextToken; a token seen before means the API is going
// round in circles.
func (w *walk) token(rid, tok string) error {
	h := maphash.String(w.seed, tok)
	if _, ok := w.tokens[h]; ok {
		shown := tok
		if len(shown) > 40 {
			shown = shown[:40] + "…"
		}
		return w.stop(rid, "the API repeated NextToken %q, so it is going round in circles", shown)
	}
	w.tokens[h] = struct{}{}
	return nil
}

// group formats 1234567 as 1,234,567.
func group(n int) string {
	if n < 0 {
		return "-" + group(-n)
	}
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

// List walks every page of a listing in order and calls fn with each one.
// Pages of one listing are sequential: the API answers deep page skipping
// with Throttling.DeepPageSkip, and the next token needs the previous page.
// fn returning an error stops the walk with that error. A walk that
// reaches a ceiling (MaxListingItems, MaxListingPages), or meets a page
// that adds nothing new, ends with a *ListingStoppedError after the pages
// before it were handed out.
func (c *Client) List(ctx context.Context, lr ListRequest, fn func(Page) error) error {
	spec := lr.Spec
	size := lr.PageSize
	if size <= 0 || (spec.MaxPageSize > 0 && size > spec.MaxPageSize) {
		size = spec.MaxPageSize
	}
	sizeParam := spec.SizeParam
	if sizeParam == "" {
		sizeParam = "PageSize"
		if spec.Paging == model.NextTokenPaging {
			sizeParam = "MaxResults"
		}
	}
	params := func() map[string]string {
		p := make(map[string]string, len(spec.Params)+len(lr.Params)+3)
		for k, v := range spec.Params {
			p[k] = v
		}
		for k, v := range lr.Params {
			p[k] = v
		}
		if spec.Paging != model.NoPaging && size > 0 {
			p[sizeParam] = strconv.Itoa(size)
		}
		return p
	}
	// call fetches page n with parameters p.
	call := func(p map[string]string, n int) (Page, error) {
		resp, err := c.Do(ctx, Request{Product: spec.Product, Action: spec.Action, Region: lr.Region, NoRegionParam: spec.NoRegion, Params: p})
		if err != nil {
			return Page{}, err
		}
		pg, err := parsePage(spec, resp)
		pg.Number = n
		return pg, err
	}

	w := newWalk(spec.Action)
	switch spec.Paging {
	case model.PageNumberPaging:
		pages := 0
		for n := 1; ; n++ {
			p := params()
			p["PageNumber"] = strconv.Itoa(n)
			pg, err := call(p, n)
			if err != nil {
				return err
			}
			if pg.echoed > 0 && pg.echoed != n {
				w.pages++
				return w.stop(pg.RequestID, "asked for page %d, the API answered page %d, so it is not advancing", n, pg.echoed)
			}
			if pg.Total >= 0 {
				eff := size
				if eff <= 0 {
					eff = len(pg.Items)
				}
				if eff > 0 {
					pages = (pg.Total + eff - 1) / eff
				}
				pg.Pages = pages
			}
			if err := w.hand(&pg, fn); err != nil {
				return err
			}
			// Stop at the reported page count; without one, at the first
			// short page.
			if pages > 0 && n >= pages || pg.Total < 0 && len(pg.Items) < size || len(pg.Items) == 0 {
				return nil
			}
			if err := w.more(pg.RequestID, pg.Total); err != nil {
				return err
			}
		}
	case model.NextTokenPaging:
		token := ""
		for n := 1; ; n++ {
			p := params()
			if token != "" {
				p["NextToken"] = token
			}
			pg, err := call(p, n)
			if err != nil {
				return err
			}
			if err := w.hand(&pg, fn); err != nil {
				return err
			}
			next := pg.next
			if next == "" {
				return nil
			}
			if err := w.token(pg.RequestID, next); err != nil {
				return err
			}
			if err := w.more(pg.RequestID, pg.Total); err != nil {
				return err
			}
			token = next
		}
	default:
		pg, err := call(params(), 1)
		if err != nil {
			return err
		}
		pg.Pages = 1
		if pg.Total < 0 {
			pg.Total = len(pg.Items)
		}
		return w.hand(&pg, fn)
	}
}

// parsePage extracts the items at spec.Path and the total count.
func parsePage(spec model.ListSpec, resp *Response) (Page, error) {
	pg := Page{Total: -1, RequestID: resp.RequestID, Body: resp.Body}
	var top map[string]json.RawMessage
	if err := json.Unmarshal(resp.Body, &top); err != nil {
		return pg, &MalformedResponseError{Action: spec.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(resp.Body)}
	}
	if tc, ok := top["TotalCount"]; ok {
		var n model.FlexInt
		if err := json.Unmarshal(tc, &n); err == nil {
			pg.Total = int(n)
		}
	}
	if spec.Paging == model.NextTokenPaging {
		// Read from the answer already parsed, the key in any case (as a
		// struct field would match it).
		raw, ok := top["NextToken"]
		for key, r := range top {
			if !ok && strings.EqualFold(key, "NextToken") {
				raw, ok = r, true
			}
		}
		if ok {
			_ = json.Unmarshal(raw, &pg.next)
		}
	}
	if pn, ok := top["PageNumber"]; ok {
		var n model.FlexInt
		if err := json.Unmarshal(pn, &n); err == nil && n > 0 {
			pg.echoed = int(n)
		}
	}
	items, err := itemsAt(top, spec.Path)
	if err != nil {
		return pg, &MalformedResponseError{Action: spec.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(resp.Body)}
	}
	pg.Items = items
	return pg, nil
}

// itemsAt walks a dotted path to an array. A missing path is an empty list
// (the API omits empty wrappers); a lone object where an array belongs is a
// one-item list (some answers do that for single results). A part ending
// in "[]" is an array whose elements the rest of the path is walked in,
// their items joined: "RouteTables.RouteTable[].RouteEntrys.RouteEntry" is
// every entry of every table.
func itemsAt(top map[string]json.RawMessage, path string) ([]json.RawMessage, error) {
	if outer, rest, ok := strings.Cut(path, "[]."); ok {
		elems, err := itemsAt(top, outer)
		if err != nil {
			return nil, err
		}
		var out []json.RawMessage
		for _, e := range elems {
			var m map[string]json.RawMessage
			if err := json.Unmarshal(e, &m); err != nil {
				return nil, fmt.Errorf("%s: %w", outer, err)
			}
			items, err := itemsAt(m, rest)
			if err != nil {
				return nil, err
			}
			out = append(out, items...)
		}
		return out, nil
	}
	parts := strings.Split(path, ".")
	cur := top
	for i, part := range parts {
		raw, ok := cur[part]
		if !ok || string(raw) == "null" {
			return nil, nil
		}
		if i == len(parts)-1 {
			trimmed := strings.TrimSpace(string(raw))
			switch {
			case strings.HasPrefix(trimmed, "["):
				var arr []json.RawMessage
				if err := json.Unmarshal(raw, &arr); err != nil {
					return nil, fmt.Errorf("%s: %w", path, err)
				}
				return arr, nil
			case strings.HasPrefix(trimmed, "{"):
				return []json.RawMessage{raw}, nil
			case trimmed == `""`:
				return nil, nil
			default:
				return nil, fmt.Errorf("%s is not a list", path)
			}
		}
		var next map[string]json.RawMessage
		if err := json.Unmarshal(raw, &next); err != nil {
			// An empty wrapper is sometimes "" rather than {}.
			if strings.TrimSpace(string(raw)) == `""` {
				return nil, nil
			}
			return nil, fmt.Errorf("%s: %w", strings.Join(parts[:i+1], "."), err)
		}
		cur = next
	}
	return nil, nil
}

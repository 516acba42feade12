package client

import (
	"context"
	"encoding/json"
	"fmt"
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

// maxPages guards against a server that never stops paging.
const maxPages = 100000

// List walks every page of a listing in order and calls fn with each one.
// Pages of one listing are sequential: the API answers deep page skipping
// with Throttling.DeepPageSkip, and the next token needs the previous page.
// fn returning an error stops the walk with that error.
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
	call := func(p map[string]string) (*Response, error) {
		return c.Do(ctx, Request{Product: spec.Product, Action: spec.Action, Region: lr.Region, NoRegionParam: spec.NoRegion, Params: p})
	}

	switch spec.Paging {
	case model.PageNumberPaging:
		pages := 0
		for n := 1; n <= maxPages; n++ {
			p := params()
			p["PageNumber"] = strconv.Itoa(n)
			resp, err := call(p)
			if err != nil {
				return err
			}
			pg, err := parsePage(spec, resp)
			if err != nil {
				return err
			}
			pg.Number = n
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
			if err := fn(pg); err != nil {
				return err
			}
			// Stop at the reported page count; without one, at the first
			// short page.
			if pages > 0 && n >= pages || pg.Total < 0 && len(pg.Items) < size || len(pg.Items) == 0 {
				return nil
			}
		}
		return fmt.Errorf("%s: gave up after %d pages", spec.Action, maxPages)
	case model.NextTokenPaging:
		token := ""
		seen := map[string]bool{}
		for n := 1; n <= maxPages; n++ {
			p := params()
			if token != "" {
				p["NextToken"] = token
			}
			resp, err := call(p)
			if err != nil {
				return err
			}
			pg, err := parsePage(spec, resp)
			if err != nil {
				return err
			}
			pg.Number = n
			if err := fn(pg); err != nil {
				return err
			}
			next := nextToken(resp.Body)
			if next == "" {
				return nil
			}
			if seen[next] {
				return fmt.Errorf("%s: the API repeated NextToken %q; stopping to avoid a loop (RequestId %s)", spec.Action, next, resp.RequestID)
			}
			seen[next] = true
			token = next
		}
		return fmt.Errorf("%s: gave up after %d pages", spec.Action, maxPages)
	default:
		resp, err := call(params())
		if err != nil {
			return err
		}
		pg, err := parsePage(spec, resp)
		if err != nil {
			return err
		}
		pg.Number, pg.Pages = 1, 1
		if pg.Total < 0 {
			pg.Total = len(pg.Items)
		}
		return fn(pg)
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
	items, err := itemsAt(top, spec.Path)
	if err != nil {
		return pg, &MalformedResponseError{Action: spec.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(resp.Body)}
	}
	pg.Items = items
	return pg, nil
}

// itemsAt walks a dotted path to an array. A missing path is an empty list
// (the API omits empty wrappers); a lone object where an array belongs is a
// one-item list (some answers do that for single results).
func itemsAt(top map[string]json.RawMessage, path string) ([]json.RawMessage, error) {
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

func nextToken(body []byte) string {
	var t struct {
		NextToken string `json:"NextToken"`
	}
	_ = json.Unmarshal(body, &t)
	return t.NextToken
}

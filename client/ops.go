package client

import (
	"context"
	"encoding/json"
	"fmt"
	"reflect"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Invoke sends one typed operation: in (a struct, see EncodeParams) becomes
// the parameters and the answer is decoded into a new O. A write whose input
// has an empty ClientToken field gets a fresh token, so that the call may be
// retried safely; callers that resubmit the same form pass their own token,
// or a salt (WithTokenSalt) the token is derived from with the parameters.
func Invoke[O any](ctx context.Context, c *Client, product model.Product, action, region string, in any) (*O, error) {
	// A write's token is made once: derived from the salt and the
	// parameters when the context has a salt, else drawn at random when
	// the caller left it empty.
	salt := ""
	if !readAction(action) {
		salt = tokenSalt(ctx)
	}
	if salt == "" {
		ensureClientToken(in)
	}
	params, err := EncodeParams(in)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", action, err)
	}
	if f := tokenField(in); salt != "" && f.IsValid() {
		params["ClientToken"] = ClientTokenFor(salt, params)
		f.SetString(params["ClientToken"])
	}
	if r, ok := params["RegionId"]; ok && r != "" {
		region = r
	}
	resp, err := c.Do(ctx, Request{Product: product, Action: action, Region: region, Params: params})
	if err != nil {
		if !readAction(action) {
			// A failed write keeps what was sent, for the audit log.
			err = &CallError{Action: action, Params: RedactParams(params), Err: err}
		}
		return nil, err
	}
	out := new(O)
	if err := resp.Decode(action, out); err != nil {
		return nil, err
	}
	return out, nil
}

// Op is one typed operation declared as data: the product and action it
// sends, its input I (a struct of parameters, see EncodeParams) and its
// answer O. The
// ops_*.go files declare one a line, e.g.
//
//	var DeleteVpc = Op[DeleteVpcInput, Result]{model.ProductVPC, "DeleteVpc"}
//
// and callers send it with DeleteVpc.Call(ctx, c, in).
type Op[I, O any] struct {
	Product model.Product
	Action  string
}

// Call sends the operation through Invoke. Invoke takes RegionId from the
// encoded input, so a nil input cannot panic and the endpoint always
// matches the RegionId sent.
func (o Op[I, O]) Call(ctx context.Context, c *Client, in *I) (*O, error) {
	return Invoke[O](ctx, c, o.Product, o.Action, "", in)
}

// Func is Call with the client first: the shape of a method expression, for
// code that takes an operation as a function of the client.
func (o Op[I, O]) Func(c *Client, ctx context.Context, in *I) (*O, error) {
	return o.Call(ctx, c, in)
}

// ListOp is a Describe* listing declared as data: the registry kind whose
// list call and pager it walks, its filter I and its item T.
type ListOp[I, T any] struct {
	Kind string
}

// Call lists every item of the kind as *T (see listFiltered).
func (o ListOp[I, T]) Call(ctx context.Context, c *Client, filter *I) ([]*T, error) {
	k, ok := model.Default().Lookup(o.Kind)
	if !ok {
		return nil, fmt.Errorf("client: unknown kind %q", o.Kind)
	}
	return listFiltered[T](ctx, c, k, filter)
}

// listFiltered lists every item of k as *T. The filter's RegionId selects
// the region (and endpoint); every other field becomes a filter parameter.
// The pager owns PageNumber/PageSize/NextToken.
func listFiltered[T any](ctx context.Context, c *Client, k *model.Kind, filter any) ([]*T, error) {
	params, err := EncodeParams(filter)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", k.List.Action, err)
	}
	region := params["RegionId"]
	delete(params, "RegionId")
	return ListTyped[T](ctx, c, k, region, params)
}

// DescribeOp is a describe-one call declared as data: IDParam names the
// input parameter holding the ID, and the answer's field of the same name
// holds it back.
type DescribeOp[I, T any] struct {
	Product model.Product
	Action  string
	IDParam string
}

// Call fetches one resource and reports an answer without an ID as
// *NotFoundError (how the attribute calls answer for a deleted ID).
func (o DescribeOp[I, T]) Call(ctx context.Context, c *Client, in *I) (*T, error) {
	out, err := Invoke[T](ctx, c, o.Product, o.Action, "", in)
	if err != nil {
		return nil, err
	}
	if id := reflect.ValueOf(out).Elem().FieldByName(o.IDParam); id.Kind() != reflect.String || id.String() == "" {
		params, _ := EncodeParams(in)
		return nil, &NotFoundError{Action: o.Action, ID: params[o.IDParam]}
	}
	return out, nil
}

// newClientToken draws a random token (a variable so that a test can count
// the draws).
var newClientToken = NewClientToken

// ensureClientToken fills an empty ClientToken string field of *in.
func ensureClientToken(in any) {
	if f := tokenField(in); f.IsValid() && f.String() == "" {
		f.SetString(newClientToken())
	}
}

func tokenField(in any) reflect.Value {
	v := reflect.ValueOf(in)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return reflect.Value{}
	}
	f := v.Elem().FieldByName("ClientToken")
	if f.IsValid() && f.Kind() == reflect.String && f.CanSet() {
		return f
	}
	return reflect.Value{}
}

// Result is the answer of a write that returns only a RequestId.
type Result struct {
	RequestId string `json:"RequestId"`
}

// ListObjects walks a kind's listing and hands each page to fn as decoded
// objects. Items that do not decode are reported as one error after the
// walk, so a single odd item never hides the rest.
func (c *Client) ListObjects(ctx context.Context, k *model.Kind, region string, params map[string]string, fn func([]*model.Object, Page) error) error {
	var bad []string
	err := c.List(ctx, ListRequest{Spec: k.List, Region: region, Params: params}, func(pg Page) error {
		objs := make([]*model.Object, 0, len(pg.Items))
		for _, raw := range pg.Items {
			o, err := k.Decode(region, raw)
			if err != nil {
				bad = append(bad, err.Error())
				continue
			}
			objs = append(objs, o)
		}
		return fn(objs, pg)
	})
	if err != nil {
		return err
	}
	if len(bad) > 0 {
		return &MalformedResponseError{Action: k.List.Action, Err: fmt.Errorf("%d item(s) could not be read: %s", len(bad), bad[0])}
	}
	return nil
}

// ListTyped collects every item of a kind as *T.
func ListTyped[T any](ctx context.Context, c *Client, k *model.Kind, region string, params map[string]string) ([]*T, error) {
	var out []*T
	err := c.ListObjects(ctx, k, region, params, func(objs []*model.Object, _ Page) error {
		for _, o := range objs {
			t, ok := o.Val().(*T)
			if !ok {
				return fmt.Errorf("kind %s decodes to %T, not %T", k.Name, o.Value, t)
			}
			out = append(out, t)
		}
		return nil
	})
	return out, err
}

// Get fetches one resource through its kind's GetSpec for status tracking.
// It returns (nil, nil) when the resource is gone: a not-found code, or an
// answer whose ID field is empty (how attribute calls answer for a deleted
// resource). prev supplies parameters such as the parent table (GetSpec.With).
func (c *Client) Get(ctx context.Context, k *model.Kind, region, id string, prev *model.Object) (*model.Object, error) {
	return c.GetWith(ctx, k, region, id, prev, nil)
}

// GetWith is Get with extra parameters for the describe call, for when no
// previous object carries them yet (a new route entry's table).
func (c *Client) GetWith(ctx context.Context, k *model.Kind, region, id string, prev *model.Object, extra map[string]string) (*model.Object, error) {
	g := k.Get
	if g == nil {
		return nil, fmt.Errorf("%s cannot be fetched by ID", k.Title)
	}
	params := map[string]string{g.IDParam: id}
	for pk, pv := range g.Params {
		params[pk] = pv
	}
	for pk, pv := range extra {
		params[pk] = pv
	}
	if g.With != nil && prev != nil {
		for pk, pv := range g.With(prev) {
			if pv != "" {
				params[pk] = pv
			}
		}
	}
	resp, err := c.Do(ctx, Request{Product: g.Product, Action: g.Action, Region: region, Params: params})
	if err != nil {
		code := ErrorCode(err)
		for _, nf := range g.NotFound {
			if code == nf {
				return nil, nil
			}
		}
		return nil, err
	}
	var raw json.RawMessage
	if g.Path == "" {
		raw = stripRequestID(resp.Body)
	} else {
		var top map[string]json.RawMessage
		if err := json.Unmarshal(resp.Body, &top); err != nil {
			return nil, &MalformedResponseError{Action: g.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(resp.Body)}
		}
		items, err := itemsAt(top, g.Path)
		if err != nil {
			return nil, &MalformedResponseError{Action: g.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(resp.Body)}
		}
		for _, it := range items {
			if g.IDField == "" || idOf(it, g.IDField) == id {
				raw = it
				break
			}
		}
		if raw == nil {
			return nil, nil
		}
	}
	if g.IDField != "" && idOf(raw, g.IDField) == "" {
		return nil, nil
	}
	o, err := k.Decode(region, raw)
	if err != nil {
		return nil, &MalformedResponseError{Action: g.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(raw)}
	}
	return o, nil
}

func idOf(raw json.RawMessage, field string) string {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return ""
	}
	var s model.FlexString
	if json.Unmarshal(m[field], &s) != nil {
		return ""
	}
	return string(s)
}

// stripRequestID removes the envelope's RequestId so an attribute answer
// reads as the resource itself.
func stripRequestID(body []byte) json.RawMessage {
	var m map[string]json.RawMessage
	if json.Unmarshal(body, &m) != nil {
		return body
	}
	delete(m, "RequestId")
	b, err := json.Marshal(m)
	if err != nil {
		return body
	}
	return b
}

// Enrich runs a kind's extra calls for one object (a region's zones and
// service status). Each failure is collected; the object keeps what did
// arrive.
func (c *Client) Enrich(ctx context.Context, o *model.Object) error {
	var errs []string
	for _, x := range o.Kind.Extras {
		params := map[string]string{}
		if x.Params != nil {
			params = x.Params(o)
		}
		region := o.Region
		if region == "" {
			region = o.ID
		}
		resp, err := c.Do(ctx, Request{Product: x.Product, Action: x.Action, Region: region, Params: params})
		if err != nil {
			errs = append(errs, x.Name+": "+err.Error())
			continue
		}
		if err := x.Apply(o, resp.Body); err != nil {
			errs = append(errs, x.Name+": "+err.Error())
		}
	}
	if len(errs) > 0 {
		return fmt.Errorf("%s %s: %s", o.Kind.Singular, o.ID, strings.Join(errs, "; "))
	}
	return nil
}

package forms

import (
	"context"
	"errors"
	"fmt"
	"reflect"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Forms declared as data. The requests of the plainest changes (a delete
// by ID, a name-and-description edit) are built from the API's parameter
// names the client encodes (client.ParamFields) — so a family declares which
// parameter carries what and the kit writes the request; answers are read
// by field name the same way. A family writes by hand only its own rules.

// fill sets the fields of the request *in by API parameter name. A value
// whose parameter the request does not carry (or carries as another type)
// is left out: a call without ClientToken or Force gets none. A true sent
// as text (the bandwidth packages' Force) is "true"; a false stays unset.
func fill(in any, vals map[string]any) {
	v := reflect.ValueOf(in)
	if v.Kind() != reflect.Pointer || v.IsNil() || v.Elem().Kind() != reflect.Struct {
		return
	}
	for param, f := range client.ParamFields(v.Elem()) {
		x, ok := vals[param]
		if !ok {
			continue
		}
		xv := reflect.ValueOf(x)
		switch {
		case !f.CanSet() || !xv.IsValid():
		case xv.Type().AssignableTo(f.Type()):
			f.Set(xv)
		case xv.Kind() == reflect.Bool && f.Kind() == reflect.String && xv.Bool():
			f.SetString("true")
		}
	}
}

// answer reads the string field name of an API answer (a pointer to the
// client's output struct): "" when it has none.
func answer(out any, name string) string {
	v := reflect.ValueOf(out)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return ""
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return ""
	}
	if f := v.FieldByName(name); f.IsValid() && f.Kind() == reflect.String {
		return f.String()
	}
	return ""
}

// deleteByID completes spec (what the dialog says) with the operation's
// action and the Run of a delete whose request is the resource's region and
// its ID as idParam, with the dialog's token and force where the call takes
// them.
func deleteByID[In any](spec DeleteSpec, idParam string, op client.Op[In, client.Result]) *DeleteSpec {
	return deleteWith(spec, op, func(o *model.Object) map[string]any { return map[string]any{idParam: o.ID} })
}

// deleteByValues is deleteByID for an entry the delete names by values it
// has (its table and its own ID; a BGP network's router and block): the
// request carries the resource's value of each of params.
func deleteByValues[In any](spec DeleteSpec, op client.Op[In, client.Result], params ...string) *DeleteSpec {
	return deleteWith(spec, op, func(o *model.Object) map[string]any {
		have, vals := Current(o), map[string]any{}
		for _, p := range params {
			if s, ok := have[p].(string); ok {
				vals[p] = s
			}
		}
		return vals
	})
}

// deleteWith completes spec with the Run of a delete whose request is the
// resource's region, what names says, and the dialog's token and force
// where the call takes them.
func deleteWith[In any](spec DeleteSpec, op client.Op[In, client.Result], names func(o *model.Object) map[string]any) *DeleteSpec {
	spec.Action = op.Action
	spec.Run = sendDelete(op.Action, op.Func, func(o *model.Object, token string, force bool) *In {
		vals := names(o)
		vals["RegionId"], vals["ClientToken"], vals["Force"] = o.Region, token, force
		in := new(In)
		fill(in, vals)
		return in
	})
	return &spec
}

// dryDeleteByID is deleteByID for a delete the API can dry-run (DryRun
// true validates it without deleting): the dialog offers the dry run.
func dryDeleteByID[In any](spec DeleteSpec, idParam string, op client.Op[In, client.Result]) *DeleteSpec {
	spec.Dry = func(ctx context.Context, fc *FormCtx, o *model.Object, _ bool) error {
		in := new(In)
		fill(in, map[string]any{"RegionId": o.Region, idParam: o.ID, "DryRun": true})
		_, err := op.Call(ctx, fc.Client, in)
		return err
	}
	return deleteByID(spec, idParam, op)
}

// created is the submitted of m's create from the call's answer (out,
// err): the new resource's ID is the answer's idField, and an answer
// without one (nothing to follow) is an error.
func created(fc *FormCtx, m Mutation, kind, idField string, in, out any, err error) (*Submitted, error) {
	if err != nil {
		return nil, err
	}
	id := answer(out, idField)
	if id == "" {
		return nil, fmt.Errorf("%s answered without %s", m.Action(), withArticle(idField))
	}
	return made(fc, kind, id, answer(out, "RequestId"), in, nil), nil
}

// upsert sends in, a request create and edit share, as an edit of id
// (through modify; nothing when unchanged) or, with no id, as m's create
// (through create, whose answer names the new ID in idField).
func upsert[In, O1, O2 any](ctx context.Context, fc *FormCtx, m Mutation, kind, id, idField string, in *In,
	modify func(*client.Client, context.Context, *In) (*O1, error), create func(*client.Client, context.Context, *In) (*O2, error)) (*Submitted, error) {
	if id != "" {
		return sendEdit(ctx, fc, modify, in, kind, id)
	}
	out, err := create(fc.Client, ctx, in)
	return created(fc, m, kind, idField, in, out, err)
}

// createdIn and sendEditIn are created and sendEdit for an entry that is
// fetched by ID only together with its table (route, SNAT and DNAT entries,
// IPv6 egress rules): the tracker passes table with every describe call.
func createdIn(fc *FormCtx, m Mutation, kind, idField string, table map[string]string, in, out any, err error) (*Submitted, error) {
	res, err := created(fc, m, kind, idField, in, out, err)
	if res != nil {
		res.GetParams = table
	}
	return res, err
}

func sendEditIn[In, Out any](ctx context.Context, fc *FormCtx, call func(*client.Client, context.Context, *In) (*Out, error), in *In, kind, id string,
	table map[string]string) (*Submitted, error) {
	res, err := sendEdit(ctx, fc, call, in, kind, id)
	if res != nil && !res.Unchanged {
		res.GetParams = table
	}
	return res, err
}

// changed is the submitted of a call that changed id of kind, from its
// answer (out, err), followed to target (the kind's own when nil).
func changed(fc *FormCtx, kind, id string, target []string, in, out any, err error) (*Submitted, error) {
	if err != nil {
		return nil, err
	}
	return made(fc, kind, id, answer(out, "RequestId"), in, target), nil
}

// sent is what a call on o returns from its answer (out, err): followed
// until o is gone (target nil) or reads one of target; action names the
// call when it is not the form's.
func sent(o *model.Object, action string, in any, out any, err error, target []string) (*Submitted, error) {
	if err != nil {
		return nil, err
	}
	if target == nil {
		return removed(o, action, answer(out, "RequestId"), in), nil
	}
	res := result(o.Kind, o.Region, o.ID, answer(out, "RequestId"), in, target)
	res.Action = action
	return res, nil
}

// withArticle is "a HaVipId", "an Ipv6GatewayId".
func withArticle(noun string) string {
	if noun != "" && strings.ContainsRune("AEIOUaeiou", rune(noun[0])) {
		return "an " + noun
	}
	return "a " + noun
}

// sendEdit sends an edit of id (kind) unless its request carries only
// values the resource already has (unchangedEdit): then nothing is sent.
func sendEdit[In, Out any](ctx context.Context, fc *FormCtx, call func(*client.Client, context.Context, *In) (*Out, error), in *In, kind, id string) (*Submitted, error) {
	return sendEditTo(ctx, fc, call, in, kind, id, nil)
}

// sendEditTo is sendEdit followed until id reads one of target (the
// kind's own when nil): a rejected line applies again, a peering
// reactivates, an IPsec connection renegotiates.
func sendEditTo[In, Out any](ctx context.Context, fc *FormCtx, call func(*client.Client, context.Context, *In) (*Out, error), in *In, kind, id string,
	target []string) (*Submitted, error) {
	if res := unchangedEdit(fc.Target, in); res != nil {
		return res, nil
	}
	out, err := call(fc.Client, ctx, in)
	return changed(fc, kind, id, target, in, out, err)
}

// attrEditOf declares the selected resource's name-and-description edit
// (what: "flow log"): the request carries its ID as idParam, the name as
// nameParam and the description, with the form's token where the call
// takes one; the form starts from the values the resource has.
func attrEditOf[In, Out any](fc *FormCtx, what, idParam, nameParam string, op client.Op[In, Out]) *AttrEdit[In] {
	o := fc.Target
	have := Current(o)
	name, _ := have[nameParam].(string)
	desc, _ := have["Description"].(string)
	return &AttrEdit[In]{title: "Edit " + what + " " + o.ID, APIAction: op.Action, Name: name, Desc: desc,
		request: func(fc *FormCtx, name, desc, token string) *In {
			in := new(In)
			fill(in, map[string]any{"RegionId": fc.Region, idParam: o.ID, nameParam: name, "Description": desc, "ClientToken": token})
			return in
		},
		send: func(ctx context.Context, fc *FormCtx, in *In) (*Submitted, error) {
			return sendEdit(ctx, fc, op.Func, in, o.Kind.Name, o.ID)
		}}
}

// reread reads o again when a form on it opens (its status decides, and
// the row or a draft may be older): nil when nothing can be done, and then
// *refuse says why (it is gone) or err what failed.
func reread(ctx context.Context, fc *FormCtx, o *model.Object, refuse *string) (*model.Object, error) {
	fresh, refusal, err := Refetch(ctx, fc.Client, o)
	if err != nil || refusal != "" {
		*refuse = refusal
		return nil, err
	}
	return fresh, nil
}

// rereadAs is reread for a form that judges its resource's typed value:
// *v gets it and *refuse the gate's answer; ok says the form may go on
// (read again, and not refused).
func rereadAs[T any](ctx context.Context, fc *FormCtx, o *model.Object, refuse *string, v **T, gate func(*T) string) (ok bool, err error) {
	fresh, err := reread(ctx, fc, o, refuse)
	if fresh == nil {
		return false, err
	}
	t, isT := fresh.Val().(*T)
	if !isT {
		return false, fmt.Errorf("%s: the API answered another kind of resource", o.ID)
	}
	*v, *refuse = t, gate(t)
	return *refuse == "", nil
}

// gated is what a change to the selected resource declares (the GA and
// shared bandwidth package changes): its title and API action, its fields
// and their check. While Refuse says why it cannot be made now, the form
// says that instead of its fields and nothing can be sent.
type gated struct {
	Refuse        string
	title, action string
	fields        func() []huh.Field
	check         func() error
}

func (g *gated) Title() string  { return g.title }
func (g *gated) Action() string { return g.action }

func (g *gated) Form(*FormCtx) *huh.Form {
	if g.Refuse != "" {
		return refusedForm(g.Refuse)
	}
	return huh.NewForm(huh.NewGroup(g.fields()...))
}

func (g *gated) Check(*FormCtx) error {
	if g.Refuse != "" {
		return errors.New(g.Refuse)
	}
	return g.check()
}

// refusedNote says why a change is not possible now; refusedForm is a form
// of that note alone, shown instead of the change's fields.
func refusedNote(why string) huh.Field {
	return huh.NewNote().Title("Not possible now").Description("✗ " + why)
}

func refusedForm(why string) *huh.Form { return huh.NewForm(huh.NewGroup(refusedNote(why))) }

// attrEdit is attrEditOf as a kind's Edit.
func attrEdit[In, Out any](what, idParam, nameParam string, op client.Op[In, Out]) func(*FormCtx) Mutation {
	return func(fc *FormCtx) Mutation { return attrEditOf(fc, what, idParam, nameParam, op) }
}

// pickList makes a picker's choices from listed items: cols gives the
// value first, then what else its label shows ("vpc-1  prod  10.0.0.0/8");
// an item it gives nothing for is not offered.
func pickList[T any](items []T, cols func(T) []string) []Pick {
	out := []Pick{}
	for _, it := range items {
		if c := cols(it); len(c) > 0 {
			out = append(out, Pick{strings.Join(c, "  "), c[0]})
		}
	}
	return out
}

// loadPicks sets a picker's choices from a listing's answer (items, err)
// through pickList; *v keeps the draft's choice (marked by the form when
// no longer offered), else the first.
func loadPicks[T any](v *string, picks *[]Pick, items []T, err error, cols func(T) []string) error {
	if err != nil {
		return err
	}
	*picks = pickList(items, cols)
	*v = keepOrFirst(*v, *picks)
	return nil
}

// parentID is the ID of the pane's parent when it is of kind name, else "".
func parentID(fc *FormCtx, name string) string {
	if p := parentOf(fc, name); p != nil {
		return p.ID
	}
	return ""
}

// fixParent presets a create's parent from the pane it opens under (kind
// name): *id gets the parent's ID and *fixed says the form offers no other.
func fixParent(fc *FormCtx, name string, id *string, fixed *bool) {
	if p := parentOf(fc, name); p != nil {
		*id, *fixed = p.ID, true
	}
}

// actionsOn declares a kind's `x` menu from its selected resource's typed
// value: none without a selection (or with a value of another type).
func actionsOn[T any](items func(fc *FormCtx, v *T) []actionItem) func(*FormCtx) []actionItem {
	return func(fc *FormCtx) []actionItem {
		if fc.Target == nil {
			return nil
		}
		v, ok := fc.Target.Val().(*T)
		if !ok {
			return nil
		}
		return items(fc, v)
	}
}

// onTarget is actionsOn for a menu that needs only the selection.
func onTarget(items func(fc *FormCtx) []actionItem) func(*FormCtx) []actionItem {
	return func(fc *FormCtx) []actionItem {
		if fc.Target == nil {
			return nil
		}
		return items(fc)
	}
}

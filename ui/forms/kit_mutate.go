package forms

import (
	"context"
	"encoding/json"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// kindOps are the changes the console offers for one kind. Each kind's
// file (forms_<family>.go) declares them; opsFor looks them up.
type KindOps struct {
	Create  func(fc *FormCtx) Mutation
	Edit    func(fc *FormCtx) Mutation
	Del     *DeleteSpec
	Actions func(fc *FormCtx) []actionItem
	// noActions explains an empty `x` menu for the selected row (e.g. who
	// may accept a peering); "" keeps the generic message.
	NoActions func(fc *FormCtx) string
}

// actionItem is one entry of the `x` menu. A destructive action (release,
// terminate, unassociate, reject, deactivate, a downgrade) sets destroy: it
// opens the same typed-confirmation dialog as a delete, never a form.
type actionItem struct {
	Label   string
	Hint    string
	Make    func(fc *FormCtx) Mutation
	Destroy func(fc *FormCtx) *DeleteSpec
	// show reads a document about the resource (an IPsec connection's
	// configuration) for a read-only viewer that can save it to a file.
	Show func(ctx context.Context, fc *FormCtx) (*Document, error)
}

// document is what a show action read: the API's object as it came
// (secrets included), the viewer's title, and the file name offered when
// saving. The viewer masks secret fields on screen; only the saved file,
// written with mode 0600, holds them.
type Document struct {
	Title string
	Raw   json.RawMessage
	File  string
	// Traffic, when set, is charted above the document (monitor.go).
	Traffic []model.MonitorPoint
}

// deleteSpec says how to delete a resource of a kind, or how to run any
// other destructive action on it: every one goes through the same dialog
// (what it is, what depends on it and what stops, the typed ID or name, a
// dry run where the API has one).
type DeleteSpec struct {
	// verb is the dialog's title and button ("Delete" when empty); action
	// is the API action, for the tray and the audit log.
	Verb, Action string
	// subject replaces "<kind> <ID> (<name>)" in the title (an
	// association names both sides).
	Subject func(o *model.Object) string
	// about adds what it is beyond kind, ID, name and region (a route's
	// destination → next hop and table).
	About func(fc *FormCtx, o *model.Object) []string
	// stops says what traffic stops, from the object as loaded.
	Stops func(o *model.Object) []string
	// impact reads, when the dialog opens, what else stops (BGP sessions
	// on a VBR) and what still depends on it in a way the API refuses
	// (SNAT entries using an EIP: "4 SNAT entries"). Reads only.
	Impact func(ctx context.Context, fc *FormCtx, o *model.Object) (stops, blockers []string, err error)
	// confirm replaces the texts the user may type (ID or name).
	Confirm func(o *model.Object) []string
	// fresh re-reads the object when the dialog opens and asks refuse
	// again on that copy: the row may be older than its status.
	Fresh bool
	// run sends the call; token is the dialog's ClientToken.
	Run func(ctx context.Context, fc *FormCtx, o *model.Object, token string, force bool) (*Submitted, error)
	// blockers are child kinds whose presence makes the API refuse the
	// delete; keep tells which of them count (system route tables do not).
	Blockers []string
	Keep     func(child *model.Object) bool
	// force, when set, explains what forcing does (NAT gateways delete
	// their entries); the dialog then offers it.
	Force string
	// refuse explains, when the dialog opens, why this resource cannot be
	// deleted at all (a system route table); nothing can be sent then.
	Refuse func(o *model.Object) string
	// precheck reads what else may block the delete (another entry of the
	// table still settling) when the dialog opens; a non-empty answer
	// refuses it.
	Precheck func(ctx context.Context, fc *FormCtx, o *model.Object) (string, error)
	// dry, where the API has DryRun for this delete, validates it without
	// deleting (permissions, dependents); success is DryRunOperation.
	Dry func(ctx context.Context, fc *FormCtx, o *model.Object, force bool) error
}

// refetch reads o again before a change is judged (its status now, not as
// listed): refusal says why nothing can be done when it is gone.
func Refetch(ctx context.Context, c *client.Client, o *model.Object) (fresh *model.Object, refusal string, err error) {
	fresh, err = c.Get(ctx, o.Kind, o.Region, o.ID, o)
	if err == nil && fresh == nil {
		refusal = o.ID + " no longer exists"
	}
	return fresh, refusal, err
}

// sendDelete is a DeleteSpec's Run for a delete the API answers with a
// RequestId only: req builds the request from the object, the dialog's
// token and force; call is the client's method.
func sendDelete[In any](action string, call func(*client.Client, context.Context, *In) (*client.Result, error),
	req func(o *model.Object, token string, force bool) *In) func(context.Context, *FormCtx, *model.Object, string, bool) (*Submitted, error) {
	return func(ctx context.Context, fc *FormCtx, o *model.Object, token string, force bool) (*Submitted, error) {
		in := req(o, token, force)
		out, err := call(fc.Client, ctx, in)
		if err != nil {
			return nil, err
		}
		return removed(o, action, out.RequestId, in), nil
	}
}

// sendMade sends a write the API answers with a RequestId alone and says
// what it made or changed: the object id of kind.
func sendMade[In, Out any](ctx context.Context, fc *FormCtx, call func(*client.Client, context.Context, *In) (*Out, error), in *In, kind, id string) (*Submitted, error) {
	out, err := call(fc.Client, ctx, in)
	return changed(fc, kind, id, nil, in, out, err)
}

// routesVia says which routes of the VPC's tables use hop as their next
// hop ("route 10.0.0.0/8 in vtb-… points at it"): the API refuses to
// delete a next hop while one does. None when the VPC is unknown.
func routesVia(ctx context.Context, fc *FormCtx, region, vpcID, hop string) ([]string, error) {
	if vpcID == "" {
		return nil, nil
	}
	tables, err := client.DescribeRouteTableList.Call(ctx, fc.Client, &client.DescribeRouteTableListInput{RegionId: region, VpcId: vpcID})
	if err != nil {
		return nil, err
	}
	var out []string
	for _, t := range tables {
		es, err := client.DescribeRouteEntryList.Call(ctx, fc.Client, &client.DescribeRouteEntryListInput{RegionId: region, RouteTableId: t.RouteTableId, NextHopId: hop})
		if err != nil {
			return nil, err
		}
		for _, e := range es {
			out = append(out, "route "+e.DestinationCidrBlock+" in "+t.RouteTableId+" points at it")
		}
	}
	return out, nil
}

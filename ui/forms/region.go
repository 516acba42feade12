package forms

import (
	"context"
	"errors"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Region services (seeds 000 and 004), offered as `x` actions on the
// region pane. Their documented error codes come back explained in words
// a person can act on.

func RegionOps() KindOps {
	return KindOps{
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return []actionItem{
				{Label: "Open traffic mirroring", Hint: "enable traffic mirroring in this region", Make: func(fc *FormCtx) Mutation {
					return openService(fc, trafficMirrorService())
				}},
				{Label: "Open IP address pools", Hint: "enable IP address pools for the account", Make: func(fc *FormCtx) Mutation {
					return openService(fc, ipPoolService())
				}},
			}
		}),
	}
}

// regionService describes one Open*Service call and the status call that
// reports when it has taken effect.
type RegionService struct {
	Action, what, explain string
	State                 func(r *model.Region) string
	Set                   func(r *model.Region, state string)
	call                  func(*client.Client, context.Context, *client.OpenServiceInput) (*client.OpenServiceOutput, error)
	Status                func(c *client.Client) func(context.Context, *client.ServiceStatusInput) (*model.ServiceStatus, error)
}

func trafficMirrorService() RegionService {
	return regionService(client.OpenTrafficMirrorService, "traffic mirroring",
		"Lets you copy ENI traffic to a collector for inspection. It is opened per region; repeated calls for one region within a short period are refused.",
		func(r *model.Region) *string { return &r.TrafficMirror }, client.GetTrafficMirrorServiceStatus)
}

func ipPoolService() RegionService {
	return regionService(client.OpenPublicIpAddressPoolService, "IP address pools",
		"Lets you allocate EIPs from your own public address pools. Activation is asynchronous and one at a time per account; the region pane shows when it is Opened.",
		func(r *model.Region) *string { return &r.IpPool }, client.GetPublicIpAddressPoolServiceStatus)
}

// regionService declares one service: its Open operation (which names
// the action), the region's field that shows its state, and the status
// operation that reports when it has taken effect.
func regionService(open client.Op[client.OpenServiceInput, client.OpenServiceOutput], what, explain string,
	field func(r *model.Region) *string, status client.Op[client.ServiceStatusInput, model.ServiceStatus]) RegionService {
	return RegionService{Action: open.Action, what: what, explain: explain, call: open.Func,
		State: func(r *model.Region) string { return *field(r) },
		Set:   func(r *model.Region, s string) { *field(r) = s },
		Status: func(c *client.Client) func(context.Context, *client.ServiceStatusInput) (*model.ServiceStatus, error) {
			return func(ctx context.Context, in *client.ServiceStatusInput) (*model.ServiceStatus, error) {
				return status.Call(ctx, c, in)
			}
		}}
}

// serviceAdvice turns the documented error codes of the two Open*Service
// calls into what the user can do about them.
func ServiceAdvice() map[string]string {
	return map[string]string{
		"Order.NoRealNameAuthentication":                      "This account has not completed real-name verification; do it in the Alibaba Cloud User Center, then try again.",
		"OperationFailed.BasicInfoUncompleted":                "The account's basic information is incomplete; fill it in in the Alibaba Cloud User Center, then try again.",
		"OperationFailed.ExceedPurchaseLimit":                 "The account has reached its purchase limit for this service; ask Alibaba Cloud support to raise the limit, then try again.",
		"OperationFailed.QuotaNotEnough":                      "Your quota is not enough; ask your channel partner (the reseller you buy through) to increase it, then try again.",
		"Forbidden.RAM":                                       "Your RAM user may not do this; ask the account administrator to grant it the permission for this action (or use the main account).",
		"OperationFailed.AliGroupUserCanNotBuyInnerCommodity": "Accounts inside Alibaba Group cannot buy this service on the public site; open it through the group's internal channel.",
		"Forbidden.OpenPublicIpAddressPool":                   "Opening IP address pools needs approval: apply for the permission in the Quota Center, then try again.",
		"OperationFailed.ServiceOpened":                       "It is already open; nothing more to do (ctrl+r refreshes the region pane).",
		"OperationConflict":                                   "An activation is still running; wait a minute, refresh the region pane (ctrl+r) and try again only if it still reads Not opened.",
	}
}

// advisedError carries the API's error with advice: errors.As finds the
// same code and RequestId, and the message the banner shows leads with what
// to do.
type AdvisedError struct {
	shown  *client.APIError
	orig   error
	Advice string
}

func (e *AdvisedError) Error() string { return e.Advice + " — " + e.orig.Error() }
func (e *AdvisedError) Unwrap() error { return e.shown }

// advise wraps err with the advice for its code, if there is any.
func Advise(err error, table map[string]string) error {
	var ae *client.APIError
	if !errors.As(err, &ae) {
		return err
	}
	advice, ok := table[ae.Code]
	if !ok {
		return err
	}
	shown := *ae
	shown.Message = advice + " (API: " + ae.Message + ")"
	return &AdvisedError{shown: &shown, orig: err, Advice: advice}
}

func openService(fc *FormCtx, svc RegionService) Mutation {
	region := fc.Target.ID
	r, _ := fc.Target.Val().(*model.Region)
	m := &ConfirmAction{title: "Open " + svc.what + " in " + region, APIAction: svc.Action,
		question: "Open " + svc.what + " in " + region + "?", explain: svc.explain}
	switch {
	case r != nil && svc.State(r) == SvcOpened:
		m.Refuse = svc.what + " is already open in " + region
	case r != nil && svc.State(r) == SvcOpening:
		m.Refuse = svc.what + " is being opened in " + region + "; the row reads Opened when it has taken effect (t shows progress)"
	}
	m.Run = func(ctx context.Context, fc *FormCtx, _ *model.Object, token string) (*Submitted, error) {
		in := &client.OpenServiceInput{RegionId: region, ClientToken: token}
		out, err := svc.call(fc.Client, ctx, in)
		if err != nil {
			err = Advise(err, ServiceAdvice())
			var ad *AdvisedError
			if errors.As(err, &ad) {
				m.note = ad.Advice // shown in full under the question
			}
			return nil, err
		}
		m.note = ""
		res := result(fc.Target.Kind, region, region, out.RequestId, in, []string{SvcOpened})
		res.Region, res.Ref, res.Service = region, fc.Target, &svc
		return res, nil
	}
	return m
}

// The states the console shows for a region service being opened.
const (
	SvcOpening = "Opening"
	SvcOpened  = "Opened"
)

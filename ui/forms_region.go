package ui

import (
	"context"
	"errors"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Region services (seeds 000 and 004), offered as `x` actions on the
// region pane. Their documented error codes come back explained in words
// a person can act on.

func regionOps() kindOps {
	return kindOps{
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			return []actionItem{
				{label: "Open traffic mirroring", hint: "enable traffic mirroring in this region", make: func(fc *formCtx) mutation {
					return openService(fc, trafficMirrorService())
				}},
				{label: "Open IP address pools", hint: "enable IP address pools for the account", make: func(fc *formCtx) mutation {
					return openService(fc, ipPoolService())
				}},
			}
		},
	}
}

// regionService describes one Open*Service call and the status call that
// reports when it has taken effect.
type regionService struct {
	action, what, explain string
	state                 func(r *model.Region) string
	set                   func(r *model.Region, state string)
	call                  func(c *client.Client) func(context.Context, *client.OpenServiceInput) (*client.OpenServiceOutput, error)
	status                func(c *client.Client) func(context.Context, *client.ServiceStatusInput) (*model.ServiceStatus, error)
}

func trafficMirrorService() regionService {
	return regionService{action: "OpenTrafficMirrorService", what: "traffic mirroring",
		explain: "Lets you copy ENI traffic to a collector for inspection. It is opened per region; repeated calls for one region within a short period are refused.",
		state:   func(r *model.Region) string { return r.TrafficMirror },
		set:     func(r *model.Region, s string) { r.TrafficMirror = s },
		call: func(c *client.Client) func(context.Context, *client.OpenServiceInput) (*client.OpenServiceOutput, error) {
			return c.OpenTrafficMirrorService
		},
		status: func(c *client.Client) func(context.Context, *client.ServiceStatusInput) (*model.ServiceStatus, error) {
			return c.GetTrafficMirrorServiceStatus
		}}
}

func ipPoolService() regionService {
	return regionService{action: "OpenPublicIpAddressPoolService", what: "IP address pools",
		explain: "Lets you allocate EIPs from your own public address pools. Activation is asynchronous and one at a time per account; the region pane shows when it is Opened.",
		state:   func(r *model.Region) string { return r.IpPool },
		set:     func(r *model.Region, s string) { r.IpPool = s },
		call: func(c *client.Client) func(context.Context, *client.OpenServiceInput) (*client.OpenServiceOutput, error) {
			return c.OpenPublicIpAddressPoolService
		},
		status: func(c *client.Client) func(context.Context, *client.ServiceStatusInput) (*model.ServiceStatus, error) {
			return c.GetPublicIpAddressPoolServiceStatus
		}}
}

// serviceAdvice turns the documented error codes of the two Open*Service
// calls into what the user can do about them.
func serviceAdvice() map[string]string {
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
type advisedError struct {
	shown  *client.APIError
	orig   error
	advice string
}

func (e *advisedError) Error() string { return e.advice + " — " + e.orig.Error() }
func (e *advisedError) Unwrap() error { return e.shown }

// advise wraps err with the advice for its code, if there is any.
func advise(err error, table map[string]string) error {
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
	return &advisedError{shown: &shown, orig: err, advice: advice}
}

func openService(fc *formCtx, svc regionService) mutation {
	region := fc.target.ID
	r, _ := fc.target.Val().(*model.Region)
	m := &confirmAction{title: "Open " + svc.what + " in " + region, action: svc.action,
		question: "Open " + svc.what + " in " + region + "?", explain: svc.explain}
	switch {
	case r != nil && svc.state(r) == svcOpened:
		m.refuse = svc.what + " is already open in " + region
	case r != nil && svc.state(r) == svcOpening:
		m.refuse = svc.what + " is being opened in " + region + "; the row reads Opened when it has taken effect (t shows progress)"
	}
	m.run = func(ctx context.Context, fc *formCtx, _ *model.Object, token string) (*submitted, error) {
		in := &client.OpenServiceInput{RegionId: region, ClientToken: token}
		out, err := svc.call(fc.client)(ctx, in)
		if err != nil {
			err = advise(err, serviceAdvice())
			var ad *advisedError
			if errors.As(err, &ad) {
				m.note = ad.advice // shown in full under the question
			}
			return nil, err
		}
		m.note = ""
		res := result(fc.target.Kind, region, region, out.RequestId, in, []string{svcOpened})
		res.Region, res.Ref, res.Service = region, fc.target, &svc
		return res, nil
	}
	return m
}

// The states the console shows for a region service being opened.
const (
	svcOpening = "Opening"
	svcOpened  = "Opened"
)

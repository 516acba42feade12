package ui

import (
	"fmt"
	"strconv"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The caller's account. At start the console asks STS GetCallerIdentity
// (2015-04-01, sts.<region>.aliyuncs.com or --endpoint) once, in the
// background, which account the credentials act for: every identity may
// call it, no RAM permission is needed. The header shows the account; the
// peering actions use it to offer Accept and Reject only to the accepting
// account. When the call fails (a blocked STS endpoint, say), the console
// says so in the header ("account ?") and offers Accept and Reject on every
// connection waiting in Accepting, naming the failure: the API then decides.

// caller is what the console knows about the credentials' account.
type caller struct {
	account string // "" until known
	err     error  // the failed GetCallerIdentity, if it failed
	done    bool   // the call has answered
}

type callerMsg struct {
	id  *client.CallerIdentity
	err error
}

// learnCaller asks STS who the credentials belong to.
func (a *App) learnCaller() tea.Cmd {
	c, ctx := a.opt.Client, a.ctx
	return func() tea.Msg {
		id, err := c.GetCallerIdentity(ctx)
		return callerMsg{id: id, err: err}
	}
}

func (a *App) setCaller(m callerMsg) tea.Cmd {
	a.caller = caller{done: true, err: m.err}
	if m.err == nil && m.id != nil {
		// Shown in the header: text from the network passes the stripper.
		a.caller.account = client.StripTerminal(m.id.AccountId)
	}
	return nil
}

// accountLabel is the header's account part: the full ID on a wide
// terminal, its last four digits otherwise.
func (a *App) accountLabel(w int) string {
	switch {
	case a.caller.account != "" && w >= 140:
		return "account " + a.caller.account
	case a.caller.account != "":
		id := a.caller.account
		return "acct …" + id[max(0, len(id)-4):]
	case a.caller.err != nil:
		return "acct ?"
	}
	return ""
}

// PeerDecider says whether the caller may accept or reject p, and why not.
// known is false when the account could not be learned.
func (a *App) PeerDecider(p *model.VpcPeerConnection) (may bool, why string) {
	if a.caller.account == "" {
		return true, ""
	}
	accepter := strconv.FormatInt(int64(p.AcceptingOwnerUid), 10)
	if accepter == a.caller.account {
		return true, ""
	}
	return false, fmt.Sprintf("Only the accepting account %s can accept or reject %s; you are account %s (the requester).",
		accepter, p.InstanceId, a.caller.account)
}

// UnknownCallerHint qualifies the Accept/Reject hints when the account is
// not known.
func (a *App) UnknownCallerHint() string {
	switch {
	case a.caller.err != nil:
		why := client.ErrorCode(a.caller.err)
		if why == "" {
			why = "no answer"
		}
		return " — your account is unknown (GetCallerIdentity failed: " + why + "); the API decides"
	case !a.caller.done:
		return " — your account is still being looked up; the API decides"
	}
	return ""
}

package ui

import (
	"bytes"
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- a write whose outcome is unknown ----
//
// When the client cannot tell whether a write was applied (its answer was
// lost and no later attempt succeeded: client.OutcomeUnknown), the console
// looks: a create is searched for in its kind's listing, scoped to its
// parent, by the name and parameters it was sent with (no Describe call
// echoes a ClientToken), a delete by describing its target. It then says
// "created — vpc-…" (and follows it like any create), "not created — safe
// to submit again", or that it could not check. The form stays usable in
// every case: its values keep their ClientToken (client.WithTokenSalt), so
// sending the same values again can never make a second resource.

// outcomeCheckedMsg is what the check found, with what it was about: the
// tray's record, the call's context and error, and whether it came from
// the destructive dialog (del).
type outcomeCheckedMsg struct {
	id      int
	op      *operation
	fc      *forms.FormCtx
	sendErr error
	del     bool

	found *model.Object // the resource the write made (a create) or still there (a delete)
	kind  *model.Kind
	// applied: the check found the write applied (created, changed, or
	// deleted or deleting); checked: the check ran to an answer; change:
	// the write was an edit of found.
	applied, checked, change bool
	err                      error // why the check could not answer
}

func (m outcomeCheckedMsg) pageID() int { return m.id }

// creationSlack is how far before the submission a resource's creation
// time may be and still be the one it made (clocks differ).
const creationSlack = 10 * time.Minute

// createdKind is the kind a create action makes: the one whose listing is
// Describe<Noun>s / <Noun>es / <Noun>List / List<Noun>s or whose describe
// takes <Noun>Id. prefer (the pane's kind) wins when it fits.
func createdKind(reg *model.Registry, action string, prefer *model.Kind) *model.Kind {
	noun := ""
	for _, p := range []string{"Create", "Allocate", "Add"} {
		if n, ok := strings.CutPrefix(action, p); ok {
			noun = n
			break
		}
	}
	if noun == "" {
		return nil
	}
	fits := func(k *model.Kind) bool {
		if k == nil || k.IsUnion() {
			return false
		}
		switch k.List.Action {
		case "Describe" + noun + "s", "Describe" + noun + "es", "Describe" + noun + "List", "List" + noun + "s":
			return true
		}
		return k.Get != nil && k.Get.IDParam == noun+"Id"
	}
	if fits(prefer) {
		return prefer
	}
	for _, k := range reg.Kinds() {
		if fits(k) {
			return k
		}
	}
	return nil
}

// skipParam: parameters that say nothing about the resource.
func skipParam(k, v string) bool {
	return forms.EditControlParams[k] || v == "" || v == "****"
}

// matchesSent reports whether a resource carries every sent parameter
// that its listing shows under the same name (at least one).
func matchesSent(raw json.RawMessage, sent map[string]string) bool {
	ok, _ := compareSent(raw, sent)
	return ok
}

// compareSent compares a resource with the sent parameters it shows under
// the same name: ok when at least one was compared and all were equal.
func compareSent(raw json.RawMessage, sent map[string]string) (ok bool, compared int) {
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	var m map[string]any
	if dec.Decode(&m) != nil {
		return false, 0
	}
	for k, v := range sent {
		if skipParam(k, v) {
			continue
		}
		got, has := m[k]
		if !has {
			continue
		}
		switch got.(type) {
		case string, json.Number, bool:
		default:
			continue // nested: not compared
		}
		if fmt.Sprint(got) != v {
			return false, compared + 1
		}
		compared++
	}
	return compared > 0, compared
}

// createdAt reads a listed resource's creation time, if it has one.
func createdAt(raw json.RawMessage) (time.Time, bool) {
	var m map[string]any
	if json.Unmarshal(raw, &m) != nil {
		return time.Time{}, false
	}
	for _, f := range []string{"CreationTime", "CreateTime", "GmtCreate"} {
		s, _ := m[f].(string)
		for _, layout := range []string{time.RFC3339, "2006-01-02T15:04Z", "2006-01-02 15:04:05"} {
			if t, err := time.Parse(layout, s); err == nil {
				return t, true
			}
		}
	}
	return time.Time{}, false
}

// findCreated looks for the resource a create with these parameters made
// in region: the newest match not older than the submission.
func findCreated(ctx context.Context, c *client.Client, k *model.Kind, region string, sent map[string]string, since time.Time) (*model.Object, error) {
	params := map[string]string{}
	for _, s := range k.Scopes {
		if s.Param == "" {
			continue
		}
		if v := sent[s.Param]; v != "" {
			params[s.Param] = v
			for pk, pv := range s.Params {
				params[pk] = pv
			}
		} else if s.Required {
			return nil, fmt.Errorf("%s cannot be listed without %s", k.Title, s.Param)
		}
	}
	var found *model.Object
	var foundAt time.Time
	err := c.ListObjects(ctx, k, region, params, func(objs []*model.Object, _ client.Page) error {
		for _, o := range objs {
			if !matchesSent(o.Raw, sent) {
				continue
			}
			t, ok := createdAt(o.Raw)
			if ok && t.Before(since.Add(-creationSlack)) {
				continue // there before the submission
			}
			if found == nil || t.After(foundAt) { // the newest match
				found, foundAt = o, t
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return found, nil
}

// changeVerbs are the actions on a selected resource whose parameters are
// the values it takes when they are applied (an edit), so describing it
// tells whether they were.
var changeVerbs = []string{"Modify", "Update", "Associate"}

// checkChange describes the target of an edit whose outcome is unknown:
// applied when every sent value it shows (its own ID aside) is in place.
func checkChange(ctx context.Context, c *client.Client, o *model.Object, region string, sent map[string]string) outcomeCheckedMsg {
	fresh, err := c.Get(ctx, o.Kind, cmp.Or(o.Region, region), o.ID, o)
	if err != nil {
		return outcomeCheckedMsg{err: err}
	}
	if fresh == nil {
		return outcomeCheckedMsg{err: fmt.Errorf("%s is gone", o.ID)}
	}
	values := map[string]string{}
	for k, v := range sent {
		if v != o.ID {
			values[k] = v
		}
	}
	ok, n := compareSent(fresh.Raw, values)
	if n == 0 {
		return outcomeCheckedMsg{err: fmt.Errorf("%s does not show the values sent", o.Kind.Get.Action)}
	}
	return outcomeCheckedMsg{kind: o.Kind, found: fresh, applied: ok, checked: true, change: true}
}

// checkOutcome records the write of fc that ended in err in the tray as an
// unknown outcome and returns the command that looks whether it was
// applied, answering outcomeCheckedMsg to page id. form says it came from
// a form (an edit may be checked), not the destructive dialog.
func (a *App) checkOutcome(id int, fc *forms.FormCtx, err error, since time.Time, paneKind *model.Kind, form bool) tea.Cmd {
	k, target, label := aimedAt(a, fc)
	action, _, _ := client.FailedCall(err)
	if created := createdKind(a.reg, action, k); form && created != nil {
		k, target = created, "" // the record names what it makes
	}
	op := a.tracker.unknownOutcome(action, k, fc.Region, target, label, err)
	op.started = since
	look := a.lookFor(fc, err, since, paneKind, form)
	return func() tea.Msg {
		m := look().(outcomeCheckedMsg)
		m.id, m.op, m.fc, m.sendErr, m.del = id, op, fc, err, !form
		return m
	}
}

// lookFor returns the command that makes the check itself.
func (a *App) lookFor(fc *forms.FormCtx, err error, since time.Time, paneKind *model.Kind, form bool) tea.Cmd {
	action, sent, _ := client.FailedCall(err)
	ctx, c := a.ctx, fc.Client
	region := cmp.Or(sent["RegionId"], fc.Region)
	if k := createdKind(a.reg, action, paneKind); form && k != nil && c != nil {
		return func() tea.Msg {
			o, ferr := findCreated(ctx, c, k, region, sent, since)
			if ferr != nil {
				return outcomeCheckedMsg{kind: k, err: ferr}
			}
			return outcomeCheckedMsg{kind: k, found: o, applied: o != nil, checked: true}
		}
	}
	if form && fc.Target != nil && fc.Target.Kind.Get != nil && c != nil && hasPrefix(action, changeVerbs) {
		o := fc.Target
		return func() tea.Msg { return checkChange(ctx, c, o, region, sent) }
	}
	if fc.Target != nil && strings.HasPrefix(action, "Delete") && fc.Target.Kind.Get != nil && c != nil {
		o := fc.Target
		return func() tea.Msg {
			fresh, gerr := c.Get(ctx, o.Kind, cmp.Or(o.Region, region), o.ID, o)
			switch {
			case gerr != nil:
				return outcomeCheckedMsg{err: gerr}
			case fresh == nil:
				return outcomeCheckedMsg{kind: o.Kind, applied: true, checked: true}
			}
			deleting := strings.Contains(strings.ToLower(fresh.Status), "delet")
			return outcomeCheckedMsg{kind: o.Kind, found: fresh, applied: deleting, checked: true}
		}
	}
	return func() tea.Msg {
		return outcomeCheckedMsg{err: fmt.Errorf("%s is not checked automatically", action)}
	}
}

// verdict is what the check found, in words: "created — vpc-1",
// "not created — safe to submit again", or why it could not tell.
func (m outcomeCheckedMsg) verdict(del bool) string {
	switch {
	case !m.checked:
		return "could not check (" + oneLine(m.err.Error()) + ")"
	case del && m.applied && m.found == nil:
		return "deleted"
	case del && m.applied:
		return "deleting — " + m.found.ID
	case del:
		return "not deleted — safe to try again"
	case m.change && m.applied:
		return "changed — " + m.found.ID + " has the values sent"
	case m.change:
		return "not changed — safe to submit again"
	case m.applied:
		return "created — " + m.found.ID
	}
	return "not created — safe to submit again"
}

// unknownOutcome records a write whose outcome is unknown in the tray
// while it is checked; settle ends the record and writes the audit line.
func (t *tracker) unknownOutcome(action string, k *model.Kind, region, id, label string, err error) *operation {
	op := t.startOp(action, k, region, id, label)
	op.outcome, op.err = opUnknown, err
	op.requestID = client.RequestID(err)
	op.phase = "checking"
	return op
}

// settleUnknown ends an unknown outcome's tray record with the check's
// verdict and writes its audit line (outcome "unknown", the parameters,
// every attempt, the verdict and the resource's ID when one was found). A
// write found applied goes on being followed, in the same tray record.
func (a *App) settleUnknown(m outcomeCheckedMsg) (audit, follow tea.Cmd) {
	op, fc := m.op, m.fc
	verdict := m.verdict(m.del)
	op.phase, op.ended = verdict, a.now()
	e := a.auditEntryFor(op.action, fc, nil, m.sendErr)
	e.Check = verdict
	if m.found != nil {
		op.resID, e.ID = m.found.ID, m.found.ID // what was made, changed or deleted
	}
	audit = a.writeAudit(e)
	if !m.applied {
		return audit, nil
	}
	op.found = true
	if m.found == nil { // deleted
		op.outcome = opDone
		return audit, a.refreshPage(fc.Origin)
	}
	op.outcome, op.ended = opRunning, time.Time{}
	op.phase = "found: " + strings.SplitN(verdict, " ", 2)[0]
	op.kind, op.region = m.found.Kind, m.found.Region
	var target []string
	if !m.del {
		target = m.found.Kind.Target
	}
	return audit, a.tracker.follow(op, m.found, target, m.del, fc.Origin, nil)
}

// checkedElsewhere settles a check whose page is gone (the dialog was
// closed while it ran): the tray and the audit log still get the verdict.
func (a *App) checkedElsewhere(m outcomeCheckedMsg) tea.Cmd {
	if m.op == nil {
		return nil
	}
	audit, follow := a.settleUnknown(m)
	return tea.Batch(audit, follow, a.flashInfo(m.op.action+": outcome was unknown; checked: "+m.verdict(m.del)+"."))
}

// unknownLines are the banner of a write whose outcome is unknown.
func unknownLines(err error, verdict string) []string {
	lines := []string{"? " + oneLine(err.Error())}
	if verdict == "" {
		return append(lines, "  Checking whether it was applied…")
	}
	return append(lines, "  Checked: "+verdict+". Sending the same values again is safe (same ClientToken); your input is kept.")
}

// ---- the form's side ----

// outcomeUnknown keeps the form waiting while the check runs.
func (p *formPage) outcomeUnknown(a *App, err error) tea.Cmd {
	p.banner, p.bannerErr = unknownLines(err, ""), true
	var pane *model.Kind
	if b, ok := a.page(p.fc.Origin).(*browser); ok {
		pane = b.kind
	}
	return a.checkOutcome(p.id, p.fc, err, p.sentAt, pane, true)
}

// outcomeChecked ends the wait: a write that was applied is followed like
// any other (the form closes); otherwise the form is back with its values.
func (p *formPage) outcomeChecked(a *App, m outcomeCheckedMsg) tea.Cmd {
	if m.op == nil || p.phase != phaseSubmitting {
		return nil
	}
	audit, follow := a.settleUnknown(m)
	if m.applied && m.found != nil {
		delete(a.drafts, p.key)
		msg := fmt.Sprintf("%s: outcome was unknown; checked: %s. Following it (t shows progress).", m.op.action, m.verdict(false))
		return tea.Batch(audit, a.pop(), follow, a.flashInfo(msg), p.replayBelow(a))
	}
	p.banner, p.bannerErr = unknownLines(m.sendErr, m.verdict(false)), true
	p.banner = p.queued.drop(p.banner, "submitting")
	return tea.Batch(audit, p.build(a))
}

func hasPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if strings.HasPrefix(s, p) {
			return true
		}
	}
	return false
}

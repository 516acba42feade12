package ui

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/alivpc/alivpc/ui/forms"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Region services (traffic mirroring, IP address pools) track like
// resources. Their status calls answer only Enabled true or false, so the
// console itself knows the transitional phase: from the accepted Open*
// call the region's row reads Opening (a transitional phase: its colour
// and glyph) and the tray shows the operation, until the status call
// reports the service enabled; then the row reads Opened and the operation
// is done. A refresh that lists the region meanwhile shows Opening too.

// serviceResultMsg is one answer of a service's status call.
type serviceResultMsg struct {
	key     string
	enabled bool
	err     error
}

func serviceKey(svc *forms.RegionService, region string) string {
	return "svc/" + svc.Action + "/" + region
}

// followService starts following a service opened in region; ref is the
// region's row as the user saw it.
func (t *tracker) followService(op *operation, svc *forms.RegionService, region string, ref *model.Object) tea.Cmd {
	now := t.a.now()
	key := serviceKey(svc, region)
	op.phase, op.target = forms.SvcOpening, forms.SvcOpened
	t.tracks[key] = &track{key: key, kind: ref.Kind, region: region, id: region, obj: ref, svc: svc, op: op,
		next: now.Add(trackFirstDelay), delay: trackFirstDelay, deadline: now.Add(timeoutOf(ref.Kind))}
	return tea.Batch(t.showService(ref, svc, forms.SvcOpening),
		t.a.flashInfo(fmt.Sprintf("%s: %s accepted; following it until it is %s (t shows progress)", region, op.action, forms.SvcOpened)))
}

// showService puts the service's state into the region's row wherever it
// is shown, without changing the object the row holds.
func (t *tracker) showService(o *model.Object, svc *forms.RegionService, state string) tea.Cmd {
	r, ok := o.Val().(*model.Region)
	if !ok || o.Kind == nil {
		return nil
	}
	cp := *r
	svc.Set(&cp, state)
	oc := *o
	oc.Value = &cp
	return func() tea.Msg { return objectsChangedMsg{updated: []*model.Object{&oc}} }
}

// pollService sends the status call for a due service track.
func (t *tracker) pollService(tr *track) tea.Cmd {
	status, ctx, key, region := tr.svc.Status(t.a.opt.Client), t.a.ctx, tr.key, tr.region
	return func() tea.Msg {
		s, err := status(ctx, &client.ServiceStatusInput{RegionId: region})
		return serviceResultMsg{key: key, enabled: err == nil && s != nil && s.Enabled, err: err}
	}
}

func (t *tracker) serviceResult(m serviceResultMsg) tea.Cmd {
	tr, ok := t.answered(m.key)
	if !ok {
		return nil
	}
	switch {
	case m.err != nil:
		tr.op.requestID = cmp.Or(client.RequestID(m.err), tr.op.requestID)
		tr.op.phase = forms.SvcOpening + " (checking: " + cmp.Or(client.ErrorCode(m.err), "no answer") + ")"
		return nil // transient: the next poll tries again until the deadline
	case !m.enabled:
		tr.op.phase = forms.SvcOpening
		return nil
	}
	delete(t.tracks, m.key)
	tr.op.phase = forms.SvcOpened
	return tea.Batch(t.showService(tr.obj, tr.svc, forms.SvcOpened), t.finish(tr.op, opDone, nil))
}

// serviceRows keeps Opening on the rows of regions whose service is being
// opened when a listing shows them again (the status call still answers
// Enabled false), and finishes a track whose listing already reads Opened.
func (t *tracker) serviceRows(rows []*Row) tea.Cmd {
	var keys []string
	for k, tr := range t.tracks {
		if tr.svc != nil {
			keys = append(keys, k)
		}
	}
	if len(keys) == 0 {
		return nil
	}
	slices.Sort(keys)
	var cmds []tea.Cmd
	for _, r := range rows {
		reg, ok := r.Obj.Val().(*model.Region)
		if !ok {
			continue
		}
		for _, k := range keys {
			tr := t.tracks[k]
			if tr == nil || tr.region != r.Obj.ID {
				continue
			}
			switch state := tr.svc.State(reg); {
			case strings.EqualFold(state, forms.SvcOpened):
				delete(t.tracks, k)
				tr.op.phase = forms.SvcOpened
				cmds = append(cmds, t.finish(tr.op, opDone, nil))
			case state != forms.SvcOpening:
				tr.obj = r.Obj
				cmds = append(cmds, t.showService(r.Obj, tr.svc, forms.SvcOpening))
			}
		}
	}
	return tea.Batch(cmds...)
}

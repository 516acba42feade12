package ui

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// Issue 11, findings 1 and 2: a ClientToken belongs to one set of
// parameters, and a write whose answer was lost is neither reported as
// its last attempt's error nor left in a form that cannot be submitted.

// reviewedToken is the ClientToken the review page of p shows and its
// submission sends: derived from the form's token and the parameters.
func reviewedToken(t *testing.T, p *formPage) string {
	t.Helper()
	in, err := p.m.(reviewer).Request(p.fc, p.token)
	noErr(t, err)
	params, err := client.EncodeParams(in)
	noErr(t, err)
	return client.ClientTokenFor(p.token, params)
}

// lostUncheckedCreate opens the VPC pane of an empty account whose
// CreateVpc answers are lost (the VPC is created) and whose listing fails,
// so the console cannot check, until lost is cleared.
func lostUncheckedCreate(t *testing.T) (*driver, *atomic.Bool) {
	d := newDriver(t, emptyDataset)
	d.pane("vpc")
	d.idle()
	lost := new(atomic.Bool)
	lost.Store(true)
	d.setHook(func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		switch {
		case !lost.Load():
			return false
		case action == "CreateVpc":
			applyAndDrop(w, r, next)
			return true
		case action == "DescribeVpcs":
			answer(w, 503, "RID-LIST-503", "ServiceUnavailable")
			return true
		}
		return false
	})
	return d, lost
}

// setHook installs a fault hook on the driver's endpoint.
func (d *driver) setHook(h func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool) {
	d.fault.mu.Lock()
	d.fault.hook = h
	d.fault.mu.Unlock()
}

// loseAnswerWhenApplied answers every call of action itself: while applied
// holds, the simulator applies it and the answer is lost; otherwise it is
// refused with a 500 InternalError (request ID rid) and not applied.
func (d *driver) loseAnswerWhenApplied(action, rid string, applied *atomic.Bool) {
	d.setHook(func(w http.ResponseWriter, r *http.Request, a string, next http.Handler) bool {
		if a != action {
			return false
		}
		if applied.Load() {
			applyAndDrop(w, r, next)
		} else {
			answer(w, 500, rid, "InternalError")
		}
		return true
	})
}

// applyAndDrop lets the simulator apply the request, then closes the
// connection without its answer.
func applyAndDrop(w http.ResponseWriter, r *http.Request, next http.Handler) {
	next.ServeHTTP(httptest.NewRecorder(), r)
	hj, _ := w.(http.Hijacker)
	conn, _, _ := hj.Hijack()
	conn.Close()
}

func answer(w http.ResponseWriter, status int, rid, code string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprintf(w, `{"RequestId":%q,"Code":%q,"Message":"injected by the test"}`, rid, code)
}

// vpcsNamed counts the simulator's VPCs called name in region.
func (d *driver) vpcsNamed(region, name string) []string {
	d.t.Helper()
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: region, VpcName: name})
	noErr(d.t, err)
	var ids []string
	for _, v := range vpcs {
		ids = append(ids, v.VpcId)
	}
	return ids
}

// createVPC fills and submits the open Create VPC form with name.
func (d *driver) createVPC(name string) *formPage {
	d.t.Helper()
	p := d.formPage()
	d.field("Name", name)
	d.next("IPv4 CIDR block", "Description", "Resource group ID", "Enable IPv6?", "Dry run only?")
	return p
}

// auditLines are the audit log's entries for action.
func auditLines(audit *syncBuffer, action string) []auditEntry {
	var out []auditEntry
	for _, l := range strings.Split(strings.TrimSpace(audit.String()), "\n") {
		var e auditEntry
		if json.Unmarshal([]byte(l), &e) == nil && e.Action == action {
			out = append(out, e)
		}
	}
	return out
}

// `alivpc --sim --dataset empty --drop 1`: every create's answer is lost,
// yet it is applied. Each one is reported "created" and followed, and a
// renamed one in this and another region submits: no
// IdempotentParameterMismatch, exactly one VPC per name.
func TestDropThenRenameSubmits(t *testing.T) {
	d := newDriver(t, func(so *sim.Options, _ *Options) { so.Dataset, so.Drop = sim.DatasetEmpty, 1 })
	d.pane("vpc")
	d.keys("c")
	d.createVPC("drop-1")
	d.waitText("checked: created — vpc-")
	d.settle()
	d.keys("c")
	d.createVPC("drop-2")
	d.waitText("checked: created — vpc-")
	d.settle()
	origin := d.app.top().ID()
	fc := &forms.FormCtx{Host: d.app, Client: d.app.opt.Client, Region: "cn-shanghai", Origin: origin}
	d.exec(d.app.openForm(&forms.VpcCreate{}, fc))
	d.createVPC("drop-3")
	s := d.waitText("checked: created — vpc-")
	if strings.Contains(s, "IdempotentParameterMismatch") {
		t.Fatalf("a renamed create was refused:\n%s", s)
	}
	d.settle()
	for _, c := range []struct{ region, name string }{{"cn-hangzhou", "drop-1"}, {"cn-hangzhou", "drop-2"}, {"cn-shanghai", "drop-3"}} {
		if ids := d.vpcsNamed(c.region, c.name); len(ids) != 1 {
			t.Errorf("%s in %s: %v, want exactly one", c.name, c.region, ids)
		}
	}
	for _, op := range d.app.tracker.ops {
		if op.action == "CreateVpc" && (op.resID == "" || op.outcome != opDone) {
			t.Errorf("a found create should be followed to the end: %+v", op)
		}
	}
}

// The answer is lost and the console cannot look (the listing fails too):
// the form says so and stays usable. Renamed, it submits — the finding's
// IdempotentParameterMismatch came from the old token with new values —
// and the first VPC is still the only one of its name.
func TestRenameAfterAnUncheckedLostAnswerSubmits(t *testing.T) {
	d, lost := lostUncheckedCreate(t)
	d.keys("c")
	p := d.createVPC("drop-1")
	s := d.waitText("outcome unknown", "could not check")
	if strings.Contains(s, "created —") {
		t.Fatalf("nothing was found, yet:\n%s", s)
	}
	p = d.formPage() // usable again, values kept
	if p.m.(*forms.VpcCreate).Name != "drop-1" {
		t.Fatalf("the form lost its values: %q", p.m.(*forms.VpcCreate).Name)
	}
	lost.Store(false)
	d.replaceField("Name", "drop-1", "drop-2")
	d.next("IPv4 CIDR block", "Description", "Resource group ID", "Enable IPv6?", "Dry run only?")
	s = d.waitText("following it")
	if strings.Contains(s, "IdempotentParameterMismatch") {
		t.Fatalf("renamed after a lost answer:\n%s", s)
	}
	if a, b := d.vpcsNamed("cn-hangzhou", "drop-1"), d.vpcsNamed("cn-hangzhou", "drop-2"); len(a) != 1 || len(b) != 1 {
		t.Errorf("drop-1 %v, drop-2 %v: want one each", a, b)
	}
}

// After a lost answer, sending the same values again creates nothing new:
// the same ClientToken, so the simulator answers with the first VPC.
func TestResubmittingTheSameValuesAfterALostAnswerCreatesNothing(t *testing.T) {
	d, lost := lostUncheckedCreate(t)
	d.keys("c")
	d.createVPC("same-1")
	d.waitText("could not check", "Sending the same values again is safe")
	lost.Store(false)
	first := d.vpcsNamed("cn-hangzhou", "same-1")
	if len(first) != 1 {
		t.Fatalf("the lost create was applied once: %v", first)
	}
	d.formPage()
	d.next("Name", "IPv4 CIDR block", "Description", "Resource group ID", "Enable IPv6?", "Dry run only?")
	d.waitText(first[0], "following it")
	if again := d.vpcsNamed("cn-hangzhou", "same-1"); len(again) != 1 || again[0] != first[0] {
		t.Errorf("resubmitting the same values made %v, want only %v", again, first)
	}
	sent := d.fault.received("CreateVpc")
	if tok := sent[0].Get("ClientToken"); tok == "" || sent[len(sent)-1].Get("ClientToken") != tok {
		t.Errorf("the resubmission must carry the first ClientToken")
	}
}

// The first attempt is applied and its answer lost; the retry is
// throttled. The console does not say Throttling: it looks, says
// "created — vpc-…" and follows it; the tray and the audit log keep the
// outcome as unknown with the parameters, the VPC's ID, every attempt's
// code and the RequestIds.
func TestAppliedThenThrottledCreateReportsCreated(t *testing.T) {
	audit := &syncBuffer{}
	d := newDriver(t, emptyDataset, auditTo(audit))
	d.pane("vpc")
	d.idle()
	var n atomic.Int32
	d.setHook(func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		if action != "CreateVpc" {
			return false
		}
		if n.Add(1) == 1 {
			applyAndDrop(w, r, next)
		} else {
			answer(w, 400, "RID-THROTTLED", "Throttling.User")
		}
		return true
	})
	d.keys("c")
	d.createVPC("thr-1")
	s := d.waitText("checked: created — vpc-")
	ids := d.vpcsNamed("cn-hangzhou", "thr-1")
	if len(ids) != 1 || !strings.Contains(s, ids[0]) {
		t.Fatalf("VPCs named thr-1 %v; screen:\n%s", ids, s)
	}
	if strings.Contains(s, "Throttling") && !strings.Contains(s, "outcome") {
		t.Errorf("a created VPC reported as throttled:\n%s", s)
	}
	d.settle()
	var lines []auditEntry
	d.waitFor("the audit line", func() bool { lines = auditLines(audit, "CreateVpc"); return len(lines) > 0 })
	e := lines[0]
	if len(lines) != 1 || e.Outcome != "unknown" || e.ID != ids[0] || !strings.HasPrefix(e.Check, "created — "+ids[0]) ||
		e.Params["VpcName"] != "thr-1" || e.Code == "Throttling.User" {
		t.Errorf("audit: %+v", lines)
	}
	if len(e.Attempts) != 2 || e.Attempts[0].Code != "no answer" || e.Attempts[1].Code != "Throttling.User" || e.Attempts[1].RequestID != "RID-THROTTLED" {
		t.Errorf("audit attempts %+v: want the lost answer, then the throttle with its RequestId", e.Attempts)
	}
	row := trayRow(t, d, "CreateVpc")
	if !strings.Contains(row, ids[0]) || strings.Contains(row, "✗") || !strings.Contains(row, "(answer was lost)") {
		t.Errorf("the tray row should name %s and not a failure:\n%s", ids[0], row)
	}
}

// Nothing was applied (the first attempt's answer was an InternalError,
// the retry was throttled): the console looks, finds nothing and says
// "not created — safe to submit again"; submitting then creates one VPC.
func TestUnappliedUnknownCreateSaysNotCreated(t *testing.T) {
	audit := &syncBuffer{}
	d := newDriver(t, emptyDataset, auditTo(audit))
	d.pane("vpc")
	d.idle()
	var fail atomic.Bool
	fail.Store(true)
	d.setHook(func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		if action != "CreateVpc" || !fail.Load() {
			return false
		}
		answer(w, 500, "RID-500", "InternalError")
		return true
	})
	d.keys("c")
	d.createVPC("nc-1")
	s := d.waitText("not created — safe to submit again")
	if len(d.vpcsNamed("cn-hangzhou", "nc-1")) != 0 {
		t.Fatal("the test's fault should not create anything")
	}
	d.formPage()
	d.keys("esc") // the draft keeps the values and the form's token
	d.waitText("input is kept")
	row := trayRow(t, d, "CreateVpc")
	if !strings.Contains(row, "? unknown: not created") {
		t.Errorf("tray row: %q\n%s", row, s)
	}
	d.keys("esc")
	fail.Store(false)
	d.openForm("c")
	d.next("Name", "IPv4 CIDR block", "Description", "Resource group ID", "Enable IPv6?", "Dry run only?")
	d.waitText("following it")
	if ids := d.vpcsNamed("cn-hangzhou", "nc-1"); len(ids) != 1 {
		t.Errorf("after not created, a submission makes exactly one: %v", ids)
	}
	if l := auditLines(audit, "CreateVpc"); len(l) < 1 || l[0].Outcome != "unknown" || l[0].Check != "not created — safe to submit again" || l[0].ID != "" {
		t.Errorf("audit: %+v", l)
	}
}

// A delete whose answer is lost: the dialog does not say "nothing was
// changed"; it looks (DescribeVSwitchAttributes), says it was deleted or
// is deleting, and follows it until it is gone. One that was not applied
// says so and enter sends it again.
func TestDeleteWithALostAnswerIsCheckedAndFollowed(t *testing.T) {
	audit := &syncBuffer{}
	d := newDriver(t, auditTo(audit))
	d.command("vsw")
	d.idle()
	var applied atomic.Bool
	applied.Store(true)
	d.loseAnswerWhenApplied("DeleteVSwitch", "RID-DEL-500", &applied)

	// Not applied: said so, the dialog stays, enter is allowed again.
	applied.Store(false)
	selectRow(d, "name", "dev-sbx-f")
	sel := d.browser().table.Selected().Obj
	d.keys("ctrl+d")
	d.confirmDialog(sel.ID)
	s := d.waitText("not deleted — safe to try again")
	if strings.Contains(s, "nothing was changed") {
		t.Errorf("an unknown outcome is not \"nothing was changed\":\n%s", s)
	}
	if dp := d.dialog(); dp.sending {
		t.Fatal("the dialog should accept enter again")
	}

	// Applied, answer lost: checked, then followed until gone.
	applied.Store(true)
	d.keys("enter")
	d.dialogDeleted(sel)
	lines := auditLines(audit, "DeleteVSwitch")
	if len(lines) != 2 || lines[0].Check != "not deleted — safe to try again" || lines[0].ID != sel.ID ||
		(lines[1].Check != "deleted" && !strings.HasPrefix(lines[1].Check, "deleting")) || lines[1].Outcome != "unknown" {
		t.Errorf("audit: %+v", lines)
	}
}

// An edit whose answer is lost is checked by describing its target: the
// new values in place read "changed" (followed like any edit); otherwise
// "not changed — safe to submit again", with the form back.
func TestEditWithALostAnswerIsChecked(t *testing.T) {
	d := newConsole(t)
	var applied atomic.Bool
	d.loseAnswerWhenApplied("ModifyVpcAttribute", "RID-MOD-500", &applied)
	o := d.rowNamed("dev-sandbox")
	d.openForm("e")
	d.waitFocus("Name")
	d.keys("ctrl+u")
	d.typeText("renamed-1")
	d.keys("enter", "enter")
	d.waitText("not changed — safe to submit again")
	if v := d.vpcNamed(o.ID); v.VpcName != "dev-sandbox" {
		t.Fatalf("the test's fault should change nothing: %q", v.VpcName)
	}
	applied.Store(true)
	d.formPage()
	d.next("Name", "Description")
	d.waitText("checked: changed — " + o.ID)
	if v := d.vpcNamed(o.ID); v.VpcName != "renamed-1" {
		t.Errorf("VPC name %q, want renamed-1", v.VpcName)
	}
}

// Closing the dialog while the check runs loses nothing: the tray and the
// audit log still get the verdict, and the deleted VSwitch is followed.
func TestUnknownOutcomeCheckedAfterTheDialogCloses(t *testing.T) {
	audit := &syncBuffer{}
	d := newDriver(t, auditTo(audit))
	d.command("vsw")
	d.idle()
	release := make(chan struct{})
	var checking atomic.Bool
	d.setHook(func(w http.ResponseWriter, r *http.Request, action string, next http.Handler) bool {
		switch action {
		case "DeleteVSwitch":
			applyAndDrop(w, r, next)
			checking.Store(true)
			return true
		case "DescribeVSwitchAttributes":
			if checking.Load() {
				<-release
			}
		}
		return false
	})
	selectRow(d, "name", "dev-sbx-f")
	sel := d.browser().table.Selected().Obj
	d.keys("ctrl+d")
	d.confirmDialog(sel.ID)
	d.waitText("Checking whether it was applied")
	d.keys("esc")
	d.waitFor("the dialog to close", func() bool { _, ok := d.app.top().(*browser); return ok })
	close(release)
	var lines []auditEntry
	d.waitFor("the audit line", func() bool { lines = auditLines(audit, "DeleteVSwitch"); return len(lines) == 1 })
	if lines[0].Outcome != "unknown" || (lines[0].Check != "deleted" && !strings.HasPrefix(lines[0].Check, "deleting")) {
		t.Errorf("audit: %+v", lines[0])
	}
	d.settle()
	op := d.app.tracker.ops[len(d.app.tracker.ops)-1]
	if op.action != "DeleteVSwitch" || op.outcome != opDone || !op.found {
		t.Errorf("tray record: %+v", op)
	}
}

// A VSwitch whose answer is lost is looked for among its VPC's VSwitches
// (the listing scoped to the parent) and followed: exactly one is made.
func TestLostVSwitchCreateIsFoundInItsVPC(t *testing.T) {
	d := newDriver(t, func(so *sim.Options, _ *Options) { so.Drop = 1 })
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "prod-core"})
	exactlyOne(t, "prod-core", vpcs, err)
	vpc := vpcs[0].VpcId
	d.command("vsw")
	d.idle()
	fc := &forms.FormCtx{Host: d.app, Client: d.app.opt.Client, Region: "cn-hangzhou", Origin: d.app.top().ID()}
	d.exec(d.app.openForm(&forms.VswCreate{VpcID: vpc, FixedVPC: true, Mask: "24"}, fc))
	d.formPage()
	d.next("Zone", "CIDR block")
	d.named("lost-vsw")
	s := d.waitText("checked: created — vsw-")
	if q := d.fault.received("DescribeVSwitches"); len(q) == 0 || q[len(q)-1].Get("VpcId") != vpc {
		t.Errorf("the check should list the VSwitches of %s", vpc)
	}
	sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VpcId: vpc, VSwitchName: "lost-vsw"})
	if err != nil || len(sws) != 1 || !strings.Contains(s, sws[0].VSwitchId) {
		t.Errorf("VSwitches named lost-vsw: %v %d; screen:\n%s", err, len(sws), s)
	}
}

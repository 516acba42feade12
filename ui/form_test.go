package ui

import (
	"bytes"
	"encoding/json"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// syncBuffer is an io.Writer safe for the audit command's goroutine.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func (d *driver) formPage() *formPage {
	d.t.Helper()
	return topPage(d, "a form", func(p *formPage) bool { return p.phase == phaseEditing })
}

// settle advances both clocks until the tracker has nothing left to follow
// (with no key pressed).
func (d *driver) settle() {
	d.t.Helper()
	d.waitFor("tracking to finish", func() bool {
		d.advance(time.Second)
		return d.app.tracker.inFlight() == 0
	})
}

func TestCreateVPCShowsPendingThenAvailable(t *testing.T) {
	audit := &syncBuffer{}
	d := newConsole(t, func(_ *sim.Options, o *Options) { o.AuditLog = audit })
	d.openForm("c")
	d.waitText("Create VPC", "Name")
	d.waitFocus("Name")
	d.typeText("payments")
	d.keys("enter") // name → CIDR select
	d.waitFocus("IPv4 CIDR block")
	d.keys("down", "down", "down") // custom block…
	d.keys("enter")
	d.refusedAsTyped("Custom CIDR block", "10.77.0.0/33", "not a CIDR block") // the check shows while typing
	d.field("Custom CIDR block", "10.77.0.0/16")
	// Description, resource group, IPv6, dry run: accept the defaults.
	for _, f := range []string{"Description", "Resource group ID", "Enable IPv6?", "Dry run only?"} {
		d.waitFocus(f)
		d.keys("enter")
	}
	s := d.waitText("payments", "Pending")
	if !strings.Contains(s, "following it until it is Available") {
		t.Errorf("the flash should say it is being followed:\n%s", s)
	}
	d.settle()
	d.waitFor("payments to read Available with no key pressed", func() bool { return regexpLine(d.screen(), "payments", "Available") })
	s = d.screen()
	// The tracker's "✓ VPC vpc-… is Available", not the create's own
	// "following it until it is Available".
	if !regexpLine(s, "✓ VPC vpc-", " is Available (") {
		t.Errorf("a completion flash is shown:\n%s", s)
	}
	d.waitFor("the audit line", func() bool { return strings.Contains(audit.String(), "CreateVpc") })
	var e auditEntry
	if err := json.Unmarshal([]byte(strings.TrimSpace(audit.String())), &e); err != nil {
		t.Fatal(err)
	}
	if e.Action != "CreateVpc" || e.Params["CidrBlock"] != "10.77.0.0/16" || e.RequestID == "" || e.Profile != "SIMULATOR" || e.ID == "" {
		t.Errorf("audit entry %+v", e)
	}
}

// waitFocus waits until the form's focused field is title (huh moves focus
// asynchronously).
func (d *driver) waitFocus(title string) {
	d.t.Helper()
	d.waitText("┃ " + title)
}

func regexpLine(screen, a, b string) bool {
	for _, l := range strings.Split(screen, "\n") {
		if strings.Contains(l, a) && strings.Contains(l, b) {
			return true
		}
	}
	return false
}

func TestVSwitchOverlapStoppedInForm(t *testing.T) {
	d := newConsole(t)
	selectRow(d, "name", "prod-core")
	d.keys("enter", "1") // VSwitches of prod-core
	d.idle()
	p := d.openForm("c")
	d.waitText("Create VSwitch in vpc-")
	m := p.m.(*forms.VswCreate)
	if m.Cidr == "" || m.CheckCIDR(m.Cidr) != nil {
		t.Errorf("the CIDR field should start with a free block, got %q", m.Cidr)
	}
	// Move to the CIDR field and type a block that overlaps prod-core-app-b.
	d.keys("enter") // zone → CIDR
	d.waitText("┃ CIDR block")
	for range len(m.Cidr) {
		d.keys("backspace")
	}
	d.typeText("10.0.1.0/25")
	d.waitText("overlaps 10.0.1.0/24") // explained next to the field as you type
	d.keys("enter")
	if d.app.top() != Page(p) || p.phase != phaseEditing {
		t.Fatal("the form moved on with an overlapping block")
	}
	for _, a := range d.fault.actions() {
		if a == "CreateVSwitch" {
			t.Fatal("CreateVSwitch was sent for an overlapping block")
		}
	}
}

func TestServerErrorKeepsValues(t *testing.T) {
	d := newConsole(t)
	p := d.openForm("c")
	d.waitFocus("Name")
	d.typeText("keepme")
	d.fault.on.Store(true)
	submitVPCForm(d)
	s := d.waitText("ServiceUnavailable", "FAULT-REQ-1")
	if _, ok := d.app.top().(*formPage); !ok {
		t.Fatalf("the form closed after a server error:\n%s", s)
	}
	if p.m.(*forms.VpcCreate).Name != "keepme" || !strings.Contains(s, "keepme") {
		t.Errorf("the typed name was lost:\n%s", s)
	}
	token := p.token
	d.fault.on.Store(false)
	// Resubmit: walk the fields again and submit.
	submitVPCForm(d)
	d.waitText("keepme", "following it")
	if p.token != token {
		t.Error("a resubmission must reuse the ClientToken")
	}
}

// submitVPCForm walks the VPC form's fields with enter.
func submitVPCForm(d *driver) {
	d.t.Helper()
	for _, f := range []string{"Name", "IPv4 CIDR block", "Description", "Resource group ID", "Enable IPv6?", "Dry run only?"} {
		d.waitFocus(f)
		d.keys("enter")
	}
}

func TestFormEscKeepsDraft(t *testing.T) {
	d := newConsole(t)
	d.openForm("c")
	d.waitFocus("Name")
	d.typeText("draft-vpc")
	d.keys("esc")
	d.waitText("input is kept")
	p := d.openForm("c")
	if p.m.(*forms.VpcCreate).Name != "draft-vpc" {
		t.Error("reopening the form should bring the draft back")
	}
}

func TestDeleteVPCExplainsDependents(t *testing.T) {
	d := newConsole(t)
	selectRow(d, "name", "staging")
	before := len(d.fault.actions())
	d.keys("ctrl+d")
	s := d.waitText("Delete VPC", "still has", "vswitches")
	if !strings.Contains(s, "3 vswitches") {
		t.Errorf("the dialog should count the VSwitches:\n%s", s)
	}
	d.typeText("staging")
	d.keys("enter")
	d.waitText("Delete what depends on it first")
	for _, a := range d.fault.actions()[before:] {
		if !readOnlyAction(a) {
			t.Errorf("%s was sent before the dependents were gone", a)
		}
	}
	d.keys("esc")
	d.waitText("VPCs")
}

func TestDeleteVSwitchTypedConfirmation(t *testing.T) {
	d, sel := deleteDevSbxF(t)
	d.typeText("wrong")
	d.keys("enter")
	d.waitText("exactly to confirm")
	for range 5 {
		d.keys("backspace")
	}
	d.typeText(sel.ID)
	d.keys("enter")
	d.dialogDeleted(sel)
}

// deleteDevSbxF opens the delete dialog of the VSwitch dev-sbx-f.
func deleteDevSbxF(t *testing.T) (*driver, *model.Object) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	selectRow(d, "name", "dev-sbx-f")
	sel := d.browser().table.Selected().Obj
	d.keys("ctrl+d")
	d.waitText("Delete VSwitch " + sel.ID)
	return d, sel
}

func readOnlyAction(a string) bool {
	for _, p := range []string{"Describe", "List", "Get"} {
		if strings.HasPrefix(a, p) {
			return true
		}
	}
	return false
}

var _ = model.PhaseReady

// ctrl+t in the delete dialog asks the API for a dry run: nothing is
// deleted, and the answer says whether the delete would pass.
func TestDeleteDryRun(t *testing.T) {
	d, sel := deleteDevSbxF(t)
	d.keys("ctrl+t")
	d.waitText("Dry run passed")
	d.keys("esc")
	d.command("vpc")
	d.idle()
	selectRow(d, "name", "staging")
	d.keys("ctrl+d")
	d.waitText("Delete VPC", "still has")
	d.keys("ctrl+t")
	d.waitText("DependencyViolation", "the dry run says the delete would fail")
	c := otherClient(t, d)
	if sws, err := client.DescribeVSwitches.Call(d.ctx, c, &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VSwitchId: sel.ID}); err != nil || len(sws) != 1 {
		t.Errorf("a dry run deleted the VSwitch (%d listed, %v)", len(sws), err)
	}
}

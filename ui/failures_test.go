package ui

import (
	"errors"
	"strings"
	"testing"

	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// Failed operations are kept: the activity tray lists them next to the
// successes, with the time, the API's exact action, what they were aimed
// at, the error code and the RequestId (at 120 columns), and the audit log
// records them with the parameters that were sent.

// failedAudit returns the audit log's failed entry for action.
func failedAudit(t *testing.T, d *driver, audit *syncBuffer, action string) auditEntry {
	t.Helper()
	var found *auditEntry
	d.waitFor("the audit line of the failed "+action, func() bool {
		for _, e := range auditLines(audit, action) {
			if e.Outcome == "failed" {
				found = &e
				return true
			}
		}
		return false
	})
	return *found
}

// trayRow opens the activity tray and returns the row of action.
func trayRow(t *testing.T, d *driver, action string) string {
	t.Helper()
	d.keys("t")
	s := d.waitText("Activity", action)
	row := ""
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " "+action+" ") {
			row = l
		}
	}
	for _, want := range []string{"TIME", "ACTION", "REQUEST ID"} {
		if !strings.Contains(s, want) {
			t.Errorf("the tray at 120 columns has no %s column:\n%s", want, s)
		}
	}
	return row
}

// assertKept checks the tray row and the audit entry of a failed call.
func assertKept(t *testing.T, d *driver, audit *syncBuffer, action, id string, params map[string]string) (auditEntry, string) {
	t.Helper()
	e := failedAudit(t, d, audit, action)
	if e.Code != "ServiceUnavailable" || e.RequestID != "FAULT-REQ-1" || e.Error == "" || e.Time == "" {
		t.Errorf("audit entry of the failed %s lacks code, RequestId, error or time: %+v", action, e)
	}
	if id != "" && e.ID != id {
		t.Errorf("audit entry of the failed %s: id %q, want %q", action, e.ID, id)
	}
	for k, v := range params {
		if e.Params[k] != v {
			t.Errorf("audit entry of the failed %s: %s=%q, want %q (params %v)", action, k, e.Params[k], v, e.Params)
		}
	}
	row := trayRow(t, d, action)
	for _, want := range []string{"08:00:", action, "✗ ServiceUnavailable", "FAULT-REQ-1"} {
		if !strings.Contains(row, want) {
			t.Errorf("the tray row of the failed %s should show %q:\n%s\n%s", action, want, row, d.screen())
		}
	}
	if id != "" && !strings.Contains(row, id) {
		t.Errorf("the tray row of the failed %s should name %s:\n%s", action, id, row)
	}
	return e, row
}

func TestFailedCreateIsKept(t *testing.T) {
	audit := &syncBuffer{}
	d := newDriver(t, auditTo(audit))
	vpc := d.prodCorePane("vsw")
	d.openForm("c")
	d.next("Zone", "CIDR block")
	d.waitFocus("Name")
	d.typeText("doomed-web")
	d.fault.on.Store(true)
	d.keys("enter")
	d.next("Description")
	d.waitText("ServiceUnavailable", "FAULT-REQ-1") // the form says so
	d.fault.on.Store(false)
	d.keys("esc")
	e, row := assertKept(t, d, audit, "CreateVSwitch", "", map[string]string{"VSwitchName": "doomed-web", "VpcId": vpc})
	if e.Parent != vpc || e.Params["CidrBlock"] == "" {
		t.Errorf("a failed create names the VPC it was for and the block it asked for: %+v", e)
	}
	if !strings.Contains(row, "in "+vpc) {
		t.Errorf("the tray row of a failed create names its VPC:\n%s", row)
	}
}

func TestFailedDeleteIsKeptWithTheAPIsActionName(t *testing.T) {
	audit := &syncBuffer{}
	d := newDriver(t, auditTo(audit))
	d.prodCorePane("nat")
	o := d.rowNamed("prod-core-nat")
	d.keys("ctrl+d")
	d.waitText("still has")
	d.typeText(o.ID)
	d.keys("tab") // force: it has entries
	d.waitText("FORCE")
	d.fault.on.Store(true)
	d.keys("enter")
	d.waitText("ServiceUnavailable", "nothing was changed")
	d.fault.on.Store(false)
	d.keys("esc")
	// The API's name, not one made from the kind's label (DeleteNATgateway).
	_, _ = assertKept(t, d, audit, "DeleteNatGateway", o.ID, map[string]string{"NatGatewayId": o.ID, "Force": "true"})
	if strings.Contains(audit.String(), "DeleteNATgateway") {
		t.Errorf("the audit log names the delete after its label:\n%s", audit)
	}
}

func TestFailedActionIsKept(t *testing.T) {
	audit := &syncBuffer{}
	d := newConsole(t, func(_ *sim.Options, o *Options) { o.AuditLog = audit })
	d.pane("nat")
	o := d.rowWhere("a Normal gateway", func(o *model.Object) bool { return o.Val().(*model.NatGateway).NatType == "Normal" })
	d.action("Change spec")
	d.formPage()
	d.fault.on.Store(true)
	d.choose("Spec", "Middle")
	d.waitText("ServiceUnavailable", "FAULT-REQ-1")
	d.fault.on.Store(false)
	d.keys("esc")
	_, _ = assertKept(t, d, audit, "ModifyNatGatewaySpec", o.ID, map[string]string{"NatGatewayId": o.ID, "Spec": "Middle"})
}

// Successes and failures are listed together, newest first.
func TestTrayListsFailuresNextToSuccesses(t *testing.T) {
	d := consoleOn(t, "vsw")
	o := d.rowNamed("prod-core-app-b")
	d.openForm("e")
	d.replaceField("Name", o.Name, "prod-core-app-b2")
	d.next("Description")
	d.tracked("ModifyVSwitchAttribute")
	d.rowID(o.ID)
	d.openForm("e")
	d.replaceField("Name", "prod-core-app-b2", "prod-core-app-b3")
	d.fault.on.Store(true)
	d.next("Description")
	d.waitText("FAULT-REQ-1")
	d.fault.on.Store(false)
	d.keys("esc")
	d.keys("t")
	s := d.waitText("Activity", "2 recent (1 failed)")
	var rows []string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, " ModifyVSwitchAttribute ") {
			rows = append(rows, l)
		}
	}
	if len(rows) != 2 || !strings.Contains(rows[0], "✗ ServiceUnavailable") || !strings.Contains(rows[1], "done") {
		t.Errorf("want the failure above the success:\n%s", s)
	}
	// The selected failure shows its whole message.
	if !strings.Contains(s, "✗ ModifyVSwitchAttribute: ServiceUnavailable") {
		t.Errorf("the selected failure's message should show in full:\n%s", s)
	}
}

// At 120 columns the tray keeps the start time and the whole RequestId
// even for the longest action names; narrower windows drop them first.
func TestTrayColumnsAt120KeepTimeAndRequestID(t *testing.T) {
	d := newConsole(t)
	vbr := &model.Kind{Name: "vbr", Singular: "VBR"}
	op := d.app.tracker.failed("ModifyVirtualBorderRouterAttribute", vbr, "cn-hangzhou", "vbr-bp1qhwu2dy8slwm4xwl8l", "",
		errors.New("ModifyVirtualBorderRouterAttribute: boom"))
	op.requestID, op.code = "0D1D4C5A-5E4F-4D27-9C0B-7B7D3A1E2F30", "InvalidVlanId.Used"
	d.app.tracker.startOp("CreateVSwitch", vbr, "cn-hangzhou", "vsw-bp1heen495scldolg6vlh", "")
	d.keys("t")
	s := d.waitText("Activity", "REQUEST ID")
	var row string
	for _, l := range strings.Split(s, "\n") {
		if strings.Contains(l, "vbr-bp1qhwu2dy8slwm4xwl8l") {
			row = l
		}
	}
	for _, want := range []string{"08:00:00", "ModifyVirtualBorderRout", "✗ InvalidVlanId.Used", "0D1D4C5A-5E4F-4D27-9C0B-7B7D3A1E2F30"} {
		if !strings.Contains(row, want) {
			t.Errorf("at 120 columns the row should show %q:\n%s", want, s)
		}
	}
	d.resize(80, 24)
	s = d.waitText("Activity")
	for _, want := range []string{"ACTION", "ID", "STATUS", "vbr-bp1qhwu2dy8slwm4xwl8l"} {
		if !strings.Contains(s, want) {
			t.Errorf("at 80 columns the tray should keep %q:\n%s", want, s)
		}
	}
	for _, l := range strings.Split(s, "\n") {
		if ansi.StringWidth(l) > 80 {
			t.Errorf("line wider than the window: %q", l)
		}
	}
}

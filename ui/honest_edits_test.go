package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// An edit submitted without changing anything sends no Modify call, says
// so, and leaves no audit line and no tray entry.
func TestEditThatChangesNothingSendsNothing(t *testing.T) {
	audit, reqlog := &syncBuffer{}, &syncBuffer{}
	d := newConsole(t, func(so *sim.Options, o *Options) { o.AuditLog, so.RequestLog = audit, reqlog })
	d.pane("vsw")
	o := d.rowNamed("prod-core-app-b")
	mark := len(d.fault.actions())
	d.openForm("e")
	d.next("Name", "Description")
	s := d.waitText("Nothing changed: VSwitch " + o.ID + ` is already named "prod-core-app-b"`)
	if !strings.Contains(s, "nothing was sent") {
		t.Errorf("the flash should say nothing was sent:\n%s", s)
	}
	if _, ok := d.app.top().(*formPage); ok {
		t.Error("the form should close after a no-op edit")
	}
	assertNoWrite(t, d, mark, "an edit that changes nothing")
	if strings.Contains(reqlog.String(), `"action":"ModifyVSwitchAttribute"`) {
		t.Errorf("the simulator received ModifyVSwitchAttribute for an edit that changes nothing")
	}
	if a := audit.String(); a != "" {
		t.Errorf("nothing was sent, so nothing is audited; got %s", a)
	}
	if n := len(d.app.tracker.ops); n != 0 {
		t.Errorf("the tray lists %d operations for an edit that sent nothing", n)
	}

	// A real change still goes through: only what differs matters.
	d.rowID(o.ID)
	d.openForm("e")
	d.next("Name")
	d.replaceField("Description", descOf(t, o), "Application tier B")
	d.tracked("ModifyVSwitchAttribute")
	if n := strings.Count(reqlog.String(), `"action":"ModifyVSwitchAttribute"`); n != 1 {
		t.Errorf("the simulator logged ModifyVSwitchAttribute %d times, want 1", n)
	}
	if n := countAction(d.sentSince(mark), "ModifyVSwitchAttribute"); n != 1 {
		t.Errorf("ModifyVSwitchAttribute sent %d times, want 1", n)
	}
}

func descOf(t *testing.T, o *model.Object) string {
	t.Helper()
	s, _ := forms.Current(o)["Description"].(string)
	return s
}

// Clearing a name cannot be expressed (an empty VSwitchName means
// "unchanged"): the form refuses it as it is typed and before sending,
// with the reason, and nothing is sent.
func TestClearingANameIsRefusedInTheForm(t *testing.T) {
	d := consoleOn(t, "vsw")
	o := d.rowNamed("prod-core-app-b")
	mark := len(d.fault.actions())
	p := d.openForm("e")
	d.waitFocus("Name")
	for range len(o.Name) {
		d.keys("backspace")
	}
	d.keys("enter")
	s := d.waitText(`cannot clear a name`, `keep "prod-core-app-b"`)
	if !strings.Contains(s, "┃ Name") {
		t.Errorf("the form should stay on the emptied Name field:\n%s", s)
	}
	if d.app.top() != Page(p) || p.phase != phaseEditing {
		t.Fatal("the form moved on with an emptied name")
	}
	// The same refusal guards the submission itself, whatever the fields
	// let through: it names the API parameter.
	err := p.m.Check(p.fc)
	if err == nil || !strings.Contains(err.Error(), "ModifyVSwitchAttribute cannot clear a name: an empty VSwitchName") {
		t.Errorf("Check with an emptied name: %v", err)
	}
	assertNoWrite(t, d, mark, "clearing a VSwitch name")
}

// Every edit form, opened on a resource and submitted as it is, sends
// nothing: the comparison of the request with the resource is generic, so
// each kind's request must use the resource's own (API) names.
func TestEveryEditFormSubmittedUnchangedSendsNothing(t *testing.T) {
	for _, kind := range []string{"vpc", "vsw", "rt", "nat", "eip", "snat", "dnat", "peer", "vbr", "bgp", "bgppeer", "vpn", "cgw", "ipsec", "vpcflowlog", "sagflowlog", "pc", "ri", "havip", "vrouter", "natbwp", "cbwp", "ga"} {
		t.Run(kind, func(t *testing.T) {
			d := newConsole(t)
			d.pane(kind)
			var p *formPage
			d.waitFor("a "+kind+" row", func() bool {
				b := d.browser()
				return len(b.table.Rows()) > 0 && !b.loading
			})
			b := d.browser()
			o := b.table.Rows()[0].Obj
			b.table.Select(b.table.Rows()[0].Key)
			mark := len(d.fault.actions())
			d.keys("e")
			p = d.editingForm()
			if err := p.m.Check(p.fc); err != nil {
				t.Fatalf("%s %s as it is fails its own check: %v", kind, o.ID, err)
			}
			res, err := p.m.Submit(d.ctx, p.fc, p.token)
			if err != nil || res == nil || !res.Unchanged {
				t.Fatalf("%s %s submitted unchanged: res %+v, err %v", kind, o.ID, res, err)
			}
			if !strings.Contains(res.Note, "Nothing changed: "+o.Kind.Singular+" "+o.ID) {
				t.Errorf("note %q", res.Note)
			}
			assertNoWrite(t, d, mark, "an unchanged "+kind+" edit")
		})
	}
}

// Only a name the resource has is kept: a resource without one (shown by
// another field) may keep an empty name field; one with a name may not
// lose it, and neither may a description.
func TestKeepSetRefusesOnlyClearingWhatIsThere(t *testing.T) {
	k := &model.Kind{Name: "eip", Singular: "EIP"}
	nameless := &forms.FormCtx{Target: &model.Object{Kind: k, ID: "eip-1", Name: "47.1.1.1", Value: &model.EipAddress{AllocationId: "eip-1", IpAddress: "47.1.1.1"}}}
	if err := forms.KeepSet(nameless, "name", model.DefaultName.Check)(""); err != nil {
		t.Errorf("an empty name on a nameless EIP: %v", err)
	}
	named := &forms.FormCtx{Target: &model.Object{Kind: k, ID: "eip-2", Name: "web", Value: &model.EipAddress{AllocationId: "eip-2", Name: "web", Description: "Front door"}}}
	if err := forms.KeepSet(named, "name", model.DefaultName.Check)(" "); err == nil || !strings.Contains(err.Error(), `keep "web"`) {
		t.Errorf("clearing the name web: %v", err)
	}
	if err := forms.KeepSet(named, "description", model.CheckDescription)(""); err == nil || !strings.Contains(err.Error(), "cannot clear a description") {
		t.Errorf("clearing the description: %v", err)
	}
	if err := forms.KeepSet(named, "name", model.DefaultName.Check)("web2"); err != nil {
		t.Errorf("renaming: %v", err)
	}
	if err := forms.KeepSet(&forms.FormCtx{}, "name", model.DefaultName.Check)(""); err != nil {
		t.Errorf("a create may leave the name empty: %v", err)
	}
}

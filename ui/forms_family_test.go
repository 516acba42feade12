package ui

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// Helpers for driving the family forms: fields are found by their titles
// (huh moves focus asynchronously, so each step waits for it).

// api is a second client on the same simulator, for looking things up and
// checking results independently of the console.
func (d *driver) api() *client.Client {
	d.t.Helper()
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: d.http.URL},
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxAttempts: 30,
	})
	noErr(d.t, err)
	return c
}

func (d *driver) ctxT() context.Context { return d.ctx }

// field types text into the focused field titled title, then moves on.
func (d *driver) field(title, text string) {
	d.t.Helper()
	d.waitFocus(title)
	d.typeText(text)
	d.keys("enter")
}

// clearField deletes what the field holds before typing.
func (d *driver) replaceField(title, old, text string) {
	d.t.Helper()
	d.waitFocus(title)
	for range len([]rune(old)) {
		d.keys("backspace")
	}
	d.typeText(text)
	d.keys("enter")
}

// next accepts the focused field as it is.
func (d *driver) next(titles ...string) {
	d.t.Helper()
	for _, t := range titles {
		d.waitFocus(t)
		d.keys("enter")
	}
}

// choose moves a focused select's cursor to the option containing sub and
// picks it.
func (d *driver) choose(title, sub string) {
	d.t.Helper()
	d.optionKey(title, sub, "enter")
}

// toggle moves a focused multi-select's cursor to the option containing
// sub and selects it.
func (d *driver) toggle(title, sub string) {
	d.t.Helper()
	d.optionKey(title, sub, "space")
}

// optionKey moves the cursor of the focused field title down to the
// option containing sub and presses key there.
func (d *driver) optionKey(title, sub, key string) {
	d.t.Helper()
	d.waitFocus(title)
	for range 40 {
		for _, l := range strings.Split(d.screen(), "\n") {
			if strings.Contains(l, "┃ > ") && strings.Contains(l, sub) {
				d.keys(key)
				return
			}
		}
		d.keys("down")
	}
	d.t.Fatalf("no option %q in %s:\n%s", sub, title, d.screen())
}

// menuPick chooses the menu item labelled label (drill or `x` menus).
func (d *driver) menuPick(label string) {
	d.t.Helper()
	d.waitFor("a menu", func() bool { return d.app.menu != nil })
	for i, it := range d.app.menu.items {
		if it.label == label {
			d.keys(fmt.Sprint(i + 1))
			return
		}
	}
	d.t.Fatalf("no %q in the menu: %s", label, d.screen())
}

// pane opens a `:` command and waits for it to load.
func (d *driver) pane(cmd string) {
	d.t.Helper()
	d.command(cmd)
	d.idle()
}

// rowWhere selects the row whose object matches.
func (d *driver) rowWhere(what string, match func(o *model.Object) bool) *model.Object {
	d.t.Helper()
	var found *model.Object
	d.waitFor(what, func() bool {
		b, ok := d.app.top().(*browser)
		if !ok {
			return false
		}
		for _, r := range b.table.Rows() {
			if match(r.Obj) {
				found = r.Obj
				b.table.Select(r.Key)
				return true
			}
		}
		return false
	})
	return found
}

// rowNamed selects the row named name.
func (d *driver) rowNamed(name string) *model.Object {
	d.t.Helper()
	return d.rowWhere("row "+name, func(o *model.Object) bool { return o.Name == name })
}

// rowID selects the row with ID id.
func (d *driver) rowID(id string) *model.Object {
	d.t.Helper()
	return d.rowWhere("row "+id, func(o *model.Object) bool { return o.ID == id })
}

// settled waits, advancing the clocks, until the pane's row with id reads
// status.
func (d *driver) settled(id, status string) {
	d.t.Helper()
	d.settle()
	d.rowWhen(id, "read "+status, func(o *model.Object) bool { return strings.EqualFold(o.Status, status) })
}

// gone waits until the pane no longer has id.
func (d *driver) gone(id string) {
	d.t.Helper()
	d.settle()
	d.waitFor(id+" to go", func() bool {
		d.advance(time.Second)
		b, ok := d.app.top().(*browser)
		if !ok {
			return false
		}
		for _, r := range b.table.Rows() {
			if r.Obj.ID == id && r.delta != theme.DeltaRemoved {
				return false
			}
		}
		return true
	})
}

// tracked waits until the console started an operation for action and
// follows it until it settles.
func (d *driver) tracked(action string) *operation {
	d.t.Helper()
	var op *operation
	d.waitFor(action+" to start", func() bool {
		for _, o := range d.app.tracker.ops {
			if o.action == action && !o.rejected {
				op = o
			}
		}
		return op != nil
	})
	d.settle()
	return op
}

// lastOp is the newest operation the console started.
func (d *driver) lastOp() *operation {
	d.t.Helper()
	ops := d.app.tracker.ops
	if len(ops) == 0 {
		d.t.Fatal("no operation was started")
	}
	return ops[len(ops)-1]
}

// deleteRow deletes the row id through the typed dialog and waits until
// it is gone.
func (d *driver) deleteRow(id string) {
	d.t.Helper()
	d.deleteTyped(d.rowID(id))
	d.gone(id)
}

// editRow opens the edit form of the row id.
func (d *driver) editRow(id string) {
	d.t.Helper()
	d.rowID(id)
	d.openForm("e")
}

// confirmedAction picks label for the row id, confirms it with the ID in
// the typed dialog, and waits for action to be sent and the row to read
// status.
func (d *driver) confirmedAction(id, label, action, status string) {
	d.t.Helper()
	d.rowAction(id, label)
	d.confirmDialog(id)
	d.tracked(action)
	d.settled(id, status)
}

// refusedAction picks label for the row id: the console explains why
// (text) before any call, and nothing is sent (what names the case).
func (d *driver) refusedAction(id, label, text, what string) {
	d.t.Helper()
	d.rowID(id)
	d.refused("x", label, text, what)
}

// refused presses key on the selected row ("x" then picks label from its
// menu; "ctrl+d" with no label): the console explains why (text) before
// any call, esc closes it, and nothing is sent (what names the case).
func (d *driver) refused(key, label, text, what string) {
	d.t.Helper()
	mark := len(d.fault.actions())
	d.keys(key)
	if label != "" {
		d.menuPick(label)
	}
	d.waitText(text)
	d.keys("esc")
	assertNoWrite(d.t, d, mark, what)
}

// rowAction picks label in the action menu (x) of the row id.
func (d *driver) rowAction(id, label string) {
	d.t.Helper()
	d.rowID(id)
	d.action(label)
}

// action picks label in the selected row's action menu (x).
func (d *driver) action(label string) {
	d.t.Helper()
	d.keys("x")
	d.menuPick(label)
}

// deleteTyped deletes the selected row with typed confirmation.
func (d *driver) deleteTyped(o *model.Object) {
	d.t.Helper()
	d.keys("ctrl+d")
	d.waitText(o.Kind.Singular + " " + o.ID)
	d.confirmDialog(o.ID)
}

// sent lists the actions sent since mark.
func (d *driver) sentSince(mark int) []string { return d.fault.actions()[mark:] }

func countAction(actions []string, name string) int {
	n := 0
	for _, a := range actions {
		if a == name {
			n++
		}
	}
	return n
}

// assertNoWrite fails if any mutating action was sent since mark.
func assertNoWrite(t *testing.T, d *driver, mark int, why string) {
	t.Helper()
	for _, a := range d.sentSince(mark) {
		if !readOnlyAction(a) {
			t.Errorf("%s: %s was sent", why, a)
		}
	}
}

// editingForm waits for the top form to be editable, retrying a Prepare
// that failed (ctrl+r), as a person would.
func (d *driver) editingForm() *formPage {
	d.t.Helper()
	return topPage(d, "an editable form", func(p *formPage) bool {
		if p.phase == phasePreparing && p.bannerErr && len(p.banner) > 0 {
			d.keys("ctrl+r") // once: it clears the banner
		}
		return p.phase == phaseEditing
	})
}

// nameOnce types name into the Name field on a form's first walk; a walk
// after a refused submission finds it kept and accepts it. The empty
// Description after it submits.
func (d *driver) nameOnce(first bool, name string) {
	d.t.Helper()
	if first {
		d.named(name)
		return
	}
	d.next("Name", "Description")
}

// submitUntilAccepted walks a form until the API accepts it: after a
// server error the form keeps its values and the same ClientToken, and the
// user submits again.
func (d *driver) submitUntilAccepted(action string, walk func(first bool)) *operation {
	d.t.Helper()
	p := d.editingForm()
	token := p.token
	for i := 0; i < 12; i++ {
		walk(i == 0)
		var op *operation
		started := func() bool {
			for _, o := range d.app.tracker.ops {
				if o.action == action && !o.rejected {
					op = o
				}
			}
			return op != nil
		}
		d.waitFor("the form to submit", func() bool { return started() || p.phase == phaseSubmitting })
		d.waitFor(action+" answered", func() bool {
			for _, o := range d.app.tracker.ops {
				if o.action == action && !o.rejected {
					op = o
				}
			}
			return op != nil || p.phase == phaseEditing
		})
		if p.token != token {
			d.t.Fatal("a resubmission must reuse the form's ClientToken")
		}
		if op != nil {
			d.settle()
			return op
		}
	}
	d.t.Fatalf("%s never went through:\n%s", action, d.screen())
	return nil
}

// Creating under --throttle 0.5 --drop 0.2 yields exactly one resource:
// retries and resubmissions carry the form's one ClientToken.
func TestCreatingUnderThrottleAndDropYieldsExactlyOne(t *testing.T) {
	d := newDriver(t, func(so *sim.Options, _ *Options) { so.Throttle, so.Drop = 0.5, 0.2 })
	api := d.api()
	vpcs, err := client.DescribeVpcs.Call(d.ctx, api, &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "prod-core"})
	exactlyOne(t, "prod-core", vpcs, err)
	vpc := vpcs[0].VpcId
	origin := d.app.top().ID()
	fc := &forms.FormCtx{Host: d.app, Client: d.app.opt.Client, Region: "cn-hangzhou", Origin: origin}

	d.exec(d.app.openForm(&forms.VswCreate{VpcID: vpc, FixedVPC: true, Mask: "24"}, fc))
	d.submitUntilAccepted("CreateVSwitch", func(first bool) {
		d.next("Zone", "CIDR block")
		d.nameOnce(first, "thr-vsw")
	})
	fc2 := &forms.FormCtx{Host: d.app, Client: d.app.opt.Client, Region: "cn-hangzhou", Origin: origin}
	d.exec(d.app.openForm(&forms.NatCreate{VpcID: vpc, FixedVPC: true, NatType: "Enhanced", Spec: "Small"}, fc2))
	d.submitUntilAccepted("CreateNatGateway", func(first bool) {
		d.next("NAT type", "VSwitch")
		d.nameOnce(first, "thr-nat")
		d.confirmReview()
	})

	sws, err := client.DescribeVSwitches.Call(d.ctx, api, &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VpcId: vpc, VSwitchName: "thr-vsw"})
	if err != nil || len(sws) != 1 {
		t.Errorf("VSwitches named thr-vsw: %v %d, want exactly 1", err, len(sws))
	}
	nats, err := client.DescribeNatGateways.Call(d.ctx, api, &client.DescribeNatGatewaysInput{RegionId: "cn-hangzhou", VpcId: vpc, Name: "thr-nat"})
	if err != nil || len(nats) != 1 {
		t.Errorf("NAT gateways named thr-nat: %v %d, want exactly 1", err, len(nats))
	}
}

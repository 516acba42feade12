package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

func TestOpenTrafficMirroringFromRegionPane(t *testing.T) {
	d := consoleOn(t, "region")
	d.waitText("Not opened")
	// Already open in cn-hangzhou: said before any call.
	d.rowID("cn-hangzhou")
	d.refused("x", "Open traffic mirroring", "traffic mirroring is already open in cn-hangzhou", "opening an open service")

	mark := len(d.fault.actions())
	d.rowID("cn-shanghai")
	d.actionYes("Open traffic mirroring", "Open traffic mirroring in cn-shanghai?")
	d.waitFor("the call", func() bool { return countAction(d.sentSince(mark), "OpenTrafficMirrorService") == 1 })
	d.waitFor("the service to open", func() bool {
		d.advance(time.Second)
		st, err := client.GetTrafficMirrorServiceStatus.Call(d.ctx, d.api(), &client.ServiceStatusInput{RegionId: "cn-shanghai"})
		return err == nil && st.Enabled
	})
}

func TestOpenIPPoolsExplainsTheAPIAnswer(t *testing.T) {
	d := consoleOn(t, "region")
	d.waitText("Not opened")
	d.rowID("cn-shanghai")
	d.actionYes("Open IP address pools", "Open IP address pools in cn-shanghai?")
	d.waitFor("the call", func() bool { return countAction(d.fault.actions(), "OpenPublicIpAddressPoolService") == 1 })
	d.waitFor("the form to close", func() bool { _, ok := d.app.top().(*browser); return ok })
	// A second region while the first is still opening: the API refuses
	// (one activation at a time per account) and the form says what to do.
	d.rowID("cn-shenzhen")
	d.actionYes("Open IP address pools", "Open IP address pools in cn-shenzhen?")
	s := d.waitText("OperationConflict", "What to do", "An activation is still running")
	if !strings.Contains(s, "wait a minute") {
		t.Errorf("the advice should be shown in full:\n%s", s)
	}
}

// Every documented error code of the two Open*Service calls (seeds 000 and
// 004) is explained in words a user can act on.
func TestServiceErrorCodesAreExplained(t *testing.T) {
	documented := []string{
		"OperationFailed.ExceedPurchaseLimit", "Forbidden.RAM", "OperationFailed.AliGroupUserCanNotBuyInnerCommodity",
		"OperationFailed.QuotaNotEnough", "Order.NoRealNameAuthentication", "OperationFailed.BasicInfoUncompleted",
		"Forbidden.OpenPublicIpAddressPool",
	}
	for _, code := range documented {
		t.Run(code, func(t *testing.T) {
			api := &client.APIError{HTTPStatus: 400, Code: code, Message: "as the API says", RequestID: "REQ-1", Action: "OpenTrafficMirrorService"}
			err := forms.Advise(api, forms.ServiceAdvice())
			var ad *forms.AdvisedError
			if !errors.As(err, &ad) || len(ad.Advice) < 30 {
				t.Fatalf("no advice for %s: %v", code, err)
			}
			if client.ErrorCode(err) != code || client.RequestID(err) != "REQ-1" {
				t.Errorf("the code and RequestId must survive: %q %q", client.ErrorCode(err), client.RequestID(err))
			}
			lines := errorLines(err, "hint")
			if !strings.Contains(strings.Join(lines, " "), ad.Advice) || !strings.Contains(lines[0], code) {
				t.Errorf("the banner should lead with the advice: %q", lines)
			}
		})
	}
	if !strings.Contains(forms.ServiceAdvice()["Order.NoRealNameAuthentication"], "real-name verification") {
		t.Error("real-name advice")
	}
	other := &client.APIError{Code: "Something.Else"}
	if forms.Advise(other, forms.ServiceAdvice()) != error(other) {
		t.Error("an unknown code passes through")
	}
}

// regionCell is the text of the region row's column named col.
func regionCell(d *driver, region, col string) string {
	b, ok := d.app.top().(*browser)
	if !ok {
		return ""
	}
	r := b.table.Row("region/" + region + "/" + region)
	if r == nil {
		for _, row := range b.table.Rows() {
			if row.Obj.ID == region {
				r = row
			}
		}
	}
	if r == nil {
		return ""
	}
	for i, c := range b.kind.Columns {
		if c.Name == col {
			return r.Cell(i)
		}
	}
	return ""
}

// A region service tracks like a resource: after the accepted Open call the
// row and the tray read Opening, a refresh keeps it, and with no key pressed
// the row turns Opened and the operation is done.
func TestRegionServiceShowsOpeningThenOpened(t *testing.T) {
	d := newConsole(t, func(so *sim.Options, _ *Options) { so.Settle = 50 * time.Second })
	d.pane("region")
	d.waitText("Not opened")
	d.rowID("cn-shanghai")
	if c := regionCell(d, "cn-shanghai", "Traffic Mirror"); c != "Not opened" {
		t.Fatalf("cn-shanghai's traffic mirroring starts %q", c)
	}
	d.actionYes("Open traffic mirroring", "Open traffic mirroring in cn-shanghai?")
	var op *operation
	d.waitFor("the operation in the tray", func() bool {
		for _, o := range d.app.tracker.ops {
			if o.action == "OpenTrafficMirrorService" {
				op = o
			}
		}
		return op != nil
	})
	d.waitFor("the row to read Opening", func() bool { return regionCell(d, "cn-shanghai", "Traffic Mirror") == "Opening" })
	if op.outcome != opRunning || op.phase != "Opening" || op.target != "Opened" {
		t.Fatalf("the tray should show it Opening → Opened, got phase %q outcome %s target %q", op.phase, op.outcome, op.target)
	}
	d.keys("t")
	d.waitText("OpenTrafficMirrorService", "Opening", "→ Opened")
	d.keys("esc")

	// 20 s on, a refresh still lists it as not enabled: the row keeps Opening.
	d.advance(20 * time.Second)
	b := d.browser()
	before := b.lastLoad
	d.keys("ctrl+r")
	d.waitFor("the refresh", func() bool { return !b.loading && b.lastLoad.After(before) })
	d.waitFor("the refreshed row to read Opening", func() bool {
		return regionCell(d, "cn-shanghai", "Traffic Mirror") == "Opening"
	})
	if op.outcome != opRunning {
		t.Fatalf("the operation ended before the service opened: %s", op.outcome)
	}
	// No key pressed: it settles by itself.
	d.waitFor("the row to read Opened", func() bool {
		d.advance(time.Second)
		return regionCell(d, "cn-shanghai", "Traffic Mirror") == "Opened"
	})
	d.waitFor("the operation to finish", func() bool { return op.outcome == opDone })
	if op.phase != "Opened" {
		t.Errorf("the tray's phase is %q, want Opened", op.phase)
	}
	if c := regionCell(d, "cn-shanghai", "IP Pools"); c == "Opening" {
		t.Errorf("the other service must not read Opening")
	}
}

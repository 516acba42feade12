package ui

import (
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
)

func TestOpenTrafficMirroringFromRegionPane(t *testing.T) {
	d := newDriver(t)
	d.idle()
	d.pane("region")
	d.waitText("Not opened")
	// Already open in cn-hangzhou: said before any call.
	mark := len(d.fault.actions())
	d.rowID("cn-hangzhou")
	d.keys("x")
	d.menuPick("Open traffic mirroring")
	d.waitText("traffic mirroring is already open in cn-hangzhou")
	d.keys("esc")
	assertNoWrite(t, d, mark, "opening an open service")

	d.rowID("cn-shanghai")
	d.keys("x")
	d.menuPick("Open traffic mirroring")
	d.formPage()
	d.waitFocus("Open traffic mirroring in cn-shanghai?")
	d.keys("y")
	d.waitFor("the call", func() bool { return countAction(d.sentSince(mark), "OpenTrafficMirrorService") == 1 })
	d.waitFor("the service to open", func() bool {
		d.advance(time.Second)
		st, err := d.api().GetTrafficMirrorServiceStatus(d.ctx, &client.ServiceStatusInput{RegionId: "cn-shanghai"})
		return err == nil && st.Enabled
	})
}

func TestOpenIPPoolsExplainsTheAPIAnswer(t *testing.T) {
	d := newDriver(t)
	d.idle()
	d.pane("region")
	d.waitText("Not opened")
	d.rowID("cn-shanghai")
	d.keys("x")
	d.menuPick("Open IP address pools")
	d.formPage()
	d.waitFocus("Open IP address pools in cn-shanghai?")
	d.keys("y")
	d.waitFor("the call", func() bool { return countAction(d.fault.actions(), "OpenPublicIpAddressPoolService") == 1 })
	d.waitFor("the form to close", func() bool { _, ok := d.app.top().(*browser); return ok })
	// A second region while the first is still opening: the API refuses
	// (one activation at a time per account) and the form says what to do.
	d.rowID("cn-shenzhen")
	d.keys("x")
	d.menuPick("Open IP address pools")
	d.formPage()
	d.waitFocus("Open IP address pools in cn-shenzhen?")
	d.keys("y")
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
			err := advise(api, serviceAdvice())
			var ad *advisedError
			if !errors.As(err, &ad) || len(ad.advice) < 30 {
				t.Fatalf("no advice for %s: %v", code, err)
			}
			if client.ErrorCode(err) != code || client.RequestID(err) != "REQ-1" {
				t.Errorf("the code and RequestId must survive: %q %q", client.ErrorCode(err), client.RequestID(err))
			}
			lines := errorLines(err, "hint")
			if !strings.Contains(strings.Join(lines, " "), ad.advice) || !strings.Contains(lines[0], code) {
				t.Errorf("the banner should lead with the advice: %q", lines)
			}
		})
	}
	if !strings.Contains(serviceAdvice()["Order.NoRealNameAuthentication"], "real-name verification") {
		t.Error("real-name advice")
	}
	other := &client.APIError{Code: "Something.Else"}
	if advise(other, serviceAdvice()) != error(other) {
		t.Error("an unknown code passes through")
	}
}

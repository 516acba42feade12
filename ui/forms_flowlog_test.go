package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/model"
)

func TestVpcFlowLogCreateEditSwitchDelete(t *testing.T) {
	d := consoleOn(t, "vpcflowlog")
	d.openForm("c")
	d.next("Capture", "Traffic")
	d.choose("VPC", "dev-sandbox")
	d.waitFocus("SLS project")
	d.keys("enter")
	d.waitText("the SLS project is required") // required, said next to the field
	d.typeText("flowlog-lab")
	d.keys("enter")
	d.field("SLS logstore", "lab")
	d.named("lab-flows")
	id := d.created("CreateFlowLog", "Active")

	d.renamed(id, "lab-flows", "lab-flows2", "ModifyFlowLogAttribute")

	// Activate is refused while Active, before any call.
	d.refusedAction(id, "Activate", "only an Inactive flow log can be activated", "activating an Active flow log")

	d.confirmedAction(id, "Deactivate", "DeactiveFlowLog", "Inactive")

	d.rowID(id)
	d.actionYes("Activate", "Start capturing")
	d.tracked("ActiveFlowLog")
	d.settled(id, "Active")

	d.deleteRow(id)
}

func TestVpcFlowLogEniIDChecked(t *testing.T) {
	d := consoleOn(t, "vpcflowlog")
	d.openForm("c")
	d.choose("Capture", "network interface")
	d.next("Traffic")
	d.waitFocus("ENI ID")
	d.typeText("i-abc")
	d.waitText("is not a elastic network interface ID")
}

func TestSagFlowLogShowsOnlyTheGroupsThatApply(t *testing.T) {
	d := consoleOn(t, "sagflowlog")
	d.openForm("c")
	d.choose("Output", "netflow")
	d.waitFocus("Active aging (s)")
	d.keys("backspace", "backspace", "backspace")
	d.refusedAsTyped("Active aging (s)", "30", "must be between 60 and 6000 (it is 30)")
	d.field("Active aging (s)", "600")
	d.next("Inactive aging (s)")
	// netflow: the NetFlow group comes next, the Log Service one never.
	d.waitFocus("NetFlow server IP")
	if strings.Contains(d.screen(), "SLS project") {
		t.Errorf("the Log Service group shows for netflow:\n%s", d.screen())
	}
	d.refusedAsTyped("NetFlow server IP", "10.20.8.300", "is not an IPv4 address")
	d.field("NetFlow server IP", "10.20.8.11")
	d.next("NetFlow server port", "NetFlow version")
	d.named("nf-lab")
	op := d.tracked("CreateFlowLog")
	d.settled(op.resID, "Active")
	o := d.rowID(op.resID)
	f := o.Val().(*model.SagFlowLog)
	if f.OutputType != "netflow" || f.NetflowServerIp != "10.20.8.11" || f.ProjectName != "" || string(f.NetflowServerPort) != "9995" || f.NetflowVersion != "V9" {
		t.Errorf("flow log as created: %+v", f)
	}

	d.openForm("e")
	d.next("Output", "Active aging (s)", "Inactive aging (s)", "NetFlow server IP", "NetFlow server port", "NetFlow version")
	d.replaceField("Name", "nf-lab", "nf-lab2")
	d.next("Description")
	d.tracked("ModifyFlowLogAttribute")
	d.waitText("nf-lab2")

	o = d.rowID(op.resID)
	d.deleteTyped(o)
	d.gone(op.resID)
}

func TestSagFlowLogSlsNeedsItsFields(t *testing.T) {
	m := &forms.SagFlowLogForm{Output: "sls", Active: "300", Inactive: "15", SlsRegion: "cn-hangzhou", NfIP: "bad"}
	if err := m.Check(nil); err == nil || !strings.Contains(err.Error(), "ProjectName is required when OutputType is sls") {
		t.Errorf("sls without a project: %v", err)
	}
	m.Project, m.Logstore = "p", "l"
	if err := m.Check(nil); err != nil {
		t.Errorf("sls with its fields (the hidden NetFlow ones are not sent): %v", err)
	}
	if in := m.Input(); in.NetflowServerIp != "" || in.NetflowServerPort != 0 {
		t.Errorf("NetFlow fields sent for sls: %+v", in)
	}
}

package forms

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- VPC flow logs ----

func VpcFlowLogOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &VpcFlowLogCreate{ResType: "VPC", Traffic: "All", onlyVpc: parentID(fc, "vpc"), onlyVsw: parentID(fc, "vsw")}
			if m.onlyVsw != "" {
				m.ResType = "VSwitch"
			}
			return m
		},
		Edit: attrEdit("flow log", "FlowLogId", "FlowLogName", client.ModifyFlowLogAttribute),
		Del:  deleteByID(DeleteSpec{}, "FlowLogId", client.DeleteFlowLog),
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return []actionItem{
				{Label: "Activate", Hint: "start capturing traffic", Make: func(fc *FormCtx) Mutation { return flowLogSwitch(fc, true) }},
				destructiveItem("Deactivate", "stop capturing traffic", "Deactivate", func(fc *FormCtx) Mutation { return flowLogSwitch(fc, false) }, nil),
			}
		}),
	}
}

// flowLogSwitch starts or stops a VPC flow log after a yes/no.
func flowLogSwitch(fc *FormCtx, on bool) Mutation {
	f := fc.Target.Val().(*model.FlowLog)
	op := client.ActiveFlowLog
	m := &ConfirmAction{title: "Activate flow log " + f.FlowLogId, APIAction: op.Action, obj: fc.Target,
		question: "Start capturing " + f.ResourceType + " " + f.ResourceId + "?",
		explain:  "Traffic records go to SLS " + f.ProjectName + "/" + f.LogStoreName + " (billed by Log Service)."}
	want, target, verb := "Inactive", "Active", "activated"
	if !on {
		op = client.DeactiveFlowLog
		m.title, m.APIAction = "Deactivate flow log "+f.FlowLogId, op.Action
		m.question = "Stop capturing " + f.ResourceType + " " + f.ResourceId + "?"
		m.explain = "No new records are written; the logstore keeps what it has. Activate starts it again."
		want, target, verb = "Active", "Inactive", "deactivated"
	}
	m.gate = func(o *model.Object) string {
		if o.Status != want {
			return fmt.Sprintf("%s is %s; only an %s flow log can be %s", o.ID, o.Status, want, verb)
		}
		return ""
	}
	m.Refuse = m.gate(fc.Target)
	m.Run = func(ctx context.Context, fc *FormCtx, o *model.Object, _ string) (*Submitted, error) {
		in := &client.FlowLogInput{RegionId: fc.Region, FlowLogId: o.ID}
		out, err := op.Call(ctx, fc.Client, in)
		return changed(fc, "vpcflowlog", o.ID, []string{target}, in, out, err)
	}
	return m
}

// vpcFlowLogCreate captures a VPC's, a VSwitch's or an ENI's traffic: the
// VPC and VSwitch come from the API, an ENI ID is typed.
type VpcFlowLogCreate struct {
	ResType, Traffic, Project, Logstore, Name, Desc string
	VpcID, VswID, eniID                             string
	onlyVpc, onlyVsw                                string
	Vpcs, Vsws                                      []Pick
}

func (m *VpcFlowLogCreate) Title() string {
	switch {
	case m.onlyVsw != "":
		return "Create flow log for " + m.onlyVsw
	case m.onlyVpc != "":
		return "Create flow log in " + m.onlyVpc
	}
	return "Create VPC flow log"
}
func (m *VpcFlowLogCreate) Action() string { return "CreateFlowLog" }

// Prepare loads the VPCs and VSwitches on every opening, a draft's too;
// the draft's choices are kept (marked when no longer offered).
func (m *VpcFlowLogCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	vpcs, _, err := vpcPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.Vpcs = slices.DeleteFunc(vpcs, func(p Pick) bool { return m.onlyVpc != "" && p.Value != m.onlyVpc })
	sws, err := vswPicks(ctx, fc, m.onlyVpc)
	if err != nil {
		return err
	}
	m.Vsws = []Pick{}
	for _, v := range m.Vpcs {
		for _, s := range sws[v.Value] {
			if m.onlyVsw == "" || s.Value == m.onlyVsw {
				m.Vsws = append(m.Vsws, s)
			}
		}
	}
	m.VpcID, m.VswID = keepOrFirst(m.VpcID, m.Vpcs), keepOrFirst(m.VswID, m.Vsws)
	return nil
}

func (m *VpcFlowLogCreate) resourceID() string {
	switch m.ResType {
	case "VPC":
		return m.VpcID
	case "VSwitch":
		return m.VswID
	}
	return strings.TrimSpace(m.eniID)
}

func (m *VpcFlowLogCreate) Input() model.VpcFlowLogInput {
	return model.VpcFlowLogInput{FlowLogName: m.Name, Description: m.Desc, ResourceType: m.ResType, ResourceId: m.resourceID(),
		TrafficType: m.Traffic, ProjectName: strings.TrimSpace(m.Project), LogStoreName: strings.TrimSpace(m.Logstore)}
}

func checkEni(s string) error { return model.CheckResourceID("elastic network interface", "eni-", s) }

func (m *VpcFlowLogCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title("Capture").Value(&m.ResType).Options(
				huh.NewOption("a whole VPC", "VPC"), huh.NewOption("a VSwitch", "VSwitch"), huh.NewOption("a network interface (ENI)", "NetworkInterface")),
			huh.NewSelect[string]().Title("Traffic").Value(&m.Traffic).Options(
				huh.NewOption("All", "All"), huh.NewOption("Allow (accepted by access control)", "Allow"), huh.NewOption("Drop (refused)", "Drop")).Inline(true),
		),
		huh.NewGroup(pickerGone("VPC", &m.VpcID, m.Vpcs, "no VPC here", "is no longer here")).WithHideFunc(func() bool { return m.ResType != "VPC" }),
		huh.NewGroup(pickerGone("VSwitch", &m.VswID, m.Vsws, "no VSwitch here", "is no longer here")).WithHideFunc(func() bool { return m.ResType != "VSwitch" }),
		huh.NewGroup(liveInput("ENI ID", &m.eniID, checkEni, "the interface's ID, e.g. eni-bp1…")).WithHideFunc(func() bool { return m.ResType != "NetworkInterface" }),
		huh.NewGroup(
			liveInput("SLS project", &m.Project, required("the SLS project", nil), "an existing Log Service project in "+fc.Region),
			liveInput("SLS logstore", &m.Logstore, required("the logstore", nil), "an existing logstore of that project"),
			nameField(&m.Name), descField(&m.Desc),
		),
	)
}

func (m *VpcFlowLogCreate) Check(fc *FormCtx) error {
	switch m.ResType {
	case "VPC":
		if err := notOffered(m.Vpcs, m.VpcID, "is no longer here"); err != nil {
			return fmt.Errorf("VPC: %w", err)
		}
	case "VSwitch":
		if err := notOffered(m.Vsws, m.VswID, "is no longer here"); err != nil {
			return fmt.Errorf("VSwitch: %w", err)
		}
	}
	if m.ResType == "NetworkInterface" {
		if err := checkEni(m.eniID); err != nil {
			return err
		}
	}
	return model.CheckVpcFlowLog(m.Input())
}

func (m *VpcFlowLogCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateFlowLogInput{RegionId: fc.Region, VpcFlowLogInput: m.Input()}
	out, err := client.CreateFlowLog.Call(ctx, fc.Client, in)
	return created(fc, m, "vpcflowlog", "FlowLogId", in, out, err)
}

// ---- Smart Access Gateway flow logs ----

func SagFlowLogOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &SagFlowLogForm{Output: "sls", Active: strconv.Itoa(model.DefaultActiveAging), Inactive: strconv.Itoa(model.DefaultInactiveAging),
				SlsRegion: fc.Region, NfPort: strconv.Itoa(model.DefaultNetflowServerPort), NfVersion: model.DefaultNetflowVersion}
		},
		Edit: func(fc *FormCtx) Mutation {
			f := fc.Target.Val().(*model.SagFlowLog)
			m := &SagFlowLogForm{Id: f.FlowLogId, Name: f.Name, Desc: f.Description, Output: f.OutputType,
				Active: model.Itoa(f.ActiveAging), Inactive: model.Itoa(f.InactiveAging), SlsRegion: cmp.Or(f.SlsRegionId, fc.Region),
				Project: f.ProjectName, Logstore: f.LogstoreName, NfIP: f.NetflowServerIp,
				NfPort:    cmp.Or(string(f.NetflowServerPort), strconv.Itoa(model.DefaultNetflowServerPort)),
				NfVersion: cmp.Or(f.NetflowVersion, model.DefaultNetflowVersion)}
			return m
		},
		Del: deleteByID(DeleteSpec{
			Refuse: func(o *model.Object) string {
				if f := o.Val().(*model.SagFlowLog); f.TotalSagNum > 0 {
					return fmt.Sprintf("%s is bound to %d Smart Access Gateway instance(s); unbind it from them first (DependencyViolation.FlowLog)", o.ID, f.TotalSagNum)
				}
				return ""
			},
		}, "FlowLogId", client.DeleteSagFlowLog),
	}
}

// sagFlowLogForm creates (id "") or changes a SAG flow log (seed 001): the
// output type decides which of the SLS and NetFlow groups apply, and only
// those are shown and sent.
type SagFlowLogForm struct {
	Id, Name, Desc, Output, Active, Inactive string
	SlsRegion, Project, Logstore             string
	NfIP, NfPort, NfVersion                  string
}

var sagFlowLogNames = createOrEdit{"SAG flow log", "CreateFlowLog", "ModifyFlowLogAttribute"}

func (m *SagFlowLogForm) Title() string  { return sagFlowLogNames.title(m.Id, "") }
func (m *SagFlowLogForm) Action() string { return sagFlowLogNames.action(m.Id) }

func (m *SagFlowLogForm) sls() bool     { return m.Output == "sls" || m.Output == "all" }
func (m *SagFlowLogForm) netflow() bool { return m.Output == "netflow" || m.Output == "all" }

// input is what is sent: the groups that do not apply stay unset.
func (m *SagFlowLogForm) Input() model.SagFlowLogInput {
	in := model.SagFlowLogInput{Name: m.Name, Description: m.Desc, OutputType: m.Output}
	in.ActiveAging, _ = strconv.Atoi(strings.TrimSpace(m.Active))
	in.InactiveAging, _ = strconv.Atoi(strings.TrimSpace(m.Inactive))
	if m.sls() {
		in.SlsRegionId, in.ProjectName, in.LogstoreName = strings.TrimSpace(m.SlsRegion), strings.TrimSpace(m.Project), strings.TrimSpace(m.Logstore)
	}
	if m.netflow() {
		in.NetflowServerIp, in.NetflowVersion = strings.TrimSpace(m.NfIP), m.NfVersion
		in.NetflowServerPort, _ = strconv.Atoi(strings.TrimSpace(m.NfPort))
	}
	return in
}

func (m *SagFlowLogForm) Form(fc *FormCtx) *huh.Form {
	regions := fc.Host.Regions()
	slsRegion := liveInput("SLS region", &m.SlsRegion, required("the SLS region", nil), "the Log Service region, e.g. "+fc.Region)
	slsRegion.suggest = func() []string { return regions }
	return huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title("Output").Value(&m.Output).Options(
				huh.NewOption("sls: Log Service", "sls"), huh.NewOption("netflow: a NetFlow collector", "netflow"), huh.NewOption("all: both", "all")),
			liveInput("Active aging (s)", &m.Active, rangeCheck("ActiveAging", 60, 6000), "60-6000 seconds between records of a live flow; default 300"),
			liveInput("Inactive aging (s)", &m.Inactive, rangeCheck("InactiveAging", 10, 600), "10-600 seconds before an idle flow is written; default 15"),
		),
		huh.NewGroup(
			slsRegion,
			liveInput("SLS project", &m.Project, required("the SLS project", nil), "required for sls and all"),
			liveInput("SLS logstore", &m.Logstore, required("the logstore", nil), "required for sls and all"),
		).Title("Log Service").WithHideFunc(func() bool { return !m.sls() }),
		huh.NewGroup(
			liveInput("NetFlow server IP", &m.NfIP, required("the collector's IP", func(s string) error { return model.CheckIPv4("NetflowServerIp", s) }), "the collector's address"),
			liveInput("NetFlow server port", &m.NfPort, func(s string) error { return model.CheckPort("NetflowServerPort", s) }, "1-65535; default 9995"),
			inlineSelect("NetFlow version", &m.NfVersion, "V5", "V9", "V10"),
		).Title("NetFlow").WithHideFunc(func() bool { return !m.netflow() }),
		huh.NewGroup(editName(fc, &m.Name), editDesc(fc, &m.Desc)),
	)
}

// modify is the request of an edit (id set).
func (m *SagFlowLogForm) modify(fc *FormCtx) *client.ModifySagFlowLogInput {
	return &client.ModifySagFlowLogInput{RegionId: fc.Region, FlowLogId: m.Id, SagFlowLogInput: m.Input()}
}

func (m *SagFlowLogForm) Check(fc *FormCtx) error {
	for _, f := range []struct {
		Name, v string
		lo, hi  int
	}{{"ActiveAging", m.Active, 60, 6000}, {"InactiveAging", m.Inactive, 10, 600}} {
		if err := rangeCheck(f.Name, f.lo, f.hi)(f.v); err != nil {
			return fmt.Errorf("%s: %w", f.Name, err)
		}
	}
	if m.netflow() {
		if err := model.CheckPort("NetflowServerPort", m.NfPort); err != nil {
			return err
		}
	}
	cs := []fieldCheck{check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("flow log", model.CheckSagFlowLog(m.Input()))}
	if m.Id != "" {
		cs = append(cs, check("edit", editRefusal(fc.Target, m.Action(), m.modify(fc))))
	}
	return checks(cs...)
}

func (m *SagFlowLogForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	if m.Id != "" {
		in := m.modify(fc)
		return sendEdit(ctx, fc, client.ModifySagFlowLog.Func, in, "sagflowlog", m.Id)
	}
	in := &client.CreateSagFlowLogInput{RegionId: fc.Region, SagFlowLogInput: m.Input()}
	out, err := client.CreateSagFlowLog.Call(ctx, fc.Client, in)
	return created(fc, m, "sagflowlog", "FlowLogId", in, out, err)
}

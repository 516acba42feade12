package ui

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- VPC flow logs ----

func vpcFlowLogOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &vpcFlowLogCreate{resType: "VPC", traffic: "All"}
			if p := parentOf(fc, "vpc"); p != nil {
				m.onlyVpc = p.ID
			}
			if p := parentOf(fc, "vsw"); p != nil {
				m.resType, m.onlyVsw = "VSwitch", p.ID
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			f := fc.target.Val().(*model.FlowLog)
			return &flowLogModify{id: f.FlowLogId, name: f.FlowLogName, desc: f.Description}
		},
		del: &deleteSpec{
			action: "DeleteFlowLog",
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.FlowLogInput{RegionId: o.Region, FlowLogId: o.ID}
				out, err := fc.client.DeleteFlowLog(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteFlowLog", out.RequestId, in), nil
			},
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			return []actionItem{
				{label: "Activate", hint: "start capturing traffic", make: func(fc *formCtx) mutation { return flowLogSwitch(fc, true) }},
				destructiveItem("Deactivate", "stop capturing traffic", "Deactivate", func(fc *formCtx) mutation { return flowLogSwitch(fc, false) }, nil),
			}
		},
	}
}

// flowLogSwitch starts or stops a VPC flow log after a yes/no.
func flowLogSwitch(fc *formCtx, on bool) mutation {
	f := fc.target.Val().(*model.FlowLog)
	m := &confirmAction{title: "Activate flow log " + f.FlowLogId, action: "ActiveFlowLog", obj: fc.target,
		question: "Start capturing " + f.ResourceType + " " + f.ResourceId + "?",
		explain:  "Traffic records go to SLS " + f.ProjectName + "/" + f.LogStoreName + " (billed by Log Service)."}
	want, target, verb, call := "Inactive", "Active", "activated", fc.client.ActiveFlowLog
	if !on {
		m.title, m.action = "Deactivate flow log "+f.FlowLogId, "DeactiveFlowLog"
		m.question = "Stop capturing " + f.ResourceType + " " + f.ResourceId + "?"
		m.explain = "No new records are written; the logstore keeps what it has. Activate starts it again."
		want, target, verb, call = "Active", "Inactive", "deactivated", fc.client.DeactiveFlowLog
	}
	m.gate = func(o *model.Object) string {
		if o.Status != want {
			return fmt.Sprintf("%s is %s; only an %s flow log can be %s", o.ID, o.Status, want, verb)
		}
		return ""
	}
	m.refuse = m.gate(fc.target)
	m.run = func(ctx context.Context, fc *formCtx, o *model.Object, _ string) (*submitted, error) {
		in := &client.FlowLogInput{RegionId: fc.region, FlowLogId: o.ID}
		out, err := call(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "vpcflowlog", o.ID, out.RequestId, in, []string{target}), nil
	}
	return m
}

// vpcFlowLogCreate captures a VPC's, a VSwitch's or an ENI's traffic: the
// VPC and VSwitch come from the API, an ENI ID is typed.
type vpcFlowLogCreate struct {
	resType, traffic, project, logstore, name, desc string
	vpcID, vswID, eniID                             string
	onlyVpc, onlyVsw                                string
	vpcs, vsws                                      []pick
}

func (m *vpcFlowLogCreate) Title() string {
	switch {
	case m.onlyVsw != "":
		return "Create flow log for " + m.onlyVsw
	case m.onlyVpc != "":
		return "Create flow log in " + m.onlyVpc
	}
	return "Create VPC flow log"
}
func (m *vpcFlowLogCreate) Action() string { return "CreateFlowLog" }

// Prepare loads the VPCs and VSwitches on every opening, a draft's too;
// the draft's choices are kept (marked when no longer offered).
func (m *vpcFlowLogCreate) Prepare(ctx context.Context, fc *formCtx) error {
	_, vpcs, err := vpcPicks(ctx, fc)
	if err != nil {
		return err
	}
	m.vpcs = []pick{}
	for _, v := range vpcs {
		if m.onlyVpc == "" || v.VpcId == m.onlyVpc {
			m.vpcs = append(m.vpcs, pick{fmt.Sprintf("%s  %s  %s", v.VpcId, v.VpcName, v.CidrBlock), v.VpcId})
		}
	}
	sws, err := vswPicks(ctx, fc, m.onlyVpc)
	if err != nil {
		return err
	}
	m.vsws = []pick{}
	for _, v := range m.vpcs {
		for _, s := range sws[v.value] {
			if m.onlyVsw == "" || s.value == m.onlyVsw {
				m.vsws = append(m.vsws, s)
			}
		}
	}
	m.vpcID, m.vswID = keepOrFirst(m.vpcID, m.vpcs), keepOrFirst(m.vswID, m.vsws)
	return nil
}

func (m *vpcFlowLogCreate) resourceID() string {
	switch m.resType {
	case "VPC":
		return m.vpcID
	case "VSwitch":
		return m.vswID
	}
	return strings.TrimSpace(m.eniID)
}

func (m *vpcFlowLogCreate) input() model.VpcFlowLogInput {
	return model.VpcFlowLogInput{FlowLogName: m.name, Description: m.desc, ResourceType: m.resType, ResourceId: m.resourceID(),
		TrafficType: m.traffic, ProjectName: strings.TrimSpace(m.project), LogStoreName: strings.TrimSpace(m.logstore)}
}

func checkEni(s string) error { return model.CheckResourceID("elastic network interface", "eni-", s) }

func (m *vpcFlowLogCreate) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title("Capture").Value(&m.resType).Options(
				huh.NewOption("a whole VPC", "VPC"), huh.NewOption("a VSwitch", "VSwitch"), huh.NewOption("a network interface (ENI)", "NetworkInterface")),
			huh.NewSelect[string]().Title("Traffic").Value(&m.traffic).Options(
				huh.NewOption("All", "All"), huh.NewOption("Allow (accepted by access control)", "Allow"), huh.NewOption("Drop (refused)", "Drop")).Inline(true),
		),
		huh.NewGroup(pickerGone("VPC", &m.vpcID, m.vpcs, "no VPC here", "is no longer here")).WithHideFunc(func() bool { return m.resType != "VPC" }),
		huh.NewGroup(pickerGone("VSwitch", &m.vswID, m.vsws, "no VSwitch here", "is no longer here")).WithHideFunc(func() bool { return m.resType != "VSwitch" }),
		huh.NewGroup(liveInput("ENI ID", &m.eniID, checkEni, "the interface's ID, e.g. eni-bp1…")).WithHideFunc(func() bool { return m.resType != "NetworkInterface" }),
		huh.NewGroup(
			liveInput("SLS project", &m.project, required("the SLS project", nil), "an existing Log Service project in "+fc.region),
			liveInput("SLS logstore", &m.logstore, required("the logstore", nil), "an existing logstore of that project"),
			nameField(&m.name), descField(&m.desc),
		),
	)
}

func (m *vpcFlowLogCreate) Check(fc *formCtx) error {
	switch m.resType {
	case "VPC":
		if err := notOffered(m.vpcs, m.vpcID, "is no longer here"); err != nil {
			return fmt.Errorf("VPC: %w", err)
		}
	case "VSwitch":
		if err := notOffered(m.vsws, m.vswID, "is no longer here"); err != nil {
			return fmt.Errorf("VSwitch: %w", err)
		}
	}
	if m.resType == "NetworkInterface" {
		if err := checkEni(m.eniID); err != nil {
			return err
		}
	}
	return model.CheckVpcFlowLog(m.input())
}

func (m *vpcFlowLogCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	v := m.input()
	in := &client.CreateFlowLogInput{RegionId: fc.region, ResourceType: v.ResourceType, ResourceId: v.ResourceId, TrafficType: v.TrafficType,
		ProjectName: v.ProjectName, LogStoreName: v.LogStoreName, FlowLogName: v.FlowLogName, Description: v.Description}
	out, err := fc.client.CreateFlowLog(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "vpcflowlog", out.FlowLogId, out.RequestId, in, nil), nil
}

type flowLogModify struct{ id, name, desc string }

func (m *flowLogModify) Title() string  { return "Edit flow log " + m.id }
func (m *flowLogModify) Action() string { return "ModifyFlowLogAttribute" }
func (m *flowLogModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.name), editDesc(fc, &m.desc)))
}
func (m *flowLogModify) request(fc *formCtx) *client.ModifyFlowLogAttributeInput {
	return &client.ModifyFlowLogAttributeInput{RegionId: fc.region, FlowLogId: m.id, FlowLogName: m.name, Description: m.desc}
}
func (m *flowLogModify) Check(fc *formCtx) error {
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("edit", editRefusal(fc.target, m.Action(), m.request(fc))))
}
func (m *flowLogModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyFlowLogAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "vpcflowlog", m.id, out.RequestId, in, nil), nil
}

// ---- Smart Access Gateway flow logs ----

func sagFlowLogOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			return &sagFlowLogForm{output: "sls", active: strconv.Itoa(model.DefaultActiveAging), inactive: strconv.Itoa(model.DefaultInactiveAging),
				slsRegion: fc.region, nfPort: strconv.Itoa(model.DefaultNetflowServerPort), nfVersion: model.DefaultNetflowVersion}
		},
		edit: func(fc *formCtx) mutation {
			f := fc.target.Val().(*model.SagFlowLog)
			m := &sagFlowLogForm{id: f.FlowLogId, name: f.Name, desc: f.Description, output: f.OutputType,
				active: model.Itoa(f.ActiveAging), inactive: model.Itoa(f.InactiveAging), slsRegion: firstNonEmpty(f.SlsRegionId, fc.region),
				project: f.ProjectName, logstore: f.LogstoreName, nfIP: f.NetflowServerIp,
				nfPort:    firstNonEmpty(string(f.NetflowServerPort), strconv.Itoa(model.DefaultNetflowServerPort)),
				nfVersion: firstNonEmpty(f.NetflowVersion, model.DefaultNetflowVersion)}
			return m
		},
		del: &deleteSpec{
			action: "DeleteFlowLog",
			refuse: func(o *model.Object) string {
				if f := o.Val().(*model.SagFlowLog); f.TotalSagNum > 0 {
					return fmt.Sprintf("%s is bound to %d Smart Access Gateway instance(s); unbind it from them first (DependencyViolation.FlowLog)", o.ID, f.TotalSagNum)
				}
				return ""
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.FlowLogInput{RegionId: o.Region, FlowLogId: o.ID}
				out, err := fc.client.DeleteSagFlowLog(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteFlowLog", out.RequestId, in), nil
			},
		},
	}
}

// sagFlowLogForm creates (id "") or changes a SAG flow log (seed 001): the
// output type decides which of the SLS and NetFlow groups apply, and only
// those are shown and sent.
type sagFlowLogForm struct {
	id, name, desc, output, active, inactive string
	slsRegion, project, logstore             string
	nfIP, nfPort, nfVersion                  string
}

func (m *sagFlowLogForm) Title() string {
	if m.id != "" {
		return "Edit SAG flow log " + m.id
	}
	return "Create SAG flow log"
}

func (m *sagFlowLogForm) Action() string {
	if m.id != "" {
		return "ModifyFlowLogAttribute"
	}
	return "CreateFlowLog"
}

func (m *sagFlowLogForm) sls() bool     { return m.output == "sls" || m.output == "all" }
func (m *sagFlowLogForm) netflow() bool { return m.output == "netflow" || m.output == "all" }

// input is what is sent: the groups that do not apply stay unset.
func (m *sagFlowLogForm) input() model.SagFlowLogInput {
	in := model.SagFlowLogInput{Name: m.name, Description: m.desc, OutputType: m.output}
	in.ActiveAging, _ = strconv.Atoi(strings.TrimSpace(m.active))
	in.InactiveAging, _ = strconv.Atoi(strings.TrimSpace(m.inactive))
	if m.sls() {
		in.SlsRegionId, in.ProjectName, in.LogstoreName = strings.TrimSpace(m.slsRegion), strings.TrimSpace(m.project), strings.TrimSpace(m.logstore)
	}
	if m.netflow() {
		in.NetflowServerIp, in.NetflowVersion = strings.TrimSpace(m.nfIP), m.nfVersion
		in.NetflowServerPort, _ = strconv.Atoi(strings.TrimSpace(m.nfPort))
	}
	return in
}

func (m *sagFlowLogForm) Form(fc *formCtx) *huh.Form {
	regions := fc.host.Regions()
	slsRegion := liveInput("SLS region", &m.slsRegion, required("the SLS region", nil), "the Log Service region, e.g. "+fc.region)
	slsRegion.suggest = func() []string { return regions }
	return huh.NewForm(
		huh.NewGroup(
			huh.NewSelect[string]().Title("Output").Value(&m.output).Options(
				huh.NewOption("sls: Log Service", "sls"), huh.NewOption("netflow: a NetFlow collector", "netflow"), huh.NewOption("all: both", "all")),
			liveInput("Active aging (s)", &m.active, rangeCheck("ActiveAging", 60, 6000), "60-6000 seconds between records of a live flow; default 300"),
			liveInput("Inactive aging (s)", &m.inactive, rangeCheck("InactiveAging", 10, 600), "10-600 seconds before an idle flow is written; default 15"),
		),
		huh.NewGroup(
			slsRegion,
			liveInput("SLS project", &m.project, required("the SLS project", nil), "required for sls and all"),
			liveInput("SLS logstore", &m.logstore, required("the logstore", nil), "required for sls and all"),
		).Title("Log Service").WithHideFunc(func() bool { return !m.sls() }),
		huh.NewGroup(
			liveInput("NetFlow server IP", &m.nfIP, required("the collector's IP", func(s string) error { return model.CheckIPv4("NetflowServerIp", s) }), "the collector's address"),
			liveInput("NetFlow server port", &m.nfPort, func(s string) error { return model.CheckPort("NetflowServerPort", s) }, "1-65535; default 9995"),
			inlineSelect("NetFlow version", &m.nfVersion, "V5", "V9", "V10"),
		).Title("NetFlow").WithHideFunc(func() bool { return !m.netflow() }),
		huh.NewGroup(editName(fc, &m.name), editDesc(fc, &m.desc)),
	)
}

// modify is the request of an edit (id set).
func (m *sagFlowLogForm) modify(fc *formCtx) *client.ModifySagFlowLogInput {
	v := m.input()
	return &client.ModifySagFlowLogInput{RegionId: fc.region, FlowLogId: m.id, Name: v.Name, Description: v.Description, OutputType: v.OutputType,
		ActiveAging: v.ActiveAging, InactiveAging: v.InactiveAging, SlsRegionId: v.SlsRegionId, ProjectName: v.ProjectName,
		LogstoreName: v.LogstoreName, NetflowServerIp: v.NetflowServerIp, NetflowServerPort: v.NetflowServerPort, NetflowVersion: v.NetflowVersion}
}

func (m *sagFlowLogForm) Check(fc *formCtx) error {
	for _, f := range []struct {
		name, v string
		lo, hi  int
	}{{"ActiveAging", m.active, 60, 6000}, {"InactiveAging", m.inactive, 10, 600}} {
		if err := rangeCheck(f.name, f.lo, f.hi)(f.v); err != nil {
			return fmt.Errorf("%s: %w", f.name, err)
		}
	}
	if m.netflow() {
		if err := model.CheckPort("NetflowServerPort", m.nfPort); err != nil {
			return err
		}
	}
	cs := []fieldCheck{check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("flow log", model.CheckSagFlowLog(m.input()))}
	if m.id != "" {
		cs = append(cs, check("edit", editRefusal(fc.target, m.Action(), m.modify(fc))))
	}
	return checks(cs...)
}

func (m *sagFlowLogForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	v := m.input()
	if m.id != "" {
		in := m.modify(fc)
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifySagFlowLog(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "sagflowlog", m.id, out.RequestId, in, nil), nil
	}
	in := &client.CreateSagFlowLogInput{RegionId: fc.region, Name: v.Name, Description: v.Description, OutputType: v.OutputType,
		ActiveAging: v.ActiveAging, InactiveAging: v.InactiveAging, SlsRegionId: v.SlsRegionId, ProjectName: v.ProjectName,
		LogstoreName: v.LogstoreName, NetflowServerIp: v.NetflowServerIp, NetflowServerPort: v.NetflowServerPort, NetflowVersion: v.NetflowVersion}
	out, err := fc.client.CreateSagFlowLog(ctx, in)
	if err != nil {
		return nil, err
	}
	if out.FlowLogId == "" {
		return nil, errors.New("CreateFlowLog answered without a FlowLogId")
	}
	return made(fc, "sagflowlog", out.FlowLogId, out.RequestId, in, nil), nil
}

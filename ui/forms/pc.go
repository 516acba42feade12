package forms

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- physical connections ----

func pcOps() KindOps {
	return KindOps{
		Create: func(*FormCtx) Mutation {
			return &pcCreate{Port: "1000Base-T", Bandwidth: model.Itoa(int64(model.PCDefaultBandwidth))}
		},
		Edit: func(fc *FormCtx) Mutation {
			p := fc.Target.Val().(*model.PhysicalConnection)
			return &pcModify{p: p, Name: p.Name, Desc: p.Description, location: p.PeerLocation, circuit: p.CircuitCode,
				Port: p.PortType, Bandwidth: model.Itoa(p.Bandwidth)}
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: pcAbout,
			Stops: func(o *model.Object) []string {
				return []string{"The record of the line goes; a new line needs a new application."}
			},
			Refuse: pcGate(model.PCDeletable, "deleted", "a Rejected, Canceled, AllocationFailed or Terminated"),
			Impact: pcVbrs,
		}, "PhysicalConnectionId", client.DeletePhysicalConnection),
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return []actionItem{
				{Label: "Enable", Hint: "put a Confirmed line into service (→ Enabled)", Make: func(fc *FormCtx) Mutation {
					return pcAction(fc, pcEnable)
				}},
				destructiveItem("Cancel", "withdraw the application (→ Canceled)", "Cancel",
					func(fc *FormCtx) Mutation { return pcAction(fc, pcCancel) }, func(s *DeleteSpec) { s.About = pcAbout }),
				destructiveItem("Terminate", "end an Enabled line (Terminating → Terminated)", "Terminate",
					func(fc *FormCtx) Mutation { return pcAction(fc, pcTerminate) }, func(s *DeleteSpec) { s.About, s.Impact = pcAbout, pcVbrs }),
			}
		}),
	}
}

// pcGate refuses an action unless the line's status is one ok accepts.
func pcGate(ok func(string) bool, verb, which string) func(o *model.Object) string {
	return func(o *model.Object) string {
		if !ok(o.Status) {
			return fmt.Sprintf("%s is %s; only %s physical connection can be %s", o.ID, o.Status, which, verb)
		}
		return ""
	}
}

func pcAbout(_ *FormCtx, o *model.Object) []string {
	p := o.Val().(*model.PhysicalConnection)
	return []string{fmt.Sprintf("%s Mbit/s %s line by %s from %s to access point %s", model.Itoa(p.Bandwidth), p.PortType,
		p.LineOperator, p.PeerLocation, p.AccessPointId)}
}

// pcVbrs counts the VBRs on the line, this account's and other accounts':
// the API refuses to terminate or delete it while any remain.
func pcVbrs(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	vbrs, err := client.DescribeVirtualBorderRoutersForPhysicalConnection.Call(ctx, fc.Client, &client.DescribeVirtualBorderRoutersForPhysicalConnectionInput{
		RegionId: o.Region, PhysicalConnectionId: o.ID})
	if err != nil {
		return nil, nil, err
	}
	var blockers []string
	for _, v := range vbrs {
		who := ""
		if v.VbrOwnerUid != "" {
			who = " of account " + string(v.VbrOwnerUid)
		}
		blockers = append(blockers, fmt.Sprintf("VBR %s%s on VLAN %s (%s): delete it first", v.VbrId, who, model.Itoa(v.VlanId), v.Status))
	}
	return nil, blockers, nil
}

// pcStep is one of the lifecycle actions on a line.
type pcStep struct {
	Verb, question, explain, which string
	op                             client.Op[client.PhysicalConnectionInput, client.Result]
	allowed                        func(string) bool
	Target                         []string
}

var (
	pcEnable = pcStep{Verb: "enabled", op: client.EnablePhysicalConnection, which: "a Confirmed",
		question: "Enable %s (%s)?", explain: "The line goes into service (Enabled); from then on it is billed and VBRs can be created on it.",
		allowed: func(s string) bool { return s == model.PCConfirmed }, Target: []string{model.PCEnabled}}
	pcCancel = pcStep{Verb: "cancelled", op: client.CancelPhysicalConnection, which: "an Initial, Approved, Allocated or Confirmed",
		question: "Cancel %s (%s)?", explain: "The application is withdrawn (Canceled): the carrier stops work on the line; applying again starts over.",
		allowed: model.PCCancelable, Target: []string{model.PCCanceled}}
	pcTerminate = pcStep{Verb: "terminated", op: client.TerminatePhysicalConnection, which: "an Enabled",
		question: "Terminate %s (%s)?", explain: "Traffic between the data centre and Alibaba Cloud over this line stops (Terminating → Terminated); it can then only be deleted.",
		allowed: func(s string) bool { return s == model.PCEnabled }, Target: []string{model.PCTerminated}}
)

// pcAction is Enable, Cancel or Terminate on the selected line.
func pcAction(fc *FormCtx, s pcStep) Mutation {
	o := fc.Target
	m := &ConfirmAction{title: strings.TrimSuffix(s.op.Action, "PhysicalConnection") + " physical connection " + o.ID, APIAction: s.op.Action, obj: o,
		question: fmt.Sprintf(s.question, o.ID, o.Name), explain: s.explain, gate: pcGate(s.allowed, s.Verb, s.which)}
	m.Refuse = m.gate(o)
	m.Run = func(ctx context.Context, fc *FormCtx, o *model.Object, token string) (*Submitted, error) {
		in := &client.PhysicalConnectionInput{RegionId: o.Region, PhysicalConnectionId: o.ID, ClientToken: token}
		out, err := s.op.Call(ctx, fc.Client, in)
		return sent(o, s.op.Action, in, out, err, s.Target)
	}
	return m
}

// pcCreate applies for a physical connection at an access point of the
// region (from the API); the port, the operator and the bandwidth range are
// checked as typed, and the number of applications in flight before any
// call.
type pcCreate struct {
	ap, operator, location, Port, Bandwidth, circuit, redundant, Name, Desc string
	aps, redundants                                                         []Pick
	pending                                                                 int
}

func (m *pcCreate) Title() string  { return "Apply for a physical connection" }
func (m *pcCreate) Action() string { return "CreatePhysicalConnection" }

func (m *pcCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	aps, err := client.DescribeAccessPoints.Call(ctx, fc.Client, &client.DescribeAccessPointsInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.aps = pickList(aps, func(a *model.AccessPoint) []string {
		return []string{a.AccessPointId, a.Name, a.HostOperator, a.Status}
	})
	pcs, err := client.DescribePhysicalConnections.Call(ctx, fc.Client, &client.DescribePhysicalConnectionsInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.redundants, m.pending = []Pick{{"none", ""}}, 0
	for _, p := range pcs {
		if model.PCPending(p.Status) {
			m.pending++
		}
		if model.PCRedundantOK(p.Status) {
			m.redundants = append(m.redundants, Pick{fmt.Sprintf("%s  %s  %s", p.PhysicalConnectionId, p.Name, p.Status), p.PhysicalConnectionId})
		}
	}
	m.ap = keepOrFirst(m.ap, m.aps)
	if m.operator == "" {
		m.operator = model.PCLineOperators[0].Code
	}
	return nil
}

func pcOperatorOptions() []huh.Option[string] {
	out := []huh.Option[string]{}
	for _, o := range model.PCLineOperators {
		out = append(out, huh.NewOption(o.Code+"  "+o.Name, o.Code))
	}
	return out
}

func pcPortOptions() []huh.Option[string] {
	out := []huh.Option[string]{}
	for _, o := range model.PCPortTypes {
		out = append(out, huh.NewOption(o.Code+"  "+o.Name, o.Code))
	}
	return out
}

const pcBandwidthHint = "Mbit/s, 2-10240"

func pcLocation(v *string) *liveField {
	return liveInput("Data centre location", v, model.CheckPCPeerLocation, "where the line ends on your side, e.g. Hangzhou IDC, Binjiang")
}

func pcCircuit(v *string) *liveField {
	return liveInput("Circuit code", v, checkCircuit, "optional; the carrier's code for the line, no spaces")
}

func checkCircuit(s string) error {
	if strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' }) || len(s) > 128 {
		return errors.New("a circuit code is up to 128 printable ASCII characters, no spaces")
	}
	return nil
}

func (m *pcCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(
			pickerGone("Access point", &m.ap, m.aps, "no access point in "+fc.Region, "is no longer offered in "+fc.Region),
			huh.NewSelect[string]().Title("Line operator").Options(pcOperatorOptions()...).Value(&m.operator).Height(8),
			pcLocation(&m.location),
		),
		huh.NewGroup(
			huh.NewSelect[string]().Title("Port type").Options(pcPortOptions()...).Value(&m.Port).Height(7),
			liveInput("Bandwidth", &m.Bandwidth, model.CheckPCBandwidth, pcBandwidthHint),
			pickerGone("Redundant connection", &m.redundant, m.redundants, "", "is no longer Allocated, Confirmed or Enabled"),
			pcCircuit(&m.circuit), nameField(&m.Name), descField(&m.Desc),
		),
	)
}

func (m *pcCreate) Check(fc *FormCtx) error {
	if m.ap == "" {
		return errors.New("access point: there is no access point to choose in " + fc.Region)
	}
	if m.pending >= model.MaxPendingPCs {
		return fmt.Errorf("%d physical connections in %s are applied for and not yet Enabled; at most %d may be — enable, cancel or delete one first",
			m.pending, fc.Region, model.MaxPendingPCs)
	}
	return checks(
		check("access point", notOffered(m.aps, m.ap, "is no longer offered in "+fc.Region)),
		check("line operator", model.CheckPCLineOperator(m.operator)),
		check("location", model.CheckPCPeerLocation(m.location)),
		check("port type", model.CheckPCPortType(m.Port)),
		check("bandwidth", model.CheckPCBandwidth(m.Bandwidth)),
		check("redundant connection", notOffered(m.redundants, m.redundant, "is no longer Allocated, Confirmed or Enabled")),
		check("circuit code", checkCircuit(m.circuit)),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
	)
}

func (m *pcCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	bw, _ := atoi("bandwidth", m.Bandwidth)
	in := &client.CreatePhysicalConnectionInput{RegionId: fc.Region, AccessPointId: m.ap, LineOperator: m.operator,
		PeerLocation: strings.TrimSpace(m.location), PortType: m.Port, Bandwidth: bw, CircuitCode: m.circuit,
		RedundantPhysicalConnectionId: m.redundant, Name: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreatePhysicalConnection.Call(ctx, fc.Client, in)
	return created(fc, m, "pc", "PhysicalConnectionId", in, out, err)
}

// pcModify changes a line's name, description, location and circuit code;
// the port and the bandwidth only while it is Initial or Rejected (a
// Rejected one then applies again).
type pcModify struct {
	p                                              *model.PhysicalConnection
	Name, Desc, location, circuit, Port, Bandwidth string
}

func (m *pcModify) Title() string  { return "Edit physical connection " + m.p.PhysicalConnectionId }
func (m *pcModify) Action() string { return "ModifyPhysicalConnectionAttribute" }

func (m *pcModify) Spec() bool { return model.PCSpecModifiable(m.p.Status) }

func (m *pcModify) Form(fc *FormCtx) *huh.Form {
	g := []huh.Field{editName(fc, &m.Name), editDesc(fc, &m.Desc), pcLocation(&m.location), pcCircuit(&m.circuit)}
	if m.Spec() {
		g = append(g, huh.NewSelect[string]().Title("Port type").Options(pcPortOptions()...).Value(&m.Port).Height(7),
			liveInput("Bandwidth", &m.Bandwidth, model.CheckPCBandwidth, pcBandwidthHint))
	} else {
		g = append(g, huh.NewNote().Title("Port and bandwidth").Description(fmt.Sprintf("%s, %s Mbit/s: fixed once a line is past Initial (it is %s)",
			m.p.PortType, model.Itoa(m.p.Bandwidth), m.p.Status)))
	}
	return huh.NewForm(huh.NewGroup(g...))
}

func (m *pcModify) request(fc *FormCtx) *client.ModifyPhysicalConnectionAttributeInput {
	in := &client.ModifyPhysicalConnectionAttributeInput{RegionId: fc.Region, PhysicalConnectionId: m.p.PhysicalConnectionId,
		Name: m.Name, Description: m.Desc, PeerLocation: strings.TrimSpace(m.location), CircuitCode: m.circuit}
	if !m.Spec() {
		return in
	}
	if m.Port != m.p.PortType {
		in.PortType = m.Port
	}
	if bw, _ := atoi("bandwidth", m.Bandwidth); bw != int(m.p.Bandwidth) {
		in.Bandwidth = bw // sent only when changed: the item spells it Bandwidth
	}
	return in
}

func (m *pcModify) Check(fc *FormCtx) error {
	if !model.PCModifiable(m.p.Status) {
		return fmt.Errorf("%s is %s; a Canceled, Allocating, AllocationFailed, Terminating or Terminated line cannot be changed", m.p.PhysicalConnectionId, m.p.Status)
	}
	cs := []fieldCheck{check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("location", model.CheckPCPeerLocation(m.location)), check("circuit code", checkCircuit(m.circuit))}
	if m.Spec() {
		cs = append(cs, check("port type", model.CheckPCPortType(m.Port)), check("bandwidth", model.CheckPCBandwidth(m.Bandwidth)))
	}
	cs = append(cs, check("edit", editRefusal(fc.Target, m.Action(), m.request(fc))))
	return checks(cs...)
}

func (m *pcModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	in.ClientToken = token
	var target []string
	if m.p.Status == model.PCRejected {
		target = []string{model.PCConfirmed} // it applies again
	}
	return sendEditTo(ctx, fc, client.ModifyPhysicalConnectionAttribute.Func, in, "pc", m.p.PhysicalConnectionId, target)
}

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

// ---- EIPs ----

func EipOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation { return &EipAllocate{Bandwidth: "5", charge: "PayByTraffic"} },
		Edit: func(fc *FormCtx) Mutation {
			e := fc.Target.Val().(*model.EipAddress)
			return &EipModify{Id: e.AllocationId, Name: e.Name, Desc: e.Description, Bandwidth: e.Bandwidth}
		},
		Del: eipReleaseSpec(),
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return []actionItem{
				{Label: "Associate", Hint: "bind to a NAT gateway, an ECS instance or a HaVip", Make: NewEipAssociate},
				destructiveItem("Unassociate", "unbind from its instance", "Unassociate", NewEipUnassociate,
					func(s *DeleteSpec) { s.About, s.Impact, s.Stops = eipAbout, eipUsers, nil }),
				{Label: "Release", Hint: "give the address back (only when Available)", Destroy: func(*FormCtx) *DeleteSpec { return eipReleaseSpec() }},
			}
		}),
	}
}

// eipReleaseRefusal says why an EIP cannot be released now, or "".
func eipReleaseRefusal(e *model.EipAddress) string {
	switch {
	case e.Status != "Available":
		what := e.Status
		if e.InstanceId != "" {
			what += " (bound to " + e.InstanceId + ")"
		}
		return fmt.Sprintf("%s is %s: only an Available EIP can be released; unassociate it first (x → Unassociate)", e.IpAddress, what)
	case e.ChargeType == "PrePaid":
		return e.IpAddress + " is a subscription (PrePaid) EIP: it cannot be released before it expires"
	}
	return ""
}

func releaseEip(ctx context.Context, fc *FormCtx, o *model.Object) (*Submitted, error) {
	in := &client.ReleaseEipAddressInput{RegionId: o.Region, AllocationId: o.ID}
	out, err := client.ReleaseEipAddress.Call(ctx, fc.Client, in)
	return sent(o, client.ReleaseEipAddress.Action, in, out, err, nil)
}

type EipAllocate struct{ Bandwidth, charge, Name, Desc string }

func (m *EipAllocate) Title() string  { return "Allocate EIP" }
func (m *EipAllocate) Action() string { return "AllocateEipAddress" }
func (m *EipAllocate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckEipBandwidth, "peak bandwidth, a whole number; default 5"),
		huh.NewSelect[string]().Title("Billing").Value(&m.charge).Options(
			huh.NewOption("pay by traffic", "PayByTraffic"), huh.NewOption("pay by bandwidth", "PayByBandwidth")),
		nameField(&m.Name), descField(&m.Desc),
	))
}
func (m *EipAllocate) Check(fc *FormCtx) error {
	return checks(check("bandwidth", model.CheckEipBandwidth(m.Bandwidth)), check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)))
}

// Request is what Submit sends; the review page lists it first.
func (m *EipAllocate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *EipAllocate) Input(fc *FormCtx, token string) *client.AllocateEipAddressInput {
	return &client.AllocateEipAddressInput{RegionId: fc.Region, Bandwidth: strings.TrimSpace(m.Bandwidth), InternetChargeType: m.charge,
		Name: m.Name, Description: m.Desc, ClientToken: token}
}

func (m *EipAllocate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.AllocateEipAddress.Call(ctx, fc.Client, in)
	return created(fc, m, "eip", "AllocationId", in, out, err)
}

type EipModify struct{ Id, Name, Desc, Bandwidth string }

func (m *EipModify) Title() string  { return "Edit EIP " + m.Id }
func (m *EipModify) Action() string { return "ModifyEipAddressAttribute" }
func (m *EipModify) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.Name), editDesc(fc, &m.Desc),
		liveInput("Bandwidth (Mbit/s)", &m.Bandwidth, model.CheckEipBandwidth, "peak bandwidth, a whole number")))
}
func (m *EipModify) request(fc *FormCtx) *client.ModifyEipAddressAttributeInput {
	return &client.ModifyEipAddressAttributeInput{RegionId: fc.Region, AllocationId: m.Id, Name: m.Name, Description: m.Desc,
		Bandwidth: strings.TrimSpace(m.Bandwidth)}
}
func (m *EipModify) Check(fc *FormCtx) error {
	return checks(check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)),
		check("bandwidth", model.CheckEipBandwidth(m.Bandwidth)), check("edit", editRefusal(fc.Target, m.Action(), m.request(fc))))
}
func (m *EipModify) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	return sendEdit(ctx, fc, client.ModifyEipAddressAttribute.Func, in, "eip", m.Id)
}

// eipAssociate binds an EIP: NAT gateways and HaVips of the region come from the API;
// an ECS instance is typed (the console does not list instances).
type EipAssociate struct {
	obj          *model.Object
	eip          *model.EipAddress
	InstType     string
	natID, EcsID string
	havipID      string
	Nats, havips []Pick
	Refuse       string
}

func NewEipAssociate(fc *FormCtx) Mutation {
	return &EipAssociate{obj: fc.Target, eip: fc.Target.Val().(*model.EipAddress), InstType: "Nat"}
}

func eipAssociateRefusal(e *model.EipAddress) string {
	if e.Status == "Available" {
		return ""
	}
	why := fmt.Sprintf("%s is %s; only an Available EIP can be associated", e.IpAddress, e.Status)
	if e.InstanceId != "" {
		why += " (it is bound to " + e.InstanceId + ")"
	}
	return why
}

// Title reads the pane's copy of the EIP, which Prepare (running while the
// title shows) does not replace.
func (m *EipAssociate) Title() string {
	if e, ok := m.obj.Val().(*model.EipAddress); ok {
		return "Associate EIP " + e.IpAddress
	}
	return "Associate EIP " + m.obj.ID
}
func (m *EipAssociate) Action() string { return "AssociateEipAddress" }

func (m *EipAssociate) Prepare(ctx context.Context, fc *FormCtx) error {
	// The status decides; a draft may be older than it.
	if ok, err := rereadAs(ctx, fc, m.obj, &m.Refuse, &m.eip, eipAssociateRefusal); !ok {
		return err
	}
	nats, err := client.DescribeNatGateways.Call(ctx, fc.Client, &client.DescribeNatGatewaysInput{RegionId: fc.Region})
	if err := loadPicks(&m.natID, &m.Nats, nats, err, func(n *model.NatGateway) []string { return []string{n.NatGatewayId, n.Name, n.VpcId} }); err != nil {
		return err
	}
	if m.havips, err = havipPicks(ctx, fc, ""); err != nil {
		return err
	}
	m.havipID = keepOrFirst(m.havipID, m.havips)
	return nil
}

func (m *EipAssociate) Form(fc *FormCtx) *huh.Form {
	if m.Refuse != "" {
		return refusedForm(m.Refuse)
	}
	return huh.NewForm(
		huh.NewGroup(huh.NewSelect[string]().Title("Instance type").Value(&m.InstType).Options(
			huh.NewOption("NAT gateway", "Nat"), huh.NewOption("ECS instance", "EcsInstance"), huh.NewOption("HaVip", "HaVip"))),
		huh.NewGroup(pickerGone("HaVip", &m.havipID, m.havips, "no Available or InUse HaVip in "+fc.Region, "is no longer usable in "+fc.Region)).
			WithHideFunc(func() bool { return m.InstType != "HaVip" }),
		huh.NewGroup(pickerGone("NAT gateway", &m.natID, m.Nats, "no NAT gateway in "+fc.Region, "is no longer in "+fc.Region)).
			WithHideFunc(func() bool { return m.InstType != "Nat" }),
		huh.NewGroup(liveInput("ECS instance ID", &m.EcsID, func(s string) error { return model.CheckResourceID("ECS instance", "i-", s) },
			"an instance in a VPC of "+fc.Region+" without an EIP, e.g. i-bp1…")).
			WithHideFunc(func() bool { return m.InstType != "EcsInstance" }),
	)
}

func (m *EipAssociate) instance() string {
	switch m.InstType {
	case "Nat":
		return m.natID
	case "HaVip":
		return m.havipID
	}
	return strings.TrimSpace(m.EcsID)
}

func (m *EipAssociate) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	if m.InstType == "Nat" {
		if m.natID == "" {
			return errors.New("there is no NAT gateway to choose")
		}
		return notOffered(m.Nats, m.natID, "is no longer in "+fc.Region)
	}
	if m.InstType == "HaVip" {
		if m.havipID == "" {
			return errors.New("there is no HaVip to choose")
		}
		return notOffered(m.havips, m.havipID, "is no longer usable in "+fc.Region)
	}
	return model.CheckResourceID("ECS instance", "i-", m.EcsID)
}

func (m *EipAssociate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.AssociateEipAddressInput{RegionId: fc.Region, AllocationId: m.eip.AllocationId, InstanceId: m.instance(),
		InstanceType: m.InstType, ClientToken: token}
	out, err := client.AssociateEipAddress.Call(ctx, fc.Client, in)
	return changed(fc, "eip", m.eip.AllocationId, []string{"InUse"}, in, out, err)
}

func NewEipUnassociate(fc *FormCtx) Mutation {
	e := fc.Target.Val().(*model.EipAddress)
	return &ConfirmAction{title: "Unassociate EIP " + e.IpAddress, APIAction: client.UnassociateEipAddress.Action,
		question: "Unbind " + e.IpAddress + " from its instance?",
		explain:  "The instance loses this public address at once. A NAT gateway's SNAT or DNAT entries using it must go first.",
		obj:      fc.Target,
		gate: func(o *model.Object) string {
			e := o.Val().(*model.EipAddress)
			if e.Status != "InUse" || e.InstanceId == "" {
				return fmt.Sprintf("%s is %s, not bound to anything", e.IpAddress, e.Status)
			}
			if e.InstanceType == "GlobalAccelerationInstance" {
				return e.IpAddress + " is shared by global acceleration instance " + e.InstanceId + ": remove it there (:ga, x → Remove EIP)"
			}
			return ""
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string) (*Submitted, error) {
			e := o.Val().(*model.EipAddress)
			in := &client.UnassociateEipAddressInput{RegionId: fc.Region, AllocationId: e.AllocationId, InstanceId: e.InstanceId,
				InstanceType: e.InstanceType, ClientToken: token}
			out, err := client.UnassociateEipAddress.Call(ctx, fc.Client, in)
			return changed(fc, "eip", e.AllocationId, []string{"Available"}, in, out, err)
		}}
}

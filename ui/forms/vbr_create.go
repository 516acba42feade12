package forms

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- VBR lifecycle: create on a physical connection, delete ----

func newVbrCreate(fc *FormCtx) Mutation {
	return &vbrCreate{Mask: "255.255.255.252", onlyPC: parentID(fc, "pc")}
}

// vbrCreate makes a VBR on an Enabled physical connection of the region
// (from the API; fixed when opened from one). The VLAN must be free on that
// line — VBRs of other accounts and terminated ones within their 7-day
// reservation hold theirs, read with
// DescribeVirtualBorderRoutersForPhysicalConnection — and the interconnect
// addresses one /24-/30 subnet.
type vbrCreate struct {
	pcID, Vlan, Local, Peer, Mask, circuit, Name, Desc string
	onlyPC                                             string
	pcs                                                []Pick
	vlans                                              map[string]map[int]string // line → VLAN → VBR holding it
	count                                              map[string]int            // line → VBRs on it
}

func (m *vbrCreate) Title() string  { return createTitle("VBR", when(m.onlyPC != "", "on "+m.onlyPC)) }
func (m *vbrCreate) Action() string { return "CreateVirtualBorderRouter" }

func (m *vbrCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	in := &client.DescribePhysicalConnectionsInput{RegionId: fc.Region, Filter: []client.Filter{{Key: "Status", Value: []string{model.PCEnabled}}}}
	pcs, err := client.DescribePhysicalConnections.Call(ctx, fc.Client, in)
	if err != nil {
		return err
	}
	m.pcs, m.vlans, m.count = []Pick{}, map[string]map[int]string{}, map[string]int{}
	for _, p := range pcs {
		if m.onlyPC != "" && p.PhysicalConnectionId != m.onlyPC {
			continue
		}
		m.pcs = append(m.pcs, Pick{fmt.Sprintf("%s  %s  %s Mbit/s  %s", p.PhysicalConnectionId, p.Name, model.Itoa(p.Bandwidth), p.AccessPointId), p.PhysicalConnectionId})
		if len(m.pcs) > maxRouteVPCs {
			continue // beyond it, the API's own check remains
		}
		vbrs, err := client.DescribeVirtualBorderRoutersForPhysicalConnection.Call(ctx, fc.Client, &client.DescribeVirtualBorderRoutersForPhysicalConnectionInput{
			RegionId: fc.Region, PhysicalConnectionId: p.PhysicalConnectionId})
		if err != nil {
			return err
		}
		held := map[int]string{}
		for _, v := range vbrs {
			if t, err := time.Parse(model.TimeLayout, v.TerminationTime); strings.EqualFold(v.Status, "terminated") && err == nil && time.Since(t) > model.VlanReservation {
				continue
			}
			held[int(v.VlanId)] = v.VbrId
		}
		m.vlans[p.PhysicalConnectionId], m.count[p.PhysicalConnectionId] = held, len(vbrs)
	}
	m.pcID = keepOrFirst(m.pcID, m.pcs)
	return nil
}

func (m *vbrCreate) checkVlan(s string) error {
	n, err := atoi("VLAN", s)
	if err != nil {
		return err
	}
	if err := model.CheckVlanID(n); err != nil {
		return err
	}
	if v := m.vlans[m.pcID][n]; v != "" {
		return fmt.Errorf("VLAN %d is held by %s on %s", n, v, m.pcID)
	}
	return nil
}

// checkAddresses: the two gateways share one subnet of the mask.
func (m *vbrCreate) checkAddresses(string) error {
	return model.CheckVbrPeering(strings.TrimSpace(m.Local), strings.TrimSpace(m.Peer), strings.TrimSpace(m.Mask))
}

// required is a field's check for an address a VBR of one's own account
// must have, together with the subnet rule.
func (m *vbrCreate) required(name string) func(string) error {
	return required("the "+name, m.checkAddresses)
}

func (m *vbrCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(
		huh.NewGroup(
			pickerGone("Physical connection", &m.pcID, m.pcs, "no Enabled physical connection in "+fc.Region+" (enable one on :pc)",
				"is no longer Enabled in "+fc.Region),
			liveInput("VLAN", &m.Vlan, m.checkVlan, "1-2999; free on the physical connection"),
			liveInput("Local gateway IP", &m.Local, m.required("local gateway IP"), "Alibaba Cloud side of the interconnect, e.g. 10.254.9.1"),
			liveInput("Peer gateway IP", &m.Peer, m.required("peer gateway IP"), "data-centre side; same subnet as the local IP"),
			liveInput("Peering subnet mask", &m.Mask, m.required("peering subnet mask"), "255.255.255.0 to 255.255.255.252"),
		),
		huh.NewGroup(pcCircuit(&m.circuit), nameField(&m.Name), descField(&m.Desc)),
	)
}

func (m *vbrCreate) Check(fc *FormCtx) error {
	if m.pcID == "" {
		return errors.New("physical connection: there is no Enabled physical connection in " + fc.Region)
	}
	if n := m.count[m.pcID]; n >= model.MaxVbrsPerPC {
		return fmt.Errorf("physical connection: %s carries %d VBRs, the most one line may", m.pcID, n)
	}
	return checks(
		check("physical connection", notOffered(m.pcs, m.pcID, "is no longer Enabled in "+fc.Region)),
		check("VLAN", m.checkVlan(m.Vlan)),
		check("local gateway IP", m.required("local gateway IP")(m.Local)),
		check("peer gateway IP", m.required("peer gateway IP")(m.Peer)),
		check("peering subnet mask", m.required("peering subnet mask")(m.Mask)),
		check("circuit code", checkCircuit(m.circuit)),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
	)
}

func (m *vbrCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	vlan, _ := atoi("VLAN", m.Vlan)
	in := &client.CreateVirtualBorderRouterInput{RegionId: fc.Region, PhysicalConnectionId: m.pcID, VlanId: vlan,
		LocalGatewayIp: strings.TrimSpace(m.Local), PeerGatewayIp: strings.TrimSpace(m.Peer), PeeringSubnetMask: strings.TrimSpace(m.Mask),
		CircuitCode: m.circuit, Name: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateVirtualBorderRouter.Call(ctx, fc.Client, in)
	return created(fc, m, "vbr", "VbrId", in, out, err)
}

// vbrDeleteSpec deletes an unconfirmed, active or terminated VBR with no
// BGP group left (the API also wants its router interfaces gone).
func vbrDeleteSpec() *DeleteSpec {
	return deleteByID(DeleteSpec{
		Fresh: true, About: vbrAbout, Blockers: []string{"bgp"},
		Stops: func(o *model.Object) []string {
			v := o.Val().(*model.VirtualBorderRouter)
			return []string{"VLAN " + model.Itoa(v.VlanId) + " on " + v.PhysicalConnectionId + " is freed and the VBR's route table " + v.RouteTableId + " goes with it."}
		},
		Refuse: func(o *model.Object) string {
			if !slices.Contains([]string{"unconfirmed", "active", "terminated"}, strings.ToLower(o.Status)) {
				return fmt.Sprintf("%s is %s; only an unconfirmed, active or terminated VBR can be deleted", o.ID, o.Status)
			}
			return ""
		},
	}, "VbrId", client.DeleteVirtualBorderRouter)
}

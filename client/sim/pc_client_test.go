package sim_test

import (
	"context"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// TestTypedPhysicalConnectionAndVbrOps drives the typed client operations
// of the physical connection family and the VBR lifecycle against the
// simulator: access points, an application moved on by the provider,
// Enable, a VBR on it listed by DescribeVirtualBorderRoutersForPhysicalConnection,
// the VBR deleted, the line terminated and deleted.
func TestTypedPhysicalConnectionAndVbrOps(t *testing.T) {
	c, clock := typedClient(t, sim.Options{Settle: time.Second})
	ctx := context.Background()
	step := func() { clock.Advance(time.Second) }

	aps, err := client.DescribeAccessPoints.Call(ctx, c, &client.DescribeAccessPointsInput{RegionId: "cn-hangzhou", HostOperator: "GDS"})
	if err != nil || len(aps) != 1 || aps[0].AttachedRegionNo != "cn-hangzhou" {
		t.Fatalf("DescribeAccessPoints: %v %+v", err, aps)
	}
	out, err := client.CreatePhysicalConnection.Call(ctx, c, &client.CreatePhysicalConnectionInput{RegionId: "cn-hangzhou",
		AccessPointId: aps[0].AccessPointId, LineOperator: "Equinix", PeerLocation: "Shanghai SH2", Bandwidth: 2000, Name: "typed-line"})
	if err != nil {
		t.Fatalf("CreatePhysicalConnection: %v", err)
	}
	get := func() *model.PhysicalConnection {
		t.Helper()
		pcs, err := client.DescribePhysicalConnections.Call(ctx, c, &client.DescribePhysicalConnectionsInput{RegionId: "cn-hangzhou",
			Filter: []client.Filter{{Key: "PhysicalConnectionId", Value: []string{out.PhysicalConnectionId}}}})
		if err != nil || len(pcs) != 1 {
			t.Fatalf("DescribePhysicalConnections: %v, %d", err, len(pcs))
		}
		return pcs[0]
	}
	if p := get(); p.Status != model.PCInitial || p.Bandwidth != 2000 || p.LineOperator != "Equinix" {
		t.Fatalf("new line: %+v", p)
	}
	for range 4 {
		step()
	}
	pcIn := &client.PhysicalConnectionInput{RegionId: "cn-hangzhou", PhysicalConnectionId: out.PhysicalConnectionId}
	if _, err := client.EnablePhysicalConnection.Call(ctx, c, pcIn); err != nil {
		t.Fatalf("EnablePhysicalConnection: %v", err)
	}
	if _, err := client.ModifyPhysicalConnectionAttribute.Call(ctx, c, &client.ModifyPhysicalConnectionAttributeInput{RegionId: "cn-hangzhou",
		PhysicalConnectionId: out.PhysicalConnectionId, Description: "Typed and enabled"}); err != nil {
		t.Fatalf("ModifyPhysicalConnectionAttribute: %v", err)
	}
	if p := get(); p.Status != model.PCEnabled || p.Description != "Typed and enabled" {
		t.Fatalf("enabled line: %+v", p)
	}

	vbr, err := client.CreateVirtualBorderRouter.Call(ctx, c, &client.CreateVirtualBorderRouterInput{RegionId: "cn-hangzhou",
		PhysicalConnectionId: out.PhysicalConnectionId, VlanId: 42, LocalGatewayIp: "10.9.0.1", PeerGatewayIp: "10.9.0.2",
		PeeringSubnetMask: "255.255.255.252", Name: "typed-vbr"})
	if err != nil {
		t.Fatalf("CreateVirtualBorderRouter: %v", err)
	}
	on, err := client.DescribeVirtualBorderRoutersForPhysicalConnection.Call(ctx, c, &client.DescribeVirtualBorderRoutersForPhysicalConnectionInput{
		RegionId: "cn-hangzhou", PhysicalConnectionId: out.PhysicalConnectionId})
	if err != nil || len(on) != 1 || on[0].VbrId != vbr.VbrId || on[0].VlanId != 42 || on[0].LocalGatewayIp != "10.9.0.1" || on[0].VbrOwnerUid != "" {
		t.Fatalf("DescribeVirtualBorderRoutersForPhysicalConnection: %v %+v", err, on)
	}
	if _, err := client.TerminatePhysicalConnection.Call(ctx, c, pcIn); client.ErrorCode(err) != "Forbidden.AssociateToVBR" {
		t.Errorf("TerminatePhysicalConnection with a VBR on it: %v", err)
	}
	if _, err := client.DeleteVirtualBorderRouter.Call(ctx, c, &client.VbrInput{RegionId: "cn-hangzhou", VbrId: vbr.VbrId}); err != nil {
		t.Fatalf("DeleteVirtualBorderRouter: %v", err)
	}
	step()
	if _, err := client.TerminatePhysicalConnection.Call(ctx, c, pcIn); err != nil {
		t.Fatalf("TerminatePhysicalConnection: %v", err)
	}
	step()
	if p := get(); p.Status != model.PCTerminated {
		t.Fatalf("terminated line: %s", p.Status)
	}
	if _, err := client.DeletePhysicalConnection.Call(ctx, c, &client.DeletePhysicalConnectionInput{RegionId: "cn-hangzhou", PhysicalConnectionId: out.PhysicalConnectionId}); err != nil {
		t.Fatalf("DeletePhysicalConnection: %v", err)
	}
	if _, err := client.CancelPhysicalConnection.Call(ctx, c, pcIn); client.ErrorCode(err) != "InvalidPhysicalConnectionId.NotFound" {
		t.Errorf("CancelPhysicalConnection of a deleted line: %v", err)
	}
}

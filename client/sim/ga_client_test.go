package sim_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// TestTypedGlobalAccelerationOps drives the typed client operations of
// global acceleration against the simulator: the demo's instances found by
// their backend server (ServerId) and from the server's side
// (DescribeServerRelatedGlobalAccelerationInstances), and a sharing
// instance's EIP added and removed.
func TestTypedGlobalAccelerationOps(t *testing.T) {
	c, clock := typedClient(t, sim.Options{Settle: time.Second})
	ctx := context.Background()
	hz := "cn-hangzhou"

	gas, err := client.DescribeGlobalAccelerationInstances.Call(ctx, c, &client.DescribeGlobalAccelerationInstancesInput{RegionId: hz, Name: "data-api-accel"})
	if err != nil || len(gas) != 1 || len(gas[0].Backends()) != 1 {
		t.Fatalf("DescribeGlobalAccelerationInstances Name=data-api-accel: %v %+v", err, gas)
	}
	api, host := gas[0], gas[0].Backends()[0]
	rel, err := c.DescribeServerRelatedGlobalAccelerationInstances(ctx, &client.DescribeServerRelatedGlobalAccelerationInstancesInput{
		RegionId: host.RegionId, ServerId: host.ServerId})
	if err != nil || len(rel) != 1 || rel[0].GlobalAccelerationInstanceId != api.GlobalAccelerationInstanceId ||
		rel[0].IpAddress != api.IpAddress || rel[0].RegionId != hz || rel[0].ServerIpAddress != host.ServerIpAddress {
		t.Fatalf("DescribeServerRelatedGlobalAccelerationInstances: %v %+v", err, rel)
	}
	_, err = c.DescribeServerRelatedGlobalAccelerationInstances(ctx, &client.DescribeServerRelatedGlobalAccelerationInstancesInput{
		RegionId: host.RegionId, ServerId: host.ServerId, ServerType: "Rds"})
	if client.ErrorCode(err) != "InvalidBackendServerType.NotFound" {
		t.Errorf("an unknown server type: %v", err)
	}
	byServer, err := client.DescribeGlobalAccelerationInstances.Call(ctx, c, &client.DescribeGlobalAccelerationInstancesInput{RegionId: hz, ServerId: host.ServerId})
	if err != nil || len(byServer) != 1 {
		t.Errorf("ServerId filter: %v, %d instances", err, len(byServer))
	}

	shared, err := client.DescribeGlobalAccelerationInstances.Call(ctx, c, &client.DescribeGlobalAccelerationInstancesInput{RegionId: hz, BandwidthType: "Sharing"})
	if err != nil || len(shared) != 1 {
		t.Fatalf("BandwidthType=Sharing: %v, %d instances", err, len(shared))
	}
	eip, err := client.AllocateEipAddress.Call(ctx, c, &client.AllocateEipAddressInput{RegionId: hz})
	if err != nil {
		t.Fatal(err)
	}
	in := &client.GAIpInput{RegionId: hz, GlobalAccelerationInstanceId: shared[0].GlobalAccelerationInstanceId, IpInstanceId: eip.AllocationId}
	if _, err := client.AddGlobalAccelerationInstanceIp.Call(ctx, c, in); err != nil {
		t.Fatalf("AddGlobalAccelerationInstanceIp: %v", err)
	}
	clock.Advance(2 * time.Second)
	get := func() []*model.GlobalAcceleration {
		t.Helper()
		got, err := client.DescribeGlobalAccelerationInstances.Call(ctx, c, &client.DescribeGlobalAccelerationInstancesInput{RegionId: hz,
			GlobalAccelerationInstanceId: in.GlobalAccelerationInstanceId})
		if err != nil || len(got) != 1 {
			t.Fatalf("DescribeGlobalAccelerationInstances %s: %v %+v", in.GlobalAccelerationInstanceId, err, got)
		}
		return got
	}
	added := get()[0].EIPs()
	if len(added) != len(shared[0].EIPs())+1 || !slices.ContainsFunc(added, func(ip model.GAPublicIP) bool { return ip.AllocationId == eip.AllocationId }) {
		t.Errorf("after adding %s: %+v", eip.AllocationId, added)
	}
	if _, err := client.RemoveGlobalAccelerationInstanceIp.Call(ctx, c, in); err != nil {
		t.Fatalf("RemoveGlobalAccelerationInstanceIp: %v", err)
	}
	clock.Advance(2 * time.Second)
	after := get()
	if len(after[0].EIPs()) != 1 || after[0].Status != "InUse" {
		t.Errorf("after adding and removing an EIP: %+v", after)
	}
}

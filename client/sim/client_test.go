package sim_test

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

func newServer(t *testing.T, o sim.Options) (*httptest.Server, *sim.Server) {
	t.Helper()
	srv, err := sim.New(o)
	if err != nil {
		t.Fatal(err)
	}
	hs := httptest.NewServer(srv)
	t.Cleanup(func() { hs.Close(); srv.Close() })
	return hs, srv
}

// newClockedServer is newServer on a manual clock that starts on
// 1 November 2026.
func newClockedServer(t *testing.T, o sim.Options) (*httptest.Server, *sim.Server, *sim.ManualClock) {
	t.Helper()
	clock := sim.NewManualClock(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	o.Clock = clock
	hs, srv := newServer(t, o)
	return hs, srv, clock
}

// typedClient is alivpc's client, with the default key, of a fresh
// simulator on a manual clock (newClockedServer).
func typedClient(t *testing.T, o sim.Options) (*client.Client, *sim.ManualClock) {
	t.Helper()
	hs, _, clock := newClockedServer(t, o)
	return newClient(t, hs.URL, nil), clock
}

func newClient(t *testing.T, url string, mod func(*client.Config)) *client.Client {
	t.Helper()
	cfg := client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: url},
		BaseBackoff: time.Millisecond, MaxBackoff: 10 * time.Millisecond,
	}
	if mod != nil {
		mod(&cfg)
	}
	c, err := client.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// The official SDK scenario (sdk_test.go), run with alivpc's own client with
// both signature versions, over GET and POST, with and without STS.
func TestOwnClientScenario(t *testing.T) {
	ctx := context.Background()
	for _, sig := range []client.SignatureVersion{client.SignatureV1, client.SignatureV3} {
		for _, method := range []string{"GET", "POST"} {
			for _, sts := range []bool{false, true} {
				t.Run(fmt.Sprintf("%s-%s-sts=%v", sig, method, sts), func(t *testing.T) {
					hs, _, clock := newClockedServer(t, sim.Options{Seed: 3})
					c := newClient(t, hs.URL, func(cfg *client.Config) {
						cfg.Signature, cfg.Method = sig, method
						if sts {
							cfg.Credentials = client.StaticCredentials(sim.DefaultSTSAccessKeyID, sim.DefaultSTSAccessKeySecret, sim.DefaultSecurityToken)
						}
					})
					// Paged DescribeVpcs returns exactly TotalCount VPCs.
					total, seen := -1, map[string]bool{}
					err := c.List(ctx, client.ListRequest{Spec: model.Default().MustLookup("vpc").List, Region: "cn-hangzhou", PageSize: 2}, func(pg client.Page) error {
						total = pg.Total
						for _, raw := range pg.Items {
							o, err := model.Default().MustLookup("vpc").Decode("cn-hangzhou", raw)
							if err != nil {
								return err
							}
							if seen[o.ID] {
								t.Errorf("%s listed twice", o.ID)
							}
							seen[o.ID] = true
						}
						return nil
					})
					if err != nil || total <= 2 || len(seen) != total {
						t.Fatalf("paged DescribeVpcs: %d seen, TotalCount %d, err %v", len(seen), total, err)
					}
					// CreateVpc, then Pending, then Available.
					out, err := client.CreateVpc.Call(ctx, c, &client.CreateVpcInput{RegionId: "cn-hangzhou", CidrBlock: "192.168.0.0/16", VpcName: "scenario"})
					if err != nil {
						t.Fatal(err)
					}
					v, err := client.DescribeVpcAttribute.Call(ctx, c, &client.DescribeVpcAttributeInput{RegionId: "cn-hangzhou", VpcId: out.VpcId})
					if err != nil || v.Status != "Pending" {
						t.Fatalf("fresh VPC: %+v %v", v, err)
					}
					clock.Advance(4 * time.Second)
					v, err = client.DescribeVpcAttribute.Call(ctx, c, &client.DescribeVpcAttributeInput{RegionId: "cn-hangzhou", VpcId: out.VpcId})
					if err != nil || v.Status != "Available" {
						t.Fatalf("settled VPC: %+v %v", v, err)
					}
					// An overlapping VSwitch gets the documented code.
					if _, err := client.CreateVSwitch.Call(ctx, c, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: out.VpcId, ZoneId: "cn-hangzhou-b", CidrBlock: "192.168.1.0/24"}); err != nil {
						t.Fatal(err)
					}
					clock.Advance(4 * time.Second)
					_, err = client.CreateVSwitch.Call(ctx, c, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: out.VpcId, ZoneId: "cn-hangzhou-b", CidrBlock: "192.168.1.128/25"})
					if client.ErrorCode(err) != "InvalidCidrBlock.Overlapped" {
						t.Errorf("overlap: %v", err)
					}
					// Deleting a VPC with a VSwitch fails with its DependencyViolation code.
					_, err = client.DeleteVpc.Call(ctx, c, &client.DeleteVpcInput{RegionId: "cn-hangzhou", VpcId: out.VpcId})
					if client.ErrorCode(err) != "DependencyViolation.VSwitch" {
						t.Errorf("delete with VSwitch: %v", err)
					}
					// A wrong secret gets SignatureDoesNotMatch and never shows the secret.
					bad := newClient(t, hs.URL, func(cfg *client.Config) {
						cfg.Signature, cfg.Method = sig, method
						cfg.Credentials = client.StaticCredentials(sim.DefaultAccessKeyID, "not-the-secret", "")
					})
					_, err = client.DescribeVpcs.Call(ctx, bad, &client.DescribeVpcsInput{RegionId: "cn-hangzhou"})
					if client.ErrorCode(err) != "SignatureDoesNotMatch" {
						t.Errorf("wrong secret: %v", err)
					}
				})
			}
		}
	}
}

// Under 30% throttling, 20% failures and 20% dropped writes, a full listing
// returns every row the simulator holds exactly once, and creates happen
// exactly once.
func TestClientRecoversFromFaults(t *testing.T) {
	ctx := context.Background()
	faulty, srv := newServer(t, sim.Options{Dataset: sim.DatasetLarge, Seed: 9, Throttle: 0.3, Fail: 0.2, Drop: 0.2})
	want := srv.VSwitchIDs(listedRegions...)
	c := newClient(t, faulty.URL, func(cfg *client.Config) { cfg.MaxAttempts = 30 })
	got := listVSwitches(t, c)
	if len(got) != len(want) || len(want) < 500 {
		t.Fatalf("under faults: %d VSwitches, without: %d", len(got), len(want))
	}
	for id := range want {
		if got[id] != 1 {
			t.Fatalf("%s seen %d times under faults", id, got[id])
		}
	}
	counts := srv.Counts()
	if counts["DescribeVSwitches"] <= len(want)/50 {
		t.Errorf("faults should have forced retries; %d calls", counts["DescribeVSwitches"])
	}
	// Writes: every create sends one ClientToken on every attempt, so a
	// dropped answer never makes a second VPC.
	for i := 0; i < 12; i++ {
		name := fmt.Sprintf("exactly-once-%02d", i)
		if _, err := client.CreateVpc.Call(ctx, c, &client.CreateVpcInput{RegionId: "cn-shanghai", CidrBlock: "10.0.0.0/16", VpcName: name}); err != nil {
			t.Fatalf("create %s under faults: %v", name, err)
		}
		vpcs, err := client.DescribeVpcs.Call(ctx, c, &client.DescribeVpcsInput{RegionId: "cn-shanghai", VpcName: name})
		if err != nil {
			t.Fatal(err)
		}
		if len(vpcs) != 1 {
			t.Errorf("%s exists %d times", name, len(vpcs))
		}
	}
	if srv.Counts()["CreateVpc"] <= 12 {
		t.Log("no CreateVpc needed a retry with this seed")
	}
}

// listedRegions are the regions listVSwitches lists.
var listedRegions = []string{"cn-hangzhou", "cn-shanghai"}

func listVSwitches(t *testing.T, c *client.Client) map[string]int {
	t.Helper()
	out := map[string]int{}
	k := model.Default().MustLookup("vsw")
	for _, region := range listedRegions {
		err := c.ListObjects(context.Background(), k, region, nil, func(objs []*model.Object, _ client.Page) error {
			for _, o := range objs {
				out[o.ID]++
			}
			return nil
		})
		if err != nil {
			t.Fatalf("listing %s: %v", region, err)
		}
	}
	return out
}

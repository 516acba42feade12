package ui

import (
	"context"
	"fmt"
	"net/http/httptest"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// largeClient serves the large dataset (with a round trip of rtt) and
// returns a client of it.
func largeClient(b *testing.B, rtt time.Duration) *client.Client {
	b.Helper()
	srv, err := sim.New(sim.Options{Dataset: sim.DatasetLarge, Seed: 1, Latency: rtt})
	noErr(b, err)
	hs := httptest.NewServer(srv)
	b.Cleanup(func() { hs.Close(); srv.Close() })
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: hs.URL},
	})
	noErr(b, err)
	return c
}

// biggestVPC is the VPC of cn-hangzhou with the most VSwitches.
func biggestVPC(b *testing.B, c *client.Client) *model.Object {
	b.Helper()
	vpcs, err := listVPCs(context.Background(), c, model.Default(), "cn-hangzhou", "")
	if err != nil || len(vpcs) == 0 {
		b.Fatalf("no VPCs: %v", err)
	}
	best, n := vpcs[0], -1
	for _, o := range vpcs {
		if k := len(o.Val().(*model.Vpc).VSwitchIds.VSwitchId); k > n {
			best, n = o, k
		}
	}
	return best
}

// BenchmarkXrayVPC reads and builds the tree of the largest VPC of the
// large dataset: the calls are bounded by what the VPC holds (one listing
// per kind under the VPC, one per NAT/VPN/IPv6 gateway and kind, one per
// customer gateway), never by the region or the account.
//
//	go test ./ui -run '^$' -bench XrayVPC -benchtime 20x
func BenchmarkXrayVPC(b *testing.B) {
	for _, rtt := range []time.Duration{0, 20 * time.Millisecond} {
		b.Run(fmt.Sprintf("rtt=%s", rtt), func(b *testing.B) {
			c := largeClient(b, rtt)
			vpc := biggestVPC(b, c)
			reg := model.Default()
			var d *vpcData
			var root *xnode
			for b.Loop() {
				d = loadVPC(context.Background(), c, reg, vpc)
				root = buildVPC(d)
			}
			if d.err != nil {
				b.Fatal(d.err)
			}
			b.ReportMetric(float64(d.calls), "calls/op")
			b.ReportMetric(float64(len(xindex([]*xnode{root}))), "nodes")
		})
	}
}

// BenchmarkXrayKeys moves the cursor and draws a 120x40 frame on a tree of
// every VPC of a large region opened whole: the flattened list makes a
// key cost the lines on screen, not the tree.
//
//	go test ./ui -run '^$' -bench XrayKeys -benchtime 2000x
func BenchmarkXrayKeys(b *testing.B) {
	c := largeClient(b, 0)
	vpc := biggestVPC(b, c)
	d := loadVPC(context.Background(), c, model.Default(), vpc)
	a, err := New(Options{Client: c, Region: "cn-hangzhou", Simulator: true})
	noErr(b, err)
	defer a.Close()
	p := newXrayPage(a, "cn-hangzhou", "")
	for i := range 200 { // 200 copies of the largest VPC: a region opened whole
		cp := *d
		v := *vpc
		v.ID = fmt.Sprintf("%s-%03d", vpc.ID, i)
		cp.vpc = &v
		cp.under = map[string][]*model.Object{rowKey(&v): d.under[rowKey(vpc)]}
		for k, objs := range d.under {
			if k != rowKey(vpc) {
				cp.under[k] = objs
			}
		}
		p.roots = append(p.roots, buildVPC(&cp))
	}
	p.byKey = xindex(p.roots)
	for k, n := range p.byKey {
		if len(n.kids) > 0 {
			p.open[k] = true
		}
	}
	p.rebuild()
	p.lastLoad = time.Now()
	a.pages = []Page{p}
	a.Update(tea.WindowSizeMsg{Width: 120, Height: 40})
	lat := newOpTimer()
	down, home := key(tea.KeyDown, ""), key(tea.KeyHome, "")
	for b.Loop() {
		msg := tea.Msg(down)
		if p.cur >= len(p.vis)-1 {
			msg = home
		}
		t0 := time.Now()
		frame(a, msg)
		lat.add(time.Since(t0))
	}
	if p.cur == 0 && b.N > 1 {
		b.Fatal("the cursor did not move")
	}
	b.ReportMetric(float64(len(p.vis)), "lines")
	lat.report(b)
}

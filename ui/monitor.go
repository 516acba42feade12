package ui

import (
	"context"
	"fmt"
	"sync"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Traffic in the console: the EIP pane's "Out 1h" sparkline, filled in for
// the rows on screen only (a pane of 10,000 EIPs asks for the 30 it shows),
// off the UI goroutine and at most once a minute per row; and in/out
// bandwidth and packet charts of the last hour on an address's describe
// page. The data are DescribeEipMonitorData's (seed 003 §21.2) and
// DescribeBandwidthPackagePublicIpMonitorData's (§21.1).

const (
	sparkWidth = 10
	sparkTTL   = time.Minute
	sparkBatch = 12 // rows asked for per round
)

// trafficSource reads an address's last hour, one point a minute.
type trafficSource func(ctx context.Context, c *client.Client, o *model.Object, now time.Time) ([]model.MonitorPoint, error)

// trafficSources are the kinds with traffic, by kind name. A family adds
// its addresses here (a NAT bandwidth package's IPs).
var trafficSources = map[string]trafficSource{
	"eip": func(ctx context.Context, c *client.Client, o *model.Object, now time.Time) ([]model.MonitorPoint, error) {
		return c.DescribeEipMonitorData(ctx, client.LastHour(o.Region, o.ID, now))
	},
}

// series is one measure of the points, per second: f gives the point's
// value over its period.
func series(pts []model.MonitorPoint, f func(model.MonitorPoint) float64) []float64 {
	out := make([]float64, len(pts))
	for i, p := range pts {
		out[i] = f(p)
	}
	return out
}

func outBits(p model.MonitorPoint) float64 { return float64(p.EipTX) * 8 / 60 }
func inBits(p model.MonitorPoint) float64  { return float64(p.EipRX) * 8 / 60 }
func packets(p model.MonitorPoint) float64 { return float64(p.EipPackets) / 60 }

type sparksMsg struct {
	id     int
	sparks map[string]string
	at     time.Time
}

func (m sparksMsg) pageID() int { return m.id }

// sparkState is a pane's sparkline bookkeeping.
type sparkState struct {
	at   map[string]time.Time // when each row's sparkline was read
	busy bool
}

// sparkCmd asks for the sparklines of the rows on screen that have none
// or an old one. It costs a look at the rows drawn, whatever the pane
// holds.
func (b *browser) sparkCmd(a *App) tea.Cmd {
	src := trafficSources[b.kind.Name]
	if src == nil || b.spark.busy || a.opt.Client == nil || !b.table.HasSpark() {
		return nil
	}
	now := a.now()
	// Before the first frame the screen shows at most its height less the
	// header, title, column header and footer.
	win := b.table.Window(a.height - 4)
	var objs []*model.Object
	for _, r := range win {
		if at, ok := b.spark.at[r.Key]; ok && now.Sub(at) < sparkTTL {
			continue
		}
		objs = append(objs, r.Obj)
		if len(objs) == sparkBatch {
			break
		}
	}
	if len(objs) == 0 {
		return nil
	}
	b.spark.busy = true
	id, ctx, c := b.id, a.ctx, a.opt.Client
	return func() tea.Msg {
		out := make(map[string]string, len(objs))
		var mu sync.Mutex
		var wg sync.WaitGroup
		for _, o := range objs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				cell := "?" // unreadable now; asked again in a minute
				if pts, err := src(ctx, c, o, now); err == nil {
					cell = sparkline(series(pts, outBits), sparkWidth)
				}
				mu.Lock()
				out[rowKey(o)] = cell
				mu.Unlock()
			}()
		}
		wg.Wait()
		return sparksMsg{id: id, sparks: out, at: now}
	}
}

func (b *browser) applySparks(m sparksMsg) {
	b.spark.busy = false
	if b.spark.at == nil {
		b.spark.at = map[string]time.Time{}
	}
	for k, s := range m.sparks {
		b.table.SetSpark(k, s)
		b.spark.at[k] = m.at
	}
}

// ---- charts on the describe page ----

type trafficMsg struct {
	id  int
	pts []model.MonitorPoint
	err error
}

func (m trafficMsg) pageID() int { return m.id }

// trafficCmd reads the last hour for a describe page of an address.
func (d *describePage) trafficCmd(a *App) tea.Cmd {
	src := trafficSources[d.obj.Kind.Name]
	if src == nil || a.opt.Client == nil || d.doc != nil {
		return nil
	}
	id, ctx, c, o, now := d.id, a.ctx, a.opt.Client, d.obj, a.now()
	return func() tea.Msg {
		pts, err := src(ctx, c, o, now)
		return trafficMsg{id: id, pts: pts, err: err}
	}
}

// trafficLines are the charts for width w, above the JSON document.
func trafficLines(pts []model.MonitorPoint, err error, w int) []string {
	if err != nil {
		return []string{"Traffic, last hour: " + serverLine(err.Error()), ""}
	}
	if len(pts) == 0 {
		return []string{"Traffic, last hour: no data points", ""}
	}
	x := [3]string{"-60m", "-30m", "now"}
	w = min(w, 100)
	var out []string
	peak := maxOf
	o, i, p := series(pts, outBits), series(pts, inBits), series(pts, packets)
	out = append(out, barChart(fmt.Sprintf("Out (sent), bits per second — peak %s", bitRate(peak(o))), o, bitRate, x, w, 5)...)
	out = append(out, "")
	out = append(out, barChart(fmt.Sprintf("In (received), bits per second — peak %s", bitRate(peak(i))), i, bitRate, x, w, 5)...)
	out = append(out, "")
	out = append(out, barChart(fmt.Sprintf("Packets per second, in and out — peak %s", packetRate(peak(p))), p, packetRate, x, w, 4)...)
	out = append(out, "Drops: not reported (the API gives bytes and packets only).", "")
	return out
}

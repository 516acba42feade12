package ui

import (
	"fmt"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The EIP pane's "Out 1h" column fills in for the rows on screen only: a
// bound EIP shows its traffic, an unbound one a flat line, and the pane
// asks DescribeEipMonitorData once per row drawn, not per EIP held.
func TestEipSparklinesForTheRowsOnScreen(t *testing.T) {
	d := sizedConsole(t, 160, 12)
	for i := range 6 { // more EIPs than the 12-line screen shows
		if _, err := client.AllocateEipAddress.Call(d.ctx, d.api(), &client.AllocateEipAddressInput{RegionId: "cn-hangzhou", Name: fmt.Sprintf("spare-%d", i)}); err != nil {
			t.Fatal(err)
		}
	}
	all, err := client.DescribeEipAddresses.Call(d.ctx, d.api(), &client.DescribeEipAddressesInput{RegionId: "cn-hangzhou"})
	noErr(t, err)
	mark := len(d.fault.actions())
	d.pane("eip")
	b := d.browser()
	shown := 0
	d.waitFor("sparklines for every row drawn", func() bool {
		d.screen() // a frame: the rows drawn are the window
		win := b.table.Window(40)
		shown = len(win)
		for _, r := range win {
			if b.table.sparks[r.Key] == "" {
				return false
			}
		}
		return shown > 0
	})
	if shown >= len(all) {
		t.Fatalf("the window shows %d of %d EIPs (height %d): the test needs more EIPs than rows", shown, len(all), b.table.height)
	}
	// Before the first frame the pane guesses the rows it will draw from
	// the window's height; it never asks for every EIP it holds.
	if n := countAction(d.sentSince(mark), "DescribeEipMonitorData"); n < shown || n >= len(all) {
		t.Errorf("DescribeEipMonitorData sent %d times for %d rows drawn (%d EIPs held)", n, shown, len(all))
	}
	sawTraffic, sawFlat := false, false
	for _, r := range b.table.Window(40) {
		e := r.Obj.Val().(*model.EipAddress)
		s := b.table.sparks[r.Key]
		flat := strings.Trim(s, "▁") == ""
		switch {
		case e.InstanceId != "" && !flat:
			sawTraffic = true
		case e.InstanceId == "" && flat:
			sawFlat = true
		case e.InstanceId != "":
			t.Errorf("bound EIP %s shows no traffic: %q", e.AllocationId, s)
		default:
			t.Errorf("unbound EIP %s shows traffic: %q", e.AllocationId, s)
		}
	}
	if !sawTraffic {
		t.Error("no bound EIP on screen showed traffic")
	}
	if !sawFlat {
		t.Error("no unbound EIP on screen showed a flat line")
	}
	d.waitText("OUT 1H")

	// Narrower, the column does not fit and nothing more is asked for.
	d.resize(120, 12)
	d.screen()
	mark = len(d.fault.actions())
	d.keys("G")
	d.screen()
	d.keys("g")
	d.idle()
	if n := countAction(d.sentSince(mark), "DescribeEipMonitorData"); n != 0 {
		t.Errorf("with the column off screen the pane still asked %d times", n)
	}
	d.resize(160, 12)

	// Moving down to rows not seen yet asks for those, and only those.
	mark = len(d.fault.actions())
	d.keys("G")
	d.waitFor("sparklines for the rows now drawn", func() bool {
		d.screen()
		for _, r := range b.table.Window(40) {
			if b.table.sparks[r.Key] == "" {
				return false
			}
		}
		return true
	})
	if n := countAction(d.sentSince(mark), "DescribeEipMonitorData"); n == 0 || n > shown {
		t.Errorf("scrolling to the end asked %d times for a window of %d", n, shown)
	}
}

// Describe of a bound EIP charts its last hour: out and in in bits per
// second and packets, with axes, units and time labels, at 80 columns.
func TestEipDescribeChartsTheLastHour(t *testing.T) {
	d := sizedConsole(t, 80, 40)
	d.pane("eip")
	o := d.rowWhere("a bound EIP", func(o *model.Object) bool { return o.Val().(*model.EipAddress).InstanceId != "" })
	d.keys("d")
	s := d.waitText("Out (sent), bits per second", "In (received), bits per second", "Packets per second", "-60m", "now", "bit/s ┤")
	for _, l := range strings.Split(s, "\n") {
		if w := len([]rune(l)); w > 80 {
			t.Errorf("a line of %d columns at 80: %q", w, l)
		}
	}
	if !strings.Contains(s, `"AllocationId": "`+o.ID+`"`) {
		t.Errorf("the API's document of %s should follow the charts:\n%s", o.ID, s)
	}
}

// x → Traffic of an IP on a NAT bandwidth package charts that IP's last
// hour from DescribeBandwidthPackagePublicIpMonitorData.
func TestNatBandwidthPackageIpTraffic(t *testing.T) {
	d := sizedConsole(t, 100, 45)
	d.pane("natbwp")
	o := d.rowWhere("a package with an IP in use", func(o *model.Object) bool {
		for _, ip := range o.Val().(*model.NatBandwidthPackage).IPs() {
			if ip.UsingStatus != "" && ip.UsingStatus != "Idle" {
				return true
			}
		}
		return false
	})
	var ip model.NatBwpIP
	for _, x := range o.Val().(*model.NatBandwidthPackage).IPs() {
		if x.UsingStatus != "" && x.UsingStatus != "Idle" {
			ip = x
		}
	}
	mark := len(d.fault.actions())
	d.action("Traffic of " + ip.IpAddress)
	s := d.waitText("Traffic of "+ip.IpAddress, "Out (sent), bits per second", "-60m", `"MonitorData"`)
	if strings.Contains(s, "Out (sent), bits per second — peak 0 bit/s") {
		t.Errorf("an IP in use shows no traffic:\n%s", s)
	}
	if n := countAction(d.sentSince(mark), "DescribeBandwidthPackagePublicIpMonitorData"); n != 1 {
		t.Errorf("DescribeBandwidthPackagePublicIpMonitorData sent %d times, want 1", n)
	}
}

// The charts as a person sees them, at 120x40 and 80x24, without colour
// (the driver runs with NO_COLOR): plain block characters, axes, units.
func TestEipChartGoldens(t *testing.T) {
	for _, sz := range []struct{ w, h int }{{120, 40}, {80, 24}} {
		d := sizedConsole(t, sz.w, sz.h)
		d.pane("eip")
		d.rowNamed("prod-core-egress-1")
		d.keys("d")
		d.waitText("Out (sent), bits per second")
		if colourSGR.MatchString(d.raw()) {
			t.Error("NO_COLOR charts contain colour sequences")
		}
		d.golden(fmt.Sprintf("chart_eip_%dx%d", sz.w, sz.h))
	}
}

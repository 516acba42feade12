package ui

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestSparklineScalesToItsPeakAndFitsItsWidth(t *testing.T) {
	if got := sparkline([]float64{0, 1, 2, 3, 4, 5, 6, 7}, 8); got != "▁▂▃▄▅▆▇█" {
		t.Errorf("a ramp gave %q", got)
	}
	if got := sparkline([]float64{0, 0, 0}, 3); got != "▁▁▁" {
		t.Errorf("no traffic gave %q", got)
	}
	if got := sparkline([]float64{100, 101, 100, 102}, 4); got != "▅▅▅▅" {
		t.Errorf("steady traffic gave %q", got)
	}
	if got := sparkline([]float64{50, 60, 70, 80, 90, 100, 110, 120}, 8); got != "▁▂▃▄▅▆▇█" {
		t.Errorf("a ramp above zero gave %q", got)
	}
	// 60 points in 10 cells: each cell is its bucket's peak, so the one
	// busy minute shows.
	vs := make([]float64, 60)
	vs[33] = 9
	got := sparkline(vs, 10)
	if utf8.RuneCountInString(got) != 10 || strings.Count(got, "█") != 1 || []rune(got)[5] != '█' {
		t.Errorf("a single peak in 60 points gave %q", got)
	}
}

func TestBarChartHasAxesUnitsAndFits(t *testing.T) {
	vs := []float64{0, 2e6, 4e6, 8e6, 4e6, 2e6}
	lines := barChart("Out", vs, bitRate, [3]string{"-60m", "-30m", "now"}, 40, 4)
	want := []string{
		"Out",
		"8 Mbit/s ┤   █  ",
		"         ┤   █  ",
		"4 Mbit/s ┤  ███ ",
		" 0 bit/s ┤ █████",
		"         └──────",
		"             now",
	}
	if strings.Join(lines, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(lines, "\n"), strings.Join(want, "\n"))
	}
	wide := barChart("Out", []float64{1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, packetRate, [3]string{"-60m", "-30m", "now"}, 40, 2)
	if last := wide[len(wide)-1]; last != "          -60m  -30m   now" {
		t.Errorf("x labels of 16 columns: %q", last)
	}
	long := make([]float64, 60)
	for i := range long {
		long[i] = float64(i)
	}
	for _, w := range []int{80, 60, 30} {
		for _, l := range barChart("In", long, packetRate, [3]string{"-60m", "-30m", "now"}, w, 6) {
			if n := utf8.RuneCountInString(l); n > w {
				t.Errorf("width %d: a line of %d: %q", w, n, l)
			}
		}
	}
	if siUnit(1500, "bit/s") != "1.5 kbit/s" || siUnit(2.5e9, "bit/s") != "2.5 Gbit/s" || siUnit(0, "pkt/s") != "0 pkt/s" {
		t.Error("units")
	}
}

package ui

import (
	"fmt"
	"math"
	"strings"
	"unicode/utf8"
)

// Charts of a series drawn with Unicode block elements: a one-line
// sparkline for a table cell and a bar chart with axes and units for the
// describe page. Plain characters, so they read the same with NO_COLOR.

var blocks = []rune(" ▁▂▃▄▅▆▇█")

// resample fits vs into at most w columns, each the largest value of its
// bucket (a peak must not vanish by averaging).
func resample(vs []float64, w int) []float64 {
	if w <= 0 || len(vs) <= w {
		return vs
	}
	out := make([]float64, w)
	for i := range out {
		lo, hi := i*len(vs)/w, (i+1)*len(vs)/w
		m := 0.0
		for _, v := range vs[lo:max(hi, lo+1)] {
			m = math.Max(m, v)
		}
		out[i] = m
	}
	return out
}

func maxOf(vs []float64) float64 {
	m := 0.0
	for _, v := range vs {
		m = math.Max(m, v)
	}
	return m
}

// sparkline renders vs in w cells between its lowest and highest value,
// so the shape of the last hour shows; no traffic is a low flat line and a
// steady one (within 5% of its peak) a middle one.
func sparkline(vs []float64, w int) string {
	vs = resample(vs, w)
	top := maxOf(vs)
	low := top
	for _, v := range vs {
		low = math.Min(low, v)
	}
	var b strings.Builder
	for _, v := range vs {
		i := 1
		switch {
		case top <= 0:
		case top-low < 0.05*top:
			i = 5
		default:
			i = 1 + int(math.Round((v-low)/(top-low)*7))
		}
		b.WriteRune(blocks[i])
	}
	return b.String()
}

// barChart draws vs as h rows of bars under a title, with the peak, half
// and zero on the y axis (in unit) and the first, middle and last x labels
// under it. It fits w columns.
func barChart(title string, vs []float64, unit func(float64) string, xLabels [3]string, w, h int) []string {
	top := maxOf(vs)
	labels := []string{unit(top), unit(top / 2), unit(0)}
	lw := 0
	for _, l := range labels {
		lw = max(lw, utf8.RuneCountInString(l))
	}
	plot := resample(vs, max(w-lw-2, 1))
	out := []string{title}
	for r := range h {
		label := ""
		switch r {
		case 0:
			label = labels[0]
		case h / 2:
			if h >= 3 {
				label = labels[1]
			}
		case h - 1:
			label = labels[2]
		}
		var b strings.Builder
		b.WriteString(strings.Repeat(" ", lw-utf8.RuneCountInString(label)) + label + " ┤")
		level := (h - 1 - r) * 8
		for _, v := range plot {
			eighths := 0
			if top > 0 {
				eighths = int(math.Round(v / top * float64(h*8)))
			}
			b.WriteRune(blocks[min(max(eighths-level, 0), 8)])
		}
		out = append(out, b.String())
	}
	axis := strings.Repeat(" ", lw+1) + "└" + strings.Repeat("─", len(plot))
	out = append(out, axis)
	n := len(plot)
	x := []rune(strings.Repeat(" ", lw+2+n))
	put := func(at int, s string) {
		for i, r := range []rune(s) {
			if at+i >= 0 && at+i < len(x) {
				x[at+i] = r
			}
		}
	}
	l0, l1, l2 := utf8.RuneCountInString(xLabels[0]), utf8.RuneCountInString(xLabels[1]), utf8.RuneCountInString(xLabels[2])
	// Labels that would run into each other are left out, the middle one
	// first.
	if n >= l0+l2+1 {
		put(lw+2, xLabels[0])
	}
	if n >= l0+l1+l2+4 {
		put(lw+2+n/2-l1/2, xLabels[1])
	}
	put(lw+2+n-l2, xLabels[2])
	out = append(out, strings.TrimRight(string(x), " "))
	return out
}

// bitRate formats bits per second with a binary-free SI prefix.
func bitRate(v float64) string { return siUnit(v, "bit/s") }

// packetRate formats packets per second.
func packetRate(v float64) string { return siUnit(v, "pkt/s") }

func siUnit(v float64, unit string) string {
	switch {
	case v >= 1e9:
		return trimFloat(v/1e9) + " G" + unit
	case v >= 1e6:
		return trimFloat(v/1e6) + " M" + unit
	case v >= 1e3:
		return trimFloat(v/1e3) + " k" + unit
	}
	return trimFloat(v) + " " + unit
}

func trimFloat(v float64) string {
	if v >= 100 || v == math.Trunc(v) {
		return fmt.Sprintf("%.0f", v)
	}
	return fmt.Sprintf("%.1f", v)
}

package ui

import "github.com/charmbracelet/x/ansi"

// visibleWidth is the width in cells of a styled string.
func visibleWidth(s string) int { return ansi.StringWidth(s) }

// wrapTo wraps a (possibly styled) line to w cells, at spaces where it can.
func wrapTo(s string, w int) string {
	if w <= 0 || visibleWidth(s) <= w {
		return s
	}
	return ansi.Wrap(s, w, " ")
}

package ui

import "github.com/charmbracelet/x/ansi"

// visibleWidth is the width in cells of a styled string.
func visibleWidth(s string) int { return ansi.StringWidth(s) }

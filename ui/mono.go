package ui

import (
	"github.com/charmbracelet/colorprofile"

	"github.com/alivpc/alivpc/theme"
)

// colorProfile takes the terminal's colour profile (bubbletea sends it at
// start): on a terminal without colour (a monochrome TERM, NO_COLOR in
// the environment, output that is no terminal) the console switches to
// its NO_COLOR styles, so focus and selection show by marker and reverse
// video rather than by a background colour the terminal drops.
func (a *App) colorProfile(p colorprofile.Profile) {
	if a.opt.NoColor || p == colorprofile.Unknown || p > colorprofile.ASCII {
		return
	}
	a.opt.NoColor = true
	a.st = theme.New(a.st.Skin, true)
}

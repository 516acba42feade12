package ui

import (
	"encoding/base64"
	"os"

	tea "charm.land/bubbletea/v2"
)

// copyToClipboard sets the terminal's clipboard with OSC 52, which travels
// through ssh to the user's own terminal. Inside tmux the plain sequence
// reaches tmux's buffer when set-clipboard is on; the wrapped passthrough
// form also reaches the outer terminal when allow-passthrough is on.
func copyToClipboard(s string) tea.Cmd {
	cmds := []tea.Cmd{tea.SetClipboard(s)}
	if os.Getenv("TMUX") != "" {
		seq := "\x1b]52;c;" + base64.StdEncoding.EncodeToString([]byte(s)) + "\x07"
		cmds = append(cmds, tea.Raw("\x1bPtmux;\x1b"+seq+"\x1b\\"))
	}
	return tea.Batch(cmds...)
}

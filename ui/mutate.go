package ui

import (
	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/model"
)

// mutate opens the form or dialog behind a change key (c, e, ctrl+d, x).
func (a *App) mutate(b *browser, act Action) tea.Cmd {
	if a.opt.ReadOnly {
		return a.flashError("Read-only mode: changes are disabled for this run.")
	}
	return a.flashError("Changes for " + b.kind.Title + " are not available yet.")
}

// canCreate reports whether the console has a create form for k.
func canCreate(k *model.Kind) bool { return false }

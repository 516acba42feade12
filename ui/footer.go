package ui

import (
	bhelp "charm.land/bubbles/v2/help"
	bkey "charm.land/bubbles/v2/key"
	"github.com/alivpc/alivpc/ui/forms"
	"github.com/charmbracelet/x/ansi"
)

// The footer: the keys that work on the page you are on, as bubbles
// key.Bindings drawn by bubbles' help. A pane offers only what its kind
// has (no create or delete on Regions; x only where there are actions);
// pages with keys of their own (forms, describe, dialogs) list theirs.
// The last two (help and quit, or a page's own last key) are kept however
// narrow the window: what does not fit is dropped from the middle.

// binding is a footer entry for an action as currently bound (rebinding
// shows; an action with no key, e.g. in read-only mode, is disabled).
func (km KeyMap) binding(act Action, label string) bkey.Binding {
	keys := km.Keys(act)
	if len(keys) == 0 {
		return bkey.NewBinding(bkey.WithDisabled())
	}
	return bkey.NewBinding(bkey.WithKeys(keys...), bkey.WithHelp("<"+keys[0]+">", label))
}

// hintBindings turns a page's own (key, label) hints into bindings.
func hintBindings(hints [][2]string) []bkey.Binding {
	out := make([]bkey.Binding, 0, len(hints))
	for _, h := range hints {
		out = append(out, bkey.NewBinding(bkey.WithKeys(h[0]), bkey.WithHelp("<"+h[0]+">", h[1])))
	}
	return out
}

// footerBindings are the keys of what has focus.
func (a *App) footerBindings() (list []bkey.Binding, keep int) {
	switch {
	case a.prompt != nil:
		return hintBindings([][2]string{{"enter", "run"}, {"tab", "complete"}, {"↑↓", "history"}, {"esc", "cancel"}}), 1
	case a.menu != nil:
		return hintBindings([][2]string{{"↑↓", "move"}, {"1-9", "choose"}, {"enter", "open"}, {"esc", "cancel"}}), 1
	}
	if hp, ok := a.top().(hintPage); ok {
		return hintBindings(hp.Hints()), 1
	}
	km := a.keys
	list = []bkey.Binding{km.binding(ActCommand, "cmd"), km.binding(ActFilter, "filter")}
	b, _ := a.top().(*browser)
	if b == nil {
		return append(list, km.binding(ActHelp, "help"), km.binding(ActQuit, "quit")), 2
	}
	k := b.kind
	if b.filterEditing {
		return hintBindings([][2]string{{"enter", "keep filter"}, {"↑↓", "move"}, {"esc", "clear"}}), 1
	}
	sel := b.table.Selected()
	if sel != nil && k.IsUnion() {
		k = sel.Obj.Kind
	}
	if len(a.reg.Children(k.Name)) > 0 || k.Name == "region" {
		list = append(list, km.binding(ActOpen, "open"))
	}
	list = append(list, km.binding(ActDescribe, "describe"), km.binding(ActCopy, "copy"))
	ops := forms.OpsFor(k)
	changes := a.changesRefused() == ""
	if !changes {
		// A snapshot changes nothing: its change keys only explain that.
		ops = forms.KindOps{}
	}
	if ops.Create != nil || (b.kind.IsUnion() && changes) {
		list = append(list, km.binding(ActCreate, "create"))
	}
	if ops.Edit != nil {
		list = append(list, km.binding(ActEdit, "edit"))
	}
	if ops.Del != nil {
		list = append(list, km.binding(ActDelete, "delete"))
	}
	if ops.Actions != nil {
		list = append(list, km.binding(ActActions, "actions"))
	}
	list = append(list, km.binding(ActTray, "activity"), km.binding(ActHelp, "help"), km.binding(ActQuit, "quit"))
	return list, 2
}

// footerLine draws the footer in w cells.
func (a *App) footerLine(w int) string {
	list, keep := a.footerBindings()
	var on []bkey.Binding
	for _, b := range list {
		if b.Enabled() {
			on = append(on, b)
		}
	}
	h := bhelp.New()
	h.ShortSeparator = "  "
	h.Styles.ShortKey = a.st.Key
	h.Styles.ShortDesc = a.st.Dim
	h.Styles.ShortSeparator = a.st.Dim
	h.Styles.Ellipsis = a.st.Dim
	keep = min(keep, len(on))
	// Drop the last of the others until it fits, keeping the page's
	// essential last `keep` entries (help and quit on a pane).
	for len(on) > keep && visibleWidth(h.ShortHelpView(on)) > w {
		cut := len(on) - keep - 1
		on = append(on[:cut], on[cut+1:]...)
	}
	return fitWidth(h.ShortHelpView(on), w)
}

// fitWidth cuts a line to w cells.
func fitWidth(s string, w int) string {
	if visibleWidth(s) <= w {
		return s
	}
	return ansi.Truncate(s, w, "")
}

package ui

import (
	bkey "charm.land/bubbles/v2/key"
	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
	"charm.land/lipgloss/v2"
)

// newLineInput is the one-line text field of the console's own lines: the
// `:` prompt, the filter line, describe search and typed confirmations.
// It is bubbles' textinput with a steady cursor (a blinking one would send
// timer messages through the page stack) drawn in reverse video, so it shows
// without colour, and no clipboard key: a terminal paste arrives as a
// bracketed paste (tea.PasteMsg), never as a read of the local clipboard.
func newLineInput(a *App, prompt string) textinput.Model {
	ti := textinput.New()
	ti.Prompt = prompt
	st := ti.Styles()
	st.Cursor.Blink = false
	plain := lipgloss.NewStyle()
	st.Focused.Prompt, st.Blurred.Prompt = a.st.Accent, a.st.Accent
	st.Focused.Text, st.Blurred.Text = plain, plain
	st.Focused.Placeholder, st.Blurred.Placeholder = a.st.Dim, a.st.Dim
	st.Focused.Suggestion, st.Blurred.Suggestion = a.st.Dim, a.st.Dim
	if a.opt.NoColor {
		st.Cursor.Color = nil
	}
	ti.SetStyles(st)
	ti.KeyMap.Paste = bkey.NewBinding(bkey.WithDisabled())
	// Tab is the console's completion; the suggestion keys stay off.
	ti.KeyMap.AcceptSuggestion = bkey.NewBinding(bkey.WithDisabled())
	ti.KeyMap.NextSuggestion = bkey.NewBinding(bkey.WithDisabled())
	ti.KeyMap.PrevSuggestion = bkey.NewBinding(bkey.WithDisabled())
	ti.Focus()
	return ti
}

// editLine applies a key or a paste to a line input (synchronously: its
// only commands are the cursor's, which is steady).
func editLine(ti *textinput.Model, msg tea.Msg) {
	if p, ok := msg.(tea.PasteMsg); ok {
		// One line: a pasted newline is a space, not an Enter.
		msg = tea.PasteMsg{Content: oneLine(p.Content)}
	}
	*ti, _ = ti.Update(msg)
}

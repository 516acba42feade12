package ui

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/alivpc/alivpc/ui/forms"

	"charm.land/bubbles/v2/textinput"
	tea "charm.land/bubbletea/v2"
)

// A document viewer: the describe page showing what a show action read
// (an IPsec connection's configuration), secrets masked on screen, and
// `s` to save the document as it came — secrets included — to a file only
// its owner can read (mode 0600, never overwriting one that exists).

type docState struct {
	loading bool
	file    string // the name offered when saving
	raw     []byte // the API's document, indented, secrets included

	saving bool // the file-name prompt is open
	input  textinput.Model
	saved  string // where it was last saved
	err    string // why the last save failed
}

type docLoadedMsg struct {
	id  int
	doc *forms.Document
	err error
}

func (m docLoadedMsg) pageID() int { return m.id }

type docSavedMsg struct {
	id   int
	path string
	err  error
}

func (m docSavedMsg) pageID() int { return m.id }

// openDocument pushes the viewer at once (loading) and reads the document
// off the UI goroutine.
func (a *App) openDocument(label string, show func(context.Context, *forms.FormCtx) (*forms.Document, error), fc *forms.FormCtx) tea.Cmd {
	if fc.Target == nil {
		return a.flashError("Select a row first.")
	}
	d := newDescribePage(a, fc.Target)
	d.lines = []string{"reading " + strings.ToLower(label) + " of " + fc.Target.ID + " …"}
	d.setTitle(a, label+" "+fc.Target.ID)
	d.crumb = strings.ToLower(label) + " " + fc.Target.ID
	d.doc = &docState{loading: true, input: newLineInput(a, "save to: ")}
	id, ctx := d.id, a.ctx
	return tea.Batch(a.push(d), func() tea.Msg {
		doc, err := show(ctx, fc)
		return docLoadedMsg{id: id, doc: doc, err: err}
	})
}

func (s *docState) hints() [][2]string {
	if s.saving {
		return [][2]string{{"enter", "save"}, {"esc", "cancel"}}
	}
	return [][2]string{{"s", "save to a file (0600)"}, {"/", "search"}, {"↑↓ pgup pgdn", "scroll"}, {"esc", "back"}}
}

func (s *docState) update(a *App, d *describePage, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case docLoadedMsg:
		s.loading = false
		if m.err != nil {
			d.lines = errorLines(m.err, "esc goes back; x opens it again")
			d.ready = false
			return a.flashError("Could not read it: " + serverLine(m.err.Error()))
		}
		var buf bytes.Buffer
		if err := json.Indent(&buf, m.doc.Raw, "", "  "); err != nil {
			buf.Reset()
			buf.Write(m.doc.Raw)
		}
		buf.WriteByte('\n')
		s.raw, s.file = buf.Bytes(), m.doc.File
		d.lines = strings.Split(prettyJSON(m.doc.Raw), "\n")
		if m.doc.Traffic != nil {
			d.traffic, d.base = &trafficData{pts: m.doc.Traffic}, d.lines
		}
		d.setTitle(a, m.doc.Title)
		d.ready = false
	case docSavedMsg:
		if m.err != nil {
			s.err = m.err.Error()
			s.saving = true // the name stays for another try
			return a.flashError(s.err)
		}
		s.saved, s.err, s.saving = m.path, "", false
		return a.flashInfo("Saved to " + m.path + " (mode 0600: only you can read it)")
	}
	return nil
}

// key handles the viewer's own keys; done is false for keys the describe
// page handles (scrolling, search, back).
func (s *docState) key(a *App, d *describePage, m tea.KeyPressMsg) (tea.Cmd, bool) {
	if s.saving {
		switch m.Keystroke() {
		case "esc":
			s.saving, s.err = false, ""
		case "enter":
			path := strings.TrimSpace(s.input.Value())
			if path == "" {
				s.err = "type a file name"
				return nil, true
			}
			id, data := d.id, s.raw
			return func() tea.Msg {
				p, err := writePrivateFile(path, data)
				return docSavedMsg{id: id, path: p, err: err}
			}, true
		default:
			editLine(&s.input, m)
		}
		return nil, true
	}
	if m.Keystroke() == "s" {
		if s.loading || s.raw == nil {
			return a.flashError("Nothing to save yet."), true
		}
		s.saving, s.err = true, ""
		if s.input.Value() == "" {
			s.input.SetValue(s.file)
			s.input.CursorEnd()
		}
		return nil, true
	}
	return nil, false
}

// status is the bottom line while saving or after a save.
func (s *docState) status(w int) string {
	switch {
	case s.saving:
		s.input.SetWidth(max(w-2, 1))
		line := s.input.View()
		if s.err != "" {
			line += "  ✗ " + s.err
		}
		return line
	case s.loading:
		return "reading…"
	case s.saved != "":
		return "saved to " + s.saved + " (mode 0600) — s saves again, esc back"
	}
	return ""
}

// writePrivateFile writes data to path (~ expanded) with mode 0600 and
// never replaces an existing file. It returns the absolute path.
func writePrivateFile(path string, data []byte) (string, error) {
	if rest, ok := strings.CutPrefix(path, "~/"); ok {
		if home, err := os.UserHomeDir(); err == nil {
			path = filepath.Join(home, rest)
		}
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return "", err
	}
	f, err := os.OpenFile(abs, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s exists; type another name (nothing was overwritten)", abs)
	}
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return "", fmt.Errorf("cannot write %s: %v", abs, pe.Err)
	}
	if err != nil {
		return "", err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return "", fmt.Errorf("writing %s: %v", abs, err)
	}
	if err := f.Close(); err != nil {
		return "", fmt.Errorf("writing %s: %v", abs, err)
	}
	return abs, nil
}

// Package theme holds alivpc's skins as data and turns a skin into lipgloss
// styles. Status colours mean the same in every pane: they come from the
// status phase, never from a pane.
package theme

import (
	"fmt"
	"sort"
	"strings"

	"charm.land/lipgloss/v2"
)

// Skin is a palette. Colours are hex strings or ANSI indexes ("205").
type Skin struct {
	Name string

	Fg, Dim, Accent, Border string
	HeaderFg, HeaderBg      string
	BadgeFg, BadgeBg        string // SIMULATOR and READ-ONLY badges
	SelectedFg, SelectedBg  string
	TitleFg                 string
	KeyFg                   string // key names in the footer and help

	Ready, Transitional, Inactive, Failed string // status phases
	Added, Changed, Removed               string // row deltas
	Info, Error                           string // flash messages
}

var skins = []Skin{
	{
		Name: "dark",
		Fg:   "#d0d0d0", Dim: "#7a7a7a", Accent: "#5fafff", Border: "#444444",
		HeaderFg: "#e4e4e4", HeaderBg: "#303a4a", BadgeFg: "#1c1c1c", BadgeBg: "#ffaf00",
		SelectedFg: "#ffffff", SelectedBg: "#005f87", TitleFg: "#87d7ff", KeyFg: "#ffaf5f",
		Ready: "#5fd75f", Transitional: "#ffd75f", Inactive: "#8a8a8a", Failed: "#ff5f5f",
		Added: "#87ff87", Changed: "#ffd787", Removed: "#ff8787",
		Info: "#87d7ff", Error: "#ff5f5f",
	},
	{
		Name: "light",
		Fg:   "#262626", Dim: "#6c6c6c", Accent: "#005faf", Border: "#bcbcbc",
		HeaderFg: "#1c1c1c", HeaderBg: "#d7e3f4", BadgeFg: "#ffffff", BadgeBg: "#af5f00",
		SelectedFg: "#ffffff", SelectedBg: "#005faf", TitleFg: "#005f87", KeyFg: "#af5f00",
		Ready: "#008700", Transitional: "#af8700", Inactive: "#767676", Failed: "#d70000",
		Added: "#008700", Changed: "#875f00", Removed: "#af0000",
		Info: "#005f87", Error: "#d70000",
	},
	{
		Name: "high-contrast",
		Fg:   "#ffffff", Dim: "#c0c0c0", Accent: "#00ffff", Border: "#ffffff",
		HeaderFg: "#000000", HeaderBg: "#ffffff", BadgeFg: "#000000", BadgeBg: "#ffff00",
		SelectedFg: "#000000", SelectedBg: "#00ffff", TitleFg: "#ffff00", KeyFg: "#00ffff",
		Ready: "#00ff00", Transitional: "#ffff00", Inactive: "#c0c0c0", Failed: "#ff0000",
		Added: "#00ff00", Changed: "#ffff00", Removed: "#ff00ff",
		Info: "#00ffff", Error: "#ff0000",
	},
}

// Names lists the built-in skins.
func Names() []string {
	out := make([]string, len(skins))
	for i, s := range skins {
		out[i] = s.Name
	}
	sort.Strings(out)
	return out
}

// Lookup finds a built-in skin by name (case-insensitive; "default" is dark).
func Lookup(name string) (Skin, error) {
	n := strings.ToLower(strings.TrimSpace(name))
	if n == "" || n == "default" {
		n = "dark"
	}
	for _, s := range skins {
		if s.Name == n {
			return s, nil
		}
	}
	return Skin{}, fmt.Errorf("unknown skin %q: choose one of %s", name, strings.Join(Names(), ", "))
}

// Phase mirrors model.Phase without importing it (theme depends on nothing
// of ours); the ui maps one to the other.
type Phase int

const (
	PhaseUnknown Phase = iota
	PhaseReady
	PhaseTransitional
	PhaseInactive
	PhaseFailed
)

// Delta marks a row that changed in the last refresh.
type Delta int

const (
	DeltaNone Delta = iota
	DeltaAdded
	DeltaChanged
	DeltaRemoved
)

// Styles are the lipgloss styles of one skin.
type Styles struct {
	Skin    Skin
	NoColor bool

	Base, Dim, Accent, Title, Key   lipgloss.Style
	Header, Badge, Crumb, CrumbLast lipgloss.Style
	ColumnHeader, SortedHeader      lipgloss.Style
	Selected                        lipgloss.Style
	Border                          lipgloss.Style
	Info, Error                     lipgloss.Style
	Match                           lipgloss.Style // search hits in the describe view

	phase [5]lipgloss.Style
	delta [4]lipgloss.Style
}

// New builds styles for skin. With noColor every style keeps its weight and
// reverse video but no colour, so the screen stays readable (NO_COLOR).
func New(skin Skin, noColor bool) *Styles {
	c := func(hex string) lipgloss.Style {
		if noColor || hex == "" {
			return lipgloss.NewStyle()
		}
		return lipgloss.NewStyle().Foreground(lipgloss.Color(hex))
	}
	bg := func(s lipgloss.Style, hex string) lipgloss.Style {
		if noColor || hex == "" {
			return s
		}
		return s.Background(lipgloss.Color(hex))
	}
	st := &Styles{Skin: skin, NoColor: noColor}
	st.Base = c(skin.Fg)
	st.Dim = c(skin.Dim)
	if noColor {
		st.Dim = lipgloss.NewStyle().Faint(true)
	}
	st.Accent = c(skin.Accent).Bold(true)
	st.Title = c(skin.TitleFg).Bold(true)
	st.Key = c(skin.KeyFg).Bold(true)
	st.Header = bg(c(skin.HeaderFg), skin.HeaderBg)
	st.Badge = bg(c(skin.BadgeFg), skin.BadgeBg).Bold(true)
	if noColor {
		st.Badge = st.Badge.Reverse(true)
	}
	st.Crumb = c(skin.Dim)
	st.CrumbLast = c(skin.Accent).Bold(true)
	st.ColumnHeader = c(skin.TitleFg).Bold(true)
	st.SortedHeader = c(skin.Accent).Bold(true).Underline(true)
	st.Selected = bg(c(skin.SelectedFg), skin.SelectedBg).Bold(true)
	if noColor {
		st.Selected = lipgloss.NewStyle().Reverse(true)
	}
	st.Border = c(skin.Border)
	st.Info = c(skin.Info)
	st.Error = c(skin.Error).Bold(true)
	st.Match = bg(c(skin.BadgeFg), skin.BadgeBg)
	if noColor {
		st.Match = lipgloss.NewStyle().Reverse(true)
	}
	st.phase[PhaseUnknown] = st.Base
	st.phase[PhaseReady] = c(skin.Ready)
	st.phase[PhaseTransitional] = c(skin.Transitional).Bold(true)
	st.phase[PhaseInactive] = c(skin.Inactive)
	st.phase[PhaseFailed] = c(skin.Failed).Bold(true)
	st.delta[DeltaNone] = st.Base
	st.delta[DeltaAdded] = c(skin.Added).Bold(true)
	st.delta[DeltaChanged] = c(skin.Changed).Bold(true)
	st.delta[DeltaRemoved] = c(skin.Removed).Strikethrough(true)
	return st
}

// Phase returns the style of a status phase.
func (s *Styles) Phase(p Phase) lipgloss.Style {
	if p < 0 || int(p) >= len(s.phase) {
		return s.Base
	}
	return s.phase[p]
}

// Delta returns the style of a changed row.
func (s *Styles) Delta(d Delta) lipgloss.Style {
	if d < 0 || int(d) >= len(s.delta) {
		return s.Base
	}
	return s.delta[d]
}

// Glyph marks a status phase so that it reads without colour.
func Glyph(p Phase) string {
	switch p {
	case PhaseReady:
		return "●"
	case PhaseTransitional:
		return "◐"
	case PhaseInactive:
		return "○"
	case PhaseFailed:
		return "✗"
	}
	return " "
}

// CursorGlyph marks the selected row, menu item or tray line when there is
// no colour (NO_COLOR, monochrome terminals): reverse video shows the bar,
// the glyph says where it is even where reverse video is lost (a screen
// reader, a copy of the screen, a terminal that ignores SGR 7).
const CursorGlyph = "▸"

// Cursor returns the one-column marker of a line: CursorGlyph on the
// selected line without colour, else fallback (the colour skins show the
// selection by its background and keep the column for other marks).
func (s *Styles) Cursor(selected bool, fallback string) string {
	if selected && s.NoColor {
		return CursorGlyph
	}
	return fallback
}

// DeltaMark prefixes a changed row so that it reads without colour.
func DeltaMark(d Delta) string {
	switch d {
	case DeltaAdded:
		return "+"
	case DeltaChanged:
		return "~"
	case DeltaRemoved:
		return "-"
	}
	return " "
}

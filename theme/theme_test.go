package theme

import (
	"strings"
	"testing"
)

func TestSkinsAreComplete(t *testing.T) {
	for _, name := range Names() {
		s, err := Lookup(name)
		if err != nil {
			t.Fatal(err)
		}
		for field, v := range map[string]string{"Fg": s.Fg, "Ready": s.Ready, "Transitional": s.Transitional, "Failed": s.Failed,
			"Inactive": s.Inactive, "SelectedBg": s.SelectedBg, "Added": s.Added, "Removed": s.Removed, "Error": s.Error} {
			if v == "" {
				t.Errorf("skin %s lacks %s", name, field)
			}
		}
		if s.Ready == s.Failed || s.Ready == s.Transitional {
			t.Errorf("skin %s: status phases must look different", name)
		}
	}
	if _, err := Lookup("default"); err != nil {
		t.Error("default must name the dark skin")
	}
	if _, err := Lookup("neon"); err == nil || !strings.Contains(err.Error(), "high-contrast") {
		t.Errorf("an unknown skin should list the choices: %v", err)
	}
}

func TestNoColorKeepsStatusReadable(t *testing.T) {
	s, _ := Lookup("dark")
	st := New(s, true)
	out := st.Phase(PhaseFailed).Render("Failed")
	if strings.Contains(out, "38;") || strings.Contains(out, "48;") {
		t.Errorf("NO_COLOR output has colour codes: %q", out)
	}
	if !strings.Contains(out, "Failed") {
		t.Error("text must survive")
	}
	if Glyph(PhaseReady) == Glyph(PhaseFailed) || Glyph(PhaseTransitional) == Glyph(PhaseInactive) {
		t.Error("each phase needs its own glyph for colourless terminals")
	}
	colored := New(s, false).Phase(PhaseFailed).Render("Failed")
	if colored == out {
		t.Error("with colour the failed style must differ")
	}
}

func TestCursorMarksTheSelectionOnlyWithoutColour(t *testing.T) {
	skin, _ := Lookup("dark")
	mono, colour := New(skin, true), New(skin, false)
	if got := mono.Cursor(true, " "); got != CursorGlyph {
		t.Errorf("NO_COLOR selected line: %q, want %q", got, CursorGlyph)
	}
	if got := mono.Cursor(false, "+"); got != "+" {
		t.Errorf("NO_COLOR other line keeps its mark: %q", got)
	}
	if got := colour.Cursor(true, " "); got != " " {
		t.Errorf("colour shows the selection by its background, not a marker: %q", got)
	}
}

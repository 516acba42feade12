package forms

import (
	"strings"

	"github.com/alivpc/alivpc/client"
)

func JoinAnd(s []string) string {
	switch len(s) {
	case 0:
		return ""
	case 1:
		return s[0]
	}
	return strings.Join(s[:len(s)-1], ", ") + " and " + s[len(s)-1]
}

// sanitize keeps control characters from an API answer out of the screen:
// the client's one terminal stripper (escape sequences and their payloads
// go whole), then a newline or tab becomes a space, so a cell stays one cell.
func Sanitize(s string) string {
	s = client.StripTerminal(s)
	if !strings.ContainsAny(s, "\n\t") {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r == '\n' || r == '\t' {
			return ' '
		}
		return r
	}, s)
}

// createOrEdit names a form that creates a resource (no ID yet) or edits
// one: its title and its API action.
type createOrEdit struct{ what, create, modify string }

// title is "Edit <what> <id>", or "Create <what>" followed by where, when
// the pane fixes it ("on vbr-…").
func (c createOrEdit) title(id, where string) string {
	if id != "" {
		return "Edit " + c.what + " " + id
	}
	if where != "" {
		return "Create " + c.what + " " + where
	}
	return "Create " + c.what
}

func (c createOrEdit) action(id string) string {
	if id != "" {
		return c.modify
	}
	return c.create
}

// when is s if cond holds, else "".
func when(cond bool, s string) string {
	if cond {
		return s
	}
	return ""
}

// createTitle is a create form's title: "Create <what>", followed by
// where, when the pane fixes it ("in vpc-…").
func createTitle(what, where string) string { return createOrEdit{what: what}.title("", where) }

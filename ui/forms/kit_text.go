package forms

import (
	"strings"

	"github.com/alivpc/alivpc/client"
)

func FirstNonEmpty(v ...string) string {
	for _, s := range v {
		if s != "" {
			return s
		}
	}
	return ""
}

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

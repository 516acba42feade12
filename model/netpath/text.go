package netpath

import (
	"fmt"
	"strings"
	"text/tabwriter"
)

// Columns are the columns of a hop row, in the console and in `alivpc path`.
var Columns = []string{"#", "LEG", "STEP", "RESOURCE", "NAME", "STATUS", "DETAIL"}

// Row is a hop's cells under Columns; n numbers it from 1.
func (h Hop) Row(n int) []string {
	id := h.ID
	if id == "" {
		id = "-"
	}
	detail := h.Detail
	switch {
	case h.Problem != "":
		detail = strings.TrimSpace(detail + "  ✗ " + h.Problem)
	case h.Note != "":
		detail = strings.TrimSpace(detail + "  ! " + h.Note)
	}
	return []string{fmt.Sprint(n), h.Leg, h.Step, id, h.Name, h.Status, detail}
}

// Headline is the one-line answer: source, destination and verdict.
func (r *Result) Headline() string {
	return fmt.Sprintf("%s → %s: %s", r.Source, r.Destination, r.Verdict)
}

// Text renders a result the way `alivpc path` prints it: the headline,
// then one aligned row per hop.
func (r *Result) Text() string {
	var b strings.Builder
	b.WriteString(r.Headline() + "\n")
	if r.Return != nil {
		b.WriteString("return: " + r.Return.Verdict + "\n")
	}
	b.WriteString("\n")
	tw := tabwriter.NewWriter(&b, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, strings.Join(Columns, "\t"))
	for i, h := range r.Hops() {
		fmt.Fprintln(tw, strings.Join(h.Row(i+1), "\t"))
	}
	tw.Flush()
	return b.String()
}

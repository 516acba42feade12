package ui

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/alivpc/alivpc/ui/forms"

	"charm.land/bubbles/v2/textinput"
	"charm.land/bubbles/v2/viewport"

	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/model"
)

// describePage shows a resource exactly as the API returned it, pretty
// printed, scrollable and searchable. Secret fields (pre-shared keys, BGP
// auth keys) are masked: the screen may be shared or recorded.
type describePage struct {
	id    int
	obj   *model.Object
	lines []string
	// vp scrolls the document (bubbles' viewport); its content is the
	// coloured lines, rebuilt only when the query changes.
	vp       viewport.Model
	rendered string // the query the content was rendered for
	ready    bool
	height   int

	searching bool
	search    textinput.Model
	query     []rune
	hits      []int // line numbers
	hit       int

	// title heads the page, crumb names it in the breadcrumb and copyID
	// is what y copies: the resource's, or a document's (document.go).
	title, crumb, copyID string
	// doc is set for a document read by a show action.
	doc *docState
	// traffic holds an address's last hour, charted above the document
	// (monitor.go); base is the document's own lines.
	traffic *trafficData
	base    []string
}

type trafficData struct {
	pts []model.MonitorPoint
	err error
	w   int // the width the charts were drawn for
}

// openDescribe shows o, with its traffic charts when it has any.
func (a *App) openDescribe(o *model.Object) tea.Cmd {
	d := newDescribePage(a, o)
	return tea.Batch(a.push(d), d.trafficCmd(a))
}

func newDescribePage(a *App, o *model.Object) *describePage {
	d := &describePage{id: a.newID(), obj: o, vp: viewport.New(), search: newLineInput(a, "/")}
	d.vp.KeyMap = viewport.KeyMap{} // the console's keys scroll it
	d.vp.MouseWheelEnabled = false
	d.lines = strings.Split(prettyJSON(o.Raw), "\n")
	d.setTitle(a, o.Kind.Singular+" "+o.ID)
	d.crumb, d.copyID = "describe "+o.ID, o.ID
	return d
}

// setTitle heads the page with head and the resource's region.
func (d *describePage) setTitle(a *App, head string) {
	d.title = a.st.Title.Render(head) + a.st.Dim.Render("  ("+d.obj.Region+")")
}

// prettyJSON indents raw JSON keeping the API's field order, with secret
// fields masked.
func prettyJSON(raw json.RawMessage) string {
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		return forms.Sanitize(string(raw))
	}
	secret := secretSet()
	lines := strings.Split(buf.String(), "\n")
	for i, l := range lines {
		lines[i] = maskLine(forms.Sanitize(l), secret)
	}
	return strings.Join(lines, "\n")
}

// MaskSecrets returns raw with the values of secret fields (pre-shared
// keys, BGP auth keys) replaced by "****", keeping every other byte's
// meaning and the fields' order. Describe and `alivpc get -o json` use it.
func MaskSecrets(raw json.RawMessage) json.RawMessage {
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", " "); err != nil {
		return raw
	}
	secret := secretSet()
	lines := strings.Split(buf.String(), "\n")
	changed := false
	for i, l := range lines {
		if m := maskLine(l, secret); m != l {
			lines[i], changed = m, true
		}
	}
	if !changed {
		return raw
	}
	var out bytes.Buffer
	if err := json.Compact(&out, []byte(strings.Join(lines, "\n"))); err != nil {
		return raw
	}
	return out.Bytes()
}

// maskLine replaces the value of a `"Secret": "value"` line. Indented JSON
// keeps every string value on its key's line, so this is exact.
func maskLine(l string, secret map[string]bool) string {
	trim := strings.TrimLeft(l, " ")
	if !strings.HasPrefix(trim, "\"") {
		return l
	}
	end := strings.Index(trim[1:], "\":")
	if end < 0 || !secret[strings.ToLower(trim[1:end+1])] {
		return l
	}
	rest := strings.TrimSpace(trim[end+3:])
	if !strings.HasPrefix(rest, "\"") || rest == "\"\"" || rest == "\"\"," {
		return l
	}
	comma := ""
	if strings.HasSuffix(rest, ",") {
		comma = ","
	}
	return l[:len(l)-len(trim)] + trim[:end+3] + " \"****\"" + comma
}

func secretSet() map[string]bool {
	m := map[string]bool{}
	for _, f := range model.SecretFields() {
		m[strings.ToLower(f)] = true
	}
	return m
}

func (d *describePage) ID() int { return d.id }

func (d *describePage) Hints() [][2]string {
	if d.doc != nil {
		return d.doc.hints()
	}
	return [][2]string{{"/", "search"}, {"n N", "next/prev hit"}, {"y", "copy ID"}, {"↑↓ pgup pgdn", "scroll"}, {"esc", "back"}}
}

func (d *describePage) Crumb() string { return d.crumb }

func (d *describePage) Typing() bool { return d.searching || d.doc != nil && d.doc.saving }

func (d *describePage) Update(a *App, msg tea.Msg) tea.Cmd {
	switch m := msg.(type) {
	case tea.MouseWheelMsg:
		switch m.Mouse().Button {
		case tea.MouseWheelUp:
			scrollBy(&d.vp, -3)
		case tea.MouseWheelDown:
			scrollBy(&d.vp, 3)
		}
	case tea.PasteMsg:
		if d.searching {
			editLine(&d.search, m)
			d.query = []rune(d.search.Value())
			d.find()
		}
	case docLoadedMsg, docSavedMsg:
		return d.doc.update(a, d, msg)
	case trafficMsg:
		d.traffic = &trafficData{pts: m.pts, err: m.err}
		d.base = d.lines
	case tea.KeyPressMsg:
		if d.searching {
			return d.searchKey(a, m)
		}
		if d.doc != nil {
			if cmd, done := d.doc.key(a, d, m); done {
				return cmd
			}
		}
		act, ok := a.keys.Lookup(m)
		if !ok {
			return nil
		}
		if n, ok := moveBy(act, d.height, d.vp.TotalLineCount()); ok {
			scrollBy(&d.vp, n)
			return nil
		}
		switch act {
		case ActFilter:
			d.searching, d.query = true, nil
			d.search.SetValue("")
		case ActSearchNx:
			d.jump(1)
		case ActSearchPv:
			d.jump(-1)
		case ActCopy:
			return tea.Batch(copyToClipboard(d.copyID), a.flashInfo("Copied "+d.copyID))
		case ActBack:
			if len(d.hits) > 0 {
				d.hits, d.query = nil, nil
				return nil
			}
			return a.pop()
		case ActDescribe:
			return a.pop()
		}
	}
	return nil
}

func (d *describePage) searchKey(a *App, m tea.KeyPressMsg) tea.Cmd {
	switch m.Keystroke() {
	case "enter":
		d.searching = false
		d.find()
		if len(d.hits) == 0 && len(d.query) > 0 {
			return a.flashError(fmt.Sprintf("%q not found", string(d.query)))
		}
	case "esc":
		d.searching, d.query, d.hits = false, nil, nil
		d.search.SetValue("")
	default:
		editLine(&d.search, m)
		d.query = []rune(d.search.Value())
		d.find()
	}
	return nil
}

// find collects the lines that contain the query (case-insensitive) and
// jumps to the first one at or below the top of the screen.
func (d *describePage) find() {
	d.hits = nil
	q := strings.ToLower(string(d.query))
	if q == "" {
		return
	}
	for i, l := range d.lines {
		if strings.Contains(strings.ToLower(l), q) {
			d.hits = append(d.hits, i)
		}
	}
	d.hit = 0
	for i, h := range d.hits {
		if h >= d.vp.YOffset() {
			d.hit = i
			break
		}
	}
	if len(d.hits) > 0 {
		d.show(d.hits[d.hit])
	}
}

func (d *describePage) jump(step int) {
	if len(d.hits) == 0 {
		return
	}
	d.hit = (d.hit + step + len(d.hits)) % len(d.hits)
	d.show(d.hits[d.hit])
}

func (d *describePage) show(line int) {
	if top := d.vp.YOffset(); line < top || line >= top+d.height {
		d.vp.SetYOffset(line - d.height/3)
	}
}

// scrollBy moves a viewport n lines (up when n < 0), as far as it goes:
// with moveBy, a movement key on a page that scrolls.
func scrollBy(vp *viewport.Model, n int) {
	if n < 0 {
		vp.ScrollUp(-n)
	} else if n > 0 {
		vp.ScrollDown(n)
	}
}

// content renders the document for the current query: keys coloured,
// matches marked.
func (d *describePage) content(a *App) string {
	q := strings.ToLower(string(d.query))
	out := make([]string, len(d.lines))
	for i, l := range d.lines {
		if q != "" && strings.Contains(strings.ToLower(l), q) {
			out[i] = highlight(l, q, a.st.Match.Render)
		} else {
			out[i] = colorJSONLine(a, l)
		}
	}
	return strings.Join(out, "\n")
}

func (d *describePage) View(a *App, w, h int) string {
	st := a.st
	title := d.title
	d.height = max(h-2, 1)
	if t := d.traffic; t != nil && t.w != w {
		t.w = w
		d.lines = append(trafficLines(t.pts, t.err, w), d.base...)
		d.ready = false
	}
	d.vp.SetWidth(w)
	d.vp.SetHeight(d.height)
	if q := string(d.query); !d.ready || q != d.rendered {
		d.ready, d.rendered = true, q
		y := d.vp.YOffset()
		d.vp.SetContent(d.content(a))
		d.vp.SetYOffset(y)
		if len(d.hits) > 0 {
			d.show(d.hits[d.hit])
		}
	}
	bottom, docStatus := "", ""
	if d.doc != nil && !d.searching {
		docStatus = d.doc.status(w)
	}
	switch {
	case d.searching:
		d.search.SetWidth(max(w-2, 1))
		bottom = d.search.View()
	case docStatus != "":
		bottom = docStatus
	case len(d.hits) > 0:
		bottom = st.Dim.Render(fmt.Sprintf("match %d/%d for %q — n next, N previous, esc clears", d.hit+1, len(d.hits), string(d.query)))
	default:
		top := d.vp.YOffset()
		more := "/ search, y copy ID, esc back"
		if d.doc != nil {
			more = "/ search, s save to a file, esc back"
		}
		bottom = st.Dim.Render(fmt.Sprintf("lines %d-%d of %d — %s", top+1, min(top+d.height, len(d.lines)), len(d.lines), more))
	}
	return title + "\n" + padLines(d.vp.View(), w, d.height) + "\n" + ansi.Truncate(bottom, w, "…")
}

// highlight marks every case-insensitive occurrence of q in l.
func highlight(l, q string, mark func(...string) string) string {
	lower := strings.ToLower(l)
	if len(lower) != len(l) {
		return mark(l) // case folding changed lengths; mark the whole line
	}
	var b strings.Builder
	i := 0
	for {
		j := strings.Index(lower[i:], q)
		if j < 0 {
			b.WriteString(l[i:])
			return b.String()
		}
		b.WriteString(l[i : i+j])
		b.WriteString(mark(l[i+j : i+j+len(q)]))
		i += j + len(q)
	}
}

// colorJSONLine colours keys and leaves values plain: cheap, and enough to
// read a long document.
func colorJSONLine(a *App, l string) string {
	trim := strings.TrimLeft(l, " ")
	if !strings.HasPrefix(trim, "\"") {
		return l
	}
	end := strings.Index(trim[1:], "\":")
	if end < 0 {
		return l
	}
	indent := l[:len(l)-len(trim)]
	key := trim[:end+2]
	return indent + a.st.Title.Render(key) + trim[end+2:]
}

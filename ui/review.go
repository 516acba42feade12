package ui

import (
	"fmt"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode"

	"github.com/alivpc/alivpc/ui/forms"

	"charm.land/bubbles/v2/viewport"
	tea "charm.land/bubbletea/v2"
	"github.com/charmbracelet/x/ansi"

	"github.com/alivpc/alivpc/client"
)

// ---- the review step ----
//
// A create that costs money or changes traffic (a NAT gateway, an EIP, a
// VPN gateway, an IPsec connection, a VPC peering, a route entry) does not
// go out when its form is done: once the form's checks pass, a last page
// lists every parameter exactly as the client will encode it, and only
// "Create" there sends it. "Back" returns to the form with every value
// kept; the same values keep the same ClientToken either way.

// reviewer is a mutation whose submission is reviewed first.
type reviewer interface {
	// Request returns the input Submit sends with token: the same value,
	// built by the same code. nil means this submission needs no review
	// (an edit made through the same form type).
	Request(fc *forms.FormCtx, token string) (any, error)
}

// reviewParam is one parameter as it goes out, secrets masked.
type reviewParam struct{ name, value string }

// reviewParams takes the parameters as the client encodes the input
// (client.Invoke: EncodeParams) and orders them as the input declares
// them. Secret values are masked: a secret parameter whole, a
// secret key inside a JSON-valued parameter (IkeConfig's Psk) in place, so
// every other byte is what the API receives.
func reviewParams(params map[string]string, in any) []reviewParam {
	order := paramOrder(in)
	rank := func(name string) int {
		for i, p := range order {
			if name == p || strings.HasPrefix(name, p+".") {
				return i
			}
		}
		return len(order)
	}
	out := make([]reviewParam, 0, len(params))
	for k, v := range params {
		out = append(out, reviewParam{k, maskParam(k, v)})
	}
	sort.Slice(out, func(i, j int) bool {
		ri, rj := rank(out[i].name), rank(out[j].name)
		if ri != rj {
			return ri < rj
		}
		return out[i].name < out[j].name
	})
	return out
}

// paramOrder lists the input's parameter names in declaration order.
func paramOrder(in any) []string {
	v := reflect.ValueOf(in)
	for v.Kind() == reflect.Pointer && !v.IsNil() {
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	var out []string
	for name := range client.ParamFields(v) {
		out = append(out, name)
	}
	return out
}

// secretName reports whether the client masks a parameter of this name
// (client.RedactParams decides, so the review and the logs agree).
func secretName(name string) bool {
	return client.RedactParams(map[string]string{name: "x"})[name] == "****"
}

var jsonString = regexp.MustCompile(`"([A-Za-z0-9_]+)":"((?:[^"\\]|\\.)*)"`)

func maskParam(name, value string) string {
	if secretName(name) {
		if value == "" {
			return value
		}
		return "****"
	}
	if !strings.HasPrefix(strings.TrimSpace(value), "{") {
		return value
	}
	return jsonString.ReplaceAllStringFunc(value, func(m string) string {
		sub := jsonString.FindStringSubmatch(m)
		if sub[2] == "" || !secretName(sub[1]) {
			return m
		}
		return `"` + sub[1] + `":"****"`
	})
}

// showValue is how a value is printed: as is, or Go-quoted when it is
// empty, has leading or trailing spaces, starts with a quote or holds
// characters that do not print, so what is shown is unambiguous.
func showValue(v string) string {
	if v == "" || v != strings.TrimSpace(v) || strings.HasPrefix(v, `"`) ||
		strings.ContainsFunc(v, func(r rune) bool { return !unicode.IsPrint(r) }) {
		return strconv.Quote(v)
	}
	return v
}

// reviewPage is the last page before a reviewed call.
type reviewPage struct {
	id     int
	form   *formPage
	params []reviewParam
	back   bool           // the focused button: Back, else Create
	vp     viewport.Model // the parameters, scrolled (bubbles' viewport)
	note   string
}

// review opens the review page over the form page p; shown is false when
// this submission needs no review.
func (p *formPage) review(a *App, r reviewer) (cmd tea.Cmd, shown bool) {
	params, err := reviewOf(r, p.fc, p.token)
	switch {
	case err != nil:
		p.banner, p.bannerErr = []string{"✗ " + err.Error(), "  Fix it and submit again."}, true
		return p.build(a), true
	case params == nil:
		return nil, false
	}
	rp := &reviewPage{id: a.newID(), form: p, params: params, vp: viewport.New()}
	rp.vp.KeyMap = viewport.KeyMap{} // the page's keys scroll it
	rp.vp.MouseWheelEnabled = false
	return a.push(rp), true
}

// reviewOf returns the parameters r's submission sends, or nil when it
// needs no review.
func reviewOf(r reviewer, fc *forms.FormCtx, token string) ([]reviewParam, error) {
	in, err := r.Request(fc, token)
	if err != nil || in == nil {
		return nil, err
	}
	sent, err := client.EncodeParams(in)
	if err != nil {
		return nil, err
	}
	params := reviewParams(sent, in)
	// The ClientToken that goes out derives from the form's token and these
	// parameters (client.WithTokenSalt).
	for i := range params {
		if params[i].name == "ClientToken" {
			params[i].value = client.ClientTokenFor(token, sent)
		}
	}
	return params, nil
}

func (r *reviewPage) ID() int       { return r.id }
func (r *reviewPage) Crumb() string { return "review" }

// Typing: the review owns the keyboard, so no global key acts behind it.
func (r *reviewPage) Typing() bool { return true }

func (r *reviewPage) Hints() [][2]string {
	return [][2]string{{"enter", "create / back"}, {"←→ tab", "choose"}, {"esc", "back to the form"}, {"↑↓", "scroll"}}
}

func (r *reviewPage) Update(a *App, msg tea.Msg) tea.Cmd {
	k, ok := msg.(tea.KeyPressMsg)
	if !ok {
		return nil
	}
	switch k.Keystroke() {
	case "esc":
		return r.goBack(a)
	case "left", "right", "tab", "shift+tab", "h", "l":
		r.back = !r.back
	case "up", "k":
		r.vp.ScrollUp(1)
	case "down", "j":
		r.vp.ScrollDown(1)
	case "pgup":
		r.vp.PageUp()
	case "pgdown":
		r.vp.PageDown()
	case "enter":
		if r.back {
			return r.goBack(a)
		}
		return r.create(a)
	}
	return nil
}

// goBack returns to the form with every value kept.
func (r *reviewPage) goBack(a *App) tea.Cmd {
	fp := r.form
	return tea.Batch(a.pop(), fp.build(a))
}

// create sends what the page shows. The parameters are taken again: if
// they no longer match what is on screen, the page shows the new ones
// and waits for another look.
func (r *reviewPage) create(a *App) tea.Cmd {
	fp := r.form
	rv, ok := fp.m.(reviewer)
	if !ok {
		return r.goBack(a)
	}
	now, err := reviewOf(rv, fp.fc, fp.token)
	if err != nil {
		return tea.Batch(r.goBack(a), a.flashError(err.Error()))
	}
	if !reflect.DeepEqual(now, r.params) {
		r.params, r.note = now, "The values changed since this page opened; check them again."
		return nil
	}
	fp.reviewed = true
	return tea.Batch(a.pop(), fp.submit(a))
}

func (r *reviewPage) View(a *App, w, h int) string {
	st := a.st
	head := []string{
		st.Title.Render("Review: " + r.form.m.Title()),
		wrapTo(st.Info.Render("Nothing has been sent yet. "+r.form.m.Action()+" sends exactly these parameters, "+
			"plus its action, version and signature (secrets masked):"), w),
	}
	if r.note != "" {
		head = append(head, wrapTo(st.Error.Render("✗ "+r.note), w))
	}
	head = strings.Split(strings.Join(head, "\n"), "\n") // wrapped lines count
	keyW := 0
	for _, p := range r.params {
		keyW = max(keyW, len(p.name))
	}
	valW := max(w-keyW-4, 8)
	var body []string
	for _, p := range r.params {
		chunks := strings.Split(ansi.Hardwrap(showValue(p.value), valW, true), "\n")
		for i, c := range chunks {
			name := ""
			if i == 0 {
				name = p.name
			}
			body = append(body, "  "+st.Key.Render(fmt.Sprintf("%-*s", keyW, name))+"  "+c)
		}
	}
	create, back := "  Create  ", "  Back  "
	if r.back {
		back = st.Selected.Render("[ Back ]")
	} else {
		create = st.Selected.Render("[ Create ]")
	}
	foot := []string{"", "  " + create + "   " + back}
	room := max(h-len(head)-len(foot), 1)
	y := r.vp.YOffset()
	r.vp.SetWidth(w)
	r.vp.SetHeight(min(room, len(body)))
	r.vp.SetContentLines(body)
	r.vp.SetYOffset(y)
	if len(body) > room {
		top := r.vp.YOffset()
		more := fmt.Sprintf("  ↑↓ %d-%d of %d lines", top+1, min(top+room, len(body)), len(body))
		foot[0] = st.Dim.Render(more)
	}
	lines := append(head, strings.Split(r.vp.View(), "\n")...)
	return strings.Join(append(lines, foot...), "\n")
}

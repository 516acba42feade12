package forms

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"
	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
	"github.com/charmbracelet/x/ansi"
)

// mutation is one change the console can make: the form's fields bound to
// the mutation's own values (so they survive a failed submission), checks
// across fields, and the API call.
type Mutation interface {
	// Title is shown above the form: "Create VSwitch in vpc-1 (prod-core)".
	Title() string
	// Action is the API action, for the activity tray and the audit log.
	Action() string
	// Form builds the huh form. It is called again after a server error,
	// and the values it binds are still there.
	Form(fc *FormCtx) *huh.Form
	// Check validates across fields before any call.
	Check(fc *FormCtx) error
	// Submit makes the call with the form's token. The console sends it
	// with that token as the salt (client.WithTokenSalt): each write's
	// ClientToken derives from it and the write's parameters, so the same
	// values keep one token across retries, resubmissions and reopenings
	// of the form, and changed values get another.
	Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error)
}

// preparer is a mutation that loads choices (zones, EIPs) before its form.
type Preparer interface {
	Prepare(ctx context.Context, fc *FormCtx) error
}

// submitted describes what a successful call changed, for tracking.
type Submitted struct {
	// Action is the API action, when it differs from the form's.
	Action    string
	RequestID string
	Kind      *model.Kind
	Region    string
	ID        string
	// Target statuses to wait for; empty means "any settled phase".
	Target []string
	// Gone waits for the resource to disappear (a delete).
	Gone bool
	// Params are what was sent, for the audit log (secrets get masked).
	Params map[string]string
	// Note is shown instead of tracking (a dry run that passed).
	Note string
	// Unchanged: nothing was sent, the edit would change nothing (Note
	// says so).
	Unchanged bool
	// GetParams are extra parameters the kind's targeted describe needs
	// (the table an entry lives in).
	GetParams map[string]string
	// Ref is the resource as the console knew it (a delete's target): its
	// fields give the describe call what it needs.
	Ref *model.Object
	// Service, when set, follows a region service being opened in Region
	// (Ref is the region's row) instead of a describe.
	Service *RegionService
}

// formHost is what a form may ask of the console around it; the console's
// App implements it.
type formHost interface {
	Registry() *model.Registry
	// Regions are the region IDs known once listed.
	Regions() []string
	// PeerDecider says whether the caller's account may accept or reject
	// a peering, and why not.
	PeerDecider(p *model.VpcPeerConnection) (may bool, why string)
	// UnknownCallerHint explains an account that could not be learned.
	UnknownCallerHint() string
	// Now is the console's clock (a time window sent to the API).
	Now() time.Time
}

// formCtx is what a mutation may use.
type FormCtx struct {
	Host   formHost
	Client *client.Client
	Region string
	// parent is the pane's parent when drilled in (create a VSwitch in the
	// VPC you are looking at); target is the selected resource.
	Parent *model.Object
	Target *model.Object
	// origin is the page the form was opened from; a created resource is
	// shown there at once.
	Origin int
	// regionWhy says where region came from when it is not the pane's
	// (the selected row's, in an all-regions pane); the title shows it.
	RegionWhy string
}

// liveField is a text field whose check runs as you type: the message shows
// right under the field and the form will not move on until it passes.
// huh's DescriptionFunc would evaluate in a goroutine while keystrokes
// write the bound value; this computes in View, on the UI goroutine.
type liveField struct {
	*huh.Input
	Bound    *string
	describe func() string   // the line under the field
	suggest  func() []string // completions (ctrl+e), recomputed as choices change
	sugKey   string
	focused  bool
	width    int
	// fill, when set, is what ctrl+e puts in the field instead of
	// completing a prefix (the next free block in an empty or overlapping
	// CIDR field); ok false leaves ctrl+e to the completion.
	fill func(cur string) (v string, ok bool)
	// auto, when set, is the value the form fills in by itself, which
	// depends on other fields (the next free block of the chosen VPC);
	// filled holds the value last filled in (kept by the mutation, so it
	// survives rebuilds and drafts). While the field still holds it, it
	// follows auto; once the user types, it is theirs.
	auto   func() string
	filled *string
}

// liveInput builds a liveField with a check and a hint shown when it passes.
func liveInput(title string, value *string, check func(string) error, hint string) *liveField {
	return liveInputHint(title, value, check, func() string { return hint })
}

// liveInputHint is liveInput with a hint that follows the form's other
// fields (a bandwidth's range after its charge type): it is read each time
// the field is drawn.
func liveInputHint(title string, value *string, check func(string) error, hint func() string) *liveField {
	f := &liveField{Input: huh.NewInput().Title(title).Value(value), Bound: value}
	if check != nil {
		f.Input = f.Input.Validate(check)
	}
	f.describe = func() string {
		if check != nil {
			if err := check(*value); err != nil {
				return "✗ " + err.Error()
			}
		}
		return hint()
	}
	return f
}

func (f *liveField) Update(msg tea.Msg) (huh.Model, tea.Cmd) {
	f.syncAuto()
	if k, ok := msg.(tea.KeyPressMsg); ok && k.Keystroke() == "ctrl+e" && f.fill != nil {
		if v, ok := f.fill(*f.Bound); ok {
			f.Set(v)
			if f.filled != nil && f.auto != nil && v == f.auto() {
				*f.filled = v // the form's own suggestion: it follows again
			}
			return f, nil
		}
	}
	m, cmd := f.Input.Update(msg)
	if in, ok := m.(*huh.Input); ok {
		f.Input = in
	}
	f.refreshSuggestions()
	return f, cmd
}

// set replaces the field's value (the bound string and what is shown).
func (f *liveField) Set(v string) {
	// Through an empty value, so the cursor ends after the new one
	// (textinput keeps a cursor position that still fits).
	empty := ""
	f.Input = f.Input.Value(&empty)
	*f.Bound = v
	f.Input = f.Input.Value(f.Bound)
}

// syncAuto makes a value the form filled in follow the fields it depends
// on; a value the user typed is left alone.
func (f *liveField) syncAuto() {
	if f.auto == nil || f.filled == nil || *f.Bound != *f.filled {
		return
	}
	if v := f.auto(); v != *f.Bound {
		f.Set(v)
		*f.filled = v
	}
}

func (f *liveField) Focus() tea.Cmd {
	f.syncAuto()
	f.focused = true
	f.refreshSuggestions()
	return f.Input.Focus()
}

func (f *liveField) Blur() tea.Cmd {
	f.focused = false
	return f.Input.Blur()
}

func (f *liveField) WithWidth(w int) huh.Field {
	f.width = w
	f.Input.WithWidth(w)
	return f
}

func (f *liveField) refreshSuggestions() {
	if f.suggest == nil {
		return
	}
	s := f.suggest()
	key := strings.Join(s, ",")
	if key != f.sugKey {
		f.sugKey = key
		f.Input.Suggestions(s)
	}
}

func (f *liveField) View() string {
	f.syncAuto()
	v := f.Input.View()
	d := f.describe()
	if d == "" {
		return v
	}
	prefix := "  "
	if f.focused {
		prefix = "┃ "
	}
	if f.width > 4 {
		d = ansi.Truncate(d, f.width-2, "…")
	}
	return strings.TrimRight(v, "\n") + "\n" + prefix + d
}

// optional wraps a check so an empty value passes.
func optional(check func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return nil
		}
		return check(s)
	}
}

// required wraps a check so an empty value fails with a clear message.
func required(what string, check func(string) error) func(string) error {
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return fmt.Errorf("%s is required", what)
		}
		if check == nil {
			return nil
		}
		return check(s)
	}
}

// result converts a typed call's answer into a submitted.
func result(k *model.Kind, region, id, requestID string, params any, target []string) *Submitted {
	p, _ := client.EncodeParams(params)
	return &Submitted{RequestID: requestID, Kind: k, Region: region, ID: id, Params: p, Target: target}
}

var errCancelled = errors.New("cancelled")

// choosePicks loads the parents a create form offers, unless the pane it
// opens from fixes the parent: *picks gets the list and *v keeps the
// draft's choice (marked by the form when no longer offered), else the
// first.
func choosePicks[T any](ctx context.Context, fc *FormCtx, fixed bool, v *string, picks *[]Pick,
	load func(context.Context, *FormCtx) ([]Pick, T, error)) error {
	if fixed {
		return nil
	}
	p, _, err := load(ctx, fc)
	if err != nil {
		return err
	}
	*picks, *v = p, keepOrFirst(*v, p)
	return nil
}

// checkParent checks a create form's parent (what: "VPC"): chosen, and
// still offered unless the pane fixes it.
func checkParent(fc *FormCtx, what string, fixed bool, v string, picks []Pick) error {
	if v == "" {
		return errors.New("choose a " + what)
	}
	if fixed {
		return nil
	}
	if err := notOffered(picks, v, "is no longer in "+fc.Region); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

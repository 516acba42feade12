package forms

import (
	"cmp"
	"encoding/json"
	"fmt"
	"reflect"
	"sort"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Honest edits. Every Modify* call of the API treats an omitted or empty
// parameter as "leave it as it is" (api-catalog.md), so:
//   - an edit whose request carries only the values the resource already
//     has changes nothing: it is not sent, and the console says so;
//   - emptying a name or a description cannot be expressed at all: the call
//     would succeed and change nothing. The form refuses it, with the
//     reason, as it is typed and again before anything is sent.
// Both compare the request the edit would send (its `param` fields) with
// the resource as the console knows it (the typed value, whose JSON names
// are the API's), so one implementation serves every edit form.

// editControlParams are sent with every call and are not resource values.
var EditControlParams = map[string]bool{"RegionId": true, "ClientToken": true, "DryRun": true}

// current is the resource's values by API name (nil when unknown).
func Current(o *model.Object) map[string]any {
	if o == nil {
		return nil
	}
	v := o.Val()
	if v == nil {
		return nil
	}
	b, err := json.Marshal(v)
	if err != nil {
		return nil
	}
	var m map[string]any
	if json.Unmarshal(b, &m) != nil {
		return nil
	}
	return m
}

// scalar renders a decoded JSON value the way a parameter carries it.
func editScalar(v any) (string, bool) {
	switch x := v.(type) {
	case string:
		return x, true
	case float64:
		return strconv.FormatFloat(x, 'f', -1, 64), true
	case bool:
		return strconv.FormatBool(x), true
	case nil:
		return "", true
	}
	return "", false
}

// freeText reports whether a parameter is typed text (a name or a
// description), which compares exactly; the API's enumerations (tcp/TCP,
// Any/any) compare without case.
func freeText(param string) bool {
	return param == "Description" || strings.HasSuffix(param, "Name")
}

// sameValue reports whether sent (a parameter's value) is what the
// resource has (have, decoded JSON). A JSON parameter (IkeConfig) is the
// same when every key it sends is.
func sameValue(param, sent string, have any) bool {
	if sub, ok := have.(map[string]any); ok {
		var m map[string]any
		if json.Unmarshal([]byte(sent), &m) != nil {
			return false
		}
		for k, v := range m {
			s, ok := editScalar(v)
			if !ok || !sameValue(k, s, sub[k]) {
				return false
			}
		}
		return true
	}
	h, ok := editScalar(have)
	if !ok {
		return false
	}
	sent = strings.TrimSpace(sent)
	if freeText(param) {
		return sent == h
	}
	return strings.EqualFold(sent, h)
}

// unchangedEdit returns the submitted of an edit that would change nothing
// (in carries only values o already has), or nil when something would
// change or cannot be compared. Nothing is sent for it.
func unchangedEdit(o *model.Object, in any) *Submitted {
	have := Current(o)
	if have == nil {
		return nil
	}
	params, err := client.EncodeParams(in)
	if err != nil {
		return nil
	}
	var kept []string
	for p, v := range params {
		if EditControlParams[p] {
			continue
		}
		h, ok := have[p]
		if !ok || !sameValue(p, v, h) {
			return nil // a value the resource does not show counts as a change
		}
		if freeText(p) && v != "" {
			kept = append(kept, describeKept(p, v))
		}
	}
	sort.Strings(kept)
	what := o.Kind.Singular + " " + o.ID
	note := "Nothing changed: " + what + " already has these values; nothing was sent."
	if len(kept) > 0 {
		note = "Nothing changed: " + what + " is already " + strings.Join(kept, ", ") + "; nothing was sent."
	}
	return &Submitted{Kind: o.Kind, Region: o.Region, ID: o.ID, Unchanged: true, Note: note}
}

func describeKept(param, v string) string {
	if param == "Description" {
		return fmt.Sprintf("described %q", v)
	}
	return fmt.Sprintf("named %q", v)
}

// editRefusal explains why an edit cannot be sent as typed: a name or a
// description the resource has was emptied, and the API reads an empty
// value as "unchanged". nil when the request means what the form shows.
func editRefusal(o *model.Object, action string, in any) error {
	have := Current(o)
	if have == nil {
		return nil
	}
	v := reflect.ValueOf(in)
	for v.Kind() == reflect.Pointer {
		if v.IsNil() {
			return nil
		}
		v = v.Elem()
	}
	if v.Kind() != reflect.Struct {
		return nil
	}
	for param, f := range client.ParamFields(v) {
		if f.Kind() != reflect.String || strings.TrimSpace(f.String()) != "" {
			continue
		}
		old, _ := have[param].(string)
		if old == "" || !clearable(o, param, old) {
			continue
		}
		return cannotClear(what(param), action, param, old)
	}
	return nil
}

// clearable reports whether param is one the user types and could empty:
// the resource's name or its description.
func clearable(o *model.Object, param, old string) bool {
	return param == "Description" || (strings.HasSuffix(param, "Name") && old == o.Name)
}

func what(param string) string {
	if param == "Description" {
		return "description"
	}
	return "name"
}

func cannotClear(what, action, param, old string) error {
	via := "the API"
	if action != "" {
		via = action
	}
	return fmt.Errorf("%s cannot clear a %s: an empty %s means \"leave it as it is\"; keep %q or type a new %s",
		via, what, cmp.Or(param, what), old, what)
}

// keepSet wraps the check of an edit form's name or description field so
// emptying a value the resource has is refused as it is typed. For a
// create (no target) it is check itself.
func KeepSet(fc *FormCtx, field string, check func(string) error) func(string) error {
	old := ""
	if fc != nil && fc.Target != nil {
		have := Current(fc.Target)
		if field == "name" {
			// The console may show another field as a nameless
			// resource's name (an EIP's address): only a name
			// parameter holding it counts.
			for k, v := range have {
				if s, ok := v.(string); ok && s != "" && s == fc.Target.Name && strings.HasSuffix(k, "Name") {
					old = s
				}
			}
		} else if s, ok := have["Description"].(string); ok {
			old = s
		}
	}
	if old == "" {
		return check
	}
	return func(s string) error {
		if strings.TrimSpace(s) == "" {
			return cannotClear(field, "", "", old)
		}
		return check(s)
	}
}

// editName and editDesc are nameField and descField for a form that may
// edit: clearing what the resource has is refused as you type.
func editName(fc *FormCtx, v *string) *liveField {
	return liveInput("Name", v, KeepSet(fc, "name", model.DefaultName.Check), nameHint)
}

func editDesc(fc *FormCtx, v *string) *liveField {
	return liveInput("Description", v, KeepSet(fc, "description", model.CheckDescription), descHint)
}

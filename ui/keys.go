package ui

import (
	"fmt"
	"sort"
	"strings"

	tea "charm.land/bubbletea/v2"
)

// Action is something a key does. Every action is listed by `?` and can be
// rebound in the config file under `keys:`.
type Action string

const (
	ActQuit     Action = "quit"
	ActHelp     Action = "help"
	ActCommand  Action = "command"
	ActFilter   Action = "filter"
	ActBack     Action = "back"
	ActOpen     Action = "open"
	ActDescribe Action = "describe"
	ActCopy     Action = "copy"
	ActRefresh  Action = "refresh"
	ActUp       Action = "up"
	ActDown     Action = "down"
	ActPageUp   Action = "page-up"
	ActPageDown Action = "page-down"
	ActTop      Action = "top"
	ActBottom   Action = "bottom"
	ActSortNext Action = "sort-next"
	ActSortPrev Action = "sort-prev"
	ActSortFlip Action = "sort-reverse"
	ActCreate   Action = "create"
	ActEdit     Action = "edit"
	ActDelete   Action = "delete"
	ActActions  Action = "actions"
	ActTray     Action = "activity"
	ActSearchNx Action = "search-next"
	ActSearchPv Action = "search-prev"
)

// actionInfo documents an action for the help page.
type actionInfo struct {
	Action   Action
	Keys     []string
	Help     string
	Group    string
	Mutating bool // removed entirely in read-only mode
}

var defaultActions = []actionInfo{
	{ActCommand, []string{":"}, "command prompt (:vpc, :vsw vpc-…, :region cn-shanghai, :vpc all)", "General", false},
	{ActFilter, []string{"/"}, "filter rows (words; -f fuzzy; column:value; ! inverts; esc clears)", "General", false},
	{ActHelp, []string{"?"}, "this help", "General", false},
	{ActTray, []string{"t"}, "activity tray: operations in flight and recent", "General", false},
	{ActRefresh, []string{"ctrl+r"}, "refresh now", "General", false},
	{ActBack, []string{"esc"}, "back / close / clear filter", "General", false},
	{ActQuit, []string{"q", "ctrl+c"}, "quit", "General", false},

	{ActUp, []string{"up", "k"}, "up", "Navigation", false},
	{ActDown, []string{"down", "j"}, "down", "Navigation", false},
	{ActPageUp, []string{"pgup", "ctrl+b"}, "page up", "Navigation", false},
	{ActPageDown, []string{"pgdown", "ctrl+f", "space"}, "page down", "Navigation", false},
	{ActTop, []string{"home", "g"}, "first row", "Navigation", false},
	{ActBottom, []string{"end", "G"}, "last row", "Navigation", false},
	{ActOpen, []string{"enter"}, "drill down into related resources", "Navigation", false},

	{ActDescribe, []string{"d"}, "describe: the resource as the API returned it", "Resource", false},
	{ActCopy, []string{"y"}, "copy the selected ID (OSC 52: works over ssh and in tmux)", "Resource", false},
	{ActSortNext, []string{">"}, "sort by the next column (1-9 pick a column)", "Resource", false},
	{ActSortPrev, []string{"<"}, "sort by the previous column", "Resource", false},
	{ActSortFlip, []string{"o"}, "reverse the sort order", "Resource", false},
	{ActCreate, []string{"c"}, "create (scoped to the parent when drilled in)", "Change", true},
	{ActEdit, []string{"e"}, "edit the selected resource", "Change", true},
	{ActDelete, []string{"ctrl+d"}, "delete (asks you to type the ID or name)", "Change", true},
	{ActActions, []string{"x"}, "other actions on the selected resource", "Change", true},

	{ActSearchNx, []string{"n"}, "describe: next search hit", "Describe", false},
	{ActSearchPv, []string{"N"}, "describe: previous search hit", "Describe", false},
}

// KeyMap maps keystrokes to actions.
type KeyMap struct {
	byKey    map[string]Action
	byAction map[Action][]string
	readOnly bool
}

// NewKeyMap builds the default bindings, applies overrides (action → keys,
// from the config file) and, in read-only mode, drops every mutating action.
func NewKeyMap(overrides map[string][]string, readOnly bool) (KeyMap, error) {
	km := KeyMap{byKey: map[string]Action{}, byAction: map[Action][]string{}, readOnly: readOnly}
	known := map[Action]actionInfo{}
	for _, a := range defaultActions {
		known[a.Action] = a
		km.byAction[a.Action] = append([]string(nil), a.Keys...)
	}
	var errs []string
	unknown := false
	for name, keys := range overrides {
		a := Action(strings.ToLower(strings.TrimSpace(name)))
		if _, ok := known[a]; !ok {
			errs = append(errs, fmt.Sprintf("unknown action %q", name))
			unknown = true
			continue
		}
		if len(keys) == 0 {
			errs = append(errs, fmt.Sprintf("action %q has no keys", name))
			continue
		}
		km.byAction[a] = keys
	}
	// Later actions never steal a key from an earlier one; clashes are
	// reported so a bad config is visible rather than silently odd.
	for _, a := range defaultActions {
		if readOnly && a.Mutating {
			continue
		}
		for _, k := range km.byAction[a.Action] {
			k = normalizeKey(k)
			if prev, ok := km.byKey[k]; ok && !sharedKey(prev, a.Action) {
				errs = append(errs, fmt.Sprintf("key %q is bound to both %s and %s", k, prev, a.Action))
				continue
			}
			km.byKey[k] = a.Action
		}
	}
	if readOnly {
		for _, a := range defaultActions {
			if a.Mutating {
				delete(km.byAction, a.Action)
			}
		}
	}
	sort.Strings(errs)
	if unknown {
		errs = append(errs, "actions: "+strings.Join(ActionNames(), ", "))
	}
	if len(errs) > 0 {
		return km, fmt.Errorf("keys: %s", strings.Join(errs, "; "))
	}
	return km, nil
}

// ActionNames lists every action a config file may rebind under keys:.
func ActionNames() []string {
	out := make([]string, len(defaultActions))
	for i, a := range defaultActions {
		out[i] = string(a.Action)
	}
	return out
}

// sharedKey allows the describe view's n/N to coexist with nothing else.
func sharedKey(a, b Action) bool { return false }

func normalizeKey(k string) string {
	k = strings.TrimSpace(k)
	switch strings.ToLower(k) {
	case "escape":
		return "esc"
	case "return":
		return "enter"
	case " ":
		return "space"
	case "pagedown":
		return "pgdown"
	case "pageup":
		return "pgup"
	}
	return k
}

// keyName is how a key press is looked up: its text for printable keys
// ("?", "G"), otherwise its keystroke ("ctrl+r", "enter").
func keyName(msg tea.KeyPressMsg) string {
	k := msg.Key()
	if k.Text == " " {
		return "space"
	}
	if k.Text != "" && k.Mod&^tea.ModShift == 0 {
		return k.Text
	}
	return msg.Keystroke()
}

// Lookup returns the action bound to a key press.
func (km KeyMap) Lookup(msg tea.KeyPressMsg) (Action, bool) {
	a, ok := km.byKey[keyName(msg)]
	if !ok {
		a, ok = km.byKey[msg.Keystroke()]
	}
	return a, ok
}

// Keys returns the keys bound to an action, for hints.
func (km KeyMap) Keys(a Action) []string { return km.byAction[a] }

// Bound reports whether an action has any key (mutating actions have none
// in read-only mode).
func (km KeyMap) Bound(a Action) bool { return len(km.byAction[a]) > 0 }

// Hint renders "<key> label" for the footer.
func (km KeyMap) Hint(a Action) string {
	keys := km.byAction[a]
	if len(keys) == 0 {
		return ""
	}
	return keys[0]
}

// HelpGroups returns the help entries grouped, in order.
func (km KeyMap) HelpGroups() []helpGroup {
	var groups []helpGroup
	idx := map[string]int{}
	for _, a := range defaultActions {
		keys := km.byAction[a.Action]
		if len(keys) == 0 {
			continue
		}
		i, ok := idx[a.Group]
		if !ok {
			i = len(groups)
			idx[a.Group] = i
			groups = append(groups, helpGroup{Name: a.Group})
		}
		groups[i].Entries = append(groups[i].Entries, helpEntry{Keys: strings.Join(keys, " "), Help: a.Help})
	}
	return groups
}

type helpGroup struct {
	Name    string
	Entries []helpEntry
}

type helpEntry struct{ Keys, Help string }

// moveBy is how far a movement key moves through n lines shown page at a
// time: a line, a page, or to either end; ok is false for other actions.
func moveBy(act Action, page, n int) (by int, ok bool) {
	switch act {
	case ActUp:
		return -1, true
	case ActDown:
		return 1, true
	case ActPageUp:
		return -page, true
	case ActPageDown:
		return page, true
	case ActTop:
		return -n, true
	case ActBottom:
		return n, true
	}
	return 0, false
}

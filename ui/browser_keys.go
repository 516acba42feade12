package ui

import (
	"slices"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
)

// A pane's keys and its filter line (browser.go holds the pane itself).

// ---- keys ----

func (b *browser) key(a *App, msg tea.KeyPressMsg) tea.Cmd {
	if b.filterEditing {
		return b.filterKey(a, msg)
	}
	// Digits pick a sort column directly.
	if k := msg.Key(); k.Text != "" && len(k.Text) == 1 && k.Text[0] >= '1' && k.Text[0] <= '9' {
		col := int(k.Text[0] - '1')
		b.sortVisible(col)
		return b.refilter(a)
	}
	act, ok := a.keys.Lookup(msg)
	if !ok {
		return nil
	}
	switch act {
	case ActUp:
		b.table.Move(-1)
	case ActDown:
		b.table.Move(1)
	case ActPageUp:
		b.table.Page(-1)
	case ActPageDown:
		b.table.Page(1)
	case ActTop:
		b.table.Home()
	case ActBottom:
		b.table.End()
	case ActSortNext, ActSortPrev:
		col, _ := b.table.SortColumn()
		step := 1
		if act == ActSortPrev {
			step = -1
		}
		n := len(b.table.cols)
		for i := 0; i < n; i++ {
			col = (col + step + n) % n
			// Skip hidden columns (before the first draw every column
			// counts as shown).
			if col >= len(b.table.widths) || b.table.widths[col] > 0 {
				break
			}
		}
		b.table.SortBy(col)
		b.table.sortDesc = false
		return b.refilter(a)
	case ActSortFlip:
		col, _ := b.table.SortColumn()
		b.table.SortBy(col)
		return b.refilter(a)
	case ActFilter:
		b.filterEditing = true
		if b.filter != nil {
			b.filterIn.SetValue(b.filter.Raw)
		}
		b.filterIn.CursorEnd()
		return nil
	case ActBack:
		if b.filter != nil && !b.filter.Empty() {
			b.clearFilter()
			return nil
		}
		return a.pop()
	case ActRefresh:
		return tea.Batch(b.load(a, !b.lastLoad.IsZero()), a.flashInfo("Refreshing "+b.kind.Title+"…"))
	case ActOpen, ActDescribe, ActCopy:
		r := b.table.Selected()
		if r == nil {
			return a.flashError(b.nothingSelected())
		}
		switch act {
		case ActOpen:
			return b.drill(a)
		case ActDescribe:
			return a.openDescribe(r.Obj)
		}
		return tea.Batch(copyToClipboard(r.Obj.ID), a.flashInfo("Copied "+r.Obj.ID))
	case ActEdit, ActDelete, ActActions:
		if b.table.Selected() == nil && a.changesRefused() == "" {
			return a.flashError(b.nothingSelected())
		}
		return a.mutate(b, act)
	case ActCreate:
		return a.mutate(b, act)
	}
	return nil
}

// nothingSelected says why a key that acts on a row did nothing.
func (b *browser) nothingSelected() string {
	if b.loading && b.table.Len() == 0 {
		return "Nothing is highlighted yet: " + b.kind.Title + " are still loading."
	}
	if b.table.Len() > 0 && b.table.Filtered() {
		return "No row is highlighted: nothing matches the filter (esc clears it)."
	}
	return "No row is highlighted: this pane is empty."
}

// sortVisible sorts by the n-th shown column (hidden columns are skipped so
// the digit matches what is on screen).
func (b *browser) sortVisible(n int) {
	shown := 0
	for i, w := range b.table.widths {
		if w == 0 {
			continue
		}
		if shown == n {
			b.table.SortBy(i)
			return
		}
		shown++
	}
}

// drill opens the resources related to the selected row.
func (b *browser) drill(a *App) tea.Cmd {
	r := b.table.Selected()
	if r == nil {
		return nil
	}
	o := r.Obj
	if o.Kind.Name == "region" {
		return a.push(newBrowser(a, a.reg.MustLookup("vpc"), o, nil, false))
	}
	children := a.reg.Children(o.Kind.Name)
	if len(children) == 0 {
		return tea.Batch(a.openDescribe(o), a.flashInfo(o.Kind.Title+" have nothing below them; showing the details."))
	}
	if len(children) == 1 {
		return a.push(newBrowser(a, children[0], o, nil, false))
	}
	items := make([]menuItem, len(children))
	for i, c := range children {
		c := c
		items[i] = menuItem{label: c.Title, run: func(a *App) tea.Cmd { return a.push(newBrowser(a, c, o, nil, false)) }}
	}
	a.menu = newMenu("Open for "+o.Kind.Singular+" "+o.ID, items)
	return nil
}

// ---- filter ----

func (b *browser) filterKey(a *App, msg tea.KeyPressMsg) tea.Cmd {
	switch msg.Keystroke() {
	case "enter":
		b.filterEditing = false
		if strings.TrimSpace(b.filterIn.Value()) == "" {
			b.clearFilter()
		}
		return nil
	case "esc":
		b.filterEditing = false
		b.clearFilter()
		return nil
	case "up", "down", "pgup", "pgdown":
		// Let the user move through results while typing.
		switch msg.Keystroke() {
		case "up":
			b.table.Move(-1)
		case "down":
			b.table.Move(1)
		case "pgup":
			b.table.Page(-1)
		case "pgdown":
			b.table.Page(1)
		}
		return nil
	}
	before := b.filterIn.Value()
	editLine(&b.filterIn, msg)
	if b.filterIn.Value() == before {
		return nil // the cursor moved
	}
	return b.filterChanged(a)
}

// filterDebounce lets keys that arrive together (a burst, a fast typist)
// settle before matching 100,000 rows; a paste is one message anyway.
const filterDebounce = 15 * time.Millisecond

func (b *browser) filterChanged(a *App) tea.Cmd {
	b.filter = ParseFilter(b.filterIn.Value(), b.table.cols)
	b.filterGen++
	if b.filter.Empty() {
		b.table.ClearFilter()
		b.lastFilter, b.lastResult = nil, nil
		return nil
	}
	gen, id := b.filterGen, b.id
	if b.table.Len() < 5000 {
		return b.runFilter(a) // small tables filter at once
	}
	return tea.Tick(filterDebounce, func(time.Time) tea.Msg { return filterDebounceMsg{id, gen} })
}

// runFilter matches in a command, over a snapshot, tagged with the
// generation so a slow result for an old query is dropped.
func (b *browser) runFilter(a *App) tea.Cmd {
	f := b.filter
	if f.Empty() {
		return nil
	}
	b.layout(a) // words match the cells on screen: know which they are
	snap := b.table.Snapshot()
	var within []int32
	if f.Narrows(b.lastFilter) && b.lastResult != nil && len(snap.order) == len(b.table.order) &&
		slices.Equal(snap.shown, b.table.filterShown) {
		within = b.lastResult
	}
	gen, id := b.filterGen, b.id
	b.filterBusy = true
	if b.table.Len() < 5000 {
		res := f.Run(snap, within)
		b.filterBusy = false
		b.table.ApplyFilter(f, res, snap)
		b.lastFilter, b.lastResult = f, res
		return nil
	}
	return func() tea.Msg {
		return filterResultMsg{id: id, gen: gen, f: f, res: f.Run(snap, within), snap: snap}
	}
}

// refilter reapplies the filter after the rows changed.
func (b *browser) refilter(a *App) tea.Cmd {
	if b.filter == nil || b.filter.Empty() {
		return nil
	}
	b.filterGen++
	b.lastFilter, b.lastResult = nil, nil
	return b.runFilter(a)
}

func (b *browser) clearFilter() {
	b.filter = nil
	b.filterIn.SetValue("")
	b.filterGen++
	b.lastFilter, b.lastResult = nil, nil
	b.table.ClearFilter()
}

package ui

// The table's cursor: it belongs to a resource (its row key), not to a
// row number.

// selState is the selection before a change: the resource, and the rows
// and order it was seen in, to find its neighbour if it goes.
type selState struct {
	key     string
	rows    []*Row
	visible []int32
	cursor  int
}

// selState captures the selection; with nothing visible, the anchor left
// by the change that hid everything.
func (t *Table) selState() selState {
	if r := t.Selected(); r != nil {
		return selState{key: r.Key, rows: t.rows, visible: t.visible, cursor: t.cursor}
	}
	return t.anchor
}

// restore puts the cursor back on the resource of s. When it is no longer
// visible (filtered out, deleted), the cursor moves to its neighbour: the
// nearest row after it in the order it was seen in that is still visible,
// else the nearest before it. Before the cursor belongs to a resource it
// stays on the first row.
func (t *Table) restore(s selState) {
	defer t.keepAnchor(s)
	if !t.chosen {
		t.cursor, t.offset = 0, 0
		t.clamp()
		return
	}
	if s.key == "" || len(t.visible) == 0 {
		t.clamp()
		return
	}
	if r := t.Selected(); r != nil && r.Key == s.key { // it did not move
		t.clamp()
		return
	}
	pos := t.positions()
	if p := t.visibleAt(pos, s.key); p >= 0 {
		t.cursor = p
		t.clamp()
		return
	}
	if s.cursor >= 0 && s.cursor < len(s.visible) {
		for j := s.cursor + 1; j < len(s.visible); j++ {
			if p := t.visibleAt(pos, s.rows[s.visible[j]].Key); p >= 0 {
				t.cursor = p
				t.clamp()
				return
			}
		}
		for j := s.cursor - 1; j >= 0; j-- {
			if p := t.visibleAt(pos, s.rows[s.visible[j]].Key); p >= 0 {
				t.cursor = p
				t.clamp()
				return
			}
		}
	}
	t.cursor = 0
	t.clamp()
}

// keepAnchor remembers s when a change left nothing visible.
func (t *Table) keepAnchor(s selState) {
	if len(t.visible) == 0 && s.key != "" {
		t.anchor = s
	} else if len(t.visible) > 0 {
		t.anchor = selState{}
	}
}

// positions maps row index to its place in visible (-1: not visible).
func (t *Table) positions() []int32 {
	pos := make([]int32, len(t.rows))
	for i := range pos {
		pos[i] = -1
	}
	for p, i := range t.visible {
		pos[i] = int32(p)
	}
	return pos
}

func (t *Table) visibleAt(pos []int32, key string) int {
	if i, ok := t.byKey[key]; ok && i < len(pos) {
		return int(pos[i])
	}
	return -1
}

// Pin makes the cursor belong to the highlighted resource from now on
// (the first load finished: later rows and refreshes must not move it).
func (t *Table) Pin() {
	if len(t.visible) > 0 {
		t.chosen = true
		t.want = ""
	}
}

// Want asks for the resource with key to be selected when it arrives,
// unless the user moves the cursor first.
func (t *Table) Want(key string) {
	if !t.chosen {
		t.want = key
	}
}

func (t *Table) clamp() {
	h := max(t.height, 1)
	if t.cursor >= len(t.visible) {
		t.cursor = len(t.visible) - 1
	}
	if t.cursor < 0 {
		t.cursor = 0
	}
	if t.cursor < t.offset {
		t.offset = t.cursor
	}
	if t.cursor >= t.offset+h {
		t.offset = t.cursor - h + 1
	}
	if maxOff := len(t.visible) - h; t.offset > maxOff {
		t.offset = max(maxOff, 0)
	}
	if t.offset < 0 {
		t.offset = 0
	}
}

// Move moves the cursor by n rows (negative is up).
func (t *Table) Move(n int) { t.cursor += n; t.choose(); t.clamp() }

// choose marks the cursor as the user's choice.
func (t *Table) choose() { t.chosen, t.want = true, "" }

// Page moves by n screens.
func (t *Table) Page(n int) { t.Move(n * t.height) }

// Home and End jump to the first and last row.
func (t *Table) Home() { t.cursor = 0; t.choose(); t.clamp() }
func (t *Table) End()  { t.cursor = len(t.visible) - 1; t.choose(); t.clamp() }

// Select moves the cursor to the row with key, if visible.
func (t *Table) Select(key string) bool {
	t.choose()
	if p := t.visibleAt(t.positions(), key); p >= 0 {
		t.cursor = p
		t.clamp()
		return true
	}
	return false
}

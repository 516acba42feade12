package model

import (
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unsafe"
)

// Kinds declare their columns as data: cols lists them, and every column
// that shows a field of the kind's type as it is is one short spec,
//
//	"Title Width [style] [wide] [Field.Path]"
//
// Title is one or more words (the header); Width the preferred width;
// style one of id, status, number, time, cidr (plain when left out); wide
// marks a column shown only when there is room; Field.Path names the field
// the cell shows, through nested structs ("IkeConfig.IkeVersion"), and is
// the title without its spaces when left out ("Instance Type" reads
// InstanceType). The cell is the field's text: a string as it is, an
// integer in decimal (in a time column, which takes a string or an int64,
// epoch milliseconds as a timestamp), a boolean as yes/no, a string list
// joined with commas.
// Columns that compute (a Join of a method, the object's region) are
// Column values in the same list; phased gives a spec its own status
// colours (Column.Phases).
//
// typed compiles each spec once, when the kind is built, into a reader of
// the field at its offset in the type: a cell costs what a hand-written
// accessor costs. A spec that names no field of the type, or a field of a
// type it cannot show, leaves an empty column and is reported by
// ColumnSpecErrors (a test keeps that list empty).

// cols lists a kind's columns: specs (strings) and Column values, in
// order. typed compiles the specs.
func cols(columns ...any) []Column {
	out := make([]Column, len(columns))
	for i, c := range columns {
		switch c := c.(type) {
		case Column:
			out[i] = c
		case string:
			out[i] = Column{Name: c, spec: c}
		default:
			reportSpecError(fmt.Errorf("column %v is neither a spec nor a Column", c))
		}
	}
	return out
}

// typed completes k as the kind of *T: New, and a Get for every column
// declared by a spec. ID, NameOf and Status, when k leaves them unset,
// read the fields shown by the columns titled ID, Name and Status. A Get
// made by byID or byFilter takes the list call's product, action and path.
func typed[T any](k *Kind) *Kind {
	t := reflect.TypeFor[T]()
	if k.New == nil {
		k.New = NewOf[T]()
	}
	if g := k.Get; g != nil && g.Action == "" {
		g.Product, g.Action, g.Path = k.List.Product, k.List.Action, k.List.Path
	}
	readers := map[string]func(*T) string{}
	for i, c := range k.Columns {
		if c.spec == "" {
			continue
		}
		col, read, err := compileSpec(t, c.spec)
		if err != nil {
			reportSpecError(fmt.Errorf("kind %s: column %q: %w", k.Name, c.spec, err))
			read = func(unsafe.Pointer) string { return "" }
		}
		get := accessor[T](read)
		col.Get = Col(col.Name, col.Width, col.Style, get).Get
		col.Phases = c.Phases
		readers[col.Name] = get
		k.Columns[i] = col
	}
	for _, f := range []struct {
		title string
		dst   *func(any) string
	}{{"ID", &k.ID}, {"Name", &k.NameOf}, {"Status", &k.Status}} {
		if get, ok := readers[f.title]; ok && *f.dst == nil {
			*f.dst = Field(get)
		}
	}
	return k
}

// fieldReader renders the field at a fixed offset of a *T.
type fieldReader func(p unsafe.Pointer) string

// accessor is read as the typed accessor that Col and Field adapt.
func accessor[T any](read fieldReader) func(*T) string {
	return func(v *T) string { return read(unsafe.Pointer(v)) }
}

var specStyles = map[string]ColumnStyle{
	"plain": StylePlain, "id": StyleID, "status": StyleStatus, "number": StyleNumber,
	"time": StyleTime, "cidr": StyleCIDR,
}

// compileSpec parses one column spec against struct type t.
func compileSpec(t reflect.Type, spec string) (Column, fieldReader, error) {
	words := strings.Fields(spec)
	var col Column
	i := 0
	for i < len(words) && !isDigits(words[i]) {
		i++
	}
	if i == 0 || i == len(words) {
		return Column{Name: spec}, nil, fmt.Errorf("want a title and a width")
	}
	col.Name = strings.Join(words[:i], " ")
	col.Width, _ = strconv.Atoi(words[i])
	path := strings.ReplaceAll(col.Name, " ", "")
	for _, w := range words[i+1:] {
		style, isStyle := specStyles[w]
		switch {
		case isStyle:
			col.Style = style
		case w == "wide":
			col.Wide = true
		case unicode.IsUpper(rune(w[0])):
			path = w
		default:
			return col, nil, fmt.Errorf("unknown word %q", w)
		}
	}
	read, err := compileField(t, path, col.Style == StyleTime)
	return col, read, err
}

func isDigits(s string) bool {
	return strings.Trim(s, "0123456789") == "" && s != ""
}

// compileField finds the field at path (through struct values only, so
// that its offset from the start of a T is fixed) and returns its reader.
func compileField(t reflect.Type, path string, millis bool) (fieldReader, error) {
	var off uintptr
	ft := t
	for _, name := range strings.Split(path, ".") {
		if ft.Kind() != reflect.Struct {
			return nil, fmt.Errorf("%s: %s is not a struct", path, ft)
		}
		f, ok := ft.FieldByName(name)
		if !ok || !f.IsExported() || len(f.Index) != 1 {
			return nil, fmt.Errorf("%s has no field %s", ft, name)
		}
		off += f.Offset
		ft = f.Type
	}
	if millis && ft.Kind() != reflect.String && ft.Kind() != reflect.Int64 {
		return nil, fmt.Errorf("%s is a %s; a time column shows a string or int64 epoch milliseconds", path, ft)
	}
	switch ft.Kind() {
	case reflect.String:
		return func(p unsafe.Pointer) string { return *(*string)(unsafe.Add(p, off)) }, nil
	case reflect.Bool:
		return func(p unsafe.Pointer) string { return BoolText(*(*bool)(unsafe.Add(p, off))) }, nil
	case reflect.Int:
		return func(p unsafe.Pointer) string { return Itoa(*(*int)(unsafe.Add(p, off))) }, nil
	case reflect.Int32:
		return func(p unsafe.Pointer) string { return Itoa(*(*int32)(unsafe.Add(p, off))) }, nil
	case reflect.Int64:
		if millis {
			return func(p unsafe.Pointer) string { return MillisTime(*(*int64)(unsafe.Add(p, off))) }, nil
		}
		return func(p unsafe.Pointer) string { return Itoa(*(*int64)(unsafe.Add(p, off))) }, nil
	case reflect.Slice:
		if ft.Elem().Kind() == reflect.String {
			return func(p unsafe.Pointer) string { return Join(*(*[]string)(unsafe.Add(p, off))) }, nil
		}
	}
	return nil, fmt.Errorf("%s is a %s, which a column cannot show", path, ft)
}

var specErrors struct {
	sync.Mutex
	list []error
}

func reportSpecError(err error) {
	specErrors.Lock()
	defer specErrors.Unlock()
	specErrors.list = append(specErrors.list, err)
}

// ColumnSpecErrors lists the column specs, among the kinds built so far,
// that name no field their kind can show.
func ColumnSpecErrors() []error {
	specErrors.Lock()
	defer specErrors.Unlock()
	return append([]error(nil), specErrors.list...)
}

// phased is a column spec coloured on its own scale instead of the
// kind's (Column.Phases).
func phased(spec string, phases map[string]Phase) Column {
	return Column{Name: spec, spec: spec, Phases: phases}
}

// regionColumn shows the region the object was listed in (or lives in).
func regionColumn() Column {
	return Column{Name: "Region", Width: 14, Get: func(o *Object) string { return o.Region }}
}

// unionColumns are the first columns of a union pane, whose rows are of
// several kinds: the row's own kind (titled kindTitle), then the ID, name
// and status every kind decodes.
func unionColumns(kindTitle string, kindWidth, idWidth, nameWidth, statusWidth int) []Column {
	return []Column{
		{Name: kindTitle, Width: kindWidth, Style: StyleKind, Get: func(o *Object) string { return o.Kind.Singular }},
		{Name: "ID", Width: idWidth, Style: StyleID, Get: func(o *Object) string { return o.ID }},
		{Name: "Name", Width: nameWidth, Get: func(o *Object) string { return o.Name }},
		{Name: "Status", Width: statusWidth, Style: StyleStatus, Get: func(o *Object) string { return o.Status }},
	}
}

// pageList is the common list operation: PageNumber/PageSize paging, 50
// to a page.
func pageList(p Product, action, path string) ListSpec {
	return ListSpec{Product: p, Action: action, Path: path, Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50}
}

// byID fetches one resource with the kind's own list call (typed fills in
// its product, action and path) filtered by ID: the parameter and the
// response field are both idField.
func byID(idField string, notFound ...string) *GetSpec {
	return &GetSpec{IDParam: idField, IDField: idField, NotFound: notFound}
}

// byFilter is byID for the list calls that take an ID only through their
// Filter.1 key (DescribeHaVips, DescribeVirtualBorderRouters, ...).
func byFilter(idField string, notFound ...string) *GetSpec {
	g := byID(idField, notFound...)
	g.IDParam, g.Params = "Filter.1.Value.1", filterKey(idField)
	return g
}

// filterKey selects by one Filter.N key: the APIs that take IDs and
// parents only that way.
func filterKey(key string) map[string]string { return map[string]string{"Filter.1.Key": key} }

// filterScope scopes a kind under parent through its Filter.1 key (the
// HaVips of a VSwitch, the router interfaces of a router).
func filterScope(parent, key string) Scope {
	return Scope{Parent: parent, Param: "Filter.1.Value.1", Params: filterKey(key)}
}

// attrGet fetches one resource with its own attribute call, whose body is
// the resource.
func attrGet(p Product, action, idField string, notFound ...string) *GetSpec {
	return &GetSpec{Product: p, Action: action, IDParam: idField, IDField: idField, NotFound: notFound}
}

// with adds parameters taken from the tracked object to g.
func (g *GetSpec) with(f func(o *Object) map[string]string) *GetSpec {
	g.With = f
	return g
}

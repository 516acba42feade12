package model

import (
	"reflect"
	"strings"
	"testing"
)

// TestColumnSpecsNameRealFields builds every kind and checks that no
// column spec named a field its kind's type lacks or cannot show.
func TestColumnSpecsNameRealFields(t *testing.T) {
	before := len(ColumnSpecErrors())
	for _, c := range kindConstructors {
		c()
	}
	for _, err := range ColumnSpecErrors()[before:] {
		t.Error(err)
	}
}

type specSample struct {
	Name    string
	Count   int
	Big     int64
	At      int64
	Small   int32
	On      bool
	IDs     Strings
	Flex    FlexString
	Inner   struct{ Deep string }
	Ptr     *struct{ Deep string }
	Nums    []int
	private string
}

func TestColumnSpecCells(t *testing.T) {
	v := &specSample{Name: "n", Count: 7, Big: -3, At: 1700000000000, Small: 2, On: true,
		IDs: Strings{"a", "b"}, Flex: "12", private: "p"}
	v.Inner.Deep = "d"
	o := &Object{Value: v}
	for _, tc := range []struct {
		spec, name, want string
		width            int
		style            ColumnStyle
		wide             bool
	}{
		{"Name 10", "Name", "n", 10, StylePlain, false},
		{"Count 5 number", "Count", "7", 5, StyleNumber, false},
		{"Big 5 Big", "Big", "-3", 5, StylePlain, false},
		{"When 20 time At", "When", "2023-11-14T22:13:20Z", 20, StyleTime, false},
		{"Small 3 number wide", "Small", "2", 3, StyleNumber, true},
		{"On 3", "On", "yes", 3, StylePlain, false},
		{"IDs 9 id", "IDs", "a,b", 9, StyleID, false},
		{"Flex 4 cidr", "Flex", "12", 4, StyleCIDR, false},
		{"Deep 4 status Inner.Deep", "Deep", "d", 4, StyleStatus, false},
	} {
		col, read, err := compileSpec(reflect.TypeFor[specSample](), tc.spec)
		if err != nil {
			t.Errorf("%q: %v", tc.spec, err)
			continue
		}
		col.Get = Col(col.Name, col.Width, col.Style, accessor[specSample](read)).Get
		if col.Name != tc.name || col.Width != tc.width || col.Style != tc.style || col.Wide != tc.wide {
			t.Errorf("%q compiled to %+v", tc.spec, col)
		}
		if got := col.Get(o); got != tc.want {
			t.Errorf("%q: cell %q, want %q", tc.spec, got, tc.want)
		}
		if got := col.Get(&Object{Value: &Vpc{}}); got != "" {
			t.Errorf("%q: cell of another type %q, want empty", tc.spec, got)
		}
	}
	for _, bad := range []string{"Missing 5", "Name", "12", "Name 5 bold", "Nums 5", "Ptr 5 Ptr.Deep", "P 5 private", "Inner 5", "When 5 time Count", "When 5 time On"} {
		if _, _, err := compileSpec(reflect.TypeFor[specSample](), bad); err == nil {
			t.Errorf("%q compiled; want an error", bad)
		}
	}
}

// TestTypedDerivesIdentity checks that a typed kind reads its ID, name and
// status from the fields its ID, Name and Status columns show, and keeps
// an accessor set by hand.
func TestTypedDerivesIdentity(t *testing.T) {
	k := typed[specSample](&Kind{Name: "sample", Columns: cols("ID 5 Name", "Name 5 Flex", "Status 5 Inner.Deep")})
	v := &specSample{Name: "id-1", Flex: "name-1"}
	v.Inner.Deep = "Available"
	if k.ID(v) != "id-1" || k.NameOf(v) != "name-1" || k.Status(v) != "Available" {
		t.Errorf("derived %q %q %q", k.ID(v), k.NameOf(v), k.Status(v))
	}
	if _, ok := k.New().(*specSample); !ok {
		t.Errorf("New made %T", k.New())
	}
	phases := map[string]Phase{"available": PhaseReady}
	k = typed[specSample](&Kind{Name: "sample", Columns: cols(phased("Status 5 status Inner.Deep", phases))})
	if c := k.Columns[0]; c.Name != "Status" || c.Style != StyleStatus || c.Get(&Object{Value: v}) != "Available" ||
		c.PhaseOf(k, "Available") != PhaseReady || k.Status(v) != "Available" {
		t.Errorf("a phased spec compiled to %+v (status %q): want its own phases kept", c, k.Status(v))
	}
	own := func(any) string { return "own" }
	k = typed[specSample](&Kind{Name: "sample", Status: own, Columns: cols("ID 5 Name", "Status 5 Inner.Deep")})
	if k.Status(v) != "own" || k.NameOf != nil {
		t.Errorf("typed replaced a hand-set Status or invented a NameOf")
	}
	before := len(ColumnSpecErrors())
	typed[specSample](&Kind{Name: "broken", Columns: cols("Nope 5", 42)})
	if errs := ColumnSpecErrors(); len(errs) != before+2 || !strings.Contains(errs[len(errs)-1].Error(), "broken") {
		t.Errorf("errors after a broken kind: %v", errs[before:])
	}
}

// BenchmarkCell compares a column compiled from a spec with the same
// column written as a closure.
func BenchmarkCell(b *testing.B) {
	spec := typed[Vpc](&Kind{Name: "vpc", Columns: cols("Name 20 VpcName")}).Columns[0]
	closure := Col("Name", 20, StylePlain, func(v *Vpc) string { return v.VpcName })
	o := &Object{Value: &Vpc{VpcName: "prod"}}
	for _, c := range []struct {
		name string
		col  Column
	}{{"spec", spec}, {"closure", closure}} {
		b.Run(c.name, func(b *testing.B) {
			for b.Loop() {
				if c.col.Get(o) != "prod" {
					b.Fatal("wrong cell")
				}
			}
		})
	}
}

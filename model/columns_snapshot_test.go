package model

import (
	"flag"
	"fmt"
	"os"
	"reflect"
	"sort"
	"strings"
	"testing"
)

var updateSnapshot = flag.Bool("update", false, "rewrite testdata/kinds.snapshot")

// TestKindsSnapshot pins every kind as the console sees it: its list and
// get specs, scopes, phases, its ID, name and status of a sample object,
// and each column's title, width, style and cell for that object (one with
// every field set to a distinct value, one zero). A change to a kind's
// declaration that changes anything a user sees shows up here.
func TestKindsSnapshot(t *testing.T) {
	var b strings.Builder
	for _, k := range Default().Kinds() {
		describeKind(&b, k)
	}
	got := b.String()
	const path = "testdata/kinds.snapshot"
	if *updateSnapshot {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		gl, wl := strings.Split(got, "\n"), strings.Split(string(want), "\n")
		i := 0
		for i < len(gl) && i < len(wl) && gl[i] == wl[i] {
			i++
		}
		gl, wl = append(gl, "(end)"), append(wl, "(end)")
		t.Fatalf("kinds differ from %s at line %d (-update rewrites it after a deliberate change):\n got: %s\nwant: %s",
			path, i+1, gl[i], wl[i])
	}
}

func describeKind(b *strings.Builder, k *Kind) {
	fmt.Fprintf(b, "kind %s %q %q %q order=%d global=%v members=%v\n", k.Name, k.Aliases, k.Title, k.Singular, k.Order, k.Global, k.Members)
	fmt.Fprintf(b, "  list %+v\n", k.List)
	if k.Get != nil {
		g := *k.Get
		g.With = nil
		fmt.Fprintf(b, "  get %+v with=%v\n", g, k.Get.With != nil)
	}
	for _, s := range k.Scopes {
		fmt.Fprintf(b, "  scope parent=%s param=%s required=%v params=%v values=%v of=%v\n", s.Parent, s.Param, s.Required, s.Params, s.Values != nil, s.Of != nil)
	}
	fmt.Fprintf(b, "  sort=%s desc=%v target=%v timeout=%d phases=%v\n", k.SortBy, k.SortDesc, k.Target, k.TrackTimeoutMinutes, sortedPhases(k.Phases))
	fmt.Fprintf(b, "  funcs new=%v id=%v name=%v status=%v normalize=%v home=%v extras=%d\n", k.New != nil, k.ID != nil, k.NameOf != nil, k.Status != nil, k.Normalize != nil, k.HomeRegion != nil, len(k.Extras))
	for _, c := range k.Columns {
		fmt.Fprintf(b, "  col %q width=%d style=%d wide=%v get=%v phases=%v\n", c.Name, c.Width, c.Style, c.Wide, c.Get != nil, sortedPhases(c.Phases))
	}
	if k.New == nil {
		return
	}
	for _, sample := range []string{"zero", "full"} {
		v := k.New()
		if sample == "full" {
			n := 0
			fillSample(reflect.ValueOf(v).Elem(), &n)
		}
		o := &Object{Kind: k, Region: "cn-sample", Value: v, ID: "obj-id", Name: "obj-name", Status: "obj-status"}
		if k.Normalize != nil {
			k.Normalize(v)
		}
		fmt.Fprintf(b, "  %s id=%q", sample, k.ID(v))
		if k.HomeRegion != nil {
			fmt.Fprintf(b, " home=%q", k.HomeRegion(v))
		}
		if k.Get != nil && k.Get.With != nil {
			fmt.Fprintf(b, " with=%v", k.Get.With(o))
		}
		for _, s := range k.Scopes {
			if s.Of != nil {
				fmt.Fprintf(b, " of(%s)=%q", s.Parent, s.Of(o))
			}
			if s.Values != nil {
				// The parent's own sample, filled the same way.
				pk := Default().MustLookup(s.Parent)
				pv := pk.New()
				if sample == "full" {
					n := 0
					fillSample(reflect.ValueOf(pv).Elem(), &n)
				}
				fmt.Fprintf(b, " values(%s)=%q", s.Parent, s.Values(&Object{Kind: pk, Value: pv}))
			}
		}
		if k.NameOf != nil {
			fmt.Fprintf(b, " name=%q", k.NameOf(v))
		}
		if k.Status != nil {
			fmt.Fprintf(b, " status=%q", k.Status(v))
		}
		b.WriteString("\n")
		for _, c := range k.Columns {
			if c.Get != nil {
				fmt.Fprintf(b, "    %s=%q\n", c.Name, c.Get(o))
			}
		}
	}
}

func sortedPhases(m map[string]Phase) string {
	if m == nil {
		return "nil"
	}
	keys := make([]string, 0, len(m))
	for k, p := range m {
		keys = append(keys, fmt.Sprintf("%s:%s", k, p))
	}
	sort.Strings(keys)
	return strings.Join(keys, ",")
}

// fillSample sets every field reachable in v to a distinct value: strings
// to "s" and a counter, numbers to the counter, booleans to
// true, slices to two elements.
func fillSample(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		v.SetInt(int64(*n))
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64:
		v.SetUint(uint64(*n))
	case reflect.Float32, reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fillSample(v.Field(i), n)
			}
		}
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fillSample(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fillSample(p.Elem(), n)
		v.Set(p)
	case reflect.Map:
		if v.Type().Key().Kind() == reflect.String {
			m := reflect.MakeMap(v.Type())
			e := reflect.New(v.Type().Elem()).Elem()
			fillSample(e, n)
			m.SetMapIndex(reflect.ValueOf(fmt.Sprintf("k%d", *n)).Convert(v.Type().Key()), e)
			v.Set(m)
		}
	}
}

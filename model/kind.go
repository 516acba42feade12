// Package model holds alivpc's domain types (with the API's own JSON names) and
// the kind registry: every resource the console shows described as data —
// names, aliases, how to list and fetch it, its columns, its status phases and
// how it relates to other kinds. It imports nothing of ours.
package model

import (
	"encoding/json"
	"sort"
	"strings"
)

// Product is an Alibaba Cloud OpenAPI product with a fixed API version.
type Product string

const (
	ProductVPC     Product = "vpc"     // VPC 2016-04-28
	ProductVpcPeer Product = "vpcpeer" // VpcPeer 2022-01-01
	ProductSmartag Product = "smartag" // Smart Access Gateway 2018-03-13
	ProductSts     Product = "sts"     // STS 2015-04-01 (the caller's identity)
)

// Version is the API version string sent with every request to p.
func (p Product) Version() string {
	switch p {
	case ProductVpcPeer:
		return "2022-01-01"
	case ProductSmartag:
		return "2018-03-13"
	case ProductSts:
		return "2015-04-01"
	default:
		return "2016-04-28"
	}
}

// Code is the product code as the SDKs and the request log spell it.
func (p Product) Code() string {
	switch p {
	case ProductVpcPeer:
		return "VpcPeer"
	case ProductSmartag:
		return "Smartag"
	case ProductSts:
		return "Sts"
	default:
		return "Vpc"
	}
}

// Products lists every product alivpc talks to.
func Products() []Product {
	return []Product{ProductVPC, ProductVpcPeer, ProductSmartag, ProductSts}
}

// Paging is how a list operation pages.
type Paging int

const (
	NoPaging         Paging = iota // one call returns everything
	PageNumberPaging               // PageNumber/PageSize with TotalCount
	NextTokenPaging                // NextToken with MaxResults (or MaxResult)
)

// ListSpec says how to list a kind.
type ListSpec struct {
	Product Product
	Action  string
	// Path is the dotted path to the item array in the response body, e.g.
	// "Vpcs.Vpc". A path of one element names a top-level array.
	Path   string
	Paging Paging
	// SizeParam is the page-size parameter: "PageSize", "MaxResults", or
	// DescribeRouteEntryList's singular "MaxResult".
	SizeParam   string
	MaxPageSize int
	// Params are fixed parameters sent with every list call.
	Params map[string]string
	// NoRegion is set for operations that take no RegionId (DescribeRegions).
	NoRegion bool
}

// GetSpec says how to fetch one resource by ID, for live status tracking.
type GetSpec struct {
	Product Product
	Action  string
	IDParam string
	// Path is "" when the response body itself is the resource (the
	// Describe*Attribute(s) style); otherwise the dotted path to an item array
	// whose first element is the resource (a list filtered by ID).
	Path string
	// IDField is the JSON field that must be non-empty for the resource to
	// exist; an empty value reads as "gone" (the attribute calls answer an
	// empty object for a deleted resource).
	IDField string
	// NotFound are the error codes that mean the resource is gone.
	NotFound []string
	Params   map[string]string
	// With adds parameters taken from the tracked object itself (the SNAT
	// table an entry lives in).
	With func(o *Object) map[string]string
}

// Scope narrows a kind to one parent: VSwitches of a VPC, entries of a route
// table. A kind's children are exactly the kinds that declare a Scope on it.
type Scope struct {
	Parent string // parent kind name
	// Param is the list parameter that carries the parent value. Empty means
	// the API cannot filter: rows are matched on the client with Of.
	Param string
	// Required means the API refuses to list without the parameter: listing
	// the kind unscoped lists every parent first and then each one's children.
	Required bool
	// Values derives the parameter values from the parent object (a NAT
	// gateway's SNAT table IDs). Nil means the parent's ID.
	Values func(parent *Object) []string
	// Of returns the parent ID a child row belongs to, for client-side
	// matching and breadcrumbs. Nil when Param is enough.
	Of func(child *Object) string
	// Params are fixed parameters sent with a scoped listing (EIPs of a NAT
	// gateway also need AssociatedInstanceType=Nat).
	Params map[string]string
}

// Phase classifies a status value so that colours and tracking mean the same
// everywhere.
type Phase int

const (
	PhaseUnknown      Phase = iota
	PhaseReady              // settled and working: Available, active, Established
	PhaseTransitional       // moving: Pending, Creating, Deleting, Accepting...
	PhaseInactive           // settled but off: Inactive, terminated, Rejected
	PhaseFailed             // broken: session down, failed, expired
)

func (p Phase) String() string {
	switch p {
	case PhaseReady:
		return "ready"
	case PhaseTransitional:
		return "transitional"
	case PhaseInactive:
		return "inactive"
	case PhaseFailed:
		return "failed"
	}
	return "unknown"
}

// ColumnStyle hints how a column renders and sorts.
type ColumnStyle int

const (
	StylePlain  ColumnStyle = iota
	StyleID                 // resource IDs
	StyleStatus             // coloured by Phase
	StyleNumber             // right-aligned, numeric sort
	StyleTime               // ISO-8601 timestamps, sorted as text
	StyleCIDR               // addresses and blocks, sorted numerically
	// StyleKind shows the row's own kind (Singular) in a union pane: the
	// "Type" column of the gateways overview, "Source" of flow logs.
	StyleKind
	// StyleSpark is a sparkline the console fills in after the listing
	// (recent traffic): the listing's own cell is empty.
	StyleSpark
)

// Column is one table column.
type Column struct {
	Name  string // header; also the `column:value` filter key (case-insensitive)
	Width int    // preferred width in cells; the table shrinks flexible columns
	Style ColumnStyle
	Get   func(o *Object) string
	// Wide columns are shown only when the terminal has room for them.
	Wide bool
	// Phases overrides the kind's phases for colouring this column (a BGP
	// peer's session state, where "Active" means not connected).
	Phases map[string]Phase

	spec string // the declaration typed compiles (see cols)
}

// PhaseOf classifies a cell of this column, falling back to the kind.
func (c Column) PhaseOf(k *Kind, value string) Phase {
	if c.Phases != nil {
		if p, ok := c.Phases[strings.ToLower(value)]; ok {
			return p
		}
		return PhaseUnknown
	}
	return k.Phase(value)
}

// Object is one resource as the console holds it.
type Object struct {
	Kind   *Kind
	Region string
	ID     string
	Name   string
	Status string
	// Value is a pointer to the kind's typed struct (*Vpc, *VSwitch, ...).
	// Large listings drop it once their cells are computed (Raw holds the
	// same data); use Val, which decodes it again when needed.
	Value any
	// Raw is the resource exactly as the API returned it.
	Raw json.RawMessage
}

// Val returns the typed value, decoding it from Raw if it was dropped. A
// value decoded here is not kept: holding 100,000 of them twice is what
// dropping avoids.
func (o *Object) Val() any {
	if o.Value != nil || o.Kind == nil || o.Kind.New == nil {
		return o.Value
	}
	v, _ := o.Kind.value(o.Raw)
	return v
}

// value decodes one raw item into a new value of the kind: control
// characters neutralized (the decoded strings reach the terminal; Raw
// stays the API's own bytes), then normalized.
func (k *Kind) value(raw json.RawMessage) (any, error) {
	v := k.New()
	if err := json.Unmarshal(neutralizeControls(raw), v); err != nil {
		return v, err
	}
	if k.Normalize != nil {
		k.Normalize(v)
	}
	return v, nil
}

// Compact drops the typed value when Raw can rebuild it. Kinds whose extra
// calls put data in the value (regions' zones) keep it.
func (o *Object) Compact() {
	if o.Kind != nil && len(o.Kind.Extras) == 0 && len(o.Raw) > 0 {
		o.Value = nil
	}
}

// Kind describes one resource type.
type Kind struct {
	Name     string   // canonical name and `:` command, e.g. "vsw"
	Aliases  []string // other `:` names, e.g. "vswitch", "vswitches"
	Title    string   // pane title, plural: "VSwitches"
	Singular string   // "VSwitch"
	Order    int      // position in menus and drill-down lists

	List ListSpec
	Get  *GetSpec // nil: tracked by relisting

	// Members makes this a union pane (gateways overview, flow logs): rows
	// are the member kinds' objects and each column is looked up by name in
	// the row's own kind; the column named "Type" shows the member's Singular.
	Members []string

	Scopes []Scope
	// Global kinds are not listed per region (regions themselves).
	Global bool

	New    func() any // a new *T for decoding one item
	ID     func(v any) string
	NameOf func(v any) string
	Status func(v any) string
	// Normalize fixes up a decoded value whose list item carries less than
	// the get response (optional).
	Normalize func(v any)
	// HomeRegion is the region a resource belongs to when its own item
	// says so and the API lists it in other regions too (a cross-region
	// peering shows in the requester's and the accepter's region): the
	// object takes that region, so every listing yields the same resource
	// (kind, region, ID) once, and actions send the region it lives in.
	HomeRegion func(v any) string

	Columns  []Column
	SortBy   string // default sort column
	SortDesc bool

	// Phases maps status values (case-insensitive) to phases. Statuses not
	// listed read as PhaseUnknown.
	Phases map[string]Phase
	// Target is the status a freshly created resource settles in; Tracking
	// uses it when no other target is given.
	Target []string
	// TrackTimeoutMinutes is how long tracking waits before giving up.
	TrackTimeoutMinutes int

	// Extras are per-object calls made after listing to fill in what the
	// list does not carry (a region's zones and service status).
	Extras []Extra
}

// Extra is one follow-up call per listed object.
type Extra struct {
	Name    string // what it fills in, for progress and errors
	Product Product
	Action  string
	// Params returns the call's parameters for o (RegionId is added from
	// o.Region by the caller).
	Params func(o *Object) map[string]string
	// Apply stores the answer in o.Value. It runs on the loading goroutine,
	// before the object is handed to the UI.
	Apply func(o *Object, body json.RawMessage) error
}

// Phase classifies status for this kind.
func (k *Kind) Phase(status string) Phase {
	if status == "" {
		return PhaseUnknown
	}
	if p, ok := k.Phases[strings.ToLower(status)]; ok {
		return p
	}
	return PhaseUnknown
}

// Column returns the column with the given name (case-insensitive).
func (k *Kind) Column(name string) (Column, bool) {
	for _, c := range k.Columns {
		if strings.EqualFold(c.Name, name) {
			return c, true
		}
	}
	return Column{}, false
}

// Decode turns one raw list item into an Object of this kind.
func (k *Kind) Decode(region string, raw json.RawMessage) (*Object, error) {
	v, err := k.value(raw)
	if err != nil {
		return nil, err
	}
	if k.HomeRegion != nil {
		if home := k.HomeRegion(v); home != "" {
			region = home
		}
	}
	o := &Object{Kind: k, Region: region, Value: v, Raw: raw}
	o.ID = k.ID(v)
	if k.NameOf != nil {
		o.Name = k.NameOf(v)
	}
	if k.Status != nil {
		o.Status = k.Status(v)
	}
	return o, nil
}

// ScopeFor returns the scope of k under the parent kind, if any.
func (k *Kind) ScopeFor(parent string) (Scope, bool) {
	for _, s := range k.Scopes {
		if s.Parent == parent {
			return s, true
		}
	}
	return Scope{}, false
}

// IsUnion reports whether k is a union pane.
func (k *Kind) IsUnion() bool { return len(k.Members) > 0 }

// Registry holds every kind, by name and alias. It is built once and never
// changed afterwards.
type Registry struct {
	kinds  []*Kind
	byName map[string]*Kind
}

// NewRegistry builds a registry from kinds, indexing names and aliases.
func NewRegistry(kinds ...*Kind) *Registry {
	r := &Registry{byName: map[string]*Kind{}}
	for _, k := range kinds {
		r.kinds = append(r.kinds, k)
		r.byName[strings.ToLower(k.Name)] = k
		for _, a := range k.Aliases {
			r.byName[strings.ToLower(a)] = k
		}
	}
	sort.SliceStable(r.kinds, func(i, j int) bool { return r.kinds[i].Order < r.kinds[j].Order })
	return r
}

// Kinds returns every kind in menu order.
func (r *Registry) Kinds() []*Kind { return r.kinds }

// Lookup finds a kind by name or alias, case-insensitively.
func (r *Registry) Lookup(name string) (*Kind, bool) {
	k, ok := r.byName[strings.ToLower(strings.TrimSpace(name))]
	return k, ok
}

// MustLookup is Lookup for names known at compile time.
func (r *Registry) MustLookup(name string) *Kind {
	k, ok := r.Lookup(name)
	if !ok {
		panic("model: unknown kind " + name)
	}
	return k
}

// Names returns every name and alias, sorted, for completion.
func (r *Registry) Names() []string {
	out := make([]string, 0, len(r.byName))
	for n := range r.byName {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// Children returns the kinds scoped under parent, in menu order. Union kinds
// are left out: they are panes of their own, not drill-down targets.
func (r *Registry) Children(parent string) []*Kind {
	var out []*Kind
	for _, k := range r.kinds {
		if k.IsUnion() {
			continue
		}
		if _, ok := k.ScopeFor(parent); ok {
			out = append(out, k)
		}
	}
	return out
}

// MembersOf resolves a union kind's members.
func (r *Registry) MembersOf(k *Kind) []*Kind {
	out := make([]*Kind, 0, len(k.Members))
	for _, n := range k.Members {
		if m, ok := r.Lookup(n); ok {
			out = append(out, m)
		}
	}
	return out
}

// Cell returns the text of the named column for o, as shown in the pane of
// kind view (which may be a union whose columns resolve in o's own kind).
func Cell(view *Kind, o *Object, col Column) string {
	if !view.IsUnion() || o.Kind == view {
		return col.Get(o)
	}
	if col.Style == StyleKind {
		return o.Kind.Singular
	}
	if c, ok := o.Kind.Column(col.Name); ok {
		return c.Get(o)
	}
	if col.Get != nil {
		return col.Get(o)
	}
	return ""
}

// Col builds a typed column: get receives the object's *T.
func Col[T any](name string, width int, style ColumnStyle, get func(*T) string) Column {
	return Column{Name: name, Width: width, Style: style, Get: func(o *Object) string {
		v, ok := o.Val().(*T)
		if !ok || v == nil {
			return ""
		}
		return get(v)
	}}
}

// Field adapts a typed accessor for Kind.ID, NameOf and Status.
func Field[T any](get func(*T) string) func(any) string {
	return func(v any) string {
		t, ok := v.(*T)
		if !ok || t == nil {
			return ""
		}
		return get(t)
	}
}

// NewOf returns a constructor of *T for Kind.New.
func NewOf[T any]() func() any { return func() any { return new(T) } }

// PhaseMap builds a case-insensitive Phases map.
func PhaseMap(groups map[Phase][]string) map[string]Phase {
	m := map[string]Phase{}
	for p, names := range groups {
		for _, n := range names {
			m[strings.ToLower(n)] = p
		}
	}
	return m
}

package sim

import (
	"reflect"
	"slices"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// The shared handler pieces. A family declares what differs as data and
// writes only its own rules by hand (ops_nat.go and ops_vpn.go show each
// piece in use):
//
//   - A stored kind: kindOf(name, prefix, id, status, hooks[T]{Refs, Fill,
//     Render, NextHopType}), e.g.
//     r.kind(kindOf(kindNatGateway, "ngw-",
//     func(n *model.NatGateway) string { return n.NatGatewayId },
//     func(n *model.NatGateway) *string { return &n.Status },
//     hooks[model.NatGateway]{Refs: func(n *model.NatGateway) []ref {...}}))
//     (status nil: the kind has none). Fill sets the fields derived from
//     other records in a copy of the value, as the API shows it.
//   - Not found: one finder per kind and answer, e.g.
//     var lookupNat = finder{kindNatGateway, "NatGatewayId", 404,
//     "InvalidNatGatewayId.NotFound", "The specified NatGatewayId does not
//     exist in our records."}.in
//     (.here reads the required RegionId first: a lookup for with;
//     lookupIn(c, kind, param, region, code, msg) for a one-off 404).
//     regionNeed(c, names...) reads the region, then the required
//     parameters (needRegion the other way round).
//   - An operation on one resource: register on(lookup, fn) and write
//     fn(c, rec); on reads the required RegionId and finds the record.
//     onIn(regionFn, lookup, fn) reads the region the family's way,
//     with(lookup, fn) takes a lookup that reads it itself, onPair a lookup
//     of two records (an entry and its gateway). Describe<Kind> is
//     on(lookup, rendered).
//   - Status checks: requireStatus(c, rec, err, allowed...) answers err
//     unless the record's status is one of allowed.
//   - Writes: commitEdit(c, rec, edits{"Name": &v.Name, ...}, more)
//     commits a Modify* call and copies the parameters given into their
//     fields, and editAttrs(check, editsOf(havipOf, "Name", "Description"))
//     is a whole Modify*Attribute handler; commitUnder(c, kind, by, id, max, full) commits unless a
//     quota is full; transit(c, rec, status, final) starts a timed
//     transition; removeLater(c, rec, deleting, then) commits an
//     asynchronous delete (removing starts one after a commit of the
//     handler's own).
//   - A paginated Describe (PageNumber/PageSize): a listSpec registered as
//     r.read(vpc, "DescribeNatGateways", describeNatGateways.op), e.g.
//     var describeNatGateways = listSpec{Kind: kindNatGateway,
//     Wrapper: "NatGateways", Item: "NatGateway",
//     Narrow: []narrow{{"NatGatewayId", byID}, {"VpcId", "vpc"}},
//     Fields: fieldsOf(natOf, "VpcId", "Name", "Status", "ZoneId=NatGatewayPrivateInfo.IzNo")}
//     It reads RegionId (or Region), the parent (In, for entries of a
//     table), PageNumber/PageSize (PageDef, at most PageMax; 10 and 50 by
//     default), runs Rules (the family's own checks and filters, in its
//     documented order), lists the index of the first Narrow parameter
//     given (byID, byIDList or a ref; a region filter is added unless the
//     ref is Local), keeps the records whose Fields equal the parameters
//     given, and answers {Wrapper: {Item: [...]}, TotalCount, PageNumber,
//     PageSize} (Items renders, Answer adjusts the body).

// finder names a kind's ID parameter and its not-found answer.
type finder struct {
	Kind, Param string
	Status      int
	Code, Msg   string
}

// in finds the record named by the finder's parameter in region (any
// region when region is ""), or answers the not-found error.
func (f finder) in(c *call, region string) (*record, error) {
	if err := c.need(f.Param); err != nil {
		return nil, err
	}
	rec := c.st.find(f.Kind, region, strings.TrimSpace(c.str(f.Param)))
	if rec == nil {
		return nil, newErr(f.Status, f.Code, f.Msg)
	}
	return rec, nil
}

// here reads the required, known RegionId and finds the record there: a
// lookup for with.
func (f finder) here(c *call) (*record, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	return f.in(c, region)
}

// on builds a handler for an operation on one record: it reads the required
// RegionId, finds the record with lookup and calls fn.
func on(lookup func(*call, string) (*record, error), fn func(c *call, rec *record) (any, error)) func(*call) (any, error) {
	return onIn((*call).region, lookup, fn)
}

// onIn is on with the family's own reading of RegionId.
func onIn(region func(*call) (string, error), lookup func(*call, string) (*record, error), fn func(c *call, rec *record) (any, error)) func(*call) (any, error) {
	return with(func(c *call) (*record, error) {
		r, err := region(c)
		if err != nil {
			return nil, err
		}
		return lookup(c, r)
	}, fn)
}

// with builds a handler for an operation on the record lookup finds.
func with(lookup func(*call) (*record, error), fn func(c *call, rec *record) (any, error)) func(*call) (any, error) {
	return func(c *call) (any, error) {
		rec, err := lookup(c)
		if err != nil {
			return nil, err
		}
		return fn(c, rec)
	}
}

// onPair is on for operations that find two records (an entry and the
// gateway that owns its table).
func onPair(lookup func(*call, string) (a, b *record, err error), fn func(c *call, a, b *record) (any, error)) func(*call) (any, error) {
	return func(c *call) (any, error) {
		region, err := c.region()
		if err != nil {
			return nil, err
		}
		a, b, err := lookup(c, region)
		if err != nil {
			return nil, err
		}
		return fn(c, a, b)
	}
}

// rendered answers the record as the API shows it (Describe<Kind>).
func rendered(c *call, rec *record) (any, error) { return c.st.render(rec), nil }

// requireStatus answers err unless rec's status is one of allowed.
func requireStatus(c *call, rec *record, err error, allowed ...string) error {
	if slices.Contains(allowed, c.st.status(rec)) {
		return nil
	}
	return err
}

// removeLater commits a delete: rec takes the transitional status and is
// removed (after the follow-up then, if any) when the settle time is over.
func removeLater(c *call, rec *record, status, then string) (any, error) {
	if err := c.commit(); err != nil {
		return nil, err
	}
	removing(c, rec, status, then)
	return nil, nil
}

// removing gives rec the transitional status now and removes it (after the
// follow-up then, if any) when the settle time is over (after c.commit()).
func removing(c *call, rec *record, status, then string) {
	c.st.setStatus(rec, status)
	c.st.schedule(rec, Transition{Due: c.due(), Then: then, Remove: true})
}

// commitUnder commits the call unless the records of kind filed under
// by = id already number max or more: then it answers full (a quota).
func commitUnder(c *call, kind, by, id string, max int, full error) error {
	if c.st.count(kind, by, id) >= max {
		return full
	}
	return c.commit()
}

// transit gives rec the transitional status now and final when the settle
// time is over (after c.commit()).
func transit(c *call, rec *record, status, final string) {
	c.st.setStatus(rec, status)
	c.st.schedule(rec, Transition{Due: c.due(), Status: final})
}

// byID as a narrow's index names the record whose ID is the parameter,
// byIDList the records of a comma-separated list of IDs.
const (
	byID     = "id"
	byIDList = "ids"
)

// narrow names a parameter that selects an index of the listed kind: the
// records filed under By = the parameter's value (byID: the one record).
type narrow struct{ Param, By string }

// fields maps a parameter to the record field it filters on (exact match).
type fields map[string]func(*record) string

// listSpec declares a PageNumber/PageSize Describe call (see the comment at
// the top of this file).
type listSpec struct {
	Kind          string
	Wrapper, Item string
	// PageDef is the default PageSize (10 when 0), PageMax the largest
	// (50 when 0).
	PageDef, PageMax int
	// Region reads the region (nil: the required, known RegionId).
	Region func(*call) (string, error)
	// Rules are the family's own checks and filters; an error answers the
	// call. They run after paging, before the listing.
	Rules func(c *call, region string) ([]func(*record) bool, error)
	// In, when set, lists the children of a parent it looks up (before
	// paging; a lookup failure answers the call) instead of Narrow.
	In func(c *call, region string) (*ordIndex, error)
	// Narrow: the first parameter given picks the index listed, and its
	// Fields filter is then left out (the index is that filter).
	Narrow []narrow
	// Local names the Narrow indexes (By) that hold only the region's
	// records (the family checked the parent is in the region), so no
	// region filter is added.
	Local []string
	// Fields filter on exact equality with the parameter, when given.
	Fields fields
	// Items renders a page (nil: each record as the API shows it).
	Items func(c *call, recs []*record) []any
	// Answer adjusts the paged answer (nil: as it is).
	Answer func(body M) M
}

func (s listSpec) op(c *call) (any, error) {
	region, err := s.region(c)
	if err != nil {
		return nil, err
	}
	def, max := s.PageDef, s.PageMax
	if def == 0 {
		def = 10
	}
	if max == 0 {
		max = 50
	}
	var parent *ordIndex
	if s.In != nil {
		if parent, err = s.In(c, region); err != nil {
			return nil, err
		}
	}
	num, size, err := c.paging(def, max)
	if err != nil {
		return nil, err
	}
	var fs []func(*record) bool
	if s.Rules != nil {
		if fs, err = s.Rules(c, region); err != nil {
			return nil, err
		}
	}
	ix, local, by := parent, true, ""
	if s.In == nil {
		ix, local, by = s.index(c, region)
	}
	if !local {
		fs = append(fs, func(r *record) bool { return r.Region == region })
	}
	fs = append(fs, s.Fields.match(c, by)...)
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	var items []any
	if s.Items != nil {
		items = s.Items(c, recs)
	} else {
		items = c.st.renderAll(recs)
	}
	body := paged(s.Wrapper, s.Item, items, total, num, size)
	if s.Answer != nil {
		body = s.Answer(body)
	}
	return body, nil
}

func (s listSpec) region(c *call) (string, error) {
	if s.Region != nil {
		return s.Region(c)
	}
	return c.region()
}

// index picks the index of the first Narrow parameter given (the region's
// records when none is); local reports whether it holds only records of
// the region, by names the parameter.
func (s listSpec) index(c *call, region string) (ix *ordIndex, local bool, by string) {
	for _, n := range s.Narrow {
		v := strings.TrimSpace(c.str(n.Param))
		switch {
		case v == "":
			continue
		case n.By == byID:
			return byIDs(c.st, s.Kind, region, []string{v}), true, n.Param
		case n.By == byIDList:
			return byIDs(c.st, s.Kind, region, strings.Split(v, ",")), true, n.Param
		}
		return c.st.index(s.Kind, n.By, v), slices.Contains(s.Local, n.By), n.Param
	}
	return c.st.inRegion(s.Kind, region), true, ""
}

// kindOf declares a stored kind of *T values: its name, ID prefix, ID and
// status field (status nil: the kind has none) and its typed hooks.
func kindOf[T any](name, prefix string, id func(*T) string, status func(*T) *string, h hooks[T]) *kindSpec {
	k := &kindSpec{Name: name, Prefix: prefix, New: model.NewOf[T](), ID: model.Field(id),
		Render: h.Render, NextHopType: h.NextHopType}
	if status != nil {
		k.Status = model.Field(func(t *T) string { return *status(t) })
		k.SetStatus = func(v any, s string) { *status(v.(*T)) = s }
	}
	if h.Refs != nil {
		k.Refs = func(v any) []ref { return h.Refs(v.(*T)) }
	}
	if h.Fill != nil {
		k.Render = func(st *store, r *record) any {
			v := *r.Value.(*T)
			h.Fill(st, &v)
			return &v
		}
	}
	return k
}

// hooks are the rest of a stored kind's declaration: Refs lists what a
// value belongs to (an ordered index each), Fill sets the fields derived
// from other records in the copy the API shows, Render answers another
// value instead (nil, with no Fill: the value as stored), NextHopType is
// the route entry NextHopType that may point at the kind.
type hooks[T any] struct {
	Refs        func(v *T) []ref
	Fill        func(st *store, v *T)
	Render      func(st *store, r *record) any
	NextHopType string
}

// edits maps a Modify* parameter to the field it sets.
type edits map[string]*string

// commitEdit commits a Modify* call and applies it as one change of rec:
// each parameter of set the request carries is copied into its field, then
// more (if not nil) applies the rest.
func commitEdit(c *call, rec *record, set edits, more func()) error {
	if err := c.commit(); err != nil {
		return err
	}
	c.st.change(rec, func() {
		for param, dst := range set {
			setIf(c, param, dst)
		}
		if more != nil {
			more()
		}
	})
	return nil
}

// editAttrs is a Modify*Attribute handler as data, for on or with: check
// applies the family's rules, then commitEdit copies the parameters given
// into the fields the record's edits name.
func editAttrs(check func(*call) error, fields func(*record) edits) func(*call, *record) (any, error) {
	return func(c *call, rec *record) (any, error) {
		if err := check(c); err != nil {
			return nil, err
		}
		return nil, commitEdit(c, rec, fields(rec), nil)
	}
}

// keep adapts one filter (nil: none) and its error to listSpec.Rules.
func keep(f func(*record) bool, err error) ([]func(*record) bool, error) {
	return []func(*record) bool{f}, err
}

// match turns the fields whose parameters the request carries into
// filters, but for the parameter skip ("" none: a listSpec's Narrow
// parameter, whose index is already that filter).
func (f fields) match(c *call, skip string) []func(*record) bool {
	var fs []func(*record) bool
	for param, get := range f {
		if want := strings.TrimSpace(c.str(param)); want != "" && param != skip {
			fs = append(fs, func(r *record) bool { return get(r) == want })
		}
	}
	return fs
}

// fieldsOf declares filters on string fields of the values of a kind, as a
// list of names: "Status" filters parameter Status on field Status,
// "ZoneId=NatGatewayPrivateInfo.IzNo" names a field spelled otherwise
// (embedded and nested fields are reached by name). A name that is no
// string field of T is a mistake in the declaration, found when the
// package is initialised.
func fieldsOf[T any](of func(*record) *T, names ...string) fields {
	out := fields{}
	for _, n := range names {
		param, idx, ft := fieldPath[T](n)
		if ft.Kind() != reflect.String {
			panic("sim: " + reflect.TypeFor[T]().Name() + "." + n + " is not a string")
		}
		out[param] = func(r *record) string { return reflect.ValueOf(of(r)).Elem().FieldByIndex(idx).String() }
	}
	return out
}

// editsOf declares the fields a Modify* call sets, named as for fieldsOf
// ("Name", "VpcName", "ZoneId=NatGatewayPrivateInfo.IzNo"); each must be a
// string field of T.
func editsOf[T any](of func(*record) *T, names ...string) func(*record) edits {
	params, idxs := make([]string, len(names)), make([][]int, len(names))
	for i, n := range names {
		var ft reflect.Type
		if params[i], idxs[i], ft = fieldPath[T](n); ft != reflect.TypeFor[string]() {
			panic("sim: " + reflect.TypeFor[T]().Name() + "." + n + " is not a string")
		}
	}
	return func(r *record) edits {
		v, out := reflect.ValueOf(of(r)).Elem(), edits{}
		for i, param := range params {
			out[param] = v.FieldByIndex(idxs[i]).Addr().Interface().(*string)
		}
		return out
	}
}

// fieldPath resolves a fieldsOf name: the parameter, the index path of the
// field of T (embedded and nested fields reached by name) and its type.
// A name that is no field of T panics: the declarations are checked when
// the package is initialised.
func fieldPath[T any](n string) (param string, idx []int, ft reflect.Type) {
	param, path, ok := strings.Cut(n, "=")
	if !ok {
		path = param
	}
	t := reflect.TypeFor[T]()
	ft = t
	for name := range strings.SplitSeq(path, ".") {
		f, found := ft.FieldByName(name)
		if !found {
			panic("sim: " + t.Name() + " has no field " + path)
		}
		idx, ft = append(idx, f.Index...), f.Type
	}
	return param, idx, ft
}

// needRegion answers MissingParameter for the first of names absent, then
// reads the required, known RegionId.
func needRegion(c *call, names ...string) (string, error) {
	if err := c.need(names...); err != nil {
		return "", err
	}
	return c.region()
}

// regionNeed reads the required, known RegionId, then answers
// MissingParameter for the first of names absent (needRegion checks names
// first: each family answers in its own order).
func regionNeed(c *call, names ...string) (string, error) {
	region, err := c.region()
	if err != nil {
		return "", err
	}
	return region, c.need(names...)
}

// nameDesc checks the name parameter with rule and Description with the
// description rule; bad builds the answer for the parameter that fails,
// from the rule's complaint.
func nameDesc(c *call, nameParam string, rule model.NameRule, bad func(param string, why error) error) error {
	if err := rule.Check(c.str(nameParam)); err != nil {
		return bad(nameParam, err)
	}
	if err := model.CheckDescription(c.str("Description")); err != nil {
		return bad("Description", err)
	}
	return nil
}

// invalidParam answers InvalidParameter naming the parameter (nameDesc's
// bad).
func invalidParam(param string, _ error) error { return errInvalidParam(param) }

// invalidParamWhy answers InvalidParameter with the rule's complaint.
func invalidParamWhy(param string, why error) error { return errInvalidParamMsg(param, why.Error()) }

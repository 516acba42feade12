package sim

import (
	"bytes"
	"encoding/json"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// opKey names an operation: the product (from the request's Version) and the
// Action.
type opKey struct {
	Product model.Product
	Action  string
}

// op is one operation's handler and how the framework treats it.
type op struct {
	// Write marks a mutating action: ClientToken idempotence applies to it
	// and Options.Drop may drop its answer after the write.
	Write bool
	// DryRun marks actions that accept DryRun=true: the handler validates,
	// calls c.commit() (which answers DryRunOperation) and creates nothing.
	DryRun bool
	Fn     func(c *call) (any, error)
}

// registry is everything the families contribute: operations, stored kinds
// and named lifecycle follow-ups. It is built once per Server.
type registry struct {
	ops   map[opKey]op
	kinds map[string]*kindSpec
	after map[string]func(st *store, r *record)
	// blocks lists, per parent kind, the child kinds whose presence
	// refuses the parent's deletion (VSwitches block DeleteVpc). Later
	// families add theirs (NAT gateways block DeleteVpc and DeleteVSwitch).
	blocks map[string][]blocker
}

// blocker refuses deleting a parent while a child of Kind filed under the
// parent (ref By = parent kind) exists.
type blocker struct {
	Kind, Code, Message string
}

// newRegistry builds the registry from the family table. Adding a family is
// one line here (and one in datasets, data.go).
func newRegistry() *registry {
	r := &registry{
		ops:    map[opKey]op{},
		kinds:  map[string]*kindSpec{},
		after:  map[string]func(*store, *record){},
		blocks: map[string][]blocker{},
	}
	addRegion(r)
	addVPC(r)
	addRouteTablesOp(r)
	addMonitorOps(r)
	addVBR(r)
	addPC(r)
	addRI(r)
	addBGP(r)
	addFlowLog(r)
	addSagFlowLog(r)
	addPeer(r)
	addNAT(r)
	addNatBwp(r)
	addEIP(r)
	addCbwp(r)
	addVPN(r)
	addSslVpn(r)
	addHaVip(r)
	addGA(r)
	addIpv6(r)
	addSts(r)
	return r
}

func (r *registry) read(p model.Product, action string, fn func(*call) (any, error)) {
	r.ops[opKey{p, action}] = op{Fn: fn}
}

func (r *registry) write(p model.Product, action string, fn func(*call) (any, error)) {
	r.ops[opKey{p, action}] = op{Write: true, Fn: fn}
}

// writeDry registers a mutating action that supports DryRun.
func (r *registry) writeDry(p model.Product, action string, fn func(*call) (any, error)) {
	r.ops[opKey{p, action}] = op{Write: true, DryRun: true, Fn: fn}
}

func (r *registry) kind(k *kindSpec) { r.kinds[k.Name] = k }

func (r *registry) followUp(name string, f func(st *store, r *record)) { r.after[name] = f }

// block declares that children of kind filed under a parent (by the parent
// kind's name) refuse the parent's deletion with code and message.
func (r *registry) block(parent, kind, code, msg string) {
	r.blocks[parent] = append(r.blocks[parent], blocker{kind, code, msg})
}

// blocked returns the first blocker with a child under parent id.
func (c *call) blocked(parentKind, id string) error {
	for _, b := range c.srv.reg.blocks[parentKind] {
		if c.st.count(b.Kind, parentKind, id) > 0 {
			return newErr(400, b.Code, b.Message)
		}
	}
	return nil
}

// M is a JSON object answer. The framework adds RequestId.
type M = map[string]any

// call is one operation invocation as a handler sees it. The store is
// locked for the whole call.
type call struct {
	srv     *Server
	st      *store
	product model.Product
	action  string
	params  map[string]string
	// caller is the AccessKey that signed the request.
	caller Key
	// now is the lifecycle clock's time, read once per request.
	now       time.Time
	dryRun    bool
	committed bool
}

func (c *call) quotas() Quotas { return c.srv.opts.Quotas }

// due is when a transition started now completes.
func (c *call) due() time.Time { return c.now.Add(c.srv.opts.Settle) }

// str returns a parameter ("" when absent).
func (c *call) str(name string) string { return c.params[name] }

func (c *call) has(name string) bool { return c.params[name] != "" }

// setIf copies parameter name into dst when the request carries it.
func setIf(c *call, name string, dst *string) {
	if c.has(name) {
		*dst = c.str(name)
	}
}

// need answers MissingParameter for the first absent or empty parameter.
func (c *call) need(names ...string) error {
	for _, n := range names {
		if strings.TrimSpace(c.params[n]) == "" {
			return errMissing(n)
		}
	}
	return nil
}

// intParam parses an optional integer in [lo, hi]; def when absent.
func (c *call) intParam(name string, def, lo, hi int) (int, error) {
	s := strings.TrimSpace(c.params[name])
	if s == "" {
		return def, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || n < lo || n > hi {
		return 0, errInvalidParam(name)
	}
	return n, nil
}

// boolParam parses an optional boolean; set reports whether it was given.
func (c *call) boolParam(name string) (v, set bool, err error) {
	s := strings.TrimSpace(c.params[name])
	if s == "" {
		return false, false, nil
	}
	switch strings.ToLower(s) {
	case "true":
		return true, true, nil
	case "false":
		return false, true, nil
	}
	return false, false, errInvalidParam(name)
}

// firstNonEmpty is the first of vals that is not blank, trimmed.
func firstNonEmpty(vals ...string) string {
	for _, v := range vals {
		if v = strings.TrimSpace(v); v != "" {
			return v
		}
	}
	return ""
}

// region returns the required, known RegionId.
func (c *call) region() (string, error) {
	if err := c.need("RegionId"); err != nil {
		return "", err
	}
	return c.optRegion()
}

// optRegion returns RegionId if given (it must be known), else "".
func (c *call) optRegion() (string, error) {
	id := strings.TrimSpace(c.params["RegionId"])
	if id == "" {
		return "", nil
	}
	if c.srv.region(id) == nil {
		return "", errRegionNotFound()
	}
	return id, nil
}

// paging reads PageNumber (default 1) and PageSize (1..max, default def).
func (c *call) paging(def, max int) (num, size int, err error) {
	if num, err = c.intParam("PageNumber", 1, 1, 1<<30); err != nil {
		return 0, 0, err
	}
	if size, err = c.intParam("PageSize", def, 1, max); err != nil {
		return 0, 0, err
	}
	return num, size, nil
}

// commit is called by every mutating handler after validation and before
// the first change. With DryRun=true it answers DryRunOperation instead.
func (c *call) commit() error {
	c.committed = true
	if c.dryRun {
		return errDryRun()
	}
	return nil
}

// maxTags is how many Tag.N a create takes (N = 1..20, as seed 002 says:
// "at most 20 tag keys"); describeTagFilters is DescribeVpcs' filter limit
// (seed 003: "N取值范围为1-5").
const (
	maxTags            = 20
	describeTagFilters = 5
)

// tags reads Tag.N.Key / Tag.N.Value (N = 1..20).
func (c *call) tags() (model.Tags, error) { return c.tagsUpTo(maxTags) }

// tagsUpTo reads Tag.N.Key / Tag.N.Value with N = 1..n. A Tag.N outside
// that range (Tag.21.Key, Tag.0.Key, Tag.999999.Key) is refused, never
// silently ignored.
func (c *call) tagsUpTo(n int) (model.Tags, error) {
	var t model.Tags
	for k := range c.params {
		rest, ok := strings.CutPrefix(k, "Tag.")
		if !ok {
			continue
		}
		num, field, _ := strings.Cut(rest, ".")
		i, err := strconv.Atoi(num)
		if err != nil || i < 1 || i > n || strconv.Itoa(i) != num || (field != "Key" && field != "Value") {
			return t, errInvalidParamMsg(k, "N in Tag.N must be 1-"+strconv.Itoa(n)+".")
		}
	}
	for i := 1; i <= n; i++ {
		k := c.params["Tag."+strconv.Itoa(i)+".Key"]
		v := c.params["Tag."+strconv.Itoa(i)+".Value"]
		if k == "" && v == "" {
			continue
		}
		if k == "" || len(k) > 128 || len(v) > 128 {
			return t, errInvalidParam("Tag." + strconv.Itoa(i) + ".Key")
		}
		t.Tag = append(t.Tag, model.Tag{Key: k, Value: v})
	}
	return t, nil
}

// matchTags reports whether have carries every tag in want.
func matchTags(have, want model.Tags) bool {
	for _, w := range want.Tag {
		found := false
		for _, h := range have.Tag {
			if h.Key == w.Key && (w.Value == "" || h.Value == w.Value) {
				found = true
				break
			}
		}
		if !found {
			return false
		}
	}
	return true
}

// repeated reads a repeat list Name.1, Name.2, ... (up to max entries).
func (c *call) repeated(name string, max int) []string {
	var out []string
	for i := 1; i <= max; i++ {
		v, ok := c.params[name+"."+strconv.Itoa(i)]
		if !ok {
			continue
		}
		out = append(out, v)
	}
	return out
}

// paged builds the body of a PageNumber/PageSize list.
func paged(wrapper, item string, items []any, total, num, size int) M {
	if items == nil {
		items = []any{}
	}
	return M{wrapper: M{item: items}, "TotalCount": total, "PageNumber": num, "PageSize": size}
}

// seqToken and parseToken encode a NextToken: the Seq of the last record
// returned, so the next page starts after it even if records were added or
// removed in between.
func seqToken(r *record) string { return "s" + strconv.FormatUint(r.Seq, 36) }

func parseToken(name, s string) (uint64, error) {
	if s == "" {
		return 0, nil
	}
	if !strings.HasPrefix(s, "s") {
		return 0, errInvalidParam(name)
	}
	n, err := strconv.ParseUint(s[1:], 36, 64)
	if err != nil || n == ^uint64(0) {
		return 0, errInvalidParam(name)
	}
	return n, nil
}

// marshalBody encodes a handler's answer; nil is an empty object.
func marshalBody(v any) ([]byte, error) {
	if v == nil {
		return []byte("{}"), nil
	}
	return encodeJSON(v)
}

// encodeJSON is json.Marshal without HTML escaping: the API sends "&" in
// URLs as it is, not as \u0026.
func encodeJSON(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimSuffix(b.Bytes(), []byte("\n")), nil
}

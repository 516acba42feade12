package client

import (
	"cmp"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"

	"github.com/alivpc/alivpc/model"
)

// SnapshotServer answers the API's read calls from a snapshot, so that the
// console (every pane, drill-down, filter and describe) runs on it
// unchanged: each kind's list call with its paging and its parent and
// filter parameters, the by-ID calls that tracking and lookups make, and
// STS GetCallerIdentity with the snapshot's account. Every other call (any
// change) is refused: a snapshot is read-only. It checks no signature.
type SnapshotServer struct {
	// mu serializes the answers: objects are decoded on first use.
	mu     sync.Mutex
	snap   *Snapshot
	reg    *model.Registry
	byKind map[string][]*snapObject // kind → objects, in document order
	byID   map[string]*snapObject
	// inRegion holds each kind's objects by region ("vsw/cn-hangzhou").
	inRegion map[string][]*snapObject
	actions  map[string][]*model.Kind // product/action → kinds listed by it
	gets     map[string]*model.Kind   // product/action → kind fetched by it
	extras   map[string]*model.Kind   // product/action → kind whose extra call it is
	// entriesOf holds the recorded route entries by table, built on the
	// first DescribeRouteTables (snapshot_routetables.go).
	entriesOf map[string][]json.RawMessage
}

type snapObject struct {
	SnapshotItem
	obj     *model.Object
	decoded any // the object decoded, on first use
}

// NewSnapshotServer indexes a snapshot.
func NewSnapshotServer(s *Snapshot) *SnapshotServer {
	srv := &SnapshotServer{snap: s, reg: model.Default(), byKind: map[string][]*snapObject{}, byID: map[string]*snapObject{}, inRegion: map[string][]*snapObject{},
		actions: map[string][]*model.Kind{}, gets: map[string]*model.Kind{}, extras: map[string]*model.Kind{}}
	for _, k := range InventoryKinds(srv.reg) {
		key := string(k.List.Product) + "/" + k.List.Action
		srv.actions[key] = append(srv.actions[key], k)
		if k.Get != nil {
			srv.gets[string(k.Get.Product)+"/"+k.Get.Action] = k
		}
		for _, x := range k.Extras {
			srv.extras[string(x.Product)+"/"+x.Action] = k
		}
	}
	for _, it := range s.Items {
		k := srv.reg.MustLookup(it.Kind) // ReadSnapshot checked the kinds
		o, err := k.Decode(it.Region, it.Object)
		if err != nil {
			continue
		}
		o.Region = it.Region
		o.Compact()
		so := &snapObject{SnapshotItem: it, obj: o}
		srv.byKind[k.Name] = append(srv.byKind[k.Name], so)
		srv.inRegion[k.Name+"/"+it.Region] = append(srv.inRegion[k.Name+"/"+it.Region], so)
		if o.ID != "" {
			srv.byID[o.ID] = so
		}
	}
	return srv
}

// protocolParams are sent with calls but filter nothing.
var protocolParams = map[string]bool{
	"Action": true, "Version": true, "Format": true, "AccessKeyId": true, "SecurityToken": true,
	"Signature": true, "SignatureMethod": true, "SignatureVersion": true, "SignatureNonce": true,
	"SignatureType": true, "Timestamp": true, "RegionId": true, "AcceptLanguage": true, "ClientToken": true,
	"PageNumber": true, "PageSize": true, "MaxResults": true, "MaxResult": true, "NextToken": true,
}

func (srv *SnapshotServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	params := map[string]string{}
	_ = r.ParseForm()
	for k, v := range r.Form {
		if len(v) > 0 {
			params[k] = v[0]
		}
	}
	action := cmp.Or(r.Header.Get("x-acs-action"), params["Action"])
	version := cmp.Or(r.Header.Get("x-acs-version"), params["Version"])
	product := model.ProductVPC
	for _, p := range model.Products() {
		if p.Version() == version {
			product = p
		}
	}
	srv.mu.Lock()
	body, status := srv.answer(product, action, params)
	srv.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("x-acs-request-id", "snapshot")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(body)
}

func snapshotError(status int, code, msg string) (any, int) {
	return map[string]string{"RequestId": "snapshot", "Code": code, "Message": msg}, status
}

func (srv *SnapshotServer) answer(product model.Product, action string, params map[string]string) (any, int) {
	key := string(product) + "/" + action
	if product == model.ProductSts && action == "GetCallerIdentity" {
		acct := srv.snap.Account
		if acct == "" {
			return snapshotError(404, "Snapshot.NoAccount", "the snapshot does not say which account it is of")
		}
		return map[string]string{"RequestId": "snapshot", "AccountId": acct, "UserId": acct, "PrincipalId": acct,
			"Arn": "acs:ram::" + acct + ":root", "IdentityType": "Account"}, 200
	}
	if product == model.ProductVPC && action == "DescribeRouteTables" {
		return srv.routeTables(params), 200
	}
	if kinds := srv.actions[key]; len(kinds) > 0 {
		return srv.list(srv.pick(kinds, params), params), 200
	}
	if k := srv.gets[key]; k != nil {
		return srv.get(k, params)
	}
	if k := srv.extras[key]; k != nil {
		return srv.extra(k, action, params)
	}
	if readAction(action) {
		return snapshotError(404, "Snapshot.NotRecorded", action+" is not recorded in the snapshot")
	}
	return snapshotError(403, "Snapshot.ReadOnly", "this is a snapshot, read-only: "+action+" changes nothing")
}

// pick chooses among the kinds one call lists the one whose fixed
// parameters the request carries.
func (srv *SnapshotServer) pick(kinds []*model.Kind, params map[string]string) *model.Kind {
	for _, k := range kinds {
		ok := true
		for p, v := range k.List.Params {
			if params[p] != "" && params[p] != v {
				ok = false
			}
		}
		if ok {
			return k
		}
	}
	return kinds[0]
}

// listDefaults are the parameters a list call assumes when they are not
// given: DescribeRouteTableList lists VRouter tables (seed 003 §8.2).
var listDefaults = map[string]map[string]string{
	"rt": {"RouterType": "VRouter"},
}

// filterParams are the request's filters: the parameters that are not the
// protocol's, paging's or the call's fixed ones, with Filter.N.Key and
// Filter.N.Value.M read as Key=value1,value2, and the defaults added.
func filterParams(k *model.Kind, params map[string]string) map[string]string {
	out := map[string]string{}
	for p, v := range params {
		if protocolParams[p] || v == "" || strings.HasPrefix(p, "Filter.") || k.List.Params[p] == v {
			continue
		}
		out[p] = v
	}
	for n := 1; params["Filter."+strconv.Itoa(n)+".Key"] != ""; n++ {
		f := "Filter." + strconv.Itoa(n)
		var vals []string
		for m := 1; params[f+".Value."+strconv.Itoa(m)] != ""; m++ {
			vals = append(vals, params[f+".Value."+strconv.Itoa(m)])
		}
		out[params[f+".Key"]] = strings.Join(vals, ",")
	}
	for p, v := range listDefaults[k.Name] {
		if _, ok := out[p]; !ok {
			out[p] = v
		}
	}
	return out
}

// matching returns the kind's objects in region that every filter
// parameter of the request keeps. A kind the API lists in several regions
// (a cross-region peering, in both of its own) is kept in any region its
// object names.
func (srv *SnapshotServer) matching(k *model.Kind, params map[string]string) []*snapObject {
	region := params["RegionId"]
	filters := filterParams(k, params)
	objs := srv.byKind[k.Name]
	if !k.Global && region != "" && k.HomeRegion == nil {
		objs = srv.inRegion[k.Name+"/"+region]
	}
	var out []*snapObject
	for _, o := range objs {
		if !k.Global && region != "" && o.Region != region && (k.HomeRegion == nil || !slices.Contains(o.values(), region)) {
			continue
		}
		if srv.keeps(k, o, filters) {
			out = append(out, o)
		}
	}
	return out
}

// keeps applies the filters: the parent an item was listed under, the
// scope's own match, the item's field of the filter's name (at any depth),
// or that field of a resource the item names (a flow log's VSwitch's
// VpcId). A filter no such field answers filters nothing.
func (srv *SnapshotServer) keeps(k *model.Kind, o *snapObject, filters map[string]string) bool {
	for p, v := range filters {
		if got, ok := o.Scope[p]; ok {
			if got != v {
				return false
			}
			continue
		}
		if s, ok := scopeByParam(k, p); ok && s.Of != nil {
			if s.Of(o.obj) != v {
				return false
			}
			continue
		}
		vals, ok := o.field(p)
		if !ok {
			for _, id := range o.values() {
				if ref := srv.byID[id]; ref != nil && ref != o {
					if vals, ok = ref.field(p); ok {
						break
					}
				}
			}
		}
		if ok && !anyMatches(vals, v) {
			return false
		}
	}
	return true
}

// tree is the object decoded, on first use.
func (o *snapObject) tree() any {
	if o.decoded == nil {
		_ = json.Unmarshal(o.Object, &o.decoded)
	}
	return o.decoded
}

// values are the object's top-level string values.
func (o *snapObject) values() []string {
	m, _ := o.tree().(map[string]any)
	var out []string
	for _, v := range m {
		if s, ok := v.(string); ok && s != "" {
			out = append(out, s)
		}
	}
	return out
}

// field finds the values of the field named name at any depth.
func (o *snapObject) field(name string) ([]string, bool) {
	var out []string
	found := false
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for key, val := range x {
				if key == name {
					found = true
					switch s := val.(type) {
					case string:
						out = append(out, s)
					case float64, bool:
						out = append(out, fmt.Sprint(s))
					}
				}
				walk(val)
			}
		case []any:
			for _, val := range x {
				walk(val)
			}
		}
	}
	walk(o.tree())
	return out, found
}

// anyMatches reports whether one of the values is one of the parameter's
// (a list parameter, "id1,id2", as the ...Ids filters take).
func anyMatches(vals []string, param string) bool {
	for _, want := range strings.Split(param, ",") {
		for _, v := range vals {
			if strings.EqualFold(strings.TrimSpace(want), v) {
				return true
			}
		}
	}
	return false
}

func scopeByParam(k *model.Kind, param string) (model.Scope, bool) {
	for _, s := range k.Scopes {
		if s.Param == param {
			return s, true
		}
	}
	return model.Scope{}, false
}

// list answers one page, the way the kind's list call pages.
func (srv *SnapshotServer) list(k *model.Kind, params map[string]string) any {
	objs := srv.matching(k, params)
	spec := k.List
	body := map[string]any{"RequestId": "snapshot", "TotalCount": len(objs)}
	from, to := 0, len(objs)
	switch spec.Paging {
	case model.PageNumberPaging:
		size := atoiOr(params[cmp.Or(spec.SizeParam, "PageSize")], 10)
		page := atoiOr(params["PageNumber"], 1)
		from, to = min((page-1)*size, len(objs)), min(page*size, len(objs))
		body["PageNumber"], body["PageSize"] = page, size
	case model.NextTokenPaging:
		size := atoiOr(params[cmp.Or(spec.SizeParam, "MaxResults")], 20)
		from = min(atoiOr(params["NextToken"], 0), len(objs))
		to = min(from+size, len(objs))
		if to < len(objs) {
			body["NextToken"] = strconv.Itoa(to)
		}
	}
	items := make([]json.RawMessage, 0, to-from)
	for _, o := range objs[from:to] {
		items = append(items, o.Object)
	}
	nest(body, spec.Path, items)
	return body
}

// get answers a by-ID call: the resource itself, or a one-item list at the
// spec's path.
func (srv *SnapshotServer) get(k *model.Kind, params map[string]string) (any, int) {
	id := params[k.Get.IDParam]
	for _, o := range srv.byKind[k.Name] {
		if o.obj.ID != id || (params["RegionId"] != "" && !k.Global && o.Region != params["RegionId"]) {
			continue
		}
		if k.Get.Path == "" {
			return o.Object, 200
		}
		body := map[string]any{"RequestId": "snapshot", "TotalCount": 1}
		nest(body, k.Get.Path, []json.RawMessage{o.Object})
		return body, 200
	}
	code := "InvalidInstanceId.NotFound"
	if len(k.Get.NotFound) > 0 {
		code = k.Get.NotFound[0]
	}
	return snapshotError(404, code, fmt.Sprintf("%s %s is not in the snapshot", k.Singular, id))
}

// extra answers a kind's extra call with the answer the snapshot recorded
// for the object it is about: a region's, by RegionId.
func (srv *SnapshotServer) extra(k *model.Kind, action string, params map[string]string) (any, int) {
	for _, o := range srv.byKind[k.Name] {
		if o.obj.ID != params["RegionId"] {
			continue
		}
		if body, ok := o.Extras[action]; ok {
			return body, 200
		}
	}
	return snapshotError(404, "Snapshot.NotRecorded", action+" for "+params["RegionId"]+" is not recorded in the snapshot")
}

// nest puts items at a dotted path ("Vpcs.Vpc") of body.
func nest(body map[string]any, path string, items []json.RawMessage) {
	parts := strings.Split(path, ".")
	cur := body
	for _, p := range parts[:len(parts)-1] {
		next := map[string]any{}
		cur[p] = next
		cur = next
	}
	cur[parts[len(parts)-1]] = items
}

func atoiOr(s string, def int) int {
	if n, err := strconv.Atoi(s); err == nil && n > 0 {
		return n
	}
	return def
}

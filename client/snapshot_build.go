package client

import (
	"encoding/json"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// SnapshotBuilder turns an inventory's events into a snapshot's items,
// each resource (kind, region, ID) once: a cross-region peering listed in
// both of its regions is kept in its home region once. A kind with extra
// calls (regions) is taken from the event that carries their answers, the
// others as their page arrives. It is not safe for concurrent use.
type SnapshotBuilder struct {
	// Mask, when set, masks the secret fields of each object.
	Mask   func(json.RawMessage) json.RawMessage
	seen   map[string]bool
	Counts map[string]int // kind → resources
}

// Items are the new resources of ev.
func (b *SnapshotBuilder) Items(ev Event) []SnapshotItem {
	if b.seen == nil {
		b.seen, b.Counts = map[string]bool{}, map[string]int{}
	}
	var out []SnapshotItem
	scope := listingScope(ev.Listing)
	for _, ob := range ev.Objects {
		extras := snapshotExtras[ob.Kind.Name]
		if ev.Update != (extras != nil) {
			continue
		}
		key := ob.Kind.Name + "/" + ob.Region + "/" + ob.ID
		if b.seen[key] {
			continue
		}
		b.seen[key] = true
		raw := ob.Raw
		if b.Mask != nil {
			raw = b.Mask(raw)
		}
		it := SnapshotItem{Kind: ob.Kind.Name, Region: ob.Region, Scope: scope, Object: StripTerminalJSON(raw)}
		if extras != nil {
			it.Extras = extras(ob)
		}
		b.Counts[ob.Kind.Name]++
		out = append(out, it)
	}
	return out
}

// listingScope is the parameters in a listing's key: the parent a child
// kind was listed under ("route@cn-hangzhou?RouteTableId=vtb-1" →
// RouteTableId: vtb-1).
func listingScope(key string) map[string]string {
	_, q, _ := strings.Cut(key, "?")
	if q == "" {
		return nil
	}
	out := map[string]string{}
	for _, kv := range strings.Split(q, "&") {
		k, v, _ := strings.Cut(kv, "=")
		out[k] = v
	}
	return out
}

// snapshotExtras rebuild, for the kinds with extra calls, the answers the
// object's extra calls gave (what their Apply kept), by action, so that a
// snapshot answers them as the API did. A call that failed is left out.
var snapshotExtras = map[string]func(*model.Object) map[string]json.RawMessage{
	"region": func(o *model.Object) map[string]json.RawMessage {
		r, ok := o.Val().(*model.Region)
		if !ok {
			return nil
		}
		out := map[string]json.RawMessage{}
		out["DescribeZones"], _ = json.Marshal(map[string]any{"Zones": map[string]any{"Zone": r.Zones}})
		for action, st := range map[string]string{"GetTrafficMirrorServiceStatus": r.TrafficMirror, "GetPublicIpAddressPoolServiceStatus": r.IpPool} {
			if st == "Opened" || st == "Not opened" {
				out[action], _ = json.Marshal(model.ServiceStatus{Enabled: st == "Opened"})
			}
		}
		return out
	},
}

package netpath

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// obj decodes one API item of kind into an object, as a listing would.
func obj(t *testing.T, kind, region string, v any) *model.Object {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	o, err := model.Default().MustLookup(kind).Decode(region, raw)
	if err != nil {
		t.Fatal(err)
	}
	return o
}

type m = map[string]any

func hops(list ...m) m { return m{"NextHop": list} }

// twoVPCs: vpc-a (10.1.0.0/16, one VSwitch) and vpc-b (10.2.0.0/16) joined
// by a peering; vpc-a also has an ECMP route and a route over a router
// interface to a VBR.
func twoVPCs(t *testing.T, bReturn bool, vbrStatus, entryStatus string) *Inventory {
	r := "cn-test"
	objs := []*model.Object{
		obj(t, "vpc", r, m{"VpcId": "vpc-a", "VpcName": "a", "VRouterId": "vrt-a", "CidrBlock": "10.1.0.0/16", "Status": "Available"}),
		obj(t, "vpc", r, m{"VpcId": "vpc-b", "VpcName": "b", "VRouterId": "vrt-b", "CidrBlock": "10.2.0.0/16", "Status": "Available"}),
		obj(t, "vsw", r, m{"VSwitchId": "vsw-a", "VpcId": "vpc-a", "CidrBlock": "10.1.1.0/24", "Status": "Available",
			"RouteTable": m{"RouteTableId": "vtb-a", "RouteTableType": "System"}}),
		obj(t, "vsw", r, m{"VSwitchId": "vsw-b", "VpcId": "vpc-b", "CidrBlock": "10.2.1.0/24", "Status": "Available",
			"RouteTable": m{"RouteTableId": "vtb-b", "RouteTableType": "System"}}),
		obj(t, "rt", r, m{"RouteTableId": "vtb-a", "RouteTableType": "System", "RouterId": "vrt-a", "VpcId": "vpc-a", "Status": "Available"}),
		obj(t, "rt", r, m{"RouteTableId": "vtb-b", "RouteTableType": "System", "RouterId": "vrt-b", "VpcId": "vpc-b", "Status": "Available"}),
		obj(t, "route", r, m{"RouteEntryId": "rte-a1", "RouteTableId": "vtb-a", "DestinationCidrBlock": "10.1.1.0/24", "Status": "Available",
			"NextHops": hops(m{"NextHopType": "local"})}),
		obj(t, "route", r, m{"RouteEntryId": "rte-a2", "RouteTableId": "vtb-a", "DestinationCidrBlock": "10.2.0.0/16", "Status": entryStatus,
			"NextHops": hops(m{"NextHopType": "VpcPeer", "NextHopId": "pcc-ab"})}),
		obj(t, "route", r, m{"RouteEntryId": "rte-a3", "RouteTableId": "vtb-a", "DestinationCidrBlock": "10.9.0.0/16", "Status": "Available",
			"NextHops": hops(m{"NextHopType": "Instance", "NextHopId": "i-1", "Weight": 60}, m{"NextHopType": "Instance", "NextHopId": "i-2", "Weight": 40})}),
		obj(t, "route", r, m{"RouteEntryId": "rte-a4", "RouteTableId": "vtb-a", "DestinationCidrBlock": "172.30.0.0/16", "Status": "Available",
			"NextHops": hops(m{"NextHopType": "RouterInterface", "NextHopId": "ri-a"})}),
		obj(t, "route", r, m{"RouteEntryId": "rte-b1", "RouteTableId": "vtb-b", "DestinationCidrBlock": "10.2.1.0/24", "Status": "Available",
			"NextHops": hops(m{"NextHopType": "local"})}),
		obj(t, "peer", r, m{"InstanceId": "pcc-ab", "Status": "Activated", "RegionId": r, "AcceptingRegionId": r,
			"Vpc": m{"VpcId": "vpc-a"}, "AcceptingVpc": m{"VpcId": "vpc-b"}}),
		obj(t, "ri", r, m{"RouterInterfaceId": "ri-a", "Status": "Active", "RouterType": "VRouter", "RouterId": "vrt-a",
			"OppositeRouterType": "VBR", "OppositeRouterId": "vbr-x", "OppositeRegionId": r}),
		obj(t, "vbr", r, m{"VbrId": "vbr-x", "Status": vbrStatus}),
		obj(t, "bgppeer", r, m{"BgpPeerId": "bgp-1", "RouterId": "vbr-x", "BgpStatus": "Established", "Status": "Available"}),
	}
	if bReturn {
		objs = append(objs, obj(t, "route", r, m{"RouteEntryId": "rte-b2", "RouteTableId": "vtb-b", "DestinationCidrBlock": "10.1.0.0/16",
			"Status": "Available", "NextHops": hops(m{"NextHopType": "VpcPeer", "NextHopId": "pcc-ab"})}))
	}
	return New(objs)
}

func trace(t *testing.T, inv *Inventory, from, to string) *Result {
	t.Helper()
	res, err := inv.Trace(from, to)
	if err != nil {
		t.Fatal(err)
	}
	return res
}

func TestTraceChecksTheReturnPath(t *testing.T) {
	res := trace(t, twoVPCs(t, true, "active", "Available"), "10.1.1.5", "10.2.1.9")
	if !res.Reachable || res.Return == nil || !res.Return.Reachable {
		t.Fatalf("with routes both ways: %+v", res)
	}
	// Each leg arrives in the VSwitch of its own destination's VPC.
	if !strings.Contains(res.Forward.Verdict, "in vsw-b") || !strings.Contains(res.Return.Verdict, "in vsw-a") {
		t.Fatalf("arrived at: forward %q, return %q", res.Forward.Verdict, res.Return.Verdict)
	}
	res = trace(t, twoVPCs(t, false, "active", "Available"), "10.1.1.5", "10.2.1.9")
	if res.Reachable || !res.Forward.Reachable || res.Return == nil || res.Return.Reason != "no route" ||
		!strings.HasPrefix(res.Verdict, "return path: unreachable — no route") {
		t.Fatalf("vpc-b has no route back: reachable %v, verdict %q", res.Reachable, res.Verdict)
	}
}

func TestTraceCallsOutModifyingAndShowsECMPWeights(t *testing.T) {
	res := trace(t, twoVPCs(t, true, "active", "Modifying"), "10.1.1.5", "10.2.1.9")
	if !res.Reachable || !strings.Contains(res.Forward.Hops[2].Note, "Modifying") {
		t.Fatalf("a Modifying entry is called out and does not stop the path: %+v", res.Forward.Hops)
	}
	res = trace(t, twoVPCs(t, true, "active", "Available"), "vsw-a", "10.9.0.1")
	if d := res.Forward.Hops[2].Detail; !strings.Contains(d, "ECMP i-1 weight 60, i-2 weight 40") {
		t.Fatalf("ECMP route detail %q", d)
	}
	if last := res.Forward.Hops[len(res.Forward.Hops)-1]; last.Step != "ECS instance" || !res.Reachable {
		t.Fatalf("the path ends at the first member's instance: %+v", last)
	}
}

func TestTraceStopsAtATerminatedVBR(t *testing.T) {
	res := trace(t, twoVPCs(t, true, "terminated", "Available"), "10.1.1.5", "172.30.1.1")
	if res.Reachable || res.Forward.Reason != "VBR terminated" {
		t.Fatalf("verdict %q", res.Verdict)
	}
	res = trace(t, twoVPCs(t, true, "active", "Available"), "10.1.1.5", "172.30.1.1")
	if !res.Reachable {
		t.Fatalf("an active VBR with an Established session: %q", res.Verdict)
	}
}

func TestTraceRefusesWhatItCannotAnalyse(t *testing.T) {
	inv := twoVPCs(t, true, "active", "Available")
	for _, c := range [][2]string{{"10.99.0.1", "10.2.1.9"}, {"vsw-none", "10.2.1.9"}, {"10.1.1.5", "nonsense"}, {"10.1.1.5", "2001:db8::1"}, {"vsw-a", "2001:db8::1"}} {
		if _, err := inv.Trace(c[0], c[1]); err == nil {
			t.Errorf("Trace(%q, %q) gave no error", c[0], c[1])
		}
	}
}

// A router interface between two VRouters ends in the opposite VRouter's
// VPC; without that VPC loaded the path stops there.
func TestTraceFollowsARouterInterfaceToAVRouter(t *testing.T) {
	r := "cn-test"
	objs := func(withB bool) []*model.Object {
		list := []*model.Object{
			obj(t, "vpc", r, m{"VpcId": "vpc-a", "VRouterId": "vrt-a", "CidrBlock": "10.1.0.0/16", "Status": "Available"}),
			obj(t, "vsw", r, m{"VSwitchId": "vsw-a", "VpcId": "vpc-a", "CidrBlock": "10.1.1.0/24", "Status": "Available",
				"RouteTable": m{"RouteTableId": "vtb-a", "RouteTableType": "System"}}),
			obj(t, "rt", r, m{"RouteTableId": "vtb-a", "RouteTableType": "System", "RouterId": "vrt-a", "VpcId": "vpc-a", "Status": "Available"}),
			obj(t, "route", r, m{"RouteEntryId": "rte-a1", "RouteTableId": "vtb-a", "DestinationCidrBlock": "10.2.0.0/16", "Status": "Available",
				"NextHops": hops(m{"NextHopType": "RouterInterface", "NextHopId": "ri-v"})}),
			obj(t, "ri", r, m{"RouterInterfaceId": "ri-v", "Status": "Active", "RouterType": "VRouter", "RouterId": "vrt-a",
				"OppositeRouterType": "VRouter", "OppositeRouterId": "vrt-b", "OppositeRegionId": r}),
		}
		if withB {
			list = append(list,
				obj(t, "vpc", r, m{"VpcId": "vpc-b", "VRouterId": "vrt-b", "CidrBlock": "10.2.0.0/16", "Status": "Available"}),
				obj(t, "vsw", r, m{"VSwitchId": "vsw-b", "VpcId": "vpc-b", "CidrBlock": "10.2.1.0/24", "Status": "Available"}))
		}
		return list
	}
	res := trace(t, New(objs(true)), "10.1.1.5", "10.2.1.9")
	if !res.Forward.Reachable || !strings.Contains(res.Forward.Verdict, "in vsw-b") {
		t.Fatalf("through the router interface to vpc-b: %q", res.Forward.Verdict)
	}
	res = trace(t, New(objs(false)), "10.1.1.5", "10.2.1.9")
	if res.Reachable || res.Forward.Reason != "not loaded" {
		t.Fatalf("the opposite VPC not loaded: %q", res.Verdict)
	}
}

// A VBR whose BGP sessions are all down stops the path at its last BGP
// peer, which carries the problem the verdict quotes.
func TestTraceStopsWhereNoBGPSessionIsEstablished(t *testing.T) {
	inv := twoVPCs(t, true, "active", "Available")
	inv.bgp["vbr-x"][0].Val().(*model.BgpPeer).BgpStatus = "Idle"
	res := trace(t, inv, "10.1.1.5", "172.30.1.1")
	hops := res.Forward.Hops
	last := hops[len(hops)-1]
	if res.Reachable || res.Forward.Reason != "BGP Idle" || last.Step != "BGP peer" || last.Status != "Idle" ||
		!strings.HasPrefix(last.Problem, "no BGP session of vbr-x is Established") ||
		res.Verdict != "unreachable — BGP Idle: "+last.Problem {
		t.Fatalf("verdict %q, last hop %+v", res.Verdict, last)
	}
	for _, h := range hops[:len(hops)-1] {
		if h.Problem != "" {
			t.Errorf("only the last hop carries the problem; %s has %q", h.Step, h.Problem)
		}
	}
}

// Route entries are found by their ID like every other object; one without
// an ID is routed but not indexed (an empty next-hop or interface ID must
// not find it).
func TestInventoryIndexesRouteEntriesByID(t *testing.T) {
	r := "cn-test"
	inv := New([]*model.Object{
		obj(t, "route", r, m{"RouteEntryId": "rte-1", "RouteTableId": "vtb-a", "DestinationCidrBlock": "10.1.0.0/16"}),
		obj(t, "route", r, m{"RouteTableId": "vtb-a", "DestinationCidrBlock": "0.0.0.0/0"}),
	})
	if o := inv.Get("rte-1"); o == nil || o.Kind.Name != "route" {
		t.Errorf("rte-1: %v", o)
	}
	if o := inv.Get(""); o != nil {
		t.Errorf("the empty ID finds %+v", o)
	}
	if n := len(inv.tables["vtb-a"]); n != 2 {
		t.Errorf("table vtb-a has %d routes, want 2", n)
	}
}

package ui

import (
	"cmp"
	"sort"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// The xray tree (`:xray vpc-…`, `:xray region`): a VPC and what hangs
// together with it, as nodes. Building it is pure (xray_load.go reads the
// objects in a tea.Cmd); the page keeps a flattened list of the visible
// nodes, so a key that moves the cursor costs nothing in proportion to the
// tree.

// xnode is one line of the tree: a resource, or a note about one (the
// other VPC of a peering, a subtree still loading).
type xnode struct {
	key    string
	obj    *model.Object // nil for a note
	note   string        // a note's text
	parent *xnode
	kids   []*xnode
	depth  int
	// text is what the filter matches: kind, ID, name, status and details,
	// lower-cased.
	text string
	// detail is the resource's details as its line shows them (xrayShown),
	// worked out once per object rather than per line drawn.
	detail string
	// lazy marks a VPC of `:xray region` whose subtree is read when it is
	// first expanded.
	lazy bool
	// vpc, region: the VPC a note names (the other end of a peering);
	// enter opens its x-ray.
	vpc, region string
}

// xrayDetail is what a node shows after its name and status, by kind:
// formats over the kinds' own columns (so a cell reads as in its pane); a
// format whose cells are all empty is left out.
var xrayDetail = map[string][]xcells{
	"vpc":        {{"%s", "CIDR"}, {"%s", "IPv6"}},
	"rt":         {{"%s", "Type"}},
	"vsw":        {{"%s", "CIDR"}, {"%s", "Zone"}, {"%s free IPs", "Free IPs"}},
	"havip":      {{"%s", "IP"}, {"→ %s", "Instances"}},
	"nat":        {{"%s", "NAT Type"}, {"%s", "Spec"}, {"%s", "Public IPs"}},
	"snat":       {{"%s", "Source"}, {"→ %s", "SNAT IP"}},
	"dnat":       {{"%s %s:%s → %s:%s", "Protocol", "External IP", "External Port", "Internal IP", "Internal Port"}},
	"eip":        {{"%s", "IP"}, {"%s Mbps", "Bandwidth"}},
	"vpn":        {{"%s", "Spec"}, {"%s", "Public IP"}},
	"ipsec":      {{"%s ⇄ %s", "Local Subnet", "Remote Subnet"}},
	"cgw":        {{"%s", "IP"}, {"ASN %s", "ASN"}},
	"sslserver":  {{"%s", "Local Subnet"}, {"clients %s", "Client CIDR"}, {"port %s", "Port"}},
	"ipv6gw":     {{"%s", "Spec"}},
	"ipv6rule":   {{"%s %s", "Instance Type", "Instance"}},
	"ipv6addr":   {{"%s", "Address"}, {"→ %s", "Instance"}},
	"peer":       {{"%s", "Peer Region"}, {"%s", "Peer CIDRs"}},
	"ri":         {{"%s", "Role"}, {"→ %s %s", "Opposite Router", "Opposite Region"}, {"opposite %s", "Opposite Status"}},
	"vpcflowlog": {{"%s %s", "Resource Type", "Resource"}, {"%s", "Traffic"}},
}

// xcells is a format and the columns that fill it.
type xcells []string

// xrayOrder is the order of a node's children by kind: route tables (and
// their VSwitches) first, then gateways, connections and logs.
var xrayOrder = []string{"rt", "vsw", "havip", "nat", "snat", "dnat", "eip", "vpn", "ipsec", "cgw", "sslserver",
	"ipv6gw", "ipv6rule", "ipv6addr", "peer", "ri", "vpcflowlog"}

func newObjNode(o *model.Object) *xnode {
	n := &xnode{key: rowKey(o)}
	n.setObj(o)
	return n
}

// setObj puts o (a new copy of the node's resource) on the node, with
// what is derived from it.
func (n *xnode) setObj(o *model.Object) {
	shown := xrayShown(o)
	n.obj = o
	n.detail = strings.Join(shown, "  ")
	n.text = strings.ToLower(strings.Join(append([]string{o.Kind.Singular, o.ID, o.Name, o.Status}, shown...), " "))
}

func newNote(parent *xnode, suffix, text string) *xnode {
	return &xnode{key: parent.key + "#" + suffix, note: text, text: strings.ToLower(text)}
}

func (n *xnode) add(kids ...*xnode) {
	for _, k := range kids {
		k.parent = n
		n.kids = append(n.kids, k)
	}
}

// vpcData is what was read for one VPC: its children by the key of the
// node they hang under (the VPC's, a NAT gateway's, …) and the customer
// gateways its IPsec connections use.
type vpcData struct {
	vpc   *model.Object
	under map[string][]*model.Object
	cgws  map[string]*model.Object
	calls int
	err   error // the first listing that failed (what arrived is kept)
}

// buildVPC turns what was read into the VPC's subtree.
func buildVPC(d *vpcData) *xnode {
	root := newObjNode(d.vpc)
	attach(root, d, root.key)
	return root
}

// attach adds the children read under key to n, in xrayOrder, with their
// own subtrees; VSwitches go under the route table they use.
func attach(n *xnode, d *vpcData, key string) {
	objs := append([]*model.Object(nil), d.under[key]...)
	sortObjs(objs)
	var tables, switches []*xnode
	for _, o := range objs {
		c := newObjNode(o)
		switch o.Kind.Name {
		case "rt":
			tables = append(tables, c)
		case "vsw":
			switches = append(switches, c)
		case "havip":
			continue // under its VSwitch
		}
		n.add(c)
		attach(c, d, c.key)
		switch o.Kind.Name {
		case "ipsec":
			if v, ok := o.Val().(*model.VpnConnection); ok && d.cgws[v.CustomerGatewayId] != nil {
				c.add(newObjNode(d.cgws[v.CustomerGatewayId]))
			}
		case "peer":
			c.add(peerNote(c, o))
		}
	}
	if len(tables) > 0 {
		n.kids = placeSwitches(n.kids, tables, switches)
	}
	for _, sw := range switches {
		for _, o := range objs {
			if h, ok := o.Val().(*model.HaVip); ok && h.VSwitchId == sw.obj.ID {
				sw.add(newObjNode(o))
			}
		}
	}
}

// placeSwitches moves each VSwitch under its route table: the custom table
// it is associated with, else the VPC's system table.
func placeSwitches(kids, tables, switches []*xnode) []*xnode {
	tableOf := map[string]*xnode{}
	var system *xnode
	for _, t := range tables {
		rt, ok := t.obj.Val().(*model.RouteTable)
		if !ok {
			continue
		}
		if rt.RouteTableType == "System" && system == nil {
			system = t
		}
		for _, id := range rt.VSwitchIds.VSwitchId {
			tableOf[id] = t
		}
	}
	moved := map[*xnode]bool{}
	for _, sw := range switches {
		t := tableOf[sw.obj.ID]
		if t == nil {
			if v, ok := sw.obj.Val().(*model.VSwitch); ok && v.RouteTable.RouteTableId != "" {
				for _, c := range tables {
					if c.obj.ID == v.RouteTable.RouteTableId {
						t = c
					}
				}
			}
		}
		if t == nil {
			t = system
		}
		if t != nil {
			t.add(sw)
			moved[sw] = true
		}
	}
	out := kids[:0]
	for _, k := range kids {
		if !moved[k] {
			out = append(out, k)
		}
	}
	return out
}

// peerNote names the other VPC of a peering (and its region and account
// when they differ).
func peerNote(n *xnode, o *model.Object) *xnode {
	p, ok := o.Val().(*model.VpcPeerConnection)
	if !ok {
		return newNote(n, "other", "↔ the other VPC is not known")
	}
	other, region := p.AcceptingVpc.VpcId, p.AcceptingRegionId
	if vpc := n.parent; vpc != nil && vpc.obj != nil && vpc.obj.ID == other {
		other, region = p.Vpc.VpcId, p.RegionId // this VPC accepts
	}
	text := "↔ " + other
	if region != "" && region != o.Region {
		text += " in " + region
	}
	note := newNote(n, "other", text)
	note.vpc, note.region = other, cmp.Or(region, o.Region)
	return note
}

// sortObjs orders children by kind (xrayOrder), system route tables first,
// then by name and ID.
func sortObjs(objs []*model.Object) {
	rank := func(o *model.Object) int {
		for i, k := range xrayOrder {
			if k == o.Kind.Name {
				return i
			}
		}
		return len(xrayOrder)
	}
	system := func(o *model.Object) bool {
		rt, ok := o.Val().(*model.RouteTable)
		return ok && rt.RouteTableType == "System"
	}
	sort.SliceStable(objs, func(i, j int) bool {
		a, b := objs[i], objs[j]
		if ra, rb := rank(a), rank(b); ra != rb {
			return ra < rb
		}
		if sa, sb := system(a), system(b); sa != sb {
			return sa
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.ID < b.ID
	})
}

// ---- the flattened view ----

// flatten lists the nodes on screen: every root, and the children of every
// expanded node. With a filter, the nodes that match and their ancestors
// (shown expanded).
func flatten(roots []*xnode, open map[string]bool, words []string) []*xnode {
	var out []*xnode
	var walk func(n *xnode, depth int)
	if len(words) == 0 {
		walk = func(n *xnode, depth int) {
			n.depth = depth
			out = append(out, n)
			if open[n.key] {
				for _, k := range n.kids {
					walk(k, depth+1)
				}
			}
		}
		for _, r := range roots {
			walk(r, 0)
		}
		return out
	}
	keep := map[*xnode]bool{}
	var mark func(n *xnode) bool
	mark = func(n *xnode) bool {
		hit := matchesAll(n.text, words)
		for _, k := range n.kids {
			if mark(k) {
				hit = true
			}
		}
		if hit {
			keep[n] = true
		}
		return hit
	}
	for _, r := range roots {
		mark(r)
	}
	walk = func(n *xnode, depth int) {
		if !keep[n] {
			return
		}
		n.depth = depth
		out = append(out, n)
		for _, k := range n.kids {
			walk(k, depth+1)
		}
	}
	for _, r := range roots {
		walk(r, 0)
	}
	return out
}

func matchesAll(text string, words []string) bool {
	for _, w := range words {
		if !strings.Contains(text, w) {
			return false
		}
	}
	return true
}

// xindex maps every node's key to the node (updates from the tracker).
func xindex(roots []*xnode) map[string]*xnode {
	m := map[string]*xnode{}
	var walk func(n *xnode)
	walk = func(n *xnode) {
		m[n.key] = n
		for _, k := range n.kids {
			walk(k)
		}
	}
	for _, r := range roots {
		walk(r)
	}
	return m
}

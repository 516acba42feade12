package netpath

import (
	"fmt"
	"net/netip"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Hop is one row of a path: a resource the packet meets, what happens
// there, and, on the hop where the path stops, why.
type Hop struct {
	Leg    string `json:"leg"`  // forward | return
	Step   string `json:"step"` // source, route table, route, NAT gateway, SNAT entry, ...
	Kind   string `json:"kind,omitempty"`
	ID     string `json:"id,omitempty"`
	Name   string `json:"name,omitempty"`
	Region string `json:"region,omitempty"`
	Status string `json:"status,omitempty"`
	Detail string `json:"detail"`
	// Problem says why the path stops here; Note calls something out
	// that does not stop it (a Modifying entry).
	Problem string `json:"problem,omitempty"`
	Note    string `json:"note,omitempty"`
	// Object is the resource, for describe and jump (nil when the
	// inventory does not hold it).
	Object *model.Object `json:"-"`
}

// Leg is one direction of a path.
type Leg struct {
	From      string `json:"from"`
	To        string `json:"to"`
	Reachable bool   `json:"reachable"`
	// Reason is the short name of what stops the leg ("no route",
	// "SNAT missing", "BGP Idle", ...); empty when reachable.
	Reason  string `json:"reason,omitempty"`
	Verdict string `json:"verdict"`
	Hops    []Hop  `json:"hops"`
}

// Result is a path analysis.
type Result struct {
	Source      string `json:"source"`
	Destination string `json:"destination"`
	Reachable   bool   `json:"reachable"`
	Verdict     string `json:"verdict"`
	Forward     Leg    `json:"forward"`
	// Return is the way back, checked when the destination is a VSwitch
	// of a VPC the inventory holds (the Internet, an IPsec peer and a data
	// centre are not).
	Return *Leg `json:"return,omitempty"`
}

// Hops lists every hop, forward then return.
func (r *Result) Hops() []Hop {
	out := append([]Hop(nil), r.Forward.Hops...)
	if r.Return != nil {
		out = append(out, r.Return.Hops...)
	}
	return out
}

// InputError is a source or destination that cannot be analysed.
type InputError struct{ Msg string }

func (e *InputError) Error() string { return e.Msg }

// Trace walks from source (a VSwitch ID, or an IP address inside a
// VSwitch) to dest (an IPv4/IPv6 address or CIDR block).
func (inv *Inventory) Trace(source, dest string) (*Result, error) {
	dst, err := parseDest(dest)
	if err != nil {
		return nil, err
	}
	vsw, src, err := inv.resolveSource(strings.TrimSpace(source), dst)
	if err != nil {
		return nil, err
	}
	res := &Result{Source: strings.TrimSpace(source), Destination: dst.String()}
	res.Forward = Leg{From: src.String(), To: dst.String()}
	back := inv.walk(&res.Forward, "forward", vsw, src, dst)
	if back != nil && res.Forward.Reachable {
		res.Return = &Leg{From: dst.String(), To: src.String()}
		inv.walk(res.Return, "return", back, dst, src)
	}
	res.Reachable, res.Verdict = res.Forward.Reachable, res.Forward.Verdict
	if res.Reachable && res.Return != nil && !res.Return.Reachable {
		res.Reachable, res.Verdict = false, "return path: "+res.Return.Verdict
	}
	return res, nil
}

func parseDest(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if p, err := netip.ParsePrefix(s); err == nil {
		return p.Masked(), nil
	}
	if a, err := netip.ParseAddr(s); err == nil {
		a = a.Unmap()
		return netip.PrefixFrom(a, a.BitLen()), nil
	}
	return netip.Prefix{}, &InputError{fmt.Sprintf("destination %q is not an IPv4/IPv6 address or CIDR block", s)}
}

// resolveSource finds the source VSwitch and the source block: the given
// address, or the VSwitch's block of dst's IP version.
func (inv *Inventory) resolveSource(s string, dst netip.Prefix) (*model.Object, netip.Prefix, error) {
	if strings.HasPrefix(s, "vsw-") {
		o := inv.byID[s]
		v, _ := val(o).(*model.VSwitch)
		if o == nil || v == nil {
			return nil, netip.Prefix{}, &InputError{fmt.Sprintf("VSwitch %s is not in the loaded regions", s)}
		}
		p, err := netip.ParsePrefix(blockFor(v, dst.Addr()))
		if err != nil {
			return nil, netip.Prefix{}, &InputError{fmt.Sprintf("VSwitch %s has no %s block", s, family(dst))}
		}
		return o, p.Masked(), nil
	}
	a, err := netip.ParseAddr(s)
	if err != nil {
		return nil, netip.Prefix{}, &InputError{fmt.Sprintf("source %q is neither a VSwitch ID nor an IP address", s)}
	}
	a = a.Unmap()
	if a.Is4() != dst.Addr().Is4() {
		return nil, netip.Prefix{}, &InputError{fmt.Sprintf("source %s and destination %s are of different IP versions", a, dst)}
	}
	o := inv.vswitchFor("", a)
	if o == nil {
		return nil, netip.Prefix{}, &InputError{fmt.Sprintf("%s is in no VSwitch of the loaded regions", a)}
	}
	return o, netip.PrefixFrom(a, a.BitLen()), nil
}

func family(p netip.Prefix) string {
	if p.Addr().Is4() {
		return "IPv4"
	}
	return "IPv6"
}

// step builds a hop for o (which may be nil: then kind and id name it).
func step(name string, o *model.Object, kind, id, detail string) Hop {
	if o != nil && kind != "" && o.Kind.Name != kind {
		o = nil // the ID names something else: treated as missing
	}
	h := Hop{Step: name, Kind: kind, ID: id, Detail: detail, Object: o}
	if o != nil {
		h.Kind, h.ID, h.Name, h.Region, h.Status = o.Kind.Name, o.ID, o.Name, o.Region, o.Status
	}
	return h
}

// walker appends the hops of one leg.
type walker struct {
	inv *Inventory
	leg *Leg
	dir string
}

func (w *walker) add(h Hop) {
	h.Leg = w.dir
	w.leg.Hops = append(w.leg.Hops, h)
}

// last is the hop added last.
func (w *walker) last() *Hop { return &w.leg.Hops[len(w.leg.Hops)-1] }

// fail stops the leg at h with a short reason and the whole story.
func (w *walker) fail(h Hop, reason, problem string) {
	w.add(h)
	w.failLast(reason, problem)
}

// failLast stops the leg at the hop added last.
func (w *walker) failLast(reason, problem string) {
	w.last().Problem = problem
	w.leg.Reachable, w.leg.Reason = false, reason
	w.leg.Verdict = "unreachable — " + reason + ": " + problem
}

func (w *walker) ok(verdict string) {
	w.leg.Reachable, w.leg.Reason, w.leg.Verdict = true, "", "reachable — "+verdict
}

// ready checks that o is in a settled, working status; it fails the leg
// otherwise and reports false.
func (w *walker) ready(h Hop, reason string) bool {
	o := h.Object
	if o == nil {
		w.fail(h, "blackhole", fmt.Sprintf("next hop %s is not in the inventory (deleted, or in a region not loaded)", h.ID))
		return false
	}
	if o.Kind.Phase(o.Status) == model.PhaseReady || o.Status == "" {
		w.add(h)
		return true
	}
	if reason == "" {
		reason = o.Kind.Singular + " " + o.Status
	}
	w.fail(h, reason, fmt.Sprintf("%s %s is %s", o.Kind.Singular, o.ID, o.Status))
	return false
}

// walk runs one leg from VSwitch vsw (source block src) to dst. It returns
// the VSwitch dst lives in when the leg reached one, for the return path.
func (inv *Inventory) walk(leg *Leg, dir string, vsw *model.Object, src, dst netip.Prefix) *model.Object {
	w := &walker{inv: inv, leg: leg, dir: dir}
	v := val(vsw).(*model.VSwitch)
	vpc := inv.byID[v.VpcId]
	w.add(step("source", vsw, "", "", fmt.Sprintf("%s in %s %s", src, v.VpcId, nameOf(vpc))))
	return w.route(v.VpcId, tableOf(inv, v), src, dst)
}

func nameOf(o *model.Object) string {
	if o == nil {
		return ""
	}
	return o.Name
}

// tableOf is a VSwitch's route table: its custom table when associated,
// else its VPC's system table.
func tableOf(inv *Inventory, v *model.VSwitch) string {
	if id := v.RouteTable.RouteTableId; id != "" && strings.EqualFold(v.RouteTable.RouteTableType, "Custom") {
		return id
	}
	if vpc, _ := val(inv.byID[v.VpcId]).(*model.Vpc); vpc != nil {
		if id := inv.system[vpc.VRouterId]; id != "" {
			return id
		}
	}
	return v.RouteTable.RouteTableId
}

// route looks dst up in table (of VPC vpc) and follows the next hop.
func (w *walker) route(vpc, table string, src, dst netip.Prefix) *model.Object {
	inv := w.inv
	rt := inv.byID[table]
	why := "system table of " + vpc
	if t, _ := val(rt).(*model.RouteTable); t != nil && strings.EqualFold(t.RouteTableType, "Custom") {
		why = "custom table associated with the VSwitch"
	}
	w.add(step("route table", rt, "rt", table, why))
	r := match(inv.tables[table], dst)
	if r == nil {
		w.fail(step("route", nil, "rt", table, "longest prefix match for "+dst.String()), "no route",
			fmt.Sprintf("no entry of %s covers %s: the packet is dropped", table, dst))
		return nil
	}
	e := r.e
	detail := fmt.Sprintf("%s → %s", e.DestinationCidrBlock, e.NextHopText())
	if hops := e.NextHops.NextHop; len(hops) > 1 {
		parts := make([]string, len(hops))
		for i, h := range hops {
			parts[i] = fmt.Sprintf("%s weight %d", h.NextHopId, h.Weight)
		}
		detail = fmt.Sprintf("%s → ECMP %s", e.DestinationCidrBlock, strings.Join(parts, ", "))
	}
	h := step("route", r.obj, "", "", detail)
	switch strings.ToLower(e.Status) {
	case "pending":
		w.fail(h, "entry Pending", fmt.Sprintf("route %s → %s is Pending: not in effect yet", e.DestinationCidrBlock, e.NextHopText()))
		return nil
	case "modifying":
		h.Note = "entry Modifying: its next hop is being changed"
	}
	w.add(h)
	if len(e.NextHops.NextHop) == 0 {
		w.fail(step("next hop", nil, "", "", ""), "blackhole", "the entry has no next hop")
		return nil
	}
	nh := e.NextHops.NextHop[0]
	return w.next(vpc, nh, src, dst)
}

// next follows one next hop.
func (w *walker) next(vpc string, nh model.NextHop, src, dst netip.Prefix) *model.Object {
	inv := w.inv
	o := inv.byID[nh.NextHopId]
	switch strings.ToLower(nh.NextHopType) {
	case "local":
		return w.arrive(vpc, dst, "local")
	case "service":
		w.add(step("cloud service", nil, "", "", "Alibaba Cloud service addresses"))
		w.ok("cloud service range")
		return nil
	case "natgateway":
		w.nat(step("NAT gateway", o, "nat", nh.NextHopId, "next hop"), src, dst)
	case "vpngateway":
		w.vpn(step("VPN gateway", o, "vpn", nh.NextHopId, "next hop"), src, dst)
	case "vpcpeer":
		return w.peer(step("VPC peering", o, "peer", nh.NextHopId, "next hop"), vpc, dst)
	case "routerinterface":
		return w.routerInterface(step("router interface", o, "ri", nh.NextHopId, "next hop"), dst)
	case "ipv6gateway":
		if !dst.Addr().Is6() {
			w.fail(step("IPv6 gateway", o, "ipv6gw", nh.NextHopId, ""), "no route", "an IPv6 gateway carries IPv6 only")
			return nil
		}
		if w.ready(step("IPv6 gateway", o, "ipv6gw", nh.NextHopId, "IPv6 Internet"), "") {
			w.ok("IPv6 Internet through " + nh.NextHopId)
		}
	case "havip":
		if w.ready(step("HaVip", o, "havip", nh.NextHopId, havipDetail(o)), "") {
			w.ok("HaVip " + nh.NextHopId)
		}
	case "instance", "networkinterface":
		what := map[string]string{"instance": "ECS instance", "networkinterface": "ENI"}[strings.ToLower(nh.NextHopType)]
		w.add(step(what, o, "", nh.NextHopId, "end of the path"))
		w.ok(what + " " + nh.NextHopId)
	default:
		w.fail(step("next hop", o, "", nh.NextHopId, nh.NextHopType), "not followed",
			fmt.Sprintf("next hop type %s is not followed by path analysis", nh.NextHopType))
	}
	return nil
}

func havipDetail(o *model.Object) string {
	h, _ := val(o).(*model.HaVip)
	if h == nil {
		return ""
	}
	d := h.IpAddress
	if len(h.Instances()) > 0 {
		d += " on " + strings.Join(h.Instances(), ",")
	}
	if h.MasterInstanceId != "" {
		d += ", master " + h.MasterInstanceId
	}
	return d
}

// arrive ends a leg in VPC vpc: dst must be in one of its VSwitches (a
// HaVip at that address is the end).
func (w *walker) arrive(vpc string, dst netip.Prefix, how string) *model.Object {
	d := w.inv.vswitchFor(vpc, dst.Addr())
	if d == nil {
		if w.inv.byID[vpc] == nil {
			w.fail(step("VPC", nil, "vpc", vpc, ""), "not loaded", fmt.Sprintf("VPC %s is not in the loaded regions", vpc))
			return nil
		}
		w.fail(step("VPC", w.inv.byID[vpc], "", "", ""), "no VSwitch", fmt.Sprintf("%s is in no VSwitch of %s", dst.Addr(), vpc))
		return nil
	}
	v := val(d).(*model.VSwitch)
	w.add(step("VSwitch", d, "", "", fmt.Sprintf("%s: %s holds %s (%s)", how, blockFor(v, dst.Addr()), dst.Addr(), v.ZoneId)))
	if hv := w.inv.havipIP[dst.Addr()]; hv != nil && dst.IsSingleIP() {
		w.add(step("HaVip", hv, "", "", havipDetail(hv)))
		w.ok("HaVip " + hv.ID + " in " + d.ID)
		return d
	}
	w.ok(dst.String() + " in " + d.ID + " " + d.Name)
	return d
}

func (w *walker) nat(h Hop, src, dst netip.Prefix) {
	if !w.ready(h, "") {
		return
	}
	var best *model.Object
	bits := -1
	for _, o := range w.inv.snat[h.ID] {
		e := val(o).(*model.SnatEntry)
		b := -1
		if e.SourceVSwitchId != "" {
			if vs, _ := val(w.inv.byID[e.SourceVSwitchId]).(*model.VSwitch); vs != nil {
				if p, err := netip.ParsePrefix(vs.CidrBlock); err == nil && covers(p, src) {
					b = p.Bits()
				}
			}
		} else if p, err := netip.ParsePrefix(e.SourceCIDR); err == nil && covers(p.Masked(), src) {
			b = p.Bits()
		}
		if b > bits {
			best, bits = o, b
		}
	}
	if best == nil {
		w.fail(step("SNAT entry", nil, "snat", "", "source "+src.String()), "SNAT missing",
			fmt.Sprintf("no SNAT entry for this source: %s has no SNAT entry covering %s", h.ID, src))
		return
	}
	e := val(best).(*model.SnatEntry)
	sh := step("SNAT entry", best, "", "", fmt.Sprintf("source %s → %s", e.Source(), e.SnatIp))
	if !w.ready(sh, "SNAT "+e.Status) {
		return
	}
	w.ok(fmt.Sprintf("leaves for %s as %s", dst, e.SnatIp))
}

func (w *walker) vpn(h Hop, src, dst netip.Prefix) {
	if !w.ready(h, "") {
		return
	}
	var conn *model.Object
	for _, o := range w.inv.ipsec[h.ID] {
		if subnetsCover(val(o).(*model.VpnConnection).RemoteSubnet, dst) {
			conn = o
			break
		}
	}
	if conn == nil {
		w.fail(step("IPsec connection", nil, "ipsec", "", ""), "no IPsec connection",
			fmt.Sprintf("no IPsec connection of %s has a remote subnet covering %s", h.ID, dst))
		return
	}
	c := val(conn).(*model.VpnConnection)
	ch := step("IPsec connection", conn, "", "", fmt.Sprintf("remote %s, local %s", c.RemoteSubnet, c.LocalSubnet))
	if c.Status != "ipsec_sa_established" {
		w.fail(ch, "IPsec not established", fmt.Sprintf("IPsec connection %s is %s", c.VpnConnectionId, c.Status))
		return
	}
	if !subnetsCover(c.LocalSubnet, src) {
		ch.Note = "local subnet " + c.LocalSubnet + " does not cover " + src.String() + ": replies are not sent into the tunnel"
	}
	w.add(ch)
	cg := w.inv.byID[c.CustomerGatewayId]
	detail := ""
	if g, _ := val(cg).(*model.CustomerGateway); g != nil {
		detail = fmt.Sprintf("%s, ASN %d", g.IpAddress, g.Asn)
	}
	w.add(step("customer gateway", cg, "cgw", c.CustomerGatewayId, detail))
	w.ok("on-premises through " + c.VpnConnectionId + " to " + c.CustomerGatewayId)
}

func subnetsCover(list string, p netip.Prefix) bool {
	for _, s := range strings.Split(list, ",") {
		if q, err := netip.ParsePrefix(strings.TrimSpace(s)); err == nil && covers(q.Masked(), p) {
			return true
		}
	}
	return false
}

func (w *walker) peer(h Hop, vpc string, dst netip.Prefix) *model.Object {
	if h.Object != nil && h.Object.Kind.Phase(h.Object.Status) != model.PhaseReady {
		w.fail(h, "peering "+h.Object.Status, fmt.Sprintf("VPC peering %s is %s: no traffic until it is Activated", h.ID, h.Object.Status))
		return nil
	}
	if !w.ready(h, "") {
		return nil
	}
	p := val(h.Object).(*model.VpcPeerConnection)
	other, region := p.AcceptingVpc.VpcId, p.AcceptingRegionId
	if other == vpc {
		other, region = p.Vpc.VpcId, p.RegionId
	}
	w.last().Detail = "to " + other + " (" + region + ")"
	return w.arrive(other, dst, "peer VPC "+other)
}

func (w *walker) routerInterface(h Hop, dst netip.Prefix) *model.Object {
	if !w.ready(h, "router interface "+statusOf(h.Object)) {
		return nil
	}
	ri := val(h.Object).(*model.RouterInterface)
	w.last().Detail = fmt.Sprintf("to %s %s (%s)", ri.OppositeRouterType, ri.OppositeRouterId, ri.OppositeRegionId)
	if opp := w.inv.byID[ri.OppositeInterfaceId]; opp != nil {
		w.add(step("opposite interface", opp, "", "", "on "+ri.OppositeRouterId))
	}
	if ri.OppositeRouterType == model.RIVRouter {
		if vpc := w.inv.vrouter[ri.OppositeRouterId]; vpc != nil {
			return w.arrive(vpc.ID, dst, "VPC "+vpc.ID)
		}
		w.fail(step("VRouter", nil, "vrouter", ri.OppositeRouterId, ""), "not loaded", "the opposite VPC is not in the loaded regions")
		return nil
	}
	vh := step("VBR", w.inv.byID[ri.OppositeRouterId], "vbr", ri.OppositeRouterId, "")
	vbrObj := vh.Object
	if vbrObj != nil && !strings.EqualFold(vbrObj.Status, "active") {
		w.fail(vh, "VBR "+vbrObj.Status, fmt.Sprintf("VBR %s is %s", vbrObj.ID, vbrObj.Status))
		return nil
	}
	if !w.ready(vh, "") {
		return nil
	}
	vbr := val(vbrObj).(*model.VirtualBorderRouter)
	w.last().Detail = fmt.Sprintf("physical connection %s, peer %s", vbr.PhysicalConnectionId, vbr.PeerGatewayIp)
	if r := match(w.inv.tables[vbr.RouteTableId], dst); r != nil {
		w.add(step("VBR route", r.obj, "", "", fmt.Sprintf("%s → %s", r.e.DestinationCidrBlock, r.e.NextHopText())))
	}
	var up, down []string
	for _, o := range w.inv.bgp[vbr.VbrId] {
		p := val(o).(*model.BgpPeer)
		bh := step("BGP peer", o, "", "", fmt.Sprintf("%s AS %s session %s", p.PeerIpAddress, p.PeerAsn, p.BgpStatus))
		bh.Status = p.BgpStatus
		w.add(bh)
		if p.BgpStatus == "Established" {
			up = append(up, p.Name)
		} else {
			down = append(down, p.Name+" "+p.BgpStatus)
		}
	}
	if len(up) == 0 {
		reason := "BGP Idle"
		if len(down) == 0 {
			reason = "no BGP peer"
		}
		w.failLast(reason, fmt.Sprintf("no BGP session of %s is Established (%s): the data centre's routes are not learned", vbr.VbrId, strings.Join(down, ", ")))
		return nil
	}
	w.ok("on-premises through " + vbr.VbrId + ", BGP " + strings.Join(up, ",") + " Established")
	return nil
}

func statusOf(o *model.Object) string {
	if o == nil {
		return ""
	}
	return o.Status
}

// blockFor is the VSwitch block (IPv4 or IPv6) of a's version.
func blockFor(v *model.VSwitch, a netip.Addr) string {
	if a.Is6() {
		return v.Ipv6CidrBlock
	}
	return v.CidrBlock
}

// val is o's typed value; nil for a missing object.
func val(o *model.Object) any {
	if o == nil {
		return nil
	}
	return o.Val()
}

package forms

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Destructive actions other than plain deletes, and what the dialog says
// about each (see deleteSpec): every one of them goes through deletePage.

// confirmSpec turns a yes/no action (its gate and its call) into the
// typed-confirmation dialog: the gate is asked again on a fresh copy when
// the dialog opens, and the action's explanation says what stops.
func confirmSpec(m Mutation, verb string) *DeleteSpec {
	c, ok := m.(*ConfirmAction)
	if !ok {
		// Not a yes/no action: nothing can be sent from the dialog.
		return &DeleteSpec{Verb: verb, Action: m.Action(), Refuse: func(*model.Object) string { return m.Title() + " cannot be confirmed here" },
			Run: func(context.Context, *FormCtx, *model.Object, string, bool) (*Submitted, error) {
				return nil, errCancelled
			}}
	}
	spec := &DeleteSpec{Verb: verb, Action: c.APIAction, Fresh: c.gate != nil, Refuse: c.gate,
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			return c.Run(ctx, fc, o, token)
		}}
	if c.explain != "" {
		spec.Stops = func(*model.Object) []string { return []string{c.explain} }
	}
	return spec
}

// destructiveItem is an `x` entry whose action destroys or cuts something:
// make builds the action (gate and call), the dialog confirms it.
func destructiveItem(label, hint, verb string, make func(fc *FormCtx) Mutation, more func(s *DeleteSpec)) actionItem {
	return actionItem{Label: label, Hint: hint, Make: make, Destroy: func(fc *FormCtx) *DeleteSpec {
		s := confirmSpec(make(fc), verb)
		if more != nil {
			more(s)
		}
		return s
	}}
}

// ---- VBR terminate ----

// vbrSessions counts the BGP sessions on a VBR: they go down when it is
// terminated.
func vbrSessions(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	peers, err := client.DescribeBgpPeers.Call(ctx, fc.Client, &client.DescribeBgpPeersInput{RegionId: o.Region, RouterId: o.ID})
	if err != nil {
		return nil, nil, err
	}
	up := 0
	for _, p := range peers {
		if strings.EqualFold(p.BgpStatus, "Established") {
			up++
		}
	}
	switch len(peers) {
	case 0:
		return []string{"No BGP session is configured on this VBR."}, nil, nil
	case 1:
		return []string{fmt.Sprintf("1 BGP session on this VBR goes down (%d Established now).", up)}, nil, nil
	}
	return []string{fmt.Sprintf("%d BGP sessions on this VBR go down (%d Established now).", len(peers), up)}, nil, nil
}

func vbrAbout(_ *FormCtx, o *model.Object) []string {
	v := o.Val().(*model.VirtualBorderRouter)
	return []string{fmt.Sprintf("VLAN %s on physical connection %s; %s ↔ %s", model.Itoa(v.VlanId), v.PhysicalConnectionId, v.LocalGatewayIp, v.PeerGatewayIp)}
}

// ---- EIPs ----

func eipAbout(_ *FormCtx, o *model.Object) []string {
	e := o.Val().(*model.EipAddress)
	line := "Address " + e.IpAddress
	if e.Bandwidth != "" {
		line += ", " + e.Bandwidth + " Mbit/s"
	}
	if e.InstanceId != "" {
		line += ", bound to " + instanceTitle(e.InstanceType) + " " + e.InstanceId
	}
	return []string{line}
}

// eipReleaseSpec releases an EIP: the same dialog from ctrl+d and x.
func eipReleaseSpec() *DeleteSpec {
	return &DeleteSpec{Verb: "Release", Action: client.ReleaseEipAddress.Action, About: eipAbout, Fresh: true,
		Stops: func(o *model.Object) []string {
			return []string{"The address " + o.Val().(*model.EipAddress).IpAddress + " goes back to Alibaba Cloud; you will most likely not get it again."}
		},
		Refuse: func(o *model.Object) string { return eipReleaseRefusal(o.Val().(*model.EipAddress)) },
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			return releaseEip(ctx, fc, o)
		},
	}
}

// eipUsers says what stops when an EIP is unbound and, for a NAT gateway,
// which SNAT and DNAT entries still use the address: the API refuses
// (DependencyViolation.SnatEntry / .ForwardEntry) until they are gone.
func eipUsers(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	e := o.Val().(*model.EipAddress)
	stops := []string{fmt.Sprintf("%s %s loses the public address %s at once.", instanceTitle(e.InstanceType), e.InstanceId, e.IpAddress)}
	if e.InstanceType != "Nat" || e.InstanceId == "" {
		return stops, nil, nil
	}
	nat, err := natOfEntry(ctx, &FormCtx{Host: fc.Host, Client: fc.Client, Region: o.Region}, e.InstanceId)
	if err != nil {
		return nil, nil, err
	}
	sources, snat, dnat := map[string]bool{}, 0, 0
	for _, t := range nat.SnatTableIds.SnatTableId {
		es, err := client.DescribeSnatTableEntries.Call(ctx, fc.Client, &client.DescribeSnatTableEntriesInput{RegionId: o.Region, SnatTableId: t})
		if err != nil {
			return nil, nil, err
		}
		for _, s := range es {
			if slices.Contains(strings.Split(s.SnatIp, ","), e.IpAddress) {
				sources[s.Source()] = true
				snat++
			}
		}
	}
	for _, t := range nat.ForwardTableIds.ForwardTableId {
		es, err := client.DescribeForwardTableEntries.Call(ctx, fc.Client, &client.DescribeForwardTableEntriesInput{RegionId: o.Region, ForwardTableId: t})
		if err != nil {
			return nil, nil, err
		}
		for _, f := range es {
			if f.ExternalIp == e.IpAddress {
				dnat++
			}
		}
	}
	var blockers []string
	if snat > 0 {
		vsw := 0
		for s := range sources {
			if strings.HasPrefix(s, "vsw-") {
				vsw++
			}
		}
		parts := []string{}
		if vsw > 0 {
			parts = append(parts, plural(vsw, "VSwitch", "VSwitches"))
		}
		if n := len(sources) - vsw; n > 0 {
			parts = append(parts, plural(n, "CIDR block", "CIDR blocks"))
		}
		stops = append(stops, fmt.Sprintf("SNAT for %s stops: its entries translate to %s.", JoinAnd(parts), e.IpAddress))
		blockers = append(blockers, plural(snat, "SNAT entry", "SNAT entries")+" using "+e.IpAddress)
	}
	if dnat > 0 {
		stops = append(stops, fmt.Sprintf("%s on %s stop forwarding.", plural(dnat, "DNAT entry", "DNAT entries"), e.IpAddress))
		blockers = append(blockers, plural(dnat, "DNAT entry", "DNAT entries")+" using "+e.IpAddress)
	}
	return stops, blockers, nil
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// ---- route tables: unassociate a VSwitch ----

// rtUnbindItems offers one unassociate per VSwitch bound to the table.
func rtUnbindItems(fc *FormCtx) []actionItem {
	t := fc.Target.Val().(*model.RouteTable)
	if t.RouteTableType == "System" {
		return nil
	}
	var out []actionItem
	for _, vsw := range t.VSwitchIds.VSwitchId {
		out = append(out, actionItem{Label: "Unassociate from " + vsw, Hint: vsw + " falls back to the system table",
			Destroy: func(fc *FormCtx) *DeleteSpec { return rtUnbindSpec(vsw) }})
	}
	return out
}

// rtUnbindSpec unbinds vsw from the selected custom table: the user types
// the VSwitch's ID, the side that changes.
func rtUnbindSpec(vsw string) *DeleteSpec {
	return &DeleteSpec{Verb: "Unassociate", Action: "UnassociateRouteTable",
		Subject: func(o *model.Object) string { return "VSwitch " + vsw + " from route table " + o.ID },
		Confirm: func(*model.Object) []string { return []string{vsw} },
		About: func(_ *FormCtx, o *model.Object) []string {
			return []string{"VSwitch " + vsw + " uses this custom table in " + o.Val().(*model.RouteTable).VpcId + "."}
		},
		Stops: func(o *model.Object) []string {
			return []string{"The VSwitch falls back to the system route table: the routes of " + o.ID + " no longer apply to " + vsw + "."}
		},
		// The dialog re-reads the table (one DescribeRouteTableList by its
		// ID) and refuses from its own VSwitch list.
		Fresh: true,
		Refuse: func(o *model.Object) string {
			if !slices.Contains(o.Val().(*model.RouteTable).VSwitchIds.VSwitchId, vsw) {
				return vsw + " is no longer bound to " + o.ID
			}
			return ""
		},
		Impact: func(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
			es, err := tableRoutes(ctx, fc, o.Region, o.ID)
			if err != nil {
				return nil, nil, err
			}
			n := 0
			for _, e := range es {
				if strings.EqualFold(e.Type, "Custom") {
					n++
				}
			}
			return []string{fmt.Sprintf("%s of %s stop applying to %s.", plural(n, "custom route", "custom routes"), o.ID, vsw)}, nil, nil
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			sub := &FormCtx{Host: fc.Host, Client: fc.Client, Region: o.Region, Parent: fc.Parent, Target: o, Origin: fc.Origin}
			m := NewRtBind(sub, false)
			m.VswID = vsw
			return m.Submit(ctx, sub, token)
		},
	}
}

// ---- NAT gateway spec downgrade ----

// natRank orders the specs a Normal gateway can change between.
func natRank(spec string) int {
	return slices.IndexFunc(model.NatSpecs(false), func(s string) bool { return strings.EqualFold(s, spec) })
}

// natDowngradeItems offers one downgrade per smaller spec.
func natDowngradeItems(n *model.NatGateway) []actionItem {
	if n.NatType == "Enhanced" {
		return nil
	}
	var out []actionItem
	specs := model.NatSpecs(false)
	for i := natRank(n.Spec) - 1; i >= 0; i-- {
		to := specs[i]
		out = append(out, actionItem{Label: "Downgrade spec to " + to, Hint: "fewer SNAT connections; the excess is dropped",
			Destroy: func(fc *FormCtx) *DeleteSpec { return natDowngradeSpec(to) }})
	}
	return out
}

func natDowngradeSpec(to string) *DeleteSpec {
	return &DeleteSpec{Verb: "Downgrade", Action: "ModifyNatGatewaySpec", Fresh: true,
		Subject: func(o *model.Object) string { return "NAT gateway " + o.ID + " to " + to },
		About: func(_ *FormCtx, o *model.Object) []string {
			return []string{"Spec " + o.Val().(*model.NatGateway).Spec + " → " + to}
		},
		Stops: func(o *model.Object) []string {
			return []string{"The gateway holds fewer concurrent SNAT connections at " + to + "; connections above the new limit are dropped."}
		},
		Refuse: func(o *model.Object) string {
			n := o.Val().(*model.NatGateway)
			if natRank(to) >= natRank(n.Spec) {
				return fmt.Sprintf("%s is %s now; %s is not smaller", o.ID, n.Spec, to)
			}
			return ""
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, token string, _ bool) (*Submitted, error) {
			sub := &FormCtx{Host: fc.Host, Client: fc.Client, Region: o.Region, Target: o, Origin: fc.Origin}
			n := o.Val().(*model.NatGateway)
			return (&NatSpec{Id: n.NatGatewayId, Current: n.Spec, Spec: to}).Submit(ctx, sub, token)
		},
	}
}

// ---- what a delete stops, per kind ----

func routeAbout(fc *FormCtx, o *model.Object) []string {
	e := o.Val().(*model.RouteEntry)
	table := e.RouteTableId
	if fc != nil && fc.Parent != nil && fc.Parent.ID == table && fc.Parent.Name != "" {
		table += " (" + fc.Parent.Name + ")"
	}
	return []string{"Destination " + e.DestinationCidrBlock + " → next hop " + routeHop(e), "Route table " + table}
}

// routeHop is "NatGateway ngw-…" (type and ID of each next hop).
func routeHop(e *model.RouteEntry) string {
	parts := []string{}
	for _, h := range e.NextHops.NextHop {
		parts = append(parts, strings.TrimSpace(h.NextHopType+" "+h.NextHopId))
	}
	if len(parts) == 0 {
		return "(none)"
	}
	return strings.Join(parts, ", ")
}

func routeStops(o *model.Object) []string {
	e := o.Val().(*model.RouteEntry)
	return []string{"Traffic to " + e.DestinationCidrBlock + " no longer goes to " + routeHop(e) + "; it follows the next most specific route, if any."}
}

func snatStops(o *model.Object) []string {
	e := o.Val().(*model.SnatEntry)
	return []string{"Instances in " + e.Source() + " lose outbound Internet access through " + e.SnatIp + "."}
}

func dnatStops(o *model.Object) []string {
	e := o.Val().(*model.ForwardEntry)
	return []string{fmt.Sprintf("Inbound %s %s:%s → %s:%s stops.", e.IpProtocol, e.ExternalIp, e.ExternalPort, e.InternalIp, e.InternalPort)}
}

func ipsecStops(o *model.Object) []string {
	c := o.Val().(*model.VpnConnection)
	return []string{"The tunnel to customer gateway " + c.CustomerGatewayId + " goes down: traffic between " + c.LocalSubnet + " and " + c.RemoteSubnet + " stops."}
}

func bgpPeerStops(o *model.Object) []string {
	p := o.Val().(*model.BgpPeer)
	return []string{fmt.Sprintf("The BGP session with %s (AS %s, now %s) goes down; the routes learned over it are withdrawn.", p.PeerIpAddress, string(p.PeerAsn), cmp.Or(p.BgpStatus, "unknown"))}
}

func natStops(*model.Object) []string {
	return []string{"Instances that reach the Internet through this gateway (SNAT) lose it, and its DNAT ports close."}
}

// peerRejectDry asks the API to check a reject without rejecting.
func peerRejectDry(ctx context.Context, fc *FormCtx, o *model.Object, _ bool) error {
	p := o.Val().(*model.VpcPeerConnection)
	_, err := client.RejectVpcPeerConnection.Call(ctx, fc.Client, &client.VpcPeerInput{RegionId: cmp.Or(p.AcceptingRegionId, o.Region), InstanceId: p.InstanceId, DryRun: true})
	return err
}

// natLarger lists the specs above current: what Change spec offers.
func natLarger(current string) []string {
	specs := model.NatSpecs(false)
	return specs[natRank(current)+1:]
}

// instanceTitle names an EIP's InstanceType the way people say it.
func instanceTitle(t string) string {
	switch t {
	case "Nat":
		return "NAT gateway"
	case "EcsInstance":
		return "ECS instance"
	case "SlbInstance":
		return "SLB instance"
	case "NetworkInterface":
		return "network interface"
	}
	return t
}

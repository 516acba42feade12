package ui

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	tea "charm.land/bubbletea/v2"
	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// Every documented constraint of the operations the console's forms submit,
// each driven through the mutation the form really uses (built as its
// kindOps builds it, prepared against the simulator's demo account) before
// any API call. The catalog is /work/shared/api-catalog.md: §0 for the name
// and description conventions, §2.2-§2.10 and §2.13 per operation, §3.1-§3.4
// for the single-page seeds.
//
// Summary (TestConstraintTableCounts keeps the numbers true): 385
// documented constraints.
//
//   - 349 are enforced by the form and have a row in catalogRowGroups: the
//     invalid value is refused before any call (by Check(fc), by the gate
//     that opens the form or the delete dialog, or because the picker never
//     offers it) and the valid value passes; 278 of them are typed in a
//     liveInput field, and the row also sees the ✗ under the field.
//   - 33 are judged by the API only (existence, quotas, states of other
//     resources, concurrency, ownership): serverSideRows points at the
//     simulator test in client/sim that covers each (checked to exist and to
//     call the operation).
//   - 3 more (CreateNatGateway's own description rule, the required
//     accepting region of a peering, recovering a VBR only over an Enabled
//     physical connection) are tested in constraints_more_test.go.
//
// An audit found those three, and the documented constraints below that
// the simulator judges but the form also has what it needs to refuse
// first; TestConstraintsFoundByTheAudit covers the form's side of each: a
// VSwitch block equal to a route destination, deleting a VPC or VSwitch
// that is not Available, changing SNAT/DNAT entries while another entry of
// the table is Pending or Modifying, and a Normal NAT gateway in a VPC that
// already routes 0.0.0.0/0.
//
// Server-side constraints without a simulator test: CreateSnatEntry on a
// VSwitch holding a HaVip (not simulated), CreateVpnGateway's
// Resource.QuotaFull (simulated, untested), and Terminate/Recover by an
// account that does not own the physical connection
// (Forbidden.OperationNotAllowedByUser, not simulated).
//
// Parameters the forms never send (UserCidr, Ipv6CidrBlock, Period,
// NextHopList, BandwidthPackage.N.*, Tag.N.*, IsFakeAsn, …) have no row:
// the console cannot break their constraints. A value only a select can
// produce (AllocateEipAddress InternetChargeType, AssociateEipAddress
// InstanceType) needs none either. ClientToken is generated, never typed:
// TestFormTokensAreValidClientTokens covers it, and model/constraints_test.go
// covers the rules no field reaches (SNAT source exclusivity, defaults).

const (
	catalogRegion = "cn-hangzhou"
	// Counts stated in the summary above.
	wantRows       = 349
	wantLive       = 278
	wantServerSide = 33
)

// ---- the environment: a simulator with the demo account ----

type catalogEnv struct {
	bareVpc *model.Object
	d       *driver
	api     *client.Client
	ctx     context.Context
	vars    map[string]string // values rows refer to as $name

	vpc, fresh, vsw, sysRT, customRT, nat, normalNat, vrouter *model.Object
	snat, dnat, eip, vpn, spareVpn, cgw, ipsec                *model.Object
	vbr, bgp, bgpPeer, flowLog, sagFlowLog, peer              *model.Object
	region                                                    *model.Object
	eipByStatus                                               map[string]*model.Object
}

func demoItem[T any](t *testing.T, what string, items []*T, err error, match func(*T) bool) *T {
	t.Helper()
	if err != nil {
		t.Fatalf("%s: %v", what, err)
	}
	for _, it := range items {
		if match(it) {
			return it
		}
	}
	t.Fatalf("the demo account has no %s", what)
	return nil
}

// obj wraps a typed value as the console's panes hold it.
func (e *catalogEnv) obj(kind, region string, v any) *model.Object {
	k := e.d.app.reg.MustLookup(kind)
	o := &model.Object{Kind: k, Region: region, Value: v, ID: k.ID(v)}
	if k.NameOf != nil {
		o.Name = k.NameOf(v)
	}
	if k.Status != nil {
		o.Status = k.Status(v)
	}
	return o
}

func newCatalogEnv(t *testing.T) *catalogEnv {
	t.Helper()
	d := newConsole(t)
	e := &catalogEnv{d: d, api: d.api(), ctx: d.ctx, vars: map[string]string{}, eipByStatus: map[string]*model.Object{}}
	c, ctx := e.api, e.ctx

	vpcs, err := client.DescribeVpcs.Call(ctx, c, &client.DescribeVpcsInput{RegionId: catalogRegion})
	named := func(name string) *model.Vpc {
		return demoItem(t, "VPC "+name, vpcs, err, func(v *model.Vpc) bool { return v.VpcName == name })
	}
	pc, shared, dev := named("prod-core"), named("shared-services"), named("dev-sandbox")
	e.vpc = e.obj("vpc", catalogRegion, pc)
	// A VPC without a NAT gateway, so no 0.0.0.0/0 route yet.
	e.bareVpc = e.obj("vpc", catalogRegion, dev)
	e.vars["vpc"], e.vars["sharedVpc"], e.vars["bareVpc"] = pc.VpcId, shared.VpcId, dev.VpcId

	sws, err := client.DescribeVSwitches.Call(ctx, c, &client.DescribeVSwitchesInput{RegionId: catalogRegion})
	vswNamed := func(name string) *model.VSwitch {
		return demoItem(t, "VSwitch "+name, sws, err, func(s *model.VSwitch) bool { return s.VSwitchName == name })
	}
	e.vsw = e.obj("vsw", catalogRegion, vswNamed("prod-core-app-b"))
	e.vars["otherVpcVsw"] = vswNamed("staging-app-b").VSwitchId

	rts, err := client.DescribeRouteTableList.Call(ctx, c, &client.DescribeRouteTableListInput{RegionId: catalogRegion, VpcId: pc.VpcId})
	sys := demoItem(t, "system route table of prod-core", rts, err, func(r *model.RouteTable) bool { return r.RouteTableType == "System" })
	custom := demoItem(t, "custom route table of prod-core", rts, err, func(r *model.RouteTable) bool { return r.RouteTableType == "Custom" })
	e.sysRT, e.customRT = e.obj("rt", catalogRegion, sys), e.obj("rt", catalogRegion, custom)
	vrs, err := client.DescribeVRouters.Call(ctx, c, &client.DescribeVRoutersInput{RegionId: catalogRegion})
	e.vrouter = e.obj("vrouter", catalogRegion, demoItem(t, "VRouter of prod-core", vrs, err, func(v *model.VRouter) bool { return v.VRouterId == pc.VRouterId }))
	// A VSwitch of prod-core the custom table is not bound to, and one it is.
	e.vars["unboundVsw"] = demoItem(t, "VSwitch off the custom table", sws, err, func(s *model.VSwitch) bool {
		return s.VpcId == pc.VpcId && s.RouteTable.RouteTableId != custom.RouteTableId
	}).VSwitchId
	e.vars["boundVsw"] = demoItem(t, "VSwitch on the custom table", sws, err, func(s *model.VSwitch) bool {
		return s.RouteTable.RouteTableId == custom.RouteTableId
	}).VSwitchId
	routes, err := client.DescribeRouteEntryList.Call(ctx, c, &client.DescribeRouteEntryListInput{RegionId: catalogRegion, RouteTableId: sys.RouteTableId})
	e.vars["existingRoute"] = demoItem(t, "custom route in prod-core", routes, err, func(r *model.RouteEntry) bool { return r.Type == "Custom" }).DestinationCidrBlock

	nats, err := client.DescribeNatGateways.Call(ctx, c, &client.DescribeNatGatewaysInput{RegionId: catalogRegion})
	n := demoItem(t, "prod-core-nat", nats, err, func(n *model.NatGateway) bool { return n.Name == "prod-core-nat" })
	e.nat = e.obj("nat", catalogRegion, n)
	e.vars["nat"] = n.NatGatewayId
	e.vars["otherNat"] = demoItem(t, "NAT gateway of another VPC", nats, err, func(x *model.NatGateway) bool { return x.VpcId != pc.VpcId }).NatGatewayId
	normal := demoItem(t, "Normal NAT gateway", nats, err, func(x *model.NatGateway) bool { return x.NatType == "Normal" })
	e.normalNat = e.obj("nat", catalogRegion, normal)
	e.vars["currentSpec"] = normal.Spec
	e.vars["otherSpec"] = "Large"
	if normal.Spec == "Large" {
		e.vars["otherSpec"] = "Small"
	}

	snats, err := client.DescribeSnatTableEntries.Call(ctx, c, &client.DescribeSnatTableEntriesInput{RegionId: catalogRegion, SnatTableId: n.SnatTableIds.SnatTableId[0]})
	s := demoItem(t, "SNAT entry of prod-core-nat", snats, err, func(s *model.SnatEntry) bool { return s.SourceVSwitchId != "" })
	e.snat = e.obj("snat", catalogRegion, s)
	e.vars["snatIPs"], e.vars["snatIP"] = s.SnatIp, strings.Split(s.SnatIp, ",")[0]
	e.vars["snatTakenVsw"] = s.SourceVSwitchId
	taken := map[string]bool{}
	for _, x := range snats {
		taken[x.SourceVSwitchId] = true
	}
	e.vars["snatFreeVsw"] = demoItem(t, "prod-core VSwitch without SNAT", sws, err, func(v *model.VSwitch) bool {
		return v.VpcId == pc.VpcId && !taken[v.VSwitchId]
	}).VSwitchId

	fwds, err := client.DescribeForwardTableEntries.Call(ctx, c, &client.DescribeForwardTableEntriesInput{RegionId: catalogRegion, ForwardTableId: n.ForwardTableIds.ForwardTableId[0]})
	tcp := func(f *model.ForwardEntry) bool { return strings.EqualFold(f.IpProtocol, "tcp") }
	self := demoItem(t, "TCP DNAT entry", fwds, err, tcp)
	other := demoItem(t, "second TCP DNAT entry", fwds, err, func(f *model.ForwardEntry) bool { return tcp(f) && f != self })
	e.dnat = e.obj("dnat", catalogRegion, self)
	e.vars["dnatIP"] = self.ExternalIp
	e.vars["dnatSelf"] = dnatText("TCP", self.ExternalIp, self.ExternalPort, self.InternalIp, self.InternalPort)
	e.vars["dnatDupExternal"] = dnatText("TCP", other.ExternalIp, other.ExternalPort, "10.0.1.99", "9999")
	e.vars["dnatDupInternal"] = dnatText("TCP", other.ExternalIp, "9999", other.InternalIp, other.InternalPort)
	e.vars["dnatFresh"] = dnatText("TCP", other.ExternalIp, "18443", "10.0.1.99", "18443")

	eips, err := client.DescribeEipAddresses.Call(ctx, c, &client.DescribeEipAddressesInput{RegionId: catalogRegion})
	for _, st := range []string{"InUse", "Available"} {
		x := demoItem(t, st+" EIP", eips, err, func(x *model.EipAddress) bool { return x.Status == st && x.ChargeType != "PrePaid" })
		e.eipByStatus[st] = e.obj("eip", catalogRegion, x)
	}
	e.eip = e.eipByStatus["Available"]

	vpns, err := client.DescribeVpnGateways.Call(ctx, c, &client.DescribeVpnGatewaysInput{RegionId: catalogRegion})
	vg := demoItem(t, "prod-core-vpn", vpns, err, func(v *model.VpnGateway) bool { return v.VpcId == pc.VpcId })
	e.vpn = e.obj("vpn", catalogRegion, vg)
	e.vars["vpn"] = vg.VpnGatewayId
	cgws, err := client.DescribeCustomerGateways.Call(ctx, c, &client.DescribeCustomerGatewaysInput{RegionId: catalogRegion})
	cg := demoItem(t, "customer gateway", cgws, err, func(*model.CustomerGateway) bool { return true })
	e.cgw = e.obj("cgw", catalogRegion, cg)
	e.vars["cgw"] = cg.CustomerGatewayId
	conns, err := client.DescribeVpnConnections.Call(ctx, c, &client.DescribeVpnConnectionsInput{RegionId: catalogRegion, VpnGatewayId: vg.VpnGatewayId})
	e.ipsec = e.obj("ipsec", catalogRegion, demoItem(t, "IPsec connection", conns, err, func(*model.VpnConnection) bool { return true }))

	vbrs, err := client.DescribeVirtualBorderRouters.Call(ctx, c, &client.DescribeVirtualBorderRoutersInput{RegionId: catalogRegion})
	vb := demoItem(t, "VBR", vbrs, err, func(*model.VirtualBorderRouter) bool { return true })
	e.vbr = e.obj("vbr", catalogRegion, vb)
	e.vars["vbr"] = vb.VbrId
	groups, err := client.DescribeBgpGroups.Call(ctx, c, &client.DescribeBgpGroupsInput{RegionId: catalogRegion, RouterId: vb.VbrId})
	g := demoItem(t, "BGP group", groups, err, func(*model.BgpGroup) bool { return true })
	e.bgp = e.obj("bgp", catalogRegion, g)
	e.vars["bgp"] = g.BgpGroupId
	peers, err := client.DescribeBgpPeers.Call(ctx, c, &client.DescribeBgpPeersInput{RegionId: catalogRegion, BgpGroupId: g.BgpGroupId})
	e.bgpPeer = e.obj("bgppeer", catalogRegion, demoItem(t, "BGP peer", peers, err, func(*model.BgpPeer) bool { return true }))

	fls, err := client.DescribeFlowLogs.Call(ctx, c, &client.DescribeFlowLogsInput{RegionId: catalogRegion})
	e.flowLog = e.obj("vpcflowlog", catalogRegion, demoItem(t, "flow log", fls, err, func(*model.FlowLog) bool { return true }))
	sfls, err := client.DescribeSagFlowLogs.Call(ctx, c, &client.DescribeSagFlowLogsInput{RegionId: catalogRegion})
	e.sagFlowLog = e.obj("sagflowlog", catalogRegion, demoItem(t, "SAG flow log", sfls, err, func(*model.SagFlowLog) bool { return true }))
	pcs, err := client.ListVpcPeerConnections.Call(ctx, c, &client.ListVpcPeerConnectionsInput{RegionId: catalogRegion})
	e.peer = e.obj("peer", catalogRegion, demoItem(t, "cross-region peering", pcs, err, func(p *model.VpcPeerConnection) bool { return p.CrossRegion() }))
	e.region = e.obj("region", catalogRegion, &model.Region{RegionId: catalogRegion, LocalName: "China (Hangzhou)"})

	// An empty VPC, and a VPN gateway without IPsec connections: what may
	// be deleted.
	out, err := client.CreateVpc.Call(ctx, c, &client.CreateVpcInput{RegionId: catalogRegion, CidrBlock: "10.99.0.0/16", VpcName: "constraints-empty", ClientToken: client.NewClientToken()})
	noErr(t, err)
	e.fresh = e.obj("vpc", catalogRegion, &model.Vpc{VpcId: out.VpcId, VpcName: "constraints-empty", CidrBlock: "10.99.0.0/16", RegionId: catalogRegion})
	gw, err := client.CreateVpnGateway.Call(ctx, c, &client.CreateVpnGatewayInput{RegionId: catalogRegion, VpcId: dev.VpcId, Bandwidth: 5,
		VSwitchId: vswNamed("dev-sbx-b").VSwitchId, Name: "constraints-spare", ClientToken: client.NewClientToken()})
	noErr(t, err)
	e.spareVpn = e.obj("vpn", catalogRegion, &model.VpnGateway{VpnGatewayId: gw.VpnGatewayId, VpcId: dev.VpcId, Name: "constraints-spare"})
	e.d.advance(10 * time.Second)
	return e
}

func dnatText(proto, extIP, extPort, intIP, intPort string) string {
	return fmt.Sprintf("%s %s:%s %s:%s", proto, extIP, extPort, intIP, intPort)
}

// resolve replaces a $name with the environment's value.
func (e *catalogEnv) resolve(t *testing.T, v string) string {
	if name, ok := strings.CutPrefix(v, "$"); ok {
		x, ok := e.vars[name]
		if !ok {
			t.Fatalf("no $%s in the environment", name)
		}
		return x
	}
	return v
}

func (e *catalogEnv) fc(parent, target *model.Object) *forms.FormCtx {
	return &forms.FormCtx{Host: e.d.app, Client: e.d.app.opt.Client, Region: catalogRegion, Parent: parent, Target: target}
}

// ---- fixtures: each form's mutation, built as its kindOps builds it,
// prepared, every field valid ----

type formFixture struct {
	make  func(e *catalogEnv) (forms.Mutation, *forms.FormCtx)
	valid func(e *catalogEnv, m forms.Mutation) // after Prepare: the fields a user must fill
}

func fixtureOf(parent, target func(e *catalogEnv) *model.Object, construct func(fc *forms.FormCtx) forms.Mutation, valid func(e *catalogEnv, m forms.Mutation)) formFixture {
	return formFixture{valid: valid, make: func(e *catalogEnv) (forms.Mutation, *forms.FormCtx) {
		var p, t *model.Object
		if parent != nil {
			p = parent(e)
		}
		if target != nil {
			t = target(e)
		}
		fc := e.fc(p, t)
		return construct(fc), fc
	}}
}

func actionNamed(ops func() forms.KindOps, label string) func(fc *forms.FormCtx) forms.Mutation {
	return func(fc *forms.FormCtx) forms.Mutation {
		for _, it := range ops().Actions(fc) {
			if it.Label == label {
				return it.Make(fc)
			}
		}
		panic("no action " + label)
	}
}

func createdBy(ops func() forms.KindOps) func(fc *forms.FormCtx) forms.Mutation {
	return func(fc *forms.FormCtx) forms.Mutation { return ops().Create(fc) }
}
func editedBy(ops func() forms.KindOps) func(fc *forms.FormCtx) forms.Mutation {
	return func(fc *forms.FormCtx) forms.Mutation { return ops().Edit(fc) }
}

func formFixtures() map[string]formFixture {
	vpc := func(e *catalogEnv) *model.Object { return e.vpc }
	return map[string]formFixture{
		"CreateVpc":                  fixtureOf(nil, nil, createdBy(forms.VpcOps), nil),
		"ModifyVpcAttribute":         fixtureOf(nil, vpc, editedBy(forms.VpcOps), nil),
		"CreateVSwitch":              fixtureOf(vpc, nil, createdBy(forms.VswOps), nil),
		"ModifyVSwitchAttribute":     fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.vsw }, editedBy(forms.VswOps), nil),
		"CreateRouteTable":           fixtureOf(vpc, nil, createdBy(forms.RtOps), nil),
		"ModifyRouteTableAttributes": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.customRT }, editedBy(forms.RtOps), nil),
		"ModifyVRouterAttribute":     fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.vrouter }, func(fc *forms.FormCtx) forms.Mutation { return forms.OpsFor(fc.Target.Kind).Edit(fc) }, nil),
		"AssociateRouteTable":        fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.customRT }, actionNamed(forms.RtOps, "Associate with a VSwitch"), nil),
		"UnassociateRouteTable":      fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.customRT }, func(fc *forms.FormCtx) forms.Mutation { return forms.NewRtBind(fc, false) }, nil), // the model behind x → Unassociate from vsw-…
		"CreateRouteEntry": fixtureOf(func(e *catalogEnv) *model.Object { return e.sysRT }, nil, createdBy(forms.RouteOps), func(e *catalogEnv, m forms.Mutation) {
			m.(*forms.RouteCreate).Dest = "192.168.77.0/24"
		}),
		"CreateNatGateway":          fixtureOf(func(e *catalogEnv) *model.Object { return e.bareVpc }, nil, createdBy(forms.NatOps), nil),
		"ModifyNatGatewayAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.nat }, editedBy(forms.NatOps), nil),
		"ModifyNatGatewaySpec": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.normalNat }, actionNamed(forms.NatOps, "Change spec"), func(e *catalogEnv, m forms.Mutation) {
			s := m.(*forms.NatSpec)
			s.Spec = map[bool]string{true: "Small", false: "Large"}[s.Current == "Large"]
		}),
		"CreateSnatEntry": fixtureOf(func(e *catalogEnv) *model.Object { return e.nat }, nil, createdBy(forms.SnatOps), func(e *catalogEnv, m forms.Mutation) {
			m.(*forms.SnatForm).Ips = []string{e.vars["snatIP"]}
		}),
		"ModifySnatEntry": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.snat }, editedBy(forms.SnatOps), nil),
		"CreateForwardEntry": fixtureOf(func(e *catalogEnv) *model.Object { return e.nat }, nil, createdBy(forms.DnatOps), func(e *catalogEnv, m forms.Mutation) {
			f := m.(*forms.DnatForm)
			f.ExtPort, f.IntIP, f.IntPort = "18443", "10.0.1.99", "18443"
		}),
		"ModifyForwardEntry":             fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.dnat }, editedBy(forms.DnatOps), nil),
		"AllocateEipAddress":             fixtureOf(nil, nil, createdBy(forms.EipOps), nil),
		"ModifyEipAddressAttribute":      fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.eip }, editedBy(forms.EipOps), nil),
		"AssociateEipAddress":            fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.eip }, actionNamed(forms.EipOps, "Associate"), nil),
		"CreateVpnGateway":               fixtureOf(vpc, nil, createdBy(forms.VpnOps), nil),
		"ModifyVpnGatewayAttribute":      fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.vpn }, editedBy(forms.VpnOps), nil),
		"CreateCustomerGateway":          fixtureOf(nil, nil, createdBy(forms.CgwOps), func(e *catalogEnv, m forms.Mutation) { m.(*forms.CgwForm).Ip = "203.0.113.77" }),
		"ModifyCustomerGatewayAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.cgw }, editedBy(forms.CgwOps), nil),
		"CreateVpnConnection": fixtureOf(func(e *catalogEnv) *model.Object { return e.vpn }, nil, createdBy(forms.IpsecOps), func(e *catalogEnv, m forms.Mutation) {
			f := m.(*forms.IpsecForm)
			f.Local, f.Remote = "10.0.0.0/16", "172.20.0.0/16"
		}),
		"ModifyVpnConnectionAttribute":       fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.ipsec }, editedBy(forms.IpsecOps), nil),
		"ModifyVirtualBorderRouterAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.vbr }, editedBy(forms.VbrOps), nil),
		"CreateBgpGroup": fixtureOf(func(e *catalogEnv) *model.Object { return e.vbr }, nil, createdBy(forms.BgpGroupOps), func(e *catalogEnv, m forms.Mutation) {
			m.(*forms.BgpGroupForm).PeerAsn = "65001"
		}),
		"ModifyBgpGroupAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.bgp }, editedBy(forms.BgpGroupOps), nil),
		"CreateBgpPeer": fixtureOf(func(e *catalogEnv) *model.Object { return e.bgp }, nil, createdBy(forms.BgpPeerOps), func(e *catalogEnv, m forms.Mutation) {
			m.(*forms.BgpPeerForm).PeerIP = "10.254.0.4"
		}),
		"ModifyBgpPeerAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.bgpPeer }, editedBy(forms.BgpPeerOps), nil),
		"AddBgpNetwork": fixtureOf(func(e *catalogEnv) *model.Object { return e.vbr }, nil, createdBy(forms.BgpNetOps), func(e *catalogEnv, m forms.Mutation) {
			m.(*forms.BgpNetCreate).Cidr = "10.0.0.0/16"
		}),
		"CreateFlowLog": fixtureOf(vpc, nil, createdBy(forms.VpcFlowLogOps), func(e *catalogEnv, m forms.Mutation) {
			f := m.(*forms.VpcFlowLogCreate)
			f.Project, f.Logstore = "flowlog-project", "flows"
		}),
		"ModifyFlowLogAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.flowLog }, editedBy(forms.VpcFlowLogOps), nil),
		"SAG CreateFlowLog": fixtureOf(nil, nil, createdBy(forms.SagFlowLogOps), func(e *catalogEnv, m forms.Mutation) {
			f := m.(*forms.SagFlowLogForm)
			f.Project, f.Logstore = "sag-flows", "branch"
		}),
		"SAG ModifyFlowLogAttribute": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.sagFlowLog }, editedBy(forms.SagFlowLogOps), nil),
		"CreateVpcPeerConnection": fixtureOf(vpc, nil, createdBy(forms.PeerOps), func(e *catalogEnv, m forms.Mutation) {
			p := m.(*forms.PeerCreate)
			p.AcceptUID, p.AcceptVpc = "1210123456123456", e.vars["sharedVpc"]
		}),
		"ModifyVpcPeerConnection": fixtureOf(nil, func(e *catalogEnv) *model.Object { return e.peer }, editedBy(forms.PeerOps), nil),
	}
}

// prepared builds op's mutation and prepares it the way the form page does.
func (e *catalogEnv) prepared(t *testing.T, op string) (forms.Mutation, *forms.FormCtx) {
	t.Helper()
	f, ok := formFixtures()[op]
	if !ok {
		t.Fatalf("no fixture for %s", op)
	}
	m, fc := f.make(e)
	if p, ok := m.(forms.Preparer); ok {
		if err := p.Prepare(e.ctx, fc); err != nil {
			t.Fatalf("%s: Prepare: %v", op, err)
		}
	}
	if f.valid != nil {
		f.valid(e, m)
	}
	return m, fc
}

// ---- probes: what the form says about one value before any call ----

// verdictFn reports the form's verdict on v: the error that stops the call, and
// whether a ✗ shows under a field.
type verdictFn func(t *testing.T, e *catalogEnv, v string) (err error, shown bool)

type fieldSetter func(m forms.Mutation, v string)

// setOn adapts a typed setter.
func setOn[M forms.Mutation](f func(m M, v string)) fieldSetter {
	return func(m forms.Mutation, v string) { f(m.(M), v) }
}

// viaCheck puts v in the field and asks the mutation, as the form page does
// on submit; it also renders the form to see the live check.
func viaCheck(op string, set fieldSetter) verdictFn {
	return func(t *testing.T, e *catalogEnv, v string) (error, bool) {
		m, fc := e.prepared(t, op)
		set(m, v)
		before := e.d.fault.calls.Load()
		err := m.Check(fc)
		shown := formShowsFailure(m, fc)
		if n := e.d.fault.calls.Load() - before; n != 0 {
			t.Errorf("checking %q made %d API call(s)", v, n)
		}
		return err, shown
	}
}

// formShowsFailure renders each group of the form the user can reach and
// reports whether any field shows a failed check (✗).
func formShowsFailure(m forms.Mutation, fc *forms.FormCtx) bool {
	// Laid out as on a large terminal, so no line is scrolled away.
	f := m.Form(fc).WithWidth(200).WithHeight(200)
	f.Init()
	f.Update(tea.WindowSizeMsg{Width: 200, Height: 200})
	for range 30 {
		if strings.Contains(f.View(), "✗") {
			return true
		}
		before := f.GetFocusedField()
		f.NextGroup()
		if f.State != huh.StateNormal || f.GetFocusedField() == before {
			return false
		}
	}
	return false
}

// viaPicker: the value can only come from the choices the form loaded.
func viaPicker(op string, picks func(m forms.Mutation) []forms.Pick) verdictFn {
	return func(t *testing.T, e *catalogEnv, v string) (error, bool) {
		m, _ := e.prepared(t, op)
		if !forms.HasValue(picks(m), v) {
			return fmt.Errorf("%s is not offered", v), false
		}
		return nil, false
	}
}

// viaGate asks a mutation built (and prepared) for the object target
// returns for v: gates refuse before the form takes any input.
func viaGate(construct func(fc *forms.FormCtx) forms.Mutation, target func(e *catalogEnv, v string) *model.Object, prepare bool) verdictFn {
	return func(t *testing.T, e *catalogEnv, v string) (error, bool) {
		fc := e.fc(nil, target(e, v))
		m := construct(fc)
		if p, ok := m.(forms.Preparer); ok && prepare {
			if err := p.Prepare(e.ctx, fc); err != nil {
				t.Fatalf("Prepare: %v", err)
			}
		}
		if c, ok := m.(*forms.ConfirmAction); ok {
			c.Yes = true // the user said Yes; only the gate may refuse
		}
		return m.Check(fc), false
	}
}

// viaRefusal asks the delete dialog's refusal for the object built for v.
func viaRefusal(ops func() forms.KindOps, target func(e *catalogEnv, v string) *model.Object) verdictFn {
	return func(t *testing.T, e *catalogEnv, v string) (error, bool) {
		if why := ops().Del.Refuse(target(e, v)); why != "" {
			return errors.New(why), false
		}
		return nil, false
	}
}

// viaDependents counts what the delete dialog counts and asks whether it
// would send the delete.
func viaDependents(ops func() forms.KindOps, target func(e *catalogEnv, v string) *model.Object) verdictFn {
	return func(t *testing.T, e *catalogEnv, v string) (error, bool) {
		o, spec := target(e, v), ops().Del
		counts, err := countDependents(e.ctx, e.d.app.opt.Client, e.d.app.reg, o, spec)
		if err != nil {
			t.Fatalf("counting dependents of %s: %v", o.ID, err)
		}
		d := &deletePage{obj: o, spec: spec, dependents: counts}
		if d.blocked() {
			return fmt.Errorf("%s still has %s", o.ID, forms.JoinAnd(counts)), false
		}
		return nil, false
	}
}

// ---- rows ----

type catalogRow struct {
	op, param, rule, section string
	bad, good                string
	probe                    verdictFn
	live                     bool   // a liveInput field shows ✗ as the bad value is typed
	why                      string // the refusal names this (when another rule could also refuse)
}

func formRow(op, param, rule, section, bad, good string, set fieldSetter, live bool) catalogRow {
	return catalogRow{op: op, param: param, rule: rule, section: section, bad: bad, good: good, probe: viaCheck(op, set), live: live}
}

func (c catalogRow) naming(why string) catalogRow { c.why = why; return c }

// nameCatalogRows are the rows of a name-type parameter: the §0 convention, or the
// operation's own variant of it.
func nameCatalogRows(op, param, section string, r model.NameRule, set fieldSetter) []catalogRow {
	chars, charsOK := "web app", "a1"+r.Extra+"z"
	if !strings.Contains(r.Extra, ".") {
		chars = "web.app" // '.' is not among this name's characters
	}
	rule := fmt.Sprintf("%d-%d characters", r.Min, r.Max)
	return []catalogRow{
		formRow(op, param, rule+" (not fewer)", section, "a", "ab", set, true),
		formRow(op, param, rule+" (not more)", section, strings.Repeat("a", r.Max+1), strings.Repeat("a", r.Max), set, true),
		formRow(op, param, "starts with a letter or a Chinese character", section, "9lives", "生产9", set, true),
		formRow(op, param, "letters, Chinese characters, digits and "+r.Extra+" only", section, chars, charsOK, set, true),
		formRow(op, param, "does not start with http:// or https://", section, "https://web", "web-https", set, true).naming("http"),
	}
}

// descCatalogRows are the rows of a Description parameter (§0).
func descCatalogRows(op, section string, set fieldSetter) []catalogRow {
	return []catalogRow{
		formRow(op, "Description", "2-256 characters (not fewer)", section, "a", "ab", set, true),
		formRow(op, "Description", "2-256 characters (not more)", section, strings.Repeat("d", 257), strings.Repeat("d", 256), set, true),
		formRow(op, "Description", "starts with a letter or a Chinese character", section, "1st tier", "First tier", set, true),
		formRow(op, "Description", "does not start with http:// or https://", section, "http://example.com", "See http://example.com", set, true),
	}
}

// textCatalogRows are a name and a description of one form.
func textCatalogRows(op, nameParam, section string, r model.NameRule, name, desc fieldSetter) []catalogRow {
	out := nameCatalogRows(op, nameParam, section, r, name)
	if desc != nil {
		out = append(out, descCatalogRows(op, section, desc)...)
	}
	return out
}

// withStatus is a copy of o whose status reads v (gates read the listing's
// status).
func statusCopy(o *model.Object, v string) *model.Object {
	c := *o
	c.Status = v
	return &c
}

func hostAndPort(s string) (string, string) {
	i := strings.LastIndex(s, ":")
	return s[:i], s[i+1:]
}

func numberOr(v string) int { n, _ := strconv.Atoi(v); return n }

func catalogRowGroups() [][]catalogRow {
	return [][]catalogRow{vpcCatalogRows(), routeCatalogRows(), natCatalogRows(), eipCatalogRows(), vpnCatalogRows(), vbrCatalogRows(), flowLogCatalogRows(), peerCatalogRows(), deleteCatalogRows()}
}

func vpcCatalogRows() []catalogRow {
	const cv, mv, cs, ms = "§0, §2.2 CreateVpc", "§0, §2.2 ModifyVpcAttribute", "§0, §2.3 CreateVSwitch", "§0, §2.3 ModifyVSwitchAttribute"
	cidr := setOn(func(m *forms.VpcCreate, v string) { m.CidrChoice, m.Cidr = forms.CustomCIDR, v })
	// The VSwitch goes in whichever of the region's VPCs holds the block
	// (prod-core, or the empty VPC), as the user would pick it.
	vswCIDR := setOn(func(m *forms.VswCreate, v string) {
		m.Cidr = v
		if p, err := model.ParseCIDR(v); err == nil {
			for _, x := range m.Vpcs {
				if vp, err := model.ParseCIDR(x.CidrBlock); err == nil && model.Contains(vp, p) {
					m.VpcID = x.VpcId
				}
			}
		}
	})
	rows := []catalogRow{
		formRow("CreateVpc", "CidrBlock", "a CIDR block (InvalidParameter)", "§2.2 CreateVpc", "10.30.0.0/33", "10.30.0.0/16", cidr, true),
		formRow("CreateVpc", "CidrBlock", "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or a subset", "§2.2 CreateVpc", "11.0.0.0/16", "192.168.0.0/16", cidr, true),
		formRow("CreateVpc", "CidrBlock", "mask /8 to /24 (not longer)", "§2.2 CreateVpc", "10.30.0.0/25", "10.30.0.0/24", cidr, true).naming("/8 to /24"),
		formRow("CreateVSwitch", "CidrBlock", "mask /16 to /29 (not shorter)", "§2.3 CreateVSwitch", "10.0.0.0/15", "10.0.64.0/18", vswCIDR, true).naming("/16 to /29"),
		formRow("CreateVSwitch", "CidrBlock", "mask /16 to /29 (not longer)", "§2.3 CreateVSwitch", "10.0.64.0/30", "10.0.64.0/29", vswCIDR, true).naming("/16 to /29"),
		formRow("CreateVSwitch", "CidrBlock", "inside the VPC's block", "§2.3 CreateVSwitch", "10.1.0.0/24", "10.0.64.0/24", vswCIDR, true),
		formRow("CreateVSwitch", "CidrBlock", "overlaps no other VSwitch (InvalidCidrBlock.Overlapped)", "§2.3 CreateVSwitch", "10.0.1.128/25", "10.0.64.128/25", vswCIDR, true).naming("overlaps"),
		formRow("CreateVSwitch", "CidrBlock", "the VPC's whole block only for its only VSwitch", "§2.3 CreateVSwitch", "10.0.0.0/16", "10.99.0.0/16", vswCIDR, true),
		formRow("CreateVSwitch", "VpcId", "required", "§2.3 CreateVSwitch", "", "$vpc", setOn(func(m *forms.VswCreate, v string) { m.VpcID = v }), false),
		formRow("CreateVSwitch", "ZoneId", "required", "§2.3 CreateVSwitch", "", "cn-hangzhou-b", setOn(func(m *forms.VswCreate, v string) { m.Zone = v }), false),
		formRow("CreateRouteTable", "VpcId", "required", "§2.5 CreateRouteTable", "", "$vpc", setOn(func(m *forms.RtCreate, v string) { m.VpcID = v }), false),
	}
	rows = append(rows, textCatalogRows("CreateVpc", "VpcName", cv, model.DefaultName,
		setOn(func(m *forms.VpcCreate, v string) { m.Name = v }), setOn(func(m *forms.VpcCreate, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyVpcAttribute", "VpcName", mv, model.DefaultName,
		setOn(func(m *forms.VpcModify, v string) { m.Name = v }), setOn(func(m *forms.VpcModify, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("CreateVSwitch", "VSwitchName", cs, model.DefaultName,
		setOn(func(m *forms.VswCreate, v string) { m.Name = v }), setOn(func(m *forms.VswCreate, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyVSwitchAttribute", "VSwitchName", ms, model.DefaultName,
		setOn(func(m *forms.VswModify, v string) { m.Name = v }), setOn(func(m *forms.VswModify, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("CreateRouteTable", "RouteTableName", "§0, §2.5 CreateRouteTable", model.DefaultName,
		setOn(func(m *forms.RtCreate, v string) { m.Name = v }), setOn(func(m *forms.RtCreate, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyRouteTableAttributes", "RouteTableName", "§0, §2.5 ModifyRouteTableAttributes", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyRouteTableAttributesInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyRouteTableAttributesInput], v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyVRouterAttribute", "VRouterName", "§2.4 ModifyVRouterAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyVRouterAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyVRouterAttributeInput], v string) { m.Desc = v }))...)
	return rows
}

func routeCatalogRows() []catalogRow {
	const ce = "§2.5 CreateRouteEntry"
	dest := setOn(func(m *forms.RouteCreate, v string) { m.Dest = v })
	rtByType := func(e *catalogEnv, v string) *model.Object {
		if v == "System" {
			return e.sysRT
		}
		return e.customRT
	}
	entry := func(typ, status string) func(e *catalogEnv, v string) *model.Object {
		return func(e *catalogEnv, v string) *model.Object {
			r := &model.RouteEntry{RouteEntryId: "rte-constraints", RouteTableId: e.sysRT.ID, DestinationCidrBlock: "192.168.77.0/24", Type: typ, Status: status}
			if typ == "" {
				r.Type = v
			}
			if status == "" {
				r.Status = v
			}
			return e.obj("route", catalogRegion, r)
		}
	}
	return []catalogRow{
		{op: "AssociateRouteTable", param: "RouteTableId", rule: "a custom route table", section: "§2.5 AssociateRouteTable", bad: "System", good: "Custom",
			probe: viaGate(func(fc *forms.FormCtx) forms.Mutation { return forms.NewRtBind(fc, true) }, rtByType, true)},
		formRow("AssociateRouteTable", "VSwitchId", "required", "§2.5 AssociateRouteTable", "", "$unboundVsw", setOn(func(m *forms.RtBind, v string) { m.VswID = v }), false),
		{op: "AssociateRouteTable", param: "VSwitchId", rule: "a VSwitch of the table's VPC", section: "§2.5 AssociateRouteTable", bad: "$otherVpcVsw", good: "$unboundVsw",
			probe: viaPicker("AssociateRouteTable", func(m forms.Mutation) []forms.Pick { return m.(*forms.RtBind).Picks })},
		formRow("UnassociateRouteTable", "VSwitchId", "required", "§2.5 UnassociateRouteTable", "", "$boundVsw", setOn(func(m *forms.RtBind, v string) { m.VswID = v }), false),
		{op: "UnassociateRouteTable", param: "VSwitchId", rule: "a VSwitch bound to the table", section: "§2.5 UnassociateRouteTable", bad: "$unboundVsw", good: "$boundVsw",
			probe: viaPicker("UnassociateRouteTable", func(m forms.Mutation) []forms.Pick { return m.(*forms.RtBind).Picks })},

		formRow("CreateRouteEntry", "DestinationCidrBlock", "required", ce, "", "192.168.77.0/24", dest, true),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "a CIDR block (InvalidCidrBlock)", ce, "192.168.77.0/33", "192.168.77.0/24", dest, true),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not 100.64.0.0/10", ce, "100.64.0.0/10", "100.128.0.0/10", dest, true).naming("100.64.0.0/10"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not inside 100.64.0.0/10", ce, "100.64.8.0/24", "100.128.8.0/24", dest, true).naming("100.64.0.0/10"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not equal to a VSwitch block of the VPC", ce, "10.0.1.0/24", "10.0.64.0/24", dest, true).naming("VSwitch"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not containing a VSwitch block of the VPC", ce, "10.0.0.0/20", "10.0.64.0/20", dest, true).naming("VSwitch"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not inside a VSwitch block of the VPC", ce, "10.0.1.128/25", "10.0.64.128/25", dest, true).naming("VSwitch"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "unique in the table (InvalidCIDRBlock.Duplicate)", ce, "$existingRoute", "172.30.0.0/16", dest, true).naming("already"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "a bare IPv4 address reads as /32", ce, "10.0.1.7", "192.168.77.7", dest, true).naming("/32"),
		formRow("CreateRouteEntry", "NextHopType", "a documented next-hop type (InvalidNextHopType)", ce, "Router", "NatGateway",
			setOn(func(m *forms.RouteCreate, v string) { m.HopType = v }), false),
		formRow("CreateRouteEntry", "NextHopId", "required with NextHopType (InvalidNexthopTypeAndList.BothNull)", ce, "", "$nat",
			setOn(func(m *forms.RouteCreate, v string) { m.Hops.Set(m.HopType, v) }), false),
		formRow("CreateRouteEntry", "NextHopId", "required with NextHopType (typed next hops)", ce, "", "i-bp1constraints",
			setOn(func(m *forms.RouteCreate, v string) { m.HopType = "Instance"; m.Hops.Set("Instance", v) }), true),
		{op: "CreateRouteEntry", param: "NextHopId", rule: "a next hop in the table's VPC", section: ce, bad: "$otherNat", good: "$nat",
			probe: viaPicker("CreateRouteEntry", func(m forms.Mutation) []forms.Pick { return m.(*forms.RouteCreate).Nats })},
		formRow("CreateRouteEntry", "RouteTableId", "at most 48 custom entries (QuotaExceeded)", ce, "48", "47",
			setOn(func(m *forms.RouteCreate, v string) { m.Custom = numberOr(v) }), false),

		{op: "DeleteRouteEntry", param: "DestinationCidrBlock", rule: "only an Available entry can be deleted", section: "§2.5 DeleteRouteEntry",
			bad: "Pending", good: "Available", probe: viaRefusal(forms.RouteOps, entry("Custom", ""))},
		{op: "DeleteRouteEntry", param: "DestinationCidrBlock", rule: "a system route cannot be deleted (OperationDenied)", section: "§2.5 DeleteRouteEntry",
			bad: "System", good: "Custom", probe: viaRefusal(forms.RouteOps, entry("", "Available"))},
		{op: "DeleteRouteTable", param: "RouteTableId", rule: "a custom route table", section: "§2.5 DeleteRouteTable",
			bad: "System", good: "Custom", probe: viaRefusal(forms.RtOps, rtByType)},
	}
}

func natCatalogRows() []catalogRow {
	const cn, cf, mf, cs, msn = "§2.9 CreateNatGateway", "§2.9 CreateForwardEntry", "§2.9 ModifyForwardEntry", "§2.9 CreateSnatEntry", "§2.9 ModifySnatEntry"
	// A Normal gateway in a VPC without a 0.0.0.0/0 route yet (it adds its
	// own), so that only the spec decides.
	spec := setOn(func(m *forms.NatCreate, v string) {
		m.NatType, m.Spec = "Normal", v
		for _, p := range m.Vpcs {
			if model.CheckDefaultRouteFree(m.Routes[p.Value]) == nil {
				m.VpcID = p.Value
				break
			}
		}
	})
	snatIPs := setOn(func(m *forms.SnatForm, v string) { m.Ips = strings.Split(v, ",") })
	ipText := setOn(func(m *forms.SnatForm, v string) { m.IpText = v })
	// A DNAT entry written "TCP ext:port int:port".
	forward := setOn(func(m *forms.DnatForm, v string) {
		f := strings.Fields(v)
		m.Proto = f[0]
		m.ExtIP, m.ExtPort = hostAndPort(f[1])
		m.IntIP, m.IntPort = hostAndPort(f[2])
	})
	extPort := setOn(func(m *forms.DnatForm, v string) { m.ExtPort = v })
	intPort := setOn(func(m *forms.DnatForm, v string) { m.IntPort = v })
	intIP := setOn(func(m *forms.DnatForm, v string) { m.IntIP = v })
	proto := setOn(func(m *forms.DnatForm, v string) { m.Proto = v })
	extIP := setOn(func(m *forms.DnatForm, v string) { m.ExtIP = v })
	rows := []catalogRow{
		formRow("CreateNatGateway", "VpcId", "required", cn, "", "$bareVpc", setOn(func(m *forms.NatCreate, v string) { m.VpcID = v }), false),
		formRow("CreateNatGateway", "Spec", "Small, Middle, Large or XLarge.1", cn, "Huge", "XLarge.1", spec, false),
		formRow("ModifyNatGatewaySpec", "Spec", "Small, Middle or Large", "§2.9 ModifyNatGatewaySpec", "XLarge.1", "$otherSpec",
			setOn(func(m *forms.NatSpec, v string) { m.Spec = v }), false),
		formRow("ModifyNatGatewaySpec", "Spec", "differs from the current spec (NATGW_MODIFY_SPEC_SAME)", "§2.9 ModifyNatGatewaySpec", "$currentSpec", "$otherSpec",
			setOn(func(m *forms.NatSpec, v string) { m.Spec = v }), false),

		formRow("CreateSnatEntry", "SnatIp", "required", cs, "", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SnatIp", "IPv4 addresses (InvalidSnatIp.Malformed)", cs, "47.0.0.300", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SnatIp", "an EIP bound to the NAT gateway", cs, "203.0.113.9", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SnatIp", "not an IP DNAT uses (Forbidden.IpUsedInForwardTable)", cs, "$dnatIP", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SourceVSwitchId", "one SNAT entry per VSwitch (Forbidden.SourceVSwitchId.Duplicated)", cs, "$snatTakenVsw", "$snatFreeVsw",
			setOn(func(m *forms.SnatForm, v string) { m.Source, m.VswID = "vsw", v }), false),
		{op: "CreateSnatEntry", param: "SourceVSwitchId", rule: "a VSwitch of the NAT gateway's VPC", section: cs, bad: "$otherVpcVsw", good: "$snatFreeVsw",
			probe: viaPicker("CreateSnatEntry", func(m forms.Mutation) []forms.Pick { return m.(*forms.SnatForm).Nc.Vsws })},
		formRow("CreateSnatEntry", "SourceCIDR", "a CIDR block", cs, "10.0.0.0/33", "10.0.0.0/24",
			setOn(func(m *forms.SnatForm, v string) { m.Source, m.Cidr = "cidr", v }), true),
		formRow("ModifySnatEntry", "SnatIp", "required", msn, "", "$snatIPs", ipText, true),
		formRow("ModifySnatEntry", "SnatIp", "IPv4 addresses, comma-separated (InvalidSnatIp.Malformed)", msn, "47.0.0.300", "$snatIPs", ipText, true),
		formRow("ModifySnatEntry", "SnatIp", "an EIP bound to the NAT gateway", msn, "203.0.113.9", "$snatIPs", ipText, true),
		formRow("ModifySnatEntry", "SnatIp", "not an IP DNAT uses (Forbidden.IpUsedInForwardTable)", msn, "$dnatIP", "$snatIP", ipText, true),

		formRow("CreateForwardEntry", "ExternalPort", "1-65535 (not below)", cf, "0", "1", extPort, true),
		formRow("CreateForwardEntry", "ExternalPort", "1-65535 (not above)", cf, "65536", "65535", extPort, true),
		formRow("CreateForwardEntry", "InternalPort", "1-65535 (not below)", cf, "0", "1", intPort, true),
		formRow("CreateForwardEntry", "InternalPort", "1-65535 (not above)", cf, "65536", "65535", intPort, true),
		formRow("CreateForwardEntry", "IpProtocol", "TCP, UDP or Any", cf, "ICMP", "UDP", proto, false),
		formRow("CreateForwardEntry", "InternalIp", "an IP address (InvalidInternalIp.Malformed)", cf, "10.0.1.300", "10.0.1.99", intIP, true),
		formRow("CreateForwardEntry", "InternalIp", "inside the VPC's block (Forbidden.InternalIpOutOfVpcCIDR)", cf, "192.168.1.1", "10.0.1.99", intIP, true),
		formRow("CreateForwardEntry", "ExternalIp", "an IP address (InvalidExternalIp.Malformed)", cf, "120.26.0.300", "$dnatIP", extIP, false),
		formRow("CreateForwardEntry", "ExternalIp", "not an IP SNAT uses (Forbidden.ExternalIp.UsedInSnatTable)", cf, "$snatIP", "$dnatIP", extIP, false),
		{op: "CreateForwardEntry", param: "ExternalIp", rule: "an EIP bound to the NAT gateway (InvalidIp.NotInNatgw)", section: cf, bad: "203.0.113.9", good: "$dnatIP",
			probe: viaPicker("CreateForwardEntry", func(m forms.Mutation) []forms.Pick { return m.(*forms.DnatForm).Nc.Eips })},
		formRow("CreateForwardEntry", "ExternalIp+ExternalPort+IpProtocol", "unique in the DNAT table", cf, "$dnatDupExternal", "$dnatFresh", forward, false),
		formRow("CreateForwardEntry", "IpProtocol+InternalIp+InternalPort", "unique in the DNAT table", cf, "$dnatDupInternal", "$dnatFresh", forward, false),
		formRow("CreateForwardEntry", "ForwardTableId", "at most 100 DNAT entries", cf, "100", "99",
			setOn(func(m *forms.DnatForm, v string) { m.Nc.DnatCount = numberOr(v) }), false),
		formRow("ModifyForwardEntry", "ExternalPort", "1-65535", mf, "65536", "65535", extPort, true),
		formRow("ModifyForwardEntry", "InternalPort", "1-65535", mf, "0", "18443", intPort, true),
		formRow("ModifyForwardEntry", "IpProtocol", "TCP, UDP or Any", mf, "SCTP", "TCP", proto, false),
		formRow("ModifyForwardEntry", "InternalIp", "inside the VPC's block (Forbidden.DestnationIpOutOfVpcCIDR)", mf, "192.168.1.1", "10.0.1.99", intIP, true),
		formRow("ModifyForwardEntry", "ExternalIp", "not an IP SNAT uses (Forbidden.ExternalIp.UsedInSnatTable)", mf, "$snatIP", "$dnatIP", extIP, false),
		formRow("ModifyForwardEntry", "ExternalIp+ExternalPort+IpProtocol", "unique in the DNAT table (the entry itself aside)", mf, "$dnatDupExternal", "$dnatSelf", forward, false),
		formRow("ModifyForwardEntry", "IpProtocol+InternalIp+InternalPort", "unique in the DNAT table (the entry itself aside)", mf, "$dnatDupInternal", "$dnatSelf", forward, false),
	}
	// CreateNatGateway's Description is 2-256 characters without an http(s)
	// prefix (§0's exception); the leading-letter rule is not documented
	// for it, so descCatalogRows' third row does not apply.
	natDesc := setOn(func(m *forms.NatCreate, v string) { m.Desc = v })
	rows = append(rows, nameCatalogRows("CreateNatGateway", "Name", "§0, "+cn, model.DefaultName, setOn(func(m *forms.NatCreate, v string) { m.Name = v }))...)
	for _, r := range descCatalogRows("CreateNatGateway", "§0 (exception), "+cn, natDesc) {
		if !strings.HasPrefix(r.rule, "starts with") {
			rows = append(rows, r)
		}
	}
	rows = append(rows, textCatalogRows("ModifyNatGatewayAttribute", "Name", "§0, §2.9 ModifyNatGatewayAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyNatGatewayAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyNatGatewayAttributeInput], v string) { m.Desc = v }))...)
	return rows
}

func eipCatalogRows() []catalogRow {
	const me = "§2.13 ModifyEipAddressAttribute"
	eipWith := func(edit func(x *model.EipAddress, v string)) func(e *catalogEnv, v string) *model.Object {
		return func(e *catalogEnv, v string) *model.Object {
			x := *e.eip.Val().(*model.EipAddress)
			edit(&x, v)
			return e.obj("eip", catalogRegion, &x)
		}
	}
	rows := []catalogRow{
		formRow("AllocateEipAddress", "Bandwidth", "a whole number of Mbit/s (InvalidParameter)", "§2.13 AllocateEipAddress", "fast", "5",
			setOn(func(m *forms.EipAllocate, v string) { m.Bandwidth = v }), true),
		formRow("ModifyEipAddressAttribute", "Bandwidth", "a whole number of Mbit/s (InvalidParameter)", me, "10M", "10",
			setOn(func(m *forms.EipModify, v string) { m.Bandwidth = v }), true),
		{op: "AssociateEipAddress", param: "AllocationId", rule: "an Available EIP (IncorrectEipStatus)", section: "§2.13 AssociateEipAddress",
			bad: "InUse", good: "Available", probe: viaGate(forms.NewEipAssociate, func(e *catalogEnv, v string) *model.Object { return e.eipByStatus[v] }, true)},
		formRow("AssociateEipAddress", "InstanceId", "required", "§2.13 AssociateEipAddress", "", "i-bp1constraints",
			setOn(func(m *forms.EipAssociate, v string) { m.InstType, m.EcsID = "EcsInstance", v }), true),
		{op: "UnassociateEipAddress", param: "AllocationId", rule: "an EIP bound to an instance (IncorrectEipStatus)", section: "§2.13 UnassociateEipAddress",
			bad: "Available", good: "InUse", probe: viaGate(forms.NewEipUnassociate, func(e *catalogEnv, v string) *model.Object { return e.eipByStatus[v] }, true)},
		{op: "ReleaseEipAddress", param: "AllocationId", rule: "only an Available EIP can be released", section: "§2.13 ReleaseEipAddress",
			bad: "InUse", good: "Available", probe: viaRefusal(forms.EipOps, eipWith(func(x *model.EipAddress, v string) { x.Status, x.InstanceId = v, "" }))},
		{op: "ReleaseEipAddress", param: "AllocationId", rule: "not a prepaid EIP (Forbidden.ChargeTypeIsPrepaid)", section: "§2.13 ReleaseEipAddress",
			bad: "PrePaid", good: "PostPaid", probe: viaRefusal(forms.EipOps, eipWith(func(x *model.EipAddress, v string) { x.ChargeType = v }))},
	}
	return append(rows, textCatalogRows("ModifyEipAddressAttribute", "Name", "§0, "+me, model.DefaultName,
		setOn(func(m *forms.EipModify, v string) { m.Name = v }), setOn(func(m *forms.EipModify, v string) { m.Desc = v }))...)
}

func vpnCatalogRows() []catalogRow {
	const cc, cvc, mvc = "§2.8 CreateCustomerGateway", "§2.8 CreateVpnConnection", "§2.8 ModifyVpnConnectionAttribute"
	local := setOn(func(m *forms.IpsecForm, v string) { m.Local = v })
	remote := setOn(func(m *forms.IpsecForm, v string) { m.Remote = v })
	ike := func(f func(c *model.IkeConfig, v string)) fieldSetter {
		return setOn(func(m *forms.IpsecForm, v string) { f(&m.Ike, v) })
	}
	cgwIP := setOn(func(m *forms.CgwForm, v string) { m.Ip = v })
	rows := []catalogRow{
		formRow("CreateVpnGateway", "VpcId", "required", "§2.8 CreateVpnGateway", "", "$vpc", setOn(func(m *forms.VpnCreate, v string) { m.VpcID = v }), false),
		formRow("CreateVpnGateway", "Bandwidth", "5, 10, 20, 50 or 100 Mbit/s", "§2.8 CreateVpnGateway", "30", "50", setOn(func(m *forms.VpnCreate, v string) { m.Bandwidth = v }), false),
		formRow("CreateCustomerGateway", "IpAddress", "required", cc, "", "203.0.113.77", cgwIP, true),
		formRow("CreateCustomerGateway", "IpAddress", "an IP address (InvalidIpAddress.WrongFormat)", cc, "203.0.113.300", "203.0.113.77", cgwIP, true),
		formRow("CreateVpnConnection", "VpnGatewayId", "required", cvc, "", "$vpn", setOn(func(m *forms.IpsecForm, v string) { m.VpnID = v }), false),
		formRow("CreateVpnConnection", "CustomerGatewayId", "required", cvc, "", "$cgw", setOn(func(m *forms.IpsecForm, v string) { m.CgwID = v }), false),
		formRow("CreateVpnConnection", "LocalSubnet", "required", cvc, "", "10.0.0.0/16", local, true),
		formRow("CreateVpnConnection", "LocalSubnet", "CIDR blocks separated by commas", cvc, "10.0.0.0/16;10.1.0.0/16", "10.0.0.0/16,10.1.0.0/16", local, true),
		formRow("CreateVpnConnection", "RemoteSubnet", "required", cvc, "", "172.20.0.0/16", remote, true),
		formRow("CreateVpnConnection", "RemoteSubnet", "CIDR blocks separated by commas", cvc, "172.20.0.0/16 172.21.0.0/16", "172.20.0.0/16,172.21.0.0/16", remote, true),
		formRow("CreateVpnConnection", "IkeConfig.IkeVersion", "ikev1 or ikev2", cvc, "ikev3", "ikev1", ike(func(c *model.IkeConfig, v string) { c.IkeVersion = v }), false),
		formRow("CreateVpnConnection", "IkeConfig.IkeMode", "main or aggressive", cvc, "quick", "aggressive", ike(func(c *model.IkeConfig, v string) { c.IkeMode = v }), false),
		formRow("CreateVpnConnection", "IkeConfig.IkeAuthAlg", "sha1 or MD5", cvc, "crc32", "md5", ike(func(c *model.IkeConfig, v string) { c.IkeAuthAlg = v }), false),
		formRow("CreateVpnConnection", "IkeConfig.IkePfs", "group1, group2, group5, group14 or group24", cvc, "group3", "group14", ike(func(c *model.IkeConfig, v string) { c.IkePfs = v }), false),
		formRow("CreateVpnConnection", "IpsecConfig.IpsecAuthAlg", "sha1 or md5", cvc, "crc32", "md5", setOn(func(m *forms.IpsecForm, v string) { m.Ipsec.IpsecAuthAlg = v }), false),
		formRow("ModifyVpnConnectionAttribute", "LocalSubnet", "CIDR blocks separated by commas", mvc, "10.0.0.0/33", "10.0.0.0/16", local, true),
		formRow("ModifyVpnConnectionAttribute", "RemoteSubnet", "CIDR blocks separated by commas", mvc, "172.20.0.0/16,x", "172.20.0.0/16", remote, true),
	}
	rows = append(rows, nameCatalogRows("CreateVpnGateway", "Name", "§0 (exception), §2.8 CreateVpnGateway", model.VpnGatewayName,
		setOn(func(m *forms.VpnCreate, v string) { m.Name = v }))...)
	rows = append(rows, textCatalogRows("ModifyVpnGatewayAttribute", "Name", "§0, §2.8 ModifyVpnGatewayAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyVpnGatewayAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyVpnGatewayAttributeInput], v string) { m.Desc = v }))...)
	cgwName, cgwDesc := setOn(func(m *forms.CgwForm, v string) { m.Name = v }), setOn(func(m *forms.CgwForm, v string) { m.Desc = v })
	rows = append(rows, textCatalogRows("CreateCustomerGateway", "Name", "§0, "+cc, model.DefaultName, cgwName, cgwDesc)...)
	rows = append(rows, textCatalogRows("ModifyCustomerGatewayAttribute", "Name", "§0, §2.8 ModifyCustomerGatewayAttribute", model.DefaultName, cgwName, cgwDesc)...)
	ipsecName := setOn(func(m *forms.IpsecForm, v string) { m.Name = v })
	rows = append(rows, nameCatalogRows("CreateVpnConnection", "Name", "§0, "+cvc, model.DefaultName, ipsecName)...)
	return append(rows, nameCatalogRows("ModifyVpnConnectionAttribute", "Name", "§0, "+mvc, model.DefaultName, ipsecName)...)
}

func vbrCatalogRows() []catalogRow {
	const mv, cg, cp = "§2.6 ModifyVirtualBorderRouterAttribute", "§2.7 CreateBgpGroup", "§2.7 CreateBgpPeer"
	vlan := setOn(func(m *forms.VbrModify, v string) { m.Vlan = v })
	mask := setOn(func(m *forms.VbrModify, v string) { m.Mask = v })
	peerAsn := setOn(func(m *forms.BgpGroupForm, v string) { m.PeerAsn = v })
	peerIP := setOn(func(m *forms.BgpPeerForm, v string) { m.PeerIP = v })
	vbrStatus := func(e *catalogEnv, v string) *model.Object { return statusCopy(e.vbr, v) }
	rows := []catalogRow{
		formRow("ModifyVirtualBorderRouterAttribute", "VlanId", "1-2999 (not below)", mv, "0", "1", vlan, true),
		formRow("ModifyVirtualBorderRouterAttribute", "VlanId", "1-2999 (not above)", mv, "3000", "2999", vlan, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeeringSubnetMask", "255.255.255.0 to 255.255.255.252 (/24 at widest)", mv, "255.255.254.0", "255.255.255.0", mask, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeeringSubnetMask", "255.255.255.0 to 255.255.255.252 (/30 at narrowest)", mv, "255.255.255.254", "255.255.255.252", mask, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeeringSubnetMask", "a dotted mask (InvalidPeeringSubnetMask.Malformed)", mv, "255.0.255.0", "255.255.255.248", mask, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeerGatewayIp", "same subnet as LocalGatewayIp (InvalidIp.NotSameSubnet)", mv, "10.254.0.9", "10.254.0.6",
			setOn(func(m *forms.VbrModify, v string) { m.Peer = v }), true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeerGatewayIp", "an IP address (InvalidIp.Malformed)", mv, "10.254.0.x", "10.254.0.5",
			setOn(func(m *forms.VbrModify, v string) { m.Peer = v }), true),
		formRow("ModifyVirtualBorderRouterAttribute", "LocalGatewayIp", "an IP address (InvalidIp.Malformed)", mv, "10.254.0.256", "10.254.0.3",
			setOn(func(m *forms.VbrModify, v string) { m.Local = v }), true),
		{op: "TerminateVirtualBorderRouter", param: "VbrId", rule: "an active (Enabled) VBR", section: "§2.6 TerminateVirtualBorderRouter",
			bad: "terminated", good: "active", probe: viaGate(actionNamed(forms.VbrOps, "Terminate"), vbrStatus, false)},
		{op: "RecoverVirtualBorderRouter", param: "VbrId", rule: "a Terminated VBR", section: "§2.6 RecoverVirtualBorderRouter",
			bad: "active", good: "terminated", probe: viaGate(actionNamed(forms.VbrOps, "Recover"), vbrStatus, false)},

		formRow("CreateBgpGroup", "RouterId", "required", cg, "", "$vbr", setOn(func(m *forms.BgpGroupForm, v string) { m.VbrID = v }), false),
		formRow("CreateBgpGroup", "PeerAsn", "required", cg, "", "65001", peerAsn, true),
		formRow("CreateBgpGroup", "PeerAsn", "a number (Long)", cg, "AS65001", "65001", peerAsn, true),
		formRow("CreateBgpGroup", "PeerAsn", "not Alibaba Cloud's 45104 (InvalidPeerAsn.Malformed)", cg, "45104", "45105", peerAsn, true),
		formRow("ModifyBgpGroupAttribute", "PeerAsn", "not Alibaba Cloud's 45104 (InvalidPeerAsn.Malformed)", "§2.7 ModifyBgpGroupAttribute", "45104", "65002", peerAsn, true),
		formRow("CreateBgpPeer", "BgpGroupId", "required", cp, "", "$bgp", setOn(func(m *forms.BgpPeerForm, v string) { m.GroupID = v }), false),
		formRow("CreateBgpPeer", "PeerIpAddress", "required (InvalidPeerIpAddress)", cp, "", "10.254.0.4", peerIP, true),
		formRow("CreateBgpPeer", "PeerIpAddress", "an IP address (InvalidIP.Malformed)", cp, "10.254.0.400", "10.254.0.4", peerIP, true),
		formRow("CreateBgpPeer", "PeerIpAddress", "IPv4 only: no IPv6 BGP", cp, "fe80::4", "10.254.0.5", peerIP, true),
		formRow("ModifyBgpPeerAttribute", "PeerIpAddress", "IPv4 only: no IPv6 BGP", "§2.7 (BGP: IPv4 only)", "fe80::2", "10.254.0.2", peerIP, true),
		formRow("AddBgpNetwork", "RouterId", "required", "§2.7 AddBgpNetwork", "", "$vbr", setOn(func(m *forms.BgpNetCreate, v string) { m.VbrID = v }), false),
		formRow("AddBgpNetwork", "DstCidrBlock", "required", "§2.7 AddBgpNetwork", "", "10.0.0.0/16", setOn(func(m *forms.BgpNetCreate, v string) { m.Cidr = v }), true),
		formRow("AddBgpNetwork", "DstCidrBlock", "a CIDR block", "§2.7 AddBgpNetwork", "10.0.0.0/40", "10.0.1.0/24", setOn(func(m *forms.BgpNetCreate, v string) { m.Cidr = v }), true),
	}
	rows = append(rows, textCatalogRows("ModifyVirtualBorderRouterAttribute", "Name", "§0, "+mv, model.DefaultName,
		setOn(func(m *forms.VbrModify, v string) { m.Name = v }), setOn(func(m *forms.VbrModify, v string) { m.Desc = v }))...)
	bgpName, bgpDesc := setOn(func(m *forms.BgpGroupForm, v string) { m.Name = v }), setOn(func(m *forms.BgpGroupForm, v string) { m.Desc = v })
	rows = append(rows, textCatalogRows("CreateBgpGroup", "Name", "§0, "+cg, model.DefaultName, bgpName, bgpDesc)...)
	return append(rows, textCatalogRows("ModifyBgpGroupAttribute", "Name", "§0, §2.7 ModifyBgpGroupAttribute", model.DefaultName, bgpName, bgpDesc)...)
}

func flowLogCatalogRows() []catalogRow {
	const cf, sag, sagm = "§2.10 CreateFlowLog", "§3.2 CreateFlowLog (SAG)", "§3.2 rules, SAG ModifyFlowLogAttribute"
	traffic := setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Traffic = v })
	active := setOn(func(m *forms.SagFlowLogForm, v string) { m.Active = v })
	inactive := setOn(func(m *forms.SagFlowLogForm, v string) { m.Inactive = v })
	output := setOn(func(m *forms.SagFlowLogForm, v string) { m.Output = v })
	// NetFlow settings, with the other NetFlow values valid.
	netflow := func(f func(m *forms.SagFlowLogForm, v string)) fieldSetter {
		return setOn(func(m *forms.SagFlowLogForm, v string) {
			m.Output, m.NfIP, m.NfPort, m.NfVersion = "netflow", "192.168.0.2", "9995", "V9"
			f(m, v)
		})
	}
	rows := []catalogRow{
		formRow("CreateFlowLog", "TrafficType", "required", cf, "", "Drop", traffic, false),
		formRow("CreateFlowLog", "TrafficType", "All, Allow or Drop", cf, "Some", "Allow", traffic, false),
		formRow("CreateFlowLog", "ResourceType", "NetworkInterface, VSwitch or VPC", cf, "Instance", "VSwitch", setOn(func(m *forms.VpcFlowLogCreate, v string) { m.ResType = v }), false),
		formRow("CreateFlowLog", "ProjectName", "required", cf, "", "flowlog-project", setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Project = v }), true),
		formRow("CreateFlowLog", "LogStoreName", "required", cf, "", "flows", setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Logstore = v }), true),

		formRow("SAG CreateFlowLog", "OutputType", "required", sag, "", "sls", output, false),
		formRow("SAG CreateFlowLog", "OutputType", "sls, netflow or all (IllegalParam.OutputType)", sag, "kafka", "sls", output, false),
		formRow("SAG CreateFlowLog", "ActiveAging", "60-6000 seconds (not below)", sag, "59", "60", active, true),
		formRow("SAG CreateFlowLog", "ActiveAging", "60-6000 seconds (not above)", sag, "6001", "6000", active, true),
		formRow("SAG CreateFlowLog", "InactiveAging", "10-600 seconds (not below)", sag, "9", "10", inactive, true),
		formRow("SAG CreateFlowLog", "InactiveAging", "10-600 seconds (not above)", sag, "601", "600", inactive, true),
		formRow("SAG CreateFlowLog", "SlsRegionId", "required for sls and all (MissingParam.SlsRegionId)", sag, "", "cn-hangzhou", setOn(func(m *forms.SagFlowLogForm, v string) { m.SlsRegion = v }), true),
		formRow("SAG CreateFlowLog", "ProjectName", "required for sls and all (MissingParam.ProjectName)", sag, "", "sag-flows", setOn(func(m *forms.SagFlowLogForm, v string) { m.Project = v }), true),
		formRow("SAG CreateFlowLog", "LogstoreName", "required for sls and all (MissingParam.LogstoreName)", sag, "", "branch", setOn(func(m *forms.SagFlowLogForm, v string) { m.Logstore = v }), true),
		formRow("SAG CreateFlowLog", "ProjectName", "required for all too", sag, "", "sag-flows",
			setOn(func(m *forms.SagFlowLogForm, v string) { m.Output, m.NfIP, m.Project = "all", "192.168.0.2", v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerIp", "required for netflow and all (MissingParam.NetflowServerIp)", sag, "", "192.168.0.2",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfIP = v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerIp", "an IP address (IllegalParam.NetflowServerIp)", sag, "192.168.0.256", "192.168.0.2",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfIP = v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerIp", "required for all too", sag, "", "192.168.0.2",
			setOn(func(m *forms.SagFlowLogForm, v string) { m.Output, m.NfIP = "all", v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerPort", "a port (IllegalParam.NetflowServerPort)", sag, "70000", "9995",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfPort = v }), true),
		formRow("SAG CreateFlowLog", "NetflowVersion", "V5, V9 or V10 (IllegalParam.NetflowVersion)", sag, "V8", "V10",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfVersion = v }), false),
		formRow("SAG ModifyFlowLogAttribute", "OutputType", "sls, netflow or all", sagm, "kafka", "netflow", output, false),
		formRow("SAG ModifyFlowLogAttribute", "ActiveAging", "60-6000 seconds", sagm, "6001", "6000", active, true),
		formRow("SAG ModifyFlowLogAttribute", "InactiveAging", "10-600 seconds", sagm, "601", "600", inactive, true),
		formRow("SAG ModifyFlowLogAttribute", "NetflowServerIp", "required for netflow and all", sagm, "", "192.168.0.9",
			setOn(func(m *forms.SagFlowLogForm, v string) { m.NfIP = v }), true),
		{op: "DeleteFlowLog (SAG)", param: "FlowLogId", rule: "not while bound to an SAG instance (DependencyViolation.FlowLog)", section: "§3.2 error codes",
			bad: "1", good: "0", probe: viaRefusal(forms.SagFlowLogOps, func(e *catalogEnv, v string) *model.Object {
				f := *e.sagFlowLog.Val().(*model.SagFlowLog)
				f.TotalSagNum = model.FlexInt(numberOr(v))
				return e.obj("sagflowlog", catalogRegion, &f)
			})},
	}
	rows = append(rows, textCatalogRows("CreateFlowLog", "FlowLogName", "§0, "+cf, model.DefaultName,
		setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Name = v }), setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Desc = v }))...)
	return append(rows, textCatalogRows("ModifyFlowLogAttribute", "FlowLogName", "§0, §2.10 ModifyFlowLogAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyFlowLogAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyFlowLogAttributeInput], v string) { m.Desc = v }))...)
}

func peerCatalogRows() []catalogRow {
	const cp, mp = "§3.3 CreateVpcPeerConnection", "§3.3 rules, ModifyVpcPeerConnection"
	uid := setOn(func(m *forms.PeerCreate, v string) { m.AcceptUID = v })
	accept := setOn(func(m *forms.PeerCreate, v string) { m.AcceptVpc = v })
	// Bandwidth and LinkType are for a cross-region peering.
	cross := func(f func(m *forms.PeerCreate, v string)) fieldSetter {
		return setOn(func(m *forms.PeerCreate, v string) { m.AcceptRegion = "cn-shanghai"; f(m, v) })
	}
	peerStatus := func(e *catalogEnv, v string) *model.Object { return statusCopy(e.peer, v) }
	regionState := func(opened func(r *model.Region, v string)) func(e *catalogEnv, v string) *model.Object {
		return func(e *catalogEnv, v string) *model.Object {
			r := *e.region.Val().(*model.Region)
			opened(&r, v)
			return e.obj("region", catalogRegion, &r)
		}
	}
	rows := []catalogRow{
		formRow("CreateVpcPeerConnection", "VpcId", "required", cp, "", "$vpc", setOn(func(m *forms.PeerCreate, v string) { m.VpcID = v }), false),
		formRow("CreateVpcPeerConnection", "AcceptingAliUid", "required", cp, "", "1210123456123456", uid, true),
		formRow("CreateVpcPeerConnection", "AcceptingAliUid", "an integer account ID", cp, "acme-corp", "1210123456123456", uid, true),
		formRow("CreateVpcPeerConnection", "AcceptingVpcId", "required", cp, "", "$sharedVpc", accept, true),
		formRow("CreateVpcPeerConnection", "Bandwidth", "an integer greater than 0 (Mbit/s)", cp, "0", "100",
			cross(func(m *forms.PeerCreate, v string) { m.Bandwidth = v }), true),
		formRow("CreateVpcPeerConnection", "Bandwidth", "an integer (Mbit/s)", cp, "fast", "100",
			cross(func(m *forms.PeerCreate, v string) { m.Bandwidth = v }), true),
		formRow("CreateVpcPeerConnection", "LinkType", "Platinum or Gold", cp, "Silver", "Platinum",
			cross(func(m *forms.PeerCreate, v string) { m.LinkType = v }), false),
		formRow("ModifyVpcPeerConnection", "Bandwidth", "an integer greater than 0 (Mbit/s)", mp, "-5", "200",
			setOn(func(m *forms.PeerModify, v string) { m.Bandwidth = v }), true),
		formRow("ModifyVpcPeerConnection", "LinkType", "Platinum or Gold", mp, "Bronze", "Gold",
			setOn(func(m *forms.PeerModify, v string) { m.LinkType = v }), false),
		{op: "AcceptVpcPeerConnection", param: "InstanceId", rule: "a connection waiting in Accepting", section: "§3.3 (Accepting)",
			bad: "Activated", good: "Accepting", probe: viaGate(func(fc *forms.FormCtx) forms.Mutation { return forms.PeerDecide(fc, true) }, peerStatus, false)},
		{op: "RejectVpcPeerConnection", param: "InstanceId", rule: "a connection waiting in Accepting", section: "§3.3 (Accepting)",
			bad: "Activated", good: "Accepting", probe: viaGate(func(fc *forms.FormCtx) forms.Mutation { return forms.PeerDecide(fc, false) }, peerStatus, false)},
		{op: "OpenTrafficMirrorService", param: "RegionId", rule: "not again for a region where it is open (repeated calls refused)", section: "§3.1",
			bad: "Opened", good: "Not opened", probe: viaGate(actionNamed(forms.RegionOps, "Open traffic mirroring"),
				regionState(func(r *model.Region, v string) { r.TrafficMirror = v }), false)},
		{op: "OpenPublicIpAddressPoolService", param: "RegionId", rule: "not again once open (one activation per account)", section: "§3.4",
			bad: "Opened", good: "Not opened", probe: viaGate(actionNamed(forms.RegionOps, "Open IP address pools"),
				regionState(func(r *model.Region, v string) { r.IpPool = v }), false)},
	}
	rows = append(rows, textCatalogRows("CreateVpcPeerConnection", "Name", "§3.3 CreateVpcPeerConnection (Name, Description)", model.PeerName,
		setOn(func(m *forms.PeerCreate, v string) { m.Name = v }), setOn(func(m *forms.PeerCreate, v string) { m.Desc = v }))...)
	return append(rows, textCatalogRows("ModifyVpcPeerConnection", "Name", mp, model.PeerName,
		setOn(func(m *forms.PeerModify, v string) { m.Name = v }), setOn(func(m *forms.PeerModify, v string) { m.Desc = v }))...)
}

func deleteCatalogRows() []catalogRow {
	return []catalogRow{
		{op: "DeleteVpc", param: "VpcId", rule: "VSwitches, route tables, gateways and other resources in the VPC go first", section: "§2.2 DeleteVpc",
			bad: "prod-core", good: "empty", probe: viaDependents(forms.VpcOps, func(e *catalogEnv, v string) *model.Object {
				if v == "empty" {
					return e.fresh
				}
				return e.vpc
			})},
		{op: "DeleteVpnGateway", param: "VpnGatewayId", rule: "not while it has IPsec connections", section: "§2.8 DeleteVpnGateway",
			bad: "with connections", good: "without", probe: viaDependents(forms.VpnOps, func(e *catalogEnv, v string) *model.Object {
				if v == "without" {
					return e.spareVpn
				}
				return e.vpn
			})},
	}
}

// ---- the tests ----

func allCatalogRows() []catalogRow {
	var out []catalogRow
	for _, rs := range catalogRowGroups() {
		out = append(out, rs...)
	}
	return out
}

func TestEveryDocumentedConstraintIsCheckedBeforeAnyCall(t *testing.T) {
	e := newCatalogEnv(t)
	for _, c := range allCatalogRows() {
		t.Run(c.op+"/"+c.param+"/"+c.rule, func(t *testing.T) {
			bad, good := e.resolve(t, c.bad), e.resolve(t, c.good)
			err, shown := c.probe(t, e, bad)
			switch {
			case err == nil:
				t.Errorf("%s %s=%q passes the form; %s says: %s", c.op, c.param, bad, c.section, c.rule)
			case c.why != "" && !strings.Contains(err.Error(), c.why):
				t.Errorf("%s=%q is refused for another reason: %v", c.param, bad, err)
			}
			if c.live && !shown {
				t.Errorf("%s=%q shows no ✗ in the form while typed", c.param, bad)
			}
			if err, shown := c.probe(t, e, good); err != nil || shown {
				t.Errorf("valid %s=%q is refused (shown %v): %v", c.param, good, shown, err)
			}
		})
	}
}

// serverSide is a documented constraint only the API can judge; simTest
// names the simulator test that covers it, which calls action.
type serverSideRule struct{ op, rule, section, simTest, action string }

func serverSideRows() []serverSideRule {
	return []serverSideRule{
		{"CreateVpc", "at most the account's VPC quota (QuotaExceeded.Vpc)", "§2.2 CreateVpc", "vpc_test.go TestVpcQuota", "CreateVpc"},
		{"CreateVpc", "RegionId exists (InvalidRegionId.NotFound)", "§2.2 CreateVpc", "vpc_test.go TestCreateVpcRules", "CreateVpc"},
		{"CreateVSwitch", "ZoneId exists in the region (InvalidZoneId.NotFound)", "§2.3 CreateVSwitch", "vpc_test.go TestCreateVSwitchRules", "CreateVSwitch"},
		{"CreateVSwitch", "at most 24 VSwitches per VPC (QuotaExceeded.VSwitch)", "§2.3 CreateVSwitch", "vpc_test.go TestCreateVSwitchRules", "CreateVSwitch"},
		{"CreateVSwitch", "one VSwitch created at a time per VPC (IncorrectVSwitchStatus)", "§2.3 CreateVSwitch, §4.2", "vpc_test.go TestCreateVSwitchRules", "CreateVSwitch"},
		{"CreateVSwitch", "not while a route entry is Pending (IncorrectRouteEntryStatus)", "§2.3 CreateVSwitch, §4.2", "vpc_test.go TestCreateVSwitchRefusesACustomRouteDestination", "CreateVSwitch"},
		{"CreateVSwitch", "not equal to a route destination of the VPC (InvalidCidrBlock.Overlapped)", "§2.3 CreateVSwitch", "vpc_test.go TestCreateVSwitchRefusesACustomRouteDestination", "CreateVSwitch"},
		{"DeleteVpc", "only an Available VPC (IncorrectVpcStatus)", "§2.2 DeleteVpc", "vpc_test.go TestDeleteVpc", "DeleteVpc"},
		{"DeleteVSwitch", "only an Available VSwitch, without instances (IncorrectVSwitchStatus, DependencyViolation)", "§2.3 DeleteVSwitch", "vpc_test.go TestDeleteVSwitch", "DeleteVSwitch"},
		{"CreateRouteEntry", "the next hop exists in the table's VPC (InvalidNextHopId.NotFound)", "§2.5 CreateRouteEntry", "route_test.go TestCreateRouteEntryRules", "CreateRouteEntry"},
		{"CreateRouteEntry", "not while an entry of the table is Pending (IncorrectRouteEntryStatus)", "§2.5 CreateRouteEntry", "route_test.go TestCreateRouteEntryRules", "CreateRouteEntry"},
		{"CreateRouteEntry", "ECMP lists of 2-4 next hops, never with NextHopType (InvalidNexthopListSize, BothNotNull)", "§2.5 CreateRouteEntry", "route_test.go TestCreateRouteEntryRules", "CreateRouteEntry"},
		{"DeleteRouteEntry", "only an Available entry; not a system one (IncorrectRouteEntryStatus, OperationDenied)", "§2.5 DeleteRouteEntry", "route_test.go TestDeleteRouteEntry", "DeleteRouteEntry"},
		{"CreateNatGateway", "not while 0.0.0.0/0 is routed", "§2.9 CreateNatGateway", "nat_test.go TestCreateNatGatewayRules", "CreateNatGateway"},
		{"CreateNatGateway", "not while the VPC or VSwitch is still creating (VpcStatusError, VswitchStatusError)", "§2.9 CreateNatGateway", "nat_test.go TestCreateNatGatewayRules", "CreateNatGateway"},
		{"Modify/DeleteSnatEntry", "not while an SNAT entry is Pending or Modifying (IncorretSnatEntryStatus)", "§2.9, §4.2", "nat_test.go TestSnatEntries", "DeleteSnatEntry"},
		{"Create/Modify/DeleteForwardEntry", "not while a DNAT entry is Pending or Modifying (IncorretForwardEntryStatus)", "§2.9, §4.2", "nat_test.go TestForwardEntries", "ModifyForwardEntry"},
		{"CreateForwardEntry", "ExternalIp is on this NAT gateway (InvalidExternalIp.NotFound)", "§2.9 CreateForwardEntry", "nat_test.go TestForwardEntries", "CreateForwardEntry"},
		{"AssociateEipAddress", "the instance exists and is in a state to bind (InvalidInstanId.NotFound, IncorrectInstanceStatus)", "§2.13 AssociateEipAddress", "nat_test.go TestEipLifecycle", "AssociateEipAddress"},
		{"ReleaseEipAddress", "not a prepaid EIP (Forbidden.ChargeTypeIsPrepaid)", "§2.13 ReleaseEipAddress", "nat_test.go TestAllocateEipAddressRules", "ReleaseEipAddress"},
		{"ModifyVpnConnectionAttribute/DeleteVpnConnection/DeleteVpnGateway", "not while the gateway is configuring (VpnGateway.Configuring)", "§2.8, §4.2", "vpn_test.go TestVpnGatewayLifecycle", "DeleteVpnGateway"},
		{"CreateCustomerGateway", "IpAddress unique per region (InvalidIpAddress.AlreadyExist)", "§2.8 CreateCustomerGateway", "vpn_test.go TestCustomerGateways", "CreateCustomerGateway"},
		{"CreateVpnConnection", "one connection per gateway pair (InvalidVpnConnection.AlreadyExists)", "§2.8 CreateVpnConnection", "vpn_test.go TestVpnConnections", "CreateVpnConnection"},
		{"ModifyVirtualBorderRouterAttribute", "VlanId unique on the physical connection (InvalidVlanId.Used)", "§2.6 ModifyVirtualBorderRouterAttribute", "vbr_test.go TestModifyVirtualBorderRouter", "ModifyVirtualBorderRouterAttribute"},
		{"ModifyVirtualBorderRouterAttribute", "another account's VBR cannot set its addresses (Forbidden.*NotAllowedByCaller)", "§2.6 ModifyVirtualBorderRouterAttribute", "vbr_test.go TestVbrForAnotherAccount", "ModifyVirtualBorderRouterAttribute"},
		{"Terminate/RecoverVirtualBorderRouter", "from the right state; a terminated VBR's VLAN stays reserved 7 days", "§2.6", "vbr_test.go TestVbrTerminateRecoverDelete", "RecoverVirtualBorderRouter"},
		{"CreateBgpGroup", "per-VBR quota; status allows it (QuotaExceeded.Bgp, InvalidStatus.CannotOperate)", "§2.7 shared errors", "vbr_test.go TestBgpGroupRules", "CreateBgpGroup"},
		{"AddBgpNetwork", "not advertised already (InvalidParams.AlreadyExists)", "§2.7 AddBgpNetwork", "vbr_test.go TestBgpNetworks", "AddBgpNetwork"},
		{"CreateFlowLog", "the VPC, VSwitch or ENI exists", "§2.10 CreateFlowLog", "flowlog_test.go TestCreateFlowLogRules", "CreateFlowLog"},
		{"CreateFlowLog (SAG)", "flow log quota; RegionId valid (QuotaExceeded.Flowlog, IllegalParam.RegionId)", "§3.2", "flowlog_test.go TestSagFlowLogOutputTypes", "CreateFlowLog"},
		{"CreateVpcPeerConnection", "VPC states, quotas, no concurrent creation per VPC, resource group exists", "§3.3", "peer_test.go TestCreateVpcPeerConnectionRules", "CreateVpcPeerConnection"},
		{"Accept/RejectVpcPeerConnection", "by the accepting account, while Accepting", "§3.3", "peer_test.go TestPeerAcrossAccounts", "AcceptVpcPeerConnection"},
		{"OpenTrafficMirrorService/OpenPublicIpAddressPoolService", "no repeated or concurrent activation (OperationConflict, ServiceOpened)", "§3.1, §3.4", "vpc_test.go TestRegionsZonesAndServices", "OpenPublicIpAddressPoolService"},
	}
}

// TestServerSideConstraintsPointAtSimulatorTests keeps the pointers true:
// each names a test that exists in client/sim and calls the operation.
func TestServerSideConstraintsPointAtSimulatorTests(t *testing.T) {
	for _, s := range serverSideRows() {
		file, name, ok := strings.Cut(s.simTest, " ")
		if !ok {
			t.Fatalf("%s: %q is not \"file TestName\"", s.op, s.simTest)
		}
		src, err := os.ReadFile(filepath.Join("..", "client", "sim", file))
		if err != nil {
			t.Fatalf("%s: %v", s.op, err)
		}
		_, body, found := strings.Cut(string(src), "\nfunc "+name+"(t *testing.T) {")
		if !found {
			t.Errorf("%s (%s): no %s in client/sim/%s", s.op, s.rule, name, file)
			continue
		}
		if end := strings.Index(body, "\nfunc "); end > 0 {
			body = body[:end]
		}
		hit := strings.Contains(body, `"`+s.action+`"`)
		if !hit {
			t.Errorf("%s: %s never calls %s", s.op, name, s.action)
		}
	}
}

// TestConstraintTableCounts keeps the summary at the top of this file true.
func TestConstraintTableCounts(t *testing.T) {
	rows := allCatalogRows()
	live := 0
	seen := map[string]bool{}
	for _, c := range rows {
		if c.live {
			live++
		}
		key := c.op + "|" + c.param + "|" + c.rule
		if seen[key] {
			t.Errorf("two rows for %s", key)
		}
		seen[key] = true
		if c.op == "" || c.param == "" || c.rule == "" || !strings.HasPrefix(c.section, "§") || c.probe == nil || c.bad == c.good {
			t.Errorf("incomplete row %+v", c)
		}
	}
	if len(rows) != wantRows || live != wantLive || len(serverSideRows()) != wantServerSide {
		t.Errorf("the summary says %d rows (%d live) and %d server-side; the tables have %d (%d live) and %d",
			wantRows, wantLive, wantServerSide, len(rows), live, len(serverSideRows()))
	}
}

// TestFormTokensAreValidClientTokens: ClientToken is at most 64 ASCII
// characters (§0); every form and delete dialog sends one it generated.
func TestFormTokensAreValidClientTokens(t *testing.T) {
	for range 100 {
		if tok := client.NewClientToken(); model.CheckClientToken(tok) != nil {
			t.Fatalf("generated ClientToken %q breaks §0", tok)
		}
	}
	d := newConsole(t)
	d.keys("c")
	if p := d.formPage(); model.CheckClientToken(p.token) != nil || p.token == "" {
		t.Fatalf("the Create VPC form's token %q", p.token)
	}
}

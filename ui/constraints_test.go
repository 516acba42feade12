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
	if p := d.openForm("c"); model.CheckClientToken(p.token) != nil || p.token == "" {
		t.Fatalf("the Create VPC form's token %q", p.token)
	}
}

package ui

import (
	"net/netip"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// TestConstraintsFoundByTheAudit covers the documented constraints an
// audit of the forms found unchecked before the call: each is now refused
// by the form (or the delete dialog) with a message that says what to do,
// without any write, and the valid case still passes.
func TestConstraintsFoundByTheAudit(t *testing.T) {
	e := newCatalogEnv(t)
	c, ctx := e.api, e.ctx
	token := client.NewClientToken

	// noWrite runs f and fails if it sent anything that changes state.
	noWrite := func(t *testing.T, what string, f func()) {
		t.Helper()
		mark := len(e.d.fault.actions())
		f()
		assertNoWrite(t, e.d, mark, what)
	}

	t.Run("VSwitch block equal to a route destination (§2.3)", func(t *testing.T) {
		m, fc := e.prepared(t, "CreateVSwitch")
		block := m.(*forms.VswCreate).Cidr
		if block == "" {
			t.Fatal("the form suggests no free block")
		}
		if err := m.Check(fc); err != nil {
			t.Fatalf("the suggested block %s is refused before any route uses it: %v", block, err)
		}
		nat := e.nat.Val().(*model.NatGateway)
		if _, err := client.CreateRouteEntry.Call(ctx, c, &client.CreateRouteEntryInput{RegionId: catalogRegion, RouteTableId: e.sysRT.ID,
			DestinationCidrBlock: block, NextHopType: "NatGateway", NextHopId: nat.NatGatewayId, ClientToken: token()}); err != nil {
			t.Fatal(err)
		}
		e.d.advance(time.Minute) // the route settles

		m, fc = e.prepared(t, "CreateVSwitch")
		vc := m.(*forms.VswCreate)
		vc.Cidr = block
		var err error
		noWrite(t, "a VSwitch on a route's destination", func() { err = m.Check(fc) })
		if err == nil || !strings.Contains(err.Error(), "destination of a route") {
			t.Fatalf("CreateVSwitch %s equal to a route destination: got %v", block, err)
		}
		if !formShowsFailure(m, fc) {
			t.Error("the CIDR field shows no ✗ for a route's destination")
		}
		// A part of that block is fine.
		p, err := model.ParseCIDR(block)
		noErr(t, err)
		vc.Cidr = netip.PrefixFrom(p.Addr(), p.Bits()+1).String()
		if err := m.Check(fc); err != nil {
			t.Errorf("%s, inside the routed %s, is refused: %v", vc.Cidr, block, err)
		}
	})

	t.Run("CreateNatGateway description: 2-256 characters, no http(s) (§2.9)", func(t *testing.T) {
		m, fc := e.prepared(t, "CreateNatGateway")
		n := m.(*forms.NatCreate)
		for _, good := range []string{"2nd egress", "出口网关", ""} {
			n.Desc = good
			if err := m.Check(fc); err != nil {
				t.Errorf("description %q is refused: %v", good, err)
			}
		}
		for _, bad := range []string{"x", "https://egress", strings.Repeat("d", 257)} {
			n.Desc = bad
			if err := m.Check(fc); err == nil || !strings.Contains(err.Error(), "description") {
				t.Errorf("description %q passes (err %v)", bad, err)
			}
		}
	})

	t.Run("a Normal NAT gateway in a VPC that routes 0.0.0.0/0 (§2.9)", func(t *testing.T) {
		// From a VPC's pane, as a user opens it: prod-core-nat already
		// routes 0.0.0.0/0 there, dev-sandbox has no NAT gateway.
		for _, tc := range []struct {
			vpc    *model.Object
			refuse bool
		}{{e.vpc, true}, {e.bareVpc, false}} {
			fc := e.fc(tc.vpc, nil)
			m := forms.NatOps().Create(fc)
			if err := m.(forms.Preparer).Prepare(ctx, fc); err != nil {
				t.Fatal(err)
			}
			n := m.(*forms.NatCreate)
			n.NatType, n.Spec = "Normal", "Small"
			var err error
			noWrite(t, "a second default route", func() { err = m.Check(fc) })
			switch {
			case tc.refuse && (err == nil || !strings.Contains(err.Error(), "0.0.0.0/0")):
				t.Errorf("a Normal NAT gateway in %s passes: %v", tc.vpc.Name, err)
			case !tc.refuse && err != nil:
				t.Errorf("a Normal NAT gateway in %s (no default route) is refused: %v", tc.vpc.Name, err)
			}
		}
	})

	t.Run("a peering needs the accepting region (§3.3)", func(t *testing.T) {
		m, fc := e.prepared(t, "CreateVpcPeerConnection")
		p := m.(*forms.PeerCreate)
		if p.AcceptRegion == "" {
			t.Fatal("the form offers no default accepting region")
		}
		if err := m.Check(fc); err != nil {
			t.Fatalf("a complete peering is refused: %v", err)
		}
		p.AcceptRegion = ""
		if err := m.Check(fc); err == nil || !strings.Contains(err.Error(), "accepting region") {
			t.Errorf("a peering without an accepting region passes: %v", err)
		}
	})

	t.Run("only an Available VPC or VSwitch can be deleted (§2.2, §2.3)", func(t *testing.T) {
		for _, tc := range []struct {
			ops func() forms.KindOps
			obj *model.Object
		}{{forms.VpcOps, e.fresh}, {forms.VswOps, e.vsw}} {
			for _, st := range []string{"Pending", "Creating"} {
				why := tc.ops().Del.Refuse(statusCopy(tc.obj, st))
				if !strings.Contains(why, "only an Available") {
					t.Errorf("deleting a %s %s is not refused: %q", st, tc.obj.Kind.Singular, why)
				}
			}
			if why := tc.ops().Del.Refuse(statusCopy(tc.obj, "Available")); why != "" {
				t.Errorf("deleting an Available %s is refused: %s", tc.obj.Kind.Singular, why)
			}
		}
	})

	t.Run("RecoverVirtualBorderRouter needs an Enabled physical connection (§2.6)", func(t *testing.T) {
		recoverable := func(pcStatus string) error {
			o := statusCopy(e.vbr, "terminated")
			v := *o.Val().(*model.VirtualBorderRouter)
			v.PhysicalConnectionStatus = pcStatus
			o.Value = &v
			m := actionNamed(forms.VbrOps, "Recover")(e.fc(nil, o))
			m.(*forms.ConfirmAction).Yes = true
			return m.Check(e.fc(nil, o))
		}
		for _, pc := range []string{"Terminated", "Disabled"} {
			if err := recoverable(pc); err == nil || !strings.Contains(err.Error(), "physical connection") {
				t.Errorf("recovering over a %s physical connection passes: %v", pc, err)
			}
		}
		if err := recoverable("Enabled"); err != nil {
			t.Errorf("recovering over an Enabled physical connection is refused: %v", err)
		}
	})

	t.Run("SNAT and DNAT tables wait while an entry is Pending (§2.9)", func(t *testing.T) {
		snat, dnat := e.snat.Val().(*model.SnatEntry), e.dnat.Val().(*model.ForwardEntry)
		newSnat, err := client.CreateSnatEntry.Call(ctx, c, &client.CreateSnatEntryInput{RegionId: catalogRegion, SnatTableId: snat.SnatTableId,
			SnatIp: e.vars["snatIP"], SourceVSwitchId: e.vars["snatFreeVsw"], ClientToken: token()})
		noErr(t, err)
		newDnat, err := client.CreateForwardEntry.Call(ctx, c, &client.CreateForwardEntryInput{RegionId: catalogRegion, ForwardTableId: dnat.ForwardTableId,
			ExternalIp: dnat.ExternalIp, ExternalPort: "18080", InternalIp: "10.0.1.77", InternalPort: "8080", IpProtocol: "TCP", ClientToken: token()})
		noErr(t, err)

		// The forms: editing a settled SNAT entry, and adding or editing DNAT.
		for _, op := range []struct{ name, busy string }{
			{"ModifySnatEntry", newSnat.SnatEntryId},
			{"ModifyForwardEntry", newDnat.ForwardEntryId},
			{"CreateForwardEntry", newDnat.ForwardEntryId},
		} {
			m, fc := e.prepared(t, op.name)
			var err error
			noWrite(t, op.name+" while the table is busy", func() { err = m.Check(fc) })
			if err == nil || !strings.Contains(err.Error(), op.busy) || !strings.Contains(err.Error(), "Pending") {
				t.Errorf("%s while %s is Pending: got %v", op.name, op.busy, err)
			}
		}
		// The delete dialog says so when it opens, for both tables.
		for _, o := range []*model.Object{e.snat, e.dnat} {
			ops := map[string]func() forms.KindOps{"snat": forms.SnatOps, "dnat": forms.DnatOps}[o.Kind.Name]
			if ops().Del.Precheck == nil {
				t.Fatalf("the %s delete dialog reads nothing before it opens", o.Kind.Singular)
			}
			why, err := ops().Del.Precheck(ctx, e.fc(nil, o), o)
			if err != nil || !strings.Contains(why, "still Pending") {
				t.Errorf("deleting %s while a sibling is Pending: %q, %v", o.ID, why, err)
			}
		}

		// Once both settle, the same changes pass.
		e.d.advance(time.Minute)
		for _, op := range []string{"ModifySnatEntry", "ModifyForwardEntry", "CreateForwardEntry"} {
			m, fc := e.prepared(t, op)
			if err := m.Check(fc); err != nil {
				t.Errorf("%s after the table settled: %v", op, err)
			}
		}
		for _, o := range []*model.Object{e.snat, e.dnat} {
			ops := map[string]func() forms.KindOps{"snat": forms.SnatOps, "dnat": forms.DnatOps}[o.Kind.Name]
			if why, err := ops().Del.Precheck(ctx, e.fc(nil, o), o); err != nil || why != "" {
				t.Errorf("deleting %s after the table settled: %q, %v", o.ID, why, err)
			}
		}
	})
}

// TestDeleteDialogRefusesWhileASiblingEntryIsPending drives the dialog as a
// user does: ctrl+d on a SNAT entry while another entry of its table is
// still Pending shows why, and typing the ID sends nothing.
func TestDeleteDialogRefusesWhileASiblingEntryIsPending(t *testing.T) {
	d, nat := natChildren(t, "SNAT Entries")
	o := d.rowWhere("an SNAT entry", func(*model.Object) bool { return true })
	taken := map[string]bool{}
	for _, r := range d.browser().table.Rows() {
		taken[r.Obj.Val().(*model.SnatEntry).SourceVSwitchId] = true
	}
	sws, err := client.DescribeVSwitches.Call(d.ctx, d.api(), &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VpcId: nat.VpcId})
	noErr(t, err)
	free := ""
	for _, s := range sws {
		if !taken[s.VSwitchId] {
			free = s.VSwitchId
			break
		}
	}
	ip := strings.Split(o.Val().(*model.SnatEntry).SnatIp, ",")[0]
	added, err := client.CreateSnatEntry.Call(d.ctx, d.api(), &client.CreateSnatEntryInput{RegionId: "cn-hangzhou",
		SnatTableId: o.Val().(*model.SnatEntry).SnatTableId, SnatIp: ip, SourceVSwitchId: free, ClientToken: client.NewClientToken()})
	noErr(t, err)

	d.rowID(o.ID)
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.waitText(added.SnatEntryId+" is still Pending", "Nothing will be sent")
	if strings.Contains(d.screen(), "<enter> delete") {
		t.Error("a refused delete still offers enter to delete")
	}
	d.typeText(o.ID)
	d.keys("enter")
	assertNoWrite(t, d, mark, "deleting an SNAT entry while its table is busy")
	d.keys("esc")
}

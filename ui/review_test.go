package ui

import (
	"net/url"
	"strconv"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
)

// confirmReview waits for the review page and chooses Create.
func (d *driver) confirmReview() *reviewPage {
	d.t.Helper()
	r := d.reviewPage()
	d.keys("enter")
	return r
}

func (d *driver) reviewPage() *reviewPage {
	d.t.Helper()
	r := topPage(d, "the review page", func(*reviewPage) bool { return true })
	d.waitText("Review: ", "Create")
	return r
}

// reviewOnScreen reads the parameters off the review page as a person sees
// them: "  Name  value" lines, long values continued under the value column.
func reviewOnScreen(t *testing.T, screen string) map[string]string {
	t.Helper()
	lines := strings.Split(screen, "\n")
	start := -1
	for i, l := range lines {
		if strings.Contains(l, "(secrets masked):") {
			start = i + 1
			break
		}
	}
	if start < 0 {
		t.Fatalf("no review page on screen:\n%s", screen)
	}
	var block []string
	for _, l := range lines[start:] {
		if strings.TrimSpace(l) == "" {
			break
		}
		block = append(block, strings.TrimRight(l, " "))
	}
	keyW := 0
	for _, l := range block {
		if len(l) > 2 && l[2] != ' ' {
			keyW = max(keyW, len(strings.Fields(l)[0]))
		}
	}
	col := 2 + keyW + 2
	out, order := map[string]string{}, []string{}
	for _, l := range block {
		if len(l) < col {
			t.Fatalf("a review line shorter than its value column: %q", l)
		}
		if l[2] != ' ' {
			order = append(order, strings.Fields(l)[0])
		}
		if len(order) == 0 {
			t.Fatalf("a continuation line before any parameter: %q", l)
		}
		out[order[len(order)-1]] += l[col:]
	}
	for k, v := range out {
		if strings.HasPrefix(v, `"`) {
			u, err := strconv.Unquote(v)
			if err != nil {
				t.Fatalf("%s: shown quoted but not a Go string: %s", k, v)
			}
			out[k] = u
		}
	}
	return out
}

// assertSentAsShown compares what the simulator received with what the
// review page showed: the same parameters, byte for byte, secrets aside
// (shown masked, received in full).
func assertSentAsShown(t *testing.T, shown map[string]string, got url.Values) {
	t.Helper()
	for k := range got {
		if _, ok := shown[k]; !ok {
			t.Errorf("%s=%q was sent but not shown on the review page", k, got.Get(k))
		}
	}
	for k, v := range shown {
		if !got.Has(k) {
			t.Errorf("%s=%q was shown but not sent", k, v)
			continue
		}
		if masked := maskParam(k, got.Get(k)); masked != v {
			t.Errorf("%s: shown %q, sent %q", k, v, masked)
		}
	}
}

// The review lists every parameter of an IPsec create as it goes out (the
// pre-shared key masked inside IkeConfig), Back keeps every value and the
// ClientToken, and Create sends exactly what was shown.
func TestReviewShowsTheIpsecCreateAsSent(t *testing.T) {
	d := sizedConsole(t, 80, 24) // long values wrap under their column
	vpn, p := d.newIpsecForm("203.0.113.78", "rev-cgw")
	d.choose("Customer gateway", "rev-cgw")
	d.field("Name", "ipsec-rev")
	d.field("Local subnets", "10.0.0.0/16")
	d.field("Remote subnets", "192.168.60.0/24,192.168.61.0/24")
	d.next("Negotiate immediately?")
	d.next("IKE version", "Negotiation mode", "Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
	const psk = "Rev-Psk-7?"
	d.field("Pre-shared key", psk)
	d.next("Local ID", "Remote ID")
	mark := len(d.fault.actions())
	d.next("Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")

	d.reviewPage()
	s := d.screen()
	if strings.Contains(s, psk) {
		t.Fatalf("the review shows the pre-shared key:\n%s", s)
	}
	first := reviewOnScreen(t, s)
	for k, want := range map[string]string{"RegionId": "cn-hangzhou", "VpnGatewayId": vpn.ID, "Name": "ipsec-rev",
		"LocalSubnet": "10.0.0.0/16", "RemoteSubnet": "192.168.60.0/24,192.168.61.0/24", "ClientToken": reviewedToken(t, p)} {
		if first[k] != want {
			t.Errorf("review shows %s=%q, want %q", k, first[k], want)
		}
	}
	if !strings.Contains(first["IkeConfig"], `"Psk":"****"`) {
		t.Errorf("IkeConfig should carry the key masked: %q", first["IkeConfig"])
	}
	assertNoWrite(t, d, mark, "the review page")

	// Back: the form again, every value kept, nothing sent.
	d.keys("right", "enter")
	d.formPage()
	d.waitText("ipsec-rev", "192.168.60.0/24,192.168.61.0/24")
	if m := p.m.(*forms.IpsecForm); m.Local != "10.0.0.0/16" || m.Ike.Psk != psk {
		t.Errorf("going back lost values: local %q, psk kept %v", m.Local, m.Ike.Psk == psk)
	}
	assertNoWrite(t, d, mark, "going back from the review")

	// Through the form again, unchanged: the same review, the same token.
	d.next("Customer gateway", "Name", "Local subnets", "Remote subnets", "Negotiate immediately?",
		"IKE version", "Negotiation mode", "Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)",
		"Pre-shared key", "Local ID", "Remote ID", "Encryption", "Authentication", "DH group (PFS)", "SA lifetime (s)")
	d.reviewPage()
	second := reviewOnScreen(t, d.screen())
	if len(second) != len(first) {
		t.Errorf("the second review differs: %v vs %v", second, first)
	}
	for k, v := range first {
		if second[k] != v {
			t.Errorf("%s: first review %q, second %q", k, v, second[k])
		}
	}
	d.keys("enter")
	d.tracked("CreateVpnConnection")
	got := d.fault.received("CreateVpnConnection")
	if len(got) != 1 {
		t.Fatalf("CreateVpnConnection sent %d times, want once", len(got))
	}
	assertSentAsShown(t, second, got[0])
	if !strings.Contains(got[0].Get("IkeConfig"), `"Psk":"`+psk+`"`) {
		t.Error("the key is masked on screen only: the API must receive it")
	}
}

// Every reviewed create sends exactly what its review page showed, and a
// create only goes out through the review's Create.
func TestReviewedCreatesSendWhatTheyShow(t *testing.T) {
	cases := []struct {
		name, action string
		open         func(d *driver)
		set          func(m forms.Mutation)
	}{
		{"nat", "CreateNatGateway", func(d *driver) { d.prodCorePane("nat") }, func(m forms.Mutation) {
			m.(*forms.NatCreate).Name, m.(*forms.NatCreate).Desc = "rev-nat", "egress for the lab"
		}},
		{"eip", "AllocateEipAddress", func(d *driver) { d.pane("eip") }, func(m forms.Mutation) {
			m.(*forms.EipAllocate).Name, m.(*forms.EipAllocate).Bandwidth = "rev-eip", " 7 "
		}},
		{"vpn", "CreateVpnGateway", func(d *driver) { d.prodCorePane("vpn") }, func(m forms.Mutation) {
			m.(*forms.VpnCreate).Name, m.(*forms.VpnCreate).Ssl = "rev-vpn", true
		}},
		{"peer", "CreateVpcPeerConnection", func(d *driver) { d.pane("peer") }, func(m forms.Mutation) {
			pc := m.(*forms.PeerCreate)
			pc.AcceptUID, pc.AcceptVpc, pc.Name = "1688000000000009", "vpc-bp1otherxxxxxxxxxxxxx", "rev-peer"
		}},
		{"route", "CreateRouteEntry", func(d *driver) { routeEntries(d) }, func(m forms.Mutation) {
			rc := m.(*forms.RouteCreate)
			rc.Dest, rc.Name, rc.HopType = "10.97.0.0/16", "rev-route", "NatGateway"
		}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			d := newConsole(t)
			c.open(d)
			p := d.openForm("c")
			c.set(p.m)
			if err := p.m.Check(p.fc); err != nil {
				t.Fatalf("the test's values do not pass the form's checks: %v", err)
			}
			mark := len(d.fault.actions())
			d.exec(p.submit(d.app)) // as the form's last enter does
			d.reviewPage()
			shown := reviewOnScreen(t, d.screen())
			if want := reviewedToken(t, p); shown["ClientToken"] != want || shown["RegionId"] != "cn-hangzhou" {
				t.Errorf("review shows ClientToken %q RegionId %q, want %q cn-hangzhou", shown["ClientToken"], shown["RegionId"], want)
			}
			assertNoWrite(t, d, mark, "showing the review")
			d.keys("enter")
			d.tracked(c.action)
			got := d.fault.received(c.action)
			if len(got) != 1 {
				t.Fatalf("%s sent %d times, want once", c.action, len(got))
			}
			assertSentAsShown(t, shown, got[0])
		})
	}
}

// Esc on the review page goes back to the form; an edit of the same form
// type is not reviewed.
func TestReviewEscGoesBackAndEditsAreNotReviewed(t *testing.T) {
	d := consoleOn(t, "eip")
	p := d.openForm("c")
	token := p.token
	p.m.(*forms.EipAllocate).Name = "rev-esc"
	d.exec(p.submit(d.app))
	d.reviewPage()
	mark := len(d.fault.actions())
	d.keys("esc")
	d.formPage()
	d.waitText("rev-esc")
	if p.token != token {
		t.Error("going back must keep the submission's ClientToken")
	}
	assertNoWrite(t, d, mark, "esc on the review")

	edit := &forms.IpsecForm{Id: "vco-x"}
	if in, err := edit.Request(p.fc, token); in != nil || err != nil {
		t.Errorf("an IPsec edit is not reviewed: %v %v", in, err)
	}
}

func TestReviewMasksSecretsInPlace(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"IkeConfig", `{"Psk":"a\"b","IkeVersion":"ikev2"}`, `{"Psk":"****","IkeVersion":"ikev2"}`},
		{"IkeConfig", `{"IkeVersion":"ikev2","LocalId":"x"}`, `{"IkeVersion":"ikev2","LocalId":"x"}`},
		{"AuthKey", "s3cret", "****"},
		{"ClientToken", "alivpc-1", "alivpc-1"},
		{"Name", "{not json", "{not json"},
	} {
		if got := maskParam(c.name, c.in); got != c.want {
			t.Errorf("maskParam(%s, %q) = %q, want %q", c.name, c.in, got, c.want)
		}
	}
	// Declaration order: the region first, the token last.
	in := &client.CreateRouteEntryInput{RegionId: "r", RouteTableId: "vtb-1", DestinationCidrBlock: "10.0.0.0/8", ClientToken: "t"}
	sent, err := client.EncodeParams(in)
	ps := reviewParams(sent, in)
	if err != nil || len(ps) != 4 || ps[0].name != "RegionId" || ps[3].name != "ClientToken" {
		t.Errorf("review order: %v %v", ps, err)
	}
}

// The review page of a route entry, as a person sees it (NO_COLOR: the
// focused button bracketed), Create focused and then Back.
func TestReviewGolden(t *testing.T) {
	d := newDriver(t)
	d.resize(80, 24)
	routeEntries(d)
	p := d.openForm("c")
	rc := p.m.(*forms.RouteCreate)
	rc.Dest, rc.Name, rc.Desc, rc.HopType = "10.96.0.0/16", "to-lab", "lab traffic via the NAT", "NatGateway"
	p.token = "alivpc-0123456789abcdef0123456789abcdef" // the golden's token
	d.exec(p.submit(d.app))
	d.reviewPage()
	d.golden("review_route_create_80x24")
	d.keys("tab")
	d.waitText("[ Back ]")
	d.golden("review_route_create_back_80x24")
}

// In a small window the parameter list scrolls; the buttons stay.
func TestReviewScrollsInASmallWindow(t *testing.T) {
	d := sizedConsole(t, 60, 14)
	d.pane("vpn")
	d.rowNamed("prod-core-vpn")
	d.drill("IPsec Connections")
	p := d.openForm("c")
	m := p.m.(*forms.IpsecForm)
	m.CgwID, m.Name, m.Local, m.Remote = "cgw-bp1wgej0cbjfhk1hjh72n", "scroll", "10.0.0.0/16", "192.168.0.0/24"
	d.exec(p.submit(d.app))
	d.reviewPage()
	if s := d.screen(); strings.Contains(s, "ClientToken") || !strings.Contains(s, "[ Create ]") {
		t.Fatalf("a 14-line window shows the first parameters and the buttons:\n%s", s)
	}
	d.keys("pgdown")
	if s := d.screen(); strings.Contains(s, "RegionId") || !strings.Contains(s, "[ Create ]") {
		t.Fatalf("pgdown scrolls one screen, buttons kept:\n%s", s)
	}
	d.keys("pgdown")
	if s := d.screen(); !strings.Contains(s, "ClientToken") || !strings.Contains(s, "[ Create ]") || strings.Contains(s, "RegionId") {
		t.Fatalf("pgdown again reaches the last parameters, buttons kept:\n%s", s)
	}
	d.keys("pgup", "pgup")
	if s := d.screen(); !strings.Contains(s, "RegionId") {
		t.Fatalf("pgup scrolls back to the first parameters:\n%s", s)
	}
}

// The reviewed creates implement reviewer.
var _ = []reviewer{(*forms.NatCreate)(nil), (*forms.EipAllocate)(nil), (*forms.VpnCreate)(nil), (*forms.IpsecForm)(nil), (*forms.PeerCreate)(nil), (*forms.RouteCreate)(nil)}

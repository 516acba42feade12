package ui

import (
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/model"
)

// sslGatewayRow selects the demo VPN gateway with SSL-VPN enabled.
func (d *driver) sslGatewayRow() *model.Object {
	d.t.Helper()
	d.pane("vpn")
	return d.rowWhere("the SSL-VPN gateway", func(o *model.Object) bool {
		g, ok := o.Val().(*model.VpnGateway)
		return ok && g.SslVpn == "enable"
	})
}

// TestSslVpnServerAndCertThroughForms walks VPN gateway → SSL-VPN servers
// → client certificates: the demo server is deleted through the dialog
// (which counts its certificates), a new one is created through the form
// with the seed's rules checked as typed, a certificate is issued, renamed
// and deleted; what the simulator received is asserted.
func TestSslVpnServerAndCertThroughForms(t *testing.T) {
	d := newConsole(t)
	gw := d.sslGatewayRow()
	d.drill("SSL-VPN Servers")
	d.idle()
	old := d.rowNamed("remote-access")

	d.keys("ctrl+d")
	d.dialog()
	d.waitText("Delete SSL-VPN server "+old.ID, "3 client certificates are deleted with it")
	d.confirmDialog(old.ID)
	d.tracked("DeleteSslVpnServer")
	d.gone(old.ID)

	d.advance(time.Minute)
	d.settle()

	mark := len(d.fault.actions())
	d.openForm("c")
	d.waitText("Create SSL-VPN server on " + gw.ID)
	d.next("VPN gateway")
	d.field("Name", "lab-ssl")
	d.next("Local subnet") // the VPC's block, filled in
	d.refusedAsTyped("Client CIDR block", "192.168.50.0/27", "has 32 addresses")
	d.field("Client CIDR block", "192.168.50.0/24")
	d.next("Protocol")
	d.waitFocus("Port")
	d.keys("backspace", "backspace", "backspace", "backspace")
	d.refusedAsTyped("Port", "443", "Port 443 is reserved")
	d.field("Port", "1443")
	d.next("Cipher", "Compress?")
	d.tracked("CreateSslVpnServer")
	sent := d.sentQueries(mark, "CreateSslVpnServer")
	if len(sent) != 1 {
		t.Fatalf("CreateSslVpnServer sent %d times", len(sent))
	}
	q := sent[0]
	if q.Get("VpnGatewayId") != gw.ID || q.Get("ClientIpPool") != "192.168.50.0/24" || q.Get("Port") != "1443" ||
		q.Get("Proto") != "UDP" || q.Get("Cipher") != "AES-128-CBC" || q.Get("LocalSubnet") == "" || q.Get("Name") != "lab-ssl" {
		t.Errorf("CreateSslVpnServer sent %v", q)
	}
	srv := d.rowNamed("lab-ssl")

	// Certificates of the new server; the gateway settles first.
	d.advance(time.Minute)
	d.settle()
	d.rowID(srv.ID)
	d.keys("enter")
	d.idle()
	mark = len(d.fault.actions())
	d.openForm("c")
	d.next("SSL-VPN server")
	d.field("Name", "alice-laptop")
	id := d.created("CreateSslVpnClientCert", "normal")
	if q := d.sentQueries(mark, "CreateSslVpnClientCert"); len(q) != 1 || q[0].Get("SslVpnServerId") != srv.ID || q[0].Get("Name") != "alice-laptop" {
		t.Errorf("CreateSslVpnClientCert sent %v", q)
	}

	d.editRow(id)
	d.replaceField("Name", "alice-laptop", "alice-laptop-2")
	d.tracked("ModifySslVpnClientCert")
	d.waitText("alice-laptop-2")

	o := d.rowID(id)
	d.deleteTyped(o)
	d.tracked("DeleteSslVpnClientCert")
	d.gone(id)
}

// TestSslVpnKeyNeverShown: a certificate issued in the console is
// followed with DescribeSslVpnClientCert, which answers its material; the
// describe view of the row shows the key and the client configuration
// masked, and the status column shows its word in every state.
func TestSslVpnKeyNeverShown(t *testing.T) {
	d := consoleOn(t, "sslcert")
	d.waitText("expiring-soon", "expired", "normal")
	d.openForm("c")
	d.choose("SSL-VPN server", "remote-access")
	d.field("Name", "carol-laptop")
	id := d.created("CreateSslVpnClientCert", "normal")
	o := d.rowID(id)
	if !strings.Contains(string(o.Raw), "ClientKey") {
		t.Fatalf("the row was not read with DescribeSslVpnClientCert: %s", o.Raw)
	}
	full, err := d.api().Get(d.ctxT(), o.Kind, o.Region, o.ID, nil)
	if err != nil || full == nil {
		t.Fatalf("DescribeSslVpnClientCert: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(full.Val().(*model.SslVpnClientCert).ClientKey), "\n")
	if len(lines) < 3 || len(lines[1]) < 24 {
		t.Fatalf("the simulator answered no key material: %q", lines)
	}
	body := lines[1][:24]

	d.keys("d")
	s := d.waitText(`"ClientKey": "****"`, `"ClientConfig": "****"`)
	if strings.Contains(s, body) || strings.Contains(s, "PRIVATE KEY") {
		t.Errorf("the describe view shows the key:\n%s", s)
	}
	d.keys("/")
	d.typeText(body[:12])
	d.keys("enter")
	if s := d.screen(); strings.Contains(s, body[:12]+"") && strings.Count(s, body[:12]) > 1 {
		t.Errorf("searching for the key finds it:\n%s", s)
	}
}

// TestSslVpnFormChecks: the server form refuses, before any call, what the
// API would: a gateway that is still updating, a reserved port, a client
// block overlapping the local one or too small for the gateway's
// connections; a certificate waits for its gateway too.
func TestSslVpnFormChecks(t *testing.T) {
	fc := &forms.FormCtx{Region: "cn-hangzhou"}
	gw := &model.VpnGateway{VpnGatewayId: "vpn-1", Status: "active", SslVpn: "enable", SslMaxConnections: 10}
	form := func() *forms.SslServerForm {
		return &forms.SslServerForm{GwID: "vpn-1", Gws: []forms.Pick{{Label: "vpn-1", Value: "vpn-1"}}, Gateways: map[string]*model.VpnGateway{"vpn-1": gw},
			Local: "10.0.0.0/16", Pool: "192.168.50.0/24", Cipher: "AES-128-CBC", Proto: "UDP", Port: "1194"}
	}
	if err := form().Check(fc); err != nil {
		t.Fatalf("a valid server is refused: %v", err)
	}
	for _, bad := range []struct {
		set  func(m *forms.SslServerForm)
		want string
	}{
		{func(m *forms.SslServerForm) { m.Port = "443" }, "Port 443 is reserved"},
		{func(m *forms.SslServerForm) { m.Port = "70000" }, "1-65535"},
		{func(m *forms.SslServerForm) { m.Pool = "10.0.8.0/24" }, "conflicts with LocalSubnet 10.0.0.0/16"},
		{func(m *forms.SslServerForm) { m.Pool = "192.168.50.0/27" }, "need at least 40"},
		{func(m *forms.SslServerForm) { m.Pool = "192.168.0.0/15" }, "mask must be /16 to /29"},
		{func(m *forms.SslServerForm) { m.Pool = "169.254.10.0/24" }, "reserved range 169.254.0.0/16"},
		{func(m *forms.SslServerForm) { m.Local = "10.0.0.0/16,224.0.0.0/8" }, "reserved range 224.0.0.0/4"},
		{func(m *forms.SslServerForm) { m.Cipher = "AES-512-CBC" }, "Cipher"},
		{func(m *forms.SslServerForm) { m.Name = "9lives" }, "Name"},
		{func(m *forms.SslServerForm) {
			m.Gateways["vpn-1"] = &model.VpnGateway{VpnGatewayId: "vpn-1", Status: "updating"}
		}, "VpnGateway.Configuring"},
	} {
		m := form()
		m.Gateways = map[string]*model.VpnGateway{"vpn-1": gw}
		bad.set(m)
		if err := m.Check(fc); err == nil || !strings.Contains(err.Error(), bad.want) {
			t.Errorf("want %q, got %v", bad.want, err)
		}
	}
	c := &forms.SslCertForm{SrvID: "vss-1", Srvs: []forms.Pick{{Label: "vss-1", Value: "vss-1"}},
		GwOf: map[string]*model.VpnGateway{"vss-1": {VpnGatewayId: "vpn-1", Status: "updating"}}}
	if err := c.Check(fc); err == nil || !strings.Contains(err.Error(), "VpnGateway.Configuring") {
		t.Errorf("a certificate on an updating gateway: %v", err)
	}
	c.GwOf["vss-1"] = gw
	if err := c.Check(fc); err != nil {
		t.Errorf("a certificate on an active gateway: %v", err)
	}
}

// TestSslVpnServerEdit: an edit that changes nothing sends nothing; a new
// port is sent as typed and the gateway's reconfiguration is the API's.
func TestSslVpnServerEdit(t *testing.T) {
	d := consoleOn(t, "sslserver")
	o := d.rowNamed("remote-access")
	mark := len(d.fault.actions())
	d.openForm("e")
	d.next("Name", "Local subnet", "Client CIDR block", "Protocol", "Port", "Cipher", "Compress?")
	d.waitText("Nothing changed")
	assertNoWrite(t, d, mark, "an SSL-VPN server edit that changes nothing")

	d.rowID(o.ID)
	d.openForm("e")
	d.next("Name", "Local subnet", "Client CIDR block", "Protocol")
	d.replaceField("Port", "1194", "1195")
	d.next("Cipher", "Compress?")
	d.tracked("ModifySslVpnServer")
	q := d.sentQueries(mark, "ModifySslVpnServer")
	if len(q) != 1 || q[0].Get("SslVpnServerId") != o.ID || q[0].Get("Port") != "1195" || q[0].Get("ClientIpPool") != "192.168.240.0/24" {
		t.Fatalf("ModifySslVpnServer sent %v", q)
	}
	d.waitFor("the row to show port 1195", func() bool {
		return model.Itoa(d.rowID(o.ID).Val().(*model.SslVpnServer).Port) == "1195"
	})
}

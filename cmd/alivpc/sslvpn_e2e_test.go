package main

import (
	"bufio"
	"bytes"
	"context"
	"strings"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
	"github.com/alivpc/alivpc/model"
)

// TestE2ESslVpn walks VPN gateway → SSL-VPN servers → client certificates
// in the real binary: the demo server is deleted through the dialog (a
// gateway takes one), a new one is created through its form in one burst,
// a certificate is issued under it (one burst) and shows normal with no key
// pressed, and both are deleted through the dialog; the simulator is read
// back with `alivpc get`.
func TestE2ESslVpn(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := openPane(t, dir, "vpn", "VPN Gateways")
	tm.keys("Enter")
	openMenu(tm, "SSL-VPN Servers")
	waitDrilled(tm, "SSL-VPN Servers of vpn-")
	s := tm.waitText("remote-access")
	old := firstID(rowWith(s, "remote-access"), "vss-")

	tm.burst("C-d")
	tm.waitText("Delete SSL-VPN server "+old, "3 client certificates are deleted with it")
	tm.burst(old, "Enter")
	tm.waitFor("the demo server to be gone", func(s string) bool { return !strings.Contains(s, old) })
	time.Sleep(3 * time.Second) // the gateway is updating for the settle time

	// VPN gateway (the pane's), name, local subnet (the VPC's), client
	// block, protocol, port, cipher, compress (submits).
	tm.burst("c")
	tm.waitText("Create SSL-VPN server on vpn-")
	tm.burst("Enter", "e2e-ssl", "Enter", "Enter", "192.168.77.0/24", "Enter", "Enter", "Enter", "Enter", "Enter")
	s = tm.waitFor("the e2e-ssl row", func(s string) bool { return strings.Contains(rowWith(s, "e2e-ssl"), "vss-") })
	srv := firstID(rowWith(s, "e2e-ssl"), "vss-")
	v := only(t, simGet(t, tm, "sslserver"), "Name", "e2e-ssl")
	want(t, v, "SslVpnServerId", srv, "ClientIpPool", "192.168.77.0/24", "LocalSubnet", "10.0.0.0/16", "Proto", "UDP", "Cipher", "AES-128-CBC")
	time.Sleep(3 * time.Second) // the gateway applies the server

	tm.keys("Enter") // the server's certificates: its only child
	waitDrilled(tm, "SSL-VPN Client Certificates of "+srv)
	tm.burst("c")
	tm.waitText("Issue SSL-VPN client certificate of " + srv)
	tm.burst("Enter", "e2e-cert", "Enter")
	s = tm.waitFor("e2e-cert normal, unattended", func(s string) bool { return strings.Contains(rowWith(s, "e2e-cert"), "normal") })
	cert := firstID(rowWith(s, "e2e-cert"), "vsc-")
	c := only(t, simGet(t, tm, "sslcert"), "Name", "e2e-cert")
	want(t, c, "SslVpnClientCertId", cert, "SslVpnServerId", srv, "Status", "normal")

	typedDelete(tm, "Delete SSL-VPN client certificate "+cert, cert)
	waitGone(t, tm, "sslcert", "SslVpnClientCertId", cert)

	tm.keys("Escape")
	waitDrilled(tm, "SSL-VPN Servers of vpn-")
	filterTo(tm, "name:e2e-ssl", 1)
	typedDelete(tm, "Delete SSL-VPN server "+srv, srv)
	tm.waitFor("the server to be gone", func(string) bool { return len(simGet(t, tm, "sslserver")) == 0 })
	tm.quit()
}

// waitDrilled waits for a drilled-in pane whose breadcrumb starts with
// title to load.
func waitDrilled(tm *term, title string) {
	tm.t.Helper()
	tm.waitFor("pane "+title+" to load", func(s string) bool {
		lines := strings.Split(s, "\n")
		return len(lines) > 2 && strings.HasPrefix(strings.TrimSpace(lastCrumb(lines[1])), title) && rowsRe.MatchString(lines[0])
	})
}

// TestGetSslCertMasksKey: a certificate read with DescribeSslVpnClientCert
// carries its key and client configuration; `get -o json` writes them
// masked unless --show-secrets, and the listing never carries them.
func TestGetSslCertMasksKey(t *testing.T) {
	e := newGetEnv(t, "demo", nil)
	out, stderr, code := e.get("sslcert", "-o", "json")
	if code != 0 || len(jsonIDs(t, out, "SslVpnClientCertId")) != 3 {
		t.Fatalf("get sslcert: exit %d: %s\n%s", code, stderr, out)
	}
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: e.url},
	})
	if err != nil {
		t.Fatal(err)
	}
	k := model.Default().MustLookup("sslcert")
	id := jsonIDs(t, out, "SslVpnClientCertId")[0]
	o, err := c.Get(context.Background(), k, "cn-hangzhou", id, nil)
	if err != nil || o == nil {
		t.Fatalf("DescribeSslVpnClientCert %s: %v", id, err)
	}
	key := o.Val().(*model.SslVpnClientCert).ClientKey
	if !strings.Contains(key, "PRIVATE KEY") || strings.Contains(out, "PRIVATE KEY") {
		t.Fatalf("key %q; listing:\n%s", key, out)
	}
	body := strings.Split(key, "\n")[1][:24]
	for _, show := range []bool{false, true} {
		var buf bytes.Buffer
		w := bufio.NewWriter(&buf)
		if err := writeJSON(w, []*model.Object{o}, show); err != nil {
			t.Fatal(err)
		}
		w.Flush()
		printed := buf.String()
		if shown := strings.Contains(printed, body); shown != show {
			t.Errorf("--show-secrets=%t: the key is printed: %t\n%s", show, shown, printed)
		}
		if !show && (!strings.Contains(printed, `"ClientKey":"****"`) || !strings.Contains(printed, `"ClientConfig":"****"`)) {
			t.Errorf("the key and configuration are not masked:\n%s", printed)
		}
	}
}

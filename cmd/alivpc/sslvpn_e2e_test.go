package main

import (
	"strings"
	"testing"
	"time"
)

// TestE2ESslVpn walks VPN gateway → SSL-VPN servers → client certificates
// in the real binary: the demo server is deleted through the dialog (a
// gateway takes one), a new one is created through its form in one burst,
// a certificate is issued under it (one burst) and shows normal with no key
// pressed, and both are deleted through the dialog; the simulator is read
// back with `alivpc get`.
func TestE2ESslVpn(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "vpn", "VPN Gateways")
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
	server := lifecycle{kind: "sslserver", idField: "SslVpnServerId", prefix: "vss-", noun: "SSL-VPN server", title: "Create SSL-VPN server on vpn-",
		keys: []string{"Enter", "e2e-ssl", "Enter", "Enter", "192.168.77.0/24", "Enter", "Enter", "Enter", "Enter", "Enter"}, name: "e2e-ssl", state: "vss-"}
	srv, v := server.create(t, tm)
	want(t, v, "ClientIpPool", "192.168.77.0/24", "LocalSubnet", "10.0.0.0/16", "Proto", "UDP", "Cipher", "AES-128-CBC")
	time.Sleep(3 * time.Second) // the gateway applies the server

	tm.keys("Enter") // the server's certificates: its only child
	waitDrilled(tm, "SSL-VPN Client Certificates of "+srv)
	certificate := lifecycle{kind: "sslcert", idField: "SslVpnClientCertId", prefix: "vsc-", noun: "SSL-VPN client certificate", title: "Issue SSL-VPN client certificate of " + srv,
		keys: []string{"Enter", "e2e-cert", "Enter"}, name: "e2e-cert", state: "normal"}
	cert, c := certificate.create(t, tm)
	want(t, c, "SslVpnServerId", srv, "Status", "normal")

	certificate.remove(t, tm, cert)

	tm.keys("Escape")
	waitDrilled(tm, "SSL-VPN Servers of vpn-")
	filterTo(tm, "name:e2e-ssl", 1)
	typedDelete(tm, "Delete SSL-VPN server "+srv, srv)
	tm.waitFor("the server to be gone", func(string) bool { return len(simGet(t, tm, "sslserver")) == 0 })
	tm.quit()
}

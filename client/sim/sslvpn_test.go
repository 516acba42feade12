package sim

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"

	"github.com/alivpc/alivpc/model"
)

// demoSslGateway is the demo VPN gateway with SSL-VPN enabled, its VPC and
// the block of that VPC.
func (h *harness) demoSslGateway() (gwID, vpcID, cidr string) {
	h.t.Helper()
	h.seeded("demo VPN gateway with SSL-VPN", func(r *record) bool {
		if r.Kind == kindVpnGateway && vpnOf(r).SslVpn == "enable" {
			g := vpnOf(r)
			gwID, vpcID, cidr = g.VpnGatewayId, g.VpcId, vpcOf(h.srv.st.find(kindVpc, "", g.VpcId)).CidrBlock
		}
		return gwID != ""
	})
	return
}

func sdkGatewayStatus(t *testing.T, c *vpc.Client, id string) string {
	t.Helper()
	req := vpc.CreateDescribeVpnGatewayRequest()
	req.VpnGatewayId = id
	return sdkDo(t, c.DescribeVpnGateway, req).Status
}

func sdkSslServers(t *testing.T, c *vpc.Client, gwID string) []vpc.SslVpnServer {
	t.Helper()
	req := vpc.CreateDescribeSslVpnServersRequest()
	req.VpnGatewayId = gwID
	return sdkDo(t, c.DescribeSslVpnServers, req).SslVpnServers.SslVpnServer
}

func sdkSslCert(t *testing.T, c *vpc.Client, id string) *vpc.SslVpnClientCertKey {
	t.Helper()
	req := vpc.CreateDescribeSslVpnClientCertsRequest()
	req.SslVpnClientCertId = id
	resp := sdkDo(t, c.DescribeSslVpnClientCerts, req)
	return sdkOne(t, id, resp.SslVpnClientCertKeys.SslVpnClientCertKey, resp.TotalCount)
}

// TestOfficialSDKSslVpnServerLifecycle drives the server operations through
// the official SDK: the demo server is in the way (Resource.QuotaFull) and
// is deleted with its certificates; a new one makes the gateway updating
// (VpnGateway.Configuring meanwhile) and then active; a modify is checked
// against the documented rules first.
func TestOfficialSDKSslVpnServerLifecycle(t *testing.T) {
	h, c := sdkHarness(t)
	gw, _, cidr := h.demoSslGateway()

	old := sdkSslServers(t, c, gw)
	if len(old) != 1 || old[0].Name != "remote-access" || old[0].MaxConnections != 10 || old[0].Port != 1194 || old[0].InternetIp == "" {
		t.Fatalf("demo SSL-VPN servers: %+v", old)
	}
	cr := vpc.CreateCreateSslVpnServerRequest()
	cr.VpnGatewayId, cr.LocalSubnet, cr.ClientIpPool, cr.Name = gw, cidr, "192.168.100.0/24", "sdk-ssl"
	sdkRefuses(t, "a second server on a gateway", c.CreateSslVpnServer, cr, "Resource.QuotaFull")
	cr.VpnGatewayId = "vpn-doesnotexist0000000"
	sdkRefuses(t, "CreateSslVpnServer on an unknown gateway", c.CreateSslVpnServer, cr, "InvalidVpnGatewayInstanceId.NotFound")
	cr.VpnGatewayId = gw

	dr := vpc.CreateDeleteSslVpnServerRequest()
	dr.SslVpnServerId = old[0].SslVpnServerId
	sdkDo(t, c.DeleteSslVpnServer, dr)
	if s := sdkGatewayStatus(t, c, gw); s != "updating" {
		t.Errorf("gateway after DeleteSslVpnServer: %s, want updating", s)
	}
	lr := vpc.CreateDescribeSslVpnClientCertsRequest()
	lr.SslVpnServerId = old[0].SslVpnServerId
	if resp, err := c.DescribeSslVpnClientCerts(lr); err != nil || resp.TotalCount != 0 {
		t.Errorf("certificates of the deleted server: %v %+v", err, resp)
	}
	// Every SSL-VPN write waits for the gateway.
	sdkRefuses(t, "CreateSslVpnServer while the gateway is updating", c.CreateSslVpnServer, cr, "VpnGateway.Configuring")
	h.settle()

	// The documented rules, each refused before anything changes.
	for _, bad := range []struct {
		set  func(r *vpc.CreateSslVpnServerRequest)
		code string
	}{
		{func(r *vpc.CreateSslVpnServerRequest) { r.Port = requests.NewInteger(443) }, "IllegalParam.Port"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.Port = requests.NewInteger(4500) }, "IllegalParam.Port"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.ClientIpPool = cidr }, "IllegalParam.ClientIpPool"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.ClientIpPool = "100.64.0.0/24" }, "IllegalParam.ClientIpPool"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.ClientIpPool = "192.168.100.0/30" }, "IllegalParam.ClientIpPool"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.ClientIpPool = "192.168.100.0/27" }, "IllegalParam.ClientIpPool"}, // 32 < 4×10
		{func(r *vpc.CreateSslVpnServerRequest) { r.LocalSubnet = "127.0.0.0/8" }, "IllegalParam.LocalSubnet"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.Cipher = "AES-512-CBC" }, "IllegalParam.Cipher"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.Proto = "udp" }, "IllegalParam.Proto"},
		{func(r *vpc.CreateSslVpnServerRequest) { r.Name = "1-starts-with-a-digit" }, "InvalidName"},
	} {
		r := vpc.CreateCreateSslVpnServerRequest()
		r.VpnGatewayId, r.LocalSubnet, r.ClientIpPool, r.Name = gw, cidr, "192.168.100.0/24", "sdk-ssl"
		bad.set(r)
		if _, err := c.CreateSslVpnServer(r); sdkCode(err) != bad.code {
			t.Errorf("CreateSslVpnServer %s: %v, want %s", bad.code, err, bad.code)
		}
	}

	cr.Port, cr.Compress = requests.NewInteger(1195), requests.NewBoolean(true)
	out := sdkDo(t, c.CreateSslVpnServer, cr)
	if !strings.HasPrefix(out.SslVpnServerId, "vss-") || out.Name != "sdk-ssl" {
		t.Fatalf("CreateSslVpnServer answered %+v", out)
	}
	if s := sdkGatewayStatus(t, c, gw); s != "updating" {
		t.Errorf("gateway after CreateSslVpnServer: %s, want updating", s)
	}
	h.settle()
	if s := sdkGatewayStatus(t, c, gw); s != "active" {
		t.Errorf("gateway after settling: %s, want active", s)
	}
	srv := sdkSslServers(t, c, gw)
	if len(srv) != 1 || srv[0].SslVpnServerId != out.SslVpnServerId || srv[0].Cipher != "AES-128-CBC" || srv[0].Proto != "UDP" ||
		srv[0].Port != 1195 || !srv[0].Compress || srv[0].ClientIpPool != "192.168.100.0/24" || srv[0].LocalSubnet != cidr || srv[0].CreateTime == 0 {
		t.Fatalf("new server: %+v", srv)
	}

	mr := vpc.CreateModifySslVpnServerRequest()
	mr.SslVpnServerId, mr.Port = out.SslVpnServerId, requests.NewInteger(22)
	sdkRefuses(t, "ModifySslVpnServer Port=22", c.ModifySslVpnServer, mr, "IllegalParam.Port")
	mr.Port, mr.Proto, mr.Cipher, mr.Compress, mr.Name = requests.NewInteger(1443), "TCP", "AES-256-CBC", requests.NewBoolean(false), "sdk-ssl-2"
	mo := sdkDo(t, c.ModifySslVpnServer, mr)
	if mo.Port != 1443 || mo.Proto != "TCP" || mo.Cipher != "AES-256-CBC" || mo.Compress || mo.Name != "sdk-ssl-2" || mo.ClientIpPool != "192.168.100.0/24" {
		t.Errorf("ModifySslVpnServer answered %+v", mo)
	}
	if s := sdkGatewayStatus(t, c, gw); s != "updating" {
		t.Errorf("gateway after ModifySslVpnServer: %s, want updating", s)
	}
	h.settle()

	// A gateway with a server cannot be deleted.
	dg := vpc.CreateDeleteVpnGatewayRequest()
	dg.VpnGatewayId = gw
	if _, err := c.DeleteVpnGateway(dg); !strings.HasPrefix(sdkCode(err), "DependencyViolation") {
		t.Errorf("DeleteVpnGateway with an SSL-VPN server: %v", err)
	}

	dr.SslVpnServerId = out.SslVpnServerId
	sdkDo(t, c.DeleteSslVpnServer, dr)
	h.settle()
	if srv := sdkSslServers(t, c, gw); len(srv) != 0 {
		t.Errorf("servers after delete: %+v", srv)
	}
	sdkRefuses(t, "DeleteSslVpnServer of a deleted server", c.DeleteSslVpnServer, dr, "InvalidSslVpnServerId.NotFound")
}

// TestOfficialSDKSslVpnClientCertLifecycle issues, renames and deletes a
// client certificate through the official SDK and lets the clock take it
// from normal through expiring-soon to expired; the material is answered
// only by DescribeSslVpnClientCert.
func TestOfficialSDKSslVpnClientCertLifecycle(t *testing.T) {
	h, c := sdkHarness(t)
	gw, vpcID, _ := h.demoSslGateway()
	srv := sdkSslServers(t, c, gw)[0]

	lr := vpc.CreateDescribeSslVpnClientCertsRequest()
	lr.SslVpnServerId = srv.SslVpnServerId
	seeded := sdkDo(t, c.DescribeSslVpnClientCerts, lr)
	states := map[string]string{}
	for _, k := range seeded.SslVpnClientCertKeys.SslVpnClientCertKey {
		states[k.Name] = k.Status
	}
	if states["alice-laptop"] != "normal" || states["bob-laptop"] != "expiring-soon" || states["contractor-2023"] != "expired" {
		t.Errorf("demo certificates: %v", states)
	}

	cr := vpc.CreateCreateSslVpnClientCertRequest()
	cr.SslVpnServerId, cr.Name = srv.SslVpnServerId, "-bad"
	sdkRefuses(t, "CreateSslVpnClientCert with a bad name", c.CreateSslVpnClientCert, cr, "InvalidName")
	cr.Name = "sdk-cert"
	out := sdkDo(t, c.CreateSslVpnClientCert, cr)
	if !strings.HasPrefix(out.SslVpnClientCertId, "vsc-") || out.Name != "sdk-cert" {
		t.Fatalf("CreateSslVpnClientCert answered %+v", out)
	}
	k := sdkSslCert(t, c, out.SslVpnClientCertId)
	if k == nil || k.Status != "normal" || k.SslVpnServerId != srv.SslVpnServerId || k.EndTime <= k.CreateTime {
		t.Fatalf("new certificate: %+v", k)
	}
	h.srv.mu.Lock()
	listed, _ := json.Marshal(h.srv.st.render(h.srv.st.find(kindSslCert, "", out.SslVpnClientCertId)))
	h.srv.mu.Unlock()
	if strings.Contains(string(listed), "ClientKey") || strings.Contains(string(listed), "PRIVATE") {
		t.Errorf("the list carries certificate material: %s", listed)
	}
	gr := vpc.CreateDescribeSslVpnClientCertRequest()
	gr.SslVpnClientCertId = out.SslVpnClientCertId
	one := sdkDo(t, c.DescribeSslVpnClientCert, gr)
	if !strings.Contains(one.ClientKey, "PRIVATE KEY") || !strings.Contains(one.ClientConfig, one.ClientKey) || one.CaCert == "" || one.Status != "normal" {
		t.Errorf("DescribeSslVpnClientCert: key %t config %t ca %t status %s", one.ClientKey != "", one.ClientConfig != "", one.CaCert != "", one.Status)
	}

	mr := vpc.CreateModifySslVpnClientCertRequest()
	mr.SslVpnClientCertId, mr.Name = out.SslVpnClientCertId, "sdk-cert-2"
	if mo, err := c.ModifySslVpnClientCert(mr); err != nil || mo.Name != "sdk-cert-2" {
		t.Fatalf("ModifySslVpnClientCert: %v %+v", err, mo)
	}
	if k = sdkSslCert(t, c, out.SslVpnClientCertId); k.Name != "sdk-cert-2" {
		t.Errorf("after rename: %q", k.Name)
	}

	// Time alone moves the status.
	end := time.UnixMilli(k.EndTime)
	h.clock.Set(end.Add(-6 * 24 * time.Hour))
	if k = sdkSslCert(t, c, out.SslVpnClientCertId); k.Status != model.SslCertExpiringSoon {
		t.Errorf("six days before its end: %s", k.Status)
	}
	h.clock.Set(end.Add(time.Second))
	if k = sdkSslCert(t, c, out.SslVpnClientCertId); k.Status != model.SslCertExpired {
		t.Errorf("after its end: %s", k.Status)
	}

	// Certificate writes wait for the gateway too.
	dv := vpc.CreateDeleteSslVpnClientCertRequest()
	dv.SslVpnClientCertId = out.SslVpnClientCertId
	h.srv.mu.Lock()
	h.srv.st.setStatus(h.srv.st.find(kindVpnGateway, "", gw), vpnUpdating)
	h.srv.mu.Unlock()
	sdkRefuses(t, "DeleteSslVpnClientCert while the gateway is updating", c.DeleteSslVpnClientCert, dv, "VpnGateway.Configuring")
	h.srv.mu.Lock()
	h.srv.st.setStatus(h.srv.st.find(kindVpnGateway, "", gw), vpnActive)
	h.srv.mu.Unlock()

	sdkDo(t, c.DeleteSslVpnClientCert, dv)
	if k = sdkSslCert(t, c, out.SslVpnClientCertId); k != nil {
		t.Errorf("deleted certificate still listed: %+v", k)
	}
	sdkRefuses(t, "DeleteSslVpnClientCert of a deleted certificate", c.DeleteSslVpnClientCert, dv, "InvalidSslVpnClientCertId.NotFound")

	// A gateway without SSL-VPN takes no server.
	vg := vpc.CreateCreateVpnGatewayRequest()
	vg.VpcId, vg.Bandwidth, vg.InstanceChargeType = vpcID, requests.NewInteger(10), "POSTPAY"
	nogw := sdkDo(t, c.CreateVpnGateway, vg)
	h.settle()
	h.settle()
	sr := vpc.CreateCreateSslVpnServerRequest()
	sr.VpnGatewayId, sr.LocalSubnet, sr.ClientIpPool = nogw.VpnGatewayId, "10.0.0.0/16", "192.168.100.0/24"
	sdkRefuses(t, "CreateSslVpnServer on a gateway without SSL-VPN", c.CreateSslVpnServer, sr, "OperationFailed.SslNotSupport")
}

package sim

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// vpnFixture is a settled VPC (no VSwitch) with an active VPN gateway and a
// customer gateway.
type vpnFixture struct {
	vpc, gw, gwIP, cgw, cgwIP string
}

func newVpnFixture(h *harness) vpnFixture {
	h.t.Helper()
	id := h.settledVpc()
	gw := h.ok("CreateVpnGateway", kv("RegionId", hz, "VpcId", id, "Bandwidth", "10", "Name", "office-vpn")).str("VpnGatewayId")
	h.settle()
	g := h.ok("DescribeVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw))
	cgw := h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "203.0.113.10", "Name", "office"))
	return vpnFixture{vpc: id, gw: gw, gwIP: g.str("InternetIp"), cgw: cgw.str("CustomerGatewayId"), cgwIP: "203.0.113.10"}
}

func (h *harness) vpnStatus(id string) string {
	h.t.Helper()
	return h.ok("DescribeVpnGateway", kv("RegionId", hz, "VpnGatewayId", id)).str("Status")
}

func (h *harness) connection(id string) *answer {
	h.t.Helper()
	return h.ok("DescribeVpnConnection", kv("RegionId", hz, "VpnConnectionId", id))
}

func TestVpnGatewayLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.createVpc("CidrBlock", "10.0.0.0/16")
	h.fails("CreateVpnGateway", kv("RegionId", hz, "VpcId", id, "Bandwidth", "10"), 400, "IncorrectVpcStatus")
	h.settle()
	sw := h.addVSwitch(id)
	h.settle()
	h.refuses("CreateVpnGateway", kvBase("RegionId", hz, "VpcId", id, "Bandwidth", "10"), []refusal{
		{[]string{"Bandwidth", ""}, 400, "MissingParameter"},
		{[]string{"Bandwidth", "7"}, 400, "InvalidParameter"},
		{[]string{"Name", "a"}, 400, "InvalidName"},
		{[]string{"Name", "vpn.main"}, 400, "InvalidName"}, // no '.' in Create's rule
		{[]string{"Name", "v" + strings.Repeat("x", 100)}, 400, "InvalidName"},
		{[]string{"VpcId", "vpc-nope"}, 404, "InvalidVpcId.NotFound"},
		{[]string{"VSwitchId", "vsw-nope"}, 404, "InvalidVSwitchId.NotFound"},
		{[]string{"InstanceChargeType", "PREPAY", "Period", "10"}, 400, "InvalidParameter"},
		{[]string{"EnableSsl", "true", "SslConnections", "7"}, 400, "InvalidParameter"},
	})
	created := h.clock.Now()
	a := h.ok("CreateVpnGateway", kv("RegionId", hz, "VpcId", id, "Bandwidth", "20", "Name", "hq-vpn", "EnableSsl", "true", "SslConnections", "10"))
	gw := a.str("VpnGatewayId")
	if !strings.HasPrefix(gw, "vpn-bp1") || a.str("Name") != "hq-vpn" {
		t.Fatalf("create answer %s", a.Raw)
	}
	g := h.ok("DescribeVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw))
	if g.str("Status") != "init" || g.str("Spec") != "20M" || g.str("VSwitchId") != sw || g.str("IpsecVpn") != "enable" ||
		g.str("SslVpn") != "enable" || g.num("SslMaxConnections") != 10 || g.str("InternetIp") == "" {
		t.Fatalf("fresh gateway: %s", g.Raw)
	}
	if ms := int64(g.Body["CreateTime"].(float64)); ms != created.UnixMilli() {
		t.Errorf("CreateTime %d, want epoch millis %d", ms, created.UnixMilli())
	}
	// Nothing changes a gateway that is still being built.
	cgw := h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "198.51.100.7")).str("CustomerGatewayId")
	conn := kv("RegionId", hz, "VpnGatewayId", gw, "CustomerGatewayId", cgw, "LocalSubnet", "10.0.0.0/16", "RemoteSubnet", "192.168.0.0/16")
	h.fails("CreateVpnConnection", conn, 400, "VpnGateway.Configuring")
	h.fails("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw), 400, "VpnGateway.Configuring")
	h.fails("ModifyVpnGatewayAttribute", kv("RegionId", hz, "VpnGatewayId", gw, "Name", "x2"), 400, "VpnGateway.Configuring")
	h.clock.Advance(h.srv.opts.Settle / 2)
	if s := h.vpnStatus(gw); s != "provisioning" {
		t.Fatalf("half way: %s", s)
	}
	h.fails("CreateVpnConnection", conn, 400, "VpnGateway.Configuring")
	h.clock.Advance(h.srv.opts.Settle - h.srv.opts.Settle/2)
	if s := h.vpnStatus(gw); s != "active" {
		t.Fatalf("after the settle time: %s", s)
	}
	// Modify takes the general name rule, '.' included.
	m := h.ok("ModifyVpnGatewayAttribute", kv("RegionId", hz, "VpnGatewayId", gw, "Name", "hq.vpn", "Description", "Head office"))
	if m.str("Name") != "hq.vpn" || m.str("VpnGatewayId") != gw || m.str("Status") != "updating" {
		t.Errorf("modify answer: %s", m.Raw)
	}
	h.fails("ModifyVpnGatewayAttribute", kv("RegionId", hz, "VpnGatewayId", gw, "Description", "Main"), 400, "VpnGateway.Configuring")
	h.settle()
	h.fails("ModifyVpnGatewayAttribute", kv("RegionId", hz, "VpnGatewayId", gw, "Description", "x"), 400, "InvalidDescription")
	h.fails("ModifyVpnGatewayAttribute", kv("RegionId", hz, "VpnGatewayId", "vpn-nope"), 404, "InvalidVpnGatewayInstanceId.NotFound")
	list := h.ok("DescribeVpnGateways", kv("RegionId", hz, "VpcId", id, "Status", "active"))
	if items := list.items("VpnGateways", "VpnGateway"); len(items) != 1 || items[0]["Name"] != "hq.vpn" || items[0]["Description"] != "Head office" {
		t.Fatalf("list: %s", list.Raw)
	}
	if n := h.ok("DescribeVpnGateways", kv("RegionId", hz, "VpcId", id, "Status", "init")).num("TotalCount"); n != 0 {
		t.Errorf("Status filter kept %d", n)
	}
	h.fails("DescribeVpnGateways", kv("RegionId", hz, "Status", "sleeping"), 400, "InvalidParameter")
	// A route to the gateway makes it a next hop, and keeps it.
	sys := h.systemTable(id)
	h.ok("CreateRouteEntry", kv("RegionId", hz, "RouteTableId", sys, "DestinationCidrBlock", "192.168.0.0/16", "NextHopType", "VpnGateway", "NextHopId", gw))
	h.settle()
	h.fails("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw), 400, "DependencyViolation.RouteEntry")
	h.ok("DeleteRouteEntry", kv("RegionId", hz, "RouteTableId", sys, "DestinationCidrBlock", "192.168.0.0/16"))
	h.settle()
	h.fails("DeleteVSwitch", kv("VSwitchId", sw), 400, "DependencyViolation")
	h.ok("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw))
	if s := h.vpnStatus(gw); s != "deleting" {
		t.Fatalf("status after delete: %s", s)
	}
	h.settle()
	h.fails("DescribeVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw), 404, "InvalidVpnGatewayInstanceId.NotFound")
	h.ok("DeleteVSwitch", kv("VSwitchId", sw))
}

func TestVpnGatewayBlocksDeleteVpc(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVpnFixture(h)
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", f.vpc), 400, "DependencyViolation.VpnGateway")
	h.ok("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", f.gw))
	h.settle()
	h.ok("DeleteVpc", kv("RegionId", hz, "VpcId", f.vpc))
}

func TestPrepaidVpnGatewayIsNotReleasedEarly(t *testing.T) {
	h := newHarness(t, Options{})
	id := h.settledVpc()
	a := h.ok("CreateVpnGateway", kv("RegionId", hz, "VpcId", id, "Bandwidth", "5", "InstanceChargeType", "PREPAY", "Period", "12"))
	h.settle()
	g := h.ok("DescribeVpnGateway", kv("RegionId", hz, "VpnGatewayId", a.str("VpnGatewayId")))
	if g.str("ChargeType") != "Prepay" || int64(g.Body["EndTime"].(float64)) != h.clock.Now().Add(-h.srv.opts.Settle-time.Second).AddDate(1, 0, 0).UnixMilli() {
		t.Errorf("prepaid gateway: %s", g.Raw)
	}
	h.fails("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", a.str("VpnGatewayId")), 403, "ForbiddenRelease")
}

func TestCustomerGateways(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	h.refuses("CreateCustomerGateway", kvBase("RegionId", hz, "IpAddress", "203.0.113.20"), []refusal{
		{[]string{"IpAddress", ""}, 400, "MissingParameter"},
		{[]string{"IpAddress", "100.64.1.1"}, 400, "InvalidIpAddress.WrongFormat"},
		{[]string{"IpAddress", "office"}, 400, "InvalidIpAddress.WrongFormat"},
		{[]string{"IpAddress", "2001:db8::1"}, 400, "InvalidIpAddress.WrongFormat"},
		{[]string{"Name", "-x"}, 400, "InvalidName"},
		{[]string{"Description", "http://x"}, 400, "InvalidDescription"},
		{[]string{"Asn", "45104"}, 400, "InvalidParameter"},
		{[]string{"Asn", "sixty"}, 400, "InvalidParameter"},
	})
	a := h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "203.0.113.20", "Name", "branch", "Asn", "1.10", "Description", "Branch router"))
	id := a.str("CustomerGatewayId")
	if !strings.HasPrefix(id, "cgw-") || a.str("IpAddress") != "203.0.113.20" || a.num("CreateTime") == 0 {
		t.Fatalf("create answer %s", a.Raw)
	}
	h.fails("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "203.0.113.20"), 400, "InvalidIpAddress.AlreadyExist")
	h.ok("CreateCustomerGateway", kv("RegionId", "cn-shanghai", "IpAddress", "203.0.113.20")) // unique per region only
	g := h.ok("DescribeCustomerGateway", kv("RegionId", hz, "CustomerGatewayId", id))
	if g.num("Asn") != 65546 || g.str("Name") != "branch" {
		t.Errorf("describe: %s", g.Raw)
	}
	m := h.ok("ModifyCustomerGatewayAttribute", kv("RegionId", hz, "CustomerGatewayId", id, "Name", "branch-2"))
	if m.str("Name") != "branch-2" || m.str("Description") != "Branch router" {
		t.Errorf("modify answer %s", m.Raw)
	}
	h.fails("ModifyCustomerGatewayAttribute", kv("RegionId", hz, "CustomerGatewayId", id, "Name", "2x"), 400, "InvalidName")
	h.fails("DescribeCustomerGateway", kv("RegionId", hz, "CustomerGatewayId", "cgw-nope"), 404, "InvalidCustomerGatewayInstanceId.NotFound")
	for i := range 11 {
		h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", fmt.Sprintf("198.51.100.%d", 30+i)))
	}
	p := h.ok("DescribeCustomerGateways", kv("RegionId", hz, "PageSize", "5", "PageNumber", "3"))
	if p.num("TotalCount") != 12 || len(p.items("CustomerGateways", "CustomerGateway")) != 2 {
		t.Errorf("page 3 of 5: %s", p.Raw)
	}
	if n := h.ok("DescribeCustomerGateways", kv("RegionId", hz, "CustomerGatewayId", id)).num("TotalCount"); n != 1 {
		t.Errorf("CustomerGatewayId filter kept %d", n)
	}
	h.ok("DeleteCustomerGateway", kv("RegionId", hz, "CustomerGatewayId", id))
	h.fails("DeleteCustomerGateway", kv("RegionId", hz, "CustomerGatewayId", id), 404, "InvalidCustomerGatewayInstanceId.NotFound")
	// The address is free again.
	h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "203.0.113.20"))
}

func TestVpnConnections(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVpnFixture(h)
	base := kvBase("RegionId", hz, "VpnGatewayId", f.gw, "CustomerGatewayId", f.cgw,
		"LocalSubnet", "10.0.0.0/16", "RemoteSubnet", "192.168.10.0/24,192.168.20.0/24")
	h.refuses("CreateVpnConnection", base, []refusal{
		{[]string{"LocalSubnet", ""}, 400, "MissingParameter"},
		{[]string{"LocalSubnet", "10.0.0.1/16"}, 400, "IllegalParam.LocalSubnet"},
		{[]string{"RemoteSubnet", "192.168.10.0/24,nope"}, 400, "IllegalParam.RemoteSubnet"},
		{[]string{"VpnGatewayId", "vpn-nope"}, 404, "InvalidVpnGatewayInstanceId.NotFound"},
		{[]string{"CustomerGatewayId", "cgw-nope"}, 404, "InvalidCustomerGatewayInstanceId.NotFound"},
		{[]string{"Name", "9lives"}, 400, "InvalidName"},
		{[]string{"IkeConfig", "{not json"}, 400, "InvalidParameter"},
		{[]string{"IkeConfig", `{"IkeVersion":"ikev3"}`}, 400, "InvalidParameter"},
		{[]string{"IkeConfig", `{"IkeMode":"lazy"}`}, 400, "InvalidParameter"},
		{[]string{"IkeConfig", `{"IkeLifetime":90000}`}, 400, "InvalidParameter"},
		{[]string{"IpsecConfig", `{"IpsecPfs":"group99"}`}, 400, "InvalidParameter"},
		{[]string{"IpsecConfig", `{"IpsecEncAlg":"rot13"}`}, 400, "InvalidParameter"},
		{[]string{"EffectImmediately", "soon"}, 400, "InvalidParameter"},
	})
	// A bad key is refused without being quoted.
	a := h.fails("CreateVpnConnection", base("IkeConfig", `{"Psk":"has space secret"}`), 400, "InvalidParameter")
	if strings.Contains(string(a.Raw), "secret") {
		t.Errorf("the error quotes the key: %s", a.Raw)
	}
	h.fails("CreateVpnConnection", base("DryRun", "true"), 400, "DryRunOperation")

	// Defaults: the API's algorithms, a generated key, the gateways' addresses.
	quiet := h.ok("CreateVpnConnection", base("Name", "office-ipsec"))
	qid := quiet.str("VpnConnectionId")
	if !strings.HasPrefix(qid, "vco-") || quiet.str("Name") != "office-ipsec" || quiet.num("CreateTime") == 0 {
		t.Fatalf("create answer: %s", quiet.Raw)
	}
	c := h.connection(qid)
	ike := c.Body["IkeConfig"].(map[string]any)
	if ike["IkeVersion"] != "ikev1" || ike["IkeMode"] != "main" || ike["IkeEncAlg"] != "aes" || ike["IkePfs"] != "group2" ||
		ike["IkeLifetime"] != float64(86400) || len(ike["Psk"].(string)) != 16 || ike["LocalId"] != f.gwIP || ike["RemoteId"] != f.cgwIP {
		t.Errorf("default IkeConfig: %v", ike)
	}
	if c.str("Status") != "ike_sa_not_established" || c.str("RemoteSubnet") != "192.168.10.0/24,192.168.20.0/24" || c.Body["EffectImmediately"] != false {
		t.Errorf("connection: %s", c.Raw)
	}
	// Each connection change reconfigures the gateway.
	if s := h.vpnStatus(f.gw); s != "updating" {
		t.Errorf("gateway after a new connection: %s", s)
	}
	cgw2 := h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "198.51.100.99")).str("CustomerGatewayId")
	fast := base("CustomerGatewayId", cgw2, "EffectImmediately", "true",
		"IkeConfig", `{"IkeVersion":"ikev2","IkeEncAlg":"aes256","IkeAuthAlg":"sha256","IkePfs":"group14","IkeLifetime":"3600","Psk":"Tr0ub4dor&3"}`,
		"IpsecConfig", `{"IpsecEncAlg":"aes256","IpsecAuthAlg":"sha256","IpsecPfs":"disabled","IpsecLifetime":3600}`)
	h.fails("CreateVpnConnection", fast, 400, "VpnGateway.Configuring")
	h.settle()
	if s := h.connection(qid).str("Status"); s != "ike_sa_not_established" {
		t.Errorf("without EffectImmediately the tunnel waits for traffic: %s", s)
	}
	h.fails("CreateVpnConnection", base(), 400, "InvalidVpnConnection.AlreadyExists")
	fid := h.ok("CreateVpnConnection", fast).str("VpnConnectionId")
	c = h.connection(fid)
	ike = c.Body["IkeConfig"].(map[string]any)
	ipsec := c.Body["IpsecConfig"].(map[string]any)
	if ike["IkeVersion"] != "ikev2" || ike["IkeLifetime"] != float64(3600) || ike["Psk"] != "Tr0ub4dor&3" ||
		ipsec["IpsecPfs"] != "disabled" || ipsec["IpsecLifetime"] != float64(3600) || c.str("Status") != "ike_sa_not_established" {
		t.Errorf("configured connection: %s", c.Raw)
	}
	h.settle()
	if s := h.connection(fid).str("Status"); s != "ipsec_sa_established" {
		t.Fatalf("with EffectImmediately: %s", s)
	}

	// Modify merges: the key stays unless a new one is given.
	m := h.ok("ModifyVpnConnectionAttribute", kv("RegionId", hz, "VpnConnectionId", fid, "Name", "dc-link",
		"RemoteSubnet", "172.16.0.0/12", "IkeConfig", `{"IkeLifetime":7200}`))
	mike := m.Body["IkeConfig"].(map[string]any)
	if m.str("Name") != "dc-link" || m.str("RemoteSubnet") != "172.16.0.0/12" || mike["IkeLifetime"] != float64(7200) ||
		mike["Psk"] != "Tr0ub4dor&3" || mike["IkeVersion"] != "ikev2" {
		t.Errorf("modify answer: %s", m.Raw)
	}
	// EffectImmediately carried over: the tunnel renegotiates.
	if s := h.connection(fid).str("Status"); s != "ike_sa_not_established" {
		t.Errorf("while renegotiating: %s", s)
	}
	h.fails("ModifyVpnConnectionAttribute", kv("RegionId", hz, "VpnConnectionId", fid, "Name", "again"), 400, "VpnGateway.Configuring")
	h.settle()
	h.fails("ModifyVpnConnectionAttribute", kv("RegionId", hz, "VpnConnectionId", fid, "IkeConfig", `{"IkeAuthAlg":"crc32"}`), 400, "InvalidParameter")
	h.fails("ModifyVpnConnectionAttribute", kv("RegionId", hz, "VpnConnectionId", "vco-nope"), 404, "InvalidVpnConnectionInstanceId.NotFound")

	// The customer side's configuration mirrors the connection.
	cfg := h.ok("DownloadVpnConnectionConfig", kv("RegionId", hz, "VpnConnectionId", fid)).Body["VpnConnectionConfig"].(map[string]any)
	dike := cfg["IkeConfig"].(map[string]any)
	if cfg["Local"] != "198.51.100.99" || cfg["Remote"] != f.gwIP || cfg["LocalSubnet"] != "172.16.0.0/12" || cfg["RemoteSubnet"] != "10.0.0.0/16" ||
		dike["LocalId"] != "198.51.100.99" || dike["RemoteId"] != f.gwIP || dike["Psk"] != "Tr0ub4dor&3" {
		t.Errorf("download: %v", cfg)
	}

	list := h.ok("DescribeVpnConnections", kv("RegionId", hz, "VpnGatewayId", f.gw))
	if list.num("TotalCount") != 2 {
		t.Errorf("connections of the gateway: %s", list.Raw)
	}
	if n := h.ok("DescribeVpnConnections", kv("RegionId", hz, "CustomerGatewayId", cgw2)).num("TotalCount"); n != 1 {
		t.Errorf("CustomerGatewayId filter kept %d", n)
	}
	if n := h.ok("DescribeVpnConnections", kv("RegionId", hz, "VpnConnectionId", qid)).num("TotalCount"); n != 1 {
		t.Errorf("VpnConnectionId filter kept %d", n)
	}
	h.fails("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", f.gw), 400, "DependencyViolation")
	h.fails("DeleteCustomerGateway", kv("RegionId", hz, "CustomerGatewayId", f.cgw), 400, "DependencyViolation")
	h.ok("DeleteVpnConnection", kv("RegionId", hz, "VpnConnectionId", qid))
	h.fails("DeleteVpnConnection", kv("RegionId", hz, "VpnConnectionId", fid), 400, "VpnGateway.Configuring")
	h.fails("DescribeVpnConnection", kv("RegionId", hz, "VpnConnectionId", qid), 404, "InvalidVpnConnectionInstanceId.NotFound")
	h.settle()
	h.ok("DeleteVpnConnection", kv("RegionId", hz, "VpnConnectionId", fid))
	h.settle()
	h.ok("DeleteCustomerGateway", kv("RegionId", hz, "CustomerGatewayId", f.cgw))
	h.ok("DeleteVpnGateway", kv("RegionId", hz, "VpnGatewayId", f.gw))
}

func TestVpnConnectionFormBody(t *testing.T) {
	h := newHarness(t, Options{})
	f := newVpnFixture(h)
	params := kv("RegionId", hz, "VpnGatewayId", f.gw, "CustomerGatewayId", f.cgw, "LocalSubnet", "10.0.0.0/16",
		"RemoteSubnet", "192.168.0.0/16", "IkeConfig", `{"Psk":"form-body-key&=+%","IkeVersion":"ikev2"}`)
	a := h.do(h.request("CreateVpnConnection", params, sig{method: http.MethodPost, form: true}))
	if a.Status != http.StatusOK {
		t.Fatalf("form POST: %d %s", a.Status, a.Raw)
	}
	ike := h.connection(a.str("VpnConnectionId")).Body["IkeConfig"].(map[string]any)
	if ike["Psk"] != "form-body-key&=+%" || ike["IkeVersion"] != "ikev2" {
		t.Errorf("IkeConfig from the form body: %v", ike)
	}
}

func TestPskNeverInTheRequestLog(t *testing.T) {
	var log bytes.Buffer
	h := newHarness(t, Options{RequestLog: &log})
	f := newVpnFixture(h)
	const psk = "VerySecretPsk-4711"
	params := kv("RegionId", hz, "VpnGatewayId", f.gw, "CustomerGatewayId", f.cgw, "LocalSubnet", "10.0.0.0/16",
		"RemoteSubnet", "192.168.0.0/16", "IkeConfig", `{"Psk":"`+psk+`"}`)
	h.fails("CreateVpnConnection", kv("RegionId", hz, "VpnGatewayId", f.gw, "CustomerGatewayId", f.cgw, "LocalSubnet", "10.0.0.0/16",
		"RemoteSubnet", "192.168.0.0/16", "IkeConfig", `{"Psk":"`+psk+`","IkeVersion":"ikev9"}`), 400, "InvalidParameter")
	h.ok("CreateVpnConnection", params)
	h.do(h.request("CreateVpnConnection", params, sig{method: http.MethodPost, form: true}))
	h.ok("CreateCustomerGateway", kv("RegionId", hz, "IpAddress", "198.51.100.50", "AuthKey", psk))
	if log.Len() == 0 {
		t.Fatal("nothing was logged")
	}
	if strings.Contains(log.String(), psk) {
		t.Fatalf("the request log carries the key:\n%s", log.String())
	}
}

func TestDemoVpnDataset(t *testing.T) {
	h := newHarness(t, Options{})
	prod := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "prod-core")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	gws := h.ok("DescribeVpnGateways", kv("RegionId", hz, "VpcId", prod)).items("VpnGateways", "VpnGateway")
	if len(gws) != 1 || gws[0]["Status"] != "active" || gws[0]["InternetIp"] == "" {
		t.Fatalf("prod-core VPN gateway: %v", gws)
	}
	gw := gws[0]["VpnGatewayId"].(string)
	names := map[string]string{}
	for _, c := range h.ok("DescribeCustomerGateways", kv("RegionId", hz)).items("CustomerGateways", "CustomerGateway") {
		names[c["CustomerGatewayId"].(string)] = c["Name"].(string)
	}
	if len(names) != 2 {
		t.Fatalf("customer gateways: %v", names)
	}
	status := map[string]string{}
	remote := map[string]string{}
	for _, c := range h.ok("DescribeVpnConnections", kv("RegionId", hz, "VpnGatewayId", gw)).items("VpnConnections", "VpnConnection") {
		name := names[c["CustomerGatewayId"].(string)]
		status[name] = c["Status"].(string)
		remote[name] = c["RemoteSubnet"].(string)
	}
	if status["office-shanghai"] != "ipsec_sa_established" || status["dc-frankfurt"] != "ike_sa_not_established" {
		t.Fatalf("connection statuses: %v", status)
	}
	sys := h.systemTable(prod)
	for name, block := range remote {
		routes := h.entries(sys, "DestinationCidrBlock", block)
		if len(routes) != 1 {
			t.Errorf("%s: routes to %s: %v", name, block, routes)
			continue
		}
		hop := routes[0]["NextHops"].(map[string]any)["NextHop"].([]any)[0].(map[string]any)
		if hop["NextHopType"] != "VpnGateway" || hop["NextHopId"] != gw || routes[0]["Status"] != "Available" {
			t.Errorf("%s: route %v", name, routes[0])
		}
	}
	if remote["office-shanghai"] != "172.20.0.0/16" {
		t.Errorf("the office reaches prod-core's on-premises block: %v", remote)
	}
	// Settled: the next minute changes nothing.
	h.settle()
	if s := h.vpnStatus(gw); s != "active" {
		t.Errorf("gateway after a settle: %s", s)
	}
}

func TestVpnListShapesMatchTheModel(t *testing.T) {
	h := newHarness(t, Options{})
	for _, kind := range []string{"vpn", "cgw", "ipsec"} {
		if got := listShape(t, h, kind, kv("RegionId", hz)); got == 0 {
			t.Errorf("%s: no items in the demo", kind)
		}
	}
	// The single-object answers are the list item at the top level.
	gw := h.ok("DescribeVpnGateways", kv("RegionId", hz)).items("VpnGateways", "VpnGateway")[0]["VpnGatewayId"].(string)
	a := h.ok("DescribeVpnGateway", kv("RegionId", hz, "VpnGatewayId", gw))
	var body map[string]json.RawMessage
	if err := json.Unmarshal(a.Raw, &body); err != nil || body["VpnGatewayId"] == nil || body["RequestId"] == nil {
		t.Errorf("DescribeVpnGateway: %s", a.Raw)
	}
}

func TestOfficialSDKReadsVpn(t *testing.T) {
	_, c := sdkHarness(t)
	resp, err := c.DescribeVpnGateways(vpc.CreateDescribeVpnGatewaysRequest())
	if err != nil {
		t.Fatalf("DescribeVpnGateways: %v", err)
	}
	if len(resp.VpnGateways.VpnGateway) != 1 || resp.VpnGateways.VpnGateway[0].CreateTime == 0 {
		t.Fatalf("SDK gateways: %+v", resp.VpnGateways)
	}
	creq := vpc.CreateDescribeVpnConnectionsRequest()
	creq.VpnGatewayId = resp.VpnGateways.VpnGateway[0].VpnGatewayId
	cresp := sdkDo(t, c.DescribeVpnConnections, creq)
	if len(cresp.VpnConnections.VpnConnection) != 2 || cresp.VpnConnections.VpnConnection[0].IkeConfig.IkeLifetime != 86400 {
		t.Errorf("SDK connections: %+v", cresp.VpnConnections)
	}
	dreq := vpc.CreateDeleteVpnGatewayRequest()
	dreq.VpnGatewayId = creq.VpnGatewayId
	sdkRefuses(t, "SDK DeleteVpnGateway with connections", c.DeleteVpnGateway, dreq, "DependencyViolation")
}

func TestProvisioningVpnGatewaySurvivesRestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := NewManualClock(wallTime)
	h := newHarness(t, Options{StatePath: path, Clock: clock})
	id := h.settledVpc()
	gw := h.ok("CreateVpnGateway", kv("RegionId", hz, "VpcId", id, "Bandwidth", "5")).str("VpnGatewayId")
	clock.Advance(h.srv.opts.Settle/2 + time.Millisecond)
	if s := h.vpnStatus(gw); s != "provisioning" {
		t.Fatalf("before the restart: %s", s)
	}
	if err := h.srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	again := newHarness(t, Options{StatePath: path, Clock: clock})
	if s := again.vpnStatus(gw); s != "provisioning" {
		t.Fatalf("after the restart: %s", s)
	}
	clock.Advance(again.srv.opts.Settle / 2)
	if s := again.vpnStatus(gw); s != "active" {
		t.Fatalf("provisioning did not finish after the restart: %s", s)
	}
}

package sim

import (
	"encoding/base64"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// SSL-VPN servers and client certificates (seed 003 §15.17–15.24, plus
// DescribeSslVpnClientCert of the current public API, which answers the
// certificate material).
//
// Lifecycle: servers have no status (the seed documents none). Creating,
// modifying or deleting one reconfigures its VPN gateway (updating → active,
// the settle time), and while the gateway is not active every SSL-VPN write
// is refused with VpnGateway.Configuring. A certificate is issued at once,
// `normal`, valid sslCertValidity; it turns `expiring-soon` a week before its
// end and `expired` at its end (scheduled transitions, so the clock drives
// them).
//
// Rules: the gateway must have SSL-VPN enabled (OperationFailed.SslNotSupport)
// and not be overdue (VpnGateway.FinancialLocked); a gateway takes one SSL-VPN
// server and a server sslCertsPerServer certificates (Resource.QuotaFull).
// The parameters follow model.CheckSslServer; a broken one answers
// IllegalParam.<Name>. Choices where the docs are silent: deleting a server
// deletes its certificates; a gateway with an SSL-VPN server refuses deletion
// (DependencyViolation, as for IPsec connections); unknown servers and
// certificates answer InvalidSslVpnServerId.NotFound and
// InvalidSslVpnClientCertId.NotFound.
//
// The certificate's ClientKey and ClientConfig are secrets: the list never
// carries them, and no error quotes them.

const (
	kindSslServer = "sslserver"
	kindSslCert   = "sslcert"

	sslCertsPerServer = 1000
	sslCertValidity   = 3 * 365 * 24 * time.Hour

	sslServerNotFound = "The specified SSL-VPN server does not exist."
	sslCertNotFound   = "The specified SSL-VPN client certificate does not exist."
)

func sslServerOf(r *record) *model.SslVpnServer   { return r.Value.(*model.SslVpnServer) }
func sslCertOf(r *record) *model.SslVpnClientCert { return r.Value.(*model.SslVpnClientCert) }

func addSslVpn(r *registry) {
	r.kind(kindOf(kindSslServer, "vss-", func(s *model.SslVpnServer) string { return s.SslVpnServerId },
		nil, hooks[model.SslVpnServer]{
			Refs: func(v *model.SslVpnServer) []ref { return []ref{{kindVpnGateway, v.VpnGatewayId}} },
			Fill: func(st *store, s *model.SslVpnServer) {
				if gw := st.find(kindVpnGateway, "", s.VpnGatewayId); gw != nil {
					s.MaxConnections, s.InternetIp = model.FlexInt(vpnOf(gw).SslMaxConnections), vpnOf(gw).InternetIp
				}
			},
		}))
	r.kind(kindOf(kindSslCert, "vsc-", func(c *model.SslVpnClientCert) string { return c.SslVpnClientCertId },
		func(c *model.SslVpnClientCert) *string { return &c.Status }, hooks[model.SslVpnClientCert]{
			Refs: func(v *model.SslVpnClientCert) []ref { return []ref{{kindSslServer, v.SslVpnServerId}} },
			Fill: func(_ *store, c *model.SslVpnClientCert) {
				c.CaCert, c.ClientCert, c.ClientKey, c.ClientConfig = "", "", "", ""
			},
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateSslVpnServer", createSslServerOp)
	r.write(vpc, "ModifySslVpnServer", modifySslServerOp)
	r.write(vpc, "DeleteSslVpnServer", deleteSslServerOp)
	r.read(vpc, "DescribeSslVpnServers", describeSslServers.op)
	r.write(vpc, "CreateSslVpnClientCert", createSslCertOp)
	r.write(vpc, "ModifySslVpnClientCert", modifySslCertOp)
	r.write(vpc, "DeleteSslVpnClientCert", deleteSslCertOp)
	r.read(vpc, "DescribeSslVpnClientCerts", describeSslCerts.op)
	r.read(vpc, "DescribeSslVpnClientCert", describeSslCert)
	r.followUp("sslcert.expiring", func(st *store, rec *record) {
		st.schedule(rec, Transition{Due: time.UnixMilli(sslCertOf(rec).EndTime), Status: model.SslCertExpired})
	})
	r.block(kindVpnGateway, kindSslServer, "DependencyViolation", dependentObjectsMsg)
}

// sslGateway checks that the gateway can take an SSL-VPN change now.
func sslGateway(c *call, gw *record) error {
	g := vpnOf(gw)
	switch {
	case g.BusinessStatus == "FinancialLocked":
		return newErr(400, "VpnGateway.FinancialLocked", "The specified service is financial locked.")
	case c.st.status(gw) != vpnActive:
		return errVpnConfiguring()
	case g.SslVpn != "enable":
		return newErr(400, "OperationFailed.SslNotSupport", "The specified VPN gateway does not have SSL-VPN enabled.")
	}
	return nil
}

// sslNameParam applies the 2-128 name rule (InvalidName).
func sslNameParam(c *call) error {
	if n := c.str("Name"); n != "" && model.DefaultName.Check(n) != nil {
		return errVpnName()
	}
	return nil
}

func errIllegal(name string) error {
	return errf(400, "IllegalParam."+name, "The specified %q is invalid.", name)
}

// sslServerParams applies the request over base (the defaults for a create,
// the server for a modify) and checks the result against every rule.
func sslServerParams(c *call, base model.SslVpnServer, maxConns int64) (model.SslVpnServer, error) {
	s := base
	setIf(c, "Name", &s.Name)
	setIf(c, "LocalSubnet", &s.LocalSubnet)
	setIf(c, "ClientIpPool", &s.ClientIpPool)
	setIf(c, "Cipher", &s.Cipher)
	setIf(c, "Proto", &s.Proto)
	compress, set, err := c.boolParam("Compress")
	if err != nil {
		return s, err
	}
	if set {
		s.Compress = compress
	}
	port := strconv.FormatInt(int64(s.Port), 10)
	if c.has("Port") {
		port = strings.TrimSpace(c.str("Port"))
	}
	n, err := model.CheckSslPort(port)
	if err != nil {
		return s, errIllegal("Port")
	}
	s.Port = model.FlexInt(n)
	s.LocalSubnet = strings.Join(strings.Fields(strings.ReplaceAll(s.LocalSubnet, ",", " ")), ",")
	s.ClientIpPool = strings.TrimSpace(s.ClientIpPool)
	local, err := model.CheckSslLocalSubnet(s.LocalSubnet)
	switch {
	case err != nil:
		return s, errIllegal("LocalSubnet")
	case model.CheckSslClientPool(s.ClientIpPool, local, maxConns) != nil:
		return s, errIllegal("ClientIpPool")
	case model.CheckSslCipher(s.Cipher) != nil:
		return s, errIllegal("Cipher")
	case model.CheckSslProto(s.Proto) != nil:
		return s, errIllegal("Proto")
	}
	return s, nil
}

// sslServerArgs describe a new server.
type sslServerArgs struct {
	Gateway *record
	Server  model.SslVpnServer // the settings
	Created time.Time
}

func newSslServer(st *store, a sslServerArgs) *record {
	s := a.Server
	s.SslVpnServerId = st.newID(kindSslServer, a.Gateway.Region)
	s.RegionId, s.VpnGatewayId, s.CreateTime = a.Gateway.Region, a.Gateway.ID, millis(a.Created)
	s.ResourceGroupId, s.InternetIp = vpnOf(a.Gateway).ResourceGroupId, vpnOf(a.Gateway).InternetIp
	if s.Name == "" {
		s.Name = s.SslVpnServerId
	}
	return st.mustAdd(kindSslServer, a.Gateway.Region, &s)
}

func createSslServerOp(c *call) (any, error) {
	region, err := regionNeed(c, "VpnGatewayId", "LocalSubnet", "ClientIpPool")
	if err != nil {
		return nil, err
	}
	if err := sslNameParam(c); err != nil {
		return nil, err
	}
	gw, err := lookupVpnGateway(c, region)
	if err != nil {
		return nil, err
	}
	def := model.SslVpnServer{Cipher: model.SslDefaultCipher, Proto: model.SslDefaultProto, Port: model.SslDefaultPort}
	s, err := sslServerParams(c, def, vpnOf(gw).SslMaxConnections)
	if err != nil {
		return nil, err
	}
	if err := sslGateway(c, gw); err != nil {
		return nil, err
	}
	if c.st.count(kindSslServer, kindVpnGateway, gw.ID) > 0 {
		return nil, newErr(400, "Resource.QuotaFull", "The quota of resource is full")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := newSslServer(c.st, sslServerArgs{Gateway: gw, Server: s, Created: c.now})
	reconfigure(c, gw)
	return M{"SslVpnServerId": rec.ID, "Name": sslServerOf(rec).Name}, nil
}

// sslGatewayOf is the VPN gateway an SSL-VPN server or certificate
// belongs to (nil: unreachable through the API, as a gateway with a server
// cannot be deleted and a server takes its certificates with it).
func sslGatewayOf(st *store, r *record) *record {
	if r.Kind == kindSslCert {
		if r = st.find(kindSslServer, "", sslCertOf(r).SslVpnServerId); r == nil {
			return nil
		}
	}
	return st.find(kindVpnGateway, "", sslServerOf(r).VpnGatewayId)
}

// lookupSsl finds the server or certificate a request names by param, and
// its gateway.
func lookupSsl(c *call, kind, param, code, msg string) (rec, gw *record, err error) {
	if rec, err = (finder{kind, param, 404, code, msg}).here(c); err != nil {
		return nil, nil, err
	}
	if gw = sslGatewayOf(c.st, rec); gw == nil {
		return nil, nil, errInternal()
	}
	return rec, gw, nil
}

func lookupSslServer(c *call) (srv, gw *record, err error) {
	return lookupSsl(c, kindSslServer, "SslVpnServerId", "InvalidSslVpnServerId.NotFound", sslServerNotFound)
}

func lookupSslCert(c *call) (cert, gw *record, err error) {
	return lookupSsl(c, kindSslCert, "SslVpnClientCertId", "InvalidSslVpnClientCertId.NotFound", sslCertNotFound)
}

// sslChange validates a write on an existing server or certificate: it
// exists, the name is valid, the parameters pass (params may be nil) and
// the gateway takes changes now; then it commits.
func sslChange(c *call, lookup func(*call) (rec, gw *record, err error), params func(rec, gw *record) error) (rec, gw *record, err error) {
	if rec, gw, err = lookup(c); err != nil {
		return nil, nil, err
	}
	if err := sslNameParam(c); err != nil {
		return nil, nil, err
	}
	if params != nil {
		if err := params(rec, gw); err != nil {
			return nil, nil, err
		}
	}
	if err := sslGateway(c, gw); err != nil {
		return nil, nil, err
	}
	if err := c.commit(); err != nil {
		return nil, nil, err
	}
	return rec, gw, nil
}

func modifySslServerOp(c *call) (any, error) {
	var s model.SslVpnServer
	srv, gw, err := sslChange(c, lookupSslServer, func(srv, gw *record) (err error) {
		s, err = sslServerParams(c, *sslServerOf(srv), vpnOf(gw).SslMaxConnections)
		return err
	})
	if err != nil {
		return nil, err
	}
	c.st.change(srv, func() { *sslServerOf(srv) = s })
	reconfigure(c, gw)
	return c.st.render(srv), nil
}

func deleteSslServerOp(c *call) (any, error) {
	srv, gw, err := sslChange(c, lookupSslServer, nil)
	if err != nil {
		return nil, err
	}
	for _, cert := range c.st.children(kindSslCert, kindSslServer, srv.ID) {
		c.st.remove(cert)
	}
	c.st.remove(srv)
	reconfigure(c, gw)
	return nil, nil
}

var describeSslServers = listSpec{Kind: kindSslServer, Wrapper: "SslVpnServers", Item: "SslVpnServer",
	Narrow: []narrow{{"VpnGatewayId", kindVpnGateway}}, Fields: fieldsOf(sslServerOf, "SslVpnServerId", "Name")}

var describeSslCerts = listSpec{Kind: kindSslCert, Wrapper: "SslVpnClientCertKeys", Item: "SslVpnClientCertKey",
	Narrow: []narrow{{"SslVpnServerId", kindSslServer}}, Fields: fieldsOf(sslCertOf, "SslVpnClientCertId", "Name")}

// --- client certificates ---

// sslCertArgs describe a new certificate.
type sslCertArgs struct {
	Server  *record
	Name    string
	Created time.Time
	Now     time.Time // the lifecycle clock, for the status
}

// pemBlock is a PEM-looking block of n random bytes.
func pemBlock(st *store, label string, n int) string {
	b := make([]byte, n)
	for i := range b {
		b[i] = byte(st.rng.IntN(256))
	}
	return "-----BEGIN " + label + "-----\n" + base64.StdEncoding.EncodeToString(b) + "\n-----END " + label + "-----\n"
}

func newSslCert(st *store, a sslCertArgs) *record {
	s := sslServerOf(a.Server)
	end := a.Created.Add(sslCertValidity)
	cert := &model.SslVpnClientCert{
		SslVpnClientCertId: st.newID(kindSslCert, a.Server.Region), Name: a.Name, RegionId: a.Server.Region,
		SslVpnServerId: a.Server.ID, CreateTime: millis(a.Created), EndTime: millis(end),
		Status: model.SslCertStatus(millis(end), millis(a.Now)), ResourceGroupId: s.ResourceGroupId,
		CaCert: pemBlock(st, "CERTIFICATE", 48), ClientCert: pemBlock(st, "CERTIFICATE", 48),
		ClientKey: pemBlock(st, "RSA PRIVATE KEY", 64),
	}
	if cert.Name == "" {
		cert.Name = cert.SslVpnClientCertId
	}
	cert.ClientConfig = "client\ndev tun\nproto " + strings.ToLower(s.Proto) + "\nremote " + s.InternetIp + " " +
		strconv.FormatInt(int64(s.Port), 10) + "\ncipher " + s.Cipher + "\n<ca>\n" + cert.CaCert + "</ca>\n<cert>\n" +
		cert.ClientCert + "</cert>\n<key>\n" + cert.ClientKey + "</key>\n"
	rec := st.mustAdd(kindSslCert, a.Server.Region, cert)
	switch warn := end.Add(-time.Duration(model.SslCertExpiryWarning) * time.Millisecond); cert.Status {
	case model.SslCertNormal:
		st.schedule(rec, Transition{Due: warn, Status: model.SslCertExpiringSoon, Then: "sslcert.expiring"})
	case model.SslCertExpiringSoon:
		st.schedule(rec, Transition{Due: end, Status: model.SslCertExpired})
	}
	return rec
}

func createSslCertOp(c *call) (any, error) {
	srv, _, err := sslChange(c, lookupSslServer, func(srv, _ *record) error {
		if c.st.count(kindSslCert, kindSslServer, srv.ID) >= sslCertsPerServer {
			return newErr(400, "Resource.QuotaFull", "The quota of resource is full")
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	rec := newSslCert(c.st, sslCertArgs{Server: srv, Name: c.str("Name"), Created: c.now, Now: c.now})
	return M{"SslVpnClientCertId": rec.ID, "Name": sslCertOf(rec).Name}, nil
}

func modifySslCertOp(c *call) (any, error) {
	cert, _, err := sslChange(c, lookupSslCert, nil)
	if err != nil {
		return nil, err
	}
	v := sslCertOf(cert)
	c.st.change(cert, func() { setIf(c, "Name", &v.Name) })
	return M{"SslVpnClientCertId": v.SslVpnClientCertId, "Name": v.Name}, nil
}

func deleteSslCertOp(c *call) (any, error) {
	cert, _, err := sslChange(c, lookupSslCert, nil)
	if err != nil {
		return nil, err
	}
	c.st.remove(cert)
	return nil, nil
}

// describeSslCert answers one certificate with its material (the current
// public API's DescribeSslVpnClientCert).
func describeSslCert(c *call) (any, error) {
	cert, _, err := lookupSslCert(c)
	if err != nil {
		return nil, err
	}
	v := *sslCertOf(cert)
	return &v, nil
}

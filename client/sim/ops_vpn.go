package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// The VPN family (api-catalog §2.8): VPN gateways (init → provisioning →
// active; updating while their configuration changes), customer gateways
// and IPsec connections. While a gateway is not active, the operations that
// change it are refused with VpnGateway.Configuring (catalog §4.2 #6); an
// IPsec connection change makes it "updating" for the settle time.
//
// Choices where the docs are silent: a gateway with IPsec connections, and
// a customer gateway used by one, refuse deletion with DependencyViolation;
// a gateway a route points at refuses it with DependencyViolation.RouteEntry.
//
// IkeConfig.Psk (and a customer gateway's AuthKey) are secrets: they are
// stored and answered as the API does, but never logged and never quoted in
// an error.

const (
	kindVpnGateway      = "vpn"
	kindCustomerGateway = "cgw"
	kindVpnConnection   = "ipsec"
)

const (
	vpnInit         = "init"
	vpnProvisioning = "provisioning"
	vpnActive       = "active"
	vpnUpdating     = "updating"
	vpnDeleting     = "deleting"

	ikeNotEstablished = "ike_sa_not_established"
	ipsecEstablished  = "ipsec_sa_established"
)

const (
	maxConnsPerGateway = 10
	defaultSALifetime  = 86400
	// Generated pre-shared keys: 16 characters that cannot be misread.
	pskAlphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
	pskLength   = 16

	vpnConfiguringMsg   = "The specified service is configuring."
	vpnGatewayNotFound  = "The specified vpn gateway instance id does not exist."
	cgwNotFoundMsg      = "The specified customer gateway instance id does not exist."
	connectionNotFound  = "The specified vpn connection instance id does not exist."
	dependentObjectsMsg = "Specified object has dependent resources."
)

// vpnGatewayRec is a stored VPN gateway: the API's view plus when its
// provisioning ends. Creation has two timed steps and a follow-up cannot
// know the settle time, so the second step's due time is kept here.
type vpnGatewayRec struct {
	model.VpnGateway
	ActiveAt time.Time `json:"SimActiveAt"`
}

func addVPN(r *registry) {
	vpnKinds(r)
	vpc := model.ProductVPC
	r.write(vpc, "CreateVpnGateway", createVpnGatewayOp)
	r.write(vpc, "ModifyVpnGatewayAttribute", on(lookupVpnGateway, modifyVpnGatewayAttribute))
	r.write(vpc, "DeleteVpnGateway", on(lookupVpnGateway, deleteVpnGatewayOp))
	r.read(vpc, "DescribeVpnGateways", describeVpnGateways.op)
	r.read(vpc, "DescribeVpnGateway", on(lookupVpnGateway, rendered))
	r.write(vpc, "CreateCustomerGateway", createCustomerGatewayOp)
	r.write(vpc, "ModifyCustomerGatewayAttribute", on(lookupCustomerGateway, modifyCustomerGatewayAttribute))
	r.write(vpc, "DeleteCustomerGateway", on(lookupCustomerGateway, deleteCustomerGateway))
	r.read(vpc, "DescribeCustomerGateways", describeCustomerGateways.op)
	r.read(vpc, "DescribeCustomerGateway", on(lookupCustomerGateway, rendered))
	r.writeDry(vpc, "CreateVpnConnection", createVpnConnectionOp)
	r.write(vpc, "ModifyVpnConnectionAttribute", onConn(modifyVpnConnectionAttribute))
	r.write(vpc, "DeleteVpnConnection", onConn(deleteVpnConnection))
	r.read(vpc, "DescribeVpnConnections", describeVpnConnections.op)
	r.read(vpc, "DescribeVpnConnection", onConn(func(c *call, conn, _ *record) (any, error) { return rendered(c, conn) }))
	r.read(vpc, "DownloadVpnConnectionConfig", onConn(downloadVpnConnectionConfig))

	r.block(kindVpc, kindVpnGateway, "DependencyViolation.VpnGateway", "Specified object has dependent resources VpnGateway.")
	r.block(kindVSwitch, kindVpnGateway, "DependencyViolation", dependentObjectsMsg)
	r.followUp("vpn.provisioned", func(st *store, rec *record) {
		st.schedule(rec, Transition{Due: rec.Value.(*vpnGatewayRec).ActiveAt, Status: vpnActive})
	})
}

func vpnKinds(r *registry) {
	r.kind(kindOf(kindVpnGateway, "vpn-", func(g *vpnGatewayRec) string { return g.VpnGatewayId },
		func(g *vpnGatewayRec) *string { return &g.Status }, hooks[vpnGatewayRec]{
			Refs: func(g *vpnGatewayRec) []ref {
				return []ref{{"vpc", g.VpcId}, {"vsw", g.VSwitchId}, {"ip", g.InternetIp}}
			},
			Render: func(st *store, r *record) any {
				v := r.Value.(*vpnGatewayRec).VpnGateway
				return &v
			},
			NextHopType: "VpnGateway",
		}))
	r.kind(kindOf(kindCustomerGateway, "cgw-", func(g *model.CustomerGateway) string { return g.CustomerGatewayId },
		nil, hooks[model.CustomerGateway]{
			Refs: func(v *model.CustomerGateway) []ref { return []ref{{"ip", v.IpAddress}} },
		}))
	r.kind(kindOf(kindVpnConnection, "vco-", func(v *model.VpnConnection) string { return v.VpnConnectionId },
		func(v *model.VpnConnection) *string { return &v.Status }, hooks[model.VpnConnection]{
			Refs: func(c *model.VpnConnection) []ref {
				return []ref{{"vpn", c.VpnGatewayId}, {"cgw", c.CustomerGatewayId}}
			},
		}))
}

func vpnOf(r *record) *vpnGatewayRec         { return r.Value.(*vpnGatewayRec) }
func cgwOf(r *record) *model.CustomerGateway { return r.Value.(*model.CustomerGateway) }
func connOf(r *record) *model.VpnConnection  { return r.Value.(*model.VpnConnection) }

// millis is the VPN chapter's time format: epoch milliseconds.
func millis(t time.Time) int64 { return t.UnixMilli() }

func errVpnConfiguring() error { return newErr(400, "VpnGateway.Configuring", vpnConfiguringMsg) }
func errVpnName() error        { return newErr(400, "InvalidName", "The name is not valid") }
func errVpnDescription() error {
	return newErr(400, "InvalidDescription", "The description is not valid")
}
func errDependent(code string) error { return newErr(400, code, dependentObjectsMsg) }

func lookupVpnGateway(c *call, region string) (*record, error) {
	return lookupIn(c, kindVpnGateway, "VpnGatewayId", region, "InvalidVpnGatewayInstanceId.NotFound", vpnGatewayNotFound)
}

// lookupIn finds the record of kind named by param in region, or answers
// 404 code: a finder declared in place.
func lookupIn(c *call, kind, param, region, code, msg string) (*record, error) {
	return finder{kind, param, 404, code, msg}.in(c, region)
}

// checkVpnNameDesc applies rule to Name and the description rule, with the
// VPN chapter's codes.
func checkVpnNameDesc(c *call, rule model.NameRule) error {
	return nameDesc(c, "Name", rule, func(param string, _ error) error {
		if param == "Description" {
			return errVpnDescription()
		}
		return errVpnName()
	})
}

// reconfigure marks the gateway as updating for the settle time.
func reconfigure(c *call, gw *record) {
	transit(c, gw, vpnUpdating, vpnActive)
}

// --- VPN gateways ---

// vpnArgs describe a new VPN gateway.
type vpnArgs struct {
	Vpc, VSwitch                  *record
	Name, Description, ChargeType string // ChargeType: PREPAY | POSTPAY
	Bandwidth, Period, SslConns   int
	Ipsec, Ssl                    bool
	NetworkType                   string
	Tags                          model.Tags
	Status                        string
	Created                       time.Time
}

func newVpnGateway(st *store, a vpnArgs) (*record, bool) {
	region := a.Vpc.Region
	ip, ok := newPublicIP(st, region)
	if !ok {
		return nil, false
	}
	id := st.newID(kindVpnGateway, region)
	g := &vpnGatewayRec{VpnGateway: model.VpnGateway{
		VpnGatewayId: id, Name: a.Name, Description: a.Description, VpcId: a.Vpc.ID, InternetIp: ip,
		Spec: strconv.Itoa(a.Bandwidth) + "M", Status: a.Status, BusinessStatus: "Normal", ChargeType: "Postpay",
		CreateTime: millis(a.Created), IpsecVpn: enableText(a.Ipsec), SslVpn: enableText(a.Ssl),
		GatewayType: "Normal", NetworkType: a.NetworkType, VpnType: "Normal",
		ResourceGroupId: vpcOf(a.Vpc).ResourceGroupId, Tag: "{}", Tags: a.Tags,
	}}
	if g.Name == "" {
		g.Name = id // the documented default
	}
	if a.Ssl {
		g.SslMaxConnections = int64(a.SslConns)
	}
	if a.VSwitch != nil {
		g.VSwitchId = a.VSwitch.ID
	}
	if a.ChargeType == "PREPAY" {
		g.ChargeType = "Prepay"
		g.EndTime = millis(a.Created.AddDate(0, a.Period, 0))
	}
	return st.mustAdd(kindVpnGateway, region, g), true
}

func enableText(b bool) string {
	if b {
		return "enable"
	}
	return "disable"
}

// boolDefault reads an optional boolean with a default.
func boolDefault(c *call, name string, def bool) (bool, error) {
	v, set, err := c.boolParam(name)
	if err != nil || !set {
		return def, err
	}
	return v, nil
}

func createVpnGatewayOp(c *call) (any, error) {
	region, err := needRegion(c, "RegionId", "VpcId", "Bandwidth")
	if err != nil {
		return nil, err
	}
	bw, err := strconv.Atoi(strings.TrimSpace(c.str("Bandwidth")))
	if err != nil || model.CheckVpnGatewayBandwidth(bw) != nil {
		return nil, errInvalidParamMsg("Bandwidth", "must be 5, 10, 20, 50 or 100 (Mbit/s)")
	}
	if err := checkVpnNameDesc(c, model.VpnGatewayName); err != nil {
		return nil, err
	}
	ipsec, err := boolDefault(c, "EnableIpsec", true)
	if err != nil {
		return nil, err
	}
	ssl, err := boolDefault(c, "EnableSsl", false)
	if err != nil {
		return nil, err
	}
	if _, _, err := c.boolParam("AutoPay"); err != nil {
		return nil, err
	}
	sslConns, err := c.intParam("SslConnections", 5, 1, 1000)
	if err != nil {
		return nil, err
	}
	switch sslConns {
	case 5, 10, 20, 50, 100, 200, 500, 1000:
	default:
		return nil, errInvalidParam("SslConnections")
	}
	charge := strings.ToUpper(strings.TrimSpace(c.str("InstanceChargeType")))
	switch charge {
	case "":
		charge = "POSTPAY"
	case "PREPAY", "POSTPAY":
	default:
		return nil, errInvalidParam("InstanceChargeType")
	}
	period := 0
	if charge == "PREPAY" {
		if period, err = c.intParam("Period", 1, 1, 36); err != nil || model.CheckVpnGatewayPeriod(period) != nil {
			return nil, errInvalidParam("Period")
		}
	}
	network, err := oneOfParam(c, "NetworkType", "public", "public", "private")
	if err != nil {
		return nil, err
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	vpc, err := lookupVpc(c, region)
	if err != nil {
		return nil, err
	}
	var sw *record
	if id := strings.TrimSpace(c.str("VSwitchId")); id != "" {
		sw = c.st.find(kindVSwitch, region, id)
		if sw == nil || vswOf(sw).VpcId != vpc.ID {
			return nil, errVSwitchNotFound("The specified virtual switch does not exists.")
		}
	}
	if c.st.status(vpc) != stAvailable {
		return nil, errVpcStatus()
	}
	if sw != nil && c.st.status(sw) != stAvailable {
		return nil, newErr(400, "IncorrectVSwitchStatus", "The current virtual switch status does not support this operation.")
	}
	if sw == nil {
		// The API picks a VSwitch of the VPC when none is given.
		for _, cand := range c.st.children(kindVSwitch, "vpc", vpc.ID) {
			if c.st.status(cand) == stAvailable {
				sw = cand
				break
			}
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec, ok := newVpnGateway(c.st, vpnArgs{
		Vpc: vpc, VSwitch: sw, Name: c.str("Name"), Description: c.str("Description"), ChargeType: charge,
		Bandwidth: bw, Period: period, SslConns: sslConns, Ipsec: ipsec, Ssl: ssl,
		NetworkType: network, Tags: tags, Status: vpnInit, Created: c.now,
	})
	if !ok {
		return nil, newErr(400, "Resource.QuotaFull", "The quota of resource is full")
	}
	c.st.change(rec, func() { vpnOf(rec).ActiveAt = c.due() })
	c.st.schedule(rec, Transition{Due: c.now.Add(c.srv.opts.Settle / 2), Status: vpnProvisioning, Then: "vpn.provisioned"})
	out := M{"VpnGatewayId": rec.ID, "Name": vpnOf(rec).Name}
	if charge == "PREPAY" {
		out["OrderId"] = 300000000000000 + int64(rec.Seq)
	}
	return out, nil
}

func modifyVpnGatewayAttribute(c *call, gw *record) (any, error) {
	// Modify takes the general 2-128 name rule, unlike Create.
	if err := checkVpnNameDesc(c, model.DefaultName); err != nil {
		return nil, err
	}
	prop, propSet, err := c.boolParam("AutoPropagate")
	if err != nil {
		return nil, err
	}
	if err := requireStatus(c, gw, errVpnConfiguring(), vpnActive); err != nil {
		return nil, err
	}
	g := vpnOf(gw)
	if err := commitEdit(c, gw, edits{"Name": &g.Name, "Description": &g.Description}, func() {
		if propSet {
			g.AutoPropagate = prop
		}
	}); err != nil {
		return nil, err
	}
	reconfigure(c, gw)
	return c.st.render(gw), nil
}

func deleteVpnGatewayOp(c *call, gw *record) (any, error) {
	if err := requireStatus(c, gw, errVpnConfiguring(), vpnActive); err != nil {
		return nil, err
	}
	if c.st.count(kindVpnConnection, "vpn", gw.ID) > 0 {
		return nil, errDependent("DependencyViolation")
	}
	if err := c.blocked(kindVpnGateway, gw.ID); err != nil {
		return nil, err
	}
	if c.st.count(kindRouteEntry, "nexthop", gw.ID) > 0 {
		return nil, errDependent("DependencyViolation.RouteEntry")
	}
	if g := vpnOf(gw); g.ChargeType == "Prepay" && g.EndTime > millis(c.now) {
		return nil, newErr(403, "ForbiddenRelease", "Forbidden to release a prepaid instance within validity period")
	}
	return removeLater(c, gw, vpnDeleting, "")
}

var describeVpnGateways = listSpec{
	Kind: kindVpnGateway, Wrapper: "VpnGateways", Item: "VpnGateway",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		if _, err := oneOfParam(c, "Status", "", vpnInit, vpnProvisioning, vpnActive, vpnUpdating, vpnDeleting); err != nil {
			return nil, err
		}
		_, err := oneOfParam(c, "BusinessStatus", "", "Normal", "FinancialLocked")
		return nil, err
	},
	Narrow: []narrow{{"VpcId", "vpc"}},
	Fields: fieldsOf(vpnOf, "VpnGatewayId", "Status", "BusinessStatus", "ResourceGroupId"),
}

// --- Customer gateways ---

func lookupCustomerGateway(c *call, region string) (*record, error) {
	return lookupIn(c, kindCustomerGateway, "CustomerGatewayId", region, "InvalidCustomerGatewayInstanceId.NotFound", cgwNotFoundMsg)
}

// cgwView is what Create/ModifyCustomerGatewayAttribute answer.
func cgwView(g *model.CustomerGateway) M {
	return M{"CustomerGatewayId": g.CustomerGatewayId, "IpAddress": g.IpAddress, "Name": g.Name,
		"Description": g.Description, "CreateTime": g.CreateTime}
}

// cgwArgs describe a new customer gateway.
type cgwArgs struct {
	Region, IP, Name, Description, AuthKey string
	Asn                                    int64
	Tags                                   model.Tags
	Created                                time.Time
}

func newCustomerGateway(st *store, a cgwArgs) *record {
	return st.mustAdd(kindCustomerGateway, a.Region, &model.CustomerGateway{
		CustomerGatewayId: st.newID(kindCustomerGateway, a.Region), Name: a.Name, Description: a.Description, IpAddress: a.IP,
		Asn: a.Asn, AuthKey: a.AuthKey, CreateTime: millis(a.Created), ResourceGroupId: defaultResourceGroup, Tags: a.Tags,
	})
}

func createCustomerGatewayOp(c *call) (any, error) {
	region, err := needRegion(c, "RegionId", "IpAddress")
	if err != nil {
		return nil, err
	}
	ip := strings.TrimSpace(c.str("IpAddress"))
	if model.CheckCustomerGatewayIP(ip) != nil {
		return nil, newErr(400, "InvalidIpAddress.WrongFormat", "Specified IpAddress is invalid.")
	}
	if err := checkVpnNameDesc(c, model.DefaultName); err != nil {
		return nil, err
	}
	var asn int64
	if s := strings.TrimSpace(c.str("Asn")); s != "" {
		n, err := model.ParseASN(s)
		if err == nil {
			err = model.CheckASN(n)
		}
		if err != nil {
			return nil, errInvalidParamMsg("Asn", err.Error())
		}
		asn = n
	}
	if len(c.str("AuthKey")) > 64 {
		return nil, errInvalidParamMsg("AuthKey", "must be at most 64 characters")
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	for _, g := range c.st.children(kindCustomerGateway, "ip", ip) {
		if g.Region == region {
			return nil, newErr(400, "InvalidIpAddress.AlreadyExist", "Specified IpAddress is already exist.")
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := newCustomerGateway(c.st, cgwArgs{Region: region, IP: ip, Name: c.str("Name"), Description: c.str("Description"),
		AuthKey: c.str("AuthKey"), Asn: asn, Tags: tags, Created: c.now})
	return cgwView(cgwOf(rec)), nil
}

func modifyCustomerGatewayAttribute(c *call, rec *record) (any, error) {
	if err := checkVpnNameDesc(c, model.DefaultName); err != nil {
		return nil, err
	}
	if len(c.str("AuthKey")) > 64 {
		return nil, errInvalidParamMsg("AuthKey", "must be at most 64 characters")
	}
	g := cgwOf(rec)
	if err := commitEdit(c, rec, edits{"Name": &g.Name, "Description": &g.Description, "AuthKey": &g.AuthKey}, nil); err != nil {
		return nil, err
	}
	return cgwView(g), nil
}

func deleteCustomerGateway(c *call, rec *record) (any, error) {
	if c.st.count(kindVpnConnection, "cgw", rec.ID) > 0 {
		return nil, errDependent("DependencyViolation")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(rec)
	return nil, nil
}

var describeCustomerGateways = listSpec{
	Kind: kindCustomerGateway, Wrapper: "CustomerGateways", Item: "CustomerGateway",
	Fields: fieldsOf(cgwOf, "CustomerGatewayId", "ResourceGroupId"),
}

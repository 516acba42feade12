package sim

import (
	"encoding/json"
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
	r.write(vpc, "ModifyVpnGatewayAttribute", modifyVpnGatewayAttribute)
	r.write(vpc, "DeleteVpnGateway", deleteVpnGatewayOp)
	r.read(vpc, "DescribeVpnGateways", describeVpnGateways)
	r.read(vpc, "DescribeVpnGateway", describeVpnGateway)
	r.write(vpc, "CreateCustomerGateway", createCustomerGatewayOp)
	r.write(vpc, "ModifyCustomerGatewayAttribute", modifyCustomerGatewayAttribute)
	r.write(vpc, "DeleteCustomerGateway", deleteCustomerGateway)
	r.read(vpc, "DescribeCustomerGateways", describeCustomerGateways)
	r.read(vpc, "DescribeCustomerGateway", describeCustomerGateway)
	r.writeDry(vpc, "CreateVpnConnection", createVpnConnectionOp)
	r.write(vpc, "ModifyVpnConnectionAttribute", modifyVpnConnectionAttribute)
	r.write(vpc, "DeleteVpnConnection", deleteVpnConnection)
	r.read(vpc, "DescribeVpnConnections", describeVpnConnections)
	r.read(vpc, "DescribeVpnConnection", describeVpnConnection)
	r.read(vpc, "DownloadVpnConnectionConfig", downloadVpnConnectionConfig)

	r.block(kindVpc, kindVpnGateway, "DependencyViolation.VpnGateway", "Specified object has dependent resources VpnGateway.")
	r.block(kindVSwitch, kindVpnGateway, "DependencyViolation", dependentObjectsMsg)
	r.followUp("vpn.provisioned", func(st *store, rec *record) {
		st.schedule(rec, Transition{Due: rec.Value.(*vpnGatewayRec).ActiveAt, Status: vpnActive})
	})
}

func vpnKinds(r *registry) {
	r.kind(&kindSpec{
		Name: kindVpnGateway, Prefix: "vpn-", New: func() any { return new(vpnGatewayRec) },
		ID:        func(v any) string { return v.(*vpnGatewayRec).VpnGatewayId },
		Status:    func(v any) string { return v.(*vpnGatewayRec).Status },
		SetStatus: func(v any, s string) { v.(*vpnGatewayRec).Status = s },
		Refs: func(v any) []ref {
			g := v.(*vpnGatewayRec)
			return []ref{{"vpc", g.VpcId}, {"vsw", g.VSwitchId}, {"ip", g.InternetIp}}
		},
		Render: func(st *store, r *record) any {
			v := r.Value.(*vpnGatewayRec).VpnGateway
			return &v
		},
		NextHopType: "VpnGateway",
	})
	r.kind(&kindSpec{
		Name: kindCustomerGateway, Prefix: "cgw-", New: model.NewOf[model.CustomerGateway](),
		ID:   model.Field(func(g *model.CustomerGateway) string { return g.CustomerGatewayId }),
		Refs: func(v any) []ref { return []ref{{"ip", v.(*model.CustomerGateway).IpAddress}} },
	})
	r.kind(&kindSpec{
		Name: kindVpnConnection, Prefix: "vco-", New: model.NewOf[model.VpnConnection](),
		ID:        model.Field(func(v *model.VpnConnection) string { return v.VpnConnectionId }),
		Status:    model.Field(func(v *model.VpnConnection) string { return v.Status }),
		SetStatus: func(v any, s string) { v.(*model.VpnConnection).Status = s },
		Refs: func(v any) []ref {
			c := v.(*model.VpnConnection)
			return []ref{{"vpn", c.VpnGatewayId}, {"cgw", c.CustomerGatewayId}}
		},
	})
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
// 404 code.
func lookupIn(c *call, kind, param, region, code, msg string) (*record, error) {
	if err := c.need(param); err != nil {
		return nil, err
	}
	rec := c.st.find(kind, region, strings.TrimSpace(c.str(param)))
	if rec == nil {
		return nil, newErr(404, code, msg)
	}
	return rec, nil
}

// checkVpnNameDesc applies rule to Name and the description rule, with the
// VPN chapter's codes.
func checkVpnNameDesc(c *call, rule model.NameRule) error {
	if rule.Check(c.str("Name")) != nil {
		return errVpnName()
	}
	if model.CheckDescription(c.str("Description")) != nil {
		return errVpnDescription()
	}
	return nil
}

// reconfigure marks the gateway as updating for the settle time.
func reconfigure(c *call, gw *record) {
	c.st.setStatus(gw, vpnUpdating)
	c.st.schedule(gw, Transition{Due: c.due(), Status: vpnActive})
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
	if err := c.need("RegionId", "VpcId", "Bandwidth"); err != nil {
		return nil, err
	}
	region, err := c.region()
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

func modifyVpnGatewayAttribute(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	gw, err := lookupVpnGateway(c, region)
	if err != nil {
		return nil, err
	}
	// Modify takes the general 2-128 name rule, unlike Create.
	if err := checkVpnNameDesc(c, model.DefaultName); err != nil {
		return nil, err
	}
	prop, propSet, err := c.boolParam("AutoPropagate")
	if err != nil {
		return nil, err
	}
	if c.st.status(gw) != vpnActive {
		return nil, errVpnConfiguring()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	g := vpnOf(gw)
	c.st.change(gw, func() {
		setIf(c, "Name", &g.Name)
		setIf(c, "Description", &g.Description)
		if propSet {
			g.AutoPropagate = prop
		}
	})
	reconfigure(c, gw)
	return c.st.render(gw), nil
}

func deleteVpnGatewayOp(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	gw, err := lookupVpnGateway(c, region)
	if err != nil {
		return nil, err
	}
	if c.st.status(gw) != vpnActive {
		return nil, errVpnConfiguring()
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
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.setStatus(gw, vpnDeleting)
	c.st.schedule(gw, Transition{Due: c.due(), Remove: true})
	return nil, nil
}

func describeVpnGateways(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	if _, err := oneOfParam(c, "Status", "", vpnInit, vpnProvisioning, vpnActive, vpnUpdating, vpnDeleting); err != nil {
		return nil, err
	}
	if _, err := oneOfParam(c, "BusinessStatus", "", "Normal", "FinancialLocked"); err != nil {
		return nil, err
	}
	ix := c.st.inRegion(kindVpnGateway, region)
	var fs []func(*record) bool
	if vpcID := strings.TrimSpace(c.str("VpcId")); vpcID != "" {
		ix = c.st.index(kindVpnGateway, "vpc", vpcID)
		fs = append(fs, func(r *record) bool { return r.Region == region })
	}
	fs = append(fs, fieldFilters(c, func(r *record) *model.VpnGateway { return &vpnOf(r).VpnGateway },
		map[string]func(*model.VpnGateway) string{
			"VpnGatewayId":    func(g *model.VpnGateway) string { return g.VpnGatewayId },
			"Status":          func(g *model.VpnGateway) string { return g.Status },
			"BusinessStatus":  func(g *model.VpnGateway) string { return g.BusinessStatus },
			"ResourceGroupId": func(g *model.VpnGateway) string { return g.ResourceGroupId },
		})...)
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("VpnGateways", "VpnGateway", c.st.renderAll(recs), total, num, size), nil
}

func describeVpnGateway(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	gw, err := lookupVpnGateway(c, region)
	if err != nil {
		return nil, err
	}
	return c.st.render(gw), nil
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
	if err := c.need("RegionId", "IpAddress"); err != nil {
		return nil, err
	}
	region, err := c.region()
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

func modifyCustomerGatewayAttribute(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	rec, err := lookupCustomerGateway(c, region)
	if err != nil {
		return nil, err
	}
	if err := checkVpnNameDesc(c, model.DefaultName); err != nil {
		return nil, err
	}
	if len(c.str("AuthKey")) > 64 {
		return nil, errInvalidParamMsg("AuthKey", "must be at most 64 characters")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	g := cgwOf(rec)
	c.st.change(rec, func() {
		setIf(c, "Name", &g.Name)
		setIf(c, "Description", &g.Description)
		setIf(c, "AuthKey", &g.AuthKey)
	})
	return cgwView(g), nil
}

func deleteCustomerGateway(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	rec, err := lookupCustomerGateway(c, region)
	if err != nil {
		return nil, err
	}
	if c.st.count(kindVpnConnection, "cgw", rec.ID) > 0 {
		return nil, errDependent("DependencyViolation")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(rec)
	return nil, nil
}

func describeCustomerGateways(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	fs := fieldFilters(c, cgwOf, map[string]func(*model.CustomerGateway) string{
		"CustomerGatewayId": func(g *model.CustomerGateway) string { return g.CustomerGatewayId },
		"ResourceGroupId":   func(g *model.CustomerGateway) string { return g.ResourceGroupId },
	})
	recs, total := c.st.inRegion(kindCustomerGateway, region).page(filters(fs...), (num-1)*size, size)
	return paged("CustomerGateways", "CustomerGateway", c.st.renderAll(recs), total, num, size), nil
}

func describeCustomerGateway(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	rec, err := lookupCustomerGateway(c, region)
	if err != nil {
		return nil, err
	}
	return c.st.render(rec), nil
}

// --- IPsec connections ---

// ikeConfigParam is the IkeConfig JSON parameter; nil fields are not given.
// Lifetimes may come as numbers or numeric strings.
type ikeConfigParam struct {
	IkeVersion  *string        `json:"IkeVersion"`
	IkeMode     *string        `json:"IkeMode"`
	IkeEncAlg   *string        `json:"IkeEncAlg"`
	IkeAuthAlg  *string        `json:"IkeAuthAlg"`
	IkePfs      *string        `json:"IkePfs"`
	IkeLifetime *model.FlexInt `json:"IkeLifetime"`
	Psk         *string        `json:"Psk"`
	LocalId     *string        `json:"LocalId"`
	RemoteId    *string        `json:"RemoteId"`
}

type ipsecConfigParam struct {
	IpsecEncAlg   *string        `json:"IpsecEncAlg"`
	IpsecAuthAlg  *string        `json:"IpsecAuthAlg"`
	IpsecPfs      *string        `json:"IpsecPfs"`
	IpsecLifetime *model.FlexInt `json:"IpsecLifetime"`
}

func setStr(dst *string, v *string) {
	if v != nil {
		*dst = *v
	}
}

func setInt(dst *int64, v *model.FlexInt) {
	if v != nil {
		*dst = int64(*v)
	}
}

// ikeConfig applies the IkeConfig parameter over base and validates the
// result with the model rule. Errors never quote the parameter: it may
// carry the pre-shared key.
func ikeConfig(c *call, base model.IkeConfig) (model.IkeConfig, error) {
	s := strings.TrimSpace(c.str("IkeConfig"))
	if s == "" {
		return base, nil
	}
	var p ikeConfigParam
	if json.Unmarshal([]byte(s), &p) != nil {
		return base, errInvalidParamMsg("IkeConfig", "it must be a JSON object")
	}
	out := base
	setStr(&out.IkeVersion, p.IkeVersion)
	setStr(&out.IkeMode, p.IkeMode)
	setStr(&out.IkeEncAlg, p.IkeEncAlg)
	setStr(&out.IkeAuthAlg, p.IkeAuthAlg)
	setStr(&out.IkePfs, p.IkePfs)
	setInt(&out.IkeLifetime, p.IkeLifetime)
	setStr(&out.Psk, p.Psk)
	setStr(&out.LocalId, p.LocalId)
	setStr(&out.RemoteId, p.RemoteId)
	if err := model.CheckIkeConfig(out); err != nil {
		return base, errInvalidParamMsg("IkeConfig", err.Error())
	}
	return out, nil
}

func ipsecConfig(c *call, base model.IpsecConfig) (model.IpsecConfig, error) {
	s := strings.TrimSpace(c.str("IpsecConfig"))
	if s == "" {
		return base, nil
	}
	var p ipsecConfigParam
	if json.Unmarshal([]byte(s), &p) != nil {
		return base, errInvalidParamMsg("IpsecConfig", "it must be a JSON object")
	}
	out := base
	setStr(&out.IpsecEncAlg, p.IpsecEncAlg)
	setStr(&out.IpsecAuthAlg, p.IpsecAuthAlg)
	setStr(&out.IpsecPfs, p.IpsecPfs)
	setInt(&out.IpsecLifetime, p.IpsecLifetime)
	if err := model.CheckIpsecConfig(out); err != nil {
		return base, errInvalidParamMsg("IpsecConfig", err.Error())
	}
	return out, nil
}

// defaultIke is a new connection's phase 1 before IkeConfig: the API's
// defaults, a generated key, and the two gateways' addresses as identities.
func defaultIke(st *store, localIP, remoteIP string) model.IkeConfig {
	psk := make([]byte, pskLength)
	for i := range psk {
		psk[i] = pskAlphabet[st.rng.IntN(len(pskAlphabet))]
	}
	return model.IkeConfig{IkeVersion: "ikev1", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group2",
		IkeLifetime: defaultSALifetime, Psk: string(psk), LocalId: localIP, RemoteId: remoteIP}
}

func defaultIpsec() model.IpsecConfig {
	return model.IpsecConfig{IpsecEncAlg: "aes", IpsecAuthAlg: "sha1", IpsecPfs: "group2", IpsecLifetime: defaultSALifetime}
}

// subnetParam validates LocalSubnet / RemoteSubnet (model.CheckSubnetList).
func subnetParam(c *call, name string) (string, error) {
	s := strings.TrimSpace(c.str(name))
	if model.CheckSubnetList(name, s) != nil {
		return "", errf(400, "IllegalParam."+name, "The specified %q (%s) is invalid.", name, s)
	}
	parts := strings.Split(s, ",")
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return strings.Join(parts, ","), nil
}

// connArgs describe a new IPsec connection.
type connArgs struct {
	Gateway, Customer         *record
	Name, Local, Remote       string
	Immediate, Dpd, Traversal bool
	Ike                       model.IkeConfig
	Ipsec                     model.IpsecConfig
	Status                    string
	Created                   time.Time
}

func newVpnConnection(st *store, a connArgs) *record {
	g := vpnOf(a.Gateway)
	v := &model.VpnConnection{
		VpnConnectionId: st.newID(kindVpnConnection, a.Gateway.Region), Name: a.Name, VpnGatewayId: a.Gateway.ID,
		CustomerGatewayId: a.Customer.ID, LocalSubnet: a.Local, RemoteSubnet: a.Remote, Status: a.Status,
		State: "active", CreateTime: millis(a.Created), EffectImmediately: a.Immediate, EnableDpd: a.Dpd,
		EnableNatTraversal: a.Traversal, NetworkType: g.NetworkType, InternetIp: g.InternetIp,
		AttachType: "VPNGW", ResourceGroupId: g.ResourceGroupId, IkeConfig: a.Ike, IpsecConfig: a.Ipsec,
	}
	return st.mustAdd(kindVpnConnection, a.Gateway.Region, v)
}

func createVpnConnectionOp(c *call) (any, error) {
	if err := c.need("RegionId", "VpnGatewayId", "CustomerGatewayId", "LocalSubnet", "RemoteSubnet"); err != nil {
		return nil, err
	}
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	if model.DefaultName.Check(c.str("Name")) != nil {
		return nil, errVpnName()
	}
	local, err := subnetParam(c, "LocalSubnet")
	if err != nil {
		return nil, err
	}
	remote, err := subnetParam(c, "RemoteSubnet")
	if err != nil {
		return nil, err
	}
	immediate, err := boolDefault(c, "EffectImmediately", false)
	if err != nil {
		return nil, err
	}
	dpd, err := boolDefault(c, "EnableDpd", true)
	if err != nil {
		return nil, err
	}
	traversal, err := boolDefault(c, "EnableNatTraversal", true)
	if err != nil {
		return nil, err
	}
	gw, err := lookupVpnGateway(c, region)
	if err != nil {
		return nil, err
	}
	cgw, err := lookupCustomerGateway(c, region)
	if err != nil {
		return nil, err
	}
	ike, err := ikeConfig(c, defaultIke(c.st, vpnOf(gw).InternetIp, cgwOf(cgw).IpAddress))
	if err != nil {
		return nil, err
	}
	ipsec, err := ipsecConfig(c, defaultIpsec())
	if err != nil {
		return nil, err
	}
	if c.st.status(gw) != vpnActive {
		return nil, errVpnConfiguring()
	}
	for _, other := range c.st.children(kindVpnConnection, "vpn", gw.ID) {
		if connOf(other).CustomerGatewayId == cgw.ID {
			return nil, newErr(400, "InvalidVpnConnection.AlreadyExists", "Vpn connection already exists.")
		}
	}
	if c.st.count(kindVpnConnection, "vpn", gw.ID) >= maxConnsPerGateway {
		return nil, newErr(400, "Resource.QuotaFull", "The quota of resource is full")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := newVpnConnection(c.st, connArgs{
		Gateway: gw, Customer: cgw, Name: c.str("Name"), Local: local, Remote: remote, Immediate: immediate,
		Dpd: dpd, Traversal: traversal, Ike: ike, Ipsec: ipsec, Status: ikeNotEstablished, Created: c.now,
	})
	if immediate {
		c.st.schedule(rec, Transition{Due: c.due(), Status: ipsecEstablished})
	}
	reconfigure(c, gw)
	v := connOf(rec)
	return M{"VpnConnectionId": v.VpnConnectionId, "Name": v.Name, "CreateTime": v.CreateTime}, nil
}

func lookupConnection(c *call, region string) (conn, gw *record, err error) {
	conn, err = lookupIn(c, kindVpnConnection, "VpnConnectionId", region, "InvalidVpnConnectionInstanceId.NotFound", connectionNotFound)
	if err != nil {
		return nil, nil, err
	}
	gw = c.st.find(kindVpnGateway, "", connOf(conn).VpnGatewayId)
	if gw == nil {
		// Unreachable through the API: a gateway with connections
		// cannot be deleted.
		return nil, nil, errInternal()
	}
	return conn, gw, nil
}

func modifyVpnConnectionAttribute(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	conn, gw, err := lookupConnection(c, region)
	if err != nil {
		return nil, err
	}
	if model.DefaultName.Check(c.str("Name")) != nil {
		return nil, errVpnName()
	}
	v := connOf(conn)
	local, remote := v.LocalSubnet, v.RemoteSubnet
	if c.has("LocalSubnet") {
		if local, err = subnetParam(c, "LocalSubnet"); err != nil {
			return nil, err
		}
	}
	if c.has("RemoteSubnet") {
		if remote, err = subnetParam(c, "RemoteSubnet"); err != nil {
			return nil, err
		}
	}
	immediate, err := boolDefault(c, "EffectImmediately", v.EffectImmediately)
	if err != nil {
		return nil, err
	}
	dpd, err := boolDefault(c, "EnableDpd", v.EnableDpd)
	if err != nil {
		return nil, err
	}
	traversal, err := boolDefault(c, "EnableNatTraversal", v.EnableNatTraversal)
	if err != nil {
		return nil, err
	}
	ike, err := ikeConfig(c, v.IkeConfig)
	if err != nil {
		return nil, err
	}
	ipsec, err := ipsecConfig(c, v.IpsecConfig)
	if err != nil {
		return nil, err
	}
	if c.st.status(gw) != vpnActive {
		return nil, errVpnConfiguring()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(conn, func() {
		setIf(c, "Name", &v.Name)
		v.LocalSubnet, v.RemoteSubnet, v.EffectImmediately, v.EnableDpd, v.EnableNatTraversal = local, remote, immediate, dpd, traversal
		v.IkeConfig, v.IpsecConfig = ike, ipsec
	})
	if immediate {
		// Renegotiates at once: the tunnel drops and comes back.
		c.st.setStatus(conn, ikeNotEstablished)
		c.st.schedule(conn, Transition{Due: c.due(), Status: ipsecEstablished})
	}
	reconfigure(c, gw)
	return c.st.render(conn), nil
}

func deleteVpnConnection(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	conn, gw, err := lookupConnection(c, region)
	if err != nil {
		return nil, err
	}
	if c.st.status(gw) != vpnActive {
		return nil, errVpnConfiguring()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(conn)
	reconfigure(c, gw)
	return nil, nil
}

func describeVpnConnections(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	ix := c.st.inRegion(kindVpnConnection, region)
	var fs []func(*record) bool
	switch gw, cgw := strings.TrimSpace(c.str("VpnGatewayId")), strings.TrimSpace(c.str("CustomerGatewayId")); {
	case gw != "":
		ix = c.st.index(kindVpnConnection, "vpn", gw)
	case cgw != "":
		ix = c.st.index(kindVpnConnection, "cgw", cgw)
	}
	fs = append(fs, func(r *record) bool { return r.Region == region })
	fs = append(fs, fieldFilters(c, connOf, map[string]func(*model.VpnConnection) string{
		"VpnGatewayId":      func(v *model.VpnConnection) string { return v.VpnGatewayId },
		"CustomerGatewayId": func(v *model.VpnConnection) string { return v.CustomerGatewayId },
		"VpnConnectionId":   func(v *model.VpnConnection) string { return v.VpnConnectionId },
		"ResourceGroupId":   func(v *model.VpnConnection) string { return v.ResourceGroupId },
	})...)
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("VpnConnections", "VpnConnection", c.st.renderAll(recs), total, num, size), nil
}

func describeVpnConnection(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	conn, _, err := lookupConnection(c, region)
	if err != nil {
		return nil, err
	}
	return c.st.render(conn), nil
}

// downloadVpnConnectionConfig answers the configuration for the customer
// side: there Local is the customer gateway and Remote the VPN gateway.
func downloadVpnConnectionConfig(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	conn, gw, err := lookupConnection(c, region)
	if err != nil {
		return nil, err
	}
	v := connOf(conn)
	remote := vpnOf(gw).InternetIp
	local := ""
	if cgw := c.st.find(kindCustomerGateway, "", v.CustomerGatewayId); cgw != nil {
		local = cgwOf(cgw).IpAddress
	}
	ike := v.IkeConfig
	ike.LocalId, ike.RemoteId = v.IkeConfig.RemoteId, v.IkeConfig.LocalId
	return M{"VpnConnectionConfig": M{
		"Local": local, "Remote": remote, "LocalSubnet": v.RemoteSubnet, "RemoteSubnet": v.LocalSubnet,
		"IkeConfig": ike, "IpsecConfig": v.IpsecConfig,
	}}, nil
}

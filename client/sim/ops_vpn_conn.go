package sim

import (
	"encoding/json"
	"reflect"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

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

// The JSON parameters laid over the current configuration.
var (
	ikeOverlay   = overlayOf[ikeConfigParam, model.IkeConfig]()
	ipsecOverlay = overlayOf[ipsecConfigParam, model.IpsecConfig]()
)

// overlayOf declares a JSON object parameter P laid over values of T:
// each field of P (a pointer, nil when not given) replaces the field of T
// of the same name. A field of P with no such field its value converts to
// is a mistake in the declaration, found when the package is initialised.
func overlayOf[P, T any]() func(p *P, out *T) {
	pt, tt := reflect.TypeFor[P](), reflect.TypeFor[T]()
	var pairs [][2]int
	for i := range pt.NumField() {
		f := pt.Field(i)
		g, ok := tt.FieldByName(f.Name)
		if !ok || len(g.Index) != 1 || f.Type.Kind() != reflect.Pointer || !f.Type.Elem().ConvertibleTo(g.Type) {
			panic("sim: " + pt.Name() + "." + f.Name + " has no field to set in " + tt.Name())
		}
		pairs = append(pairs, [2]int{i, g.Index[0]})
	}
	return func(p *P, out *T) {
		pv, ov := reflect.ValueOf(p).Elem(), reflect.ValueOf(out).Elem()
		for _, x := range pairs {
			if f := pv.Field(x[0]); !f.IsNil() {
				dst := ov.Field(x[1])
				dst.Set(f.Elem().Convert(dst.Type()))
			}
		}
	}
}

// jsonParam reads the JSON object parameter name over base: apply copies
// what it gives, check validates the result with the model rule. Errors
// never quote the parameter: IkeConfig carries the pre-shared key.
func jsonParam[P, T any](c *call, name string, base T, apply func(p *P, out *T), check func(T) error) (T, error) {
	s := strings.TrimSpace(c.str(name))
	if s == "" {
		return base, nil
	}
	var p P
	if json.Unmarshal([]byte(s), &p) != nil {
		return base, errInvalidParamMsg(name, "it must be a JSON object")
	}
	out := base
	apply(&p, &out)
	if err := check(out); err != nil {
		return base, errInvalidParamMsg(name, err.Error())
	}
	return out, nil
}

// ikeConfig applies the IkeConfig parameter over base.
func ikeConfig(c *call, base model.IkeConfig) (model.IkeConfig, error) {
	return jsonParam(c, "IkeConfig", base, ikeOverlay, model.CheckIkeConfig)
}

func ipsecConfig(c *call, base model.IpsecConfig) (model.IpsecConfig, error) {
	return jsonParam(c, "IpsecConfig", base, ipsecOverlay, model.CheckIpsecConfig)
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
	Gateway, Customer *record
	Name              string
	connOptions
	Ike     model.IkeConfig
	Ipsec   model.IpsecConfig
	Status  string
	Created time.Time
}

// connOptions are the settings CreateVpnConnection and
// ModifyVpnConnectionAttribute both take.
type connOptions struct {
	Local, Remote             string
	Immediate, Dpd, Traversal bool
}

// read replaces each setting the request gives: the subnets, then the
// three switches.
func (o connOptions) read(c *call) (connOptions, error) {
	for _, p := range []struct {
		name string
		dst  *string
	}{{"LocalSubnet", &o.Local}, {"RemoteSubnet", &o.Remote}} {
		if !c.has(p.name) {
			continue
		}
		v, err := subnetParam(c, p.name)
		if err != nil {
			return o, err
		}
		*p.dst = v
	}
	for _, p := range []struct {
		name string
		dst  *bool
	}{{"EffectImmediately", &o.Immediate}, {"EnableDpd", &o.Dpd}, {"EnableNatTraversal", &o.Traversal}} {
		v, err := boolDefault(c, p.name, *p.dst)
		if err != nil {
			return o, err
		}
		*p.dst = v
	}
	return o, nil
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
	region, err := needRegion(c, "RegionId", "VpnGatewayId", "CustomerGatewayId", "LocalSubnet", "RemoteSubnet")
	if err != nil {
		return nil, err
	}
	if model.DefaultName.Check(c.str("Name")) != nil {
		return nil, errVpnName()
	}
	opts, err := connOptions{Dpd: true, Traversal: true}.read(c)
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
	if err := requireStatus(c, gw, errVpnConfiguring(), vpnActive); err != nil {
		return nil, err
	}
	for _, other := range c.st.children(kindVpnConnection, "vpn", gw.ID) {
		if connOf(other).CustomerGatewayId == cgw.ID {
			return nil, newErr(400, "InvalidVpnConnection.AlreadyExists", "Vpn connection already exists.")
		}
	}
	if err := commitUnder(c, kindVpnConnection, "vpn", gw.ID, maxConnsPerGateway,
		newErr(400, "Resource.QuotaFull", "The quota of resource is full")); err != nil {
		return nil, err
	}
	rec := newVpnConnection(c.st, connArgs{
		Gateway: gw, Customer: cgw, Name: c.str("Name"), connOptions: opts, Ike: ike, Ipsec: ipsec,
		Status: ikeNotEstablished, Created: c.now,
	})
	if opts.Immediate {
		c.st.schedule(rec, Transition{Due: c.due(), Status: ipsecEstablished})
	}
	reconfigure(c, gw)
	v := connOf(rec)
	return M{"VpnConnectionId": v.VpnConnectionId, "Name": v.Name, "CreateTime": v.CreateTime}, nil
}

// onConn builds a handler for an operation on one IPsec connection and
// its VPN gateway.
func onConn(fn func(c *call, conn, gw *record) (any, error)) func(*call) (any, error) {
	return on(connFinder.in, func(c *call, conn *record) (any, error) {
		gw := c.st.find(kindVpnGateway, "", connOf(conn).VpnGatewayId)
		if gw == nil {
			// Unreachable through the API: a gateway with connections
			// cannot be deleted.
			return nil, errInternal()
		}
		return fn(c, conn, gw)
	})
}

var connFinder = finder{kindVpnConnection, "VpnConnectionId", 404, "InvalidVpnConnectionInstanceId.NotFound", connectionNotFound}

func modifyVpnConnectionAttribute(c *call, conn, gw *record) (any, error) {
	if model.DefaultName.Check(c.str("Name")) != nil {
		return nil, errVpnName()
	}
	v := connOf(conn)
	o, err := connOptions{v.LocalSubnet, v.RemoteSubnet, v.EffectImmediately, v.EnableDpd, v.EnableNatTraversal}.read(c)
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
	if err := requireStatus(c, gw, errVpnConfiguring(), vpnActive); err != nil {
		return nil, err
	}
	if err := commitEdit(c, conn, edits{"Name": &v.Name}, func() {
		v.LocalSubnet, v.RemoteSubnet, v.EffectImmediately, v.EnableDpd, v.EnableNatTraversal = o.Local, o.Remote, o.Immediate, o.Dpd, o.Traversal
		v.IkeConfig, v.IpsecConfig = ike, ipsec
	}); err != nil {
		return nil, err
	}
	if o.Immediate {
		// Renegotiates at once: the tunnel drops and comes back.
		transit(c, conn, ikeNotEstablished, ipsecEstablished)
	}
	reconfigure(c, gw)
	return c.st.render(conn), nil
}

func deleteVpnConnection(c *call, conn, gw *record) (any, error) {
	if err := requireStatus(c, gw, errVpnConfiguring(), vpnActive); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(conn)
	reconfigure(c, gw)
	return nil, nil
}

var describeVpnConnections = listSpec{
	Kind: kindVpnConnection, Wrapper: "VpnConnections", Item: "VpnConnection",
	Narrow: []narrow{{"VpnGatewayId", "vpn"}, {"CustomerGatewayId", "cgw"}},
	Fields: fieldsOf(connOf, "VpnGatewayId", "CustomerGatewayId", "VpnConnectionId", "ResourceGroupId"),
}

// downloadVpnConnectionConfig answers the configuration for the customer
// side: there Local is the customer gateway and Remote the VPN gateway.
func downloadVpnConnectionConfig(c *call, conn, gw *record) (any, error) {
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

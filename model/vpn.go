package model

// Times in the VPN family (CreateTime, EndTime) are epoch milliseconds, not
// ISO strings; columns render them with MillisTime.

// VpnGateway is an item of DescribeVpnGateways (VpnGateways.VpnGateway).
type VpnGateway struct {
	VpnGatewayId               string `json:"VpnGatewayId"`
	Name                       string `json:"Name"`
	Description                string `json:"Description"`
	VpcId                      string `json:"VpcId"`
	VSwitchId                  string `json:"VSwitchId"`
	DisasterRecoveryVSwitchId  string `json:"DisasterRecoveryVSwitchId"`
	InternetIp                 string `json:"InternetIp"`
	DisasterRecoveryInternetIp string `json:"DisasterRecoveryInternetIp"`
	SslVpnInternetIp           string `json:"SslVpnInternetIp"`
	Spec                       string `json:"Spec"`   // bandwidth, e.g. "5M"
	Status                     string `json:"Status"` // init | provisioning | active | updating | deleting
	BusinessStatus             string `json:"BusinessStatus"`
	ChargeType                 string `json:"ChargeType"`
	CreateTime                 int64  `json:"CreateTime"` // epoch ms
	EndTime                    int64  `json:"EndTime"`    // epoch ms
	IpsecVpn                   string `json:"IpsecVpn"`   // enable | disable
	SslVpn                     string `json:"SslVpn"`     // enable | disable
	SslMaxConnections          int64  `json:"SslMaxConnections"`
	EnableBgp                  bool   `json:"EnableBgp"`
	AutoPropagate              bool   `json:"AutoPropagate"`
	GatewayType                string `json:"GatewayType"`
	NetworkType                string `json:"NetworkType"` // public | private
	VpnType                    string `json:"VpnType"`
	ResourceGroupId            string `json:"ResourceGroupId"`
	Tag                        string `json:"Tag"` // system labels, a JSON string
	EniInstanceIds             struct {
		EniInstanceId Strings `json:"EniInstanceId"`
	} `json:"EniInstanceIds"`
	Tags Tags `json:"Tags"`
}

// VpnGatewayAttribute is the body of DescribeVpnGateway: the same fields as a
// list item, at the top level.
type VpnGatewayAttribute = VpnGateway

// CustomerGateway is an item of DescribeCustomerGateways
// (CustomerGateways.CustomerGateway) and the body of DescribeCustomerGateway.
// AuthKey is a secret.
type CustomerGateway struct {
	CustomerGatewayId string `json:"CustomerGatewayId"`
	Name              string `json:"Name"`
	Description       string `json:"Description"`
	IpAddress         string `json:"IpAddress"`
	Asn               int64  `json:"Asn"`
	AuthKey           string `json:"AuthKey"` // secret
	CreateTime        int64  `json:"CreateTime"`
	ResourceGroupId   string `json:"ResourceGroupId"`
	Tags              Tags   `json:"Tags"`
}

// IkeConfig is an IPsec connection's phase-1 configuration. Psk is a secret.
type IkeConfig struct {
	IkeVersion  string `json:"IkeVersion"` // ikev1 | ikev2
	IkeMode     string `json:"IkeMode"`    // main | aggressive
	IkeEncAlg   string `json:"IkeEncAlg"`
	IkeAuthAlg  string `json:"IkeAuthAlg"`
	IkePfs      string `json:"IkePfs"`
	IkeLifetime int64  `json:"IkeLifetime"`
	Psk         string `json:"Psk"` // secret
	LocalId     string `json:"LocalId"`
	RemoteId    string `json:"RemoteId"`
}

// IpsecConfig is an IPsec connection's phase-2 configuration.
type IpsecConfig struct {
	IpsecEncAlg   string `json:"IpsecEncAlg"`
	IpsecAuthAlg  string `json:"IpsecAuthAlg"`
	IpsecPfs      string `json:"IpsecPfs"`
	IpsecLifetime int64  `json:"IpsecLifetime"`
}

// VpnConnection is an IPsec connection, an item of DescribeVpnConnections
// (VpnConnections.VpnConnection) and the body of DescribeVpnConnection.
// Its tags come in a wrapper named "Tag", not "Tags".
type VpnConnection struct {
	VpnConnectionId    string      `json:"VpnConnectionId"`
	Name               string      `json:"Name"`
	VpnGatewayId       string      `json:"VpnGatewayId"`
	CustomerGatewayId  string      `json:"CustomerGatewayId"`
	LocalSubnet        string      `json:"LocalSubnet"`  // comma-separated CIDRs
	RemoteSubnet       string      `json:"RemoteSubnet"` // comma-separated CIDRs
	Status             string      `json:"Status"`       // ike_sa_not_established | ike_sa_established | ipsec_sa_not_established | ipsec_sa_established
	State              string      `json:"State"`
	CreateTime         int64       `json:"CreateTime"` // epoch ms
	EffectImmediately  bool        `json:"EffectImmediately"`
	EnableDpd          bool        `json:"EnableDpd"`
	EnableNatTraversal bool        `json:"EnableNatTraversal"`
	EnableTunnelsBgp   bool        `json:"EnableTunnelsBgp"`
	NetworkType        string      `json:"NetworkType"`
	InternetIp         string      `json:"InternetIp"`
	Spec               string      `json:"Spec"`
	AttachType         string      `json:"AttachType"`
	AttachInstanceId   string      `json:"AttachInstanceId"`
	TransitRouterId    string      `json:"TransitRouterId"`
	TransitRouterName  string      `json:"TransitRouterName"`
	ResourceGroupId    string      `json:"ResourceGroupId"`
	IkeConfig          IkeConfig   `json:"IkeConfig"`
	IpsecConfig        IpsecConfig `json:"IpsecConfig"`
	Tag                Tags        `json:"Tag"`
}

// SecretFields returns the JSON names of fields that hold secrets (pre-shared
// keys, BGP authentication keys, SSL-VPN client keys and the client
// configurations that embed them). The API returns them in clear text; the
// UI masks them and logs must redact them.
func SecretFields() []string {
	return []string{"Psk", "AuthKey", "ClientKey", "ClientConfig"}
}

// IsSecretField reports whether a JSON field name holds a secret.
func IsSecretField(name string) bool {
	for _, s := range SecretFields() {
		if s == name {
			return true
		}
	}
	return false
}

func vpnKind() *Kind {
	return &Kind{
		Name: "vpn", Aliases: []string{"vpngw", "vpngateway", "vpngateways", "vpns"}, Title: "VPN Gateways", Singular: "VPN gateway", Order: 50,
		List: ListSpec{Product: ProductVPC, Action: "DescribeVpnGateways", Path: "VpnGateways.VpnGateway", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeVpnGateway", IDParam: "VpnGatewayId", IDField: "VpnGatewayId",
			NotFound: []string{"InvalidVpnGatewayInstanceId.NotFound", "InvalidVpnGatewayId.NotFound"}},
		Scopes: []Scope{{Parent: "vpc", Param: "VpcId"}},
		New:    NewOf[VpnGateway](), ID: Field(func(v *VpnGateway) string { return v.VpnGatewayId }),
		NameOf: Field(func(v *VpnGateway) string { return v.Name }),
		Status: Field(func(v *VpnGateway) string { return v.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(v *VpnGateway) string { return v.VpnGatewayId }),
			Col("Name", 20, StylePlain, func(v *VpnGateway) string { return v.Name }),
			Col("Status", 12, StyleStatus, func(v *VpnGateway) string { return v.Status }),
			Col("VPC", 26, StyleID, func(v *VpnGateway) string { return v.VpcId }),
			Col("Spec", 6, StylePlain, func(v *VpnGateway) string { return v.Spec }),
			Col("Public IP", 16, StyleCIDR, func(v *VpnGateway) string { return v.InternetIp }),
			Col("IPsec", 7, StylePlain, func(v *VpnGateway) string { return v.IpsecVpn }),
			Col("SSL", 7, StylePlain, func(v *VpnGateway) string { return v.SslVpn }),
			Col("VSwitch", 26, StyleID, func(v *VpnGateway) string { return v.VSwitchId }),
			Col("Billing", 9, StylePlain, func(v *VpnGateway) string { return v.ChargeType }),
			regionColumn(),
			Col("Created", 20, StyleTime, func(v *VpnGateway) string { return MillisTime(v.CreateTime) }),
			Col("Expires", 20, StyleTime, func(v *VpnGateway) string { return MillisTime(v.EndTime) }),
			Col("Description", 24, StylePlain, func(v *VpnGateway) string { return v.Description }),
		},
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"active"},
			PhaseTransitional: {"init", "provisioning", "updating", "deleting"},
		}),
		Target: []string{"active"}, TrackTimeoutMinutes: 15,
	}
}

// cgwKind: customer gateways have no status; they are plain records.
func cgwKind() *Kind {
	return &Kind{
		Name: "cgw", Aliases: []string{"customergateway", "customergateways", "cgws"}, Title: "Customer Gateways", Singular: "Customer gateway", Order: 51,
		List: ListSpec{Product: ProductVPC, Action: "DescribeCustomerGateways", Path: "CustomerGateways.CustomerGateway", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeCustomerGateway", IDParam: "CustomerGatewayId", IDField: "CustomerGatewayId",
			NotFound: []string{"InvalidCustomerGatewayInstanceId.NotFound"}},
		New: NewOf[CustomerGateway](), ID: Field(func(c *CustomerGateway) string { return c.CustomerGatewayId }),
		NameOf: Field(func(c *CustomerGateway) string { return c.Name }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(c *CustomerGateway) string { return c.CustomerGatewayId }),
			Col("Name", 20, StylePlain, func(c *CustomerGateway) string { return c.Name }),
			Col("IP", 16, StyleCIDR, func(c *CustomerGateway) string { return c.IpAddress }),
			Col("ASN", 10, StyleNumber, func(c *CustomerGateway) string {
				if c.Asn == 0 {
					return ""
				}
				return Itoa(c.Asn)
			}),
			Col("Created", 20, StyleTime, func(c *CustomerGateway) string { return MillisTime(c.CreateTime) }),
			Col("Description", 24, StylePlain, func(c *CustomerGateway) string { return c.Description }),
		},
		SortBy: "Name",
	}
}

// ipsecKind: a fresh connection with EffectImmediately=false stays
// ike_sa_not_established until traffic arrives, so no status is
// transitional; the not-established states read as failed.
func ipsecKind() *Kind {
	return &Kind{
		Name: "ipsec", Aliases: []string{"vpnconnection", "vpnconnections", "vco", "ipsecs"}, Title: "IPsec Connections", Singular: "IPsec connection", Order: 52,
		List: ListSpec{Product: ProductVPC, Action: "DescribeVpnConnections", Path: "VpnConnections.VpnConnection", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeVpnConnection", IDParam: "VpnConnectionId", IDField: "VpnConnectionId",
			NotFound: []string{"InvalidVpnConnectionInstanceId.NotFound"}},
		Scopes: []Scope{
			{Parent: "vpn", Param: "VpnGatewayId"},
			{Parent: "cgw", Param: "CustomerGatewayId"},
		},
		New: NewOf[VpnConnection](), ID: Field(func(c *VpnConnection) string { return c.VpnConnectionId }),
		NameOf: Field(func(c *VpnConnection) string { return c.Name }),
		Status: Field(func(c *VpnConnection) string { return c.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(c *VpnConnection) string { return c.VpnConnectionId }),
			Col("Name", 18, StylePlain, func(c *VpnConnection) string { return c.Name }),
			Col("Status", 24, StyleStatus, func(c *VpnConnection) string { return c.Status }),
			Col("VPN Gateway", 26, StyleID, func(c *VpnConnection) string { return c.VpnGatewayId }),
			Col("Customer Gateway", 26, StyleID, func(c *VpnConnection) string { return c.CustomerGatewayId }),
			Col("Local Subnet", 20, StyleCIDR, func(c *VpnConnection) string { return c.LocalSubnet }),
			Col("Remote Subnet", 20, StyleCIDR, func(c *VpnConnection) string { return c.RemoteSubnet }),
			Col("IKE", 6, StylePlain, func(c *VpnConnection) string { return c.IkeConfig.IkeVersion }),
			Col("Immediate", 9, StylePlain, func(c *VpnConnection) string { return BoolText(c.EffectImmediately) }),
			Col("Created", 20, StyleTime, func(c *VpnConnection) string { return MillisTime(c.CreateTime) }),
		},
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:    {"ipsec_sa_established"},
			PhaseInactive: {"ike_sa_established"},
			PhaseFailed:   {"ike_sa_not_established", "ipsec_sa_not_established"},
		}),
		Target: []string{"ipsec_sa_established"}, TrackTimeoutMinutes: 5,
	}
}

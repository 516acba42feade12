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
	return typed[VpnGateway](&Kind{
		Name: "vpn", Aliases: []string{"vpngw", "vpngateway", "vpngateways", "vpns"}, Title: "VPN Gateways", Singular: "VPN gateway", Order: 50,
		List:   pageList(ProductVPC, "DescribeVpnGateways", "VpnGateways.VpnGateway"),
		Get:    attrGet(ProductVPC, "DescribeVpnGateway", "VpnGatewayId", "InvalidVpnGatewayInstanceId.NotFound", "InvalidVpnGatewayId.NotFound"),
		Scopes: []Scope{{Parent: "vpc", Param: "VpcId"}},
		Columns: cols(
			"ID 26 id VpnGatewayId", "Name 20", "Status 12 status", "VPC 26 id VpcId", "Spec 6",
			"Public IP 16 cidr InternetIp", "IPsec 7 IpsecVpn", "SSL 7 SslVpn", "VSwitch 26 id VSwitchId",
			"Billing 9 ChargeType", regionColumn(), "Created 20 time CreateTime", "Expires 20 time EndTime",
			"Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"active"},
			PhaseTransitional: {"init", "provisioning", "updating", "deleting"},
		}),
		Target: []string{"active"}, TrackTimeoutMinutes: 15,
	})
}

// cgwKind: customer gateways have no status; they are plain records.
func cgwKind() *Kind {
	return typed[CustomerGateway](&Kind{
		Name: "cgw", Aliases: []string{"customergateway", "customergateways", "cgws"}, Title: "Customer Gateways", Singular: "Customer gateway", Order: 51,
		List: pageList(ProductVPC, "DescribeCustomerGateways", "CustomerGateways.CustomerGateway"),
		Get:  attrGet(ProductVPC, "DescribeCustomerGateway", "CustomerGatewayId", "InvalidCustomerGatewayInstanceId.NotFound"),
		Columns: cols(
			"ID 26 id CustomerGatewayId", "Name 20", "IP 16 cidr IpAddress",
			Col("ASN", 10, StyleNumber, func(c *CustomerGateway) string {
				if c.Asn == 0 {
					return ""
				}
				return Itoa(c.Asn)
			}),
			"Created 20 time CreateTime", "Description 24",
		),
		SortBy: "Name",
	})
}

// ipsecKind: a fresh connection with EffectImmediately=false stays
// ike_sa_not_established until traffic arrives, so no status is
// transitional; the not-established states read as failed.
func ipsecKind() *Kind {
	return typed[VpnConnection](&Kind{
		Name: "ipsec", Aliases: []string{"vpnconnection", "vpnconnections", "vco", "ipsecs"}, Title: "IPsec Connections", Singular: "IPsec connection", Order: 52,
		List: pageList(ProductVPC, "DescribeVpnConnections", "VpnConnections.VpnConnection"),
		Get:  attrGet(ProductVPC, "DescribeVpnConnection", "VpnConnectionId", "InvalidVpnConnectionInstanceId.NotFound"),
		Scopes: []Scope{
			{Parent: "vpn", Param: "VpnGatewayId"},
			{Parent: "cgw", Param: "CustomerGatewayId"},
		},
		Columns: cols(
			"ID 26 id VpnConnectionId", "Name 18", "Status 24 status", "VPN Gateway 26 id VpnGatewayId",
			"Customer Gateway 26 id CustomerGatewayId", "Local Subnet 20 cidr", "Remote Subnet 20 cidr",
			"IKE 6 IkeConfig.IkeVersion", "Immediate 9 EffectImmediately", "Created 20 time CreateTime",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:    {"ipsec_sa_established"},
			PhaseInactive: {"ike_sa_established"},
			PhaseFailed:   {"ike_sa_not_established", "ipsec_sa_not_established"},
		}),
		Target: []string{"ipsec_sa_established"}, TrackTimeoutMinutes: 5,
	})
}

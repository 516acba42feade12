package model

import (
	"fmt"
	"net/netip"
	"slices"
	"strconv"
	"strings"
)

// SSL-VPN (seed 003 §15.17–15.24): a VPN gateway with SSL-VPN enabled
// carries SSL-VPN servers, and a server issues client certificates. Servers
// have no status; certificates are `normal`, `expiring-soon` (expiring within
// a week) or `expired`, driven by time only. Times are epoch milliseconds, as
// everywhere in the VPN chapter.

// SslVpnServer is an item of DescribeSslVpnServers
// (SslVpnServers.SslVpnServer) and the body of ModifySslVpnServer.
type SslVpnServer struct {
	SslVpnServerId  string  `json:"SslVpnServerId"`
	Name            string  `json:"Name"`
	RegionId        string  `json:"RegionId"`
	VpnGatewayId    string  `json:"VpnGatewayId"`
	InternetIp      string  `json:"InternetIp"`
	LocalSubnet     string  `json:"LocalSubnet"`  // comma-separated CIDRs
	ClientIpPool    string  `json:"ClientIpPool"` // one CIDR
	Cipher          string  `json:"Cipher"`       // AES-128-CBC | AES-192-CBC | AES-256-CBC | none
	Proto           string  `json:"Proto"`        // UDP | TCP
	Port            FlexInt `json:"Port"`
	Compress        bool    `json:"Compress"`
	Connections     FlexInt `json:"Connections"`
	MaxConnections  FlexInt `json:"MaxConnections"`
	CreateTime      int64   `json:"CreateTime"` // epoch ms
	ResourceGroupId string  `json:"ResourceGroupId"`
}

// SslVpnClientCert is an item of DescribeSslVpnClientCerts
// (SslVpnClientCertKeys.SslVpnClientCertKey) and the body of
// DescribeSslVpnClientCert, which adds the certificate material: ClientKey
// and ClientConfig (which embeds the key) are secrets (SecretFields).
type SslVpnClientCert struct {
	SslVpnClientCertId string `json:"SslVpnClientCertId"`
	Name               string `json:"Name"`
	RegionId           string `json:"RegionId"`
	SslVpnServerId     string `json:"SslVpnServerId"`
	Status             string `json:"Status"`     // normal | expiring-soon | expired
	CreateTime         int64  `json:"CreateTime"` // epoch ms
	EndTime            int64  `json:"EndTime"`    // epoch ms, expiry
	ResourceGroupId    string `json:"ResourceGroupId"`
	CaCert             string `json:"CaCert,omitempty"`
	ClientCert         string `json:"ClientCert,omitempty"`
	ClientKey          string `json:"ClientKey,omitempty"`    // secret
	ClientConfig       string `json:"ClientConfig,omitempty"` // secret (embeds the key)
}

// Certificate statuses (time-driven).
const (
	SslCertNormal       = "normal"
	SslCertExpiringSoon = "expiring-soon"
	SslCertExpired      = "expired"
)

// SSL-VPN server parameter values and defaults (003 §15.17).
var (
	SslCiphers = []string{"AES-128-CBC", "AES-192-CBC", "AES-256-CBC", "none"}
	SslProtos  = []string{"UDP", "TCP"}
	// SslForbiddenPorts are the ports an SSL-VPN server must not use.
	SslForbiddenPorts = []int{22, 2222, 22222, 9000, 9001, 9002, 7505, 80, 443, 53, 68, 123, 4510, 4560, 500, 4500}
	// SslReservedRanges may appear neither in the client CIDR block nor in
	// the local CIDR blocks (current public API reference).
	SslReservedRanges = []netip.Prefix{
		netip.MustParsePrefix("100.64.0.0/10"), netip.MustParsePrefix("224.0.0.0/4"),
		netip.MustParsePrefix("127.0.0.0/8"), netip.MustParsePrefix("169.254.0.0/16"),
	}
)

const (
	SslDefaultPort   = 1194
	SslDefaultCipher = "AES-128-CBC"
	SslDefaultProto  = "UDP"
	// SslClientPoolMinBits, SslClientPoolMaxBits bound the client block's
	// mask; the block must hold at least SslPoolPerConnection addresses per
	// connection the gateway allows.
	SslClientPoolMinBits = 16
	SslClientPoolMaxBits = 29
	SslPoolPerConnection = 4
	// SslCertExpiryWarning is how long before its end a certificate reads
	// expiring-soon, in milliseconds (one week).
	SslCertExpiryWarning = int64(7 * 24 * 3600 * 1000)
)

// SslCertStatus is the status of a certificate ending at end (ms) at now.
func SslCertStatus(end, now int64) string {
	switch {
	case now >= end:
		return SslCertExpired
	case end-now <= SslCertExpiryWarning:
		return SslCertExpiringSoon
	}
	return SslCertNormal
}

// CheckSslPort applies the Port rule: 1-65535, none of the forbidden ports.
func CheckSslPort(s string) (int, error) {
	s = strings.TrimSpace(s)
	n, err := strconv.Atoi(s)
	if err != nil || n < 1 || n > 65535 {
		return 0, fmt.Errorf("Port must be a number 1-65535 (it is %q)", s)
	}
	if slices.Contains(SslForbiddenPorts, n) {
		return 0, fmt.Errorf("Port %d is reserved; not one of %s", n, joinInts(SslForbiddenPorts))
	}
	return n, nil
}

func joinInts(ns []int) string { return strings.Join(pluck(ns, strconv.Itoa), ", ") }

// CheckSslCipher and CheckSslProto apply the enums (exact spelling).
func CheckSslCipher(s string) error { return fieldErr("Cipher", oneOf(s, false, SslCiphers...)) }
func CheckSslProto(s string) error  { return fieldErr("Proto", oneOf(s, false, SslProtos...)) }

// reservedOverlap names the reserved range p overlaps, if any.
func reservedOverlap(p netip.Prefix) string {
	for _, r := range SslReservedRanges {
		if r.Overlaps(p) {
			return r.String()
		}
	}
	return ""
}

// CheckSslLocalSubnet validates LocalSubnet: IPv4 blocks separated by
// commas, none overlapping a reserved range.
func CheckSslLocalSubnet(s string) ([]netip.Prefix, error) {
	blocks, err := parseSubnetList("LocalSubnet", s)
	if err != nil {
		return nil, err
	}
	for _, p := range blocks {
		if r := reservedOverlap(p); r != "" {
			return nil, fmt.Errorf("LocalSubnet %s overlaps the reserved range %s", p, r)
		}
	}
	return blocks, nil
}

// CheckSslClientPool validates ClientIpPool against the local blocks and the
// gateway's maximum connections (0: unknown): one IPv4 block, mask /16 to
// /29, outside the reserved ranges, overlapping no local block, with at
// least four addresses per connection.
func CheckSslClientPool(s string, local []netip.Prefix, maxConns int64) error {
	p, err := ParseCIDR(s)
	if err != nil {
		return fieldErr("ClientIpPool", err)
	}
	if p.Bits() < SslClientPoolMinBits || p.Bits() > SslClientPoolMaxBits {
		return fmt.Errorf("ClientIpPool mask must be /%d to /%d (it is /%d)", SslClientPoolMinBits, SslClientPoolMaxBits, p.Bits())
	}
	if r := reservedOverlap(p); r != "" {
		return fmt.Errorf("ClientIpPool %s overlaps the reserved range %s", p, r)
	}
	for _, l := range local {
		if l.Overlaps(p) {
			return fmt.Errorf("ClientIpPool %s conflicts with LocalSubnet %s", p, l)
		}
	}
	if size := int64(1) << (32 - p.Bits()); maxConns > 0 && size < SslPoolPerConnection*maxConns {
		return fmt.Errorf("ClientIpPool %s has %d addresses; need at least %d (4 per each of the gateway's %d SSL connections)",
			p, size, SslPoolPerConnection*maxConns, maxConns)
	}
	return nil
}

// SslServerInput is what CreateSslVpnServer / ModifySslVpnServer take, as
// typed.
type SslServerInput struct {
	Name, LocalSubnet, ClientIpPool, Cipher, Proto, Port string
	// MaxConnections is the gateway's SslMaxConnections (0: unknown).
	MaxConnections int64
}

// CheckSslServer applies every documented rule of an SSL-VPN server; the
// first broken one is returned.
func CheckSslServer(in SslServerInput) error {
	if err := DefaultName.Check(in.Name); in.Name != "" && err != nil {
		return fieldErr("Name", err)
	}
	local, err := CheckSslLocalSubnet(in.LocalSubnet)
	if err != nil {
		return err
	}
	if err := CheckSslClientPool(in.ClientIpPool, local, in.MaxConnections); err != nil {
		return err
	}
	if err := CheckSslCipher(in.Cipher); err != nil {
		return err
	}
	if err := CheckSslProto(in.Proto); err != nil {
		return err
	}
	_, err = CheckSslPort(in.Port)
	return err
}

// sslCertColumnPhases colours a certificate's status: expiring-soon stands
// out (it is settled, so it is not tracked), expired reads as failed.
var sslCertColumnPhases = map[string]Phase{
	SslCertNormal: PhaseReady, SslCertExpiringSoon: PhaseTransitional, SslCertExpired: PhaseFailed,
}

func sslServerKind() *Kind {
	return typed[SslVpnServer](&Kind{
		Name: "sslserver", Aliases: []string{"ssl", "sslvpn", "sslservers"}, Title: "SSL-VPN Servers", Singular: "SSL-VPN server", Order: 53,
		List:   pageList(ProductVPC, "DescribeSslVpnServers", "SslVpnServers.SslVpnServer"),
		Get:    byID("SslVpnServerId"),
		Scopes: []Scope{{Parent: "vpn", Param: "VpnGatewayId"}},
		Columns: cols(
			"ID 26 id SslVpnServerId", "Name 18", "VPN Gateway 26 id VpnGatewayId", "Local Subnet 20 cidr",
			"Client CIDR 18 cidr ClientIpPool", "Proto 5", "Port 5 number", "Cipher 11", "Compress 8",
			Col("Connections", 11, StyleNumber, func(s *SslVpnServer) string {
				return Itoa(s.Connections) + "/" + Itoa(s.MaxConnections)
			}),
			"Public IP 16 cidr InternetIp", regionColumn(), "Created 20 time CreateTime",
		),
		SortBy: "Name",
	})
}

func sslCertKind() *Kind {
	return typed[SslVpnClientCert](&Kind{
		Name: "sslcert", Aliases: []string{"certs", "cert", "sslcerts"}, Title: "SSL-VPN Client Certificates", Singular: "SSL-VPN client certificate", Order: 54,
		List:   pageList(ProductVPC, "DescribeSslVpnClientCerts", "SslVpnClientCertKeys.SslVpnClientCertKey"),
		Get:    attrGet(ProductVPC, "DescribeSslVpnClientCert", "SslVpnClientCertId", "InvalidSslVpnClientCertId.NotFound"),
		Scopes: []Scope{{Parent: "sslserver", Param: "SslVpnServerId"}},
		Columns: cols(
			"ID 26 id SslVpnClientCertId", "Name 20",
			phased("Status 13 status", sslCertColumnPhases),
			"SSL Server 26 id SslVpnServerId", "Expires 20 time EndTime", regionColumn(),
			"Created 20 time CreateTime",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:  {SslCertNormal, SslCertExpiringSoon},
			PhaseFailed: {SslCertExpired},
		}),
		Target: []string{SslCertNormal}, TrackTimeoutMinutes: 5,
	})
}

package client

// Typed operations for SSL-VPN servers and client certificates (VPC
// 2016-04-28, seed 003 §15.17–15.24). Every write takes a ClientToken.
// Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// SslVpnServerInput is CreateSslVpnServer's and ModifySslVpnServer's
// parameters: VpnGatewayId for a create, SslVpnServerId for a modify. Empty
// values are left out (the API's defaults apply on create, the current
// value stays on modify); Compress and Port are sent when set.
type SslVpnServerInput struct {
	RegionId       string
	VpnGatewayId   string
	SslVpnServerId string
	Name           string
	LocalSubnet    string
	ClientIpPool   string
	Cipher         string
	Proto          string
	Port           int
	Compress       *bool
	ClientToken    string
}

// CreateSslVpnServerOutput is CreateSslVpnServer's answer.
type CreateSslVpnServerOutput struct {
	RequestId      string `json:"RequestId"`
	SslVpnServerId string `json:"SslVpnServerId"`
	Name           string `json:"Name"`
}

// CreateSslVpnServer creates an SSL-VPN server on a VPN gateway with SSL-VPN
// enabled; the gateway is updating until it is configured.
var CreateSslVpnServer = Op[SslVpnServerInput, CreateSslVpnServerOutput]{model.ProductVPC, "CreateSslVpnServer"}

// ModifySslVpnServer changes a server's settings; it answers the server.
var ModifySslVpnServer = Op[SslVpnServerInput, Result]{model.ProductVPC, "ModifySslVpnServer"}

// SslVpnIDInput names one SSL-VPN server or client certificate (the delete
// calls), with a Name for ModifySslVpnClientCert and a server for
// CreateSslVpnClientCert.
type SslVpnIDInput struct {
	RegionId           string
	SslVpnServerId     string
	SslVpnClientCertId string
	Name               string
	ClientToken        string
}

// DeleteSslVpnServer deletes a server (its certificates go with it).
var DeleteSslVpnServer = Op[SslVpnIDInput, Result]{model.ProductVPC, "DeleteSslVpnServer"}

// CreateSslVpnClientCertOutput is CreateSslVpnClientCert's answer.
type CreateSslVpnClientCertOutput struct {
	RequestId          string `json:"RequestId"`
	SslVpnClientCertId string `json:"SslVpnClientCertId"`
	Name               string `json:"Name"`
}

// CreateSslVpnClientCert issues a client certificate of a server.
var CreateSslVpnClientCert = Op[SslVpnIDInput, CreateSslVpnClientCertOutput]{model.ProductVPC, "CreateSslVpnClientCert"}

// ModifySslVpnClientCert renames a client certificate.
var ModifySslVpnClientCert = Op[SslVpnIDInput, Result]{model.ProductVPC, "ModifySslVpnClientCert"}

// DeleteSslVpnClientCert revokes and deletes a client certificate.
var DeleteSslVpnClientCert = Op[SslVpnIDInput, Result]{model.ProductVPC, "DeleteSslVpnClientCert"}

// DescribeSslVpnInput filters DescribeSslVpnServers (VpnGatewayId,
// SslVpnServerId, Name) and DescribeSslVpnClientCerts (SslVpnServerId,
// SslVpnClientCertId, Name).
type DescribeSslVpnInput struct {
	RegionId           string
	VpnGatewayId       string
	SslVpnServerId     string
	SslVpnClientCertId string
	Name               string
}

// DescribeSslVpnServers lists every server matching the filter.
var DescribeSslVpnServers = ListOp[DescribeSslVpnInput, model.SslVpnServer]{"sslserver"}

// DescribeSslVpnClientCerts lists every client certificate matching the
// filter (without the certificate material).
var DescribeSslVpnClientCerts = ListOp[DescribeSslVpnInput, model.SslVpnClientCert]{"sslcert"}

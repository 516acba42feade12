package client

// Typed operations for SSL-VPN servers and client certificates (VPC
// 2016-04-28, seed 003 §15.17–15.24). Every write takes a ClientToken.
// Conventions: see ops_vpc.go.

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// SslVpnServerInput is CreateSslVpnServer's and ModifySslVpnServer's
// parameters: VpnGatewayId for a create, SslVpnServerId for a modify. Empty
// values are left out (the API's defaults apply on create, the current
// value stays on modify); Compress and Port are sent when set.
type SslVpnServerInput struct {
	RegionId       string `param:"RegionId"`
	VpnGatewayId   string `param:"VpnGatewayId"`
	SslVpnServerId string `param:"SslVpnServerId"`
	Name           string `param:"Name"`
	LocalSubnet    string `param:"LocalSubnet"`
	ClientIpPool   string `param:"ClientIpPool"`
	Cipher         string `param:"Cipher"`
	Proto          string `param:"Proto"`
	Port           int    `param:"Port"`
	Compress       *bool  `param:"Compress"`
	ClientToken    string `param:"ClientToken"`
}

// CreateSslVpnServerOutput is CreateSslVpnServer's answer.
type CreateSslVpnServerOutput struct {
	RequestId      string `json:"RequestId"`
	SslVpnServerId string `json:"SslVpnServerId"`
	Name           string `json:"Name"`
}

// CreateSslVpnServer creates an SSL-VPN server on a VPN gateway with SSL-VPN
// enabled; the gateway is updating until it is configured.
func (c *Client) CreateSslVpnServer(ctx context.Context, in *SslVpnServerInput) (*CreateSslVpnServerOutput, error) {
	return Invoke[CreateSslVpnServerOutput](ctx, c, model.ProductVPC, "CreateSslVpnServer", "", in)
}

// ModifySslVpnServer changes a server's settings; it answers the server.
func (c *Client) ModifySslVpnServer(ctx context.Context, in *SslVpnServerInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifySslVpnServer", "", in)
}

// SslVpnIDInput names one SSL-VPN server or client certificate (the delete
// calls), with a Name for ModifySslVpnClientCert and a server for
// CreateSslVpnClientCert.
type SslVpnIDInput struct {
	RegionId           string `param:"RegionId"`
	SslVpnServerId     string `param:"SslVpnServerId"`
	SslVpnClientCertId string `param:"SslVpnClientCertId"`
	Name               string `param:"Name"`
	ClientToken        string `param:"ClientToken"`
}

// DeleteSslVpnServer deletes a server (its certificates go with it).
func (c *Client) DeleteSslVpnServer(ctx context.Context, in *SslVpnIDInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteSslVpnServer", "", in)
}

// CreateSslVpnClientCertOutput is CreateSslVpnClientCert's answer.
type CreateSslVpnClientCertOutput struct {
	RequestId          string `json:"RequestId"`
	SslVpnClientCertId string `json:"SslVpnClientCertId"`
	Name               string `json:"Name"`
}

// CreateSslVpnClientCert issues a client certificate of a server.
func (c *Client) CreateSslVpnClientCert(ctx context.Context, in *SslVpnIDInput) (*CreateSslVpnClientCertOutput, error) {
	return Invoke[CreateSslVpnClientCertOutput](ctx, c, model.ProductVPC, "CreateSslVpnClientCert", "", in)
}

// ModifySslVpnClientCert renames a client certificate.
func (c *Client) ModifySslVpnClientCert(ctx context.Context, in *SslVpnIDInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifySslVpnClientCert", "", in)
}

// DeleteSslVpnClientCert revokes and deletes a client certificate.
func (c *Client) DeleteSslVpnClientCert(ctx context.Context, in *SslVpnIDInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteSslVpnClientCert", "", in)
}

// DescribeSslVpnInput filters DescribeSslVpnServers (VpnGatewayId,
// SslVpnServerId, Name) and DescribeSslVpnClientCerts (SslVpnServerId,
// SslVpnClientCertId, Name).
type DescribeSslVpnInput struct {
	RegionId           string `param:"RegionId"`
	VpnGatewayId       string `param:"VpnGatewayId"`
	SslVpnServerId     string `param:"SslVpnServerId"`
	SslVpnClientCertId string `param:"SslVpnClientCertId"`
	Name               string `param:"Name"`
}

// DescribeSslVpnServers lists every server matching the filter.
func (c *Client) DescribeSslVpnServers(ctx context.Context, in *DescribeSslVpnInput) ([]*model.SslVpnServer, error) {
	return listKind[model.SslVpnServer](ctx, c, "sslserver", in)
}

// DescribeSslVpnClientCerts lists every client certificate matching the
// filter (without the certificate material).
func (c *Client) DescribeSslVpnClientCerts(ctx context.Context, in *DescribeSslVpnInput) ([]*model.SslVpnClientCert, error) {
	return listKind[model.SslVpnClientCert](ctx, c, "sslcert", in)
}

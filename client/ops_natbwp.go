package client

// Typed operations for NAT bandwidth packages (VPC 2016-04-28, seed 003
// §17: only for accounts that had them before 3 Nov 2017). ClientToken is
// sent where the seed documents it (create, add and remove IPs).
// Conventions: see ops_vpc.go.

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// CreateBandwidthPackageInput is CreateBandwidthPackage's parameters:
// Bandwidth 5-1000 Mbit/s and IpCount 1-50 for the NAT gateway; Zone is
// random when omitted; ISP only BGP.
type CreateBandwidthPackageInput struct {
	RegionId           string `param:"RegionId"`
	NatGatewayId       string `param:"NatGatewayId"`
	Bandwidth          string `param:"Bandwidth"`
	IpCount            string `param:"IpCount"`
	Zone               string `param:"Zone"`
	ISP                string `param:"ISP"`
	InternetChargeType string `param:"InternetChargeType"`
	Name               string `param:"Name"`
	Description        string `param:"Description"`
	ClientToken        string `param:"ClientToken"`
}

// CreateBandwidthPackageOutput is CreateBandwidthPackage's answer.
type CreateBandwidthPackageOutput struct {
	RequestId          string `json:"RequestId"`
	BandwidthPackageId string `json:"BandwidthPackageId"`
}

// CreateBandwidthPackage adds a package to a NAT gateway (Creating →
// Available).
func (c *Client) CreateBandwidthPackage(ctx context.Context, in *CreateBandwidthPackageInput) (*CreateBandwidthPackageOutput, error) {
	return Invoke[CreateBandwidthPackageOutput](ctx, c, model.ProductVPC, "CreateBandwidthPackage", "", in)
}

// ModifyBandwidthPackageSpecInput is ModifyBandwidthPackageSpec's
// parameters (Bandwidth 5-1000, a string in this API).
type ModifyBandwidthPackageSpecInput struct {
	RegionId           string `param:"RegionId"`
	BandwidthPackageId string `param:"BandwidthPackageId"`
	Bandwidth          string `param:"Bandwidth"`
}

// ModifyBandwidthPackageSpec changes a package's bandwidth (Modifying →
// Available).
func (c *Client) ModifyBandwidthPackageSpec(ctx context.Context, in *ModifyBandwidthPackageSpecInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyBandwidthPackageSpec", "", in)
}

// ModifyBandwidthPackageAttributeInput is ModifyBandwidthPackageAttribute's
// parameters.
type ModifyBandwidthPackageAttributeInput struct {
	RegionId           string `param:"RegionId"`
	BandwidthPackageId string `param:"BandwidthPackageId"`
	Name               string `param:"Name"`
	Description        string `param:"Description"`
}

// ModifyBandwidthPackageAttribute renames a package or changes its
// description.
func (c *Client) ModifyBandwidthPackageAttribute(ctx context.Context, in *ModifyBandwidthPackageAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyBandwidthPackageAttribute", "", in)
}

// AddBandwidthPackageIpsInput is AddBandwidthPackageIps' parameters
// (IpCount 1-50, a string in this API).
type AddBandwidthPackageIpsInput struct {
	RegionId           string `param:"RegionId"`
	BandwidthPackageId string `param:"BandwidthPackageId"`
	IpCount            string `param:"IpCount"`
	ClientToken        string `param:"ClientToken"`
}

// AddBandwidthPackageIps adds public IPs to a package (Modifying →
// Available).
func (c *Client) AddBandwidthPackageIps(ctx context.Context, in *AddBandwidthPackageIpsInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "AddBandwidthPackageIps", "", in)
}

// RemoveBandwidthPackageIpsInput is RemoveBandwidthPackageIps' parameters:
// 1-20 of the package's addresses, never all of them, none used by an SNAT
// or DNAT entry.
type RemoveBandwidthPackageIpsInput struct {
	RegionId           string   `param:"RegionId"`
	BandwidthPackageId string   `param:"BandwidthPackageId"`
	RemovedIpAddresses []string `param:"RemovedIpAddresses"`
	ClientToken        string   `param:"ClientToken"`
}

// RemoveBandwidthPackageIps releases public IPs of a package (Modifying →
// Available).
func (c *Client) RemoveBandwidthPackageIps(ctx context.Context, in *RemoveBandwidthPackageIpsInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "RemoveBandwidthPackageIps", "", in)
}

// DeleteBandwidthPackageInput is DeleteBandwidthPackage's parameters; Force
// ("true") also deletes the SNAT and DNAT entries using its IPs.
type DeleteBandwidthPackageInput struct {
	RegionId           string `param:"RegionId"`
	BandwidthPackageId string `param:"BandwidthPackageId"`
	Force              string `param:"Force"`
}

// DeleteBandwidthPackage deletes a package (Deleting → gone).
func (c *Client) DeleteBandwidthPackage(ctx context.Context, in *DeleteBandwidthPackageInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteBandwidthPackage", "", in)
}

// DescribeBandwidthPackagesInput filters DescribeBandwidthPackages.
type DescribeBandwidthPackagesInput struct {
	RegionId           string `param:"RegionId"`
	BandwidthPackageId string `param:"BandwidthPackageId"`
	NatGatewayId       string `param:"NatGatewayId"`
}

// DescribeBandwidthPackages lists every NAT bandwidth package matching the
// filter.
func (c *Client) DescribeBandwidthPackages(ctx context.Context, in *DescribeBandwidthPackagesInput) ([]*model.NatBandwidthPackage, error) {
	return listKind[model.NatBandwidthPackage](ctx, c, "natbwp", in)
}

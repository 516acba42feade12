package client

// Typed operations for NAT bandwidth packages (VPC 2016-04-28, seed 003
// §17: only for accounts that had them before 3 Nov 2017). ClientToken is
// sent where the seed documents it (create, add and remove IPs).
// Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// CreateBandwidthPackageInput is CreateBandwidthPackage's parameters:
// Bandwidth 5-1000 Mbit/s and IpCount 1-50 for the NAT gateway; Zone is
// random when omitted; ISP only BGP.
type CreateBandwidthPackageInput struct {
	RegionId           string
	NatGatewayId       string
	Bandwidth          string
	IpCount            string
	Zone               string
	ISP                string
	InternetChargeType string
	Name               string
	Description        string
	ClientToken        string
}

// CreateBandwidthPackageOutput is CreateBandwidthPackage's answer.
type CreateBandwidthPackageOutput struct {
	RequestId          string `json:"RequestId"`
	BandwidthPackageId string `json:"BandwidthPackageId"`
}

// CreateBandwidthPackage adds a package to a NAT gateway (Creating →
// Available).
var CreateBandwidthPackage = Op[CreateBandwidthPackageInput, CreateBandwidthPackageOutput]{model.ProductVPC, "CreateBandwidthPackage"}

// ModifyBandwidthPackageSpecInput is ModifyBandwidthPackageSpec's
// parameters (Bandwidth 5-1000, a string in this API).
type ModifyBandwidthPackageSpecInput struct {
	RegionId           string
	BandwidthPackageId string
	Bandwidth          string
}

// ModifyBandwidthPackageSpec changes a package's bandwidth (Modifying →
// Available).
var ModifyBandwidthPackageSpec = Op[ModifyBandwidthPackageSpecInput, Result]{model.ProductVPC, "ModifyBandwidthPackageSpec"}

// ModifyBandwidthPackageAttributeInput is ModifyBandwidthPackageAttribute's
// parameters.
type ModifyBandwidthPackageAttributeInput struct {
	RegionId           string
	BandwidthPackageId string
	Name               string
	Description        string
}

// ModifyBandwidthPackageAttribute renames a package or changes its
// description.
var ModifyBandwidthPackageAttribute = Op[ModifyBandwidthPackageAttributeInput, Result]{model.ProductVPC, "ModifyBandwidthPackageAttribute"}

// AddBandwidthPackageIpsInput is AddBandwidthPackageIps' parameters
// (IpCount 1-50, a string in this API).
type AddBandwidthPackageIpsInput struct {
	RegionId           string
	BandwidthPackageId string
	IpCount            string
	ClientToken        string
}

// AddBandwidthPackageIps adds public IPs to a package (Modifying →
// Available).
var AddBandwidthPackageIps = Op[AddBandwidthPackageIpsInput, Result]{model.ProductVPC, "AddBandwidthPackageIps"}

// RemoveBandwidthPackageIpsInput is RemoveBandwidthPackageIps' parameters:
// 1-20 of the package's addresses, never all of them, none used by an SNAT
// or DNAT entry.
type RemoveBandwidthPackageIpsInput struct {
	RegionId           string
	BandwidthPackageId string
	RemovedIpAddresses []string
	ClientToken        string
}

// RemoveBandwidthPackageIps releases public IPs of a package (Modifying →
// Available).
var RemoveBandwidthPackageIps = Op[RemoveBandwidthPackageIpsInput, Result]{model.ProductVPC, "RemoveBandwidthPackageIps"}

// DeleteBandwidthPackageInput is DeleteBandwidthPackage's parameters; Force
// ("true") also deletes the SNAT and DNAT entries using its IPs.
type DeleteBandwidthPackageInput struct {
	RegionId           string
	BandwidthPackageId string
	Force              string
}

// DeleteBandwidthPackage deletes a package (Deleting → gone).
var DeleteBandwidthPackage = Op[DeleteBandwidthPackageInput, Result]{model.ProductVPC, "DeleteBandwidthPackage"}

// DescribeBandwidthPackagesInput filters DescribeBandwidthPackages.
type DescribeBandwidthPackagesInput struct {
	RegionId           string
	BandwidthPackageId string
	NatGatewayId       string
}

// DescribeBandwidthPackages lists every NAT bandwidth package matching the
// filter.
var DescribeBandwidthPackages = ListOp[DescribeBandwidthPackagesInput, model.NatBandwidthPackage]{"natbwp"}

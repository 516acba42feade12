package client

// Typed operations for common (shared) bandwidth packages (seed 003 chapter
// 19, VPC 2016-04-28). Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// CreateCommonBandwidthPackageInput is CreateCommonBandwidthPackage's
// parameters. Ratio (10-100 %) goes with InternetChargeType PayBy95 only.
type CreateCommonBandwidthPackageInput struct {
	RegionId           string
	Bandwidth          int
	InternetChargeType string
	Ratio              int
	Name               string
	Description        string
	ResourceGroupId    string
	ClientToken        string
}

// CreateCommonBandwidthPackageOutput is CreateCommonBandwidthPackage's answer.
type CreateCommonBandwidthPackageOutput struct {
	RequestId          string `json:"RequestId"`
	BandwidthPackageId string `json:"BandwidthPackageId"`
	ResourceGroupId    string `json:"ResourceGroupId"`
}

// CreateCommonBandwidthPackage creates a package (Creating → Available).
var CreateCommonBandwidthPackage = Op[CreateCommonBandwidthPackageInput, CreateCommonBandwidthPackageOutput]{model.ProductVPC, "CreateCommonBandwidthPackage"}

// ModifyCommonBandwidthPackageAttributeInput renames a package or changes
// its description.
type ModifyCommonBandwidthPackageAttributeInput struct {
	RegionId           string
	BandwidthPackageId string
	Name               string
	Description        string
}

// ModifyCommonBandwidthPackageAttribute changes a package's name or description.
var ModifyCommonBandwidthPackageAttribute = Op[ModifyCommonBandwidthPackageAttributeInput, Result]{model.ProductVPC, "ModifyCommonBandwidthPackageAttribute"}

// ModifyCommonBandwidthPackageSpecInput is the new peak bandwidth (a
// string in the API, Mbit/s).
type ModifyCommonBandwidthPackageSpecInput struct {
	RegionId           string
	BandwidthPackageId string
	Bandwidth          string
}

// ModifyCommonBandwidthPackageSpec changes the peak bandwidth (Modifying →
// Available).
var ModifyCommonBandwidthPackageSpec = Op[ModifyCommonBandwidthPackageSpecInput, Result]{model.ProductVPC, "ModifyCommonBandwidthPackageSpec"}

// ModifyCommonBandwidthPackagePayTypeInput converts a post-paid package to
// pre-paid. The seed's parameter table is garbled (it names the billing
// cycle "Name" and pay-now "Description"); the names here are those of its
// sample request: PricingCycle (Month | Year), Duration (Month 1-36, Year
// 1-3), AutoPay.
type ModifyCommonBandwidthPackagePayTypeInput struct {
	RegionId           string
	BandwidthPackageId string
	PricingCycle       string
	Duration           string
	AutoPay            *bool
}

// ModifyCommonBandwidthPackagePayTypeOutput is its answer.
type ModifyCommonBandwidthPackagePayTypeOutput struct {
	RequestId string `json:"RequestId"`
	OrderId   string `json:"OrderId"`
}

// ModifyCommonBandwidthPackagePayType turns PostPaid into PrePaid, for good.
var ModifyCommonBandwidthPackagePayType = Op[ModifyCommonBandwidthPackagePayTypeInput, ModifyCommonBandwidthPackagePayTypeOutput]{model.ProductVPC, "ModifyCommonBandwidthPackagePayType"}

// CommonBandwidthPackageIpInput names an EIP of the package's region:
// AddCommonBandwidthPackageIp's and RemoveCommonBandwidthPackageIp's
// parameters.
type CommonBandwidthPackageIpInput struct {
	RegionId           string
	BandwidthPackageId string
	IpInstanceId       string
	ClientToken        string
}

// AddCommonBandwidthPackageIp adds a post-paid EIP (BINDING → BINDED).
var AddCommonBandwidthPackageIp = Op[CommonBandwidthPackageIpInput, Result]{model.ProductVPC, "AddCommonBandwidthPackageIp"}

// RemoveCommonBandwidthPackageIp takes an EIP out (UNBINDING → out).
var RemoveCommonBandwidthPackageIp = Op[CommonBandwidthPackageIpInput, Result]{model.ProductVPC, "RemoveCommonBandwidthPackageIp"}

// DeleteCommonBandwidthPackageInput is DeleteCommonBandwidthPackage's
// parameters; Force "true" removes the package's EIPs first.
type DeleteCommonBandwidthPackageInput struct {
	RegionId           string
	BandwidthPackageId string
	Force              string
}

// DeleteCommonBandwidthPackage deletes a package.
var DeleteCommonBandwidthPackage = Op[DeleteCommonBandwidthPackageInput, Result]{model.ProductVPC, "DeleteCommonBandwidthPackage"}

// DescribeCommonBandwidthPackagesInput filters DescribeCommonBandwidthPackages.
type DescribeCommonBandwidthPackagesInput struct {
	RegionId           string
	BandwidthPackageId string
	Name               string
	ResourceGroupId    string
}

// DescribeCommonBandwidthPackages lists every package matching the filter.
var DescribeCommonBandwidthPackages = ListOp[DescribeCommonBandwidthPackagesInput, model.CommonBandwidthPackage]{"cbwp"}

package sim

import "testing"

// seedOperations are the 144 operations with a section of their own in seed
// 003 and the five HaVip operations its RAM table names (api-catalog §5).
var seedOperations = []string{
	"CreateVpc", "DeleteVpc", "DescribeVpcs", "ModifyVpcAttribute", "DescribeVpcAttribute", "DescribeVSwitches",
	"ModifyVSwitchAttribute", "DescribeVSwitchAttributes", "CreateVSwitch", "DeleteVSwitch", "DescribeVRouters",
	"ModifyVRouterAttribute", "ModifyRouteTableAttributes", "DescribeRouteTableList", "DescribeRouteTables",
	"CreateRouteTable", "AssociateRouteTable", "UnassociateRouteTable", "DeleteRouteTable", "CreateRouteEntry",
	"DeleteRouteEntry", "CreateRouterInterface", "DescribeRouterInterfaces", "ConnectRouterInterface", "ActivateRouterInterface",
	"DeactivateRouterInterface", "ModifyRouterInterfaceSpec", "ModifyRouterInterfaceAttribute", "DeleteRouterInterface",
	"CreatePhysicalConnection", "CancelPhysicalConnection", "DescribePhysicalConnections", "ModifyPhysicalConnectionAttribute",
	"TerminatePhysicalConnection", "EnablePhysicalConnection", "DeletePhysicalConnection", "CreateVirtualBorderRouter",
	"DeleteVirtualBorderRouter", "DescribeVirtualBorderRouters", "DescribeVirtualBorderRoutersForPhysicalConnection",
	"ModifyVirtualBorderRouterAttribute", "TerminateVirtualBorderRouter", "RecoverVirtualBorderRouter", "DescribeBgpNetworks",
	"CreateBgpGroup", "DescribeBgpGroups", "ModifyBgpGroupAttribute", "DeleteBgpGroup", "CreateBgpPeer", "DescribeBgpPeers",
	"DeleteBgpPeer", "AddBgpNetwork", "DeleteBgpNetwork", "AssociateEipAddress", "ModifyEipAddressAttribute",
	"AllocateEipAddress", "UnassociateEipAddress", "DescribeEipAddresses", "ReleaseEipAddress", "CreateIpv6Gateway",
	"DeleteIpv6Gateway", "DescribeIpv6Gateways", "ModifyIpv6GatewaySpec", "DescribeIpv6EgressOnlyRules", "CreateIpv6EgressOnlyRule",
	"DeleteIpv6EgressOnlyRule", "AllocateIpv6InternetBandwidth", "DeleteIpv6InternetBandwidth", "DescribeIpv6GatewayAttribute",
	"DescribeIpv6Addresses", "ModifyIpv6InternetBandwidth", "CreateVpnGateway", "DescribeVpnGateways", "DescribeVpnGateway",
	"ModifyVpnGatewayAttribute", "DeleteVpnGateway", "CreateCustomerGateway", "DescribeCustomerGateways", "DescribeCustomerGateway",
	"DeleteCustomerGateway", "ModifyCustomerGatewayAttribute", "CreateVpnConnection", "DescribeVpnConnections",
	"DescribeVpnConnection", "ModifyVpnConnectionAttribute", "DeleteVpnConnection", "DownloadVpnConnectionConfig",
	"CreateSslVpnServer", "DescribeSslVpnServers", "DeleteSslVpnServer", "ModifySslVpnServer", "CreateSslVpnClientCert",
	"DescribeSslVpnClientCerts", "DeleteSslVpnClientCert", "ModifySslVpnClientCert", "CreateNatGateway", "CreateBandwidthPackage",
	"DescribeBandwidthPackages", "ModifyBandwidthPackageSpec", "ModifyBandwidthPackageAttribute", "DescribeNatGateways",
	"AddBandwidthPackageIps", "ModifyNatGatewaySpec", "RemoveBandwidthPackageIps", "ModifyNatGatewayAttribute",
	"DeleteBandwidthPackage", "DeleteNatGateway", "CreateForwardEntry", "DescribeForwardTableEntries", "ModifyForwardEntry",
	"DeleteForwardEntry", "CreateSnatEntry", "DescribeSnatTableEntries", "ModifySnatEntry", "DeleteSnatEntry",
	"CreateGlobalAccelerationInstance", "DescribeGlobalAccelerationInstances", "ModifyGlobalAccelerationInstanceAttributes",
	"ModifyGlobalAccelerationInstanceSpec", "DeleteGlobalAccelerationInstance", "AssociateGlobalAccelerationInstance",
	"UnassociateGlobalAccelerationInstance", "DescribeServerRelatedGlobalAccelerationInstances", "AddGlobalAccelerationInstanceIp",
	"RemoveGlobalAccelerationInstanceIp", "DescribeCommonBandwidthPackages", "ModifyCommonBandwidthPackageAttribute",
	"ModifyCommonBandwidthPackagePayType", "CreateCommonBandwidthPackage", "AddCommonBandwidthPackageIp", "DeleteCommonBandwidthPackage",
	"ModifyCommonBandwidthPackageSpec", "RemoveCommonBandwidthPackageIp", "CreateFlowLog", "ModifyFlowLogAttribute",
	"DescribeFlowLogs", "ActiveFlowLog", "DeactiveFlowLog", "DeleteFlowLog", "DescribeBandwidthPackagePublicIpMonitorData",
	"DescribeEipMonitorData", "DescribeZones", "DescribeAccessPoints", "DescribeRegions", "CreateHaVip", "DeleteHaVip",
	"AssociateHaVip", "UnassociateHaVip", "DescribeHaVips",
}

// TestEverySeedOperationIsServed asks the simulator for every operation of
// seed 003 with no parameters: each must be known (whatever it then says
// about the missing parameters), never InvalidAction.NotFound.
func TestEverySeedOperationIsServed(t *testing.T) {
	if len(seedOperations) != 149 {
		t.Fatalf("%d operations listed, want 149", len(seedOperations))
	}
	h := newHarness(t, Options{})
	for _, op := range seedOperations {
		if a := h.call(op, kv()); a.code() == "InvalidAction.NotFound" {
			t.Errorf("%s: InvalidAction.NotFound", op)
		}
	}
}

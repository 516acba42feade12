package ui

import (
	"strings"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The documented constraints of every form, one row each, by family: the
// table TestEveryDocumentedConstraintIsCheckedBeforeAnyCall
// (constraints_test.go) walks.

func catalogRowGroups() [][]catalogRow {
	return [][]catalogRow{vpcCatalogRows(), routeCatalogRows(), natCatalogRows(), eipCatalogRows(), vpnCatalogRows(), vbrCatalogRows(), flowLogCatalogRows(), peerCatalogRows(), deleteCatalogRows()}
}

func vpcCatalogRows() []catalogRow {
	const cv, mv, cs, ms = "§0, §2.2 CreateVpc", "§0, §2.2 ModifyVpcAttribute", "§0, §2.3 CreateVSwitch", "§0, §2.3 ModifyVSwitchAttribute"
	cidr := setOn(func(m *forms.VpcCreate, v string) { m.CidrChoice, m.Cidr = forms.CustomCIDR, v })
	// The VSwitch goes in whichever of the region's VPCs holds the block
	// (prod-core, or the empty VPC), as the user would pick it.
	vswCIDR := setOn(func(m *forms.VswCreate, v string) {
		m.Cidr = v
		if p, err := model.ParseCIDR(v); err == nil {
			for _, x := range m.Vpcs {
				if vp, err := model.ParseCIDR(x.CidrBlock); err == nil && model.Contains(vp, p) {
					m.VpcID = x.VpcId
				}
			}
		}
	})
	rows := []catalogRow{
		formRow("CreateVpc", "CidrBlock", "a CIDR block (InvalidParameter)", "§2.2 CreateVpc", "10.30.0.0/33", "10.30.0.0/16", cidr, true),
		formRow("CreateVpc", "CidrBlock", "10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 or a subset", "§2.2 CreateVpc", "11.0.0.0/16", "192.168.0.0/16", cidr, true),
		formRow("CreateVpc", "CidrBlock", "mask /8 to /24 (not longer)", "§2.2 CreateVpc", "10.30.0.0/25", "10.30.0.0/24", cidr, true).naming("/8 to /24"),
		formRow("CreateVSwitch", "CidrBlock", "mask /16 to /29 (not shorter)", "§2.3 CreateVSwitch", "10.0.0.0/15", "10.0.64.0/18", vswCIDR, true).naming("/16 to /29"),
		formRow("CreateVSwitch", "CidrBlock", "mask /16 to /29 (not longer)", "§2.3 CreateVSwitch", "10.0.64.0/30", "10.0.64.0/29", vswCIDR, true).naming("/16 to /29"),
		formRow("CreateVSwitch", "CidrBlock", "inside the VPC's block", "§2.3 CreateVSwitch", "10.1.0.0/24", "10.0.64.0/24", vswCIDR, true),
		formRow("CreateVSwitch", "CidrBlock", "overlaps no other VSwitch (InvalidCidrBlock.Overlapped)", "§2.3 CreateVSwitch", "10.0.1.128/25", "10.0.64.128/25", vswCIDR, true).naming("overlaps"),
		formRow("CreateVSwitch", "CidrBlock", "the VPC's whole block only for its only VSwitch", "§2.3 CreateVSwitch", "10.0.0.0/16", "10.99.0.0/16", vswCIDR, true),
		formRow("CreateVSwitch", "VpcId", "required", "§2.3 CreateVSwitch", "", "$vpc", setOn(func(m *forms.VswCreate, v string) { m.VpcID = v }), false),
		formRow("CreateVSwitch", "ZoneId", "required", "§2.3 CreateVSwitch", "", "cn-hangzhou-b", setOn(func(m *forms.VswCreate, v string) { m.Zone = v }), false),
		formRow("CreateRouteTable", "VpcId", "required", "§2.5 CreateRouteTable", "", "$vpc", setOn(func(m *forms.RtCreate, v string) { m.VpcID = v }), false),
	}
	rows = append(rows, textCatalogRows("CreateVpc", "VpcName", cv, model.DefaultName,
		setOn(func(m *forms.VpcCreate, v string) { m.Name = v }), setOn(func(m *forms.VpcCreate, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyVpcAttribute", "VpcName", mv, model.DefaultName,
		setOn(func(m *forms.VpcModify, v string) { m.Name = v }), setOn(func(m *forms.VpcModify, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("CreateVSwitch", "VSwitchName", cs, model.DefaultName,
		setOn(func(m *forms.VswCreate, v string) { m.Name = v }), setOn(func(m *forms.VswCreate, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyVSwitchAttribute", "VSwitchName", ms, model.DefaultName,
		setOn(func(m *forms.VswModify, v string) { m.Name = v }), setOn(func(m *forms.VswModify, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("CreateRouteTable", "RouteTableName", "§0, §2.5 CreateRouteTable", model.DefaultName,
		setOn(func(m *forms.RtCreate, v string) { m.Name = v }), setOn(func(m *forms.RtCreate, v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyRouteTableAttributes", "RouteTableName", "§0, §2.5 ModifyRouteTableAttributes", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyRouteTableAttributesInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyRouteTableAttributesInput], v string) { m.Desc = v }))...)
	rows = append(rows, textCatalogRows("ModifyVRouterAttribute", "VRouterName", "§2.4 ModifyVRouterAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyVRouterAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyVRouterAttributeInput], v string) { m.Desc = v }))...)
	return rows
}

func routeCatalogRows() []catalogRow {
	const ce = "§2.5 CreateRouteEntry"
	dest := setOn(func(m *forms.RouteCreate, v string) { m.Dest = v })
	rtByType := func(e *catalogEnv, v string) *model.Object {
		if v == "System" {
			return e.sysRT
		}
		return e.customRT
	}
	entry := func(typ, status string) func(e *catalogEnv, v string) *model.Object {
		return func(e *catalogEnv, v string) *model.Object {
			r := &model.RouteEntry{RouteEntryId: "rte-constraints", RouteTableId: e.sysRT.ID, DestinationCidrBlock: "192.168.77.0/24", Type: typ, Status: status}
			if typ == "" {
				r.Type = v
			}
			if status == "" {
				r.Status = v
			}
			return e.obj("route", catalogRegion, r)
		}
	}
	return []catalogRow{
		{op: "AssociateRouteTable", param: "RouteTableId", rule: "a custom route table", section: "§2.5 AssociateRouteTable", bad: "System", good: "Custom",
			probe: viaGate(func(fc *forms.FormCtx) forms.Mutation { return forms.NewRtBind(fc, true) }, rtByType, true)},
		formRow("AssociateRouteTable", "VSwitchId", "required", "§2.5 AssociateRouteTable", "", "$unboundVsw", setOn(func(m *forms.RtBind, v string) { m.VswID = v }), false),
		{op: "AssociateRouteTable", param: "VSwitchId", rule: "a VSwitch of the table's VPC", section: "§2.5 AssociateRouteTable", bad: "$otherVpcVsw", good: "$unboundVsw",
			probe: viaPicker("AssociateRouteTable", func(m forms.Mutation) []forms.Pick { return m.(*forms.RtBind).Picks })},
		formRow("UnassociateRouteTable", "VSwitchId", "required", "§2.5 UnassociateRouteTable", "", "$boundVsw", setOn(func(m *forms.RtBind, v string) { m.VswID = v }), false),
		{op: "UnassociateRouteTable", param: "VSwitchId", rule: "a VSwitch bound to the table", section: "§2.5 UnassociateRouteTable", bad: "$unboundVsw", good: "$boundVsw",
			probe: viaPicker("UnassociateRouteTable", func(m forms.Mutation) []forms.Pick { return m.(*forms.RtBind).Picks })},

		formRow("CreateRouteEntry", "DestinationCidrBlock", "required", ce, "", "192.168.77.0/24", dest, true),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "a CIDR block (InvalidCidrBlock)", ce, "192.168.77.0/33", "192.168.77.0/24", dest, true),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not 100.64.0.0/10", ce, "100.64.0.0/10", "100.128.0.0/10", dest, true).naming("100.64.0.0/10"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not inside 100.64.0.0/10", ce, "100.64.8.0/24", "100.128.8.0/24", dest, true).naming("100.64.0.0/10"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not equal to a VSwitch block of the VPC", ce, "10.0.1.0/24", "10.0.64.0/24", dest, true).naming("VSwitch"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not containing a VSwitch block of the VPC", ce, "10.0.0.0/20", "10.0.64.0/20", dest, true).naming("VSwitch"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "not inside a VSwitch block of the VPC", ce, "10.0.1.128/25", "10.0.64.128/25", dest, true).naming("VSwitch"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "unique in the table (InvalidCIDRBlock.Duplicate)", ce, "$existingRoute", "172.30.0.0/16", dest, true).naming("already"),
		formRow("CreateRouteEntry", "DestinationCidrBlock", "a bare IPv4 address reads as /32", ce, "10.0.1.7", "192.168.77.7", dest, true).naming("/32"),
		formRow("CreateRouteEntry", "NextHopType", "a documented next-hop type (InvalidNextHopType)", ce, "Router", "NatGateway",
			setOn(func(m *forms.RouteCreate, v string) { m.HopType = v }), false),
		formRow("CreateRouteEntry", "NextHopId", "required with NextHopType (InvalidNexthopTypeAndList.BothNull)", ce, "", "$nat",
			setOn(func(m *forms.RouteCreate, v string) { m.Hops.Set(m.HopType, v) }), false),
		formRow("CreateRouteEntry", "NextHopId", "required with NextHopType (typed next hops)", ce, "", "i-bp1constraints",
			setOn(func(m *forms.RouteCreate, v string) { m.HopType = "Instance"; m.Hops.Set("Instance", v) }), true),
		{op: "CreateRouteEntry", param: "NextHopId", rule: "a next hop in the table's VPC", section: ce, bad: "$otherNat", good: "$nat",
			probe: viaPicker("CreateRouteEntry", func(m forms.Mutation) []forms.Pick { return m.(*forms.RouteCreate).Nats })},
		formRow("CreateRouteEntry", "RouteTableId", "at most 48 custom entries (QuotaExceeded)", ce, "48", "47",
			setOn(func(m *forms.RouteCreate, v string) { m.Custom = numberOr(v) }), false),

		{op: "DeleteRouteEntry", param: "DestinationCidrBlock", rule: "only an Available entry can be deleted", section: "§2.5 DeleteRouteEntry",
			bad: "Pending", good: "Available", probe: viaRefusal(forms.RouteOps, entry("Custom", ""))},
		{op: "DeleteRouteEntry", param: "DestinationCidrBlock", rule: "a system route cannot be deleted (OperationDenied)", section: "§2.5 DeleteRouteEntry",
			bad: "System", good: "Custom", probe: viaRefusal(forms.RouteOps, entry("", "Available"))},
		{op: "DeleteRouteTable", param: "RouteTableId", rule: "a custom route table", section: "§2.5 DeleteRouteTable",
			bad: "System", good: "Custom", probe: viaRefusal(forms.RtOps, rtByType)},
	}
}

func natCatalogRows() []catalogRow {
	const cn, cf, mf, cs, msn = "§2.9 CreateNatGateway", "§2.9 CreateForwardEntry", "§2.9 ModifyForwardEntry", "§2.9 CreateSnatEntry", "§2.9 ModifySnatEntry"
	// A Normal gateway in a VPC without a 0.0.0.0/0 route yet (it adds its
	// own), so that only the spec decides.
	spec := setOn(func(m *forms.NatCreate, v string) {
		m.NatType, m.Spec = "Normal", v
		for _, p := range m.Vpcs {
			if model.CheckDefaultRouteFree(m.Routes[p.Value]) == nil {
				m.VpcID = p.Value
				break
			}
		}
	})
	snatIPs := setOn(func(m *forms.SnatForm, v string) { m.Ips = strings.Split(v, ",") })
	ipText := setOn(func(m *forms.SnatForm, v string) { m.IpText = v })
	// A DNAT entry written "TCP ext:port int:port".
	forward := setOn(func(m *forms.DnatForm, v string) {
		f := strings.Fields(v)
		m.Proto = f[0]
		m.ExtIP, m.ExtPort = hostAndPort(f[1])
		m.IntIP, m.IntPort = hostAndPort(f[2])
	})
	extPort := setOn(func(m *forms.DnatForm, v string) { m.ExtPort = v })
	intPort := setOn(func(m *forms.DnatForm, v string) { m.IntPort = v })
	intIP := setOn(func(m *forms.DnatForm, v string) { m.IntIP = v })
	proto := setOn(func(m *forms.DnatForm, v string) { m.Proto = v })
	extIP := setOn(func(m *forms.DnatForm, v string) { m.ExtIP = v })
	rows := []catalogRow{
		formRow("CreateNatGateway", "VpcId", "required", cn, "", "$bareVpc", setOn(func(m *forms.NatCreate, v string) { m.VpcID = v }), false),
		formRow("CreateNatGateway", "Spec", "Small, Middle, Large or XLarge.1", cn, "Huge", "XLarge.1", spec, false),
		formRow("ModifyNatGatewaySpec", "Spec", "Small, Middle or Large", "§2.9 ModifyNatGatewaySpec", "XLarge.1", "$otherSpec",
			setOn(func(m *forms.NatSpec, v string) { m.Spec = v }), false),
		formRow("ModifyNatGatewaySpec", "Spec", "differs from the current spec (NATGW_MODIFY_SPEC_SAME)", "§2.9 ModifyNatGatewaySpec", "$currentSpec", "$otherSpec",
			setOn(func(m *forms.NatSpec, v string) { m.Spec = v }), false),

		formRow("CreateSnatEntry", "SnatIp", "required", cs, "", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SnatIp", "IPv4 addresses (InvalidSnatIp.Malformed)", cs, "47.0.0.300", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SnatIp", "an EIP bound to the NAT gateway", cs, "203.0.113.9", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SnatIp", "not an IP DNAT uses (Forbidden.IpUsedInForwardTable)", cs, "$dnatIP", "$snatIP", snatIPs, false),
		formRow("CreateSnatEntry", "SourceVSwitchId", "one SNAT entry per VSwitch (Forbidden.SourceVSwitchId.Duplicated)", cs, "$snatTakenVsw", "$snatFreeVsw",
			setOn(func(m *forms.SnatForm, v string) { m.Source, m.VswID = "vsw", v }), false),
		{op: "CreateSnatEntry", param: "SourceVSwitchId", rule: "a VSwitch of the NAT gateway's VPC", section: cs, bad: "$otherVpcVsw", good: "$snatFreeVsw",
			probe: viaPicker("CreateSnatEntry", func(m forms.Mutation) []forms.Pick { return m.(*forms.SnatForm).Nc.Vsws })},
		formRow("CreateSnatEntry", "SourceCIDR", "a CIDR block", cs, "10.0.0.0/33", "10.0.0.0/24",
			setOn(func(m *forms.SnatForm, v string) { m.Source, m.Cidr = "cidr", v }), true),
		formRow("ModifySnatEntry", "SnatIp", "required", msn, "", "$snatIPs", ipText, true),
		formRow("ModifySnatEntry", "SnatIp", "IPv4 addresses, comma-separated (InvalidSnatIp.Malformed)", msn, "47.0.0.300", "$snatIPs", ipText, true),
		formRow("ModifySnatEntry", "SnatIp", "an EIP bound to the NAT gateway", msn, "203.0.113.9", "$snatIPs", ipText, true),
		formRow("ModifySnatEntry", "SnatIp", "not an IP DNAT uses (Forbidden.IpUsedInForwardTable)", msn, "$dnatIP", "$snatIP", ipText, true),

		formRow("CreateForwardEntry", "ExternalPort", "1-65535 (not below)", cf, "0", "1", extPort, true),
		formRow("CreateForwardEntry", "ExternalPort", "1-65535 (not above)", cf, "65536", "65535", extPort, true),
		formRow("CreateForwardEntry", "InternalPort", "1-65535 (not below)", cf, "0", "1", intPort, true),
		formRow("CreateForwardEntry", "InternalPort", "1-65535 (not above)", cf, "65536", "65535", intPort, true),
		formRow("CreateForwardEntry", "IpProtocol", "TCP, UDP or Any", cf, "ICMP", "UDP", proto, false),
		formRow("CreateForwardEntry", "InternalIp", "an IP address (InvalidInternalIp.Malformed)", cf, "10.0.1.300", "10.0.1.99", intIP, true),
		formRow("CreateForwardEntry", "InternalIp", "inside the VPC's block (Forbidden.InternalIpOutOfVpcCIDR)", cf, "192.168.1.1", "10.0.1.99", intIP, true),
		formRow("CreateForwardEntry", "ExternalIp", "an IP address (InvalidExternalIp.Malformed)", cf, "120.26.0.300", "$dnatIP", extIP, false),
		formRow("CreateForwardEntry", "ExternalIp", "not an IP SNAT uses (Forbidden.ExternalIp.UsedInSnatTable)", cf, "$snatIP", "$dnatIP", extIP, false),
		{op: "CreateForwardEntry", param: "ExternalIp", rule: "an EIP bound to the NAT gateway (InvalidIp.NotInNatgw)", section: cf, bad: "203.0.113.9", good: "$dnatIP",
			probe: viaPicker("CreateForwardEntry", func(m forms.Mutation) []forms.Pick { return m.(*forms.DnatForm).Nc.Eips })},
		formRow("CreateForwardEntry", "ExternalIp+ExternalPort+IpProtocol", "unique in the DNAT table", cf, "$dnatDupExternal", "$dnatFresh", forward, false),
		formRow("CreateForwardEntry", "IpProtocol+InternalIp+InternalPort", "unique in the DNAT table", cf, "$dnatDupInternal", "$dnatFresh", forward, false),
		formRow("CreateForwardEntry", "ForwardTableId", "at most 100 DNAT entries", cf, "100", "99",
			setOn(func(m *forms.DnatForm, v string) { m.Nc.DnatCount = numberOr(v) }), false),
		formRow("ModifyForwardEntry", "ExternalPort", "1-65535", mf, "65536", "65535", extPort, true),
		formRow("ModifyForwardEntry", "InternalPort", "1-65535", mf, "0", "18443", intPort, true),
		formRow("ModifyForwardEntry", "IpProtocol", "TCP, UDP or Any", mf, "SCTP", "TCP", proto, false),
		formRow("ModifyForwardEntry", "InternalIp", "inside the VPC's block (Forbidden.DestnationIpOutOfVpcCIDR)", mf, "192.168.1.1", "10.0.1.99", intIP, true),
		formRow("ModifyForwardEntry", "ExternalIp", "not an IP SNAT uses (Forbidden.ExternalIp.UsedInSnatTable)", mf, "$snatIP", "$dnatIP", extIP, false),
		formRow("ModifyForwardEntry", "ExternalIp+ExternalPort+IpProtocol", "unique in the DNAT table (the entry itself aside)", mf, "$dnatDupExternal", "$dnatSelf", forward, false),
		formRow("ModifyForwardEntry", "IpProtocol+InternalIp+InternalPort", "unique in the DNAT table (the entry itself aside)", mf, "$dnatDupInternal", "$dnatSelf", forward, false),
	}
	// CreateNatGateway's Description is 2-256 characters without an http(s)
	// prefix (§0's exception); the leading-letter rule is not documented
	// for it, so descCatalogRows' third row does not apply.
	natDesc := setOn(func(m *forms.NatCreate, v string) { m.Desc = v })
	rows = append(rows, nameCatalogRows("CreateNatGateway", "Name", "§0, "+cn, model.DefaultName, setOn(func(m *forms.NatCreate, v string) { m.Name = v }))...)
	for _, r := range descCatalogRows("CreateNatGateway", "§0 (exception), "+cn, natDesc) {
		if !strings.HasPrefix(r.rule, "starts with") {
			rows = append(rows, r)
		}
	}
	rows = append(rows, textCatalogRows("ModifyNatGatewayAttribute", "Name", "§0, §2.9 ModifyNatGatewayAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyNatGatewayAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyNatGatewayAttributeInput], v string) { m.Desc = v }))...)
	return rows
}

func eipCatalogRows() []catalogRow {
	const me = "§2.13 ModifyEipAddressAttribute"
	eipWith := func(edit func(x *model.EipAddress, v string)) func(e *catalogEnv, v string) *model.Object {
		return func(e *catalogEnv, v string) *model.Object {
			x := *e.eip.Val().(*model.EipAddress)
			edit(&x, v)
			return e.obj("eip", catalogRegion, &x)
		}
	}
	rows := []catalogRow{
		formRow("AllocateEipAddress", "Bandwidth", "a whole number of Mbit/s (InvalidParameter)", "§2.13 AllocateEipAddress", "fast", "5",
			setOn(func(m *forms.EipAllocate, v string) { m.Bandwidth = v }), true),
		formRow("ModifyEipAddressAttribute", "Bandwidth", "a whole number of Mbit/s (InvalidParameter)", me, "10M", "10",
			setOn(func(m *forms.EipModify, v string) { m.Bandwidth = v }), true),
		{op: "AssociateEipAddress", param: "AllocationId", rule: "an Available EIP (IncorrectEipStatus)", section: "§2.13 AssociateEipAddress",
			bad: "InUse", good: "Available", probe: viaGate(forms.NewEipAssociate, func(e *catalogEnv, v string) *model.Object { return e.eipByStatus[v] }, true)},
		formRow("AssociateEipAddress", "InstanceId", "required", "§2.13 AssociateEipAddress", "", "i-bp1constraints",
			setOn(func(m *forms.EipAssociate, v string) { m.InstType, m.EcsID = "EcsInstance", v }), true),
		{op: "UnassociateEipAddress", param: "AllocationId", rule: "an EIP bound to an instance (IncorrectEipStatus)", section: "§2.13 UnassociateEipAddress",
			bad: "Available", good: "InUse", probe: viaGate(forms.NewEipUnassociate, func(e *catalogEnv, v string) *model.Object { return e.eipByStatus[v] }, true)},
		{op: "ReleaseEipAddress", param: "AllocationId", rule: "only an Available EIP can be released", section: "§2.13 ReleaseEipAddress",
			bad: "InUse", good: "Available", probe: viaRefusal(forms.EipOps, eipWith(func(x *model.EipAddress, v string) { x.Status, x.InstanceId = v, "" }))},
		{op: "ReleaseEipAddress", param: "AllocationId", rule: "not a prepaid EIP (Forbidden.ChargeTypeIsPrepaid)", section: "§2.13 ReleaseEipAddress",
			bad: "PrePaid", good: "PostPaid", probe: viaRefusal(forms.EipOps, eipWith(func(x *model.EipAddress, v string) { x.ChargeType = v }))},
	}
	return append(rows, textCatalogRows("ModifyEipAddressAttribute", "Name", "§0, "+me, model.DefaultName,
		setOn(func(m *forms.EipModify, v string) { m.Name = v }), setOn(func(m *forms.EipModify, v string) { m.Desc = v }))...)
}

func vpnCatalogRows() []catalogRow {
	const cc, cvc, mvc = "§2.8 CreateCustomerGateway", "§2.8 CreateVpnConnection", "§2.8 ModifyVpnConnectionAttribute"
	local := setOn(func(m *forms.IpsecForm, v string) { m.Local = v })
	remote := setOn(func(m *forms.IpsecForm, v string) { m.Remote = v })
	ike := func(f func(c *model.IkeConfig, v string)) fieldSetter {
		return setOn(func(m *forms.IpsecForm, v string) { f(&m.Ike, v) })
	}
	cgwIP := setOn(func(m *forms.CgwForm, v string) { m.Ip = v })
	rows := []catalogRow{
		formRow("CreateVpnGateway", "VpcId", "required", "§2.8 CreateVpnGateway", "", "$vpc", setOn(func(m *forms.VpnCreate, v string) { m.VpcID = v }), false),
		formRow("CreateVpnGateway", "Bandwidth", "5, 10, 20, 50 or 100 Mbit/s", "§2.8 CreateVpnGateway", "30", "50", setOn(func(m *forms.VpnCreate, v string) { m.Bandwidth = v }), false),
		formRow("CreateCustomerGateway", "IpAddress", "required", cc, "", "203.0.113.77", cgwIP, true),
		formRow("CreateCustomerGateway", "IpAddress", "an IP address (InvalidIpAddress.WrongFormat)", cc, "203.0.113.300", "203.0.113.77", cgwIP, true),
		formRow("CreateVpnConnection", "VpnGatewayId", "required", cvc, "", "$vpn", setOn(func(m *forms.IpsecForm, v string) { m.VpnID = v }), false),
		formRow("CreateVpnConnection", "CustomerGatewayId", "required", cvc, "", "$cgw", setOn(func(m *forms.IpsecForm, v string) { m.CgwID = v }), false),
		formRow("CreateVpnConnection", "LocalSubnet", "required", cvc, "", "10.0.0.0/16", local, true),
		formRow("CreateVpnConnection", "LocalSubnet", "CIDR blocks separated by commas", cvc, "10.0.0.0/16;10.1.0.0/16", "10.0.0.0/16,10.1.0.0/16", local, true),
		formRow("CreateVpnConnection", "RemoteSubnet", "required", cvc, "", "172.20.0.0/16", remote, true),
		formRow("CreateVpnConnection", "RemoteSubnet", "CIDR blocks separated by commas", cvc, "172.20.0.0/16 172.21.0.0/16", "172.20.0.0/16,172.21.0.0/16", remote, true),
		formRow("CreateVpnConnection", "IkeConfig.IkeVersion", "ikev1 or ikev2", cvc, "ikev3", "ikev1", ike(func(c *model.IkeConfig, v string) { c.IkeVersion = v }), false),
		formRow("CreateVpnConnection", "IkeConfig.IkeMode", "main or aggressive", cvc, "quick", "aggressive", ike(func(c *model.IkeConfig, v string) { c.IkeMode = v }), false),
		formRow("CreateVpnConnection", "IkeConfig.IkeAuthAlg", "sha1 or MD5", cvc, "crc32", "md5", ike(func(c *model.IkeConfig, v string) { c.IkeAuthAlg = v }), false),
		formRow("CreateVpnConnection", "IkeConfig.IkePfs", "group1, group2, group5, group14 or group24", cvc, "group3", "group14", ike(func(c *model.IkeConfig, v string) { c.IkePfs = v }), false),
		formRow("CreateVpnConnection", "IpsecConfig.IpsecAuthAlg", "sha1 or md5", cvc, "crc32", "md5", setOn(func(m *forms.IpsecForm, v string) { m.Ipsec.IpsecAuthAlg = v }), false),
		formRow("ModifyVpnConnectionAttribute", "LocalSubnet", "CIDR blocks separated by commas", mvc, "10.0.0.0/33", "10.0.0.0/16", local, true),
		formRow("ModifyVpnConnectionAttribute", "RemoteSubnet", "CIDR blocks separated by commas", mvc, "172.20.0.0/16,x", "172.20.0.0/16", remote, true),
	}
	rows = append(rows, nameCatalogRows("CreateVpnGateway", "Name", "§0 (exception), §2.8 CreateVpnGateway", model.VpnGatewayName,
		setOn(func(m *forms.VpnCreate, v string) { m.Name = v }))...)
	rows = append(rows, textCatalogRows("ModifyVpnGatewayAttribute", "Name", "§0, §2.8 ModifyVpnGatewayAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyVpnGatewayAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyVpnGatewayAttributeInput], v string) { m.Desc = v }))...)
	cgwName, cgwDesc := setOn(func(m *forms.CgwForm, v string) { m.Name = v }), setOn(func(m *forms.CgwForm, v string) { m.Desc = v })
	rows = append(rows, textCatalogRows("CreateCustomerGateway", "Name", "§0, "+cc, model.DefaultName, cgwName, cgwDesc)...)
	rows = append(rows, textCatalogRows("ModifyCustomerGatewayAttribute", "Name", "§0, §2.8 ModifyCustomerGatewayAttribute", model.DefaultName, cgwName, cgwDesc)...)
	ipsecName := setOn(func(m *forms.IpsecForm, v string) { m.Name = v })
	rows = append(rows, nameCatalogRows("CreateVpnConnection", "Name", "§0, "+cvc, model.DefaultName, ipsecName)...)
	return append(rows, nameCatalogRows("ModifyVpnConnectionAttribute", "Name", "§0, "+mvc, model.DefaultName, ipsecName)...)
}

func vbrCatalogRows() []catalogRow {
	const mv, cg, cp = "§2.6 ModifyVirtualBorderRouterAttribute", "§2.7 CreateBgpGroup", "§2.7 CreateBgpPeer"
	vlan := setOn(func(m *forms.VbrModify, v string) { m.Vlan = v })
	mask := setOn(func(m *forms.VbrModify, v string) { m.Mask = v })
	peerAsn := setOn(func(m *forms.BgpGroupForm, v string) { m.PeerAsn = v })
	peerIP := setOn(func(m *forms.BgpPeerForm, v string) { m.PeerIP = v })
	vbrStatus := func(e *catalogEnv, v string) *model.Object { return statusCopy(e.vbr, v) }
	rows := []catalogRow{
		formRow("ModifyVirtualBorderRouterAttribute", "VlanId", "1-2999 (not below)", mv, "0", "1", vlan, true),
		formRow("ModifyVirtualBorderRouterAttribute", "VlanId", "1-2999 (not above)", mv, "3000", "2999", vlan, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeeringSubnetMask", "255.255.255.0 to 255.255.255.252 (/24 at widest)", mv, "255.255.254.0", "255.255.255.0", mask, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeeringSubnetMask", "255.255.255.0 to 255.255.255.252 (/30 at narrowest)", mv, "255.255.255.254", "255.255.255.252", mask, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeeringSubnetMask", "a dotted mask (InvalidPeeringSubnetMask.Malformed)", mv, "255.0.255.0", "255.255.255.248", mask, true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeerGatewayIp", "same subnet as LocalGatewayIp (InvalidIp.NotSameSubnet)", mv, "10.254.0.9", "10.254.0.6",
			setOn(func(m *forms.VbrModify, v string) { m.Peer = v }), true),
		formRow("ModifyVirtualBorderRouterAttribute", "PeerGatewayIp", "an IP address (InvalidIp.Malformed)", mv, "10.254.0.x", "10.254.0.5",
			setOn(func(m *forms.VbrModify, v string) { m.Peer = v }), true),
		formRow("ModifyVirtualBorderRouterAttribute", "LocalGatewayIp", "an IP address (InvalidIp.Malformed)", mv, "10.254.0.256", "10.254.0.3",
			setOn(func(m *forms.VbrModify, v string) { m.Local = v }), true),
		{op: "TerminateVirtualBorderRouter", param: "VbrId", rule: "an active (Enabled) VBR", section: "§2.6 TerminateVirtualBorderRouter",
			bad: "terminated", good: "active", probe: viaGate(actionNamed(forms.VbrOps, "Terminate"), vbrStatus, false)},
		{op: "RecoverVirtualBorderRouter", param: "VbrId", rule: "a Terminated VBR", section: "§2.6 RecoverVirtualBorderRouter",
			bad: "active", good: "terminated", probe: viaGate(actionNamed(forms.VbrOps, "Recover"), vbrStatus, false)},

		formRow("CreateBgpGroup", "RouterId", "required", cg, "", "$vbr", setOn(func(m *forms.BgpGroupForm, v string) { m.VbrID = v }), false),
		formRow("CreateBgpGroup", "PeerAsn", "required", cg, "", "65001", peerAsn, true),
		formRow("CreateBgpGroup", "PeerAsn", "a number (Long)", cg, "AS65001", "65001", peerAsn, true),
		formRow("CreateBgpGroup", "PeerAsn", "not Alibaba Cloud's 45104 (InvalidPeerAsn.Malformed)", cg, "45104", "45105", peerAsn, true),
		formRow("ModifyBgpGroupAttribute", "PeerAsn", "not Alibaba Cloud's 45104 (InvalidPeerAsn.Malformed)", "§2.7 ModifyBgpGroupAttribute", "45104", "65002", peerAsn, true),
		formRow("CreateBgpPeer", "BgpGroupId", "required", cp, "", "$bgp", setOn(func(m *forms.BgpPeerForm, v string) { m.GroupID = v }), false),
		formRow("CreateBgpPeer", "PeerIpAddress", "required (InvalidPeerIpAddress)", cp, "", "10.254.0.4", peerIP, true),
		formRow("CreateBgpPeer", "PeerIpAddress", "an IP address (InvalidIP.Malformed)", cp, "10.254.0.400", "10.254.0.4", peerIP, true),
		formRow("CreateBgpPeer", "PeerIpAddress", "IPv4 only: no IPv6 BGP", cp, "fe80::4", "10.254.0.5", peerIP, true),
		formRow("ModifyBgpPeerAttribute", "PeerIpAddress", "IPv4 only: no IPv6 BGP", "§2.7 (BGP: IPv4 only)", "fe80::2", "10.254.0.2", peerIP, true),
		formRow("AddBgpNetwork", "RouterId", "required", "§2.7 AddBgpNetwork", "", "$vbr", setOn(func(m *forms.BgpNetCreate, v string) { m.VbrID = v }), false),
		formRow("AddBgpNetwork", "DstCidrBlock", "required", "§2.7 AddBgpNetwork", "", "10.0.0.0/16", setOn(func(m *forms.BgpNetCreate, v string) { m.Cidr = v }), true),
		formRow("AddBgpNetwork", "DstCidrBlock", "a CIDR block", "§2.7 AddBgpNetwork", "10.0.0.0/40", "10.0.1.0/24", setOn(func(m *forms.BgpNetCreate, v string) { m.Cidr = v }), true),
	}
	rows = append(rows, textCatalogRows("ModifyVirtualBorderRouterAttribute", "Name", "§0, "+mv, model.DefaultName,
		setOn(func(m *forms.VbrModify, v string) { m.Name = v }), setOn(func(m *forms.VbrModify, v string) { m.Desc = v }))...)
	bgpName, bgpDesc := setOn(func(m *forms.BgpGroupForm, v string) { m.Name = v }), setOn(func(m *forms.BgpGroupForm, v string) { m.Desc = v })
	rows = append(rows, textCatalogRows("CreateBgpGroup", "Name", "§0, "+cg, model.DefaultName, bgpName, bgpDesc)...)
	return append(rows, textCatalogRows("ModifyBgpGroupAttribute", "Name", "§0, §2.7 ModifyBgpGroupAttribute", model.DefaultName, bgpName, bgpDesc)...)
}

func flowLogCatalogRows() []catalogRow {
	const cf, sag, sagm = "§2.10 CreateFlowLog", "§3.2 CreateFlowLog (SAG)", "§3.2 rules, SAG ModifyFlowLogAttribute"
	traffic := setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Traffic = v })
	active := setOn(func(m *forms.SagFlowLogForm, v string) { m.Active = v })
	inactive := setOn(func(m *forms.SagFlowLogForm, v string) { m.Inactive = v })
	output := setOn(func(m *forms.SagFlowLogForm, v string) { m.Output = v })
	// NetFlow settings, with the other NetFlow values valid.
	netflow := func(f func(m *forms.SagFlowLogForm, v string)) fieldSetter {
		return setOn(func(m *forms.SagFlowLogForm, v string) {
			m.Output, m.NfIP, m.NfPort, m.NfVersion = "netflow", "192.168.0.2", "9995", "V9"
			f(m, v)
		})
	}
	rows := []catalogRow{
		formRow("CreateFlowLog", "TrafficType", "required", cf, "", "Drop", traffic, false),
		formRow("CreateFlowLog", "TrafficType", "All, Allow or Drop", cf, "Some", "Allow", traffic, false),
		formRow("CreateFlowLog", "ResourceType", "NetworkInterface, VSwitch or VPC", cf, "Instance", "VSwitch", setOn(func(m *forms.VpcFlowLogCreate, v string) { m.ResType = v }), false),
		formRow("CreateFlowLog", "ProjectName", "required", cf, "", "flowlog-project", setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Project = v }), true),
		formRow("CreateFlowLog", "LogStoreName", "required", cf, "", "flows", setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Logstore = v }), true),

		formRow("SAG CreateFlowLog", "OutputType", "required", sag, "", "sls", output, false),
		formRow("SAG CreateFlowLog", "OutputType", "sls, netflow or all (IllegalParam.OutputType)", sag, "kafka", "sls", output, false),
		formRow("SAG CreateFlowLog", "ActiveAging", "60-6000 seconds (not below)", sag, "59", "60", active, true),
		formRow("SAG CreateFlowLog", "ActiveAging", "60-6000 seconds (not above)", sag, "6001", "6000", active, true),
		formRow("SAG CreateFlowLog", "InactiveAging", "10-600 seconds (not below)", sag, "9", "10", inactive, true),
		formRow("SAG CreateFlowLog", "InactiveAging", "10-600 seconds (not above)", sag, "601", "600", inactive, true),
		formRow("SAG CreateFlowLog", "SlsRegionId", "required for sls and all (MissingParam.SlsRegionId)", sag, "", "cn-hangzhou", setOn(func(m *forms.SagFlowLogForm, v string) { m.SlsRegion = v }), true),
		formRow("SAG CreateFlowLog", "ProjectName", "required for sls and all (MissingParam.ProjectName)", sag, "", "sag-flows", setOn(func(m *forms.SagFlowLogForm, v string) { m.Project = v }), true),
		formRow("SAG CreateFlowLog", "LogstoreName", "required for sls and all (MissingParam.LogstoreName)", sag, "", "branch", setOn(func(m *forms.SagFlowLogForm, v string) { m.Logstore = v }), true),
		formRow("SAG CreateFlowLog", "ProjectName", "required for all too", sag, "", "sag-flows",
			setOn(func(m *forms.SagFlowLogForm, v string) { m.Output, m.NfIP, m.Project = "all", "192.168.0.2", v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerIp", "required for netflow and all (MissingParam.NetflowServerIp)", sag, "", "192.168.0.2",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfIP = v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerIp", "an IP address (IllegalParam.NetflowServerIp)", sag, "192.168.0.256", "192.168.0.2",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfIP = v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerIp", "required for all too", sag, "", "192.168.0.2",
			setOn(func(m *forms.SagFlowLogForm, v string) { m.Output, m.NfIP = "all", v }), true),
		formRow("SAG CreateFlowLog", "NetflowServerPort", "a port (IllegalParam.NetflowServerPort)", sag, "70000", "9995",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfPort = v }), true),
		formRow("SAG CreateFlowLog", "NetflowVersion", "V5, V9 or V10 (IllegalParam.NetflowVersion)", sag, "V8", "V10",
			netflow(func(m *forms.SagFlowLogForm, v string) { m.NfVersion = v }), false),
		formRow("SAG ModifyFlowLogAttribute", "OutputType", "sls, netflow or all", sagm, "kafka", "netflow", output, false),
		formRow("SAG ModifyFlowLogAttribute", "ActiveAging", "60-6000 seconds", sagm, "6001", "6000", active, true),
		formRow("SAG ModifyFlowLogAttribute", "InactiveAging", "10-600 seconds", sagm, "601", "600", inactive, true),
		formRow("SAG ModifyFlowLogAttribute", "NetflowServerIp", "required for netflow and all", sagm, "", "192.168.0.9",
			setOn(func(m *forms.SagFlowLogForm, v string) { m.NfIP = v }), true),
		{op: "DeleteFlowLog (SAG)", param: "FlowLogId", rule: "not while bound to an SAG instance (DependencyViolation.FlowLog)", section: "§3.2 error codes",
			bad: "1", good: "0", probe: viaRefusal(forms.SagFlowLogOps, func(e *catalogEnv, v string) *model.Object {
				f := *e.sagFlowLog.Val().(*model.SagFlowLog)
				f.TotalSagNum = model.FlexInt(numberOr(v))
				return e.obj("sagflowlog", catalogRegion, &f)
			})},
	}
	rows = append(rows, textCatalogRows("CreateFlowLog", "FlowLogName", "§0, "+cf, model.DefaultName,
		setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Name = v }), setOn(func(m *forms.VpcFlowLogCreate, v string) { m.Desc = v }))...)
	return append(rows, textCatalogRows("ModifyFlowLogAttribute", "FlowLogName", "§0, §2.10 ModifyFlowLogAttribute", model.DefaultName,
		setOn(func(m *forms.AttrEdit[client.ModifyFlowLogAttributeInput], v string) { m.Name = v }), setOn(func(m *forms.AttrEdit[client.ModifyFlowLogAttributeInput], v string) { m.Desc = v }))...)
}

func peerCatalogRows() []catalogRow {
	const cp, mp = "§3.3 CreateVpcPeerConnection", "§3.3 rules, ModifyVpcPeerConnection"
	uid := setOn(func(m *forms.PeerCreate, v string) { m.AcceptUID = v })
	accept := setOn(func(m *forms.PeerCreate, v string) { m.AcceptVpc = v })
	// Bandwidth and LinkType are for a cross-region peering.
	cross := func(f func(m *forms.PeerCreate, v string)) fieldSetter {
		return setOn(func(m *forms.PeerCreate, v string) { m.AcceptRegion = "cn-shanghai"; f(m, v) })
	}
	peerStatus := func(e *catalogEnv, v string) *model.Object { return statusCopy(e.peer, v) }
	regionState := func(opened func(r *model.Region, v string)) func(e *catalogEnv, v string) *model.Object {
		return func(e *catalogEnv, v string) *model.Object {
			r := *e.region.Val().(*model.Region)
			opened(&r, v)
			return e.obj("region", catalogRegion, &r)
		}
	}
	rows := []catalogRow{
		formRow("CreateVpcPeerConnection", "VpcId", "required", cp, "", "$vpc", setOn(func(m *forms.PeerCreate, v string) { m.VpcID = v }), false),
		formRow("CreateVpcPeerConnection", "AcceptingAliUid", "required", cp, "", "1210123456123456", uid, true),
		formRow("CreateVpcPeerConnection", "AcceptingAliUid", "an integer account ID", cp, "acme-corp", "1210123456123456", uid, true),
		formRow("CreateVpcPeerConnection", "AcceptingVpcId", "required", cp, "", "$sharedVpc", accept, true),
		formRow("CreateVpcPeerConnection", "Bandwidth", "an integer greater than 0 (Mbit/s)", cp, "0", "100",
			cross(func(m *forms.PeerCreate, v string) { m.Bandwidth = v }), true),
		formRow("CreateVpcPeerConnection", "Bandwidth", "an integer (Mbit/s)", cp, "fast", "100",
			cross(func(m *forms.PeerCreate, v string) { m.Bandwidth = v }), true),
		formRow("CreateVpcPeerConnection", "LinkType", "Platinum or Gold", cp, "Silver", "Platinum",
			cross(func(m *forms.PeerCreate, v string) { m.LinkType = v }), false),
		formRow("ModifyVpcPeerConnection", "Bandwidth", "an integer greater than 0 (Mbit/s)", mp, "-5", "200",
			setOn(func(m *forms.PeerModify, v string) { m.Bandwidth = v }), true),
		formRow("ModifyVpcPeerConnection", "LinkType", "Platinum or Gold", mp, "Bronze", "Gold",
			setOn(func(m *forms.PeerModify, v string) { m.LinkType = v }), false),
		{op: "AcceptVpcPeerConnection", param: "InstanceId", rule: "a connection waiting in Accepting", section: "§3.3 (Accepting)",
			bad: "Activated", good: "Accepting", probe: viaGate(func(fc *forms.FormCtx) forms.Mutation { return forms.PeerDecide(fc, true) }, peerStatus, false)},
		{op: "RejectVpcPeerConnection", param: "InstanceId", rule: "a connection waiting in Accepting", section: "§3.3 (Accepting)",
			bad: "Activated", good: "Accepting", probe: viaGate(func(fc *forms.FormCtx) forms.Mutation { return forms.PeerDecide(fc, false) }, peerStatus, false)},
		{op: "OpenTrafficMirrorService", param: "RegionId", rule: "not again for a region where it is open (repeated calls refused)", section: "§3.1",
			bad: "Opened", good: "Not opened", probe: viaGate(actionNamed(forms.RegionOps, "Open traffic mirroring"),
				regionState(func(r *model.Region, v string) { r.TrafficMirror = v }), false)},
		{op: "OpenPublicIpAddressPoolService", param: "RegionId", rule: "not again once open (one activation per account)", section: "§3.4",
			bad: "Opened", good: "Not opened", probe: viaGate(actionNamed(forms.RegionOps, "Open IP address pools"),
				regionState(func(r *model.Region, v string) { r.IpPool = v }), false)},
	}
	rows = append(rows, textCatalogRows("CreateVpcPeerConnection", "Name", "§3.3 CreateVpcPeerConnection (Name, Description)", model.PeerName,
		setOn(func(m *forms.PeerCreate, v string) { m.Name = v }), setOn(func(m *forms.PeerCreate, v string) { m.Desc = v }))...)
	return append(rows, textCatalogRows("ModifyVpcPeerConnection", "Name", mp, model.PeerName,
		setOn(func(m *forms.PeerModify, v string) { m.Name = v }), setOn(func(m *forms.PeerModify, v string) { m.Desc = v }))...)
}

func deleteCatalogRows() []catalogRow {
	return []catalogRow{
		{op: "DeleteVpc", param: "VpcId", rule: "VSwitches, route tables, gateways and other resources in the VPC go first", section: "§2.2 DeleteVpc",
			bad: "prod-core", good: "empty", probe: viaDependents(forms.VpcOps, func(e *catalogEnv, v string) *model.Object {
				if v == "empty" {
					return e.fresh
				}
				return e.vpc
			})},
		{op: "DeleteVpnGateway", param: "VpnGatewayId", rule: "not while it has IPsec connections", section: "§2.8 DeleteVpnGateway",
			bad: "with connections", good: "without", probe: viaDependents(forms.VpnOps, func(e *catalogEnv, v string) *model.Object {
				if v == "without" {
					return e.spareVpn
				}
				return e.vpn
			})},
	}
}

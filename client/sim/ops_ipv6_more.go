package sim

import (
	"slices"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// IPv6 gateways, continued: egress-only rules, the internet bandwidth of
// IPv6 addresses and DescribeIpv6Addresses.

// describeIpv6EgressOnlyRules lists a gateway's rules; the gateway is
// looked up after paging.
var describeIpv6EgressOnlyRules = listSpec{Kind: kindIpv6Rule, Wrapper: "Ipv6EgressOnlyRules", Item: "Ipv6EgressOnlyRule",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		_, err := lookupIpv6Gw(c)
		return nil, err
	},
	Narrow: []narrow{{"Ipv6GatewayId", kindIpv6Gw}},
	Fields: fieldsOf(ipv6RuleOf, "Ipv6EgressOnlyRuleId", "InstanceId", "InstanceType", "Name"),
}

// lookupIpv6Addr finds the address Ipv6AddressId names in the region.
func lookupIpv6Addr(c *call) (*record, error) {
	return ipv6Lookup(c, kindIpv6Addr, "Ipv6AddressId", "IPv6 address")
}

func createIpv6EgressOnlyRule(c *call) (any, error) {
	gw, err := lookupIpv6Gw(c)
	if err != nil {
		return nil, err
	}
	if _, err := oneOfParam(c, "InstanceType", "Ipv6Address", "Ipv6Address"); err != nil {
		return nil, err
	}
	if err := checkIpv6NameDesc(c); err != nil {
		return nil, err
	}
	if err := c.need("InstanceId"); err != nil {
		return nil, err
	}
	addr := c.st.find(kindIpv6Addr, gw.Region, strings.TrimSpace(c.str("InstanceId")))
	switch {
	case addr == nil:
		return nil, newErr(404, "InvalidInstanceId.NotFound", "The specified IPv6 address does not exist.")
	case ipv6AddrOf(addr).VpcId != ipv6GwOf(gw).VpcId:
		return nil, errInvalidParamMsg("InstanceId", "the IPv6 address is not in the gateway's VPC")
	case c.st.count(kindIpv6Rule, kindIpv6Addr, addr.ID) > 0:
		return nil, newErr(400, "InvalidInstanceId.Duplicated", "The IPv6 address already has an egress-only rule.")
	}
	if err := needStatus(c, gw, stAvailable, "Ipv6Gateway"); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := addIpv6Rule(c.st, gw, addr, c.str("Name"), c.str("Description"), stCreating)
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	return M{"Ipv6EgressRuleId": rec.ID}, nil
}

func addIpv6Rule(st *store, gw, addr *record, name, desc, status string) *record {
	return st.mustAdd(kindIpv6Rule, gw.Region, &model.Ipv6EgressOnlyRule{
		Ipv6EgressOnlyRuleId: st.newID(kindIpv6Rule, gw.Region), Name: name, Description: desc,
		InstanceId: addr.ID, InstanceType: "Ipv6Address", Status: status, Ipv6GatewayId: gw.ID,
	})
}

func deleteIpv6EgressOnlyRule(c *call) (any, error) {
	rule, err := ipv6Lookup(c, kindIpv6Rule, "Ipv6EgressOnlyRuleId", "egress-only rule")
	if err != nil {
		return nil, err
	}
	if err := needStatus(c, rule, stAvailable, "Ipv6EgressOnlyRule"); err != nil {
		return nil, err
	}
	return removeLater(c, rule, stDeleting, "")
}

// ipv6Bandwidth reads the required Bandwidth and checks it against the
// charge type and the spec of the address's gateway.
func ipv6Bandwidth(c *call, chargeType string, gw *record) (int, error) {
	if err := c.need("Bandwidth"); err != nil {
		return 0, err
	}
	v, err := c.intParam("Bandwidth", 0, 1, 5000)
	if err != nil {
		return 0, err
	}
	if err := model.CheckIpv6Bandwidth(v, chargeType, ipv6GwOf(gw).Spec); err != nil {
		return 0, errInvalidParamMsg("Bandwidth", err.Error())
	}
	return v, nil
}

func allocateIpv6InternetBandwidth(c *call) (any, error) {
	gw, err := lookupIpv6Gw(c)
	if err != nil {
		return nil, err
	}
	addr, err := lookupIpv6Addr(c)
	if err != nil {
		return nil, err
	}
	charge, err := oneOfParam(c, "InternetChargeType", "PayByBandwidth", "PayByBandwidth", "PayByTraffic")
	if err != nil {
		return nil, err
	}
	switch a := ipv6AddrOf(addr); {
	case a.VpcId != ipv6GwOf(gw).VpcId:
		return nil, errInvalidParamMsg("Ipv6AddressId", "the IPv6 address is not behind this gateway")
	case a.HasBandwidth():
		return nil, newErr(400, "OperationFailed.Ipv6InternetBandwidthExist", "The IPv6 address already has internet bandwidth.")
	}
	n, err := ipv6Bandwidth(c, charge, gw)
	if err != nil {
		return nil, err
	}
	if err := needStatus(c, gw, stAvailable, "Ipv6Gateway"); err != nil {
		return nil, err
	}
	if err := needStatus(c, addr, stAvailable, "Ipv6Address"); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	id := c.st.newID(byBandwidth, addr.Region)
	setIpv6Bandwidth(c.st, addr, model.Ipv6InternetBandwidth{Ipv6InternetBandwidthId: id, Bandwidth: n,
		InternetChargeType: charge, InstanceChargeType: "PostPaid", BusinessStatus: "Normal"})
	transit(c, addr, stPending, stAvailable)
	return M{"InternetBandwidthId": id, "Ipv6AddressId": addr.ID}, nil
}

// setIpv6Bandwidth gives an address its bandwidth (a zero value takes it
// away, and the address is private again).
func setIpv6Bandwidth(st *store, addr *record, bw model.Ipv6InternetBandwidth) {
	a := ipv6AddrOf(addr)
	st.change(addr, func() {
		a.Ipv6InternetBandwidth, a.NetworkType = bw, "Private"
		if bw.Ipv6InternetBandwidthId != "" {
			a.NetworkType = "Public"
		}
	})
}

// lookupIpv6Bandwidth finds the Available address whose bandwidth
// Modify/DeleteIpv6InternetBandwidth name, by Ipv6AddressId or
// Ipv6InternetBandwidthId.
func lookupIpv6Bandwidth(c *call) (*record, error) {
	var addr *record
	bw := strings.TrimSpace(c.str("Ipv6InternetBandwidthId"))
	region, err := c.region()
	switch {
	case err != nil:
		return nil, err
	case bw != "":
		if rs := c.st.children(kindIpv6Addr, byBandwidth, bw); len(rs) > 0 && rs[0].Region == region {
			addr = rs[0]
		}
	case !c.has("Ipv6AddressId"):
		return nil, errMissing("Ipv6AddressId")
	default:
		if addr, err = lookupIpv6Addr(c); err != nil {
			return nil, err
		}
	}
	if addr == nil || !ipv6AddrOf(addr).HasBandwidth() {
		return nil, newErr(404, "InvalidIpv6InternetBandwidthId.NotFound", "The specified IPv6 internet bandwidth does not exist.")
	}
	return addr, needStatus(c, addr, stAvailable, "Ipv6Address")
}

func modifyIpv6InternetBandwidth(c *call) (any, error) {
	addr, err := lookupIpv6Bandwidth(c)
	if err != nil {
		return nil, err
	}
	bw := ipv6AddrOf(addr).Ipv6InternetBandwidth
	gw := vpcIpv6Gateway(c.st, ipv6AddrOf(addr).VpcId)
	if gw == nil {
		return nil, newErr(404, "InvalidIpv6GatewayId.NotFound", "The VPC of the IPv6 address has no IPv6 gateway.")
	}
	if bw.Bandwidth, err = ipv6Bandwidth(c, bw.InternetChargeType, gw); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	setIpv6Bandwidth(c.st, addr, bw)
	transit(c, addr, stPending, stAvailable)
	return nil, nil
}

func deleteIpv6InternetBandwidth(c *call) (any, error) {
	addr, err := lookupIpv6Bandwidth(c)
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	setIpv6Bandwidth(c.st, addr, model.Ipv6InternetBandwidth{})
	transit(c, addr, stPending, stAvailable)
	return nil, nil
}

// describeIpv6Addresses checks its list parameters before RegionId; a VPC
// or VSwitch listing walks only its own index.
var describeIpv6Addresses = listSpec{Kind: kindIpv6Addr, Wrapper: "Ipv6Addresses", Item: "Ipv6Address",
	Region: func(c *call) (string, error) {
		if _, err := splitList(c, "Ipv6AddressId", 20); err != nil {
			return "", err
		}
		if _, err := oneOfParam(c, "AssociatedInstanceType", "EcsInstance", "EcsInstance", "NetworkInterface"); err != nil {
			return "", err
		}
		return c.region()
	},
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		ids, _ := splitList(c, "Ipv6AddressId", 20) // checked by Region
		if len(ids) == 0 {
			return nil, nil
		}
		return keep(func(r *record) bool { return slices.Contains(ids, r.ID) }, nil)
	},
	Narrow: []narrow{{"VSwitchId", kindVSwitch}, {"VpcId", kindVpc}},
	Fields: fieldsOf(ipv6AddrOf, "VpcId", "VSwitchId", "Ipv6Address",
		"Ipv6InternetBandwidthId=Ipv6InternetBandwidth.Ipv6InternetBandwidthId", "AssociatedInstanceId",
		"AssociatedInstanceType", "NetworkType", "Name=Ipv6AddressName"),
}

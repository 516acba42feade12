package sim

import (
	"slices"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// IPv6 gateways, continued: egress-only rules, the internet bandwidth of
// IPv6 addresses and DescribeIpv6Addresses.

func describeIpv6EgressOnlyRules(c *call) (any, error) {
	gw, err := lookupIpv6Gw(c)
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	fs := fieldFilters(c, ipv6RuleOf, map[string]func(*model.Ipv6EgressOnlyRule) string{
		"Ipv6EgressOnlyRuleId": func(e *model.Ipv6EgressOnlyRule) string { return e.Ipv6EgressOnlyRuleId },
		"InstanceId":           func(e *model.Ipv6EgressOnlyRule) string { return e.InstanceId },
		"InstanceType":         func(e *model.Ipv6EgressOnlyRule) string { return e.InstanceType },
		"Name":                 func(e *model.Ipv6EgressOnlyRule) string { return e.Name },
	})
	recs, total := c.st.index(kindIpv6Rule, kindIpv6Gw, gw.ID).page(filters(fs...), (num-1)*size, size)
	return paged("Ipv6EgressOnlyRules", "Ipv6EgressOnlyRule", c.st.renderAll(recs), total, num, size), nil
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
	if err := c.commit(); err != nil {
		return nil, err
	}
	settleTo(c, rule, stDeleting, Transition{Remove: true})
	return nil, nil
}

// ipv6Bandwidth reads Bandwidth and checks it against the charge type and
// the spec of the address's gateway.
func ipv6Bandwidth(c *call, chargeType string, gw *record) (int, error) {
	if err := c.need("Bandwidth"); err != nil {
		return 0, err
	}
	n, err := c.intParam("Bandwidth", 0, 1, 5000)
	if err != nil {
		return 0, err
	}
	if err := model.CheckIpv6Bandwidth(n, chargeType, ipv6GwOf(gw).Spec); err != nil {
		return 0, errInvalidParamMsg("Bandwidth", err.Error())
	}
	return n, nil
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
	a := ipv6AddrOf(addr)
	switch {
	case a.VpcId != ipv6GwOf(gw).VpcId:
		return nil, errInvalidParamMsg("Ipv6AddressId", "the IPv6 address is not behind this gateway")
	case a.HasBandwidth():
		return nil, newErr(400, "OperationFailed.Ipv6InternetBandwidthExist", "The IPv6 address already has internet bandwidth.")
	}
	n, err := ipv6Bandwidth(c, charge, gw)
	if err != nil {
		return nil, err
	}
	for _, e := range []error{needStatus(c, gw, stAvailable, "Ipv6Gateway"), needStatus(c, addr, stAvailable, "Ipv6Address")} {
		if e != nil {
			return nil, e
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	id := c.st.newID(byBandwidth, addr.Region)
	setIpv6Bandwidth(c.st, addr, model.Ipv6InternetBandwidth{Ipv6InternetBandwidthId: id, Bandwidth: n,
		InternetChargeType: charge, InstanceChargeType: "PostPaid", BusinessStatus: "Normal"})
	settleTo(c, addr, stPending, Transition{Status: stAvailable})
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

// lookupIpv6Bandwidth finds the address Modify/DeleteIpv6InternetBandwidth
// name, by Ipv6AddressId or Ipv6InternetBandwidthId, with its bandwidth.
func lookupIpv6Bandwidth(c *call) (*record, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	var addr *record
	if bw := strings.TrimSpace(c.str("Ipv6InternetBandwidthId")); bw != "" {
		if rs := c.st.children(kindIpv6Addr, byBandwidth, bw); len(rs) > 0 && rs[0].Region == region {
			addr = rs[0]
		}
	} else if c.has("Ipv6AddressId") {
		if addr, err = lookupIpv6Addr(c); err != nil {
			return nil, err
		}
	} else {
		return nil, errMissing("Ipv6AddressId")
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
	a := ipv6AddrOf(addr)
	gw := vpcIpv6Gateway(c.st, a.VpcId)
	if gw == nil {
		return nil, newErr(404, "InvalidIpv6GatewayId.NotFound", "The VPC of the IPv6 address has no IPv6 gateway.")
	}
	n, err := ipv6Bandwidth(c, a.Ipv6InternetBandwidth.InternetChargeType, gw)
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	bw := a.Ipv6InternetBandwidth
	bw.Bandwidth = n
	setIpv6Bandwidth(c.st, addr, bw)
	settleTo(c, addr, stPending, Transition{Status: stAvailable})
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
	settleTo(c, addr, stPending, Transition{Status: stAvailable})
	return nil, nil
}

func describeIpv6Addresses(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50)
	if err != nil {
		return nil, err
	}
	ids, err := splitList(c, "Ipv6AddressId", 20)
	if err != nil {
		return nil, err
	}
	if _, err := oneOfParam(c, "AssociatedInstanceType", "EcsInstance", "EcsInstance", "NetworkInterface"); err != nil {
		return nil, err
	}
	fs := fieldFilters(c, ipv6AddrOf, map[string]func(*model.Ipv6Address) string{
		"VpcId":                   func(a *model.Ipv6Address) string { return a.VpcId },
		"VSwitchId":               func(a *model.Ipv6Address) string { return a.VSwitchId },
		"Ipv6Address":             func(a *model.Ipv6Address) string { return a.Ipv6Address },
		"Ipv6InternetBandwidthId": func(a *model.Ipv6Address) string { return a.Ipv6InternetBandwidth.Ipv6InternetBandwidthId },
		"AssociatedInstanceId":    func(a *model.Ipv6Address) string { return a.AssociatedInstanceId },
		"AssociatedInstanceType":  func(a *model.Ipv6Address) string { return a.AssociatedInstanceType },
		"NetworkType":             func(a *model.Ipv6Address) string { return a.NetworkType },
		"Name":                    func(a *model.Ipv6Address) string { return a.Ipv6AddressName },
	})
	if len(ids) > 0 {
		fs = append(fs, func(r *record) bool { return slices.Contains(ids, r.ID) })
	}
	// A VPC or VSwitch listing walks only its own index.
	ix := c.st.inRegion(kindIpv6Addr, region)
	if v := strings.TrimSpace(c.str("VSwitchId")); v != "" {
		ix = c.st.index(kindIpv6Addr, kindVSwitch, v)
	} else if v := strings.TrimSpace(c.str("VpcId")); v != "" {
		ix = c.st.index(kindIpv6Addr, kindVpc, v)
	}
	fs = append(fs, func(r *record) bool { return r.Region == region })
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("Ipv6Addresses", "Ipv6Address", c.st.renderAll(recs), total, num, size), nil
}

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
	var addr *record
	return ipv6Write(c, lookupIpv6Gw,
		func(gw *record) []func() error {
			return []func() error{
				func() error { _, err := oneOfParam(c, "InstanceType", "Ipv6Address", "Ipv6Address"); return err },
				func() error { return checkIpv6NameDesc(c) },
				func() error { return c.need("InstanceId") },
				func() error {
					addr = c.st.find(kindIpv6Addr, gw.Region, strings.TrimSpace(c.str("InstanceId")))
					switch {
					case addr == nil:
						return newErr(404, "InvalidInstanceId.NotFound", "The specified IPv6 address does not exist.")
					case ipv6AddrOf(addr).VpcId != ipv6GwOf(gw).VpcId:
						return errInvalidParamMsg("InstanceId", "the IPv6 address is not in the gateway's VPC")
					case c.st.count(kindIpv6Rule, kindIpv6Addr, addr.ID) > 0:
						return newErr(400, "InvalidInstanceId.Duplicated", "The IPv6 address already has an egress-only rule.")
					}
					return nil
				},
				func() error { return needStatus(c, gw, stAvailable, "Ipv6Gateway") },
			}
		},
		func(gw *record) any {
			rec := addIpv6Rule(c.st, gw, addr, c.str("Name"), c.str("Description"), stCreating)
			c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
			return M{"Ipv6EgressRuleId": rec.ID}
		})
}

func addIpv6Rule(st *store, gw, addr *record, name, desc, status string) *record {
	return st.mustAdd(kindIpv6Rule, gw.Region, &model.Ipv6EgressOnlyRule{
		Ipv6EgressOnlyRuleId: st.newID(kindIpv6Rule, gw.Region), Name: name, Description: desc,
		InstanceId: addr.ID, InstanceType: "Ipv6Address", Status: status, Ipv6GatewayId: gw.ID,
	})
}

func deleteIpv6EgressOnlyRule(c *call) (any, error) {
	return ipv6Write(c, func(c *call) (*record, error) {
		return ipv6Lookup(c, kindIpv6Rule, "Ipv6EgressOnlyRuleId", "egress-only rule")
	}, func(rule *record) []func() error {
		return []func() error{func() error { return needStatus(c, rule, stAvailable, "Ipv6EgressOnlyRule") }}
	}, func(rule *record) any { removing(c, rule, stDeleting, ""); return nil })
}

// ipv6Bandwidth reads Bandwidth into n and checks it against the charge
// type and the spec of the address's gateway.
func ipv6Bandwidth(c *call, n *int, chargeType string, gw *record) func() error {
	return func() error {
		if err := c.need("Bandwidth"); err != nil {
			return err
		}
		v, err := c.intParam("Bandwidth", 0, 1, 5000)
		if err != nil {
			return err
		}
		if err := model.CheckIpv6Bandwidth(v, chargeType, ipv6GwOf(gw).Spec); err != nil {
			return errInvalidParamMsg("Bandwidth", err.Error())
		}
		*n = v
		return nil
	}
}

func allocateIpv6InternetBandwidth(c *call) (any, error) {
	var addr *record
	var charge string
	var n int
	return ipv6Write(c, lookupIpv6Gw,
		func(gw *record) []func() error {
			return []func() error{
				func() (err error) { addr, err = lookupIpv6Addr(c); return err },
				func() (err error) {
					charge, err = oneOfParam(c, "InternetChargeType", "PayByBandwidth", "PayByBandwidth", "PayByTraffic")
					return err
				},
				func() error {
					switch a := ipv6AddrOf(addr); {
					case a.VpcId != ipv6GwOf(gw).VpcId:
						return errInvalidParamMsg("Ipv6AddressId", "the IPv6 address is not behind this gateway")
					case a.HasBandwidth():
						return newErr(400, "OperationFailed.Ipv6InternetBandwidthExist", "The IPv6 address already has internet bandwidth.")
					}
					return nil
				},
				func() error { return ipv6Bandwidth(c, &n, charge, gw)() },
				func() error { return needStatus(c, gw, stAvailable, "Ipv6Gateway") },
				func() error { return needStatus(c, addr, stAvailable, "Ipv6Address") },
			}
		},
		func(*record) any {
			id := c.st.newID(byBandwidth, addr.Region)
			setIpv6Bandwidth(c.st, addr, model.Ipv6InternetBandwidth{Ipv6InternetBandwidthId: id, Bandwidth: n,
				InternetChargeType: charge, InstanceChargeType: "PostPaid", BusinessStatus: "Normal"})
			transit(c, addr, stPending, stAvailable)
			return M{"InternetBandwidthId": id, "Ipv6AddressId": addr.ID}
		})
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
	err := firstErr(
		func() error {
			bw := strings.TrimSpace(c.str("Ipv6InternetBandwidthId"))
			region, err := c.region()
			switch {
			case err != nil:
				return err
			case bw != "":
				if rs := c.st.children(kindIpv6Addr, byBandwidth, bw); len(rs) > 0 && rs[0].Region == region {
					addr = rs[0]
				}
				return nil
			case !c.has("Ipv6AddressId"):
				return errMissing("Ipv6AddressId")
			}
			addr, err = lookupIpv6Addr(c)
			return err
		},
		func() error {
			if addr == nil || !ipv6AddrOf(addr).HasBandwidth() {
				return newErr(404, "InvalidIpv6InternetBandwidthId.NotFound", "The specified IPv6 internet bandwidth does not exist.")
			}
			return needStatus(c, addr, stAvailable, "Ipv6Address")
		})
	return addr, err
}

func modifyIpv6InternetBandwidth(c *call) (any, error) {
	var n int
	return ipv6Write(c, lookupIpv6Bandwidth,
		func(addr *record) []func() error {
			a := ipv6AddrOf(addr)
			gw := vpcIpv6Gateway(c.st, a.VpcId)
			if gw == nil {
				return []func() error{func() error {
					return newErr(404, "InvalidIpv6GatewayId.NotFound", "The VPC of the IPv6 address has no IPv6 gateway.")
				}}
			}
			return []func() error{ipv6Bandwidth(c, &n, a.Ipv6InternetBandwidth.InternetChargeType, gw)}
		},
		func(addr *record) any {
			bw := ipv6AddrOf(addr).Ipv6InternetBandwidth
			bw.Bandwidth = n
			setIpv6Bandwidth(c.st, addr, bw)
			transit(c, addr, stPending, stAvailable)
			return nil
		})
}

func deleteIpv6InternetBandwidth(c *call) (any, error) {
	return ipv6Write(c, lookupIpv6Bandwidth, func(*record) []func() error { return nil },
		func(addr *record) any {
			setIpv6Bandwidth(c.st, addr, model.Ipv6InternetBandwidth{})
			transit(c, addr, stPending, stAvailable)
			return nil
		})
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

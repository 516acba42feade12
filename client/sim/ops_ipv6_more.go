package sim

import (
	"slices"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// IPv6 gateways, continued: egress-only rules, the internet bandwidth of
// IPv6 addresses and DescribeIpv6Addresses.

func describeIpv6EgressOnlyRules(c *call) (any, error) {
	return ipv6List(c, func(string) (*ordIndex, error) {
		gw, err := lookupIpv6Gw(c)
		if err != nil {
			return nil, err
		}
		return c.st.index(kindIpv6Rule, kindIpv6Gw, gw.ID), nil
	}, ipv6RuleOf, map[string]func(*model.Ipv6EgressOnlyRule) string{
		"Ipv6EgressOnlyRuleId": func(e *model.Ipv6EgressOnlyRule) string { return e.Ipv6EgressOnlyRuleId },
		"InstanceId":           func(e *model.Ipv6EgressOnlyRule) string { return e.InstanceId },
		"InstanceType":         func(e *model.Ipv6EgressOnlyRule) string { return e.InstanceType },
		"Name":                 func(e *model.Ipv6EgressOnlyRule) string { return e.Name },
	}, "Ipv6EgressOnlyRules", "Ipv6EgressOnlyRule")
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
	}, func(rule *record) any { return settleTo(c, rule, stDeleting, Transition{Remove: true}) })
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
			settleTo(c, addr, stPending, Transition{Status: stAvailable})
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
			return settleTo(c, addr, stPending, Transition{Status: stAvailable})
		})
}

func deleteIpv6InternetBandwidth(c *call) (any, error) {
	return ipv6Write(c, lookupIpv6Bandwidth, func(*record) []func() error { return nil },
		func(addr *record) any {
			setIpv6Bandwidth(c.st, addr, model.Ipv6InternetBandwidth{})
			return settleTo(c, addr, stPending, Transition{Status: stAvailable})
		})
}

func describeIpv6Addresses(c *call) (any, error) {
	var ids []string
	err := firstErr(
		func() (err error) { ids, err = splitList(c, "Ipv6AddressId", 20); return err },
		func() error {
			_, err := oneOfParam(c, "AssociatedInstanceType", "EcsInstance", "EcsInstance", "NetworkInterface")
			return err
		})
	if err != nil {
		return nil, err
	}
	var byID []func(*record) bool
	if len(ids) > 0 {
		byID = append(byID, func(r *record) bool { return slices.Contains(ids, r.ID) })
	}
	// A VPC or VSwitch listing walks only its own index.
	return ipv6List(c, func(region string) (*ordIndex, error) {
		if v := strings.TrimSpace(c.str("VSwitchId")); v != "" {
			return c.st.index(kindIpv6Addr, kindVSwitch, v), nil
		}
		if v := strings.TrimSpace(c.str("VpcId")); v != "" {
			return c.st.index(kindIpv6Addr, kindVpc, v), nil
		}
		return c.st.inRegion(kindIpv6Addr, region), nil
	}, ipv6AddrOf, map[string]func(*model.Ipv6Address) string{
		"VpcId":                   func(a *model.Ipv6Address) string { return a.VpcId },
		"VSwitchId":               func(a *model.Ipv6Address) string { return a.VSwitchId },
		"Ipv6Address":             func(a *model.Ipv6Address) string { return a.Ipv6Address },
		"Ipv6InternetBandwidthId": func(a *model.Ipv6Address) string { return a.Ipv6InternetBandwidth.Ipv6InternetBandwidthId },
		"AssociatedInstanceId":    func(a *model.Ipv6Address) string { return a.AssociatedInstanceId },
		"AssociatedInstanceType":  func(a *model.Ipv6Address) string { return a.AssociatedInstanceType },
		"NetworkType":             func(a *model.Ipv6Address) string { return a.NetworkType },
		"Name":                    func(a *model.Ipv6Address) string { return a.Ipv6AddressName },
	}, "Ipv6Addresses", "Ipv6Address", byID...)
}

package sim

import (
	"github.com/alivpc/alivpc/model"
)

// IPv6 gateways (seed 003 §14): a VPC's IPv6 gateway, its egress-only
// rules and the internet bandwidth of the VPC's IPv6 addresses.
//
// Lifecycle: CreateIpv6Gateway Creating → Available; ModifyIpv6GatewaySpec
// Modifying → Available (the seed shows only Available; Modifying is this
// simulator's transitional status for a spec change); DeleteIpv6Gateway
// Deleting → gone. Egress-only rules Creating → Available, Deleting → gone.
// An IPv6 address goes Pending → Available whenever its internet bandwidth
// is allocated, changed or deleted. IPv6 addresses themselves are made with
// ECS instances, outside this family: the datasets seed them.
//
// The seed documents only InvalidRegionId.NotFound for this chapter. The
// other codes follow the API's naming patterns (InvalidXId.NotFound,
// IncorrectStatus.X, DependencyViolation.X) and are this simulator's:
//   - one IPv6 gateway per VPC (the public API reference: "a VPC can have
//     only one IPv6 gateway", no code given): QuotaExceeded.Ipv6Gateway;
//   - a VPC without an IPv6 block (the reference: enable IPv6 on the VPC
//     first): OperationFailed.VpcNotEnableIpv6.

const (
	kindIpv6Gw   = "ipv6gw"
	kindIpv6Rule = "ipv6rule"
	kindIpv6Addr = "ipv6addr"
)

// byBandwidth files an address under its bandwidth's ID; byPublicVpc files
// the addresses that have bandwidth under their VPC (they refuse the
// gateway's deletion).
const (
	byBandwidth = "ipv6bw"
	byPublicVpc = "ipv6pub"
)

func ipv6GwOf(r *record) *model.Ipv6Gateway          { return r.Value.(*model.Ipv6Gateway) }
func ipv6RuleOf(r *record) *model.Ipv6EgressOnlyRule { return r.Value.(*model.Ipv6EgressOnlyRule) }
func ipv6AddrOf(r *record) *model.Ipv6Address        { return r.Value.(*model.Ipv6Address) }

func addIpv6(r *registry) {
	r.kind(kindOf(kindIpv6Gw, "ipv6gw-", func(g *model.Ipv6Gateway) string { return g.Ipv6GatewayId },
		func(g *model.Ipv6Gateway) *string { return &g.Status }, hooks[model.Ipv6Gateway]{
			Refs:        func(g *model.Ipv6Gateway) []ref { return []ref{{kindVpc, g.VpcId}} },
			NextHopType: "IPv6Gateway",
		}))
	r.kind(kindOf(kindIpv6Rule, "ipv6py-", func(e *model.Ipv6EgressOnlyRule) string { return e.Ipv6EgressOnlyRuleId },
		func(e *model.Ipv6EgressOnlyRule) *string { return &e.Status }, hooks[model.Ipv6EgressOnlyRule]{
			Refs: func(e *model.Ipv6EgressOnlyRule) []ref {
				return []ref{{kindIpv6Gw, e.Ipv6GatewayId}, {kindIpv6Addr, e.InstanceId}}
			},
		}))
	r.kind(kindOf(kindIpv6Addr, "ipv6-", func(a *model.Ipv6Address) string { return a.Ipv6AddressId },
		func(a *model.Ipv6Address) *string { return &a.Status }, hooks[model.Ipv6Address]{
			Refs: func(a *model.Ipv6Address) []ref {
				refs := []ref{{kindVpc, a.VpcId}, {kindVSwitch, a.VSwitchId}}
				if a.HasBandwidth() {
					refs = append(refs, ref{byBandwidth, a.Ipv6InternetBandwidth.Ipv6InternetBandwidthId}, ref{byPublicVpc, a.VpcId})
				}
				return refs
			},
			// The gateway is the VPC's, whenever it has one.
			Fill: func(st *store, a *model.Ipv6Address) {
				a.Ipv6GatewayId = ""
				if gw := vpcIpv6Gateway(st, a.VpcId); gw != nil {
					a.Ipv6GatewayId = gw.ID
				}
				a.RealBandwidth = a.Ipv6InternetBandwidth.Bandwidth
			},
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateIpv6Gateway", createIpv6Gateway)
	r.write(vpc, "DeleteIpv6Gateway", deleteIpv6Gateway)
	r.write(vpc, "ModifyIpv6GatewaySpec", modifyIpv6GatewaySpec)
	r.read(vpc, "DescribeIpv6Gateways", describeIpv6Gateways.op)
	r.read(vpc, "DescribeIpv6GatewayAttribute", with(lookupIpv6Gw, rendered))
	r.write(vpc, "CreateIpv6EgressOnlyRule", createIpv6EgressOnlyRule)
	r.write(vpc, "DeleteIpv6EgressOnlyRule", deleteIpv6EgressOnlyRule)
	r.read(vpc, "DescribeIpv6EgressOnlyRules", describeIpv6EgressOnlyRules.op)
	r.writeDry(vpc, "AllocateIpv6InternetBandwidth", allocateIpv6InternetBandwidth)
	r.writeDry(vpc, "ModifyIpv6InternetBandwidth", modifyIpv6InternetBandwidth)
	r.writeDry(vpc, "DeleteIpv6InternetBandwidth", deleteIpv6InternetBandwidth)
	r.read(vpc, "DescribeIpv6Addresses", describeIpv6Addresses.op)
	r.block(kindVpc, kindIpv6Gw, "DependencyViolation.Ipv6Gateway", "The VPC still has an IPv6 gateway.")
	r.block(kindIpv6Gw, kindIpv6Rule, "DependencyViolation.Ipv6EgressOnlyRule", "The IPv6 gateway still has egress-only rules.")
}

// vpcIpv6Gateway is the VPC's IPv6 gateway, or nil.
func vpcIpv6Gateway(st *store, vpcID string) *record {
	if gws := st.children(kindIpv6Gw, kindVpc, vpcID); len(gws) > 0 {
		return gws[0]
	}
	return nil
}

// ipv6Lookup is lookupIn for this family: the region first (the seed's
// InvalidRegionId.NotFound), then the record param names.
func ipv6Lookup(c *call, kind, param, what string) (*record, error) {
	return finder{kind, param, 404, "Invalid" + param + ".NotFound", "The specified " + what + " does not exist."}.here(c)
}

func lookupIpv6Gw(c *call) (*record, error) {
	return ipv6Lookup(c, kindIpv6Gw, "Ipv6GatewayId", "IPv6 gateway")
}

// needStatus answers IncorrectStatus.<what> unless rec is in want.
func needStatus(c *call, rec *record, want, what string) error {
	if s := c.st.status(rec); s != want {
		return newErr(400, "IncorrectStatus."+what, "The "+what+" is "+s+"; the operation needs "+want+".")
	}
	return nil
}

func checkIpv6NameDesc(c *call) error {
	if model.Ipv6GatewayName.Check(c.str("Name")) != nil {
		return newErr(400, "InvalidName.Malformed", "The specified Name is wrongly formed.")
	}
	if model.Ipv6GatewayDescription.Check(c.str("Description")) != nil {
		return newErr(400, "InvalidDescription.Malformed", "The specified Description is wrongly formed.")
	}
	return nil
}

func createIpv6Gateway(c *call) (any, error) {
	vpc, err := ipv6Lookup(c, kindVpc, "VpcId", "VPC")
	if err != nil {
		return nil, err
	}
	if err := checkIpv6NameDesc(c); err != nil {
		return nil, err
	}
	// CreateIpv6Gateway documents Small, Medium and Large.
	spec, err := oneOfParam(c, "Spec", "Small", model.Ipv6CreateSpecs...)
	if err != nil {
		return nil, err
	}
	switch v := vpcOf(vpc); {
	case v.Status != stAvailable:
		return nil, errVpcStatus()
	case v.Ipv6CidrBlock == "":
		return nil, newErr(400, "OperationFailed.VpcNotEnableIpv6", "The VPC has no IPv6 CIDR block; enable IPv6 on it first.")
	case vpcIpv6Gateway(c.st, v.VpcId) != nil:
		return nil, newErr(400, "QuotaExceeded.Ipv6Gateway", "The VPC already has an IPv6 gateway; a VPC can have only one.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := addIpv6Gateway(c.st, vpc, ipv6GwArgs{Name: c.str("Name"), Description: c.str("Description"), Spec: spec,
		Status: stCreating, Created: model.FormatTime(c.now)})
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	return M{"Ipv6GatewayId": rec.ID, "ResourceGroupId": defaultResourceGroup}, nil
}

type ipv6GwArgs struct{ Name, Description, Spec, Status, Created string }

func addIpv6Gateway(st *store, vpc *record, a ipv6GwArgs) *record {
	return st.mustAdd(kindIpv6Gw, vpc.Region, &model.Ipv6Gateway{
		Ipv6GatewayId: st.newID(kindIpv6Gw, vpc.Region), Name: a.Name, Description: a.Description, RegionId: vpc.Region,
		VpcId: vpc.ID, Spec: a.Spec, Status: a.Status, BusinessStatus: "Normal", InstanceChargeType: "PostPaid",
		CreationTime: a.Created,
	})
}

func deleteIpv6Gateway(c *call) (any, error) {
	gw, err := lookupIpv6Gw(c)
	if err != nil {
		return nil, err
	}
	if err := needStatus(c, gw, stAvailable, "Ipv6Gateway"); err != nil {
		return nil, err
	}
	if err := c.blocked(kindIpv6Gw, gw.ID); err != nil {
		return nil, err
	}
	if c.st.count(kindRouteEntry, "nexthop", gw.ID) > 0 {
		return nil, newErr(400, "DependencyViolation.RouteEntry", "A route entry still uses the IPv6 gateway as its next hop.")
	}
	if c.st.count(kindIpv6Addr, byPublicVpc, ipv6GwOf(gw).VpcId) > 0 {
		return nil, newErr(400, "DependencyViolation.Ipv6InternetBandwidth", "An IPv6 address behind the gateway still has internet bandwidth.")
	}
	return removeLater(c, gw, stDeleting, "")
}

func modifyIpv6GatewaySpec(c *call) (any, error) {
	gw, err := lookupIpv6Gw(c)
	if err != nil {
		return nil, err
	}
	if err := c.need("Spec"); err != nil {
		return nil, err
	}
	// ModifyIpv6GatewaySpec documents Small, Middle and Large.
	spec, err := oneOfParam(c, "Spec", "", model.Ipv6ModifySpecs...)
	if err != nil {
		return nil, err
	}
	if err := needStatus(c, gw, stAvailable, "Ipv6Gateway"); err != nil {
		return nil, err
	}
	// A smaller spec must still carry every PayByTraffic bandwidth.
	for _, a := range c.st.children(kindIpv6Addr, byPublicVpc, ipv6GwOf(gw).VpcId) {
		bw := ipv6AddrOf(a).Ipv6InternetBandwidth
		if model.CheckIpv6Bandwidth(bw.Bandwidth, bw.InternetChargeType, spec) != nil {
			return nil, errInvalidParamMsg("Spec", "the IPv6 address "+a.ID+" has more PayByTraffic bandwidth than a "+spec+" gateway allows")
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	g := ipv6GwOf(gw)
	c.st.change(gw, func() { g.Spec = spec })
	transit(c, gw, stModifying, stAvailable)
	return nil, nil
}

var describeIpv6Gateways = listSpec{Kind: kindIpv6Gw, Wrapper: "Ipv6Gateways", Item: "Ipv6Gateway",
	Fields: fieldsOf(ipv6GwOf, "VpcId", "Ipv6GatewayId", "Name")}

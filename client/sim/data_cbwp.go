package sim

import (
	"fmt"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of common (shared) bandwidth packages. Demo: in
// cn-hangzhou the prod VPCs' NAT egress EIPs share one package, an unbound
// spare sits in an enhanced-95 package, and an empty package is overdue
// (FinancialLocked: a new spec is refused); cn-shanghai has an empty DR
// package. Large: one package per thirty VPCs, each with two EIPs of its
// own, every third one metered PayBy95. Everything is settled.

type demoCbwp struct {
	Region, Name, Desc, Bandwidth, Charge, Business string
	Ratio, AgeDays                                  int
	// EIPs picks the region's demo EIPs that belong to the package.
	EIPs func(e *model.EipAddress) bool
}

func demoCbwps() []demoCbwp {
	return []demoCbwp{
		{Region: "cn-hangzhou", Name: "prod-shared-egress", Desc: "Egress of the prod NAT gateways, shared", Bandwidth: "200",
			Charge: "PayByBandwidth", AgeDays: 200, EIPs: func(e *model.EipAddress) bool {
				return e.InstanceType == "Nat" && strings.HasPrefix(e.Name, "prod-") && strings.Contains(e.Name, "-egress-")
			}},
		{Region: "cn-hangzhou", Name: "edge-burst-95", Desc: "Bursty partner traffic, enhanced 95th percentile", Bandwidth: "500",
			Charge: "PayBy95", Ratio: 20, AgeDays: 90, EIPs: func(e *model.EipAddress) bool { return e.Name == "reserved-egress" }},
		{Region: "cn-hangzhou", Name: "legacy-overdue", Desc: "Overdue: locked until the bill is paid", Bandwidth: "10",
			Charge: "PayByBandwidth", Business: "FinancialLocked", AgeDays: 700},
		{Region: "cn-shanghai", Name: "dr-shared-bw", Desc: "Reserved for a DR failover", Bandwidth: "50",
			Charge: "PayByBandwidth", AgeDays: 60},
	}
}

func seedDemoCbwp(d *seedCtx) error {
	for _, dc := range demoCbwps() {
		pkg := newCbwp(d.st, cbwpArgs{Region: dc.Region, Name: dc.Name, Description: dc.Desc, Bandwidth: dc.Bandwidth,
			Charge: dc.Charge, Ratio: dc.Ratio, Business: dc.Business, Status: cbwpAvailable,
			Created: model.FormatTime(d.daysAgo(dc.AgeDays))})
		if dc.EIPs == nil {
			continue
		}
		n := 0
		for _, e := range d.st.children(kindEip, "region", dc.Region) {
			if dc.EIPs(eipOf(e)) {
				joinCbwp(d.st, pkg, e, model.CbwpBinded)
				n++
			}
		}
		if n == 0 {
			return fmt.Errorf("sim: demo bandwidth package %s: no EIP to put in it", dc.Name)
		}
	}
	return nil
}

func seedLargeCbwp(d *seedCtx) error {
	for i, sv := range d.everyVPC(30, 0) {
		v := vpcOf(sv.Vpc)
		created, err := sv.created()
		if err != nil {
			return fmt.Errorf("sim: large VPC %s: %v", v.VpcName, err)
		}
		a := cbwpArgs{Region: sv.Vpc.Region, Name: v.VpcName + "-shared-bw", Bandwidth: "100", Charge: "PayByBandwidth",
			Status: cbwpAvailable, Created: model.FormatTime(created)}
		if (i/30)%3 == 2 {
			a.Charge, a.Ratio, a.Bandwidth = "PayBy95", 40, "1000"
		}
		pkg := newCbwp(d.st, a)
		for n := range 2 {
			eip, err := seedEip(d, pkg.Region, fmt.Sprintf("%s-shared-%d", v.VpcName, n+1), "", "5", created)
			if err != nil {
				return err
			}
			joinCbwp(d.st, pkg, eip, model.CbwpBinded)
		}
	}
	return nil
}

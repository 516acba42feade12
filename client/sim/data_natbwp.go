package sim

import (
	"fmt"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of NAT bandwidth packages, a pre-2017 feature, so they sit
// on the older Normal gateways. Demo: the staging gateway (cn-hangzhou) has
// a package whose first IP carries a DNAT entry (ssh to a build host) and a
// second, overdue one (FinancialLocked); sea-staging's gateway has one.
// Large: every tenth VPC has a legacy Normal gateway (its own, when the NAT
// seeder gave it none) with one package of one to four IPs.

type demoNatBwp struct {
	Nat, Name, Desc, Bandwidth, Charge string
	IPs, AgeDays                       int
	Locked                             bool
	SSH                                bool // a DNAT entry on the first IP
}

func demoNatBwps() []demoNatBwp {
	return []demoNatBwp{
		{Nat: "staging-nat", Name: "staging-legacy-egress", Desc: "Bought in 2017, before EIPs on NAT", Bandwidth: "20",
			Charge: "PayByBandwidth", IPs: 3, AgeDays: 390, SSH: true},
		{Nat: "staging-nat", Name: "staging-batch-egress", Desc: "Overdue: renew before use", Bandwidth: "5",
			Charge: "PayByTraffic", IPs: 1, AgeDays: 380, Locked: true},
		{Nat: "sea-staging-nat", Name: "sea-legacy-egress", Bandwidth: "10", Charge: "PayByBandwidth", IPs: 2, AgeDays: 110},
	}
}

func seedLargeNatBwp(d *seedCtx) error {
	for i, sv := range d.everyVPC(10, 3) {
		created, _ := sv.created()
		nat := legacyNat(d.st, sv, created)
		if _, ok := addNatBwpRec(d.st, nat, natBwpArgs{Name: vpcOf(sv.Vpc).VpcName + "-bwp", Zone: firstZone(d, nat.Region),
			Bandwidth: "10", Charge: "PayByBandwidth", Status: stAvailable, Created: model.FormatTime(created.Add(time.Hour)),
			IPs: 1 + i%4}); !ok {
			return fmt.Errorf("sim: no public address left for a bandwidth package in %s", nat.Region)
		}
	}
	return nil
}

// legacyNat is the VPC's Normal NAT gateway, made when it has none.
func legacyNat(st *store, sv *seededVpc, created time.Time) *record {
	for _, n := range st.children(kindNatGateway, kindVpc, sv.Vpc.ID) {
		if natOf(n).NatType == "Normal" {
			return n
		}
	}
	v := vpcOf(sv.Vpc)
	return newNatGateway(st, natArgs{Vpc: sv.Vpc, Name: v.VpcName + "-legacy-nat", Description: "Bandwidth-package NAT of " + v.VpcName,
		NatType: "Normal", Spec: "Small", NetworkType: "internet", Status: stAvailable, Created: created.Add(time.Hour)})
}

func firstZone(d *seedCtx, region string) string {
	for _, r := range d.regions {
		if r.ID == region && len(r.Zones) > 0 {
			return region + "-" + r.Zones[0]
		}
	}
	return ""
}

func seedDemoNatBwp(d *seedCtx) error {
	nats := map[string]*record{}
	for _, sv := range d.VPCs {
		for _, n := range d.st.children(kindNatGateway, kindVpc, sv.Vpc.ID) {
			nats[natOf(n).Name] = n
		}
	}
	for _, db := range demoNatBwps() {
		nat := nats[db.Nat]
		if nat == nil {
			return fmt.Errorf("sim: demo bandwidth package %s: no NAT gateway %s", db.Name, db.Nat)
		}
		rec, ok := addNatBwpRec(d.st, nat, natBwpArgs{Name: db.Name, Description: db.Desc, Zone: firstZone(d, nat.Region),
			Bandwidth: db.Bandwidth, Charge: db.Charge, Status: stAvailable, IPs: db.IPs,
			Created: model.FormatTime(d.daysAgo(db.AgeDays))})
		if !ok {
			return fmt.Errorf("sim: no public address left for demo bandwidth package %s", db.Name)
		}
		b := natBwpOf(rec)
		if db.Locked {
			d.st.change(rec, func() { b.BusinessStatus = stFinancialLocked })
		}
		if db.SSH {
			host := ""
			for _, sw := range d.st.children(kindVSwitch, kindVpc, natOf(nat).VpcId) {
				host = hostAddr(vswOf(sw).CidrBlock, 30)
				break
			}
			addForwardEntry(d.st, nat, "legacy-build-ssh", forwardRule{ExternalIp: b.IPs()[0].IpAddress, ExternalPort: "2222",
				InternalIp: host, InternalPort: "22", IpProtocol: "tcp"}, stAvailable)
		}
	}
	return nil
}

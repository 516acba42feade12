package sim

import (
	"fmt"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of the NAT family: every seeded VPC that wants Internet
// access (seededVpc.Internet) gets a NAT gateway with EIPs bound, an SNAT
// entry per VSwitch on the system route table (the private ones, on a
// custom table, stay offline) and the 0.0.0.0/0 route; VPCs publishing
// services (PublicApps) get DNAT entries on an EIP of their own. A few spare
// EIPs stay unbound. Everything is settled. The large dataset does the same
// for its Internet VPCs (about 1 in 3) and leaves three spare EIPs per
// region; the empty one gets nothing.

func seedNAT(d *seedCtx) error {
	if d.dataset == DatasetEmpty {
		return nil
	}
	for _, sv := range d.VPCs {
		if sv.Internet {
			if err := seedNatFor(d, sv); err != nil {
				return err
			}
		}
	}
	if d.dataset == DatasetLarge {
		for _, region := range d.largeRegions() {
			for i := range 3 {
				created := d.daysAgo(10 + i)
				if _, err := seedEip(d, region, fmt.Sprintf("spare-%02d", i+1), "Unbound; kept for allow-listed egress", "5", created); err != nil {
					return err
				}
			}
		}
		return nil
	}
	for _, spare := range []struct{ region, name, desc string }{
		{"cn-hangzhou", "reserved-egress", "Kept for the partner allow-list migration"},
		{"cn-hangzhou", "spare-bastion", "Unbound; was the old bastion host"},
		{"cn-shanghai", "dr-failover-ip", "Bound during a DR failover only"},
	} {
		if _, err := seedEip(d, spare.region, spare.name, spare.desc, "5", d.daysAgo(30)); err != nil {
			return err
		}
	}
	return nil
}

func seedEip(d *seedCtx, region, name, desc, bandwidth string, created time.Time) (*record, error) {
	rec, ok := newEip(d.st, eipArgs{
		Region: region, Name: name, Description: desc, Bandwidth: bandwidth, InternetChargeType: "PayByTraffic",
		ISP: "BGP", ChargeType: "PostPaid", Created: created,
	})
	if !ok {
		return nil, fmt.Errorf("sim: no public address left for EIP %s in %s", name, region)
	}
	return rec, nil
}

// seedNatFor gives one VPC its NAT gateway, EIPs, entries and route.
func seedNatFor(d *seedCtx, sv *seededVpc) error {
	v := vpcOf(sv.Vpc)
	created, err := time.Parse(model.TimeLayout, v.CreationTime)
	if err != nil {
		return fmt.Errorf("sim: seeded VPC %s: %v", v.VpcName, err)
	}
	created = created.Add(6 * time.Hour)
	var public []*record
	for _, sw := range sv.VSwitches {
		if vswOf(sw).RouteTable.RouteTableType != "Custom" {
			public = append(public, sw)
		}
	}
	if len(public) == 0 {
		return fmt.Errorf("sim: seeded VPC %s wants Internet access but has no VSwitch on its system route table", v.VpcName)
	}
	a := natArgs{
		Vpc: sv.Vpc, Name: v.VpcName + "-nat", Description: "Outbound Internet for " + v.VpcName,
		NatType: "Enhanced", NetworkType: "internet", EipBindMode: "MULTI_BINDED", IcmpReply: true,
		Tags: v.Tags, Status: stAvailable, Created: created,
	}
	if sv.Env == "staging" {
		a.NatType, a.Spec = "Normal", "Small" // an older gateway, never upgraded
	} else {
		a.VSwitch = public[0]
	}
	nat := newNatGateway(d.st, a)

	bandwidth := "10"
	if sv.Env == "prod" {
		bandwidth = "100"
	}
	snatCount := 1
	if sv.Env == "prod" && sv.PublicApps {
		snatCount = 2
	}
	var snatIPs []string
	for i := range snatCount {
		eip, err := seedEip(d, nat.Region, fmt.Sprintf("%s-egress-%d", v.VpcName, i+1), "SNAT for "+v.VpcName, bandwidth, created)
		if err != nil {
			return err
		}
		bindEip(d.st, eip, nat, eipInUse)
		snatIPs = append(snatIPs, eipOf(eip).IpAddress)
	}
	for _, sw := range public {
		addSnatEntry(d.st, nat, snatArgs{
			Name: "snat-" + vswOf(sw).VSwitchName, SnatIp: strings.Join(snatIPs, ","),
			SourceVSwitchId: sw.ID, Status: stAvailable,
		})
	}
	if sv.PublicApps {
		eip, err := seedEip(d, nat.Region, v.VpcName+"-ingress", "DNAT for public services of "+v.VpcName, bandwidth, created)
		if err != nil {
			return err
		}
		bindEip(d.st, eip, nat, eipInUse)
		ext := eipOf(eip).IpAddress
		host := hostAddr(vswOf(public[0]).CidrBlock, 10)
		for _, m := range []struct{ name, proto, ext, in string }{
			{"https-web", "tcp", "443", "8443"},
			{"http-redirect", "tcp", "80", "8080"},
			{"wireguard", "udp", "51820", "51820"},
		} {
			addForwardEntry(d.st, nat, m.name, forwardRule{
				ExternalIp: ext, ExternalPort: m.ext, InternalIp: host, InternalPort: m.in, IpProtocol: m.proto,
			}, stAvailable)
		}
	}
	if defaultRoute(d.st, sv.SystemRT) == nil {
		addCustomEntry(d.st, sv.SystemRT, entryArgs{
			Dest: "0.0.0.0/0", Name: "default-to-nat", Description: "Internet egress through " + natOf(nat).Name,
			Hops: natHop(nat.ID), Status: stAvailable, Created: created,
		})
	}
	return nil
}

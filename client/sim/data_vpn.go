package sim

import (
	"fmt"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of the VPN family: the first production VPC with
// on-premises blocks (seededVpc.OnPrem) gets an active VPN gateway, two
// customer gateways and an IPsec connection to each (one up, one still
// waiting for traffic), and routes for the remote blocks through the
// gateway. Blocks another route already covers are left alone. In the large
// dataset every VPC with an on-premises block (1 in 8) gets a gateway
// connected to two of the region's three customer gateways (the same
// offices in every region), about two connections in three up.

// demoSite is an on-premises site reached over IPsec.
type demoSite struct {
	name, desc, ip string
	asn            int64
	remote         string // "" = the VPC's first OnPrem block
	up             bool   // ipsec_sa_established (else waits for traffic)
	ike            model.IkeConfig
}

func demoSites() []demoSite {
	return []demoSite{
		{name: "office-shanghai", desc: "Shanghai office firewall", ip: "203.0.113.45", asn: 65010, up: true,
			ike: model.IkeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes256", IkeAuthAlg: "sha256", IkePfs: "group14"}},
		{name: "dc-frankfurt", desc: "Frankfurt colocation edge router", ip: "198.51.100.23", asn: 65020,
			remote: "10.200.0.0/16",
			ike:    model.IkeConfig{IkeVersion: "ikev1", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group2"}},
	}
}

// largeSites are the on-premises sites of the large dataset's account.
func largeSites() []demoSite {
	return []demoSite{
		{name: "office-hq", desc: "Headquarters firewall", ip: "203.0.113.10", asn: 65001,
			ike: model.IkeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes256", IkeAuthAlg: "sha256", IkePfs: "group14"}},
		{name: "dc-primary", desc: "Primary data centre edge", ip: "198.51.100.10", asn: 65002, remote: "10.200.0.0/16",
			ike: model.IkeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha256", IkePfs: "group14"}},
		{name: "dc-backup", desc: "Backup data centre edge", ip: "198.51.100.20", asn: 65003, remote: "10.201.0.0/16",
			ike: model.IkeConfig{IkeVersion: "ikev1", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group2"}},
	}
}

func seedVPN(d *seedCtx) error {
	switch d.dataset {
	case DatasetDemo:
		for _, sv := range d.VPCs {
			if sv.Env == "prod" && len(sv.OnPrem) > 0 {
				return seedVpnFor(d, sv, demoSites(), nil)
			}
		}
	case DatasetLarge:
		all, cgws, n := largeSites(), map[string]*record{}, 0
		for _, sv := range d.VPCs {
			if len(sv.OnPrem) == 0 {
				continue
			}
			sites := []demoSite{all[n%len(all)], all[(n+1)%len(all)]}
			sites[0].up, sites[1].up = n%3 != 2, n%3 == 0
			if err := seedVpnFor(d, sv, sites, cgws); err != nil {
				return err
			}
			n++
		}
	}
	return nil
}

// seedVpnFor gives sv a VPN gateway with a connection to each site. cgws
// holds the customer gateways already made (region/name); nil makes new
// ones every time.
func seedVpnFor(d *seedCtx, sv *seededVpc, sites []demoSite, cgws map[string]*record) error {
	v := vpcOf(sv.Vpc)
	created, err := time.Parse(model.TimeLayout, v.CreationTime)
	if err != nil {
		return fmt.Errorf("sim: seeded VPC %s: %v", v.VpcName, err)
	}
	created = created.Add(48 * time.Hour)
	var sw *record
	if len(sv.VSwitches) > 0 {
		sw = sv.VSwitches[0]
	}
	gw, ok := newVpnGateway(d.st, vpnArgs{
		Vpc: sv.Vpc, VSwitch: sw, Name: v.VpcName + "-vpn", Description: "Site-to-site VPN to offices and colocation",
		ChargeType: "POSTPAY", Bandwidth: 20, Ipsec: true, NetworkType: "public", Tags: v.Tags,
		Status: vpnActive, Created: created,
	})
	if !ok {
		return fmt.Errorf("sim: no public address left for the VPN gateway of %s", v.VpcName)
	}
	for i, site := range sites {
		at := created.Add(time.Duration(i+1) * time.Hour)
		cgw := cgws[gw.Region+"/"+site.name]
		if cgw == nil {
			cgw = newCustomerGateway(d.st, cgwArgs{Region: gw.Region, IP: site.ip, Name: site.name, Description: site.desc,
				Asn: site.asn, Created: at})
			if cgws != nil {
				cgws[gw.Region+"/"+site.name] = cgw
			}
		}
		remote := site.remote
		if remote == "" {
			remote = sv.OnPrem[0]
		}
		ike := defaultIke(d.st, vpnOf(gw).InternetIp, site.ip)
		ike.IkeVersion, ike.IkeMode, ike.IkeEncAlg = site.ike.IkeVersion, site.ike.IkeMode, site.ike.IkeEncAlg
		ike.IkeAuthAlg, ike.IkePfs = site.ike.IkeAuthAlg, site.ike.IkePfs
		status := ikeNotEstablished
		if site.up {
			status = ipsecEstablished
		}
		newVpnConnection(d.st, connArgs{
			Gateway: gw, Customer: cgw, Name: "ipsec-" + site.name, Ike: ike, Ipsec: defaultIpsec(), Status: status, Created: at,
			connOptions: connOptions{Local: v.CidrBlock, Remote: remote, Immediate: site.up, Dpd: true, Traversal: true},
		})
		if !routed(d.st, sv.SystemRT, remote) {
			addCustomEntry(d.st, sv.SystemRT, entryArgs{
				Dest: remote, Name: "to-" + site.name, Description: "On-premises " + site.desc,
				Hops:   []model.NextHop{{NextHopType: "VpnGateway", NextHopId: gw.ID, Enabled: 1}},
				Status: stAvailable, Created: at,
			})
		}
	}
	return nil
}

// routed reports whether the table already has a route to dest.
func routed(st *store, rt *record, dest string) bool {
	for _, e := range st.children(kindRouteEntry, "rt", rt.ID) {
		if entryOf(e).DestinationCidrBlock == dest {
			return true
		}
	}
	return false
}

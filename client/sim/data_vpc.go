package sim

import (
	"fmt"
	"net/netip"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of the VPC family. NAT gateways, VPN gateways, peer
// connections and their routes (0.0.0.0/0 → NAT, on-premises blocks → VPN,
// peer blocks → VpcPeer) are added by those families' seeders from the
// hooks in seedCtx.VPCs; here the custom routes point at ECS appliances.

type demoSubnet struct {
	Name, Zone, CIDR string
	Private          bool // bound to the VPC's custom "-private" route table
}

type demoRoute struct {
	Name, Dest string
}

type demoVpc struct {
	Region, Name, CIDR, Env, Team, Desc string
	Default                             bool
	AgeDays                             int
	Subnets                             []demoSubnet
	// Appliance names an ECS instance in the first subnet that the custom
	// Routes point at ("" = none).
	Appliance  string
	Routes     []demoRoute
	Internet   bool
	PublicApps bool
	OnPrem     []string
	PeerWith   string
}

// demoVpcs is the demo account: VPCs named the way teams name them.
func demoVpcs() []demoVpc {
	return []demoVpc{
		{Region: "cn-hangzhou", Name: "prod-core", CIDR: "10.0.0.0/16", Env: "prod", Team: "platform", AgeDays: 540,
			Desc: "Production services and databases",
			Subnets: []demoSubnet{
				{"prod-core-app-b", "b", "10.0.1.0/24", false}, {"prod-core-app-f", "f", "10.0.2.0/24", false},
				{"prod-core-app-g", "g", "10.0.3.0/24", false}, {"prod-core-db-b", "b", "10.0.10.0/24", true},
				{"prod-core-db-f", "f", "10.0.11.0/24", true}, {"prod-core-lb-b", "b", "10.0.20.0/26", false},
			},
			Appliance: "fw-appliance-01",
			Routes:    []demoRoute{{"to-legacy-idc", "172.31.0.0/16"}, {"to-partner-sftp", "203.0.113.0/24"}},
			Internet:  true, PublicApps: true, OnPrem: []string{"172.20.0.0/16"}, PeerWith: "shared-services"},
		{Region: "cn-hangzhou", Name: "staging", CIDR: "10.10.0.0/16", Env: "staging", Team: "platform", AgeDays: 400,
			Desc: "Pre-production copy of prod-core",
			Subnets: []demoSubnet{
				{"staging-app-b", "b", "10.10.1.0/24", false}, {"staging-app-f", "f", "10.10.2.0/24", false},
				{"staging-db-b", "b", "10.10.10.0/24", true},
			},
			Internet: true, PeerWith: "shared-services"},
		{Region: "cn-hangzhou", Name: "shared-services", CIDR: "10.20.0.0/16", Env: "shared", Team: "sre", AgeDays: 600,
			Desc: "CI runners, artifact registry and monitoring",
			Subnets: []demoSubnet{
				{"shared-tools-b", "b", "10.20.1.0/24", false}, {"shared-ci-f", "f", "10.20.2.0/23", false},
				{"shared-monitoring-g", "g", "10.20.8.0/24", false},
			},
			Appliance: "egress-proxy-01",
			Routes:    []demoRoute{{"via-egress-proxy", "198.51.100.0/24"}},
			Internet:  true},
		{Region: "cn-hangzhou", Name: "dev-sandbox", CIDR: "172.16.0.0/12", Env: "dev", Team: "app", AgeDays: 90,
			Desc: "Throwaway experiments; anything here may be deleted",
			Subnets: []demoSubnet{
				{"dev-sbx-b", "b", "172.16.0.0/20", false}, {"dev-sbx-f", "f", "172.16.16.0/20", false},
			}},
		{Region: "cn-shanghai", Name: "data-platform", CIDR: "10.30.0.0/16", Env: "prod", Team: "data", AgeDays: 300,
			Desc: "Ingestion, warehouse and batch compute",
			Subnets: []demoSubnet{
				{"data-ingest-e", "e", "10.30.0.0/20", false}, {"data-warehouse-f", "f", "10.30.16.0/20", true},
				{"data-spark-g", "g", "10.30.32.0/19", true},
			},
			Appliance: "data-gateway-01",
			Routes:    []demoRoute{{"to-onprem-hadoop", "10.250.0.0/16"}},
			Internet:  true, OnPrem: []string{"10.250.0.0/16"}},
		{Region: "cn-shanghai", Name: "dmz-edge", CIDR: "192.168.0.0/16", Env: "prod", Team: "netsec", AgeDays: 480,
			Desc: "Internet-facing load balancers and WAF",
			Subnets: []demoSubnet{
				{"dmz-edge-b", "b", "192.168.1.0/24", false}, {"dmz-edge-e", "e", "192.168.2.0/24", false},
			},
			Internet: true, PublicApps: true},
		{Region: "cn-shanghai", Name: "prod-core-dr", CIDR: "10.1.0.0/16", Env: "prod", Team: "platform", AgeDays: 200,
			Desc: "Disaster-recovery standby of prod-core",
			Subnets: []demoSubnet{
				{"prod-core-dr-app-b", "b", "10.1.1.0/24", false}, {"prod-core-dr-db-e", "e", "10.1.10.0/24", true},
			},
			PeerWith: "prod-core"},
		{Region: "cn-beijing", Default: true, CIDR: "172.16.0.0/12", AgeDays: 720,
			Subnets: []demoSubnet{
				{"", "a", "172.16.0.0/20", false}, {"", "b", "172.16.16.0/20", false}, {"", "c", "172.16.32.0/20", false},
			}},
		{Region: "cn-beijing", Name: "analytics", CIDR: "10.40.0.0/16", Env: "prod", Team: "data", AgeDays: 150,
			Desc: "BI dashboards and reporting",
			Subnets: []demoSubnet{
				{"analytics-bi-h", "h", "10.40.1.0/24", false}, {"analytics-jobs-i", "i", "10.40.2.0/24", false},
			},
			Internet: true},
		{Region: "cn-beijing", Name: "partner-gateway", CIDR: "10.50.0.0/16", Env: "prod", Team: "integrations", AgeDays: 260,
			Desc: "Private links to partner networks",
			Subnets: []demoSubnet{
				{"partner-gw-h", "h", "10.50.1.0/24", false}, {"partner-gw-k", "k", "10.50.2.0/24", false},
			},
			Appliance: "partner-router-01",
			Routes:    []demoRoute{{"partner-acme", "10.128.0.0/16"}, {"partner-globex", "10.129.0.0/16"}},
			OnPrem:    []string{"10.128.0.0/16"}},
		{Region: "ap-southeast-1", Name: "sea-prod", CIDR: "10.60.0.0/16", Env: "prod", Team: "platform", AgeDays: 330,
			Desc: "Southeast Asia production",
			Subnets: []demoSubnet{
				{"sea-prod-app-a", "a", "10.60.1.0/24", false}, {"sea-prod-app-b", "b", "10.60.2.0/24", false},
				{"sea-prod-db-a", "a", "10.60.10.0/24", true},
			},
			Internet: true, PublicApps: true, PeerWith: "prod-core"},
		{Region: "ap-southeast-1", Name: "sea-staging", CIDR: "10.61.0.0/16", Env: "staging", Team: "platform", AgeDays: 120,
			Subnets:  []demoSubnet{{"sea-staging-app-a", "a", "10.61.1.0/24", false}},
			Internet: true},
		{Region: "eu-central-1", Name: "eu-prod", CIDR: "10.70.0.0/16", Env: "prod", Team: "platform", AgeDays: 250,
			Desc: "EU production; data stays in the EU",
			Subnets: []demoSubnet{
				{"eu-prod-app-a", "a", "10.70.1.0/24", false}, {"eu-prod-app-b", "b", "10.70.2.0/24", false},
				{"eu-prod-db-a", "a", "10.70.10.0/24", true},
			},
			Internet: true, PublicApps: true},
		{Region: "eu-central-1", Name: "eu-compliance-logs", CIDR: "10.71.0.0/16", Env: "prod", Team: "security", AgeDays: 180,
			Desc:    "Audit log archive",
			Subnets: []demoSubnet{{"eu-logs-a", "a", "10.71.1.0/24", true}}},
	}
}

func seedDemoVPC(d *seedCtx) error {
	for i, dv := range demoVpcs() {
		created := d.now.Add(-time.Duration(dv.AgeDays)*24*time.Hour + time.Duration(i)*time.Hour)
		var tags model.Tags
		if dv.Env != "" {
			tags.Tag = append(tags.Tag, model.Tag{Key: "env", Value: dv.Env}, model.Tag{Key: "team", Value: dv.Team})
		}
		vpc, _, sys := createVpc(d.st, vpcArgs{
			Region: dv.Region, Name: dv.Name, Description: dv.Desc, CIDR: dv.CIDR, IsDefault: dv.Default,
			Tags: tags, Status: stAvailable, Created: created,
		})
		sv := &seededVpc{Vpc: vpc, SystemRT: sys, Internet: dv.Internet, PublicApps: dv.PublicApps,
			OnPrem: dv.OnPrem, PeerWith: dv.PeerWith, Env: dv.Env}
		var private []*record
		for j, sn := range dv.Subnets {
			zone := dv.Region + "-" + sn.Zone
			if d.st.codes[dv.Region] == "" || !hasZoneIn(d.regions, dv.Region, zone) {
				return fmt.Errorf("sim: demo VSwitch %s: zone %s does not exist", sn.Name, zone)
			}
			sw := createVSwitch(d.st, vpc, vswArgs{
				Zone: zone, CIDR: sn.CIDR, Name: sn.Name, Tags: tags, Status: stAvailable, IsDefault: dv.Default,
				Created: created.Add(time.Duration(j+1) * time.Minute),
			})
			sv.VSwitches = append(sv.VSwitches, sw)
			if sn.Private {
				private = append(private, sw)
			}
		}
		if len(private) > 0 {
			rt := addRouteTable(d.st, vpc, "Custom", dv.Name+"-private", "No Internet route; databases and batch",
				stAvailable, created.Add(time.Hour))
			sv.CustomRTs = append(sv.CustomRTs, rt)
			for _, sw := range private {
				bindTable(d.st, sw, rt)
			}
		}
		if dv.Appliance != "" && len(sv.VSwitches) > 0 {
			inst := addInstance(d.st, sv.VSwitches[0], dv.Appliance)
			for k, rtRoute := range dv.Routes {
				addCustomEntry(d.st, sys, entryArgs{
					Dest: rtRoute.Dest, Name: rtRoute.Name, Status: stAvailable,
					Hops:    []model.NextHop{{NextHopType: "Instance", NextHopId: inst.ID, Enabled: 1}},
					Created: created.Add(time.Duration(2+k) * time.Hour),
				})
			}
		}
		d.VPCs = append(d.VPCs, sv)
	}
	return nil
}

func hasZoneIn(regions []regionInfo, region, zone string) bool {
	for i := range regions {
		if regions[i].ID == region {
			return regions[i].hasZone(zone)
		}
	}
	return false
}

// addInstance seeds an ECS instance in sw, with the first usable address.
func addInstance(st *store, sw *record, name string) *record {
	v := vswOf(sw)
	p, _ := netip.ParsePrefix(v.CidrBlock)
	ip := p.Addr().Next().Next().Next()
	return st.mustAdd(kindInstance, sw.Region, &instance{
		InstanceId: st.newID(kindInstance, sw.Region), InstanceName: name, VpcId: v.VpcId, VSwitchId: v.VSwitchId,
		ZoneId: v.ZoneId, PrivateIpAddress: ip.String(), Status: "Running",
	})
}

// Large dataset shape: 25 regions × 80 VPCs × 10 VSwitches, three route
// tables per VPC (system + two custom) and 18-24 custom routes per VPC,
// which with the system routes makes over 100,000 route entries. The hooks
// say what the other families build on them, in realistic proportions:
// Internet (a NAT gateway) for prod and every other staging VPC (about 1 in
// 3), PublicApps (DNAT) for every other prod VPC, and an on-premises block
// (a VPN gateway, and for half of them a VBR too) for 1 VPC in 8.
const (
	largeRegions      = 25
	largeVpcsPerReg   = 80
	largeVswPerVpc    = 10
	largeCustomTables = 2
	largeOnPremEvery  = 8 // one VPC in 8 reaches an on-premises block
)

// largeOnPremBlock is the on-premises block of the region's VPC i (one
// /16 per VPC that has one, outside every VPC and custom route).
func largeOnPremBlock(i int) string { return fmt.Sprintf("172.%d.0.0/16", 16+i/largeOnPremEvery) }

func seedLargeVPC(d *seedCtx) error {
	teams := []string{"payments", "orders", "search", "identity", "billing", "catalog", "media", "ledger", "fraud", "growth"}
	envs := []string{"prod", "staging", "dev", "qa"}
	tiers := []string{"web", "app", "api", "db", "cache", "mq", "batch", "ml", "ops", "edge"}
	regions := d.regions
	if len(regions) > largeRegions {
		regions = regions[:largeRegions]
	}
	for _, reg := range regions {
		zones := reg.zoneIDs()
		for i := range largeVpcsPerReg {
			team, env := teams[d.rng.IntN(len(teams))], envs[d.rng.IntN(len(envs))]
			name := fmt.Sprintf("%s-%s-%02d", team, env, i)
			created := d.now.Add(-time.Duration(d.rng.IntN(1000*24)) * time.Hour)
			tags := model.Tags{Tag: []model.Tag{{Key: "env", Value: env}, {Key: "team", Value: team}}}
			vpc, _, sys := createVpc(d.st, vpcArgs{
				Region: reg.ID, Name: name, CIDR: fmt.Sprintf("10.%d.0.0/16", i), Tags: tags,
				Status: stAvailable, Created: created,
			})
			sv := &seededVpc{Vpc: vpc, SystemRT: sys, Env: env,
				Internet:   env == "prod" || env == "staging" && i%2 == 0,
				PublicApps: env == "prod" && i%2 == 1}
			if i%largeOnPremEvery == largeOnPremEvery-3 {
				sv.OnPrem = []string{largeOnPremBlock(i)}
			}
			for j := range largeVswPerVpc {
				sw := createVSwitch(d.st, vpc, vswArgs{
					Zone: zones[j%len(zones)], CIDR: fmt.Sprintf("10.%d.%d.0/24", i, j),
					Name: fmt.Sprintf("%s-%s-%d", name, tiers[j], j), Status: stAvailable, Created: created,
				})
				sv.VSwitches = append(sv.VSwitches, sw)
			}
			tables := []*record{sys}
			for t := range largeCustomTables {
				rt := addRouteTable(d.st, vpc, "Custom", fmt.Sprintf("%s-rt-%d", name, t+1), "", stAvailable, created)
				tables = append(tables, rt)
				sv.CustomRTs = append(sv.CustomRTs, rt)
				// VSwitches 4-6 use the first custom table, 7-9 the second.
				for j := 4 + 3*t; j < 7+3*t && j < len(sv.VSwitches); j++ {
					bindTable(d.st, sv.VSwitches[j], rt)
				}
			}
			inst := addInstance(d.st, sv.VSwitches[0], name+"-router")
			hop := []model.NextHop{{NextHopType: "Instance", NextHopId: inst.ID, Enabled: 1}}
			n := 18 + d.rng.IntN(7)
			for k := range n {
				rt := tables[k%len(tables)]
				addCustomEntry(d.st, rt, entryArgs{
					Dest: fmt.Sprintf("192.168.%d.0/24", k), Name: fmt.Sprintf("route-%d", k),
					Hops: hop, Status: stAvailable, Created: created,
				})
			}
			d.VPCs = append(d.VPCs, sv)
		}
	}
	return nil
}

// largeRegions are the regions the large dataset's VPCs are in, in order.
func (d *seedCtx) largeRegions() []string {
	var out []string
	for _, sv := range d.VPCs {
		if n := len(out); n == 0 || out[n-1] != sv.Vpc.Region {
			out = append(out, sv.Vpc.Region)
		}
	}
	return out
}

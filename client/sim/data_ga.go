package sim

import (
	"fmt"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of global acceleration instances. Demo: in cn-hangzhou an
// exclusive instance accelerating the data platform's gateway host in
// cn-shanghai (InUse), a sharing instance with one EIP of its own and an
// unbound exclusive instance for Europe; in ap-southeast-1 a sharing
// instance with two EIPs. Large: in every region one exclusive instance
// accelerating a host of the next region of the same service location
// (Available when there is none), and one sharing instance with an EIP —
// a rare, expensive product next to thousands of VPCs.

type demoGA struct {
	Region, Name, Desc, Location, Bandwidth, Type string
	Backend                                       string // appliance name of a demo VPC
	EIPs                                          []string
	AgeDays                                       int
}

func demoGAs() []demoGA {
	return []demoGA{
		{Region: "cn-hangzhou", Name: "data-api-accel", Desc: "Hangzhou users to the Shanghai data gateway", Location: "china-mainland",
			Bandwidth: "100", Type: model.GAExclusive, Backend: "data-gateway-01", AgeDays: 200},
		{Region: "cn-hangzhou", Name: "hz-shared-accel", Desc: "Shared acceleration for web front ends", Location: "china-mainland",
			Bandwidth: "50", Type: model.GASharing, EIPs: []string{"web-accel-ip"}, AgeDays: 150},
		{Region: "cn-hangzhou", Name: "eu-spare-accel", Desc: "Unbound; for the Frankfurt launch", Location: "europe",
			Bandwidth: "10", Type: model.GAExclusive, AgeDays: 20},
		{Region: "ap-southeast-1", Name: "sea-shared-accel", Location: "asia-pacific", Bandwidth: "200", Type: model.GASharing,
			EIPs: []string{"sea-accel-ip-1", "sea-accel-ip-2"}, AgeDays: 90},
	}
}

func seedDemoGA(d *seedCtx) error {
	hosts := map[string]*record{}
	for _, sv := range d.VPCs {
		for _, i := range d.st.children(kindInstance, kindVpc, sv.Vpc.ID) {
			hosts[i.Value.(*instance).InstanceName] = i
		}
	}
	for _, dg := range demoGAs() {
		created := d.daysAgo(dg.AgeDays)
		var backend *record
		if dg.Backend != "" {
			if backend = hosts[dg.Backend]; backend == nil {
				return fmt.Errorf("sim: demo GA %s: no host %s", dg.Name, dg.Backend)
			}
		}
		if err := seedGARec(d, gaArgs{Region: dg.Region, Name: dg.Name, Description: dg.Desc, Location: dg.Location,
			Bandwidth: dg.Bandwidth, Type: dg.Type, Created: model.FormatTime(created)}, backend, dg.EIPs, created); err != nil {
			return err
		}
	}
	return nil
}

// seedGARec stores an instance, binds its backend (if any) and gives it new
// EIPs named eips.
func seedGARec(d *seedCtx, a gaArgs, backend *record, eips []string, created time.Time) error {
	rec, ok := addGARec(d.st, a)
	if !ok {
		return fmt.Errorf("sim: no public address left for GA %s in %s", a.Name, a.Region)
	}
	g := gaOf(rec)
	if backend != nil {
		i := backend.Value.(*instance)
		d.st.change(rec, func() {
			g.BackendServers.BackendServer = model.Items[model.GABackend]{{RegionId: backend.Region, ServerId: i.InstanceId,
				ServerIpAddress: i.PrivateIpAddress, ServerType: model.GAEcs}}
			g.Status = gaInUse
		})
	}
	for _, name := range eips {
		e, err := seedEip(d, a.Region, name, "Accelerated by "+a.Name, "5", created)
		if err != nil {
			return err
		}
		d.st.change(e, func() {
			v := eipOf(e)
			v.Status, v.InstanceId, v.InstanceType, v.InstanceRegionId = eipInUse, rec.ID, gaEipType, a.Region
		})
		d.st.change(rec, func() { g.Status = gaInUse })
	}
	return nil
}

func seedLargeGA(d *seedCtx) error {
	// The first ECS host of each region, and the regions in seeding order.
	hosts := map[string]*record{}
	var regions []string
	for _, sv := range d.VPCs {
		r := sv.Vpc.Region
		if _, seen := hosts[r]; seen {
			continue
		}
		regions = append(regions, r)
		hosts[r] = nil
		if is := d.st.children(kindInstance, kindVpc, sv.Vpc.ID); len(is) > 0 {
			hosts[r] = is[0]
		}
	}
	for i, region := range regions {
		created := d.daysAgo(30 + i)
		var backend *record
		loc := model.GALocationOf(region)
		for j := 1; j < len(regions) && backend == nil; j++ {
			other := regions[(i+j)%len(regions)]
			if model.GALocationOf(other) == loc && hosts[other] != nil {
				backend = hosts[other]
			}
		}
		if err := seedGARec(d, gaArgs{Region: region, Name: region + "-accel", Location: loc, Bandwidth: "100",
			Type: model.GAExclusive, Created: model.FormatTime(created)}, backend, nil, created); err != nil {
			return err
		}
		if err := seedGARec(d, gaArgs{Region: region, Name: region + "-shared-accel", Location: loc, Bandwidth: "50",
			Type: model.GASharing, Created: model.FormatTime(created)}, nil, []string{region + "-accel-ip"}, created); err != nil {
			return err
		}
	}
	return nil
}

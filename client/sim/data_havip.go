package sim

import (
	"fmt"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of HaVips. Demo: a HaVip in front of the firewall
// appliance of prod-core and of the data gateway of data-platform (each
// InUse, the appliance its master), and an unused one in shared-services. Large:
// one in every fourth VPC, bound to the VPC's router instance.

type demoHaVip struct {
	Name, Desc, VSwitch, Instance string
	Host                          int // host number inside the VSwitch block
	AgeDays                       int
}

func demoHaVips() []demoHaVip {
	return []demoHaVip{
		{Name: "fw-ha-vip", Desc: "Floating address of the firewall pair", VSwitch: "prod-core-app-b", Instance: "fw-appliance-01", Host: 100, AgeDays: 300},
		{Name: "data-gw-vip", Desc: "Keepalived address of the data gateways", VSwitch: "data-ingest-e", Instance: "data-gateway-01", Host: 200, AgeDays: 150},
		{Name: "monitoring-vip", Desc: "Reserved for the monitoring pair", VSwitch: "shared-monitoring-g", Host: 50, AgeDays: 30},
	}
}

func seedLargeHaVip(d *seedCtx) error {
	for _, sv := range d.everyVPC(4, 0) {
		if len(sv.VSwitches) == 0 {
			continue
		}
		sw := sv.VSwitches[0]
		insts := d.st.children(kindInstance, kindVSwitch, sw.ID)
		rec := addHaVipRec(d.st, sw, haVipArgs{Region: sw.Region, Name: vpcOf(sv.Vpc).VpcName + "-vip",
			IP: hostAddr(vswOf(sw).CidrBlock, 100), Status: hvAvailable, Created: vpcOf(sv.Vpc).CreationTime})
		if len(insts) > 0 {
			bindHaVip(d.st, rec, insts[0].ID)
		}
	}
	return nil
}

func seedDemoHaVip(d *seedCtx) error {
	vsws := d.vswitchesByName()
	for _, dh := range demoHaVips() {
		sw := vsws[dh.VSwitch]
		if sw == nil {
			return fmt.Errorf("sim: demo HaVip %s: no VSwitch %s", dh.Name, dh.VSwitch)
		}
		rec := addHaVipRec(d.st, sw, haVipArgs{Region: sw.Region, Name: dh.Name, Description: dh.Desc,
			IP: hostAddr(vswOf(sw).CidrBlock, dh.Host), Status: hvAvailable,
			Created: model.FormatTime(d.daysAgo(dh.AgeDays))})
		if dh.Instance == "" {
			continue
		}
		var inst *record
		for _, i := range d.st.children(kindInstance, kindVSwitch, sw.ID) {
			if i.Value.(*instance).InstanceName == dh.Instance {
				inst = i
			}
		}
		if inst == nil {
			return fmt.Errorf("sim: demo HaVip %s: no instance %s in %s", dh.Name, dh.Instance, dh.VSwitch)
		}
		bindHaVip(d.st, rec, inst.ID)
	}
	return nil
}

// bindHaVip associates a seeded HaVip with an ECS instance at once.
func bindHaVip(st *store, rec *record, instID string) {
	h := havipOf(rec)
	st.change(rec, func() {
		h.AssociatedInstances.AssociatedInstance = append(h.AssociatedInstances.AssociatedInstance, instID)
		h.AssociatedInstanceType, h.MasterInstanceId, h.Status = "EcsInstance", instID, hvInUse
	})
}

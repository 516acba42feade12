package sim

import (
	"fmt"

	"github.com/alivpc/alivpc/model"
)

// Demo seeding of flow logs: a network interface per seeded ECS instance
// (the resources a NetworkInterface flow log captures); VPC flow logs that
// are Active on a VPC, a VSwitch and an interface, and one Inactive; and two
// Smart Access Gateway flow logs, an SLS one bound to a gateway in
// cn-shanghai and a NetFlow one in cn-hangzhou.

type demoFlowLog struct {
	Name, Desc   string
	VpcName      string // the VPC, or the VPC of the VSwitch/instance
	ResourceType string
	Resource     string // VSwitch or instance name; "" for the VPC itself
	Traffic      string
	Interval     int
	Status       string
	AgeDays      int
}

func demoFlowLogs() []demoFlowLog {
	return []demoFlowLog{
		{Name: "prod-core-all", Desc: "All traffic of prod-core for the SOC", VpcName: "prod-core", ResourceType: "VPC",
			Traffic: "All", Interval: 10, Status: flActive, AgeDays: 200},
		{Name: "dmz-edge-rejects", Desc: "Traffic refused by the DMZ security groups", VpcName: "dmz-edge", ResourceType: "VSwitch",
			Resource: "dmz-edge-b", Traffic: "Drop", Interval: 5, Status: flActive, AgeDays: 120},
		{Name: "fw-appliance-eni", Desc: "Firewall appliance interface", VpcName: "prod-core", ResourceType: "NetworkInterface",
			Resource: "fw-appliance-01", Traffic: "Allow", Interval: 1, Status: flActive, AgeDays: 60},
		{Name: "staging-audit", Desc: "Paused until the next audit", VpcName: "staging", ResourceType: "VPC",
			Traffic: "All", Interval: 10, Status: flInactive, AgeDays: 90},
	}
}

func demoSagFlowLogs() []struct {
	Region string
	Log    model.SagFlowLog
} {
	return []struct {
		Region string
		Log    model.SagFlowLog
	}{
		{"cn-shanghai", model.SagFlowLog{Name: "sag-flowlog-shanghai", Description: "Branch offices to Log Service",
			OutputType: "sls", ActiveAging: model.DefaultActiveAging, InactiveAging: model.DefaultInactiveAging,
			SlsRegionId: "cn-shanghai", ProjectName: "sag-flowlog-shanghai", LogstoreName: "branch-flows", TotalSagNum: 1}},
		{"cn-hangzhou", model.SagFlowLog{Name: "sag-netflow-hangzhou", Description: "Branch offices to the NetFlow collector",
			OutputType: "netflow", ActiveAging: 600, InactiveAging: 30, NetflowServerIp: "10.20.8.10",
			NetflowServerPort: "9995", NetflowVersion: model.DefaultNetflowVersion}},
	}
}

// seedLargeFlowLog: VPC flow logs on 1 VPC in 10 of the large dataset,
// capturing the VPC, its first VSwitch or its router's interface in turn,
// one in four Inactive; and an SLS SAG flow log in every third region.
func seedLargeFlowLog(d *seedCtx) error {
	types := []string{"VPC", "VSwitch", "NetworkInterface"}
	traffic := []string{"All", "Drop", "Allow"}
	n := 0
	for _, sv := range d.everyVPC(10, 3) {
		if len(sv.VSwitches) == 0 {
			continue
		}
		v := vpcOf(sv.Vpc)
		typ, id := types[n%len(types)], sv.Vpc.ID
		switch typ {
		case "VSwitch":
			id = sv.VSwitches[0].ID
		case "NetworkInterface":
			insts := d.st.children(kindInstance, kindVpc, sv.Vpc.ID)
			if len(insts) == 0 {
				typ = "VPC"
				break
			}
			id = addENI(d.st, insts[0]).ID
		}
		status := flActive
		if n%4 == 3 {
			status = flInactive
		}
		addFlowLogRec(d.st, flowLogArgs{
			Region: sv.Vpc.Region, VpcId: sv.Vpc.ID, Name: v.VpcName + "-flows", Description: "Flow records of " + v.VpcName,
			ResourceType: typ, ResourceId: id, TrafficType: traffic[n%len(traffic)],
			Project: "flowlog-" + sv.Vpc.Region, LogStore: v.VpcName, Interval: []int{1, 5, 10}[n%3], IpVersion: "IPv4",
			TrafficPath: []string{"all"}, Status: status, Created: v.CreationTime,
		})
		n++
	}
	for r, region := range d.largeRegions() {
		if r%3 != 0 {
			continue
		}
		seedSagFlowLog(d, region, model.SagFlowLog{Name: "sag-flowlog-" + region, Description: "Branch offices to Log Service",
			OutputType: "sls", ActiveAging: model.DefaultActiveAging, InactiveAging: model.DefaultInactiveAging,
			SlsRegionId: region, ProjectName: "sag-flowlog-" + region, LogstoreName: "branch-flows", TotalSagNum: 1})
	}
	return nil
}

// seedSagFlowLog stores f, Active, in region.
func seedSagFlowLog(d *seedCtx, region string, f model.SagFlowLog) {
	f.FlowLogId = d.st.newID(kindSagFlowLog, region)
	f.Status, f.ResourceGroupId = flActive, defaultResourceGroup
	d.st.mustAdd(kindSagFlowLog, region, &f)
}

func seedDemoFlowLog(d *seedCtx) error {
	byName := d.vpcsByName()
	enis := map[string]*record{} // instance name → its interface
	for _, sv := range d.VPCs {
		for _, inst := range d.st.children(kindInstance, kindVpc, sv.Vpc.ID) {
			enis[inst.Value.(*instance).InstanceName] = addENI(d.st, inst)
		}
	}
	for _, fl := range demoFlowLogs() {
		sv := byName[fl.VpcName]
		if sv == nil {
			return fmt.Errorf("sim: demo flow log %s: no VPC %s", fl.Name, fl.VpcName)
		}
		id := sv.Vpc.ID
		switch fl.ResourceType {
		case "VSwitch":
			id = ""
			for _, sw := range sv.VSwitches {
				if vswOf(sw).VSwitchName == fl.Resource {
					id = sw.ID
				}
			}
		case "NetworkInterface":
			id = ""
			if eni := enis[fl.Resource]; eni != nil {
				id = eni.ID
			}
		}
		if id == "" {
			return fmt.Errorf("sim: demo flow log %s: no %s %s", fl.Name, fl.ResourceType, fl.Resource)
		}
		addFlowLogRec(d.st, flowLogArgs{
			Region: sv.Vpc.Region, VpcId: sv.Vpc.ID, Name: fl.Name, Description: fl.Desc,
			ResourceType: fl.ResourceType, ResourceId: id, TrafficType: fl.Traffic,
			Project: "flowlog-" + sv.Vpc.Region, LogStore: fl.Name, Interval: fl.Interval, IpVersion: "IPv4",
			TrafficPath: []string{"all"}, Status: fl.Status,
			Created: model.FormatTime(d.daysAgo(fl.AgeDays)),
		})
	}
	for _, s := range demoSagFlowLogs() {
		seedSagFlowLog(d, s.Region, s.Log)
	}
	return nil
}

package sim

import (
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// VPC flow logs (VPC 2016-04-28, api-catalog §2.10). The seed documents no
// error codes for them; the sim answers the framework's MissingParameter
// and InvalidParameter, the VPC family's not-found codes for the captured
// resource, InvalidFlowLogId.NotFound, and IncorrectStatus.flowlog (the
// code Terraform retries) for a status that does not allow the operation.
//
// Lifecycle: CreateFlowLog and ActiveFlowLog go Activating → Active;
// DeactiveFlowLog makes it Inactive at once (the API names no transitional
// state for it); DeleteFlowLog goes Deleting → gone. A flow log blocks the
// deletion of the VPC or VSwitch it captures (DependencyViolation.FlowLog):
// the documents do not say the API removes it with them.

const (
	kindVpcFlowLog = "vpcflowlog"
	// kindENI is an elastic network interface, the NetworkInterface
	// resource a flow log may capture. No operation here lists it; the
	// demo seeds one per ECS instance. Routes may point at it too.
	kindENI = "eni"
)

// Flow log statuses (VPC and Smart Access Gateway).
const (
	flActive     = "Active"
	flActivating = "Activating"
	flInactive   = "Inactive"
)

// flowLogRec is a stored VPC flow log: the API's item plus the VPC of the
// captured resource, which DescribeFlowLogs filters on (VpcId) but the item
// does not carry.
type flowLogRec struct {
	model.FlowLog
	VpcId string `json:"VpcId"`
}

// eniRecord is a minimal elastic network interface (see kindENI).
type eniRecord struct {
	NetworkInterfaceId   string `json:"NetworkInterfaceId"`
	NetworkInterfaceName string `json:"NetworkInterfaceName"`
	VpcId                string `json:"VpcId"`
	VSwitchId            string `json:"VSwitchId"`
	ZoneId               string `json:"ZoneId"`
	InstanceId           string `json:"InstanceId"`
	PrivateIpAddress     string `json:"PrivateIpAddress"`
	Status               string `json:"Status"`
}

func flowLogOf(r *record) *flowLogRec { return r.Value.(*flowLogRec) }

func addFlowLog(r *registry) {
	r.kind(kindOf(kindVpcFlowLog, "fl-", func(f *flowLogRec) string { return f.FlowLogId },
		func(f *flowLogRec) *string { return &f.Status }, hooks[flowLogRec]{
			Refs: func(f *flowLogRec) []ref {
				refs := []ref{{kindVpc, f.VpcId}}
				switch f.ResourceType {
				case "VSwitch":
					refs = append(refs, ref{kindVSwitch, f.ResourceId})
				case "NetworkInterface":
					refs = append(refs, ref{kindENI, f.ResourceId})
				}
				return refs
			},
			Render: func(st *store, r *record) any { f := flowLogOf(r).FlowLog; return &f },
		}))
	r.kind(kindOf(kindENI, "eni-", func(e *eniRecord) string { return e.NetworkInterfaceId },
		func(e *eniRecord) *string { return &e.Status }, hooks[eniRecord]{
			Refs: func(e *eniRecord) []ref {
				return []ref{{kindVpc, e.VpcId}, {kindVSwitch, e.VSwitchId}}
			},
			NextHopType: "NetworkInterface",
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateFlowLog", createFlowLogOp)
	r.write(vpc, "ModifyFlowLogAttribute", with(lookupFlowLog, modifyFlowLogOp))
	r.write(vpc, "ActiveFlowLog", with(lookupFlowLog, switchFlowLog(flInactive, flActivating, flActive)))
	r.write(vpc, "DeactiveFlowLog", with(lookupFlowLog, switchFlowLog(flActive, flInactive, "")))
	r.write(vpc, "DeleteFlowLog", with(lookupFlowLog, deleteFlowLogOp))
	r.read(vpc, "DescribeFlowLogs", describeFlowLogs.op)

	r.block(kindVpc, kindVpcFlowLog, "DependencyViolation.FlowLog", "Specified object has dependent resources FlowLog.")
	r.block(kindVSwitch, kindVpcFlowLog, "DependencyViolation.FlowLog", "Specified object has dependent resources FlowLog.")
}

func errFlowLogStatus() error {
	return newErr(400, "IncorrectStatus.flowlog", "The current flow log status does not support this operation.")
}

// flowLogSuccess is the body of the flow log writes.
func flowLogSuccess() M { return M{"Success": "true"} }

var lookupFlowLog = finder{kindVpcFlowLog, "FlowLogId", 404, "InvalidFlowLogId.NotFound",
	"The specified flow log does not exist."}.here

// checkFlowLogNameDesc applies the shared name and description rules.
func checkFlowLogNameDesc(c *call) error {
	return nameDesc(c, "FlowLogName", model.DefaultName, invalidParamWhy)
}

// flowLogInterval reads AggregationInterval: 1, 5 or 10 (default) minutes.
func flowLogInterval(c *call, def int) (int, error) {
	n, err := c.intParam("AggregationInterval", def, 1, 10)
	if err != nil || (n != 1 && n != 5 && n != 10) {
		return 0, errInvalidParam("AggregationInterval")
	}
	return n, nil
}

// flowLogResource finds the captured resource and returns its VPC.
func flowLogResource(c *call, region, typ, id string) (string, error) {
	switch typ {
	case "": // no resource captured (both parameters omitted)
		return "", nil
	case "VPC":
		vpc := c.st.find(kindVpc, region, id)
		if vpc == nil {
			return "", errVpcNotFound()
		}
		if c.st.status(vpc) != stAvailable {
			return "", errVpcStatus()
		}
		return vpc.ID, nil
	case "VSwitch":
		sw := c.st.find(kindVSwitch, region, id)
		if sw == nil {
			return "", errVSwitchNotFound("The specified virtual switch does not exists.")
		}
		if c.st.status(sw) != stAvailable {
			return "", newErr(400, "IncorrectVSwitchStatus", "The current virtual switch status does not support this operation.")
		}
		return vswOf(sw).VpcId, nil
	default: // NetworkInterface
		eni := c.st.find(kindENI, region, id)
		if eni == nil {
			return "", newErr(404, "InvalidEniId.NotFound", "The specified network interface does not exist.")
		}
		return eni.Value.(*eniRecord).VpcId, nil
	}
}

// flowLogArgs describe a new VPC flow log.
type flowLogArgs struct {
	Region, VpcId                         string
	Name, Description                     string
	ResourceType, ResourceId, TrafficType string
	Project, LogStore                     string
	Interval                              int
	IpVersion                             string
	TrafficPath                           []string
	Tags                                  model.Tags
	Status                                string
	Created                               string
}

func addFlowLogRec(st *store, a flowLogArgs) *record {
	f := &flowLogRec{VpcId: a.VpcId}
	f.FlowLogId = st.newID(kindVpcFlowLog, a.Region)
	f.FlowLogName, f.Description, f.RegionId = a.Name, a.Description, a.Region
	f.ResourceType, f.ResourceId, f.TrafficType = a.ResourceType, a.ResourceId, a.TrafficType
	f.ProjectName, f.LogStoreName, f.Status = a.Project, a.LogStore, a.Status
	f.BusinessStatus, f.ServiceType, f.FlowLogDeliverStatus = "Normal", "sls", "SUCCESS"
	f.AggregationInterval, f.IpVersion, f.CreationTime = model.FlexInt(a.Interval), a.IpVersion, a.Created
	f.ResourceGroupId, f.Tags = defaultResourceGroup, a.Tags
	f.TrafficPath.TrafficPathList = a.TrafficPath
	return st.mustAdd(kindVpcFlowLog, a.Region, f)
}

func createFlowLogOp(c *call) (any, error) {
	region, err := regionNeed(c, "TrafficType", "ProjectName", "LogStoreName")
	if err != nil {
		return nil, err
	}
	// Seed 003 §20.1: ResourceType and ResourceId are optional. Without
	// them the flow log captures no resource (ResourceType and ResourceId
	// empty, no VPC); given one, the other is needed to know what to capture.
	if c.str("ResourceType") != "" || strings.TrimSpace(c.str("ResourceId")) != "" {
		if err := c.need("ResourceType", "ResourceId"); err != nil {
			return nil, err
		}
	}
	in := model.VpcFlowLogInput{
		FlowLogName: c.str("FlowLogName"), Description: c.str("Description"), ResourceType: c.str("ResourceType"),
		ResourceId: strings.TrimSpace(c.str("ResourceId")), TrafficType: c.str("TrafficType"),
		ProjectName: c.str("ProjectName"), LogStoreName: c.str("LogStoreName"),
	}
	if err := checkFlowLogNameDesc(c); err != nil {
		return nil, err
	}
	switch in.ResourceType {
	case "", "VPC", "VSwitch", "NetworkInterface":
	default:
		return nil, errInvalidParam("ResourceType")
	}
	switch in.TrafficType {
	case "All", "Allow", "Drop":
	default:
		return nil, errInvalidParam("TrafficType")
	}
	if err := model.CheckVpcFlowLog(in); err != nil {
		return nil, errInvalidParamMsg("FlowLog", err.Error())
	}
	interval, err := flowLogInterval(c, 10)
	if err != nil {
		return nil, err
	}
	ipv, err := oneOfParam(c, "IpVersion", "IPv4", "IPv4", "IPv6")
	if err != nil {
		return nil, err
	}
	paths := c.repeated("TrafficPath", 5)
	for _, p := range paths {
		if p != "all" && p != "internetGateway" {
			return nil, errInvalidParam("TrafficPath")
		}
	}
	if len(paths) == 0 {
		paths = []string{"all"}
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	vpcID, err := flowLogResource(c, region, in.ResourceType, in.ResourceId)
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := addFlowLogRec(c.st, flowLogArgs{
		Region: region, VpcId: vpcID, Name: in.FlowLogName, Description: in.Description,
		ResourceType: in.ResourceType, ResourceId: in.ResourceId, TrafficType: in.TrafficType,
		Project: in.ProjectName, LogStore: in.LogStoreName, Interval: interval, IpVersion: ipv,
		TrafficPath: paths, Tags: tags, Status: flActivating, Created: model.FormatTime(c.now),
	})
	c.st.schedule(rec, Transition{Due: c.due(), Status: flActive})
	body := flowLogSuccess()
	body["FlowLogId"], body["ResourceGroupId"] = rec.ID, defaultResourceGroup
	return body, nil
}

func modifyFlowLogOp(c *call, rec *record) (any, error) {
	if err := checkFlowLogNameDesc(c); err != nil {
		return nil, err
	}
	f := flowLogOf(rec)
	interval, err := flowLogInterval(c, int(f.AggregationInterval))
	if err != nil {
		return nil, err
	}
	if f.Status != flActive && f.Status != flInactive {
		return nil, errFlowLogStatus()
	}
	if err := commitEdit(c, rec, edits{"FlowLogName": &f.FlowLogName, "Description": &f.Description}, func() {
		f.AggregationInterval = model.FlexInt(interval)
	}); err != nil {
		return nil, err
	}
	return flowLogSuccess(), nil
}

// switchFlowLog starts (Activating → Active) or stops (at once) a flow
// log that is in status from.
func switchFlowLog(from, to, then string) func(c *call, rec *record) (any, error) {
	return func(c *call, rec *record) (any, error) {
		if c.st.status(rec) != from {
			return nil, errFlowLogStatus()
		}
		if err := c.commit(); err != nil {
			return nil, err
		}
		if then != "" {
			transit(c, rec, to, then)
		} else {
			c.st.setStatus(rec, to)
		}
		return flowLogSuccess(), nil
	}
}

func deleteFlowLogOp(c *call, rec *record) (any, error) {
	if s := c.st.status(rec); s != flActive && s != flInactive {
		return nil, errFlowLogStatus()
	}
	if _, err := removeLater(c, rec, stDeleting, ""); err != nil {
		return nil, err
	}
	return flowLogSuccess(), nil
}

// describeFlowLogs answers TotalCount, PageNumber and PageSize as strings,
// as the API does (PageSize max 50, default 20).
var describeFlowLogs = listSpec{
	Kind: kindVpcFlowLog, Wrapper: "FlowLogs", Item: "FlowLog", PageDef: 20,
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		tags, err := edgeTags(c, "Tags")
		if err != nil || len(tags) == 0 {
			return nil, err
		}
		return []func(*record) bool{func(r *record) bool { return hasTags(flowLogOf(r).Tags.Tag, tags) }}, nil
	},
	Narrow: []narrow{{"FlowLogId", byID}},
	Fields: fieldsOf(flowLogOf, "VpcId", "FlowLogName", "ResourceId", "ResourceType", "TrafficType", "Status",
		"ProjectName", "LogStoreName", "Description", "ResourceGroupId"),
	Answer: func(body M) M {
		for _, k := range []string{"TotalCount", "PageNumber", "PageSize"} {
			body[k] = strconv.Itoa(body[k].(int))
		}
		body["Success"] = "true"
		return body
	},
}

// addENI seeds the primary network interface of an ECS instance.
func addENI(st *store, inst *record) *record {
	i := inst.Value.(*instance)
	return st.mustAdd(kindENI, inst.Region, &eniRecord{
		NetworkInterfaceId: st.newID(kindENI, inst.Region), NetworkInterfaceName: i.InstanceName + "-primary",
		VpcId: i.VpcId, VSwitchId: i.VSwitchId, ZoneId: i.ZoneId, InstanceId: i.InstanceId,
		PrivateIpAddress: i.PrivateIpAddress, Status: "InUse",
	})
}

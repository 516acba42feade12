package client

// Typed operations for VPC flow logs (VPC 2016-04-28) and Smart Access
// Gateway flow logs (Smartag 2018-03-13). The two products share action
// names, so the Smart Access Gateway methods are named *SagFlowLog*.
// Neither product documents a ClientToken for these calls. Conventions:
// see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// ---- VPC flow log ----

// CreateFlowLogInput is CreateFlowLog's parameters. TrafficType, ProjectName
// and LogStoreName are required; the SLS project and logstore must exist.
type CreateFlowLogInput struct {
	RegionId            string      `param:"RegionId"`
	ResourceType        string      `param:"ResourceType"` // NetworkInterface | VSwitch | VPC
	ResourceId          string      `param:"ResourceId"`
	TrafficType         string      `param:"TrafficType"` // All | Allow | Drop
	ProjectName         string      `param:"ProjectName"`
	LogStoreName        string      `param:"LogStoreName"`
	FlowLogName         string      `param:"FlowLogName"`
	Description         string      `param:"Description"`
	AggregationInterval int         `param:"AggregationInterval"` // 1 | 5 | 10 minutes
	TrafficPath         []string    `param:"TrafficPath"`
	IpVersion           string      `param:"IpVersion"`
	LogFormat           string      `param:"LogFormat"`
	ResourceGroupId     string      `param:"ResourceGroupId"`
	Tag                 []model.Tag `param:"Tag"`
}

// CreateFlowLogOutput is CreateFlowLog's answer.
type CreateFlowLogOutput struct {
	RequestId string `json:"RequestId"`
	FlowLogId string `json:"FlowLogId"`
}

// CreateFlowLog creates a VPC flow log (Activating → Active).
var CreateFlowLog = Op[CreateFlowLogInput, CreateFlowLogOutput]{model.ProductVPC, "CreateFlowLog"}

// ModifyFlowLogAttributeInput is ModifyFlowLogAttribute's parameters.
type ModifyFlowLogAttributeInput struct {
	RegionId            string `param:"RegionId"`
	FlowLogId           string `param:"FlowLogId"`
	FlowLogName         string `param:"FlowLogName"`
	Description         string `param:"Description"`
	AggregationInterval int    `param:"AggregationInterval"`
	IpVersion           string `param:"IpVersion"`
	LogFormat           string `param:"LogFormat"`
}

// ModifyFlowLogAttribute renames a VPC flow log or changes its settings.
var ModifyFlowLogAttribute = Op[ModifyFlowLogAttributeInput, Result]{model.ProductVPC, "ModifyFlowLogAttribute"}

// FlowLogInput names one flow log (of either product).
type FlowLogInput struct {
	RegionId  string `param:"RegionId"`
	FlowLogId string `param:"FlowLogId"`
}

// ActiveFlowLog starts capturing (Inactive → Active). The API spells it
// Active, not Activate.
var ActiveFlowLog = Op[FlowLogInput, Result]{model.ProductVPC, "ActiveFlowLog"}

// DeactiveFlowLog stops capturing (Active → Inactive).
var DeactiveFlowLog = Op[FlowLogInput, Result]{model.ProductVPC, "DeactiveFlowLog"}

// DeleteFlowLog deletes a VPC flow log.
var DeleteFlowLog = Op[FlowLogInput, Result]{model.ProductVPC, "DeleteFlowLog"}

// DescribeFlowLogsInput filters DescribeFlowLogs. Note the plural Tags here.
type DescribeFlowLogsInput struct {
	RegionId        string      `param:"RegionId"`
	FlowLogId       string      `param:"FlowLogId"`
	FlowLogName     string      `param:"FlowLogName"`
	VpcId           string      `param:"VpcId"`
	ResourceType    string      `param:"ResourceType"`
	ResourceId      string      `param:"ResourceId"`
	TrafficType     string      `param:"TrafficType"`
	ProjectName     string      `param:"ProjectName"`
	LogStoreName    string      `param:"LogStoreName"`
	Status          string      `param:"Status"`
	Description     string      `param:"Description"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tags            []model.Tag `param:"Tags"`
}

// DescribeFlowLogs lists every VPC flow log matching the filter.
var DescribeFlowLogs = ListOp[DescribeFlowLogsInput, model.FlowLog]{"vpcflowlog"}

// ---- Smart Access Gateway flow log ----

// CreateSagFlowLogInput is Smartag CreateFlowLog's parameters. OutputType
// sls needs SlsRegionId, ProjectName and LogstoreName; netflow needs the
// NetflowServer* fields; all needs both.
type CreateSagFlowLogInput struct {
	RegionId          string `param:"RegionId"`
	Name              string `param:"Name"`
	Description       string `param:"Description"`
	OutputType        string `param:"OutputType"`    // sls | netflow | all
	ActiveAging       int    `param:"ActiveAging"`   // 60-6000 s, default 300
	InactiveAging     int    `param:"InactiveAging"` // 10-600 s, default 15
	SlsRegionId       string `param:"SlsRegionId"`
	ProjectName       string `param:"ProjectName"`
	LogstoreName      string `param:"LogstoreName"`
	NetflowServerIp   string `param:"NetflowServerIp"`
	NetflowServerPort int    `param:"NetflowServerPort"` // default 9995
	NetflowVersion    string `param:"NetflowVersion"`    // V5 | V9 | V10
}

// CreateSagFlowLogOutput is Smartag CreateFlowLog's answer.
type CreateSagFlowLogOutput struct {
	RequestId       string `json:"RequestId"`
	FlowLogId       string `json:"FlowLogId"`
	ResourceGroupId string `json:"ResourceGroupId"`
}

// CreateSagFlowLog creates a Smart Access Gateway flow log.
var CreateSagFlowLog = Op[CreateSagFlowLogInput, CreateSagFlowLogOutput]{model.ProductSmartag, "CreateFlowLog"}

// ModifySagFlowLogInput is Smartag ModifyFlowLogAttribute's parameters.
type ModifySagFlowLogInput struct {
	RegionId          string `param:"RegionId"`
	FlowLogId         string `param:"FlowLogId"`
	Name              string `param:"Name"`
	Description       string `param:"Description"`
	OutputType        string `param:"OutputType"`
	ActiveAging       int    `param:"ActiveAging"`
	InactiveAging     int    `param:"InactiveAging"`
	SlsRegionId       string `param:"SlsRegionId"`
	ProjectName       string `param:"ProjectName"`
	LogstoreName      string `param:"LogstoreName"`
	NetflowServerIp   string `param:"NetflowServerIp"`
	NetflowServerPort int    `param:"NetflowServerPort"`
	NetflowVersion    string `param:"NetflowVersion"`
}

// ModifySagFlowLog changes a Smart Access Gateway flow log. The product's
// action is ModifyFlowLogAttribute (it has no ModifyFlowLog).
var ModifySagFlowLog = Op[ModifySagFlowLogInput, Result]{model.ProductSmartag, "ModifyFlowLogAttribute"}

// DeleteSagFlowLog deletes a Smart Access Gateway flow log; one still bound
// to a gateway is refused (DependencyViolation.FlowLog).
var DeleteSagFlowLog = Op[FlowLogInput, Result]{model.ProductSmartag, "DeleteFlowLog"}

// ActiveSagFlowLog starts a Smart Access Gateway flow log.
var ActiveSagFlowLog = Op[FlowLogInput, Result]{model.ProductSmartag, "ActiveFlowLog"}

// DeactiveSagFlowLog stops a Smart Access Gateway flow log.
var DeactiveSagFlowLog = Op[FlowLogInput, Result]{model.ProductSmartag, "DeactiveFlowLog"}

// DescribeSagFlowLogsInput filters Smartag DescribeFlowLogs.
type DescribeSagFlowLogsInput struct {
	RegionId    string `param:"RegionId"`
	FlowLogId   string `param:"FlowLogId"`
	FlowLogName string `param:"FlowLogName"`
	OutputType  string `param:"OutputType"`
	Status      string `param:"Status"` // Active | Inactive
	Description string `param:"Description"`
}

// DescribeSagFlowLogs lists every Smart Access Gateway flow log matching
// the filter.
var DescribeSagFlowLogs = ListOp[DescribeSagFlowLogsInput, model.SagFlowLog]{"sagflowlog"}

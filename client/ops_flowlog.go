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

// CreateFlowLogInput is CreateFlowLog's parameters: the region, the flow
// log's settings (model.VpcFlowLogInput, sent field by field; its rules are
// model.CheckVpcFlowLog's: TrafficType, ProjectName and LogStoreName are
// required, and the SLS project and logstore must exist), and the optional
// settings after it.
type CreateFlowLogInput struct {
	RegionId string
	model.VpcFlowLogInput
	AggregationInterval int // 1 | 5 | 10 minutes
	TrafficPath         []string
	IpVersion           string
	LogFormat           string
	ResourceGroupId     string
	Tag                 []model.Tag
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
	RegionId            string
	FlowLogId           string
	FlowLogName         string
	Description         string
	AggregationInterval int
	IpVersion           string
	LogFormat           string
}

// ModifyFlowLogAttribute renames a VPC flow log or changes its settings.
var ModifyFlowLogAttribute = Op[ModifyFlowLogAttributeInput, Result]{model.ProductVPC, "ModifyFlowLogAttribute"}

// FlowLogInput names one flow log (of either product).
type FlowLogInput struct {
	RegionId  string
	FlowLogId string
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
	RegionId        string
	FlowLogId       string
	FlowLogName     string
	VpcId           string
	ResourceType    string
	ResourceId      string
	TrafficType     string
	ProjectName     string
	LogStoreName    string
	Status          string
	Description     string
	ResourceGroupId string
	Tags            []model.Tag
}

// DescribeFlowLogs lists every VPC flow log matching the filter.
var DescribeFlowLogs = ListOp[DescribeFlowLogsInput, model.FlowLog]{"vpcflowlog"}

// ---- Smart Access Gateway flow log ----

// CreateSagFlowLogInput is Smartag CreateFlowLog's parameters: the region
// and the flow log's settings (model.SagFlowLogInput, sent field by field;
// its rules are model.CheckSagFlowLog's). OutputType sls needs
// SlsRegionId, ProjectName and LogstoreName; netflow needs the
// NetflowServer* fields; all needs both.
type CreateSagFlowLogInput struct {
	RegionId string
	model.SagFlowLogInput
}

// CreateSagFlowLogOutput is Smartag CreateFlowLog's answer.
type CreateSagFlowLogOutput struct {
	RequestId       string `json:"RequestId"`
	FlowLogId       string `json:"FlowLogId"`
	ResourceGroupId string `json:"ResourceGroupId"`
}

// CreateSagFlowLog creates a Smart Access Gateway flow log.
var CreateSagFlowLog = Op[CreateSagFlowLogInput, CreateSagFlowLogOutput]{model.ProductSmartag, "CreateFlowLog"}

// ModifySagFlowLogInput is Smartag ModifyFlowLogAttribute's parameters:
// the flow log and its settings as CreateSagFlowLogInput sends them.
type ModifySagFlowLogInput struct {
	RegionId  string
	FlowLogId string
	model.SagFlowLogInput
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
	RegionId    string
	FlowLogId   string
	FlowLogName string
	OutputType  string
	Status      string // Active | Inactive
	Description string
}

// DescribeSagFlowLogs lists every Smart Access Gateway flow log matching
// the filter.
var DescribeSagFlowLogs = ListOp[DescribeSagFlowLogsInput, model.SagFlowLog]{"sagflowlog"}

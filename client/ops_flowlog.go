package client

// Typed operations for VPC flow logs (VPC 2016-04-28) and Smart Access
// Gateway flow logs (Smartag 2018-03-13). The two products share action
// names, so the Smart Access Gateway methods are named *SagFlowLog*.
// Neither product documents a ClientToken for these calls. Conventions:
// see ops_vpc.go.

import (
	"context"

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
func (c *Client) CreateFlowLog(ctx context.Context, in *CreateFlowLogInput) (*CreateFlowLogOutput, error) {
	return Invoke[CreateFlowLogOutput](ctx, c, model.ProductVPC, "CreateFlowLog", "", in)
}

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
func (c *Client) ModifyFlowLogAttribute(ctx context.Context, in *ModifyFlowLogAttributeInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ModifyFlowLogAttribute", "", in)
}

// FlowLogInput names one flow log (of either product).
type FlowLogInput struct {
	RegionId  string `param:"RegionId"`
	FlowLogId string `param:"FlowLogId"`
}

// ActiveFlowLog starts capturing (Inactive → Active). The API spells it
// Active, not Activate.
func (c *Client) ActiveFlowLog(ctx context.Context, in *FlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "ActiveFlowLog", "", in)
}

// DeactiveFlowLog stops capturing (Active → Inactive).
func (c *Client) DeactiveFlowLog(ctx context.Context, in *FlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeactiveFlowLog", "", in)
}

// DeleteFlowLog deletes a VPC flow log.
func (c *Client) DeleteFlowLog(ctx context.Context, in *FlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductVPC, "DeleteFlowLog", "", in)
}

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
func (c *Client) DescribeFlowLogs(ctx context.Context, in *DescribeFlowLogsInput) ([]*model.FlowLog, error) {
	return listKind[model.FlowLog](ctx, c, "vpcflowlog", in)
}

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
func (c *Client) CreateSagFlowLog(ctx context.Context, in *CreateSagFlowLogInput) (*CreateSagFlowLogOutput, error) {
	return Invoke[CreateSagFlowLogOutput](ctx, c, model.ProductSmartag, "CreateFlowLog", "", in)
}

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
func (c *Client) ModifySagFlowLog(ctx context.Context, in *ModifySagFlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductSmartag, "ModifyFlowLogAttribute", "", in)
}

// DeleteSagFlowLog deletes a Smart Access Gateway flow log; one still bound
// to a gateway is refused (DependencyViolation.FlowLog).
func (c *Client) DeleteSagFlowLog(ctx context.Context, in *FlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductSmartag, "DeleteFlowLog", "", in)
}

// ActiveSagFlowLog starts a Smart Access Gateway flow log.
func (c *Client) ActiveSagFlowLog(ctx context.Context, in *FlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductSmartag, "ActiveFlowLog", "", in)
}

// DeactiveSagFlowLog stops a Smart Access Gateway flow log.
func (c *Client) DeactiveSagFlowLog(ctx context.Context, in *FlowLogInput) (*Result, error) {
	return Invoke[Result](ctx, c, model.ProductSmartag, "DeactiveFlowLog", "", in)
}

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
func (c *Client) DescribeSagFlowLogs(ctx context.Context, in *DescribeSagFlowLogsInput) ([]*model.SagFlowLog, error) {
	return listKind[model.SagFlowLog](ctx, c, "sagflowlog", in)
}

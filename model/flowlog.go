package model

// FlowLog is a VPC flow log, an item of DescribeFlowLogs (FlowLogs.FlowLog).
// That response's TotalCount, PageNumber and PageSize are strings.
type FlowLog struct {
	FlowLogId                  string  `json:"FlowLogId"`
	FlowLogName                string  `json:"FlowLogName"`
	Description                string  `json:"Description"`
	RegionId                   string  `json:"RegionId"`
	ResourceType               string  `json:"ResourceType"` // NetworkInterface | VSwitch | VPC
	ResourceId                 string  `json:"ResourceId"`
	TrafficType                string  `json:"TrafficType"` // All | Allow | Drop
	ProjectName                string  `json:"ProjectName"`
	LogStoreName               string  `json:"LogStoreName"`
	Status                     string  `json:"Status"` // Active | Activating | Inactive
	BusinessStatus             string  `json:"BusinessStatus"`
	AggregationInterval        FlexInt `json:"AggregationInterval"`
	IpVersion                  string  `json:"IpVersion"`
	LogFormat                  string  `json:"LogFormat"`
	ServiceType                string  `json:"ServiceType"`
	FlowLogDeliverStatus       string  `json:"FlowLogDeliverStatus"`
	FlowLogDeliverErrorMessage string  `json:"FlowLogDeliverErrorMessage"`
	CreationTime               string  `json:"CreationTime"`
	ResourceGroupId            string  `json:"ResourceGroupId"`
	TrafficPath                struct {
		TrafficPathList Strings `json:"TrafficPathList"`
	} `json:"TrafficPath"`
	Tags Tags `json:"Tags"`
}

// Output is where the log goes: the SLS project and logstore.
func (f *FlowLog) Output() string {
	if f.ProjectName == "" && f.LogStoreName == "" {
		return ""
	}
	return "sls:" + f.ProjectName + "/" + f.LogStoreName
}

// SagFlowLog is a Smart Access Gateway flow log (smartag 2018-03-13
// DescribeFlowLogs, FlowLogs.FlowLogSetType). NetflowServerPort is a string
// in this response.
type SagFlowLog struct {
	FlowLogId         string     `json:"FlowLogId"`
	Name              string     `json:"Name"`
	Description       string     `json:"Description"`
	Status            string     `json:"Status"`     // Active | Inactive
	OutputType        string     `json:"OutputType"` // sls | netflow | all
	ActiveAging       FlexInt    `json:"ActiveAging"`
	InactiveAging     FlexInt    `json:"InactiveAging"`
	SlsRegionId       string     `json:"SlsRegionId"`
	ProjectName       string     `json:"ProjectName"`
	LogstoreName      string     `json:"LogstoreName"`
	NetflowServerIp   string     `json:"NetflowServerIp"`
	NetflowServerPort FlexString `json:"NetflowServerPort"`
	NetflowVersion    string     `json:"NetflowVersion"` // V5 | V9 | V10
	TotalSagNum       FlexInt    `json:"TotalSagNum"`
	ResourceGroupId   string     `json:"ResourceGroupId"`
}

// SLS renders the Log Service destination, if any.
func (f *SagFlowLog) SLS() string {
	if f.ProjectName == "" && f.LogstoreName == "" {
		return ""
	}
	return f.ProjectName + "/" + f.LogstoreName
}

// Netflow renders the NetFlow collector, if any.
func (f *SagFlowLog) Netflow() string {
	if f.NetflowServerIp == "" {
		return ""
	}
	s := f.NetflowServerIp
	if f.NetflowServerPort != "" {
		s += ":" + string(f.NetflowServerPort)
	}
	if f.NetflowVersion != "" {
		s += " " + f.NetflowVersion
	}
	return s
}

// Output summarises where the log goes.
func (f *SagFlowLog) Output() string {
	switch f.OutputType {
	case "sls":
		return "sls:" + f.SLS()
	case "netflow":
		return "netflow:" + f.Netflow()
	}
	return f.OutputType
}

func flowLogPhases() map[string]Phase {
	return PhaseMap(map[Phase][]string{
		PhaseReady:        {"Active"},
		PhaseTransitional: {"Activating"},
		PhaseInactive:     {"Inactive"},
	})
}

func vpcFlowLogKind() *Kind {
	return typed[FlowLog](&Kind{
		Name: "vpcflowlog", Aliases: []string{"vpcflowlogs", "vfl"}, Title: "VPC Flow Logs", Singular: "VPC flow log", Order: 71,
		List: pageList(ProductVPC, "DescribeFlowLogs", "FlowLogs.FlowLog"),
		Get:  byID("FlowLogId"),
		Scopes: []Scope{
			{Parent: "vpc", Param: "VpcId"},
			{Parent: "vsw", Param: "ResourceId", Of: childOf(func(f *FlowLog) string {
				if f.ResourceType == "VSwitch" {
					return f.ResourceId
				}
				return ""
			})},
		},
		Columns: cols(
			"ID 26 id FlowLogId", "Name 20 FlowLogName", "Status 10 status", "Resource Type 16",
			"Resource 26 id ResourceId", "Traffic 7 TrafficType",
			Col("Output", 30, StylePlain, func(f *FlowLog) string { return f.Output() }),
			"Delivery 8 FlowLogDeliverStatus", "Created 20 time CreationTime", "Description 24",
		),
		SortBy: "Name",
		Phases: flowLogPhases(), Target: []string{"Active"}, TrackTimeoutMinutes: 5,
	})
}

func sagFlowLogKind() *Kind {
	return typed[SagFlowLog](&Kind{
		Name: "sagflowlog", Aliases: []string{"sagflowlogs", "sfl"}, Title: "SAG Flow Logs", Singular: "SAG flow log", Order: 72,
		// Max page size as for the product's other flow-log lists
		// (DescribeFlowLogSags: 50).
		List: pageList(ProductSmartag, "DescribeFlowLogs", "FlowLogs.FlowLogSetType"),
		Get:  byID("FlowLogId", "InvalidFlowLogId.NotFound"),
		Columns: cols(
			"ID 24 id FlowLogId", "Name 20", "Status 10 status",
			Col("Output", 30, StylePlain, func(f *SagFlowLog) string { return f.Output() }),
			Col("SLS", 30, StylePlain, func(f *SagFlowLog) string { return f.SLS() }),
			Col("NetFlow", 24, StylePlain, func(f *SagFlowLog) string { return f.Netflow() }),
			"Active Aging 12 number", "Inactive Aging 14 number", "SAGs 5 number TotalSagNum", "Description 24",
		),
		SortBy: "Name",
		Phases: flowLogPhases(), Target: []string{"Active"}, TrackTimeoutMinutes: 5,
	})
}

// flowLogKind is the union pane of both flow-log products.
func flowLogKind() *Kind {
	return &Kind{
		Name: "flowlog", Aliases: []string{"fl", "flowlogs"}, Title: "Flow Logs", Singular: "Flow log", Order: 70,
		Members: []string{"vpcflowlog", "sagflowlog"},
		Columns: append(unionColumns("Source", 14, 26, 20, 10),
			Column{Name: "Output", Width: 30}, Column{Name: "Description", Width: 24}),
		SortBy: "Source",
	}
}

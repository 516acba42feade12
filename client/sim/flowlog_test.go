package sim

import (
	"fmt"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// flowLog returns a VPC flow log as DescribeFlowLogs shows it (nil when
// gone).
func (h *harness) flowLog(region, id string) map[string]any {
	h.t.Helper()
	items := h.ok("DescribeFlowLogs", kv("RegionId", region, "FlowLogId", id)).items("FlowLogs", "FlowLog")
	if len(items) == 0 {
		return nil
	}
	return items[0]
}

func flowLogParams(resourceType, id string, extra ...string) map[string]string {
	return kv(append([]string{"RegionId", hz, "ResourceType", resourceType, "ResourceId", id, "TrafficType", "All",
		"ProjectName", "lab-project", "LogStoreName", "lab-store"}, extra...)...)
}

func TestVpcFlowLogLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	vpc := h.settledVpc()
	a := h.ok("CreateFlowLog", flowLogParams("VPC", vpc, "FlowLogName", "lab-all", "Description", "Everything"))
	id := a.str("FlowLogId")
	if a.str("Success") != "true" || id == "" {
		t.Fatalf("CreateFlowLog answer: %s", a.Raw)
	}
	f := h.flowLog(hz, id)
	if f["Status"] != "Activating" || f["FlowLogName"] != "lab-all" || f["ResourceType"] != "VPC" || f["AggregationInterval"] != float64(10) {
		t.Fatalf("new flow log: %v", f)
	}
	h.fails("DeactiveFlowLog", kv("RegionId", hz, "FlowLogId", id), 400, "IncorrectStatus.flowlog")
	h.settle()
	if s := h.flowLog(hz, id)["Status"]; s != "Active" {
		t.Fatalf("after the settle time: %v", s)
	}
	h.fails("ActiveFlowLog", kv("RegionId", hz, "FlowLogId", id), 400, "IncorrectStatus.flowlog")
	h.ok("DeactiveFlowLog", kv("RegionId", hz, "FlowLogId", id))
	if s := h.flowLog(hz, id)["Status"]; s != "Inactive" {
		t.Fatalf("after deactivating: %v", s)
	}
	h.ok("ActiveFlowLog", kv("RegionId", hz, "FlowLogId", id))
	if s := h.flowLog(hz, id)["Status"]; s != "Activating" {
		t.Fatalf("after activating: %v", s)
	}
	h.settle()
	if s := h.flowLog(hz, id)["Status"]; s != "Active" {
		t.Fatalf("activated: %v", s)
	}
	h.ok("ModifyFlowLogAttribute", kv("RegionId", hz, "FlowLogId", id, "FlowLogName", "lab-renamed", "AggregationInterval", "1"))
	if f := h.flowLog(hz, id); f["FlowLogName"] != "lab-renamed" || f["AggregationInterval"] != float64(1) || f["Description"] != "Everything" {
		t.Fatalf("after modify: %v", f)
	}
	h.fails("ModifyFlowLogAttribute", kv("RegionId", hz, "FlowLogId", id, "AggregationInterval", "2"), 400, "InvalidParameter")
	h.ok("DeleteFlowLog", kv("RegionId", hz, "FlowLogId", id))
	if s := h.flowLog(hz, id)["Status"]; s != "Deleting" {
		t.Fatalf("deleting: %v", s)
	}
	h.settle()
	if f := h.flowLog(hz, id); f != nil {
		t.Fatalf("deleted flow log still listed: %v", f)
	}
	for _, action := range []string{"ActiveFlowLog", "DeactiveFlowLog", "DeleteFlowLog", "ModifyFlowLogAttribute"} {
		h.fails(action, kv("RegionId", hz, "FlowLogId", id), 404, "InvalidFlowLogId.NotFound")
	}
}

func TestCreateFlowLogRules(t *testing.T) {
	h := newHarness(t, Options{})
	vpc := h.settledVpc()
	sw := h.addVSwitch(vpc)
	h.refuses("CreateFlowLog", func(p ...string) map[string]string { return flowLogParams("VPC", vpc, p...) }, []refusal{
		{[]string{"TrafficType", ""}, 400, "MissingParameter"},
		{[]string{"ProjectName", ""}, 400, "MissingParameter"},
		{[]string{"LogStoreName", ""}, 400, "MissingParameter"},
		{[]string{"ResourceId", ""}, 400, "MissingParameter"},
		{[]string{"ResourceType", "Subnet"}, 400, "InvalidParameter"},
		{[]string{"TrafficType", "Some"}, 400, "InvalidParameter"},
		{[]string{"FlowLogName", "1st"}, 400, "InvalidParameter"},
		{[]string{"Description", "http://x"}, 400, "InvalidParameter"},
		{[]string{"AggregationInterval", "3"}, 400, "InvalidParameter"},
		{[]string{"TrafficPath.1", "somewhere"}, 400, "InvalidParameter"},
		{[]string{"ResourceId", "vpc-nope"}, 404, "InvalidVpcId.NotFound"},
		{[]string{"ResourceType", "VSwitch", "ResourceId", "vsw-nope"}, 404, "InvalidVSwitchId.NotFound"},
		{[]string{"ResourceType", "NetworkInterface", "ResourceId", "eni-nope"}, 404, "InvalidEniId.NotFound"},
		{[]string{"ResourceType", "VSwitch", "ResourceId", sw}, 400, "IncorrectVSwitchStatus"},
	})
	if n := h.ok("DescribeFlowLogs", kv("RegionId", hz, "VpcId", vpc)).str("TotalCount"); n != "0" {
		t.Fatalf("failed creates left flow logs: %s", n)
	}
	h.settle()
	onSw := h.ok("CreateFlowLog", flowLogParams("VSwitch", sw, "TrafficType", "Drop")).str("FlowLogId")
	inst := h.seedInstance(vpc)
	h.srv.mu.Lock()
	eni := addENI(h.srv.st, h.srv.st.get(inst)).ID
	h.srv.mu.Unlock()
	onEni := h.ok("CreateFlowLog", flowLogParams("NetworkInterface", eni, "TrafficType", "Allow")).str("FlowLogId")
	// Both count under their VPC.
	logs := h.ok("DescribeFlowLogs", kv("RegionId", hz, "VpcId", vpc)).items("FlowLogs", "FlowLog")
	if len(logs) != 2 || logs[0]["FlowLogId"] != onSw || logs[1]["FlowLogId"] != onEni || logs[1]["ResourceId"] != eni {
		t.Fatalf("flow logs of the VPC: %v", logs)
	}
}

func TestFlowLogBlocksDeletingItsResource(t *testing.T) {
	h := newHarness(t, Options{})
	vpc := h.settledVpc()
	id := h.ok("CreateFlowLog", flowLogParams("VPC", vpc)).str("FlowLogId")
	h.settle()
	h.fails("DeleteVpc", kv("RegionId", hz, "VpcId", vpc), 400, "DependencyViolation.FlowLog")
	sw := h.addVSwitch(vpc)
	h.settle()
	onSw := h.ok("CreateFlowLog", flowLogParams("VSwitch", sw)).str("FlowLogId")
	h.settle()
	h.fails("DeleteVSwitch", kv("RegionId", hz, "VSwitchId", sw), 400, "DependencyViolation.FlowLog")
	h.ok("DeleteFlowLog", kv("RegionId", hz, "FlowLogId", onSw))
	h.settle()
	h.ok("DeleteVSwitch", kv("RegionId", hz, "VSwitchId", sw))
	h.ok("DeleteFlowLog", kv("RegionId", hz, "FlowLogId", id))
	h.settle()
	h.ok("DeleteVpc", kv("RegionId", hz, "VpcId", vpc))
}

func TestDescribeFlowLogsPagesWithStrings(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	vpc := h.settledVpc()
	for i := range 23 {
		h.ok("CreateFlowLog", flowLogParams("VPC", vpc, "FlowLogName", fmt.Sprintf("log-%02d", i)))
	}
	first := h.ok("DescribeFlowLogs", kv("RegionId", hz))
	for _, k := range []string{"TotalCount", "PageNumber", "PageSize", "Success"} {
		if _, ok := first.Body[k].(string); !ok {
			t.Errorf("%s is not a string: %s", k, first.Raw)
		}
	}
	if first.str("TotalCount") != "23" || first.str("PageSize") != "20" || first.str("PageNumber") != "1" || len(first.items("FlowLogs", "FlowLog")) != 20 {
		t.Fatalf("first page: total %s size %s number %s, %d items", first.str("TotalCount"), first.str("PageSize"),
			first.str("PageNumber"), len(first.items("FlowLogs", "FlowLog")))
	}
	second := h.ok("DescribeFlowLogs", kv("RegionId", hz, "PageNumber", "2"))
	if items := second.items("FlowLogs", "FlowLog"); len(items) != 3 || items[2]["FlowLogName"] != "log-22" {
		t.Fatalf("second page: %v", items)
	}
	if n := len(h.ok("DescribeFlowLogs", kv("RegionId", hz, "PageSize", "50")).items("FlowLogs", "FlowLog")); n != 23 {
		t.Errorf("PageSize 50: %d", n)
	}
	h.fails("DescribeFlowLogs", kv("RegionId", hz, "PageSize", "51"), 400, "InvalidParameter")
	if n := h.ok("DescribeFlowLogs", kv("RegionId", hz, "FlowLogName", "log-07")).str("TotalCount"); n != "1" {
		t.Errorf("name filter: %s", n)
	}
	if n := h.ok("DescribeFlowLogs", kv("RegionId", hz, "Status", "Active")).str("TotalCount"); n != "0" {
		t.Errorf("Active before settling: %s", n)
	}
	h.settle()
	if n := h.ok("DescribeFlowLogs", kv("RegionId", hz, "Status", "Active", "ResourceType", "VPC", "VpcId", vpc)).str("TotalCount"); n != "23" {
		t.Errorf("Active VPC flow logs of the VPC: %s", n)
	}
}

// ---- Smart Access Gateway ----

func sagParams(outputType string, extra ...string) map[string]string {
	p := kv("RegionId", sh, "OutputType", outputType)
	if usesSLS(outputType) {
		p["SlsRegionId"], p["ProjectName"], p["LogstoreName"] = sh, "sag-project", "sag-store"
	}
	if usesNetflow(outputType) {
		p["NetflowServerIp"] = "192.168.0.2"
	}
	for k, v := range kv(extra...) {
		if v == "" {
			delete(p, k)
		} else {
			p[k] = v
		}
	}
	return p
}

func (p caller) sagFlowLog(region, id string) map[string]any {
	p.h.t.Helper()
	return p.one("DescribeFlowLogs", kv("RegionId", region, "FlowLogId", id), "FlowLogs", "FlowLogSetType")
}

func TestSagFlowLogOutputTypes(t *testing.T) {
	h := newHarness(t, Options{Dataset: DatasetEmpty})
	sag := h.edgeOn(model.ProductSmartag)
	cases := []struct {
		output string
		params []string
		code   string
	}{
		{"", nil, "MissingParameter"},
		{"kafka", nil, "IllegalParam.OutputType"},
		{"sls", []string{"SlsRegionId", ""}, "MissingParam.SlsRegionId"},
		{"sls", []string{"ProjectName", ""}, "MissingParam.ProjectName"},
		{"sls", []string{"LogstoreName", ""}, "MissingParam.LogstoreName"},
		{"sls", []string{"SlsRegionId", "mars-1"}, "IllegalParam.SlsRegionId"},
		{"netflow", []string{"NetflowServerIp", ""}, "MissingParam.NetflowServerIp"},
		{"netflow", []string{"NetflowServerIp", "collector"}, "IllegalParam.NetflowServerIp"},
		{"netflow", []string{"NetflowServerPort", "0"}, "IllegalParam.NetflowServerPort"},
		{"netflow", []string{"NetflowServerPort", "70000"}, "IllegalParam.NetflowServerPort"},
		{"netflow", []string{"NetflowVersion", "V8"}, "IllegalParam.NetflowVersion"},
		{"all", []string{"LogstoreName", ""}, "MissingParam.LogstoreName"},
		{"all", []string{"NetflowServerIp", ""}, "MissingParam.NetflowServerIp"},
		{"all", []string{"NetflowVersion", "v9"}, "IllegalParam.NetflowVersion"},
		{"sls", []string{"ActiveAging", "59"}, "IllegalParam.ActiveAging"},
		{"sls", []string{"ActiveAging", "6001"}, "IllegalParam.ActiveAging"},
		{"sls", []string{"ActiveAging", "often"}, "IllegalParam.ActiveAging"},
		{"sls", []string{"InactiveAging", "9"}, "IllegalParam.InactiveAging"},
		{"sls", []string{"InactiveAging", "601"}, "IllegalParam.InactiveAging"},
		{"sls", []string{"RegionId", "mars-1"}, "IllegalParam.RegionId"},
		{"sls", []string{"Name", "-x"}, "InvalidParameter"},
	}
	for _, tc := range cases {
		a := sag.call("CreateFlowLog", sagParams(tc.output, tc.params...))
		if a.Status != 400 || a.code() != tc.code {
			t.Errorf("%s %v: got %d %s, want 400 %s", tc.output, tc.params, a.Status, a.code(), tc.code)
		}
	}
	if n := sag.ok("DescribeFlowLogs", kv("RegionId", sh)).num("TotalCount"); n != 0 {
		t.Fatalf("failed creates left %d flow logs", n)
	}

	// Each type keeps the destination it uses, with the defaults.
	checks := []struct {
		output string
		params []string
		want   map[string]any
	}{
		{"sls", []string{"NetflowServerIp", "192.168.0.9"}, map[string]any{"SlsRegionId": sh, "NetflowServerIp": "", "NetflowServerPort": "",
			"ActiveAging": float64(300), "InactiveAging": float64(15)}},
		{"netflow", []string{"ProjectName", "ignored"}, map[string]any{"ProjectName": "", "NetflowServerIp": "192.168.0.2",
			"NetflowServerPort": "9995", "NetflowVersion": "V9"}},
		{"all", []string{"ActiveAging", "60", "InactiveAging", "600", "NetflowVersion", "V10", "NetflowServerPort", "2055"},
			map[string]any{"LogstoreName": "sag-store", "NetflowVersion": "V10", "NetflowServerPort": "2055", "ActiveAging": float64(60), "InactiveAging": float64(600)}},
	}
	for _, c := range checks {
		a := sag.ok("CreateFlowLog", sagParams(c.output, append(c.params, "Name", c.output+"-log")...))
		if a.str("ResourceGroupId") == "" {
			t.Errorf("CreateFlowLog answer lacks ResourceGroupId: %s", a.Raw)
		}
		f := sag.sagFlowLog(sh, a.str("FlowLogId"))
		if f["Status"] != "Active" || f["OutputType"] != c.output || f["Name"] != c.output+"-log" {
			t.Errorf("%s: %v", c.output, f)
		}
		for k, v := range c.want {
			if f[k] != v {
				t.Errorf("%s: %s = %v, want %v", c.output, k, f[k], v)
			}
		}
	}
	for i := len(checks); i < sagFlowLogsPerRegion; i++ {
		sag.ok("CreateFlowLog", sagParams("sls"))
	}
	sag.fails("CreateFlowLog", sagParams("sls"), 400, "QuotaExceeded.Flowlog")
	sag.ok("CreateFlowLog", sagParams("sls", "RegionId", hz)) // another region, another quota
}

func TestSagFlowLogLifecycle(t *testing.T) {
	h := newHarness(t, Options{})
	sag := h.edgeOn(model.ProductSmartag)
	bound := sag.ok("DescribeFlowLogs", kv("RegionId", sh)).items("FlowLogs", "FlowLogSetType")[0]["FlowLogId"].(string)
	sag.fails("DeleteFlowLog", kv("RegionId", sh, "FlowLogId", bound), 400, "DependencyViolation.FlowLog")
	sag.fails("DeleteFlowLog", kv("RegionId", sh), 400, "MissingParam.FlowLogId")
	sag.fails("DeleteFlowLog", kv("RegionId", sh, "FlowLogId", "fl-nope"), 400, "InvalidFlowLogId.NotFound")

	id := sag.ok("DescribeFlowLogs", kv("RegionId", hz)).items("FlowLogs", "FlowLogSetType")[0]["FlowLogId"].(string)
	sag.fails("ActiveFlowLog", kv("RegionId", hz, "FlowLogId", id), 400, "IncorrectStatus.FlowLog")
	sag.ok("DeactiveFlowLog", kv("RegionId", hz, "FlowLogId", id))
	if s := sag.sagFlowLog(hz, id)["Status"]; s != "Inactive" {
		t.Fatalf("after deactivating: %v", s)
	}
	sag.fails("DeactiveFlowLog", kv("RegionId", hz, "FlowLogId", id), 400, "IncorrectStatus.FlowLog")
	if n := sag.ok("DescribeFlowLogs", kv("RegionId", hz, "Status", "Inactive")).num("TotalCount"); n != 1 {
		t.Errorf("Status=Inactive: %d", n)
	}
	sag.fails("DescribeFlowLogs", kv("RegionId", hz, "Status", "Paused"), 400, "IllegalParam.Status")
	sag.ok("ActiveFlowLog", kv("RegionId", hz, "FlowLogId", id))

	// Switching the output type needs the new destination.
	sag.fails("ModifyFlowLogAttribute", kv("RegionId", hz, "FlowLogId", id, "OutputType", "all"), 400, "MissingParam.SlsRegionId")
	sag.ok("ModifyFlowLogAttribute", kv("RegionId", hz, "FlowLogId", id, "OutputType", "all", "SlsRegionId", hz,
		"ProjectName", "p1", "LogstoreName", "l1", "Description", "Both outputs"))
	f := sag.sagFlowLog(hz, id)
	if f["OutputType"] != "all" || f["ProjectName"] != "p1" || f["NetflowServerIp"] != "10.20.8.10" || f["Description"] != "Both outputs" {
		t.Fatalf("after modify: %v", f)
	}
	sag.ok("ModifyFlowLogAttribute", kv("RegionId", hz, "FlowLogId", id, "OutputType", "sls"))
	if f := sag.sagFlowLog(hz, id); f["NetflowServerIp"] != "" || f["ProjectName"] != "p1" {
		t.Fatalf("sls only: %v", f)
	}
	sag.ok("DeleteFlowLog", kv("RegionId", hz, "FlowLogId", id))
	sag.fails("ModifyFlowLogAttribute", kv("RegionId", hz, "FlowLogId", id), 400, "InvalidFlowLogId.NotFound")
	// Smart Access Gateway and VPC flow logs are different products.
	if n := h.ok("DescribeFlowLogs", kv("RegionId", sh)).str("TotalCount"); n != "1" {
		t.Errorf("VPC flow logs in %s: %s", sh, n)
	}
}

package sim

import (
	"net/netip"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Smart Access Gateway flow logs (Smartag 2018-03-13; seed 001,
// api-catalog §3.2). The product is regional (smartag.<region>), but the
// sim answers every region on one address. Codes are the seed's shared
// flow-log table; name and description, for which it lists none, get the
// framework's InvalidParameter.
//
// A flow log is Active once created; ActiveFlowLog and DeactiveFlowLog
// switch it between Active and Inactive at once. TotalSagNum counts the
// gateways bound to it: no operation here binds one, the demo seeds a
// bound flow log, and a bound flow log cannot be deleted
// (DependencyViolation.FlowLog).

const kindSagFlowLog = "sagflowlog"

// sagFlowLogsPerRegion is the QuotaExceeded.Flowlog limit.
const sagFlowLogsPerRegion = 10

func sagOf(r *record) *model.SagFlowLog { return r.Value.(*model.SagFlowLog) }

func addSagFlowLog(r *registry) {
	r.kind(kindOf(kindSagFlowLog, "fl-", func(f *model.SagFlowLog) string { return f.FlowLogId },
		func(f *model.SagFlowLog) *string { return &f.Status }, hooks[model.SagFlowLog]{}))
	sag := model.ProductSmartag
	r.write(sag, "CreateFlowLog", createSagFlowLogOp)
	r.write(sag, "ModifyFlowLogAttribute", with(lookupSagFlowLog, modifySagFlowLogOp))
	r.write(sag, "DeleteFlowLog", with(lookupSagFlowLog, deleteSagFlowLogOp))
	r.write(sag, "ActiveFlowLog", switchSagFlowLog(flActive))
	r.write(sag, "DeactiveFlowLog", switchSagFlowLog(flInactive))
	r.read(sag, "DescribeFlowLogs", describeSagFlowLogs.op)
}

func sagMissing(param string) error {
	return newErr(400, "MissingParam."+param, "Specify the "+param+" parameter.")
}

func sagIllegal(param string) error {
	return newErr(400, "IllegalParam."+param, "The specified "+param+" is invalid.")
}

// sagRegion reads RegionId with the product's code for an unknown one.
func sagRegion(c *call) (string, error) {
	if err := c.need("RegionId"); err != nil {
		return "", err
	}
	id := strings.TrimSpace(c.str("RegionId"))
	if c.srv.region(id) == nil {
		return "", sagIllegal("RegionId")
	}
	return id, nil
}

func lookupSagFlowLog(c *call) (*record, error) {
	region, err := sagRegion(c)
	if err != nil {
		return nil, err
	}
	id := strings.TrimSpace(c.str("FlowLogId"))
	if id == "" {
		return nil, sagMissing("FlowLogId")
	}
	rec := c.st.find(kindSagFlowLog, region, id)
	if rec == nil {
		return nil, newErr(400, "InvalidFlowLogId.NotFound", "The specified FlowLogId does not exist.")
	}
	return rec, nil
}

// sagInt reads an optional integer parameter in [lo, hi].
func sagInt(c *call, param string, cur, lo, hi int) (int, error) {
	s := strings.TrimSpace(c.str(param))
	if s == "" {
		return cur, nil
	}
	n, err := strconv.Atoi(s)
	if err != nil || model.CheckRange(n, lo, hi) != nil {
		return 0, sagIllegal(param)
	}
	return n, nil
}

// sagSettings reads the output settings of CreateFlowLog (base empty) and
// ModifyFlowLogAttribute (base the current settings): the output type, the
// agings, and the SLS or NetFlow destination the type needs, with the
// seed's defaults and codes. Settings the output type does not use are
// dropped.
func sagSettings(c *call, base model.SagFlowLog) (model.SagFlowLog, error) {
	f := base
	if c.has("OutputType") {
		f.OutputType = c.str("OutputType")
	}
	if f.OutputType == "" {
		return f, errMissing("OutputType")
	}
	if f.OutputType != "sls" && f.OutputType != "netflow" && f.OutputType != "all" {
		return f, sagIllegal("OutputType")
	}
	in := model.SagFlowLogInput{OutputType: f.OutputType, ActiveAging: int(f.ActiveAging), InactiveAging: int(f.InactiveAging)}.WithDefaults()
	var err error
	if in.ActiveAging, err = sagInt(c, "ActiveAging", in.ActiveAging, 60, 6000); err != nil {
		return f, err
	}
	if in.InactiveAging, err = sagInt(c, "InactiveAging", in.InactiveAging, 10, 600); err != nil {
		return f, err
	}
	for param, dst := range map[string]*string{
		"SlsRegionId": &f.SlsRegionId, "ProjectName": &f.ProjectName, "LogstoreName": &f.LogstoreName,
		"NetflowServerIp": &f.NetflowServerIp, "NetflowVersion": &f.NetflowVersion,
	} {
		if c.has(param) {
			*dst = strings.TrimSpace(c.str(param))
		}
	}
	port, _ := strconv.Atoi(string(f.NetflowServerPort))
	if port, err = sagInt(c, "NetflowServerPort", port, 1, 65535); err != nil {
		return f, err
	}
	in.SlsRegionId, in.ProjectName, in.LogstoreName = f.SlsRegionId, f.ProjectName, f.LogstoreName
	in.NetflowServerIp, in.NetflowServerPort, in.NetflowVersion = f.NetflowServerIp, port, f.NetflowVersion
	in = in.WithDefaults()
	if usesSLS(in.OutputType) {
		for _, p := range []struct{ name, v string }{{"SlsRegionId", in.SlsRegionId}, {"ProjectName", in.ProjectName}, {"LogstoreName", in.LogstoreName}} {
			if p.v == "" {
				return f, sagMissing(p.name)
			}
		}
		if c.srv.region(in.SlsRegionId) == nil {
			return f, sagIllegal("SlsRegionId")
		}
	} else {
		in.SlsRegionId, in.ProjectName, in.LogstoreName = "", "", ""
	}
	if usesNetflow(in.OutputType) {
		if in.NetflowServerIp == "" {
			return f, sagMissing("NetflowServerIp")
		}
		if _, err := netip.ParseAddr(in.NetflowServerIp); err != nil {
			return f, sagIllegal("NetflowServerIp")
		}
		if in.NetflowVersion != "V5" && in.NetflowVersion != "V9" && in.NetflowVersion != "V10" {
			return f, sagIllegal("NetflowVersion")
		}
	} else {
		in.NetflowServerIp, in.NetflowServerPort, in.NetflowVersion = "", 0, ""
	}
	// The shared rule must agree with what was checked above.
	if err := model.CheckSagFlowLog(in); err != nil {
		return f, errInvalidParamMsg("OutputType", err.Error())
	}
	f.ActiveAging, f.InactiveAging = model.FlexInt(in.ActiveAging), model.FlexInt(in.InactiveAging)
	f.SlsRegionId, f.ProjectName, f.LogstoreName = in.SlsRegionId, in.ProjectName, in.LogstoreName
	f.NetflowServerIp, f.NetflowVersion = in.NetflowServerIp, in.NetflowVersion
	f.NetflowServerPort = ""
	if in.NetflowServerPort != 0 {
		f.NetflowServerPort = model.FlexString(strconv.Itoa(in.NetflowServerPort))
	}
	return f, nil
}

func usesSLS(outputType string) bool { return outputType == "sls" || outputType == "all" }

func usesNetflow(outputType string) bool { return outputType == "netflow" || outputType == "all" }

func checkSagNameDesc(c *call) error { return nameDesc(c, "Name", model.DefaultName, invalidParamWhy) }

func createSagFlowLogOp(c *call) (any, error) {
	region, err := sagRegion(c)
	if err != nil {
		return nil, err
	}
	if err := checkSagNameDesc(c); err != nil {
		return nil, err
	}
	f, err := sagSettings(c, model.SagFlowLog{})
	if err != nil {
		return nil, err
	}
	if err := commitUnder(c, kindSagFlowLog, "region", region, sagFlowLogsPerRegion,
		newErr(400, "QuotaExceeded.Flowlog", "The maximum number of FlowLog instances is exceeded.")); err != nil {
		return nil, err
	}
	f.FlowLogId = c.st.newID(kindSagFlowLog, region)
	f.Name, f.Description, f.Status = c.str("Name"), c.str("Description"), flActive
	f.ResourceGroupId = defaultResourceGroup
	if rg := c.str("ResourceGroupId"); rg != "" {
		f.ResourceGroupId = rg
	}
	c.st.mustAdd(kindSagFlowLog, region, &f)
	return M{"FlowLogId": f.FlowLogId, "ResourceGroupId": f.ResourceGroupId}, nil
}

func modifySagFlowLogOp(c *call, rec *record) (any, error) {
	if err := checkSagNameDesc(c); err != nil {
		return nil, err
	}
	f, err := sagSettings(c, *sagOf(rec))
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	setIf(c, "Name", &f.Name)
	setIf(c, "Description", &f.Description)
	c.st.change(rec, func() { *sagOf(rec) = f })
	return nil, nil
}

func deleteSagFlowLogOp(c *call, rec *record) (any, error) {
	if sagOf(rec).TotalSagNum > 0 {
		return nil, newErr(400, "DependencyViolation.FlowLog", "This FlowLog instance is bound to an SAG instance.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(rec)
	return nil, nil
}

// switchSagFlowLog is ActiveFlowLog (to Active) or DeactiveFlowLog (to
// Inactive); a flow log already there is refused.
func switchSagFlowLog(to string) func(*call) (any, error) {
	return with(lookupSagFlowLog, func(c *call, rec *record) (any, error) {
		if c.st.status(rec) == to {
			return nil, newErr(400, "IncorrectStatus.FlowLog", "The current FlowLog instance status does not support this operation.")
		}
		if err := c.commit(); err != nil {
			return nil, err
		}
		c.st.setStatus(rec, to)
		return nil, nil
	})
}

var describeSagFlowLogs = listSpec{
	Kind: kindSagFlowLog, Wrapper: "FlowLogs", Item: "FlowLogSetType", Region: sagRegion,
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		if t := c.str("OutputType"); t != "" && t != "sls" && t != "netflow" && t != "all" {
			return nil, sagIllegal("OutputType")
		}
		if s := c.str("Status"); s != "" && s != flActive && s != flInactive {
			return nil, newErr(400, "IllegalParam.Status", "The specified Status parameter is invalid.")
		}
		return nil, nil
	},
	Narrow: []narrow{{"FlowLogId", byID}},
	Fields: fieldsOf(sagOf, "OutputType", "Status", "FlowLogName=Name", "Description", "ResourceGroupId"),
}

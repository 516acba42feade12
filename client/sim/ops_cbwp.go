package sim

import (
	"cmp"
	"slices"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Common (shared) bandwidth packages (seed 003 chapter 19, api-catalog
// §2.16). The seed shows only Status Available; the statuses in between
// follow the current public API reference: CreateCommonBandwidthPackage
// goes Creating → Available, ModifyCommonBandwidthPackageSpec Modifying →
// Available; AddCommonBandwidthPackageIp marks the EIP's relation BINDING →
// BINDED and RemoveCommonBandwidthPackageIp UNBINDING → out. While any of
// these runs the package answers queries only (IncorrectStatus.
// CommonBandwidthPackage, a code of ours: the seed documents none).
// ModifyCommonBandwidthPackagePayType (PostPaid → PrePaid) and
// DeleteCommonBandwidthPackage take effect at once.
//
// Only post-paid EIPs of the package's region are added (seed §19.5); an
// EIP is in one package at most, and DescribeEipAddresses shows it with
// BandwidthPackageId and BandwidthPackageType=CommonBandwidthPackage. A
// package with EIPs is deleted only with Force=true, which removes them
// first (seed §19.6). A package whose BusinessStatus is FinancialLocked
// refuses a new spec with BandwidthPackage.FinancialLocked (§19.7); the
// demo dataset holds one.

const kindCbwp = "cbwp"

const (
	cbwpCreating  = "Creating"
	cbwpAvailable = "Available"
	cbwpModifying = "Modifying"
	cbwpType      = "CommonBandwidthPackage"
)

func addCbwp(r *registry) {
	r.kind(kindOf(kindCbwp, "cbwp-", func(p *model.CommonBandwidthPackage) string { return p.BandwidthPackageId },
		func(p *model.CommonBandwidthPackage) *string { return &p.Status }, hooks[model.CommonBandwidthPackage]{}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateCommonBandwidthPackage", createCbwp)
	r.write(vpc, "ModifyCommonBandwidthPackageAttribute", with(lookupCbwp, editAttrs(checkCbwpNameDesc, editsOf(cbwpOf, "Name", "Description"))))
	r.write(vpc, "ModifyCommonBandwidthPackageSpec", with(settledCbwp, modifyCbwpSpec))
	r.write(vpc, "ModifyCommonBandwidthPackagePayType", with(settledCbwp, modifyCbwpPayType))
	r.write(vpc, "AddCommonBandwidthPackageIp", addCbwpIP)
	r.write(vpc, "RemoveCommonBandwidthPackageIp", removeCbwpIP)
	r.write(vpc, "DeleteCommonBandwidthPackage", with(settledCbwp, deleteCbwp))
	r.read(vpc, "DescribeCommonBandwidthPackages", describeCbwps.op)
	r.followUp("cbwp.settle", settleCbwp)
}

func cbwpOf(r *record) *model.CommonBandwidthPackage { return r.Value.(*model.CommonBandwidthPackage) }

// lookupCbwp finds the package a request names, in a known region.
var lookupCbwp = finder{kindCbwp, "BandwidthPackageId", 404, "InvalidBandwidthPackageId.NotFound",
	"The specified bandwidthPackageId does not exist in our records."}.here

// settledCbwp is lookupCbwp for a change: the package must be Available
// with no EIP being added or removed.
func settledCbwp(c *call) (*record, error) {
	rec, err := lookupCbwp(c)
	if err != nil {
		return nil, err
	}
	if cbwpOf(rec).Phase() != cbwpAvailable {
		return nil, newErr(400, "IncorrectStatus.CommonBandwidthPackage",
			"The status of the specified bandwidth package does not support this operation; only queries are possible until it settles.")
	}
	return rec, nil
}

// checkCbwpNameDesc answers a bad Name or Description with the NAT
// gateway's codes and messages.
var checkCbwpNameDesc = checkNatNameDesc

// cbwpRefusal is a state of the package that refuses a change, with the
// API's answer.
type cbwpRefusal struct {
	bad          func(p *model.CommonBandwidthPackage) bool
	status       int
	code, reason string
}

var (
	cbwpLocked = cbwpRefusal{func(p *model.CommonBandwidthPackage) bool { return p.BusinessStatus == "FinancialLocked" },
		404, "BandwidthPackage.FinancialLocked", "The specified BandwidthPackage has been Financail Lock."}
	cbwpPrePaid = cbwpRefusal{func(p *model.CommonBandwidthPackage) bool { return p.InstanceChargeType == "PrePaid" },
		400, "IncorrectStatus.InstanceChargeType", "The bandwidth package is already pre-paid (subscription)."}
	cbwpHoldsEIPs = cbwpRefusal{func(p *model.CommonBandwidthPackage) bool { return len(p.IPs()) > 0 },
		400, "DependencyViolation.EipAddresses", "The bandwidth package still has EIPs; remove them first or delete with Force=true."}
)

// cbwpCommit ends a change's checks: the package's own refusal, then
// commit (DryRun stops there).
func cbwpCommit(c *call, rec *record, refusals ...cbwpRefusal) (*model.CommonBandwidthPackage, error) {
	p := cbwpOf(rec)
	for _, r := range refusals {
		if r.bad(p) {
			return nil, newErr(r.status, r.code, r.reason)
		}
	}
	return p, c.commit()
}

// cbwpBandwidth reads the required Bandwidth (Mbit/s, 1-1000) as the API
// stores it.
func cbwpBandwidth(c *call) (string, error) {
	if err := c.need("Bandwidth"); err != nil {
		return "", err
	}
	s := strings.TrimSpace(c.str("Bandwidth"))
	if model.CheckCbwpBandwidth(s) != nil {
		return "", newErr(404, "InvalidBandwidth.ValueNotSupported", "The specified value of Bandwidth not supported.")
	}
	n, _ := strconv.Atoi(s)
	return strconv.Itoa(n), nil
}

// cbwpArgs describe a new package.
type cbwpArgs struct {
	Region, Name, Description, Bandwidth, Charge, ISP, ResourceGroup string
	Ratio                                                            int
	Status, Created, Business                                        string
}

func newCbwp(st *store, a cbwpArgs) *record {
	p := &model.CommonBandwidthPackage{
		BandwidthPackageId: st.newID(kindCbwp, a.Region), Name: a.Name, Description: a.Description, RegionId: a.Region,
		Bandwidth: a.Bandwidth, InternetChargeType: a.Charge, Ratio: model.FlexInt(a.Ratio), InstanceChargeType: "PostPaid",
		Status: a.Status, BusinessStatus: cmp.Or(a.Business, "Normal"), ISP: cmp.Or(a.ISP, "BGP"),
		CreationTime: a.Created, HasReservationData: "false", ResourceGroupId: cmp.Or(a.ResourceGroup, defaultResourceGroup),
	}
	p.PublicIpAddresses.PublicIpAddresse = model.Items[model.CbwpIP]{}
	return st.mustAdd(kindCbwp, a.Region, p)
}

func createCbwp(c *call) (any, error) {
	region, err := c.region()
	if err != nil {
		return nil, err
	}
	bw, err := cbwpBandwidth(c)
	if err != nil {
		return nil, err
	}
	charge, err := oneOfParam(c, "InternetChargeType", "PayByBandwidth", "PayByBandwidth", "PayBy95")
	if err != nil {
		return nil, err
	}
	if charge == "PayBy95" {
		if err := c.need("Ratio"); err != nil {
			return nil, err
		}
	}
	ratio, err := c.intParam("Ratio", 0, model.CbwpMinRatio, model.CbwpMaxRatio)
	if err != nil {
		return nil, err
	}
	if charge != "PayBy95" {
		ratio = 0 // a guaranteed ratio means nothing without 95th-percentile metering
	}
	if err := checkCbwpNameDesc(c); err != nil {
		return nil, err
	}
	if z := strings.TrimSpace(c.str("Zone")); z != "" && !c.srv.region(region).hasZone(z) {
		return nil, newErr(404, "InvalidZoneId.NotFound", "Specified value of ZoneId is not exists.")
	}
	isp, err := oneOfParam(c, "ISP", "BGP", eipISPs...)
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := newCbwp(c.st, cbwpArgs{Region: region, Name: c.str("Name"), Description: c.str("Description"), Bandwidth: bw,
		Charge: charge, Ratio: ratio, ISP: isp, ResourceGroup: c.str("ResourceGroupId"), Status: cbwpCreating, Created: model.FormatTime(c.now)})
	c.st.schedule(rec, Transition{Due: c.due(), Status: cbwpAvailable})
	p := cbwpOf(rec)
	return M{"BandwidthPackageId": p.BandwidthPackageId, "ResourceGroupId": p.ResourceGroupId}, nil
}

func modifyCbwpSpec(c *call, rec *record) (any, error) {
	bw, err := cbwpBandwidth(c)
	if err != nil {
		return nil, err
	}
	p, err := cbwpCommit(c, rec, cbwpLocked)
	if err != nil {
		return nil, err
	}
	c.st.change(rec, func() { p.Bandwidth, p.Status = bw, cbwpModifying })
	c.st.schedule(rec, Transition{Due: c.due(), Status: cbwpAvailable, Then: "cbwp.settle"})
	return nil, nil
}

// modifyCbwpPayType converts PostPaid to PrePaid. The seed's parameter
// table is garbled (it calls the billing cycle "Name" and pay-now
// "Description"); the parameters read here are those of its sample
// request: PricingCycle (Month, the default, or Year), Duration (default
// 1; Month 1-36, Year 1-3), AutoPay (default false). It answers an OrderId.
func modifyCbwpPayType(c *call, rec *record) (any, error) {
	cycle, err := oneOfParam(c, "PricingCycle", "Month", "Month", "Year")
	if err != nil {
		return nil, err
	}
	dur := cmp.Or(strings.TrimSpace(c.str("Duration")), "1")
	if model.CheckCbwpDuration(cycle, dur) != nil {
		return nil, errInvalidParamMsg("Duration", "Month takes 1-36, Year 1-3.")
	}
	if _, _, err := c.boolParam("AutoPay"); err != nil {
		return nil, err
	}
	p, err := cbwpCommit(c, rec, cbwpPrePaid)
	if err != nil {
		return nil, err
	}
	n, _ := strconv.Atoi(dur)
	if cycle == "Year" {
		n *= 12
	}
	c.st.change(rec, func() {
		p.InstanceChargeType, p.ExpiredTime = "PrePaid", model.FormatTime(c.now.AddDate(0, n, 0))
	})
	return M{"OrderId": strconv.FormatInt(400000000000000+int64(rec.Seq), 10)}, nil
}

// cbwpAndEIP finds the settled package and the EIP (in the package's
// region) an Add or Remove names.
func cbwpAndEIP(c *call) (pkg, eip *record, err error) {
	if pkg, err = settledCbwp(c); err == nil {
		eip, err = lookupIn(c, kindEip, "IpInstanceId", pkg.Region, "InvalidIpInstanceId.NotFound", "The specified EIP does not exist in the region of the bandwidth package.")
	}
	return pkg, eip, err
}

func addCbwpIP(c *call) (any, error) {
	rec, eip, err := cbwpAndEIP(c)
	if err != nil {
		return nil, err
	}
	e := eipOf(eip)
	switch {
	case e.BandwidthPackageId == rec.ID:
		return nil, newErr(400, "InvalidIpInstanceId.AlreadyInBandwidthPackage", "The specified EIP is already in this bandwidth package.")
	case e.BandwidthPackageId != "":
		return nil, newErr(400, "InvalidIpInstanceId.AlreadyInBandwidthPackage", "The specified EIP is in another bandwidth package: "+e.BandwidthPackageId+".")
	case e.ChargeType != "PostPaid":
		return nil, newErr(400, "OperationUnsupported.EipChargeType", "Only pay-as-you-go (PostPaid) EIPs can be added to a bandwidth package.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	joinCbwp(c.st, rec, eip, model.CbwpBinding)
	c.st.schedule(rec, Transition{Due: c.due(), Then: "cbwp.settle"})
	return nil, nil
}

// joinCbwp puts an EIP in a package with a relation status.
func joinCbwp(st *store, pkg, eip *record, relation string) {
	p, e := cbwpOf(pkg), eipOf(eip)
	st.change(pkg, func() {
		p.PublicIpAddresses.PublicIpAddresse = append(p.PublicIpAddresses.PublicIpAddresse,
			model.CbwpIP{IpAddress: e.IpAddress, AllocationId: e.AllocationId, BandwidthPackageIpRelationStatus: relation})
	})
	st.change(eip, func() {
		e.BandwidthPackageId, e.BandwidthPackageType, e.BandwidthPackageBandwidth = pkg.ID, cbwpType, p.Bandwidth
	})
}

// leaveCbwp takes the EIP with allocation id out of the package.
func leaveCbwp(st *store, pkg *record, id string) {
	p := cbwpOf(pkg)
	st.change(pkg, func() {
		p.PublicIpAddresses.PublicIpAddresse = slices.DeleteFunc(p.PublicIpAddresses.PublicIpAddresse,
			func(ip model.CbwpIP) bool { return ip.AllocationId == id })
	})
	if eip := st.find(kindEip, pkg.Region, id); eip != nil {
		e := eipOf(eip)
		st.change(eip, func() { e.BandwidthPackageId, e.BandwidthPackageType, e.BandwidthPackageBandwidth = "", "", "" })
	}
}

// settleCbwp ends whatever the package was doing: EIPs being added are in,
// EIPs being removed are out, and every EIP carries the package's
// bandwidth.
func settleCbwp(st *store, rec *record) {
	p := cbwpOf(rec)
	for _, ip := range slices.Clone(p.IPs()) {
		if ip.BandwidthPackageIpRelationStatus == model.CbwpUnbinding {
			leaveCbwp(st, rec, ip.AllocationId)
		}
	}
	st.change(rec, func() {
		for i := range p.PublicIpAddresses.PublicIpAddresse {
			p.PublicIpAddresses.PublicIpAddresse[i].BandwidthPackageIpRelationStatus = model.CbwpBinded
		}
	})
	for _, ip := range p.IPs() {
		if eip := st.find(kindEip, rec.Region, ip.AllocationId); eip != nil {
			e := eipOf(eip)
			st.change(eip, func() { e.BandwidthPackageBandwidth = p.Bandwidth })
		}
	}
}

func removeCbwpIP(c *call) (any, error) {
	rec, eip, err := cbwpAndEIP(c)
	if err != nil {
		return nil, err
	}
	if eipOf(eip).BandwidthPackageId != rec.ID {
		return nil, newErr(400, "InvalidIpInstanceId.NotInBandwidthPackage", "The specified EIP is not in this bandwidth package.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	p := cbwpOf(rec)
	c.st.change(rec, func() {
		for i, ip := range p.PublicIpAddresses.PublicIpAddresse {
			if ip.AllocationId == eip.ID {
				p.PublicIpAddresses.PublicIpAddresse[i].BandwidthPackageIpRelationStatus = model.CbwpUnbinding
			}
		}
	})
	c.st.schedule(rec, Transition{Due: c.due(), Then: "cbwp.settle"})
	return nil, nil
}

func deleteCbwp(c *call, rec *record) (any, error) {
	force, _, err := c.boolParam("Force")
	if err != nil {
		return nil, err
	}
	var refusals []cbwpRefusal
	if !force {
		refusals = append(refusals, cbwpHoldsEIPs)
	}
	p, err := cbwpCommit(c, rec, refusals...)
	if err != nil {
		return nil, err
	}
	for _, ip := range slices.Clone(p.IPs()) {
		leaveCbwp(c.st, rec, ip.AllocationId)
	}
	c.st.remove(rec)
	return nil, nil
}

// describeCbwps accepts IncludeReservationData (there is no reservation
// to show).
var describeCbwps = listSpec{Kind: kindCbwp, Wrapper: "CommonBandwidthPackages", Item: "CommonBandwidthPackage",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		_, _, err := c.boolParam("IncludeReservationData")
		return nil, err
	},
	Narrow: []narrow{{"BandwidthPackageId", byID}},
	Fields: fieldsOf(cbwpOf, "Name", "ResourceGroupId"),
}

package sim

import (
	"errors"
	"net/netip"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// EIPs (api-catalog §2.13): allocated Available; AssociateEipAddress
// (Associating → InUse) binds one to an ECS instance or a NAT gateway, whose
// IpLists then shows it; UnassociateEipAddress (Unassociating → Available)
// is refused while the gateway's SNAT or DNAT entries use the address
// (DependencyViolation.SnatEntry / .ForwardEntry, the codes NAT bandwidth
// package IPs get for the same reason); only Available EIPs are released.

const kindEip = "eip"

const (
	eipAvailable     = "Available"
	eipAssociating   = "Associating"
	eipInUse         = "InUse"
	eipUnassociating = "Unassociating"
)

// eipsPerRegion caps AllocateEipAddress (QuotaExceeded.Eip). It is higher
// than a real account's default so that paging can be exercised.
const eipsPerRegion = 500

func addEIP(r *registry) {
	r.kind(kindOf(kindEip, "eip-", func(e *model.EipAddress) string { return e.AllocationId },
		func(e *model.EipAddress) *string { return &e.Status }, hooks[model.EipAddress]{
			Refs: func(e *model.EipAddress) []ref {
				return []ref{{"ip", e.IpAddress}, {"inst", e.InstanceId}}
			},
		}))
	vpc := model.ProductVPC
	r.write(vpc, "AllocateEipAddress", allocateEipAddress)
	r.write(vpc, "AssociateEipAddress", onIn(eipRegion, lookupEip, associateEipAddress))
	r.write(vpc, "UnassociateEipAddress", onIn(eipRegion, lookupEip, unassociateEipAddress))
	r.write(vpc, "ReleaseEipAddress", onIn(eipRegion, lookupEip, releaseEipAddress))
	r.write(vpc, "ModifyEipAddressAttribute", onIn(eipRegion, lookupEip, modifyEipAddressAttribute))
	r.read(vpc, "DescribeEipAddresses", describeEipAddresses)
	r.followUp("eip.unbind", func(st *store, rec *record) { unbindEip(st, rec) })
}

func eipOf(r *record) *model.EipAddress { return r.Value.(*model.EipAddress) }

// unbindEip makes an EIP Available and forgets its instance.
func unbindEip(st *store, r *record) {
	e := eipOf(r)
	st.change(r, func() {
		e.Status = eipAvailable
		e.InstanceId, e.InstanceType, e.InstanceRegionId, e.PrivateIpAddress, e.VpcId = "", "", "", "", ""
	})
}

// eipByIP finds the EIP with address ip in region.
func eipByIP(st *store, region, ip string) *record {
	for _, r := range st.children(kindEip, "ip", ip) {
		if r.Region == region {
			return r
		}
	}
	return nil
}

// publicBlocks are the Alibaba Cloud ranges public addresses come from, by
// region (a small, plausible sample).
func publicBlocks(region string) []string {
	switch region {
	case "cn-hangzhou":
		return []string{"47.98.0.0/15", "120.26.0.0/15", "118.31.0.0/16"}
	case "cn-shanghai":
		return []string{"47.100.0.0/15", "106.14.0.0/15", "139.224.0.0/16"}
	case "cn-beijing":
		return []string{"39.96.0.0/13", "47.93.0.0/16", "123.56.0.0/16"}
	case "cn-shenzhen":
		return []string{"47.106.0.0/15", "120.78.0.0/15"}
	case "cn-hongkong":
		return []string{"47.242.0.0/15", "8.210.0.0/16"}
	case "ap-southeast-1":
		return []string{"47.74.128.0/17", "8.219.0.0/16"}
	case "eu-central-1":
		return []string{"47.254.128.0/18", "8.209.64.0/18"}
	}
	return []string{"47.88.0.0/16", "8.208.0.0/16"}
}

// newPublicIP picks an unused public address of the region for an EIP or a
// VPN gateway.
func newPublicIP(st *store, region string) (string, bool) {
	blocks := publicBlocks(region)
	for range 1000 {
		p := netip.MustParsePrefix(blocks[st.rng.IntN(len(blocks))])
		ip := hostAddr(p.String(), 1+st.rng.IntN(1<<(32-p.Bits())-2))
		if ip == "" || strings.HasSuffix(ip, ".0") || strings.HasSuffix(ip, ".255") {
			continue
		}
		if st.count(kindEip, "ip", ip) == 0 && st.count(kindVpnGateway, "ip", ip) == 0 {
			return ip, true
		}
	}
	return "", false
}

// eipArgs describe a new EIP.
type eipArgs struct {
	Region, Name, Description      string
	Bandwidth, InternetChargeType  string
	ISP, ChargeType, ResourceGroup string
	Period                         int // months, PrePaid only
	Tags                           model.Tags
	Created                        time.Time
}

func newEip(st *store, a eipArgs) (*record, bool) {
	ip, ok := newPublicIP(st, a.Region)
	if !ok {
		return nil, false
	}
	rg := a.ResourceGroup
	if rg == "" {
		rg = defaultResourceGroup
	}
	e := &model.EipAddress{
		AllocationId: st.newID(kindEip, a.Region), IpAddress: ip, Name: a.Name, Description: a.Description,
		RegionId: a.Region, Status: eipAvailable, BusinessStatus: "Normal", Bandwidth: a.Bandwidth, EipBandwidth: a.Bandwidth,
		ChargeType: a.ChargeType, InternetChargeType: a.InternetChargeType, ISP: a.ISP, Netmode: "public", Mode: "NAT",
		AllocationTime: model.FormatTime(a.Created), HDMonitorStatus: "OFF", HasReservationData: "false",
		ResourceGroupId: rg, Tags: a.Tags,
	}
	if a.ChargeType == "PrePaid" {
		e.ExpiredTime = model.FormatTime(a.Created.AddDate(0, a.Period, 0))
	}
	return st.mustAdd(kindEip, a.Region, e), true
}

// bindEip binds an EIP to an ECS instance or a NAT gateway with status.
func bindEip(st *store, eip, inst *record, status string) {
	e := eipOf(eip)
	st.change(eip, func() {
		e.InstanceId, e.InstanceRegionId, e.Status = inst.ID, inst.Region, status
		switch v := inst.Value.(type) {
		case *model.NatGateway:
			e.InstanceType, e.VpcId = "Nat", v.VpcId
		case *instance:
			e.InstanceType, e.VpcId, e.PrivateIpAddress = "EcsInstance", v.VpcId, v.PrivateIpAddress
		case *haVipRec:
			e.InstanceType, e.VpcId, e.PrivateIpAddress = "HaVip", v.VpcId, v.IpAddress
		}
	})
}

// eipRegion is RegionId for the EIP operations, which answer an unknown
// region with 404 Forbidden.RegionNotFound (seed 003 chapter 13), not
// InvalidRegionId.NotFound.
func eipRegion(c *call) (string, error) {
	region, err := c.region()
	var ae *apiError
	if errors.As(err, &ae) && ae.Code == errRegionNotFound().Code {
		return "", newErr(404, "Forbidden.RegionNotFound", "Specified region is not found during access authentication.")
	}
	return region, err
}

func errEipStatus() error {
	return newErr(400, "IncorrectEipStatus", "Current elastic IP status does not support this operation")
}

const eipNotFoundMsg = "Specified allocation ID is not found."

func errEipNotFound() error { return newErr(404, "InvalidAllocationId.NotFound", eipNotFoundMsg) }

func lookupEip(c *call, region string) (*record, error) {
	return lookupIn(c, kindEip, "AllocationId", region, "InvalidAllocationId.NotFound", eipNotFoundMsg)
}

func checkEipBandwidth(c *call) (string, error) {
	bw := strings.TrimSpace(c.str("Bandwidth"))
	if bw == "" {
		return "", nil
	}
	if model.CheckEipBandwidth(bw) != nil {
		return "", newErr(400, "InvalidParameter", `Specified value of "Bandwidth" is not supported.`)
	}
	n, _ := strconv.Atoi(bw)
	return strconv.Itoa(n), nil
}

func checkEipNameDesc(c *call) error { return nameDesc(c, "Name", model.DefaultName, invalidParam) }

var eipISPs = []string{"BGP", "BGP_PRO", "ChinaTelecom", "ChinaUnicom", "ChinaMobile",
	"ChinaTelecom_L2", "ChinaUnicom_L2", "ChinaMobile_L2", "BGP_FinanceCloud"}

func allocateEipAddress(c *call) (any, error) {
	region, err := eipRegion(c)
	if err != nil {
		return nil, err
	}
	bw, err := checkEipBandwidth(c)
	if err != nil {
		return nil, err
	}
	if bw == "" {
		bw = "5"
	}
	ict, err := oneOfParam(c, "InternetChargeType", "PayByBandwidth", "PayByBandwidth", "PayByTraffic")
	if err != nil {
		return nil, newErr(400, "InvalidParameter", `Specified value of "InternetChargeType" is not supported.`)
	}
	isp, err := oneOfParam(c, "ISP", "BGP", eipISPs...)
	if err != nil {
		return nil, err
	}
	charge, err := oneOfParam(c, "InstanceChargeType", "PostPaid", "PostPaid", "PrePaid")
	if err != nil {
		return nil, err
	}
	months := 0
	if charge == "PrePaid" {
		cycle, err := oneOfParam(c, "PricingCycle", "Month", "Month", "Year")
		if err != nil {
			return nil, err
		}
		hi := 9
		if cycle == "Year" {
			hi = 3
		}
		if err := c.need("Period"); err != nil {
			return nil, err
		}
		n, err := c.intParam("Period", 0, 1, hi)
		if err != nil {
			return nil, err
		}
		months = n
		if cycle == "Year" {
			months *= 12
		}
	}
	if err := checkEipNameDesc(c); err != nil {
		return nil, err
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	if err := commitUnder(c, kindEip, "region", region, eipsPerRegion,
		newErr(400, "QuotaExceeded.Eip", "Elastic IP address quota exceeded")); err != nil {
		return nil, err
	}
	rec, ok := newEip(c.st, eipArgs{
		Region: region, Name: c.str("Name"), Description: c.str("Description"), Bandwidth: bw,
		InternetChargeType: ict, ISP: isp, ChargeType: charge, Period: months,
		ResourceGroup: c.str("ResourceGroupId"), Tags: tags, Created: c.now,
	})
	if !ok {
		return nil, newErr(400, "ReserveIpFail", "Reserve eip failed.")
	}
	e := eipOf(rec)
	out := M{"AllocationId": e.AllocationId, "EipAddress": e.IpAddress, "ResourceGroupId": e.ResourceGroupId}
	if charge == "PrePaid" {
		out["OrderId"] = 200000000000000 + int64(rec.Seq)
	}
	return out, nil
}

// eipInstanceTypes are the InstanceType values the EIP API knows; the
// simulator stores instances of the first two only.
var eipInstanceTypes = []string{"EcsInstance", "Nat", "SlbInstance", "HaVip", "NetworkInterface", "IpAddress"}

func eipInstanceType(c *call) (string, error) {
	t, err := oneOfParam(c, "InstanceType", "EcsInstance", eipInstanceTypes...)
	if err != nil {
		return "", newErr(400, "InvalidInstanceType.ValueNotSupported", "The specified InstanceType is not supported.")
	}
	return t, nil
}

func associateEipAddress(c *call, eip *record) (any, error) {
	region := eip.Region
	if err := c.need("InstanceId"); err != nil {
		return nil, err
	}
	typ, err := eipInstanceType(c)
	if err != nil {
		return nil, err
	}
	id := strings.TrimSpace(c.str("InstanceId"))
	var inst *record
	switch typ {
	case "Nat":
		inst = c.st.find(kindNatGateway, region, id)
	case "EcsInstance":
		inst = c.st.find(kindInstance, region, id)
	case "HaVip":
		inst = c.st.find(kindHaVip, region, id)
	}
	if inst == nil {
		return nil, newErr(404, "InvalidInstanId.NotFound", "Specified instance does not exist.")
	}
	e := eipOf(eip)
	if e.InstanceId == id {
		return nil, newErr(400, "InvalidAssociation.Duplicated", "Specified instance already has the elastic IP.")
	}
	if e.Status != eipAvailable {
		return nil, errEipStatus()
	}
	switch v := inst.Value.(type) {
	case *model.NatGateway:
		if v.Status != stAvailable {
			return nil, newErr(400, "IncorrectInstanceStatus", "Current instance status does not support this operation.")
		}
	case *instance:
		if c.st.count(kindEip, "inst", id) > 0 || portMapped(c.st, v) {
			return nil, newErr(400, "BIND_INSTANCE_HAVE_PORTMAP_OR_BIND_EIP",
				"The instance already has an EIP or is the target of a DNAT entry.")
		}
	case *haVipRec:
		if v.Status != hvAvailable && v.Status != hvInUse {
			return nil, errHaVipStatus(hvUsableMsg)
		}
		if c.st.count(kindEip, "inst", id) > 0 {
			return nil, newErr(400, "BIND_INSTANCE_HAVE_PORTMAP_OR_BIND_EIP",
				"The instance already has an EIP or is the target of a DNAT entry.")
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	bindEip(c.st, eip, inst, eipAssociating)
	c.st.schedule(eip, Transition{Due: c.due(), Status: eipInUse})
	return nil, nil
}

// portMapped reports whether a DNAT entry in the instance's VPC forwards to it.
func portMapped(st *store, i *instance) bool {
	for _, nat := range st.children(kindNatGateway, "vpc", i.VpcId) {
		for _, e := range st.children(kindForwardEntry, "ngw", nat.ID) {
			if fwdOf(e).InternalIp == i.PrivateIpAddress {
				return true
			}
		}
	}
	return false
}

func unassociateEipAddress(c *call, eip *record) (any, error) {
	if err := c.need("InstanceId"); err != nil {
		return nil, err
	}
	typ, err := eipInstanceType(c)
	if err != nil {
		return nil, err
	}
	e := eipOf(eip)
	if e.InstanceId == "" {
		return nil, errEipStatus()
	}
	if e.InstanceId != strings.TrimSpace(c.str("InstanceId")) || e.InstanceType != typ {
		return nil, newErr(400, "InvalidInstanceId.NotFound", "The elastic IP is not bound to the specified instance.")
	}
	if e.Status != eipInUse {
		return nil, errEipStatus()
	}
	if e.InstanceType == "Nat" {
		dep := func(what string) error {
			return errf(400, "DependencyViolation."+what, "The specified EIP %s is used by a %s; delete the entry first.", e.IpAddress, what)
		}
		if snatUsing(c.st, e.InstanceId, e.IpAddress, nil) != nil {
			return nil, dep("SnatEntry")
		}
		if fwdUsing(c.st, e.InstanceId, e.IpAddress) != nil {
			return nil, dep("ForwardEntry")
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.setStatus(eip, eipUnassociating)
	c.st.schedule(eip, Transition{Due: c.due(), Status: eipAvailable, Then: "eip.unbind"})
	return nil, nil
}

func releaseEipAddress(c *call, eip *record) (any, error) {
	e := eipOf(eip)
	if e.Status != eipAvailable {
		return nil, errEipStatus()
	}
	if e.ChargeType == "PrePaid" {
		return nil, newErr(400, "Forbidden.ChargeTypeIsPrepaid", "It's forbidden to release a prepaid EIP")
	}
	if e.BandwidthPackageId != "" {
		return nil, newErr(400, "OperationFailed.EipInBandwidthPackage", "The EIP is in bandwidth package "+e.BandwidthPackageId+"; remove it first.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(eip)
	return nil, nil
}

func modifyEipAddressAttribute(c *call, eip *record) (any, error) {
	bw, err := checkEipBandwidth(c)
	if err != nil {
		return nil, err
	}
	if err := checkEipNameDesc(c); err != nil {
		return nil, err
	}
	e := eipOf(eip)
	return nil, commitEdit(c, eip, edits{"Name": &e.Name, "Description": &e.Description}, func() {
		if bw != "" {
			e.Bandwidth, e.EipBandwidth = bw, bw
		}
	})
}

// splitList reads a comma-separated parameter (at most max values).
func splitList(c *call, name string, max int) ([]string, error) {
	s := strings.TrimSpace(c.str(name))
	if s == "" {
		return nil, nil
	}
	parts := strings.Split(s, ",")
	if len(parts) > max {
		return nil, errInvalidParam(name)
	}
	for i := range parts {
		parts[i] = strings.TrimSpace(parts[i])
	}
	return parts, nil
}

var eipFields = fieldsOf(eipOf, "Status", "ChargeType", "ISP", "EipName=Name", "ResourceGroupId")

func describeEipAddresses(c *call) (any, error) {
	region, err := eipRegion(c)
	if err != nil {
		return nil, err
	}
	num, size, err := c.paging(10, 50) // seed: PageSize max 50
	if err != nil {
		return nil, err
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	ids, err := splitList(c, "AllocationId", 50)
	if err != nil {
		return nil, err
	}
	ips, err := splitList(c, "EipAddress", 50)
	if err != nil {
		return nil, err
	}
	ix := c.st.inRegion(kindEip, region)
	var fs []func(*record) bool
	if ids != nil {
		ix = byIDs(c.st, kindEip, region, ids)
	}
	if ips != nil {
		want := map[string]bool{}
		for _, ip := range ips {
			want[ip] = true
		}
		fs = append(fs, func(r *record) bool { return want[eipOf(r).IpAddress] })
	}
	if c.has("AssociatedInstanceType") || c.has("AssociatedInstanceId") {
		typ, err := oneOfParam(c, "AssociatedInstanceType", "EcsInstance", eipInstanceTypes...)
		if err != nil {
			return nil, newErr(400, "InvalidIAssociatedInstanceType.ValueNotSupported", "The specified AssociatedInstanceType is not supported.")
		}
		fs = append(fs, func(r *record) bool { return eipOf(r).InstanceType == typ })
		if id := strings.TrimSpace(c.str("AssociatedInstanceId")); id != "" {
			if ids == nil {
				ix = c.st.index(kindEip, "inst", id)
				fs = append(fs, func(r *record) bool { return r.Region == region })
			} else {
				fs = append(fs, func(r *record) bool { return eipOf(r).InstanceId == id })
			}
		}
	}
	if _, err := oneOfParam(c, "Status", "", eipAvailable, eipAssociating, eipInUse, eipUnassociating); err != nil {
		return nil, err
	}
	if _, err := oneOfParam(c, "ChargeType", "", "PostPaid", "PrePaid"); err != nil {
		return nil, newErr(400, "InvalidChargeType.ValueNotSupported", "The specified ChargeType is not supported.")
	}
	if lr := c.str("LockReason"); lr != "" {
		if lr != "financial" && lr != "security" {
			return nil, newErr(404, "InvalidLockReason.NotFound", "The specified LockReason is not found.")
		}
		// No EIP of the simulator is ever locked.
		fs = append(fs, func(*record) bool { return false })
	}
	fs = append(fs, eipFields.match(c, "")...)
	if len(tags.Tag) > 0 {
		fs = append(fs, func(r *record) bool { return matchTags(eipOf(r).Tags, tags) })
	}
	recs, total := ix.page(filters(fs...), (num-1)*size, size)
	return paged("EipAddresses", "EipAddress", c.st.renderAll(recs), total, num, size), nil
}

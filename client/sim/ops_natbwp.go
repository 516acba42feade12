package sim

import (
	"maps"
	"slices"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// NAT bandwidth packages (seed 003 §17; api-catalog §2.9): a shared
// bandwidth plus public IPs (nateip-…) owned by one NAT gateway, at most
// four per gateway. The gateway lists their IPs with its own (IpLists) and
// their IDs (BandwidthPackageIds); SNAT and DNAT entries may use them like
// the gateway's EIPs (natBwpOwns, called from ops_nat.go).
//
// Lifecycle: CreateBandwidthPackage Creating → Available;
// ModifyBandwidthPackageSpec, AddBandwidthPackageIps and
// RemoveBandwidthPackageIps Modifying → Available (the addresses change at
// once); DeleteBandwidthPackage Deleting → gone.
//
// Choices where the seed is silent:
//   - Status is documented only by the example "Available"; the transitional
//     statuses are Creating, Modifying and Deleting, and a package that is
//     not Available refuses changes with IncorrectStatus.
//   - CreateBandwidthPackage refuses IpCount over 50 with the documented
//     QuotaExceeded.BandwidthPackageIps and an IpCount that is not a
//     positive whole number with InvalidIpCount.ValueNotSupported, as
//     AddBandwidthPackageIps does; a package never holds more than 50 IPs.
//   - RemovedIpAddresses.N takes addresses or their AllocationIds. An
//     address of no NAT bandwidth package answers
//     InvalidRemovedIpAddresses.NotFound; one of another package
//     invalidRemovedIpAddresses.NotFound (both documented).
//   - DeleteBandwidthPackage with Force=true deletes the SNAT and DNAT
//     entries using its IPs; without it they refuse the deletion.
//   - A FinancialLocked package (the demo has one) refuses spec and IP
//     changes with BandwidthPackage.FinancialLocked.

const kindNatBwp = "natbwp"

const stFinancialLocked = "FinancialLocked"

func natBwpOf(r *record) *model.NatBandwidthPackage { return r.Value.(*model.NatBandwidthPackage) }

func addNatBwp(r *registry) {
	r.kind(kindOf(kindNatBwp, "bwp-", func(b *model.NatBandwidthPackage) string { return b.BandwidthPackageId },
		func(b *model.NatBandwidthPackage) *string { return &b.Status }, hooks[model.NatBandwidthPackage]{
			Refs: func(b *model.NatBandwidthPackage) []ref {
				refs := []ref{{kindNatGateway, b.NatGatewayId}}
				for _, ip := range b.IPs() {
					refs = append(refs, ref{"ip", ip.IpAddress})
				}
				return refs
			},
			Fill: func(st *store, b *model.NatBandwidthPackage) {
				ips := make(model.Items[model.NatBwpIP], len(b.IPs()))
				for i, ip := range b.IPs() {
					ip.UsingStatus = natIPUse(st, b.NatGatewayId, ip.IpAddress)
					ips[i] = ip
				}
				b.PublicIpAddresses.PublicIpAddresse = ips
				b.IpCount = strconv.Itoa(len(ips))
			},
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateBandwidthPackage", createNatBwpOp)
	r.write(vpc, "ModifyBandwidthPackageSpec", modifyNatBwpSpecOp)
	r.write(vpc, "ModifyBandwidthPackageAttribute", with(lookupNatBwp, modifyNatBwpAttributeOp))
	r.write(vpc, "AddBandwidthPackageIps", addNatBwpIpsOp)
	r.write(vpc, "RemoveBandwidthPackageIps", removeNatBwpIpsOp)
	r.write(vpc, "DeleteBandwidthPackage", with(lookupNatBwp, deleteNatBwpOp))
	r.read(vpc, "DescribeBandwidthPackages", describeNatBwps.op)
	r.block(kindNatGateway, kindNatBwp, "DependencyViolation.BandwidthPackages", "There are BandwidthPackages on specified NatGateway not deleted.")
	r.followUp("natbwp.delete", func(st *store, rec *record) {
		for _, ip := range natBwpOf(rec).Addresses() {
			for _, e := range natEntriesUsing(st, natBwpOf(rec).NatGatewayId, ip) {
				st.remove(e)
			}
		}
	})
}

// natBwpOwns reports whether ip is an address of a bandwidth package of the
// NAT gateway natID: SNAT and DNAT entries may use it like a bound EIP.
func natBwpOwns(st *store, natID, ip string) bool {
	for _, r := range st.children(kindNatBwp, "ip", ip) {
		if natBwpOf(r).NatGatewayId == natID {
			return true
		}
	}
	return false
}

// natBwpIPs are the addresses of the gateway's packages, as its IpLists
// shows them, and the packages' IDs.
func natBwpIPs(st *store, natID string) (ips []model.NatIp, ids model.Strings) {
	ids = model.Strings{}
	for _, r := range st.children(kindNatBwp, kindNatGateway, natID) {
		ids = append(ids, r.ID)
		for _, ip := range natBwpOf(r).IPs() {
			use := natIPUse(st, natID, ip.IpAddress)
			ips = append(ips, model.NatIp{AllocationId: ip.AllocationId, IpAddress: ip.IpAddress, UsingStatus: use,
				SnatEntryEnabled: use == "UsedBySnatTable"})
		}
	}
	return ips, ids
}

// natEntriesUsing lists the SNAT and DNAT entries of a gateway that use ip.
func natEntriesUsing(st *store, natID, ip string) []*record {
	var out []*record
	for _, e := range st.children(kindSnatEntry, "ngw", natID) {
		if slices.Contains(strings.Split(snatOf(e).SnatIp, ","), ip) {
			out = append(out, e)
		}
	}
	for _, e := range st.children(kindForwardEntry, "ngw", natID) {
		if fwdOf(e).ExternalIp == ip {
			out = append(out, e)
		}
	}
	return out
}

// natBwpDependents answers the documented DependencyViolation code for the
// first of ips an SNAT or DNAT entry of the gateway uses.
func natBwpDependents(st *store, natID string, ips []string, snatMsg, fwdMsg string) error {
	for _, ip := range ips {
		if snatUsing(st, natID, ip, nil) != nil {
			return newErr(400, "DependencyViolation.SnatEntry", snatMsg)
		}
		if fwdUsing(st, natID, ip) != nil {
			return newErr(400, "DependencyViolation.ForwardEntry", fwdMsg)
		}
	}
	return nil
}

// newNatBwpIP allocates an unused public address of the region.
func newNatBwpIP(st *store, region string) (model.NatBwpIP, bool) {
	for range 100 {
		ip, ok := newPublicIP(st, region)
		if !ok {
			return model.NatBwpIP{}, false
		}
		if st.count(kindNatBwp, "ip", ip) == 0 {
			return model.NatBwpIP{AllocationId: st.newID("nateip", region), IpAddress: ip}, true
		}
	}
	return model.NatBwpIP{}, false
}

// natBwpArgs describe a new package.
type natBwpArgs struct {
	Name, Description, Zone, Bandwidth, Charge, Status, Created string
	IPs                                                         int
}

// addNatBwpRec stores a package of the gateway nat with a.IPs new addresses;
// false when the region has no address left.
func addNatBwpRec(st *store, nat *record, a natBwpArgs) (*record, bool) {
	b := &model.NatBandwidthPackage{
		BandwidthPackageId: st.newID(kindNatBwp, nat.Region), Name: a.Name, Description: a.Description, RegionId: nat.Region,
		ZoneId: a.Zone, NatGatewayId: nat.ID, Bandwidth: a.Bandwidth, ISP: "BGP", Status: a.Status, BusinessStatus: "Normal",
		InstanceChargeType: "PostPaid", InternetChargeType: a.Charge, CreationTime: a.Created,
	}
	for range a.IPs {
		ip, ok := newNatBwpIP(st, nat.Region)
		if !ok {
			return nil, false
		}
		b.PublicIpAddresses.PublicIpAddresse = append(b.PublicIpAddresses.PublicIpAddresse, ip)
	}
	b.IpCount = strconv.Itoa(a.IPs)
	return st.mustAdd(kindNatBwp, nat.Region, b), true
}

var lookupNatBwp = finder{kindNatBwp, "BandwidthPackageId", 404, "InvalidBandwidthPackageId.NotFound",
	"The specified bandwidthPackageId does not exist in our records."}.here

// changeableNatBwp finds the package and checks it can change now, the
// overdue lock included.
func changeableNatBwp(c *call) (*record, error) {
	rec, err := lookupNatBwp(c)
	if err != nil {
		return nil, err
	}
	return rec, natBwpChangeable(rec, true)
}

// natBwpChangeable checks the package can change now: not overdue-locked
// (when locked matters) and Available.
func natBwpChangeable(rec *record, locked bool) error {
	b := natBwpOf(rec)
	if locked && b.BusinessStatus == stFinancialLocked {
		return newErr(404, "BandwidthPackage.FinancialLocked", "The specified BandwidthPackage has been Financail Lock.")
	}
	if b.Status != stAvailable {
		return newErr(400, "IncorrectStatus", "The current bandwidth package status does not support this operation.")
	}
	return nil
}

func errNatBwpIPCount() error {
	return newErr(400, "InvalidIpCount.ValueNotSupported", "The specified value of IpCount not supported.")
}

func errNatBwpIPQuota() error {
	return newErr(400, "QuotaExceeded.BandwidthPackageIps", "The specified ipCount exceeded quota.")
}

// natBwpZone is the Zone parameter: a zone of the region, or one of them
// at random.
func natBwpZone(c *call, region string) (string, error) {
	r := c.srv.region(region)
	z := strings.TrimSpace(c.str("Zone"))
	if z == "" {
		if len(r.Zones) == 0 {
			return "", nil
		}
		return region + "-" + r.Zones[c.st.rng.IntN(len(r.Zones))], nil
	}
	if !r.hasZone(z) {
		return "", newErr(404, "InvalidZoneId.NotFound", "Specified value of ZoneId is not exists.")
	}
	return z, nil
}

func createNatBwpOp(c *call) (any, error) {
	region, err := needRegion(c, "RegionId", "NatGatewayId", "Bandwidth", "IpCount")
	if err != nil {
		return nil, err
	}
	nat, err := finder{kindNatGateway, "NatGatewayId", 404, "NATGW_NOT_EXIST", "The NatGateway not exist."}.in(c, region)
	if err != nil {
		return nil, err
	}
	if model.CheckNatBwpBandwidth(c.str("Bandwidth")) != nil {
		return nil, newErr(400, "InvalidBandwidth.ValueNotSupported", "The specified value of Bandwidth not supported.")
	}
	n, err := strconv.Atoi(strings.TrimSpace(c.str("IpCount")))
	switch {
	case err != nil || n < 1:
		return nil, errNatBwpIPCount()
	case n > model.NatBwpMaxIPs:
		return nil, errNatBwpIPQuota()
	}
	if isp := strings.TrimSpace(c.str("ISP")); isp != "" && isp != "BGP" {
		return nil, newErr(400, "InvalidParameter.BandwidthPackage.n.ISP.ValueNotSupport", "The specified ISP of BandwidthPackage is not valid.")
	}
	charge, err := oneOfParam(c, "InternetChargeType", "PayByBandwidth", "PayByTraffic", "PayByBandwidth")
	if err != nil {
		return nil, err
	}
	if err := checkNatNameDesc(c); err != nil {
		return nil, err
	}
	zone, err := natBwpZone(c, region)
	if err != nil {
		return nil, err
	}
	if c.st.status(nat) != stAvailable {
		return nil, errNatStatus(400)
	}
	if err := commitUnder(c, kindNatBwp, kindNatGateway, nat.ID, model.NatBwpPerGateway,
		newErr(400, "QuotaExceeded.BandwidthPackageCountOnNatGateway", "BandwidthPackage count limit on one NatGateway exceeded.")); err != nil {
		return nil, err
	}
	rec, ok := addNatBwpRec(c.st, nat, natBwpArgs{Name: c.str("Name"), Description: c.str("Description"), Zone: zone,
		Bandwidth: strconv.Itoa(mustAtoi(c.str("Bandwidth"))), Charge: charge, Status: stCreating, Created: model.FormatTime(c.now), IPs: n})
	if !ok {
		return nil, newErr(400, "ZONE_NO_AVAILABLE_IP", "The Zone have no available ip.")
	}
	c.st.schedule(rec, Transition{Due: c.due(), Status: stAvailable})
	return M{"BandwidthPackageId": rec.ID}, nil
}

// mustAtoi reads a number a rule has already accepted.
func mustAtoi(s string) int {
	n, _ := strconv.Atoi(strings.TrimSpace(s))
	return n
}

// modifying applies f to the package and leaves it Modifying until the
// settle time.
func modifying(c *call, rec *record, f func(b *model.NatBandwidthPackage)) {
	b := natBwpOf(rec)
	c.st.change(rec, func() { f(b) })
	transit(c, rec, stModifying, stAvailable)
}

func modifyNatBwpSpecOp(c *call) (any, error) {
	if err := c.need("Bandwidth"); err != nil {
		return nil, err
	}
	if model.CheckNatBwpBandwidth(c.str("Bandwidth")) != nil {
		return nil, newErr(404, "InvalidBandwidth.ValueNotSupported", "The specified value of Bandwidth not supported.")
	}
	rec, err := changeableNatBwp(c)
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	modifying(c, rec, func(b *model.NatBandwidthPackage) { b.Bandwidth = strconv.Itoa(mustAtoi(c.str("Bandwidth"))) })
	return nil, nil
}

var modifyNatBwpAttributeOp = editAttrs(checkNatNameDesc,
	editsOf(natBwpOf, "Name", "Description"))

func addNatBwpIpsOp(c *call) (any, error) {
	if err := c.need("IpCount"); err != nil {
		return nil, err
	}
	if model.CheckNatBwpIPCount(c.str("IpCount")) != nil {
		return nil, errNatBwpIPCount()
	}
	rec, err := changeableNatBwp(c)
	if err != nil {
		return nil, err
	}
	n := mustAtoi(c.str("IpCount"))
	if model.CheckNatBwpAddIPs(c.str("IpCount"), len(natBwpOf(rec).IPs())) != nil {
		return nil, errNatBwpIPQuota()
	}
	var ips []model.NatBwpIP
	for range n {
		ip, ok := newNatBwpIP(c.st, rec.Region)
		if !ok {
			return nil, newErr(400, "ZONE_NO_AVAILABLE_IP", "The Zone have no available ip.")
		}
		ips = append(ips, ip)
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	modifying(c, rec, func(b *model.NatBandwidthPackage) {
		b.PublicIpAddresses.PublicIpAddresse = append(b.PublicIpAddresses.PublicIpAddresse, ips...)
		b.IpCount = strconv.Itoa(len(b.IPs()))
	})
	return nil, nil
}

func removeNatBwpIpsOp(c *call) (any, error) {
	rec, err := changeableNatBwp(c)
	if err != nil {
		return nil, err
	}
	asked := c.repeated("RemovedIpAddresses", model.NatBwpMaxRemove)
	if len(asked) == 0 {
		return nil, errMissing("RemovedIpAddresses.1")
	}
	b := natBwpOf(rec)
	gone := map[string]bool{}
	for _, a := range asked {
		a = strings.TrimSpace(a)
		i := slices.IndexFunc(b.IPs(), func(ip model.NatBwpIP) bool { return ip.IpAddress == a || ip.AllocationId == a })
		switch {
		case i >= 0:
			gone[b.IPs()[i].IpAddress] = true
		case c.st.count(kindNatBwp, "ip", a) == 0 && !strings.HasPrefix(a, "nateip-"):
			return nil, newErr(400, "InvalidRemovedIpAddresses.NotFound", "Some of remove ip is not natPublicIp.")
		default:
			return nil, newErr(404, "invalidRemovedIpAddresses.NotFound",
				"Some of the specified value of RemovedIpAddress not found in specified BandwidthPackage.")
		}
	}
	if len(gone) >= len(b.IPs()) {
		return nil, newErr(400, "InvalidIpCount.ValueNotSupported", "Can not remove all ips of the bandwidthPackage.")
	}
	if err := natBwpDependents(c.st, b.NatGatewayId, slices.Sorted(maps.Keys(gone)),
		"The ip has been used by SnatEntry.", "The ip has been used by ForwardEntry."); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	modifying(c, rec, func(b *model.NatBandwidthPackage) {
		b.PublicIpAddresses.PublicIpAddresse = slices.DeleteFunc(b.PublicIpAddresses.PublicIpAddresse,
			func(ip model.NatBwpIP) bool { return gone[ip.IpAddress] })
		b.IpCount = strconv.Itoa(len(b.IPs()))
	})
	return nil, nil
}

func deleteNatBwpOp(c *call, rec *record) (any, error) {
	force, _, err := c.boolParam("Force")
	if err != nil {
		return nil, err
	}
	b := natBwpOf(rec)
	if !force {
		const msg = "The specified BandwidthPackageId has dependent resource."
		if err := natBwpDependents(c.st, b.NatGatewayId, b.Addresses(), msg, msg); err != nil {
			return nil, err
		}
	}
	if err := natBwpChangeable(rec, false); err != nil {
		return nil, err
	}
	return removeLater(c, rec, stDeleting, "natbwp.delete")
}

var describeNatBwps = listSpec{Kind: kindNatBwp, Wrapper: "BandwidthPackages", Item: "BandwidthPackage",
	Fields: fieldsOf(natBwpOf, "BandwidthPackageId", "NatGatewayId")}

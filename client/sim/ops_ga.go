package sim

import (
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Global acceleration instances (seed 003 §18; api-catalog §2.15). An
// exclusive instance has its own public IP and accelerates one backend
// server (a VPC ECS instance of another region inside its service
// location); a sharing instance shares its bandwidth among pay-as-you-go
// EIPs of its own region, which then show it as their instance
// (InstanceType GlobalAccelerationInstance).
//
// Lifecycle: created Available; AssociateGlobalAccelerationInstance
// Associating → InUse; UnassociateGlobalAccelerationInstance Unassociating →
// Available; AddGlobalAccelerationInstanceIp Associating → InUse;
// RemoveGlobalAccelerationInstanceIp Unassociating → InUse (EIPs left) or
// Available; Delete only when Available (no backend, no EIP): gone at once.
//
// Choices where the seed is silent:
//   - Create takes the SDK's BandwidthType (Exclusive by default, or
//     Sharing); only an exclusive instance gets an IpAddress. A bandwidth
//     off the list or a service location off its list answers
//     InvalidParameter.
//   - DescribeGlobalAccelerationInstances without BandwidthType lists both
//     types (the documented "default Exclusive" describes the values); the
//     Status filter takes Inuse and InUse alike.
//   - A change while the instance is Associating or Unassociating answers
//     TaskConflict.AssociateGlobalAccelerationInstance "Operate too
//     frequent."; a sharing instance refuses a backend and an exclusive one
//     an EIP (InvalidParameter); a second backend answers
//     InvalidAssociation.Duplicated.
//   - The simulator has no SLB instances: SlbInstance backends answer
//     InvalidBackendServerId.NotFound.
//   - Add/RemoveGlobalAccelerationInstanceIp answer an unknown instance with
//     their only documented not-found code, InvalidBandwidthPackageId.NotFound
//     (the seed's copy from the bandwidth packages), and an unknown EIP with
//     InvalidAllocationId.NotFound.

const kindGA = "ga"

const (
	gaAvailable     = "Available"
	gaInUse         = "InUse"
	gaAssociating   = "Associating"
	gaUnassociating = "Unassociating"
	gaEipType       = "GlobalAccelerationInstance"
)

func gaOf(r *record) *model.GlobalAcceleration { return r.Value.(*model.GlobalAcceleration) }

func addGA(r *registry) {
	r.kind(kindOf(kindGA, "ga-", func(g *model.GlobalAcceleration) string { return g.GlobalAccelerationInstanceId },
		func(g *model.GlobalAcceleration) *string { return &g.Status }, hooks[model.GlobalAcceleration]{
			Refs: func(g *model.GlobalAcceleration) []ref {
				refs := []ref{}
				for _, b := range g.Backends() {
					refs = append(refs, ref{"server", b.ServerId})
				}
				return refs
			},
			Fill: func(st *store, g *model.GlobalAcceleration) {
				ips := model.Items[model.GAPublicIP]{}
				for _, e := range st.children(kindEip, "inst", g.GlobalAccelerationInstanceId) {
					ips = append(ips, model.GAPublicIP{AllocationId: e.ID, IpAddress: eipOf(e).IpAddress})
				}
				g.PublicIpAddresses.PublicIpAddress = ips
				g.BackendServers.BackendServer = append(model.Items[model.GABackend]{}, g.Backends()...)
			},
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateGlobalAccelerationInstance", createGAOp)
	r.write(vpc, "ModifyGlobalAccelerationInstanceAttributes", on(lookupGA.in, modifyGAAttributesOp))
	r.write(vpc, "ModifyGlobalAccelerationInstanceSpec", on(lookupGA.in, modifyGASpecOp))
	r.write(vpc, "DeleteGlobalAccelerationInstance", on(lookupGA.in, deleteGAOp))
	r.write(vpc, "AssociateGlobalAccelerationInstance", on(lookupGA404.in, associateGAOp))
	r.write(vpc, "UnassociateGlobalAccelerationInstance", on(lookupGA404.in, unassociateGAOp))
	r.write(vpc, "AddGlobalAccelerationInstanceIp", on(lookupGAIp.in, addGAIpOp))
	r.write(vpc, "RemoveGlobalAccelerationInstanceIp", on(lookupGAIp.in, removeGAIpOp))
	r.read(vpc, "DescribeGlobalAccelerationInstances", describeGAs.op)
	r.read(vpc, "DescribeServerRelatedGlobalAccelerationInstances", describeServerRelatedGAs)
	r.followUp("ga.unbind", func(st *store, rec *record) {
		st.change(rec, func() { gaOf(rec).BackendServers.BackendServer = nil })
	})
}

const gaNotFoundMsg = "The specified GlobalAccelerationInstanceId is not found."

var (
	lookupGA    = finder{kindGA, "GlobalAccelerationInstanceId", 400, "InvalidGlobalAccelerationInstanceId.NotFound", gaNotFoundMsg}
	lookupGA404 = finder{kindGA, "GlobalAccelerationInstanceId", 404, "InvalidGlobalAccelerationInstanceId.NotFound", gaNotFoundMsg}
	lookupGAIp  = finder{kindGA, "GlobalAccelerationInstanceId", 404, "InvalidBandwidthPackageId.NotFound",
		"The specified bandwidthPackageId does not exist in our records."}
)

func errGAStatus() error {
	return newErr(400, "IncorrectGlobalAccelerationInstanceIdStatus", "Current GlobalAccelerationInstance status does not support this operation.")
}

func errGABusy() error {
	return newErr(400, "TaskConflict.AssociateGlobalAccelerationInstance", "Operate too frequent.")
}

// gaSettled refuses a change while an association is in flight.
func gaSettled(c *call, rec *record) error {
	return requireStatus(c, rec, errGABusy(), gaAvailable, gaInUse)
}

func checkGANameDesc(c *call) error {
	return checkNameDesc(c, "Name", "InvalidGlobalAccelerationInstanceName.Malformed", "The specified Name is not valid.",
		"InvalidGlobalAccelerationInstanceDescription.Malformed", "The specified Description is not valid.")
}

func checkGABandwidth(c *call) error {
	if err := model.CheckGABandwidth(c.str("Bandwidth")); err != nil {
		return errInvalidParamMsg("Bandwidth", err.Error())
	}
	return nil
}

// gaArgs describe a new instance.
type gaArgs struct {
	Region, Name, Description, Location, Bandwidth, Type, Created string
}

// addGARec stores an Available instance; an exclusive one gets a public
// address of the region (false when none is left).
func addGARec(st *store, a gaArgs) (*record, bool) {
	ip := ""
	if a.Type == model.GAExclusive {
		var ok bool
		if ip, ok = newPublicIP(st, a.Region); !ok {
			return nil, false
		}
	}
	g := &model.GlobalAcceleration{
		GlobalAccelerationInstanceId: st.newID(kindGA, a.Region), Name: a.Name, Description: a.Description,
		RegionId: a.Region, IpAddress: ip, Bandwidth: a.Bandwidth, BandwidthType: a.Type, ServiceLocation: a.Location,
		AccelerationLocation: model.GALocationOf(a.Region), Status: gaAvailable, ChargeType: "PostPaid",
		InternetChargeType: "PayByBandwidth", CreationTime: a.Created,
	}
	return st.mustAdd(kindGA, a.Region, g), true
}

func createGAOp(c *call) (any, error) {
	region, err := needRegion(c, "ServiceLocation", "Bandwidth")
	if err != nil {
		return nil, err
	}
	loc := strings.TrimSpace(c.str("ServiceLocation"))
	if err := model.CheckGAServiceLocation(loc); err != nil {
		return nil, errInvalidParamMsg("ServiceLocation", err.Error())
	}
	if err := checkGABandwidth(c); err != nil {
		return nil, err
	}
	typ, err := oneOfParam(c, "BandwidthType", model.GAExclusive, model.GAExclusive, model.GASharing)
	if err != nil {
		return nil, err
	}
	if err := checkGANameDesc(c); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec, ok := addGARec(c.st, gaArgs{Region: region, Name: c.str("Name"), Description: c.str("Description"), Location: loc,
		Bandwidth: strings.TrimSpace(c.str("Bandwidth")), Type: typ, Created: model.FormatTime(c.now)})
	if !ok {
		return nil, newErr(400, "QuotaExceeded.PublicIp", "The region has no public IP address left.")
	}
	return M{"GlobalAccelerationInstanceId": rec.ID, "IpAddress": gaOf(rec).IpAddress}, nil
}

var modifyGAAttributesOp = editAttrs(checkGANameDesc, editsOf(gaOf, "Name", "Description"))

func modifyGASpecOp(c *call, rec *record) (any, error) {
	if err := c.need("Bandwidth"); err != nil {
		return nil, err
	}
	if err := checkGABandwidth(c); err != nil {
		return nil, err
	}
	if err := requireStatus(c, rec, errGAStatus(), gaAvailable, gaInUse); err != nil {
		return nil, err
	}
	g := gaOf(rec)
	return nil, commitEdit(c, rec, nil, func() { g.Bandwidth = strings.TrimSpace(c.str("Bandwidth")) })
}

func deleteGAOp(c *call, rec *record) (any, error) {
	if err := requireStatus(c, rec, errGAStatus(), gaAvailable); err != nil {
		return nil, err
	}
	if len(gaOf(rec).Backends()) > 0 || c.st.count(kindEip, "inst", rec.ID) > 0 {
		return nil, errGAStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(rec)
	return nil, nil
}

// gaServer finds a backend server: a VPC ECS instance of region (ServerType
// EcsInstance) — the simulator has no SLB instances.
func gaServer(c *call, region, id, typ string) (*instance, error) {
	if typ != model.GAEcs && typ != model.GASlb {
		return nil, newErr(400, "InvalidBackendServerType.NotFound", "The specified BackendServerType is not supported.")
	}
	var r *record
	if typ == model.GAEcs && c.srv.region(region) != nil {
		r = c.st.find(kindInstance, region, id)
	}
	if r == nil {
		return nil, newErr(404, "InvalidBackendServerId.NotFound", "The specified BackendServerId is not found.")
	}
	i := r.Value.(*instance)
	if i.VpcId == "" {
		return nil, newErr(400, "InvalidBackendServerId.NotInVPC", "The specified BackendServerId is not in VPC.")
	}
	return i, nil
}

func associateGAOp(c *call, rec *record) (any, error) {
	if err := c.need("BackendServerId", "BackendServerRegionId"); err != nil {
		return nil, err
	}
	g := gaOf(rec)
	srvRegion := strings.TrimSpace(c.str("BackendServerRegionId"))
	typ := firstNonEmpty(c.str("BackendServerType"), model.GAEcs)
	if srvRegion == rec.Region {
		return nil, newErr(400, "InvalidBackendServerRegionId.EqualRegionId", "The specified BackendServerRegionId can not be the same as RegionId.")
	}
	inst, err := gaServer(c, srvRegion, strings.TrimSpace(c.str("BackendServerId")), typ)
	if err != nil {
		return nil, err
	}
	if err := gaSettled(c, rec); err != nil {
		return nil, err
	}
	switch {
	case g.Sharing():
		return nil, errInvalidParamMsg("GlobalAccelerationInstanceId", "a sharing instance takes EIPs, not a backend server")
	case len(g.Backends()) > 0:
		return nil, newErr(400, "InvalidAssociation.Duplicated", "Specified instance already is associated.")
	}
	if err := model.CheckGABackendRegion(rec.Region, g.ServiceLocation, srvRegion); err != nil {
		return nil, errInvalidParamMsg("BackendServerRegionId", err.Error())
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() {
		g.BackendServers.BackendServer = model.Items[model.GABackend]{{RegionId: srvRegion, ServerId: inst.InstanceId,
			ServerIpAddress: inst.PrivateIpAddress, ServerType: typ}}
	})
	transit(c, rec, gaAssociating, gaInUse)
	return nil, nil
}

func unassociateGAOp(c *call, rec *record) (any, error) {
	if _, err := oneOfParam(c, "InstanceType", "", "RemoteEcsInstance", "RemoteSlbInstance", "RemoteEniInstance", model.GAEcs); err != nil {
		return nil, err
	}
	if err := requireStatus(c, rec, errGAStatus(), gaInUse); err != nil {
		return nil, err
	}
	if len(gaOf(rec).Backends()) == 0 {
		return nil, errGAStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.setStatus(rec, gaUnassociating)
	c.st.schedule(rec, Transition{Due: c.due(), Status: gaAvailable, Then: "ga.unbind"})
	return nil, nil
}

// gaEip finds the EIP IpInstanceId names (in the instance's region, else
// the answer for one of another region or none) for an instance that must
// be settled.
func gaEip(c *call, rec *record) (*record, error) {
	if err := c.need("IpInstanceId"); err != nil {
		return nil, err
	}
	id := strings.TrimSpace(c.str("IpInstanceId"))
	if e := c.st.find(kindEip, rec.Region, id); e != nil {
		return e, gaSettled(c, rec)
	}
	if c.st.find(kindEip, "", id) != nil {
		return nil, errInvalidParamMsg("IpInstanceId", "the EIP must be in the instance's region "+rec.Region)
	}
	return nil, errEipNotFound()
}

func addGAIpOp(c *call, rec *record) (any, error) {
	eip, err := gaEip(c, rec)
	if err != nil {
		return nil, err
	}
	e := eipOf(eip)
	switch {
	case !gaOf(rec).Sharing():
		return nil, errInvalidParamMsg("GlobalAccelerationInstanceId", "an exclusive instance takes a backend server, not EIPs")
	case e.ChargeType == "PrePaid":
		return nil, errInvalidParamMsg("IpInstanceId", "the EIP must be pay-as-you-go")
	case e.Status != eipAvailable:
		return nil, errEipStatus()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(eip, func() {
		e.Status, e.InstanceId, e.InstanceType, e.InstanceRegionId = eipInUse, rec.ID, gaEipType, rec.Region
	})
	transit(c, rec, gaAssociating, gaInUse)
	return nil, nil
}

func removeGAIpOp(c *call, rec *record) (any, error) {
	eip, err := gaEip(c, rec)
	if err != nil {
		return nil, err
	}
	if eipOf(eip).InstanceId != rec.ID {
		return nil, errInvalidParamMsg("IpInstanceId", "the EIP is not an address of this instance")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	unbindEip(c.st, eip)
	final := gaAvailable
	if c.st.count(kindEip, "inst", rec.ID) > 0 {
		final = gaInUse
	}
	transit(c, rec, gaUnassociating, final)
	return nil, nil
}

var describeGAs = listSpec{Kind: kindGA, Wrapper: "GlobalAccelerationInstances", Item: "GlobalAccelerationInstance",
	Narrow: []narrow{{"GlobalAccelerationInstanceId", byID}, {"ServerId", "server"}},
	Fields: fieldsOf(gaOf, "BandwidthType", "ServiceLocation", "IpAddress", "Name"),
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		want := strings.TrimSpace(c.str("Status"))
		if want == "" {
			return nil, nil
		}
		return keep(func(r *record) bool { return strings.EqualFold(gaOf(r).Status, want) }, nil)
	},
}

func describeServerRelatedGAs(c *call) (any, error) {
	region, err := needRegion(c, "ServerId")
	if err != nil {
		return nil, err
	}
	typ := firstNonEmpty(c.str("ServerType"), model.GAEcs)
	id := strings.TrimSpace(c.str("ServerId"))
	if _, err := gaServer(c, region, id, typ); err != nil {
		return nil, err
	}
	items := []any{}
	for _, r := range c.st.children(kindGA, "server", id) {
		g := gaOf(r)
		if g.Sharing() {
			continue
		}
		for _, b := range g.Backends() {
			if b.ServerId == id && b.RegionId == region {
				items = append(items, M{"GlobalAccelerationInstanceId": r.ID, "IpAddress": g.IpAddress,
					"RegionId": r.Region, "ServerIpAddress": b.ServerIpAddress})
			}
		}
	}
	return M{"GlobalAccelerationInstances": M{"GlobalAccelerationInstance": items}}, nil
}

package sim

import (
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Physical connections (003 §10) and access points (003 §22.2). Listing
// physical connections is in ops_vbr.go with the other edge lists.
//
// Lifecycle on the clock: CreatePhysicalConnection → Initial, then the
// provider moves it one step per settle period, Initial → Approved →
// Allocating → Allocated → Confirmed, where it waits for
// EnablePhysicalConnection (→ Enabled). Cancel (Initial, Approved,
// Allocated, Confirmed) → Canceled; Terminate (Enabled, no VBR left) →
// Terminating → Terminated; Delete (Rejected, Canceled, AllocationFailed,
// Terminated) removes it. A Rejected one that is modified applies again
// (→ Initial). Codes and messages are the documented ones, typos included.

const kindAP = "ap"

// pcSeedStep is the provider's step for seeded applications (the seeders
// do not know --settle; creates use it).
const pcSeedStep = 3 * time.Second

// pcRec is a stored physical connection: the API's item plus the
// provider's pace, so each step schedules the next.
type pcRec struct {
	model.PhysicalConnection
	Step time.Duration `json:"Step,omitempty"`
	Due  time.Time     `json:"Due,omitzero"`
}

func pcOf(r *record) *model.PhysicalConnection { return &r.Value.(*pcRec).PhysicalConnection }

// pcNext is what the provider does after each status it moves on its own.
var pcNext = map[string]string{
	model.PCInitial: model.PCApproved, model.PCApproved: model.PCAllocating,
	model.PCAllocating: model.PCAllocated, model.PCAllocated: model.PCConfirmed,
}

func addPC(r *registry) {
	r.kind(kindOf(kindPC, "pc-", func(p *pcRec) string { return p.PhysicalConnectionId },
		func(p *pcRec) *string { return &p.Status }, hooks[pcRec]{
			Render: func(_ *store, r *record) any { p := *pcOf(r); return &p },
		}))
	r.kind(kindOf(kindAP, "ap-", func(a *model.AccessPoint) string { return a.AccessPointId },
		func(a *model.AccessPoint) *string { return &a.Status }, hooks[model.AccessPoint]{}))
	vpc := model.ProductVPC
	r.write(vpc, "CreatePhysicalConnection", createPCOp)
	r.write(vpc, "ModifyPhysicalConnectionAttribute", with(lookupPC, modifyPCOp))
	r.write(vpc, "CancelPhysicalConnection", pcMove(model.PCCancelable, model.PCCanceled, ""))
	r.write(vpc, "EnablePhysicalConnection", pcMove(func(s string) bool { return s == model.PCConfirmed }, model.PCEnabled, ""))
	r.write(vpc, "TerminatePhysicalConnection", pcMove(func(s string) bool { return s == model.PCEnabled }, model.PCTerminating, model.PCTerminated))
	r.write(vpc, "DeletePhysicalConnection", with(lookupPC, deletePCOp))
	r.read(vpc, "DescribeAccessPoints", describeAccessPoints.op)
	r.followUp("pc.step", pcStep)
}

// pcStep is the provider's next step after a status it moved to.
func pcStep(st *store, rec *record) {
	p := rec.Value.(*pcRec)
	next, ok := pcNext[p.Status]
	if !ok {
		return
	}
	if p.Step <= 0 {
		p.Step = pcSeedStep
	}
	p.Due = p.Due.Add(p.Step)
	st.schedule(rec, Transition{Due: p.Due, Status: next, Then: "pc.step"})
}

// startProvisioning sets rec Initial and has the provider move it on.
func startProvisioning(st *store, rec *record, now time.Time, step time.Duration) {
	p := rec.Value.(*pcRec)
	st.change(rec, func() { p.Status, p.Step, p.Due = model.PCInitial, step, now })
	pcStep(st, rec)
}

const pcNotFoundMsg = "The PhysicalConnectionId provided does not exist in our records."

func errPCState() error {
	return newErr(400, "Forbidden.NotAllowedInState", "The request does not allow in this state.")
}

var lookupPC = finder{kindPC, "PhysicalConnectionId", 404, "InvalidPhysicalConnectionId.NotFound",
	pcNotFoundMsg}.here

// pcSpec is what Create and Modify read and check the same way; each
// field is nil when the request does not carry it.
type pcSpec struct {
	lineOperator, peerLocation, portType, circuit, redundant *string
	bandwidth                                                *int
}

// readPCSpec checks the parameters both operations take, in the order of
// their error table. Create's Bandwidth is spelled Bandwidth in the seed
// and bandwidth by the SDK and Modify: either is read.
func readPCSpec(c *call, region string) (pcSpec, error) {
	var s pcSpec
	opt := func(name string) *string {
		if !c.has(name) {
			return nil
		}
		v := strings.TrimSpace(c.str(name))
		return &v
	}
	if err := checkVbrNameDesc(c); err != nil { // the Express Connect codes, as for a VBR
		return s, err
	}
	if s.peerLocation = opt("PeerLocation"); s.peerLocation != nil && model.CheckPCPeerLocation(*s.peerLocation) != nil {
		return s, newErr(400, "InvalidPeerLocation.Malformd", "The PeerLocation provided was invalid.")
	}
	if s.portType = opt("PortType"); s.portType != nil && model.CheckPCPortType(*s.portType) != nil {
		return s, newErr(400, "InvalidPortType.Malformd", "The PortType provided was invalid.")
	}
	if s.lineOperator = opt("LineOperator"); s.lineOperator != nil && model.CheckPCLineOperator(*s.lineOperator) != nil {
		return s, errInvalidParamMsg("LineOperator", "must be CT, CU, CM, CO, Equinix or Other.")
	}
	bw := opt("bandwidth")
	if bw == nil {
		bw = opt("Bandwidth")
	}
	if bw != nil {
		n, err := strconv.Atoi(*bw)
		if err != nil || model.CheckPCBandwidth(*bw) != nil {
			return s, newErr(400, "InvalidBandwidth", "invalid physical connection banwidth.")
		}
		s.bandwidth = &n
	}
	if s.circuit = opt("CircuitCode"); s.circuit != nil && checkCircuitCode(*s.circuit) != nil {
		return s, newErr(400, "InvalidCircuitCode.Malformed", "circuitCode is illegal.")
	}
	if s.redundant = opt("RedundantPhysicalConnectionId"); s.redundant != nil {
		red := c.st.find(kindPC, region, *s.redundant)
		if red == nil {
			return s, newErr(400, "InvalidRedundantPhysicalConnection", "redundant physical connection doesn't belong to current user.")
		}
		if !model.PCRedundantOK(pcOf(red).Status) {
			return s, newErr(400, "InvalidRedundantPhysicalConnectionStatus", "invalid redundant physical connection status.")
		}
	}
	return s, nil
}

func createPCOp(c *call) (any, error) {
	region, err := regionNeed(c, "AccessPointId", "LineOperator", "PeerLocation")
	if err != nil {
		return nil, err
	}
	spec, err := readPCSpec(c, region)
	if err != nil {
		return nil, err
	}
	ap, err := finder{kindAP, "AccessPointId", 400, "InvalidAccessPointId.NotFound", "The specified AccessPointId is not found."}.in(c, region)
	if err != nil {
		return nil, err
	}
	pending := 0
	for _, r := range c.st.children(kindPC, "region", region) {
		if model.PCPending(pcOf(r).Status) {
			pending++
		}
	}
	if pending >= model.MaxPendingPCs {
		return nil, newErr(400, "QuotaExceeded.PhysicalConnection", "At most 5 physical connections may be other than Enabled.")
	}
	if _, err := c.tags(); err != nil { // accepted; DescribePhysicalConnections shows no tags
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	a := apOf(ap)
	p := &pcRec{PhysicalConnection: model.PhysicalConnection{
		PhysicalConnectionId: c.st.newID(kindPC, region), Name: c.str("Name"), Description: c.str("Description"),
		BusinessStatus: "Normal", Type: "VPC", AccessPointId: a.AccessPointId, AccessPointType: a.Type,
		AdLocation: a.Location, LineOperator: *spec.lineOperator, PeerLocation: *spec.peerLocation,
		PortType: "1000Base-T", Bandwidth: model.PCDefaultBandwidth, ChargeType: "Prepaid", ProductType: "PhysicalConnection",
		LoaStatus: "Init", HasReservationData: "false", ResourceGroupId: firstNonEmpty(c.str("ResourceGroupId"), defaultResourceGroup),
		CreationTime: model.FormatTime(c.now),
	}}
	applyPCSpec(&p.PhysicalConnection, spec)
	rec := c.st.mustAdd(kindPC, region, p)
	startProvisioning(c.st, rec, c.now, c.srv.opts.Settle)
	return M{"PhysicalConnectionId": rec.ID}, nil
}

// applyPCSpec copies what the request carried.
func applyPCSpec(p *model.PhysicalConnection, s pcSpec) {
	for src, dst := range map[*string]*string{s.lineOperator: &p.LineOperator, s.peerLocation: &p.PeerLocation,
		s.portType: &p.PortType, s.circuit: &p.CircuitCode, s.redundant: &p.RedundantPhysicalConnectionId} {
		if src != nil {
			*dst = *src
		}
	}
	if s.bandwidth != nil {
		p.Bandwidth = model.FlexInt(*s.bandwidth)
	}
	p.Spec = strconv.Itoa(int(p.Bandwidth)) + "M"
}

func modifyPCOp(c *call, rec *record) (any, error) {
	spec, err := readPCSpec(c, rec.Region)
	if err != nil {
		return nil, err
	}
	p := pcOf(rec)
	if !model.PCModifiable(p.Status) {
		return nil, newErr(400, "InvalidStatus", "invalid physical connection status.")
	}
	if (spec.bandwidth != nil || spec.portType != nil || spec.redundant != nil) && !model.PCSpecModifiable(p.Status) {
		return nil, newErr(400, "InvalidStatus", "invalid physical connection status.")
	}
	if spec.redundant != nil && *spec.redundant == rec.ID {
		return nil, newErr(400, "InvalidRedundantPhysicalConnection", "redundant physical connection doesn't belong to current user.")
	}
	if err := commitEdit(c, rec, edits{"Name": &p.Name, "Description": &p.Description}, func() { applyPCSpec(p, spec) }); err != nil {
		return nil, err
	}
	if p.Status == model.PCRejected {
		startProvisioning(c.st, rec, c.now, c.srv.opts.Settle)
	}
	return nil, nil
}

// pcMove is Cancel, Enable and Terminate: from a status allowed, to to,
// and then (when settle is set) to settle after the settle period.
func pcMove(allowed func(string) bool, to, settle string) func(c *call) (any, error) {
	return with(lookupPC, func(c *call, rec *record) (any, error) {
		if !allowed(pcOf(rec).Status) {
			return nil, errPCState()
		}
		if to == model.PCTerminating && c.st.count(kindVbr, kindPC, rec.ID) > 0 {
			return nil, newErr(400, "Forbidden.AssociateToVBR", "The physical connection still associate to VBR.")
		}
		if err := c.commit(); err != nil {
			return nil, err
		}
		c.st.unschedule(rec) // the provider's next step, if any
		p := pcOf(rec)
		c.st.change(rec, func() {
			p.Status = to
			switch to {
			case model.PCEnabled:
				p.EnabledTime = model.FormatTime(c.now)
			case model.PCTerminating:
				p.EndTime = model.FormatTime(c.due())
			}
		})
		if settle != "" {
			c.st.schedule(rec, Transition{Due: c.due(), Status: settle})
		}
		return nil, nil
	})
}

func deletePCOp(c *call, rec *record) (any, error) {
	if !model.PCDeletable(pcOf(rec).Status) {
		return nil, errPCState()
	}
	if c.st.count(kindVbr, kindPC, rec.ID) > 0 {
		return nil, newErr(400, "Forbidden.AssociateToVBR", "The physical connection still associate to VBR.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(rec)
	return nil, nil
}

func apOf(r *record) *model.AccessPoint { return r.Value.(*model.AccessPoint) }

// apFilterKeys are DescribeAccessPoints' Filter.N keys; Type, Name and
// HostOperator also select as parameters, in any case.
var apFilterKeys = edgeFilterKeys(fieldsOf(apOf, "AccessPointId", "Name", "Type", "HostOperator", "Status"))

// describeAccessPoints lists a region's access points (its own answer for
// an unknown region).
var describeAccessPoints = listSpec{Kind: kindAP, Wrapper: "AccessPointSet", Item: "AccessPointType",
	Region: func(c *call) (string, error) {
		if err := c.need("RegionId"); err != nil {
			return "", err
		}
		region := strings.TrimSpace(c.str("RegionId"))
		if c.srv.region(region) == nil {
			return "", newErr(404, "InvalidRegionId.NotSupport", "The RegionId provided does not support in our records.")
		}
		return region, nil
	},
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		keep, err := edgeFilters(c, apFilterKeys)
		if err != nil {
			return nil, err
		}
		fs := []func(*record) bool{keep}
		for _, param := range []string{"Name", "Type", "HostOperator"} {
			if want, get := strings.TrimSpace(c.str(param)), apFilterKeys[param]; want != "" {
				fs = append(fs, func(r *record) bool { return strings.EqualFold(get(r), want) })
			}
		}
		return fs, nil
	},
}

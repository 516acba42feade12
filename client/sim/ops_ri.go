package sim

import (
	"cmp"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Router interfaces (VPC 2016-04-28, seed 003 §9; api-catalog §2.11). Codes
// and messages are the documented ones, misspellings included
// (InvalidSpec.ValudNotSupported, InvalidName.Malformd,
// Forbidden.FinancileLocked).
//
// A pair joins two routers (VRouters or VBRs, any regions): the initiating
// side carries the bandwidth spec, the accepting side Spec Negative; a VBR
// only initiates. Lifecycle: CreateRouterInterface → Idle;
// ConnectRouterInterface (an Idle initiator whose opposite interface is an
// Idle acceptor) → both ends Connecting → Active; DeactivateRouterInterface
// Active → Deactivating → Inactive; ActivateRouterInterface Inactive →
// Activating → Active; ModifyRouterInterfaceSpec on an Active initiator
// Activating → Active. Only Idle or Inactive interfaces can be deleted, and
// not while a route entry uses one as next hop. One connected pair between
// two routers; five interfaces per router. The Opposite* fields of an item
// are read from the other end when it is stored here (Deleted when it is
// gone).

const kindRouterInterface = "ri"

const (
	riIdle         = "Idle"
	riConnecting   = "Connecting"
	riActive       = "Active"
	riActivating   = "Activating"
	riInactive     = "Inactive"
	riDeactivating = "Deactivating"
)

// riRec is a stored router interface.
type riRec struct {
	model.RouterInterface
}

func riOf(r *record) *riRec { return r.Value.(*riRec) }

func addRI(r *registry) {
	r.kind(kindOf(kindRouterInterface, "ri-", func(v *riRec) string { return v.RouterInterfaceId },
		func(v *riRec) *string { return &v.Status }, hooks[riRec]{
			Refs:   riRefs,
			Render: renderRI,
			// A route may use it as next hop in its own VPC's tables.
			NextHopType: "RouterInterface",
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateRouterInterface", createRIOp)
	r.read(vpc, "DescribeRouterInterfaces", describeRIs.op)
	r.write(vpc, "ConnectRouterInterface", with(lookupRI, connectRIOp))
	r.write(vpc, "ActivateRouterInterface", riStep(riInactive, riActivating, riActive))
	r.write(vpc, "DeactivateRouterInterface", riStep(riActive, riDeactivating, riInactive))
	r.write(vpc, "ModifyRouterInterfaceSpec", with(lookupRI, modifyRISpecOp))
	r.write(vpc, "ModifyRouterInterfaceAttribute", with(lookupRI, modifyRIAttributeOp))
	r.write(vpc, "DeleteRouterInterface", with(lookupRIToDelete, deleteRIOp))
	r.followUp("ri.connect", func(st *store, rec *record) {
		for _, x := range []*record{rec, riOpposite(st, riOf(rec))} {
			if x != nil {
				st.setStatus(x, riActive)
			}
		}
	})
	r.block(kindVbr, kindRouterInterface, "InvalidOperation.RouterInterfaceNotDeleted",
		"The specified VirutalBorderRouter still has routerInterface.")
	r.block(kindVpc, kindRouterInterface, "DependencyViolation.RouterInterface",
		"Specified object has dependent resources RouterInterface.")
}

// riRefs files an interface under its router, its VPC (VRouter side) and
// the VBR at either end (a VBR with interfaces cannot be deleted).
func riRefs(ri *riRec) []ref {
	refs := []ref{{"router", ri.RouterId}}
	if ri.VpcInstanceId != "" {
		refs = append(refs, ref{kindVpc, ri.VpcInstanceId})
	}
	switch {
	case ri.RouterType == model.RIVBR:
		refs = append(refs, ref{kindVbr, ri.RouterId})
	case ri.OppositeRouterType == model.RIVBR && ri.OppositeRouterId != "":
		refs = append(refs, ref{kindVbr, ri.OppositeRouterId})
	}
	return refs
}

// riOpposite is the stored other end of ri, if any.
func riOpposite(st *store, ri *riRec) *record {
	if ri.OppositeInterfaceId == "" {
		return nil
	}
	return st.find(kindRouterInterface, "", ri.OppositeInterfaceId)
}

// renderRI fills in the bandwidth and what the item shows of the other end.
func renderRI(st *store, r *record) any {
	v := riOf(r).RouterInterface
	v.Bandwidth = model.FlexInt(model.RISpecMbps(v.Spec))
	if v.OppositeInterfaceId == "" {
		return &v
	}
	o := riOpposite(st, riOf(r))
	if o == nil {
		v.OppositeInterfaceStatus = "Deleted"
		return &v
	}
	ov := riOf(o)
	v.OppositeInterfaceStatus, v.OppositeInterfaceSpec = ov.Status, ov.Spec
	v.OppositeInterfaceBusinessStatus, v.OppositeVpcInstanceId = ov.BusinessStatus, ov.VpcInstanceId
	v.OppositeBandwidth = model.FlexInt(model.RISpecMbps(ov.Spec))
	return &v
}

var riFinder = finder{kindRouterInterface, "RouterInterfaceId", 404, "InvalidRouterInterfaceId.NotFound",
	"The specified RouterInterfaceId does not exist in our record."}

var lookupRI = riFinder.here

// errRINotFound is lookupRI's answer, for an interface named otherwise.
func errRINotFound() error { return newErr(riFinder.Status, riFinder.Code, riFinder.Msg) }

func errRIStatus(status string) error {
	return newErr(400, "IncorrectStatus", "RouterInterface can be operated by this action only when it's status is "+status+".")
}

func errFinancialLock() error {
	return newErr(400, "Forbidden.FinancileLocked", "This RouterInterface is financiel locked because of bills outstanding.")
}

func errRISpec() error {
	return newErr(400, "InvalidSpec.ValudNotSupported", "The specified Spec is not supported.")
}

func checkRINameDesc(c *call) error {
	return checkNameDesc(c, "Name", "InvalidName.Malformd", "The attribute name is illeagl.",
		"InvalidDescription.Malformed", `The specifid "Description" is not valid.`)
}

// riRouter finds the router an interface sits on: a VRouter (its VPC) or
// an active VBR of the region.
func riRouter(c *call, region, typ, id string) (vpcID string, vbr *vbrRec, err error) {
	notFound := newErr(404, "InvalidRouterId.NotFound", "The specified RouterId does not exist in our recored.")
	if typ == model.RIVBR {
		rec := c.st.find(kindVbr, region, id)
		if rec == nil {
			return "", nil, notFound
		}
		if vbrOf(rec).Status != vbrActive {
			return "", nil, newErr(400, "ForbiddenAction", "The user dose not supported this action.")
		}
		return "", vbrOf(rec), nil
	}
	rec := c.st.find(kindVRouter, region, id)
	if rec == nil {
		return "", nil, notFound
	}
	return rec.Value.(*model.VRouter).VpcId, nil, nil
}

// riCharge reads the billing parameters: PostPaid (AfterPay), or PrePaid
// for Period 1-9 months or 1-3 years.
func riCharge(c *call, now time.Time) (charge, end string, err error) {
	typ, err := oneOfParam(c, "InstanceChargeType", "PostPaid", "PostPaid", "PrePaid")
	if err != nil || typ == "PostPaid" {
		return "AfterPay", "", err
	}
	cycle, err := oneOfParam(c, "PricingCycle", "Month", "Month", "Year")
	if err != nil {
		return "", "", err
	}
	hi := 9
	if cycle == "Year" {
		hi = 3
	}
	if err := c.need("Period"); err != nil {
		return "", "", err
	}
	n, err := c.intParam("Period", 1, 1, hi)
	if err != nil {
		return "", "", err
	}
	months := n
	if cycle == "Year" {
		months = 12 * n
	}
	return "Prepaid", model.FormatTime(now.AddDate(0, months, 0)), nil
}

func createRIOp(c *call) (any, error) {
	region, err := regionNeed(c, "OppositeRegionId", "Role", "RouterId", "RouterType", "Spec")
	if err != nil {
		return nil, err
	}
	oppRegion := strings.TrimSpace(c.str("OppositeRegionId"))
	if c.srv.region(oppRegion) == nil {
		return nil, errRegionNotFound()
	}
	role, typ, spec := c.str("Role"), c.str("RouterType"), c.str("Spec")
	oppType := firstNonEmpty(c.str("OppositeRouterType"), model.RIVRouter)
	switch {
	case model.CheckRIRouterType(typ) != nil || model.CheckRIRouterType(oppType) != nil:
		return nil, newErr(400, "InvalidRouterType.ValueNotSupported", "The specified RouterType is not valid.")
	case model.CheckRIRole(role, typ) != nil:
		return nil, newErr(400, "InvalidRole.ValueNotSupported", "The specified Role is not valid.")
	case model.CheckRISpec(role, spec) != nil:
		return nil, errRISpec()
	case c.has("AccessPointId") && typ != model.RIVBR:
		return nil, newErr(400, "InvalidAccessPoint.ValueNotAllowed", "The non-vbr router interface cannot have access point configured.")
	case c.has("OppositeAccessPointId") && oppType != model.RIVBR:
		return nil, newErr(400, "InvalidAccessPoint.ValueNotAllowed", "The non-vbr opposite router interface cannot have opposite access point configured.")
	}
	if err := checkRINameDesc(c); err != nil {
		return nil, err
	}
	if model.CheckRIHealthCheck(c.str("HealthCheckSourceIp"), c.str("HealthCheckTargetIp")) != nil {
		if !c.has("HealthCheckTargetIp") {
			return nil, errMissing("HealthCheckTargetIp")
		}
		return nil, errInvalidParam("HealthCheckSourceIp")
	}
	routerID := strings.TrimSpace(c.str("RouterId"))
	vpcID, vbr, err := riRouter(c, region, typ, routerID)
	if err != nil {
		return nil, err
	}
	if ap := strings.TrimSpace(c.str("AccessPointId")); vbr != nil && ap != "" && ap != vbr.AccessPointId {
		return nil, newErr(400, "InvalidAccessPoint.NotMatch", "The accessPoint id is not matched")
	}
	if c.st.count(kindRouterInterface, "router", routerID) >= model.MaxRouterInterfacesPerRouter {
		return nil, newErr(400, "LimitationExceed.InterfaceNumberOnRouter", "Total number of RouterInterfaces on a Router exceeded.")
	}
	oppRouter := strings.TrimSpace(c.str("OppositeRouterId"))
	if oppRouter != "" && riBetween(c.st, routerID, oppRouter, "") != nil {
		return nil, newErr(400, "Forbidden.OnlyOneConnection", "The Specified routers have a connection already")
	}
	charge, end, err := riCharge(c, c.now)
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := addRIRec(c.st, riArgs{Region: region, Name: c.str("Name"), Description: c.str("Description"), Role: role,
		RouterType: typ, RouterID: routerID, VpcID: vpcID, Spec: spec, Status: riIdle, Created: model.FormatTime(c.now),
		OppRegion: oppRegion, OppType: oppType, OppRouter: oppRouter, OppInterface: strings.TrimSpace(c.str("OppositeInterfaceId")),
		OppOwner: c.str("OppositeInterfaceOwnerId"), AccessPoint: c.str("AccessPointId"), OppAccessPoint: c.str("OppositeAccessPointId"),
		Charge: charge, End: end})
	ri := riOf(rec)
	ri.HealthCheckSourceIp, ri.HealthCheckTargetIp = c.str("HealthCheckSourceIp"), c.str("HealthCheckTargetIp")
	out := M{"RouterInterfaceId": rec.ID}
	if charge == "Prepaid" {
		out["OrderId"] = 20000000000000 + int64(c.st.seq)
	}
	return out, nil
}

// riBetween is an interface on router a (other than except) whose
// opposite router is b.
func riBetween(st *store, a, b, except string) *record {
	for _, r := range st.children(kindRouterInterface, "router", a) {
		if r.ID != except && riOf(r).OppositeRouterId == b {
			return r
		}
	}
	return nil
}

// riArgs describe a new interface.
type riArgs struct {
	Region, Name, Description, Role, RouterType, RouterID, VpcID, Spec, Status, Created string
	OppRegion, OppType, OppRouter, OppInterface, OppOwner, AccessPoint, OppAccessPoint  string
	Charge, End, Connected                                                              string
	// ID, when set, is the new interface's ID (seeding: see seedRIID).
	ID string
}

func addRIRec(st *store, a riArgs) *record {
	owner := firstNonEmpty(a.OppOwner, strconv.FormatInt(AccountUID, 10))
	charge := cmp.Or(a.Charge, "AfterPay")
	id := a.ID
	if id == "" {
		id = st.newID(kindRouterInterface, a.Region)
	}
	return st.mustAdd(kindRouterInterface, a.Region, &riRec{RouterInterface: model.RouterInterface{
		RouterInterfaceId: id, Name: a.Name, Description: a.Description,
		Role: a.Role, RouterType: a.RouterType, RouterId: a.RouterID, VpcInstanceId: a.VpcID, Spec: a.Spec, Status: a.Status,
		BusinessStatus: "Normal", ChargeType: charge, EndTime: a.End, CreationTime: a.Created, ConnectedTime: a.Connected,
		AccessPointId: a.AccessPoint, OppositeAccessPointId: a.OppAccessPoint, CrossBorder: false,
		OppositeRegionId: a.OppRegion, OppositeRouterType: a.OppType, OppositeRouterId: a.OppRouter,
		OppositeInterfaceId: a.OppInterface, OppositeInterfaceOwnerId: model.FlexString(owner),
	}})
}

func connectRIOp(c *call, rec *record) (any, error) {
	ri := riOf(rec)
	switch {
	case ri.Role != model.RIInitiating:
		return nil, newErr(400, "IncorrectRole.NotInitiatingSide", "The specified RouterInterface is not InitiatingSide.")
	case ri.BusinessStatus != "Normal":
		return nil, newErr(400, "Forbidden.BillsOutstanding", "You cannot use this action because you have bills outstanding.")
	case ri.Status != riIdle:
		return nil, errRIStatus(riIdle)
	case ri.OppositeInterfaceId == "":
		return nil, errInvalidParamMsg("OppositeInterfaceId", "the initiating side names no opposite interface")
	}
	opp := c.st.find(kindRouterInterface, ri.OppositeRegionId, ri.OppositeInterfaceId)
	if opp == nil {
		return nil, errRINotFound()
	}
	o := riOf(opp)
	switch {
	case o.Role != model.RIAccepting || o.Status != riIdle ||
		(ri.OppositeRouterId != "" && o.RouterId != ri.OppositeRouterId) ||
		(o.OppositeInterfaceId != "" && o.OppositeInterfaceId != rec.ID):
		return nil, errInvalidParamMsg("OppositeInterfaceId", "the opposite interface must be an Idle accepting side on the opposite router")
	}
	for _, other := range []*record{riBetween(c.st, ri.RouterId, o.RouterId, rec.ID), riBetween(c.st, o.RouterId, ri.RouterId, opp.ID)} {
		switch {
		case other == nil || riOf(other).Status == riIdle:
		case riOf(other).Status == riConnecting:
			return nil, newErr(400, "Forbidden.OnlyOneConnection", "Cannot connect concurrently between same routers")
		default:
			return nil, newErr(400, "Forbidden.OnlyOneConnection", "The Specified routers have a connection already")
		}
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	now := model.FormatTime(c.now)
	c.st.change(rec, func() { ri.Status, ri.ConnectedTime, ri.OppositeRouterId = riConnecting, now, o.RouterId })
	c.st.change(opp, func() {
		o.Status, o.ConnectedTime, o.OppositeInterfaceId = riConnecting, now, rec.ID
		o.OppositeRouterId, o.OppositeRouterType, o.OppositeRegionId = ri.RouterId, ri.RouterType, rec.Region
	})
	c.st.schedule(rec, Transition{Due: c.due(), Then: "ri.connect"})
	return nil, nil
}

// riStep is Activate (Inactive → Activating → Active) or Deactivate
// (Active → Deactivating → Inactive).
func riStep(from, via, to string) func(c *call) (any, error) {
	return with(lookupRI, func(c *call, rec *record) (any, error) {
		ri := riOf(rec)
		switch {
		case ri.BusinessStatus != "Normal":
			return nil, errFinancialLock()
		case ri.Status != from:
			return nil, errRIStatus(from)
		}
		return riMove(c, rec, nil, via, to)
	})
}

// riMove commits the call, applies change (if any) and moves rec through
// via to settle in to after the settle time; via "" changes nothing else.
func riMove(c *call, rec *record, change func(), via, to string) (any, error) {
	if err := c.commit(); err != nil {
		return nil, err
	}
	if change != nil {
		c.st.change(rec, change)
	}
	if via != "" {
		transit(c, rec, via, to)
	}
	return nil, nil
}

func modifyRISpecOp(c *call, rec *record) (any, error) {
	if err := c.need("Spec"); err != nil {
		return nil, err
	}
	ri := riOf(rec)
	spec := strings.TrimSpace(c.str("Spec"))
	switch {
	case ri.Role != model.RIInitiating || model.CheckRISpec(ri.Role, spec) != nil:
		return nil, errRISpec()
	case ri.BusinessStatus != "Normal":
		return nil, newErr(400, "InvalidInstanceOwner.Error", "The router instance owener error.")
	case ri.Status != riActive && ri.Status != riIdle && ri.Status != riInactive:
		return nil, newErr(400, "InvalidInstance.StatusError", "The router instance owener error.")
	}
	via := ""
	if ri.Status == riActive {
		via = riActivating
	}
	if _, err := riMove(c, rec, func() { ri.Spec = spec }, via, riActive); err != nil {
		return nil, err
	}
	return M{"Spec": spec}, nil
}

func modifyRIAttributeOp(c *call, rec *record) (any, error) {
	ri := riOf(rec)
	if ri.BusinessStatus != "Normal" {
		return nil, errFinancialLock()
	}
	if err := checkNameDesc(c, "Name", "InvalidName.Malformd", "The attribute name is illeagl.",
		"InvalidDescription.Malformed", "The Description is illeagl."); err != nil {
		return nil, err
	}
	oppType := c.str("OppositeRouterType")
	if oppType != "" && model.CheckRIRouterType(oppType) != nil {
		return nil, newErr(400, "InvalidOppositeRouterType.ValueNotSupported", "The specified OppositeRouterType is not valid.")
	}
	if oppType == model.RIVBR && ri.Role == model.RIInitiating {
		return nil, newErr(400, "LinkRole.NotSupport", "This linkrole is not supported")
	}
	del, _, err := c.boolParam("DeleteHealthCheckIp")
	if err != nil {
		return nil, err
	}
	src, dst := firstNonEmpty(c.str("HealthCheckSourceIp"), ri.HealthCheckSourceIp), firstNonEmpty(c.str("HealthCheckTargetIp"), ri.HealthCheckTargetIp)
	opposite := c.has("OppositeInterfaceId") || c.has("OppositeInterfaceOwnerId") || c.has("OppositeRouterId") || oppType != ""
	if (!del && model.CheckRIHealthCheck(src, dst) != nil) || (opposite && ri.Status != riIdle) {
		return nil, newErr(400, "InvalidParam.ModifyRouterInterface", "Modify routerinterface param invalide")
	}
	return nil, commitEdit(c, rec, edits{"Name": &ri.Name, "Description": &ri.Description, "OppositeInterfaceId": &ri.OppositeInterfaceId,
		"OppositeRouterId": &ri.OppositeRouterId, "OppositeRouterType": &ri.OppositeRouterType}, func() {
		if c.has("OppositeInterfaceOwnerId") {
			ri.OppositeInterfaceOwnerId = model.FlexString(c.str("OppositeInterfaceOwnerId"))
		}
		ri.HealthCheckSourceIp, ri.HealthCheckTargetIp = src, dst
		if del {
			ri.HealthCheckSourceIp, ri.HealthCheckTargetIp = "", ""
		}
	})
}

// lookupRIToDelete is lookupRI with DeleteRouterInterface's answer.
var lookupRIToDelete = finder{kindRouterInterface, "RouterInterfaceId", 404, "InvalidInstanceId.NotFound",
	"The InstanceId provided does not exist in our records."}.here

func deleteRIOp(c *call, rec *record) (any, error) {
	ri := riOf(rec)
	switch {
	case ri.Status != riIdle && ri.Status != riInactive:
		return nil, newErr(400, "IncorrectStatus", "This openeration would be allowed only when status of this RouterInterface is Idle/Inactive.")
	case c.st.count(kindRouteEntry, "nexthop", rec.ID) > 0:
		return nil, newErr(400, "DependencyViolation.RouterInterfaceReferedByRouteEntry",
			"RouterInterface cannot be deleted when it is refered by a route table entry as next hop.")
	case ri.ChargeType == "Prepaid":
		return nil, newErr(400, "InvalidRouterInterfaceChargeType.Malformed", "The prepaid routerinterface can not delete.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.remove(rec)
	return nil, nil
}

// riFilterKeys are the Filter.N keys of DescribeRouterInterfaces (the
// interfaces' owner is the account).
var riFilterKeys = func() edgeFilterKeys {
	keys := edgeFilterKeys(fieldsOf(riOf, "RouterInterfaceId", "RouterId", "RouterType", "OppositeInterfaceId",
		"OppositeRouterType", "OppositeRouterId", "OppositeInterfaceOwnerId", "Status", "Name"))
	keys["RouterInterfaceOwnerId"] = func(*record) string { return strconv.FormatInt(AccountUID, 10) }
	return keys
}()

// describeRIs refuses a Filter.N.Key given without a value, then filters
// on Filter.N (riFilterKeys).
var describeRIs = listSpec{Kind: kindRouterInterface, Wrapper: "RouterInterfaceSet", Item: "RouterInterfaceType",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		for n := 1; n <= 5; n++ {
			p := "Filter." + strconv.Itoa(n)
			if c.has(p+".Key") && len(c.repeated(p+".Value", 5)) == 0 {
				return nil, newErr(400, "InvalidParam.NotNull", "The parameter must not be null.")
			}
		}
		return keep(edgeFilters(c, riFilterKeys))
	},
}

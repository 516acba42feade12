package sim

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// The edge family: physical connections (read-only), virtual border routers
// (VBRs) and the VPC end of the router interfaces that join a VPC to a VBR.
// BGP groups, peers and networks are in ops_bgp.go. Codes and messages are
// the documented ones (api-catalog §2.6, §2.12), typos included.

const (
	kindPC  = "pc"
	kindVbr = "vbr"
)

// VBR statuses, lower case as the API sends them.
const (
	vbrUnconfirmed = "unconfirmed"
	vbrActive      = "active"
	vbrTerminating = "terminating"
	vbrTerminated  = "terminated"
	vbrRecovering  = "recovering"
	vbrDeleting    = "deleting"

	pcEnabled = "Enabled"
)

const (
	// vbrsPerPC is the QuotaExceeded.vbrPerpConn limit.
	vbrsPerPC = model.MaxVbrsPerPC
	// vlanReservation is how long a terminated VBR keeps its VLAN (003
	// §11.5: "a Terminated VBR keeps its VlanId reserved for 7 days").
	vlanReservation = model.VlanReservation
)

// vbrRec is a stored VBR: the API's item plus the owning account, which the
// item does not carry. A VBR created for another account (VbrOwnerId) stays
// unconfirmed until that account confirms it, and that account alone may
// set its gateway addresses.
type vbrRec struct {
	model.VirtualBorderRouter
	OwnerUid int64 `json:"OwnerUid"`
}

func vbrOf(r *record) *vbrRec { return r.Value.(*vbrRec) }

func addVBR(r *registry) {
	r.kind(kindOf(kindVbr, "vbr-", func(v *vbrRec) string { return v.VbrId },
		func(v *vbrRec) *string { return &v.Status }, hooks[vbrRec]{
			Refs:   func(v *vbrRec) []ref { return []ref{{kindPC, v.PhysicalConnectionId}} },
			Render: renderVbr,
		}))
	vpc := model.ProductVPC
	r.read(vpc, "DescribePhysicalConnections", describePhysicalConnections.op)
	r.write(vpc, "CreateVirtualBorderRouter", createVbrOp)
	r.write(vpc, "ModifyVirtualBorderRouterAttribute", on(lookupVbrToModify, modifyVbrOp))
	r.write(vpc, "TerminateVirtualBorderRouter", on(lookupVbrToSwitch, terminateVbrOp))
	r.write(vpc, "RecoverVirtualBorderRouter", on(lookupVbrToSwitch, recoverVbrOp))
	r.write(vpc, "DeleteVirtualBorderRouter", on(lookupVbrToDelete, deleteVbrOp))
	r.read(vpc, "DescribeVirtualBorderRouters", describeVbrs.op)
	r.read(vpc, "DescribeVirtualBorderRoutersForPhysicalConnection", describeVbrsForPC.op)

	r.followUp("vbr.delete", func(st *store, rec *record) {
		for _, rt := range st.children(kindRouteTable, "router", rec.ID) {
			removeRouteTable(st, rt)
		}
		for _, n := range st.children(kindBgpNetwork, kindVbr, rec.ID) {
			st.remove(n)
		}
	})
}

// renderVbr fills in what the VBR shows of its physical connection.
func renderVbr(st *store, r *record) any {
	v := vbrOf(r).VirtualBorderRouter
	if pc := st.find(kindPC, "", v.PhysicalConnectionId); pc != nil {
		p := pcOf(pc)
		v.PhysicalConnectionStatus = p.Status
		v.PhysicalConnectionBusinessStatus = p.BusinessStatus
		v.AccessPointId = p.AccessPointId
	}
	v.AssociatedPhysicalConnections.AssociatedPhysicalConnection = model.Items[model.VbrPhysicalConnection]{{
		PhysicalConnectionId: v.PhysicalConnectionId, PhysicalConnectionOwnerUid: v.PhysicalConnectionOwnerUid,
		PhysicalConnectionStatus: v.PhysicalConnectionStatus, PhysicalConnectionBusinessStatus: v.PhysicalConnectionBusinessStatus,
		CircuitCode: v.CircuitCode, VlanId: strconv.FormatInt(int64(v.VlanId), 10), VlanInterfaceId: v.VlanInterfaceId,
		LocalGatewayIp: v.LocalGatewayIp, PeerGatewayIp: v.PeerGatewayIp, PeeringSubnetMask: v.PeeringSubnetMask,
		Status: v.Status,
	}}
	return &v
}

// ---- shared helpers of the edge families ----

// edgeFilterKeys maps the Filter.N.Key values an operation supports to the
// record field each matches.
type edgeFilterKeys map[string]func(*record) string

// edgeFilters reads Filter.N.Key / Filter.N.Value.M (N, M = 1..5): the
// values of one filter are OR-ed, the filters AND-ed.
func edgeFilters(c *call, keys edgeFilterKeys) (func(*record) bool, error) {
	var fs []func(*record) bool
	for n := 1; n <= 5; n++ {
		p := "Filter." + strconv.Itoa(n)
		key := strings.TrimSpace(c.str(p + ".Key"))
		vals := c.repeated(p+".Value", 5)
		if key == "" {
			if len(vals) > 0 {
				return nil, errMissing(p + ".Key")
			}
			continue
		}
		var get func(*record) string
		for k, f := range keys {
			if strings.EqualFold(k, key) {
				get = f
			}
		}
		if get == nil {
			return nil, errf(404, "InvalidFilterKey.ValueNotSupported", "Specified filter key is not supported: %s.Key", p)
		}
		if len(vals) == 0 {
			continue
		}
		fs = append(fs, func(r *record) bool {
			have := get(r)
			for _, want := range vals {
				if strings.EqualFold(have, strings.TrimSpace(want)) {
					return true
				}
			}
			return false
		})
	}
	return filters(fs...), nil
}

// edgeTags reads prefix.N.Key / prefix.N.Value (N = 1..20): "Tag" for most
// operations, "Tags" where the API names the list so.
func edgeTags(c *call, prefix string) ([]model.Tag, error) {
	var out []model.Tag
	for i := 1; i <= 20; i++ {
		n := prefix + "." + strconv.Itoa(i)
		k, v := c.str(n+".Key"), c.str(n+".Value")
		if k == "" && v == "" {
			continue
		}
		if k == "" || len(k) > 128 || len(v) > 128 {
			return nil, errInvalidParam(n + ".Key")
		}
		out = append(out, model.Tag{Key: k, Value: v})
	}
	return out, nil
}

// hasTags reports whether have carries every tag in want (an empty wanted
// value matches any value).
func hasTags(have, want []model.Tag) bool {
	return matchTags(model.Tags{Tag: have}, model.Tags{Tag: want})
}

// ---- physical connections ----

var pcFilterKeys = edgeFilterKeys(fieldsOf(pcOf, "PhysicalConnectionId", "AccessPointId", "Type", "LineOperator",
	"Spec", "Status", "Name", "ProductType"))

var describePhysicalConnections = listSpec{
	Kind: kindPC, Wrapper: "PhysicalConnectionSet", Item: "PhysicalConnectionType",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		return keep(edgeFilters(c, pcFilterKeys))
	},
}

// ---- VBRs ----

func errVbrState() error {
	return newErr(400, "InvalidOperation.OperationNotAllowedInState", "The specified VirutalBorderRouter is in invalid state.")
}

// vbrFinder finds VbrId in a region; a missing one gets the status and
// message of the calling operation.
func vbrFinder(status int, msg string) func(*call, string) (*record, error) {
	return finder{kindVbr, "VbrId", status, "InvalidVbrId.NotFound", msg}.in
}

// The VBR operations' not-found answers differ.
var (
	lookupVbrToModify = vbrFinder(400, "The specified VirutalBorderRouter is not found.")
	lookupVbrToSwitch = vbrFinder(404, "The specified VirutalBorderRouter is not found.")
	lookupVbrToDelete = vbrFinder(404, "The specified VirutalBorderRouter does not exist in our records.")
)

func checkVbrNameDesc(c *call) error {
	return checkNameDesc(c, "Name", "InvalidName.Malformed", "The specified ?Name? is not valid.",
		"InvalidDescription.Malformed", "The specifid ?Description? is not valid.")
}

// vbrVlan parses VlanId: 1-2999.
func vbrVlan(c *call) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(c.str("VlanId")))
	if err != nil || model.CheckVlanID(n) != nil {
		return 0, newErr(400, "InvalidVlanId.Malformed", "The specified VlanId is not valid.")
	}
	return n, nil
}

// checkCircuitCode accepts a carrier's circuit code: printable, no spaces.
func checkCircuitCode(s string) error {
	if len(s) > 128 || strings.ContainsFunc(s, func(r rune) bool { return r <= ' ' || r > '~' }) {
		return newErr(400, "InvalidCircuitCode.Malformed", "The specified CircuitCode is not valid.")
	}
	return nil
}

// vbrAddressing checks the interconnect addresses (any may be empty), each
// failure with its code; create and modify differ only in the code for a
// malformed local address.
func vbrAddressing(local, peer, mask, localCode, localMsg string) error {
	if model.CheckVbrPeering("", "", mask) != nil {
		return newErr(400, "InvalidPeeringSubnetMask.Malformed", "The specified PeeringSubnetMask is not valid.")
	}
	if model.CheckVbrPeering(local, "", "") != nil {
		return newErr(400, localCode, localMsg)
	}
	if model.CheckVbrPeering("", peer, "") != nil {
		return newErr(400, "InvalidIp.Malformed", "The specified ip address is not valid.")
	}
	if model.CheckVbrPeering(local, peer, mask) != nil {
		return newErr(400, "InvalidIp.NotSameSubnet", "Local gateway ip and peer gateway ip are not in the same subnet.")
	}
	return nil
}

// vlanHolder returns the VBR on pcID, other than skip, that holds vlan: any
// VBR using it, except one terminated longer than the reservation ago.
func vlanHolder(st *store, pcID string, vlan int, skip *record, now time.Time) *record {
	for _, r := range st.children(kindVbr, kindPC, pcID) {
		v := vbrOf(r)
		if r == skip || int(v.VlanId) != vlan {
			continue
		}
		if v.Status == vbrTerminated {
			if t, err := time.Parse(model.TimeLayout, v.TerminationTime); err == nil && now.Sub(t) > vlanReservation {
				continue
			}
		}
		return r
	}
	return nil
}

// vbrArgs describe a new VBR.
type vbrArgs struct {
	PC                             *record
	Name, Description, CircuitCode string
	Vlan                           int
	Local, Peer, Mask              string
	Owner                          int64
	Status                         string
	Tags                           []model.Tag
	Created                        time.Time
}

// addVbr stores a VBR and its route table (RouterType VBR), as
// CreateVirtualBorderRouter does.
func addVbr(st *store, a vbrArgs) *record {
	p, region := pcOf(a.PC), a.PC.Region
	created := model.FormatTime(a.Created)
	v := &vbrRec{OwnerUid: a.Owner}
	v.VbrId = st.newID(kindVbr, region)
	v.Name, v.Description, v.Status, v.Type = a.Name, a.Description, a.Status, "pconnVBR"
	v.PhysicalConnectionId, v.PhysicalConnectionOwnerUid = a.PC.ID, strconv.FormatInt(AccountUID, 10)
	v.PhysicalConnectionStatus, v.PhysicalConnectionBusinessStatus = p.Status, p.BusinessStatus
	v.AccessPointId, v.CircuitCode, v.VlanId = p.AccessPointId, a.CircuitCode, model.FlexInt(a.Vlan)
	v.VlanInterfaceId = st.newID(kindRouterInterface, region)
	v.LocalGatewayIp, v.PeerGatewayIp, v.PeeringSubnetMask = a.Local, a.Peer, a.Mask
	v.Mtu, v.MinRxInterval, v.MinTxInterval, v.DetectMultiplier = 1500, 1000, 1000, 3
	v.ResourceGroupId, v.CreationTime = defaultResourceGroup, created
	if a.Status == vbrActive {
		v.ActivationTime = created
	}
	v.Tags.Tags = a.Tags
	rt := &model.RouteTable{
		RouteTableId: st.newID(kindRouteTable, region), RouteTableType: "System", RouterId: v.VbrId, RouterType: "VBR",
		Status: stAvailable, CreationTime: created, ResourceGroupId: v.ResourceGroupId,
	}
	v.RouteTableId = rt.RouteTableId
	rec := st.mustAdd(kindVbr, region, v)
	st.mustAdd(kindRouteTable, region, rt)
	return rec
}

func createVbrOp(c *call) (any, error) {
	region, err := regionNeed(c, "PhysicalConnectionId", "VlanId")
	if err != nil {
		return nil, err
	}
	vlan, err := vbrVlan(c)
	if err != nil {
		return nil, err
	}
	if err := checkVbrNameDesc(c); err != nil {
		return nil, err
	}
	owner := AccountUID
	if s := strings.TrimSpace(c.str("VbrOwnerId")); s != "" {
		if owner, err = strconv.ParseInt(s, 10, 64); err != nil || owner <= 0 {
			return nil, newErr(404, "InvalidVbrOwnerId.NotFound", "The specified VbrOwnerId is not valid.")
		}
	}
	local, peer, mask := strings.TrimSpace(c.str("LocalGatewayIp")), strings.TrimSpace(c.str("PeerGatewayIp")), strings.TrimSpace(c.str("PeeringSubnetMask"))
	if owner == AccountUID {
		if err := c.need("LocalGatewayIp", "PeerGatewayIp", "PeeringSubnetMask"); err != nil {
			return nil, err
		}
	} else if err := vbrForeignAddressing(local, peer, mask); err != nil {
		return nil, err
	}
	if err := vbrAddressing(local, peer, mask, "InvalidLocalGatewayIp.Malformed", "The specified LocalGatewayIp is not valid."); err != nil {
		return nil, err
	}
	if err := checkCircuitCode(c.str("CircuitCode")); err != nil {
		return nil, err
	}
	tags, err := edgeTags(c, "Tags")
	if err != nil {
		return nil, err
	}
	pc, err := finder{kindPC, "PhysicalConnectionId", 400, "InvalidPhysicalConnectionId.NotFound", "The specified PhysicalConnectionId is not found."}.in(c, region)
	if err != nil {
		return nil, err
	}
	if pcOf(pc).Status != pcEnabled {
		return nil, newErr(400, "InvalidPhysicalConnectionId.NotEnabled", "The specified PhysicalConnectionId is not in Enabled state.")
	}
	if vlanHolder(c.st, pc.ID, vlan, nil, c.now) != nil {
		return nil, newErr(400, "InvalidVlanId.Used", "The specified VlanId has been used.")
	}
	if err := commitUnder(c, kindVbr, kindPC, pc.ID, vbrsPerPC,
		newErr(400, "QuotaExceeded.vbrPerpConn", "Virtual boarder router per PhysicalConnection quota exceed.")); err != nil {
		return nil, err
	}
	status := vbrActive
	if owner != AccountUID {
		status = vbrUnconfirmed // until the other account confirms it
	}
	rec := addVbr(c.st, vbrArgs{
		PC: pc, Name: c.str("Name"), Description: c.str("Description"), CircuitCode: c.str("CircuitCode"),
		Vlan: vlan, Local: local, Peer: peer, Mask: mask, Owner: owner, Status: status, Tags: tags, Created: c.now,
	})
	return M{"VbrId": rec.ID}, nil
}

// vbrForeignAddressing refuses the gateway addresses on a VBR of another
// account: only its owner sets them.
func vbrForeignAddressing(local, peer, mask string) error {
	switch {
	case local != "":
		return newErr(403, "Forbidden.LocalGatewayIpNotAllowedByCaller", "The caller is not allowed to specify the LocalGatewayIp parameter.")
	case mask != "":
		return newErr(403, "Forbidden.PeeringSubnetMaskNotAllowedByCaller", "The caller is not allowed to specify the PeeringSubnetMask parameter.")
	case peer != "":
		return errInvalidParamMsg("PeerGatewayIp", "only the account that owns the VBR may set it")
	}
	return nil
}

func modifyVbrOp(c *call, rec *record) (any, error) {
	if err := checkVbrNameDesc(c); err != nil {
		return nil, err
	}
	v := vbrOf(rec)
	vlan := int(v.VlanId)
	if c.has("VlanId") {
		var err error
		if vlan, err = vbrVlan(c); err != nil {
			return nil, err
		}
	}
	local, peer, mask := v.LocalGatewayIp, v.PeerGatewayIp, v.PeeringSubnetMask
	if v.OwnerUid != AccountUID {
		if err := vbrForeignAddressing(c.str("LocalGatewayIp"), c.str("PeerGatewayIp"), c.str("PeeringSubnetMask")); err != nil {
			return nil, err
		}
	}
	for name, dst := range map[string]*string{"LocalGatewayIp": &local, "PeerGatewayIp": &peer, "PeeringSubnetMask": &mask} {
		if c.has(name) {
			*dst = strings.TrimSpace(c.str(name))
		}
	}
	if err := vbrAddressing(local, peer, mask, "InvalidIp.Malformed", "The specified ip address is not valid."); err != nil {
		return nil, err
	}
	if c.has("CircuitCode") {
		if err := checkCircuitCode(c.str("CircuitCode")); err != nil {
			return nil, err
		}
	}
	switch v.Status {
	case vbrTerminating, vbrRecovering, vbrDeleting:
		return nil, errVbrState()
	}
	if vlan != int(v.VlanId) && vlanHolder(c.st, v.PhysicalConnectionId, vlan, rec, c.now) != nil {
		return nil, newErr(400, "InvalidVlanId.Used", "The specified VlanId has been used.")
	}
	return nil, commitEdit(c, rec, edits{"Name": &v.Name, "Description": &v.Description, "CircuitCode": &v.CircuitCode}, func() {
		v.VlanId = model.FlexInt(vlan)
		v.LocalGatewayIp, v.PeerGatewayIp, v.PeeringSubnetMask = local, peer, mask
	})
}

func terminateVbrOp(c *call, rec *record) (any, error) {
	if c.st.status(rec) != vbrActive {
		return nil, errVbrState()
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	v := vbrOf(rec)
	c.st.change(rec, func() { v.Status, v.TerminationTime = vbrTerminating, model.FormatTime(c.due()) })
	c.st.schedule(rec, Transition{Due: c.due(), Status: vbrTerminated})
	return nil, nil
}

func recoverVbrOp(c *call, rec *record) (any, error) {
	v := vbrOf(rec)
	if v.Status != vbrTerminated {
		return nil, errVbrState()
	}
	if pc := c.st.find(kindPC, "", v.PhysicalConnectionId); pc == nil || pcOf(pc).Status != pcEnabled {
		return nil, newErr(400, "InvalidPhysicalConnectionId.NotEnabled", "The specified PhysicalConnectionId is not in Enabled state.")
	}
	// Another VBR may have taken the VLAN once the reservation ran out.
	if vlanHolder(c.st, v.PhysicalConnectionId, int(v.VlanId), rec, c.now) != nil {
		return nil, newErr(400, "OperationFailed.VlanIdAlreadyInUse", "The specifed vlanId has been used.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() { v.Status, v.RecoveryTime = vbrRecovering, model.FormatTime(c.due()) })
	c.st.schedule(rec, Transition{Due: c.due(), Status: vbrActive})
	return nil, nil
}

func deleteVbrOp(c *call, rec *record) (any, error) {
	switch c.st.status(rec) {
	case vbrUnconfirmed, vbrActive, vbrTerminated:
	default:
		return nil, errVbrState()
	}
	if err := c.blocked(kindVbr, rec.ID); err != nil {
		return nil, err
	}
	return removeLater(c, rec, vbrDeleting, "vbr.delete")
}

// vbrFilterKeys are the Filter.N.Key values of the two VBR lists.
var vbrFilterKeys = func() edgeFilterKeys {
	keys := fieldsOf(vbrOf, "VbrId", "Status", "Name", "PhysicalConnectionId", "AccessPointId", "VlanInterfaceId",
		"CircuitCode", "LocalGatewayIp", "PeerGatewayIp", "EccId")
	keys["VlanId"] = func(r *record) string { return strconv.FormatInt(int64(vbrOf(r).VlanId), 10) }
	return edgeFilterKeys(keys)
}()

// describeVbrs lists the region's VBRs. VBRs created for other accounts on
// this account's physical connections are listed unless
// IncludeCrossAccountVbr=false, so a VBR just created for another account
// does not vanish from the console.
var describeVbrs = listSpec{
	Kind: kindVbr, Wrapper: "VirtualBorderRouterSet", Item: "VirtualBorderRouterType",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		keep, err := edgeFilters(c, vbrFilterKeys)
		if err != nil {
			return nil, err
		}
		cross, set, err := c.boolParam("IncludeCrossAccountVbr")
		if err != nil {
			return nil, err
		}
		fs := []func(*record) bool{keep}
		if set && !cross {
			fs = append(fs, func(r *record) bool { return vbrOf(r).OwnerUid == AccountUID })
		}
		tags, err := edgeTags(c, "Tags")
		if len(tags) > 0 {
			fs = append(fs, func(r *record) bool { return hasTags(vbrOf(r).Tags.Tags, tags) })
		}
		return fs, err
	},
	Fields: fields{"ResourceGroupId": func(r *record) string { return vbrOf(r).ResourceGroupId }},
}

// vbrForPC is an item of DescribeVirtualBorderRoutersForPhysicalConnection.
// VbrOwnerUid is left out when the VBR belongs to the connection's owner.
type vbrForPC struct {
	VbrId             string  `json:"VbrId"`
	Status            string  `json:"Status"`
	Type              string  `json:"Type"`
	VbrOwnerUid       *int64  `json:"VbrOwnerUid,omitempty"`
	VlanId            int64   `json:"VlanId"`
	VlanInterfaceId   string  `json:"VlanInterfaceId"`
	CircuitCode       string  `json:"CircuitCode"`
	LocalGatewayIp    string  `json:"LocalGatewayIp"`
	PeerGatewayIp     string  `json:"PeerGatewayIp"`
	PeeringSubnetMask string  `json:"PeeringSubnetMask"`
	EnableIpv6        bool    `json:"EnableIpv6"`
	CreationTime      string  `json:"CreationTime"`
	ActivationTime    string  `json:"ActivationTime"`
	TerminationTime   string  `json:"TerminationTime"`
	RecoveryTime      string  `json:"RecoveryTime"`
	Bandwidth         string  `json:"Bandwidth"` // a string, as the SDK models declare it
	EccId             *string `json:"EccId,omitempty"`
}

// describeVbrsForPC lists a physical connection's VBRs: the connection is
// looked up after paging and the Filter.N checks.
var describeVbrsForPC = listSpec{Kind: kindVbr,
	Wrapper: "VirtualBorderRouterForPhysicalConnectionSet", Item: "VirtualBorderRouterForPhysicalConnectionType",
	Region: func(c *call) (string, error) { return regionNeed(c, "PhysicalConnectionId") },
	Rules: func(c *call, region string) ([]func(*record) bool, error) {
		f, err := edgeFilters(c, vbrFilterKeys)
		if err != nil {
			return nil, err
		}
		_, err = finder{kindPC, "PhysicalConnectionId", 404, "InvalidPhysicalConnectionId.NotFound", "The specified PhysicalConnectionId does not belong to user."}.in(c, region)
		return keep(f, err)
	},
	// The connection was found in the region: its VBRs are the region's.
	Narrow: []narrow{{"PhysicalConnectionId", kindPC}}, Local: []string{kindPC},
	Items: func(_ *call, recs []*record) []any {
		items := make([]any, 0, len(recs))
		for _, r := range recs {
			v := vbrOf(r)
			it := vbrForPC{
				VbrId: v.VbrId, Status: v.Status, Type: v.Type, VlanId: int64(v.VlanId), VlanInterfaceId: v.VlanInterfaceId,
				CircuitCode: v.CircuitCode, LocalGatewayIp: v.LocalGatewayIp, PeerGatewayIp: v.PeerGatewayIp,
				PeeringSubnetMask: v.PeeringSubnetMask, EnableIpv6: v.EnableIpv6, CreationTime: v.CreationTime,
				ActivationTime: v.ActivationTime, TerminationTime: v.TerminationTime, RecoveryTime: v.RecoveryTime,
				Bandwidth: strconv.Itoa(int(v.Bandwidth)),
			}
			if v.OwnerUid != AccountUID {
				uid := v.OwnerUid
				it.VbrOwnerUid = &uid
			}
			items = append(items, it)
		}
		return items
	},
}

// vbrPeeringSubnet is the VBR's interconnect subnet, if its addressing is
// set.
func vbrPeeringSubnet(v *vbrRec) (string, bool) {
	if v.LocalGatewayIp == "" || v.PeeringSubnetMask == "" {
		return "", false
	}
	bits, ok := maskBits(v.PeeringSubnetMask)
	if !ok {
		return "", false
	}
	return fmt.Sprintf("%s/%d", v.LocalGatewayIp, bits), true
}

// maskBits converts a dotted mask to its prefix length.
func maskBits(mask string) (int, bool) {
	parts := strings.Split(mask, ".")
	if len(parts) != 4 {
		return 0, false
	}
	var u uint32
	for _, p := range parts {
		n, err := strconv.Atoi(p)
		if err != nil || n < 0 || n > 255 {
			return 0, false
		}
		u = u<<8 | uint32(n)
	}
	bits := 0
	for u&0x80000000 != 0 {
		bits++
		u <<= 1
	}
	return bits, u == 0
}

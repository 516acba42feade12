package sim

import (
	"net/netip"
	"slices"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// SNAT and DNAT (forward) entries of the NAT family (ops_nat.go).

// tableOwner returns the NAT gateway of a SNAT ("stb") or DNAT ("ftb")
// table in region.
func tableOwner(st *store, by, id, region string) *record {
	for _, r := range st.children(kindNatGateway, by, strings.TrimSpace(id)) {
		if r.Region == region {
			return r
		}
	}
	return nil
}

// natTable is a NAT gateway's SNAT or DNAT table: the parameters naming
// the table and an entry, the gateway's ref to it ("stb", "ftb"), the
// entries' kind, and the answers for a missing table or entry and for an
// entry in transition.
type natTable struct {
	Param, EntryParam, By, Kind string
	// Of is the gateway's table ID, TableOf an entry's.
	Of                   func(*record) string
	TableOf              func(*record) string
	tableCode, tableMsg  string
	entryCode, entryMsg  string
	statusCode, statusMs string
}

var snatTable = natTable{
	Param: "SnatTableId", EntryParam: "SnatEntryId", By: "stb", Kind: kindSnatEntry,
	Of:        func(r *record) string { return natOf(r).SnatTableIds.SnatTableId[0] },
	TableOf:   func(r *record) string { return snatOf(r).SnatTableId },
	tableCode: "InvalidSnatTableId.NotFound", tableMsg: "Specified SNAT table does not exist.",
	entryCode:  "InvalidSnatEntryId.NotFound",
	statusCode: "IncorretSnatEntryStatus", statusMs: "Some Snat entry status blocked this operation..",
}

var fwdTable = natTable{
	Param: "ForwardTableId", EntryParam: "ForwardEntryId", By: "ftb", Kind: kindForwardEntry,
	Of:        func(r *record) string { return natOf(r).ForwardTableIds.ForwardTableId[0] },
	TableOf:   func(r *record) string { return fwdOf(r).ForwardTableId },
	tableCode: "InvalidForwardTableId.NotFound", tableMsg: "Specified forward table does not exist.",
	entryCode: "InvalidForwardEntryId.NotFound", entryMsg: "Specified forward entry ID does not exist",
	statusCode: "IncorretForwardEntryStatus", statusMs: "Some Forward entry status blocked this operation..",
}

// owner finds the gateway whose table the parameter names.
func (t natTable) owner(c *call, region string) (*record, error) {
	if err := c.need(t.Param); err != nil {
		return nil, err
	}
	nat := tableOwner(c.st, t.By, c.str(t.Param), region)
	if nat == nil {
		return nil, newErr(404, t.tableCode, t.tableMsg)
	}
	return nat, nil
}

// creating reads what a Create*Entry call names: the required parameters
// (the table's and need), the region, the table's gateway and the name.
func (t natTable) creating(c *call, nameParam string, need ...string) (*record, error) {
	region, err := needRegion(c, append([]string{"RegionId", t.Param}, need...)...)
	if err != nil {
		return nil, err
	}
	nat, err := t.owner(c, region)
	if err != nil {
		return nil, err
	}
	return nat, checkEntryName(c, nameParam)
}

// entry finds the entry the parameter names in the table the parameter
// names; msg is the not-found message (it differs between operations).
func (t natTable) entry(msg string) func(c *call, region string) (nat, e *record, err error) {
	return func(c *call, region string) (nat, e *record, err error) {
		if err := c.need("RegionId", t.Param, t.EntryParam); err != nil {
			return nil, nil, err
		}
		if nat, err = t.owner(c, region); err != nil {
			return nil, nil, err
		}
		e = c.st.find(t.Kind, region, strings.TrimSpace(c.str(t.EntryParam)))
		if e == nil || t.TableOf(e) != strings.TrimSpace(c.str(t.Param)) {
			return nil, nil, newErr(404, t.entryCode, msg)
		}
		return nat, e, nil
	}
}

// settled answers the table's status error while one of its entries is in
// transition.
func (t natTable) settled(c *call, table string) error {
	if unstableChild(c.st, t.Kind, t.By, table) {
		return newErr(400, t.statusCode, t.statusMs)
	}
	return nil
}

// children lists the entries of the table the parameter names.
func (t natTable) children(c *call, region string) (*ordIndex, error) {
	nat, err := t.owner(c, region)
	if err != nil {
		return nil, err
	}
	return c.st.index(t.Kind, t.By, t.Of(nat)), nil
}

var fwdEntry = fwdTable.entry(fwdTable.entryMsg)

// deleteNatEntry deletes an entry of the table once no entry of the table
// is in transition.
func deleteNatEntry(t natTable) func(c *call, _, e *record) (any, error) {
	return func(c *call, _, e *record) (any, error) {
		if err := t.settled(c, t.TableOf(e)); err != nil {
			return nil, err
		}
		return removeLater(c, e, stDeleting, "")
	}
}

func checkEntryName(c *call, param string) error {
	if model.DefaultName.Check(c.str(param)) != nil {
		return errNatName()
	}
	return nil
}

// gatewayEip returns the EIP with address ip if it is bound to the gateway
// and in use.
func gatewayEip(st *store, nat *record, ip string) *record {
	for _, e := range st.children(kindEip, "inst", nat.ID) {
		if v := eipOf(e); v.IpAddress == ip && v.Status == eipInUse {
			return e
		}
	}
	return nil
}

func errNotInNat() error {
	return newErr(400, "InvalidIp.NotInNatgw", "The specified Ip not belong to natgateway.")
}

// snatIPs validates SnatIp: IPv4 addresses of EIPs in use by the gateway,
// none of them listening for DNAT. It returns them comma-joined.
func snatIPs(c *call, nat *record, s string) (string, error) {
	parts := strings.Split(s, ",")
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
		if model.CheckSnatEntry(parts[i], "", "") != nil {
			return "", newErr(400, "InvalidSnatIp.Malformed", "The specified SnatIp is not a valid IP address.")
		}
	}
	if len(parts) > maxSnatIPs {
		return "", newErr(400, "SNAT_IP_POOL_COUNT_TOO_MANY", "The Snat pool ip too many.")
	}
	for _, p := range parts {
		if gatewayEip(c.st, nat, p) == nil && !natBwpOwns(c.st, nat.ID, p) {
			return "", errNotInNat()
		}
		if fwdUsing(c.st, nat.ID, p) != nil {
			return "", newErr(400, "Forbidden.IpUsedInForwardTable", "The specified SnatIp already used in forward table")
		}
	}
	return strings.Join(parts, ","), nil
}

// snatArgs describe a new SNAT entry.
type snatArgs struct {
	Name, SnatIp, SourceCIDR, SourceVSwitchId string
	Status                                    string
}

func addSnatEntry(st *store, nat *record, a snatArgs) *record {
	n := natOf(nat)
	return st.mustAdd(kindSnatEntry, nat.Region, &model.SnatEntry{
		SnatEntryId: st.newID(kindSnatEntry, nat.Region), SnatEntryName: a.Name, SnatTableId: n.SnatTableIds.SnatTableId[0],
		NatGatewayId: n.NatGatewayId, SnatIp: a.SnatIp, SourceCIDR: a.SourceCIDR, SourceVSwitchId: a.SourceVSwitchId,
		EipAffinity: "0", Status: a.Status,
	})
}

func createSnatEntryOp(c *call) (any, error) {
	nat, err := snatTable.creating(c, "SnatEntryName", "SnatIp")
	if err != nil {
		return nil, err
	}
	region := nat.Region
	cidr, vswID := strings.TrimSpace(c.str("SourceCIDR")), strings.TrimSpace(c.str("SourceVSwitchId"))
	switch {
	case cidr != "" && vswID != "":
		return nil, newErr(400, "INVALID_PARAMETER", "The parameter invalid.")
	case cidr == "" && vswID == "":
		return nil, errMissing("SourceVSwitchId")
	case cidr != "":
		if model.CheckSnatEntry("0.0.0.0", cidr, "") != nil {
			return nil, newErr(400, "INVALID_PARAMETER", "The parameter invalid.")
		}
		p, _ := netip.ParsePrefix(cidr)
		cidr = p.Masked().String()
	default:
		sw := c.st.find(kindVSwitch, region, vswID)
		if sw == nil || vswOf(sw).VpcId != natOf(nat).VpcId {
			return nil, errVSwitchNotFound("The specified virtual switch does not exists.")
		}
	}
	ips, err := snatIPs(c, nat, c.str("SnatIp"))
	if err != nil {
		return nil, err
	}
	if err := requireStatus(c, nat, errNatStatus(400), stAvailable); err != nil {
		return nil, err
	}
	for _, e := range c.st.children(kindSnatEntry, "ngw", nat.ID) {
		v := snatOf(e)
		if vswID != "" && v.SourceVSwitchId == vswID || cidr != "" && v.SourceCIDR == cidr {
			return nil, newErr(400, "Forbidden.SourceVSwitchId.Duplicated", "The specified SourceCIDRis duplicated.")
		}
	}
	if err := commitUnder(c, kindSnatEntry, "ngw", nat.ID, maxSnatEntries,
		newErr(400, "Forbidden.SnatEntryCountLimited", "SNAT entry in the specified SNAT table reach it?s limit.")); err != nil {
		return nil, err
	}
	e := addSnatEntry(c.st, nat, snatArgs{Name: c.str("SnatEntryName"), SnatIp: ips, SourceCIDR: cidr, SourceVSwitchId: vswID, Status: stPending})
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return M{"SnatEntryId": e.ID}, nil
}

func modifySnatEntry(c *call, nat, e *record) (any, error) {
	if err := checkEntryName(c, "SnatEntryName"); err != nil {
		return nil, err
	}
	ips := ""
	if c.has("SnatIp") {
		var err error
		if ips, err = snatIPs(c, nat, c.str("SnatIp")); err != nil {
			return nil, err
		}
	}
	if err := snatTable.settled(c, snatOf(e).SnatTableId); err != nil {
		return nil, err
	}
	v := snatOf(e)
	if err := commitEdit(c, e, edits{"SnatEntryName": &v.SnatEntryName}, func() {
		if ips != "" {
			v.SnatIp = ips
		}
	}); err != nil {
		return nil, err
	}
	transit(c, e, stModifying, stAvailable)
	return nil, nil
}

var describeSnatTableEntries = listSpec{
	Kind: kindSnatEntry, Wrapper: "SnatTableEntries", Item: "SnatTableEntry", In: snatTable.children,
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		ip := strings.TrimSpace(c.str("SnatIp"))
		if ip == "" {
			return nil, nil
		}
		return []func(*record) bool{func(r *record) bool {
			return slices.Contains(strings.Split(snatOf(r).SnatIp, ","), ip)
		}}, nil
	},
	Fields: fieldsOf(snatOf, "SnatEntryId", "SnatEntryName", "SourceCIDR", "SourceVSwitchId", "NatGatewayId"),
}

// --- DNAT (forward entries) ---

// forwardRule is a DNAT entry's mapping.
type forwardRule struct {
	ExternalIp, ExternalPort, InternalIp, InternalPort, IpProtocol string
}

// normalize spells the rule as DescribeForwardTableEntries shows it:
// protocol and "any" in lower case, ports without leading zeros.
func (f forwardRule) normalize() forwardRule {
	f.IpProtocol = strings.ToLower(f.IpProtocol)
	norm := func(p string) string {
		if strings.EqualFold(p, "any") {
			return "any"
		}
		if n, err := strconv.Atoi(strings.TrimSpace(p)); err == nil {
			return strconv.Itoa(n)
		}
		return p
	}
	f.ExternalPort, f.InternalPort = norm(f.ExternalPort), norm(f.InternalPort)
	f.ExternalIp, f.InternalIp = strings.TrimSpace(f.ExternalIp), strings.TrimSpace(f.InternalIp)
	return f
}

// checkForward applies the DNAT rules (model.CheckForwardPorts and
// CheckForwardIPs, each failure with its documented code) to a rule of the
// gateway; self is the entry being modified, if any.
func checkForward(c *call, nat *record, f forwardRule, self *record) (forwardRule, error) {
	proto := f.IpProtocol
	if model.CheckForwardPorts(proto, "Any", "Any") != nil && model.CheckForwardPorts(proto, "1", "1") != nil {
		return f, newErr(400, "InvalidProtocal.ValueNotSupported", "The specified IpProtocol does not support.")
	}
	if model.CheckForwardIPs(f.ExternalIp, "0.0.0.0", "") != nil {
		return f, newErr(400, "InvalidExternalIp.Malformed", "The specified ExternalIp is not a valid IP address.")
	}
	if model.CheckForwardIPs("0.0.0.0", f.InternalIp, "") != nil {
		return f, newErr(400, "InvalidInternalIp.Malformed", "The specified InternalIp is not a valid IP address.")
	}
	// A port is valid alone when it passes the rule paired with itself.
	if model.CheckForwardPorts(proto, f.ExternalPort, f.ExternalPort) != nil {
		return f, newErr(400, "InvalidExternalPort.Malformed", "The specified ExternalPort is not a valid port.")
	}
	if model.CheckForwardPorts(proto, f.InternalPort, f.InternalPort) != nil {
		return f, newErr(400, "InvalidInternalPort.Malformed", "The specified InternalPort is not a valid port.")
	}
	n := natOf(nat)
	vpcCIDR := ""
	if vpc := c.st.find(kindVpc, "", n.VpcId); vpc != nil {
		vpcCIDR = vpcOf(vpc).CidrBlock
	}
	if model.CheckForwardIPs(f.ExternalIp, f.InternalIp, vpcCIDR) != nil {
		return f, newErr(400, "Forbidden.DestnationIpOutOfVpcCIDR", "The specified Internal Ip is Out of VPC CIDR.")
	}
	f = f.normalize()
	if gatewayEip(c.st, nat, f.ExternalIp) == nil && !natBwpOwns(c.st, nat.ID, f.ExternalIp) {
		if eipByIP(c.st, nat.Region, f.ExternalIp) == nil {
			return f, newErr(404, "InvalidExternalIp.NotFound", "Specified External Ip address does not found on the VRouter")
		}
		return f, errNotInNat()
	}
	if snatUsing(c.st, nat.ID, f.ExternalIp, nil) != nil {
		return f, newErr(400, "Forbidden.ExternalIp.UsedInSnatTable", "The specified ExternalIp is already used in SnatTable")
	}
	if ecsWithEip(c.st, n.VpcId, f.InternalIp) {
		return f, newErr(400, "Forbindden", "The specified Instance already bind eip")
	}
	for _, e := range c.st.children(kindForwardEntry, "ngw", nat.ID) {
		if e == self {
			continue
		}
		o := fwdOf(e)
		sameProto := o.IpProtocol == f.IpProtocol || o.IpProtocol == "any" || f.IpProtocol == "any"
		if o.ExternalIp == f.ExternalIp && sameProto && (o.ExternalPort == f.ExternalPort || o.ExternalPort == "any" || f.ExternalPort == "any") {
			return f, errInvalidParamMsg("ExternalPort", "another DNAT entry already listens on "+f.ExternalIp+":"+f.ExternalPort)
		}
		if o.InternalIp == f.InternalIp && sameProto && (o.InternalPort == f.InternalPort || o.InternalPort == "any" || f.InternalPort == "any") {
			return f, errInvalidParamMsg("InternalPort", "another DNAT entry already forwards to "+f.InternalIp+":"+f.InternalPort)
		}
	}
	return f, nil
}

// ecsWithEip reports whether an ECS instance of the VPC with the private
// address ip has an EIP of its own.
func ecsWithEip(st *store, vpcID, ip string) bool {
	for _, i := range st.children(kindInstance, "vpc", vpcID) {
		if i.Value.(*instance).PrivateIpAddress == ip && st.count(kindEip, "inst", i.ID) > 0 {
			return true
		}
	}
	return false
}

func addForwardEntry(st *store, nat *record, name string, f forwardRule, status string) *record {
	n := natOf(nat)
	return st.mustAdd(kindForwardEntry, nat.Region, &model.ForwardEntry{
		ForwardEntryId: st.newID(kindForwardEntry, nat.Region), ForwardEntryName: name, ForwardTableId: n.ForwardTableIds.ForwardTableId[0],
		NatGatewayId: n.NatGatewayId, ExternalIp: f.ExternalIp, ExternalPort: f.ExternalPort, InternalIp: f.InternalIp,
		InternalPort: f.InternalPort, IpProtocol: f.IpProtocol, Status: status,
	})
}

func createForwardEntryOp(c *call) (any, error) {
	nat, err := fwdTable.creating(c, "ForwardEntryName", "ExternalIp", "ExternalPort", "InternalIp", "InternalPort", "IpProtocol")
	if err != nil {
		return nil, err
	}
	f, err := checkForward(c, nat, forwardRule{
		ExternalIp: c.str("ExternalIp"), ExternalPort: c.str("ExternalPort"), InternalIp: c.str("InternalIp"),
		InternalPort: c.str("InternalPort"), IpProtocol: c.str("IpProtocol"),
	}, nil)
	if err != nil {
		return nil, err
	}
	if err := requireStatus(c, nat, errNatStatus(400), stAvailable); err != nil {
		return nil, err
	}
	table := fwdTable.Of(nat)
	if err := fwdTable.settled(c, table); err != nil {
		return nil, err
	}
	if err := commitUnder(c, kindForwardEntry, "ftb", table, maxForwardEntries,
		newErr(400, "QuotaExceeded", "Forward entry quota exceeded in this route table.")); err != nil {
		return nil, err
	}
	e := addForwardEntry(c.st, nat, c.str("ForwardEntryName"), f, stPending)
	c.st.schedule(e, Transition{Due: c.due(), Status: stAvailable})
	return M{"ForwardEntryId": e.ID}, nil
}

func modifyForwardEntry(c *call, nat, e *record) (any, error) {
	if err := checkEntryName(c, "ForwardEntryName"); err != nil {
		return nil, err
	}
	v := fwdOf(e)
	f := forwardRule{ExternalIp: v.ExternalIp, ExternalPort: v.ExternalPort, InternalIp: v.InternalIp, InternalPort: v.InternalPort, IpProtocol: v.IpProtocol}
	for _, p := range []struct {
		name string
		dst  *string
	}{
		{"ExternalIp", &f.ExternalIp}, {"ExternalPort", &f.ExternalPort}, {"InternalIp", &f.InternalIp},
		{"InternalPort", &f.InternalPort}, {"IpProtocol", &f.IpProtocol},
	} {
		if c.has(p.name) {
			*p.dst = c.str(p.name)
		}
	}
	f, err := checkForward(c, nat, f, e)
	if err != nil {
		return nil, err
	}
	if err := fwdTable.settled(c, v.ForwardTableId); err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(e, func() {
		v.ExternalIp, v.ExternalPort, v.InternalIp, v.InternalPort, v.IpProtocol = f.ExternalIp, f.ExternalPort, f.InternalIp, f.InternalPort, f.IpProtocol
		setIf(c, "ForwardEntryName", &v.ForwardEntryName)
	})
	transit(c, e, stModifying, stAvailable)
	return nil, nil
}

var describeForwardTableEntries = listSpec{
	Kind: kindForwardEntry, Wrapper: "ForwardTableEntries", Item: "ForwardTableEntry", In: fwdTable.children,
	// Ports and protocol compare as the entries spell them.
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		var fs []func(*record) bool
		for param, get := range fieldsOf(fwdOf, "ExternalPort", "InternalPort", "IpProtocol") {
			if want := strings.TrimSpace(c.str(param)); want != "" {
				fs = append(fs, func(r *record) bool { return strings.EqualFold(get(r), want) })
			}
		}
		return fs, nil
	},
	Fields: fieldsOf(fwdOf, "ForwardEntryId", "ForwardEntryName", "ExternalIp", "InternalIp", "NatGatewayId"),
}

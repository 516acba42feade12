package sim

import (
	"net/netip"
	"slices"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// High-availability virtual IPs (VPC 2016-04-28; the seeds name the five
// operations only in the RAM table, so parameters, statuses and codes follow
// the current public API reference).
//
// Lifecycle: CreateHaVip goes Creating → Available; AssociateHaVip
// Associating → InUse; UnassociateHaVip Unassociating → InUse (instances
// left) or Available; DeleteHaVip (Available only) Deleting → gone. The
// first instance associated is the master: unassociating it while others
// remain needs Force=True (Forbidden.UnassociateMaster). A HaVip is a route
// next hop ("HaVip") and an EIP binding (AssociateEipAddress
// InstanceType=HaVip); either refuses its deletion. HaVips block
// DeleteVSwitch (DependencyViolation.HaVip).

const kindHaVip = "havip"

const (
	hvCreating      = "Creating"
	hvAvailable     = "Available"
	hvInUse         = "InUse"
	hvAssociating   = "Associating"
	hvUnassociating = "Unassociating"
	hvDeleting      = "Deleting"
)

// havipsPerInstance is how many HaVips one ECS instance or ENI may hold
// (CountLimitExceed.HaVipOnInstance).
const havipsPerInstance = 5

// haVipRec is a stored HaVip: the API's item plus the instance an
// unassociation in flight removes when it settles.
type haVipRec struct {
	model.HaVip
	Unbinding string `json:"Unbinding,omitempty"`
}

func havipOf(r *record) *haVipRec { return r.Value.(*haVipRec) }

func addHaVip(r *registry) {
	r.kind(kindOf(kindHaVip, "havip-", func(h *haVipRec) string { return h.HaVipId },
		func(h *haVipRec) *string { return &h.Status }, hooks[haVipRec]{
			Refs: func(h *haVipRec) []ref {
				refs := []ref{{kindVpc, h.VpcId}, {kindVSwitch, h.VSwitchId}}
				for _, id := range h.Instances() {
					refs = append(refs, ref{"inst", id})
				}
				return refs
			},
			Render: func(st *store, r *record) any {
				h := havipOf(r).HaVip
				ips := model.Strings{}
				for _, e := range st.children(kindEip, "inst", h.HaVipId) {
					ips = append(ips, eipOf(e).IpAddress)
				}
				h.AssociatedEipAddresses.AssociatedEipAddresse = ips
				h.AssociatedInstances.AssociatedInstance = append(model.Strings{}, h.Instances()...)
				return &h
			},
			NextHopType: "HaVip",
		}))
	vpc := model.ProductVPC
	r.write(vpc, "CreateHaVip", createHaVipOp)
	r.write(vpc, "ModifyHaVipAttribute", with(lookupHaVip, editAttrs(checkHaVipNameDesc, editsOf(havipOf, "Name", "Description"))))
	r.write(vpc, "DeleteHaVip", with(lookupHaVip, deleteHaVipOp))
	r.write(vpc, "AssociateHaVip", with(lookupHaVip, associateHaVipOp))
	r.write(vpc, "UnassociateHaVip", with(lookupHaVip, unassociateHaVipOp))
	r.read(vpc, "DescribeHaVips", describeHaVips.op)
	r.followUp("havip.unbind", func(st *store, rec *record) {
		h := havipOf(rec)
		st.change(rec, func() {
			h.AssociatedInstances.AssociatedInstance = slices.DeleteFunc(h.AssociatedInstances.AssociatedInstance,
				func(id string) bool { return id == h.Unbinding })
			if h.MasterInstanceId == h.Unbinding {
				h.MasterInstanceId = ""
				if len(h.Instances()) > 0 {
					h.MasterInstanceId = h.Instances()[0]
				}
			}
			h.Unbinding, h.Status = "", hvAvailable
			if len(h.Instances()) > 0 {
				h.Status = hvInUse
			} else {
				h.AssociatedInstanceType = ""
			}
		})
	})
	r.block(kindVSwitch, kindHaVip, "DependencyViolation.HaVip", "VSwitch cannot be deleted when there are some HaVip dependent with it.")
}

func errHaVipStatus(msg string) error { return newErr(400, "IncorrectHaVipStatus", msg) }

const hvUsableMsg = "HaVip can be operated by this action only when it's status is Available or InUse."

var lookupHaVip = finder{kindHaVip, "HaVipId", 404, "InvalidHaVipId.NotFound",
	"The specified HaVip does not exist."}.here

func checkHaVipNameDesc(c *call) error {
	if model.CheckHaVipText(c.str("Name"), 128) != nil {
		return newErr(400, "InvalidName.Malformed", "The specified Name is wrongly formed.")
	}
	if model.CheckHaVipText(c.str("Description"), 256) != nil {
		return newErr(400, "InvalidDescription.Malformed", "The specified Description is wrongly formed.")
	}
	return nil
}

// ipTaken reports whether ip is used in the VSwitch: by a HaVip, an ECS
// instance or a network interface.
func ipTaken(st *store, vswID, ip string) bool {
	for _, r := range st.children(kindHaVip, kindVSwitch, vswID) {
		if havipOf(r).IpAddress == ip {
			return true
		}
	}
	for _, r := range st.children(kindInstance, kindVSwitch, vswID) {
		if r.Value.(*instance).PrivateIpAddress == ip {
			return true
		}
	}
	for _, r := range st.children(kindENI, kindVSwitch, vswID) {
		if r.Value.(*eniRecord).PrivateIpAddress == ip {
			return true
		}
	}
	return false
}

// freeIP is the first unused, unreserved address of the VSwitch.
func freeIP(st *store, sw *model.VSwitch) string {
	p, err := netip.ParsePrefix(sw.CidrBlock)
	if err != nil || !p.Addr().Is4() {
		return ""
	}
	for n := 1; n < 1<<(32-p.Bits())-3 && n < 1<<16; n++ {
		ip := hostAddr(sw.CidrBlock, n)
		if ip != "" && !ipTaken(st, sw.VSwitchId, ip) {
			return ip
		}
	}
	return ""
}

// haVipArgs describe a new HaVip.
type haVipArgs struct {
	Region, Name, Description, IP, ResourceGroup string
	Tags                                         model.Tags
	Status, Created                              string
}

func addHaVipRec(st *store, sw *record, a haVipArgs) *record {
	v := vswOf(sw)
	rg := a.ResourceGroup
	if rg == "" {
		rg = defaultResourceGroup
	}
	h := &haVipRec{HaVip: model.HaVip{
		HaVipId: st.newID(kindHaVip, a.Region), Name: a.Name, Description: a.Description, RegionId: a.Region,
		VpcId: v.VpcId, VSwitchId: v.VSwitchId, IpAddress: a.IP, Status: a.Status, ChargeType: "Free",
		CreateTime: a.Created, ResourceGroupId: rg, Tags: a.Tags,
	}}
	return st.mustAdd(kindHaVip, a.Region, h)
}

func createHaVipOp(c *call) (any, error) {
	region, err := regionNeed(c, "VSwitchId")
	if err != nil {
		return nil, err
	}
	if err := checkHaVipNameDesc(c); err != nil {
		return nil, err
	}
	sw, err := finder{kindVSwitch, "VSwitchId", 400, "InvalidVSwitch.NotFound", "The specified VSwitch does not exist in the specified region."}.in(c, region)
	if err != nil {
		return nil, err
	}
	v := vswOf(sw)
	if v.Status != stAvailable {
		return nil, newErr(400, "IncorrectVSwitchStatus", "The current virtual switch status does not support this operation.")
	}
	ip := strings.TrimSpace(c.str("IpAddress"))
	if ip != "" {
		if err := model.CheckHaVipIP(ip, v.CidrBlock); err != nil {
			e := err.(*model.HaVipIPError)
			return nil, newErr(400, e.Code, "The specified IPAddress is not valid: "+e.Why+".")
		}
		if ipTaken(c.st, v.VSwitchId, ip) {
			return nil, newErr(400, "InvalidIPAddress.AlreadyUsed", "The specified IPAddress is already used by other resource.")
		}
	} else if ip = freeIP(c.st, v); ip == "" {
		return nil, newErr(400, "QuotaExceeded.PrivateIp", "The VSwitch has no free IP address left.")
	}
	tags, err := c.tags()
	if err != nil {
		return nil, err
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	rec := addHaVipRec(c.st, sw, haVipArgs{Region: region, Name: c.str("Name"), Description: c.str("Description"), IP: ip,
		ResourceGroup: c.str("ResourceGroupId"), Tags: tags, Status: hvCreating, Created: model.FormatTime(c.now)})
	c.st.schedule(rec, Transition{Due: c.due(), Status: hvAvailable})
	return M{"HaVipId": rec.ID, "IpAddress": ip}, nil
}

func deleteHaVipOp(c *call, rec *record) (any, error) {
	if havipOf(rec).Status != hvAvailable {
		return nil, newErr(400, "IncorrectStatus", "HaVip can be deleted only when it is status is Available.")
	}
	if c.st.count(kindRouteEntry, "nexthop", rec.ID) > 0 {
		return nil, newErr(400, "DependencyViolation.HaVipReferedByRouteEntry",
			"HaVip cannot be deleted when it is refered by a route table entry as next hop.")
	}
	if c.st.count(kindEip, "inst", rec.ID) > 0 {
		return nil, newErr(400, "DependencyViolation.HaVipAssociatedWithEIP", "HaVip cannot be deleted when it is associated with EIP.")
	}
	return removeLater(c, rec, hvDeleting, "")
}

// haVipInstance finds the instance an association names: an ECS instance
// (InstanceType EcsInstance, the default) or a network interface; it
// returns the instance's VSwitch.
func haVipInstance(c *call, region string) (typ, id, vsw string, err error) {
	if err := c.need("InstanceId"); err != nil {
		return "", "", "", err
	}
	typ, err = oneOfParam(c, "InstanceType", "EcsInstance", "EcsInstance", "NetworkInterface")
	if err != nil {
		return "", "", "", err
	}
	id = strings.TrimSpace(c.str("InstanceId"))
	if typ == "NetworkInterface" {
		if r := c.st.find(kindENI, region, id); r != nil {
			return typ, id, r.Value.(*eniRecord).VSwitchId, nil
		}
		return "", "", "", newErr(404, "InvalidInstanceId.NotFound", "The specified instance does not exist.")
	}
	r := c.st.find(kindInstance, region, id)
	if r == nil {
		return "", "", "", newErr(404, "InvalidInstanceId.NotFound", "The specified instance does not exist.")
	}
	if s := r.Value.(*instance).Status; s != "Running" && s != "Stopped" {
		return "", "", "", newErr(400, "IncorrectInstanceStatus", "ECS instance can be operated by this action only when it's status is Running or Stopped.")
	}
	return typ, id, r.Value.(*instance).VSwitchId, nil
}

func associateHaVipOp(c *call, rec *record) (any, error) {
	h := havipOf(rec)
	if h.Status != hvAvailable && h.Status != hvInUse {
		return nil, errHaVipStatus(hvUsableMsg)
	}
	typ, id, vsw, err := haVipInstance(c, rec.Region)
	if err != nil {
		return nil, err
	}
	switch {
	case vsw != h.VSwitchId:
		return nil, errInvalidParamMsg("InstanceId", "the HaVip and the instance must belong to the same VSwitch")
	case slices.Contains(h.Instances(), id):
		return nil, newErr(400, "InvalidAssociation.Duplicated", "The HaVip is already associated with the specified instance.")
	case h.AssociatedInstanceType != "" && h.AssociatedInstanceType != typ:
		return nil, errInvalidParamMsg("InstanceType", "a HaVip cannot be associated with ECS instances and network interfaces at once")
	case len(h.Instances()) >= model.MaxHaVipInstances:
		return nil, newErr(400, "CountLimitExceeded.HaVipOnECSInstance", "The amount of Instance associated with the specified HaVip reach its limits.")
	case c.st.count(kindHaVip, "inst", id) >= havipsPerInstance:
		return nil, newErr(400, "CountLimitExceed.HaVipOnInstance", "The amount of HaVip associated with the specified Instance reach its limits.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() {
		h.AssociatedInstances.AssociatedInstance = append(h.AssociatedInstances.AssociatedInstance, id)
		h.AssociatedInstanceType, h.Status = typ, hvAssociating
		if h.MasterInstanceId == "" {
			h.MasterInstanceId = id
		}
	})
	c.st.schedule(rec, Transition{Due: c.due(), Status: hvInUse})
	return nil, nil
}

func unassociateHaVipOp(c *call, rec *record) (any, error) {
	if err := c.need("InstanceId"); err != nil {
		return nil, err
	}
	if _, err := oneOfParam(c, "InstanceType", "EcsInstance", "EcsInstance", "NetworkInterface"); err != nil {
		return nil, err
	}
	force, _, err := c.boolParam("Force")
	if err != nil {
		return nil, err
	}
	h := havipOf(rec)
	id := strings.TrimSpace(c.str("InstanceId"))
	switch {
	case h.Status != hvInUse:
		return nil, errHaVipStatus("HaVip can be operated by this action only when it's status is InUse.")
	case !slices.Contains(h.Instances(), id):
		return nil, newErr(400, "ResourceNotAssociated", "The HaVip and ECS instance are not associated.")
	case id == h.MasterInstanceId && len(h.Instances()) > 1 && !force:
		return nil, newErr(400, "Forbidden.UnassociateMaster", "Unassociating a master instance is not allowed unless the parameter Force is True.")
	}
	if err := c.commit(); err != nil {
		return nil, err
	}
	c.st.change(rec, func() { h.Status, h.Unbinding = hvUnassociating, id })
	c.st.schedule(rec, Transition{Due: c.due(), Then: "havip.unbind"})
	return nil, nil
}

// describeHaVips filters on Filter.N (haVipFilterKeys), ResourceGroupId
// and Tags.N.
var describeHaVips = listSpec{Kind: kindHaVip, Wrapper: "HaVips", Item: "HaVip",
	Rules: func(c *call, _ string) ([]func(*record) bool, error) {
		match, err := edgeFilters(c, haVipFilterKeys)
		if err != nil {
			return nil, err
		}
		tags, err := edgeTags(c, "Tags")
		if err != nil {
			return nil, err
		}
		fs := []func(*record) bool{match}
		if len(tags) > 0 {
			want := model.Tags{Tag: tags}
			fs = append(fs, func(r *record) bool { return matchTags(havipOf(r).Tags, want) })
		}
		return fs, nil
	},
	Fields: fieldsOf(havipOf, "ResourceGroupId"),
}

var haVipFilterKeys = edgeFilterKeys(fieldsOf(havipOf, "VpcId", "VSwitchId", "Status", "HaVipId", "HaVipAddress=IpAddress"))

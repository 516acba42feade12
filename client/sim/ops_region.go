package sim

import (
	"strings"

	"github.com/alivpc/alivpc/model"
)

// The region family: DescribeRegions, DescribeZones and the two per-region
// services of seeds 000 (traffic mirroring) and 004 (IP address pools).

const kindService = "service"

// Services, as stored.
const (
	svcTrafficMirror = "TrafficMirror"
	svcIPPool        = "PublicIpAddressPool"
)

// Service states. A region without a service record has it closed.
const (
	svcOpening = "Opening"
	svcOpened  = "Opened"
)

// serviceState is one service's activation in one region.
type serviceState struct {
	Region  string `json:"Region"`
	Service string `json:"Service"`
	Status  string `json:"Status"`
}

func serviceID(svc, region string) string { return "service:" + svc + ":" + region }

func addRegion(r *registry) {
	r.kind(&kindSpec{
		Name: kindService,
		New:  func() any { return new(serviceState) },
		ID: func(v any) string {
			s := v.(*serviceState)
			return serviceID(s.Service, s.Region)
		},
		Status:    func(v any) string { return v.(*serviceState).Status },
		SetStatus: func(v any, s string) { v.(*serviceState).Status = s },
		Refs:      func(v any) []ref { return []ref{{"service", v.(*serviceState).Service}} },
	})
	vpc := model.ProductVPC
	r.read(vpc, "DescribeRegions", describeRegions)
	r.read(vpc, "DescribeZones", describeZones)
	r.write(vpc, "OpenTrafficMirrorService", openService(svcTrafficMirror, false))
	r.read(vpc, "GetTrafficMirrorServiceStatus", serviceStatus(svcTrafficMirror))
	r.write(vpc, "OpenPublicIpAddressPoolService", openService(svcIPPool, true))
	r.read(vpc, "GetPublicIpAddressPoolServiceStatus", serviceStatus(svcIPPool))
}

func english(c *call) bool { return strings.EqualFold(c.str("AcceptLanguage"), "en-US") }

func describeRegions(c *call) (any, error) {
	en := english(c)
	items := make([]any, 0, len(c.srv.regions))
	for _, r := range c.srv.regions {
		name := r.NameZH
		if en {
			name = r.NameEN
		}
		items = append(items, model.Region{RegionId: r.ID, LocalName: name, RegionEndpoint: r.Endpoint})
	}
	return M{"Regions": M{"Region": items}}, nil
}

func describeZones(c *call) (any, error) {
	id, err := c.region()
	if err != nil {
		return nil, err
	}
	r := c.srv.region(id)
	en := english(c)
	items := make([]any, 0, len(r.Zones))
	for _, z := range r.zoneIDs() {
		items = append(items, model.Zone{ZoneId: z, LocalName: r.zoneName(z, en)})
	}
	return M{"Zones": M{"Zone": items}}, nil
}

// serviceRegion is the region a service call is about; RegionId is optional
// for OpenTrafficMirrorService, and the central region is the default.
func serviceRegion(c *call) (string, error) {
	id, err := c.optRegion()
	if err != nil || id != "" {
		return id, err
	}
	return "cn-hangzhou", nil
}

// openService activates a service in a region: Opening, then Opened after
// the settle time. Opening it again is refused; perAccount services also
// refuse while any region is still opening (seed 004: no concurrent
// activation within one account).
func openService(svc string, perAccount bool) func(*call) (any, error) {
	return func(c *call) (any, error) {
		region, err := serviceRegion(c)
		if err != nil {
			return nil, err
		}
		if rec := c.st.get(serviceID(svc, region)); rec != nil {
			if c.st.status(rec) == svcOpened {
				return nil, newErr(400, "OperationFailed.ServiceOpened", "The service is already opened in this region.")
			}
			return nil, newErr(400, "OperationConflict", "The service is being opened; repeated activation within the period is not allowed.")
		}
		if perAccount {
			for _, rec := range c.st.children(kindService, "service", svc) {
				if c.st.status(rec) == svcOpening {
					return nil, newErr(400, "OperationConflict", "Concurrent activation of the service within the same account is not supported.")
				}
			}
		}
		if err := c.commit(); err != nil {
			return nil, err
		}
		rec := c.st.mustAdd(kindService, region, &serviceState{Region: region, Service: svc, Status: svcOpening})
		c.st.schedule(rec, Transition{Due: c.due(), Status: svcOpened})
		return M{"Code": "200", "Message": "successful"}, nil
	}
}

func serviceStatus(svc string) func(*call) (any, error) {
	return func(c *call) (any, error) {
		region, err := serviceRegion(c)
		if err != nil {
			return nil, err
		}
		rec := c.st.get(serviceID(svc, region))
		return M{"Enabled": rec != nil && c.st.status(rec) == svcOpened}, nil
	}
}

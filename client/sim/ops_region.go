package sim

import (
	"strconv"
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

// serviceState is one service's activation: per region for traffic
// mirroring (seed 000), once per account for IP address pools (seed 004).
// Account is the activating account (0 in state saved before it existed:
// AccountUID).
type serviceState struct {
	Region  string `json:"Region"`
	Service string `json:"Service"`
	Status  string `json:"Status"`
	Account int64  `json:"Account,omitempty"`
}

func (s *serviceState) account() int64 {
	if s.Account == 0 {
		return AccountUID
	}
	return s.Account
}

// serviceID names the activation a service call is about. The seeded
// account keeps the per-region IDs of earlier state files.
func serviceID(svc, region string, account int64) string {
	acct := strconv.FormatInt(account, 10)
	switch {
	case svc == svcIPPool: // account-wide
		return "service:" + svc + ":account:" + acct
	case account == AccountUID || account == 0:
		return "service:" + svc + ":" + region
	default:
		return "service:" + svc + ":" + region + ":" + acct
	}
}

func addRegion(r *registry) {
	r.kind(&kindSpec{
		Name: kindService,
		New:  func() any { return new(serviceState) },
		ID: func(v any) string {
			s := v.(*serviceState)
			return serviceID(s.Service, s.Region, s.account())
		},
		Status:    func(v any) string { return v.(*serviceState).Status },
		SetStatus: func(v any, s string) { v.(*serviceState).Status = s },
		Refs: func(v any) []ref {
			s := v.(*serviceState)
			return []ref{{"service", s.Service}, {"account", strconv.FormatInt(s.account(), 10)}}
		},
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

// serviceRegion is the region a service call is about. RegionId is
// optional for OpenTrafficMirrorService (seed 000; the central region is
// the default) and required for OpenPublicIpAddressPoolService (seed 004).
func serviceRegion(c *call, required bool) (string, error) {
	if required {
		return c.region()
	}
	id, err := c.optRegion()
	if err != nil || id != "" {
		return id, err
	}
	return "cn-hangzhou", nil
}

// openService activates a service: Opening, then Opened after the settle
// time. Before anything else the account must be able to buy it (the
// standing errors of seeds 000 and 004, from Options.Accounts). Opening it
// again is refused; IP address pools are account-wide, so a second
// activation from any region is refused while one is running (seed 004:
// "does not support concurrent activation ... within the same Alibaba Cloud
// account").
func openService(svc string, perAccount bool) func(*call) (any, error) {
	return func(c *call) (any, error) {
		region, err := serviceRegion(c, perAccount)
		if err != nil {
			return nil, err
		}
		acct := c.caller.account()
		if err := c.srv.account(acct).mayBuy(svc); err != nil {
			return nil, err
		}
		if rec := c.st.get(serviceID(svc, region, acct)); rec != nil {
			if c.st.status(rec) == svcOpened {
				return nil, newErr(400, "OperationFailed.ServiceOpened", "The service is already opened.")
			}
			if perAccount {
				return nil, newErr(400, "OperationConflict", "Concurrent activation of the service within the same account is not supported.")
			}
			return nil, newErr(400, "OperationConflict", "The service is being opened; repeated activation within the period is not allowed.")
		}
		if limit := c.srv.account(acct).PurchaseLimit; limit > 0 && len(c.st.children(kindService, "account", strconv.FormatInt(acct, 10))) >= limit {
			return nil, newErr(400, "OperationFailed.ExceedPurchaseLimit", "You have reached the limit of purchase quantity.")
		}
		if err := c.commit(); err != nil {
			return nil, err
		}
		rec := c.st.mustAdd(kindService, region, &serviceState{Region: region, Service: svc, Status: svcOpening, Account: acct})
		c.st.schedule(rec, Transition{Due: c.due(), Status: svcOpened})
		return M{"Code": "200", "Message": "successful"}, nil
	}
}

func serviceStatus(svc string) func(*call) (any, error) {
	return func(c *call) (any, error) {
		region, err := serviceRegion(c, false)
		if err != nil {
			return nil, err
		}
		rec := c.st.get(serviceID(svc, region, c.caller.account()))
		return M{"Enabled": rec != nil && c.st.status(rec) == svcOpened}, nil
	}
}

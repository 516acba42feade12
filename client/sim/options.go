package sim

import (
	"io"
	"time"
)

// Credentials the simulator accepts when Options.Keys is empty. They are not
// secrets: anyone running `alivpc --sim` may use them.
const (
	DefaultAccessKeyID     = "alivpc-sim"
	DefaultAccessKeySecret = "alivpc-sim-secret"

	// An STS key: requests signed with it must carry DefaultSecurityToken.
	DefaultSTSAccessKeyID     = "STS.alivpc-sim"
	DefaultSTSAccessKeySecret = "alivpc-sim-sts-secret"
	DefaultSecurityToken      = "alivpc-sim-security-token"

	// A key of the demo's partner account (PartnerAccountUID): the account
	// a pending demo peering request waits for, which may accept it.
	PartnerAccessKeyID     = "alivpc-sim-partner"
	PartnerAccessKeySecret = "alivpc-sim-partner-secret"
)

// Datasets.
const (
	DatasetDemo  = "demo"  // real regions, a handful of realistic VPCs (default)
	DatasetEmpty = "empty" // regions and zones only
	DatasetLarge = "large" // thousands of VPCs, 100k route entries, from Seed
)

// Key is an AccessKey the simulator accepts.
type Key struct {
	ID     string
	Secret string
	// SecurityToken makes this an STS key: every request must carry the
	// token (SecurityToken parameter for v1, x-acs-security-token for v3).
	SecurityToken string
	// Expiration, when set, is when an STS token stops working.
	Expiration time.Time
	// AccountID is the Alibaba Cloud account the key acts for, as STS
	// GetCallerIdentity reports it; 0 means AccountUID, the owner of every
	// seeded resource. Another account may accept or reject the peering
	// requests made to it, and nothing else differs: the sim keeps one
	// store, which every key sees.
	AccountID int64
	// RoleName names the assumed role of an STS key in its ARN (default
	// alivpc-sim-role).
	RoleName string
	// Denied are the actions this key (a RAM user) is not granted: they
	// are answered 400 Forbidden.RAM, as seeds 000 and 004 list it.
	Denied []string
}

// denies reports whether the key's RAM policy leaves out action.
func (k Key) denies(action string) bool {
	for _, a := range k.Denied {
		if a == action || a == "*" {
			return true
		}
	}
	return false
}

// Account is the standing of an Alibaba Cloud account, which decides
// whether it may buy (activate) a service: the situations behind the error
// codes of seeds 000 (OpenTrafficMirrorService) and 004
// (OpenPublicIpAddressPoolService). The zero value may buy anything.
type Account struct {
	ID int64 // 0 is AccountUID
	// NoRealName: real-name verification is not done
	// (Order.NoRealNameAuthentication).
	NoRealName bool
	// BasicInfoIncomplete: the basic personal information is not filled
	// in (OperationFailed.BasicInfoUncompleted).
	BasicInfoIncomplete bool
	// ChannelQuotaExhausted: the account buys through a channel partner
	// whose quota for it is used up (OperationFailed.QuotaNotEnough).
	ChannelQuotaExhausted bool
	// PurchaseLimit caps how many service activations the account may buy
	// (OperationFailed.ExceedPurchaseLimit); 0 is no limit.
	PurchaseLimit int
	// AlibabaGroup: an account inside Alibaba Group, which may not buy the
	// traffic-mirroring commodity on the public site
	// (OperationFailed.AliGroupUserCanNotBuyInnerCommodity).
	AlibabaGroup bool
	// NoIPPoolPermission: the Quota Center has not granted IP address
	// pools (Forbidden.OpenPublicIpAddressPool).
	NoIPPoolPermission bool
}

// mayBuy is the account's standing check before an activation of svc.
func (a Account) mayBuy(svc string) error {
	switch {
	case a.NoRealName:
		return newErr(400, "Order.NoRealNameAuthentication", "Real-name verification has not been completed for the account.")
	case a.BasicInfoIncomplete:
		return newErr(400, "OperationFailed.BasicInfoUncompleted", "You have not completed your basic personal information, please complete the information and try again.")
	case a.AlibabaGroup && svc == svcTrafficMirror:
		return newErr(400, "OperationFailed.AliGroupUserCanNotBuyInnerCommodity", "Vpc_flowlog_public has no group cloud product label, and users within the group are not allowed to purchase.")
	case a.NoIPPoolPermission && svc == svcIPPool:
		return newErr(400, "Forbidden.OpenPublicIpAddressPool", "Authentication is failed for opening public ip address pool. Please apply for permission at the quota center.")
	case a.ChannelQuotaExhausted:
		return newErr(400, "OperationFailed.QuotaNotEnough", "Your quota is insufficient. Please contact your channel partner to increase your quota")
	}
	return nil
}

// account is the account the key acts for.
func (k Key) account() int64 {
	if k.AccountID != 0 {
		return k.AccountID
	}
	return AccountUID
}

// Quotas are per-account limits. A zero field takes the dataset's default.
type Quotas struct {
	VpcsPerRegion        int // QuotaExceeded.Vpc
	VSwitchesPerVpc      int // QuotaExceeded.VSwitch
	RouteTablesPerVpc    int // custom route tables; QuotaExceeded.RouteTable
	RouteEntriesPerTable int // custom entries; QuotaExceeded
}

func (q Quotas) withDefaults(dataset string) Quotas {
	def := Quotas{VpcsPerRegion: 10, VSwitchesPerVpc: 24, RouteTablesPerVpc: 9, RouteEntriesPerTable: 48}
	if dataset == DatasetLarge {
		def.VpcsPerRegion = 200
	}
	if q.VpcsPerRegion <= 0 {
		q.VpcsPerRegion = def.VpcsPerRegion
	}
	if q.VSwitchesPerVpc <= 0 {
		q.VSwitchesPerVpc = def.VSwitchesPerVpc
	}
	if q.RouteTablesPerVpc <= 0 {
		q.RouteTablesPerVpc = def.RouteTablesPerVpc
	}
	if q.RouteEntriesPerTable <= 0 {
		q.RouteEntriesPerTable = def.RouteEntriesPerTable
	}
	return q
}

// Options configure a Server. The zero value is a demo simulator on the real
// clock with the default credentials and no faults.
type Options struct {
	// Dataset is DatasetDemo (default), DatasetEmpty or DatasetLarge.
	Dataset string
	// Seed makes the large dataset, generated IDs and fault decisions
	// reproducible.
	Seed int64
	// StatePath, when set, is where state is loaded from at start (if the
	// file exists; otherwise the dataset is seeded and saved there at
	// once). Every write is appended to StatePath+".journal" and fsync'd
	// before it is answered, ClientTokens included, so a kill loses
	// nothing acknowledged; the journal is folded into the state file at
	// start, on Close and when it grows past 32 MB (see journal.go).
	StatePath string

	// Clock drives lifecycles (default: the real clock).
	Clock Clock
	// Now is the wall clock that signature timestamps, nonces and the QPS
	// limiter are checked against (default: time.Now).
	Now func() time.Time
	// Settle is how long a transitional status (Pending, Deleting, ...)
	// lasts on Clock (default 3s).
	Settle time.Duration

	// Keys replace the default credentials.
	Keys []Key
	// Quotas override the dataset's limits.
	Quotas Quotas
	// Accounts set the standing of accounts (by Account.ID); an account
	// not listed is in good standing.
	Accounts []Account

	// Latency plus a random share of Jitter is waited before answering;
	// the wait ends early if the client gives up.
	Latency, Jitter time.Duration
	// Throttle is the fraction of requests answered Throttling.User.
	Throttle float64
	// Fail is the fraction answered ServiceUnavailable (503) or
	// InternalError (500); the operation does not run.
	Fail float64
	// QPS limits requests per AccessKey (token bucket, burst of one
	// second); beyond it requests get Throttling.User with rate-limit
	// headers. Zero means unlimited.
	QPS float64
	// Drop is the fraction of mutating requests whose write is applied but
	// whose connection is then closed without an answer.
	Drop float64

	// MaxNonces caps how many used signature nonces are remembered
	// (default about a million, ~40 MB); past it signed requests are
	// answered Throttling.User until old nonces expire.
	MaxNonces int

	// RequestLog receives one JSON line per request. It never contains
	// signatures, secrets or security tokens.
	RequestLog io.Writer
}

func (o Options) withDefaults() Options {
	if o.Dataset == "" {
		o.Dataset = DatasetDemo
	}
	if o.Clock == nil {
		o.Clock = realClock{}
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Settle <= 0 {
		o.Settle = 3 * time.Second
	}
	if len(o.Keys) == 0 {
		o.Keys = DefaultKeys()
	}
	o.Quotas = o.Quotas.withDefaults(o.Dataset)
	return o
}

// DefaultKeys returns the credentials used when Options.Keys is empty: one
// plain AccessKey and one STS key with its token.
func DefaultKeys() []Key {
	return []Key{
		{ID: DefaultAccessKeyID, Secret: DefaultAccessKeySecret},
		{ID: DefaultSTSAccessKeyID, Secret: DefaultSTSAccessKeySecret, SecurityToken: DefaultSecurityToken},
		{ID: PartnerAccessKeyID, Secret: PartnerAccessKeySecret, AccountID: PartnerAccountUID},
	}
}

package sim

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
	"github.com/aliyun/alibaba-cloud-sdk-go/services/vpc"
)

// The official Go SDK dropped the typed NAT bandwidth package requests (the
// feature is for accounts that had it before November 2017), so these tests
// send them through the SDK's own generic path, ProcessCommonRequest, signed
// and parsed by the SDK unchanged. sdkBwpPackage is the item as the SDK
// versions that had it declared it: Bandwidth and IpCount are strings.
type sdkBwpPackage struct {
	BandwidthPackageId string
	Name               string
	Description        string
	NatGatewayId       string
	ZoneId             string
	Bandwidth          string
	IpCount            string
	ISP                string
	Status             string
	BusinessStatus     string
	InternetChargeType string
	PublicIpAddresses  struct {
		PublicIpAddresse []struct {
			AllocationId string
			IpAddress    string
			UsingStatus  string
		}
	}
}

type sdkBwpList struct {
	TotalCount        int
	BandwidthPackages struct{ BandwidthPackage []sdkBwpPackage }
}

// sdkCommon sends action through the SDK's generic request (in cn-hangzhou,
// to the simulator sdkClient points c at) and returns the raw answer.
func sdkCommon(c *vpc.Client, action string, params map[string]string) ([]byte, error) {
	req := requests.NewCommonRequest()
	req.Method, req.Scheme, req.Domain = "POST", "http", c.Domain
	req.Product, req.Version, req.ApiName = "Vpc", "2016-04-28", action
	req.QueryParams["RegionId"] = hz
	for k, v := range params {
		req.QueryParams[k] = v
	}
	resp, err := c.ProcessCommonRequest(req)
	if err != nil {
		return nil, err
	}
	return resp.GetHttpContentBytes(), nil
}

type bwpSDK struct {
	t *testing.T
	c *vpc.Client
}

func (s bwpSDK) ok(action string, pairs ...string) []byte {
	s.t.Helper()
	body, err := sdkCommon(s.c, action, kv(pairs...))
	if err != nil {
		s.t.Fatalf("%s %v: %v", action, pairs, err)
	}
	return body
}

func (s bwpSDK) fails(code, action string, pairs ...string) {
	s.t.Helper()
	if _, err := sdkCommon(s.c, action, kv(pairs...)); sdkCode(err) != code {
		s.t.Errorf("%s %v: %v, want %s", action, pairs, err, code)
	}
}

// get reads one package through DescribeBandwidthPackages (nil when gone).
func (s bwpSDK) get(id string) *sdkBwpPackage {
	s.t.Helper()
	var l sdkBwpList
	if err := json.Unmarshal(s.ok("DescribeBandwidthPackages", "BandwidthPackageId", id), &l); err != nil {
		s.t.Fatalf("DescribeBandwidthPackages as the SDK declared it: %v", err)
	}
	return sdkOne(s.t, id, l.BandwidthPackages.BandwidthPackage, l.TotalCount)
}

func (s bwpSDK) list(pairs ...string) []sdkBwpPackage {
	s.t.Helper()
	var l sdkBwpList
	if err := json.Unmarshal(s.ok("DescribeBandwidthPackages", pairs...), &l); err != nil {
		s.t.Fatal(err)
	}
	return l.BandwidthPackages.BandwidthPackage
}

// demoNat finds a demo NAT gateway by name with the typed SDK request.
func demoNat(t *testing.T, c *vpc.Client, name string) vpc.NatGateway {
	t.Helper()
	req := vpc.CreateDescribeNatGatewaysRequest()
	req.Name = name
	resp := sdkDo(t, c.DescribeNatGateways, req)
	return *sdkOnly(t, name, resp.NatGateways.NatGateway, resp.TotalCount)
}

func bwpIPs(b *sdkBwpPackage) []string {
	var out []string
	for _, ip := range b.PublicIpAddresses.PublicIpAddresse {
		out = append(out, ip.IpAddress)
	}
	return out
}

// TestOfficialSDKNatBandwidthPackageLifecycle drives the seven operations of
// seed 003 §17 through the SDK: create → Creating → Available → modify spec
// (Modifying) and attribute → add IPs → an SNAT and a DNAT entry on them →
// remove IPs → delete (Deleting → gone), with the documented codes on the
// way.
func TestOfficialSDKNatBandwidthPackageLifecycle(t *testing.T) {
	h, c := sdkHarness(t)
	s := bwpSDK{t, c}
	nat := demoNat(t, c, "staging-nat")
	seeded := s.list("NatGatewayId", nat.NatGatewayId)
	if len(seeded) != 2 {
		t.Fatalf("staging-nat has %d packages, want the demo's 2", len(seeded))
	}

	var cr struct{ BandwidthPackageId string }
	body := s.ok("CreateBandwidthPackage", "NatGatewayId", nat.NatGatewayId, "Bandwidth", "5", "IpCount", "2",
		"Zone", "cn-hangzhou-b", "Name", "sdk-bwp", "Description", "made by the SDK", "ClientToken", "sdk-bwp-1")
	if err := json.Unmarshal(body, &cr); err != nil || !strings.HasPrefix(cr.BandwidthPackageId, "bwp-") {
		t.Fatalf("CreateBandwidthPackage answered %s (%v)", body, err)
	}
	id := cr.BandwidthPackageId
	b := s.get(id)
	if b == nil || b.Status != "Creating" || b.NatGatewayId != nat.NatGatewayId || b.Bandwidth != "5" || b.IpCount != "2" ||
		b.ZoneId != "cn-hangzhou-b" || b.ISP != "BGP" || b.InternetChargeType != "PayByBandwidth" || len(bwpIPs(b)) != 2 {
		t.Fatalf("fresh package: %+v", b)
	}
	h.settle()
	if b = s.get(id); b.Status != "Available" || b.PublicIpAddresses.PublicIpAddresse[0].UsingStatus != "Idle" ||
		!strings.HasPrefix(b.PublicIpAddresses.PublicIpAddresse[0].AllocationId, "nateip-") {
		t.Fatalf("settled package: %+v", b)
	}
	// The gateway lists the package and its IPs.
	n := demoNat(t, c, "staging-nat")
	if !strings.Contains(strings.Join(n.BandwidthPackageIds.BandwidthPackageId, ","), id) {
		t.Errorf("NAT gateway's BandwidthPackageIds: %v", n.BandwidthPackageIds.BandwidthPackageId)
	}

	s.ok("ModifyBandwidthPackageSpec", "BandwidthPackageId", id, "Bandwidth", "50")
	if b = s.get(id); b.Status != "Modifying" || b.Bandwidth != "50" {
		t.Errorf("after ModifyBandwidthPackageSpec: %s %s", b.Status, b.Bandwidth)
	}
	s.fails("IncorrectStatus", "AddBandwidthPackageIps", "BandwidthPackageId", id, "IpCount", "1")
	h.settle()
	s.fails("InvalidBandwidth.ValueNotSupported", "ModifyBandwidthPackageSpec", "BandwidthPackageId", id, "Bandwidth", "1001")
	s.ok("ModifyBandwidthPackageAttribute", "BandwidthPackageId", id, "Name", "sdk-bwp-2")
	if b = s.get(id); b.Status != "Available" || b.Name != "sdk-bwp-2" || b.Description != "made by the SDK" {
		t.Errorf("after ModifyBandwidthPackageAttribute: %+v", b)
	}
	s.fails("InvalidParameter.Name.Malformed", "ModifyBandwidthPackageAttribute", "BandwidthPackageId", id, "Name", "9lives")

	s.fails("QuotaExceeded.BandwidthPackageIps", "AddBandwidthPackageIps", "BandwidthPackageId", id, "IpCount", "49")
	s.fails("InvalidIpCount.ValueNotSupported", "AddBandwidthPackageIps", "BandwidthPackageId", id, "IpCount", "0")
	s.ok("AddBandwidthPackageIps", "BandwidthPackageId", id, "IpCount", "1", "ClientToken", "sdk-bwp-add")
	if b = s.get(id); b.Status != "Modifying" || b.IpCount != "3" {
		t.Errorf("after AddBandwidthPackageIps: %s, %s IPs", b.Status, b.IpCount)
	}
	h.settle()
	ips := bwpIPs(s.get(id))

	// SNAT and DNAT take the package's addresses like the gateway's EIPs.
	sr := vpc.CreateCreateSnatEntryRequest()
	sr.SnatTableId, sr.SnatIp, sr.SourceCIDR = nat.SnatTableIds.SnatTableId[0], ips[0], "10.10.99.0/24"
	if _, err := c.CreateSnatEntry(sr); err != nil {
		t.Fatalf("CreateSnatEntry on a package IP: %v", err)
	}
	sr2 := vpc.CreateCreateSnatEntryRequest()
	sr2.SnatTableId, sr2.SnatIp, sr2.SourceCIDR = nat.SnatTableIds.SnatTableId[0], ips[0], "10.10.98.0/24"
	if _, err := c.CreateSnatEntry(sr2); err != nil {
		t.Fatalf("second CreateSnatEntry on a package IP: %v", err)
	}
	fr := vpc.CreateCreateForwardEntryRequest()
	fr.ForwardTableId, fr.ExternalIp, fr.ExternalPort, fr.InternalIp, fr.InternalPort, fr.IpProtocol =
		nat.ForwardTableIds.ForwardTableId[0], ips[1], "8080", "10.10.0.20", "80", "tcp"
	if _, err := c.CreateForwardEntry(fr); err != nil {
		t.Fatalf("CreateForwardEntry on a package IP: %v", err)
	}
	h.settle()
	if b = s.get(id); b.PublicIpAddresses.PublicIpAddresse[0].UsingStatus != "UsedBySnatTable" ||
		b.PublicIpAddresses.PublicIpAddresse[1].UsingStatus != "UsedByForwardTable" {
		t.Errorf("IP usage: %+v", b.PublicIpAddresses)
	}

	rm := func(code string, addrs ...string) {
		t.Helper()
		p := []string{"BandwidthPackageId", id}
		for i, a := range addrs {
			p = append(p, "RemovedIpAddresses."+strconv.Itoa(i+1), a)
		}
		if code == "" {
			s.ok("RemoveBandwidthPackageIps", p...)
			return
		}
		s.fails(code, "RemoveBandwidthPackageIps", p...)
	}
	rm("DependencyViolation.SnatEntry", ips[0])
	rm("DependencyViolation.ForwardEntry", ips[1])
	rm("InvalidIpCount.ValueNotSupported", ips...)
	rm("InvalidRemovedIpAddresses.NotFound", "192.0.2.7")
	rm("invalidRemovedIpAddresses.NotFound", bwpIPs(&seeded[0])[0])
	rm("", s.get(id).PublicIpAddresses.PublicIpAddresse[2].AllocationId)
	if b = s.get(id); b.Status != "Modifying" || b.IpCount != "2" || strings.Contains(strings.Join(bwpIPs(b), ","), ips[2]) {
		t.Errorf("after RemoveBandwidthPackageIps: %s, %v", b.Status, bwpIPs(b))
	}
	h.settle()

	// The gateway cannot go while it has packages; the package not while
	// entries use its IPs, unless forced.
	dn := vpc.CreateDeleteNatGatewayRequest()
	dn.NatGatewayId, dn.Force = nat.NatGatewayId, requests.NewBoolean(true)
	sdkRefuses(t, "DeleteNatGateway with packages", c.DeleteNatGateway, dn, "DependencyViolation.BandwidthPackages")
	s.fails("DependencyViolation.SnatEntry", "DeleteBandwidthPackage", "BandwidthPackageId", id)
	s.ok("DeleteBandwidthPackage", "BandwidthPackageId", id, "Force", "true")
	if b = s.get(id); b == nil || b.Status != "Deleting" {
		t.Errorf("after DeleteBandwidthPackage: %+v", b)
	}
	h.settle()
	if b = s.get(id); b != nil {
		t.Errorf("deleted package still listed: %+v", b)
	}
	sd := vpc.CreateDescribeSnatTableEntriesRequest()
	sd.SnatTableId, sd.SnatIp = nat.SnatTableIds.SnatTableId[0], ips[0]
	if out, err := c.DescribeSnatTableEntries(sd); err != nil || len(out.SnatTableEntries.SnatTableEntry) != 0 {
		t.Errorf("SNAT entries on the forced package's IP: %v %+v", err, out)
	}
	s.fails("InvalidBandwidthPackageId.NotFound", "ModifyBandwidthPackageAttribute", "BandwidthPackageId", id, "Name", "again")
}

// TestOfficialSDKNatBandwidthPackageErrors: the create rules of seed 003
// §17.2, each with its documented code, the overdue lock, and DescribeBand-
// widthPackages' paging.
func TestOfficialSDKNatBandwidthPackageErrors(t *testing.T) {
	_, c := sdkHarness(t)
	s := bwpSDK{t, c}
	nat := demoNat(t, c, "staging-nat").NatGatewayId
	create := func(code string, pairs ...string) {
		t.Helper()
		s.fails(code, "CreateBandwidthPackage", append([]string{"Bandwidth", "5", "IpCount", "1"}, pairs...)...)
	}
	create("MissingParameter", "Name", "no-gateway")
	create("NATGW_NOT_EXIST", "NatGatewayId", "ngw-nosuchgateway")
	create("InvalidZoneId.NotFound", "NatGatewayId", nat, "Zone", "cn-shanghai-b")
	create("InvalidParameter.BandwidthPackage.n.ISP.ValueNotSupport", "NatGatewayId", nat, "ISP", "CMCC")
	create("InvalidParameter.Name.Malformed", "NatGatewayId", nat, "Name", "x")
	create("InvalidParameter.Description.Malformed", "NatGatewayId", nat, "Description", "https://example.com")
	s.fails("QuotaExceeded.BandwidthPackageIps", "CreateBandwidthPackage", "NatGatewayId", nat, "Bandwidth", "5", "IpCount", "51")
	s.fails("InvalidBandwidth.ValueNotSupported", "CreateBandwidthPackage", "NatGatewayId", nat, "Bandwidth", "4", "IpCount", "1")
	// The demo gateway has two; two more fit, a fifth does not.
	for range 2 {
		s.ok("CreateBandwidthPackage", "NatGatewayId", nat, "Bandwidth", "5", "IpCount", "1")
	}
	create("QuotaExceeded.BandwidthPackageCountOnNatGateway", "NatGatewayId", nat)

	var locked string
	for _, b := range s.list("NatGatewayId", nat) {
		if b.BusinessStatus == "FinancialLocked" {
			locked = b.BandwidthPackageId
		}
	}
	if locked == "" {
		t.Fatal("the demo's overdue package is missing")
	}
	s.fails("BandwidthPackage.FinancialLocked", "ModifyBandwidthPackageSpec", "BandwidthPackageId", locked, "Bandwidth", "10")
	s.fails("BandwidthPackage.FinancialLocked", "AddBandwidthPackageIps", "BandwidthPackageId", locked, "IpCount", "1")
	s.fails("InvalidRegionId.NotFound", "DescribeBandwidthPackages", "RegionId", "xx-nowhere-1")
	s.fails("InvalidParameter", "DescribeBandwidthPackages", "PageSize", "51")
	if got := len(s.list("PageSize", "2", "PageNumber", "2")); got != 2 {
		t.Errorf("page 2 of size 2 has %d packages (the region holds 4)", got)
	}
}

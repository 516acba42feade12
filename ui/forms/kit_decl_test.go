package forms

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The declared requests: what the kit fills in from parameter names must be
// exactly what the hand-written requests sent.

func TestFillSetsOnlyTheParametersTheRequestCarries(t *testing.T) {
	vals := map[string]any{"RegionId": "cn-x", "VpnGatewayId": "vpn-1", "ClientToken": "tok", "Force": true}

	withToken := new(client.DeleteVpnGatewayInput)
	fill(withToken, vals)
	if *withToken != (client.DeleteVpnGatewayInput{RegionId: "cn-x", VpnGatewayId: "vpn-1", ClientToken: "tok"}) {
		t.Errorf("DeleteVpnGatewayInput = %+v", *withToken)
	}

	// No ClientToken parameter: none is sent; a boolean Force is.
	nat := new(client.DeleteNatGatewayInput)
	fill(nat, map[string]any{"RegionId": "cn-x", "NatGatewayId": "ngw-1", "ClientToken": "tok", "Force": true})
	if *nat != (client.DeleteNatGatewayInput{RegionId: "cn-x", NatGatewayId: "ngw-1", Force: true}) {
		t.Errorf("DeleteNatGatewayInput = %+v", *nat)
	}

	// A text Force carries "true" only when forcing.
	for force, want := range map[bool]string{true: "true", false: ""} {
		in := new(client.DeleteBandwidthPackageInput)
		fill(in, map[string]any{"BandwidthPackageId": "bwp-1", "Force": force})
		if in.Force != want || in.BandwidthPackageId != "bwp-1" {
			t.Errorf("force %v: DeleteBandwidthPackageInput = %+v", force, *in)
		}
	}
}

func TestAnswerReadsAnAnswersStringField(t *testing.T) {
	out := &client.CreateHaVipOutput{RequestId: "req-1", HaVipId: "havip-1"}
	if got := answer(out, "HaVipId"); got != "havip-1" {
		t.Errorf("HaVipId = %q", got)
	}
	if got := answer(out, "RequestId"); got != "req-1" {
		t.Errorf("RequestId = %q", got)
	}
	var none *client.CreateHaVipOutput
	if got := answer(none, "HaVipId"); got != "" {
		t.Errorf("nil answer: %q", got)
	}
	if got := answer(out, "NoSuchField"); got != "" {
		t.Errorf("missing field: %q", got)
	}
}

// recorder is an API endpoint that answers every call like a delete and
// keeps the business parameters of the last request it received (the
// signing and protocol parameters left out).
func recorder(t *testing.T) (*client.Client, func() map[string]string) {
	t.Helper()
	var mu sync.Mutex
	last := map[string]string{}
	hs := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := r.ParseForm(); err != nil {
			http.Error(w, err.Error(), http.StatusBadRequest)
			return
		}
		got := map[string]string{}
		for k, v := range r.Form {
			switch k {
			case "Action", "Version", "Format", "AccessKeyId", "SignatureMethod", "SignatureVersion",
				"SignatureNonce", "SignatureType", "Timestamp", "Signature", "SecurityToken":
			default:
				got[k] = v[0]
			}
		}
		mu.Lock()
		last = got
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"RequestId":"req-1"}`)
	}))
	t.Cleanup(hs.Close)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials("FAKEKEYID0000000", "fake-secret", ""),
		Region:      "cn-x", Endpoints: client.Endpoints{Override: hs.URL}, MaxAttempts: 1,
	})
	if err != nil {
		t.Fatal(err)
	}
	return c, func() map[string]string {
		mu.Lock()
		defer mu.Unlock()
		return last
	}
}

func TestDeclaredDeletesSendTheResourcesOwnValues(t *testing.T) {
	c, sent := recorder(t)
	fc := &FormCtx{Client: c}
	route := &model.Object{Kind: &model.Kind{Name: "route"}, Region: "cn-x", ID: "rte-1",
		Value: &model.RouteEntry{RouteEntryId: "rte-1", RouteTableId: "vtb-1", DestinationCidrBlock: "10.0.0.0/8"}}
	spec := deleteByValues(DeleteSpec{}, client.DeleteRouteEntry, "RouteTableId", "RouteEntryId")
	res, err := spec.Run(context.Background(), fc, route, "tok", false)
	if err != nil {
		t.Fatal(err)
	}
	// Only the named values: the destination is not sent, and the call
	// takes no token.
	if want := map[string]string{"RegionId": "cn-x", "RouteTableId": "vtb-1", "RouteEntryId": "rte-1"}; !reflect.DeepEqual(sent(), want) {
		t.Errorf("DeleteRouteEntry sent %v, want %v", sent(), want)
	}
	if spec.Action != "DeleteRouteEntry" || !res.Gone || res.Action != "DeleteRouteEntry" || res.ID != "rte-1" || res.RequestID != "req-1" || res.Ref != route {
		t.Errorf("spec action %q, submitted = %+v", spec.Action, res)
	}

	peer := &model.Object{Kind: &model.Kind{Name: "peer"}, Region: "cn-x", ID: "pcc-1", Value: &model.VpcPeerConnection{InstanceId: "pcc-1"}}
	spec = dryDeleteByID(DeleteSpec{}, "InstanceId", client.DeleteVpcPeerConnection)
	if _, err := spec.Run(context.Background(), fc, peer, "tok", true); err != nil {
		t.Fatal(err)
	}
	if want := map[string]string{"RegionId": "cn-x", "InstanceId": "pcc-1", "Force": "true", "ClientToken": "tok"}; !reflect.DeepEqual(sent(), want) {
		t.Errorf("DeleteVpcPeerConnection sent %v, want %v", sent(), want)
	}
	if err := spec.Dry(context.Background(), fc, peer, false); err != nil {
		t.Fatal(err)
	}
	// The dialog's token and force are not the dry run's (the client
	// derives a token of its own for a write sent without one).
	dry := sent()
	if tok := dry["ClientToken"]; tok == "tok" {
		t.Errorf("the dry run sent the delete's token")
	}
	delete(dry, "ClientToken")
	if want := map[string]string{"RegionId": "cn-x", "InstanceId": "pcc-1", "DryRun": "true"}; !reflect.DeepEqual(dry, want) {
		t.Errorf("dry run sent %v, want %v", dry, want)
	}
}

func TestCreatedRefusesAnAnswerWithoutTheNewID(t *testing.T) {
	m := &havipCreate{}
	_, err := created(&FormCtx{}, m, "havip", "HaVipId", nil, &client.CreateHaVipOutput{RequestId: "req-1"}, nil)
	if err == nil || !strings.Contains(err.Error(), "CreateHaVip answered without a HaVipId") {
		t.Errorf("err = %v", err)
	}
	boom := errors.New("boom")
	if _, err := created(&FormCtx{}, m, "havip", "HaVipId", nil, nil, boom); !errors.Is(err, boom) {
		t.Errorf("err = %v, want the call's", err)
	}
	if got := withArticle("Ipv6GatewayId"); got != "an Ipv6GatewayId" {
		t.Errorf("withArticle = %q", got)
	}
}

// A create whose answer names no new ID has nothing to follow: the peering
// and IPsec creates refuse it like every other create (they made their
// submitted from the answer's ID without looking).
func TestPeeringAndIpsecCreatesRefuseAnAnswerWithoutTheNewID(t *testing.T) {
	c, sent := recorder(t)
	fc := &FormCtx{Client: c, Region: "cn-x"}
	for _, tc := range []struct {
		m    Mutation
		want string
	}{
		{&PeerCreate{VpcID: "vpc-1", AcceptVpc: "vpc-2"}, "CreateVpcPeerConnection answered without an InstanceId"},
		{&IpsecForm{VpnID: "vpn-1", CgwID: "cgw-1", ikeLife: "86400", ipsecLife: "86400"}, "CreateVpnConnection answered without a VpnConnectionId"},
	} {
		res, err := tc.m.Submit(context.Background(), fc, "tok")
		if err == nil || err.Error() != tc.want || res != nil {
			t.Errorf("%s: res %+v, err %v; want %q", tc.m.Action(), res, err, tc.want)
		}
		if got := sent(); got["RegionId"] != "cn-x" {
			t.Errorf("%s: the call was not sent (%v)", tc.m.Action(), got)
		}
	}
}

// filled is a new value of the kind with every string field set to
// "<Field>-1", so each identifier the object carries is its own.
func filled(k *model.Kind) any {
	v := k.New()
	e := reflect.ValueOf(v).Elem()
	for i := 0; i < e.NumField(); i++ {
		if f := e.Field(i); f.Kind() == reflect.String && f.CanSet() {
			f.SetString(e.Type().Field(i).Name + "-1")
		}
	}
	return v
}

// Requests are filled by parameter name, so a renamed client field would
// drop the ID silently: every kind's delete must send its object's ID and
// region to the API.
func TestEveryDeclaredDeleteSendsItsObjectsID(t *testing.T) {
	c, sent := recorder(t)
	fc := &FormCtx{Client: c, Region: "cn-x"}
	checked := 0
	for _, k := range model.Default().Kinds() {
		del := OpsFor(k).Del
		if del == nil || del.Run == nil || k.New == nil || k.ID == nil {
			continue
		}
		v := filled(k)
		o := &model.Object{Kind: k, Region: "cn-x", ID: k.ID(v), Value: v}
		if _, err := del.Run(context.Background(), fc, o, "tok", false); err != nil {
			t.Errorf("%s: %s: %v", k.Name, del.Action, err)
			continue
		}
		// A composite ID (a BGP network's router:block) is sent as its parts.
		got, vals := sent(), []string{}
		for _, v := range got {
			vals = append(vals, v)
		}
		for _, part := range strings.Split(o.ID, ":") {
			if got["RegionId"] != "cn-x" || !slices.Contains(vals, part) {
				t.Errorf("%s: %s sent %v, want region cn-x and the ID %s", k.Name, del.Action, got, o.ID)
			}
		}
		checked++
	}
	if checked < 20 {
		t.Errorf("only %d kinds' deletes checked", checked)
	}
}

// host is the console around a form, as far as the kit needs it.
type host struct{}

func (host) Registry() *model.Registry                           { return model.Default() }
func (host) Regions() []string                                   { return nil }
func (host) PeerDecider(*model.VpcPeerConnection) (bool, string) { return false, "" }
func (host) UnknownCallerHint() string                           { return "" }
func (host) Now() time.Time                                      { return time.Time{} }

// Name-and-description edits are filled by parameter name as well, so a
// misspelt ID or name parameter would drop it silently: every kind's
// declared edit must start from the resource's name and send its ID, the
// new name and the new description.
func TestEveryDeclaredAttrEditSendsItsObjectsIDNameAndDescription(t *testing.T) {
	c, sent := recorder(t)
	checked := 0
	for _, k := range model.Default().Kinds() {
		edit := OpsFor(k).Edit
		if edit == nil || k.New == nil || k.ID == nil {
			continue
		}
		v := filled(k)
		o := &model.Object{Kind: k, Region: "cn-x", ID: k.ID(v), Value: v}
		fc := &FormCtx{Host: host{}, Client: c, Region: "cn-x", Target: o}
		m := edit(fc)
		e := reflect.ValueOf(m).Elem()
		if !strings.HasPrefix(e.Type().Name(), "AttrEdit[") {
			if e = e.FieldByName("AttrEdit"); !e.IsValid() {
				continue // a form of the family's own
			}
		}
		name, desc := e.FieldByName("Name"), e.FieldByName("Desc")
		if name.String() == "" || desc.String() == "" {
			t.Errorf("%s: the edit starts with name %q, description %q; want the resource's", k.Name, name.String(), desc.String())
		}
		name.SetString("edited-name")
		desc.SetString("edited description")
		res, err := m.Submit(context.Background(), fc, "tok")
		if err != nil {
			t.Errorf("%s: %s: %v", k.Name, m.Action(), err)
			continue
		}
		got, named, hasID := sent(), false, false
		for p, v := range got {
			named = named || strings.HasSuffix(p, "Name") && v == "edited-name"
			hasID = hasID || p != "ClientToken" && v == o.ID
		}
		if got["RegionId"] != "cn-x" || !hasID || !named || got["Description"] != "edited description" {
			t.Errorf("%s: %s sent %v, want region cn-x, the ID %s, the new name and description", k.Name, m.Action(), got, o.ID)
		}
		if res.Kind != k || res.ID != o.ID || res.RequestID != "req-1" || res.Unchanged {
			t.Errorf("%s: submitted = %+v", k.Name, res)
		}
		checked++
	}
	if checked < 11 {
		t.Errorf("only %d kinds' name-and-description edits checked", checked)
	}
}

// A gated change that is refused says why in its form and refuses to be
// sent; its title and action are its own.
func TestGatedChangesSayWhyTheyAreRefused(t *testing.T) {
	for _, c := range []struct {
		m             Mutation
		title, action string
		why           string
	}{
		{newHavipAssociate(&FormCtx{Target: &model.Object{ID: "havip-1", Value: &model.HaVip{HaVipId: "havip-1", Status: "Pending"}}}),
			"Associate HaVip havip-1", "AssociateHaVip", "havip-1 is Pending; only an Available or InUse HaVip can be associated"},
		{newRISpec(&FormCtx{Target: &model.Object{ID: "ri-1", Value: &model.RouterInterface{RouterInterfaceId: "ri-1", Role: model.RIAccepting, Spec: "Negative"}}}),
			"Upgrade spec of ri-1", "ModifyRouterInterfaceSpec", "ri-1 is the accepting side; its spec is Negative"},
		{newIpv6SpecChange(&model.Object{ID: "ipv6gw-1", Value: &model.Ipv6Gateway{Ipv6GatewayId: "ipv6gw-1", Status: "Pending", Spec: "Small"}}),
			"Upgrade IPv6 gateway ipv6gw-1", "ModifyIpv6GatewaySpec", "ipv6gw-1 is Pending; only an Available IPv6 gateway changes spec"},
		{natBwpChanger(natBwpSpec)(&FormCtx{Target: &model.Object{ID: "bwp-1", Value: &model.NatBandwidthPackage{BandwidthPackageId: "bwp-1", Status: "Pending"}}}),
			"Modify spec of bwp-1", "ModifyBandwidthPackageSpec", "bwp-1 is Pending; only an Available bandwidth package can change"},
		{natBwpChanger(natBwpAdd)(&FormCtx{Target: &model.Object{ID: "bwp-2", Value: &model.NatBandwidthPackage{BandwidthPackageId: "bwp-2", Status: "Available", BusinessStatus: "FinancialLocked"}}}),
			"Add IPs to bwp-2", "AddBandwidthPackageIps", "bwp-2 is overdue (FinancialLocked): settle the bill before changing it"},
		// The IPv6 bandwidth forms learn their refusal when they open (Prepare).
		{ipv6BandwidthRefused(true, "ipv6-1 is Pending; wait until it is Available"),
			"Allocate internet bandwidth to ipv6-1", "AllocateIpv6InternetBandwidth", "ipv6-1 is Pending; wait until it is Available"},
		{ipv6BandwidthRefused(false, "ipv6-1 has no internet bandwidth (x → Allocate internet bandwidth)"),
			"Change internet bandwidth of ipv6-1", "ModifyIpv6InternetBandwidth", "ipv6-1 has no internet bandwidth (x → Allocate internet bandwidth)"},
	} {
		if c.m.Title() != c.title || c.m.Action() != c.action {
			t.Errorf("title %q, action %q; want %q, %q", c.m.Title(), c.m.Action(), c.title, c.action)
		}
		if err := c.m.Check(&FormCtx{}); err == nil || err.Error() != c.why {
			t.Errorf("%s: Check = %v, want %q", c.title, err, c.why)
		}
		f := c.m.Form(&FormCtx{})
		f.Init()
		if v := f.View(); !strings.Contains(v, "Not possible now") || !strings.Contains(v, "✗ "+c.why[:20]) {
			t.Errorf("%s: the form does not say why:\n%s", c.title, v)
		}
	}
}

func ipv6BandwidthRefused(allocate bool, why string) Mutation {
	m := newIpv6Bandwidth(&model.Object{ID: "ipv6-1", Value: &model.Ipv6Address{Ipv6AddressId: "ipv6-1"}}, allocate).(*ipv6Bandwidth)
	m.Refuse = why
	return m
}

// A dry run that lost its DryRun parameter would delete: every kind's
// declared dry run must send DryRun=true with its object's ID.
func TestEveryDeclaredDryRunSendsDryRun(t *testing.T) {
	c, sent := recorder(t)
	fc := &FormCtx{Client: c, Region: "cn-x"}
	checked := 0
	for _, k := range model.Default().Kinds() {
		del := OpsFor(k).Del
		if del == nil || del.Dry == nil || k.New == nil || k.ID == nil {
			continue
		}
		v := filled(k)
		o := &model.Object{Kind: k, Region: "cn-x", ID: k.ID(v), Value: v}
		if err := del.Dry(context.Background(), fc, o, false); err != nil {
			t.Errorf("%s: dry %s: %v", k.Name, del.Action, err)
			continue
		}
		got, hasID := sent(), false
		for p, v := range got {
			hasID = hasID || p != "ClientToken" && v == o.ID
		}
		if got["DryRun"] != "true" || got["RegionId"] != "cn-x" || !hasID {
			t.Errorf("%s: the dry %s sent %v, want DryRun=true, region cn-x and the ID %s", k.Name, del.Action, got, o.ID)
		}
		checked++
	}
	if checked < 3 {
		t.Errorf("only %d kinds' dry runs checked", checked)
	}
}

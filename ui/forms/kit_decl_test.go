package forms

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

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

// recorded records the request a declared delete hands to the client.
func recorded[In any](got **In) func(*client.Client, context.Context, *In) (*client.Result, error) {
	return func(_ *client.Client, _ context.Context, in *In) (*client.Result, error) {
		*got = in
		return &client.Result{RequestId: "req-1"}, nil
	}
}

func TestDeclaredDeletesSendTheResourcesOwnValues(t *testing.T) {
	route := &model.Object{Kind: &model.Kind{Name: "route"}, Region: "cn-x", ID: "rte-1",
		Value: &model.RouteEntry{RouteEntryId: "rte-1", RouteTableId: "vtb-1", DestinationCidrBlock: "10.0.0.0/8"}}
	var in *client.DeleteRouteEntryInput
	spec := deleteByValues(DeleteSpec{Action: "DeleteRouteEntry"}, recorded(&in), "RouteTableId", "RouteEntryId")
	res, err := spec.Run(context.Background(), &FormCtx{}, route, "tok", false)
	if err != nil {
		t.Fatal(err)
	}
	// Only the named values: the destination is not sent, and the call
	// takes no token.
	if want := (client.DeleteRouteEntryInput{RegionId: "cn-x", RouteTableId: "vtb-1", RouteEntryId: "rte-1"}); !reflect.DeepEqual(*in, want) {
		t.Errorf("DeleteRouteEntryInput = %+v", *in)
	}
	if !res.Gone || res.Action != "DeleteRouteEntry" || res.ID != "rte-1" || res.RequestID != "req-1" || res.Ref != route {
		t.Errorf("submitted = %+v", res)
	}

	peer := &model.Object{Kind: &model.Kind{Name: "peer"}, Region: "cn-x", ID: "pcc-1", Value: &model.VpcPeerConnection{InstanceId: "pcc-1"}}
	var pin *client.DeleteVpcPeerConnectionInput
	spec = dryDeleteByID(DeleteSpec{Action: "DeleteVpcPeerConnection"}, "InstanceId", recorded(&pin))
	if _, err := spec.Run(context.Background(), &FormCtx{}, peer, "tok", true); err != nil {
		t.Fatal(err)
	}
	if *pin != (client.DeleteVpcPeerConnectionInput{RegionId: "cn-x", InstanceId: "pcc-1", Force: true, ClientToken: "tok"}) {
		t.Errorf("DeleteVpcPeerConnectionInput = %+v", *pin)
	}
	if err := spec.Dry(context.Background(), &FormCtx{}, peer, false); err != nil {
		t.Fatal(err)
	}
	if *pin != (client.DeleteVpcPeerConnectionInput{RegionId: "cn-x", InstanceId: "pcc-1", DryRun: true}) {
		t.Errorf("dry run: DeleteVpcPeerConnectionInput = %+v", *pin)
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

package sim

import (
	"testing"

	"github.com/alivpc/alivpc/model"
)

// fieldsOf reaches fields by name, through embedded structs (a stored VPN
// gateway embeds the API's item), under another parameter name and down a
// path of nested structs.
func TestFieldsOfReadsNamedEmbeddedAndNestedFields(t *testing.T) {
	nat := &record{Value: &model.NatGateway{NatGatewayId: "ngw-1", Status: "Available",
		NatGatewayPrivateInfo: model.NatGatewayPrivateInfo{IzNo: "cn-hangzhou-k"}}}
	f := fieldsOf(natOf, "Status", "ZoneId=NatGatewayPrivateInfo.IzNo")
	if got := f["Status"](nat); got != "Available" {
		t.Errorf("Status = %q, want Available", got)
	}
	if got := f["ZoneId"](nat); got != "cn-hangzhou-k" {
		t.Errorf("ZoneId = %q, want the zone of the private info", got)
	}
	gw := &record{Value: &vpnGatewayRec{VpnGateway: model.VpnGateway{VpnGatewayId: "vpn-1"}}}
	if got := fieldsOf(vpnOf, "VpnGatewayId")["VpnGatewayId"](gw); got != "vpn-1" {
		t.Errorf("VpnGatewayId through the embedded item = %q, want vpn-1", got)
	}
}

// A name that is no string field is a mistake in a declaration: it stops
// the package at initialisation instead of silently filtering nothing.
func TestFieldsOfRefusesAMisspelledField(t *testing.T) {
	for _, name := range []string{"Statuss", "ZoneId=NatGatewayPrivateInfo.Zone", "NatGatewayPrivateInfo"} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("fieldsOf(natOf, %q) was accepted", name)
				}
			}()
			fieldsOf(natOf, name)
		}()
	}
}

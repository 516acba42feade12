package main

import (
	"encoding/json"
	"testing"

	"github.com/alivpc/alivpc/client/sim"
)

// DescribeRouteTableList lists VRouter tables unless told RouterType=VBR
// (seed 003 §8.2): `get rt --parent vbr-…` still shows the VBR's table,
// and the unscoped listing only the VPCs' tables.
func TestGetRouteTablesOfAVbr(t *testing.T) {
	e := newGetEnv(t, sim.DatasetDemo, nil)
	vbrs, stderr, code := e.get("vbr", "-o", "json")
	if code != 0 {
		t.Fatalf("get vbr: exit %d: %s", code, stderr)
	}
	ids := jsonIDs(t, vbrs, "VbrId")
	if len(ids) == 0 {
		t.Fatal("no VBR in the demo's cn-hangzhou")
	}
	out, stderr, code := e.get("rt", "--parent", ids[0], "-o", "json")
	if code != 0 {
		t.Fatalf("get rt --parent %s: exit %d: %s", ids[0], code, stderr)
	}
	var tables []struct{ RouteTableId, RouterId, RouterType string }
	if err := json.Unmarshal([]byte(out), &tables); err != nil {
		t.Fatalf("%v: %.300s", err, out)
	}
	if len(tables) != 1 || tables[0].RouterId != ids[0] || tables[0].RouterType != "VBR" {
		t.Fatalf("the VBR's route tables: %+v", tables)
	}
	all, stderr, code := e.get("rt", "-o", "json")
	if code != 0 {
		t.Fatalf("get rt: exit %d: %s", code, stderr)
	}
	var rows []struct{ RouteTableId, RouterType string }
	if err := json.Unmarshal([]byte(all), &rows); err != nil || len(rows) == 0 {
		t.Fatalf("%v: %.300s", err, all)
	}
	for _, r := range rows {
		if r.RouterType != "VRouter" || r.RouteTableId == tables[0].RouteTableId {
			t.Errorf("unscoped get rt lists %+v", r)
		}
	}
}

package ui

import (
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The VRouter pane edits a VRouter's name and description
// (ModifyVRouterAttribute): what the simulator holds afterwards is what
// was typed, on the VRouter that was selected.
func TestVRouterEditRenamesTheSelectedVRouter(t *testing.T) {
	d := newDriver(t, nil)
	d.idle()
	vpcs, err := d.api().DescribeVpcs(d.ctx, &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "prod-core"})
	if err != nil || len(vpcs) != 1 {
		t.Fatalf("prod-core: %v %+v", err, vpcs)
	}
	want := vpcs[0].VRouterId
	d.pane("vrouter")
	o := d.rowWhere("the VRouter of prod-core", func(o *model.Object) bool { return o.ID == want })
	old := o.Val().(*model.VRouter)
	mark := len(d.fault.actions())
	d.keys("e")
	d.formPage()
	d.replaceField("Name", old.VRouterName, "core-edge-router")
	d.replaceField("Description", old.Description, "Routes prod-core")
	d.tracked("ModifyVRouterAttribute")
	if n := countAction(d.sentSince(mark), "ModifyVRouterAttribute"); n != 1 {
		t.Fatalf("ModifyVRouterAttribute sent %d times, want 1", n)
	}
	got, err := d.api().DescribeVRouters(d.ctx, &client.DescribeVRoutersInput{RegionId: "cn-hangzhou", VRouterId: want})
	if err != nil || len(got) != 1 {
		t.Fatalf("DescribeVRouters %s: %v %+v", want, err, got)
	}
	if got[0].VRouterName != "core-edge-router" || got[0].Description != "Routes prod-core" {
		t.Errorf("the simulator holds %q / %q, want what was typed", got[0].VRouterName, got[0].Description)
	}
	d.waitText("core-edge-router")
}

package ui

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// `c` in an all-regions pane creates in the selected row's region, says so
// in the form's title, and the simulator receives that region.
func TestCreateFromAllRegionsUsesTheRowsRegion(t *testing.T) {
	d := consoleOn(t, "vsw all")
	row := d.rowWhere("a VSwitch outside cn-hangzhou", func(o *model.Object) bool {
		return o.Region != "" && o.Region != "cn-hangzhou"
	})
	region := row.Region
	p := d.openForm("c")
	d.waitText("Create VSwitch · region " + region + " (the selected row's region)")
	if p.fc.Region != region {
		t.Fatalf("the form acts in %s, the selected row is in %s", p.fc.Region, region)
	}
	if header := strings.SplitN(d.screen(), "\n", 2)[0]; !strings.Contains(header, "region "+region) {
		t.Errorf("the header should name the form's region %s: %s", region, header)
	}
	d.next("VPC", "Zone", "CIDR block")
	d.waitFocus("Name")
	d.typeText("from-all-regions")
	d.next("Name", "Description")
	d.tracked("CreateVSwitch")

	c := d.api()
	got, err := client.DescribeVSwitches.Call(d.ctx, c, &client.DescribeVSwitchesInput{RegionId: region, VSwitchName: "from-all-regions"})
	if err != nil || len(got) != 1 || !strings.HasPrefix(got[0].ZoneId, region) {
		t.Fatalf("no VSwitch from-all-regions in %s: %v %+v", region, err, got)
	}
	home, err := client.DescribeVSwitches.Call(d.ctx, c, &client.DescribeVSwitchesInput{RegionId: "cn-hangzhou", VSwitchName: "from-all-regions"})
	if err != nil || len(home) != 0 {
		t.Fatalf("the VSwitch was created in the header's region cn-hangzhou: %v %+v", err, home)
	}
}

// Every form's title names the region it acts in.
func TestFormTitleNamesItsRegion(t *testing.T) {
	d := newConsole(t)
	d.openForm("c")
	s := d.waitText("Create VPC · region cn-hangzhou")
	if strings.Contains(s, "selected row") {
		t.Errorf("a form in the pane's own region needs no explanation:\n%s", s)
	}
	d.keys("esc")
	// An edit form too, of another kind, and in another region.
	d.pane("vsw cn-shanghai")
	o := d.rowWhere("a VSwitch", func(o *model.Object) bool { return o.Kind.Name == "vsw" })
	d.openForm("e")
	d.waitText("Edit VSwitch " + o.ID + " · region cn-shanghai")
}

// When STS cannot be asked, the header says the account is unknown and the
// peering actions are offered with that caveat: the API decides.
func TestUnknownAccountFallsBackToTheAPI(t *testing.T) {
	d := newConsole(t)
	d.process(callerMsg{err: &client.APIError{HTTPStatus: 403, Code: "Forbidden.RAM", RequestID: "REQ-STS"}})
	d.waitText("acct ?")
	d.pane("peer")
	d.rowWhere("a peering", func(o *model.Object) bool { return o.Kind.Name == "peer" })
	d.keys("x")
	d.waitFor("a menu", func() bool { return d.app.menu != nil })
	var hints []string
	for _, it := range d.app.menu.items {
		hints = append(hints, it.label+": "+it.hint)
	}
	got := strings.Join(hints, "\n")
	if !strings.Contains(got, "Accept: ") || !strings.Contains(got, "Reject: ") || !strings.Contains(got, "GetCallerIdentity failed: Forbidden.RAM") {
		t.Fatalf("with the account unknown, Accept and Reject should be offered with the reason:\n%s", got)
	}
}

func TestAccountLabelWidths(t *testing.T) {
	a := &App{caller: caller{done: true, account: "1398712340005678"}}
	if got := a.accountLabel(160); got != "account 1398712340005678" {
		t.Errorf("wide: %q", got)
	}
	if got := a.accountLabel(80); got != "acct …5678" {
		t.Errorf("narrow: %q", got)
	}
	if got := (&App{}).accountLabel(160); got != "" {
		t.Errorf("while the call is in flight the header says nothing: %q", got)
	}
}

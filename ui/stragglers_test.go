package ui

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// The VRouter pane edits a VRouter's name and description
// (ModifyVRouterAttribute): what the simulator holds afterwards is what
// was typed, on the VRouter that was selected.
func TestVRouterEditRenamesTheSelectedVRouter(t *testing.T) {
	d := newConsole(t)
	vpcs, err := client.DescribeVpcs.Call(d.ctx, d.api(), &client.DescribeVpcsInput{RegionId: "cn-hangzhou", VpcName: "prod-core"})
	exactlyOne(t, "prod-core", vpcs, err)
	want := vpcs[0].VRouterId
	d.pane("vrouter")
	o := d.rowWhere("the VRouter of prod-core", func(o *model.Object) bool { return o.ID == want })
	old := o.Val().(*model.VRouter)
	mark := len(d.fault.actions())
	d.openForm("e")
	d.replaceField("Name", old.VRouterName, "core-edge-router")
	d.replaceField("Description", old.Description, "Routes prod-core")
	d.tracked("ModifyVRouterAttribute")
	if n := countAction(d.sentSince(mark), "ModifyVRouterAttribute"); n != 1 {
		t.Fatalf("ModifyVRouterAttribute sent %d times, want 1", n)
	}
	got, err := client.DescribeVRouters.Call(d.ctx, d.api(), &client.DescribeVRoutersInput{RegionId: "cn-hangzhou", VRouterId: want})
	exactlyOne(t, "DescribeVRouters "+want, got, err)
	if got[0].VRouterName != "core-edge-router" || got[0].Description != "Routes prod-core" {
		t.Errorf("the simulator holds %q / %q, want what was typed", got[0].VRouterName, got[0].Description)
	}
	d.waitText("core-edge-router")
}

// x → Download configuration on an IPsec connection shows the customer
// gateway's configuration with the pre-shared key masked, and s saves it —
// key included — to a file of mode 0600; an existing file is never
// overwritten and the typed name stays for another try.
func TestIpsecConfigurationViewerMasksAndSavesPrivately(t *testing.T) {
	d := consoleOn(t, "ipsec")
	o := d.rowWhere("an IPsec connection", func(o *model.Object) bool { return true })
	cfg, err := client.DownloadVpnConnectionConfig.Call(d.ctx, d.api(), &client.VpnConnectionInput{RegionId: o.Region, VpnConnectionId: o.ID})
	if err != nil {
		t.Fatalf("DownloadVpnConnectionConfig: %v", err)
	}
	psk := cfg.VpnConnectionConfig.IkeConfig.Psk
	if len(psk) < 4 {
		t.Fatalf("the demo connection %s has no pre-shared key to hide", o.ID)
	}
	mark := len(d.fault.actions())
	d.action("Download configuration")
	s := d.waitText("IPsec configuration "+o.ID, `"Psk": "****"`, cfg.VpnConnectionConfig.RemoteSubnet)
	if strings.Contains(s, psk) {
		t.Fatal("the viewer shows the pre-shared key unmasked")
	}
	if n := countAction(d.sentSince(mark), "DownloadVpnConnectionConfig"); n != 1 {
		t.Fatalf("DownloadVpnConnectionConfig sent %d times, want 1", n)
	}

	dir := t.TempDir()
	path := filepath.Join(dir, "fw.json")
	d.keys("s")
	d.waitText("save to: " + o.ID + "-config.json")
	d.keys("ctrl+u")
	d.typeText(path)
	d.keys("enter")
	d.waitText("Saved to " + path)
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("the file was not written: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the file has mode %v, want 0600", st.Mode().Perm())
	}
	body, _ := os.ReadFile(path)
	var saved client.VpnConnectionConfig
	if err := json.Unmarshal(body, &saved); err != nil {
		t.Fatalf("the saved file is not the API's JSON document: %v", err)
	}
	if saved.IkeConfig.Psk != psk || saved.RemoteSubnet != cfg.VpnConnectionConfig.RemoteSubnet {
		t.Error("the saved file does not hold the configuration as the API returned it (key included)")
	}

	// Saving again under the same name refuses and keeps the file.
	if err := os.WriteFile(path, []byte("mine"), 0o600); err != nil {
		t.Fatal(err)
	}
	d.keys("s")
	d.keys("enter")
	s = d.waitText("exists; type another name")
	if !strings.Contains(s, "save to: "+path) {
		t.Errorf("the typed name should stay for another try:\n%s", s)
	}
	if b, _ := os.ReadFile(path); string(b) != "mine" {
		t.Error("an existing file was overwritten")
	}
	if strings.Contains(d.screen(), psk) {
		t.Fatal("the pre-shared key reached the screen")
	}
}

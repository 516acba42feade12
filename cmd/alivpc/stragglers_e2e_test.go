package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var colourSGR = regexp.MustCompile(`\x1b\[[0-9;]*(38|48);`)

// TestE2EConfigViewerAndCharts walks issue 14's stragglers in the real
// binary at 80x24 without colour: x → Download configuration on an IPsec
// connection shows it with the pre-shared key masked and saves it to a new
// file of mode 0600 (key included); describe of an EIP charts its last
// hour with axes and units; the VRouter pane offers its edit.
func TestE2EConfigViewerAndCharts(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	tm := startTerm(t, termOpts{w: 80, h: 24, argv: simArgs(dir), env: []string{"NO_COLOR=1"}})
	tm.waitPane("VPCs")

	tm.command("ipsec")
	tm.waitPane("IPsec Connections")
	id := firstID(tm.screen(), "vco-")
	tm.burst("x")
	tm.waitText("Download configuration")
	tm.burst("Enter")
	viewer := tm.waitText("IPsec configuration "+id, `"Psk": "****"`)
	path := filepath.Join(dir, "vco.json")
	tm.burst("s", "C-u", path, "Enter")
	tm.waitText("Saved to")
	st, err := os.Stat(path)
	if err != nil {
		t.Fatalf("no file: %v", err)
	}
	if st.Mode().Perm() != 0o600 {
		t.Errorf("the saved configuration has mode %v, want 0600", st.Mode().Perm())
	}
	body, _ := os.ReadFile(path)
	var saved struct{ IkeConfig struct{ Psk string } }
	if err := json.Unmarshal(body, &saved); err != nil || len(saved.IkeConfig.Psk) < 4 || saved.IkeConfig.Psk == "****" {
		t.Fatalf("the saved file does not hold the key as the API returned it (%v)", err)
	}
	if strings.Contains(viewer, saved.IkeConfig.Psk) || strings.Contains(tm.screen(), saved.IkeConfig.Psk) {
		t.Fatal("the pre-shared key reached the screen")
	}
	if colourSGR.MatchString(tm.screenANSI()) {
		t.Error("NO_COLOR: the viewer draws colours")
	}

	tm.keys("Escape")
	tm.command("eip")
	tm.waitPane("Elastic IPs")
	filterTo(tm, "name:prod-core-egress-1", 1)
	tm.burst("d")
	s := tm.waitText("Out (sent), bits per second", "-60m", "now", "bit/s ┤")
	for _, l := range strings.Split(s, "\n") {
		if n := len([]rune(l)); n > 80 {
			t.Errorf("a line of %d columns at 80: %q", n, l)
		}
	}
	if colourSGR.MatchString(tm.screenANSI()) {
		t.Error("NO_COLOR: the charts draw colours")
	}

	tm.keys("Escape")
	tm.command("vrouter")
	tm.waitPane("VRouters")
	tm.burst("e")
	tm.waitText("Edit VRouter vrt-", "Name", "Description")
	tm.keys("Escape")
	tm.waitPane("VRouters")
	tm.quit()
}

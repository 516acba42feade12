package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// TestE2ESnapshot takes a snapshot of the demo with the real binary
// (`alivpc get all --sim --region all -o json > snap.json`), opens it with
// `alivpc --snapshot snap.json`, and walks it: the header says SNAPSHOT,
// its time and the account instead of the endpoint; panes open, a VPC
// drills down to its VSwitches, describe shows the object (its pre-shared
// key masked), every change key is refused with a message, and nothing is
// written to the audit log.
func TestE2ESnapshot(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	snapPath := filepath.Join(dir, "snap.json")
	f, err := os.Create(snapPath)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(binary(t), "get", "all", "--sim", "--seed", "1", "--region", "all", "-o", "json",
		"--config", filepath.Join(dir, "none.yaml"))
	cmd.Env = []string{"HOME=" + dir, "PATH=" + os.Getenv("PATH"), "ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"}
	var errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = f, &errb
	err = cmd.Run()
	f.Close()
	if err != nil || !strings.Contains(errb.String(), "get all: ") {
		t.Fatalf("get all: %v\n%s", err, errb.String())
	}

	audit := filepath.Join(dir, "audit.log")
	tm := startConsole(t, 120, 40, "--snapshot", snapPath, "--config", filepath.Join(dir, "none.yaml"), "--audit-log", audit)
	s, rows := tm.waitPane("VPCs")
	head := strings.Split(tm.waitText("acct …5678"), "\n")[0]
	if !strings.Contains(head, "SNAPSHOT 20") || !strings.Contains(head, "snap.json") || strings.Contains(head, "127.0.0.1") || rows != 4 {
		t.Fatalf("header %q, %d rows:\n%s", head, rows, s)
	}

	vpc := firstID(rowWith(s, "prod-core"), "vpc-")
	drill(tm, "name:prod-core", "VSwitches")
	crumb := "VSwitches of " + vpc + " (prod-core)"
	s, rows = tm.waitPane(crumb)
	if rows != 6 || !strings.Contains(s, "prod-core") {
		t.Fatalf("prod-core's VSwitches: %d rows\n%s", rows, s)
	}
	tm.keys("d")
	tm.waitText("VSwitch vsw-", `"VSwitchId"`, `"CidrBlock"`)
	tm.keys("Escape")
	tm.waitPane(crumb)
	// Every change key is refused with a message and opens nothing. The
	// message stays up for seconds, so a wait after the first key would see
	// the earlier one: no Escape in between instead, and keys are handled in
	// order, so had any opened a form, a dialog or a menu, the `:` command
	// below would be typed into it and its prompt never show.
	for _, key := range []string{"c", "e", "C-d", "x"} {
		tm.keys(key)
		tm.waitText("Snapshot: read-only, changes are disabled")
	}

	tm.command("route")
	if s, rows := tm.waitPane("Route Entries"); rows < 10 {
		t.Fatalf("route entries: %d rows\n%s", rows, s)
	}
	tm.command("ipsec")
	tm.waitPane("IPsec Connections")
	tm.keys("d")
	s = tm.waitText("IPsec connection vco-", `"Psk": "****"`)
	tm.keys("Escape")
	tm.quit()
	if b, err := os.ReadFile(audit); err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	} else if len(b) > 0 {
		t.Errorf("the audit log has lines on a snapshot:\n%s", b)
	}
}

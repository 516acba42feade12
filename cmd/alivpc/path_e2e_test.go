package main

import (
	"strings"
	"testing"
)

// realPath runs the built `alivpc path` against the simulator the console
// in tm is using; it returns stdout and the exit status.
func realPath(t *testing.T, tm *term, region, from, to string) (string, int) {
	t.Helper()
	out, _, code := againstSim(t, tm, "path", "--from", from, "--to", to, "--region", region)
	return out, code
}

// TestE2EPath walks :path in the real binary: a reachable path (NAT with
// its SNAT entry), enter on the SNAT hop opens the SNAT pane with it
// selected, esc comes back; an unreachable one (no SNAT entry) names
// where and why; both give what `alivpc path` gives on the same simulator.
func TestE2EPath(t *testing.T) {
	t.Parallel()
	tm := startDemo(t, t.TempDir(), 120, 40)

	tm.command("path 10.0.1.5 8.8.8.8")
	s := tm.waitText("reachable — leaves for 8.8.8.8/32 as", "SNAT entry")
	out, code := realPath(t, tm, "cn-hangzhou", "10.0.1.5", "8.8.8.8")
	headline := strings.SplitN(out, "\n", 2)[0]
	if code != 0 || !strings.Contains(s, strings.TrimPrefix(headline, "10.0.1.5 → 8.8.8.8/32: ")) {
		t.Fatalf("alivpc path exited %d with %q; the console shows:\n%s", code, headline, s)
	}
	snat := firstID(rowWith(s, "SNAT entry"), "snat-")
	tm.keys("G")
	tm.waitText("hop 5 SNAT entry " + snat)
	tm.keys("Enter")
	// The pane itself, loaded: the path screen names the entry too.
	waitDrilled(tm, "SNAT Entries")
	tm.waitText(snat)
	// The selected row is the hop's entry: describe shows it.
	tm.keys("d")
	tm.waitText(`"SnatEntryId": "` + snat + `"`)
	tm.keys("Escape")
	waitDrilled(tm, "SNAT Entries")
	tm.keys("Escape")
	tm.waitText("reachable — leaves for 8.8.8.8/32 as")

	tm.command("path 10.40.3.5 8.8.8.8 cn-beijing")
	s = tm.waitText("unreachable — SNAT missing", "hop 5 SNAT entry")
	out, code = realPath(t, tm, "cn-beijing", "10.40.3.5", "8.8.8.8")
	if code != 1 || !strings.Contains(out, "unreachable — SNAT missing") {
		t.Fatalf("alivpc path exited %d:\n%s\nthe console shows:\n%s", code, out, s)
	}
	tm.keys("d")
	tm.waitText("This hop has no resource to describe.")
	tm.quit()
}

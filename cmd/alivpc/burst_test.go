package main

// Ordered input in the real binary: each form is filled by ONE tmux
// send-keys carrying every key, Enters included (a fast typist, a paste,
// an ssh packet with several keystrokes). The test then reads back what the
// simulator holds, through `alivpc get` against the console's own
// simulator, and asserts exactly the typed values.

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// burst sends every key in one send-keys: tmux key names (Enter, Down,
// C-u, Escape) and literal text mixed.
func (tm *term) burst(keys ...string) {
	tm.t.Helper()
	tm.must(append([]string{"send-keys", "-t", "t"}, keys...)...)
}

var endpointRe = regexp.MustCompile(`http://127\.0\.0\.1:\d+`)

// againstSim runs the built binary with args against the console's
// simulator (its endpoint read off the header, its credentials, no config
// file) and returns stdout, stderr and the exit status.
func againstSim(t *testing.T, tm *term, args ...string) (string, string, int) {
	t.Helper()
	ep := endpointRe.FindString(strings.Split(tm.screen(), "\n")[0])
	if ep == "" {
		t.Fatalf("no simulator endpoint in the header:\n%s", tm.screen())
	}
	home := t.TempDir()
	cmd := exec.Command(binary(t), append(args, "--endpoint", ep, "--config", filepath.Join(home, "none.yaml"))...)
	cmd.Env = []string{"HOME=" + home, "PATH=" + os.Getenv("PATH"),
		"ALIBABA_CLOUD_ACCESS_KEY_ID=alivpc-sim", "ALIBABA_CLOUD_ACCESS_KEY_SECRET=alivpc-sim-secret",
		"ALIBABA_CLOUD_ECS_METADATA_DISABLED=true"}
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	var ee *exec.ExitError
	if err := cmd.Run(); err != nil && !errors.As(err, &ee) {
		t.Fatal(err)
	}
	return out.String(), errb.String(), cmd.ProcessState.ExitCode()
}

// simGet lists a kind from the console's simulator with `alivpc get`, as
// the API now holds it.
func simGet(t *testing.T, tm *term, kind string, extra ...string) []map[string]any {
	t.Helper()
	args := append([]string{"get", kind, "-o", "json", "--region", "cn-hangzhou"}, extra...)
	out, stderr, code := againstSim(t, tm, args...)
	if code != 0 {
		t.Fatalf("alivpc %s: exit %d\n%s", strings.Join(args, " "), code, stderr)
	}
	var objs []map[string]any
	if err := json.Unmarshal([]byte(out), &objs); err != nil {
		t.Fatalf("alivpc get %s: %v\n%s", kind, err, out)
	}
	return objs
}

// only returns the one object whose field key is value.
func only(t *testing.T, objs []map[string]any, key, value string) map[string]any {
	t.Helper()
	var found []map[string]any
	for _, o := range objs {
		if o[key] == value {
			found = append(found, o)
		}
	}
	if len(found) != 1 {
		t.Fatalf("%d objects with %s=%q, want 1: %v", len(found), key, value, objs)
	}
	return found[0]
}

// want checks fields of an object the API returned.
func want(t *testing.T, o map[string]any, kv ...string) {
	t.Helper()
	for i := 0; i+1 < len(kv); i += 2 {
		if got, _ := o[kv[i]].(string); got != kv[i+1] {
			t.Errorf("%s = %q, want %q (typed in one burst)", kv[i], got, kv[i+1])
		}
	}
}

func TestE2EBurstVPCCreate(t *testing.T) {
	t.Parallel()
	for _, sz := range sizes {
		t.Run(fmt.Sprintf("%dx%d", sz.w, sz.h), func(t *testing.T) {
			t.Parallel()
			tm := startDemo(t, t.TempDir(), sz.w, sz.h)
			// Name, CIDR (the fourth option: a custom block), the block,
			// description, then the defaults of the rest.
			tm.burst("c", "burst-vpc", "Enter", "Down", "Down", "Down", "Enter", "10.77.0.0/16", "Enter",
				"typed fast", "Enter", "Enter", "Enter", "Enter")
			tm.waitFor("burst-vpc in the table", func(s string) bool { return strings.Contains(rowWith(s, "burst-vpc"), "10.77.0.0/16") })
			if sz.w < 100 {
				tm.resize(120, 40) // the endpoint shows in the header
				tm.waitText("http://127.0.0.1:")
			}
			v := only(t, simGet(t, tm, "vpc"), "VpcName", "burst-vpc")
			want(t, v, "CidrBlock", "10.77.0.0/16", "Description", "typed fast")
			tm.quit()
		})
	}
}

func TestE2EBurstVSwitchCreateAndTypedDelete(t *testing.T) {
	t.Parallel()
	tm := startDemo(t, t.TempDir(), 120, 40)
	drill(tm, "name:prod-core", "VSwitches")
	pane := "VSwitches of " + prodVPC + " (prod-core)"
	tm.waitPane(pane)
	// Zone (the first), CIDR replaced, name, description (submits).
	tm.burst("c", "Enter", "C-u", "10.0.77.0/24", "Enter", "burst-vsw", "Enter", "vsw typed fast", "Enter")
	s := tm.waitFor("burst-vsw in the table", func(s string) bool { return strings.Contains(rowWith(s, "burst-vsw"), "10.0.77.0/24") })
	id := firstID(rowWith(s, "burst-vsw"), "vsw-")
	v := only(t, simGet(t, tm, "vsw", "--parent", prodVPC), "VSwitchName", "burst-vsw")
	want(t, v, "VSwitchId", id, "CidrBlock", "10.0.77.0/24", "Description", "vsw typed fast", "VpcId", prodVPC, "ZoneId", "cn-hangzhou-b")

	// The typed-ID delete, in one burst with the key that opens it: the
	// Enter is applied even though it arrives while the dialog still counts
	// what depends on the VSwitch.
	tm.waitFor("burst-vsw Available", func(s string) bool { return strings.Contains(rowWith(s, "burst-vsw"), "Available") })
	filterTo(tm, "name:burst-vsw", 1)
	tm.burst("C-d", id, "Enter")
	tm.waitText(id + " deleted")
	tm.waitFor("the VSwitch to be gone", func(s string) bool {
		return len(simGet(t, tm, "vsw", "--parent", prodVPC)) == prodVSwitch
	})
	for _, o := range simGet(t, tm, "vsw", "--parent", prodVPC) {
		if o["VSwitchId"] == id {
			t.Fatalf("%s still exists", id)
		}
	}
	tm.quit()
}

func TestE2EBurstRouteEntry(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "rt", "Route Tables")
	rt := firstID(drill(tm, "name:"+prodRTName, "Route Entries"), "vtb-")
	tm.waitPane("Route Entries of " + rt + " (" + prodRTName + ")")
	// Destination, next hop type (NAT gateway, the first), the NAT (the
	// first), name, description, then Create on the review page.
	tm.burst("c", "192.168.77.0/24", "Enter", "Enter", "Enter", "burst-route", "Enter", "route typed fast", "Enter", "Enter")
	tm.waitFor("the new route in the table", func(s string) bool { return strings.Contains(rowWith(s, "192.168.77.0/24"), "burst-route") })
	r := only(t, simGet(t, tm, "route", "--parent", rt), "DestinationCidrBlock", "192.168.77.0/24")
	want(t, r, "RouteEntryName", "burst-route", "Description", "route typed fast")
	hops, _ := json.Marshal(r["NextHops"])
	if !strings.Contains(string(hops), `"NextHopType":"NatGateway"`) || !strings.Contains(string(hops), `"NextHopId":"ngw-`) {
		t.Errorf("next hops %s, want the NAT gateway", hops)
	}
	tm.quit()
}

func TestE2EBurstIpsecTwoCIDRs(t *testing.T) {
	t.Parallel()
	// A customer gateway of its own, filled in one burst too.
	tm := openPane(t, t.TempDir(), "cgw", "Customer Gateways")
	tm.burst("c", "203.0.113.99", "Enter", "Enter", "burst-cgw", "Enter", "Enter")
	s := tm.waitFor("burst-cgw in the table", func(s string) bool { return strings.Contains(rowWith(s, "burst-cgw"), "203.0.113.99") })
	cgw := firstID(rowWith(s, "burst-cgw"), "cgw-")
	tm.command("vpn")
	tm.waitPane("VPN Gateways")
	vpn := firstID(drill(tm, "name:prod-core-vpn", "IPsec Connections"), "vpn-")
	pane := "IPsec Connections of " + vpn + " (prod-core-vpn)"
	tm.waitPane(pane)
	// Customer gateway (filtered to ours), name, the two CIDR fields the
	// issue saw mixed up, then every IKE and IPsec default, then Create on
	// the review page.
	keys := []string{"c", "/", "burst-cgw", "Enter", "burst-ipsec", "Enter", "10.30.0.0/16", "Enter", "10.30.5.0/24", "Enter", "Enter"}
	for range 13 + 1 {
		keys = append(keys, "Enter")
	}
	tm.burst(keys...)
	tm.waitFor("burst-ipsec in the table", func(s string) bool {
		_, ok := loaded(s, pane)
		return ok && strings.Contains(s, "burst-ipsec")
	})
	c := only(t, simGet(t, tm, "ipsec"), "Name", "burst-ipsec")
	want(t, c, "LocalSubnet", "10.30.0.0/16", "RemoteSubnet", "10.30.5.0/24", "CustomerGatewayId", cgw)
	tm.quit()
}

func TestE2EBurstDNATEntry(t *testing.T) {
	t.Parallel()
	tm := openPane(t, t.TempDir(), "nat", "NAT Gateways")
	ngw := firstID(drill(tm, "name:prod-core-nat", "DNAT Entries"), "ngw-")
	tm.waitPane("DNAT Entries of " + ngw + " (prod-core-nat)")
	// External IP (the one offered first), protocol TCP, the two ports and
	// the internal IP, name.
	tm.burst("c", "Enter", "Enter", "8081", "Enter", "10.0.1.25", "Enter", "80", "Enter", "burst-dnat", "Enter")
	tm.waitFor("burst-dnat in the table", func(s string) bool { return strings.Contains(rowWith(s, "burst-dnat"), "10.0.1.25") })
	e := only(t, simGet(t, tm, "dnat", "--parent", ngw), "ForwardEntryName", "burst-dnat")
	want(t, e, "ExternalPort", "8081", "InternalIp", "10.0.1.25", "InternalPort", "80", "IpProtocol", "tcp")
	tm.quit()
}

// Esc and the next key typed quickly reach the console as one alt+key:
// both are applied, so `/prod` Esc `:vsw` Enter in one burst clears the
// filter and opens the VSwitches.
func TestE2EBurstEscThenCommand(t *testing.T) {
	t.Parallel()
	tm := startDemo(t, t.TempDir(), 120, 40)
	tm.burst("/", "prod", "Escape", ":", "vsw", "Enter")
	tm.waitFor("the VSwitches pane", func(s string) bool {
		n, ok := loaded(s, "VSwitches")
		return ok && n > 0
	})
	tm.quit()
}

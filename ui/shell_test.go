package ui

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// A row seen in a transitional phase is polled with targeted describe
// calls until it settles, without a refresh or a key.
func TestTransitionalRowsArePolledUntilSettled(t *testing.T) {
	d := newDriver(t)
	d.command("vsw")
	d.idle()
	other := otherClient(t, d)
	if _, err := client.CreateVSwitch.Call(context.Background(), other, &client.CreateVSwitchInput{RegionId: "cn-hangzhou", VpcId: vpcNamed(d, "staging"),
		ZoneId: "cn-hangzhou-b", CidrBlock: "10.10.50.0/24", VSwitchName: "watch-me-settle"}); err != nil {
		t.Fatal(err)
	}
	d.keys("ctrl+r")
	d.idle()
	d.waitFor("the new VSwitch, Pending", func() bool { return regexpLine(d.screen(), "watch-me-settle", "Pending") })
	before := len(d.fault.actions())
	d.waitFor("it to settle with no key pressed", func() bool {
		d.advance(time.Second)
		return regexpLine(d.screen(), "watch-me-settle", "Available")
	})
	describes := 0
	for _, a := range d.fault.actions()[before:] {
		switch a {
		case "DescribeVSwitchAttributes":
			describes++
		case "DescribeVSwitches":
			t.Errorf("settling used a relist, not a targeted describe")
		}
	}
	if describes == 0 {
		t.Error("no targeted describe call was made")
	}
}

func TestConfigFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	os.WriteFile(path, []byte("refresh: 30s\nskin: light\nregion: cn-shanghai\nreadOnly: true\nkeys:\n  delete: [ctrl+x]\n"), 0o600)
	c, err := LoadConfig(path)
	noErr(t, err)
	if d, _ := c.RefreshInterval(); d != 30*time.Second || c.Skin != "light" || c.Region != "cn-shanghai" || !c.ReadOnly || c.Keys["delete"][0] != "ctrl+x" {
		t.Errorf("%+v", c)
	}
	if c, err := LoadConfig(filepath.Join(dir, "missing.yaml")); err != nil || c.Skin != "" {
		t.Error("a missing config file is an empty config")
	}
	for name, body := range map[string]string{
		"unknown field": "refesh: 10s\n",
		"bad duration":  "refresh: often\n",
		"not yaml":      "keys: [[[\n",
	} {
		p := filepath.Join(dir, strings.ReplaceAll(name, " ", "_")+".yaml")
		os.WriteFile(p, []byte(body), 0o600)
		if _, err := LoadConfig(p); err == nil || !strings.Contains(err.Error(), p) {
			t.Errorf("%s: want an error naming the file, got %v", name, err)
		}
	}
	if c, err := LoadConfig(writeFile(t, dir, "empty.yaml", "")); err != nil || c.Refresh != "" {
		t.Errorf("an empty file is an empty config: %v", err)
	}
}

func writeFile(t *testing.T, dir, name, body string) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestRefreshFloor(t *testing.T) {
	d := newDriver(t, func(_ *sim.Options, o *Options) { o.Refresh = 500 * time.Millisecond })
	if d.app.opt.Refresh != MinRefresh {
		t.Errorf("refresh %s is below the 2s floor", d.app.opt.Refresh)
	}
}

// A few thousand random keys, pastes and resizes across every pane must
// never panic or draw outside the window.
func TestRandomKeysNeverPanic(t *testing.T) {
	for _, readOnly := range []bool{true, false} {
		t.Run(fmt.Sprintf("readonly=%v", readOnly), func(t *testing.T) { randomKeys(t, readOnly) })
	}
}

func randomKeys(t *testing.T, readOnly bool) {
	d := newConsole(t, func(_ *sim.Options, o *Options) { o.ReadOnly = readOnly })
	rng := rand.New(rand.NewPCG(7, 11))
	keys := []string{"up", "down", "pgup", "pgdown", "home", "end", "enter", "esc", "tab", "backspace", "left", "right",
		"/", ":", "?", "d", "y", "t", "o", "<", ">", "1", "3", "9", "g", "G", "j", "k", "n", "N", "x", "c", "e", "ctrl+d", "ctrl+r",
		"a", "v", "s", "w", "space"}
	sizes := [][2]int{{120, 40}, {80, 24}, {59, 11}, {200, 60}, {61, 13}}
	kinds := []string{"vpc", "vsw", "rt", "route", "nat", "gw", "flowlog", "region", "bgppeer", "peer"}
	for i := 0; i < 1500; i++ {
		switch r := rng.IntN(100); {
		case r < 3:
			s := sizes[rng.IntN(len(sizes))]
			d.resize(s[0], s[1])
		case r < 6:
			d.process(tea.PasteMsg{Content: "vpc-\x1b[31mpaste\n"})
		case r < 9:
			if d.app.prompt == nil && d.app.menu == nil {
				d.command(kinds[rng.IntN(len(kinds))])
			}
		default:
			k := keys[rng.IntN(len(keys))]
			if k == "q" {
				continue
			}
			d.keys(k)
		}
		d.drain()
		s := d.screen()
		w := d.app.width
		for _, l := range strings.Split(s, "\n") {
			if visibleWidth(l) > w {
				t.Fatalf("step %d: a line is wider than %d:\n%q", i, w, l)
			}
		}
		if d.quit {
			t.Fatal("a random key quit the console")
		}
		if !readOnly && i%50 == 0 {
			d.advance(2 * time.Second) // let created resources settle
		}
	}
}

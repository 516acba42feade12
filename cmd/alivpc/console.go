package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	tea "charm.land/bubbletea/v2"

	"github.com/alivpc/alivpc/theme"
	"github.com/alivpc/alivpc/ui"
)

const consoleSynopsis = `
alivpc — a terminal console for Alibaba Cloud VPC networking.

Usage:
  alivpc [flags]              the console on your account (credentials as the aliyun CLI finds them)
  alivpc --sim [flags]        the console on the embedded API simulator (no account needed)
  alivpc sim [flags]          serve the simulator over HTTP for other clients and SDKs
  alivpc get KIND [flags]     list resources without the console (table, json or csv)
  alivpc version              print the version
  alivpc help COMMAND         help for sim or get

In the console press ? for every key, : for commands (:vpc :vsw :rt :route :nat :snat :dnat :eip
:vpn :cgw :ipsec :vbr :bgp :bgppeer :bgpnet :peer :flowlog :gw :region), / to filter.

Config file: ` + "`config.yaml`" + ` in the user config directory (e.g. ~/.config/alivpc/config.yaml):
refresh, skin, region, readOnly and keys (action: [keys]). Flags override it.
Environment: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, ALIBABA_CLOUD_PROFILE,
ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_CONFIG_FILE, ALIBABA_CLOUD_CREDENTIALS_FILE,
ALIBABA_CLOUD_ECS_METADATA_DISABLED, NO_COLOR, HTTPS_PROXY.
`

func runConsole(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("alivpc", flag.ContinueOnError)
	var cf connFlags
	var sf simFlags
	cf.register(fs)
	sf.register(fs, false)
	useSim := fs.Bool("sim", false, "run against the embedded simulator (demo dataset by default); shows a SIMULATOR badge")
	readOnly := fs.Bool("readonly", false, "read-only for this run: every create, edit, delete and action is removed")
	refresh := fs.Duration("refresh", 0, "live refresh interval (default 10s, never below 2s)")
	skin := fs.String("skin", "", "colour skin: dark, light or high-contrast (default dark)")
	configPath := fs.String("config", ui.DefaultConfigPath(), "config file")
	auditLog := fs.String("audit-log", defaultAuditLog(), "append every mutation (time, profile, region, action, parameters without secrets, RequestId, outcome) to `FILE`")
	command := fs.String("command", "vpc", "first pane, as a : command (e.g. \"vsw\", \"region\", \"vpc all\")")
	if err := parseFlags(fs, args, stderr, consoleSynopsis, ""); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usageError("unexpected argument %q; run alivpc --help", fs.Arg(0))
	}
	cfg, err := ui.LoadConfig(*configPath)
	if err != nil {
		return usageError("%v", err)
	}
	interval, _ := cfg.RefreshInterval()
	if *refresh != 0 {
		interval = *refresh
	}
	if interval != 0 && interval < ui.MinRefresh {
		fmt.Fprintf(stderr, "alivpc: refresh %s is below the 2s floor; using 2s\n", interval)
		interval = ui.MinRefresh
	}
	skinName := firstNonEmpty(*skin, cfg.Skin)
	if _, err := theme.Lookup(skinName); err != nil {
		return usageError("%v", err)
	}
	conn, err := connect(&cf, *useSim, &sf, cfg.Region)
	if err != nil {
		return err
	}
	defer conn.close()

	var audit io.Writer
	if *auditLog != "" && !*readOnly && !cfg.ReadOnly {
		f, err := openAppend(*auditLog)
		if err != nil {
			fmt.Fprintf(stderr, "alivpc: audit log %s: %v (mutations will not be recorded)\n", *auditLog, err)
		} else {
			defer f.Close()
			audit = f
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	tuneMemory(ctx)
	app, err := ui.New(ui.Options{
		Client: conn.client, Region: conn.region, Profile: conn.profile, Simulator: conn.simulator,
		ReadOnly: *readOnly || cfg.ReadOnly, Refresh: interval, Skin: skinName, NoColor: os.Getenv("NO_COLOR") != "",
		Keys: cfg.Keys, Start: *command, AuditLog: audit, Context: ctx,
	})
	if err != nil {
		return err
	}
	defer app.Close()
	p := tea.NewProgram(app, tea.WithContext(ctx))
	if _, err := p.Run(); err != nil && err != tea.ErrProgramKilled {
		return err
	}
	return nil
}

// defaultAuditLog is $XDG_STATE_HOME/alivpc/audit.log (or
// ~/.local/state/alivpc/audit.log).
func defaultAuditLog() string {
	if d := os.Getenv("XDG_STATE_HOME"); d != "" {
		return filepath.Join(d, "alivpc", "audit.log")
	}
	home, err := os.UserHomeDir()
	if err != nil {
		return ""
	}
	return filepath.Join(home, ".local", "state", "alivpc", "audit.log")
}

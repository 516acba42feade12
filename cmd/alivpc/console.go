package main

import (
	"cmp"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"

	tea "charm.land/bubbletea/v2"
	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
	"github.com/alivpc/alivpc/ui"
)

const consoleSynopsis = `alivpc — a terminal console for Alibaba Cloud VPC networking.

  alivpc [flags]              the console on your account (credentials as the aliyun CLI finds them)
  alivpc --sim [flags]        the console on the embedded API simulator (no account needed)
  alivpc --snapshot FILE      the console, read-only, on a snapshot written by alivpc get all -o json

In the console press ? for every key, : for commands (:vpc :vsw :rt :route :nat :snat :dnat :eip
:vpn :cgw :ipsec :vbr :bgp :bgppeer :bgpnet :peer :flowlog :gw :region), / to filter.

Config file: ` + "`config.yaml`" + ` in the user config directory (e.g. ~/.config/alivpc/config.yaml):
refresh, skin, region, readOnly and keys (action: [keys]). Flags override it.
Environment: ALIBABA_CLOUD_ACCESS_KEY_ID / _SECRET / _SECURITY_TOKEN, ALIBABA_CLOUD_PROFILE,
ALIBABA_CLOUD_REGION_ID, ALIBABA_CLOUD_CONFIG_FILE, ALIBABA_CLOUD_CREDENTIALS_FILE,
ALIBABA_CLOUD_ECS_METADATA_DISABLED, NO_COLOR, HTTPS_PROXY.`

// consoleOptions are the console's flags.
type consoleOptions struct {
	cf                connFlags
	sf                simFlags
	useSim, readOnly  bool
	refresh           time.Duration
	skin, configPath  string
	auditLog, command string
	snapshot          string
}

func (o *consoleOptions) register(fs *pflag.FlagSet) {
	o.cf.register(fs)
	o.sf.register(fs, false)
	fs.BoolVar(&o.useSim, "sim", false, "run against the embedded simulator (demo dataset by default); shows a SIMULATOR badge")
	fs.BoolVar(&o.readOnly, "readonly", false, "read-only for this run: every create, edit, delete and action is removed")
	fs.DurationVar(&o.refresh, "refresh", 0, "live refresh interval (default 10s, never below 2s)")
	fs.StringVar(&o.skin, "skin", "", "colour `SKIN`: dark, light or high-contrast (default dark)")
	fs.StringVar(&o.configPath, "config", ui.DefaultConfigPath(), "config `FILE`")
	fs.StringVar(&o.auditLog, "audit-log", defaultAuditLog(), "append every mutation (time, profile, region, action, parameters without secrets, RequestId, outcome) to `FILE`")
	fs.StringVar(&o.snapshot, "snapshot", "", "open the console, read-only, on a snapshot `FILE` written by alivpc get all -o json")
	fs.StringVar(&o.command, "command", "vpc", "first pane, as a : `COMMAND` (e.g. \"vsw\", \"region\", \"vpc all\")")
}

func runConsole(o *consoleOptions, stdout, stderr io.Writer) error {
	cfg, err := ui.LoadConfig(o.configPath)
	if err != nil {
		return usageError("%v", err)
	}
	interval, _ := cfg.RefreshInterval()
	if o.refresh != 0 {
		interval = o.refresh
	}
	if interval != 0 && interval < ui.MinRefresh {
		fmt.Fprintf(stderr, "alivpc: refresh %s is below the 2s floor; using 2s\n", interval)
		interval = ui.MinRefresh
	}
	skinName := cmp.Or(o.skin, cfg.Skin)
	if _, err := theme.Lookup(skinName); err != nil {
		return usageError("--skin: %v", err)
	}
	if err := checkCommand(model.Default(), o.command); err != nil {
		return err
	}
	var conn *connection
	if o.snapshot != "" {
		conn, err = connectSnapshot(o, cfg.Region)
	} else {
		conn, err = connect(&o.cf, o.useSim, &o.sf, cfg.Region)
	}
	if err != nil {
		return err
	}
	defer conn.close()

	var audit io.Writer
	if o.auditLog != "" && !o.readOnly && !cfg.ReadOnly && o.snapshot == "" {
		f, err := openAppend(o.auditLog)
		if err != nil {
			fmt.Fprintf(stderr, "alivpc: audit log %s: %v (mutations will not be recorded)\n", o.auditLog, err)
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
		ReadOnly: o.readOnly || cfg.ReadOnly, Refresh: interval, Skin: skinName, NoColor: os.Getenv("NO_COLOR") != "",
		Keys: cfg.Keys, Start: o.command, AuditLog: audit, Context: ctx,
		Snapshot: conn.snapshot, SnapshotFile: conn.snapshotFile,
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

// builtinCommands are the : commands that are not kinds.
var builtinCommands = []string{"help", "activity", "quit"}

var regionRe = regexp.MustCompile(`^[a-z]{2,}-[a-z0-9]+(-[a-z0-9]+)*$`)

// checkCommand refuses a --command the console would not understand,
// before anything starts, listing what it does understand. It reads the
// command as the console's : prompt does: a kind or alias, then a parent
// ID, a region, all, or /filter.
func checkCommand(reg *model.Registry, line string) error {
	fields := strings.Fields(line)
	if len(fields) == 0 {
		return usageError("--command is empty; give a : command such as vpc, vsw all or region cn-shanghai")
	}
	name := strings.ToLower(strings.TrimPrefix(fields[0], ":"))
	switch name {
	case "q", "q!", "quit", "exit", "help", "h", "?", "activity", "tray":
		return nil
	}
	k, ok := reg.Lookup(name)
	if !ok {
		var names []string
		for _, k := range reg.Kinds() {
			names = append(names, k.Name)
		}
		return usageError("--command %q: unknown command %q; commands: %s (alivpc get --help lists their aliases)",
			line, fields[0], strings.Join(append(names, builtinCommands...), ", "))
	}
	for _, arg := range fields[1:] {
		switch pk := ui.KindOfID(arg); {
		case strings.HasPrefix(arg, "/"), arg == "all":
		case pk != "":
			if _, ok := k.ScopeFor(pk); !ok && !k.IsUnion() {
				return usageError("--command %q: %s cannot be scoped by a %s (%s)", line, k.Title, reg.MustLookup(pk).Singular, arg)
			}
		case regionRe.MatchString(arg):
		default:
			return usageError("--command %q: %q is neither a parent ID (vpc-…), a region (cn-shanghai), all, nor /filter", line, arg)
		}
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

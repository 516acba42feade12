package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/theme"
)

// newRoot builds the command tree: the console itself (alivpc [flags]),
// get, sim, version, and cobra's completion and help commands.
func newRoot(stdout, stderr io.Writer) *cobra.Command {
	var co consoleOptions
	root := &cobra.Command{
		Use:           "alivpc",
		Short:         "A terminal console for Alibaba Cloud VPC networking",
		Long:          consoleSynopsis,
		Version:       versionString(),
		Args:          noArgs("", "commands: get, path, sim, version, completion, help"),
		SilenceUsage:  true,
		SilenceErrors: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConsole(&co, stdout, stderr)
		},
	}
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetVersionTemplate("alivpc {{.Version}}\n")
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return usageError("%v (%s --help lists the flags)", err, c.CommandPath())
	})
	co.register(root.Flags())
	completeFlags(root)

	var gopt getOptions
	get := &cobra.Command{
		Use:   "get KIND",
		Short: "List resources without the console (table, json or csv)",
		Long:  getHelp(),
		// KIND is checked with the other arguments, so that every
		// mistake says the same thing whatever the order of the flags.
		Args:              cobra.ArbitraryArgs,
		Example:           getExamples,
		ValidArgsFunction: completeKind,
		RunE: func(cmd *cobra.Command, args []string) error {
			return runGet(&gopt, args, stdout, stderr)
		},
	}
	gopt.register(get.Flags())
	completeFlags(get)

	var sopt simOptions
	simc := &cobra.Command{
		Use:   "sim",
		Short: "Serve the API simulator over HTTP for other clients and SDKs",
		Long:  simSynopsis,
		Args:  noArgs("sim ", ""),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSim(&sopt, stdout)
		},
	}
	sopt.register(simc.Flags())
	completeFlags(simc)

	version := &cobra.Command{
		Use:   "version",
		Short: "Print the version",
		Args:  noArgs("version ", ""),
		Run: func(cmd *cobra.Command, args []string) {
			fmt.Fprintln(stdout, "alivpc "+versionString())
		},
	}
	root.AddCommand(get, simc, version, pathCommand(stdout, stderr))
	return root
}

// noArgs refuses positional arguments with a usage error.
func noArgs(command, hint string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) == 0 {
			return nil
		}
		if command == "" {
			return usageError("unknown command %q; %s (alivpc --help)", args[0], hint)
		}
		return usageError("unexpected argument %q (alivpc %s--help)", args[0], command)
	}
}

// normalizeArgs turns the single-dash long flags the standard flag package
// accepted (-sim, -region=cn-shanghai, -version) into pflag's --sim, so
// older scripts keep working. Only names of long flags of the command being
// run are touched; values and everything after "--" are left alone.
func normalizeArgs(root *cobra.Command, args []string) []string {
	cmd, _, err := root.Find(args)
	if err != nil || cmd == nil {
		cmd = root
	}
	cmd.InitDefaultHelpFlag()
	cmd.InitDefaultVersionFlag()
	fs := cmd.Flags()
	out := make([]string, 0, len(args))
	for i := 0; i < len(args); i++ {
		a := args[i]
		out = append(out, a)
		if a == "--" {
			return append(out, args[i+1:]...)
		}
		if !strings.HasPrefix(a, "-") || a == "-" {
			continue
		}
		name, _, hasValue := strings.Cut(strings.TrimLeft(a, "-"), "=")
		var f *pflag.Flag
		switch {
		case strings.HasPrefix(a, "--") && len(name) == 1 && fs.Lookup(name) == nil && fs.ShorthandLookup(name) != nil:
			f = fs.ShorthandLookup(name) // --o json, as the flag package took it
			out[len(out)-1] = a[1:]
		case strings.HasPrefix(a, "--"):
			f = fs.Lookup(name)
		case len(name) > 1 && fs.Lookup(name) != nil:
			f = fs.Lookup(name)
			out[len(out)-1] = "-" + a
		case len(name) == 1:
			f = fs.ShorthandLookup(name)
		}
		// A flag that takes a value takes the next argument as it is.
		if f != nil && f.NoOptDefVal == "" && !hasValue && i+1 < len(args) {
			i++
			out = append(out, args[i])
		}
	}
	return out
}

// ---- completion ----

// completeKind offers the kinds (and their aliases) for `get KIND`.
func completeKind(cmd *cobra.Command, args []string, toComplete string) ([]string, cobra.ShellCompDirective) {
	if len(args) > 0 {
		return nil, cobra.ShellCompDirectiveNoFileComp
	}
	out := kindCompletions(toComplete)
	if strings.HasPrefix("all", strings.ToLower(toComplete)) {
		out = append(out, "all\tevery kind, one JSON document (a snapshot)")
	}
	return out, cobra.ShellCompDirectiveNoFileComp
}

// kindCompletions offers the kinds' names that start with prefix; their
// aliases only when no name does (vswi → vswitch, vswitches).
func kindCompletions(prefix string) []string {
	prefix = strings.ToLower(prefix)
	var names, aliases []string
	for _, k := range model.Default().Kinds() {
		if strings.HasPrefix(k.Name, prefix) {
			names = append(names, k.Name+"\t"+k.Title)
		}
		for _, a := range k.Aliases {
			if strings.HasPrefix(a, prefix) {
				aliases = append(aliases, a+"\t"+k.Title)
			}
		}
	}
	if len(names) > 0 {
		return names
	}
	return aliases
}

// flagValues are the fixed choices of flags, offered by completion.
var flagValues = map[string][]string{
	"output":    {"table\taligned columns", "json\tthe API's objects, one array", "csv\ta header row, then one row per resource"},
	"skin":      theme.Names(),
	"dataset":   {"demo\trealistic", "empty", "large\t25 regions, 100,000+ resources"},
	"signature": {"v3\tACS3-HMAC-SHA256", "v1\tHMAC-SHA1"},
	"network":   {"public", "vpc\tVPC-internal endpoints"},
	"method":    {"POST", "GET"},
}

// regionIDs are Alibaba Cloud's public regions, offered for --region.
var regionIDs = []string{
	"cn-qingdao", "cn-beijing", "cn-zhangjiakou", "cn-huhehaote", "cn-wulanchabu", "cn-hangzhou",
	"cn-shanghai", "cn-nanjing", "cn-fuzhou", "cn-shenzhen", "cn-heyuan", "cn-guangzhou", "cn-chengdu",
	"cn-hongkong", "ap-northeast-1", "ap-northeast-2", "ap-southeast-1", "ap-southeast-3",
	"ap-southeast-5", "ap-southeast-6", "ap-southeast-7", "us-east-1", "us-west-1", "eu-west-1",
	"eu-central-1", "me-east-1", "me-central-1",
}

// completeFlags registers value completion for every flag of cmd that has
// known values; flags naming files keep the shell's file completion.
func completeFlags(cmd *cobra.Command) {
	fixed := func(values []string) cobra.CompletionFunc {
		return func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return withPrefix(values, toComplete), cobra.ShellCompDirectiveNoFileComp
		}
	}
	dynamic := map[string]cobra.CompletionFunc{
		"region": func(c *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			out := append([]string(nil), regionIDs...)
			if c.Name() == "get" {
				out = append(out, "all\tevery region")
			}
			return withPrefix(out, toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		"profile": func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return withPrefix(profileNames(), toComplete), cobra.ShellCompDirectiveNoFileComp
		},
		"command": func(_ *cobra.Command, _ []string, toComplete string) ([]string, cobra.ShellCompDirective) {
			return kindCompletions(toComplete), cobra.ShellCompDirectiveNoFileComp
		},
	}
	cmd.Flags().VisitAll(func(f *pflag.Flag) {
		fn, ok := dynamic[f.Name]
		if v, has := flagValues[f.Name]; has {
			fn, ok = fixed(v), true
		}
		if ok {
			_ = cmd.RegisterFlagCompletionFunc(f.Name, fn)
		}
	})
}

// withPrefix keeps the completions ("word\tdescription") that start with
// prefix.
func withPrefix(values []string, prefix string) []string {
	var out []string
	for _, v := range values {
		if strings.HasPrefix(v, prefix) {
			out = append(out, v)
		}
	}
	return out
}

// profileNames lists the profiles of the aliyun CLI's config
// ($ALIBABA_CLOUD_CONFIG_FILE or ~/.aliyun/config.json), the current one
// first; nothing when there is none.
func profileNames() []string {
	path := strings.TrimSpace(os.Getenv("ALIBABA_CLOUD_CONFIG_FILE"))
	if path == "" {
		home, err := os.UserHomeDir()
		if err != nil {
			return nil
		}
		path = filepath.Join(home, ".aliyun", "config.json")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var cfg struct {
		Current  string `json:"current"`
		Profiles []struct {
			Name   string `json:"name"`
			Mode   string `json:"mode"`
			Region string `json:"region_id"`
		} `json:"profiles"`
	}
	if json.Unmarshal(b, &cfg) != nil {
		return nil
	}
	var out []string
	for _, p := range cfg.Profiles {
		if p.Name == "" {
			continue
		}
		desc := strings.TrimSpace(p.Mode + " " + p.Region)
		if p.Name == cfg.Current {
			desc = strings.TrimSpace("current " + desc)
			out = append([]string{p.Name + "\t" + desc}, out...)
			continue
		}
		out = append(out, p.Name+"\t"+desc)
	}
	return out
}

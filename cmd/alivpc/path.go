package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/model"
	"github.com/alivpc/alivpc/model/netpath"
)

const pathSynopsis = `alivpc path — can SOURCE reach DEST, and if not, where and why not.

SOURCE is a VSwitch ID or an IP address inside a VSwitch; DEST an IPv4/IPv6 address or CIDR block.
alivpc lists the route tables, NAT, VPN, peering, router interface and VBR resources of --region
(and of the regions its peerings and router interfaces lead to), then walks the path hop by hop:
the source VSwitch's route table (its custom table, else the VPC's system table), the longest
prefix match and its status, the next hop resolved (SNAT entry, IPsec connection, peer VPC, VBR
and BGP sessions, IPv6 gateway, HaVip), the verdict, and the return path checked the same way.

Output: table (the verdict, then one row per hop) or json (-o json: the whole analysis).
Exit status: 0 reachable; 1 unreachable (the verdict says where and why); 2 usage error (a
source or destination that cannot be analysed included); 3 when the resources could not be
listed (the API error on stderr).`

const pathExamples = `  alivpc path --from vsw-xxx --to 8.8.8.8
  alivpc path --from 10.0.1.5 --to 10.20.8.10 -o json
  alivpc path --sim --from 10.0.1.5 --to 172.20.1.1`

type pathOptions struct {
	connOptions
	from, to string
	output   string
}

func (o *pathOptions) register(fs *pflag.FlagSet) {
	o.connOptions.register(fs, "analyse on")
	fs.StringVar(&o.from, "from", "", "the source: a VSwitch `ID` or an IP address inside one")
	fs.StringVar(&o.to, "to", "", "the destination: an IPv4/IPv6 `ADDRESS` or CIDR block")
	fs.StringVarP(&o.output, "output", "o", "table", "output `FORMAT`: table or json")
}

func pathCommand(stdout, stderr io.Writer) *cobra.Command {
	var o pathOptions
	cmd := &cobra.Command{
		Use:     "path --from SOURCE --to DEST",
		Short:   "Path analysis: can SOURCE reach DEST, hop by hop",
		Long:    pathSynopsis,
		Example: pathExamples,
		Args:    noArgs("path ", "name the ends with --from and --to"),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runPath(&o, stdout, stderr)
		},
	}
	o.register(cmd.Flags())
	completeFlags(cmd)
	return cmd
}

func runPath(o *pathOptions, stdout, stderr io.Writer) error {
	if o.from == "" || o.to == "" {
		return usageError("path: give both --from SOURCE and --to DEST")
	}
	if o.output != "table" && o.output != "json" {
		return usageError("path: -o %q: use table or json", o.output)
	}
	all := strings.EqualFold(o.cf.region, "all")
	if all {
		o.cf.region = ""
	}
	// A path is always analysed from a region: cn-hangzhou when neither
	// the flags nor the config name one, as with all regions.
	conn, err := o.connectFor(true)
	if err != nil {
		return err
	}
	defer conn.close()
	ctx, stop := interruptible()
	defer stop()
	reg := model.Default()
	regions := []string{conn.region}
	if all {
		if regions, err = listRegions(ctx, conn.client, reg); err != nil {
			return &exitError{code: 3, err: err} // "listing the regions: …"
		}
	}
	objs, _, lerr := conn.client.PathInventory(ctx, reg, regions)
	if errors.Is(ctx.Err(), context.Canceled) {
		return interrupted()
	}
	if lerr != nil && len(objs) == 0 {
		return &exitError{code: 3, err: fmt.Errorf("listing the resources a path needs: %w", lerr)}
	}
	res, err := netpath.New(objs).Home(regions...).Trace(o.from, o.to)
	if err != nil {
		return usageError("path: %v", err)
	}
	if o.output == "json" {
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(res)
	} else {
		_, err = io.WriteString(stdout, res.Text())
	}
	if err != nil {
		return fmt.Errorf("writing the output: %w", err)
	}
	if lerr != nil {
		fmt.Fprintf(stderr, "alivpc: some resources could not be listed, the answer may be incomplete: %v\n", lerr)
	}
	if !res.Reachable {
		why := res.Forward.Reason
		if res.Forward.Reachable && res.Return != nil {
			why = res.Return.Reason + " on the return path"
		}
		return &exitError{code: 1, err: errors.New("unreachable: " + why)}
	}
	return nil
}

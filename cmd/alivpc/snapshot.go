package main

import (
	"cmp"
	"fmt"
	"path/filepath"
	"slices"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// connectSnapshot builds a client that reads a snapshot (alivpc get all -o
// json) through client.SnapshotServer on a loopback port: the console runs
// on it unchanged, and the server refuses every change.
func connectSnapshot(o *consoleOptions, cfgRegion string) (*connection, error) {
	if o.useSim || o.cf.endpoint != "" || o.cf.profile != "" {
		return nil, usageError("--snapshot reads a file: it cannot be combined with --sim, --endpoint or --profile")
	}
	snap, err := client.ReadSnapshotFile(o.snapshot)
	if err != nil {
		return nil, fmt.Errorf("--snapshot: %w", err)
	}
	url, stop, err := serveSim(client.NewSnapshotServer(snap), "127.0.0.1:0", sim.DefaultServeLimits(), 0)
	if err != nil {
		return nil, fmt.Errorf("--snapshot: %w", err)
	}
	region := snapshotRegion(snap, o.cf.region, cfgRegion)
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials("alivpc-snapshot-reader", "alivpc-snapshot-reader-key-5f2c9e", ""),
		Region:      region, Endpoints: client.Endpoints{Override: url},
		UserAgent: "alivpc/" + versionString(),
	})
	if err != nil {
		stop()
		return nil, err
	}
	return &connection{client: c, region: region, close: stop,
		snapshot:     snap.Taken.UTC().Format("2006-01-02 15:04 UTC"),
		snapshotFile: filepath.Base(o.snapshot)}, nil
}

// snapshotRegion is the console's first region: --region, else the config's
// region when the snapshot has it, else the snapshot's region with the
// most resources.
func snapshotRegion(s *client.Snapshot, flag, cfg string) string {
	if flag != "" {
		return flag
	}
	if cfg != "" && slices.Contains(s.Regions, cfg) {
		return cfg
	}
	counts := map[string]int{}
	best := ""
	for _, it := range s.Items {
		if it.Region == "" {
			continue
		}
		counts[it.Region]++
		if best == "" || counts[it.Region] > counts[best] {
			best = it.Region
		}
	}
	if best == "" && len(s.Regions) > 0 {
		best = s.Regions[0]
	}
	return cmp.Or(best, "cn-hangzhou")
}

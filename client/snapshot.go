package client

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/alivpc/alivpc/model"
)

// SnapshotFormat identifies an inventory document (`alivpc get all -o
// json`).
const SnapshotFormat = "alivpc-snapshot/1"

// SnapshotHeader opens the document, before the items.
type SnapshotHeader struct {
	Format  string    `json:"format"`
	Account string    `json:"account"` // STS GetCallerIdentity's AccountId; "" if it failed
	Taken   time.Time `json:"taken"`   // when the inventory started
	Regions []string  `json:"regions"`
	// SecretsShown is set when --show-secrets left the secret fields in.
	SecretsShown bool `json:"secretsShown"`
}

// SnapshotItem is one resource: its kind, its region ("" for global kinds),
// the parent parameters it was listed under (kinds listed only under a
// parent: RouteTableId, SnatTableId, ...), and the object exactly as the
// API returned it (secrets masked unless SecretsShown).
type SnapshotItem struct {
	Kind   string            `json:"kind"`
	Region string            `json:"region,omitempty"`
	Scope  map[string]string `json:"scope,omitempty"`
	Object json.RawMessage   `json:"object"`
	// Extras are the answers of the kind's per-object extra calls, by
	// action (a region's service status), for the calls that answered.
	Extras map[string]json.RawMessage `json:"extras,omitempty"`
}

// SnapshotSummary closes the document, after the items.
type SnapshotSummary struct {
	Finished time.Time      `json:"finished"`
	Seconds  float64        `json:"seconds"`
	Calls    int            `json:"calls"`
	Counts   map[string]int `json:"counts"` // kind → resources
	// Missing names every listing that failed and its error: the document
	// lacks what they would have listed.
	Missing []string `json:"missing"`
}

// Snapshot is a whole document.
type Snapshot struct {
	SnapshotHeader
	Items []SnapshotItem `json:"items"`
	SnapshotSummary
}

// ReadSnapshot reads and checks a document.
func ReadSnapshot(r io.Reader) (*Snapshot, error) {
	var s Snapshot
	dec := json.NewDecoder(r)
	if err := dec.Decode(&s); err != nil {
		return nil, fmt.Errorf("not an alivpc snapshot (alivpc get all -o json): %v", err)
	}
	if s.Format != SnapshotFormat {
		return nil, fmt.Errorf("not an alivpc snapshot: format %q, want %q (alivpc get all -o json writes one)", s.Format, SnapshotFormat)
	}
	reg := model.Default()
	for i, it := range s.Items {
		if _, ok := reg.Lookup(it.Kind); !ok {
			return nil, fmt.Errorf("snapshot item %d: unknown kind %q", i, it.Kind)
		}
		// The decoder has checked the document's syntax, the objects'
		// included; an object must still be one.
		if len(it.Object) == 0 || it.Object[0] != '{' {
			return nil, fmt.Errorf("snapshot item %d (%s): the object is not a JSON object", i, it.Kind)
		}
	}
	return &s, nil
}

// ReadSnapshotFile reads the document at path.
func ReadSnapshotFile(path string) (*Snapshot, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	s, err := ReadSnapshot(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return s, nil
}

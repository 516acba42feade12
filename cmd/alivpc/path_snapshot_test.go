package main

import (
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/alivpc/alivpc/client"
)

// A snapshot of the same data gives the same paths: `get all` of the demo
// (on the frozen clock of the golden scenarios), served read-only as
// --snapshot does, answers every scenario exactly as the live simulator
// did (testdata/paths).
func TestPathOnASnapshotGivesTheSameAnswers(t *testing.T) {
	env := newPathEnv(t)
	doc, stderr, code := env.get("all", "--region", "all", "-o", "json")
	if code != 0 {
		t.Fatalf("get all: exit %d: %s", code, stderr)
	}
	snap, err := client.ReadSnapshot(strings.NewReader(doc))
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(client.NewSnapshotServer(snap))
	defer srv.Close()
	onSnap := *env
	onSnap.url = srv.URL
	for _, sc := range pathScenarios {
		t.Run(sc.name, func(t *testing.T) {
			out, errOut, code := onSnap.path("--from", sc.from, "--to", sc.to, "--region", sc.region)
			want, err := os.ReadFile(filepath.Join("testdata", "paths", sc.name+".txt"))
			if err != nil {
				t.Fatal(err)
			}
			if out != string(want) {
				t.Fatalf("on the snapshot (exit %d, %s):\n%s\nlive:\n%s", code, errOut, out, want)
			}
		})
	}
}

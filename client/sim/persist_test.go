package sim

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

func TestStatePersistsAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "state.json")
	clock := NewManualClock(wallTime)
	now := func() time.Time { return wallTime }
	h := newHarness(t, Options{StatePath: path, Clock: clock, Now: now})
	id := h.createVpc("VpcName", "survivor", "CidrBlock", "10.9.0.0/16")
	// Renamed, and a demo VPC deleted (Deleting, due later).
	prod := h.ok("DescribeVpcs", kv("RegionId", hz, "VpcName", "dev-sandbox")).items("Vpcs", "Vpc")[0]["VpcId"].(string)
	sws := h.ok("DescribeVSwitches", kv("RegionId", hz, "VpcId", prod)).items("VSwitches", "VSwitch")
	for _, sw := range sws {
		h.ok("DeleteVSwitch", kv("VSwitchId", sw["VSwitchId"].(string)))
	}
	h.ok("DeleteVpc", kv("RegionId", hz, "VpcId", prod))
	if err := h.srv.Close(); err != nil {
		t.Fatalf("Close: %v", err)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no state file: %v", err)
	}
	leftovers, _ := filepath.Glob(path + ".tmp-*")
	if len(leftovers) != 0 {
		t.Errorf("temporary files left: %v", leftovers)
	}

	again := newHarness(t, Options{StatePath: path, Clock: clock, Now: now, Dataset: DatasetEmpty})
	attr := again.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id))
	if attr.str("VpcName") != "survivor" || attr.str("Status") != "Pending" {
		t.Fatalf("after restart: %s", attr.Raw)
	}
	if s := again.vpcStatus(prod); s != "Deleting" {
		t.Fatalf("the deleting VPC reads %s", s)
	}
	again.settle()
	if s := again.vpcStatus(id); s != "Available" {
		t.Errorf("pending transition lost: %s", s)
	}
	again.fails("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", prod), 404, "InvalidVpcId.NotFound")
	// The rest of the demo came back too, and new IDs do not collide.
	if n := again.countVpcs("cn-shanghai"); n != 3 {
		t.Errorf("%d VPCs in cn-shanghai after restart", n)
	}
	again.createVpc()
}

func TestCorruptStateFileIsAnError(t *testing.T) {
	dir := t.TempDir()
	cases := map[string]string{
		"not json":       "{not json",
		"wrong format":   `{"format":"something-else","records":[]}`,
		"unknown kind":   `{"format":"` + stateFormat + `","records":[{"kind":"unicorn","region":"cn-hangzhou","seq":1,"value":{}}]}`,
		"bad value":      `{"format":"` + stateFormat + `","records":[{"kind":"vpc","region":"cn-hangzhou","seq":1,"value":{"VpcId":5}}]}`,
		"missing id":     `{"format":"` + stateFormat + `","records":[{"kind":"vpc","region":"cn-hangzhou","seq":1,"value":{}}]}`,
		"duplicate id":   `{"format":"` + stateFormat + `","records":[{"kind":"vpc","region":"cn-hangzhou","seq":1,"value":{"VpcId":"vpc-a"}},{"kind":"vpc","region":"cn-hangzhou","seq":2,"value":{"VpcId":"vpc-a"}}]}`,
		"truncated file": `{"format":"` + stateFormat + `","records":[{"kind":"vpc"`,
	}
	for name, content := range cases {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(name, " ", "-")+".json")
			if err := os.WriteFile(path, []byte(content), 0o600); err != nil {
				t.Fatal(err)
			}
			srv, err := New(Options{StatePath: path})
			if err == nil {
				srv.Close()
				t.Fatalf("loaded a corrupt state file")
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("the error does not name the file: %v", err)
			}
		})
	}
}

func TestMissingStateFileSeedsTheDataset(t *testing.T) {
	path := filepath.Join(t.TempDir(), "fresh.json")
	h := newHarness(t, Options{StatePath: path})
	if n := h.countVpcs(hz); n != 4 {
		t.Fatalf("%d demo VPCs", n)
	}
	// Saved at start, so journaled writes always have a base to apply to.
	data, err := os.ReadFile(path)
	if err != nil || !strings.Contains(string(data), stateFormat) {
		t.Fatalf("state file: %v", err)
	}
	if err := h.srv.Close(); err != nil {
		t.Fatal(err)
	}
	// An unwritable location is reported at start, not after writes
	// were acknowledged.
	bad := filepath.Join(t.TempDir(), "no", "such", "dir", "s.json")
	if srv, err := New(Options{StatePath: bad}); err == nil {
		srv.Close()
		t.Errorf("New accepted a state file it cannot write")
	} else if !strings.Contains(err.Error(), bad) {
		t.Errorf("the error does not name the file: %v", err)
	}
}

// A write is durable when it is answered: another simulator started on the
// same file without the first one closing (as after kill -9) has it, and
// the replayed ClientToken answers the same VPC instead of creating one.
func TestWriteIsDurableWhenAnswered(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	h := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	params := kv("RegionId", hz, "VpcName", "journaled", "ClientToken", "tok-1")
	id := h.ok("CreateVpc", params).str("VpcId")
	h.settle()
	h.ok("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "Description", "changed after create"))
	data, _ := os.ReadFile(path)
	if strings.Contains(string(data), "journaled") {
		t.Fatal("test premise: the write should be in the journal, not yet in the state file")
	}

	again := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	attr := again.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id))
	if attr.str("VpcName") != "journaled" || attr.str("Description") != "changed after create" {
		t.Fatalf("after restart: %s", attr.Raw)
	}
	replay := again.ok("CreateVpc", params)
	if replay.str("VpcId") != id {
		t.Errorf("the replayed ClientToken answered %s, want %s", replay.str("VpcId"), id)
	}
	if n := again.countVpcs(hz); n != 1 {
		t.Errorf("%d VPCs after the replay, want 1", n)
	}
	again.fails("CreateVpc", kv("RegionId", hz, "VpcName", "other", "ClientToken", "tok-1"), 400, "IdempotentParameterMismatch")
	// A new ID does not collide with the restored one.
	if other := again.createVpc(); other == id {
		t.Errorf("new VPC reused %s", id)
	}
}

// Past its size limit the journal is folded into the state file in the
// background, and nothing is lost doing it.
func TestJournalIsCompactedWhenLarge(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	h := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	h.srv.mu.Lock()
	h.srv.compactAt = 4 << 10
	h.srv.mu.Unlock()
	id := h.createVpc("VpcName", "compacted")
	h.settle()
	for i := range 60 {
		h.ok("ModifyVpcAttribute", kv("RegionId", hz, "VpcId", id, "Description", "round-"+strconv.Itoa(i)))
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		data, _ := os.ReadFile(path)
		if strings.Contains(string(data), "round-") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("the journal was never folded into the state file")
		}
		time.Sleep(5 * time.Millisecond)
	}
	if fi, err := os.Stat(path + ".journal"); err != nil || fi.Size() > 8<<10 {
		t.Errorf("journal after compaction: %v, %v", fi.Size(), err)
	}
	again := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	if d := again.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", id)).str("Description"); d != "round-59" {
		t.Errorf("after compaction and restart: Description %q, want round-59", d)
	}
}

// A journal line cut short by a crash was never acknowledged and is
// dropped; a damaged line before the end is corruption and stops the start.
func TestTornJournalTailIsDropped(t *testing.T) {
	path := filepath.Join(t.TempDir(), "s.json")
	h := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	id := h.createVpc("VpcName", "before-the-crash")
	good, err := os.ReadFile(path + ".journal")
	if err != nil || len(good) == 0 {
		t.Fatalf("journal: %v (%d bytes)", err, len(good))
	}
	torn := append(append([]byte{}, good...), []byte(`{"n":99,"put":[{"kind":"vpc"`)...)
	if err := os.WriteFile(path+".journal", torn, 0o600); err != nil {
		t.Fatal(err)
	}
	snap, _ := os.ReadFile(path)
	again := newHarness(t, Options{StatePath: path, Dataset: DatasetEmpty})
	if n := again.vpcName(id); n != "before-the-crash" {
		t.Fatalf("after a torn tail: VpcName %q", n)
	}

	bad := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(bad, snap, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(bad+".journal", append([]byte("not json\n"), good...), 0o600); err != nil {
		t.Fatal(err)
	}
	if srv, err := New(Options{StatePath: bad}); err == nil {
		srv.Close()
		t.Fatal("started on a corrupt journal")
	} else if !strings.Contains(err.Error(), bad+".journal") {
		t.Errorf("the error does not name the journal: %v", err)
	}
}

func (h *harness) vpcName(vpcID string) string {
	h.t.Helper()
	return h.ok("DescribeVpcAttribute", kv("RegionId", hz, "VpcId", vpcID)).str("VpcName")
}

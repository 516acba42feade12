package sim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"
)

// stateFormat identifies a state file.
const stateFormat = "alivpc-sim-state/1"

// savedState is the state file: every record with its pending transition.
// ClientTokens and used nonces are not saved.
type savedState struct {
	Format  string        `json:"format"`
	Dataset string        `json:"dataset"`
	Seq     uint64        `json:"seq"`
	Records []savedRecord `json:"records"`
}

type savedRecord struct {
	Kind   string          `json:"kind"`
	Region string          `json:"region"`
	Seq    uint64          `json:"seq"`
	Value  json.RawMessage `json:"value"`
	Trans  *Transition     `json:"trans,omitempty"`
}

// snapshot encodes the store. The caller holds the Server's mutex.
func (st *store) snapshot(dataset string) ([]byte, error) {
	out := savedState{Format: stateFormat, Dataset: dataset, Seq: st.seq, Records: make([]savedRecord, 0, len(st.byID))}
	for _, r := range st.byID {
		v, err := json.Marshal(r.Value)
		if err != nil {
			return nil, err
		}
		out.Records = append(out.Records, savedRecord{Kind: r.Kind, Region: r.Region, Seq: r.Seq, Value: v, Trans: r.Trans})
	}
	// Creation order keeps the file stable, and indexes are cheapest to
	// rebuild in that order.
	sortBySeq(out.Records)
	return json.Marshal(out)
}

func sortBySeq(rs []savedRecord) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Seq < rs[j].Seq })
}

// load replaces the store's content with a state file's. It returns
// (false, nil) when the file does not exist.
func (st *store) load(path string) (bool, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("sim: reading state file: %w", err)
	}
	var in savedState
	if err := json.Unmarshal(data, &in); err != nil {
		return false, fmt.Errorf("sim: state file %s is corrupt: %v", path, err)
	}
	if in.Format != stateFormat {
		return false, fmt.Errorf("sim: %s is not a simulator state file (format %q, want %q)", path, in.Format, stateFormat)
	}
	sortBySeq(in.Records)
	seen := map[uint64]bool{}
	for i, sr := range in.Records {
		sp := st.kinds[sr.Kind]
		if sp == nil {
			return false, fmt.Errorf("sim: state file %s is corrupt: record %d has unknown kind %q", path, i, sr.Kind)
		}
		v := sp.New()
		if err := json.Unmarshal(sr.Value, v); err != nil {
			return false, fmt.Errorf("sim: state file %s is corrupt: record %d (%s): %v", path, i, sr.Kind, err)
		}
		id := sp.ID(v)
		switch {
		case id == "":
			return false, fmt.Errorf("sim: state file %s is corrupt: record %d (%s) has no ID", path, i, sr.Kind)
		case st.byID[id] != nil:
			return false, fmt.Errorf("sim: state file %s is corrupt: duplicate ID %s", path, id)
		case sr.Seq == 0 || seen[sr.Seq]:
			return false, fmt.Errorf("sim: state file %s is corrupt: record %s has a missing or repeated seq", path, id)
		}
		seen[sr.Seq] = true
		r := &record{Kind: sr.Kind, Region: sr.Region, ID: id, Seq: sr.Seq, Value: v}
		st.insert(r)
		if sr.Trans != nil {
			st.schedule(r, *sr.Trans)
		}
		st.seq = max(st.seq, sr.Seq)
	}
	st.seq = max(st.seq, in.Seq)
	st.dirty = false
	return true, nil
}

// writeFileAtomic writes data to a temporary file next to path and renames
// it over path, so a crash never leaves a half-written state file.
func writeFileAtomic(path string, data []byte) error {
	dir := filepath.Dir(path)
	f, err := os.CreateTemp(dir, filepath.Base(path)+".tmp-*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	_, werr := f.Write(data)
	serr := f.Sync()
	cerr := f.Close()
	if err := errors.Join(werr, serr, cerr); err != nil {
		os.Remove(tmp)
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return err
	}
	return nil
}

// save writes the state file if anything changed since the last save.
func (s *Server) save() error {
	if s.opts.StatePath == "" {
		return nil
	}
	s.saveMu.Lock()
	defer s.saveMu.Unlock()
	s.mu.Lock()
	if !s.st.dirty {
		s.mu.Unlock()
		return nil
	}
	data, err := s.st.snapshot(s.opts.Dataset)
	if err == nil {
		s.st.dirty = false
	}
	s.mu.Unlock()
	if err == nil {
		err = writeFileAtomic(s.opts.StatePath, data)
	}
	if err != nil {
		err = fmt.Errorf("sim: saving state to %s: %w", s.opts.StatePath, err)
		s.mu.Lock()
		s.st.dirty = true // try again next time
		s.mu.Unlock()
	}
	s.saveErr = err
	return err
}

// saveSoon schedules a debounced save after a write.
func (s *Server) saveSoon() {
	if s.opts.StatePath == "" {
		return
	}
	s.timerMu.Lock()
	defer s.timerMu.Unlock()
	if s.closed || s.saveTimer != nil {
		return
	}
	s.saveTimer = time.AfterFunc(s.opts.SaveDelay, func() {
		s.timerMu.Lock()
		s.saveTimer = nil
		s.timerMu.Unlock()
		_ = s.save()
	})
}

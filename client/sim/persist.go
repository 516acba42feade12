package sim

import (
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"time"

	"github.com/alivpc/alivpc/model"
)

// stateFormat identifies a state file.
const stateFormat = "alivpc-sim-state/1"

// savedState is the state file: every record with its pending transition,
// the ClientTokens still remembered, and the last journal entry it includes
// (see journal.go). Used nonces are not saved.
type savedState struct {
	Format  string        `json:"format"`
	Dataset string        `json:"dataset"`
	Seq     uint64        `json:"seq"`
	Journal uint64        `json:"journal,omitempty"`
	Records []savedRecord `json:"records"`
	Tokens  []savedToken  `json:"tokens,omitempty"`
}

type savedRecord struct {
	Kind   string          `json:"kind"`
	Region string          `json:"region"`
	Seq    uint64          `json:"seq"`
	Value  json.RawMessage `json:"value"`
	Trans  *Transition     `json:"trans,omitempty"`
}

// savedToken is a ClientToken and the answer it got. The request's
// parameters are kept as their fingerprint (a SHA-256), so a pre-shared key
// sent with a create never reaches the disk.
type savedToken struct {
	AccessKey   string    `json:"accessKey"`
	Product     string    `json:"product"`
	Action      string    `json:"action"`
	Token       string    `json:"token"`
	Fingerprint string    `json:"fingerprint"`
	Body        []byte    `json:"body"`
	At          time.Time `json:"at"`
}

func saveToken(k tokenKey, e tokenEntry) savedToken {
	return savedToken{AccessKey: k.AccessKey, Product: string(k.Product), Action: k.Action, Token: k.Token,
		Fingerprint: hex.EncodeToString(e.fingerprint[:]), Body: e.body, At: e.at}
}

func (t savedToken) restore() (tokenKey, tokenEntry, bool) {
	var e tokenEntry
	fp, err := hex.DecodeString(t.Fingerprint)
	if err != nil || len(fp) != len(e.fingerprint) {
		return tokenKey{}, e, false
	}
	copy(e.fingerprint[:], fp)
	e.body, e.at = t.Body, t.At
	return tokenKey{AccessKey: t.AccessKey, Product: model.Product(t.Product), Action: t.Action, Token: t.Token}, e, true
}

func (st *store) saveRecord(r *record) (savedRecord, error) {
	v, err := json.Marshal(r.Value)
	return savedRecord{Kind: r.Kind, Region: r.Region, Seq: r.Seq, Value: v, Trans: r.Trans}, err
}

// snapshot encodes the state. The caller holds the Server's mutex.
func (s *Server) snapshot() ([]byte, error) {
	st := s.st
	out := savedState{Format: stateFormat, Dataset: s.opts.Dataset, Seq: st.seq, Records: make([]savedRecord, 0, len(st.byID))}
	if s.journal != nil {
		out.Journal = s.journal.n
	}
	for _, r := range st.byID {
		sr, err := st.saveRecord(r)
		if err != nil {
			return nil, err
		}
		out.Records = append(out.Records, sr)
	}
	// Creation order keeps the file stable, and indexes are cheapest to
	// rebuild in that order.
	sortBySeq(out.Records)
	now := s.opts.Now()
	for k, e := range s.toks.m {
		if now.Sub(e.at) <= tokenTTL {
			out.Tokens = append(out.Tokens, saveToken(k, e))
		}
	}
	sort.Slice(out.Tokens, func(i, j int) bool { return out.Tokens[i].At.Before(out.Tokens[j].At) })
	return json.Marshal(out)
}

func sortBySeq(rs []savedRecord) {
	sort.Slice(rs, func(i, j int) bool { return rs[i].Seq < rs[j].Seq })
}

// loadState replaces the state with a state file's. It returns (nil, nil)
// when the file does not exist.
func (s *Server) loadState(path string) (*savedState, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("sim: reading state file: %w", err)
	}
	var in savedState
	if err := json.Unmarshal(data, &in); err != nil {
		return nil, fmt.Errorf("sim: state file %s is corrupt: %v", path, err)
	}
	if in.Format != stateFormat {
		return nil, fmt.Errorf("sim: %s is not a simulator state file (format %q, want %q)", path, in.Format, stateFormat)
	}
	sortBySeq(in.Records)
	st := s.st
	seen := map[uint64]bool{}
	for i, sr := range in.Records {
		if sr.Seq != 0 && seen[sr.Seq] {
			return nil, fmt.Errorf("sim: state file %s is corrupt: record %d has a missing or repeated seq", path, i)
		}
		seen[sr.Seq] = true
		n := len(st.byID)
		id, err := st.restore(sr)
		if err != nil {
			return nil, fmt.Errorf("sim: state file %s is corrupt: record %d: %v", path, i, err)
		}
		if len(st.byID) == n {
			return nil, fmt.Errorf("sim: state file %s is corrupt: duplicate ID %s", path, id)
		}
	}
	st.seq = max(st.seq, in.Seq)
	for _, t := range in.Tokens {
		if k, e, ok := t.restore(); ok {
			s.toks.put(k, e)
		}
	}
	st.dirty = false
	return &in, nil
}

// restore puts a saved record in the store, replacing the record with its
// ID if there is one, and schedules its pending transition.
func (st *store) restore(sr savedRecord) (string, error) {
	sp := st.kinds[sr.Kind]
	if sp == nil {
		return "", fmt.Errorf("unknown kind %q", sr.Kind)
	}
	v := sp.New()
	if err := json.Unmarshal(sr.Value, v); err != nil {
		return "", fmt.Errorf("%s: %v", sr.Kind, err)
	}
	id := sp.ID(v)
	if id == "" {
		return "", fmt.Errorf("%s has no ID", sr.Kind)
	}
	if sr.Seq == 0 {
		return id, fmt.Errorf("%s has a missing seq", id)
	}
	st.remove(st.byID[id])
	r := &record{Kind: sr.Kind, Region: sr.Region, ID: id, Seq: sr.Seq, Value: v}
	st.insert(r)
	if sr.Trans != nil {
		st.schedule(r, *sr.Trans)
	}
	st.seq = max(st.seq, sr.Seq)
	return id, nil
}

// writeFileAtomic writes data to a temporary file next to path, syncs it
// and renames it over path (then syncs the directory), so a crash leaves
// either the old file or the new one, never half of one.
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
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// save writes the state file if anything changed since the last save and
// empties the journal it now includes. The caller holds the Server's mutex.
func (s *Server) saveLocked() error {
	if s.opts.StatePath == "" || (!s.st.dirty && (s.journal == nil || s.journal.empty())) {
		return nil
	}
	data, err := s.snapshot()
	if err == nil {
		err = writeFileAtomic(s.opts.StatePath, data)
	}
	if err == nil && s.journal != nil {
		err = s.journal.truncate()
	}
	if err != nil {
		err = fmt.Errorf("sim: saving state to %s: %w", s.opts.StatePath, err)
		s.saveErr = err
		return err
	}
	s.st.dirty = false
	return nil
}

// save compacts the journal in the background; after Close it does
// nothing (Close has saved).
func (s *Server) save() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	return s.saveLocked()
}

package sim

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"sort"
	"sync"
	"sync/atomic"
)

// With Options.StatePath, every write is durable before it is answered:
// what it changed (the records as they now are, the IDs it removed, the
// ClientToken it used and its answer) is appended to StatePath+".journal"
// as one JSON line and fsync'd. Appends happen under the Server's mutex, in
// the order the changes were made; the fsync happens after the mutex is
// released and covers every line appended so far, so concurrent writers
// share one fsync (group commit) and reads do not wait for the fsync.
// Compaction (at start, on Close, past journalCompactBytes) writes the
// snapshot while holding the mutex, so every request waits for it then: at
// 32 MB of journal that is a pause of a few hundred milliseconds, rare
// enough for a simulator.
//
// The state file is a snapshot naming the last journal entry it includes.
// At start the snapshot is loaded, later entries are replayed (a torn last
// line was never acknowledged and is dropped), then a fresh snapshot is
// written and the journal emptied: compaction. The same happens on Close
// and whenever the journal passes journalCompactBytes.

// journalCompactBytes is the journal size past which it is folded into the
// state file.
const journalCompactBytes = 32 << 20

// journalEntry is one journal line: what one write changed.
type journalEntry struct {
	N     uint64        `json:"n"`
	Seq   uint64        `json:"seq"`
	Put   []savedRecord `json:"put,omitempty"`
	Del   []string      `json:"del,omitempty"`
	Token *savedToken   `json:"token,omitempty"`
}

type journal struct {
	mu       sync.Mutex // guards f, n, appended, size
	f        *os.File
	n        uint64 // number of the last entry
	appended int64  // bytes ever appended, across truncations
	size     int64  // bytes in the file now

	syncMu sync.Mutex
	synced int64 // appended as of the last successful fsync

	compacting atomic.Bool
}

func openJournal(path string, n uint64) (*journal, error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o600)
	if err != nil {
		return nil, err
	}
	st, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, err
	}
	return &journal{f: f, n: n, size: st.Size()}, nil
}

// append writes e as the next entry and returns the offset to sync to. The
// caller holds the Server's mutex.
func (j *journal) append(e *journalEntry) (int64, error) {
	j.mu.Lock()
	defer j.mu.Unlock()
	e.N = j.n + 1
	line, err := json.Marshal(e)
	if err != nil {
		return 0, err
	}
	line = append(line, '\n')
	if _, err := j.f.Write(line); err != nil {
		return 0, err
	}
	j.n++
	j.appended += int64(len(line))
	j.size += int64(len(line))
	return j.appended, nil
}

// sync returns once everything appended up to target is on disk.
func (j *journal) sync(target int64) error {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	if j.synced >= target {
		return nil // another writer's fsync covered it
	}
	j.mu.Lock()
	upTo, f := j.appended, j.f
	j.mu.Unlock()
	if err := f.Sync(); err != nil {
		return err
	}
	j.synced = upTo
	return nil
}

// truncate empties the journal once a snapshot includes it. The caller
// holds the Server's mutex, so nothing is appended meanwhile.
func (j *journal) truncate() error {
	j.syncMu.Lock()
	defer j.syncMu.Unlock()
	j.mu.Lock()
	defer j.mu.Unlock()
	if err := j.f.Truncate(0); err != nil {
		return err
	}
	if err := j.f.Sync(); err != nil {
		return err
	}
	j.size = 0
	j.synced = j.appended // the snapshot holds it all
	return nil
}

func (j *journal) empty() bool {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.size == 0
}

func (j *journal) close() error {
	j.mu.Lock()
	defer j.mu.Unlock()
	return j.f.Close()
}

// readJournal returns the entries of the journal at path numbered after
// `after`, in order. A last line cut short by a crash is dropped: it was
// never synced, so never acknowledged.
func readJournal(path string, after uint64) ([]journalEntry, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var out []journalEntry
	for line := 1; len(data) > 0; line++ {
		b, rest, complete := bytes.Cut(data, []byte{'\n'})
		if !complete {
			break // cut short by a crash before it was synced
		}
		data = rest
		var e journalEntry
		if err := json.Unmarshal(b, &e); err != nil {
			return nil, fmt.Errorf("line %d: %v", line, err)
		}
		if e.N > after {
			out = append(out, e)
		}
	}
	return out, nil
}

// journalLocked appends what changed since the last entry, with tok, and
// returns the offset to sync to (0 when nothing changed). The caller holds
// the Server's mutex.
func (s *Server) journalLocked(tok *savedToken) (int64, error) {
	st := s.st
	if s.journal == nil || len(st.touched) == 0 && tok == nil {
		return 0, nil
	}
	e := journalEntry{Seq: st.seq, Token: tok}
	for id, r := range st.touched {
		if r.removed || st.byID[id] != r {
			e.Del = append(e.Del, id)
			continue
		}
		sr, err := st.saveRecord(r)
		if err != nil {
			return 0, err
		}
		e.Put = append(e.Put, sr)
	}
	sortBySeq(e.Put)
	sort.Strings(e.Del)
	clear(st.touched)
	target, err := s.journal.append(&e)
	if err == nil && s.journal.size > s.compactAt && s.journal.compacting.CompareAndSwap(false, true) {
		go func() {
			_ = s.save()
			s.journal.compacting.Store(false)
		}()
	}
	return target, err
}

// replay applies journal entries on top of the loaded snapshot.
func (s *Server) replay(entries []journalEntry) error {
	for _, e := range entries {
		for _, sr := range e.Put {
			if _, err := s.st.restore(sr); err != nil {
				return fmt.Errorf("entry %d: %v", e.N, err)
			}
		}
		for _, id := range e.Del {
			s.st.remove(s.st.byID[id])
		}
		s.st.seq = max(s.st.seq, e.Seq)
		if e.Token != nil {
			if k, te, ok := e.Token.restore(); ok {
				s.toks.put(k, te)
			}
		}
	}
	return nil
}

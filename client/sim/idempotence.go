package sim

import (
	"crypto/sha256"
	"sort"
	"time"

	"github.com/alivpc/alivpc/model"
)

// tokenTTL is how long a ClientToken is remembered.
const tokenTTL = 24 * time.Hour

// tokenKey scopes a ClientToken to one caller and one action.
type tokenKey struct {
	AccessKey string
	Product   model.Product
	Action    string
	Token     string
}

// tokenEntry is the answer first given for a token.
type tokenEntry struct {
	fingerprint [32]byte
	body        []byte // without RequestId; each replay gets a new one
	at          time.Time
	seq         uint64 // its place in tokens.q
}

// transportParam reports the parameters that differ between retries of the
// same call and so are left out of the fingerprint.
func transportParam(k string) bool {
	switch k {
	case "Signature", "SignatureMethod", "SignatureVersion", "SignatureNonce", "SignatureType",
		"Timestamp", "AccessKeyId", "SecurityToken", "Format", "Version", "Action", "ClientToken":
		return true
	}
	return false
}

// fingerprint hashes the operation's own parameters.
func fingerprint(params map[string]string) [32]byte {
	keys := make([]string, 0, len(params))
	for k := range params {
		if !transportParam(k) {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		h.Write([]byte(k))
		h.Write([]byte{0})
		h.Write([]byte(params[k]))
		h.Write([]byte{0})
	}
	var out [32]byte
	copy(out[:], h.Sum(nil))
	return out
}

// maxTokens caps the ClientToken cache. Tokens are kept tokenTTL, but a
// client sending a fresh token with every write (ModifyVpcAttribute has no
// quota) must not grow the simulator without bound: past the cap the
// oldest token is forgotten — a retry that late is far outside any
// client's retry window. An entry is its key and answer, a few hundred
// bytes.
const maxTokens = 100_000

// tokens is the ClientToken cache; the Server's mutex guards it. Entries
// expire in the order they were added (a FIFO queue), so expiry costs O(1)
// amortised per put instead of a scan of the map.
type tokens struct {
	m    map[tokenKey]tokenEntry
	q    []queuedToken // in the order added; q[head:] may still be in m
	head int
	seq  uint64
	max  int // 0: maxTokens
}

type queuedToken struct {
	k   tokenKey
	seq uint64
}

func (t *tokens) get(k tokenKey, now time.Time) (tokenEntry, bool) {
	e, ok := t.m[k]
	if !ok || now.Sub(e.at) > tokenTTL {
		return tokenEntry{}, false
	}
	return e, true
}

// put remembers k's answer, then forgets tokens from the front of the
// queue while they are expired (relative to e) or the cache is over its cap.
func (t *tokens) put(k tokenKey, e tokenEntry) {
	if t.m == nil {
		t.m = map[tokenKey]tokenEntry{}
	}
	t.seq++
	e.seq = t.seq
	t.m[k] = e
	t.q = append(t.q, queuedToken{k, e.seq})
	limit := t.max
	if limit <= 0 {
		limit = maxTokens
	}
	for t.head < len(t.q) {
		front := t.q[t.head]
		old, ok := t.m[front.k]
		live := ok && old.seq == front.seq // else put again later, or gone
		if live && len(t.m) <= limit && e.at.Sub(old.at) <= tokenTTL {
			break
		}
		if live {
			delete(t.m, front.k)
		}
		t.q[t.head] = queuedToken{}
		t.head++
	}
	if t.head > 1024 && t.head > len(t.q)/2 {
		t.q = append([]queuedToken(nil), t.q[t.head:]...)
		t.head = 0
	}
}

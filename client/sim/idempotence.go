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

// tokens is the ClientToken cache; the Server's mutex guards it.
type tokens struct {
	m    map[tokenKey]tokenEntry
	adds int
}

func (t *tokens) get(k tokenKey, now time.Time) (tokenEntry, bool) {
	e, ok := t.m[k]
	if !ok || now.Sub(e.at) > tokenTTL {
		return tokenEntry{}, false
	}
	return e, true
}

func (t *tokens) put(k tokenKey, e tokenEntry) {
	if t.m == nil {
		t.m = map[tokenKey]tokenEntry{}
	}
	t.m[k] = e
	if t.adds++; t.adds%4096 == 0 {
		for k, old := range t.m {
			if e.at.Sub(old.at) > tokenTTL {
				delete(t.m, k)
			}
		}
	}
}

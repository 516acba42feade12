package sim

import (
	"hash/maphash"
	"sync"
	"time"
)

// A signed request carries a nonce; the same nonce used twice by one
// AccessKey is a replay. A nonce only needs remembering while its request's
// timestamp is still accepted (timestampWindow either side of the wall
// clock): after that a replay fails on InvalidTimeStamp.Expired anyway. So
// each entry expires at its own timestamp + timestampWindow, entries are
// filed in one-second buckets of a ring by that expiry, and every use sweeps
// the buckets that came due since the last one: O(1) amortised, never a scan
// of the whole set.
//
// The set is capped (Options.MaxNonces, default defaultMaxNonces). Past the
// cap a request is refused with Throttling.User until entries expire rather
// than evicting the oldest: an evicted nonce could be replayed while its
// timestamp is still good, which is the duplicate write nonces exist to
// prevent. Throttling is what a client already retries with backoff, and it
// means "not processed". The cap only counts authenticated requests, so an
// unsigned flood cannot fill it; at the default it allows ~1,100 signed
// requests a second sustained over the 15-minute window, in ~40 MB.

// defaultMaxNonces bounds the nonce set: an entry costs about 40 bytes (an
// 8-byte hash and an 8-byte expiry in the map, 8 bytes in a bucket).
const defaultMaxNonces = 1 << 20

// nonceRing is how many one-second buckets the ring has: more than the
// longest life of an entry (timestamp up to timestampWindow ahead, plus
// timestampWindow), so live entries never share a bucket with older ones.
const nonceRing = 2048

type nonceUse int

const (
	nonceFresh nonceUse = iota
	nonceUsed
	nonceFull
)

// nonceCache remembers the nonces used per AccessKey within their window.
type nonceCache struct {
	mu      sync.Mutex
	seed    maphash.Seed
	max     int
	seen    map[uint64]int64 // hash(key, nonce) → expiry, Unix seconds
	buckets [nonceRing][]uint64
	swept   int64 // every bucket up to this second is swept
}

func newNonceCache(max int) *nonceCache {
	if max <= 0 {
		max = defaultMaxNonces
	}
	return &nonceCache{seed: maphash.MakeSeed(), max: max, seen: map[uint64]int64{}}
}

// use records the nonce of a request stamped ts, at wall time now. The
// hash is keyed with a per-process random seed, so colliding nonces cannot
// be chosen; two honest nonces collide once in 2^64.
func (n *nonceCache) use(keyID, nonce string, ts, now time.Time) nonceUse {
	var h maphash.Hash
	h.SetSeed(n.seed)
	h.WriteString(keyID)
	h.WriteByte(0)
	h.WriteString(nonce)
	k := h.Sum64()
	// Kept one second past the window, so clock reads a moment apart
	// never let a replay through.
	exp := ts.Add(timestampWindow).Unix() + 1
	n.mu.Lock()
	defer n.mu.Unlock()
	n.sweep(now.Unix())
	if e, ok := n.seen[k]; ok && e >= now.Unix() {
		return nonceUsed
	}
	if len(n.seen) >= n.max {
		return nonceFull
	}
	n.seen[k] = exp
	b := &n.buckets[exp%nonceRing]
	*b = append(*b, k)
	return nonceFresh
}

// sweep forgets the entries that expired by now, one bucket per second
// elapsed since the last sweep (at most the whole ring once).
func (n *nonceCache) sweep(now int64) {
	if n.swept == 0 {
		n.swept = now - 1
	}
	if now <= n.swept {
		return
	}
	from := max(n.swept+1, now-nonceRing+1)
	for sec := from; sec <= now; sec++ {
		b := &n.buckets[sec%nonceRing]
		keep := (*b)[:0]
		for _, k := range *b {
			e, ok := n.seen[k]
			switch {
			case !ok:
			case e <= sec:
				delete(n.seen, k)
			case e%nonceRing == sec%nonceRing:
				keep = append(keep, k) // filed for a later lap (clock moved back)
			}
		}
		clear((*b)[len(keep):])
		if cap(keep) > 64 && len(keep) < cap(keep)/4 {
			keep = append([]uint64(nil), keep...) // give a burst's memory back
		}
		*b = keep
	}
	n.swept = now
}

// len is how many nonces are remembered.
func (n *nonceCache) len() int {
	n.mu.Lock()
	defer n.mu.Unlock()
	return len(n.seen)
}

// useNonce checks a request's nonce; ts is its signed timestamp.
func (s *Server) useNonce(keyID, nonce string, ts time.Time) *apiError {
	switch s.nonces.use(keyID, nonce, ts, s.opts.Now()) {
	case nonceUsed:
		return newErr(400, "SignatureNonceUsed", "Specified signature nonce was used already.")
	case nonceFull:
		e := errThrottled()
		e.Header = map[string][]string{"Retry-After": {"1"}}
		return e
	}
	return nil
}

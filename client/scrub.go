package client

import (
	"fmt"
	"regexp"
	"strings"
	"sync"
	"unicode/utf8"
)

// The scrubber: one place that every string leaving alivpc passes through
// (the screen, stderr, the debug and audit logs, files), so that no path
// can forget a secret or let the network drive the terminal.
//
//   - Scrub masks the run's secrets: every AccessKey secret and STS token the
//     client signed with, the signatures it computed (the most recent ones:
//     an echo comes back in the answer to the same attempt), and the
//     pre-shared keys, BGP auth keys and certificate keys it sent, in each
//     form a server could echo them (raw, percent-encoded once or twice as in
//     a query or a string to sign, JSON-escaped). It also masks the value of
//     anything written as Signature=, SecurityToken=, "AccessKeySecret": ...
//     whatever its value.
//   - StripTerminal removes terminal control sequences (ESC, CSI, OSC such
//     as title sets and OSC 52 clipboard writes, DCS/APC/PM/SOS strings, C1
//     and C0 controls other than \n and \t, bidi overrides) from text that
//     came from the network.
//   - Clean is both: use it for any text that came from a server.

// masked replaces a secret.
const masked = "****"

const (
	// minSecret: shorter values are not treated as secrets (masking "ab"
	// everywhere would garble text and protect nothing).
	minSecret = 4
	// prefixLen: secrets at least this long are found through an index of
	// their first bytes, so Scrub costs one map look-up per byte of text
	// whatever the number of secrets.
	prefixLen = 8
	// keptCap bounds the long-lived secrets (credentials, keys sent); the
	// oldest is forgotten past it. sigCap bounds the recent signatures.
	keptCap = 256
	sigCap  = 512
)

type secretIndex struct {
	mu       sync.RWMutex
	byPrefix map[string][]string // first prefixLen bytes -> forms
	short    []string            // forms shorter than prefixLen
	refs     map[string]int      // form -> registered secrets producing it
	kept     fifo
	sigs     fifo
}

// fifo is a bounded set of secrets that forgets the oldest: a ring, so
// adding one costs the same however many are kept.
type fifo struct {
	cap  int
	ring []string
	next int // the oldest, once the ring is full
	has  map[string]bool
}

// push adds s and returns the secret it displaced, or "".
func (f *fifo) push(s string) (old string) {
	f.has[s] = true
	if len(f.ring) < f.cap {
		f.ring = append(f.ring, s)
		return ""
	}
	old = f.ring[f.next]
	f.ring[f.next] = s
	f.next = (f.next + 1) % f.cap
	delete(f.has, old)
	return old
}

var theScrubber = &secretIndex{
	byPrefix: map[string][]string{},
	refs:     map[string]int{},
	kept:     fifo{cap: keptCap, has: map[string]bool{}},
	sigs:     fifo{cap: sigCap, has: map[string]bool{}},
}

// RegisterSecret adds a value to the run's secrets: from now on Scrub masks
// it wherever it appears. The client registers what it signs with and the
// secret parameters it sends; callers register other secrets they hold.
func RegisterSecret(s string) { theScrubber.add(&theScrubber.kept, s) }

// registerSignature adds a computed signature; only the most recent
// signatures are kept.
func registerSignature(s string) { theScrubber.add(&theScrubber.sigs, s) }

func (sc *secretIndex) add(set *fifo, s string) {
	if len(s) < minSecret || s == masked {
		return
	}
	sc.mu.RLock()
	known := set.has[s]
	sc.mu.RUnlock()
	if known {
		return
	}
	sc.mu.Lock()
	defer sc.mu.Unlock()
	if set.has[s] {
		return
	}
	sc.index(s, +1)
	if old := set.push(s); old != "" {
		sc.index(old, -1)
	}
}

// forms are the spellings of a secret a server could echo back.
func forms(s string) []string {
	out := []string{s}
	add := func(f string) {
		for _, o := range out {
			if o == f {
				return
			}
		}
		out = append(out, f)
	}
	pe := PercentEncode(s)
	add(pe)
	add(PercentEncode(pe))
	add(strings.ReplaceAll(s, "/", `\/`))
	add(strings.NewReplacer("+", "%2B", "/", "%2F", "=", "%3D").Replace(s))
	return out
}

func (sc *secretIndex) index(s string, delta int) {
	for _, f := range forms(s) {
		n := sc.refs[f] + delta
		if n > 0 {
			sc.refs[f] = n
			if delta > 0 && n == 1 {
				sc.link(f)
			}
			continue
		}
		delete(sc.refs, f)
		sc.unlink(f)
	}
}

func (sc *secretIndex) link(f string) {
	if len(f) < prefixLen {
		sc.short = append(sc.short, f)
		return
	}
	p := f[:prefixLen]
	sc.byPrefix[p] = append(sc.byPrefix[p], f)
}

func (sc *secretIndex) unlink(f string) {
	drop := func(list []string) []string {
		for i, o := range list {
			if o == f {
				return append(list[:i:i], list[i+1:]...)
			}
		}
		return list
	}
	if len(f) < prefixLen {
		sc.short = drop(sc.short)
		return
	}
	p := f[:prefixLen]
	if l := drop(sc.byPrefix[p]); len(l) > 0 {
		sc.byPrefix[p] = l
	} else {
		delete(sc.byPrefix, p)
	}
}

// secretAssign finds a secret written as name=value or "name": "value", in
// a query, a header, a string to sign (%3D, %253D) or JSON, whoever's
// secret it is. Group 1 (kept) ends where the value starts.
var secretAssign = regexp.MustCompile(`(?i)((?:^|[^a-z0-9_-]|%26|%2526)` +
	`(?:signature|securitytoken|accesskeysecret|access_key_secret|sts_token|x-acs-security-token|psk|authkey|privatekey|private_key|clientkey|client_key)` +
	`(?:\\?"\s*:\s*\\?"|%253D|%3D|=|:\s*))[^&\s"\\,;}<>]+`)

// secretJSONString finds a secret written as a whole JSON string, whose
// value may hold spaces and escapes (an SSL-VPN client key is a PEM block,
// its client configuration embeds one): the whole string is masked.
var secretJSONString = regexp.MustCompile(`(?i)("(?:psk|authkey|privatekey|private_key|clientkey|client_key|clientconfig)"\s*:\s*")(?:[^"\\]|\\.)*"`)

// assignHint is a cheap test that secretAssign could match.
func assignHint(s string) bool {
	l := strings.ToLower(s)
	for _, h := range []string{"signature", "token", "secret", "psk", "authkey", "key", "clientconfig"} {
		if strings.Contains(l, h) {
			return true
		}
	}
	return false
}

// Scrub masks the run's secrets in s (see the package's secretIndex notes).
func Scrub(s string) string {
	if len(s) < minSecret {
		return s
	}
	s = theScrubber.scrub(s)
	if assignHint(s) {
		s = secretJSONString.ReplaceAllString(s, "${1}"+masked+`"`)
		s = secretAssign.ReplaceAllString(s, "${1}"+masked)
	}
	return s
}

// ScrubRun masks only the run's own secrets in s (AccessKey secrets, STS
// tokens, signatures, keys it sent), not the fields named like secrets
// that Scrub masks too: for output the user asked to see secrets in.
func ScrubRun(s string) string {
	if len(s) < minSecret {
		return s
	}
	return theScrubber.scrub(s)
}

func (sc *secretIndex) scrub(s string) string {
	sc.mu.RLock()
	defer sc.mu.RUnlock()
	for _, f := range sc.short {
		if strings.Contains(s, f) {
			s = strings.ReplaceAll(s, f, masked)
		}
	}
	if len(sc.byPrefix) == 0 || len(s) < prefixLen {
		return s
	}
	var b *strings.Builder
	last := 0
	for i := 0; i+prefixLen <= len(s); {
		cands := sc.byPrefix[s[i:i+prefixLen]]
		hit := ""
		for _, f := range cands {
			if len(f) > len(hit) && strings.HasPrefix(s[i:], f) {
				hit = f
			}
		}
		if hit == "" {
			i++
			continue
		}
		if b == nil {
			b = &strings.Builder{}
			b.Grow(len(s))
		}
		b.WriteString(s[last:i])
		b.WriteString(masked)
		i += len(hit)
		last = i
	}
	if b == nil {
		return s
	}
	b.WriteString(s[last:])
	return b.String()
}

// StripTerminal removes what could drive a terminal from text that came
// from the network: escape sequences with their payloads (CSI, OSC — title,
// clipboard, hyperlinks —, DCS, SOS, PM, APC), C1 controls, C0 controls other
// than newline and tab, DEL, bidirectional overrides, and bytes that are
// not UTF-8 (a lone 0x9b is CSI to some terminals).
func StripTerminal(s string) string {
	if plain(s) {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			b.WriteRune(utf8.RuneError)
			i++
		case r == 0x1b:
			i = skipEscape(s, i+1)
		case r >= 0x80 && r <= 0x9f:
			i = skipC1(s, i+n, r)
		case r == '\n' || r == '\t':
			b.WriteRune(r)
			i += n
		case r < 0x20 || r == 0x7f || bidiControl(r):
			i += n
		default:
			b.WriteString(s[i : i+n])
			i += n
		}
	}
	return b.String()
}

// Clean is StripTerminal(Scrub(s)): for any text that came from a server
// before it reaches the screen, stderr, a log or a file.
func Clean(s string) string { return StripTerminal(Scrub(s)) }

// plain reports whether s has nothing to strip: the common case (names in
// any script, IDs, messages) costs one pass and no allocation.
func plain(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			if c >= 0x7f || c < 0x20 && c != '\n' && c != '\t' {
				return false
			}
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		if r == utf8.RuneError && n == 1 || r <= 0x9f || bidiControl(r) {
			return false
		}
		i += n
	}
	return true
}

func bidiControl(r rune) bool {
	return r >= 0x202a && r <= 0x202e || r >= 0x2066 && r <= 0x2069 || r == 0x200e || r == 0x200f || r == 0x061c
}

// skipEscape skips the sequence after an ESC at s[i-1] and returns where
// the text resumes.
func skipEscape(s string, i int) int {
	if i >= len(s) {
		return i
	}
	switch s[i] {
	case '[': // CSI: parameters and intermediates, then one final byte
		return skipCSI(s, i+1)
	case ']', 'P', 'X', '^', '_': // OSC, DCS, SOS, PM, APC: a string up to ST (or BEL)
		return skipString(s, i+1)
	}
	// nF sequences: intermediates 0x20-0x2f, then a final byte.
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x2f {
		i++
	}
	if i < len(s) && s[i] >= 0x30 && s[i] <= 0x7e {
		i++
	}
	return i
}

func skipC1(s string, i int, r rune) int {
	switch r {
	case 0x9b:
		return skipCSI(s, i)
	case 0x9d, 0x90, 0x98, 0x9e, 0x9f:
		return skipString(s, i)
	}
	return i
}

func skipCSI(s string, i int) int {
	for i < len(s) && s[i] >= 0x20 && s[i] <= 0x3f {
		i++
	}
	if i < len(s) && s[i] >= 0x40 && s[i] <= 0x7e {
		i++
	}
	return i
}

// skipString skips a control string's payload and its terminator: BEL,
// ESC \ or the C1 ST; an unterminated one runs to the end.
func skipString(s string, i int) int {
	for i < len(s) {
		switch {
		case s[i] == 0x07:
			return i + 1
		case s[i] == 0x1b:
			if i+1 < len(s) && s[i+1] == '\\' {
				return i + 2
			}
			return i // a new sequence starts: the caller reads it
		case strings.HasPrefix(s[i:], "\u009c"):
			return i + len("\u009c")
		}
		i++
	}
	return i
}

// StripTerminalJSON makes a JSON document from the network safe to print
// and still the same JSON: the controls it may legally hold raw inside
// strings (C1, bidirectional overrides) and bytes that are not UTF-8 are
// written as \u escapes (the latter as \ufffd); a CR, which valid JSON
// holds raw only between tokens, becomes a space.
func StripTerminalJSON(b []byte) []byte {
	if plain(string(b)) {
		return b
	}
	out := make([]byte, 0, len(b)+16)
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && n == 1:
			out = append(out, `\ufffd`...)
		case r == '\r':
			out = append(out, ' ') // raw only as whitespace between tokens
		case r >= 0x80 && r <= 0x9f || bidiControl(r) || r < 0x20 && r != '\n' && r != '\t' || r == 0x7f:
			out = append(out, fmt.Sprintf(`\u%04x`, r)...)
		default:
			out = append(out, b[i:i+n]...)
		}
		i += n
	}
	return out
}

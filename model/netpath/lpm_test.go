package netpath

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"testing"

	"github.com/alivpc/alivpc/model"
)

// engineLongest returns the index in prefixes of the longest prefix that
// covers dst (a host address is a /32 or /128), or -1, by the engine's own
// match: prefixes are sorted longest first once and the first one that
// covers dst wins.
func engineLongest(prefixes []netip.Prefix, dst netip.Prefix) int {
	rs := make([]route, len(prefixes))
	idx := map[*model.Object]int{}
	for i, p := range prefixes {
		o := &model.Object{ID: fmt.Sprintf("%08d", i)}
		idx[o] = i
		rs[i] = route{dst: p.Masked(), obj: o}
	}
	sortRoutes(rs)
	if r := match(rs, dst); r != nil {
		return idx[r.obj]
	}
	return -1
}

// bruteLongest is the definition: of every prefix that holds dst, the one
// with the most bits.
func bruteLongest(prefixes []netip.Prefix, dst netip.Prefix) int {
	best := -1
	for i, p := range prefixes {
		p = p.Masked()
		if p.Addr().Is4() != dst.Addr().Is4() || p.Bits() > dst.Bits() || !p.Contains(dst.Addr()) {
			continue
		}
		if best < 0 || p.Bits() > prefixes[best].Bits() {
			best = i
		}
	}
	return best
}

// randPrefix draws a block near base so that random tables nest and overlap
// often (a uniform draw almost never would).
func randPrefix(r *rand.Rand, base netip.Addr, maxBits int) netip.Prefix {
	b := base.AsSlice()
	for i := len(b) / 2; i < len(b); i++ {
		if r.IntN(3) == 0 {
			b[i] = byte(r.IntN(4))
		}
	}
	a, _ := netip.AddrFromSlice(b)
	return netip.PrefixFrom(a, r.IntN(maxBits+1)).Masked()
}

func TestLongestPrefixMatchAgreesWithBruteForce(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 2))
	for _, fam := range []struct {
		name string
		base netip.Addr
		bits int
	}{
		{"IPv4", netip.MustParseAddr("10.0.0.0"), 32},
		{"IPv6", netip.MustParseAddr("2408:4005:9947::"), 128},
	} {
		t.Run(fam.name, func(t *testing.T) {
			other := netip.MustParseAddr("2001:db8::")
			if fam.bits == 128 {
				other = netip.MustParseAddr("10.0.0.0")
			}
			matched := 0
			for c := 0; c < 5000; c++ {
				n := r.IntN(40)
				table := make([]netip.Prefix, n)
				for i := range table {
					base, bits := fam.base, fam.bits
					if r.IntN(10) == 0 { // the other IP version mixed in
						base, bits = other, other.BitLen()
					}
					table[i] = randPrefix(r, base, bits)
				}
				dst := randPrefix(r, fam.base, fam.bits)
				if r.IntN(2) == 0 {
					dst = netip.PrefixFrom(dst.Addr(), fam.bits) // a host address
				}
				got, want := engineLongest(table, dst), bruteLongest(table, dst)
				if (got < 0) != (want < 0) || (got >= 0 && table[got].Masked() != table[want].Masked()) {
					t.Fatalf("case %d: table %v dst %s: engine %d, brute force %d", c, table, dst, got, want)
				}
				if got >= 0 {
					matched++
				}
			}
			if matched < 1000 {
				t.Fatalf("only %d of 5000 cases matched a route: the draw does not exercise the match", matched)
			}
		})
	}
}

package model

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode"
	"unicode/utf8"
)

// The documented constraints, as functions both the forms (before any call)
// and the simulator (as the API would) use. Each returns nil or an error
// whose text tells the user what to change.

// NameRule is the rule for a name-type parameter.
type NameRule struct {
	Min, Max int
	// Extra are the punctuation characters allowed besides letters, digits
	// and Chinese characters.
	Extra string
}

// DefaultName is the rule for VpcName, VSwitchName, RouteTableName and most
// Name parameters: 2-128 characters, starting with a letter or a Chinese
// character; digits, '.', '_' and '-' allowed; no http:// or https:// prefix.
var DefaultName = NameRule{Min: 2, Max: 128, Extra: "._-"}

// VpnGatewayName is CreateVpnGateway's Name: 2-100 characters, no '.'.
var VpnGatewayName = NameRule{Min: 2, Max: 100, Extra: "_-"}

// PeerName is CreateVpcPeerConnection's Name: digits, '_' and '-' (seed 002).
var PeerName = NameRule{Min: 2, Max: 128, Extra: "_-"}

// Check validates s against the rule. An empty name is allowed: every name
// parameter is optional.
func (r NameRule) Check(s string) error {
	if s == "" {
		return nil
	}
	n := utf8.RuneCountInString(s)
	if n < r.Min || n > r.Max {
		return fmt.Errorf("must be %d-%d characters (it is %d)", r.Min, r.Max, n)
	}
	if hasHTTPPrefix(s) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !isLetterOrHan(first) {
		return fmt.Errorf("must start with a letter or a Chinese character")
	}
	for _, c := range s {
		if isLetterOrHan(c) || unicode.IsDigit(c) || strings.ContainsRune(r.Extra, c) {
			continue
		}
		bad := fmt.Sprintf("%q", c)
		if unicode.IsSpace(c) {
			bad = "a space" // ' ' reads as a stray quote, and splits where the line wraps
		}
		return fmt.Errorf("may contain only letters, Chinese characters, digits and %s (not %s)", describeExtra(r.Extra), bad)
	}
	return nil
}

func describeExtra(extra string) string {
	parts := make([]string, 0, len(extra))
	for _, c := range extra {
		parts = append(parts, "'"+string(c)+"'")
	}
	return strings.Join(parts, " ")
}

// CheckDescription validates a Description: 2-256 characters, starting with
// a letter or a Chinese character, no http:// or https:// prefix. Empty is
// allowed.
func CheckDescription(s string) error {
	if s == "" {
		return nil
	}
	n := utf8.RuneCountInString(s)
	if n < 2 || n > 256 {
		return fmt.Errorf("must be 2-256 characters (it is %d)", n)
	}
	if hasHTTPPrefix(s) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	first, _ := utf8.DecodeRuneInString(s)
	if !isLetterOrHan(first) {
		return fmt.Errorf("must start with a letter or a Chinese character")
	}
	return nil
}

func hasHTTPPrefix(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://")
}

func isLetterOrHan(c rune) bool {
	return unicode.IsLetter(c) && (c < 128 || unicode.Is(unicode.Han, c)) || unicode.Is(unicode.Han, c)
}

// ParseCIDR parses an IPv4 block and requires it to be in canonical form
// (no host bits set), as the API does.
func ParseCIDR(s string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	p, err := netip.ParsePrefix(s)
	if err != nil {
		return netip.Prefix{}, fmt.Errorf("%q is not a CIDR block like 192.168.0.0/24", s)
	}
	if !p.Addr().Is4() {
		return netip.Prefix{}, fmt.Errorf("%q is not an IPv4 block", s)
	}
	if p.Masked() != p {
		return netip.Prefix{}, fmt.Errorf("%q has host bits set; did you mean %s?", s, p.Masked())
	}
	return p, nil
}

// PrivateRanges are the blocks a VPC CIDR must fall in.
var PrivateRanges = []netip.Prefix{
	netip.MustParsePrefix("10.0.0.0/8"),
	netip.MustParsePrefix("172.16.0.0/12"),
	netip.MustParsePrefix("192.168.0.0/16"),
}

// VpcCIDRPresets are the blocks offered first when creating a VPC.
var VpcCIDRPresets = []string{"172.16.0.0/12", "10.0.0.0/8", "192.168.0.0/16"}

// DefaultVpcCIDR is what CreateVpc uses without a CidrBlock.
const DefaultVpcCIDR = "172.16.0.0/12"

// CheckVpcCIDR validates a VPC block: inside 10.0.0.0/8, 172.16.0.0/12 or
// 192.168.0.0/16, with a mask of 8-24 bits.
func CheckVpcCIDR(s string) (netip.Prefix, error) {
	p, err := ParseCIDR(s)
	if err != nil {
		return p, err
	}
	if p.Bits() < 8 || p.Bits() > 24 {
		return p, fmt.Errorf("a VPC block needs a mask of /8 to /24 (it is /%d)", p.Bits())
	}
	for _, r := range PrivateRanges {
		if Contains(r, p) {
			return p, nil
		}
	}
	return p, fmt.Errorf("%s is not inside 10.0.0.0/8, 172.16.0.0/12 or 192.168.0.0/16", p)
}

// CheckVSwitchCIDR validates a VSwitch block against its VPC block and its
// siblings: mask /16 to /29, inside the VPC, overlapping no sibling.
func CheckVSwitchCIDR(s, vpcCIDR string, siblings []string) (netip.Prefix, error) {
	p, err := ParseCIDR(s)
	if err != nil {
		return p, err
	}
	if p.Bits() < 16 || p.Bits() > 29 {
		return p, fmt.Errorf("a VSwitch block needs a mask of /16 to /29 (it is /%d)", p.Bits())
	}
	if vpcCIDR != "" {
		vp, err := ParseCIDR(vpcCIDR)
		if err == nil && !Contains(vp, p) {
			return p, fmt.Errorf("%s is not inside the VPC's block %s", p, vp)
		}
	}
	for _, sib := range siblings {
		sp, err := ParseCIDR(sib)
		if err == nil && sp.Overlaps(p) {
			return p, fmt.Errorf("%s overlaps %s, already used by another VSwitch", p, sp)
		}
	}
	return p, nil
}

// Contains reports whether outer contains all of inner.
func Contains(outer, inner netip.Prefix) bool {
	return outer.Bits() <= inner.Bits() && outer.Contains(inner.Addr())
}

// NextFreeBlock returns the first block of the given mask inside vpc that
// overlaps none of used, or "" when the VPC is full.
func NextFreeBlock(vpcCIDR string, used []string, bits int) string {
	vp, err := ParseCIDR(vpcCIDR)
	if err != nil || bits < vp.Bits() || bits > 32 {
		return ""
	}
	var taken []netip.Prefix
	for _, u := range used {
		if p, err := ParseCIDR(u); err == nil {
			taken = append(taken, p)
		}
	}
	size := uint32(1) << (32 - bits)
	start := addrToU32(vp.Addr())
	end := start + (uint32(1)<<(32-vp.Bits()) - 1)
	for a := start; a <= end && a >= start; {
		cand := netip.PrefixFrom(u32ToAddr(a), bits)
		clash := false
		for _, t := range taken {
			if t.Overlaps(cand) {
				clash = true
				// Jump past the clashing block to keep this linear in
				// the number of used blocks.
				tEnd := addrToU32(t.Masked().Addr()) + (uint32(1)<<(32-t.Bits()) - 1)
				next := (tEnd/size + 1) * size
				if next <= a {
					next = a + size
				}
				a = next
				break
			}
		}
		if !clash {
			return cand.String()
		}
		if a == 0 {
			break
		}
	}
	return ""
}

func addrToU32(a netip.Addr) uint32 {
	b := a.As4()
	return uint32(b[0])<<24 | uint32(b[1])<<16 | uint32(b[2])<<8 | uint32(b[3])
}

func u32ToAddr(u uint32) netip.Addr {
	return netip.AddrFrom4([4]byte{byte(u >> 24), byte(u >> 16), byte(u >> 8), byte(u)})
}

// CGNAT is 100.64.0.0/10, which route destinations must stay out of.
var CGNAT = netip.MustParsePrefix("100.64.0.0/10")

// CheckRouteDestination validates a custom route's destination: a CIDR (a
// bare IPv4 address reads as /32), not inside 100.64.0.0/10, and neither equal
// to, containing nor inside a VSwitch block of the VPC. The default route
// 0.0.0.0/0 is the exception every VPC with a NAT gateway relies on.
func CheckRouteDestination(s string, vswitchCIDRs []string) (netip.Prefix, error) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "/") {
		if a, err := netip.ParseAddr(s); err == nil && a.Is4() {
			s += "/32"
		}
	}
	p, err := ParseCIDR(s)
	if err != nil {
		return p, err
	}
	if Contains(CGNAT, p) {
		return p, fmt.Errorf("%s is inside 100.64.0.0/10, which is reserved", p)
	}
	if p.Bits() == 0 {
		return p, nil
	}
	for _, v := range vswitchCIDRs {
		vp, err := ParseCIDR(v)
		if err == nil && vp.Overlaps(p) {
			return p, fmt.Errorf("%s overlaps the VSwitch block %s", p, vp)
		}
	}
	return p, nil
}

// CheckRange validates an integer in [min, max].
func CheckRange(n, min, max int) error {
	if n < min || n > max {
		return fmt.Errorf("must be between %d and %d (it is %d)", min, max, n)
	}
	return nil
}

// CheckClientToken validates a ClientToken: at most 64 ASCII characters.
func CheckClientToken(s string) error {
	if len(s) > 64 {
		return fmt.Errorf("ClientToken must be at most 64 characters")
	}
	for _, c := range s {
		if c > 127 {
			return fmt.Errorf("ClientToken must be ASCII")
		}
	}
	return nil
}

package model

import (
	"net/netip"
	"slices"
	"strings"
	"testing"
)

// CheckSslLocalSubnet returns the blocks it checked, in order, and refuses a
// malformed list or a block overlapping a reserved range.
func TestSslLocalSubnet(t *testing.T) {
	got, err := CheckSslLocalSubnet("192.168.1.0/24, 10.0.0.0/8")
	want := []netip.Prefix{netip.MustParsePrefix("192.168.1.0/24"), netip.MustParsePrefix("10.0.0.0/8")}
	if err != nil || !slices.Equal(got, want) {
		t.Errorf("two blocks: %v, %v", got, err)
	}
	for s, msg := range map[string]string{
		"":                              "LocalSubnet is required",
		"192.168.1.0/24,nonsense":       "LocalSubnet \"nonsense\" is not a CIDR block",
		"192.168.1.1/24":                "has host bits set",
		"192.168.1.0/24,100.64.0.0/16":  "LocalSubnet 100.64.0.0/16 overlaps the reserved range 100.64.0.0/10",
		"169.254.0.0/16,192.168.1.0/24": "overlaps the reserved range 169.254.0.0/16",
	} {
		if blocks, err := CheckSslLocalSubnet(s); err == nil || blocks != nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("%q: %v, %v; want an error containing %q", s, blocks, err, msg)
		}
	}
}

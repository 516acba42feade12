package model

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
)

// Constraints the console's forms check before any call, beyond rules.go:
// ID formats, next hops, ports, uniqueness inside a table, BGP peers inside
// the VBR's peering subnet.

// MaxCustomRoutes is the number of custom route entries a VRouter route
// table may hold (CreateRouteEntry: QuotaExceeded).
const MaxCustomRoutes = 48

// MaxForwardEntries is the number of DNAT entries a DNAT table may hold
// (CreateForwardEntry).
const MaxForwardEntries = 100

// nextHop is a next-hop type, the prefix of its IDs and its name in words.
type nextHop struct{ typ, prefix, what string }

// nextHopPrefix is the ID prefix of each next-hop type the console offers.
var nextHopPrefix = []nextHop{
	{"NatGateway", "ngw-", "NAT gateway"},
	{"VpnGateway", "vpn-", "VPN gateway"},
	{"VpcPeer", "pcc-", "VPC peering connection"},
	{"Instance", "i-", "ECS instance"},
	{"NetworkInterface", "eni-", "elastic network interface"},
	{"HaVip", "havip-", "high-availability virtual IP"},
	{"RouterInterface", "ri-", "router interface"},
	{"IPv6Gateway", "ipv6gw-", "IPv6 gateway"},
}

// NextHopTypes are the next-hop types of a custom route, as the API spells
// them.
func NextHopTypes() []string {
	return pluck(nextHopPrefix, func(h nextHop) string { return h.typ })
}

// NextHopWhat describes a next-hop type in words ("NAT gateway").
func NextHopWhat(typ string) string {
	if h, ok := nextHopOf(typ); ok {
		return h.what
	}
	return typ
}

func nextHopOf(typ string) (nextHop, bool) {
	return find(nextHopPrefix, func(h nextHop) bool { return h.typ == typ })
}

// CheckResourceID validates an ID typed by hand: the kind's prefix followed
// by lower-case letters and digits ("vpc-bp1…", "i-2ze…").
func CheckResourceID(what, prefix, id string) error {
	id = strings.TrimSpace(id)
	if id == "" {
		return fmt.Errorf("%s ID is required", what)
	}
	rest, ok := strings.CutPrefix(id, prefix)
	if !ok || rest == "" {
		return fmt.Errorf("%q is not a %s ID: it starts with %s", id, what, prefix)
	}
	for _, c := range rest {
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return fmt.Errorf("%q is not a %s ID: after %s only lower-case letters and digits", id, what, prefix)
		}
	}
	if len(id) > 64 {
		return fmt.Errorf("%q is too long for a %s ID", id, what)
	}
	return nil
}

// CheckNextHop validates a custom route's next hop: a known type and an ID
// of that type.
func CheckNextHop(typ, id string) error {
	if h, ok := nextHopOf(typ); ok {
		return CheckResourceID(h.what, h.prefix, id)
	}
	return fmt.Errorf("NextHopType must be one of %s (it is %q)", strings.Join(NextHopTypes(), ", "), typ)
}

// CheckRouteDestinationFree refuses a destination already used in the
// table: destinations in one table are unique (InvalidCIDRBlock.Duplicate).
func CheckRouteDestinationFree(dest netip.Prefix, existing []string) error {
	for _, e := range existing {
		if p, err := ParseCIDR(e); err == nil && p == dest {
			return fmt.Errorf("%s already has a route in this table", dest)
		}
	}
	return nil
}

// CheckIPv4 validates an IPv4 address parameter.
func CheckIPv4(field, s string) error {
	_, err := parseIPv4(s)
	return fieldErr(field, err)
}

// CheckPort validates a port number 1-65535 written as text.
func CheckPort(field, s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return fmt.Errorf("%s must be a port number 1-65535 (it is %q)", field, s)
	}
	return fieldErr(field, CheckRange(n, 1, 65535))
}

// CheckAliUid validates an Alibaba Cloud account ID: a positive number of
// at most 20 digits.
func CheckAliUid(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, fmt.Errorf("the account ID is required: the accepting Alibaba Cloud account (its main account, not a RAM user)")
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil || n <= 0 || len(s) > 20 {
		return 0, fmt.Errorf("%q is not an Alibaba Cloud account ID (digits only, like 1210123456123456)", s)
	}
	return n, nil
}

// ForwardEntryKey is what CheckForwardConflict compares.
type ForwardEntryKey struct {
	ID                                 string
	Protocol, ExternalIp, ExternalPort string
	InternalIp, InternalPort           string
}

// CheckForwardConflict refuses a DNAT entry that repeats another one:
// (ExternalIp, ExternalPort, IpProtocol) and (IpProtocol, InternalIp,
// InternalPort) are each unique in a DNAT table. The entry being edited
// (same ID) is skipped.
func CheckForwardConflict(e ForwardEntryKey, existing []ForwardEntryKey) error {
	eq := strings.EqualFold
	for _, x := range existing {
		if x.ID != "" && x.ID == e.ID {
			continue
		}
		if !eq(x.Protocol, e.Protocol) {
			continue
		}
		if x.ExternalIp == e.ExternalIp && eq(x.ExternalPort, e.ExternalPort) {
			return fmt.Errorf("%s %s:%s is already forwarded by %s", strings.ToUpper(e.Protocol), e.ExternalIp, e.ExternalPort, x.ID)
		}
		if x.InternalIp == e.InternalIp && eq(x.InternalPort, e.InternalPort) {
			return fmt.Errorf("%s %s:%s is already the target of %s", strings.ToUpper(e.Protocol), e.InternalIp, e.InternalPort, x.ID)
		}
	}
	return nil
}

// CheckIPNotShared refuses public IPs that the other NAT table already uses:
// one public IP cannot serve both SNAT and DNAT.
func CheckIPNotShared(ips []string, usedByOther []string, other string) error {
	for _, ip := range ips {
		for _, u := range usedByOther {
			if strings.TrimSpace(ip) == u {
				return fmt.Errorf("%s is already used by a %s entry; one public IP cannot serve both SNAT and DNAT", u, other)
			}
		}
	}
	return nil
}

// CheckSnatSourceFree refuses a VSwitch that already has an SNAT entry:
// each VSwitch belongs to at most one (Forbidden.SourceVSwitchId.Duplicated).
func CheckSnatSourceFree(vswitchID string, taken map[string]string) error {
	if id, ok := taken[vswitchID]; ok && vswitchID != "" {
		return fmt.Errorf("%s already has SNAT entry %s; a VSwitch can belong to one SNAT entry only", vswitchID, id)
	}
	return nil
}

// CheckBgpPeerInSubnet validates a BGP peer address against its VBR: an
// IPv4 address inside the VBR's peering subnet (LocalGatewayIp with
// PeeringSubnetMask) that is not the VBR's own address. Without the VBR's
// addressing only the format is checked.
func CheckBgpPeerInSubnet(peerIP, localIP, mask string) error {
	if err := CheckBgpPeerIP(peerIP); err != nil {
		return err
	}
	if localIP == "" || mask == "" {
		return nil
	}
	peer, _ := parseIPv4(peerIP)
	local, err := parseIPv4(localIP)
	if err != nil {
		return nil
	}
	m, err := parseIPv4(mask)
	if err != nil {
		return nil
	}
	bits := 0
	for v := addrToU32(m); v&0x80000000 != 0; v <<= 1 {
		bits++
	}
	subnet, _ := local.Prefix(bits)
	if !subnet.Contains(peer) {
		return fmt.Errorf("PeerIpAddress %s is outside the VBR's peering subnet %s", peer, subnet)
	}
	if peer == local {
		return fmt.Errorf("PeerIpAddress %s is the VBR's own address (LocalGatewayIp); give the data-centre router's address", peer)
	}
	return nil
}

// CheckBfdMultiHop validates BfdMultiHop: 1-255 hops.
func CheckBfdMultiHop(n int) error { return fieldErr("BfdMultiHop", CheckRange(n, 1, 255)) }

// CheckSALifetime validates an IKE or IPsec SA lifetime in seconds typed as
// text: empty takes the default (86400).
func CheckSALifetime(field, s string) (int64, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%s must be a number of seconds (it is %q)", field, s)
	}
	if n < 0 || n > MaxSALifetime {
		return 0, fmt.Errorf("%s must be 0-%d seconds (it is %d)", field, MaxSALifetime, n)
	}
	return n, nil
}

// IkeVersions, IkeModes, IpsecEncAlgs, IpsecAuthAlgs and DhGroups are the
// negotiation choices of an IPsec connection, as the API spells them.
func IkeVersions() []string   { return ikeVersions() }
func IkeModes() []string      { return ikeModes() }
func IpsecEncAlgs() []string  { return ipsecEncAlgs() }
func IpsecAuthAlgs() []string { return ipsecAuthAlgs() }
func DhGroups() []string      { return dhGroups() }

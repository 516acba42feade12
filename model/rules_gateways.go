package model

import (
	"fmt"
	"net/netip"
	"strconv"
	"strings"
	"unicode/utf8"
)

// ---- Gateways and their families (NAT, VPN, VBR/BGP, flow logs, peering).

// oneOf checks value against the allowed values, exactly as the API spells
// them unless fold is set.
func oneOf(value string, fold bool, allowed ...string) error {
	for _, a := range allowed {
		if value == a || fold && strings.EqualFold(value, a) {
			return nil
		}
	}
	return fmt.Errorf("must be one of %s (it is %q)", strings.Join(allowed, ", "), value)
}

// fieldErr names the parameter an error is about.
func fieldErr(field string, err error) error {
	if err == nil {
		return nil
	}
	return fmt.Errorf("%s %w", field, err)
}

func parseIPv4(s string) (netip.Addr, error) {
	a, err := netip.ParseAddr(strings.TrimSpace(s))
	if err != nil || !a.Is4() {
		return netip.Addr{}, fmt.Errorf("%q is not an IPv4 address like 192.168.0.1", s)
	}
	return a, nil
}

// NatSpecs are the Spec values of CreateNatGateway; ModifyNatGatewaySpec
// takes all but XLarge.1.
func NatSpecs(create bool) []string {
	if create {
		return []string{"Small", "Middle", "Large", "XLarge.1"}
	}
	return []string{"Small", "Middle", "Large"}
}

// CheckNatSpec validates a NAT gateway Spec. On create an empty Spec means
// the default, Small. The docs' own example is lower case, so case is
// ignored.
func CheckNatSpec(spec string, create bool) error {
	if spec == "" && create {
		return nil
	}
	return oneOf(spec, true, NatSpecs(create)...)
}

// CheckForwardPorts validates a DNAT entry's protocol and ports: IpProtocol
// TCP, UDP or Any; ports 1-65535, or both "Any" when the protocol is Any.
func CheckForwardPorts(protocol, externalPort, internalPort string) error {
	if err := oneOf(protocol, true, "TCP", "UDP", "Any"); err != nil {
		return fieldErr("IpProtocol", err)
	}
	if strings.EqualFold(protocol, "Any") {
		if !strings.EqualFold(externalPort, "Any") || !strings.EqualFold(internalPort, "Any") {
			return fmt.Errorf("with IpProtocol Any both ports must be Any (forwarding every port); pick TCP or UDP to forward one port")
		}
		return nil
	}
	for _, p := range []struct{ name, v string }{{"ExternalPort", externalPort}, {"InternalPort", internalPort}} {
		n, err := strconv.Atoi(strings.TrimSpace(p.v))
		if err != nil {
			return fmt.Errorf("%s must be a port number 1-65535 (it is %q); Any needs IpProtocol Any", p.name, p.v)
		}
		if err := CheckRange(n, 1, 65535); err != nil {
			return fieldErr(p.name, err)
		}
	}
	return nil
}

// CheckForwardIPs validates a DNAT entry's addresses: both IPv4, and the
// internal one inside the VPC block when that is known.
func CheckForwardIPs(externalIP, internalIP, vpcCIDR string) error {
	if _, err := parseIPv4(externalIP); err != nil {
		return fieldErr("ExternalIp", err)
	}
	in, err := parseIPv4(internalIP)
	if err != nil {
		return fieldErr("InternalIp", err)
	}
	if vpcCIDR != "" {
		if vp, err := ParseCIDR(vpcCIDR); err == nil && !vp.Contains(in) {
			return fmt.Errorf("InternalIp %s is outside the VPC block %s", in, vp)
		}
	}
	return nil
}

// CheckSnatEntry validates an SNAT entry: SnatIp is one or more IPv4
// addresses separated by commas; SourceCIDR and SourceVSwitchId exclude each
// other.
func CheckSnatEntry(snatIPs, sourceCIDR, sourceVSwitchID string) error {
	if strings.TrimSpace(snatIPs) == "" {
		return fmt.Errorf("SnatIp is required: give the public IP(s) of the NAT gateway, separated by commas")
	}
	for _, ip := range strings.Split(snatIPs, ",") {
		if _, err := parseIPv4(ip); err != nil {
			return fieldErr("SnatIp", err)
		}
	}
	if sourceCIDR != "" && sourceVSwitchID != "" {
		return fmt.Errorf("give either SourceVSwitchId or SourceCIDR, not both")
	}
	if sourceCIDR != "" {
		p, err := netip.ParsePrefix(strings.TrimSpace(sourceCIDR))
		if err != nil || !p.Addr().Is4() {
			return fmt.Errorf("SourceCIDR %q is not an IPv4 block like 10.0.0.0/24", sourceCIDR)
		}
	}
	return nil
}

// CheckEipBandwidth validates an EIP Bandwidth (a string in the API): a whole
// number of Mbit/s. The seed gives no range, so none is enforced here.
func CheckEipBandwidth(s string) error {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil || n < 1 {
		return fmt.Errorf("Bandwidth must be a whole number of Mbit/s, at least 1 (it is %q)", s)
	}
	return nil
}

// CheckVpnGatewayBandwidth validates CreateVpnGateway's Bandwidth.
func CheckVpnGatewayBandwidth(mbps int) error {
	switch mbps {
	case 5, 10, 20, 50, 100:
		return nil
	}
	return fmt.Errorf("Bandwidth must be 5, 10, 20, 50 or 100 Mbit/s (it is %d)", mbps)
}

// CheckVpnGatewayPeriod validates CreateVpnGateway's Period in months.
func CheckVpnGatewayPeriod(months int) error {
	if months >= 1 && months <= 9 || months == 12 || months == 24 || months == 36 {
		return nil
	}
	return fmt.Errorf("Period must be 1-9, 12, 24 or 36 months (it is %d)", months)
}

// AliyunASN is Alibaba Cloud's own AS number, which no peer may use.
const AliyunASN = 45104

// ParseASN reads an AS number written plainly ("65001") or in the two-part
// form the console accepts ("1.10" = 1*65536+10).
func ParseASN(s string) (int64, error) {
	s = strings.TrimSpace(s)
	if hi, lo, ok := strings.Cut(s, "."); ok {
		h, err1 := strconv.ParseUint(hi, 10, 16)
		l, err2 := strconv.ParseUint(lo, 10, 16)
		if err1 != nil || err2 != nil {
			return 0, fmt.Errorf("%q is not an AS number; in the two-part form each part is 0-65535", s)
		}
		return int64(h)<<16 | int64(l), nil
	}
	n, err := strconv.ParseInt(s, 10, 64)
	if err != nil {
		return 0, fmt.Errorf("%q is not an AS number", s)
	}
	return n, nil
}

// CheckASN validates a customer-side AS number (a BGP group's PeerAsn, a
// customer gateway's Asn): 1-4294967295, and not Alibaba Cloud's 45104.
func CheckASN(asn int64) error {
	if asn < 1 || asn > 4294967295 {
		return fmt.Errorf("AS number must be 1-4294967295 (it is %d)", asn)
	}
	if asn == AliyunASN {
		return fmt.Errorf("AS number %d is Alibaba Cloud's own; use your network's AS number", AliyunASN)
	}
	return nil
}

// CheckLocalASN validates a BGP group's LocalAsn (the Alibaba Cloud side):
// 45104 (the default), 64512-65534 or 4200000000-4294967294; 65025 is
// reserved.
func CheckLocalASN(asn int64) error {
	switch {
	case asn == 65025:
		return fmt.Errorf("LocalAsn 65025 is reserved by Alibaba Cloud")
	case asn == AliyunASN, asn >= 64512 && asn <= 65534, asn >= 4200000000 && asn <= 4294967294:
		return nil
	}
	return fmt.Errorf("LocalAsn must be 45104, 64512-65534 or 4200000000-4294967294 (it is %d)", asn)
}

// CheckBgpPeerIP validates a BGP peer address: BGP groups are IPv4 only.
func CheckBgpPeerIP(s string) error {
	_, err := parseIPv4(s)
	return fieldErr("PeerIpAddress", err)
}

// CheckCustomerGatewayIP validates a customer gateway's IpAddress: an IPv4
// address outside the ranges the VPN gateway cannot reach (shared
// 100.64.0.0/10, loopback, link-local, multicast, 255.0.0.0/8).
func CheckCustomerGatewayIP(s string) error {
	a, err := parseIPv4(s)
	if err != nil {
		return fieldErr("IpAddress", err)
	}
	for _, r := range []struct{ block, what string }{
		{"100.64.0.0/10", "shared address space"},
		{"127.0.0.0/8", "loopback"},
		{"169.254.0.0/16", "link-local"},
		{"224.0.0.0/4", "multicast"},
		{"255.0.0.0/8", "reserved"},
		{"0.0.0.0/8", "unspecified"},
	} {
		if netip.MustParsePrefix(r.block).Contains(a) {
			return fmt.Errorf("IpAddress %s is a %s address (%s); give the gateway device's public address", a, r.what, r.block)
		}
	}
	return nil
}

// CheckVlanID validates a VBR's VlanId.
func CheckVlanID(n int) error { return fieldErr("VlanId", CheckRange(n, 1, 2999)) }

// CheckVbrPeering validates a VBR's interconnect addresses: a dotted mask of
// 255.255.255.0 to 255.255.255.252 (/24-/30) and the two gateway IPs in one
// subnet of it. Empty values are not checked.
func CheckVbrPeering(localIP, peerIP, mask string) error {
	bits := -1
	if mask != "" {
		m, err := parseIPv4(mask)
		if err != nil {
			return fieldErr("PeeringSubnetMask", err)
		}
		v := addrToU32(m)
		ones := 0
		for v&0x80000000 != 0 {
			ones++
			v <<= 1
		}
		if v != 0 || ones < 24 || ones > 30 {
			return fmt.Errorf("PeeringSubnetMask must be a mask from 255.255.255.0 to 255.255.255.252 (it is %s)", mask)
		}
		bits = ones
	}
	var local, peer netip.Addr
	var err error
	if localIP != "" {
		if local, err = parseIPv4(localIP); err != nil {
			return fieldErr("LocalGatewayIp", err)
		}
	}
	if peerIP != "" {
		if peer, err = parseIPv4(peerIP); err != nil {
			return fieldErr("PeerGatewayIp", err)
		}
	}
	if local.IsValid() && peer.IsValid() {
		if local == peer {
			return fmt.Errorf("LocalGatewayIp and PeerGatewayIp must differ")
		}
		if bits >= 0 {
			lp, _ := local.Prefix(bits)
			if !lp.Contains(peer) {
				return fmt.Errorf("LocalGatewayIp %s and PeerGatewayIp %s are not in the same /%d subnet", local, peer, bits)
			}
		}
	}
	return nil
}

// IPsec negotiation values (phase 1 and phase 2) as the API spells them.
func ikeVersions() []string   { return []string{"ikev1", "ikev2"} }
func ikeModes() []string      { return []string{"main", "aggressive"} }
func ipsecEncAlgs() []string  { return []string{"aes", "aes192", "aes256", "des", "3des"} }
func ipsecAuthAlgs() []string { return []string{"md5", "sha1", "sha256", "sha384", "sha512"} }
func dhGroups() []string      { return []string{"group1", "group2", "group5", "group14", "group24"} }

// MaxSALifetime is the longest IKE and IPsec SA lifetime, in seconds.
const MaxSALifetime = 86400

// CheckPsk validates a pre-shared key: 1-100 characters of letters, digits
// and printable symbols, no spaces. Empty means the API generates one. The
// key itself never appears in the error.
func CheckPsk(psk string) error {
	if psk == "" {
		return nil
	}
	if n := utf8.RuneCountInString(psk); n > 100 {
		return fmt.Errorf("Psk must be at most 100 characters")
	}
	for _, c := range psk {
		if c <= ' ' || c > '~' {
			return fmt.Errorf("Psk may contain only letters, digits and printable symbols, without spaces")
		}
	}
	return nil
}

// checkIdentity validates LocalId/RemoteId: at most 100 characters, no spaces.
func checkIdentity(field, s string) error {
	if utf8.RuneCountInString(s) > 100 {
		return fmt.Errorf("%s must be at most 100 characters", field)
	}
	if strings.ContainsAny(s, " \t") {
		return fmt.Errorf("%s must not contain spaces", field)
	}
	return nil
}

// CheckIkeConfig validates an IPsec connection's phase-1 settings. Empty
// values take the API defaults.
func CheckIkeConfig(c IkeConfig) error {
	checks := []struct {
		field, v string
		allowed  []string
	}{
		{"IkeVersion", c.IkeVersion, ikeVersions()},
		{"IkeMode", c.IkeMode, ikeModes()},
		{"IkeEncAlg", c.IkeEncAlg, ipsecEncAlgs()},
		{"IkeAuthAlg", c.IkeAuthAlg, ipsecAuthAlgs()},
		{"IkePfs", c.IkePfs, dhGroups()},
	}
	for _, ch := range checks {
		if ch.v == "" {
			continue
		}
		if err := oneOf(ch.v, true, ch.allowed...); err != nil {
			return fieldErr(ch.field, err)
		}
	}
	if c.IkeLifetime < 0 || c.IkeLifetime > MaxSALifetime {
		return fmt.Errorf("IkeLifetime must be 0-%d seconds (it is %d)", MaxSALifetime, c.IkeLifetime)
	}
	if err := CheckPsk(c.Psk); err != nil {
		return err
	}
	if err := checkIdentity("LocalId", c.LocalId); err != nil {
		return err
	}
	return checkIdentity("RemoteId", c.RemoteId)
}

// CheckIpsecConfig validates an IPsec connection's phase-2 settings. Empty
// values take the API defaults; IpsecPfs may also be "disabled".
func CheckIpsecConfig(c IpsecConfig) error {
	if c.IpsecEncAlg != "" {
		if err := oneOf(c.IpsecEncAlg, true, ipsecEncAlgs()...); err != nil {
			return fieldErr("IpsecEncAlg", err)
		}
	}
	if c.IpsecAuthAlg != "" {
		if err := oneOf(c.IpsecAuthAlg, true, ipsecAuthAlgs()...); err != nil {
			return fieldErr("IpsecAuthAlg", err)
		}
	}
	if c.IpsecPfs != "" {
		if err := oneOf(c.IpsecPfs, true, append([]string{"disabled"}, dhGroups()...)...); err != nil {
			return fieldErr("IpsecPfs", err)
		}
	}
	if c.IpsecLifetime < 0 || c.IpsecLifetime > MaxSALifetime {
		return fmt.Errorf("IpsecLifetime must be 0-%d seconds (it is %d)", MaxSALifetime, c.IpsecLifetime)
	}
	return nil
}

// CheckSubnetList validates LocalSubnet/RemoteSubnet: one or more IPv4 CIDR
// blocks separated by commas.
func CheckSubnetList(field, s string) error {
	_, err := parseSubnetList(field, s)
	return err
}

// parseSubnetList is CheckSubnetList that keeps the blocks it parsed.
func parseSubnetList(field, s string) ([]netip.Prefix, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%s is required: give CIDR blocks like 192.168.1.0/24, separated by commas", field)
	}
	var out []netip.Prefix
	for _, part := range strings.Split(s, ",") {
		p, err := ParseCIDR(part)
		if err != nil {
			return nil, fieldErr(field, err)
		}
		out = append(out, p)
	}
	return out, nil
}

// VpcFlowLogInput is what CreateFlowLog (VPC) takes.
type VpcFlowLogInput struct {
	FlowLogName  string
	Description  string
	ResourceType string // NetworkInterface | VSwitch | VPC
	ResourceId   string
	TrafficType  string // All | Allow | Drop
	ProjectName  string
	LogStoreName string
}

// CheckVpcFlowLog validates a VPC flow log: the usual name and description
// rules, a known ResourceType, TrafficType, ProjectName and LogStoreName
// required.
func CheckVpcFlowLog(in VpcFlowLogInput) error {
	if err := DefaultName.Check(in.FlowLogName); err != nil {
		return fieldErr("FlowLogName", err)
	}
	if err := CheckDescription(in.Description); err != nil {
		return fieldErr("Description", err)
	}
	if in.ResourceType != "" {
		if err := oneOf(in.ResourceType, false, "NetworkInterface", "VSwitch", "VPC"); err != nil {
			return fieldErr("ResourceType", err)
		}
		if in.ResourceId == "" {
			return fmt.Errorf("ResourceId is required: give the ID of the %s whose traffic to capture", in.ResourceType)
		}
	}
	if in.TrafficType == "" {
		return fmt.Errorf("TrafficType is required: choose All, Allow or Drop")
	}
	if err := oneOf(in.TrafficType, false, "All", "Allow", "Drop"); err != nil {
		return fieldErr("TrafficType", err)
	}
	if in.ProjectName == "" || in.LogStoreName == "" {
		return fmt.Errorf("ProjectName and LogStoreName are required: the SLS project and logstore that store the flow log")
	}
	return nil
}

// SAG flow log defaults (smartag CreateFlowLog).
const (
	DefaultActiveAging       = 300
	DefaultInactiveAging     = 15
	DefaultNetflowServerPort = 9995
	DefaultNetflowVersion    = "V9"
)

// SagFlowLogInput is what smartag CreateFlowLog takes. Zero numbers and
// empty strings are unset.
type SagFlowLogInput struct {
	Name              string
	Description       string
	OutputType        string // sls | netflow | all
	ActiveAging       int
	InactiveAging     int
	SlsRegionId       string
	ProjectName       string
	LogstoreName      string
	NetflowServerIp   string
	NetflowServerPort int
	NetflowVersion    string // V5 | V9 | V10
}

// WithDefaults fills unset agings, and the NetFlow port and version when the
// output includes NetFlow.
func (in SagFlowLogInput) WithDefaults() SagFlowLogInput {
	if in.ActiveAging == 0 {
		in.ActiveAging = DefaultActiveAging
	}
	if in.InactiveAging == 0 {
		in.InactiveAging = DefaultInactiveAging
	}
	if in.OutputType == "netflow" || in.OutputType == "all" {
		if in.NetflowServerPort == 0 {
			in.NetflowServerPort = DefaultNetflowServerPort
		}
		if in.NetflowVersion == "" {
			in.NetflowVersion = DefaultNetflowVersion
		}
	}
	return in
}

// CheckSagFlowLog validates a SAG flow log (seed 001): OutputType sls,
// netflow or all; ActiveAging 60-6000 and InactiveAging 10-600 seconds; the
// SLS region, project and logstore for sls/all; the NetFlow server for
// netflow/all, version V5, V9 or V10. Unset agings, port and version take
// their defaults.
func CheckSagFlowLog(in SagFlowLogInput) error {
	in = in.WithDefaults()
	if in.OutputType == "" {
		return fmt.Errorf("OutputType is required: choose sls, netflow or all")
	}
	if err := oneOf(in.OutputType, false, "sls", "netflow", "all"); err != nil {
		return fieldErr("OutputType", err)
	}
	if err := CheckRange(in.ActiveAging, 60, 6000); err != nil {
		return fieldErr("ActiveAging (seconds)", err)
	}
	if err := CheckRange(in.InactiveAging, 10, 600); err != nil {
		return fieldErr("InactiveAging (seconds)", err)
	}
	if in.OutputType == "sls" || in.OutputType == "all" {
		for _, f := range []struct{ name, v string }{{"SlsRegionId", in.SlsRegionId}, {"ProjectName", in.ProjectName}, {"LogstoreName", in.LogstoreName}} {
			if f.v == "" {
				return fmt.Errorf("%s is required when OutputType is %s", f.name, in.OutputType)
			}
		}
	}
	if in.OutputType == "netflow" || in.OutputType == "all" {
		if in.NetflowServerIp == "" {
			return fmt.Errorf("NetflowServerIp is required when OutputType is %s", in.OutputType)
		}
		if _, err := netip.ParseAddr(strings.TrimSpace(in.NetflowServerIp)); err != nil {
			return fmt.Errorf("NetflowServerIp %q is not an IP address", in.NetflowServerIp)
		}
		if err := CheckRange(in.NetflowServerPort, 1, 65535); err != nil {
			return fieldErr("NetflowServerPort", err)
		}
		if err := oneOf(in.NetflowVersion, false, "V5", "V9", "V10"); err != nil {
			return fieldErr("NetflowVersion", err)
		}
	}
	return nil
}

// CheckPeerBandwidth validates CreateVpcPeerConnection's Bandwidth: only for
// cross-region peerings, a whole number of Mbit/s greater than 0. Zero is
// unset.
func CheckPeerBandwidth(mbps int, crossRegion bool) error {
	if mbps == 0 {
		return nil
	}
	if !crossRegion {
		return fmt.Errorf("Bandwidth applies only to cross-region peerings; leave it empty for peers in one region")
	}
	if mbps < 0 {
		return fmt.Errorf("Bandwidth must be greater than 0 Mbit/s (it is %d)", mbps)
	}
	return nil
}

// CheckPeerLinkType validates CreateVpcPeerConnection's LinkType: Platinum or
// Gold (the default), cross-region only. Empty is unset.
func CheckPeerLinkType(linkType string, crossRegion bool) error {
	if linkType == "" {
		return nil
	}
	if !crossRegion {
		return fmt.Errorf("LinkType applies only to cross-region peerings; leave it empty for peers in one region")
	}
	return fieldErr("LinkType", oneOf(linkType, false, "Platinum", "Gold"))
}

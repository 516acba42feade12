package model

import (
	"fmt"
	"net/netip"
	"strings"
	"unicode/utf8"
)

// Documented constraints the forms do not check yet; the rules are here so
// a form and the simulator can share them.

// CheckVSwitchAgainstRoutes refuses a VSwitch block equal to the destination
// of a route entry in the VPC (CreateVSwitch CidrBlock: "must not equal the
// destination CIDR of a route entry in the VPC; a subset is OK";
// InvalidCidrBlock.Overlapped).
func CheckVSwitchAgainstRoutes(block netip.Prefix, routeDests []string) error {
	for _, d := range routeDests {
		if p, err := ParseCIDR(d); err == nil && p == block.Masked() {
			return fmt.Errorf("%s is the destination of a route in this VPC; choose another block or a part of it", p)
		}
	}
	return nil
}

// CheckNatDescription validates CreateNatGateway's Description, which the
// docs give only two rules (the §0 exception): 2-256 characters, no
// http:// or https:// prefix. Empty is allowed.
func CheckNatDescription(s string) error {
	if s == "" {
		return nil
	}
	if n := utf8.RuneCountInString(s); n < 2 || n > 256 {
		return fmt.Errorf("must be 2-256 characters (it is %d)", n)
	}
	if hasHTTPPrefix(s) {
		return fmt.Errorf("must not start with http:// or https://")
	}
	return nil
}

// CheckDefaultRouteFree refuses a NAT gateway whose VPC already routes
// 0.0.0.0/0: CreateNatGateway adds that route itself and fails if it exists
// ("delete it first").
func CheckDefaultRouteFree(routeDests []string) error {
	for _, d := range routeDests {
		if strings.TrimSpace(d) == "0.0.0.0/0" {
			return fmt.Errorf("the VPC already routes 0.0.0.0/0; a new NAT gateway adds that route itself, so delete the existing one first")
		}
	}
	return nil
}

package model

import "sync"

// kindConstructors lists every kind. Each constructor returns a fresh Kind so
// that nothing here is shared mutable state.
var kindConstructors = []func() *Kind{
	regionKind, zoneKind,
	vpcKind, vswitchKind, havipKind, vrouterKind, routeTableKind, routeEntryKind,
	gatewayKind, ipv6GatewayKind, ipv6RuleKind, ipv6AddressKind,
	natKind, snatKind, dnatKind, eipKind, cbwpKind, natBwpKind, gaKind,
	vpnKind, cgwKind, ipsecKind, sslServerKind, sslCertKind,
	vbrKind, pcKind, pcVbrKind, apKind, riKind, bgpKind, bgpPeerKind, bgpNetKind,
	flowLogKind, vpcFlowLogKind, sagFlowLogKind,
	peerKind,
}

var defaultRegistry = sync.OnceValue(func() *Registry {
	kinds := make([]*Kind, len(kindConstructors))
	for i, c := range kindConstructors {
		kinds[i] = c()
	}
	return NewRegistry(kinds...)
})

// Default returns the registry of every kind alivpc knows. It is built once
// and never modified.
func Default() *Registry { return defaultRegistry() }

package model

// gatewayKind is the gateways overview: NAT gateways, VPN gateways, VBRs and
// VPC peerings in one pane. Each column resolves by name in the row's own
// kind (see Cell); the Get funcs here serve rows whose kind lacks it.
func gatewayKind() *Kind {
	return &Kind{
		Name: "gw", Aliases: []string{"gateway", "gateways", "gws"}, Title: "Gateways", Singular: "Gateway", Order: 35,
		Members: []string{"nat", "vpn", "vbr", "peer"},
		Columns: append(unionColumns("Type", 13, 26, 20, 12),
			Column{Name: "VPC", Width: 26, Style: StyleID}, Column{Name: "Spec", Width: 8},
			regionColumn(), Column{Name: "Created", Width: 20, Style: StyleTime}),
		SortBy: "Type",
	}
}

package model

// gatewayKind is the gateways overview: NAT gateways, VPN gateways, VBRs and
// VPC peerings in one pane. Each column resolves by name in the row's own
// kind (see Cell); the Get funcs here serve rows whose kind lacks it.
func gatewayKind() *Kind {
	return &Kind{
		Name: "gw", Aliases: []string{"gateway", "gateways", "gws"}, Title: "Gateways", Singular: "Gateway", Order: 35,
		Members: []string{"nat", "vpn", "vbr", "peer"},
		Columns: cols(
			Column{Name: "Type", Width: 13, Style: StyleKind, Get: func(o *Object) string { return o.Kind.Singular }},
			Column{Name: "ID", Width: 26, Style: StyleID, Get: func(o *Object) string { return o.ID }},
			Column{Name: "Name", Width: 20, Get: func(o *Object) string { return o.Name }},
			Column{Name: "Status", Width: 12, Style: StyleStatus, Get: func(o *Object) string { return o.Status }},
			Column{Name: "VPC", Width: 26, Style: StyleID},
			Column{Name: "Spec", Width: 8},
			Column{Name: "Region", Width: 14, Get: func(o *Object) string { return o.Region }},
			Column{Name: "Created", Width: 20, Style: StyleTime},
		),
		SortBy: "Type",
	}
}

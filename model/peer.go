package model

// PeerVpc is one side of a VPC peering connection.
type PeerVpc struct {
	VpcId     string  `json:"VpcId"`
	Ipv4Cidrs Strings `json:"Ipv4Cidrs"`
	Ipv6Cidrs Strings `json:"Ipv6Cidrs"`
}

// VpcPeerConnection is an item of VpcPeer 2022-01-01 ListVpcPeerConnections
// (the top-level array VpcPeerConnects) and the body of
// GetVpcPeerConnectionAttribute. Account IDs are numbers in the SDK models;
// FlexInt also takes them as strings. Bandwidth is -1 for "no limit". Tags is
// a flat array here, not a {"Tag":[...]} wrapper.
type VpcPeerConnection struct {
	InstanceId        string     `json:"InstanceId"`
	Name              string     `json:"Name"`
	Description       string     `json:"Description"`
	Status            string     `json:"Status"`    // Creating | Accepting | Updating | Activated | Rejected | Expired | Deleting | Deleted
	BizStatus         string     `json:"BizStatus"` // Normal | FinancialLocked
	RegionId          string     `json:"RegionId"`
	OwnerId           FlexInt    `json:"OwnerId"`
	Vpc               PeerVpc    `json:"Vpc"`
	AcceptingOwnerUid FlexInt    `json:"AcceptingOwnerUid"`
	AcceptingRegionId string     `json:"AcceptingRegionId"`
	AcceptingVpc      PeerVpc    `json:"AcceptingVpc"`
	Bandwidth         int64      `json:"Bandwidth"` // Mbps; -1 = unlimited
	LinkType          string     `json:"LinkType"`  // Platinum | Gold
	ManagedService    string     `json:"ManagedService"`
	GmtCreate         string     `json:"GmtCreate"`
	GmtModified       string     `json:"GmtModified"`
	GmtExpired        string     `json:"GmtExpired"`
	ResourceGroupId   string     `json:"ResourceGroupId"`
	Tags              Items[Tag] `json:"Tags"`
}

// CrossRegion reports whether the two VPCs are in different regions.
func (p *VpcPeerConnection) CrossRegion() bool {
	return p.AcceptingRegionId != "" && p.RegionId != "" && p.AcceptingRegionId != p.RegionId
}

// BandwidthText renders the bandwidth, spelling out the unlimited -1.
func (p *VpcPeerConnection) BandwidthText() string {
	switch {
	case p.Bandwidth < 0:
		return "unlimited"
	case p.Bandwidth == 0:
		return ""
	}
	return Itoa(p.Bandwidth)
}

// peerKind: ListVpcPeerConnections takes VpcId only as a JSON array, so
// peerings are matched to a VPC on the client, by the requester VPC.
func peerKind() *Kind {
	return typed[VpcPeerConnection](&Kind{
		Name: "peer", Aliases: []string{"peers", "vpcpeer", "vpcpeers", "pcc"}, Title: "VPC Peering Connections", Singular: "VPC peering", Order: 80,
		List:   ListSpec{Product: ProductVpcPeer, Action: "ListVpcPeerConnections", Path: "VpcPeerConnects", Paging: NextTokenPaging, SizeParam: "MaxResults", MaxPageSize: 100},
		Get:    attrGet(ProductVpcPeer, "GetVpcPeerConnectionAttribute", "InstanceId", "ResourceNotFound.InstanceId"),
		Scopes: []Scope{{Parent: "vpc", Of: childOf(func(p *VpcPeerConnection) string { return p.Vpc.VpcId })}},
		// Listed in both regions of a cross-region peering; it lives in
		// the requester's.
		HomeRegion: Field(func(p *VpcPeerConnection) string { return p.RegionId }),
		Columns: cols(
			"ID 26 id InstanceId", "Name 18", "Status 10 status", "VPC 26 id Vpc.VpcId",
			"Peer VPC 26 id AcceptingVpc.VpcId", "Peer Region 14 AcceptingRegionId",
			Col("Peer Account", 18, StylePlain, func(p *VpcPeerConnection) string {
				if p.AcceptingOwnerUid == 0 {
					return ""
				}
				return Itoa(p.AcceptingOwnerUid)
			}),
			"Spec 8 LinkType",
			Col("Bandwidth", 9, StyleNumber, func(p *VpcPeerConnection) string { return p.BandwidthText() }),
			"Peer CIDRs 20 cidr AcceptingVpc.Ipv4Cidrs", regionColumn(), "Created 20 time GmtCreate",
			"Description 24",
		),
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Activated"},
			PhaseTransitional: {"Creating", "Updating", "Deleting"},
			// Accepting waits for the other account, not for the system:
			// settled until someone acts, so it is not polled.
			PhaseInactive: {"Accepting", "Rejected", "Deleted"},
			PhaseFailed:   {"Expired"},
		}),
		Target: []string{"Activated", "Accepting"}, TrackTimeoutMinutes: 5,
	})
}

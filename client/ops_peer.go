package client

// Typed operations for VPC peering connections (VpcPeer 2022-01-01).
// Conventions: see ops_vpc.go. The API documents RegionId only for Create
// and List; the other inputs carry it too because it selects the endpoint
// (the accepter calls its own region), and the transport sends a RegionId
// with every call anyway.

import (
	"github.com/alivpc/alivpc/model"
)

// CreateVpcPeerConnectionInput is CreateVpcPeerConnection's parameters.
// Bandwidth and LinkType apply only across regions.
type CreateVpcPeerConnectionInput struct {
	RegionId          string      `param:"RegionId"`
	VpcId             string      `param:"VpcId"`
	AcceptingAliUid   int64       `param:"AcceptingAliUid"`
	AcceptingRegionId string      `param:"AcceptingRegionId"`
	AcceptingVpcId    string      `param:"AcceptingVpcId"`
	Name              string      `param:"Name"`
	Description       string      `param:"Description"`
	Bandwidth         int         `param:"Bandwidth"` // Mbps
	LinkType          string      `param:"LinkType"`  // Platinum | Gold (default)
	ResourceGroupId   string      `param:"ResourceGroupId"`
	Tag               []model.Tag `param:"Tag"`
	DryRun            bool        `param:"DryRun"`
	ClientToken       string      `param:"ClientToken"`
}

// CreateVpcPeerConnectionOutput is CreateVpcPeerConnection's answer.
type CreateVpcPeerConnectionOutput struct {
	RequestId  string `json:"RequestId"`
	InstanceId string `json:"InstanceId"`
}

// CreateVpcPeerConnection requests a peering. It is asynchronous: Creating,
// then Activated within one account, or Accepting until the other account
// accepts. Only one creation per VPC may run at a time.
var CreateVpcPeerConnection = Op[CreateVpcPeerConnectionInput, CreateVpcPeerConnectionOutput]{model.ProductVpcPeer, "CreateVpcPeerConnection"}

// AcceptVpcPeerConnectionInput is AcceptVpcPeerConnection's parameters.
type AcceptVpcPeerConnectionInput struct {
	RegionId        string      `param:"RegionId"`
	InstanceId      string      `param:"InstanceId"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tag             []model.Tag `param:"Tag"`
	DryRun          bool        `param:"DryRun"`
	ClientToken     string      `param:"ClientToken"`
}

// AcceptVpcPeerConnection accepts a peering from another account, called
// by the accepter (Accepting → Activated).
var AcceptVpcPeerConnection = Op[AcceptVpcPeerConnectionInput, Result]{model.ProductVpcPeer, "AcceptVpcPeerConnection"}

// VpcPeerInput names one peering.
type VpcPeerInput struct {
	RegionId    string `param:"RegionId"`
	InstanceId  string `param:"InstanceId"`
	DryRun      bool   `param:"DryRun"`
	ClientToken string `param:"ClientToken"`
}

// RejectVpcPeerConnection rejects a peering from another account
// (→ Rejected).
var RejectVpcPeerConnection = Op[VpcPeerInput, Result]{model.ProductVpcPeer, "RejectVpcPeerConnection"}

// ModifyVpcPeerConnectionInput is ModifyVpcPeerConnection's parameters.
type ModifyVpcPeerConnectionInput struct {
	RegionId    string `param:"RegionId"`
	InstanceId  string `param:"InstanceId"`
	Name        string `param:"Name"`
	Description string `param:"Description"`
	Bandwidth   int    `param:"Bandwidth"`
	LinkType    string `param:"LinkType"`
	DryRun      bool   `param:"DryRun"`
	ClientToken string `param:"ClientToken"`
}

// ModifyVpcPeerConnection renames a peering or changes its bandwidth or link
// type (Updating → Activated).
var ModifyVpcPeerConnection = Op[ModifyVpcPeerConnectionInput, Result]{model.ProductVpcPeer, "ModifyVpcPeerConnection"}

// DeleteVpcPeerConnectionInput is DeleteVpcPeerConnection's parameters.
// Force also deletes the routes that point at the peering.
type DeleteVpcPeerConnectionInput struct {
	RegionId    string `param:"RegionId"`
	InstanceId  string `param:"InstanceId"`
	Force       bool   `param:"Force"`
	DryRun      bool   `param:"DryRun"`
	ClientToken string `param:"ClientToken"`
}

// DeleteVpcPeerConnection deletes a peering (Deleting → Deleted).
var DeleteVpcPeerConnection = Op[DeleteVpcPeerConnectionInput, Result]{model.ProductVpcPeer, "DeleteVpcPeerConnection"}

// ListVpcPeerConnectionsInput filters ListVpcPeerConnections. VpcId matches
// either side and travels as one JSON array.
type ListVpcPeerConnectionsInput struct {
	RegionId        string      `param:"RegionId"`
	InstanceId      string      `param:"InstanceId"`
	Name            string      `param:"Name"`
	VpcId           []string    `param:"VpcId,json"`
	ResourceGroupId string      `param:"ResourceGroupId"`
	Tags            []model.Tag `param:"Tags"`
}

// ListVpcPeerConnections lists every peering matching the filter (NextToken
// paging).
var ListVpcPeerConnections = ListOp[ListVpcPeerConnectionsInput, model.VpcPeerConnection]{"peer"}

// GetVpcPeerConnectionAttributeInput names one peering.
type GetVpcPeerConnectionAttributeInput struct {
	RegionId   string `param:"RegionId"`
	InstanceId string `param:"InstanceId"`
}

// GetVpcPeerConnectionAttribute fetches one peering; *NotFoundError when it
// no longer exists.
var GetVpcPeerConnectionAttribute = DescribeOp[GetVpcPeerConnectionAttributeInput, model.VpcPeerConnection]{model.ProductVpcPeer, "GetVpcPeerConnectionAttribute", "InstanceId",
	func(v *model.VpcPeerConnection) string { return v.InstanceId }}

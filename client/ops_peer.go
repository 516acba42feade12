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
	RegionId          string
	VpcId             string
	AcceptingAliUid   int64
	AcceptingRegionId string
	AcceptingVpcId    string
	Name              string
	Description       string
	Bandwidth         int    // Mbps
	LinkType          string // Platinum | Gold (default)
	ResourceGroupId   string
	Tag               []model.Tag
	DryRun            bool
	ClientToken       string
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
	RegionId        string
	InstanceId      string
	ResourceGroupId string
	Tag             []model.Tag
	DryRun          bool
	ClientToken     string
}

// AcceptVpcPeerConnection accepts a peering from another account, called
// by the accepter (Accepting → Activated).
var AcceptVpcPeerConnection = Op[AcceptVpcPeerConnectionInput, Result]{model.ProductVpcPeer, "AcceptVpcPeerConnection"}

// VpcPeerInput names one peering.
type VpcPeerInput struct {
	RegionId    string
	InstanceId  string
	DryRun      bool
	ClientToken string
}

// RejectVpcPeerConnection rejects a peering from another account
// (→ Rejected).
var RejectVpcPeerConnection = Op[VpcPeerInput, Result]{model.ProductVpcPeer, "RejectVpcPeerConnection"}

// ModifyVpcPeerConnectionInput is ModifyVpcPeerConnection's parameters.
type ModifyVpcPeerConnectionInput struct {
	RegionId    string
	InstanceId  string
	Name        string
	Description string
	Bandwidth   int
	LinkType    string
	DryRun      bool
	ClientToken string
}

// ModifyVpcPeerConnection renames a peering or changes its bandwidth or link
// type (Updating → Activated).
var ModifyVpcPeerConnection = Op[ModifyVpcPeerConnectionInput, Result]{model.ProductVpcPeer, "ModifyVpcPeerConnection"}

// DeleteVpcPeerConnectionInput is DeleteVpcPeerConnection's parameters.
// Force also deletes the routes that point at the peering.
type DeleteVpcPeerConnectionInput struct {
	RegionId    string
	InstanceId  string
	Force       bool
	DryRun      bool
	ClientToken string
}

// DeleteVpcPeerConnection deletes a peering (Deleting → Deleted).
var DeleteVpcPeerConnection = Op[DeleteVpcPeerConnectionInput, Result]{model.ProductVpcPeer, "DeleteVpcPeerConnection"}

// ListVpcPeerConnectionsInput filters ListVpcPeerConnections. VpcId matches
// either side and travels as one JSON array.
type ListVpcPeerConnectionsInput struct {
	RegionId        string
	InstanceId      string
	Name            string
	VpcId           []string `param:"VpcId,json"`
	ResourceGroupId string
	Tags            []model.Tag
}

// ListVpcPeerConnections lists every peering matching the filter (NextToken
// paging).
var ListVpcPeerConnections = ListOp[ListVpcPeerConnectionsInput, model.VpcPeerConnection]{"peer"}

// GetVpcPeerConnectionAttributeInput names one peering.
type GetVpcPeerConnectionAttributeInput struct {
	RegionId   string
	InstanceId string
}

// GetVpcPeerConnectionAttribute fetches one peering; *NotFoundError when it
// no longer exists.
var GetVpcPeerConnectionAttribute = DescribeOp[GetVpcPeerConnectionAttributeInput, model.VpcPeerConnection]{model.ProductVpcPeer, "GetVpcPeerConnectionAttribute", "InstanceId"}

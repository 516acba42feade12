package client

// Typed operations for physical connections and access points (VPC
// 2016-04-28, 003 §10 and §22.2). Every write takes a ClientToken.
// Conventions: see ops_vpc.go.

import (
	"github.com/alivpc/alivpc/model"
)

// CreatePhysicalConnectionInput is CreatePhysicalConnection's parameters.
// Bandwidth (Mbit/s, 2-10240, 100 when 0) is sent as bandwidth, the
// spelling the API and the official SDK use.
type CreatePhysicalConnectionInput struct {
	RegionId                      string
	AccessPointId                 string
	LineOperator                  string // CT | CU | CM | CO | Equinix | Other
	PeerLocation                  string
	PortType                      string
	Bandwidth                     int `param:"bandwidth"`
	CircuitCode                   string
	RedundantPhysicalConnectionId string
	Name                          string
	Description                   string
	ResourceGroupId               string
	Tag                           []model.Tag
	ClientToken                   string
}

// CreatePhysicalConnectionOutput is CreatePhysicalConnection's answer.
type CreatePhysicalConnectionOutput struct {
	RequestId            string `json:"RequestId"`
	PhysicalConnectionId string `json:"PhysicalConnectionId"`
}

// CreatePhysicalConnection applies for a physical connection (→ Initial;
// the provider moves it on to Confirmed).
var CreatePhysicalConnection = Op[CreatePhysicalConnectionInput, CreatePhysicalConnectionOutput]{model.ProductVPC, "CreatePhysicalConnection"}

// ModifyPhysicalConnectionAttributeInput is
// ModifyPhysicalConnectionAttribute's parameters. The port, the bandwidth
// and the redundant connection change only while Initial or Rejected.
type ModifyPhysicalConnectionAttributeInput struct {
	RegionId                      string
	PhysicalConnectionId          string
	Name                          string
	Description                   string
	LineOperator                  string
	PeerLocation                  string
	PortType                      string
	Bandwidth                     int `param:"bandwidth"`
	CircuitCode                   string
	RedundantPhysicalConnectionId string
	ClientToken                   string
}

// ModifyPhysicalConnectionAttribute changes a physical connection; a
// Rejected one applies again (→ Initial).
var ModifyPhysicalConnectionAttribute = Op[ModifyPhysicalConnectionAttributeInput, Result]{model.ProductVPC, "ModifyPhysicalConnectionAttribute"}

// PhysicalConnectionInput names one physical connection.
type PhysicalConnectionInput struct {
	RegionId             string
	PhysicalConnectionId string
	ClientToken          string
}

// CancelPhysicalConnection withdraws an application (Initial, Approved,
// Allocated or Confirmed → Canceled).
var CancelPhysicalConnection = Op[PhysicalConnectionInput, Result]{model.ProductVPC, "CancelPhysicalConnection"}

// EnablePhysicalConnection puts a Confirmed connection into service
// (→ Enabled).
var EnablePhysicalConnection = Op[PhysicalConnectionInput, Result]{model.ProductVPC, "EnablePhysicalConnection"}

// TerminatePhysicalConnection ends an Enabled connection with no VBR left
// (Terminating → Terminated).
var TerminatePhysicalConnection = Op[PhysicalConnectionInput, Result]{model.ProductVPC, "TerminatePhysicalConnection"}

// DeletePhysicalConnectionInput is DeletePhysicalConnection's parameters.
type DeletePhysicalConnectionInput struct {
	RegionId             string
	PhysicalConnectionId string
	UserCidr             string
	ClientToken          string
}

// DeletePhysicalConnection deletes a Rejected, Canceled, AllocationFailed
// or Terminated connection.
var DeletePhysicalConnection = Op[DeletePhysicalConnectionInput, Result]{model.ProductVPC, "DeletePhysicalConnection"}

// DescribeAccessPointsInput filters DescribeAccessPoints: Type, Name,
// HostOperator and Filter.N (Status, ...).
type DescribeAccessPointsInput struct {
	RegionId     string
	Type         string
	Name         string
	HostOperator string
	Filter       []Filter
}

// DescribeAccessPoints lists every access point of a region matching the
// filter.
var DescribeAccessPoints = ListOp[DescribeAccessPointsInput, model.AccessPoint]{"ap"}

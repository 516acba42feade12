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
	RegionId                      string      `param:"RegionId"`
	AccessPointId                 string      `param:"AccessPointId"`
	LineOperator                  string      `param:"LineOperator"` // CT | CU | CM | CO | Equinix | Other
	PeerLocation                  string      `param:"PeerLocation"`
	PortType                      string      `param:"PortType"`
	Bandwidth                     int         `param:"bandwidth"`
	CircuitCode                   string      `param:"CircuitCode"`
	RedundantPhysicalConnectionId string      `param:"RedundantPhysicalConnectionId"`
	Name                          string      `param:"Name"`
	Description                   string      `param:"Description"`
	ResourceGroupId               string      `param:"ResourceGroupId"`
	Tag                           []model.Tag `param:"Tag"`
	ClientToken                   string      `param:"ClientToken"`
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
	RegionId                      string `param:"RegionId"`
	PhysicalConnectionId          string `param:"PhysicalConnectionId"`
	Name                          string `param:"Name"`
	Description                   string `param:"Description"`
	LineOperator                  string `param:"LineOperator"`
	PeerLocation                  string `param:"PeerLocation"`
	PortType                      string `param:"PortType"`
	Bandwidth                     int    `param:"bandwidth"`
	CircuitCode                   string `param:"CircuitCode"`
	RedundantPhysicalConnectionId string `param:"RedundantPhysicalConnectionId"`
	ClientToken                   string `param:"ClientToken"`
}

// ModifyPhysicalConnectionAttribute changes a physical connection; a
// Rejected one applies again (→ Initial).
var ModifyPhysicalConnectionAttribute = Op[ModifyPhysicalConnectionAttributeInput, Result]{model.ProductVPC, "ModifyPhysicalConnectionAttribute"}

// PhysicalConnectionInput names one physical connection.
type PhysicalConnectionInput struct {
	RegionId             string `param:"RegionId"`
	PhysicalConnectionId string `param:"PhysicalConnectionId"`
	ClientToken          string `param:"ClientToken"`
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
	RegionId             string `param:"RegionId"`
	PhysicalConnectionId string `param:"PhysicalConnectionId"`
	UserCidr             string `param:"UserCidr"`
	ClientToken          string `param:"ClientToken"`
}

// DeletePhysicalConnection deletes a Rejected, Canceled, AllocationFailed
// or Terminated connection.
var DeletePhysicalConnection = Op[DeletePhysicalConnectionInput, Result]{model.ProductVPC, "DeletePhysicalConnection"}

// DescribeAccessPointsInput filters DescribeAccessPoints: Type, Name,
// HostOperator and Filter.N (Status, ...).
type DescribeAccessPointsInput struct {
	RegionId     string   `param:"RegionId"`
	Type         string   `param:"Type"`
	Name         string   `param:"Name"`
	HostOperator string   `param:"HostOperator"`
	Filter       []Filter `param:"Filter"`
}

// DescribeAccessPoints lists every access point of a region matching the
// filter.
var DescribeAccessPoints = ListOp[DescribeAccessPointsInput, model.AccessPoint]{"ap"}

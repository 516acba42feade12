package client

// Typed operations for global acceleration instances (VPC 2016-04-28, seed
// 003 §18). Conventions: see ops_vpc.go.

import (
	"context"

	"github.com/alivpc/alivpc/model"
)

// CreateGlobalAccelerationInstanceInput is CreateGlobalAccelerationInstance's
// parameters: a pay-as-you-go instance with a bandwidth of the documented
// list, accelerating a service in ServiceLocation. BandwidthType (Sharing
// or Exclusive, the default) is the SDK's parameter.
type CreateGlobalAccelerationInstanceInput struct {
	RegionId        string
	ServiceLocation string
	Bandwidth       string
	BandwidthType   string
	Name            string
	Description     string
	ClientToken     string
}

// CreateGlobalAccelerationInstanceOutput is the create call's answer.
type CreateGlobalAccelerationInstanceOutput struct {
	RequestId                    string `json:"RequestId"`
	GlobalAccelerationInstanceId string `json:"GlobalAccelerationInstanceId"`
	IpAddress                    string `json:"IpAddress"`
}

// CreateGlobalAccelerationInstance creates an instance (Available).
var CreateGlobalAccelerationInstance = Op[CreateGlobalAccelerationInstanceInput, CreateGlobalAccelerationInstanceOutput]{model.ProductVPC, "CreateGlobalAccelerationInstance"}

// GAInput names one instance: the parameters of
// DeleteGlobalAccelerationInstance.
type GAInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
}

// DeleteGlobalAccelerationInstance deletes an instance with no backend
// server and no EIP.
var DeleteGlobalAccelerationInstance = Op[GAInput, Result]{model.ProductVPC, "DeleteGlobalAccelerationInstance"}

// ModifyGlobalAccelerationInstanceAttributesInput renames an instance or
// changes its description.
type ModifyGlobalAccelerationInstanceAttributesInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
	Name                         string
	Description                  string
}

// ModifyGlobalAccelerationInstanceAttributes changes name and description.
var ModifyGlobalAccelerationInstanceAttributes = Op[ModifyGlobalAccelerationInstanceAttributesInput, Result]{model.ProductVPC, "ModifyGlobalAccelerationInstanceAttributes"}

// ModifyGlobalAccelerationInstanceSpecInput changes the bandwidth (a string
// in this call).
type ModifyGlobalAccelerationInstanceSpecInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
	Bandwidth                    string
}

// ModifyGlobalAccelerationInstanceSpec changes an instance's bandwidth.
var ModifyGlobalAccelerationInstanceSpec = Op[ModifyGlobalAccelerationInstanceSpecInput, Result]{model.ProductVPC, "ModifyGlobalAccelerationInstanceSpec"}

// AssociateGlobalAccelerationInstanceInput binds a backend server (a VPC ECS
// instance or SLB instance of another region, inside the service location)
// to an exclusive instance.
type AssociateGlobalAccelerationInstanceInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
	BackendServerId              string
	BackendServerRegionId        string
	BackendServerType            string
}

// AssociateGlobalAccelerationInstance binds the backend (Associating →
// InUse).
var AssociateGlobalAccelerationInstance = Op[AssociateGlobalAccelerationInstanceInput, Result]{model.ProductVPC, "AssociateGlobalAccelerationInstance"}

// UnassociateGlobalAccelerationInstanceInput unbinds an instance's backend;
// InstanceType is RemoteEcsInstance, RemoteSlbInstance or RemoteEniInstance.
type UnassociateGlobalAccelerationInstanceInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
	InstanceType                 string
}

// UnassociateGlobalAccelerationInstance unbinds the backend (Unassociating
// → Available).
var UnassociateGlobalAccelerationInstance = Op[UnassociateGlobalAccelerationInstanceInput, Result]{model.ProductVPC, "UnassociateGlobalAccelerationInstance"}

// GAIpInput names an EIP (IpInstanceId, pay-as-you-go, in the instance's
// region) of a sharing instance.
type GAIpInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
	IpInstanceId                 string
}

// AddGlobalAccelerationInstanceIp adds an EIP to a sharing instance.
var AddGlobalAccelerationInstanceIp = Op[GAIpInput, Result]{model.ProductVPC, "AddGlobalAccelerationInstanceIp"}

// RemoveGlobalAccelerationInstanceIp removes an EIP from a sharing instance.
var RemoveGlobalAccelerationInstanceIp = Op[GAIpInput, Result]{model.ProductVPC, "RemoveGlobalAccelerationInstanceIp"}

// DescribeGlobalAccelerationInstancesInput filters
// DescribeGlobalAccelerationInstances.
type DescribeGlobalAccelerationInstancesInput struct {
	RegionId                     string
	GlobalAccelerationInstanceId string
	BandwidthType                string
	ServiceLocation              string
	ServerId                     string
	IpAddress                    string
	Name                         string
	Status                       string
}

// DescribeGlobalAccelerationInstances lists every instance matching the
// filter.
var DescribeGlobalAccelerationInstances = ListOp[DescribeGlobalAccelerationInstancesInput, model.GlobalAcceleration]{"ga"}

// DescribeServerRelatedGlobalAccelerationInstancesInput names a backend
// server (ServerType EcsInstance, the default, or SlbInstance) in RegionId.
type DescribeServerRelatedGlobalAccelerationInstancesInput struct {
	RegionId   string
	ServerId   string
	ServerType string
}

// ServerRelatedGA is one exclusive instance accelerating a server.
type ServerRelatedGA struct {
	GlobalAccelerationInstanceId string `json:"GlobalAccelerationInstanceId"`
	IpAddress                    string `json:"IpAddress"`
	RegionId                     string `json:"RegionId"`
	ServerIpAddress              string `json:"ServerIpAddress"`
}

// DescribeServerRelatedGlobalAccelerationInstancesOutput is its answer.
type DescribeServerRelatedGlobalAccelerationInstancesOutput struct {
	RequestId                   string `json:"RequestId"`
	GlobalAccelerationInstances struct {
		GlobalAccelerationInstance []ServerRelatedGA `json:"GlobalAccelerationInstance"`
	} `json:"GlobalAccelerationInstances"`
}

// DescribeServerRelatedGlobalAccelerationInstances lists the exclusive
// instances (of any region) whose backend is the server.
func (c *Client) DescribeServerRelatedGlobalAccelerationInstances(ctx context.Context, in *DescribeServerRelatedGlobalAccelerationInstancesInput) ([]ServerRelatedGA, error) {
	out, err := Invoke[DescribeServerRelatedGlobalAccelerationInstancesOutput](ctx, c, model.ProductVPC,
		"DescribeServerRelatedGlobalAccelerationInstances", "", in)
	if err != nil {
		return nil, err
	}
	return out.GlobalAccelerationInstances.GlobalAccelerationInstance, nil
}

package client

import (
	"context"
	"time"

	"github.com/alivpc/alivpc/model"
)

// MonitorInput asks for an address's traffic between StartTime and
// EndTime (UTC, seed 003 §21) in Period-second points (60, 600 or 3600).
type MonitorInput struct {
	RegionId     string
	AllocationId string
	StartTime    string
	EndTime      string
	Period       int
}

// LastHour is a MonitorInput for the hour before now in one-minute
// points.
func LastHour(region, allocationID string, now time.Time) *MonitorInput {
	end := now.UTC().Truncate(time.Minute)
	return &MonitorInput{RegionId: region, AllocationId: allocationID, Period: 60,
		StartTime: end.Add(-time.Hour).Format("2006-01-02T15:04:05Z"), EndTime: end.Format("2006-01-02T15:04:05Z")}
}

type eipMonitorOutput struct {
	RequestId       string `json:"RequestId"`
	EipMonitorDatas struct {
		EipMonitorData []model.MonitorPoint `json:"EipMonitorData"`
	} `json:"EipMonitorDatas"`
}

type bwpMonitorOutput struct {
	RequestId    string `json:"RequestId"`
	MonitorDatas struct {
		MonitorData []model.MonitorPoint `json:"MonitorData"`
	} `json:"MonitorDatas"`
}

// DescribeEipMonitorData returns an EIP's traffic points (seed 003 §21.2;
// the seed lists no RegionId, which selects the endpoint when given).
func (c *Client) DescribeEipMonitorData(ctx context.Context, in *MonitorInput) ([]model.MonitorPoint, error) {
	out, err := Invoke[eipMonitorOutput](ctx, c, model.ProductVPC, "DescribeEipMonitorData", "", in)
	if err != nil {
		return nil, err
	}
	return out.EipMonitorDatas.EipMonitorData, nil
}

// DescribeBandwidthPackagePublicIpMonitorData returns the traffic points of
// a NAT bandwidth package's public IP (seed 003 §21.1).
func (c *Client) DescribeBandwidthPackagePublicIpMonitorData(ctx context.Context, in *MonitorInput) ([]model.MonitorPoint, error) {
	out, err := Invoke[bwpMonitorOutput](ctx, c, model.ProductVPC, "DescribeBandwidthPackagePublicIpMonitorData", "", in)
	if err != nil {
		return nil, err
	}
	return out.MonitorDatas.MonitorData, nil
}

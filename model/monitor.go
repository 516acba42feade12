package model

// MonitorPoint is one period of an address's traffic (seed 003 §21:
// EipMonitorData / MonitorData): bytes received and sent, their sum,
// packets, the bandwidth used in Mbit/s, and the period's start.
type MonitorPoint struct {
	EipRX        int64  `json:"EipRX"`
	EipTX        int64  `json:"EipTX"`
	EipFlow      int64  `json:"EipFlow"`
	EipPackets   int64  `json:"EipPackets"`
	EipBandwidth int64  `json:"EipBandwidth"`
	TimeStamp    string `json:"TimeStamp"`
}

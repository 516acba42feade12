package sim

import (
	"hash/fnv"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Traffic monitoring (seed 003 §21): DescribeEipMonitorData and
// DescribeBandwidthPackagePublicIpMonitorData answer plausible,
// deterministic series: the same address and minute always give the same
// numbers, a working day's shape (quiet at night, busy in the afternoon,
// in the region's UTC+8 day) under the address's bandwidth, and nothing
// for an address that carries no traffic (an EIP not bound to anything).
//
// Time rules as the seed gives them: StartTime and EndTime in UTC ISO 8601
// (YYYY-MM-DDThh:mm:ssZ), a time with non-zero seconds rounded up to the
// next minute; Period 60 (default), 600 or 3600 seconds; at most 200
// points (the seed's "(EndTime - StartTime)/Period" rule: a longer range
// is answered with its first 200 points, as the current reference says).
// Data exist for the last 30 days and up to the simulator's now.

const (
	monitorMaxPoints = 200
	monitorRetention = 30 * 24 * time.Hour
)

func addMonitorOps(r *registry) {
	r.read(model.ProductVPC, "DescribeEipMonitorData", monitorOp(eipMonitorTarget, "EipMonitorDatas", "EipMonitorData"))
	r.read(model.ProductVPC, "DescribeBandwidthPackagePublicIpMonitorData", monitorOp(bwpIPTarget, "MonitorDatas", "MonitorData"))
}

// monitorTarget is an address the simulator has traffic for: its
// bandwidth in Mbit/s and whether anything uses it.
type monitorTarget struct {
	id        string
	bandwidth float64
	active    bool
}

// eipTarget finds an EIP by AllocationId (any region when none is given:
// the seed lists no RegionId for DescribeEipMonitorData).
func eipTarget(c *call, region string) (*monitorTarget, error) {
	rec, err := lookupEip(c, region)
	if err != nil {
		return nil, err
	}
	e := eipOf(rec)
	return &monitorTarget{id: rec.ID, bandwidth: monitorMbps(e.Bandwidth), active: e.InstanceId != ""}, nil
}

// monitorMbps reads a stored bandwidth; one unset or unreadable counts as
// 5 Mbit/s, AllocateEipAddress's default.
func monitorMbps(s string) float64 {
	bw, err := strconv.ParseFloat(s, 64)
	if err != nil || bw <= 0 {
		return 5
	}
	return bw
}

// eipMonitorTarget is the EIP AllocationId names, in RegionId when it is
// given.
func eipMonitorTarget(c *call) (*monitorTarget, error) {
	region, err := c.optRegion()
	if err != nil {
		return nil, err
	}
	return eipTarget(c, region)
}

// bwpIPTarget serves the IPs of NAT bandwidth packages; it requires
// RegionId (seed 003 §21.1). An address is found among the packages' IPs,
// then the region's EIPs.
func bwpIPTarget(c *call) (*monitorTarget, error) {
	region, err := regionNeed(c, "AllocationId")
	if err != nil {
		return nil, err
	}
	id := strings.TrimSpace(c.str("AllocationId"))
	if t := natBwpIPTarget(c.st, region, id); t != nil {
		return t, nil
	}
	return eipTarget(c, region)
}

// monitorOp answers a monitoring call: the series of the address target
// finds, as {wrapper: {item: [...]}}.
func monitorOp(target func(*call) (*monitorTarget, error), wrapper, item string) func(*call) (any, error) {
	return func(c *call) (any, error) {
		t, err := target(c)
		if err != nil {
			return nil, err
		}
		points, err := monitorSeries(c, t)
		if err != nil {
			return nil, err
		}
		return M{wrapper: M{item: points}}, nil
	}
}

// monitorTime parses a seed time and rounds non-zero seconds up.
func monitorTime(c *call, name string) (time.Time, error) {
	s := strings.TrimSpace(c.str(name))
	if s == "" {
		return time.Time{}, errMissing(name)
	}
	t, err := time.Parse("2006-01-02T15:04:05Z", s)
	if err != nil {
		if t, err = time.Parse("2006-01-02T15:04Z", s); err != nil {
			return time.Time{}, errInvalidParamMsg(name, "The specified "+name+" is not in the format YYYY-MM-DDThh:mm:ssZ (UTC).")
		}
	}
	if t.Second() != 0 {
		t = t.Truncate(time.Minute).Add(time.Minute)
	}
	return t, nil
}

func monitorSeries(c *call, t *monitorTarget) ([]M, error) {
	start, err := monitorTime(c, "StartTime")
	if err != nil {
		return nil, err
	}
	end, err := monitorTime(c, "EndTime")
	if err != nil {
		return nil, err
	}
	if !end.After(start) {
		return nil, errInvalidParamMsg("EndTime", "The specified EndTime must be later than StartTime.")
	}
	period := 60
	if s := strings.TrimSpace(c.str("Period")); s != "" {
		p, err := strconv.Atoi(s)
		if err != nil || (p != 60 && p != 600 && p != 3600) {
			return nil, errInvalidParamMsg("Period", "The specified Period must be 60, 600 or 3600.")
		}
		period = p
	}
	// Traffic exists up to the simulator's now and 30 days back.
	now := c.now
	step := time.Duration(period) * time.Second
	if oldest := now.Add(-monitorRetention); start.Before(oldest) {
		start = oldest.Truncate(step).Add(step)
	}
	if end.After(now) {
		end = now
	}
	if a := start.Truncate(step); !a.Equal(start) {
		start = a.Add(step) // points start on the period's boundaries
	}
	out := []M{}
	for ts := start; ts.Before(end) && len(out) < monitorMaxPoints; ts = ts.Add(step) {
		out = append(out, monitorPoint(t, ts, period))
	}
	return out, nil
}

// monitorPoint is one period's traffic of t starting at ts: bytes in and
// out, packets, and the bandwidth used (Mbit/s).
func monitorPoint(t *monitorTarget, ts time.Time, period int) M {
	var rx, tx, pkts float64
	if t.active {
		var used float64
		// Average the per-minute load over the period.
		minutes := max(period/60, 1)
		level := loadLevel(t.id)
		for m := range minutes {
			used += load(t.id, level, ts.Add(time.Duration(m)*time.Minute))
		}
		used /= float64(minutes)
		bytesPerSec := used * t.bandwidth * 1e6 / 8
		tx = bytesPerSec * float64(period)
		rx = tx * (0.25 + 0.2*noise(t.id+"rx", ts))
		pkts = (rx + tx) / 900
	}
	return M{
		"EipRX": int64(rx), "EipTX": int64(tx), "EipFlow": int64(rx) + int64(tx),
		"EipPackets":   int64(pkts),
		"EipBandwidth": int64(math.Round(tx * 8 / float64(period) / 1e6)),
		"TimeStamp":    ts.UTC().Format("2006-01-02T15:04:05Z"),
	}
}

// utc8 is the region's day for the traffic curve.
var utc8 = time.FixedZone("UTC+8", 8*3600)

// loadLevel is the address's own level of use (0.3..0.9), the same for
// every minute.
func loadLevel(id string) float64 { return 0.3 + 0.6*noise(id, time.Time{}) }

// load is the share of the bandwidth used in the minute at ts (0..0.95):
// a day's curve in UTC+8 at the address's level (loadLevel) with
// minute-to-minute noise.
func load(id string, level float64, ts time.Time) float64 {
	hour := float64(ts.In(utc8).Hour()) + float64(ts.Minute())/60
	day := 0.5 - 0.45*math.Cos((hour-3)/24*2*math.Pi) // low at 03:00, high at 15:00
	v := level*day*(0.8+0.4*noise(id, ts.Truncate(time.Minute))) + 0.02
	return math.Min(v, 0.95)
}

// noise is a deterministic value in [0,1) for a key and a time.
func noise(key string, ts time.Time) float64 {
	h := fnv.New64a()
	h.Write([]byte(key))
	h.Write([]byte(strconv.FormatInt(ts.Unix(), 10)))
	return float64(h.Sum64()%1_000_000) / 1_000_000
}

// natBwpIPTarget finds a NAT bandwidth package's public IP by AllocationId:
// it shares its package's bandwidth and carries traffic once SNAT or DNAT
// uses it.
func natBwpIPTarget(st *store, region, id string) *monitorTarget {
	ix := st.inRegion(kindNatBwp, region)
	if ix == nil {
		return nil
	}
	for _, r := range ix.recs {
		b := natBwpOf(r)
		for _, ip := range b.IPs() {
			if ip.AllocationId == id {
				// The use of this IP only, not every package's as rendering shows it.
				return &monitorTarget{id: id, bandwidth: monitorMbps(b.Bandwidth), active: natIPUse(st, b.NatGatewayId, ip.IpAddress) != "Idle"}
			}
		}
	}
	return nil
}

package sim

import (
	"fmt"
	"iter"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// regionInfo is one region of the DescribeRegions list.
type regionInfo struct {
	ID       string
	Code     string // three characters in generated IDs, as the real IDs carry (vpc-bp1...)
	NameZH   string
	NameEN   string
	Endpoint string
	Zones    []string // zone suffixes: "b" → cn-hangzhou-b
}

// city is the English place name used for zone names ("Hangzhou Zone B").
func (r *regionInfo) city() string {
	if i := strings.Index(r.NameEN, "("); i >= 0 {
		return strings.TrimSuffix(r.NameEN[i+1:], ")")
	}
	return r.NameEN
}

func (r *regionInfo) zoneIDs() []string {
	out := make([]string, len(r.Zones))
	for i, z := range r.Zones {
		out[i] = r.ID + "-" + z
	}
	return out
}

func (r *regionInfo) hasZone(id string) bool {
	for _, z := range r.Zones {
		if r.ID+"-"+z == id {
			return true
		}
	}
	return false
}

// zoneName is a zone's LocalName in the given language.
func (r *regionInfo) zoneName(zoneID string, english bool) string {
	suffix := strings.ToUpper(strings.TrimPrefix(zoneID, r.ID+"-"))
	if english {
		return r.city() + " Zone " + suffix
	}
	name := r.NameZH
	if i := strings.IndexAny(name, "（("); i > 0 {
		name = name[:i]
	}
	return name + " 可用区 " + suffix
}

// regionCatalog is the real region list (DescribeRegions), built fresh for
// each Server. The first regions answer on the central endpoint, as the API
// reports them.
func regionCatalog() []regionInfo {
	central := "vpc.aliyuncs.com"
	ep := func(id string) string { return "vpc." + id + ".aliyuncs.com" }
	return []regionInfo{
		{"cn-qingdao", "m5e", "华北 1（青岛）", "China (Qingdao)", central, []string{"b", "c"}},
		{"cn-beijing", "2ze", "华北 2（北京）", "China (Beijing)", central, []string{"a", "b", "c", "d", "e", "f", "g", "h", "i", "j", "k", "l"}},
		{"cn-zhangjiakou", "8vb", "华北 3（张家口）", "China (Zhangjiakou)", central, []string{"a", "b", "c"}},
		{"cn-huhehaote", "hp3", "华北 5（呼和浩特）", "China (Hohhot)", ep("cn-huhehaote"), []string{"a", "b"}},
		{"cn-wulanchabu", "0jl", "华北 6（乌兰察布）", "China (Ulanqab)", ep("cn-wulanchabu"), []string{"a", "b", "c"}},
		{"cn-hangzhou", "bp1", "华东 1（杭州）", "China (Hangzhou)", central, []string{"b", "f", "g", "h", "i", "j", "k"}},
		{"cn-shanghai", "uf6", "华东 2（上海）", "China (Shanghai)", central, []string{"b", "e", "f", "g", "l", "m", "n"}},
		{"cn-nanjing", "gc7", "华东 5（南京-本地地域）", "China (Nanjing - Local Region)", ep("cn-nanjing"), []string{"a"}},
		{"cn-fuzhou", "gw0", "华东 6（福州-本地地域）", "China (Fuzhou - Local Region)", ep("cn-fuzhou"), []string{"a"}},
		{"cn-shenzhen", "wz9", "华南 1（深圳）", "China (Shenzhen)", central, []string{"a", "b", "c", "d", "e", "f"}},
		{"cn-heyuan", "f8z", "华南 2（河源）", "China (Heyuan)", ep("cn-heyuan"), []string{"a", "b"}},
		{"cn-guangzhou", "7xv", "华南 3（广州）", "China (Guangzhou)", ep("cn-guangzhou"), []string{"a", "b"}},
		{"cn-chengdu", "2vc", "西南 1（成都）", "China (Chengdu)", ep("cn-chengdu"), []string{"a", "b"}},
		{"cn-hongkong", "j6c", "中国香港", "China (Hong Kong)", central, []string{"b", "c", "d"}},
		{"ap-northeast-1", "6we", "日本（东京）", "Japan (Tokyo)", ep("ap-northeast-1"), []string{"a", "b", "c"}},
		{"ap-northeast-2", "mj7", "韩国（首尔）", "South Korea (Seoul)", ep("ap-northeast-2"), []string{"a"}},
		{"ap-southeast-1", "t4n", "新加坡", "Singapore", central, []string{"a", "b", "c"}},
		{"ap-southeast-3", "8ps", "马来西亚（吉隆坡）", "Malaysia (Kuala Lumpur)", ep("ap-southeast-3"), []string{"a", "b"}},
		{"ap-southeast-5", "k1a", "印度尼西亚（雅加达）", "Indonesia (Jakarta)", ep("ap-southeast-5"), []string{"a", "b", "c"}},
		{"ap-southeast-6", "5ts", "菲律宾（马尼拉）", "Philippines (Manila)", ep("ap-southeast-6"), []string{"a"}},
		{"ap-southeast-7", "0jo", "泰国（曼谷）", "Thailand (Bangkok)", ep("ap-southeast-7"), []string{"a"}},
		{"us-east-1", "0xi", "美国（弗吉尼亚）", "US (Virginia)", central, []string{"a", "b"}},
		{"us-west-1", "rj9", "美国（硅谷）", "US (Silicon Valley)", central, []string{"a", "b"}},
		{"eu-west-1", "d7o", "英国（伦敦）", "UK (London)", ep("eu-west-1"), []string{"a", "b"}},
		{"eu-central-1", "gw8", "德国（法兰克福）", "Germany (Frankfurt)", ep("eu-central-1"), []string{"a", "b", "c"}},
		{"me-east-1", "eb3", "阿联酋（迪拜）", "UAE (Dubai)", ep("me-east-1"), []string{"a"}},
		{"me-central-1", "l4u", "沙特（利雅得）", "Saudi Arabia (Riyadh)", ep("me-central-1"), []string{"a", "b"}},
	}
}

// seedCtx is what a family's dataset seeder works with.
type seedCtx struct {
	st      *store
	dataset string
	regions []regionInfo
	quotas  Quotas
	rng     *rand.Rand // deterministic from Options.Seed
	now     time.Time  // lifecycle clock at seeding
	// VPCs lists the VPCs the VPC seeder created, with what they are for.
	// Later families read it: data_nat.go gives Internet VPCs a NAT
	// gateway and a 0.0.0.0/0 route, data_vpn.go connects OnPrem VPCs,
	// data_peer.go peers PeerWith pairs.
	VPCs []*seededVpc
}

// seededVpc is a hook for the families seeded after the VPC family.
type seededVpc struct {
	Vpc        *record
	SystemRT   *record   // its system route table
	CustomRTs  []*record // custom route tables, if any
	VSwitches  []*record
	Internet   bool     // wants outbound Internet through a NAT gateway
	PublicApps bool     // publishes services through DNAT
	OnPrem     []string // on-premises blocks reached over VPN/VBR
	PeerWith   string   // name of a VPC (any region) to peer with
	Env        string   // prod, staging, dev, shared
}

// seeders is the dataset table: one line per family, run in order (the VPC
// family first: the others build on its VPCs).
func seeders() []func(*seedCtx) error {
	return []func(*seedCtx) error{
		seedRegion,
		perDataset(seedDemoVPC, seedLargeVPC),
		perDataset(seedDemoVBR, seedLargeVBR),
		perDataset(seedDemoFlowLog, seedLargeFlowLog),
		perDataset(seedDemoPeer, seedLargePeer),
		seedNAT,
		seedVPN,
		perDataset(seedDemoHaVip, seedLargeHaVip),
		perDataset(seedDemoCbwp, seedLargeCbwp),
		perDataset(seedDemoIpv6, seedLargeIpv6),
		perDataset(seedDemoNatBwp, seedLargeNatBwp), // late: its IDs and addresses draw from the shared generator
		seedPC, // late: its generated IDs leave the other families' as they were
		seedSslVpn,
		seedRI,
		perDataset(seedDemoGA, seedLargeGA), // late: its EIPs draw from the shared generator
		seedPaths,                           // last, from its own random stream: path analysis cases (data_paths.go)
	}
}

// perDataset is the seeder of a family that seeds the demo and the large
// dataset each its own way; the empty dataset gets nothing.
func perDataset(demo, large func(*seedCtx) error) func(*seedCtx) error {
	return func(d *seedCtx) error {
		switch d.dataset {
		case DatasetDemo:
			return demo(d)
		case DatasetLarge:
			return large(d)
		}
		return nil
	}
}

// everyVPC yields the seeded VPCs whose place i in d.VPCs is at modulo n
// (one VPC in n of the large dataset), with i.
func (d *seedCtx) everyVPC(n, at int) iter.Seq2[int, *seededVpc] {
	return func(yield func(int, *seededVpc) bool) {
		for i := at; i < len(d.VPCs); i += n {
			if !yield(i, d.VPCs[i]) {
				return
			}
		}
	}
}

// vpcsByName indexes the seeded VPCs by name (the demo data names them).
func (d *seedCtx) vpcsByName() map[string]*seededVpc {
	byName := make(map[string]*seededVpc, len(d.VPCs))
	for _, sv := range d.VPCs {
		byName[vpcOf(sv.Vpc).VpcName] = sv
	}
	return byName
}

// vswitchesByName indexes the seeded VSwitches by name (the demo data names
// them).
func (d *seedCtx) vswitchesByName() map[string]*record {
	byName := map[string]*record{}
	for _, sv := range d.VPCs {
		for _, sw := range sv.VSwitches {
			byName[vswOf(sw).VSwitchName] = sw
		}
	}
	return byName
}

// created is the seeded VPC's creation time.
func (sv *seededVpc) created() (time.Time, error) {
	return time.Parse(model.TimeLayout, vpcOf(sv.Vpc).CreationTime)
}

// daysAgo is the time n days before seeding.
func (d *seedCtx) daysAgo(n int) time.Time { return d.now.Add(-time.Duration(n) * 24 * time.Hour) }

func (s *Server) seed(now time.Time) (err error) {
	switch s.opts.Dataset {
	case DatasetDemo, DatasetEmpty, DatasetLarge:
	default:
		return fmt.Errorf("sim: unknown dataset %q (want demo, empty or large)", s.opts.Dataset)
	}
	defer func() {
		// A seeder bug must not take the process down.
		if p := recover(); p != nil {
			err = fmt.Errorf("sim: seeding dataset %s: %v", s.opts.Dataset, p)
		}
	}()
	d := &seedCtx{
		st:      s.st,
		dataset: s.opts.Dataset,
		regions: s.regions,
		quotas:  s.opts.Quotas,
		rng:     rand.New(rand.NewPCG(uint64(s.opts.Seed), 0xda7a5e7)),
		now:     now,
	}
	for _, f := range seeders() {
		if err := f(d); err != nil {
			return err
		}
	}
	return nil
}

package sim

import (
	"fmt"
	"hash/fnv"
	"math/rand/v2"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of router interfaces. Every VPC–VBR connection of the
// VBR family is a pair: the VBR initiates (Large.1), the VPC's VRouter
// accepts (addRouterInterface). Demo: prod-core (cn-hangzhou) and analytics
// (cn-beijing) interconnected and Active; an Idle initiator from staging
// towards sea-staging, its acceptor not created yet; eu-prod's initiator to
// sea-prod deactivated (Inactive). Large: every twentieth VPC is paired
// with a VPC of another region (Active; one pair in ten Inactive).

type demoRIPair struct {
	From, To, Name, Spec string
	Status               string // the initiator's; "" leaves it without an acceptor (Idle)
	AgeDays              int
}

func demoRIPairs() []demoRIPair {
	return []demoRIPair{
		{From: "prod-core", To: "analytics", Name: "hz-to-bj-analytics", Spec: "Middle.1", Status: riActive, AgeDays: 120},
		{From: "staging", To: "sea-staging", Name: "stg-to-sea", Spec: "Small.1", AgeDays: 2},
		{From: "eu-prod", To: "sea-prod", Name: "eu-to-sea", Spec: "Small.5", Status: riInactive, AgeDays: 200},
	}
}

func seedRI(d *seedCtx) error {
	switch d.dataset {
	case DatasetDemo:
		byName := d.vpcsByName()
		for _, p := range demoRIPairs() {
			from, to := byName[p.From], byName[p.To]
			if from == nil || to == nil {
				return fmt.Errorf("sim: demo router interface %s: no VPC %s or %s", p.Name, p.From, p.To)
			}
			seedRIPair(d.st, from.Vpc, to.Vpc, p, d.daysAgo(p.AgeDays))
		}
	case DatasetLarge:
		n := len(d.VPCs)
		for i, sv := range d.everyVPC(20, 0) {
			from, to := sv.Vpc, d.VPCs[(i+n/2+1)%n].Vpc
			if from.Region == to.Region {
				continue
			}
			status := riActive
			if i%200 == 0 {
				status = riInactive
			}
			name := vpcOf(from).VpcName + "-to-" + vpcOf(to).VpcName
			seedRIPair(d.st, from, to, demoRIPair{Name: name, Spec: "Middle.2", Status: status}, parseTime(vpcOf(from).CreationTime))
		}
	}
	return nil
}

// seedRIID is a seeded interface's ID, derived from what it joins rather
// than drawn from the store's generator: the IDs of every resource seeded
// or created after it stay what they were before router interfaces were
// seeded.
func seedRIID(st *store, region, key string) string {
	h := fnv.New64a()
	h.Write([]byte(region + "/" + key))
	rng := rand.New(rand.NewPCG(h.Sum64(), 0x7269))
	code := st.codes[region]
	if code == "" {
		code = "sim"
	}
	for {
		b := []byte("ri-" + code)
		for range 18 {
			b = append(b, idChars[rng.IntN(len(idChars))])
		}
		if id := string(b); st.byID[id] == nil {
			return id
		}
	}
}

func parseTime(s string) time.Time {
	t, _ := time.Parse(model.TimeLayout, s)
	return t
}

// seedRIPair stores an initiator on from's VRouter towards to's VRouter and,
// when p.Status is set, its acceptor (Active) connected to it.
func seedRIPair(st *store, from, to *record, p demoRIPair, created time.Time) {
	f, t := vpcOf(from), vpcOf(to)
	ini := addRIRec(st, riArgs{ID: seedRIID(st, from.Region, f.VRouterId+">"+t.VRouterId), Region: from.Region, Name: p.Name, Description: "Interconnect " + f.VpcName + " → " + t.VpcName,
		Role: model.RIInitiating, RouterType: model.RIVRouter, RouterID: f.VRouterId, VpcID: f.VpcId, Spec: p.Spec, Status: riIdle,
		Created: model.FormatTime(created), OppRegion: to.Region, OppType: model.RIVRouter, OppRouter: t.VRouterId})
	if p.Status == "" {
		return
	}
	acc := addRIRec(st, riArgs{ID: seedRIID(st, to.Region, t.VRouterId+"<"+f.VRouterId), Region: to.Region, Name: "from-" + f.VpcName, Role: model.RIAccepting, RouterType: model.RIVRouter,
		RouterID: t.VRouterId, VpcID: t.VpcId, Spec: model.RINegative, Status: riActive, Created: model.FormatTime(created),
		OppRegion: from.Region, OppType: model.RIVRouter, OppRouter: f.VRouterId, OppInterface: ini.ID,
		Connected: model.FormatTime(created.Add(time.Hour))})
	riLink(st, ini, acc.ID, p.Status, model.FormatTime(created.Add(time.Hour)))
}

// riLink points a seeded initiator at its acceptor.
func riLink(st *store, ini *record, acceptor, status, connected string) {
	ri := riOf(ini)
	st.change(ini, func() { ri.OppositeInterfaceId, ri.Status, ri.ConnectedTime = acceptor, status, connected })
}

// addRouterInterface stores both ends of a connection from the VBR to the
// VPC, Active: the VPC's acceptor, which VPC routes to on-premises blocks
// use as next hop (its ID drawn as before), and the VBR's initiator. It
// returns the VPC's end.
func addRouterInterface(st *store, vpc, vbr *record, name string) *record {
	v, b := vpcOf(vpc), vbrOf(vbr)
	created := b.CreationTime
	acc := addRIRec(st, riArgs{Region: vpc.Region, Name: name, Role: model.RIAccepting, RouterType: model.RIVRouter,
		RouterID: v.VRouterId, VpcID: v.VpcId, Spec: model.RINegative, Status: riActive, Created: created, Connected: created,
		OppRegion: vbr.Region, OppType: model.RIVBR, OppRouter: vbr.ID, OppAccessPoint: b.AccessPointId})
	ini := addRIRec(st, riArgs{ID: seedRIID(st, vbr.Region, vbr.ID+">"+v.VRouterId), Region: vbr.Region, Name: name + "-vbr",
		Role: model.RIInitiating, RouterType: model.RIVBR, RouterID: vbr.ID, Spec: "Large.1", Status: riIdle, Created: created,
		AccessPoint: b.AccessPointId, OppRegion: vpc.Region, OppType: model.RIVRouter, OppRouter: v.VRouterId, OppInterface: acc.ID})
	riLink(st, ini, acc.ID, riActive, created)
	a := riOf(acc)
	st.change(acc, func() { a.OppositeInterfaceId = ini.ID })
	return acc
}

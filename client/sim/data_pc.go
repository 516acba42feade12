package sim

import (
	"fmt"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of access points and of the physical connections beyond
// the two Enabled ones the VBRs ride on (data_vbr.go). Demo: three access
// points per region (the demo connections' among them); in cn-hangzhou a
// second line Confirmed and waiting for Enable, a backup line just applied
// for (Initial, moved on by the provider), a Canceled and a Rejected
// application; in cn-beijing a Terminated one and an AllocationFailed
// one. Large: three access points and two Enabled connections per region,
// a pending one in every third.

type demoAP struct {
	Suffix, Name, Operator, Location string
}

// demoAPs are each region's access points; the ID is
// ap-<region>-<suffix>.
func demoAPs() []demoAP {
	return []demoAP{
		{"ft-a", "Fengtai A", "China Telecom", "Fengtai data park, building 3"},
		{"yh-b", "Yuhang B", "China Unicom", "Yuhang carrier hotel, floor 2"},
		{"dx-a", "Daxing A", "GDS", "Daxing campus, hall A"},
	}
}

type demoPCSpec struct {
	Region, Name, Desc, AP, Operator, Port, Location, Status, Redundant string
	Bandwidth                                                           int64
	AgeDays                                                             int
}

func demoMorePCs() []demoPCSpec {
	return []demoPCSpec{
		{Region: "cn-hangzhou", Name: "pc-dc-hangzhou-2", Desc: "Second line to the Hangzhou data centre", AP: "yh-b", Operator: "CU",
			Port: "10GBase-LR", Location: "Hangzhou IDC, Binjiang", Status: model.PCConfirmed, Redundant: "pc-dc-hangzhou", Bandwidth: 10000, AgeDays: 21},
		{Region: "cn-hangzhou", Name: "pc-dc-xiaoshan", Desc: "Line to the new Xiaoshan site", AP: "ft-a", Operator: "CT",
			Port: "1000Base-LX", Location: "Xiaoshan DC, hall 2", Status: model.PCInitial, Bandwidth: 1000, AgeDays: 0},
		{Region: "cn-hangzhou", Name: "pc-lab-trial", Desc: "Trial line, not needed after all", AP: "dx-a", Operator: "CM",
			Port: "1000Base-T", Location: "Lab, Xixi campus", Status: model.PCCanceled, Bandwidth: 100, AgeDays: 60},
		{Region: "cn-hangzhou", Name: "pc-dc-ningbo", Desc: "Ningbo office; the carrier had no capacity", AP: "ft-a", Operator: "CO",
			Port: "1000Base-T", Location: "Ningbo office", Status: model.PCRejected, Bandwidth: 200, AgeDays: 30},
		{Region: "cn-beijing", Name: "pc-dc-tianjin", Desc: "Tianjin site; no port free at the access point", AP: "dx-a", Operator: "CU",
			Port: "10GBase-LR", Location: "Tianjin DC", Status: model.PCAllocationFailed, Bandwidth: 10000, AgeDays: 45},
		{Region: "cn-beijing", Name: "pc-old-beijing", Desc: "Former line, replaced by pc-dc-beijing", AP: "ft-a", Operator: "CT",
			Port: "1000Base-T", Location: "Beijing IDC, Yizhuang", Status: model.PCTerminated, Bandwidth: 500, AgeDays: 700},
	}
}

func seedPC(d *seedCtx) error {
	if d.dataset == DatasetEmpty {
		return nil
	}
	for _, r := range d.regions {
		for _, a := range demoAPs() {
			id := "ap-" + r.ID + "-" + a.Suffix
			d.st.mustAdd(kindAP, r.ID, &model.AccessPoint{AccessPointId: id, Name: r.city() + " " + a.Name,
				Description: strings.ToLower(r.ID + "-" + a.Suffix), Status: "recommended", Type: "VPC",
				HostOperator: a.Operator, Location: a.Location, AttachedRegionNo: r.ID})
		}
	}
	if d.dataset == DatasetLarge {
		for i, r := range d.regions {
			for n := 1; n <= 2; n++ {
				seedPCRec(d, demoPCSpec{Region: r.ID, Name: fmt.Sprintf("pc-%s-%d", r.ID, n), Desc: "Leased line " + fmt.Sprint(n),
					AP: demoAPs()[n].Suffix, Operator: "CT", Port: "10GBase-LR", Location: r.city() + " data centre",
					Status: model.PCEnabled, Bandwidth: 10000, AgeDays: 200 + 30*n})
			}
			if i%3 == 0 {
				seedPCRec(d, demoPCSpec{Region: r.ID, Name: "pc-" + r.ID + "-new", Desc: "Applied for", AP: "dx-a", Operator: "Other",
					Port: "1000Base-LX", Location: r.city() + " office", Status: model.PCConfirmed, Bandwidth: 1000, AgeDays: 14})
			}
		}
		return nil
	}
	byName := map[string]string{}
	for _, r := range d.st.children(kindPC, "region", "cn-hangzhou") {
		byName[pcOf(r).Name] = r.ID
	}
	for _, s := range demoMorePCs() {
		if s.Redundant != "" {
			if s.Redundant = byName[s.Redundant]; s.Redundant == "" {
				return fmt.Errorf("sim: demo physical connection %s: no redundant line", s.Name)
			}
		}
		seedPCRec(d, s)
	}
	return nil
}

// seedPCRec stores one physical connection; an Initial one is moved on by
// the provider like a new application.
func seedPCRec(d *seedCtx, s demoPCSpec) *record {
	created := d.daysAgo(s.AgeDays)
	p := &pcRec{PhysicalConnection: model.PhysicalConnection{
		PhysicalConnectionId: d.st.newID(kindPC, s.Region), Name: s.Name, Description: s.Desc, Status: s.Status,
		BusinessStatus: "Normal", Type: "VPC", AccessPointId: "ap-" + s.Region + "-" + s.AP, AccessPointType: "VPC",
		LineOperator: s.Operator, PortType: s.Port, Bandwidth: model.FlexInt(s.Bandwidth), Spec: fmt.Sprintf("%dM", s.Bandwidth),
		PeerLocation: s.Location, AdLocation: s.Location, RedundantPhysicalConnectionId: s.Redundant, ChargeType: "Prepaid",
		ProductType: "PhysicalConnection", LoaStatus: "Available", HasReservationData: "false",
		ResourceGroupId: defaultResourceGroup, CreationTime: model.FormatTime(created),
	}}
	switch s.Status {
	case model.PCEnabled:
		p.EnabledTime = model.FormatTime(created.Add(14 * 24 * time.Hour))
	case model.PCTerminated:
		p.EnabledTime = model.FormatTime(created.Add(14 * 24 * time.Hour))
		p.EndTime = model.FormatTime(created.Add(400 * 24 * time.Hour))
	}
	rec := d.st.mustAdd(kindPC, s.Region, p)
	if s.Status == model.PCInitial {
		startProvisioning(d.st, rec, d.now, pcSeedStep)
	}
	return rec
}

package sim

import (
	"fmt"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Demo seeding of the edge family: two physical connections, each with a
// VBR joined to the region's first VPC that has on-premises blocks (the
// OnPrem hook). Each VBR has a BGP group whose session to the customer
// router (the VBR's PeerGatewayIp) is Established; the Shanghai group also
// has a second peer the data centre has not configured, whose session is
// down for good (see ops_bgp.go). The VBRs advertise their VPC's block
// (BGP networks), and the VPC routes the data centre's blocks to the VBR
// through a router interface, skipping blocks its tables already route
// (the VPC family's appliance routes). The large dataset has a physical
// connection with three VBRs in every region (seedLargeVBR).

type demoPC struct {
	Region, Name, Desc, AccessPoint, Operator, PortType, Location string
	Bandwidth                                                     int64
	AgeDays                                                       int
}

type demoVbr struct {
	Region, Name, Desc string
	Vlan               int
	Local, Peer, Mask  string
	PeerAsn            int64
	// DownPeer is a second customer router address with no BGP speaker
	// behind it ("" = none).
	DownPeer string
	// DCBlocks are data-centre blocks announced besides the VPC's OnPrem
	// blocks.
	DCBlocks []string
	// OwnBlocksOnly leaves the VPC's OnPrem blocks to its VPN gateway.
	OwnBlocksOnly bool
}

func demoPCs() []demoPC {
	return []demoPC{
		// In the default region, so BGP is on screen where a new user lands.
		{Region: "cn-hangzhou", Name: "pc-dc-hangzhou", Desc: "Leased line to the Hangzhou data centre",
			AccessPoint: "ap-cn-hangzhou-yh-b", Operator: "CT", PortType: "10GBase-LR", Location: "Hangzhou IDC, Binjiang",
			Bandwidth: 10000, AgeDays: 420},
		{Region: "cn-beijing", Name: "pc-dc-beijing", Desc: "Leased line to the Beijing partner exchange",
			AccessPoint: "ap-cn-beijing-ft-a", Operator: "CU", PortType: "1000Base-LX", Location: "Beijing IDC, Yizhuang",
			Bandwidth: 1000, AgeDays: 250},
	}
}

func demoVbrs() []demoVbr {
	return []demoVbr{
		{Region: "cn-hangzhou", Name: "vbr-dc-hangzhou", Desc: "Hangzhou data centre over pc-dc-hangzhou", Vlan: 101,
			Local: "10.254.0.1", Peer: "10.254.0.2", Mask: "255.255.255.248", PeerAsn: 65010, DownPeer: "10.254.0.3",
			DCBlocks: []string{"172.18.0.0/16"}, OwnBlocksOnly: true},
		{Region: "cn-beijing", Name: "vbr-dc-beijing", Desc: "Beijing partner exchange over pc-dc-beijing", Vlan: 201,
			Local: "10.254.1.1", Peer: "10.254.1.2", Mask: "255.255.255.252", PeerAsn: 65020,
			DCBlocks: []string{"172.19.0.0/16"}},
	}
}

// addPC stores an enabled physical connection.
func addDemoPC(d *seedCtx, p demoPC) *record {
	created := d.daysAgo(p.AgeDays)
	return d.st.mustAdd(kindPC, p.Region, &pcRec{PhysicalConnection: model.PhysicalConnection{
		PhysicalConnectionId: d.st.newID(kindPC, p.Region), Name: p.Name, Description: p.Desc,
		Status: pcEnabled, BusinessStatus: "Normal", Type: "VPC", AccessPointId: p.AccessPoint,
		AccessPointType: "VPC", LineOperator: p.Operator, PortType: p.PortType, PortNumber: "1/1/1",
		Spec: fmt.Sprintf("%dM", p.Bandwidth), Bandwidth: model.FlexInt(p.Bandwidth), PeerLocation: p.Location,
		AdLocation: p.Location, ChargeType: "Prepaid", ProductType: "VirtualPhysicalConnection",
		LoaStatus: "Available", HasReservationData: "false", ResourceGroupId: defaultResourceGroup,
		CreationTime: model.FormatTime(created), EnabledTime: model.FormatTime(created.Add(14 * 24 * time.Hour)),
		CircuitCode: "circuit-" + p.Name,
	}})
}

func seedDemoVBR(d *seedCtx) error {
	pcs := map[string]*record{}
	for _, p := range demoPCs() {
		pcs[p.Region] = addDemoPC(d, p)
	}
	for _, spec := range demoVbrs() {
		pc := pcs[spec.Region]
		if pc == nil {
			return fmt.Errorf("sim: demo VBR %s: no physical connection in %s", spec.Name, spec.Region)
		}
		var targets []*seededVpc
		for _, sv := range d.VPCs {
			if sv.Vpc.Region == spec.Region && len(sv.OnPrem) > 0 {
				targets = append(targets, sv)
				break
			}
		}
		seedVbrFor(d, pc, spec, targets)
	}
	return nil
}

// seedLargeVBR gives every region of the large dataset a physical
// connection with three VBRs; each VBR joins a third of the region's VPCs
// whose on-premises block is reached over a leased line (half of those
// with one; the other half use VPN only). The third VBR's group has a
// second peer that never comes up.
func seedLargeVBR(d *seedCtx) error {
	operators := []string{"CT", "CU", "CM"}
	for r, region := range d.largeRegions() {
		pc := addDemoPC(d, demoPC{Region: region, Name: "pc-dc-" + region, Desc: "Leased line to the " + region + " data centre",
			AccessPoint: "ap-" + region + "-a", Operator: operators[r%len(operators)], PortType: "10GBase-LR",
			Location: region + " IDC", Bandwidth: 10000, AgeDays: 400 + r})
		var leased []*seededVpc
		n := 0
		for _, sv := range d.VPCs {
			if sv.Vpc.Region == region && len(sv.OnPrem) > 0 {
				if n%2 == 0 {
					leased = append(leased, sv)
				}
				n++
			}
		}
		for k := range largeVbrsPerRegion {
			spec := demoVbr{Region: region, Name: fmt.Sprintf("vbr-dc-%s-%d", region, k+1),
				Desc: "Data centre line " + fmt.Sprint(k+1), Vlan: 100 + k,
				Local: fmt.Sprintf("10.254.%d.1", k), Peer: fmt.Sprintf("10.254.%d.2", k), Mask: "255.255.255.248",
				PeerAsn: int64(65100 + k), DCBlocks: []string{fmt.Sprintf("10.%d.0.0/16", 210+k)}}
			if k == largeVbrsPerRegion-1 {
				spec.DownPeer = fmt.Sprintf("10.254.%d.3", k)
			}
			var targets []*seededVpc
			for j, sv := range leased {
				if j%largeVbrsPerRegion == k {
					targets = append(targets, sv)
				}
			}
			seedVbrFor(d, pc, spec, targets)
		}
	}
	return nil
}

const largeVbrsPerRegion = 3

// seedVbrFor adds the VBR spec on pc with its BGP group and peers, and
// joins it to the target VPCs: a BGP network for each VPC's block, a
// router interface, and routes in the VPC's system table to the data
// centre's blocks (and the VPC's own on-premises blocks, unless
// OwnBlocksOnly) that the table does not route yet.
func seedVbrFor(d *seedCtx, pc *record, spec demoVbr, targets []*seededVpc) {
	created := parseTime(pcOf(pc).EnabledTime)
	vbr := addVbr(d.st, vbrArgs{
		PC: pc, Name: spec.Name, Description: spec.Desc, CircuitCode: pcOf(pc).CircuitCode, Vlan: spec.Vlan,
		Local: spec.Local, Peer: spec.Peer, Mask: spec.Mask, Owner: AccountUID, Status: vbrActive, Created: created,
	})
	received := len(spec.DCBlocks)
	if !spec.OwnBlocksOnly {
		for _, t := range targets {
			received += len(t.OnPrem)
		}
	}
	since := created.Add(time.Hour)
	grp := addBgpGroup(d.st, bgpGroupArgs{
		Vbr: vbr, Name: "bgp-" + spec.Name[len("vbr-"):], Description: "Data centre routers, AS " + fmt.Sprint(spec.PeerAsn),
		PeerAsn: spec.PeerAsn, LocalAsn: model.AliyunASN, RouteLimit: bgpRouteLimit, Status: stAvailable,
	})
	addBgpPeer(d.st, bgpPeerArgs{Group: grp, Name: "dc-router-1", IP: spec.Peer, EnableBfd: true, BfdMultiHop: 1,
		Received: received, Status: stAvailable, Since: since})
	if spec.DownPeer != "" {
		addBgpPeer(d.st, bgpPeerArgs{Group: grp, Name: "dc-router-2", Description: "Backup router, not configured yet",
			IP: spec.DownPeer, Status: stAvailable, Since: since})
	}
	for _, target := range targets {
		blocks := spec.DCBlocks
		if !spec.OwnBlocksOnly {
			blocks = append(append([]string(nil), target.OnPrem...), spec.DCBlocks...)
		}
		v := vpcOf(target.Vpc)
		addBgpNetworkRec(d.st, vbr, v.CidrBlock, v.VpcId, stAvailable)
		ri := addRouterInterface(d.st, target.Vpc, vbr, "to-"+spec.Name)
		for i, b := range blocks {
			if routed(d.st, target.SystemRT, b) {
				continue
			}
			addCustomEntry(d.st, target.SystemRT, entryArgs{
				Dest: b, Name: fmt.Sprintf("dc-via-%s-%d", spec.Name, i+1), Status: stAvailable,
				Description: "On-premises block learned over " + spec.Name,
				Hops:        []model.NextHop{{NextHopType: "RouterInterface", NextHopId: ri.ID, Enabled: 1}},
				Created:     since,
			})
		}
	}
}

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
// (the VPC family's appliance routes).

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

func seedVBR(d *seedCtx) error {
	if d.dataset != DatasetDemo {
		return nil
	}
	pcs := map[string]*record{}
	for _, p := range demoPCs() {
		created := d.now.Add(-time.Duration(p.AgeDays) * 24 * time.Hour)
		rec := d.st.mustAdd(kindPC, p.Region, &pcRec{PhysicalConnection: model.PhysicalConnection{
			PhysicalConnectionId: d.st.newID(kindPC, p.Region), Name: p.Name, Description: p.Desc,
			Status: pcEnabled, BusinessStatus: "Normal", Type: "VPC", AccessPointId: p.AccessPoint,
			AccessPointType: "VPC", LineOperator: p.Operator, PortType: p.PortType, PortNumber: "1/1/1",
			Spec: fmt.Sprintf("%dM", p.Bandwidth), Bandwidth: model.FlexInt(p.Bandwidth), PeerLocation: p.Location,
			AdLocation: p.Location, ChargeType: "Prepaid", ProductType: "VirtualPhysicalConnection",
			LoaStatus: "Available", HasReservationData: "false", ResourceGroupId: defaultResourceGroup,
			CreationTime: model.FormatTime(created), EnabledTime: model.FormatTime(created.Add(14 * 24 * time.Hour)),
			CircuitCode: "circuit-" + p.Name,
		}})
		pcs[p.Region] = rec
	}
	for _, spec := range demoVbrs() {
		pc := pcs[spec.Region]
		if pc == nil {
			return fmt.Errorf("sim: demo VBR %s: no physical connection in %s", spec.Name, spec.Region)
		}
		created, _ := time.Parse(model.TimeLayout, pcOf(pc).EnabledTime)
		vbr := addVbr(d.st, vbrArgs{
			PC: pc, Name: spec.Name, Description: spec.Desc, CircuitCode: pcOf(pc).CircuitCode, Vlan: spec.Vlan,
			Local: spec.Local, Peer: spec.Peer, Mask: spec.Mask, Owner: AccountUID, Status: vbrActive, Created: created,
		})
		var target *seededVpc
		for _, sv := range d.VPCs {
			if sv.Vpc.Region == spec.Region && len(sv.OnPrem) > 0 {
				target = sv
				break
			}
		}
		blocks := spec.DCBlocks
		if target != nil && !spec.OwnBlocksOnly {
			blocks = append(append([]string(nil), target.OnPrem...), spec.DCBlocks...)
		}
		since := created.Add(time.Hour)
		grp := addBgpGroup(d.st, bgpGroupArgs{
			Vbr: vbr, Name: "bgp-" + spec.Name[len("vbr-"):], Description: "Data centre routers, AS " + fmt.Sprint(spec.PeerAsn),
			PeerAsn: spec.PeerAsn, LocalAsn: model.AliyunASN, RouteLimit: bgpRouteLimit, Status: stAvailable,
		})
		addBgpPeer(d.st, bgpPeerArgs{Group: grp, Name: "dc-router-1", IP: spec.Peer, EnableBfd: true, BfdMultiHop: 1,
			Received: len(blocks), Status: stAvailable, Since: since})
		if spec.DownPeer != "" {
			addBgpPeer(d.st, bgpPeerArgs{Group: grp, Name: "dc-router-2", Description: "Backup router, not configured yet",
				IP: spec.DownPeer, Status: stAvailable, Since: since})
		}
		if target == nil {
			continue
		}
		v := vpcOf(target.Vpc)
		addBgpNetworkRec(d.st, vbr, v.CidrBlock, v.VpcId, stAvailable)
		ri := addRouterInterface(d.st, target.Vpc, vbr, "to-"+spec.Name)
		routed := map[string]bool{}
		for _, e := range d.st.children(kindRouteEntry, "rt", target.SystemRT.ID) {
			routed[entryOf(e).DestinationCidrBlock] = true
		}
		for i, b := range blocks {
			if routed[b] {
				continue
			}
			routed[b] = true
			addCustomEntry(d.st, target.SystemRT, entryArgs{
				Dest: b, Name: fmt.Sprintf("dc-via-%s-%d", spec.Name, i+1), Status: stAvailable,
				Description: "On-premises block learned over " + spec.Name,
				Hops:        []model.NextHop{{NextHopType: "RouterInterface", NextHopId: ri.ID, Enabled: 1}},
				Created:     since,
			})
		}
	}
	return nil
}

package ui

import (
	"net/netip"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// seededVbr starts the console on the VBR pane and selects the seeded VBR.
func seededVbr(t *testing.T) (*driver, *model.Object) {
	t.Helper()
	d := consoleOn(t, "vbr")
	return d, d.rowWhere("a VBR", func(o *model.Object) bool { return o.Status == "active" })
}

// spareAddr is an address of the VBR's peering subnet counted back from
// its end (1 = the last usable one).
func spareAddr(t *testing.T, v *model.VirtualBorderRouter, back int) string {
	local := netip.MustParseAddr(v.LocalGatewayIp)
	m := netip.MustParseAddr(v.PeeringSubnetMask).As4()
	bits := 0
	for _, b := range m {
		for ; b&0x80 != 0; b <<= 1 {
			bits++
		}
	}
	p, _ := local.Prefix(bits)
	a := p.Addr().As4()
	n := uint32(a[0])<<24 | uint32(a[1])<<16 | uint32(a[2])<<8 | uint32(a[3])
	n += uint32(1)<<(32-bits) - 1 - uint32(back)
	return netip.AddrFrom4([4]byte{byte(n >> 24), byte(n >> 16), byte(n >> 8), byte(n)}).String()
}

func TestVbrEditTerminateRecover(t *testing.T) {
	d, o := seededVbr(t)
	d.openForm("e")
	d.replaceField("Name", o.Name, "vbr-sh")
	d.next("Description")
	d.waitFocus("VLAN")
	d.typeText("00")
	d.waitText("must be between 1 and 2999")
	d.keys("backspace", "backspace", "enter")
	d.next("Local gateway IP", "Peer gateway IP")
	d.waitFocus("Peering subnet mask")
	d.typeText("0")
	d.waitText(`PeeringSubnetMask "255.255.255.2480" is not an IPv4 address`)
	d.keys("backspace")
	d.next("Peering subnet mask")
	d.tracked("ModifyVirtualBorderRouterAttribute")
	d.waitText("vbr-sh")

	// Recover is refused while it is active, before any call.
	d.rowID(o.ID)
	d.refused("x", "Recover", "only a terminated VBR can be recovered", "recovering an active VBR")

	d.rowID(o.ID)
	d.action("Terminate")
	d.confirmDialog(o.ID)
	d.tracked("TerminateVirtualBorderRouter")
	d.settled(o.ID, "terminated")

	d.rowID(o.ID)
	d.actionYes("Recover", "Recover "+o.ID)
	d.tracked("RecoverVirtualBorderRouter")
	d.settled(o.ID, "active")
}

func TestBgpGroupCreateEditDelete(t *testing.T) {
	d, vbr := seededVbr(t)
	d.drill("BGP Groups")
	// The seeded group has peers: counted before any call.
	seeded := d.rowWhere("the seeded group", func(o *model.Object) bool { return true })
	mark := len(d.fault.actions())
	d.keys("ctrl+d")
	d.waitText("still has", "bgp peer")
	d.keys("esc")
	assertNoWrite(t, d, mark, "BGP group with peers")
	_ = seeded

	d.openForm("c")
	d.waitText("Create BGP group on " + vbr.ID)
	d.refusedAsTyped("Peer ASN", "45104", "Alibaba Cloud's own")
	d.field("Peer ASN", "65040")
	d.waitFocus("Local ASN")
	d.typeText("5")
	d.waitText("LocalAsn must be 45104, 64512-65534")
	d.keys("backspace", "enter")
	const key = "md5-Secret9"
	d.field("Auth key", key)
	d.named("bgp-lab")
	id := d.created("CreateBgpGroup", "Available")

	d.editRow(id)
	d.next("Peer ASN", "Local ASN", "Auth key")
	d.replaceField("Name", "bgp-lab", "bgp-lab2")
	d.next("Description")
	d.tracked("ModifyBgpGroupAttribute")
	d.waitText("bgp-lab2")

	d.deleteRow(id)
}

func TestBgpPeerCreateEditDelete(t *testing.T) {
	d, vbr := seededVbr(t)
	v := vbr.Val().(*model.VirtualBorderRouter)
	d.drill("BGP Peers")
	d.openForm("c")
	d.next("BGP group")
	d.refusedAsTyped("Peer IP", "10.254.9.9", "outside the VBR's peering subnet")
	d.refusedAsTyped("Peer IP", v.LocalGatewayIp, "is the VBR's own address")
	ip1, ip2 := spareAddr(t, v, 1), spareAddr(t, v, 2)
	d.field("Peer IP", ip1)
	d.waitFocus("BFD?")
	d.keys("y")
	d.next("BFD multi-hop")
	id := d.created("CreateBgpPeer", "Available")

	d.editRow(id)
	d.replaceField("Peer IP", ip1, ip2)
	d.waitFocus("BFD?")
	d.keys("n")
	d.tracked("ModifyBgpPeerAttribute")
	peers, err := client.DescribeBgpPeers.Call(d.ctx, d.api(), &client.DescribeBgpPeersInput{RegionId: vbr.Region, BgpPeerId: id})
	if err != nil || len(peers) != 1 || peers[0].PeerIpAddress != ip2 {
		t.Fatalf("peer after the edit: %v %+v", err, peers)
	}

	d.deleteRow(id)
}

func TestBgpNetworkAddDelete(t *testing.T) {
	d, vbr := seededVbr(t)
	d.drill("BGP Networks")
	d.openForm("c")
	d.refusedAsTyped("Destination CIDR block", "10.77.0.1/24", "has host bits set")
	d.field("Destination CIDR block", "10.77.0.0/24")
	d.tracked("AddBgpNetwork")
	// Networks cannot be fetched one by one: the pane shows the new one
	// Pending, and a refresh shows it settled.
	o := d.rowWhere("the new network", func(o *model.Object) bool { return o.Name == "10.77.0.0/24" })
	if o.Status == "Pending" {
		mark := len(d.fault.actions())
		d.deleteTyped(o)
		d.waitText("still Pending")
		assertNoWrite(t, d, mark, "deleting a Pending network")
		d.keys("esc")
	}
	d.advance(5 * time.Second)
	d.keys("ctrl+r")
	d.idle()
	o = d.rowWhere("the settled network", func(o *model.Object) bool { return o.Name == "10.77.0.0/24" && o.Status == "Available" })
	d.deleteTyped(o)
	d.tracked("DeleteBgpNetwork")
	d.waitFor("the network to go", func() bool {
		d.advance(time.Second)
		nets, err := client.DescribeBgpNetworks.Call(d.ctx, d.api(), &client.DescribeBgpNetworksInput{RegionId: vbr.Region})
		noErr(t, err)
		for _, n := range nets {
			if n.DstCidrBlock == "10.77.0.0/24" {
				return false
			}
		}
		return true
	})
}

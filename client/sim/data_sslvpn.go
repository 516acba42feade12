package sim

import (
	"fmt"
	"math/rand/v2"
	"net/netip"
	"time"

	"github.com/alivpc/alivpc/model"
)

// Dataset seeding of SSL-VPN. Demo: the demo VPN gateway gets SSL-VPN
// enabled (10 connections) and a remote-access server into its VPC, with a
// certificate in each state — normal, expiring-soon (issued just under three
// years ago) and expired. Large: one VPC in 25 gets an SSL-VPN gateway with a
// server and three certificates (one expiring soon in every fourth).

// demoSslCert is a seeded certificate issued ageDays ago.
type demoSslCert struct {
	name    string
	ageDays int
}

func demoSslCerts() []demoSslCert {
	validity := int(sslCertValidity / (24 * time.Hour))
	return []demoSslCert{
		{name: "alice-laptop", ageDays: 100},
		{name: "bob-laptop", ageDays: validity - 3},
		{name: "contractor-2023", ageDays: validity + 30},
	}
}

// sslPoolCandidates are the client blocks offered, the first that clears
// the VPC's block is taken.
var sslPoolCandidates = []string{"192.168.240.0/24", "172.31.240.0/24", "10.255.240.0/24"}

func sslPoolFor(vpcCIDR string) string {
	v, err := netip.ParsePrefix(vpcCIDR)
	for _, c := range sslPoolCandidates {
		if err != nil || !v.Overlaps(netip.MustParsePrefix(c)) {
			return c
		}
	}
	return ""
}

func seedSslVpn(d *seedCtx) error {
	// A random stream of the family's own: seeding SSL-VPN leaves the IDs
	// every later resource gets (and the screens that show them) as they
	// were. newID still refuses an ID in use.
	saved := d.st.rng
	d.st.rng = rand.New(rand.NewPCG(0x551a9e, uint64(len(d.VPCs))))
	defer func() { d.st.rng = saved }()
	switch d.dataset {
	case DatasetDemo:
		for _, sv := range d.VPCs {
			if gws := d.st.children(kindVpnGateway, "vpc", sv.Vpc.ID); len(gws) > 0 {
				return seedSslServer(d, gws[0], "remote-access", demoSslCerts(), 10)
			}
		}
		return fmt.Errorf("sim: no demo VPN gateway for SSL-VPN")
	case DatasetLarge:
		for i, sv := range d.everyVPC(25, 0) {
			v := vpcOf(sv.Vpc)
			created, _ := sv.created()
			gw, ok := newVpnGateway(d.st, vpnArgs{Vpc: sv.Vpc, Name: v.VpcName + "-sslvpn", ChargeType: "POSTPAY",
				Bandwidth: 10, Ssl: true, SslConns: 5, NetworkType: "public", Status: vpnActive, Created: created})
			if !ok {
				return fmt.Errorf("sim: no public address left for an SSL-VPN gateway")
			}
			certs := []demoSslCert{{"dev-1", 200}, {"dev-2", 30}, {"ops-1", 400}}
			if i%100 == 0 {
				certs[2].ageDays = int(sslCertValidity/(24*time.Hour)) - 2
			}
			if err := seedSslServer(d, gw, v.VpcName+"-ssl", certs, 0); err != nil {
				return err
			}
		}
	}
	return nil
}

// seedSslServer enables SSL-VPN on gw (conns > 0: that many connections)
// and adds a server reaching the gateway's VPC with certs.
func seedSslServer(d *seedCtx, gw *record, name string, certs []demoSslCert, conns int64) error {
	g := vpnOf(gw)
	if conns > 0 {
		d.st.change(gw, func() { g.SslVpn, g.SslMaxConnections = "enable", conns })
	}
	vpc := d.st.find(kindVpc, "", g.VpcId)
	if vpc == nil {
		return fmt.Errorf("sim: VPN gateway %s has no VPC", gw.ID)
	}
	created := time.UnixMilli(g.CreateTime).Add(24 * time.Hour)
	srv := newSslServer(d.st, sslServerArgs{Gateway: gw, Created: created, Server: model.SslVpnServer{
		Name: name, LocalSubnet: vpcOf(vpc).CidrBlock, ClientIpPool: sslPoolFor(vpcOf(vpc).CidrBlock),
		Cipher: model.SslDefaultCipher, Proto: model.SslDefaultProto, Port: model.SslDefaultPort, Compress: true,
	}})
	for _, c := range certs {
		newSslCert(d.st, sslCertArgs{Server: srv, Name: c.name, Created: d.daysAgo(c.ageDays), Now: d.now})
	}
	return nil
}

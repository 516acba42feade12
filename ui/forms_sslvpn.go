package ui

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"slices"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- SSL-VPN servers and client certificates ----

func sslServerOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &sslServerForm{port: strconv.Itoa(model.SslDefaultPort), cipher: model.SslDefaultCipher, proto: model.SslDefaultProto}
			if p := parentOf(fc, "vpn"); p != nil {
				m.onlyGw = p.ID
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			s := fc.target.Val().(*model.SslVpnServer)
			return &sslServerForm{id: s.SslVpnServerId, gwID: s.VpnGatewayId, onlyGw: s.VpnGatewayId, name: s.Name,
				local: s.LocalSubnet, pool: s.ClientIpPool, cipher: s.Cipher, proto: s.Proto,
				port: model.Itoa(s.Port), compress: s.Compress}
		},
		del: &deleteSpec{
			action: "DeleteSslVpnServer", fresh: true, about: sslServerAbout,
			stops: func(o *model.Object) []string {
				s := o.Val().(*model.SslVpnServer)
				return []string{fmt.Sprintf("%s SSL-VPN clients are disconnected; nobody reaches %s through %s any more.",
					model.Itoa(s.Connections), s.LocalSubnet, s.VpnGatewayId)}
			},
			impact: sslServerCerts,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.SslVpnIDInput{RegionId: o.Region, SslVpnServerId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteSslVpnServer(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteSslVpnServer", out.RequestId, in), nil
			},
		},
	}
}

func sslServerAbout(_ *formCtx, o *model.Object) []string {
	s := o.Val().(*model.SslVpnServer)
	return []string{fmt.Sprintf("On VPN gateway %s (%s): clients from %s reach %s over %s %s",
		s.VpnGatewayId, s.InternetIp, s.ClientIpPool, s.LocalSubnet, s.Proto, model.Itoa(s.Port))}
}

// sslServerCerts counts the certificates deleted with a server.
func sslServerCerts(ctx context.Context, fc *formCtx, o *model.Object) ([]string, []string, error) {
	certs, err := fc.client.DescribeSslVpnClientCerts(ctx, &client.DescribeSslVpnInput{RegionId: o.Region, SslVpnServerId: o.ID})
	if err != nil || len(certs) == 0 {
		return nil, nil, err
	}
	return []string{plural(len(certs), "client certificate is", "client certificates are") + " deleted with it; their clients cannot connect again."}, nil, nil
}

// sslGateways reads the region's VPN gateways by ID.
func sslGateways(ctx context.Context, fc *formCtx) (map[string]*model.VpnGateway, error) {
	gws, err := fc.client.DescribeVpnGateways(ctx, &client.DescribeVpnGatewaysInput{RegionId: fc.region})
	if err != nil {
		return nil, err
	}
	out := map[string]*model.VpnGateway{}
	for _, g := range gws {
		out[g.VpnGatewayId] = g
	}
	return out, nil
}

// sslGatewayBusy says why an SSL-VPN change cannot be made on g now.
func sslGatewayBusy(g *model.VpnGateway) string {
	switch {
	case g == nil:
		return "its VPN gateway is gone"
	case g.BusinessStatus == "FinancialLocked":
		return g.VpnGatewayId + " is locked for an overdue payment (VpnGateway.FinancialLocked)"
	case g.Status != "active":
		return fmt.Sprintf("%s is %s; SSL-VPN changes wait until it is active (VpnGateway.Configuring)", g.VpnGatewayId, g.Status)
	}
	return ""
}

// sslServerForm creates (id empty) or modifies an SSL-VPN server. The
// gateway comes from the API (SSL-VPN enabled, no server yet) or from the
// pane it is opened from; every rule of model.CheckSslServer is checked as
// typed, the client block against the gateway's connections.
type sslServerForm struct {
	id, gwID, onlyGw                       string
	name, local, pool, cipher, proto, port string
	compress                               bool
	gws                                    []pick
	gateways                               map[string]*model.VpnGateway
	refuse                                 string
}

func (m *sslServerForm) Title() string {
	switch {
	case m.id != "":
		return "Edit SSL-VPN server " + m.id
	case m.onlyGw != "":
		return "Create SSL-VPN server on " + m.onlyGw
	}
	return "Create SSL-VPN server"
}

func (m *sslServerForm) Action() string {
	if m.id != "" {
		return "ModifySslVpnServer"
	}
	return "CreateSslVpnServer"
}

func (m *sslServerForm) Prepare(ctx context.Context, fc *formCtx) error {
	gws, err := sslGateways(ctx, fc)
	if err != nil {
		return err
	}
	m.gateways, m.gws, m.refuse = gws, []pick{}, ""
	if m.id != "" {
		m.refuse = sslGatewayBusy(gws[m.gwID])
		return nil
	}
	servers, err := fc.client.DescribeSslVpnServers(ctx, &client.DescribeSslVpnInput{RegionId: fc.region})
	if err != nil {
		return err
	}
	taken := map[string]string{}
	for _, s := range servers {
		taken[s.VpnGatewayId] = s.SslVpnServerId
	}
	for _, id := range slices.Sorted(maps.Keys(gws)) {
		g := gws[id]
		why := ""
		switch {
		case g.SslVpn != "enable":
			why = "has SSL-VPN disabled"
		case taken[id] != "":
			why = "already has SSL-VPN server " + taken[id] + " (one per gateway)"
		}
		if m.onlyGw != "" && id == m.onlyGw && why != "" {
			m.refuse = id + " " + why
		}
		if why == "" && (m.onlyGw == "" || id == m.onlyGw) {
			m.gws = append(m.gws, pick{fmt.Sprintf("%s  %s  %s  %d SSL connections", id, g.Name, g.Status, g.SslMaxConnections), id})
		}
	}
	m.gwID = keepOrFirst(m.gwID, m.gws)
	if g := gws[m.gwID]; g != nil && m.local == "" {
		if vpcs, err := fc.client.DescribeVpcs(ctx, &client.DescribeVpcsInput{RegionId: fc.region, VpcId: g.VpcId}); err == nil && len(vpcs) == 1 {
			m.local = vpcs[0].CidrBlock
		}
	}
	return nil
}

func (m *sslServerForm) maxConns() int64 {
	if g := m.gateways[m.gwID]; g != nil {
		return g.SslMaxConnections
	}
	return 0
}

func (m *sslServerForm) checkLocal(s string) error {
	_, err := model.CheckSslLocalSubnet(s)
	return err
}

func (m *sslServerForm) checkPool(s string) error {
	local, err := model.CheckSslLocalSubnet(m.local)
	if err != nil {
		local = nil // the local field says what is wrong with it
	}
	return model.CheckSslClientPool(s, local, m.maxConns())
}

func sslPortCheck(s string) error {
	_, err := model.CheckSslPort(s)
	return err
}

func sslNameCheck(s string) error {
	if s == "" {
		return nil
	}
	return model.DefaultName.Check(s)
}

func (m *sslServerForm) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	var fields []huh.Field
	if m.id == "" {
		fields = append(fields, pickerGone("VPN gateway", &m.gwID, m.gws,
			"no VPN gateway in "+fc.region+" with SSL-VPN enabled and no SSL-VPN server", "is no longer offered in "+fc.region))
	}
	name := nameCheckFor(fc, m.id, sslNameCheck)
	fields = append(fields,
		liveInput("Name", &m.name, name, nameHint),
		liveInput("Local subnet", &m.local, m.checkLocal, "CIDR blocks the clients reach, separated by commas (e.g. the VPC's block)"),
		liveInput("Client CIDR block", &m.pool, m.checkPool, "addresses for the clients: /16 to /29, 4 per SSL connection, not overlapping the local subnet"),
		inlineSelect("Protocol", &m.proto, model.SslProtos...),
		liveInput("Port", &m.port, sslPortCheck, "1194 by default; not 22, 80, 443, 500, 4500 or the other reserved ports"),
		inlineSelect("Cipher", &m.cipher, model.SslCiphers...),
		huh.NewConfirm().Title("Compress?").Value(&m.compress).Affirmative("Yes").Negative("No"),
	)
	return huh.NewForm(huh.NewGroup(fields...))
}

// nameCheckFor is the name check of a create, or of an edit (where a name
// the resource has cannot be emptied).
func nameCheckFor(fc *formCtx, id string, check func(string) error) func(string) error {
	if id == "" {
		return check
	}
	return keepSet(fc, "name", check)
}

func (m *sslServerForm) request(fc *formCtx) *client.SslVpnServerInput {
	port, _ := strconv.Atoi(strings.TrimSpace(m.port))
	in := &client.SslVpnServerInput{RegionId: fc.region, Name: m.name, LocalSubnet: strings.TrimSpace(m.local),
		ClientIpPool: strings.TrimSpace(m.pool), Cipher: m.cipher, Proto: m.proto, Port: port, Compress: boolPtr(m.compress)}
	if m.id != "" {
		in.SslVpnServerId = m.id
	} else {
		in.VpnGatewayId = m.gwID
	}
	return in
}

func (m *sslServerForm) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if m.id == "" {
		if m.gwID == "" {
			return errors.New("VPN gateway: there is no VPN gateway with SSL-VPN enabled and no SSL-VPN server to choose")
		}
		if err := notOffered(m.gws, m.gwID, "is no longer offered in "+fc.region); err != nil {
			return fmt.Errorf("VPN gateway: %w", err)
		}
	}
	if why := sslGatewayBusy(m.gateways[m.gwID]); why != "" {
		return errors.New("VPN gateway: " + why)
	}
	err := model.CheckSslServer(model.SslServerInput{Name: m.name, LocalSubnet: m.local, ClientIpPool: m.pool,
		Cipher: m.cipher, Proto: m.proto, Port: m.port, MaxConnections: m.maxConns()})
	if err != nil {
		return err
	}
	if m.id != "" {
		return editRefusal(fc.target, m.Action(), m.request(fc))
	}
	return nil
}

func (m *sslServerForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	in.ClientToken = token
	return sslSend(fc, "sslserver", m.id, m.Action(), in, func() (string, string, error) {
		if m.id != "" {
			out, err := fc.client.ModifySslVpnServer(ctx, in)
			if err != nil {
				return "", "", err
			}
			return m.id, out.RequestId, nil
		}
		out, err := fc.client.CreateSslVpnServer(ctx, in)
		if err != nil {
			return "", "", err
		}
		return out.SslVpnServerId, out.RequestId, nil
	})
}

// sslSend sends a create (id empty) or an edit of kind through send, which
// answers the resource's ID and the RequestId; an edit that changes nothing
// sends nothing.
func sslSend(fc *formCtx, kind, id, action string, in any, send func() (string, string, error)) (*submitted, error) {
	if id != "" {
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
	}
	got, requestID, err := send()
	if err != nil {
		return nil, err
	}
	if got == "" {
		return nil, errors.New(action + " answered without an ID")
	}
	return made(fc, kind, got, requestID, in, nil), nil
}

// ---- client certificates ----

func sslCertOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &sslCertForm{}
			if p := parentOf(fc, "sslserver"); p != nil {
				m.onlySrv = p.ID
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			c := fc.target.Val().(*model.SslVpnClientCert)
			return &sslCertForm{id: c.SslVpnClientCertId, srvID: c.SslVpnServerId, onlySrv: c.SslVpnServerId, name: c.Name}
		},
		del: &deleteSpec{
			action: "DeleteSslVpnClientCert", fresh: true,
			about: func(_ *formCtx, o *model.Object) []string {
				c := o.Val().(*model.SslVpnClientCert)
				return []string{fmt.Sprintf("Issued by SSL-VPN server %s, %s, expires %s", c.SslVpnServerId, c.Status, model.MillisTime(c.EndTime))}
			},
			stops: func(o *model.Object) []string {
				return []string{"The client holding this certificate can no longer connect; a new certificate must be issued and installed."}
			},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.SslVpnIDInput{RegionId: o.Region, SslVpnClientCertId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteSslVpnClientCert(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteSslVpnClientCert", out.RequestId, in), nil
			},
		},
	}
}

// sslCertForm issues (id empty) or renames a client certificate. The
// server comes from the API or from the pane it is opened from; its
// gateway must be active.
type sslCertForm struct {
	id, srvID, onlySrv, name string
	srvs                     []pick
	gwOf                     map[string]*model.VpnGateway // server → gateway
	refuse                   string
}

func (m *sslCertForm) Title() string {
	switch {
	case m.id != "":
		return "Rename SSL-VPN client certificate " + m.id
	case m.onlySrv != "":
		return "Issue SSL-VPN client certificate of " + m.onlySrv
	}
	return "Issue SSL-VPN client certificate"
}

func (m *sslCertForm) Action() string {
	if m.id != "" {
		return "ModifySslVpnClientCert"
	}
	return "CreateSslVpnClientCert"
}

func (m *sslCertForm) Prepare(ctx context.Context, fc *formCtx) error {
	gws, err := sslGateways(ctx, fc)
	if err != nil {
		return err
	}
	servers, err := fc.client.DescribeSslVpnServers(ctx, &client.DescribeSslVpnInput{RegionId: fc.region})
	if err != nil {
		return err
	}
	m.srvs, m.gwOf, m.refuse = []pick{}, map[string]*model.VpnGateway{}, ""
	for _, s := range servers {
		m.gwOf[s.SslVpnServerId] = gws[s.VpnGatewayId]
		if m.onlySrv == "" || s.SslVpnServerId == m.onlySrv {
			m.srvs = append(m.srvs, pick{fmt.Sprintf("%s  %s  %s", s.SslVpnServerId, s.Name, s.VpnGatewayId), s.SslVpnServerId})
		}
	}
	m.srvID = keepOrFirst(m.srvID, m.srvs)
	if m.id != "" && m.srvID != "" {
		// A rename waits for the gateway only.
		if g := m.gwOf[m.srvID]; g != nil && g.Status != "active" {
			m.refuse = sslGatewayBusy(g)
		}
	}
	return nil
}

func (m *sslCertForm) Form(fc *formCtx) *huh.Form {
	if m.refuse != "" {
		return huh.NewForm(huh.NewGroup(huh.NewNote().Title("Not possible now").Description("✗ " + m.refuse)))
	}
	var fields []huh.Field
	if m.id == "" {
		fields = append(fields, pickerGone("SSL-VPN server", &m.srvID, m.srvs, "no SSL-VPN server in "+fc.region, "is no longer in "+fc.region))
	}
	fields = append(fields, liveInput("Name", &m.name, nameCheckFor(fc, m.id, sslNameCheck), nameHint))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *sslCertForm) request(fc *formCtx) *client.SslVpnIDInput {
	if m.id != "" {
		return &client.SslVpnIDInput{RegionId: fc.region, SslVpnClientCertId: m.id, Name: m.name}
	}
	return &client.SslVpnIDInput{RegionId: fc.region, SslVpnServerId: m.srvID, Name: m.name}
}

func (m *sslCertForm) Check(fc *formCtx) error {
	if m.refuse != "" {
		return errors.New(m.refuse)
	}
	if m.id == "" {
		if m.srvID == "" {
			return errors.New("SSL-VPN server: there is no SSL-VPN server to choose")
		}
		if err := notOffered(m.srvs, m.srvID, "is no longer in "+fc.region); err != nil {
			return fmt.Errorf("SSL-VPN server: %w", err)
		}
		if why := sslGatewayBusy(m.gwOf[m.srvID]); why != "" {
			return errors.New("SSL-VPN server: " + why)
		}
	}
	if err := checks(check("name", sslNameCheck(m.name))); err != nil {
		return err
	}
	if m.id != "" {
		return editRefusal(fc.target, m.Action(), m.request(fc))
	}
	return nil
}

func (m *sslCertForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc)
	in.ClientToken = token
	return sslSend(fc, "sslcert", m.id, m.Action(), in, func() (string, string, error) {
		if m.id != "" {
			out, err := fc.client.ModifySslVpnClientCert(ctx, in)
			if err != nil {
				return "", "", err
			}
			return m.id, out.RequestId, nil
		}
		out, err := fc.client.CreateSslVpnClientCert(ctx, in)
		if err != nil {
			return "", "", err
		}
		return out.SslVpnClientCertId, out.RequestId, nil
	})
}

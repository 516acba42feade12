package forms

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

func sslServerOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &SslServerForm{Port: strconv.Itoa(model.SslDefaultPort), Cipher: model.SslDefaultCipher, Proto: model.SslDefaultProto, onlyGw: parentID(fc, "vpn")}
		},
		Edit: func(fc *FormCtx) Mutation {
			s := fc.Target.Val().(*model.SslVpnServer)
			return &SslServerForm{Id: s.SslVpnServerId, GwID: s.VpnGatewayId, onlyGw: s.VpnGatewayId, Name: s.Name,
				Local: s.LocalSubnet, Pool: s.ClientIpPool, Cipher: s.Cipher, Proto: s.Proto,
				Port: model.Itoa(s.Port), compress: s.Compress}
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: sslServerAbout,
			Stops: func(o *model.Object) []string {
				s := o.Val().(*model.SslVpnServer)
				return []string{fmt.Sprintf("%s SSL-VPN clients are disconnected; nobody reaches %s through %s any more.",
					model.Itoa(s.Connections), s.LocalSubnet, s.VpnGatewayId)}
			},
			Impact: sslServerCerts,
		}, "SslVpnServerId", client.DeleteSslVpnServer),
	}
}

func sslServerAbout(_ *FormCtx, o *model.Object) []string {
	s := o.Val().(*model.SslVpnServer)
	return []string{fmt.Sprintf("On VPN gateway %s (%s): clients from %s reach %s over %s %s",
		s.VpnGatewayId, s.InternetIp, s.ClientIpPool, s.LocalSubnet, s.Proto, model.Itoa(s.Port))}
}

// sslServerCerts counts the certificates deleted with a server.
func sslServerCerts(ctx context.Context, fc *FormCtx, o *model.Object) ([]string, []string, error) {
	certs, err := client.DescribeSslVpnClientCerts.Call(ctx, fc.Client, &client.DescribeSslVpnInput{RegionId: o.Region, SslVpnServerId: o.ID})
	if err != nil || len(certs) == 0 {
		return nil, nil, err
	}
	return []string{plural(len(certs), "client certificate is", "client certificates are") + " deleted with it; their clients cannot connect again."}, nil, nil
}

// sslGateways reads the region's VPN gateways by ID.
func sslGateways(ctx context.Context, fc *FormCtx) (map[string]*model.VpnGateway, error) {
	gws, err := client.DescribeVpnGateways.Call(ctx, fc.Client, &client.DescribeVpnGatewaysInput{RegionId: fc.Region})
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
type SslServerForm struct {
	Id, GwID, onlyGw                       string
	Name, Local, Pool, Cipher, Proto, Port string
	compress                               bool
	Gws                                    []Pick
	Gateways                               map[string]*model.VpnGateway
	Refuse                                 string
}

var sslServerNames = createOrEdit{"SSL-VPN server", "CreateSslVpnServer", "ModifySslVpnServer"}

func (m *SslServerForm) Title() string {
	return sslServerNames.title(m.Id, when(m.onlyGw != "", "on "+m.onlyGw))
}
func (m *SslServerForm) Action() string { return sslServerNames.action(m.Id) }

func (m *SslServerForm) Prepare(ctx context.Context, fc *FormCtx) error {
	gws, err := sslGateways(ctx, fc)
	if err != nil {
		return err
	}
	m.Gateways, m.Gws, m.Refuse = gws, []Pick{}, ""
	if m.Id != "" {
		m.Refuse = sslGatewayBusy(gws[m.GwID])
		return nil
	}
	servers, err := client.DescribeSslVpnServers.Call(ctx, fc.Client, &client.DescribeSslVpnInput{RegionId: fc.Region})
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
			m.Refuse = id + " " + why
		}
		if why == "" && (m.onlyGw == "" || id == m.onlyGw) {
			m.Gws = append(m.Gws, Pick{fmt.Sprintf("%s  %s  %s  %d SSL connections", id, g.Name, g.Status, g.SslMaxConnections), id})
		}
	}
	m.GwID = keepOrFirst(m.GwID, m.Gws)
	if g := gws[m.GwID]; g != nil && m.Local == "" {
		if vpcs, err := client.DescribeVpcs.Call(ctx, fc.Client, &client.DescribeVpcsInput{RegionId: fc.Region, VpcId: g.VpcId}); err == nil && len(vpcs) == 1 {
			m.Local = vpcs[0].CidrBlock
		}
	}
	return nil
}

func (m *SslServerForm) maxConns() int64 {
	if g := m.Gateways[m.GwID]; g != nil {
		return g.SslMaxConnections
	}
	return 0
}

func (m *SslServerForm) checkLocal(s string) error {
	_, err := model.CheckSslLocalSubnet(s)
	return err
}

func (m *SslServerForm) checkPool(s string) error {
	local, err := model.CheckSslLocalSubnet(m.Local)
	if err != nil {
		local = nil // the local field says what is wrong with it
	}
	return model.CheckSslClientPool(s, local, m.maxConns())
}

func sslPortCheck(s string) error {
	_, err := model.CheckSslPort(s)
	return err
}

func (m *SslServerForm) Form(fc *FormCtx) *huh.Form {
	if m.Refuse != "" {
		return refusedForm(m.Refuse)
	}
	var fields []huh.Field
	if m.Id == "" {
		fields = append(fields, pickerGone("VPN gateway", &m.GwID, m.Gws,
			"no VPN gateway in "+fc.Region+" with SSL-VPN enabled and no SSL-VPN server", "is no longer offered in "+fc.Region))
	}
	name := nameCheckFor(fc, m.Id, model.DefaultName.Check)
	fields = append(fields,
		liveInput("Name", &m.Name, name, nameHint),
		liveInput("Local subnet", &m.Local, m.checkLocal, "CIDR blocks the clients reach, separated by commas (e.g. the VPC's block)"),
		liveInput("Client CIDR block", &m.Pool, m.checkPool, "addresses for the clients: /16 to /29, 4 per SSL connection, not overlapping the local subnet"),
		inlineSelect("Protocol", &m.Proto, model.SslProtos...),
		liveInput("Port", &m.Port, sslPortCheck, "1194 by default; not 22, 80, 443, 500, 4500 or the other reserved ports"),
		inlineSelect("Cipher", &m.Cipher, model.SslCiphers...),
		huh.NewConfirm().Title("Compress?").Value(&m.compress).Affirmative("Yes").Negative("No"),
	)
	return huh.NewForm(huh.NewGroup(fields...))
}

// nameCheckFor is the name check of a create, or of an edit (where a name
// the resource has cannot be emptied).
func nameCheckFor(fc *FormCtx, id string, check func(string) error) func(string) error {
	if id == "" {
		return check
	}
	return KeepSet(fc, "name", check)
}

func (m *SslServerForm) request(fc *FormCtx) *client.SslVpnServerInput {
	port, _ := strconv.Atoi(strings.TrimSpace(m.Port))
	in := &client.SslVpnServerInput{RegionId: fc.Region, Name: m.Name, LocalSubnet: strings.TrimSpace(m.Local),
		ClientIpPool: strings.TrimSpace(m.Pool), Cipher: m.Cipher, Proto: m.Proto, Port: port, Compress: boolPtr(m.compress)}
	if m.Id != "" {
		in.SslVpnServerId = m.Id
	} else {
		in.VpnGatewayId = m.GwID
	}
	return in
}

func (m *SslServerForm) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	err := sslChoice(m.Id == "", "VPN gateway", m.GwID, m.Gws, "there is no VPN gateway with SSL-VPN enabled and no SSL-VPN server to choose",
		"is no longer offered in "+fc.Region, m.Gateways[m.GwID])
	if err == nil {
		err = model.CheckSslServer(model.SslServerInput{Name: m.Name, LocalSubnet: m.Local, ClientIpPool: m.Pool,
			Cipher: m.Cipher, Proto: m.Proto, Port: m.Port, MaxConnections: m.maxConns()})
	}
	if err != nil {
		return err
	}
	return m.editRefusal(fc)
}

// editRefusal is editRefusal for an edit; a create has nothing to refuse.
func (m *SslServerForm) editRefusal(fc *FormCtx) error {
	if m.Id == "" {
		return nil
	}
	return editRefusal(fc.Target, m.Action(), m.request(fc))
}

// sslChoice checks the gateway or server an SSL-VPN form works on (what):
// on a create (choose), chosen (none says why nothing can be) and still
// offered; and its gateway not busy.
func sslChoice(choose bool, what, v string, picks []Pick, none, gone string, gw *model.VpnGateway) error {
	if choose && v == "" {
		return errors.New(what + ": " + none)
	}
	if err := notOffered(picks, v, gone); choose && err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	if why := sslGatewayBusy(gw); why != "" {
		return errors.New(what + ": " + why)
	}
	return nil
}

func (m *SslServerForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	in.ClientToken = token
	return upsert(ctx, fc, m, "sslserver", m.Id, "SslVpnServerId", in, client.ModifySslVpnServer.Func, client.CreateSslVpnServer.Func)
}

// ---- client certificates ----

func sslCertOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			return &SslCertForm{onlySrv: parentID(fc, "sslserver")}
		},
		Edit: func(fc *FormCtx) Mutation {
			c := fc.Target.Val().(*model.SslVpnClientCert)
			return &SslCertForm{Id: c.SslVpnClientCertId, SrvID: c.SslVpnServerId, onlySrv: c.SslVpnServerId, Name: c.Name}
		},
		Del: deleteByID(DeleteSpec{
			Fresh: true,
			About: func(_ *FormCtx, o *model.Object) []string {
				c := o.Val().(*model.SslVpnClientCert)
				return []string{fmt.Sprintf("Issued by SSL-VPN server %s, %s, expires %s", c.SslVpnServerId, c.Status, model.MillisTime(c.EndTime))}
			},
			Stops: func(o *model.Object) []string {
				return []string{"The client holding this certificate can no longer connect; a new certificate must be issued and installed."}
			},
		}, "SslVpnClientCertId", client.DeleteSslVpnClientCert),
	}
}

// sslCertForm issues (id empty) or renames a client certificate. The
// server comes from the API or from the pane it is opened from; its
// gateway must be active.
type SslCertForm struct {
	Id, SrvID, onlySrv, Name string
	Srvs                     []Pick
	GwOf                     map[string]*model.VpnGateway // server → gateway
	Refuse                   string
}

func (m *SslCertForm) Title() string {
	switch {
	case m.Id != "":
		return "Rename SSL-VPN client certificate " + m.Id
	case m.onlySrv != "":
		return "Issue SSL-VPN client certificate of " + m.onlySrv
	}
	return "Issue SSL-VPN client certificate"
}

func (m *SslCertForm) Action() string {
	if m.Id != "" {
		return "ModifySslVpnClientCert"
	}
	return "CreateSslVpnClientCert"
}

func (m *SslCertForm) Prepare(ctx context.Context, fc *FormCtx) error {
	gws, err := sslGateways(ctx, fc)
	if err != nil {
		return err
	}
	servers, err := client.DescribeSslVpnServers.Call(ctx, fc.Client, &client.DescribeSslVpnInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.Srvs, m.GwOf, m.Refuse = []Pick{}, map[string]*model.VpnGateway{}, ""
	for _, s := range servers {
		m.GwOf[s.SslVpnServerId] = gws[s.VpnGatewayId]
		if m.onlySrv == "" || s.SslVpnServerId == m.onlySrv {
			m.Srvs = append(m.Srvs, Pick{fmt.Sprintf("%s  %s  %s", s.SslVpnServerId, s.Name, s.VpnGatewayId), s.SslVpnServerId})
		}
	}
	m.SrvID = keepOrFirst(m.SrvID, m.Srvs)
	if m.Id != "" && m.SrvID != "" {
		// A rename waits for the gateway only.
		if g := m.GwOf[m.SrvID]; g != nil && g.Status != "active" {
			m.Refuse = sslGatewayBusy(g)
		}
	}
	return nil
}

func (m *SslCertForm) Form(fc *FormCtx) *huh.Form {
	if m.Refuse != "" {
		return refusedForm(m.Refuse)
	}
	var fields []huh.Field
	if m.Id == "" {
		fields = append(fields, pickerGone("SSL-VPN server", &m.SrvID, m.Srvs, "no SSL-VPN server in "+fc.Region, "is no longer in "+fc.Region))
	}
	fields = append(fields, liveInput("Name", &m.Name, nameCheckFor(fc, m.Id, model.DefaultName.Check), nameHint))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *SslCertForm) request(fc *FormCtx) *client.SslVpnIDInput {
	if m.Id != "" {
		return &client.SslVpnIDInput{RegionId: fc.Region, SslVpnClientCertId: m.Id, Name: m.Name}
	}
	return &client.SslVpnIDInput{RegionId: fc.Region, SslVpnServerId: m.SrvID, Name: m.Name}
}

func (m *SslCertForm) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	if m.Id == "" {
		if err := sslChoice(true, "SSL-VPN server", m.SrvID, m.Srvs, "there is no SSL-VPN server to choose", "is no longer in "+fc.Region, m.GwOf[m.SrvID]); err != nil {
			return err
		}
	}
	if err := checks(check("name", model.DefaultName.Check(m.Name))); err != nil || m.Id == "" {
		return err
	}
	return editRefusal(fc.Target, m.Action(), m.request(fc))
}

func (m *SslCertForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.request(fc)
	in.ClientToken = token
	return upsert(ctx, fc, m, "sslcert", m.Id, "SslVpnClientCertId", in, client.ModifySslVpnClientCert.Func, client.CreateSslVpnClientCert.Func)
}

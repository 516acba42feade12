package ui

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- VPN gateways ----

func vpnOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &vpnCreate{bandwidth: "10", ipsec: true}
			if p := parentOf(fc, "vpc"); p != nil {
				m.vpcID, m.fixedVPC = p.ID, true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			v := fc.target.Val().(*model.VpnGateway)
			return &vpnModify{id: v.VpnGatewayId, name: v.Name, desc: v.Description}
		},
		del: &deleteSpec{
			action: "DeleteVpnGateway",
			// A gateway with IPsec connections or an SSL-VPN server
			// cannot be deleted.
			blockers: []string{"ipsec", "sslserver"},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteVpnGatewayInput{RegionId: o.Region, VpnGatewayId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteVpnGateway(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteVpnGateway", out.RequestId, in), nil
			},
		},
	}
}

type vpnCreate struct {
	vpcID, bandwidth, name string
	ipsec, ssl, fixedVPC   bool
	vpcs                   []pick
	vsws                   map[string][]pick
	vsw                    *choiceGroups
}

func (m *vpnCreate) Title() string {
	if m.fixedVPC {
		return "Create VPN gateway in " + m.vpcID
	}
	return "Create VPN gateway"
}
func (m *vpnCreate) Action() string { return "CreateVpnGateway" }

// Prepare loads the VPCs and their VSwitches on every opening, a draft's
// too; the draft's choices are kept (marked when no longer offered).
func (m *vpnCreate) Prepare(ctx context.Context, fc *formCtx) error {
	only := ""
	if m.fixedVPC {
		m.vpcs, only = []pick{{m.vpcID, m.vpcID}}, m.vpcID
	} else {
		picks, _, err := vpcPicks(ctx, fc)
		if err != nil {
			return err
		}
		m.vpcs, m.vpcID = picks, keepOrFirst(m.vpcID, picks)
	}
	vsws, err := vswPicks(ctx, fc, only)
	if err != nil {
		return err
	}
	m.vsws = vsws
	if m.vsw == nil {
		m.vsw = newChoiceGroups(&m.vpcID)
	}
	for _, v := range m.vpcs {
		m.vsw.setDefault(v.value, firstValue(vsws[v.value]))
	}
	return nil
}

func (m *vpnCreate) Form(fc *formCtx) *huh.Form {
	var first []huh.Field
	if !m.fixedVPC {
		first = append(first, pickerGone("VPC", &m.vpcID, m.vpcs, "this region has no VPC", "is no longer in "+fc.region))
	}
	first = append(first,
		huh.NewSelect[string]().Title("Bandwidth (Mbit/s)").Options(stringOptions("5", "10", "20", "50", "100")...).Value(&m.bandwidth).Inline(true),
		liveInput("Name", &m.name, model.VpnGatewayName.Check, "optional; 2-100 characters, starts with a letter; letters, digits, _ -"))
	gs := []*huh.Group{huh.NewGroup(first...)}
	for _, v := range m.vpcs {
		picks := m.vsws[v.value]
		gs = append(gs, m.vsw.group(v.value, func(val *string) []huh.Field {
			return []huh.Field{pickerGone("VSwitch", val, picks, "the VPC has no VSwitch; create one first", "is no longer a VSwitch of "+v.value)}
		}))
	}
	gs = append(gs, huh.NewGroup(
		huh.NewConfirm().Title("IPsec-VPN (site to site)?").Value(&m.ipsec).Affirmative("Yes").Negative("No"),
		huh.NewConfirm().Title("SSL-VPN (clients to site)?").Value(&m.ssl).Affirmative("Yes").Negative("No"),
	))
	return huh.NewForm(gs...)
}

func (m *vpnCreate) Check(fc *formCtx) error {
	if m.vpcID == "" {
		return errors.New("choose a VPC")
	}
	if err := notOffered(m.vpcs, m.vpcID, "is no longer in "+fc.region); err != nil {
		return fmt.Errorf("VPC: %w", err)
	}
	if err := notOffered(m.vsws[m.vpcID], m.vsw.value(), "is no longer a VSwitch of "+m.vpcID); err != nil {
		return fmt.Errorf("VSwitch: %w", err)
	}
	bw, err := atoi("bandwidth", m.bandwidth)
	if err == nil {
		err = model.CheckVpnGatewayBandwidth(bw)
	}
	if !m.ipsec && !m.ssl {
		return errors.New("enable IPsec-VPN, SSL-VPN or both: a gateway with neither carries no traffic")
	}
	return checks(check("bandwidth", err), check("name", model.VpnGatewayName.Check(m.name)))
}

// Request is what Submit sends; the review page lists it first.
func (m *vpnCreate) Request(fc *formCtx, token string) (any, error) { return m.input(fc, token), nil }

func (m *vpnCreate) input(fc *formCtx, token string) *client.CreateVpnGatewayInput {
	bw, _ := strconv.Atoi(m.bandwidth)
	return &client.CreateVpnGatewayInput{RegionId: fc.region, VpcId: m.vpcID, VSwitchId: m.vsw.value(), Name: m.name, Bandwidth: bw,
		EnableIpsec: boolPtr(m.ipsec), EnableSsl: boolPtr(m.ssl), ClientToken: token}
}

func (m *vpnCreate) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.input(fc, token)
	out, err := fc.client.CreateVpnGateway(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "vpn", out.VpnGatewayId, out.RequestId, in, nil), nil
}

type vpnModify struct{ id, name, desc string }

func (m *vpnModify) Title() string  { return "Edit VPN gateway " + m.id }
func (m *vpnModify) Action() string { return "ModifyVpnGatewayAttribute" }
func (m *vpnModify) Form(fc *formCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(editName(fc, &m.name), editDesc(fc, &m.desc)))
}
func (m *vpnModify) request(fc *formCtx, token string) *client.ModifyVpnGatewayAttributeInput {
	return &client.ModifyVpnGatewayAttributeInput{RegionId: fc.region, VpnGatewayId: m.id, Name: m.name, Description: m.desc, ClientToken: token}
}
func (m *vpnModify) Check(fc *formCtx) error {
	return checks(check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)),
		check("edit", editRefusal(fc.target, m.Action(), m.request(fc, ""))))
}
func (m *vpnModify) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	in := m.request(fc, token)
	if res := unchangedEdit(fc.target, in); res != nil {
		return res, nil
	}
	out, err := fc.client.ModifyVpnGatewayAttribute(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "vpn", m.id, out.RequestId, in, nil), nil
}

// ---- customer gateways ----

func cgwOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation { return &cgwForm{} },
		edit: func(fc *formCtx) mutation {
			c := fc.target.Val().(*model.CustomerGateway)
			return &cgwForm{id: c.CustomerGatewayId, ip: c.IpAddress, name: c.Name, desc: c.Description}
		},
		del: &deleteSpec{
			action: "DeleteCustomerGateway",
			// An IPsec connection that uses it must go first.
			blockers: []string{"ipsec"},
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteCustomerGatewayInput{RegionId: o.Region, CustomerGatewayId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteCustomerGateway(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteCustomerGateway", out.RequestId, in), nil
			},
		},
	}
}

// cgwForm registers an on-premises VPN device (id "") or renames one.
type cgwForm struct{ id, ip, asn, name, desc string }

func (m *cgwForm) Title() string {
	if m.id != "" {
		return "Edit customer gateway " + m.id
	}
	return "Create customer gateway"
}

func (m *cgwForm) Action() string {
	if m.id != "" {
		return "ModifyCustomerGatewayAttribute"
	}
	return "CreateCustomerGateway"
}

func checkCgwASN(s string) error {
	n, err := model.ParseASN(s)
	if err != nil {
		return err
	}
	return model.CheckASN(n)
}

func (m *cgwForm) Form(fc *formCtx) *huh.Form {
	var fields []huh.Field
	if m.id == "" {
		fields = append(fields,
			liveInput("Public IP", &m.ip, required("the device's public IP", model.CheckCustomerGatewayIP), "the device's public address; one gateway per IP in a region"),
			liveInput("ASN", &m.asn, optional(checkCgwASN), "optional, for BGP: 1-4294967295 (not 45104)"))
	} else {
		fields = append(fields, huh.NewNote().Title("Public IP").Description(m.ip))
	}
	fields = append(fields, editName(fc, &m.name), editDesc(fc, &m.desc))
	return huh.NewForm(huh.NewGroup(fields...))
}

// modify is the request of an edit (id set).
func (m *cgwForm) modify(fc *formCtx, token string) *client.ModifyCustomerGatewayAttributeInput {
	return &client.ModifyCustomerGatewayAttributeInput{RegionId: fc.region, CustomerGatewayId: m.id, Name: m.name, Description: m.desc, ClientToken: token}
}

func (m *cgwForm) Check(fc *formCtx) error {
	cs := []fieldCheck{}
	if m.id == "" {
		cs = append(cs, check("public IP", required("the device's public IP", model.CheckCustomerGatewayIP)(m.ip)),
			check("ASN", optional(checkCgwASN)(m.asn)))
	}
	cs = append(cs, check("name", model.DefaultName.Check(m.name)), check("description", model.CheckDescription(m.desc)))
	if m.id != "" {
		cs = append(cs, check("edit", editRefusal(fc.target, m.Action(), m.modify(fc, ""))))
	}
	return checks(cs...)
}

func (m *cgwForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	if m.id != "" {
		in := m.modify(fc, token)
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifyCustomerGatewayAttribute(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "cgw", m.id, out.RequestId, in, nil), nil
	}
	asn := ""
	if strings.TrimSpace(m.asn) != "" {
		n, _ := model.ParseASN(m.asn)
		asn = strconv.FormatInt(n, 10)
	}
	in := &client.CreateCustomerGatewayInput{RegionId: fc.region, IpAddress: strings.TrimSpace(m.ip), Asn: asn, Name: m.name, Description: m.desc, ClientToken: token}
	out, err := fc.client.CreateCustomerGateway(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "cgw", out.CustomerGatewayId, out.RequestId, in, nil), nil
}

// ---- IPsec connections ----

func ipsecOps() kindOps {
	return kindOps{
		create: func(fc *formCtx) mutation {
			m := &ipsecForm{ike: model.IkeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group2"},
				ipsec: model.IpsecConfig{IpsecEncAlg: "aes", IpsecAuthAlg: "sha1", IpsecPfs: "group2"}, ikeLife: "86400", ipsecLife: "86400"}
			if p := parentOf(fc, "vpn"); p != nil {
				m.vpnID, m.fixedVpn = p.ID, true
			}
			if p := parentOf(fc, "cgw"); p != nil {
				m.cgwID, m.fixedCgw = p.ID, true
			}
			return m
		},
		edit: func(fc *formCtx) mutation {
			c := fc.target.Val().(*model.VpnConnection)
			ike := c.IkeConfig
			ike.Psk = "" // never shown; empty keeps the current key
			return &ipsecForm{id: c.VpnConnectionId, vpnID: c.VpnGatewayId, cgwID: c.CustomerGatewayId, fixedVpn: true, fixedCgw: true,
				name: c.Name, local: c.LocalSubnet, remote: c.RemoteSubnet, immediate: c.EffectImmediately,
				ike: ike, ipsec: c.IpsecConfig, ikeLife: lifeText(ike.IkeLifetime), ipsecLife: lifeText(c.IpsecConfig.IpsecLifetime)}
		},
		del: &deleteSpec{
			action: "DeleteVpnConnection",
			stops:  ipsecStops,
			run: func(ctx context.Context, fc *formCtx, o *model.Object, token string, _ bool) (*submitted, error) {
				in := &client.DeleteVpnConnectionInput{RegionId: o.Region, VpnConnectionId: o.ID, ClientToken: token}
				out, err := fc.client.DeleteVpnConnection(ctx, in)
				if err != nil {
					return nil, err
				}
				return removed(o, "DeleteVpnConnection", out.RequestId, in), nil
			},
		},
		actions: func(fc *formCtx) []actionItem {
			if fc.target == nil {
				return nil
			}
			return []actionItem{{label: "Download configuration", hint: "the customer gateway's side of " + fc.target.ID + "; the key stays masked on screen, s saves it (mode 0600)",
				show: downloadVpnConfig}}
		},
	}
}

// downloadVpnConfig reads DownloadVpnConnectionConfig (seed 003 §15.16):
// the configuration for the customer gateway device, pre-shared key
// included (the viewer masks it; the saved file keeps it).
func downloadVpnConfig(ctx context.Context, fc *formCtx) (*document, error) {
	o := fc.target
	out, err := fc.client.DownloadVpnConnectionConfig(ctx, &client.VpnConnectionInput{RegionId: o.Region, VpnConnectionId: o.ID})
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(out.VpnConnectionConfig)
	if err != nil {
		return nil, err
	}
	return &document{Title: "IPsec configuration " + o.ID, Raw: raw, File: o.ID + "-config.json"}, nil
}

func lifeText(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// ipsecForm creates (id "") or changes an IPsec connection: phase-1 (IKE)
// and phase-2 (IPsec) settings, the pre-shared key in a password field.
type ipsecForm struct {
	id, vpnID, cgwID, name, local, remote string
	fixedVpn, fixedCgw, immediate         bool
	ike                                   model.IkeConfig
	ipsec                                 model.IpsecConfig
	ikeLife, ipsecLife                    string
	vpns, cgws                            []pick
}

// reparent: the pane the draft is reopened from decides the gateways it
// fixes (a draft typed under cgw-B, reopened under cgw-A, creates on
// cgw-A); a gateway the pane does not fix is picked again, the draft's
// choice first.
func (m *ipsecForm) reparent(fresh mutation) {
	f, ok := fresh.(*ipsecForm)
	if !ok || m.id != "" {
		return
	}
	if m.fixedVpn = f.fixedVpn; f.fixedVpn {
		m.vpnID = f.vpnID
	}
	if m.fixedCgw = f.fixedCgw; f.fixedCgw {
		m.cgwID = f.cgwID
	}
}

func (m *ipsecForm) Title() string {
	if m.id != "" {
		return "Edit IPsec connection " + m.id
	}
	if m.fixedVpn {
		return "Create IPsec connection on " + m.vpnID
	}
	return "Create IPsec connection"
}

func (m *ipsecForm) Action() string {
	if m.id != "" {
		return "ModifyVpnConnectionAttribute"
	}
	return "CreateVpnConnection"
}

// Prepare loads the gateways the pane does not fix on every opening, a
// draft's too; the draft's choices are kept (marked when no longer
// offered).
func (m *ipsecForm) Prepare(ctx context.Context, fc *formCtx) error {
	if m.id != "" {
		return nil
	}
	if !m.fixedVpn {
		vpns, err := fc.client.DescribeVpnGateways(ctx, &client.DescribeVpnGatewaysInput{RegionId: fc.region})
		if err != nil {
			return err
		}
		m.vpns = []pick{}
		for _, v := range vpns {
			m.vpns = append(m.vpns, pick{fmt.Sprintf("%s  %s  %s", v.VpnGatewayId, v.Name, v.InternetIp), v.VpnGatewayId})
		}
		m.vpnID = keepOrFirst(m.vpnID, m.vpns)
	}
	if !m.fixedCgw {
		cgws, err := fc.client.DescribeCustomerGateways(ctx, &client.DescribeCustomerGatewaysInput{RegionId: fc.region})
		if err != nil {
			return err
		}
		m.cgws = []pick{}
		for _, c := range cgws {
			m.cgws = append(m.cgws, pick{fmt.Sprintf("%s  %s  %s", c.CustomerGatewayId, c.Name, c.IpAddress), c.CustomerGatewayId})
		}
		m.cgwID = keepOrFirst(m.cgwID, m.cgws)
	}
	return nil
}

// ipsecGone says why a gateway kept from a draft is no longer offered.
func ipsecGone(fc *formCtx) string { return "is no longer in " + fc.region }

func inlineSelect(title string, v *string, vals ...string) *huh.Select[string] {
	return huh.NewSelect[string]().Title(title).Options(stringOptions(vals...)...).Value(v).Inline(true)
}

func (m *ipsecForm) Form(fc *formCtx) *huh.Form {
	var first []huh.Field
	switch {
	case m.id != "":
		first = append(first, huh.NewNote().Title("Gateways").Description(m.vpnID+" ⇄ "+m.cgwID))
	case !m.fixedVpn:
		first = append(first, pickerGone("VPN gateway", &m.vpnID, m.vpns, "no VPN gateway in "+fc.region+"; create one first", ipsecGone(fc)))
	}
	if m.id == "" && !m.fixedCgw {
		first = append(first, pickerGone("Customer gateway", &m.cgwID, m.cgws, "no customer gateway in "+fc.region+"; create one first (:cgw)", ipsecGone(fc)))
	}
	first = append(first,
		editName(fc, &m.name),
		liveInput("Local subnets", &m.local, func(s string) error { return model.CheckSubnetList("LocalSubnet", s) }, "VPC side, comma-separated CIDR blocks"),
		liveInput("Remote subnets", &m.remote, func(s string) error { return model.CheckSubnetList("RemoteSubnet", s) }, "data-centre side, comma-separated CIDR blocks"),
		huh.NewConfirm().Title("Negotiate immediately?").Value(&m.immediate).Affirmative("Yes").Negative("No").
			Description("No: the tunnel comes up when traffic arrives"),
	)
	pskHint := "optional; empty lets the API generate one; at most 100 printable characters"
	if m.id != "" {
		pskHint = "empty keeps the current key; at most 100 printable characters"
	}
	ike := huh.NewGroup(
		inlineSelect("IKE version", &m.ike.IkeVersion, model.IkeVersions()...),
		inlineSelect("Negotiation mode", &m.ike.IkeMode, model.IkeModes()...),
		inlineSelect("Encryption", &m.ike.IkeEncAlg, model.IpsecEncAlgs()...),
		inlineSelect("Authentication", &m.ike.IkeAuthAlg, model.IpsecAuthAlgs()...),
		inlineSelect("DH group (PFS)", &m.ike.IkePfs, model.DhGroups()...),
		liveInput("SA lifetime (s)", &m.ikeLife, func(s string) error { _, err := model.CheckSALifetime("IkeLifetime", s); return err }, "0-86400 seconds"),
		secretField("Pre-shared key", &m.ike.Psk, model.CheckPsk, pskHint),
		liveInput("Local ID", &m.ike.LocalId, func(s string) error { return model.CheckIkeConfig(model.IkeConfig{LocalId: s}) }, "optional; default: the VPN gateway's IP"),
		liveInput("Remote ID", &m.ike.RemoteId, func(s string) error { return model.CheckIkeConfig(model.IkeConfig{RemoteId: s}) }, "optional; default: the customer gateway's IP"),
	).Title("IKE (phase 1)")
	ipsec := huh.NewGroup(
		inlineSelect("Encryption", &m.ipsec.IpsecEncAlg, model.IpsecEncAlgs()...),
		inlineSelect("Authentication", &m.ipsec.IpsecAuthAlg, model.IpsecAuthAlgs()...),
		inlineSelect("DH group (PFS)", &m.ipsec.IpsecPfs, append([]string{"disabled"}, model.DhGroups()...)...),
		liveInput("SA lifetime (s)", &m.ipsecLife, func(s string) error { _, err := model.CheckSALifetime("IpsecLifetime", s); return err }, "0-86400 seconds"),
	).Title("IPsec (phase 2)")
	return huh.NewForm(huh.NewGroup(first...), ike, ipsec)
}

// configs returns the phase-1 and phase-2 settings as sent.
func (m *ipsecForm) configs() (model.IkeConfig, model.IpsecConfig, error) {
	ike, ipsec := m.ike, m.ipsec
	var err error
	if ike.IkeLifetime, err = model.CheckSALifetime("IkeLifetime", m.ikeLife); err != nil {
		return ike, ipsec, err
	}
	if ipsec.IpsecLifetime, err = model.CheckSALifetime("IpsecLifetime", m.ipsecLife); err != nil {
		return ike, ipsec, err
	}
	ike.LocalId, ike.RemoteId = strings.TrimSpace(ike.LocalId), strings.TrimSpace(ike.RemoteId)
	return ike, ipsec, nil
}

func (m *ipsecForm) Check(fc *formCtx) error {
	if m.vpnID == "" {
		return errors.New("choose a VPN gateway")
	}
	if m.cgwID == "" {
		return errors.New("choose a customer gateway")
	}
	if m.id == "" && !m.fixedVpn {
		if err := notOffered(m.vpns, m.vpnID, ipsecGone(fc)); err != nil {
			return fmt.Errorf("VPN gateway: %w", err)
		}
	}
	if m.id == "" && !m.fixedCgw {
		if err := notOffered(m.cgws, m.cgwID, ipsecGone(fc)); err != nil {
			return fmt.Errorf("customer gateway: %w", err)
		}
	}
	ike, ipsec, err := m.configs()
	if err != nil {
		return err
	}
	return checks(
		check("name", model.DefaultName.Check(m.name)),
		check("local subnets", model.CheckSubnetList("LocalSubnet", m.local)),
		check("remote subnets", model.CheckSubnetList("RemoteSubnet", m.remote)),
		check("IKE", model.CheckIkeConfig(ike)),
		check("IPsec", model.CheckIpsecConfig(ipsec)),
		check("edit", m.editRefusal(fc)),
	)
}

// configInputs are the IkeConfig and IpsecConfig parameters.
func (m *ipsecForm) configInputs() (*client.IkeConfigInput, *client.IpsecConfigInput, error) {
	ike, ipsec, err := m.configs()
	if err != nil {
		return nil, nil, err
	}
	return &client.IkeConfigInput{Psk: ike.Psk, IkeVersion: ike.IkeVersion, IkeMode: ike.IkeMode, IkeEncAlg: ike.IkeEncAlg,
			IkeAuthAlg: ike.IkeAuthAlg, IkePfs: ike.IkePfs, IkeLifetime: ike.IkeLifetime, LocalId: ike.LocalId, RemoteId: ike.RemoteId},
		&client.IpsecConfigInput{IpsecEncAlg: ipsec.IpsecEncAlg, IpsecAuthAlg: ipsec.IpsecAuthAlg, IpsecPfs: ipsec.IpsecPfs, IpsecLifetime: ipsec.IpsecLifetime}, nil
}

// modify is the request of an edit (id set).
func (m *ipsecForm) modify(fc *formCtx, token string) (*client.ModifyVpnConnectionAttributeInput, error) {
	ikeIn, ipsecIn, err := m.configInputs()
	if err != nil {
		return nil, err
	}
	return &client.ModifyVpnConnectionAttributeInput{RegionId: fc.region, VpnConnectionId: m.id, Name: m.name, LocalSubnet: strings.TrimSpace(m.local),
		RemoteSubnet: strings.TrimSpace(m.remote), EffectImmediately: boolPtr(m.immediate), IkeConfig: ikeIn, IpsecConfig: ipsecIn, ClientToken: token}, nil
}

func (m *ipsecForm) editRefusal(fc *formCtx) error {
	if m.id == "" {
		return nil
	}
	in, err := m.modify(fc, "")
	if err != nil {
		return err
	}
	return editRefusal(fc.target, m.Action(), in)
}

// Request is what a create sends; the review page lists it first (an
// edit is not reviewed).
func (m *ipsecForm) Request(fc *formCtx, token string) (any, error) {
	if m.id != "" {
		return nil, nil
	}
	return m.createInput(fc, token)
}

func (m *ipsecForm) createInput(fc *formCtx, token string) (*client.CreateVpnConnectionInput, error) {
	ikeIn, ipsecIn, err := m.configInputs()
	if err != nil {
		return nil, err
	}
	return &client.CreateVpnConnectionInput{RegionId: fc.region, VpnGatewayId: m.vpnID, CustomerGatewayId: m.cgwID, Name: m.name,
		LocalSubnet: strings.TrimSpace(m.local), RemoteSubnet: strings.TrimSpace(m.remote), EffectImmediately: boolPtr(m.immediate),
		IkeConfig: ikeIn, IpsecConfig: ipsecIn, ClientToken: token}, nil
}

func (m *ipsecForm) Submit(ctx context.Context, fc *formCtx, token string) (*submitted, error) {
	// Without immediate negotiation the tunnel waits for traffic: any
	// status means the connection exists.
	target := []string{"ike_sa_not_established", "ike_sa_established", "ipsec_sa_not_established", "ipsec_sa_established"}
	if m.immediate {
		target = []string{"ipsec_sa_established"}
	}
	if m.id != "" {
		in, err := m.modify(fc, token)
		if err != nil {
			return nil, err
		}
		if res := unchangedEdit(fc.target, in); res != nil {
			return res, nil
		}
		out, err := fc.client.ModifyVpnConnectionAttribute(ctx, in)
		if err != nil {
			return nil, err
		}
		return made(fc, "ipsec", m.id, out.RequestId, in, target), nil
	}
	in, err := m.createInput(fc, token)
	if err != nil {
		return nil, err
	}
	out, err := fc.client.CreateVpnConnection(ctx, in)
	if err != nil {
		return nil, err
	}
	return made(fc, "ipsec", out.VpnConnectionId, out.RequestId, in, target), nil
}

package forms

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

func VpnOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &VpnCreate{Bandwidth: "10", Ipsec: true}
			fixParent(fc, "vpc", &m.VpcID, &m.FixedVPC)
			return m
		},
		Edit: attrEdit("VPN gateway", "VpnGatewayId", "Name", client.ModifyVpnGatewayAttribute),
		Del: deleteByID(DeleteSpec{
			// A gateway with IPsec connections or an SSL-VPN server
			// cannot be deleted.
			Blockers: []string{"ipsec", "sslserver"},
		}, "VpnGatewayId", client.DeleteVpnGateway),
	}
}

type VpnCreate struct {
	VpcID, Bandwidth, Name string
	Ipsec, Ssl, FixedVPC   bool
	vpcVsw
}

func (m *VpnCreate) Title() string {
	return createTitle("VPN gateway", when(m.FixedVPC, "in "+m.VpcID))
}
func (m *VpnCreate) Action() string { return "CreateVpnGateway" }

// Prepare loads the VPCs and their VSwitches on every opening, a draft's
// too; the draft's choices are kept (marked when no longer offered).
func (m *VpnCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	return m.load(ctx, fc, m.FixedVPC, &m.VpcID)
}

func (m *VpnCreate) Form(fc *FormCtx) *huh.Form {
	var first []huh.Field
	if !m.FixedVPC {
		first = append(first, pickerGone("VPC", &m.VpcID, m.Vpcs, "this region has no VPC", "is no longer in "+fc.Region))
	}
	first = append(first,
		huh.NewSelect[string]().Title("Bandwidth (Mbit/s)").Options(stringOptions("5", "10", "20", "50", "100")...).Value(&m.Bandwidth).Inline(true),
		liveInput("Name", &m.Name, model.VpnGatewayName.Check, "optional; 2-100 characters, starts with a letter; letters, digits, _ -"))
	gs := append([]*huh.Group{huh.NewGroup(first...)}, m.groups()...)
	gs = append(gs, huh.NewGroup(
		huh.NewConfirm().Title("IPsec-VPN (site to site)?").Value(&m.Ipsec).Affirmative("Yes").Negative("No"),
		huh.NewConfirm().Title("SSL-VPN (clients to site)?").Value(&m.Ssl).Affirmative("Yes").Negative("No"),
	))
	return huh.NewForm(gs...)
}

func (m *VpnCreate) Check(fc *FormCtx) error {
	if err := checkParent(fc, "VPC", false, m.VpcID, m.Vpcs); err != nil {
		return err
	}
	if err := m.checkVsw(m.VpcID); err != nil {
		return err
	}
	bw, err := atoi("bandwidth", m.Bandwidth)
	if err == nil {
		err = model.CheckVpnGatewayBandwidth(bw)
	}
	if !m.Ipsec && !m.Ssl {
		return errors.New("enable IPsec-VPN, SSL-VPN or both: a gateway with neither carries no traffic")
	}
	return checks(check("bandwidth", err), check("name", model.VpnGatewayName.Check(m.Name)))
}

// Request is what Submit sends; the review page lists it first.
func (m *VpnCreate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *VpnCreate) Input(fc *FormCtx, token string) *client.CreateVpnGatewayInput {
	bw, _ := strconv.Atoi(m.Bandwidth)
	return &client.CreateVpnGatewayInput{RegionId: fc.Region, VpcId: m.VpcID, VSwitchId: m.vsw.Value(), Name: m.Name, Bandwidth: bw,
		EnableIpsec: boolPtr(m.Ipsec), EnableSsl: boolPtr(m.Ssl), ClientToken: token}
}

func (m *VpnCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.CreateVpnGateway.Call(ctx, fc.Client, in)
	return created(fc, m, "vpn", "VpnGatewayId", in, out, err)
}

// ---- customer gateways ----

func CgwOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation { return &CgwForm{} },
		Edit: func(fc *FormCtx) Mutation {
			c := fc.Target.Val().(*model.CustomerGateway)
			return &CgwForm{Id: c.CustomerGatewayId, Ip: c.IpAddress, Name: c.Name, Desc: c.Description}
		},
		Del: deleteByID(DeleteSpec{
			// An IPsec connection that uses it must go first.
			Blockers: []string{"ipsec"},
		}, "CustomerGatewayId", client.DeleteCustomerGateway),
	}
}

// cgwForm registers an on-premises VPN device (id "") or renames one.
type CgwForm struct{ Id, Ip, asn, Name, Desc string }

var cgwNames = createOrEdit{"customer gateway", "CreateCustomerGateway", "ModifyCustomerGatewayAttribute"}

func (m *CgwForm) Title() string  { return cgwNames.title(m.Id, "") }
func (m *CgwForm) Action() string { return cgwNames.action(m.Id) }

func checkCgwASN(s string) error {
	n, err := model.ParseASN(s)
	if err != nil {
		return err
	}
	return model.CheckASN(n)
}

func (m *CgwForm) Form(fc *FormCtx) *huh.Form {
	var fields []huh.Field
	if m.Id == "" {
		fields = append(fields,
			liveInput("Public IP", &m.Ip, required("the device's public IP", model.CheckCustomerGatewayIP), "the device's public address; one gateway per IP in a region"),
			liveInput("ASN", &m.asn, optional(checkCgwASN), "optional, for BGP: 1-4294967295 (not 45104)"))
	} else {
		fields = append(fields, huh.NewNote().Title("Public IP").Description(m.Ip))
	}
	fields = append(fields, editName(fc, &m.Name), editDesc(fc, &m.Desc))
	return huh.NewForm(huh.NewGroup(fields...))
}

// modify is the request of an edit (id set).
func (m *CgwForm) modify(fc *FormCtx, token string) *client.ModifyCustomerGatewayAttributeInput {
	return &client.ModifyCustomerGatewayAttributeInput{RegionId: fc.Region, CustomerGatewayId: m.Id, Name: m.Name, Description: m.Desc, ClientToken: token}
}

func (m *CgwForm) Check(fc *FormCtx) error {
	cs := []fieldCheck{}
	if m.Id == "" {
		cs = append(cs, check("public IP", required("the device's public IP", model.CheckCustomerGatewayIP)(m.Ip)),
			check("ASN", optional(checkCgwASN)(m.asn)))
	}
	cs = append(cs, check("name", model.DefaultName.Check(m.Name)), check("description", model.CheckDescription(m.Desc)))
	if m.Id != "" {
		cs = append(cs, check("edit", editRefusal(fc.Target, m.Action(), m.modify(fc, ""))))
	}
	return checks(cs...)
}

func (m *CgwForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	if m.Id != "" {
		in := m.modify(fc, token)
		return sendEdit(ctx, fc, client.ModifyCustomerGatewayAttribute.Func, in, "cgw", m.Id)
	}
	asn := ""
	if strings.TrimSpace(m.asn) != "" {
		n, _ := model.ParseASN(m.asn)
		asn = strconv.FormatInt(n, 10)
	}
	in := &client.CreateCustomerGatewayInput{RegionId: fc.Region, IpAddress: strings.TrimSpace(m.Ip), Asn: asn, Name: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateCustomerGateway.Call(ctx, fc.Client, in)
	return created(fc, m, "cgw", "CustomerGatewayId", in, out, err)
}

// ---- IPsec connections ----

func IpsecOps() KindOps {
	return KindOps{
		Create: func(fc *FormCtx) Mutation {
			m := &IpsecForm{Ike: model.IkeConfig{IkeVersion: "ikev2", IkeMode: "main", IkeEncAlg: "aes", IkeAuthAlg: "sha1", IkePfs: "group2"},
				Ipsec: model.IpsecConfig{IpsecEncAlg: "aes", IpsecAuthAlg: "sha1", IpsecPfs: "group2"}, ikeLife: "86400", ipsecLife: "86400"}
			fixParent(fc, "vpn", &m.VpnID, &m.fixedVpn)
			fixParent(fc, "cgw", &m.CgwID, &m.fixedCgw)
			return m
		},
		Edit: func(fc *FormCtx) Mutation {
			c := fc.Target.Val().(*model.VpnConnection)
			ike := c.IkeConfig
			ike.Psk = "" // never shown; empty keeps the current key
			return &IpsecForm{Id: c.VpnConnectionId, VpnID: c.VpnGatewayId, CgwID: c.CustomerGatewayId, fixedVpn: true, fixedCgw: true,
				Name: c.Name, Local: c.LocalSubnet, Remote: c.RemoteSubnet, immediate: c.EffectImmediately,
				Ike: ike, Ipsec: c.IpsecConfig, ikeLife: lifeText(ike.IkeLifetime), ipsecLife: lifeText(c.IpsecConfig.IpsecLifetime)}
		},
		Del: deleteByID(DeleteSpec{
			Stops: ipsecStops,
		}, "VpnConnectionId", client.DeleteVpnConnection),
		Actions: onTarget(func(fc *FormCtx) []actionItem {
			return []actionItem{{Label: "Download configuration", Hint: "the customer gateway's side of " + fc.Target.ID + "; the key stays masked on screen, s saves it (mode 0600)",
				Show: downloadVpnConfig}}
		}),
	}
}

// downloadVpnConfig reads DownloadVpnConnectionConfig (seed 003 §15.16):
// the configuration for the customer gateway device, pre-shared key
// included (the viewer masks it; the saved file keeps it).
func downloadVpnConfig(ctx context.Context, fc *FormCtx) (*Document, error) {
	o := fc.Target
	out, err := client.DownloadVpnConnectionConfig.Call(ctx, fc.Client, &client.VpnConnectionInput{RegionId: o.Region, VpnConnectionId: o.ID})
	if err != nil {
		return nil, err
	}
	raw, err := json.Marshal(out.VpnConnectionConfig)
	if err != nil {
		return nil, err
	}
	return &Document{Title: "IPsec configuration " + o.ID, Raw: raw, File: o.ID + "-config.json"}, nil
}

func lifeText(n int64) string {
	if n == 0 {
		return ""
	}
	return strconv.FormatInt(n, 10)
}

// ipsecForm creates (id "") or changes an IPsec connection: phase-1 (IKE)
// and phase-2 (IPsec) settings, the pre-shared key in a password field.
type IpsecForm struct {
	Id, VpnID, CgwID, Name, Local, Remote string
	fixedVpn, fixedCgw, immediate         bool
	Ike                                   model.IkeConfig
	Ipsec                                 model.IpsecConfig
	ikeLife, ipsecLife                    string
	vpns, cgws                            []Pick
}

// reparent: the pane the draft is reopened from decides the gateways it
// fixes (a draft typed under cgw-B, reopened under cgw-A, creates on
// cgw-A); a gateway the pane does not fix is picked again, the draft's
// choice first.
func (m *IpsecForm) Reparent(fresh Mutation) {
	f, ok := fresh.(*IpsecForm)
	if !ok || m.Id != "" {
		return
	}
	if m.fixedVpn = f.fixedVpn; f.fixedVpn {
		m.VpnID = f.VpnID
	}
	if m.fixedCgw = f.fixedCgw; f.fixedCgw {
		m.CgwID = f.CgwID
	}
}

var ipsecNames = createOrEdit{"IPsec connection", "CreateVpnConnection", "ModifyVpnConnectionAttribute"}

func (m *IpsecForm) Title() string  { return ipsecNames.title(m.Id, when(m.fixedVpn, "on "+m.VpnID)) }
func (m *IpsecForm) Action() string { return ipsecNames.action(m.Id) }

// Prepare loads the gateways the pane does not fix on every opening, a
// draft's too; the draft's choices are kept (marked when no longer
// offered).
func (m *IpsecForm) Prepare(ctx context.Context, fc *FormCtx) error {
	if m.Id != "" {
		return nil
	}
	if !m.fixedVpn {
		vpns, err := client.DescribeVpnGateways.Call(ctx, fc.Client, &client.DescribeVpnGatewaysInput{RegionId: fc.Region})
		if err := loadPicks(&m.VpnID, &m.vpns, vpns, err, func(v *model.VpnGateway) []string { return []string{v.VpnGatewayId, v.Name, v.InternetIp} }); err != nil {
			return err
		}
	}
	if !m.fixedCgw {
		cgws, err := client.DescribeCustomerGateways.Call(ctx, fc.Client, &client.DescribeCustomerGatewaysInput{RegionId: fc.Region})
		if err := loadPicks(&m.CgwID, &m.cgws, cgws, err, func(c *model.CustomerGateway) []string { return []string{c.CustomerGatewayId, c.Name, c.IpAddress} }); err != nil {
			return err
		}
	}
	return nil
}

// ipsecGone says why a gateway kept from a draft is no longer offered.
func ipsecGone(fc *FormCtx) string { return "is no longer in " + fc.Region }

func inlineSelect(title string, v *string, vals ...string) *huh.Select[string] {
	return huh.NewSelect[string]().Title(title).Options(stringOptions(vals...)...).Value(v).Inline(true)
}

func (m *IpsecForm) Form(fc *FormCtx) *huh.Form {
	var first []huh.Field
	switch {
	case m.Id != "":
		first = append(first, huh.NewNote().Title("Gateways").Description(m.VpnID+" ⇄ "+m.CgwID))
	case !m.fixedVpn:
		first = append(first, pickerGone("VPN gateway", &m.VpnID, m.vpns, "no VPN gateway in "+fc.Region+"; create one first", ipsecGone(fc)))
	}
	if m.Id == "" && !m.fixedCgw {
		first = append(first, pickerGone("Customer gateway", &m.CgwID, m.cgws, "no customer gateway in "+fc.Region+"; create one first (:cgw)", ipsecGone(fc)))
	}
	first = append(first,
		editName(fc, &m.Name),
		liveInput("Local subnets", &m.Local, func(s string) error { return model.CheckSubnetList("LocalSubnet", s) }, "VPC side, comma-separated CIDR blocks"),
		liveInput("Remote subnets", &m.Remote, func(s string) error { return model.CheckSubnetList("RemoteSubnet", s) }, "data-centre side, comma-separated CIDR blocks"),
		huh.NewConfirm().Title("Negotiate immediately?").Value(&m.immediate).Affirmative("Yes").Negative("No").
			Description("No: the tunnel comes up when traffic arrives"),
	)
	pskHint := "optional; empty lets the API generate one; at most 100 printable characters"
	if m.Id != "" {
		pskHint = "empty keeps the current key; at most 100 printable characters"
	}
	ike := huh.NewGroup(
		inlineSelect("IKE version", &m.Ike.IkeVersion, model.IkeVersions()...),
		inlineSelect("Negotiation mode", &m.Ike.IkeMode, model.IkeModes()...),
		inlineSelect("Encryption", &m.Ike.IkeEncAlg, model.IpsecEncAlgs()...),
		inlineSelect("Authentication", &m.Ike.IkeAuthAlg, model.IpsecAuthAlgs()...),
		inlineSelect("DH group (PFS)", &m.Ike.IkePfs, model.DhGroups()...),
		liveInput("SA lifetime (s)", &m.ikeLife, func(s string) error { _, err := model.CheckSALifetime("IkeLifetime", s); return err }, "0-86400 seconds"),
		secretField("Pre-shared key", &m.Ike.Psk, model.CheckPsk, pskHint),
		liveInput("Local ID", &m.Ike.LocalId, func(s string) error { return model.CheckIkeConfig(model.IkeConfig{LocalId: s}) }, "optional; default: the VPN gateway's IP"),
		liveInput("Remote ID", &m.Ike.RemoteId, func(s string) error { return model.CheckIkeConfig(model.IkeConfig{RemoteId: s}) }, "optional; default: the customer gateway's IP"),
	).Title("IKE (phase 1)")
	ipsec := huh.NewGroup(
		inlineSelect("Encryption", &m.Ipsec.IpsecEncAlg, model.IpsecEncAlgs()...),
		inlineSelect("Authentication", &m.Ipsec.IpsecAuthAlg, model.IpsecAuthAlgs()...),
		inlineSelect("DH group (PFS)", &m.Ipsec.IpsecPfs, append([]string{"disabled"}, model.DhGroups()...)...),
		liveInput("SA lifetime (s)", &m.ipsecLife, func(s string) error { _, err := model.CheckSALifetime("IpsecLifetime", s); return err }, "0-86400 seconds"),
	).Title("IPsec (phase 2)")
	return huh.NewForm(huh.NewGroup(first...), ike, ipsec)
}

// configs returns the phase-1 and phase-2 settings as sent.
func (m *IpsecForm) configs() (model.IkeConfig, model.IpsecConfig, error) {
	ike, ipsec := m.Ike, m.Ipsec
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

func (m *IpsecForm) Check(fc *FormCtx) error {
	if m.VpnID == "" {
		return errors.New("choose a VPN gateway")
	}
	if m.CgwID == "" {
		return errors.New("choose a customer gateway")
	}
	if m.Id == "" && !m.fixedVpn {
		if err := notOffered(m.vpns, m.VpnID, ipsecGone(fc)); err != nil {
			return fmt.Errorf("VPN gateway: %w", err)
		}
	}
	if m.Id == "" && !m.fixedCgw {
		if err := notOffered(m.cgws, m.CgwID, ipsecGone(fc)); err != nil {
			return fmt.Errorf("customer gateway: %w", err)
		}
	}
	ike, ipsec, err := m.configs()
	if err != nil {
		return err
	}
	return checks(
		check("name", model.DefaultName.Check(m.Name)),
		check("local subnets", model.CheckSubnetList("LocalSubnet", m.Local)),
		check("remote subnets", model.CheckSubnetList("RemoteSubnet", m.Remote)),
		check("IKE", model.CheckIkeConfig(ike)),
		check("IPsec", model.CheckIpsecConfig(ipsec)),
		check("edit", m.editRefusal(fc)),
	)
}

// configInputs are the IkeConfig and IpsecConfig parameters.
func (m *IpsecForm) configInputs() (*client.IkeConfigInput, *client.IpsecConfigInput, error) {
	ike, ipsec, err := m.configs()
	if err != nil {
		return nil, nil, err
	}
	return &client.IkeConfigInput{Psk: ike.Psk, IkeVersion: ike.IkeVersion, IkeMode: ike.IkeMode, IkeEncAlg: ike.IkeEncAlg,
			IkeAuthAlg: ike.IkeAuthAlg, IkePfs: ike.IkePfs, IkeLifetime: ike.IkeLifetime, LocalId: ike.LocalId, RemoteId: ike.RemoteId},
		&client.IpsecConfigInput{IpsecEncAlg: ipsec.IpsecEncAlg, IpsecAuthAlg: ipsec.IpsecAuthAlg, IpsecPfs: ipsec.IpsecPfs, IpsecLifetime: ipsec.IpsecLifetime}, nil
}

// modify is the request of an edit (id set).
func (m *IpsecForm) modify(fc *FormCtx, token string) (*client.ModifyVpnConnectionAttributeInput, error) {
	ikeIn, ipsecIn, err := m.configInputs()
	if err != nil {
		return nil, err
	}
	return &client.ModifyVpnConnectionAttributeInput{RegionId: fc.Region, VpnConnectionId: m.Id, Name: m.Name, LocalSubnet: strings.TrimSpace(m.Local),
		RemoteSubnet: strings.TrimSpace(m.Remote), EffectImmediately: boolPtr(m.immediate), IkeConfig: ikeIn, IpsecConfig: ipsecIn, ClientToken: token}, nil
}

func (m *IpsecForm) editRefusal(fc *FormCtx) error {
	if m.Id == "" {
		return nil
	}
	in, err := m.modify(fc, "")
	if err != nil {
		return err
	}
	return editRefusal(fc.Target, m.Action(), in)
}

// Request is what a create sends; the review page lists it first (an
// edit is not reviewed).
func (m *IpsecForm) Request(fc *FormCtx, token string) (any, error) {
	if m.Id != "" {
		return nil, nil
	}
	return m.createInput(fc, token)
}

func (m *IpsecForm) createInput(fc *FormCtx, token string) (*client.CreateVpnConnectionInput, error) {
	ikeIn, ipsecIn, err := m.configInputs()
	if err != nil {
		return nil, err
	}
	return &client.CreateVpnConnectionInput{RegionId: fc.Region, VpnGatewayId: m.VpnID, CustomerGatewayId: m.CgwID, Name: m.Name,
		LocalSubnet: strings.TrimSpace(m.Local), RemoteSubnet: strings.TrimSpace(m.Remote), EffectImmediately: boolPtr(m.immediate),
		IkeConfig: ikeIn, IpsecConfig: ipsecIn, ClientToken: token}, nil
}

func (m *IpsecForm) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	// Without immediate negotiation the tunnel waits for traffic: any
	// status means the connection exists.
	target := []string{"ike_sa_not_established", "ike_sa_established", "ipsec_sa_not_established", "ipsec_sa_established"}
	if m.immediate {
		target = []string{"ipsec_sa_established"}
	}
	if m.Id != "" {
		in, err := m.modify(fc, token)
		if err != nil {
			return nil, err
		}
		return sendEditTo(ctx, fc, client.ModifyVpnConnectionAttribute.Func, in, "ipsec", m.Id, target)
	}
	in, err := m.createInput(fc, token)
	if err != nil {
		return nil, err
	}
	out, err := client.CreateVpnConnection.Call(ctx, fc.Client, in)
	res, err := created(fc, m, "ipsec", "VpnConnectionId", in, out, err)
	if res != nil {
		res.Target = target
	}
	return res, err
}

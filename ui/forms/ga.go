package forms

import (
	"cmp"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// ---- Global acceleration instances (seed 003 §18) ----

func gaOps() KindOps {
	return KindOps{
		Create: func(*FormCtx) Mutation {
			return &gaCreate{Location: "china-mainland", Bandwidth: "10", Type: model.GAExclusive}
		},
		Edit: attrEdit("global acceleration instance", "GlobalAccelerationInstanceId", "Name",
			client.ModifyGlobalAccelerationInstanceAttributes),
		Del: deleteByID(DeleteSpec{
			Fresh: true, About: gaAbout,
			Stops: func(o *model.Object) []string {
				g := o.Val().(*model.GlobalAcceleration)
				if g.IpAddress != "" {
					return []string{"Its public IP " + g.IpAddress + " goes back to Alibaba Cloud."}
				}
				return nil
			},
			Refuse: gaDeleteRefusal,
		}, "GlobalAccelerationInstanceId", client.DeleteGlobalAccelerationInstance),
		Actions: actionsOn(func(fc *FormCtx, g *model.GlobalAcceleration) []actionItem {
			out := []actionItem{{Label: "Modify spec", Hint: "change the bandwidth (" + g.Bandwidth + " Mbit/s now)", Make: newGASpec}}
			if g.Sharing() {
				out = append(out, actionItem{Label: "Add EIP", Hint: "share the bandwidth with a pay-as-you-go EIP of " + g.RegionId, Make: newGAAddIP})
				for _, ip := range g.EIPs() {
					out = append(out, actionItem{Label: "Remove EIP " + ip.IpAddress, Hint: "take " + ip.AllocationId + " off the instance",
						Destroy: func(*FormCtx) *DeleteSpec { return gaRemoveIPSpec(ip) }})
				}
				return out
			}
			if len(g.Backends()) == 0 {
				return append(out, actionItem{Label: "Associate backend", Hint: "accelerate an ECS or SLB instance of another region in " + g.ServiceLocation,
					Make: newGAAssociate})
			}
			b := g.Backends()[0]
			return append(out,
				actionItem{Label: "Instances on " + b.ServerId, Hint: "every exclusive instance accelerating " + b.ServerId + ", in any region",
					Show: gaRelated(b)},
				actionItem{Label: "Unassociate " + b.ServerId, Hint: "stop accelerating " + b.ServerId + " (" + b.RegionId + ")",
					Destroy: func(*FormCtx) *DeleteSpec { return gaUnbindSpec(b) }})
		}),
	}
}

func gaAbout(_ *FormCtx, o *model.Object) []string {
	g := o.Val().(*model.GlobalAcceleration)
	return []string{fmt.Sprintf("%s instance, %s Mbit/s, accelerating %s", g.BandwidthType, g.Bandwidth, g.ServiceLocation)}
}

// gaRefusal says why the instance cannot change now: an association in
// flight (the API answers TaskConflict).
func gaRefusal(g *model.GlobalAcceleration) string {
	if s := g.Status; s != "Available" && !strings.EqualFold(s, "InUse") {
		return fmt.Sprintf("%s is %s; wait until it settles (ctrl+r shows when)", g.GlobalAccelerationInstanceId, s)
	}
	return ""
}

// gaDeleteRefusal: only an Available instance with no backend and no EIP
// can go.
func gaDeleteRefusal(o *model.Object) string {
	g := o.Val().(*model.GlobalAcceleration)
	switch {
	case len(g.Backends()) > 0:
		return o.ID + " still accelerates " + g.Backends()[0].ServerId + ": unassociate it first (x)"
	case len(g.EIPs()) > 0:
		return fmt.Sprintf("%s still holds %s: remove them first (x)", o.ID, plural(len(g.EIPs()), "EIP", "EIPs"))
	}
	return onlyWhenAvailable(o)
}

// gaCreate makes a pay-as-you-go instance; every field is a choice from
// the seed's lists but the name and description.
type gaCreate struct {
	Location, Bandwidth, Type, Name, Desc string
}

func (m *gaCreate) Title() string  { return "Create global acceleration instance" }
func (m *gaCreate) Action() string { return "CreateGlobalAccelerationInstance" }

func gaBandwidthSelect(v *string) *huh.Select[string] {
	return huh.NewSelect[string]().Title("Bandwidth (Mbit/s)").Value(v).Options(stringOptions(model.GABandwidths...)...).
		Description("10-100 in steps of 10, then 200-1000 in steps of 100")
}

func (m *gaCreate) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(
		huh.NewSelect[string]().Title("Service location").Value(&m.Location).Options(stringOptions(model.GAServiceLocations...)...).
			Description("where the accelerated service runs"),
		gaBandwidthSelect(&m.Bandwidth),
		huh.NewSelect[string]().Title("Bandwidth type").Value(&m.Type).Options(
			huh.NewOption("exclusive: its own IP, one backend server", model.GAExclusive),
			huh.NewOption("sharing: shared by EIPs of "+fc.Region, model.GASharing)),
		nameField(&m.Name), descField(&m.Desc),
	))
}

func (m *gaCreate) Check(*FormCtx) error {
	return checks(
		check("service location", model.CheckGAServiceLocation(m.Location)),
		check("bandwidth", model.CheckGABandwidth(m.Bandwidth)),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
	)
}

func (m *gaCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := &client.CreateGlobalAccelerationInstanceInput{RegionId: fc.Region, ServiceLocation: m.Location, Bandwidth: m.Bandwidth,
		BandwidthType: m.Type, Name: m.Name, Description: m.Desc, ClientToken: token}
	out, err := client.CreateGlobalAccelerationInstance.Call(ctx, fc.Client, in)
	return created(fc, m, "ga", "GlobalAccelerationInstanceId", in, out, err)
}

// gaChange is a form on the selected instance, read again when it opens
// (its status decides); the three changes fill in what differs. While the
// change is refused, the form says why and nothing can be sent.
type gaChange struct {
	gated
	obj *model.Object
	g   *model.GlobalAcceleration
	// refuse adds the change's own reasons to gaRefusal's.
	refuse func(g *model.GlobalAcceleration) string
	// prepare reads what the form offers (after the refetch).
	prepare func(ctx context.Context, fc *FormCtx) error
}

func (c *gaChange) init(fc *FormCtx, title, action string, refuse func(g *model.GlobalAcceleration) string) {
	c.obj, c.g, c.refuse = fc.Target, fc.Target.Val().(*model.GlobalAcceleration), refuse
	c.title, c.action = title+" "+c.obj.ID, action
	c.Refuse = c.refusal()
}

func (c *gaChange) refusal() string {
	if why := gaRefusal(c.g); why != "" {
		return why
	}
	return c.refuse(c.g)
}

func (c *gaChange) Prepare(ctx context.Context, fc *FormCtx) error {
	ok, err := rereadAs(ctx, fc, c.obj, &c.Refuse, &c.g, func(*model.GlobalAcceleration) string { return c.refusal() })
	if !ok || c.prepare == nil {
		return err
	}
	return c.prepare(ctx, fc)
}

// gaSpec changes the bandwidth (ModifyGlobalAccelerationInstanceSpec).
type gaSpec struct {
	gaChange
	Bandwidth string
}

func newGASpec(fc *FormCtx) Mutation {
	m := &gaSpec{}
	m.init(fc, "Modify spec of", "ModifyGlobalAccelerationInstanceSpec", func(*model.GlobalAcceleration) string { return "" })
	m.Bandwidth = m.g.Bandwidth
	m.fields = func() []huh.Field { return []huh.Field{gaBandwidthSelect(&m.Bandwidth)} }
	m.check = func() error {
		if m.Bandwidth == m.g.Bandwidth {
			return fmt.Errorf("bandwidth: %s already has %s Mbit/s", m.obj.ID, m.g.Bandwidth)
		}
		return check("bandwidth", model.CheckGABandwidth(m.Bandwidth)).err
	}
	return m
}

func (m *gaSpec) Submit(ctx context.Context, fc *FormCtx, _ string) (*Submitted, error) {
	in := &client.ModifyGlobalAccelerationInstanceSpecInput{RegionId: m.obj.Region, GlobalAccelerationInstanceId: m.obj.ID, Bandwidth: m.Bandwidth}
	out, err := client.ModifyGlobalAccelerationInstanceSpec.Call(ctx, fc.Client, in)
	return changed(fc, "ga", m.obj.ID, nil, in, out, err)
}

// gaAssociate binds a backend server, typed by ID, in a region picked from
// the API among those of the instance's service location but its own.
type gaAssociate struct {
	gaChange
	ServerType, ServerID, Region string
	Regions                      []Pick
}

func newGAAssociate(fc *FormCtx) Mutation {
	m := &gaAssociate{ServerType: model.GAEcs}
	m.init(fc, "Associate a backend with", "AssociateGlobalAccelerationInstance", func(g *model.GlobalAcceleration) string {
		switch {
		case g.Sharing():
			return g.GlobalAccelerationInstanceId + " is a sharing instance: it takes EIPs, not a backend server"
		case len(g.Backends()) > 0:
			return g.GlobalAccelerationInstanceId + " already accelerates " + g.Backends()[0].ServerId + "; an exclusive instance has one backend"
		}
		return ""
	})
	m.prepare, m.fields, m.check = m.regions, m.form, m.checkFields
	return m
}

func (m *gaAssociate) regions(ctx context.Context, fc *FormCtx) error {
	rs, err := client.DescribeRegions.Call(ctx, fc.Client, &client.DescribeRegionsInput{})
	return loadPicks(&m.Region, &m.Regions, rs, err, func(r *model.Region) []string {
		if model.CheckGABackendRegion(m.g.RegionId, m.g.ServiceLocation, r.RegionId) != nil {
			return nil
		}
		return []string{r.RegionId, r.LocalName}
	})
}

func (m *gaAssociate) checkServer(s string) error {
	if m.ServerType == model.GASlb {
		return model.CheckResourceID("SLB instance", "lb-", s)
	}
	return model.CheckResourceID("ECS instance", "i-", s)
}

func (m *gaAssociate) form() []huh.Field {
	return []huh.Field{
		pickerWith("Backend region", &m.Region, m.Regions, "no other region in "+m.g.ServiceLocation, "is not in "+m.g.ServiceLocation, 0,
			"another region than "+m.g.RegionId+", in "+m.g.ServiceLocation),
		huh.NewSelect[string]().Title("Backend type").Value(&m.ServerType).Options(
			huh.NewOption("ECS instance (in a VPC)", model.GAEcs), huh.NewOption("SLB instance", model.GASlb)),
		liveInput("Backend ID", &m.ServerID, m.checkServer, "an instance of your account in that region, e.g. i-uf6… or lb-uf6…"),
	}
}

func (m *gaAssociate) checkFields() error {
	return checks(
		check("backend region", notOffered(m.Regions, m.Region, "is not in "+m.g.ServiceLocation)),
		check("backend region", model.CheckGABackendRegion(m.g.RegionId, m.g.ServiceLocation, m.Region)),
		check("backend", m.checkServer(m.ServerID)),
	)
}

func (m *gaAssociate) Submit(ctx context.Context, fc *FormCtx, _ string) (*Submitted, error) {
	in := &client.AssociateGlobalAccelerationInstanceInput{RegionId: m.obj.Region, GlobalAccelerationInstanceId: m.obj.ID,
		BackendServerId: strings.TrimSpace(m.ServerID), BackendServerRegionId: m.Region, BackendServerType: m.ServerType}
	out, err := client.AssociateGlobalAccelerationInstance.Call(ctx, fc.Client, in)
	return changed(fc, "ga", m.obj.ID, []string{"InUse"}, in, out, err)
}

// gaAddIP adds one of the region's free pay-as-you-go EIPs (from the API)
// to a sharing instance.
type gaAddIP struct {
	gaChange
	EipID string
	Eips  []Pick
}

func newGAAddIP(fc *FormCtx) Mutation {
	m := &gaAddIP{}
	m.init(fc, "Add an EIP to", "AddGlobalAccelerationInstanceIp", func(g *model.GlobalAcceleration) string {
		if !g.Sharing() {
			return g.GlobalAccelerationInstanceId + " is an exclusive instance: it takes a backend server, not EIPs"
		}
		return ""
	})
	m.prepare, m.fields, m.check = m.eips, m.form, m.checkFields
	return m
}

func (m *gaAddIP) eips(ctx context.Context, fc *FormCtx) error {
	es, err := client.DescribeEipAddresses.Call(ctx, fc.Client, &client.DescribeEipAddressesInput{RegionId: m.obj.Region, Status: "Available", ChargeType: "PostPaid"})
	if err != nil {
		return err
	}
	m.Eips = []Pick{}
	for _, e := range es {
		if e.Status == "Available" && e.ChargeType != "PrePaid" {
			m.Eips = append(m.Eips, Pick{fmt.Sprintf("%s  %s  %s", e.IpAddress, e.AllocationId, e.Name), e.AllocationId})
		}
	}
	m.EipID = keepOrFirst(m.EipID, m.Eips)
	return nil
}

func (m *gaAddIP) form() []huh.Field {
	return []huh.Field{pickerWith("EIP", &m.EipID, m.Eips, "no free pay-as-you-go EIP in "+m.obj.Region,
		"is no longer free in "+m.obj.Region, 0, "an unbound, pay-as-you-go EIP of "+m.obj.Region)}
}

func (m *gaAddIP) checkFields() error {
	if m.EipID == "" {
		return errors.New("EIP: there is no free pay-as-you-go EIP to choose")
	}
	return check("EIP", notOffered(m.Eips, m.EipID, "is no longer free in "+m.obj.Region)).err
}

func (m *gaAddIP) Submit(ctx context.Context, fc *FormCtx, _ string) (*Submitted, error) {
	in := &client.GAIpInput{RegionId: m.obj.Region, GlobalAccelerationInstanceId: m.obj.ID, IpInstanceId: m.EipID}
	out, err := client.AddGlobalAccelerationInstanceIp.Call(ctx, fc.Client, in)
	return changed(fc, "ga", m.obj.ID, []string{"InUse"}, in, out, err)
}

// gaRelated reads, from the backend server's side, the exclusive
// instances of any region that accelerate it
// (DescribeServerRelatedGlobalAccelerationInstances, asked in the
// server's region) for the viewer.
func gaRelated(b model.GABackend) func(ctx context.Context, fc *FormCtx) (*Document, error) {
	return func(ctx context.Context, fc *FormCtx) (*Document, error) {
		rel, err := fc.Client.DescribeServerRelatedGlobalAccelerationInstances(ctx, &client.DescribeServerRelatedGlobalAccelerationInstancesInput{
			RegionId: b.RegionId, ServerId: b.ServerId, ServerType: b.ServerType})
		if err != nil {
			return nil, err
		}
		raw, err := json.Marshal(map[string]any{"ServerId": b.ServerId, "RegionId": b.RegionId, "GlobalAccelerationInstances": rel})
		if err != nil {
			return nil, err
		}
		return &Document{Title: "Global acceleration instances on " + b.ServerId + " (" + b.RegionId + ")", Raw: raw,
			File: b.ServerId + "-ga.json"}, nil
	}
}

// gaUnbindSpec unbinds the exclusive instance's backend through the
// destructive dialog (the user types the server's ID).
func gaUnbindSpec(b model.GABackend) *DeleteSpec {
	return &DeleteSpec{Verb: "Unassociate", Action: client.UnassociateGlobalAccelerationInstance.Action, Fresh: true, About: gaAbout,
		Subject: func(o *model.Object) string { return "backend " + b.ServerId + " from " + o.ID },
		Confirm: func(*model.Object) []string { return []string{b.ServerId} },
		Stops: func(o *model.Object) []string {
			return []string{"Traffic to " + cmp.Or(o.Val().(*model.GlobalAcceleration).IpAddress, o.ID) + " no longer reaches " +
				b.ServerId + " (" + b.RegionId + ")."}
		},
		Refuse: func(o *model.Object) string {
			g := o.Val().(*model.GlobalAcceleration)
			if len(g.Backends()) == 0 || g.Backends()[0].ServerId != b.ServerId {
				return b.ServerId + " is no longer the backend of " + o.ID
			}
			if !strings.EqualFold(g.Status, "InUse") {
				return fmt.Sprintf("%s is %s; a backend can be unbound only from an InUse instance", o.ID, g.Status)
			}
			return ""
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, _ string, _ bool) (*Submitted, error) {
			in := &client.UnassociateGlobalAccelerationInstanceInput{RegionId: o.Region, GlobalAccelerationInstanceId: o.ID,
				InstanceType: "Remote" + b.ServerType}
			out, err := client.UnassociateGlobalAccelerationInstance.Call(ctx, fc.Client, in)
			return sent(o, client.UnassociateGlobalAccelerationInstance.Action, in, out, err, []string{"Available"})
		},
	}
}

// gaRemoveIPSpec takes one EIP off a sharing instance through the dialog
// (the user types the address).
func gaRemoveIPSpec(ip model.GAPublicIP) *DeleteSpec {
	return &DeleteSpec{Verb: "Remove", Action: client.RemoveGlobalAccelerationInstanceIp.Action, Fresh: true, About: gaAbout,
		Subject: func(o *model.Object) string { return "EIP " + ip.IpAddress + " from " + o.ID },
		Confirm: func(*model.Object) []string { return []string{ip.IpAddress} },
		Stops: func(o *model.Object) []string {
			return []string{ip.IpAddress + " is no longer accelerated; it stays allocated (Available on :eip)."}
		},
		Refuse: func(o *model.Object) string {
			g := o.Val().(*model.GlobalAcceleration)
			for _, have := range g.EIPs() {
				if have.AllocationId == ip.AllocationId {
					return gaRefusal(g)
				}
			}
			return ip.IpAddress + " is no longer an EIP of " + o.ID
		},
		Run: func(ctx context.Context, fc *FormCtx, o *model.Object, _ string, _ bool) (*Submitted, error) {
			in := &client.GAIpInput{RegionId: o.Region, GlobalAccelerationInstanceId: o.ID, IpInstanceId: ip.AllocationId}
			out, err := client.RemoveGlobalAccelerationInstanceIp.Call(ctx, fc.Client, in)
			return sent(o, client.RemoveGlobalAccelerationInstanceIp.Action, in, out, err, []string{"Available", "InUse"})
		},
	}
}

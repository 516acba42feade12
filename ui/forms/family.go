package forms

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// familyOps returns the changes offered for the kinds beyond the VPC
// family; each family's file declares its kinds' ops.
func familyOps(k *model.Kind) KindOps {
	switch k.Name {
	case "vrouter":
		return KindOps{Edit: attrEdit("VRouter", "VRouterId", "VRouterName", client.ModifyVRouterAttribute)}
	case "rt":
		return RtOps()
	case "route":
		return RouteOps()
	case "nat":
		return NatOps()
	case "snat":
		return SnatOps()
	case "dnat":
		return DnatOps()
	case "eip":
		return EipOps()
	case "vpn":
		return VpnOps()
	case "cgw":
		return CgwOps()
	case "ipsec":
		return IpsecOps()
	case "vbr":
		return VbrOps()
	case "bgp":
		return BgpGroupOps()
	case "bgppeer":
		return BgpPeerOps()
	case "bgpnet":
		return BgpNetOps()
	case "vpcflowlog":
		return VpcFlowLogOps()
	case "sagflowlog":
		return SagFlowLogOps()
	case "peer":
		return PeerOps()
	case "havip":
		return havipOps()
	case "cbwp":
		return cbwpOps()
	case "natbwp":
		return natBwpOps()
	case "ga":
		return gaOps()
	case "ipv6gw":
		return ipv6GwOps()
	case "ipv6rule":
		return ipv6RuleOps()
	case "ipv6addr":
		return ipv6AddrOps()
	case "pc":
		return pcOps()
	case "sslserver":
		return sslServerOps()
	case "sslcert":
		return sslCertOps()
	case "ri":
		return riOps()
	case "region":
		return RegionOps()
	}
	return KindOps{}
}

// ---- helpers shared by the family forms ----

// Hints under the usual name and description fields.
const (
	nameHint = "optional; 2-128 characters, starts with a letter; letters, digits, . _ -"
	descHint = "optional; 2-256 characters, starts with a letter"
)

func kindOf(fc *FormCtx, name string) *model.Kind { return fc.Host.Registry().MustLookup(name) }

// made is the submitted of a call that created or changed id of kind name,
// tracked to target (the kind's own target when nil).
func made(fc *FormCtx, kind, id, requestID string, in any, target []string) *Submitted {
	k := kindOf(fc, kind)
	if target == nil {
		target = k.Target
	}
	return result(k, fc.Region, id, requestID, in, target)
}

// removed is the submitted of a delete: followed until the object is gone.
func removed(o *model.Object, action, requestID string, in any) *Submitted {
	res := result(o.Kind, o.Region, o.ID, requestID, in, nil)
	res.Gone, res.Action, res.Ref = true, action, o
	return res
}

// checks returns the first failing check, named after its field.
func checks(cs ...fieldCheck) error {
	for _, c := range cs {
		if c.err != nil {
			return fmt.Errorf("%s: %w", c.field, c.err)
		}
	}
	return nil
}

type fieldCheck struct {
	field string
	err   error
}

func check(field string, err error) fieldCheck { return fieldCheck{field, err} }

// nameField and descField are the usual optional name and description.
func nameField(v *string) *liveField { return liveInput("Name", v, model.DefaultName.Check, nameHint) }
func descField(v *string) *liveField {
	return liveInput("Description", v, model.CheckDescription, descHint)
}

// secretField is a password input: what is typed is never echoed.
func secretField(title string, v *string, check func(string) error, hint string) *liveField {
	f := liveInput(title, v, check, hint)
	f.Input = f.Input.EchoMode(huh.EchoModePassword)
	return f
}

// atoi reads a whole number typed in a field.
func atoi(field, s string) (int, error) {
	n, err := strconv.Atoi(strings.TrimSpace(s))
	if err != nil {
		return 0, fmt.Errorf("%s must be a whole number (it is %q)", field, s)
	}
	return n, nil
}

// rangeCheck is a field check for a whole number in [lo, hi].
func rangeCheck(field string, lo, hi int) func(string) error {
	return func(s string) error {
		n, err := atoi(field, s)
		if err != nil {
			return err
		}
		return model.CheckRange(n, lo, hi)
	}
}

// pick is one choice of a picker loaded from the API.
type Pick struct{ Label, Value string }

func options(picks []Pick) []huh.Option[string] {
	out := make([]huh.Option[string], len(picks))
	for i, p := range picks {
		out[i] = huh.NewOption(Sanitize(p.Label), p.Value) // labels quote names from the API
	}
	return out
}

func stringOptions(vals ...string) []huh.Option[string] {
	out := make([]huh.Option[string], len(vals))
	for i, v := range vals {
		out[i] = huh.NewOption(v, v)
	}
	return out
}

// pickerGone is a select over choices loaded from the API (with nothing to
// choose it says so instead of offering an empty list) whose value, kept
// from a draft, may no longer be among the freshly loaded choices: it is shown first, marked with why
// (gone: "is no longer associated with ngw-1"), and the field does not
// move on until another is chosen. The form's Check refuses it as well
// (notOffered).
func pickerGone(title string, v *string, picks []Pick, none, gone string) huh.Field {
	return pickerWith(title, v, picks, none, gone, 0, "")
}

// pickerWith is pickerGone with a height (0: fit the choices) and a
// description (shown unless the field explains a choice no longer offered).
func pickerWith(title string, v *string, picks []Pick, none, gone string, height int, desc string) huh.Field {
	if err := notOffered(picks, *v, gone); err != nil {
		stale := *v
		all := append([]Pick{{Label: stale + "  ✗ " + gone, Value: stale}}, picks...)
		desc := "✗ " + err.Error() + "; choose another"
		if len(picks) == 0 {
			desc = "✗ " + err.Error() + "; " + none
		}
		return huh.NewSelect[string]().Title(title).Options(options(all)...).Value(v).Height(min(len(all)+3, 8)).
			Description(desc).
			Validate(func(s string) error {
				if s == stale {
					return errors.New(err.Error() + "; choose another")
				}
				return nil
			})
	}
	if len(picks) == 0 {
		return huh.NewNote().Title(title).Description("✗ " + none)
	}
	if height == 0 {
		height = min(len(picks)+2, 7)
	}
	s := huh.NewSelect[string]().Title(title).Options(options(picks)...).Value(v).Height(height)
	if desc != "" {
		s = s.Description(desc)
	}
	return s
}

// notOffered says why v, kept from a draft, is not among the choices
// loaded when the form opened; nil when it is, or when v is empty.
func notOffered(picks []Pick, v, gone string) error {
	if v == "" || HasValue(picks, v) {
		return nil
	}
	return fmt.Errorf("%s %s", v, gone)
}

// keepOrFirst is the value a freshly loaded picker starts with: the
// draft's (even when no longer offered: the form then says so), else the
// first choice.
func keepOrFirst(v string, picks []Pick) string {
	if v != "" {
		return v
	}
	return firstValue(picks)
}

func firstValue(picks []Pick) string {
	if len(picks) == 0 {
		return ""
	}
	return picks[0].Value
}

func HasValue(picks []Pick, v string) bool {
	for _, p := range picks {
		if p.Value == v {
			return true
		}
	}
	return false
}

// choiceGroups is a dependent picker without OptionsFunc: one group per
// parent value, shown only while *parent holds that value, each bound to its
// own child value. The hide funcs read the bound parent on the UI goroutine.
type choiceGroups struct {
	Parent *string
	vals   map[string]*string
	// when, if set, must also hold for any of the groups to show.
	when func() bool
}

func newChoiceGroups(parent *string) *choiceGroups {
	return &choiceGroups{Parent: parent, vals: map[string]*string{}}
}

// group adds the group shown for parent value p.
func (c *choiceGroups) group(p string, fields func(v *string) []huh.Field) *huh.Group {
	v, ok := c.vals[p]
	if !ok {
		v = new(string)
		c.vals[p] = v
	}
	return huh.NewGroup(fields(v)...).WithHideFunc(func() bool { return *c.Parent != p || c.when != nil && !c.when() })
}

// value is the child chosen for the current parent.
func (c *choiceGroups) Value() string {
	if v, ok := c.vals[*c.Parent]; ok {
		return strings.TrimSpace(*v)
	}
	return ""
}

// set presets the child for parent p (drafts, defaults).
func (c *choiceGroups) Set(p, v string) {
	if _, ok := c.vals[p]; !ok {
		c.vals[p] = new(string)
	}
	*c.vals[p] = v
}

// setDefault presets the child for parent p unless one was chosen
// already (a draft's choice survives a reload of the lists).
func (c *choiceGroups) setDefault(p, v string) {
	if cur, ok := c.vals[p]; ok && *cur != "" {
		return
	}
	c.Set(p, v)
}

// ---- a yes/no confirmation for actions without other input ----

// confirmAction asks one clear yes/no question and explains what happens.
// gate, when set, says why the action cannot run on the object as it is
// now; it is asked again with a fresh copy when the form opens (a draft may
// be older than the object's status), and nothing is sent while it refuses.
type ConfirmAction struct {
	title, APIAction, question, explain, Refuse string
	Yes                                         bool
	obj                                         *model.Object
	gate                                        func(o *model.Object) string
	Run                                         func(ctx context.Context, fc *FormCtx, o *model.Object, token string) (*Submitted, error)
	// note is shown under the question after a failed call (what to do
	// about the API's answer).
	note string
}

// Prepare refetches the object so the gate judges its current status.
func (m *ConfirmAction) Prepare(ctx context.Context, fc *FormCtx) error {
	if m.obj == nil || m.gate == nil {
		return nil
	}
	if m.obj.Kind.Get != nil {
		fresh, err := reread(ctx, fc, m.obj, &m.Refuse)
		if fresh == nil {
			return err
		}
		m.obj = fresh
	}
	m.Refuse = m.gate(m.obj)
	return nil
}

func (m *ConfirmAction) Title() string  { return m.title }
func (m *ConfirmAction) Action() string { return m.APIAction }

func (m *ConfirmAction) Form(fc *FormCtx) *huh.Form {
	var fields []huh.Field
	if m.Refuse != "" {
		fields = append(fields, refusedNote(m.Refuse))
	}
	if m.note != "" {
		fields = append(fields, huh.NewNote().Title("What to do").Description(m.note))
	}
	fields = append(fields, huh.NewConfirm().Title(m.question).Description(m.explain).
		Affirmative("Yes").Negative("No").Value(&m.Yes).
		Validate(func(b bool) error {
			if !b {
				return errors.New("nothing is sent unless you choose Yes; esc leaves")
			}
			return nil
		}))
	return huh.NewForm(huh.NewGroup(fields...))
}

func (m *ConfirmAction) Check(fc *FormCtx) error {
	if m.Refuse != "" {
		return errors.New(m.Refuse)
	}
	if !m.Yes {
		return errors.New("nothing is sent unless you choose Yes")
	}
	return nil
}

func (m *ConfirmAction) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	return m.Run(ctx, fc, m.obj, token)
}

// ---- a form that cannot open here ----

// elsewhere is a mutation that only explains where to start it (an SNAT
// entry needs its NAT gateway): Prepare fails with the explanation.
type elsewhere struct{ title, APIAction, how string }

func (m *elsewhere) Title() string  { return m.title }
func (m *elsewhere) Action() string { return m.APIAction }
func (m *elsewhere) Form(fc *FormCtx) *huh.Form {
	return huh.NewForm(huh.NewGroup(huh.NewNote().Title(m.how)))
}
func (m *elsewhere) Check(fc *FormCtx) error                 { return errors.New(m.how) }
func (m *elsewhere) Prepare(context.Context, *FormCtx) error { return errors.New(m.how) }
func (m *elsewhere) Submit(context.Context, *FormCtx, string) (*Submitted, error) {
	return nil, errors.New(m.how)
}

// parentOf returns the pane's parent when it is of kind name.
func parentOf(fc *FormCtx, name string) *model.Object {
	if fc.Parent != nil && fc.Parent.Kind.Name == name {
		return fc.Parent
	}
	return nil
}

// boolPtr sends an explicit true or false.
func boolPtr(b bool) *bool { return &b }

// maxRouteVPCs bounds how many VPCs' route tables a form reads when it
// opens; beyond it, the API's own check remains.
const maxRouteVPCs = 10

// routeDests returns, per VPC, the destination of every route entry in the
// VPC's route tables — for checks that must not collide with a route (a
// VSwitch block, a NAT gateway's 0.0.0.0/0). Reads only: per VPC, its tables
// (for the VRouter's ID) and then every table with its entries in one
// DescribeRouteTables listing.
func routeDests(ctx context.Context, fc *FormCtx, vpcIDs []string) (map[string][]string, error) {
	out := map[string][]string{}
	for i, id := range vpcIDs {
		if i >= maxRouteVPCs {
			break
		}
		tables, err := client.DescribeRouteTableList.Call(ctx, fc.Client, &client.DescribeRouteTableListInput{RegionId: fc.Region, VpcId: id})
		if err != nil {
			return nil, err
		}
		out[id] = []string{}
		routers := map[string]bool{}
		for _, t := range tables {
			if routers[t.RouterId] {
				continue
			}
			routers[t.RouterId] = true
			withEntries, err := fc.Client.DescribeRouteTables(ctx, &client.DescribeRouteTablesInput{RegionId: fc.Region, RouterId: t.RouterId, RouterType: "VRouter"})
			if err != nil {
				return nil, err
			}
			for _, te := range withEntries {
				for _, e := range te.Entries() {
					out[id] = append(out[id], e.DestinationCidrBlock)
				}
			}
		}
	}
	return out, nil
}

// tableRoutes reads one route table's entries in one call
// (DescribeRouteTables answers a table with all its entries;
// DescribeRouteEntryList pages them 100 at a time).
func tableRoutes(ctx context.Context, fc *FormCtx, region, tableID string) ([]model.RouteEntry, error) {
	ts, err := fc.Client.DescribeRouteTables(ctx, &client.DescribeRouteTablesInput{RegionId: region, RouteTableId: tableID})
	if err != nil {
		return nil, err
	}
	if len(ts) == 0 {
		return nil, &client.NotFoundError{Action: "DescribeRouteTables", ID: tableID}
	}
	return ts[0].Entries(), nil
}

// onlyWhenAvailable refuses a delete the API allows only for an Available
// resource (DeleteVpc, DeleteVSwitch).
func onlyWhenAvailable(o *model.Object) string {
	if o.Status != "" && !strings.EqualFold(o.Status, "Available") {
		return fmt.Sprintf("%s is %s; only an Available %s can be deleted (ctrl+r shows when it settles)", o.ID, o.Status, o.Kind.Singular)
	}
	return ""
}

// AttrEdit is the name-and-description edit most kinds have (their
// Modify*Attribute), declared as data (attrEditOf): the request it builds
// and the client call that sends it. The rules and hints default to the
// seed's usual name and description ones. Unchanged values send nothing;
// clearing a field the API cannot clear is refused.
type AttrEdit[In any] struct {
	title, APIAction   string
	Name, Desc         string
	nameRule, descRule func(string) error
	nameHint, descHint string
	request            func(fc *FormCtx, name, desc, token string) *In
	// send sends the edit (sendEdit: nothing when unchanged).
	send func(ctx context.Context, fc *FormCtx, in *In) (*Submitted, error)
}

// rules and hints replace the usual name and description rules and the
// hints under the fields; each returns the edit.
func (m *AttrEdit[In]) rules(name, desc func(string) error) *AttrEdit[In] {
	m.nameRule, m.descRule = name, desc
	return m
}

func (m *AttrEdit[In]) hints(name, desc string) *AttrEdit[In] {
	m.nameHint, m.descHint = name, desc
	return m
}

// ruleFuncs are the name and description rules in force.
func (m *AttrEdit[In]) ruleFuncs() (name, desc func(string) error) {
	name, desc = m.nameRule, m.descRule
	if name == nil {
		name = model.DefaultName.Check
	}
	if desc == nil {
		desc = model.CheckDescription
	}
	return name, desc
}

func (m *AttrEdit[In]) Title() string  { return m.title }
func (m *AttrEdit[In]) Action() string { return m.APIAction }
func (m *AttrEdit[In]) Form(fc *FormCtx) *huh.Form {
	name, desc := m.ruleFuncs()
	return huh.NewForm(huh.NewGroup(
		liveInput("Name", &m.Name, KeepSet(fc, "name", name), cmp.Or(m.nameHint, nameHint)),
		liveInput("Description", &m.Desc, KeepSet(fc, "description", desc), cmp.Or(m.descHint, descHint))))
}
func (m *AttrEdit[In]) Check(fc *FormCtx) error {
	name, desc := m.ruleFuncs()
	return checks(check("name", name(m.Name)), check("description", desc(m.Desc)),
		check("edit", editRefusal(fc.Target, m.APIAction, m.request(fc, m.Name, m.Desc, ""))))
}
func (m *AttrEdit[In]) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	return m.send(ctx, fc, m.request(fc, m.Name, m.Desc, token))
}

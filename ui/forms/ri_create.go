package forms

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"strings"
	"unicode"

	"charm.land/huh/v2"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// riCreate makes one end of a router interface pair on a router picked from
// the API (the region's VRouters and active VBRs; fixed when opened from
// one). The spec list follows the role; the role, the spec, five
// interfaces per router and one pair between two routers are checked before
// any call.
type riCreate struct {
	router, role, oppRegion, oppType, oppRouter, oppIf, oppOwner, Name, Desc string
	Spec                                                                     string
	onlyRouter                                                               string
	routers, regions                                                         []Pick
	routerType                                                               map[string]string                   // router → VRouter | VBR
	onRouter                                                                 map[string][]*model.RouterInterface // router → its interfaces
	specs                                                                    *choiceGroups
}

func (m *riCreate) Title() string {
	return createTitle("router interface", when(m.onlyRouter != "", "on "+m.onlyRouter))
}
func (m *riCreate) Action() string { return "CreateRouterInterface" }

// Prepare loads the region's routers, the interfaces already on them and
// the regions, on every opening (a draft's too).
func (m *riCreate) Prepare(ctx context.Context, fc *FormCtx) error {
	vrs, err := client.DescribeVRouters.Call(ctx, fc.Client, &client.DescribeVRoutersInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	vbrs, err := client.DescribeVirtualBorderRouters.Call(ctx, fc.Client, &client.DescribeVirtualBorderRoutersInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	vpcs, err := client.DescribeVpcs.Call(ctx, fc.Client, &client.DescribeVpcsInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	vpcName := map[string]string{}
	for _, v := range vpcs {
		vpcName[v.VpcId] = v.VpcName
	}
	m.routers, m.routerType = []Pick{}, map[string]string{}
	for _, v := range vrs {
		if m.onlyRouter == "" || m.onlyRouter == v.VRouterId {
			label := strings.Join(strings.Fields(fmt.Sprintf("VRouter %s %s %s", v.VRouterId, v.VRouterName, cmp.Or(vpcName[v.VpcId], v.VpcId))), "  ")
			m.routers = append(m.routers, Pick{label, v.VRouterId})
			m.routerType[v.VRouterId] = model.RIVRouter
		}
	}
	for _, v := range vbrs {
		if (m.onlyRouter == "" || m.onlyRouter == v.VbrId) && strings.EqualFold(v.Status, "active") {
			m.routers = append(m.routers, Pick{fmt.Sprintf("VBR  %s  %s", v.VbrId, v.Name), v.VbrId})
			m.routerType[v.VbrId] = model.RIVBR
		}
	}
	ris, err := client.DescribeRouterInterfaces.Call(ctx, fc.Client, &client.DescribeRouterInterfacesInput{RegionId: fc.Region})
	if err != nil {
		return err
	}
	m.onRouter = map[string][]*model.RouterInterface{}
	for _, r := range ris {
		m.onRouter[r.RouterId] = append(m.onRouter[r.RouterId], r)
	}
	if m.regions, err = regionPicks(ctx, fc); err != nil {
		return err
	}
	m.router = keepOrFirst(m.router, m.routers)
	m.oppRegion = cmp.Or(m.oppRegion, fc.Region)
	if m.specs == nil {
		m.specs = newChoiceGroups(&m.role)
		m.specs.Set(model.RIInitiating, m.Spec)
		m.specs.Set(model.RIAccepting, model.RINegative)
	}
	return nil
}

func (m *riCreate) checkRouter(string) error {
	if err := notOffered(m.routers, m.router, "is no longer a router of this region"); err != nil {
		return err
	}
	if n := len(m.onRouter[m.router]); n >= model.MaxRouterInterfacesPerRouter {
		return fmt.Errorf("%s already has %d router interfaces, the most a router may hold", m.router, n)
	}
	return nil
}

func (m *riCreate) checkRole(string) error { return model.CheckRIRole(m.role, m.routerType[m.router]) }

func (m *riCreate) checkOppRouter(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	prefix, what := "vrt-", "VRouter"
	if m.oppType == model.RIVBR {
		prefix, what = "vbr-", "VBR"
	}
	if err := model.CheckResourceID(what, prefix, s); err != nil {
		return err
	}
	if s == m.router {
		return errors.New("the opposite router is this router")
	}
	for _, r := range m.onRouter[m.router] {
		if r.OppositeRouterId == s {
			return fmt.Errorf("one pair between two routers: %s joins them already", r.RouterInterfaceId)
		}
	}
	return nil
}

func checkAccount(s string) error {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil
	}
	if len(s) > 20 || strings.IndexFunc(s, func(r rune) bool { return !unicode.IsDigit(r) }) >= 0 {
		return fmt.Errorf("%q is not an account ID (digits only)", s)
	}
	return nil
}

func (m *riCreate) Form(fc *FormCtx) *huh.Form {
	role := huh.NewSelect[string]().Title("Role").Value(&m.role).Options(
		huh.NewOption("initiating side (carries the spec; connects)", model.RIInitiating),
		huh.NewOption("accepting side (spec Negative)", model.RIAccepting)).Validate(m.checkRole)
	router := pickerGone("Router", &m.router, m.routers, "no VRouter or active VBR in "+fc.Region, "is no longer a router of "+fc.Region)
	gs := []*huh.Group{huh.NewGroup(router, role)}
	for _, r := range []string{model.RIInitiating, model.RIAccepting} {
		specs := model.RISpecs(r)
		gs = append(gs, m.specs.group(r, func(v *string) []huh.Field {
			opts := make([]huh.Option[string], len(specs))
			for i, s := range specs {
				opts[i] = huh.NewOption(fmt.Sprintf("%-9s %s", s, riSpecLabel(s)), s)
			}
			return []huh.Field{huh.NewSelect[string]().Title("Spec").Options(opts...).Value(v).Height(min(len(opts)+2, 8))}
		}))
	}
	gs = append(gs,
		huh.NewGroup(
			pickerGone("Opposite region", &m.oppRegion, m.regions, "no region", "is not a region"),
			huh.NewSelect[string]().Title("Opposite router type").Value(&m.oppType).Options(stringOptions(model.RIVRouter, model.RIVBR)...),
			liveInput("Opposite router", &m.oppRouter, m.checkOppRouter, "the router at the other end, e.g. vrt-… or vbr-…"),
			liveInput("Opposite interface", &m.oppIf, checkRIID, "optional; the other end if it exists already, e.g. ri-…"),
			liveInput("Opposite account", &m.oppOwner, checkAccount, "optional; the other end's account ID (yours when empty)"),
		),
		huh.NewGroup(nameField(&m.Name), descField(&m.Desc)),
	)
	return huh.NewForm(gs...)
}

func riSpecLabel(s string) string {
	if n := model.RISpecMbps(s); n > 0 {
		return fmt.Sprintf("%d Mbit/s", n)
	}
	return "the accepting side's spec"
}

func (m *riCreate) Check(fc *FormCtx) error {
	if m.router == "" {
		return errors.New("router: there is no VRouter or active VBR to choose")
	}
	return checks(
		check("router", m.checkRouter(m.router)),
		check("role", m.checkRole(m.role)),
		check("spec", model.CheckRISpec(m.role, m.specs.Value())),
		check("opposite region", notOffered(m.regions, m.oppRegion, "is not a region")),
		check("opposite router type", model.CheckRIRouterType(m.oppType)),
		check("opposite router", m.checkOppRouter(m.oppRouter)),
		check("opposite interface", checkRIID(m.oppIf)),
		check("opposite account", checkAccount(m.oppOwner)),
		check("name", model.DefaultName.Check(m.Name)),
		check("description", model.CheckDescription(m.Desc)),
	)
}

// Request is what Submit sends; the review page lists it first.
func (m *riCreate) Request(fc *FormCtx, token string) (any, error) { return m.Input(fc, token), nil }

func (m *riCreate) Input(fc *FormCtx, token string) *client.CreateRouterInterfaceInput {
	return &client.CreateRouterInterfaceInput{RegionId: fc.Region, Role: m.role, RouterType: m.routerType[m.router], RouterId: m.router,
		Spec: m.specs.Value(), OppositeRegionId: m.oppRegion, OppositeRouterType: m.oppType, OppositeRouterId: strings.TrimSpace(m.oppRouter),
		OppositeInterfaceId: strings.TrimSpace(m.oppIf), OppositeInterfaceOwnerId: strings.TrimSpace(m.oppOwner),
		Name: m.Name, Description: m.Desc, ClientToken: token}
}

func (m *riCreate) Submit(ctx context.Context, fc *FormCtx, token string) (*Submitted, error) {
	in := m.Input(fc, token)
	out, err := client.CreateRouterInterface.Call(ctx, fc.Client, in)
	return created(fc, m, "ri", "RouterInterfaceId", in, out, err)
}

// regionPicks offers every region the account can use, by ID and name.
func regionPicks(ctx context.Context, fc *FormCtx) ([]Pick, error) {
	regions, err := client.DescribeRegions.Call(ctx, fc.Client, &client.DescribeRegionsInput{AcceptLanguage: "en-US"})
	if err != nil {
		return nil, err
	}
	return pickList(regions, func(r *model.Region) []string { return []string{r.RegionId, r.LocalName} }), nil
}

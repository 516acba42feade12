package model

// HaVip is a high-availability virtual IP, an item of DescribeHaVips
// (HaVips.HaVip). The two lists inside are spelled in lower camel case by
// the API (associatedInstance, associatedEipAddresse).
type HaVip struct {
	HaVipId                string `json:"HaVipId"`
	Name                   string `json:"Name"`
	Description            string `json:"Description"`
	RegionId               string `json:"RegionId"`
	VpcId                  string `json:"VpcId"`
	VSwitchId              string `json:"VSwitchId"`
	IpAddress              string `json:"IpAddress"`
	Status                 string `json:"Status"`                 // Creating | Available | InUse | Associating | Unassociating | Deleting
	AssociatedInstanceType string `json:"AssociatedInstanceType"` // EcsInstance | NetworkInterface
	MasterInstanceId       string `json:"MasterInstanceId"`
	ChargeType             string `json:"ChargeType"`
	CreateTime             string `json:"CreateTime"`
	ResourceGroupId        string `json:"ResourceGroupId"`
	AssociatedInstances    struct {
		AssociatedInstance Strings `json:"associatedInstance"`
	} `json:"AssociatedInstances"`
	AssociatedEipAddresses struct {
		AssociatedEipAddresse Strings `json:"associatedEipAddresse"`
	} `json:"AssociatedEipAddresses"`
	Tags Tags `json:"Tags"`
}

// Instances lists the instances (ECS or ENI) the HaVip is associated with.
func (h *HaVip) Instances() []string { return h.AssociatedInstances.AssociatedInstance }

// EIPs lists the public addresses bound to the HaVip.
func (h *HaVip) EIPs() []string { return h.AssociatedEipAddresses.AssociatedEipAddresse }

// MaxHaVipInstances is how many ECS instances (or ENIs, never both kinds
// at once) AssociateHaVip binds to one HaVip.
const MaxHaVipInstances = 10

// havipFilter selects by one Filter.N key: DescribeHaVips takes IDs and
// parents only that way.
func havipFilter(key string) map[string]string { return map[string]string{"Filter.1.Key": key} }

func havipKind() *Kind {
	return &Kind{
		Name: "havip", Aliases: []string{"havips", "ha"}, Title: "HaVips", Singular: "HaVip", Order: 22,
		List: ListSpec{Product: ProductVPC, Action: "DescribeHaVips", Path: "HaVips.HaVip", Paging: PageNumberPaging, SizeParam: "PageSize", MaxPageSize: 50},
		Get: &GetSpec{Product: ProductVPC, Action: "DescribeHaVips", IDParam: "Filter.1.Value.1", Params: havipFilter("HaVipId"),
			Path: "HaVips.HaVip", IDField: "HaVipId", NotFound: []string{"InvalidHaVipId.NotFound"}},
		Scopes: []Scope{{Parent: "vsw", Param: "Filter.1.Value.1", Params: havipFilter("VSwitchId")}},
		New:    NewOf[HaVip](), ID: Field(func(h *HaVip) string { return h.HaVipId }),
		NameOf: Field(func(h *HaVip) string { return h.Name }),
		Status: Field(func(h *HaVip) string { return h.Status }),
		Columns: []Column{
			Col("ID", 26, StyleID, func(h *HaVip) string { return h.HaVipId }),
			Col("Name", 18, StylePlain, func(h *HaVip) string { return h.Name }),
			Col("Status", 13, StyleStatus, func(h *HaVip) string { return h.Status }),
			Col("IP", 15, StyleCIDR, func(h *HaVip) string { return h.IpAddress }),
			Col("VSwitch", 26, StyleID, func(h *HaVip) string { return h.VSwitchId }),
			Col("VPC", 26, StyleID, func(h *HaVip) string { return h.VpcId }),
			Col("Instances", 24, StyleID, func(h *HaVip) string { return Join(h.Instances()) }),
			Col("Instance Type", 16, StylePlain, func(h *HaVip) string { return h.AssociatedInstanceType }),
			Col("Master", 24, StyleID, func(h *HaVip) string { return h.MasterInstanceId }),
			Col("EIP", 16, StyleCIDR, func(h *HaVip) string { return Join(h.EIPs()) }),
			regionColumn(),
			Col("Created", 20, StyleTime, func(h *HaVip) string { return h.CreateTime }),
			Col("Description", 24, StylePlain, func(h *HaVip) string { return h.Description }),
		},
		SortBy: "Name",
		Phases: PhaseMap(map[Phase][]string{
			PhaseReady:        {"Available", "InUse"},
			PhaseTransitional: {"Creating", "Associating", "Unassociating", "Deleting"},
		}),
		Target: []string{"Available"}, TrackTimeoutMinutes: 5,
	}
}

package model

// RouteTableEntries is an item of DescribeRouteTables (seed 003 §8.3,
// RouteTables.RouteTable): a route table with its route entries, so that a
// VRouter's whole routing is read in one paged call instead of one call per
// table.
type RouteTableEntries struct {
	RouteTableId    string `json:"RouteTableId"`
	RouteTableType  string `json:"RouteTableType"` // System | Custom
	VRouterId       string `json:"VRouterId"`
	CreationTime    string `json:"CreationTime"`
	ResourceGroupId string `json:"ResourceGroupId"`
	VSwitchIds      struct {
		VSwitchId Strings `json:"VSwitchId"`
	} `json:"VSwitchIds"`
	RouteEntrys struct {
		RouteEntry []RouteEntry `json:"RouteEntry"`
	} `json:"RouteEntrys"`
}

// Entries are the table's route entries.
func (t *RouteTableEntries) Entries() []RouteEntry { return t.RouteEntrys.RouteEntry }

// routeTablesListing is DescribeRouteTables as a listing: not a pane of its
// own (the route table and route entry panes are), a way to read many tables
// with their entries at once.
var routeTablesListing = &Kind{
	Name: "rtentries", Title: "Route tables with entries", Singular: "route table",
	List: pageList(ProductVPC, "DescribeRouteTables", "RouteTables.RouteTable"),
	New:  NewOf[RouteTableEntries](),
	ID:   Field(func(t *RouteTableEntries) string { return t.RouteTableId }),
}

// RouteTablesListing is the listing behind DescribeRouteTables.
func RouteTablesListing() *Kind { return routeTablesListing }

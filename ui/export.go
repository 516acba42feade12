package ui

import (
	"context"
	"fmt"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/model"
)

// What `alivpc get` shares with the console, so a listing on the command
// line shows the same cells, in the same order, through the same filter as
// a pane.

// Cells returns o's cells as a pane of kind view shows them.
func Cells(view *model.Kind, o *model.Object) []string { return newRow(view, o).Cells() }

// FilterObjects returns objs as a pane of kind view lists them: one per
// resource (a later copy replaces an earlier one, as a refined or
// refreshed row does), in the pane's default sort order, through the `/`
// filter expression expr ("" keeps everything).
func FilterObjects(view *model.Kind, objs []*model.Object, expr string) []*model.Object {
	t := NewTable(view)
	rows := make([]*Row, len(objs))
	for i, o := range objs {
		rows[i] = newRow(view, o)
	}
	t.Upsert(rows)
	idx := ParseFilter(expr, t.cols).Run(t.Snapshot(), nil)
	out := make([]*model.Object, len(idx))
	for i, n := range idx {
		out[i] = t.rows[n].Obj
	}
	return out
}

// KindOfID names the kind of a resource ID by its prefix (vpc-… is "vpc"),
// or "" when the prefix is not known.
func KindOfID(id string) string { return kindOfID(id) }

// FindObject fetches one resource of kind k by ID: with the kind's targeted
// get, or by listing the region for kinds without one. A resource that does
// not exist is an error naming it.
func FindObject(ctx context.Context, c *client.Client, k *model.Kind, region, id string) (*model.Object, error) {
	var found *model.Object
	var err error
	if k.Get != nil {
		found, err = c.Get(ctx, k, region, id, nil)
	} else {
		err = c.ListObjects(ctx, k, region, nil, func(objs []*model.Object, _ client.Page) error {
			for _, o := range objs {
				if o.ID == id {
					found = o
				}
			}
			return nil
		})
	}
	if err == nil && found == nil {
		err = fmt.Errorf("%s %s was not found in %s", k.Singular, id, region)
	}
	return found, err
}

package ui

import (
	"testing"
)

// xrayOf opens `:xray` on the VPC named name and waits until its tree is read.
func (d *driver) xrayOf(name string) *xrayPage {
	d.t.Helper()
	d.idle()
	vpc := d.rowNamed(name)
	d.command("xray " + vpc.ID)
	return d.xrayIdle()
}

// xrayIdle waits until the x-ray on top has read everything.
func (d *driver) xrayIdle() *xrayPage {
	d.t.Helper()
	var p *xrayPage
	d.waitFor("the x-ray to be read", func() bool {
		x, ok := d.app.top().(*xrayPage)
		p = x
		return ok && len(x.loading) == 0 && !x.lastLoad.IsZero()
	})
	return p
}

func TestXrayScratch(t *testing.T) {
	d := newDriver(t)
	p := d.xrayOf("prod-core")
	d.keys("+")
	t.Log("\n" + d.screen())
	_ = p
}

package ui

import (
	"strconv"
	"testing"
	"time"

	"github.com/alivpc/alivpc/ui/forms"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// useKey switches the console to another AccessKey of the same simulator,
// as a restart with other credentials would, and learns its account again.
func (d *driver) useKey(id, secret string) {
	d.t.Helper()
	c, err := client.New(client.Config{
		Credentials: client.StaticCredentials(id, secret, ""),
		Region:      "cn-hangzhou", Endpoints: client.Endpoints{Override: d.http.URL},
		BaseBackoff: time.Millisecond, MaxBackoff: 5 * time.Millisecond, MaxAttempts: 2,
	})
	noErr(d.t, err)
	d.app.opt.Client = c
	d.app.caller = caller{}
	d.exec(d.app.learnCaller())
	d.waitFor("the new account", func() bool { return d.app.caller.done })
}

// fillPeer walks the peering form for prod-core → staging of account uid.
func fillPeer(d *driver, staging, uid, name string, dryRun bool) {
	d.t.Helper()
	d.openForm("c")
	d.choose("Requesting VPC", "prod-core")
	d.field("Accepting account ID", uid)
	d.next("Accepting region")
	d.field("Accepting VPC ID", staging)
	d.field("Name", name)
	d.next("Description", "Resource group ID")
	d.waitFocus("Dry run only?")
	if dryRun {
		d.keys("y")
	} else {
		d.keys("enter")
	}
	d.confirmReview()
}

// A peer connection to another account stays Accepting until that account
// accepts it, then Activated — through the forms. The requester is offered
// neither Accept nor Reject, is told why, and sends nothing.
func TestPeerToAnotherAccountStaysAcceptingUntilAccepted(t *testing.T) {
	d := newConsole(t)
	d.waitText("acct …5678") // learned from STS, shown in the header
	staging := d.rowNamed("staging").ID
	d.pane("peer")
	partner := strconv.FormatInt(sim.PartnerAccountUID, 10)

	// A dry run answers without creating anything.
	mark := len(d.fault.actions())
	fillPeer(d, staging, partner, "to-partner", true)
	d.waitText("Dry run passed")
	if n := countAction(d.sentSince(mark), "CreateVpcPeerConnection"); n != 1 {
		t.Fatalf("the dry run sent CreateVpcPeerConnection %d times", n)
	}
	d.keys("esc")
	d.waitText("VPC Peering Connections")

	// Another account: Accepting, and it stays so.
	d.openForm("c")
	d.next("Requesting VPC", "Accepting account ID", "Accepting region", "Accepting VPC ID", "Name", "Description", "Resource group ID")
	d.waitFocus("Dry run only?")
	d.keys("n")
	d.confirmReview()
	id := d.created("CreateVpcPeerConnection", "Accepting")
	d.advance(10 * time.Minute)
	got, err := client.GetVpcPeerConnectionAttribute.Call(d.ctx, d.api(), &client.GetVpcPeerConnectionAttributeInput{RegionId: "cn-hangzhou", InstanceId: id})
	if err != nil || got.Status != "Accepting" {
		t.Fatalf("a peering to another account should wait in Accepting: %v %+v", err, got)
	}

	// The requester: x offers neither Accept nor Reject and says who may.
	mark = len(d.fault.actions())
	d.rowID(id)
	d.keys("x")
	d.waitText("Only the accepting account " + partner + " can accept or reject " + id)
	if d.app.menu != nil {
		t.Fatalf("the requester was offered a menu: %s", d.screen())
	}
	assertNoWrite(t, d, mark, "the requester pressing x")
	if n := d.srv.Counts()["AcceptVpcPeerConnection"] + d.srv.Counts()["RejectVpcPeerConnection"]; n != 0 {
		t.Fatalf("the simulator received %d Accept/Reject calls from the requester", n)
	}

	// The same console with the accepting account's key: Accept moves it on.
	d.useKey(sim.PartnerAccessKeyID, sim.PartnerAccessKeySecret)
	d.waitText("acct …0001")
	d.rowID(id)
	d.actionYes("Accept", "Accept the peering")
	d.tracked("AcceptVpcPeerConnection")
	d.settled(id, "Activated")

	d.refusedAction(id, "Reject", "only a connection waiting in Accepting", "rejecting an Activated peering")

	d.renamed(id, "to-partner", "to-partner2", "ModifyVpcPeerConnection")

	d.deleteRow(id)
}

func TestPeerCrossRegionFieldsOnlyAcrossRegions(t *testing.T) {
	d := consoleOn(t, "peer")
	p := d.openForm("c")
	d.choose("Requesting VPC", "prod-core")
	d.field("Accepting account ID", "12ab")
	d.waitText("is not an Alibaba Cloud account ID")
	m := p.m.(*forms.PeerCreate)
	d.keys("backspace", "backspace", "backspace", "backspace")
	d.typeText("1688000000000009")
	d.keys("enter")
	d.choose("Accepting region", "cn-shanghai")
	d.field("Accepting VPC ID", "vpc-uf6abc")
	// cn-hangzhou → cn-shanghai: the cross-region group appears.
	d.waitFocus("Bandwidth (Mbit/s)")
	d.typeText("0")
	d.waitText("greater than 0")
	m.Bandwidth = ""
	if !m.Cross(p.fc) {
		t.Fatal("a peering to another region is cross-region")
	}
	m.AcceptRegion = "cn-hangzhou"
	if err := m.Check(p.fc); err != nil {
		t.Fatalf("same-region peering: %v", err)
	}
}

package sim_test

import (
	"context"
	"strconv"
	"testing"
	"time"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// alivpc's own client learns the account with both signature versions,
// with a plain and an STS key.
func TestOwnClientCallerIdentity(t *testing.T) {
	clock := sim.NewManualClock(time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC))
	hs, srv := newServer(t, sim.Options{Clock: clock, Seed: 3, Now: clock.Now})
	want := strconv.FormatInt(sim.AccountUID, 10)
	for _, sig := range []client.SignatureVersion{client.SignatureV1, client.SignatureV3} {
		for _, sts := range []bool{false, true} {
			c := newClient(t, hs.URL, func(cfg *client.Config) {
				cfg.Signature, cfg.Now = sig, clock.Now
				if sts {
					cfg.Credentials = client.StaticCredentials(sim.DefaultSTSAccessKeyID, sim.DefaultSTSAccessKeySecret, sim.DefaultSecurityToken)
				}
			})
			id, err := c.GetCallerIdentity(context.Background())
			if err != nil || id.AccountId != want {
				t.Fatalf("%s sts=%v: %v %+v, want account %s", sig, sts, err, id, want)
			}
		}
	}
	if n := srv.Counts()["GetCallerIdentity"]; n != 4 {
		t.Fatalf("the simulator counted %d GetCallerIdentity calls, want 4", n)
	}
}

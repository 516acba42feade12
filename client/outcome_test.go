package client

import (
	"context"
	"net/http"
	"strings"
	"sync/atomic"
	"testing"

	"github.com/alivpc/alivpc/model"
)

type vpcOut struct {
	VpcId string `json:"VpcId"`
}

type vpcIn struct {
	VpcName     string `param:"VpcName"`
	CidrBlock   string `param:"CidrBlock"`
	ClientToken string `param:"ClientToken"`
}

// dropConn closes the connection without an answer.
func dropConn(w http.ResponseWriter) {
	hj, _ := w.(http.Hijacker)
	conn, _, _ := hj.Hijack()
	conn.Close()
}

// The first attempt is applied but its answer is lost; every retry is
// throttled. The write must not read as "Throttling.User" (rejected before
// it was processed): its outcome is unknown, with every attempt's code and
// RequestId.
func TestAppliedThenThrottledWriteIsOutcomeUnknown(t *testing.T) {
	var n, applied int32
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		k := atomic.AddInt32(&n, 1)
		if k == 1 {
			atomic.AddInt32(&applied, 1)
			dropConn(w)
			return true
		}
		writeJSON(w, 400, map[string]string{"RequestId": "RID-THR-" + string(rune('0'+k)), "Code": "Throttling.User", "Message": "Request was denied due to user flow control."})
		return true
	})
	c := testClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 4 })
	_, err := Invoke[vpcOut](context.Background(), c, model.ProductVPC, "CreateVpc", "cn-hangzhou", &vpcIn{VpcName: "a", CidrBlock: "10.0.0.0/16"})
	if atomic.LoadInt32(&applied) != 1 || err == nil {
		t.Fatalf("applied %d, err %v", applied, err)
	}
	if !OutcomeUnknown(err) {
		t.Fatalf("an applied-then-throttled write reads as %v, want outcome unknown", err)
	}
	if ErrorCode(err) == "Throttling.User" {
		t.Error("the last attempt's throttle must not be the write's code")
	}
	if _, _, ok := FailedCall(err); !ok {
		t.Error("an unknown outcome must keep what was sent (CallError)")
	}
	at := Attempts(err)
	if len(at) != 4 || at[0].Code != "no answer" || at[1].Code != "Throttling.User" || at[3].RequestID != "RID-THR-4" {
		t.Errorf("attempts %+v: want the lost answer then three throttles with their RequestIds", at)
	}
	msg := err.Error()
	for _, want := range []string{"CreateVpc: outcome unknown: an attempt may have been applied", "no answer, Throttling.User ×3", "RID-THR-2, RID-THR-3, RID-THR-4"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q should say %q", msg, want)
		}
	}
	if RequestID(err) != "RID-THR-4" {
		t.Errorf("RequestID = %q, want the last one", RequestID(err))
	}
}

// Rejected writes stay what the API said: every attempt was throttled, or
// the API refused the values; a connection refused before sending changes
// nothing either.
func TestRejectedWritesAreNotOutcomeUnknown(t *testing.T) {
	for _, c := range []struct {
		name   string
		status int
		code   string
	}{{"throttled", 400, "Throttling.User"}, {"invalid", 400, "InvalidCidrBlock.Malformed"}, {"unavailable", 503, "ServiceUnavailable"}} {
		t.Run(c.name, func(t *testing.T) {
			f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
				writeJSON(w, c.status, map[string]string{"RequestId": "RID-R", "Code": c.code, "Message": "no"})
				return true
			})
			cl := testClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 3 })
			_, err := Invoke[vpcOut](context.Background(), cl, model.ProductVPC, "CreateVpc", "cn-hangzhou", &vpcIn{VpcName: "a"})
			if OutcomeUnknown(err) || ErrorCode(err) != c.code {
				t.Errorf("got %v, want rejected with %s", err, c.code)
			}
		})
	}
	// 500 InternalError: the server may have applied it.
	f := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, action string, p map[string]string) bool {
		writeJSON(w, 500, map[string]string{"RequestId": "RID-500", "Code": "InternalError", "Message": "oops"})
		return true
	})
	cl := testClient(t, f, func(cfg *Config) { cfg.MaxAttempts = 2 })
	_, err := Invoke[vpcOut](context.Background(), cl, model.ProductVPC, "CreateVpc", "cn-hangzhou", &vpcIn{VpcName: "a"})
	if !OutcomeUnknown(err) {
		t.Errorf("an InternalError answer leaves the outcome unknown: %v", err)
	}
	// A read never has an unknown outcome.
	_, err = cl.Do(context.Background(), Request{Action: "DescribeVpcs", Params: map[string]string{}})
	if OutcomeUnknown(err) || ErrorCode(err) != "InternalError" {
		t.Errorf("a read: %v", err)
	}
}

// tokenAPI is a client of an API that answers every call and records the
// ClientToken each one carried (tokens returns them in order).
func tokenAPI(t *testing.T) (c *Client, tokens func() []string) {
	f, calls := recordingAPI(t, func(string, map[string]string) map[string]any { return map[string]any{"VpcId": "vpc-1"} })
	return testClient(t, f, nil), func() []string {
		var got []string
		for _, s := range calls() {
			got = append(got, s.params["ClientToken"])
		}
		return got
	}
}

// With a salt, the ClientToken follows the parameters: the same values get
// the same token, a changed value another, and the caller sees it.
func TestSaltedClientTokenFollowsTheParameters(t *testing.T) {
	c, tokens := tokenAPI(t)
	ctx := WithTokenSalt(context.Background(), "alivpc-salt-1")
	send := func(name string) string {
		in := &vpcIn{VpcName: name, CidrBlock: "10.0.0.0/16", ClientToken: "alivpc-salt-1"}
		if _, err := Invoke[vpcOut](ctx, c, model.ProductVPC, "CreateVpc", "cn-hangzhou", in); err != nil {
			t.Fatal(err)
		}
		return in.ClientToken
	}
	a1, b, a2 := send("drop-1"), send("drop-2"), send("drop-1")
	got := tokens()
	if a1 != a2 || a1 == b || got[0] != a1 || got[1] != b || got[2] != a2 {
		t.Errorf("tokens sent %q (seen by caller %q %q %q): same values must share one, changed values get another", got, a1, b, a2)
	}
	if len(a1) > 64 || a1 == "alivpc-salt-1" {
		t.Errorf("token %q: at most 64 ASCII characters, derived from the salt", a1)
	}
	other := ClientTokenFor("alivpc-salt-2", map[string]string{"VpcName": "drop-1", "CidrBlock": "10.0.0.0/16", "RegionId": "cn-hangzhou"})
	if other == a1 {
		t.Error("another form's salt must give another token")
	}
}

// With a salt, the one token a write carries is the derived one: no random
// token is drawn first. Without a salt, an empty token is drawn once.
func TestSaltedWriteDrawsNoRandomToken(t *testing.T) {
	c, tokens := tokenAPI(t)
	draws := 0
	defer func(orig func() string) { newClientToken = orig }(newClientToken)
	newClientToken = func() string { draws++; return NewClientToken() }

	in := &vpcIn{VpcName: "drop-1", CidrBlock: "10.0.0.0/16"}
	if _, err := Invoke[vpcOut](WithTokenSalt(context.Background(), "alivpc-salt-1"), c, model.ProductVPC, "CreateVpc", "cn-hangzhou", in); err != nil {
		t.Fatal(err)
	}
	if draws != 0 {
		t.Errorf("a salted write drew %d random token(s), want none", draws)
	}
	want := ClientTokenFor("alivpc-salt-1", map[string]string{"VpcName": "drop-1", "CidrBlock": "10.0.0.0/16"})
	if sent := tokens(); len(sent) != 1 || sent[0] != want || in.ClientToken != want {
		t.Errorf("sent %q, the input holds %q; want the derived %q", sent, in.ClientToken, want)
	}

	plain := &vpcIn{VpcName: "drop-2", CidrBlock: "10.0.0.0/16"}
	if _, err := Invoke[vpcOut](context.Background(), c, model.ProductVPC, "CreateVpc", "cn-hangzhou", plain); err != nil {
		t.Fatal(err)
	}
	if sent := tokens(); draws != 1 || len(sent) != 2 || sent[1] == "" || sent[1] != plain.ClientToken {
		t.Errorf("without a salt: %d draws, sent %q, input holds %q; want one drawn token, sent and kept", draws, sent, plain.ClientToken)
	}
}

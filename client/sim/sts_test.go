package sim

import (
	"encoding/json"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/aliyun/alibaba-cloud-sdk-go/services/sts"

	"github.com/alivpc/alivpc/model"
)

// The official SDK's STS client, unmodified, asks the simulator who its
// keys act for: the plain key is the account that owns the seeded
// resources, the STS key a role assumed in that account, the partner key
// the demo's other account.
func TestCallerIdentityOfficialSDK(t *testing.T) {
	h, ts := newSDKHarness(t)
	host := strings.TrimPrefix(ts.URL, "http://")
	owner := strconv.FormatInt(AccountUID, 10)
	for _, tc := range []struct {
		name, id, secret, token string
		account, typ, arn       string
	}{
		{"access key", DefaultAccessKeyID, DefaultAccessKeySecret, "", owner, "Account", "acs:ram::" + owner + ":root"},
		{"sts", DefaultSTSAccessKeyID, DefaultSTSAccessKeySecret, DefaultSecurityToken, owner, "AssumedRoleUser",
			"acs:ram::" + owner + ":assumed-role/alivpc-sim-role/alivpc-sim"},
		{"partner", PartnerAccessKeyID, PartnerAccessKeySecret, "", strconv.FormatInt(PartnerAccountUID, 10), "Account",
			"acs:ram::" + strconv.FormatInt(PartnerAccountUID, 10) + ":root"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var c *sts.Client
			var err error
			if tc.token != "" {
				c, err = sts.NewClientWithStsToken(hz, tc.id, tc.secret, tc.token)
			} else {
				c, err = sts.NewClientWithAccessKey(hz, tc.id, tc.secret)
			}
			if err != nil {
				t.Fatal(err)
			}
			c.Domain = host
			resp, err := c.GetCallerIdentity(sts.CreateGetCallerIdentityRequest())
			if err != nil {
				t.Fatalf("GetCallerIdentity: %v", err)
			}
			if resp.AccountId != tc.account || resp.IdentityType != tc.typ || resp.Arn != tc.arn || resp.RequestId == "" {
				t.Fatalf("got %+v, want account %s, %s, %s", resp, tc.account, tc.typ, tc.arn)
			}
			if tc.typ == "AssumedRoleUser" && (resp.RoleId == "" || !strings.HasPrefix(resp.PrincipalId, resp.RoleId+":")) {
				t.Errorf("an assumed role names its RoleId and session: %+v", resp)
			}
		})
	}
	// The account STS reports is the OwnerId the VPC API puts on resources.
	vp := h.edgeOn(model.ProductVpcPeer).at(time.Now())
	var list struct {
		VpcPeerConnects []struct{ OwnerId json.Number }
	}
	if err := json.Unmarshal(vp.ok("ListVpcPeerConnections", kv("RegionId", hz)).Raw, &list); err != nil || len(list.VpcPeerConnects) == 0 {
		t.Fatalf("no peer connections to compare with: %v", err)
	}
	for _, p := range list.VpcPeerConnects {
		if p.OwnerId.String() != owner {
			t.Errorf("a seeded connection's OwnerId is %s, STS says the account is %s", p.OwnerId, owner)
		}
	}
}

// A peering requested with the partner account's key belongs to the
// partner (OwnerId), and the demo account — its accepter — may accept it.
func TestPeerRequestedByThePartner(t *testing.T) {
	h := newHarness(t, Options{})
	a, _ := h.twoVpcs()
	partner := h.partnerOn(model.ProductVpcPeer)
	id := partner.ok("CreateVpcPeerConnection", peerParams(a, "vpc-elsewhere1", "AcceptingAliUid", strconv.FormatInt(AccountUID, 10))).str("InstanceId")
	h.settle()
	vp := h.edgeOn(model.ProductVpcPeer)
	var got struct {
		Status  string
		OwnerId json.Number
	}
	if err := json.Unmarshal(vp.peer(id).Raw, &got); err != nil {
		t.Fatal(err)
	}
	if got.Status != "Accepting" {
		t.Fatalf("a request from another account waits in Accepting, got %s", got.Status)
	}
	if got.OwnerId.String() != strconv.FormatInt(PartnerAccountUID, 10) {
		t.Fatalf("OwnerId %s, want the partner's account", got.OwnerId)
	}
	partner.fails("AcceptVpcPeerConnection", kv("InstanceId", id), 403, "Forbidden.NotAcceptingAccount")
	vp.ok("AcceptVpcPeerConnection", kv("InstanceId", id))
}

package client

import (
	"context"
	"errors"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// CallerIdentity is STS 2015-04-01 GetCallerIdentity's answer: who the
// credentials belong to. Every identity may call it; no RAM permission is
// needed.
type CallerIdentity struct {
	RequestId    string `json:"RequestId"`
	AccountId    string `json:"AccountId"`    // the main account (AliUid)
	UserId       string `json:"UserId"`       // the RAM user, or the account itself
	Arn          string `json:"Arn"`          // acs:ram::<account>:root | user/<name> | assumed-role/<role>/<session>
	IdentityType string `json:"IdentityType"` // Account | RAMUser | AssumedRoleUser
	PrincipalId  string `json:"PrincipalId"`
	RoleId       string `json:"RoleId"` // AssumedRoleUser only
}

// GetCallerIdentity asks STS which account the credentials act for. It goes
// to sts.<region>.aliyuncs.com (or --endpoint), signed like every other
// call; it sends no RegionId because the API takes none.
func (c *Client) GetCallerIdentity(ctx context.Context) (*CallerIdentity, error) {
	resp, err := c.Do(ctx, Request{Product: model.ProductSts, Action: "GetCallerIdentity", NoRegionParam: true, Params: map[string]string{}})
	if err != nil {
		return nil, err
	}
	out := new(CallerIdentity)
	if err := resp.Decode("GetCallerIdentity", out); err != nil {
		return nil, err
	}
	out.AccountId = strings.TrimSpace(out.AccountId)
	if out.AccountId == "" {
		return nil, &MalformedResponseError{Action: "GetCallerIdentity", RequestID: resp.RequestID, Err: errors.New("no AccountId"), Snippet: snippet(resp.Body)}
	}
	return out, nil
}

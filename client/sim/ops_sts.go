package sim

import (
	"strconv"

	"github.com/alivpc/alivpc/model"
)

// STS 2015-04-01 GetCallerIdentity: who the signing key acts for. A plain
// AccessKey is the account itself (IdentityType Account, Arn …:root); an STS
// key is an assumed role (AssumedRoleUser). AccountId is the key's account
// (Key.AccountID, default AccountUID, the OwnerId of every seeded resource).

func addSts(r *registry) {
	r.read(model.ProductSts, "GetCallerIdentity", callerIdentity)
}

// simRoleID is the RoleId of the sim's assumed role: an 18-digit number as
// RAM role IDs are.
const simRoleID = "300000000000000042"

func callerIdentity(c *call) (any, error) {
	acct := strconv.FormatInt(c.caller.account(), 10)
	if c.caller.SecurityToken != "" {
		role := c.caller.RoleName
		if role == "" {
			role = "alivpc-sim-role"
		}
		const session = "alivpc-sim"
		return M{"IdentityType": "AssumedRoleUser", "AccountId": acct, "UserId": simRoleID, "RoleId": simRoleID,
			"PrincipalId": simRoleID + ":" + session, "Arn": "acs:ram::" + acct + ":assumed-role/" + role + "/" + session}, nil
	}
	return M{"IdentityType": "Account", "AccountId": acct, "UserId": acct, "PrincipalId": acct,
		"Arn": "acs:ram::" + acct + ":root"}, nil
}

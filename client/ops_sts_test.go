package client

import (
	"testing"

	"github.com/alivpc/alivpc/model"
)

// GetCallerIdentity goes where the official SDK sends STS calls.
func TestStsEndpoints(t *testing.T) {
	for _, tc := range []struct{ network, region, want string }{
		{"", "cn-shanghai", "https://sts.cn-shanghai.aliyuncs.com/"},
		{"", "cn-hangzhou", "https://sts.cn-hangzhou.aliyuncs.com/"},
		{"", "cn-wuhan", "https://sts.aliyuncs.com/"},
		{"vpc", "cn-shanghai", "https://sts-vpc.cn-shanghai.aliyuncs.com/"},
	} {
		u, err := Endpoints{Network: tc.network}.URL(model.ProductSts, tc.region)
		if err != nil || u.String() != tc.want {
			t.Errorf("%s %q: %v %v, want %s", tc.region, tc.network, u, err, tc.want)
		}
	}
	if model.ProductSts.Version() != "2015-04-01" || model.ProductSts.Code() != "Sts" {
		t.Errorf("STS is %s %s", model.ProductSts.Code(), model.ProductSts.Version())
	}
}

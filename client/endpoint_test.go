package client

import (
	"strings"
	"testing"

	"github.com/alivpc/alivpc/model"
)

func TestEndpointURL(t *testing.T) {
	cases := []struct {
		name     string
		e        Endpoints
		product  model.Product
		region   string
		want     string
		wantErrs []string // substrings of the error; nil means success
	}{
		{"vpc regional", Endpoints{}, model.ProductVPC, "cn-shanghai", "https://vpc.cn-shanghai.aliyuncs.com/", nil},
		{"vpc public spelled out", Endpoints{Network: "public"}, model.ProductVPC, "eu-central-1", "https://vpc.eu-central-1.aliyuncs.com/", nil},
		{"vpc hangzhou is central", Endpoints{}, model.ProductVPC, "cn-hangzhou", "https://vpc.aliyuncs.com/", nil},
		{"vpc finance is central", Endpoints{}, model.ProductVPC, "cn-shanghai-finance-1", "https://vpc.aliyuncs.com/", nil},
		{"vpc gov is central", Endpoints{}, model.ProductVPC, "cn-north-2-gov-1", "https://vpc.aliyuncs.com/", nil},
		{"vpc mapped elsewhere", Endpoints{}, model.ProductVPC, "cn-zhangjiakou-na62-a01", "https://vpc.cn-zhangjiakou.aliyuncs.com/", nil},
		{"vpc network vpc", Endpoints{Network: "vpc"}, model.ProductVPC, "cn-shanghai", "https://vpc-vpc.cn-shanghai.aliyuncs.com/", nil},
		{"vpc network vpc ignores the central map", Endpoints{Network: "VPC"}, model.ProductVPC, "cn-hangzhou", "https://vpc-vpc.cn-hangzhou.aliyuncs.com/", nil},
		{"vpcpeer central", Endpoints{}, model.ProductVpcPeer, "ap-southeast-1", "https://vpcpeer.aliyuncs.com/", nil},
		{"vpcpeer needs no region", Endpoints{}, model.ProductVpcPeer, "", "https://vpcpeer.aliyuncs.com/", nil},
		{"smartag regional", Endpoints{}, model.ProductSmartag, "cn-hangzhou", "https://smartag.cn-hangzhou.aliyuncs.com/", nil},
		{"smartag vpc", Endpoints{Network: "vpc"}, model.ProductSmartag, "cn-shanghai", "https://smartag-vpc.cn-shanghai.aliyuncs.com/", nil},

		{"override http simulator", Endpoints{Override: "http://127.0.0.1:8080"}, model.ProductVPC, "cn-hangzhou", "http://127.0.0.1:8080/", nil},
		{"override applies to every product", Endpoints{Override: "http://127.0.0.1:8080/"}, model.ProductVpcPeer, "", "http://127.0.0.1:8080/", nil},
		{"override beats network", Endpoints{Override: "https://vpc.example.test", Network: "vpc"}, model.ProductSmartag, "x", "https://vpc.example.test/", nil},
		{"override bare host:port gets https", Endpoints{Override: "127.0.0.1:8443"}, model.ProductVPC, "", "https://127.0.0.1:8443/", nil},
		{"override bare host", Endpoints{Override: " vpc.cn-beijing.aliyuncs.com "}, model.ProductVPC, "", "https://vpc.cn-beijing.aliyuncs.com/", nil},
		{"override localhost:port", Endpoints{Override: "localhost:9000"}, model.ProductVPC, "", "https://localhost:9000/", nil},
		{"override upper-case scheme", Endpoints{Override: "HTTP://[::1]:8080"}, model.ProductVPC, "", "http://[::1]:8080/", nil},

		{"no region", Endpoints{}, model.ProductVPC, "", "", []string{"no region", "--region"}},
		{"bad region", Endpoints{}, model.ProductVPC, "cn-hangzhou.evil.com/x", "", []string{"not a region ID"}},
		{"upper-case region", Endpoints{}, model.ProductSmartag, "CN-HANGZHOU", "", []string{"not a region ID"}},
		{"bad network", Endpoints{Network: "internal"}, model.ProductVPC, "cn-hangzhou", "", []string{`"internal"`, "public", "vpc"}},
		{"unknown product", Endpoints{}, model.Product("ecs"), "cn-hangzhou", "", []string{`"ecs"`}},
		{"override ftp", Endpoints{Override: "ftp://127.0.0.1:21"}, model.ProductVPC, "", "", []string{"ftp", "http and https"}},
		{"override no host", Endpoints{Override: "http://"}, model.ProductVPC, "", "", []string{"no host"}},
		{"override path", Endpoints{Override: "http://127.0.0.1:8080/api"}, model.ProductVPC, "", "", []string{"path"}},
		{"override query", Endpoints{Override: "http://127.0.0.1:8080/?a=b"}, model.ProductVPC, "", "", []string{"query"}},
		{"override userinfo", Endpoints{Override: "http://u:p@127.0.0.1:8080"}, model.ProductVPC, "", "", []string{"user name"}},
		{"override bad port", Endpoints{Override: "http://127.0.0.1:99999"}, model.ProductVPC, "", "", []string{"port"}},
		{"override empty port", Endpoints{Override: "http://127.0.0.1:"}, model.ProductVPC, "", "", []string{"port"}},
		{"override letters port", Endpoints{Override: "127.0.0.1:http"}, model.ProductVPC, "", "", []string{"not a valid URL"}},
		{"override space in host", Endpoints{Override: "http://bad host"}, model.ProductVPC, "", "", []string{"not a valid URL"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := tc.e.URL(tc.product, tc.region)
			if tc.wantErrs != nil {
				if err == nil {
					t.Fatalf("got %s, want an error", u)
				}
				for _, w := range tc.wantErrs {
					if !strings.Contains(err.Error(), w) {
						t.Errorf("error %q lacks %q", err, w)
					}
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error: %v", err)
			}
			if u.String() != tc.want {
				t.Fatalf("got %s, want %s", u, tc.want)
			}
		})
	}
}

// Each call hands out its own URL, so a caller adding a query cannot change
// what the next call sees.
func TestEndpointURLIsFresh(t *testing.T) {
	e := Endpoints{Override: "http://127.0.0.1:8080"}
	a, err := e.URL(model.ProductVPC, "")
	if err != nil {
		t.Fatal(err)
	}
	a.RawQuery = "Action=X"
	a.Host = "changed"
	b, _ := e.URL(model.ProductVPC, "")
	if b.String() != "http://127.0.0.1:8080/" {
		t.Fatalf("second URL was affected: %s", b)
	}
}

// Every product alivpc knows has an endpoint in every region shape.
func TestEveryProductHasEndpoint(t *testing.T) {
	for _, p := range model.Products() {
		for _, network := range []string{"", "vpc"} {
			if _, err := (Endpoints{Network: network}).URL(p, "ap-southeast-1"); err != nil {
				t.Errorf("%s/%q: %v", p, network, err)
			}
		}
	}
}

func TestCheckRegionID(t *testing.T) {
	for _, ok := range []string{"cn-hangzhou", "us-west-1", "cn-shanghai-finance-1", "eu-west-1-oxs", "me-central-1"} {
		if err := CheckRegionID(ok); err != nil {
			t.Errorf("%q: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "-cn", "cn-", "cn--x", "cn_hangzhou", "cn.hangzhou", "CN", "cn hangzhou", "中国", strings.Repeat("a", 65)} {
		if err := CheckRegionID(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}

package client

import (
	"errors"
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"

	"github.com/alivpc/alivpc/model"
)

// Endpoints decides which host each product's calls go to.
type Endpoints struct {
	// Override is the --endpoint URL, e.g. http://127.0.0.1:8080 for the
	// simulator; it applies to every product. A bare host[:port] means https.
	Override string
	// Network is "" or "public" for the public endpoints, "vpc" for the
	// VPC-internal ones (reachable only from inside Alibaba Cloud).
	Network string
}

// productEndpoint says how the official SDKs build a product's host.
type productEndpoint struct {
	code    string // the host's first label
	central bool   // one endpoint for every region
	// regionMap overrides the regional rule for some public regions; it is
	// the product's EndpointMap in the Go SDK v1 (services/<product>/endpoint.go).
	regionMap map[string]string
}

// vpcRegionMap is services/vpc/endpoint.go of alibaba-cloud-sdk-go v1.63.107:
// cn-hangzhou and a set of finance, gov and internal regions do not follow
// vpc.<region>.aliyuncs.com.
var vpcRegionMap = map[string]string{
	"cn-hangzhou":                 "vpc.aliyuncs.com",
	"cn-beijing-gov-1":            "vpc.aliyuncs.com",
	"cn-north-2-gov-1":            "vpc.aliyuncs.com",
	"cn-hangzhou-finance":         "vpc.aliyuncs.com",
	"cn-shanghai-finance-1":       "vpc.aliyuncs.com",
	"cn-shenzhen-finance-1":       "vpc.aliyuncs.com",
	"cn-beijing-finance-pop":      "vpc.aliyuncs.com",
	"cn-hongkong-finance-pop":     "vpc.aliyuncs.com",
	"cn-shanghai-inner":           "vpc.aliyuncs.com",
	"cn-shenzhen-inner":           "vpc.aliyuncs.com",
	"cn-hangzhou-internal-prod-1": "vpc.aliyuncs.com",
	"cn-hangzhou-bj-b01":          "vpc.aliyuncs.com",
	"cn-shenzhen-su18-b01":        "vpc.aliyuncs.com",
	"cn-shenzhen-st4-d01":         "vpc.aliyuncs.com",
	"cn-haidian-cm12-c01":         "vpc.aliyuncs.com",
	"cn-shanghai-et2-b01":         "vpc.aliyuncs.com",
	"cn-beijing-nu16-b01":         "vpc.aliyuncs.com",
	"cn-zhangbei-na61-b01":        "vpc.aliyuncs.com",
	"cn-zhangbei":                 "vpc.aliyuncs.com",
	"cn-yushanfang":               "vpc.aliyuncs.com",
	"cn-wuhan":                    "vpc.aliyuncs.com",
	"cn-fujian":                   "vpc.aliyuncs.com",
	"rus-west-1-pop":              "vpc.aliyuncs.com",
	"ap-northeast-2-pop":          "vpc.aliyuncs.com",
	"cn-zhangjiakou-na62-a01":     "vpc.cn-zhangjiakou.aliyuncs.com",
	"cn-qingdao-nebula":           "vpc-nebula.cn-qingdao-nebula.aliyuncs.com",
	"cn-zhengzhou-nebula-1":       "vpc-nebula.cn-qingdao-nebula.aliyuncs.com",
	"cn-huhehaote-nebula-1":       "vpc-nebula.cn-qingdao-nebula.aliyuncs.com",
	"cn-edge-1":                   "vpc-nebula.cn-qingdao-nebula.aliyuncs.com",
	"eu-west-1-oxs":               "vpc-nebula.cn-shenzhen-cloudstone.aliyuncs.com",
	"cn-shanghai-internal-test-1": "vpc-pre.cn-hangzhou.aliyuncs.com",
	"cn-hangzhou-internal-test-1": "vpc-pre.cn-hangzhou.aliyuncs.com",
	"cn-hangzhou-internal-test-2": "vpc-inner-pre.cn-hangzhou.aliyuncs.com",
	"cn-hangzhou-internal-test-3": "vpc-pre.cn-hangzhou.aliyuncs.com",
	"cn-hangzhou-test-306":        "vpc-pre.cn-hangzhou.aliyuncs.com",
	"cn-shanghai-et15-b01":        "vpc-pre.cn-hangzhou.aliyuncs.com",
}

// stsRegionMap is services/sts/endpoint.go of alibaba-cloud-sdk-go v1.63.107:
// these regions do not follow sts.<region>.aliyuncs.com.
var stsRegionMap = map[string]string{
	"cn-shanghai-internal-test-1": "sts.aliyuncs.com",
	"cn-beijing-gov-1":            "sts.aliyuncs.com",
	"cn-shenzhen-su18-b01":        "sts.aliyuncs.com",
	"cn-shanghai-inner":           "sts.aliyuncs.com",
	"cn-shenzhen-st4-d01":         "sts.aliyuncs.com",
	"cn-haidian-cm12-c01":         "sts.aliyuncs.com",
	"cn-hangzhou-internal-prod-1": "sts.aliyuncs.com",
	"cn-north-2-gov-1":            "sts-vpc.cn-north-2-gov-1.aliyuncs.com",
	"cn-yushanfang":               "sts.aliyuncs.com",
	"cn-hongkong-finance-pop":     "sts.aliyuncs.com",
	"cn-qingdao-nebula":           "sts.aliyuncs.com",
	"cn-beijing-finance-pop":      "sts.aliyuncs.com",
	"cn-wuhan":                    "sts.aliyuncs.com",
	"cn-zhangbei":                 "sts.aliyuncs.com",
	"cn-zhengzhou-nebula-1":       "sts.aliyuncs.com",
	"rus-west-1-pop":              "sts.aliyuncs.com",
	"cn-shanghai-et15-b01":        "sts.aliyuncs.com",
	"cn-hangzhou-bj-b01":          "sts.aliyuncs.com",
	"cn-hangzhou-internal-test-1": "sts.aliyuncs.com",
	"eu-west-1-oxs":               "sts.aliyuncs.com",
	"cn-zhangbei-na61-b01":        "sts.aliyuncs.com",
	"cn-beijing-finance-1":        "sts.aliyuncs.com",
	"cn-hangzhou-internal-test-3": "sts.aliyuncs.com",
	"cn-hangzhou-internal-test-2": "sts.aliyuncs.com",
	"cn-shenzhen-finance-1":       "sts-vpc.cn-shenzhen-finance-1.aliyuncs.com",
	"cn-hangzhou-test-306":        "sts.aliyuncs.com",
	"cn-huhehaote-nebula-1":       "sts.aliyuncs.com",
	"cn-shanghai-et2-b01":         "sts.aliyuncs.com",
	"cn-hangzhou-finance":         "sts.aliyuncs.com",
	"cn-beijing-nu16-b01":         "sts.aliyuncs.com",
	"cn-edge-1":                   "sts.aliyuncs.com",
	"cn-fujian":                   "sts.aliyuncs.com",
	"ap-northeast-2-pop":          "sts.aliyuncs.com",
	"cn-shenzhen-inner":           "sts.aliyuncs.com",
	"cn-zhangjiakou-na62-a01":     "sts.aliyuncs.com",
}

// endpointFor describes each product. VpcPeer is central in every SDK
// (EndpointType "central"); Smartag is regional with no exceptions.
func endpointFor(p model.Product) (productEndpoint, bool) {
	switch p {
	case model.ProductVPC:
		return productEndpoint{code: "vpc", regionMap: vpcRegionMap}, true
	case model.ProductVpcPeer:
		return productEndpoint{code: "vpcpeer", central: true}, true
	case model.ProductSmartag:
		return productEndpoint{code: "smartag"}, true
	case model.ProductSts:
		// Regional in the Go SDK v1 (services/sts/endpoint.go); the map
		// sends a few special regions to the central sts.aliyuncs.com.
		return productEndpoint{code: "sts", regionMap: stsRegionMap}, true
	}
	return productEndpoint{}, false
}

// URL returns the base URL (scheme and host, path "/") for calls to p in
// region. Every call returns a fresh value the caller may modify.
func (e Endpoints) URL(p model.Product, region string) (*url.URL, error) {
	if strings.TrimSpace(e.Override) != "" {
		return ParseEndpoint(e.Override)
	}
	pe, ok := endpointFor(p)
	if !ok {
		return nil, fmt.Errorf("no endpoint known for product %q", string(p))
	}
	network, err := parseNetwork(e.Network)
	if err != nil {
		return nil, err
	}
	host, err := pe.host(region, network)
	if err != nil {
		return nil, err
	}
	return &url.URL{Scheme: "https", Host: host, Path: "/"}, nil
}

// host follows the SDK rule <code>[-<network>].[<region>.]aliyuncs.com; the
// region map applies only to the public network, as in the Go SDK v1.
func (pe productEndpoint) host(region, network string) (string, error) {
	suffix := ""
	if network != "" {
		suffix = "-" + network
	}
	if pe.central {
		return pe.code + suffix + ".aliyuncs.com", nil
	}
	if region == "" {
		return "", fmt.Errorf("no region given for %s: pass --region or set ALIBABA_CLOUD_REGION_ID", pe.code)
	}
	if err := CheckRegionID(region); err != nil {
		return "", err
	}
	if network == "" {
		if h, ok := pe.regionMap[region]; ok {
			return h, nil
		}
	}
	return pe.code + suffix + "." + region + ".aliyuncs.com", nil
}

// parseNetwork maps the --network flag to the SDK's endpoint suffix.
func parseNetwork(n string) (string, error) {
	switch strings.ToLower(strings.TrimSpace(n)) {
	case "", "public":
		return "", nil
	case "vpc":
		return "vpc", nil
	}
	return "", fmt.Errorf("unknown endpoint network %q: use \"public\" or \"vpc\"", n)
}

// CheckRegionID rejects anything that is not shaped like a region ID
// (lowercase letters, digits and single hyphens, e.g. cn-hangzhou), so a
// typo cannot turn into a strange host name.
func CheckRegionID(region string) error {
	ok := region != "" && len(region) <= 64 && region[0] != '-' && region[len(region)-1] != '-' &&
		!strings.Contains(region, "--")
	for i := 0; ok && i < len(region); i++ {
		c := region[i]
		ok = 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-'
	}
	if !ok {
		return fmt.Errorf("%q is not a region ID: expected lowercase letters, digits and hyphens, e.g. cn-hangzhou", region)
	}
	return nil
}

// ParseEndpoint validates an --endpoint value: an http or https URL with a
// host and nothing after it but an optional "/", or a bare host[:port], which
// gets https://. Plain http is allowed for the simulator.
func ParseEndpoint(s string) (*url.URL, error) {
	raw := strings.TrimSpace(s)
	if raw == "" {
		return nil, fmt.Errorf("endpoint is empty: give a URL such as https://vpc.cn-shanghai.aliyuncs.com or http://127.0.0.1:8080")
	}
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	bad := func(why string) error {
		return fmt.Errorf("endpoint %q %s: give a URL such as https://vpc.cn-shanghai.aliyuncs.com or http://127.0.0.1:8080", s, why)
	}
	u, err := url.Parse(raw)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			return nil, bad("is not a valid URL (" + ue.Err.Error() + ")")
		}
		return nil, bad("is not a valid URL")
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https":
		u.Scheme = strings.ToLower(u.Scheme)
	default:
		return nil, bad("has scheme " + strconv.Quote(u.Scheme) + "; only http and https work")
	}
	switch {
	case u.Host == "" || u.Hostname() == "":
		return nil, bad("has no host")
	case u.User != nil:
		return nil, bad("must not carry a user name or password")
	case u.Path != "" && u.Path != "/":
		return nil, bad("has a path; OpenAPI calls go to the root, so give only scheme, host and port")
	case u.RawQuery != "" || u.ForceQuery || u.Fragment != "":
		return nil, bad("has a query or fragment")
	}
	if port := u.Port(); port != "" || strings.HasSuffix(u.Host, ":") {
		n, err := strconv.Atoi(port)
		if err != nil || n < 1 || n > 65535 {
			return nil, bad("has an invalid port")
		}
	}
	if h := u.Hostname(); strings.ContainsAny(h, " \t") || (strings.Contains(h, ":") && net.ParseIP(h) == nil) {
		return nil, bad("has an invalid host")
	}
	return &url.URL{Scheme: u.Scheme, Host: u.Host, Path: "/"}, nil
}

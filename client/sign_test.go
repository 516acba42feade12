package client

import (
	"strings"
	"testing"
)

// The official vectors from api-facts.md §1. Each one was reproduced by an
// independent implementation before it was written down there.

func TestSignV1OfficialVectors(t *testing.T) {
	base := func() map[string]string {
		return map[string]string{
			"AccessKeyId": "accessKeyId", "Action": "", "Format": "JSON", "RegionId": "regionId",
			"SignatureMethod": "HMAC-SHA1", "SignatureNonce": "MOCK_UUID", "SignatureType": "",
			"SignatureVersion": "1.0", "Timestamp": "mock date", "Version": "",
		}
	}
	// V1-a: alibaba-cloud-sdk-go TestRpcSignatureComposer.
	if got := SignV1("GET", base(), "accessKeySecret"); got != "7loPmFjvDnzOVnQeQNj85S6nFGY=" {
		t.Errorf("V1-a: got %s", got)
	}
	// V1-b: the same with an STS token, signed as a parameter.
	sts := base()
	sts["SecurityToken"] = "accessKeyStsToken"
	if got := SignV1("GET", sts, "accessKeySecret"); got != "5Nxdcler+ihqWqv0Hr2On4PsBf4=" {
		t.Errorf("V1-b: got %s", got)
	}
	// V1-c: openapi-util Test_GetRPCSignature, empty method.
	p := map[string]string{"test": "ok"}
	if s := StringToSignV1("", p); s != "&%2F&test%3Dok" {
		t.Errorf("V1-c string to sign: %q", s)
	}
	if got := SignV1("", p, "accessKeySecret"); got != "jHx/oHoHNrbVfhncHEvPdHXZwHU=" {
		t.Errorf("V1-c: got %s", got)
	}
	// V1-d: double encoding of a URL value.
	d := map[string]string{"key": "value", "q": "http://domain/?q=value&q2=value2"}
	want := "GET&%2F&key%3Dvalue%26q%3Dhttp%253A%252F%252Fdomain%252F%253Fq%253Dvalue%2526q2%253Dvalue2"
	if s := StringToSignV1("GET", d); s != want {
		t.Errorf("V1-d:\n got %s\nwant %s", s, want)
	}
	// Signature itself is never part of what is signed.
	d["Signature"] = "anything"
	if s := StringToSignV1("GET", d); s != want {
		t.Errorf("Signature leaked into the string to sign: %s", s)
	}
}

func TestSignV3OfficialVectors(t *testing.T) {
	// V3-a: openapi-util Test_GetAuthorization.
	a := V3Request{
		Method: "", Path: "",
		Query:       map[string]string{"test": "ok", "empty": ""},
		Headers:     map[string][]string{"x-acs-test": {"http"}, "x-acs-TEST": {"https"}},
		PayloadHash: "55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23",
	}
	canon, signed := CanonicalRequestV3(a)
	wantCanon := "\n/\nempty=&test=ok\nx-acs-test:http,https\n\nx-acs-test\n55e12e91650d2fec56ec74e1d3e4ddbfce2ef3a65890c2a19ecf88a307e76a23"
	if canon != wantCanon || signed != "x-acs-test" {
		t.Errorf("V3-a canonical request:\n got %q\nwant %q", canon, wantCanon)
	}
	want := "ACS3-HMAC-SHA256 Credential=acesskey,SignedHeaders=x-acs-test,Signature=4ab59fffe3c5738ff8a2729f90cc04fe18b02a4b15b2102cbaf92f9ff3df2ea3"
	if got := SignV3(a, "acesskey", "secret"); got != want {
		t.Errorf("V3-a:\n got %s\nwant %s", got, want)
	}

	doc := func(date, nonce string) V3Request {
		return V3Request{
			Method: "POST", Path: "/",
			Query: map[string]string{"ImageId": "win2019_1809_x64_dtc_zh-cn_40G_alibase_20230811.vhd", "RegionId": "cn-shanghai"},
			Headers: map[string][]string{
				"host":                  {"ecs.cn-shanghai.aliyuncs.com"},
				"x-acs-action":          {"RunInstances"},
				"x-acs-content-sha256":  {EmptyPayloadHash},
				"x-acs-date":            {date},
				"x-acs-signature-nonce": {nonce},
				"x-acs-version":         {"2014-05-26"},
				"user-agent":            {"not signed"},
			},
			PayloadHash: EmptyPayloadHash,
		}
	}
	// V3-b: the English V3 doc example.
	b := doc("2023-10-26T10:22:32Z", "3156853299f313e23d1673dc12e1703d")
	canon, _ = CanonicalRequestV3(b)
	if s := StringToSignV3(canon); s != "ACS3-HMAC-SHA256\n7ea06492da5221eba5297e897ce16e55f964061054b7695beedaac1145b1e259" {
		t.Errorf("V3-b hashed canonical request: %s", s)
	}
	if got := SignV3(b, "YourAccessKeyId", "YourAccessKeySecret"); !strings.HasSuffix(got, "Signature=06563a9e1b43f5dfe96b81484da74bceab24a1d853912eee15083a6f0f3283c0") {
		t.Errorf("V3-b: %s", got)
	}
	// V3-c: the Chinese V3 doc example.
	c := doc("2023-10-26T09:01:01Z", "d410180a5abf7fe235dd9b74aca91fc0")
	if got := SignV3(c, "YourAccessKeyId", "YourAccessKeySecret"); !strings.HasSuffix(got, "Signature=e521358f7776c97df52e6b2891a8bc73026794a071b50c3323388c4e0df64804") {
		t.Errorf("V3-c: %s", got)
	}
}

func TestPercentEncode(t *testing.T) {
	cases := map[string]string{
		"a b":   "a%20b",
		"*":     "%2A",
		"~":     "~",
		"/":     "%2F",
		"+":     "%2B",
		"=":     "%3D",
		"&":     "%26",
		"中":     "%E4%B8%AD",
		"-_.AZ": "-_.AZ",
		"":      "",
	}
	for in, want := range cases {
		if got := PercentEncode(in); got != want {
			t.Errorf("PercentEncode(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseAuthorizationV3(t *testing.T) {
	a, err := ParseAuthorizationV3("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host;x-acs-date,Signature=abc")
	if err != nil || a.AccessKeyID != "AK" || a.Signature != "abc" || len(a.SignedHeaders) != 2 || a.Algorithm != "ACS3-HMAC-SHA256" {
		t.Fatalf("parse: %+v %v", a, err)
	}
	for _, bad := range []string{"", "ACS3-HMAC-SHA256", "ACS3-HMAC-SHA256 Credential=AK", "ACS3-HMAC-SHA256 junk"} {
		if _, err := ParseAuthorizationV3(bad); err == nil {
			t.Errorf("ParseAuthorizationV3(%q) accepted a malformed header", bad)
		}
	}
}

package client

import (
	"math/rand/v2"
	"strings"
	"testing"

	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth"
	sdkcreds "github.com/aliyun/alibaba-cloud-sdk-go/sdk/auth/credentials"
	"github.com/aliyun/alibaba-cloud-sdk-go/sdk/requests"
)

// This file checks our v1 signer byte for byte against the official Go SDK
// (github.com/aliyun/alibaba-cloud-sdk-go, test-only). The SDK signs through
// its real exported path, auth.Sign on a CommonRequest, which adds its own
// Timestamp, SignatureNonce and so on; we then sign the parameters the SDK
// ended up with and compare the string to sign and the signature.

type sdkCase struct {
	method string
	query  map[string]string
	form   map[string]string
	ak     string
	secret string
	token  string // STS SecurityToken; "" for a plain AccessKey
}

type sdkResult struct {
	stringToSign string
	signature    string
	params       map[string]string // every signed parameter, Signature excluded
}

// signWithSDK signs c with the SDK and returns what it produced.
func signWithSDK(t testing.TB, c sdkCase) sdkResult {
	t.Helper()
	req := requests.NewCommonRequest()
	req.Method = c.method
	req.Product = "Vpc"
	req.Version = "2016-04-28"
	req.ApiName = "DescribeVpcs"
	for k, v := range c.query {
		req.QueryParams[k] = v
	}
	for k, v := range c.form {
		req.FormParams[k] = v
	}
	req.TransToAcsRequest()
	var provider sdkcreds.CredentialsProvider = sdkcreds.NewStaticAKCredentialsProvider(c.ak, c.secret)
	if c.token != "" {
		provider = sdkcreds.NewStaticSTSCredentialsProvider(c.ak, c.secret, c.token)
	}
	// The signer argument is unused for RPC requests; the provider is what counts.
	if err := auth.Sign(req, nil, "cn-hangzhou", provider); err != nil {
		t.Fatalf("SDK auth.Sign: %v", err)
	}
	params := map[string]string{}
	for k, v := range req.GetQueryParams() {
		params[k] = v
	}
	// The SDK signs query ∪ form with the form value winning on a clash.
	for k, v := range req.GetFormParams() {
		params[k] = v
	}
	sig := params["Signature"]
	delete(params, "Signature")
	return sdkResult{stringToSign: req.GetStringToSign(), signature: sig, params: params}
}

// compareWithSDK fails t if our string to sign or signature differ from the
// SDK's for c. Messages show the strings to sign with the token masked, and
// never a signature.
func compareWithSDK(t testing.TB, c sdkCase) {
	t.Helper()
	got := signWithSDK(t, c)
	if c.token != "" && got.params["SecurityToken"] != c.token {
		t.Fatalf("SDK did not put the SecurityToken into the signed parameters")
	}
	ours := StringToSignV1(c.method, got.params)
	mask := func(s string) string {
		if c.token == "" {
			return s
		}
		return strings.ReplaceAll(s, PercentEncode(PercentEncode(c.token)), "<SecurityToken>")
	}
	if ours != got.stringToSign {
		t.Fatalf("string to sign differs from the SDK's\n ours: %q\n  sdk: %q", mask(ours), mask(got.stringToSign))
	}
	if SignV1(c.method, got.params, c.secret) != got.signature {
		t.Fatalf("signature differs from the SDK's for string to sign %q", mask(ours))
	}
}

// Fragments the generator draws from: the characters that trip encoders.
var (
	sdkValuePieces = []string{
		"", " ", "  ", "*", "~", "/", "+", "=", "&", "%", "%20", "%7E", "%2A", "?", "#", ":", ";", ",", "@", "!", "'",
		"(", ")", "$", "[", "]", "\"", "<", ">", "\\", "^", "`", "{", "}", "|", "\t", "\n", "-", "_", ".",
		"a", "Z", "0", "9", "vpc-bp1abc", "10.0.0.0/8", "cn-hangzhou", "Key=Value&x=y", "a+b=c",
		"中文", "专有网络", "交换机", "é", "ß", "Ω", "😀", "🚀", "👍🏽", "\u00a0", "\u200b", "\x7f",
	}
	sdkKeyPieces = []string{
		"Tag", ".", "1", "2", "10", "Key", "Value", "VpcId", "vpcid", "VPCID", "Name", "name", "a", "A", "b", "B",
		"_", "-", "~", "Z", "z", "9", " ", "*", "/", "%", "中", "😀",
	}
)

func randomPiece(r *rand.Rand, pieces []string, maxParts int) string {
	var b strings.Builder
	for n := r.IntN(maxParts + 1); n > 0; n-- {
		b.WriteString(pieces[r.IntN(len(pieces))])
	}
	return b.String()
}

// sdkCases builds a deterministic mix of parameter sets.
func sdkCases(n int) []sdkCase {
	r := rand.New(rand.NewPCG(20160428, 1))
	cases := []sdkCase{
		// Keys whose raw byte order differs from their encoded order ("a/"
		// sorts after "a." raw, before it once "/" is %2F) and mixed case.
		{method: "POST", query: map[string]string{"a/": "1", "a.": "2", "a%": "3", "a~": "4", "B": "5", "a": "6", "a b": "7", "a-b": "8"}},
		{method: "GET", query: map[string]string{"Tag.1.Key": "k", "Tag.10.Key": "k10", "Tag.2.Key": "k2", "tag.1.key": "lower"}},
		{method: "POST", query: map[string]string{"Description": "", "VpcName": "我的 VPC 😀 * ~ / + = & %"}, token: "CAIS+sts/token=="},
		{method: "POST", query: map[string]string{"CidrBlock": "192.168.0.0/16"}, form: map[string]string{"Body": "x y*z~"}},
	}
	methods := []string{"GET", "POST"}
	for i := len(cases); i < n; i++ {
		c := sdkCase{method: methods[r.IntN(2)], query: map[string]string{}, form: map[string]string{}}
		for k := r.IntN(8); k >= 0; k-- {
			c.query[randomPiece(r, sdkKeyPieces, 4)+"Q"] = randomPiece(r, sdkValuePieces, 6)
		}
		for k := r.IntN(3); k > 0; k-- {
			// An "F" suffix keeps form keys apart from query keys.
			c.form[randomPiece(r, sdkKeyPieces, 3)+"F"] = randomPiece(r, sdkValuePieces, 6)
		}
		if r.IntN(3) == 0 {
			c.token = "STS." + randomPiece(r, sdkValuePieces, 5)
		}
		cases = append(cases, c)
	}
	for i := range cases {
		if cases[i].ak == "" {
			cases[i].ak = "FAKE0tCompatTest" + randomPiece(r, []string{"a", "B", "3"}, 4)
		}
		if cases[i].secret == "" {
			cases[i].secret = "compat-secret-" + randomPiece(r, sdkValuePieces, 3)
		}
	}
	return cases
}

func TestSignV1MatchesSDK(t *testing.T) {
	for i, c := range sdkCases(2000) {
		compareWithSDK(&caseTB{TB: t, i: i}, c)
	}
}

// The smallest requests: only what the SDK adds itself, with and without STS.
func TestSignV1MatchesSDKMinimal(t *testing.T) {
	for _, token := range []string{"", "accessKeyStsToken"} {
		compareWithSDK(t, sdkCase{method: "GET", query: map[string]string{}, ak: "accessKeyId", secret: "accessKeySecret", token: token})
	}
}

// caseTB prefixes failures with the case number so a mismatch can be replayed.
type caseTB struct {
	testing.TB
	i int
}

func (c *caseTB) Fatalf(format string, args ...any) {
	c.TB.Helper()
	c.TB.Fatalf("case %d: "+format, append([]any{c.i}, args...)...)
}

func FuzzSignV1MatchesSDK(f *testing.F) {
	for _, c := range sdkCases(40) {
		var kv []string
		for k, v := range c.query {
			kv = append(kv, k, v)
			if len(kv) == 4 {
				break
			}
		}
		for len(kv) < 4 {
			kv = append(kv, "", "")
		}
		f.Add(c.method == "POST", kv[0], kv[1], kv[2], kv[3], c.token, c.secret)
	}
	f.Fuzz(func(t *testing.T, post bool, k1, v1, k2, v2, token, secret string) {
		method := "GET"
		if post {
			method = "POST"
		}
		query := map[string]string{}
		for _, kv := range [][2]string{{k1, v1}, {k2, v2}} {
			// A parameter named Signature is the signature slot itself, not
			// an input; rename it so the comparison stays meaningful.
			if kv[0] == "Signature" {
				kv[0] += "_"
			}
			query[kv[0]] = kv[1]
		}
		compareWithSDK(t, sdkCase{method: method, query: query, ak: "FAKE0tFuzz", secret: secret, token: token})
	})
}

package client

import (
	"crypto/hmac"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// SignatureVersion selects how requests are signed.
type SignatureVersion string

const (
	// SignatureV3 is ACS3-HMAC-SHA256, the default of today's official SDKs.
	SignatureV3 SignatureVersion = "v3"
	// SignatureV1 is the RPC HMAC-SHA1 signature (SignatureVersion=1.0).
	SignatureV1 SignatureVersion = "v1"
)

// ParseSignatureVersion accepts "v1", "v3" and the spellings the SDKs use.
func ParseSignatureVersion(s string) (SignatureVersion, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "", "v3", "acs3", "acs3-hmac-sha256":
		return SignatureV3, nil
	case "v1", "v2", "1.0", "hmac-sha1", "rpc":
		// darabonba calls the RPC signature "v2"; its SignatureVersion is 1.0.
		return SignatureV1, nil
	}
	return "", fmt.Errorf("unknown signature version %q: use v3 (ACS3-HMAC-SHA256) or v1 (HMAC-SHA1)", s)
}

// EmptyPayloadHash is hex(SHA256("")), the x-acs-content-sha256 of a request
// without a body.
const EmptyPayloadHash = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

// PercentEncode encodes s per RFC 3986 as the OpenAPI signers do: UTF-8
// bytes, uppercase hex, only A-Z a-z 0-9 - _ . ~ left as they are, so a space
// is %20 (never +), * is %2A and ~ stays literal.
func PercentEncode(s string) string {
	const hexdigits = "0123456789ABCDEF"
	var b strings.Builder
	b.Grow(len(s) + len(s)/2)
	for i := 0; i < len(s); i++ {
		c := s[i]
		if unreserved(c) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexdigits[c>>4])
		b.WriteByte(hexdigits[c&15])
	}
	return b.String()
}

func unreserved(c byte) bool {
	return 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' ||
		c == '-' || c == '_' || c == '.' || c == '~'
}

// CanonicalQuery sorts the parameters by key (byte order) and joins
// encode(k)=encode(v) with &. It is the canonicalized query string of both
// signature versions; an empty value is written as "k=".
func CanonicalQuery(params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for i, k := range keys {
		if i > 0 {
			b.WriteByte('&')
		}
		b.WriteString(PercentEncode(k))
		b.WriteByte('=')
		b.WriteString(PercentEncode(params[k]))
	}
	return b.String()
}

// StringToSignV1 builds the RPC v1 string to sign from every query and body
// parameter except Signature.
func StringToSignV1(method string, params map[string]string) string {
	p := make(map[string]string, len(params))
	for k, v := range params {
		if k != "Signature" {
			p[k] = v
		}
	}
	return method + "&" + PercentEncode("/") + "&" + PercentEncode(CanonicalQuery(p))
}

// SignV1 returns Base64(HMAC-SHA1(secret+"&", StringToSignV1)).
func SignV1(method string, params map[string]string, secret string) string {
	return SignStringV1(StringToSignV1(method, params), secret)
}

// SignStringV1 signs an already built v1 string to sign.
func SignStringV1(stringToSign, secret string) string {
	mac := hmac.New(sha1.New, []byte(secret+"&"))
	mac.Write([]byte(stringToSign))
	return base64.StdEncoding.EncodeToString(mac.Sum(nil))
}

// V3Request is what the ACS3-HMAC-SHA256 signature covers.
type V3Request struct {
	Method string
	Path   string
	Query  map[string]string
	// Headers are the request headers; only host, content-type and x-acs-*
	// are signed. Names may be in any case.
	Headers     map[string][]string
	PayloadHash string // hex SHA-256 of the body
}

// CanonicalRequestV3 returns the canonical request and the signed header list.
func CanonicalRequestV3(r V3Request) (canonical, signedHeaders string) {
	path := r.Path
	if path == "" {
		path = "/"
	}
	// The SDKs apply the same +, * and %7E fix-ups to the path as to values;
	// for the RPC path "/" this is the identity.
	path = strings.NewReplacer("+", "%20", "*", "%2A", "%7E", "~").Replace(path)

	type hv struct {
		name string
		vals []string
	}
	grouped := map[string][]string{}
	for name, vals := range r.Headers {
		ln := strings.ToLower(strings.TrimSpace(name))
		if ln != "host" && ln != "content-type" && !strings.HasPrefix(ln, "x-acs-") {
			continue
		}
		for _, v := range vals {
			grouped[ln] = append(grouped[ln], strings.TrimSpace(v))
		}
	}
	hs := make([]hv, 0, len(grouped))
	for n, v := range grouped {
		sort.Strings(v)
		hs = append(hs, hv{n, v})
	}
	sort.Slice(hs, func(i, j int) bool { return hs[i].name < hs[j].name })
	var ch strings.Builder
	names := make([]string, len(hs))
	for i, h := range hs {
		ch.WriteString(h.name)
		ch.WriteByte(':')
		ch.WriteString(strings.Join(h.vals, ","))
		ch.WriteByte('\n')
		names[i] = h.name
	}
	signedHeaders = strings.Join(names, ";")
	canonical = r.Method + "\n" + path + "\n" + CanonicalQuery(r.Query) + "\n" +
		ch.String() + "\n" + signedHeaders + "\n" + r.PayloadHash
	return canonical, signedHeaders
}

// StringToSignV3 is "ACS3-HMAC-SHA256\n" + hex(SHA256(canonical request)).
func StringToSignV3(canonical string) string {
	sum := sha256.Sum256([]byte(canonical))
	return "ACS3-HMAC-SHA256\n" + hex.EncodeToString(sum[:])
}

// SignV3 returns the Authorization header value for r.
func SignV3(r V3Request, accessKeyID, secret string) string {
	canonical, signed := CanonicalRequestV3(r)
	sig := SignStringV3(StringToSignV3(canonical), secret)
	return "ACS3-HMAC-SHA256 Credential=" + accessKeyID + ",SignedHeaders=" + signed + ",Signature=" + sig
}

// SignStringV3 is hex(HMAC-SHA256(secret, stringToSign)); no "&" suffix.
func SignStringV3(stringToSign, secret string) string {
	mac := hmac.New(sha256.New, []byte(secret))
	mac.Write([]byte(stringToSign))
	return hex.EncodeToString(mac.Sum(nil))
}

// HashPayload is hex(SHA256(body)).
func HashPayload(body []byte) string {
	sum := sha256.Sum256(body)
	return hex.EncodeToString(sum[:])
}

// Authorization is a parsed ACS3 Authorization header.
type Authorization struct {
	Algorithm     string
	AccessKeyID   string
	SignedHeaders []string
	Signature     string
}

// ParseAuthorizationV3 parses
// "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=a;b,Signature=hex".
func ParseAuthorizationV3(h string) (Authorization, error) {
	var a Authorization
	alg, rest, ok := strings.Cut(strings.TrimSpace(h), " ")
	if !ok {
		return a, errors.New("authorization header has no credential part")
	}
	a.Algorithm = alg
	for _, part := range strings.Split(rest, ",") {
		k, v, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return a, fmt.Errorf("authorization header part %q is not key=value", part)
		}
		switch k {
		case "Credential":
			a.AccessKeyID = v
		case "SignedHeaders":
			if v != "" {
				a.SignedHeaders = strings.Split(v, ";")
			}
		case "Signature":
			a.Signature = v
		}
	}
	if a.AccessKeyID == "" || a.Signature == "" {
		return a, errors.New("authorization header lacks Credential or Signature")
	}
	return a, nil
}

package sim

import (
	"crypto/hmac"
	"crypto/subtle"
	"strings"
	"time"

	"github.com/alivpc/alivpc/client"
)

// Signature methods as the request log names them.
const (
	methodV1 = "HMAC-SHA1"
	methodV3 = "ACS3-HMAC-SHA256"
)

// timestampWindow is how far a request's timestamp may be from the wall
// clock, and how long a nonce stays used.
const timestampWindow = 15 * time.Minute

// identity is what authentication establishes about a request.
type identity struct {
	AccessKeyID string
	Method      string // methodV1 or methodV3
	Action      string
	Version     string
}

func errIncomplete(why string) *apiError {
	return newErr(400, "IncompleteSignature", "The request signature does not conform to Aliyun standards. "+why)
}

func errTimeFormat() *apiError {
	return newErr(400, "InvalidTimeStamp.Format", "Specified time stamp or date value is not well formatted.")
}

// authenticate verifies the request's v1 or v3 signature, its timestamp,
// STS token and nonce.
func (s *Server) authenticate(rq *request) (identity, *apiError) {
	if h := rq.header.Get("Authorization"); h != "" && !rq.has("Signature") {
		return s.authV3(rq, h)
	}
	return s.authV1(rq)
}

func (s *Server) authV1(rq *request) (identity, *apiError) {
	p := rq.params
	id := identity{Method: methodV1, Action: p["Action"], Version: p["Version"], AccessKeyID: p["AccessKeyId"]}
	if p["AccessKeyId"] == "" {
		return id, errMissing("AccessKeyId")
	}
	if p["Signature"] == "" {
		return id, errIncomplete("The Signature parameter is missing.")
	}
	if p["SignatureMethod"] != methodV1 {
		return id, errIncomplete("SignatureMethod must be HMAC-SHA1.")
	}
	if v := p["SignatureVersion"]; v != "1.0" {
		return id, errIncomplete("SignatureVersion must be 1.0.")
	}
	if p["Timestamp"] == "" {
		return id, errMissing("Timestamp")
	}
	ts, ok := parseTimestamp(p["Timestamp"])
	if !ok {
		return id, errTimeFormat()
	}
	if p["SignatureNonce"] == "" {
		return id, errMissing("SignatureNonce")
	}
	key, err := s.keyFor(p["AccessKeyId"], ts, p["SecurityToken"])
	if err != nil {
		return id, err
	}
	want := client.SignV1(rq.method, p, key.Secret)
	if !hmac.Equal([]byte(want), []byte(p["Signature"])) {
		redacted := p
		if p["SecurityToken"] != "" {
			redacted = make(map[string]string, len(p))
			for k, v := range p {
				redacted[k] = v
			}
			redacted["SecurityToken"] = "REDACTED"
		}
		return id, newErr(400, "SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. server string to sign is:"+client.StringToSignV1(rq.method, redacted))
	}
	if err := s.useNonce(key.ID, p["SignatureNonce"], ts); err != nil {
		return id, err
	}
	return id, nil
}

func (s *Server) authV3(rq *request, header string) (identity, *apiError) {
	id := identity{Method: methodV3, Action: rq.header.Get("x-acs-action"), Version: rq.header.Get("x-acs-version")}
	a, perr := client.ParseAuthorizationV3(header)
	id.AccessKeyID = a.AccessKeyID
	if perr != nil {
		return id, errIncomplete("The Authorization header is malformed.")
	}
	if a.Algorithm != methodV3 {
		return id, errIncomplete("The signature algorithm must be ACS3-HMAC-SHA256.")
	}
	for _, h := range []string{"x-acs-action", "x-acs-version", "x-acs-date", "x-acs-signature-nonce", "x-acs-content-sha256"} {
		if rq.header.Get(h) == "" {
			return id, errMissing(h)
		}
	}
	signed := map[string]bool{}
	for _, h := range a.SignedHeaders {
		signed[strings.ToLower(strings.TrimSpace(h))] = true
	}
	if !signed["host"] {
		return id, errIncomplete(`The header "host" must be signed.`)
	}
	for name := range rq.header {
		if ln := strings.ToLower(name); strings.HasPrefix(ln, "x-acs-") && !signed[ln] {
			return id, errIncomplete("The header \"" + ln + "\" must be signed.")
		}
	}
	hash := rq.header.Get("x-acs-content-sha256")
	if !strings.EqualFold(hash, client.HashPayload(rq.body)) {
		return id, errIncomplete("The x-acs-content-sha256 header does not match the SHA-256 of the request body.")
	}
	ts, ok := parseTimestamp(rq.header.Get("x-acs-date"))
	if !ok {
		return id, errTimeFormat()
	}
	key, err := s.keyFor(a.AccessKeyID, ts, rq.header.Get("x-acs-security-token"))
	if err != nil {
		return id, err
	}
	headers := map[string][]string{}
	for name := range signed {
		if name == "host" {
			headers[name] = []string{rq.host}
			continue
		}
		if vals := rq.header.Values(name); len(vals) > 0 {
			headers[name] = vals
		}
	}
	canonical, _ := client.CanonicalRequestV3(client.V3Request{
		Method: rq.method, Path: rq.path, Query: rq.query, Headers: headers, PayloadHash: hash,
	})
	sts := client.StringToSignV3(canonical)
	if !hmac.Equal([]byte(client.SignStringV3(sts, key.Secret)), []byte(strings.ToLower(a.Signature))) {
		// The string to sign is a hash, so it reveals no token.
		return id, newErr(400, "SignatureDoesNotMatch",
			"Specified signature is not matched with our calculation. server string to sign is:"+sts)
	}
	if err := s.useNonce(key.ID, rq.header.Get("x-acs-signature-nonce"), ts); err != nil {
		return id, err
	}
	return id, nil
}

// keyFor finds the AccessKey, then checks the timestamp against the wall
// clock and the STS token.
func (s *Server) keyFor(id string, ts time.Time, token string) (Key, *apiError) {
	key, ok := s.keys[id]
	if !ok {
		return key, newErr(404, "InvalidAccessKeyId.NotFound", "Specified access key is not found.")
	}
	now := s.opts.Now()
	if d := now.Sub(ts); d > timestampWindow || d < -timestampWindow {
		return key, newErr(400, "InvalidTimeStamp.Expired", "Specified time stamp or date value is expired.")
	}
	switch {
	case key.SecurityToken == "" && token != "":
		return key, newErr(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
	case key.SecurityToken == "":
	case token == "":
		return key, newErr(400, "InvalidSecurityToken.Malformed", "Specified SecurityToken is missing or malformed; an STS AccessKey needs its token.")
	case subtle.ConstantTimeCompare([]byte(token), []byte(key.SecurityToken)) != 1:
		return key, newErr(400, "InvalidSecurityToken.MismatchWithAccessKey", "Specified SecurityToken mismatch with the AccessKey.")
	case !key.Expiration.IsZero() && now.After(key.Expiration):
		return key, newErr(400, "InvalidSecurityToken.Expired", "Specified SecurityToken is expired.")
	}
	return key, nil
}

// parseTimestamp accepts the ISO-8601 UTC forms the SDKs send.
func parseTimestamp(s string) (time.Time, bool) {
	for _, layout := range []string{"2006-01-02T15:04:05Z", "2006-01-02T15:04:05.000Z", time.RFC3339} {
		if t, err := time.Parse(layout, s); err == nil {
			return t, true
		}
	}
	return time.Time{}, false
}

package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strings"
	"unicode/utf8"
)

// APIError is an error answer from the API.
type APIError struct {
	HTTPStatus int
	Code       string
	Message    string
	RequestID  string
	HostID     string
	Recommend  string
	// Product and Action say which call failed.
	Product string
	Action  string
}

// Error is one line a person can act on; it always carries the RequestId so
// a support ticket can quote it. It passes Clean, however e was built.
func (e *APIError) Error() string { return Clean(e.text()) }

func (e *APIError) text() string {
	var b strings.Builder
	if e.Action != "" {
		b.WriteString(e.Action)
		b.WriteString(": ")
	}
	b.WriteString(e.Code)
	if e.Message != "" {
		b.WriteString(": ")
		b.WriteString(strings.Join(strings.Fields(e.Message), " "))
	}
	rid := e.RequestID
	if rid == "" {
		rid = "none"
	}
	fmt.Fprintf(&b, " (HTTP %d, RequestId %s)", e.HTTPStatus, rid)
	if a := Advice(e.Code); a != "" {
		b.WriteString(" — ")
		b.WriteString(a)
	}
	return b.String()
}

// advice says what to check for the errors whose code alone does not tell
// a person what is wrong on their side.
var advice = map[string]string{
	"SignatureDoesNotMatch": "check the AccessKey secret (ALIBABA_CLOUD_ACCESS_KEY_SECRET or the profile in ~/.aliyun/config.json): " +
		"one from another key, or pasted with a space or newline; if --signature v1 works and v3 does not, a proxy rewrites the requests",
	"IncompleteSignature": "check the AccessKey secret and that no proxy rewrites the requests",
	"InvalidAccessKeyId.NotFound": "the AccessKey ID does not exist: check which credentials are used " +
		"(ALIBABA_CLOUD_ACCESS_KEY_ID in the environment wins over --profile; see env | grep -i ALIBABA) and that the key was not deleted",
	"InvalidAccessKeyId.Inactive": "the AccessKey is disabled: enable it in the RAM console or use another key",
	"InvalidTimeStamp.Expired": "this machine's clock is more than 15 minutes off the API's: check date -u and turn on time sync " +
		"(timedatectl set-ntp true)",
	"RequestTimeTooSkewed":                       "this machine's clock is off the API's: check date -u and turn on time sync (timedatectl set-ntp true)",
	"InvalidSecurityToken.Expired":               "the STS token has expired: get a new one (ALIBABA_CLOUD_SECURITY_TOKEN or the profile's sts_token)",
	"InvalidSecurityToken.MismatchWithAccessKey": "the STS token belongs to another AccessKey: set the token and the key issued together",
}

// Advice is what to check for an error code, or "".
func Advice(code string) string { return advice[code] }

// IsThrottling reports whether the server refused the call for flow control.
// Such a call was not processed, so any call may be retried.
func (e *APIError) IsThrottling() bool {
	return strings.Contains(e.Code, "Throttling") || e.Code == "ServiceUnavailable.Throttling"
}

// errorBody is the API's error document. darabonba also reads the
// lowercase spellings, so do we.
type errorBody struct {
	RequestID  string `json:"RequestId"`
	HostID     string `json:"HostId"`
	Code       string `json:"Code"`
	Message    string `json:"Message"`
	Recommend  string `json:"Recommend"`
	LCode      string `json:"code"`
	LMessage   string `json:"message"`
	LRequestID string `json:"requestId"`
}

func parseAPIError(status int, body []byte, product, action, headerRequestID string) *APIError {
	e := &APIError{HTTPStatus: status, Product: product, Action: action}
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err == nil {
		e.Code = first(eb.Code, eb.LCode)
		e.Message = first(eb.Message, eb.LMessage)
		e.RequestID = first(eb.RequestID, eb.LRequestID)
		e.HostID = eb.HostID
		e.Recommend = eb.Recommend
	}
	if e.RequestID == "" {
		e.RequestID = headerRequestID
	}
	if e.Code == "" {
		// Not an API error document: a proxy or load balancer answered.
		e.Code = fmt.Sprintf("HTTP%d", status)
		e.Message = "the server answered without an API error body: " + snippet(body)
	}
	// Everything kept came from the network: no secret it echoes and no
	// control sequence survives into a message, a log or the screen.
	for _, f := range []*string{&e.Code, &e.Message, &e.RequestID, &e.HostID, &e.Recommend} {
		*f = Clean(*f)
	}
	return e
}

func first(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// MalformedResponseError is a 2xx answer whose body could not be read as
// the API's JSON (truncated, or not JSON at all).
type MalformedResponseError struct {
	Action    string
	RequestID string
	Err       error
	Snippet   string
}

func (e *MalformedResponseError) Error() string {
	rid := e.RequestID
	if rid == "" {
		rid = "none"
	}
	return Clean(fmt.Sprintf("%s: the response could not be read (%v); it began %q (RequestId %s)", e.Action, e.Err, e.Snippet, rid))
}

func (e *MalformedResponseError) Unwrap() error { return e.Err }

// TransportError is a failure to get any answer: refused, reset, timed out.
type TransportError struct {
	Action string
	Err    error
	// NotSent is true when the request provably never reached the server
	// (the connection was refused), so even a write may be retried.
	NotSent bool
}

func (e *TransportError) Error() string {
	msg := e.Err.Error()
	var ne net.Error
	if errors.As(e.Err, &ne) && ne.Timeout() {
		msg = "timed out waiting for the API (" + msg + ")"
	}
	return Clean(e.Action + ": " + msg)
}

func (e *TransportError) Unwrap() error { return e.Err }

// snippetWindow bounds how much of an unreadable body is scrubbed to quote
// its start: secrets are found whole within it.
const snippetWindow = 64 << 10

// snippet quotes the start of an unreadable body, after Clean (a page that
// echoes the request carries the token and the signature), so that no
// truncation can cut a secret in half.
func snippet(b []byte) string {
	if len(b) > snippetWindow {
		b = b[:snippetWindow]
	}
	s := strings.Join(strings.Fields(Clean(string(b))), " ")
	if len(s) > 80 {
		s = s[:80]
		for !utf8.ValidString(s) {
			s = s[:len(s)-1]
		}
		s += "…"
	}
	return s
}

// ErrorCode returns the API error code of err, or "".
func ErrorCode(err error) string {
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.Code
	}
	return ""
}

// RequestID returns the RequestId carried by err, or "" (for a write whose
// outcome is unknown, the last RequestId any attempt got).
func RequestID(err error) string {
	var oe *OutcomeUnknownError
	if errors.As(err, &oe) {
		ids := oe.RequestIDs()
		if len(ids) == 0 {
			return ""
		}
		return ids[len(ids)-1]
	}
	var ae *APIError
	if errors.As(err, &ae) {
		return ae.RequestID
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		return me.RequestID
	}
	return ""
}

package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// ---- honest outcomes ----
//
// A write that failed is one of two things. Rejected: every attempt got an
// answer saying it was not processed (an API error code such as
// Throttling.User or InvalidCidrBlock.Malformed); the error is that
// answer. Outcome unknown: at least one attempt may have been applied (its
// answer was lost, the connection dropped after sending, or the server
// answered a 5xx that does not say "not processed") and no later attempt
// succeeded; the error is an *OutcomeUnknownError carrying every attempt.
// A later throttled attempt does not make an earlier lost one rejected.

// Attempt is what one try of a call got back.
type Attempt struct {
	// Code is the API's error code, or "no answer" (the connection failed
	// or dropped) or "unreadable answer" (a 2xx body that was not the
	// API's JSON).
	Code      string
	RequestID string
	// Err is the attempt's error text (secrets already scrubbed).
	Err string
}

// OutcomeUnknownError is a write none of whose attempts succeeded but at
// least one of which may have been applied.
type OutcomeUnknownError struct {
	Action   string
	Attempts []Attempt
	// Last is the last attempt's error. It is not unwrapped: the last
	// code (a throttle, say) is not what happened to the write.
	Last error
}

func (e *OutcomeUnknownError) Error() string {
	return e.Action + ": outcome unknown: an attempt may have been applied (" + e.Summary() + ")"
}

// Summary lists the attempts: "no answer, Throttling.User ×2; RequestIds a, b".
func (e *OutcomeUnknownError) Summary() string {
	var codes []string
	for i := 0; i < len(e.Attempts); {
		j := i
		for j < len(e.Attempts) && e.Attempts[j].Code == e.Attempts[i].Code {
			j++
		}
		c := e.Attempts[i].Code
		if j-i > 1 {
			c += fmt.Sprintf(" ×%d", j-i)
		}
		codes = append(codes, c)
		i = j
	}
	s := fmt.Sprintf("%d attempts: %s", len(e.Attempts), strings.Join(codes, ", "))
	if len(e.Attempts) == 1 {
		s = "1 attempt: " + codes[0]
	}
	if ids := e.RequestIDs(); len(ids) > 0 {
		s += "; RequestIds " + strings.Join(ids, ", ")
	}
	return s
}

// RequestIDs are the attempts' RequestIds, in order, without blanks.
func (e *OutcomeUnknownError) RequestIDs() []string {
	var ids []string
	for _, a := range e.Attempts {
		if a.RequestID != "" {
			ids = append(ids, a.RequestID)
		}
	}
	return ids
}

// OutcomeUnknown reports whether err is a write that may have been applied.
func OutcomeUnknown(err error) bool {
	var oe *OutcomeUnknownError
	return errors.As(err, &oe)
}

// Attempts returns the attempts of a write whose outcome is unknown.
func Attempts(err error) []Attempt {
	var oe *OutcomeUnknownError
	if errors.As(err, &oe) {
		return oe.Attempts
	}
	return nil
}

// attemptOf describes one failed attempt.
func attemptOf(err error) Attempt {
	// Everything here may have come from the network: cleaned like any
	// other server text (secrets, terminal controls).
	a := Attempt{Err: Clean(err.Error()), RequestID: Clean(RequestID(err))}
	var ae *APIError
	var me *MalformedResponseError
	switch {
	case errors.As(err, &ae):
		a.Code = Clean(ae.Code)
	case errors.As(err, &me):
		a.Code = "unreadable answer"
	default:
		a.Code = "no answer"
	}
	return a
}

// mayHaveApplied reports whether a write's failed attempt may still have
// changed something: its answer was lost or unreadable, or the server
// failed in a way that does not say "not processed". Throttling and
// ServiceUnavailable refuse before processing; a request that never left
// (refused connection, no credentials) did nothing.
func mayHaveApplied(err error) bool {
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.IsThrottling() || ae.Code == "ServiceUnavailable" {
			return false
		}
		// The token is being processed: an earlier attempt got through.
		return ae.HTTPStatus >= 500 || strings.Contains(ae.Code, "TokenProcessing")
	}
	var te *TransportError
	if errors.As(err, &te) {
		return !te.NotSent
	}
	var me *MalformedResponseError
	return errors.As(err, &me)
}

// ---- one ClientToken per set of parameters ----

type saltKey struct{}

// WithTokenSalt makes every write sent with ctx through Invoke carry the
// ClientToken ClientTokenFor(salt, its parameters) instead of the one in
// its input: the same values get the same token (a resubmission after a
// lost answer creates nothing new), any changed value gets another (no
// IdempotentParameterMismatch). A form keeps one salt for its life,
// drafts included.
func WithTokenSalt(ctx context.Context, salt string) context.Context {
	if salt == "" {
		return ctx
	}
	return context.WithValue(ctx, saltKey{}, salt)
}

func tokenSalt(ctx context.Context) string {
	s, _ := ctx.Value(saltKey{}).(string)
	return s
}

// ClientTokenFor derives the ClientToken of a write from a salt and the
// write's parameters (ClientToken itself left out): 39 ASCII characters.
func ClientTokenFor(salt string, params map[string]string) string {
	keys := make([]string, 0, len(params))
	for k := range params {
		if k != "ClientToken" {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	h := sha256.New()
	h.Write([]byte(salt))
	for _, k := range keys {
		h.Write([]byte{0})
		h.Write([]byte(k))
		h.Write([]byte{0})
		h.Write([]byte(params[k]))
	}
	return "alivpc-" + hex.EncodeToString(h.Sum(nil))[:32]
}

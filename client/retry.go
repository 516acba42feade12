package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"strings"
	"syscall"
	"time"
)

// conflictCodes are answers that mean "the resource is busy; the same call
// will work later". They are retried only where a retry is safe: reads, and
// writes that carry a ClientToken.
var conflictCodes = map[string]bool{
	"OperationConflict":                         true,
	"TaskConflict":                              true,
	"SystemBusy":                                true,
	"LastTokenProcessing":                       true,
	"OperationFailed.LastTokenProcessing":       true,
	"OperationFailed.IdempotentTokenProcessing": true,
	"IdempotentTokenProcessing":                 true,
	"ServiceUnavailable":                        true,
	"InternalError":                             true,
	"UnknownError":                              true,
}

// isConflict reports whether code is a transient conflict. IncorrectStatus*
// and the Incorrect<Thing>Status family mean the target is mid-transition.
func isConflict(code string) bool {
	if conflictCodes[code] {
		return true
	}
	if strings.HasPrefix(code, "IncorrectStatus") {
		return true
	}
	if strings.HasPrefix(code, "Incorrect") && strings.HasSuffix(code, "Status") {
		return true
	}
	return false
}

// retryDecision says whether err may be retried for a call, and how long the
// server asked us to wait.
func retryDecision(err error, idempotent bool) (retry bool, serverDelay time.Duration) {
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.IsThrottling() {
			// Flow control rejects before processing: safe for any call.
			return true, 0
		}
		if ae.HTTPStatus >= 500 || isConflict(ae.Code) {
			return idempotent, 0
		}
		return false, 0
	}
	var te *TransportError
	if errors.As(err, &te) {
		if errors.Is(te.Err, context.Canceled) {
			return false, 0
		}
		return te.NotSent || idempotent, 0
	}
	var me *MalformedResponseError
	if errors.As(err, &me) {
		if errors.Is(me, ErrBodyTooLarge) || errors.Is(me, ErrNotObject) {
			return false, 0 // the same answer again: read once, not ten times
		}
		return idempotent, 0
	}
	return false, 0
}

// serverRetryAfter reads how long the server asked us to wait: the
// x-acs-retry-after header (milliseconds), or the largest TimeLeft of the
// rate-limit headers (x-ratelimit-user-api, x-ratelimit-user).
func serverRetryAfter(h http.Header) time.Duration {
	if h == nil {
		return 0
	}
	var d time.Duration
	if v := h.Get("x-acs-retry-after"); v != "" {
		if ms, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil && ms > 0 {
			d = time.Duration(ms) * time.Millisecond
		}
	}
	for _, name := range []string{"x-ratelimit-user-api", "x-ratelimit-user"} {
		for _, part := range strings.Split(h.Get(name), ",") {
			k, v, ok := strings.Cut(strings.TrimSpace(part), ":")
			if !ok || !strings.EqualFold(k, "TimeLeft") {
				continue
			}
			if ms, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64); err == nil {
				if t := time.Duration(ms) * time.Millisecond; t > d {
					d = t
				}
			}
		}
	}
	return d
}

// backoff is exponential with full jitter: a random wait in
// [base, min(max, base·2^(attempt-1))].
func backoff(attempt int, base, max time.Duration, rnd func() float64) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	ceil := base
	for i := 1; i < attempt && ceil < max; i++ {
		ceil *= 2
	}
	if ceil > max {
		ceil = max
	}
	if ceil <= base {
		return base
	}
	return base + time.Duration(rnd()*float64(ceil-base))
}

func defaultRand() float64 { return rand.Float64() }

// notSent reports whether a transport error happened before any byte of the
// request could reach the server.
func notSent(err error) bool {
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var oe *net.OpError
	if errors.As(err, &oe) && oe.Op == "dial" {
		return true
	}
	var dnsErr *net.DNSError
	return errors.As(err, &dnsErr)
}

// sleepCtx waits d or until ctx ends.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

package client

import (
	"encoding/json"
	"errors"
	"io"
	"strings"
	"sync"
	"time"
)

// debugLog writes one JSON line per attempt. It sees only the API
// parameters — never the signed protocol parameters — and still masks any
// parameter whose name says it holds a secret (RedactParams); what the
// server answered goes through Clean.
type debugLog struct {
	mu sync.Mutex
	w  io.Writer
}

func newDebugLog(w io.Writer) *debugLog {
	if w == nil {
		return nil
	}
	return &debugLog{w: w}
}

type debugEntry struct {
	Time      string            `json:"time"`
	Product   string            `json:"product"`
	Action    string            `json:"action"`
	Region    string            `json:"region,omitempty"`
	Params    map[string]string `json:"params,omitempty"`
	Status    int               `json:"status,omitempty"`
	Code      string            `json:"code,omitempty"`
	RequestID string            `json:"request_id,omitempty"`
	Duration  float64           `json:"duration_ms"`
	Attempt   int               `json:"attempt"`
	Error     string            `json:"error,omitempty"`
}

func (d *debugLog) write(req Request, resp *Response, err error, attempt int, dur time.Duration) {
	if d == nil {
		return
	}
	e := debugEntry{
		Time:     time.Now().UTC().Format(time.RFC3339Nano),
		Product:  req.Product.Code(),
		Action:   req.Action,
		Region:   req.Region,
		Params:   RedactParams(req.Params),
		Duration: float64(dur.Microseconds()) / 1000,
		Attempt:  attempt,
	}
	if resp != nil {
		e.RequestID = resp.RequestID
	}
	var ae *APIError
	switch {
	case err == nil:
		e.Status = 200
	case errors.As(err, &ae):
		e.Status, e.Code, e.RequestID = ae.HTTPStatus, ae.Code, ae.RequestID
		e.Error = err.Error()
	default:
		e.Error = err.Error()
	}
	// What the server said passes the scrubber like every other output.
	e.Code, e.RequestID, e.Error = Clean(e.Code), Clean(e.RequestID), Clean(e.Error)
	b, merr := json.Marshal(e)
	if merr != nil {
		return
	}
	d.mu.Lock()
	defer d.mu.Unlock()
	_, _ = d.w.Write(append(b, '\n'))
}

// secretParam reports whether a parameter's value is a secret: signatures,
// tokens (other than ClientToken and NextToken, which are not), passwords,
// pre-shared keys, BGP auth keys and private (certificate) keys. A
// flattened name such as TunnelOptionsSpecification.1.TunnelIkeConfig.Psk
// counts by its last part as well as by the whole.
func secretParam(name string) bool {
	n := strings.ToLower(name)
	if i := strings.LastIndexByte(n, '.'); i >= 0 && (n[i+1:] == "clienttoken" || n[i+1:] == "nexttoken") {
		return false
	}
	if n == "clienttoken" || n == "nexttoken" {
		return false
	}
	for _, s := range []string{"signature", "secret", "token", "password", "psk", "authkey", "privatekey", "private_key", "clientkey"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// RedactParams copies params with secret values masked: parameters whose
// name says they hold a secret, secrets nested at any depth in JSON-valued
// parameters (an IkeConfig object, a TunnelOptionsSpecification array of
// objects), and any of the run's secrets (Scrub) inside other values. The
// audit log, the debug log and CallError all use it.
func RedactParams(params map[string]string) map[string]string {
	if len(params) == 0 {
		return nil
	}
	out := make(map[string]string, len(params))
	for k, v := range params {
		switch {
		case secretParam(k):
			out[k] = masked
		case jsonValued(v):
			out[k] = Scrub(redactJSON(v))
		default:
			out[k] = Scrub(v)
		}
	}
	return out
}

// registerParamSecrets adds the secret values among params (nested ones
// included) to the run's secrets, so that a server echoing one back is
// masked too.
func registerParamSecrets(params map[string]string) {
	for k, v := range params {
		switch {
		case secretParam(k):
			RegisterSecret(v)
		case jsonValued(v):
			var x any
			if json.Unmarshal([]byte(v), &x) == nil {
				walkJSON(x, RegisterSecret)
			}
		}
	}
}

func jsonValued(v string) bool {
	t := strings.TrimSpace(v)
	return strings.HasPrefix(t, "{") || strings.HasPrefix(t, "[")
}

// redactJSON masks the secret fields at any depth of a JSON value; a value
// that looks like JSON but is not is masked whole if it names a secret.
func redactJSON(v string) string {
	var x any
	if json.Unmarshal([]byte(v), &x) != nil {
		if secretAssign.MatchString(v) {
			return masked
		}
		return v
	}
	x = walkJSON(x, nil)
	b, err := json.Marshal(x)
	if err != nil {
		return masked
	}
	return string(b)
}

// walkJSON masks secret fields in x, at any depth through objects and
// arrays, and returns it; found (if not nil) sees each secret string value.
func walkJSON(x any, found func(string)) any {
	switch t := x.(type) {
	case map[string]any:
		for k, v := range t {
			if secretParam(k) {
				if s, ok := v.(string); ok && found != nil {
					found(s)
				}
				t[k] = masked
				continue
			}
			t[k] = walkJSON(v, found)
		}
	case []any:
		for i, v := range t {
			t[i] = walkJSON(v, found)
		}
	}
	return x
}

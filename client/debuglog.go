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
// parameter whose name says it holds a secret.
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
// pre-shared keys and BGP auth keys.
func secretParam(name string) bool {
	n := strings.ToLower(name)
	if n == "clienttoken" || n == "nexttoken" {
		return false
	}
	for _, s := range []string{"signature", "secret", "token", "password", "psk", "authkey"} {
		if strings.Contains(n, s) {
			return true
		}
	}
	return false
}

// RedactParams copies params with secret values masked. The audit log and
// the debug log both use it.
func RedactParams(params map[string]string) map[string]string {
	if len(params) == 0 {
		return nil
	}
	out := make(map[string]string, len(params))
	for k, v := range params {
		switch {
		case secretParam(k):
			out[k] = "****"
		case strings.HasPrefix(strings.TrimSpace(v), "{"):
			// JSON-valued parameters (IkeConfig, IpsecConfig) carry keys
			// such as Psk inside.
			out[k] = redactJSON(v)
		default:
			out[k] = v
		}
	}
	return out
}

func redactJSON(v string) string {
	var m map[string]any
	if json.Unmarshal([]byte(v), &m) != nil {
		return v
	}
	redactMap(m)
	b, err := json.Marshal(m)
	if err != nil {
		return "****"
	}
	return string(b)
}

func redactMap(m map[string]any) {
	for k, v := range m {
		if secretParam(k) {
			m[k] = "****"
			continue
		}
		if sub, ok := v.(map[string]any); ok {
			redactMap(sub)
		}
	}
}

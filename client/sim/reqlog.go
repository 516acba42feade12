package sim

import (
	"encoding/json"
	"time"
)

// logLine is one request in Options.RequestLog. It carries the AccessKey ID
// but never a signature, secret or security token.
type logLine struct {
	Time       string  `json:"time"`
	Product    string  `json:"product"`
	Action     string  `json:"action"`
	Version    string  `json:"version"`
	Method     string  `json:"signature_method"`
	Status     int     `json:"status"` // 0: no answer (dropped or canceled)
	Code       string  `json:"code"`
	RequestID  string  `json:"request_id"`
	AccessKey  string  `json:"access_key_id"`
	Fault      string  `json:"fault"`
	Dropped    bool    `json:"dropped"`
	Replayed   bool    `json:"idempotent_replay"`
	DurationMS float64 `json:"duration_ms"`
	Panic      string  `json:"panic,omitempty"`
}

func (s *Server) logRequest(l *logLine, start time.Time) {
	if s.opts.RequestLog == nil {
		return
	}
	l.Time = s.opts.Now().UTC().Format(time.RFC3339Nano)
	l.DurationMS = float64(time.Since(start).Microseconds()) / 1000
	b, err := json.Marshal(l)
	if err != nil {
		return
	}
	b = append(b, '\n')
	s.logMu.Lock()
	defer s.logMu.Unlock()
	_, _ = s.opts.RequestLog.Write(b)
}

package client

import "errors"

// CallError is a failed write together with what was sent: the API's action
// name and its parameters, secrets already masked (RedactParams). The audit
// log and the activity tray keep failures with it. It wraps the typed error
// (*APIError, *TransportError, ...), so errors.As, ErrorCode and RequestID
// see through it, and it reads exactly like the error it wraps.
type CallError struct {
	Action string
	Params map[string]string
	Err    error
}

func (e *CallError) Error() string { return e.Err.Error() }
func (e *CallError) Unwrap() error { return e.Err }

// FailedCall returns the action and the masked parameters of the write that
// failed with err; ok is false when err did not come from a write that was
// sent (a check that failed before any call, or a read).
func FailedCall(err error) (action string, params map[string]string, ok bool) {
	var ce *CallError
	if errors.As(err, &ce) {
		return ce.Action, ce.Params, true
	}
	return "", nil, false
}

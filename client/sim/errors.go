package sim

import (
	"fmt"
	"net/http"
)

// apiError is an error answer in the API's own terms: HTTP status, Code and
// Message, plus any headers it carries (rate-limit hints).
type apiError struct {
	Status  int
	Code    string
	Message string
	Header  http.Header
}

func (e *apiError) Error() string { return e.Code + ": " + e.Message }

func newErr(status int, code, msg string) *apiError {
	return &apiError{Status: status, Code: code, Message: msg}
}

func errf(status int, code, format string, a ...any) *apiError {
	return newErr(status, code, fmt.Sprintf(format, a...))
}

// Generic errors shared by every family. Family-specific codes live next to
// their operations.

func errMissing(name string) *apiError {
	return errf(400, "MissingParameter",
		"The input parameter %q that is mandatory for processing this request is not supplied.", name)
}

func errInvalidParam(name string) *apiError {
	return errf(400, "InvalidParameter", "Specified parameter %q is not valid.", name)
}

func errInvalidParamMsg(name, why string) *apiError {
	return errf(400, "InvalidParameter", "Specified parameter %q is not valid: %s", name, why)
}

func errInternal() *apiError {
	return newErr(500, "InternalError", "The request processing has failed due to some unknown error.")
}

func errUnavailable() *apiError {
	return newErr(503, "ServiceUnavailable", "The request has failed due to a temporary failure of the server.")
}

func errThrottled() *apiError {
	return newErr(400, "Throttling.User", "Request was denied due to user flow control.")
}

func errDryRun() *apiError {
	return newErr(400, "DryRunOperation", "Request validation has been passed with DryRun flag set.")
}

func errIdempotentMismatch() *apiError {
	return newErr(400, "IdempotentParameterMismatch",
		"The request uses the same client token as a previous, but non-identical request.")
}

func errRegionNotFound() *apiError {
	return newErr(404, "InvalidRegionId.NotFound", `Specified value of "regionId" is not supported.`)
}

func errActionNotFound() *apiError {
	return newErr(404, "InvalidAction.NotFound", "Specified api is not found, please check your url and method.")
}

func errVersion() *apiError {
	return newErr(400, "InvalidVersion", `Specified parameter "Version" is not valid.`)
}

// errorBody is the JSON shape of every error answer.
type errorBody struct {
	RequestId string `json:"RequestId"`
	HostId    string `json:"HostId"`
	Code      string `json:"Code"`
	Message   string `json:"Message"`
	Recommend string `json:"Recommend"`
}

func recommendURL(code, product, requestID string) string {
	return "https://api.aliyun.com/troubleshoot?q=" + code + "&product=" + product + "&requestId=" + requestID
}

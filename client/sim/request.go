package sim

import (
	"errors"
	"io"
	"mime"
	"net/http"
	"net/url"
)

// maxBody bounds a request body; RPC bodies are small form posts.
const maxBody = 1 << 20

// request is an HTTP request read as an RPC call.
type request struct {
	method string
	path   string
	host   string
	header http.Header
	body   []byte
	// query holds the URL query only (what a v3 signature covers);
	// params is the query merged with a form body (what operations and a
	// v1 signature see).
	query  map[string]string
	params map[string]string
}

func (rq *request) has(name string) bool { _, ok := rq.params[name]; return ok }

// readRequest reads the query and an application/x-www-form-urlencoded body.
// A key given more than once keeps its first value; a body value overrides
// the query's, as the SDKs merge them.
func readRequest(w http.ResponseWriter, r *http.Request) (*request, *apiError) {
	rq := &request{
		method: r.Method, path: r.URL.EscapedPath(), host: r.Host, header: r.Header,
		query: map[string]string{}, params: map[string]string{},
	}
	if rq.path == "" {
		rq.path = "/"
	}
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		return rq, newErr(400, "InvalidParameter", "The query string is malformed.")
	}
	for k, v := range q {
		rq.query[k] = v[0]
		rq.params[k] = v[0]
	}
	if r.Body != nil {
		body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxBody))
		if err != nil {
			var tooBig *http.MaxBytesError
			if errors.As(err, &tooBig) {
				return rq, newErr(413, "InvalidParameter", "The request body is too large.")
			}
			return rq, newErr(400, "InvalidParameter", "The request body could not be read.")
		}
		rq.body = body
	}
	if len(rq.body) > 0 {
		ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
		if ct == "application/x-www-form-urlencoded" {
			f, err := url.ParseQuery(string(rq.body))
			if err != nil {
				return rq, newErr(400, "InvalidParameter", "The form body is malformed.")
			}
			for k, v := range f {
				rq.params[k] = v[0]
			}
		}
	}
	return rq, nil
}

package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
)

// MaxBodyBytes bounds one answer of the API. The largest real answer is a
// page of 100 items of the largest kind (route entries or VPC peerings at
// MaxResults 100, VPN connections with their IKE and IPsec settings at 50):
// a few hundred KB at most. 16 MiB is well above any of them, and small
// enough that an endpoint sending an endless or a 300 MB body costs at most
// 16 MiB, once: such an answer is not retried.
const MaxBodyBytes = 16 << 20

// ErrBodyTooLarge is an answer past MaxBodyBytes; the client stops reading
// it and does not ask again.
var ErrBodyTooLarge = errors.New("the answer is larger than the 16 MiB limit for one API answer")

// ErrNotObject is a successful answer that is valid JSON but not an object
// (null, a list, a string): the API always answers an object with a
// RequestId, so such an answer is an error, never an empty result.
var ErrNotObject = errors.New("not a JSON object")

// readBody reads an answer once, up to limit bytes. A Content-Length past
// the limit is refused before reading; otherwise at most limit+1 bytes are
// read, and more than limit is ErrBodyTooLarge (with the bytes read, for a
// snippet).
func readBody(r *http.Response, limit int64) ([]byte, error) {
	if r.ContentLength > limit {
		head := make([]byte, 512)
		n, _ := io.ReadFull(r.Body, head)
		return head[:n], fmt.Errorf("%w: it announced %s bytes (Content-Length)", ErrBodyTooLarge, group64(r.ContentLength))
	}
	// Grow by doubling, but never past limit+1: a body of unknown length
	// costs at most about twice the limit while it is read, not four times.
	size := int64(64 << 10)
	if r.ContentLength >= 0 {
		size = r.ContentLength + 1 // +1 to see the end without growing
	}
	buf := make([]byte, 0, min(size, limit+1))
	for {
		if len(buf) == cap(buf) {
			if int64(len(buf)) > limit {
				return buf, fmt.Errorf("%w: more than %s bytes arrived", ErrBodyTooLarge, group64(limit))
			}
			grown := make([]byte, len(buf), min(2*int64(cap(buf)), limit+1))
			copy(grown, buf)
			buf = grown
		}
		n, err := r.Body.Read(buf[len(buf):cap(buf)])
		buf = buf[:len(buf)+n]
		if err == io.EOF {
			if int64(len(buf)) > limit {
				return buf, fmt.Errorf("%w: more than %s bytes arrived", ErrBodyTooLarge, group64(limit))
			}
			return buf, nil
		}
		if err != nil {
			return buf, err
		}
	}
}

// notAnObject reports an answer that is valid JSON but not an object. Text
// that is not JSON at all, or nothing (perhaps cut off), is left to the
// decoder's own error, which is retried like a truncated answer.
func notAnObject(body []byte) error {
	b := bytes.TrimSpace(body)
	if len(b) == 0 || b[0] == '{' || !json.Valid(b) {
		return nil
	}
	what := "a JSON value"
	switch b[0] {
	case 'n':
		what = "null"
	case '[':
		what = "a JSON list"
	case '"':
		what = "a JSON string"
	case 't', 'f':
		what = "a JSON boolean"
	default:
		what = "a JSON number"
	}
	return fmt.Errorf("the API answered %s, %w", what, ErrNotObject)
}

func group64(n int64) string { return group(int(n)) }

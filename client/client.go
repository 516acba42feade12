// Package client is alivpc's signed OpenAPI client for VPC 2016-04-28,
// VpcPeer 2022-01-01 and Smart Access Gateway 2018-03-13 (and STS
// 2015-04-01 GetCallerIdentity, for the caller's account): signing (v3
// ACS3-HMAC-SHA256 by default, RPC v1 HMAC-SHA1 on request), credentials,
// endpoints, one shared request budget, retries with backoff that never
// duplicate a write, typed errors, paging, typed operations and a debug log
// with secrets removed.
package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/alivpc/alivpc/model"
)

// defaultUserAgent is sent when Config.UserAgent is empty; the command
// sets one with its version.
const defaultUserAgent = "alivpc"

// Config configures a Client. Zero values mean the documented defaults.
type Config struct {
	Credentials CredentialSource
	// Region is used for calls that do not name one.
	Region    string
	Endpoints Endpoints
	Signature SignatureVersion // default SignatureV3
	// Method is POST (default) or GET. With POST and the v1 signature the
	// API parameters travel in a form body; otherwise in the query.
	Method string

	ConnectTimeout time.Duration // default 5s
	ReadTimeout    time.Duration // per attempt, default 15s
	// MaxAttempts bounds attempts per call (default 10); MaxRetryElapsed
	// bounds the time spent retrying one call (default 60s).
	MaxAttempts     int
	MaxRetryElapsed time.Duration
	BaseBackoff     time.Duration // default 200ms
	MaxBackoff      time.Duration // default 5s

	// RequestsPerSecond and MaxConcurrent form the client-wide budget
	// (defaults 400/s and 20). RequestsPerSecond < 0 disables the rate.
	RequestsPerSecond float64
	MaxConcurrent     int

	// DebugLog receives one JSON line per attempt, secrets removed.
	DebugLog io.Writer

	HTTPClient *http.Client // default: built from the timeouts
	UserAgent  string

	// Test hooks.
	Now   func() time.Time
	Nonce func() string
	Rand  func() float64
}

// Client is safe for concurrent use.
type Client struct {
	cfg    Config
	http   *http.Client
	budget *budget
	debug  *debugLog
}

// New builds a client.
func New(cfg Config) (*Client, error) {
	if cfg.Credentials == nil {
		return nil, errors.New("client: no credentials configured")
	}
	if cfg.Signature == "" {
		cfg.Signature = SignatureV3
	}
	if _, err := ParseSignatureVersion(string(cfg.Signature)); err != nil {
		return nil, err
	}
	cfg.Method = strings.ToUpper(cfg.Method)
	if cfg.Method == "" {
		cfg.Method = http.MethodPost
	}
	if cfg.Method != http.MethodPost && cfg.Method != http.MethodGet {
		return nil, fmt.Errorf("client: method %q: use GET or POST", cfg.Method)
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.ConnectTimeout, 5*time.Second)
	def(&cfg.ReadTimeout, 15*time.Second)
	def(&cfg.MaxRetryElapsed, 60*time.Second)
	def(&cfg.BaseBackoff, 200*time.Millisecond)
	def(&cfg.MaxBackoff, 5*time.Second)
	if cfg.MaxAttempts <= 0 {
		cfg.MaxAttempts = 10
	}
	if cfg.RequestsPerSecond == 0 {
		cfg.RequestsPerSecond = 400
	}
	if cfg.MaxConcurrent <= 0 {
		cfg.MaxConcurrent = 20
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	if cfg.Nonce == nil {
		cfg.Nonce = randomNonce
	}
	if cfg.Rand == nil {
		cfg.Rand = defaultRand
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = defaultUserAgent
	}
	hc := cfg.HTTPClient
	if hc == nil {
		hc = &http.Client{Transport: &http.Transport{
			Proxy:                 http.ProxyFromEnvironment,
			DialContext:           (&net.Dialer{Timeout: cfg.ConnectTimeout, KeepAlive: 30 * time.Second}).DialContext,
			TLSHandshakeTimeout:   cfg.ConnectTimeout,
			MaxIdleConns:          100,
			MaxIdleConnsPerHost:   cfg.MaxConcurrent,
			IdleConnTimeout:       90 * time.Second,
			ResponseHeaderTimeout: cfg.ReadTimeout,
			ForceAttemptHTTP2:     true,
		}}
	}
	rps := cfg.RequestsPerSecond
	if rps < 0 {
		rps = 0
	}
	return &Client{cfg: cfg, http: hc, budget: newBudget(rps, cfg.MaxConcurrent, cfg.Now), debug: newDebugLog(cfg.DebugLog)}, nil
}

// Region is the client's default region.
func (c *Client) Region() string { return c.cfg.Region }

// Signature is the signature version in use.
func (c *Client) Signature() SignatureVersion { return c.cfg.Signature }

// Endpoint describes where calls for p in region go, for the header line.
func (c *Client) Endpoint(p model.Product, region string) string {
	u, err := c.cfg.Endpoints.URL(p, region)
	if err != nil {
		return "?"
	}
	return u.Scheme + "://" + u.Host
}

// Request is one API call.
type Request struct {
	Product model.Product
	Action  string
	// Region selects the endpoint and, unless NoRegionParam, is sent as
	// RegionId when Params lacks one. "" means the client's region.
	Region        string
	NoRegionParam bool
	Params        map[string]string
}

// Response is a successful answer.
type Response struct {
	Body      []byte
	RequestID string
	Attempts  int
	Header    http.Header
}

// readAction reports whether an action only reads, so retrying it is always
// safe.
func readAction(action string) bool {
	for _, p := range []string{"Describe", "List", "Get", "Query", "Check"} {
		if strings.HasPrefix(action, p) {
			return true
		}
	}
	return false
}

// Do sends req, retrying what is safe to retry, and returns the answer or a
// typed error (*APIError, *TransportError, *MalformedResponseError), or for
// a write that may have been applied, *OutcomeUnknownError.
func (c *Client) Do(ctx context.Context, req Request) (*Response, error) {
	if req.Region == "" {
		req.Region = c.cfg.Region
	}
	if req.Product == "" {
		req.Product = model.ProductVPC
	}
	idempotent := readAction(req.Action) || req.Params["ClientToken"] != ""
	registerParamSecrets(req.Params)
	// A write that may have been applied and then failed is not reported
	// as its last attempt's error (outcome.go).
	write := !readAction(req.Action) && req.Params["DryRun"] != "true"
	var attempts []Attempt
	ambiguous := false
	fail := func(err error) error {
		if write && ambiguous {
			return &OutcomeUnknownError{Action: req.Action, Attempts: attempts, Last: err}
		}
		return err
	}
	start := c.cfg.Now()
	var lastErr error
	for attempt := 1; ; attempt++ {
		if err := c.budget.acquire(ctx); err != nil {
			if lastErr != nil {
				return nil, fail(lastErr)
			}
			return nil, &TransportError{Action: req.Action, Err: err}
		}
		t0 := c.cfg.Now()
		resp, err := c.once(ctx, req)
		c.budget.release()
		c.debug.write(req, resp, err, attempt, c.cfg.Now().Sub(t0))
		if err == nil {
			c.budget.succeeded()
			resp.Attempts = attempt
			return resp, nil
		}
		lastErr = err
		if write {
			attempts = append(attempts, attemptOf(err))
			ambiguous = ambiguous || mayHaveApplied(err)
		}
		var ae *APIError
		var hdr http.Header
		if errors.As(err, &ae) && ae.IsThrottling() {
			c.budget.throttled()
		}
		if resp != nil {
			hdr = resp.Header
		}
		retry, _ := retryDecision(err, idempotent)
		if !retry || attempt >= c.cfg.MaxAttempts || ctx.Err() != nil {
			return nil, fail(err)
		}
		delay := backoff(attempt, c.cfg.BaseBackoff, c.cfg.MaxBackoff, c.cfg.Rand)
		if d := serverRetryAfter(hdr); d > delay {
			delay = d
		}
		if c.cfg.Now().Add(delay).Sub(start) > c.cfg.MaxRetryElapsed {
			return nil, fail(err)
		}
		if sleepCtx(ctx, delay) != nil {
			return nil, fail(err)
		}
	}
}

// once signs and sends one attempt. A fresh nonce and timestamp each time:
// the server rejects a replayed nonce, but the ClientToken in Params stays.
func (c *Client) once(ctx context.Context, req Request) (*Response, error) {
	creds, err := c.cfg.Credentials.Credentials(ctx)
	if err != nil {
		return nil, &TransportError{Action: req.Action, Err: fmt.Errorf("credentials: %w", err), NotSent: true}
	}
	RegisterSecret(creds.AccessKeySecret)
	RegisterSecret(creds.SecurityToken)
	base, err := c.cfg.Endpoints.URL(req.Product, req.Region)
	if err != nil {
		return nil, &TransportError{Action: req.Action, Err: err, NotSent: true}
	}
	params := make(map[string]string, len(req.Params)+12)
	for k, v := range req.Params {
		params[k] = v
	}
	if !req.NoRegionParam && req.Region != "" {
		if _, ok := params["RegionId"]; !ok {
			params["RegionId"] = req.Region
		}
	}

	actx, cancel := context.WithTimeout(ctx, c.cfg.ReadTimeout)
	defer cancel()
	var hreq *http.Request
	switch c.cfg.Signature {
	case SignatureV1:
		hreq, err = c.buildV1(actx, base, req, params, creds)
	default:
		hreq, err = c.buildV3(actx, base, req, params, creds)
	}
	if err != nil {
		return nil, &TransportError{Action: req.Action, Err: err, NotSent: true}
	}
	hresp, err := c.http.Do(hreq)
	if err != nil {
		if ctx.Err() != nil {
			return nil, &TransportError{Action: req.Action, Err: ctx.Err()}
		}
		return nil, &TransportError{Action: req.Action, Err: scrub(unwrapURLError(err), creds), NotSent: notSent(err)}
	}
	defer hresp.Body.Close()
	body, rerr := readBody(hresp, MaxBodyBytes)
	resp := &Response{Body: body, Header: hresp.Header, RequestID: hresp.Header.Get("x-acs-request-id")}
	if errors.Is(rerr, ErrBodyTooLarge) && hresp.StatusCode < 400 {
		resp.Body = nil
		return resp, &MalformedResponseError{Action: req.Action, RequestID: resp.RequestID, Err: rerr, Snippet: snippet(body[:min(len(body), 512)])}
	}
	if rerr != nil && !errors.Is(rerr, ErrBodyTooLarge) {
		return resp, &TransportError{Action: req.Action, Err: scrub(rerr, creds)}
	}
	if hresp.StatusCode >= 400 {
		ae := parseAPIError(hresp.StatusCode, body, req.Product.Code(), req.Action, resp.RequestID)
		ae.Message = scrubString(ae.Message, creds)
		resp.Body = nil // an error document is read; the rest is not kept
		return resp, ae
	}
	if err := notAnObject(body); err != nil {
		return resp, &MalformedResponseError{Action: req.Action, RequestID: resp.RequestID, Err: err, Snippet: snippet(body)}
	}
	var head struct {
		RequestID string `json:"RequestId"`
	}
	if err := json.Unmarshal(body, &head); err != nil {
		return resp, &MalformedResponseError{Action: req.Action, RequestID: Clean(resp.RequestID), Err: err, Snippet: snippet(body)}
	}
	if head.RequestID != "" {
		resp.RequestID = head.RequestID
	}
	return resp, nil
}

func (c *Client) commonTime() string { return c.cfg.Now().UTC().Format("2006-01-02T15:04:05Z") }

func (c *Client) buildV1(ctx context.Context, base *url.URL, req Request, params map[string]string, creds Credentials) (*http.Request, error) {
	common := map[string]string{
		"Action":           req.Action,
		"Version":          req.Product.Version(),
		"Format":           "JSON",
		"Timestamp":        c.commonTime(),
		"SignatureMethod":  "HMAC-SHA1",
		"SignatureVersion": "1.0",
		"SignatureNonce":   c.cfg.Nonce(),
		"AccessKeyId":      creds.AccessKeyID,
	}
	if creds.SecurityToken != "" {
		common["SecurityToken"] = creds.SecurityToken
	}
	all := make(map[string]string, len(common)+len(params))
	for k, v := range params {
		all[k] = v
	}
	for k, v := range common {
		all[k] = v
	}
	sig := SignV1(c.cfg.Method, all, creds.AccessKeySecret)
	registerSignature(sig)
	u := *base
	u.Path = "/"
	var body io.Reader
	var query map[string]string
	if c.cfg.Method == http.MethodPost {
		// API parameters in a form body, protocol parameters in the query:
		// both are signed together.
		query = common
		body = strings.NewReader(CanonicalQuery(params))
	} else {
		query = all
	}
	q := make(map[string]string, len(query)+1)
	for k, v := range query {
		q[k] = v
	}
	q["Signature"] = sig
	u.RawQuery = CanonicalQuery(q)
	hreq, err := http.NewRequestWithContext(ctx, c.cfg.Method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if body != nil {
		hreq.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.cfg.UserAgent)
	hreq.Header.Set("x-acs-action", req.Action)
	hreq.Header.Set("x-acs-version", req.Product.Version())
	return hreq, nil
}

func (c *Client) buildV3(ctx context.Context, base *url.URL, req Request, params map[string]string, creds Credentials) (*http.Request, error) {
	u := *base
	u.Path = "/"
	u.RawQuery = CanonicalQuery(params)
	hreq, err := http.NewRequestWithContext(ctx, c.cfg.Method, u.String(), http.NoBody)
	if err != nil {
		return nil, err
	}
	h := map[string][]string{
		"host":                  {u.Host},
		"x-acs-action":          {req.Action},
		"x-acs-version":         {req.Product.Version()},
		"x-acs-date":            {c.commonTime()},
		"x-acs-signature-nonce": {c.cfg.Nonce()},
		"x-acs-content-sha256":  {EmptyPayloadHash},
	}
	if creds.SecurityToken != "" {
		h["x-acs-security-token"] = []string{creds.SecurityToken}
		h["x-acs-accesskey-id"] = []string{creds.AccessKeyID}
	}
	auth := SignV3(V3Request{Method: c.cfg.Method, Path: "/", Query: params, Headers: h, PayloadHash: EmptyPayloadHash}, creds.AccessKeyID, creds.AccessKeySecret)
	if i := strings.LastIndex(auth, "Signature="); i >= 0 {
		registerSignature(auth[i+len("Signature="):])
	}
	for k, v := range h {
		if k == "host" {
			continue // net/http sends Host from the URL
		}
		hreq.Header.Set(k, v[0])
	}
	hreq.Header.Set("Authorization", auth)
	hreq.Header.Set("Accept", "application/json")
	hreq.Header.Set("User-Agent", c.cfg.UserAgent)
	return hreq, nil
}

func randomNonce() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// NewClientToken returns a fresh idempotence token (at most 64 ASCII
// characters) for one submission.
func NewClientToken() string { return "alivpc-" + randomNonce() }

func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// scrub removes the secret and the token from an error's text, in case a
// server or proxy echoed them back (and, through Clean, every other secret
// of the run and any terminal control sequence).
func scrub(err error, creds Credentials) error {
	if err == nil {
		return nil
	}
	s := err.Error()
	t := scrubString(s, creds)
	if s == t {
		return err
	}
	return errors.New(t)
}

func scrubString(s string, creds Credentials) string {
	s = Clean(s)
	for _, secret := range []string{creds.AccessKeySecret, creds.SecurityToken} {
		if len(secret) < 4 {
			continue
		}
		for _, form := range []string{secret, PercentEncode(secret), PercentEncode(PercentEncode(secret))} {
			s = strings.ReplaceAll(s, form, "****")
		}
	}
	return s
}

// Decode unmarshals a response body into out, as a MalformedResponseError
// when it does not fit.
func (r *Response) Decode(action string, out any) error {
	if err := json.Unmarshal(r.Body, out); err != nil {
		return &MalformedResponseError{Action: action, RequestID: Clean(r.RequestID), Err: err, Snippet: snippet(r.Body)}
	}
	return nil
}

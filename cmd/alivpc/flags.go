package main

import (
	"cmp"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/client"
	"github.com/alivpc/alivpc/client/sim"
)

// connFlags choose the account, region and endpoint.
type connFlags struct {
	region, profile, endpoint, network, signature, method string
	debugLog                                              string
	maxRPS                                                float64
	maxConcurrency                                        int
	connectTimeout, readTimeout                           time.Duration
}

func (c *connFlags) register(fs *pflag.FlagSet) {
	fs.StringVar(&c.region, "region", "", "region `ID`, e.g. cn-hangzhou (default: $ALIBABA_CLOUD_REGION_ID, then the profile's region_id)")
	fs.StringVar(&c.profile, "profile", "", "credential `PROFILE` of the aliyun CLI config (~/.aliyun/config.json) or ~/.alibabacloud/credentials (default: $ALIBABA_CLOUD_PROFILE, then the file's current)")
	fs.StringVar(&c.endpoint, "endpoint", "", "send every product's calls to this `URL` instead, e.g. http://127.0.0.1:8080 (http is allowed, for the simulator)")
	fs.StringVar(&c.network, "network", "public", "endpoint `NETWORK`: public, or vpc for the VPC-internal vpc-vpc.<region> endpoints")
	fs.StringVar(&c.signature, "signature", "v3", "request `SIGNATURE`: v3 (ACS3-HMAC-SHA256) or v1 (HMAC-SHA1)")
	fs.StringVar(&c.method, "method", "POST", "HTTP `METHOD` for API calls: POST or GET")
	fs.StringVar(&c.debugLog, "debug-log", "", "append one JSON line per API request to `FILE` (secrets removed)")
	fs.Float64Var(&c.maxRPS, "max-rps", 400, "client-wide request budget per second (halves on throttling, then recovers)")
	fs.IntVar(&c.maxConcurrency, "max-concurrency", 20, "client-wide limit of requests in flight")
	fs.DurationVar(&c.connectTimeout, "connect-timeout", 5*time.Second, "TCP/TLS connect timeout")
	fs.DurationVar(&c.readTimeout, "read-timeout", 15*time.Second, "timeout of one API request attempt")
}

// simFlags configure the simulator (for `alivpc sim` and `alivpc --sim`).
type simFlags struct {
	dataset                string
	seed                   int64
	settle                 time.Duration
	latency, jitter        time.Duration
	throttle, fail, drop   float64
	qps                    float64
	requestLog, statePath  string
	accessKeyID, secretKey string
}

func (s *simFlags) register(fs *pflag.FlagSet, withKeys bool) {
	fs.StringVar(&s.dataset, "dataset", sim.DatasetDemo, "simulator `DATASET`: demo (realistic), empty, or large (20+ regions, 2,000 VPCs, 20,000 VSwitches, 100,000 route entries)")
	fs.Int64Var(&s.seed, "seed", 1, "seed of the large dataset and of fault injection")
	fs.DurationVar(&s.settle, "settle", 3*time.Second, "how long the simulator keeps resources in a transitional phase (Pending, Creating, ...)")
	fs.DurationVar(&s.latency, "latency", 0, "simulated latency added to every answer")
	fs.DurationVar(&s.jitter, "jitter", 0, "random extra latency, up to this much")
	fs.Float64Var(&s.throttle, "throttle", 0, "fraction of requests answered Throttling.User (0-1)")
	fs.Float64Var(&s.fail, "fail", 0, "fraction of requests answered ServiceUnavailable 503 or InternalError 500 (0-1)")
	fs.Float64Var(&s.drop, "drop", 0, "fraction of writes applied and then answered by closing the connection (0-1)")
	fs.Float64Var(&s.qps, "qps", 0, "requests per second allowed per AccessKey; beyond it Throttling.User (0 = unlimited)")
	fs.StringVar(&s.requestLog, "request-log", "", "append one JSON line per simulator request to `FILE`")
	fs.StringVar(&s.statePath, "state", "", "keep simulator state in `FILE` across restarts")
	if withKeys {
		fs.StringVar(&s.accessKeyID, "access-key-id", sim.DefaultAccessKeyID, "AccessKey ID the simulator accepts")
		fs.StringVar(&s.secretKey, "access-key-secret", sim.DefaultAccessKeySecret, "AccessKey secret the simulator accepts")
	}
}

func (s *simFlags) validate() error {
	switch s.dataset {
	case sim.DatasetDemo, sim.DatasetEmpty, sim.DatasetLarge:
	default:
		return usageError("--dataset %q: use demo, empty or large", s.dataset)
	}
	for name, v := range map[string]float64{"throttle": s.throttle, "fail": s.fail, "drop": s.drop} {
		if v < 0 || v > 1 {
			return usageError("--%s %v: give a fraction between 0 and 1", name, v)
		}
	}
	if s.qps < 0 || s.latency < 0 || s.jitter < 0 || s.settle < 0 {
		return usageError("--qps, --latency, --jitter and --settle cannot be negative")
	}
	return nil
}

// server builds a simulator; the returned closer flushes its logs and state.
func (s *simFlags) server() (*sim.Server, func(), error) {
	opts := sim.Options{
		Dataset: s.dataset, Seed: s.seed, Settle: s.settle, StatePath: s.statePath,
		Latency: s.latency, Jitter: s.jitter, Throttle: s.throttle, Fail: s.fail, Drop: s.drop, QPS: s.qps,
	}
	if s.accessKeyID != "" && (s.accessKeyID != sim.DefaultAccessKeyID || s.secretKey != sim.DefaultAccessKeySecret) {
		opts.Keys = append([]sim.Key{{ID: s.accessKeyID, Secret: s.secretKey}}, sim.DefaultKeys()...)
	}
	var logFile *os.File
	if s.requestLog != "" {
		f, err := openAppend(s.requestLog)
		if err != nil {
			return nil, nil, err
		}
		logFile = f
		opts.RequestLog = f
	}
	srv, err := sim.New(opts)
	if err != nil {
		if logFile != nil {
			logFile.Close()
		}
		return nil, nil, err
	}
	return srv, func() {
		_ = srv.Close()
		if logFile != nil {
			logFile.Close()
		}
	}, nil
}

func openAppend(path string) (*os.File, error) {
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, err
		}
	}
	return os.OpenFile(path, os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600)
}

// connection is a ready client and what to show about it.
type connection struct {
	client    *client.Client
	region    string
	profile   string
	simulator bool
	// snapshot is the time of the snapshot the client reads (--snapshot),
	// snapshotFile its file.
	snapshot, snapshotFile string
	close                  func()
}

// connect builds the client: on the embedded simulator when useSim, else
// from the credential chain.
func connect(cf *connFlags, useSim bool, sf *simFlags, defaultRegion string) (*connection, error) {
	sig, err := client.ParseSignatureVersion(cf.signature)
	if err != nil {
		return nil, usageError("--signature: %v", err)
	}
	if cf.network != "public" && cf.network != "vpc" && cf.network != "" {
		return nil, usageError("--network %q: use public or vpc", cf.network)
	}
	conn := &connection{close: func() {}}
	var closers []func()
	conn.close = func() {
		for i := len(closers) - 1; i >= 0; i-- {
			closers[i]()
		}
	}
	cfg := client.Config{
		Signature: sig, Method: cf.method,
		Endpoints:      client.Endpoints{Override: cf.endpoint, Network: cf.network},
		ConnectTimeout: cf.connectTimeout, ReadTimeout: cf.readTimeout,
		RequestsPerSecond: cf.maxRPS, MaxConcurrent: cf.maxConcurrency,
		UserAgent: "alivpc/" + versionString(),
	}
	if cf.debugLog != "" {
		f, err := openAppend(cf.debugLog)
		if err != nil {
			return nil, fmt.Errorf("--debug-log: %w", err)
		}
		closers = append(closers, func() { f.Close() })
		cfg.DebugLog = f
	}
	if useSim {
		if err := sf.validate(); err != nil {
			conn.close()
			return nil, err
		}
		srv, closeSim, err := sf.server()
		if err != nil {
			conn.close()
			return nil, fmt.Errorf("simulator: %w", err)
		}
		closers = append(closers, closeSim)
		url, stop, err := serveSim(srv, "127.0.0.1:0", sim.DefaultServeLimits(), sf.latency+sf.jitter)
		if err != nil {
			conn.close()
			return nil, fmt.Errorf("simulator: %w", err)
		}
		closers = append(closers, stop)
		cfg.Endpoints.Override = url
		cfg.Credentials = client.StaticCredentials(sim.DefaultAccessKeyID, sim.DefaultAccessKeySecret, "")
		conn.region = cmp.Or(cf.region, defaultRegion, "cn-hangzhou")
		conn.simulator = true
	} else {
		opts := client.CredentialOptions{Profile: cf.profile}
		src, err := client.ResolveCredentials(opts)
		if err != nil {
			conn.close()
			return nil, err
		}
		cfg.Credentials = src
		region, _, rerr := client.ResolveRegion(cf.region, opts)
		if rerr != nil {
			if defaultRegion == "" {
				conn.close()
				return nil, rerr
			}
			region = defaultRegion
		}
		conn.region = region
		conn.profile = credentialLabel(cf.profile, src.Name())
	}
	cfg.Region = conn.region
	c, err := client.New(cfg)
	if err != nil {
		conn.close()
		return nil, err
	}
	conn.client = c
	return conn, nil
}

// errQuiet is an exit status whose message was already printed.
var errQuiet = errors.New("")

// credentialLabel is what the header says about the credentials: the
// profile's name when one was chosen, else a short form of where the keys
// came from ("env keys", "ECS RAM role").
func credentialLabel(flagProfile, source string) string {
	if p := cmp.Or(flagProfile, os.Getenv("ALIBABA_CLOUD_PROFILE")); p != "" {
		return "profile " + p
	}
	switch {
	case strings.HasPrefix(source, "env "):
		return "env keys"
	case source == "":
		return ""
	}
	if i := strings.Index(source, " ("); i > 0 {
		source = source[:i]
	}
	return source
}

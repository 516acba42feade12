package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"syscall"
	"time"

	"github.com/spf13/pflag"

	"github.com/alivpc/alivpc/client/sim"
)

var simSynopsis = `alivpc sim — serve the Alibaba Cloud VPC API simulator (VPC 2016-04-28, VpcPeer 2022-01-01,
Smart Access Gateway 2018-03-13, STS 2015-04-01 GetCallerIdentity) over HTTP. It verifies both
signature versions (v1 HMAC-SHA1 and ACS3-HMAC-SHA256, with STS), keeps state, runs lifecycles
on a clock and injects faults.
Official SDKs and the aliyun CLI work against it.

Default keys: ` + sim.DefaultAccessKeyID + ` / ` + sim.DefaultAccessKeySecret + `
(STS: ` + sim.DefaultSTSAccessKeyID + ` / ` + sim.DefaultSTSAccessKeySecret + ` with token ` + sim.DefaultSecurityToken + `).
Both act for account ` + strconv.FormatInt(sim.AccountUID, 10) + `, which owns every seeded resource;
` + sim.PartnerAccessKeyID + ` / ` + sim.PartnerAccessKeySecret + ` acts for the partner account ` + strconv.FormatInt(sim.PartnerAccountUID, 10) + `,
which alone may accept or reject the peering requests made to it.`

// simOptions are the flags of `alivpc sim`.
type simOptions struct {
	sf     simFlags
	addr   string
	limits sim.ServeLimits
}

func (o *simOptions) register(fs *pflag.FlagSet) {
	o.sf.register(fs, true)
	fs.StringVar(&o.addr, "addr", "127.0.0.1:8080", "listen address")
	d := sim.DefaultServeLimits()
	fs.IntVar(&o.limits.MaxConns, "max-connections", d.MaxConns, "connections served at once; past it a request is answered 503 with Retry-After")
	fs.DurationVar(&o.limits.ReadTimeout, "read-timeout", d.ReadTimeout, "time to read a whole request (headers within "+d.ReadHeaderTimeout.String()+"); a slower one is cut off")
	fs.DurationVar(&o.limits.IdleTimeout, "idle-timeout", d.IdleTimeout, "an idle keep-alive connection is closed after this long")
}

// serveSim serves srv on addr within the limits: timeouts for slow and
// idle connections, a connection cap with 503 + Retry-After past it.
func serveSim(srv http.Handler, addr string, l sim.ServeLimits, latency time.Duration) (string, func(), error) {
	if l.MaxConns <= 0 || l.ReadTimeout <= 0 || l.IdleTimeout <= 0 {
		return "", nil, usageError("--max-connections, --read-timeout and --idle-timeout must be positive")
	}
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return "", nil, fmt.Errorf("listen on %s: %w", addr, err)
	}
	l.WriteTimeout = sim.DefaultServeLimits().WriteTimeout + latency
	hs := sim.NewHTTPServer(srv, l)
	go func() { _ = hs.Serve(ln) }()
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
	}, nil
}

func runSim(o *simOptions, stdout io.Writer) error {
	sf, addr := &o.sf, &o.addr
	if err := sf.validate(); err != nil {
		return err
	}
	srv, closeSim, err := sf.server()
	if err != nil {
		return err
	}
	defer closeSim()
	url, stop, err := serveSim(srv, *addr, o.limits, sf.latency+sf.jitter)
	if err != nil {
		return err
	}
	defer stop()
	fmt.Fprintf(stdout, "alivpc simulator (dataset %s, settle %s) listening on %s\n\n", sf.dataset, sf.settle, url)
	fmt.Fprintf(stdout, "A client needs:\n")
	fmt.Fprintf(stdout, "  export ALIBABA_CLOUD_ACCESS_KEY_ID=%s\n", sf.accessKeyID)
	fmt.Fprintf(stdout, "  export ALIBABA_CLOUD_ACCESS_KEY_SECRET=%s\n", sf.secretKey)
	fmt.Fprintf(stdout, "  export ALIBABA_CLOUD_REGION_ID=cn-hangzhou\n")
	fmt.Fprintf(stdout, "  alivpc --endpoint %s\n", url)
	fmt.Fprintf(stdout, "  aliyun vpc DescribeVpcs --endpoint %s --insecure\n\nCtrl+C stops it.\n", url[len("http://"):])
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, os.Interrupt, syscall.SIGTERM)
	<-sig
	fmt.Fprintln(stdout, "stopping")
	return nil
}

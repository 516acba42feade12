package sim

import (
	"context"
	"net"
	"net/http"
	"strconv"
	"sync"
	"sync/atomic"
	"time"
)

// ServeLimits bound what a simulator served over the network holds: how
// long a connection may take to send its request or stay idle, and how many
// connections it keeps at once.
type ServeLimits struct {
	// ReadHeaderTimeout bounds the request line and headers; ReadTimeout
	// the whole request, body included (a slow body is cut off).
	ReadHeaderTimeout, ReadTimeout time.Duration
	// WriteTimeout bounds handling and answering one request; keep it above
	// Options.Latency + Jitter.
	WriteTimeout time.Duration
	// IdleTimeout closes a keep-alive connection with no request.
	IdleTimeout time.Duration
	// MaxConns is how many connections are served at once. Up to as many
	// again are accepted only to be answered 503 ServiceUnavailable with
	// Retry-After and closed; past that they are closed at once.
	MaxConns int
	// RetryAfter is what the 503 asks a client to wait (default 1s).
	RetryAfter time.Duration
}

// DefaultServeLimits are the limits of `alivpc sim`.
func DefaultServeLimits() ServeLimits {
	return ServeLimits{
		ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 60 * time.Second, IdleTimeout: 60 * time.Second,
		MaxConns: 512, RetryAfter: time.Second,
	}
}

func (l ServeLimits) withDefaults() ServeLimits {
	d := DefaultServeLimits()
	for _, f := range []struct{ v, def *time.Duration }{
		{&l.ReadHeaderTimeout, &d.ReadHeaderTimeout}, {&l.ReadTimeout, &d.ReadTimeout},
		{&l.WriteTimeout, &d.WriteTimeout}, {&l.IdleTimeout, &d.IdleTimeout}, {&l.RetryAfter, &d.RetryAfter},
	} {
		if *f.v <= 0 {
			*f.v = *f.def
		}
	}
	if l.MaxConns <= 0 {
		l.MaxConns = d.MaxConns
	}
	l.ReadHeaderTimeout = min(l.ReadHeaderTimeout, l.ReadTimeout)
	return l
}

// HTTPServer serves a handler (normally a *Server) on a listener within
// ServeLimits.
type HTTPServer struct {
	hs     *http.Server
	limits ServeLimits
	active atomic.Int64 // open connections, over-cap ones included
}

// NewHTTPServer wraps h in an http.Server with l's timeouts and connection
// cap.
func NewHTTPServer(h http.Handler, l ServeLimits) *HTTPServer {
	l = l.withDefaults()
	s := &HTTPServer{limits: l}
	s.hs = &http.Server{
		Handler:           s.gate(h),
		ReadHeaderTimeout: l.ReadHeaderTimeout,
		ReadTimeout:       l.ReadTimeout,
		WriteTimeout:      l.WriteTimeout,
		IdleTimeout:       l.IdleTimeout,
		MaxHeaderBytes:    64 << 10,
		ConnContext: func(ctx context.Context, c net.Conn) context.Context {
			return context.WithValue(ctx, connKey{}, c)
		},
	}
	return s
}

type connKey struct{}

// Serve accepts connections on ln until Shutdown.
func (s *HTTPServer) Serve(ln net.Listener) error {
	return s.hs.Serve(&capListener{Listener: ln, srv: s})
}

// Shutdown stops accepting, then waits for the requests in flight.
func (s *HTTPServer) Shutdown(ctx context.Context) error { return s.hs.Shutdown(ctx) }

// Conns is how many connections are open.
func (s *HTTPServer) Conns() int { return int(s.active.Load()) }

// gate answers the requests of an over-cap connection 503 with Retry-After
// and closes it; the others reach h.
func (s *HTTPServer) gate(h http.Handler) http.Handler {
	retry := strconv.Itoa(int(max(1, s.limits.RetryAfter.Round(time.Second)/time.Second)))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if c, ok := r.Context().Value(connKey{}).(*capConn); ok && c.over {
			b, _ := encodeJSON(errorBody{
				RequestId: newRequestID(), HostId: "vpc.aliyuncs.com", Code: "ServiceUnavailable",
				Message: "The simulator is serving its maximum number of connections; retry later.",
			})
			w.Header().Set("Content-Type", "application/json;charset=utf-8")
			w.Header().Set("Retry-After", retry)
			w.Header().Set("Connection", "close")
			w.WriteHeader(http.StatusServiceUnavailable)
			_, _ = w.Write(b)
			return
		}
		h.ServeHTTP(w, r)
	})
}

// capListener counts connections: past MaxConns it marks them over (one
// 503, then closed), past twice that it closes them unread.
type capListener struct {
	net.Listener
	srv *HTTPServer
}

func (l *capListener) Accept() (net.Conn, error) {
	for {
		c, err := l.Listener.Accept()
		if err != nil {
			return nil, err
		}
		n := l.srv.active.Add(1)
		limit := int64(l.srv.limits.MaxConns)
		if n > 2*limit {
			l.srv.active.Add(-1)
			c.Close()
			continue
		}
		return &capConn{Conn: c, srv: l.srv, over: n > limit}, nil
	}
}

type capConn struct {
	net.Conn
	srv  *HTTPServer
	over bool
	once sync.Once
}

func (c *capConn) Close() error {
	c.once.Do(func() { c.srv.active.Add(-1) })
	return c.Conn.Close()
}

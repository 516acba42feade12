package sim

import (
	"bufio"
	"errors"
	"io"
	"net"
	"net/http"
	"os"
	"testing"
	"time"
)

// startHTTP serves h within l on a loopback port.
func startHTTP(t *testing.T, h http.Handler, l ServeLimits) (string, *HTTPServer) {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	hs := NewHTTPServer(h, l)
	go func() { _ = hs.Serve(ln) }()
	t.Cleanup(func() { _ = hs.Shutdown(t.Context()) })
	return ln.Addr().String(), hs
}

// closedWithin reports how long the server took to close c (reading and
// discarding whatever it sends first), failing after limit.
func closedWithin(t *testing.T, c net.Conn, limit time.Duration) time.Duration {
	t.Helper()
	start := time.Now()
	_ = c.SetReadDeadline(start.Add(limit))
	_, err := io.Copy(io.Discard, c)
	var ne net.Error
	if errors.As(err, &ne) && ne.Timeout() || errors.Is(err, os.ErrDeadlineExceeded) {
		t.Fatalf("the server kept the connection open for %s", limit)
	}
	return time.Since(start)
}

// dial connects to addr; the connection is closed at the end of the test.
func dial(t *testing.T, addr string) net.Conn {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func get(t *testing.T, c net.Conn, r *bufio.Reader) *http.Response {
	t.Helper()
	if _, err := io.WriteString(c, "GET /?Action=DescribeRegions HTTP/1.1\r\nHost: sim\r\n\r\n"); err != nil {
		t.Fatal(err)
	}
	resp, err := http.ReadResponse(r, nil)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp
}

// A client that sends its headers or body too slowly, or keeps an idle
// keep-alive connection, is disconnected within the timeout.
func TestSlowAndIdleConnectionsAreClosed(t *testing.T) {
	srv, err := New(Options{Dataset: DatasetEmpty})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	l := ServeLimits{ReadHeaderTimeout: 300 * time.Millisecond, ReadTimeout: 600 * time.Millisecond, IdleTimeout: 400 * time.Millisecond}
	addr, hs := startHTTP(t, srv, l)
	const margin = 3 * time.Second

	slowHeaders := dial(t, addr)
	_, _ = io.WriteString(slowHeaders, "POST / HTTP/1.1\r\nHost: sim\r\n")
	if d := closedWithin(t, slowHeaders, l.ReadHeaderTimeout+margin); d < l.ReadHeaderTimeout/2 {
		t.Errorf("slow headers: closed after %s, before the timeout", d)
	}

	slowBody := dial(t, addr)
	_, _ = io.WriteString(slowBody, "POST / HTTP/1.1\r\nHost: sim\r\nContent-Type: application/x-www-form-urlencoded\r\nContent-Length: 1000\r\n\r\nAction=Desc")
	closedWithin(t, slowBody, l.ReadTimeout+margin)

	idle := dial(t, addr)
	if resp := get(t, idle, bufio.NewReader(idle)); resp.StatusCode != 400 || resp.Close {
		t.Fatalf("an unsigned request: %d (close %v), want 400 on a kept-alive connection", resp.StatusCode, resp.Close)
	}
	if d := closedWithin(t, idle, l.IdleTimeout+margin); d < l.IdleTimeout/2 {
		t.Errorf("idle connection closed after %s, before the idle timeout", d)
	}
	deadline := time.Now().Add(margin)
	for hs.Conns() != 0 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	if n := hs.Conns(); n != 0 {
		t.Errorf("%d connections still counted after all were closed", n)
	}
}

// Past MaxConns a connection gets one 503 ServiceUnavailable with
// Retry-After and is closed; once a slot frees, requests are served again.
func TestConnectionCapAnswers503WithRetryAfter(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { _, _ = io.WriteString(w, "{}") })
	addr, hs := startHTTP(t, ok, ServeLimits{MaxConns: 2})
	var held []net.Conn
	for range 2 {
		c := dial(t, addr)
		if resp := get(t, c, bufio.NewReader(c)); resp.StatusCode != 200 {
			t.Fatalf("within the cap: %d", resp.StatusCode)
		}
		held = append(held, c)
	}
	over := dial(t, addr)
	resp := get(t, over, bufio.NewReader(over))
	if resp.StatusCode != 503 || resp.Header.Get("Retry-After") == "" || !resp.Close {
		t.Fatalf("past the cap: %d, Retry-After %q, close %v", resp.StatusCode, resp.Header.Get("Retry-After"), resp.Close)
	}
	closedWithin(t, over, 3*time.Second)

	held[0].Close()
	deadline := time.Now().Add(3 * time.Second)
	for hs.Conns() > 1 && time.Now().Before(deadline) {
		time.Sleep(10 * time.Millisecond)
	}
	again := dial(t, addr)
	if resp := get(t, again, bufio.NewReader(again)); resp.StatusCode != 200 {
		t.Fatalf("after a slot freed: %d", resp.StatusCode)
	}
}

package sim

import (
	"context"
	"math"
	"math/rand/v2"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// faults makes the injected-fault decisions from one seeded generator, so
// a test with a fixed Seed sees the same faults every run.
type faults struct {
	mu      sync.Mutex
	rng     *rand.Rand
	buckets map[string]*bucket
}

func newFaults(seed int64) *faults {
	return &faults{rng: rand.New(rand.NewPCG(uint64(seed), 0xfa017)), buckets: map[string]*bucket{}}
}

// roll reports true with probability p (never for p <= 0, which draws
// nothing, so enabling one fault does not shift the others).
func (f *faults) roll(p float64) bool {
	if p <= 0 {
		return false
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rng.Float64() < p
}

// pick returns a random integer in [0, n).
func (f *faults) pick(n int64) int64 {
	if n <= 0 {
		return 0
	}
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.rng.Int64N(n)
}

// bucket is a token bucket holding up to one second's worth of requests.
type bucket struct {
	tokens float64
	last   time.Time
}

// allow takes a token for keyID; when none is left it returns how long until
// one is.
func (f *faults) allow(keyID string, qps float64, now time.Time) (bool, time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	burst := math.Max(1, qps)
	b := f.buckets[keyID]
	if b == nil {
		b = &bucket{tokens: burst, last: now}
		f.buckets[keyID] = b
	}
	if el := now.Sub(b.last).Seconds(); el > 0 {
		b.tokens = math.Min(burst, b.tokens+el*qps)
		b.last = now
	}
	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	return false, time.Duration((1 - b.tokens) / qps * float64(time.Second))
}

// errRateLimited is Throttling.User with the headers clients use to wait:
// x-ratelimit-user-api (TimeLeft in ms, Reset in unix seconds) and
// x-acs-retry-after (ms).
func errRateLimited(qps float64, wait time.Duration, now time.Time) *apiError {
	e := errThrottled()
	ms := max(1, int64(math.Ceil(float64(wait)/float64(time.Millisecond))))
	reset := now.Add(wait)
	e.Header = http.Header{}
	e.Header.Set("x-ratelimit-user-api", "Limit:"+strconv.Itoa(int(math.Ceil(qps)))+",Remain:0,TimeLeft:"+
		strconv.FormatInt(ms, 10)+",Reset:"+strconv.FormatInt(reset.Unix(), 10))
	e.Header.Set("x-acs-retry-after", strconv.FormatInt(ms, 10))
	return e
}

// wait sleeps Latency plus a random share of Jitter, returning false if the
// client went away first.
func (s *Server) wait(ctx context.Context) bool {
	d := s.opts.Latency + time.Duration(s.faults.pick(int64(s.opts.Jitter)))
	if d <= 0 {
		return ctx.Err() == nil
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-ctx.Done():
		return false
	}
}

// injected decides, before the operation runs, whether this request is
// refused by the QPS limit or a random throttle/failure. It returns the
// error and the fault's name for the request log.
func (s *Server) injected(keyID string) (*apiError, string) {
	if s.opts.QPS > 0 {
		now := s.opts.Now()
		if ok, wait := s.faults.allow(keyID, s.opts.QPS, now); !ok {
			return errRateLimited(s.opts.QPS, wait, now), "qps"
		}
	}
	if s.faults.roll(s.opts.Throttle) {
		return errThrottled(), "throttle"
	}
	if s.faults.roll(s.opts.Fail) {
		if s.faults.pick(2) == 0 {
			return errUnavailable(), "fail"
		}
		return errInternal(), "fail"
	}
	return nil, ""
}

// drop closes the connection without an answer.
func drop(w http.ResponseWriter) {
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			conn.Close()
			return
		}
	}
	// No hijacking (HTTP/2): aborting the handler resets the stream.
	panic(http.ErrAbortHandler)
}

package client

import (
	"context"
	"sync"
	"time"
)

// budget is the one client-wide allowance every call goes through: at most
// MaxConcurrent calls in flight and at most rate calls per second (a token
// bucket). When the API throttles us anyway, the rate halves and then creeps
// back, so a fan-out over twenty regions never keeps hammering a quota.
type budget struct {
	sem chan struct{}

	mu      sync.Mutex
	maxRate float64 // configured ceiling
	rate    float64 // current rate, lowered on throttling
	floor   float64
	burst   float64
	tokens  float64
	last    time.Time
	now     func() time.Time

	throttledCount int
}

func newBudget(rps float64, concurrent int, now func() time.Time) *budget {
	if concurrent < 1 {
		concurrent = 1
	}
	b := &budget{sem: make(chan struct{}, concurrent), maxRate: rps, rate: rps, now: now}
	b.burst = float64(concurrent)
	if b.burst < 1 {
		b.burst = 1
	}
	b.tokens = b.burst
	b.floor = rps / 32
	if b.floor < 1 {
		b.floor = 1
	}
	b.last = now()
	return b
}

// acquire takes a concurrency slot and a rate token, waiting as needed.
func (b *budget) acquire(ctx context.Context) error {
	select {
	case b.sem <- struct{}{}:
	case <-ctx.Done():
		return ctx.Err()
	}
	if b.maxRate <= 0 {
		return nil
	}
	for {
		wait := b.take()
		if wait == 0 {
			return nil
		}
		if err := sleepCtx(ctx, wait); err != nil {
			<-b.sem
			return err
		}
	}
}

// take removes one token and returns 0, or how long to wait for one.
func (b *budget) take() time.Duration {
	b.mu.Lock()
	defer b.mu.Unlock()
	now := b.now()
	b.tokens += now.Sub(b.last).Seconds() * b.rate
	b.last = now
	if b.tokens > b.burst {
		b.tokens = b.burst
	}
	if b.tokens >= 1 {
		b.tokens--
		return 0
	}
	need := (1 - b.tokens) / b.rate
	return time.Duration(need*float64(time.Second)) + time.Millisecond
}

func (b *budget) release() { <-b.sem }

// throttled halves the rate (multiplicative decrease).
func (b *budget) throttled() {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.throttledCount++
	if b.maxRate <= 0 {
		return
	}
	b.rate /= 2
	if b.rate < b.floor {
		b.rate = b.floor
	}
	if b.tokens > 0 {
		b.tokens = 0
	}
}

// succeeded raises the rate a little (additive increase).
func (b *budget) succeeded() {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.maxRate <= 0 || b.rate >= b.maxRate {
		return
	}
	b.rate += b.maxRate / 50
	if b.rate > b.maxRate {
		b.rate = b.maxRate
	}
}

// Rate is the current allowed rate, for tests and diagnostics.
func (b *budget) Rate() float64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.rate
}

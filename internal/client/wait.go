package client

import (
	"context"
	"fmt"
	"time"
)

// PollConfig shapes how often a waiter asks for an object's state. The
// interval starts at Initial and then grows with the time already spent
// (Fraction of it), capped at Max: a wait that becomes ready after t seconds
// ends at most about Fraction·t later, while long waits cost few requests.
type PollConfig struct {
	Initial  time.Duration
	Max      time.Duration
	Fraction float64
}

// minPollInterval bounds the request rate of a misconfigured waiter.
const minPollInterval = 10 * time.Millisecond

// DefaultPollConfig finishes within ~10% (at least 500ms) of readiness.
func DefaultPollConfig() PollConfig {
	return PollConfig{Initial: 500 * time.Millisecond, Max: 5 * time.Second, Fraction: 0.07}
}

// interval is the wait before the next check after elapsed time spent.
func (p PollConfig) interval(elapsed time.Duration) time.Duration {
	d := time.Duration(float64(elapsed) * p.Fraction)
	if d < p.Initial {
		d = p.Initial
	}
	if d < minPollInterval {
		d = minPollInterval // never a busy loop, whatever the configuration
	}
	if p.Max > 0 && d > p.Max {
		d = p.Max
	}
	return d
}

// CheckFunc reports whether the awaited condition holds, and a short
// description of the state it saw (used in timeout messages).
type CheckFunc func(ctx context.Context) (done bool, state string, err error)

// WaitError is returned when the context ends before the condition holds.
// It unwraps to the context's error (context.DeadlineExceeded on timeout).
type WaitError struct {
	What      string
	LastState string
	Elapsed   time.Duration
	Err       error
}

func (e *WaitError) Error() string {
	msg := fmt.Sprintf("gave up waiting for %s after %s", e.What, e.Elapsed.Round(time.Second))
	if e.LastState != "" {
		msg += fmt.Sprintf(" (last state: %s)", e.LastState)
	}
	return msg + ": " + e.Err.Error()
}

func (e *WaitError) Unwrap() error { return e.Err }

// poller is Poll with an injectable clock, for tests.
type poller struct {
	cfg   PollConfig
	now   func() time.Time
	sleep func(ctx context.Context, d time.Duration) error
}

// Poll calls check until it is done, returns an error, or ctx ends. The first
// check happens at once.
func Poll(ctx context.Context, cfg PollConfig, what string, check CheckFunc) error {
	return poller{cfg: cfg, now: time.Now, sleep: sleepCtx}.run(ctx, what, check)
}

func (p poller) run(ctx context.Context, what string, check CheckFunc) error {
	start := p.now()
	last := ""
	for {
		done, state, err := check(ctx)
		if state != "" {
			last = state
		}
		// A condition seen to hold counts even if ctx ended during the check.
		if err == nil && done {
			return nil
		}
		if ctx.Err() != nil {
			return &WaitError{What: what, LastState: last, Elapsed: p.now().Sub(start), Err: ctx.Err()}
		}
		if err != nil {
			return err
		}
		if err := p.sleep(ctx, p.cfg.interval(p.now().Sub(start))); err != nil {
			return &WaitError{What: what, LastState: last, Elapsed: p.now().Sub(start), Err: err}
		}
	}
}

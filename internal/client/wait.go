package client

import (
	"context"
	"errors"
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

// DefaultPollConfig finishes within ~5% (at least 500ms) of readiness.
// Waiters of one kind share their lists (see board), so a tighter pace
// costs one request per look for all of them, not one per object.
func DefaultPollConfig() PollConfig {
	return PollConfig{Initial: 500 * time.Millisecond, Max: 5 * time.Second, Fraction: 0.05}
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

// notFoundGrace is how long a waiter with notFoundEarly treats a 404 as "not
// visible yet".
const notFoundGrace = 15 * time.Second

// notFoundRule says what a 404 from describe means to a waiter.
type notFoundRule int

const (
	// notFoundFails: a 404 ends the wait with that error, like any other.
	notFoundFails notFoundRule = iota
	// notFoundEarly: Pinecone's control plane is eventually consistent, so an
	// object can be missing from describe for a moment right after its
	// create. For notFoundGrace from the start a 404 is "not visible yet";
	// after that it fails the wait.
	notFoundEarly
	// notFoundDone: a 404 means the object is gone, which is what a deletion
	// waits for.
	notFoundDone
)

// waitFor is the waiter behind every WaitFor* method. It polls describe with
// the client's PollConfig until check reports done, describe or check fails,
// or ctx ends (a *WaitError naming what). check maps an object to done, the
// state shown in messages, and a typed error for a state the object cannot
// leave. on404 decides what a 404 means. It returns the last object
// described (nil if none) with the outcome.
func waitFor[T any](ctx context.Context, c *Client, what string, on404 notFoundRule,
	describe func(context.Context) (*T, error), check func(*T) (done bool, state string, err error),
) (*T, error) {
	var last *T
	start := time.Now()
	err := Poll(ctx, c.poll, what, func(ctx context.Context) (bool, string, error) {
		obj, err := describe(ctx)
		if errors.Is(err, ErrNotFound) {
			switch {
			case on404 == notFoundDone:
				return true, "", nil
			case on404 == notFoundEarly && time.Since(start) < notFoundGrace:
				return false, "not visible yet", nil
			}
		}
		if err != nil {
			return false, "", err
		}
		last = obj
		return check(obj)
	})
	return last, err
}

// waitGone polls describe until it answers 404; state names the state of the
// object while it still exists.
func waitGone[T any](ctx context.Context, c *Client, what string, describe func(context.Context) (*T, error), state func(*T) string) error {
	_, err := waitFor(ctx, c, what, notFoundDone, describe, func(obj *T) (bool, string, error) {
		return false, state(obj), nil
	})
	return err
}

// bind fixes the key of a Describe* method, for waitFor and waitGone.
func bind[K, T any](describe func(context.Context, K) (*T, error), key K) func(context.Context) (*T, error) {
	return func(ctx context.Context) (*T, error) { return describe(ctx, key) }
}

package client

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"
)

// RetryPolicy says how the client retries requests that failed for reasons
// that may pass: 429, 5xx and broken connections.
type RetryPolicy struct {
	// MaxRetries is the number of retries after the first attempt; 0 disables retries.
	MaxRetries int
	// MinBackoff is the first wait; each retry doubles it up to MaxBackoff.
	MinBackoff time.Duration
	MaxBackoff time.Duration
	// MaxElapsed caps the total time spent on one call including waits; 0 means
	// only the context bounds it.
	MaxElapsed time.Duration
	// AttemptTimeout bounds one attempt (connect, send, read the whole answer).
	AttemptTimeout time.Duration
}

// DefaultRetryPolicy is tuned for Pinecone's control plane: rate limits are
// per second, so short waits that honour Retry-After converge quickly.
func DefaultRetryPolicy() RetryPolicy {
	return RetryPolicy{
		MaxRetries:     8,
		MinBackoff:     250 * time.Millisecond,
		MaxBackoff:     15 * time.Second,
		MaxElapsed:     5 * time.Minute,
		AttemptTimeout: 60 * time.Second,
	}
}

type ctxKey int

const (
	ctxKeyRetrySafe ctxKey = iota
	ctxKeyAttempts
)

// withRetrySafePost marks a POST as safe to retry after an uncertain failure:
// the caller handles the 409 that a committed first attempt would cause.
func withRetrySafePost(ctx context.Context) context.Context {
	return context.WithValue(ctx, ctxKeyRetrySafe, true)
}

func isRetrySafePost(ctx context.Context) bool {
	v, _ := ctx.Value(ctxKeyRetrySafe).(bool)
	return v
}

// attemptLog records what happened to earlier attempts of one call.
type attemptLog struct {
	attempts  int
	uncertain bool
}

func withAttemptLog(ctx context.Context) (context.Context, *attemptLog) {
	l := &attemptLog{}
	return context.WithValue(ctx, ctxKeyAttempts, l), l
}

func attemptLogFrom(ctx context.Context) *attemptLog {
	l, _ := ctx.Value(ctxKeyAttempts).(*attemptLog)
	return l
}

// retryTransport retries one HTTP request. It buffers each answer's body so
// that the per-attempt timeout can be released before the caller reads it.
type retryTransport struct {
	next   http.RoundTripper
	policy RetryPolicy
	sleep  func(ctx context.Context, d time.Duration) error
	now    func() time.Time
	jitter func() float64 // in [0,1)

	// gate holds back every request of this client after a 429 until the
	// time the server asked for, so concurrent resources stop hammering a
	// rate-limited API together instead of each earning its own 429.
	gate rateGate
}

// rateGate remembers until when the server asked us to hold off.
type rateGate struct {
	mu    sync.Mutex
	until time.Time
	held  time.Time // when a 429 last closed the gate
}

func (g *rateGate) holdUntil(t time.Time) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.held = time.Now()
	if t.After(g.until) {
		g.until = t
	}
}

// lastHeld is when a 429 last closed the gate (zero: never).
func (g *rateGate) lastHeld() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.held
}

func (g *rateGate) openAt() time.Time {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.until
}

// gateSpread spreads requests released by the gate so they do not all hit
// the server in the same instant.
const gateSpread = 400 * time.Millisecond

func newRetryTransport(next http.RoundTripper, policy RetryPolicy) *retryTransport {
	return &retryTransport{next: next, policy: policy, sleep: sleepCtx, now: time.Now, jitter: rand.Float64}
}

// waitForGate sleeps while a recent 429 holds the client back.
func (t *retryTransport) waitForGate(ctx context.Context) error {
	wait := t.gate.openAt().Sub(t.now())
	if wait <= 0 {
		return nil
	}
	return t.sleep(ctx, wait+time.Duration(t.jitter()*float64(gateSpread)))
}

func (t *retryTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	log := attemptLogFrom(ctx)
	start := t.now()
	gated := false // this request just waited out its own 429
	for attempt := 0; ; attempt++ {
		if log != nil {
			log.attempts = attempt + 1
		}
		if !gated {
			if err := t.waitForGate(ctx); err != nil {
				return nil, err
			}
		}
		gated = false
		resp, err := t.attempt(req, attempt)
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		verdict := classify(req, resp, err)
		if !verdict.retry || attempt >= t.policy.MaxRetries {
			return resp, err
		}
		wait := t.backoff(attempt)
		if ra, ok := retryAfter(resp, t.now()); ok && ra > wait {
			wait = ra
		}

		if t.policy.MaxElapsed > 0 && t.now().Sub(start)+wait > t.policy.MaxElapsed {
			return resp, err
		}
		if resp != nil && resp.StatusCode == http.StatusTooManyRequests {
			// Hold back the client's other requests too; this one waits below.
			t.gate.holdUntil(t.now().Add(wait))
			gated = true
		}
		if verdict.uncertain && log != nil {
			log.uncertain = true
		}
		if sleepErr := t.sleep(ctx, wait); sleepErr != nil {
			return nil, sleepErr
		}
	}
}

// attempt sends one copy of req and reads the whole answer.
func (t *retryTransport) attempt(req *http.Request, n int) (*http.Response, error) {
	ctx := req.Context()
	if t.policy.AttemptTimeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.policy.AttemptTimeout)
		defer cancel()
	}
	r := req.Clone(ctx)
	if n > 0 && req.Body != nil && req.GetBody != nil {
		body, err := req.GetBody()
		if err != nil {
			return nil, err
		}
		r.Body = body
	}
	resp, err := t.next.RoundTrip(r)
	if err != nil {
		return nil, err
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return nil, err
	}
	resp.Body = io.NopCloser(bytes.NewReader(data))
	return resp, nil
}

type verdict struct {
	retry bool
	// uncertain: the server may have acted on the failed attempt.
	uncertain bool
}

func classify(req *http.Request, resp *http.Response, err error) verdict {
	replayable := isIdempotent(req.Method) || isRetrySafePost(req.Context())
	if err != nil {
		if isDialError(err) {
			// Nothing reached the server: any method can go again.
			return verdict{retry: true}
		}
		return verdict{retry: replayable, uncertain: true}
	}
	switch resp.StatusCode {
	case http.StatusTooManyRequests:
		// Rate limiting happens before the server acts.
		return verdict{retry: true}
	case http.StatusInternalServerError, http.StatusBadGateway, http.StatusServiceUnavailable, http.StatusGatewayTimeout:
		return verdict{retry: replayable, uncertain: true}
	}
	return verdict{}
}

// isIdempotent: every PATCH this client sends carries absolute values (tags
// merge by key, "" deletes), so repeating it yields the same result.
func isIdempotent(method string) bool {
	switch method {
	case http.MethodGet, http.MethodHead, http.MethodOptions, http.MethodPut, http.MethodDelete, http.MethodPatch:
		return true
	}
	return false
}

func isDialError(err error) bool {
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

func (t *retryTransport) backoff(attempt int) time.Duration {
	d := t.policy.MinBackoff
	for i := 0; i < attempt && d < t.policy.MaxBackoff; i++ {
		d *= 2
	}
	if t.policy.MaxBackoff > 0 && d > t.policy.MaxBackoff {
		d = t.policy.MaxBackoff
	}
	// Equal jitter: half fixed, half random, so concurrent resources spread out
	// without ever retrying immediately.
	return d/2 + time.Duration(t.jitter()*float64(d/2))
}

// retryAfter reads Retry-After as seconds or as an HTTP date.
func retryAfter(resp *http.Response, now time.Time) (time.Duration, bool) {
	if resp == nil {
		return 0, false
	}
	v := resp.Header.Get("Retry-After")
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.Atoi(v); err == nil && secs >= 0 {
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		if d := at.Sub(now); d > 0 {
			return d, true
		}
		return 0, true
	}
	return 0, false
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-timer.C:
		return nil
	}
}

package client

import (
	"bytes"
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// scripted answers request n with statuses[n] (the last one repeats).
func scripted(statuses ...int) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		s := statuses[len(statuses)-1]
		if n < len(statuses) {
			s = statuses[n]
		}
		if s >= 200 && s < 300 {
			reply(w, s, readyServerless)
			return
		}
		reply(w, s, pineconeError(s, "CODE_"+http.StatusText(s), "status "+http.StatusText(s)))
	}
}

func TestRetryAfterSecondsIsHonoured(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n < 2 {
			w.Header().Set("Retry-After", "1")
			reply(w, 429, pineconeError(429, "RESOURCE_EXHAUSTED", "slow down"))
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL())
	rec := &sleepRecorder{}
	retryOf(t, c).sleep = rec.sleep
	ix, err := c.DescribeIndex(t.Context(), "s")
	if err != nil {
		t.Fatalf("DescribeIndex: %v", err)
	}
	if ix.Name != "s" {
		t.Errorf("decoded %+v", ix)
	}
	if api.count() != 3 {
		t.Errorf("requests = %d, want 3", api.count())
	}
	waits := rec.recorded()
	if len(waits) != 2 || waits[0] != time.Second || waits[1] != time.Second {
		t.Errorf("waits = %v, want [1s 1s] from Retry-After", waits)
	}
}

func TestRetryAfterHTTPDate(t *testing.T) {
	clock := newFakeClock()
	at := clock.now().Add(30 * time.Second)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.Header().Set("Retry-After", at.Format(http.TimeFormat))
			reply(w, 503, pineconeError(503, "UNAVAILABLE", "maintenance"))
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL())
	rt := retryOf(t, c)
	rec := &sleepRecorder{}
	rt.sleep = rec.sleep
	rt.now = clock.now
	if _, err := c.DescribeIndex(t.Context(), "s"); err != nil {
		t.Fatalf("DescribeIndex: %v", err)
	}
	if waits := rec.recorded(); len(waits) != 1 || waits[0] != 30*time.Second {
		t.Errorf("waits = %v, want [30s]", waits)
	}
}

func TestRetryAfterParsing(t *testing.T) {
	now := time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)
	resp := func(v string) *http.Response {
		h := http.Header{}
		if v != "" {
			h.Set("Retry-After", v)
		}
		return &http.Response{Header: h}
	}
	cases := []struct {
		value  string
		want   time.Duration
		wantOK bool
	}{
		{"", 0, false},
		{"0", 0, true},
		{"1", time.Second, true},
		{"120", 2 * time.Minute, true},
		{"-1", 0, false},
		{"1.5", 0, false},
		{"soon", 0, false},
		{now.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second, true},
		{now.Add(-time.Hour).Format(http.TimeFormat), 0, true},
		{now.Add(10 * time.Second).Format(time.RFC850), 10 * time.Second, true},
	}
	for _, tc := range cases {
		got, ok := retryAfter(resp(tc.value), now)
		if got != tc.want || ok != tc.wantOK {
			t.Errorf("retryAfter(%q) = %v, %v; want %v, %v", tc.value, got, ok, tc.want, tc.wantOK)
		}
	}
	if _, ok := retryAfter(nil, now); ok {
		t.Error("retryAfter(nil) reported a value")
	}
}

func TestRetryAfterShorterThanBackoffUsesBackoff(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.Header().Set("Retry-After", "0")
			reply(w, 429, "")
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL(), func(o *Options) {
		o.Retry.MinBackoff = 4 * time.Second
		o.Retry.MaxBackoff = 4 * time.Second
	})
	rt := retryOf(t, c)
	rec := &sleepRecorder{}
	rt.sleep = rec.sleep
	rt.jitter = func() float64 { return 0 }
	if _, err := c.DescribeIndex(t.Context(), "s"); err != nil {
		t.Fatal(err)
	}
	if waits := rec.recorded(); len(waits) != 1 || waits[0] != 2*time.Second {
		t.Errorf("waits = %v, want [2s] (backoff with zero jitter)", waits)
	}
}

func TestServerErrorsRetriedForIdempotentMethods(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client) error{
		"GET":  func(ctx context.Context, c *Client) error { _, err := c.DescribeIndex(ctx, "s"); return err },
		"LIST": func(ctx context.Context, c *Client) error { _, err := c.ListIndexes(ctx); return err },
		"PATCH": func(ctx context.Context, c *Client) error {
			_, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{DeletionProtection: "enabled"})
			return err
		},
		"DELETE": func(ctx context.Context, c *Client) error { return c.DeleteIndex(ctx, "s") },
	}
	for name, fn := range calls {
		for _, status := range []int{500, 502, 503, 504} {
			api := newFakeAPI(t, scripted(status, status, 200))
			c := newTestClient(t, api.URL())
			if err := fn(t.Context(), c); err != nil {
				t.Errorf("%s after two %d: %v", name, status, err)
			}
			if api.count() != 3 {
				t.Errorf("%s after two %d: %d requests, want 3", name, status, api.count())
			}
		}
	}
}

func TestOtherServerErrorsNotRetried(t *testing.T) {
	for _, status := range []int{501, 505, 507} {
		api := newFakeAPI(t, scripted(status, 200))
		c := newTestClient(t, api.URL())
		_, err := c.DescribeIndex(t.Context(), "s")
		if !errors.Is(err, ErrServer) {
			t.Errorf("%d: err = %v, want ErrServer", status, err)
		}
		if api.count() != 1 {
			t.Errorf("%d retried: %d requests", status, api.count())
		}
	}
}

func TestClientErrorsNeverRetried(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client) error{
		"GET": func(ctx context.Context, c *Client) error { _, err := c.DescribeIndex(ctx, "s"); return err },
		"PATCH": func(ctx context.Context, c *Client) error {
			_, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{DeletionProtection: "enabled"})
			return err
		},
		"DELETE": func(ctx context.Context, c *Client) error { return c.DeleteIndex(ctx, "s") },
		"POST": func(ctx context.Context, c *Client) error {
			_, err := c.CreateIndex(ctx, CreateIndexRequest{Name: "s"})
			return err
		},
		"POST model": func(ctx context.Context, c *Client) error {
			_, err := c.CreateIndexForModel(ctx, CreateIndexForModelRequest{Name: "m"})
			return err
		},
	}
	for name, fn := range calls {
		for _, status := range []int{400, 401, 403, 404, 409, 412, 422} {
			api := newFakeAPI(t, scripted(status, 200))
			c := newTestClient(t, api.URL())
			err := fn(t.Context(), c)
			apiErr, ok := AsAPIError(err)
			if !ok || apiErr.Status != status {
				t.Errorf("%s %d: err = %v", name, status, err)
				continue
			}
			if apiErr.AfterUncertainRetry {
				t.Errorf("%s %d: AfterUncertainRetry on a first answer", name, status)
			}
			if api.count() != 1 {
				t.Errorf("%s %d retried: %d requests", name, status, api.count())
			}
		}
	}
}

func TestCreateIndexRetriedOnServerError(t *testing.T) {
	api := newFakeAPI(t, scripted(500, 503, 201))
	c := newTestClient(t, api.URL())
	ix, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	if err != nil {
		t.Fatalf("CreateIndex: %v", err)
	}
	if ix.Name != "s" {
		t.Errorf("model = %+v", ix)
	}
	if api.count() != 3 {
		t.Errorf("requests = %d, want 3", api.count())
	}
}

func TestCreateIndexAfterDroppedConnectionThen409(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
	})
	c := newTestClient(t, api.URL())
	_, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s", Dimension: ptr[int32](3)})
	apiErr, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if !errors.Is(err, ErrAlreadyExists) || apiErr.Code != "ALREADY_EXISTS" {
		t.Errorf("err = %v, want ALREADY_EXISTS", err)
	}
	if !apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = false after a dropped connection")
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2", len(reqs))
	}
	if !bytes.Equal(reqs[0].Body, reqs[1].Body) || len(reqs[0].Body) == 0 {
		t.Errorf("bodies differ: %q vs %q", reqs[0].Body, reqs[1].Body)
	}
}

func TestCreateIndexAfterServerErrorThen409(t *testing.T) {
	api := newFakeAPI(t, scripted(502, 409))
	c := newTestClient(t, api.URL())
	_, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.Status != 409 || !apiErr.AfterUncertainRetry {
		t.Errorf("err = %+v, want 409 with AfterUncertainRetry", apiErr)
	}
}

func TestCreateIndexAfterOnlyRateLimitsThen409(t *testing.T) {
	api := newFakeAPI(t, scripted(429, 429, 409))
	c := newTestClient(t, api.URL())
	_, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.Status != 409 {
		t.Fatalf("err = %v, want 409", err)
	}
	if apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = true although only 429s preceded the 409")
	}
	if api.count() != 3 {
		t.Errorf("requests = %d, want 3", api.count())
	}
}

func TestCreateIndexForModelRetriedAfterDroppedConnection(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 201, readyServerless)
	})
	c := newTestClient(t, api.URL())
	if _, err := c.CreateIndexForModel(t.Context(), CreateIndexForModelRequest{Name: "m"}); err != nil {
		t.Fatalf("CreateIndexForModel: %v", err)
	}
	if api.count() != 2 {
		t.Errorf("requests = %d, want 2", api.count())
	}
}

func TestDroppedConnectionRetriedForGet(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL())
	if _, err := c.DescribeIndex(t.Context(), "s"); err != nil {
		t.Fatalf("DescribeIndex: %v", err)
	}
	if api.count() < 2 {
		t.Errorf("requests = %d, want >= 2", api.count())
	}
}

// unsafePost is a POST that is not marked retry-safe (e.g. a future create
// call whose duplicate would not be detected by a 409).
func unsafePost(ctx context.Context, c *Client) error {
	return c.do(ctx, call{method: http.MethodPost, path: "/collections", body: map[string]string{"name": "c", "source": "p"}, out: &map[string]any{}})
}

func TestUnsafePostNotRetriedAfterServerError(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		api := newFakeAPI(t, scripted(status, 201))
		c := newTestClient(t, api.URL())
		err := unsafePost(t.Context(), c)
		apiErr, ok := AsAPIError(err)
		if !ok || apiErr.Status != status {
			t.Errorf("%d: err = %v", status, err)
			continue
		}
		if apiErr.AfterUncertainRetry {
			t.Errorf("%d: AfterUncertainRetry set without a retry", status)
		}
		if api.count() != 1 {
			t.Errorf("%d: unsafe POST retried: %d requests", status, api.count())
		}
	}
}

func TestUnsafePostNotRetriedAfterDroppedConnection(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 201, `{}`)
	})
	c := newTestClient(t, api.URL())
	err := unsafePost(t.Context(), c)
	if err == nil {
		t.Fatal("no error after the connection was dropped")
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("err = %v, want a transport error", err)
	}
	if !strings.Contains(err.Error(), "POST /collections") {
		t.Errorf("err %q lacks method and path", err)
	}
	if strings.Contains(err.Error(), api.URL()) {
		t.Errorf("err %q repeats the URL", err)
	}
	if api.count() != 1 {
		t.Errorf("unsafe POST retried after an uncertain failure: %d requests", api.count())
	}
}

func TestUnsafePostRetriedAfterRateLimit(t *testing.T) {
	api := newFakeAPI(t, scripted(429, 429, 201))
	c := newTestClient(t, api.URL())
	if err := unsafePost(t.Context(), c); err != nil {
		t.Fatalf("unsafe POST: %v", err)
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want 3", len(reqs))
	}
	for i, r := range reqs {
		assertJSON(t, r.Body, `{"name":"c","source":"p"}`)
		if r.Method != "POST" || r.Path != "/collections" {
			t.Errorf("request %d = %s %s", i, r.Method, r.Path)
		}
	}
}

// countingTransport counts attempts and can redirect them to another host.
type countingTransport struct {
	next     http.RoundTripper
	attempts atomic.Int32
	redirect func(n int32, u *url.URL) // may rewrite the URL of attempt n (1-based)
}

func (c *countingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	n := c.attempts.Add(1)
	if c.redirect != nil {
		req = req.Clone(req.Context())
		c.redirect(n, req.URL)
	}
	return c.next.RoundTrip(req)
}

func TestUnsafePostRetriedAfterDialError(t *testing.T) {
	api := newFakeAPI(t, scripted(201))
	live, _ := url.Parse(api.URL())
	ct := &countingTransport{next: testTransport(t), redirect: func(n int32, u *url.URL) {
		if n > 1 {
			u.Host = live.Host
		}
	}}
	c := newTestClient(t, closedPortURL(t), func(o *Options) { o.Transport = ct })
	if err := unsafePost(t.Context(), c); err != nil {
		t.Fatalf("unsafe POST after a refused connection: %v", err)
	}
	if n := ct.attempts.Load(); n != 2 {
		t.Errorf("attempts = %d, want 2", n)
	}
	if api.count() != 1 {
		t.Errorf("server saw %d requests, want 1", api.count())
	}
	assertJSON(t, api.only(t).Body, `{"name":"c","source":"p"}`)
}

func TestDialErrorGivesUpAfterMaxRetries(t *testing.T) {
	ct := &countingTransport{next: testTransport(t)}
	c := newTestClient(t, closedPortURL(t), func(o *Options) {
		o.Transport = ct
		o.Retry.MaxRetries = 2
	})
	err := unsafePost(t.Context(), c)
	if err == nil {
		t.Fatal("no error from a closed port")
	}
	if !isDialError(err) {
		t.Errorf("err = %v (%T), want a dial error in the chain", err, err)
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("dial error reported as an APIError")
	}
	if n := ct.attempts.Load(); n != 3 {
		t.Errorf("attempts = %d, want 3 (1 + MaxRetries)", n)
	}
}

func TestMaxRetriesRespected(t *testing.T) {
	for _, max := range []int{0, 1, 4} {
		api := newFakeAPI(t, scripted(503))
		c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.MaxRetries = max })
		_, err := c.DescribeIndex(t.Context(), "s")
		apiErr, ok := AsAPIError(err)
		if !ok || apiErr.Status != 503 || !errors.Is(err, ErrServer) {
			t.Errorf("MaxRetries=%d: err = %v, want the last 503", max, err)
		}
		if api.count() != max+1 {
			t.Errorf("MaxRetries=%d: requests = %d, want %d", max, api.count(), max+1)
		}
	}
}

func TestRateLimitGivesUpAfterMaxRetries(t *testing.T) {
	api := newFakeAPI(t, scripted(429))
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.MaxRetries = 2 })
	_, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	if !errors.Is(err, ErrRateLimited) {
		t.Errorf("err = %v, want ErrRateLimited", err)
	}
	if api.count() != 3 {
		t.Errorf("requests = %d, want 3", api.count())
	}
}

func TestMaxElapsedRespected(t *testing.T) {
	api := newFakeAPI(t, scripted(503))
	c := newTestClient(t, api.URL(), func(o *Options) {
		o.Retry = RetryPolicy{MaxRetries: 100, MinBackoff: 2 * time.Second, MaxBackoff: 2 * time.Second, MaxElapsed: 3500 * time.Millisecond}
	})
	clock := newFakeClock()
	rt := retryOf(t, c)
	rt.now = clock.now
	rt.sleep = clock.sleep
	rt.jitter = func() float64 { return 0 } // every wait is exactly 1s
	_, err := c.DescribeIndex(t.Context(), "s")
	if !errors.Is(err, ErrServer) {
		t.Errorf("err = %v, want the last 503", err)
	}
	// Attempts at t=0,1,2,3; a fourth wait would end at 4s > 3.5s.
	if api.count() != 4 {
		t.Errorf("requests = %d, want 4", api.count())
	}
	if got := clock.slept(); len(got) != 3 {
		t.Errorf("waits = %v, want three 1s waits", got)
	}
}

func TestMaxElapsedStopsLongRetryAfter(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("Retry-After", "3600")
		reply(w, 429, pineconeError(429, "QUOTA_EXCEEDED", "later"))
	})
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.MaxElapsed = time.Minute })
	rec := &sleepRecorder{}
	retryOf(t, c).sleep = rec.sleep
	_, err := c.DescribeIndex(t.Context(), "s")
	if !errors.Is(err, ErrRateLimited) {
		t.Errorf("err = %v, want ErrRateLimited", err)
	}
	if api.count() != 1 || len(rec.recorded()) != 0 {
		t.Errorf("requests = %d, waits = %v; want 1 and none", api.count(), rec.recorded())
	}
}

func TestCancelDuringBackoffReturnsPromptly(t *testing.T) {
	api := newFakeAPI(t, scripted(503))
	c := newTestClient(t, api.URL(), func(o *Options) {
		o.Retry.MinBackoff = 10 * time.Second
		o.Retry.MaxBackoff = 10 * time.Second
	})
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	go func() {
		for api.count() == 0 {
			time.Sleep(time.Millisecond)
		}
		time.Sleep(20 * time.Millisecond)
		cancel()
	}()
	start := time.Now()
	_, err := c.DescribeIndex(ctx, "s")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v, want prompt return on cancel", d)
	}
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if api.count() != 1 {
		t.Errorf("requests = %d, want 1", api.count())
	}
}

func TestDeadlineDuringBackoff(t *testing.T) {
	api := newFakeAPI(t, scripted(429))
	c := newTestClient(t, api.URL(), func(o *Options) {
		o.Retry.MinBackoff = 10 * time.Second
		o.Retry.MaxBackoff = 10 * time.Second
	})
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := c.DeleteIndex(ctx, "s")
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("returned after %v", d)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want context.DeadlineExceeded", err)
	}
}

func TestAlreadyCancelledContext(t *testing.T) {
	api := newFakeAPI(t, scripted(200))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := c.DescribeIndex(ctx, "s")
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if api.count() != 0 {
		t.Errorf("requests = %d, want 0", api.count())
	}
}

// slowFirst makes the first request hang until the client gives up on it.
func slowFirst(body string, status int) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		reply(w, status, body)
	}
}

func TestAttemptTimeoutRetriesGet(t *testing.T) {
	api := newFakeAPI(t, slowFirst(readyServerless, 200))
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.AttemptTimeout = 50 * time.Millisecond })
	start := time.Now()
	ix, err := c.DescribeIndex(t.Context(), "s")
	if err != nil {
		t.Fatalf("DescribeIndex: %v", err)
	}
	if ix.Name != "s" {
		t.Errorf("model = %+v", ix)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v; the attempt timeout did not cut the slow attempt", d)
	}
	if api.count() != 2 {
		t.Errorf("requests = %d, want 2", api.count())
	}
}

func TestAttemptTimeoutOnCreateThen409IsUncertain(t *testing.T) {
	api := newFakeAPI(t, slowFirst(pineconeError(409, "ALREADY_EXISTS", "Resource already exists."), 409))
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.AttemptTimeout = 50 * time.Millisecond })
	_, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	apiErr, ok := AsAPIError(err)
	if !ok || apiErr.Status != 409 || !apiErr.AfterUncertainRetry {
		t.Errorf("err = %v (%+v), want 409 with AfterUncertainRetry", err, apiErr)
	}
}

func TestAttemptTimeoutNotRetriedForUnsafePost(t *testing.T) {
	api := newFakeAPI(t, slowFirst(`{}`, 201))
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.AttemptTimeout = 50 * time.Millisecond })
	err := unsafePost(t.Context(), c)
	if err == nil {
		t.Fatal("no error after the attempt timed out")
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("err = %v, want the attempt's deadline in the chain", err)
	}
	if api.count() != 1 {
		t.Errorf("requests = %d, want 1", api.count())
	}
}

// A body that arrives slowly also counts against the attempt timeout.
func TestAttemptTimeoutCoversBodyRead(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(200)
			_, _ = w.Write([]byte(`{"name":`))
			w.(http.Flusher).Flush()
			select {
			case <-r.Context().Done():
			case <-time.After(5 * time.Second):
			}
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.AttemptTimeout = 50 * time.Millisecond })
	ix, err := c.DescribeIndex(t.Context(), "s")
	if err != nil {
		t.Fatalf("DescribeIndex: %v", err)
	}
	if ix.Name != "s" || api.count() != 2 {
		t.Errorf("model %+v after %d requests", ix, api.count())
	}
}

func TestBodyResentIdentically(t *testing.T) {
	api := newFakeAPI(t, scripted(503, 500, 429, 201))
	c := newTestClient(t, api.URL())
	req := CreateIndexRequest{
		Name: "s", Dimension: ptr[int32](3), VectorType: "dense", Tags: map[string]string{"a": "1", "b": "2"},
		Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
	}
	if _, err := c.CreateIndex(t.Context(), req); err != nil {
		t.Fatalf("CreateIndex: %v", err)
	}
	reqs := api.requests()
	if len(reqs) != 4 {
		t.Fatalf("requests = %d, want 4", len(reqs))
	}
	for i, r := range reqs {
		if !bytes.Equal(r.Body, reqs[0].Body) {
			t.Errorf("attempt %d body %q differs from first %q", i, r.Body, reqs[0].Body)
		}
		if r.Header.Get("Content-Type") != "application/json" || r.Header.Get("Api-Key") != testAPIKey {
			t.Errorf("attempt %d headers = %v", i, r.Header)
		}
		if len(r.Body) == 0 {
			t.Errorf("attempt %d has no body", i)
		}
	}
	assertJSON(t, reqs[3].Body, `{"name":"s","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},`+
		`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"cosine"}}},"tags":{"a":"1","b":"2"}}`)
}

func TestPatchBodyResent(t *testing.T) {
	api := newFakeAPI(t, scripted(502, 200))
	c := newTestClient(t, api.URL())
	if _, err := c.ConfigureIndex(t.Context(), "p", ConfigureIndexRequest{Tags: map[string]string{"a": ""}}); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d", len(reqs))
	}
	for _, r := range reqs {
		if string(r.Body) != `{"tags":{"a":""}}` {
			t.Errorf("body = %s", r.Body)
		}
	}
}

func TestBackoffGrowthAndCap(t *testing.T) {
	rt := &retryTransport{policy: RetryPolicy{MinBackoff: 100 * time.Millisecond, MaxBackoff: time.Second}}
	nominal := []time.Duration{100, 200, 400, 800, 1000, 1000, 1000}
	for i := range nominal {
		nominal[i] *= time.Millisecond
	}
	rt.jitter = func() float64 { return 0 }
	for attempt, d := range nominal {
		if got := rt.backoff(attempt); got != d/2 {
			t.Errorf("jitter 0: backoff(%d) = %v, want %v", attempt, got, d/2)
		}
	}
	rt.jitter = func() float64 { return 0.999999999 }
	for attempt, d := range nominal {
		got := rt.backoff(attempt)
		if got > d || got < d-time.Microsecond {
			t.Errorf("jitter ~1: backoff(%d) = %v, want just under %v", attempt, got, d)
		}
	}
	// Very high attempt numbers neither overflow nor exceed the cap.
	for _, attempt := range []int{50, 63, 64, 1000} {
		if got := rt.backoff(attempt); got <= 0 || got > time.Second {
			t.Errorf("backoff(%d) = %v, want in (0, 1s]", attempt, got)
		}
	}
}

func TestBackoffJitterRange(t *testing.T) {
	rt := newRetryTransport(nil, RetryPolicy{MinBackoff: 64 * time.Millisecond, MaxBackoff: 512 * time.Millisecond})
	for attempt := 0; attempt < 6; attempt++ {
		d := 64 * time.Millisecond << attempt
		if d > 512*time.Millisecond {
			d = 512 * time.Millisecond
		}
		seenLow, seenHigh := false, false
		for i := 0; i < 500; i++ {
			got := rt.backoff(attempt)
			if got < d/2 || got > d {
				t.Fatalf("backoff(%d) = %v, outside [%v, %v]", attempt, got, d/2, d)
			}
			if got < d/2+d/8 {
				seenLow = true
			}
			if got > d-d/8 {
				seenHigh = true
			}
		}
		if !seenLow || !seenHigh {
			t.Errorf("backoff(%d): 500 samples did not spread over [d/2, d] (low %v, high %v)", attempt, seenLow, seenHigh)
		}
	}
}

func TestRecordedBackoffsGrowAndCap(t *testing.T) {
	api := newFakeAPI(t, scripted(503))
	c := newTestClient(t, api.URL(), func(o *Options) {
		o.Retry = RetryPolicy{MaxRetries: 6, MinBackoff: time.Second, MaxBackoff: 8 * time.Second}
	})
	rt := retryOf(t, c)
	rec := &sleepRecorder{}
	rt.sleep = rec.sleep
	rt.jitter = func() float64 { return 0.5 }
	_, _ = c.DescribeIndex(t.Context(), "s")
	want := []time.Duration{750, 1500, 3000, 6000, 6000, 6000}
	got := rec.recorded()
	if len(got) != len(want) {
		t.Fatalf("waits = %v, want %d of them", got, len(want))
	}
	for i := range want {
		if got[i] != want[i]*time.Millisecond {
			t.Errorf("wait %d = %v, want %v", i, got[i], want[i]*time.Millisecond)
		}
	}
	if api.count() != 7 {
		t.Errorf("requests = %d, want 7", api.count())
	}
}

func TestClassify(t *testing.T) {
	get, _ := http.NewRequest("GET", "http://x/indexes", nil)
	post, _ := http.NewRequest("POST", "http://x/indexes", nil)
	safePost := post.WithContext(withRetrySafePost(t.Context()))
	resp := func(s int) *http.Response { return &http.Response{StatusCode: s} }
	cases := []struct {
		name string
		req  *http.Request
		resp *http.Response
		err  error
		want verdict
	}{
		{"get 200", get, resp(200), nil, verdict{}},
		{"get 404", get, resp(404), nil, verdict{}},
		{"get 429", get, resp(429), nil, verdict{retry: true}},
		{"get 503", get, resp(503), nil, verdict{retry: true, uncertain: true}},
		{"get 501", get, resp(501), nil, verdict{}},
		{"post 429", post, resp(429), nil, verdict{retry: true}},
		{"post 500", post, resp(500), nil, verdict{retry: false, uncertain: true}},
		{"safe post 500", safePost, resp(500), nil, verdict{retry: true, uncertain: true}},
		{"post broken", post, nil, errors.New("EOF"), verdict{retry: false, uncertain: true}},
		{"safe post broken", safePost, nil, errors.New("EOF"), verdict{retry: true, uncertain: true}},
	}
	for _, tc := range cases {
		if got := classify(tc.req, tc.resp, tc.err); got != tc.want {
			t.Errorf("%s: verdict = %+v, want %+v", tc.name, got, tc.want)
		}
	}
	for _, m := range []string{"GET", "HEAD", "OPTIONS", "PUT", "DELETE", "PATCH"} {
		if !isIdempotent(m) {
			t.Errorf("%s not idempotent", m)
		}
	}
	if isIdempotent("POST") {
		t.Error("POST idempotent")
	}
}

func TestSleepCtx(t *testing.T) {
	if err := sleepCtx(t.Context(), 0); err != nil {
		t.Errorf("sleepCtx(0) = %v", err)
	}
	if err := sleepCtx(t.Context(), time.Millisecond); err != nil {
		t.Errorf("sleepCtx(1ms) = %v", err)
	}
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := sleepCtx(ctx, 0); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepCtx(cancelled, 0) = %v", err)
	}
	start := time.Now()
	if err := sleepCtx(ctx, time.Hour); !errors.Is(err, context.Canceled) {
		t.Errorf("sleepCtx(cancelled, 1h) = %v", err)
	}
	if time.Since(start) > time.Second {
		t.Error("sleepCtx ignored cancellation")
	}
}

// The uncertainty flag belongs to one call: a later call starts clean.
func TestUncertaintyIsPerCall(t *testing.T) {
	var mu sync.Mutex
	step := 0
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		mu.Lock()
		defer mu.Unlock()
		step++
		if step == 1 {
			reply(w, 500, "")
			return
		}
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
	})
	c := newTestClient(t, api.URL())
	_, err1 := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	_, err2 := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
	e1, _ := AsAPIError(err1)
	e2, _ := AsAPIError(err2)
	if e1 == nil || !e1.AfterUncertainRetry {
		t.Errorf("first call: %v, want uncertain 409", err1)
	}
	if e2 == nil || e2.AfterUncertainRetry {
		t.Errorf("second call: %v, want a plain 409", err2)
	}
}

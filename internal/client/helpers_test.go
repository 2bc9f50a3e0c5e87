package client

import (
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"sync"
	"testing"
	"time"
)

const testAPIKey = "test-key"

// seenRequest is what the fake server recorded about one request.
type seenRequest struct {
	Method     string
	Path       string // decoded
	EscPath    string // as sent on the wire
	RequestURI string
	RawQuery   string
	Host       string // the Host header
	Header     http.Header
	Body       []byte
}

// fakeAPI is an httptest server that records every request and answers with
// a per-request handler; n is the 0-based number of the request.
type fakeAPI struct {
	srv     *httptest.Server
	mu      sync.Mutex
	reqs    []seenRequest
	handler func(w http.ResponseWriter, r *http.Request, n int)
}

func newFakeAPI(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int)) *fakeAPI {
	t.Helper()
	f := &fakeAPI{handler: handler}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		f.mu.Lock()
		n := len(f.reqs)
		f.reqs = append(f.reqs, seenRequest{
			Method:     r.Method,
			Path:       r.URL.Path,
			EscPath:    r.URL.EscapedPath(),
			RequestURI: r.RequestURI,
			RawQuery:   r.URL.RawQuery,
			Host:       r.Host,
			Header:     r.Header.Clone(),
			Body:       body,
		})
		f.mu.Unlock()
		f.handler(w, r, n)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeAPI) URL() string { return f.srv.URL }

func (f *fakeAPI) requests() []seenRequest {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]seenRequest(nil), f.reqs...)
}

func (f *fakeAPI) count() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return len(f.reqs)
}

// only returns the single request the server saw, failing otherwise.
func (f *fakeAPI) only(t *testing.T) seenRequest {
	t.Helper()
	reqs := f.requests()
	if len(reqs) != 1 {
		t.Fatalf("server saw %d requests, want 1", len(reqs))
	}
	return reqs[0]
}

// reply writes a JSON (or raw) answer with the given status.
func reply(w http.ResponseWriter, status int, body string) {
	if body != "" {
		w.Header().Set("Content-Type", "application/json")
	}
	w.WriteHeader(status)
	_, _ = io.WriteString(w, body)
}

// pineconeError is Pinecone's documented error body.
func pineconeError(status int, code, message string) string {
	b, _ := json.Marshal(map[string]any{
		"error":  map[string]any{"code": code, "message": message, "details": map[string]any{}},
		"status": status,
	})
	return string(b)
}

// dropConnection hijacks the connection and closes it without answering:
// the request reached the server but no response comes back.
func dropConnection(t *testing.T, w http.ResponseWriter) {
	hj, ok := w.(http.Hijacker)
	if !ok {
		t.Errorf("response writer cannot hijack")
		return
	}
	conn, _, err := hj.Hijack()
	if err != nil {
		t.Errorf("hijack: %v", err)
		return
	}
	_ = conn.Close()
}

// fastRetry retries quickly so tests never wait for real backoffs.
func fastRetry() RetryPolicy {
	return RetryPolicy{
		MaxRetries:     3,
		MinBackoff:     time.Millisecond,
		MaxBackoff:     2 * time.Millisecond,
		AttemptTimeout: 5 * time.Second,
	}
}

// fastPoll polls every millisecond or two.
func fastPoll() PollConfig {
	return PollConfig{Initial: time.Millisecond, Max: 2 * time.Millisecond, Fraction: 0.1}
}

// testTransport is a private connection pool per test, closed at cleanup.
func testTransport(t *testing.T) *http.Transport {
	tr := http.DefaultTransport.(*http.Transport).Clone()
	t.Cleanup(tr.CloseIdleConnections)
	return tr
}

// newTestClient builds a client against baseURL with fast retries and polls;
// edit tweaks the options first.
func newTestClient(t *testing.T, baseURL string, edit ...func(*Options)) *Client {
	t.Helper()
	opts := Options{
		APIKey:    testAPIKey,
		BaseURL:   baseURL,
		Retry:     fastRetry(),
		Poll:      fastPoll(),
		Transport: testTransport(t),
	}
	for _, e := range edit {
		e(&opts)
	}
	c, err := New(opts)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// retryOf returns the client's retry transport so tests can inject a clock.
func retryOf(t *testing.T, c *Client) *retryTransport {
	t.Helper()
	rt, ok := c.http.Transport.(*retryTransport)
	if !ok {
		t.Fatalf("client transport is %T, want *retryTransport", c.http.Transport)
	}
	return rt
}

// sleepRecorder replaces real sleeping: it records every wait and returns at
// once (or the context's error if it has ended).
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) recorded() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// fakeClock is a manual clock whose sleep advances time instantly.
type fakeClock struct {
	mu     sync.Mutex
	t      time.Time
	sleeps []time.Duration
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 4, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) sleep(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	c.t = c.t.Add(d)
	c.sleeps = append(c.sleeps, d)
	c.mu.Unlock()
	return nil
}

func (c *fakeClock) slept() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.sleeps...)
}

// assertJSON compares a JSON document with the expected literal, ignoring key
// order and whitespace but nothing else (missing, extra or null keys differ).
func assertJSON(t *testing.T, got []byte, want string) {
	t.Helper()
	var g, w any
	if err := json.Unmarshal(got, &g); err != nil {
		t.Fatalf("body %q is not JSON: %v", got, err)
	}
	if err := json.Unmarshal([]byte(want), &w); err != nil {
		t.Fatalf("expected literal %q is not JSON: %v", want, err)
	}
	if !reflect.DeepEqual(g, w) {
		t.Errorf("JSON body mismatch\n got: %s\nwant: %s", got, want)
	}
}

// closedPortURL returns an http URL on which nothing listens.
func closedPortURL(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("listen: %v", err)
	}
	addr := l.Addr().String()
	_ = l.Close()
	return "http://" + addr
}

func ptr[T any](v T) *T { return &v }

// Sample bodies.
const (
	readyServerless = `{"name":"s","dimension":3,"metric":"cosine","host":"s-abc1234.svc.aped-4627-b74a.pinecone.io",` +
		`"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}}}},` +
		`"status":{"ready":true,"state":"Ready"},"vector_type":"dense","deletion_protection":"disabled","tags":{"env":"test"}}`
)

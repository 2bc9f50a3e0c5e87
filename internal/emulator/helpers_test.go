package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeClock is a manually advanced clock for Options.Now.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{t: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// testEnv is an emulator behind httptest.NewServer with a fake clock.
type testEnv struct {
	t     *testing.T
	srv   *Server
	ts    *httptest.Server
	clock *fakeClock
}

func newEnv(t *testing.T, opts Options) *testEnv {
	t.Helper()
	clock := newFakeClock()
	if opts.Now == nil {
		opts.Now = clock.Now
	}
	srv := New(opts)
	ts := httptest.NewServer(srv)
	t.Cleanup(ts.Close)
	return &testEnv{t: t, srv: srv, ts: ts, clock: clock}
}

// response is a decoded answer. body is nil when the answer is not a JSON
// object.
type response struct {
	status int
	header http.Header
	raw    string
	body   map[string]any
}

// do sends a request with Api-Key: DefaultAPIKey. headers are name/value
// pairs that are set after the default (a value of "" deletes the header).
func (e *testEnv) do(method, path, body string, headers ...string) response {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatalf("new request: %v", err)
	}
	req.Header.Set("Api-Key", DefaultAPIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	resp, err := e.ts.Client().Do(req)
	if err != nil {
		e.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("read body: %v", err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &r.body)
	}
	return r
}

// must fails the test unless the status is want, and returns the body.
func (r response) must(t *testing.T, want int) map[string]any {
	t.Helper()
	if r.status != want {
		t.Fatalf("status = %d, want %d; body: %s", r.status, want, r.raw)
	}
	return r.body
}

// wantError checks a Pinecone error body: status field equal to the HTTP
// status, the code, and a message containing msg.
func (r response) wantError(t *testing.T, status int, code, msg string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body: %s", r.status, status, r.raw)
	}
	if r.body == nil {
		t.Fatalf("error body is not a JSON object: %q", r.raw)
	}
	if got := r.body["status"]; got != float64(status) {
		t.Errorf("body status = %v, want %d; body: %s", got, status, r.raw)
	}
	errObj, ok := r.body["error"].(map[string]any)
	if !ok {
		t.Fatalf("body has no error object: %s", r.raw)
	}
	if errObj["code"] != code {
		t.Errorf("error.code = %v, want %s; body: %s", errObj["code"], code, r.raw)
	}
	m, _ := errObj["message"].(string)
	if m == "" {
		t.Errorf("error.message is empty; body: %s", r.raw)
	}
	if !strings.Contains(m, msg) {
		t.Errorf("error.message = %q, want it to contain %q", m, msg)
	}
}

// dig walks nested JSON objects by key; it returns nil when a key is
// missing or a value on the way is not an object.
func dig(v any, path ...string) any {
	for _, p := range path {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v, ok = m[p]
		if !ok {
			return nil
		}
	}
	return v
}

func has(v any, path ...string) bool {
	if len(path) == 0 {
		return v != nil
	}
	m, ok := dig(v, path[:len(path)-1]...).(map[string]any)
	if !ok {
		return false
	}
	_, ok = m[path[len(path)-1]]
	return ok
}

func wantField(t *testing.T, body map[string]any, want any, path ...string) {
	t.Helper()
	got := dig(body, path...)
	if !jsonEqual(got, want) {
		t.Errorf("%s = %#v, want %#v", strings.Join(path, "."), got, want)
	}
}

// jsonEqual compares a decoded JSON value with a Go literal by marshalling
// both.
func jsonEqual(a, b any) bool {
	ja, err1 := json.Marshal(a)
	jb, err2 := json.Marshal(b)
	return err1 == nil && err2 == nil && string(ja) == string(jb)
}

func wantState(t *testing.T, body map[string]any, state string, ready bool) {
	t.Helper()
	if got := dig(body, "status", "state"); got != state {
		t.Errorf("status.state = %v, want %s", got, state)
	}
	if got := dig(body, "status", "ready"); got != ready {
		t.Errorf("status.ready = %v, want %v", got, ready)
	}
}

// Request bodies as go-pinecone v5.4.1 (API 2025-10) sends them, captured from
// its Client methods (CreateServerlessIndex, CreatePodIndex, ...).
const (
	bodyServerless     = `{"dimension":3,"name":"s","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"dense"}`
	bodySparse         = `{"name":"s","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"sparse"}`
	bodyPod            = `{"dimension":3,"name":"p","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","pods":1,"replicas":1,"shards":1}},"vector_type":"dense"}`
	bodyByoc           = `{"deletion_protection":"disabled","dimension":3,"name":"b","spec":{"byoc":{"environment":"aws-us-east-1-b921"}},"vector_type":"dense"}`
	bodyCreateForModel = `{"cloud":"aws","deletion_protection":"disabled","embed":{"field_map":{"text":"chunk_text"},"model":"multilingual-e5-large"},"name":"m","region":"us-east-1"}`
)

func newHTTPTestServer(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewServer(h)
	t.Cleanup(ts.Close)
	return ts
}

// at sends a request with the X-Pinecone-Api-Version header set to version
// (the tests of the version-specific renderings).
func (e *testEnv) at(version, method, path, body string) response {
	e.t.Helper()
	return e.do(method, path, body, headerAPIVersion, version)
}

// keyOrder returns the keys of the JSON object raw in the order they are
// written, so tests can check the property order of an answer.
func keyOrder(t *testing.T, raw string) []string {
	t.Helper()
	dec := json.NewDecoder(strings.NewReader(raw))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		t.Fatalf("not a JSON object: %s", raw)
	}
	var keys []string
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			t.Fatalf("reading keys of %s: %v", raw, err)
		}
		keys = append(keys, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			t.Fatalf("reading %s: %v", raw, err)
		}
	}
	return keys
}

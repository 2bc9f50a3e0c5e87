package emulator

import (
	"context"
	"io"
	"math/rand/v2"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestRateLimit(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{RateLimit: 1, RateBurst: 2}})
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	r := e.do("GET", "/indexes", "")
	r.wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	if ra := r.header.Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After = %q, want 1", ra)
	}
	// The limiter runs before auth: a bad key is also rate limited.
	e.do("GET", "/indexes", "", "Api-Key", "bad").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	// ... and before acting: a create over the limit creates nothing.
	e.do("POST", "/indexes", bodyServerless).wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")

	e.clock.Advance(time.Second)
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("GET", "/indexes", "").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	if got := e.srv.Faulted()["429"]; got != 4 {
		t.Errorf("Faulted[429] = %d, want 4", got)
	}

	// Refill is capped at the burst.
	e.clock.Advance(time.Hour)
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	e.do("GET", "/indexes", "").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
}

func TestRateLimitBurstDefaultAndRetryAfter(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{RateLimit: 3}})
	for i := 0; i < 3; i++ {
		e.do("GET", "/indexes", "").must(t, http.StatusOK)
	}
	e.do("GET", "/indexes", "").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")

	// A slow rate gives a long Retry-After; burst defaults to at least 1.
	e.srv.SetFaults(Faults{RateLimit: 0.1})
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	r := e.do("GET", "/indexes", "")
	r.wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	if ra := r.header.Get("Retry-After"); ra != "10" {
		t.Errorf("Retry-After = %q, want 10", ra)
	}
	e.clock.Advance(9500 * time.Millisecond)
	if ra := e.do("GET", "/indexes", "").header.Get("Retry-After"); ra != "1" {
		t.Errorf("Retry-After after 9.5s = %q, want 1", ra)
	}
	// Turning the limiter off lets everything through.
	e.srv.SetFaults(Faults{})
	for i := 0; i < 5; i++ {
		e.do("GET", "/indexes", "").must(t, http.StatusOK)
	}
}

func TestErrorRateAll(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{ErrorRate: 1}})
	seen := map[int]bool{}
	for i := 0; i < 40; i++ {
		r := e.do("POST", "/indexes", bodyServerless)
		switch r.status {
		case http.StatusInternalServerError:
			r.wantError(t, 500, "UNKNOWN", "Internal server error")
		case http.StatusServiceUnavailable:
			r.wantError(t, 503, "UNAVAILABLE", "")
		default:
			t.Fatalf("status %d with ErrorRate 1: %s", r.status, r.raw)
		}
		seen[r.status] = true
	}
	if !seen[500] || !seen[503] {
		t.Errorf("saw %v, want both 500 and 503", seen)
	}
	// Injected before auth too.
	if r := e.do("GET", "/indexes", "", "Api-Key", "bad"); r.status < 500 {
		t.Errorf("bad key with ErrorRate 1 answered %d", r.status)
	}
	f := e.srv.Faulted()
	if f["500"]+f["503"] != 41 {
		t.Errorf("Faulted = %v, want 500+503 = 41", f)
	}
	// Errors are injected before acting: nothing was created.
	e.srv.SetFaults(Faults{})
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
}

func TestErrorMethods(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{ErrorRate: 1, ErrorMethods: []string{"post", "DELETE"}}})
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	if r := e.do("POST", "/indexes", bodyServerless); r.status < 500 {
		t.Errorf("POST answered %d, want an injected 5xx", r.status)
	}
	if r := e.do("DELETE", "/indexes/s", ""); r.status < 500 {
		t.Errorf("DELETE answered %d, want an injected 5xx", r.status)
	}
	e.do("PATCH", "/indexes/s", "{}").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
}

func TestErrorRateSeeded(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{ErrorRate: 0.3}})
	e.srv.faults.rng = rand.New(rand.NewPCG(1, 2))
	counts := map[int]int{}
	const n = 300
	for i := 0; i < n; i++ {
		counts[e.do("GET", "/indexes", "").status]++
	}
	injected := counts[500] + counts[503]
	if injected < 60 || injected > 120 {
		t.Errorf("injected %d of %d with rate 0.3 (%v)", injected, n, counts)
	}
	if counts[200]+injected != n {
		t.Errorf("unexpected statuses: %v", counts)
	}
	f := e.srv.Faulted()
	if int(f["500"]) != counts[500] || int(f["503"]) != counts[503] {
		t.Errorf("Faulted = %v, counted %v", f, counts)
	}
}

func TestLatency(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{Latency: 120 * time.Millisecond}})
	start := time.Now()
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	if d := time.Since(start); d < 120*time.Millisecond {
		t.Errorf("request took %v, want >= 120ms", d)
	}
}

func TestLatencyHonoursContext(t *testing.T) {
	s := New(Options{Faults: Faults{Latency: 10 * time.Second}})
	ctx, cancel := context.WithCancel(t.Context())
	req := httptest.NewRequest("POST", "/indexes", strings.NewReader(bodyServerless)).WithContext(ctx)
	req.Header.Set("Api-Key", DefaultAPIKey)
	rec := httptest.NewRecorder()
	done := make(chan struct{})
	start := time.Now()
	go func() {
		s.ServeHTTP(rec, req)
		close(done)
	}()
	time.Sleep(20 * time.Millisecond)
	cancel()
	select {
	case <-done:
	case <-time.After(2 * time.Second):
		t.Fatal("ServeHTTP did not return after the request context was cancelled")
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("took %v", d)
	}
	if rec.Body.Len() != 0 {
		t.Errorf("abandoned request wrote %q", rec.Body.String())
	}
	// It was counted but not acted on.
	if got := s.Stats()["POST /indexes"]; got != 1 {
		t.Errorf("Stats[POST /indexes] = %d, want 1", got)
	}
	s.SetFaults(Faults{})
	rec = httptest.NewRecorder()
	req = httptest.NewRequest("GET", "/indexes/s", nil)
	req.Header.Set("Api-Key", DefaultAPIKey)
	s.ServeHTTP(rec, req)
	if rec.Code != http.StatusNotFound {
		t.Errorf("abandoned create was acted on: describe answered %d", rec.Code)
	}

	// Through a real client: the client's deadline ends the wait quickly.
	ts := newHTTPTestServer(t, New(Options{Faults: Faults{Latency: 10 * time.Second}}))
	ctx, cancel = context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	creq, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/indexes", nil)
	creq.Header.Set("Api-Key", DefaultAPIKey)
	start = time.Now()
	if resp, err := ts.Client().Do(creq); err == nil {
		resp.Body.Close()
		t.Fatalf("got a response (%d) before the latency elapsed", resp.StatusCode)
	}
	if d := time.Since(start); d > 2*time.Second {
		t.Errorf("client waited %v", d)
	}
}

// rawPost sends a POST on a fresh connection and returns the response or
// the transport error.
func rawPost(t *testing.T, url, body string) (*http.Response, error) {
	t.Helper()
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}, Timeout: 5 * time.Second}
	req, _ := http.NewRequest("POST", url, strings.NewReader(body))
	req.Header.Set("Api-Key", DefaultAPIKey)
	req.Header.Set("Content-Type", "application/json")
	resp, err := client.Do(req)
	if err == nil {
		_, _ = io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
	}
	return resp, err
}

func TestDropCreateResponses(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{DropCreateResponses: 2}})

	// A create that fails does not use up a drop.
	if resp, err := rawPost(t, e.ts.URL+"/indexes", `{"name":"Bad","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`); err != nil || resp.StatusCode != 400 {
		t.Fatalf("invalid create: resp=%v err=%v, want a 400", resp, err)
	}
	// The create is committed, but the client gets no response at all.
	if resp, err := rawPost(t, e.ts.URL+"/indexes", bodyServerless); err == nil {
		t.Fatalf("create answered %d, want a dropped connection", resp.StatusCode)
	}
	b := e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	wantField(t, b, "s", "name")
	// A retry of the same create sees the index: 409, answered normally.
	if resp, err := rawPost(t, e.ts.URL+"/indexes", bodyServerless); err != nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("retried create: resp=%v err=%v, want 409", resp, err)
	}
	// create-for-model is a create too.
	if resp, err := rawPost(t, e.ts.URL+"/indexes/create-for-model", bodyCreateForModel); err == nil {
		t.Fatalf("create-for-model answered %d, want a dropped connection", resp.StatusCode)
	}
	e.do("GET", "/indexes/m", "").must(t, http.StatusOK)
	// Both drops are used up.
	if resp, err := rawPost(t, e.ts.URL+"/indexes", bodyPod); err != nil || resp.StatusCode != http.StatusCreated {
		t.Fatalf("third create: resp=%v err=%v, want 201", resp, err)
	}
	if got := e.srv.Faulted()["dropped"]; got != 2 {
		t.Errorf("Faulted[dropped] = %d, want 2", got)
	}
}

func TestSetFaultsConcurrent(t *testing.T) {
	e := newEnv(t, Options{})
	var wg sync.WaitGroup
	for i := 0; i < 4; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := 0; j < 25; j++ {
				req, _ := http.NewRequest("GET", e.ts.URL+"/indexes", nil)
				req.Header.Set("Api-Key", DefaultAPIKey)
				if resp, err := e.ts.Client().Do(req); err == nil {
					resp.Body.Close()
				}
			}
		}()
	}
	for j := 0; j < 25; j++ {
		e.srv.SetFaults(Faults{ErrorRate: 0.5, RateLimit: 1000, ErrorMethods: []string{"GET"}})
		_ = e.srv.Stats()
		e.srv.SetFaults(Faults{})
	}
	wg.Wait()
	if got := e.srv.Stats()["GET /indexes"]; got != 100 {
		t.Errorf("Stats[GET /indexes] = %d, want 100", got)
	}
}

func TestConcurrentCreates(t *testing.T) {
	e := newEnv(t, Options{})
	var wg sync.WaitGroup
	statuses := make([]int, 20)
	for i := range statuses {
		wg.Add(1)
		go func() {
			defer wg.Done()
			req, _ := http.NewRequest("POST", e.ts.URL+"/indexes", strings.NewReader(bodyServerless))
			req.Header.Set("Api-Key", DefaultAPIKey)
			resp, err := e.ts.Client().Do(req)
			if err != nil {
				return
			}
			resp.Body.Close()
			statuses[i] = resp.StatusCode
		}()
	}
	wg.Wait()
	created, conflicts := 0, 0
	for _, s := range statuses {
		switch s {
		case http.StatusCreated:
			created++
		case http.StatusConflict:
			conflicts++
		}
	}
	if created != 1 || conflicts != 19 {
		t.Errorf("created %d, conflicts %d; want 1 and 19 (%v)", created, conflicts, statuses)
	}
}

func TestDropCreateResponsesCollectionsBackupsRestores(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	ready := e.createBackup("s", `{}`)
	e.srv.SetFaults(Faults{DropCreateResponses: 3})

	// A rejected create does not use up a drop.
	if resp, err := rawPost(t, e.ts.URL+"/collections", `{"name":"c","source":"s"}`); err != nil || resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("invalid collection: resp=%v err=%v, want a 400", resp, err)
	}
	// Each create is committed, then the connection is closed.
	if resp, err := rawPost(t, e.ts.URL+"/collections", bodyCollection); err == nil {
		t.Fatalf("create collection answered %d, want a dropped connection", resp.StatusCode)
	}
	e.do("GET", "/collections/c", "").must(t, http.StatusOK)
	if resp, err := rawPost(t, e.ts.URL+"/indexes/s/backups", `{"name":"dropped"}`); err == nil {
		t.Fatalf("create backup answered %d, want a dropped connection", resp.StatusCode)
	}
	list := e.do("GET", "/indexes/s/backups", "").must(t, http.StatusOK)["data"].([]any)
	if len(list) != 2 {
		t.Fatalf("backups after a dropped create = %v, want 2", list)
	}
	if resp, err := rawPost(t, e.ts.URL+"/backups/"+ready+"/create-index", `{"name":"r"}`); err == nil {
		t.Fatalf("create-index answered %d, want a dropped connection", resp.StatusCode)
	}
	e.do("GET", "/indexes/r", "").must(t, http.StatusOK)
	if n := len(e.do("GET", "/restore-jobs", "").must(t, http.StatusOK)["data"].([]any)); n != 1 {
		t.Errorf("restore jobs after a dropped create = %d, want 1", n)
	}
	if got := e.srv.Faulted()["dropped"]; got != 3 {
		t.Errorf("Faulted[dropped] = %d, want 3", got)
	}
	// Drops used up: retries get normal answers.
	if resp, err := rawPost(t, e.ts.URL+"/collections", bodyCollection); err != nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("retried collection create: resp=%v err=%v, want 409", resp, err)
	}
	if resp, err := rawPost(t, e.ts.URL+"/backups/"+ready+"/create-index", `{"name":"r"}`); err != nil || resp.StatusCode != http.StatusConflict {
		t.Fatalf("retried restore: resp=%v err=%v, want 409", resp, err)
	}
	if resp, err := rawPost(t, e.ts.URL+"/indexes/s/backups", `{}`); err != nil || resp.StatusCode != http.StatusOK {
		t.Fatalf("backup after the drops: resp=%v err=%v, want 200", resp, err)
	}
}

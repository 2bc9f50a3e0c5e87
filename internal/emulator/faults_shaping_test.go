package emulator

import (
	"math/rand/v2"
	"net/http"
	"testing"
	"time"
)

// Random 429s: a share of requests is refused with Retry-After: 1 and the
// usual body, before anything is acted on, whatever the token bucket holds.
func TestRateLimitedRate(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{RateLimitedRate: 0.3}})
	e.srv.faults.rng = rand.New(rand.NewPCG(3, 4))
	const n = 300
	limited := 0
	for i := 0; i < n; i++ {
		r := e.do("GET", "/indexes", "")
		switch r.status {
		case http.StatusOK:
		case http.StatusTooManyRequests:
			limited++
			r.wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "retry after 1 second")
			if ra := r.header.Get("Retry-After"); ra != "1" {
				t.Fatalf("Retry-After = %q, want 1", ra)
			}
		default:
			t.Fatalf("status %d: %s", r.status, r.raw)
		}
	}
	if limited < 60 || limited > 120 {
		t.Errorf("%d of %d requests answered 429 with rate 0.3", limited, n)
	}
	if got := e.srv.Faulted()["429"]; got != int64(limited) {
		t.Errorf("Faulted[429] = %d, counted %d", got, limited)
	}

	// Rate 1 refuses everything, creates included, and nothing is created.
	e.srv.SetFaults(Faults{RateLimitedRate: 1})
	e.do("POST", "/indexes", bodyServerless).wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	// Before authentication, like the limiter.
	e.do("GET", "/indexes", "", "Api-Key", "bad").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	e.srv.SetFaults(Faults{})
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
}

// The limiter and random 429s add up; both count as "429".
func TestRateLimitedRateWithLimiter(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{RateLimit: 1, RateBurst: 1, RateLimitedRate: 1}})
	// The bucket lets the first request through, the random share stops it.
	e.do("GET", "/indexes", "").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	// The bucket is empty now: the limiter's own 429.
	e.do("GET", "/indexes", "").wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	if got := e.srv.Faulted()["429"]; got != 2 {
		t.Errorf("Faulted[429] = %d, want 2", got)
	}
	e.srv.SetFaults(Faults{RateLimit: 1, RateBurst: 1})
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
}

// LatencyRate picks which requests get Latency; 0 keeps the old meaning
// (every request).
func TestLatencyRate(t *testing.T) {
	const latency = 150 * time.Millisecond
	e := newEnv(t, Options{Faults: Faults{Latency: latency, LatencyRate: 0.5}})
	e.srv.faults.rng = rand.New(rand.NewPCG(5, 6))
	slow, fast := 0, 0
	for i := 0; i < 16; i++ {
		start := time.Now()
		e.do("GET", "/indexes", "").must(t, http.StatusOK)
		if time.Since(start) >= latency {
			slow++
		} else {
			fast++
		}
	}
	if slow == 0 || fast == 0 {
		t.Errorf("slow %d, fast %d: want some of each with rate 0.5", slow, fast)
	}
	if got := e.srv.Faulted()["delayed"]; got != int64(slow) {
		t.Errorf("Faulted[delayed] = %d, measured %d slow requests", got, slow)
	}

	e.srv.ResetStats()
	e.srv.SetFaults(Faults{Latency: 20 * time.Millisecond})
	for i := 0; i < 3; i++ {
		start := time.Now()
		e.do("GET", "/indexes", "").must(t, http.StatusOK)
		if d := time.Since(start); d < 20*time.Millisecond {
			t.Errorf("request %d took %v with LatencyRate 0, want every request delayed", i, d)
		}
	}
	if got := e.srv.Faulted()["delayed"]; got != 3 {
		t.Errorf("Faulted[delayed] = %d, want 3", got)
	}
	// Without Latency, LatencyRate alone does nothing.
	e.srv.SetFaults(Faults{LatencyRate: 1})
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	if got := e.srv.Faulted()["delayed"]; got != 3 {
		t.Errorf("Faulted[delayed] = %d after a request without Latency, want still 3", got)
	}
}

func TestLatencyRateDraws(t *testing.T) {
	fs := newFaultState(Faults{Latency: time.Second, LatencyRate: 0.25}, time.Now())
	fs.rng = rand.New(rand.NewPCG(7, 8))
	delayed := 0
	for i := 0; i < 400; i++ {
		switch d := fs.delay(); d {
		case time.Second:
			delayed++
		case 0:
		default:
			t.Fatalf("delay = %v", d)
		}
	}
	if delayed < 70 || delayed > 130 {
		t.Errorf("%d of 400 delayed with rate 0.25", delayed)
	}
}

func TestForceStatusPaymentAndQuota(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{ForceStatus: http.StatusPaymentRequired, ForceStatusPaths: []string{"POST /indexes"}}})
	e.do("POST", "/indexes", bodyServerless).wantError(t, http.StatusPaymentRequired, "PAYMENT_REQUIRED",
		"Request failed. Pay all past due invoices to lift restrictions on your account.")
	// Other routes and methods answer as usual.
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	e.do("POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	// The refused create was not acted on.
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	// Authentication comes first: a bad key is still 401.
	e.do("POST", "/indexes", bodyServerless, "Api-Key", "bad").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")

	e.srv.SetFaults(Faults{ForceStatus: http.StatusForbidden, ForceStatusPaths: []string{"post /indexes", "DELETE /indexes/{index_name}"}})
	e.do("POST", "/indexes", bodyServerless).wantError(t, http.StatusForbidden, "FORBIDDEN",
		"Increase your quota or upgrade to create more indexes.")
	e.do("DELETE", "/indexes/m", "").wantError(t, http.StatusForbidden, "FORBIDDEN", "")
	e.do("GET", "/indexes/m", "").must(t, http.StatusOK)

	f := e.srv.Faulted()
	if f["402"] != 1 || f["403"] != 2 {
		t.Errorf("Faulted = %v, want 402: 1 and 403: 2", f)
	}
	if got := e.srv.Stats()["POST /indexes"]; got != 3 {
		t.Errorf("Stats[POST /indexes] = %d, want 3 (forced answers are counted)", got)
	}
}

func TestForceStatusOtherStatusesAndScopes(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{ForceStatus: http.StatusTeapot}})
	// No paths: every routed request, whatever its namespace.
	r := e.do("GET", "/indexes", "")
	r.wantError(t, http.StatusTeapot, "UNKNOWN", "forced")
	e.do("GET", "/assistant/assistants", "").wantError(t, http.StatusTeapot, "UNKNOWN", "")
	// Unknown routes keep their 404.
	e.do("GET", "/nowhere", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	e.srv.SetFaults(Faults{ForceStatus: http.StatusTooManyRequests, ForceStatusPaths: []string{"GET /indexes/{index_name}"}})
	r = e.do("GET", "/indexes/x", "")
	r.wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	if ra := r.header.Get("Retry-After"); ra != "1" {
		t.Errorf("forced 429 Retry-After = %q, want 1", ra)
	}
	e.do("GET", "/indexes", "").must(t, http.StatusOK)

	e.srv.SetFaults(Faults{ForceStatus: http.StatusServiceUnavailable, ForceStatusPaths: []string{"POST /oauth/token"}})
	r = e.do("POST", "/oauth/token", `{"client_id":"a","client_secret":"b","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`)
	if r.status != http.StatusServiceUnavailable || r.body["error"] != "temporarily_unavailable" {
		t.Errorf("forced 503 on the token endpoint = %d %s, want the OAuth error shape", r.status, r.raw)
	}
	if f := e.srv.Faulted(); f["418"] != 2 || f["429"] != 1 || f["503"] != 1 {
		t.Errorf("Faulted = %v", f)
	}
}

func TestControlFaultsNewFields(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("PUT", "/_emulator/faults", `{"rate_limited_rate":0.25,"latency":"1ms","latency_rate":0.5,"force_status":402,"force_status_paths":["POST /indexes"]}`).
		must(t, http.StatusNoContent)
	want := Faults{RateLimitedRate: 0.25, Latency: time.Millisecond, LatencyRate: 0.5, ForceStatus: 402, ForceStatusPaths: []string{"POST /indexes"}}
	if got := e.srv.faults.snapshot(); !jsonEqual(got, want) {
		t.Errorf("faults = %+v, want %+v", got, want)
	}
	b := e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK)
	wantField(t, b, 0.25, "rate_limited_rate")
	wantField(t, b, 0.5, "latency_rate")
	wantField(t, b, 402, "force_status")
	wantField(t, b, []string{"POST /indexes"}, "force_status_paths")

	e.do("PUT", "/_emulator/faults", `{}`).must(t, http.StatusNoContent)
	b = e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK)
	wantField(t, b, []string{}, "force_status_paths")
	wantField(t, b, 0, "force_status")

	for _, bad := range []string{
		`{"rate_limited_rate":1.5}`, `{"rate_limited_rate":-0.1}`, `{"latency_rate":2}`,
		`{"force_status":200}`, `{"force_status":600}`, `{"force_status":402,"force_status_paths":["/indexes"]}`,
		`{"force_status_paths":["POST indexes"]}`, `{"force_status_paths":["POST /indexes extra"]}`,
	} {
		e.do("PUT", "/_emulator/faults", bad).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
	}
}

// The same Seed gives the same sequence of injected faults.
func TestSeedRepeatsFaults(t *testing.T) {
	pattern := func(seed uint64) string {
		e := newEnv(t, Options{Seed: seed, Faults: Faults{ErrorRate: 0.5, RateLimitedRate: 0.2}})
		out := make([]byte, 0, 40)
		for i := 0; i < 40; i++ {
			switch e.do("GET", "/indexes", "").status {
			case http.StatusOK:
				out = append(out, '.')
			case http.StatusTooManyRequests:
				out = append(out, 'L')
			default:
				out = append(out, 'E')
			}
		}
		return string(out)
	}
	a, b, c := pattern(42), pattern(42), pattern(43)
	if a != b {
		t.Errorf("seed 42 gave %s, then %s", a, b)
	}
	if a == c {
		t.Errorf("seeds 42 and 43 gave the same pattern %s", a)
	}
}

// Faults returns what is active, with the drops still to come, and
// SetFaults(Faults()) puts it back.
func TestFaultsSnapshot(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{DropCreateResponses: 2, ForceStatus: 402, ForceStatusPaths: []string{"POST /indexes"}}})
	if resp, err := rawPost(t, e.ts.URL+"/indexes/create-for-model", bodyCreateForModel); err == nil {
		t.Fatalf("create answered %d, want a dropped connection", resp.StatusCode)
	}
	saved := e.srv.Faults()
	if saved.DropCreateResponses != 1 || saved.ForceStatus != 402 || len(saved.ForceStatusPaths) != 1 {
		t.Fatalf("Faults() = %+v", saved)
	}
	saved.ForceStatusPaths[0] = "changed" // a copy: the server keeps its own
	if got := e.srv.Faults().ForceStatusPaths[0]; got != "POST /indexes" {
		t.Errorf("ForceStatusPaths changed through the snapshot: %q", got)
	}
	e.srv.SetFaults(Faults{})
	e.srv.SetFaults(Faults{DropCreateResponses: 1})
	if got := e.srv.Faults().DropCreateResponses; got != 1 {
		t.Errorf("DropCreateResponses = %d after restoring, want 1", got)
	}
}

package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

func TestPollIntervalGrowth(t *testing.T) {
	cfg := PollConfig{Initial: 500 * time.Millisecond, Max: 5 * time.Second, Fraction: 0.1}
	cases := []struct{ elapsed, want time.Duration }{
		{0, 500 * time.Millisecond},
		{time.Second, 500 * time.Millisecond},
		{5 * time.Second, 500 * time.Millisecond},
		{6 * time.Second, 600 * time.Millisecond},
		{10 * time.Second, time.Second},
		{30 * time.Second, 3 * time.Second},
		{50 * time.Second, 5 * time.Second},
		{time.Hour, 5 * time.Second},
	}
	for _, tc := range cases {
		if got := cfg.interval(tc.elapsed); got != tc.want {
			t.Errorf("interval(%v) = %v, want %v", tc.elapsed, got, tc.want)
		}
	}
	uncapped := PollConfig{Initial: time.Second, Fraction: 0.5}
	if got := uncapped.interval(time.Hour); got != 30*time.Minute {
		t.Errorf("uncapped interval(1h) = %v, want 30m", got)
	}
	fixed := PollConfig{Initial: 2 * time.Second, Max: 2 * time.Second}
	if got := fixed.interval(time.Hour); got != 2*time.Second {
		t.Errorf("fixed interval(1h) = %v, want 2s", got)
	}
	if d := DefaultPollConfig(); d.Initial != 500*time.Millisecond || d.Max != 5*time.Second || d.Fraction != 0.05 {
		t.Errorf("DefaultPollConfig = %+v", d)
	}
}

// boundedCtx keeps a waiter that fails to recognise a state from polling
// until the test binary times out.
func boundedCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	t.Cleanup(cancel)
	return ctx
}

func fakePoller(cfg PollConfig, clock *fakeClock) poller {
	return poller{cfg: cfg, now: clock.now, sleep: clock.sleep}
}

func TestPollDoneAtOnce(t *testing.T) {
	clock := newFakeClock()
	checks := 0
	err := fakePoller(DefaultPollConfig(), clock).run(t.Context(), "x", func(ctx context.Context) (bool, string, error) {
		checks++
		return true, "Ready", nil
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	if checks != 1 || len(clock.slept()) != 0 {
		t.Errorf("checks = %d, sleeps = %v; want 1 check and no sleep", checks, clock.slept())
	}
}

func TestPollReturnsCheckError(t *testing.T) {
	clock := newFakeClock()
	boom := errors.New("boom")
	checks := 0
	err := fakePoller(DefaultPollConfig(), clock).run(t.Context(), "x", func(ctx context.Context) (bool, string, error) {
		checks++
		if checks < 3 {
			return false, "Initializing", nil
		}
		return false, "Broken", boom
	})
	if !errors.Is(err, boom) {
		t.Errorf("err = %v, want the check's own error", err)
	}
	var we *WaitError
	if errors.As(err, &we) {
		t.Errorf("check error wrapped in a WaitError: %v", err)
	}
	if checks != 3 || len(clock.slept()) != 2 {
		t.Errorf("checks = %d, sleeps = %v; want 3 and 2", checks, clock.slept())
	}
}

func TestPollDeadlineGivesWaitError(t *testing.T) {
	ctx, cancel := context.WithTimeout(t.Context(), 40*time.Millisecond)
	defer cancel()
	checks := 0
	start := time.Now()
	err := Poll(ctx, fastPoll(), "index \"s\" to become Ready", func(ctx context.Context) (bool, string, error) {
		checks++
		if checks == 1 {
			return false, "Initializing", nil
		}
		return false, "", nil // an empty state keeps the last one
	})
	if time.Since(start) > 2*time.Second {
		t.Errorf("Poll ran %v past a 40ms deadline", time.Since(start))
	}
	var we *WaitError
	if !errors.As(err, &we) {
		t.Fatalf("err = %v (%T), want *WaitError", err, err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("WaitError does not unwrap to DeadlineExceeded: %v", err)
	}
	if we.LastState != "Initializing" || we.What != "index \"s\" to become Ready" {
		t.Errorf("WaitError = %+v", we)
	}
	if we.Elapsed < 30*time.Millisecond {
		t.Errorf("Elapsed = %v, want about 40ms", we.Elapsed)
	}
	msg := err.Error()
	for _, want := range []string{"gave up waiting for index \"s\" to become Ready", "(last state: Initializing)", "context deadline exceeded"} {
		if !strings.Contains(msg, want) {
			t.Errorf("message %q lacks %q", msg, want)
		}
	}
	if checks < 2 {
		t.Errorf("checks = %d, want several", checks)
	}
}

func TestPollCancelledWhileSleeping(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	clock := newFakeClock()
	p := poller{cfg: DefaultPollConfig(), now: clock.now, sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}}
	err := p.run(ctx, "thing", func(ctx context.Context) (bool, string, error) { return false, "Pending", nil })
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.Canceled) || we.LastState != "Pending" {
		t.Errorf("err = %v, want a WaitError for context.Canceled with last state Pending", err)
	}
}

// When the check itself fails because the context ended, the caller gets a
// WaitError (with the timeout), not the check's transport error.
func TestPollCheckFailsBecauseContextEnded(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	clock := newFakeClock()
	checks := 0
	err := fakePoller(DefaultPollConfig(), clock).run(ctx, "thing", func(ctx context.Context) (bool, string, error) {
		checks++
		if checks == 2 {
			cancel()
			return false, "", fmt.Errorf("GET /x: %w", ctx.Err())
		}
		return false, "Scaling", nil
	})
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.Canceled) || we.LastState != "Scaling" {
		t.Errorf("err = %v, want WaitError(Canceled, last state Scaling)", err)
	}
}

func TestPollNoStateMessage(t *testing.T) {
	e := &WaitError{What: "x", Elapsed: 1500 * time.Millisecond, Err: context.DeadlineExceeded}
	if got := e.Error(); got != "gave up waiting for x after 2s: context deadline exceeded" {
		t.Errorf("Error() = %q", got)
	}
}

// simulate polls an object that becomes ready at readyAt and returns the time
// at which the poller noticed, and how many checks it made.
func simulate(t *testing.T, cfg PollConfig, readyAt time.Duration) (time.Duration, int) {
	t.Helper()
	clock := newFakeClock()
	start := clock.now()
	checks := 0
	err := fakePoller(cfg, clock).run(t.Context(), "x", func(ctx context.Context) (bool, string, error) {
		checks++
		return clock.now().Sub(start) >= readyAt, "", nil
	})
	if err != nil {
		t.Fatalf("run: %v", err)
	}
	return clock.now().Sub(start), checks
}

func TestPollDetectsReadinessPromptly(t *testing.T) {
	cfg := DefaultPollConfig()
	detected, checks := simulate(t, cfg, 10*time.Second)
	late := detected - 10*time.Second
	if late < 0 {
		t.Fatalf("detected at %v, before readiness", detected)
	}
	if late > time.Second {
		t.Errorf("ready at 10s, detected at %v: %v late, want within 10%% (1s)", detected, late)
	}
	// Checks every 500ms up to ~7s (15 checks), then steps of 7% of the
	// elapsed time up to 10.5s: about 21 in all.
	if checks < 12 || checks > 24 {
		t.Errorf("checks = %d, want between 12 and 24", checks)
	}
	t.Logf("ready at 10s: detected at %v after %d checks", detected, checks)

	for _, readyAt := range []time.Duration{0, 300 * time.Millisecond, time.Second, 3 * time.Second, 45 * time.Second, 2 * time.Minute, 10 * time.Minute} {
		detected, checks := simulate(t, cfg, readyAt)
		allowed := readyAt / 10
		if allowed < 500*time.Millisecond {
			allowed = 500 * time.Millisecond
		}
		if late := detected - readyAt; late < 0 || late > allowed {
			t.Errorf("ready at %v: detected at %v (%v late), allowed %v", readyAt, detected, late, allowed)
		}
		// Never more checks than fixed Initial-sized steps would need, plus one.
		if limit := int(readyAt/cfg.Initial) + 2; checks > limit {
			t.Errorf("ready at %v: %d checks, more than %d", readyAt, checks, limit)
		}
		// Long waits are cheap: at most one check per Max interval plus the ramp.
		if readyAt >= 2*time.Minute {
			if limit := int(readyAt/cfg.Max) + 50; checks > limit {
				t.Errorf("ready at %v: %d checks, more than %d", readyAt, checks, limit)
			}
		}
	}
}

// indexJSON builds a describe answer.
func indexJSON(state string, ready bool, rc string) string {
	rcPart := ""
	if rc != "" {
		rcPart = `,"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":1,"shards":1}},"status":` + rc + `}`
	}
	return fmt.Sprintf(`{"name":"s","dimension":3,"metric":"cosine","host":"s-x.svc.pinecone.io","spec":{"serverless":{"cloud":"aws","region":"us-east-1"%s}},"status":{"ready":%v,"state":%q},"vector_type":"dense"}`,
		rcPart, ready, state)
}

// sequence answers describe calls with bodies in turn (the last repeats); a
// body of "404" answers NOT_FOUND.
func sequence(bodies ...string) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		b := bodies[len(bodies)-1]
		if n < len(bodies) {
			b = bodies[n]
		}
		if b == "404" {
			reply(w, 404, pineconeError(404, "NOT_FOUND", "Index s not found."))
			return
		}
		if b == "401" {
			reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "Invalid API key."))
			return
		}
		reply(w, 200, b)
	}
}

func TestWaitForIndexReady(t *testing.T) {
	api := newFakeAPI(t, sequence(
		indexJSON("Initializing", false, ""),
		indexJSON("Initializing", false, `{"state":"Scaling"}`),
		indexJSON("Ready", true, `{"state":"Scaling","current_replicas":0}`),
		indexJSON("Ready", true, `{"state":"Migrating"}`),
		indexJSON("Ready", true, `{"state":"Ready","current_replicas":1,"current_shards":1}`),
	))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "s")
	if err != nil {
		t.Fatalf("WaitForIndexReady: %v", err)
	}
	if api.count() != 5 {
		t.Errorf("describes = %d, want 5 (keep polling while read capacity is not Ready)", api.count())
	}
	rc := ix.Spec.Serverless.ReadCapacity
	if !ix.Status.Ready || rc == nil || rc.Status == nil || rc.Status.State != "Ready" || *rc.Status.CurrentReplicas != 1 {
		t.Errorf("returned model %+v is not the last description", ix)
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.Path != "/indexes/s" {
			t.Errorf("waiter sent %s %s", r.Method, r.Path)
		}
	}
}

func TestWaitForIndexReadyWithoutReadCapacity(t *testing.T) {
	api := newFakeAPI(t, sequence(
		`{"name":"p","spec":{"pod":{"environment":"us-east1-gcp","pod_type":"p1.x1"}},"status":{"ready":false,"state":"ScalingUp"}}`,
		`{"name":"p","spec":{"pod":{"environment":"us-east1-gcp","pod_type":"p1.x1"}},"status":{"ready":true,"state":"Ready"}}`,
	))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "p")
	if err != nil || ix == nil || ix.Name != "p" {
		t.Fatalf("WaitForIndexReady = %+v, %v", ix, err)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2", api.count())
	}
}

func TestWaitForIndexReadyInitializationFailed(t *testing.T) {
	api := newFakeAPI(t, sequence(indexJSON("Initializing", false, ""), indexJSON("InitializationFailed", false, "")))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "s")
	var fe *IndexFailedError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want *IndexFailedError", err, err)
	}
	if fe.Name != "s" || fe.State != "InitializationFailed" {
		t.Errorf("IndexFailedError = %+v", fe)
	}
	if got := err.Error(); got != `index "s" is in state InitializationFailed` {
		t.Errorf("Error() = %q", got)
	}
	if ix == nil || ix.Status.State != "InitializationFailed" {
		t.Errorf("last model = %+v, want the failed description", ix)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2 (stop at the failure)", api.count())
	}
}

func TestWaitForIndexReadyReadCapacityError(t *testing.T) {
	api := newFakeAPI(t, sequence(
		indexJSON("Ready", true, `{"state":"Scaling"}`),
		indexJSON("Ready", true, `{"state":"Error","error_message":"not enough capacity in us-east-1"}`),
	))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "s")
	var rce *ReadCapacityFailedError
	if !errors.As(err, &rce) {
		t.Fatalf("err = %v (%T), want *ReadCapacityFailedError", err, err)
	}
	if rce.Name != "s" || rce.Message != "not enough capacity in us-east-1" {
		t.Errorf("ReadCapacityFailedError = %+v", rce)
	}
	var fe *IndexFailedError
	if errors.As(err, &fe) {
		t.Errorf("a read capacity error is not an IndexFailedError: %+v", fe)
	}
	if !strings.Contains(err.Error(), "not enough capacity in us-east-1") {
		t.Errorf("Error() = %q lacks Pinecone's message", err)
	}
	if ix == nil || ix.Spec.Serverless.ReadCapacity.Status.State != "Error" {
		t.Errorf("last model = %+v, want the Error description", ix)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2", api.count())
	}
}

func TestReadCapacityFailedErrorMessage(t *testing.T) {
	for _, c := range []struct {
		err  *ReadCapacityFailedError
		want string
	}{
		{&ReadCapacityFailedError{Name: "s", Message: "quota"}, `the read capacity of index "s" is in state Error: quota`},
		{&ReadCapacityFailedError{Name: "s"}, `the read capacity of index "s" is in state Error`},
	} {
		if got := c.err.Error(); got != c.want {
			t.Errorf("Error() = %q, want %q", got, c.want)
		}
	}
}

func TestWaitForIndexReadyHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(indexJSON("Ready", true, `{"state":"Migrating"}`)))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	ix, err := c.WaitForIndexReady(ctx, "s")
	if time.Since(start) > 2*time.Second {
		t.Errorf("waited %v past a 50ms deadline", time.Since(start))
	}
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != "Ready, read capacity Migrating" {
		t.Errorf("LastState = %q", we.LastState)
	}
	if ix == nil {
		t.Error("no last description returned on timeout")
	}
	if api.count() < 2 {
		t.Errorf("describes = %d, want several", api.count())
	}
}

func TestWaitForIndexReadyReturnsDescribeErrors(t *testing.T) {
	api := newFakeAPI(t, sequence(indexJSON("Initializing", false, ""), "401"))
	c := newTestClient(t, api.URL())
	_, err := c.WaitForIndexReady(boundedCtx(t), "s")
	if !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
}

// Right after a create, Pinecone may briefly answer 404: the waiter keeps
// polling instead of failing the apply.
func TestWaitForIndexReadyToleratesEarly404(t *testing.T) {
	api := newFakeAPI(t, sequence("404", "404", indexJSON("Ready", true, "")))
	c := newTestClient(t, api.URL())
	if _, err := c.WaitForIndexReady(boundedCtx(t), "s"); err != nil {
		t.Fatalf("WaitForIndexReady: %v", err)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
}

// pausedIndexJSON is a serverless index with dedicated read capacity of the
// given replicas, in state (ready) with read capacity status rcState.
func pausedIndexJSON(state string, ready bool, replicas int, rcState string) string {
	return fmt.Sprintf(`{"name":"s","dimension":3,"metric":"cosine","host":"s-x.svc.pinecone.io","spec":{"serverless":{"cloud":"aws","region":"us-east-1",`+
		`"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"replicas":%d,"shards":1}},"status":{"state":%q,"current_replicas":0,"current_shards":1}}}},`+
		`"status":{"ready":%v,"state":%q},"vector_type":"dense"}`, replicas, rcState, ready, state)
}

// Dedicated capacity with zero replicas disables the index on purpose: the
// waiter waits for Disabled (with the read capacity Ready), not for Ready.
func TestWaitForIndexReadyWaitsForDisabledWithZeroReplicas(t *testing.T) {
	api := newFakeAPI(t, sequence(
		pausedIndexJSON("Ready", true, 0, "Scaling"),
		pausedIndexJSON("Ready", true, 0, "Ready"), // not paused yet
		pausedIndexJSON("Disabled", false, 0, "Ready"),
	))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "s")
	if err != nil {
		t.Fatalf("WaitForIndexReady: %v", err)
	}
	if ix.Status.State != "Disabled" || api.count() != 3 {
		t.Errorf("state %s after %d describes, want Disabled after 3", ix.Status.State, api.count())
	}
}

// Back to one replica or more, Disabled is a state to wait out.
func TestWaitForIndexReadyWaitsOutDisabledWithReplicas(t *testing.T) {
	api := newFakeAPI(t, sequence(
		pausedIndexJSON("Disabled", false, 1, "Scaling"),
		pausedIndexJSON("Disabled", false, 1, "Ready"),
		pausedIndexJSON("Ready", true, 1, "Ready"),
	))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "s")
	if err != nil {
		t.Fatalf("WaitForIndexReady: %v", err)
	}
	if ix.Status.State != "Ready" || api.count() != 3 {
		t.Errorf("state %s after %d describes, want Ready after 3", ix.Status.State, api.count())
	}
}

func TestIsReadyTargets(t *testing.T) {
	decode := func(s string) *IndexModel {
		var ix IndexModel
		if err := json.Unmarshal([]byte(s), &ix); err != nil {
			t.Fatal(err)
		}
		return &ix
	}
	for _, c := range []struct {
		name string
		body string
		want bool
	}{
		{"ready on demand", indexJSON("Ready", true, ""), true},
		{"disabled without dedicated replicas 0", indexJSON("Disabled", false, ""), false},
		{"paused", pausedIndexJSON("Disabled", false, 0, "Ready"), true},
		{"pausing", pausedIndexJSON("Ready", true, 0, "Ready"), false},
		{"paused, capacity scaling", pausedIndexJSON("Disabled", false, 0, "Scaling"), false},
		{"resuming", pausedIndexJSON("Disabled", false, 2, "Ready"), false},
		{"resumed", pausedIndexJSON("Ready", true, 2, "Ready"), true},
	} {
		if got := IsReady(decode(c.body)); got != c.want {
			t.Errorf("%s: IsReady = %v, want %v", c.name, got, c.want)
		}
	}
}

func TestWaitForIndexDeleted(t *testing.T) {
	api := newFakeAPI(t, sequence(
		indexJSON("Terminating", false, ""),
		indexJSON("Terminating", false, ""),
		"404",
	))
	c := newTestClient(t, api.URL())
	if err := c.WaitForIndexDeleted(boundedCtx(t), "s"); err != nil {
		t.Fatalf("WaitForIndexDeleted: %v", err)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
}

func TestWaitForIndexDeletedAlreadyGone(t *testing.T) {
	api := newFakeAPI(t, sequence("404"))
	c := newTestClient(t, api.URL())
	if err := c.WaitForIndexDeleted(boundedCtx(t), "s"); err != nil {
		t.Fatalf("WaitForIndexDeleted: %v", err)
	}
	if api.count() != 1 {
		t.Errorf("describes = %d, want 1", api.count())
	}
}

func TestWaitForIndexDeletedHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(indexJSON("Terminating", false, "")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.WaitForIndexDeleted(ctx, "s")
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != "Terminating" || !strings.Contains(we.What, `"s"`) {
		t.Errorf("WaitError = %+v", we)
	}
}

func TestWaitForIndexDeletedReturnsOtherErrors(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 403, pineconeError(403, "FORBIDDEN", "no"))
	})
	c := newTestClient(t, api.URL())
	err := c.WaitForIndexDeleted(boundedCtx(t), "s")
	if !errors.Is(err, ErrForbidden) {
		t.Errorf("err = %v, want ErrForbidden", err)
	}
	if api.count() != 1 {
		t.Errorf("describes = %d, want 1", api.count())
	}
}

func TestIsReady(t *testing.T) {
	rc := func(state string) *ReadCapacity {
		return &ReadCapacity{Mode: ReadCapacityDedicated, Status: &ReadCapacityStatus{State: state}}
	}
	cases := []struct {
		name string
		ix   IndexModel
		want bool
	}{
		{"ready pod", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{Pod: &PodSpec{}}}, true},
		{"ready flag false", IndexModel{Status: IndexStatus{Ready: false, State: "Ready"}}, false},
		{"state not Ready", IndexModel{Status: IndexStatus{Ready: true, State: "ScalingUp"}}, false},
		{"serverless no rc", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{Serverless: &ServerlessSpec{}}}, true},
		{"serverless rc no status", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{Serverless: &ServerlessSpec{ReadCapacity: &ReadCapacity{Mode: "OnDemand"}}}}, true},
		{"serverless rc empty state", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{Serverless: &ServerlessSpec{ReadCapacity: rc("")}}}, true},
		{"serverless rc Ready", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{Serverless: &ServerlessSpec{ReadCapacity: rc("Ready")}}}, true},
		{"serverless rc Scaling", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{Serverless: &ServerlessSpec{ReadCapacity: rc("Scaling")}}}, false},
		{"byoc rc Migrating", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{BYOC: &BYOCSpec{ReadCapacity: rc("Migrating")}}}, false},
		{"byoc rc Ready", IndexModel{Status: IndexStatus{Ready: true, State: "Ready"}, Spec: IndexSpec{BYOC: &BYOCSpec{ReadCapacity: rc("Ready")}}}, true},
	}
	for _, tc := range cases {
		if got := IsReady(&tc.ix); got != tc.want {
			t.Errorf("%s: IsReady = %v, want %v", tc.name, got, tc.want)
		}
	}
}

func TestIndexFailedErrorMessage(t *testing.T) {
	e := &IndexFailedError{Name: "s", State: "read capacity Error", Detail: "quota"}
	if got := e.Error(); got != `index "s" is in state read capacity Error: quota` {
		t.Errorf("Error() = %q", got)
	}
}

// A check that sees the condition hold wins over a context that ended while
// it ran: the object is ready, so reporting a timeout would be wrong.
func TestPollDoneWinsOverContextEndingDuringCheck(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	clock := newFakeClock()
	checks := 0
	err := fakePoller(DefaultPollConfig(), clock).run(ctx, "thing", func(ctx context.Context) (bool, string, error) {
		checks++
		if checks == 2 {
			cancel()
			return true, "Ready", nil
		}
		return false, "Initializing", nil
	})
	if err != nil {
		t.Errorf("err = %v, want nil: the condition held", err)
	}
	if checks != 2 {
		t.Errorf("checks = %d, want 2", checks)
	}
}

// Assistants and collections, like indexes, may be invisible for a moment
// after their create: the waiters keep polling through an early 404.
func TestWaitersTolerateEarly404(t *testing.T) {
	ready := map[string]string{
		"/assistant/assistants/a": `{"name":"a","status":"Ready"}`,
		"/collections/c":          `{"name":"c","status":"Ready","environment":"e"}`,
	}
	for path, body := range ready {
		seen := 0
		srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			seen++
			if seen == 1 {
				w.WriteHeader(http.StatusNotFound)
				_, _ = w.Write([]byte(`{"error":{"code":"NOT_FOUND","message":"not found"},"status":404}`))
				return
			}
			_, _ = w.Write([]byte(body))
		}))
		c, err := New(Options{APIKey: "k", BaseURL: srv.URL, Poll: PollConfig{Initial: time.Millisecond, Max: time.Millisecond, Fraction: 0.1}})
		if err != nil {
			t.Fatal(err)
		}
		if path == "/collections/c" {
			_, err = c.WaitForCollectionReady(boundedCtx(t), "c")
		} else {
			_, err = c.WaitForAssistantReady(boundedCtx(t), "a")
		}
		srv.Close()
		if err != nil || seen != 2 {
			t.Errorf("%s: err=%v after %d describes, want success after 2", path, err, seen)
		}
	}
}

// waitFor applies its 404 rule: notFoundFails stops at once, notFoundDone
// ends the wait successfully, notFoundEarly keeps polling through it; the
// last object described is returned with the outcome.
func TestWaitFor404Rules(t *testing.T) {
	type obj struct{ state string }
	notFound := &APIError{Status: http.StatusNotFound, Method: "GET", Path: "/x"}
	c := newTestClient(t, "http://127.0.0.1:1")
	for _, tc := range []struct {
		rule      notFoundRule
		answers   []*obj // nil answers 404
		wantErr   error
		wantCalls int
		wantLast  string
	}{
		{notFoundFails, []*obj{{"Pending"}, nil}, ErrNotFound, 2, "Pending"},
		{notFoundDone, []*obj{{"Terminating"}, nil}, nil, 2, "Terminating"},
		{notFoundEarly, []*obj{nil, nil, {"Pending"}, {"Ready"}}, nil, 4, "Ready"},
	} {
		calls := 0
		describe := func(ctx context.Context) (*obj, error) {
			a := tc.answers[min(calls, len(tc.answers)-1)]
			calls++
			if a == nil {
				return nil, notFound
			}
			return a, nil
		}
		last, err := waitFor(boundedCtx(t), c, "x", tc.rule, describe, func(o *obj) (bool, string, error) {
			return o.state == "Ready", o.state, nil
		})
		if !errors.Is(err, tc.wantErr) || (tc.wantErr == nil && err != nil) {
			t.Errorf("rule %d: err = %v, want %v", tc.rule, err, tc.wantErr)
		}
		if calls != tc.wantCalls || last == nil || last.state != tc.wantLast {
			t.Errorf("rule %d: %d describes, last %+v; want %d and %q", tc.rule, calls, last, tc.wantCalls, tc.wantLast)
		}
	}
}

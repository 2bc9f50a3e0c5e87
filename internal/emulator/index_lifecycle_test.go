package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestReadyDelay(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	b := e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	wantState(t, b, "Initializing", false)
	if b["host"] == "" || b["host"] == nil {
		t.Errorf("host missing while Initializing")
	}
	e.clock.Advance(9 * time.Second)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Initializing", false)
	list := e.do("GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)
	wantState(t, list[0].(map[string]any), "Initializing", false)
	e.clock.Advance(time.Second)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Ready", true)
}

func TestReadyDelayZero(t *testing.T) {
	e := newEnv(t, Options{})
	// The create answer says Initializing; the next request (same instant)
	// sees Ready.
	wantState(t, e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated), "Initializing", false)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "Ready", true)
	wantState(t, e.do("POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated), "Initializing", false)
	wantState(t, e.do("GET", "/indexes/m", "").must(t, http.StatusOK), "Ready", true)
}

func TestRealClockDefault(t *testing.T) {
	// Without Options.Now the real clock drives the lifecycle.
	s := New(Options{ReadyDelay: 30 * time.Millisecond})
	e := &testEnv{t: t, srv: s}
	e.ts = newHTTPTestServer(t, s)
	wantState(t, e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated), "Initializing", false)
	time.Sleep(40 * time.Millisecond)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Ready", true)
}

func TestFailInitialization(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second, Faults: Faults{FailInitialization: []string{"bad"}}})
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"bad"`, 1)).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	wantState(t, e.do("GET", "/indexes/bad", "").must(t, http.StatusOK), "Initializing", false)
	e.clock.Advance(time.Second)
	wantState(t, e.do("GET", "/indexes/bad", "").must(t, http.StatusOK), "InitializationFailed", false)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Ready", true)
	// It stays failed, and can be deleted.
	e.clock.Advance(time.Hour)
	wantState(t, e.do("GET", "/indexes/bad", "").must(t, http.StatusOK), "InitializationFailed", false)
	e.do("DELETE", "/indexes/bad", "").must(t, http.StatusAccepted)

	// "*" fails every index created while it is set.
	e.srv.SetFaults(Faults{FailInitialization: []string{"*"}})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	e.clock.Advance(time.Second)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "InitializationFailed", false)
	wantState(t, e.do("GET", "/indexes/m", "").must(t, http.StatusOK), "InitializationFailed", false)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Ready", true)
}

func TestDeleteLifecycle(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: 20 * time.Second})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)

	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Terminating", false)
	list := e.do("GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)
	if len(list) != 2 {
		t.Fatalf("list has %d indexes while one is Terminating, want 2", len(list))
	}
	wantState(t, list[1].(map[string]any), "Terminating", false)

	e.clock.Advance(10 * time.Second)
	// A second DELETE while Terminating is accepted again and does not
	// restart the clock.
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Terminating", false)

	e.clock.Advance(10 * time.Second)
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index s not found.")
	list = e.do("GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)
	if len(list) != 1 || list[0].(map[string]any)["name"] != "p" {
		t.Errorf("list after purge = %v", list)
	}
}

func TestPodScalingStates(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: 30 * time.Second})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "Ready", true)

	// As go-pinecone v5.4.1 sends it: PATCH /indexes/p (replicas)
	b := e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"replicas":2}},"tags":{"a":"1"}}`).must(t, http.StatusOK)
	wantState(t, b, "ScalingUp", true)
	wantField(t, b, 2, "spec", "pod", "replicas")
	wantField(t, b, 2, "spec", "pod", "pods")
	wantField(t, b, map[string]any{"a": "1"}, "tags")
	e.clock.Advance(29 * time.Second)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "ScalingUp", true)
	e.clock.Advance(time.Second)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "Ready", true)

	b = e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"replicas":1}}}`).must(t, http.StatusOK)
	wantState(t, b, "ScalingDown", true)
	e.clock.Advance(30 * time.Second)

	b = e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"pod_type":"p1.x2"}}}`).must(t, http.StatusOK)
	wantState(t, b, "ScalingUpPodSize", true)
	wantField(t, b, "p1.x2", "spec", "pod", "pod_type")
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "ScalingUpPodSize", true)
	e.clock.Advance(30 * time.Second)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "Ready", true)

	// Size and replicas at once: the size change wins.
	b = e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"pod_type":"p1.x4","replicas":3}}}`).must(t, http.StatusOK)
	wantState(t, b, "ScalingUpPodSize", true)
	wantField(t, b, 3, "spec", "pod", "pods")
	e.clock.Advance(30 * time.Second)

	// No change: no scaling state.
	wantState(t, e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"replicas":3,"pod_type":"p1.x4"}}}`).must(t, http.StatusOK), "Ready", true)
	e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"pod_type":"p1.x2"}}}`).wantError(t, 400, "INVALID_ARGUMENT", "Cannot scale down")
}

func TestPodScalingZeroDelay(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", `{"dimension":3,"name":"p","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1"}}}`).must(t, http.StatusCreated)
	// The PATCH answer shows the transition; the next request sees Ready.
	wantState(t, e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"replicas":2}}}`).must(t, http.StatusOK), "ScalingUp", true)
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "Ready", true)
	// Bare p1 is p1.x1: p1.x1 is not a change and p1.x2 is an increase.
	wantState(t, e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"pod_type":"p1.x1"}}}`).must(t, http.StatusOK), "Ready", true)
	wantState(t, e.do("PATCH", "/indexes/p", `{"spec":{"pod":{"pod_type":"p1.x2"}}}`).must(t, http.StatusOK), "ScalingUpPodSize", true)
}

func TestReadCapacityTransitions(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: time.Minute})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	rc := func(b map[string]any) map[string]any {
		t.Helper()
		m, ok := dig(b, "spec", "serverless", "read_capacity").(map[string]any)
		if !ok {
			t.Fatalf("no read_capacity in %v", b)
		}
		return m
	}

	// As go-pinecone v5.4.1 sends it: PATCH /indexes/s (dedicated RC):
	// OnDemand -> Dedicated migrates.
	b := e.do("PATCH", "/indexes/s", `{"spec":{"serverless":{"read_capacity":{"dedicated":{"manual":{"replicas":1,"shards":1},"node_type":"t1","scaling":"Manual"},"mode":"Dedicated"}}},"tags":{}}`).must(t, http.StatusOK)
	wantState(t, b, "Ready", true)
	wantField(t, rc(b), map[string]any{
		"mode":      "Dedicated",
		"dedicated": map[string]any{"node_type": "t1", "scaling": "Manual", "manual": map[string]any{"replicas": 1, "shards": 1}},
		"status":    map[string]any{"state": "Migrating"},
	})
	e.clock.Advance(time.Minute)
	b = e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	wantField(t, rc(b), map[string]any{"state": "Ready", "current_replicas": 1, "current_shards": 1}, "status")

	// Replicas change: Scaling, with the old numbers serving until done.
	b = e.do("PATCH", "/indexes/s", `{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":3,"shards":2}}}}}}`).must(t, http.StatusOK)
	wantState(t, b, "Ready", true)
	wantField(t, rc(b), map[string]any{"state": "Scaling", "current_replicas": 1, "current_shards": 1}, "status")
	wantField(t, rc(b), map[string]any{"replicas": 3, "shards": 2}, "dedicated", "manual")
	e.clock.Advance(30 * time.Second)
	wantField(t, rc(e.do("GET", "/indexes/s", "").must(t, http.StatusOK)), "Scaling", "status", "state")
	e.clock.Advance(30 * time.Second)
	wantField(t, rc(e.do("GET", "/indexes/s", "").must(t, http.StatusOK)),
		map[string]any{"state": "Ready", "current_replicas": 3, "current_shards": 2}, "status")

	// Node type change: Migrating; manual omitted keeps the numbers.
	b = e.do("PATCH", "/indexes/s", `{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual"}}}}}`).must(t, http.StatusOK)
	wantField(t, rc(b), map[string]any{"state": "Migrating", "current_replicas": 3, "current_shards": 2}, "status")
	wantField(t, rc(b), map[string]any{"node_type": "b1", "scaling": "Manual", "manual": map[string]any{"replicas": 3, "shards": 2}}, "dedicated")
	e.clock.Advance(time.Minute)

	// Same config again: no transition.
	b = e.do("PATCH", "/indexes/s", `{"spec":{"serverless":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"replicas":3,"shards":2}}}}}}`).must(t, http.StatusOK)
	wantField(t, rc(b), "Ready", "status", "state")

	// Back to OnDemand: Migrating, then plain OnDemand.
	b = e.do("PATCH", "/indexes/s", `{"spec":{"serverless":{"read_capacity":{"mode":"OnDemand"}}}}`).must(t, http.StatusOK)
	wantState(t, b, "Ready", true)
	wantField(t, rc(b), "OnDemand", "mode")
	wantField(t, rc(b), "Migrating", "status", "state")
	if has(rc(b), "dedicated") {
		t.Errorf("OnDemand read capacity still has dedicated: %v", rc(b))
	}
	e.clock.Advance(time.Minute)
	wantField(t, rc(e.do("GET", "/indexes/s", "").must(t, http.StatusOK)),
		map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}})
}

func TestReadCapacityByoc(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: time.Minute})
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	b := e.do("PATCH", "/indexes/b", `{"spec":{"byoc":{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}}}}}}`).must(t, http.StatusOK)
	wantField(t, b, "Migrating", "spec", "byoc", "read_capacity", "status", "state")
	e.clock.Advance(time.Minute)
	b = e.do("GET", "/indexes/b", "").must(t, http.StatusOK)
	wantField(t, b, map[string]any{"state": "Ready", "current_replicas": 2, "current_shards": 1}, "spec", "byoc", "read_capacity", "status")
}

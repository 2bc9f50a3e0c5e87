package client

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

const ms = time.Millisecond

func TestExpectationMerge(t *testing.T) {
	cases := []struct {
		name        string
		have        expectation
		lo, hi      time.Duration
		wantLo, hi2 time.Duration
	}{
		{"first bracket", expectation{}, 9500 * ms, 10000 * ms, 9500 * ms, 10000 * ms},
		{"overlap narrows", expectation{9500 * ms, 10000 * ms}, 9800 * ms, 10300 * ms, 9800 * ms, 10000 * ms},
		{"inside narrows", expectation{9500 * ms, 10000 * ms}, 9900 * ms, 9950 * ms, 9900 * ms, 9950 * ms},
		{"disjoint replaces", expectation{9500 * ms, 10000 * ms}, 2000 * ms, 2500 * ms, 2000 * ms, 2500 * ms},
		{"done at the first look", expectation{}, 0, 20 * ms, 0, 20 * ms},
		{"lo after hi is clamped", expectation{}, 700 * ms, 500 * ms, 500 * ms, 500 * ms},
	}
	for _, c := range cases {
		got := c.have.merge(c.lo, c.hi)
		if got.lo != c.wantLo || got.hi != c.hi2 {
			t.Errorf("%s: %v.merge(%v, %v) = %v, want [%v, %v]", c.name, c.have, c.lo, c.hi, got, c.wantLo, c.hi2)
		}
	}
}

func TestExpectationShape(t *testing.T) {
	e := expectation{lo: 9600 * ms, hi: 10000 * ms} // step 100ms: looks at 9.7, 9.8, 9.9, 10.0
	if e.step() != 100*ms {
		t.Fatalf("step = %v", e.step())
	}
	cases := []struct {
		name    string
		e       expectation
		elapsed time.Duration
		d, want time.Duration
	}{
		{"nothing learned", expectation{}, time.Second, 500 * ms, 500 * ms},
		{"long before: half as often", e, 2 * time.Second, 500 * ms, time.Second},
		{"just before: at the first look inside", e, 9200 * ms, 500 * ms, 500 * ms},
		{"before: never later than the first look inside", e, 9500 * ms, 500 * ms, 200 * ms},
		{"inside: every step", e, 9700 * ms, 500 * ms, 100 * ms},
		{"after: the usual pace", e, 10100 * ms, 500 * ms, 500 * ms},
		{"inside, usual pace already faster", e, 9700 * ms, 50 * ms, 50 * ms},
		{"wide bracket: four looks", expectation{lo: 0, hi: 4 * time.Second}, 1500 * ms, 500 * ms, 500 * ms},
		{"wide bracket step", expectation{lo: 0, hi: 4 * time.Second}, 1500 * ms, 5 * time.Second, time.Second},
	}
	for _, c := range cases {
		if got := c.e.shape(c.elapsed, c.d); got != c.want {
			t.Errorf("%s: shape(%v, %v) = %v, want %v", c.name, c.elapsed, c.d, got, c.want)
		}
	}
}

// timedIndexAPI is a control plane whose indexes become Ready readyIn
// after their create (real time), with every list's time recorded.
type timedIndexAPI struct {
	readyIn time.Duration
	mu      sync.Mutex
	created map[string]time.Time
	lists   []time.Time
	calls   atomic.Int64
}

func (a *timedIndexAPI) handler(w http.ResponseWriter, r *http.Request, _ int) {
	a.calls.Add(1)
	a.mu.Lock()
	defer a.mu.Unlock()
	view := func(name string, at time.Time) map[string]any {
		state, ready := "Initializing", false
		if time.Since(at) >= a.readyIn {
			state, ready = "Ready", true
		}
		return map[string]any{"name": name, "dimension": 4, "metric": "cosine", "host": name + ".svc.x.pinecone.io",
			"spec":   map[string]any{"serverless": map[string]any{"cloud": "aws", "region": "us-east-1"}},
			"status": map[string]any{"ready": ready, "state": state}, "deletion_protection": "disabled"}
	}
	if r.URL.Path == "/indexes" && r.Method == http.MethodGet {
		a.lists = append(a.lists, time.Now())
		out := []map[string]any{}
		for name, at := range a.created {
			out = append(out, view(name, at))
		}
		b, _ := json.Marshal(map[string]any{"indexes": out})
		reply(w, 200, string(b))
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/indexes/")
	at, ok := a.created[name]
	if !ok {
		reply(w, 404, pineconeError(404, "NOT_FOUND", "Index not found"))
		return
	}
	b, _ := json.Marshal(view(name, at))
	reply(w, 200, string(b))
}

func (a *timedIndexAPI) create(names ...string) {
	a.mu.Lock()
	defer a.mu.Unlock()
	for _, n := range names {
		a.created[n] = time.Now()
	}
}

func (a *timedIndexAPI) listsSince(t time.Time) int {
	a.mu.Lock()
	defer a.mu.Unlock()
	n := 0
	for _, at := range a.lists {
		if !at.Before(t) {
			n++
		}
	}
	return n
}

// A second wave of waiters, started when the first is done (as Terraform
// does with -parallelism), looks less often before the time the first wave
// took and still sees every index Ready; the board learned the bracket.
func TestSecondWaveUsesWhatTheFirstTook(t *testing.T) {
	api := &timedIndexAPI{readyIn: 400 * ms, created: map[string]time.Time{}}
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 25 * ms, Max: 25 * ms}
	})
	wave := func(prefix string) int {
		start := time.Now()
		var all []string
		for i := range 5 {
			all = append(all, fmt.Sprintf("%s-%d", prefix, i))
		}
		api.create(all...)
		var wg sync.WaitGroup
		for _, n := range all {
			wg.Go(func() {
				ix, err := c.WaitForIndexReady(t.Context(), n)
				if err != nil || !ix.Status.Ready {
					t.Errorf("%s: %v, %v", n, ix, err)
				}
			})
		}
		wg.Wait()
		return api.listsSince(start)
	}
	first := wave("a")
	c.indexes.mu.Lock()
	learned := c.indexes.expect[waitCreated]
	c.indexes.mu.Unlock()
	if learned.hi < api.readyIn || learned.lo > api.readyIn {
		t.Fatalf("after the first wave the board expects [%v, %v]; the indexes took %v", learned.lo, learned.hi, api.readyIn)
	}
	second := wave("b")
	t.Logf("lists: first wave %d, second wave %d; expectation [%v, %v]", first, second, learned.lo, learned.hi)
	if second >= first {
		t.Errorf("second wave made %d lists, first %d; want fewer once the board knows what to expect", second, first)
	}
}

// An index faster than the expectation is still seen, at the doubled pace.
func TestFasterThanExpectedStillSeen(t *testing.T) {
	api := &timedIndexAPI{readyIn: 20 * ms, created: map[string]time.Time{}}
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 10 * ms, Max: 10 * ms}
	})
	c.indexes.learn(waitCreated, 10*time.Second, 11*time.Second)
	api.create("quick")
	ix, err := c.WaitForIndexReady(t.Context(), "quick")
	if err != nil || !ix.Status.Ready {
		t.Fatalf("%v, %v", ix, err)
	}
	if n := api.calls.Load(); n > 20 {
		t.Errorf("%d requests for an index Ready after 20ms", n)
	}
}

// A waiter that joins a busy loop is not held back to the loop's next tick
// when the board expects its object to be done at once (objects without
// a delay): it looks within the bracket. Without the expectation it would
// wait for the next tick, poll.Initial (here 5 s) after the last list, and
// miss its 2 s deadline.
func TestExpectedQuickWaiterSkipsTheTick(t *testing.T) {
	api := &timedIndexAPI{readyIn: 0, created: map[string]time.Time{}}
	api.create("quick")
	fake := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if strings.HasSuffix(r.URL.Path, "/busy") {
			reply(w, 200, `{"name":"busy","dimension":4,"metric":"cosine","host":"busy.svc.x.pinecone.io",`+
				`"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"status":{"ready":false,"state":"Initializing"},"deletion_protection":"disabled"}`)
			return
		}
		api.handler(w, r, n)
	})
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 5 * time.Second, Max: 5 * time.Second}
	})
	c.indexes.learn(waitCreated, 0, 30*ms)
	busyCtx, stopBusy := context.WithCancel(t.Context())
	defer stopBusy()
	go func() { _, _ = c.WaitForIndexReady(busyCtx, "busy") }() // keeps the loop busy
	for fake.count() == 0 {
		time.Sleep(ms)
	}
	time.Sleep(50 * ms) // the busy waiter has had its look
	ctx, cancel := context.WithTimeout(t.Context(), 2*time.Second)
	defer cancel()
	if ix, err := c.WaitForIndexReady(ctx, "quick"); err != nil || !ix.Status.Ready {
		t.Fatalf("quick index: %v, %v; held back to the busy loop's next tick", ix, err)
	}
}

// A configuration change is not held to what creates took: the board keeps
// one expectation per kind of wait. With the creates' 10 s bracket, the
// first look of the update would come a second later.
func TestUpdateWaitIgnoresCreateExpectation(t *testing.T) {
	api := &timedIndexAPI{readyIn: 0, created: map[string]time.Time{}}
	api.create("docs")
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 500 * ms, Max: 5 * time.Second, Fraction: 0.05}
	})
	c.indexes.learn(waitCreated, 10*time.Second, 10500*ms)
	ctx, cancel := context.WithTimeout(t.Context(), 500*ms)
	defer cancel()
	if ix, err := c.WaitForIndexUpdated(ctx, "docs"); err != nil || !ix.Status.Ready {
		t.Fatalf("update wait: %v, %v; it waited for the creates' expectation", ix, err)
	}
}

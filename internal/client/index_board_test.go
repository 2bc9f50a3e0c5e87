package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// boardAPI is a fake control plane for the index board: each index becomes
// Ready after readyAfter observations of it (list or describe), and deleted
// ones disappear after as many. It counts lists and describes.
type boardAPI struct {
	mu         sync.Mutex
	indexes    map[string]*boardIndex
	readyAfter int
	lists      atomic.Int64
	describes  atomic.Int64
	patches    atomic.Int64
	failLists  atomic.Bool
	// beforeList, when set, runs before a list answers (to hold it).
	beforeList func(n int64)
}

type boardIndex struct {
	seen     int
	deleting bool
	tag      string // changed by PATCH
}

func newBoardAPI(readyAfter int, names ...string) *boardAPI {
	a := &boardAPI{indexes: map[string]*boardIndex{}, readyAfter: readyAfter}
	for _, n := range names {
		a.indexes[n] = &boardIndex{tag: "v1"}
	}
	return a
}

// view renders an index after counting the observation; nil once a
// deleting index has been seen readyAfter times.
func (a *boardAPI) view(name string, ix *boardIndex) map[string]any {
	ix.seen++
	if ix.deleting && ix.seen > a.readyAfter {
		delete(a.indexes, name)
		return nil
	}
	state, ready := "Initializing", false
	switch {
	case ix.deleting:
		state = "Terminating"
	case ix.seen > a.readyAfter:
		state, ready = "Ready", true
	}
	return map[string]any{
		"name": name, "dimension": 4, "metric": "cosine", "host": name + ".svc.x.pinecone.io",
		"spec":   map[string]any{"serverless": map[string]any{"cloud": "aws", "region": "us-east-1"}},
		"status": map[string]any{"ready": ready, "state": state}, "deletion_protection": "disabled",
		"tags": map[string]any{"tag": ix.tag},
	}
}

func (a *boardAPI) handler(w http.ResponseWriter, r *http.Request, _ int) {
	if r.URL.Path == "/indexes" && r.Method == http.MethodGet {
		n := a.lists.Add(1)
		if a.beforeList != nil {
			a.beforeList(n)
		}
		if a.failLists.Load() {
			reply(w, 500, pineconeError(500, "UNKNOWN", "list broke"))
			return
		}
		a.mu.Lock()
		out := []map[string]any{}
		for name, ix := range a.indexes {
			if v := a.view(name, ix); v != nil {
				out = append(out, v)
			}
		}
		a.mu.Unlock()
		b, _ := json.Marshal(map[string]any{"indexes": out})
		reply(w, 200, string(b))
		return
	}
	name := strings.TrimPrefix(r.URL.Path, "/indexes/")
	a.mu.Lock()
	defer a.mu.Unlock()
	ix, ok := a.indexes[name]
	if !ok {
		reply(w, 404, pineconeError(404, "NOT_FOUND", "Index not found"))
		return
	}
	switch r.Method {
	case http.MethodPatch:
		a.patches.Add(1)
		ix.tag = "v2"
	case http.MethodDelete:
		ix.deleting, ix.seen = true, 0
		reply(w, 202, "")
		return
	default:
		a.describes.Add(1)
	}
	v := a.view(name, ix)
	if v == nil {
		reply(w, 404, pineconeError(404, "NOT_FOUND", "Index not found"))
		return
	}
	b, _ := json.Marshal(v)
	reply(w, 200, string(b))
}

func names(n int) []string {
	out := make([]string, n)
	for i := range out {
		out[i] = fmt.Sprintf("ix-%02d", i)
	}
	return out
}

// Twenty waiters share one list per tick: far fewer requests than one
// describe each per tick, and no describe at all.
func TestIndexWaitersShareLists(t *testing.T) {
	all := names(20)
	api := newBoardAPI(5, all...)
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 20 * time.Millisecond, Max: 20 * time.Millisecond}
	})
	var wg sync.WaitGroup
	errs := make(chan error, len(all))
	for _, n := range all {
		wg.Go(func() {
			ix, err := c.WaitForIndexReady(t.Context(), n)
			if err == nil && !ix.Status.Ready {
				err = fmt.Errorf("%s returned before Ready", n)
			}
			errs <- err
		})
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Fatal(err)
		}
	}
	lists, describes := api.lists.Load(), api.describes.Load()
	t.Logf("20 waiters: %d lists, %d describes", lists, describes)
	if describes != 0 || lists > 15 {
		t.Errorf("%d lists and %d describes for 20 waiters that each needed 6 observations; want a few lists and no describe", lists, describes)
	}
}

// Cancelling one waiter ends only that one.
func TestIndexWaiterCancelDisturbsNoOther(t *testing.T) {
	api := newBoardAPI(8, names(3)...)
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 10 * time.Millisecond, Max: 10 * time.Millisecond}
	})
	cancelled, cancel := context.WithCancel(t.Context())
	done := make(chan error, 3)
	go func() { _, err := c.WaitForIndexReady(cancelled, "ix-00"); done <- err }()
	for _, n := range []string{"ix-01", "ix-02"} {
		go func() { _, err := c.WaitForIndexReady(t.Context(), n); done <- err }()
	}
	time.Sleep(15 * time.Millisecond)
	cancel()
	var waitErr *WaitError
	okCount := 0
	for range 3 {
		err := <-done
		switch {
		case err == nil:
			okCount++
		case errors.As(err, &waitErr) && errors.Is(err, context.Canceled):
		default:
			t.Errorf("unexpected outcome: %v", err)
		}
	}
	if okCount != 2 {
		t.Errorf("%d waiters finished, want the 2 that were not cancelled", okCount)
	}
}

// A list that keeps failing does not fail the waiters: each describes its
// own index instead (one failure does not become many).
func TestIndexWaitersFallBackWhenTheListFails(t *testing.T) {
	api := newBoardAPI(2, names(4)...)
	api.failLists.Store(true)
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL())
	var wg sync.WaitGroup
	for _, n := range names(4) {
		wg.Go(func() {
			if _, err := c.WaitForIndexReady(t.Context(), n); err != nil {
				t.Errorf("%s: %v", n, err)
			}
		})
	}
	wg.Wait()
	if api.describes.Load() == 0 {
		t.Error("no describe was made although every list failed")
	}
}

// Deletions are awaited on the shared list too, and end when it no longer
// shows the index.
func TestIndexDeleteWaitersShareLists(t *testing.T) {
	all := names(10)
	api := newBoardAPI(3, all...)
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 10 * time.Millisecond, Max: 10 * time.Millisecond}
	})
	var wg sync.WaitGroup
	for _, n := range all {
		wg.Go(func() {
			if err := c.DeleteIndex(t.Context(), n); err != nil {
				t.Error(err)
				return
			}
			if err := c.WaitForIndexDeleted(t.Context(), n); err != nil {
				t.Error(err)
			}
		})
	}
	wg.Wait()
	if d := api.describes.Load(); d != 0 {
		t.Errorf("%d describes; the deletions should be seen on the shared list", d)
	}
}

// Fifty concurrent reads cost one list.
func TestReadIndexIsSingleFlight(t *testing.T) {
	all := names(50)
	api := newBoardAPI(0, all...)
	api.beforeList = func(int64) { time.Sleep(20 * time.Millisecond) } // let every reader join
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL())
	var wg sync.WaitGroup
	for _, n := range all {
		wg.Go(func() {
			ix, err := c.ReadIndex(t.Context(), n)
			if err != nil || ix.Name != n {
				t.Errorf("ReadIndex(%s) = %v, %v", n, ix, err)
			}
		})
	}
	wg.Wait()
	if l, d := api.lists.Load(), api.describes.Load(); l != 1 || d != 0 {
		t.Errorf("%d lists and %d describes for 50 reads, want 1 list", l, d)
	}
	// An index the list does not show is described (here: 404).
	if _, err := c.ReadIndex(t.Context(), "missing"); !errors.Is(err, ErrNotFound) {
		t.Errorf("ReadIndex(missing) = %v, want ErrNotFound", err)
	}
}

// The freshness invariant: a read that starts after a write this client
// made never gets a list from before it, neither the cached one nor one
// still in flight. Served stale, the tag would read v1.
func TestReadIndexNeverOlderThanOwnWrite(t *testing.T) {
	api := newBoardAPI(0, "docs")
	release := make(chan struct{})
	api.beforeList = func(n int64) {
		if n == 3 {
			<-release // hold the third list (part 2 below)
		}
	}
	fake := newFakeAPI(t, api.handler)
	c := newTestClient(t, fake.URL())
	ctx := t.Context()
	tag := func(ix *IndexModel) string { return ix.Tags["tag"] }

	// 1. A cached list is not served after a write.
	if ix, err := c.ReadIndex(ctx, "docs"); err != nil || tag(ix) != "v1" {
		t.Fatalf("first read: %v, %v", ix, err)
	}
	if _, err := c.ConfigureIndex(ctx, "docs", ConfigureIndexRequest{Tags: map[string]string{"tag": "v2"}}); err != nil {
		t.Fatal(err)
	}
	if ix, err := c.ReadIndex(ctx, "docs"); err != nil || tag(ix) != "v2" {
		t.Fatalf("read after the write: tag %q, %v; a stale list was served", tag(ix), err)
	}

	// 2. A list in flight when a write happens is not served to a read
	// that starts after the write.
	api.mu.Lock()
	api.indexes["docs"].tag = "v1" // as changed by someone else
	api.mu.Unlock()
	c.indexes.touched() // drop the cached list, as a fresh run would have none
	inFlight := make(chan *IndexModel, 1)
	go func() { ix, _ := c.ReadIndex(ctx, "docs"); inFlight <- ix }() // starts list 3 (held)
	defer func() { <-inFlight }()
	for api.lists.Load() < 3 {
		time.Sleep(time.Millisecond)
	}
	if _, err := c.ConfigureIndex(ctx, "docs", ConfigureIndexRequest{Tags: map[string]string{"tag": "v2"}}); err != nil {
		t.Fatal(err)
	}
	after := make(chan *IndexModel, 1)
	go func() { ix, _ := c.ReadIndex(ctx, "docs"); after <- ix }()
	defer close(release)
	select {
	case ix := <-after:
		if ix == nil || tag(ix) != "v2" {
			t.Fatalf("a read after the write got %v, want tag v2", ix)
		}
	case <-time.After(2 * time.Second):
		t.Fatal("a read after the write is waiting for the list in flight since before the write")
	}
}

// After a 429 the shared poller slows down, and speeds up again later.
func TestPaceSlowsDownAfterRateLimit(t *testing.T) {
	c := newTestClient(t, "https://api.example.invalid")
	if got := c.pace(time.Second); got != time.Second {
		t.Fatalf("pace without 429 = %v", got)
	}
	c.rt.gate.holdUntil(time.Now().Add(time.Second))
	if got := c.pace(time.Second); got != 2*time.Second {
		t.Errorf("pace right after a 429 = %v, want 2s", got)
	}
	c.rt.gate.mu.Lock()
	c.rt.gate.held = time.Now().Add(-rateLimitMemory - time.Second)
	c.rt.gate.mu.Unlock()
	if got := c.pace(time.Second); got != time.Second {
		t.Errorf("pace long after the 429 = %v, want 1s", got)
	}
}

// Collections are waited for on their own shared list the same way.
func TestCollectionWaitersShareLists(t *testing.T) {
	var lists, describes atomic.Int64
	fake := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, _ int) {
		if r.URL.Path == "/collections" {
			// Ready from the third list on.
			status := "Initializing"
			if lists.Add(1) >= 3 {
				status = "Ready"
			}
			reply(w, 200, fmt.Sprintf(`{"collections":[{"name":"a","status":%[1]q,"environment":"us-east-1-aws"},`+
				`{"name":"b","status":%[1]q,"environment":"us-east-1-aws"},{"name":"c","status":%[1]q,"environment":"us-east-1-aws"}]}`, status))
			return
		}
		describes.Add(1)
		reply(w, 200, `{"name":"x","status":"Initializing","environment":"us-east-1-aws"}`)
	})
	c := newTestClient(t, fake.URL(), func(o *Options) {
		o.Poll = PollConfig{Initial: 10 * time.Millisecond, Max: 10 * time.Millisecond}
	})
	var wg sync.WaitGroup
	for _, n := range []string{"a", "b", "c"} {
		wg.Go(func() {
			if col, err := c.WaitForCollectionReady(t.Context(), n); err != nil || col.Status != CollectionStateReady {
				t.Errorf("%s: %v, %v", n, col, err)
			}
		})
	}
	wg.Wait()
	if describes.Load() != 0 || lists.Load() > 5 {
		t.Errorf("%d lists and %d describes for 3 collection waiters", lists.Load(), describes.Load())
	}
}

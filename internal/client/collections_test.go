package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Spec example of a collection (github.com/pinecone-io/pinecone-api,
// 2026-04/db_control_2026-04.oas.yaml : describe_collection).
const collectionExample = `{"name":"tiny-collection","dimension":3,"environment":"us-east1-gcp","size":3126700,"status":"Ready","vector_count":99}`

// collectionJSON is a describe answer for collection "c" in the given state.
func collectionJSON(status string) string {
	return `{"name":"c","environment":"us-east1-gcp","status":"` + status + `"}`
}

// wireCall is the expected wire form of one client call.
type wireCall struct {
	name     string
	call     func(ctx context.Context, c *Client) error
	status   int
	respBody string
	method   string
	uri      string // request URI as sent: escaped path and query
	body     string // "" = no body expected
}

// checkWire asserts that got is the request tc describes.
func checkWire(t *testing.T, tc wireCall, got seenRequest) {
	t.Helper()
	if got.Method != tc.method {
		t.Errorf("method = %s, want %s", got.Method, tc.method)
	}
	if got.RequestURI != tc.uri {
		t.Errorf("request URI = %q, want %q", got.RequestURI, tc.uri)
	}
	if v := got.Header.Get("Api-Key"); v != testAPIKey {
		t.Errorf("Api-Key = %q, want %q", v, testAPIKey)
	}
	if v := got.Header.Get("X-Pinecone-Api-Version"); v != DefaultAPIVersion {
		t.Errorf("X-Pinecone-Api-Version = %q, want %q", v, DefaultAPIVersion)
	}
	if tc.body == "" {
		if len(got.Body) != 0 {
			t.Errorf("unexpected body %q", got.Body)
		}
		if v, ok := got.Header["Content-Type"]; ok {
			t.Errorf("Content-Type %q sent without a body", v)
		}
		return
	}
	if v := got.Header.Get("Content-Type"); v != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", v)
	}
	assertJSON(t, got.Body, tc.body)
}

func runWireCases(t *testing.T, cases []wireCall) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, tc.status, tc.respBody) })
			c := newTestClient(t, api.URL())
			if err := tc.call(t.Context(), c); err != nil {
				t.Fatalf("call: %v", err)
			}
			checkWire(t, tc, api.only(t))
		})
	}
}

func collectionWireCases() []wireCall {
	return []wireCall{
		{
			name:     "ListCollections",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListCollections(ctx); return err },
			status:   200,
			respBody: `{"collections":[` + collectionExample + `]}`,
			method:   "GET", uri: "/collections",
		},
		{
			name: "CreateCollection",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateCollection(ctx, CreateCollectionRequest{Name: "c", Source: "p"})
				return err
			},
			status: 201, respBody: collectionJSON("Initializing"),
			method: "POST", uri: "/collections",
			body: `{"name":"c","source":"p"}`,
		},
		{
			name:     "DescribeCollection",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeCollection(ctx, "c"); return err },
			status:   200,
			respBody: collectionExample,
			method:   "GET", uri: "/collections/c",
		},
		{
			name:   "DeleteCollection",
			call:   func(ctx context.Context, c *Client) error { return c.DeleteCollection(ctx, "c") },
			status: 202,
			method: "DELETE", uri: "/collections/c",
		},
		{
			name: "DescribeCollection escaped",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.DescribeCollection(ctx, "a b/c?d#e%f")
				return err
			},
			status:   200,
			respBody: collectionExample,
			method:   "GET", uri: "/collections/a%20b%2Fc%3Fd%23e%25f",
		},
		{
			name:   "DeleteCollection escaped",
			call:   func(ctx context.Context, c *Client) error { return c.DeleteCollection(ctx, "a b/c?d#e%f") },
			status: 202,
			method: "DELETE", uri: "/collections/a%20b%2Fc%3Fd%23e%25f",
		},
	}
}

func TestCollectionCallsOnTheWire(t *testing.T) {
	runWireCases(t, collectionWireCases())
}

// The Go SDK (github.com/pinecone-io/go-pinecone v5.4.1, Client.CreateCollection)
// sends exactly these bytes; the field order is part of it.
func TestCreateCollectionRawBody(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 201, collectionJSON("Initializing")) })
	c := newTestClient(t, api.URL())
	if _, err := c.CreateCollection(t.Context(), CreateCollectionRequest{Name: "c", Source: "p"}); err != nil {
		t.Fatal(err)
	}
	if got := string(api.only(t).Body); got != `{"name":"c","source":"p"}` {
		t.Errorf("body = %s, want {\"name\":\"c\",\"source\":\"p\"}", got)
	}
}

func TestCollectionResponsesAreDecoded(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/collections" {
			reply(w, 200, `{"collections":[`+collectionExample+`,{"name":"young","environment":"us-west1-gcp","status":"Initializing"}]}`)
			return
		}
		reply(w, 200, collectionExample)
	})
	c := newTestClient(t, api.URL())
	ctx := t.Context()

	col, err := c.DescribeCollection(ctx, "tiny-collection")
	if err != nil {
		t.Fatal(err)
	}
	want := CollectionModel{
		Name: "tiny-collection", Status: CollectionStateReady, Environment: "us-east1-gcp",
		Size: ptr[int64](3126700), Dimension: ptr[int32](3), VectorCount: ptr[int64](99),
	}
	assertCollection(t, "describe", col, &want)

	list, err := c.ListCollections(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("got %d collections, want 2", len(list))
	}
	assertCollection(t, "list[0]", &list[0], &want)
	assertCollection(t, "list[1]", &list[1], &CollectionModel{Name: "young", Status: CollectionStateInitializing, Environment: "us-west1-gcp"})
}

func assertCollection(t *testing.T, what string, got, want *CollectionModel) {
	t.Helper()
	if got == nil {
		t.Fatalf("%s: nil collection", what)
	}
	if got.Name != want.Name || got.Status != want.Status || got.Environment != want.Environment {
		t.Errorf("%s: got %+v, want %+v", what, *got, *want)
	}
	if !equalPtr(got.Size, want.Size) || !equalPtr(got.Dimension, want.Dimension) || !equalPtr(got.VectorCount, want.VectorCount) {
		t.Errorf("%s: size/dimension/vector_count = %s/%s/%s, want %s/%s/%s", what,
			showPtr(got.Size), showPtr(got.Dimension), showPtr(got.VectorCount),
			showPtr(want.Size), showPtr(want.Dimension), showPtr(want.VectorCount))
	}
}

func equalPtr[T comparable](a, b *T) bool {
	if a == nil || b == nil {
		return a == nil && b == nil
	}
	return *a == *b
}

func showPtr[T any](p *T) string {
	if p == nil {
		return "nil"
	}
	return fmt.Sprint(*p)
}

func TestListCollectionsEmpty(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"collections":[]}`) })
	c := newTestClient(t, api.URL())
	list, err := c.ListCollections(t.Context())
	if err != nil {
		t.Fatalf("ListCollections: %v", err)
	}
	if len(list) != 0 {
		t.Errorf("got %d collections, want none", len(list))
	}
	if got := api.only(t); got.Method != "GET" || got.RequestURI != "/collections" {
		t.Errorf("request = %s %s, want GET /collections with no query", got.Method, got.RequestURI)
	}
}

func TestCollectionCallsAcceptAny2xx(t *testing.T) {
	for _, status := range []int{200, 201, 202} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, status, collectionJSON("Initializing")) })
		c := newTestClient(t, api.URL())
		col, err := c.CreateCollection(t.Context(), CreateCollectionRequest{Name: "c", Source: "p"})
		if err != nil {
			t.Errorf("create answered %d: %v", status, err)
			continue
		}
		if col.Name != "c" || col.Status != CollectionStateInitializing {
			t.Errorf("create answered %d: model %+v", status, col)
		}
		if api.count() != 1 {
			t.Errorf("create answered %d: %d requests, want 1", status, api.count())
		}
	}
	for _, status := range []int{200, 202, 204} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(status) })
		c := newTestClient(t, api.URL())
		if err := c.DeleteCollection(t.Context(), "c"); err != nil {
			t.Errorf("delete answered %d with an empty body: %v", status, err)
		}
		if api.count() != 1 {
			t.Errorf("delete answered %d: %d requests, want 1", status, api.count())
		}
	}
}

func TestCollectionErrorsAreClassified(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.Method {
		case http.MethodPost:
			reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
		default:
			reply(w, 404, pineconeError(404, "NOT_FOUND", "Collection c not found."))
		}
	})
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	_, err := c.CreateCollection(ctx, CreateCollectionRequest{Name: "c", Source: "p"})
	apiErr, ok := AsAPIError(err)
	if !ok || !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("create: err = %v, want ALREADY_EXISTS", err)
	}
	if apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = true on a first-attempt 409")
	}
	if _, err := c.DescribeCollection(ctx, "c"); !errors.Is(err, ErrNotFound) {
		t.Errorf("describe: err = %v, want ErrNotFound", err)
	}
	if err := c.DeleteCollection(ctx, "c"); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete: err = %v, want ErrNotFound", err)
	}
	if api.count() != 3 {
		t.Errorf("requests = %d, want 3 (client errors are not retried)", api.count())
	}
}

func TestCreateCollectionAfterDroppedConnectionThen409(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
	})
	c := newTestClient(t, api.URL())
	_, err := c.CreateCollection(t.Context(), CreateCollectionRequest{Name: "c", Source: "p"})
	apiErr, ok := AsAPIError(err)
	if !ok || !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("err = %v, want a 409 APIError", err)
	}
	if !apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = false after a dropped connection")
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != "POST" || r.Path != "/collections" {
			t.Errorf("request %d = %s %s", i, r.Method, r.Path)
		}
		assertJSON(t, r.Body, `{"name":"c","source":"p"}`)
	}
}

func TestCreateCollectionRetriedAfterServerError(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 500, pineconeError(500, "UNKNOWN", "Internal server error"))
			return
		}
		reply(w, 201, collectionJSON("Initializing"))
	})
	c := newTestClient(t, api.URL())
	col, err := c.CreateCollection(t.Context(), CreateCollectionRequest{Name: "c", Source: "p"})
	if err != nil {
		t.Fatalf("CreateCollection: %v", err)
	}
	if col.Name != "c" {
		t.Errorf("model = %+v", col)
	}
	if api.count() != 2 {
		t.Errorf("requests = %d, want 2", api.count())
	}
}

func TestWaitForCollectionReady(t *testing.T) {
	// Only Ready ends the wait: a state the client does not know is not Ready.
	api := newFakeAPI(t, sequence(collectionJSON("Initializing"), collectionJSON("Resizing"), collectionExample))
	c := newTestClient(t, api.URL())
	col, err := c.WaitForCollectionReady(boundedCtx(t), "tiny-collection")
	if err != nil {
		t.Fatalf("WaitForCollectionReady: %v", err)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
	if col == nil || col.Status != CollectionStateReady || col.VectorCount == nil || *col.VectorCount != 99 {
		t.Errorf("returned %+v, want the Ready description", col)
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.RequestURI != "/collections/tiny-collection" {
			t.Errorf("waiter sent %s %s", r.Method, r.RequestURI)
		}
	}
}

func TestWaitForCollectionReadyHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(collectionJSON("Initializing")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	col, err := c.WaitForCollectionReady(ctx, "c")
	if time.Since(start) > 2*time.Second {
		t.Errorf("waited %v past a 50ms deadline", time.Since(start))
	}
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != CollectionStateInitializing || !strings.Contains(we.What, `"c"`) {
		t.Errorf("WaitError = %+v", we)
	}
	if col == nil || col.Status != CollectionStateInitializing {
		t.Errorf("last description = %+v", col)
	}
	if api.count() < 2 {
		t.Errorf("describes = %d, want several", api.count())
	}
}

func TestWaitForCollectionReadyReturnsDescribeErrors(t *testing.T) {
	api := newFakeAPI(t, sequence(collectionJSON("Initializing"), "401"))
	c := newTestClient(t, api.URL())
	if _, err := c.WaitForCollectionReady(boundedCtx(t), "c"); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2", api.count())
	}
}

func TestWaitForCollectionDeleted(t *testing.T) {
	api := newFakeAPI(t, sequence(collectionJSON("Terminating"), collectionJSON("Terminating"), "404"))
	c := newTestClient(t, api.URL())
	if err := c.WaitForCollectionDeleted(boundedCtx(t), "c"); err != nil {
		t.Fatalf("WaitForCollectionDeleted: %v", err)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.RequestURI != "/collections/c" {
			t.Errorf("waiter sent %s %s", r.Method, r.RequestURI)
		}
	}
}

func TestWaitForCollectionDeletedHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(collectionJSON("Terminating")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.WaitForCollectionDeleted(ctx, "c")
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != CollectionStateTerminating {
		t.Errorf("LastState = %q, want Terminating", we.LastState)
	}
}

func TestWaitForCollectionDeletedReturnsOtherErrors(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 403, pineconeError(403, "FORBIDDEN", "no"))
	})
	c := newTestClient(t, api.URL())
	if err := c.WaitForCollectionDeleted(boundedCtx(t), "c"); !errors.Is(err, ErrForbidden) {
		t.Errorf("err = %v, want ErrForbidden", err)
	}
	if api.count() != 1 {
		t.Errorf("describes = %d, want 1", api.count())
	}
}

func TestCollectionCallsNeedAPIKey(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, collectionExample) })
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIKey = "" })
	ctx := boundedCtx(t)
	for _, tc := range collectionWireCases() {
		if err := tc.call(ctx, c); !errors.Is(err, ErrMissingAPIKey) {
			t.Errorf("%s: err = %v, want ErrMissingAPIKey", tc.name, err)
		}
	}
	if _, err := c.WaitForCollectionReady(ctx, "c"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForCollectionReady: err = %v", err)
	}
	if err := c.WaitForCollectionDeleted(ctx, "c"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForCollectionDeleted: err = %v", err)
	}
	if api.count() != 0 {
		t.Errorf("%d requests without an API key", api.count())
	}
}

// bodiesEqual reports whether every request carried the same body.
func bodiesEqual(reqs []seenRequest) bool {
	for _, r := range reqs[1:] {
		if !bytes.Equal(r.Body, reqs[0].Body) {
			return false
		}
	}
	return true
}

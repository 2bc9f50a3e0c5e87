package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

const indexHost = "docs-abc1234.svc.aped-4627-b74a.pinecone.io"

// newDataPlaneClient sends index host requests to the fake API through
// Options.DataPlaneURL, as against the emulator.
func newDataPlaneClient(t *testing.T, apiURL string) *Client {
	return newTestClient(t, "https://api.example.invalid", func(o *Options) { o.DataPlaneURL = apiURL })
}

// Requests go to the data-plane URL with the index host in the Host header,
// the API key and the version header, on the db_data paths.
func TestNamespaceCallsOnTheWire(t *testing.T) {
	const nsBody = `{"name":"prod","record_count":"12","schema":{"fields":{"genre":{"filterable":true}}},"indexed_fields":{"fields":["genre"]}}`
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch r.Method {
		case http.MethodPost:
			reply(w, 201, nsBody)
		case http.MethodDelete:
			reply(w, 202, "")
		default:
			reply(w, 200, nsBody)
		}
	})
	c := newDataPlaneClient(t, api.URL())
	dp, err := c.IndexDataPlane(indexHost)
	if err != nil {
		t.Fatal(err)
	}
	ctx := t.Context()
	created, err := dp.CreateNamespace(ctx, CreateNamespaceRequest{Name: "prod", Schema: &NamespaceSchema{Fields: map[string]NamespaceField{"genre": {Filterable: true}}}})
	if err != nil {
		t.Fatal(err)
	}
	want := &Namespace{Name: "prod", RecordCount: 12, Schema: &NamespaceSchema{Fields: map[string]NamespaceField{"genre": {Filterable: true}}},
		IndexedFields: &IndexedFields{Fields: []string{"genre"}}}
	if !reflect.DeepEqual(created, want) {
		t.Errorf("created = %+v, want %+v", created, want)
	}
	if _, err := dp.DescribeNamespace(ctx, "a b/c"); err != nil {
		t.Fatal(err)
	}
	if err := dp.DeleteNamespace(ctx, "prod"); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	wantCalls := []string{"POST /namespaces", "GET /namespaces/a%20b%2Fc", "DELETE /namespaces/prod"}
	for i, r := range reqs {
		if got := r.Method + " " + r.RequestURI; got != wantCalls[i] {
			t.Errorf("request %d = %s, want %s", i, got, wantCalls[i])
		}
		if r.Host != indexHost {
			t.Errorf("request %d: Host = %q, want the index host", i, r.Host)
		}
		if r.Header.Get("Api-Key") != testAPIKey || r.Header.Get("X-Pinecone-Api-Version") != DefaultAPIVersion {
			t.Errorf("request %d: Api-Key %q, version %q", i, r.Header.Get("Api-Key"), r.Header.Get("X-Pinecone-Api-Version"))
		}
	}
	assertJSON(t, reqs[0].Body, `{"name":"prod","schema":{"fields":{"genre":{"filterable":true}}}}`)
}

// Without DataPlaneURL the client goes to https://{host} itself: the
// request is sent there (it fails here, with the host in the error).
func TestIndexDataPlaneDefaultsToTheHost(t *testing.T) {
	c := newTestClient(t, "https://api.example.invalid")
	dp, err := c.IndexDataPlane("https://" + indexHost + "/")
	if err != nil {
		t.Fatal(err)
	}
	if dp.base.String() != "https://"+indexHost || dp.hostHeader != "" {
		t.Errorf("base %s, Host header %q", dp.base, dp.hostHeader)
	}
	again, _ := c.IndexDataPlane(indexHost)
	if again != dp {
		t.Error("a second DataPlane was made for the same host")
	}
	for _, bad := range []string{"", "host/path", "a b"} {
		if _, err := c.IndexDataPlane(bad); !errors.Is(err, ErrInvalidRequest) {
			t.Errorf("IndexDataPlane(%q) = %v, want ErrInvalidRequest", bad, err)
		}
	}
}

func TestListNamespacesFollowsPagination(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 200, `{"namespaces":[{"name":"prod-a","record_count":3}],"pagination":{"next":"t2"},"total_count":2}`)
			return
		}
		reply(w, 200, `{"namespaces":[{"name":"prod-b","record_count":"4"}],"total_count":"2"}`)
	})
	dp, _ := newDataPlaneClient(t, api.URL()).IndexDataPlane(indexHost)
	got, err := dp.ListNamespaces(t.Context(), "prod-")
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 2 || got[0].RecordCount != 3 || got[1].RecordCount != 4 {
		t.Errorf("namespaces = %+v", got)
	}
	reqs := api.requests()
	if reqs[0].RequestURI != "/namespaces?limit=100&prefix=prod-" || reqs[1].RequestURI != "/namespaces?limit=100&paginationToken=t2&prefix=prod-" {
		t.Errorf("requests %s, %s", reqs[0].RequestURI, reqs[1].RequestURI)
	}
}

// 429 and 5xx on an index host are retried like control-plane ones; a create
// that met a 5xx and then 409 is recognisably our own.
func TestDataPlaneRetries(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 0:
			w.Header().Set("Retry-After", "0")
			reply(w, 429, pineconeError(429, "RESOURCE_EXHAUSTED", "slow down"))
		case 1:
			reply(w, 503, pineconeError(503, "UNAVAILABLE", "busy"))
		default:
			reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Namespace already exists"))
		}
	})
	dp, _ := newDataPlaneClient(t, api.URL()).IndexDataPlane(indexHost)
	_, err := dp.CreateNamespace(t.Context(), CreateNamespaceRequest{Name: "prod"})
	if !IsOwnRetriedCreate(err) {
		t.Fatalf("err = %v, want a 409 after an uncertain retry", err)
	}
	if n := api.count(); n != 3 {
		t.Errorf("%d requests, want 3", n)
	}
}

func TestInt64StringDecodes(t *testing.T) {
	for in, want := range map[string]int64{`12`: 12, `"12"`: 12, `null`: 0, `"9007199254740993"`: 9007199254740993} {
		var n Int64String
		if err := json.Unmarshal([]byte(in), &n); err != nil || int64(n) != want {
			t.Errorf("%s -> %d, %v; want %d", in, n, err, want)
		}
	}
	var n Int64String
	if err := json.Unmarshal([]byte(`"x"`), &n); err == nil || !strings.Contains(err.Error(), "64-bit") {
		t.Errorf(`"x" -> %v, want an error`, err)
	}
}

// Data-plane errors come as rpcStatus ({"code": <gRPC number>, ...}) and are
// classified like control-plane ones, with the code's name.
func TestDataPlaneErrorShape(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 403, `{"code":7,"message":"API key lacks 'namespaces:create'","details":[]}`)
	})
	dp, _ := newDataPlaneClient(t, api.URL()).IndexDataPlane(indexHost)
	_, err := dp.CreateNamespace(t.Context(), CreateNamespaceRequest{Name: "prod"})
	apiErr, ok := AsAPIError(err)
	if !ok || !errors.Is(err, ErrPermissionDenied) || apiErr.Code != "PERMISSION_DENIED" || apiErr.Message != "API key lacks 'namespaces:create'" {
		t.Errorf("err = %#v", err)
	}
}

package emulator

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func TestAuth(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/indexes", "").must(t, http.StatusOK)
	e.do("GET", "/indexes", "", "Api-Key", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	e.do("GET", "/indexes", "", "Api-Key", "wrong").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	// The key must be in the Api-Key header; a bearer token is not an Api-Key.
	e.do("GET", "/indexes", "", "Api-Key", "", "Authorization", "Bearer "+DefaultAPIKey).
		wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	// Auth comes before routing and method checks.
	e.do("GET", "/nope", "", "Api-Key", "wrong").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")
	e.do("PUT", "/indexes", "", "Api-Key", "wrong").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")
}

func TestAuthCustomKeys(t *testing.T) {
	e := newEnv(t, Options{APIKeys: []string{"k1", "", "k2"}})
	e.do("GET", "/indexes", "", "Api-Key", "k1").must(t, http.StatusOK)
	e.do("GET", "/indexes", "", "Api-Key", "k2").must(t, http.StatusOK)
	e.do("GET", "/indexes", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	e.do("GET", "/indexes", "", "Api-Key", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
}

func TestVersionHeader(t *testing.T) {
	e := newEnv(t, Options{})
	for _, v := range []string{"", "2025-10", "2026-04"} {
		e.do("GET", "/indexes", "", "X-Pinecone-Api-Version", v).must(t, http.StatusOK)
	}
	for _, v := range []string{"2024-07", "2026-01.alpha", "latest"} {
		r := e.do("GET", "/indexes", "", "X-Pinecone-Api-Version", v)
		r.wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", v)
		r.wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "2025-10")
	}
	// Version is checked for writes too, before anything is created.
	e.do("POST", "/indexes", bodyServerless, "X-Pinecone-Api-Version", "2024-07").
		wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "2024-07")
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index s not found.")
	e.do("POST", "/indexes", bodyServerless, "X-Pinecone-Api-Version", "2026-04").must(t, http.StatusCreated)
}

func TestRouting(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/collections-nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("GET", "/indexes/a/b/c", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("GET", "/indexes/", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	r := e.do("PUT", "/indexes", "{}")
	r.wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "PUT")
	if allow := r.header.Get("Allow"); allow != "GET, POST" {
		t.Errorf("Allow = %q, want %q", allow, "GET, POST")
	}
	r = e.do("POST", "/indexes/x", "{}")
	r.wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
	if allow := r.header.Get("Allow"); allow != "GET, PATCH, DELETE" {
		t.Errorf("Allow = %q, want %q", allow, "GET, PATCH, DELETE")
	}
	// GET on the create-for-model path is a describe of an index with that
	// (valid) name.
	e.do("GET", "/indexes/create-for-model", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index create-for-model not found.")
}

func TestErrorBodyShape(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", "/indexes/missing", "")
	r.wantError(t, http.StatusNotFound, "NOT_FOUND", "Index missing not found.")
	if ct := r.header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("Content-Type = %q", ct)
	}
	if len(r.body) != 2 {
		t.Errorf("error body has keys other than error and status: %s", r.raw)
	}
}

func TestMalformedBodies(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct {
		name, method, path, body, msg string
	}{
		{"empty body", "POST", "/indexes", " ", "EOF"},
		{"not json", "POST", "/indexes", "{nope", "Failed to deserialize the JSON body into the target type"},
		{"truncated", "POST", "/indexes", `{"name":"a"`, "at line 1 column"},
		{"array", "POST", "/indexes", `[]`, "invalid type: array"},
		{"trailing data", "POST", "/indexes", `{"name":"a"} x`, "Failed to deserialize"},
		{"name number", "POST", "/indexes", `{"name":5,"dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`, "name: invalid type: number, expected a string"},
		{"dimension string", "POST", "/indexes", `{"name":"a","dimension":"3","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`, "dimension: invalid type: string, expected an integer"},
		{"dimension float", "POST", "/indexes", `{"name":"a","dimension":3.5,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`, "dimension"},
		{"spec string", "POST", "/indexes", `{"name":"a","dimension":3,"spec":"serverless"}`, "spec: invalid type"},
		{"replicas string", "POST", "/indexes", `{"name":"a","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","replicas":"2"}}}`, "spec.pod.replicas"},
		{"tags array", "POST", "/indexes", `{"name":"a","dimension":3,"tags":["x"],"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`, "tags"},
		{"filterable string", "POST", "/indexes", `{"name":"a","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","schema":{"fields":{"g":{"filterable":"yes"}}}}}}`, "filterable"},
		{"patch tags string", "PATCH", "/indexes/s", `{"tags":"a=b"}`, "tags"},
		{"patch replicas bool", "PATCH", "/indexes/s", `{"spec":{"pod":{"replicas":true}}}`, "spec.pod.replicas"},
		{"create-for-model field_map list", "POST", "/indexes/create-for-model", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":["text"]}}`, "embed.field_map"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do(c.method, c.path, c.body).wantError(t, http.StatusUnprocessableEntity, "UNPROCESSABLE_ENTITY", c.msg)
		})
	}
}

func TestMissingFieldMessage(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("POST", "/indexes", `{"dimension":3}`)
	r.wantError(t, http.StatusUnprocessableEntity, "UNPROCESSABLE_ENTITY",
		"Failed to deserialize the JSON body into the target type: missing field `name` at line 1 column")
}

func TestRoutingCollectionsBackupsRestores(t *testing.T) {
	e := newEnv(t, Options{})
	for _, c := range []struct{ method, path, allow string }{
		{"PUT", "/collections", "GET, POST"},
		{"PATCH", "/collections/c", "GET, DELETE"},
		{"DELETE", "/indexes/s/backups", "GET, POST"},
		{"POST", "/backups", "GET"},
		{"PATCH", "/backups/b", "GET, DELETE"},
		{"GET", "/backups/b/create-index", "POST"},
		{"POST", "/restore-jobs", "GET"},
		{"DELETE", "/restore-jobs/j", "GET"},
	} {
		r := e.do(c.method, c.path, "{}")
		r.wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", c.method)
		if allow := r.header.Get("Allow"); allow != c.allow {
			t.Errorf("%s %s: Allow = %q, want %q", c.method, c.path, allow, c.allow)
		}
	}
	e.do("GET", "/backups/b/restore", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("GET", "/restore-jobs/", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	// The new endpoints need the Api-Key too.
	e.do("GET", "/backups", "", "Api-Key", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	e.do("POST", "/collections", bodyCollection, "Api-Key", "x").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
}

// TestRoutingEdgeCases pins how the router treats paths and methods that a
// general-purpose router would handle differently: HEAD is not GET, paths
// are matched as sent (no cleaning, no redirects), an escaped slash
// separates segments, and a 405 names the first registered route whose path
// matches. The requests go straight to ServeHTTP so the paths reach the
// router exactly as written.
func TestRoutingEdgeCases(t *testing.T) {
	srv := New(Options{})
	for _, c := range []struct {
		method, target string
		status         int
		allow, message string
	}{
		{"HEAD", "/indexes", http.StatusMethodNotAllowed, "GET, POST", "Method HEAD is not allowed on /indexes."},
		{"OPTIONS", "/indexes", http.StatusMethodNotAllowed, "GET, POST", "Method OPTIONS is not allowed on /indexes."},
		{"HEAD", "/nowhere", http.StatusNotFound, "", "Route HEAD /nowhere not found."},
		{"PUT", "/indexes/create-for-model", http.StatusMethodNotAllowed, "POST", "Method PUT is not allowed on /indexes/create-for-model."},
		{"GET", "/indexes//backups", http.StatusNotFound, "", "Route GET /indexes//backups not found."},
		{"GET", "//indexes", http.StatusNotFound, "", "Route GET //indexes not found."},
		{"GET", "/indexes/./x", http.StatusNotFound, "", "Route GET /indexes/./x not found."},
		{"GET", "/indexes/x/", http.StatusNotFound, "", "Route GET /indexes/x/ not found."},
		{"GET", "/indexes/a%2Fb", http.StatusNotFound, "", "Route GET /indexes/a/b not found."},
		{"GET", "/indexes/..", http.StatusNotFound, "", "Index .. not found."},
		{"GET", "/indexes/a%20b", http.StatusNotFound, "", "Index a b not found."},
	} {
		r := httptest.NewRequest(c.method, "http://emulator"+c.target, nil)
		r.Header.Set("Api-Key", DefaultAPIKey)
		w := httptest.NewRecorder()
		srv.ServeHTTP(w, r)
		var b errorBody
		if err := json.Unmarshal(w.Body.Bytes(), &b); err != nil {
			t.Errorf("%s %s: body %q: %v", c.method, c.target, w.Body.String(), err)
			continue
		}
		if w.Code != c.status || b.Error.Message != c.message || w.Header().Get("Allow") != c.allow || w.Header().Get("Location") != "" {
			t.Errorf("%s %s = %d %q (Allow %q, Location %q), want %d %q (Allow %q)", c.method, c.target,
				w.Code, b.Error.Message, w.Header().Get("Allow"), w.Header().Get("Location"), c.status, c.message, c.allow)
		}
	}
	want := map[string]int64{
		"HEAD /indexes":                 1,
		"OPTIONS /indexes":              1,
		"HEAD <unmatched>":              1,
		"PUT /indexes/create-for-model": 1,
		"GET <unmatched>":               5,
		"GET /indexes/{index_name}":     2,
	}
	if got := srv.Stats(); !jsonEqual(got, want) {
		t.Errorf("Stats() = %v, want %v", got, want)
	}
}

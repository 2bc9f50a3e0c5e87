package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// Request bodies as go-pinecone v5.4.1 sends them (Client.CreateCollection).
const bodyCollection = `{"name":"c","source":"p"}`

func TestListCollectionsEmpty(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", "/collections", "")
	r.must(t, http.StatusOK)
	// The key must be there even when empty: the Go SDK panics without it.
	if got := strings.TrimSpace(r.raw); got != `{"collections":[]}` {
		t.Errorf("GET /collections = %s, want {\"collections\":[]}", got)
	}
}

func TestCollectionLifecycle(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second, DeleteDelay: 20 * time.Second})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)

	b := e.do("POST", "/collections", bodyCollection).must(t, http.StatusCreated)
	want := map[string]any{"name": "c", "status": "Initializing", "environment": "us-east-1-aws", "size": 0, "dimension": 3, "vector_count": 0}
	if !jsonEqual(b, want) {
		t.Errorf("create answered %v, want %v", b, want)
	}
	e.clock.Advance(9 * time.Second)
	wantField(t, e.do("GET", "/collections/c", "").must(t, http.StatusOK), "Initializing", "status")
	list := e.do("GET", "/collections", "").must(t, http.StatusOK)["collections"].([]any)
	if len(list) != 1 {
		t.Fatalf("list = %v, want one collection", list)
	}
	wantField(t, list[0].(map[string]any), "Initializing", "status")
	e.clock.Advance(time.Second)
	want["status"] = "Ready"
	if b := e.do("GET", "/collections/c", "").must(t, http.StatusOK); !jsonEqual(b, want) {
		t.Errorf("describe = %v, want %v", b, want)
	}

	// Delete: 202 with no body, Terminating for DeleteDelay, then 404.
	r := e.do("DELETE", "/collections/c", "")
	r.must(t, http.StatusAccepted)
	if r.raw != "" {
		t.Errorf("DELETE body = %q, want empty", r.raw)
	}
	wantField(t, e.do("GET", "/collections/c", "").must(t, http.StatusOK), "Terminating", "status")
	list = e.do("GET", "/collections", "").must(t, http.StatusOK)["collections"].([]any)
	if len(list) != 1 {
		t.Fatalf("list while Terminating = %v, want the collection", list)
	}
	wantField(t, list[0].(map[string]any), "Terminating", "status")
	// The name stays taken; a second DELETE is accepted and does not restart
	// the clock.
	e.do("POST", "/collections", bodyCollection).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	e.clock.Advance(10 * time.Second)
	e.do("DELETE", "/collections/c", "").must(t, http.StatusAccepted)
	e.clock.Advance(10 * time.Second)
	e.do("GET", "/collections/c", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection c not found.")
	e.do("DELETE", "/collections/c", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection c not found.")
	if got := strings.TrimSpace(e.do("GET", "/collections", "").raw); got != `{"collections":[]}` {
		t.Errorf("list after purge = %s", got)
	}
	// The name is free again.
	e.do("POST", "/collections", bodyCollection).must(t, http.StatusCreated)
}

func TestCollectionZeroDelays(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	// The create answer says Initializing; the next request (same instant)
	// sees Ready. A delete is gone on the next request.
	wantField(t, e.do("POST", "/collections", bodyCollection).must(t, http.StatusCreated), "Initializing", "status")
	wantField(t, e.do("GET", "/collections/c", "").must(t, http.StatusOK), "Ready", "status")
	e.do("DELETE", "/collections/c", "").must(t, http.StatusAccepted)
	e.do("GET", "/collections/c", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection c not found.")
}

func TestCreateCollectionValidation(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"dimension":3,"name":"gone","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}}`).must(t, http.StatusCreated)
	e.do("DELETE", "/indexes/gone", "").must(t, http.StatusAccepted)

	cases := []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"missing name", `{"source":"p"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"null name", `{"name":null,"source":"p"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"missing source", `{"name":"c"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `source`"},
		{"name number", `{"name":5,"source":"p"}`, 422, "UNPROCESSABLE_ENTITY", "name: invalid type: number, expected a string"},
		{"not json", `{nope`, 422, "UNPROCESSABLE_ENTITY", "Failed to deserialize the JSON body into the target type"},
		{"name uppercase", `{"name":"Coll","source":"p"}`, 400, "INVALID_ARGUMENT",
			"Collection name must contain only lowercase alphanumeric characters or hyphens, and must not begin or end with a hyphen."},
		{"name trailing hyphen", `{"name":"c-","source":"p"}`, 400, "INVALID_ARGUMENT", "must not begin or end with a hyphen"},
		{"name empty", `{"name":"","source":"p"}`, 400, "INVALID_ARGUMENT", "between 1 and 45"},
		{"name too long", `{"name":"` + strings.Repeat("c", 46) + `","source":"p"}`, 400, "INVALID_ARGUMENT", "between 1 and 45"},
		{"source missing", `{"name":"c","source":"nope"}`, 404, "NOT_FOUND", "Index nope not found."},
		{"source serverless", `{"name":"c","source":"s"}`, 400, "INVALID_ARGUMENT", "Serverless indexes do not support collections"},
		{"source byoc", `{"name":"c","source":"b"}`, 400, "INVALID_ARGUMENT", "do not support collections"},
		{"source terminating", `{"name":"c","source":"gone"}`, 400, "INVALID_ARGUMENT", "being deleted"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/collections", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if got := strings.TrimSpace(e.do("GET", "/collections", "").raw); got != `{"collections":[]}` {
		t.Fatalf("rejected creates left collections: %s", got)
	}

	// A 45-character name and a UUID are valid names.
	e.do("POST", "/collections", `{"name":"`+strings.Repeat("c", 45)+`","source":"p"}`).must(t, http.StatusCreated)
	e.do("POST", "/collections", `{"name":"7c9e6679-7425-40de-944b-e07fc1f90ae7","source":"p"}`).must(t, http.StatusCreated)

	// Duplicate names are 409 whatever the source.
	e.do("POST", "/collections", bodyCollection).must(t, http.StatusCreated)
	e.do("POST", "/collections", bodyCollection).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	e.do("POST", "/indexes", `{"dimension":3,"name":"p2","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}}`).must(t, http.StatusCreated)
	e.do("POST", "/collections", `{"name":"c","source":"p2"}`).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")
	// ... but an unknown source is reported before the taken name.
	e.do("POST", "/collections", `{"name":"c","source":"nope"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "Index nope not found.")

	// Collections and indexes have separate namespaces.
	e.do("POST", "/collections", `{"name":"p","source":"p"}`).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"dimension":3,"name":"c","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}}`).must(t, http.StatusCreated)
	e.do("GET", "/collections/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection s not found.")

	list := e.do("GET", "/collections", "").must(t, http.StatusOK)["collections"].([]any)
	var names []string
	for _, c := range list {
		names = append(names, c.(map[string]any)["name"].(string))
	}
	if !slices.IsSorted(names) || len(names) != 4 {
		t.Errorf("list names = %v, want 4 names sorted", names)
	}
}

func TestDeleteIndexWithPendingCollections(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"dimension":3,"name":"other","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}}`).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)

	// Created out of name order; the message lists them sorted.
	e.do("POST", "/collections", `{"name":"c2","source":"p"}`).must(t, http.StatusCreated)
	e.do("POST", "/collections", `{"name":"c1","source":"p"}`).must(t, http.StatusCreated)
	e.do("POST", "/collections", `{"name":"c3","source":"p"}`).must(t, http.StatusCreated)
	e.do("POST", "/collections", `{"name":"x","source":"other"}`).must(t, http.StatusCreated)
	// A collection that is deleted while Initializing no longer blocks.
	e.do("DELETE", "/collections/c3", "").must(t, http.StatusAccepted)

	r := e.do("DELETE", "/indexes/p", "")
	r.wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION",
		"Unable to delete an index. There are pending collections for this index: ['c1', 'c2']")
	if msg := dig(r.body, "error", "message"); msg != "Unable to delete an index. There are pending collections for this index: ['c1', 'c2']" {
		t.Errorf("message = %q", msg)
	}
	// The refused delete changed nothing.
	wantState(t, e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "Ready", true)

	// Deletion protection is checked first.
	e.do("PATCH", "/indexes/p", `{"deletion_protection":"enabled"}`).must(t, http.StatusOK)
	e.do("DELETE", "/indexes/p", "").wantError(t, http.StatusForbidden, "FORBIDDEN", "Deletion protection is enabled")
	e.do("PATCH", "/indexes/p", `{"deletion_protection":"disabled"}`).must(t, http.StatusOK)

	e.clock.Advance(9 * time.Second)
	e.do("DELETE", "/indexes/p", "").wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "['c1', 'c2']")
	e.clock.Advance(time.Second)
	// Ready collections do not block, and survive their source index.
	e.do("DELETE", "/indexes/p", "").must(t, http.StatusAccepted)
	wantField(t, e.do("GET", "/collections/c1", "").must(t, http.StatusOK), "Ready", "status")

	// Only the pending collections are listed (x is Ready by now).
	e.do("POST", "/collections", `{"name":"y","source":"other"}`).must(t, http.StatusCreated)
	e.do("DELETE", "/indexes/other", "").wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "['y']")
}

func TestCreateIndexFromCollection(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second, DeleteDelay: time.Minute})
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)
	e.do("POST", "/collections", bodyCollection).must(t, http.StatusCreated)

	// A pod create with source_collection, otherwise the pod body go-pinecone v5.4.1
	// sends (bodyPod).
	body := func(dim, name, coll string) string {
		return `{"dimension":` + dim + `,"name":"` + name + `","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","source_collection":"` + coll + `"}}}`
	}

	// Not Ready yet: 400, and nothing is created.
	e.do("POST", "/indexes", body("3", "p2", "c")).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Collection c is not ready (status Initializing)")
	e.do("GET", "/indexes/p2", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index p2 not found.")

	e.clock.Advance(10 * time.Second)
	e.do("POST", "/indexes", body("4", "p2", "c")).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Dimension 4 does not match the dimension 3")
	e.do("POST", "/indexes", body("3", "p2", "zz")).wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection zz not found.")
	e.do("POST", "/indexes", body("3", "p2", "")).wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection  not found.")
	// Rule violations (400) come before the collection lookup.
	e.do("POST", "/indexes", body("3", "P2", "zz")).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", nameRuleMessage)
	// The collection is checked before the name (409).
	e.do("POST", "/indexes", body("3", "p", "zz")).wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection zz not found.")
	e.do("POST", "/indexes", body("3", "p", "c")).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Resource already exists.")

	b := e.do("POST", "/indexes", body("3", "p2", "c")).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"pod": map[string]any{
		"environment": "us-east-1-aws", "pod_type": "p1.x1", "pods": 1, "replicas": 1, "shards": 1, "source_collection": "c",
	}}, "spec")
	wantState(t, b, "Initializing", false)
	wantField(t, e.do("GET", "/indexes/p2", "").must(t, http.StatusOK), "c", "spec", "pod", "source_collection")

	// Serverless source_collection is checked and echoed the same way.
	sl := `{"dimension":3,"name":"s","spec":{"serverless":{"cloud":"aws","region":"us-east-1","source_collection":"c"}}}`
	b = e.do("POST", "/indexes", sl).must(t, http.StatusCreated)
	wantField(t, b, "c", "spec", "serverless", "source_collection")
	e.do("POST", "/indexes", strings.Replace(strings.Replace(sl, `"name":"s"`, `"name":"s2"`, 1), `"dimension":3`, `"dimension":5`, 1)).
		wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Dimension 5 does not match")
	e.do("POST", "/indexes", strings.Replace(strings.Replace(sl, `"name":"s"`, `"name":"s2"`, 1), `"source_collection":"c"`, `"source_collection":"nope"`, 1)).
		wantError(t, http.StatusNotFound, "NOT_FOUND", "Collection nope not found.")
	// Indexes without a source do not show the key.
	if has(e.do("GET", "/indexes/p", "").must(t, http.StatusOK), "spec", "pod", "source_collection") {
		t.Error("source_collection shown on an index created without one")
	}

	// A Terminating collection cannot be used.
	e.do("DELETE", "/collections/c", "").must(t, http.StatusAccepted)
	e.do("POST", "/indexes", body("3", "p3", "c")).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "status Terminating")
}

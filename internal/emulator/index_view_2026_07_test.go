package emulator

import (
	"encoding/json"
	"net/http"
	"regexp"
	"slices"
	"testing"
	"time"
)

// The same stored index rendered at 2025-10, 2026-04 and 2026-07 (spec
// db_control_2026-07.oas.yaml IndexModel, IndexSchema.fields: "Dense
// vectors-API indexes always report both _values and _sparse_values").
// Request bodies are written by hand from the facts; answers are decoded as
// plain JSON.

const (
	v2025_10 = "2025-10"
	v2026_04 = "2026-04"
)

// indexModel07Keys is the property order of a 2026-07 IndexModel with every
// optional key present but source_collection, source_backup_id and cmek_id.
var indexModel07Keys = []string{"name", "host", "private_host", "status", "deployment", "read_capacity", "schema", "tags", "deletion_protection"}

var cellRe = regexp.MustCompile(`\.svc\.([a-z]{4}-[0-9]{4}-[0-9a-f]{4})\.pinecone\.io$`)

// threeVersions describes index name at 2025-10, 2026-04 and 2026-07. It
// checks that 2025-10 and 2026-04 answer the very same bytes, and that the
// 2026-07 answer has no key of the old shape.
func (e *testEnv) threeVersions(name string) (old, v07 response) {
	e.t.Helper()
	old = e.at(v2025_10, "GET", "/indexes/"+name, "")
	old.must(e.t, http.StatusOK)
	if r04 := e.at(v2026_04, "GET", "/indexes/"+name, ""); r04.raw != old.raw {
		e.t.Errorf("2026-04 answer differs from 2025-10:\n%s\n%s", r04.raw, old.raw)
	}
	v07 = e.at(apiVersion2026_07, "GET", "/indexes/"+name, "")
	v07.must(e.t, http.StatusOK)
	for _, k := range []string{"dimension", "metric", "vector_type", "spec", "embed"} {
		if has(v07.body, k) {
			e.t.Errorf("2026-07 answer has the old key %q: %s", k, v07.raw)
		}
	}
	return old, v07
}

// wantIndex07 compares a whole 2026-07 answer with want, after filling in
// the host, private host and (managed) environment the index was given.
func wantIndex07(t *testing.T, r response, want map[string]any) {
	t.Helper()
	want["host"], want["private_host"] = r.body["host"], r.body["private_host"]
	if d, ok := want["deployment"].(map[string]any); ok && d["deployment_type"] == "managed" {
		m := cellRe.FindStringSubmatch(r.body["host"].(string))
		if m == nil {
			t.Fatalf("host %v has no serverless cell", r.body["host"])
		}
		d["environment"] = m[1]
	}
	if !jsonEqual(r.body, want) {
		t.Errorf("2026-07 index =\n%s\nwant\n%s", r.raw, mustJSON(want))
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

func TestIndex07ServerlessDenseWithMetadataSchema(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2025_10, "POST", "/indexes", bodyServerlessTagged).must(t, http.StatusCreated)
	old, v07 := e.threeVersions("s")
	wantField(t, old.body, 3, "dimension")
	wantField(t, old.body, "euclidean", "metric")
	wantField(t, old.body, "dense", "vector_type")
	wantField(t, old.body, map[string]any{"fields": map[string]any{"genre": map[string]any{"filterable": true}}}, "spec", "serverless", "schema")

	wantIndex07(t, v07, map[string]any{
		"name":          "s",
		"status":        map[string]any{"ready": true, "state": "Ready"},
		"deployment":    map[string]any{"deployment_type": "managed", "cloud": "aws", "region": "us-east-1"},
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"schema": map[string]any{"fields": map[string]any{
			"_values":        map[string]any{"type": "dense_vector", "description": nil, "dimension": 3, "metric": "euclidean"},
			"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil},
			"genre":          map[string]any{"filterable": true},
		}},
		"tags":                map[string]any{"env": "prod"},
		"deletion_protection": "disabled",
	})
	if got := keyOrder(t, v07.raw); !slices.Equal(got, indexModel07Keys) {
		t.Errorf("2026-07 key order = %v, want %v", got, indexModel07Keys)
	}
	if !regexp.MustCompile(`"deployment":\{"deployment_type":"managed","cloud":"aws","region":"us-east-1","environment":"[a-z0-9-]+"\}`).MatchString(v07.raw) {
		t.Errorf("managed deployment not in the expected order: %s", v07.raw)
	}
	// The environment is the cell of the host, the same for every index of
	// that region (spec ManagedDeployment.environment example
	// "aped-4627-b74a").
	e.at(v2026_04, "POST", "/indexes", `{"name":"s2","dimension":2,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	s2 := e.at(apiVersion2026_07, "GET", "/indexes/s2", "").must(t, http.StatusOK)
	wantField(t, s2, dig(v07.body, "deployment", "environment"), "deployment", "environment")
}

func TestIndex07Sparse(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2025_10, "POST", "/indexes", bodySparse).must(t, http.StatusCreated)
	old, v07 := e.threeVersions("s")
	wantField(t, old.body, "sparse", "vector_type")
	wantIndex07(t, v07, map[string]any{
		"name":          "s",
		"status":        map[string]any{"ready": true, "state": "Ready"},
		"deployment":    map[string]any{"deployment_type": "managed", "cloud": "aws", "region": "us-east-1"},
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"schema": map[string]any{"fields": map[string]any{
			"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil},
		}},
		"tags":                nil,
		"deletion_protection": "disabled",
	})
	if !has(v07.body, "tags") {
		t.Errorf("tags missing; want null: %s", v07.raw)
	}
}

func TestIndex07Integrated(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes/create-for-model", `{"name":"m","cloud":"aws","region":"us-east-1",
		"embed":{"model":"multilingual-e5-large","field_map":{"text":"chunk_text"},"read_parameters":{"input_type":"query","truncate":"NONE"}},
		"schema":{"fields":{"genre":{"filterable":true}}}}`).must(t, http.StatusCreated)
	old, v07 := e.threeVersions("m")
	wantField(t, old.body, "multilingual-e5-large", "embed", "model")
	wantIndex07(t, v07, map[string]any{
		"name":          "m",
		"status":        map[string]any{"ready": true, "state": "Ready"},
		"deployment":    map[string]any{"deployment_type": "managed", "cloud": "aws", "region": "us-east-1"},
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"schema": map[string]any{"fields": map[string]any{
			"chunk_text": map[string]any{
				"type": "semantic_text", "description": nil, "model": "multilingual-e5-large",
				"dimension": 1024, "metric": "cosine",
				"read_parameters":  map[string]any{"input_type": "query", "truncate": "NONE"},
				"write_parameters": map[string]any{"input_type": "passage", "truncate": "END"},
			},
			"genre": map[string]any{"filterable": true},
		}},
		"tags":                nil,
		"deletion_protection": "disabled",
	})
	// SemanticTextField's property order, read from the raw answer.
	if !regexp.MustCompile(`"chunk_text":\{"type":"semantic_text","description":null,"model":"multilingual-e5-large","dimension":1024,"metric":"cosine","read_parameters":\{[^}]*\},"write_parameters":\{[^}]*\}\}`).MatchString(v07.raw) {
		t.Errorf("semantic_text field not in the spec's property order: %s", v07.raw)
	}

	// A sparse model's semantic_text field has dimension null.
	e.at(v2026_04, "POST", "/indexes/create-for-model", `{"name":"sp","cloud":"aws","region":"us-east-1",
		"embed":{"model":"pinecone-sparse-english-v0","field_map":{"text":"body"}}}`).must(t, http.StatusCreated)
	sp := e.at(apiVersion2026_07, "GET", "/indexes/sp", "").must(t, http.StatusOK)
	f := dig(sp, "schema", "fields", "body")
	if !has(f, "dimension") || dig(f, "dimension") != nil {
		t.Errorf("sparse semantic_text dimension = %v, want null", f)
	}
	wantField(t, sp, "dotproduct", "schema", "fields", "body", "metric")
}

func TestIndex07PodWithMetadataConfig(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2025_10, "POST", "/indexes", `{"name":"p","dimension":8,"metric":"dotproduct",
		"spec":{"pod":{"environment":"us-west1-gcp","pod_type":"s1.x2","replicas":2,"shards":3,"metadata_config":{"indexed":["genre","year"]}}}}`).must(t, http.StatusCreated)
	old, v07 := e.threeVersions("p")
	wantField(t, old.body, 6, "spec", "pod", "pods")
	wantIndex07(t, v07, map[string]any{
		"name":       "p",
		"status":     map[string]any{"ready": true, "state": "Ready"},
		"deployment": map[string]any{"deployment_type": "pod", "environment": "us-west1-gcp", "pod_type": "s1.x2", "replicas": 2, "shards": 3},
		"schema": map[string]any{"fields": map[string]any{
			"_values":        map[string]any{"type": "dense_vector", "description": nil, "dimension": 8, "metric": "dotproduct"},
			"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil},
			"genre":          map[string]any{"filterable": true},
			"year":           map[string]any{"filterable": true},
		}},
		"tags":                nil,
		"deletion_protection": "disabled",
	})
	if has(v07.body, "read_capacity") {
		t.Errorf("pod index has read_capacity: %s", v07.raw)
	}
	raw := v07.raw
	if !regexp.MustCompile(`"deployment":\{"deployment_type":"pod","environment":"us-west1-gcp","pod_type":"s1.x2","replicas":2,"shards":3\}`).MatchString(raw) {
		t.Errorf("pod deployment not in the expected order: %s", raw)
	}
}

func TestIndex07ByocDedicated(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", `{"name":"b","dimension":3,"deletion_protection":"enabled",
		"spec":{"byoc":{"environment":"aws-us-east-1-b921","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}}}}}}`).must(t, http.StatusCreated)
	old, v07 := e.threeVersions("b")
	rc := dig(old.body, "spec", "byoc", "read_capacity")
	wantIndex07(t, v07, map[string]any{
		"name":          "b",
		"status":        map[string]any{"ready": true, "state": "Ready"},
		"deployment":    map[string]any{"deployment_type": "byoc", "environment": "aws-us-east-1-b921"},
		"read_capacity": rc,
		"schema": map[string]any{"fields": map[string]any{
			"_values":        map[string]any{"type": "dense_vector", "description": nil, "dimension": 3, "metric": "cosine"},
			"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil},
		}},
		"tags":                nil,
		"deletion_protection": "enabled",
	})
	wantField(t, v07.body, map[string]any{
		"mode":      "Dedicated",
		"dedicated": map[string]any{"node_type": "t1", "scaling": "Manual", "manual": map[string]any{"replicas": 2, "shards": 1}},
		"status":    map[string]any{"state": "Ready", "current_replicas": 2, "current_shards": 1},
	}, "read_capacity")
}

func TestIndex07RestoredFromBackup(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.at(v2025_10, "POST", "/indexes", bodyServerlessTagged).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)
	bk := e.createBackup("s", `{}`)
	e.clock.Advance(10 * time.Second)
	_, indexID := e.restore(bk, `{"name":"r","tags":{"team":"a"}}`)

	old, v07 := e.threeVersions("r")
	if has(old.body, "source_backup_id") {
		t.Errorf("2025-10 answer has source_backup_id: %s", old.raw)
	}
	wantIndex07(t, v07, map[string]any{
		"name":             "r",
		"status":           map[string]any{"ready": false, "state": "Initializing"},
		"deployment":       map[string]any{"deployment_type": "managed", "cloud": "aws", "region": "us-east-1"},
		"read_capacity":    map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"source_backup_id": bk,
		"schema": map[string]any{"fields": map[string]any{
			"_values":        map[string]any{"type": "dense_vector", "description": nil, "dimension": 3, "metric": "euclidean"},
			"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil},
			"genre":          map[string]any{"filterable": true},
		}},
		"tags":                map[string]any{"team": "a"},
		"deletion_protection": "disabled",
	})
	want := slices.Insert(slices.Clone(indexModel07Keys), 6, "source_backup_id")
	if got := keyOrder(t, v07.raw); !slices.Equal(got, want) {
		t.Errorf("key order = %v, want %v", got, want)
	}
	// The same index id in the backups it makes.
	wantField(t, e.at(apiVersion2026_07, "POST", "/indexes/r/backups", `{}`).must(t, http.StatusOK), indexID, "source_index_id")
}

// A collection's source_collection shows at 2026-07 too.
func TestIndex07FromCollection(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.at(apiVersion2026_07, "POST", "/collections", `{"name":"c","source":"p"}`).must(t, http.StatusCreated)
	e.at(v2026_04, "POST", "/indexes", `{"name":"p2","dimension":3,"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","source_collection":"c"}}}`).must(t, http.StatusCreated)
	wantField(t, e.at(apiVersion2026_07, "GET", "/indexes/p2", "").must(t, http.StatusOK), "c", "source_collection")
}

// A document index created at 2026-07 shows at 2026-04 as a serverless
// index whose vector settings come from its dense_vector field, or as a
// sparse dotproduct index without one, and without a metadata schema.
func TestDocumentIndexAt2026_04(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(apiVersion2026_07, "POST", "/indexes", bodyDocumentIndex).must(t, http.StatusCreated)
	r04 := e.at(v2026_04, "GET", "/indexes/articles", "").must(t, http.StatusOK)
	want := map[string]any{
		"name": "articles", "dimension": 1536, "metric": "dotproduct",
		"host": r04["host"], "private_host": r04["private_host"],
		"deletion_protection": "enabled", "tags": map[string]any{"team": "search"},
		"spec": map[string]any{"serverless": map[string]any{
			"cloud": "gcp", "region": "us-central1",
			"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		}},
		"status":      map[string]any{"ready": true, "state": "Ready"},
		"vector_type": "dense",
	}
	if !jsonEqual(r04, want) {
		t.Errorf("2026-04 view of a document index = %s, want %s", mustJSON(r04), mustJSON(want))
	}
	// The list shows it too, in each version's shape.
	list := e.at(v2025_10, "GET", "/indexes", "").must(t, http.StatusOK)
	wantField(t, listItems(t, list, "indexes")[0], "dense", "vector_type")

	e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"fts","schema":{"fields":{"body":{"type":"string","full_text_search":{}}}}}`).must(t, http.StatusCreated)
	fts := e.at(v2025_10, "GET", "/indexes/fts", "").must(t, http.StatusOK)
	wantField(t, fts, "sparse", "vector_type")
	wantField(t, fts, "dotproduct", "metric")
	if has(fts, "dimension") || has(fts, "spec", "serverless", "schema") || has(fts, "embed") {
		t.Errorf("FTS-only document index at 2025-10 = %v", fts)
	}
}

func TestIndexList07(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", bodySparse).must(t, http.StatusCreated)
	e.at(apiVersion2026_07, "POST", "/indexes", bodyDocumentIndex).must(t, http.StatusCreated)
	list := e.at(apiVersion2026_07, "GET", "/indexes", "").must(t, http.StatusOK)
	items := listItems(t, list, "indexes")
	if len(items) != 2 {
		t.Fatalf("indexes = %v", list)
	}
	for _, it := range items {
		if !has(it, "deployment") || !has(it, "schema", "fields") || has(it, "spec") {
			t.Errorf("list item not a 2026-07 IndexModel: %v", it)
		}
	}
	wantField(t, items[0], "articles", "name") // sorted by name

	// DELETE works as before (DeleteDelay 0: gone on the next request), and
	// deletion protection holds.
	e.at(apiVersion2026_07, "DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	wantState(t, e.at(apiVersion2026_07, "GET", "/indexes/articles", "").must(t, http.StatusOK), "Ready", true)
	e.at(apiVersion2026_07, "DELETE", "/indexes/articles", "").wantError(t, http.StatusForbidden, codeForbidden, "Deletion protection is enabled")
	e.at(apiVersion2026_07, "GET", "/indexes/s", "").wantError(t, http.StatusNotFound, codeNotFound, "Index s not found.")
}

// listItems returns the objects of the array at key.
func listItems(t *testing.T, body map[string]any, key string) []map[string]any {
	t.Helper()
	arr, ok := body[key].([]any)
	if !ok {
		t.Fatalf("no %s array in %v", key, body)
	}
	out := make([]map[string]any, len(arr))
	for i, it := range arr {
		out[i], _ = it.(map[string]any)
	}
	return out
}

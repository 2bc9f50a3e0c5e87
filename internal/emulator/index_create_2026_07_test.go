package emulator

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// POST /indexes at 2026-07 (spec db_control_2026-07.oas.yaml create_index,
// CreateIndexRequest; docs guides/search/full-text-search/text-processing).

// bodyDocumentIndex declares every kind of named field: full-text strings
// with defaults, with a language, stemming and stop words, and with n-grams,
// a dense and a sparse vector field.
const bodyDocumentIndex = `{"name":"articles",
	"deployment":{"deployment_type":"managed","cloud":"gcp","region":"us-central1"},
	"schema":{"fields":{
		"title":{"type":"string","full_text_search":{}},
		"body":{"type":"string","description":"Article body","full_text_search":{"language":"french","stemming":true,"stop_words":true}},
		"sku":{"type":"string","full_text_search":{"ngram":{"min_gram":2,"max_gram":4}}},
		"embedding":{"type":"dense_vector","dimension":1536,"metric":"dotproduct"},
		"sparse":{"type":"sparse_vector","description":"SPLADE"}}},
	"tags":{"team":"search"},"deletion_protection":"enabled"}`

func TestCreateDocumentIndex07(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.at(apiVersion2026_07, "POST", "/indexes", bodyDocumentIndex)
	b := r.must(t, http.StatusCreated)
	wantIndex07(t, r, map[string]any{
		"name":          "articles",
		"status":        map[string]any{"ready": false, "state": "Initializing"},
		"deployment":    map[string]any{"deployment_type": "managed", "cloud": "gcp", "region": "us-central1"},
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"schema": map[string]any{"fields": map[string]any{
			"title": map[string]any{"type": "string", "description": nil,
				"full_text_search": map[string]any{"language": "en", "stemming": false, "stop_words": false}},
			"body": map[string]any{"type": "string", "description": "Article body",
				"full_text_search": map[string]any{"language": "french", "stemming": true, "stop_words": true}},
			"sku": map[string]any{"type": "string", "description": nil,
				"full_text_search": map[string]any{"language": "en", "stemming": false, "stop_words": false,
					"ngram": map[string]any{"min_gram": 2, "max_gram": 4, "prefix_only": false}}},
			"embedding": map[string]any{"type": "dense_vector", "description": nil, "dimension": 1536, "metric": "dotproduct"},
			"sparse":    map[string]any{"type": "sparse_vector", "description": "SPLADE"},
		}},
		"tags":                map[string]any{"team": "search"},
		"deletion_protection": "enabled",
	})
	// Describe answers the same, now Ready.
	d := e.at(apiVersion2026_07, "GET", "/indexes/articles", "").must(t, http.StatusOK)
	wantField(t, d, b["schema"], "schema")
	wantState(t, d, "Ready", true)
	if !regexp.MustCompile(`"sku":\{"type":"string","description":null,"full_text_search":\{"language":"en","stemming":false,"stop_words":false,"ngram":\{"min_gram":2,"max_gram":4,"prefix_only":false\}\}\}`).MatchString(r.raw) {
		t.Errorf("string field not in the spec's property order: %s", r.raw)
	}
	// The name stays taken.
	e.at(apiVersion2026_07, "POST", "/indexes", bodyDocumentIndex).wantError(t, http.StatusConflict, codeAlreadyExists, "Resource already exists.")
}

// Without deployment an index is managed on aws us-east-1; without a name
// it gets one.
func TestCreate07Defaults(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.at(apiVersion2026_07, "POST", "/indexes", `{"schema":{"fields":{"embedding":{"type":"dense_vector","dimension":1536,"metric":"cosine"}}}}`).
		must(t, http.StatusCreated)
	wantField(t, b, "managed", "deployment", "deployment_type")
	wantField(t, b, "aws", "deployment", "cloud")
	wantField(t, b, "us-east-1", "deployment", "region")
	wantField(t, b, "disabled", "deletion_protection")
	name, _ := b["name"].(string)
	if !indexNameRe.MatchString(name) || !strings.HasPrefix(name, "index-") {
		t.Fatalf("generated name %q", name)
	}
	e.at(apiVersion2026_07, "GET", "/indexes/"+name, "").must(t, http.StatusOK)
}

// A schema of only _values / _sparse_values creates the same stored index
// as the old dense / sparse create (CreateIndexSchema.fields: "the same
// index that earlier API versions created from dimension, metric, and
// vector_type"), so every version renders the two alike.
func TestCreate07ReservedFieldsAreClassicIndexes(t *testing.T) {
	cases := []struct {
		name, fields, legacy string
	}{
		{"dense", `{"_values":{"type":"dense_vector","dimension":3,"metric":"euclidean"}}`,
			`{"name":"old","dimension":3,"metric":"euclidean","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`},
		{"both", `{"_values":{"type":"dense_vector","dimension":3,"metric":"euclidean"},"_sparse_values":{"type":"sparse_vector"}}`,
			`{"name":"old","dimension":3,"metric":"euclidean","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`},
		{"sparse", `{"_sparse_values":{"type":"sparse_vector"}}`,
			`{"name":"old","vector_type":"sparse","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t, Options{})
			e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"new","schema":{"fields":`+c.fields+`}}`).must(t, http.StatusCreated)
			e.at(v2025_10, "POST", "/indexes", c.legacy).must(t, http.StatusCreated)
			for _, v := range []string{v2025_10, v2026_04, apiVersion2026_07} {
				n := e.at(v, "GET", "/indexes/new", "").must(t, http.StatusOK)
				o := e.at(v, "GET", "/indexes/old", "").must(t, http.StatusOK)
				for _, m := range []map[string]any{n, o} {
					delete(m, "name")
					delete(m, "host")
					delete(m, "private_host")
				}
				if !jsonEqual(n, o) {
					t.Errorf("%s: reserved-field index %s, legacy index %s", v, mustJSON(n), mustJSON(o))
				}
			}
		})
	}
}

func TestCreate07Byoc(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"b7",
		"deployment":{"deployment_type":"byoc","environment":"aws-us-east-1-b921"},
		"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual","manual":{"shards":1,"replicas":1}}},
		"schema":{"fields":{"_values":{"type":"dense_vector","dimension":1536,"metric":"cosine"}}}}`).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"deployment_type": "byoc", "environment": "aws-us-east-1-b921"}, "deployment")
	wantField(t, b, "Dedicated", "read_capacity", "mode")
	if h, _ := b["host"].(string); !strings.HasSuffix(h, ".svc.aws-us-east-1-b921.pinecone.io") {
		t.Errorf("byoc host = %q", h)
	}
	// 2026-04 sees the same index as spec.byoc.
	wantField(t, e.at(v2026_04, "GET", "/indexes/b7", "").must(t, http.StatusOK), "aws-us-east-1-b921", "spec", "byoc", "environment")
	// The BYOC read capacity rule is 2026-07 only.
	e.at(v2026_04, "POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
}

// create-for-model takes the 2026-04 request and answers a 2026-07
// IndexModel (spec create_index_for_model: "The response is this version's
// index model").
func TestCreateForModel07(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.at(apiVersion2026_07, "POST", "/indexes/create-for-model", `{"name":"docs-example","cloud":"aws","region":"us-east-1",
		"embed":{"model":"llama-text-embed-v2","metric":"dotproduct","dimension":512,"field_map":{"text":"chunk_text"}},
		"tags":{"env":"dev"}}`)
	wantIndex07(t, r, map[string]any{
		"name":          "docs-example",
		"status":        map[string]any{"ready": false, "state": "Initializing"},
		"deployment":    map[string]any{"deployment_type": "managed", "cloud": "aws", "region": "us-east-1"},
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"schema": map[string]any{"fields": map[string]any{"chunk_text": map[string]any{
			"type": "semantic_text", "description": nil, "model": "llama-text-embed-v2", "dimension": 512, "metric": "dotproduct",
			"read_parameters":  map[string]any{"input_type": "query", "truncate": "END", "dimension": 512},
			"write_parameters": map[string]any{"input_type": "passage", "truncate": "END", "dimension": 512},
		}}},
		"tags":                map[string]any{"env": "dev"},
		"deletion_protection": "disabled",
	})
	if r.status != http.StatusCreated {
		t.Fatalf("status %d", r.status)
	}
	// The same rules as at 2026-04.
	e.at(apiVersion2026_07, "POST", "/indexes/create-for-model", `{"name":"x","cloud":"aws","region":"us-west1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`).
		wantError(t, http.StatusNotFound, codeNotFound, "Resource cloud: aws region: us-west1 not found.")
	e.at(apiVersion2026_07, "POST", "/indexes/create-for-model", `{"name":"x","cloud":"aws","region":"us-east-1"}`).
		wantError(t, http.StatusUnprocessableEntity, codeUnprocessable, "missing field `embed`")
}

// 2026-07 cannot create pod indexes or take the old shapes; the answers say
// to send an earlier version (docs guides/legacy/pod-based-indexes).
func TestCreate07RefusesPodAndLegacyKeys(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"p","deployment":{"deployment_type":"pod","environment":"us-east-1-aws","pod_type":"p1.x1"},
		"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"cosine"}}}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "send an earlier X-Pinecone-Api-Version, e.g. X-Pinecone-Api-Version: 2026-04")

	legacy := map[string]string{
		"dimension":         `"dimension":3`,
		"metric":            `"metric":"cosine"`,
		"vector_type":       `"vector_type":"dense"`,
		"spec":              `"spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1"}}`,
		"embed":             `"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}`,
		"source_collection": `"source_collection":"c"`,
	}
	for key, frag := range legacy {
		// With and without a schema: the legacy key is named before a
		// missing schema would be.
		for _, body := range []string{`{"name":"x",` + frag + `}`, `{"name":"x",` + frag + `,"schema":{"fields":{"t":{"type":"string","full_text_search":{}}}}}`} {
			r := e.at(apiVersion2026_07, "POST", "/indexes", body)
			r.wantError(t, http.StatusBadRequest, codeInvalidArgument, "Field `"+key+"` is not part of API version 2026-07")
			r.wantError(t, http.StatusBadRequest, codeInvalidArgument, "schema")
			r.wantError(t, http.StatusBadRequest, codeInvalidArgument, "Pod-based indexes and indexes created from a collection need an earlier API version")
		}
	}
	// The 2025-10 request bodies the Go SDK sends all fail the same way.
	for _, body := range []string{bodyServerless, bodySparse, bodyPod, bodyByoc} {
		e.at(apiVersion2026_07, "POST", "/indexes", body).wantError(t, http.StatusBadRequest, codeInvalidArgument, "is not part of API version 2026-07")
	}
	if n := len(e.at(v2026_04, "GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)); n != 0 {
		t.Errorf("refused creates left %d indexes", n)
	}
}

// Bodies that do not decode, or lack a required key, are 422 as at
// 2026-04 (the spec's 422 example for create_index is "missing field
// `metric`", which at 2026-07 can only be a dense_vector field's).
func TestCreate07Unprocessable(t *testing.T) {
	cases := map[string]string{
		`{"name":"x"`:              "unexpected end of JSON input",
		`{"name":"x"}`:             "missing field `schema`",
		`{"name":"x","schema":{}}`: "missing field `fields`",
		`{"name":"x","schema":{"fields":{"a":{}}}}`:                                                                                "missing field `type`",
		`{"name":"x","schema":{"fields":{"a":null}}}`:                                                                              "missing field `type`",
		`{"name":"x","schema":{"fields":{"e":{"type":"dense_vector","dimension":3}}}}`:                                             "missing field `metric`",
		`{"name":"x","schema":{"fields":{"e":{"type":"dense_vector","metric":"cosine"}}}}`:                                         "missing field `dimension`",
		`{"name":"x","schema":{"fields":{"e":{"type":"dense_vector","dimension":"3","metric":"cosine"}}}}`:                         "invalid type",
		`{"name":"x","schema":{"fields":{"s":{"type":"string","full_text_search":{"ngram":{"min_gram":1}}}}}}`:                     "missing field `max_gram`",
		`{"name":"x","schema":{"fields":{"s":{"type":"string","full_text_search":{"ngram":{"max_gram":1}}}}}}`:                     "missing field `min_gram`",
		`{"name":"x","deployment":{"cloud":"aws"},"schema":{"fields":{"s":{"type":"sparse_vector"}}}}`:                             "missing field `deployment_type`",
		`{"name":"x","deployment":{"deployment_type":"managed","cloud":"aws"},"schema":{"fields":{"s":{"type":"sparse_vector"}}}}`: "missing field `region`",
		`{"name":"x","deployment":{"deployment_type":"byoc"},"schema":{"fields":{"s":{"type":"sparse_vector"}}}}`:                  "missing field `environment`",
		`{"name":"x","read_capacity":{},"schema":{"fields":{"s":{"type":"sparse_vector"}}}}`:                                       "missing field `mode`",
		`{"name":3,"schema":{"fields":{"s":{"type":"sparse_vector"}}}}`:                                                            "invalid type",
	}
	e := newEnv(t, Options{})
	for body, msg := range cases {
		e.at(apiVersion2026_07, "POST", "/indexes", body).wantError(t, http.StatusUnprocessableEntity, codeUnprocessable, msg)
	}
}

// The region check, the name rule and the tags rules are those of 2026-04.
func TestCreate07SharedRules(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"x","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-west1"},
		"schema":{"fields":{"s":{"type":"sparse_vector"}}}}`).wantError(t, http.StatusNotFound, codeNotFound, "Resource cloud: aws region: us-west1 not found.")
	// Every 400 comes before the region's 404.
	e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"x","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-west1"},
		"schema":{"fields":{}}}`).wantError(t, http.StatusBadRequest, codeInvalidArgument, emptySchemaMessage)
}

// A project that enforces CMEK refuses full-text fields with 412 (spec
// create_index, 412 example); other schemas are created.
func TestCreate07CMEKProject(t *testing.T) {
	e := newEnv(t, Options{})
	id := e.srv.DefaultProjectID()
	e.srv.mu.Lock()
	e.srv.projects[id].forceCMEK = true
	e.srv.mu.Unlock()
	e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"f","schema":{"fields":{"t":{"type":"string","full_text_search":{}}}}}`).
		wantError(t, http.StatusPreconditionFailed, codeFailedPrecondition, "Indexes with full_text_search fields are not supported in CMEK-encrypted projects")
	b := e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"v","cmek_id":"arn:aws:kms:us-east-1:123456789012:key/mrk-abc123",
		"schema":{"fields":{"e":{"type":"dense_vector","dimension":4,"metric":"cosine"}}}}`).must(t, http.StatusCreated)
	wantField(t, b, "arn:aws:kms:us-east-1:123456789012:key/mrk-abc123", "cmek_id")
	if keys := keyOrder(t, e.at(apiVersion2026_07, "GET", "/indexes/v", "").raw); keys[6] != "cmek_id" || keys[7] != "schema" {
		t.Errorf("cmek_id not before schema: %v", keys)
	}
}

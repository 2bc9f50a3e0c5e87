package emulator

import (
	"encoding/json"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// The six ModelInfo answers, written out as literal JSON. Rerank models have
// no vector_type, dimensions or metrics; the sparse model has no dimensions.
var wantModelJSON = map[string]string{
	"llama-text-embed-v2": `{
		"model": "llama-text-embed-v2",
		"short_description": "Dense multilingual text embedding model for question-answering retrieval over long documents, with a choice of output dimensions.",
		"type": "embed", "vector_type": "dense",
		"default_dimension": 1024, "supported_dimensions": [384, 512, 768, 1024, 2048],
		"supported_metrics": ["cosine", "dotproduct"],
		"modality": "text", "max_sequence_length": 2048, "max_batch_size": 96, "provider_name": "NVIDIA",
		"supported_parameters": [
			{"parameter": "input_type", "type": "one_of", "value_type": "string", "required": true, "allowed_values": ["query", "passage"]},
			{"parameter": "truncate", "type": "one_of", "value_type": "string", "required": false, "allowed_values": ["END", "NONE", "START"], "default": "END"},
			{"parameter": "dimension", "type": "one_of", "value_type": "integer", "required": false, "allowed_values": [384, 512, 768, 1024, 2048], "default": 1024}
		]}`,
	"multilingual-e5-large": `{
		"model": "multilingual-e5-large",
		"short_description": "Dense multilingual text embedding model that copes well with messy data and short queries over passages of one or two paragraphs.",
		"type": "embed", "vector_type": "dense",
		"default_dimension": 1024, "supported_dimensions": [1024],
		"supported_metrics": ["cosine", "euclidean"],
		"modality": "text", "max_sequence_length": 507, "max_batch_size": 96, "provider_name": "Microsoft",
		"supported_parameters": [
			{"parameter": "input_type", "type": "one_of", "value_type": "string", "required": true, "allowed_values": ["query", "passage"]},
			{"parameter": "truncate", "type": "one_of", "value_type": "string", "required": false, "allowed_values": ["END", "NONE"], "default": "END"}
		]}`,
	"pinecone-sparse-english-v0": `{
		"model": "pinecone-sparse-english-v0",
		"short_description": "Sparse English text embedding model for keyword and hybrid search.",
		"type": "embed", "vector_type": "sparse",
		"supported_metrics": ["dotproduct"],
		"modality": "text", "max_sequence_length": 512, "max_batch_size": 96, "provider_name": "Pinecone",
		"supported_parameters": [
			{"parameter": "input_type", "type": "one_of", "value_type": "string", "required": true, "allowed_values": ["query", "passage"]},
			{"parameter": "truncate", "type": "one_of", "value_type": "string", "required": false, "allowed_values": ["END", "NONE"], "default": "END"},
			{"parameter": "return_tokens", "type": "any", "value_type": "boolean", "required": false, "default": false}
		]}`,
	"bge-reranker-v2-m3": `{
		"model": "bge-reranker-v2-m3",
		"short_description": "Multilingual reranking model for short queries over passages of one or two paragraphs.",
		"type": "rerank",
		"modality": "text", "max_sequence_length": 1024, "max_batch_size": 100, "provider_name": "BAAI",
		"supported_parameters": [
			{"parameter": "truncate", "type": "one_of", "value_type": "string", "required": false, "allowed_values": ["END", "NONE"], "default": "NONE"}
		]}`,
	"cohere-rerank-3.5": `{
		"model": "cohere-rerank-3.5",
		"short_description": "Cohere's reranking model for enterprise search, balancing quality and latency.",
		"type": "rerank",
		"modality": "text", "max_sequence_length": 40000, "max_batch_size": 200, "provider_name": "Cohere",
		"supported_parameters": [
			{"parameter": "max_chunks_per_doc", "type": "numeric_range", "value_type": "integer", "required": false, "min": 1, "max": 3072, "default": 3072}
		]}`,
	"pinecone-rerank-v0": `{
		"model": "pinecone-rerank-v0",
		"short_description": "Pinecone's reranking model for chunks of up to 512 tokens.",
		"type": "rerank",
		"modality": "text", "max_sequence_length": 512, "max_batch_size": 100, "provider_name": "Pinecone",
		"supported_parameters": [
			{"parameter": "truncate", "type": "one_of", "value_type": "string", "required": false, "allowed_values": ["END", "NONE"], "default": "END"}
		]}`,
}

// allModelNames is the order of GET /models: embed models, then rerank
// models, each by name.
var allModelNames = []string{
	"llama-text-embed-v2", "multilingual-e5-large", "pinecone-sparse-english-v0",
	"bge-reranker-v2-m3", "cohere-rerank-3.5", "pinecone-rerank-v0",
}

func decodeLiteral(t *testing.T, raw string) map[string]any {
	t.Helper()
	var v map[string]any
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		t.Fatalf("bad literal: %v", err)
	}
	return v
}

// listedModels checks that a GET /models answer has a models array and
// returns it.
func listedModels(t *testing.T, body map[string]any) []any {
	t.Helper()
	ms, ok := body["models"].([]any)
	if !ok {
		t.Fatalf("models is missing or not an array: %v", body)
	}
	return ms
}

func modelNames(t *testing.T, ms []any) []string {
	t.Helper()
	names := []string{}
	for _, m := range ms {
		name, _ := dig(m, "model").(string)
		names = append(names, name)
	}
	return names
}

func TestListModels(t *testing.T) {
	e := newEnv(t, Options{})
	ms := listedModels(t, e.do("GET", "/models", "").must(t, http.StatusOK))
	if got := modelNames(t, ms); !reflect.DeepEqual(got, allModelNames) {
		t.Fatalf("GET /models lists %v, want %v", got, allModelNames)
	}
	// Each listed entry is the full ModelInfo, as describe shows it.
	for i, m := range ms {
		if want := decodeLiteral(t, wantModelJSON[allModelNames[i]]); !reflect.DeepEqual(m, any(want)) {
			t.Errorf("listed %s =\n%v\nwant\n%v", allModelNames[i], m, want)
		}
	}

	cases := []struct {
		query string
		want  []string
	}{
		{"type=embed", []string{"llama-text-embed-v2", "multilingual-e5-large", "pinecone-sparse-english-v0"}},
		{"type=rerank", []string{"bge-reranker-v2-m3", "cohere-rerank-3.5", "pinecone-rerank-v0"}},
		{"vector_type=dense", []string{"llama-text-embed-v2", "multilingual-e5-large"}},
		{"vector_type=sparse", []string{"pinecone-sparse-english-v0"}},
		{"type=embed&vector_type=sparse", []string{"pinecone-sparse-english-v0"}},
		{"vector_type=sparse&type=embed", []string{"pinecone-sparse-english-v0"}},
		{"type=embed&vector_type=dense", []string{"llama-text-embed-v2", "multilingual-e5-large"}},
		{"type=rerank&vector_type=dense", []string{}},
		{"other=1", allModelNames},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			body := e.do("GET", "/models?"+c.query, "").must(t, http.StatusOK)
			if got := modelNames(t, listedModels(t, body)); !reflect.DeepEqual(got, c.want) {
				t.Errorf("GET /models?%s lists %v, want %v", c.query, got, c.want)
			}
		})
	}
	// An empty result is still {"models":[]}.
	if r := e.do("GET", "/models?type=rerank&vector_type=sparse", ""); strings.TrimSpace(r.raw) != `{"models":[]}` {
		t.Errorf("empty list = %s", r.raw)
	}
}

func TestListModelsBadFilter(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct{ query, param, value, allowed string }{
		{"type=image", "type", "image", "Allowed values: embed, rerank."},
		{"type=EMBED", "type", "EMBED", "Allowed values: embed, rerank."},
		{"type=", "type", `""`, "Allowed values: embed, rerank."},
		{"type=embed&vector_type=hybrid", "vector_type", "hybrid", "Allowed values: dense, sparse."},
		{"vector_type=Dense", "vector_type", "Dense", "Allowed values: dense, sparse."},
		{"vector_type=", "vector_type", `""`, "Allowed values: dense, sparse."},
	}
	for _, c := range cases {
		t.Run(c.query, func(t *testing.T) {
			r := e.do("GET", "/models?"+c.query, "")
			for _, want := range []string{"`" + c.param + "`", c.value, c.allowed} {
				r.wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", want)
			}
		})
	}
}

func TestDescribeModel(t *testing.T) {
	e := newEnv(t, Options{})
	for _, name := range allModelNames {
		t.Run(name, func(t *testing.T) {
			got := e.do("GET", "/models/"+name, "").must(t, http.StatusOK)
			if want := decodeLiteral(t, wantModelJSON[name]); !reflect.DeepEqual(got, want) {
				t.Errorf("GET /models/%s =\n%v\nwant\n%v", name, got, want)
			}
		})
	}
	// Keys that a model lacks are absent, not null or empty.
	for _, name := range []string{"bge-reranker-v2-m3", "cohere-rerank-3.5", "pinecone-rerank-v0"} {
		b := e.do("GET", "/models/"+name, "").must(t, http.StatusOK)
		for _, k := range []string{"vector_type", "default_dimension", "supported_dimensions", "supported_metrics"} {
			if has(b, k) {
				t.Errorf("%s has %s", name, k)
			}
		}
	}
	sparse := e.do("GET", "/models/pinecone-sparse-english-v0", "").must(t, http.StatusOK)
	if has(sparse, "default_dimension") || has(sparse, "supported_dimensions") {
		t.Errorf("sparse model has dimensions: %v", sparse)
	}
	// Works with either API version.
	e.do("GET", "/models/multilingual-e5-large", "", headerAPIVersion, apiVersion2026_04).must(t, http.StatusOK)
}

func TestDescribeModelNotFound(t *testing.T) {
	e := newEnv(t, Options{})
	for _, name := range []string{"nope", "Multilingual-E5-Large", "text-embedding-3-small"} {
		e.do("GET", "/models/"+name, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Model "+name+" not found.")
	}
}

func TestModelRoutesAuthAndVersion(t *testing.T) {
	e := newEnv(t, Options{})
	for _, path := range []string{"/models", "/models/multilingual-e5-large", "/models/nope"} {
		e.do("GET", path, "", "Api-Key", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
		e.do("GET", path, "", "Api-Key", "wrong").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
		// An admin token is not an Api-Key.
		e.do("GET", path, "", "Api-Key", "", "Authorization", "Bearer "+e.token()).
			wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
		e.do("GET", path, "", headerAPIVersion, "2024-07").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Unsupported API version")
	}
	e.do("POST", "/models", `{}`).wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
	e.do("DELETE", "/models/multilingual-e5-large", "").wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")

	// Not project-scoped: a key of another project sees the same catalogue.
	tok := e.token()
	_, other := e.createKey(tok, e.createProject(tok, `{"name":"other"}`), `{"name":"k"}`)
	mine := e.do("GET", "/models", "").must(t, http.StatusOK)
	theirs := e.do("GET", "/models", "", "Api-Key", other).must(t, http.StatusOK)
	if !reflect.DeepEqual(mine, theirs) {
		t.Errorf("another project's key sees a different catalogue")
	}
}

func TestModelRoutesStats(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/models", "")
	e.do("GET", "/models?type=embed", "")
	e.do("GET", "/models?type=bad", "") // 400, still counted
	e.do("GET", "/models/multilingual-e5-large", "")
	e.do("GET", "/models/nope", "") // 404 on a known route
	e.do("POST", "/models", "")     // 405
	want := map[string]int64{
		"GET /models":              3,
		"GET /models/{model_name}": 2,
		"POST /models":             1,
	}
	if got := e.srv.Stats(); !jsonEqual(got, want) {
		t.Errorf("Stats() = %v, want %v", got, want)
	}
}

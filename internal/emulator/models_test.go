package emulator

import (
	"net/http"
	"testing"
)

func TestCreateForModelDefaults(t *testing.T) {
	e := newEnv(t, Options{})
	// §9: POST /indexes/create-for-model
	b := e.do("POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	wantField(t, b, "m", "name")
	wantField(t, b, 1024, "dimension")
	wantField(t, b, "cosine", "metric")
	wantField(t, b, "dense", "vector_type")
	wantField(t, b, "disabled", "deletion_protection")
	wantField(t, b, map[string]any{
		"model":            "multilingual-e5-large",
		"metric":           "cosine",
		"dimension":        1024,
		"vector_type":      "dense",
		"field_map":        map[string]any{"text": "chunk_text"},
		"read_parameters":  map[string]any{"input_type": "query", "truncate": "END"},
		"write_parameters": map[string]any{"input_type": "passage", "truncate": "END"},
	}, "embed")
	wantField(t, b, map[string]any{"serverless": map[string]any{
		"cloud": "aws", "region": "us-east-1",
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
	}}, "spec")
	wantState(t, b, "Initializing", false)
	if !serverlessHostRe.MatchString(replaceName(b["host"].(string), "m", "s")) {
		t.Errorf("host = %v", b["host"])
	}
	// Describe shows the same embed.
	wantField(t, e.do("GET", "/indexes/m", "").must(t, http.StatusOK), dig(b, "embed"), "embed")
}

func replaceName(host, from, to string) string {
	if len(host) > len(from) && host[:len(from)] == from {
		return to + host[len(from):]
	}
	return host
}

func TestCreateForModelOptions(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes/create-for-model", `{"name":"llama","cloud":"gcp","region":"us-central1",
		"embed":{"model":"llama-text-embed-v2","metric":"dotproduct","dimension":512,"field_map":{"text":"body"},
			"read_parameters":{"input_type":"query","truncate":"NONE"},"write_parameters":{"truncate":"START"}},
		"deletion_protection":"enabled","tags":{"team":"search"},
		"schema":{"fields":{"genre":{"filterable":true}}},
		"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":1,"shards":1}}}}`).must(t, http.StatusCreated)
	wantField(t, b, 512, "dimension")
	wantField(t, b, "dotproduct", "metric")
	wantField(t, b, "enabled", "deletion_protection")
	wantField(t, b, map[string]any{"team": "search"}, "tags")
	wantField(t, b, map[string]any{"input_type": "query", "truncate": "NONE", "dimension": 512}, "embed", "read_parameters")
	wantField(t, b, map[string]any{"input_type": "passage", "truncate": "START", "dimension": 512}, "embed", "write_parameters")
	wantField(t, b, 512, "embed", "dimension")
	wantField(t, b, "Dedicated", "spec", "serverless", "read_capacity", "mode")
	wantField(t, b, map[string]any{"genre": map[string]any{"filterable": true}}, "spec", "serverless", "schema", "fields")

	// llama defaults: 1024, cosine.
	b = e.do("POST", "/indexes/create-for-model", `{"name":"llama2","cloud":"aws","region":"us-east-1","embed":{"model":"llama-text-embed-v2","field_map":{"text":"t"}}}`).must(t, http.StatusCreated)
	wantField(t, b, 1024, "dimension")
	wantField(t, b, "cosine", "metric")
	wantField(t, b, 1024, "embed", "read_parameters", "dimension")

	// Sparse model: sparse index, dotproduct, no dimension.
	b = e.do("POST", "/indexes/create-for-model", `{"name":"sp","cloud":"aws","region":"us-east-1","embed":{"model":"pinecone-sparse-english-v0","field_map":{"text":"t"},"read_parameters":{"return_tokens":true}}}`).must(t, http.StatusCreated)
	wantField(t, b, "sparse", "vector_type")
	wantField(t, b, "dotproduct", "metric")
	wantField(t, b, "sparse", "embed", "vector_type")
	if has(b, "dimension") || has(b, "embed", "dimension") {
		t.Errorf("sparse integrated index has a dimension: %v", b)
	}
	wantField(t, b, map[string]any{"input_type": "query", "truncate": "END", "return_tokens": true}, "embed", "read_parameters")
	wantField(t, b, map[string]any{"input_type": "passage", "truncate": "END"}, "embed", "write_parameters")

	// e5 with euclidean.
	b = e.do("POST", "/indexes/create-for-model", `{"name":"e5","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","metric":"euclidean","dimension":1024,"field_map":{"text":"t"}}}`).must(t, http.StatusCreated)
	wantField(t, b, "euclidean", "metric")
}

func TestCreateForModelValidation(t *testing.T) {
	cases := []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"missing name", `{"cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"missing cloud", `{"name":"m","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `cloud`"},
		{"missing region", `{"name":"m","cloud":"aws","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `region`"},
		{"missing embed", `{"name":"m","cloud":"aws","region":"us-east-1"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `embed`"},
		{"missing model", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"field_map":{"text":"t"}}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `model`"},
		{"missing field_map", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large"}}`, 422, "UNPROCESSABLE_ENTITY", "missing field `field_map`"},
		{"dimension string", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","dimension":"1024","field_map":{"text":"t"}}}`, 422, "UNPROCESSABLE_ENTITY", "embed.dimension"},
		{"bad name", `{"name":"M","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"unknown cloud", `{"name":"m","cloud":"oci","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "cloud"},
		{"unknown model", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"text-embedding-3-small","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "text-embedding-3-small"},
		{"unsupported dimension", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","dimension":768,"field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "Dimension 768"},
		{"llama dimension 100", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"llama-text-embed-v2","dimension":100,"field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "Dimension 100"},
		{"unsupported metric", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","metric":"dotproduct","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "dotproduct"},
		{"unknown metric", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","metric":"hamming","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "hamming"},
		{"sparse with dimension", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"pinecone-sparse-english-v0","dimension":512,"field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "dimension"},
		{"empty field_map", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{}}}`, 400, "INVALID_ARGUMENT", "field_map"},
		{"bad input_type", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"},"read_parameters":{"input_type":"document"}}}`, 400, "INVALID_ARGUMENT", "input_type"},
		{"truncate START on e5", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"},"write_parameters":{"truncate":"START"}}}`, 400, "INVALID_ARGUMENT", "truncate"},
		{"unknown parameter", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"},"read_parameters":{"temperature":1}}}`, 400, "INVALID_ARGUMENT", "temperature"},
		{"return_tokens not bool", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"pinecone-sparse-english-v0","field_map":{"text":"t"},"read_parameters":{"return_tokens":"yes"}}}`, 400, "INVALID_ARGUMENT", "return_tokens"},
		{"param dimension mismatch", `{"name":"m","cloud":"aws","region":"us-east-1","embed":{"model":"llama-text-embed-v2","dimension":512,"field_map":{"text":"t"},"read_parameters":{"dimension":1024}}}`, 400, "INVALID_ARGUMENT", "dimension"},
		{"bad tag", `{"name":"m","cloud":"aws","region":"us-east-1","tags":{"k":"a|b"},"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "tag"},
		{"bad deletion_protection", `{"name":"m","cloud":"aws","region":"us-east-1","deletion_protection":"true","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "deletion_protection"},
		{"filterable false", `{"name":"m","cloud":"aws","region":"us-east-1","schema":{"fields":{"g":{"filterable":false}}},"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 400, "INVALID_ARGUMENT", "filterable"},
		{"unknown region", `{"name":"m","cloud":"aws","region":"us-west1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 404, "NOT_FOUND", "Resource cloud: aws region: us-west1 not found."},
	}
	e := newEnv(t, Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/indexes/create-for-model", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if n := len(e.do("GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)); n != 0 {
		t.Errorf("rejected creates left %d indexes", n)
	}
}

func TestConfigureEmbedUpgrade(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", `{"name":"up","dimension":1024,"metric":"cosine","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	b := e.do("PATCH", "/indexes/up", `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"chunk_text"},"write_parameters":{"input_type":"passage","truncate":"NONE"}}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{
		"model":            "multilingual-e5-large",
		"metric":           "cosine",
		"dimension":        1024,
		"vector_type":      "dense",
		"field_map":        map[string]any{"text": "chunk_text"},
		"read_parameters":  map[string]any{"input_type": "query", "truncate": "END"},
		"write_parameters": map[string]any{"input_type": "passage", "truncate": "NONE"},
	}, "embed")

	// Integrated now: field_map and parameters can change, the model cannot.
	b = e.do("PATCH", "/indexes/up", `{"embed":{"field_map":{"text":"body"},"read_parameters":{"input_type":"query","truncate":"NONE"}}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"text": "body"}, "embed", "field_map")
	wantField(t, b, map[string]any{"input_type": "query", "truncate": "NONE"}, "embed", "read_parameters")
	wantField(t, b, map[string]any{"input_type": "passage", "truncate": "NONE"}, "embed", "write_parameters")
	e.do("PATCH", "/indexes/up", `{"embed":{"model":"multilingual-e5-large"}}`).must(t, http.StatusOK)
	e.do("PATCH", "/indexes/up", `{"embed":{"model":"llama-text-embed-v2"}}`).
		wantError(t, 400, "INVALID_ARGUMENT", "Cannot change the embedding model")
	wantField(t, e.do("GET", "/indexes/up", "").must(t, http.StatusOK), "multilingual-e5-large", "embed", "model")

	// An integrated index made by create-for-model cannot switch model either.
	e.do("POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	e.do("PATCH", "/indexes/m", `{"embed":{"model":"pinecone-sparse-english-v0","field_map":{"text":"t"}}}`).
		wantError(t, 400, "INVALID_ARGUMENT", "Cannot change the embedding model")
	e.do("PATCH", "/indexes/m", `{"embed":{"read_parameters":{"truncate":"START"}}}`).
		wantError(t, 400, "INVALID_ARGUMENT", "truncate")
}

func TestConfigureEmbedUpgradeMismatch(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", `{"name":"d3","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"name":"dot","dimension":1024,"metric":"dotproduct","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.do("POST", "/indexes", `{"name":"sp","vector_type":"sparse","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	cases := []struct{ name, index, body, msg string }{
		{"dimension", "d3", `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, "dimension 3"},
		{"metric", "dot", `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, "metric dotproduct"},
		{"vector type", "sp", `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, "sparse"},
		{"dense model on sparse", "dot", `{"embed":{"model":"pinecone-sparse-english-v0","field_map":{"text":"t"}}}`, "sparse"},
		{"no model", "dot", `{"embed":{"field_map":{"text":"t"}}}`, "embed.model is required"},
		{"no field_map", "dot", `{"embed":{"model":"llama-text-embed-v2"}}`, "field_map"},
		{"unknown model", "dot", `{"embed":{"model":"nope","field_map":{"text":"t"}}}`, "nope"},
		{"byoc", "b", `{"embed":{"model":"llama-text-embed-v2","field_map":{"text":"t"}}}`, "serverless"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("PATCH", "/indexes/"+c.index, c.body).wantError(t, 400, "INVALID_ARGUMENT", c.msg)
		})
	}
	// llama supports dotproduct and 1024; sparse model fits the sparse index.
	b := e.do("PATCH", "/indexes/dot", `{"embed":{"model":"llama-text-embed-v2","field_map":{"text":"t"}}}`).must(t, http.StatusOK)
	wantField(t, b, "dotproduct", "embed", "metric")
	wantField(t, b, 1024, "embed", "write_parameters", "dimension")
	b = e.do("PATCH", "/indexes/sp", `{"embed":{"model":"pinecone-sparse-english-v0","field_map":{"text":"t"}}}`).must(t, http.StatusOK)
	wantField(t, b, "sparse", "embed", "vector_type")
	if has(b, "embed", "dimension") {
		t.Errorf("sparse embed has a dimension")
	}
	if has(e.do("GET", "/indexes/d3", "").must(t, http.StatusOK), "embed") {
		t.Errorf("rejected embed upgrade was applied")
	}
}

func TestModelCatalogue(t *testing.T) {
	for _, m := range embedModels {
		if m.Type != "embed" || (m.VectorType != vectorDense && m.VectorType != vectorSparse) {
			t.Errorf("%s: bad type/vector type", m.Name)
		}
		if !m.supportsMetric(m.DefaultMetric) {
			t.Errorf("%s: default metric %s not supported", m.Name, m.DefaultMetric)
		}
		if m.VectorType == vectorDense && !m.supportsDimension(m.DefaultDimension) {
			t.Errorf("%s: default dimension %d not supported", m.Name, m.DefaultDimension)
		}
		if m.VectorType == vectorSparse && (m.DefaultDimension != 0 || len(m.SupportedDimensions) != 0) {
			t.Errorf("%s: sparse model has dimensions", m.Name)
		}
		if p, ok := m.parameter("input_type"); !ok || !p.Required {
			t.Errorf("%s: input_type missing or not required", m.Name)
		}
		if p, ok := m.parameter("truncate"); !ok || p.Default != "END" {
			t.Errorf("%s: truncate default is not END", m.Name)
		}
	}
	if _, ok := lookupEmbedModel("multilingual-e5-large"); !ok {
		t.Error("multilingual-e5-large missing")
	}
	if _, ok := lookupEmbedModel("bge-reranker-v2-m3"); ok {
		t.Error("a rerank model is in the embed catalogue")
	}
}

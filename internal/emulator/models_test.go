package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"testing"
)

func TestCreateForModelDefaults(t *testing.T) {
	e := newEnv(t, Options{})
	// As go-pinecone v5.4.1 sends it: POST /indexes/create-for-model
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
	wantField(t, b, map[string]any{"input_type": "passage", "truncate": "END", "return_tokens": false}, "embed", "write_parameters")

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
		{"unknown cloud", `{"name":"m","cloud":"oci","region":"us-east-1","embed":{"model":"multilingual-e5-large","field_map":{"text":"t"}}}`, 404, "NOT_FOUND", "Resource cloud: oci region: us-east-1 not found."},
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
	var embed, rerank int
	for _, m := range defaultModels {
		if m.ShortDescription == "" || m.Modality != "text" || m.MaxSequenceLength <= 0 || m.MaxBatchSize <= 0 || m.ProviderName == "" {
			t.Errorf("%s: descriptive field missing", m.Name)
		}
		for _, p := range m.Parameters {
			if p.Default != nil && p.check("read_parameters", m.Name, jsonRoundTrip(t, p.Default)) != nil {
				t.Errorf("%s: default %v of %s fails its own check", m.Name, p.Default, p.Name)
			}
		}
		switch m.Type {
		case modelTypeRerank:
			rerank++
			if m.VectorType != "" || m.DefaultDimension != 0 || len(m.SupportedDimensions) != 0 || len(m.SupportedMetrics) != 0 || m.DefaultMetric != "" {
				t.Errorf("%s: rerank model has embedding properties", m.Name)
			}
			continue
		case modelTypeEmbed:
			embed++
		default:
			t.Errorf("%s: bad type %q", m.Name, m.Type)
			continue
		}
		if m.VectorType != vectorDense && m.VectorType != vectorSparse {
			t.Errorf("%s: bad vector type", m.Name)
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
	if embed != 3 || rerank != 3 {
		t.Errorf("catalogue has %d embed and %d rerank models, want 3 and 3", embed, rerank)
	}
	if _, err := defaultModels.embedModel("embed.model", "multilingual-e5-large"); err != nil {
		t.Errorf("multilingual-e5-large: %v", err)
	}
	if _, err := defaultModels.embedModel("embed.model", "bge-reranker-v2-m3"); err == nil {
		t.Error("a rerank model is accepted as an embedding model")
	}
}

// jsonRoundTrip returns v as encoding/json decodes it into an any (numbers
// become float64), the form request parameters take.
func jsonRoundTrip(t *testing.T, v any) any {
	t.Helper()
	raw, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	var out any
	if err := json.Unmarshal(raw, &out); err != nil {
		t.Fatal(err)
	}
	return out
}

// wantInvalid checks a 400 INVALID_ARGUMENT answer whose message holds
// every one of parts.
func (r response) wantInvalid(t *testing.T, parts ...string) {
	t.Helper()
	for _, p := range parts {
		r.wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", p)
	}
}

func forModel(name, embed string) string {
	return `{"name":"` + name + `","cloud":"aws","region":"us-east-1","embed":` + embed + `}`
}

const embedModelList = "Supported models: llama-text-embed-v2, multilingual-e5-large, pinecone-sparse-english-v0."

func TestCreateForModelCatalogueRejections(t *testing.T) {
	cases := []struct {
		name, embed string
		parts       []string
	}{
		{"rerank model", `{"model":"bge-reranker-v2-m3","field_map":{"text":"t"}}`,
			[]string{`"bge-reranker-v2-m3"`, "embed.model", "rerank model, not an embedding model", embedModelList}},
		{"other rerank model", `{"model":"cohere-rerank-3.5","field_map":{"text":"t"}}`,
			[]string{`"cohere-rerank-3.5"`, "embed.model", "rerank", embedModelList}},
		{"unknown model", `{"model":"text-embedding-3-small","field_map":{"text":"t"}}`,
			[]string{`"text-embedding-3-small"`, "embed.model", "not supported", embedModelList}},
		{"e5 dimension 768", `{"model":"multilingual-e5-large","dimension":768,"field_map":{"text":"t"}}`,
			[]string{"Dimension 768", "embed.dimension", "multilingual-e5-large", "Supported dimensions: 1024."}},
		{"llama dimension 1000", `{"model":"llama-text-embed-v2","dimension":1000,"field_map":{"text":"t"}}`,
			[]string{"Dimension 1000", "embed.dimension", "Supported dimensions: 384, 512, 768, 1024, 2048."}},
		{"e5 dotproduct", `{"model":"multilingual-e5-large","metric":"dotproduct","field_map":{"text":"t"}}`,
			[]string{`"dotproduct"`, "embed.metric", "Supported metrics: cosine, euclidean."}},
		{"llama euclidean", `{"model":"llama-text-embed-v2","metric":"euclidean","field_map":{"text":"t"}}`,
			[]string{`"euclidean"`, "embed.metric", "Supported metrics: cosine, dotproduct."}},
		{"sparse cosine", `{"model":"pinecone-sparse-english-v0","metric":"cosine","field_map":{"text":"t"}}`,
			[]string{`"cosine"`, "embed.metric", "Supported metrics: dotproduct."}},
		{"truncate BOTH", `{"model":"multilingual-e5-large","field_map":{"text":"t"},"read_parameters":{"truncate":"BOTH"}}`,
			[]string{`"truncate"`, `"BOTH"`, "embed.read_parameters", "multilingual-e5-large", "Allowed values: END, NONE."}},
		{"truncate START on e5 writes", `{"model":"multilingual-e5-large","field_map":{"text":"t"},"write_parameters":{"truncate":"START"}}`,
			[]string{`"truncate"`, `"START"`, "embed.write_parameters", "Allowed values: END, NONE."}},
		{"input_type document", `{"model":"llama-text-embed-v2","field_map":{"text":"t"},"write_parameters":{"input_type":"document"}}`,
			[]string{`"input_type"`, `"document"`, "embed.write_parameters", "Allowed values: query, passage."}},
		{"dimension parameter 100", `{"model":"llama-text-embed-v2","field_map":{"text":"t"},"read_parameters":{"dimension":100}}`,
			[]string{`"dimension"`, "100", "embed.read_parameters", "Allowed values: 384, 512, 768, 1024, 2048."}},
		{"dimension parameter as string", `{"model":"llama-text-embed-v2","field_map":{"text":"t"},"read_parameters":{"dimension":"1024"}}`,
			[]string{`"dimension"`, "expected an integer", "Allowed values: 384, 512, 768, 1024, 2048."}},
		{"truncate as number", `{"model":"multilingual-e5-large","field_map":{"text":"t"},"read_parameters":{"truncate":1}}`,
			[]string{`"truncate"`, "expected a string", "Allowed values: END, NONE."}},
		{"return_tokens string", `{"model":"pinecone-sparse-english-v0","field_map":{"text":"t"},"read_parameters":{"return_tokens":"yes"}}`,
			[]string{`"return_tokens"`, `"yes"`, "expected a boolean"}},
		{"unknown parameter", `{"model":"multilingual-e5-large","field_map":{"text":"t"},"read_parameters":{"temperature":1}}`,
			[]string{`"temperature"`, "embed.read_parameters", "multilingual-e5-large", "Supported parameters: input_type, truncate."}},
		{"parameter of another model", `{"model":"multilingual-e5-large","field_map":{"text":"t"},"write_parameters":{"return_tokens":true}}`,
			[]string{`"return_tokens"`, "embed.write_parameters", "Supported parameters: input_type, truncate."}},
	}
	e := newEnv(t, Options{})
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/indexes/create-for-model", forModel("m", c.embed)).wantInvalid(t, c.parts...)
		})
	}
	if n := len(e.do("GET", "/indexes", "").must(t, http.StatusOK)["indexes"].([]any)); n != 0 {
		t.Errorf("rejected creates left %d indexes", n)
	}
}

func TestCreateForModelCatalogueAcceptance(t *testing.T) {
	e := newEnv(t, Options{})
	cases := []struct {
		name, embed string
		dimension   any // nil: absent
		metric      string
		read, write map[string]any
	}{
		{"e5 euclidean truncate NONE", `{"model":"multilingual-e5-large","metric":"euclidean","dimension":1024,"field_map":{"text":"t"},"read_parameters":{"truncate":"NONE"}}`,
			1024, "euclidean",
			map[string]any{"input_type": "query", "truncate": "NONE"},
			map[string]any{"input_type": "passage", "truncate": "END"}},
		{"llama 2048 dotproduct", `{"model":"llama-text-embed-v2","metric":"dotproduct","dimension":2048,"field_map":{"text":"t"},"write_parameters":{"truncate":"START","dimension":2048}}`,
			2048, "dotproduct",
			map[string]any{"input_type": "query", "truncate": "END", "dimension": 2048},
			map[string]any{"input_type": "passage", "truncate": "START", "dimension": 2048}},
		{"llama 384 input_type swapped", `{"model":"llama-text-embed-v2","dimension":384,"field_map":{"text":"t"},"read_parameters":{"input_type":"passage"},"write_parameters":{"input_type":"query"}}`,
			384, "cosine",
			map[string]any{"input_type": "passage", "truncate": "END", "dimension": 384},
			map[string]any{"input_type": "query", "truncate": "END", "dimension": 384}},
		{"sparse return_tokens", `{"model":"pinecone-sparse-english-v0","metric":"dotproduct","field_map":{"text":"t"},"read_parameters":{"return_tokens":true,"truncate":"NONE"}}`,
			nil, "dotproduct",
			map[string]any{"input_type": "query", "truncate": "NONE", "return_tokens": true},
			map[string]any{"input_type": "passage", "truncate": "END", "return_tokens": false}},
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			name := fmt.Sprintf("ok-%c", 'a'+i)
			b := e.do("POST", "/indexes/create-for-model", forModel(name, c.embed)).must(t, http.StatusCreated)
			if c.dimension == nil {
				if has(b, "dimension") {
					t.Errorf("dimension = %v, want none", b["dimension"])
				}
			} else {
				wantField(t, b, c.dimension, "dimension")
			}
			wantField(t, b, c.metric, "metric")
			wantField(t, b, c.read, "embed", "read_parameters")
			wantField(t, b, c.write, "embed", "write_parameters")
		})
	}
}

func TestConfigureEmbedCatalogueRejections(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", `{"name":"plain","dimension":1024,"metric":"cosine","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.do("POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	cases := []struct {
		name, index, body string
		parts             []string
	}{
		{"rerank model", "plain", `{"embed":{"model":"pinecone-rerank-v0","field_map":{"text":"t"}}}`,
			[]string{`"pinecone-rerank-v0"`, "embed.model", "rerank model", embedModelList}},
		{"unknown model", "plain", `{"embed":{"model":"nope","field_map":{"text":"t"}}}`,
			[]string{`"nope"`, "embed.model", embedModelList}},
		{"bad value on upgrade", "plain", `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"t"},"read_parameters":{"truncate":"START"}}}`,
			[]string{`"truncate"`, `"START"`, "embed.read_parameters", "Allowed values: END, NONE."}},
		{"bad value on integrated", "m", `{"embed":{"write_parameters":{"input_type":"doc"}}}`,
			[]string{`"input_type"`, `"doc"`, "embed.write_parameters", "Allowed values: query, passage."}},
		{"unknown parameter on integrated", "m", `{"embed":{"read_parameters":{"dimension":1024}}}`,
			[]string{`"dimension"`, "embed.read_parameters", "Supported parameters: input_type, truncate."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("PATCH", "/indexes/"+c.index, c.body).wantInvalid(t, c.parts...)
		})
	}
	if has(e.do("GET", "/indexes/plain", "").must(t, http.StatusOK), "embed") {
		t.Error("a rejected embed upgrade was applied")
	}
	wantField(t, e.do("GET", "/indexes/m", "").must(t, http.StatusOK),
		map[string]any{"input_type": "query", "truncate": "END"}, "embed", "read_parameters")
}

// testModels is the real catalogue plus an embedding model with the kinds
// of parameter the real embedding models lack: a required one the server
// cannot fill and numeric ranges.
func testModels() modelCatalogue {
	cat := slices.Clone(defaultModels)
	return append(cat, hostedModel{
		Name:                "test-embed-v0",
		ShortDescription:    "Synthetic model for tests.",
		Type:                modelTypeEmbed,
		VectorType:          vectorDense,
		DefaultDimension:    8,
		SupportedDimensions: []int{8},
		SupportedMetrics:    []string{metricCosine},
		DefaultMetric:       metricCosine,
		Modality:            "text",
		MaxSequenceLength:   16,
		MaxBatchSize:        4,
		ProviderName:        "Emulator",
		Parameters: []modelParameter{
			inputTypeParam,
			{Name: "style", Type: paramOneOf, ValueType: valueString, Required: true, AllowedValues: []any{"plain", "rich"}},
			{Name: "temperature", Type: paramNumericRange, ValueType: valueFloat, Min: bound(0), Max: bound(1), Default: 0.5},
			{Name: "top_k", Type: paramNumericRange, ValueType: valueInteger, Min: bound(1), Max: bound(10)},
		},
	})
}

// newEnvWithModels is newEnv with a Server serving models. The catalogue is
// set before the test server starts, so handlers see it without a race.
func newEnvWithModels(t *testing.T, models modelCatalogue) *testEnv {
	t.Helper()
	clock := newFakeClock()
	srv := New(Options{Now: clock.Now})
	srv.models = models
	ts := newHTTPTestServer(t, srv)
	return &testEnv{t: t, srv: srv, ts: ts, clock: clock}
}

func TestEmbedRequiredAndRangeParameters(t *testing.T) {
	e := newEnvWithModels(t, testModels())
	both := `"read_parameters":{"style":"plain"},"write_parameters":{"style":"rich"}`
	cases := []struct {
		name, embed string
		parts       []string
	}{
		{"required missing on reads", `{"model":"test-embed-v0","field_map":{"text":"t"}}`,
			[]string{`"style"`, "embed.read_parameters", "required by model test-embed-v0", "Allowed values: plain, rich."}},
		{"required missing on writes", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain"}}`,
			[]string{`"style"`, "embed.write_parameters", "required", "Allowed values: plain, rich."}},
		{"required with a bad value", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"bold"},"write_parameters":{"style":"rich"}}`,
			[]string{`"style"`, `"bold"`, "Allowed values: plain, rich."}},
		{"float above max", `{"model":"test-embed-v0","field_map":{"text":"t"},` + both[:len(both)-1] + `,"temperature":1.5}}`,
			[]string{`"temperature"`, "1.5", "embed.write_parameters", "out of range", "Allowed range: 0 to 1."}},
		{"float below min", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain","temperature":-0.25},"write_parameters":{"style":"rich"}}`,
			[]string{`"temperature"`, "-0.25", "embed.read_parameters", "out of range", "Allowed range: 0 to 1."}},
		{"float as string", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain","temperature":"hot"},"write_parameters":{"style":"rich"}}`,
			[]string{`"temperature"`, "expected a number", "Allowed range: 0 to 1."}},
		{"integer above max", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain","top_k":11},"write_parameters":{"style":"rich"}}`,
			[]string{`"top_k"`, "11", "out of range", "Allowed range: 1 to 10."}},
		{"integer below min", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain","top_k":0},"write_parameters":{"style":"rich"}}`,
			[]string{`"top_k"`, "out of range", "Allowed range: 1 to 10."}},
		{"integer not whole", `{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain","top_k":2.5},"write_parameters":{"style":"rich"}}`,
			[]string{`"top_k"`, "2.5", "expected an integer", "Allowed range: 1 to 10."}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/indexes/create-for-model", forModel("x", c.embed)).wantInvalid(t, c.parts...)
		})
	}

	// The bounds are inclusive; the server fills input_type and the
	// temperature default, and leaves top_k out when it is not sent.
	b := e.do("POST", "/indexes/create-for-model", forModel("x", `{"model":"test-embed-v0","field_map":{"text":"t"},
		"read_parameters":{"style":"plain","temperature":0,"top_k":1},"write_parameters":{"style":"rich","temperature":1,"top_k":10}}`)).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"input_type": "query", "style": "plain", "temperature": 0, "top_k": 1}, "embed", "read_parameters")
	wantField(t, b, map[string]any{"input_type": "passage", "style": "rich", "temperature": 1, "top_k": 10}, "embed", "write_parameters")
	b = e.do("POST", "/indexes/create-for-model", forModel("y", `{"model":"test-embed-v0","field_map":{"text":"t"},`+both+`}`)).must(t, http.StatusCreated)
	wantField(t, b, map[string]any{"input_type": "passage", "style": "rich", "temperature": 0.5}, "embed", "write_parameters")

	// PATCH replaces a side's parameters, so the required one must be sent
	// again; the same rules apply to an upgrade.
	e.do("PATCH", "/indexes/y", `{"embed":{"read_parameters":{"temperature":0.1}}}`).
		wantInvalid(t, `"style"`, "embed.read_parameters", "required", "Allowed values: plain, rich.")
	e.do("PATCH", "/indexes/y", `{"embed":{"write_parameters":{"style":"rich","top_k":99}}}`).
		wantInvalid(t, `"top_k"`, "out of range", "Allowed range: 1 to 10.")
	b = e.do("PATCH", "/indexes/y", `{"embed":{"read_parameters":{"style":"rich","temperature":0.1}}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"input_type": "query", "style": "rich", "temperature": 0.1}, "embed", "read_parameters")
	e.do("POST", "/indexes", `{"name":"d8","dimension":8,"metric":"cosine","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	e.do("PATCH", "/indexes/d8", `{"embed":{"model":"test-embed-v0","field_map":{"text":"t"},"read_parameters":{"style":"plain"}}}`).
		wantInvalid(t, `"style"`, "embed.write_parameters", "required")

	// The synthetic model is listed like any other, with min and max.
	got := e.do("GET", "/models/test-embed-v0", "").must(t, http.StatusOK)
	params, _ := got["supported_parameters"].([]any)
	if len(params) != 4 || !jsonEqual(params[2], map[string]any{"parameter": "temperature", "type": "numeric_range", "value_type": "float",
		"required": false, "min": 0, "max": 1, "default": 0.5}) {
		t.Errorf("supported_parameters = %v", params)
	}
}

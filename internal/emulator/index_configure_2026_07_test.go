package emulator

import (
	"net/http"
	"testing"
	"time"
)

// PATCH /indexes/{index_name} at 2026-07 (spec db_control_2026-07.oas.yaml
// configure_index, ConfigureIndexRequest, ReadCapacityPatch,
// PatchIndexSchema). The answer is a 2026-07 IndexModel with 200, and the
// transitions are those of the 2026-04 PATCH.

func (e *testEnv) patch07(name, body string) response {
	e.t.Helper()
	return e.at(apiVersion2026_07, "PATCH", "/indexes/"+name, body)
}

func TestConfigure07ReadCapacityTagsProtection(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: 5 * time.Second})
	e.at(apiVersion2026_07, "POST", "/indexes", `{"name":"s","tags":{"a":"1","b":"2"},"schema":{"fields":{"e":{"type":"dense_vector","dimension":4,"metric":"cosine"}}}}`).
		must(t, http.StatusCreated)

	r := e.patch07("s", `{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}}},
		"tags":{"a":"","c":"3"},"deletion_protection":"enabled"}`)
	b := r.must(t, http.StatusOK)
	wantField(t, b, map[string]any{
		"mode":      "Dedicated",
		"dedicated": map[string]any{"node_type": "t1", "scaling": "Manual", "manual": map[string]any{"replicas": 2, "shards": 1}},
		"status":    map[string]any{"state": "Migrating"},
	}, "read_capacity")
	wantState(t, b, "Ready", true)
	wantField(t, b, map[string]any{"b": "2", "c": "3"}, "tags")
	wantField(t, b, "enabled", "deletion_protection")
	if has(b, "spec") || !has(b, "deployment") {
		t.Errorf("PATCH answer is not a 2026-07 IndexModel: %s", r.raw)
	}

	// A later patch sends only what changes; the rest keeps its value.
	e.clock.Advance(5 * time.Second)
	b = e.patch07("s", `{"read_capacity":{"mode":"Dedicated","dedicated":{"scaling":"Manual","manual":{"replicas":3}}}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"node_type": "t1", "scaling": "Manual", "manual": map[string]any{"replicas": 3, "shards": 1}}, "read_capacity", "dedicated")
	wantField(t, b, map[string]any{"state": "Scaling", "current_replicas": 2, "current_shards": 1}, "read_capacity", "status")
	e.clock.Advance(5 * time.Second)
	b = e.patch07("s", `{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1"}}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"node_type": "b1", "scaling": "Manual", "manual": map[string]any{"replicas": 3, "shards": 1}}, "read_capacity", "dedicated")
	wantField(t, b, "Migrating", "read_capacity", "status", "state")

	// Removing the last tags leaves null; 2026-04 sees the same index.
	b = e.patch07("s", `{"tags":{"b":"","c":""}}`).must(t, http.StatusOK)
	if !has(b, "tags") || b["tags"] != nil {
		t.Errorf("tags = %v, want null", b["tags"])
	}
	old := e.at(v2026_04, "GET", "/indexes/s", "").must(t, http.StatusOK)
	wantField(t, old, "b1", "spec", "serverless", "read_capacity", "dedicated", "node_type")
	wantField(t, old, "enabled", "deletion_protection")

	// Back to OnDemand.
	e.clock.Advance(5 * time.Second)
	wantField(t, e.patch07("s", `{"read_capacity":{"mode":"OnDemand"}}`).must(t, http.StatusOK), "OnDemand", "read_capacity", "mode")
}

func TestConfigure07ReadCapacityRules(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.at(v2026_04, "POST", "/indexes", `{"name":"b","dimension":3,"spec":{"byoc":{"environment":"e1","read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"b1","scaling":"Manual"}}}}}`).
		must(t, http.StatusCreated)
	e.at(v2026_04, "POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	cases := []struct{ name, body, msg string }{
		{"s", `{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1"}}}`, "moving index s from OnDemand to Dedicated needs node_type, scaling and manual"},
		{"s", `{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual"}}}`, "scaling requires manual"},
		{"b", `{"read_capacity":{"mode":"Dedicated","dedicated":{"manual":{"replicas":2}}}}`, "manual requires scaling: Manual"},
		{"b", `{"read_capacity":{"mode":"OnDemand"}}`, "BYOC indexes do not support OnDemand read capacity"},
		{"b", `{"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"z1"}}}`, `invalid node_type "z1"`},
		{"b", `{"read_capacity":{"mode":"Dedicated","dedicated":{"scaling":"Auto","manual":{"replicas":1}}}}`, `invalid scaling "Auto"`},
		{"b", `{"read_capacity":{"mode":"Dedicated","dedicated":{"scaling":"Manual","manual":{"shards":0}}}}`, "shards must be 1 or greater"},
		{"b", `{"read_capacity":{"mode":"Dedicated"}}`, "mode Dedicated requires a dedicated configuration"},
		{"p", `{"read_capacity":{"mode":"OnDemand"}}`, "read_capacity applies to managed and byoc indexes; p is a pod-based index."},
	}
	for _, c := range cases {
		e.patch07(c.name, c.body).wantError(t, http.StatusBadRequest, codeInvalidArgument, c.msg)
	}
	e.patch07("s", `{"read_capacity":{}}`).wantError(t, http.StatusUnprocessableEntity, codeUnprocessable, "missing field `mode`")
	// BYOC can change within Dedicated.
	wantField(t, e.patch07("b", `{"read_capacity":{"mode":"Dedicated","dedicated":{"scaling":"Manual","manual":{"replicas":0}}}}`).must(t, http.StatusOK),
		0, "read_capacity", "dedicated", "manual", "replicas")
}

func TestConfigure07PodDeployment(t *testing.T) {
	e := newEnv(t, Options{ScalingDelay: 5 * time.Second})
	e.at(v2026_04, "POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	b := e.patch07("p", `{"deployment":{"replicas":3}}`).must(t, http.StatusOK)
	wantField(t, b, map[string]any{"deployment_type": "pod", "environment": "us-east-1-aws", "pod_type": "p1.x1", "replicas": 3, "shards": 1}, "deployment")
	wantState(t, b, "ScalingUp", true)
	e.clock.Advance(5 * time.Second)
	b = e.patch07("p", `{"deployment":{"pod_type":"p1.x2"}}`).must(t, http.StatusOK)
	wantState(t, b, "ScalingUpPodSize", true)
	wantField(t, b, "p1.x2", "deployment", "pod_type")
	wantField(t, e.at(v2025_10, "GET", "/indexes/p", "").must(t, http.StatusOK), 3, "spec", "pod", "pods")

	e.patch07("p", `{"deployment":{"pod_type":"p1.x1"}}`).wantError(t, http.StatusBadRequest, codeInvalidArgument, "Cannot scale down")
	e.patch07("p", `{"deployment":{"replicas":0}}`).wantError(t, http.StatusBadRequest, codeInvalidArgument, "deployment.replicas must be 1 or greater, got 0.")
	e.patch07("p", `{"deployment":{"deployment_type":"pod","replicas":2}}`).wantError(t, http.StatusBadRequest, codeInvalidArgument, "deployment.deployment_type is not accepted")

	e.at(v2026_04, "POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.patch07("s", `{"deployment":{"replicas":2}}`).wantError(t, http.StatusBadRequest, codeInvalidArgument, "deployment can only be changed on pod-based indexes")

	// The project's pod quota applies as at 2026-04.
	e.patch07("p", `{"deployment":{"replicas":60}}`).wantError(t, http.StatusForbidden, codeQuotaExceeded, "exceeds the project quota")
}

func TestConfigure07SemanticText(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	b := e.patch07("m", `{"schema":{"fields":{"chunk_text":{"type":"semantic_text","model":"multilingual-e5-large","read_parameters":{"input_type":"query","truncate":"NONE"}}}}}`).
		must(t, http.StatusOK)
	wantField(t, b, map[string]any{"input_type": "query", "truncate": "NONE"}, "schema", "fields", "chunk_text", "read_parameters")
	wantField(t, b, map[string]any{"input_type": "passage", "truncate": "END"}, "schema", "fields", "chunk_text", "write_parameters")
	// 2026-04 sees the change in embed.
	wantField(t, e.at(v2026_04, "GET", "/indexes/m", "").must(t, http.StatusOK), "NONE", "embed", "read_parameters", "truncate")

	cases := []struct{ body, msg string }{
		{`{"schema":{"fields":{"chunk_text":{"type":"semantic_text","model":"llama-text-embed-v2"}}}}`, "Cannot change the embedding model of index m from multilingual-e5-large to llama-text-embed-v2."},
		{`{"schema":{"fields":{"body":{"type":"semantic_text","read_parameters":{"truncate":"END"}}}}}`, `Index m has no semantic_text field "body"; its semantic_text field is "chunk_text".`},
		{`{"schema":{"fields":{"chunk_text":{"type":"string"}}}}`, "only semantic_text fields can be changed"},
		{`{"schema":{"fields":{"chunk_text":{"type":"semantic_text"},"other":{"type":"semantic_text"}}}}`, "exactly one semantic_text field per request, got 2"},
		{`{"schema":{"fields":{}}}`, "exactly one semantic_text field per request, got 0"},
		{`{"schema":{"fields":{"chunk_text":{"type":"semantic_text","read_parameters":{"truncate":"MIDDLE"}}}}}`, "truncate"},
	}
	for _, c := range cases {
		e.patch07("m", c.body).wantError(t, http.StatusBadRequest, codeInvalidArgument, c.msg)
	}
	e.patch07("m", `{"schema":{"fields":{"chunk_text":{}}}}`).wantError(t, http.StatusUnprocessableEntity, codeUnprocessable, "missing field `type`")

	// Indexes without a semantic_text field cannot get one.
	e.at(v2026_04, "POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.patch07("s", `{"schema":{"fields":{"_values":{"type":"semantic_text","model":"multilingual-e5-large"}}}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Index s has no semantic_text field")
	e.at(apiVersion2026_07, "POST", "/indexes", bodyDocumentIndex).must(t, http.StatusCreated)
	e.patch07("articles", `{"schema":{"fields":{"body":{"type":"semantic_text"}}}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Index articles has no semantic_text field")
	// Nor through the 2026-04 embed.
	e.at(v2026_04, "PATCH", "/indexes/articles", `{"embed":{"model":"llama-text-embed-v2","field_map":{"text":"body"}}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "has a document schema")
}

// spec and embed are 2026-04 keys; a 2026-07 PATCH refuses them and says so.
func TestConfigure07LegacyKeys(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.patch07("s", `{"spec":{"serverless":{"read_capacity":{"mode":"OnDemand"}}}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Field `spec` is not part of API version 2026-07")
	e.patch07("s", `{"embed":{"model":"multilingual-e5-large"}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Field `embed` is not part of API version 2026-07")
	// The Go SDK's "spec": null stays harmless.
	e.patch07("s", `{"spec":null,"tags":{}}`).must(t, http.StatusOK)
	// Shared checks and order: 404 for an unknown index after the body's 400s.
	e.patch07("nope", `{"deletion_protection":"maybe"}`).wantError(t, http.StatusBadRequest, codeInvalidArgument, "Invalid deletion_protection")
	e.patch07("nope", `{}`).wantError(t, http.StatusNotFound, codeNotFound, "Index nope not found.")
}

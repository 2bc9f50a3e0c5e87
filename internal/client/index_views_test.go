package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"reflect"
	"testing"
)

// renderingPair is one index as API 2026-04 and as API 2026-07 render it
// (hand-written after the 2026-04 OpenAPI examples and the 2026-07 models of
// the TypeScript client 9.0.0).
type renderingPair struct {
	name   string
	legacy string
	v07    string
}

const statusReady = `"status":{"ready":true,"state":"Ready"}`

func renderingPairs() []renderingPair {
	return []renderingPair{
		{
			name: "serverless dense with metadata schema",
			legacy: `{"name":"movies","dimension":1536,"metric":"cosine","host":"movies-c01b5b5.svc.us-east1-gcp.pinecone.io",` +
				`"deletion_protection":"enabled","tags":{"env":"prod"},"vector_type":"dense",` + statusReady + `,` +
				`"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},` +
				`"schema":{"fields":{"genre":{"filterable":true},"year":{"filterable":true}}}}}}`,
			v07: `{"name":"movies","host":"movies-c01b5b5.svc.us-east1-gcp.pinecone.io","deletion_protection":"enabled","tags":{"env":"prod"},` +
				statusReady + `,"deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},` +
				`"read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},` +
				`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":1536,"metric":"cosine"},` +
				`"_sparse_values":{"type":"sparse_vector"},"genre":{"filterable":true},"year":{"filterable":true}}}}`,
		},
		{
			name: "serverless sparse",
			legacy: `{"name":"sp","metric":"dotproduct","host":"sp-1a2b3c4.svc.us-east1-gcp.pinecone.io","vector_type":"sparse",` + statusReady + `,` +
				`"spec":{"serverless":{"cloud":"gcp","region":"europe-west4","read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}}}}}`,
			v07: `{"name":"sp","host":"sp-1a2b3c4.svc.us-east1-gcp.pinecone.io",` + statusReady + `,` +
				`"deployment":{"deployment_type":"managed","cloud":"gcp","region":"europe-west4"},` +
				`"read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},"schema":{"fields":{"_sparse_values":{"type":"sparse_vector"}}}}`,
		},
		{
			name: "integrated dense model",
			legacy: `{"name":"m","dimension":1024,"metric":"cosine","host":"m-abc1234.svc.aped-4627-b74a.pinecone.io","vector_type":"dense",` + statusReady + `,` +
				`"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}}}},` +
				`"embed":{"model":"multilingual-e5-large","metric":"cosine","dimension":1024,"vector_type":"dense","field_map":{"text":"chunk_text"},` +
				`"read_parameters":{"input_type":"query","truncate":"END"},"write_parameters":{"input_type":"passage","truncate":"END"}}}`,
			v07: `{"name":"m","host":"m-abc1234.svc.aped-4627-b74a.pinecone.io",` + statusReady + `,` +
				`"deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},` +
				`"read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},` +
				`"schema":{"fields":{"chunk_text":{"type":"semantic_text","model":"multilingual-e5-large","dimension":1024,"metric":"cosine",` +
				`"read_parameters":{"input_type":"query","truncate":"END"},"write_parameters":{"input_type":"passage","truncate":"END"}}}}}`,
		},
		{
			name: "integrated sparse model with metadata schema",
			legacy: `{"name":"ms","metric":"dotproduct","host":"ms-abc1234.svc.aped-4627-b74a.pinecone.io","vector_type":"sparse",` + statusReady + `,` +
				`"spec":{"serverless":{"cloud":"aws","region":"us-east-1","read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},` +
				`"schema":{"fields":{"category":{"filterable":true}}}}},` +
				`"embed":{"model":"pinecone-sparse-english-v0","metric":"dotproduct","vector_type":"sparse","field_map":{"text":"body"},` +
				`"write_parameters":{"input_type":"passage","max_tokens_per_sequence":512}}}`,
			v07: `{"name":"ms","host":"ms-abc1234.svc.aped-4627-b74a.pinecone.io",` + statusReady + `,` +
				`"deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},` +
				`"read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},` +
				`"schema":{"fields":{"body":{"type":"semantic_text","model":"pinecone-sparse-english-v0","dimension":null,"metric":"dotproduct",` +
				`"description":null,"read_parameters":null,"write_parameters":{"input_type":"passage","max_tokens_per_sequence":512}},` +
				`"category":{"filterable":true}}}}`,
		},
		{
			name: "pod with metadata_config from a collection",
			legacy: `{"name":"p","dimension":8,"metric":"euclidean","host":"p-abc1234.svc.us-west1-gcp.pinecone.io","vector_type":"dense",` +
				`"deletion_protection":"disabled",` + statusReady + `,` +
				`"spec":{"pod":{"environment":"us-west1-gcp","pod_type":"p1.x2","pods":4,"replicas":2,"shards":2,` +
				`"metadata_config":{"indexed":["genre","year"]},"source_collection":"movies-2024"}}}`,
			v07: `{"name":"p","host":"p-abc1234.svc.us-west1-gcp.pinecone.io","deletion_protection":"disabled",` + statusReady + `,` +
				`"deployment":{"deployment_type":"pod","environment":"us-west1-gcp","pod_type":"p1.x2","replicas":2,"shards":2},` +
				`"source_collection":"movies-2024",` +
				`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":8,"metric":"euclidean"},"_sparse_values":{"type":"sparse_vector"},` +
				`"year":{"filterable":true},"genre":{"filterable":true}}}}`,
		},
		{
			name: "byoc with dedicated read capacity",
			legacy: `{"name":"b","dimension":3,"metric":"dotproduct","host":"b-abc1234.svc.aws-us-east-1-b921.pinecone.io","vector_type":"dense",` +
				statusReady + `,"spec":{"byoc":{"environment":"aws-us-east-1-b921","read_capacity":{"mode":"Dedicated",` +
				`"dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}},` +
				`"status":{"state":"Scaling","current_replicas":1,"current_shards":1}}}}}`,
			v07: `{"name":"b","host":"b-abc1234.svc.aws-us-east-1-b921.pinecone.io",` + statusReady + `,` +
				`"deployment":{"deployment_type":"byoc","environment":"aws-us-east-1-b921"},` +
				`"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}},` +
				`"status":{"state":"Scaling","current_replicas":1,"current_shards":1}},` +
				`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"dotproduct"},"_sparse_values":{"type":"sparse_vector"}}}}`,
		},
	}
}

func decodeIndex(t *testing.T, body string) *IndexModel {
	t.Helper()
	var ix IndexModel
	if err := json.Unmarshal([]byte(body), &ix); err != nil {
		t.Fatalf("decoding %s: %v", body, err)
	}
	return &ix
}

func normalizedIndex(t *testing.T, body string) *IndexModel {
	t.Helper()
	ix := decodeIndex(t, body)
	ix.normalize()
	return ix
}

// view07 keeps the 2026-07 view and the fields common to both renderings.
func view07(ix *IndexModel) *IndexModel {
	return &IndexModel{
		Deployment: ix.Deployment, Schema: ix.Schema, ReadCapacity: ix.ReadCapacity,
		SourceCollection: ix.SourceCollection, SourceBackupID: ix.SourceBackupID, CmekID: ix.CmekID,
		Name: ix.Name, Host: ix.Host, PrivateHost: ix.PrivateHost, DeletionProtection: ix.DeletionProtection,
		Tags: ix.Tags, Status: ix.Status,
	}
}

// viewLegacy keeps the legacy view and the fields common to both.
func viewLegacy(ix *IndexModel) *IndexModel {
	return &IndexModel{
		Dimension: ix.Dimension, Metric: ix.Metric, VectorType: ix.VectorType, Embed: ix.Embed, Spec: ix.Spec,
		Name: ix.Name, Host: ix.Host, PrivateHost: ix.PrivateHost, DeletionProtection: ix.DeletionProtection,
		Tags: ix.Tags, Status: ix.Status,
	}
}

func jsonOf(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// Both renderings of one index normalize to the same model: each fills in
// exactly the view the other sent.
func TestNormalizeBothDirections(t *testing.T) {
	for _, p := range renderingPairs() {
		t.Run(p.name, func(t *testing.T) {
			fromLegacy := normalizedIndex(t, p.legacy)
			from07 := normalizedIndex(t, p.v07)
			if !reflect.DeepEqual(viewLegacy(from07), viewLegacy(decodeIndex(t, p.legacy))) {
				t.Errorf("legacy view derived from 2026-07\n got: %s\nwant: %s", jsonOf(viewLegacy(from07)), jsonOf(viewLegacy(decodeIndex(t, p.legacy))))
			}
			if !reflect.DeepEqual(view07(fromLegacy), view07(decodeIndex(t, p.v07))) {
				t.Errorf("2026-07 view derived from legacy\n got: %s\nwant: %s", jsonOf(view07(fromLegacy)), jsonOf(view07(decodeIndex(t, p.v07))))
			}
			if !reflect.DeepEqual(fromLegacy, from07) {
				t.Errorf("normalized models differ\nfrom legacy: %s\nfrom 07:     %s", jsonOf(fromLegacy), jsonOf(from07))
			}
		})
	}
}

// legacy → 07 → legacy and 07 → legacy → 07 give back what they started from.
func TestNormalizeRoundTrips(t *testing.T) {
	for _, p := range renderingPairs() {
		t.Run(p.name, func(t *testing.T) {
			start := normalizedIndex(t, p.legacy)
			back := view07(start)
			back.normalize()
			if !reflect.DeepEqual(viewLegacy(back), viewLegacy(start)) {
				t.Errorf("legacy→07→legacy\n got: %s\nwant: %s", jsonOf(viewLegacy(back)), jsonOf(viewLegacy(start)))
			}
			start = normalizedIndex(t, p.v07)
			back = viewLegacy(start)
			back.normalize()
			if !reflect.DeepEqual(view07(back), view07(start)) {
				t.Errorf("07→legacy→07\n got: %s\nwant: %s", jsonOf(view07(back)), jsonOf(view07(start)))
			}
		})
	}
}

// A document index has no legacy dimension, metric, vector type or embed;
// its spec still tells where it runs and its read capacity.
func TestNormalizeDocumentIndex(t *testing.T) {
	ix := normalizedIndex(t, document07)
	if ix.Dimension != nil || ix.Metric != "" || ix.VectorType != "" || ix.Embed != nil {
		t.Errorf("document index got a legacy vector view: dimension %v, metric %q, vector type %q, embed %+v",
			ix.Dimension, ix.Metric, ix.VectorType, ix.Embed)
	}
	want := IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1", ReadCapacity: ix.ReadCapacity}}
	if !reflect.DeepEqual(ix.Spec, want) || ix.ReadCapacity == nil || ix.ReadCapacity.Mode != ReadCapacityOnDemand {
		t.Errorf("spec = %s, want %s", jsonOf(ix.Spec), jsonOf(want))
	}
	title := ix.Schema.Fields["title"]
	if title.Type != FieldString || title.Filterable == nil || !*title.Filterable || title.FullTextSearch == nil ||
		title.FullTextSearch.Stemming == nil || !*title.FullTextSearch.Stemming || title.Description != nil {
		t.Errorf("title field decoded wrongly: %s", jsonOf(title))
	}

	byoc := normalizedIndex(t, `{"name":"d","host":"h",`+statusReady+`,"deployment":{"deployment_type":"byoc","environment":"aws-us-east-1-b921"},`+
		`"read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},"schema":{"fields":{"kw":{"type":"sparse_vector"},`+
		`"title":{"type":"string","full_text_search":{"language":"en","stemming":false,"stop_words":false}}}}}`)
	if byoc.Spec.BYOC == nil || byoc.Spec.BYOC.Environment != "aws-us-east-1-b921" || byoc.Spec.BYOC.ReadCapacity != byoc.ReadCapacity ||
		byoc.Spec.BYOC.Schema != nil || byoc.VectorType != "" || byoc.Metric != "" {
		t.Errorf("byoc document index: %s", jsonOf(byoc))
	}
}

// An answer with both views (or neither) is left as the server sent it.
func TestNormalizeLeavesCompleteAndEmptyAnswers(t *testing.T) {
	both := decodeIndex(t, renderingPairs()[0].legacy)
	both.Deployment = &IndexDeployment{DeploymentType: DeploymentManaged, Cloud: "gcp", Region: "x"}
	before := jsonOf(both)
	both.normalize()
	if got := jsonOf(both); got != before {
		t.Errorf("normalize changed an answer with both views:\n got: %s\nwant: %s", got, before)
	}
	empty := decodeIndex(t, `{"name":"x",`+statusReady+`}`)
	empty.normalize()
	if empty.Deployment != nil || empty.Schema != nil || !empty.Spec.isEmpty() {
		t.Errorf("normalize invented views: %s", jsonOf(empty))
	}
}

// Pods default to one replica and one shard; no filterable field means no
// metadata_config.
func TestNormalizePodDefaults(t *testing.T) {
	ix := normalizedIndex(t, `{"name":"p","host":"h",`+statusReady+`,"deployment":{"deployment_type":"pod","environment":"e","pod_type":"s1.x1","shards":3},`+
		`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"},"_sparse_values":{"type":"sparse_vector"}}}}`)
	pod := ix.Spec.Pod
	if pod == nil || pod.Pods == nil || *pod.Pods != 3 || pod.Replicas != nil || *pod.Shards != 3 || pod.MetadataConfig != nil {
		t.Errorf("pod spec = %s", jsonOf(pod))
	}
	if ix.ReadCapacity != nil || ix.readCapacity() != nil {
		t.Errorf("pod index got a read capacity: %s", jsonOf(ix.ReadCapacity))
	}
}

// IsReady and WantsDisabled read the top-level read capacity, so an index
// described only in the 2026-07 shape (or built by hand that way) works.
func TestReadinessUsesTopLevelReadCapacity(t *testing.T) {
	paused := func(state string, ready bool, replicas int32) *IndexModel {
		return &IndexModel{
			Status: IndexStatus{Ready: ready, State: state},
			ReadCapacity: &ReadCapacity{Mode: ReadCapacityDedicated,
				Dedicated: &DedicatedReadCapacity{NodeType: "t1", Scaling: "Manual", Manual: &ManualScaling{Replicas: replicas, Shards: 1}},
				Status:    &ReadCapacityStatus{State: ReadCapacityReady}},
		}
	}
	if ix := paused(IndexStateDisabled, false, 0); !WantsDisabled(ix) || !IsReady(ix) {
		t.Errorf("paused 2026-07 index: WantsDisabled %v, IsReady %v; want true, true", WantsDisabled(ix), IsReady(ix))
	}
	if ix := paused(IndexStateReady, true, 0); IsReady(ix) {
		t.Error("pausing 2026-07 index reported ready")
	}
	scaling := normalizedIndex(t, renderingPairs()[5].v07)
	if IsReady(scaling) {
		t.Error("byoc index whose read capacity is Scaling reported ready")
	}
}

func TestWaitForIndexReadyOn2026_07Answers(t *testing.T) {
	scaling := renderingPairs()[5].v07
	ready := `{"name":"b","host":"h",` + statusReady + `,"deployment":{"deployment_type":"byoc","environment":"e"},` +
		`"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":1}},"status":{"state":"Ready"}},` +
		`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"dotproduct"}}}}`
	api := newFakeAPI(t, sequence(scaling, scaling, ready))
	c := newTestClient(t, api.URL())
	ix, err := c.WaitForIndexReady(boundedCtx(t), "b")
	if err != nil {
		t.Fatalf("WaitForIndexReady: %v", err)
	}
	if api.count() != 3 || ix.Spec.BYOC == nil || ix.Spec.BYOC.Environment != "e" || *ix.Dimension != 3 {
		t.Errorf("after %d describes: %s", api.count(), jsonOf(ix))
	}

	failed := `{"name":"f","host":"h","status":{"ready":false,"state":"Failed"},"deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},` +
		`"schema":{"fields":{"_sparse_values":{"type":"sparse_vector"}}}}`
	api = newFakeAPI(t, sequence(failed))
	c = newTestClient(t, api.URL())
	_, err = c.WaitForIndexReady(boundedCtx(t), "f")
	var fe *IndexFailedError
	if !errors.As(err, &fe) || fe.State != IndexStateFailed {
		t.Errorf("err = %v, want an IndexFailedError for Failed", err)
	}
}

// Every call that answers with an index normalizes it.
func TestIndexAnswersAreNormalized(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/indexes":
			reply(w, 200, `{"indexes":[`+pod07+`,`+document07+`]}`)
		default:
			reply(w, 200, pod07)
		}
	})
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	list, err := c.ListIndexes(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 || list[0].Spec.Pod == nil || *list[0].Spec.Pod.Pods != 1 || list[1].Spec.Serverless == nil {
		t.Errorf("listed indexes not normalized: %s", jsonOf(list))
	}
	calls := map[string]func() (*IndexModel, error){
		"DescribeIndex": func() (*IndexModel, error) { return c.DescribeIndex(ctx, "p") },
		"CreateIndex": func() (*IndexModel, error) {
			return c.CreateIndex(ctx, CreateIndexRequest{Name: "p", Dimension: ptr[int32](3), Spec: IndexSpec{Pod: &PodSpec{Environment: "us-east-1-aws", PodType: "p1.x1"}}})
		},
		"CreateSchemaIndex": func() (*IndexModel, error) {
			return c.CreateSchemaIndex(ctx, CreateSchemaIndexRequest{Name: "p", Schema: IndexSchema{Fields: map[string]SchemaField{"_values": {Type: FieldDenseVector}}}})
		},
		"CreateIndexForModel": func() (*IndexModel, error) { return c.CreateIndexForModel(ctx, CreateIndexForModelRequest{Name: "p"}) },
		"ConfigureIndex": func() (*IndexModel, error) {
			return c.ConfigureIndex(ctx, "p", ConfigureIndexRequest{DeletionProtection: "enabled"})
		},
	}
	for name, call := range calls {
		ix, err := call()
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if ix.Spec.Pod == nil || ix.Spec.Pod.Environment != "us-east-1-aws" || ix.Dimension == nil || *ix.Dimension != 3 ||
			ix.Metric != "cosine" || ix.VectorType != VectorTypeDense {
			t.Errorf("%s: answer not normalized: %s", name, jsonOf(ix))
		}
	}
}

func TestCreateSchemaIndexNeeds2026_07(t *testing.T) {
	for _, version := range []string{"2026-04", "2025-10"} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 201, document07) })
		c := newTestClient(t, api.URL(), func(o *Options) { o.APIVersion = version })
		_, err := c.CreateSchemaIndex(t.Context(), CreateSchemaIndexRequest{Name: "docs"})
		var ve *APIVersionError
		if !errors.Is(err, ErrUnsupportedAPIVersion) || !errors.As(err, &ve) || ve.Configured != version || ve.Required != "2026-07" {
			t.Errorf("%s: err = %v, want an APIVersionError", version, err)
		}
		if api.count() != 0 {
			t.Errorf("%s: %d requests sent", version, api.count())
		}
	}
}

// CreateSchemaIndex is retry-safe like CreateIndex: a 409 after an uncertain
// attempt is flagged as possibly our own.
func TestCreateSchemaIndexRetrySafe(t *testing.T) {
	api := newFakeAPI(t, scripted(503, 409))
	c := newTestClient(t, api.URL())
	_, err := c.CreateSchemaIndex(t.Context(), CreateSchemaIndexRequest{Name: "docs", Schema: IndexSchema{Fields: map[string]SchemaField{}}})
	if !IsOwnRetriedCreate(err) || api.count() != 2 {
		t.Errorf("err = %v after %d requests, want an own retried create after 2", err, api.count())
	}
}

// A top-level read capacity in a legacy PATCH needs the spec to say where it
// goes; the client refuses before sending anything.
func TestConfigureLegacyReadCapacityNeedsKind(t *testing.T) {
	req := ConfigureIndexRequest{ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand}}
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	old := newTestClient(t, api.URL(), func(o *Options) { o.APIVersion = "2026-04" })
	if _, err := old.ConfigureIndex(t.Context(), "s", req); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("2026-04: err = %v, want ErrInvalidRequest", err)
	}
	// The same request falls back to the legacy body at 2026-07 when the
	// embed change needs it.
	req.Embed = &ConfigureIndexEmbed{FieldMap: map[string]any{"text": "x"}}
	if _, err := newTestClient(t, api.URL()).ConfigureIndex(t.Context(), "s", req); !errors.Is(err, ErrInvalidRequest) {
		t.Errorf("2026-07 legacy fallback: err = %v, want ErrInvalidRequest", err)
	}
	if api.count() != 0 {
		t.Errorf("%d requests sent", api.count())
	}
}

// Building the legacy body never changes the caller's request.
func TestConfigureDoesNotModifyRequest(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIVersion = "2026-04" })
	spec := &ConfigureIndexSpec{Serverless: &ConfigureReadCapacity{}}
	req := ConfigureIndexRequest{Spec: spec, ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand}}
	if _, err := c.ConfigureIndex(t.Context(), "s", req); err != nil {
		t.Fatal(err)
	}
	if req.Spec != spec || spec.Serverless.ReadCapacity != nil {
		t.Errorf("request modified: %s", jsonOf(req.Spec))
	}
	assertJSON(t, api.only(t).Body, `{"spec":{"serverless":{"read_capacity":{"mode":"OnDemand"}}}}`)
}

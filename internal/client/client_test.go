package client

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"
)

func TestNewDefaults(t *testing.T) {
	c, err := New(Options{APIKey: "k"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if got := c.BaseURL(); got != DefaultBaseURL {
		t.Errorf("BaseURL = %q, want %q", got, DefaultBaseURL)
	}
	if c.apiVersion != DefaultAPIVersion || DefaultAPIVersion != "2026-07" || LegacyAPIVersion != "2026-04" {
		t.Errorf("apiVersion = %q (default %q, legacy %q), want 2026-07 (2026-04)", c.apiVersion, DefaultAPIVersion, LegacyAPIVersion)
	}
	if !c.speaks202607() || c.legacyVersion() != LegacyAPIVersion {
		t.Errorf("default client: speaks202607 = %v, legacyVersion = %q", c.speaks202607(), c.legacyVersion())
	}
	if c.poll != DefaultPollConfig() {
		t.Errorf("poll = %+v, want defaults %+v", c.poll, DefaultPollConfig())
	}
	rt := retryOf(t, c)
	if rt.policy != DefaultRetryPolicy() {
		t.Errorf("retry policy = %+v, want defaults %+v", rt.policy, DefaultRetryPolicy())
	}
	lt, ok := rt.next.(*loggingTransport)
	if !ok {
		t.Fatalf("retry transport wraps %T, want *loggingTransport", rt.next)
	}
	if lt.next != http.DefaultTransport {
		t.Errorf("innermost transport = %T, want http.DefaultTransport", lt.next)
	}
	if !c.HasAPIKey() {
		t.Error("HasAPIKey = false with a key")
	}
}

func TestNewKeepsGivenOptions(t *testing.T) {
	policy := RetryPolicy{MaxRetries: 1, MinBackoff: 7}
	poll := PollConfig{Initial: 3}
	c, err := New(Options{BaseURL: "http://localhost:9999/x", Retry: policy, Poll: poll, APIVersion: "2025-10"})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	if c.HasAPIKey() {
		t.Error("HasAPIKey = true without a key")
	}
	if got := retryOf(t, c).policy; got != policy {
		t.Errorf("policy = %+v, want %+v", got, policy)
	}
	if c.poll != poll {
		t.Errorf("poll = %+v, want %+v", c.poll, poll)
	}
	if c.apiVersion != "2025-10" || c.speaks202607() || c.legacyVersion() != "2025-10" {
		t.Errorf("apiVersion = %q, speaks202607 = %v, legacyVersion = %q", c.apiVersion, c.speaks202607(), c.legacyVersion())
	}
	if got := c.BaseURL(); got != "http://localhost:9999/x" {
		t.Errorf("BaseURL = %q", got)
	}
}

func TestNewRejectsBadBaseURL(t *testing.T) {
	if c, err := New(Options{APIKey: "k", BaseURL: "ftp://example.com"}); err == nil {
		t.Fatalf("New accepted an ftp URL: %v", c.BaseURL())
	}
}

func TestParseBaseURL(t *testing.T) {
	cases := []struct {
		in   string
		want string
	}{
		{"", "https://api.pinecone.io"},
		{"   ", "https://api.pinecone.io"},
		{"https://api.pinecone.io", "https://api.pinecone.io"},
		{"https://api.pinecone.io/", "https://api.pinecone.io"},
		{"http://127.0.0.1:8080", "http://127.0.0.1:8080"},
		{"http://localhost:8080/", "http://localhost:8080"},
		{"HTTP://Localhost:8080", "http://Localhost:8080"},
		{"api.example.com", "https://api.example.com"},
		{"localhost:8080", "https://localhost:8080"},
		{"127.0.0.1:8080", "https://127.0.0.1:8080"},
		{" https://proxy.example.com/pinecone/v1/ ", "https://proxy.example.com/pinecone/v1"},
		{"https://proxy.example.com/a%2Fb/", "https://proxy.example.com/a%2Fb"},
	}
	for _, tc := range cases {
		u, err := ParseBaseURL(tc.in)
		if err != nil {
			t.Errorf("ParseBaseURL(%q): %v", tc.in, err)
			continue
		}
		if got := u.String(); got != tc.want {
			t.Errorf("ParseBaseURL(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
	for _, bad := range []string{
		"http://",
		"https://",
		"://nohost",
		"https://:8080",
		"ht tp://x",
		"http://[::1",
		"ftp://example.com",
		"https://example.com/?x=1",
		"https://example.com/#frag",
	} {
		if u, err := ParseBaseURL(bad); err == nil {
			t.Errorf("ParseBaseURL(%q) = %q, want an error", bad, u)
		}
	}
}

// expectation of one index call on the wire.
type wireCase struct {
	name     string
	call     func(ctx context.Context, c *Client) error
	status   int
	respBody string
	method   string
	escPath  string
	body     string // "" = no body expected
	// version is the X-Pinecone-Api-Version a default client sends; "" =
	// DefaultAPIVersion.
	version string
	// legacyBody is the body a client configured for an older version sends,
	// when it differs from body; noLegacy marks a call such a client refuses.
	legacyBody string
	noLegacy   bool
}

// 2026-07 renderings of the bodies the cases answer with.
const (
	pod07 = `{"name":"p","host":"p-abc1234.svc.us-east-1-aws.pinecone.io","status":{"ready":true,"state":"Ready"},` +
		`"deployment":{"deployment_type":"pod","environment":"us-east-1-aws","pod_type":"p1.x1","replicas":1,"shards":1},` +
		`"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"cosine"},"_sparse_values":{"type":"sparse_vector"}}},` +
		`"deletion_protection":"disabled"}`
	document07 = `{"name":"docs","host":"docs-abc1234.svc.aped-4627-b74a.pinecone.io","status":{"ready":false,"state":"Initializing"},` +
		`"deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1","environment":"aped-4627-b74a"},` +
		`"read_capacity":{"mode":"OnDemand","status":{"state":"Ready"}},` +
		`"schema":{"fields":{"title":{"type":"string","description":null,"full_text_search":{"language":"en","stemming":true,"stop_words":false},"filterable":true},` +
		`"embedding":{"type":"dense_vector","dimension":1024,"metric":"dotproduct","description":null}}},` +
		`"tags":null,"deletion_protection":"disabled"}`
)

func indexWireCases() []wireCase {
	return append(append(listAndDescribeCases(), createIndexCases()...), configureIndexCases()...)
}

func listAndDescribeCases() []wireCase {
	return []wireCase{
		{
			name:     "ListIndexes",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListIndexes(ctx); return err },
			status:   200,
			respBody: `{"indexes":[` + readyServerless + `]}`,
			method:   "GET", escPath: "/indexes",
		},
		{
			name:     "DescribeIndex",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeIndex(ctx, "s"); return err },
			status:   200,
			respBody: readyServerless,
			method:   "GET", escPath: "/indexes/s",
		},
		{
			name:   "DeleteIndex",
			call:   func(ctx context.Context, c *Client) error { return c.DeleteIndex(ctx, "s") },
			status: 202,
			method: "DELETE", escPath: "/indexes/s",
		},
	}
}

func createIndex(req CreateIndexRequest) func(ctx context.Context, c *Client) error {
	return func(ctx context.Context, c *Client) error { _, err := c.CreateIndex(ctx, req); return err }
}

func createIndexCases() []wireCase {
	return []wireCase{
		{
			name: "CreateIndex serverless",
			call: createIndex(CreateIndexRequest{
				Name: "s", Dimension: ptr[int32](3), VectorType: "dense",
				Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			// 2026-07 needs a metric on dense_vector; cosine was the default.
			body: `{"name":"s","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},
				"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"cosine"}}}}`,
			legacyBody: `{"name":"s","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"dense"}`,
		},
		{
			name: "CreateIndex sparse",
			call: createIndex(CreateIndexRequest{
				Name: "s", VectorType: "sparse", Metric: "dotproduct",
				Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"name":"s","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},
				"schema":{"fields":{"_sparse_values":{"type":"sparse_vector"}}}}`,
			legacyBody: `{"name":"s","metric":"dotproduct","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"sparse"}`,
		},
		{
			name: "CreateIndex serverless with read capacity, tags and deletion protection",
			call: createIndex(CreateIndexRequest{
				Name: "rc", Dimension: ptr[int32](1536), Metric: "euclidean", DeletionProtection: "enabled",
				Tags: map[string]string{"env": "prod"},
				Spec: IndexSpec{Serverless: &ServerlessSpec{
					Cloud: "gcp", Region: "us-central1",
					ReadCapacity: &ReadCapacity{Mode: ReadCapacityDedicated, Dedicated: &DedicatedReadCapacity{
						NodeType: "t1", Scaling: "Manual", Manual: &ManualScaling{Replicas: 0, Shards: 1},
					}},
				}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"name":"rc","deployment":{"deployment_type":"managed","cloud":"gcp","region":"us-central1"},
				"schema":{"fields":{"_values":{"type":"dense_vector","dimension":1536,"metric":"euclidean"}}},
				"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":1}}},
				"tags":{"env":"prod"},"deletion_protection":"enabled"}`,
			legacyBody: `{"name":"rc","dimension":1536,"metric":"euclidean","deletion_protection":"enabled","tags":{"env":"prod"},
				"spec":{"serverless":{"cloud":"gcp","region":"us-central1",
				"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":1}}}}}}`,
		},
		{
			// A metadata schema cannot be said in 2026-07's create.
			name: "CreateIndex serverless with metadata schema",
			call: createIndex(CreateIndexRequest{
				Name: "full", Dimension: ptr[int32](1536), Metric: "cosine", VectorType: "dense",
				DeletionProtection: "enabled", Tags: map[string]string{"env": "prod"},
				Spec: IndexSpec{Serverless: &ServerlessSpec{
					Cloud: "gcp", Region: "us-central1",
					ReadCapacity: &ReadCapacity{Mode: ReadCapacityDedicated, Dedicated: &DedicatedReadCapacity{
						NodeType: "t1", Scaling: "Manual", Manual: &ManualScaling{Replicas: 0, Shards: 1},
					}},
					Schema: &MetadataSchema{Fields: map[string]MetadataField{"genre": {Filterable: true}}},
				}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes", version: LegacyAPIVersion,
			body: `{"name":"full","dimension":1536,"metric":"cosine","vector_type":"dense","deletion_protection":"enabled",
				"tags":{"env":"prod"},"spec":{"serverless":{"cloud":"gcp","region":"us-central1",
				"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":1}}},
				"schema":{"fields":{"genre":{"filterable":true}}}}}}`,
		},
		{
			name: "CreateIndex from a collection",
			call: createIndex(CreateIndexRequest{
				Name: "fc", Dimension: ptr[int32](3),
				Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1", SourceCollection: "c"}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes", version: LegacyAPIVersion,
			body: `{"name":"fc","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1","source_collection":"c"}}}`,
		},
		{
			name: "CreateIndex pod",
			call: createIndex(CreateIndexRequest{
				Name: "p", Dimension: ptr[int32](3), VectorType: "dense",
				Spec: IndexSpec{Pod: &PodSpec{
					Environment: "us-east-1-aws", PodType: "p1.x1",
					Pods: ptr[int32](1), Replicas: ptr[int32](1), Shards: ptr[int32](1),
					MetadataConfig: &PodMetadataConfig{Indexed: []string{"genre"}},
				}},
			}),
			status: 201, respBody: pod07,
			method: "POST", escPath: "/indexes", version: LegacyAPIVersion,
			body: `{"dimension":3,"name":"p","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","pods":1,"replicas":1,"shards":1,
				"metadata_config":{"indexed":["genre"]}}},"vector_type":"dense"}`,
		},
		{
			name: "CreateIndex byoc",
			call: createIndex(CreateIndexRequest{
				Name: "b", Dimension: ptr[int32](3), VectorType: "dense", DeletionProtection: "disabled",
				Spec: IndexSpec{BYOC: &BYOCSpec{Environment: "aws-us-east-1-b921", ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand}}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"name":"b","deployment":{"deployment_type":"byoc","environment":"aws-us-east-1-b921"},
				"schema":{"fields":{"_values":{"type":"dense_vector","dimension":3,"metric":"cosine"}}},
				"read_capacity":{"mode":"OnDemand"},"deletion_protection":"disabled"}`,
			legacyBody: `{"deletion_protection":"disabled","dimension":3,"name":"b",
				"spec":{"byoc":{"environment":"aws-us-east-1-b921","read_capacity":{"mode":"OnDemand"}}},"vector_type":"dense"}`,
		},
		{
			name: "CreateIndex byoc with metadata schema",
			call: createIndex(CreateIndexRequest{
				Name: "b", Dimension: ptr[int32](3),
				Spec: IndexSpec{BYOC: &BYOCSpec{Environment: "aws-us-east-1-b921",
					Schema: &MetadataSchema{Fields: map[string]MetadataField{"genre": {Filterable: true}}}}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes", version: LegacyAPIVersion,
			body: `{"dimension":3,"name":"b","spec":{"byoc":{"environment":"aws-us-east-1-b921","schema":{"fields":{"genre":{"filterable":true}}}}}}`,
		},
		{
			// The legacy API rejects this; the client leaves it to say so.
			name: "CreateIndex dense without dimension",
			call: createIndex(CreateIndexRequest{
				Name: "nd", Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
			}),
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes", version: LegacyAPIVersion,
			body: `{"name":"nd","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`,
		},
		{
			name: "CreateSchemaIndex",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateSchemaIndex(ctx, CreateSchemaIndexRequest{
					Name:       "docs",
					Deployment: &IndexDeployment{DeploymentType: DeploymentManaged, Cloud: "aws", Region: "us-east-1"},
					Schema: IndexSchema{Fields: map[string]SchemaField{
						"title": {Type: FieldString, FullTextSearch: &FullTextSearch{Language: "en", Stemming: ptr(true),
							Ngram: &Ngram{MinGram: 2, MaxGram: 3}}},
						"embedding": {Type: FieldDenseVector, Dimension: ptr[int32](1024), Metric: "dotproduct", Description: ptr("body")},
					}},
					ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand},
					Tags:         map[string]string{"team": "search"}, DeletionProtection: "enabled",
				})
				return err
			},
			status: 201, respBody: document07,
			method: "POST", escPath: "/indexes", noLegacy: true,
			body: `{"name":"docs","deployment":{"deployment_type":"managed","cloud":"aws","region":"us-east-1"},
				"schema":{"fields":{"title":{"type":"string","full_text_search":{"language":"en","stemming":true,"ngram":{"min_gram":2,"max_gram":3}}},
				"embedding":{"type":"dense_vector","dimension":1024,"metric":"dotproduct","description":"body"}}},
				"read_capacity":{"mode":"OnDemand"},"tags":{"team":"search"},"deletion_protection":"enabled"}`,
		},
		{
			name: "CreateIndexForModel",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndexForModel(ctx, CreateIndexForModelRequest{
					Name: "m", Cloud: "aws", Region: "us-east-1", DeletionProtection: "disabled",
					Embed: CreateIndexEmbed{Model: "multilingual-e5-large", FieldMap: map[string]any{"text": "chunk_text"}},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes/create-for-model",
			body: `{"cloud":"aws","deletion_protection":"disabled","embed":{"field_map":{"text":"chunk_text"},"model":"multilingual-e5-large"},"name":"m","region":"us-east-1"}`,
		},
		{
			name: "CreateIndexForModel full",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndexForModel(ctx, CreateIndexForModelRequest{
					Name: "m", Cloud: "aws", Region: "us-east-1", Tags: map[string]string{"a": "1"},
					Embed: CreateIndexEmbed{
						Model: "multilingual-e5-large", FieldMap: map[string]any{"text": "chunk_text"},
						Metric: "cosine", Dimension: ptr[int32](1024),
						ReadParameters:  map[string]any{"input_type": "query", "truncate": "NONE"},
						WriteParameters: map[string]any{"input_type": "passage"},
					},
					Schema:       &MetadataSchema{Fields: map[string]MetadataField{"g": {Filterable: true}}},
					ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes/create-for-model",
			body: `{"name":"m","cloud":"aws","region":"us-east-1","tags":{"a":"1"},
				"embed":{"model":"multilingual-e5-large","field_map":{"text":"chunk_text"},"metric":"cosine","dimension":1024,
				"read_parameters":{"input_type":"query","truncate":"NONE"},"write_parameters":{"input_type":"passage"}},
				"schema":{"fields":{"g":{"filterable":true}}},"read_capacity":{"mode":"OnDemand"}}`,
		},
	}
}

func configureIndex(name string, req ConfigureIndexRequest) func(ctx context.Context, c *Client) error {
	return func(ctx context.Context, c *Client) error { _, err := c.ConfigureIndex(ctx, name, req); return err }
}

func configureIndexCases() []wireCase {
	dedicated := &ReadCapacity{
		Mode:      ReadCapacityDedicated,
		Dedicated: &DedicatedReadCapacity{NodeType: "t1", Scaling: "Manual", Manual: &ManualScaling{Replicas: 1, Shards: 1}},
	}
	return []wireCase{
		{
			name:   "ConfigureIndex deletion protection only",
			call:   configureIndex("s", ConfigureIndexRequest{DeletionProtection: "enabled"}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/s",
			body: `{"deletion_protection":"enabled"}`,
		},
		{
			name:   "ConfigureIndex tags with removal",
			call:   configureIndex("p", ConfigureIndexRequest{Tags: map[string]string{"a": "", "b": "2"}}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/p",
			body: `{"tags":{"a":"","b":"2"}}`,
		},
		{
			name: "ConfigureIndex pod replicas, tags and deletion protection",
			call: configureIndex("p", ConfigureIndexRequest{
				Spec: &ConfigureIndexSpec{Pod: &ConfigurePod{Replicas: ptr[int32](2)}},
				Tags: map[string]string{"a": "1"}, DeletionProtection: "disabled",
			}),
			status: 202, respBody: pod07,
			method: "PATCH", escPath: "/indexes/p",
			body:       `{"deployment":{"replicas":2},"tags":{"a":"1"},"deletion_protection":"disabled"}`,
			legacyBody: `{"spec":{"pod":{"replicas":2}},"tags":{"a":"1"},"deletion_protection":"disabled"}`,
		},
		{
			name: "ConfigureIndex pod type",
			call: configureIndex("p", ConfigureIndexRequest{
				Spec: &ConfigureIndexSpec{Pod: &ConfigurePod{PodType: "p1.x2"}},
			}),
			status: 202, respBody: pod07,
			method: "PATCH", escPath: "/indexes/p",
			body:       `{"deployment":{"pod_type":"p1.x2"}}`,
			legacyBody: `{"spec":{"pod":{"pod_type":"p1.x2"}}}`,
		},
		{
			name: "ConfigureIndex dedicated read capacity",
			call: configureIndex("s", ConfigureIndexRequest{
				Spec: &ConfigureIndexSpec{Serverless: &ConfigureReadCapacity{ReadCapacity: dedicated}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/s",
			body:       `{"read_capacity":{"dedicated":{"manual":{"replicas":1,"shards":1},"node_type":"t1","scaling":"Manual"},"mode":"Dedicated"}}`,
			legacyBody: `{"spec":{"serverless":{"read_capacity":{"dedicated":{"manual":{"replicas":1,"shards":1},"node_type":"t1","scaling":"Manual"},"mode":"Dedicated"}}}}`,
		},
		{
			name: "ConfigureIndex byoc on demand",
			call: configureIndex("b", ConfigureIndexRequest{
				Spec: &ConfigureIndexSpec{BYOC: &ConfigureReadCapacity{ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand}}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/b",
			body:       `{"read_capacity":{"mode":"OnDemand"}}`,
			legacyBody: `{"spec":{"byoc":{"read_capacity":{"mode":"OnDemand"}}}}`,
		},
		{
			// The top-level read capacity wins and goes where the spec says.
			name: "ConfigureIndex top-level read capacity",
			call: configureIndex("b", ConfigureIndexRequest{
				ReadCapacity: dedicated,
				Spec:         &ConfigureIndexSpec{BYOC: &ConfigureReadCapacity{ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand}}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/b",
			body:       `{"read_capacity":{"dedicated":{"manual":{"replicas":1,"shards":1},"node_type":"t1","scaling":"Manual"},"mode":"Dedicated"}}`,
			legacyBody: `{"spec":{"byoc":{"read_capacity":{"dedicated":{"manual":{"replicas":1,"shards":1},"node_type":"t1","scaling":"Manual"},"mode":"Dedicated"}}}}`,
		},
		{
			name: "ConfigureIndex embed parameters",
			call: configureIndex("m", ConfigureIndexRequest{
				SemanticTextField: "chunk_text",
				Embed: &ConfigureIndexEmbed{ReadParameters: map[string]any{"input_type": "query", "truncate": "NONE"},
					WriteParameters: map[string]any{"input_type": "passage"}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/m",
			body: `{"schema":{"fields":{"chunk_text":{"type":"semantic_text",
				"read_parameters":{"input_type":"query","truncate":"NONE"},"write_parameters":{"input_type":"passage"}}}}}`,
			legacyBody: `{"embed":{"read_parameters":{"input_type":"query","truncate":"NONE"},"write_parameters":{"input_type":"passage"}}}`,
		},
		{
			// Without the field's name 2026-07 cannot address the parameters.
			name: "ConfigureIndex embed parameters without field name",
			call: configureIndex("m", ConfigureIndexRequest{
				Embed: &ConfigureIndexEmbed{WriteParameters: map[string]any{"input_type": "passage"}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/m", version: LegacyAPIVersion,
			body: `{"embed":{"write_parameters":{"input_type":"passage"}}}`,
		},
		{
			name: "ConfigureIndex embed field map",
			call: configureIndex("m", ConfigureIndexRequest{
				SemanticTextField: "chunk_text", Tags: map[string]string{"a": "1"},
				Embed: &ConfigureIndexEmbed{FieldMap: map[string]any{"text": "body"}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/m", version: LegacyAPIVersion,
			body: `{"embed":{"field_map":{"text":"body"}},"tags":{"a":"1"}}`,
		},
		{
			name: "ConfigureIndex embed",
			call: configureIndex("s", ConfigureIndexRequest{
				Embed: &ConfigureIndexEmbed{Model: "multilingual-e5-large", FieldMap: map[string]any{"text": "body"},
					ReadParameters: map[string]any{"input_type": "query"}},
			}),
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/s", version: LegacyAPIVersion,
			body: `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"body"},"read_parameters":{"input_type":"query"}}}`,
		},
	}
}

// checkIndexWire asserts that got is tc's request, sent with version and
// carrying body.
func checkIndexWire(t *testing.T, tc wireCase, got seenRequest, version, body string) {
	t.Helper()
	if got.Method != tc.method {
		t.Errorf("method = %s, want %s", got.Method, tc.method)
	}
	if got.EscPath != tc.escPath {
		t.Errorf("path = %s, want %s", got.EscPath, tc.escPath)
	}
	if got.RawQuery != "" {
		t.Errorf("unexpected query %q", got.RawQuery)
	}
	if v := got.Header.Get("Api-Key"); v != testAPIKey {
		t.Errorf("Api-Key = %q, want %q", v, testAPIKey)
	}
	if v := got.Header.Values("X-Pinecone-Api-Version"); len(v) != 1 || v[0] != version {
		t.Errorf("X-Pinecone-Api-Version = %q, want [%s]", v, version)
	}
	if v := got.Header.Get("Authorization"); v != "" {
		t.Errorf("unexpected Authorization header %q", v)
	}
	if body == "" {
		if len(got.Body) != 0 {
			t.Errorf("unexpected body %q", got.Body)
		}
		if v, ok := got.Header["Content-Type"]; ok {
			t.Errorf("Content-Type %q sent without a body", v)
		}
		return
	}
	if v := got.Header.Get("Content-Type"); v != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", v)
	}
	assertJSON(t, got.Body, body)
}

// runIndexWireCase makes tc's call with a client configured for
// apiVersion ("" = default) and returns the one request the server saw.
func runIndexWireCase(t *testing.T, tc wireCase, apiVersion string) seenRequest {
	t.Helper()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, tc.status, tc.respBody) })
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIVersion = apiVersion })
	if err := tc.call(t.Context(), c); err != nil {
		t.Fatalf("call: %v", err)
	}
	return api.only(t)
}

// A default client speaks 2026-07 and sends 2026-04 only for what 2026-07
// lacks.
func TestIndexCallsOnTheWire(t *testing.T) {
	for _, tc := range indexWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			version := tc.version
			if version == "" {
				version = DefaultAPIVersion
			}
			checkIndexWire(t, tc, runIndexWireCase(t, tc, ""), version, tc.body)
		})
	}
}

// A client configured for an older version (as earlier provider releases
// were) sends that version and the legacy bodies on every call.
func TestIndexCallsOnTheWireAtOlderVersions(t *testing.T) {
	for _, version := range []string{"2026-04", "2025-10"} {
		for _, tc := range indexWireCases() {
			if tc.noLegacy {
				continue
			}
			t.Run(version+"/"+tc.name, func(t *testing.T) {
				body := tc.legacyBody
				if body == "" {
					body = tc.body
				}
				checkIndexWire(t, tc, runIndexWireCase(t, tc, version), version, body)
			})
		}
	}
}

// The literal checks above compare decoded JSON; these check the raw bytes for
// details a decoded comparison could hide.
func TestConfigureIndexRawBody(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	if _, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{DeletionProtection: "disabled"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{Tags: map[string]string{"gone": ""}}); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("server saw %d requests", len(reqs))
	}
	if b := string(reqs[0].Body); strings.Contains(b, "spec") || strings.Contains(b, "tags") || strings.Contains(b, "null") {
		t.Errorf("deletion-protection-only PATCH body %s mentions spec/tags/null", b)
	}
	if b := string(reqs[1].Body); b != `{"tags":{"gone":""}}` {
		t.Errorf("tag-removal PATCH body = %s, want {\"tags\":{\"gone\":\"\"}}", b)
	}
}

func TestCustomVersionAndUserAgent(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	c := newTestClient(t, api.URL(), func(o *Options) {
		o.APIVersion = "2025-10"
		o.UserAgent = "terraform-provider-pinecone/1.2.3 (+test)"
	})
	if _, err := c.DescribeIndex(t.Context(), "s"); err != nil {
		t.Fatal(err)
	}
	got := api.only(t)
	if v := got.Header.Get("X-Pinecone-Api-Version"); v != "2025-10" {
		t.Errorf("X-Pinecone-Api-Version = %q, want 2025-10", v)
	}
	if v := got.Header.Get("User-Agent"); v != "terraform-provider-pinecone/1.2.3 (+test)" {
		t.Errorf("User-Agent = %q", v)
	}
	if v := got.Header.Get("Accept"); v != "application/json" {
		t.Errorf("Accept = %q", v)
	}
}

func TestNoCustomUserAgentByDefault(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	c := newTestClient(t, api.URL())
	if _, err := c.DescribeIndex(t.Context(), "s"); err != nil {
		t.Fatal(err)
	}
	if v := api.only(t).Header.Get("User-Agent"); strings.Contains(v, "terraform") {
		t.Errorf("User-Agent = %q without one configured", v)
	}
}

func TestIndexNamesArePathEscaped(t *testing.T) {
	const name = "a b/c?d#e%f"
	const esc = "/indexes/a%20b%2Fc%3Fd%23e%25f"
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	if _, err := c.DescribeIndex(ctx, name); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ConfigureIndex(ctx, name, ConfigureIndexRequest{DeletionProtection: "enabled"}); err != nil {
		t.Fatal(err)
	}
	if err := c.DeleteIndex(ctx, name); err != nil {
		t.Fatal(err)
	}
	for _, r := range api.requests() {
		if r.RequestURI != esc {
			t.Errorf("%s request URI = %q, want %q", r.Method, r.RequestURI, esc)
		}
		if r.Path != "/indexes/"+name {
			t.Errorf("%s decoded path = %q, want %q", r.Method, r.Path, "/indexes/"+name)
		}
		if r.RawQuery != "" {
			t.Errorf("%s query = %q, want none (the ? must be escaped)", r.Method, r.RawQuery)
		}
	}
	if api.count() != 3 {
		t.Errorf("server saw %d requests, want 3", api.count())
	}
}

func TestBaseURLWithPathPrefix(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"indexes":[]}`) })
	for _, base := range []string{api.URL() + "/proxy/pinecone", api.URL() + "/proxy/pinecone/"} {
		c := newTestClient(t, base)
		ctx := t.Context()
		if _, err := c.ListIndexes(ctx); err != nil {
			t.Fatal(err)
		}
		if _, err := c.DescribeIndex(ctx, "my index"); err != nil {
			t.Fatal(err)
		}
	}
	want := []string{
		"/proxy/pinecone/indexes", "/proxy/pinecone/indexes/my%20index",
		"/proxy/pinecone/indexes", "/proxy/pinecone/indexes/my%20index",
	}
	reqs := api.requests()
	if len(reqs) != len(want) {
		t.Fatalf("server saw %d requests, want %d", len(reqs), len(want))
	}
	for i, r := range reqs {
		if r.RequestURI != want[i] {
			t.Errorf("request %d URI = %q, want %q", i, r.RequestURI, want[i])
		}
	}
}

func TestBaseURLWithEscapedPrefix(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"indexes":[]}`) })
	c := newTestClient(t, api.URL()+"/a%2Fb")
	if _, err := c.ListIndexes(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := api.only(t).RequestURI; got != "/a%2Fb/indexes" {
		t.Errorf("request URI = %q, want /a%%2Fb/indexes", got)
	}
}

func TestQueryIsEncoded(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	c := newTestClient(t, api.URL())
	q := url.Values{"limit": {"5"}, "paginationToken": {"a b&c"}}
	if err := c.do(t.Context(), call{method: http.MethodGet, path: "/backups", query: q}); err != nil {
		t.Fatal(err)
	}
	got := api.only(t)
	if got.Path != "/backups" {
		t.Errorf("path = %q", got.Path)
	}
	parsed, err := url.ParseQuery(got.RawQuery)
	if err != nil {
		t.Fatalf("query %q: %v", got.RawQuery, err)
	}
	if parsed.Get("limit") != "5" || parsed.Get("paginationToken") != "a b&c" {
		t.Errorf("query = %q, decoded %v", got.RawQuery, parsed)
	}
}

func TestResponsesAreDecoded(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path == "/indexes" {
			reply(w, 200, `{"indexes":[`+readyServerless+`,{"name":"p","metric":"euclidean","host":"h","spec":{"pod":{"environment":"us-east1-gcp","pod_type":"p1.x1","pods":4,"replicas":2,"shards":2}},"status":{"ready":false,"state":"ScalingUp"},"vector_type":"dense"}]}`)
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL())
	list, err := c.ListIndexes(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if len(list) != 2 {
		t.Fatalf("got %d indexes, want 2", len(list))
	}
	s := list[0]
	if s.Name != "s" || s.Dimension == nil || *s.Dimension != 3 || s.Metric != "cosine" ||
		s.Host != "s-abc1234.svc.aped-4627-b74a.pinecone.io" || s.VectorType != "dense" ||
		s.DeletionProtection != "disabled" || s.Tags["env"] != "test" || !s.Status.Ready || s.Status.State != "Ready" {
		t.Errorf("serverless index decoded wrongly: %+v", s)
	}
	if s.Spec.Serverless == nil || s.Spec.Serverless.Cloud != "aws" || s.Spec.Serverless.Region != "us-east-1" ||
		s.Spec.Serverless.ReadCapacity == nil || s.Spec.Serverless.ReadCapacity.Mode != "OnDemand" ||
		s.Spec.Serverless.ReadCapacity.Status == nil || s.Spec.Serverless.ReadCapacity.Status.State != "Ready" {
		t.Errorf("serverless spec decoded wrongly: %+v", s.Spec.Serverless)
	}
	p := list[1]
	if p.Spec.Pod == nil || p.Spec.Pod.Pods == nil || *p.Spec.Pod.Pods != 4 || *p.Spec.Pod.Replicas != 2 || p.Spec.Pod.PodType != "p1.x1" {
		t.Errorf("pod spec decoded wrongly: %+v", p.Spec.Pod)
	}
	if p.Dimension != nil || p.Status.State != "ScalingUp" {
		t.Errorf("pod index decoded wrongly: %+v", p)
	}
}

func TestListIndexesEmpty(t *testing.T) {
	for _, body := range []string{`{"indexes":[]}`, `{}`} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, body) })
		c := newTestClient(t, api.URL())
		list, err := c.ListIndexes(t.Context())
		if err != nil {
			t.Fatalf("%s: %v", body, err)
		}
		if len(list) != 0 {
			t.Errorf("%s: got %d indexes", body, len(list))
		}
	}
}

func TestAny2xxIsSuccess(t *testing.T) {
	for _, status := range []int{200, 201, 202} {
		for _, tc := range indexWireCases() {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, status, tc.respBody) })
			c := newTestClient(t, api.URL())
			if err := tc.call(t.Context(), c); err != nil {
				t.Errorf("%s answered %d: %v", tc.name, status, err)
			}
			if api.count() != 1 {
				t.Errorf("%s answered %d: %d requests, want 1 (no retry on success)", tc.name, status, api.count())
			}
		}
	}
}

func TestCreateReturnsDecodedModelForAny2xx(t *testing.T) {
	for _, status := range []int{200, 201, 202} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, status, readyServerless) })
		c := newTestClient(t, api.URL())
		ix, err := c.CreateIndex(t.Context(), CreateIndexRequest{Name: "s"})
		if err != nil {
			t.Fatalf("%d: %v", status, err)
		}
		if ix.Name != "s" || ix.Host == "" {
			t.Errorf("%d: model not decoded: %+v", status, ix)
		}
	}
}

func TestEmptySuccessBodies(t *testing.T) {
	for _, status := range []int{200, 202, 204} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(status) })
		c := newTestClient(t, api.URL())
		if err := c.DeleteIndex(t.Context(), "s"); err != nil {
			t.Errorf("DELETE answered %d with no body: %v", status, err)
		}
		// A PATCH answered without a body is still a success.
		ix, err := c.ConfigureIndex(t.Context(), "s", ConfigureIndexRequest{DeletionProtection: "enabled"})
		if err != nil || ix == nil {
			t.Errorf("PATCH answered %d with no body: %v, %v", status, ix, err)
		}
	}
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 202, " \n") })
	c := newTestClient(t, api.URL())
	if err := c.DeleteIndex(t.Context(), "s"); err != nil {
		t.Errorf("DELETE answered with a whitespace body: %v", err)
	}
}

func TestUndecodableSuccessBody(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `<html>not json</html>`) })
	c := newTestClient(t, api.URL())
	_, err := c.DescribeIndex(t.Context(), "s")
	if err == nil {
		t.Fatal("no error for an HTML 200 body")
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("decode failure reported as an APIError: %v", err)
	}
	if !strings.Contains(err.Error(), "GET /indexes/s") || !strings.Contains(err.Error(), "decoding response") {
		t.Errorf("error %q lacks context", err)
	}
	if api.count() != 1 {
		t.Errorf("decode failure retried: %d requests", api.count())
	}
}

func TestUnencodableBody(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{}`) })
	c := newTestClient(t, api.URL())
	err := c.do(t.Context(), call{method: http.MethodPost, path: "/x", body: map[string]any{"f": func() {}}})
	if err == nil || !strings.Contains(err.Error(), "encoding POST /x request") {
		t.Errorf("err = %v, want an encoding error", err)
	}
	if api.count() != 0 {
		t.Errorf("a request was sent (%d) although the body could not be encoded", api.count())
	}
}

func TestConcurrentCalls(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n%3 == 0 {
			reply(w, 503, pineconeError(503, "UNAVAILABLE", "try again"))
			return
		}
		reply(w, 200, readyServerless)
	})
	c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.MaxRetries = 10 })
	var wg sync.WaitGroup
	errs := make(chan error, 20)
	for i := 0; i < 20; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if _, err := c.DescribeIndex(t.Context(), "s"); err != nil {
				errs <- err
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		// Every third answer is a 503; a call would need eleven of them in a
		// row to fail, so any error here is a bug.
		t.Errorf("concurrent call failed: %v", err)
	}
	if api.count() < 20 {
		t.Errorf("server saw %d requests, want >= 20", api.count())
	}
}

func TestMissingAPIKey(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, readyServerless) })
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIKey = "" })
	if c.HasAPIKey() {
		t.Fatal("HasAPIKey = true")
	}
	// The deadline only keeps a broken client from hanging in the waiters.
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	for _, tc := range indexWireCases() {
		if err := tc.call(ctx, c); !errors.Is(err, ErrMissingAPIKey) {
			t.Errorf("%s: err = %v, want ErrMissingAPIKey", tc.name, err)
		}
	}
	if _, err := c.WaitForIndexReady(ctx, "s"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForIndexReady: err = %v, want ErrMissingAPIKey", err)
	}
	if err := c.WaitForIndexDeleted(ctx, "s"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForIndexDeleted: err = %v, want ErrMissingAPIKey", err)
	}
	if n := api.count(); n != 0 {
		t.Errorf("%d requests were made without an API key", n)
	}
}

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
	if c.apiVersion != DefaultAPIVersion || DefaultAPIVersion != "2026-04" {
		t.Errorf("apiVersion = %q (default %q), want 2026-04", c.apiVersion, DefaultAPIVersion)
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
	if c.apiVersion != "2025-10" {
		t.Errorf("apiVersion = %q", c.apiVersion)
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
}

func indexWireCases() []wireCase {
	return []wireCase{
		{
			name:     "ListIndexes",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListIndexes(ctx); return err },
			status:   200,
			respBody: `{"indexes":[` + readyServerless + `]}`,
			method:   "GET", escPath: "/indexes",
		},
		{
			name: "CreateIndex serverless",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndex(ctx, CreateIndexRequest{
					Name: "s", Dimension: ptr[int32](3), VectorType: "dense",
					Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"name":"s","dimension":3,"spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"dense"}`,
		},
		{
			name: "CreateIndex sparse",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndex(ctx, CreateIndexRequest{
					Name: "s", VectorType: "sparse", Metric: "dotproduct",
					Spec: IndexSpec{Serverless: &ServerlessSpec{Cloud: "aws", Region: "us-east-1"}},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"name":"s","metric":"dotproduct","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}},"vector_type":"sparse"}`,
		},
		{
			name: "CreateIndex serverless full",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndex(ctx, CreateIndexRequest{
					Name: "full", Dimension: ptr[int32](1536), Metric: "cosine", VectorType: "dense",
					DeletionProtection: "enabled", Tags: map[string]string{"env": "prod"},
					Spec: IndexSpec{Serverless: &ServerlessSpec{
						Cloud: "gcp", Region: "us-central1",
						ReadCapacity: &ReadCapacity{Mode: ReadCapacityDedicated, Dedicated: &DedicatedReadCapacity{
							NodeType: "t1", Scaling: "Manual", Manual: &ManualScaling{Replicas: 0, Shards: 1},
						}},
						Schema: &MetadataSchema{Fields: map[string]MetadataField{"genre": {Filterable: true}}},
					}},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"name":"full","dimension":1536,"metric":"cosine","vector_type":"dense","deletion_protection":"enabled",
				"tags":{"env":"prod"},"spec":{"serverless":{"cloud":"gcp","region":"us-central1",
				"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":0,"shards":1}}},
				"schema":{"fields":{"genre":{"filterable":true}}}}}}`,
		},
		{
			name: "CreateIndex pod",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndex(ctx, CreateIndexRequest{
					Name: "p", Dimension: ptr[int32](3), VectorType: "dense",
					Spec: IndexSpec{Pod: &PodSpec{
						Environment: "us-east-1-aws", PodType: "p1.x1",
						Pods: ptr[int32](1), Replicas: ptr[int32](1), Shards: ptr[int32](1),
						MetadataConfig: &PodMetadataConfig{Indexed: []string{"genre"}},
					}},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"dimension":3,"name":"p","spec":{"pod":{"environment":"us-east-1-aws","pod_type":"p1.x1","pods":1,"replicas":1,"shards":1,
				"metadata_config":{"indexed":["genre"]}}},"vector_type":"dense"}`,
		},
		{
			name: "CreateIndex byoc",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndex(ctx, CreateIndexRequest{
					Name: "b", Dimension: ptr[int32](3), VectorType: "dense", DeletionProtection: "disabled",
					Spec: IndexSpec{BYOC: &BYOCSpec{Environment: "aws-us-east-1-b921"}},
				})
				return err
			},
			status: 201, respBody: readyServerless,
			method: "POST", escPath: "/indexes",
			body: `{"deletion_protection":"disabled","dimension":3,"name":"b","spec":{"byoc":{"environment":"aws-us-east-1-b921"}},"vector_type":"dense"}`,
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
		{
			name:     "DescribeIndex",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeIndex(ctx, "s"); return err },
			status:   200,
			respBody: readyServerless,
			method:   "GET", escPath: "/indexes/s",
		},
		{
			name: "ConfigureIndex deletion protection only",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{DeletionProtection: "enabled"})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/s",
			body: `{"deletion_protection":"enabled"}`,
		},
		{
			name: "ConfigureIndex tags with removal",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "p", ConfigureIndexRequest{Tags: map[string]string{"a": "", "b": "2"}})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/p",
			body: `{"tags":{"a":"","b":"2"}}`,
		},
		{
			name: "ConfigureIndex pod replicas",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "p", ConfigureIndexRequest{
					Spec: &ConfigureIndexSpec{Pod: &ConfigurePod{Replicas: ptr[int32](2)}},
				})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/p",
			body: `{"spec":{"pod":{"replicas":2}}}`,
		},
		{
			name: "ConfigureIndex pod type",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "p", ConfigureIndexRequest{
					Spec: &ConfigureIndexSpec{Pod: &ConfigurePod{PodType: "p1.x2"}},
				})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/p",
			body: `{"spec":{"pod":{"pod_type":"p1.x2"}}}`,
		},
		{
			name: "ConfigureIndex dedicated read capacity",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{
					Spec: &ConfigureIndexSpec{Serverless: &ConfigureReadCapacity{ReadCapacity: &ReadCapacity{
						Mode:      ReadCapacityDedicated,
						Dedicated: &DedicatedReadCapacity{NodeType: "t1", Scaling: "Manual", Manual: &ManualScaling{Replicas: 1, Shards: 1}},
					}}},
				})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/s",
			body: `{"spec":{"serverless":{"read_capacity":{"dedicated":{"manual":{"replicas":1,"shards":1},"node_type":"t1","scaling":"Manual"},"mode":"Dedicated"}}}}`,
		},
		{
			name: "ConfigureIndex byoc on demand",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "b", ConfigureIndexRequest{
					Spec: &ConfigureIndexSpec{BYOC: &ConfigureReadCapacity{ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand}}},
				})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/b",
			body: `{"spec":{"byoc":{"read_capacity":{"mode":"OnDemand"}}}}`,
		},
		{
			name: "ConfigureIndex embed",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.ConfigureIndex(ctx, "s", ConfigureIndexRequest{
					Embed: &ConfigureIndexEmbed{Model: "multilingual-e5-large", FieldMap: map[string]any{"text": "body"},
						ReadParameters: map[string]any{"input_type": "query"}},
				})
				return err
			},
			status: 202, respBody: readyServerless,
			method: "PATCH", escPath: "/indexes/s",
			body: `{"embed":{"model":"multilingual-e5-large","field_map":{"text":"body"},"read_parameters":{"input_type":"query"}}}`,
		},
		{
			name:   "DeleteIndex",
			call:   func(ctx context.Context, c *Client) error { return c.DeleteIndex(ctx, "s") },
			status: 202,
			method: "DELETE", escPath: "/indexes/s",
		},
	}
}

func TestIndexCallsOnTheWire(t *testing.T) {
	for _, tc := range indexWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, tc.status, tc.respBody) })
			c := newTestClient(t, api.URL())
			if err := tc.call(t.Context(), c); err != nil {
				t.Fatalf("call: %v", err)
			}
			got := api.only(t)
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
			if v := got.Header.Values("X-Pinecone-Api-Version"); len(v) != 1 || v[0] != "2026-04" {
				t.Errorf("X-Pinecone-Api-Version = %q, want [2026-04]", v)
			}
			if v := got.Header.Get("Authorization"); v != "" {
				t.Errorf("unexpected Authorization header %q", v)
			}
			if tc.body == "" {
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
			assertJSON(t, got.Body, tc.body)
		})
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

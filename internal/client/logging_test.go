package client

import (
	"bytes"
	"net/http"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const (
	secretAPIKey      = "pcsk_SECRET_123"
	secretKeyValue    = "pckey_secret"
	secretClientValue = "cs_secret_456"
)

var allSecrets = []string{secretAPIKey, secretKeyValue, secretClientValue}

// logEntries decodes tflogtest's JSON lines output.
func logEntries(t *testing.T, buf *bytes.Buffer) []map[string]any {
	t.Helper()
	entries, err := tflogtest.MultilineJSONDecode(bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatalf("decoding log output: %v\n%s", err, buf.String())
	}
	return entries
}

func assertNoSecrets(t *testing.T, out string) {
	t.Helper()
	if out == "" {
		t.Fatal("no log output captured")
	}
	for _, s := range allSecrets {
		if strings.Contains(out, s) {
			t.Errorf("log output contains secret %q:\n%s", s, out)
		}
	}
}

// secretServer answers with a body full of secrets and even echoes the key.
func secretServer(t *testing.T, status int) *fakeAPI {
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		w.Header().Set("X-Echo-Key", "key="+r.Header.Get("Api-Key"))
		w.Header().Set("Set-Cookie", "session="+secretClientValue)
		reply(w, status, `{"name":"s","host":"h","metric":"cosine","spec":{},"status":{"ready":true,"state":"Ready"},"vector_type":"dense",`+
			`"key":{"value":"`+secretKeyValue+`","name":"k"},"client_secret":"`+secretClientValue+`",`+
			`"items":[{"Client_Secret":"`+secretClientValue+`"}],"note":"your key is `+secretAPIKey+`"}`)
	})
}

func TestLogsNeverContainSecrets(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	api := secretServer(t, 200)
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIKey = secretAPIKey })

	if _, err := c.DescribeIndex(ctx, "my-index"); err != nil {
		t.Fatalf("DescribeIndex: %v", err)
	}
	// A request body with secrets, too.
	err := c.do(ctx, call{method: http.MethodPost, path: "/oauth/token", body: map[string]any{
		"client_id": "id", "client_secret": secretClientValue, "nested": []any{map[string]any{"api_key": secretAPIKey}},
	}, out: &map[string]any{}})
	if err != nil {
		t.Fatalf("POST: %v", err)
	}
	if api.requests()[0].Header.Get("Api-Key") != secretAPIKey {
		t.Fatal("the real key was not sent; the test would prove nothing")
	}

	out := buf.String()
	assertNoSecrets(t, out)
	for _, want := range []string{"/indexes/my-index", "/oauth/token", "Pinecone API response", "Sending Pinecone API request", LogSubsystem} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %q:\n%s", want, out)
		}
	}

	var sawStatus, sawReqHeaders, sawRespBody, sawReqBody bool
	for _, e := range logEntries(t, &buf) {
		if e["http_path"] == "/indexes/my-index" && e["http_status"] == float64(200) {
			sawStatus = true
		}
		if h, ok := e["http_req_headers"].(map[string]any); ok {
			sawReqHeaders = true
			if h["Api-Key"] != "***" {
				t.Errorf("Api-Key logged as %v, want ***", h["Api-Key"])
			}
			if h["X-Pinecone-Api-Version"] != DefaultAPIVersion {
				t.Errorf("version header logged as %v", h["X-Pinecone-Api-Version"])
			}
		}
		if b, ok := e["http_resp_body"].(string); ok && strings.Contains(b, `"name":"s"`) {
			sawRespBody = true
			if !strings.Contains(b, `"value":"***"`) || !strings.Contains(b, `"client_secret":"***"`) {
				t.Errorf("response body not redacted as expected: %s", b)
			}
		}
		if b, ok := e["http_req_body"].(string); ok && strings.Contains(b, "client_id") {
			sawReqBody = true
			if !strings.Contains(b, `"client_secret":"***"`) || !strings.Contains(b, `"api_key":"***"`) {
				t.Errorf("request body not redacted as expected: %s", b)
			}
		}
		if e["@module"] != nil && !strings.Contains(e["@module"].(string), LogSubsystem) {
			t.Errorf("entry logged outside the %s subsystem: %v", LogSubsystem, e)
		}
	}
	if !sawStatus || !sawReqHeaders || !sawRespBody || !sawReqBody {
		t.Errorf("missing entries: status %v, req headers %v, resp body %v, req body %v\n%s",
			sawStatus, sawReqHeaders, sawRespBody, sawReqBody, out)
	}
}

func TestLogsOfFailuresAndRetriesContainNoSecrets(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)

	// 401 echoing the key, then a retried 429 and 503.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch n {
		case 0:
			reply(w, 429, `{"error":{"code":"QUOTA_EXCEEDED","message":"key `+secretAPIKey+` is busy"},"status":429}`)
		case 1:
			w.Header().Set("Retry-After", "0")
			reply(w, 503, `not json but has `+secretAPIKey)
		default:
			reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "Invalid API key "+secretAPIKey))
		}
	})
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIKey = secretAPIKey })
	_, err := c.DescribeIndex(ctx, "s")
	if err == nil {
		t.Fatal("expected the final 401")
	}
	// A connection refused error is logged as well.
	c2 := newTestClient(t, closedPortURL(t), func(o *Options) { o.APIKey = secretAPIKey; o.Retry.MaxRetries = 0 })
	if _, err := c2.ListIndexes(ctx); err == nil {
		t.Fatal("expected a dial error")
	}

	out := buf.String()
	assertNoSecrets(t, out)
	for _, want := range []string{`"http_status":429`, `"http_status":503`, `"http_status":401`, "Pinecone API request failed", "non-JSON body, 32 bytes"} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %q:\n%s", want, out)
		}
	}
}

// Even when the subsystem's level comes from the root logger (no env var), the
// key does not appear, and debug lines are still written.
func TestLogsWithoutSubsystemEnv(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "")
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	api := secretServer(t, 201)
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIKey = secretAPIKey })
	if _, err := c.CreateIndex(ctx, CreateIndexRequest{Name: "s", Tags: map[string]string{"owner": "me"}}); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	assertNoSecrets(t, out)
	if !strings.Contains(out, `"http_status":201`) || !strings.Contains(out, `"http_path":"/indexes"`) {
		t.Errorf("log output lacks status or path:\n%s", out)
	}
}

func TestRedactBody(t *testing.T) {
	cases := []struct{ in, want string }{
		{"", ""},
		{`{"a":1}`, `{"a":1}`},
		{`{"value":"x","Secret":"y","API_KEY":"z","access_token":"t","refresh_token":"r","client_secret":"c"}`,
			`{"API_KEY":"***","Secret":"***","access_token":"***","client_secret":"***","refresh_token":"***","value":"***"}`},
		{`[{"k":{"value":{"deep":"x"}}},"value"]`, `[{"k":{"value":"***"}},"value"]`},
		{`not json`, `<non-JSON body, 8 bytes>`},
	}
	for _, tc := range cases {
		if got := redactBody([]byte(tc.in)); got != tc.want {
			t.Errorf("redactBody(%s) = %s, want %s", tc.in, got, tc.want)
		}
	}
}

func TestRedactHeaders(t *testing.T) {
	h := http.Header{}
	h.Set("Api-Key", "k1")
	h.Set("Authorization", "Bearer tok")
	h.Set("Cookie", "c")
	h.Set("X-Api-Key", "k2")
	h.Set("Accept", "application/json")
	h.Add("X-Multi", "a")
	h.Add("X-Multi", "b")
	h.Set("X-Echo", "my key is secret-key-1")
	got := redactHeaders(h, "secret-key-1")
	want := map[string]string{
		"Api-Key": "***", "Authorization": "***", "Cookie": "***", "X-Api-Key": "***",
		"Accept": "application/json", "X-Multi": "a, b", "X-Echo": "my key is ***",
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("%s = %q, want %q", k, got[k], v)
		}
	}
	if len(got) != len(want) {
		t.Errorf("got %d headers, want %d: %v", len(got), len(want), got)
	}
	if h.Get("Api-Key") != "k1" {
		t.Error("redactHeaders modified the request's headers")
	}
}

func TestCredentialValues(t *testing.T) {
	h := http.Header{}
	h.Set("Api-Key", " pcsk_1 ")
	h.Set("Authorization", "Bearer tok_2")
	h.Set("Accept", "application/json")
	got := strings.Join(credentialValues(h), "|")
	for _, want := range []string{"pcsk_1", "Bearer tok_2", "tok_2"} {
		if !strings.Contains(got, want) {
			t.Errorf("credentialValues = %q, missing %q", got, want)
		}
	}
	if strings.Contains(got, "application/json") {
		t.Errorf("credentialValues = %q includes a non-secret header", got)
	}
	if s := scrub("a tok_2 b tok_2", []string{"", "tok_2"}); s != "a *** b ***" {
		t.Errorf("scrub = %q", s)
	}
}

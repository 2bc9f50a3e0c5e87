package emulator

import (
	"net/http"
	"strings"
	"testing"
	"time"
)

// Token request bodies as real clients send them: JSON or form-encoded (spec
// oauth_2025-10.oas.yaml, get_token, TokenRequest).
const (
	bodyTokenJSON = `{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`
	bodyTokenForm = `client_id=pclocal-emulator-client&client_secret=pclocal-emulator-secret&grant_type=client_credentials&audience=https%3A%2F%2Fapi.pinecone.io%2F`
	formType      = "application/x-www-form-urlencoded"
)

// tokenRequest posts body to /oauth/token the way real clients do: no
// Api-Key and no version header.
func (e *testEnv) tokenRequest(body string, headers ...string) response {
	e.t.Helper()
	return e.do("POST", "/oauth/token", body, append([]string{"Api-Key", ""}, headers...)...)
}

// token returns a fresh access token for the default service account.
func (e *testEnv) token() string {
	e.t.Helper()
	b := e.tokenRequest(bodyTokenJSON).must(e.t, http.StatusOK)
	tok, _ := b["access_token"].(string)
	if tok == "" {
		e.t.Fatalf("no access_token in %v", b)
	}
	return tok
}

// admin sends an admin request with a Bearer token and no Api-Key.
func (e *testEnv) admin(token, method, path, body string, headers ...string) response {
	e.t.Helper()
	return e.do(method, path, body, append([]string{"Api-Key", "", "Authorization", "Bearer " + token}, headers...)...)
}

// wantOAuthError checks an OAuth error body: exactly error and
// error_description, the code, and a description containing desc.
func (r response) wantOAuthError(t *testing.T, status int, code, desc string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body: %s", r.status, status, r.raw)
	}
	if r.body == nil || len(r.body) != 2 {
		t.Fatalf("OAuth error body should have exactly error and error_description: %s", r.raw)
	}
	if r.body["error"] != code {
		t.Errorf("error = %v, want %s; body: %s", r.body["error"], code, r.raw)
	}
	d, _ := r.body["error_description"].(string)
	if d == "" || !strings.Contains(d, desc) {
		t.Errorf("error_description = %q, want it to contain %q", d, desc)
	}
}

func TestTokenJSONBody(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.tokenRequest(bodyTokenJSON)
	b := r.must(t, http.StatusOK)
	if len(b) != 3 {
		t.Errorf("token answer has other keys: %s", r.raw)
	}
	wantField(t, b, "Bearer", "token_type")
	wantField(t, b, 1800, "expires_in")
	tok, _ := b["access_token"].(string)
	if len(tok) < 32 {
		t.Errorf("access_token = %q, want an opaque random string", tok)
	}
	if cc := r.header.Get("Cache-Control"); cc != "no-store" {
		t.Errorf("Cache-Control = %q, want no-store", cc)
	}
	if other := e.token(); other == tok {
		t.Error("two token requests got the same token")
	}
	e.admin(tok, "GET", "/admin/projects", "").must(t, http.StatusOK)
	// charset parameters and extra fields are fine; the version header is
	// accepted when sent.
	e.tokenRequest(`{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","grant_type":"client_credentials","audience":"https://api.pinecone.io/","scope":"x"}`,
		"Content-Type", "application/json; charset=utf-8", "X-Pinecone-Api-Version", "2025-10").must(t, http.StatusOK)
	// No Content-Type at all is read as JSON.
	e.tokenRequest(bodyTokenJSON, "Content-Type", "").must(t, http.StatusOK)
}

func TestTokenFormBody(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.tokenRequest(bodyTokenForm, "Content-Type", formType).must(t, http.StatusOK)
	wantField(t, b, "Bearer", "token_type")
	tok, _ := b["access_token"].(string)
	e.admin(tok, "GET", "/admin/organizations", "").must(t, http.StatusOK)
	// A form with a wrong secret is refused like a JSON one.
	e.tokenRequest(strings.Replace(bodyTokenForm, "secret=pclocal", "secret=nope", 1), "Content-Type", formType).
		wantOAuthError(t, http.StatusUnauthorized, "access_denied", "Unauthorized")
	e.tokenRequest("grant_type=client_credentials", "Content-Type", formType).
		wantOAuthError(t, http.StatusBadRequest, "invalid_request", "client_id")
}

func TestTokenServiceAccounts(t *testing.T) {
	e := newEnv(t, Options{ServiceAccounts: map[string]string{"ci-bot": "s3cret", "": "x", "no-secret": ""}})
	e.tokenRequest(`{"client_id":"ci-bot","client_secret":"s3cret","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`).
		must(t, http.StatusOK)
	// The defaults only apply when no account is configured.
	e.tokenRequest(bodyTokenJSON).wantOAuthError(t, http.StatusUnauthorized, "access_denied", "Unauthorized")
	// Entries with an empty secret are ignored, not "any secret".
	e.tokenRequest(`{"client_id":"no-secret","client_secret":"anything","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`).
		wantOAuthError(t, http.StatusUnauthorized, "access_denied", "Unauthorized")
}

func TestTokenErrors(t *testing.T) {
	e := newEnv(t, Options{})
	const secret = "wrong-secret-value"
	for _, c := range []struct {
		name, body, contentType string
		status                  int
		code, desc              string
	}{
		{"wrong secret", `{"client_id":"pclocal-emulator-client","client_secret":"` + secret + `","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`, "", 401, "access_denied", "Unauthorized"},
		{"unknown client", `{"client_id":"someone","client_secret":"pclocal-emulator-secret","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`, "", 401, "access_denied", "Unauthorized"},
		{"missing grant_type", `{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","audience":"https://api.pinecone.io/"}`, "", 400, "invalid_request", "grant_type"},
		{"null grant_type", `{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","grant_type":null,"audience":"https://api.pinecone.io/"}`, "", 400, "invalid_request", "grant_type"},
		{"other grant_type", `{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","grant_type":"password","audience":"https://api.pinecone.io/"}`, "", 400, "invalid_request", "client_credentials"},
		{"missing audience", `{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","grant_type":"client_credentials"}`, "", 400, "invalid_request", "audience"},
		{"other audience", `{"client_id":"pclocal-emulator-client","client_secret":"pclocal-emulator-secret","grant_type":"client_credentials","audience":"https://example.com/"}`, "", 400, "invalid_request", "audience"},
		{"missing client_id", `{"client_secret":"pclocal-emulator-secret","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`, "", 400, "invalid_request", "client_id"},
		{"empty client_secret", `{"client_id":"pclocal-emulator-client","client_secret":"","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`, "", 400, "invalid_request", "client_secret"},
		{"number client_id", `{"client_id":5,"client_secret":"pclocal-emulator-secret","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`, "", 400, "invalid_request", "client_id must be a string"},
		{"not json", `{nope`, "", 400, "invalid_request", "JSON object"},
		{"array", `[]`, "", 400, "invalid_request", "JSON object"},
		{"empty body", ` `, "", 400, "invalid_request", ""},
		{"xml", `<token/>`, "application/xml", 400, "invalid_request", "Content-Type"},
	} {
		t.Run(c.name, func(t *testing.T) {
			var h []string
			if c.contentType != "" {
				h = []string{"Content-Type", c.contentType}
			}
			r := e.tokenRequest(c.body, h...)
			r.wantOAuthError(t, c.status, c.code, c.desc)
			if strings.Contains(r.raw, secret) || strings.Contains(r.raw, "pclocal-emulator-secret") {
				t.Errorf("the error repeats a secret: %s", r.raw)
			}
		})
	}
	e.srv.mu.Lock()
	n := len(e.srv.tokens)
	e.srv.mu.Unlock()
	if n != 0 {
		t.Errorf("failed requests issued %d tokens", n)
	}
}

func TestTokenExpiry(t *testing.T) {
	e := newEnv(t, Options{TokenTTL: 10 * time.Minute})
	b := e.tokenRequest(bodyTokenJSON).must(t, http.StatusOK)
	wantField(t, b, 600, "expires_in")
	tok := b["access_token"].(string)
	e.clock.Advance(10*time.Minute - time.Second)
	e.admin(tok, "GET", "/admin/projects", "").must(t, http.StatusOK)
	e.clock.Advance(time.Second)
	e.admin(tok, "GET", "/admin/projects", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "expired")
	// A new token works again.
	e.admin(e.token(), "GET", "/admin/projects", "").must(t, http.StatusOK)

	// The default TTL is 30 minutes.
	d := newEnv(t, Options{})
	tok = d.token()
	d.clock.Advance(30*time.Minute - time.Nanosecond)
	d.admin(tok, "GET", "/admin/projects", "").must(t, http.StatusOK)
	d.clock.Advance(time.Nanosecond)
	d.admin(tok, "GET", "/admin/projects", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "expired")

	// expires_in is whole seconds, at least 1.
	short := newEnv(t, Options{TokenTTL: 1500 * time.Millisecond})
	wantField(t, short.tokenRequest(bodyTokenJSON).must(t, http.StatusOK), 1, "expires_in")
	tiny := newEnv(t, Options{TokenTTL: time.Millisecond})
	wantField(t, tiny.tokenRequest(bodyTokenJSON).must(t, http.StatusOK), 1, "expires_in")
}

func TestOAuthNamespaceErrors(t *testing.T) {
	e := newEnv(t, Options{})
	r := e.do("GET", "/oauth/token", "", "Api-Key", "")
	r.wantOAuthError(t, http.StatusMethodNotAllowed, "invalid_request", "GET")
	if allow := r.header.Get("Allow"); allow != "POST" {
		t.Errorf("Allow = %q, want POST", allow)
	}
	e.do("POST", "/oauth/nope", bodyTokenJSON, "Api-Key", "").wantOAuthError(t, http.StatusNotFound, "not_found", "/oauth/nope")
	e.tokenRequest(bodyTokenJSON, "X-Pinecone-Api-Version", "2024-07").wantOAuthError(t, http.StatusBadRequest, "invalid_request", "2024-07")

	e.srv.SetFaults(Faults{ErrorRate: 1})
	for range 10 {
		r := e.tokenRequest(bodyTokenJSON)
		switch r.status {
		case http.StatusInternalServerError:
			r.wantOAuthError(t, 500, "server_error", "")
		case http.StatusServiceUnavailable:
			r.wantOAuthError(t, 503, "temporarily_unavailable", "")
		default:
			t.Fatalf("status %d with ErrorRate 1: %s", r.status, r.raw)
		}
	}
	e.srv.SetFaults(Faults{RateLimit: 1, RateBurst: 1})
	e.tokenRequest(bodyTokenJSON).must(t, http.StatusOK)
	r = e.tokenRequest(bodyTokenJSON)
	r.wantOAuthError(t, http.StatusTooManyRequests, "too_many_requests", "retry")
	if r.header.Get("Retry-After") == "" {
		t.Error("429 without Retry-After")
	}
}

func TestBearerEnforcement(t *testing.T) {
	e := newEnv(t, Options{TokenTTL: time.Minute})
	tok := e.token()
	for _, c := range []struct {
		name    string
		headers []string
		msg     string
	}{
		{"none", []string{"Api-Key", ""}, "Missing access token"},
		{"api key only", nil, "Missing access token"},
		{"garbage token", []string{"Api-Key", "", "Authorization", "Bearer garbage"}, "Invalid access token."},
		{"api key as token", []string{"Authorization", "Bearer " + DefaultAPIKey}, "Invalid access token."},
		{"basic scheme", []string{"Api-Key", "", "Authorization", "Basic " + tok}, "Malformed Authorization header"},
		{"bare token", []string{"Api-Key", "", "Authorization", tok}, "Malformed Authorization header"},
		{"empty bearer", []string{"Api-Key", "", "Authorization", "Bearer "}, "Malformed Authorization header"},
	} {
		t.Run(c.name, func(t *testing.T) {
			r := e.do("GET", "/admin/projects", "", c.headers...)
			r.wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", c.msg)
			if strings.Contains(r.raw, tok) {
				t.Errorf("the error repeats the token: %s", r.raw)
			}
		})
	}
	// Writes are refused before anything happens.
	e.do("POST", "/admin/projects", `{"name":"sneaky"}`).wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")
	e.admin(tok, "GET", "/admin/projects", "").must(t, http.StatusOK)
	// The scheme is case-insensitive, and an Api-Key next to the token does no harm.
	e.do("GET", "/admin/projects", "", "Authorization", "bearer "+tok).must(t, http.StatusOK)
	if n := len(e.admin(tok, "GET", "/admin/projects", "").body["data"].([]any)); n != 1 {
		t.Errorf("%d projects after a refused create, want 1", n)
	}
	// Authentication comes before routing, as for the Api-Key.
	e.do("GET", "/admin/nope", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")
	e.admin(tok, "GET", "/admin/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.admin(tok, "PUT", "/admin/projects", "{}").wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "PUT")
	// The version header rules apply to admin requests too.
	e.admin(tok, "GET", "/admin/projects", "", "X-Pinecone-Api-Version", "2026-04").must(t, http.StatusOK)
	e.admin(tok, "GET", "/admin/projects", "", "X-Pinecone-Api-Version", "2024-07").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "2024-07")
	// A token is not an Api-Key.
	e.do("GET", "/indexes", "", "Api-Key", tok).wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	// Expired tokens are refused.
	e.clock.Advance(time.Minute)
	e.admin(tok, "GET", "/admin/projects", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "expired")
}

package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const (
	testClientSecret = "cs_TOPSECRET_4242"
	tokenPath        = "/oauth/token"
)

// clientIDSeq keeps service-account ids unique per test: token sources are
// shared process-wide by credentials, so two tests must never collide.
var clientIDSeq atomic.Int64

func uniqueClientID(t *testing.T) string {
	return fmt.Sprintf("sa-%s-%d", strings.ReplaceAll(t.Name(), "/", "_"), clientIDSeq.Add(1))
}

// tokenReply is a successful token answer.
func tokenReply(token string, expiresIn int) string {
	return fmt.Sprintf(`{"access_token":%q,"token_type":"Bearer","expires_in":%d}`, token, expiresIn)
}

// newTokenServer is a fake OAuth endpoint at /oauth/token that hands out
// tok-1, tok-2, ... each valid for 1800 seconds.
func newTokenServer(t *testing.T) *fakeAPI {
	t.Helper()
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method != http.MethodPost || r.URL.Path != tokenPath {
			reply(w, 404, `{"error":"not_found","error_description":"wrong token path"}`)
			return
		}
		reply(w, 200, tokenReply(fmt.Sprintf("tok-%d", n+1), 1800))
	})
}

// newAdminAPI answers every admin call with an empty list.
func newAdminAPI(t *testing.T) *fakeAPI {
	t.Helper()
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"data":[]}`) })
}

// newServiceAccountClient builds a client whose admin calls use a service
// account with clientID against the token server tokens.
func newServiceAccountClient(t *testing.T, apiURL string, tokens *fakeAPI, clientID string, edit ...func(*Options)) *Client {
	t.Helper()
	return newTestClient(t, apiURL, append([]func(*Options){func(o *Options) {
		o.ClientID = clientID
		o.ClientSecret = testClientSecret
		o.TokenURL = tokens.URL() + tokenPath
	}}, edit...)...)
}

func bearerOf(r seenRequest) string { return r.Header.Get("Authorization") }

func TestTokenRequestThenBearerAdminCall(t *testing.T) {
	tokens := newTokenServer(t)
	api := newAdminAPI(t)
	id := uniqueClientID(t)
	c := newServiceAccountClient(t, api.URL(), tokens, id, func(o *Options) { o.UserAgent = "tf-test/1" })

	if !c.HasAdminCredentials() {
		t.Fatal("HasAdminCredentials = false with a service account")
	}
	if n := c.TokenFetches(); n != 0 {
		t.Fatalf("TokenFetches = %d before any call", n)
	}
	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatalf("ListProjects: %v", err)
	}

	tr := tokens.only(t)
	if tr.Method != http.MethodPost || tr.RequestURI != tokenPath {
		t.Errorf("token request = %s %s, want POST %s", tr.Method, tr.RequestURI, tokenPath)
	}
	assertJSON(t, tr.Body, fmt.Sprintf(
		`{"client_id":%q,"client_secret":%q,"grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`,
		id, testClientSecret))
	if v := tr.Header.Get("Content-Type"); v != "application/json" {
		t.Errorf("token request Content-Type = %q, want application/json", v)
	}
	for _, h := range []string{"Api-Key", "X-Pinecone-Api-Version", "Authorization"} {
		if v, ok := tr.Header[h]; ok {
			t.Errorf("token request carries %s: %q", h, v)
		}
	}

	ar := api.only(t)
	if ar.Method != http.MethodGet || ar.RequestURI != "/admin/projects" {
		t.Errorf("admin request = %s %s", ar.Method, ar.RequestURI)
	}
	if got := bearerOf(ar); got != "Bearer tok-1" {
		t.Errorf("Authorization = %q, want Bearer tok-1", got)
	}
	if v, ok := ar.Header["Api-Key"]; ok {
		t.Errorf("admin request carries Api-Key %q", v)
	}
	if v := ar.Header.Get("X-Pinecone-Api-Version"); v != DefaultAPIVersion {
		t.Errorf("admin X-Pinecone-Api-Version = %q, want %q", v, DefaultAPIVersion)
	}
	if v := ar.Header.Get("User-Agent"); v != "tf-test/1" {
		t.Errorf("admin User-Agent = %q", v)
	}
	if n := c.TokenFetches(); n != 1 {
		t.Errorf("TokenFetches = %d, want 1", n)
	}
}

// Control-plane calls keep using the API key even when a service account is
// configured, and never carry the Bearer token.
func TestControlPlaneCallsKeepAPIKey(t *testing.T) {
	tokens := newTokenServer(t)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if strings.HasPrefix(r.URL.Path, "/admin/") {
			reply(w, 200, `{"data":[]}`)
			return
		}
		reply(w, 200, `{"indexes":[]}`)
	})
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	ctx := t.Context()
	if _, err := c.ListProjects(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c.ListIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d requests, want 2", len(reqs))
	}
	if got := reqs[1].Header.Get("Api-Key"); got != testAPIKey {
		t.Errorf("ListIndexes Api-Key = %q, want %q", got, testAPIKey)
	}
	if v, ok := reqs[1].Header["Authorization"]; ok {
		t.Errorf("ListIndexes carries Authorization %q", v)
	}
}

func TestTokenCachedAcrossSequentialCalls(t *testing.T) {
	tokens := newTokenServer(t)
	api := newAdminAPI(t)
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	ctx := t.Context()
	for i := range 10 {
		if _, err := c.ListOrganizations(ctx); err != nil {
			t.Fatalf("call %d: %v", i, err)
		}
	}
	if n := tokens.count(); n != 1 {
		t.Errorf("%d token requests for 10 admin calls, want 1", n)
	}
	for i, r := range api.requests() {
		if got := bearerOf(r); got != "Bearer tok-1" {
			t.Errorf("call %d: Authorization = %q", i, got)
		}
	}
	if n := api.count(); n != 10 {
		t.Errorf("%d admin requests, want 10", n)
	}
	if n := c.TokenFetches(); n != 1 {
		t.Errorf("TokenFetches = %d, want 1", n)
	}
}

func TestTokenFetchedOnceForConcurrentCalls(t *testing.T) {
	// A slow token endpoint keeps the first fetch open while every other
	// goroutine arrives, so callers that do not wait for it would each fetch.
	tokens := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		time.Sleep(50 * time.Millisecond)
		reply(w, 200, tokenReply(fmt.Sprintf("tok-%d", n+1), 1800))
	})
	api := newAdminAPI(t)
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))

	const workers = 20
	start := make(chan struct{})
	errs := make(chan error, workers)
	var wg sync.WaitGroup
	for range workers {
		wg.Go(func() {
			<-start
			_, err := c.ListProjects(t.Context())
			errs <- err
		})
	}
	close(start)
	wg.Wait()
	close(errs)
	for err := range errs {
		if err != nil {
			t.Errorf("ListProjects: %v", err)
		}
	}
	if n := tokens.count(); n != 1 {
		t.Errorf("%d token requests for %d concurrent calls, want 1", n, workers)
	}
	if n := api.count(); n != workers {
		t.Errorf("%d admin requests, want %d", n, workers)
	}
	for i, r := range api.requests() {
		if got := bearerOf(r); got != "Bearer tok-1" {
			t.Errorf("request %d: Authorization = %q", i, got)
		}
	}
}

func TestRefreshMargin(t *testing.T) {
	cases := []struct{ lifetime, want time.Duration }{
		{30 * time.Minute, time.Minute},
		{24 * time.Hour, time.Minute},
		{5 * time.Minute, 30 * time.Second},
		{100 * time.Second, 10 * time.Second},
		{10 * time.Second, time.Second},
	}
	for _, tc := range cases {
		if got := refreshMargin(tc.lifetime); got != tc.want {
			t.Errorf("refreshMargin(%v) = %v, want %v", tc.lifetime, got, tc.want)
		}
	}
}

func TestTokenRefreshedBeforeExpiry(t *testing.T) {
	cases := []struct {
		name      string
		expiresIn int
		stillOK   time.Duration // the cached token is still used at this age
		refreshed time.Duration // a new token is fetched at this age (before real expiry)
	}{
		// 1800 s lifetime, refreshed one minute early.
		{"30 minutes", 1800, 1739 * time.Second, 1741 * time.Second},
		// 100 s lifetime, refreshed a tenth early.
		{"100 seconds", 100, 89 * time.Second, 91 * time.Second},
		// No lifetime in the answer: five minutes assumed, refreshed 30 s early.
		{"missing expires_in", 0, 269 * time.Second, 271 * time.Second},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tokens := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				reply(w, 200, tokenReply(fmt.Sprintf("tok-%d", n+1), tc.expiresIn))
			})
			api := newAdminAPI(t)
			c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
			clock := newFakeClock()
			c.tokens.now = clock.now
			t0 := clock.now()
			ctx := t.Context()
			at := func(age time.Duration) {
				t.Helper()
				clock.mu.Lock()
				clock.t = t0.Add(age)
				clock.mu.Unlock()
				if _, err := c.ListProjects(ctx); err != nil {
					t.Fatalf("ListProjects at %v: %v", age, err)
				}
			}

			at(0)
			at(tc.stillOK)
			if n := tokens.count(); n != 1 {
				t.Fatalf("%d token requests at age %v, want 1 (token still fresh)", n, tc.stillOK)
			}
			at(tc.refreshed)
			if n := tokens.count(); n != 2 {
				t.Fatalf("%d token requests at age %v, want 2 (token due for refresh)", n, tc.refreshed)
			}
			reqs := api.requests()
			want := []string{"Bearer tok-1", "Bearer tok-1", "Bearer tok-2"}
			for i, r := range reqs {
				if got := bearerOf(r); got != want[i] {
					t.Errorf("call %d: Authorization = %q, want %q", i, got, want[i])
				}
			}
			// The new token lives from the time it was fetched.
			at(tc.refreshed + tc.stillOK)
			if n := tokens.count(); n != 2 {
				t.Errorf("%d token requests, want 2 (refreshed token still fresh)", n)
			}
			if n := c.TokenFetches(); n != 2 {
				t.Errorf("TokenFetches = %d, want 2", n)
			}
		})
	}
}

func TestAdmin401FetchesNewTokenOnce(t *testing.T) {
	tokens := newTokenServer(t)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "Token expired"))
			return
		}
		reply(w, 200, `{"data":[]}`)
	})
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatalf("ListProjects after one 401: %v", err)
	}
	if n := tokens.count(); n != 2 {
		t.Errorf("%d token requests, want 2 (one extra after the 401)", n)
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("%d admin requests, want 2", len(reqs))
	}
	if bearerOf(reqs[0]) != "Bearer tok-1" || bearerOf(reqs[1]) != "Bearer tok-2" {
		t.Errorf("Authorization = %q then %q, want tok-1 then tok-2", bearerOf(reqs[0]), bearerOf(reqs[1]))
	}
	// The new token is cached for the next call.
	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatal(err)
	}
	if n := tokens.count(); n != 2 {
		t.Errorf("%d token requests after a further call, want 2", n)
	}
	if got := bearerOf(api.requests()[2]); got != "Bearer tok-2" {
		t.Errorf("third call Authorization = %q, want Bearer tok-2", got)
	}
}

func TestAdminRepeated401IsUnauthenticated(t *testing.T) {
	tokens := newTokenServer(t)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "Invalid token"))
	})
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	_, err := c.DescribeProject(t.Context(), "p")
	if !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("err = %v, want ErrUnauthenticated", err)
	}
	if apiErr, ok := AsAPIError(err); !ok || apiErr.Status != 401 || apiErr.Code != "UNAUTHENTICATED" {
		t.Errorf("err = %#v, want the 401 APIError", err)
	}
	if n := api.count(); n != 2 {
		t.Errorf("%d admin requests, want 2 (one retry)", n)
	}
	if n := tokens.count(); n != 2 {
		t.Errorf("%d token requests, want 2", n)
	}
}

// Other admin errors do not cost a new token.
func TestAdminOtherErrorsKeepToken(t *testing.T) {
	tokens := newTokenServer(t)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 403, pineconeError(403, "FORBIDDEN", "not allowed"))
	})
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	if err := c.DeleteProject(t.Context(), "p"); !errors.Is(err, ErrForbidden) {
		t.Fatalf("err = %v, want ErrForbidden", err)
	}
	if api.count() != 1 || tokens.count() != 1 {
		t.Errorf("%d admin and %d token requests, want 1 and 1", api.count(), tokens.count())
	}
}

func TestTokenEndpointRejectsCredentials(t *testing.T) {
	tokens := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 401, `{"error":"access_denied","error_description":"Unauthorized"}`)
	})
	api := newAdminAPI(t)
	id := uniqueClientID(t)
	c := newServiceAccountClient(t, api.URL(), tokens, id)
	_, err := c.ListProjects(t.Context())
	if !errors.Is(err, ErrUnauthenticated) {
		t.Fatalf("err = %v, want ErrUnauthenticated", err)
	}
	msg := err.Error()
	if !strings.Contains(msg, id) {
		t.Errorf("error %q does not name the client id %q", msg, id)
	}
	if strings.Contains(msg, testClientSecret) {
		t.Errorf("error %q contains the client secret", msg)
	}
	if !strings.Contains(msg, "access_denied") || !strings.Contains(msg, "Unauthorized") {
		t.Errorf("error %q lacks the OAuth error and description", msg)
	}
	if apiErr, ok := AsAPIError(err); !ok || apiErr.Code != "access_denied" {
		t.Errorf("err = %#v, want an APIError with code access_denied", err)
	}
	if n := api.count(); n != 0 {
		t.Errorf("%d admin requests without a token", n)
	}
	if n := tokens.count(); n != 1 {
		t.Errorf("%d token requests, want 1 (a rejected secret is not retried)", n)
	}
	if n := c.TokenFetches(); n != 0 {
		t.Errorf("TokenFetches = %d after a failed fetch", n)
	}
}

func TestTokenAnswerWithoutAccessToken(t *testing.T) {
	tokens := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, `{"token_type":"Bearer","expires_in":1800}`)
	})
	api := newAdminAPI(t)
	id := uniqueClientID(t)
	c := newServiceAccountClient(t, api.URL(), tokens, id)
	_, err := c.ListProjects(t.Context())
	if err == nil || !strings.Contains(err.Error(), "access_token") || !strings.Contains(err.Error(), id) {
		t.Fatalf("err = %v, want an error about the missing access_token naming the client", err)
	}
	if n := api.count(); n != 0 {
		t.Errorf("%d admin requests without a token", n)
	}
	if n := c.TokenFetches(); n != 0 {
		t.Errorf("TokenFetches = %d, want 0", n)
	}
}

// Minting a token has no side effect, so transient failures of the token
// endpoint are retried like any idempotent call.
func TestTokenRequestRetriedAfterTransientFailures(t *testing.T) {
	for _, tc := range []struct {
		name  string
		first func(t *testing.T, w http.ResponseWriter)
	}{
		{"503", func(t *testing.T, w http.ResponseWriter) { reply(w, 503, `{"error":"temporarily_unavailable"}`) }},
		{"429", func(t *testing.T, w http.ResponseWriter) { reply(w, 429, `{"error":"too_many_requests"}`) }},
		{"dropped connection", dropConnection},
	} {
		t.Run(tc.name, func(t *testing.T) {
			tokens := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					tc.first(t, w)
					return
				}
				reply(w, 200, tokenReply("tok-ok", 1800))
			})
			api := newAdminAPI(t)
			c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
			if _, err := c.ListProjects(t.Context()); err != nil {
				t.Fatalf("ListProjects: %v", err)
			}
			if n := tokens.count(); n != 2 {
				t.Errorf("%d token requests, want 2", n)
			}
			reqs := tokens.requests()
			if !bytes.Equal(reqs[0].Body, reqs[1].Body) {
				t.Errorf("retried token body differs: %q vs %q", reqs[0].Body, reqs[1].Body)
			}
			if got := bearerOf(api.only(t)); got != "Bearer tok-ok" {
				t.Errorf("Authorization = %q", got)
			}
			if n := c.TokenFetches(); n != 1 {
				t.Errorf("TokenFetches = %d, want 1", n)
			}
		})
	}
}

func TestTokenSharedBetweenClientsWithSameCredentials(t *testing.T) {
	tokens := newTokenServer(t)
	otherTokens := newTokenServer(t)
	api := newAdminAPI(t)
	ctx := t.Context()
	id := uniqueClientID(t)

	c1 := newServiceAccountClient(t, api.URL(), tokens, id)
	c2 := newServiceAccountClient(t, api.URL(), tokens, id)
	if c1.tokens != c2.tokens {
		t.Error("clients with the same credentials have different token sources")
	}
	if _, err := c1.ListProjects(ctx); err != nil {
		t.Fatal(err)
	}
	if _, err := c2.ListProjects(ctx); err != nil {
		t.Fatal(err)
	}
	if n := tokens.count(); n != 1 {
		t.Errorf("%d token requests for two clients with the same credentials, want 1", n)
	}
	if c1.TokenFetches() != 1 || c2.TokenFetches() != 1 {
		t.Errorf("TokenFetches = %d and %d, want 1 and 1", c1.TokenFetches(), c2.TokenFetches())
	}

	// Another client id, another secret or another token URL: separate tokens.
	others := []*Client{
		newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t)),
		newServiceAccountClient(t, api.URL(), tokens, id, func(o *Options) { o.ClientSecret = testClientSecret + "-other" }),
	}
	for i, c := range others {
		if c.tokens == c1.tokens {
			t.Errorf("other client %d shares the first client's token source", i)
		}
		if _, err := c.ListProjects(ctx); err != nil {
			t.Fatal(err)
		}
		if n := tokens.count(); n != 2+i {
			t.Errorf("other client %d: %d token requests, want %d", i, n, 2+i)
		}
		if n := c.TokenFetches(); n != 1 {
			t.Errorf("other client %d: TokenFetches = %d, want 1", i, n)
		}
	}
	c5 := newServiceAccountClient(t, api.URL(), otherTokens, id)
	if c5.tokens == c1.tokens {
		t.Error("a client with another token URL shares the token source")
	}
	if _, err := c5.ListProjects(ctx); err != nil {
		t.Fatal(err)
	}
	if n := otherTokens.count(); n != 1 {
		t.Errorf("%d requests to the second token URL, want 1", n)
	}
	if n := tokens.count(); n != 3 {
		t.Errorf("%d requests to the first token URL, want 3", n)
	}
}

func TestTokenInvalidateOnlyDropsTheRejectedToken(t *testing.T) {
	ts := &tokenSource{token: "new", now: time.Now}
	ts.invalidate("old")
	if ts.token != "new" {
		t.Errorf("invalidate(old) dropped the newer token %q", ts.token)
	}
	ts.invalidate("new")
	if ts.token != "" {
		t.Errorf("invalidate(new) kept %q", ts.token)
	}
}

func TestAccessTokenUsedDirectly(t *testing.T) {
	tokens := newTokenServer(t)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 1 {
			reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "expired"))
			return
		}
		reply(w, 200, `{"data":[]}`)
	})
	// A ready token wins over service-account credentials.
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t), func(o *Options) { o.AccessToken = "static-token" })
	if !c.HasAdminCredentials() {
		t.Error("HasAdminCredentials = false with an access token")
	}
	if _, err := c.ListProjects(t.Context()); err != nil {
		t.Fatal(err)
	}
	if got := bearerOf(api.only(t)); got != "Bearer static-token" {
		t.Errorf("Authorization = %q, want Bearer static-token", got)
	}
	// A rejected static token cannot be renewed: the 401 is returned at once.
	if _, err := c.ListProjects(t.Context()); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
	if n := api.count(); n != 2 {
		t.Errorf("%d admin requests, want 2", n)
	}
	if n := tokens.count(); n != 0 {
		t.Errorf("%d token requests with an access token", n)
	}
	if n := c.TokenFetches(); n != 0 {
		t.Errorf("TokenFetches = %d", n)
	}
}

// adminCalls runs every admin method once; it returns each one's error.
func adminCalls(ctx context.Context, c *Client) map[string]error {
	errs := map[string]error{}
	_, errs["ListProjects"] = c.ListProjects(ctx)
	_, errs["CreateProject"] = c.CreateProject(ctx, CreateProjectRequest{Name: "p"})
	_, errs["DescribeProject"] = c.DescribeProject(ctx, "p")
	_, errs["UpdateProject"] = c.UpdateProject(ctx, "p", UpdateProjectRequest{Name: ptr("q")})
	errs["DeleteProject"] = c.DeleteProject(ctx, "p")
	_, errs["ListAPIKeys"] = c.ListAPIKeys(ctx, "p")
	_, errs["CreateAPIKey"] = c.CreateAPIKey(ctx, "p", CreateAPIKeyRequest{Name: "k"})
	_, errs["DescribeAPIKey"] = c.DescribeAPIKey(ctx, "k")
	_, errs["UpdateAPIKey"] = c.UpdateAPIKey(ctx, "k", UpdateAPIKeyRequest{Name: ptr("n")})
	errs["DeleteAPIKey"] = c.DeleteAPIKey(ctx, "k")
	_, errs["ListOrganizations"] = c.ListOrganizations(ctx)
	_, errs["DescribeOrganization"] = c.DescribeOrganization(ctx, "o")
	return errs
}

func TestNoAdminCredentials(t *testing.T) {
	tokens := newTokenServer(t)
	api := newAdminAPI(t)
	cases := map[string]func(*Options){
		"none":             func(o *Options) {},
		"client id only":   func(o *Options) { o.ClientID = uniqueClientID(t); o.TokenURL = tokens.URL() + tokenPath },
		"secret only":      func(o *Options) { o.ClientSecret = testClientSecret; o.TokenURL = tokens.URL() + tokenPath },
		"token URL only":   func(o *Options) { o.TokenURL = tokens.URL() + tokenPath },
		"no key either":    func(o *Options) { o.APIKey = "" },
		"blank everything": func(o *Options) { o.APIKey, o.AccessToken, o.ClientID, o.ClientSecret = "", "", "", "" },
	}
	for name, edit := range cases {
		t.Run(name, func(t *testing.T) {
			c := newTestClient(t, api.URL(), edit)
			if c.HasAdminCredentials() {
				t.Error("HasAdminCredentials = true")
			}
			if n := c.TokenFetches(); n != 0 {
				t.Errorf("TokenFetches = %d", n)
			}
			for call, err := range adminCalls(t.Context(), c) {
				if !errors.Is(err, ErrMissingAdminCredentials) {
					t.Errorf("%s: err = %v, want ErrMissingAdminCredentials", call, err)
				}
			}
		})
	}
	if n := api.count() + tokens.count(); n != 0 {
		t.Errorf("%d requests were made without admin credentials", n)
	}
}

func TestAdminCredentialsWithoutAPIKey(t *testing.T) {
	tokens := newTokenServer(t)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case strings.HasSuffix(r.URL.Path, "/api-keys"):
			reply(w, 200, `{"key":{"id":"k","name":"n","project_id":"p","roles":[]},"value":"v"}`)
		case r.Method == http.MethodDelete:
			reply(w, 202, "")
		case strings.Contains(r.URL.Path, "/admin/") && r.URL.Path != "/admin/projects" && r.URL.Path != "/admin/organizations":
			reply(w, 200, `{"id":"x","name":"n"}`)
		default:
			reply(w, 200, `{"data":[]}`)
		}
	})
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t), func(o *Options) { o.APIKey = "" })
	if c.HasAPIKey() {
		t.Error("HasAPIKey = true without a key")
	}
	if !c.HasAdminCredentials() {
		t.Error("HasAdminCredentials = false with a service account")
	}
	ctx := t.Context()
	if _, err := c.ListIndexes(ctx); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("ListIndexes: err = %v, want ErrMissingAPIKey", err)
	}
	if _, err := c.ListCollections(ctx); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("ListCollections: err = %v, want ErrMissingAPIKey", err)
	}
	if n := api.count(); n != 0 {
		t.Fatalf("%d requests for control-plane calls without an API key", n)
	}
	for call, err := range adminCalls(ctx, c) {
		if err != nil {
			t.Errorf("%s without an API key: %v", call, err)
		}
	}
	for _, r := range api.requests() {
		if v, ok := r.Header["Api-Key"]; ok {
			t.Errorf("%s %s carries Api-Key %q", r.Method, r.Path, v)
		}
	}
	if n := tokens.count(); n != 1 {
		t.Errorf("%d token requests, want 1", n)
	}
}

func TestNewRejectsBadTokenURL(t *testing.T) {
	_, err := New(Options{ClientID: "id", ClientSecret: testClientSecret, TokenURL: "ftp://login.example.com/oauth/token"})
	if err == nil || !strings.Contains(err.Error(), "token URL") {
		t.Fatalf("err = %v, want an invalid token URL error", err)
	}
	// The default token URL is used when none is given.
	c, err := New(Options{ClientID: uniqueClientID(t), ClientSecret: testClientSecret})
	if err != nil {
		t.Fatal(err)
	}
	if got := c.tokens.tokenURL.String(); got != DefaultTokenURL {
		t.Errorf("token URL = %q, want %q", got, DefaultTokenURL)
	}
}

// The token fetch and the admin calls that follow never log the client
// secret, the access token or a new key's value, while paths are logged.
func TestAdminLogsContainNoSecrets(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	const (
		accessToken = "eyJhbGciOi.SECRETTOKEN.xyz"
		keyValue    = "pckey_abc_SECRETVALUE"
	)
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)

	tokens := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, tokenReply(accessToken, 1800))
	})
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case n == 0:
			// A 401 that echoes the token, to exercise the refresh path too.
			reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "token "+accessToken+" rejected"))
		case r.Method == http.MethodPost:
			reply(w, 201, `{"key":{"id":"k-1","name":"ci","project_id":"p-1","roles":["ProjectEditor"]},"value":"`+keyValue+`"}`)
		default:
			reply(w, 200, `{"data":[]}`)
		}
	})
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	if _, err := c.ListProjects(ctx); err != nil {
		t.Fatalf("ListProjects: %v", err)
	}
	key, err := c.CreateAPIKey(ctx, "p-1", CreateAPIKeyRequest{Name: "ci"})
	if err != nil {
		t.Fatalf("CreateAPIKey: %v", err)
	}
	// The secrets really travelled, so their absence from the log means something.
	if key.Value != keyValue {
		t.Fatalf("key value = %q", key.Value)
	}
	if got := bearerOf(api.requests()[1]); got != "Bearer "+accessToken {
		t.Fatalf("Authorization = %q", got)
	}
	if !bytes.Contains(tokens.requests()[0].Body, []byte(testClientSecret)) {
		t.Fatal("the client secret was not sent")
	}

	out := buf.String()
	if out == "" {
		t.Fatal("no log output captured")
	}
	for _, secret := range []string{testClientSecret, accessToken, "SECRETTOKEN", keyValue, "SECRETVALUE"} {
		if strings.Contains(out, secret) {
			t.Errorf("log output contains %q:\n%s", secret, out)
		}
	}
	for _, want := range []string{`"http_path":"/oauth/token"`, `"http_path":"/admin/projects"`, `"http_path":"/admin/projects/p-1/api-keys"`,
		`"http_status":401`, `"http_status":201`} {
		if !strings.Contains(out, want) {
			t.Errorf("log output lacks %s:\n%s", want, out)
		}
	}
	// The bodies are logged, with the sensitive fields masked rather than dropped.
	var bodies strings.Builder
	for _, e := range logEntries(t, &buf) {
		for _, f := range []string{"http_req_body", "http_resp_body"} {
			if b, ok := e[f].(string); ok {
				bodies.WriteString(b + "\n")
			}
		}
		if h, ok := e["http_req_headers"].(map[string]any); ok && h["Authorization"] != nil && h["Authorization"] != "***" {
			t.Errorf("Authorization logged as %v", h["Authorization"])
		}
	}
	for _, want := range []string{`"client_secret":"***"`, `"access_token":"***"`, `"value":"***"`, `"grant_type":"client_credentials"`} {
		if !strings.Contains(bodies.String(), want) {
			t.Errorf("logged bodies lack %s:\n%s", want, bodies.String())
		}
	}
}

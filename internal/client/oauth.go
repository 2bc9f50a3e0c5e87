package client

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"sync"
	"time"
)

// DefaultTokenURL is Pinecone's OAuth token endpoint for service accounts.
const DefaultTokenURL = "https://login.pinecone.io/oauth/token"

// tokenAudience is the audience Pinecone's token endpoint requires.
const tokenAudience = "https://api.pinecone.io/"

// ErrMissingAdminCredentials is returned by admin calls when the client has
// neither an access token nor service-account credentials.
var ErrMissingAdminCredentials = errors.New("no Pinecone admin credentials configured")

type tokenRequest struct {
	ClientID     string `json:"client_id"`
	ClientSecret string `json:"client_secret"`
	GrantType    string `json:"grant_type"`
	Audience     string `json:"audience"`
}

type tokenResponse struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// tokenSource fetches a service-account token on first use, caches it and
// fetches a new one shortly before it expires. Concurrent callers wait for
// one fetch instead of each starting their own.
type tokenSource struct {
	tokenURL     *url.URL
	clientID     string
	clientSecret string
	now          func() time.Time

	mu      sync.Mutex
	token   string
	expires time.Time
	fetches int // for tests and diagnostics
}

// sharedTokenSources lets every client built with the same credentials in
// this process share one token: Terraform configures the provider several
// times per run, and each resource must not cost a token request.
var sharedTokenSources sync.Map

func sharedTokenSource(tokenURL *url.URL, clientID, clientSecret string) *tokenSource {
	sum := sha256.Sum256([]byte(tokenURL.String() + "\x00" + clientID + "\x00" + clientSecret))
	key := hex.EncodeToString(sum[:])
	ts, _ := sharedTokenSources.LoadOrStore(key, &tokenSource{
		tokenURL: tokenURL, clientID: clientID, clientSecret: clientSecret, now: time.Now,
	})
	return ts.(*tokenSource) //nolint:forcetypeassert // only *tokenSource is ever stored
}

// refreshMargin is how long before expiry a token is replaced: a tenth of
// its lifetime, at most a minute.
func refreshMargin(lifetime time.Duration) time.Duration {
	m := lifetime / 10
	if m > time.Minute {
		m = time.Minute
	}
	return m
}

// get returns a valid token, fetching one through c if needed.
func (ts *tokenSource) get(ctx context.Context, c *Client) (string, error) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token != "" && ts.now().Before(ts.expires) {
		return ts.token, nil
	}
	var out tokenResponse
	err := c.send(ctx, call{
		method: http.MethodPost, base: ts.tokenURL, path: "",
		body: tokenRequest{ClientID: ts.clientID, ClientSecret: ts.clientSecret, GrantType: "client_credentials", Audience: tokenAudience},
		out:  &out, noVersion: true,
		// Minting a token has no side effect to duplicate, so a 5xx or a
		// broken connection is retried like an idempotent call.
		retrySafe: true,
	}, nil)
	if err != nil {
		return "", fmt.Errorf("getting a Pinecone access token for client %q: %w", ts.clientID, err)
	}
	if out.AccessToken == "" {
		return "", fmt.Errorf("getting a Pinecone access token for client %q: the answer holds no access_token", ts.clientID)
	}
	ts.fetches++
	lifetime := time.Duration(out.ExpiresIn) * time.Second
	if lifetime <= 0 {
		lifetime = 5 * time.Minute
	}
	ts.token = out.AccessToken
	ts.expires = ts.now().Add(lifetime - refreshMargin(lifetime))
	return ts.token, nil
}

// invalidate drops a token the server rejected, so the next call fetches a
// new one.
func (ts *tokenSource) invalidate(token string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.token == token {
		ts.token = ""
	}
}

// TokenFetches reports how many tokens this client's service account has
// fetched in this process (for tests and benchmarks).
func (c *Client) TokenFetches() int {
	if c.tokens == nil {
		return 0
	}
	c.tokens.mu.Lock()
	defer c.tokens.mu.Unlock()
	return c.tokens.fetches
}

// HasAdminCredentials reports whether admin calls can be made.
func (c *Client) HasAdminCredentials() bool { return c.accessToken != "" || c.tokens != nil }

// Package client is a typed client for Pinecone's control-plane API. It knows
// HTTP, Pinecone's paths and JSON shapes, retries and waiting; it knows nothing
// about Terraform except tflog for request logs.
package client

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

const (
	// DefaultBaseURL is Pinecone's control plane.
	DefaultBaseURL = "https://api.pinecone.io"
	// DefaultAPIVersion is the X-Pinecone-Api-Version the client speaks
	// unless Options.APIVersion says otherwise: 2026-07, Pinecone's current
	// stable version (its TypeScript client 9.0.0 sends it for every API
	// group: @pinecone-database/pinecone on npm, api_version.ts).
	DefaultAPIVersion = "2026-07"
	// LegacyAPIVersion is sent, by a client that speaks 2026-07, for exactly
	// the operations 2026-07 lacks: creating pod-based indexes, creating an
	// index from a collection or with a metadata schema, and adding or
	// remapping integrated inference on an existing index. Pinecone's docs
	// say to "send an earlier X-Pinecone-Api-Version" for them
	// (https://docs.pinecone.io/guides/legacy/pod-based-indexes/create-a-pod-based-index).
	LegacyAPIVersion = "2026-04"

	// schemaAPIVersion is the first version that describes indexes by a
	// deployment and a typed schema; bodies in that shape are sent with it.
	schemaAPIVersion = "2026-07"

	headerAPIKey     = "Api-Key"
	headerAPIVersion = "X-Pinecone-Api-Version"
)

// Options configures a Client. Zero values take the documented defaults.
type Options struct {
	APIKey     string
	BaseURL    string // control plane; the scheme is kept (http:// works for the emulator)
	APIVersion string
	UserAgent  string
	Retry      RetryPolicy
	// Transport is the innermost round tripper (default http.DefaultTransport).
	Transport http.RoundTripper
	// Poll tunes waiting for asynchronous operations; zero = DefaultPollConfig.
	Poll PollConfig

	// Admin API credentials: a ready AccessToken, or a service account
	// (ClientID/ClientSecret) whose token is fetched from TokenURL on the
	// first admin call and cached.
	AccessToken  string
	ClientID     string
	ClientSecret string
	TokenURL     string // default DefaultTokenURL

	// DataPlaneURL, when set, receives every request meant for an index's
	// host (https://{host}), with that host in the Host header. It exists for
	// emulators, which serve every index on one address; leave it empty
	// against Pinecone.
	DataPlaneURL string
}

// Client calls Pinecone's control plane. It is safe for concurrent use.
type Client struct {
	apiKey     string
	baseURL    *url.URL
	apiVersion string
	userAgent  string
	http       *http.Client
	poll       PollConfig

	accessToken string
	tokens      *tokenSource // nil without service-account credentials

	rt *retryTransport // its 429 gate paces the shared poller
	// Shared lists (index_board.go): waits and reads of many objects of one
	// kind cost one list request per tick.
	indexes     *board[IndexModel]
	collections *board[CollectionModel]
	assistants  *board[Assistant]
	backups     *board[BackupModel]

	dataPlaneURL *url.URL // Options.DataPlaneURL; nil = https://{host}
	dataPlanes   sync.Map // index host -> *DataPlane
}

// New builds a Client. A missing API key is not an error here: calls that
// need one fail with ErrMissingAPIKey.
func New(opts Options) (*Client, error) {
	base, err := ParseBaseURL(opts.BaseURL)
	if err != nil {
		return nil, err
	}
	version := opts.APIVersion
	if version == "" {
		version = DefaultAPIVersion
	}
	inner := opts.Transport
	if inner == nil {
		inner = http.DefaultTransport
	}
	policy := opts.Retry
	if policy == (RetryPolicy{}) {
		policy = DefaultRetryPolicy()
	}
	poll := opts.Poll
	if poll == (PollConfig{}) {
		poll = DefaultPollConfig()
	}
	rt := newRetryTransport(&loggingTransport{next: inner}, policy)
	c := &Client{
		apiKey:      opts.APIKey,
		baseURL:     base,
		apiVersion:  version,
		userAgent:   opts.UserAgent,
		http:        &http.Client{Transport: rt},
		rt:          rt,
		poll:        poll,
		accessToken: opts.AccessToken,
	}
	c.indexes = newBoard(c, c.ListIndexes, func(ix *IndexModel) string { return ix.Name }, c.DescribeIndex)
	c.collections = newBoard(c, c.ListCollections, func(col *CollectionModel) string { return col.Name }, c.DescribeCollection)
	c.assistants = newBoard(c, c.listAssistantsForBoard, func(a *Assistant) string { return a.Name }, c.DescribeAssistant)
	c.backups = newBoard(c, c.listBackupsForBoard, func(b *BackupModel) string { return b.BackupID }, c.DescribeBackup)
	if strings.TrimSpace(opts.DataPlaneURL) != "" {
		if c.dataPlaneURL, err = ParseDataPlaneURL(opts.DataPlaneURL); err != nil {
			return nil, err
		}
	}
	if opts.AccessToken == "" && opts.ClientID != "" && opts.ClientSecret != "" {
		raw := opts.TokenURL
		if raw == "" {
			raw = DefaultTokenURL
		}
		tokenURL, err := ParseBaseURL(raw)
		if err != nil {
			return nil, fmt.Errorf("invalid OAuth token URL: %w", err)
		}
		c.tokens = sharedTokenSource(tokenURL, opts.ClientID, opts.ClientSecret)
	}
	return c, nil
}

// ParseBaseURL accepts "https://host", "http://127.0.0.1:8080" or a bare
// host (https is assumed), the way Pinecone's SDKs read PINECONE_CONTROLLER_HOST.
func ParseBaseURL(raw string) (*url.URL, error) {
	return parseURL(raw, "Pinecone control-plane URL")
}

// ParseDataPlaneURL checks Options.DataPlaneURL as ParseBaseURL checks the
// control-plane URL.
func ParseDataPlaneURL(raw string) (*url.URL, error) { return parseURL(raw, "data-plane URL") }

// parseURL is ParseBaseURL with what names the URL in errors.
func parseURL(raw, what string) (*url.URL, error) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		raw = DefaultBaseURL
	}
	// Only a string without any scheme gets https:// prepended. Checking for
	// "://" (rather than the two accepted prefixes) keeps "HTTP://host" intact
	// and makes "ftp://host" an error instead of the host "ftp:".
	if !strings.Contains(raw, "://") {
		raw = "https://" + raw
	}
	u, err := url.Parse(raw)
	if err != nil {
		return nil, fmt.Errorf("invalid %s %q: %w", what, raw, err)
	}
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("invalid %s %q: scheme must be http or https", what, raw)
	}
	if u.Hostname() == "" {
		return nil, fmt.Errorf("invalid %s %q: no host", what, raw)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("invalid %s %q: must not have a query or fragment", what, raw)
	}
	u.Path = strings.TrimRight(u.Path, "/")
	u.RawPath = strings.TrimRight(u.RawPath, "/")
	return u, nil
}

// BaseURL returns the control-plane URL this client talks to.
func (c *Client) BaseURL() string { return c.baseURL.String() }

// HasAPIKey reports whether calls that need an API key can be made.
func (c *Client) HasAPIKey() bool { return c.apiKey != "" }

// speaks202607 reports whether the client is configured for API 2026-07 or
// later. Versions are dates ("YYYY-MM"), so they compare as strings. An older
// configured version (2026-04, 2025-10: what earlier releases of this
// provider sent) makes every call keep that version and the legacy shapes.
func (c *Client) speaks202607() bool { return c.apiVersion >= schemaAPIVersion }

// legacyVersion is the version of a call whose body has the legacy shape:
// LegacyAPIVersion for a client that speaks 2026-07, else the client's own.
func (c *Client) legacyVersion() string {
	if c.speaks202607() {
		return LegacyAPIVersion
	}
	return c.apiVersion
}

// currentVersion is the version of a call that exists only from 2026-07 on
// (backup schedules): the client's own when it speaks 2026-07, else 2026-07
// itself, so a client pinned to an older version still reaches it.
func (c *Client) currentVersion() string {
	if c.speaks202607() {
		return c.apiVersion
	}
	return schemaAPIVersion
}

// call describes one request.
type call struct {
	method    string
	base      *url.URL // another host than the control plane (assistant data plane); nil = control plane
	path      string   // already escaped
	query     url.Values
	body      any
	out       any
	retrySafe bool // POST whose uncertain failure may be retried (caller adopts a 409)

	// stream, when set, supplies a non-JSON body (a multipart upload) that is
	// produced while it is sent; it is called again for each retry.
	stream      func() (io.ReadCloser, error)
	contentType string

	hostHeader string // Host header to send instead of base's host (DataPlaneURL)

	admin     bool   // authenticate with the admin Bearer token instead of the API key
	noVersion bool   // the OAuth token endpoint takes no version header
	version   string // X-Pinecone-Api-Version of this call; "" = the client's
}

// do sends a call with the API key and decodes a 2xx JSON answer into out.
// Any 2xx is success: the spec and production disagree on some codes.
func (c *Client) do(ctx context.Context, cl call) error {
	if cl.admin {
		return c.doAdmin(ctx, cl)
	}
	if c.apiKey == "" {
		return ErrMissingAPIKey
	}
	return c.send(ctx, cl, func(h http.Header) { h.Set(headerAPIKey, c.apiKey) })
}

// doJSON sends cl and returns its decoded JSON answer (cl.out is ignored).
func doJSON[T any](ctx context.Context, c *Client, cl call) (*T, error) {
	var out T
	cl.out = &out
	if err := c.do(ctx, cl); err != nil {
		return nil, err
	}
	return &out, nil
}

// doAdmin sends an admin call with a Bearer token. A 401 with a cached
// service-account token drops the token and tries once more with a new one.
func (c *Client) doAdmin(ctx context.Context, cl call) error {
	if c.accessToken != "" {
		return c.send(ctx, cl, bearer(c.accessToken))
	}
	if c.tokens == nil {
		return ErrMissingAdminCredentials
	}
	for attempt := 0; ; attempt++ {
		token, err := c.tokens.get(ctx, c)
		if err != nil {
			return err
		}
		err = c.send(ctx, cl, bearer(token))
		if attempt == 0 && errors.Is(err, ErrUnauthenticated) {
			c.tokens.invalidate(token)
			continue
		}
		return err
	}
}

// principal names the credentials a call is made with, for error messages.
func (c *Client) principal(cl call) string {
	switch {
	case cl.noVersion: // the token request itself
		return ""
	case !cl.admin:
		return "the API key"
	case c.accessToken != "":
		return "the access token"
	case c.tokens != nil:
		return fmt.Sprintf("service account %q", c.tokens.clientID)
	}
	return ""
}

func bearer(token string) func(http.Header) {
	return func(h http.Header) { h.Set("Authorization", "Bearer "+token) }
}

// send makes the request with the given authentication and decodes a 2xx
// JSON answer into out.
func (c *Client) send(ctx context.Context, cl call, auth func(http.Header)) error {
	ctx = tflog.NewSubsystem(ctx, LogSubsystem, tflog.WithLevelFromEnv("TF_LOG_PROVIDER_PINECONE_HTTP"))
	secrets := []string{c.apiKey, c.accessToken}
	if c.tokens != nil {
		secrets = append(secrets, c.tokens.clientSecret)
	}
	for _, secret := range secrets {
		if secret != "" {
			ctx = tflog.SubsystemMaskAllFieldValuesStrings(ctx, LogSubsystem, secret)
			ctx = tflog.SubsystemMaskMessageStrings(ctx, LogSubsystem, secret)
		}
	}
	if cl.retrySafe {
		ctx = withRetrySafePost(ctx)
	}
	ctx, attempts := withAttemptLog(ctx)

	req, err := c.newRequest(ctx, cl)
	if err != nil {
		return err
	}
	if auth != nil {
		auth(req.Header)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%s %s: %w", cl.method, cl.path, ctxErr)
		}
		return fmt.Errorf("%s %s: %w", cl.method, cl.path, stripURL(err))
	}
	defer func() { _ = resp.Body.Close() }()
	data, err := io.ReadAll(resp.Body)
	if err != nil {
		return fmt.Errorf("%s %s: reading response: %w", cl.method, cl.path, err)
	}
	if resp.StatusCode < 200 || resp.StatusCode > 299 {
		apiErr := newAPIError(cl.method, cl.path, resp.StatusCode, data)
		apiErr.AfterUncertainRetry = attempts.uncertain
		apiErr.Principal = c.principal(cl)
		return apiErr
	}
	if cl.out == nil || len(bytes.TrimSpace(data)) == 0 {
		return nil
	}
	if err := json.Unmarshal(data, cl.out); err != nil {
		return fmt.Errorf("%s %s: decoding response: %w", cl.method, cl.path, err)
	}
	return nil
}

func (c *Client) newRequest(ctx context.Context, cl call) (*http.Request, error) {
	// cl.path is already escaped, so it is joined to the escaped base path and
	// Path is derived from it; setting Path to escaped text would make
	// url.URL escape it a second time ("a b" -> "a%2520b").
	base := c.baseURL
	if cl.base != nil {
		base = cl.base
	}
	u := *base
	u.RawPath = base.EscapedPath() + cl.path
	p, err := url.PathUnescape(u.RawPath)
	if err != nil {
		return nil, fmt.Errorf("building %s %s request: %w", cl.method, cl.path, err)
	}
	u.Path = p
	u.RawQuery = ""
	if len(cl.query) > 0 {
		u.RawQuery = cl.query.Encode()
	}
	var body io.Reader
	var payload []byte
	if cl.body != nil {
		payload, err = json.Marshal(cl.body)
		if err != nil {
			return nil, fmt.Errorf("encoding %s %s request: %w", cl.method, cl.path, err)
		}
		body = bytes.NewReader(payload)
	}
	req, err := http.NewRequestWithContext(ctx, cl.method, u.String(), body)
	if err != nil {
		return nil, err
	}
	if payload != nil {
		req.Header.Set("Content-Type", "application/json")
		req.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(bytes.NewReader(payload)), nil }
	}
	if cl.stream != nil {
		if req.Body, err = cl.stream(); err != nil {
			return nil, err
		}
		req.GetBody = cl.stream
		req.ContentLength = -1 // unknown: sent chunked, never held in memory
		req.Header.Set("Content-Type", cl.contentType)
	}
	req.Header.Set("Accept", "application/json")
	switch {
	case cl.noVersion:
	case cl.version != "":
		req.Header.Set(headerAPIVersion, cl.version)
	default:
		req.Header.Set(headerAPIVersion, c.apiVersion)
	}
	if c.userAgent != "" {
		req.Header.Set("User-Agent", c.userAgent)
	}
	if cl.hostHeader != "" {
		req.Host = cl.hostHeader
	}
	return req, nil
}

// stripURL keeps the transport's reason but drops the *url.Error wrapper,
// whose text repeats the full URL.
func stripURL(err error) error {
	var uerr *url.Error
	if errors.As(err, &uerr) {
		return uerr.Err
	}
	return err
}

// pathEscape escapes one path segment (names come from users).
func pathEscape(s string) string { return url.PathEscape(s) }

package emulator

import (
	"bytes"
	"crypto/rand"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"time"
)

// OAuth token endpoint (spec oauth_2025-10.oas.yaml, get_token). Production
// serves it at https://login.pinecone.io/oauth/token; the emulator serves it
// itself. It
// needs no Api-Key and no version header, and every answer under /oauth/,
// errors included, uses the OAuth shape
// {"error":"<code>","error_description":"<text>"}.
const (
	oauthPrefix     = "/oauth"
	routeOAuthToken = "/oauth/token"

	grantClientCredentials = "client_credentials"
	tokenAudience          = "https://api.pinecone.io/"
)

// OAuth error codes. invalid_request and access_denied are the documented
// ones; the others follow RFC 6749 / Auth0 for the injected faults and
// routing errors.
const (
	oauthInvalidRequest   = "invalid_request"
	oauthAccessDenied     = "access_denied"
	oauthNotFound         = "not_found"
	oauthTooManyRequests  = "too_many_requests"
	oauthServerError      = "server_error"
	oauthTemporarilyUnav  = "temporarily_unavailable"
	oauthUnauthorizedText = "Unauthorized"
)

func (s *Server) registerOAuthRoutes() {
	s.handle(http.MethodPost, routeOAuthToken, s.handleToken)
}

type oauthErrorJSON struct {
	Error            string `json:"error"`
	ErrorDescription string `json:"error_description"`
}

func writeOAuthError(w http.ResponseWriter, status int, code, description string) {
	writeJSON(w, status, oauthErrorJSON{Error: code, ErrorDescription: description})
}

// oauthCodeFor picks the OAuth error code for a status the emulator answers
// outside the token handler (faults, routing, version header).
func oauthCodeFor(status int) string {
	switch status {
	case http.StatusBadRequest, http.StatusMethodNotAllowed:
		return oauthInvalidRequest
	case http.StatusUnauthorized, http.StatusForbidden:
		return oauthAccessDenied
	case http.StatusNotFound:
		return oauthNotFound
	case http.StatusTooManyRequests:
		return oauthTooManyRequests
	case http.StatusServiceUnavailable:
		return oauthTemporarilyUnav
	}
	return oauthServerError
}

// tokenJSON is the token answer.
type tokenJSON struct {
	AccessToken string `json:"access_token"`
	TokenType   string `json:"token_type"`
	ExpiresIn   int64  `json:"expires_in"`
}

// tokenFields are the parameters of a token request, in the order they are
// checked.
var tokenFields = []string{"client_id", "client_secret", "grant_type", "audience"}

// readTokenRequest reads the token request's parameters from a JSON object
// (Content-Type application/json, or none) or a form
// (application/x-www-form-urlencoded). JSON values must be strings; null
// counts as absent. Other fields are ignored.
func readTokenRequest(r *http.Request) (map[string]string, error) {
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil {
		return nil, fmt.Errorf("could not read the body: %w", err)
	}
	if len(raw) > maxBodyBytes {
		return nil, fmt.Errorf("the body is larger than %d bytes", maxBodyBytes)
	}
	mediaType := ""
	if ct := r.Header.Get("Content-Type"); ct != "" {
		if mediaType, _, err = mime.ParseMediaType(ct); err != nil {
			return nil, fmt.Errorf("invalid Content-Type %q", ct)
		}
	}
	out := make(map[string]string, len(tokenFields))
	switch mediaType {
	case "application/x-www-form-urlencoded":
		form, err := url.ParseQuery(string(raw))
		if err != nil {
			return nil, fmt.Errorf("the form body does not parse: %w", err)
		}
		for _, f := range tokenFields {
			out[f] = form.Get(f)
		}
	case "", "application/json":
		var obj map[string]json.RawMessage
		if err := json.Unmarshal(raw, &obj); err != nil || obj == nil {
			return nil, fmt.Errorf("the body must be a JSON object or a form")
		}
		for _, f := range tokenFields {
			v, ok := obj[f]
			if !ok || string(bytes.TrimSpace(v)) == "null" {
				continue
			}
			var str string
			if json.Unmarshal(v, &str) != nil {
				return nil, fmt.Errorf("%s must be a string", f)
			}
			out[f] = str
		}
	default:
		return nil, fmt.Errorf("unsupported Content-Type %q: send application/json or application/x-www-form-urlencoded", mediaType)
	}
	return out, nil
}

// handleToken exchanges service-account credentials for an access token.
// Order: the body and each parameter (400 invalid_request: missing, empty,
// a grant_type other than client_credentials, another audience), then the
// credentials (401 access_denied "Unauthorized"). Descriptions never repeat
// the secret.
func (s *Server) handleToken(q *request) {
	params, err := readTokenRequest(q.r)
	if err != nil {
		writeOAuthError(q.w, http.StatusBadRequest, oauthInvalidRequest, err.Error())
		return
	}
	for _, f := range tokenFields {
		if params[f] == "" {
			writeOAuthError(q.w, http.StatusBadRequest, oauthInvalidRequest, "Missing required parameter: "+f)
			return
		}
	}
	if g := params["grant_type"]; g != grantClientCredentials {
		writeOAuthError(q.w, http.StatusBadRequest, oauthInvalidRequest,
			fmt.Sprintf("Unsupported grant_type %q: only %s is supported.", g, grantClientCredentials))
		return
	}
	if a := params["audience"]; a != tokenAudience {
		writeOAuthError(q.w, http.StatusBadRequest, oauthInvalidRequest,
			fmt.Sprintf("Invalid audience %q: must be %s", a, tokenAudience))
		return
	}
	t := s.now()
	s.mu.Lock()
	token, ok := s.issueToken(params["client_id"], params["client_secret"], t)
	s.mu.Unlock()
	if !ok {
		writeOAuthError(q.w, http.StatusUnauthorized, oauthAccessDenied, oauthUnauthorizedText)
		return
	}

	q.w.Header().Set("Cache-Control", "no-store")
	q.w.Header().Set("Pragma", "no-cache")
	writeJSON(q.w, http.StatusOK, tokenJSON{AccessToken: token, TokenType: "Bearer", ExpiresIn: expiresIn(s.tokenTTL)})
}

// issueToken checks a service account's credentials and returns a new
// access token that remembers the account. The secret is the current one:
// after a rotation the old secret fails at once. Expired tokens are swept
// here. Callers hold s.mu.
func (s *Server) issueToken(clientID, secret string, t time.Time) (string, bool) {
	a := s.clients[clientID]
	want := ""
	if a != nil {
		want = a.secret
	}
	// Compare even for an unknown id, so timing says nothing about which ids exist.
	match := subtle.ConstantTimeCompare([]byte(want), []byte(secret)) == 1
	if a == nil || !match || s.org == nil { // no organization: its service accounts are gone
		return "", false
	}
	for tok, exp := range s.tokens {
		if !t.Before(exp) {
			delete(s.tokens, tok)
			delete(s.tokenOwners, tok)
		}
	}
	token := rand.Text() + rand.Text()
	s.tokens[token] = t.Add(s.tokenTTL)
	s.tokenOwners[token] = a.id
	return token, true
}

// expiresIn is the token lifetime in whole seconds, at least 1.
func expiresIn(ttl time.Duration) int64 {
	return max(1, int64(ttl/time.Second))
}

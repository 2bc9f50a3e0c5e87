package client

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflog"
)

// LogSubsystem is the tflog subsystem of HTTP logs. Its level follows
// TF_LOG_PROVIDER_PINECONE_HTTP (falling back to TF_LOG_PROVIDER / TF_LOG).
const LogSubsystem = "pinecone_http"

const redacted = "***"

// sensitiveHeaders never appear in logs with their value.
var sensitiveHeaders = map[string]bool{
	"Api-Key":       true,
	"Authorization": true,
	"Cookie":        true,
	"Set-Cookie":    true,
	"X-Api-Key":     true,
}

// sensitiveJSONKeys are replaced in logged bodies wherever they occur.
var sensitiveJSONKeys = map[string]bool{
	"value":         true, // API key secret returned on create
	"client_secret": true,
	"client_id":     true, // not a secret, but it names the service account; kept out of logs
	"access_token":  true,
	"refresh_token": true,
	"api_key":       true,
	"secret":        true,
}

// loggingTransport writes one debug line per attempt and, at trace level,
// the bodies, with secrets redacted.
type loggingTransport struct {
	next http.RoundTripper
}

func (t *loggingTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	ctx := req.Context()
	start := time.Now()
	// tflog masks the key only in top-level string fields, not inside the
	// header maps, so the credentials of this request are also scrubbed here
	// from every logged header value, body and error text.
	secrets := credentialValues(req.Header)
	fields := map[string]any{
		"http_method":      req.Method,
		"http_path":        req.URL.Path,
		"http_req_headers": redactHeaders(req.Header, secrets...),
	}
	// Only JSON bodies are logged: re-reading a streamed upload would read
	// the whole file again just for the log.
	if req.GetBody != nil && strings.HasPrefix(req.Header.Get("Content-Type"), "application/json") {
		if body, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(body)
			_ = body.Close()
			fields["http_req_body"] = scrub(redactBody(data), secrets)
		}
	}
	tflog.SubsystemTrace(ctx, LogSubsystem, "Sending Pinecone API request", fields)

	resp, err := t.next.RoundTrip(req)
	done := map[string]any{
		"http_method":   req.Method,
		"http_path":     req.URL.Path,
		"http_duration": time.Since(start).String(),
	}
	if err != nil {
		done["error"] = scrub(err.Error(), secrets)
		tflog.SubsystemDebug(ctx, LogSubsystem, "Pinecone API request failed", done)
		return nil, err
	}
	done["http_status"] = resp.StatusCode
	if ra := resp.Header.Get("Retry-After"); ra != "" {
		done["http_retry_after"] = ra
	}
	tflog.SubsystemDebug(ctx, LogSubsystem, "Pinecone API response", done)

	data, readErr := io.ReadAll(resp.Body)
	_ = resp.Body.Close()
	resp.Body = io.NopCloser(bytes.NewReader(data))
	if readErr != nil {
		return nil, readErr
	}
	tflog.SubsystemTrace(ctx, LogSubsystem, "Pinecone API response body", map[string]any{
		"http_path":         req.URL.Path,
		"http_status":       resp.StatusCode,
		"http_resp_headers": redactHeaders(resp.Header, secrets...),
		"http_resp_body":    scrub(redactBody(data), secrets),
	})
	return resp, nil
}

// redactHeaders masks sensitive headers entirely and any other header value
// that contains one of secrets.
func redactHeaders(h http.Header, secrets ...string) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		if sensitiveHeaders[http.CanonicalHeaderKey(k)] {
			out[k] = redacted
			continue
		}
		out[k] = scrub(strings.Join(v, ", "), secrets)
	}
	return out
}

// credentialValues returns the secrets a request carries in its sensitive
// headers (the bare token of "Bearer <token>" as well as the whole value).
func credentialValues(h http.Header) []string {
	var out []string
	for k, vs := range h {
		if !sensitiveHeaders[http.CanonicalHeaderKey(k)] {
			continue
		}
		for _, v := range vs {
			if v = strings.TrimSpace(v); v == "" {
				continue
			}
			out = append(out, v)
			if _, token, ok := strings.Cut(v, " "); ok && strings.TrimSpace(token) != "" {
				out = append(out, strings.TrimSpace(token))
			}
		}
	}
	return out
}

// scrub replaces every occurrence of each secret in s.
func scrub(s string, secrets []string) string {
	for _, secret := range secrets {
		if secret != "" {
			s = strings.ReplaceAll(s, secret, redacted)
		}
	}
	return s
}

// redactBody returns the body for logging with sensitive JSON keys masked.
// Bodies that are not JSON are summarised by size only: they could be file
// uploads or anything else we cannot inspect safely.
func redactBody(data []byte) string {
	if len(data) == 0 {
		return ""
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return fmt.Sprintf("<non-JSON body, %d bytes>", len(data))
	}
	out, err := json.Marshal(redactValue(v))
	if err != nil {
		return "<unloggable body>"
	}
	return string(out)
}

func redactValue(v any) any {
	switch t := v.(type) {
	case map[string]any:
		for k, inner := range t {
			if sensitiveJSONKeys[strings.ToLower(k)] {
				t[k] = redacted
				continue
			}
			t[k] = redactValue(inner)
		}
		return t
	case []any:
		for i := range t {
			t[i] = redactValue(t[i])
		}
		return t
	}
	return v
}

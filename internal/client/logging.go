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
	fields := map[string]any{
		"http_method":      req.Method,
		"http_path":        req.URL.Path,
		"http_req_headers": redactHeaders(req.Header),
	}
	if req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			data, _ := io.ReadAll(body)
			_ = body.Close()
			fields["http_req_body"] = redactBody(data)
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
		done["error"] = err.Error()
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
		"http_resp_headers": redactHeaders(resp.Header),
		"http_resp_body":    redactBody(data),
	})
	return resp, nil
}

func redactHeaders(h http.Header) map[string]string {
	out := make(map[string]string, len(h))
	for k, v := range h {
		if sensitiveHeaders[http.CanonicalHeaderKey(k)] {
			out[k] = redacted
			continue
		}
		out[k] = strings.Join(v, ", ")
	}
	return out
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

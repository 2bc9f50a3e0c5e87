package emulator

import (
	"net/http"
	"testing"
)

// A 429 on the assistant APIs carries the code their 2026-04 specs
// (assistant_control and assistant_data) added for it, TOO_MANY_REQUESTS;
// with 2025-10 (whose assistant enums lack it) and on every other API the
// code stays RESOURCE_EXHAUSTED. Both the random 429s and a forced 429
// follow this rule.
func TestRateLimitCodeFollowsAssistantVersion(t *testing.T) {
	cases := []struct {
		method, path, version, code string
	}{
		{"GET", "/assistant/assistants", "2026-04", "TOO_MANY_REQUESTS"},
		{"GET", "/assistant/assistants", "2026-07", "TOO_MANY_REQUESTS"},
		{"GET", "/assistant/files/a", "2026-04", "TOO_MANY_REQUESTS"},
		{"GET", "/assistant/operations/a", "2026-07", "TOO_MANY_REQUESTS"},
		{"GET", "/assistant/assistants", "2025-10", "RESOURCE_EXHAUSTED"},
		{"GET", "/assistant/assistants", "", "RESOURCE_EXHAUSTED"},
		{"GET", "/indexes", "2026-04", "RESOURCE_EXHAUSTED"},
		{"GET", "/models", "2026-04", "RESOURCE_EXHAUSTED"},
	}
	e := newEnv(t, Options{Faults: Faults{RateLimitedRate: 1}})
	for _, c := range cases {
		r := e.do(c.method, c.path, "", "X-Pinecone-Api-Version", c.version)
		r.wantError(t, http.StatusTooManyRequests, c.code, "")
		if got := r.header.Get("Retry-After"); got != "1" {
			t.Errorf("%s %s (%q): Retry-After = %q, want 1", c.method, c.path, c.version, got)
		}
	}

	forced := newEnv(t, Options{Faults: Faults{ForceStatus: http.StatusTooManyRequests}})
	forced.do("GET", "/assistant/assistants", "", "X-Pinecone-Api-Version", "2026-04").
		wantError(t, http.StatusTooManyRequests, "TOO_MANY_REQUESTS", "")
	forced.do("GET", "/assistant/assistants", "", "X-Pinecone-Api-Version", "2025-10").
		wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	forced.do("GET", "/collections", "", "X-Pinecone-Api-Version", "2026-04").
		wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
}

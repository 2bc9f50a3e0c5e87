package client

import (
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"
)

func TestRateLimitGateDelaysConcurrentRequest(t *testing.T) {
	release := make(chan struct{})
	var served sync.Map
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/indexes/limited" {
			if _, seen := served.LoadOrStore("limited", true); !seen {
				w.Header().Set("Retry-After", "1")
				w.WriteHeader(http.StatusTooManyRequests)
				_, _ = w.Write([]byte(`{"error":{"code":"RESOURCE_EXHAUSTED","message":"slow down"},"status":429}`))
				close(release)
				return
			}
		}
		served.Store(r.URL.Path+"@", time.Now())
		_, _ = w.Write([]byte(`{"name":"x","status":{"ready":true,"state":"Ready"},"spec":{}}`))
	}))
	defer srv.Close()
	c, err := New(Options{APIKey: "k", BaseURL: srv.URL})
	if err != nil {
		t.Fatal(err)
	}
	go func() { _, _ = c.DescribeIndex(t.Context(), "limited") }()
	<-release
	limitedAt := time.Now()
	time.Sleep(100 * time.Millisecond) // let the client read the 429 and close the gate
	if _, err := c.DescribeIndex(t.Context(), "other"); err != nil {
		t.Fatal(err)
	}
	v, ok := served.Load("/indexes/other@")
	if !ok {
		t.Fatal("other request never served")
	}
	if wait := v.(time.Time).Sub(limitedAt); wait < 800*time.Millisecond {
		t.Errorf("a request sent right after another got a 429 went out after %v, want about the 1s Retry-After", wait)
	}
}

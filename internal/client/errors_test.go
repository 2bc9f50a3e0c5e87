package client

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
)

func TestAPIErrorFromPineconeBody(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 404, pineconeError(404, "NOT_FOUND", "Index example-index not found."))
	})
	c := newTestClient(t, api.URL())
	_, err := c.DescribeIndex(t.Context(), "example-index")
	apiErr, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("err = %v (%T), want *APIError", err, err)
	}
	want := APIError{Status: 404, Code: "NOT_FOUND", Message: "Index example-index not found.", Method: "GET", Path: "/indexes/example-index", Principal: "the API key"}
	if *apiErr != want {
		t.Errorf("APIError = %+v, want %+v", *apiErr, want)
	}
	if got := err.Error(); got != "GET /indexes/example-index: HTTP 404 NOT_FOUND: Index example-index not found." {
		t.Errorf("Error() = %q", got)
	}
	if !errors.Is(err, ErrNotFound) {
		t.Error("errors.Is(err, ErrNotFound) = false")
	}
	if errors.Is(err, ErrServer) || errors.Is(err, ErrAlreadyExists) {
		t.Error("404 matched an unrelated sentinel")
	}
	if api.count() != 1 {
		t.Errorf("404 retried: %d requests", api.count())
	}
}

func TestAPIErrorPathOmitsQuery(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 401, pineconeError(401, "UNAUTHENTICATED", "Invalid API key."))
	})
	c := newTestClient(t, api.URL())
	err := c.do(t.Context(), call{method: "GET", path: "/backups", query: map[string][]string{"paginationToken": {"tok"}}})
	apiErr, ok := AsAPIError(err)
	if !ok {
		t.Fatalf("err = %v, want *APIError", err)
	}
	if apiErr.Path != "/backups" || strings.Contains(err.Error(), "tok") {
		t.Errorf("path %q / message %q carries the query", apiErr.Path, err)
	}
	if !errors.Is(err, ErrUnauthenticated) {
		t.Error("401 is not ErrUnauthenticated")
	}
}

func TestNewAPIErrorBodies(t *testing.T) {
	long := strings.Repeat("x", 600)
	cases := []struct {
		name     string
		status   int
		body     string
		wantCode string
		wantMsg  string
	}{
		{"pinecone", 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."), "ALREADY_EXISTS", "Resource already exists."},
		{"pinecone without details", 403, `{"error":{"code":"FORBIDDEN","message":"Deletion protection is enabled for this index. Disable deletion protection before retrying."},"status":403}`,
			"FORBIDDEN", "Deletion protection is enabled for this index. Disable deletion protection before retrying."},
		{"pinecone message only", 500, `{"error":{"message":"Internal server error"}}`, "", "Internal server error"},
		{"oauth", 401, `{"error":"access_denied","error_description":"Unauthorized"}`, "access_denied", "Unauthorized"},
		{"html", 502, "<html><body>Bad Gateway</body></html>\n", "", "<html><body>Bad Gateway</body></html>"},
		{"plain text", 503, "  upstream connect error  ", "", "upstream connect error"},
		{"other json", 400, `{"message":"nope"}`, "", `{"message":"nope"}`},
		{"empty", 503, "", "", "Service Unavailable"},
		{"whitespace", 418, "   ", "", "I'm a teapot"},
		{"empty pinecone fields", 500, `{"error":{"code":"","message":""},"status":500}`, "", `{"error":{"code":"","message":""},"status":500}`},
		{"long", 500, long, "", long[:512] + "..."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			e := newAPIError("POST", "/indexes", tc.status, []byte(tc.body))
			if e.Status != tc.status || e.Method != "POST" || e.Path != "/indexes" {
				t.Errorf("context fields = %+v", e)
			}
			if e.Code != tc.wantCode {
				t.Errorf("Code = %q, want %q", e.Code, tc.wantCode)
			}
			if e.Message != tc.wantMsg {
				t.Errorf("Message = %q, want %q", e.Message, tc.wantMsg)
			}
			if e.AfterUncertainRetry {
				t.Error("AfterUncertainRetry set by newAPIError")
			}
		})
	}
}

func TestAPIErrorMessageFormats(t *testing.T) {
	cases := []struct {
		e    APIError
		want string
	}{
		{APIError{Status: 404, Method: "GET", Path: "/indexes/x"}, "GET /indexes/x: HTTP 404"},
		{APIError{Status: 404, Code: "NOT_FOUND", Method: "GET", Path: "/indexes/x"}, "GET /indexes/x: HTTP 404 NOT_FOUND"},
		{APIError{Status: 502, Message: "Bad Gateway", Method: "DELETE", Path: "/indexes/x"}, "DELETE /indexes/x: HTTP 502: Bad Gateway"},
	}
	for _, tc := range cases {
		if got := tc.e.Error(); got != tc.want {
			t.Errorf("Error() = %q, want %q", got, tc.want)
		}
	}
}

func TestSentinels(t *testing.T) {
	all := []error{
		ErrBadRequest, ErrUnauthenticated, ErrPaymentRequired, ErrForbidden, ErrNotFound,
		ErrAlreadyExists, ErrFailedPrecondition, ErrUnprocessable, ErrRateLimited, ErrServer, ErrMissingAPIKey,
	}
	cases := []struct {
		status int
		want   error // nil = matches none
	}{
		{400, ErrBadRequest},
		{401, ErrUnauthenticated},
		{402, ErrPaymentRequired},
		{403, ErrForbidden},
		{404, ErrNotFound},
		{409, ErrAlreadyExists},
		{412, ErrFailedPrecondition},
		{422, ErrUnprocessable},
		{429, ErrRateLimited},
		{500, ErrServer},
		{501, ErrServer},
		{502, ErrServer},
		{503, ErrServer},
		{504, ErrServer},
		{599, ErrServer},
		{300, nil},
		{405, nil},
		{408, nil},
		{410, nil},
		{418, nil},
		{499, nil},
	}
	for _, tc := range cases {
		var err error = &APIError{Status: tc.status, Method: "GET", Path: "/indexes"}
		wrapped := fmt.Errorf("reading index: %w", err)
		for _, s := range all {
			want := errors.Is(s, tc.want) // identity: sentinels wrap nothing
			if got := errors.Is(err, s); got != want {
				t.Errorf("status %d: errors.Is(err, %q) = %v, want %v", tc.status, s, got, want)
			}
			if got := errors.Is(wrapped, s); got != want {
				t.Errorf("status %d wrapped: errors.Is(err, %q) = %v, want %v", tc.status, s, got, want)
			}
		}
		if errors.Is(err, errors.New(http.StatusText(tc.status))) {
			t.Errorf("status %d matched a foreign error", tc.status)
		}
	}
}

func TestSentinelsEndToEnd(t *testing.T) {
	cases := []struct {
		status int
		code   string
		want   error
	}{
		{400, "INVALID_ARGUMENT", ErrBadRequest},
		{401, "UNAUTHENTICATED", ErrUnauthenticated},
		{402, "PAYMENT_REQUIRED", ErrPaymentRequired},
		{403, "FORBIDDEN", ErrForbidden},
		{404, "NOT_FOUND", ErrNotFound},
		{409, "ALREADY_EXISTS", ErrAlreadyExists},
		{412, "FAILED_PRECONDITION", ErrFailedPrecondition},
		{422, "UNPROCESSABLE_ENTITY", ErrUnprocessable},
		{429, "QUOTA_EXCEEDED", ErrRateLimited},
		{500, "UNKNOWN", ErrServer},
		{503, "UNAVAILABLE", ErrServer},
	}
	for _, tc := range cases {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			reply(w, tc.status, pineconeError(tc.status, tc.code, "msg"))
		})
		c := newTestClient(t, api.URL(), func(o *Options) { o.Retry.MaxRetries = 0; o.Retry.AttemptTimeout = 0 })
		err := c.DeleteIndex(t.Context(), "x")
		if !errors.Is(err, tc.want) {
			t.Errorf("%d: err = %v, want errors.Is %v", tc.status, err, tc.want)
		}
		apiErr, ok := AsAPIError(err)
		if !ok || apiErr.Code != tc.code || apiErr.Status != tc.status || apiErr.Method != "DELETE" || apiErr.Path != "/indexes/x" {
			t.Errorf("%d: APIError = %+v", tc.status, apiErr)
		}
	}
}

func TestAsAPIError(t *testing.T) {
	orig := &APIError{Status: 409, Code: "ALREADY_EXISTS"}
	got, ok := AsAPIError(fmt.Errorf("outer: %w", fmt.Errorf("inner: %w", orig)))
	if !ok || got != orig {
		t.Errorf("AsAPIError(wrapped) = %v, %v; want the original pointer", got, ok)
	}
	for _, err := range []error{nil, io.EOF, ErrNotFound, fmt.Errorf("x: %w", context.Canceled)} {
		if got, ok := AsAPIError(err); ok || got != nil {
			t.Errorf("AsAPIError(%v) = %v, %v; want nil, false", err, got, ok)
		}
	}
	// A bare sentinel is not an APIError, and is not "any status".
	if errors.Is(ErrNotFound, ErrServer) {
		t.Error("sentinels match each other")
	}
}

func TestIsOwnRetriedCreate(t *testing.T) {
	conflict := &APIError{Status: 409, Code: "ALREADY_EXISTS"}
	retried := &APIError{Status: 409, Code: "ALREADY_EXISTS", AfterUncertainRetry: true}
	for _, tc := range []struct {
		err  error
		want bool
	}{
		{retried, true},
		{fmt.Errorf("creating index: %w", retried), true},
		{conflict, false},
		{&APIError{Status: 500, AfterUncertainRetry: true}, false},
		{errors.New("409"), false},
		{nil, false},
	} {
		if got := IsOwnRetriedCreate(tc.err); got != tc.want {
			t.Errorf("IsOwnRetriedCreate(%v) = %v, want %v", tc.err, got, tc.want)
		}
	}
}

package client

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
)

// Sentinel errors matched with errors.Is against an *APIError. They classify
// the HTTP status so callers never look at status numbers or message text.
var (
	ErrBadRequest         = errors.New("bad request")
	ErrUnauthenticated    = errors.New("unauthenticated")
	ErrPaymentRequired    = errors.New("payment required")
	ErrForbidden          = errors.New("forbidden")
	ErrNotFound           = errors.New("not found")
	ErrAlreadyExists      = errors.New("already exists")
	ErrFailedPrecondition = errors.New("failed precondition")
	ErrUnprocessable      = errors.New("unprocessable entity")
	ErrRateLimited        = errors.New("rate limited")
	ErrServer             = errors.New("server error")

	// ErrPermissionDenied matches a 403 whose code is PERMISSION_DENIED: the
	// credentials are valid but none of their roles grants what the call
	// needs. (A 403 FORBIDDEN is something else: a quota, or deletion
	// protection.) It also matches ErrForbidden.
	ErrPermissionDenied = errors.New("permission denied")

	// ErrMissingAPIKey is returned by any call that needs an API key when the
	// client was built without one. It is raised lazily so that a provider
	// without credentials can still validate and plan.
	ErrMissingAPIKey = errors.New("no Pinecone API key configured")

	// ErrUnsupportedAPIVersion is matched by an *APIVersionError: the call
	// needs a newer API version than the client is configured for.
	ErrUnsupportedAPIVersion = errors.New("unsupported Pinecone API version")

	// ErrInvalidRequest is returned, before anything is sent, for a request
	// the client cannot express in the shape of the API version it must be
	// sent with.
	ErrInvalidRequest = errors.New("invalid request")
)

// APIVersionError reports a call that needs API version Required or later
// while the client is configured (Options.APIVersion) for Configured. It is
// raised before anything is sent.
type APIVersionError struct {
	Operation  string
	Required   string
	Configured string
}

func (e *APIVersionError) Error() string {
	return fmt.Sprintf("%s needs Pinecone API version %s or later, but the client is configured for %s",
		e.Operation, e.Required, e.Configured)
}

// Is makes errors.Is(err, ErrUnsupportedAPIVersion) match.
func (e *APIVersionError) Is(target error) bool { return target == ErrUnsupportedAPIVersion }

var sentinelByStatus = map[int]error{
	http.StatusBadRequest:          ErrBadRequest,
	http.StatusUnauthorized:        ErrUnauthenticated,
	http.StatusPaymentRequired:     ErrPaymentRequired,
	http.StatusForbidden:           ErrForbidden,
	http.StatusNotFound:            ErrNotFound,
	http.StatusConflict:            ErrAlreadyExists,
	http.StatusPreconditionFailed:  ErrFailedPrecondition,
	http.StatusUnprocessableEntity: ErrUnprocessable,
	http.StatusTooManyRequests:     ErrRateLimited,
}

// APIError is a non-2xx answer from Pinecone, decoded from its error body
// ({"error":{"code","message"},"status"}).
type APIError struct {
	Status  int    // HTTP status code
	Code    string // Pinecone error code, e.g. NOT_FOUND, ALREADY_EXISTS
	Message string // Pinecone's human-readable message
	Method  string // request method, for context in messages
	Path    string // request path (never the query), for context in messages

	// Principal says whose credentials made the call ("the API key",
	// "service account <client id>", "the access token"), so a
	// permission error can say who lacks the permission. Never a secret.
	Principal string

	// AfterUncertainRetry is true when an earlier attempt of the same request
	// failed in a way that leaves open whether the server acted on it (the
	// connection broke after the request was sent, or a 5xx). A 409 with this
	// flag may be the echo of our own create, which callers may adopt.
	AfterUncertainRetry bool
}

func (e *APIError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s: HTTP %d", e.Method, e.Path, e.Status)
	if e.Code != "" {
		fmt.Fprintf(&b, " %s", e.Code)
	}
	if e.Message != "" {
		fmt.Fprintf(&b, ": %s", e.Message)
	}
	return b.String()
}

// Is lets errors.Is(err, ErrNotFound) and friends classify an APIError.
func (e *APIError) Is(target error) bool {
	switch target {
	case ErrServer:
		return e.Status >= 500
	case ErrPermissionDenied:
		return e.Status == http.StatusForbidden && e.Code == codePermissionDenied
	}
	s, ok := sentinelByStatus[e.Status]
	return ok && s == target
}

// codePermissionDenied is the error code of a 403 for missing permissions
// (ErrorResponse.error.code enum of the admin and db_control specs).
const codePermissionDenied = "PERMISSION_DENIED"

// errorBody is Pinecone's documented error shape (all control-plane APIs).
type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Status int `json:"status"`
}

// rpcStatusBody is the error shape of the data plane (db_data specs,
// schema rpcStatus): a gRPC status code number and a message.
type rpcStatusBody struct {
	Code    *int   `json:"code"`
	Message string `json:"message"`
}

// grpcCodeNames names the gRPC status codes (google.rpc.Code), so a data
// plane error reads like a control plane one ("ALREADY_EXISTS").
var grpcCodeNames = map[int]string{
	1: "CANCELLED", 2: "UNKNOWN", 3: "INVALID_ARGUMENT", 4: "DEADLINE_EXCEEDED", 5: "NOT_FOUND",
	6: "ALREADY_EXISTS", 7: "PERMISSION_DENIED", 8: "RESOURCE_EXHAUSTED", 9: "FAILED_PRECONDITION",
	10: "ABORTED", 11: "OUT_OF_RANGE", 12: "UNIMPLEMENTED", 13: "INTERNAL", 14: "UNAVAILABLE",
	15: "DATA_LOSS", 16: "UNAUTHENTICATED",
}

// oauthErrorBody is the shape used by the OAuth token endpoint.
type oauthErrorBody struct {
	Error       string `json:"error"`
	Description string `json:"error_description"`
}

// newAPIError builds an APIError from a response status and its raw body.
// Bodies that are not Pinecone's JSON shape still produce a useful message.
func newAPIError(method, path string, status int, body []byte) *APIError {
	e := &APIError{Status: status, Method: method, Path: path}
	var eb errorBody
	if err := json.Unmarshal(body, &eb); err == nil && (eb.Error.Code != "" || eb.Error.Message != "") {
		e.Code = eb.Error.Code
		e.Message = eb.Error.Message
		return e
	}
	var rb rpcStatusBody
	if err := json.Unmarshal(body, &rb); err == nil && rb.Code != nil {
		e.Code = grpcCodeNames[*rb.Code]
		e.Message = rb.Message
		return e
	}
	var ob oauthErrorBody
	if err := json.Unmarshal(body, &ob); err == nil && ob.Error != "" {
		e.Code = ob.Error
		e.Message = ob.Description
		return e
	}
	e.Message = strings.TrimSpace(truncate(string(body), 512))
	if e.Message == "" {
		e.Message = http.StatusText(status)
	}
	return e
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "..."
}

// AsAPIError returns the *APIError in err's chain, if any.
func AsAPIError(err error) (*APIError, bool) {
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return apiErr, true
	}
	return nil, false
}

// IsOwnRetriedCreate reports whether err is a 409 "already exists" that
// answers a create this client retried after an attempt whose outcome was
// uncertain: the object that exists may be the one our first attempt made.
// Callers adopt it only after checking that it matches what they asked for.
func IsOwnRetriedCreate(err error) bool {
	apiErr, ok := AsAPIError(err)
	return ok && errors.Is(err, ErrAlreadyExists) && apiErr.AfterUncertainRetry
}

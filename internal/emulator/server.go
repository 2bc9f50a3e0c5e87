package emulator

import (
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultAPIKey is the key accepted when Options.APIKeys is empty.
const DefaultAPIKey = "pclocal-emulator-key"

// API versions accepted in the X-Pinecone-Api-Version header. The db_control
// API is identical in both; assistants differ (region, paginated list;
// pinecone-api.md §7).
const (
	headerAPIVersion  = "X-Pinecone-Api-Version"
	apiVersion2025_10 = "2025-10"
	apiVersion2026_04 = "2026-04"
)

// Options configures a Server. The zero value is usable: it accepts
// DefaultAPIKey, makes indexes Ready on the first request after the create and
// injects no faults.
type Options struct {
	APIKeys      []string      // accepted Api-Key header values; if empty, DefaultAPIKey is accepted
	ReadyDelay   time.Duration // Initializing -> Ready of indexes, collections, backups and assistants, Processing -> Available of assistant files, and the run time of a restore job (0: Ready from the first request after the create)
	DeleteDelay  time.Duration // Terminating -> gone (404) of indexes, collections and assistants, Deleting -> gone of assistant files (0: gone on the next request)
	ScalingDelay time.Duration // pod scaling states and dedicated read_capacity Scaling/Migrating -> Ready
	Faults       Faults
	Now          func() time.Time // optional clock for tests; nil = time.Now
}

// Server is an in-memory Pinecone control plane. It is an http.Handler and is
// safe for concurrent use.
type Server struct {
	opts   Options
	now    func() time.Time
	keys   map[string]struct{}
	routes []*route

	faults *faultState
	stats  *statsCounter

	mu          sync.Mutex // guards everything below
	indexes     map[string]*index
	collections map[string]*collection // by name (a namespace of its own, apart from indexes)
	backups     map[string]*backup     // by backup_id
	restoreJobs map[string]*restoreJob // by restore_job_id; never removed
	cells       map[string]string      // "cloud/region" -> serverless cell id used in hosts
	assistants  map[string]*assistant  // by name (a namespace of its own); each holds its files
}

// New returns a Server configured by opts.
func New(opts Options) *Server {
	s := &Server{
		opts:        opts,
		now:         opts.Now,
		keys:        make(map[string]struct{}),
		stats:       newStatsCounter(),
		indexes:     make(map[string]*index),
		collections: make(map[string]*collection),
		backups:     make(map[string]*backup),
		restoreJobs: make(map[string]*restoreJob),
		cells:       make(map[string]string),
		assistants:  make(map[string]*assistant),
	}
	if s.now == nil {
		s.now = time.Now
	}
	s.opts.APIKeys = append([]string(nil), opts.APIKeys...)
	for _, k := range opts.APIKeys {
		if k != "" { // an empty key would let requests without Api-Key in
			s.keys[k] = struct{}{}
		}
	}
	if len(s.keys) == 0 {
		s.keys[DefaultAPIKey] = struct{}{}
	}
	s.faults = newFaultState(opts.Faults, s.now())
	s.registerIndexRoutes()
	s.registerCollectionRoutes()
	s.registerBackupRoutes()
	s.registerRestoreRoutes()
	s.registerAssistantRoutes()
	s.registerAssistantFileRoutes()
	return s
}

// SetFaults replaces the fault configuration. It is safe to call while the
// server is handling requests and takes effect for the next request. The rate
// limiter's bucket starts full again and DropCreateResponses restarts its
// count.
func (s *Server) SetFaults(f Faults) {
	s.faults.set(f, s.now())
}

// request carries what a handler needs about one API call.
type request struct {
	w       http.ResponseWriter
	r       *http.Request
	params  map[string]string
	version string // negotiated X-Pinecone-Api-Version
}

func (q *request) param(name string) string { return q.params[name] }

type handlerFunc func(*request)

// route is one path template, e.g. "/indexes/{index_name}", with a handler per
// HTTP method.
type route struct {
	template string
	parts    []string
	methods  map[string]handlerFunc
}

// handle registers h for method on template. Routes are matched in
// registration order, so register static paths ("/indexes/create-for-model")
// before templated ones ("/indexes/{index_name}").
func (s *Server) handle(method, template string, h handlerFunc) {
	for _, rt := range s.routes {
		if rt.template == template {
			rt.methods[method] = h
			return
		}
	}
	s.routes = append(s.routes, &route{
		template: template,
		parts:    splitPath(template),
		methods:  map[string]handlerFunc{method: h},
	})
}

func splitPath(p string) []string {
	return strings.Split(strings.TrimPrefix(p, "/"), "/")
}

func (rt *route) matchPath(parts []string) (map[string]string, bool) {
	if len(parts) != len(rt.parts) {
		return nil, false
	}
	var params map[string]string
	for i, want := range rt.parts {
		if strings.HasPrefix(want, "{") && strings.HasSuffix(want, "}") {
			if parts[i] == "" {
				return nil, false
			}
			if params == nil {
				params = make(map[string]string)
			}
			params[want[1:len(want)-1]] = parts[i]
			continue
		}
		if parts[i] != want {
			return nil, false
		}
	}
	return params, true
}

// match finds the route for method and path. It prefers the first route whose
// path matches and that has a handler for the method, so GET
// /indexes/create-for-model describes an index of that name. When a path
// matches but no route has the method, it returns that route and a nil
// handler (405). When nothing matches, it returns nil (404).
func (s *Server) match(method, path string) (*route, handlerFunc, map[string]string) {
	parts := splitPath(path)
	var first *route
	for _, rt := range s.routes {
		params, ok := rt.matchPath(parts)
		if !ok {
			continue
		}
		if h, ok := rt.methods[method]; ok {
			return rt, h, params
		}
		if first == nil {
			first = rt
		}
	}
	return first, nil, nil
}

// ServeHTTP answers one request. The order is: count it, add latency, apply
// the rate limit, inject errors, check the Api-Key and the API version, then
// route and handle.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.URL.Path == controlPrefix || strings.HasPrefix(r.URL.Path, controlPrefix+"/") {
		s.serveControl(w, r)
		return
	}

	rt, h, params := s.match(r.Method, r.URL.Path)
	key := r.Method + " <unmatched>"
	if rt != nil {
		key = r.Method + " " + rt.template
	}
	s.stats.countRequest(key)

	f := s.faults.snapshot()
	if f.Latency > 0 && !sleepCtx(r, f.Latency) {
		return // the client went away; nobody is left to answer
	}
	if ok, retryAfter := s.faults.allow(s.now()); !ok {
		s.stats.countFault("429")
		w.Header().Set("Retry-After", fmt.Sprint(retryAfter))
		// RESOURCE_EXHAUSTED rather than QUOTA_EXCEEDED: the spec ties
		// QUOTA_EXCEEDED to project quotas (pods), while RESOURCE_EXHAUSTED is
		// the enum's generic code for "too many requests right now".
		writeError(w, http.StatusTooManyRequests, codeResourceExhausted,
			fmt.Sprintf("Too many requests. Rate limit exceeded; retry after %d second(s).", retryAfter))
		return
	}
	if status := s.faults.injectError(r.Method); status != 0 {
		s.stats.countFault(fmt.Sprint(status))
		if status == http.StatusServiceUnavailable {
			writeError(w, status, codeUnavailable, "Service unavailable. Please retry.")
		} else {
			writeError(w, status, codeUnknown, "Internal server error")
		}
		return
	}
	if _, ok := s.keys[r.Header.Get("Api-Key")]; !ok {
		writeError(w, http.StatusUnauthorized, codeUnauthenticated, "Invalid API key.")
		return
	}
	version := r.Header.Get(headerAPIVersion)
	switch version {
	case "":
		version = apiVersion2025_10
	case apiVersion2025_10, apiVersion2026_04:
	default:
		writeError(w, http.StatusBadRequest, codeInvalidArgument, fmt.Sprintf(
			"Unsupported API version %q in header %s. Supported versions: %s, %s.",
			version, headerAPIVersion, apiVersion2025_10, apiVersion2026_04))
		return
	}
	if rt == nil {
		writeError(w, http.StatusNotFound, codeNotFound, fmt.Sprintf("Route %s %s not found.", r.Method, r.URL.Path))
		return
	}
	if h == nil {
		w.Header().Set("Allow", strings.Join(allowedMethods(rt), ", "))
		// The spec has no code for 405; UNIMPLEMENTED says "this operation
		// does not exist" best.
		writeError(w, http.StatusMethodNotAllowed, codeUnimplemented,
			fmt.Sprintf("Method %s is not allowed on %s.", r.Method, rt.template))
		return
	}
	h(&request{w: w, r: r, params: params, version: version})
}

func allowedMethods(rt *route) []string {
	var out []string
	for _, m := range []string{http.MethodGet, http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete} {
		if _, ok := rt.methods[m]; ok {
			out = append(out, m)
		}
	}
	return out
}

// sleepCtx waits d or until the request's context is done. It reports
// whether the full delay elapsed.
func sleepCtx(r *http.Request, d time.Duration) bool {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return true
	case <-r.Context().Done():
		return false
	}
}

// Error codes of the db_control ErrorResponse enum (pinecone-api.md §2.1).
const (
	codeInvalidArgument    = "INVALID_ARGUMENT"
	codeUnauthenticated    = "UNAUTHENTICATED"
	codeForbidden          = "FORBIDDEN"
	codeNotFound           = "NOT_FOUND"
	codeAlreadyExists      = "ALREADY_EXISTS"
	codeFailedPrecondition = "FAILED_PRECONDITION"
	codeUnprocessable      = "UNPROCESSABLE_ENTITY"
	codeResourceExhausted  = "RESOURCE_EXHAUSTED"
	codeUnimplemented      = "UNIMPLEMENTED"
	codeUnknown            = "UNKNOWN"
	codeUnavailable        = "UNAVAILABLE"
)

// apiError is an error answer in Pinecone's shape.
type apiError struct {
	status  int
	code    string
	message string
}

func (e *apiError) Error() string { return fmt.Sprintf("%d %s: %s", e.status, e.code, e.message) }

func invalidArgument(format string, args ...any) *apiError {
	return &apiError{status: http.StatusBadRequest, code: codeInvalidArgument, message: fmt.Sprintf(format, args...)}
}

func notFound(format string, args ...any) *apiError {
	return &apiError{status: http.StatusNotFound, code: codeNotFound, message: fmt.Sprintf(format, args...)}
}

func alreadyExists() *apiError {
	return &apiError{status: http.StatusConflict, code: codeAlreadyExists, message: "Resource already exists."}
}

type errorBody struct {
	Error struct {
		Code    string `json:"code"`
		Message string `json:"message"`
	} `json:"error"`
	Status int `json:"status"`
}

// writeError writes {"error":{"code":..,"message":..},"status":N}.
func writeError(w http.ResponseWriter, status int, code, message string) {
	var b errorBody
	b.Error.Code = code
	b.Error.Message = message
	b.Status = status
	writeJSON(w, status, b)
}

func (q *request) fail(e *apiError) {
	writeError(q.w, e.status, e.code, e.message)
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	body, err := json.Marshal(v)
	if err != nil {
		// Only our own response types are marshalled; this is a programming error.
		status = http.StatusInternalServerError
		body = []byte(`{"error":{"code":"INTERNAL","message":"emulator failed to encode its response"},"status":500}`)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(body)
	_, _ = w.Write([]byte("\n"))
}

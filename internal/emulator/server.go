package emulator

import (
	"encoding/json"
	"fmt"
	"math/rand/v2"
	"net/http"
	"strings"
	"sync"
	"time"
)

// DefaultAPIKey is the key accepted when Options.APIKeys is empty. Like the
// keys in Options.APIKeys, it belongs to the default project.
const DefaultAPIKey = "pclocal-emulator-key"

// DefaultClientID and DefaultClientSecret are the service-account
// credentials POST /oauth/token accepts when Options.ServiceAccounts is
// empty.
const (
	DefaultClientID     = "pclocal-emulator-client"
	DefaultClientSecret = "pclocal-emulator-secret"
)

// Defaults of the admin side: the lifetime of access tokens, the name of the
// single organization and the name of the project New creates.
const (
	defaultTokenTTL         = 30 * time.Minute
	defaultOrganizationName = "Emulator Organization"
	defaultProjectName      = "Default Project"
)

// API versions accepted in the X-Pinecone-Api-Version header (the table in
// CONFORMANCE.md, "API versions"). The db_control API is identical in 2025-10
// and 2026-04; assistants differ (region, paginated list, the file protocol:
// spec assistant_control_2026-04.oas.yaml and assistant_data_2026-04.oas.yaml
// against their 2025-10 files). 2026-07 (spec *_2026-07.oas.yaml; TS client
// 9.0.0) is served on every path: db_control renders its own shapes
// (IndexModel with deployment and schema, BackupModel with an IndexSchema,
// RestoreJobModel without intermediate progress; index_view_2026_07.go,
// backup_restore_2026_07.go), while the assistant, admin and inference APIs
// are the same as at 2026-04. Handlers choose the rendering from
// request.version; the stored objects are the same for every version.
const (
	headerAPIVersion  = "X-Pinecone-Api-Version"
	apiVersion2025_10 = "2025-10"
	apiVersion2026_04 = "2026-04"
	apiVersion2026_07 = "2026-07"
)

// checkVersion reads the version header of a request: missing means
// 2025-10; unknown versions are 400.
func checkVersion(version string) (string, *apiError) {
	switch version {
	case "":
		return apiVersion2025_10, nil
	case apiVersion2025_10, apiVersion2026_04, apiVersion2026_07:
		return version, nil
	}
	return "", invalidArgument("Unsupported API version %q in header %s. Supported versions: %s, %s, %s.",
		version, headerAPIVersion, apiVersion2025_10, apiVersion2026_04, apiVersion2026_07)
}

// assistantPrefix is where the assistant control and data planes live.
const assistantPrefix = "/assistant"

// Options configures a Server. The zero value is usable: it accepts
// DefaultAPIKey (in the default project) and the service account
// DefaultClientID / DefaultClientSecret, makes indexes Ready on the first
// request after the create and injects no faults.
type Options struct {
	APIKeys      []string      // Api-Key values of the default project; if empty, DefaultAPIKey
	ReadyDelay   time.Duration // Initializing -> Ready of indexes, collections, backups and assistants, Processing -> Available of assistant files, and the run time of a restore job (0: Ready from the first request after the create)
	DeleteDelay  time.Duration // Terminating -> gone (404) of indexes, collections and assistants, Deleting -> gone of assistant files (0: gone on the next request)
	ScalingDelay time.Duration // pod scaling states and dedicated read_capacity Scaling/Migrating -> Ready
	Faults       Faults
	Now          func() time.Time // optional clock for tests; nil = time.Now
	// Seed, when non-zero, seeds the random choices of fault injection
	// (ErrorRate, RateLimitedRate, LatencyRate), so the n-th request that
	// draws meets the same fate in every run; 0 seeds them at random.
	Seed uint64

	// ServiceAccounts maps client_id to client_secret for POST /oauth/token.
	// Entries with an empty id or secret are ignored; if none is left,
	// DefaultClientID / DefaultClientSecret are accepted. Each becomes a
	// service account named BootstrapServiceAccountName holding OrgOwner.
	ServiceAccounts map[string]string
	// TokenTTL is how long an access token works (by the Now clock); 0 or
	// less means 30 minutes.
	TokenTTL time.Duration
	// OrganizationName names the single organization; "" means "Emulator
	// Organization".
	OrganizationName string
}

// Server is an in-memory Pinecone control plane that also serves the
// namespace endpoints of its indexes on their hosts (data_plane.go). It is
// an http.Handler and is safe for concurrent use.
type Server struct {
	opts       Options
	now        func() time.Time
	routes     []*route // the control plane, reached by path
	dataRoutes []*route // an index's data plane, reached by its host (data_plane.go)
	tokenTTL   time.Duration
	models     modelCatalogue // the inference models (defaultModels); read-only

	faults *faultState
	stats  *statsCounter

	mu               sync.Mutex // guards everything below, and every project's data
	org              *organization
	projects         map[string]*project  // by id
	defaultProjectID string               // the project New made (it may have been deleted since)
	apiKeys          map[string]*apiKey   // by id
	keyValues        map[string]*apiKey   // by secret value (the Api-Key header)
	tokens           map[string]time.Time // access token -> expiry
	seq              int64                // creation counter of every admin object (list order)
	cells            map[string]string    // "cloud/region" -> serverless cell id used in hosts

	// Access management (access.go): the organization's service accounts
	// (Options.ServiceAccounts among them), users, invites and role
	// bindings, and which service account each access token belongs to.
	serviceAccounts map[string]*serviceAccount // by id
	clients         map[string]*serviceAccount // by client_id
	tokenOwners     map[string]string          // access token -> service account id
	users           map[string]*user           // by id
	ownerUserID     string                     // the user New made
	invites         map[string]*invite         // by id
	bindings        map[string]*roleBinding    // by id

	// namespaces holds the data-plane namespaces of each index, by index
	// id (namespaces.go); an index's entry goes with the index.
	namespaces map[string]*nsStore
}

// seedSalt derives the second PCG word from Options.Seed.
const seedSalt = 0x9e3779b97f4a7c15

// New returns a Server configured by opts. It holds one organization with
// one project, "Default Project", to which the keys of Options.APIKeys (or
// DefaultAPIKey) belong.
func New(opts Options) *Server {
	s := &Server{
		opts:      opts,
		now:       opts.Now,
		tokenTTL:  opts.TokenTTL,
		stats:     newStatsCounter(),
		projects:  make(map[string]*project),
		apiKeys:   make(map[string]*apiKey),
		keyValues: make(map[string]*apiKey),
		tokens:    make(map[string]time.Time),
		cells:     make(map[string]string),
		models:    defaultModels,

		serviceAccounts: make(map[string]*serviceAccount),
		clients:         make(map[string]*serviceAccount),
		tokenOwners:     make(map[string]string),
		users:           make(map[string]*user),
		invites:         make(map[string]*invite),
		bindings:        make(map[string]*roleBinding),
		namespaces:      make(map[string]*nsStore),
	}
	if s.now == nil {
		s.now = time.Now
	}
	if s.tokenTTL <= 0 {
		s.tokenTTL = defaultTokenTTL
	}
	s.opts.APIKeys = append([]string(nil), opts.APIKeys...)
	s.opts.ServiceAccounts = nil // kept as service accounts (seedServiceAccounts)

	t := s.now()
	orgName := opts.OrganizationName
	if orgName == "" {
		orgName = defaultOrganizationName
	}
	s.org = &organization{id: newOrganizationID(), name: orgName, createdAt: t}
	p := newProject(defaultProjectName, defaultProjectMaxPods, false, s.org.id, t)
	s.seq++
	p.seq = s.seq
	s.projects[p.id] = p
	s.defaultProjectID = p.id
	s.seedKeys(p, opts.APIKeys, t)
	s.seedOwner(t)
	s.seedServiceAccounts(opts.ServiceAccounts, t)

	s.faults = newFaultState(opts.Faults, t)
	if opts.Seed != 0 {
		s.faults.rng = rand.New(rand.NewPCG(opts.Seed, opts.Seed^seedSalt))
	}
	s.registerIndexRoutes()
	s.registerCollectionRoutes()
	s.registerBackupRoutes()
	s.registerBackupScheduleRoutes()
	s.registerRestoreRoutes()
	s.registerAssistantRoutes()
	s.registerAssistantFileRoutes()
	s.registerOAuthRoutes()
	s.registerAdminRoutes()
	s.registerServiceAccountRoutes()
	s.registerRoleBindingRoutes()
	s.registerInviteRoutes()
	s.registerUserRoutes()
	s.registerModelRoutes()
	s.registerNamespaceRoutes()
	return s
}

// DefaultProjectID returns the id of the project New created, to which the
// keys of Options.APIKeys (or DefaultAPIKey) belong. The id stays the same
// even if the project is deleted through the admin API.
func (s *Server) DefaultProjectID() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.defaultProjectID
}

// SetFaults replaces the fault configuration. It is safe to call while the
// server is handling requests and takes effect for the next request. The rate
// limiter's bucket starts full again and DropCreateResponses restarts its
// count.
func (s *Server) SetFaults(f Faults) {
	s.faults.set(f, s.now())
}

// Faults returns the active fault configuration, with DropCreateResponses
// showing how many drops are still to come (as GET /_emulator/faults does).
// Passing it back to SetFaults restores it, with a full rate-limit bucket.
func (s *Server) Faults() Faults {
	return s.faults.snapshot()
}

// request carries what a handler needs about one API call.
type request struct {
	w       http.ResponseWriter
	r       *http.Request
	params  map[string]string
	version string    // negotiated X-Pinecone-Api-Version
	proj    *project  // the project of the Api-Key; nil for admin and oauth requests
	who     caller    // the API key or service account sending it (permissions.go)
	target  *nsTarget // the index whose host the request came to; nil on the control plane
}

func (q *request) param(name string) string { return q.params[name] }

type handlerFunc func(*request)

// route is one path template, e.g. "/indexes/{index_name}", with a handler per
// HTTP method.
//
// Why not net/http.ServeMux with "GET /indexes/{index_name}" patterns: it was
// tried, and it passes the tests only with code that switches its own
// behaviour off again. ServeMux serves HEAD with GET handlers, redirects
// "//a", "/a/./b" and "/indexes/.." to cleaned paths (an escaped dot
// segment must be smuggled past it in URL.RawPath), matches "a%2Fb" as one
// segment, writes plain-text 404/405 answers and does not say which route a
// 405 belongs to, so the template for the Stats key, the message and Allow
// has to be recovered by asking the mux once per method, and the rule "the
// first registered route whose path matches" becomes a guess (fewest
// wildcards). That came to about 55 lines of routing code against the 87
// here, but half of them undo ServeMux, and the rule they emulate is harder
// to see than this loop. TestRoutingEdgeCases pins these cases.
type route struct {
	template string
	parts    []string
	methods  map[string]handlerFunc
}

// handle registers h for method on template. Routes are matched in
// registration order, so register static paths ("/indexes/create-for-model")
// before templated ones ("/indexes/{index_name}").
func (s *Server) handle(method, template string, h handlerFunc) {
	s.routes = addRoute(s.routes, method, template, h)
}

// addRoute adds h for method on template to routes and returns the list.
func addRoute(routes []*route, method, template string, h handlerFunc) []*route {
	for _, rt := range routes {
		if rt.template == template {
			rt.methods[method] = h
			return routes
		}
	}
	return append(routes, &route{
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
	return matchRoute(s.routes, method, splitPath(path))
}

// matchRoute is match over one list of routes and a path already split
// into segments.
func matchRoute(routes []*route, method string, parts []string) (*route, handlerFunc, map[string]string) {
	var first *route
	for _, rt := range routes {
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

// ServeHTTP answers one request. A request whose Host is an index host
// goes to that index's data plane (data_plane.go), whatever its path; any
// other goes to the emulator's own endpoints under /_emulator/ or to the
// control plane. Both then pass the same steps (serve).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if host, ok := dataPlaneHost(r); ok {
		s.serve(w, r, s.dataSurface(w, r, host))
		return
	}
	if r.URL.Path == controlPrefix || strings.HasPrefix(r.URL.Path, controlPrefix+"/") {
		s.serveControl(w, r)
		return
	}
	s.serve(w, r, s.controlSurface(w, r))
}

// surface is what differs between the control plane and an index's data
// plane on the way to a handler: the routes, the error body, who the
// caller is, and the code of a 429.
type surface struct {
	match     func(method string) (*route, handlerFunc, map[string]string)
	fail      func(status int, code, message string)
	auth      func() (*project, caller, *nsTarget, *apiError)
	limitCode string
}

// controlSurface routes by path. Authentication depends on the path
// prefix: Api-Key for the db_control, assistant and inference paths, a
// Bearer token under /admin/, nothing under /oauth/.
func (s *Server) controlSurface(w http.ResponseWriter, r *http.Request) surface {
	ns := namespaceOf(r.URL.Path)
	return surface{
		match: func(method string) (*route, handlerFunc, map[string]string) { return s.match(method, r.URL.Path) },
		fail: func(status int, code, message string) {
			if ns == nsOAuth {
				writeOAuthError(w, status, oauthCodeFor(status), message)
				return
			}
			writeError(w, status, code, message)
		},
		auth:      func() (*project, caller, *nsTarget, *apiError) { return s.authenticateControl(r, ns) },
		limitCode: rateLimitCode(r),
	}
}

// authenticateControl finds the caller of a control-plane request.
func (s *Server) authenticateControl(r *http.Request, ns int) (*project, caller, *nsTarget, *apiError) {
	switch ns {
	case nsAPI:
		k, proj := s.keyFor(r.Header.Get("Api-Key"))
		if proj == nil {
			return nil, caller{}, nil, keyRevoked()
		}
		return proj, caller{kind: principalAPIKey, id: k.id, projectID: proj.id}, nil, nil
	case nsAdmin:
		owner, err := s.checkBearer(r.Header.Get("Authorization"))
		if err != nil {
			return nil, caller{}, nil, err
		}
		return nil, caller{kind: principalServiceAccount, id: owner, unrestricted: owner == ""}, nil, nil
	}
	return nil, caller{}, nil, nil
}

// serve takes a request through the steps every API request passes: count
// it, add latency, apply the rate limit and random 429s, inject errors,
// authenticate, check the API version, route, answer a forced status,
// check the caller's roles (403), then handle.
func (s *Server) serve(w http.ResponseWriter, r *http.Request, sf surface) {
	rt, h, params := sf.match(r.Method)
	key := r.Method + " <unmatched>"
	if rt != nil {
		key = r.Method + " " + rt.template
	}
	s.stats.countRequest(key)
	if !s.passFaults(w, r, sf) {
		return
	}
	proj, who, target, aerr := sf.auth()
	if aerr != nil {
		sf.fail(aerr.status, aerr.code, aerr.message)
		return
	}
	version, verr := checkVersion(r.Header.Get(headerAPIVersion))
	if verr != nil {
		sf.fail(verr.status, verr.code, verr.message)
		return
	}
	if rt == nil {
		sf.fail(http.StatusNotFound, codeNotFound, fmt.Sprintf("Route %s %s not found.", r.Method, r.URL.Path))
		return
	}
	if h == nil {
		w.Header().Set("Allow", strings.Join(allowedMethods(rt), ", "))
		// The spec has no code for 405; UNIMPLEMENTED says "this operation
		// does not exist" best.
		sf.fail(http.StatusMethodNotAllowed, codeUnimplemented,
			fmt.Sprintf("Method %s is not allowed on %s.", r.Method, rt.template))
		return
	}
	if status := s.faults.forcedStatus(key); status != 0 {
		s.stats.countFault(fmt.Sprint(status))
		e := forcedError(status)
		if status == http.StatusTooManyRequests {
			w.Header().Set("Retry-After", "1")
			e.code = sf.limitCode
		}
		sf.fail(e.status, e.code, e.message)
		return
	}
	// Backup schedules run on the clock, not in the background: every due
	// run is taken (and every expired scheduled backup removed) before any
	// handler looks at the store (backup_schedule_runs.go).
	s.runSchedules()
	q := &request{w: w, r: r, params: params, version: version, proj: proj, who: who, target: target}
	// The caller's roles are checked before the handler reads the body
	// (permissions.go).
	if err := s.authorize(q, rt.template); err != nil {
		sf.fail(err.status, err.code, err.message)
		return
	}
	h(q)
}

// passFaults applies Faults.Latency, the rate limiter, random 429s and
// injected 500/503s to a request. It reports false when the request has
// been answered (or abandoned) and must go no further.
func (s *Server) passFaults(w http.ResponseWriter, r *http.Request, sf surface) bool {
	if d := s.faults.delay(); d > 0 {
		s.stats.countFault("delayed")
		if !sleepCtx(r, d) {
			return false // the client went away; nobody is left to answer
		}
	}
	ok, retryAfter := s.faults.allow(s.now())
	if ok && s.faults.shedLoad() {
		ok, retryAfter = false, 1
	}
	if !ok {
		s.stats.countFault("429")
		w.Header().Set("Retry-After", fmt.Sprint(retryAfter))
		// RESOURCE_EXHAUSTED rather than QUOTA_EXCEEDED: the spec ties
		// QUOTA_EXCEEDED to project quotas (pods), while RESOURCE_EXHAUSTED is
		// the enum's generic code for "too many requests right now". The
		// assistant APIs at 2026-04 and later use TOO_MANY_REQUESTS instead
		// (rateLimitCode).
		sf.fail(http.StatusTooManyRequests, sf.limitCode,
			fmt.Sprintf("Too many requests. Rate limit exceeded; retry after %d second(s).", retryAfter))
		return false
	}
	if status := s.faults.injectError(r.Method); status != 0 {
		s.stats.countFault(fmt.Sprint(status))
		if status == http.StatusServiceUnavailable {
			sf.fail(status, codeUnavailable, "Service unavailable. Please retry.")
		} else {
			sf.fail(status, codeUnknown, "Internal server error")
		}
		return false
	}
	return true
}

// rateLimitCode is the error.code of a 429 answer to r. The assistant
// control and data plane specs of 2026-04 add TOO_MANY_REQUESTS to their
// ErrorResponse enum and use it in their 429 example ("Too many get or list
// assistant requests, try again later"); their 2025-10 enums lack it, and
// the db_control, inference and admin enums (2025-10, 2026-04) have only
// RESOURCE_EXHAUSTED for this. The version is read from the header
// directly, because the rate limit runs before the version check.
func rateLimitCode(r *http.Request) string {
	p := r.URL.Path
	if p != assistantPrefix && !strings.HasPrefix(p, assistantPrefix+"/") {
		return codeResourceExhausted
	}
	switch r.Header.Get(headerAPIVersion) {
	case apiVersion2026_04, apiVersion2026_07:
		return codeTooManyRequests
	}
	return codeResourceExhausted
}

// Namespaces of the API, told apart by path prefix. Each has its own
// authentication: the db_control, assistant and file endpoints take an
// Api-Key, /admin/ a Bearer access token, and /oauth/ nothing (the
// credentials are in the body). Unknown paths follow the rule of their
// prefix.
const (
	nsAPI = iota
	nsAdmin
	nsOAuth
)

func namespaceOf(path string) int {
	switch {
	case path == adminPrefix || strings.HasPrefix(path, adminPrefix+"/"):
		return nsAdmin
	case path == oauthPrefix || strings.HasPrefix(path, oauthPrefix+"/"):
		return nsOAuth
	}
	return nsAPI
}

// keyFor returns the API key of an Api-Key value and its project, or a nil
// project.
func (s *Server) keyFor(value string) (*apiKey, *project) {
	if value == "" {
		return nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.keyValues[value]
	if !ok {
		return nil, nil
	}
	return k, s.projects[k.projectID]
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

// Error codes of the db_control ErrorResponse enum (spec
// db_control_2025-10.oas.yaml, ErrorResponse.error.code).
const (
	codeInvalidArgument    = "INVALID_ARGUMENT"
	codeUnauthenticated    = "UNAUTHENTICATED"
	codeForbidden          = "FORBIDDEN"
	codePaymentRequired    = "PAYMENT_REQUIRED"
	codeNotFound           = "NOT_FOUND"
	codeAlreadyExists      = "ALREADY_EXISTS"
	codeFailedPrecondition = "FAILED_PRECONDITION"
	codeUnprocessable      = "UNPROCESSABLE_ENTITY"
	codeResourceExhausted  = "RESOURCE_EXHAUSTED"
	codeTooManyRequests    = "TOO_MANY_REQUESTS" // assistant APIs, 2026-04 and later
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

func failedPrecondition(format string, args ...any) *apiError {
	return &apiError{status: http.StatusPreconditionFailed, code: codeFailedPrecondition, message: fmt.Sprintf(format, args...)}
}

// keyRevoked answers a request whose Api-Key was valid when it arrived but
// whose project has been deleted since (with its keys) before the request
// could act.
func keyRevoked() *apiError {
	return &apiError{status: http.StatusUnauthorized, code: codeUnauthenticated, message: "Invalid API key."}
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

// fail answers q with e, in the data plane's rpcStatus shape when q came
// to an index host (data_plane.go).
func (q *request) fail(e *apiError) {
	if q.target != nil {
		writeRPCStatus(q.w, e.status, e.code, e.message)
		return
	}
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

package emulator

import (
	"fmt"
	"math"
	"math/rand/v2"
	"net/http"
	"slices"
	"strings"
	"sync"
	"time"
)

// Faults makes the emulator misbehave the way a real, busy control plane
// can. The zero value injects nothing.
type Faults struct {
	// RateLimit is a token bucket rate in requests per second; 0 = off. A
	// request over the limit is answered 429 with a Retry-After header (whole
	// seconds, at least 1) and code RESOURCE_EXHAUSTED.
	RateLimit float64
	// RateBurst is the bucket size; 0 means max(1, int(RateLimit)).
	RateBurst int
	// RateLimitedRate is the probability (0..1) that a request is answered
	// 429 RESOURCE_EXHAUSTED with Retry-After: 1 regardless of the token
	// bucket, before it is acted on: a control plane shedding load at
	// random rather than by a steady rate. Counted under Faulted()["429"],
	// with the limiter's answers.
	RateLimitedRate float64
	// ErrorRate is the probability (0..1) that a request is answered 500
	// (UNKNOWN "Internal server error") or 503 (UNAVAILABLE), half each,
	// before the request is acted on.
	ErrorRate float64
	// ErrorMethods, if non-empty, limits error injection to these HTTP methods.
	ErrorMethods []string
	// Latency is added before a request is handled (before anything else,
	// rate limiting included). If the request's context ends first, the
	// request is abandoned without an answer and nothing is acted on.
	Latency time.Duration
	// LatencyRate is the probability (0..1) that a request gets Latency; 0
	// means every request does. Each delayed request is counted under
	// Faulted()["delayed"].
	LatencyRate float64
	// ForceStatus, when set (400..599), answers the requests named in
	// ForceStatusPaths with that status and Pinecone's error body for it,
	// after authentication and routing and before the handler acts: 402
	// PAYMENT_REQUIRED "Request failed. Pay all past due invoices to lift
	// restrictions on your account.", 403 FORBIDDEN "Increase your quota or
	// upgrade to create more indexes."; any other status gets the error
	// code the emulator uses for it elsewhere (UNKNOWN when there is none)
	// and a generic message. A forced 429 also carries Retry-After: 1. Each
	// answer is counted under Faulted()[status], e.g. "402".
	ForceStatus int
	// ForceStatusPaths lists the requests ForceStatus applies to, as
	// "METHOD /route template" exactly as Server.Stats keys them (e.g.
	// "POST /indexes", "DELETE /indexes/{index_name}"); the method is
	// matched case-insensitively. Empty means every routed request.
	ForceStatusPaths []string
	// DropCreateResponses: the next N successful create requests
	// (POST /indexes, POST /indexes/create-for-model, POST /collections,
	// POST /indexes/{index_name}/backups, POST
	// /backups/{backup_id}/create-index, POST /assistant/assistants, POST
	// /admin/projects, POST /admin/projects/{project_id}/api-keys) are
	// committed, then the connection is closed without any response (a
	// dropped API key create loses the key's value for good). File uploads
	// and token requests are never dropped.
	DropCreateResponses int
	// FailInitialization lists index names (or "*" for all) that end in
	// InitializationFailed instead of Ready. Names are checked at create time
	// (POST /indexes and POST /indexes/create-for-model; an index restored
	// from a backup always becomes Ready).
	FailInitialization []string
	// FailBackups lists source index names (or "*" for all) whose backups end
	// in Failed instead of Ready. Names are checked when the backup is
	// created.
	FailBackups []string
	// FailReadCapacity lists index names (or "*" for all) whose read
	// capacity changes end in the read capacity state Error, with an
	// error_message, instead of Ready. Names are checked when a PATCH starts
	// a change (of mode, node type, replicas or shards); the capacity that
	// served before the change keeps serving.
	FailReadCapacity []string
	// FailAssistants lists assistant names (or "*" for all) that end in
	// Failed instead of Ready. Names are checked when the assistant is
	// created.
	FailAssistants []string
	// FailFiles lists assistant file names (the file name of the uploaded
	// multipart part, e.g. "notes.txt", or "*" for all) that end in
	// ProcessingFailed instead of Available. Names are checked at upload.
	FailFiles []string
}

func (f Faults) clone() Faults {
	f.ErrorMethods = slices.Clone(f.ErrorMethods)
	f.ForceStatusPaths = slices.Clone(f.ForceStatusPaths)
	f.FailInitialization = slices.Clone(f.FailInitialization)
	f.FailBackups = slices.Clone(f.FailBackups)
	f.FailReadCapacity = slices.Clone(f.FailReadCapacity)
	f.FailAssistants = slices.Clone(f.FailAssistants)
	f.FailFiles = slices.Clone(f.FailFiles)
	return f
}

func (f Faults) burst() float64 {
	if f.RateBurst > 0 {
		return float64(f.RateBurst)
	}
	return math.Max(1, math.Floor(f.RateLimit))
}

// faultState holds the active Faults plus the mutable parts: the token
// bucket, the remaining dropped responses and the random source.
type faultState struct {
	mu       sync.Mutex
	f        Faults
	dropLeft int
	tokens   float64
	last     time.Time
	rng      *rand.Rand // tests in this package may replace it with a seeded one
}

func newFaultState(f Faults, now time.Time) *faultState {
	fs := &faultState{rng: rand.New(rand.NewPCG(rand.Uint64(), rand.Uint64()))}
	fs.set(f, now)
	return fs
}

func (fs *faultState) set(f Faults, now time.Time) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.f = f.clone()
	fs.dropLeft = f.DropCreateResponses
	fs.tokens = f.burst()
	fs.last = now
}

// snapshot returns the active faults, with DropCreateResponses showing how
// many drops are still to come.
func (fs *faultState) snapshot() Faults {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	f := fs.f.clone()
	f.DropCreateResponses = fs.dropLeft
	return f
}

// allow takes a token from the bucket. When none is left it reports false
// and the whole number of seconds (>= 1) until one will be.
func (fs *faultState) allow(now time.Time) (bool, int) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f.RateLimit <= 0 {
		return true, 0
	}
	if elapsed := now.Sub(fs.last); elapsed > 0 {
		fs.tokens = math.Min(fs.f.burst(), fs.tokens+elapsed.Seconds()*fs.f.RateLimit)
	}
	fs.last = now
	if fs.tokens >= 1 {
		fs.tokens--
		return true, 0
	}
	wait := (1 - fs.tokens) / fs.f.RateLimit
	return false, max(1, int(math.Ceil(wait)))
}

// injectError decides whether this request gets an injected error and which
// status: 0 (none), 500 or 503.
func (fs *faultState) injectError(method string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f.ErrorRate <= 0 {
		return 0
	}
	if len(fs.f.ErrorMethods) > 0 && !slices.ContainsFunc(fs.f.ErrorMethods, func(m string) bool {
		return strings.EqualFold(m, method)
	}) {
		return 0
	}
	if fs.rng.Float64() >= fs.f.ErrorRate {
		return 0
	}
	if fs.rng.IntN(2) == 0 {
		return http.StatusInternalServerError
	}
	return http.StatusServiceUnavailable
}

// shedLoad decides whether this request gets a random 429 (RateLimitedRate).
func (fs *faultState) shedLoad() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return fs.f.RateLimitedRate > 0 && fs.rng.Float64() < fs.f.RateLimitedRate
}

// delay returns the latency this request gets: Latency for every request
// when LatencyRate is 0, otherwise for the drawn share of them.
func (fs *faultState) delay() time.Duration {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f.Latency <= 0 {
		return 0
	}
	if fs.f.LatencyRate > 0 && fs.rng.Float64() >= fs.f.LatencyRate {
		return 0
	}
	return fs.f.Latency
}

// forcedStatus returns the status to answer the request keyed routeKey
// ("METHOD /template") with, or 0.
func (fs *faultState) forcedStatus(routeKey string) int {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.f.ForceStatus == 0 {
		return 0
	}
	if len(fs.f.ForceStatusPaths) == 0 {
		return fs.f.ForceStatus
	}
	method, template, _ := strings.Cut(routeKey, " ")
	for _, p := range fs.f.ForceStatusPaths {
		m, t, _ := strings.Cut(strings.TrimSpace(p), " ")
		if strings.EqualFold(m, method) && strings.TrimSpace(t) == template {
			return fs.f.ForceStatus
		}
	}
	return 0
}

// forcedError is the answer ForceStatus gives: Pinecone's code and
// message for the statuses the facts describe, a generic one otherwise.
func forcedError(status int) *apiError {
	switch status {
	case http.StatusPaymentRequired:
		return &apiError{status: status, code: codePaymentRequired,
			message: "Request failed. Pay all past due invoices to lift restrictions on your account."}
	case http.StatusForbidden:
		return &apiError{status: status, code: codeForbidden,
			message: "Increase your quota or upgrade to create more indexes."}
	}
	code := codeUnknown
	switch status {
	case http.StatusBadRequest:
		code = codeInvalidArgument
	case http.StatusUnauthorized:
		code = codeUnauthenticated
	case http.StatusNotFound:
		code = codeNotFound
	case http.StatusMethodNotAllowed:
		code = codeUnimplemented
	case http.StatusConflict:
		code = codeAlreadyExists
	case http.StatusPreconditionFailed:
		code = codeFailedPrecondition
	case http.StatusUnprocessableEntity:
		code = codeUnprocessable
	case http.StatusTooManyRequests:
		code = codeResourceExhausted
	case http.StatusServiceUnavailable:
		code = codeUnavailable
	}
	text := http.StatusText(status)
	if text == "" {
		text = "Error"
	}
	return &apiError{status: status, code: code,
		message: fmt.Sprintf("%s (status %d forced by the emulator's fault injection).", text, status)}
}

// takeDrop reports whether the response to a create that has just been
// committed should be dropped, and counts it down.
func (fs *faultState) takeDrop() bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	if fs.dropLeft <= 0 {
		return false
	}
	fs.dropLeft--
	return true
}

// listed reports whether name, or "*", is in the list that pick selects.
func (fs *faultState) listed(pick func(*Faults) []string, name string) bool {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	list := pick(&fs.f)
	return slices.Contains(list, "*") || slices.Contains(list, name)
}

func (fs *faultState) failsInitialization(name string) bool {
	return fs.listed(func(f *Faults) []string { return f.FailInitialization }, name)
}

func (fs *faultState) failsBackup(indexName string) bool {
	return fs.listed(func(f *Faults) []string { return f.FailBackups }, indexName)
}

func (fs *faultState) failsReadCapacity(indexName string) bool {
	return fs.listed(func(f *Faults) []string { return f.FailReadCapacity }, indexName)
}

// readCapacityFailure is the error_message a read capacity change of ix to
// rc ends with, or "" when Faults.FailReadCapacity does not list the index.
// [unverified] production's wording for a failed change is undocumented.
func (s *Server) readCapacityFailure(ix *index, rc readCapacity) string {
	if !s.faults.failsReadCapacity(ix.name) {
		return ""
	}
	where := ix.environment
	if ix.kind == specServerless {
		where = ix.cloud + " " + ix.region
	}
	if rc.mode != modeDedicated {
		return fmt.Sprintf("Failed to migrate index %s to OnDemand read capacity in %s. Retry the change later or contact support.", ix.name, where)
	}
	return fmt.Sprintf("Failed to provision %d replicas x %d shards of node type %s for index %s in %s: insufficient capacity. Retry later or choose another node_type.",
		rc.replicas, rc.shards, rc.nodeType, ix.name, where)
}

func (fs *faultState) failsAssistant(name string) bool {
	return fs.listed(func(f *Faults) []string { return f.FailAssistants }, name)
}

func (fs *faultState) failsFile(fileName string) bool {
	return fs.listed(func(f *Faults) []string { return f.FailFiles }, fileName)
}

// dropResponse closes the client connection without writing anything. It
// hijacks the connection when it can (HTTP/1.x); otherwise it aborts the
// handler with http.ErrAbortHandler, which net/http turns into a closed
// connection or a reset stream.
func (s *Server) dropResponse(w http.ResponseWriter) {
	s.stats.countFault("dropped")
	if hj, ok := w.(http.Hijacker); ok {
		if conn, _, err := hj.Hijack(); err == nil {
			_ = conn.Close()
			return
		}
	}
	panic(http.ErrAbortHandler)
}

package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"regexp"
	"strings"
	"time"
)

// Route templates of the assistant_control endpoints (spec
// assistant_control_2025-10.oas.yaml and assistant_control_2026-04.oas.yaml).
// Production serves them under https://api.pinecone.io/assistant, so the
// full paths start with /assistant.
const (
	routeAssistants = "/assistant/assistants"
	routeAssistant  = "/assistant/assistants/{assistant_name}"
)

// Assistant states (spec assistant_control_2025-10.oas.yaml,
// Assistant.status). The enum also has InitializationFailed; the emulator uses
// Failed for FailAssistants.
const (
	assistantInitializing = "Initializing"
	assistantReady        = "Ready"
	assistantFailed       = "Failed"
	assistantTerminating  = "Terminating"
)

// Assistant regions (CreateAssistantRequest.region).
const (
	regionUS = "us"
	regionEU = "eu"
)

const (
	// maxAssistantNameLen is the assistant name limit (spec
	// assistant_control_2025-10.oas.yaml, create_assistant name, maxLength 63).
	maxAssistantNameLen = 63
	// maxAssistantText bounds instructions (bytes of UTF-8) and metadata
	// (bytes of its compact JSON form): "Maximum 16 KB".
	maxAssistantText = 16 * 1024
	// defaultAssistantPageLimit is the 2026-04 list's default limit.
	defaultAssistantPageLimit = 50
)

// assistantNameRe is the index name charset rule without its length bound;
// the length is checked separately.
var assistantNameRe = regexp.MustCompile(`^[a-z0-9]([a-z0-9-]*[a-z0-9])?$`)

var assistantPages = pageSpec{
	kind:         pageKindAssistants,
	limitParam:   "limit",
	tokenParam:   "pagination_token",
	defaultLimit: defaultAssistantPageLimit,
}

func (s *Server) registerAssistantRoutes() {
	s.handle(http.MethodGet, routeAssistants, s.handleListAssistants)
	s.handle(http.MethodPost, routeAssistants, s.handleCreateAssistant)
	s.handle(http.MethodGet, routeAssistant, s.handleDescribeAssistant)
	s.handle(http.MethodPatch, routeAssistant, s.handleUpdateAssistant)
	s.handle(http.MethodDelete, routeAssistant, s.handleDeleteAssistant)
}

// assistant is one stored assistant. As for indexes, its status is computed
// from the clock each time it is shown.
type assistant struct {
	name         string
	instructions *string         // nil = unset (JSON null)
	metadata     json.RawMessage // compact JSON object; nil = unset (JSON null)
	region       string

	createdAt time.Time
	updatedAt time.Time
	readyAt   time.Time
	fail      bool // Faults.FailAssistants matched at create time

	terminating bool
	goneAt      time.Time

	files      map[string]*assistantFile // by id
	operations map[string]*fileOperation // by id (2026-04 file protocol)
}

func (a *assistant) pos() cursor { return cursor{at: a.createdAt, id: a.name} }

// status returns Assistant.status at t; fresh marks the answer to the create,
// which always shows Initializing.
func (a *assistant) status(t time.Time, fresh bool) string {
	switch {
	case a.terminating:
		return assistantTerminating
	case during(t, a.readyAt, fresh):
		return assistantInitializing
	case a.fail:
		return assistantFailed
	}
	return assistantReady
}

// assistantJSON is the Assistant schema (spec
// assistant_control_2025-10.oas.yaml and _2026-04, Assistant). instructions
// and metadata are null when unset; region exists only in 2026-04.
type assistantJSON struct {
	Name         string          `json:"name"`
	Status       string          `json:"status"`
	Instructions *string         `json:"instructions"`
	Metadata     json.RawMessage `json:"metadata"`
	Host         string          `json:"host"`
	CreatedAt    string          `json:"created_at"`
	UpdatedAt    string          `json:"updated_at"`
	Region       string          `json:"region,omitempty"`
}

// assistantListJSON is the list answer. pagination appears only in 2026-04,
// and only when another page follows.
type assistantListJSON struct {
	Assistants []assistantJSON `json:"assistants"`
	Pagination *paginationJSON `json:"pagination,omitempty"`
}

// updateAssistantJSON is UpdateAssistantResponse: not a full Assistant.
type updateAssistantJSON struct {
	AssistantName string          `json:"assistant_name"`
	Instructions  *string         `json:"instructions"`
	Metadata      json.RawMessage `json:"metadata"`
}

// view renders a as seen at t by a request q (which decides the API version
// and the host).
func (a *assistant) view(q *request, t time.Time, fresh bool) assistantJSON {
	out := assistantJSON{
		Name:         a.name,
		Status:       a.status(t, fresh),
		Instructions: cloneStringPtr(a.instructions),
		Metadata:     bytes.Clone(a.metadata),
		Host:         baseURL(q.r),
		CreatedAt:    timestamp(a.createdAt),
		UpdatedAt:    timestamp(a.updatedAt),
	}
	if q.version != apiVersion2025_10 {
		out.Region = a.region
	}
	return out
}

func cloneStringPtr(p *string) *string {
	if p == nil {
		return nil
	}
	v := *p
	return &v
}

// baseURL is the scheme and authority the request reached the emulator at,
// e.g. "http://127.0.0.1:8080". Assistants use it as their host: the file
// endpoints of the assistant data plane are served by this same server.
func baseURL(r *http.Request) string {
	scheme := "http"
	if r.TLS != nil {
		scheme = "https"
	}
	return scheme + "://" + r.Host
}

func assistantNotFound(name string) *apiError { return notFound("Assistant %q not found.", name) }

func validateAssistantName(name string) *apiError {
	if len(name) < 1 || len(name) > maxAssistantNameLen {
		return invalidArgument("Assistant name must be between 1 and %d characters long. Assistant%s", maxAssistantNameLen, nameRule)
	}
	if !assistantNameRe.MatchString(name) {
		return invalidArgument("Assistant%s", nameRule)
	}
	return nil
}

// assistantText checks the instructions, then the metadata, of a create or
// update against their 16 KB limits and returns the metadata in the stored
// compact form (nil for an absent or null object).
func assistantText(instructions *string, metadata map[string]json.RawMessage) (json.RawMessage, *apiError) {
	if instructions != nil && len(*instructions) > maxAssistantText {
		return nil, invalidArgument("Instructions must be at most 16 KB (%d bytes); got %d bytes.", maxAssistantText, len(*instructions))
	}
	raw, err := compactObject(metadata)
	if err != nil {
		return nil, err
	}
	if len(raw) > maxAssistantText {
		return nil, invalidArgument("Metadata must be at most 16 KB (%d bytes) when serialized; got %d bytes.", maxAssistantText, len(raw))
	}
	return raw, nil
}

// compactObject serializes a JSON object compactly with sorted keys and the
// values exactly as sent (numbers are not rounded). nil stays nil.
func compactObject(m map[string]json.RawMessage) (json.RawMessage, *apiError) {
	if m == nil {
		return nil, nil
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil {
		// The values were decoded from valid JSON, so this does not happen.
		return nil, invalidArgument("Invalid metadata: %v", err)
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

type createAssistantBody struct {
	Name         *string                    `json:"name"`
	Instructions *string                    `json:"instructions"`
	Metadata     map[string]json.RawMessage `json:"metadata"`
	Region       *string                    `json:"region"`
}

func (b *createAssistantBody) missingField() string { return requiredName(b.Name) }

// handleCreateAssistant answers 200 (not 201: spec
// assistant_control_2025-10.oas.yaml, create_assistant) with the new
// assistant in Initializing. Order: 422 for the body, then 400 for the
// name, region, instructions and metadata, then 409 for a taken name.
func (s *Server) handleCreateAssistant(q *request) {
	var b createAssistantBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := validateAssistantName(*b.Name); err != nil {
		q.fail(err)
		return
	}
	region := regionUS
	if b.Region != nil {
		region = *b.Region
		if region != regionUS && region != regionEU {
			q.fail(invalidArgument("Invalid region: Valid options are us, eu"))
			return
		}
	}
	meta, err := assistantText(b.Instructions, b.Metadata)
	if err != nil {
		q.fail(err)
		return
	}

	p := q.proj
	t := s.now()
	s.mu.Lock()
	if p.deleted {
		s.mu.Unlock()
		q.fail(keyRevoked())
		return
	}
	p.purgeAssistants(t)
	if _, taken := p.assistants[*b.Name]; taken {
		s.mu.Unlock()
		q.fail(alreadyExists())
		return
	}
	a := &assistant{
		name:         *b.Name,
		instructions: cloneStringPtr(b.Instructions),
		metadata:     meta,
		region:       region,
		createdAt:    t,
		updatedAt:    t,
		readyAt:      t.Add(s.opts.ReadyDelay),
		fail:         s.faults.failsAssistant(*b.Name),
		files:        make(map[string]*assistantFile),
		operations:   make(map[string]*fileOperation),
	}
	p.assistants[a.name] = a
	view := a.view(q, t, true)
	s.mu.Unlock()
	s.answerCreate(q, http.StatusOK, view)
}

// handleListAssistants answers every assistant in 2025-10 and one page of
// them in 2026-04 (limit 1-100, default 50; pagination_token). Both are
// ordered by creation time, then name. In 2025-10 limit and
// pagination_token are not part of the API and are ignored.
func (s *Server) handleListAssistants(q *request) {
	paged := q.version != apiVersion2025_10
	var p pageRequest
	if paged {
		var err *apiError
		if p, err = parsePage(q.r, assistantPages); err != nil {
			q.fail(err)
			return
		}
	}
	proj := q.proj
	t := s.now()
	s.mu.Lock()
	proj.purgeAssistants(t)
	all := make([]*assistant, 0, len(proj.assistants))
	for _, a := range proj.assistants {
		all = append(all, a)
	}
	next := ""
	if paged {
		all, next = paginate(all, (*assistant).pos, p, pageKindAssistants)
	} else {
		sortByPos(all, (*assistant).pos)
	}
	out := assistantListJSON{Assistants: make([]assistantJSON, 0, len(all)), Pagination: nextPage(next)}
	for _, a := range all {
		out.Assistants = append(out.Assistants, a.view(q, t, false))
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeAssistant(q *request) {
	s.readAssistant(q, func(a *assistant, t time.Time) (any, *apiError) {
		return a.view(q, t, false), nil
	})
}

type updateAssistantBody struct {
	Instructions *string                    `json:"instructions"`
	Metadata     map[string]json.RawMessage `json:"metadata"`
}

// handleUpdateAssistant changes instructions and/or metadata. A field that is
// absent keeps its value; JSON null clears it. Other fields are ignored. The
// answer is UpdateAssistantResponse, not an Assistant.
func (s *Server) handleUpdateAssistant(q *request) {
	name := q.param("assistant_name")
	var b updateAssistantBody
	body, ok := q.decode(&b)
	if !ok {
		return
	}
	meta, err := assistantText(b.Instructions, b.Metadata)
	if err != nil {
		q.fail(err)
		return
	}
	setInstructions := hasTopLevelKey(body.raw, "instructions")
	setMetadata := hasTopLevelKey(body.raw, "metadata")

	p := q.proj
	t := s.now()
	s.mu.Lock()
	p.purgeAssistants(t)
	a, ok := p.assistants[name]
	switch {
	case !ok:
		s.mu.Unlock()
		q.fail(assistantNotFound(name))
		return
	case a.terminating:
		s.mu.Unlock()
		// [unverified] the spec lists 400 and 404 for PATCH; an assistant
		// that is being deleted cannot change.
		q.fail(invalidArgument("Assistant %q is being deleted and cannot be updated.", name))
		return
	}
	if setInstructions {
		a.instructions = cloneStringPtr(b.Instructions)
	}
	if setMetadata {
		a.metadata = meta
	}
	a.updatedAt = t
	out := updateAssistantJSON{
		AssistantName: a.name,
		Instructions:  cloneStringPtr(a.instructions),
		Metadata:      bytes.Clone(a.metadata),
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

// hasTopLevelKey reports whether the JSON object raw has key (null values
// included), matching names case-insensitively as encoding/json does when it
// fills a struct.
func hasTopLevelKey(raw []byte, key string) bool {
	var m map[string]json.RawMessage
	if json.Unmarshal(raw, &m) != nil {
		return false
	}
	for k := range m {
		if strings.EqualFold(k, key) {
			return true
		}
	}
	return false
}

// handleDeleteAssistant answers 200 with no body. The assistant is
// Terminating for DeleteDelay, then gone; its files are removed at once. A
// repeated DELETE while Terminating is 200 again and does not restart the
// clock.
func (s *Server) handleDeleteAssistant(q *request) {
	name := q.param("assistant_name")
	p := q.proj
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p.purgeAssistants(t)
	a, ok := p.assistants[name]
	if !ok {
		q.fail(assistantNotFound(name))
		return
	}
	if !a.terminating {
		a.terminating = true
		a.goneAt = t.Add(s.opts.DeleteDelay)
		a.files = make(map[string]*assistantFile)
		a.operations = make(map[string]*fileOperation)
	}
	q.w.WriteHeader(http.StatusOK)
}

// purgeAssistants removes assistants and files whose delete delay has
// passed. Callers hold s.mu.
func (p *project) purgeAssistants(t time.Time) {
	for name, a := range p.assistants {
		if a.terminating && !t.Before(a.goneAt) {
			delete(p.assistants, name)
			continue
		}
		for id, f := range a.files {
			if f.deleting && !t.Before(f.goneAt) {
				delete(a.files, id)
			}
		}
		for id, o := range a.operations {
			if !t.Before(o.doneAt.Add(operationRetention)) {
				delete(a.operations, id)
			}
		}
	}
}

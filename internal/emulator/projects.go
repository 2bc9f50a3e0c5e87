package emulator

import (
	"cmp"
	"fmt"
	"math"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Route templates of the admin project endpoints (spec admin_2025-10.oas.yaml:
// list_projects, create_project, fetch_project, update_project,
// delete_project).
const (
	routeProjects = "/admin/projects"
	routeProject  = "/admin/projects/{project_id}"
)

const (
	// maxAdminNameLen bounds project and organization names (characters).
	maxAdminNameLen = 512
	// minEffectiveMaxPods is the smallest pod allotment a project that asks
	// for pods gets; see effectiveMaxPods.
	minEffectiveMaxPods = 5
	// defaultProjectMaxPods is the allotment of the project New creates: the
	// organization default seen in production ([obs]: go-pinecone v6.1.0
	// pinecone/admin_client_test.go, CreateProject, "requesting 8 yields the
	// org default of 50").
	defaultProjectMaxPods = 50
)

// project scopes the control-plane data: every index, collection, backup,
// restore job and assistant lives in exactly one project, and an Api-Key
// sees only the objects of the project it belongs to. All fields, including
// the maps, are guarded by Server.mu.
type project struct {
	id             string // UUID
	name           string
	maxPods        int // effective allotment, as answered
	forceCMEK      bool
	organizationID string
	createdAt      time.Time
	seq            int64 // creation order, for listing
	deleted        bool  // set when DELETE removed it; requests that got it before then refuse to create

	indexes     map[string]*index          // by name
	collections map[string]*collection     // by name (a namespace of its own, apart from indexes)
	backups     map[string]*backup         // by backup_id
	restoreJobs map[string]*restoreJob     // by restore_job_id; kept for the project's life
	schedules   map[string]*backupSchedule // by schedule_id; removed with their index
	assistants  map[string]*assistant      // by name (a namespace of its own); each holds its files
}

func newProject(name string, maxPods int, cmek bool, orgID string, t time.Time) *project {
	return &project{
		id:             newUUID(),
		name:           name,
		maxPods:        maxPods,
		forceCMEK:      cmek,
		organizationID: orgID,
		createdAt:      t,
		indexes:        make(map[string]*index),
		collections:    make(map[string]*collection),
		backups:        make(map[string]*backup),
		restoreJobs:    make(map[string]*restoreJob),
		schedules:      make(map[string]*backupSchedule),
		assistants:     make(map[string]*assistant),
	}
}

// projectJSON is the admin Project schema (spec admin_2025-10.oas.yaml,
// Project).
type projectJSON struct {
	ID                      string `json:"id"`
	Name                    string `json:"name"`
	MaxPods                 int    `json:"max_pods"`
	ForceEncryptionWithCMEK bool   `json:"force_encryption_with_cmek"`
	OrganizationID          string `json:"organization_id"`
	CreatedAt               string `json:"created_at"`
}

type projectListJSON struct {
	Data []projectJSON `json:"data"`
}

func (p *project) view() projectJSON {
	return projectJSON{
		ID:                      p.id,
		Name:                    p.name,
		MaxPods:                 p.maxPods,
		ForceEncryptionWithCMEK: p.forceCMEK,
		OrganizationID:          p.organizationID,
		CreatedAt:               timestamp(p.createdAt),
	}
}

// effectiveMaxPods models "the returned max_pods is the effective allotment
// and may exceed the request" (go-pinecone v6.1.0
// pinecone/admin_client_test.go, CreateProject and UpdateProject) in the
// simplest honest way: 0 (serverless only) and anything from 5 up are kept,
// and a request for 1 to 4 pods is raised to 5.
func effectiveMaxPods(requested int) int {
	if requested > 0 && requested < minEffectiveMaxPods {
		return minEffectiveMaxPods
	}
	return requested
}

func projectNotFound(id string) *apiError { return notFound("Project %s not found.", id) }

// validateAdminName checks a project, organization or API key name: 1 to
// maxLen characters (Unicode code points), no charset rule.
func validateAdminName(what, name string, maxLen int) *apiError {
	if n := len([]rune(name)); n < 1 || n > maxLen {
		return invalidArgument("%s name must be between 1 and %d characters long; got %d.", what, maxLen, n)
	}
	return nil
}

// parseMaxPods validates a requested max_pods and returns the effective
// allotment; absent (nil) is 0.
func parseMaxPods(v *int64) (int, *apiError) {
	switch {
	case v == nil:
		return 0, nil
	case *v < 0 || *v > math.MaxInt32:
		return 0, invalidArgument("max_pods must be between 0 and %d; got %d.", math.MaxInt32, *v)
	}
	return effectiveMaxPods(int(*v)), nil
}

// projectNamed returns the project with that exact name, or nil. Callers
// hold s.mu.
func (s *Server) projectNamed(name string) *project {
	for _, p := range s.projects {
		if p.name == name {
			return p
		}
	}
	return nil
}

// projectParam reads {project_id}: a UUID (400 otherwise), lowercased.
func projectParam(q *request) (string, *apiError) { return uuidParam(q, "project_id") }

// projectBody is the body of update_project; create_project takes the same
// fields with name required (createProjectBody).
type projectBody struct {
	Name                    *string `json:"name"`
	MaxPods                 *int64  `json:"max_pods"`
	ForceEncryptionWithCMEK *bool   `json:"force_encryption_with_cmek"`
}

// createProjectBody is a defined type, not an embedding, so that decode errors
// name the field as sent ("max_pods: ...").
type createProjectBody projectBody

func (b *createProjectBody) missingField() string { return requiredName(b.Name) }

// validate checks the name (when present) and max_pods (400) and returns the
// effective max_pods (0 when absent).
func (b *projectBody) validate() (int, *apiError) {
	if b.Name != nil {
		if err := validateAdminName("Project", *b.Name, maxAdminNameLen); err != nil {
			return 0, err
		}
	}
	return parseMaxPods(b.MaxPods)
}

// handleCreateProject answers 200 (as the spec says) with the new project.
// Order: the body (422), name and max_pods (400), then a taken name (409).
func (s *Server) handleCreateProject(q *request) {
	var b createProjectBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	maxPods, err := (*projectBody)(&b).validate()
	if err != nil {
		q.fail(err)
		return
	}
	cmek := b.ForceEncryptionWithCMEK != nil && *b.ForceEncryptionWithCMEK

	t := s.now()
	s.mu.Lock()
	if s.org == nil {
		// The organization was deleted after the token was checked; its
		// tokens went with it.
		s.mu.Unlock()
		q.fail(tokenRevoked())
		return
	}
	if s.projectNamed(*b.Name) != nil {
		s.mu.Unlock()
		q.fail(projectNameTaken(*b.Name))
		return
	}
	p := newProject(*b.Name, maxPods, cmek, s.org.id, t)
	s.seq++
	p.seq = s.seq
	s.projects[p.id] = p
	s.grantCreator(q.who, p)
	view := p.view()
	s.mu.Unlock()
	s.answerCreate(q, http.StatusOK, view)
}

// projectNameTaken is the 409 for a project name already used in the
// organization. [unverified] the facts do not say whether production
// enforces unique project names.
func projectNameTaken(name string) *apiError {
	return &apiError{status: http.StatusConflict, code: codeAlreadyExists,
		message: fmt.Sprintf("A project named %q already exists in this organization.", name)}
}

// handleListProjects answers {"data":[...]} in creation order (the default
// project first), holding the projects the caller may describe (a service
// account with only project roles sees those projects; [unverified], the
// spec does not say whether the list filters or refuses). This list is not
// paginated.
func (s *Server) handleListProjects(q *request) {
	s.mu.Lock()
	all := make([]*project, 0, len(s.projects))
	for _, p := range s.projects {
		if s.authorizeAdmin(q.who, permProjectsDescribe, p.id) == nil {
			all = append(all, p)
		}
	}
	slices.SortFunc(all, func(a, b *project) int { return cmp.Compare(a.seq, b.seq) })
	out := projectListJSON{Data: make([]projectJSON, 0, len(all))}
	for _, p := range all {
		out.Data = append(out.Data, p.view())
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeProject(q *request) {
	id, err := projectParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	s.read(q, func(time.Time) (any, *apiError) {
		p, ok := s.projects[id]
		if !ok {
			return nil, projectNotFound(id)
		}
		return p.view(), nil
	})
}

// handleUpdateProject changes name, max_pods and/or
// force_encryption_with_cmek (absent or null: unchanged) and answers 200
// with the project. Order: the id (400), the body (422, then 400), the
// project (404), turning CMEK off (400), then a taken name (409).
func (s *Server) handleUpdateProject(q *request) {
	id, err := projectParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	var b projectBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	maxPods, err := b.validate()
	if err != nil {
		q.fail(err)
		return
	}

	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.projects[id]
	if !ok {
		q.fail(projectNotFound(id))
		return
	}
	if b.ForceEncryptionWithCMEK != nil && p.forceCMEK && !*b.ForceEncryptionWithCMEK {
		q.fail(invalidArgument("force_encryption_with_cmek cannot be disabled once enabled (project %s).", p.id))
		return
	}
	if b.Name != nil {
		if other := s.projectNamed(*b.Name); other != nil && other != p {
			q.fail(projectNameTaken(*b.Name))
			return
		}
		p.name = *b.Name
	}
	if b.MaxPods != nil {
		p.maxPods = maxPods
	}
	if b.ForceEncryptionWithCMEK != nil {
		p.forceCMEK = *b.ForceEncryptionWithCMEK
	}
	writeJSON(q.w, http.StatusOK, p.view())
}

// handleDeleteProject answers 202 and removes the project, its API keys,
// the role bindings on it and of its keys, and its restore job history at
// once. While the project still holds an index,
// collection, backup or assistant (Terminating ones included, until they are
// gone) it answers 412 FAILED_PRECONDITION naming what remains. The facts
// only say these must be deleted first; 412 is what db_control uses for "a
// DELETE that other objects depend on".
func (s *Server) handleDeleteProject(q *request) {
	id, err := projectParam(q)
	if err != nil {
		q.fail(err)
		return
	}
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p, ok := s.projects[id]
	if !ok {
		q.fail(projectNotFound(id))
		return
	}
	p.purgeExpired(t)
	p.purgeAssistants(t)
	if left, n := p.remaining(); n > 0 {
		pronoun := "them"
		if n == 1 {
			pronoun = "it"
		}
		q.fail(failedPrecondition("Project %s still has %s; delete %s first.", p.name, left, pronoun))
		return
	}
	for kid, k := range s.apiKeys {
		if k.projectID == p.id {
			delete(s.apiKeys, kid)
			delete(s.keyValues, k.value)
			s.dropBindingsOf(principalAPIKey, kid)
		}
	}
	s.dropBindingsOn(p.id)
	p.deleted = true
	delete(s.projects, p.id)
	q.w.WriteHeader(http.StatusAccepted)
}

// remaining describes the objects that keep p from being deleted, e.g. "2
// indexes and 1 assistant", and counts them. Callers hold s.mu and have
// purged.
func (p *project) remaining() (string, int) {
	var parts []string
	total := 0
	add := func(n int, one, many string) {
		total += n
		switch {
		case n == 1:
			parts = append(parts, "1 "+one)
		case n > 1:
			parts = append(parts, fmt.Sprintf("%d %s", n, many))
		}
	}
	add(len(p.indexes), "index", "indexes")
	add(len(p.collections), "collection", "collections")
	add(len(p.backups), "backup", "backups")
	add(len(p.assistants), "assistant", "assistants")
	switch len(parts) {
	case 0:
		return "", 0
	case 1:
		return parts[0], total
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " and " + parts[len(parts)-1], total
}

// codeQuotaExceeded is the db_control error code of a pod quota answer (spec
// db_control_2025-10.oas.yaml, ErrorResponse: the error.code enum and its
// example, "The index exceeds the project quota of 5 pods by 2 pods.").
const codeQuotaExceeded = "QUOTA_EXCEEDED"

// pods is what a pod index counts against its project's max_pods: replicas
// x shards. Other kinds use no pods.
func (ix *index) pods() int {
	if ix.kind != specPod {
		return 0
	}
	return ix.replicas * ix.shards
}

// podsInUse counts the pods of every pod index of p except skip: Terminating
// indexes still count until they are purged. Callers hold s.mu and have
// purged.
func (p *project) podsInUse(skip *index) int {
	n := 0
	for _, ix := range p.indexes {
		if ix != skip {
			n += ix.pods()
		}
	}
	return n
}

// checkPodQuota answers 403 QUOTA_EXCEEDED when giving want pods to an index
// (replacing what the index old uses; nil for a new index) would take p over
// its max_pods. max_pods 0 means serverless only, so no pod index fits. The
// status is the one the spec lists for a pod quota on create and configure
// (403 "You've exceed your pod quota"), as the quotas page of the docs gives
// for every quota (403 QUOTA_EXCEEDED); the message is the spec's
// ErrorResponse example. Callers hold s.mu and have purged.
func (p *project) checkPodQuota(old *index, want int) *apiError {
	if want == 0 {
		return nil
	}
	total := p.podsInUse(old) + want
	if total <= p.maxPods {
		return nil
	}
	return &apiError{status: http.StatusForbidden, code: codeQuotaExceeded,
		message: fmt.Sprintf("The index exceeds the project quota of %d pods by %d pods. Upgrade your account or change the project settings to increase the quota.",
			p.maxPods, total-p.maxPods)}
}

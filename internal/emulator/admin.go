package emulator

import (
	"net/http"
	"regexp"
	"strings"
	"time"
)

// adminPrefix is where the admin API lives (spec admin_2025-10.oas.yaml,
// security scheme BearerAuth). Requests under it need Authorization: Bearer
// <access token from POST /oauth/token>; an Api-Key does not work there.
const adminPrefix = "/admin"

// Route templates of the organization endpoints (spec admin_2025-10.oas.yaml:
// list_organizations, fetch_organization, update_organization,
// delete_organization).
const (
	routeOrganizations = "/admin/organizations"
	routeOrganization  = "/admin/organizations/{organization_id}"
)

// Fixed attributes of the emulated organization. [unverified] any enum
// value would do; these describe a paying organization in good standing.
const (
	orgPlan          = "Standard"
	orgPaymentStatus = "Active"
	orgSupportTier   = "Developer"
)

func (s *Server) registerAdminRoutes() {
	s.handle(http.MethodGet, routeProjects, s.handleListProjects)
	s.handle(http.MethodPost, routeProjects, s.handleCreateProject)
	s.handle(http.MethodGet, routeProject, s.handleDescribeProject)
	s.handle(http.MethodPatch, routeProject, s.handleUpdateProject)
	s.handle(http.MethodDelete, routeProject, s.handleDeleteProject)
	s.handle(http.MethodGet, routeProjectAPIKeys, s.handleListAPIKeys)
	s.handle(http.MethodPost, routeProjectAPIKeys, s.handleCreateAPIKey)
	s.handle(http.MethodGet, routeAPIKey, s.handleDescribeAPIKey)
	s.handle(http.MethodPatch, routeAPIKey, s.handleUpdateAPIKey)
	s.handle(http.MethodDelete, routeAPIKey, s.handleDeleteAPIKey)
	s.handle(http.MethodGet, routeOrganizations, s.handleListOrganizations)
	s.handle(http.MethodGet, routeOrganization, s.handleDescribeOrganization)
	s.handle(http.MethodPatch, routeOrganization, s.handleUpdateOrganization)
	s.handle(http.MethodDelete, routeOrganization, s.handleDeleteOrganization)
}

func unauthenticated(message string) *apiError {
	return &apiError{status: http.StatusUnauthorized, code: codeUnauthenticated, message: message}
}

// tokenRevoked answers an admin request whose token was valid when it
// arrived but was revoked (the organization was deleted) before it acted.
func tokenRevoked() *apiError { return unauthenticated("Invalid access token.") }

// checkBearer authenticates an admin request by its Authorization header:
// "Bearer <token>" (the scheme case-insensitively) with a token that
// POST /oauth/token issued and that has not expired by the Now clock. It
// returns the id of the service account the token was issued to ("" for a
// token the store does not attribute, which only white-box tests make).
// Messages never repeat the token.
func (s *Server) checkBearer(header string) (string, *apiError) {
	header = strings.TrimSpace(header)
	if header == "" {
		return "", unauthenticated("Missing access token. Send Authorization: Bearer <access_token>, with a token from POST /oauth/token.")
	}
	scheme, token, _ := strings.Cut(header, " ")
	token = strings.TrimSpace(token)
	if !strings.EqualFold(scheme, "Bearer") || token == "" {
		return "", unauthenticated("Malformed Authorization header: expected Bearer <access_token>.")
	}
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	expires, ok := s.tokens[token]
	switch {
	case !ok:
		return "", unauthenticated("Invalid access token.")
	case !t.Before(expires):
		delete(s.tokens, token)
		delete(s.tokenOwners, token)
		return "", unauthenticated("Access token has expired. Request a new one from POST /oauth/token.")
	}
	return s.tokenOwners[token], nil
}

var uuidPathRe = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// uuidParam reads a path parameter that must be a UUID (8-4-4-4-12 hex
// digits; 400 otherwise) and returns it lowercased, as the emulator's ids
// are.
func uuidParam(q *request, name string) (string, *apiError) {
	v := q.param(name)
	if !uuidPathRe.MatchString(v) {
		return "", invalidArgument("Invalid %s %q: must be a UUID.", name, v)
	}
	return strings.ToLower(v), nil
}

// organization is the one organization the emulator holds. Its service
// accounts, users, invites and role bindings are in Server. Guarded by Server.mu; Server.org is
// nil once it has been deleted.
type organization struct {
	// id is a plain string, not a UUID (spec admin_2025-10.oas.yaml,
	// Organization.id).
	id        string
	name      string
	createdAt time.Time
}

// newOrganizationID makes an id like "org-k3x9q2m7w1b5z8c4d6f0".
func newOrganizationID() string { return "org-" + randomString(20, lowerAlnum) }

// organizationJSON is the admin Organization schema (spec
// admin_2025-10.oas.yaml, Organization).
type organizationJSON struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Plan          string `json:"plan"`
	PaymentStatus string `json:"payment_status"`
	CreatedAt     string `json:"created_at"`
	SupportTier   string `json:"support_tier"`
}

type organizationListJSON struct {
	Data []organizationJSON `json:"data"`
}

func (o *organization) view() organizationJSON {
	return organizationJSON{
		ID:            o.id,
		Name:          o.name,
		Plan:          orgPlan,
		PaymentStatus: orgPaymentStatus,
		CreatedAt:     timestamp(o.createdAt),
		SupportTier:   orgSupportTier,
	}
}

func organizationNotFound(id string) *apiError { return notFound("Organization %s not found.", id) }

// lookupOrganization returns the organization if id names it. Callers hold
// s.mu.
func (s *Server) lookupOrganization(id string) (*organization, *apiError) {
	if s.org == nil || s.org.id != id {
		return nil, organizationNotFound(id)
	}
	return s.org, nil
}

func (s *Server) handleListOrganizations(q *request) {
	s.mu.Lock()
	out := organizationListJSON{Data: []organizationJSON{}}
	if s.org != nil {
		out.Data = append(out.Data, s.org.view())
	}
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

func (s *Server) handleDescribeOrganization(q *request) {
	s.read(q, func(time.Time) (any, *apiError) {
		o, err := s.lookupOrganization(q.param("organization_id"))
		if err != nil {
			return nil, err
		}
		return o.view(), nil
	})
}

type updateOrganizationBody struct {
	Name *string `json:"name"`
}

// handleUpdateOrganization renames the organization (name absent or null:
// unchanged) and answers 200 Organization.
func (s *Server) handleUpdateOrganization(q *request) {
	var b updateOrganizationBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if b.Name != nil {
		if err := validateAdminName("Organization", *b.Name, maxAdminNameLen); err != nil {
			q.fail(err)
			return
		}
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.lookupOrganization(q.param("organization_id"))
	if err != nil {
		q.fail(err)
		return
	}
	if b.Name != nil {
		o.name = *b.Name
	}
	writeJSON(q.w, http.StatusOK, o.view())
}

// handleDeleteOrganization answers 200 (the spec says 202; the Go SDK
// accepts only 200: go-pinecone pinecone/admin_client.go,
// OrganizationClient Delete) and deletes the organization with
// its service accounts: every access token stops working and POST
// /oauth/token refuses the credentials from then on. While the organization
// still has projects it answers 412 FAILED_PRECONDITION ([unverified]: the
// facts say nothing; this mirrors the project rule).
func (s *Server) handleDeleteOrganization(q *request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	o, err := s.lookupOrganization(q.param("organization_id"))
	if err != nil {
		q.fail(err)
		return
	}
	switch n := len(s.projects); {
	case n == 1:
		q.fail(failedPrecondition("Organization %s still has 1 project; delete it first.", o.name))
		return
	case n > 1:
		q.fail(failedPrecondition("Organization %s still has %d projects; delete them first.", o.name, n))
		return
	}
	s.org = nil
	clear(s.tokens)
	clear(s.tokenOwners)
	q.w.WriteHeader(http.StatusOK)
}

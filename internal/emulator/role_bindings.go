package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
	"time"
)

// Route templates of the role binding endpoints (spec
// admin_2026-07.oas.yaml: list_role_bindings, create_role_binding,
// fetch_role_binding, delete_role_binding). There is no PATCH: a binding
// never changes, except that accepting an invite re-points the invite's
// bindings to the new user (invites.go).
const (
	routeRoleBindings = "/admin/role-bindings"
	routeRoleBinding  = "/admin/role-bindings/{role_binding_id}"
)

// roleBinding grants role to a principal at a scope: the organization
// (resourceID is then the organization's id, as the spec's list example
// shows) or one project. Guarded by Server.mu.
type roleBinding struct {
	id            string // UUID
	principalType string
	principalID   string
	resourceType  string
	resourceID    string
	role          string
	createdAt     time.Time
	seq           int64
}

// roleBindingJSON is the RoleBinding schema.
type roleBindingJSON struct {
	ID            string `json:"id"`
	PrincipalType string `json:"principal_type"`
	PrincipalID   string `json:"principal_id"`
	ResourceType  string `json:"resource_type"`
	ResourceID    string `json:"resource_id"`
	Role          string `json:"role"`
	CreatedAt     string `json:"created_at"`
}

func (rb *roleBinding) view() roleBindingJSON {
	return roleBindingJSON{ID: rb.id, PrincipalType: rb.principalType, PrincipalID: rb.principalID,
		ResourceType: rb.resourceType, ResourceID: rb.resourceID, Role: rb.role, CreatedAt: timestamp(rb.createdAt)}
}

// project returns the project the binding is scoped to, or "" for the
// organization.
func (rb *roleBinding) project() string {
	if rb.resourceType == resourceProject {
		return rb.resourceID
	}
	return ""
}

// sameGrant reports whether two bindings give the same role to the same
// principal at the same scope (spec: "A role binding with these attributes
// already exists").
func (rb *roleBinding) sameGrant(o *roleBinding) bool {
	return rb.principalType == o.principalType && rb.principalID == o.principalID &&
		rb.resourceType == o.resourceType && rb.resourceID == o.resourceID && rb.role == o.role
}

func roleBindingNotFound(id string) *apiError { return notFound("Role binding %s not found.", id) }

// addBinding stores rb with its creation order. Callers hold s.mu or are in
// New.
func (s *Server) addBinding(rb *roleBinding) {
	s.seq++
	rb.seq = s.seq
	s.bindings[rb.id] = rb
}

// dropBindingsOf removes every binding of one principal (a deleted user,
// service account, API key or invite). Callers hold s.mu.
func (s *Server) dropBindingsOf(principalType, principalID string) {
	for id, rb := range s.bindings {
		if rb.principalType == principalType && rb.principalID == principalID {
			delete(s.bindings, id)
		}
	}
}

// dropBindingsOn removes every binding scoped to a deleted project. Callers
// hold s.mu.
func (s *Server) dropBindingsOn(projectID string) {
	for id, rb := range s.bindings {
		if rb.project() == projectID {
			delete(s.bindings, id)
		}
	}
}

// findGrant returns a stored binding that gives the same grant as rb, or
// nil. Callers hold s.mu.
func (s *Server) findGrant(rb *roleBinding) *roleBinding {
	for _, o := range s.bindings {
		if o.sameGrant(rb) {
			return o
		}
	}
	return nil
}

// roleBindingInput is RoleBindingInput: a binding for a principal that the
// same request creates (a service account or an invite).
type roleBindingInput struct {
	ResourceType *string `json:"resource_type"`
	ResourceID   *string `json:"resource_id"`
	Role         *string `json:"role"`
}

// missingInInputs names the first required field absent from an input
// (spec RoleBindingInput: resource_type and role are required).
func missingInInputs(inputs []roleBindingInput) string {
	for _, in := range inputs {
		switch {
		case in.ResourceType == nil:
			return "resource_type"
		case in.Role == nil:
			return "role"
		}
	}
	return ""
}

// checkEnum answers 400 unless v is one of allowed.
func checkEnum(field, v string, allowed []string) *apiError {
	if slices.Contains(allowed, v) {
		return nil
	}
	return invalidArgument("Invalid %s %q. Valid values: %s.", field, v, strings.Join(allowed, ", "))
}

// resolveScope checks resource_type, resource_id and role, and returns the
// stored resource id: the organization's id for organization scope, the
// project's for project scope. resource_id is required for a project (400
// when absent or not a UUID, 404 when no such project) and must be left out
// for the organization (spec: "omit for organization scope"); the
// organization's own id is accepted there too ([unverified]). The role must
// belong to the scope (the official provider's role attribute: Org* roles
// are organization-scoped, the others project-scoped). Callers hold s.mu.
func (s *Server) resolveScope(resourceType string, resourceID *string, role string) (string, *apiError) {
	if err := checkEnum("resource_type", resourceType, resourceTypes); err != nil {
		return "", err
	}
	if err := checkEnum("role", role, allRoles); err != nil {
		return "", err
	}
	if isOrgRole(role) != (resourceType == resourceOrganization) {
		return "", invalidArgument("Role %s cannot be bound at %s scope. Organization roles: %s. Project roles: %s.",
			role, resourceType, strings.Join(orgRoles, ", "), strings.Join(projectRoles, ", "))
	}
	if resourceType == resourceOrganization {
		if resourceID != nil && *resourceID != "" && *resourceID != s.org.id {
			return "", invalidArgument("resource_id must be omitted for organization scope; got %q.", *resourceID)
		}
		return s.org.id, nil
	}
	if resourceID == nil || *resourceID == "" {
		return "", invalidArgument("resource_id is required when resource_type is project.")
	}
	if !uuidPathRe.MatchString(*resourceID) {
		return "", invalidArgument("Invalid resource_id %q: must be a project UUID.", *resourceID)
	}
	id := strings.ToLower(*resourceID)
	if _, ok := s.projects[id]; !ok {
		return "", projectNotFound(id)
	}
	return id, nil
}

// checkPrincipalRole applies the rules of one principal type to a role:
// API keys hold only the six API key roles, and only in the project they
// belong to (docs admin/projects/understanding-projects: "API keys can't be
// assigned ProjectOwner, ProjectManager, or ProjectMember"; docs
// guides/operations/understanding-security: "An API key can only be
// assigned permissions for the projects it belongs to"). Users, invites and
// service accounts may hold any role (spec CreateServiceAccountRequest: "any
// organization- or project-scoped role").
func checkPrincipalRole(principalType, role, resourceID string, key *apiKey) *apiError {
	if principalType != principalAPIKey {
		return nil
	}
	if !slices.Contains(apiKeyRoles, role) {
		return invalidArgument("API keys can't be assigned %s. Roles for API keys: %s.", role, strings.Join(apiKeyRoles, ", "))
	}
	if key != nil && key.projectID != resourceID {
		return invalidArgument("An API key can only be assigned roles in the project it belongs to (%s).", key.projectID)
	}
	return nil
}

// resolveInputs turns the role_bindings of a service account or invite
// create into bindings for the new principal (principalID), checking each
// (400, 404) and the caller's right to grant it (403). Repeated inputs are
// kept once ([unverified]: the spec does not say). Callers hold s.mu.
func (s *Server) resolveInputs(who caller, principalType, principalID string, inputs []roleBindingInput, t time.Time) ([]*roleBinding, *apiError) {
	var out []*roleBinding
	for i, in := range inputs {
		resourceID, err := s.resolveScope(*in.ResourceType, in.ResourceID, *in.Role)
		if err != nil {
			err.message = fmt.Sprintf("role_bindings[%d]: %s", i, err.message)
			return nil, err
		}
		rb := &roleBinding{id: newUUID(), principalType: principalType, principalID: principalID,
			resourceType: *in.ResourceType, resourceID: resourceID, role: *in.Role, createdAt: t}
		if err := s.authorizeAdmin(who, permRoleBindingsCreate, rb.project()); err != nil {
			return nil, err
		}
		if !slices.ContainsFunc(out, rb.sameGrant) {
			out = append(out, rb)
		}
	}
	return out, nil
}

func (s *Server) registerRoleBindingRoutes() {
	s.handle(http.MethodGet, routeRoleBindings, s.handleListRoleBindings)
	s.handle(http.MethodPost, routeRoleBindings, s.handleCreateRoleBinding)
	s.handle(http.MethodGet, routeRoleBinding, s.handleDescribeRoleBinding)
	s.handle(http.MethodDelete, routeRoleBinding, s.handleDeleteRoleBinding)
}

type createRoleBindingBody struct {
	PrincipalType *string `json:"principal_type"`
	PrincipalID   *string `json:"principal_id"`
	ResourceType  *string `json:"resource_type"`
	ResourceID    *string `json:"resource_id"`
	Role          *string `json:"role"`
}

func (b *createRoleBindingBody) missingField() string {
	switch {
	case b.PrincipalType == nil:
		return "principal_type"
	case b.PrincipalID == nil:
		return "principal_id"
	case b.ResourceType == nil:
		return "resource_type"
	case b.Role == nil:
		return "role"
	}
	return ""
}

// handleCreateRoleBinding answers 200 RoleBinding (the spec's status).
// Order: the body (422); principal_type, resource_type, role, the role's
// scope and resource_id (400); the project (404); the caller's right to
// grant at that scope (403); the principal (400 malformed id, 404 unknown,
// 409 an accepted invite) and its rules (400); a duplicate (409).
func (s *Server) handleCreateRoleBinding(q *request) {
	var b createRoleBindingBody
	if _, ok := q.decode(&b); !ok {
		return
	}
	if err := checkEnum("principal_type", *b.PrincipalType, principalTypes); err != nil {
		q.fail(err)
		return
	}
	t := s.now()
	s.mu.Lock()
	rb, err := s.newRoleBinding(q.who, &b, t)
	if err != nil {
		s.mu.Unlock()
		q.fail(err)
		return
	}
	s.addBinding(rb)
	out := rb.view()
	s.mu.Unlock()
	s.answerCreate(q, http.StatusOK, out)
}

// newRoleBinding validates a create and returns the binding to store.
// Callers hold s.mu.
func (s *Server) newRoleBinding(who caller, b *createRoleBindingBody, t time.Time) (*roleBinding, *apiError) {
	resourceID, err := s.resolveScope(*b.ResourceType, b.ResourceID, *b.Role)
	if err != nil {
		return nil, err
	}
	rb := &roleBinding{id: newUUID(), principalType: *b.PrincipalType, resourceType: *b.ResourceType,
		resourceID: resourceID, role: *b.Role, createdAt: t}
	if err := s.authorizeAdmin(who, permRoleBindingsCreate, rb.project()); err != nil {
		return nil, err
	}
	if rb.principalID, err = s.checkPrincipal(rb.principalType, *b.PrincipalID, rb.role, resourceID, t); err != nil {
		return nil, err
	}
	if s.findGrant(rb) != nil {
		return nil, conflict(codeAlreadyExists, "A role binding with these attributes already exists.")
	}
	return rb, nil
}

// checkPrincipal finds the principal a new binding names and applies its
// rules; it returns the id as stored (lowercased). The spec's 409 example
// "binding-to-processed-invite" covers an accepted invite. Callers hold s.mu.
func (s *Server) checkPrincipal(principalType, rawID, role, resourceID string, t time.Time) (string, *apiError) {
	if !uuidPathRe.MatchString(rawID) {
		return "", invalidArgument("Invalid principal_id %q: must be a UUID.", rawID)
	}
	id := strings.ToLower(rawID)
	var key *apiKey
	switch principalType {
	case principalUser:
		if _, ok := s.users[id]; !ok {
			return "", userNotFound(id)
		}
	case principalServiceAccount:
		if _, ok := s.serviceAccounts[id]; !ok {
			return "", serviceAccountNotFound(id)
		}
	case principalAPIKey:
		k, ok := s.apiKeys[id]
		if !ok {
			return "", apiKeyNotFound(id)
		}
		key = k
	case principalInvite:
		inv, ok := s.invites[id]
		if !ok {
			return "", inviteNotFound(id)
		}
		if inv.status(t) == inviteProcessed {
			return "", conflict(codeAlreadyExists, "The invite has already been accepted; manage role bindings on the resulting user instead.")
		}
	}
	return id, checkPrincipalRole(principalType, role, resourceID, key)
}

// bindingFilter is the query of GET /admin/role-bindings; empty fields do
// not filter. Filters combine with AND (spec list_role_bindings).
type bindingFilter struct {
	principalType, principalID, resourceType, resourceID, role string
}

// parseBindingFilter reads and checks the filters: enum values (400), and
// principal_id / resource_id only together with their type (spec: "Requires
// principal_type", "Requires resource_type"; 400).
func parseBindingFilter(q *request) (bindingFilter, *apiError) {
	v := q.r.URL.Query()
	f := bindingFilter{principalType: v.Get("principal_type"), principalID: strings.ToLower(v.Get("principal_id")),
		resourceType: v.Get("resource_type"), resourceID: strings.ToLower(v.Get("resource_id")), role: v.Get("role")}
	checks := []struct {
		field, value string
		allowed      []string
	}{{"principal_type", f.principalType, principalTypes}, {"resource_type", f.resourceType, resourceTypes}, {"role", f.role, allRoles}}
	for _, c := range checks {
		if c.value == "" {
			continue
		}
		if err := checkEnum(c.field, c.value, c.allowed); err != nil {
			return f, err
		}
	}
	if f.principalID != "" && f.principalType == "" {
		return f, invalidArgument("principal_id requires principal_type.")
	}
	if f.resourceID != "" && f.resourceType == "" {
		return f, invalidArgument("resource_id requires resource_type.")
	}
	return f, nil
}

func (f bindingFilter) match(rb *roleBinding) bool {
	ok := func(want, got string) bool { return want == "" || want == got }
	return ok(f.principalType, rb.principalType) && ok(f.principalID, rb.principalID) &&
		ok(f.resourceType, rb.resourceType) && ok(f.resourceID, rb.resourceID) && ok(f.role, rb.role)
}

// handleListRoleBindings answers one page of the bindings that match the
// filters and that the caller may see (permission role_bindings:list at the
// binding's scope; others are left out rather than refused, [unverified]),
// in creation order.
func (s *Server) handleListRoleBindings(q *request) {
	f, err := parseBindingFilter(q)
	if err != nil {
		q.fail(err)
		return
	}
	p, err := adminPage(q.r, "role-bindings")
	if err != nil {
		q.fail(err)
		return
	}
	s.mu.Lock()
	var all []*roleBinding
	for _, rb := range s.bindings {
		if f.match(rb) && s.authorizeAdmin(q.who, permRoleBindingsList, rb.project()) == nil {
			all = append(all, rb)
		}
	}
	out := pageOf(q, "role-bindings", all, func(rb *roleBinding) cursor { return seqCursor(rb.seq, rb.id) }, p,
		(*roleBinding).view)
	s.mu.Unlock()
	writeJSON(q.w, http.StatusOK, out)
}

// lookupRoleBinding reads {role_binding_id} and finds the binding. Callers
// hold s.mu.
func (s *Server) lookupRoleBinding(q *request) (*roleBinding, *apiError) {
	id, err := uuidParam(q, "role_binding_id")
	if err != nil {
		return nil, err
	}
	rb, ok := s.bindings[id]
	if !ok {
		return nil, roleBindingNotFound(id)
	}
	return rb, nil
}

func (s *Server) handleDescribeRoleBinding(q *request) {
	s.read(q, func(time.Time) (any, *apiError) {
		rb, err := s.lookupRoleBinding(q)
		if err != nil {
			return nil, err
		}
		return rb.view(), nil
	})
}

// handleDeleteRoleBinding answers 202 and removes the binding at once,
// unless that would leave the organization without a user holding OrgOwner,
// or a user or unaccepted invite without an organization role (409 ABORTED
// with the spec's messages).
func (s *Server) handleDeleteRoleBinding(q *request) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	rb, err := s.lookupRoleBinding(q)
	if err != nil {
		q.fail(err)
		return
	}
	if err := s.checkBindingRemoval(rb, t); err != nil {
		q.fail(err)
		return
	}
	delete(s.bindings, rb.id)
	q.w.WriteHeader(http.StatusAccepted)
}

// checkBindingRemoval guards the invariants of the spec's 409 examples
// "last-org-owner", "last-org-membership-binding" and
// "invite-membership-binding". Only users count as owners: service
// accounts may lose OrgOwner freely ([unverified]: the spec says "the last
// OrgOwner role binding for this organization" without naming principal
// types; an organization needs a person who can sign in to the console).
// Callers hold s.mu.
func (s *Server) checkBindingRemoval(rb *roleBinding, t time.Time) *apiError {
	if rb.resourceType != resourceOrganization {
		return nil
	}
	if rb.principalType == principalUser && rb.role == roleOrgOwner && s.countOrgBindings(principalUser, "", roleOrgOwner) == 1 {
		return conflict(codeAborted, "Cannot delete the last OrgOwner role binding for this organization.")
	}
	if s.countOrgBindings(rb.principalType, rb.principalID, "") > 1 {
		return nil
	}
	switch rb.principalType {
	case principalUser:
		return conflict(codeAborted, "Cannot delete the last organization-membership role binding for this user.")
	case principalInvite:
		if inv := s.invites[rb.principalID]; inv != nil && inv.status(t) != inviteProcessed {
			return conflict(codeAborted, "Cannot delete the last organization-membership role binding for a pending invite; delete the invite instead.")
		}
	}
	return nil
}

// countOrgBindings counts organization-scoped bindings of a principal type,
// of one principal when principalID is set, of one role when role is set.
// Callers hold s.mu.
func (s *Server) countOrgBindings(principalType, principalID, role string) int {
	n := 0
	for _, rb := range s.bindings {
		if rb.resourceType == resourceOrganization && rb.principalType == principalType &&
			(principalID == "" || rb.principalID == principalID) && (role == "" || rb.role == role) {
			n++
		}
	}
	return n
}

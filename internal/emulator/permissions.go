package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// Role enforcement. Every request has a caller: the API key of its Api-Key
// header, or the service account its Bearer token was issued to. What the
// caller may do follows from its roles: an API key's roles plus its role
// bindings (always in its own project), a service account's role bindings
// (at the organization and per project). A call the roles do not allow is
// 403 PERMISSION_DENIED, before its body is read:
//
//	{"error":{"code":"PERMISSION_DENIED","message":"Permission denied: API key <id> (roles: ProjectViewer) does not have the 'indexes:create' permission on project <id>."},"status":403}
//
// [unverified] The spec declares a bare "403: Forbidden" on every admin
// operation and documents no wording; its code enum has both FORBIDDEN
// (used for quotas and deletion protection) and PERMISSION_DENIED, and the
// latter says what happened here. The permission names ("<resource>:<verb>")
// are the emulator's.

// Roles (spec admin_2026-07.oas.yaml, RoleBinding.role x-enum). The first
// four are organization-scoped, the rest project-scoped (the official
// provider's role attribute documentation, PR #90).
const (
	roleOrgOwner           = "OrgOwner"
	roleOrgManager         = "OrgManager"
	roleOrgMember          = "OrgMember"
	roleOrgBillingAdmin    = "OrgBillingAdmin"
	roleProjectOwner       = "ProjectOwner"
	roleProjectManager     = "ProjectManager"
	roleProjectMember      = "ProjectMember"
	roleProjectEditor      = "ProjectEditor"
	roleProjectViewer      = "ProjectViewer"
	roleControlPlaneEditor = "ControlPlaneEditor"
	roleControlPlaneViewer = "ControlPlaneViewer"
	roleDataPlaneEditor    = "DataPlaneEditor"
	roleDataPlaneViewer    = "DataPlaneViewer"
)

var (
	orgRoles     = []string{roleOrgOwner, roleOrgManager, roleOrgBillingAdmin, roleOrgMember}
	projectRoles = []string{roleProjectOwner, roleProjectManager, roleProjectMember, roleProjectEditor, roleProjectViewer,
		roleControlPlaneEditor, roleControlPlaneViewer, roleDataPlaneEditor, roleDataPlaneViewer}
	allRoles = append(slices.Clone(orgRoles), projectRoles...)
)

func isOrgRole(role string) bool { return slices.Contains(orgRoles, role) }

// caller is who sends a request.
type caller struct {
	kind      string // principalAPIKey or principalServiceAccount; "" for /oauth/
	id        string // the API key's or service account's id
	projectID string // an API key's project
	// unrestricted marks a token the store does not attribute to a service
	// account. Only white-box tests make such tokens; they keep the power
	// every token had before role enforcement.
	unrestricted bool
}

func (c caller) describe() string {
	if c.kind == principalAPIKey {
		return "API key " + c.id
	}
	return "service account " + c.id
}

// Planes of the API-key endpoints, after the docs' descriptions of the API
// key roles (guides/production/security-overview): the control plane
// ("list, describe, create, delete, and configure indexes, backups,
// collections, and assistants"), the data plane (for assistants: "add,
// list, view, and delete files"; for indexes, the namespace endpoints on
// the index's host, dataOps), and inference.
type plane int

const (
	controlPlane plane = iota
	dataPlane
	inferencePlane
)

// apiOp is what one API-key route needs: a permission name and a plane.
// GET reads; every other method writes.
type apiOp struct {
	perm  string
	plane plane
}

// apiOps maps "METHOD template" of every API-key route to its operation.
// TestEveryRouteHasAPermission keeps it complete.
var apiOps = map[string]apiOp{
	"GET " + routeIndexes:               {"indexes:list", controlPlane},
	"POST " + routeIndexes:              {"indexes:create", controlPlane},
	"POST " + routeCreateForModel:       {"indexes:create", controlPlane},
	"GET " + routeIndex:                 {"indexes:describe", controlPlane},
	"PATCH " + routeIndex:               {"indexes:configure", controlPlane},
	"DELETE " + routeIndex:              {"indexes:delete", controlPlane},
	"GET " + routeCollections:           {"collections:list", controlPlane},
	"POST " + routeCollections:          {"collections:create", controlPlane},
	"GET " + routeCollection:            {"collections:describe", controlPlane},
	"DELETE " + routeCollection:         {"collections:delete", controlPlane},
	"GET " + routeIndexBackups:          {"backups:list", controlPlane},
	"POST " + routeIndexBackups:         {"backups:create", controlPlane},
	"GET " + routeBackups:               {"backups:list", controlPlane},
	"GET " + routeBackup:                {"backups:describe", controlPlane},
	"DELETE " + routeBackup:             {"backups:delete", controlPlane},
	"POST " + routeCreateFromBackup:     {"indexes:create", controlPlane},
	"GET " + routeRestoreJobs:           {"restore_jobs:list", controlPlane},
	"GET " + routeRestoreJob:            {"restore_jobs:describe", controlPlane},
	"GET " + routeIndexBackupSchedules:  {"backup_schedules:list", controlPlane},
	"POST " + routeIndexBackupSchedules: {"backup_schedules:create", controlPlane},
	"GET " + routeBackupSchedule:        {"backup_schedules:describe", controlPlane},
	"PATCH " + routeBackupSchedule:      {"backup_schedules:update", controlPlane},
	"DELETE " + routeBackupSchedule:     {"backup_schedules:delete", controlPlane},
	"GET " + routeBackupScheduleHistory: {"backup_schedules:describe", controlPlane},
	"GET " + routeAssistants:            {"assistants:list", controlPlane},
	"POST " + routeAssistants:           {"assistants:create", controlPlane},
	"GET " + routeAssistant:             {"assistants:describe", controlPlane},
	"PATCH " + routeAssistant:           {"assistants:update", controlPlane},
	"DELETE " + routeAssistant:          {"assistants:delete", controlPlane},
	"GET " + routeAssistantFiles:        {"assistant_files:list", dataPlane},
	"POST " + routeAssistantFiles:       {"assistant_files:upload", dataPlane},
	"GET " + routeAssistantFile:         {"assistant_files:describe", dataPlane},
	"PUT " + routeAssistantFile:         {"assistant_files:upsert", dataPlane},
	"DELETE " + routeAssistantFile:      {"assistant_files:delete", dataPlane},
	"GET " + routeAssistantOperations:   {"assistant_operations:list", dataPlane},
	"GET " + routeAssistantOperation:    {"assistant_operations:describe", dataPlane},
	"GET " + routeModels:                {"models:list", inferencePlane},
	"GET " + routeModel:                 {"models:describe", inferencePlane},
}

// roleAllowsAPI says whether one role lets an API key read (write false)
// or write on a plane. ProjectEditor reads and writes all project data,
// ProjectViewer reads it; the ControlPlane* and DataPlane* roles cover
// their plane (docs guides/production/security-overview). The model
// catalogue is open to every key ([unverified]: it lists Pinecone's models,
// not project data).
func roleAllowsAPI(role string, pl plane, write bool) bool {
	if pl == inferencePlane {
		return true
	}
	switch role {
	case roleProjectEditor, roleProjectOwner, roleProjectManager:
		return true
	case roleProjectViewer, roleProjectMember:
		return !write
	case roleControlPlaneEditor:
		return pl == controlPlane
	case roleControlPlaneViewer:
		return pl == controlPlane && !write
	case roleDataPlaneEditor:
		return pl == dataPlane
	case roleDataPlaneViewer:
		return pl == dataPlane && !write
	}
	return false
}

// apiKeyRolesOf returns a key's effective roles: its roles plus those of
// role bindings naming it. Callers hold s.mu.
func (s *Server) apiKeyRolesOf(k *apiKey) []string {
	roles := slices.Clone(k.roles)
	for _, rb := range s.bindings {
		if rb.principalType == principalAPIKey && rb.principalID == k.id && rb.resourceID == k.projectID &&
			!slices.Contains(roles, rb.role) {
			roles = append(roles, rb.role)
		}
	}
	return roles
}

// authorizeAPI checks an API-key request against the roles of its key.
// A key deleted since it was checked answers 401, as elsewhere.
func (s *Server) authorizeAPI(q *request, op apiOp) *apiError {
	write := q.r.Method != http.MethodGet
	s.mu.Lock()
	defer s.mu.Unlock()
	k, ok := s.apiKeys[q.who.id]
	if !ok {
		return keyRevoked()
	}
	roles := s.apiKeyRolesOf(k)
	for _, r := range roles {
		if roleAllowsAPI(r, op.plane, write) {
			return nil
		}
	}
	return &apiError{status: http.StatusForbidden, code: codePermissionDenied,
		message: fmt.Sprintf("Permission denied: %s (roles: %s) does not have the '%s' permission on project %s.",
			q.who.describe(), strings.Join(roles, ", "), op.perm, k.projectID)}
}

// Admin permissions, one per admin operation ("<resource>:<verb>").
const (
	permOrganizationUpdate   = "organization:update"
	permOrganizationDelete   = "organization:delete"
	permProjectsCreate       = "projects:create"
	permProjectsDescribe     = "projects:describe" // also what GET /admin/projects shows
	permProjectsUpdate       = "projects:update"
	permProjectsDelete       = "projects:delete"
	permAPIKeysList          = "api_keys:list"
	permAPIKeysCreate        = "api_keys:create"
	permAPIKeysDescribe      = "api_keys:describe"
	permAPIKeysUpdate        = "api_keys:update"
	permAPIKeysDelete        = "api_keys:delete"
	permServiceAccountsList  = "service_accounts:list"
	permServiceAccountsNew   = "service_accounts:create"
	permServiceAccountsGet   = "service_accounts:describe"
	permServiceAccountsEdit  = "service_accounts:update"
	permServiceAccountsDrop  = "service_accounts:delete"
	permServiceAccountsRoll  = "service_accounts:rotate_secret"
	permRoleBindingsList     = "role_bindings:list" // also what GET /admin/role-bindings shows
	permRoleBindingsCreate   = "role_bindings:create"
	permRoleBindingsDescribe = "role_bindings:describe"
	permRoleBindingsDelete   = "role_bindings:delete"
	permInvitesList          = "invites:list"
	permInvitesCreate        = "invites:create"
	permInvitesDescribe      = "invites:describe"
	permInvitesDelete        = "invites:delete"
	permInvitesResend        = "invites:resend"
	permUsersList            = "users:list"
	permUsersDescribe        = "users:describe"
	permUsersDelete          = "users:delete"
)

// Groups of admin permissions, to write the role tables below.
var (
	permsProjectOwner = []string{permProjectsDescribe, permProjectsUpdate, permProjectsDelete,
		permAPIKeysList, permAPIKeysCreate, permAPIKeysDescribe, permAPIKeysUpdate, permAPIKeysDelete,
		permRoleBindingsList, permRoleBindingsCreate, permRoleBindingsDescribe, permRoleBindingsDelete}
	permsProjectMember = []string{permProjectsDescribe, permAPIKeysList, permAPIKeysDescribe,
		permRoleBindingsList, permRoleBindingsDescribe}
	permsServiceAccounts = []string{permServiceAccountsList, permServiceAccountsNew, permServiceAccountsGet,
		permServiceAccountsEdit, permServiceAccountsDrop, permServiceAccountsRoll}
	permsReadMembers = []string{permUsersList, permUsersDescribe}
)

// orgGrant is what an organization role allows: at the organization
// itself, and in every project.
type orgGrant struct {
	org, projects []string
}

// orgGrants: OrgOwner may do everything (docs
// guides/organizations/understanding-organizations: "global permissions
// across the organization ... automatically project owners"). The rest is
// [unverified]: the docs' tables for the 2026-07 roles are not public in a
// form found. OrgManager runs projects, their keys and bindings, and
// service accounts, but neither invites (docs
// admin/projects/manage-project-members: "Only organization owners can
// invite") nor grants organization roles, nor changes the organization.
// OrgMember may create projects (the legacy Org User could) and see the
// members. OrgBillingAdmin sees the members only; billing is not emulated.
var orgGrants = map[string]orgGrant{
	roleOrgManager: {
		org: slices.Concat(permsServiceAccounts, permsReadMembers, []string{permProjectsCreate,
			permRoleBindingsList, permRoleBindingsDescribe, permInvitesList, permInvitesDescribe}),
		projects: permsProjectOwner,
	},
	roleOrgMember:       {org: slices.Concat(permsReadMembers, []string{permProjectsCreate})},
	roleOrgBillingAdmin: {org: permsReadMembers},
}

// projectGrants: what a project role allows in its project. ProjectOwner
// manages the project, its API keys and its members (docs
// guides/projects/manage-project-members); ProjectManager and
// ProjectMember see them (docs admin/projects/understanding-projects: the
// membership roles "include access to project settings, members, and API
// keys"; ProjectManager builds "without managing its members or API keys").
// The access roles only let a service account see the project
// ([unverified]).
var projectGrants = map[string][]string{
	roleProjectOwner:       permsProjectOwner,
	roleProjectManager:     permsProjectMember,
	roleProjectMember:      permsProjectMember,
	roleProjectEditor:      {permProjectsDescribe},
	roleProjectViewer:      {permProjectsDescribe},
	roleControlPlaneEditor: {permProjectsDescribe},
	roleControlPlaneViewer: {permProjectsDescribe},
	roleDataPlaneEditor:    {permProjectsDescribe},
	roleDataPlaneViewer:    {permProjectsDescribe},
}

// bindingAllows says whether one of the caller's bindings grants perm at
// the organization (projectID "") or in projectID.
func bindingAllows(rb *roleBinding, perm, projectID string) bool {
	if rb.resourceType == resourceOrganization {
		if rb.role == roleOrgOwner {
			return true
		}
		g := orgGrants[rb.role]
		if projectID == "" {
			return slices.Contains(g.org, perm)
		}
		return slices.Contains(g.projects, perm)
	}
	return projectID != "" && rb.resourceID == projectID && slices.Contains(projectGrants[rb.role], perm)
}

// authorizeAdmin checks that a service account may use perm at the
// organization (projectID "") or in one project. Callers hold s.mu.
func (s *Server) authorizeAdmin(who caller, perm, projectID string) *apiError {
	if who.unrestricted {
		return nil
	}
	for _, rb := range s.bindings {
		if rb.principalType == who.kind && rb.principalID == who.id && bindingAllows(rb, perm, projectID) {
			return nil
		}
	}
	scope := "organization"
	if s.org != nil {
		scope += " " + s.org.id
	}
	if projectID != "" {
		scope = "project " + projectID
	}
	return &apiError{status: http.StatusForbidden, code: codePermissionDenied,
		message: fmt.Sprintf("Permission denied: %s does not have the '%s' permission on %s.", who.describe(), perm, scope)}
}

// adminRule is the permission an admin route needs and where: scope
// returns the project the call acts in ("" for the organization) and false
// when the target does not exist, in which case the handler answers (400,
// 404) and the caller learns nothing more than a 403 would tell it.
type adminRule struct {
	perm  string
	scope func(s *Server, q *request) (string, bool)
}

func orgScope(*Server, *request) (string, bool) { return "", true }

// projectFromPath is the scope of /admin/projects/{project_id}/...
func projectFromPath(s *Server, q *request) (string, bool) {
	id, err := projectParam(q)
	if err != nil {
		return "", false
	}
	_, ok := s.projects[id]
	return id, ok
}

// projectOfKey is the scope of /admin/api-keys/{api_key_id}.
func projectOfKey(s *Server, q *request) (string, bool) {
	id, err := apiKeyParam(q)
	if err != nil {
		return "", false
	}
	k, ok := s.apiKeys[id]
	if !ok {
		return "", false
	}
	return k.projectID, true
}

// scopeOfBinding is the scope of /admin/role-bindings/{role_binding_id}.
func scopeOfBinding(s *Server, q *request) (string, bool) {
	rb, err := s.lookupRoleBinding(q)
	if err != nil {
		return "", false
	}
	return rb.project(), true
}

// adminRules maps "METHOD template" to its rule. Routes without one need
// no permission (the organization list and describe), or are checked by
// their handler: the project and role binding lists show what the caller
// may see, and role binding, service account and invite creates check each
// binding they grant.
var adminRules = map[string]adminRule{
	"POST " + routeProjects:         {permProjectsCreate, orgScope},
	"GET " + routeProject:           {permProjectsDescribe, projectFromPath},
	"PATCH " + routeProject:         {permProjectsUpdate, projectFromPath},
	"DELETE " + routeProject:        {permProjectsDelete, projectFromPath},
	"GET " + routeProjectAPIKeys:    {permAPIKeysList, projectFromPath},
	"POST " + routeProjectAPIKeys:   {permAPIKeysCreate, projectFromPath},
	"GET " + routeAPIKey:            {permAPIKeysDescribe, projectOfKey},
	"PATCH " + routeAPIKey:          {permAPIKeysUpdate, projectOfKey},
	"DELETE " + routeAPIKey:         {permAPIKeysDelete, projectOfKey},
	"PATCH " + routeOrganization:    {permOrganizationUpdate, orgScope},
	"DELETE " + routeOrganization:   {permOrganizationDelete, orgScope},
	"GET " + routeServiceAccounts:   {permServiceAccountsList, orgScope},
	"POST " + routeServiceAccounts:  {permServiceAccountsNew, orgScope},
	"GET " + routeServiceAccount:    {permServiceAccountsGet, orgScope},
	"PATCH " + routeServiceAccount:  {permServiceAccountsEdit, orgScope},
	"DELETE " + routeServiceAccount: {permServiceAccountsDrop, orgScope},
	"POST " + routeRotateSecret:     {permServiceAccountsRoll, orgScope},
	"GET " + routeRoleBinding:       {permRoleBindingsDescribe, scopeOfBinding},
	"DELETE " + routeRoleBinding:    {permRoleBindingsDelete, scopeOfBinding},
	"GET " + routeInvites:           {permInvitesList, orgScope},
	"POST " + routeInvites:          {permInvitesCreate, orgScope},
	"GET " + routeInvite:            {permInvitesDescribe, orgScope},
	"DELETE " + routeInvite:         {permInvitesDelete, orgScope},
	"POST " + routeInviteResend:     {permInvitesResend, orgScope},
	"GET " + routeUsers:             {permUsersList, orgScope},
	"GET " + routeUser:              {permUsersDescribe, orgScope},
	"DELETE " + routeUser:           {permUsersDelete, orgScope},
}

// accessRoutes are the admin 2026-07 templates (404 at earlier versions).
var accessRoutes = []string{routeServiceAccounts, routeServiceAccount, routeRotateSecret,
	routeRoleBindings, routeRoleBinding, routeInvites, routeInvite, routeInviteResend, routeUsers, routeUser}

// authorize runs between routing and the handler: the API version of the
// access routes (404 below 2026-07), then the caller's permission (403).
func (s *Server) authorize(q *request, template string) *apiError {
	key := q.r.Method + " " + template
	switch q.who.kind {
	case principalAPIKey:
		ops := apiOps
		if q.target != nil {
			ops = dataOps // an index's data plane (namespaces.go)
		}
		if op, ok := ops[key]; ok {
			return s.authorizeAPI(q, op)
		}
	case principalServiceAccount:
		if slices.Contains(accessRoutes, template) {
			if err := accessServed(q.r.Method, q.r.URL.Path, q.version); err != nil {
				return err
			}
		}
		rule, ok := adminRules[key]
		if !ok {
			return nil
		}
		s.mu.Lock()
		defer s.mu.Unlock()
		projectID, known := rule.scope(s, q)
		if !known {
			return nil
		}
		return s.authorizeAdmin(q.who, rule.perm, projectID)
	}
	return nil
}

// grantCreator makes the service account that created a project its
// ProjectOwner when its roles would not otherwise let it see the project
// (an OrgMember), as the console makes the creator an owner ([unverified]).
// Callers hold s.mu.
func (s *Server) grantCreator(who caller, p *project) {
	if who.kind != principalServiceAccount || s.authorizeAdmin(who, permProjectsDescribe, p.id) == nil {
		return
	}
	s.addBinding(&roleBinding{id: newUUID(), principalType: principalServiceAccount, principalID: who.id,
		resourceType: resourceProject, resourceID: p.id, role: roleProjectOwner, createdAt: p.createdAt})
}

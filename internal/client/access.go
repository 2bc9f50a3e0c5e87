package client

import (
	"context"
	"net/http"
	"net/url"
)

// Access management (admin API 2026-07): service accounts, role bindings,
// invites and users. Shapes: ServiceAccount, ServiceAccountWithSecret,
// RoleBinding, RoleBindingInput, CreateRoleBindingRequest, Invite,
// CreateInviteRequest and User of Pinecone's TypeScript client 9.0.0
// (pinecone-generated-ts-fetch/admin/models); paths and query parameters
// from its ServiceAccountsApi, RoleBindingsApi, InvitesApi and UsersApi.
// These endpoints exist only in 2026-07, so every call sends 2026-07 even
// from a client pinned to an older version (accessCall).

// Principal types of a role binding.
const (
	PrincipalUser           = "user"
	PrincipalServiceAccount = "service_account"
	PrincipalAPIKey         = "api_key"
	PrincipalInvite         = "invite"
)

// Resource types (scopes) of a role binding.
const (
	ScopeOrganization = "organization"
	ScopeProject      = "project"
)

// Invite statuses. Lists show only pending and expired invites; a processed
// (accepted) invite is returned only by a get.
const (
	InvitePending   = "pending"
	InviteExpired   = "expired"
	InviteProcessed = "processed"
)

// Organization roles, and the project membership and access roles (Pinecone
// docs: guides/organizations/understanding-organizations#organization-roles,
// guides/projects/understanding-projects#project-roles). API keys may hold
// only the project access roles (APIKeyRoles).
var (
	OrganizationRoles = []string{"OrgOwner", "OrgManager", "OrgBillingAdmin", "OrgMember"}
	// OrganizationMembershipRoles are the roles an invite must include one
	// of (CreateInviteRequest.role_bindings).
	OrganizationMembershipRoles = OrganizationRoles
	ProjectMembershipRoles      = []string{"ProjectOwner", "ProjectManager", "ProjectMember"}
	ProjectRoles                = append(append([]string{}, ProjectMembershipRoles...), APIKeyRoles...)
)

// ServiceAccount describes a service account (never its secret).
type ServiceAccount struct {
	ID        string `json:"id"`
	Name      string `json:"name"`
	ClientID  string `json:"client_id"`
	CreatedAt string `json:"created_at"`
	UpdatedAt string `json:"updated_at"`
}

// ServiceAccountWithSecret answers a create or a rotation: the only times
// the client secret is shown.
type ServiceAccountWithSecret struct {
	ServiceAccount ServiceAccount `json:"service_account"`
	ClientSecret   string         `json:"client_secret"`
}

// RoleBindingInput is a role granted while creating a principal (a service
// account or an invite). ResourceID is the project for project scope and
// empty for organization scope.
type RoleBindingInput struct {
	ResourceType string `json:"resource_type"`
	ResourceID   string `json:"resource_id,omitempty"`
	Role         string `json:"role"`
}

// CreateServiceAccountRequest is the body of POST /admin/service-accounts.
type CreateServiceAccountRequest struct {
	Name         string             `json:"name"`
	RoleBindings []RoleBindingInput `json:"role_bindings,omitempty"`
}

// UpdateServiceAccountRequest is the body of PATCH
// /admin/service-accounts/{id}.
type UpdateServiceAccountRequest struct {
	Name *string `json:"name,omitempty"`
}

// RoleBinding grants Role to a principal at a scope. For organization scope
// ResourceID is the organization's id.
type RoleBinding struct {
	ID            string `json:"id"`
	PrincipalType string `json:"principal_type"`
	PrincipalID   string `json:"principal_id"`
	ResourceType  string `json:"resource_type"`
	ResourceID    string `json:"resource_id"`
	Role          string `json:"role"`
	CreatedAt     string `json:"created_at"`
}

// CreateRoleBindingRequest is the body of POST /admin/role-bindings.
type CreateRoleBindingRequest struct {
	PrincipalType string `json:"principal_type"`
	PrincipalID   string `json:"principal_id"`
	ResourceType  string `json:"resource_type"`
	ResourceID    string `json:"resource_id,omitempty"`
	Role          string `json:"role"`
}

// RoleBindingFilter narrows GET /admin/role-bindings; empty fields are not
// sent.
type RoleBindingFilter struct {
	PrincipalType string
	PrincipalID   string
	ResourceType  string
	ResourceID    string
	Role          string
}

func (f RoleBindingFilter) query() url.Values {
	q := url.Values{}
	for k, v := range map[string]string{
		"principal_type": f.PrincipalType, "principal_id": f.PrincipalID,
		"resource_type": f.ResourceType, "resource_id": f.ResourceID, "role": f.Role,
	} {
		if v != "" {
			q.Set(k, v)
		}
	}
	return q
}

// Invite is an invitation to join the organization. ExpiresAt is null for
// an invite that does not expire; ProcessedAt is set once it is accepted.
type Invite struct {
	ID          string  `json:"id"`
	Email       string  `json:"email"`
	Status      string  `json:"status"`
	ExpiresAt   *string `json:"expires_at"`
	ProcessedAt *string `json:"processed_at"`
	CreatedAt   string  `json:"created_at"`
}

// CreateInviteRequest is the body of POST /admin/invites.
type CreateInviteRequest struct {
	Email        string             `json:"email"`
	RoleBindings []RoleBindingInput `json:"role_bindings"`
}

// User is a member of the organization. Name is empty when the user has
// not set one.
type User struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	Name  string `json:"name,omitempty"`
}

func serviceAccountPath(id string) string { return "/admin/service-accounts/" + pathEscape(id) }
func roleBindingPath(id string) string    { return "/admin/role-bindings/" + pathEscape(id) }
func invitePath(id string) string         { return "/admin/invites/" + pathEscape(id) }
func userPath(id string) string           { return "/admin/users/" + pathEscape(id) }

// accessCall is an admin call at API 2026-07, where these endpoints live.
func (c *Client) accessCall(method, path string, body any) call {
	return call{method: method, path: path, body: body, admin: true, version: c.currentVersion()}
}

// listAccess GETs every page of an access-management list.
func listAccess[T any](ctx context.Context, c *Client, path string, query url.Values) ([]T, error) {
	cl := c.accessCall(http.MethodGet, path, nil)
	cl.query = query
	return paginate(ctx, c, cl, tokenParamControl, (*dataPage[T]).page)
}

// CreateServiceAccount creates a service account and returns its client
// secret, shown only in this answer. Names need not be unique, so the create
// is not retried after an uncertain failure.
func (c *Client) CreateServiceAccount(ctx context.Context, req CreateServiceAccountRequest) (*ServiceAccountWithSecret, error) {
	return doJSON[ServiceAccountWithSecret](ctx, c, c.accessCall(http.MethodPost, "/admin/service-accounts", req))
}

// DescribeServiceAccount returns one service account; ErrNotFound if gone.
func (c *Client) DescribeServiceAccount(ctx context.Context, id string) (*ServiceAccount, error) {
	return doJSON[ServiceAccount](ctx, c, c.accessCall(http.MethodGet, serviceAccountPath(id), nil))
}

// UpdateServiceAccount renames a service account; its secret is unchanged.
func (c *Client) UpdateServiceAccount(ctx context.Context, id string, req UpdateServiceAccountRequest) (*ServiceAccount, error) {
	return doJSON[ServiceAccount](ctx, c, c.accessCall(http.MethodPatch, serviceAccountPath(id), req))
}

// RotateServiceAccountSecret issues a new client secret; the old one stops
// working.
func (c *Client) RotateServiceAccountSecret(ctx context.Context, id string) (*ServiceAccountWithSecret, error) {
	return doJSON[ServiceAccountWithSecret](ctx, c, c.accessCall(http.MethodPost, serviceAccountPath(id)+"/rotate-secret", nil))
}

// DeleteServiceAccount deletes a service account.
func (c *Client) DeleteServiceAccount(ctx context.Context, id string) error {
	return c.do(ctx, c.accessCall(http.MethodDelete, serviceAccountPath(id), nil))
}

// ListServiceAccounts returns every service account of the organization.
func (c *Client) ListServiceAccounts(ctx context.Context) ([]ServiceAccount, error) {
	return listAccess[ServiceAccount](ctx, c, "/admin/service-accounts", nil)
}

// CreateRoleBinding grants a role. Pinecone refuses a binding that already
// exists, so a retried create after an uncertain failure may answer 409 for
// our own binding (callers adopt it: IsOwnRetriedCreate).
func (c *Client) CreateRoleBinding(ctx context.Context, req CreateRoleBindingRequest) (*RoleBinding, error) {
	cl := c.accessCall(http.MethodPost, "/admin/role-bindings", req)
	cl.retrySafe = true
	return doJSON[RoleBinding](ctx, c, cl)
}

// DescribeRoleBinding returns one role binding; ErrNotFound if gone.
func (c *Client) DescribeRoleBinding(ctx context.Context, id string) (*RoleBinding, error) {
	return doJSON[RoleBinding](ctx, c, c.accessCall(http.MethodGet, roleBindingPath(id), nil))
}

// DeleteRoleBinding revokes a role binding.
func (c *Client) DeleteRoleBinding(ctx context.Context, id string) error {
	return c.do(ctx, c.accessCall(http.MethodDelete, roleBindingPath(id), nil))
}

// ListRoleBindings returns every role binding that matches the filter.
func (c *Client) ListRoleBindings(ctx context.Context, filter RoleBindingFilter) ([]RoleBinding, error) {
	return listAccess[RoleBinding](ctx, c, "/admin/role-bindings", filter.query())
}

// CreateInvite invites someone to the organization. Inviting the same
// address twice makes two invites, so the create is not retried after an
// uncertain failure.
func (c *Client) CreateInvite(ctx context.Context, req CreateInviteRequest) (*Invite, error) {
	return doJSON[Invite](ctx, c, c.accessCall(http.MethodPost, "/admin/invites", req))
}

// DescribeInvite returns one invite, whatever its status; ErrNotFound if it
// was deleted.
func (c *Client) DescribeInvite(ctx context.Context, id string) (*Invite, error) {
	return doJSON[Invite](ctx, c, c.accessCall(http.MethodGet, invitePath(id), nil))
}

// ResendInvite sends the invitation email again and extends its expiry.
func (c *Client) ResendInvite(ctx context.Context, id string) (*Invite, error) {
	return doJSON[Invite](ctx, c, c.accessCall(http.MethodPost, invitePath(id)+"/resend", nil))
}

// DeleteInvite withdraws an invite.
func (c *Client) DeleteInvite(ctx context.Context, id string) error {
	return c.do(ctx, c.accessCall(http.MethodDelete, invitePath(id), nil))
}

// ListInvites returns the pending and expired invites.
func (c *Client) ListInvites(ctx context.Context) ([]Invite, error) {
	return listAccess[Invite](ctx, c, "/admin/invites", nil)
}

// DescribeUser returns one member of the organization; ErrNotFound if gone.
func (c *Client) DescribeUser(ctx context.Context, id string) (*User, error) {
	return doJSON[User](ctx, c, c.accessCall(http.MethodGet, userPath(id), nil))
}

// DeleteUser removes a member from the organization.
func (c *Client) DeleteUser(ctx context.Context, id string) error {
	return c.do(ctx, c.accessCall(http.MethodDelete, userPath(id), nil))
}

// ListUsers returns the organization's members, or only those with email
// when it is not empty.
func (c *Client) ListUsers(ctx context.Context, email string) ([]User, error) {
	var q url.Values
	if email != "" {
		q = url.Values{"email": {email}}
	}
	return listAccess[User](ctx, c, "/admin/users", q)
}

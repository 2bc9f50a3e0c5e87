package client

import (
	"context"
	"net/http"
)

// Admin API roles of API keys: the enum of APIKey.roles in the admin OpenAPI
// spec (github.com/pinecone-io/pinecone-api, 2026-04/admin_2026-04.oas.yaml,
// schemas APIKey and CreateAPIKeyRequest; operationId create_api_key).
var APIKeyRoles = []string{
	"ProjectEditor", "ProjectViewer", "ControlPlaneEditor", "ControlPlaneViewer", "DataPlaneEditor", "DataPlaneViewer",
}

// Project is a Pinecone project.
type Project struct {
	ID                      string `json:"id"`
	Name                    string `json:"name"`
	MaxPods                 int64  `json:"max_pods"`
	ForceEncryptionWithCMEK bool   `json:"force_encryption_with_cmek"`
	OrganizationID          string `json:"organization_id"`
	CreatedAt               string `json:"created_at,omitempty"`
}

// CreateProjectRequest is the body of POST /admin/projects.
type CreateProjectRequest struct {
	Name                    string `json:"name"`
	MaxPods                 *int64 `json:"max_pods,omitempty"`
	ForceEncryptionWithCMEK *bool  `json:"force_encryption_with_cmek,omitempty"`
}

// UpdateProjectRequest is the body of PATCH /admin/projects/{id}.
type UpdateProjectRequest struct {
	Name                    *string `json:"name,omitempty"`
	MaxPods                 *int64  `json:"max_pods,omitempty"`
	ForceEncryptionWithCMEK *bool   `json:"force_encryption_with_cmek,omitempty"`
}

// APIKey describes an API key (never its secret).
type APIKey struct {
	ID        string   `json:"id"`
	Name      string   `json:"name"`
	ProjectID string   `json:"project_id"`
	Roles     []string `json:"roles"`
}

// APIKeyWithSecret is the answer to a create: the only time the secret
// value is shown.
type APIKeyWithSecret struct {
	Key   APIKey `json:"key"`
	Value string `json:"value"`
}

// CreateAPIKeyRequest is the body of POST /admin/projects/{id}/api-keys.
// Nil Roles leaves the server default (ProjectEditor); a non-nil empty slice
// is sent as [] so that it is never silently widened to that default.
type CreateAPIKeyRequest struct {
	Name  string   `json:"name"`
	Roles []string `json:"roles,omitzero"`
}

// UpdateAPIKeyRequest is the body of PATCH /admin/api-keys/{id}; roles, when
// non-nil (even empty), are sent and replace the whole set.
type UpdateAPIKeyRequest struct {
	Name  *string  `json:"name,omitempty"`
	Roles []string `json:"roles,omitzero"`
}

// Organization is the organization the service account belongs to.
type Organization struct {
	ID            string `json:"id"`
	Name          string `json:"name"`
	Plan          string `json:"plan"`
	PaymentStatus string `json:"payment_status"`
	CreatedAt     string `json:"created_at"`
	SupportTier   string `json:"support_tier"`
}

func projectPath(id string) string { return "/admin/projects/" + pathEscape(id) }

func apiKeyPath(id string) string { return "/admin/api-keys/" + pathEscape(id) }

// adminList GETs an admin list: one answer, items under "data", never nil.
func adminList[T any](ctx context.Context, c *Client, path string) ([]T, error) {
	out, err := doJSON[dataPage[T]](ctx, c, call{method: http.MethodGet, path: path, admin: true})
	if err != nil {
		return nil, err
	}
	if out.Data == nil {
		return []T{}, nil
	}
	return out.Data, nil
}

// ListProjects returns the organization's projects.
func (c *Client) ListProjects(ctx context.Context) ([]Project, error) {
	return adminList[Project](ctx, c, "/admin/projects")
}

// CreateProject creates a project. Project names are not documented as
// unique, so the create is not retried after an uncertain failure.
func (c *Client) CreateProject(ctx context.Context, req CreateProjectRequest) (*Project, error) {
	return doJSON[Project](ctx, c, call{method: http.MethodPost, path: "/admin/projects", body: req, admin: true})
}

// DescribeProject returns one project.
func (c *Client) DescribeProject(ctx context.Context, id string) (*Project, error) {
	return doJSON[Project](ctx, c, call{method: http.MethodGet, path: projectPath(id), admin: true})
}

// UpdateProject changes a project.
func (c *Client) UpdateProject(ctx context.Context, id string, req UpdateProjectRequest) (*Project, error) {
	return doJSON[Project](ctx, c, call{method: http.MethodPatch, path: projectPath(id), body: req, admin: true})
}

// DeleteProject deletes a project (and its API keys).
func (c *Client) DeleteProject(ctx context.Context, id string) error {
	return c.do(ctx, call{method: http.MethodDelete, path: projectPath(id), admin: true})
}

// ListAPIKeys returns a project's API keys, without secrets.
func (c *Client) ListAPIKeys(ctx context.Context, projectID string) ([]APIKey, error) {
	return adminList[APIKey](ctx, c, projectPath(projectID)+"/api-keys")
}

// CreateAPIKey creates an API key and returns its secret, shown only now.
// Key names are not unique, so the create is never retried after an
// uncertain failure (a retry could make a second key).
func (c *Client) CreateAPIKey(ctx context.Context, projectID string, req CreateAPIKeyRequest) (*APIKeyWithSecret, error) {
	return doJSON[APIKeyWithSecret](ctx, c, call{method: http.MethodPost, path: projectPath(projectID) + "/api-keys", body: req, admin: true})
}

// DescribeAPIKey returns one API key, without its secret.
func (c *Client) DescribeAPIKey(ctx context.Context, id string) (*APIKey, error) {
	return doJSON[APIKey](ctx, c, call{method: http.MethodGet, path: apiKeyPath(id), admin: true})
}

// UpdateAPIKey renames an API key and/or replaces its roles.
func (c *Client) UpdateAPIKey(ctx context.Context, id string, req UpdateAPIKeyRequest) (*APIKey, error) {
	return doJSON[APIKey](ctx, c, call{method: http.MethodPatch, path: apiKeyPath(id), body: req, admin: true})
}

// DeleteAPIKey deletes an API key.
func (c *Client) DeleteAPIKey(ctx context.Context, id string) error {
	return c.do(ctx, call{method: http.MethodDelete, path: apiKeyPath(id), admin: true})
}

// ListOrganizations returns the organizations the credentials can see.
func (c *Client) ListOrganizations(ctx context.Context) ([]Organization, error) {
	return adminList[Organization](ctx, c, "/admin/organizations")
}

// DescribeOrganization returns one organization.
func (c *Client) DescribeOrganization(ctx context.Context, id string) (*Organization, error) {
	return doJSON[Organization](ctx, c, call{method: http.MethodGet, path: "/admin/organizations/" + pathEscape(id), admin: true})
}

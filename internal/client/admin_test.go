package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

const (
	adminToken = "admin-token"
	projectID  = "9f2b5c1e-1d2a-4c3b-8e4f-5a6b7c8d9e0f"
	apiKeyID   = "3c4d5e6f-7a8b-4c9d-8e0f-1a2b3c4d5e6f"
	orgID      = "-NM7af6f234168c4e44a"

	projectExample = `{"id":"` + projectID + `","name":"my-project","max_pods":50,"force_encryption_with_cmek":false,` +
		`"organization_id":"` + orgID + `","created_at":"2025-10-01T12:00:00Z"}`
	apiKeyExample           = `{"id":"` + apiKeyID + `","name":"ci","project_id":"` + projectID + `","roles":["ProjectEditor","DataPlaneViewer"]}`
	apiKeyWithSecretExample = `{"key":` + apiKeyExample + `,"value":"pckey_abc_SECRETVALUE"}`
	orgExample              = `{"id":"` + orgID + `","name":"acme","plan":"Standard","payment_status":"Active",` +
		`"created_at":"2024-01-01T00:00:00Z","support_tier":"Developer"}`
)

var (
	wantProject = &Project{
		ID: projectID, Name: "my-project", MaxPods: 50, OrganizationID: orgID, CreatedAt: "2025-10-01T12:00:00Z",
	}
	wantAPIKey = &APIKey{ID: apiKeyID, Name: "ci", ProjectID: projectID, Roles: []string{"ProjectEditor", "DataPlaneViewer"}}
	wantOrg    = &Organization{
		ID: orgID, Name: "acme", Plan: "Standard", PaymentStatus: "Active", CreatedAt: "2024-01-01T00:00:00Z", SupportTier: "Developer",
	}
)

// adminWireCall is one admin call, its expected request and decoded answer.
type adminWireCall struct {
	name     string
	call     func(ctx context.Context, c *Client) (any, error)
	status   int
	respBody string
	method   string
	uri      string // escaped path as sent
	body     string // "" = no body expected
	want     any    // decoded result; nil for calls that return only an error
}

func adminWireCases() []adminWireCall {
	return []adminWireCall{
		{
			name:   "ListProjects",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ListProjects(ctx) },
			status: 200, respBody: `{"data":[` + projectExample + `,{"id":"p2","name":"two","max_pods":0,"force_encryption_with_cmek":true,"organization_id":"o"}]}`,
			method: "GET", uri: "/admin/projects",
			want: []Project{*wantProject, {ID: "p2", Name: "two", ForceEncryptionWithCMEK: true, OrganizationID: "o"}},
		},
		{
			name: "CreateProject name only",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateProject(ctx, CreateProjectRequest{Name: "my-project"})
			},
			status: 200, respBody: projectExample,
			method: "POST", uri: "/admin/projects",
			body: `{"name":"my-project"}`,
			want: wantProject,
		},
		{
			name: "CreateProject zero values set",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateProject(ctx, CreateProjectRequest{Name: "my-project", MaxPods: ptr(int64(0)), ForceEncryptionWithCMEK: ptr(false)})
			},
			status: 200, respBody: projectExample,
			method: "POST", uri: "/admin/projects",
			body: `{"name":"my-project","max_pods":0,"force_encryption_with_cmek":false}`,
			want: wantProject,
		},
		{
			name: "CreateProject all fields, 201",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateProject(ctx, CreateProjectRequest{Name: "my-project", MaxPods: ptr(int64(8)), ForceEncryptionWithCMEK: ptr(true)})
			},
			status: 201, respBody: projectExample,
			method: "POST", uri: "/admin/projects",
			body: `{"name":"my-project","max_pods":8,"force_encryption_with_cmek":true}`,
			want: wantProject,
		},
		{
			name:   "DescribeProject",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeProject(ctx, projectID) },
			status: 200, respBody: projectExample,
			method: "GET", uri: "/admin/projects/" + projectID,
			want: wantProject,
		},
		{
			name:   "DescribeProject escaped",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeProject(ctx, "a b/c?d#e%f") },
			status: 200, respBody: projectExample,
			method: "GET", uri: "/admin/projects/a%20b%2Fc%3Fd%23e%25f",
			want: wantProject,
		},
		{
			name: "UpdateProject name only",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateProject(ctx, projectID, UpdateProjectRequest{Name: ptr("renamed")})
			},
			status: 200, respBody: projectExample,
			method: "PATCH", uri: "/admin/projects/" + projectID,
			body: `{"name":"renamed"}`,
			want: wantProject,
		},
		{
			name: "UpdateProject max_pods zero",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateProject(ctx, projectID, UpdateProjectRequest{MaxPods: ptr(int64(0))})
			},
			status: 200, respBody: projectExample,
			method: "PATCH", uri: "/admin/projects/" + projectID,
			body: `{"max_pods":0}`,
			want: wantProject,
		},
		{
			name: "UpdateProject cmek",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateProject(ctx, projectID, UpdateProjectRequest{ForceEncryptionWithCMEK: ptr(true)})
			},
			status: 200, respBody: projectExample,
			method: "PATCH", uri: "/admin/projects/" + projectID,
			body: `{"force_encryption_with_cmek":true}`,
			want: wantProject,
		},
		{
			name: "UpdateProject nothing",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateProject(ctx, projectID, UpdateProjectRequest{})
			},
			status: 200, respBody: projectExample,
			method: "PATCH", uri: "/admin/projects/" + projectID,
			body: `{}`,
			want: wantProject,
		},
		{
			name:   "DeleteProject",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteProject(ctx, "p 1") },
			status: 202,
			method: "DELETE", uri: "/admin/projects/p%201",
		},
		{
			name:   "ListAPIKeys",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ListAPIKeys(ctx, "p/1") },
			status: 200, respBody: `{"data":[` + apiKeyExample + `]}`,
			method: "GET", uri: "/admin/projects/p%2F1/api-keys",
			want: []APIKey{*wantAPIKey},
		},
		{
			name: "CreateAPIKey default roles, 200",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateAPIKey(ctx, projectID, CreateAPIKeyRequest{Name: "ci"})
			},
			status: 200, respBody: apiKeyWithSecretExample,
			method: "POST", uri: "/admin/projects/" + projectID + "/api-keys",
			body: `{"name":"ci"}`,
			want: &APIKeyWithSecret{Key: *wantAPIKey, Value: "pckey_abc_SECRETVALUE"},
		},
		{
			name: "CreateAPIKey roles, 201",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateAPIKey(ctx, "p?1", CreateAPIKeyRequest{Name: "ci", Roles: []string{"ProjectEditor", "DataPlaneViewer"}})
			},
			status: 201, respBody: apiKeyWithSecretExample,
			method: "POST", uri: "/admin/projects/p%3F1/api-keys",
			body: `{"name":"ci","roles":["ProjectEditor","DataPlaneViewer"]}`,
			want: &APIKeyWithSecret{Key: *wantAPIKey, Value: "pckey_abc_SECRETVALUE"},
		},
		{
			// An empty, non-nil role list is sent as such; omitting it would
			// let the server grant its default ProjectEditor role.
			name: "CreateAPIKey empty roles",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateAPIKey(ctx, projectID, CreateAPIKeyRequest{Name: "ci", Roles: []string{}})
			},
			status: 201, respBody: apiKeyWithSecretExample,
			method: "POST", uri: "/admin/projects/" + projectID + "/api-keys",
			body: `{"name":"ci","roles":[]}`,
			want: &APIKeyWithSecret{Key: *wantAPIKey, Value: "pckey_abc_SECRETVALUE"},
		},
		{
			name:   "DescribeAPIKey",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeAPIKey(ctx, apiKeyID) },
			status: 200, respBody: apiKeyExample,
			method: "GET", uri: "/admin/api-keys/" + apiKeyID,
			want: wantAPIKey,
		},
		{
			name:   "DescribeAPIKey escaped",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeAPIKey(ctx, "../x y") },
			status: 200, respBody: apiKeyExample,
			method: "GET", uri: "/admin/api-keys/..%2Fx%20y",
			want: wantAPIKey,
		},
		{
			name: "UpdateAPIKey name only",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateAPIKey(ctx, apiKeyID, UpdateAPIKeyRequest{Name: ptr("renamed")})
			},
			status: 200, respBody: apiKeyExample,
			method: "PATCH", uri: "/admin/api-keys/" + apiKeyID,
			body: `{"name":"renamed"}`,
			want: wantAPIKey,
		},
		{
			name: "UpdateAPIKey roles replace",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateAPIKey(ctx, apiKeyID, UpdateAPIKeyRequest{Roles: []string{"ProjectViewer"}})
			},
			status: 200, respBody: apiKeyExample,
			method: "PATCH", uri: "/admin/api-keys/" + apiKeyID,
			body: `{"roles":["ProjectViewer"]}`,
			want: wantAPIKey,
		},
		{
			name: "UpdateAPIKey roles cleared",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateAPIKey(ctx, apiKeyID, UpdateAPIKeyRequest{Name: ptr("n"), Roles: []string{}})
			},
			status: 200, respBody: apiKeyExample,
			method: "PATCH", uri: "/admin/api-keys/" + apiKeyID,
			body: `{"name":"n","roles":[]}`,
			want: wantAPIKey,
		},
		{
			name:   "DeleteAPIKey",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteAPIKey(ctx, "k#1") },
			status: 202,
			method: "DELETE", uri: "/admin/api-keys/k%231",
		},
		{
			name:   "ListOrganizations",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ListOrganizations(ctx) },
			status: 200, respBody: `{"data":[` + orgExample + `]}`,
			method: "GET", uri: "/admin/organizations",
			want: []Organization{*wantOrg},
		},
		{
			name:   "DescribeOrganization",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeOrganization(ctx, orgID) },
			status: 200, respBody: orgExample,
			method: "GET", uri: "/admin/organizations/" + orgID,
			want: wantOrg,
		},
		{
			name:   "DescribeOrganization escaped",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeOrganization(ctx, "org/1 2") },
			status: 200, respBody: orgExample,
			method: "GET", uri: "/admin/organizations/org%2F1%202",
			want: wantOrg,
		},
	}
}

// checkAdminWire asserts that got is the admin request tc describes.
func checkAdminWire(t *testing.T, tc adminWireCall, got seenRequest) {
	t.Helper()
	if got.Method != tc.method {
		t.Errorf("method = %s, want %s", got.Method, tc.method)
	}
	if got.RequestURI != tc.uri {
		t.Errorf("request URI = %q, want %q", got.RequestURI, tc.uri)
	}
	if v := got.Header.Get("Authorization"); v != "Bearer "+adminToken {
		t.Errorf("Authorization = %q, want Bearer %s", v, adminToken)
	}
	if v, ok := got.Header["Api-Key"]; ok {
		t.Errorf("admin call carries Api-Key %q", v)
	}
	if v := got.Header.Get("X-Pinecone-Api-Version"); v != DefaultAPIVersion {
		t.Errorf("X-Pinecone-Api-Version = %q, want %q", v, DefaultAPIVersion)
	}
	if tc.body == "" {
		if len(got.Body) != 0 {
			t.Errorf("unexpected body %q", got.Body)
		}
		if v, ok := got.Header["Content-Type"]; ok {
			t.Errorf("Content-Type %q sent without a body", v)
		}
		return
	}
	if v := got.Header.Get("Content-Type"); v != "application/json" {
		t.Errorf("Content-Type = %q, want application/json", v)
	}
	assertJSON(t, got.Body, tc.body)
}

// newAccessTokenClient authenticates admin calls with a ready token; it also
// has an API key, which admin calls must not send.
func newAccessTokenClient(t *testing.T, apiURL string) *Client {
	return newTestClient(t, apiURL, func(o *Options) { o.AccessToken = adminToken })
}

func TestAdminCallsOnTheWire(t *testing.T) {
	for _, tc := range adminWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, tc.status, tc.respBody) })
			c := newAccessTokenClient(t, api.URL())
			got, err := tc.call(t.Context(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			checkAdminWire(t, tc, api.only(t))
			if tc.want == nil {
				return
			}
			if !reflect.DeepEqual(got, tc.want) {
				t.Errorf("decoded %#v\nwant    %#v", got, tc.want)
			}
		})
	}
}

// The same calls work through a service account; the token is fetched once.
func TestAdminCallsWithServiceAccount(t *testing.T) {
	tokens := newTokenServer(t)
	cases := adminWireCases()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, cases[n].status, cases[n].respBody) })
	c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
	for i, tc := range cases {
		if _, err := tc.call(t.Context(), c); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		got := api.requests()[i]
		if got.Method != tc.method || got.RequestURI != tc.uri {
			t.Errorf("%s: request %s %s, want %s %s", tc.name, got.Method, got.RequestURI, tc.method, tc.uri)
		}
		if v := bearerOf(got); v != "Bearer tok-1" {
			t.Errorf("%s: Authorization = %q", tc.name, v)
		}
	}
	if n := tokens.count(); n != 1 {
		t.Errorf("%d token requests for %d admin calls, want 1", n, len(cases))
	}
}

func TestAdminEmptyListsAreNonNil(t *testing.T) {
	for _, body := range []string{`{"data":[]}`, `{}`, `{"data":null}`} {
		t.Run(body, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, body) })
			c := newAccessTokenClient(t, api.URL())
			ctx := t.Context()
			projects, err := c.ListProjects(ctx)
			if err != nil || projects == nil || len(projects) != 0 {
				t.Errorf("ListProjects = %#v, %v; want a non-nil empty slice", projects, err)
			}
			keys, err := c.ListAPIKeys(ctx, projectID)
			if err != nil || keys == nil || len(keys) != 0 {
				t.Errorf("ListAPIKeys = %#v, %v; want a non-nil empty slice", keys, err)
			}
			orgs, err := c.ListOrganizations(ctx)
			if err != nil || orgs == nil || len(orgs) != 0 {
				t.Errorf("ListOrganizations = %#v, %v; want a non-nil empty slice", orgs, err)
			}
		})
	}
}

func TestAdminErrorsAreClassified(t *testing.T) {
	cases := []struct {
		status int
		code   string
		want   error
	}{
		{400, "INVALID_ARGUMENT", ErrBadRequest},
		{403, "FORBIDDEN", ErrForbidden},
		{404, "NOT_FOUND", ErrNotFound},
		{409, "ALREADY_EXISTS", ErrAlreadyExists},
	}
	for _, tc := range cases {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			reply(w, tc.status, pineconeError(tc.status, tc.code, "API Key not found"))
		})
		c := newAccessTokenClient(t, api.URL())
		_, err := c.DescribeAPIKey(t.Context(), apiKeyID)
		if !errors.Is(err, tc.want) {
			t.Errorf("%d: err = %v, want %v", tc.status, err, tc.want)
		}
		if apiErr, ok := AsAPIError(err); !ok || apiErr.Code != tc.code || apiErr.Message != "API Key not found" {
			t.Errorf("%d: err = %#v", tc.status, err)
		}
		if n := api.count(); n != 1 {
			t.Errorf("%d: %d requests, want 1", tc.status, n)
		}
	}
}

func TestAdminUndecodableAnswer(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"key":`) })
	c := newAccessTokenClient(t, api.URL())
	if _, err := c.CreateAPIKey(t.Context(), projectID, CreateAPIKeyRequest{Name: "k"}); err == nil ||
		!strings.Contains(err.Error(), "decoding") {
		t.Errorf("err = %v, want a decoding error", err)
	}
}

// adminCreates are the admin calls that could create something twice.
var adminCreates = []struct {
	name     string
	respBody string
	call     func(ctx context.Context, c *Client) error
}{
	{"CreateProject", projectExample, func(ctx context.Context, c *Client) error {
		p, err := c.CreateProject(ctx, CreateProjectRequest{Name: "my-project"})
		if err == nil && p.ID != projectID {
			return errors.New("project not decoded")
		}
		return err
	}},
	{"CreateAPIKey", apiKeyWithSecretExample, func(ctx context.Context, c *Client) error {
		k, err := c.CreateAPIKey(ctx, projectID, CreateAPIKeyRequest{Name: "ci"})
		if err == nil && k.Value != "pckey_abc_SECRETVALUE" {
			return errors.New("key value not decoded")
		}
		return err
	}},
}

func TestAdminCreatesNotRetriedAfterServerError(t *testing.T) {
	for _, tc := range adminCreates {
		t.Run(tc.name, func(t *testing.T) {
			tokens := newTokenServer(t)
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					reply(w, 500, pineconeError(500, "INTERNAL", "boom"))
					return
				}
				reply(w, 200, tc.respBody)
			})
			c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
			err := tc.call(t.Context(), c)
			if !errors.Is(err, ErrServer) {
				t.Fatalf("err = %v, want ErrServer", err)
			}
			if n := api.count(); n != 1 {
				t.Errorf("%d requests, want 1 (a retry could create twice)", n)
			}
			if n := tokens.count(); n != 1 {
				t.Errorf("%d token requests, want 1", n)
			}
		})
	}
}

func TestAdminCreatesNotRetriedAfterDroppedConnection(t *testing.T) {
	for _, tc := range adminCreates {
		t.Run(tc.name, func(t *testing.T) {
			tokens := newTokenServer(t)
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					dropConnection(t, w)
					return
				}
				reply(w, 200, tc.respBody)
			})
			c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
			if err := tc.call(t.Context(), c); err == nil {
				t.Fatal("expected the dropped connection to fail the call")
			}
			if n := api.count(); n != 1 {
				t.Errorf("%d requests, want 1 (a retry could create twice)", n)
			}
		})
	}
}

func TestAdminCreatesRetriedAfterRateLimit(t *testing.T) {
	for _, tc := range adminCreates {
		t.Run(tc.name, func(t *testing.T) {
			tokens := newTokenServer(t)
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					w.Header().Set("Retry-After", "0")
					reply(w, 429, pineconeError(429, "RESOURCE_EXHAUSTED", "slow down"))
					return
				}
				reply(w, 201, tc.respBody)
			})
			c := newServiceAccountClient(t, api.URL(), tokens, uniqueClientID(t))
			if err := tc.call(t.Context(), c); err != nil {
				t.Fatalf("call after a 429: %v", err)
			}
			reqs := api.requests()
			if len(reqs) != 2 {
				t.Fatalf("%d requests, want 2", len(reqs))
			}
			if string(reqs[0].Body) != string(reqs[1].Body) || len(reqs[1].Body) == 0 {
				t.Errorf("retried body %q differs from %q", reqs[1].Body, reqs[0].Body)
			}
			if n := tokens.count(); n != 1 {
				t.Errorf("%d token requests, want 1", n)
			}
		})
	}
}

// Reads, updates and deletes are idempotent and are retried after a 5xx.
func TestAdminIdempotentCallsRetriedAfterServerError(t *testing.T) {
	calls := map[string]func(ctx context.Context, c *Client) error{
		"DescribeProject": func(ctx context.Context, c *Client) error { _, err := c.DescribeProject(ctx, projectID); return err },
		"UpdateAPIKey": func(ctx context.Context, c *Client) error {
			_, err := c.UpdateAPIKey(ctx, apiKeyID, UpdateAPIKeyRequest{Name: ptr("n")})
			return err
		},
		"DeleteAPIKey": func(ctx context.Context, c *Client) error { return c.DeleteAPIKey(ctx, apiKeyID) },
	}
	for name, call := range calls {
		t.Run(name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					reply(w, 503, "")
					return
				}
				reply(w, 200, `{}`)
			})
			c := newAccessTokenClient(t, api.URL())
			if err := call(t.Context(), c); err != nil {
				t.Fatalf("call: %v", err)
			}
			if n := api.count(); n != 2 {
				t.Errorf("%d requests, want 2", n)
			}
		})
	}
}

func TestAPIKeyRolesList(t *testing.T) {
	want := []string{"ProjectEditor", "ProjectViewer", "ControlPlaneEditor", "ControlPlaneViewer", "DataPlaneEditor", "DataPlaneViewer"}
	if !reflect.DeepEqual(APIKeyRoles, want) {
		t.Errorf("APIKeyRoles = %v, want %v", APIKeyRoles, want)
	}
}

package client

import (
	"context"
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// JSON as the admin API 2026-07 answers it (TS client 9.0.0 models
// ServiceAccount, ServiceAccountWithSecret, RoleBinding, Invite, User).
const (
	saID      = "5a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d"
	bindingID = "7b8c9d0e-1f2a-4b3c-8d4e-5f6a7b8c9d0e"
	inviteID  = "1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f"
	userID    = "2d3e4f5a-6b7c-4d8e-9f0a-1b2c3d4e5f6a"

	saExample = `{"id":"` + saID + `","name":"ci","client_id":"cid-123","created_at":"2026-08-01T10:00:00Z",` +
		`"updated_at":"2026-08-02T10:00:00Z"}`
	saWithSecretExample = `{"service_account":` + saExample + `,"client_secret":"SA-SECRET-VALUE"}`
	bindingExample      = `{"id":"` + bindingID + `","principal_type":"service_account","principal_id":"` + saID + `",` +
		`"resource_type":"project","resource_id":"` + projectID + `","role":"ProjectOwner","created_at":"2026-08-01T10:00:00Z"}`
	inviteExample = `{"id":"` + inviteID + `","email":"dev@example.com","status":"pending",` +
		`"expires_at":"2026-08-08T10:00:00Z","processed_at":null,"created_at":"2026-08-01T10:00:00Z"}`
	userExample = `{"id":"` + userID + `","email":"dev@example.com"}`
)

var (
	wantSA      = ServiceAccount{ID: saID, Name: "ci", ClientID: "cid-123", CreatedAt: "2026-08-01T10:00:00Z", UpdatedAt: "2026-08-02T10:00:00Z"}
	wantBinding = RoleBinding{
		ID: bindingID, PrincipalType: PrincipalServiceAccount, PrincipalID: saID, ResourceType: ScopeProject,
		ResourceID: projectID, Role: "ProjectOwner", CreatedAt: "2026-08-01T10:00:00Z",
	}
	wantInvite = Invite{
		ID: inviteID, Email: "dev@example.com", Status: InvitePending, ExpiresAt: ptr("2026-08-08T10:00:00Z"),
		CreatedAt: "2026-08-01T10:00:00Z",
	}
)

func accessWireCases() []adminWireCall {
	return []adminWireCall{
		{
			name: "CreateServiceAccount with a project role",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateServiceAccount(ctx, CreateServiceAccountRequest{Name: "ci", RoleBindings: []RoleBindingInput{
					{ResourceType: ScopeProject, ResourceID: projectID, Role: "ProjectOwner"},
					{ResourceType: ScopeOrganization, Role: "OrgMember"},
				}})
			},
			status: 201, respBody: saWithSecretExample, method: "POST", uri: "/admin/service-accounts",
			body: `{"name":"ci","role_bindings":[{"resource_type":"project","resource_id":"` + projectID + `","role":"ProjectOwner"},` +
				`{"resource_type":"organization","role":"OrgMember"}]}`,
			want: &ServiceAccountWithSecret{ServiceAccount: wantSA, ClientSecret: "SA-SECRET-VALUE"},
		},
		{
			name: "CreateServiceAccount name only",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateServiceAccount(ctx, CreateServiceAccountRequest{Name: "ci"})
			},
			status: 201, respBody: saWithSecretExample, method: "POST", uri: "/admin/service-accounts",
			body: `{"name":"ci"}`,
			want: &ServiceAccountWithSecret{ServiceAccount: wantSA, ClientSecret: "SA-SECRET-VALUE"},
		},
		{
			name:   "DescribeServiceAccount",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeServiceAccount(ctx, saID) },
			status: 200, respBody: saExample, method: "GET", uri: "/admin/service-accounts/" + saID,
			want: &wantSA,
		},
		{
			name: "UpdateServiceAccount",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.UpdateServiceAccount(ctx, saID, UpdateServiceAccountRequest{Name: ptr("ci")})
			},
			status: 200, respBody: saExample, method: "PATCH", uri: "/admin/service-accounts/" + saID,
			body: `{"name":"ci"}`, want: &wantSA,
		},
		{
			name:   "RotateServiceAccountSecret",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.RotateServiceAccountSecret(ctx, saID) },
			status: 200, respBody: saWithSecretExample, method: "POST", uri: "/admin/service-accounts/" + saID + "/rotate-secret",
			want: &ServiceAccountWithSecret{ServiceAccount: wantSA, ClientSecret: "SA-SECRET-VALUE"},
		},
		{
			name:   "DeleteServiceAccount",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteServiceAccount(ctx, saID) },
			status: 202, method: "DELETE", uri: "/admin/service-accounts/" + saID,
		},
		{
			name:   "ListServiceAccounts",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ListServiceAccounts(ctx) },
			status: 200, respBody: `{"data":[` + saExample + `],"pagination":null}`,
			method: "GET", uri: "/admin/service-accounts?limit=100", want: []ServiceAccount{wantSA},
		},
		{
			name: "CreateRoleBinding project scope",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateRoleBinding(ctx, CreateRoleBindingRequest{
					PrincipalType: PrincipalServiceAccount, PrincipalID: saID, ResourceType: ScopeProject, ResourceID: projectID, Role: "ProjectOwner",
				})
			},
			status: 200, respBody: bindingExample, method: "POST", uri: "/admin/role-bindings",
			body: `{"principal_type":"service_account","principal_id":"` + saID + `","resource_type":"project",` +
				`"resource_id":"` + projectID + `","role":"ProjectOwner"}`,
			want: &wantBinding,
		},
		{
			name: "CreateRoleBinding organization scope omits resource_id",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateRoleBinding(ctx, CreateRoleBindingRequest{
					PrincipalType: PrincipalUser, PrincipalID: userID, ResourceType: ScopeOrganization, Role: "OrgMember",
				})
			},
			status: 200, respBody: bindingExample, method: "POST", uri: "/admin/role-bindings",
			body: `{"principal_type":"user","principal_id":"` + userID + `","resource_type":"organization","role":"OrgMember"}`,
			want: &wantBinding,
		},
		{
			name:   "DescribeRoleBinding",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeRoleBinding(ctx, bindingID) },
			status: 200, respBody: bindingExample, method: "GET", uri: "/admin/role-bindings/" + bindingID, want: &wantBinding,
		},
		{
			name:   "DeleteRoleBinding",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteRoleBinding(ctx, bindingID) },
			status: 202, method: "DELETE", uri: "/admin/role-bindings/" + bindingID,
		},
		{
			name: "ListRoleBindings with filters",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.ListRoleBindings(ctx, RoleBindingFilter{PrincipalType: PrincipalServiceAccount, PrincipalID: saID, Role: "ProjectOwner"})
			},
			status: 200, respBody: `{"data":[` + bindingExample + `]}`, method: "GET",
			uri:  "/admin/role-bindings?limit=100&principal_id=" + saID + "&principal_type=service_account&role=ProjectOwner",
			want: []RoleBinding{wantBinding},
		},
		{
			name: "CreateInvite",
			call: func(ctx context.Context, c *Client) (any, error) {
				return c.CreateInvite(ctx, CreateInviteRequest{Email: "dev@example.com", RoleBindings: []RoleBindingInput{
					{ResourceType: ScopeOrganization, Role: "OrgMember"},
				}})
			},
			status: 200, respBody: inviteExample, method: "POST", uri: "/admin/invites",
			body: `{"email":"dev@example.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`,
			want: &wantInvite,
		},
		{
			name:   "DescribeInvite",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeInvite(ctx, inviteID) },
			status: 200, respBody: inviteExample, method: "GET", uri: "/admin/invites/" + inviteID, want: &wantInvite,
		},
		{
			name:   "ResendInvite",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ResendInvite(ctx, inviteID) },
			status: 200, respBody: inviteExample, method: "POST", uri: "/admin/invites/" + inviteID + "/resend", want: &wantInvite,
		},
		{
			name:   "DeleteInvite",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteInvite(ctx, inviteID) },
			status: 202, method: "DELETE", uri: "/admin/invites/" + inviteID,
		},
		{
			name:   "ListInvites",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ListInvites(ctx) },
			status: 200, respBody: `{"data":[` + inviteExample + `]}`, method: "GET", uri: "/admin/invites?limit=100",
			want: []Invite{wantInvite},
		},
		{
			name:   "DescribeUser",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.DescribeUser(ctx, userID) },
			status: 200, respBody: userExample, method: "GET", uri: "/admin/users/" + userID,
			want: &User{ID: userID, Email: "dev@example.com"},
		},
		{
			name:   "DeleteUser",
			call:   func(ctx context.Context, c *Client) (any, error) { return nil, c.DeleteUser(ctx, userID) },
			status: 202, method: "DELETE", uri: "/admin/users/" + userID,
		},
		{
			name:   "ListUsers by email",
			call:   func(ctx context.Context, c *Client) (any, error) { return c.ListUsers(ctx, "dev+x@example.com") },
			status: 200, respBody: `{"data":[` + userExample + `,{"id":"u2","email":"b@example.com","name":"Bea"}]}`,
			method: "GET", uri: "/admin/users?email=dev%2Bx%40example.com&limit=100",
			want: []User{{ID: userID, Email: "dev@example.com"}, {ID: "u2", Email: "b@example.com", Name: "Bea"}},
		},
	}
}

func TestAccessCallsOnTheWire(t *testing.T) {
	for _, tc := range accessWireCases() {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, tc.status, tc.respBody) })
			c := newAccessTokenClient(t, api.URL())
			got, err := tc.call(t.Context(), c)
			if err != nil {
				t.Fatalf("call: %v", err)
			}
			checkAdminWire(t, tc, api.only(t))
			if tc.want != nil && !reflect.DeepEqual(got, tc.want) {
				t.Errorf("decoded %#v\nwant    %#v", got, tc.want)
			}
		})
	}
}

// The access endpoints exist only at 2026-07: a client pinned to an older
// version still sends 2026-07 for them.
func TestAccessCallsSend202607FromAnOlderClient(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, saExample) })
	c := newTestClient(t, api.URL(), func(o *Options) { o.AccessToken = adminToken; o.APIVersion = LegacyAPIVersion })
	if _, err := c.DescribeServiceAccount(t.Context(), saID); err != nil {
		t.Fatal(err)
	}
	if v := api.only(t).Header.Get("X-Pinecone-Api-Version"); v != "2026-07" {
		t.Errorf("X-Pinecone-Api-Version = %q, want 2026-07", v)
	}
}

func TestAccessListsFollowPagination(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 200, `{"data":[`+userExample+`],"pagination":{"next":"tok2"}}`)
			return
		}
		reply(w, 200, `{"data":[{"id":"u2","email":"b@example.com"}],"pagination":null}`)
	})
	c := newAccessTokenClient(t, api.URL())
	users, err := c.ListUsers(t.Context(), "")
	if err != nil {
		t.Fatal(err)
	}
	if len(users) != 2 || users[1].ID != "u2" {
		t.Errorf("users = %#v", users)
	}
	if got := api.requests()[1].RequestURI; got != "/admin/users?limit=100&paginationToken=tok2" {
		t.Errorf("second page requested as %q", got)
	}
}

// A 403 PERMISSION_DENIED is told apart from other 403s, and says whose
// credentials were refused without repeating any secret.
func TestPermissionDeniedIsClassified(t *testing.T) {
	cases := []struct {
		name          string
		code          string
		admin         bool
		wantDenied    bool
		wantPrincipal string
	}{
		{"admin, permission", "PERMISSION_DENIED", true, true, `service account "cid-perm"`},
		{"api key, permission", "PERMISSION_DENIED", false, true, "the API key"},
		{"api key, deletion protection", "FORBIDDEN", false, false, "the API key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tokens := newTokenServer(t)
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				reply(w, 403, pineconeError(403, tc.code, "missing permission"))
			})
			c := newServiceAccountClient(t, api.URL(), tokens, "cid-perm")
			var err error
			if tc.admin {
				_, err = c.CreateProject(t.Context(), CreateProjectRequest{Name: "p"})
			} else {
				_, err = c.DescribeIndex(t.Context(), "idx")
			}
			if !errors.Is(err, ErrForbidden) || errors.Is(err, ErrPermissionDenied) != tc.wantDenied {
				t.Fatalf("err = %v: ErrForbidden %v, ErrPermissionDenied %v (want %v)",
					err, errors.Is(err, ErrForbidden), errors.Is(err, ErrPermissionDenied), tc.wantDenied)
			}
			apiErr, _ := AsAPIError(err)
			if apiErr.Principal != tc.wantPrincipal {
				t.Errorf("Principal = %q, want %q", apiErr.Principal, tc.wantPrincipal)
			}
			if strings.Contains(err.Error(), testAPIKey) || strings.Contains(apiErr.Principal, "secret") {
				t.Errorf("error repeats a secret: %v / %q", err, apiErr.Principal)
			}
		})
	}
}

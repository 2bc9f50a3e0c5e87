package emulator

import (
	"errors"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"
)

// Request bodies below are written after the spec's examples
// (admin_2026-07.oas.yaml: create_service_account, create_role_binding,
// create_invite) and the TS client 9.0.0's models, in snake_case.

// longTTL keeps tokens alive in tests that move the clock by days.
const longTTL = 30 * 24 * time.Hour

var (
	clientIDRe     = regexp.MustCompile(`^[A-Za-z0-9]{32}$`)
	clientSecretRe = regexp.MustCompile(`^[A-Za-z0-9_-]{64}$`)
)

// admin7 sends an admin request at API 2026-07, where the access endpoints
// live.
func (e *testEnv) admin7(tok, method, path, body string) response {
	e.t.Helper()
	return e.admin(tok, method, path, body, headerAPIVersion, apiVersion2026_07)
}

// tokenFor gets an access token with a service account's credentials.
func (e *testEnv) tokenFor(clientID, secret string) response {
	e.t.Helper()
	return e.tokenRequest(`{"client_id":"` + clientID + `","client_secret":"` + secret +
		`","grant_type":"client_credentials","audience":"https://api.pinecone.io/"}`)
}

// serviceAccount creates a service account and returns its id, client_id,
// secret and a token for it.
type saCreds struct{ id, clientID, secret, token string }

func (e *testEnv) newServiceAccount(tok, body string) saCreds {
	e.t.Helper()
	b := e.admin7(tok, "POST", "/admin/service-accounts", body).must(e.t, http.StatusCreated)
	c := saCreds{
		id:       dig(b, "service_account", "id").(string),
		clientID: dig(b, "service_account", "client_id").(string),
		secret:   b["client_secret"].(string),
	}
	tb := e.tokenFor(c.clientID, c.secret).must(e.t, http.StatusOK)
	c.token = tb["access_token"].(string)
	return c
}

// orgID returns the organization's id.
func (e *testEnv) orgID() string {
	e.t.Helper()
	e.srv.mu.Lock()
	defer e.srv.mu.Unlock()
	return e.srv.org.id
}

// bindingIDs lists the ids of the role bindings a filter query returns.
func (e *testEnv) bindings(tok, query string) []map[string]any {
	e.t.Helper()
	return listData(e.t, e.admin7(tok, "GET", "/admin/role-bindings?"+query, ""))
}

func TestAccessEndpointsNeed2026_07(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for _, p := range []string{"/admin/service-accounts", "/admin/role-bindings", "/admin/invites", "/admin/users"} {
		e.admin(tok, "GET", p, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "exist from 2026-07 on")
		e.admin(tok, "GET", p, "", headerAPIVersion, apiVersion2026_04).wantError(t, http.StatusNotFound, "NOT_FOUND", "2026-04")
		e.admin7(tok, "GET", p, "").must(t, http.StatusOK)
	}
	// Still Bearer-only: an Api-Key is 401.
	e.do("GET", "/admin/users", "", headerAPIVersion, apiVersion2026_07).wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")
}

func TestBootstrapServiceAccountsHoldOrgOwner(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	sas := listData(t, e.admin7(tok, "GET", "/admin/service-accounts", ""))
	if len(sas) != 1 || sas[0]["name"] != BootstrapServiceAccountName || sas[0]["client_id"] != DefaultClientID {
		t.Fatalf("service accounts = %v", sas)
	}
	if has(sas[0], "client_secret") {
		t.Error("the list shows a secret")
	}
	rb := e.bindings(tok, "principal_type=service_account&principal_id="+sas[0]["id"].(string))
	if len(rb) != 1 || rb[0]["role"] != "OrgOwner" || rb[0]["resource_type"] != "organization" || rb[0]["resource_id"] != e.orgID() {
		t.Errorf("bootstrap bindings = %v", rb)
	}

	e2 := newEnv(t, Options{ServiceAccounts: map[string]string{"zeta": "s2", "alpha": "s1"}})
	tok2 := e2.tokenFor("zeta", "s2").must(t, http.StatusOK)["access_token"].(string)
	sas = listData(t, e2.admin7(tok2, "GET", "/admin/service-accounts", ""))
	if len(sas) != 2 || sas[0]["client_id"] != "alpha" || sas[0]["name"] != "emulator-bootstrap" ||
		sas[1]["client_id"] != "zeta" || sas[1]["name"] != "emulator-bootstrap-2" {
		t.Errorf("configured service accounts = %v", sas)
	}
}

func TestServiceAccountLifecycle(t *testing.T) {
	e := newEnv(t, Options{TokenTTL: longTTL})
	tok := e.token()
	r := e.admin7(tok, "POST", "/admin/service-accounts", `{"name":"ci-prod"}`)
	b := r.must(t, http.StatusCreated)
	if got := keyOrder(t, r.raw); !jsonEqual(got, []string{"service_account", "client_secret"}) {
		t.Errorf("keys = %v", got)
	}
	sa := b["service_account"].(map[string]any)
	id := sa["id"].(string)
	clientID, secret := sa["client_id"].(string), b["client_secret"].(string)
	if !uuidRe.MatchString(id) || !clientIDRe.MatchString(clientID) || !clientSecretRe.MatchString(secret) {
		t.Fatalf("created %s", r.raw)
	}
	wantField(t, b, "ci-prod", "service_account", "name")
	wantField(t, b, "2026-03-01T12:00:00Z", "service_account", "created_at")
	wantField(t, b, "2026-03-01T12:00:00Z", "service_account", "updated_at")

	// The secret is never shown again.
	got := e.admin7(tok, "GET", "/admin/service-accounts/"+id, "")
	if got.must(t, http.StatusOK); strings.Contains(got.raw, secret) || has(got.body, "client_secret") {
		t.Errorf("describe shows the secret: %s", got.raw)
	}
	if !jsonEqual(got.body, sa) {
		t.Errorf("describe = %v, want %v", got.body, sa)
	}
	if l := e.admin7(tok, "GET", "/admin/service-accounts", ""); strings.Contains(l.raw, secret) {
		t.Error("the list shows the secret")
	}
	// No role bindings were asked for, and none exist.
	if rb := e.bindings(tok, "principal_type=service_account&principal_id="+id); len(rb) != 0 {
		t.Errorf("bindings = %v", rb)
	}

	// The credentials work at once.
	oldTok := e.tokenFor(clientID, secret).must(t, http.StatusOK)["access_token"].(string)
	e.admin7(oldTok, "GET", "/admin/organizations", "").must(t, http.StatusOK)

	e.clock.Advance(time.Hour)
	p := e.admin7(tok, "PATCH", "/admin/service-accounts/"+id, `{"name":"ci-prod-renamed"}`).must(t, http.StatusOK)
	wantField(t, p, "ci-prod-renamed", "name")
	wantField(t, p, "2026-03-01T13:00:00Z", "updated_at")
	wantField(t, p, "2026-03-01T12:00:00Z", "created_at")
	wantField(t, e.admin7(tok, "PATCH", "/admin/service-accounts/"+id, `{}`).must(t, http.StatusOK), "ci-prod-renamed", "name")

	// Rotation: the old secret and its tokens fail at once; the new one works.
	rot := e.admin7(tok, "POST", "/admin/service-accounts/"+id+"/rotate-secret", "").must(t, http.StatusOK)
	newSecret := rot["client_secret"].(string)
	if newSecret == secret || !clientSecretRe.MatchString(newSecret) {
		t.Fatalf("rotated secret %q", newSecret)
	}
	wantField(t, rot, clientID, "service_account", "client_id")
	e.tokenFor(clientID, secret).wantOAuthError(t, http.StatusUnauthorized, "access_denied", "Unauthorized")
	e.admin7(oldTok, "GET", "/admin/organizations", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid access token.")
	newTok := e.tokenFor(clientID, newSecret).must(t, http.StatusOK)["access_token"].(string)
	e.admin7(newTok, "GET", "/admin/organizations", "").must(t, http.StatusOK)

	// Delete: gone with its bindings and tokens.
	e.admin7(tok, "POST", "/admin/role-bindings", `{"principal_type":"service_account","principal_id":"`+id+
		`","resource_type":"project","resource_id":"`+e.srv.DefaultProjectID()+`","role":"ProjectViewer"}`).must(t, http.StatusOK)
	d := e.admin7(tok, "DELETE", "/admin/service-accounts/"+id, "")
	if d.must(t, http.StatusAccepted); d.raw != "" {
		t.Errorf("DELETE answered a body: %q", d.raw)
	}
	e.admin7(tok, "GET", "/admin/service-accounts/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Service account "+id+" not found.")
	e.admin7(tok, "DELETE", "/admin/service-accounts/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.admin7(newTok, "GET", "/admin/organizations", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "")
	e.tokenFor(clientID, newSecret).wantOAuthError(t, http.StatusUnauthorized, "access_denied", "Unauthorized")
	if rb := e.bindings(tok, "principal_type=service_account&principal_id="+id); len(rb) != 0 {
		t.Errorf("bindings left = %v", rb)
	}
}

func TestServiceAccountValidation(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	cases := []struct {
		body, code, msg string
		status          int
	}{
		{`{}`, "UNPROCESSABLE_ENTITY", "missing field `name`", 422},
		{`{"name":7}`, "UNPROCESSABLE_ENTITY", "name", 422},
		{`{"name":""}`, "INVALID_ARGUMENT", "between 1 and 80", 400},
		{`{"name":"` + strings.Repeat("n", 81) + `"}`, "INVALID_ARGUMENT", "between 1 and 80", 400},
		{`{"name":"a","role_bindings":[{"role":"OrgMember"}]}`, "UNPROCESSABLE_ENTITY", "missing field `resource_type`", 422},
		{`{"name":"a","role_bindings":[{"resource_type":"organization","role":"Admin"}]}`, "INVALID_ARGUMENT", `role_bindings[0]: Invalid role "Admin"`, 400},
		{`{"name":"a","role_bindings":[{"resource_type":"team","role":"OrgMember"}]}`, "INVALID_ARGUMENT", "resource_type", 400},
		{`{"name":"a","role_bindings":[{"resource_type":"project","role":"OrgMember","resource_id":"` + proj + `"}]}`, "INVALID_ARGUMENT", "cannot be bound at project scope", 400},
		{`{"name":"a","role_bindings":[{"resource_type":"organization","role":"ProjectOwner"}]}`, "INVALID_ARGUMENT", "cannot be bound at organization scope", 400},
		{`{"name":"a","role_bindings":[{"resource_type":"project","role":"ProjectOwner"}]}`, "INVALID_ARGUMENT", "resource_id is required", 400},
		{`{"name":"a","role_bindings":[{"resource_type":"project","role":"ProjectOwner","resource_id":"p1"}]}`, "INVALID_ARGUMENT", "must be a project UUID", 400},
		{`{"name":"a","role_bindings":[{"resource_type":"project","role":"ProjectOwner","resource_id":"00000000-0000-4000-8000-000000000000"}]}`, "NOT_FOUND", "Project 00000000-0000-4000-8000-000000000000 not found.", 404},
		{`{"name":"a","role_bindings":[{"resource_type":"organization","role":"OrgMember","resource_id":"org-other"}]}`, "INVALID_ARGUMENT", "must be omitted", 400},
	}
	for _, c := range cases {
		e.admin7(tok, "POST", "/admin/service-accounts", c.body).wantError(t, c.status, c.code, c.msg)
	}
	if n := len(listData(t, e.admin7(tok, "GET", "/admin/service-accounts", ""))); n != 1 {
		t.Errorf("failed creates left %d service accounts", n)
	}
	e.admin7(tok, "GET", "/admin/service-accounts/nope", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "must be a UUID")
	e.admin7(tok, "PATCH", "/admin/service-accounts/00000000-0000-4000-8000-000000000000", `{"name":"x"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.admin7(tok, "POST", "/admin/service-accounts/00000000-0000-4000-8000-000000000000/rotate-secret", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	// Initial bindings are made, repeats once; the organization's id is accepted as an org resource_id.
	c := e.newServiceAccount(tok, `{"name":"org-automation","role_bindings":[{"resource_type":"organization","role":"OrgManager"},`+
		`{"resource_type":"organization","role":"OrgManager","resource_id":"`+e.orgID()+`"},`+
		`{"resource_type":"project","resource_id":"`+proj+`","role":"DataPlaneEditor"}]}`)
	rb := e.bindings(tok, "principal_type=service_account&principal_id="+c.id)
	if len(rb) != 2 || rb[0]["role"] != "OrgManager" || rb[1]["role"] != "DataPlaneEditor" || rb[1]["resource_id"] != proj {
		t.Errorf("initial bindings = %v", rb)
	}
}

func TestAdminListPagination(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for _, n := range []string{"a", "b", "c"} {
		e.newServiceAccount(tok, `{"name":"`+n+`"}`)
	}
	all := e.admin7(tok, "GET", "/admin/service-accounts", "")
	if all.must(t, http.StatusOK); !strings.Contains(all.raw, `"pagination":null`) || len(listData(t, all)) != 4 {
		t.Fatalf("full list = %s", all.raw)
	}
	p1 := e.admin7(tok, "GET", "/admin/service-accounts?limit=3", "").must(t, http.StatusOK)
	next, _ := dig(p1, "pagination", "next").(string)
	if len(p1["data"].([]any)) != 3 || next == "" {
		t.Fatalf("first page = %v", p1)
	}
	p2 := e.admin7(tok, "GET", "/admin/service-accounts?limit=3&paginationToken="+url.QueryEscape(next), "").must(t, http.StatusOK)
	if d := p2["data"].([]any); len(d) != 1 || dig(d[0], "name") != "c" || p2["pagination"] != nil {
		t.Errorf("second page = %v", p2)
	}
	// The token belongs to its query context (list, filters, limit).
	e.admin7(tok, "GET", "/admin/service-accounts?limit=2&paginationToken="+url.QueryEscape(next), "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "pagination token")
	e.admin7(tok, "GET", "/admin/users?limit=3&paginationToken="+url.QueryEscape(next), "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "pagination token")
	for _, l := range []string{"0", "101", "-1"} {
		e.admin7(tok, "GET", "/admin/role-bindings?limit="+l, "").wantError(t, http.StatusBadRequest, "OUT_OF_RANGE", "between 1 and 100")
	}
	e.admin7(tok, "GET", "/admin/invites?limit=x", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "integer")
}

func TestRoleBindingCreateAndFilters(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	sa := e.newServiceAccount(tok, `{"name":"ci"}`)
	body := `{"principal_id":"` + sa.id + `","principal_type":"service_account","resource_id":"` + proj + `","resource_type":"project","role":"DataPlaneEditor"}`
	r := e.admin7(tok, "POST", "/admin/role-bindings", body)
	b := r.must(t, http.StatusOK)
	if got := keyOrder(t, r.raw); !jsonEqual(got, []string{"id", "principal_type", "principal_id", "resource_type", "resource_id", "role", "created_at"}) {
		t.Errorf("keys = %v", got)
	}
	id := b["id"].(string)
	if !uuidRe.MatchString(id) {
		t.Fatalf("id %q", id)
	}
	wantField(t, b, sa.id, "principal_id")
	wantField(t, b, "2026-03-01T12:00:00Z", "created_at")
	if !jsonEqual(e.admin7(tok, "GET", "/admin/role-bindings/"+id, "").must(t, http.StatusOK), b) {
		t.Error("describe differs from the create answer")
	}
	e.admin7(tok, "POST", "/admin/role-bindings", body).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "A role binding with these attributes already exists.")

	// Organization scope: resource_id is the organization's id.
	org := e.admin7(tok, "POST", "/admin/role-bindings", `{"principal_type":"service_account","principal_id":"`+sa.id+
		`","resource_type":"organization","role":"OrgMember"}`).must(t, http.StatusOK)
	wantField(t, org, e.orgID(), "resource_id")

	// Filters combine with AND.
	filters := map[string]int{
		"":                               4, // owner user, bootstrap, and the two above
		"principal_type=service_account": 3,
		"principal_type=user":            1,
		"resource_type=project":          1,
		"resource_type=project&resource_id=" + proj:                                            1,
		"resource_type=organization&role=OrgOwner":                                             2,
		"role=OrgMember&principal_type=service_account&principal_id=" + strings.ToUpper(sa.id): 1,
		"role=ProjectOwner": 0,
	}
	for q, n := range filters {
		if got := e.bindings(tok, q); len(got) != n {
			t.Errorf("?%s: %d bindings, want %d: %v", q, len(got), n, got)
		}
	}
	e.admin7(tok, "GET", "/admin/role-bindings?principal_id="+sa.id, "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "principal_id requires principal_type")
	e.admin7(tok, "GET", "/admin/role-bindings?resource_id="+proj, "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "resource_id requires resource_type")
	e.admin7(tok, "GET", "/admin/role-bindings?principal_type=group", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "principal_type")
	e.admin7(tok, "GET", "/admin/role-bindings?role=Admin", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "role")

	d := e.admin7(tok, "DELETE", "/admin/role-bindings/"+id, "")
	if d.must(t, http.StatusAccepted); d.raw != "" {
		t.Errorf("DELETE answered a body: %q", d.raw)
	}
	e.admin7(tok, "GET", "/admin/role-bindings/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Role binding "+id+" not found.")
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.admin7(tok, "PATCH", "/admin/role-bindings/"+id, `{}`).wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
}

func TestRoleBindingValidation(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	other := e.createProject(tok, `{"name":"other"}`)
	keyID, _ := e.createKey(tok, proj, `{"name":"k"}`)
	owner := e.srv.DefaultOwnerUserID()
	missing := "00000000-0000-4000-8000-000000000000"
	bind := func(pt, pid, rt, rid, role string) string {
		s := `{"principal_type":"` + pt + `","principal_id":"` + pid + `","resource_type":"` + rt + `","role":"` + role + `"`
		if rid != "" {
			s += `,"resource_id":"` + rid + `"`
		}
		return s + "}"
	}
	cases := []struct {
		body   string
		status int
		code   string
		msg    string
	}{
		{`{"principal_type":"user","resource_type":"organization","role":"OrgMember"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `principal_id`"},
		{`{"principal_type":"user","principal_id":"` + owner + `","role":"OrgMember"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `resource_type`"},
		{bind("group", owner, "organization", "", "OrgMember"), 400, "INVALID_ARGUMENT", "principal_type"},
		{bind("user", "bob", "organization", "", "OrgMember"), 400, "INVALID_ARGUMENT", "principal_id"},
		{bind("user", missing, "organization", "", "OrgMember"), 404, "NOT_FOUND", "User " + missing + " not found."},
		{bind("service_account", missing, "organization", "", "OrgMember"), 404, "NOT_FOUND", "Service account"},
		{bind("api_key", missing, "project", proj, "ProjectViewer"), 404, "NOT_FOUND", "API Key"},
		{bind("invite", missing, "organization", "", "OrgMember"), 404, "NOT_FOUND", "Invite"},
		{bind("user", owner, "project", missing, "ProjectOwner"), 404, "NOT_FOUND", "Project " + missing + " not found."},
		{bind("user", owner, "project", proj, "OrgOwner"), 400, "INVALID_ARGUMENT", "cannot be bound at project scope"},
		{bind("api_key", keyID, "project", proj, "ProjectOwner"), 400, "INVALID_ARGUMENT", "API keys can't be assigned ProjectOwner"},
		{bind("api_key", keyID, "organization", "", "OrgMember"), 400, "INVALID_ARGUMENT", "API keys can't be assigned OrgMember"},
		{bind("api_key", keyID, "project", other, "ProjectViewer"), 400, "INVALID_ARGUMENT", "the project it belongs to"},
	}
	for _, c := range cases {
		e.admin7(tok, "POST", "/admin/role-bindings", c.body).wantError(t, c.status, c.code, c.msg)
	}
	// A key may get more roles in its own project; users any project role.
	e.admin7(tok, "POST", "/admin/role-bindings", bind("api_key", keyID, "project", proj, "ControlPlaneEditor")).must(t, http.StatusOK)
	e.admin7(tok, "POST", "/admin/role-bindings", bind("user", owner, "project", other, "ProjectMember")).must(t, http.StatusOK)

	// Deleting the key or the project takes their bindings along.
	e.admin7(tok, "DELETE", "/admin/api-keys/"+keyID, "").must(t, http.StatusAccepted)
	if rb := e.bindings(tok, "principal_type=api_key"); len(rb) != 0 {
		t.Errorf("key bindings left: %v", rb)
	}
	e.admin7(tok, "DELETE", "/admin/projects/"+other, "").must(t, http.StatusAccepted)
	if rb := e.bindings(tok, "resource_type=project"); len(rb) != 0 {
		t.Errorf("project bindings left: %v", rb)
	}
}

func TestOwnerAndMembershipInvariants(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	owner := e.srv.DefaultOwnerUserID()
	users := listData(t, e.admin7(tok, "GET", "/admin/users", ""))
	if len(users) != 1 || !jsonEqual(users[0], map[string]any{"id": owner, "email": DefaultOwnerEmail, "name": DefaultOwnerName}) {
		t.Fatalf("users = %v", users)
	}
	ob := e.bindings(tok, "principal_type=user&principal_id="+owner)
	if len(ob) != 1 || ob[0]["role"] != "OrgOwner" {
		t.Fatalf("owner bindings = %v", ob)
	}
	ownerBinding := ob[0]["id"].(string)
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+ownerBinding, "").wantError(t, http.StatusConflict, "ABORTED", "Cannot delete the last OrgOwner role binding for this organization.")
	e.admin7(tok, "DELETE", "/admin/users/"+owner, "").wantError(t, http.StatusConflict, "ABORTED", "Cannot delete the last OrgOwner role binding for this organization.")

	// A second owner joins; then the first may go, its bindings with it.
	inv := e.admin7(tok, "POST", "/admin/invites", `{"email":"second@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgOwner"}]}`).must(t, http.StatusOK)
	second, err := e.srv.AcceptInvite(inv["id"].(string))
	if err != nil {
		t.Fatal(err)
	}
	// The owner holds one organization role: dropping it would leave a member without membership.
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+ownerBinding, "").wantError(t, http.StatusConflict, "ABORTED", "Cannot delete the last organization-membership role binding for this user.")
	e.admin7(tok, "DELETE", "/admin/users/"+owner, "").must(t, http.StatusAccepted)
	e.admin7(tok, "GET", "/admin/users/"+owner, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "User "+owner+" not found.")
	if rb := e.bindings(tok, "principal_type=user&principal_id="+owner); len(rb) != 0 {
		t.Errorf("deleted user's bindings = %v", rb)
	}
	e.admin7(tok, "DELETE", "/admin/users/"+second, "").wantError(t, http.StatusConflict, "ABORTED", "last OrgOwner")

	// Service accounts may lose OrgOwner: users are the owners that count.
	bs := e.bindings(tok, "principal_type=service_account&role=OrgOwner")
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+bs[0]["id"].(string), "").must(t, http.StatusAccepted)
	e.admin7(tok, "GET", "/admin/users", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'users:list'")
}

func TestInviteLifecycle(t *testing.T) {
	e := newEnv(t, Options{TokenTTL: longTTL})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	r := e.admin7(tok, "POST", "/admin/invites", `{"email":"newhire@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"},`+
		`{"resource_id":"`+proj+`","resource_type":"project","role":"ProjectMember"}]}`)
	b := r.must(t, http.StatusOK)
	id := b["id"].(string)
	want := map[string]any{"id": id, "email": "newhire@acme.com", "status": "pending",
		"expires_at": "2026-03-08T12:00:00Z", "processed_at": nil, "created_at": "2026-03-01T12:00:00Z"}
	if !jsonEqual(b, want) {
		t.Errorf("invite = %s", r.raw)
	}
	if !strings.Contains(r.raw, `"processed_at":null`) {
		t.Errorf("processed_at is not null: %s", r.raw)
	}
	rb := e.bindings(tok, "principal_type=invite&principal_id="+id)
	if len(rb) != 2 || rb[0]["role"] != "OrgMember" || rb[1]["role"] != "ProjectMember" {
		t.Fatalf("invite bindings = %v", rb)
	}
	if l := listData(t, e.admin7(tok, "GET", "/admin/invites", "")); len(l) != 1 || !jsonEqual(l[0], want) {
		t.Errorf("invites = %v", l)
	}

	// The same email again, in any case, is 409 naming the invite; a member's email too.
	e.admin7(tok, "POST", "/admin/invites", `{"email":"NewHire@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", "A pending invite already exists for this email; its ID is "+id+".")
	e.admin7(tok, "POST", "/admin/invites", `{"email":"`+DefaultOwnerEmail+`","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", "This email already belongs to a member of the organization.")
	// The last membership binding of an unaccepted invite stays.
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+rb[0]["id"].(string), "").
		wantError(t, http.StatusConflict, "ABORTED", "Cannot delete the last organization-membership role binding for a pending invite; delete the invite instead.")
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+rb[1]["id"].(string), "").must(t, http.StatusAccepted)

	// Expiry runs on the clock; an expired invite still blocks its email and can be resent.
	e.clock.Advance(7 * 24 * time.Hour)
	wantField(t, e.admin7(tok, "GET", "/admin/invites/"+id, "").must(t, http.StatusOK), "expired", "status")
	if l := listData(t, e.admin7(tok, "GET", "/admin/invites", "")); len(l) != 1 || l[0]["status"] != "expired" {
		t.Errorf("invites after expiry = %v", l)
	}
	e.admin7(tok, "POST", "/admin/invites", `{"email":"newhire@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", id)
	if _, err := e.srv.AcceptInvite(id); !errors.Is(err, ErrInviteNotPending) {
		t.Errorf("accepting an expired invite: %v", err)
	}
	e.clock.Advance(time.Hour)
	res := e.admin7(tok, "POST", "/admin/invites/"+id+"/resend", "").must(t, http.StatusOK)
	wantField(t, res, "pending", "status")
	wantField(t, res, "2026-03-15T13:00:00Z", "expires_at")
	wantField(t, res, "2026-03-01T12:00:00Z", "created_at")

	d := e.admin7(tok, "DELETE", "/admin/invites/"+id, "")
	if d.must(t, http.StatusAccepted); d.raw != "" {
		t.Errorf("DELETE answered a body: %q", d.raw)
	}
	e.admin7(tok, "GET", "/admin/invites/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Invite "+id+" not found.")
	e.admin7(tok, "DELETE", "/admin/invites/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.admin7(tok, "POST", "/admin/invites/"+id+"/resend", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	if rb := e.bindings(tok, "principal_type=invite"); len(rb) != 0 {
		t.Errorf("bindings of the deleted invite: %v", rb)
	}
}

func TestInviteValidation(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	cases := []struct {
		body   string
		status int
		code   string
		msg    string
	}{
		{`{"role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`, 422, "UNPROCESSABLE_ENTITY", "missing field `email`"},
		{`{"email":"a@b.co"}`, 422, "UNPROCESSABLE_ENTITY", "missing field `role_bindings`"},
		{`{"email":"a@b.co","role_bindings":[{"resource_type":"organization"}]}`, 422, "UNPROCESSABLE_ENTITY", "missing field `role`"},
		{`{"email":"not-an-email","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`, 400, "INVALID_ARGUMENT", "email"},
		{`{"email":"Bob <b@b.co>","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`, 400, "INVALID_ARGUMENT", "email"},
		{`{"email":"a@b.co","role_bindings":[]}`, 400, "INVALID_ARGUMENT", "between 1 and 100"},
		{`{"email":"a@b.co","role_bindings":[{"resource_type":"project","resource_id":"` + proj + `","role":"ProjectMember"}]}`, 400, "INVALID_ARGUMENT", "must include an organization-scoped binding"},
		{`{"email":"a@b.co","role_bindings":[{"resource_type":"organization","role":"ProjectOwner"}]}`, 400, "INVALID_ARGUMENT", "cannot be bound"},
	}
	for _, c := range cases {
		e.admin7(tok, "POST", "/admin/invites", c.body).wantError(t, c.status, c.code, c.msg)
	}
	if l := listData(t, e.admin7(tok, "GET", "/admin/invites", "")); len(l) != 0 {
		t.Errorf("failed creates left invites: %v", l)
	}
	e.admin7(tok, "GET", "/admin/invites/x", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "must be a UUID")
}

func TestAcceptInviteRepointsBindings(t *testing.T) {
	e := newEnv(t, Options{TokenTTL: longTTL})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	inv := e.admin7(tok, "POST", "/admin/invites", `{"email":"dev@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"},`+
		`{"resource_id":"`+proj+`","resource_type":"project","role":"ProjectManager"}]}`).must(t, http.StatusOK)
	id := inv["id"].(string)
	before := e.bindings(tok, "principal_type=invite&principal_id="+id)

	e.clock.Advance(time.Hour)
	r := e.do("POST", "/_emulator/invites/"+id+"/accept", "", "Api-Key", "")
	userID, _ := r.must(t, http.StatusOK)["user_id"].(string)
	if !uuidRe.MatchString(userID) {
		t.Fatalf("accept answered %s", r.raw)
	}
	got := e.admin7(tok, "GET", "/admin/invites/"+id, "").must(t, http.StatusOK)
	wantField(t, got, "processed", "status")
	wantField(t, got, "2026-03-01T13:00:00Z", "processed_at")
	if l := listData(t, e.admin7(tok, "GET", "/admin/invites", "")); len(l) != 0 {
		t.Errorf("processed invite still listed: %v", l)
	}
	wantField(t, e.admin7(tok, "GET", "/admin/users/"+userID, "").must(t, http.StatusOK), "dev@acme.com", "email")
	if u := e.admin7(tok, "GET", "/admin/users/"+userID, ""); has(u.body, "name") {
		t.Errorf("a user without a name shows one: %s", u.raw)
	}

	// Same ids and created_at, now the user's.
	after := e.bindings(tok, "principal_type=user&principal_id="+userID)
	if len(after) != len(before) {
		t.Fatalf("bindings after = %v, before = %v", after, before)
	}
	for i := range before {
		want := before[i]
		want["principal_type"], want["principal_id"] = "user", userID
		if !jsonEqual(after[i], want) {
			t.Errorf("binding %d = %v, want %v", i, after[i], want)
		}
	}
	if rb := e.bindings(tok, "principal_type=invite"); len(rb) != 0 {
		t.Errorf("invite bindings left: %v", rb)
	}

	// An accepted invite can be neither resent, deleted, given bindings nor accepted again.
	e.admin7(tok, "POST", "/admin/invites/"+id+"/resend", "").wantError(t, http.StatusConflict, "ALREADY_EXISTS", "Invite has already been accepted and cannot be resent.")
	e.admin7(tok, "DELETE", "/admin/invites/"+id, "").wantError(t, http.StatusConflict, "ALREADY_EXISTS", "already been accepted")
	e.admin7(tok, "POST", "/admin/role-bindings", `{"principal_type":"invite","principal_id":"`+id+`","resource_type":"organization","role":"OrgManager"}`).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", "The invite has already been accepted; manage role bindings on the resulting user instead.")
	e.do("POST", "/_emulator/invites/"+id+"/accept", "").wantError(t, http.StatusConflict, "FAILED_PRECONDITION", "not pending")
	e.do("POST", "/_emulator/invites/00000000-0000-4000-8000-000000000000/accept", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("GET", "/_emulator/invites/"+id+"/accept", "").wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
	if _, err := e.srv.AcceptInvite("00000000-0000-4000-8000-000000000000"); !errors.Is(err, ErrInviteNotFound) {
		t.Errorf("unknown invite: %v", err)
	}

	// A user who left and is invited again is a new member; an existing email is reused by AcceptInvite.
	e.admin7(tok, "POST", "/admin/invites", `{"email":"dev@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).
		wantError(t, http.StatusConflict, "ALREADY_EXISTS", "already belongs to a member")
	e.admin7(tok, "DELETE", "/admin/users/"+userID, "").must(t, http.StatusAccepted)
	if rb := e.bindings(tok, "principal_id="+userID+"&principal_type=user"); len(rb) != 0 {
		t.Errorf("bindings of the deleted user: %v", rb)
	}
}

func TestUserListFilter(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for _, m := range []string{"b@acme.com", "c@acme.com"} {
		inv := e.admin7(tok, "POST", "/admin/invites", `{"email":"`+m+`","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).must(t, http.StatusOK)
		if _, err := e.srv.AcceptInvite(inv["id"].(string)); err != nil {
			t.Fatal(err)
		}
	}
	if l := listData(t, e.admin7(tok, "GET", "/admin/users", "")); len(l) != 3 || l[0]["email"] != DefaultOwnerEmail || l[2]["email"] != "c@acme.com" {
		t.Errorf("users = %v", l)
	}
	r := e.admin7(tok, "GET", "/admin/users?email=B@ACME.com", "")
	if l := listData(t, r); len(l) != 1 || l[0]["email"] != "b@acme.com" || !strings.Contains(r.raw, `"pagination":null`) {
		t.Errorf("filtered = %s", r.raw)
	}
	if l := listData(t, e.admin7(tok, "GET", "/admin/users?email=z@acme.com", "")); len(l) != 0 {
		t.Errorf("no match = %v", l)
	}
	e.admin7(tok, "GET", "/admin/users?email=nope", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "email")
	e.admin7(tok, "GET", "/admin/users/00000000-0000-4000-8000-000000000000", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
}

// TestAPIKeyRoleEnforcement: a viewer key describes but cannot create or
// delete, and nothing happens; a role binding widens a key's roles.
func TestAPIKeyRoleEnforcement(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	viewerID, viewer := e.createKey(tok, proj, `{"name":"viewer","roles":["ProjectViewer"]}`)
	as := func(key string) func(method, path, body string) response {
		return func(method, path, body string) response {
			t.Helper()
			return e.do(method, path, body, "Api-Key", key)
		}
	}
	v := as(viewer)
	v("GET", "/indexes", "").must(t, http.StatusOK)
	v("GET", "/indexes/s", "").must(t, http.StatusOK)
	v("GET", "/models", "").must(t, http.StatusOK)
	body := strings.Replace(bodyServerless, `"name":"s"`, `"name":"v"`, 1)
	v("POST", "/indexes", body).wantError(t, http.StatusForbidden, "PERMISSION_DENIED",
		"Permission denied: API key "+viewerID+" (roles: ProjectViewer) does not have the 'indexes:create' permission on project "+proj+".")
	v("DELETE", "/indexes/s", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'indexes:delete'")
	v("PATCH", "/indexes/s", `{"tags":{"a":"b"}}`).wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'indexes:configure'")
	// Refused before the body is read: a broken body is still 403.
	v("POST", "/indexes", `{`).wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "")
	e.do("GET", "/indexes/v", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	wantState(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), "Ready", true)

	// The data plane roles have no control plane at all; the model catalogue stays open.
	_, dp := e.createKey(tok, proj, `{"name":"dp","roles":["DataPlaneEditor","DataPlaneViewer"]}`)
	as(dp)("GET", "/indexes", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'indexes:list'")
	as(dp)("GET", "/assistant/assistants", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'assistants:list'")
	as(dp)("GET", "/models/llama-text-embed-v2", "").must(t, http.StatusOK)
	_, cpv := e.createKey(tok, proj, `{"name":"cpv","roles":["ControlPlaneViewer"]}`)
	as(cpv)("GET", "/backups", "").must(t, http.StatusOK)
	as(cpv)("POST", "/collections", `{"name":"c","source":"s"}`).wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'collections:create'")

	// A binding adds ControlPlaneEditor to the viewer key; deleting it takes it away.
	rb := e.admin7(tok, "POST", "/admin/role-bindings", `{"principal_type":"api_key","principal_id":"`+viewerID+
		`","resource_type":"project","resource_id":"`+proj+`","role":"ControlPlaneEditor"}`).must(t, http.StatusOK)
	v("POST", "/indexes", body).must(t, http.StatusCreated)
	e.admin7(tok, "DELETE", "/admin/role-bindings/"+rb["id"].(string), "").must(t, http.StatusAccepted)
	v("DELETE", "/indexes/v", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "")
	// PATCH of the key's roles applies to the next request.
	e.admin7(tok, "PATCH", "/admin/api-keys/"+viewerID, `{"roles":["ControlPlaneEditor"]}`).must(t, http.StatusOK)
	v("DELETE", "/indexes/v", "").must(t, http.StatusAccepted)
	// The default key keeps ProjectEditor's full power.
	e.do("POST", "/assistant/assistants", `{"name":"a"}`).must(t, http.StatusOK)
}

// TestServiceAccountRoleEnforcement: a service account with a project role
// works in that project only and cannot create projects; OrgOwner can do
// everything.
func TestServiceAccountRoleEnforcement(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	def := e.srv.DefaultProjectID()
	p := e.createProject(tok, `{"name":"team"}`)
	po := e.newServiceAccount(tok, `{"name":"team-owner","role_bindings":[{"resource_type":"project","resource_id":"`+p+`","role":"ProjectOwner"}]}`)

	e.admin7(po.token, "GET", "/admin/projects/"+p, "").must(t, http.StatusOK)
	e.admin7(po.token, "PATCH", "/admin/projects/"+p, `{"name":"team-2"}`).must(t, http.StatusOK)
	keyID, _ := e.createKey(po.token, p, `{"name":"k"}`)
	e.admin7(po.token, "GET", "/admin/api-keys/"+keyID, "").must(t, http.StatusOK)
	if l := listData(t, e.admin7(po.token, "GET", "/admin/projects", "")); len(l) != 1 || l[0]["id"] != p {
		t.Errorf("visible projects = %v", l)
	}
	e.admin7(po.token, "POST", "/admin/projects", `{"name":"mine"}`).wantError(t, http.StatusForbidden, "PERMISSION_DENIED",
		"Permission denied: service account "+po.id+" does not have the 'projects:create' permission on organization "+e.orgID()+".")
	e.admin7(po.token, "GET", "/admin/projects/"+def, "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED",
		"does not have the 'projects:describe' permission on project "+def+".")
	e.admin7(po.token, "GET", "/admin/projects/"+def+"/api-keys", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'api_keys:list'")
	e.admin7(po.token, "DELETE", "/admin/projects/"+def, "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'projects:delete'")
	e.admin7(po.token, "GET", "/admin/service-accounts", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'service_accounts:list'")
	e.admin7(po.token, "POST", "/admin/invites", `{"email":"x@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).
		wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'invites:create'")
	e.admin7(po.token, "PATCH", "/admin/organizations/"+e.orgID(), `{"name":"x"}`).wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'organization:update'")
	e.admin7(po.token, "GET", "/admin/organizations", "").must(t, http.StatusOK)

	// Role bindings: granted in its project, refused at the organization and elsewhere.
	owner := e.srv.DefaultOwnerUserID()
	e.admin7(po.token, "POST", "/admin/role-bindings", `{"principal_type":"user","principal_id":"`+owner+`","resource_type":"project","resource_id":"`+p+`","role":"ProjectMember"}`).
		must(t, http.StatusOK)
	e.admin7(po.token, "POST", "/admin/role-bindings", `{"principal_type":"service_account","principal_id":"`+po.id+`","resource_type":"organization","role":"OrgOwner"}`).
		wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'role_bindings:create' permission on organization")
	e.admin7(po.token, "POST", "/admin/role-bindings", `{"principal_type":"service_account","principal_id":"`+po.id+`","resource_type":"project","resource_id":"`+def+`","role":"ProjectOwner"}`).
		wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'role_bindings:create' permission on project "+def)
	// It sees only the bindings of its project.
	for _, rb := range e.bindings(po.token, "") {
		if rb["resource_id"] != p {
			t.Errorf("visible binding outside the project: %v", rb)
		}
	}
	orgBinding := e.bindings(tok, "principal_type=user&role=OrgOwner")[0]["id"].(string)
	e.admin7(po.token, "GET", "/admin/role-bindings/"+orgBinding, "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'role_bindings:describe'")

	// OrgOwner (the bootstrap account) may do all of it.
	e.admin7(tok, "GET", "/admin/projects/"+p, "").must(t, http.StatusOK)
	e.admin7(tok, "GET", "/admin/service-accounts", "").must(t, http.StatusOK)
	e.admin7(tok, "DELETE", "/admin/api-keys/"+keyID, "").must(t, http.StatusAccepted)

	// A service account without any binding sees no project and may change nothing.
	none := e.newServiceAccount(tok, `{"name":"none"}`)
	if l := listData(t, e.admin7(none.token, "GET", "/admin/projects", "")); len(l) != 0 {
		t.Errorf("projects without roles = %v", l)
	}
	e.admin7(none.token, "GET", "/admin/users", "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'users:list'")
}

func TestOrgMemberCreatesProjectAndOwnsIt(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	m := e.newServiceAccount(tok, `{"name":"member","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`)
	listData(t, e.admin7(m.token, "GET", "/admin/users", ""))
	id := e.createProject(m.token, `{"name":"own"}`)
	rb := e.bindings(tok, "principal_type=service_account&principal_id="+m.id+"&resource_type=project")
	if len(rb) != 1 || rb[0]["role"] != "ProjectOwner" || rb[0]["resource_id"] != id {
		t.Errorf("creator bindings = %v", rb)
	}
	if l := listData(t, e.admin7(m.token, "GET", "/admin/projects", "")); len(l) != 1 || l[0]["id"] != id {
		t.Errorf("member's projects = %v", l)
	}
	e.createKey(m.token, id, `{"name":"k"}`)
	e.admin7(m.token, "GET", "/admin/projects/"+e.srv.DefaultProjectID(), "").wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "")
	// An OrgOwner creating a project gets no extra binding.
	e.createProject(tok, `{"name":"by-owner"}`)
	if rb := e.bindings(tok, "resource_type=project&role=ProjectOwner"); len(rb) != 1 {
		t.Errorf("ProjectOwner bindings = %v", rb)
	}
}

func TestOrgManagerScope(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	def := e.srv.DefaultProjectID()
	mgr := e.newServiceAccount(tok, `{"name":"org-automation","role_bindings":[{"resource_type":"organization","role":"OrgManager"}]}`)
	e.admin7(mgr.token, "GET", "/admin/projects/"+def, "").must(t, http.StatusOK)
	p := e.createProject(mgr.token, `{"name":"m"}`)
	e.createKey(mgr.token, p, `{"name":"k"}`)
	ci := e.newServiceAccount(mgr.token, `{"name":"ci","role_bindings":[{"resource_type":"project","resource_id":"`+p+`","role":"ProjectEditor"}]}`)
	e.admin7(mgr.token, "POST", "/admin/service-accounts", `{"name":"x","role_bindings":[{"resource_type":"organization","role":"OrgOwner"}]}`).
		wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'role_bindings:create' permission on organization")
	e.admin7(mgr.token, "POST", "/admin/invites", `{"email":"x@acme.com","role_bindings":[{"resource_type":"organization","role":"OrgMember"}]}`).
		wantError(t, http.StatusForbidden, "PERMISSION_DENIED", "'invites:create'")
	e.admin7(mgr.token, "DELETE", "/admin/service-accounts/"+ci.id, "").must(t, http.StatusAccepted)
	if n := len(listData(t, e.admin7(mgr.token, "GET", "/admin/role-bindings", ""))); n < 3 {
		t.Errorf("OrgManager sees %d bindings", n)
	}
}

// TestEveryRouteHasAPermission keeps apiOps complete and adminRules free of
// typos: every API-key route has an operation, every admin route a rule or
// a reason in its handler.
func TestEveryRouteHasAPermission(t *testing.T) {
	s := New(Options{})
	checkedInHandler := map[string]bool{
		"GET " + routeProjects: true, "GET " + routeOrganizations: true, "GET " + routeOrganization: true,
		"GET " + routeRoleBindings: true, "POST " + routeRoleBindings: true,
	}
	seen := map[string]bool{}
	for _, rt := range s.routes {
		for m := range rt.methods {
			key := m + " " + rt.template
			seen[key] = true
			switch namespaceOf(rt.template) {
			case nsAPI:
				if _, ok := apiOps[key]; !ok {
					t.Errorf("%s has no apiOps entry", key)
				}
			case nsAdmin:
				if _, ok := adminRules[key]; !ok && !checkedInHandler[key] {
					t.Errorf("%s has no adminRules entry", key)
				}
			}
		}
	}
	for key := range apiOps {
		if !seen[key] {
			t.Errorf("apiOps names an unknown route %s", key)
		}
	}
	for key := range adminRules {
		if !seen[key] {
			t.Errorf("adminRules names an unknown route %s", key)
		}
	}
}

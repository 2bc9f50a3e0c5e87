package emulator

import (
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"
)

var (
	keyValueRe = regexp.MustCompile(`^pckey_[a-z2-7]{8}_[A-Z2-7]{52}$`)
	orgIDRe    = regexp.MustCompile(`^org-[a-z0-9]{20}$`)
)

// createProject creates a project with body and returns its id.
func (e *testEnv) createProject(tok, body string) string {
	e.t.Helper()
	b := e.admin(tok, "POST", "/admin/projects", body).must(e.t, http.StatusOK)
	id, _ := b["id"].(string)
	if !uuidRe.MatchString(id) {
		e.t.Fatalf("project id %q is not a UUID", id)
	}
	return id
}

// createKey creates an API key in a project and returns its id and value.
func (e *testEnv) createKey(tok, projectID, body string) (string, string) {
	e.t.Helper()
	b := e.admin(tok, "POST", "/admin/projects/"+projectID+"/api-keys", body).must(e.t, http.StatusOK)
	id, _ := dig(b, "key", "id").(string)
	value, _ := b["value"].(string)
	if !uuidRe.MatchString(id) || !keyValueRe.MatchString(value) {
		e.t.Fatalf("create key answered %v", b)
	}
	return id, value
}

// listData returns the data array of an admin list.
func listData(t *testing.T, r response) []map[string]any {
	t.Helper()
	b := r.must(t, http.StatusOK)
	raw, ok := b["data"].([]any)
	if !ok {
		t.Fatalf("no data array: %s", r.raw)
	}
	out := make([]map[string]any, len(raw))
	for i, v := range raw {
		out[i] = v.(map[string]any)
	}
	return out
}

func wantTimestamp(t *testing.T, v any) {
	t.Helper()
	s, _ := v.(string)
	if _, err := time.Parse(time.RFC3339, s); err != nil {
		t.Errorf("created_at %q is not RFC 3339", v)
	}
}

func TestDefaultProjectAndOrganization(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	orgs := listData(t, e.admin(tok, "GET", "/admin/organizations", ""))
	if len(orgs) != 1 {
		t.Fatalf("organizations = %v, want one", orgs)
	}
	org := orgs[0]
	if id, _ := org["id"].(string); !orgIDRe.MatchString(id) {
		t.Errorf("organization id %q, want org-<20 lowercase alnum>", id)
	}
	wantField(t, org, "Emulator Organization", "name")
	wantField(t, org, "Standard", "plan")
	wantField(t, org, "Active", "payment_status")
	wantField(t, org, "Developer", "support_tier")
	wantTimestamp(t, org["created_at"])

	projects := listData(t, e.admin(tok, "GET", "/admin/projects", ""))
	if len(projects) != 1 {
		t.Fatalf("projects = %v, want the default one", projects)
	}
	p := projects[0]
	want := map[string]any{
		"id": e.srv.DefaultProjectID(), "name": "Default Project", "max_pods": 50,
		"force_encryption_with_cmek": false, "organization_id": org["id"], "created_at": "2026-03-01T12:00:00Z",
	}
	if !jsonEqual(p, want) {
		t.Errorf("default project = %v, want %v", p, want)
	}
	if !uuidRe.MatchString(e.srv.DefaultProjectID()) {
		t.Errorf("DefaultProjectID() = %q, not a UUID", e.srv.DefaultProjectID())
	}
	// The default key is a key of the default project.
	keys := listData(t, e.admin(tok, "GET", "/admin/projects/"+e.srv.DefaultProjectID()+"/api-keys", ""))
	if len(keys) != 1 || keys[0]["name"] != "default" || keys[0]["project_id"] != e.srv.DefaultProjectID() ||
		!jsonEqual(keys[0]["roles"], []string{"ProjectEditor"}) {
		t.Errorf("default project keys = %v", keys)
	}

	named := newEnv(t, Options{OrganizationName: "Acme"})
	wantField(t, listData(t, named.admin(named.token(), "GET", "/admin/organizations", ""))[0], "Acme", "name")
}

func TestProjectLifecycle(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	r := e.admin(tok, "POST", "/admin/projects", `{"name":"team-a"}`)
	b := r.must(t, http.StatusOK)
	id := b["id"].(string)
	if !uuidRe.MatchString(id) || id == e.srv.DefaultProjectID() {
		t.Fatalf("new project id %q", id)
	}
	orgID := listData(t, e.admin(tok, "GET", "/admin/organizations", ""))[0]["id"]
	want := map[string]any{"id": id, "name": "team-a", "max_pods": 0, "force_encryption_with_cmek": false,
		"organization_id": orgID, "created_at": "2026-03-01T12:00:00Z"}
	if !jsonEqual(b, want) {
		t.Errorf("create answered %v, want %v", b, want)
	}
	if !jsonEqual(e.admin(tok, "GET", "/admin/projects/"+id, "").must(t, http.StatusOK), want) {
		t.Error("describe differs from the create answer")
	}
	// Ids are matched case-insensitively.
	e.admin(tok, "GET", "/admin/projects/"+strings.ToUpper(id), "").must(t, http.StatusOK)

	e.clock.Advance(time.Second)
	second := e.createProject(tok, `{"name":"team-b","max_pods":10,"force_encryption_with_cmek":true}`)
	var names []string
	for _, p := range listData(t, e.admin(tok, "GET", "/admin/projects", "")) {
		names = append(names, p["name"].(string))
	}
	if !jsonEqual(names, []string{"Default Project", "team-a", "team-b"}) {
		t.Errorf("project list = %v, want creation order", names)
	}
	b = e.admin(tok, "GET", "/admin/projects/"+second, "").must(t, http.StatusOK)
	wantField(t, b, 10, "max_pods")
	wantField(t, b, true, "force_encryption_with_cmek")
	wantField(t, b, "2026-03-01T12:00:01Z", "created_at")

	b = e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":"team-a2","max_pods":20}`).must(t, http.StatusOK)
	wantField(t, b, "team-a2", "name")
	wantField(t, b, 20, "max_pods")
	wantField(t, b, false, "force_encryption_with_cmek")
	// Absent and null fields stay.
	b = e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":null}`).must(t, http.StatusOK)
	wantField(t, b, "team-a2", "name")
	wantField(t, b, 20, "max_pods")
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{}`).must(t, http.StatusOK)
	wantField(t, e.admin(tok, "GET", "/admin/projects/"+id, "").must(t, http.StatusOK), "team-a2", "name")

	r = e.admin(tok, "DELETE", "/admin/projects/"+id, "")
	r.must(t, http.StatusAccepted)
	if r.raw != "" {
		t.Errorf("DELETE answered a body: %q", r.raw)
	}
	e.admin(tok, "GET", "/admin/projects/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Project "+id+" not found.")
	e.admin(tok, "DELETE", "/admin/projects/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Project "+id+" not found.")
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":"x"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "not found")
	if n := len(listData(t, e.admin(tok, "GET", "/admin/projects", ""))); n != 2 {
		t.Errorf("%d projects after the delete, want 2", n)
	}
}

func TestProjectValidation(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for _, c := range []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"missing name", `{"max_pods":1}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"null name", `{"name":null}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"name number", `{"name":7}`, 422, "UNPROCESSABLE_ENTITY", "target type: name: invalid type"},
		{"max_pods string", `{"name":"x","max_pods":"5"}`, 422, "UNPROCESSABLE_ENTITY", "target type: max_pods: invalid type"},
		{"max_pods float", `{"name":"x","max_pods":1.5}`, 422, "UNPROCESSABLE_ENTITY", "max_pods"},
		{"cmek string", `{"name":"x","force_encryption_with_cmek":"yes"}`, 422, "UNPROCESSABLE_ENTITY", "target type: force_encryption_with_cmek: invalid type"},
		{"not json", `{`, 422, "UNPROCESSABLE_ENTITY", "Failed to deserialize"},
		{"empty name", `{"name":""}`, 400, "INVALID_ARGUMENT", "between 1 and 512"},
		{"long name", `{"name":"` + strings.Repeat("n", 513) + `"}`, 400, "INVALID_ARGUMENT", "got 513"},
		{"negative max_pods", `{"name":"x","max_pods":-1}`, 400, "INVALID_ARGUMENT", "max_pods"},
		{"huge max_pods", `{"name":"x","max_pods":3000000000}`, 400, "INVALID_ARGUMENT", "max_pods"},
		{"taken name", `{"name":"Default Project"}`, 409, "ALREADY_EXISTS", "Default Project"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.admin(tok, "POST", "/admin/projects", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if n := len(listData(t, e.admin(tok, "GET", "/admin/projects", ""))); n != 1 {
		t.Errorf("refused creates made projects: %d", n)
	}
	// 512 characters, not bytes.
	e.createProject(tok, `{"name":"`+strings.Repeat("é", 512)+`"}`)

	id := e.createProject(tok, `{"name":"mine"}`)
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":"Default Project"}`).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "")
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":"mine"}`).must(t, http.StatusOK) // its own name
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":""}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"max_pods":-3}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "max_pods")
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"max_pods":"3"}`).wantError(t, http.StatusUnprocessableEntity, "UNPROCESSABLE_ENTITY", "max_pods")

	// Malformed ids are 400 everywhere.
	for _, c := range []struct{ method, path, body string }{
		{"GET", "/admin/projects/not-a-uuid", ""},
		{"PATCH", "/admin/projects/not-a-uuid", `{}`},
		{"DELETE", "/admin/projects/not-a-uuid", ""},
		{"GET", "/admin/projects/1234/api-keys", ""},
		{"POST", "/admin/projects/1234/api-keys", `{"name":"k"}`},
		{"GET", "/admin/api-keys/zzzzzzzz-zzzz-zzzz-zzzz-zzzzzzzzzzzz", ""},
		{"PATCH", "/admin/api-keys/x", `{}`},
		{"DELETE", "/admin/api-keys/x", ""},
	} {
		e.admin(tok, c.method, c.path, c.body).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "must be a UUID")
	}
	// A well-formed unknown id is 404.
	const unknown = "00000000-0000-4000-8000-000000000000"
	e.admin(tok, "GET", "/admin/projects/"+unknown, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Project "+unknown+" not found.")
	e.admin(tok, "GET", "/admin/projects/"+unknown+"/api-keys", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Project "+unknown+" not found.")
	e.admin(tok, "POST", "/admin/projects/"+unknown+"/api-keys", `{"name":"k"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "Project "+unknown+" not found.")
}

func TestProjectMaxPodsEcho(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	for i, c := range []struct {
		requested string
		want      int
	}{{"", 0}, {`,"max_pods":0`, 0}, {`,"max_pods":1`, 5}, {`,"max_pods":4`, 5}, {`,"max_pods":5`, 5}, {`,"max_pods":8`, 8}, {`,"max_pods":50`, 50}} {
		name := "p" + string(rune('a'+i))
		b := e.admin(tok, "POST", "/admin/projects", `{"name":"`+name+`"`+c.requested+`}`).must(t, http.StatusOK)
		wantField(t, b, c.want, "max_pods")
		wantField(t, e.admin(tok, "GET", "/admin/projects/"+b["id"].(string), "").must(t, http.StatusOK), c.want, "max_pods")
	}
	id := e.createProject(tok, `{"name":"patched"}`)
	wantField(t, e.admin(tok, "PATCH", "/admin/projects/"+id, `{"max_pods":2}`).must(t, http.StatusOK), 5, "max_pods")
	wantField(t, e.admin(tok, "PATCH", "/admin/projects/"+id, `{"max_pods":0}`).must(t, http.StatusOK), 0, "max_pods")
	wantField(t, e.admin(tok, "PATCH", "/admin/projects/"+id, `{"max_pods":12}`).must(t, http.StatusOK), 12, "max_pods")
}

func TestProjectCMEKCannotBeDisabled(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	id := e.createProject(tok, `{"name":"plain"}`)
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"force_encryption_with_cmek":false}`).must(t, http.StatusOK)
	wantField(t, e.admin(tok, "PATCH", "/admin/projects/"+id, `{"force_encryption_with_cmek":true}`).must(t, http.StatusOK),
		true, "force_encryption_with_cmek")
	// true -> true is fine; true -> false is refused, and nothing else in
	// that PATCH is applied.
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"force_encryption_with_cmek":true}`).must(t, http.StatusOK)
	e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":"renamed","force_encryption_with_cmek":false}`).
		wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "force_encryption_with_cmek cannot be disabled once enabled")
	b := e.admin(tok, "GET", "/admin/projects/"+id, "").must(t, http.StatusOK)
	wantField(t, b, true, "force_encryption_with_cmek")
	wantField(t, b, "plain", "name")
	// Leaving the field out keeps it on.
	wantField(t, e.admin(tok, "PATCH", "/admin/projects/"+id, `{"name":"renamed"}`).must(t, http.StatusOK), true, "force_encryption_with_cmek")

	born := e.createProject(tok, `{"name":"born-encrypted","force_encryption_with_cmek":true}`)
	e.admin(tok, "PATCH", "/admin/projects/"+born, `{"force_encryption_with_cmek":false}`).
		wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "cannot be disabled")
}

func TestProjectDeleteNeedsEmptyProject(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	tok := e.token()
	id := e.createProject(tok, `{"name":"busy","max_pods":5}`)
	keyID, key := e.createKey(tok, id, `{"name":"k"}`)
	as := func(method, path, body string) response { return e.do(method, path, body, "Api-Key", key) }
	del := func() response { return e.admin(tok, "DELETE", "/admin/projects/"+id, "") }
	gone := func() { e.clock.Advance(time.Minute) } // past DeleteDelay

	// An index.
	as("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "Project busy still has 1 index; delete it first.")
	// A Terminating index still counts, until it is gone.
	as("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "1 index")
	gone()

	// A collection (which outlives its pod index).
	as("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	as("POST", "/collections", bodyCollection).must(t, http.StatusCreated)
	as("DELETE", "/indexes/p", "").must(t, http.StatusAccepted)
	gone()
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "Project busy still has 1 collection; delete it first.")
	as("DELETE", "/collections/c", "").must(t, http.StatusAccepted)
	gone()

	// A backup (which outlives its index).
	as("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	bk := as("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)["backup_id"].(string)
	as("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	gone()
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "Project busy still has 1 backup; delete it first.")
	// A restore job alone does not block: restore, then delete the index and the backup.
	as("POST", "/backups/"+bk+"/create-index", `{"name":"r"}`).must(t, http.StatusAccepted)
	as("DELETE", "/indexes/r", "").must(t, http.StatusAccepted)
	as("DELETE", "/backups/"+bk, "").must(t, http.StatusAccepted)
	gone()

	// An assistant, Terminating included.
	as("POST", "/assistant/assistants", `{"name":"helper"}`).must(t, http.StatusOK)
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "Project busy still has 1 assistant; delete it first.")
	as("DELETE", "/assistant/assistants/helper", "").must(t, http.StatusOK)
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "1 assistant")
	gone()

	// Several kinds at once are all named.
	as("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	as("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	as("POST", "/assistant/assistants", `{"name":"helper"}`).must(t, http.StatusOK)
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "Project busy still has 2 indexes and 1 assistant; delete them first.")
	as("POST", "/collections", bodyCollection).must(t, http.StatusCreated)
	del().wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "2 indexes, 1 collection and 1 assistant")
	as("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	as("DELETE", "/indexes/p", "").must(t, http.StatusAccepted)
	as("DELETE", "/collections/c", "").must(t, http.StatusAccepted)
	as("DELETE", "/assistant/assistants/helper", "").must(t, http.StatusOK)
	gone()

	// The other project's objects do not count.
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	del().must(t, http.StatusAccepted)
	// The project's keys went with it.
	as("GET", "/indexes", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	e.admin(tok, "GET", "/admin/api-keys/"+keyID, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "API Key "+keyID+" not found.")
	e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
}

func TestOrganizationEndpoints(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	org := listData(t, e.admin(tok, "GET", "/admin/organizations", ""))[0]
	id := org["id"].(string)
	if !jsonEqual(e.admin(tok, "GET", "/admin/organizations/"+id, "").must(t, http.StatusOK), org) {
		t.Error("describe differs from the list item")
	}
	e.admin(tok, "GET", "/admin/organizations/org-nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Organization org-nope not found.")
	e.admin(tok, "PATCH", "/admin/organizations/org-nope", `{"name":"x"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "Organization org-nope not found.")
	e.admin(tok, "DELETE", "/admin/organizations/org-nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Organization org-nope not found.")

	b := e.admin(tok, "PATCH", "/admin/organizations/"+id, `{"name":"Renamed Org"}`).must(t, http.StatusOK)
	wantField(t, b, "Renamed Org", "name")
	wantField(t, b, id, "id")
	wantField(t, e.admin(tok, "GET", "/admin/organizations/"+id, "").must(t, http.StatusOK), "Renamed Org", "name")
	e.admin(tok, "PATCH", "/admin/organizations/"+id, `{}`).must(t, http.StatusOK)
	e.admin(tok, "PATCH", "/admin/organizations/"+id, `{"name":""}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "between 1 and 512")
	e.admin(tok, "PATCH", "/admin/organizations/"+id, `{"name":"`+strings.Repeat("o", 513)+`"}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
	e.admin(tok, "PATCH", "/admin/organizations/"+id, `{"name":1}`).wantError(t, http.StatusUnprocessableEntity, "UNPROCESSABLE_ENTITY", "name")

	// Not while it has projects.
	extra := e.createProject(tok, `{"name":"extra"}`)
	e.admin(tok, "DELETE", "/admin/organizations/"+id, "").wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "Organization Renamed Org still has 2 projects; delete them first.")
	e.admin(tok, "DELETE", "/admin/projects/"+extra, "").must(t, http.StatusAccepted)
	e.admin(tok, "DELETE", "/admin/organizations/"+id, "").wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "still has 1 project; delete it first.")
	e.admin(tok, "DELETE", "/admin/projects/"+e.srv.DefaultProjectID(), "").must(t, http.StatusAccepted)
	e.do("GET", "/indexes", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")

	other := e.token()
	r := e.admin(tok, "DELETE", "/admin/organizations/"+id, "")
	r.must(t, http.StatusOK)
	if r.raw != "" {
		t.Errorf("DELETE answered a body: %q", r.raw)
	}
	// The organization's service accounts went with it.
	for _, tk := range []string{tok, other} {
		e.admin(tk, "GET", "/admin/organizations", "").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid access token.")
	}
	e.tokenRequest(bodyTokenJSON).wantOAuthError(t, http.StatusUnauthorized, "access_denied", "Unauthorized")
	e.srv.mu.Lock()
	orgGone := e.srv.org == nil
	e.srv.mu.Unlock()
	if !orgGone {
		t.Error("the organization is still there")
	}
}

// TestAdminAfterOrganizationDelete covers requests that were authenticated
// just before the organization went (afterwards no token is left): they see
// an empty organization list and create no project.
func TestAdminAfterOrganizationDelete(t *testing.T) {
	s := New(Options{})
	s.mu.Lock()
	s.org = nil
	s.tokens["t"] = time.Now().Add(time.Hour)
	s.mu.Unlock()
	ts := newHTTPTestServer(t, s)
	e := &testEnv{t: t, srv: s, ts: ts}
	r := e.admin("t", "GET", "/admin/organizations", "")
	if r.must(t, http.StatusOK); strings.TrimSpace(r.raw) != `{"data":[]}` {
		t.Errorf("organizations after delete = %s", r.raw)
	}
	// A project create that got past the token check finds no organization.
	e.admin("t", "POST", "/admin/projects", `{"name":"late"}`).wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid access token.")
}

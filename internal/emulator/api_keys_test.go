package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
)

func TestAPIKeyLifecycle(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	project := e.createProject(tok, `{"name":"keys"}`)
	path := "/admin/projects/" + project + "/api-keys"

	r := e.admin(tok, "POST", path, `{"name":"ci"}`)
	b := r.must(t, http.StatusOK)
	if len(b) != 2 {
		t.Errorf("APIKeyWithSecret has keys other than key and value: %s", r.raw)
	}
	id, _ := dig(b, "key", "id").(string)
	value, _ := b["value"].(string)
	if !uuidRe.MatchString(id) {
		t.Errorf("key id %q is not a UUID", id)
	}
	if !keyValueRe.MatchString(value) {
		t.Errorf("value %q is not pckey_<label>_<secret>", value)
	}
	want := map[string]any{"id": id, "name": "ci", "project_id": project, "roles": []string{"ProjectEditor"}}
	if !jsonEqual(b["key"], want) {
		t.Errorf("key = %v, want %v", b["key"], want)
	}

	// Values are never shown again.
	r = e.admin(tok, "GET", "/admin/api-keys/"+id, "")
	if !jsonEqual(r.must(t, http.StatusOK), want) || strings.Contains(r.raw, value) {
		t.Errorf("describe = %s, want %v without the value", r.raw, want)
	}
	second, secondValue := e.createKey(tok, project, `{"name":"ci","roles":["DataPlaneViewer","ControlPlaneEditor","DataPlaneViewer"]}`)
	if secondValue == value {
		t.Error("two keys got the same value")
	}
	r = e.admin(tok, "GET", path, "")
	keys := listData(t, r)
	if strings.Contains(r.raw, value) || strings.Contains(r.raw, secondValue) || strings.Contains(r.raw, `"value"`) {
		t.Errorf("the key list shows values: %s", r.raw)
	}
	wantList := []map[string]any{want, {"id": second, "name": "ci", "project_id": project, "roles": []string{"DataPlaneViewer", "ControlPlaneEditor"}}}
	if !jsonEqual(keys, wantList) {
		t.Errorf("key list = %v, want %v (creation order, names may repeat, roles kept once)", keys, wantList)
	}
	// Another project's list does not hold them.
	for _, k := range listData(t, e.admin(tok, "GET", "/admin/projects/"+e.srv.DefaultProjectID()+"/api-keys", "")) {
		if k["id"] == id || k["id"] == second {
			t.Errorf("default project lists key %v", k)
		}
	}

	// PATCH: name and/or roles; roles replace the set; absent fields stay.
	b = e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"name":"ci-renamed"}`).must(t, http.StatusOK)
	wantField(t, b, "ci-renamed", "name")
	wantField(t, b, []string{"ProjectEditor"}, "roles")
	b = e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"roles":["ProjectViewer","DataPlaneEditor"]}`).must(t, http.StatusOK)
	wantField(t, b, "ci-renamed", "name")
	wantField(t, b, []string{"ProjectViewer", "DataPlaneEditor"}, "roles")
	b = e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"roles":null}`).must(t, http.StatusOK)
	wantField(t, b, []string{"ProjectViewer", "DataPlaneEditor"}, "roles")
	if _, ok := b["value"]; ok {
		t.Error("PATCH answer shows the value")
	}
	wantField(t, e.admin(tok, "GET", "/admin/api-keys/"+id, "").must(t, http.StatusOK), []string{"ProjectViewer", "DataPlaneEditor"}, "roles")

	r = e.admin(tok, "DELETE", "/admin/api-keys/"+id, "")
	r.must(t, http.StatusAccepted)
	if r.raw != "" {
		t.Errorf("DELETE answered a body: %q", r.raw)
	}
	e.admin(tok, "GET", "/admin/api-keys/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "API Key "+id+" not found.")
	e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"name":"x"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "API Key "+id+" not found.")
	e.admin(tok, "DELETE", "/admin/api-keys/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "API Key "+id+" not found.")
	if keys := listData(t, e.admin(tok, "GET", path, "")); len(keys) != 1 || keys[0]["id"] != second {
		t.Errorf("key list after delete = %v", keys)
	}
}

func TestAPIKeyValidation(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	path := "/admin/projects/" + e.srv.DefaultProjectID() + "/api-keys"
	for _, c := range []struct {
		name, body string
		status     int
		code, msg  string
	}{
		{"missing name", `{"roles":["ProjectEditor"]}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"roles string", `{"name":"k","roles":"ProjectEditor"}`, 422, "UNPROCESSABLE_ENTITY", "roles"},
		{"role number", `{"name":"k","roles":[1]}`, 422, "UNPROCESSABLE_ENTITY", "roles"},
		{"empty name", `{"name":""}`, 400, "INVALID_ARGUMENT", "between 1 and 80"},
		{"long name", `{"name":"` + strings.Repeat("k", 81) + `"}`, 400, "INVALID_ARGUMENT", "got 81"},
		{"unknown role", `{"name":"k","roles":["Admin"]}`, 400, "INVALID_ARGUMENT", `Invalid role "Admin"`},
		{"lowercase role", `{"name":"k","roles":["projecteditor"]}`, 400, "INVALID_ARGUMENT", "Invalid role"},
		{"no roles", `{"name":"k","roles":[]}`, 400, "INVALID_ARGUMENT", "at least one role"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e.admin(tok, "POST", path, c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if n := len(listData(t, e.admin(tok, "GET", path, ""))); n != 1 {
		t.Errorf("refused creates made keys: %d keys", n)
	}
	e.createKey(tok, e.srv.DefaultProjectID(), `{"name":"`+strings.Repeat("ü", 80)+`"}`)
	for _, role := range apiKeyRoles {
		id, _ := e.createKey(tok, e.srv.DefaultProjectID(), `{"name":"r","roles":["`+role+`"]}`)
		wantField(t, e.admin(tok, "GET", "/admin/api-keys/"+id, "").must(t, http.StatusOK), []string{role}, "roles")
		e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"roles":[]}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "at least one role")
		e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"roles":["Owner"]}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid role")
		e.admin(tok, "PATCH", "/admin/api-keys/"+id, `{"name":""}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "between 1 and 80")
		wantField(t, e.admin(tok, "GET", "/admin/api-keys/"+id, "").must(t, http.StatusOK), []string{role}, "roles")
	}
}

func TestSeededKeysAreDefaultProjectKeys(t *testing.T) {
	e := newEnv(t, Options{APIKeys: []string{"k1", "", "k2", "k1"}})
	tok := e.token()
	keys := listData(t, e.admin(tok, "GET", "/admin/projects/"+e.srv.DefaultProjectID()+"/api-keys", ""))
	var names []string
	for _, k := range keys {
		names = append(names, k["name"].(string))
		if k["project_id"] != e.srv.DefaultProjectID() || !uuidRe.MatchString(k["id"].(string)) {
			t.Errorf("seeded key %v", k)
		}
	}
	if !slices.Equal(names, []string{"default", "default-2"}) {
		t.Fatalf("seeded key names = %v, want [default default-2]", names)
	}
	// Deleting the first seeded key through the admin API revokes k1 only.
	e.admin(tok, "DELETE", "/admin/api-keys/"+keys[0]["id"].(string), "").must(t, http.StatusAccepted)
	e.do("GET", "/indexes", "", "Api-Key", "k1").wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	e.do("GET", "/indexes", "", "Api-Key", "k2").must(t, http.StatusOK)
}

func TestCreatedKeyWorksAndDeletedKeyStops(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	project := e.createProject(tok, `{"name":"p2"}`)
	id, value := e.createKey(tok, project, `{"name":"k"}`)
	_, sibling := e.createKey(tok, project, `{"name":"k2","roles":["ProjectViewer"]}`)
	e.do("GET", "/indexes", "", "Api-Key", value).must(t, http.StatusOK)
	e.do("POST", "/indexes", bodyServerless, "Api-Key", value).must(t, http.StatusCreated)
	// Two keys of one project see the same objects.
	e.do("GET", "/indexes/s", "", "Api-Key", sibling).must(t, http.StatusOK)

	e.admin(tok, "DELETE", "/admin/api-keys/"+id, "").must(t, http.StatusAccepted)
	e.do("GET", "/indexes", "", "Api-Key", value).wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	e.do("POST", "/assistant/assistants", `{"name":"a"}`, "Api-Key", value).wantError(t, http.StatusUnauthorized, "UNAUTHENTICATED", "Invalid API key.")
	// The project and its other key are untouched.
	e.do("GET", "/indexes/s", "", "Api-Key", sibling).must(t, http.StatusOK)
	// Renaming a key does not change its value.
	e.createKey(tok, project, `{"name":"k3"}`)
	sibID := listData(t, e.admin(tok, "GET", "/admin/projects/"+project+"/api-keys", ""))[0]["id"].(string)
	e.admin(tok, "PATCH", "/admin/api-keys/"+sibID, `{"name":"renamed"}`).must(t, http.StatusOK)
	e.do("GET", "/indexes/s", "", "Api-Key", sibling).must(t, http.StatusOK)
}

// TestProjectsScopeTheData checks that an Api-Key sees and creates only the
// objects of its own project, and that names may repeat across projects.
func TestProjectsScopeTheData(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	_, other := e.createKey(tok, e.createProject(tok, `{"name":"other","max_pods":5}`), `{"name":"k"}`)
	asOther := []string{"Api-Key", other}

	// Indexes: same name in both projects, each sees its own.
	e.do("POST", "/indexes", bodyServerless, asOther...).must(t, http.StatusCreated)
	e.do("GET", "/indexes/s", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index s not found.")
	wantField(t, e.do("GET", "/indexes", "").must(t, http.StatusOK), []any{}, "indexes")
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"dimension":3`, `"dimension":7`, 1)).must(t, http.StatusCreated)
	wantField(t, e.do("GET", "/indexes/s", "").must(t, http.StatusOK), 7, "dimension")
	wantField(t, e.do("GET", "/indexes/s", "", asOther...).must(t, http.StatusOK), 3, "dimension")
	e.do("POST", "/indexes", bodyPod, asOther...).must(t, http.StatusCreated)
	e.do("GET", "/indexes/p", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	if n := len(e.do("GET", "/indexes", "", asOther...).must(t, http.StatusOK)["indexes"].([]any)); n != 2 {
		t.Errorf("other project lists %d indexes, want 2", n)
	}
	e.do("PATCH", "/indexes/p", `{"tags":{"a":"1"}}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("DELETE", "/indexes/p", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	// Collections: made from the other project's pod index, invisible here;
	// a source index of another project is unknown.
	e.do("POST", "/collections", bodyCollection).wantError(t, http.StatusNotFound, "NOT_FOUND", "Index p not found.")
	e.do("POST", "/collections", bodyCollection, asOther...).must(t, http.StatusCreated)
	e.do("GET", "/collections/c", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	wantField(t, e.do("GET", "/collections", "").must(t, http.StatusOK), []any{}, "collections")

	// Backups and restore jobs are found by id only in their project.
	bk := e.do("POST", "/indexes/s/backups", `{}`, asOther...).must(t, http.StatusOK)["backup_id"].(string)
	e.do("GET", "/backups/"+bk, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Backup "+bk+" not found.")
	e.do("GET", "/backups/"+bk, "", asOther...).must(t, http.StatusOK)
	if n := len(e.do("GET", "/backups", "", asOther...).must(t, http.StatusOK)["data"].([]any)); n != 1 {
		t.Errorf("other project lists %d backups, want 1", n)
	}
	e.do("DELETE", "/backups/"+bk, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("POST", "/backups/"+bk+"/create-index", `{"name":"r"}`).wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	wantField(t, e.do("GET", "/backups", "").must(t, http.StatusOK), []any{}, "data")
	wantField(t, e.do("GET", "/indexes/s/backups", "").must(t, http.StatusOK), []any{}, "data")
	job := e.do("POST", "/backups/"+bk+"/create-index", `{"name":"r"}`, asOther...).must(t, http.StatusAccepted)["restore_job_id"].(string)
	e.do("GET", "/restore-jobs/"+job, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	wantField(t, e.do("GET", "/restore-jobs", "").must(t, http.StatusOK), []any{}, "data")
	e.do("GET", "/restore-jobs/"+job, "", asOther...).must(t, http.StatusOK)
	e.do("GET", "/indexes/r", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")

	// Assistants and their files.
	e.do("POST", "/assistant/assistants", `{"name":"helper"}`, asOther...).must(t, http.StatusOK)
	e.do("GET", "/assistant/assistants/helper", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	wantField(t, e.do("GET", "/assistant/assistants", "").must(t, http.StatusOK), []any{}, "assistants")
	body, ct := multipartBody(t, part{"file", "n.txt", "hello"})
	fileID := e.do("POST", "/assistant/files/helper", body, append(asOther, "Content-Type", ct)...).must(t, http.StatusOK)["id"].(string)
	e.do("GET", "/assistant/files/helper", "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "helper" not found.`)
	e.do("GET", "/assistant/files/helper/"+fileID, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("POST", "/assistant/assistants", `{"name":"helper"}`).must(t, http.StatusOK) // same name here
	e.do("GET", "/assistant/files/helper/"+fileID, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "File with id")
	e.do("GET", "/assistant/files/helper/"+fileID, "", asOther...).must(t, http.StatusOK)

	// Deleting in one project leaves the other's object of the same name.
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.do("GET", "/indexes/s", "", asOther...).must(t, http.StatusOK)
	e.do("DELETE", "/assistant/assistants/helper", "").must(t, http.StatusOK)
	wantField(t, e.do("GET", "/assistant/assistants/helper", "", asOther...).must(t, http.StatusOK), "Ready", "status")
}

// TestCreateRacingProjectDelete deletes a project (empty at that moment)
// while a create in it is reading its body: the create must not land in the
// deleted project.
func TestCreateRacingProjectDelete(t *testing.T) {
	for _, c := range []struct{ name, path, body string }{
		{"index", "/indexes", bodyServerless},
		{"assistant", "/assistant/assistants", `{"name":"a"}`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := New(Options{})
			ts := newHTTPTestServer(t, s)
			e := &testEnv{t: t, srv: s, ts: ts}
			tok := e.token()
			project := e.createProject(tok, `{"name":"doomed"}`)
			_, key := e.createKey(tok, project, `{"name":"k"}`)
			s.mu.Lock()
			p := s.projects[project]
			s.mu.Unlock()

			hook := func() { e.admin(tok, "DELETE", "/admin/projects/"+project, "").must(t, http.StatusAccepted) }
			req := httptest.NewRequest("POST", c.path, &hookReader{r: strings.NewReader(c.body), n: 5, hook: hook})
			req.Header.Set("Api-Key", key)
			rec := httptest.NewRecorder()
			s.ServeHTTP(rec, req)
			if rec.Code != http.StatusUnauthorized || !strings.Contains(rec.Body.String(), "Invalid API key.") {
				t.Errorf("create in a deleted project = %d %s, want 401", rec.Code, rec.Body.String())
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			if len(p.indexes) != 0 || len(p.assistants) != 0 {
				t.Error("the create landed in the deleted project")
			}
		})
	}
}

// doDropped sends a request that is expected to be dropped, on a fresh
// connection, and returns the transport error.
func (e *testEnv) doDropped(method, path, body string, headers ...string) error {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, strings.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	for i := 0; i+1 < len(headers); i += 2 {
		req.Header.Set(headers[i], headers[i+1])
	}
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(req)
	if err == nil {
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		e.t.Errorf("%s %s answered %d %s, want a dropped connection", method, path, resp.StatusCode, b)
	}
	return err
}

func TestDropAdminCreateResponses(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	e.srv.SetFaults(Faults{DropCreateResponses: 2})
	auth := []string{"Authorization", "Bearer " + tok}

	// Reads are never dropped and do not use up the count.
	e.admin(tok, "GET", "/admin/projects", "").must(t, http.StatusOK)
	if err := e.doDropped("POST", "/admin/projects", `{"name":"dropped"}`, auth...); err == nil {
		t.Fatal("project create was answered")
	}
	var id string
	for _, p := range listData(t, e.admin(tok, "GET", "/admin/projects", "")) {
		if p["name"] == "dropped" {
			id = p["id"].(string)
		}
	}
	if id == "" {
		t.Fatal("the dropped create did not create the project")
	}
	// A client retry of the create meets the project it made.
	e.admin(tok, "POST", "/admin/projects", `{"name":"dropped"}`).wantError(t, http.StatusConflict, "ALREADY_EXISTS", "")

	if err := e.doDropped("POST", "/admin/projects/"+id+"/api-keys", `{"name":"lost"}`, auth...); err == nil {
		t.Fatal("key create was answered")
	}
	keys := listData(t, e.admin(tok, "GET", "/admin/projects/"+id+"/api-keys", ""))
	if len(keys) != 1 || keys[0]["name"] != "lost" {
		t.Errorf("keys after a dropped create = %v", keys)
	}
	if got := e.srv.Faulted()["dropped"]; got != 2 {
		t.Errorf("Faulted[dropped] = %d, want 2", got)
	}
	// The count is used up: the next creates are answered.
	e.createKey(tok, id, `{"name":"kept"}`)
	e.createProject(tok, `{"name":"answered"}`)
}

func TestAdminFaults(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	e.srv.SetFaults(Faults{ErrorRate: 1, ErrorMethods: []string{"POST"}})
	for range 10 {
		r := e.admin(tok, "POST", "/admin/projects", `{"name":"x"}`)
		if r.status != http.StatusInternalServerError && r.status != http.StatusServiceUnavailable {
			t.Fatalf("status %d with ErrorRate 1", r.status)
		}
		r.wantError(t, r.status, map[int]string{500: "UNKNOWN", 503: "UNAVAILABLE"}[r.status], "")
	}
	// Injected before acting: nothing was created; GETs are not faulted.
	if n := len(listData(t, e.admin(tok, "GET", "/admin/projects", ""))); n != 1 {
		t.Errorf("%d projects after faulted creates", n)
	}
	e.srv.SetFaults(Faults{RateLimit: 1, RateBurst: 1})
	e.admin(tok, "GET", "/admin/organizations", "").must(t, http.StatusOK)
	r := e.admin(tok, "GET", "/admin/organizations", "")
	r.wantError(t, http.StatusTooManyRequests, "RESOURCE_EXHAUSTED", "")
	if r.header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After = %q", r.header.Get("Retry-After"))
	}
}

func TestStatsKeysAdmin(t *testing.T) {
	e := newEnv(t, Options{})
	tok := e.token()
	org := listData(t, e.admin(tok, "GET", "/admin/organizations", ""))[0]["id"].(string)
	e.srv.ResetStats()

	e.tokenRequest(bodyTokenJSON)
	e.admin(tok, "GET", "/admin/projects", "")
	p := e.createProject(tok, `{"name":"s"}`)
	e.admin(tok, "GET", "/admin/projects/"+p, "")
	e.admin(tok, "PATCH", "/admin/projects/"+p, `{}`)
	e.admin(tok, "GET", "/admin/projects/"+p+"/api-keys", "")
	k, _ := e.createKey(tok, p, `{"name":"k"}`)
	e.admin(tok, "GET", "/admin/api-keys/"+k, "")
	e.admin(tok, "PATCH", "/admin/api-keys/"+k, `{}`)
	e.admin(tok, "DELETE", "/admin/api-keys/"+k, "")
	e.admin(tok, "DELETE", "/admin/projects/"+p, "")
	e.admin(tok, "GET", "/admin/organizations", "")
	e.admin(tok, "GET", "/admin/organizations/"+org, "")
	e.admin(tok, "PATCH", "/admin/organizations/"+org, `{}`)
	e.admin(tok, "DELETE", "/admin/organizations/"+org, "") // 412: counted all the same
	e.admin("bad", "GET", "/admin/projects", "")            // 401: counted too
	e.do("GET", "/admin/nowhere", "")                       // unmatched

	want := map[string]int64{
		"POST /oauth/token":                             1,
		"GET /admin/projects":                           2,
		"POST /admin/projects":                          1,
		"GET /admin/projects/{project_id}":              1,
		"PATCH /admin/projects/{project_id}":            1,
		"DELETE /admin/projects/{project_id}":           1,
		"GET /admin/projects/{project_id}/api-keys":     1,
		"POST /admin/projects/{project_id}/api-keys":    1,
		"GET /admin/api-keys/{api_key_id}":              1,
		"PATCH /admin/api-keys/{api_key_id}":            1,
		"DELETE /admin/api-keys/{api_key_id}":           1,
		"GET /admin/organizations":                      1,
		"GET /admin/organizations/{organization_id}":    1,
		"PATCH /admin/organizations/{organization_id}":  1,
		"DELETE /admin/organizations/{organization_id}": 1,
		"GET <unmatched>":                               1,
	}
	if got := e.srv.Stats(); !jsonEqual(got, want) {
		t.Errorf("Stats() = %v, want %v", got, want)
	}
}

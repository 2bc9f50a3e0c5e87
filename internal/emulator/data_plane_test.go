package emulator

import (
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// hostRequest builds a request to the emulator with Host set to host, as a
// client reaching an index host through the emulator's address sends it,
// with Api-Key: DefaultAPIKey and then headers (name/value pairs; "" deletes).
func (e *testEnv) hostRequest(host, method, path, body string, headers ...string) *http.Request {
	e.t.Helper()
	var rd io.Reader
	if body != "" {
		rd = strings.NewReader(body)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatalf("new request: %v", err)
	}
	req.Host = host
	req.Header.Set("Api-Key", DefaultAPIKey)
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(headers); i += 2 {
		if headers[i+1] == "" {
			req.Header.Del(headers[i])
		} else {
			req.Header.Set(headers[i], headers[i+1])
		}
	}
	return req
}

// onHost sends a request to host (see hostRequest) and decodes the answer.
func (e *testEnv) onHost(host, method, path, body string, headers ...string) response {
	e.t.Helper()
	resp, err := e.ts.Client().Do(e.hostRequest(host, method, path, body, headers...))
	if err != nil {
		e.t.Fatalf("%s %s on %s: %v", method, path, host, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatalf("read body: %v", err)
	}
	r := response{status: resp.StatusCode, header: resp.Header, raw: string(raw)}
	if len(raw) > 0 {
		_ = json.Unmarshal(raw, &r.body)
	}
	return r
}

// wantRPC checks a data-plane error: the HTTP status, the rpcStatus body
// {"code":<gRPC code>,"message":...,"details":[]}, and a message containing
// msg.
func (r response) wantRPC(t *testing.T, status, code int, msg string) {
	t.Helper()
	if r.status != status {
		t.Fatalf("status = %d, want %d; body: %s", r.status, status, r.raw)
	}
	if r.body == nil {
		t.Fatalf("error body is not a JSON object: %q", r.raw)
	}
	if got := r.body["code"]; got != float64(code) {
		t.Errorf("code = %v, want %d; body: %s", got, code, r.raw)
	}
	if d, ok := r.body["details"].([]any); !ok || len(d) != 0 {
		t.Errorf("details = %v, want []; body: %s", r.body["details"], r.raw)
	}
	if has(r.body, "error") || has(r.body, "status") {
		t.Errorf("data-plane error has the control plane's keys: %s", r.raw)
	}
	m, _ := r.body["message"].(string)
	if m == "" || !strings.Contains(m, msg) {
		t.Errorf("message = %q, want it to contain %q", m, msg)
	}
}

// serverlessIndex creates a Ready serverless index and returns its host.
func (e *testEnv) serverlessIndex(name string) string {
	e.t.Helper()
	body := strings.Replace(bodyServerless, `"name":"s"`, `"name":"`+name+`"`, 1)
	b := e.do("POST", "/indexes", body).must(e.t, http.StatusCreated)
	host, _ := b["host"].(string)
	if host == "" {
		e.t.Fatalf("index %s has no host: %v", name, b)
	}
	return host
}

// An index's host reaches its data plane, whatever case and port the Host
// header has, and so does its private_host; every other path there is 404
// in the rpcStatus shape; a Host that looks like an index host but names
// none is 404; the emulator's own address keeps the control plane.
func TestDataPlaneRoutingByHost(t *testing.T) {
	e := newEnv(t, Options{})
	b := e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	host, private := b["host"].(string), b["private_host"].(string)

	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).must(t, http.StatusOK)
	e.onHost(strings.ToUpper(host)+":443", "GET", "/namespaces/a", "").must(t, http.StatusOK)
	e.onHost(private, "GET", "/namespaces/a", "").must(t, http.StatusOK)

	// Control-plane paths do not exist on an index host.
	e.onHost(host, "GET", "/indexes", "").wantRPC(t, http.StatusNotFound, 5, "Route GET /indexes not found.")
	e.onHost(host, "GET", "/_emulator/stats", "").wantRPC(t, http.StatusNotFound, 5, "")
	e.onHost(host, "PUT", "/namespaces", "").wantRPC(t, http.StatusMethodNotAllowed, 12, "")

	gone := "gone-abc1234.svc.aped-4627-b74a.pinecone.io"
	e.onHost(gone, "GET", "/namespaces", "").wantRPC(t, http.StatusNotFound, 5, "no index is served at host "+gone)
	e.onHost(gone, "GET", "/indexes", "").wantRPC(t, http.StatusNotFound, 5, "")

	// The emulator's own address: the control plane, where /namespaces is unknown.
	e.do("GET", "/indexes/s", "").must(t, http.StatusOK)
	e.do("GET", "/namespaces", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Route GET /namespaces not found.")
	e.onHost("localhost", "GET", "/indexes", "").must(t, http.StatusOK)
}

// Api-Key on the data plane: none or unknown is 401, a key of another
// project than the index's is 401 too, and a key of the index's project
// works.
func TestDataPlaneAuth(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	e.onHost(host, "GET", "/namespaces", "", "Api-Key", "").wantRPC(t, http.StatusUnauthorized, 16, "Invalid API key.")
	e.onHost(host, "GET", "/namespaces", "", "Api-Key", "nope").wantRPC(t, http.StatusUnauthorized, 16, "Invalid API key.")

	tok := e.token()
	other := e.createProject(tok, `{"name":"other"}`)
	_, otherKey := e.createKey(tok, other, `{"name":"k"}`)
	e.onHost(host, "GET", "/namespaces", "", "Api-Key", otherKey).
		wantRPC(t, http.StatusUnauthorized, 16, "does not belong to the project of the index at "+host)

	// The same name in the other project is another index, at another host.
	otherHost, _ := e.do("POST", "/indexes", bodyServerless, "Api-Key", otherKey).must(t, http.StatusCreated)["host"].(string)
	e.onHost(otherHost, "POST", "/namespaces", `{"name":"x"}`, "Api-Key", otherKey).must(t, http.StatusOK)
	e.onHost(host, "GET", "/namespaces/x", "").wantRPC(t, http.StatusNotFound, 5, "Namespace x not found.")
	e.onHost(otherHost, "GET", "/namespaces/x", "").wantRPC(t, http.StatusUnauthorized, 16, "")
}

// Creating and deleting namespaces is a data-plane write, describing and
// listing a data-plane read; the control-plane roles have neither.
func TestDataPlaneRoleEnforcement(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	tok := e.token()
	proj := e.srv.DefaultProjectID()
	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).must(t, http.StatusOK)

	cases := []struct {
		role       string
		read, save bool
	}{
		{"ProjectEditor", true, true},
		{"ProjectViewer", true, false},
		{"DataPlaneEditor", true, true},
		{"DataPlaneViewer", true, false},
		{"ControlPlaneEditor", false, false},
		{"ControlPlaneViewer", false, false},
	}
	for i, c := range cases {
		id, key := e.createKey(tok, proj, `{"name":"k","roles":["`+c.role+`"]}`)
		as := []string{"Api-Key", key}
		name := `{"name":"n` + string(rune('0'+i)) + `"}`
		checks := []struct {
			method, path, body, perm string
			ok                       bool
			status                   int
		}{
			{"GET", "/namespaces", "", "namespaces:list", c.read, http.StatusOK},
			{"GET", "/namespaces/a", "", "namespaces:describe", c.read, http.StatusOK},
			{"POST", "/namespaces", name, "namespaces:create", c.save, http.StatusOK},
			{"DELETE", "/namespaces/a-" + c.role, "", "namespaces:delete", c.save, http.StatusNotFound},
		}
		for _, ch := range checks {
			r := e.onHost(host, ch.method, ch.path, ch.body, as...)
			if ch.ok {
				if r.status != ch.status {
					t.Errorf("%s: %s %s = %d, want %d; %s", c.role, ch.method, ch.path, r.status, ch.status, r.raw)
				}
				continue
			}
			r.wantRPC(t, http.StatusForbidden, 7,
				"API key "+id+" (roles: "+c.role+") does not have the '"+ch.perm+"' permission on project "+proj+".")
		}
	}
}

// Faults reach the data plane as they reach the control plane, and Stats
// count its requests by route template.
func TestDataPlaneFaultsAndStats(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	e.srv.ResetStats()

	e.srv.SetFaults(Faults{ForceStatus: http.StatusServiceUnavailable, ForceStatusPaths: []string{"POST /namespaces"}})
	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).wantRPC(t, http.StatusServiceUnavailable, 14, "forced")
	e.onHost(host, "GET", "/namespaces", "").must(t, http.StatusOK)
	if err := ValidateForceStatus(503, []string{"GET /namespaces/{namespace}", "DELETE /namespaces/{namespace}"}); err != nil {
		t.Errorf("ValidateForceStatus refuses the namespace routes: %v", err)
	}

	e.srv.SetFaults(Faults{RateLimitedRate: 1})
	r := e.onHost(host, "GET", "/namespaces/a", "")
	r.wantRPC(t, http.StatusTooManyRequests, 8, "Too many requests.")
	if r.header.Get("Retry-After") != "1" {
		t.Errorf("Retry-After = %q, want 1", r.header.Get("Retry-After"))
	}
	e.srv.SetFaults(Faults{ErrorRate: 1, ErrorMethods: []string{"DELETE"}})
	if r := e.onHost(host, "DELETE", "/namespaces/a", ""); r.status != 500 && r.status != 503 {
		t.Errorf("DELETE with ErrorRate 1 = %d, want 500 or 503", r.status)
	}
	e.srv.SetFaults(Faults{})

	want := map[string]int64{"POST /namespaces": 1, "GET /namespaces": 1, "GET /namespaces/{namespace}": 1, "DELETE /namespaces/{namespace}": 1}
	got := e.srv.Stats()
	for k, n := range want {
		if got[k] != n {
			t.Errorf("Stats()[%q] = %d, want %d (all: %v)", k, got[k], n, got)
		}
	}
	if f := e.srv.Faulted(); f["503"] < 1 || f["429"] != 1 {
		t.Errorf("Faulted() = %v, want a 503 and one 429", f)
	}
}

// A dropped create response still creates the namespace: the retry is 409.
func TestDataPlaneDropCreateResponses(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	e.srv.SetFaults(Faults{DropCreateResponses: 1})
	client := &http.Client{Transport: &http.Transport{DisableKeepAlives: true}}
	resp, err := client.Do(e.hostRequest(host, "POST", "/namespaces", `{"name":"a"}`))
	if err == nil {
		resp.Body.Close()
		t.Fatalf("create answered %d, want a dropped connection", resp.StatusCode)
	}
	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).wantRPC(t, http.StatusConflict, 6, "already exists")
	if e.srv.Faulted()["dropped"] != 1 {
		t.Errorf("Faulted() = %v, want one dropped", e.srv.Faulted())
	}
}

// The hosts the emulator serves: Server.IndexHosts for the default project
// and GET /_emulator/hosts for all of them.
func TestIndexHostsHooks(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.serverlessIndex("s")
	if got := e.srv.IndexHosts(); len(got) != 1 || got["s"] != host {
		t.Errorf("IndexHosts() = %v, want s: %s", got, host)
	}
	tok := e.token()
	other := e.createProject(tok, `{"name":"other"}`)
	_, key := e.createKey(tok, other, `{"name":"k"}`)
	otherHost, _ := e.do("POST", "/indexes", bodyServerless, "Api-Key", key).must(t, http.StatusCreated)["host"].(string)

	b := e.do("GET", "/_emulator/hosts", "").must(t, http.StatusOK)
	hosts, _ := b["hosts"].([]any)
	if len(hosts) != 2 {
		t.Fatalf("hosts = %v, want two", b)
	}
	seen := map[string]string{}
	for _, h := range hosts {
		seen[dig(h, "project_id").(string)] = dig(h, "host").(string)
		if dig(h, "index") != "s" || !strings.Contains(dig(h, "private_host").(string), ".svc.private.") {
			t.Errorf("entry %v", h)
		}
	}
	if seen[e.srv.DefaultProjectID()] != host || seen[other] != otherHost {
		t.Errorf("hosts = %v", hosts)
	}
	e.do("POST", "/_emulator/hosts", "").wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
}

// Deleting an index deletes its namespaces: its host answers 404 at once,
// and an index made again with the name has a new host and no namespaces.
func TestNamespacesGoWithTheirIndex(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	host := e.serverlessIndex("s")
	e.onHost(host, "POST", "/namespaces", `{"name":"a"}`).must(t, http.StatusOK)
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.onHost(host, "GET", "/namespaces/a", "").wantRPC(t, http.StatusNotFound, 5, "Index s not found.")
	if err := e.srv.SetNamespaceRecordCount("s", "a", 1); !errors.Is(err, ErrIndexNotFound) {
		t.Errorf("SetNamespaceRecordCount on a deleted index = %v, want ErrIndexNotFound", err)
	}
	e.clock.Advance(time.Minute)
	e.onHost(host, "GET", "/namespaces", "").wantRPC(t, http.StatusNotFound, 5, "no index is served")

	again := e.serverlessIndex("s")
	if again == host {
		t.Fatalf("the new index reuses host %s", host)
	}
	b := e.onHost(again, "GET", "/namespaces", "").must(t, http.StatusOK)
	wantField(t, b, []any{}, "namespaces")
	wantField(t, b, 0, "total_count")
}

// Every data-plane route has a permission, and every permission a route.
func TestEveryDataRouteHasAPermission(t *testing.T) {
	s := New(Options{})
	seen := map[string]bool{}
	for _, rt := range s.dataRoutes {
		for m := range rt.methods {
			key := m + " " + rt.template
			seen[key] = true
			if op, ok := dataOps[key]; !ok || op.plane != dataPlane {
				t.Errorf("%s has no data-plane dataOps entry", key)
			}
		}
	}
	for key := range dataOps {
		if !seen[key] {
			t.Errorf("dataOps names an unknown route %s", key)
		}
	}
}

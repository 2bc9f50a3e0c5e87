package emulator

import (
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

func TestStatsCounting(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/indexes", "")
	e.do("POST", "/indexes", bodyServerless)
	e.do("POST", "/indexes", bodyServerless) // 409
	e.do("POST", "/indexes/create-for-model", bodyCreateForModel)
	e.do("GET", "/indexes/s", "")
	e.do("GET", "/indexes/nope", "") // 404 on a known route
	e.do("PATCH", "/indexes/s", `{}`)
	e.do("DELETE", "/indexes/s", "")
	e.do("GET", "/indexes", "", "Api-Key", "bad") // 401
	e.do("PUT", "/indexes", "")                   // 405
	e.do("GET", "/nowhere", "")                   // unmatched
	e.do("DELETE", "/a/b/c", "")                  // unmatched
	e.do("GET", "/_emulator/stats", "")           // not counted

	want := map[string]int64{
		"GET /indexes":                   2,
		"POST /indexes":                  2,
		"POST /indexes/create-for-model": 1,
		"GET /indexes/{index_name}":      2,
		"PATCH /indexes/{index_name}":    1,
		"DELETE /indexes/{index_name}":   1,
		"PUT /indexes":                   1,
		"GET <unmatched>":                1,
		"DELETE <unmatched>":             1,
	}
	got := e.srv.Stats()
	if !jsonEqual(got, want) {
		t.Errorf("Stats() = %v, want %v", got, want)
	}
	// Stats returns a copy.
	got["GET /indexes"] = 99
	if e.srv.Stats()["GET /indexes"] != 2 {
		t.Error("Stats() exposes internal state")
	}

	// Faulted requests are counted too.
	e.srv.SetFaults(Faults{ErrorRate: 1})
	e.do("GET", "/indexes", "")
	if n := e.srv.Stats()["GET /indexes"]; n != 3 {
		t.Errorf("Stats[GET /indexes] after a faulted request = %d, want 3", n)
	}
	e.srv.SetFaults(Faults{})

	e.srv.ResetStats()
	if s := e.srv.Stats(); len(s) != 0 {
		t.Errorf("Stats after reset = %v", s)
	}
	if f := e.srv.Faulted(); !jsonEqual(f, map[string]int64{"429": 0, "500": 0, "503": 0, "dropped": 0}) {
		t.Errorf("Faulted after reset = %v", f)
	}
}

func TestControlEndpoints(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/indexes", "")
	e.do("GET", "/indexes", "")
	e.do("GET", "/x", "")

	// No Api-Key needed.
	r := e.do("GET", "/_emulator/stats", "", "Api-Key", "")
	b := r.must(t, http.StatusOK)
	wantField(t, b, map[string]any{"GET /indexes": 2, "GET <unmatched>": 1}, "requests")
	wantField(t, b, map[string]any{"429": 0, "500": 0, "503": 0, "dropped": 0}, "faulted")
	wantField(t, b, 3, "total")

	// PUT faults with snake_case keys and Go durations.
	r = e.do("PUT", "/_emulator/faults", `{"error_rate":1,"error_methods":["GET"],"latency":"5ms","rate_limit":100,"rate_burst":50,"drop_create_responses":2,"fail_initialization":["x","y"]}`, "Api-Key", "")
	r.must(t, http.StatusNoContent)
	got := e.srv.faults.snapshot()
	want := Faults{ErrorRate: 1, ErrorMethods: []string{"GET"}, Latency: 5 * time.Millisecond, RateLimit: 100, RateBurst: 50, DropCreateResponses: 2, FailInitialization: []string{"x", "y"}}
	if !jsonEqual(got, want) {
		t.Errorf("faults = %+v, want %+v", got, want)
	}
	b = e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK)
	wantField(t, b, "5ms", "latency")
	wantField(t, b, 2, "drop_create_responses")
	if r := e.do("GET", "/indexes", ""); r.status < 500 {
		t.Errorf("faults from PUT not applied: %d", r.status)
	}
	// The control endpoints themselves are never faulted.
	e.do("GET", "/_emulator/stats", "").must(t, http.StatusOK)

	for _, bad := range []string{`{"latency":"soon"}`, `{"error_rate":2}`, `{"rate_limit":-1}`, `{"unknown":1}`, `{"latency":5}`, `nope`} {
		e.do("PUT", "/_emulator/faults", bad).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
	}
	e.do("PUT", "/_emulator/faults", `{}`).must(t, http.StatusNoContent)
	e.do("GET", "/indexes", "").must(t, http.StatusOK)

	e.do("POST", "/_emulator/reset-stats", "").must(t, http.StatusNoContent)
	b = e.do("GET", "/_emulator/stats", "").must(t, http.StatusOK)
	wantField(t, b, map[string]any{}, "requests")
	wantField(t, b, 0, "total")

	e.do("GET", "/_emulator/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	e.do("DELETE", "/_emulator/stats", "").wantError(t, http.StatusMethodNotAllowed, "UNIMPLEMENTED", "")
	if n := len(e.srv.Stats()); n != 0 {
		t.Errorf("control requests were counted: %v", e.srv.Stats())
	}
}

func TestControlStatsJSON(t *testing.T) {
	// The stats document decodes into plain maps of integers.
	e := newEnv(t, Options{Faults: Faults{RateLimit: 1}})
	e.do("GET", "/indexes", "")
	e.do("GET", "/indexes", "")
	resp, err := http.Get(e.ts.URL + "/_emulator/stats")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var doc struct {
		Requests map[string]int64 `json:"requests"`
		Faulted  map[string]int64 `json:"faulted"`
		Total    int64            `json:"total"`
	}
	dec := json.NewDecoder(strings.NewReader(string(raw)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&doc); err != nil {
		t.Fatalf("decode %s: %v", raw, err)
	}
	if doc.Total != 2 || doc.Requests["GET /indexes"] != 2 || doc.Faulted["429"] != 1 {
		t.Errorf("stats = %+v", doc)
	}
}

func TestStatsKeysCollectionsBackupsRestores(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyPod)
	e.do("POST", "/indexes", bodyServerless)
	e.srv.ResetStats()

	e.do("GET", "/collections", "")
	e.do("POST", "/collections", bodyCollection)
	e.do("GET", "/collections/c", "")
	e.do("GET", "/collections/nope", "") // 404 on a known route
	e.do("DELETE", "/collections/c", "")
	bk := e.do("POST", "/indexes/s/backups", `{}`).body["backup_id"].(string)
	e.do("GET", "/indexes/s/backups", "")
	e.do("GET", "/indexes/s/backups?limit=0", "") // 400
	e.do("GET", "/backups", "")
	e.do("GET", "/backups/"+bk, "")
	job := e.do("POST", "/backups/"+bk+"/create-index", `{"name":"r"}`).body["restore_job_id"].(string)
	e.do("GET", "/restore-jobs", "")
	e.do("GET", "/restore-jobs/"+job, "")
	e.do("DELETE", "/backups/"+bk, "")
	e.do("GET", "/backups/"+bk+"/create-index", "") // 405

	want := map[string]int64{
		"GET /collections":                       1,
		"POST /collections":                      1,
		"GET /collections/{collection_name}":     2,
		"DELETE /collections/{collection_name}":  1,
		"GET /indexes/{index_name}/backups":      2,
		"POST /indexes/{index_name}/backups":     1,
		"GET /backups":                           1,
		"GET /backups/{backup_id}":               1,
		"DELETE /backups/{backup_id}":            1,
		"POST /backups/{backup_id}/create-index": 1,
		"GET /backups/{backup_id}/create-index":  1,
		"GET /restore-jobs":                      1,
		"GET /restore-jobs/{job_id}":             1,
	}
	if got := e.srv.Stats(); !jsonEqual(got, want) {
		t.Errorf("Stats() = %v, want %v", got, want)
	}
}

func TestControlFailBackups(t *testing.T) {
	e := newEnv(t, Options{})
	wantField(t, e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK), []any{}, "fail_backups")
	e.do("PUT", "/_emulator/faults", `{"fail_backups":["s","*"]}`, "Api-Key", "").must(t, http.StatusNoContent)
	if got := e.srv.faults.snapshot().FailBackups; !jsonEqual(got, []string{"s", "*"}) {
		t.Errorf("FailBackups = %v", got)
	}
	wantField(t, e.do("GET", "/_emulator/faults", "").must(t, http.StatusOK), []any{"s", "*"}, "fail_backups")
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	id := e.createBackup("s", `{}`)
	wantField(t, e.do("GET", "/backups/"+id, "").must(t, http.StatusOK), "Failed", "status")
	e.do("PUT", "/_emulator/faults", `{"fail_backups":"s"}`).wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "")
}

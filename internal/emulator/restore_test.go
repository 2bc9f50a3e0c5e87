package emulator

import (
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
)

// restore posts body to /backups/{id}/create-index, expects 202 and returns
// restore_job_id and index_id.
func (e *testEnv) restore(backupID, body string) (string, string) {
	e.t.Helper()
	b := e.do("POST", "/backups/"+backupID+"/create-index", body).must(e.t, http.StatusAccepted)
	if len(b) != 2 {
		e.t.Errorf("create-index answered %v, want exactly restore_job_id and index_id", b)
	}
	job, _ := b["restore_job_id"].(string)
	ix, _ := b["index_id"].(string)
	if !uuidRe.MatchString(job) || !uuidRe.MatchString(ix) {
		e.t.Fatalf("create-index answered %v, want two UUIDs", b)
	}
	return job, ix
}

func TestRestoreLifecycle(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.do("POST", "/indexes", bodyServerlessTagged).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)
	bk := e.createBackup("s", `{}`)
	e.clock.Advance(10 * time.Second) // 12:00:20, backup Ready

	// As go-pinecone v5.4.1 sends it: POST /backups/b1/create-index {"name":"r"}
	jobID, indexID := e.restore(bk, `{"name":"r"}`)

	// The index exists at once, Initializing, with the backup's settings.
	ix := e.do("GET", "/indexes/r", "").must(t, http.StatusOK)
	wantState(t, ix, "Initializing", false)
	wantField(t, ix, 3, "dimension")
	wantField(t, ix, "euclidean", "metric")
	wantField(t, ix, "dense", "vector_type")
	wantField(t, ix, "disabled", "deletion_protection")
	wantField(t, ix, map[string]any{"serverless": map[string]any{
		"cloud": "aws", "region": "us-east-1",
		"read_capacity": map[string]any{"mode": "OnDemand", "status": map[string]any{"state": "Ready"}},
		"schema":        map[string]any{"fields": map[string]any{"genre": map[string]any{"filterable": true}}},
	}}, "spec")
	if has(ix, "tags") {
		t.Errorf("restored index took the backup's tags: %v", ix["tags"])
	}
	if h, _ := ix["host"].(string); !strings.HasPrefix(h, "r-") {
		t.Errorf("host = %q", h)
	}
	// Its id is what backups of it report.
	wantField(t, e.do("POST", "/indexes/r/backups", `{}`).must(t, http.StatusOK), indexID, "source_index_id")

	job := func() map[string]any {
		t.Helper()
		return e.do("GET", "/restore-jobs/"+jobID, "").must(t, http.StatusOK)
	}
	want := map[string]any{
		"restore_job_id": jobID, "backup_id": bk, "target_index_name": "r", "target_index_id": indexID,
		"status": "Pending", "created_at": "2026-03-01T12:00:20.000Z", "percent_complete": 0,
	}
	if j := job(); !jsonEqual(j, want) {
		t.Errorf("job = %v, want %v", j, want)
	}
	// Pending for the first tenth, then InProgress rising linearly from 0.
	e.clock.Advance(time.Second)
	want["status"] = "InProgress"
	if j := job(); !jsonEqual(j, want) {
		t.Errorf("job after 1s = %v, want %v", j, want)
	}
	e.clock.Advance(4500 * time.Millisecond)
	want["percent_complete"] = 50
	if j := job(); !jsonEqual(j, want) {
		t.Errorf("job after 5.5s = %v, want %v", j, want)
	}
	e.clock.Advance(4499 * time.Millisecond)
	j := job()
	wantField(t, j, "InProgress", "status")
	if p, _ := j["percent_complete"].(float64); p <= 50 || p >= 100 {
		t.Errorf("percent_complete just before the end = %v", p)
	}
	if has(j, "completed_at") {
		t.Errorf("completed_at set before completion: %v", j)
	}
	// The target index is not Ready before the job completes ...
	wantState(t, e.do("GET", "/indexes/r", "").must(t, http.StatusOK), "Initializing", false)

	// ... and is Ready when it does.
	e.clock.Advance(time.Millisecond)
	want["status"], want["percent_complete"], want["completed_at"] = "Completed", 100, "2026-03-01T12:00:30.000Z"
	if j := job(); !jsonEqual(j, want) {
		t.Errorf("completed job = %v, want %v", j, want)
	}
	wantState(t, e.do("GET", "/indexes/r", "").must(t, http.StatusOK), "Ready", true)
	e.clock.Advance(time.Hour)
	if j := job(); !jsonEqual(j, want) {
		t.Errorf("job an hour later = %v", j)
	}

	// Tags and deletion protection come from the request.
	_, _ = e.restore(bk, `{"name":"r2","tags":{"env":"dev","gone":""},"deletion_protection":"enabled"}`)
	ix = e.do("GET", "/indexes/r2", "").must(t, http.StatusOK)
	wantField(t, ix, map[string]any{"env": "dev"}, "tags")
	wantField(t, ix, "enabled", "deletion_protection")
	e.do("DELETE", "/indexes/r2", "").wantError(t, http.StatusForbidden, "FORBIDDEN", "Deletion protection is enabled")
}

func TestRestoreSparseAndZeroDelay(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodySparse).must(t, http.StatusCreated)
	bk := e.createBackup("s", `{}`)
	wantField(t, e.do("GET", "/backups/"+bk, "").must(t, http.StatusOK), "Ready", "status")
	jobID, _ := e.restore(bk, `{"name":"r"}`)
	// ReadyDelay 0: the job is done and the index Ready on the next request.
	j := e.do("GET", "/restore-jobs/"+jobID, "").must(t, http.StatusOK)
	wantField(t, j, "Completed", "status")
	wantField(t, j, 100, "percent_complete")
	wantField(t, j, "2026-03-01T12:00:00.000Z", "completed_at")
	ix := e.do("GET", "/indexes/r", "").must(t, http.StatusOK)
	wantState(t, ix, "Ready", true)
	wantField(t, ix, "sparse", "vector_type")
	wantField(t, ix, "dotproduct", "metric")
	if has(ix, "dimension") {
		t.Errorf("sparse restore has a dimension: %v", ix)
	}
	// FailInitialization does not apply to restores.
	e.srv.SetFaults(Faults{FailInitialization: []string{"*"}})
	e.restore(bk, `{"name":"r3"}`)
	wantState(t, e.do("GET", "/indexes/r3", "").must(t, http.StatusOK), "Ready", true)
}

func TestRestoreValidation(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second, DeleteDelay: time.Minute, Faults: Faults{FailBackups: []string{"bad"}}})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"bad"`, 1)).must(t, http.StatusCreated)
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"gone"`, 1)).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)
	ready := e.createBackup("s", `{}`)
	failed := e.createBackup("bad", `{}`)
	e.clock.Advance(10 * time.Second)
	pending := e.createBackup("s", `{}`)
	e.do("DELETE", "/indexes/gone", "").must(t, http.StatusAccepted)

	cases := []struct {
		name, backup, body string
		status             int
		code, msg          string
	}{
		{"missing name", ready, `{}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"null name", ready, `{"name":null}`, 422, "UNPROCESSABLE_ENTITY", "missing field `name`"},
		{"empty body", ready, ``, 422, "UNPROCESSABLE_ENTITY", "EOF"},
		{"tags list", ready, `{"name":"r","tags":["a"]}`, 422, "UNPROCESSABLE_ENTITY", "tags"},
		{"name rule", ready, `{"name":"R_1"}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"name too long", ready, `{"name":"` + strings.Repeat("r", 46) + `"}`, 400, "INVALID_ARGUMENT", "between 1 and 45"},
		{"deletion_protection", ready, `{"name":"r","deletion_protection":"yes"}`, 400, "INVALID_ARGUMENT", "deletion_protection"},
		{"tag key", ready, `{"name":"r","tags":{"bad key":"v"}}`, 400, "INVALID_ARGUMENT", "tag key"},
		{"backup missing", "bkp_123abc", `{"name":"r"}`, 404, "NOT_FOUND", "Backup bkp_123abc not found."},
		{"backup initializing", pending, `{"name":"r"}`, 400, "INVALID_ARGUMENT", "is not ready (status Initializing)"},
		{"backup failed", failed, `{"name":"r"}`, 400, "INVALID_ARGUMENT", "is not ready (status Failed)"},
		{"name taken", ready, `{"name":"s"}`, 409, "ALREADY_EXISTS", "Resource already exists."},
		{"name taken while terminating", ready, `{"name":"gone"}`, 409, "ALREADY_EXISTS", "Resource already exists."},
		// 400 rules come before the backup lookup, which comes before 409.
		{"bad name, backup missing", "nope", `{"name":"-r"}`, 400, "INVALID_ARGUMENT", nameRuleMessage},
		{"name taken, backup missing", "nope", `{"name":"s"}`, 404, "NOT_FOUND", "Backup nope not found."},
		{"name taken, backup not ready", pending, `{"name":"s"}`, 400, "INVALID_ARGUMENT", "not ready"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/backups/"+c.backup+"/create-index", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if got := strings.TrimSpace(e.do("GET", "/restore-jobs", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("rejected restores left jobs: %s", got)
	}
	e.do("GET", "/indexes/r", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index r not found.")
	e.do("GET", "/restore-jobs/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Restore job nope not found.")

	// The backup becomes usable once Ready.
	e.clock.Advance(10 * time.Second)
	e.restore(pending, `{"name":"r"}`)
}

func TestDeleteBackupWithPendingRestore(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	bk := e.createBackup("s", `{}`)
	other := e.createBackup("s", `{}`)
	e.clock.Advance(10 * time.Second)

	job1, _ := e.restore(bk, `{"name":"r1"}`)
	e.clock.Advance(time.Second)
	job2, _ := e.restore(bk, `{"name":"r2"}`)
	e.restore(other, `{"name":"r3"}`)

	// Both unfinished jobs are listed, oldest first: job1 is InProgress,
	// job2 Pending.
	want := "Unable to delete backup. There are pending restore jobs for this backup: ['" + job1 + "', '" + job2 + "']"
	r := e.do("DELETE", "/backups/"+bk, "")
	r.wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", want)
	if msg := dig(r.body, "error", "message"); msg != want {
		t.Errorf("message = %q, want %q", msg, want)
	}
	e.do("GET", "/backups/"+bk, "").must(t, http.StatusOK)

	// After job1 completes only job2 is pending.
	e.clock.Advance(9 * time.Second)
	wantField(t, e.do("GET", "/restore-jobs/"+job1, "").must(t, http.StatusOK), "Completed", "status")
	e.do("DELETE", "/backups/"+bk, "").wantError(t, http.StatusPreconditionFailed, "FAILED_PRECONDITION", "restore jobs for this backup: ['"+job2+"']")
	e.clock.Advance(time.Second)
	e.do("DELETE", "/backups/"+bk, "").must(t, http.StatusAccepted)
	e.do("GET", "/backups/"+bk, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "")
	// Restore jobs outlive their backup.
	wantField(t, e.do("GET", "/restore-jobs/"+job1, "").must(t, http.StatusOK), bk, "backup_id")
}

func TestListRestoreJobs(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	if got := strings.TrimSpace(e.do("GET", "/restore-jobs", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("empty GET /restore-jobs = %s, want {\"data\":[]}", got)
	}
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	bk := e.createBackup("s", `{}`)
	e.clock.Advance(10 * time.Second)
	var jobs []string
	for i, n := range []string{"r1", "r2", "r3", "r4", "r5"} {
		if i > 0 {
			e.clock.Advance(time.Second)
		}
		j, _ := e.restore(bk, `{"name":"`+n+`"}`)
		jobs = append(jobs, j)
	}
	pages := e.walkPages("/restore-jobs?limit=2", "restore_job_id")
	if len(pages) != 3 || len(pages[0]) != 2 || len(pages[1]) != 2 || len(pages[2]) != 1 {
		t.Fatalf("pages = %v, want sizes 2, 2, 1", pages)
	}
	if got := slices.Concat(pages...); !slices.Equal(got, jobs) {
		t.Errorf("jobs in pages = %v, want %v", got, jobs)
	}
	// List items carry the live status.
	b := e.do("GET", "/restore-jobs", "").must(t, http.StatusOK)
	if !lastPage(t, b) {
		t.Errorf("single page has pagination.next: %v", b)
	}
	data := b["data"].([]any)
	wantField(t, data[0].(map[string]any), "InProgress", "status")
	wantField(t, data[0].(map[string]any), "r1", "target_index_name")
	wantField(t, data[4].(map[string]any), "Pending", "status")
}

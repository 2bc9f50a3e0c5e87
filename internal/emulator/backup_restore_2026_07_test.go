package emulator

import (
	"fmt"
	"net/http"
	"slices"
	"testing"
	"time"
)

// Backups, restore jobs, collections and models at 2026-07 (spec
// db_control_2026-07.oas.yaml BackupModel, CreateBackupRequest,
// create_index_from_backup_operation, RestoreJobModel, list limits; TS
// client 9.0.0 inference ModelInfo).

func TestBackup07(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.at(v2025_10, "POST", "/indexes", bodyServerlessTagged).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)

	r := e.at(apiVersion2026_07, "POST", "/indexes/s/backups", `{"name":"nightly","description":"before the upgrade"}`)
	b := r.must(t, http.StatusOK)
	id, _ := b["backup_id"].(string)
	want := map[string]any{
		"backup_id": id, "source_index_name": "s", "source_index_id": b["source_index_id"],
		"name": "nightly", "description": "before the upgrade", "status": "Initializing",
		"cloud": "aws", "region": "us-east-1",
		"schema": map[string]any{"fields": map[string]any{
			"_values":        map[string]any{"type": "dense_vector", "description": nil, "dimension": 3, "metric": "euclidean"},
			"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil},
			"genre":          map[string]any{"filterable": true},
		}},
		"record_count": 0, "namespace_count": 0, "size_bytes": 0,
		"tags": map[string]any{"env": "prod"}, "created_at": "2026-03-01T12:00:10.000Z",
	}
	if !jsonEqual(b, want) {
		t.Errorf("2026-07 backup = %s\nwant %s", r.raw, mustJSON(want))
	}
	wantKeys := []string{"backup_id", "source_index_name", "source_index_id", "name", "description", "status", "cloud", "region",
		"schema", "record_count", "namespace_count", "size_bytes", "tags", "created_at"}
	if got := keyOrder(t, r.raw); !slices.Equal(got, wantKeys) {
		t.Errorf("key order = %v, want %v", got, wantKeys)
	}

	// The same backup at 2026-04 keeps dimension, metric and the metadata
	// schema.
	old := e.at(v2026_04, "GET", "/backups/"+id, "").must(t, http.StatusOK)
	wantField(t, old, 3, "dimension")
	wantField(t, old, "euclidean", "metric")
	wantField(t, old, map[string]any{"fields": map[string]any{"genre": map[string]any{"filterable": true}}}, "schema")

	e.clock.Advance(10 * time.Second)
	want["status"] = "Ready"
	if got := e.at(apiVersion2026_07, "GET", "/backups/"+id, "").must(t, http.StatusOK); !jsonEqual(got, want) {
		t.Errorf("Ready backup = %v, want %v", got, want)
	}
	list := e.at(apiVersion2026_07, "GET", "/indexes/s/backups", "").must(t, http.StatusOK)
	if items := listItems(t, list, "data"); len(items) != 1 || !jsonEqual(items[0], want) || list["pagination"] != nil {
		t.Errorf("2026-07 backup list = %v", list)
	}
}

func TestBackup07Rules(t *testing.T) {
	e := newEnv(t, Options{Faults: Faults{FailBackups: []string{"f"}}})
	e.at(v2026_04, "POST", "/indexes", bodySparse).must(t, http.StatusCreated)

	// A backup name follows the resource name rule at 2026-07 only.
	e.at(apiVersion2026_07, "POST", "/indexes/s/backups", `{"name":"Backup 1"}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Backup"+nameRule)
	e.at(apiVersion2026_07, "POST", "/indexes/s/backups", `{"name":""}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "Backup name must be between 1 and 45 characters long.")
	e.at(v2026_04, "POST", "/indexes/s/backups", `{"name":"Backup 1"}`).must(t, http.StatusOK)

	// No tags: null; a sparse index's schema is _sparse_values.
	b := e.at(apiVersion2026_07, "POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	if !has(b, "tags") || b["tags"] != nil || has(b, "name") || has(b, "dimension") || has(b, "metric") {
		t.Errorf("backup of an untagged sparse index = %v", b)
	}
	wantField(t, b, map[string]any{"fields": map[string]any{"_sparse_values": map[string]any{"type": "sparse_vector", "description": nil}}}, "schema")

	// A failed backup is InitializationFailed at 2026-07, Failed before.
	e.at(v2026_04, "POST", "/indexes", `{"name":"f","vector_type":"sparse","spec":{"serverless":{"cloud":"aws","region":"us-east-1"}}}`).must(t, http.StatusCreated)
	id := e.createBackup("f", `{}`)
	wantField(t, e.at(apiVersion2026_07, "GET", "/backups/"+id, "").must(t, http.StatusOK), "InitializationFailed", "status")
	wantField(t, e.at(v2026_04, "GET", "/backups/"+id, "").must(t, http.StatusOK), "Failed", "status")
}

// A document index's backup records its fields; the restored index gets
// them back, and 2026-04 sees both in its own shape.
func TestBackupAndRestoreDocumentIndex07(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(apiVersion2026_07, "POST", "/indexes", bodyDocumentIndex).must(t, http.StatusCreated)
	src := e.at(apiVersion2026_07, "GET", "/indexes/articles", "").must(t, http.StatusOK)
	bk := e.at(apiVersion2026_07, "POST", "/indexes/articles/backups", `{"name":"docs"}`).must(t, http.StatusOK)
	wantField(t, bk, src["schema"], "schema")
	wantField(t, bk, map[string]any{"team": "search"}, "tags")
	old := e.at(v2026_04, "GET", "/backups/"+bk["backup_id"].(string), "").must(t, http.StatusOK)
	wantField(t, old, 1536, "dimension")
	if has(old, "schema") {
		t.Errorf("2026-04 backup of a document index has a metadata schema: %v", old)
	}

	e.clock.Advance(time.Second)
	r := e.at(apiVersion2026_07, "POST", "/backups/"+bk["backup_id"].(string)+"/create-index", `{"name":"copy"}`).must(t, http.StatusAccepted)
	if len(r) != 2 || !uuidRe.MatchString(fmt.Sprint(r["restore_job_id"])) || !uuidRe.MatchString(fmt.Sprint(r["index_id"])) {
		t.Errorf("create-index answer = %v", r)
	}
	restored := e.at(apiVersion2026_07, "GET", "/indexes/copy", "").must(t, http.StatusOK)
	wantField(t, restored, src["schema"], "schema")
	wantField(t, restored, bk["backup_id"], "source_backup_id")
	wantField(t, restored, "gcp", "deployment", "cloud")
	if restored["tags"] != nil {
		t.Errorf("restored index took the backup's tags: %v", restored["tags"])
	}
}

// An integrated index's restore keeps its embedding (spec
// create_index_from_backup_operation: the restored index inherits "its
// integrated embedding configuration").
func TestRestoreIntegratedIndexKeepsEmbedding(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes/create-for-model", bodyCreateForModel).must(t, http.StatusCreated)
	id := e.createBackup("m", `{}`)
	e.clock.Advance(time.Second)
	e.restore(id, `{"name":"m2"}`)
	wantField(t, e.at(v2026_04, "GET", "/indexes/m2", "").must(t, http.StatusOK), "multilingual-e5-large", "embed", "model")
	wantField(t, e.at(apiVersion2026_07, "GET", "/indexes/m2", "").must(t, http.StatusOK), "semantic_text", "schema", "fields", "chunk_text", "type")
}

func TestRestoreJob07(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.at(v2026_04, "POST", "/indexes", bodyServerlessTagged).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)
	bk := e.createBackup("s", `{}`)

	// A backup that is not Ready: 412 at 2026-07 (the spec's example), 400
	// before.
	e.at(apiVersion2026_07, "POST", "/backups/"+bk+"/create-index", `{"name":"r"}`).
		wantError(t, http.StatusPreconditionFailed, codeFailedPrecondition, "Backup "+bk+" is not completed")
	e.at(v2026_04, "POST", "/backups/"+bk+"/create-index", `{"name":"r"}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, "is not ready")
	e.clock.Advance(10 * time.Second) // 12:00:20

	// read_capacity in the request (2026-07 only).
	r := e.at(apiVersion2026_07, "POST", "/backups/"+bk+"/create-index", `{"name":"r",
		"read_capacity":{"mode":"Dedicated","dedicated":{"node_type":"t1","scaling":"Manual","manual":{"replicas":2,"shards":2}}}}`).
		must(t, http.StatusAccepted)
	jobID := r["restore_job_id"].(string)
	wantField(t, e.at(apiVersion2026_07, "GET", "/indexes/r", "").must(t, http.StatusOK),
		map[string]any{"node_type": "t1", "scaling": "Manual", "manual": map[string]any{"replicas": 2, "shards": 2}}, "read_capacity", "dedicated")
	e.at(apiVersion2026_07, "POST", "/backups/"+bk+"/create-index", `{"name":"r2","read_capacity":{"mode":"Fast"}}`).
		wantError(t, http.StatusBadRequest, codeInvalidArgument, `invalid mode "Fast"`)
	e.at(apiVersion2026_07, "POST", "/backups/"+bk+"/create-index", `{"name":"r2","read_capacity":{}}`).
		wantError(t, http.StatusUnprocessableEntity, codeUnprocessable, "missing field `mode`")
	// Earlier versions ignore read_capacity, as before.
	e.at(v2026_04, "POST", "/backups/"+bk+"/create-index", `{"name":"r3","read_capacity":{"mode":"Fast"}}`).must(t, http.StatusAccepted)
	wantField(t, e.at(v2026_04, "GET", "/indexes/r3", "").must(t, http.StatusOK), "OnDemand", "spec", "serverless", "read_capacity", "mode")

	job07 := func() response {
		t.Helper()
		return e.at(apiVersion2026_07, "GET", "/restore-jobs/"+jobID, "")
	}
	want := map[string]any{
		"restore_job_id": jobID, "backup_id": bk, "target_index_name": "r", "target_index_id": r["index_id"],
		"status": "Pending", "created_at": "2026-03-01T12:00:20.000Z", "completed_at": nil,
	}
	for _, step := range []time.Duration{0, 5 * time.Second, 4999 * time.Millisecond} {
		e.clock.Advance(step)
		j := job07()
		if !jsonEqual(j.must(t, http.StatusOK), want) || !has(j.body, "completed_at") {
			t.Errorf("job at +%v = %s, want %s", step, j.raw, mustJSON(want))
		}
	}
	// 2026-04 still reports the intermediate progress.
	wantField(t, e.at(v2026_04, "GET", "/restore-jobs/"+jobID, "").must(t, http.StatusOK), "InProgress", "status")

	e.clock.Advance(time.Millisecond) // 12:00:30, done
	want["status"], want["completed_at"], want["percent_complete"] = "Completed", "2026-03-01T12:00:30.000Z", 100
	j := job07()
	if !jsonEqual(j.must(t, http.StatusOK), want) {
		t.Errorf("finished job = %s, want %s", j.raw, mustJSON(want))
	}
	if keys := keyOrder(t, j.raw); !slices.Equal(keys, []string{"restore_job_id", "backup_id", "target_index_name", "target_index_id", "status", "created_at", "completed_at", "percent_complete"}) {
		t.Errorf("key order = %v", keys)
	}
	list := e.at(apiVersion2026_07, "GET", "/restore-jobs", "").must(t, http.StatusOK)
	items := listItems(t, list, "data")
	i := slices.IndexFunc(items, func(it map[string]any) bool { return it["restore_job_id"] == jobID })
	if len(items) != 2 || i < 0 || !jsonEqual(items[i], want) {
		t.Errorf("2026-07 restore job list = %v", list)
	}
}

// Without limit, a 2026-07 page holds 100 items, a 2026-04 page 10.
func TestList07DefaultLimit(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", bodySparse).must(t, http.StatusCreated)
	for range 12 {
		e.createBackup("s", `{}`)
		e.clock.Advance(time.Millisecond)
	}
	old := e.at(v2026_04, "GET", "/backups", "").must(t, http.StatusOK)
	if len(listItems(t, old, "data")) != 10 || lastPage(t, old) {
		t.Errorf("2026-04 first page = %v", old)
	}
	all := e.at(apiVersion2026_07, "GET", "/backups", "").must(t, http.StatusOK)
	if len(listItems(t, all, "data")) != 12 || !lastPage(t, all) {
		t.Errorf("2026-07 first page = %v", all)
	}
	page := e.at(apiVersion2026_07, "GET", "/backups?limit=5", "").must(t, http.StatusOK)
	if len(listItems(t, page, "data")) != 5 || lastPage(t, page) {
		t.Errorf("2026-07 page of 5 = %v", page)
	}
}

// Collections and the model catalogue answer 2026-07 as they answer
// 2026-04 (CollectionModel and ModelInfo are unchanged).
func TestCollectionsAndModels07(t *testing.T) {
	e := newEnv(t, Options{})
	e.at(v2026_04, "POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	c07 := e.at(apiVersion2026_07, "POST", "/collections", `{"name":"c","source":"p"}`)
	c07.must(t, http.StatusCreated)
	for _, path := range []string{"/collections", "/collections/c", "/models", "/models/multilingual-e5-large", "/models?type=embed&vector_type=sparse"} {
		a, b := e.at(v2026_04, "GET", path, ""), e.at(apiVersion2026_07, "GET", path, "")
		if a.status != http.StatusOK || a.raw != b.raw {
			t.Errorf("GET %s: 2026-04 %d %s, 2026-07 %d %s", path, a.status, a.raw, b.status, b.raw)
		}
	}
	e.at(apiVersion2026_07, "DELETE", "/collections/c", "").must(t, http.StatusAccepted)
	e.at(apiVersion2026_07, "GET", "/models/nope", "").wantError(t, http.StatusNotFound, codeNotFound, "Model nope not found.")
}

package client

import (
	"errors"
	"net/http"
	"reflect"
	"strings"
	"testing"
)

// Backups and restore jobs as API 2026-07 renders them (BackupModel and
// RestoreJobModel of the TypeScript client 9.0.0): a typed schema instead of
// dimension and metric; restore jobs Pending → Completed with completed_at
// null and no percent_complete until then.

func backup07(id, schema string) string {
	return `{"backup_id":"` + id + `","source_index_name":"s","source_index_id":"s-id","status":"Ready","cloud":"aws","region":"us-east-1",` +
		`"name":"nightly","record_count":10,"namespace_count":1,"size_bytes":2048,"tags":null,"created_at":"2026-08-01T12:00:00Z",` +
		`"source_index_deleted_at":"2026-08-02T12:00:00Z","schema":{"fields":` + schema + `}}`
}

func TestBackupDecodes2026_07(t *testing.T) {
	cases := []struct {
		name      string
		schema    string
		dimension *int32
		metric    string
	}{
		{"dense", `{"_values":{"type":"dense_vector","dimension":1536,"metric":"cosine"},"_sparse_values":{"type":"sparse_vector"},"genre":{"filterable":true}}`,
			ptr[int32](1536), "cosine"},
		{"sparse", `{"_sparse_values":{"type":"sparse_vector"}}`, nil, "dotproduct"},
		{"integrated", `{"chunk_text":{"type":"semantic_text","model":"llama-text-embed-v2","dimension":768,"metric":"dotproduct"}}`,
			ptr[int32](768), "dotproduct"},
		{"integrated sparse", `{"body":{"type":"semantic_text","model":"pinecone-sparse-english-v0","dimension":null,"metric":"dotproduct"}}`,
			nil, "dotproduct"},
		{"document", `{"title":{"type":"string","full_text_search":{"language":"en","stemming":false,"stop_words":false}},` +
			`"emb":{"type":"dense_vector","dimension":8,"metric":"cosine"}}`, nil, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, backup07("b1", tc.schema)) })
			c := newTestClient(t, api.URL())
			b, err := c.DescribeBackup(t.Context(), "b1")
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(b.Dimension, tc.dimension) || b.Metric != tc.metric {
				t.Errorf("dimension %v, metric %q; want %v, %q", jsonOf(b.Dimension), b.Metric, jsonOf(tc.dimension), tc.metric)
			}
			if b.Schema == nil || len(b.Schema.Fields) == 0 || b.SourceIndexDeletedAt != "2026-08-02T12:00:00Z" ||
				b.Name != "nightly" || *b.RecordCount != 10 || b.Tags != nil || b.CreatedAt != "2026-08-01T12:00:00Z" {
				t.Errorf("backup decoded wrongly: %s", jsonOf(b))
			}
			if v := api.only(t).Header.Get("X-Pinecone-Api-Version"); v != "2026-07" {
				t.Errorf("version = %q, want 2026-07", v)
			}
		})
	}
}

// Dimension and metric the server sent are never overwritten.
func TestBackupKeepsLegacyDimensionAndMetric(t *testing.T) {
	b := BackupModel{Dimension: ptr[int32](3), Metric: "euclidean", Schema: &IndexSchema{Fields: map[string]SchemaField{
		"_values": {Type: FieldDenseVector, Dimension: ptr[int32](9), Metric: "cosine"},
	}}}
	b.normalize()
	if *b.Dimension != 3 || b.Metric != "euclidean" {
		t.Errorf("normalize overwrote %v/%q", *b.Dimension, b.Metric)
	}
}

func TestBackupListsAreNormalized(t *testing.T) {
	dense := backup07("b1", `{"_values":{"type":"dense_vector","dimension":4,"metric":"cosine"},"_sparse_values":{"type":"sparse_vector"}}`)
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.Method == http.MethodPost {
			reply(w, 201, strings.Replace(dense, `"status":"Ready"`, `"status":"Initializing"`, 1))
			return
		}
		reply(w, 200, `{"data":[`+dense+`],"pagination":null}`)
	})
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	all, err := c.ListBackups(ctx)
	if err != nil {
		t.Fatal(err)
	}
	own, err := c.ListIndexBackups(ctx, "s")
	if err != nil {
		t.Fatal(err)
	}
	created, err := c.CreateBackup(ctx, "s", CreateBackupRequest{Name: "nightly"})
	if err != nil {
		t.Fatal(err)
	}
	for _, b := range []BackupModel{all[0], own[0], *created} {
		if b.Dimension == nil || *b.Dimension != 4 || b.Metric != "cosine" {
			t.Errorf("backup not normalized: %s", jsonOf(b))
		}
	}
}

func TestCreateIndexFromBackupWithReadCapacity(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 202, createFromBackupAnswer) })
	c := newTestClient(t, api.URL())
	_, err := c.CreateIndexFromBackup(t.Context(), "b1", CreateIndexFromBackupRequest{
		Name: "r", DeletionProtection: "enabled", ReadCapacity: &ReadCapacity{Mode: ReadCapacityOnDemand},
	})
	if err != nil {
		t.Fatal(err)
	}
	got := api.only(t)
	assertJSON(t, got.Body, `{"name":"r","deletion_protection":"enabled","read_capacity":{"mode":"OnDemand"}}`)
	if v := got.Header.Get("X-Pinecone-Api-Version"); v != "2026-07" {
		t.Errorf("version = %q, want 2026-07", v)
	}
}

func restoreJob07(status, completed, percent string) string {
	s := `{"restore_job_id":"j1","backup_id":"b1","target_index_name":"r","target_index_id":"r-id","status":"` + status + `",` +
		`"created_at":"2026-08-01T12:00:00Z","completed_at":` + completed
	if percent != "" {
		s += `,"percent_complete":` + percent
	}
	return s + `}`
}

func TestRestoreJobDecodes2026_07(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, restoreJob07("Pending", "null", ""))
	})
	c := newTestClient(t, api.URL())
	j, err := c.DescribeRestoreJob(t.Context(), "j1")
	if err != nil {
		t.Fatal(err)
	}
	want := RestoreJobModel{RestoreJobID: "j1", BackupID: "b1", TargetIndexName: "r", TargetIndexID: "r-id",
		Status: RestoreJobStatePending, CreatedAt: "2026-08-01T12:00:00Z"}
	if !reflect.DeepEqual(*j, want) {
		t.Errorf("decoded %+v, want %+v", *j, want)
	}
}

func TestWaitForRestoreJob2026_07(t *testing.T) {
	done := restoreJob07("Completed", `"2026-08-01T12:05:00Z"`, "100")
	api := newFakeAPI(t, sequence(restoreJob07("Pending", "null", ""), restoreJob07("Pending", "null", ""), done))
	c := newTestClient(t, api.URL())
	j, err := c.WaitForRestoreJob(boundedCtx(t), "j1")
	if err != nil {
		t.Fatalf("WaitForRestoreJob: %v", err)
	}
	if j.Status != RestoreJobStateCompleted || j.CompletedAt != "2026-08-01T12:05:00Z" || *j.PercentComplete != 100 || api.count() != 3 {
		t.Errorf("returned %+v after %d describes", j, api.count())
	}
	for _, status := range []string{RestoreJobStateFailed, RestoreJobStateCancelled} {
		api := newFakeAPI(t, sequence(restoreJob07("Pending", "null", ""), restoreJob07(status, "null", "")))
		c := newTestClient(t, api.URL())
		_, err := c.WaitForRestoreJob(boundedCtx(t), "j1")
		var fe *RestoreFailedError
		if !errors.As(err, &fe) || fe.Status != status {
			t.Errorf("%s: err = %v, want a RestoreFailedError", status, err)
		}
	}
}

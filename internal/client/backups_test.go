package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
	"time"
)

// Spec example of a backup (github.com/pinecone-io/pinecone-api,
// 2026-04/db_control_2026-04.oas.yaml : describe_backup).
const backupExample = `{"backup_id":"670e8400-e29b-41d4-a716-446655440000","source_index_name":"my-index",` +
	`"source_index_id":"670e8400-e29b-41d4-a716-446655440001","name":"backup_2024_03_15",` +
	`"description":"Monthly backup of production index","status":"Ready","cloud":"aws","region":"us-east-1",` +
	`"dimension":1536,"metric":"cosine","record_count":120000,"namespace_count":3,"size_bytes":10000000,` +
	`"tags":{"environment":"production","type":"monthly"},"created_at":"2024-03-15T10:30:00Z",` +
	`"schema":{"fields":{"genre":{"filterable":true}}}}`

// A finished restore job as the spec shows it (RestoreJobModel field examples
// in 2026-04/db_control_2026-04.oas.yaml : describe_restore_job).
const restoreJobExample = `{"restore_job_id":"670e8400-e29b-41d4-a716-446655440002","backup_id":"670e8400-e29b-41d4-a716-446655440000",` +
	`"target_index_name":"sample-index","target_index_id":"670e8400-e29b-41d4-a716-446655440003","status":"Completed",` +
	`"created_at":"2025-02-04T13:00:00Z","completed_at":"2025-02-04T13:05:00Z","percent_complete":100}`

const createFromBackupAnswer = `{"restore_job_id":"rj-1","index_id":"ix-1"}`

// backupJSON is a minimal backup with the given ID and status.
func backupJSON(id, status string) string {
	return fmt.Sprintf(`{"backup_id":%q,"source_index_name":"s","source_index_id":"s-id","status":%q,"cloud":"aws","region":"us-east-1"}`, id, status)
}

// restoreJobJSON is a restore job with the given ID, status and progress.
func restoreJobJSON(id, status string, percent float64) string {
	return fmt.Sprintf(`{"restore_job_id":%q,"backup_id":"b","target_index_name":"r","target_index_id":"r-id",`+
		`"status":%q,"created_at":"2025-02-04T13:00:00Z","percent_complete":%v}`, id, status, percent)
}

const oddID = "a b/c?d#e%f"
const oddIDEsc = "a%20b%2Fc%3Fd%23e%25f"

func backupWireCases() []wireCall {
	return []wireCall{
		{
			name: "CreateBackup without name or description",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateBackup(ctx, "s", CreateBackupRequest{})
				return err
			},
			status: 201, respBody: backupJSON("b1", "Initializing"),
			method: "POST", uri: "/indexes/s/backups",
			body: `{}`,
		},
		{
			name: "CreateBackup with name and description",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateBackup(ctx, "s", CreateBackupRequest{Name: "nightly", Description: "before the migration"})
				return err
			},
			status: 201, respBody: backupJSON("b1", "Initializing"),
			method: "POST", uri: "/indexes/s/backups",
			body: `{"name":"nightly","description":"before the migration"}`,
		},
		{
			name: "CreateBackup name only",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateBackup(ctx, "s", CreateBackupRequest{Name: "nightly"})
				return err
			},
			status: 201, respBody: backupJSON("b1", "Initializing"),
			method: "POST", uri: "/indexes/s/backups",
			body: `{"name":"nightly"}`,
		},
		{
			name: "CreateBackup escaped index name",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateBackup(ctx, oddID, CreateBackupRequest{})
				return err
			},
			status: 201, respBody: backupJSON("b1", "Initializing"),
			method: "POST", uri: "/indexes/" + oddIDEsc + "/backups",
			body: `{}`,
		},
		{
			name:     "DescribeBackup",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeBackup(ctx, "bkp_123abc"); return err },
			status:   200,
			respBody: backupExample,
			method:   "GET", uri: "/backups/bkp_123abc",
		},
		{
			name:     "DescribeBackup escaped",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeBackup(ctx, oddID); return err },
			status:   200,
			respBody: backupExample,
			method:   "GET", uri: "/backups/" + oddIDEsc,
		},
		{
			name:   "DeleteBackup",
			call:   func(ctx context.Context, c *Client) error { return c.DeleteBackup(ctx, "bkp_123abc") },
			status: 202,
			method: "DELETE", uri: "/backups/bkp_123abc",
		},
		{
			name:   "DeleteBackup escaped",
			call:   func(ctx context.Context, c *Client) error { return c.DeleteBackup(ctx, oddID) },
			status: 202,
			method: "DELETE", uri: "/backups/" + oddIDEsc,
		},
		{
			name:     "ListBackups",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListBackups(ctx); return err },
			status:   200,
			respBody: `{"data":[` + backupExample + `],"pagination":null}`,
			method:   "GET", uri: "/backups?limit=100",
		},
		{
			name:     "ListIndexBackups",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListIndexBackups(ctx, "s"); return err },
			status:   200,
			respBody: `{"data":[` + backupExample + `]}`,
			method:   "GET", uri: "/indexes/s/backups?limit=100",
		},
		{
			name:     "ListIndexBackups escaped",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListIndexBackups(ctx, oddID); return err },
			status:   200,
			respBody: `{"data":[]}`,
			method:   "GET", uri: "/indexes/" + oddIDEsc + "/backups?limit=100",
		},
		{
			name: "CreateIndexFromBackup name only",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndexFromBackup(ctx, "b1", CreateIndexFromBackupRequest{Name: "r"})
				return err
			},
			status: 202, respBody: createFromBackupAnswer,
			method: "POST", uri: "/backups/b1/create-index",
			body: `{"name":"r"}`,
		},
		{
			name: "CreateIndexFromBackup with tags and deletion protection",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndexFromBackup(ctx, "b1", CreateIndexFromBackupRequest{
					Name: "r", Tags: map[string]string{"env": "prod", "team": "search"}, DeletionProtection: "enabled",
				})
				return err
			},
			status: 202, respBody: createFromBackupAnswer,
			method: "POST", uri: "/backups/b1/create-index",
			body: `{"name":"r","tags":{"env":"prod","team":"search"},"deletion_protection":"enabled"}`,
		},
		{
			name: "CreateIndexFromBackup escaped backup ID",
			call: func(ctx context.Context, c *Client) error {
				_, err := c.CreateIndexFromBackup(ctx, oddID, CreateIndexFromBackupRequest{Name: "r"})
				return err
			},
			status: 202, respBody: createFromBackupAnswer,
			method: "POST", uri: "/backups/" + oddIDEsc + "/create-index",
			body: `{"name":"r"}`,
		},
		{
			name:     "ListRestoreJobs",
			call:     func(ctx context.Context, c *Client) error { _, err := c.ListRestoreJobs(ctx); return err },
			status:   200,
			respBody: `{"data":[` + restoreJobExample + `],"pagination":null}`,
			method:   "GET", uri: "/restore-jobs?limit=100",
		},
		{
			name:     "DescribeRestoreJob",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeRestoreJob(ctx, "rj-1"); return err },
			status:   200,
			respBody: restoreJobExample,
			method:   "GET", uri: "/restore-jobs/rj-1",
		},
		{
			name:     "DescribeRestoreJob escaped",
			call:     func(ctx context.Context, c *Client) error { _, err := c.DescribeRestoreJob(ctx, oddID); return err },
			status:   200,
			respBody: restoreJobExample,
			method:   "GET", uri: "/restore-jobs/" + oddIDEsc,
		},
	}
}

func TestBackupCallsOnTheWire(t *testing.T) {
	runWireCases(t, backupWireCases())
}

// Decoded comparisons could hide a stray key or a null; these are the bytes.
func TestBackupRequestRawBodies(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if strings.HasSuffix(r.URL.Path, "/create-index") {
			reply(w, 202, createFromBackupAnswer)
			return
		}
		reply(w, 201, backupJSON("b1", "Initializing"))
	})
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	if _, err := c.CreateBackup(ctx, "s", CreateBackupRequest{}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateIndexFromBackup(ctx, "b1", CreateIndexFromBackupRequest{Name: "r"}); err != nil {
		t.Fatal(err)
	}
	if _, err := c.CreateIndexFromBackup(ctx, "b1", CreateIndexFromBackupRequest{Name: "r", Tags: map[string]string{}}); err != nil {
		t.Fatal(err)
	}
	want := []string{`{}`, `{"name":"r"}`, `{"name":"r"}`}
	reqs := api.requests()
	if len(reqs) != len(want) {
		t.Fatalf("server saw %d requests, want %d", len(reqs), len(want))
	}
	for i, r := range reqs {
		if string(r.Body) != want[i] {
			t.Errorf("request %d (%s %s) body = %s, want %s", i, r.Method, r.Path, r.Body, want[i])
		}
	}
}

func TestBackupResponsesAreDecoded(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, backupExample) })
	c := newTestClient(t, api.URL())
	b, err := c.DescribeBackup(t.Context(), "670e8400-e29b-41d4-a716-446655440000")
	if err != nil {
		t.Fatal(err)
	}
	want := BackupModel{
		BackupID:        "670e8400-e29b-41d4-a716-446655440000",
		SourceIndexName: "my-index",
		SourceIndexID:   "670e8400-e29b-41d4-a716-446655440001",
		Status:          BackupStateReady,
		Cloud:           "aws",
		Region:          "us-east-1",
		Name:            "backup_2024_03_15",
		Description:     "Monthly backup of production index",
		Dimension:       ptr[int32](1536),
		Metric:          "cosine",
		Schema:          &IndexSchema{Fields: map[string]SchemaField{"genre": {Filterable: ptr(true)}}},
		RecordCount:     ptr[int64](120000),
		NamespaceCount:  ptr[int64](3),
		SizeBytes:       ptr[int64](10000000),
		Tags:            map[string]string{"environment": "production", "type": "monthly"},
		CreatedAt:       "2024-03-15T10:30:00Z",
	}
	if !reflect.DeepEqual(*b, want) {
		t.Errorf("decoded backup\n got: %+v\nwant: %+v", *b, want)
	}
}

func TestBackupOptionalFieldsStayUnset(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, backupJSON("b1", "Initializing")) })
	c := newTestClient(t, api.URL())
	b, err := c.DescribeBackup(t.Context(), "b1")
	if err != nil {
		t.Fatal(err)
	}
	want := BackupModel{BackupID: "b1", SourceIndexName: "s", SourceIndexID: "s-id", Status: BackupStateInitializing, Cloud: "aws", Region: "us-east-1"}
	if !reflect.DeepEqual(*b, want) {
		t.Errorf("decoded backup\n got: %+v\nwant: %+v", *b, want)
	}
}

func TestRestoreJobResponsesAreDecoded(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.Method == http.MethodPost:
			reply(w, 202, `{"restore_job_id":"670e8400-e29b-41d4-a716-446655440002","index_id":"670e8400-e29b-41d4-a716-446655440003"}`)
		case strings.HasPrefix(r.URL.Path, "/restore-jobs/"):
			reply(w, 200, restoreJobExample)
		default:
			reply(w, 200, `{"data":[`+restoreJobExample+`,`+restoreJobJSON("j2", "InProgress", 42.5)+`],"pagination":null}`)
		}
	})
	c := newTestClient(t, api.URL())
	ctx := t.Context()

	created, err := c.CreateIndexFromBackup(ctx, "670e8400-e29b-41d4-a716-446655440000", CreateIndexFromBackupRequest{Name: "sample-index"})
	if err != nil {
		t.Fatal(err)
	}
	if want := (CreateIndexFromBackupResponse{RestoreJobID: "670e8400-e29b-41d4-a716-446655440002", IndexID: "670e8400-e29b-41d4-a716-446655440003"}); *created != want {
		t.Errorf("create-index answer = %+v, want %+v", *created, want)
	}

	finished := RestoreJobModel{
		RestoreJobID:    "670e8400-e29b-41d4-a716-446655440002",
		BackupID:        "670e8400-e29b-41d4-a716-446655440000",
		TargetIndexName: "sample-index",
		TargetIndexID:   "670e8400-e29b-41d4-a716-446655440003",
		Status:          RestoreJobStateCompleted,
		CreatedAt:       "2025-02-04T13:00:00Z",
		CompletedAt:     "2025-02-04T13:05:00Z",
		PercentComplete: ptr(100.0),
	}
	job, err := c.DescribeRestoreJob(ctx, finished.RestoreJobID)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(*job, finished) {
		t.Errorf("decoded restore job\n got: %+v\nwant: %+v", *job, finished)
	}

	jobs, err := c.ListRestoreJobs(ctx)
	if err != nil {
		t.Fatal(err)
	}
	running := RestoreJobModel{
		RestoreJobID: "j2", BackupID: "b", TargetIndexName: "r", TargetIndexID: "r-id",
		Status: "InProgress", CreatedAt: "2025-02-04T13:00:00Z", PercentComplete: ptr(42.5),
	}
	if !reflect.DeepEqual(jobs, []RestoreJobModel{finished, running}) {
		t.Errorf("listed restore jobs\n got: %+v\nwant: %+v", jobs, []RestoreJobModel{finished, running})
	}
}

func TestBackupCallsAcceptAny2xx(t *testing.T) {
	// The spec says 201 for a new backup; the Go SDK only accepts 200.
	for _, status := range []int{200, 201, 202} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			reply(w, status, backupJSON("b1", "Initializing"))
		})
		c := newTestClient(t, api.URL())
		b, err := c.CreateBackup(t.Context(), "s", CreateBackupRequest{})
		if err != nil {
			t.Errorf("create backup answered %d: %v", status, err)
			continue
		}
		if b.BackupID != "b1" || b.Status != BackupStateInitializing {
			t.Errorf("create backup answered %d: model %+v", status, b)
		}
		if api.count() != 1 {
			t.Errorf("create backup answered %d: %d requests, want 1", status, api.count())
		}
	}
	for _, status := range []int{200, 201, 202} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, status, createFromBackupAnswer) })
		c := newTestClient(t, api.URL())
		out, err := c.CreateIndexFromBackup(t.Context(), "b1", CreateIndexFromBackupRequest{Name: "r"})
		if err != nil {
			t.Errorf("create-index answered %d: %v", status, err)
			continue
		}
		if out.RestoreJobID != "rj-1" || out.IndexID != "ix-1" {
			t.Errorf("create-index answered %d: %+v", status, out)
		}
	}
	for _, status := range []int{200, 202, 204} {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { w.WriteHeader(status) })
		c := newTestClient(t, api.URL())
		if err := c.DeleteBackup(t.Context(), "b1"); err != nil {
			t.Errorf("delete backup answered %d with an empty body: %v", status, err)
		}
		if api.count() != 1 {
			t.Errorf("delete backup answered %d: %d requests, want 1", status, api.count())
		}
	}
}

func TestBackupErrorsAreClassified(t *testing.T) {
	cases := []struct {
		name   string
		status int
		code   string
		call   func(ctx context.Context, c *Client) error
		want   error
	}{
		{"describe missing backup", 404, "NOT_FOUND", func(ctx context.Context, c *Client) error { _, err := c.DescribeBackup(ctx, "b"); return err }, ErrNotFound},
		{"delete with pending restore", 412, "FAILED_PRECONDITION", func(ctx context.Context, c *Client) error { return c.DeleteBackup(ctx, "b") }, ErrFailedPrecondition},
		{"backup quota", 403, "FORBIDDEN", func(ctx context.Context, c *Client) error {
			_, err := c.CreateBackup(ctx, "s", CreateBackupRequest{})
			return err
		}, ErrForbidden},
		{"restore into taken name", 409, "ALREADY_EXISTS", func(ctx context.Context, c *Client) error {
			_, err := c.CreateIndexFromBackup(ctx, "b", CreateIndexFromBackupRequest{Name: "r"})
			return err
		}, ErrAlreadyExists},
		{"describe missing restore job", 404, "NOT_FOUND", func(ctx context.Context, c *Client) error { _, err := c.DescribeRestoreJob(ctx, "j"); return err }, ErrNotFound},
		{"list backups of missing index", 404, "NOT_FOUND", func(ctx context.Context, c *Client) error { _, err := c.ListIndexBackups(ctx, "nope"); return err }, ErrNotFound},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
				reply(w, tc.status, pineconeError(tc.status, tc.code, "no"))
			})
			c := newTestClient(t, api.URL())
			err := tc.call(t.Context(), c)
			if !errors.Is(err, tc.want) {
				t.Errorf("err = %v, want %v", err, tc.want)
			}
			if apiErr, ok := AsAPIError(err); !ok || apiErr.Code != tc.code || apiErr.AfterUncertainRetry {
				t.Errorf("APIError = %+v", apiErr)
			}
			if api.count() != 1 {
				t.Errorf("requests = %d, want 1", api.count())
			}
		})
	}
}

// lister adapts one paginated list call for the table-driven tests below.
type lister struct {
	name string
	path string
	item func(id string) string
	list func(ctx context.Context, c *Client) ([]string, error)
}

func listers() []lister {
	backupIDs := func(bs []BackupModel, err error) ([]string, error) {
		if bs == nil {
			return nil, err
		}
		ids := []string{}
		for _, b := range bs {
			ids = append(ids, b.BackupID)
		}
		return ids, err
	}
	backupItem := func(id string) string { return backupJSON(id, "Ready") }
	return []lister{
		{
			name: "ListBackups", path: "/backups", item: backupItem,
			list: func(ctx context.Context, c *Client) ([]string, error) { return backupIDs(c.ListBackups(ctx)) },
		},
		{
			name: "ListIndexBackups", path: "/indexes/my index/backups", item: backupItem,
			list: func(ctx context.Context, c *Client) ([]string, error) {
				return backupIDs(c.ListIndexBackups(ctx, "my index"))
			},
		},
		{
			name: "ListRestoreJobs", path: "/restore-jobs",
			item: func(id string) string { return restoreJobJSON(id, "Completed", 100) },
			list: func(ctx context.Context, c *Client) ([]string, error) {
				jobs, err := c.ListRestoreJobs(ctx)
				if jobs == nil {
					return nil, err
				}
				ids := []string{}
				for _, j := range jobs {
					ids = append(ids, j.RestoreJobID)
				}
				return ids, err
			},
		},
	}
}

// pageBody builds one list page; tail is the pagination part ("" = absent).
func pageBody(l lister, tail string, ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = l.item(id)
	}
	body := `{"data":[` + strings.Join(items, ",") + `]`
	if tail != "" {
		body += `,"pagination":` + tail
	}
	return body + "}"
}

func nextJSON(token string) string { return fmt.Sprintf(`{"next":%q}`, token) }

// pagedAPI serves pages keyed by the paginationToken the client sends ("" is
// the first page); an unknown token is answered 400.
func pagedAPI(t *testing.T, path string, pages map[string]string) *fakeAPI {
	return newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if r.URL.Path != path {
			reply(w, 404, pineconeError(404, "NOT_FOUND", "wrong path "+r.URL.Path))
			return
		}
		body, ok := pages[r.URL.Query().Get("paginationToken")]
		if !ok {
			reply(w, 400, pineconeError(400, "INVALID_ARGUMENT", "unknown pagination token"))
			return
		}
		reply(w, 200, body)
	})
}

// checkPageQueries asserts that each request asked for 100 items and carried
// the expected token (none on the first page).
func checkPageQueries(t *testing.T, reqs []seenRequest, path string, tokens ...string) {
	t.Helper()
	if len(reqs) != len(tokens) {
		t.Fatalf("server saw %d requests, want %d", len(reqs), len(tokens))
	}
	for i, token := range tokens {
		r := reqs[i]
		if r.Method != "GET" || r.Path != path {
			t.Errorf("request %d = %s %s, want GET %s", i, r.Method, r.Path, path)
		}
		q, err := url.ParseQuery(r.RawQuery)
		if err != nil {
			t.Errorf("request %d: bad query %q: %v", i, r.RawQuery, err)
			continue
		}
		want := url.Values{"limit": {"100"}}
		if token != "" {
			want.Set("paginationToken", token)
		}
		if !reflect.DeepEqual(q, want) {
			t.Errorf("request %d query = %v (raw %q), want %v", i, q, r.RawQuery, want)
		}
	}
}

func TestListPagination(t *testing.T) {
	// Tokens are opaque: characters that need query escaping must survive.
	const tok1, tok2 = "eyJvZmZzZXQiOjJ9+/=", "page 3&limit=1?#"
	lastPages := map[string]string{"absent": "", "null": "null", "empty next": `{"next":""}`}
	for _, l := range listers() {
		for lastName, lastTail := range lastPages {
			t.Run(l.name+"/last page "+lastName, func(t *testing.T) {
				api := pagedAPI(t, l.path, map[string]string{
					"":   pageBody(l, nextJSON(tok1), "a1", "a2"),
					tok1: pageBody(l, nextJSON(tok2), "b1", "b2"),
					tok2: pageBody(l, lastTail, "c1"),
				})
				c := newTestClient(t, api.URL())
				got, err := l.list(t.Context(), c)
				if err != nil {
					t.Fatalf("%s: %v", l.name, err)
				}
				if want := []string{"a1", "a2", "b1", "b2", "c1"}; !reflect.DeepEqual(got, want) {
					t.Errorf("IDs = %v, want %v", got, want)
				}
				checkPageQueries(t, api.requests(), l.path, "", tok1, tok2)
			})
		}
	}
}

// A first page that already says "no more" costs one request, whatever the
// shape of its pagination field.
func TestListSinglePage(t *testing.T) {
	for _, l := range listers() {
		for _, tail := range []string{"", "null", `{"next":""}`} {
			api := pagedAPI(t, l.path, map[string]string{"": pageBody(l, tail, "only")})
			c := newTestClient(t, api.URL())
			got, err := l.list(t.Context(), c)
			if err != nil {
				t.Fatalf("%s (pagination %q): %v", l.name, tail, err)
			}
			if !reflect.DeepEqual(got, []string{"only"}) {
				t.Errorf("%s (pagination %q): IDs = %v", l.name, tail, got)
			}
			checkPageQueries(t, api.requests(), l.path, "")
		}
	}
}

func TestListEmptyIsNonNil(t *testing.T) {
	for _, l := range listers() {
		for _, body := range []string{`{"data":[]}`, `{"data":[],"pagination":null}`, `{"data":[],"pagination":{"next":""}}`, `{}`} {
			api := pagedAPI(t, l.path, map[string]string{"": body})
			c := newTestClient(t, api.URL())
			got, err := l.list(t.Context(), c)
			if err != nil {
				t.Errorf("%s %s: %v", l.name, body, err)
				continue
			}
			if got == nil || len(got) != 0 {
				t.Errorf("%s %s: got %#v, want an empty non-nil slice", l.name, body, got)
			}
		}
	}
	// The typed results themselves, not just the adapted IDs.
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, `{"data":[]}`) })
	c := newTestClient(t, api.URL())
	ctx := t.Context()
	if bs, err := c.ListBackups(ctx); err != nil || bs == nil || len(bs) != 0 {
		t.Errorf("ListBackups = %#v, %v; want an empty non-nil slice", bs, err)
	}
	if bs, err := c.ListIndexBackups(ctx, "s"); err != nil || bs == nil || len(bs) != 0 {
		t.Errorf("ListIndexBackups = %#v, %v; want an empty non-nil slice", bs, err)
	}
	if js, err := c.ListRestoreJobs(ctx); err != nil || js == nil || len(js) != 0 {
		t.Errorf("ListRestoreJobs = %#v, %v; want an empty non-nil slice", js, err)
	}
}

// Pages may be empty while more follow: only the token ends the listing.
func TestListEmptyMiddlePage(t *testing.T) {
	for _, l := range listers() {
		api := pagedAPI(t, l.path, map[string]string{
			"":   pageBody(l, nextJSON("t1"), "a"),
			"t1": pageBody(l, nextJSON("t2")),
			"t2": pageBody(l, "null", "c"),
		})
		c := newTestClient(t, api.URL())
		got, err := l.list(t.Context(), c)
		if err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		if !reflect.DeepEqual(got, []string{"a", "c"}) {
			t.Errorf("%s: IDs = %v, want [a c]", l.name, got)
		}
		checkPageQueries(t, api.requests(), l.path, "", "t1", "t2")
	}
}

func TestListRepeatedTokenIsAnError(t *testing.T) {
	for _, l := range listers() {
		t.Run(l.name+"/same token again", func(t *testing.T) {
			api := pagedAPI(t, l.path, map[string]string{
				"":     pageBody(l, nextJSON("loop"), "a"),
				"loop": pageBody(l, nextJSON("loop"), "b"),
			})
			c := newTestClient(t, api.URL())
			_, err := l.list(boundedCtx(t), c)
			if err == nil || !strings.Contains(err.Error(), "repeated") || !strings.Contains(err.Error(), `"loop"`) {
				t.Fatalf("err = %v, want a repeated-token error", err)
			}
			if !strings.Contains(err.Error(), "GET "+(&url.URL{Path: l.path}).EscapedPath()) {
				t.Errorf("err %q does not name the call", err)
			}
			checkPageQueries(t, api.requests(), l.path, "", "loop")
		})
		t.Run(l.name+"/cycle", func(t *testing.T) {
			api := pagedAPI(t, l.path, map[string]string{
				"":   pageBody(l, nextJSON("t1"), "a"),
				"t1": pageBody(l, nextJSON("t2"), "b"),
				"t2": pageBody(l, nextJSON("t1"), "c"),
			})
			c := newTestClient(t, api.URL())
			if _, err := l.list(boundedCtx(t), c); err == nil || !strings.Contains(err.Error(), "repeated") {
				t.Fatalf("err = %v, want a repeated-token error", err)
			}
			checkPageQueries(t, api.requests(), l.path, "", "t1", "t2")
		})
	}
}

// A server that hands out a fresh token forever is cut off, not followed.
func TestListGivesUpAfterMaxPages(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 200, fmt.Sprintf(`{"data":[],"pagination":{"next":"t%d"}}`, n))
	})
	c := newTestClient(t, api.URL())
	_, err := c.ListBackups(boundedCtx(t))
	if err == nil || !strings.Contains(err.Error(), fmt.Sprint(maxPages)) {
		t.Fatalf("err = %v, want a too-many-pages error", err)
	}
	if api.count() != maxPages {
		t.Errorf("requests = %d, want %d", api.count(), maxPages)
	}
}

func TestListErrorOnSecondPage(t *testing.T) {
	for _, l := range listers() {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			if n == 0 {
				reply(w, 200, pageBody(l, nextJSON("t1"), "a"))
				return
			}
			reply(w, 403, pineconeError(403, "FORBIDDEN", "Forbidden"))
		})
		c := newTestClient(t, api.URL())
		_, err := l.list(t.Context(), c)
		if !errors.Is(err, ErrForbidden) {
			t.Errorf("%s: err = %v, want ErrForbidden from page 2", l.name, err)
		}
		if api.count() != 2 {
			t.Errorf("%s: requests = %d, want 2", l.name, api.count())
		}
	}
}

// Listing is a GET: a dropped connection or a 5xx on a later page is retried
// with the same token.
func TestListRetriesPageWithSameToken(t *testing.T) {
	for _, l := range listers() {
		api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
			switch n {
			case 0:
				reply(w, 200, pageBody(l, nextJSON("t1"), "a"))
			case 1:
				reply(w, 503, pineconeError(503, "UNAVAILABLE", "later"))
			case 2:
				dropConnection(t, w)
			default:
				reply(w, 200, pageBody(l, "", "b"))
			}
		})
		c := newTestClient(t, api.URL())
		got, err := l.list(t.Context(), c)
		if err != nil {
			t.Fatalf("%s: %v", l.name, err)
		}
		if !reflect.DeepEqual(got, []string{"a", "b"}) {
			t.Errorf("%s: IDs = %v, want [a b] (no duplicates from retries)", l.name, got)
		}
		checkPageQueries(t, api.requests(), l.path, "", "t1", "t1", "t1")
	}
}

func TestListStopsWhenContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(t.Context())
	defer cancel()
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		cancel() // the caller gives up while the first page is on its way
		reply(w, 200, `{"data":[],"pagination":{"next":"t1"}}`)
	})
	c := newTestClient(t, api.URL())
	_, err := c.ListRestoreJobs(ctx)
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if api.count() != 1 {
		t.Errorf("requests = %d, want 1", api.count())
	}
}

func TestCreateBackupNotRetriedAfterServerError(t *testing.T) {
	for _, status := range []int{500, 502, 503, 504} {
		api := newFakeAPI(t, scriptedBackup(status, 201))
		c := newTestClient(t, api.URL())
		_, err := c.CreateBackup(t.Context(), "s", CreateBackupRequest{Name: "n"})
		apiErr, ok := AsAPIError(err)
		if !ok || apiErr.Status != status || !errors.Is(err, ErrServer) {
			t.Errorf("%d: err = %v, want that status", status, err)
			continue
		}
		if apiErr.AfterUncertainRetry {
			t.Errorf("%d: AfterUncertainRetry set without a retry", status)
		}
		if api.count() != 1 {
			t.Errorf("%d: create backup retried after a 5xx: %d requests (a retry could make two backups)", status, api.count())
		}
	}
}

func TestCreateBackupNotRetriedAfterDroppedConnection(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 201, backupJSON("b2", "Initializing"))
	})
	c := newTestClient(t, api.URL())
	b, err := c.CreateBackup(t.Context(), "s", CreateBackupRequest{})
	if err == nil {
		t.Fatalf("no error after the connection was dropped (got %+v)", b)
	}
	if _, ok := AsAPIError(err); ok {
		t.Errorf("err = %v, want a transport error", err)
	}
	if !strings.Contains(err.Error(), "POST /indexes/s/backups") {
		t.Errorf("err %q lacks method and path", err)
	}
	if api.count() != 1 {
		t.Errorf("create backup retried after an uncertain failure: %d requests", api.count())
	}
}

func TestCreateBackupRetriedAfterRateLimit(t *testing.T) {
	api := newFakeAPI(t, scriptedBackup(429, 429, 201))
	c := newTestClient(t, api.URL())
	b, err := c.CreateBackup(t.Context(), "s", CreateBackupRequest{Name: "n", Description: "d"})
	if err != nil {
		t.Fatalf("CreateBackup: %v", err)
	}
	if b.BackupID != "b1" {
		t.Errorf("model = %+v", b)
	}
	reqs := api.requests()
	if len(reqs) != 3 {
		t.Fatalf("requests = %d, want 3", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != "POST" || r.Path != "/indexes/s/backups" {
			t.Errorf("request %d = %s %s", i, r.Method, r.Path)
		}
		assertJSON(t, r.Body, `{"name":"n","description":"d"}`)
	}
}

func TestCreateBackupRetriedAfterRefusedConnection(t *testing.T) {
	api := newFakeAPI(t, scriptedBackup(201))
	live, _ := url.Parse(api.URL())
	ct := &countingTransport{next: testTransport(t), redirect: func(n int32, u *url.URL) {
		if n > 1 {
			u.Host = live.Host
		}
	}}
	c := newTestClient(t, closedPortURL(t), func(o *Options) { o.Transport = ct })
	if _, err := c.CreateBackup(t.Context(), "s", CreateBackupRequest{}); err != nil {
		t.Fatalf("CreateBackup after a refused connection: %v", err)
	}
	if ct.attempts.Load() != 2 || api.count() != 1 {
		t.Errorf("attempts = %d, server requests = %d; want 2 and 1", ct.attempts.Load(), api.count())
	}
}

// scriptedBackup answers request n with statuses[n] (the last one repeats).
func scriptedBackup(statuses ...int) func(w http.ResponseWriter, r *http.Request, n int) {
	return func(w http.ResponseWriter, r *http.Request, n int) {
		s := statuses[min(n, len(statuses)-1)]
		if s >= 200 && s < 300 {
			reply(w, s, backupJSON("b1", "Initializing"))
			return
		}
		reply(w, s, pineconeError(s, "CODE", http.StatusText(s)))
	}
}

func TestCreateIndexFromBackupAfterDroppedConnectionThen409(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			dropConnection(t, w)
			return
		}
		reply(w, 409, pineconeError(409, "ALREADY_EXISTS", "Resource already exists."))
	})
	c := newTestClient(t, api.URL())
	_, err := c.CreateIndexFromBackup(t.Context(), "b1", CreateIndexFromBackupRequest{Name: "r", DeletionProtection: "enabled"})
	apiErr, ok := AsAPIError(err)
	if !ok || !errors.Is(err, ErrAlreadyExists) {
		t.Fatalf("err = %v, want a 409 APIError", err)
	}
	if !apiErr.AfterUncertainRetry {
		t.Error("AfterUncertainRetry = false after a dropped connection")
	}
	reqs := api.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2", len(reqs))
	}
	if !bodiesEqual(reqs) {
		t.Errorf("retry sent a different body: %q vs %q", reqs[0].Body, reqs[1].Body)
	}
	assertJSON(t, reqs[1].Body, `{"name":"r","deletion_protection":"enabled"}`)
}

func TestCreateIndexFromBackupRetriedAfterServerError(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		if n == 0 {
			reply(w, 502, pineconeError(502, "UNAVAILABLE", "bad gateway"))
			return
		}
		reply(w, 202, createFromBackupAnswer)
	})
	c := newTestClient(t, api.URL())
	out, err := c.CreateIndexFromBackup(t.Context(), "b1", CreateIndexFromBackupRequest{Name: "r"})
	if err != nil {
		t.Fatalf("CreateIndexFromBackup: %v", err)
	}
	if out.RestoreJobID != "rj-1" {
		t.Errorf("answer = %+v", out)
	}
	if api.count() != 2 {
		t.Errorf("requests = %d, want 2", api.count())
	}
}

func TestWaitForBackupReady(t *testing.T) {
	// Only Ready ends the wait: a state the client does not know is not Ready.
	api := newFakeAPI(t, sequence(backupJSON("b1", "Initializing"), backupJSON("b1", "Pending"), backupJSON("b1", "Ready")))
	c := newTestClient(t, api.URL())
	b, err := c.WaitForBackupReady(boundedCtx(t), "b1")
	if err != nil {
		t.Fatalf("WaitForBackupReady: %v", err)
	}
	if b == nil || b.Status != BackupStateReady || b.BackupID != "b1" {
		t.Errorf("returned %+v, want the Ready description", b)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.RequestURI != "/backups/b1" {
			t.Errorf("waiter sent %s %s", r.Method, r.RequestURI)
		}
	}
}

func TestWaitForBackupReadyFailed(t *testing.T) {
	api := newFakeAPI(t, sequence(backupJSON("b1", "Initializing"), backupJSON("b1", "Failed"), backupJSON("b1", "Ready")))
	c := newTestClient(t, api.URL())
	b, err := c.WaitForBackupReady(boundedCtx(t), "b1")
	var fe *BackupFailedError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want *BackupFailedError", err, err)
	}
	if fe.ID != "b1" || err.Error() != "backup b1 is in state Failed" {
		t.Errorf("BackupFailedError = %+v, %q", fe, err)
	}
	var we *WaitError
	if errors.As(err, &we) {
		t.Errorf("a failed backup is reported as a timeout: %v", err)
	}
	if b == nil || b.Status != BackupStateFailed {
		t.Errorf("last description = %+v, want the Failed one", b)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2 (stop at Failed)", api.count())
	}
}

// At 2026-07 a failed backup says InitializationFailed; the waiter must stop
// there too instead of polling until its timeout.
func TestWaitForBackupReadyInitializationFailed(t *testing.T) {
	api := newFakeAPI(t, sequence(backupJSON("b1", "Initializing"), backupJSON("b1", "InitializationFailed"), backupJSON("b1", "Ready")))
	c := newTestClient(t, api.URL())
	_, err := c.WaitForBackupReady(boundedCtx(t), "b1")
	var fe *BackupFailedError
	if !errors.As(err, &fe) || fe.State != BackupStateInitializationFailed {
		t.Fatalf("err = %v (%T), want *BackupFailedError in InitializationFailed", err, err)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2 (stop at InitializationFailed)", api.count())
	}
}

func TestWaitForBackupReadyHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(backupJSON("b1", "Initializing")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	start := time.Now()
	b, err := c.WaitForBackupReady(ctx, "b1")
	if time.Since(start) > 2*time.Second {
		t.Errorf("waited %v past a 50ms deadline", time.Since(start))
	}
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != BackupStateInitializing || !strings.Contains(we.What, "b1") {
		t.Errorf("WaitError = %+v", we)
	}
	if b == nil || b.Status != BackupStateInitializing {
		t.Errorf("last description = %+v", b)
	}
}

func TestWaitForBackupReadyReturnsDescribeErrors(t *testing.T) {
	api := newFakeAPI(t, sequence(backupJSON("b1", "Initializing"), "401"))
	c := newTestClient(t, api.URL())
	if _, err := c.WaitForBackupReady(boundedCtx(t), "b1"); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
}

func TestWaitForBackupDeleted(t *testing.T) {
	api := newFakeAPI(t, sequence(backupJSON("b1", "Ready"), backupJSON("b1", "Ready"), "404"))
	c := newTestClient(t, api.URL())
	if err := c.WaitForBackupDeleted(boundedCtx(t), "b1"); err != nil {
		t.Fatalf("WaitForBackupDeleted: %v", err)
	}
	if api.count() != 3 {
		t.Errorf("describes = %d, want 3", api.count())
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.RequestURI != "/backups/b1" {
			t.Errorf("waiter sent %s %s", r.Method, r.RequestURI)
		}
	}
}

func TestWaitForBackupDeletedHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(backupJSON("b1", "Ready")))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.WaitForBackupDeleted(ctx, "b1")
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != BackupStateReady {
		t.Errorf("LastState = %q, want Ready", we.LastState)
	}
}

func TestWaitForBackupDeletedReturnsOtherErrors(t *testing.T) {
	api := newFakeAPI(t, sequence("401"))
	c := newTestClient(t, api.URL())
	if err := c.WaitForBackupDeleted(boundedCtx(t), "b1"); !errors.Is(err, ErrUnauthenticated) {
		t.Errorf("err = %v, want ErrUnauthenticated", err)
	}
	if api.count() != 1 {
		t.Errorf("describes = %d, want 1", api.count())
	}
}

func TestWaitForRestoreJob(t *testing.T) {
	api := newFakeAPI(t, sequence(
		restoreJobJSON("j1", "Pending", 0),
		restoreJobJSON("j1", "InProgress", 40),
		restoreJobJSON("j1", "InProgress", 90),
		restoreJobExample,
	))
	c := newTestClient(t, api.URL())
	j, err := c.WaitForRestoreJob(boundedCtx(t), "j1")
	if err != nil {
		t.Fatalf("WaitForRestoreJob: %v", err)
	}
	if j == nil || j.Status != RestoreJobStateCompleted || j.PercentComplete == nil || *j.PercentComplete != 100 || j.CompletedAt == "" {
		t.Errorf("returned %+v, want the Completed description", j)
	}
	if api.count() != 4 {
		t.Errorf("describes = %d, want 4", api.count())
	}
	for _, r := range api.requests() {
		if r.Method != "GET" || r.RequestURI != "/restore-jobs/j1" {
			t.Errorf("waiter sent %s %s", r.Method, r.RequestURI)
		}
	}
}

func TestWaitForRestoreJobFailed(t *testing.T) {
	api := newFakeAPI(t, sequence(restoreJobJSON("j1", "InProgress", 10), restoreJobJSON("j1", "Failed", 10), restoreJobExample))
	c := newTestClient(t, api.URL())
	j, err := c.WaitForRestoreJob(boundedCtx(t), "j1")
	var fe *RestoreFailedError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want *RestoreFailedError", err, err)
	}
	if fe.ID != "j1" || fe.Status != "Failed" || err.Error() != "restore job j1 ended in status Failed" {
		t.Errorf("RestoreFailedError = %+v, %q", fe, err)
	}
	if j == nil || j.Status != "Failed" {
		t.Errorf("last description = %+v, want the Failed one", j)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2 (stop at Failed)", api.count())
	}
}

func TestWaitForRestoreJobHonoursContext(t *testing.T) {
	api := newFakeAPI(t, sequence(restoreJobJSON("j1", "Pending", 0), restoreJobJSON("j1", "InProgress", 5)))
	c := newTestClient(t, api.URL())
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	j, err := c.WaitForRestoreJob(ctx, "j1")
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want a WaitError for DeadlineExceeded", err)
	}
	if we.LastState != "InProgress" || !strings.Contains(we.What, "j1") {
		t.Errorf("WaitError = %+v", we)
	}
	if j == nil || j.Status != "InProgress" {
		t.Errorf("last description = %+v", j)
	}
}

func TestWaitForRestoreJobReturnsDescribeErrors(t *testing.T) {
	api := newFakeAPI(t, sequence(restoreJobJSON("j1", "Pending", 0), "404"))
	c := newTestClient(t, api.URL())
	if _, err := c.WaitForRestoreJob(boundedCtx(t), "j1"); !errors.Is(err, ErrNotFound) {
		t.Errorf("err = %v, want ErrNotFound", err)
	}
	if api.count() != 2 {
		t.Errorf("describes = %d, want 2", api.count())
	}
}

func TestBackupCallsNeedAPIKey(t *testing.T) {
	api := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, backupExample) })
	c := newTestClient(t, api.URL(), func(o *Options) { o.APIKey = "" })
	ctx := boundedCtx(t)
	for _, tc := range backupWireCases() {
		if err := tc.call(ctx, c); !errors.Is(err, ErrMissingAPIKey) {
			t.Errorf("%s: err = %v, want ErrMissingAPIKey", tc.name, err)
		}
	}
	if _, err := c.WaitForBackupReady(ctx, "b1"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForBackupReady: err = %v", err)
	}
	if err := c.WaitForBackupDeleted(ctx, "b1"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForBackupDeleted: err = %v", err)
	}
	if _, err := c.WaitForRestoreJob(ctx, "j1"); !errors.Is(err, ErrMissingAPIKey) {
		t.Errorf("WaitForRestoreJob: err = %v", err)
	}
	if api.count() != 0 {
		t.Errorf("%d requests without an API key", api.count())
	}
}

package emulator

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"
)

var uuidRe = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$`)

// createBackup posts body to /indexes/{index}/backups, expects 200 and
// returns the backup_id.
func (e *testEnv) createBackup(index, body string) string {
	e.t.Helper()
	b := e.do("POST", "/indexes/"+index+"/backups", body).must(e.t, http.StatusOK)
	id, _ := b["backup_id"].(string)
	if !uuidRe.MatchString(id) {
		e.t.Fatalf("backup_id = %q, want a UUID", id)
	}
	return id
}

// ids returns the values of key in a list answer's data.
func ids(t *testing.T, body map[string]any, key string) []string {
	t.Helper()
	data, ok := body["data"].([]any)
	if !ok {
		t.Fatalf("no data array in %v", body)
	}
	out := make([]string, 0, len(data))
	for _, d := range data {
		out = append(out, d.(map[string]any)[key].(string))
	}
	return out
}

// lastPage reports whether a db_control list page is the last one: its
// pagination key is present and null (the spec's examples; production's
// list_project_backups answer). A page with pagination.next is not last;
// anything else fails the test.
func lastPage(t *testing.T, b map[string]any) bool {
	t.Helper()
	p, ok := b["pagination"]
	switch {
	case !ok:
		t.Fatalf("list page has no pagination key: %v", b)
	case p == nil:
		return true
	}
	return false
}

// walkPages follows pagination.next from path (which may carry a query)
// and returns the items' key values page by page. It checks that every
// page but the last has pagination.next and the last has "pagination": null.
func (e *testEnv) walkPages(path, key string) [][]string {
	e.t.Helper()
	var pages [][]string
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	next := ""
	for i := 0; i < 50; i++ {
		p := path
		if next != "" {
			p += sep + "paginationToken=" + url.QueryEscape(next)
		}
		b := e.do("GET", p, "").must(e.t, http.StatusOK)
		pages = append(pages, ids(e.t, b, key))
		if lastPage(e.t, b) {
			return pages
		}
		n, _ := dig(b, "pagination", "next").(string)
		if n == "" {
			e.t.Fatalf("page %d has pagination without next: %v", i, b)
		}
		next = n
	}
	e.t.Fatalf("more than 50 pages from %s", path)
	return nil
}

const bodyServerlessTagged = `{"name":"s","dimension":3,"metric":"euclidean","tags":{"env":"prod"},"spec":{"serverless":{"cloud":"aws","region":"us-east-1","schema":{"fields":{"genre":{"filterable":true}}}}}}`

func TestCreateBackup(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.do("POST", "/indexes", bodyServerlessTagged).must(t, http.StatusCreated)
	e.clock.Advance(10 * time.Second)

	// As go-pinecone v5.4.1 sends it: POST /indexes/s/backups {} -> 200 (not
	// 201: its Client.CreateBackup accepts only 200).
	b := e.do("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	id, _ := b["backup_id"].(string)
	srcID, _ := b["source_index_id"].(string)
	if !uuidRe.MatchString(id) || !uuidRe.MatchString(srcID) || id == srcID {
		t.Fatalf("backup_id %q / source_index_id %q are not two UUIDs", id, srcID)
	}
	want := map[string]any{
		"backup_id": id, "source_index_name": "s", "source_index_id": srcID, "status": "Initializing",
		"cloud": "aws", "region": "us-east-1", "dimension": 3, "metric": "euclidean",
		"record_count": 0, "namespace_count": 0, "size_bytes": 0, "tags": map[string]any{"env": "prod"},
		"created_at": "2026-03-01T12:00:10.000Z", "schema": map[string]any{"fields": map[string]any{"genre": map[string]any{"filterable": true}}},
	}
	if !jsonEqual(b, want) {
		t.Errorf("create answered\n %v\nwant\n %v", b, want)
	}

	// Name and description are echoed; names need not be unique.
	const named = `{"name":"backup_2024_03_15","description":"Monthly backup of production index"}`
	b2 := e.do("POST", "/indexes/s/backups", named).must(t, http.StatusOK)
	b3 := e.do("POST", "/indexes/s/backups", named).must(t, http.StatusOK)
	wantField(t, b2, "backup_2024_03_15", "name")
	wantField(t, b2, "Monthly backup of production index", "description")
	wantField(t, b2, srcID, "source_index_id")
	if b2["backup_id"] == b3["backup_id"] || b2["backup_id"] == id {
		t.Errorf("backup ids repeat: %v %v %v", id, b2["backup_id"], b3["backup_id"])
	}

	// The tags are those of the index when the backup was taken.
	e.do("PATCH", "/indexes/s", `{"tags":{"env":"","team":"a"}}`).must(t, http.StatusOK)
	e.clock.Advance(9 * time.Second)
	d := e.do("GET", "/backups/"+id, "").must(t, http.StatusOK)
	if !jsonEqual(d, want) {
		t.Errorf("describe = %v, want %v", d, want)
	}
	e.clock.Advance(time.Second)
	want["status"] = "Ready"
	if d := e.do("GET", "/backups/"+id, "").must(t, http.StatusOK); !jsonEqual(d, want) {
		t.Errorf("describe after ReadyDelay = %v, want %v", d, want)
	}
	b4 := e.do("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	wantField(t, b4, map[string]any{"team": "a"}, "tags")

	// A sparse index without tags or schema: those keys are absent.
	e.do("POST", "/indexes", strings.Replace(bodySparse, `"name":"s"`, `"name":"sp"`, 1)).must(t, http.StatusCreated)
	b5 := e.do("POST", "/indexes/sp/backups", `{"name":null}`).must(t, http.StatusOK)
	for _, k := range []string{"dimension", "tags", "schema", "name", "description"} {
		if has(b5, k) {
			t.Errorf("sparse backup has %s: %v", k, b5)
		}
	}
	wantField(t, b5, "dotproduct", "metric")

	// A new index under an old name has a new id.
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	b6 := e.do("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	if b6["source_index_id"] == srcID {
		t.Errorf("recreated index kept source_index_id %v", srcID)
	}
}

func TestCreateBackupValidation(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: time.Minute})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyPod).must(t, http.StatusCreated)
	e.do("POST", "/indexes", bodyByoc).must(t, http.StatusCreated)
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"gone"`, 1)).must(t, http.StatusCreated)
	e.do("DELETE", "/indexes/gone", "").must(t, http.StatusAccepted)

	cases := []struct {
		name, index, body string
		status            int
		code, msg         string
	}{
		{"index missing", "nope", `{}`, 404, "NOT_FOUND", "Index nope not found."},
		{"pod index", "p", `{}`, 400, "INVALID_ARGUMENT", "Backups are only supported for serverless indexes"},
		{"byoc index", "b", `{}`, 400, "INVALID_ARGUMENT", "only supported for serverless indexes"},
		{"terminating index", "gone", `{}`, 400, "INVALID_ARGUMENT", "being deleted"},
		{"empty body", "s", ``, 422, "UNPROCESSABLE_ENTITY", "EOF"},
		{"not json", "s", `{nope`, 422, "UNPROCESSABLE_ENTITY", "Failed to deserialize the JSON body into the target type"},
		{"name number", "s", `{"name":5}`, 422, "UNPROCESSABLE_ENTITY", "name: invalid type: number, expected a string"},
		{"description object", "s", `{"description":{}}`, 422, "UNPROCESSABLE_ENTITY", "description: invalid type"},
		// The body is decoded before the index is looked up.
		{"bad body, index missing", "nope", `{"name":5}`, 422, "UNPROCESSABLE_ENTITY", "name"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", "/indexes/"+c.index+"/backups", c.body).wantError(t, c.status, c.code, c.msg)
		})
	}
	if got := strings.TrimSpace(e.do("GET", "/backups", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("rejected creates left backups: %s", got)
	}
}

func TestBackupFailed(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 5 * time.Second, Faults: Faults{FailBackups: []string{"bad"}}})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"bad"`, 1)).must(t, http.StatusCreated)
	bad := e.do("POST", "/indexes/bad/backups", `{}`).must(t, http.StatusOK)
	wantField(t, bad, "Initializing", "status")
	good := e.createBackup("s", `{}`)
	badID := bad["backup_id"].(string)

	e.clock.Advance(4 * time.Second)
	wantField(t, e.do("GET", "/backups/"+badID, "").must(t, http.StatusOK), "Initializing", "status")
	e.clock.Advance(time.Second)
	wantField(t, e.do("GET", "/backups/"+badID, "").must(t, http.StatusOK), "Failed", "status")
	wantField(t, e.do("GET", "/backups/"+good, "").must(t, http.StatusOK), "Ready", "status")
	// It stays Failed and can be deleted.
	e.clock.Advance(time.Hour)
	wantField(t, e.do("GET", "/backups/"+badID, "").must(t, http.StatusOK), "Failed", "status")
	e.do("DELETE", "/backups/"+badID, "").must(t, http.StatusAccepted)

	// The fault is checked at create time; "*" fails every backup.
	e.srv.SetFaults(Faults{FailBackups: []string{"*"}})
	all := e.createBackup("s", `{}`)
	e.srv.SetFaults(Faults{})
	later := e.createBackup("bad", `{}`)
	e.clock.Advance(5 * time.Second)
	wantField(t, e.do("GET", "/backups/"+all, "").must(t, http.StatusOK), "Failed", "status")
	wantField(t, e.do("GET", "/backups/"+later, "").must(t, http.StatusOK), "Ready", "status")
	wantField(t, e.do("GET", "/backups/"+good, "").must(t, http.StatusOK), "Ready", "status")

	// Zero ReadyDelay: the create answer still says Initializing.
	z := newEnv(t, Options{Faults: Faults{FailBackups: []string{"s"}}})
	z.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	zb := z.do("POST", "/indexes/s/backups", `{}`).must(t, http.StatusOK)
	wantField(t, zb, "Initializing", "status")
	wantField(t, z.do("GET", "/backups/"+zb["backup_id"].(string), "").must(t, http.StatusOK), "Failed", "status")
}

func TestDescribeAndDeleteBackup(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Minute})
	e.do("GET", "/backups/bkp_123abc", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Backup bkp_123abc not found.")
	e.do("DELETE", "/backups/bkp_123abc", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Backup bkp_123abc not found.")

	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	keep := e.createBackup("s", `{}`)
	id := e.createBackup("s", `{}`) // still Initializing: deleting it is allowed
	r := e.do("DELETE", "/backups/"+id, "")
	r.must(t, http.StatusAccepted)
	if r.raw != "" {
		t.Errorf("DELETE body = %q, want empty", r.raw)
	}
	// Gone at once: BackupModel has no Terminating status.
	e.do("GET", "/backups/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Backup "+id+" not found.")
	e.do("DELETE", "/backups/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Backup "+id+" not found.")
	if got := ids(t, e.do("GET", "/backups", "").must(t, http.StatusOK), "backup_id"); !slices.Equal(got, []string{keep}) {
		t.Errorf("GET /backups ids = %v, want [%s]", got, keep)
	}

	// Backups outlive their index. The index's list then answers 404, and a
	// new index of the same name does not list the old backups.
	e.do("DELETE", "/indexes/s", "").must(t, http.StatusAccepted)
	e.do("GET", "/backups/"+keep, "").must(t, http.StatusOK)
	e.do("GET", "/indexes/s/backups", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index s not found.")
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	if got := strings.TrimSpace(e.do("GET", "/indexes/s/backups", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("new index lists %s", got)
	}
	if got := ids(t, e.do("GET", "/backups", "").must(t, http.StatusOK), "backup_id"); len(got) != 1 {
		t.Errorf("GET /backups = %v", got)
	}
}

func TestListBackupsPagination(t *testing.T) {
	e := newEnv(t, Options{})
	if got := strings.TrimSpace(e.do("GET", "/backups", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("empty GET /backups = %s, want {\"data\":[]}", got)
	}
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	e.do("POST", "/indexes", strings.Replace(bodyServerless, `"name":"s"`, `"name":"t"`, 1)).must(t, http.StatusCreated)
	if got := strings.TrimSpace(e.do("GET", "/indexes/s/backups", "").raw); got != `{"data":[],"pagination":null}` {
		t.Errorf("empty GET /indexes/s/backups = %s", got)
	}

	// Five backups of s and six of t, interleaved, one second apart.
	var sIDs, allIDs []string
	for i := 0; i < 11; i++ {
		idx := "t"
		if i%2 == 0 && len(sIDs) < 5 {
			idx = "s"
		}
		id := e.createBackup(idx, `{}`)
		if idx == "s" {
			sIDs = append(sIDs, id)
		}
		allIDs = append(allIDs, id)
		e.clock.Advance(time.Second)
	}

	// limit=2 over the five backups of s: 2 + 2 + 1, oldest first.
	pages := e.walkPages("/indexes/s/backups?limit=2", "backup_id")
	if len(pages) != 3 || len(pages[0]) != 2 || len(pages[1]) != 2 || len(pages[2]) != 1 {
		t.Fatalf("pages = %v, want sizes 2, 2, 1", pages)
	}
	if got := slices.Concat(pages...); !slices.Equal(got, sIDs) {
		t.Errorf("index backups in pages = %v, want %v", got, sIDs)
	}
	// All backups: default limit 10, then the last one.
	pages = e.walkPages("/backups", "backup_id")
	if len(pages) != 2 || len(pages[0]) != 10 || len(pages[1]) != 1 {
		t.Fatalf("GET /backups pages sizes = %v, want 10 and 1", pages)
	}
	if got := slices.Concat(pages...); !slices.Equal(got, allIDs) {
		t.Errorf("all backups in pages = %v, want %v", got, allIDs)
	}
	pages = e.walkPages("/backups?limit=2", "backup_id")
	if len(pages) != 6 || !slices.Equal(slices.Concat(pages...), allIDs) {
		t.Errorf("GET /backups?limit=2 pages = %v", pages)
	}
	// Exactly limit items left: no next page. limit 1 and 100 are valid.
	if b := e.do("GET", "/indexes/s/backups?limit=5", "").must(t, http.StatusOK); !lastPage(t, b) || len(ids(t, b, "backup_id")) != 5 {
		t.Errorf("limit=5 over 5 items = %v", b)
	}
	if b := e.do("GET", "/backups?limit=100", "").must(t, http.StatusOK); !lastPage(t, b) || len(ids(t, b, "backup_id")) != 11 {
		t.Errorf("limit=100 = %v", b)
	}
	first := e.do("GET", "/backups?limit=1", "").must(t, http.StatusOK)
	tok, _ := dig(first, "pagination", "next").(string)
	if got := ids(t, first, "backup_id"); len(got) != 1 || got[0] != allIDs[0] {
		t.Errorf("limit=1 = %v", got)
	}
	// The token is opaque: it does not expose ids or times.
	if tok == "" || strings.Contains(tok, allIDs[0]) || strings.Contains(tok, "|") {
		t.Errorf("token %q is not opaque", tok)
	}
	// A token from GET /backups also works with a new limit, and a deleted
	// item does not shift the next page.
	e.do("DELETE", "/backups/"+allIDs[0], "").must(t, http.StatusAccepted)
	b := e.do("GET", "/backups?limit=3&paginationToken="+url.QueryEscape(tok), "").must(t, http.StatusOK)
	if got := ids(t, b, "backup_id"); !slices.Equal(got, allIDs[1:4]) {
		t.Errorf("page after a deleted item = %v, want %v", got, allIDs[1:4])
	}
	// An empty token means the first page.
	if got := ids(t, e.do("GET", "/backups?limit=1&paginationToken=", "").must(t, http.StatusOK), "backup_id"); !slices.Equal(got, allIDs[1:2]) {
		t.Errorf("empty token page = %v", got)
	}
}

func TestListBackupsOrderSameInstant(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	var created []string
	for i := 0; i < 6; i++ {
		created = append(created, e.createBackup("s", `{}`))
	}
	// Same creation time: ordered by id, and the order is stable across
	// calls and pages.
	want := slices.Sorted(slices.Values(created))
	for range 3 {
		if got := ids(t, e.do("GET", "/backups", "").must(t, http.StatusOK), "backup_id"); !slices.Equal(got, want) {
			t.Fatalf("order = %v, want %v", got, want)
		}
	}
	if got := slices.Concat(e.walkPages("/indexes/s/backups?limit=4", "backup_id")...); !slices.Equal(got, want) {
		t.Errorf("paged order = %v, want %v", got, want)
	}
	// Creation time comes before the id.
	e.clock.Advance(time.Second)
	last := e.createBackup("s", `{}`)
	if got := ids(t, e.do("GET", "/backups", "").must(t, http.StatusOK), "backup_id"); got[len(got)-1] != last {
		t.Errorf("newest backup %s is not last: %v", last, got)
	}
}

func TestListPaginationErrors(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("POST", "/indexes", bodyServerless).must(t, http.StatusCreated)
	for i := 0; i < 3; i++ {
		e.createBackup("s", `{}`)
	}
	e.do("POST", "/backups/"+e.createBackup("s", `{}`)+"/create-index", `{"name":"r1"}`).must(t, http.StatusAccepted)
	e.clock.Advance(time.Second)
	e.do("POST", "/backups/"+ids(t, e.do("GET", "/backups?limit=1", "").must(t, http.StatusOK), "backup_id")[0]+"/create-index", `{"name":"r2"}`).must(t, http.StatusAccepted)
	bTok, _ := dig(e.do("GET", "/backups?limit=1", "").must(t, http.StatusOK), "pagination", "next").(string)
	jTok, _ := dig(e.do("GET", "/restore-jobs?limit=1", "").must(t, http.StatusOK), "pagination", "next").(string)
	if bTok == "" || jTok == "" {
		t.Fatalf("no tokens: %q %q", bTok, jTok)
	}
	// Each list's token works on it (and on the other backup list).
	e.do("GET", "/backups?paginationToken="+url.QueryEscape(bTok), "").must(t, http.StatusOK)
	e.do("GET", "/indexes/s/backups?paginationToken="+url.QueryEscape(bTok), "").must(t, http.StatusOK)
	e.do("GET", "/restore-jobs?paginationToken="+url.QueryEscape(jTok), "").must(t, http.StatusOK)

	for _, path := range []string{"/backups", "/indexes/s/backups", "/restore-jobs"} {
		for _, q := range []string{"limit=0", "limit=101", "limit=-1", "limit=abc", "limit=", "limit=2.5"} {
			e.do("GET", path+"?"+q, "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "limit")
		}
		for _, tok := range []string{"nope", "!!!", "YWJj"} {
			e.do("GET", path+"?paginationToken="+tok, "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "pagination token")
		}
	}
	// A token from the other kind of list is rejected.
	e.do("GET", "/backups?paginationToken="+url.QueryEscape(jTok), "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "pagination token")
	e.do("GET", "/restore-jobs?paginationToken="+url.QueryEscape(bTok), "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "pagination token")
	// The index list of a missing index is 404.
	e.do("GET", "/indexes/nope/backups?limit=2", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "Index nope not found.")
}

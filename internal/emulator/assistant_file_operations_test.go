package emulator

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// Tests of the 2026-04/2026-07 file protocol (spec
// assistant_data_2026-04.oas.yaml; doc.go, "File operations"). Bodies are raw
// JSON and multipart, shaped from the spec, never the client's types.

const v2026_07 = "2026-07"

// send2026 sends a multipart body to path with the 2026-07 header.
func (e *testEnv) send2026(method, path string, parts ...part) response {
	e.t.Helper()
	body, ct := multipartBody(e.t, parts...)
	return e.do(method, path, body, "Content-Type", ct, headerAPIVersion, v2026_07)
}

// get2026 sends a GET with the 2026-07 header.
func (e *testEnv) get2026(path string) response {
	e.t.Helper()
	return e.do("GET", path, "", headerAPIVersion, v2026_07)
}

func TestFiles2026UploadAnswersOperation(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second})
	e.readyAssistant("a", 10*time.Second)

	r := e.send2026("POST", "/assistant/files/a",
		part{"metadata", "", `{"genre":"report","tags":["q4","finance"],"year":2025}`},
		part{"file", "notes.txt", "hello"})
	op := r.must(t, http.StatusAccepted)
	wantField(t, op, "upload_file", "operation_type")
	wantField(t, op, "Processing", "status")
	wantField(t, op, float64(0), "percent_complete")
	id, _ := op["id"].(string)
	fileID, _ := op["file_id"].(string)
	if !strings.HasPrefix(id, "op-") || len(fileID) != 36 {
		t.Fatalf("operation id %q / file_id %q: want op-... and a UUID", id, fileID)
	}
	if loc := r.header.Get("Location"); loc != "/operations/a/"+id {
		t.Errorf("Location = %q, want /operations/a/%s", loc, id)
	}
	if has(op, "completed_on") || has(op, "error_message") || has(op, "ingestion_units") {
		t.Errorf("a Processing operation shows completion fields: %v", op)
	}
	if _, err := time.Parse(time.RFC3339, op["created_on"].(string)); err != nil {
		t.Errorf("created_on %v: %v", op["created_on"], err)
	}

	// The file itself: size, metadata from the part, no percent_done.
	f := e.get2026("/assistant/files/a/"+fileID).must(t, http.StatusOK)
	wantField(t, f, float64(5), "size")
	wantField(t, f, "Processing", "status")
	wantField(t, f, map[string]any{"genre": "report", "tags": []any{"q4", "finance"}, "year": float64(2025)}, "metadata")
	if has(f, "percent_done") || has(f, "error_message") {
		t.Errorf("2026 file model has 2025-10 fields: %v", f)
	}

	e.clock.Advance(5 * time.Second)
	mid := e.get2026("/assistant/operations/a/"+id).must(t, http.StatusOK)
	wantField(t, mid, float64(50), "percent_complete")

	e.clock.Advance(5 * time.Second)
	done := e.get2026("/assistant/operations/a/"+id).must(t, http.StatusOK)
	wantField(t, done, "Completed", "status")
	wantField(t, done, float64(100), "percent_complete")
	wantField(t, done, float64(1), "ingestion_units")
	if !has(done, "completed_on") {
		t.Errorf("completed operation has no completed_on: %v", done)
	}
	wantField(t, e.get2026("/assistant/files/a/"+fileID).must(t, http.StatusOK), "Available", "status")

	// The same file seen through 2025-10 keeps that version's shape.
	old := e.do("GET", "/assistant/files/a/"+fileID, "", headerAPIVersion, apiVersion2025_10).must(t, http.StatusOK)
	wantField(t, old, float64(1), "percent_done")
}

func TestFiles2026UpsertCreatesThenReplaces(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second, DeleteDelay: time.Second})
	e.readyAssistant("a", time.Second)

	op := e.send2026("PUT", "/assistant/files/a/handbook_v1", part{"metadata", "", `{"v":1}`}, part{"file", "handbook.md", "# one"}).
		must(t, http.StatusAccepted)
	wantField(t, op, "upsert_file", "operation_type")
	wantField(t, op, "handbook_v1", "file_id")
	e.clock.Advance(time.Second)
	first := e.get2026("/assistant/files/a/handbook_v1").must(t, http.StatusOK)
	wantField(t, first, "Available", "status")
	wantField(t, first, "handbook.md", "name")

	// The same id again replaces content, name and metadata; created_on stays.
	e.clock.Advance(time.Minute)
	e.send2026("PUT", "/assistant/files/a/handbook_v1", part{"file", "handbook-2.txt", "two, longer"}).must(t, http.StatusAccepted)
	second := e.get2026("/assistant/files/a/handbook_v1").must(t, http.StatusOK)
	wantField(t, second, "Processing", "status")
	wantField(t, second, "handbook-2.txt", "name")
	wantField(t, second, float64(11), "size")
	wantField(t, second, nil, "metadata")
	wantField(t, second, first["created_on"], "created_on")
	if second["updated_on"] == first["updated_on"] {
		t.Errorf("updated_on did not move: %v", second["updated_on"])
	}
	list := e.get2026("/assistant/files/a").must(t, http.StatusOK)
	if n := len(list["files"].([]any)); n != 1 {
		t.Fatalf("files after two upserts of one id = %d, want 1", n)
	}
	ops := e.get2026("/assistant/operations/a?operation_type=upsert_file").must(t, http.StatusOK)
	if n := len(ops["operations"].([]any)); n != 2 {
		t.Fatalf("upsert operations = %d, want 2: %v", n, ops)
	}

	// Invalid ids are 400, as is upsert in 2025-10 (no such route there).
	e.send2026("PUT", "/assistant/files/a/bad.id", part{"file", "x.txt", "x"}).wantError(t, 400, codeInvalidArgument, "Invalid file id")
	e.send2026("PUT", "/assistant/files/a/"+strings.Repeat("x", 129), part{"file", "x.txt", "x"}).wantError(t, 400, codeInvalidArgument, "1-128")
	body, ct := multipartBody(t, part{"file", "x.txt", "x"})
	e.do("PUT", "/assistant/files/a/ok", body, "Content-Type", ct, headerAPIVersion, apiVersion2025_10).wantError(t, 404, codeNotFound, "2026-04")

	// Upsert of a file that is being deleted is refused.
	e.clock.Advance(time.Second)
	e.do("DELETE", "/assistant/files/a/handbook_v1", "", headerAPIVersion, v2026_07).must(t, http.StatusAccepted)
	e.send2026("PUT", "/assistant/files/a/handbook_v1", part{"file", "x.txt", "x"}).wantError(t, 400, codeInvalidArgument, "being deleted")
}

func TestFiles2026DeleteOperationAnd204ForFailed(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second, DeleteDelay: 4 * time.Second, Faults: Faults{FailFiles: []string{"broken.pdf"}}})
	e.readyAssistant("a", time.Second)
	e.send2026("PUT", "/assistant/files/a/good", part{"file", "good.txt", "ok"}).must(t, http.StatusAccepted)
	failed := e.send2026("PUT", "/assistant/files/a/bad", part{"file", "broken.pdf", "%PDF"}).must(t, http.StatusAccepted)
	e.clock.Advance(time.Second)

	op := e.get2026("/assistant/operations/a/"+failed["id"].(string)).must(t, http.StatusOK)
	wantField(t, op, "Failed", "status")
	wantField(t, op, float64(50), "percent_complete")
	if msg, _ := op["error_message"].(string); !strings.Contains(msg, "broken.pdf") {
		t.Errorf("error_message = %q, want it to name the file", msg)
	}
	wantField(t, e.get2026("/assistant/files/a/bad").must(t, http.StatusOK), "ProcessingFailed", "status")
	r := e.do("DELETE", "/assistant/files/a/bad", "", headerAPIVersion, v2026_07)
	if r.status != http.StatusNoContent || r.raw != "" {
		t.Fatalf("DELETE of a failed file = %d %q, want 204 with no body", r.status, r.raw)
	}
	e.get2026("/assistant/files/a/bad").wantError(t, 404, codeNotFound, "File with id bad not found")

	del := e.do("DELETE", "/assistant/files/a/good", "", headerAPIVersion, v2026_07)
	d := del.must(t, http.StatusAccepted)
	wantField(t, d, "delete_file", "operation_type")
	wantField(t, d, "good", "file_id")
	again := e.do("DELETE", "/assistant/files/a/good", "", headerAPIVersion, v2026_07).must(t, http.StatusAccepted)
	wantField(t, again, d["id"], "id")
	wantField(t, e.get2026("/assistant/files/a/good").must(t, http.StatusOK), "Deleting", "status")
	e.clock.Advance(4 * time.Second)
	e.get2026("/assistant/files/a/good").wantError(t, 404, codeNotFound, "not found")
	done := e.get2026("/assistant/operations/a/"+d["id"].(string)).must(t, http.StatusOK)
	wantField(t, done, "Completed", "status")
	if has(done, "ingestion_units") {
		t.Errorf("a delete reports ingestion units: %v", done)
	}
	e.get2026("/assistant/operations/a/op-0000-0000-00000000").wantError(t, 404, codeNotFound, "Operation op-0000-0000-00000000 not found.")
	e.get2026("/assistant/operations/nobody").wantError(t, 404, codeNotFound, `Assistant "nobody" not found.`)
}

func TestFiles2026Validation(t *testing.T) {
	e := newEnv(t, Options{})
	e.readyAssistant("a", 0)
	cases := []struct {
		name  string
		query string
		parts []part
		msg   string
	}{
		{"metadata as query", "?metadata=%7B%7D", []part{{"file", "a.txt", "x"}}, "not a query parameter"},
		{"nested metadata", "", []part{{"metadata", "", `{"a":{"b":1}}`}, {"file", "a.txt", "x"}}, "must be flat"},
		{"null value", "", []part{{"metadata", "", `{"a":null}`}, {"file", "a.txt", "x"}}, "null"},
		{"null in list", "", []part{{"metadata", "", `{"a":["x",null]}`}, {"file", "a.txt", "x"}}, "only strings"},
		{"dollar key", "", []part{{"metadata", "", `{"$and":"x"}`}, {"file", "a.txt", "x"}}, `must not start with "$"`},
		{"not an object", "", []part{{"metadata", "", `[1]`}, {"file", "a.txt", "x"}}, "JSON object"},
		{"metadata too large", "", []part{{"metadata", "", `{"k":"` + strings.Repeat("x", 16*1024) + `"}`}, {"file", "a.txt", "x"}}, "16 KB"},
		{"metadata after file", "", []part{{"file", "a.txt", "x"}, {"metadata", "", `{"$x":1}`}}, `must not start with "$"`},
		{"text over 10 MB", "", []part{{"file", "big.txt", strings.Repeat("x", 10<<20+1)}}, "at most 10 MB"},
		{"unsupported type", "", []part{{"file", "a.exe", "x"}}, "Unsupported file type"},
		{"multimodal txt", "?multimodal=true", []part{{"file", "a.txt", "x"}}, "only supported for PDF"},
		{"no file part", "", []part{{"metadata", "", `{}`}}, `Missing the "file" part`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.send2026("POST", "/assistant/files/a"+c.query, c.parts...).wantError(t, 400, codeInvalidArgument, c.msg)
		})
	}
	// A text file of exactly 10 MiB and 16 KB of metadata are accepted.
	meta := `{"k":"` + strings.Repeat("x", 16*1024-8) + `"}`
	e.send2026("POST", "/assistant/files/a", part{"metadata", "", meta}, part{"file", "edge.txt", strings.Repeat("x", 10<<20)}).must(t, http.StatusAccepted)
	if list := e.get2026("/assistant/files/a").must(t, http.StatusOK); len(list["files"].([]any)) != 1 {
		t.Fatalf("rejected uploads were stored: %v", list)
	}
}

func TestFiles2026ListPagination(t *testing.T) {
	e := newEnv(t, Options{})
	e.readyAssistant("a", 0)
	for i := range 5 {
		e.clock.Advance(time.Second)
		e.send2026("PUT", fmt.Sprintf("/assistant/files/a/f%d", i), part{"file", fmt.Sprintf("f%d.txt", i), "x"}).must(t, http.StatusAccepted)
	}
	var ids []string
	token := ""
	for pages := 0; ; pages++ {
		if pages > 5 {
			t.Fatal("pagination does not end")
		}
		path := "/assistant/files/a?limit=2"
		if token != "" {
			path += "&pagination_token=" + token
		}
		b := e.get2026(path).must(t, http.StatusOK)
		for _, f := range b["files"].([]any) {
			ids = append(ids, f.(map[string]any)["id"].(string))
		}
		next, _ := dig(b, "pagination", "next").(string)
		if next == "" {
			if has(b, "pagination") {
				t.Errorf("last page carries pagination: %v", b)
			}
			break
		}
		token = next
	}
	if got := strings.Join(ids, ","); got != "f0,f1,f2,f3,f4" {
		t.Fatalf("paged ids = %s", got)
	}
	e.get2026("/assistant/files/a?limit=0").wantError(t, 400, codeInvalidArgument, "limit")
	e.get2026("/assistant/files/a?pagination_token=nope").wantError(t, 400, codeInvalidArgument, "pagination token")

	// Operations: newest first, filtered, paged.
	b := e.get2026("/assistant/operations/a?limit=2&status=Completed").must(t, http.StatusOK)
	ops := b["operations"].([]any)
	if len(ops) != 2 || ops[0].(map[string]any)["file_id"] != "f4" || ops[1].(map[string]any)["file_id"] != "f3" {
		t.Fatalf("first page of operations = %v", ops)
	}
	next, _ := dig(b, "pagination", "next").(string)
	b = e.get2026("/assistant/operations/a?limit=2&status=Completed&pagination_token="+next).must(t, http.StatusOK)
	if got := b["operations"].([]any)[0].(map[string]any)["file_id"]; got != "f2" {
		t.Fatalf("second page starts with %v, want f2", got)
	}
	e.get2026("/assistant/operations/a?operation_type=rename").wantError(t, 400, codeInvalidArgument, "operation_type")
	e.get2026("/assistant/operations/a?status=Done").wantError(t, 400, codeInvalidArgument, "status")
}

func TestFiles2026DroppedUpsertKeepsOneFile(t *testing.T) {
	e := newEnv(t, Options{})
	e.readyAssistant("a", 0)
	e.srv.SetFaults(Faults{DropCreateResponses: 1})
	body, ct := multipartBody(t, part{"file", "a.txt", "x"})
	req, err := http.NewRequest("PUT", e.ts.URL+"/assistant/files/a/doc-1", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Api-Key", DefaultAPIKey)
	req.Header.Set("Content-Type", ct)
	req.Header.Set(headerAPIVersion, v2026_07)
	if resp, err := e.ts.Client().Do(req); err == nil {
		resp.Body.Close()
		t.Fatalf("the dropped upsert got an answer: %d", resp.StatusCode)
	}
	// The retry with the same id succeeds and there is still one file.
	e.send2026("PUT", "/assistant/files/a/doc-1", part{"file", "a.txt", "x"}).must(t, http.StatusAccepted)
	if list := e.get2026("/assistant/files/a").must(t, http.StatusOK); len(list["files"].([]any)) != 1 {
		t.Fatalf("files after a dropped and a retried upsert: %v", list)
	}
}

func TestAPIVersion2026_07Scope(t *testing.T) {
	e := newEnv(t, Options{})
	e.do("GET", "/assistant/assistants", "", headerAPIVersion, v2026_07).must(t, http.StatusOK)
	// db_control and inference render 2026-07 too (index_view_2026_07.go),
	// so every API answers it; only unknown versions are 400.
	wantField(t, e.do("GET", "/indexes", "", headerAPIVersion, v2026_07).must(t, http.StatusOK), []any{}, "indexes")
	e.do("GET", "/models", "", headerAPIVersion, v2026_07).must(t, http.StatusOK)
	e.do("GET", "/indexes", "", headerAPIVersion, "2027-01").wantError(t, 400, codeInvalidArgument, "Unsupported API version")
}

func TestFiles2026OperationsRetainedThirtyDays(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second})
	e.readyAssistant("a", time.Second)
	op := e.send2026("PUT", "/assistant/files/a/doc", part{"file", "doc.txt", "x"}).must(t, http.StatusAccepted)
	path := "/assistant/operations/a/" + op["id"].(string)
	e.clock.Advance(time.Second + 30*24*time.Hour - time.Minute)
	wantField(t, e.get2026(path).must(t, http.StatusOK), "Completed", "status")
	e.clock.Advance(time.Minute)
	e.get2026(path).wantError(t, 404, codeNotFound, "not found")
	if ops := e.get2026("/assistant/operations/a").must(t, http.StatusOK); len(ops["operations"].([]any)) != 0 {
		t.Fatalf("operations 30 days after completion: %v", ops)
	}
	// The file itself stays.
	wantField(t, e.get2026("/assistant/files/a/doc").must(t, http.StatusOK), "Available", "status")
}

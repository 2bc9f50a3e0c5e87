package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/http/httptest"
	"net/url"
	"runtime"
	"slices"
	"strings"
	"testing"
	"time"
)

func httptestTLS(t *testing.T, h http.Handler) *httptest.Server {
	t.Helper()
	ts := httptest.NewTLSServer(h)
	t.Cleanup(ts.Close)
	return ts
}

func decodeBody(t *testing.T, resp *http.Response) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&m); err != nil {
		t.Fatalf("decode: %v", err)
	}
	return m
}

// part is one part of a multipart/form-data body.
type part struct {
	field, filename, content string
}

// multipartBody builds a multipart/form-data body and its Content-Type.
func multipartBody(t *testing.T, parts ...part) (string, string) {
	t.Helper()
	var buf bytes.Buffer
	w := multipart.NewWriter(&buf)
	for _, p := range parts {
		var dst io.Writer
		var err error
		if p.filename != "" {
			dst, err = w.CreateFormFile(p.field, p.filename)
		} else {
			dst, err = w.CreateFormField(p.field)
		}
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.WriteString(dst, p.content); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.String(), w.FormDataContentType()
}

// upload sends POST /assistant/files/{assistant}?query with one file part.
func (e *testEnv) upload(assistant, query, filename, content string) response {
	e.t.Helper()
	body, ct := multipartBody(e.t, part{"file", filename, content})
	path := "/assistant/files/" + assistant
	if query != "" {
		path += "?" + query
	}
	return e.do("POST", path, body, "Content-Type", ct)
}

// readyAssistant creates an assistant and waits out ReadyDelay.
func (e *testEnv) readyAssistant(name string, readyDelay time.Duration) {
	e.t.Helper()
	e.createAssistant(`{"name":"` + name + `"}`)
	e.clock.Advance(readyDelay)
}

func fileNames(t *testing.T, body map[string]any) []string {
	t.Helper()
	list, ok := body["files"].([]any)
	if !ok {
		t.Fatalf("files is not a list: %v", body)
	}
	names := []string{}
	for _, f := range list {
		names = append(names, f.(map[string]any)["name"].(string))
	}
	return names
}

// storedFile returns the emulator's record of a file.
func (e *testEnv) storedFile(assistant, id string) *assistantFile {
	e.t.Helper()
	e.srv.mu.Lock()
	defer e.srv.mu.Unlock()
	a, ok := e.srv.projects[e.srv.defaultProjectID].assistants[assistant]
	if !ok {
		e.t.Fatalf("assistant %s not stored", assistant)
	}
	f, ok := a.files[id]
	if !ok {
		e.t.Fatalf("file %s not stored", id)
	}
	return f
}

func TestFileUploadShape(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Second})
	e.readyAssistant("a", time.Second)
	now := e.clock.Now().Format(time.RFC3339)
	content := "hello, assistant\n"

	r := e.upload("a", "", "notes.txt", content)
	b := r.must(t, http.StatusOK)
	wantKeys(t, "upload answer", b, "name", "id", "metadata", "created_on", "updated_on", "status", "percent_done", "multimodal")
	wantField(t, b, "notes.txt", "name")
	wantField(t, b, "Processing", "status")
	wantField(t, b, 0, "percent_done")
	wantField(t, b, false, "multimodal")
	wantField(t, b, nil, "metadata")
	wantField(t, b, now, "created_on")
	wantField(t, b, now, "updated_on")
	id, _ := b["id"].(string)
	if !uuidRe.MatchString(id) {
		t.Errorf("id %q is not a UUID", id)
	}
	// Only the size and the hash of the content are kept, and neither is
	// shown.
	f := e.storedFile("a", id)
	if f.size != int64(len(content)) || f.sha256 != sha256.Sum256([]byte(content)) {
		t.Errorf("stored size %d / hash %x, want %d / %x", f.size, f.sha256, len(content), sha256.Sum256([]byte(content)))
	}
	if strings.Contains(r.raw, "size") || strings.Contains(r.raw, "sha") {
		t.Errorf("upload answer exposes content details: %s", r.raw)
	}

	// Metadata from the query, exactly as sent; multimodal PDFs.
	md := url.QueryEscape(`{"genre":"fiction","year":2020,"big":12345678901234567890}`)
	r = e.upload("a", "metadata="+md+"&multimodal=true", "book.pdf", "%PDF-1.4")
	b = r.must(t, http.StatusOK)
	wantField(t, b, map[string]any{"genre": "fiction", "year": 2020, "big": 12345678901234567890.0}, "metadata")
	wantField(t, b, true, "multimodal")
	if !strings.Contains(r.raw, `"big":12345678901234567890`) {
		t.Errorf("metadata number was rounded: %s", r.raw)
	}
	// Every supported type, extensions in any case; multimodal=false on
	// anything.
	for _, name := range []string{"a.PDF", "b.md", "c.json", "d.docx", "e.Txt"} {
		wantField(t, e.upload("a", "multimodal=false", name, "x").must(t, http.StatusOK), name, "name")
	}
	// The file name is the part's file name (without any directory).
	wantField(t, e.upload("a", "", "dir/sub/report.md", "x").must(t, http.StatusOK), "report.md", "name")
	// An empty file is a file.
	e.upload("a", "", "empty.txt", "").must(t, http.StatusOK)
	// Another part before the file part is skipped.
	body, ct := multipartBody(t, part{"comment", "", "ignored"}, part{"file", "late.txt", "late"})
	wantField(t, e.do("POST", "/assistant/files/a", body, "Content-Type", ct).must(t, http.StatusOK), "late.txt", "name")
}

func TestFileLifecycle(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 10 * time.Second, DeleteDelay: 20 * time.Second})
	e.readyAssistant("a", 10*time.Second)
	start := e.clock.Now()
	b := e.upload("a", "", "notes.txt", "x").must(t, http.StatusOK)
	id := b["id"].(string)
	path := "/assistant/files/a/" + id

	e.clock.Advance(5 * time.Second)
	d := e.do("GET", path, "").must(t, http.StatusOK)
	wantField(t, d, "Processing", "status")
	wantField(t, d, 0.5, "percent_done")
	wantField(t, d, start.Format(time.RFC3339), "updated_on")
	e.clock.Advance(4*time.Second + 999*time.Millisecond)
	d = e.do("GET", path, "").must(t, http.StatusOK)
	wantField(t, d, "Processing", "status")
	wantField(t, d, 0.99, "percent_done")
	e.clock.Advance(time.Millisecond)
	d = e.do("GET", path, "").must(t, http.StatusOK)
	wantKeys(t, "describe", d, "name", "id", "metadata", "created_on", "updated_on", "status", "percent_done", "multimodal")
	wantField(t, d, "Available", "status")
	wantField(t, d, 1, "percent_done")
	wantField(t, d, start.Format(time.RFC3339), "created_on")
	wantField(t, d, start.Add(10*time.Second).Format(time.RFC3339), "updated_on")
	l := e.do("GET", "/assistant/files/a", "").must(t, http.StatusOK)
	wantKeys(t, "list", l, "files")
	if !jsonEqual(l["files"], []any{d}) {
		t.Errorf("list = %v, want [%v]", l["files"], d)
	}

	// DELETE: 200 with no body, Deleting for DeleteDelay (in describe and
	// list), then 404. A second DELETE is 200 and keeps the clock.
	e.clock.Advance(time.Second)
	r := e.do("DELETE", path, "")
	r.must(t, http.StatusOK)
	if r.raw != "" {
		t.Errorf("DELETE body = %q", r.raw)
	}
	d = e.do("GET", path, "").must(t, http.StatusOK)
	wantField(t, d, "Deleting", "status")
	wantField(t, d, start.Add(11*time.Second).Format(time.RFC3339), "updated_on")
	wantField(t, e.do("GET", "/assistant/files/a", "").must(t, http.StatusOK), []any{d}, "files")
	e.clock.Advance(10 * time.Second)
	e.do("DELETE", path, "").must(t, http.StatusOK)
	e.clock.Advance(9 * time.Second)
	wantField(t, e.do("GET", path, "").must(t, http.StatusOK), "Deleting", "status")
	e.clock.Advance(time.Second)
	msg := "File with id " + id + " not found in provided assistant"
	e.do("GET", path, "").wantError(t, http.StatusNotFound, "NOT_FOUND", msg)
	e.do("DELETE", path, "").wantError(t, http.StatusNotFound, "NOT_FOUND", msg)
	if got := strings.TrimSpace(e.do("GET", "/assistant/files/a", "").raw); got != `{"files":[]}` {
		t.Errorf("list after purge = %s", got)
	}
}

func TestFileZeroDelays(t *testing.T) {
	e := newEnv(t, Options{})
	e.readyAssistant("a", 0)
	b := e.upload("a", "", "n.txt", "x").must(t, http.StatusOK)
	wantField(t, b, "Processing", "status")
	wantField(t, b, 0, "percent_done")
	path := "/assistant/files/a/" + b["id"].(string)
	d := e.do("GET", path, "").must(t, http.StatusOK)
	wantField(t, d, "Available", "status")
	wantField(t, d, 1, "percent_done")
	e.do("DELETE", path, "").must(t, http.StatusOK)
	e.do("GET", path, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "not found in provided assistant")
}

func TestFileProcessingFailed(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: 2 * time.Second, Faults: Faults{FailFiles: []string{"bad.txt"}}})
	e.readyAssistant("a", 2*time.Second)
	bad := e.upload("a", "", "bad.txt", "x").must(t, http.StatusOK)
	good := e.upload("a", "", "good.txt", "x").must(t, http.StatusOK)
	wantField(t, bad, "Processing", "status")
	e.clock.Advance(time.Second)
	d := e.do("GET", "/assistant/files/a/"+bad["id"].(string), "").must(t, http.StatusOK)
	wantField(t, d, "Processing", "status")
	if has(d, "error_message") {
		t.Errorf("error_message while Processing: %v", d)
	}
	e.clock.Advance(time.Second)
	d = e.do("GET", "/assistant/files/a/"+bad["id"].(string), "").must(t, http.StatusOK)
	wantField(t, d, "ProcessingFailed", "status")
	wantField(t, d, 0, "percent_done")
	wantField(t, d, bad["created_on"], "created_on")
	wantField(t, d, e.clock.Now().Format(time.RFC3339), "updated_on")
	if m, _ := d["error_message"].(string); !strings.Contains(m, "bad.txt") {
		t.Errorf("error_message = %q", m)
	}
	d = e.do("GET", "/assistant/files/a/"+good["id"].(string), "").must(t, http.StatusOK)
	wantField(t, d, "Available", "status")
	if has(d, "error_message") {
		t.Errorf("error_message on an Available file: %v", d)
	}
	// "*" fails every later upload.
	e.srv.SetFaults(Faults{FailFiles: []string{"*"}})
	other := e.upload("a", "", "other.md", "x").must(t, http.StatusOK)
	e.clock.Advance(2 * time.Second)
	wantField(t, e.do("GET", "/assistant/files/a/"+other["id"].(string), "").must(t, http.StatusOK), "ProcessingFailed", "status")
	wantField(t, e.do("GET", "/assistant/files/a/"+good["id"].(string), "").must(t, http.StatusOK), "Available", "status")
}

func TestFileUploadValidation(t *testing.T) {
	e := newEnv(t, Options{ReadyDelay: time.Minute, DeleteDelay: time.Minute, Faults: Faults{FailAssistants: []string{"failed"}}})
	e.readyAssistant("a", time.Minute)
	e.createAssistant(`{"name":"failed"}`)
	e.createAssistant(`{"name":"young"}`)
	e.createAssistant(`{"name":"gone"}`)
	e.clock.Advance(time.Minute)
	e.createAssistant(`{"name":"initializing"}`)
	e.do("DELETE", "/assistant/assistants/gone", "").must(t, http.StatusOK)
	wantField(t, e.do("GET", "/assistant/assistants/failed", "").must(t, http.StatusOK), "Failed", "status")

	noFile, noFileCT := multipartBody(t, part{"comment", "", "hi"})
	noName, noNameCT := multipartBody(t, part{"file", "", "content"})
	okBody, okCT := multipartBody(t, part{"file", "ok.txt", "x"})
	cases := []struct {
		name, path, body, ct string
		status               int
		code, msg            string
	}{
		{"missing file part", "/assistant/files/a", noFile, noFileCT, 400, "INVALID_ARGUMENT", `Missing the "file" part`},
		{"empty multipart", "/assistant/files/a", "--x--\r\n", "multipart/form-data; boundary=x", 400, "INVALID_ARGUMENT", `Missing the "file" part`},
		{"no file name", "/assistant/files/a", noName, noNameCT, 400, "INVALID_ARGUMENT", "no file name"},
		{"json body", "/assistant/files/a", `{"file":"x"}`, "application/json", 400, "INVALID_ARGUMENT", "multipart/form-data"},
		{"no boundary", "/assistant/files/a", okBody, "multipart/form-data", 400, "INVALID_ARGUMENT", "multipart/form-data"},
		{"truncated", "/assistant/files/a", okBody[:len(okBody)/2], okCT, 400, "INVALID_ARGUMENT", ""},
		{"metadata not json", "/assistant/files/a?metadata=%7Bnope", okBody, okCT, 400, "INVALID_ARGUMENT", "Invalid metadata"},
		{"metadata array", "/assistant/files/a?metadata=%5B1%5D", okBody, okCT, 400, "INVALID_ARGUMENT", "must be a JSON object"},
		{"metadata string", "/assistant/files/a?metadata=%22x%22", okBody, okCT, 400, "INVALID_ARGUMENT", "must be a JSON object"},
		{"metadata trailing", "/assistant/files/a?metadata=%7B%7Dx", okBody, okCT, 400, "INVALID_ARGUMENT", "must be a JSON object"},
		{"multimodal value", "/assistant/files/a?multimodal=yes", okBody, okCT, 400, "INVALID_ARGUMENT", `Invalid multimodal "yes"`},
		{"multimodal on txt", "/assistant/files/a?multimodal=true", okBody, okCT, 400, "INVALID_ARGUMENT", "only supported for PDF"},
		{"unknown assistant", "/assistant/files/nope", okBody, okCT, 404, "NOT_FOUND", `Assistant "nope" not found.`},
		{"assistant initializing", "/assistant/files/initializing", okBody, okCT, 400, "INVALID_ARGUMENT", "status Initializing"},
		{"assistant failed", "/assistant/files/failed", okBody, okCT, 400, "INVALID_ARGUMENT", "status Failed"},
		{"assistant terminating", "/assistant/files/gone", okBody, okCT, 400, "INVALID_ARGUMENT", "status Terminating"},
		// The assistant is checked before the body is read.
		{"not ready, not multipart", "/assistant/files/initializing", `{}`, "application/json", 400, "INVALID_ARGUMENT", "status Initializing"},
		{"unknown, not multipart", "/assistant/files/nope", `{}`, "application/json", 404, "NOT_FOUND", `Assistant "nope" not found.`},
		// Query parameters are checked before the assistant.
		{"bad query, unknown assistant", "/assistant/files/nope?multimodal=1", okBody, okCT, 400, "INVALID_ARGUMENT", "multimodal"},
	}
	for _, name := range []string{"data.csv", "run.exe", "README", "archive.tar.gz", "notes.txt.bak", ".txt2"} {
		body, ct := multipartBody(t, part{"file", name, "x"})
		cases = append(cases, struct {
			name, path, body, ct string
			status               int
			code, msg            string
		}{"type " + name, "/assistant/files/a", body, ct, 400, "INVALID_ARGUMENT", "Unsupported file type"})
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			e.do("POST", c.path, c.body, "Content-Type", c.ct).wantError(t, c.status, c.code, c.msg)
		})
	}
	if got := strings.TrimSpace(e.do("GET", "/assistant/files/a", "").raw); got != `{"files":[]}` {
		t.Errorf("rejected uploads left files: %s", got)
	}
	// Listing works whatever the assistant's state.
	for _, name := range []string{"initializing", "failed", "gone"} {
		if got := strings.TrimSpace(e.do("GET", "/assistant/files/"+name, "").raw); got != `{"files":[]}` {
			t.Errorf("files of %s = %s", name, got)
		}
	}
	// The young assistant is Ready by now; uploads work there.
	e.do("POST", "/assistant/files/young", okBody, "Content-Type", okCT).must(t, http.StatusOK)
	// metadata=null and an empty metadata mean none.
	wantField(t, e.upload("a", "metadata=null", "n.txt", "x").must(t, http.StatusOK), nil, "metadata")
	wantField(t, e.upload("a", "metadata=", "n.txt", "x").must(t, http.StatusOK), nil, "metadata")
	wantField(t, e.upload("a", "metadata=%7B%7D", "n.txt", "x").must(t, http.StatusOK), map[string]any{}, "metadata")
}

func TestFileDescribe(t *testing.T) {
	e := newEnv(t, Options{})
	e.readyAssistant("a", 0)
	e.readyAssistant("b", 0)
	id := e.upload("a", "", "n.txt", "x").must(t, http.StatusOK)["id"].(string)
	path := "/assistant/files/a/" + id

	d := e.do("GET", path+"?include_url=true", "").must(t, http.StatusOK)
	wantKeys(t, "describe with include_url", d, "name", "id", "metadata", "created_on", "updated_on", "status", "percent_done", "multimodal", "signed_url")
	u, err := url.Parse(d["signed_url"].(string))
	if err != nil || u.Scheme+"://"+u.Host != e.ts.URL || !strings.Contains(u.Path, id) {
		t.Errorf("signed_url = %v (%v), want a URL on %s naming the file", d["signed_url"], err, e.ts.URL)
	}
	for _, q := range []string{"", "?include_url=false"} {
		if d := e.do("GET", path+q, "").must(t, http.StatusOK); has(d, "signed_url") {
			t.Errorf("signed_url without include_url=true (%q): %v", q, d)
		}
	}
	e.do("GET", path+"?include_url=yes", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "include_url")
	e.do("GET", "/assistant/files/a/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "File with id nope not found in provided assistant")
	e.do("DELETE", "/assistant/files/a/nope", "").wantError(t, http.StatusNotFound, "NOT_FOUND", "File with id nope not found in provided assistant")
	e.do("GET", "/assistant/files/zz/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "zz" not found.`)
	e.do("DELETE", "/assistant/files/zz/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "zz" not found.`)
	e.do("GET", "/assistant/files/zz", "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "zz" not found.`)

	// Files belong to their assistant only.
	e.do("GET", "/assistant/files/b/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "not found in provided assistant")
	e.do("DELETE", "/assistant/files/b/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "not found in provided assistant")
	if got := fileNames(t, e.do("GET", "/assistant/files/b", "").must(t, http.StatusOK)); len(got) != 0 {
		t.Errorf("b lists %v", got)
	}
	e.upload("b", "", "m.md", "x").must(t, http.StatusOK)
	if got := fileNames(t, e.do("GET", "/assistant/files/a", "").must(t, http.StatusOK)); !slices.Equal(got, []string{"n.txt"}) {
		t.Errorf("a lists %v", got)
	}
	e.do("GET", path, "").must(t, http.StatusOK)
}

func TestFilesRemovedWithAssistant(t *testing.T) {
	e := newEnv(t, Options{DeleteDelay: 10 * time.Second})
	e.readyAssistant("a", 0)
	id := e.upload("a", "", "n.txt", "x").must(t, http.StatusOK)["id"].(string)
	e.upload("a", "", "m.txt", "x").must(t, http.StatusOK)
	e.do("DELETE", "/assistant/assistants/a", "").must(t, http.StatusOK)

	// While the assistant is Terminating its files are gone already.
	if got := strings.TrimSpace(e.do("GET", "/assistant/files/a", "").raw); got != `{"files":[]}` {
		t.Errorf("files of a Terminating assistant = %s", got)
	}
	e.do("GET", "/assistant/files/a/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "not found in provided assistant")
	e.clock.Advance(10 * time.Second)
	e.do("GET", "/assistant/files/a", "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "a" not found.`)
	e.do("GET", "/assistant/files/a/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", `Assistant "a" not found.`)
	// A new assistant of the same name starts without files.
	e.readyAssistant("a", 0)
	if got := fileNames(t, e.do("GET", "/assistant/files/a", "").must(t, http.StatusOK)); len(got) != 0 {
		t.Errorf("new assistant lists %v", got)
	}
	e.do("GET", "/assistant/files/a/"+id, "").wantError(t, http.StatusNotFound, "NOT_FOUND", "not found in provided assistant")
}

func TestFileListOrderAndFilter(t *testing.T) {
	e := newEnv(t, Options{})
	e.readyAssistant("a", 0)
	up := func(name, meta string) {
		t.Helper()
		q := ""
		if meta != "" {
			q = "metadata=" + url.QueryEscape(meta)
		}
		e.upload("a", q, name, "x").must(t, http.StatusOK)
		e.clock.Advance(time.Second)
	}
	up("1.txt", `{"genre":"drama","year":2020,"draft":false,"tags":["x","y"]}`)
	up("2.txt", `{"genre":"comedy","year":2021,"draft":true,"tags":["y"]}`)
	up("3.txt", `{"genre":"drama","year":2022}`)
	up("4.txt", "")
	up("5.txt", `{"genre":"news","year":2019.5,"nested":{"genre":"drama"}}`)

	all := []string{"1.txt", "2.txt", "3.txt", "4.txt", "5.txt"}
	if got := fileNames(t, e.do("GET", "/assistant/files/a", "").must(t, http.StatusOK)); !slices.Equal(got, all) {
		t.Errorf("list = %v, want upload order %v", got, all)
	}

	cases := []struct {
		filter string
		want   []string
	}{
		{``, all},
		{`{}`, all},
		{`{"genre":"drama"}`, []string{"1.txt", "3.txt"}},
		{`{"genre":{"$eq":"drama"}}`, []string{"1.txt", "3.txt"}},
		{`{"year":2021}`, []string{"2.txt"}},
		{`{"year":2021.0}`, []string{"2.txt"}},
		{`{"draft":true}`, []string{"2.txt"}},
		{`{"draft":false}`, []string{"1.txt"}},
		{`{"draft":"false"}`, []string{}},
		{`{"genre":{"$ne":"drama"}}`, []string{"2.txt", "4.txt", "5.txt"}},
		{`{"genre":{"$in":["comedy","news"]}}`, []string{"2.txt", "5.txt"}},
		{`{"genre":{"$in":[]}}`, []string{}},
		{`{"genre":{"$nin":["comedy","news"]}}`, []string{"1.txt", "3.txt", "4.txt"}},
		{`{"year":{"$gt":2020}}`, []string{"2.txt", "3.txt"}},
		{`{"year":{"$gte":2020}}`, []string{"1.txt", "2.txt", "3.txt"}},
		{`{"year":{"$lt":2020}}`, []string{"5.txt"}},
		{`{"year":{"$lte":2020}}`, []string{"1.txt", "5.txt"}},
		{`{"year":{"$gt":2019,"$lt":2022}}`, []string{"1.txt", "2.txt", "5.txt"}},
		{`{"genre":{"$gt":1}}`, []string{}},
		{`{"tags":"x"}`, []string{"1.txt"}},
		{`{"tags":{"$in":["y"]}}`, []string{"1.txt", "2.txt"}},
		{`{"tags":{"$ne":"x"}}`, []string{"2.txt", "3.txt", "4.txt", "5.txt"}},
		{`{"tags":{"$exists":true}}`, []string{"1.txt", "2.txt"}},
		{`{"genre":{"$exists":false}}`, []string{"4.txt"}},
		{`{"genre":"drama","year":2022}`, []string{"3.txt"}},
		{`{"$and":[{"genre":"drama"},{"year":{"$gte":2021}}]}`, []string{"3.txt"}},
		{`{"$or":[{"genre":"comedy"},{"year":{"$lt":2020}}]}`, []string{"2.txt", "5.txt"}},
		{`{"$and":[{"$or":[{"genre":"drama"},{"genre":"news"}]},{"year":{"$ne":2022}}]}`, []string{"1.txt", "5.txt"}},
		{`{"nested":{"$exists":true}}`, []string{"5.txt"}},
		{`{"missing":{"$nin":["a"]}}`, all},
	}
	for _, c := range cases {
		t.Run(c.filter, func(t *testing.T) {
			b := e.do("GET", "/assistant/files/a?filter="+url.QueryEscape(c.filter), "").must(t, http.StatusOK)
			if got := fileNames(t, b); !slices.Equal(got, c.want) {
				t.Errorf("filter %s = %v, want %v", c.filter, got, c.want)
			}
		})
	}

	for _, bad := range []string{
		`{nope`, `[]`, `"drama"`, `1`, `null`, `{} {}`, `{"genre":"drama"}x`,
		`{"genre":null}`, `{"genre":["a"]}`, `{"genre":{}}`, `{"genre":{"$eq":["a"]}}`,
		`{"genre":{"$eq":{"a":1}}}`, `{"genre":{"$regex":"d.*"}}`, `{"genre":{"drama":1}}`,
		`{"genre":{"$in":"drama"}}`, `{"genre":{"$in":[["a"]]}}`, `{"genre":{"$nin":[null]}}`,
		`{"year":{"$gt":"2020"}}`, `{"genre":{"$exists":"yes"}}`,
		`{"$and":{"genre":"drama"}}`, `{"$and":[]}`, `{"$or":["genre"]}`, `{"$not":{"genre":"drama"}}`, `{"$foo":"x"}`,
		`{"$and":[{"genre":{"$bad":1}}]}`,
	} {
		t.Run("bad "+bad, func(t *testing.T) {
			e.do("GET", "/assistant/files/a?filter="+url.QueryEscape(bad), "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid filter")
		})
	}
	// A bad filter is reported before an unknown assistant.
	e.do("GET", "/assistant/files/nope?filter=%7B", "").wantError(t, http.StatusBadRequest, "INVALID_ARGUMENT", "Invalid filter")
}

// TestAssistantHostServesFiles uses the host from the Assistant, not the
// test server's URL, for the file endpoints.
func TestAssistantHostServesFiles(t *testing.T) {
	e := newEnv(t, Options{})
	host := e.createAssistant(`{"name":"a"}`)["host"].(string)
	u, err := url.Parse(host)
	if err != nil || u.Scheme != "http" || u.Host == "" || u.Path != "" {
		t.Fatalf("host %q is not a bare http URL (%v)", host, err)
	}
	body, ct := multipartBody(t, part{"file", "n.txt", "x"})
	req, _ := http.NewRequest("POST", host+"/assistant/files/a", strings.NewReader(body))
	req.Header.Set("Api-Key", DefaultAPIKey)
	req.Header.Set("Content-Type", ct)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		t.Fatalf("upload through host answered %d", resp.StatusCode)
	}
	id := decodeBody(t, resp)["id"].(string)
	req, _ = http.NewRequest("GET", host+"/assistant/files/a/"+id, nil)
	req.Header.Set("Api-Key", DefaultAPIKey)
	resp2, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp2.Body.Close()
	if resp2.StatusCode != http.StatusOK || decodeBody(t, resp2)["name"] != "n.txt" {
		t.Errorf("describe through host answered %d", resp2.StatusCode)
	}
}

// zeroReader yields n zero bytes without allocating.
type zeroReader struct{ n int64 }

func (z *zeroReader) Read(p []byte) (int, error) {
	if z.n <= 0 {
		return 0, io.EOF
	}
	if int64(len(p)) > z.n {
		p = p[:z.n]
	}
	clear(p)
	z.n -= int64(len(p))
	return len(p), nil
}

// TestFileUploadStreams uploads 64 MiB and checks that the emulator reads it
// as a stream: it allocates far less than the file's size, yet records the
// right size and hash.
func TestFileUploadStreams(t *testing.T) {
	const size = 64 << 20
	s := New(Options{})
	create := httptest.NewRequest("POST", "/assistant/assistants", strings.NewReader(`{"name":"a"}`))
	create.Header.Set("Api-Key", DefaultAPIKey)
	s.ServeHTTP(httptest.NewRecorder(), create)

	const boundary = "emulator-test-boundary"
	head := "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\"\r\nContent-Type: text/plain\r\n\r\n"
	tail := "\r\n--" + boundary + "--\r\n"
	body := io.MultiReader(strings.NewReader(head), &zeroReader{n: size}, strings.NewReader(tail))
	req := httptest.NewRequest("POST", "/assistant/files/a", body)
	req.Header.Set("Api-Key", DefaultAPIKey)
	req.Header.Set("Content-Type", "multipart/form-data; boundary="+boundary)
	rec := httptest.NewRecorder()

	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	s.ServeHTTP(rec, req)
	runtime.ReadMemStats(&after)

	if rec.Code != http.StatusOK {
		t.Fatalf("upload answered %d: %s", rec.Code, rec.Body.String())
	}
	if alloc := after.TotalAlloc - before.TotalAlloc; alloc > 8<<20 {
		t.Errorf("uploading %d bytes allocated %d bytes; the content should be streamed", size, alloc)
	}
	var b map[string]any
	if err := json.Unmarshal(rec.Body.Bytes(), &b); err != nil {
		t.Fatal(err)
	}
	s.mu.Lock()
	f := s.projects[s.defaultProjectID].assistants["a"].files[b["id"].(string)]
	s.mu.Unlock()
	h := sha256.New()
	if _, err := io.Copy(h, &zeroReader{n: size}); err != nil {
		t.Fatal(err)
	}
	if f.size != size || !bytes.Equal(f.sha256[:], h.Sum(nil)) {
		t.Errorf("stored size %d hash %x, want %d %x", f.size, f.sha256, size, h.Sum(nil))
	}
}

// hookReader runs hook once, before its first Read past the first n bytes.
type hookReader struct {
	r    io.Reader
	n    int
	hook func()
}

func (h *hookReader) Read(p []byte) (int, error) {
	if h.hook != nil && h.n <= 0 {
		h.hook()
		h.hook = nil
	}
	if h.hook != nil && len(p) > h.n {
		p = p[:h.n]
	}
	k, err := h.r.Read(p)
	h.n -= k
	return k, err
}

// TestUploadWhileAssistantGoes deletes (and re-creates) the assistant while
// an upload's content is being read: the upload must not land in the new
// assistant or in one that is being deleted.
func TestUploadWhileAssistantGoes(t *testing.T) {
	for _, c := range []struct {
		name        string
		deleteDelay time.Duration
		recreate    bool
		status      int
		msg         string
	}{
		{"terminating", time.Minute, false, http.StatusBadRequest, "status Terminating"},
		{"purged", 0, false, http.StatusNotFound, `Assistant \"a\" not found.`},
		{"replaced", 0, true, http.StatusNotFound, `Assistant \"a\" not found.`},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := New(Options{DeleteDelay: c.deleteDelay})
			call := func(method, path string, body io.Reader, ct string) *httptest.ResponseRecorder {
				req := httptest.NewRequest(method, path, body)
				req.Header.Set("Api-Key", DefaultAPIKey)
				if ct != "" {
					req.Header.Set("Content-Type", ct)
				}
				rec := httptest.NewRecorder()
				s.ServeHTTP(rec, req)
				return rec
			}
			call("POST", "/assistant/assistants", strings.NewReader(`{"name":"a"}`), "application/json")
			body, ct := multipartBody(t, part{"file", "n.txt", strings.Repeat("x", 1000)})
			hook := func() {
				call("DELETE", "/assistant/assistants/a", nil, "")
				if c.recreate {
					call("POST", "/assistant/assistants", strings.NewReader(`{"name":"a"}`), "application/json")
				}
			}
			// The hook fires once the part headers and some content are read.
			rec := call("POST", "/assistant/files/a", &hookReader{r: strings.NewReader(body), n: strings.Index(body, "xxx") + 10, hook: hook}, ct)
			if rec.Code != c.status || !strings.Contains(rec.Body.String(), c.msg) {
				t.Errorf("upload = %d %s, want %d %q", rec.Code, rec.Body.String(), c.status, c.msg)
			}
			s.mu.Lock()
			defer s.mu.Unlock()
			if a, ok := s.projects[s.defaultProjectID].assistants["a"]; ok && len(a.files) != 0 {
				t.Errorf("the upload was stored in %v", a.files)
			}
		})
	}
}

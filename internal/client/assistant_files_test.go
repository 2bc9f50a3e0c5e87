package client

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"math/rand/v2"
	"mime"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-log/tflogtest"
)

const fileID = "3c90c3cc-0d44-4b50-8888-8dd25736052a"

// fileJSON is an answer for file fileID of assistant "a1" in the given state
// (AssistantFileModel of 2026-04 and later).
func fileJSON(status string) string {
	return `{"id":"` + fileID + `","name":"report.txt","size":42,"metadata":null,"created_on":"2026-04-01T12:00:00Z",` +
		`"updated_on":"2026-04-01T12:00:00Z","status":"` + status + `","multimodal":false}`
}

const opID = "op-1234-abcd-5678"

// opJSON is an OperationModel of an upsert of fileID in the given state,
// shaped like the spec's examples.
func opJSON(status string) string {
	switch status {
	case OperationCompleted:
		return `{"id":"` + opID + `","operation_type":"upsert_file","file_id":"` + fileID + `","status":"Completed",` +
			`"created_on":"2025-10-01T12:30:00.000Z","completed_on":"2025-10-01T12:35:00.000Z","percent_complete":100,"ingestion_units":50}`
	case OperationFailed:
		return `{"id":"` + opID + `","operation_type":"upsert_file","file_id":"` + fileID + `","status":"Failed",` +
			`"created_on":"2025-10-01T11:30:00Z","completed_on":"2025-10-01T11:32:00Z","percent_complete":15,` +
			`"error_message":"File processing failed: unsupported file format."}`
	}
	return `{"id":"` + opID + `","operation_type":"upsert_file","file_id":"` + fileID + `","status":"` + status + `",` +
		`"created_on":"2025-10-01T12:30:00Z","percent_complete":42}`
}

// filePlanes starts a control plane that must not be called and a separate
// assistant data plane; it returns a client on the control plane and the
// data-plane host as AssistantHost reads it.
func filePlanes(t *testing.T, handler func(w http.ResponseWriter, r *http.Request, n int), edit ...func(*Options)) (*Client, *fakeAPI, *fakeAPI, *url.URL) {
	t.Helper()
	control := newFakeAPI(t, func(w http.ResponseWriter, r *http.Request, n int) {
		t.Errorf("file call reached the control plane: %s %s", r.Method, r.URL)
		reply(w, 500, pineconeError(500, "UNKNOWN", "wrong host"))
	})
	data := newFakeAPI(t, handler)
	host, err := AssistantHost(&Assistant{Name: "a1", Host: data.URL()})
	if err != nil {
		t.Fatalf("AssistantHost: %v", err)
	}
	return newTestClient(t, control.URL(), edit...), control, data, host
}

// writeFile writes content to name in a fresh directory and returns its path.
func writeFile(t *testing.T, name string, content []byte) string {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "uploads")
	if err := os.MkdirAll(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, content, 0o600); err != nil {
		t.Fatal(err)
	}
	return p
}

type uploadedPart struct {
	formName string
	fileName string
	data     []byte
}

// parseUpload reads a recorded request as multipart/form-data. A body that
// ends before the closing boundary fails the test.
func parseUpload(t *testing.T, r seenRequest) []uploadedPart {
	t.Helper()
	mediaType, params, err := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if err != nil || mediaType != "multipart/form-data" || params["boundary"] == "" {
		t.Fatalf("Content-Type = %q (%v), want multipart/form-data with a boundary", r.Header.Get("Content-Type"), err)
	}
	mr := multipart.NewReader(bytes.NewReader(r.Body), params["boundary"])
	var parts []uploadedPart
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return parts
		}
		if err != nil {
			t.Fatalf("reading multipart body: %v", err)
		}
		data, err := io.ReadAll(p)
		if err != nil {
			t.Fatalf("reading part %q: %v", p.FormName(), err)
		}
		// Part.FileName applies filepath.Base itself, which would hide a
		// client that sends the whole local path; read the raw parameter.
		_, disp, err := mime.ParseMediaType(p.Header.Get("Content-Disposition"))
		if err != nil {
			t.Fatalf("part Content-Disposition %q: %v", p.Header.Get("Content-Disposition"), err)
		}
		parts = append(parts, uploadedPart{formName: p.FormName(), fileName: disp["filename"], data: data})
	}
}

// assertOneFilePart checks that the body is exactly one part "file" with the
// given file name and content.
func assertOneFilePart(t *testing.T, r seenRequest, name string, content []byte) {
	t.Helper()
	assertParts(t, r, "", name, content)
}

// assertParts checks the body: a "metadata" part holding metadata (none when
// metadata is ""), then the "file" part with the given name and content.
func assertParts(t *testing.T, r seenRequest, metadata, name string, content []byte) {
	t.Helper()
	parts := parseUpload(t, r)
	want := 1
	if metadata != "" {
		want = 2
	}
	if len(parts) != want {
		t.Fatalf("multipart body has %d parts, want %d", len(parts), want)
	}
	if metadata != "" {
		if m := parts[0]; m.formName != "metadata" || m.fileName != "" || string(m.data) != metadata {
			t.Errorf("first part = %q (file %q) holding %q; want metadata holding %q", m.formName, m.fileName, m.data, metadata)
		}
	}
	p := parts[len(parts)-1]
	if p.formName != "file" || p.fileName != name {
		t.Errorf("part name %q, filename %q; want file, %q", p.formName, p.fileName, name)
	}
	if !bytes.Equal(p.data, content) {
		t.Errorf("part content (%d bytes, sha256 %x) differs from the file (%d bytes, sha256 %x)",
			len(p.data), sha256.Sum256(p.data), len(content), sha256.Sum256(content))
	}
}

// assertStreamed fails unless the request body was sent without a known
// length, i.e. produced while it was sent rather than buffered first.
func assertStreamed(t *testing.T, r *http.Request) {
	t.Helper()
	if r.ContentLength != -1 && !slices.Contains(r.TransferEncoding, "chunked") {
		t.Errorf("upload sent with Content-Length %d and Transfer-Encoding %v, want a streamed (chunked) body",
			r.ContentLength, r.TransferEncoding)
	}
}

func TestAssistantHost(t *testing.T) {
	cases := []struct {
		name string
		a    Assistant
		want string
	}{
		{"full URL", Assistant{Host: "https://prod-1-data.ke.pinecone.io"}, "https://prod-1-data.ke.pinecone.io"},
		{"trailing slash", Assistant{Host: "https://prod-1-data.ke.pinecone.io/"}, "https://prod-1-data.ke.pinecone.io"},
		{"http kept", Assistant{Host: "http://127.0.0.1:8181"}, "http://127.0.0.1:8181"},
		{"bare host gets https", Assistant{Host: "data.example.com"}, "https://data.example.com"},
		{"host wins over region", Assistant{Host: "https://custom.example", Region: "eu"}, "https://custom.example"},
		{"empty host, no region", Assistant{}, "https://prod-1-data.ke.pinecone.io"},
		{"empty host, us", Assistant{Region: "us"}, "https://prod-1-data.ke.pinecone.io"},
		{"empty host, eu", Assistant{Region: "eu"}, "https://prod-eu-data.ke.pinecone.io"},
		{"empty host, EU", Assistant{Region: "EU"}, "https://prod-eu-data.ke.pinecone.io"},
	}
	for _, tc := range cases {
		u, err := AssistantHost(&tc.a)
		if err != nil {
			t.Errorf("%s: AssistantHost: %v", tc.name, err)
			continue
		}
		if u.String() != tc.want {
			t.Errorf("%s: AssistantHost = %s, want %s", tc.name, u, tc.want)
		}
	}
}

// A region without a default host must not quietly become some other host
// (such as the control plane).
func TestAssistantHostErrors(t *testing.T) {
	for _, a := range []Assistant{
		{Name: "a1", Region: "ap"},
		{Name: "a1", Host: "ftp://files.example"},
	} {
		if u, err := AssistantHost(&a); err == nil {
			t.Errorf("AssistantHost(%+v) = %s, want an error", a, u)
		}
	}
}

func TestUploadAssistantFile(t *testing.T) {
	content := []byte("Quarterly report.\nline two\x00\xff binary bytes too\n")
	path := writeFile(t, "report.txt", content)
	c, control, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
		assertStreamed(t, r)
		w.Header().Set("Location", "/operations/a1/"+opID)
		reply(w, 202, `{"id":"`+opID+`","operation_type":"upload_file","file_id":"`+fileID+`","status":"Processing",`+
			`"created_on":"2025-10-01T12:30:00Z","percent_complete":0}`)
	}, func(o *Options) { o.UserAgent = "tf-test/1" })

	meta := `{"kind":"doc","tags":["a","b"]}`
	f, err := c.UploadAssistantFile(t.Context(), host, "a1", UploadFileRequest{
		Path: path, Metadata: []byte(meta), Multimodal: ptr(true),
	})
	if err != nil {
		t.Fatalf("UploadAssistantFile: %v", err)
	}
	if control.count() != 0 {
		t.Errorf("control plane saw %d requests", control.count())
	}
	r := data.only(t)
	if r.Method != "POST" || r.Path != "/assistant/files/a1" {
		t.Errorf("request = %s %s, want POST /assistant/files/a1", r.Method, r.Path)
	}
	for h, want := range map[string]string{"Api-Key": testAPIKey, "X-Pinecone-Api-Version": FilesAPIVersion, "User-Agent": "tf-test/1", "Accept": "application/json"} {
		if got := r.Header.Get(h); got != want {
			t.Errorf("%s = %q, want %q", h, got, want)
		}
	}
	q, err := url.ParseQuery(r.RawQuery)
	if err != nil {
		t.Fatalf("query %q: %v", r.RawQuery, err)
	}
	if len(q) != 1 || q.Get("multimodal") != "true" {
		t.Errorf("query = %v, want only multimodal=true (metadata is a part since 2026-04)", q)
	}
	assertParts(t, r, meta, "report.txt", content)

	if f.ID != opID || f.OperationType != OperationUploadFile || f.FileID == nil || *f.FileID != fileID ||
		f.Status != OperationProcessing || f.PercentComplete == nil || *f.PercentComplete != 0 {
		t.Errorf("decoded operation = %+v", f)
	}
}

func TestUpsertAssistantFile(t *testing.T) {
	content := []byte("handbook v2")
	path := writeFile(t, "handbook.md", content)
	c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
		assertStreamed(t, r)
		reply(w, 202, opJSON(OperationProcessing))
	})
	meta := `{"team":"support"}`
	op, err := c.UpsertAssistantFile(t.Context(), host, "a1", "handbook_main", UploadFileRequest{Path: path, Metadata: []byte(meta)})
	if err != nil {
		t.Fatalf("UpsertAssistantFile: %v", err)
	}
	r := data.only(t)
	if r.Method != "PUT" || r.Path != "/assistant/files/a1/handbook_main" || r.RawQuery != "" {
		t.Errorf("request = %s %s?%s, want PUT /assistant/files/a1/handbook_main", r.Method, r.Path, r.RawQuery)
	}
	if r.Header.Get("X-Pinecone-Api-Version") != FilesAPIVersion {
		t.Errorf("version header = %q, want %s", r.Header.Get("X-Pinecone-Api-Version"), FilesAPIVersion)
	}
	assertParts(t, r, meta, "handbook.md", content)
	if op.ID != opID || op.Status != OperationProcessing || op.PercentComplete == nil || *op.PercentComplete != 42 {
		t.Errorf("decoded operation = %+v", op)
	}
}

// PUT with the caller's id is idempotent: after a failure that leaves open
// whether the server stored the file, the whole upsert goes again.
func TestUpsertAssistantFileRetriedWhenUncertain(t *testing.T) {
	cases := map[string]func(t *testing.T, w http.ResponseWriter){
		"500": func(t *testing.T, w http.ResponseWriter) {
			reply(w, 500, pineconeError(500, "UNKNOWN", "Internal server error"))
		},
		"503": func(t *testing.T, w http.ResponseWriter) {
			reply(w, 503, pineconeError(503, "UNAVAILABLE", "try later"))
		},
		"dropped connection": dropConnection,
	}
	for name, fail := range cases {
		t.Run(name, func(t *testing.T) {
			content := bytes.Repeat([]byte("abc"), 100<<10)
			c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					fail(t, w)
					return
				}
				reply(w, 202, opJSON(OperationProcessing))
			})
			path := writeFile(t, "a.txt", content)
			if _, err := c.UpsertAssistantFile(t.Context(), host, "a1", "doc-1", UploadFileRequest{Path: path, Metadata: []byte(`{"a":1}`)}); err != nil {
				t.Fatalf("UpsertAssistantFile: %v", err)
			}
			reqs := data.requests()
			if len(reqs) != 2 {
				t.Fatalf("requests = %d, want 2 (one retry)", len(reqs))
			}
			assertParts(t, reqs[1], `{"a":1}`, "a.txt", content)
		})
	}
}

func TestUploadAssistantFileOptionalParts(t *testing.T) {
	cases := []struct {
		name     string
		req      UploadFileRequest
		want     url.Values
		metadata string
	}{
		{"neither", UploadFileRequest{}, url.Values{}, ""},
		{"null metadata", UploadFileRequest{Metadata: []byte("null")}, url.Values{}, ""},
		{"multimodal false", UploadFileRequest{Multimodal: ptr(false)}, url.Values{"multimodal": {"false"}}, ""},
		{"metadata only", UploadFileRequest{Metadata: []byte(`{"a":1}`)}, url.Values{}, `{"a":1}`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 202, opJSON(OperationProcessing)) })
			tc.req.Path = writeFile(t, "notes.md", []byte("# notes"))
			if _, err := c.UploadAssistantFile(t.Context(), host, "a1", tc.req); err != nil {
				t.Fatalf("UploadAssistantFile: %v", err)
			}
			r := data.only(t)
			q, _ := url.ParseQuery(r.RawQuery)
			if len(q) != len(tc.want) {
				t.Errorf("query = %q, want %v", r.RawQuery, tc.want)
			}
			for k := range tc.want {
				if q.Get(k) != tc.want.Get(k) {
					t.Errorf("query %s = %q, want %q", k, q.Get(k), tc.want.Get(k))
				}
			}
			assertParts(t, r, tc.metadata, "notes.md", []byte("# notes"))
		})
	}
}

func TestUploadAssistantFileLarge(t *testing.T) {
	content := make([]byte, 6<<20+12345) // a few MB, not a multiple of any buffer size
	rng := rand.New(rand.NewChaCha8([32]byte{7}))
	for i := range content {
		content[i] = byte(rng.Uint32() & 0xff)
	}
	path := writeFile(t, "big.pdf", content)
	c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
		assertStreamed(t, r)
		reply(w, 202, opJSON(OperationProcessing))
	})
	if _, err := c.UploadAssistantFile(t.Context(), host, "a1", UploadFileRequest{Path: path}); err != nil {
		t.Fatalf("UploadAssistantFile: %v", err)
	}
	assertOneFilePart(t, data.only(t), "big.pdf", content)
}

func TestUploadAssistantFileUnreadablePathSendsNothing(t *testing.T) {
	c, control, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 202, opJSON(OperationProcessing)) })
	missing := filepath.Join(t.TempDir(), "no-such-file.txt")
	_, err := c.UploadAssistantFile(t.Context(), host, "a1", UploadFileRequest{Path: missing})
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("missing file: err = %v, want one wrapping fs.ErrNotExist", err)
	}
	dir := t.TempDir()
	_, err = c.UploadAssistantFile(t.Context(), host, "a1", UploadFileRequest{Path: dir})
	if err == nil || !strings.Contains(err.Error(), "directory") {
		t.Errorf("directory: err = %v, want an error naming it a directory", err)
	}
	if data.count() != 0 || control.count() != 0 {
		t.Errorf("requests sent: data plane %d, control plane %d; want none", data.count(), control.count())
	}
}

// Files have no unique name: an upload that may have been stored is never
// sent again.
func TestUploadAssistantFileNotRetriedWhenUncertain(t *testing.T) {
	cases := map[string]func(t *testing.T, w http.ResponseWriter){
		"500": func(t *testing.T, w http.ResponseWriter) {
			reply(w, 500, pineconeError(500, "UNKNOWN", "Internal server error"))
		},
		"503": func(t *testing.T, w http.ResponseWriter) {
			reply(w, 503, pineconeError(503, "UNAVAILABLE", "try later"))
		},
		"dropped connection": dropConnection,
	}
	for name, fail := range cases {
		t.Run(name, func(t *testing.T) {
			c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
				if n == 0 {
					fail(t, w)
					return
				}
				reply(w, 202, opJSON(OperationProcessing))
			})
			path := writeFile(t, "a.txt", []byte("hello"))
			if _, err := c.UploadAssistantFile(t.Context(), host, "a1", UploadFileRequest{Path: path}); err == nil {
				t.Error("UploadAssistantFile succeeded, want the first failure")
			}
			if data.count() != 1 {
				t.Errorf("requests = %d, want 1 (no retry)", data.count())
			}
		})
	}
}

// A 429 is refused before the server acts, so the upload goes again with
// the whole file streamed a second time.
func TestUploadAssistantFileRetriedAfter429(t *testing.T) {
	content := bytes.Repeat([]byte("0123456789abcdef"), 64<<10) // 1 MiB
	path := writeFile(t, "data.txt", content)
	c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
		assertStreamed(t, r)
		if n == 0 {
			w.Header().Set("Retry-After", "0")
			reply(w, 429, pineconeError(429, "TOO_MANY_REQUESTS", "slow down"))
			return
		}
		reply(w, 202, opJSON(OperationProcessing))
	})
	f, err := c.UploadAssistantFile(t.Context(), host, "a1", UploadFileRequest{Path: path, Metadata: []byte(`{"a":1}`)})
	if err != nil {
		t.Fatalf("UploadAssistantFile: %v", err)
	}
	if f.ID != opID {
		t.Errorf("decoded = %+v", f)
	}
	reqs := data.requests()
	if len(reqs) != 2 {
		t.Fatalf("requests = %d, want 2", len(reqs))
	}
	for i, r := range reqs {
		if r.Method != "POST" || r.Path != "/assistant/files/a1" || r.RawQuery != "" {
			t.Errorf("request %d = %s %s?%s", i, r.Method, r.Path, r.RawQuery)
		}
		assertParts(t, r, `{"a":1}`, "data.txt", content)
	}
}

// The upload's body (the user's document) is never written to the logs.
func TestUploadAssistantFileBodyNotLogged(t *testing.T) {
	t.Setenv("TF_LOG_PROVIDER_PINECONE_HTTP", "TRACE")
	var buf bytes.Buffer
	ctx := tflogtest.RootLogger(t.Context(), &buf)
	const marker = "CONFIDENTIAL-PAYLOAD-7f3a9c"
	path := writeFile(t, "secret.txt", []byte(`{"note":"`+marker+`"}`))
	c, _, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 202, opJSON(OperationProcessing)) })
	if _, err := c.UploadAssistantFile(ctx, host, "a1", UploadFileRequest{Path: path}); err != nil {
		t.Fatalf("UploadAssistantFile: %v", err)
	}
	if !bytes.Contains(data.only(t).Body, []byte(marker)) {
		t.Fatal("the marker was not sent; the test would prove nothing")
	}
	out := buf.String()
	if strings.Contains(out, marker) {
		t.Errorf("log output contains the uploaded content:\n%s", out)
	}
	if !strings.Contains(out, `"http_path":"/assistant/files/a1"`) || !strings.Contains(out, "Sending Pinecone API request") {
		t.Errorf("log output lacks the request line with its path:\n%s", out)
	}
	for _, e := range logEntries(t, &buf) {
		if _, ok := e["http_req_body"]; ok && e["http_path"] == "/assistant/files/a1" {
			t.Errorf("upload request logged with a body field: %v", e)
		}
	}
}

func TestAssistantFileWire(t *testing.T) {
	const full = `{"id":"` + fileID + `","name":"report.pdf","size":1048576,"metadata":{"kind":"doc","pages":3},` +
		`"created_on":"2026-04-01T12:00:00Z","updated_on":"2026-04-01T12:05:00Z","status":"ProcessingFailed",` +
		`"signed_url":"https://storage.example/f?sig=abc","multimodal":true}`
	c, control, data, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
		switch {
		case r.Method == http.MethodGet && r.URL.Path == "/assistant/files/a1/"+fileID:
			reply(w, 200, full)
		case r.Method == http.MethodGet && r.URL.Path == "/assistant/files/a1":
			reply(w, 200, `{"files":[`+full+`,`+fileJSON("Available")+`]}`)
		case r.Method == http.MethodDelete && r.URL.Path == "/assistant/files/a1/"+fileID:
			reply(w, 202, `{"id":"op-del","operation_type":"delete_file","file_id":"`+fileID+`","status":"Processing","created_on":"2026-04-01T12:06:00Z","percent_complete":0}`)
		case r.Method == http.MethodDelete && r.URL.Path == "/assistant/files/a1/failed":
			w.WriteHeader(http.StatusNoContent)
		default:
			reply(w, 404, pineconeError(404, "NOT_FOUND", "no route"))
		}
	})
	ctx := t.Context()

	f, err := c.DescribeAssistantFile(ctx, host, "a1", fileID)
	if err != nil {
		t.Fatalf("DescribeAssistantFile: %v", err)
	}
	want := AssistantFile{
		ID: fileID, Name: "report.pdf", Metadata: []byte(`{"kind":"doc","pages":3}`),
		CreatedOn: "2026-04-01T12:00:00Z", UpdatedOn: "2026-04-01T12:05:00Z", Status: FileStateProcessingFailed,
		Size: ptr(int64(1048576)), SignedURL: "https://storage.example/f?sig=abc", Multimodal: ptr(true),
	}
	assertFile(t, *f, want)

	files, err := c.ListAssistantFiles(ctx, host, "a1", "")
	if err != nil {
		t.Fatalf("ListAssistantFiles: %v", err)
	}
	if len(files) != 2 || files[1].Status != FileStateAvailable || files[1].Multimodal == nil || *files[1].Multimodal {
		t.Fatalf("files = %+v", files)
	}
	assertFile(t, files[0], want)

	filter := `{"kind":{"$eq":"doc"}}`
	if _, err := c.ListAssistantFiles(ctx, host, "a1", filter); err != nil {
		t.Fatalf("ListAssistantFiles(filter): %v", err)
	}
	if _, err := c.ListAssistantFiles(ctx, host, "a1", "  "); err != nil {
		t.Fatalf("ListAssistantFiles(blank filter): %v", err)
	}
	op, err := c.DeleteAssistantFile(ctx, host, "a1", fileID)
	if err != nil || op == nil || op.ID != "op-del" || op.OperationType != OperationDeleteFile {
		t.Fatalf("DeleteAssistantFile = %+v, %v; want the delete operation", op, err)
	}
	if op, err := c.DeleteAssistantFile(ctx, host, "a1", "failed"); err != nil || op != nil {
		t.Fatalf("DeleteAssistantFile of a failed file (204) = %+v, %v; want nil, nil", op, err)
	}

	reqs := data.requests()
	if len(reqs) != 6 {
		t.Fatalf("requests = %d, want 6", len(reqs))
	}
	type wire struct{ method, path, query string }
	page := url.Values{"limit": {"100"}}
	withFilter := url.Values{"limit": {"100"}, "filter": {filter}}
	wantWire := []wire{
		{"GET", "/assistant/files/a1/" + fileID, ""},
		{"GET", "/assistant/files/a1", page.Encode()},
		{"GET", "/assistant/files/a1", withFilter.Encode()},
		{"GET", "/assistant/files/a1", page.Encode()},
		{"DELETE", "/assistant/files/a1/" + fileID, ""},
		{"DELETE", "/assistant/files/a1/failed", ""},
	}
	for i, r := range reqs {
		if got := (wire{r.Method, r.Path, r.RawQuery}); got != wantWire[i] {
			t.Errorf("request %d = %+v, want %+v", i, got, wantWire[i])
		}
		if r.Header.Get("Api-Key") != testAPIKey || r.Header.Get("X-Pinecone-Api-Version") != FilesAPIVersion {
			t.Errorf("request %d headers = %v", i, r.Header)
		}
		if len(r.Body) != 0 || r.Header.Get("Content-Type") != "" {
			t.Errorf("request %d has a body %q (Content-Type %q)", i, r.Body, r.Header.Get("Content-Type"))
		}
	}
	if q, _ := url.ParseQuery(reqs[2].RawQuery); q.Get("filter") != filter {
		t.Errorf("filter sent as %q, want %q", q.Get("filter"), filter)
	}
	if control.count() != 0 {
		t.Errorf("control plane saw %d requests", control.count())
	}
}

func assertFile(t *testing.T, got, want AssistantFile) {
	t.Helper()
	if got.ID != want.ID || got.Name != want.Name || string(got.Metadata) != string(want.Metadata) ||
		got.CreatedOn != want.CreatedOn || got.UpdatedOn != want.UpdatedOn || got.Status != want.Status ||
		got.SignedURL != want.SignedURL {
		t.Errorf("file = %+v\nwant %+v", got, want)
	}
	if (got.Size == nil) != (want.Size == nil) || (got.Size != nil && *got.Size != *want.Size) {
		t.Errorf("Size = %v, want %v", got.Size, want.Size)
	}
	if (got.Multimodal == nil) != (want.Multimodal == nil) || (got.Multimodal != nil && *got.Multimodal != *want.Multimodal) {
		t.Errorf("Multimodal = %v, want %v", got.Multimodal, want.Multimodal)
	}
}

func TestListAssistantFilesEmpty(t *testing.T) {
	for _, body := range []string{`{"files":[]}`, `{}`, `{"files":null}`} {
		c, _, _, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) { reply(w, 200, body) })
		files, err := c.ListAssistantFiles(t.Context(), host, "a1", "")
		if err != nil {
			t.Fatalf("%s: ListAssistantFiles: %v", body, err)
		}
		if files == nil || len(files) != 0 {
			t.Errorf("%s: files = %#v, want a non-nil empty slice", body, files)
		}
	}
}

func TestAssistantFileNotFound(t *testing.T) {
	c, _, _, host := filePlanes(t, func(w http.ResponseWriter, r *http.Request, n int) {
		reply(w, 404, pineconeError(404, "NOT_FOUND", "File with id "+fileID+" not found in provided assistant"))
	})
	ctx := t.Context()
	if _, err := c.DescribeAssistantFile(ctx, host, "a1", fileID); !errors.Is(err, ErrNotFound) {
		t.Errorf("describe: err = %v, want ErrNotFound", err)
	}
	if _, err := c.DeleteAssistantFile(ctx, host, "a1", fileID); !errors.Is(err, ErrNotFound) {
		t.Errorf("delete: err = %v, want ErrNotFound", err)
	}
	if _, err := c.ListAssistantFiles(ctx, host, "a1", ""); !errors.Is(err, ErrNotFound) {
		t.Errorf("list: err = %v, want ErrNotFound", err)
	}
}

func TestListAssistantFilesFollowsPages(t *testing.T) {
	pages := []string{
		`{"files":[` + fileJSON("Available") + `],"pagination":{"next":"t1"}}`,
		`{"files":[` + fileJSON("Processing") + `],"pagination":{"next":"t2"}}`,
		`{"files":[` + fileJSON("Deleting") + `],"pagination":null}`,
	}
	c, _, data, host := filePlanes(t, sequence(pages...))
	files, err := c.ListAssistantFiles(t.Context(), host, "a1", "")
	if err != nil {
		t.Fatalf("ListAssistantFiles: %v", err)
	}
	if len(files) != 3 || files[2].Status != FileStateDeleting {
		t.Fatalf("files = %+v", files)
	}
	for i, want := range []string{"", "t1", "t2"} {
		q, _ := url.ParseQuery(data.requests()[i].RawQuery)
		if q.Get("pagination_token") != want || q.Get("limit") != "100" {
			t.Errorf("page %d query = %v, want pagination_token %q", i, q, want)
		}
	}
}

func TestWaitForFileOperation(t *testing.T) {
	// Only Completed ends the wait; "Queued" stands for a state the client
	// does not know.
	c, _, data, host := filePlanes(t, sequence(opJSON("Processing"), opJSON("Queued"), opJSON(OperationCompleted)))
	start := &FileOperation{ID: opID, OperationType: OperationUpsertFile, FileID: ptr(fileID), Status: OperationProcessing}
	op, err := c.WaitForFileOperation(boundedCtx(t), host, "a1", start)
	if err != nil {
		t.Fatalf("WaitForFileOperation: %v", err)
	}
	if op.Status != OperationCompleted || op.IngestionUnits == nil || *op.IngestionUnits != 50 || op.CompletedOn == nil {
		t.Errorf("returned %+v, want the Completed operation", op)
	}
	if data.count() != 3 {
		t.Errorf("describes = %d, want 3", data.count())
	}
	for _, r := range data.requests() {
		if r.Method != "GET" || r.Path != "/assistant/operations/a1/"+opID || r.Header.Get("X-Pinecone-Api-Version") != FilesAPIVersion {
			t.Errorf("waiter sent %s %s (version %q)", r.Method, r.Path, r.Header.Get("X-Pinecone-Api-Version"))
		}
	}
}

func TestWaitForFileOperationFailed(t *testing.T) {
	c, _, data, host := filePlanes(t, sequence(opJSON("Processing"), opJSON(OperationFailed), opJSON(OperationCompleted)))
	start := &FileOperation{ID: opID, OperationType: OperationUpsertFile, FileID: ptr(fileID)}
	op, err := c.WaitForFileOperation(boundedCtx(t), host, "a1", start)
	var fe *FileOperationError
	if !errors.As(err, &fe) {
		t.Fatalf("err = %v (%T), want *FileOperationError", err, err)
	}
	if fe.OperationID != opID || fe.FileID != fileID || fe.Message != "File processing failed: unsupported file format." {
		t.Errorf("FileOperationError = %+v", fe)
	}
	if want := "upsert_file operation " + opID + " on file " + fileID + " failed: File processing failed: unsupported file format."; err.Error() != want {
		t.Errorf("Error() = %q, want %q", err.Error(), want)
	}
	if op == nil || op.Status != OperationFailed {
		t.Errorf("last operation = %+v", op)
	}
	if data.count() != 2 {
		t.Errorf("describes = %d, want 2 (stop at the failure)", data.count())
	}
}

func TestWaitForFileOperationHonoursContext(t *testing.T) {
	c, _, _, host := filePlanes(t, sequence(opJSON("Processing")))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	_, err := c.WaitForFileOperation(ctx, host, "a1", &FileOperation{ID: opID, OperationType: OperationUpsertFile})
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) || we.LastState != OperationProcessing {
		t.Errorf("err = %v, want a WaitError for DeadlineExceeded with last state Processing", err)
	}
}

func TestWaitForAssistantFileDeleted(t *testing.T) {
	// Only a 404 ends the wait, whatever state describe reports before it.
	c, _, data, host := filePlanes(t, sequence(fileJSON("Deleting"), fileJSON("Purging"), "404"))
	if err := c.WaitForAssistantFileDeleted(boundedCtx(t), host, "a1", fileID); err != nil {
		t.Fatalf("WaitForAssistantFileDeleted: %v", err)
	}
	if data.count() != 3 {
		t.Errorf("describes = %d, want 3", data.count())
	}
	for _, r := range data.requests() {
		if r.Method != "GET" || r.Path != "/assistant/files/a1/"+fileID {
			t.Errorf("waiter sent %s %s", r.Method, r.Path)
		}
	}
}

func TestWaitForAssistantFileDeletedHonoursContext(t *testing.T) {
	c, _, _, host := filePlanes(t, sequence(fileJSON("Deleting")))
	ctx, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	err := c.WaitForAssistantFileDeleted(ctx, host, "a1", fileID)
	var we *WaitError
	if !errors.As(err, &we) || !errors.Is(err, context.DeadlineExceeded) || we.LastState != FileStateDeleting {
		t.Errorf("err = %v, want a WaitError for DeadlineExceeded with last state Deleting", err)
	}
}

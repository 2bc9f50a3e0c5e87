package emulator

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"mime/multipart"
	"net/http"
	"net/url"
	"path"
	"slices"
	"strings"
	"time"
)

// Route templates of the assistant file endpoints (spec
// assistant_data_2025-10.oas.yaml: list_files, upload_file, describe_file,
// delete_file).
// They belong to the assistant data plane, which production serves at the
// assistant's host; the emulator serves them itself and hands out its own
// address as that host.
const (
	routeAssistantFiles = "/assistant/files/{assistant_name}"
	routeAssistantFile  = "/assistant/files/{assistant_name}/{assistant_file_id}"
)

// Assistant file states (AssistantFileModel.status).
const (
	fileProcessing       = "Processing"
	fileAvailable        = "Available"
	fileProcessingFailed = "ProcessingFailed"
	fileDeleting         = "Deleting"
)

// filePart is the multipart part that carries the upload.
const filePart = "file"

// supportedFileTypes are the accepted file name extensions (lowercase), as
// listed under "Supported file types" in docs.pinecone.io
// guides/assistant/files-overview (see doc.go, "Files are identified by
// extension"); the upload_file 400 example of spec
// assistant_data_2025-10.oas.yaml still says only pdf or txt.
var supportedFileTypes = []string{".pdf", ".txt", ".md", ".json", ".docx"}

func (s *Server) registerAssistantFileRoutes() {
	s.handle(http.MethodGet, routeAssistantFiles, s.handleListFiles)
	s.handle(http.MethodPost, routeAssistantFiles, s.handleUploadFile)
	s.handle(http.MethodGet, routeAssistantFile, s.handleDescribeFile)
	s.handle(http.MethodDelete, routeAssistantFile, s.handleDeleteFile)
	s.registerAssistantOperationRoutes()
}

// assistantFile is one uploaded file. The content is not kept: only its size
// and SHA-256, which the API never shows. Its status is computed from the
// clock.
type assistantFile struct {
	id         string
	name       string
	metadata   json.RawMessage // compact JSON object; nil = none
	meta       map[string]any  // metadata decoded, for filters
	multimodal bool
	size       int64
	sha256     [sha256.Size]byte

	createdAt   time.Time // first upload; an upsert keeps it
	processedAt time.Time // start of the latest processing (upload or upsert)
	doneAt      time.Time // end of that processing
	fail        bool      // Faults.FailFiles matched the latest content's name

	deleting  bool
	deletedAt time.Time
	goneAt    time.Time
	deleteOp  string // id of the delete_file operation (2026-04 protocol)
}

func (f *assistantFile) pos() cursor { return cursor{at: f.createdAt, id: f.id} }

// state returns status, percent_done and updated_on at t; fresh marks the
// answer to the upload, which always shows Processing at 0.
func (f *assistantFile) state(t time.Time, fresh bool) (status string, percent float64, updated time.Time) {
	processing := during(t, f.doneAt, fresh)
	switch {
	case processing:
		percent = f.progress(t)
	case f.fail:
		percent = 0
	default:
		percent = 1
	}
	switch {
	case f.deleting:
		return fileDeleting, percent, f.deletedAt
	case processing:
		return fileProcessing, percent, f.processedAt
	case f.fail:
		return fileProcessingFailed, percent, f.doneAt
	}
	return fileAvailable, percent, f.doneAt
}

// progress is percent_done while processing (t before doneAt): rising
// linearly from 0 in steps of 0.01, so at most 0.99.
func (f *assistantFile) progress(t time.Time) float64 {
	total := f.doneAt.Sub(f.processedAt)
	if total <= 0 {
		return 0 // the upload answer with a zero ReadyDelay
	}
	return math.Floor(100*float64(t.Sub(f.processedAt))/float64(total)) / 100
}

// assistantFileJSON is AssistantFileModel (spec
// assistant_data_2025-10.oas.yaml).
type assistantFileJSON struct {
	Name         string          `json:"name"`
	ID           string          `json:"id"`
	Metadata     json.RawMessage `json:"metadata"`
	CreatedOn    string          `json:"created_on"`
	UpdatedOn    string          `json:"updated_on"`
	Status       string          `json:"status"`
	PercentDone  float64         `json:"percent_done"`
	Multimodal   bool            `json:"multimodal"`
	SignedURL    string          `json:"signed_url,omitempty"`
	ErrorMessage string          `json:"error_message,omitempty"`
}

type fileListJSON struct {
	Files []assistantFileJSON `json:"files"`
}

func (f *assistantFile) view(t time.Time, fresh bool) assistantFileJSON {
	status, percent, updated := f.state(t, fresh)
	out := assistantFileJSON{
		Name:        f.name,
		ID:          f.id,
		Metadata:    append(json.RawMessage(nil), f.metadata...),
		CreatedOn:   timestamp(f.createdAt),
		UpdatedOn:   timestamp(updated),
		Status:      status,
		PercentDone: percent,
		Multimodal:  f.multimodal,
	}
	if status == fileProcessingFailed {
		out.ErrorMessage = fmt.Sprintf("Failed to process file %s (injected by the emulator's FailFiles fault).", f.name)
	}
	return out
}

// signedURL is what include_url=true adds: a URL on the emulator's own
// address that nothing serves (the emulator keeps no content).
func (f *assistantFile) signedURL(r *http.Request, assistantName string) string {
	return fmt.Sprintf("%s/_emulator/files/%s/%s?signature=%s",
		baseURL(r), url.PathEscape(assistantName), f.id, hex.EncodeToString(f.sha256[:8]))
}

func fileNotFound(id string) *apiError {
	return notFound("File with id %s not found in provided assistant", id)
}

// boolQuery reads an optional true/false query parameter; other values are
// 400.
func boolQuery(v url.Values, name string) (bool, *apiError) {
	if !v.Has(name) {
		return false, nil
	}
	switch raw := v.Get(name); raw {
	case "true":
		return true, nil
	case "false":
		return false, nil
	default:
		return false, invalidArgument("Invalid %s %q: must be true or false.", name, raw)
	}
}

// metadataQuery reads the upload's metadata query parameter: a JSON object
// (absent, empty or null means none). Anything else is 400.
func metadataQuery(v url.Values) (json.RawMessage, map[string]any, *apiError) {
	raw := strings.TrimSpace(v.Get("metadata"))
	if raw == "" || raw == "null" {
		return nil, nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &obj); err != nil || obj == nil {
		return nil, nil, invalidArgument("Invalid metadata %q: must be a JSON object.", raw)
	}
	compact, apiErr := compactObject(obj)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	var decoded map[string]any
	_ = json.Unmarshal(compact, &decoded) // valid: it was just encoded
	return compact, decoded, nil
}

// lookupAssistant finds the assistant for a file request. Callers hold s.mu
// and have purged.
func (p *project) lookupAssistant(name string) (*assistant, *apiError) {
	a, ok := p.assistants[name]
	if !ok {
		return nil, assistantNotFound(name)
	}
	return a, nil
}

// lookupFile finds file id of the assistant name for a request at t: 404 for
// either. Callers hold s.mu.
func (p *project) lookupFile(name, id string, t time.Time) (*assistant, *assistantFile, *apiError) {
	p.purgeAssistants(t)
	a, err := p.lookupAssistant(name)
	if err != nil {
		return nil, nil, err
	}
	f, ok := a.files[id]
	if !ok {
		return nil, nil, fileNotFound(id)
	}
	return a, f, nil
}

// readyForUpload is the 400 for an assistant that cannot take files.
func readyForUpload(a *assistant, t time.Time) *apiError {
	if st := a.status(t, false); st != assistantReady {
		// [unverified] production's answer for an upload to an assistant
		// that is not Ready.
		return invalidArgument("Assistant %q is not ready (status %s); files can only be uploaded to a Ready assistant.", a.name, st)
	}
	return nil
}

// handleUploadFile stores a file from a multipart/form-data body. Order:
// query parameters (400), the assistant (404, 400 when not Ready), the
// multipart body (400: not multipart, no file part, no file name, an
// unsupported type, multimodal for a non-PDF), then the content is read.
//
// The content is streamed through SHA-256 and never held in memory.
func (s *Server) handleUploadFile(q *request) {
	if q.usesOperations() {
		s.handleUploadFile2026(q)
		return
	}
	name := q.param("assistant_name")
	query := q.r.URL.Query()
	metadata, meta, err := metadataQuery(query)
	if err != nil {
		q.fail(err)
		return
	}
	multimodal, err := boolQuery(query, "multimodal")
	if err != nil {
		q.fail(err)
		return
	}

	p := q.proj
	a, err := s.uploadTarget(p, name)
	if err != nil {
		q.fail(err)
		return
	}

	part, err := findFilePart(q.r)
	if err != nil {
		q.fail(err)
		return
	}
	fileName := part.FileName()
	ext := strings.ToLower(path.Ext(fileName))
	if !slices.Contains(supportedFileTypes, ext) {
		q.fail(invalidArgument("Unsupported file type %q for file %q. Supported types: %s.",
			ext, fileName, strings.Join(supportedFileTypes, ", ")))
		return
	}
	if multimodal && ext != ".pdf" {
		q.fail(invalidArgument("multimodal=true is only supported for PDF files; %q is not a PDF.", fileName))
		return
	}
	h := sha256.New()
	size, copyErr := io.Copy(h, part)
	if copyErr != nil {
		q.fail(invalidArgument("Could not read the uploaded file: %v", copyErr))
		return
	}

	f := &assistantFile{
		id:         newUUID(),
		name:       fileName,
		metadata:   metadata,
		meta:       meta,
		multimodal: multimodal,
		size:       size,
		fail:       s.faults.failsFile(fileName),
	}
	h.Sum(f.sha256[:0])

	view, err := s.storeFile(p, a, f)
	if err != nil {
		q.fail(err)
		return
	}
	writeJSON(q.w, http.StatusOK, view)
}

// uploadTarget finds the assistant an upload goes to: 404 when it does not
// exist, 400 unless it is Ready.
func (s *Server) uploadTarget(p *project, name string) (*assistant, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	p.purgeAssistants(t)
	a, err := p.lookupAssistant(name)
	if err != nil {
		return nil, err
	}
	return a, readyForUpload(a, t)
}

// storeFile adds f to a (of project p), unless a has been deleted (or
// replaced by a new assistant of the same name) while the content was being
// read.
func (s *Server) storeFile(p *project, a *assistant, f *assistantFile) (assistantFileJSON, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := p.stillUploadTarget(a, t); err != nil {
		return assistantFileJSON{}, err
	}
	f.createdAt = t
	f.processedAt = t
	f.doneAt = t.Add(s.opts.ReadyDelay)
	a.files[f.id] = f
	return f.view(t, true), nil
}

// stillUploadTarget checks, once the content of an upload to a has been read,
// that a may still take it: 401 when p has been deleted meanwhile, 404 when a
// has been deleted or replaced by a new assistant of the same name, 400
// unless it is Ready. Callers hold s.mu.
func (p *project) stillUploadTarget(a *assistant, t time.Time) *apiError {
	if p.deleted {
		return keyRevoked()
	}
	p.purgeAssistants(t)
	cur, err := p.lookupAssistant(a.name)
	switch {
	case err != nil:
		return err
	case cur != a:
		return assistantNotFound(a.name)
	}
	return readyForUpload(cur, t)
}

// findFilePart returns the first multipart part named "file", skipping other
// parts. Its content has not been read yet.
func findFilePart(r *http.Request) (*multipart.Part, *apiError) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, invalidArgument("The request must be multipart/form-data with a part named %q: %v", filePart, err)
	}
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			return nil, invalidArgument("Missing the %q part: the request must be multipart/form-data with the file in a part named %q.", filePart, filePart)
		}
		if err != nil {
			return nil, invalidArgument("Malformed multipart body: %v", err)
		}
		if p.FormName() != filePart {
			continue // NextPart skips the rest of this part
		}
		if p.FileName() == "" {
			return nil, invalidArgument("The %q part has no file name; send it with a filename so its type can be told.", filePart)
		}
		return p, nil
	}
}

// handleListFiles answers {"files":[...]}: the files of that assistant
// (including Deleting ones) that match the optional metadata filter, ordered
// by upload time, then id.
func (s *Server) handleListFiles(q *request) {
	if q.usesOperations() {
		s.handleListFiles2026(q)
		return
	}
	match, err := parseMetadataFilter(q.r.URL.Query().Get("filter"))
	if err != nil {
		q.fail(err)
		return
	}
	s.readAssistant(q, func(a *assistant, t time.Time) (any, *apiError) {
		files := a.matchingFiles(match)
		sortByPos(files, (*assistantFile).pos)
		out := fileListJSON{Files: make([]assistantFileJSON, 0, len(files))}
		for _, f := range files {
			out.Files = append(out.Files, f.view(t, false))
		}
		return out, nil
	})
}

// readAssistant answers a read of the assistant named in the path: with
// s.mu held and expired objects purged, it passes the assistant and the
// time to render, and writes what render returns (200) or its error. An
// unknown assistant is 404.
func (s *Server) readAssistant(q *request, render func(a *assistant, t time.Time) (any, *apiError)) {
	s.read(q, func(t time.Time) (any, *apiError) {
		q.proj.purgeAssistants(t)
		a, err := q.proj.lookupAssistant(q.param("assistant_name"))
		if err != nil {
			return nil, err
		}
		return render(a, t)
	})
}

// matchingFiles returns the files (Deleting ones included) whose metadata
// match.
func (a *assistant) matchingFiles(match func(map[string]any) bool) []*assistantFile {
	files := make([]*assistantFile, 0, len(a.files))
	for _, f := range a.files {
		if match(f.meta) {
			files = append(files, f)
		}
	}
	return files
}

func (s *Server) handleDescribeFile(q *request) {
	id := q.param("assistant_file_id")
	includeURL, err := boolQuery(q.r.URL.Query(), "include_url")
	if err != nil {
		q.fail(err)
		return
	}
	s.readAssistant(q, func(a *assistant, t time.Time) (any, *apiError) {
		f, ok := a.files[id]
		if !ok {
			return nil, fileNotFound(id)
		}
		signed := ""
		if includeURL {
			signed = f.signedURL(q.r, a.name)
		}
		if q.usesOperations() {
			v := f.view2026(t)
			v.SignedURL = signed
			return v, nil
		}
		v := f.view(t, false)
		v.SignedURL = signed
		return v, nil
	})
}

// handleDeleteFile answers 200 with no body; the file is Deleting for
// DeleteDelay, then gone. A repeated DELETE while Deleting is 200 again and
// does not restart the clock.
func (s *Server) handleDeleteFile(q *request) {
	if q.usesOperations() {
		s.handleDeleteFile2026(q)
		return
	}
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	_, f, err := q.proj.lookupFile(q.param("assistant_name"), q.param("assistant_file_id"), t)
	if err != nil {
		q.fail(err)
		return
	}
	if !f.deleting {
		f.deleting = true
		f.deletedAt = t
		f.goneAt = t.Add(s.opts.DeleteDelay)
	}
	q.w.WriteHeader(http.StatusOK)
}

package emulator

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

// The file protocol of API 2026-04 and later (spec
// assistant_data_2026-04.oas.yaml: upload_file, upsert_file, delete_file,
// list_operations, describe_operation): uploads, upserts and deletes are
// asynchronous operations answered with 202 and an OperationModel; metadata
// travels as a multipart part; files carry their size and lose percent_done
// and error_message, which live on the operation. The 2025-10 protocol
// (assistant_files.go) stays as it was for requests that send that version.

// Route templates of the upsert and the operation endpoints.
const (
	routeAssistantOperations = "/assistant/operations/{assistant_name}"
	routeAssistantOperation  = "/assistant/operations/{assistant_name}/{operation_id}"
)

// Operation types and states (OperationModel.operation_type and .status).
const (
	opUploadFile         = "upload_file"
	opUpsertFile         = "upsert_file"
	opUpdateFileMetadata = "update_file_metadata" // in the enum; no endpoint makes one
	opDeleteFile         = "delete_file"

	opProcessing = "Processing"
	opCompleted  = "Completed"
	opFailed     = "Failed"
)

// metadataPart is the multipart part that carries a file's metadata.
const metadataPart = "metadata"

// Limits from Pinecone's file guide (guides/assistant/files-overview): PDFs
// up to 100 MB, other types up to 10 MB; metadata at most 16 KB. MB is read
// as MiB ([unverified]: the guide does not say which).
const (
	maxPDFBytes      = 100 << 20
	maxOtherBytes    = 10 << 20
	maxMetadataBytes = 16 << 10

	// failedAtPercent is where processing of a file that fails stops.
	failedAtPercent = 50

	// operationRetention is how long a finished operation stays listed:
	// "retained for 30 days after completion" (list_operations in the
	// 2026-04 assistant data spec).
	operationRetention = 30 * 24 * time.Hour

	// queryTokenSnake is the assistant APIs' page token parameter.
	queryTokenSnake = "pagination_token"

	// defaultFilePageLimit is the file list's page size when limit is absent
	// ([unverified]: the spec gives none).
	defaultFilePageLimit = 100
	pageKindFiles        = "files"
	pageKindOperations   = "operations"
)

// fileIDPattern is the upsert path's rule for a caller-chosen id: 1-128
// characters of letters, digits, hyphens and underscores (upsert_file's
// assistant_file_id parameter in the 2026-04 spec).
var fileIDPattern = regexp.MustCompile(`^[A-Za-z0-9_-]{1,128}$`)

var (
	operationTypes  = []string{opUploadFile, opUpsertFile, opUpdateFileMetadata, opDeleteFile}
	operationStates = []string{opProcessing, opCompleted, opFailed}
)

func (s *Server) registerAssistantOperationRoutes() {
	s.handle(http.MethodPut, routeAssistantFile, s.handleUpsertFile)
	s.handle(http.MethodGet, routeAssistantOperations, s.handleListOperations)
	s.handle(http.MethodGet, routeAssistantOperation, s.handleDescribeOperation)
}

// usesOperations reports whether a request speaks the 2026-04+ file protocol.
func (q *request) usesOperations() bool { return q.version != apiVersion2025_10 }

// fileOperation is one asynchronous operation on a file. Like everything
// else, its status is computed from the clock.
type fileOperation struct {
	id        string
	opType    string
	fileID    string
	createdAt time.Time
	doneAt    time.Time
	fail      bool
	errorMsg  string
	units     int // ingestion units when an upload or upsert completes
}

func (o *fileOperation) pos() cursor { return cursor{at: o.createdAt, id: o.id} }

// operationJSON is OperationModel (spec assistant_data_2026-04.oas.yaml).
type operationJSON struct {
	ID              string  `json:"id"`
	OperationType   string  `json:"operation_type"`
	FileID          *string `json:"file_id"`
	Status          string  `json:"status"`
	CreatedOn       string  `json:"created_on"`
	CompletedOn     *string `json:"completed_on,omitempty"`
	PercentComplete int     `json:"percent_complete"`
	ErrorMessage    *string `json:"error_message,omitempty"`
	IngestionUnits  *int    `json:"ingestion_units,omitempty"`
}

// operationTime renders operation timestamps with milliseconds, as the
// 2026-07 reference pages show them ("2025-10-01T12:30:00.000Z").
func operationTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// view renders o at t; fresh marks the answer to the request that started
// it, which always shows Processing.
func (o *fileOperation) view(t time.Time, fresh bool) operationJSON {
	out := operationJSON{ID: o.id, OperationType: o.opType, Status: opProcessing, CreatedOn: operationTime(o.createdAt)}
	if o.fileID != "" {
		id := o.fileID
		out.FileID = &id
	}
	if during(t, o.doneAt, fresh) {
		if total := o.doneAt.Sub(o.createdAt); total > 0 {
			out.PercentComplete = int(100 * t.Sub(o.createdAt) / total)
		}
		return out
	}
	done := operationTime(o.doneAt)
	out.CompletedOn = &done
	if o.fail {
		// A failed operation keeps the progress it had reached, a partial
		// percentage as in the spec's list_operations example.
		out.Status = opFailed
		out.PercentComplete = failedAtPercent
		msg := o.errorMsg
		out.ErrorMessage = &msg
		return out
	}
	out.Status = opCompleted
	out.PercentComplete = 100
	if o.opType == opUploadFile || o.opType == opUpsertFile {
		units := o.units
		out.IngestionUnits = &units
	}
	return out
}

// assistantFileJSON2026 is AssistantFileModel in 2026-04 and later: size,
// and no percent_done or error_message.
type assistantFileJSON2026 struct {
	Name       string          `json:"name"`
	ID         string          `json:"id"`
	Size       int64           `json:"size"`
	Metadata   json.RawMessage `json:"metadata"`
	CreatedOn  string          `json:"created_on"`
	UpdatedOn  string          `json:"updated_on"`
	Status     string          `json:"status"`
	SignedURL  string          `json:"signed_url,omitempty"`
	Multimodal bool            `json:"multimodal"`
}

func (f *assistantFile) view2026(t time.Time) assistantFileJSON2026 {
	status, _, updated := f.state(t, false)
	return assistantFileJSON2026{
		Name:       f.name,
		ID:         f.id,
		Size:       f.size,
		Metadata:   append(json.RawMessage(nil), f.metadata...),
		CreatedOn:  timestamp(f.createdAt),
		UpdatedOn:  timestamp(updated),
		Status:     status,
		Multimodal: f.multimodal,
	}
}

type fileList2026JSON struct {
	Files      []assistantFileJSON2026 `json:"files"`
	Pagination *paginationJSON         `json:"pagination,omitempty"`
}

type operationListJSON struct {
	Operations []operationJSON `json:"operations"`
	Pagination *paginationJSON `json:"pagination,omitempty"`
}

func operationNotFound(id string) *apiError { return notFound("Operation %s not found.", id) }

// fileProcessingFailure is the error message of an operation whose file
// FailFiles makes fail.
func fileProcessingFailure(name string) string {
	return fmt.Sprintf("File processing failed: %s could not be processed (injected by the emulator's FailFiles fault).", name)
}

// ingestionUnits is what a completed ingestion reports: one unit per started
// MiB ([unverified] placeholder; the spec only says the field exists).
func ingestionUnits(size int64) int {
	return int(max(1, (size+(1<<20)-1)>>20))
}

// upload is what a multipart body of the 2026-04 protocol carried.
type upload struct {
	name       string
	metadata   json.RawMessage
	meta       map[string]any
	multimodal bool
	size       int64
	sum        [sha256.Size]byte
}

// readUploadQuery reads the query parameters of an upload or upsert: only
// multimodal. Metadata as a query parameter belongs to 2025-10 and is
// refused (the Python client notes that 2026-04 rejects it).
func readUploadQuery(q *request) (bool, *apiError) {
	query := q.r.URL.Query()
	if query.Has(metadataPart) {
		return false, invalidArgument("metadata is not a query parameter in API version %s: send it as a multipart part named %q.", q.version, metadataPart)
	}
	return boolQuery(query, "multimodal")
}

// readUpload reads a multipart body: the first part named "file" (checked
// for a name, a supported type, multimodal and its size limit, and streamed
// through SHA-256) and an optional "metadata" part before or after it.
func readUpload(r *http.Request, multimodal bool) (*upload, *apiError) {
	mr, err := r.MultipartReader()
	if err != nil {
		return nil, invalidArgument("The request must be multipart/form-data with a part named %q: %v", filePart, err)
	}
	up := &upload{multimodal: multimodal}
	seenFile, seenMeta := false, false
	for {
		p, err := mr.NextPart()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, invalidArgument("Malformed multipart body: %v", err)
		}
		switch {
		case p.FormName() == filePart && !seenFile:
			seenFile = true
			if apiErr := up.readFile(p.FileName(), p); apiErr != nil {
				return nil, apiErr
			}
		case p.FormName() == metadataPart && !seenMeta:
			seenMeta = true
			raw, err := io.ReadAll(io.LimitReader(p, 4*maxMetadataBytes))
			if err != nil {
				return nil, invalidArgument("Malformed multipart body: %v", err)
			}
			var apiErr *apiError
			if up.metadata, up.meta, apiErr = parseFileMetadata(raw); apiErr != nil {
				return nil, apiErr
			}
		}
	}
	if !seenFile {
		return nil, invalidArgument("Missing the %q part: the request must be multipart/form-data with the file in a part named %q.", filePart, filePart)
	}
	return up, nil
}

// readFile checks the file part's name, type and size and hashes it.
func (up *upload) readFile(fileName string, content io.Reader) *apiError {
	if fileName == "" {
		return invalidArgument("The %q part has no file name; send it with a filename so its type can be told.", filePart)
	}
	ext := strings.ToLower(path.Ext(fileName))
	if !slices.Contains(supportedFileTypes, ext) {
		return invalidArgument("Unsupported file type %q for file %q. Supported types: %s.",
			ext, fileName, strings.Join(supportedFileTypes, ", "))
	}
	if up.multimodal && ext != ".pdf" {
		return invalidArgument("multimodal=true is only supported for PDF files; %q is not a PDF.", fileName)
	}
	limit, what := int64(maxOtherBytes), "10 MB"
	if ext == ".pdf" {
		limit, what = maxPDFBytes, "100 MB"
	}
	h := sha256.New()
	n, err := io.Copy(h, io.LimitReader(content, limit+1))
	if err != nil {
		return invalidArgument("Could not read the uploaded file: %v", err)
	}
	if n > limit {
		return invalidArgument("File %q is too large: %s files may be at most %s.", fileName, strings.TrimPrefix(ext, "."), what)
	}
	up.name, up.size = path.Base(fileName), n
	h.Sum(up.sum[:0])
	return nil
}

// parseFileMetadata checks the metadata part: a flat JSON object of at most
// 16 KB whose keys do not start with "$" and whose values are strings,
// numbers, booleans or lists of those, never null (Pinecone's file guide).
// "null" and an empty part mean none.
func parseFileMetadata(raw []byte) (json.RawMessage, map[string]any, *apiError) {
	text := bytes.TrimSpace(raw)
	if len(text) == 0 || string(text) == "null" {
		return nil, nil, nil
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(text, &obj); err != nil || obj == nil {
		return nil, nil, invalidArgument("Invalid metadata: must be a JSON object.")
	}
	keys := make([]string, 0, len(obj))
	for k := range obj {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		if strings.HasPrefix(k, "$") {
			return nil, nil, invalidArgument("Invalid metadata: key %q must not start with \"$\".", k)
		}
		if err := checkFlatValue(k, obj[k]); err != nil {
			return nil, nil, err
		}
	}
	compact, apiErr := compactObject(obj)
	if apiErr != nil {
		return nil, nil, apiErr
	}
	if len(compact) > maxMetadataBytes {
		return nil, nil, invalidArgument("Invalid metadata: %d bytes of JSON; at most 16 KB (%d bytes) are allowed.", len(compact), maxMetadataBytes)
	}
	var decoded map[string]any
	_ = json.Unmarshal(compact, &decoded) // valid: it was just encoded
	return compact, decoded, nil
}

// checkFlatValue accepts a string, number or boolean, or a list of them.
func checkFlatValue(key string, raw json.RawMessage) *apiError {
	var v any
	_ = json.Unmarshal(raw, &v) // part of a valid object
	scalar := func(x any) bool {
		switch x.(type) {
		case string, float64, bool:
			return true
		}
		return false
	}
	switch t := v.(type) {
	case nil:
		return invalidArgument("Invalid metadata: the value of %q is null; null values are not allowed.", key)
	case []any:
		for _, e := range t {
			if !scalar(e) {
				return invalidArgument("Invalid metadata: the list %q may hold only strings, numbers and booleans.", key)
			}
		}
		return nil
	case map[string]any:
		return invalidArgument("Invalid metadata: the value of %q is an object; metadata must be flat.", key)
	}
	return nil
}

// handleUploadFile2026 stores a file under a new id and answers 202 with
// an upload_file operation and its Location.
func (s *Server) handleUploadFile2026(q *request) {
	s.ingest(q, "", opUploadFile)
}

// handleUpsertFile creates the file with the caller's id or replaces the
// content (and metadata) of the file that has it: 202 with an upsert_file
// operation. It exists only in the 2026-04 protocol.
func (s *Server) handleUpsertFile(q *request) {
	if !q.usesOperations() {
		q.fail(notFound("Route PUT %s not found in API version %s; upsert exists from 2026-04 on.", q.r.URL.Path, q.version))
		return
	}
	id := q.param("assistant_file_id")
	if !fileIDPattern.MatchString(id) {
		q.fail(invalidArgument("Invalid file id %q: must be 1-128 characters of letters, digits, hyphens (-) or underscores (_).", id))
		return
	}
	s.ingest(q, id, opUpsertFile)
}

// ingest is upload and upsert: checks in the order query (400), assistant
// (404, 400 unless Ready), body (400), then stores the file and answers the
// operation. The response to a committed upsert may be dropped by
// Faults.DropCreateResponses (an upload's never is: it has no id the
// caller could recover by).
func (s *Server) ingest(q *request, id, opType string) {
	name := q.param("assistant_name")
	multimodal, err := readUploadQuery(q)
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
	up, err := readUpload(q.r, multimodal)
	if err != nil {
		q.fail(err)
		return
	}
	op, err := s.commitIngest(p, a, id, opType, up)
	if err != nil {
		q.fail(err)
		return
	}
	if opType == opUpsertFile && s.faults.takeDrop() {
		s.dropResponse(q.w)
		return
	}
	q.w.Header().Set("Location", fmt.Sprintf("/operations/%s/%s", name, op.ID))
	writeJSON(q.w, http.StatusAccepted, op)
}

// commitIngest stores up as file id (a new UUID when id is "") of a, unless
// a was deleted or replaced meanwhile, and records the operation.
func (s *Server) commitIngest(p *project, a *assistant, id, opType string, up *upload) (operationJSON, *apiError) {
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := p.stillUploadTarget(a, t); err != nil {
		return operationJSON{}, err
	}
	if id == "" {
		id = newUUID()
	}
	f, exists := a.files[id]
	if exists && f.deleting {
		// [unverified] the spec lists no conflict code for upsert; 400 is
		// its code for a request it will not carry out.
		return operationJSON{}, invalidArgument("File %s is being deleted; upsert it again once the deletion has completed.", id)
	}
	if !exists {
		f = &assistantFile{id: id, createdAt: t}
		a.files[id] = f
	}
	f.name, f.metadata, f.meta = up.name, up.metadata, up.meta
	f.multimodal, f.size, f.sha256 = up.multimodal, up.size, up.sum
	f.fail = s.faults.failsFile(up.name)
	f.processedAt = t
	f.doneAt = t.Add(s.opts.ReadyDelay)
	if f.fail {
		// Processing of a failing file stops halfway (failedAtPercent).
		f.doneAt = t.Add(s.opts.ReadyDelay * failedAtPercent / 100)
	}

	op := &fileOperation{id: newOperationID(), opType: opType, fileID: id, createdAt: t, doneAt: f.doneAt,
		fail: f.fail, units: ingestionUnits(up.size)}
	if f.fail {
		op.errorMsg = fileProcessingFailure(up.name)
	}
	a.operations[op.id] = op
	return op.view(t, true), nil
}

// newOperationID makes ids shaped like the spec's examples ("op-1234-abcd-5678").
func newOperationID() string {
	u := strings.ReplaceAll(newUUID(), "-", "")
	return fmt.Sprintf("op-%s-%s-%s", u[0:4], u[4:8], u[8:16])
}

// handleDeleteFile2026 answers 202 with a delete_file operation (the file is
// Deleting until it completes, DeleteDelay later), or 204 for a file whose
// processing failed, which goes at once. A repeated DELETE while Deleting
// answers the same operation.
func (s *Server) handleDeleteFile2026(q *request) {
	name, id := q.param("assistant_name"), q.param("assistant_file_id")
	t := s.now()
	s.mu.Lock()
	defer s.mu.Unlock()
	a, f, err := q.proj.lookupFile(name, id, t)
	if err != nil {
		q.fail(err)
		return
	}
	if status, _, _ := f.state(t, false); status == fileProcessingFailed {
		delete(a.files, id)
		q.w.WriteHeader(http.StatusNoContent)
		return
	}
	if f.deleting {
		if op, ok := a.operations[f.deleteOp]; ok {
			writeJSON(q.w, http.StatusAccepted, op.view(t, false))
			return
		}
	}
	f.deleting = true
	f.deletedAt = t
	f.goneAt = t.Add(s.opts.DeleteDelay)
	op := &fileOperation{id: newOperationID(), opType: opDeleteFile, fileID: id, createdAt: t, doneAt: f.goneAt}
	f.deleteOp = op.id
	a.operations[op.id] = op
	q.w.Header().Set("Location", fmt.Sprintf("/operations/%s/%s", name, op.id))
	writeJSON(q.w, http.StatusAccepted, op.view(t, true))
}

// handleListFiles2026 answers one page of {"files":[...],"pagination":...}:
// limit 1-100 (default 100) and pagination_token, ordered by creation time,
// then id, filtered like the 2025-10 list.
func (s *Server) handleListFiles2026(q *request) {
	match, err := parseMetadataFilter(q.r.URL.Query().Get("filter"))
	if err != nil {
		q.fail(err)
		return
	}
	page, err := parsePage(q.r, pageSpec{kind: pageKindFiles, limitParam: queryLimit, tokenParam: queryTokenSnake, defaultLimit: defaultFilePageLimit})
	if err != nil {
		q.fail(err)
		return
	}
	s.readAssistant(q, func(a *assistant, t time.Time) (any, *apiError) {
		items, next := paginate(a.matchingFiles(match), (*assistantFile).pos, page, pageKindFiles)
		out := fileList2026JSON{Files: make([]assistantFileJSON2026, 0, len(items)), Pagination: nextPage(next)}
		for _, f := range items {
			out.Files = append(out.Files, f.view2026(t))
		}
		return out, nil
	})
}

// handleListOperations answers one page of an assistant's operations,
// newest first as in the spec's example, filtered by operation_type and
// status (values outside their enums are 400).
func (s *Server) handleListOperations(q *request) {
	query := q.r.URL.Query()
	opType, status := query.Get("operation_type"), query.Get("status")
	if query.Has("operation_type") && !slices.Contains(operationTypes, opType) {
		q.fail(invalidArgument("Invalid operation_type %q. Allowed values: %s.", opType, strings.Join(operationTypes, ", ")))
		return
	}
	if query.Has("status") && !slices.Contains(operationStates, status) {
		q.fail(invalidArgument("Invalid status %q. Allowed values: %s.", status, strings.Join(operationStates, ", ")))
		return
	}
	page, err := parsePage(q.r, pageSpec{kind: pageKindOperations, limitParam: queryLimit, tokenParam: queryTokenSnake, defaultLimit: defaultFilePageLimit})
	if err != nil {
		q.fail(err)
		return
	}
	s.readAssistant(q, func(a *assistant, t time.Time) (any, *apiError) {
		ops := make([]*fileOperation, 0, len(a.operations))
		for _, o := range a.operations {
			v := o.view(t, false)
			if (opType == "" || v.OperationType == opType) && (status == "" || v.Status == status) {
				ops = append(ops, o)
			}
		}
		items, next := paginateNewestFirst(ops, (*fileOperation).pos, page, pageKindOperations)
		out := operationListJSON{Operations: make([]operationJSON, 0, len(items)), Pagination: nextPage(next)}
		for _, o := range items {
			out.Operations = append(out.Operations, o.view(t, false))
		}
		return out, nil
	})
}

// nextPage is the pagination object of a page: absent on the last one.
func nextPage(next string) *paginationJSON {
	if next == "" {
		return nil
	}
	return &paginationJSON{Next: next}
}

func (s *Server) handleDescribeOperation(q *request) {
	id := q.param("operation_id")
	s.readAssistant(q, func(a *assistant, t time.Time) (any, *apiError) {
		o, ok := a.operations[id]
		if !ok {
			return nil, operationNotFound(id)
		}
		return o.view(t, false), nil
	})
}

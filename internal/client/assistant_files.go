package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"mime/multipart"
	"net/http"
	"net/textproto"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// Assistant file states.
const (
	FileStateProcessing       = "Processing"
	FileStateAvailable        = "Available"
	FileStateProcessingFailed = "ProcessingFailed"
	FileStateDeleting         = "Deleting"
)

// Default assistant data-plane hosts by region, used when an assistant
// reports no host yet. Both are the servers of the assistant_evaluation
// OpenAPI spec (github.com/pinecone-io/pinecone-api,
// 2026-04/assistant_evaluation_2026-04.oas.yaml); the official TypeScript
// client falls back to them per region when an assistant has no host.
var defaultAssistantHosts = map[string]string{
	"us": "https://prod-1-data.ke.pinecone.io",
	"eu": "https://prod-eu-data.ke.pinecone.io",
}

// FilesAPIVersion is the X-Pinecone-Api-Version of every file and
// operation call. From 2026-04 on, uploads, upserts and deletes are
// asynchronous operations and metadata travels as a multipart part
// (github.com/pinecone-io/pinecone-api, 2026-04/assistant_data_2026-04.oas.yaml:
// operationIds upload_file, upsert_file and delete_file, schemas FileData and
// OperationModel); 2026-07 keeps that protocol (the assistant_data models of
// the official TypeScript client 9.0.0, see internal/emulator/CONFORMANCE.md).
const FilesAPIVersion = "2026-07"

// AssistantFile is a file of an assistant (AssistantFileModel, 2026-04 and
// later: progress and errors live on the operation, not the file).
type AssistantFile struct {
	ID         string          `json:"id"`
	Name       string          `json:"name"`
	Size       *int64          `json:"size,omitempty"`
	Metadata   json.RawMessage `json:"metadata,omitempty"`
	CreatedOn  string          `json:"created_on,omitempty"`
	UpdatedOn  string          `json:"updated_on,omitempty"`
	Status     string          `json:"status"`
	SignedURL  string          `json:"signed_url,omitempty"`
	Multimodal *bool           `json:"multimodal,omitempty"`
}

type assistantFilePage struct {
	Files      []AssistantFile `json:"files"`
	Pagination *pagination     `json:"pagination"`
}

// File operation states and types (OperationModel).
const (
	OperationProcessing = "Processing"
	OperationCompleted  = "Completed"
	OperationFailed     = "Failed"

	OperationUploadFile = "upload_file"
	OperationUpsertFile = "upsert_file"
	OperationDeleteFile = "delete_file"
)

// FileOperation is an asynchronous file operation (OperationModel).
type FileOperation struct {
	ID              string  `json:"id"`
	OperationType   string  `json:"operation_type"`
	FileID          *string `json:"file_id"`
	Status          string  `json:"status"`
	CreatedOn       string  `json:"created_on"`
	CompletedOn     *string `json:"completed_on"`
	PercentComplete *int    `json:"percent_complete"`
	ErrorMessage    *string `json:"error_message"`
	IngestionUnits  *int    `json:"ingestion_units"`
}

// UploadFileRequest describes the content of an upload or upsert.
type UploadFileRequest struct {
	Path       string          // local file, streamed (never read whole into memory)
	Metadata   json.RawMessage // JSON object, optional; sent as the "metadata" part
	Multimodal *bool           // PDFs only
}

// AssistantHost returns the data-plane base URL of an assistant. Without a
// host it uses the default of the assistant's region (us when unknown); a
// region without a default is an error rather than a silent fallback to
// ParseBaseURL's default, which is the control plane.
func AssistantHost(a *Assistant) (*url.URL, error) {
	host := strings.TrimSpace(a.Host)
	if host == "" {
		region := strings.ToLower(strings.TrimSpace(a.Region))
		if region == "" {
			region = "us"
		}
		def, ok := defaultAssistantHosts[region]
		if !ok {
			return nil, fmt.Errorf("assistant %q reports no host, and region %q has no default assistant host", a.Name, a.Region)
		}
		host = def
	}
	return ParseBaseURL(host)
}

func filesPath(assistant string) string { return "/assistant/files/" + pathEscape(assistant) }

func filePath(assistant, id string) string { return filesPath(assistant) + "/" + pathEscape(id) }

func operationPath(assistant, id string) string {
	return "/assistant/operations/" + pathEscape(assistant) + "/" + pathEscape(id)
}

// fileCall is a call to the files API of an assistant's data plane.
func fileCall(method string, host *url.URL, path string) call {
	return call{method: method, base: host, path: path, version: FilesAPIVersion}
}

// UploadAssistantFile uploads a local file under an id Pinecone chooses and
// returns the upload operation. Such a file has no unique key, so the upload
// is retried only when the server cannot have received it (429, refused
// connection): a retry could store it twice. Prefer UpsertAssistantFile.
func (c *Client) UploadAssistantFile(ctx context.Context, host *url.URL, assistant string, req UploadFileRequest) (*FileOperation, error) {
	return c.sendFile(ctx, http.MethodPost, host, filesPath(assistant), req)
}

// UpsertAssistantFile creates the file with the caller's id, or replaces the
// content and metadata of the file that has it, and returns the operation.
// PUT is idempotent, so the transport retries it after any failure: a
// retried or lost upsert still leaves one file.
func (c *Client) UpsertAssistantFile(ctx context.Context, host *url.URL, assistant, id string, req UploadFileRequest) (*FileOperation, error) {
	return c.sendFile(ctx, http.MethodPut, host, filePath(assistant, id), req)
}

func (c *Client) sendFile(ctx context.Context, method string, host *url.URL, path string, req UploadFileRequest) (*FileOperation, error) {
	info, err := os.Stat(req.Path)
	if err != nil {
		return nil, fmt.Errorf("reading file to upload: %w", err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("reading file to upload: %s is a directory", req.Path)
	}
	q := url.Values{}
	if req.Multimodal != nil {
		q.Set("multimodal", strconv.FormatBool(*req.Multimodal))
	}
	var metadata json.RawMessage
	if len(req.Metadata) > 0 && string(req.Metadata) != "null" {
		metadata = req.Metadata
	}
	cl := fileCall(method, host, path)
	cl.query = q
	cl.contentType, cl.stream = multipartStream(req.Path, metadata)
	return doJSON[FileOperation](ctx, c, cl)
}

// multipartStream returns the Content-Type and a function that produces the
// multipart body (an optional "metadata" part with the JSON object, then
// the "file" part) by copying the file through a pipe, so memory use does
// not grow with the file.
func multipartStream(path string, metadata json.RawMessage) (string, func() (io.ReadCloser, error)) {
	boundary := randomBoundary()
	open := func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("reading file to upload: %w", err)
		}
		pr, pw := io.Pipe()
		go func() {
			defer func() { _ = f.Close() }()
			pw.CloseWithError(writeMultipart(pw, boundary, f, filepath.Base(path), metadata)) // nil: a clean end
		}()
		return pr, nil
	}
	return "multipart/form-data; boundary=" + boundary, open
}

func writeMultipart(w io.Writer, boundary string, content io.Reader, fileName string, metadata json.RawMessage) error {
	mw := multipart.NewWriter(w)
	if err := mw.SetBoundary(boundary); err != nil {
		return err
	}
	if metadata != nil {
		h := textproto.MIMEHeader{}
		h.Set("Content-Disposition", `form-data; name="metadata"`)
		h.Set("Content-Type", "application/json")
		part, err := mw.CreatePart(h)
		if err == nil {
			_, err = part.Write(metadata)
		}
		if err != nil {
			return err
		}
	}
	part, err := mw.CreateFormFile("file", fileName)
	if err == nil {
		_, err = io.Copy(part, content)
	}
	if err != nil {
		return err
	}
	return mw.Close()
}

func randomBoundary() string {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return "pinecone-upload-" + hex.EncodeToString(b)
}

// DescribeAssistantFile returns one file; ErrNotFound if it (or the
// assistant) does not exist.
func (c *Client) DescribeAssistantFile(ctx context.Context, host *url.URL, assistant, id string) (*AssistantFile, error) {
	return doJSON[AssistantFile](ctx, c, fileCall(http.MethodGet, host, filePath(assistant, id)))
}

// ListAssistantFiles lists every file of an assistant, following
// pagination_token pages; filter is an optional JSON metadata filter.
func (c *Client) ListAssistantFiles(ctx context.Context, host *url.URL, assistant, filter string) ([]AssistantFile, error) {
	cl := fileCall(http.MethodGet, host, filesPath(assistant))
	if strings.TrimSpace(filter) != "" {
		cl.query = url.Values{"filter": {filter}}
	}
	return paginate(ctx, c, cl, tokenParamAssistant, func(p *assistantFilePage) ([]AssistantFile, *pagination) {
		return p.Files, p.Pagination
	})
}

// DeleteAssistantFile starts deleting a file. It returns the delete
// operation, or nil when Pinecone removed the file at once (204, a file
// whose processing had failed).
func (c *Client) DeleteAssistantFile(ctx context.Context, host *url.URL, assistant, id string) (*FileOperation, error) {
	op, err := doJSON[FileOperation](ctx, c, fileCall(http.MethodDelete, host, filePath(assistant, id)))
	if err != nil || op.ID == "" {
		return nil, err
	}
	return op, nil
}

// DescribeFileOperation returns one operation of an assistant.
func (c *Client) DescribeFileOperation(ctx context.Context, host *url.URL, assistant, id string) (*FileOperation, error) {
	return doJSON[FileOperation](ctx, c, fileCall(http.MethodGet, host, operationPath(assistant, id)))
}

// FileOperationError reports an operation that ended Failed, with
// Pinecone's message.
type FileOperationError struct {
	OperationID string
	Type        string
	FileID      string
	Message     string
}

func (e *FileOperationError) Error() string {
	msg := fmt.Sprintf("%s operation %s on file %s failed", e.Type, e.OperationID, e.FileID)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// WaitForFileOperation polls an operation until it is Completed; Failed is
// a *FileOperationError. It returns the last operation seen (op itself if
// none could be described).
func (c *Client) WaitForFileOperation(ctx context.Context, host *url.URL, assistant string, op *FileOperation) (*FileOperation, error) {
	fileID := ""
	if op.FileID != nil {
		fileID = *op.FileID
	}
	describe := func(ctx context.Context) (*FileOperation, error) {
		return c.DescribeFileOperation(ctx, host, assistant, op.ID)
	}
	what := fmt.Sprintf("%s operation %s of assistant %q to complete", op.OperationType, op.ID, assistant)
	last, err := waitFor(ctx, c, what, notFoundFails, describe, func(cur *FileOperation) (bool, string, error) {
		switch cur.Status {
		case OperationFailed:
			msg := ""
			if cur.ErrorMessage != nil {
				msg = *cur.ErrorMessage
			}
			return false, cur.Status, &FileOperationError{OperationID: cur.ID, Type: cur.OperationType, FileID: fileID, Message: msg}
		case OperationCompleted:
			return true, cur.Status, nil
		}
		return false, cur.Status, nil
	})
	if last == nil {
		last = op
	}
	return last, err
}

// WaitForAssistantFileDeleted polls until describe answers 404.
func (c *Client) WaitForAssistantFileDeleted(ctx context.Context, host *url.URL, assistant, id string) error {
	describe := func(ctx context.Context) (*AssistantFile, error) {
		return c.DescribeAssistantFile(ctx, host, assistant, id)
	}
	return waitGone(ctx, c, fmt.Sprintf("file %s of assistant %q to be deleted", id, assistant), describe, func(f *AssistantFile) string { return f.Status })
}

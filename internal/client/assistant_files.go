package client

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
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
// reports no host yet (facts doc §1).
var defaultAssistantHosts = map[string]string{
	"us": "https://prod-1-data.ke.pinecone.io",
	"eu": "https://prod-eu-data.ke.pinecone.io",
}

// FilesAPIVersion is the X-Pinecone-Api-Version of every file and
// operation call. From 2026-04 on, uploads, upserts and deletes are
// asynchronous operations and metadata travels as a multipart part
// (pinecone-api.md §10.1); 2026-07 keeps that protocol.
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
	contentType, stream := multipartStream(req.Path, metadata)
	var out FileOperation
	err = c.do(ctx, call{
		method: method, base: host, path: path, query: q, version: FilesAPIVersion,
		stream: stream, contentType: contentType, out: &out,
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
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
	var out AssistantFile
	if err := c.do(ctx, call{method: http.MethodGet, base: host, path: filePath(assistant, id), version: FilesAPIVersion, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListAssistantFiles lists every file of an assistant, following
// pagination_token pages; filter is an optional JSON metadata filter.
func (c *Client) ListAssistantFiles(ctx context.Context, host *url.URL, assistant, filter string) ([]AssistantFile, error) {
	files := []AssistantFile{}
	err := c.paginate(ctx, filesPath(assistant), func(token string) (string, error) {
		q := url.Values{"limit": {strconv.Itoa(pageSize)}}
		if strings.TrimSpace(filter) != "" {
			q.Set("filter", filter)
		}
		if token != "" {
			q.Set("pagination_token", token)
		}
		var page assistantFilePage
		if err := c.do(ctx, call{method: http.MethodGet, base: host, path: filesPath(assistant), query: q, version: FilesAPIVersion, out: &page}); err != nil {
			return "", err
		}
		files = append(files, page.Files...)
		return nextToken(page.Pagination), nil
	})
	if err != nil {
		return nil, err
	}
	return files, nil
}

// DeleteAssistantFile starts deleting a file. It returns the delete
// operation, or nil when Pinecone removed the file at once (204, a file
// whose processing had failed).
func (c *Client) DeleteAssistantFile(ctx context.Context, host *url.URL, assistant, id string) (*FileOperation, error) {
	var out FileOperation
	if err := c.do(ctx, call{method: http.MethodDelete, base: host, path: filePath(assistant, id), version: FilesAPIVersion, out: &out}); err != nil {
		return nil, err
	}
	if out.ID == "" {
		return nil, nil
	}
	return &out, nil
}

// DescribeFileOperation returns one operation of an assistant.
func (c *Client) DescribeFileOperation(ctx context.Context, host *url.URL, assistant, id string) (*FileOperation, error) {
	var out FileOperation
	if err := c.do(ctx, call{method: http.MethodGet, base: host, path: operationPath(assistant, id), version: FilesAPIVersion, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
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
// a *FileOperationError. It returns the last operation seen.
func (c *Client) WaitForFileOperation(ctx context.Context, host *url.URL, assistant string, op *FileOperation) (*FileOperation, error) {
	last := op
	fileID := ""
	if op.FileID != nil {
		fileID = *op.FileID
	}
	err := Poll(ctx, c.poll, fmt.Sprintf("%s operation %s of assistant %q to complete", op.OperationType, op.ID, assistant), func(ctx context.Context) (bool, string, error) {
		cur, err := c.DescribeFileOperation(ctx, host, assistant, op.ID)
		if err != nil {
			return false, "", err
		}
		last = cur
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
	return last, err
}

// WaitForAssistantFileDeleted polls until describe answers 404.
func (c *Client) WaitForAssistantFileDeleted(ctx context.Context, host *url.URL, assistant, id string) error {
	return Poll(ctx, c.poll, fmt.Sprintf("file %s of assistant %q to be deleted", id, assistant), func(ctx context.Context) (bool, string, error) {
		f, err := c.DescribeAssistantFile(ctx, host, assistant, id)
		if errors.Is(err, ErrNotFound) {
			return true, "", nil
		}
		if err != nil {
			return false, "", err
		}
		return false, f.Status, nil
	})
}

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

// AssistantFile is a file uploaded to an assistant.
type AssistantFile struct {
	ID           string          `json:"id"`
	Name         string          `json:"name"`
	Metadata     json.RawMessage `json:"metadata,omitempty"`
	CreatedOn    string          `json:"created_on,omitempty"`
	UpdatedOn    string          `json:"updated_on,omitempty"`
	Status       string          `json:"status"`
	PercentDone  *float64        `json:"percent_done,omitempty"`
	SignedURL    string          `json:"signed_url,omitempty"`
	ErrorMessage string          `json:"error_message,omitempty"`
	Multimodal   *bool           `json:"multimodal,omitempty"`
}

type assistantFileList struct {
	Files []AssistantFile `json:"files"`
}

// UploadFileRequest describes an upload from a local file.
type UploadFileRequest struct {
	Path       string          // local file, streamed (never read whole into memory)
	Metadata   json.RawMessage // JSON object, optional
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

// UploadAssistantFile uploads a local file to an assistant. Files have no
// unique name, so an upload is retried only when the server cannot have
// received it (429, refused connection): a retry could store it twice.
func (c *Client) UploadAssistantFile(ctx context.Context, host *url.URL, assistant string, req UploadFileRequest) (*AssistantFile, error) {
	info, err := os.Stat(req.Path)
	if err != nil {
		return nil, fmt.Errorf("reading file to upload: %w", err)
	}
	if info.IsDir() {
		return nil, fmt.Errorf("reading file to upload: %s is a directory", req.Path)
	}
	q := url.Values{}
	if len(req.Metadata) > 0 && string(req.Metadata) != "null" {
		q.Set("metadata", string(req.Metadata))
	}
	if req.Multimodal != nil {
		q.Set("multimodal", strconv.FormatBool(*req.Multimodal))
	}
	contentType, stream := multipartStream(req.Path)
	var out AssistantFile
	err = c.do(ctx, call{
		method: http.MethodPost, base: host, path: filesPath(assistant), query: q,
		stream: stream, contentType: contentType, out: &out,
	})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// multipartStream returns the Content-Type and a function that produces the
// multipart body (part "file") by copying the file through a pipe, so memory
// use does not grow with the file.
func multipartStream(path string) (string, func() (io.ReadCloser, error)) {
	boundary := randomBoundary()
	open := func() (io.ReadCloser, error) {
		f, err := os.Open(path)
		if err != nil {
			return nil, fmt.Errorf("reading file to upload: %w", err)
		}
		pr, pw := io.Pipe()
		go func() {
			defer func() { _ = f.Close() }()
			mw := multipart.NewWriter(pw)
			if err := mw.SetBoundary(boundary); err != nil {
				pw.CloseWithError(err)
				return
			}
			part, err := mw.CreateFormFile("file", filepath.Base(path))
			if err == nil {
				_, err = io.Copy(part, f)
			}
			if err == nil {
				err = mw.Close()
			}
			pw.CloseWithError(err) // nil: a clean end of the body
		}()
		return pr, nil
	}
	return "multipart/form-data; boundary=" + boundary, open
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
	if err := c.do(ctx, call{method: http.MethodGet, base: host, path: filePath(assistant, id), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// ListAssistantFiles lists the files of an assistant; filter is an optional
// JSON metadata filter.
func (c *Client) ListAssistantFiles(ctx context.Context, host *url.URL, assistant, filter string) ([]AssistantFile, error) {
	q := url.Values{}
	if strings.TrimSpace(filter) != "" {
		q.Set("filter", filter)
	}
	var out assistantFileList
	if err := c.do(ctx, call{method: http.MethodGet, base: host, path: filesPath(assistant), query: q, out: &out}); err != nil {
		return nil, err
	}
	if out.Files == nil {
		out.Files = []AssistantFile{}
	}
	return out.Files, nil
}

// DeleteAssistantFile starts deleting a file.
func (c *Client) DeleteAssistantFile(ctx context.Context, host *url.URL, assistant, id string) error {
	return c.do(ctx, call{method: http.MethodDelete, base: host, path: filePath(assistant, id)})
}

// FileProcessingError reports a file that Pinecone could not process.
type FileProcessingError struct {
	ID      string
	Name    string
	Message string
}

func (e *FileProcessingError) Error() string {
	msg := fmt.Sprintf("file %q (%s) is in state %s", e.Name, e.ID, FileStateProcessingFailed)
	if e.Message != "" {
		msg += ": " + e.Message
	}
	return msg
}

// WaitForAssistantFileAvailable polls until the file is Available.
func (c *Client) WaitForAssistantFileAvailable(ctx context.Context, host *url.URL, assistant, id string) (*AssistantFile, error) {
	var last *AssistantFile
	err := Poll(ctx, c.poll, fmt.Sprintf("file %s of assistant %q to become Available", id, assistant), func(ctx context.Context) (bool, string, error) {
		f, err := c.DescribeAssistantFile(ctx, host, assistant, id)
		if err != nil {
			return false, "", err
		}
		last = f
		if f.Status == FileStateProcessingFailed {
			return false, f.Status, &FileProcessingError{ID: id, Name: f.Name, Message: f.ErrorMessage}
		}
		return f.Status == FileStateAvailable, f.Status, nil
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

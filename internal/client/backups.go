package client

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
)

// Backup states.
const (
	BackupStateInitializing = "Initializing"
	BackupStateReady        = "Ready"
	BackupStateFailed       = "Failed"
)

// RestoreJobStateCompleted is the documented final restore job status.
const RestoreJobStateCompleted = "Completed"

// BackupModel is Pinecone's description of a backup of a serverless index.
type BackupModel struct {
	BackupID        string            `json:"backup_id"`
	SourceIndexName string            `json:"source_index_name"`
	SourceIndexID   string            `json:"source_index_id"`
	Status          string            `json:"status"`
	Cloud           string            `json:"cloud"`
	Region          string            `json:"region"`
	Name            string            `json:"name,omitempty"`
	Description     string            `json:"description,omitempty"`
	Dimension       *int32            `json:"dimension,omitempty"`
	Metric          string            `json:"metric,omitempty"`
	Schema          *MetadataSchema   `json:"schema,omitempty"`
	RecordCount     *int64            `json:"record_count,omitempty"`
	NamespaceCount  *int64            `json:"namespace_count,omitempty"`
	SizeBytes       *int64            `json:"size_bytes,omitempty"`
	Tags            map[string]string `json:"tags,omitempty"`
	CreatedAt       string            `json:"created_at,omitempty"`
}

// CreateBackupRequest is the body of POST /indexes/{name}/backups; both
// fields are optional.
type CreateBackupRequest struct {
	Name        string `json:"name,omitempty"`
	Description string `json:"description,omitempty"`
}

// CreateIndexFromBackupRequest is the body of POST /backups/{id}/create-index.
type CreateIndexFromBackupRequest struct {
	Name               string            `json:"name"`
	Tags               map[string]string `json:"tags,omitempty"`
	DeletionProtection string            `json:"deletion_protection,omitempty"`
}

// CreateIndexFromBackupResponse identifies the restore job and the new index.
type CreateIndexFromBackupResponse struct {
	RestoreJobID string `json:"restore_job_id"`
	IndexID      string `json:"index_id"`
}

// RestoreJobModel describes the restore of a backup into a new index.
type RestoreJobModel struct {
	RestoreJobID    string   `json:"restore_job_id"`
	BackupID        string   `json:"backup_id"`
	TargetIndexName string   `json:"target_index_name"`
	TargetIndexID   string   `json:"target_index_id"`
	Status          string   `json:"status"`
	CreatedAt       string   `json:"created_at"`
	CompletedAt     string   `json:"completed_at,omitempty"`
	PercentComplete *float64 `json:"percent_complete,omitempty"`
}

type pagination struct {
	Next string `json:"next"`
}

type backupPage struct {
	Data       []BackupModel `json:"data"`
	Pagination *pagination   `json:"pagination"`
}

type restoreJobPage struct {
	Data       []RestoreJobModel `json:"data"`
	Pagination *pagination       `json:"pagination"`
}

// pageSize is the largest page db_control allows; fewer pages, fewer calls.
const pageSize = 100

func backupPath(id string) string { return "/backups/" + pathEscape(id) }

// CreateBackup starts a backup of a serverless index. Backups have no unique
// name, so a retried create could make two: it is not marked retry-safe and
// is retried only when the server cannot have acted (429, refused connection).
func (c *Client) CreateBackup(ctx context.Context, indexName string, req CreateBackupRequest) (*BackupModel, error) {
	var out BackupModel
	if err := c.do(ctx, call{method: http.MethodPost, path: indexPath(indexName) + "/backups", body: req, out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DescribeBackup returns one backup; ErrNotFound if it does not exist.
func (c *Client) DescribeBackup(ctx context.Context, id string) (*BackupModel, error) {
	var out BackupModel
	if err := c.do(ctx, call{method: http.MethodGet, path: backupPath(id), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// DeleteBackup deletes a backup.
func (c *Client) DeleteBackup(ctx context.Context, id string) error {
	return c.do(ctx, call{method: http.MethodDelete, path: backupPath(id)})
}

// ListBackups returns every backup of the project, following pagination.
func (c *Client) ListBackups(ctx context.Context) ([]BackupModel, error) {
	return c.listBackups(ctx, "/backups")
}

// ListIndexBackups returns every backup of one index, following pagination.
func (c *Client) ListIndexBackups(ctx context.Context, indexName string) ([]BackupModel, error) {
	return c.listBackups(ctx, indexPath(indexName)+"/backups")
}

func (c *Client) listBackups(ctx context.Context, path string) ([]BackupModel, error) {
	all := []BackupModel{}
	err := c.paginate(ctx, path, func(next string) (string, error) {
		var page backupPage
		if err := c.do(ctx, call{method: http.MethodGet, path: path, query: pageQuery(next), out: &page}); err != nil {
			return "", err
		}
		all = append(all, page.Data...)
		return nextToken(page.Pagination), nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// ListRestoreJobs returns every restore job of the project.
func (c *Client) ListRestoreJobs(ctx context.Context) ([]RestoreJobModel, error) {
	all := []RestoreJobModel{}
	err := c.paginate(ctx, "/restore-jobs", func(next string) (string, error) {
		var page restoreJobPage
		if err := c.do(ctx, call{method: http.MethodGet, path: "/restore-jobs", query: pageQuery(next), out: &page}); err != nil {
			return "", err
		}
		all = append(all, page.Data...)
		return nextToken(page.Pagination), nil
	})
	if err != nil {
		return nil, err
	}
	return all, nil
}

// maxPages stops a server that keeps returning tokens from looping forever.
const maxPages = 1000

// paginate calls fetch with each page token until there is none.
func (c *Client) paginate(ctx context.Context, path string, fetch func(token string) (string, error)) error {
	token := ""
	seen := map[string]bool{}
	for i := 0; i < maxPages; i++ {
		next, err := fetch(token)
		if err != nil {
			return err
		}
		if next == "" {
			return nil
		}
		if seen[next] {
			return fmt.Errorf("GET %s: pagination token %q repeated", path, next)
		}
		seen[next] = true
		token = next
		if err := ctx.Err(); err != nil {
			return err
		}
	}
	return fmt.Errorf("GET %s: more than %d pages", path, maxPages)
}

func pageQuery(token string) url.Values {
	q := url.Values{"limit": {strconv.Itoa(pageSize)}}
	if token != "" {
		q.Set("paginationToken", token)
	}
	return q
}

func nextToken(p *pagination) string {
	if p == nil {
		return ""
	}
	return p.Next
}

// CreateIndexFromBackup starts restoring a backup into a new index. The
// index name is unique, so the create is retry-safe: a 409 with
// AfterUncertainRetry may be our own restore.
func (c *Client) CreateIndexFromBackup(ctx context.Context, backupID string, req CreateIndexFromBackupRequest) (*CreateIndexFromBackupResponse, error) {
	var out CreateIndexFromBackupResponse
	err := c.do(ctx, call{method: http.MethodPost, path: backupPath(backupID) + "/create-index", body: req, out: &out, retrySafe: true})
	if err != nil {
		return nil, err
	}
	return &out, nil
}

// DescribeRestoreJob returns one restore job.
func (c *Client) DescribeRestoreJob(ctx context.Context, id string) (*RestoreJobModel, error) {
	var out RestoreJobModel
	if err := c.do(ctx, call{method: http.MethodGet, path: "/restore-jobs/" + pathEscape(id), out: &out}); err != nil {
		return nil, err
	}
	return &out, nil
}

// BackupFailedError reports a backup that ended in Failed.
type BackupFailedError struct {
	ID string
}

func (e *BackupFailedError) Error() string {
	return fmt.Sprintf("backup %s is in state %s", e.ID, BackupStateFailed)
}

// WaitForBackupReady polls until the backup is Ready; Failed is an error.
func (c *Client) WaitForBackupReady(ctx context.Context, id string) (*BackupModel, error) {
	var last *BackupModel
	err := Poll(ctx, c.poll, fmt.Sprintf("backup %s to become Ready", id), func(ctx context.Context) (bool, string, error) {
		b, err := c.DescribeBackup(ctx, id)
		if err != nil {
			return false, "", err
		}
		last = b
		if b.Status == BackupStateFailed {
			return false, b.Status, &BackupFailedError{ID: id}
		}
		return b.Status == BackupStateReady, b.Status, nil
	})
	return last, err
}

// RestoreFailedError reports a restore job that ended in a status other than
// Completed.
type RestoreFailedError struct {
	ID     string
	Status string
}

func (e *RestoreFailedError) Error() string {
	return fmt.Sprintf("restore job %s ended in status %s", e.ID, e.Status)
}

// WaitForRestoreJob polls until the restore job is Completed. Any other
// final-sounding status (Failed, Cancelled, Error) is an error.
func (c *Client) WaitForRestoreJob(ctx context.Context, id string) (*RestoreJobModel, error) {
	var last *RestoreJobModel
	err := Poll(ctx, c.poll, fmt.Sprintf("restore job %s to complete", id), func(ctx context.Context) (bool, string, error) {
		j, err := c.DescribeRestoreJob(ctx, id)
		if err != nil {
			return false, "", err
		}
		last = j
		switch j.Status {
		case RestoreJobStateCompleted:
			return true, j.Status, nil
		case "Failed", "Cancelled", "Canceled", "Error":
			return false, j.Status, &RestoreFailedError{ID: id, Status: j.Status}
		}
		return false, j.Status, nil
	})
	return last, err
}

// WaitForBackupDeleted polls until describe answers 404.
func (c *Client) WaitForBackupDeleted(ctx context.Context, id string) error {
	return Poll(ctx, c.poll, fmt.Sprintf("backup %s to be deleted", id), func(ctx context.Context) (bool, string, error) {
		b, err := c.DescribeBackup(ctx, id)
		if errors.Is(err, ErrNotFound) {
			return true, "", nil
		}
		if err != nil {
			return false, "", err
		}
		return false, b.Status, nil
	})
}

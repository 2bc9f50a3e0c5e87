package client

import (
	"context"
	"fmt"
	"net/http"
)

// Backup states.
const (
	BackupStateInitializing = "Initializing"
	BackupStateReady        = "Ready"
	BackupStateFailed       = "Failed"
	// BackupStateInitializationFailed is how API 2026-07 names a failed
	// backup (the status values of BackupModel in the 2026-07 spec are
	// Initializing, Ready and InitializationFailed).
	BackupStateInitializationFailed = "InitializationFailed"
)

// Restore job statuses. 2026-07 documents Pending, Completed, Failed and
// Cancelled (RestoreJobModel.status, TypeScript client 9.0.0); earlier
// versions document only Completed, so other in-progress names are waited
// out as well.
const (
	RestoreJobStatePending   = "Pending"
	RestoreJobStateCompleted = "Completed"
	RestoreJobStateFailed    = "Failed"
	RestoreJobStateCancelled = "Cancelled"
)

// BackupModel is Pinecone's description of a backup of a serverless index.
// One struct decodes both renderings: 2026-04 sends dimension and metric and
// a metadata schema ({"fields":{"genre":{"filterable":true}}}), 2026-07 only
// a typed IndexSchema (BackupModel of the TypeScript client 9.0.0), from
// which normalize derives Dimension and Metric.
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
	Schema          *IndexSchema      `json:"schema,omitempty"`
	RecordCount     *int64            `json:"record_count,omitempty"`
	NamespaceCount  *int64            `json:"namespace_count,omitempty"`
	SizeBytes       *int64            `json:"size_bytes,omitempty"`
	Tags            map[string]string `json:"tags,omitempty"`
	CreatedAt       string            `json:"created_at,omitempty"`
	// SourceIndexDeletedAt is set once the source index has been deleted.
	SourceIndexDeletedAt string `json:"source_index_deleted_at,omitempty"`
}

// normalize fills Dimension and Metric from a 2026-07 schema, the way
// 2026-04 reports them: the `_values` field of a dense index, dotproduct for
// a sparse one, the semantic_text field of an integrated one.
func (b *BackupModel) normalize() {
	if b.Schema == nil || b.Dimension != nil || b.Metric != "" {
		return
	}
	kind, name := classifySchema(b.Schema)
	f := b.Schema.Fields[name]
	switch kind {
	case kindDense:
		b.Dimension, b.Metric = f.Dimension, f.Metric
	case kindSparse:
		b.Metric = MetricDotProduct
	case kindIntegrated:
		e := embedOf(name, f)
		b.Dimension, b.Metric = e.Dimension, e.Metric
	}
}

// backupCall sends cl and decodes a normalized BackupModel.
// Every call marks the shared list of backups as older than what this
// client has now done or seen (board.touched): a write before and after, a
// describe after.
func (c *Client) backupCall(ctx context.Context, cl call) (*BackupModel, error) {
	defer c.backups.marks(cl.method)()
	b, err := doJSON[BackupModel](ctx, c, cl)
	if err != nil {
		return nil, err
	}
	b.normalize()
	return b, nil
}

// listBackups reads every page of a backup list and normalizes each backup.
func (c *Client) listBackups(ctx context.Context, path string) ([]BackupModel, error) {
	return c.listBackupsUpTo(ctx, path, maxPages)
}

// listBackupsForBoard is the backups board's list: the project's backups if
// they fit in boardPages pages, else errListTooLong.
func (c *Client) listBackupsForBoard(ctx context.Context) ([]BackupModel, error) {
	return c.listBackupsUpTo(ctx, "/backups", boardPages)
}

func (c *Client) listBackupsUpTo(ctx context.Context, path string, pages int) ([]BackupModel, error) {
	list, err := paginateUpTo(ctx, c, call{method: http.MethodGet, path: path}, tokenParamControl, (*dataPage[BackupModel]).page, pages)
	if err != nil {
		return nil, err
	}
	for i := range list {
		list[i].normalize()
	}
	return list, nil
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
	// ReadCapacity of the new index (2026-07 CreateIndexFromBackupRequest).
	ReadCapacity *ReadCapacity `json:"read_capacity,omitempty"`
}

// CreateIndexFromBackupResponse identifies the restore job and the new index.
type CreateIndexFromBackupResponse struct {
	RestoreJobID string `json:"restore_job_id"`
	IndexID      string `json:"index_id"`
}

// RestoreJobModel describes the restore of a backup into a new index. In
// 2026-07 completed_at is null until the job completes and percent_complete
// is only reported (100) once it has.
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

func backupPath(id string) string { return "/backups/" + pathEscape(id) }

// CreateBackup starts a backup of a serverless index. Backups have no unique
// name, so a retried create could make two: it is not marked retry-safe and
// is retried only when the server cannot have acted (429, refused connection).
func (c *Client) CreateBackup(ctx context.Context, indexName string, req CreateBackupRequest) (*BackupModel, error) {
	return c.backupCall(ctx, call{method: http.MethodPost, path: indexPath(indexName) + "/backups", body: req})
}

// DescribeBackup returns one backup; ErrNotFound if it does not exist.
func (c *Client) DescribeBackup(ctx context.Context, id string) (*BackupModel, error) {
	return c.backupCall(ctx, call{method: http.MethodGet, path: backupPath(id)})
}

// ReadBackup is DescribeBackup answered from a list shared by every reader
// of this client, like ReadIndex.
func (c *Client) ReadBackup(ctx context.Context, id string) (*BackupModel, error) {
	return c.backups.read(ctx, id)
}

// DeleteBackup deletes a backup.
func (c *Client) DeleteBackup(ctx context.Context, id string) error {
	defer c.backups.marks(http.MethodDelete)()
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

// ListRestoreJobs returns every restore job of the project, following
// pagination.
func (c *Client) ListRestoreJobs(ctx context.Context) ([]RestoreJobModel, error) {
	return listData[RestoreJobModel](ctx, c, "/restore-jobs")
}

// CreateIndexFromBackup starts restoring a backup into a new index. The
// index name is unique, so the create is retry-safe: a 409 with
// AfterUncertainRetry may be our own restore.
func (c *Client) CreateIndexFromBackup(ctx context.Context, backupID string, req CreateIndexFromBackupRequest) (*CreateIndexFromBackupResponse, error) {
	defer c.indexes.marks(http.MethodPost)() // it creates an index
	return doJSON[CreateIndexFromBackupResponse](ctx, c, call{method: http.MethodPost, path: backupPath(backupID) + "/create-index", body: req, retrySafe: true})
}

// DescribeRestoreJob returns one restore job.
func (c *Client) DescribeRestoreJob(ctx context.Context, id string) (*RestoreJobModel, error) {
	return doJSON[RestoreJobModel](ctx, c, call{method: http.MethodGet, path: "/restore-jobs/" + pathEscape(id)})
}

// BackupFailedError reports a backup that ended in Failed (2026-04) or
// InitializationFailed (2026-07).
type BackupFailedError struct {
	ID    string
	State string
}

func (e *BackupFailedError) Error() string {
	return fmt.Sprintf("backup %s is in state %s", e.ID, e.State)
}

// WaitForBackupReady polls until the backup is Ready; a failed state is an
// error.
func (c *Client) WaitForBackupReady(ctx context.Context, id string) (*BackupModel, error) {
	return waitOn(ctx, c.backups, fmt.Sprintf("backup %s to become Ready", id), id, waitCreated, notFoundFails, func(b *BackupModel) (bool, string, error) {
		if b.Status == BackupStateFailed || b.Status == BackupStateInitializationFailed {
			return false, b.Status, &BackupFailedError{ID: id, State: b.Status}
		}
		return b.Status == BackupStateReady, b.Status, nil
	})
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

// WaitForRestoreJob polls until the restore job is Completed. Failed and
// Cancelled (2026-07), and the other final-sounding names Canceled and
// Error, end the wait with a *RestoreFailedError; anything else (Pending,
// InProgress, ...) is waited out.
func (c *Client) WaitForRestoreJob(ctx context.Context, id string) (*RestoreJobModel, error) {
	return waitFor(ctx, c, fmt.Sprintf("restore job %s to complete", id), notFoundFails, bind(c.DescribeRestoreJob, id), func(j *RestoreJobModel) (bool, string, error) {
		switch j.Status {
		case RestoreJobStateCompleted:
			return true, j.Status, nil
		case RestoreJobStateFailed, RestoreJobStateCancelled, "Canceled", "Error":
			return false, j.Status, &RestoreFailedError{ID: id, Status: j.Status}
		}
		return false, j.Status, nil
	})
}

// WaitForBackupDeleted polls until describe answers 404.
func (c *Client) WaitForBackupDeleted(ctx context.Context, id string) error {
	_, err := waitOn(ctx, c.backups, fmt.Sprintf("backup %s to be deleted", id), id, waitDeleted, notFoundDone, func(b *BackupModel) (bool, string, error) {
		return false, b.Status, nil
	})
	return err
}

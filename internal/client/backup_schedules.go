package client

import (
	"context"
	"net/http"
)

// Backup schedules (API 2026-07): a time-based schedule per index that takes
// a backup at every due time and keeps each one for a number of days.
// Shapes: BackupScheduleResponse, CreateBackupScheduleRequest,
// UpdateBackupScheduleRequest and BackupScheduleHistoryItem of Pinecone's
// TypeScript client 9.0.0 (pinecone-generated-ts-fetch/db_control); paths
// from its ManageIndexesApi. Pinecone's docs allow one active schedule per
// index.

// Schedule types and frequencies.
const (
	ScheduleTypeTimeBased = "time-based"
	FrequencyDaily        = "daily"
	FrequencyWeekly       = "weekly"
	FrequencyMonthly      = "monthly"
)

// BackupScheduleStateScheduled is the history status of a run that has not
// happened yet (it carries ScheduledExecutionAt).
const BackupScheduleStateScheduled = "Scheduled"

// BackupSchedule is Pinecone's description of a backup schedule.
type BackupSchedule struct {
	ScheduleID               string `json:"schedule_id"`
	Name                     string `json:"name"`
	IndexID                  string `json:"index_id"`
	ProjectID                string `json:"project_id"`
	ScheduleType             string `json:"schedule_type"`
	Frequency                string `json:"frequency"`
	RetentionExpireAfterDays int32  `json:"retention_expire_after_days"`
	Enabled                  bool   `json:"enabled"`
	// NextScheduledRun is null while the schedule is disabled.
	NextScheduledRun *string `json:"next_scheduled_run"`
	CreatedAt        string  `json:"created_at"`
}

// BackupScheduleSpec says when a schedule runs.
type BackupScheduleSpec struct {
	Type      string `json:"type"`
	Frequency string `json:"frequency"`
}

// BackupRetention says how long a schedule's backups are kept.
type BackupRetention struct {
	ExpireAfterDays int32 `json:"expire_after_days"`
}

// CreateBackupScheduleRequest is the body of
// POST /indexes/{index_name}/backup-schedules.
type CreateBackupScheduleRequest struct {
	Name      string             `json:"name"`
	Schedule  BackupScheduleSpec `json:"schedule"`
	Retention BackupRetention    `json:"retention"`
}

// UpdateBackupScheduleRequest is the body of PATCH /backup-schedules/{id};
// only what changes is sent.
type UpdateBackupScheduleRequest struct {
	Frequency string           `json:"frequency,omitempty"`
	Retention *BackupRetention `json:"retention,omitempty"`
	Enabled   *bool            `json:"enabled,omitempty"`
}

// BackupScheduleHistoryItem is one backup a schedule made (or, in status
// Scheduled, the run it will make next).
type BackupScheduleHistoryItem struct {
	BackupID             string            `json:"backup_id"`
	SourceIndexID        string            `json:"source_index_id"`
	SourceIndexName      string            `json:"source_index_name"`
	Name                 string            `json:"name"`
	Description          *string           `json:"description,omitempty"`
	Status               string            `json:"status"`
	Cloud                string            `json:"cloud"`
	Region               string            `json:"region"`
	Tags                 map[string]string `json:"tags,omitempty"`
	RecordCount          *int64            `json:"record_count,omitempty"`
	NamespaceCount       *int64            `json:"namespace_count,omitempty"`
	SizeBytes            *int64            `json:"size_bytes,omitempty"`
	CreatedAt            string            `json:"created_at"`
	ScheduledExecutionAt string            `json:"scheduled_execution_at,omitempty"`
}

func backupSchedulePath(id string) string { return "/backup-schedules/" + pathEscape(id) }

func indexBackupSchedulesPath(indexName string) string {
	return indexPath(indexName) + "/backup-schedules"
}

// schedulesCall pins the version: schedules exist only in API 2026-07.
func (c *Client) schedulesCall(method, path string, body any) call {
	return call{method: method, path: path, body: body, version: c.currentVersion()}
}

// CreateBackupSchedule creates a schedule on an index. Schedule names need
// not be unique, so a retried create could make two: like CreateBackup it is
// not marked retry-safe.
func (c *Client) CreateBackupSchedule(ctx context.Context, indexName string, req CreateBackupScheduleRequest) (*BackupSchedule, error) {
	return doJSON[BackupSchedule](ctx, c, c.schedulesCall(http.MethodPost, indexBackupSchedulesPath(indexName), req))
}

// DescribeBackupSchedule returns one schedule; ErrNotFound if it does not exist.
func (c *Client) DescribeBackupSchedule(ctx context.Context, id string) (*BackupSchedule, error) {
	return doJSON[BackupSchedule](ctx, c, c.schedulesCall(http.MethodGet, backupSchedulePath(id), nil))
}

// UpdateBackupSchedule changes a schedule in place.
func (c *Client) UpdateBackupSchedule(ctx context.Context, id string, req UpdateBackupScheduleRequest) (*BackupSchedule, error) {
	return doJSON[BackupSchedule](ctx, c, c.schedulesCall(http.MethodPatch, backupSchedulePath(id), req))
}

// DeleteBackupSchedule deletes a schedule (the backups it made stay until
// they expire). A 404 is returned as ErrNotFound.
func (c *Client) DeleteBackupSchedule(ctx context.Context, id string) error {
	return c.do(ctx, c.schedulesCall(http.MethodDelete, backupSchedulePath(id), nil))
}

// ListBackupSchedules returns every schedule of an index, following
// pagination.
func (c *Client) ListBackupSchedules(ctx context.Context, indexName string) ([]BackupSchedule, error) {
	return paginate(ctx, c, c.schedulesCall(http.MethodGet, indexBackupSchedulesPath(indexName), nil),
		tokenParamControl, (*dataPage[BackupSchedule]).page)
}

// ListBackupScheduleHistory returns the backups a schedule made, following
// pagination.
func (c *Client) ListBackupScheduleHistory(ctx context.Context, id string) ([]BackupScheduleHistoryItem, error) {
	return paginate(ctx, c, c.schedulesCall(http.MethodGet, backupSchedulePath(id)+"/history", nil),
		tokenParamControl, (*dataPage[BackupScheduleHistoryItem]).page)
}

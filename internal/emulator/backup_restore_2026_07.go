package emulator

import (
	"maps"
	"time"
)

// Backups and restore jobs at API 2026-07 (spec db_control_2026-07.oas.yaml,
// BackupModel, CreateBackupRequest, CreateIndexFromBackupRequest,
// create_index_from_backup_operation, RestoreJobModel; TS client 9.0.0, the
// same models). Against 2026-04:
//
//   - BackupModel drops dimension and metric; schema is the source index's
//     IndexSchema (the same rendering as the index's schema.fields), status
//     lists Initializing, Ready and InitializationFailed, and tags is null
//     when there are none (IndexTags).
//   - CreateBackupRequest.name must follow the resource name rule ("any
//     other value is rejected with 400").
//   - CreateIndexFromBackupRequest takes read_capacity, and restoring a
//     backup that is not Ready is 412 FAILED_PRECONDITION "Backup <id> is
//     not completed" (the spec's 412 example).
//   - RestoreJobModel.status is Pending, Completed, Failed or Cancelled;
//     percent_complete is an integer, 100 once Completed and absent before
//     ("Intermediate progress is not reported"); completed_at is null until
//     the job has completed.
//   - The paginated lists default to 100 items a page (limit "default: 100"
//     on list_project_backups, list_index_backups and list_restore_jobs;
//     2026-04 says 10).

// backupModel07JSON is BackupModel at 2026-07, in its property order.
type backupModel07JSON struct {
	BackupID        string            `json:"backup_id"`
	SourceIndexName string            `json:"source_index_name"`
	SourceIndexID   string            `json:"source_index_id"`
	Name            string            `json:"name,omitempty"`
	Description     string            `json:"description,omitempty"`
	Status          string            `json:"status"`
	Cloud           string            `json:"cloud"`
	Region          string            `json:"region"`
	Schema          indexSchemaJSON   `json:"schema"`
	RecordCount     int64             `json:"record_count"`
	NamespaceCount  int64             `json:"namespace_count"`
	SizeBytes       int64             `json:"size_bytes"`
	Tags            map[string]string `json:"tags"`
	CreatedAt       string            `json:"created_at"`
}

// backupInitializationFailed is the 2026-07 name of a failed backup
// (BackupModel.status x-enum); earlier versions say Failed.
const backupInitializationFailed = "InitializationFailed"

// render returns the backup as the API version asks for it.
func (b *backup) render(version string, t time.Time, fresh bool) any {
	if version != apiVersion2026_07 {
		return b.view(t, fresh)
	}
	status := b.status(t, fresh)
	if status == backupFailed {
		status = backupInitializationFailed
	}
	return backupModel07JSON{
		BackupID:        b.id,
		SourceIndexName: b.sourceIndexName,
		SourceIndexID:   b.sourceIndexID,
		Name:            b.name,
		Description:     b.description,
		Status:          status,
		Cloud:           b.cloud,
		Region:          b.region,
		Schema:          b.schemaView07(nil),
		Tags:            maps.Clone(b.tags),
		CreatedAt:       timestampMillis(b.createdAt),
	}
}

// checkBackupName applies the 2026-07 rule for a backup's name; earlier
// versions accept any name.
func checkBackupName(version string, name *string) *apiError {
	if version != apiVersion2026_07 || name == nil {
		return nil
	}
	return validateName("Backup", *name)
}

// backupNotReady answers a restore of a backup that is not Ready: 412 at
// 2026-07 (the spec's example), 400 before (chosen then, kept).
func backupNotReady(version, id, status string) *apiError {
	if version == apiVersion2026_07 {
		return failedPrecondition("Backup %s is not completed", id)
	}
	return invalidArgument("Backup %s is not ready (status %s). Only Ready backups can be restored.", id, status)
}

// setRestoreReadCapacity applies the request's read_capacity to a restored
// index; without one it is OnDemand. Only 2026-07 requests decode the key.
func setRestoreReadCapacity(ix *index, rc *readCapacityBody) *apiError {
	ix.rc = readCapacity{mode: modeOnDemand}
	if rc == nil {
		return nil
	}
	parsed, err := parseReadCapacity("read_capacity", rc, nil)
	if err != nil {
		return err
	}
	ix.rc = parsed
	return nil
}

// restoreJob07JSON is RestoreJobModel at 2026-07.
type restoreJob07JSON struct {
	RestoreJobID    string  `json:"restore_job_id"`
	BackupID        string  `json:"backup_id"`
	TargetIndexName string  `json:"target_index_name"`
	TargetIndexID   string  `json:"target_index_id"`
	Status          string  `json:"status"`
	CreatedAt       string  `json:"created_at"`
	CompletedAt     *string `json:"completed_at"`               // null until Completed
	PercentComplete *int    `json:"percent_complete,omitempty"` // 100 once Completed, absent before
}

// render returns the job as the API version asks for it. At 2026-07 a job
// is Pending until it completes (no InProgress, no intermediate progress).
func (j *restoreJob) render(version string, t time.Time) any {
	if version != apiVersion2026_07 {
		return j.view(t)
	}
	out := restoreJob07JSON{
		RestoreJobID:    j.id,
		BackupID:        j.backupID,
		TargetIndexName: j.targetIndexName,
		TargetIndexID:   j.targetIndexID,
		Status:          restorePending,
		CreatedAt:       timestampMillis(j.createdAt),
	}
	if status, _ := j.progress(t); status == restoreCompleted {
		done := timestampMillis(j.doneAt)
		out.Status, out.CompletedAt, out.PercentComplete = restoreCompleted, &done, intPtr(100)
	}
	return out
}

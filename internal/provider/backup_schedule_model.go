package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// backupScheduleModel is pinecone_backup_schedule, and each schedule of the
// pinecone_backup_schedules data source.
type backupScheduleModel struct {
	ID               types.String `tfsdk:"id"`
	IndexName        types.String `tfsdk:"index_name"`
	Name             types.String `tfsdk:"name"`
	Frequency        types.String `tfsdk:"frequency"`
	RetentionDays    types.Int64  `tfsdk:"retention_days"`
	Enabled          types.Bool   `tfsdk:"enabled"`
	IndexID          types.String `tfsdk:"index_id"`
	ProjectID        types.String `tfsdk:"project_id"`
	ScheduleType     types.String `tfsdk:"schedule_type"`
	NextScheduledRun types.String `tfsdk:"next_scheduled_run"`
	CreatedAt        types.String `tfsdk:"created_at"`
}

// newBackupScheduleModel maps a schedule. Pinecone does not report the
// index's name (only its ID), so it comes from indexName: the configuration,
// the prior state, or the data source's argument.
func newBackupScheduleModel(s *client.BackupSchedule, indexName types.String) *backupScheduleModel {
	return &backupScheduleModel{
		ID:               types.StringValue(s.ScheduleID),
		IndexName:        indexName,
		Name:             types.StringValue(s.Name),
		Frequency:        types.StringValue(s.Frequency),
		RetentionDays:    types.Int64Value(int64(s.RetentionExpireAfterDays)),
		Enabled:          types.BoolValue(s.Enabled),
		IndexID:          types.StringValue(s.IndexID),
		ProjectID:        optionalString(s.ProjectID),
		ScheduleType:     types.StringValue(s.ScheduleType),
		NextScheduledRun: types.StringPointerValue(s.NextScheduledRun),
		CreatedAt:        types.StringValue(s.CreatedAt),
	}
}

// newCreateBackupScheduleRequest builds the create call from a plan.
func newCreateBackupScheduleRequest(plan *backupScheduleModel) client.CreateBackupScheduleRequest {
	return client.CreateBackupScheduleRequest{
		Name:      plan.Name.ValueString(),
		Schedule:  client.BackupScheduleSpec{Type: client.ScheduleTypeTimeBased, Frequency: plan.Frequency.ValueString()},
		Retention: client.BackupRetention{ExpireAfterDays: retentionDays(plan.RetentionDays)},
	}
}

// newUpdateBackupScheduleRequest returns the PATCH that turns state into
// plan, and whether anything changes.
func newUpdateBackupScheduleRequest(state, plan *backupScheduleModel) (client.UpdateBackupScheduleRequest, bool) {
	var req client.UpdateBackupScheduleRequest
	changed := false
	if !plan.Frequency.Equal(state.Frequency) {
		req.Frequency, changed = plan.Frequency.ValueString(), true
	}
	if !plan.RetentionDays.Equal(state.RetentionDays) {
		req.Retention, changed = &client.BackupRetention{ExpireAfterDays: retentionDays(plan.RetentionDays)}, true
	}
	if !plan.Enabled.Equal(state.Enabled) {
		req.Enabled, changed = boolPtr(plan.Enabled), true
	}
	return req, changed
}

// retentionDays converts retention_days, bounded by its validator.
func retentionDays(v types.Int64) int32 {
	return int32(v.ValueInt64()) //nolint:gosec // 1..maxRetentionDays by the validator
}

// backupScheduleHistoryModel is one entry of pinecone_backup_schedule_history.
type backupScheduleHistoryModel struct {
	BackupID             types.String `tfsdk:"backup_id"`
	Name                 types.String `tfsdk:"name"`
	Status               types.String `tfsdk:"status"`
	SourceIndexName      types.String `tfsdk:"source_index_name"`
	CreatedAt            types.String `tfsdk:"created_at"`
	ScheduledExecutionAt types.String `tfsdk:"scheduled_execution_at"`
}

func newBackupScheduleHistoryModel(h *client.BackupScheduleHistoryItem) backupScheduleHistoryModel {
	return backupScheduleHistoryModel{
		BackupID:             types.StringValue(h.BackupID),
		Name:                 types.StringValue(h.Name),
		Status:               types.StringValue(h.Status),
		SourceIndexName:      types.StringValue(h.SourceIndexName),
		CreatedAt:            types.StringValue(h.CreatedAt),
		ScheduledExecutionAt: optionalString(h.ScheduledExecutionAt),
	}
}

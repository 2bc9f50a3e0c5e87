package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// Rules of a backup schedule (CreateBackupScheduleRequest and
// BackupScheduleRetentionInput of API 2026-07; the docs' frequencies).
var frequencyValidator, frequencyValues = oneOf("daily", "weekly", "monthly")

// maxRetentionDays is the longest retention accepted: the API says only "no
// more than the service-configured maximum" (BackupScheduleRetentionInput);
// the emulator and the provider use a year (internal/emulator/doc.go).
const maxRetentionDays = 365

func (r *backupScheduleResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = backupScheduleResourceSchema()
}

// backupScheduleResourceSchema is pinecone_backup_schedule's schema; the
// pinecone_backup_schedules data source derives its items from it.
func backupScheduleResourceSchema() schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "A backup schedule (API 2026-07): Pinecone backs up a serverless or BYOC index at every " +
			"due time and deletes each backup after `retention_days`. An index has at most one enabled schedule. " +
			"Frequency, retention and `enabled` change in place.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The schedule ID (`schedule_id`).", Computed: true, PlanModifiers: stable,
			},
			"index_name": schema.StringAttribute{
				MarkdownDescription: "Name of the index to back up. Changing it replaces the schedule.",
				Required:            true, Validators: indexNameRule.validators(), PlanModifiers: replace,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the schedule: 1–45 lowercase letters, digits or hyphens, starting and ending " +
					"with a letter or digit (the rule of index names). Its backups are named `<name>-<time of the run>`. " +
					"Changing it replaces the schedule.",
				Required: true, PlanModifiers: replace, Validators: indexNameRule.validators(),
			},
			"frequency": schema.StringAttribute{
				MarkdownDescription: "How often a backup is taken: one of " + frequencyValues + ". Updated in place.",
				Required:            true, Validators: []validator.String{frequencyValidator},
			},
			"retention_days": schema.Int64Attribute{
				MarkdownDescription: "Days each backup of the schedule is kept, 1–365. Updated in place.",
				Required:            true, Validators: []validator.Int64{int64validator.Between(1, maxRetentionDays)},
			},
			"enabled": schema.BoolAttribute{
				MarkdownDescription: "Whether the schedule runs (default `true`). A disabled schedule takes no backups; " +
					"enabling it again takes one right away. Updated in place.",
				Optional: true, Computed: true, Default: booldefault.StaticBool(true),
			},
			"index_id":      schema.StringAttribute{MarkdownDescription: "ID of the index.", Computed: true, PlanModifiers: stable},
			"project_id":    schema.StringAttribute{MarkdownDescription: "ID of the project.", Computed: true, PlanModifiers: stable},
			"schedule_type": schema.StringAttribute{MarkdownDescription: "Always `time-based`.", Computed: true, PlanModifiers: stable},
			"next_scheduled_run": schema.StringAttribute{
				MarkdownDescription: "When the next backup is taken (RFC 3339); null while the schedule is disabled.",
				Computed:            true,
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the schedule was created (RFC 3339).", Computed: true, PlanModifiers: stable},
		},
	}
}

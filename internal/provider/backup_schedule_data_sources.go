package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*backupSchedulesDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*backupScheduleHistoryDataSource)(nil)
)

// NewBackupSchedulesDataSource is the constructor of data source
// pinecone_backup_schedules.
func NewBackupSchedulesDataSource() datasource.DataSource { return &backupSchedulesDataSource{} }

// NewBackupScheduleHistoryDataSource is the constructor of data source
// pinecone_backup_schedule_history.
func NewBackupScheduleHistoryDataSource() datasource.DataSource {
	return &backupScheduleHistoryDataSource{}
}

type backupSchedulesDataSource struct{ configuredDataSource }

type backupScheduleHistoryDataSource struct{ configuredDataSource }

type backupSchedulesDataModel struct {
	ID        types.String          `tfsdk:"id"`
	IndexName types.String          `tfsdk:"index_name"`
	Schedules []backupScheduleModel `tfsdk:"schedules"`
}

type backupScheduleHistoryDataModel struct {
	ID         types.String                 `tfsdk:"id"`
	ScheduleID types.String                 `tfsdk:"schedule_id"`
	Backups    []backupScheduleHistoryModel `tfsdk:"backups"`
}

func (d *backupSchedulesDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backup_schedules"
}

func (d *backupSchedulesDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the backup schedules of one index (all pages are read).",
		"`pinecone_backup_schedules/<index_name>`.",
		map[string]dschema.Attribute{
			"index_name": dschema.StringAttribute{
				Required: true, Validators: indexNameRule.validators(),
				MarkdownDescription: "The index whose schedules to list. An unknown index is an error.",
			},
		}, "schedules", "The schedules.", computedAttributes(backupScheduleResourceSchema().Attributes))
}

func (d *backupSchedulesDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[backupSchedulesDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	index := cfg.IndexName.ValueString()
	list, err := d.data.client.ListBackupSchedules(ctx, index)
	schedules, diags, ok := listData(&resp.Diagnostics, "backup schedules", "Listing the backup schedules of index "+index, list, err, nil,
		func(s *client.BackupSchedule) (backupScheduleModel, diag.Diagnostics) {
			return *newBackupScheduleModel(s, cfg.IndexName), nil
		})
	if ok {
		out := backupSchedulesDataModel{ID: types.StringValue("pinecone_backup_schedules/" + index), IndexName: cfg.IndexName, Schedules: schedules}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

func (d *backupScheduleHistoryDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backup_schedule_history"
}

func (d *backupScheduleHistoryDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	str := func(desc string) dschema.StringAttribute {
		return dschema.StringAttribute{Computed: true, MarkdownDescription: desc}
	}
	resp.Schema = listSchema("Lists the backups a backup schedule made, with their status (all pages are read). "+
		"Backups older than the schedule's retention are gone from Pinecone and from this list.",
		"`pinecone_backup_schedule_history/<schedule_id>`.",
		map[string]dschema.Attribute{
			"schedule_id": dschema.StringAttribute{
				Required: true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)},
				MarkdownDescription: "ID of the schedule (`pinecone_backup_schedule.<name>.id`).",
			},
		}, "backups", "The schedule's backups.", map[string]dschema.Attribute{
			"backup_id":              str("ID of the backup; restore it with `pinecone_index.source_backup_id`."),
			"name":                   str("Name of the backup: the schedule's name and the time of the run."),
			"status":                 str("Status: `Scheduled` (the next run), `Initializing`, `Ready`, or a failure state."),
			"source_index_name":      str("Name of the index backed up."),
			"created_at":             str("When the backup was created (RFC 3339)."),
			"scheduled_execution_at": str("For `Scheduled` entries: when the run is planned (RFC 3339)."),
		})
}

func (d *backupScheduleHistoryDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[backupScheduleHistoryDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	id := cfg.ScheduleID.ValueString()
	list, err := d.data.client.ListBackupScheduleHistory(ctx, id)
	backups, diags, ok := listData(&resp.Diagnostics, "backup schedule history", "Listing the backups of schedule "+id, list, err, nil,
		func(h *client.BackupScheduleHistoryItem) (backupScheduleHistoryModel, diag.Diagnostics) {
			return newBackupScheduleHistoryModel(h), nil
		})
	if ok {
		out := backupScheduleHistoryDataModel{ID: types.StringValue("pinecone_backup_schedule_history/" + id), ScheduleID: cfg.ScheduleID, Backups: backups}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

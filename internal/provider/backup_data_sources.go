package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*backupDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*backupsDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*restoreJobDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*restoreJobsDataSource)(nil)
)

// NewBackupDataSource is the constructor of data source pinecone_backup.
func NewBackupDataSource() datasource.DataSource { return &backupDataSource{} }

// NewBackupsDataSource is the constructor of data source pinecone_backups.
func NewBackupsDataSource() datasource.DataSource { return &backupsDataSource{} }

type backupDataSource struct{ configuredDataSource }

type backupsDataSource struct{ configuredDataSource }

type backupsDataModel struct {
	ID        types.String      `tfsdk:"id"`
	IndexName types.String      `tfsdk:"index_name"`
	Backups   []backupDataModel `tfsdk:"backups"`
}

func newBackupData(ctx context.Context, b *client.BackupModel) (backupDataModel, diag.Diagnostics) {
	m, diags := newBackupModel(ctx, b, &backupResourceModel{})
	return m.backupDataModel, diags
}

// backupDataAttributes mirrors the resource schema so the two never drift.
func backupDataAttributes(ctx context.Context) map[string]dschema.Attribute {
	return computedAttributes(backupResourceSchema(ctx).Attributes, "timeouts")
}

func (d *backupDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backup"
}

func (d *backupDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := backupDataAttributes(ctx)
	attrs["id"] = dschema.StringAttribute{Required: true, MarkdownDescription: "ID of the backup to read."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one Pinecone backup by ID.", Attributes: attrs}
}

func (d *backupDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "backup", "this project", "id",
		func(c *backupDataModel) string { return c.ID.ValueString() }, d.data.client.DescribeBackup, withCtx(ctx, newBackupData))
}

func (d *backupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backups"
}

func (d *backupsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the backups of the project, or of one index with `index_name`, in Pinecone's order "+
		"(all pages are read).",
		"`pinecone_backups` or, with `index_name`, `pinecone_backups/<index_name>`.",
		map[string]dschema.Attribute{
			"index_name": dschema.StringAttribute{
				Optional: true, Validators: indexNameRule.validators(),
				MarkdownDescription: "Only the backups of this index. An unknown index is an error.",
			},
		}, "backups", "The backups.", backupDataAttributes(ctx))
}

func (d *backupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	cfg, ok := readConfig[backupsDataModel](ctx, req, &resp.Diagnostics)
	if !ok {
		return
	}
	var list []client.BackupModel
	var err error
	id := "pinecone_backups"
	if index := knownString(cfg.IndexName); index != "" {
		id += "/" + index
		list, err = d.data.client.ListIndexBackups(ctx, index)
	} else {
		list, err = d.data.client.ListBackups(ctx)
	}
	backups, diags, ok := listData(&resp.Diagnostics, "backups", "Listing backups", list, err, nil, withCtx(ctx, newBackupData))
	if ok {
		out := backupsDataModel{ID: types.StringValue(id), IndexName: cfg.IndexName, Backups: backups}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

// Restore jobs (the restores of backups into new indexes) are read here too,
// as the client keeps them with backups.

// NewRestoreJobDataSource is the constructor of data source pinecone_restore_job.
func NewRestoreJobDataSource() datasource.DataSource { return &restoreJobDataSource{} }

// NewRestoreJobsDataSource is the constructor of data source pinecone_restore_jobs.
func NewRestoreJobsDataSource() datasource.DataSource { return &restoreJobsDataSource{} }

type restoreJobDataSource struct{ configuredDataSource }

type restoreJobsDataSource struct{ configuredDataSource }

type restoreJobDataModel struct {
	ID              types.String  `tfsdk:"id"`
	BackupID        types.String  `tfsdk:"backup_id"`
	TargetIndexName types.String  `tfsdk:"target_index_name"`
	TargetIndexID   types.String  `tfsdk:"target_index_id"`
	Status          types.String  `tfsdk:"status"`
	CreatedAt       types.String  `tfsdk:"created_at"`
	CompletedAt     types.String  `tfsdk:"completed_at"`
	PercentComplete types.Float64 `tfsdk:"percent_complete"`
}

type restoreJobsDataModel struct {
	ID          types.String          `tfsdk:"id"`
	RestoreJobs []restoreJobDataModel `tfsdk:"restore_jobs"`
}

func restoreJobAttributes() map[string]dschema.Attribute {
	return map[string]dschema.Attribute{
		"id":                dschema.StringAttribute{Computed: true, MarkdownDescription: "Restore job ID."},
		"backup_id":         dschema.StringAttribute{Computed: true, MarkdownDescription: "The backup being restored."},
		"target_index_name": dschema.StringAttribute{Computed: true, MarkdownDescription: "Name of the index being created."},
		"target_index_id":   dschema.StringAttribute{Computed: true, MarkdownDescription: "ID of the index being created."},
		"status":            dschema.StringAttribute{Computed: true, MarkdownDescription: "Status, e.g. `Completed`."},
		"created_at":        dschema.StringAttribute{Computed: true, MarkdownDescription: "When the job started (RFC 3339)."},
		"completed_at":      dschema.StringAttribute{Computed: true, MarkdownDescription: "When the job finished (RFC 3339), if it has."},
		"percent_complete":  dschema.Float64Attribute{Computed: true, MarkdownDescription: "Progress, 0–100."},
	}
}

func newRestoreJobData(j *client.RestoreJobModel) restoreJobDataModel {
	return restoreJobDataModel{
		ID: types.StringValue(j.RestoreJobID), BackupID: types.StringValue(j.BackupID),
		TargetIndexName: types.StringValue(j.TargetIndexName), TargetIndexID: types.StringValue(j.TargetIndexID),
		Status: types.StringValue(j.Status), CreatedAt: types.StringValue(j.CreatedAt),
		CompletedAt: optionalString(j.CompletedAt), PercentComplete: types.Float64PointerValue(j.PercentComplete),
	}
}

func (d *restoreJobDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_restore_job"
}

func (d *restoreJobDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := restoreJobAttributes()
	attrs["id"] = dschema.StringAttribute{Required: true, MarkdownDescription: "ID of the restore job to read (e.g. `pinecone_index.x.restore_job_id`)."}
	resp.Schema = dschema.Schema{MarkdownDescription: "Reads one restore job (the restore of a backup into a new index).", Attributes: attrs}
}

func (d *restoreJobDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	readOne(ctx, req, resp, "restore job", "this project", "id",
		func(c *restoreJobDataModel) string { return c.ID.ValueString() }, d.data.client.DescribeRestoreJob, noDiags(newRestoreJobData))
}

func (d *restoreJobsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_restore_jobs"
}

func (d *restoreJobsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = listSchema("Lists the restore jobs of the project (all pages are read).",
		"Constant identifier of this listing (`pinecone_restore_jobs`).",
		nil, "restore_jobs", "The restore jobs.", restoreJobAttributes())
}

func (d *restoreJobsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListRestoreJobs(ctx)
	jobs, diags, ok := listData(&resp.Diagnostics, "restore jobs", "Listing restore jobs", list, err, nil, noDiags(newRestoreJobData))
	if ok {
		out := restoreJobsDataModel{ID: types.StringValue("pinecone_restore_jobs"), RestoreJobs: jobs}
		setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
	}
}

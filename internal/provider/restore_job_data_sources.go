package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	dschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure = (*restoreJobDataSource)(nil)
	_ datasource.DataSourceWithConfigure = (*restoreJobsDataSource)(nil)
)

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
	var cfg restoreJobDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ID.ValueString()
	j, ok := describeOne(ctx, &resp.Diagnostics, "restore job", "this project", "id", id, d.data.client.DescribeRestoreJob)
	if !ok {
		return
	}
	out := newRestoreJobData(j)
	setState(ctx, &resp.State, &resp.Diagnostics, &out, nil)
}

func (d *restoreJobsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_restore_jobs"
}

func (d *restoreJobsDataSource) Schema(_ context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists the restore jobs of the project (all pages are read).",
		Attributes: map[string]dschema.Attribute{
			"id": dschema.StringAttribute{Computed: true, MarkdownDescription: "Constant identifier of this listing (`pinecone_restore_jobs`)."},
			"restore_jobs": dschema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The restore jobs.",
				NestedObject: dschema.NestedAttributeObject{Attributes: restoreJobAttributes()},
			},
		},
	}
}

func (d *restoreJobsDataSource) Read(ctx context.Context, _ datasource.ReadRequest, resp *datasource.ReadResponse) {
	list, err := d.data.client.ListRestoreJobs(ctx)
	if err != nil {
		addError(&resp.Diagnostics, "Error listing Pinecone restore jobs", "Listing restore jobs", err)
		return
	}
	out := restoreJobsDataModel{ID: types.StringValue("pinecone_restore_jobs"), RestoreJobs: []restoreJobDataModel{}}
	for i := range list {
		out.RestoreJobs = append(out.RestoreJobs, newRestoreJobData(&list[i]))
	}
	setState(ctx, &resp.State, &resp.Diagnostics, &out, nil)
}

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
)

// NewBackupDataSource is the constructor of data source pinecone_backup.
func NewBackupDataSource() datasource.DataSource { return &backupDataSource{} }

// NewBackupsDataSource is the constructor of data source pinecone_backups.
func NewBackupsDataSource() datasource.DataSource { return &backupsDataSource{} }

type backupDataSource struct{ configuredDataSource }

type backupsDataSource struct{ configuredDataSource }

// backupDataModel is pinecone_backup's attributes without timeouts.
type backupDataModel struct {
	ID              types.String `tfsdk:"id"`
	SourceIndexName types.String `tfsdk:"source_index_name"`
	Name            types.String `tfsdk:"name"`
	Description     types.String `tfsdk:"description"`
	Status          types.String `tfsdk:"status"`
	Cloud           types.String `tfsdk:"cloud"`
	Region          types.String `tfsdk:"region"`
	Dimension       types.Int64  `tfsdk:"dimension"`
	Metric          types.String `tfsdk:"metric"`
	RecordCount     types.Int64  `tfsdk:"record_count"`
	NamespaceCount  types.Int64  `tfsdk:"namespace_count"`
	SizeBytes       types.Int64  `tfsdk:"size_bytes"`
	Tags            types.Map    `tfsdk:"tags"`
	CreatedAt       types.String `tfsdk:"created_at"`
}

type backupsDataModel struct {
	ID        types.String      `tfsdk:"id"`
	IndexName types.String      `tfsdk:"index_name"`
	Backups   []backupDataModel `tfsdk:"backups"`
}

func newBackupData(ctx context.Context, b *client.BackupModel) (backupDataModel, diag.Diagnostics) {
	m, diags := newBackupModel(ctx, b, &backupResourceModel{})
	return backupDataModel{
		ID: m.ID, SourceIndexName: m.SourceIndexName, Name: m.Name, Description: m.Description, Status: m.Status,
		Cloud: m.Cloud, Region: m.Region, Dimension: m.Dimension, Metric: m.Metric, RecordCount: m.RecordCount,
		NamespaceCount: m.NamespaceCount, SizeBytes: m.SizeBytes, Tags: m.Tags, CreatedAt: m.CreatedAt,
	}, diags
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
	var cfg backupDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
		return
	}
	id := cfg.ID.ValueString()
	b, ok := describeOne(ctx, &resp.Diagnostics, "backup", "this project", "id", id, d.data.client.DescribeBackup)
	if !ok {
		return
	}
	out, diags := newBackupData(ctx, b)
	setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
}

func (d *backupsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_backups"
}

func (d *backupsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = dschema.Schema{
		MarkdownDescription: "Lists the backups of the project, or of one index with `index_name`, in Pinecone's order " +
			"(all pages are read).",
		Attributes: map[string]dschema.Attribute{
			"id": dschema.StringAttribute{Computed: true, MarkdownDescription: "`pinecone_backups` or, with `index_name`, `pinecone_backups/<index_name>`."},
			"index_name": dschema.StringAttribute{
				Optional: true, Validators: indexNameRule.validators(),
				MarkdownDescription: "Only the backups of this index. An unknown index is an error.",
			},
			"backups": dschema.ListNestedAttribute{
				Computed: true, MarkdownDescription: "The backups.",
				NestedObject: dschema.NestedAttributeObject{Attributes: backupDataAttributes(ctx)},
			},
		},
	}
}

func (d *backupsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	var cfg backupsDataModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() {
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
	if err != nil {
		addError(&resp.Diagnostics, "Error listing Pinecone backups", "Listing backups", err)
		return
	}
	out := backupsDataModel{ID: types.StringValue(id), IndexName: cfg.IndexName, Backups: []backupDataModel{}}
	var diags diag.Diagnostics
	for i := range list {
		b, d := newBackupData(ctx, &list[i])
		diags.Append(d...)
		out.Backups = append(out.Backups, b)
	}
	setState(ctx, &resp.State, &resp.Diagnostics, &out, diags)
}

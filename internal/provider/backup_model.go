package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// backupResourceModel is pinecone_backup: the attributes the data source
// shows too, plus timeouts.
type backupResourceModel struct {
	backupDataModel
	Timeouts timeouts.Value `tfsdk:"timeouts"`
}

// backupDataModel is what Pinecone reports of a backup (pinecone_backup's
// attributes without timeouts; the pinecone_backup data source's model).
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

// newBackupModel maps a backup; prior supplies timeouts.
func newBackupModel(ctx context.Context, b *client.BackupModel, prior *backupResourceModel) (*backupResourceModel, diag.Diagnostics) {
	out := *prior
	tags, diags := types.MapValueFrom(ctx, types.StringType, nonNilMap(b.Tags))
	out.ID = types.StringValue(b.BackupID)
	out.SourceIndexName = types.StringValue(b.SourceIndexName)
	out.Name = optionalString(b.Name)
	out.Description = optionalString(b.Description)
	out.Status = types.StringValue(b.Status)
	out.Cloud = types.StringValue(b.Cloud)
	out.Region = types.StringValue(b.Region)
	out.Dimension = int64Value(b.Dimension)
	out.Metric = optionalString(b.Metric)
	out.RecordCount = types.Int64PointerValue(b.RecordCount)
	out.NamespaceCount = types.Int64PointerValue(b.NamespaceCount)
	out.SizeBytes = types.Int64PointerValue(b.SizeBytes)
	out.Tags = tags
	out.CreatedAt = types.StringValue(b.CreatedAt)
	return &out, diags
}

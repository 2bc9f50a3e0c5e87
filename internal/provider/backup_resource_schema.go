package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/mapplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

func (r *backupResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = backupResourceSchema(ctx)
}

// backupResourceSchema is pinecone_backup's schema; the backup data sources
// derive theirs from it.
func backupResourceSchema(ctx context.Context) schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	stableInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "A backup of a serverless Pinecone index. A backup cannot be changed: every argument " +
			"replaces it. Creation waits until the backup is `Ready` (a `Failed` backup is an error and stays in state " +
			"as tainted). Restore it with `pinecone_index.source_backup_id`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The backup ID (`backup_id`).", Computed: true, PlanModifiers: stable,
			},
			"source_index_name": schema.StringAttribute{
				MarkdownDescription: "Name of the serverless index to back up. Changing it replaces the backup.",
				Required:            true, Validators: indexNameRule.validators(), PlanModifiers: replace,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the backup (need not be unique). Changing it replaces the backup.",
				Optional:            true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"description": schema.StringAttribute{
				MarkdownDescription: "Description of the backup. Changing it replaces the backup.",
				Optional:            true, Validators: []validator.String{stringvalidator.LengthAtLeast(1)}, PlanModifiers: replace,
			},
			"status":          schema.StringAttribute{MarkdownDescription: "Status: `Initializing`, `Ready` or `Failed`.", Computed: true, PlanModifiers: stable},
			"cloud":           schema.StringAttribute{MarkdownDescription: "Cloud of the source index.", Computed: true, PlanModifiers: stable},
			"region":          schema.StringAttribute{MarkdownDescription: "Region of the source index.", Computed: true, PlanModifiers: stable},
			"dimension":       schema.Int64Attribute{MarkdownDescription: "Dimension of the source index.", Computed: true, PlanModifiers: stableInt},
			"metric":          schema.StringAttribute{MarkdownDescription: "Metric of the source index.", Computed: true, PlanModifiers: stable},
			"record_count":    schema.Int64Attribute{MarkdownDescription: "Records in the backup.", Computed: true, PlanModifiers: stableInt},
			"namespace_count": schema.Int64Attribute{MarkdownDescription: "Namespaces in the backup.", Computed: true, PlanModifiers: stableInt},
			"size_bytes":      schema.Int64Attribute{MarkdownDescription: "Size of the backup in bytes.", Computed: true, PlanModifiers: stableInt},
			"tags": schema.MapAttribute{
				MarkdownDescription: "Tags of the source index when the backup was taken.",
				Computed:            true, ElementType: types.StringType,
				PlanModifiers: []planmodifier.Map{mapplanmodifier.UseStateForUnknown()},
			},
			"created_at": schema.StringAttribute{MarkdownDescription: "When the backup was created (RFC 3339).", Computed: true, PlanModifiers: stable},
			"timeouts":   timeoutsAttribute(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

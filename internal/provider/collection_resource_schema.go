package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
)

func (r *collectionResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = collectionResourceSchema(ctx)
}

// collectionResourceSchema is pinecone_collection's schema; the collection
// data sources derive theirs from it.
func collectionResourceSchema(ctx context.Context) schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	stableInt := []planmodifier.Int64{int64planmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A Pinecone collection: a static copy of a pod-based index (only pod-based indexes can be " +
			"copied). A collection can seed a new pod-based index (`spec.pod.source_collection`) or a serverless one " +
			"(`spec.serverless.source_collection`, Pinecone's way to move from pods to serverless). Creation waits until " +
			"the collection is `Ready`; deletion waits until it is gone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "The collection name.",
				Computed:            true,
				PlanModifiers:       stable,
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Collection name: 1–45 lowercase letters, digits or hyphens, starting and ending with " +
					"a letter or digit. Changing it replaces the collection.",
				Required:      true,
				Validators:    indexNameRule.validators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"source": schema.StringAttribute{
				MarkdownDescription: "Name of the pod-based index to copy; required to create a collection. Changing it " +
					"replaces the collection. Pinecone does not report it back, so it may be left out for an imported " +
					"collection (as `terraform plan -generate-config-out` writes it).",
				Optional:      true,
				Validators:    indexNameRule.validators(),
				PlanModifiers: []planmodifier.String{requiresReplaceWhenChangedBetweenValues()},
			},
			"environment": schema.StringAttribute{
				MarkdownDescription: "Pod environment of the collection.", Computed: true, PlanModifiers: stable,
			},
			"dimension": schema.Int64Attribute{
				MarkdownDescription: "Dimension of the vectors.", Computed: true, PlanModifiers: stableInt,
			},
			"size": schema.Int64Attribute{
				MarkdownDescription: "Size in bytes.", Computed: true, PlanModifiers: stableInt,
			},
			"vector_count": schema.Int64Attribute{
				MarkdownDescription: "Number of vectors.", Computed: true, PlanModifiers: stableInt,
			},
			"status": schema.StringAttribute{
				MarkdownDescription: "Status, e.g. `Ready`.", Computed: true, PlanModifiers: stable,
			},
			"timeouts": timeoutsAttribute(ctx, timeouts.Opts{Create: true, Delete: true}),
		},
	}
}

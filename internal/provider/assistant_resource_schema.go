package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/resource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// assistantTextMaxBytes bounds an assistant's instructions and metadata
// (CreateAssistantRequest of operationId create_assistant in
// github.com/pinecone-io/pinecone-api 2025-10/assistant_control_2025-10.oas.yaml).
const assistantTextMaxBytes = 16 * 1024

var assistantRegionValidator, regionValues = oneOf("us", "eu")

func (r *assistantResource) Schema(ctx context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = assistantResourceSchema(ctx)
}

// assistantResourceSchema is pinecone_assistant's schema; the assistant data
// sources derive theirs from it.
func assistantResourceSchema(ctx context.Context) schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A Pinecone Assistant: a hosted retrieval-augmented chat assistant over uploaded files " +
			"(see `pinecone_assistant_file`). Creation waits until it is `Ready`; deletion (which also deletes its files) " +
			"waits until it is gone.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "The assistant name.", Computed: true, PlanModifiers: stable},
			"name": schema.StringAttribute{
				MarkdownDescription: "Assistant name: 1–63 lowercase letters, digits or hyphens, starting and ending with a " +
					"letter or digit. Changing it replaces the assistant.",
				Required: true, Validators: assistantNameRule.validators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"region": schema.StringAttribute{
				MarkdownDescription: "Region where the assistant and its files live: one of " + regionValues +
					" (default `us`). Changing it replaces the assistant.",
				Optional: true, Computed: true, Default: stringdefault.StaticString("us"),
				Validators:    []validator.String{assistantRegionValidator},
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"instructions": schema.StringAttribute{
				MarkdownDescription: "Instructions that shape the assistant's answers (at most 16 KB). Updated in place.",
				Optional:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, assistantTextMaxBytes)},
			},
			"metadata": schema.DynamicAttribute{
				MarkdownDescription: "Metadata: an object, written either as an HCL object (`{ team = \"search\" }`) or as " +
					"JSON (`jsonencode({...})`), at most 16 KB of JSON. Key order and spacing Pinecone returns do not " +
					"cause changes. Updated in place.",
				Optional: true,
			},
			"host": schema.StringAttribute{
				MarkdownDescription: "Data-plane URL of the assistant (chat, files).", Computed: true, PlanModifiers: stable,
			},
			"status":     schema.StringAttribute{MarkdownDescription: "Status, e.g. `Ready`.", Computed: true, PlanModifiers: stable},
			"created_at": schema.StringAttribute{MarkdownDescription: "Creation time (RFC 3339).", Computed: true, PlanModifiers: stable},
			"updated_at": schema.StringAttribute{MarkdownDescription: "Last update time (RFC 3339).", Computed: true},
			"timeouts":   timeoutsAttribute(ctx, timeouts.Opts{Create: true, Update: true, Delete: true}),
		},
	}
}

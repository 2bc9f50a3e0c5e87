package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/booldefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/int64default"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

func (r *projectResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = projectResourceSchema()
}

// projectResourceSchema is pinecone_project's schema; the project data
// sources derive theirs from it.
func projectResourceSchema() schema.Schema {
	stable := []planmodifier.String{stringplanmodifier.UseStateForUnknown()}
	return schema.Schema{
		MarkdownDescription: "A Pinecone project, managed through the admin API (needs `client_id`/`client_secret` or " +
			"`access_token` on the provider). Indexes and assistants live in a project and are reached with one of its " +
			"API keys (see `pinecone_api_key`). Pinecone refuses to delete a project that still holds indexes, " +
			"collections, backups or assistants.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{MarkdownDescription: "Project ID (UUID).", Computed: true, PlanModifiers: stable},
			"name": schema.StringAttribute{
				MarkdownDescription: "Project name (1–512 characters). Updated in place.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, 512)},
			},
			"max_pods": schema.Int64Attribute{
				MarkdownDescription: "Pods the project may use (0 = serverless only, the default). Updated in place. " +
					"Pinecone may grant more than asked; the grant is `effective_max_pods`.",
				Optional: true, Computed: true, Default: int64default.StaticInt64(0),
				Validators: []validator.Int64{int64validator.AtLeast(0)},
			},
			"effective_max_pods": schema.Int64Attribute{
				MarkdownDescription: "Pods Pinecone actually allots to the project.", Computed: true,
			},
			"force_encryption_with_cmek": schema.BoolAttribute{
				MarkdownDescription: "Whether the project's indexes must be encrypted with customer-managed keys (CMEK). " +
					"Once enabled it cannot be disabled: turning it off is a plan-time error.",
				Optional: true, Computed: true, Default: booldefault.StaticBool(false),
			},
			"organization_id": schema.StringAttribute{MarkdownDescription: "Organization of the project.", Computed: true, PlanModifiers: stable},
			"created_at":      schema.StringAttribute{MarkdownDescription: "Creation time (RFC 3339).", Computed: true, PlanModifiers: stable},
		},
	}
}

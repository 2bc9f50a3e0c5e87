package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// serviceAccountNameMaxLength bounds a service account's name: 1–80
// characters (admin spec 2026-07, CreateServiceAccountRequest.name).
const serviceAccountNameMaxLength = 80

func (r *serviceAccountResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = serviceAccountResourceSchema()
}

// serviceAccountResourceSchema is pinecone_service_account's schema; the
// service account data sources derive their attributes from it.
func serviceAccountResourceSchema() schema.Schema {
	return schema.Schema{
		MarkdownDescription: "A service account of the organization (admin API): an identity for automation, which " +
			"exchanges its `client_id` and `client_secret` for access tokens. Grant it roles with `pinecone_role_binding`.\n\n" +
			"Pinecone shows the client secret only when the account is created and when its secret is rotated. The " +
			"provider keeps it (sensitive) in state as `client_secret` across renames and refreshes, and rotates it only " +
			"when `rotate_trigger` changes from one value to another: setting `rotate_trigger` for the first time, " +
			"removing it, renaming the account or importing it never rotates.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Service account ID; use it as `principal_id` of a role binding.", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Name of the service account (1–80 characters). Updated in place; the secret stays the same.",
				Required:            true,
				Validators:          []validator.String{stringvalidator.LengthBetween(1, serviceAccountNameMaxLength)},
			},
			"client_id": schema.StringAttribute{
				MarkdownDescription: "OAuth client ID, for the provider's `client_id` or any OAuth client-credentials exchange.",
				Computed:            true,
				PlanModifiers:       []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"client_secret": schema.StringAttribute{
				MarkdownDescription: "OAuth client secret. Known for accounts created by Terraform, and after every " +
					"rotation; null after an import until the next rotation.",
				Computed: true, Sensitive: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"rotate_trigger": schema.StringAttribute{
				MarkdownDescription: "Any value you choose, e.g. a date. Changing it from one value to another rotates " +
					"the client secret (the old secret stops working at once). Setting it where it was unset (the first " +
					"time, or after an import) only records the value, and removing it does nothing.",
				Optional: true,
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "Creation time (RFC 3339).", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"updated_at": schema.StringAttribute{
				MarkdownDescription: "Time of the last change to the account's details, such as a rename (RFC 3339).",
				Computed:            true,
			},
		},
	}
}

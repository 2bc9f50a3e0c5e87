package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework-validators/setvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/setdefault"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

var roleValidator, roleValues = oneOf(client.APIKeyRoles...)

func (r *apiKeyResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = apiKeyResourceSchema()
}

// apiKeyResourceSchema is pinecone_api_key's schema; the pinecone_api_keys
// data source derives its list items from it.
func apiKeyResourceSchema() schema.Schema {
	defaultRoles := types.SetValueMust(types.StringType, []attr.Value{types.StringValue("ProjectEditor")})
	return schema.Schema{
		MarkdownDescription: "An API key of a Pinecone project, managed through the admin API. Pinecone shows the " +
			"secret only when the key is created: it is kept (sensitive) in state as `value` across renames and role " +
			"changes, and cannot be recovered by an import. If the answer to a create is lost in transit, the provider " +
			"deletes the key that create made (its secret is unknown) and creates the key again, so no unusable key is " +
			"left behind.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "API key ID (UUID).", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"project_id": schema.StringAttribute{
				MarkdownDescription: "Project of the key. Changing it replaces the key (and its secret).",
				Required:            true, Validators: uuidValidators(),
				PlanModifiers: []planmodifier.String{stringplanmodifier.RequiresReplace()},
			},
			"name": schema.StringAttribute{
				MarkdownDescription: "Key name (1–80 characters). Updated in place; the secret stays the same.",
				Required:            true, Validators: []validator.String{stringvalidator.LengthBetween(1, 80)},
			},
			"roles": schema.SetAttribute{
				MarkdownDescription: "Roles of the key, from " + roleValues + " (default `[\"ProjectEditor\"]`). " +
					"Updated in place: the new set replaces the old one.",
				Optional: true, Computed: true, ElementType: types.StringType,
				Default: setdefault.StaticValue(defaultRoles),
				Validators: []validator.Set{
					setvalidator.SizeAtLeast(1),
					setvalidator.ValueStringsAre(roleValidator),
				},
			},
			"value": schema.StringAttribute{
				MarkdownDescription: "The secret key. Known only for keys created by Terraform (null after an import).",
				Computed:            true, Sensitive: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type serviceAccountResourceModel struct {
	ID            types.String `tfsdk:"id"`
	Name          types.String `tfsdk:"name"`
	ClientID      types.String `tfsdk:"client_id"`
	ClientSecret  types.String `tfsdk:"client_secret"`
	RotateTrigger types.String `tfsdk:"rotate_trigger"`
	CreatedAt     types.String `tfsdk:"created_at"`
	UpdatedAt     types.String `tfsdk:"updated_at"`
}

// newServiceAccountModel maps a service account; prior carries what the API
// does not return (the secret, the trigger).
func newServiceAccountModel(sa *client.ServiceAccount, prior *serviceAccountResourceModel) *serviceAccountResourceModel {
	out := *prior
	out.ID = types.StringValue(sa.ID)
	out.Name = types.StringValue(sa.Name)
	out.ClientID = types.StringValue(sa.ClientID)
	out.CreatedAt = types.StringValue(sa.CreatedAt)
	out.UpdatedAt = types.StringValue(sa.UpdatedAt)
	if out.ClientSecret.IsUnknown() {
		out.ClientSecret = types.StringNull()
	}
	return &out
}

// rotationRequested says whether a plan asks for a new secret: the trigger
// changed from one value to another. A first value (after a create without
// one, or an import) and a removal only record the change. An unknown
// planned value may turn out to differ, so it counts as a request.
func rotationRequested(prior, planned types.String) bool {
	if prior.IsNull() || planned.IsNull() {
		return false
	}
	return planned.IsUnknown() || !planned.Equal(prior)
}

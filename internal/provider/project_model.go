package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type projectResourceModel struct {
	ID                      types.String `tfsdk:"id"`
	Name                    types.String `tfsdk:"name"`
	MaxPods                 types.Int64  `tfsdk:"max_pods"`
	EffectiveMaxPods        types.Int64  `tfsdk:"effective_max_pods"`
	ForceEncryptionWithCMEK types.Bool   `tfsdk:"force_encryption_with_cmek"`
	OrganizationID          types.String `tfsdk:"organization_id"`
	CreatedAt               types.String `tfsdk:"created_at"`
}

// newProjectModel maps a project. max_pods keeps the requested value when
// Pinecone grants at least that much (it may grant more); a smaller grant is
// drift and shows.
func newProjectModel(p *client.Project, prior *projectResourceModel) *projectResourceModel {
	out := *prior
	out.ID = types.StringValue(p.ID)
	out.Name = types.StringValue(p.Name)
	out.EffectiveMaxPods = types.Int64Value(p.MaxPods)
	if prior.MaxPods.IsNull() || prior.MaxPods.IsUnknown() || p.MaxPods < prior.MaxPods.ValueInt64() {
		out.MaxPods = types.Int64Value(p.MaxPods)
	}
	out.ForceEncryptionWithCMEK = types.BoolValue(p.ForceEncryptionWithCMEK)
	out.OrganizationID = types.StringValue(p.OrganizationID)
	out.CreatedAt = types.StringValue(p.CreatedAt)
	return &out
}

package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type inviteResourceModel struct {
	ID            types.String `tfsdk:"id"`
	Email         types.String `tfsdk:"email"`
	RoleBindings  types.List   `tfsdk:"role_bindings"`
	ResendTrigger types.String `tfsdk:"resend_trigger"`
	Status        types.String `tfsdk:"status"`
	ExpiresAt     types.String `tfsdk:"expires_at"`
	ProcessedAt   types.String `tfsdk:"processed_at"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

type inviteBindingModel struct {
	ResourceType types.String `tfsdk:"resource_type"`
	ResourceID   types.String `tfsdk:"resource_id"`
	Role         types.String `tfsdk:"role"`
}

// newInviteModel maps an invite; prior carries what the API does not return
// (the role bindings, the resend trigger).
func newInviteModel(inv *client.Invite, prior *inviteResourceModel) *inviteResourceModel {
	out := *prior
	out.ID = types.StringValue(inv.ID)
	out.Email = sameSpelling(prior.Email, inv.Email)
	out.Status = types.StringValue(inv.Status)
	out.ExpiresAt = types.StringPointerValue(inv.ExpiresAt)
	out.ProcessedAt = types.StringPointerValue(inv.ProcessedAt)
	out.CreatedAt = types.StringValue(inv.CreatedAt)
	if out.RoleBindings.IsUnknown() {
		out.RoleBindings = types.ListNull(types.ObjectType{AttrTypes: inviteBindingAttrTypes})
	}
	return &out
}

// inviteBindingInputs converts the planned role bindings into the request's.
func inviteBindingInputs(ctx context.Context, list types.List) ([]client.RoleBindingInput, diag.Diagnostics) {
	var bindings []inviteBindingModel
	diags := list.ElementsAs(ctx, &bindings, false)
	out := make([]client.RoleBindingInput, 0, len(bindings))
	for _, b := range bindings {
		out = append(out, client.RoleBindingInput{
			ResourceType: b.ResourceType.ValueString(), ResourceID: knownString(b.ResourceID), Role: b.Role.ValueString(),
		})
	}
	return out, diags
}

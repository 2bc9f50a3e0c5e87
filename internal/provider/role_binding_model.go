package provider

import (
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

type roleBindingModel struct {
	ID            types.String `tfsdk:"id"`
	PrincipalType types.String `tfsdk:"principal_type"`
	PrincipalID   types.String `tfsdk:"principal_id"`
	ResourceType  types.String `tfsdk:"resource_type"`
	ResourceID    types.String `tfsdk:"resource_id"`
	Role          types.String `tfsdk:"role"`
	CreatedAt     types.String `tfsdk:"created_at"`
}

func newRoleBindingModel(b *client.RoleBinding) roleBindingModel {
	return newRoleBindingModelFrom(b, &roleBindingModel{})
}

// newRoleBindingModelFrom maps a binding for a resource whose prior state
// (or plan) is prior: IDs keep the configured spelling (sameSpelling).
func newRoleBindingModelFrom(b *client.RoleBinding, prior *roleBindingModel) roleBindingModel {
	out := roleBindingModel{
		ID: types.StringValue(b.ID), PrincipalType: types.StringValue(b.PrincipalType),
		PrincipalID: types.StringValue(b.PrincipalID), ResourceType: types.StringValue(b.ResourceType),
		ResourceID: types.StringValue(b.ResourceID), Role: types.StringValue(b.Role),
		CreatedAt: types.StringValue(b.CreatedAt),
	}
	out.PrincipalID = sameSpelling(prior.PrincipalID, b.PrincipalID)
	out.ResourceID = sameSpelling(prior.ResourceID, b.ResourceID)
	return out
}

// createRoleBindingRequest is the API request for a planned binding.
func createRoleBindingRequest(m *roleBindingModel) client.CreateRoleBindingRequest {
	req := client.CreateRoleBindingRequest{
		PrincipalType: m.PrincipalType.ValueString(), PrincipalID: m.PrincipalID.ValueString(),
		ResourceType: m.ResourceType.ValueString(), Role: m.Role.ValueString(),
	}
	if req.ResourceType == client.ScopeProject {
		req.ResourceID = knownString(m.ResourceID)
	}
	return req
}

// sameGrant tells whether b grants what req asks for. For organization
// scope the request names no resource, so any resource_id matches.
func sameGrant(b client.RoleBinding, req client.CreateRoleBindingRequest) bool {
	return b.PrincipalType == req.PrincipalType && strings.EqualFold(b.PrincipalID, req.PrincipalID) &&
		b.ResourceType == req.ResourceType && b.Role == req.Role &&
		(req.ResourceID == "" || strings.EqualFold(b.ResourceID, req.ResourceID))
}

// grantFilter lists the bindings that could equal req.
func grantFilter(req client.CreateRoleBindingRequest) client.RoleBindingFilter {
	return client.RoleBindingFilter(req)
}

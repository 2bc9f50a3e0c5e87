package provider

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/planmodifier"
	"github.com/hashicorp/terraform-plugin-framework/resource/schema/stringplanmodifier"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/vectorcraft/terraform-provider-pinecone/internal/client"
)

// Principal types a pinecone_role_binding may name. Invites are left out on
// purpose (inviteBindingDetail).
var managedPrincipalTypes = []string{client.PrincipalUser, client.PrincipalServiceAccount, client.PrincipalAPIKey}

var (
	scopeValidator, scopeValues = oneOf(client.ScopeOrganization, client.ScopeProject)
	anyRoleValidator, _         = oneOf(append(append([]string{}, client.OrganizationRoles...), client.ProjectRoles...)...)
)

// inviteBindingDetail explains why principal_type "invite" is refused.
const inviteBindingDetail = "A role binding of an invite cannot be managed as its own resource: when the invite is " +
	"accepted, Pinecone moves the invite's bindings to the new user (same binding ID, principal_type becomes " +
	"\"user\"), so a resource declared for the invite would read as changed and be replaced, revoking and " +
	"re-granting the role. Give the invite its roles in `pinecone_invite.role_bindings`; once it is accepted, " +
	"manage the user's roles here with `principal_type = \"user\"`."

func (r *roleBindingResource) Schema(_ context.Context, _ resource.SchemaRequest, resp *resource.SchemaResponse) {
	resp.Schema = roleBindingResourceSchema()
}

func markdownList(values []string) string {
	quoted := make([]string, len(values))
	for i, v := range values {
		quoted[i] = "`" + v + "`"
	}
	return strings.Join(quoted, ", ")
}

// roleBindingResourceSchema is pinecone_role_binding's schema; the role
// binding data sources derive their attributes from it.
func roleBindingResourceSchema() schema.Schema {
	replace := []planmodifier.String{stringplanmodifier.RequiresReplace()}
	return schema.Schema{
		MarkdownDescription: "Grants a role to a principal (a user, a service account or an API key) on the " +
			"organization or on one project (admin API). Pinecone cannot change a binding: any change replaces it, " +
			"which revokes the old role and grants the new one. A principal's permissions are the union of its bindings.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "Role binding ID.", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
			"principal_type": schema.StringAttribute{
				MarkdownDescription: "Kind of principal: " + markdownList(managedPrincipalTypes) + ". (`invite` is " +
					"refused: give an invite its roles in `pinecone_invite`.) Changing it replaces the binding.",
				Required: true, PlanModifiers: replace,
				Validators: []validator.String{principalTypeValidator{}},
			},
			"principal_id": schema.StringAttribute{
				MarkdownDescription: "ID (UUID) of the user, service account or API key. Changing it replaces the binding.",
				Required:            true, PlanModifiers: replace, Validators: uuidValidators(),
			},
			"resource_type": schema.StringAttribute{
				MarkdownDescription: "Scope of the role: " + scopeValues + ". Changing it replaces the binding.",
				Required:            true, PlanModifiers: replace, Validators: []validator.String{scopeValidator},
			},
			"resource_id": schema.StringAttribute{
				MarkdownDescription: "Project ID when `resource_type` is `project` (required then, and omitted for " +
					"`organization`, where Pinecone reports the organization's ID). Changing it replaces the binding.",
				Optional: true, Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown(), stringplanmodifier.RequiresReplace()},
			},
			"role": schema.StringAttribute{
				MarkdownDescription: "Role to grant. Organization roles: " + markdownList(client.OrganizationRoles) +
					". Project roles: " + markdownList(client.ProjectRoles) + "; API keys may hold only " +
					markdownList(client.APIKeyRoles) + ". Changing it replaces the binding.",
				Required: true, PlanModifiers: replace, Validators: []validator.String{anyRoleValidator},
			},
			"created_at": schema.StringAttribute{
				MarkdownDescription: "Creation time (RFC 3339).", Computed: true,
				PlanModifiers: []planmodifier.String{stringplanmodifier.UseStateForUnknown()},
			},
		},
	}
}

// principalTypeValidator accepts the managed principal types and explains
// why an invite is not one of them.
type principalTypeValidator struct{}

func (principalTypeValidator) Description(context.Context) string {
	return "value must be one of " + strings.Join(managedPrincipalTypes, ", ")
}

func (v principalTypeValidator) MarkdownDescription(ctx context.Context) string {
	return v.Description(ctx)
}

func (principalTypeValidator) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	switch v := req.ConfigValue.ValueString(); {
	case v == client.PrincipalInvite:
		resp.Diagnostics.AddAttributeError(req.Path, "Role bindings of invites are not managed here", inviteBindingDetail)
	case !slices.Contains(managedPrincipalTypes, v):
		resp.Diagnostics.AddAttributeError(req.Path, "Invalid principal_type",
			fmt.Sprintf("%q is not a principal type; use one of %s.", v, strings.Join(managedPrincipalTypes, ", ")))
	}
}

// scopeRoleProblem checks that a role fits its scope and principal, as
// Pinecone's docs say (organization roles only at organization scope,
// project roles only at project scope, and API keys only the project access
// roles); resourceID is the configured resource_id, null or unknown alike
// when unset. It returns the attribute at fault and why, or "" when fine.
// Unknown values are not judged.
func scopeRoleProblem(principalType, resourceType, role string, resourceID types.String) (string, string) {
	switch resourceType {
	case client.ScopeOrganization:
		if !resourceID.IsNull() {
			return "resource_id", "Leave resource_id unset for an organization-scoped binding: the organization is the one of the credentials."
		}
		if role != "" && !slices.Contains(client.OrganizationRoles, role) {
			return "role", fmt.Sprintf("%q is not an organization role; at organization scope use one of %s.", role, strings.Join(client.OrganizationRoles, ", "))
		}
		if principalType == client.PrincipalAPIKey {
			return "resource_type", "API keys belong to one project and can hold only project roles: use resource_type = \"project\" with the key's project."
		}
	case client.ScopeProject:
		if resourceID.IsNull() {
			return "resource_id", "A project-scoped binding needs resource_id: the ID of the project."
		}
		if role != "" && !slices.Contains(client.ProjectRoles, role) {
			return "role", fmt.Sprintf("%q is not a project role; at project scope use one of %s.", role, strings.Join(client.ProjectRoles, ", "))
		}
		if principalType == client.PrincipalAPIKey && role != "" && !slices.Contains(client.APIKeyRoles, role) {
			return "role", fmt.Sprintf("API keys cannot hold %s (it includes project settings, members and API keys); use one of %s, or a service account.",
				role, strings.Join(client.APIKeyRoles, ", "))
		}
	}
	return "", ""
}

// ValidateConfig applies scopeRoleProblem to the configuration, so a binding
// Pinecone would refuse fails at plan.
func (r *roleBindingResource) ValidateConfig(ctx context.Context, req resource.ValidateConfigRequest, resp *resource.ValidateConfigResponse) {
	var cfg roleBindingModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &cfg)...)
	if resp.Diagnostics.HasError() || cfg.ResourceType.IsUnknown() || cfg.ResourceID.IsUnknown() {
		return
	}
	if attr, why := scopeRoleProblem(knownString(cfg.PrincipalType), cfg.ResourceType.ValueString(), knownString(cfg.Role), cfg.ResourceID); attr != "" {
		resp.Diagnostics.AddAttributeError(path.Root(attr), "Invalid role binding", why)
	}
}
